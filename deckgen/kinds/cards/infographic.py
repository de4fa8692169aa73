"""The long-form infographic: a headline block, sections between thin rules, sources.

Width from the preset (1080 px for ``long``), height from the content: blocks are stacked
down from the top (:class:`_Flow`), each section kind laid out by its own model's
``place`` method, and the image ends a margin below the wordmark.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

from deckgen.errors import FitError, Problem, joined
from deckgen.kinds.cards._base import (
    BODY_PX,
    FINE_PX,
    TITLE_PX,
    TITLE_SPACING,
    CardKind,
    CardLayout,
    Names,
    Shown,
    accent_rule,
    card_chart,
    chart_check,
    footer_blocks,
    frame,
    headline,
    note_block,
    snug_chart,
    stat_words,
    things_of,
    with_shown,
)
from deckgen.kinds.charts import AnyChart
from deckgen.layout.geometry import Rect
from deckgen.layout.text import CARD, Fitted, ink, ink_fits, ink_width
from deckgen.layout.units import ZERO, Length, Px
from deckgen.outline.schema import LongPreset, Prose, Stat, Text, kinds_union
from deckgen.outline.words import sentence
from deckgen.render.cardkit import (
    CardJob,
    PlacedChart,
    Rule,
    TextBlock,
    drawing,
    place,
    place_tight,
)
from deckgen.search import largest

if TYPE_CHECKING:
    from pathlib import Path

    import pandas as pd
    from PIL import Image

    from deckgen.errors import Location

#: Presets an infographic gets when it names none.
LONG_PRESETS = ["long"]


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    def place(self, flow: _Flow, names: Names) -> None:
        raise NotImplementedError

    def heading(self) -> str | None:
        """The section's heading (set at the card's one size, :func:`_heading_px`)."""
        return getattr(self, "title", None)

    def check(self, tables: dict[str, pd.DataFrame], where: Location) -> list[Problem]:
        return []


class StatSection(_Section):
    """One stat across the width."""

    kind: Literal["stat"]
    value: Text
    label: Text
    qualifier: Prose | None = None
    source: Prose | None = None

    def place(self, flow: _Flow, names: Names) -> None:
        lay = flow.lay
        size = _value_size(lay, [self.value], lay.safe.width, 260, 140, (*names, "value"))
        _stat_row(flow, [self], [names], [lay.safe.left], lay.safe.width, size, 44)
        flow.words.append(stat_words(self))
        flow.sources += [self.source] if self.source else []


class StatsSection(_Section):
    """Two or three stats side by side (one value size for the row)."""

    kind: Literal["stats"]
    title: Prose | None = Field(None, description="A heading above the row.")
    items: list[Stat] = Field(min_length=2, max_length=3)
    source: Prose | None = Field(None, description="Source of the row (items may have their own).")

    def place(self, flow: _Flow, names: Names) -> None:
        lay = flow.lay
        if self.title:
            flow.heading(self.title, names, lay.px(44))
        count = len(self.items)
        gap = lay.px(48)
        col_w = Px((lay.safe.width - gap * (count - 1)).px // count)
        size = _value_size(lay, [s.value for s in self.items], col_w, 150, 72, (*names, "items"))
        items = list(self.items)
        xs = [lay.safe.left + (col_w + gap) * k for k in range(count)]
        _stat_row(flow, items, [(*names, "items", k) for k in range(count)], xs, col_w, size, 34)
        lead = f"{self.title}: " if self.title else ""
        flow.words.append(lead + "; ".join(stat_words(s) for s in self.items))
        flow.sources += [s.source for s in self.items if s.source]
        flow.sources += [self.source] if self.source else []


#: The tallest a chart section grows to name every line (px at 1080 wide): the most its
#: ``height`` may say.
_TALLEST_CHART = 2000
#: The rows of a ranking a section grows to show (as a ranking's default height is made
#: for: 96 px a row, up to 12); more are left out, and the note under it says so.
_MOST_ROWS = 12


class ChartSection(_Section):
    kind: Literal["chart"]
    title: Text = Field(description="The finding, as a sentence.")
    subtitle: Prose | None = None
    source: Prose | None = None
    chart: AnyChart
    height: int | None = Field(
        None, ge=200, le=2000, description="Chart height in px at 1080 wide (default by type)."
    )

    def check(self, tables: dict[str, pd.DataFrame], where: Location) -> list[Problem]:
        from deckgen.errors import Location

        return chart_check(self.chart, tables, Location(where.file, where.line,
                                                        f"{where.field}.chart"))  # fmt: skip

    def place(self, flow: _Flow, names: Names) -> None:
        lay = flow.lay
        safe = lay.safe
        head, sub, bottom = headline(
            lay, self.title, self.subtitle, safe.left, flow.y, safe.width, lay.px(420), names,
            max_lines=HEADING_LINES, title_px=flow.heading_px,
        )  # fmt: skip
        flow.blocks += [b for b in (head, sub) if b is not None]
        spec = self.chart
        data = spec.select_data(lay.ctx.tables[spec.data], lay.where(*names, "chart"))
        design = spec.card_height(data) if self.height is None else self.height

        def placed_in(room: Rect) -> tuple[PlacedChart, Shown | None]:
            return card_chart(lay, spec, self.title, room, (*names, "chart"))

        # A long card has the height to name every line, or every part, at its chart's
        # own height or a taller one: sixteen regions' lines at the default height left
        # nine unnamed, beside named ones they were taken for (found in review). A height
        # the outline sets is kept, and what it would leave unnamed is an error, as on a
        # chart card: a ring of 12 slices at 'height: 200' named 6 with only warnings
        # (fuzzing).
        # So it has to show the rows of a ranking, up to :data:`_MOST_ROWS`: eight regions,
        # one name on two lines, kept six at the default height, the card's height being
        # the content's (found in review). It grows while growing shows more (rows stack
        # down the section; a line's periods run across it, and a taller section shows no
        # more of them).
        named = False
        most: list[int] = []  # the rows the tallest section shows, once asked

        def grows(kept: int) -> bool:
            if not most:
                tallest = Rect(safe.left, bottom + lay.px(40), safe.width, lay.px(_TALLEST_CHART))
                most.append(len(placed_in(tallest)[0].job.data.categories))
            return kept < _MOST_ROWS and most[0] > kept

        while self.height is None and design < _TALLEST_CHART:
            box = Rect(safe.left, bottom + lay.px(40), safe.width, lay.px(design))
            trial, cut = placed_in(box)
            shown = len(trial.job.data.categories)
            if not spec.card_unnamed(trial.job) and (cut is None or not grows(shown)):
                named = True
                break
            design = min(round(design * 1.25), _TALLEST_CHART)
        box = Rect(safe.left, bottom + lay.px(40), safe.width, lay.px(design))
        # The section ends under what the chart draws, not under its box.
        placed, note = snug_chart(box, placed_in, centred=False)
        missing = [] if named else spec.card_unnamed(placed.job)
        if missing:
            raise FitError(self._unnamed(lay, placed, missing, names))
        flow.charts.append(placed)
        flow.y = placed.box.bottom
        # What it shows of its rows, then what its numbers need said (changes computed
        # from unrounded values), in one note under it.
        wording = lay.ctx.loaded.outline.deck.wording
        footnote = spec.footnote(data, wording.chart)
        said = wording.noted(with_shown(None, note.said(self.subtitle)) or "" if note else "",
                             [footnote] if footnote else [])  # fmt: skip
        if said:
            flow.add(note_block(lay, said, safe.left, flow.y + lay.px(16), safe.width,
                                (*names, "chart")))  # fmt: skip
        flow.words.append(len(flow.charts) - 1)  # described once drawn (InfographicJob.alt)
        if note:
            # What it leaves out is said in the alt text too, as a chart card's is: a
            # chart of 10 of 15 regions was described as the 10 alone (found in review).
            flow.words.append(with_shown(None, note.alt) or "")
            flow.short += note.warnings
        flow.sources += [self.source] if self.source else []

    def _unnamed(self, lay: CardLayout, placed: PlacedChart, missing: list[str],
                 names: Names) -> Problem:  # fmt: skip
        """The parts of a whole (or the lines) the section's chart has no room to name."""
        spec, data = self.chart, placed.job.data
        lines = spec.card_unnamed_of == "series"
        count = len(data.series) if lines else len(data.categories)
        things = "lines" if lines else things_of(spec.x)
        why = ("a line with no name cannot be told from the others" if lines else
               "a chart of the parts of a whole names every part")  # fmt: skip
        series = getattr(spec, "series", None)
        column = f"a 'filter:' on {series!r}" if series else "fewer columns in 'y:'"
        fewer = (f"show fewer series ({column})" if lines else
                 f"merge the smallest {things} into one row ('Other') in the data")  # fmt: skip
        fix = fewer
        if self.height is not None:
            fix = (f"remove 'height: {self.height}' (the section then grows, up to "
                   f"{_TALLEST_CHART} px, until it names every one), or raise it; or "
                   f"{fewer}")  # fmt: skip
        return Problem(
            lay.where(*names, "chart"),
            f"the chart of {lay.describe()} has room for the names of only "
            f"{count - len(missing)} of its {count} {things}"
            + (f" at 'height: {self.height}'" if self.height is not None else "")
            + f", so {joined([repr(m) for m in missing])} would go unnamed; {why}",
            fix,
        )


class TextSection(_Section):
    kind: Literal["text"]
    title: Prose | None = None
    text: Text
    source: Prose | None = None

    def place(self, flow: _Flow, names: Names) -> None:
        lay = flow.lay
        theme, safe = lay.theme, lay.safe
        if self.title:
            flow.heading(self.title, names, lay.px(24))
        fitted = lay.fit(
            self.text, theme.body.regular, (*names, "text"), "the text", max_width=safe.width,
            max_height=lay.px(1000), largest=40, smallest=BODY_PX, max_lines=14, spacing=1.3,
        )  # fmt: skip
        flow.add(place("text", fitted, theme.body.regular, lay.colors.text, x=safe.left,
                       y=flow.y, spacing=1.3))  # fmt: skip
        flow.words.append(f"{self.title}: {self.text}" if self.title else self.text)
        flow.sources += [self.source] if self.source else []


#: The section kinds of an infographic.
SECTIONS = (StatSection, StatsSection, ChartSection, TextSection)
if TYPE_CHECKING:
    Section = _Section
else:
    Section = kinds_union(SECTIONS, "kind", "section kind")


@dataclass(frozen=True, kw_only=True)
class InfographicJob(CardJob):
    accent: Rule
    blocks: tuple[TextBlock, ...]
    rules: tuple[Rule, ...]
    charts: tuple[PlacedChart, ...]
    #: Each section in words, for the alt text; a chart section's is its index in
    #: ``charts``, as the chart describes itself once drawn.
    summary: tuple[str | int, ...] = ()

    def alt(self) -> str:
        from deckgen.outline.formats import spoken

        # A chart's alt text says its values in words already; the stats' are as typed.
        words = (self.charts[w].job.alt() if isinstance(w, int) else spoken(w)
                 for w in self.summary)  # fmt: skip
        return " ".join(sentence(w) for w in words)

    def draw(self) -> Image.Image:
        out = drawing(self)
        out.rule(self.accent)
        for rule in self.rules:
            out.rule(rule)
        for block in self.blocks:
            out.text(block)
        for placed in self.charts:
            out.chart(placed)
        out.footer(self.footer)
        return out.image


class InfographicCard(CardKind):
    """A long-form image: headline, sections separated by rules, a footer of sources."""

    kind: Literal["infographic"]
    title: Text = Field(description="The headline.")
    subtitle: Prose | None = None
    presets: list[LongPreset] = Field(
        default_factory=lambda: list(LONG_PRESETS),
        min_length=1,
        description="'long' (1080 wide) or WIDTHxauto.",
    )
    sections: list[Section] = Field(min_length=1, max_length=12)
    long_form: ClassVar[bool] = True
    lists_sources: ClassVar[bool] = True

    def check(self, tables: dict[str, pd.DataFrame], where: Location) -> list[Problem]:
        from deckgen.errors import Location

        problems = []
        for j, section in enumerate(self.sections):
            at = Location(where.file, where.line, f"{where.field}.sections[{j}]")
            problems += section.check(tables, at)
        return problems

    def alt_text(self, shows: str) -> str:
        return f"Infographic. {self.suggested_caption()} {shows}"

    def suggested_caption(self) -> str:
        return sentence(self.title) + (f" {sentence(self.subtitle)}" if self.subtitle else "")

    def layout(self, lay: CardLayout) -> InfographicJob:
        """Headline block, then each section between thin rules, then every source and the
        wordmark. Its height is whatever the content needs."""
        theme, colors = lay.theme, lay.colors
        lay = replace(lay, height=10**6)  # grows down; cut to the content at the end
        safe = lay.safe
        accent = accent_rule(lay, safe.left, safe.top)
        flow = _Flow(lay, accent.box.bottom + lay.px(44), _heading_px(lay, self.sections))
        font = theme.heading.bold
        fitted = lay.fit(
            self.title, font, ("title",), "the headline", max_width=safe.width,
            max_height=lay.px(500), largest=84, smallest=52, max_lines=4, spacing=1.05,
        )  # fmt: skip
        flow.add(place("title", fitted, font, colors.text, x=safe.left, y=flow.y, spacing=1.05),
                 lay.px(28))  # fmt: skip
        if self.subtitle:
            font = theme.body.regular
            fitted = lay.fit(
                self.subtitle, font, ("subtitle",), "the subtitle", max_width=safe.width,
                max_height=lay.px(300), largest=42, smallest=BODY_PX, max_lines=4, spacing=1.2,
            )  # fmt: skip
            flow.add(place("subtitle", fitted, font, colors.muted, x=safe.left, y=flow.y,
                           spacing=1.2))  # fmt: skip
        # Each source line with the part of the outline it came from, for an error that
        # names where it is written (a section's line that did not fit was put on the card).
        given: dict[str, Names] = {}
        wording = lay.ctx.loaded.outline.deck.wording
        for j, section in enumerate(self.sections):
            flow.divider()
            before = len(flow.sources)
            section.place(flow, ("sections", j))
            for source in flow.sources[before:]:
                own = source == getattr(section, "source", None)  # or an item's
                names: Names = ("sections", j, "source") if own else ("sections", j)
                given.setdefault(wording.bare(source), names)
        if self.source:
            given.setdefault(wording.bare(self.source), ("source",))
        sources = list(given)
        flow.divider()
        body = theme.body.regular
        if sources:
            head = wording.sources if len(sources) > 1 else wording.source
            fitted = lay.fit(head, theme.body.bold, (), "the sources heading",
                             max_width=safe.width, max_height=lay.px(80), largest=FINE_PX,
                             smallest=FINE_PX)  # fmt: skip
            flow.add(place("sources", fitted, theme.body.bold, colors.muted, x=safe.left,
                           y=flow.y), lay.px(14))  # fmt: skip
            listed = _listed(lay, sources)
            for entry, lines in listed:
                fitted = lay.fit(entry, body, given[lines[0]], "a source line",
                                 **_source_room(lay))  # fmt: skip
                flow.add(place("source", fitted, body, colors.muted, x=safe.left, y=flow.y,
                               spacing=1.15), lay.px(10))  # fmt: skip
            sources = [entry for entry, _ in listed]
        # How a figure was made: said under the sources, not listed among them.
        note = sentence(self.note) if self.note else ""
        if note:
            fitted = lay.fit(note, body, ("note",), "the note", **_source_room(lay))
            flow.add(place("note", fitted, body, colors.muted, x=safe.left, y=flow.y,
                           spacing=1.15), lay.px(10))  # fmt: skip
        # The wordmark (or logo) closes the page; the image ends a margin below it.
        mark_h = lay.px(64)
        height = (flow.y + lay.px(30) + mark_h).px + lay.preset.safe.bottom
        lay = replace(lay, height=height)
        footer, _ = footer_blocks(lay, None)
        listing = wording.source_line(sources, many=len(sources) > 1) if sources else ""
        words = [*flow.words, listing, note]
        return InfographicJob(
            frame=frame(lay), footer=footer, accent=accent, blocks=tuple(flow.blocks),
            rules=tuple(flow.rules), charts=tuple(flow.charts),
            summary=tuple(w for w in words if w != ""), short=tuple(flow.short),
        )  # fmt: skip


def _source_room(lay: CardLayout) -> dict[str, Any]:
    """How a source line is set in the Sources block: its room, size and spacing."""
    return {"max_width": lay.safe.width, "max_height": lay.px(200), "largest": FINE_PX,
            "smallest": FINE_PX, "max_lines": 4, "spacing": 1.15}  # fmt: skip


def _listed(lay: CardLayout, sources: list[str]) -> list[tuple[str, tuple[str, ...]]]:
    """The Sources block's entries, each with the lines it stands for: one publisher's
    lines as one entry, as the sources slide lists them (:meth:`Words.grouped`: the sample
    said "Global Impact page" five times); an entry too long for its lines listed line by
    line instead, where the first of them was, each fitted (or refused) as written."""
    listed: list[tuple[str, tuple[str, ...]]] = []
    font = lay.theme.body.regular
    for entry, lines in lay.ctx.loaded.outline.deck.wording.grouped(sources):
        fits = len(lines) == 1 or lay.fits(entry, font, balance=False, **_source_room(lay))
        listed += [(entry, lines)] if fits else [(line, (line,)) for line in lines]
    return listed


@dataclass
class _Flow:
    """A long-form image under construction: blocks stacked down from the top."""

    lay: CardLayout
    y: Length
    #: The size of every section's heading (design px, :func:`_heading_px`).
    heading_px: float
    blocks: list[TextBlock] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    charts: list[PlacedChart] = field(default_factory=list)
    words: list[str | int] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    #: What the charts leave out that the bundled fonts keep, or that a title states
    #: (``Shown.warnings``).
    short: list[str] = field(default_factory=list)

    def add(self, block: TextBlock, gap_after: Length = ZERO) -> None:
        self.blocks.append(block)
        self.y = block.box.bottom + gap_after

    def divider(self) -> None:
        lay = self.lay
        thickness = Px(max(2, lay.px(2).px))
        self.y = self.y + lay.px(64)
        self.rules.append(Rule(Rect(lay.safe.left, self.y, lay.safe.width, thickness),
                               lay.colors.grid))  # fmt: skip
        self.y = self.y + thickness + lay.px(64)

    def heading(self, text: str, names: Names, gap_after: Length) -> None:
        lay = self.lay
        font = lay.theme.heading.bold
        fitted = lay.fit(
            text, font, (*names, "title"), "the title", **_heading_room(lay, self.heading_px)
        )
        self.add(place("title", fitted, font, lay.colors.text, x=lay.safe.left, y=self.y,
                       spacing=TITLE_SPACING), gap_after)  # fmt: skip


#: A section heading's sizes (design px), largest first: under the headline's smallest (52),
#: at a card title's floor at least (:data:`TITLE_PX`, as a chart section's under its
#: subtitle), in at most :data:`HEADING_LINES` lines.
HEADING_PX = (52, TITLE_PX[-1])
HEADING_LINES = 4


def _heading_room(lay: CardLayout, size: float) -> dict[str, Any]:
    """How a section heading is set at ``size``: its room, lines and spacing."""
    return {"max_width": lay.safe.width, "max_height": lay.px(420), "largest": size,
            "smallest": size, "max_lines": HEADING_LINES, "spacing": TITLE_SPACING}  # fmt: skip


def _heading_px(lay: CardLayout, sections: list[Section]) -> float:
    """One size for every section's heading, stat, text or chart: the largest of
    :data:`HEADING_PX` at which each fits. Each kind set its own (a stats heading at 44 px
    under a chart section's at 60 on the sample's infographic, found in review); a heading
    that does not fit even at the smallest is refused where it is set, naming its section."""
    font = lay.theme.heading.bold
    texts = [t for t in (s.heading() for s in sections) if t]
    high, low = HEADING_PX
    size = largest(
        round(low), round(high),
        lambda s: all(lay.fits(t, font, balance=False, **_heading_room(lay, s)) for t in texts),
    )  # fmt: skip
    return low if size is None else size


def _stat_row(
    flow: _Flow,
    stats: list[Any],
    names: list[Names],
    xs: list[Length],
    col_w: Length,
    value_size: int,
    label_max: float,
) -> None:
    """Stats side by side from ``flow.y``: qualifiers on one line, values on one baseline
    (a '$' reaching above the digits does not push its value down), labels level below."""
    lay = flow.lay
    theme, colors = lay.theme, lay.colors
    body, number = theme.body.regular, theme.number.bold
    q_h = (
        CARD.block_height(body, lay.px(BODY_PX), 1) + lay.px(14)
        if any(s.qualifier for s in stats)
        else Length(0)
    )
    inks = [ink(s.value, number, value_size) for s in stats]
    line_y = flow.y + q_h - Px(min(top for _, top, _, _ in inks))  # the values' ascender line
    label_y = line_y + Px(max(bottom for _, _, _, bottom in inks)) + lay.px(24)
    bottom = label_y
    for stat, where, x, (_, top, _, _) in zip(stats, names, xs, inks, strict=True):
        if stat.qualifier:
            q = lay.fit(
                stat.qualifier, body, (*where, "qualifier"), "the qualifier", max_width=col_w,
                max_height=lay.px(80), largest=BODY_PX, smallest=BODY_PX, max_lines=1,
            )  # fmt: skip
            flow.blocks.append(place("qualifier", q, body, colors.muted, x=x, y=flow.y))
        accent = getattr(stat, "accent", True)
        colour = colors.highlight_ink if accent else colors.text
        flow.blocks.append(
            place_tight(
                "value", stat.value, number, Px(value_size), colour, x=x, y=line_y + Px(top)
            )
        )
        label = lay.fit(
            stat.label, body, (*where, "label"), "the label", max_width=col_w,
            max_height=lay.px(400), largest=label_max, smallest=BODY_PX, max_lines=5, spacing=1.15,
        )  # fmt: skip
        if len(stats) > 1:
            label = _filled(label, stat.label, body, col_w)
        block = place("label", label, body, colors.text, x=x, y=label_y, spacing=1.15)
        flow.blocks.append(block)
        bottom = max(bottom, block.box.bottom)
    flow.y = bottom


def _filled(fitted: Fitted, text: str, font: Path, col_w: Length) -> Fitted:
    """A label in a row of stats with its lines filling its column, as a deck's stats
    slide sets its labels (:meth:`Typesetter.unorphaned`: as many lines as a greedy wrap,
    no lone last word), not balanced to the narrowest width that keeps their count as a
    headline is: balanced, 'of world / GDP comes / from the G20' took a third of its
    288 px column, three short lines beside their neighbours' (found in review)."""
    lines = CARD.unorphaned(text, font, fitted.size, col_w)
    width = CARD.width("\n".join(lines), font, fitted.size)
    return replace(fitted, lines=tuple(lines), width=width, text="\n".join(lines))


def _value_size(
    lay: CardLayout, values: list[str], col_w: Length, high: float, low: float, names: Names
) -> int:
    """The largest size (``high`` down to ``low`` design px) at which every value fits
    ``col_w`` on one line: one size for a row, so the values share a baseline."""
    number = lay.theme.number.bold
    size = largest(
        lay.px(low).px, lay.px(high).px,
        lambda s: all(ink_fits(v, number, s, col_w.px) for v in values),
    )  # fmt: skip
    if size is not None:
        return size
    widest = max(values, key=lambda v: ink_width(v, number, lay.px(low).px))
    raise FitError(
        Problem(
            lay.where(*names),
            f"the value {widest!r} of {lay.describe()} does not fit its column even at "
            f"{lay.px(low).px} px",
            "shorten the value, or put fewer stats in the row",
        )
    )
