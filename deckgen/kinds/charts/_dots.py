"""What the dot, range and arrow charts share: a row per category down the side (first
row on top, as a ranking reads), the values of each row along one horizontal value axis.

A type subclasses :class:`RowChart` and paints its marks (``paint``); everything around
them is here: category names, a thin guide line per row, the highlighted row's band, the
value labels (the smaller value's left of its mark, the larger's right, so two values
close together never put their labels on top of one another), the series named above the
first row instead of a key, an optional column of texts at the right (the arrow's change),
the value axis when the values are not written, alt text helpers, the social-card room
and the native form (a line chart with markers only and error bars for the gaps).
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import model_validator

from deckgen.errors import Location, Problem, counted
from deckgen.kinds.charts._bars import ROW_AIR, named_every, whole_names
from deckgen.kinds.charts._base import ChartKind
from deckgen.layout.text import CARD
from deckgen.layout.units import Px
from deckgen.outline.formats import MAX_DECIMALS
from deckgen.render.chartkit import (
    NAME_LINES,
    ROW_NAME_SHARES,
    axes_points,
    category_labels,
    clean_axes,
    clearance_pt,
    fmt,
    gridlines,
    label_place,
    label_size,
    label_sizes,
    layout_is_final,
    left_out,
    legible,
    one_line,
    row_breaks,
    row_name_room,
    settle,
    shortening,
    spread,
    text_height_pt,
    text_width_pt,
    tick_formatter,
    wrap_label,
)
from deckgen.render.labels import mark

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from decimal import Decimal

    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from pptx.chart.chart import Chart

    from deckgen.layout.geometry import Rect
    from deckgen.outline.formats import NumberFormat, Unit
    from deckgen.render.charts import ChartJob
    from deckgen.tables.select import ChartData
    from deckgen.theming.load import LoadedTheme


#: A ranking cut to fewer rows than this on a social card no longer reads as one: the
#: card shows at least this many (or every row of a shorter chart), else it is refused
#: with the count that fits (``ChartCard``). The x-post card of a 7-row ranking kept
#: 2 rows, and of a 5-row arrow chart 1 and the highlighted one (found by fuzzing).
CARD_FEWEST = 3


@dataclass(frozen=True)
class Row:
    """One category: its values (one per series, ``None`` = missing), top row first."""

    index: int
    name: str
    values: tuple[float | None, ...]
    highlighted: bool

    @property
    def present(self) -> list[tuple[int, float]]:
        """(series index, value) of the values the row has."""
        return [(k, v) for k, v in enumerate(self.values) if v is not None]

    @property
    def low(self) -> tuple[int, float] | None:
        """The smallest value and its series (the first of equals)."""
        return min(self.present, key=lambda p: p[1], default=None)

    @property
    def high(self) -> tuple[int, float] | None:
        """The largest value and its series (the last of equals, so equal values still
        get a label on each side)."""
        return max(reversed(self.present), key=lambda p: p[1], default=None)


def rows_of(job: ChartJob) -> list[Row]:
    highlighted = set(job.spec.highlight)
    # Named as drawn: a date as its period reads ('Jan 2023', not '2023-01-01').
    names = category_labels(job)
    return [
        Row(i, names[i], tuple(s.values[i] for s in job.data.series), c in highlighted)
        for i, c in enumerate(job.data.categories)
    ]


@dataclass(frozen=True)
class Text:
    """A label to draw: where (data x, row), its offset in points, how it is set."""

    text: str
    x: float
    row: int
    dx: float
    dy: float
    ha: str
    va: str
    color: str
    bold: bool
    priority: int


#: A box in points: left, bottom, right, top.
Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class Frame:
    """The laid-out axes, in points: the row pitch and the x scale (points per unit)."""

    pitch: float
    scale: float
    x0: float
    lo: float
    top: float  # y of the top edge of the axes, in points
    rows_above: float  # rows of room above the first row's slot (for the series names)

    def x(self, value: float) -> float:
        return self.x0 + (value - self.lo) * self.scale

    def y(self, row: float) -> float:
        return self.top - (row + 0.5 + self.rows_above) * self.pitch


class RowChart(ChartKind):
    """A chart of rows of values on one horizontal axis (see the module doc)."""

    takes_reference: ClassVar[bool] = False
    takes_annotations: ClassVar[bool] = False
    #: Exactly two values per row, from the first series to the second.
    pair: ClassVar[bool] = False
    #: Every row named, as on horizontal bars: a 4.9 in plot / 24 = 14.7 pt per 12 pt name.
    max_categories: ClassVar[int | None] = 24
    #: The fewest rows a social card cuts the chart to (:data:`CARD_FEWEST`).
    card_fewest: ClassVar[int] = CARD_FEWEST
    #: Values are written on every row, or (where one has no room) on the highlighted
    #: rows only, said in a build warning if even one of theirs has none; a light value
    #: axis gives the rest, its ticks from at most the smallest value to at least the
    #: largest. Off, values without room are left out row by row, and the ticks stop
    #: inside the data: a dot plot of 20 rows wrote 25 of its 40 values, not the
    #: highlighted one the title stated, on an axis ending at 72% under a dot at 79.9%
    #: (found by review). A type whose pictures are yet to move to it leaves it off.
    whole_values: ClassVar[bool] = False
    #: Whether the value axis takes in zero (``axis: {zero: ...}`` says otherwise):
    #: ``None``, where every value is positive and the smallest is at most half the largest
    #: (:func:`value_span`); ``False``, never: the data's own span.
    axis_zero: ClassVar[bool | None] = None

    @classmethod
    def no_index(cls) -> str | None:
        if cls.pair:
            return "joins each row's two values, which rebased one by one would no longer pair"
        return super().no_index()

    @model_validator(mode="after")
    def _two_values(self) -> RowChart:
        if self.pair and not self.transpose and self.series is None and len(self.y_columns) != 2:
            raise ValueError(
                f"{self.named} shows two values per category (from the first to the "
                f"second), but y names {len(self.y_columns)} column"
                f"{'' if len(self.y_columns) == 1 else 's'}; name exactly two, or use a dot "
                "chart for more"
            )
        return self

    # -- what each type says -------------------------------------------------------------
    def reach(self, job: ChartJob, pitch: float) -> float:
        """How far (points) a mark reaches beyond its value: labels start past it."""
        raise NotImplementedError

    def paint(self, ax: Axes, job: ChartJob, row: Row, pitch: float) -> None:
        """Draw one row's marks at y = ``row.index`` (``pitch``: row height in points)."""
        raise NotImplementedError

    def label_color(self, job: ChartJob, row: Row, series: int) -> str:
        """The colour of the value label of ``series`` in ``row``."""
        return job.theme.theme.colors.text

    def name_color(self, job: ChartJob, series: int) -> str:
        """The colour of a series' name above the first row."""
        return job.theme.theme.colors.muted

    def value_text(self, job: ChartJob, row: Row, series: int, *, words: bool = False) -> str:
        """The label of ``row``'s value of ``series`` (``words``: for alt text): as every
        label of the chart is written (:func:`~deckgen.render.chartkit.fmt`), or at the
        row's own decimals where it needs more (:meth:`row_places`), unless the type writes
        a row its own way (an arrow's ends, :meth:`Arrow.value_text`)."""
        places = self.row_places(job, row)
        if places is None:
            return fmt(job, row.values[series], words=words)
        unit, _ = label_place(job)
        return writer_at(job.spec.format, unit, places, words=words)(row.values[series])

    def row_places(self, job: ChartJob, row: Row) -> int | None:
        """The decimals ``row`` is written with where the chart's write two of its values
        that differ alike: a range from 2.317 to 2.325 read '2.3 to 2.3', and two dots
        apart stood over one number (fuzzing round 7, 09). The fewest, up to six, that
        tell them apart, in the unit every label shares, as an arrow's ends are given
        (:meth:`Arrow.places`); ``None`` where the chart's do."""
        values = sorted({v for v in row.values if v is not None})
        if len(values) < 2:
            return None
        number = job.spec.format
        unit, decimals = label_place(job)
        first = decimals
        while decimals < MAX_DECIMALS and _read_alike(reader_at(number, unit, decimals), values):
            decimals += 1
        return None if decimals == first else decimals

    def column(self, job: ChartJob, row: Row, *, bare: bool = False) -> tuple[str, str] | None:
        """A text and its colour in a column at the right of the row, if the type has one;
        ``bare``: without the :meth:`column_unit` it ends in."""
        return None

    def column_head(self, job: ChartJob) -> str:
        """The head of that column (written in the deck's language)."""
        return ""

    def column_unit(self, job: ChartJob) -> str | None:
        """The unit every text of that column ends in ('Pp.'), which a narrow chart writes
        once, as the column's head (:data:`BARE_COLUMN`); ``None``: the texts keep theirs."""
        return None

    # -- shared behaviour ----------------------------------------------------------------
    def draw(self, fig: Figure, ax: Axes, job: ChartJob) -> None:
        # A panel of small multiples keeps the whole chart's one size.
        if job.whole is None:
            job = fitted(fig, ax, job, self)
        draw_rows(fig, ax, job, self)

    def drawn_unlike_data(self, job: ChartJob) -> list[tuple[str, str]]:
        """Rows missing a value (:func:`gaps_said`): the picture shows what each has, a
        lone end, one dot fewer or 'No data', and the build says which rows they are."""
        found = super().drawn_unlike_data(job)
        said = gaps_said(job, self.marks_need)
        return found if said is None else [*found, said]

    #: What a row's marks need, for the warning of a row short of a value.
    marks_need: ClassVar[str] = "a dot for each value"

    def check(self, data: ChartData, where: Location) -> list[Problem]:
        """Besides the highlight and series labels: after ``transpose``, or over long data,
        a pair chart needs exactly two series."""
        problems = super().check(data, where)
        shown = [s.name for s in data.series]
        if self.pair and len(data.series) != 2:
            problems.append(
                Problem(
                    where,
                    f"{self.named} shows two values per category, but the chart has "
                    f"{len(data.series)} series ({', '.join(shown)})",
                    "filter the data to exactly two rows (with transpose: true), or to two "
                    "values of the series column (with series:)",
                )
            )
        return problems

    def card_categories(self, data: ChartData, box: Rect, label_px: int,
                        theme: LoadedTheme) -> int:  # fmt: skip
        return row_room(data, box, label_px, theme, self.highlight)

    def card_shown(self, job: ChartJob) -> int:
        """The rows whose names the card writes whole, as beside horizontal bars: beside
        a 45% title column an x-post card cut 'Nordrhein-Westfalen' to 'Nordrh…', which
        the narrow column's wider chart writes on two lines (found in review)."""
        return whole_names(job)

    def card_height(self, data: ChartData) -> int:
        return 96 * min(len(data.categories), 12) + 120

    def native_type(self) -> object:
        from pptx.enum.chart import XL_CHART_TYPE

        return XL_CHART_TYPE.LINE_MARKERS


# --------------------------------------------------------------------------- drawing
def value_span(rows: list[Row], zero: bool | None = None) -> tuple[float, float]:
    """The value axis's data range. By default (``zero`` ``None``) it takes in zero when
    every value is positive and the smallest is at most half the largest (negative: the
    mirror), so a gap is not magnified by a cut axis; otherwise it spans the data (a dot
    marks a position, not a length). ``zero`` true takes zero in always, false never."""
    values = [v for r in rows for _, v in r.present] or [0.0]
    lo, hi = min(values), max(values)
    if zero is False:
        pass
    elif lo >= 0 and (zero or lo <= hi / 2):
        lo = 0.0
    elif hi <= 0 and (zero or hi >= lo / 2):
        hi = 0.0
    if hi == lo:
        pad = abs(hi) * 0.1
        if hi + pad != hi:
            lo, hi = lo - pad, hi + pad
        elif hi > 0:  # so small that a tenth of it vanishes: widen away from zero only
            hi += 1.0
        elif hi < 0:
            lo -= 1.0
        else:
            lo, hi = -1.0, 1.0
    return lo, hi


def axis_zero(job: ChartJob) -> bool | None:
    """Whether the value axis takes in zero: as the outline's ``axis: {zero: ...}`` says,
    else as the chart's type does (:attr:`RowChart.axis_zero`)."""
    said = job.spec.axis.zero
    return said if said is not None else getattr(job.spec, "axis_zero", None)


def draw_rows(fig: Figure, ax: Axes, job: ChartJob, kind: RowChart) -> None:
    """Rows top down with their names, guide lines and marks; values written at the marks
    (or a light value axis when they are not, or when some cannot be placed)."""
    import matplotlib as mpl

    colors = job.theme.theme.colors
    rows = rows_of(job)
    n = len(rows)
    if label_size(job) != mpl.rcParams["ytick.labelsize"]:  # a size :func:`fitted` chose
        ax.tick_params(labelsize=label_size(job))
    lo, hi = axis_span(job, rows)
    labels, need, pitch = _row_names(fig, ax, job, kind, rows)
    # The air between names is what a size is chosen for (:func:`fitted`); short of it, a
    # name is still drawn while its line keeps clear of its neighbours' (a line is taller
    # than its letters); closer, every k-th.
    step = 1 if need <= pitch else math.ceil(need / max(pitch, 1.0))
    shown = named_every(n, step, [r.index for r in rows if r.highlighted])
    ax.set_yticks(shown, [labels[i] for i in shown])
    for tick, i in zip(ax.get_yticklabels(), shown, strict=True):
        if rows[i].highlighted:
            tick.set_fontweight("bold")
    if len(shown) < n:
        left_out(f"{n - len(shown)} of its {n} rows are unnamed (too close for a line each "
                 f"even at {label_size(job):.3g} pt); show fewer with 'top:', or give the "
                 "chart more height (a shorter title, no subtitle)")  # fmt: skip
    ax.set_ylim(n - 0.5, -0.5)
    ax.set_xlim(lo, hi)

    if kind.whole_values:
        frame, texts = _choose(fig, ax, job, kind, rows, (lo, hi))
    else:
        every = frozenset(range(n)) if job.spec.value_labels else frozenset()
        show_axis = not every
        _value_axis(ax, job, show_axis, lo, hi)
        placed = _place(fig, ax, job, kind, rows, (lo, hi), every, every, show_axis)
        if placed.cramped or not placed.complete:
            # Some values could not be written, or writing them would leave the marks
            # under half the width (a narrow card): read them off a light axis instead.
            every = frozenset() if placed.cramped else every
            _value_axis(ax, job, True, lo, hi)
            placed = _place(fig, ax, job, kind, rows, (lo, hi), every, every, True)
        frame, texts = placed.frame, placed.texts

    width = 0.8 * job.canvas.scale
    for row in rows:
        if row.highlighted:
            ax.axhspan(row.index - 0.5, row.index + 0.5, color=colors.surface, zorder=0,
                       linewidth=0)  # fmt: skip
        ax.axhline(row.index, color=colors.grid, linewidth=width, zorder=1)
    row_breaks(ax, job, "y")
    if lo < 0 < hi:
        ax.axvline(0, color=colors.muted, linewidth=1, zorder=1)
    for row in rows:
        kind.paint(ax, job, row, frame.pitch)
    size = label_size(job)
    for row in rows:
        if not row.present:  # an empty line read as a row not drawn yet
            nothing = ax.annotate(
                job.words.no_data, (0, row.index), xycoords=("axes fraction", "data"),
                xytext=(size / 2, 0), textcoords="offset points", ha="left", va="center",
                fontsize=size, color=colors.muted, zorder=6,
                bbox=dict(boxstyle="square,pad=0.1", facecolor=colors.surface
                          if row.highlighted else colors.background, edgecolor="none"),
            )  # fmt: skip
            nothing.set_in_layout(False)
            mark(nothing, _NAME)
    highlighted = {row.index for row in rows if row.highlighted}
    for t in texts:
        # A label on its row's guide line knocks the line out behind it, in the row's own
        # colour: a line through "10.5M" reads as struck through (in a dark theme above all).
        on_line = t.dy == 0.0 and t.priority != _NAME
        ground = colors.surface if t.row in highlighted else colors.background
        knockout = dict(boxstyle="square,pad=0.1", facecolor=ground, edgecolor="none")
        # A colour made legible on the background may not be on the highlighted row's
        # band: a dark theme's '-25' read 4.3:1 there (found in review).
        color = legible(job, t.color, on=ground) if t.row in highlighted else t.color
        label = ax.annotate(
            t.text, (t.x, t.row), xytext=(t.dx, t.dy), textcoords="offset points",
            xycoords=("axes fraction", "data") if t.priority == _COLUMN else "data",
            ha=t.ha, va=t.va, fontsize=size, color=color,
            fontweight="bold" if t.bold else "normal", zorder=6,
            bbox=knockout if on_line else None,
        )  # fmt: skip
        # Placed inside the axes laid out above: the layout need not measure them again
        # (and so cannot move the axes they were measured against).
        label.set_in_layout(False)
        mark(label, t.priority)
    # Nothing since _place's layout moves it: the labels are out of it, the names sit on
    # their rows and the value ticks inside the data's range, which the new limits only
    # widen around. The collision pass measures on it as it is.
    layout_is_final(fig)


#: The most of the chart's width a column of texts with their unit takes ('+0,4 Pp.');
#: wider, the texts are written bare and the unit heads the column
#: (:meth:`RowChart.column_unit`).
BARE_COLUMN = 1 / 3
#: Label priorities for the collision pass (lower is kept first).
_NAME, _COLUMN, _BOLD, _VALUE, _MIDDLE = 2, 4, 10, 20, 30


def axis_span(job: ChartJob, rows: list[Row]) -> tuple[float, float]:
    """The value axis's limits before labels: the data's (:func:`value_span`, taking in
    zero as ``axis: {zero: ...}`` says, else as the type does), or the spec's axis min and
    max (the one scale of small multiples, too)."""
    lo, hi = value_span(rows, axis_zero(job))
    axis = job.spec.axis
    return (lo if axis.min is None else axis.min), (hi if axis.max is None else axis.max)


def fitted(fig: Figure, ax: Axes, job: ChartJob, kind: RowChart) -> ChartJob:
    """``job`` with its labels at the largest size, from the theme's down to its minimum
    (12 pt or more), at which every row is named (:func:`_row_names`); else at the
    minimum, where every k-th row is named and the build says so. Twenty rows under a
    slide's subtitle set their 14 pt names closer than a line, the descenders of one on
    the next (found by review)."""
    rows = rows_of(job)
    sized = job
    for sized in label_sizes(job):
        with shortening():  # a trial: the names the picture cuts are said when it draws them
            _, need, pitch = _row_names(fig, ax, sized, kind, rows)
        if need + ROW_AIR * job.canvas.scale <= pitch:
            return sized
    return sized


def _row_names(fig: Figure, ax: Axes, job: ChartJob, kind: RowChart, rows: list[Row]
               ) -> tuple[list[str], float, float]:  # fmt: skip
    """The names beside the rows, the points the tallest takes and the points between two
    rows' centres: wrapped as beside horizontal bars
    (:func:`~deckgen.render.chartkit.row_name_room`) where each row has room for its
    name's lines and :data:`_bars.ROW_AIR` between; else on fewer lines (down to two), in
    as much of the width as holds them whole; else each on one line, likewise (a name cut
    with '…' where even that does not). Wrapped however close the rows, 'Partnerships',
    the second line of one department, stood flush on the next department's name and read
    as part of it (found by review); and a square card with room for two lines a row cut
    the highlighted player to 'Kylian…' for want of three (found by fuzzing)."""
    pitch = _name_pitch(fig, ax, job, kind, rows)
    line = text_height_pt(fig, job)

    def need(labels: list[str]) -> float:
        return max(label.count("\n") + 1 for label in labels) * line

    for most in range(NAME_LINES, 1, -1):
        room = row_name_room(job, most=most)
        with shortening():  # a trial: kept only where the rows have room for it
            wrapped = [wrap_label(job, r.name, room, most=most) for r in rows]
        if need(wrapped) + ROW_AIR * job.canvas.scale <= pitch:
            labels = [wrap_label(job, r.name, room, most=most) for r in rows]
            return labels, need(labels), pitch
    wide = max(row_name_room(job), row_name_room(job, one_line=True))
    labels = [one_line(job, r.name, wide) for r in rows]
    return labels, need(labels), pitch


def _name_pitch(fig: Figure, ax: Axes, job: ChartJob, kind: RowChart, rows: list[Row]
                ) -> float:  # fmt: skip
    """Points between two rows' centres, as :func:`_place` will lay them out with a value
    axis under the plot (the least room the rows may have) and before any name is set
    beside them."""
    lo, hi = axis_span(job, rows)
    n = len(rows)
    ax.set_yticks([])
    ax.set_xticks([(lo + hi) / 2])  # a tick label's height under the plot
    ax.set_ylim(n - 0.5, -0.5)
    settle(fig)
    _, y0, _, y1 = axes_points(ax)
    height = max(y1 - y0, 1.0)
    above = _rows_above(job, kind, rows, text_height_pt(fig, job), clearance_pt(fig), height)
    return height / (n + above)


def _rows_above(job: ChartJob, kind: RowChart, rows: list[Row], h: float, clear: float,
                height: float) -> float:  # fmt: skip
    """Rows of room above the first row's centre, on a plot ``height`` points tall, for
    its value labels and, over them, the series' names or the column's head."""
    n = len(rows)
    named = any(len(r.present) == len(r.values) for r in rows)
    names = len(job.data.series) > 1 and job.legend
    has_column = any(kind.column(job, r) is not None for r in rows)
    need = h / 2 + clear + h + 2 if (names and named) or has_column else 0.0
    return max(0.0, (need * n - 0.5 * height) / (height - need)) if height > need else 0.0


def _value_axis(ax: Axes, job: ChartJob, show: bool, lo: float, hi: float) -> None:
    clean_axes(ax, value_axis="x", show_values=show)
    if show:
        gridlines(ax, job, "x")
        ax.xaxis.set_major_formatter(tick_formatter(job))
        ax.xaxis.set_ticks_position("bottom")


def _ticks(ax: Axes, lo: float, hi: float, bins: int = 6) -> None:
    """Value ticks inside the data range only (the margins hold labels, not values)."""
    from matplotlib.ticker import MaxNLocator

    ticks = MaxNLocator(nbins=max(bins, 1)).tick_values(lo, hi)
    ax.set_xticks([t for t in ticks if lo - 1e-9 <= t <= hi + 1e-9])


#: Tick steps, times a power of ten: round numbers, read and added up at a glance.
_STEPS = (1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0)
#: The most intervals between value ticks.
_MOST_TICKS = 6


def _covering(lo: float, hi: float, fixed: tuple[bool, bool]) -> list[list[float]]:
    """Tick sets from at most ``lo`` to at least ``hi`` on round steps (at most
    :data:`_MOST_TICKS` intervals), finest first, the last a single interval; an end
    ``fixed`` by the outline's axis stays where it is, with no tick past it. Matplotlib's
    ticks stop inside the data: an axis ended at 72% under a dot at 79.9%, and taking the
    next of its ticks past each end drew 30% to 90% for 43% to 80% (its steps are not
    chosen to enclose the data)."""
    import math

    sets: list[list[float]] = []
    power = math.floor(math.log10((hi - lo) / _MOST_TICKS))
    for p in range(power, power + 3):
        for s in _STEPS:
            step = s * 10.0**p
            first = math.ceil(lo / step - 1e-9) if fixed[0] else math.floor(lo / step + 1e-9)
            last = math.floor(hi / step + 1e-9) if fixed[1] else math.ceil(hi / step - 1e-9)
            if last < first or last - first > _MOST_TICKS:
                continue
            sets.append([round(k * step, max(0, 2 - p)) for k in range(first, last + 1)])
            if last - first <= 1:
                return sets
    return sets


def _within(
    lo: float, hi: float, plot: tuple[float, float], scale: float, start: float,
    w: Callable[[str], float], size: float, formatter: Any,
) -> tuple[list[float], list[str]]:  # fmt: skip
    """Value ticks and their labels on an axis from ``start`` at ``scale`` points a unit
    that spans the values, ``lo`` to ``hi``, with no set taking them all in that has room
    for its labels: the finest round set inside them (:func:`_covering` with both ends
    held) whose labels have room and stay inside the ``plot`` (its left and right, in
    points); else the last tick of the coarsest whose label does; else none. A value is
    read by its place, a change by its length: an axis widened to take in ticks whose
    labels have no room kept arrows shorter than their heads on an x-post card."""
    sets = _covering(lo, hi, (True, True))

    def inside(ticks: list[float], texts: list[str]) -> bool:
        return all(plot[0] - 1 <= plot[0] + (t - start) * scale - w(text) / 2
                   and plot[0] + (t - start) * scale + w(text) / 2 <= plot[1] + 1
                   for t, text in zip(ticks, texts, strict=True))  # fmt: skip

    for ticks in sets:
        texts = formatter.format_ticks(ticks)
        apart = (ticks[1] - ticks[0]) * scale if len(ticks) > 1 else math.inf
        if apart - max(map(w, texts)) - size >= 0 and inside(ticks, texts):
            return ticks, texts
    for t in reversed(sets[-1] if sets else []):
        text = formatter.format_ticks([t])
        if inside([t], text):
            return [t], text
    return [], []


@dataclass(frozen=True)
class Layout:
    """What :func:`_place` decided: the frame, the labels, the values it had no room for
    (row, series, text) at the ends and between them, and whether the labels leave the
    marks under half the width."""

    frame: Frame
    texts: list[Text]
    missed_ends: list[tuple[Row, int, str]]
    missed_middles: list[tuple[Row, int, str]]
    cramped: bool

    @property
    def complete(self) -> bool:
        """Every value it was to write is written."""
        return not self.missed_ends and not self.missed_middles


def _choose(
    fig: Figure, ax: Axes, job: ChartJob, kind: RowChart, rows: list[Row],
    span: tuple[float, float],
) -> tuple[Frame, list[Text]]:  # fmt: skip
    """The first of these with room for all it writes (and marks over half the width):
    every value; every row's smaller and larger value and the highlighted rows' values
    between them; the highlighted rows' values; none. Past the first, a light value axis
    gives the values not written. Some values written and others not would read as if
    those were missing, but the highlighted row is the story (the title states its
    values): it keeps them while the chart is wide enough for them, and a value of its
    with no room (a highlighted row beside another) is named in a build warning."""
    lo, hi = span
    every = frozenset(r.index for r in rows)
    marked = frozenset(r.index for r in rows if r.highlighted)
    if job.spec.value_labels:
        _value_axis(ax, job, False, lo, hi)
        first = _place(fig, ax, job, kind, rows, span, every, every, False)
        if first.complete and not first.cramped:
            return first.frame, first.texts
        _value_axis(ax, job, True, lo, hi)
        if not first.missed_ends and not first.cramped:  # only the middles want room
            ends = _place(fig, ax, job, kind, rows, span, every, marked, True)
            if ends.complete and not ends.cramped:
                return ends.frame, ends.texts
        if marked:
            own = _place(fig, ax, job, kind, rows, span, marked, marked, True, each=True)
            if not own.cramped:
                missed = own.missed_ends + own.missed_middles
                if missed:
                    left_out(_unwritten(job, missed))
                return own.frame, own.texts
    _value_axis(ax, job, True, lo, hi)
    none = _place(fig, ax, job, kind, rows, span, frozenset(), frozenset(), True)
    if job.spec.value_labels and rows:
        # Said, as a highlighted value left out is: an x-post card of an arrow plot was
        # posted with no value on it, its axis's two ticks all it said (found by a new
        # user).
        left_out(
            "no value is written on it: written beside the marks, they would leave the marks "
            "under half its width, so its value axis gives them; give the chart more width "
            "(on a card, a preset that sets it under the title, such as ig-square), show "
            "fewer rows with 'top:', or shorten the names"
        )
    return none.frame, none.texts


def _unwritten(job: ChartJob, missed: list[tuple[Row, int, str]]) -> str:
    """What the build says of highlighted values with no room: each 'Row series: value'."""
    shown = "; ".join(f"{r.name} {job.data.series[k].name}: {text}" for r, k, text in missed)
    one = len(missed) == 1
    return (
        f"{counted(len(missed), 'highlighted value')} {'is' if one else 'are'} not "
        f"written ({shown}): no room at "
        f"{'its mark' if one else 'their marks'} clear of the rows around, so the value "
        f"axis gives {'it' if one else 'them'}; give the chart more height (a shorter "
        "title, no subtitle), show fewer rows with 'top:', or highlight rows apart"
    )


def _place(
    fig: Figure,
    ax: Axes,
    job: ChartJob,
    kind: RowChart,
    rows: list[Row],
    span: tuple[float, float],
    ends: frozenset[int],
    middles: frozenset[int],
    show_axis: bool,
    *,
    each: bool = False,
) -> Layout:
    """Lay the axes out and decide every label: the rows of room above the first row for
    the series names, the x limits that leave room for the outer labels and the column,
    and which value labels fit. ``ends``: the rows whose smaller and larger values are
    written (each where it has room); ``middles``: those whose values between are (all
    of them or none, or with ``each`` each where it has room)."""
    lo, hi = span
    if show_axis:
        # Written as the value axis writes its ticks: a try before this one that set its
        # ticks with their texts left them as a fixed list, under which the tick below
        # read '', the layout kept no room under the plot, and the ticks set after it
        # fell off the picture, gridlines and no value written but the highlighted row's
        # (found in review).
        ax.xaxis.set_major_formatter(tick_formatter(job))
    if show_axis and kind.whole_values:
        # A tick for the layout to leave the labels' height under the plot; one in the
        # middle, overhanging neither side (the ticks chosen below stay inside the plot).
        ax.set_xticks([(lo + hi) / 2])
    elif show_axis:
        _ticks(ax, lo, hi)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    settle(fig)
    x0, y0, x1, y1 = axes_points(ax)
    width, height = max(x1 - x0, 1.0), max(y1 - y0, 1.0)
    h = text_height_pt(fig, job)
    clear = clearance_pt(fig)
    size = label_size(job)
    gap = 0.45 * size
    n = len(rows)

    named = next((r for r in rows if len(r.present) == len(r.values)), None)
    names = [s.name for s in job.data.series] if len(job.data.series) > 1 and job.legend else []
    columns = [kind.column(job, r) for r in rows]
    has_column = any(c is not None for c in columns)
    head = kind.column_head(job)
    # Room above the first row's centre for its value labels, then the names on top.
    above = _rows_above(job, kind, rows, h, clear, height)
    ax.set_ylim(n - 0.5, -0.5 - above)
    pitch = height / (n + above)
    reach = kind.reach(job, pitch)

    def w(text: str, bold: bool = False) -> float:
        return text_width_pt(job, text, bold=bold)

    column_w = 0.0
    if has_column:
        column_w = max(w(c[0], bold=True) for c in columns if c is not None) + 2 * gap
        unit = kind.column_unit(job)
        if unit and column_w > BARE_COLUMN * width:
            # The unit heads the column, its texts bare ('+0,4' under 'Pp.'), as a table's
            # column does: '+0,4 Pp.' a row took 110 of an x-post card's 191 pt, and
            # changes of 0.4 points on shares of 4% to 22% were drawn as dots (found in
            # review). The head stands over the column, clear of the series' names.
            columns = [kind.column(job, r, bare=True) for r in rows]
            head = unit
            column_w = max(w(c[0], bold=True) for c in columns if c is not None) + 2 * gap
        # The head widens the column while it takes at most a third of the width; a
        # wider one stands over it reaching left, where the collision pass keeps it if
        # clear of the series' names. 'Veränderung' took 166 of an x-post card's 216 pt,
        # and the changes were written over the marks (found in review).
        column_w = max(column_w, min(w(head, bold=True) + 2 * gap, width / 3))

    # Limits that leave room for the outer labels: solved by iteration, each pass using
    # the scale the last one gave (it converges while the labels take under the width).
    left = [reach + 1.0] * n  # the marks themselves, at least
    right = [reach + 1.0] * n
    for r in rows:
        if r.index in ends and r.low is not None and r.high is not None:
            low, high = kind.value_text(job, r, r.low[0]), kind.value_text(job, r, r.high[0])
            left[r.index] = w(low, r.highlighted) + reach + gap + clear
            right[r.index] = w(high, r.highlighted) + reach + gap + clear
    if named is not None and names:
        half = max(w(name) for name in names) / 2 + clear
        left[named.index] = max(left[named.index], half)
        right[named.index] = max(right[named.index], half)

    def limits(lo: float, hi: float, past: tuple[float, float] = (0.0, 0.0)
               ) -> tuple[float, float, float]:  # fmt: skip
        """The x limits for ``lo`` to ``hi`` with their labels (and ``past``: points left
        of ``lo`` and right of ``hi``), and the width the labels asked for (more than the
        limits' where they are wider than the chart)."""
        a, b = lo, hi
        last = 0.0
        for _ in range(40):
            last = b - a
            scale = width / (b - a)
            a = min(
                [lo - past[0] / scale]
                + [r.low[1] - left[r.index] / scale for r in rows if r.low is not None]
            )
            # (Past ``hi``, the column too: a tick's label is not written under it.)
            b = max([hi + (past[1] + column_w) / scale if past[1] else hi]
                    + [r.high[1] + (right[r.index] + column_w) / scale
                       for r in rows if r.high is not None])  # fmt: skip
        asked = b - a
        # Labels wider than the chart: no fixed point; or so nearly as wide that 40 passes
        # are still far from it (limits that short of it put the column on the marks).
        if asked > 40 * (hi - lo) or asked - last > 1e-3 * asked:
            # The marks keep what the column at the right leaves them (the caller writes
            # fewer labels, or none): limits ignoring it drew an x-post card's changes
            # over the end markers they stand for (found in review).
            marks = max(width - column_w - 2 * (reach + 1.0), 1.0)
            scale = marks / (1.1 * (hi - lo))
            a = lo - 0.05 * (hi - lo) - (reach + 1.0) / scale
            b = a + width / scale
        return a, b, asked

    a, b, asked = limits(lo, hi)
    ticks: list[float] | None = None
    labels: list[str] | None = None
    if show_axis and kind.whole_values and hi > lo:
        # Ticks that take in every value, round ones past the ends, each set labelled whole
        # or at its ends alone (its gridlines kept): of those whose labels have room, the
        # one that widens the axis least (40% to 80% for 43.0% to 79.9%; 0 to 3,000 for
        # values to 2,640, not 0 to 4,000), then the most labelled. With none, the axis
        # spans the values and its ticks stay inside them (below). Short of room for a
        # set's every label, the set with the most room was taken, and its ends or its
        # last labelled: 0% to 25% under shares of 7.5% to 21.9% on an x-post card, every
        # arrow of a change of 0.1 to 0.4 points drawn a dot (found in review).
        axis = job.spec.axis
        formatter = tick_formatter(job)
        best: tuple[tuple[float, int], list[float], list[str], tuple[float, float, float]] | None
        best = None
        for tried in _covering(lo, hi, (axis.min is not None, axis.max is not None)):
            every = formatter.format_ticks(tried)
            start, end = min(lo, tried[0]), max(hi, tried[-1])
            wide = round((end - start) / (hi - lo), 6)
            outer = [every[0], *[""] * (len(tried) - 2), every[-1]]
            for shown in [every, outer] if len(tried) > 2 else [every]:
                sizes = [w(text) for text in shown if text]
                # The end ticks' labels inside the plot: out of it, they would move the layout.
                laid = limits(start, end, (w(shown[0]) / 2, w(shown[-1]) / 2))
                apart = (tried[-1] - tried[0]) / (len(sizes) - 1) if len(sizes) > 1 else 0.0
                room = apart * width / (laid[1] - laid[0]) - max(sizes) - size if apart else 0.0
                key = (-wide, len(sizes))
                if room >= 0 and (best is None or key > best[0]):
                    best = (key, tried, shown, laid)
        if best is not None:
            _, ticks, labels, (a, b, asked) = best
        else:
            ticks, labels = _within(lo, hi, (x0, x1), width / (b - a), a, w, size, formatter)
    cramped = bool(ends) and (hi - lo) < 0.5 * asked
    ax.set_xlim(a, b)
    frame = Frame(pitch, width / (b - a), x0, a, y1, above)
    if ticks is not None:
        ax.set_xticks(ticks, labels)
    elif show_axis:
        # As many ticks as their labels have room for along the data's part of the axis.
        widest = max(w(fmt(job, v)) for v in (lo, hi)) + size
        _ticks(ax, lo, hi, min(6, int((hi - lo) * frame.scale / widest)))

    placed: list[Text] = []
    boxes: list[tuple[float, float, float, float]] = []

    def fits(box: Box, avoid: Sequence[Box] = ()) -> bool:
        left_, bottom, right_, top = box
        inside = left_ >= x0 - 1 and right_ <= x1 + 1 and top <= y1 + 1
        return inside and not any(
            left_ < o[2] + clear and o[0] < right_ + clear
            and bottom < o[3] + clear and o[1] < top + clear
            for o in [*boxes, *avoid]
        )  # fmt: skip

    def add(t: Text, box: Box, *, force: bool, avoid: Sequence[Box] = ()) -> bool:
        if not force and not fits(box, avoid):
            return False
        boxes.append(box)
        placed.append(t)
        return True

    colors = job.theme.theme.colors
    if named is not None and names:
        wanted = [frame.x(v) for _, v in named.present]
        sizes = [w(names[k]) for k, _ in named.present]
        centres = spread(wanted, sizes, x0, x1 - column_w, clear)
        base = frame.y(named.index) + h / 2 + clear
        for (k, v), want, got, size_ in zip(named.present, wanted, centres, sizes, strict=True):
            t = Text(names[k], v, named.index, got - want, h / 2 + clear, "center", "bottom",
                     kind.name_color(job, k), False, _NAME)  # fmt: skip
            add(t, (got - size_ / 2, base, got + size_ / 2, base + h), force=True)
    if has_column:
        top_row = frame.y(rows[0].index) + h / 2 + clear
        t = Text(head, 1.0, rows[0].index, 0.0, h / 2 + clear, "right", "bottom",
                 colors.muted, False, _COLUMN)  # fmt: skip
        add(t, (x1 - w(head), top_row, x1, top_row + h), force=True)
        for r, col in zip(rows, columns, strict=True):
            if col is None:
                continue
            y = frame.y(r.index)
            t = Text(col[0], 1.0, r.index, 0.0, 0.0, "right", "center", col[1], r.highlighted,
                     _COLUMN)  # fmt: skip
            add(t, (x1 - w(col[0], r.highlighted), y - h / 2, x1, y + h / 2), force=True)

    missed_ends: list[tuple[Row, int, str]] = []
    missed_middles: list[tuple[Row, int, str]] = []
    between: list[tuple[Row, int, float]] = []
    for r in rows:
        if r.index not in ends or r.low is None or r.high is None:
            continue
        y = frame.y(r.index)
        priority = _BOLD if r.highlighted else _VALUE
        # The smaller value's label left of its mark, the larger's right: two values
        # close together never put their labels on top of one another.
        sides = [(r.high, 1.0)] if len(r.present) == 1 else [(r.low, -1.0), (r.high, 1.0)]
        for (k, v), side in sides:
            text = kind.value_text(job, r, k)
            tw = w(text, r.highlighted)
            x = frame.x(v) + side * (reach + gap)
            box = (x - tw, y - h / 2, x, y + h / 2) if side < 0 else (x, y - h / 2, x + tw,
                                                                      y + h / 2)  # fmt: skip
            t = Text(text, v, r.index, side * (reach + gap), 0.0,
                     "right" if side < 0 else "left", "center",
                     kind.label_color(job, r, k), r.highlighted, priority)  # fmt: skip
            if not add(t, box, force=False):
                missed_ends.append((r, k, text))
        if r.index in middles:
            sides_k = {r.low[0], r.high[0]}
            between += [(r, k, v) for k, v in r.present if k not in sides_k]
    # Values between the ends: centred over or under their marks, all or none (some
    # written and some not would read as if the others were missing; with ``each``, the
    # highlighted rows' alone, the caller names any left out). They keep off the other
    # rows' marks (dots and the span between): with nothing else written, one reached
    # into the next row and stood on its dots (found by review).
    marks = {
        r.index: (frame.x(r.low[1]) - reach, frame.y(r.index) - reach,
                  frame.x(r.high[1]) + reach, frame.y(r.index) + reach)
        for r in rows if kind.whole_values and r.low is not None and r.high is not None
    }  # fmt: skip
    for r, k, v in between:
        text = kind.value_text(job, r, k)
        tw = w(text, r.highlighted)
        x, y = frame.x(v), frame.y(r.index)
        others = [m for i, m in marks.items() if i != r.index]
        color = kind.label_color(job, r, k)
        # Above the mark, or below it where the series' names take the space above.
        over = Text(text, v, r.index, 0.0, reach + 1, "center", "bottom", color,
                    r.highlighted, _MIDDLE)  # fmt: skip
        under = Text(text, v, r.index, 0.0, -reach - 1, "center", "top", color,
                     r.highlighted, _MIDDLE)  # fmt: skip
        if not (
            add(over, (x - tw / 2, y + reach + 1, x + tw / 2, y + reach + 1 + h), force=False,
                avoid=others)
            or add(under, (x - tw / 2, y - reach - 1 - h, x + tw / 2, y - reach - 1),
                   force=False, avoid=others)
        ):  # fmt: skip
            missed_middles.append((r, k, text))
            if not each:
                break
    if missed_middles and not each:
        placed = [t for t in placed if t.priority != _MIDDLE]
        missed_middles = [(r, k, kind.value_text(job, r, k)) for r, k, _ in between]
    return Layout(frame, placed, missed_ends, missed_middles, cramped)


# --------------------------------------------------------------------------- alt text
def noun(job: ChartJob, count: int = 2) -> str:
    """What ``count`` rows are, for alt text: 'countries' from an x column called
    'country', and one row 'country' ('1 countrys' was said of one: fuzzing)."""
    if job.spec.transpose:
        return "category" if count == 1 else "categories"
    name = job.spec.x.replace("_", " ").strip() or "categories"
    if count == 1:
        return name
    if name.endswith("y") and name[-2:-1] not in "aeiou":
        return name[:-1] + "ies"
    if name.endswith(("s", "x", "ch", "sh")):
        return name + "es"
    return name + "s"


def series_names(job: ChartJob) -> str:
    names = [s.name for s in job.data.series]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" and {names[-1]}"


def missing(job: ChartJob, row: Row) -> str:
    """'no value for 2023' for the series a row lacks (empty when it has them all)."""
    gaps = [job.data.series[k].name for k, v in enumerate(row.values) if v is None]
    return f"no value for {' or '.join(gaps)}" if gaps else ""


def gaps_said(job: ChartJob, need: str) -> tuple[str, str] | None:
    """The rows short of a value, each with the series it lacks, and what to do; ``None``
    where every row has them all. An arrow row with no start and one with no end were
    grey dots alike, and a row with no value an empty line, with no word (found by
    fuzzing)."""
    short = [r for r in rows_of(job) if None in r.values]
    if not short:
        return None
    listed = [f"{r.name} ({missing(job, r)})" for r in short[:5]]
    more = f" and {len(short) - 5} more" if len(short) > 5 else ""
    one = len(short) == 1
    rows = "a row has" if one else f"{len(short)} rows have"
    return (
        f"{rows} no value for a series the chart shows: {', '.join(listed)}{more}; the chart "
        f"needs {need}, so {'it shows' if one else 'each shows'} what it has, and a row "
        f"with none '{job.words.no_data}'",
        "fill in the missing cells, or leave those rows out (filter:)",
    )


def each_row(job: ChartJob, rows: list[Row]) -> str:
    """Every row's values in order: 'China 5.2 million in 2004, 30.2 million in 2023'."""
    kind = job.spec
    assert isinstance(kind, RowChart)
    parts = []
    for r in rows:
        values = ", ".join(f"{kind.value_text(job, r, k, words=True)} in "
                           f"{job.data.series[k].name}" for k, _ in r.present)  # fmt: skip
        gap = missing(job, r)
        parts.append(f"{r.name} {values}{'; ' if values and gap else ''}{gap}".strip())
    return "; ".join(parts)


# --------------------------------------------------------------------------- social cards
def row_room(data: ChartData, box: Rect, label_px: int, theme: LoadedTheme,
             highlight: Sequence[str] = ()) -> int:  # fmt: skip
    """How many rows ``box`` holds with ``label_px`` labels: names wrap as the picture
    wraps them (:func:`name_lines`); a row is at least a line and a half (a label beside
    a mark, with air), and the series names take two lines above the first row. Every
    row is as tall as the one with the most lines among those the card keeps, the
    ``highlight`` ones with them (:func:`card_lines`)."""
    line = CARD.block_height(theme.body.regular, Px(label_px), 1).px
    lines = name_lines(data, box, label_px, theme)
    return max(
        [2, *(k for k in range(1, len(lines) + 1)
              if 2.2 * line + k * line * max(1.15 * card_lines(lines, data, highlight, k) + 0.2,
                                             1.5) <= box.height.px * 0.94)]
    )  # fmt: skip


# --------------------------------------------------------------------------- rows on cards
def name_lines(data: ChartData, box: Rect, label_px: int, theme: LoadedTheme) -> list[int]:
    """The lines each category's name takes beside its row on a card: wrapped at the first
    of :data:`~deckgen.render.chartkit.ROW_NAME_SHARES` of the chart's width (with the
    deck's 6% measuring slack) that takes no name past :data:`NAME_LINES`, as the picture
    chooses its room (:func:`~deckgen.render.chartkit.row_name_room`)."""
    size = Px(label_px)
    tried: list[list[int]] = []
    for share in ROW_NAME_SHARES:
        column = Px(round(box.width.px * share / 1.06))
        tried.append([len(CARD.wrap(str(c), theme.body.regular, size, column))
                      for c in data.categories])  # fmt: skip
        if max(tried[-1], default=0) <= NAME_LINES:
            return tried[-1]
    return tried[0]  # cut whatever the share: the narrowest, as the picture has it


def card_kept(count: int, highlighted: Sequence[int], room: int) -> list[int]:
    """The rows a card with room for ``room`` keeps of ``count``: the highlighted ones and
    the leading others, as :func:`~deckgen.kinds.cards._base.card_chart` picks them."""
    wanted = list(highlighted)[:room]
    return sorted([*wanted, *[i for i in range(count) if i not in wanted][: room - len(wanted)]])


def card_lines(lines: Sequence[int], data: ChartData, highlight: Sequence[str], room: int) -> int:
    """The most lines among the names of the rows a card with room for ``room`` keeps."""
    highlighted = [i for i, c in enumerate(data.categories) if c in highlight]
    return max((lines[i] for i in card_kept(len(lines), highlighted, room)), default=1)


def _read_alike(read: Callable[[float], Decimal], values: list[float]) -> bool:
    """Whether two of ``values`` (different, in order) read alike."""
    return any(read(a) == read(b) for a, b in itertools.pairwise(values))


def writer_at(number: NumberFormat, unit: Unit, decimals: int, *, words: bool = False
              ) -> Callable[[float | None], str]:  # fmt: skip
    """Write a value in ``unit`` to ``decimals`` places (with ``units: each``, each value
    in its own unit, as the labels are)."""
    if number.units == "each":
        return number.model_copy(update={"decimals": decimals}).writer([], words=words)
    return partial(number.write_in, unit=unit, decimals=decimals, words=words)


def reader_at(number: NumberFormat, unit: Unit, decimals: int) -> Callable[[float], Decimal]:
    """A value as a reader reads it off :func:`writer_at`'s label."""
    if number.units == "each":
        return number.model_copy(update={"decimals": decimals}).reader([])
    return partial(number.read_in, unit=unit, decimals=decimals)


# --------------------------------------------------------------------------- native
def build_native_rows(
    chart: Chart, job: ChartJob, marker: Callable[[Row, int], str],
    gap: tuple[str, float], *, hollow: int | None = None,
) -> None:  # fmt: skip
    """A line chart with markers only (no line), categories along the bottom, the gap of
    each category drawn as custom error bars on the first series, from its value to the
    category's smallest and largest (``gap``: colour and width in points); a key at the
    top; values written above (the largest) and below (the smallest) each category, or a
    light value axis. ``marker(row, series)`` gives a marker's colour; the markers of
    series ``hollow`` are rings in that colour, as the picture draws them (see
    :func:`_ring_under`).
    """
    from pptx.enum.chart import XL_AXIS_CROSSES, XL_LABEL_POSITION, XL_LEGEND_POSITION
    from pptx.enum.chart import XL_MARKER_STYLE as MARKER
    from pptx.util import Pt

    from deckgen.kinds.charts import _native as nv
    from deckgen.ooxml import chartxml as cx
    from deckgen.ooxml import shapes as sh
    from deckgen.outline.formats import excel_format
    from deckgen.render.chartkit import written_values

    colors = job.theme.theme.colors
    rows = rows_of(job)
    plot = chart.plots[0]
    kind = job.spec
    assert isinstance(kind, RowChart)
    diameter = max(5, round(job.theme.theme.chart.line_width * 3.2 + gap[1] / 2))

    def paint(target: Any, row: Row, k: int, size: int) -> None:
        color = marker(row, k)
        target.marker.style = MARKER.CIRCLE
        target.marker.size = size
        nv.fill(target.marker.format, color)
        target.marker.format.line.color.rgb = sh.rgb(colors.background)
        target.marker.format.line.width = Pt(0.75)

    usual = next((r for r in rows if not r.highlighted), rows[0])
    for k, series in enumerate(plot.series):
        series.smooth = False
        series.format.line.fill.background()
        paint(series, usual, k, diameter)
        for r in rows:
            if r.highlighted:
                paint(series.points[r.index], r, k, diameter + 2)
    gapped = plot.series[0]._element

    labels_on = job.spec.value_labels
    lo, hi = value_span(rows, axis_zero(job))
    # Room beyond the ends for the labels above the largest and below the smallest value.
    pad = 0.14 * (hi - lo) if labels_on else 0.04 * (hi - lo)
    nv.value_axis(chart, job, lo - pad if labels_on or lo != 0 else lo, hi + pad,
                  show=not labels_on)  # fmt: skip
    nv.category_axis(chart, job)
    chart.value_axis.crosses = XL_AXIS_CROSSES.MINIMUM  # names below the labels under zero
    if len(plot.series) > 1:
        chart.has_legend = True
        chart.legend.position = XL_LEGEND_POSITION.TOP
        chart.legend.include_in_layout = False
        nv.font(chart.legend.font, job, colors.text)
    for k, series in enumerate(plot.series if labels_on else []):
        nv.labels(series, job, colors.text, XL_LABEL_POSITION.RIGHT)
        for r in rows:
            if r.low is None or r.high is None or r.values[k] is None:
                continue
            if k == r.high[0]:
                position = XL_LABEL_POSITION.ABOVE
            elif k == r.low[0]:
                position = XL_LABEL_POSITION.BELOW
            else:
                continue
            label = nv.point_label(series, r.index, job, colors.text, bold=r.highlighted,
                                   position=position)  # fmt: skip
            places = kind.row_places(job, r)
            if places is not None:  # the row's own decimals, as on the picture
                cx.label_number_format(label._dLbl, excel_format(
                    kind.format, written_values(type(kind), job.whole or job.data),
                    places=places))  # fmt: skip
    # Last: python-pptx reads the series in order, and the ring's copy would be the first.
    if hollow is not None:
        ring = _ring_under(plot.series[hollow]._element, colors.background)
        cx.hide_legend_entry(chart, 0)  # the ring's disc: no key entry of its own
        if hollow == 0:
            gapped = ring  # the gap drawn under the hole, as on the picture
    _error_bars(gapped, rows, *gap)


#: Points a hollow marker is smaller than the disc under it: the ring's width, twice.
RING = 4
#: Points of a hollow marker's own edge (PowerPoint draws it; LibreOffice draws no edges).
RING_EDGE = 1.5


def _ring_under(ser: Any, background: str) -> Any:
    """Make the markers of series ``ser`` (its ``c:ser``) rings: a copy of the series goes
    under it, drawn first, with the markers as they are (discs in the row's colour), and
    the series' own markers become :data:`RING` points smaller, in the background colour
    with an edge in the row's colour. Return the copy.

    LibreOffice draws no marker edges, so an edge alone left a hollow marker invisible
    there and a tint told the ends apart too faintly (grey on grey): the disc under the
    hole draws the ring in both applications. The copy reads the same cells (edited data
    moves both), has no labels, and comes first (index 0: the caller leaves it out of the
    key).
    """
    import copy

    from lxml import etree
    from pptx.oxml.ns import qn

    siblings = list(ser.getparent().iterchildren(qn("c:ser")))
    under = copy.deepcopy(ser)
    for labels in under.findall(qn("c:dLbls")):
        under.remove(labels)
    # First in index and order alike: PowerPoint reads a key entry's index as the series'
    # index, LibreOffice as its place in the order.
    for other in siblings:
        for tag in ("c:idx", "c:order"):
            number = other.find(qn(tag))
            number.set("val", str(int(number.get("val")) + 1))
    under.find(qn("c:idx")).set("val", "0")
    under.find(qn("c:order")).set("val", "0")
    for symbol in under.iter(qn("c:marker")):
        line = symbol.find(f"{qn('c:spPr')}/{qn('a:ln')}")
        for child in list(line):
            line.remove(child)
        etree.SubElement(line, qn("a:noFill"))  # the disc: its edge would show in the hole
    for symbol in ser.iter(qn("c:marker")):
        size = symbol.find(qn("c:size"))
        size.set("val", str(max(2, int(size.get("val")) - RING)))
        fill = symbol.find(f"{qn('c:spPr')}/{qn('a:solidFill')}/{qn('a:srgbClr')}")
        edge = symbol.find(f"{qn('c:spPr')}/{qn('a:ln')}")
        edge.set("w", str(round(RING_EDGE * 12700)))
        edge.find(f"{qn('a:solidFill')}/{qn('a:srgbClr')}").set("val", fill.get("val"))
        fill.set("val", background.lstrip("#").upper())
    siblings[0].addprevious(under)
    return under


def _error_bars(ser: object, rows: list[Row], color: str, width_pt: float) -> None:
    """Custom y error bars on series ``ser`` (its ``c:ser``) reaching from its value to the
    row's largest (plus) and smallest (minus): the gap, as a line with no end caps."""
    from lxml import etree
    from pptx.oxml.ns import qn

    def literal(values: list[float | None]) -> etree._Element:
        lit = etree.Element(qn("c:numLit"))
        etree.SubElement(lit, qn("c:formatCode")).text = "General"
        etree.SubElement(lit, qn("c:ptCount")).set("val", str(len(values)))
        for i, v in enumerate(values):
            if not v:  # no bar at all, rather than one of length zero (which gets a cap)
                continue
            point = etree.SubElement(lit, qn("c:pt"))
            point.set("idx", str(i))
            etree.SubElement(point, qn("c:v")).text = repr(float(v))
        return lit

    plus: list[float | None] = []
    minus: list[float | None] = []
    for r in rows:
        first = r.values[0]
        if first is None or r.low is None or r.high is None:
            plus.append(None)
            minus.append(None)
            continue
        plus.append(r.high[1] - first)
        minus.append(first - r.low[1])
    bars = etree.Element(qn("c:errBars"))
    etree.SubElement(bars, qn("c:errDir")).set("val", "y")
    etree.SubElement(bars, qn("c:errBarType")).set("val", "both")
    etree.SubElement(bars, qn("c:errValType")).set("val", "cust")
    etree.SubElement(bars, qn("c:noEndCap")).set("val", "1")
    etree.SubElement(bars, qn("c:plus")).append(literal(plus))
    etree.SubElement(bars, qn("c:minus")).append(literal(minus))
    sppr = etree.SubElement(bars, qn("c:spPr"))
    line = etree.SubElement(sppr, qn("a:ln"))
    line.set("w", str(round(width_pt * 12700)))
    line.set("cap", "flat")
    solid = etree.SubElement(line, qn("a:solidFill"))
    etree.SubElement(solid, qn("a:srgbClr")).set("val", color.lstrip("#").upper())
    # Schema order (CT_LineSer): ... dLbls, trendline*, errBars, cat, val, smooth, extLst.
    ser.find(qn("c:cat")).addprevious(bars)  # type: ignore[attr-defined]
