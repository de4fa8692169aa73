"""What a social card kind is, and the layout pieces every card kind shares.

A card kind is one class, a subclass of :class:`CardKind`: its fields are its schema (one
entry of ``social: cards:``), and its methods are everything else about it, so adding a kind
means one module here plus one line in ``__init__.py``'s registry:

* ``layout(lay)``: lay the card out in one preset at one squeeze level (0: preferred sizes,
  1: minimum sizes and tighter gaps), returning its :class:`~deckgen.render.cardkit.CardJob`
  (whose ``draw`` paints it with Pillow), or raise :class:`FitError` naming the field; a
  kind may return the card at a tighter level of :data:`SQUEEZE` where this one could only
  leave a text off (a chart card's subtitle), rather than be asked at each level between;
* ``score(job)``: for kinds that try every squeeze level and keep the best (a stat card's
  value grows as its title shrinks); ``None`` keeps the first level that fits;
* ``suggested_caption()``: the caption, written from the content;
* ``alt_text(shows)``: the alt text, written after the card is drawn: ``shows`` is what its
  charts show as they described themselves once drawn (its job's ``alt()``; a scatter's
  names the labels that found no room), empty for a card of text alone;
* ``check(ctx, where)``: what only the data can show (a chart card's highlight).

Sizes are design pixels at 1080 px wide, scaled by the preset's width (:meth:`CardLayout.px`);
boxes are :class:`~deckgen.layout.geometry.Rect` in whole pixels.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from deckgen.errors import FitError, Location, Problem, joined
from deckgen.kinds.charts._named import STOP_WORDS, title_rows
from deckgen.layout.geometry import Rect
from deckgen.layout.text import CARD, Fitted, pieces
from deckgen.layout.units import Length, Px
from deckgen.outline.schema import CardSpec
from deckgen.outline.text_numbers import values_stated
from deckgen.outline.words import ENGLISH
from deckgen.render.cardkit import CardFrame, Footer, Logo, PlacedChart, Rule, TextBlock, place
from deckgen.render.charts import ChartJob
from deckgen.render.jobs import Canvas
from deckgen.search import least
from deckgen.theming.fonts import covering

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from pathlib import Path

    import pandas as pd

    from deckgen.kinds.charts import ChartKind
    from deckgen.outline.load import LoadedOutline, PathKey
    from deckgen.outline.presets import Preset
    from deckgen.outline.words import ShownWords, Words
    from deckgen.render.cardkit import Align, CardJob
    from deckgen.tables.select import ChartData
    from deckgen.theming.fonts import FontFiles
    from deckgen.theming.load import LoadedTheme
    from deckgen.theming.model import Palette

#: Charts are drawn at 144 dpi: 2 px per point.
CHART_DPI = 144
#: The width a phone shows a card at, in points: a feed post fills an iPhone's 375 pt
#: screen (wider cards are shown at the same width, so their pixels scale with the width,
#: as design pixels do).
PHONE_PT = 375
#: Body text on a card (titles, labels, items, quotations) is at least 12 pt on that phone:
#: the slides' floor, and the smallest size Apple's guidelines set for reading (caption 1).
BODY_PT = 12
#: Fine print (the source line, the wordmark, notes, chart labels) at least 11 pt: the
#: smallest size Apple's guidelines allow at all (caption 2).
FINE_PT = 11
#: Those floors in design px (px at 1080 wide): 12 pt x 1080 / 375 = 34.6, 11 pt = 31.7.
BODY_PX = math.ceil(BODY_PT * 1080 / PHONE_PT)
FINE_PX = math.ceil(FINE_PT * 1080 / PHONE_PT)
#: Text roles in fine print; every other text on a card is body text.
FINE_ROLES = frozenset({"source", "wordmark", "note", "sources", "chart labels"})


def phone_points(px: float, width: int) -> float:
    """A size in a card's pixels as points on a phone showing the card ``width`` px wide
    across its :data:`PHONE_PT`-point screen."""
    return px * PHONE_PT / width


def under_phone_floor(job: CardJob) -> list[tuple[str, float, int]]:
    """The texts of ``job`` smaller than a phone's floor for them (:data:`BODY_PT`, fine
    print :data:`FINE_PT`: chart labels too) when the card fills a phone's width: (role,
    points, floor). A chart's labels are inside its picture, so their size is the chart's
    own (:func:`chart_text_px`)."""
    width = job.frame.width
    sizes = [(b.role, float(b.size.px)) for b in job.texts()]
    sizes += [("chart labels", chart_text_px(placed.job)) for placed in job.pictures()]
    found = []
    for role, px in sizes:
        floor = FINE_PT if role in FINE_ROLES else BODY_PT
        pt = phone_points(px, width)
        if pt < floor - 0.05:  # whole pixels: 35 px is 12.15 pt, 34 px 11.8 pt
            found.append((role, round(pt, 1), floor))
    return found


def chart_text_px(job: ChartJob) -> float:
    """The size of a chart picture's labels in its pixels: the theme's chart label size
    (points) times the canvas's text scale, at its dpi."""
    canvas = job.canvas
    return job.theme.theme.sizes.chart_label * canvas.scale * canvas.dpi / 72


#: Smallest chart label, in px at 1080 wide: chart labels are fine print, so the floor
#: for it (11 pt on a phone), not a size of their own. Unrounded (31.7), so that it is
#: rounded up once, at the preset's width: 47 px at 1600 wide is 11.02 pt on a phone,
#: where :data:`FINE_PX` scaled (48) would cost a 5-row chart its last row on an x-post.
CHART_LABEL_PX = FINE_PT * 1080 / PHONE_PT
#: The brand strip's height, in px at 1080 wide: about the 2% of height a template's
#: band takes on a slide, and well clear of the safe area's 60 px margin.
STRIP_PX = 20

Names = tuple[str | int, ...]


class CardKind(CardSpec):
    """A card kind (see the module doc). Subclasses set ``kind`` to a one-value Literal."""

    #: As tall as its content (presets 'long' or 'WIDTHxauto') rather than a fixed size.
    long_form: ClassVar[bool] = False
    #: Its title states the finding of its numbers (``deckgen check`` wants a verb in it).
    states_finding: ClassVar[bool] = False
    #: It lists its sources and note itself (an infographic's Sources block), and its alt
    #: text says them as listed: nothing is added after it.
    lists_sources: ClassVar[bool] = False

    def layout(self, lay: CardLayout) -> CardJob:
        raise NotImplementedError

    def score(self, job: CardJob) -> float | None:
        """Higher is better, for kinds whose every squeeze level is tried; ``None``: the
        first level that fits is kept."""
        return None

    def best_score(self, lay: CardLayout) -> float:
        """A score no later level can beat (trying stops once a level reaches it)."""
        return float("inf")

    def alt_text(self, shows: str) -> str:
        """The alt text, once the card is drawn: ``shows`` is what its charts show (see the
        module doc)."""
        raise NotImplementedError

    def suggested_caption(self) -> str:
        """The caption to post the card with."""
        raise NotImplementedError

    def default_name(self) -> str:
        """The file-name stem when the card names none."""
        return slug(self.title or self.kind)

    def check(self, tables: dict[str, pd.DataFrame], where: Location) -> list[Problem]:
        return []

    def reference_problems(self, tables: dict[str, pd.DataFrame],
                           where: Location) -> list[Problem]:  # fmt: skip
        """Each of the card's charts' mean or median reference lines of only the rows
        ``top:`` keeps (:func:`chart_reference`), which a build warns of once for all its
        presets, and ``deckgen check`` reports (NUM013): none by default. ``where`` is the
        card's place; each problem names its field (its line found by the caller)."""
        return []

    def tie_problems(self, tables: dict[str, pd.DataFrame],
                     where: Location) -> list[Problem]:  # fmt: skip
        """Each of the card's charts' ``top:`` that cuts between rows of the same ``sort:``
        value (:func:`chart_tie`), which a build warns of once for all its presets, and
        ``deckgen check`` reports (NUM016): none by default. ``where`` as above."""
        return []

    def totals_problems(self, tables: dict[str, pd.DataFrame],
                        where: Location) -> list[Problem]:  # fmt: skip
        """Each of the card's charts' total rows drawn beside the parts they add up
        (:func:`chart_totals`), which a build warns of once for all its presets, and
        ``deckgen check`` reports (NUM006): none by default. ``where`` as above."""
        return []

    def written_alt(self) -> tuple[tuple[str, ...], str] | None:
        """The alt text the outline writes for this card (the field it is in, and the
        text), or ``None``: it is written from the data."""
        return (("alt",), self.alt) if self.alt is not None else None


# --------------------------------------------------------------------------- planning state
@dataclass(frozen=True)
class CardRequest:
    """One card to make, from ``social.cards`` or from a shared slide."""

    card: CardKind
    key: PathKey  # where it is in the outline: ("social", "cards", 3) or ("slides", 4)
    name: str
    format: str
    #: Card field -> outline path, where they differ from ``key + (field,)`` (a shared
    #: stats slide's value is at ``slides[i].items[k].value``).
    fields: tuple[tuple[str, PathKey], ...] = ()

    def path(self, *names: str | int) -> PathKey:
        """The outline path of a card field, for messages."""
        mapped = dict(self.fields)
        head = names[0] if names else None
        if isinstance(head, str) and head in mapped:
            return (*mapped[head], *names[1:])
        return (*self.key, *names)


@dataclass(frozen=True)
class CardContext:
    """What every card of an outline shares: data, theme, wordmark or logo."""

    loaded: LoadedOutline[Any]
    tables: dict[str, pd.DataFrame]
    theme: LoadedTheme
    wordmark: str | None
    logo: Path | None
    logo_ratio: float = 1.0
    hashtags: tuple[str, ...] = ()
    #: The logo's part in the PowerPoint package ``logo`` when it is a template's own.
    logo_member: str | None = None
    #: The brand strip's colour: the template's band, else the theme's primary colour.
    brand: str | None = None
    #: Where the outline writes the wordmark (``social.wordmark`` or ``deck.organisation``):
    #: one that does not fit is said there, not at each card (found by fuzzing).
    wordmark_at: Location | None = None


#: The squeeze levels a card is laid out at in turn (:attr:`CardLayout.squeeze`): preferred
#: sizes first, minimum sizes last.
SQUEEZE = (0.0, 0.25, 0.5, 0.75, 1.0)


@dataclass(frozen=True)
class CardLayout:
    """One card in one preset while it is laid out."""

    ctx: CardContext
    req: CardRequest
    preset: Preset
    height: int  # the image height; a long-form image sets it when its content is known
    #: 0 sets text at its preferred sizes, 1 at its minimum sizes with tighter gaps.
    squeeze: float = 0.0

    def px(self, design: float) -> Length:
        """A design size (px at 1080 wide) at this preset's width, in whole pixels."""
        return Px(round(design * self.preset.unit))

    def least(self, design: float) -> Length:
        """A smallest size (design px) at this preset's width, rounded up: a floor such as
        :data:`FINE_PX` must not fall under its points on a phone by rounding."""
        return Px(math.ceil(design * self.preset.unit - 1e-9))

    def size(self, largest: float, smallest: float) -> Length:
        """The largest size text may take at this squeeze."""
        return max(self.px(largest - (largest - smallest) * self.squeeze), self.least(smallest))

    def gap(self, design: float) -> Length:
        """Whitespace between blocks: tightens by up to a third as the card fills."""
        return self.px(design * (1 - self.squeeze / 3))

    @property
    def safe(self) -> Rect:
        s = self.preset.safe
        return Rect(Px(s.left), Px(s.top), Px(self.preset.width - s.left - s.right),
                    Px(self.height - s.top - s.bottom))  # fmt: skip

    @property
    def colors(self) -> Palette:
        return self.ctx.theme.theme.colors

    @property
    def theme(self) -> LoadedTheme:
        return self.ctx.theme

    def where(self, *names: str | int) -> Location:
        return self.ctx.loaded.locate(*self.req.path(*names))

    def describe(self) -> str:
        p = self.preset
        return f"card {self.req.name!r} ({self.req.card.kind}, {p.name} {p.size_text})"

    def fits(
        self,
        text: str,
        font: Path,
        *,
        max_width: Length,
        max_height: Length,
        largest: float,
        smallest: float,
        max_lines: int | None = None,
        spacing: float = 1.0,
        balance: bool = True,
    ) -> Fitted | None:
        """``text`` fitted as :meth:`fit` fits it, or ``None`` where it does not fit: for
        asking whether it would, without the cost of the error's message (nor, with
        ``balance`` false, of balancing its lines, which keeps their count and height)."""
        return CARD.fit(
            text, font, width=max_width, height=max(max_height, Length(0)),
            max_size=self.size(largest, smallest), min_size=self.least(smallest),
            spacing=spacing, max_lines=max_lines, balance=balance,
        )  # fmt: skip

    def fit(
        self,
        text: str,
        font: Path,
        names: Names,
        what: str,
        *,
        max_width: Length,
        max_height: Length,
        largest: float,
        smallest: float,
        max_lines: int | None = None,
        spacing: float = 1.0,
        hint: str | None = None,
        at: Location | None = None,
    ) -> Fitted:
        """Fit ``text`` between ``largest`` and ``smallest`` design px, or raise a
        :class:`FitError` naming the card, the field (or ``at``, a text every card shares)
        and the text."""
        fitted = self.fits(
            text, font, max_width=max_width, max_height=max_height, largest=largest,
            smallest=smallest, max_lines=max_lines, spacing=spacing,
        )  # fmt: skip
        if fitted is not None:
            return fitted
        low = self.least(smallest)
        height = max(max_height, Length(0))
        lines = CARD.wrap(text, font, low, max_width)
        wide = [w for line in text.split("\n") for w in pieces(line)[0]
                if CARD.width(w, font, low) > max_width]  # fmt: skip
        length = len(" ".join(text.split()))
        if wide:
            why = f"the word {wide[0]!r} is wider than its {max_width.px} px column"
            # Not 'a larger preset': text scales with the card's width, so the word is as
            # much too wide on any (a URL failed alike at 1080 and 4000 px; fuzzing).
            advice = (
                "shorten the word, or break it where a reader would (a web address: "
                "its site alone; a long name: at a hyphen or a space)"
            )
        elif max_lines and len(lines) > max_lines:
            fits = CARD.capacity(text, font, low, max_width, max_lines)
            why = f"it needs {len(lines)} lines and {max_lines} fit"
            advice = f"about {fits} of its {length} characters fit; shorten it"
        else:
            need = CARD.block_height(font, low, len(lines), spacing,
                                     drawn=covering(font, text)).px  # fmt: skip
            why = f"it needs {need} px of height and {height.px} px are left"
            advice = fixes(self.preset, "shorten it or the other text on the card")
        raise FitError(
            Problem(
                self.where(*names) if at is None else at,
                f"{what} of {self.describe()} does not fit even at {low.px} px ({why}): "
                f"{clip(text)!r}",
                hint or advice,
            )
        )


# --------------------------------------------------------------------------- small helpers
def taller_presets(preset: Preset, need: float = 1.0) -> list[str]:
    """The named presets whose safe area is taller than ``preset``'s, ``need`` times its
    height at least (and a pixel more, at any ``need``): none for a story card, the
    tallest, nor for a long-form one, which grows to its content. Heights in design px
    (a card's text scales with its width): x-post, 273 px taller than linkedin but wider
    too, has 8% more room for a list, and was named to a list that needed a quarter more
    (found in review)."""
    from deckgen.outline.presets import PRESETS

    if preset.height is None:
        return []

    def room(p: Preset) -> float:
        return p.safe_size()[1] / p.unit

    least = max(need * room(preset), room(preset) + 1)
    return [p.name for p in PRESETS.values() if p.height and room(p) >= least]


#: How much taller a preset must be to be named as a fix (:func:`fixes`): ig-tall, 7% taller
#: than ig-portrait, is; og, 0.6% taller than linkedin, is not.
TALLER = 1.05


def fixes(preset: Preset, *options: str, need: float = TALLER) -> str:
    """A hint's fixes, the last after ', or', with 'choose a taller preset (...)' last
    where one is taller than ``preset`` (:func:`taller_presets`): a story card, the
    tallest, was told to 'choose a taller preset' (found in review). Taller by
    :data:`TALLER` at least, or by ``need`` where the caller knows how much room it lacks:
    a linkedin card's title too long to leave its chart room was told to choose og, 3 px
    taller, which refused the same title in the same build."""
    taller = taller_presets(preset, max(need, TALLER))
    if taller:
        options = (*options, f"choose a taller preset ({joined(taller, 'or')})")
    return options[-1] if len(options) == 1 else f"{', '.join(options[:-1])}, or {options[-1]}"


def clip(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


#: The words that say a number's size or unit right after it, left out of a name with it.
_MAGNITUDES = frozenset(
    "thousand thousands million millions billion billions trillion trillions k m bn b tn "
    "percent pct per cent".split()
)


def slug(text: str, words: int = 6) -> str:
    """A file-name stem: 'China built 32% of the world's…' -> 'china-built-of-the-world';
    accents dropped and other scripts kept as in batch folders (:func:`~deckgen.io.name_words`).

    Numbers are left out: titles are often bound to the data, and a card's file name must
    not change when next year's figures arrive (posts and links point at it).
    """
    import re

    from deckgen.io import name_words

    text = re.sub(r"['’]s\b", "", text)
    parts: list[str] = []
    number = False
    for word in name_words(text):
        # A number's magnitude goes with it ('2.3 million trips', '905.7 thousand'): a
        # route that passed a million riders renamed its card (found by a new user).
        if re.search(r"\d", word) or (number and word in _MAGNITUDES):
            number = True
            continue
        number = False
        parts.append(word)
    parts = parts[:words]
    # A word in capitals is a name ('IN' for Indiana, 'US'), never a word left out: the
    # state fact sheets named every state's card after it but Indiana's.
    stop = STOP_WORDS - {w.casefold() for w in re.findall(r"[^\W_]{2,}", text) if w.isupper()}
    while parts and parts[0] in stop:
        parts.pop(0)
    while len(parts) > 1 and parts[-1] in stop:
        parts.pop()
    return "-".join(parts)[:48].strip("-") or "card"


def stat_words(stat: Any) -> str:
    qualifier = f"{stat.qualifier} " if stat.qualifier else ""
    return f"{qualifier}{stat.value} {stat.label}"


# --------------------------------------------------------------------------- shared pieces
def frame(lay: CardLayout) -> CardFrame:
    """The card's canvas, with the brand strip full-bleed along its top edge (outside the
    safe area: it is colour, not text, so a platform's overlay may cover it)."""
    strip = Rule(Rect(Px(0), Px(0), Px(lay.preset.width), lay.px(STRIP_PX)),
                 lay.ctx.brand or lay.colors.primary)  # fmt: skip
    return CardFrame(lay.preset.width, lay.height, lay.safe, lay.colors.background, strip)


#: A card kind's layout, in :func:`grown`.
J = TypeVar("J")


def grown(steps: Sequence[float], layout: Callable[[float], J], band: Callable[[J], float],
          size: Callable[[J], float], most: float) -> tuple[J, float]:  # fmt: skip
    """A card laid out (``layout(grow)``) with its title at its usual size, or at the first
    of ``steps`` (each a multiple of it) that leaves no empty ``band`` around its main
    element wider than ``most`` px: a short text on a tall card left bands of empty space
    around it. Never at the cost of the main element's ``size``, nor past a size that does
    not fit. Returns the layout and the multiple it took."""
    best, took = layout(1.0), 1.0
    for grow in steps:
        if band(best) <= most:
            break
        try:
            job = layout(grow)
        except FitError:
            break
        if size(job) < size(best):
            break
        best, took = job, grow
    return best, took


def accent_rule(lay: CardLayout, x: Length, y: Length) -> Rule:
    """The short bar in the highlight colour that opens a card, as on every slide."""
    return Rule(Rect(x, y, lay.px(96), lay.px(10)), lay.colors.highlight)


def source_line(source: str | None, words: Words, notes: Sequence[str | None] = ()) -> str | None:
    """'Source: BEA', with the ``notes`` said after it: the card's ``note``, what its
    chart needs said."""
    line = words.source_line([words.bare(source)]) if source else ""
    return words.noted(line, list(dict.fromkeys(n for n in notes if n))) or None


#: The room between the source line and the wordmark or logo beside it, in px at 1080 wide.
FOOTER_GAP_PX = 40
#: A wordmark's largest size and the height of each of its lines, in px at 1080 wide.
WORDMARK_PX, WORDMARK_LINE_PX = 36, 60
#: The source line's most lines, their spacing, and its tallest block (px at 1080 wide).
SOURCE_LINES, SOURCE_SPACING, SOURCE_MAX_PX = 3, 1.15, 160


def _source_fitting(lay: CardLayout) -> dict[str, Any]:
    """How the source line is fitted (at the fine-print floor, :data:`FINE_PX`: in as few
    lines as any size lets it take, and one size on every card of a preset), but its
    width: :func:`footer_blocks` sets it, and :func:`wordmark_block` leaves it the width
    it needs (:func:`_source_width`)."""
    return {"max_height": lay.px(SOURCE_MAX_PX), "largest": FINE_PX, "smallest": FINE_PX,
            "max_lines": SOURCE_LINES, "spacing": SOURCE_SPACING}  # fmt: skip


def footer_blocks(
    lay: CardLayout, source: str | None, notes: Sequence[str | None] = ()
) -> tuple[Footer, Length]:
    """Source line (left, with the ``notes`` said after it: the card's ``note``, what its
    chart needs said) and wordmark or logo (right) on the bottom of the safe area, or a
    long wordmark closing the card under the source line (:func:`wordmark_block`);
    returns the footer and its top edge."""
    theme, safe = lay.theme, lay.safe
    wordmark = logo = None
    right = Length(0)
    bottom = safe.bottom  # of the source line
    text = source_line(source, lay.ctx.loaded.outline.deck.wording, notes)
    if lay.ctx.logo is not None:
        h = lay.px(52).px
        # At least a pixel each way: a logo 400 times as tall as wide rounded to 0 px wide
        # and stopped every card (found by fuzzing).
        w = max(1, min(round(h * lay.ctx.logo_ratio), safe.width.px // 3))
        h = max(1, min(h, round(w / lay.ctx.logo_ratio)))
        box = Rect(safe.right - Px(w), safe.bottom - Px(h), Px(w), Px(h))
        logo = Logo(lay.ctx.logo, box, lay.ctx.logo_member)
        right = Px(w)
    elif lay.ctx.wordmark:
        wordmark, under = wordmark_block(lay, lay.ctx.wordmark, text)
        if under:  # the source line has the whole width, above the wordmark
            bottom = wordmark.box.top - lay.gap(24)
        else:
            right = wordmark.box.width
    top = logo.box.top if logo else wordmark.box.top if wordmark else safe.bottom
    block = None
    if text:
        font = theme.body.regular
        # At the fine-print floor: in as few lines as any size lets it take, and one size
        # on every card of a preset. Set as large as three lines allowed (34 px), a source
        # took two lines where a size 2 px smaller held it in one ('Source: Global / Impact
        # page, exports' in the contrast theme; found in review), and sizes differed
        # between cards of a set.
        # A note too long for it is named where it is written.
        own = lay.req.card.note
        noted = own is not None and own in notes
        fitted = lay.fit(
            text, font, ("note",) if noted else ("source",),
            "the source line and note" if noted else "the source line",
            max_width=safe.width - right - (lay.px(FOOTER_GAP_PX) if right else Length(0)),
            **_source_fitting(lay),
        )  # fmt: skip
        block = place(
            "source", fitted, font, lay.colors.muted,
            x=safe.left, y=bottom - fitted.height, spacing=SOURCE_SPACING,
        )  # fmt: skip
        top = min(top, block.box.top)
    return Footer(block, wordmark, logo), top


def _source_width(lay: CardLayout, source: str) -> Length:
    """The narrowest column the source line fits in (:func:`_source_fitting`), to the pixel;
    wider than the safe area where even that does not hold it."""
    whole = lay.safe.width.px

    def fits(width: int) -> bool:
        return lay.fits(source, lay.theme.body.regular, max_width=Px(width),
                        **_source_fitting(lay), balance=False) is not None  # fmt: skip

    narrowest = least(1, whole, fits)
    return Px(narrowest if narrowest is not None else whole + 1)


def footer_top_over(footer: Footer, left: Length, right: Length, bottom: Length) -> Length:
    """The top of the footer's parts (source line, wordmark, logo) that lie under the span
    from ``left`` to ``right``, or ``bottom`` where none does: a chart beside its title
    reaches down to the wordmark under it, where the source line lies under the title."""
    boxes = [b.box for b in (footer.source, footer.wordmark, footer.logo) if b is not None]
    tops = [box.top for box in boxes if box.left < right and left < box.right]
    return min(tops, default=bottom)


def wordmark_block(lay: CardLayout, name: str, source: str | None) -> tuple[TextBlock, bool]:
    """The wordmark at the bottom right of the safe area, and whether it is under the
    source line rather than beside it.

    It is the organisation's name, not text to cut: the first of these that holds it at
    a legible size (36 px down to the fine-print floor, :data:`FINE_PX`), in no more of
    the row than the source line beside it leaves in its lines (:func:`_source_width`),
    is taken. One line in half the width, beside the source line (the brand line most
    names make); one line in the width the source line leaves (all of it on a card with
    none); two lines in half the width, then in the width the source line leaves; then
    its own row under the source line, in one line or two of the whole width. Where the
    source line on one line leaves the name less than half the row, one line in that
    width comes first: a name set a little smaller keeps the source line on one line,
    where the name at its largest wrapped it into a column half as wide ('Source: Global
    Impact / page, port table' on the contrast theme's story card; design review). Then
    one line in half the width, the source line wrapping beside it, and only then two
    lines: a name on one line on every other card of a set broke in two on three of the
    sample's ('deckgen / sample briefing' on its quote and list cards), the source line
    beside it aligned with its second line (design review). Only a name that two lines
    of the whole width cannot hold is an error, which says how much of it fits (one line
    in half the width stopped every card of a 38-character agency name, with the bottom
    row empty beside it: fuzz-I/13).
    """
    safe, font = lay.safe, lay.theme.heading.bold
    half, whole = Px(safe.width.px // 2), safe.width
    gap, low = lay.px(FOOTER_GAP_PX), lay.least(FINE_PX)
    # (width, lines, under the source line), in the order of preference above.
    tries: list[tuple[Length, int, bool]] = [(half, 1, False)]
    if source is None:
        tries += [(whole, 1, False), (whole, 2, False)]
    else:
        # The source line on one line at the floor leaves the rest of the row.
        leaves = whole - gap - CARD.width(" ".join(source.split()), lay.theme.body.regular, low)
        if leaves > half:  # the name in half the row leaves the source line its one line
            tries += [(leaves, 1, False), (half, 2, False), (leaves, 2, False)]
        else:  # else the name set smaller keeps it one line, or the source line wraps
            room = leaves > Length(0)
            tries = [*([(leaves, 1, False)] if room else []), *tries,
                     *([(leaves, 2, False)] if room else []), (half, 2, False)]  # fmt: skip
        # No wider than the source line in its three lines leaves (a long one needs more
        # than half): a name in half the row stopped a card whose source it left too little.
        beside = whole - gap - _source_width(lay, source)
        tries = [(min(width, beside), lines, under) for width, lines, under in tries]
        tries += [(whole, 1, True), (whole, 2, True)]
    for width, lines, under in tries:
        if width <= Length(0):
            continue
        fitted = CARD.fit(
            name, font, width=width, height=lay.px(WORDMARK_LINE_PX * lines),
            max_size=lay.size(WORDMARK_PX, FINE_PX), min_size=low, max_lines=lines,
            balance=True,
        )  # fmt: skip
        if fitted is None:
            continue
        # Lines of a wordmark in two are set flush right, under each other at the edge.
        align: Align = "right" if len(fitted.lines) > 1 else "left"
        x, y = safe.right - fitted.width, safe.bottom - fitted.height
        block = place("wordmark", fitted, font, lay.colors.primary, x=x, y=y, align=align,
                      area_width=fitted.width)  # fmt: skip
        return block, under
    fits = CARD.capacity(name, font, low, whole, 2)
    length = len(" ".join(name.split()))
    own = lay.ctx.wordmark_at is not None and lay.ctx.wordmark_at.field == "social.wordmark"
    shorter = f"a name of at most {fits} characters"
    raise FitError(
        Problem(
            lay.ctx.wordmark_at or lay.where("wordmark"),
            f"the wordmark of {lay.describe()} does not fit on two lines of its {whole.px} "
            f"px width even at {low.px} px (about {fits} of its {length} characters fit): "
            f"{clip(name)!r}",
            f"shorten 'social: wordmark:' to {shorter}" if own else
            f"set 'wordmark:' under 'social:' to {shorter} ('social: {{wordmark: ...}}'); "
            "the cards' wordmark is the deck's organisation unless it says another",
        )
    )  # fmt: skip


#: A card's title sizes (design px), largest first: a title may be set smaller to leave its
#: subtitle room (:func:`headline`'s ``title_px``).
TITLE_PX = (60, 56, 52, 48, 44)
#: A subtitle's largest size (design px) under a title of :data:`TITLE_PX`'s largest; under
#: a title set smaller it is smaller in step (down to :data:`BODY_PX`), so the title stays
#: clearly the larger: a title set at 44 px to keep its subtitle had it at 37.5 px under it.
SUBTITLE_PX = 40
#: The line spacing of a title and of a subtitle, and the gap between them (design px).
TITLE_SPACING, SUBTITLE_SPACING, SUBTITLE_GAP_PX = 1.1, 1.15, 18


def headline(
    lay: CardLayout,
    title: str,
    subtitle: str | None,
    x: Length,
    y: Length,
    col_w: Length,
    max_h: Length,
    names: Names = (),
    max_lines: int = 4,
    sub_lines: int = 3,
    title_px: float = TITLE_PX[0],
) -> tuple[TextBlock, TextBlock | None, Length]:
    """The title (a finding, ``title_px`` down to 44 px) and subtitle (:data:`SUBTITLE_PX`,
    less in step under a smaller ``title_px``, down to the body floor, at most ``sub_lines``
    lines) from ``y`` in a column ``col_w`` wide; returns them and their bottom edge."""
    theme, colors = lay.theme, lay.colors
    fitted = lay.fit(
        title, theme.heading.bold, (*names, "title"), "the title",
        max_width=col_w, max_height=max_h, largest=title_px, smallest=TITLE_PX[-1],
        max_lines=max_lines, spacing=TITLE_SPACING,
    )  # fmt: skip
    head = place("title", fitted, theme.heading.bold, colors.text, x=x, y=y, spacing=TITLE_SPACING)
    sub = None
    if subtitle:
        room = max_h - head.box.height - lay.gap(SUBTITLE_GAP_PX)
        sub_px = max(SUBTITLE_PX * title_px / TITLE_PX[0], BODY_PX)
        fitted = lay.fit(
            subtitle, theme.body.regular, (*names, "subtitle"), "the subtitle",
            max_width=col_w, max_height=room, largest=sub_px, smallest=BODY_PX,
            max_lines=sub_lines, spacing=SUBTITLE_SPACING,
        )  # fmt: skip
        sub = place(
            "subtitle", fitted, theme.body.regular, colors.muted,
            x=x, y=head.box.bottom + lay.gap(SUBTITLE_GAP_PX), spacing=SUBTITLE_SPACING,
        )  # fmt: skip
    return head, sub, (sub or head).box.bottom


def subtitle_room(
    lay: CardLayout,
    title: str,
    subtitle: str,
    col_w: Length,
    max_h: Length,
    *,
    max_lines: int = 4,
    sub_lines: int = 3,
) -> bool:
    """Whether :func:`headline` has room for ``subtitle`` in its column at all: under the
    title at its smallest (the last of :data:`TITLE_PX`; a larger title takes as many
    lines or more, each taller), at the body floor. Asked of the text alone, so that a
    layout with no room for it is not drawn around it."""
    theme, small = lay.theme, TITLE_PX[-1]
    head = lay.fits(
        title, theme.heading.bold, max_width=col_w, max_height=max_h, largest=small,
        smallest=small, max_lines=max_lines, spacing=TITLE_SPACING, balance=False,
    )  # fmt: skip
    if head is None:
        return False
    sub = lay.fits(
        subtitle, theme.body.regular, max_width=col_w,
        max_height=max_h - head.height - lay.gap(SUBTITLE_GAP_PX), largest=BODY_PX,
        smallest=BODY_PX, max_lines=sub_lines, spacing=SUBTITLE_SPACING, balance=False,
    )  # fmt: skip
    return sub is not None


# --------------------------------------------------------------------------- charts on cards
def chart_label_px(lay: CardLayout) -> int:
    """Chart text size: the fine-print floor (:data:`FINE_PX`) at this preset's width, or
    the theme's own if it asks for more."""
    theme_px = lay.theme.theme.sizes.chart_label * CHART_DPI / 72
    return max(lay.least(CHART_LABEL_PX), lay.px(theme_px)).px


@dataclass(frozen=True)
class Shown:
    """What a card's chart shows when it leaves categories out, in words a reader
    understands: in the deck's language for the card (``text``: 'die 4 größten von 10'),
    and in English for its alt text (``alt``: 'the 4 largest of 10 ports')."""

    text: str
    alt: str
    #: How many it shows, and of how many, in the deck's words: '5 of 19 countries'
    #: (:func:`count_words`); what a card says after a subtitle (:meth:`said`).
    count: str = ""
    #: A build warning where the theme's fonts leave room for fewer categories than the
    #: card keeps in every other theme (:func:`card_rows`), even at its smallest labels.
    short: str | None = None
    #: A build warning for each value the title states of a row the card has no room to
    #: keep with the highlighted ones (:func:`card_chart`).
    unstated: tuple[str, ...] = field(default=(), kw_only=True)

    @property
    def warnings(self) -> tuple[str, ...]:
        """What the build says of the card's chart: :attr:`short`, :attr:`unstated`."""
        return (*((self.short,) if self.short else ()), *self.unstated)

    def said(self, subtitle: str | None) -> str:
        """What the card says of them, the one rule for a chart card's subtitle and an
        infographic's note under its chart: under a subtitle, the count alone ('5 of 19
        countries'); the subtitle says what the chart is and often how its rows were
        chosen, and 'largest producers in 2023: the 5 largest of 19 countries' said it
        twice (found in review). With no subtitle, which ones ('the 5 largest of 19
        countries'). The alt text says which ones in either case (``alt``)."""
        return self.count if subtitle and self.count else self.text


#: The families a card's chart counts the categories it keeps in (the bundled ones, each
#: regular and bold for body and headings), not the theme's: Source Sans Pro's narrower
#: names kept Germany, the sixth of 19 countries, on the sample's ig-tall card and its
#: infographic in the dark and corporate-template themes, where Lato (corporate) and
#: Roboto (contrast) kept five, and the alt text of the one said 'the 5 largest of 19'
#: where the other did not: one outline posted in two brands said different things
#: (found in review). The fewest any of them has room for is kept in every theme.
COUNTED_IN = ("Lato", "Source Sans Pro", "Roboto")


@functools.cache
def _counting_fonts() -> tuple[FontFiles, ...]:
    from deckgen.theming.fonts import FontFiles, bundled

    return tuple(FontFiles(family, *bundled(family)) for family in COUNTED_IN)


def card_rows(
    lay: CardLayout, spec: ChartKind, data: ChartData, box: Rect
) -> tuple[int, int, str | None]:
    """How many categories the card's chart in ``box`` keeps, the size of its labels in
    px, and a build warning or ``None``. The count is the chart type's
    (:meth:`ChartKind.card_room`) at the card's label size (:func:`chart_label_px`) in
    each family of :data:`COUNTED_IN`, the fewest taken, so the rows a card keeps do not
    depend on the theme's fonts. The theme's own fonts are then fitted to those rows: its
    labels set smaller where they need it, down to the fine-print floor; a theme whose
    fonts hold fewer even there keeps those, and the build says so. A family the type
    refuses outright (a tile map's codes too wide for its tiles) is not counted: whether
    the chart fits at all is the theme's own fonts' to say."""
    theme = lay.ctx.theme
    label_px = chart_label_px(lay)
    own = spec.card_room(data, box, label_px, theme)  # a type that cannot fit it says so
    if spec.card_keeps_all:  # all of them, whatever the fonts
        return own, label_px, None
    counts = []
    for font in _counting_fonts():
        if theme.heading == theme.body == font:
            counts.append(own)  # the theme's fonts are this family: counted already
            continue
        try:
            counts.append(
                spec.card_room(data, box, label_px, replace(theme, heading=font, body=font))
            )
        except FitError:  # what the theme's fonts fit is not refused for another's
            continue
    count = min(counts, default=own)
    floor = lay.least(CHART_LABEL_PX).px
    size = label_px
    while own < count and size > floor:
        size -= 1
        own = spec.card_room(data, box, size, theme)
    if own >= count:
        return count, size, None
    family = theme.body.family
    return (
        own,
        label_px,
        (
            f"the chart of {lay.describe()} shows only {own} of the {count} categories a card of "
            f"it shows in the bundled fonts: the theme's {family!r} is too wide for them even at "
            f"the smallest chart labels ({floor} px); choose a narrower font, or show at most "
            f"{own} with the chart's 'top:' so that every theme shows the same"
        ),
    )


def card_chart(
    lay: CardLayout, spec: ChartKind, title: str, box: Rect, names: Names
) -> tuple[PlacedChart, Shown | None]:
    """The chart redrawn for ``box`` (not a shrunken slide picture): labels at reading
    size, and the leading categories only when all of them would collide. Returns the
    placed job and, when categories were left out, what is shown (:class:`Shown`:
    :func:`shown_words`, :func:`window_words`)."""
    ctx = lay.ctx
    words = ctx.loaded.outline.deck.wording.shown
    data = spec.select_data(ctx.tables[spec.data], lay.where(*names))
    label_px = chart_label_px(lay)
    reason = spec.card_refusal(data, box, label_px)
    if reason is not None:
        # No taller card is named where there is none (a story card was told to use a story).
        taller = [*taller_presets(lay.preset), "long-form"] if lay.preset.height else []
        hint = "filter the chart to fewer panels" + (
            f", or use a taller card ({joined(taller, 'or')})" if taller else "")  # fmt: skip
        raise FitError(Problem(lay.where(*names), reason, hint))
    n = len(data.categories)
    highlighted = [i for i, c in enumerate(data.categories) if c in spec.highlight]
    # The rows the title names are kept as the highlighted ones are: an x-post card of
    # seven departments titled '... while Parks were cut' left out 'Parks & Recreation'
    # (found by fuzzing). The room is counted with them kept, as the picture will be.
    named = [i for i in title_rows(title, data.categories, spec.x.replace("_", " "))
             if i not in highlighted]  # fmt: skip
    # So are the rows whose value the title states: an x-post card of six quarters kept
    # the three around the highlighted one, and the low its title quoted was not on it
    # (found in review). A number several rows read as is kept by any one of them.
    stated = _stated(spec, data, title, highlighted)
    extra = list(dict.fromkeys([*named, *(s.rows[0] for s in stated)]))
    counted = spec.model_copy(update={"highlight": [*spec.highlight, *(
        data.categories[i] for i in extra)]}) if extra else spec  # fmt: skip
    try:
        room, label_px, short = (n, label_px, None) if spec.transpose else card_rows(
            lay, counted, data, box)  # fmt: skip
    except FitError as exc:
        # A chart type knows what does not fit, not which card: a tile map refused on a
        # wide card named no file, line, card or preset (found by fuzzing).
        raise FitError(
            [p if p.location is not None else replace(
                p, location=lay.where(*names), message=f"{lay.describe()}: {p.message}")
             for p in exc.problems]
        ) from None  # fmt: skip
    note = None
    if room < n:
        everything = n
        if spec.top and spec.sort:  # the sorted top N are the top of all the rows
            unlimited = spec.model_copy(update={"top": None})
            everything = len(unlimited.select_data(ctx.tables[spec.data], lay.where(*names))
                             .categories)  # fmt: skip
        # Periods the title names or states too far from the highlighted ones for one
        # run: the run of the highlighted (or latest) ones that holds the most of them.
        run = _time_window(spec, data, highlighted, room,
                           [*((i,) for i in named), *(s.rows for s in stated)])  # fmt: skip
        if run is not None:
            kept = list(run)
            note = Shown(*(window_words(spec, data, run, everything, said)
                           for said in (words, ENGLISH.shown)))  # fmt: skip
        else:
            # The leading categories, and the highlighted ones wherever they are (in every
            # panel of small multiples): a card that left out the bar its title is about
            # was posted without it (found by fuzzing). Then the ones the title names,
            # and those whose value it states.
            wanted = list(dict.fromkeys([*highlighted, *extra]))[:room]
            others = [i for i in range(n) if i not in wanted][: room - len(wanted)]
            kept = sorted([*wanted, *others])
            lead = next(k for k in range(len(kept) + 1) if k == len(kept) or kept[k] != k)
            also = [data.categories[i] for i in kept[lead:]]
            note = Shown(*(shown_words(spec, lead, everything, also, said)
                           for said in (words, ENGLISH.shown)))  # fmt: skip
        left_out = [s for s in stated if not set(s.rows) & set(kept)]
        # Columns side by side take the card's width, which a taller preset does not add:
        # every preset the hint named left the stated year out too (found by fuzzing).
        tall = Rect(box.left, box.top, box.width, Px(box.height.px * 2))
        roomier = bool(left_out) and lay.preset.height is not None and (
            card_rows(lay, counted, data, tall)[0] > room)  # fmt: skip
        unstated = tuple(_unstated(lay, spec, data, s, room, highlighted, roomier=roomier)
                         for s in left_out)  # fmt: skip
        count = (count_words(spec, data, len(kept), everything, words) if run is not None
                 else count_words(spec, data, lead, everything, words, also))  # fmt: skip
        note = replace(note, count=count, short=short, unstated=unstated)
        data = data.pick(kept)
    scale = label_px / (ctx.theme.theme.sizes.chart_label * CHART_DPI / 72)
    canvas = Canvas(box.width * (96 / CHART_DPI), box.height * (96 / CHART_DPI), CHART_DPI, scale)
    return PlacedChart(ChartJob(spec, data, ctx.theme, canvas, title), box), note


def snug_chart(
    box: Rect, placed: Callable[[Rect], tuple[PlacedChart, Shown | None]], *, centred: bool
) -> tuple[PlacedChart, Shown | None]:
    """The chart ``placed`` in ``box``, its box cut under the lowest thing it draws
    (:attr:`PlacedChart.fill`): at the top of ``box`` (a long-form card's section ends
    under it) or ``centred`` in it (a card of a fixed height: the height it does not use
    becomes equal margins above and below it). A map held by its width left 150 px empty
    over an ig-square card's source line, a ring held by its labels' width 200 px under it
    on an infographic (found in review)."""
    chart, note = placed(box)
    spare = box.height.px - chart.fill
    if spare <= 0:
        return chart, note
    return chart.cut(box.top + Px(spare // 2) if centred else box.top), note


def _time_window(
    spec: ChartKind, data: ChartData, wanted: list[int], room: int,
    also: Sequence[Sequence[int]] = (),
) -> range | None:  # fmt: skip
    """On a time axis (dates, or years, in time order), the ``room`` periods a card shows:
    a run with no period left out inside it that holds every one of ``wanted`` (the
    highlighted periods, in order) and, of those, the most of ``also`` (each a choice of
    periods, any one of which is enough: one the title names, those whose value a number
    of the title states), the latest such run; ``None`` off a time axis, or when the
    ``wanted`` periods lie further apart.

    The leading periods, and the highlighted one after them, put 2013 beside 2024 with
    nothing between them: a jump of eleven years read as one (found in review). And the
    latest periods, not the first, are what a post is about."""
    n = len(data.categories)
    if not _in_time_order(spec, data):
        return None
    if wanted and wanted[-1] - wanted[0] >= room:
        return None
    first = max(wanted[-1] - room + 1, 0) if wanted else 0
    last = min(n - room, wanted[0]) if wanted else n - room
    runs = [range(start, start + room) for start in range(last, first - 1, -1)]

    def held(run: range) -> int:
        return sum(any(i in run for i in rows) for rows in also)

    return max(runs, key=held)  # the first of the most: the latest


@dataclass(frozen=True)
class _Stated:
    """A number a card's title states as a value of its chart's rows: as the title writes
    it ('$1,203.1M'), and the rows whose value reads as it, in order."""

    text: str
    rows: tuple[int, ...]


def _stated(spec: ChartKind, data: ChartData, title: str, highlighted: list[int]) -> list[_Stated]:
    """The numbers ``title`` states that are values of rows of ``data`` (read as ``deckgen
    check`` reads a title: :func:`~deckgen.outline.text_numbers.values_stated`), each with
    the rows whose value, or value as labelled (a stacked column's total), reads as it,
    either sign ('shrank by 6.3%' states a -6.3); not those a highlighted row reads as (a
    card always keeps it)."""
    names = [*data.categories, *(s.name for s in data.series)]
    said = values_stated(title, names)
    if not said:
        return []
    values = [
        [abs(v) for v in (*(s.values[i] for s in data.series),
                          *spec.label_values(data.pick([i]))) if v is not None]
        for i in range(len(data.categories))
    ]  # fmt: skip
    found: dict[str, _Stated] = {}
    for number in said:
        rows = tuple(i for i, row in enumerate(values) if any(number.matches(v) for v in row))
        if rows and not set(rows) & set(highlighted) and number.text not in found:
            found[number.text] = _Stated(number.text, rows)
    return list(found.values())


#: A stated value's fix where a taller card has no room for more rows (side by side).
_WIDTH_BOUND = ("state a value the card shows (its columns take the card's width, which a "
                "taller preset does not add)")  # fmt: skip


def _unstated(
    lay: CardLayout, spec: ChartKind, data: ChartData, stated: _Stated, room: int,
    highlighted: list[int], *, roomier: bool,
) -> str:  # fmt: skip
    """The build warning for a value the title states whose rows the card leaves out;
    ``roomier``: whether a taller card would have room for more rows."""
    from deckgen.tables.dates import label

    def name(i: int) -> str:
        return label(data.x_dates[i]) if data.x_dates is not None else data.categories[i]

    rows = joined([name(i) for i in stated.rows])
    which = (f"whose value the title states ({stated.text!r})" if len(stated.rows) == 1
             else f"whose values read as the title's {stated.text!r}")  # fmt: skip
    kept = joined([name(i) for i in highlighted])
    besides = f", with the highlighted {kept}" if kept else ""
    return (
        f"the chart of {lay.describe()} leaves out {rows}, {which}: it has room for "
        f"{room} of the {len(data.categories)} "
        f"{_things(spec, data)}{besides}; "
        + (fixes(lay.preset, "state a value the card shows") if roomier else _WIDTH_BOUND)
    )


def _in_time_order(spec: ChartKind, data: ChartData) -> bool:
    """Whether the categories are periods in time order (:meth:`ChartData.in_time_order`),
    not sorted by a value."""
    return (spec.sort is None or spec.sort.by == spec.x) and data.in_time_order()


#: Column names that say only that a column holds dates: its periods are named instead.
_DATE_NAMES = frozenset({"date", "dates", "period", "periods", "time", "when"})


def window_words(
    spec: ChartKind, data: ChartData, run: range, total: int, words: ShownWords = ENGLISH.shown
) -> str:
    """'the last 5 of 20 years', or, for a run that ends before the latest period,
    '2010 to 2014: 5 of 20 years'; dates as a reader writes them ('March 2024'), and a
    column named 'date' counted in its periods ('months'). In ``words``: 'die letzten 5
    von 20' (a language whose plurals deckgen does not form names no things)."""
    from deckgen.tables.dates import label

    names = list(data.categories)
    if data.x_dates is not None:
        names = [label(d) for d in data.x_dates]
    counts = {"n": len(run), "total": total, "things": _things(spec, data)}
    if run.stop == len(names):
        return words.last.format(**counts)
    return words.span.format(start=names[run.start], end=names[run.stop - 1], **counts)


def _things(spec: ChartKind, data: ChartData) -> str:
    """What a chart's rows are, plural: its ``x`` column's name ('countries'), or for a
    column named only as dates, its periods ('months')."""
    from deckgen.tables.dates import precision_of

    things = things_of(spec.x)
    if data.x_dates is not None and (
        things.lower() in _DATE_NAMES or spec.x.lower() in _DATE_NAMES
    ):
        things = plural(precision_of(data.x_dates[0]))
    return things


def count_words(
    spec: ChartKind, data: ChartData, shown: int, total: int, words: ShownWords = ENGLISH.shown,
    also: Sequence[str] = (),
) -> str:  # fmt: skip
    """How many rows a card's chart shows of how many, and no more: '5 of 19 countries'
    (the ``named`` template with the count for the names: '5 von 19' in German), which
    repeats no criterion a subtitle may give (:meth:`Shown.said`). ``shown`` counts the
    leading rows; those kept past them (the highlighted, further down) are named after
    it: '5 of 10 states and IN'. Counted with them ('6 of 10 states'), Indiana, the tenth
    state, read as the sixth, drawn under the fifth (found in the state fact sheets)."""
    things = _things(spec, data)
    if also and not shown:  # only rows named: 'Bayern of 16 states'
        return words.named.format(names=_names(also, words)[0], total=total, things=things)
    return _and_also(str(words.named.format(names=shown, total=total, things=things)), also,
                     words)  # fmt: skip


def _names(names: Sequence[str], words: ShownWords) -> tuple[str, bool]:
    """``names`` joined as a reader lists them ('A, B and C'), and whether they are
    quoted: names that hold 'and', '&' or a comma are ('the 2 largest of 11 departments
    and Libraries and Culture and Parks & Recreation' read as five things, found in
    review)."""
    joins = rf"\b(?:and|{re.escape(words.last_name)})\b|&|,"
    quoted = any(re.search(joins, str(name), re.IGNORECASE) for name in names)
    return joined([f"'{n}'" if quoted else str(n) for n in names], words.last_name), quoted


def _and_also(said: str, also: Sequence[str], words: ShownWords) -> str:
    """``said``, then the rows kept past those it counts: 'and Bayern', or a list after a
    break ('plus London and Wales')."""
    if not also:
        return said
    named, quoted = _names(also, words)
    # One plain name reads as 'and Bayern'; a list after a count needs a break ('plus').
    many = len(also) > 1 or quoted
    return (words.more if many else words.one_more).format(shown=said, names=named)


def shown_words(
    spec: ChartKind, shown: int, total: int, also: Sequence[str] = (),
    words: ShownWords = ENGLISH.shown,
) -> str:  # fmt: skip
    """Which categories a card shows, as a reader says it: 'the 4 largest of 10 ports'
    (sorted by a value the chart shows), 'the 3 smallest of 8 regions', else 'the first 5
    of 12 countries'; and the highlighted ones past those (``also``): 'the first 2 of 5
    regions and Bayern', 'the 2 largest of 11 departments, plus London and Wales'. Names
    that hold 'and', '&' or a comma are quoted: 'the 2 largest of 11 departments and
    Libraries and Culture and Parks & Recreation' read as five things (found in review).
    The things are the ``x`` column's name, made plural. In ``words``: 'die 8 größten von
    11' in a German deck, which said 'the 8 largest of 11 Bundeslands' (found in review)."""
    things = things_of(spec.x)
    if also and not shown:
        return words.named.format(names=_names(also, words)[0], total=total, things=things)
    return _and_also(_shown_words(spec, shown, total, things, words), also, words)


def _shown_words(spec: ChartKind, shown: int, total: int, things: str, words: ShownWords) -> str:
    sort = spec.sort
    which = "first"
    if sort is not None and sort.by in spec.y_columns:
        which = "largest" if sort.descending else "smallest"
    # 'the first 1 of 12 groups' read as a typo (found in review): one is 'the first'.
    template = getattr(words, f"{which}_one" if shown == 1 else which)
    return str(template.format(n=shown, total=total, things=things))


#: The words before 'name' in a column of names, not of the things named.
_KINDS_OF_NAME = frozenset("first last middle full given family display short long user "
                           "file".split())  # fmt: skip


def things_of(column: str) -> str:
    """What the rows named by ``column`` are, in running text: its name made plural
    (:func:`plural`), and in an English deck in lower case where it is one capitalised
    word ('Region' -> 'regions'). A card's note read '5 of 6 Regions', the column's
    capital kept mid-sentence (found in review). A name of capitals ('EU'), of capitals
    within ('iPhone', 'McLaren') or of several words ('US state', 'New Zealand region') is
    kept as written: it may be an acronym or a proper noun; so is any name in a deck in
    another language (German writes every noun with a capital: 'Hafen')."""
    from deckgen.tables.dates import current_locale

    name = column.replace("_", " ").strip() or "row"
    english = re.split(r"[_-]", str(current_locale()))[0].lower() == "en"
    # The rows of 'Route name' are routes: '3 of 10 Route names' read as a count of names
    # (found by a new user).
    # Not a name's own kind ('first name', 'display name'): those rows are names.
    named = re.fullmatch(r"(?i)(.*\S)\s+names?", name)
    if english and named and named[1].split()[-1].lower() not in _KINDS_OF_NAME:
        name = named[1]
    if english and name.isalpha() and name[:1].isupper() and name[1:].islower():
        name = name.lower()
    return plural(name)


def plural(noun: str) -> str:
    """'port' -> 'ports', 'country' -> 'countries', 'ports' stays; the last word only."""
    head, _, last = noun.rpartition(" ")
    low = last.lower()
    if low.endswith("s") and not low.endswith(("ss", "us")):
        word = last
    elif low.endswith("y") and low[-2:-1] not in tuple("aeiou"):
        word = last[:-1] + "ies"
    elif low.endswith(("s", "x", "z", "ch", "sh")):
        word = last + "es"
    else:
        word = last + "s"
    return f"{head} {word}" if head else word


def with_shown(subtitle: str | None, shown: str | None) -> str | None:
    """The subtitle with what a card's chart shows after it: 'Value by port, 2023: the 4
    largest of 10 ports' (or the words alone, capitalised, when there is no subtitle)."""
    if not shown:
        return subtitle
    if not subtitle:
        return shown[:1].upper() + shown[1:]
    return f"{subtitle.rstrip(' .;:')}: {shown}"


def note_block(
    lay: CardLayout, note: str, x: Length, y: Length, col_w: Length, names: Names
) -> TextBlock:
    font = lay.theme.body.regular
    fitted = lay.fit(
        note, font, names, "the note", max_width=col_w, max_height=lay.px(80), largest=34,
        smallest=FINE_PX, max_lines=1,
    )  # fmt: skip
    return place("note", fitted, font, lay.colors.muted, x=x, y=y)


def chart_check(spec: ChartKind, tables: dict[str, pd.DataFrame], where: Location) -> list[Problem]:
    """A chart on a card is checked as on a slide."""
    return spec.check_against(tables[spec.data], where)


def chart_reference(spec: ChartKind, tables: dict[str, pd.DataFrame],
                    where: Location) -> list[Problem]:  # fmt: skip
    """A chart on a card whose reference line is the mean or median of only the rows
    ``top:`` keeps, as on a slide (``reference_problem``, at ``where``'s ``reference``):
    a card's line is of the rows the chart keeps too (those it then leaves out for room
    are not left out of it), and said nothing where the slide's warned (found in review)."""
    if spec.reference is None or spec.top is None:  # nothing to select the rows for
        return []
    table = tables[spec.data]
    data = spec.select_data(table, where)
    at = Location(where.file, where.line, f"{where.field}.reference")
    problem = spec.reference_problem(table, data, at)
    return [] if problem is None else [problem]


def chart_tie(spec: ChartKind, tables: dict[str, pd.DataFrame], where: Location) -> list[Problem]:
    """A chart on a card whose ``top:`` cuts between rows of the same ``sort:`` value, as
    on a slide (``tie_problem``, at ``where``'s ``top``)."""
    problem = spec.tie_problem(tables[spec.data], where)
    return [] if problem is None else [problem]


def chart_totals(spec: ChartKind, tables: dict[str, pd.DataFrame],
                 where: Location) -> list[Problem]:  # fmt: skip
    """A chart on a card that draws a total row beside the parts it adds up, as on a slide
    (``totals_problem``, at ``where``): a card of a ring chart half of which was its own total
    said nothing (found in review)."""
    problem = spec.totals_problem(tables[spec.data], spec.select_data(tables[spec.data], where),
                                  where)  # fmt: skip
    return [] if problem is None else [problem]


__all__ = ["CardKind", "CardLayout", "CardRequest", "replace"]
