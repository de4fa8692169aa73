"""Bar charts: one series as columns from zero, highlighted categories in the accent.

The drawing (:func:`draw_bars`) and native form (:func:`build_native_bars`) take a
direction, so horizontal bars reuse them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Literal

from deckgen.kinds.charts._annotate import draw_computed
from deckgen.kinds.charts._bars import (
    BESIDE,
    GAP,
    category_ticks,
    column_room,
    column_widest,
    gap_mark,
    halo,
    reference_line,
    ticks_past_margin,
)
from deckgen.kinds.charts._base import ChartKind, reach, word
from deckgen.render.chartkit import (
    axes_points,
    category_colors,
    category_labels,
    category_words,
    clean_axes,
    clearance_pt,
    fmt,
    gridlines,
    label_size,
    layout_is_final,
    row_breaks,
    settle,
    slot_width_pt,
    text_height_pt,
    text_width_pt,
    texts_inside,
    tick_formatter,
    value_limits,
)
from deckgen.render.labels import mark

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.text import Text
    from pptx.chart.chart import Chart

    from deckgen.kinds.charts._annotate import Anchor
    from deckgen.kinds.charts._bars import NamesAbove
    from deckgen.kinds.charts._base import Overlay
    from deckgen.kinds.charts._native import Geometry
    from deckgen.layout.geometry import Rect
    from deckgen.render.charts import ChartJob
    from deckgen.tables.select import ChartData
    from deckgen.theming.load import LoadedTheme


class Bar(ChartKind):
    """Columns: one value per category, read left to right."""

    type: Literal["bar"]
    label: ClassVar[str] = "Bar chart"
    aliases: ClassVar[tuple[str, ...]] = ("column", "columns", "vbar")
    single_series: ClassVar[bool] = True
    from_zero: ClassVar[bool] = True
    facetable: ClassVar[bool] = True
    ranks_categories: ClassVar[bool] = True
    #: Columns stay at least 5 pt wide on a ~12 in plot (ten years of months); names thin
    #: to every k-th at 12 pt and values are left to the axis when they cannot fit.
    max_categories: ClassVar[int | None] = 120
    computes: ClassVar[str | None] = "categories"

    def draw(self, fig: Figure, ax: Axes, job: ChartJob) -> None:
        draw_bars(fig, ax, job, horizontal=False)
        if draw_computed(fig, ax, job, bar_end(job, horizontal=False)):
            layout_is_final(fig)

    def describe_data(self, job: ChartJob) -> str:
        return describe_single(job)

    def card_categories(self, data: ChartData, box: Rect, label_px: int,
                        theme: LoadedTheme) -> int:  # fmt: skip
        return column_room(self, data, box, label_px, theme)

    def card_crowded_by(self, data: ChartData, label_px: int, theme: LoadedTheme) -> str | None:
        return column_widest(self, data, label_px, theme)[1]

    def native_type(self) -> object:
        from pptx.enum.chart import XL_CHART_TYPE

        return XL_CHART_TYPE.COLUMN_CLUSTERED

    def native_overlays(self, job: ChartJob) -> list[Overlay]:
        from deckgen.kinds.charts._native import reference_overlay

        return reference_overlay(job)

    def native_notes(self, job: ChartJob) -> list[str]:
        """The reference label where no spot along its line is clear of the bars: natively
        it is written across them at the plot's right end (see ``reference_spot``)."""
        from deckgen.kinds.charts import _native as nv
        from deckgen.kinds.charts._base import reference_value
        from deckgen.render.chartkit import reference_text

        notes = super().native_notes(job)
        ref = reference_value(job)
        if ref is None:
            return notes
        values, labels_on, lo, hi = _native_scale(job, horizontal=False)
        if nv.reference_spot(job, values, lo, hi, labels_on=labels_on) is None:
            notes.append(f"the reference line's label '{reference_text(job, ref)}' is written "
                         "across the bars on the native chart, where no place along its line "
                         "is clear of them; shorten the label, give the chart more room, or "
                         "set 'native: false' to keep the picture, which writes it past the "
                         "plot's end")  # fmt: skip
        return notes

    def build_native(self, chart: Chart, job: ChartJob, geo: Geometry) -> None:
        build_native_bars(chart, job, horizontal=False)


def bar_end(job: ChartJob, *, horizontal: bool) -> Anchor:
    """Where each bar ends, for computed annotations: (category, value), or (value,
    category) on horizontal bars."""
    values = [v or 0.0 for v in job.data.series[0].values]
    if horizontal:
        return lambda j, i: (values[i], float(i))
    return lambda j, i: (float(i), values[i])


def describe_single(job: ChartJob) -> str:
    """Each category and its value, in the order shown ('no value' for a gap, as grouped
    bars say it: a small multiple's missing year was read out as '2023 –')."""
    series = job.data.series[0]
    return "; ".join(
        f"{c} {'no value' if v is None else word(job, v)}"
        for c, v in zip(category_words(job), series.values, strict=True)
    )


def value_gap(job: ChartJob, *, horizontal: bool) -> float:
    """Points between a bar's end and its value: :data:`GAP` above a column, half a label
    size beside a bar (in points, so a card's narrow plot keeps the slide's air: a share
    of the span left its values 5 px from their bars)."""
    return BESIDE * label_size(job) if horizontal else GAP


def draw_bars(fig: Figure, ax: Axes, job: ChartJob, *, horizontal: bool,
              above: NamesAbove | None = None) -> None:  # fmt: skip
    """Bars from zero, one colour per category (the highlight or the base), a value at
    each bar's end or a light value axis, wrapped names, a reference line, notes.
    ``above``: horizontal bars with each name over its bar (:class:`_bars.NamesAbove`)."""
    colors = job.theme.theme.colors
    categories = job.data.categories
    raw = job.data.series[0].values
    values = [v or 0.0 for v in raw]
    positions = list(range(len(categories)))
    bar_colors = category_colors(job, categories)
    width = job.theme.theme.chart.bar_width
    size = label_size(job)
    highlighted = set(job.spec.highlight)

    if horizontal:
        thick = width if above is None else above.thickness
        ax.barh(positions, values, height=thick, color=bar_colors, zorder=2)
        ax.invert_yaxis()  # first row on top: the ranking reads top-down
    else:
        ax.bar(positions, values, width=width, color=bar_colors, zorder=2)

    # Vertical bars wrap names to their slot; horizontal bars give names up to 30% of the
    # width, so they stay on one line unless they are very long. Many names: every k-th.
    if above is None:
        category_ticks(ax, job, highlighted, horizontal=horizontal)
        # Zero baseline: bars start at zero, always.
        (ax.axvline if horizontal else ax.axhline)(0, color=colors.muted, linewidth=1, zorder=3)
        row_breaks(ax, job, "y" if horizontal else "x")
    else:
        above.place(ax, job, highlighted)
        above.baseline(ax, colors.muted)
        above.breaks(ax, job)
    # A value at every bar only if each fits its slot; else the value axis gives them.
    labels_on = job.spec.value_labels and _labels_fit(fig, ax, job, raw, horizontal)
    # Room beyond the bar ends for value labels; the spec's axis min/max win.
    pad = 0.14 if labels_on else 0.04
    (ax.set_xlim if horizontal else ax.set_ylim)(*value_limits(job, reach(job, values),
                                                               below=pad, above=pad))  # fmt: skip

    clean_axes(ax, value_axis="x" if horizontal else "y", show_values=not labels_on)
    if not labels_on:
        gridlines(ax, job, "x" if horizontal else "y")
        axis = ax.xaxis if horizontal else ax.yaxis
        axis.set_major_formatter(tick_formatter(job))
        if above is None and not horizontal and ticks_past_margin(fig, ax, job):
            # The names were fitted to the plot before the value ticks took their room:
            # ticks wider than the left margin narrow it, and 'South Korea' and 'Germany'
            # met under their columns (a long format suffix: found by fuzzing). Fitted
            # again on the plot laid out with them.
            settle(fig)
            category_ticks(ax, job, highlighted)

    written: list[tuple[Text, float]] = []  # each value label with its bar's value
    if labels_on:
        from matplotlib.transforms import offset_copy

        gap = value_gap(job, horizontal=horizontal)
        texts = [fmt(job, shown) for shown in raw]
        if horizontal:
            sizes = [
                text_width_pt(job, t, bold=c in highlighted)
                for t, c in zip(texts, categories, strict=True)
            ]
        else:
            sizes = [text_height_pt(fig, job)] * len(texts)
        room_for_values(fig, ax, job, values, [gap + e for e in sizes], horizontal=horizontal)
        names = category_labels(job)  # as the chart writes them ('Dec 2025', not '2025-12')
        for pos, value, text, category in zip(positions, values, texts, categories, strict=True):
            bold = category in highlighted
            away = gap if value >= 0 else -gap
            # Anchored at the bar's end and moved in points: the gap stays the same
            # whatever the layout then makes of the plot's width.
            if horizontal:
                moved = offset_copy(ax.transData, fig=fig, x=away, units="points")
                x, y, ha, va = value, float(pos), "left" if value >= 0 else "right", "center"
            else:
                moved = offset_copy(ax.transData, fig=fig, y=away, units="points")
                x, y, ha, va = float(pos), value, "center", "bottom" if value >= 0 else "top"
            label = ax.text(
                x, y, text, transform=moved, ha=ha, va=va, fontsize=size,
                fontweight="bold" if bold else "normal", color=colors.text, **halo(job),
            )  # fmt: skip
            # No value axis gives it: dropped, the build says so.
            written.append((label, value))
            mark(label, 10 if bold else 20, missed=(
                f"the value of {names[pos]} ({text}) is not written on its bar, for lack of "
                "room beside the other labels; give the chart more room, or write "
                "'value_labels: false' for a value axis"))  # fmt: skip

    if not labels_on:  # no value written at each bar: a gap still says it is one
        gap = value_gap(job, horizontal=horizontal)
        names = category_labels(job)
        for pos, given in zip(positions, raw, strict=True):
            if given is None:
                gap_mark(ax, job, pos, names[pos], away=gap, horizontal=horizontal)
    reference_line(ax, job, horizontal=horizontal, values=written)
    if above is not None:
        above.clear_of_names(ax, job)

    for note in job.spec.annotations:
        found = job.data.find(note.at)
        if found is None:
            continue
        pos = found
        value = values[pos]
        xy = (value, pos) if horizontal else (pos, value)
        if horizontal:
            # On the bar's own row, past its value: under the bar's end it stood over the
            # next row's bar, and the collision pass took it off without a word (fuzzing
            # round 8, 1).
            past = value_gap(job, horizontal=True)
            if labels_on:
                shown = fmt(job, raw[pos])
                past += text_width_pt(job, shown, bold=categories[pos] in highlighted) + size
            sign = 1 if value >= 0 else -1
            text_offset = (sign * past, 0.0)
            ha = "left" if value >= 0 else "right"
        else:
            text_offset, ha = (0, 2.0 * size), "center"
        label = ax.annotate(
            note.text, xy, xytext=text_offset, textcoords="offset points",
            ha=ha, va="center", fontsize=size, color=colors.text, style="italic",
        )  # fmt: skip
        # Left out where it has no room clear of the bars and their labels: the build says
        # so (a note gone without a word, found by fuzzing).
        mark(label, 8, note=note, missed=(
            f"the note at {note.at}, '{note.text}', found no room clear of the bars and "
            "their labels; shorten it, or pin it to a bar with room beside it"))  # fmt: skip
    if labels_on and texts_inside(ax):
        layout_is_final(fig)  # laid out for the values (room_for_values), all inside


def room_for_values(fig: Figure, ax: Axes, job: ChartJob, values: list[float],
                    beyond: list[float], *, horizontal: bool) -> None:  # fmt: skip
    """Widen the value axis so that ``beyond[i]`` points past the end of bar ``i`` (its
    value and the gap before it) stay inside the plot, on the layout as it now stands.

    A value inside the plot cannot move the layout, so where it is placed is where it is
    drawn. Left outside, it made the layout shrink the plot to take it in, which moves
    every bar's end and so the value again: one pass left the longest bar's value past
    the card's edge, and the collision check dropped it. The spec's ``min``/``max`` win;
    a log axis keeps its room as ratios.
    """
    settle(fig)  # the plot's length: the names beside it set it, not the values
    axis = job.spec.axis
    if axis.log:
        return
    x0, y0, x1, y1 = axes_points(ax)
    length = max((x1 - x0) if horizontal else (y1 - y0), 1.0)
    lo, hi = ax.get_xlim() if horizontal else ax.get_ylim()
    shares = [(v, min(e / length, 0.6)) for v, e in zip(values, beyond, strict=True)]
    # Each end in turn, the other held (a chart with values both sides of zero moves
    # both: three rounds settle to well under a point).
    for _ in range(3):
        if axis.max is None:
            hi = max([hi, *((v - s * lo) / (1 - s) for v, s in shares if v >= 0)])
        if axis.min is None:
            lo = min([lo, *((v - s * hi) / (1 - s) for v, s in shares if v < 0)])
    (ax.set_xlim if horizontal else ax.set_ylim)(lo, hi)


def _labels_fit(
    fig: Figure, ax: Axes, job: ChartJob, values: tuple[float | None, ...], horizontal: bool
) -> bool:
    """Whether every bar's value label fits beside its neighbours' (measured against the
    slot each bar has), so none would be dropped as a collision."""
    air = clearance_pt(fig)
    if horizontal:
        need = text_height_pt(fig, job) + air
    else:
        need = max((text_width_pt(job, fmt(job, v), bold=True) + air for v in values), default=0)
    return need <= slot_width_pt(ax, job, len(values), horizontal, need=need)


def build_native_bars(chart: Chart, job: ChartJob, *, horizontal: bool) -> None:
    """One series: highlighted categories in the accent, the rest muted; a value at each
    bar's end; no value axis when the bars carry their values."""
    from pptx.enum.chart import XL_LABEL_POSITION

    from deckgen.kinds.charts import _native as nv

    colors = job.theme.theme.colors
    categories = job.data.categories
    plot = chart.plots[0]
    plot.gap_width = nv.gap_width(job)
    plot.vary_by_categories = False
    series = plot.series[0]
    series.invert_if_negative = False
    fills = category_colors(job, categories)
    nv.fill(series.format, fills[0])
    for i, colour in enumerate(fills):
        nv.fill(series.points[i].format, colour)
    values, labels_on, lo, hi = _native_scale(job, horizontal=horizontal)
    nv.value_axis(chart, job, lo, hi, show=not labels_on, editable=True)
    nv.category_axis(chart, job, reverse=horizontal)
    if labels_on:
        nv.labels(series, job, colors.text, XL_LABEL_POSITION.OUTSIDE_END)
        for i, category in enumerate(categories):
            if category in job.spec.highlight:
                nv.point_label(series, i, job, colors.text, bold=True,
                             position=XL_LABEL_POSITION.OUTSIDE_END)  # fmt: skip
        nv.label_gap(series, job, value_gap(job, horizontal=horizontal), horizontal=horizontal)
    if job.spec.reference is not None:
        spot = nv.reference_spot(job, values, lo, hi, labels_on=labels_on)
        nv.overlay_reference(chart, job, 1, spot)


def _native_scale(job: ChartJob, *, horizontal: bool) -> tuple[list[float], bool, float, float]:
    """A native bar chart's values, whether each is written at its bar's end, and its value
    axis's limits."""
    from deckgen.kinds.charts import _native as nv

    values = [v or 0.0 for v in job.data.series[0].values]
    # PowerPoint draws every label, even over its neighbour (the picture drops those): when
    # the labels cannot all fit beside each other, the value axis gives the values instead.
    n = max(len(values), 1)
    if horizontal:
        fits = nv.text_h(job) <= job.canvas.height.pt * 0.9 / n
    else:
        slot = job.canvas.width.pt * 0.9 / n
        fits = all(nv.text_w(job, fmt(job, v), True) <= slot - 4 for v in values)
    labels_on = job.spec.value_labels and fits
    lo, hi = nv.limits(job, values, 0.14 if labels_on else 0.04)
    return values, labels_on, lo, hi
