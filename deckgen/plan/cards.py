"""Plan social cards: outline -> one laid-out, pure render job per card and preset.

Cards come from two places:

* ``social.cards``: cards written for social media;
* slides marked ``share: [preset, ...]``: each shareable slide kind says which card it
  becomes (``as_card``: a chart slide a chart card, a quote slide a quote card, a stats
  slide a stat card of its accented item).

Each card kind lays itself out (``layout``) at growing squeeze levels until it fits; a text
that cannot fit at its minimum raises a :class:`FitError` naming the card, the field and the
text. Nothing here draws; the jobs draw themselves when rendered, and a card's alt text is
written after that (:meth:`PlannedCard.with_alt`), from what its charts show once drawn.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, TypeVar

from deckgen.errors import DeckgenError, FitError, Problem, joined, one_of
from deckgen.kinds.cards._base import (
    SQUEEZE,
    CardContext,
    CardLayout,
    CardRequest,
    under_phone_floor,
)
from deckgen.outline.load import format_path
from deckgen.outline.presets import parse_preset
from deckgen.outline.words import ENGLISH, sentence
from deckgen.render.cardkit import EXTENSIONS

if TYPE_CHECKING:
    from collections.abc import Callable, Hashable, Iterable, Mapping
    from pathlib import Path

    import pandas as pd

    from deckgen.errors import Location
    from deckgen.kinds import Outline
    from deckgen.kinds.cards._base import CardKind
    from deckgen.outline.load import LoadedOutline, PathKey
    from deckgen.outline.presets import Preset
    from deckgen.outline.words import Words
    from deckgen.plan.memo import PlanMemo
    from deckgen.render.cardkit import CardJob
    from deckgen.render.jobs import Asset
    from deckgen.theming.load import LoadedTheme


@dataclass(frozen=True)
class PlannedCard:
    """A card in one preset, laid out: what to render, where to write it, what to say."""

    name: str
    kind: str
    preset: Preset
    format: str
    file: str
    job: CardJob
    #: ``None`` until the card is drawn (:meth:`with_alt`); the outline's ``alt:`` at once.
    alt: str | None
    caption: str
    source: str | None
    origin: str
    card: CardKind
    #: Where the card is in the outline (for messages).
    key: PathKey = ()

    def with_alt(self, assets: Mapping[str, Asset]) -> PlannedCard:
        """This card with its alt text written from what its picture shows as drawing
        described it (``assets``, by key; not drawn here: described now). What a chart
        shows is known once it is drawn (a scatter's labels that found no room), so the alt
        text is written after rendering and planning draws nothing."""
        if self.alt is not None:
            return self
        asset = assets.get(self.job.key())
        # An empty description: a card of text alone (described at no cost), or one cached
        # before cards carried their description.
        shows = asset.alt if asset is not None and asset.alt else self.job.alt()
        # Alt texts are written in English (see deckgen.outline.words), their source too.
        described = self.card.alt_text(shows)
        alt = (sentence(described) if self.card.lists_sources
               else _with_source(described, self.source, ENGLISH, self.card.note))  # fmt: skip
        return replace(self, alt=alt)


@dataclass(frozen=True)
class InPresets:
    """A card in the presets a problem of its picture holds for, said once for them all:
    one card shared to five presets printed five warnings alike but for the rows each size
    shows (found in review). ``first``: the preset whose words are told, where the others'
    differ (their pictures are laid out apart)."""

    name: str
    presets: tuple[str, ...]
    files: tuple[str, ...]
    first: str | None = None

    def __str__(self) -> str:
        told = f"; as in {self.first}, the others alike" if self.first else ""
        return f"card {self.name} ({joined(self.presets)}{told})"


_T = TypeVar("_T")


def in_presets(
    cards: Iterable[PlannedCard],
    said: Iterable[_T],
    file_of: Callable[[_T], str | None],
    kind_of: Callable[[_T], Hashable],
    text_of: Callable[[_T], str],
) -> list[tuple[_T, InPresets | None]]:
    """``said`` (warnings, findings) with those of one kind (``kind_of``) on one card in
    several presets told once, the first, with the presets it holds for; the rest (a
    slide's, a card's in one preset) as they are, with ``None``."""
    card_of = {c.file: c for c in cards}
    groups: dict[Hashable, list[_T]] = {}
    for item in said:
        card = card_of.get(file_of(item) or "")
        key = (card.name, kind_of(item)) if card is not None else (object(),)
        groups.setdefault(key, []).append(item)
    out: list[tuple[_T, InPresets | None]] = []
    for items in groups.values():
        first = items[0]
        files = tuple(dict.fromkeys(str(file_of(i)) for i in items))
        if len(files) == 1:  # one preset (its notes of one kind each told)
            out += [(item, None) for item in items]
            continue
        presets = tuple(card_of[f].preset.name for f in files)
        alike = len({text_of(i) for i in items}) == 1
        out.append((first, InPresets(card_of[files[0]].name, presets, files,
                                     None if alike else presets[0])))  # fmt: skip
    return out


def _shared(loaded: LoadedOutline[Outline]) -> list[tuple[CardKind, PathKey, dict[str, PathKey]]]:
    """The cards of slides marked ``share:`` (only kinds that can be shared may say so:
    checked when the outline is loaded)."""
    found = []
    for i, slide in enumerate(loaded.outline.slides):
        shared = slide.as_card(i) if slide.share else None
        if shared is not None:
            card, fields = shared
            key: PathKey = ("slides", i)
            found.append((card, key, fields))
    return found


def card_requests(loaded: LoadedOutline[Outline]) -> list[CardRequest]:
    """Every card the outline asks for: shared slides first, then ``social.cards``.

    Raises :class:`DeckgenError` for two cards with the same ``name``. Cards without a
    ``name`` get one from their title (made unique with -2, -3...).
    """
    section = loaded.outline.social
    problems: list[Problem] = []
    found = _shared(loaded)
    cards = section.cards if section else []
    found += [(card, ("social", "cards", i), {}) for i, card in enumerate(cards)]
    taken: dict[str, PathKey] = {}
    for card, key, _ in found:
        name = card.name
        if name is not None and name in taken:
            problems.append(
                Problem(
                    loaded.locate(*key, "name"),
                    f"two cards are named {name!r} (the other is {format_path(taken[name])})",
                    "names become file names; make them unique",
                )
            )
        elif name:
            taken[name] = key
    if problems:
        raise DeckgenError(problems)
    requests = []
    default_format = section.format if section else "png"
    for card, key, fields in found:
        name = card.name
        if not name:
            base = card.default_name()
            name, n = base, 2
            while name in taken:
                name, n = f"{base}-{n}", n + 1
            taken[name] = key
        fmt = card.format or default_format
        requests.append(CardRequest(card, key, name, fmt, tuple(fields.items())))
    return requests


def card_references(
    loaded: LoadedOutline[Outline], tables: dict[str, pd.DataFrame]
) -> list[tuple[PathKey, Problem]]:
    """Each reference line of a card of ``social.cards`` that is the mean or median of only
    the rows ``top:`` keeps (``CardKind.reference_problems``), with the card's place: each
    once whatever its presets, at the line of its field. A build warns of them as of a
    slide's, and ``deckgen check`` reports them (NUM013). A slide's shared card is its
    slide's chart, which says it. A card whose data does not bind is left to the check
    that says so."""
    return _card_problems(loaded, tables, lambda card: card.reference_problems)


def card_totals(
    loaded: LoadedOutline[Outline], tables: dict[str, pd.DataFrame]
) -> list[tuple[PathKey, Problem]]:
    """Each total row a card's chart draws beside the parts it adds up
    (``CardKind.totals_problems``), as :func:`card_references` says its reference lines:
    the build warns of them, and ``deckgen check`` reports them (NUM006)."""
    return _card_problems(loaded, tables, lambda card: card.totals_problems)


def card_ties(
    loaded: LoadedOutline[Outline], tables: dict[str, pd.DataFrame]
) -> list[tuple[PathKey, Problem]]:
    """Each ``top:`` of a card's chart that cuts between rows of the same ``sort:`` value
    (``CardKind.tie_problems``), as :func:`card_references` says its reference lines: the
    build warns of them, and ``deckgen check`` reports them (NUM016)."""
    return _card_problems(loaded, tables, lambda card: card.tie_problems)


def _card_problems(
    loaded: LoadedOutline[Outline],
    tables: dict[str, pd.DataFrame],
    asked: Callable[[CardKind], Callable[[dict[str, pd.DataFrame], Location], list[Problem]]],
) -> list[tuple[PathKey, Problem]]:
    """What ``asked`` of each card of ``social.cards`` says of its data, with the card's
    place, at the line of each problem's field."""
    from deckgen.plan import written_as

    section = loaded.outline.social
    out: list[tuple[PathKey, Problem]] = []
    with written_as(loaded.outline.deck):
        for i, card in enumerate(section.cards if section else []):
            key: PathKey = ("social", "cards", i)
            try:
                found = asked(card)(tables, loaded.locate(*key))
            except DeckgenError:
                continue
            out += [(key, loaded.relocate(p)) for p in found]
    return out


def _with_source(text: str, source: str | None, words: Words, note: str | None = None) -> str:
    """A card's suggested caption: its text, then its source in the deck's words (and,
    in its alt text, the ``note`` the picture writes after it)."""
    line = [words.source_line([sentence(words.bare(source))])] if source else []
    return words.noted(sentence(text), [*line, *([note] if note else [])])


def plan_card(ctx: CardContext, req: CardRequest, preset: Preset) -> PlannedCard:
    """Lay out ``req`` in ``preset``: at preferred sizes if they fit, else tighter.

    Raises the :class:`FitError` of the tightest attempt when nothing fits.
    """
    card = req.card
    found: list[CardJob] = []
    error: FitError | None = None
    for squeeze in SQUEEZE:
        lay = CardLayout(ctx, req, preset, preset.height or 0, squeeze)
        try:
            job = card.layout(lay)
        except FitError as exc:
            error = exc
            continue
        found.append(job)
        score = card.score(job)
        if score is None or score >= card.best_score(lay):
            break
    if not found:
        assert error is not None
        raise error
    # Fewest texts under a phone's floor first (a bigger number is no gain if its source
    # line turns unreadable on a phone), then the best score; max keeps the first of equals.
    ranks = [(-len(under_phone_floor(job)), card.score(job) or 0.0) for job in found]
    best = found[max(range(len(found)), key=lambda k: ranks[k])]
    job = replace(best, format=req.format)  # type: ignore[arg-type]  # the schema checked it
    caption = card.caption or _with_source(card.suggested_caption(), card.source,
                                           ctx.loaded.outline.deck.wording)  # fmt: skip
    if ctx.hashtags:
        caption = f"{caption} {' '.join(ctx.hashtags)}"
    file = f"{req.name}-{preset.name}.{EXTENSIONS[req.format]}"
    return PlannedCard(
        req.name, card.kind, preset, req.format, file, job, card.alt or None, caption, card.source,
        format_path(req.key), card, req.key,
    )  # fmt: skip


def card_context(
    loaded: LoadedOutline[Outline], tables: dict[str, pd.DataFrame], theme: LoadedTheme
) -> CardContext:
    """What every card shares. The brand comes from the corporate template when the theme
    has one (its band's colour; its logo picture), else from the theme (primary colour,
    ``logo:``); with no logo anywhere, the footer sets the organisation as a wordmark."""
    section = loaded.outline.social
    wordmark = (section.wordmark if section else None) or loaded.outline.deck.organisation
    at = loaded.locate("social", "wordmark") if section and section.wordmark else (
        loaded.locate("deck", "organisation"))  # fmt: skip
    template = theme.template
    logo, member, _ = card_logo(theme)
    ratio = _look(logo, member, theme.theme.colors.background)[1] if logo else 1.0
    hashtags = tuple(section.hashtags) if section else ()
    brand = template.band if template is not None else None
    return CardContext(loaded, tables, theme, wordmark, logo, ratio, hashtags, member, brand, at)


def card_logo(theme: LoadedTheme) -> tuple[Path | None, str | None, list[str]]:
    """The logo the cards show: the template's picture (its file and package part), else
    the theme's ``logo:``, the first that can be seen on the cards' background; and those
    passed over for being hidden there. ``None`` for no logo: the wordmark."""
    candidates: list[tuple[Path, str | None]] = []
    template = theme.template
    if template is not None and template.logo is not None:
        candidates.append((template.path, template.logo))
    if theme.theme.logo:
        candidates.append((theme.theme.path(theme.theme.logo), None))
    hidden: list[str] = []
    for path, member in candidates:
        if _look(path, member, theme.theme.colors.background)[0]:
            return path, member, hidden
        hidden.append(f"{path}" + (f" ({member})" if member else ""))
    return None, None, hidden


#: A logo shows on the cards when this share of its opaque pixels is at :data:`_APART`
#: or more against their background (a multicoloured mark needs only part of it to).
_SHOWN = 0.05
#: The contrast under which a logo's ink is lost on the background: not the 3:1 asked of
#: a chart's marks (a light green or orange brand mark on white, 2:1, is plainly seen),
#: but what a white logo on white (1:1) or on a pale grey is.
_APART = 1.5


def _look(path: Path, member: str | None, background: str) -> tuple[bool, float]:
    """Whether the logo at ``path`` (``member`` of a package) can be seen on ``background``
    (a white logo made for a navy title slide was drawn white on the white cards, which
    then showed no brand; found by fuzzing), and its aspect ratio. Kept per version of the
    file: a watch session plans its cards again on every edit."""
    stat = path.stat()
    return _look_at(path, member, stat.st_mtime_ns, stat.st_size, background)


@functools.lru_cache(maxsize=16)
def _look_at(path: Path, member: str | None, mtime_ns: int, size: int,
             background: str) -> tuple[bool, float]:  # fmt: skip
    import numpy as np

    from deckgen.render.cardkit import open_logo
    from deckgen.theming.colour import luminance, luminances, ratios

    with open_logo(path, member) as image:
        ratio = image.width / image.height
        try:  # a few thousand pixels are enough to judge
            small = image.reduce(max(1, min(image.size) // 64))
        except ValueError:  # a mode reduce does not take (a palette): the whole picture
            small = image
        rgba = np.asarray(small.convert("RGBA"), dtype=float)
    opaque = rgba[..., 3] > 127
    if not opaque.any():
        return False, ratio
    apart = ratios(luminances(rgba[opaque][:, :3] / 255), luminance(background))
    return bool((apart >= _APART).mean() >= _SHOWN), ratio


def logo_warnings(theme: LoadedTheme) -> list[str]:
    """A warning for each logo passed over for being hidden on the cards' background, and
    what the cards show instead (the theme's logo, or the organisation as a wordmark)."""
    logo, _, hidden = card_logo(theme)
    instead = "the theme's logo" if logo is not None else "the organisation as a wordmark"
    background = theme.theme.colors.background
    return [
        f"{where}: the logo can hardly be seen on the cards' background {background} (under "
        f"{_APART:g}:1, as a white logo made for dark slides): the cards show {instead}; "
        "give the theme a logo that reads on the background with 'logo:'"
        for where in hidden
    ]


def _refuse_file_alts(loaded: LoadedOutline[Outline], requests: list[CardRequest]) -> None:
    """Cards whose alt text names a file ('chart.png') are refused, as a slide's is and as
    ``deckgen check`` reports them (A11Y001): ``deckgen social`` posted it as the alt text
    (found by fuzzing)."""
    from deckgen.kinds.slides._base import AltTextError, file_alt_problem, names_a_file

    problems = []
    for req in requests:
        written = req.card.written_alt()
        if written is not None and names_a_file(written[1]):
            field, alt = written
            where = loaded.locate(*req.path(*field))
            problems.append(loaded.relocate(file_alt_problem(alt, where, "describe what the "
                                                             "card shows")))  # fmt: skip
    if problems:
        raise AltTextError(problems)


def plan_cards(
    loaded: LoadedOutline[Outline],
    tables: dict[str, pd.DataFrame],
    theme: LoadedTheme,
    *,
    presets: list[str] | None = None,
    memo: PlanMemo | None = None,
) -> list[PlannedCard]:
    """Lay out every card in every preset it asks for; with ``presets`` (``deckgen social
    --preset``), every card in each of those instead, whether it asks for it or not: a
    long-form card (an infographic) in the long-form ones (``long``, ``WIDTHxauto``), the
    others in the fixed sizes. A card whose layout is in ``memo`` (same spec, preset,
    theme and data) is not laid out again.

    Every problem in every card is collected and raised together: a :class:`FitError` if
    all are fitting problems, else a :class:`DeckgenError`.
    """
    from deckgen.plan import written_as

    with written_as(loaded.outline.deck):  # as the deck's slides write them
        return _plan_cards(loaded, tables, theme, presets, memo)


def _plan_cards(
    loaded: LoadedOutline[Outline],
    tables: dict[str, pd.DataFrame],
    theme: LoadedTheme,
    presets: list[str] | None,
    memo: PlanMemo | None,
) -> list[PlannedCard]:
    wanted = list({p.name: p for p in map(_option_preset, presets)}.values()) if presets else None
    requests = card_requests(loaded)
    ctx = card_context(loaded, tables, theme)
    plan = _memoised(ctx, memo)
    planned: list[PlannedCard] = []
    problems: list[Problem] = []
    fit_only = True
    _refuse_file_alts(loaded, requests)
    for req in requests:
        if wanted is None:
            sizes = [parse_preset(name) for name in req.card.presets]
        else:
            sizes = [p for p in wanted if (p.height is None) == req.card.long_form]
        for preset in sizes:
            try:
                planned.append(plan(req, preset))
            except DeckgenError as exc:
                fit_only = fit_only and isinstance(exc, FitError)
                problems.extend(p for p in exc.problems if p not in problems)
    if problems:
        if fit_only and any(".chart" in (p.location.field or "") for p in problems
                            if p.location is not None):  # fmt: skip
            problems += ctx.theme.theme.larger_sizes(loaded.path, only=("chart_label",))
        raise (FitError if fit_only else DeckgenError)(problems)
    if wanted is not None and not planned and requests:
        raise DeckgenError(
            Problem(
                None,
                f"--preset: no card of the outline can be drawn at "
                f"{one_of(p.name for p in wanted)}",
                "long-form sizes ('long', WIDTHxauto) are for infographics, fixed sizes for "
                "the other cards",
            )
        )
    return planned


def _memoised(
    ctx: CardContext, memo: PlanMemo | None
) -> Callable[[CardRequest, Preset], PlannedCard]:
    """:func:`plan_card` in ``ctx``, through ``memo`` when there is one."""
    if memo is None:
        return lambda req, preset: plan_card(ctx, req, preset)
    from deckgen.plan.memo import derive, plan_key, spec_key

    theme = ctx.theme
    shared = plan_key(theme=theme, deck=ctx.loaded.outline.deck, wordmark=ctx.wordmark,
                      logo=ctx.logo, ratio=ctx.logo_ratio, hashtags=ctx.hashtags)  # fmt: skip
    warnings: list[str] = []  # cards have none; the memo's signature wants a list

    def plan(req: CardRequest, preset: Preset) -> PlannedCard:
        where = str(ctx.loaded.locate(*req.key))
        spec = memo.key_of(req.card, lambda: spec_key(req.card, where))
        key = None if shared is None else derive(
            spec, "card", shared=shared, at=list(req.key), name=req.name, format=req.format,
            fields=[[f, list(p)] for f, p in req.fields], preset=repr(preset),
        )  # fmt: skip

        def make(reading: dict[str, pd.DataFrame]) -> PlannedCard:
            return plan_card(replace(ctx, tables=reading), req, preset)

        return memo.plan(key, ctx.tables, warnings, make)

    return plan


def _option_preset(name: str) -> Preset:
    """A preset named on the command line (``--preset``), or an error saying so."""
    try:
        return parse_preset(name)
    except DeckgenError as exc:
        raise DeckgenError(
            [Problem(p.location, f"--preset: {p.message}", p.hint) for p in exc.problems]
        ) from None
