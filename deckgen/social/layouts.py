"""Lay out one card in one preset: one plain function per card kind (the dispatch table,
``LAYOUTS``, is in ``deckgen.social.plan``; the infographic is in ``longform``).

Every function fits its texts with the theme's font files at the pixel sizes they will be
drawn at, inside the preset's safe area, and returns a pure job (``deckgen.social.jobs``).
Sizes are design pixels at 1080 px wide, scaled by the preset's width (``CardLayout.px``).
Text starts at its preferred size; :func:`deckgen.social.plan.plan_card` retries a card
at growing ``squeeze`` (0 preferred .. 1 minimum sizes and tighter gaps) until it fits, and
a text that does not fit at its minimum raises a :class:`FitError` naming the card, the
outline field and the text.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from deckgen.errors import DeckgenError, FitError, Location, Problem, did_you_mean, one_of
from deckgen.render.jobs import Canvas, ChartJob
from deckgen.social.jobs import (
    ChartCardJob,
    Footer,
    Frame,
    ListCardJob,
    Logo,
    PlacedChart,
    QuoteCardJob,
    Rule,
    StatCardJob,
)
from deckgen.social.text import (
    Box,
    Fitted,
    TextBlock,
    block_height,
    capacity,
    fit,
    ink_fits,
    place,
    place_tight,
    tight_height,
    width,
    wrap,
)
from deckgen.tables.select import ChartData, Series, chart_data

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    import pandas as pd

    from deckgen.outline.load import LoadedOutline
    from deckgen.outline.schema import ChartSpec
    from deckgen.outline.social import (
        ChartCard,
        ListCard,
        QuoteCard,
        StatCard,
    )
    from deckgen.social.plan import CardRequest
    from deckgen.social.presets import Preset
    from deckgen.theming.load import LoadedTheme

#: Charts are drawn at 144 dpi: 2 px per point.
CHART_DPI = 144
#: Smallest chart label, in px at 1080 wide (DESIGN.md: at least 28 px).
CHART_LABEL_PX = 28
#: Smallest stat value on a stat card, in px at 1080 wide (DESIGN.md: at least 180 px).
STAT_VALUE_PX = 180
#: Largest stat value on a stat card, in px at 1080 wide.
STAT_VALUE_MAX_PX = 400

Names = tuple[str | int, ...]


@dataclass(frozen=True)
class CardContext:
    """What every card of an outline shares: data, theme, wordmark or logo."""

    loaded: LoadedOutline
    tables: dict[str, pd.DataFrame]
    theme: LoadedTheme
    wordmark: str | None
    logo: Path | None
    logo_ratio: float = 1.0
    hashtags: tuple[str, ...] = ()


@dataclass(frozen=True)
class CardLayout:
    """One card in one preset while it is laid out."""

    ctx: CardContext
    req: CardRequest
    preset: Preset
    height: int  # the image height; a long-form image sets it when its content is known
    #: 0 sets text at its preferred sizes, 1 at its minimum sizes with tighter gaps.
    squeeze: float = 0.0

    def px(self, design: float) -> int:
        return round(design * self.preset.unit)

    def size(self, largest: float, smallest: float) -> int:
        """The largest size text may take at this squeeze, in pixels."""
        return self.px(largest - (largest - smallest) * self.squeeze)

    def gap(self, design: float) -> int:
        """Whitespace between blocks: tightens by up to a third as the card fills."""
        return self.px(design * (1 - self.squeeze / 3))

    @property
    def safe(self) -> Box:
        s = self.preset.safe
        return Box(
            s.left, s.top, self.preset.width - s.left - s.right, self.height - s.top - s.bottom
        )

    @property
    def colors(self) -> Any:
        return self.ctx.theme.theme.colors

    @property
    def theme(self) -> LoadedTheme:
        return self.ctx.theme

    def where(self, *names: str | int) -> Location:
        return self.ctx.loaded.locate(*self.req.path(*names))

    def describe(self) -> str:
        p = self.preset
        return f"card {self.req.name!r} ({self.req.card.kind}, {p.name} {p.size_text})"

    def fit(
        self,
        text: str,
        font: Path,
        names: Names,
        what: str,
        *,
        max_width: int,
        max_height: int,
        largest: float,
        smallest: float,
        max_lines: int | None = None,
        spacing: float = 1.0,
        hint: str | None = None,
    ) -> Fitted:
        """Fit ``text`` between ``largest`` and ``smallest`` design px, or raise a
        :class:`FitError` naming the card, the field and the text."""
        low = self.px(smallest)
        fitted = fit(
            text,
            font,
            max_width=max_width,
            max_height=max(max_height, 0),
            max_size=self.size(largest, smallest),
            min_size=low,
            spacing=spacing,
            max_lines=max_lines,
        )
        if fitted is not None:
            return fitted
        lines = wrap(text, font, low, max_width)
        wide = [w for w in text.split() if width(w, font, low) > max_width]
        length = len(" ".join(text.split()))
        if wide:
            why = f"the word {wide[0]!r} is wider than its {max_width} px column"
            advice = "use a shorter word or a larger preset"
        elif max_lines and len(lines) > max_lines:
            fits = capacity(text, font, low, max_width, max_lines)
            why = f"it needs {len(lines)} lines and {max_lines} fit"
            advice = f"about {fits} of its {length} characters fit; shorten it"
        else:
            need = block_height(font, low, len(lines), spacing)
            why = f"it needs {need} px of height and {max(max_height, 0)} px are left"
            advice = "shorten it or the other text on the card, or choose a taller preset"
        raise FitError(
            Problem(
                self.where(*names),
                f"{what} of {self.describe()} does not fit even at {low} px ({why}): "
                f"{clip(text)!r}",
                hint or advice,
            )
        )


def clip(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def largest(low: int, high: int, ok: Callable[[int], bool]) -> int | None:
    """The largest size in ``low``..``high`` for which ``ok`` holds (``ok`` true up to some
    size and false above it), or ``None``."""
    if high < low or not ok(low):
        return None
    while low < high:
        mid = (low + high + 1) // 2
        low, high = (mid, high) if ok(mid) else (low, mid - 1)
    return low


# --------------------------------------------------------------------------- shared pieces
def frame(lay: CardLayout) -> Frame:
    return Frame(lay.preset.width, lay.height, lay.safe, lay.colors.background)


def accent_rule(lay: CardLayout, x: int, y: int) -> Rule:
    """The short bar in the highlight colour that opens a card, as on every slide."""
    return Rule(Box(x, y, lay.px(96), lay.px(10)), lay.colors.highlight)


def source_line(source: str | None) -> str | None:
    if not source:
        return None
    return source if source.lower().startswith("source") else f"Source: {source}"


def footer_blocks(lay: CardLayout, source: str | None) -> tuple[Footer, int]:
    """Source line (left) and wordmark or logo (right) on the bottom of the safe area;
    returns the footer and its top edge."""
    theme, safe = lay.theme, lay.safe
    wordmark = logo = None
    right = 0
    if lay.ctx.logo is not None:
        h = lay.px(52)
        w = min(round(h * lay.ctx.logo_ratio), safe.w // 3)
        h = max(1, round(w / lay.ctx.logo_ratio))
        logo = Logo(lay.ctx.logo, Box(safe.right - w, safe.bottom - h, w, h))
        right = w
    elif lay.ctx.wordmark:
        font = theme.heading.bold
        fitted = lay.fit(
            lay.ctx.wordmark,
            font,
            ("wordmark",),
            "the wordmark",
            max_width=safe.w // 2,
            max_height=lay.px(60),
            largest=28,
            smallest=24,
            max_lines=1,
            hint="shorten 'social: wordmark:' (default: the deck's organisation)",
        )
        wordmark = place(
            "wordmark",
            fitted,
            font,
            lay.colors.primary,
            x=safe.right - fitted.width,
            y=safe.bottom - fitted.height,
        )
        right = fitted.width
    top = logo.box.y if logo else wordmark.box.y if wordmark else safe.bottom
    block = None
    text = source_line(source)
    if text:
        font = theme.body.regular
        fitted = lay.fit(
            text,
            font,
            ("source",),
            "the source line",
            max_width=safe.w - right - (lay.px(40) if right else 0),
            max_height=lay.px(140),
            largest=26,
            smallest=24,
            max_lines=3,
            spacing=1.15,
        )
        block = place(
            "source",
            fitted,
            font,
            lay.colors.muted,
            x=safe.x,
            y=safe.bottom - fitted.height,
            spacing=1.15,
        )
        top = min(top, block.box.y)
    return Footer(block, wordmark, logo), top


def headline(
    lay: CardLayout,
    title: str,
    subtitle: str | None,
    x: int,
    y: int,
    col_w: int,
    max_h: int,
    names: Names = (),
    max_lines: int = 4,
) -> tuple[TextBlock, TextBlock | None, int]:
    """The title (a finding, 60 down to 44 px) and subtitle (34 down to 28 px) from
    ``y`` in a column ``col_w`` wide; returns them and their bottom edge."""
    theme, colors = lay.theme, lay.colors
    fitted = lay.fit(
        title,
        theme.heading.bold,
        (*names, "title"),
        "the title",
        max_width=col_w,
        max_height=max_h,
        largest=60,
        smallest=44,
        max_lines=max_lines,
        spacing=1.1,
    )
    head = place("title", fitted, theme.heading.bold, colors.text, x=x, y=y, spacing=1.1)
    sub = None
    if subtitle:
        room = max_h - head.box.h - lay.gap(18)
        fitted = lay.fit(
            subtitle,
            theme.body.regular,
            (*names, "subtitle"),
            "the subtitle",
            max_width=col_w,
            max_height=room,
            largest=34,
            smallest=28,
            max_lines=3,
            spacing=1.15,
        )
        sub = place(
            "subtitle",
            fitted,
            theme.body.regular,
            colors.muted,
            x=x,
            y=head.box.bottom + lay.gap(18),
            spacing=1.15,
        )
    return head, sub, (sub or head).box.bottom


# --------------------------------------------------------------------------- charts
def chart_label_px(lay: CardLayout) -> int:
    """Chart text size: 28 px at 1080 wide, or the theme's own if it asks for more."""
    theme_px = lay.theme.theme.sizes.chart_label * CHART_DPI / 72
    return lay.px(max(CHART_LABEL_PX, theme_px))


def category_room(
    spec: ChartSpec, data: ChartData, box: Box, label_px: int, theme: LoadedTheme
) -> int:
    """How many categories ``box`` shows with ``label_px`` labels that do not collide."""
    n = len(data.categories)
    if spec.transpose or spec.type in ("line", "donut"):
        return n
    regular, bold = theme.body.regular, theme.body.bold
    if spec.type == "hbar":
        # The renderer wraps names at 30% of the chart's width (bar.py, with the deck's
        # 6% measuring slack); every row is as tall as the row with the most lines needs.
        line = block_height(regular, label_px, 1, 1.0)
        lines = [
            len(wrap(str(c), regular, label_px, round(box.w * 0.3 / 1.06))) for c in data.categories
        ]
        fits = [
            k for k in range(1, n + 1) if k * line * (1.15 * max(lines[:k]) + 0.45) <= box.h * 0.94
        ]
        return max([2, *fits])
    words = [w for c in data.categories for w in str(c).split()] or ["0"]
    need = max(width(w, regular, label_px) for w in words)
    axis = box.w * 0.96
    if spec.value_labels:
        values = [v for s in data.series for v in s.values if v is not None]
        need = max([need] + [width(spec.format.format(v), bold, label_px) for v in values])
    else:
        axis -= width(spec.format.format(max(data.total(), 1)), regular, label_px)
    return max(2, int(axis // (need * 1.12 + label_px * 0.4)))


def missing_source(lay: CardLayout, spec: ChartSpec, names: Names) -> DeckgenError:
    known = list(lay.ctx.tables)
    return DeckgenError(
        Problem(
            lay.where(*names, "data"),
            f"unknown data source {spec.data!r}; the outline declares "
            + (one_of(known) if known else "none (add a 'data:' section)"),
            did_you_mean(spec.data, known),
        )
    )


def card_chart(
    lay: CardLayout, spec: ChartSpec, title: str, box: Box, names: Names
) -> tuple[PlacedChart, str | None]:
    """The chart redrawn for ``box`` (not a shrunken slide picture): labels at reading
    size, and the leading categories only when all of them would collide. Returns the
    placed job and a note such as 'Top 7 of 10 shown' when categories were left out."""
    ctx = lay.ctx
    if spec.data not in ctx.tables:
        raise missing_source(lay, spec, names)
    data = chart_data(ctx.tables[spec.data], spec, lay.where(*names))
    label_px = chart_label_px(lay)
    room = category_room(spec, data, box, label_px, ctx.theme)
    note = None
    if room < len(data.categories):
        first = "Top" if spec.sort and spec.sort.descending else "First"
        note = f"{first} {room} of {len(data.categories)} shown"
        data = ChartData(
            data.categories[:room], tuple(Series(s.name, s.values[:room]) for s in data.series)
        )
    scale = label_px / (ctx.theme.theme.sizes.chart_label * CHART_DPI / 72)
    canvas = Canvas(box.w / CHART_DPI, box.h / CHART_DPI, CHART_DPI, scale)
    return PlacedChart(ChartJob(spec, data, ctx.theme, canvas, title), box), note


def note_block(lay: CardLayout, note: str, x: int, y: int, col_w: int, names: Names) -> TextBlock:
    font = lay.theme.body.regular
    fitted = lay.fit(
        note,
        font,
        names,
        "the note",
        max_width=col_w,
        max_height=lay.px(80),
        largest=26,
        smallest=24,
        max_lines=1,
    )
    return place("note", fitted, font, lay.colors.muted, x=x, y=y)


# --------------------------------------------------------------------------- stat card
def _stat_band(
    lay: CardLayout, card: StatCard, top: int, bottom: int, *, side: bool
) -> tuple[TextBlock | None, TextBlock, TextBlock] | None:
    """Qualifier, value and label in the band ``top``..``bottom``: stacked, or (``side``)
    qualifier and value left, label right. ``None`` if the value cannot be 180 px."""
    theme, safe, colors = lay.theme, lay.safe, lay.colors
    body, number = theme.body.regular, theme.number.bold
    avail = bottom - top
    value_w = round(safe.w * 0.56) if side else safe.w
    label_x = safe.x + value_w + lay.gap(56) if side else safe.x
    qualifier = None
    if card.qualifier:
        qualifier = lay.fit(
            card.qualifier,
            body,
            ("qualifier",),
            "the qualifier",
            max_width=value_w,
            max_height=lay.px(90),
            largest=40,
            smallest=32,
            max_lines=1,
        )
    q_h = qualifier.height + lay.gap(16) if qualifier else 0
    label = lay.fit(
        card.label,
        body,
        ("label",),
        "the label",
        max_width=safe.right - label_x,
        max_height=avail if side else (avail - q_h) // 2,
        largest=56,
        smallest=40,
        max_lines=4,
        spacing=1.15,
    )
    gap = lay.gap(32)
    value_room = avail - q_h - (0 if side else label.height + gap)
    size = largest(
        lay.px(STAT_VALUE_PX),
        lay.px(STAT_VALUE_MAX_PX),
        lambda s: ink_fits(card.value, number, s, value_w, value_room),
    )
    if size is None:
        return None
    value_h = tight_height(card.value, number, size)
    if side:
        band_h = max(q_h + value_h, label.height)
        y0 = top + (avail - band_h) // 2
        q_y = y0 + (band_h - q_h - value_h) // 2
        label_y = y0 + (band_h - label.height) // 2
    else:
        band_h = q_h + value_h + gap + label.height
        q_y = top + max(0, round((avail - band_h) * 0.45))
        label_y = q_y + q_h + value_h + gap
    value = place_tight("value", card.value, number, size, colors.highlight, x=safe.x, y=q_y + q_h)
    q_block = (
        place("qualifier", qualifier, body, colors.muted, x=safe.x, y=q_y) if qualifier else None
    )
    return (
        q_block,
        value,
        place("label", label, body, colors.text, x=label_x, y=label_y, spacing=1.15),
    )


def plan_stat(lay: CardLayout, card: StatCard) -> StatCardJob:
    """A big number: qualifier, value as large as fits (at least 180 px at 1080 wide),
    label, then source and wordmark. Landscape presets try the value beside its words."""
    theme, safe, colors = lay.theme, lay.safe, lay.colors
    accent = accent_rule(lay, safe.x, safe.y)
    footer, footer_top = footer_blocks(lay, card.source)
    y = accent.box.bottom + lay.gap(40)
    title = None
    if card.title:
        fitted = lay.fit(
            card.title,
            theme.heading.bold,
            ("title",),
            "the title",
            max_width=safe.w,
            max_height=round(safe.h * 0.3),
            largest=60,
            smallest=44,
            max_lines=3,
            spacing=1.1,
        )
        title = place("title", fitted, theme.heading.bold, colors.text, x=safe.x, y=y, spacing=1.1)
        y = title.box.bottom + lay.gap(40)
    bottom = footer_top - lay.gap(40)
    best = None
    for side in (True, False) if lay.preset.landscape else (False,):
        try:
            band = _stat_band(lay, card, y, bottom, side=side)
        except FitError:
            if side:
                continue  # the words' column is narrow: try stacked
            raise
        if band and (best is None or band[1].size > best[1].size):
            best = band
    if best is None:
        raise FitError(
            Problem(
                lay.where("value"),
                f"the value of {lay.describe()} does not fit one line at "
                f"{lay.px(STAT_VALUE_PX)} px beside its label and title: {card.value!r}",
                "shorten the value ('$143.2B', not '$143,200,000,000'), the label or the "
                "title, or choose a taller preset",
            )
        )
    qualifier, value, label = best
    return StatCardJob(frame(lay), accent, title, qualifier, value, label, footer)


# --------------------------------------------------------------------------- chart card
def _chart_stacked(lay: CardLayout, card: ChartCard) -> ChartCardJob:
    safe = lay.safe
    accent = accent_rule(lay, safe.x, safe.y)
    footer, footer_top = footer_blocks(lay, card.source)
    y = accent.box.bottom + lay.gap(36)
    head, sub, bottom = headline(
        lay, card.title, card.subtitle, safe.x, y, safe.w, round(safe.h * 0.34)
    )
    top = bottom + lay.gap(40)
    box = Box(safe.x, top, safe.w, footer_top - lay.gap(40) - top)
    if box.h < safe.h * 0.4:
        raise FitError(
            Problem(
                lay.where("title"),
                f"the title and subtitle of {lay.describe()} leave too little room for the "
                f"chart ({box.h} px of {safe.h}): {clip(card.title)!r}",
                "shorten the title or subtitle, or choose a taller preset",
            )
        )
    placed, note = card_chart(lay, card.chart, card.title, box, ("chart",))
    block = None
    if note:
        note_h = block_height(lay.theme.body.regular, lay.px(26), 1, 1.0) + lay.gap(16)
        box = replace(box, h=box.h - note_h)
        placed, note = card_chart(lay, card.chart, card.title, box, ("chart",))
        block = note_block(lay, note or "", safe.x, box.bottom + lay.gap(16), safe.w, ("chart",))
    return ChartCardJob(frame(lay), accent, head, sub, placed, block, footer)


def _chart_side(lay: CardLayout, card: ChartCard) -> ChartCardJob:
    safe = lay.safe
    accent = accent_rule(lay, safe.x, safe.y)
    footer, footer_top = footer_blocks(lay, card.source)
    col_w = round(safe.w * 0.4)
    y = accent.box.bottom + lay.gap(36)
    bottom = footer_top - lay.gap(40)
    head, sub, text_bottom = headline(
        lay, card.title, card.subtitle, safe.x, y, col_w, bottom - y, max_lines=6
    )
    x = safe.x + col_w + lay.gap(56)
    box = Box(x, safe.y, safe.right - x, bottom - safe.y)
    placed, note = card_chart(lay, card.chart, card.title, box, ("chart",))
    block = None
    if note:
        block = note_block(lay, note, safe.x, text_bottom + lay.gap(28), col_w, ("chart",))
        if block.box.bottom > bottom:
            raise FitError(
                Problem(
                    lay.where("title"),
                    f"the title of {lay.describe()} leaves no room for the note {note!r}",
                    "shorten the title or subtitle",
                )
            )
    return ChartCardJob(frame(lay), accent, head, sub, placed, block, footer)


def _shown(job: ChartCardJob) -> tuple[int, int]:
    box = job.chart.box
    return len(job.chart.job.data.categories), box.w * box.h


def plan_chart(lay: CardLayout, card: ChartCard) -> ChartCardJob:
    """The finding over the chart redrawn for the card; on landscape presets also the
    finding beside the chart, keeping whichever shows more categories (then more area)."""
    if not lay.preset.landscape:
        return _chart_stacked(lay, card)
    options, errors = [], []
    for layout in (_chart_side, _chart_stacked):
        try:
            options.append(layout(lay, card))
        except FitError as exc:
            errors.append(exc)
    if not options:
        raise errors[-1]
    return max(options, key=_shown)


# --------------------------------------------------------------------------- quote card
def plan_quote(lay: CardLayout, card: QuoteCard) -> QuoteCardJob:
    """The quotation set large under (or, on landscape, beside) a big opening mark in the
    highlight colour, its attribution beneath."""
    theme, safe, colors = lay.theme, lay.safe, lay.colors
    footer, footer_top = footer_blocks(lay, card.source)
    landscape = lay.preset.landscape
    y = safe.y
    title = None
    if card.title:
        fitted = lay.fit(
            card.title,
            theme.body.bold,
            ("title",),
            "the title",
            max_width=safe.w,
            max_height=lay.px(120),
            largest=34,
            smallest=28,
            max_lines=2,
        )
        title = place("title", fitted, theme.body.bold, colors.muted, x=safe.x, y=y)
        y = title.box.bottom + lay.gap(32)
    mark = place_tight(
        "mark",
        "\u201c",
        theme.heading.bold,
        lay.px(150 if landscape else 240),
        colors.highlight,
        x=safe.x,
        y=y,
    )
    x = safe.x + mark.box.w + lay.px(36) if landscape else safe.x
    top = y if landscape else mark.box.bottom + lay.gap(36)
    text_w = safe.right - x
    attr_font = theme.body.bold
    attribution = lay.fit(
        f"\u2014 {card.attribution}",
        attr_font,
        ("attribution",),
        "the attribution",
        max_width=text_w,
        max_height=lay.px(140),
        largest=36,
        smallest=28,
        max_lines=2,
    )
    gap = lay.gap(36)
    bottom = footer_top - lay.gap(48)
    quote = lay.fit(
        card.text,
        theme.heading.regular,
        ("text",),
        "the quotation",
        max_width=text_w,
        max_height=bottom - top - attribution.height - gap,
        largest=76,
        smallest=34,
        spacing=1.25,
    )
    # Centre the group (mark, quotation, attribution) in the space above the footer.
    group_h = (top - y) + quote.height + gap + attribution.height
    shift = max(0, round((bottom - y - group_h) * 0.4))
    mark = replace(
        mark, box=replace(mark.box, y=mark.box.y + shift + (lay.px(8) if landscape else 0))
    )
    body = place(
        "text", quote, theme.heading.regular, colors.text, x=x, y=top + shift, spacing=1.25
    )
    attr = place("attribution", attribution, attr_font, colors.text, x=x, y=body.box.bottom + gap)
    return QuoteCardJob(frame(lay), mark, title, body, attr, footer)


# --------------------------------------------------------------------------- list card
def plan_list(lay: CardLayout, card: ListCard) -> ListCardJob:
    """A title and two to six short items, each behind a square (or number) in the
    highlight colour, one size for all; on landscape presets the title sits beside them."""
    theme, safe, colors = lay.theme, lay.safe, lay.colors
    accent = accent_rule(lay, safe.x, safe.y)
    footer, footer_top = footer_blocks(lay, card.source)
    side = lay.preset.landscape
    col_w = round(safe.w * 0.36) if side else safe.w
    y = accent.box.bottom + lay.gap(36)
    bottom = footer_top - lay.gap(44)
    fitted = lay.fit(
        card.title,
        theme.heading.bold,
        ("title",),
        "the title",
        max_width=col_w,
        max_height=(bottom - y) if side else round(safe.h * 0.3),
        largest=60,
        smallest=44,
        max_lines=6 if side else 3,
        spacing=1.1,
    )
    title = place("title", fitted, theme.heading.bold, colors.text, x=safe.x, y=y, spacing=1.1)
    x0 = safe.x + col_w + lay.gap(56) if side else safe.x
    top = safe.y if side else title.box.bottom + lay.gap(52)
    body = theme.body.regular
    marker_w = lay.px(64) if card.numbered else lay.px(44)
    item_w = safe.right - x0 - marker_w
    count = len(card.items)

    def layout(size: int) -> list[Fitted] | None:
        found = [
            fit(
                t,
                body,
                max_width=item_w,
                max_height=10**6,
                max_size=size,
                min_size=size,
                spacing=1.15,
                max_lines=3,
            )
            for t in card.items
        ]
        if not all(found):
            return None
        total = sum(f.height for f in found if f) + round(size * 0.75) * (count - 1)
        return found if total <= bottom - top else None  # type: ignore[return-value]

    size = largest(lay.px(32), lay.size(56, 32), lambda s: layout(s) is not None)
    if size is None:
        worst = max(range(count), key=lambda k: len(card.items[k]))
        raise FitError(
            Problem(
                lay.where("items", worst),
                f"the items of {lay.describe()} do not fit even at {lay.px(32)} px "
                f"(longest: {clip(card.items[worst])!r})",
                "shorten the items (a few words each), use fewer, or choose a taller preset",
            )
        )
    fits = layout(size) or []
    gap = round(size * 0.75)
    total = sum(f.height for f in fits) + gap * (count - 1)
    # Beside the title: centred; under it: a little below the title, not floating.
    y = top + max(0, (bottom - top - total) // (2 if side else 4))
    markers: list[Rule | TextBlock] = []
    items: list[TextBlock] = []
    ascent = block_height(body, size, 1, 1.0)
    for k, fitted_item in enumerate(fits):
        block = place("item", fitted_item, body, colors.text, x=x0 + marker_w, y=y, spacing=1.15)
        if card.numbered:
            number = fit(
                str(k + 1),
                theme.number.bold,
                max_width=marker_w,
                max_height=ascent,
                max_size=size,
                min_size=size,
            )
            assert number is not None
            markers.append(place("marker", number, theme.number.bold, colors.highlight, x=x0, y=y))
        else:
            side_px = max(round(size * 0.34), 6)
            centre = y + round(ascent * 0.55)
            markers.append(Rule(Box(x0, centre - side_px // 2, side_px, side_px), colors.highlight))
        items.append(block)
        y = block.box.bottom + gap
    return ListCardJob(frame(lay), accent, title, tuple(markers), tuple(items), footer)


def stat_words(stat: Any) -> str:
    qualifier = f"{stat.qualifier} " if stat.qualifier else ""
    return f"{qualifier}{stat.value} {stat.label}"
