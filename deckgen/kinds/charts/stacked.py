"""Stacked bars: a column per category made of its series, the total on top."""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar, Literal

from pydantic import Field

from deckgen.errors import Location, Problem, joined, plain_number
from deckgen.kinds.charts._bars import (
    GAP,
    LINE_CLEAR,
    category_ticks,
    column_room,
    column_widest,
    gap_mark,
    headroom,
    value_axis,
)
from deckgen.kinds.charts._base import ChartKind, rounding_field, stack_ends, word
from deckgen.kinds.charts._scatter_labels import Box
from deckgen.outline.formats import excel_format
from deckgen.render.chartkit import (
    axes_points,
    break_around_texts,
    category_labels,
    category_words,
    clearance_pt,
    connector,
    figure_of,
    fmt,
    heights_pt,
    ink_on,
    label_size,
    leaving_out,
    left_out,
    legible,
    line_pieces,
    points_per_unit,
    row_breaks,
    series_colors,
    settle,
    shortening,
    spread,
    text_extents,
    text_height_pt,
    text_width_pt,
    to_points,
    value_limits,
    wrap_label,
)
from deckgen.render.labels import attach, mark
from deckgen.tables.rounding import Rounding, last_place, parts_miss_total, rounded_parts
from deckgen.theming import colour
from deckgen.theming.colour import DISTINGUISHABLE, MARK, text_fills

if TYPE_CHECKING:
    from collections.abc import Callable

    from matplotlib.artist import Artist
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.text import Annotation
    from pptx.chart.chart import Chart

    from deckgen.kinds.charts._base import Overlay
    from deckgen.kinds.charts._native import Geometry
    from deckgen.layout.geometry import Rect
    from deckgen.ooxml.workbook import Derived
    from deckgen.outline.formats import NumberFormat, Unit
    from deckgen.render.charts import ChartJob
    from deckgen.tables.select import ChartData
    from deckgen.theming.load import LoadedTheme


#: The least height in points of a segment whose value is written outside its column.
VISIBLE_PT = 3.0
#: (category, series, bottom, height) of a drawn segment.
Segment = tuple[int, int, float, float]
#: A thin segment's (middle, value as printed, fill, series).
Thin = tuple[float, str, str, int]


class StackedBar(ChartKind):
    """Columns of stacked segments: parts of each category's total."""

    type: Literal["stacked-bar"]
    label: ClassVar[str] = "Stacked bar chart"
    aliases: ClassVar[tuple[str, ...]] = ("stacked", "stacked-column")
    from_zero: ClassVar[bool] = True
    highlights: ClassVar[str] = "category or series"
    takes_reference: ClassVar[bool] = False
    # A note was taken and never drawn: no picture, no warning, the alt text describing it
    # (fuzzing round 8, 1). Refused until a note has a place on a stack.
    takes_annotations: ClassVar[bool] = False
    stacks: ClassVar[bool] = True
    #: Columns at least 5 pt wide on a ~12 in plot, as on bars.
    max_categories: ClassVar[int | None] = 120

    rounding: Rounding = rounding_field()
    connectors: bool = Field(
        default=False,
        description="Join the top of each segment to the top of the same series' segment in "
        "the next column (and the columns' tops) by a thin line across the gap, as think-cell "
        "draws them: each series is followed from column to column.",
    )

    def parts_rounding(self) -> Rounding:
        return self.rounding

    def check(self, data: ChartData, where: Location) -> list[Problem]:
        """A column is the total of its parts: parts on both sides of zero are an error.
        Drawn up from zero and down from it, such a column reaches past the total written
        over it ('8' over a column 13 high, of 10, 3 and −5: found by fuzzing). A column
        of parts all below zero is drawn down from zero, its total written over it."""
        problems = super().check(data, where)
        mixed = []
        for i, category in enumerate(data.categories):
            parts = [(s.name, v) for s in data.series
                     if (v := s.values[i]) is not None and math.isfinite(v)]  # fmt: skip
            if any(v > 0 for _, v in parts) and any(v < 0 for _, v in parts):
                mixed.append((category, parts))
        if not mixed:
            return problems
        category, parts = mixed[0]
        shown = ", ".join(f"{name} = {plain_number(v)}" for name, v in parts)
        rest = len(mixed) - 1
        more = f", and {rest} more column{'s' if rest > 1 else ''} of mixed sign" if rest else ""
        problems.append(
            Problem(
                Location(where.file, where.line, f"{where.field}.y"),
                f"a stacked bar writes each column's total over its parts, so they must all be "
                f"above zero or all below; {category!s} has {shown}{more}",
                "parts of mixed sign stack past their total; chart them side by side as "
                "grouped bars, or step from one to the next as a waterfall",
            )
        )
        return problems

    def parts_missed(self, job: ChartJob) -> tuple[str, str] | None:
        """The segments, where a column's add up to other than the total written above it
        (at the place they are rounded at, :func:`_segment_texts`), the columns named where
        not every one misses; the totals are written only with value labels."""
        if not job.spec.value_labels:
            return None
        columns = {i: c for i, c in _columns(_stack(job)).items() if len(c) > 1}
        missed = []
        for i, column in columns.items():
            scale, decimals = _column_place(job, i, column)
            parts = [value / scale for _, value in column]
            if parts_miss_total(parts, decimals, rounding=self.rounding):
                missed.append(i)
        if not missed:
            return None
        names = category_words(job)
        some = "" if len(missed) == len(columns) else f" in {joined([names[i] for i in missed])}"
        return f"Segments{some}", "their column's total"

    def draw(self, fig: Figure, ax: Axes, job: ChartJob) -> None:
        draw_stacked(fig, ax, job)
        if self.connectors:
            _connect(ax, job, _stack(job))

    def describe_data(self, job: ChartJob) -> str:
        """Each segment's value as the picture writes it (rounded to add up to its column's
        total, in the precision of the labels written): 73.95% printed '74%' was '73.95
        percent' here (found by fuzzing); a sliver too thin for any label with the
        decimals it needs to read as itself (:func:`_alone`)."""
        texts = _segment_texts(job, _stack(job), words=True)
        totals = _totals(job.data)
        parts = []
        for i, category in enumerate(category_words(job)):
            pieces = []
            for j, s in enumerate(job.data.series):
                value = s.values[i]
                if value is None:
                    text = "no value"  # a dash was read out ('b –')
                elif value == 0:
                    text = word(job, value)
                else:
                    text = _said(job, texts, i, j, value, words=True)
                pieces.append(f"{s.name} {text}")
            # A column short of a part adds up to less, which the reader is told: '18–29'
            # read 87% beside columns of 100% with nothing said (found in review).
            lacking = [s.name for s in job.data.series if s.values[i] is None]
            total = totals[i]
            if lacking and total is not None:
                said = (word(job, total) if _total_place(job, i) is None
                        else _total_text(job, i, total, words=True))  # fmt: skip
                pieces.append(f"adding up to {said} without {joined(lacking)}")
            parts.append(f"{category}: {', '.join(pieces)}")
        return "; ".join(parts)

    def drawn_unlike_data(self, job: ChartJob) -> list[tuple[str, str]]:
        """A part missing from a column that has others (:func:`_missing_parts`): no
        segment stands for it, so the column is shorter by it, and its total leaves it out.
        A survey's '18–29' column read 87% beside columns of 100% with no mark and no word
        (found in review); the picture marks the gap '–' on the column, and the build,
        a native chart's slide and ``deckgen check`` (NUM014) say it here."""
        found = super().drawn_unlike_data(job)
        said = _missing_said(job)
        return found if said is None else [*found, said]

    @classmethod
    def label_values(cls, data: ChartData) -> list[float | None]:
        """The segments and each column's total on top: one unit for all."""
        return [*super().label_values(data), *_totals(data)]

    def mark_colors(self, job: ChartJob) -> list[str]:
        return list(dict.fromkeys(fill for row in segment_colors(job) for fill in row))

    def card_categories(self, data: ChartData, box: Rect, label_px: int,
                        theme: LoadedTheme) -> int:  # fmt: skip
        return column_room(self, data, box, label_px, theme)

    def card_crowded_by(self, data: ChartData, label_px: int, theme: LoadedTheme) -> str | None:
        return column_widest(self, data, label_px, theme)[1]

    def native_type(self) -> object:
        from pptx.enum.chart import XL_CHART_TYPE

        return XL_CHART_TYPE.COLUMN_STACKED

    def native_data(self, job: ChartJob) -> object:
        """The series and their totals, then (where values are written) a column of each
        series' labels: :func:`_native_labels`."""
        from deckgen.kinds.charts._native import chart_data

        data = chart_data(job)
        if _native_plan(job).labels_on:
            for j, labels in enumerate(_native_labels(job)):
                data.add_labels(j, labels)  # type: ignore[attr-defined]  # workbook._CategoryData
        return data

    def native_overlays(self, job: ChartJob) -> list[Overlay]:
        from deckgen.kinds.charts._native import totals_overlay

        if not _native_plan(job).labels_on:
            return []
        # The column's total, as its label shows (a SUM of the row in the workbook, so an
        # "Edit Data" change moves it); an all-positive stack (the usual case) has its top
        # there too, so the label sits on the column.
        return [totals_overlay(job)]

    def native_notes(self, job: ChartJob) -> list[str]:
        """What the native form leaves out, in the picture's words: a PowerPoint chart is
        drawn after the build's warnings are gathered, so they are found while planning;
        with what it draws unlike its data (a missing part, :meth:`drawn_unlike_data`)."""
        return [*super().native_notes(job), *_native_plan(job).notes]

    def build_native(self, chart: Chart, job: ChartJob, geo: Geometry) -> None:
        """Series stacked; each segment's value inside it where it fits, else left of its
        column where the gap holds it (:func:`_native_plan`), the total on top of each
        column (a hidden overlay series), series named right of the last column with their
        values there (no key, as the picture); a value axis instead where the columns are
        too narrow for their values. A segment's value is written as the picture writes
        it, rounded to add up to its column's total (:func:`_native_labels`). With
        ``connectors``, PowerPoint's series lines (``c:serLines``) join the columns."""
        from pptx.enum.chart import XL_LABEL_POSITION
        from pptx.enum.chart import XL_MARKER_STYLE as MARKER
        from pptx.util import Pt

        from deckgen.kinds.charts import _native as nv
        from deckgen.ooxml import chartxml as cx
        from deckgen.ooxml import shapes as sh
        from deckgen.ooxml import workbook as wb

        colors = job.theme.theme.colors
        categories = job.data.categories
        count = len(job.data.series)
        plan = _native_plan(job)
        plot = chart.plots[0]
        plot.gap_width = nv.gap_width(job)
        plot.overlap = 100
        plot.vary_by_categories = False
        fills = segment_colors(job)
        highlighted = set(job.spec.highlight) & set(categories)
        # The series' own fill is a context column's; a highlighted column's segments have
        # theirs (and their values the ink that reads on them).
        key = next((i for i, c in enumerate(categories) if c not in highlighted), 0)
        labels_on = plan.labels_on
        texts = _native_texts(job)
        nv.value_axis(chart, job, plan.lo, plan.asked, show=not labels_on, editable=True)
        nv.category_axis(chart, job)
        w, h = job.canvas.width.pt, job.canvas.height.pt
        for j in range(count):
            series = plot.series[j]
            series.invert_if_negative = False
            nv.fill(series.format, fills[j][key])
            series.format.line.color.rgb = sh.rgb(colors.background)
            series.format.line.width = Pt(1)
            for i in range(len(categories)):
                if fills[j][i] != fills[j][key]:
                    point = series.points[i].format  # its own outline too, as the series'
                    nv.fill(point, fills[j][i])
                    point.line.color.rgb = sh.rgb(colors.background)
                    point.line.width = Pt(1)
            if not labels_on:
                continue
            nv.labels(series, job, ink_on(job, fills[j][key]), XL_LABEL_POSITION.CENTER)
            series.data_labels.number_format = _code(job)  # a value added in "Edit Data"
            hidden = plan.hidden.get(j, [])
            for i in hidden:
                cx.hide_label(series._element, i)  # too thin to hold its value
            moved = {i: (dx, dy) for i, dx, dy in plan.beside.get(j, ())}
            for i in range(len(categories) - 1):  # the last column's stand with the names
                if i in hidden or (i, j) not in texts:
                    continue  # no segment (a gap writes nothing), or no room
                # Left of its column, in its series' colour as its name, where it is moved;
                # no leader line (a series has one switch for all its labels, and its name,
                # moved right of the last column, must have none).
                ink = legible(job, fills[j][i]) if i in moved else ink_on(job, fills[j][i])
                label = nv.cell_label(series, i, job, ink, texts[i, j], bold=False,
                                      position=XL_LABEL_POSITION.CENTER)  # fmt: skip
                if i in moved:
                    cx.label_offset(label._dLbl, moved[i][0] / w, moved[i][1] / h)
                    cx.no_leader_lines(series._element)
                    if self.connectors and i:  # in a gap the series lines cross: they
                        # stop at its box (before the first column, no line runs)
                        cx.label_fill(label._dLbl, colors.background)
            shown = [texts.get((i, j)) for i in range(len(categories))]
            cx.labels_from_cells(series._element, wb.labels_range(count + 1, j, len(categories)),
                                 shown)  # fmt: skip
        _native_names(chart, job, plan, fills)
        if self.connectors:  # PowerPoint's series lines: each series' top to the next's
            ink = colour.legible(colors.grid, colors.background, MARK)
            cx.series_lines(chart, ink, Pt(0.75))
        if labels_on:
            cx.move_to_line_overlay(chart, count)  # the totals series
            totals = chart.plots[-1].series[0]
            totals.format.line.fill.background()
            totals.marker.style = MARKER.NONE
            nv.labels(totals, job, colors.text, XL_LABEL_POSITION.ABOVE)
            totals.data_labels.number_format = _code(job)
            for i, category in enumerate(categories):
                code = _total_code(job, i)  # a column of slivers: its parts' decimals
                if category in job.spec.highlight or code != _code(job):
                    bold = category in job.spec.highlight
                    label = nv.point_label(totals, i, job, colors.text, bold=bold,
                                           position=XL_LABEL_POSITION.ABOVE)  # fmt: skip
                    cx.label_number_format(label._dLbl, code)
            cx.hide_legend_entry(chart, count)
        _native_gaps(chart, job, geo, plan)


@dataclass(frozen=True)
class NativePlan:
    """Where a native stacked chart's plot and labels go, in points of its box (PowerPoint
    places nothing for it: the plot area is fixed, and each moved label is offset from the
    middle of its segment)."""

    labels_on: bool
    lo: float
    #: The top as the applications draw it (:func:`_native.drawn_top`): labels are laid
    #: out on it; the axis is set from ``lo`` to ``asked``, its top left to them.
    hi: float
    asked: float
    #: The plot area: left, top, width and height.
    plot: tuple[float, float, float, float]
    #: Per series, the columns whose value is not written (a sliver, or no room).
    hidden: dict[int, list[int]]
    #: Per series, (column, dx, dy): a value moved left of its column.
    beside: dict[int, list[tuple[int, float, float]]]
    #: What the build warns of (chartkit.left_out's words).
    notes: tuple[str, ...]
    #: Per series, what its name says after it of its slivers (:func:`_sliver_notes`).
    said: dict[int, str] = field(default_factory=dict)


def _native_plan(job: ChartJob) -> NativePlan:
    """Lay out the native chart as the picture is (:func:`draw_stacked`): values inside
    segments tall enough for them, a thinner (but visible) segment's left of its column
    where the gap before it holds them, spread apart (the first column's margin widened
    for them, as on the picture), and the rest named in a warning; where the columns are
    too narrow for their values (:func:`_crowded`), none, and a value axis. The native
    chart hid every value too thin for its segment without a word, where the picture wrote
    it beside the column or said so (found by review). The last column's values are
    written with the names right of it (:func:`_native_names`), and so are the values of
    segments too thin to see, after their series' names as on the picture
    (:func:`_slivers`, :func:`_sliver_notes`): the native chart only warned of them."""
    from deckgen.kinds.charts import _native as nv

    data = job.data.series
    categories = job.data.categories
    n = len(categories)
    segments = _stack(job)
    up = [sum(max(s.values[i] or 0.0, 0.0) for s in data) for i in range(n)]
    down = [sum(min(s.values[i] or 0.0, 0.0) for s in data) for i in range(n)]
    labels_on = job.spec.value_labels
    lo, asked = nv.limits(job, [*up, *down], 0.08 if labels_on else 0.04)
    hi = nv.drawn_top(job, lo, asked, max(up), show=not labels_on)
    left, top, plot_w, plot_h = _native_frame(job, lo, hi, show_axis=not labels_on)
    if not labels_on:
        return NativePlan(False, lo, hi, asked, (left, top, plot_w, plot_h), {}, {}, ())
    line = nv.text_h(job)
    per_y = plot_h / (hi - lo)  # the plot's height is not the names' to change
    # The last column's values stand with the names (:func:`_name_texts`), slivers' too; a
    # series with no segment there has no name to say its slivers after.
    named = {j for j, s in enumerate(data) if s.values[-1]}
    slivers = [(i, j, v) for i, j, v in _slivers(segments, per_y) if i < n - 1]
    written = _native_texts(job)
    with leaving_out() as many:  # a series with too many: the picture's words
        said = _sliver_notes(job, written, [s for s in slivers if s[1] in named])
    if said:  # the names are longer: room for them on the right
        left, top, plot_w, plot_h = _native_frame(job, lo, hi, show_axis=False, said=said)
    texts = {k: text for k, text in written.items() if k[0] < n - 1}
    totals = [_total_text(job, i, up[i] + down[i]) for i in range(n)]
    crowded = _crowded(job, segments, texts, totals, plot_w / n, per_y, 4.0)
    if crowded is not None:
        lo, asked = nv.limits(job, [*up, *down], 0.04)
        hi = nv.drawn_top(job, lo, asked, max(up), show=True)
        return NativePlan(False, lo, hi, asked, _native_frame(job, lo, hi, show_axis=True), {},
                          {}, (crowded,))  # fmt: skip
    gap = 0.6 * nv.size(job)  # between a value and its column, as the leader on the picture
    thin: dict[int, list[Segment]] = {}
    # A zero has no segment to write it on (PowerPoint would print '0' on the baseline).
    hidden = {j: [i for i, v in enumerate(s.values[:-1]) if v == 0] for j, s in enumerate(data)}
    for i, j, _ in slivers:
        hidden.setdefault(j, []).append(i)  # a number for a sliver nobody can see
    unnamed = [f"{data[j].name} {categories[i]} ({_said(job, written, i, j, v)})"
               for i, j, v in slivers if j not in named]  # fmt: skip
    for i, j, bottom, value in segments:
        if i == n - 1 or i in hidden.get(j, ()) or abs(value) * per_y >= line + 2:
            continue
        thin.setdefault(i, []).append((i, j, bottom, value))

    def room(column: list[Segment]) -> float:
        return max(nv.text_w(job, texts[i, j]) for i, j, _, _ in column) + gap + 4

    half = job.theme.theme.chart.bar_width / 2
    if 0 in thin:  # the first column has only the margin before it: widen it to hold them
        need = room(thin[0]) + 1.0
        k = (0.5 - half) / n  # the first column's edge, in plot widths past its left
        wider = (need - (left + plot_w) * k) / (1 - k)
        if left < wider <= need and need <= (1 - 2 * half) * (left + plot_w - wider) / n:
            plot_w -= wider - left
            left = wider
    slot = plot_w / n
    beside: dict[int, list[tuple[int, float, float]]] = {}
    unwritten: list[str] = []

    def down_to(value: float) -> float:  # points down the box to ``value``
        return top + plot_h * (hi - value) / (hi - lo)

    # Each total's box over its column: a value beside the next column must keep clear.
    taken = [_above(job, totals[i], left + slot * (i + 0.5), down_to(up[i]), line)
             for i in range(n)]  # fmt: skip
    for i, column in sorted(thin.items()):
        edge = left + slot * (i + 0.5 - half)
        before = edge - (left + slot * (i - 0.5 + half) if i else 0.0)
        wanted = [down_to(b + v / 2) for _, _, b, v in column]
        placed = spread(wanted, [line] * len(column), top, top + plot_h, 2.0)
        boxes = [
            Box(edge - gap - nv.text_w(job, texts[i, j]), y - line / 2, edge - gap, y + line / 2)
            for (_, j, _, _), y in zip(column, placed, strict=True)
        ]
        clear = not any(a.overlaps(b) for a in boxes for b in taken)
        if room(column) <= before and clear:
            for (_, j, _, _), box, want, got in zip(column, boxes, wanted, placed, strict=True):
                middle = (box.x0 + box.x1) / 2
                beside.setdefault(j, []).append((i, middle - left - slot * (i + 0.5), got - want))
            continue
        for _, j, _, _ in column:
            hidden.setdefault(j, []).append(i)
            unwritten.append(f"{data[j].name} {categories[i]} ({texts[i, j]})")
    notes = ((_unwritten_note(unwritten),) if unwritten else ()) + tuple(many)
    if unnamed:  # the picture says them with their names, which the native chart has not
        notes += (f"{len(unnamed)} segment values too thin to see are not written "
                  f"({', '.join(unnamed[:4])}{' and more' if len(unnamed) > 4 else ''}): "
                  "only the alt text says them; draw the chart as a picture (native: "
                  "false) to have them after their series' names",)  # fmt: skip
    return NativePlan(True, lo, hi, asked, (left, top, plot_w, plot_h), hidden, beside, notes,
                      said)  # fmt: skip


def _above(job: ChartJob, text: str, x: float, y: float, line: float) -> Box:
    """The box a column's total takes above its top at (``x``, ``y``), in points down."""
    from deckgen.kinds.charts import _native as nv

    width = nv.text_w(job, text, True)
    return Box(x - width / 2, y - nv.APP_GAP - line, x + width / 2, y)


def _native_frame(job: ChartJob, lo: float, hi: float, *, show_axis: bool,
                  said: dict[int, str] | None = None
                  ) -> tuple[float, float, float, float]:  # fmt: skip
    """The native plot area (left, top, width, height in points): room on the right for the
    names, 'Name (said)  value' (:func:`_native_names`), on the left for the value axis's
    ticks, above for the totals and below for the names under the columns."""
    from deckgen.kinds.charts import _native as nv

    w, h = job.canvas.width.pt, job.canvas.height.pt
    names = _name_texts(job, said or {})
    room = max(nv.text_w(job, t, True) for t in names) + 0.8 * nv.size(job) + 4
    line = nv.text_h(job)
    ticks = [fmt(job, v) for v in (lo, hi)] if show_axis else []
    left = max([nv.text_w(job, t) for t in ticks] + [0.0]) + (8.0 if show_axis else 2.0)
    top, bottom = line + 4.0, 2 * line + 6.0  # totals above; names under the columns wrap
    return left, top, w - left - room, h - top - bottom


def _name_texts(job: ChartJob, said: dict[int, str]) -> list[str]:
    """Each series' label right of the last column: 'Name  value' (a sliver's value with
    the decimals it needs, as the widest it may be), 'Name (said)  value' where its name
    says its slivers' values (``said``, :func:`_sliver_notes`)."""
    last = len(job.data.categories) - 1
    least = _least(job.data, job.canvas.height.pt)
    texts = _native_texts(job)
    return [s.name if (v := s.values[last]) is None or v == 0
            else f"{_named(s.name, said.get(j))}  "
                 f"{texts[last, j] if abs(v) >= least else _alone(job, v)}"
            for j, s in enumerate(job.data.series)]  # fmt: skip


def _named(name: str, said: str | None) -> str:
    """A series' name with what it says of its slivers after it: 'India (0.2M in 2004)'."""
    return f"{name} ({said})" if said else name


def _native_gaps(chart: Chart, job: ChartJob, geo: Geometry, plan: NativePlan) -> None:
    """The picture's '–' for each part missing from a column that has others
    (:func:`_gap_marks`): a text box on a patch of the background, on the column near its
    left edge where the part's segment would stand (a chart writes no label for an empty
    cell), or centred on top of the column, whose total is moved up over it. Placed in
    the plot area the plan fixes, it stays where it is if the data are edited."""
    from pptx.enum.chart import XL_LABEL_POSITION

    from deckgen.kinds.charts import _native as nv
    from deckgen.layout.geometry import Rect
    from deckgen.layout.units import Pt as Points
    from deckgen.ooxml import chartxml as cx
    from deckgen.ooxml import shapes as sh
    from deckgen.ooxml.shapes import Para

    missing = _missing_parts(job.data)
    if not missing:
        return
    colors = job.theme.theme.colors
    n = len(job.data.categories)
    left, top, plot_w, plot_h = plan.plot
    slot = plot_w / n
    line = nv.text_h(job)
    size = GAP_SIZE * nv.size(job)
    width = GAP_SIZE * nv.text_w(job, GAP_TEXT) + 2 * GAP_PAD * size
    tall = GAP_SIZE * line + 2 * GAP_PAD * size
    on_top = _on_top(job.data)
    box = geo.box
    edge = slot * job.theme.theme.chart.bar_width / 2
    for i, _, height in missing:
        x = left + slot * (i + 0.5)  # centred over a column, near its left edge on one
        if i not in on_top:
            x += width / 2 + GAP_INSET - edge
        y = top + plot_h * (plan.hi - height) / (plan.hi - plan.lo)
        y -= tall + nv.APP_GAP if i in on_top else tall if height == 0 else tall / 2
        rect = Rect(box.left + Points(x - width / 2), box.top + Points(y), Points(width),
                    Points(tall))  # fmt: skip
        shape = sh.add_text(
            geo.slide, rect,
            [Para(GAP_TEXT, job.theme.theme.fonts.body.family, Points(size), colors.text,
                  align="center")],
            anchor="middle", name="Gap mark",
        )  # fmt: skip
        shape.fill.solid()  # type: ignore[attr-defined]
        shape.fill.fore_color.rgb = sh.rgb(colors.background)  # type: ignore[attr-defined]
    if not plan.labels_on:
        return
    totals = chart.plots[-1].series[0]
    for i in sorted(on_top):
        bold = job.data.categories[i] in job.spec.highlight
        label = nv.point_label(totals, i, job, colors.text, bold=bold,
                               position=XL_LABEL_POSITION.ABOVE)  # fmt: skip
        cx.label_number_format(label._dLbl, _total_code(job, i))
        cx.label_offset(label._dLbl, 0.0, -(tall + nv.APP_GAP) / job.canvas.height.pt)


def _native_names(chart: Chart, job: ChartJob, plan: NativePlan, fills: list[list[str]]
                  ) -> None:  # fmt: skip
    """Each series named right of the last column, 'Name  value', bold in its colour made
    legible, level with its segment and spread apart (the picture's names; the last
    column's values move out with them, as a point has one label).

    A point's label can only sit on its segment (centre, inside end or base), so the plot
    area is fixed to leave room on the right, and each label is moved there from the
    segment's middle by a manual offset."""
    from pptx.enum.chart import XL_LABEL_POSITION

    from deckgen.kinds.charts import _native as nv
    from deckgen.ooxml import chartxml as cx

    data = job.data.series
    n = len(job.data.categories)
    last = n - 1
    w, h = job.canvas.width.pt, job.canvas.height.pt
    lo, hi = plan.lo, plan.hi
    texts = _name_texts(job, plan.said)
    line = nv.text_h(job)
    left, top, plot_w, plot_h = plan.plot
    cx.plot_area_layout(chart, left / w, top / h, plot_w / w, plot_h / h)
    slot = plot_w / n
    edge = left + slot * (last + 0.5) + slot * job.theme.theme.chart.bar_width / 2
    mids: list[tuple[int, float]] = []  # (series, middle of its last segment in points down)
    up = down = 0.0
    for j, s in enumerate(data):
        value = s.values[last]
        if value is None or value == 0:
            continue
        base = up if value > 0 else down
        middle = base + value / 2
        if value > 0:
            up += value
        else:
            down += value
        mids.append((j, top + plot_h * (hi - middle) / (hi - lo)))
    placed = spread([m for _, m in mids], [line] * len(mids), top, top + plot_h, 2.0)
    plot = chart.plots[0]
    shown = _native_texts(job)
    for (j, want), got in zip(mids, placed, strict=True):
        label = nv.cell_label(plot.series[j], last, job, legible(job, fills[j][last]),
                              shown[last, j], bold=True, name=data[j].name,
                              after=_named("", plan.said.get(j)),  # ' (0.2M in 2004)'
                              position=XL_LABEL_POSITION.CENTER)  # fmt: skip
        centre = left + slot * (last + 0.5)
        x = edge + 0.8 * nv.size(job) + nv.text_w(job, texts[j], True) / 2
        cx.label_offset(label._dLbl, (x - centre) / w, (got - want) / h)
        cx.no_leader_lines(plot.series[j]._element)


#: Greys of a stack with highlighted series: two alternate, the third where a grey touches
#: both (:func:`_context_greys`).
TONES = 3


def stack_colors(job: ChartJob) -> list[str]:
    """One fill per series: the categorical set, or the highlight for highlighted series
    and greys for the rest, each told apart from every grey it touches
    (:func:`_context_greys`); each holds its value in the theme's text or background
    colour (:func:`text_fills`)."""
    colors = job.theme.theme.colors
    names = [s.name for s in job.data.series]
    if not set(job.spec.highlight) & set(names):
        out = series_colors(job, names)
        return list(text_fills(tuple(out), colors.text, colors.background))
    tones = text_fills(_shades(colors.neutral, colors.background, colors.text, TONES),
                       colors.text, colors.background)  # fmt: skip
    greys = _context_greys(job, [n not in job.spec.highlight for n in names], tones)
    return [colors.highlight if n in job.spec.highlight else greys[j]
            for j, n in enumerate(names)]  # fmt: skip


def _context_greys(job: ChartJob, grey: list[bool], tones: tuple[str, ...]) -> dict[int, str]:
    """A tone for each grey series (``grey[j]``), bottom up: the first of ``tones`` set
    :data:`DISTINGUISHABLE` apart from each grey it touches (:func:`_touching`) already
    given one, else the farthest from them; so neighbours alternate between the first two,
    and the third comes in where a grey touches both. Graded greys given in turn came out
    one dark grey for Japan and South Korea, which touch in 2004 past India's sliver: one
    block split by a hairline (found by review)."""
    from deckgen.theming.colour import apart

    touching = _touching(job)
    out: dict[int, str] = {}
    for j in (j for j, g in enumerate(grey) if g):
        near = [out[k] for k in out if frozenset((j, k)) in touching]

        def least(tone: str, near: list[str] = near) -> float:
            return min((apart(tone, n) for n in near), default=math.inf)

        out[j] = next((t for t in tones if least(t) >= DISTINGUISHABLE),
                      max(tones, key=least))  # fmt: skip
    return out


def _touching(job: ChartJob) -> set[frozenset[int]]:
    """Pairs of series whose segments meet in a column, up or down from zero, or are
    parted only by segments too thin to see: under twice the least value a label writes
    (:func:`_least`, the plot taken as half the canvas tall)."""
    out: set[frozenset[int]] = set()
    for panel in (job.whole or job.data).panels():
        seen = 2 * _least(panel, job.canvas.height.pt)
        for i in range(len(panel.categories)):
            for up in (True, False):
                below: list[int] = []  # the series met so far, the last one seen
                for j, s in enumerate(panel.series):
                    v = s.values[i]
                    if v is None or v == 0 or (v > 0) != up:
                        continue
                    out.update(frozenset((k, j)) for k in below)
                    below = [*below, j] if abs(v) < seen else [j]
    return out


def segment_colors(job: ChartJob) -> list[list[str]]:
    """One fill per segment, ``fills[series][category]``: each series in its colour
    (:func:`stack_colors`), or, with highlighted categories, their columns in shades of
    the accent and the other columns in shades of the context grey, one shade a series,
    bottom up in the same order of lightness in every column (so a series is found by its
    place in the stack, and its name at the right). The series' colours were kept by no
    column and the categorical set greyed out: a highlighted column drew no accent, and
    its two series came out one grey (found by fuzzing). Each fill holds its value in the
    theme's text or background colour (:func:`text_fills`)."""
    colors = job.theme.theme.colors
    categories = job.data.categories
    count = len(job.data.series)
    highlighted = set(job.spec.highlight) & set(categories)
    if not highlighted:
        return [[fill] * len(categories) for fill in stack_colors(job)]
    accent, context = (
        text_fills(_shades(base, colors.background, colors.text, count), colors.text,
                   colors.background)
        for base in (colors.highlight, colors.neutral)
    )  # fmt: skip
    return [[accent[j] if c in highlighted else context[j] for c in categories]
            for j in range(count)]  # fmt: skip


#: How far a shade may be mixed towards the text colour (the lightest-weight one goes
#: towards the background only as far as 3:1 on it allows).
TOWARDS_TEXT = 0.75
#: The most two neighbouring shades are set apart (CAM02-UCS): plainly two shades, where a
#: longer step took the context grey's darkest near the text colour, louder than the accent.
WIDEST_STEP = 1.5 * DISTINGUISHABLE


@functools.lru_cache(maxsize=64)
def _shades(base: str, background: str, text: str, count: int) -> tuple[str, ...]:
    """``count`` shades of ``base`` for a column's segments, bottom up: evenly apart (in
    CAM02-UCS) along the path from ``base`` mixed towards the background (only as far as
    3:1 on it allows) through ``base`` to ``base`` mixed towards the text colour, ``base``
    among them, each step as long as the path allows (at most :data:`WIDEST_STEP`). Where a
    colour has no contrast to spare (corporate's grey is 3.0:1), its shades go towards the
    text colour only: tinted towards the background, they would all come out one colour."""
    import numpy as np
    from colorspacious import cspace_convert

    from deckgen.theming.colour import MARK, contrast, legible, mix, rgb

    base = legible(base, background, MARK)
    if count == 1:
        return (base,)
    steps = 40
    receding = [mix(base, background, k / steps) for k in range(steps + 1)]
    receding = [c for c in receding if contrast(c, background) >= MARK]  # ``base`` first
    advancing = [mix(base, text, TOWARDS_TEXT * k / steps) for k in range(1, steps + 1)]
    path = [*reversed(receding), *advancing]
    ucs = cspace_convert(np.array([rgb(c) for c in path]), "sRGB1", "CAM02-UCS")
    along = np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(ucs, axis=0), axis=1))])
    middle = float(along[len(receding) - 1])  # where ``base`` is
    back, ahead = middle, float(along[-1]) - middle

    def step(k: int) -> float:  # k shades on the receding side, the rest ahead
        return min(back / k if k else math.inf, ahead / (count - 1 - k) if k < count - 1
                   else math.inf)  # fmt: skip

    # The longest step wins, any of :data:`WIDEST_STEP` as good as another; of equal ones,
    # more tints (lighter-weight shades under the full colour, as side-by-side bars fade).
    behind = max(range(count - 1, -1, -1), key=lambda k: min(step(k), WIDEST_STEP))
    length = min(step(behind), WIDEST_STEP)
    return tuple(path[int(np.argmin(np.abs(along - (middle + t * length))))]
                 for t in range(-behind, count - behind))  # fmt: skip


def _least(data: ChartData, height_pt: float) -> float:
    """The least value (absolute) a segment of ``data``'s stacks may have and still be
    written: a thinner one is under :data:`VISIBLE_PT` tall even were the plot the whole
    canvas (``height_pt``) high and its axis no longer than the stacks, so neither form
    writes it (the picture's and the native chart's layouts both drop it)."""
    ends = stack_ends(data)
    span = max((hi for _, hi in ends), default=0.0) - min((lo for lo, _ in ends), default=0.0)
    return VISIBLE_PT * span / height_pt if height_pt > 0 else 0.0


@functools.lru_cache(maxsize=32)
def _written(data: ChartData, height_pt: float) -> tuple[float, ...]:
    """The values whose labels set the chart's unit and precision: each column's total and
    every segment that can be written (:func:`_least`, each panel by its own stacks). A
    sliver no label writes gave every label its decimals: a 0.17% share turned
    ``percent:0`` into '77,98%' and '100,00%' (found by fuzzing); the README's rule is
    that labels take more decimals where a written value would read as zero or far from
    itself."""
    out: list[float] = []
    for panel in data.panels():
        least = _least(panel, height_pt)
        out += [v for s in panel.series for v in s.values if v is not None and abs(v) >= least]
        out += [lo + hi for lo, hi in stack_ends(panel)]
    return tuple(out)


def _shown(job: ChartJob) -> tuple[float, ...]:
    return _written(job.whole or job.data, job.canvas.height.pt)


@functools.lru_cache(maxsize=32)
def _writer(number: NumberFormat, values: tuple[float, ...], words: bool
            ) -> Callable[[float | int | None], str]:  # fmt: skip
    return number.writer(values, words=words)


def _write(job: ChartJob, value: float | None, *, words: bool = False) -> str:
    """A label of this chart (a segment's value, a total), in the unit and precision of
    the labels it writes (:func:`_written`); in words for alt text."""
    return _writer(job.spec.format, _shown(job), words)(value)


def _total_text(job: ChartJob, i: int, total: float | None, *, data: ChartData | None = None,
                words: bool = False) -> str:  # fmt: skip
    """Column ``i``'s ``total`` as written over it: as the labels are (:func:`_write`), or
    to the decimals of the parts it sums where they all take more (:func:`_total_place`)."""
    place = None if total is None else _total_place(job, i, data=data)
    if place is None:
        return _write(job, total, words=words)
    return job.spec.format.write_in(total, *place, words=words)


def _total_place(job: ChartJob, i: int, *, data: ChartData | None = None,
                 number: NumberFormat | None = None) -> tuple[Unit, int] | None:  # fmt: skip
    """The unit and decimals column ``i`` of ``data`` (the chart's) writes its total in
    where they are not the labels' (:func:`_write`; written in ``number``, the chart's
    format unless given): where every part the total sums is written with more decimals
    than the total, in its unit (slivers no label writes, each said with the decimals it
    needs to read as itself, :func:`_alone`), the total takes theirs, the fewest any part
    has, so the parts add up to it. Parts of 0.4, 0.4 and 0.4, said '0.4' after their
    series' names, stood under a total of '1' at ``plain:0`` (found by fuzzing). A part of
    zero writes no decimals and sets none; None where the labels' place holds."""
    data = job.data if data is None else data
    number = job.spec.format if number is None else number
    parts = [v for s in data.series if (v := s.values[i])]  # neither missing nor zero
    if not parts:
        return None
    shown = _shown(job)
    unit, places = number.place_of(shown, sum(parts))
    said = [number.place_of([*shown, v], v) for v in parts]  # as _alone writes a sliver
    decimals = min(d for _, d in said)
    if decimals <= places or any(own != unit for own, _ in said):
        return None
    return unit, decimals


def _alone(job: ChartJob, value: float, *, words: bool = False) -> str:
    """A value no segment label writes (a sliver), in the labels' unit with the decimals
    it needs to read as itself ('0.17%', not '0%'), as the alt text says it."""
    return job.spec.format.writer([*_shown(job), value], words=words)(value)


def _place(job: ChartJob) -> tuple[Unit, int]:
    """The unit and decimals :func:`_write` writes labels in."""
    return job.spec.format.shared(_shown(job))


def _code(job: ChartJob) -> str:
    """The native labels' Excel format: the unit and decimals of :func:`_write`."""
    return excel_format(job.spec.format, list(_shown(job)))


def _total_code(job: ChartJob, i: int) -> str:
    """The native label's Excel format for column ``i``'s total: the labels' (:func:`_code`),
    or its parts' decimals where the picture writes it to them (:func:`_total_place`)."""
    shared, _, _ = _native_place(job)
    place = _total_place(job, i, number=shared)
    return _code(job) if place is None else excel_format(shared, _shown(job), places=place[1])


def _native_place(job: ChartJob) -> tuple[NumberFormat, float, int]:
    """How the native labels write a value: their format (one unit for all, as an Excel
    format has: :func:`_code`), and its unit's scale and decimals."""
    shared = job.spec.format.model_copy(update={"units": "shared"})
    (scale, _), decimals = shared.shared(_shown(job))
    return shared, scale, decimals


def _native_values(job: ChartJob) -> dict[tuple[int, int], float]:
    """Each segment's value as the native chart writes it, ``(category, series)``: rounded
    at the place its labels write (:func:`_native_place`) so that a column's segments add
    up to the total written above it, as on the picture (:func:`_segment_texts`, whose
    numbers these are where the format shares its unit, the default), or each on its own
    with ``rounding: each``."""
    _, scale, decimals = _native_place(job)
    segments = _stack(job)
    out = {}
    for i in sorted({c for c, *_ in segments}):
        column = [(j, value) for c, j, _, value in segments if c == i]
        rounded = rounded_parts([value / scale for _, value in column], decimals,
                                rounding=job.spec.parts_rounding())  # fmt: skip
        for (j, _), value in zip(column, rounded, strict=True):
            out[i, j] = value * scale
    return out


def _native_texts(job: ChartJob) -> dict[tuple[int, int], str]:
    """:func:`_native_values` written as the native labels' format writes them."""
    shared, _, _ = _native_place(job)
    write = shared.writer(_shown(job))
    return {k: write(value) for k, value in _native_values(job).items()}


def _native_labels(job: ChartJob) -> list[Derived]:
    """Each series' label column in the embedded sheet: a segment's value rounded to add
    up to its column's total (:func:`_native_values`, cached), as a formula over the row's
    cells (:func:`_native.rounded_to_total`).

    Why a column of its own: PowerPoint rounds each label on its own, so three equal
    thirds read 33 + 33 + 33 under a total of 100. The segments keep their exact values (the
    columns' heights, and what "Edit Data" shows and edits), and each label reads its text
    from its cell here ("Value From Cells"), a formula, so after an edit the labels are
    rounded again and still add up. Typed text (as a ring's labels are) would add up only
    until the first edit, then show the old numbers; a typed rounded value in the series
    itself would draw the columns wrong."""
    from deckgen.kinds.charts._native import rounded_to_total
    from deckgen.ooxml.workbook import Derived

    _, scale, decimals = _native_place(job)
    series = job.data.series
    n = len(job.data.categories)
    written = _native_values(job)
    each = job.spec.parts_rounding() == "each"
    return [Derived([written.get((i, j)) for i in range(n)],
                    [rounded_to_total(j, i, len(series), scale, decimals, each=each)
                     for i in range(n)])
            for j in range(len(series))]  # fmt: skip


def _stack(job: ChartJob) -> list[Segment]:
    """The drawn segments: positive values stack up from zero, negative ones down, each in
    series order (as PowerPoint stacks them too); a missing or zero value has none."""
    n = len(job.data.categories)
    up, down = [0.0] * n, [0.0] * n
    segments: list[Segment] = []
    for j, s in enumerate(job.data.series):
        for i, v in enumerate(s.values):
            if v is None or v == 0:
                continue
            base = up if v > 0 else down
            segments.append((i, j, base[i], v))
            base[i] += v
    return segments


def draw_stacked(fig: Figure, ax: Axes, job: ChartJob) -> None:
    colors = job.theme.theme.colors
    categories = job.data.categories
    series = job.data.series
    size = label_size(job)
    width = job.theme.theme.chart.bar_width
    fills = segment_colors(job)
    highlighted = set(job.spec.highlight) & set(categories)
    n = len(categories)

    segments = _stack(job)
    up, down = [0.0] * n, [0.0] * n
    for i, _, _, v in segments:
        (up if v > 0 else down)[i] += v
    for j in range(len(series)):
        mine = [seg for seg in segments if seg[1] == j]
        if mine:
            ax.bar(
                [i for i, *_ in mine], [h for *_, h in mine], bottom=[b for _, _, b, _ in mine],
                width=width, color=[fills[j][i] for i, *_ in mine], edgecolor=colors.background,
                linewidth=1.0 * job.canvas.scale, zorder=2,
            )  # fmt: skip

    # Named for the layout, and named again on it once laid out (below): what these names
    # cut or leave out is not said (it is of the names drawn).
    with leaving_out(), shortening():
        category_ticks(ax, job, highlighted)
    ax.axhline(0, color=colors.muted, linewidth=1, zorder=3)
    row_breaks(ax, job, "x")
    ax.set_xlim(-0.5, n - 0.5)
    lo, hi = min(0.0, *down), max(0.0, *up)
    ax.set_ylim(*value_limits(job, [lo, hi], below=0.08, above=0.04))
    limits = ax.get_ylim()
    labels_on = job.spec.value_labels
    value_axis(ax, job, show=not labels_on)
    settle(fig)
    totals_drawn: list[Annotation] = []
    totals = _totals(job.data)

    def gaps() -> None:  # a column with no value at all is a gap, as a bar's: '–'
        for i, total in enumerate(totals):
            if total is None:
                gap_mark(ax, job, i, categories[i], away=GAP)

    # A part missing from a column that has others: '–' where its segment would stand
    # (:func:`_gap_marks`); on top of the column, under its total.
    on_top = _on_top(job.data)
    line = text_height_pt(fig, job)
    # A total over a top part's '–' stands above the mark and its patch.
    lift = GAP_SIZE * (1 + 2 * GAP_PAD) * line + GAP
    if not labels_on:
        gaps()
    else:
        top = headroom(ax, lo, [max(u, 0.0) for u in up],
                       line + GAP + 2 + (lift if on_top else 0.0))  # fmt: skip
        if job.spec.axis.max is None:  # room above the totals, unless the top is fixed
            ax.set_ylim(ax.get_ylim()[0], max(top, ax.get_ylim()[1]))
        for i, total in enumerate(totals):
            bold = categories[i] in highlighted
            label = ax.annotate(
                _total_text(job, i, total), (i, max(up[i], 0.0)),
                xytext=(0, GAP + (lift if i in on_top else 0.0)),
                textcoords="offset points", ha="center", va="bottom", fontsize=size,
                color=colors.text, fontweight="bold" if bold else "normal",
            )  # fmt: skip
            mark(label, 10 if bold else 15)
            totals_drawn.append(label)
    _gap_marks(ax, job, on_top)

    texts = _segment_texts(job, segments)
    # Segments too thin to see: their values go with their names.
    slivers = _slivers(segments, points_per_unit(ax)[1])
    names = _series_names(ax, job, segments, fills,
                          _sliver_notes(job, texts, slivers) if labels_on else {})  # fmt: skip
    settle(fig)  # the names on the right narrow the plot: measure columns afterwards
    # And name the columns again on it: named before, 'Minnesota' was given the wider
    # plot's slot and drawn against 'Missouri' (found by a new user).
    category_ticks(ax, job, highlighted, final=True)
    if not labels_on:
        return
    settle(fig)
    per_x, per_y = points_per_unit(ax)
    crowded = _crowded(job, segments, texts, [t.get_text() for t in totals_drawn],
                       per_x, per_y, clearance_pt(fig))  # fmt: skip
    if crowded is None:
        _segment_labels(ax, job, segments, fills, texts, {(i, j) for i, j, _ in slivers})
        return
    # Columns too narrow for their values: the value axis gives them, as on bars, and
    # the build says so. Drawn with every value missing and no axis, forty weeks of
    # columns could not be read at all (found by review).
    for artist in [*totals_drawn, *names]:
        artist.remove()
    ax.set_ylim(*limits)
    from matplotlib.ticker import AutoLocator

    ax.yaxis.set_major_locator(AutoLocator())  # the ticks the value axis was given none of
    value_axis(ax, job, show=True)
    settle(fig)
    _series_names(ax, job, segments, fills)
    gaps()  # their totals, which wrote them, are gone
    left_out(crowded)


def _totals(data: ChartData) -> list[float | None]:
    """Each column's total, ``None`` for a column with no value at all: it is a gap, written
    '–' as a bar's is (its total read '0.0' over an empty slot, as a column of zeros does;
    found in review)."""
    return [
        sum(v for v in values if v is not None) if any(v is not None for v in values) else None
        for values in zip(*(s.values for s in data.series), strict=True)
    ]


#: What marks a part with no value on its column (a bar's gap mark, '–').
GAP_TEXT = "\u2013"
#: Its size, in the labels' (a value's own mark, smaller than a value), and the patch
#: of background around it, in its size (matplotlib's box pad).
GAP_SIZE = 0.8
GAP_PAD = 0.2
#: Points between a column's left edge and the patch of its '–'.
GAP_INSET = 3.0


def _missing_parts(data: ChartData) -> list[tuple[int, int, float]]:
    """The parts missing from columns that have others, ``(category, series, height)``:
    where the part's segment would stand, on top of the positive parts before it in the
    stack. (A column with no value at all is a gap of its own, :func:`_totals`.)"""
    out = []
    for i in range(len(data.categories)):
        column = [s.values[i] for s in data.series]
        if all(v is None for v in column) or None not in column:
            continue
        height = 0.0
        for j, v in enumerate(column):
            if v is None:
                out.append((i, j, height))
            elif v > 0:
                height += v
    return out


def _on_top(data: ChartData) -> set[int]:
    """The columns whose missing part is their top one (:func:`_missing_parts`): its mark
    stands above the column, and the column's total above the mark."""
    up = [
        sum(max(s.values[i] or 0.0, 0.0) for s in data.series) for i in range(len(data.categories))
    ]
    return {i for i, _, height in _missing_parts(data) if height >= up[i]}


def _gap_marks(ax: Axes, job: ChartJob, on_top: set[int]) -> None:
    """A '–' for each part missing from a column that has others (:func:`_missing_parts`),
    where its segment would stand: on the line between the parts around it, near the
    column's left edge, on a patch of the background that breaks the column there, as a
    gap (at the bottom of a column whose first part is missing); centred above a column
    whose top part is missing (``on_top``: its total stands higher, clear of it). A
    survey's '18–29' read 87% beside columns of 100%, its 'Unsure' nowhere (found in
    review). Smaller than a value and under the labels, it costs none of them its place:
    marked for the collision pass, it took the values of the parts around it on an x-post
    card."""
    colors = job.theme.theme.colors
    size = GAP_SIZE * label_size(job)
    inset = GAP_PAD * size + GAP_INSET * job.canvas.scale
    edge = job.theme.theme.chart.bar_width / 2
    for i, _, height in _missing_parts(job.data):
        above, bottom = i in on_top, height == 0
        # Above the column, centred under its total; on it, near its left edge, clear of
        # the values centred in the segments around it (an x-post card's '49%' and '38%'
        # stood on a centred mark).
        xy, dx = ((i, height), 0.0) if above else ((i - edge, height), inset)
        ax.annotate(
            GAP_TEXT, xy, xytext=(dx, GAP + GAP_PAD * size if above else 0),
            textcoords="offset points", ha="center" if above else "left",
            va="bottom" if above or bottom else "center", fontsize=size, color=colors.text,
            zorder=3, bbox=dict(boxstyle=f"square,pad={GAP_PAD}",
                                facecolor=colors.background, edgecolor="none"),
        )  # fmt: skip


def _missing_said(job: ChartJob) -> tuple[str, str] | None:
    """What the build and ``deckgen check`` say of the parts missing from columns that
    have others (:func:`_missing_parts`), panel by panel: each column, the parts it lacks,
    and what it adds up to without them, beside the total every whole column prints where
    they print one ('87%, not the 100% of the others'). A column that adds up to that
    whole without its missing parts is not short, and is not said ('the column adds up to
    100%, not the 100% of the others', found by fuzzing)."""
    from dataclasses import replace

    said: list[str] = []
    panels = job.data.facets or (("", job.data),)
    for panel, data in panels:
        missing = _missing_parts(data)
        if not missing:
            continue
        names = category_words(replace(job, data=data))
        totals = _totals(data)
        whole = {_total_text(job, i, t, data=data) for i, t in enumerate(totals)
                 if t is not None
                 and all(s.values[i] is not None for s in data.series)}  # fmt: skip
        where = f" in the {panel!r} panel" if panel else ""
        columns: dict[int, list[str]] = {}
        for i, j, _ in missing:
            columns.setdefault(i, []).append(repr(data.series[j].name))
        for i, lacking in columns.items():
            total = _total_text(job, i, totals[i], data=data)
            if whole == {total}:
                continue  # it adds up to the others' whole: no shorter column to warn of
            others = f", not the {next(iter(whole))} of the others" if len(whole) == 1 else ""
            one = len(lacking) == 1
            said.append(f"the {joined(lacking)} part{'' if one else 's'} of {names[i]!r}"
                        f"{where} {'has' if one else 'have'} no value: the column adds up "
                        f"to {total}{others}")  # fmt: skip
    if not said:
        return None
    message = ("a stacked bar has no segment for a missing part, so its column is shorter "
               f"by it and its total leaves it out ('{GAP_TEXT}' marks the gap): "
               f"{'; '.join(said)}")  # fmt: skip
    fix = ("fill in the value where it is known (0 where it is none), or leave the column "
           "out with 'filter:'")  # fmt: skip
    return message, fix


def _boundaries(job: ChartJob, segments: list[Segment], i: int) -> list[tuple[float, float]]:
    """The heights a connector joins from column ``i`` to the next (:func:`_connect`):
    each series' segment end (its top, or a negative one's bottom) where it has a segment
    of the same sign in both, and the columns' tops and bottoms, each pair once, low first."""
    ends = {(c, j): (b + v, v > 0) for c, j, b, v in segments if c in (i, i + 1)}
    both = [j for j in range(len(job.data.series)) if (i, j) in ends and (i + 1, j) in ends]
    out = {(ends[i, j][0], ends[i + 1, j][0]) for j in both if ends[i, j][1] == ends[i + 1, j][1]}
    for up in (True, False):
        reach = [[y for (c, _), (y, positive) in ends.items() if c == k and positive == up]
                 for k in (i, i + 1)]  # fmt: skip
        if all(reach):
            pick = max if up else min
            out.add((pick(reach[0]), pick(reach[1])))
    return sorted(out)


def _connect(ax: Axes, job: ChartJob, segments: list[Segment]) -> list[Line2D]:
    """With ``connectors: true``, a thin line from the right edge of each column to the
    left edge of the next at each segment boundary (:func:`_boundaries`), under the bars
    and labels, in the theme's grid colour made 3:1 on the background: a series is
    followed from column to column where its name stands only at the right (the USA's
    12.0M and Japan's 10.5M of 2004 were two greys a reader could not tell apart, found
    by review). A connector that would cross a label or pass beside one too near (a thin
    segment's value written in the gap) is left out for that boundary; one that a later
    text meets is broken around it as the picture is drawn (:func:`break_around_texts`).
    Returns the connectors kept."""
    from matplotlib.lines import Line2D

    colors = job.theme.theme.colors
    half = job.theme.theme.chart.bar_width / 2
    ink = colour.legible(colors.grid, colors.background, MARK)
    drawn = []
    for i in range(len(job.data.categories) - 1):
        for y0, y1 in _boundaries(job, segments, i):
            line = Line2D([i + half, i + 1 - half], [y0, y1], color=ink, zorder=1.5,
                          linewidth=0.75 * job.canvas.scale, solid_capstyle="butt")  # fmt: skip
            line.set_gid("connector")
            ax.add_line(line)
            drawn.append(line)
    if not drawn:
        return []
    # Measured on the layout the labels were placed on (draw_stacked's last): the lines,
    # inside the plot, move nothing. The texts' extents once for every line.
    renderer = figure_of(ax).canvas.get_renderer()  # type: ignore[attr-defined]
    pad = LINE_CLEAR * label_size(job)
    boxes = text_extents(ax, renderer)
    kept = []
    for line in drawn:
        if line_pieces(line, renderer, pad, boxes=boxes) is not None:
            line.remove()  # through a label, or beside one: none is cleaner than a stub
            continue
        break_around_texts(line, pad)
        kept.append(line)
    return kept


#: Points a value written inside a segment keeps clear of its sides.
SIDE_PT = 6.0


def _crowded(
    job: ChartJob,
    segments: list[Segment],
    texts: dict[tuple[int, int], str],
    totals: list[str],
    per_x: float,
    per_y: float,
    air: float,
) -> str | None:
    """What the build says when the columns are too narrow for their values (a segment's,
    visible at ``per_y`` points a unit, wider than its column, or a total wider than its
    slot, less ``air``), so a value axis gives them instead; ``None`` when they fit.
    Both forms ask it, each of its own layout (``per_x`` points a category)."""
    bar = job.theme.theme.chart.bar_width
    highlighted = set(job.spec.highlight)
    needs = [((text_width_pt(job, texts[i, j]) + SIDE_PT) / bar, texts[i, j])
             for i, j, _, value in segments
             if (i, j) in texts and abs(value) * per_y >= VISIBLE_PT]  # fmt: skip
    needs += [(text_width_pt(job, text, bold=job.data.categories[i] in highlighted) + air, text)
              for i, text in enumerate(totals)]  # fmt: skip
    if not needs:
        return None
    need, widest = max(needs)
    if need <= per_x:
        return None
    n = len(job.data.categories)
    fit = int(n * per_x // need)
    return (f"its {len(segments)} segment values and {len(totals)} column totals are not "
            f"written, so a value axis gives them: its {n} columns stand {per_x:.0f} pt "
            f"apart, where writing '{widest}' on one needs {need:.0f} pt; show fewer columns "
            f"with 'top:' (about {fit} fit), give the chart more room, or write "
            "'value_labels: false' for the axis without this warning")  # fmt: skip


def _series_names(
    ax: Axes,
    job: ChartJob,
    segments: list[tuple[int, int, float, float]],
    fills: list[list[str]],
    notes: dict[int, str] | None = None,
) -> list[Artist]:
    """Name each series right of the last column, level with its segment's middle, spread
    apart so no two names touch; a thin connector where a name had to move; after a name,
    its ``notes`` in brackets (:func:`_sliver_notes`). Returns what it drew (the names and their
    connectors)."""
    fig = figure_of(ax)
    series = job.data.series
    last = len(job.data.categories) - 1
    edge = last + job.theme.theme.chart.bar_width / 2
    where = {j: b + h / 2 for i, j, b, h in segments if i == last}
    # A series missing from the last column sits where its segment would start.
    running = 0.0
    for j in range(len(series)):
        if j in where:
            running = max(running, where[j])
        else:
            where[j] = running
    size = label_size(job)
    gap = 0.8 * size
    room = 0.2 * fig.get_figwidth() * 72  # long names wrap rather than squeeze the plot
    labels: list[Annotation] = []
    for j, s in enumerate(series):
        label = ax.annotate(
            wrap_label(job, _named(s.name, (notes or {}).get(j)), room),
            (edge, where[j]), xytext=(gap, 0),
            textcoords="offset points", ha="left", va="center", fontsize=size,
            color=legible(job, fills[j][last]), fontweight="bold",
        )  # fmt: skip
        mark(label, 12)
        labels.append(label)
    lines = _spread_beside(ax, job, labels, edge, [where[j] for j in range(len(series))], gap,
                           2.0)  # fmt: skip
    return [*labels, *lines]


def _slivers(segments: list[Segment], per_y: float) -> list[tuple[int, int, float]]:
    """The segments too thin to see at ``per_y`` points a unit, under :data:`VISIBLE_PT`
    tall, as ``(category, series, value)``: no label writes their values; their series'
    names say them (:func:`_sliver_notes`), on the picture and the native chart alike."""
    return [(i, j, v) for i, j, _, v in segments if abs(v) * per_y < VISIBLE_PT]


#: The most slivers a series' name says the values of (:func:`_sliver_notes`).
MOST_SAID = 2


def _sliver_notes(
    job: ChartJob, texts: dict[tuple[int, int], str], slivers: list[tuple[int, int, float]]
) -> dict[int, str]:
    """What a series' name says after it of its segments too thin to see or label
    (``(category, series, value)``): '0.2M in 2004', as the alt text writes it
    (:func:`_said`). India's 0.2 million of 2004 was part of the total above its column
    and written nowhere on the picture (found by review). A series with more than
    :data:`MOST_SAID` has none said, and the build says so."""
    categories = job.data.categories
    said: dict[int, list[str]] = {}
    for i, j, value in sorted(slivers, key=lambda s: (s[1], s[0])):
        said.setdefault(j, []).append(f"{_said(job, texts, i, j, value)} in {categories[i]}")
    many = [job.data.series[j].name for j, notes in said.items() if len(notes) > MOST_SAID]
    if many:
        left_out(f"the values of {joined(many)} in columns where their segments are too "
                 "thin to see are not written (too many to say with their names); give the "
                 "chart more room, or write 'value_labels: false' for a value axis")  # fmt: skip
    return {j: ", ".join(notes) for j, notes in said.items() if len(notes) <= MOST_SAID}


def _said(job: ChartJob, texts: dict[tuple[int, int], str], i: int, j: int, value: float,
          *, words: bool = False) -> str:  # fmt: skip
    """A segment's value as the chart says it: its label's text (``texts``), or for a
    sliver no label writes (:func:`_least`) the value with the decimals it needs
    (:func:`_alone`)."""
    if abs(value) >= _least(job.data, job.canvas.height.pt):
        return texts[i, j]
    return _alone(job, value, words=words)


def _segment_texts(
    job: ChartJob, segments: list[tuple[int, int, float, float]], *, words: bool = False
) -> dict[tuple[int, int], str]:
    """Each segment's value as printed, rounded so that a column's segments add up to the
    total printed above it (largest remainder, at the total's last printed place), or with
    ``rounding: each`` each on its own at that place (the total is still the true total
    rounded, which they may then miss); with ``words``, as the alt text says it."""
    out = {}
    shared = job.spec.format.units == "shared"
    for i, column in _columns(segments).items():
        scale, decimals = _column_place(job, i, column)
        rounded = rounded_parts([value / scale for _, value in column], decimals,
                                rounding=job.spec.parts_rounding())  # fmt: skip
        # Read together with their total: its unit and one precision, '9.0M' beside '5.9M'
        # (never '9M': a number written on its own drops trailing zeros), and '0.5M' beside
        # '2.0M', never '500.0K', which would claim a precision the rounding removed.
        parts = [value * scale for value in rounded]
        place = _total_place(job, i) if shared else None
        if place is not None:  # as its total is written, to its parts' decimals
            texts = [job.spec.format.write_in(v, *place, words=words) for v in parts]
        elif shared:  # as the totals are written
            texts = [_write(job, v, words=words) for v in parts]
        else:
            write = job.spec.format.writer([*parts, sum(parts)], words=words)
            texts = [write(v) for v in parts]
        for (j, _), text in zip(column, texts, strict=True):
            out[i, j] = text
    return out


def _columns(segments: list[tuple[int, int, float, float]]) -> dict[int, list[tuple[int, float]]]:
    """Each column's segments, ``(series, value)``, by category."""
    out: dict[int, list[tuple[int, float]]] = {}
    for i, j, _, value in sorted(segments):
        out.setdefault(i, []).append((j, value))
    return out


def _column_place(job: ChartJob, i: int, column: list[tuple[int, float]]) -> tuple[float, int]:
    """The scale and decimals column ``i``'s segments are rounded at
    (:func:`_segment_texts`): its total's last printed place, or with shared units the
    totals' unit and decimals, which take more where a small segment would read 0 or far
    from itself: at the totals' own place, 20K and 30K on 1.05M read '0' and '0.1M' (found
    by fuzzing); a column whose every part is written to more decimals, its total's, which
    takes theirs (:func:`_total_place`)."""
    place = _total_place(job, i)
    if place is not None:
        (scale, _), decimals = place
        return scale, decimals
    if job.spec.format.units == "shared":
        (scale, _), decimals = _place(job)
        return scale, decimals
    return last_place(job.spec.format, sum(value for _, value in column))


def _segment_labels(
    ax: Axes,
    job: ChartJob,
    segments: list[tuple[int, int, float, float]],
    fills: list[list[str]],
    texts: dict[tuple[int, int], str],
    slivers: set[tuple[int, int]],
) -> None:
    """Values inside segments tall and wide enough to hold them (measured, with a margin);
    none on ``slivers``, said with their names (:func:`_sliver_notes`);
    a segment too thin for its value has it left of its column, on a short leader, where
    the gap before the column holds it (:func:`_outside_labels`; the first column, with
    only the plot's margin before it, gets the room its values need). A value neither
    place holds is named in a build warning: the first column's thin segments lost theirs
    without a word, the baseline year a deck compares against (found by review)."""
    size = label_size(job)
    height = text_height_pt(figure_of(ax), job)
    names = [s.name for s in job.data.series]

    def sort(per_x: float, per_y: float) -> tuple[list[Segment], dict[int, list[Thin]]]:
        column_pt = job.theme.theme.chart.bar_width * per_x
        inside: list[Segment] = []
        thin: dict[int, list[Thin]] = {}
        for i, j, bottom, value in segments:
            text = texts[i, j]
            if abs(value) * per_y < height + 4 or text_width_pt(job, text) > column_pt - SIDE_PT:
                if (i, j) not in slivers:  # a sliver's is said with its name
                    thin.setdefault(i, []).append((bottom + value / 2, text, fills[j][i], j))
                continue
            inside.append((i, j, bottom, value))
        return inside, thin

    inside, thin = sort(*points_per_unit(ax))
    if 0 in thin and _widen_before_first(ax, job, thin[0]):
        inside, thin = sort(*points_per_unit(ax))
    for i, j, bottom, value in inside:
        label = ax.text(
            i, bottom + value / 2, texts[i, j], ha="center", va="center", fontsize=size,
            color=ink_on(job, fills[j][i]), zorder=4,
        )  # fmt: skip
        mark(label, 30)
    unwritten = []
    # Each column named as its axis names it ('Feb 2024', not the data's '2024-02': found
    # by a new user).
    shown = category_labels(job)
    for i, middles in thin.items():
        if not _outside_labels(ax, job, i, middles, names):
            unwritten += [f"{names[j]} {shown[i]} ({text})" for _, text, _, j in middles]
    if unwritten:
        left_out(_unwritten_note(unwritten))


def _unwritten_note(unwritten: list[str]) -> str:
    """What the build says of segment values (each 'Series Category (value)') with room
    neither inside nor beside their columns: the picture's and the native chart's words."""
    shown = ", ".join(unwritten[:4])
    more = f" and {len(unwritten) - 4} more" if len(unwritten) > 4 else ""
    return (f"{len(unwritten)} segment values are not written ({shown}{more}): their "
            "segments are too thin to hold them and there is no room beside their "
            "columns; give the chart more room, show fewer columns with 'top:', or "
            "write 'value_labels: false' for a value axis")  # fmt: skip


def _outside_room(job: ChartJob, middles: list[Thin]) -> float:
    """Points beside a column that its thin segments' values and their leaders need."""
    return max(text_width_pt(job, text) for _, text, _, _ in middles) + 0.6 * label_size(job) + 4


def _widen_before_first(ax: Axes, job: ChartJob, middles: list[Thin]
                        ) -> bool:  # fmt: skip
    """Move the plot's left limit out until the margin before the first column holds its
    thin segments' values, if that margin need be no wider than the gap between two
    columns (past that no column's values fit beside it: they are said left out)."""
    per_x, _ = points_per_unit(ax)
    lo, hi = ax.get_xlim()
    width_pt = per_x * (hi - lo)
    half = job.theme.theme.chart.bar_width / 2
    edge = -half
    need = _outside_room(job, middles) + 1.0
    if (edge - lo) * per_x >= need or need > (1 - 2 * half) * per_x or need >= width_pt:
        return False
    # (edge - new) points per unit over (hi - new) units of the same width_pt >= need
    span = need * (hi - edge) / (width_pt - need)
    ax.set_xlim(edge - span, hi)
    return True


def _outside_labels(
    ax: Axes,
    job: ChartJob,
    column: int,
    middles: list[Thin],
    names: list[str],
) -> bool:
    """Values of a column's thin segments (``(middle, text, fill, series)``) left of it, in
    their series' colour (as their names), each on a leader to its segment's middle, spread
    apart so no two touch: a small part (China's 5.2 million of 2004) keeps its number
    rather than losing it. Only where the gap before the column holds the widest of them
    (False otherwise); the collision pass drops any that still meets a label, and the
    build says so.
    """
    size = label_size(job)
    per_x, _ = points_per_unit(ax)
    half = job.theme.theme.chart.bar_width / 2
    edge = column - half
    before = edge - (ax.get_xlim()[0] if column == 0 else column - 1 + half)
    gap = 0.6 * size  # the leader's length
    if _outside_room(job, middles) > before * per_x:
        return False
    labels = []
    category = job.data.categories[column]
    for middle, text, fill, j in middles:
        label = ax.annotate(
            text, (edge, middle), xytext=(-gap, 0), textcoords="offset points", ha="right",
            va="center", fontsize=size, color=legible(job, fill), zorder=4,
        )  # fmt: skip
        # After the values inside segments and the totals; dropped, the build says so.
        mark(label, 35, missed=(
            f"the value of {names[j]} in {category} ({text}) is not written beside its "
            "column, for lack of room beside the other labels; give the chart more room, "
            "or write 'value_labels: false' for a value axis"))  # fmt: skip
        labels.append(label)
    # A leader even where a value did not move: it says which thin segment it is.
    _spread_beside(ax, job, labels, edge, [m for m, _, _, _ in middles], -gap, -1.0,
                   always=True)  # fmt: skip
    return True


def _spread_beside(
    ax: Axes,
    job: ChartJob,
    labels: list[Annotation],
    edge: float,
    ys: list[float],
    gap: float,
    start: float,
    *,
    always: bool = False,
) -> list[Artist]:
    """Move ``labels`` (each ``gap`` points beside ``(edge, y)``: right if positive) up
    or down so that no two touch, inside the plot, and tie each to its point by a leader
    from ``start`` points off the edge: where it had to move, or ``always``. Returns the
    leaders drawn."""
    fig = figure_of(ax)
    _, y0, _, y1 = axes_points(ax)
    wanted = [to_points(ax, edge, y)[1] for y in ys]
    placed = spread(wanted, heights_pt(labels), y0, y1, clearance_pt(fig))
    muted = job.theme.theme.colors.muted
    inner = gap - 2.0 if gap > 0 else gap + 2.0
    lines = []
    for label, y, want, got in zip(labels, ys, wanted, placed, strict=True):
        dy = got - want
        label.xyann = (gap, dy)
        if always or abs(dy) > 1.5:
            line = connector(ax, (edge, y), (start, 0.0), (inner, dy), muted,
                             0.8 * job.canvas.scale)  # fmt: skip
            attach(label, line)  # no leader without its label
            lines.append(line)
    return lines
