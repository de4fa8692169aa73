"""The long-form infographic: a headline block, sections between thin rules, sources.

Width from the preset (1080 px for ``long``), height from the content: blocks are stacked
down from the top (``_Flow``), each section kind by one function in :data:`SECTIONS`, and
the image ends a margin below the wordmark. Sizes are design pixels at 1080 px wide.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from deckgen.errors import FitError, Problem
from deckgen.social.jobs import InfographicJob, PlacedChart, Rule
from deckgen.social.layouts import (
    CardLayout,
    Names,
    accent_rule,
    card_chart,
    footer_blocks,
    frame,
    headline,
    largest,
    missing_source,
    note_block,
    stat_words,
)
from deckgen.social.text import (
    Box,
    TextBlock,
    block_height,
    ink,
    ink_fits,
    place,
    place_tight,
    tight_width,
)
from deckgen.tables.select import chart_data

if TYPE_CHECKING:
    from collections.abc import Callable

    from deckgen.outline.social import (
        ChartSection,
        InfographicCard,
        StatSection,
        StatsSection,
        TextSection,
    )


#: Chart heights in px at 1080 wide, by chart type (hbar: by its number of rows).
CHART_HEIGHTS = {"donut": 500, "line": 640}
DEFAULT_CHART_HEIGHT = 620


@dataclass
class _Flow:
    """A long-form image under construction: blocks stacked down from the top."""

    lay: CardLayout
    y: int
    blocks: list[TextBlock] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    charts: list[PlacedChart] = field(default_factory=list)
    words: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)

    def add(self, block: TextBlock, gap_after: int = 0) -> None:
        self.blocks.append(block)
        self.y = block.box.bottom + gap_after

    def divider(self) -> None:
        lay = self.lay
        thickness = max(2, lay.px(2))
        self.y += lay.px(64)
        self.rules.append(Rule(Box(lay.safe.x, self.y, lay.safe.w, thickness), lay.colors.grid))
        self.y += thickness + lay.px(64)

    def heading(self, text: str, names: Names, gap_after: int) -> None:
        lay = self.lay
        font = lay.theme.heading.bold
        fitted = lay.fit(
            text,
            font,
            (*names, "title"),
            "the title",
            max_width=lay.safe.w,
            max_height=lay.px(220),
            largest=44,
            smallest=36,
            max_lines=3,
            spacing=1.1,
        )
        self.add(
            place("title", fitted, font, lay.colors.text, x=lay.safe.x, y=self.y, spacing=1.1),
            gap_after,
        )


def _stat_row(
    flow: _Flow,
    stats: list[Any],
    names: list[Names],
    xs: list[int],
    col_w: int,
    value_size: int,
    label_max: float,
) -> None:
    """Stats side by side from ``flow.y``: qualifiers on one line, values on one baseline
    (a '$' reaching above the digits does not push its value down), labels level below."""
    lay = flow.lay
    theme, colors = lay.theme, lay.colors
    body, number = theme.body.regular, theme.number.bold
    q_h = (
        block_height(body, lay.px(32), 1, 1.0) + lay.px(14)
        if any(s.qualifier for s in stats)
        else 0
    )
    inks = [ink(s.value, number, value_size) for s in stats]
    line_y = flow.y + q_h - min(top for _, top, _, _ in inks)  # the values' ascender line
    label_y = line_y + max(bottom for _, _, _, bottom in inks) + lay.px(24)
    bottom = label_y
    for stat, where, x, (_, top, _, _) in zip(stats, names, xs, inks, strict=True):
        if stat.qualifier:
            q = lay.fit(
                stat.qualifier,
                body,
                (*where, "qualifier"),
                "the qualifier",
                max_width=col_w,
                max_height=lay.px(80),
                largest=32,
                smallest=32,
                max_lines=1,
            )
            flow.blocks.append(place("qualifier", q, body, colors.muted, x=x, y=flow.y))
        colour = colors.highlight if getattr(stat, "accent", True) else colors.text
        flow.blocks.append(
            place_tight("value", stat.value, number, value_size, colour, x=x, y=line_y + top)
        )
        label = lay.fit(
            stat.label,
            body,
            (*where, "label"),
            "the label",
            max_width=col_w,
            max_height=lay.px(400),
            largest=label_max,
            smallest=28,
            max_lines=5,
            spacing=1.15,
        )
        block = place("label", label, body, colors.text, x=x, y=label_y, spacing=1.15)
        flow.blocks.append(block)
        bottom = max(bottom, block.box.bottom)
    flow.y = bottom


def _value_size(
    lay: CardLayout, values: list[str], col_w: int, high: float, low: float, names: Names
) -> int:
    """The largest size (``high`` down to ``low`` design px) at which every value fits
    ``col_w`` on one line: one size for a row, so the values share a baseline."""
    number = lay.theme.number.bold
    size = largest(
        lay.px(low), lay.px(high), lambda s: all(ink_fits(v, number, s, col_w) for v in values)
    )
    if size is not None:
        return size
    widest = max(values, key=lambda v: tight_width(v, number, lay.px(low)))
    raise FitError(
        Problem(
            lay.where(*names),
            f"the value {widest!r} of {lay.describe()} does not fit its column even at "
            f"{lay.px(low)} px",
            "shorten the value, or put fewer stats in the row",
        )
    )


def _section_stat(flow: _Flow, section: StatSection, names: Names) -> None:
    lay = flow.lay
    size = _value_size(lay, [section.value], lay.safe.w, 260, 140, (*names, "value"))
    _stat_row(flow, [section], [names], [lay.safe.x], lay.safe.w, size, 44)
    flow.words.append(stat_words(section))
    flow.sources += [section.source] if section.source else []


def _section_stats(flow: _Flow, section: StatsSection, names: Names) -> None:
    lay = flow.lay
    if section.title:
        flow.heading(section.title, names, lay.px(44))
    count = len(section.items)
    gap = lay.px(48)
    col_w = (lay.safe.w - gap * (count - 1)) // count
    size = _value_size(lay, [s.value for s in section.items], col_w, 150, 72, (*names, "items"))
    items = list(section.items)
    xs = [lay.safe.x + k * (col_w + gap) for k in range(count)]
    _stat_row(flow, items, [(*names, "items", k) for k in range(count)], xs, col_w, size, 34)
    lead = f"{section.title}: " if section.title else ""
    flow.words.append(lead + "; ".join(stat_words(s) for s in section.items))
    flow.sources += [s.source for s in section.items if s.source]
    flow.sources += [section.source] if section.source else []


def _section_chart(flow: _Flow, section: ChartSection, names: Names) -> None:
    from deckgen.render.alt import describe_chart

    lay = flow.lay
    safe = lay.safe
    head, sub, bottom = headline(
        lay, section.title, section.subtitle, safe.x, flow.y, safe.w, lay.px(420), names
    )
    flow.blocks += [b for b in (head, sub) if b is not None]
    spec = section.chart
    design = section.height or CHART_HEIGHTS.get(spec.type, DEFAULT_CHART_HEIGHT)
    if spec.type == "hbar" and not section.height:
        if spec.data not in lay.ctx.tables:
            raise missing_source(lay, spec, (*names, "chart"))
        rows = chart_data(lay.ctx.tables[spec.data], spec, lay.where(*names, "chart"))
        design = 96 * min(len(rows.categories), 12) + 40
    box = Box(safe.x, bottom + lay.px(40), safe.w, lay.px(design))
    placed, note = card_chart(lay, spec, section.title, box, (*names, "chart"))
    flow.charts.append(placed)
    flow.y = box.bottom
    if note:
        flow.add(note_block(lay, note, safe.x, flow.y + lay.px(16), safe.w, (*names, "chart")))
    flow.words.append(spec.alt or describe_chart(placed.job))
    flow.sources += [section.source] if section.source else []


def _section_text(flow: _Flow, section: TextSection, names: Names) -> None:
    lay = flow.lay
    theme, safe = lay.theme, lay.safe
    if section.title:
        flow.heading(section.title, names, lay.px(24))
    fitted = lay.fit(
        section.text,
        theme.body.regular,
        (*names, "text"),
        "the text",
        max_width=safe.w,
        max_height=lay.px(1000),
        largest=36,
        smallest=30,
        max_lines=14,
        spacing=1.3,
    )
    flow.add(
        place("text", fitted, theme.body.regular, lay.colors.text, x=safe.x, y=flow.y, spacing=1.3)
    )
    flow.words.append(f"{section.title}: {section.text}" if section.title else section.text)
    flow.sources += [section.source] if section.source else []


SECTIONS: dict[str, Callable[[_Flow, Any, Names], None]] = {
    "stat": _section_stat,
    "stats": _section_stats,
    "chart": _section_chart,
    "text": _section_text,
}


def plan_infographic(lay: CardLayout, card: InfographicCard) -> InfographicJob:
    """A long-form image: headline block, then each section between thin rules, then every
    source and the wordmark. Its height is whatever the content needs."""
    theme, colors = lay.theme, lay.colors
    lay = replace(lay, height=10**6)  # grows down; cut to the content at the end
    safe = lay.safe
    accent = accent_rule(lay, safe.x, safe.y)
    flow = _Flow(lay, accent.box.bottom + lay.px(44))
    font = theme.heading.bold
    fitted = lay.fit(
        card.title,
        font,
        ("title",),
        "the headline",
        max_width=safe.w,
        max_height=lay.px(500),
        largest=84,
        smallest=52,
        max_lines=4,
        spacing=1.05,
    )
    flow.add(
        place("title", fitted, font, colors.text, x=safe.x, y=flow.y, spacing=1.05), lay.px(28)
    )
    if card.subtitle:
        font = theme.body.regular
        fitted = lay.fit(
            card.subtitle,
            font,
            ("subtitle",),
            "the subtitle",
            max_width=safe.w,
            max_height=lay.px(300),
            largest=38,
            smallest=30,
            max_lines=4,
            spacing=1.2,
        )
        flow.add(place("subtitle", fitted, font, colors.muted, x=safe.x, y=flow.y, spacing=1.2))
    for j, section in enumerate(card.sections):
        flow.divider()
        SECTIONS[section.kind](flow, section, ("sections", j))
    sources = list(dict.fromkeys([*flow.sources, *([card.source] if card.source else [])]))
    flow.divider()
    body = theme.body.regular
    if sources:
        head = "Sources" if len(sources) > 1 else "Source"
        fitted = lay.fit(
            head,
            theme.body.bold,
            (),
            "the sources heading",
            max_width=safe.w,
            max_height=lay.px(80),
            largest=26,
            smallest=26,
        )
        flow.add(
            place("sources", fitted, theme.body.bold, colors.muted, x=safe.x, y=flow.y), lay.px(14)
        )
        for source in sources:
            fitted = lay.fit(
                source,
                body,
                ("source",),
                "a source line",
                max_width=safe.w,
                max_height=lay.px(200),
                largest=26,
                smallest=24,
                max_lines=4,
                spacing=1.15,
            )
            flow.add(
                place("source", fitted, body, colors.muted, x=safe.x, y=flow.y, spacing=1.15),
                lay.px(10),
            )
    # The wordmark (or logo) closes the page; the image ends a margin below it.
    mark_h = lay.px(64)
    lay = replace(lay, height=flow.y + lay.px(30) + mark_h + lay.preset.safe.bottom)
    footer, _ = footer_blocks(lay, None)
    words = [*flow.words, ("Sources: " + "; ".join(sources)) if sources else ""]
    return InfographicJob(
        frame(lay),
        accent,
        tuple(flow.blocks),
        tuple(flow.rules),
        tuple(flow.charts),
        footer,
        tuple(w for w in words if w),
    )
