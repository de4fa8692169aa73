"""Lines over ordered categories (years); with two categories, a slope chart."""

from __future__ import annotations

import math
from dataclasses import replace
from itertools import pairwise
from typing import TYPE_CHECKING, ClassVar, Literal
from weakref import WeakKeyDictionary

from deckgen.errors import joined
from deckgen.kinds.charts._annotate import draw_computed
from deckgen.kinds.charts._base import ChartKind, reach, reference_value
from deckgen.kinds.charts._facets import in_panel
from deckgen.kinds.charts._trend import trends
from deckgen.render.chartkit import (
    axes_points,
    category_labels,
    category_words,
    clean_axes,
    clearance_pt,
    connector,
    figure_of,
    fmt,
    gridlines,
    halo,
    heights_pt,
    label_size,
    left_out,
    legible,
    name_value,
    note_left_out,
    reference_missed,
    reference_text,
    series_colors,
    settle,
    shown_every,
    slot_width_pt,
    spread,
    text_height_pt,
    text_width_pt,
    thin_step,
    tick_formatter,
    time_axis,
    time_x,
    to_points,
    value_limits,
    value_scale,
    widest_pt,
    widest_word_pt,
    wrap_label,
)
from deckgen.render.labels import PAD_PX, attach, mark

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.axis import Axis
    from matplotlib.figure import Figure
    from matplotlib.text import Text
    from matplotlib.transforms import Bbox
    from pptx.chart.chart import Chart

    from deckgen.errors import Location
    from deckgen.kinds.charts._base import Overlay
    from deckgen.kinds.charts._native import Geometry
    from deckgen.outline.schema import Annotation
    from deckgen.render.charts import ChartJob
    from deckgen.tables.select import ChartData, Series


class Line(ChartKind):
    """A line per series across ordered categories or along a time axis; the highlight
    names a series."""

    type: Literal["line"]
    label: ClassVar[str] = "Line chart"
    aliases: ClassVar[tuple[str, ...]] = ("time-series", "timeseries", "slope")
    highlights: ClassVar[str] = "series"
    time_axis: ClassVar[bool] = True
    facetable: ClassVar[bool] = True
    card_unnamed_of: ClassVar[Literal["categories", "series"]] = "series"
    computes: ClassVar[str | None] = "categories"

    def select_data(self, frame: pd.DataFrame, where: Location) -> ChartData:
        """The rows shown, with the periods the data has no row for as gaps
        (:func:`with_missing_periods`)."""
        return with_missing_periods(super().select_data(frame, where))

    def draw(self, fig: Figure, ax: Axes, job: ChartJob) -> None:
        xs = positions(job)

        def brackets() -> None:
            draw_computed(fig, ax, job, lambda j, i: (xs[i], job.data.series[j].values[i] or 0.0))

        draw_line(fig, ax, job, brackets if self.difference or self.cagr else None)

    @classmethod
    def label_values(cls, data: ChartData) -> list[float | None]:
        """The values the end labels write: each line's last (in date order, and as the
        data lists them: whether the chart is along time is its outline's), and its
        first on a slope chart's two categories, where the left ends are labelled too. A
        point no label writes gave the end labels its decimals: '984.31' beside ticks in
        thousands for a 0.01 between (found by fuzzing)."""
        out: list[float | None] = []
        dated = chronological(data)
        for ordered in (data,) if dated is data else (data, dated):
            for s in ordered.series:
                if (ends := _ends(s.values)) is not None:
                    first, last = ends
                    out += [s.values[last], *([s.values[first]] if len(s.values) == 2 else [])]
        return out

    def describe_data(self, job: ChartJob) -> str:
        """Per series: where it starts and ends, and its peak and low where they lie between
        the ends ("Total fell from 137.5 million in January 2007 to ..., with a low of
        129.7 million in February 2010")."""
        data = chronological(job.data) if self.time_axis else job.data
        return "; ".join(trends(job, data.series, category_words(replace(job, data=data))))

    def card_height(self, data: ChartData) -> int:
        return 640

    def card_unnamed(self, job: ChartJob) -> list[str]:
        """The lines the card's picture ``job`` leaves without their name at the end (no
        room beside the others' names, or taken off by the collision pass): a card refuses
        the layout, and else the preset, rather than post a line nobody can tell from the
        others (:meth:`ChartCard._chart <deckgen.kinds.cards.chart.ChartCard._chart>`). A
        grey line of context is no exception: where some are named, one without a name
        is taken for its neighbour's, or for a series the card does not show (found in
        review). Drawn as the card draws it (a trial: what it leaves out is not said), where
        an estimate says a name may find no room (:func:`_may_leave_unnamed`): planning a
        card draws in the build's process, which otherwise imports no matplotlib."""
        from deckgen.render.chartkit import leaving_out, shortening
        from deckgen.render.style import chart_style

        if not _may_leave_unnamed(job):
            return []

        with chart_style(job.theme, job.canvas), shortening(), leaving_out():
            fig = job.figure()
            missing = [name for ax in fig.axes for name, label in _NAMED.get(ax, {}).items()
                       if label is None or label.axes is None]  # fmt: skip
        return list(dict.fromkeys(missing))

    def native_type(self) -> object:
        from pptx.enum.chart import XL_CHART_TYPE

        return XL_CHART_TYPE.LINE_MARKERS

    def native_overlays(self, job: ChartJob) -> list[Overlay]:
        from deckgen.kinds.charts._native import reference_overlay

        return reference_overlay(job)

    def build_native(self, chart: Chart, job: ChartJob, geo: Geometry) -> None:
        """Lines with the story series thicker and in the accent; 'Name  value' at the right
        end of each line instead of a key, spread apart so none touch; on a slope chart (two
        categories) the values at the left end too, and no value axis."""
        from pptx.enum.chart import XL_MARKER_STYLE as MARKER
        from pptx.util import Pt

        from deckgen.kinds.charts import _native as nv
        from deckgen.ooxml import chartxml as cx
        from deckgen.ooxml import shapes as sh

        colors = job.theme.theme.colors
        data = job.data.series
        names = [s.name for s in data]
        n = len(job.data.categories)
        highlighted = {name for name in names if name in job.spec.highlight}
        if highlighted:
            line_colors = series_colors(job, names)
        else:
            palette = colors.categorical
            line_colors = [palette[k % len(palette)] for k in range(len(names))]
        width = job.theme.theme.chart.line_width
        plot = chart.plots[0]
        values = [v for s in data for v in s.values if v is not None] or [0.0]
        lo, hi = value_limits(job, reach(job, values), below=0.05, above=0.06)
        slope = n == 2
        labels_on = job.spec.value_labels
        show_axis = not (slope and labels_on)
        nv.value_axis(chart, job, lo, hi, show=show_axis, editable=True)
        cx.points_on_ticks(chart)
        for k, series in enumerate(list(plot.series)[: len(data)]):  # not the overlay
            bold = names[k] in highlighted
            series.smooth = False
            line = series.format.line
            line.color.rgb = sh.rgb(line_colors[k])
            line.width = Pt(width * (1.6 if bold else 1.0))
            if n > MARKERS_UP_TO:  # a long series reads as a line, as on the picture
                series.marker.style = MARKER.NONE
                continue
            series.marker.style = MARKER.CIRCLE
            series.marker.size = max(2, round(width * (2.6 if bold else 2.0)))
            nv.fill(series.marker.format, line_colors[k])
            series.marker.format.line.color.rgb = sh.rgb(colors.background)
        # The plot area is fixed, so the label positions can be computed as the picture does.
        right_w = max(
            nv.text_w(job, f"{s.name}  {fmt(job, _end(s.values, True))}" if labels_on else s.name,
                    s.name in highlighted)
            for s in data
        )  # fmt: skip
        left_w = max(nv.text_w(job, fmt(job, _end(s.values, False))) for s in data) if (
            slope and labels_on) else 0.0  # fmt: skip
        axis_w = 0.0 if not show_axis else nv.text_w(
            job, job.spec.format.format_values([lo, hi], ticks=True)[1]) + 8  # fmt: skip
        gap = 0.7 * nv.size(job)
        x0 = (max(left_w + gap, axis_w) + 6) / geo.width_pt
        x1 = 1 - (right_w + gap + 6) / geo.width_pt
        y0, y1 = 0.04, 1 - (nv.text_h(job) + 10) / geo.height_pt
        cx.plot_area_layout(chart, x0, y0, x1 - x0, y1 - y0)
        nv.category_axis(chart, job, width_pt=(x1 - x0) * geo.width_pt)  # as laid out
        _native_end_labels(plot, job, geo, (y0, y1, lo, hi), line_colors, highlighted, right=True)
        if slope and labels_on:
            _native_end_labels(
                plot, job, geo, (y0, y1, lo, hi), line_colors, highlighted, right=False
            )
        if job.spec.reference is not None:
            nv.overlay_reference(chart, job, len(data))


def _ends(values: tuple[float | None, ...]) -> tuple[int, int] | None:
    """Indexes of the first and last values present, or ``None`` for an empty series."""
    present = [i for i, v in enumerate(values) if v is not None]
    return (present[0], present[-1]) if present else None


def _x_ticks(ax: Axes, job: ChartJob) -> None:
    """Every category under its point, wrapped at its words where that lets each clear its
    neighbours (as under bars), else every k-th on one line (always the last) when they
    would touch. On one line only, six stage names showed two, and not the peak (found by
    fuzzing)."""
    labels = category_labels(job)
    n = len(labels)
    fig = figure_of(ax)
    slot = slot_width_pt(ax, job, max(n - 1, 1), False)
    widest = widest_pt(job, labels)
    # Labels of one word each (years) with a third of an em between two, or every k-th:
    # 24 years each as wide as its slot were all written and touched, the axis reading
    # '200020012002...' (fuzzing round 8, 9). (Under bars every bar keeps its name, so
    # thin_step's own rule stays theirs.)
    between = max(2 * clearance_pt(fig), label_size(job) / 3)
    crowded = all(len(t.split()) == 1 for t in labels) and widest + between > slot
    if n > 1 and not crowded and thin_step(job, labels, slot, fig) == (1, True):
        ax.set_xticks(range(n), [wrap_label(job, c, slot * 0.95, clip=False) for c in labels])
        return
    step = max(1, math.ceil((widest + between) / max(slot, 1e-9)))
    shown = shown_every(n, step)
    ax.set_xticks(shown, [labels[i] for i in shown])


def positions(job: ChartJob) -> list[float]:
    """Where each category sits along x: its date on a time axis, else evenly spaced."""
    if job.data.x_dates is not None and job.spec.time_axis:
        return [time_x(d) for d in job.data.x_dates]
    return [float(i) for i in range(len(job.data.categories))]


def with_missing_periods(data: ChartData) -> ChartData:
    """``data`` with a category of no value for each year, quarter or month its rows skip,
    where most of its steps are one period: a wide table with no 2002 row drew one line
    straight through 2002, where the long table's missing 2002 broke the line and the alt
    text said it (found by fuzzing). A series at wider steps (a census each decade) keeps
    its points joined; days (trading days) are never filled."""
    from deckgen.tables.dates import Period, following, label, precision_of
    from deckgen.tables.select import Series as Values

    dates = data.x_dates
    if not dates or data.facets or len(dates) < 3:
        return data
    kinds = {precision_of(d) for d in dates}
    precision = kinds.pop() if len(kinds) == 1 else "day"
    if precision == "day":
        return data
    period = type(dates[0])
    assert issubclass(period, Period)  # a precision other than a day's: a period's
    ordered = sorted(dates)
    ones = sum(following(a, precision) == b for a, b in pairwise(ordered))
    if ones * 2 < len(ordered) - 1:
        return data
    present = set(ordered)
    missing: list[Period] = []
    day = following(ordered[0], precision)
    while day < ordered[-1] and len(missing) < len(ordered):
        if day not in present:
            missing.append(period.of(day))
        day = following(day, precision)
    if not missing:
        return data
    rows = [(d, c, [s.values[i] for s in data.series])
            for i, (d, c) in enumerate(zip(dates, data.categories, strict=True))]  # fmt: skip
    rows += [(d, label(d), [None] * len(data.series)) for d in missing]
    rows.sort(key=lambda row: row[0])
    return replace(
        data,
        categories=tuple(c for _, c, _ in rows),
        series=tuple(
            Values(s.name, tuple(r[2][j] for r in rows)) for j, s in enumerate(data.series)
        ),
        x_dates=tuple(d for d, _, _ in rows),
        breaks=(),
    )


def chronological(data: ChartData) -> ChartData:
    """``data`` in date order (a time axis draws a line forwards, whatever the sort)."""
    dates = data.x_dates
    if dates is None or all(a <= b for a, b in pairwise(dates)):
        return data
    order = sorted(range(len(dates)), key=dates.__getitem__)
    return replace(
        data,
        categories=tuple(data.categories[i] for i in order),
        series=tuple(type(s)(s.name, tuple(s.values[i] for i in order)) for s in data.series),
        x_dates=tuple(dates[i] for i in order),
    )


#: Points are marked only on lines this short; a long series reads as a line.
MARKERS_UP_TO = 12


def draw_line(
    fig: Figure, ax: Axes, job: ChartJob, brackets: Callable[[], object] | None = None
) -> None:
    """Lines (the story series bold, in the accent), direct labels at the ends, a light
    value axis unless a slope chart writes every value; a date ``x`` on a time axis with
    calendar ticks; markers only on short series. ``brackets`` draws the computed
    annotations, once the labels they clear are placed."""
    if job.spec.time_axis:
        job = replace(job, data=chronological(job.data))
    colors = job.theme.theme.colors
    categories = job.data.categories
    series = job.data.series
    n = len(categories)
    xs = positions(job)
    timed = job.data.x_dates is not None and job.spec.time_axis
    names = [s.name for s in series]
    highlighted = {name for name in names if name in job.spec.highlight}
    if job.spec.highlight:
        # The story in the accent, the rest context grey; all grey where the highlight
        # names none of these lines (a panel of small multiples beside the one named: its
        # lines kept the palette's colours, so every panel looked highlighted; review).
        line_colors = series_colors(job, names)
    else:  # no story series: tell the lines apart
        palette = colors.categorical
        line_colors = [palette[k % len(palette)] for k in range(len(names))]
    width = job.theme.theme.chart.line_width * job.canvas.scale
    slope = n == 2
    marked = n <= MARKERS_UP_TO

    # Context first, the story on top.
    for k in sorted(range(len(series)), key=lambda k: names[k] in highlighted):
        bold = names[k] in highlighted
        ys = [math.nan if v is None else v for v in series[k].values]
        ax.plot(
            xs, ys, color=line_colors[k], linewidth=width * (1.6 if bold else 1.0),
            marker="o" if marked else None, markersize=width * (2.6 if bold else 2.0),
            markeredgecolor=colors.background, markeredgewidth=0.8 * job.canvas.scale,
            zorder=4 if bold else 3, clip_on=False,
        )  # fmt: skip

    if timed:
        time_axis(ax, job)
    else:
        _x_ticks(ax, job)
        margin = 0.04 if slope else 0.02
        ax.set_xlim(-margin * max(n - 1, 1), (n - 1) + margin * max(n - 1, 1))
    values = [v for s in series for v in s.values if v is not None] or [0.0]
    lo, hi = _limits(job, values)
    ax.set_ylim(lo, hi)
    value_scale(ax, job)
    if lo < 0 < hi:
        ax.axhline(0, color=colors.muted, linewidth=1, zorder=2)
    if job.spec.index is not None and lo < 100 < hi:  # the base every series is read against
        ax.axhline(100, color=colors.muted, linewidth=1, zorder=2)

    labels_on = job.spec.value_labels
    # A slope chart writes every value at its ends: the value axis would repeat them.
    show_axis = not (slope and labels_on)
    clean_axes(ax, value_axis="y", show_values=show_axis)
    if show_axis:
        gridlines(ax, job)
        ax.yaxis.set_major_formatter(tick_formatter(job))

    settle(fig)
    if timed:  # ticks for the axis's laid-out width
        time_axis(ax, job)
        settle(fig)
    before = set(ax.get_children())

    def place() -> list[str]:
        """The labels, on the plot and scale as they stand: what they leave out."""
        notes = _labels(ax, job, values, line_colors, highlighted, xs)
        # The first category's name, under the plot's bottom left corner, can run into
        # the value axis's lowest tick label (a '2020' under the '0'). Where it does, the
        # names hang lower, which shortens the plot: the labels are placed again on the
        # new plot. (Small multiples clear their panels' corners themselves.)
        if job.whole is None and _clear_corner(ax):
            again()
            notes = _labels(ax, job, values, line_colors, highlighted, xs)
        return notes

    def again() -> None:
        """Take off everything placed since the lines, and lay the plot out anew."""
        for artist in set(ax.get_children()) - before:
            artist.remove()
        settle(fig)
        if timed:
            time_axis(ax, job)
            settle(fig)

    notes = place()
    # The brackets make room above by growing the value axis: the lines move under end
    # labels spread for the old scale, which then ran onto one another and the collision
    # pass dropped names without a word, the highlighted one's too (found by review). So
    # on a new scale the labels are placed again and the brackets with them, over the
    # labels as they now lie (on the grown scale they fit at once, in practice).
    for attempt in range(4):
        if brackets is None:
            break
        limits = ax.get_ylim()
        brackets()
        if ax.get_ylim() == limits or attempt == 3:
            break
        again()
        notes = place()
    for note in notes:  # what the labels as drawn leave out, not those taken off
        left_out(note)


def _labels(
    ax: Axes,
    job: ChartJob,
    values: list[float],
    line_colors: list[str],
    highlighted: set[str],
    xs: list[float],
) -> list[str]:
    """Everything written on the laid-out plot: the reference line's label, the end
    labels (which narrow the plot: the category ticks follow) and the notes; what the end
    labels leave out, for the build's warning."""
    fig = figure_of(ax)
    series = job.data.series
    timed = job.data.x_dates is not None and job.spec.time_axis
    _reference(ax, job, xs)
    notes = _end_labels(ax, job, series, line_colors, highlighted, xs, right=True)
    if len(job.data.categories) == 2 and job.spec.value_labels:
        notes += _end_labels(ax, job, series, line_colors, highlighted, xs, right=False)
    settle(fig)  # the end labels narrowed the plot: tick it for its final width
    if timed:
        time_axis(ax, job)
    else:
        _x_ticks(ax, job)
    if job.spec.annotations:  # placed clear of the lines as they finally lie
        settle(fig)
        notes += _annotations(ax, job, series, xs)
    return notes


def _limits(job: ChartJob, values: list[float]) -> tuple[float, float]:
    """The value axis's limits, with room above the top line for a note pinned to it
    where it is the top line (below the bottom one for a note on that): 'Strike', on the
    top one of three lines close under the top of the plot, had its only spots over the
    lines below, and was set on the middle one, which it then read as (fuzzing round 8,
    19). A note between lines gets no room this way, nor does one of a single line."""
    above, below = 0.06, 0.05
    series = job.data.series
    names = [s.name for s in series]
    tops: list[float] = []
    bottoms: list[float] = []
    for note in job.spec.annotations:
        if (pinned := _pinned(job, names, note)) is None:
            continue
        i, k = pinned
        value = series[k].values[i]
        others = [v for j, s in enumerate(series) if j != k and (v := s.values[i]) is not None]
        if value is None or not others:
            continue
        if all(v < value for v in others):
            tops.append(value)
        elif all(v > value for v in others):
            bottoms.append(value)
    lo, hi = value_limits(job, reach(job, values), below=below, above=above)
    if not tops and not bottoms:
        return lo, hi
    # A note's lift and its line (_NOTE_OFFSETS' nearest), as a share of the plot's
    # height: the canvas's, less the names under the plot, before the layout says more.
    size = label_size(job)
    share = min(2.8 * size / max(job.canvas.height.pt - 4 * size, 1.0), 0.3)
    for _ in range(12):  # a few steps more room at most: an axis max the spec sets wins
        span = (hi - lo) or 1.0
        short_above = any((hi - v) / span < share for v in tops)
        short_below = any((v - lo) / span < share for v in bottoms)
        if not (short_above or short_below):
            break
        above += 0.05 if short_above else 0.0
        below += 0.05 if short_below else 0.0
        lo, hi = value_limits(job, reach(job, values), below=below, above=above)
    return lo, hi


def _pinned(job: ChartJob, names: list[str], note: Annotation) -> tuple[int, int] | None:
    """The point a note is pinned to: its category's place and its series' (the first
    series where it names none); ``None`` for a category the chart does not show."""
    i = job.data.find(note.at)
    if i is None:
        return None
    return i, names.index(note.series) if note.series in names else 0


def _clear_corner(ax: Axes) -> bool:
    """Hang the category names lower where one runs into a value tick label (with the
    collision pass's clearance), as the plot is laid out now: whether they moved."""
    fig = figure_of(ax)
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    air = clearance_pt(fig) * fig.dpi / 72  # pixels

    def shown(axis: Axis, limits: tuple[float, float]) -> list[Bbox]:
        axis.get_tightbbox(renderer)  # the tick labels placed for this layout
        lo, hi = min(limits), max(limits)
        return [
            tick.label1.get_window_extent(renderer)
            for tick in axis.get_major_ticks()
            if lo - 1e-9 <= tick.get_loc() <= hi + 1e-9 and tick.label1.get_visible()
            and tick.label1.get_text()
        ]  # fmt: skip

    names = shown(ax.xaxis, ax.get_xlim())
    values = shown(ax.yaxis, ax.get_ylim())
    lower = max(
        (
            name.y1 + air - value.y0
            for name in names
            for value in values
            if name.x0 - air < value.x1 and value.x0 < name.x1 + air
        ),
        default=0.0,
    )
    if lower <= 0:
        return False
    pad: float = ax.xaxis.get_major_ticks()[0].get_pad()  # type: ignore[func-returns-value,assignment]
    ax.tick_params(axis="x", pad=pad + lower * 72 / fig.dpi)
    return True


def _reference(ax: Axes, job: ChartJob, xs: list[float]) -> None:
    """A dashed reference line, labelled just above or below it where no line runs."""
    spec = job.spec.reference
    ref = reference_value(job)
    if spec is None or ref is None:
        return
    colors = job.theme.theme.colors
    ax.axhline(ref, color=colors.muted, linewidth=1.2, linestyle=(0, (4, 3)), zorder=2)
    text = reference_text(job, ref)
    x0, _, x1, _ = axes_points(ax)
    if text_width_pt(job, text) + 4 > x1 - x0:
        # Wider than the plot, it ran past the picture's edge, and the layout narrowed
        # the plot for it until it collapsed (a long label on an X card, found in review).
        left_out(reference_missed(job, ref))
        return
    x, above = _free_spot(
        ax, job, ref, text_width_pt(job, text) + 6, text_height_pt(figure_of(ax), job), xs
    )
    label = ax.annotate(
        text, (x, ref), xytext=(4, 3 if above else -3), textcoords="offset points",
        ha="left", va="bottom" if above else "top", fontsize=label_size(job),
        color=colors.muted, zorder=5,
        bbox=halo(job),
    )  # fmt: skip
    mark(label, 5, missed=reference_missed(job, ref))


def _paths(
    ax: Axes,
    job: ChartJob,
    xs: list[float],
    *,
    skip: int | None = None,
    only: int | None = None,
) -> list[list[tuple[float, float]]]:
    """Every drawn run of every line (but series ``skip``; or of series ``only``), in
    figure points (a missing value breaks a run)."""
    paths = []
    for k, s in enumerate(job.data.series):
        if k == skip or only not in (None, k):
            continue
        run: list[tuple[float, float]] = []
        for i, v in enumerate(s.values):
            if v is None:
                paths.append(run)
                run = []
            else:
                run.append(to_points(ax, xs[i], v))
        paths.append(run)
    return paths


def _crossing(
    paths: list[list[tuple[float, float]]], left: float, right: float, bottom: float, top: float
) -> float:
    """Points of line length inside the box (sampled, with 3 pt of air): 0 means clear."""
    hits = 0.0
    for run in paths:
        for (ax_, ay), (bx, by) in pairwise(run):
            if max(ax_, bx) < left - 3 or min(ax_, bx) > right + 3:
                continue  # a segment beside the box cannot cross it
            for t in (k / 20 for k in range(21)):
                px, py = ax_ + (bx - ax_) * t, ay + (by - ay) * t
                if left - 3 <= px <= right + 3 and bottom - 3 <= py <= top + 3:
                    hits += 1
        for px, py in run:  # lone points too
            if left - 3 <= px <= right + 3 and bottom - 3 <= py <= top + 3:
                hits += 1
    return hits


def _under(
    runs: list[list[tuple[float, float]]],
    box: tuple[float, float, float, float],
    line: float,
    marker: float,
) -> bool:
    """Whether a line of ``runs`` passes within ``line`` points of ``box`` (left, right,
    bottom, top, in points), or one of its points within ``marker``: what a note's text
    set there would hide (sampled every point along the line)."""
    left, right, bottom, top = box

    def near(x: float, y: float, reach: float) -> bool:
        return math.hypot(max(left - x, 0.0, x - right), max(bottom - y, 0.0, y - top)) < reach

    for run in runs:
        if any(near(x, y, marker) for x, y in run):
            return True
        for (ax_, ay), (bx, by) in pairwise(run):
            if (max(ax_, bx) < left - line or min(ax_, bx) > right + line
                    or max(ay, by) < bottom - line or min(ay, by) > top + line):  # fmt: skip
                continue  # a segment away from the box cannot pass near it
            steps = max(1, math.ceil(math.hypot(bx - ax_, by - ay)))
            if any(near(ax_ + (bx - ax_) * t / steps, ay + (by - ay) * t / steps, line)
                   for t in range(steps + 1)):  # fmt: skip
                return True
    return False


def _free_spot(
    ax: Axes, job: ChartJob, y: float, width: float, height: float, xs: list[float]
) -> tuple[float, bool]:
    """Where along the reference line at ``y`` a label ``width`` x ``height`` points crosses
    the fewest points of the lines: the x of its left end, and whether it sits above."""
    x0, _, x1, _ = axes_points(ax)
    _, base = to_points(ax, xs[0], y)
    paths = _paths(ax, job, xs)

    def crossing(left: float, right: float, bottom: float, top: float) -> float:
        return _crossing(paths, left, right, bottom, top)

    # Candidates: every point and every midpoint between two (at most ~60 of them).
    n = len(xs)
    stride = max(1, n // 30)
    candidates = sorted({*xs[::stride], *((a + b) / 2 for a, b in pairwise(xs[::stride]))})
    best: tuple[float, int, bool, float, bool] | None = None
    for k, x in enumerate(candidates):
        left = to_points(ax, x, y)[0] + 4
        if left < x0 or left + width > x1:
            continue
        for above in (True, False):
            bottom = base + 3 if above else base - 3 - height
            score = crossing(left, left + width, bottom, bottom + height)
            key = (score, k, not above)
            if best is None or key < best[:3]:
                best = (score, k, not above, x, above)
    if best is None:
        return xs[0], True
    return best[3], best[4]


def _may_leave_unnamed(job: ChartJob) -> bool:
    """Whether the card's picture ``job`` may have no room to name each line at its end, by
    an estimate that draws nothing (:meth:`Line.card_unnamed`): unless the height under
    the axis names and pads holds, with a fifth to spare, every line's name two lines
    tall (a long name wraps; most take one). Small multiples are always drawn: each panel
    names its own."""
    if job.spec.facet:
        return True
    size = label_size(job)
    names = len(job.data.series) * 2 * 1.2 * size
    plot = job.canvas.height.pt - 3 * size - 16  # the category names under it, the pads
    return plot < 1.2 * names


#: The right-end labels of the lines of each axes as last placed, by series name (``None``:
#: left out for lack of room), for :meth:`Line.card_unnamed`.
_NAMED: WeakKeyDictionary[Axes, dict[str, Text | None]] = WeakKeyDictionary()


#: How wide an end label may be, as shares of the picture's width: long names wrap at
#: the first, and less (at the next) only where the labels would not stand in the height.
LABEL_ROOMS = (0.24, 0.32, 0.40)


def _end_labels(
    ax: Axes,
    job: ChartJob,
    series: tuple[Series, ...],
    line_colors: list[str],
    highlighted: set[str],
    xs: list[float],
    *,
    right: bool,
) -> list[str]:
    """Direct labels at the line ends ('Name  value' on the right, the value on the left of
    a slope chart), spread apart so none touch, with connectors where one had to move.

    The labels of one end stand in the plot's height: the layout keeps the plot's height
    only while they do (one past its top or bottom makes the layout shrink the plot, and
    the lines move from under the labels placed for them). So where they would not stand
    there, as on a short card, long names wrap less (:data:`LABEL_ROOMS`); where even then
    they would not, the least important are left out before placing (the highlighted
    never, then the rest in series order), rather than spread past the plot and dropped
    by the collision pass with their connectors left pointing at nothing; and they are
    returned as notes naming their series, for the build's warning."""
    fig = figure_of(ax)
    size = label_size(job)
    _, y0, _, y1 = axes_points(ax)
    gap = 0.7 * size
    between = clearance_pt(fig)
    wide = fig.get_figwidth() * 72
    # Labels are spread among those that end at the same category.
    groups: dict[int, list[tuple[int, float]]] = {}
    notes: list[str] = []
    panel = ax.get_title(loc="left") if job.whole is not None else ""  # of small multiples
    for k, s in enumerate(series):
        ends = _ends(s.values)
        if ends is None:
            continue
        i = ends[1] if right else ends[0]
        value = s.values[i]
        assert value is not None
        groups.setdefault(i, []).append((k, value))
    dx = gap if right else -gap
    named: dict[str, Text | None] = {}
    if right:  # placed anew: those of an earlier placing are gone
        _NAMED[ax] = named

    def text(k: int, value: float, room: float) -> str:
        if not right:
            return fmt(job, value)
        shown = fmt(job, value) if job.spec.value_labels else ""
        return name_value(job, series[k].name, shown, room, bold=series[k].name in highlighted)

    def stands(labels: Sequence[Text]) -> bool:
        return sum(heights_pt(labels)) + between * (len(labels) - 1) <= y1 - y0

    for i, members in sorted(groups.items()):
        members.sort(key=lambda m: series[m[0]].name not in highlighted)  # the story first
        # Room for the widest word of a name where the picture has it: cut at a quarter
        # of a card's chart, "Citywide emissions" read "Citywi… emissi…" beside an
        # empty margin (found by review). The plot narrows for it.
        first = LABEL_ROOMS[0] * wide
        if right:
            widest = max(widest_word_pt(job, series[k].name, bold=series[k].name in highlighted)
                         for k, _ in members)  # fmt: skip
            first = min(max(first, widest + 1.0), LABEL_ROOMS[-1] * wide)
        labels = []
        for k, value in members:
            bold = series[k].name in highlighted
            # On the plot's background (:func:`halo`): a gridline at the value's height ran
            # up to the name's first letter.
            label = ax.annotate(
                text(k, value, first), (xs[i], value), xytext=(dx, 0),
                textcoords="offset points", ha="left" if right else "right", va="center",
                fontsize=size, color=legible(job, line_colors[k]),
                fontweight="bold" if bold else "normal", zorder=5,
                bbox=halo(job, gridlines_only=True),
            )  # fmt: skip
            # Gone without a word, a grey line was left for the reader to take for its
            # neighbour's (found by review): the build names what it drops.
            mark(label, (3 if right else 6) if bold else (12 if right else 16),
                 missed=_unlabelled([series[k].name], right, [fmt(job, value)], panel))  # fmt: skip
            labels.append(label)
        for share in LABEL_ROOMS[1:] if right else ():
            if stands(labels):
                break
            for label, (k, value) in zip(labels, members, strict=True):
                label.set_text(text(k, value, max(share * wide, first)))
        while (
            len(labels) > 1
            and series[members[len(labels) - 1][0]].name not in highlighted
            and not stands(labels)
        ):
            labels.pop().remove()
        gone = members[len(labels) :]
        if gone:
            notes.append(_unlabelled([series[k].name for k, _ in gone], right,
                                     [fmt(job, v) for _, v in gone], panel))  # fmt: skip
        members = members[: len(labels)]
        if right:  # which line has its name, for a card (Line.card_unnamed)
            named.update({series[k].name: None for k, _ in gone})
            named.update({series[k].name: t for (k, _), t in zip(members, labels, strict=True)})
        wanted = [to_points(ax, xs[i], v)[1] for _, v in members]
        placed = spread(wanted, heights_pt(labels), y0, y1, between)
        for label, (_, value), want, got in zip(labels, members, wanted, placed, strict=True):
            dy = got - want
            label.xyann = (dx, dy)
            if abs(dy) > 1.5:
                sign = 1 if right else -1
                line = connector(
                    ax, (xs[i], value), (sign * 0.45 * gap, 0.0), (sign * (gap - 2.0), dy),
                    job.theme.theme.colors.muted, 0.8 * job.canvas.scale,
                )  # fmt: skip
                attach(label, line)  # the connector: it goes if the label does
    return notes


def _unlabelled(names: list[str], right: bool, values: list[str], panel: str) -> str:
    """The build's note for end labels left out: the series they name (at the start of a
    slope chart, their first values), in which panel of small multiples, and how to make
    room."""
    one = len(names) == 1
    if right:
        listed = ", ".join(repr(n) for n in names)
        head = (f"the line of {listed} is not named at its end" if one
                else f"{len(names)} lines ({listed}) are not named at their ends")  # fmt: skip
        beside = "the other lines' names"
    else:
        listed = ", ".join(f"{n!r} ({v})" for n, v in zip(names, values, strict=True))
        head = (f"the first value of {listed} is not written at its start" if one
                else f"the first values of {listed} are not written at their starts")  # fmt: skip
        beside = "the other values"
    where = in_panel(panel)
    return (
        f"{head}{where}, for lack of room beside {beside}; give the chart more height (a "
        "shorter title, no subtitle), or show fewer series"
    )


#: Where a note may stand from its point: (sideways in note widths, up in label sizes).
#: Above and below, then further off, then to either side (where room allows); then the
#: heights between, nearer first: a note between two close lines that rise under it
#: fits only just above its point (the fixed heights put it over the next line up, or
#: below, across another highlighted line: found by review).
_NOTE_OFFSETS: tuple[tuple[float, float], ...] = (
    (0.0, 2.4), (0.0, -2.4), (0.0, 4.0), (0.0, -4.0), (-0.6, 2.4), (0.6, 2.4),
    (-0.6, -2.4), (0.6, -2.4), (0.0, 5.6), (0.0, -5.6),
    *((side, sign * lift) for lift in (1.2, 1.6, 2.0, 2.8, 3.2, 3.6, 4.4, 4.8)
      for side in (0.0, -0.6, 0.6) for sign in (1, -1)),
)  # fmt: skip


def _at_gap(values: tuple[float | None, ...], xs: list[float], i: int) -> float | None:
    """Where a line with no value at ``i`` would pass: between its nearest values either
    side (at ``xs[i]``), or level with the one side it has. ``None`` if it has none."""
    before = next((j for j in range(i - 1, -1, -1) if values[j] is not None), None)
    after = next((j for j in range(i + 1, len(values)) if values[j] is not None), None)
    if before is None or after is None:
        end = before if after is None else after
        return None if end is None else values[end]
    a, b = values[before], values[after]
    assert a is not None and b is not None
    return a + (b - a) * (xs[i] - xs[before]) / ((xs[after] - xs[before]) or 1.0)


#: How a note is anchored at its tick, by the way it leans from its point (left of the
#: last point, right of the first).
_LEANS = {-1: "right", 0: "center", 1: "left"}
#: A line as :func:`draw_line` draws it, for a note's placing: its runs in figure points,
#: half its width and its markers' radius (0 where the points are not marked).
_Drawn = tuple[list[list[tuple[float, float]]], float, float]
#: A box in figure points: left, right, bottom, top.
_Box = tuple[float, float, float, float]


def _annotations(ax: Axes, job: ChartJob, series: tuple[Series, ...], xs: list[float]) -> list[str]:
    """Short italic notes pinned to one point each, above or below it (beside it if the
    lines leave no room) where they cross the fewest line points, with a tick. A note at
    a gap in its line (a closure, a strike: the usual reason to annotate one) points into
    the gap, where the line would pass. Returns what the build says of the notes left out.

    A note stands only where it reads as its own series' (:func:`_attached`): no other
    series' line or marker between it and its point, its tick ending nearer its point
    than any other's. A spot whose text no line reaches but another series' line ran
    under ranked first: on a chart of two close lines the tick of a note on the upper one
    ran down onto the lower one's marker, on the slide and on both cards, and every
    reader took the event for the other series' (found in review). Nor does it cover a
    name or value already written (an end label, the reference line's): over one, the
    collision pass kept the note and took off the name of a line, which a card then
    posted unnamed (found in review). Where no spot is left, the note is left out, and
    the build says so, rather than drawn where it misleads."""
    categories = job.data.categories
    names = [s.name for s in series]
    size = label_size(job)
    fig = figure_of(ax)
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    x0, y0, x1, y1 = axes_points(ax)
    paths = _paths(ax, job, xs)
    height = text_height_pt(fig, job)
    # Each line's runs, half its drawn width and its markers' radius (as draw_line draws
    # them: a story line wider, with larger markers).
    stroke = job.theme.theme.chart.line_width * job.canvas.scale
    marked = len(categories) <= MARKERS_UP_TO
    bold = [s.name in job.spec.highlight for s in series]
    drawn: list[_Drawn] = [
        (_paths(ax, job, xs, only=k), (0.8 if story else 0.5) * stroke,
         (1.3 if story else 1.0) * stroke if marked else 0.0)
        for k, story in enumerate(bold)
    ]  # fmt: skip
    # The labels written so far, each with the collision pass's padding (it would take
    # off whichever of two touching labels comes second).
    pad = PAD_PX * 72 / fig.dpi
    written = [_padded(t.get_window_extent(renderer), fig.dpi, pad) for t in ax.texts
               if str(t.get_gid() or "").startswith("label:") and t.get_text()]  # fmt: skip
    panel = ax.get_title(loc="left") if job.whole is not None else ""
    air = 0.15 * size  # between a tick and a line it passes
    notes: list[str] = []
    for note in job.spec.annotations:
        if (pinned := _pinned(job, names, note)) is None:
            continue
        i, k = pinned
        value = series[k].values[i]
        if value is None:
            # A series with no value at all is an error before drawing (ChartKind.check).
            value = _at_gap(series[k].values, xs, i)
            if value is None:
                continue
        px, py = to_points(ax, xs[i], value)
        others = _paths(ax, job, xs, skip=k)
        # The lines draw_line draws under this one: context under the story, else in order.
        beneath = {j for j in range(len(series)) if (bold[j], j) < (bold[k], k)}
        width = text_width_pt(job, note.text) + 4
        last = i == len(categories) - 1 and len(categories) > 1
        # At the last point a note ends left of it; at the first it starts right of it:
        # centred there it ran past the plot's edge over the value axis's labels, and
        # the collision pass took it off without a word.
        lean = -1 if last else 1 if i == 0 and len(categories) > 1 else 0
        # The text as drawn: italic, narrower than the upright width measured above.
        probe = ax.text(0, 0, note.text, fontsize=size, style="italic")
        inked = probe.get_window_extent(renderer).width * 72 / fig.dpi
        probe.remove()
        # Where every spot near the point covers a line, further off, up to the plot's
        # edges: the tick to the point may cross its own line, the note's text none.
        far = ((side, sign * (5.6 + 0.8 * step)) for step in range(1, int((y1 - y0) / size))
               for side in (0.0, -0.6, 0.6) for sign in (1, -1))  # fmt: skip
        best: tuple[bool, bool, float, int, float, float, _Box] | None = None
        refused: set[str] = set()  # why spots inside the plot were passed over
        for rank, (side, lift) in enumerate((*_NOTE_OFFSETS, *far)):
            dx = (side * (width / 2 + size) if side else 0.0) + lean * 0.6 * size
            dy = lift * size
            centre = px + dx + lean * width / 2
            left, right = centre - width / 2, centre + width / 2
            bottom = py + dy if dy > 0 else py + dy - height
            if (
                left < x0 - 2
                or (right > x1 + 2 and not last)
                or bottom < y0
                or bottom + height > y1
            ):
                continue
            start = {-1: right - inked, 0: centre - inked / 2, 1: left}[lean]
            ink = (start, start + inked)
            box = (*ink, bottom, bottom + height)
            if any(_overlap(_grown(box, pad), other) for other in written):
                refused.add("names")
                continue
            # Between the point and the note: another line there (or its marker) makes
            # the note read as that line's, however clear the note itself is. From where
            # the tick starts: a line through the point itself (a group of a survey level
            # with the highlighted one there) is not between them (_attached has the rest).
            near = bottom if dy > 0 else bottom + height
            step = 1 if dy > 0 else -1
            ends = ((px, py + step * 0.45 * size), (px + dx, py + dy - step * 0.15 * size))
            band = sorted((ends[0][1] + step * 3, near - step * 3))  # _crossing adds 3 pt
            if _crossing(others, left + 3, right - 3, *band) or not _attached(
                ends, (px, py), drawn, k, air, beneath
            ):
                refused.add("between")
                continue
            score = _crossing(paths, left, right, bottom, bottom + height)
            # A note over a line hides a stretch of it (the highlighted line's, on a
            # card: found by review): a spot whose text no line or marker reaches (each
            # line as wide as it is drawn) comes first, however far. Then one over its
            # own line only: set on another series' line, a note reads as that line's
            # too, whatever its tick says.
            over = [_under(runs, box, line, marker) for runs, line, marker in drawn]
            key = (any(over[:k] + over[k + 1 :]), over[k], score, rank)
            if best is None or key < best[:4]:
                best = (*key, dx, dy, box)
        if best is None:
            fits = None
            if not refused:  # no spot inside the plot at all
                wide = width > x1 - x0
                refused.add("wide" if wide else "room")
                fits = int(len(note.text) * (x1 - x0) / width) if wide else None
            on = names[k] if len(names) > 1 else ""
            notes.append(_note_left_out(note.text, str(note.at), on, refused, panel, fits))
            note_left_out(note)  # and from the alt text
            continue
        *_, dx, dy, box = best
        written.append(_grown(box, pad))
        below = dy < 0
        # On the background's colour, so a line it cannot avoid passes behind it.
        label = ax.annotate(
            note.text, (xs[i], value), xytext=(dx, dy), textcoords="offset points",
            ha=_LEANS[lean], va="top" if below else "bottom", fontsize=size,
            color=job.theme.theme.colors.text, style="italic", zorder=5, bbox=halo(job),
        )  # fmt: skip
        # Taken off by the collision pass (a label placed after it), it is said too.
        mark(
            label,
            8,
            note=note,
            missed=_note_left_out(note.text, str(note.at), "", {"labels"}, panel),
        )
        step = -1 if below else 1
        tick = connector(
            ax, (xs[i], value), (0.0, step * 0.45 * size), (dx, dy - step * 0.15 * size),
            job.theme.theme.colors.muted, 0.8 * job.canvas.scale,
        )  # fmt: skip
        attach(label, tick)  # the tick to the point goes with its note
    return notes


def _padded(extent: Bbox, dpi: float, pad: float) -> _Box:
    """A text's window extent (pixels) in figure points, ``pad`` points larger all round."""
    scale = 72 / dpi
    return _grown((extent.x0 * scale, extent.x1 * scale, extent.y0 * scale,
                   extent.y1 * scale), pad)  # fmt: skip


def _grown(box: _Box, pad: float) -> _Box:
    left, right, bottom, top = box
    return left - pad, right + pad, bottom - pad, top + pad


def _overlap(a: _Box, b: _Box) -> bool:
    return a[0] < b[1] and b[0] < a[1] and a[2] < b[3] and b[2] < a[3]


def _attached(
    tick: tuple[tuple[float, float], tuple[float, float]],
    point: tuple[float, float],
    drawn: list[_Drawn],
    k: int,
    air: float,
    beneath: set[int],
) -> bool:
    """Whether a note's ``tick`` (from its end by the point to the note, in figure points)
    reads as pointing at series ``k``'s ``point``: no other series' line or marker within
    ``air`` of it, and none nearer the tick's end than the point is. A line that crosses
    the point itself (two lines crossing there) leaves the point its own, its marker the
    one the tick ends at; so does a marker of the series drawn ``beneath`` it that its own
    covers (two groups of a survey at 40.6% in one wave: the highlighted one's marker,
    larger and on top, is the one seen)."""
    start, end = tick
    own = math.dist(start, point)
    mine = max(drawn[k][1], drawn[k][2])
    # No other line between the tick's start and the point either, off the point's own
    # marker (a line through the point crosses there, and leaves the point its own).
    off = min(1.0, (mine + air) / own) if own else 1.0
    first = (point[0] + (start[0] - point[0]) * off, point[1] + (start[1] - point[1]) * off)
    # Only what lies near the tick can touch it or come nearer its end than the point.
    reach = max((max(line, marker) for _, line, marker in drawn), default=0.0) + air + own
    lo_x, hi_x = min(start[0], end[0]) - reach, max(start[0], end[0]) + reach
    lo_y, hi_y = min(start[1], end[1]) - reach, max(start[1], end[1]) + reach
    for j, (runs, line, marker) in enumerate(drawn):
        if j == k:
            continue
        dot = max(line, marker)
        for run in runs:
            for a, b in pairwise(run):
                if (max(a[0], b[0]) < lo_x or min(a[0], b[0]) > hi_x
                        or max(a[1], b[1]) < lo_y or min(a[1], b[1]) > hi_y):  # fmt: skip
                    continue
                if _apart(first, end, a, b) < line + air:
                    return False
            for m in run:
                if not (lo_x <= m[0] <= hi_x and lo_y <= m[1] <= hi_y):
                    continue
                if j in beneath and math.dist(m, point) + dot <= mine + 0.5:
                    continue  # hidden under the point's own marker
                if _to_segment(m, start, end) < dot + air or math.dist(start, m) - dot < own + air:
                    return False
    return True


def _to_segment(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    """The distance from ``p`` to the segment from ``a`` to ``b``."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = dx * dx + dy * dy
    along = ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length if length else 0.0
    t = min(1.0, max(0.0, along))
    return math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy)


def _apart(
    p: tuple[float, float], q: tuple[float, float], a: tuple[float, float], b: tuple[float, float]
) -> float:
    """The distance between the segments ``p``–``q`` and ``a``–``b`` (0 where they cross)."""

    def side(o: tuple[float, float], u: tuple[float, float], v: tuple[float, float]) -> float:
        return (u[0] - o[0]) * (v[1] - o[1]) - (u[1] - o[1]) * (v[0] - o[0])

    if side(p, q, a) * side(p, q, b) < 0 and side(a, b, p) * side(a, b, q) < 0:
        return 0.0
    return min(_to_segment(p, a, b), _to_segment(q, a, b), _to_segment(a, p, q),
               _to_segment(b, p, q))  # fmt: skip


#: Why a note found no spot, as :func:`_note_left_out` says it, and what to do first.
_NO_SPOT: dict[str, tuple[str, str]] = {
    "between": (
        "every spot for it near its point has another series' line or marker between the "
        "note and the point, where the note would read as that line's",
        "pin it to a point where {series!r} stands apart from the other lines",
    ),
    "names": ("every spot for it near its point covers a line's name or another label", ""),
    "labels": ("it has no room clear of the labels written after it", ""),
    "wide": ("it is wider than the plot", ""),
    "room": ("the plot has no room for it", ""),
}


def _note_left_out(
    text: str, at: str, series: str, why: set[str], panel: str, fits: int | None = None
) -> str:
    """The build's note for a note left out: which, where, why, and what to do (``fits``:
    the characters a note as wide as the plot holds, where it is wider)."""
    on = f" on {series!r}" if series else ""
    reasons = " or ".join(_NO_SPOT[w][0] for w in sorted(why))
    fixes = [_NO_SPOT[w][1].format(series=series) for w in sorted(why) if _NO_SPOT[w][1]]
    fixes += [f"shorten it to about {fits} characters" if fits else "shorten it",
              "give the chart more room (a shorter title, no subtitle)"]  # fmt: skip
    return f"the note {text!r} at {at!r}{on} is left out{in_panel(panel)}: {reasons}; " + (
        joined(fixes, "or"))  # fmt: skip


def _share(value: float, lo: float, hi: float, log: bool) -> float:
    """How far down from ``hi`` to ``lo`` a value sits on the axis (0 at the top)."""
    if log:
        value, lo, hi = (math.log10(max(x, 1e-12)) for x in (value, lo, hi))
    return (hi - value) / ((hi - lo) or 1.0)


def _end(values: tuple[float | None, ...], last: bool) -> float | None:
    present = [v for v in values if v is not None]
    return (present[-1] if last else present[0]) if present else None


def _native_end_labels(
    plot: object,
    job: ChartJob,
    geo: Geometry,
    frame: tuple[float, float, float, float],
    line_colors: list[str],
    highlighted: set[str],
    *,
    right: bool,
) -> None:
    """Labels at one end of every line, moved apart (least squares, as on the picture)."""
    from pptx.enum.chart import XL_LABEL_POSITION

    from deckgen.kinds.charts import _native as nv
    from deckgen.ooxml import chartxml as cx

    y0, y1, lo, hi = frame
    data = job.data.series
    height = geo.height_pt
    ends, wanted = [], []
    for k, s in enumerate(data):
        present = [i for i, v in enumerate(s.values) if v is not None]
        if not present:
            continue
        i = present[-1] if right else present[0]
        value = s.values[i]
        assert value is not None
        # Points from the top of the chart: the plot's top edge plus the value's share.
        wanted.append((y0 + (y1 - y0) * _share(value, lo, hi, job.spec.axis.log)) * height)
        ends.append((k, i))
    sizes = [nv.text_h(job)] * len(ends)
    placed = spread(wanted, sizes, 0.0, height, 2.0)
    for (k, i), want, got in zip(ends, wanted, placed, strict=True):
        series = plot.series[k]  # type: ignore[attr-defined]
        bold = data[k].name in highlighted
        side = XL_LABEL_POSITION.RIGHT if right else XL_LABEL_POSITION.LEFT
        label = nv.point_label(series, i, job, legible(job, line_colors[k]), bold=bold,
                             position=side)  # fmt: skip
        if right:
            cx.show_fields(label._dLbl, series=True, value=job.spec.value_labels)
            cx.label_separator(label._dLbl, "  ")
        if abs(got - want) > 0.5:
            cx.label_offset(label._dLbl, 0.0, (got - want) / height)
