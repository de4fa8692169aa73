"""Areas: each series filled from zero across ordered categories (years), named at the
right edge. Areas that nest are drawn solid, the largest behind; areas that cross are drawn
see-through, so none hides another."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, ClassVar, Literal

from deckgen.kinds.charts._areas import (
    FILL_TINT,
    NATIVE_SEE_THROUGH,
    SEE_THROUGH,
    AreaKind,
    EndLabel,
    NativeLabel,
    area_colors,
    end_labels,
    last_index,
    limits,
    lone_points,
    native_end_labels,
    native_room,
    positions,
    see_through,
    value_axis,
    x_ticks,
)
from deckgen.kinds.charts._trend import trends
from deckgen.render.chartkit import settle, tint

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from pptx.chart.chart import Chart

    from deckgen.kinds.charts._native import Geometry
    from deckgen.render.charts import ChartJob
    from deckgen.tables.select import Series


class Area(AreaKind):
    """One or more areas from zero; the highlight names a series."""

    type: Literal["area"]
    label: ClassVar[str] = "Area chart"
    aliases: ClassVar[tuple[str, ...]] = ("filled-line",)

    def draw(self, fig: Figure, ax: Axes, job: ChartJob) -> None:
        draw_area(fig, ax, job)

    def describe_data(self, job: ChartJob) -> str:
        return "; ".join(trends(job, job.data.series))

    def native_refusal_for(self, job: ChartJob) -> str | None:
        data = job.data
        gaps = [(s.name, data.categories[i]) for s in data.series
                for i, v in enumerate(s.values) if v is None]  # fmt: skip
        if gaps:
            name, where = gaps[0]
            return (
                f"{name} has no value for {where}, which the picture leaves as a gap and "
                "PowerPoint (and LibreOffice) would draw as a fall to zero (fill the value in, "
                f"or leave {where} out of the chart)"
            )
        return super().native_refusal_for(job)

    def native_type(self) -> object:
        from pptx.enum.chart import XL_CHART_TYPE

        return XL_CHART_TYPE.AREA

    def build_native(self, chart: Chart, job: ChartJob, geo: Geometry) -> None:
        """Areas in the picture's colours, see-through when there are several (LibreOffice
        draws a chart's first area in front and PowerPoint at the back, so no one drawing
        order keeps solid areas from hiding each other), 'Name  value' at the right end of
        each instead of a key."""
        from deckgen.kinds.charts import _native as nv
        from deckgen.ooxml import chartxml as cx

        data = job.data.series
        colors = area_colors(job)
        values = [v for s in data for v in s.values if v is not None] or [0.0]
        lo, hi = limits(job, values)
        nv.value_axis(chart, job, lo, hi, show=True)
        cx.points_on_ticks(chart)
        plot = chart.plots[0]
        for k, series in enumerate(plot.series):
            nv.fill(series.format, colors[k] if len(data) > 1 else tint(job, colors[k], FILL_TINT))
            if len(data) > 1:
                see_through(series, NATIVE_SEE_THROUGH)
            # No outline: PowerPoint would draw it round the whole area, down its ends too.
            series.format.line.fill.background()
        wanted = _end_points(job, colors)
        x, y, w, h = native_room(job, geo, [item for *_, item in wanted], hi)
        cx.plot_area_layout(chart, x, y, w, h)
        nv.category_axis(chart, job, width_pt=w * geo.width_pt)  # as laid out
        # An area's label sits halfway up it by default.
        targets = [NativeLabel(item, plot.series[k], i, item.y / 2) for k, i, item in wanted]
        native_end_labels(job, geo, (y, y + h, lo, hi), targets)


def _covers(outer: Series, inner: Series) -> bool:
    """``outer``'s fill (zero to its value) holds ``inner``'s at every point ``inner`` has."""
    for a, b in zip(outer.values, inner.values, strict=True):
        if b is None:
            continue
        if a is None or not (min(0.0, a) <= min(0.0, b) and max(0.0, b) <= max(0.0, a)):
            return False
    return True


def layering(series: tuple[Series, ...]) -> tuple[list[int], bool]:
    """The order to draw the areas in (back first: the largest) and whether they nest, each
    inside the one behind it, so they can be solid without hiding one another."""
    size = [sum(abs(v) for v in s.values if v is not None) for s in series]
    order = sorted(range(len(series)), key=lambda k: (-size[k], k))
    nested = all(
        _covers(series[order[a]], series[order[b]])
        for a in range(len(order))
        for b in range(a + 1, len(order))
    )
    return order, nested


def _end_points(job: ChartJob, colors: list[str]) -> list[tuple[int, int, EndLabel]]:
    """Each series' label at its last point, level with its value: (series, point, label)."""
    xs = positions(job)
    out = []
    for k, s in enumerate(job.data.series):
        i = last_index(s.values)
        if i is None:
            continue
        value = s.values[i]
        assert value is not None
        bold = s.name in job.spec.highlight
        label = EndLabel(s.name, value, xs[i], value, colors[k], bold, 3 if bold else 12)
        out.append((k, i, label))
    return out


def draw_area(fig: Figure, ax: Axes, job: ChartJob) -> None:
    """Areas from zero with a solid line along each top edge, the story series in the
    accent and on top, names and last values at the right edge, a light value axis."""
    series = job.data.series
    xs = positions(job)
    colors = area_colors(job)
    highlighted = set(job.spec.highlight)
    order, nested = layering(series)
    if not nested:  # see-through: the story goes on top
        order.sort(key=lambda k: series[k].name in highlighted)
    width = job.theme.theme.chart.line_width * job.canvas.scale
    for depth, k in enumerate(order):
        ys = [math.nan if v is None else v for v in series[k].values]
        fill = tint(job, colors[k], FILL_TINT) if nested else colors[k]
        ax.fill_between(
            xs, 0, ys, color=fill, alpha=1.0 if nested else SEE_THROUGH, linewidth=0,
            zorder=2 + depth * 0.01,
        )  # fmt: skip
        bold = series[k].name in highlighted
        ax.plot(
            xs, ys, color=colors[k], linewidth=width * (1.2 if bold else 0.8),
            solid_capstyle="butt", zorder=3 + depth * 0.01, clip_on=False,
        )  # fmt: skip
        lone = lone_points(series[k].values)
        if lone:
            # A value between gaps has no width to fill or edge to draw: a stem from zero
            # in the area's fill (its height is its value) and a dot on top, as a line
            # chart marks a point (a June value after an empty May went undrawn, its end
            # label pointing at nothing: found by fuzzing).
            ax.vlines(
                [xs[i] for i in lone], 0, [ys[i] for i in lone], color=fill,
                alpha=1.0 if nested else SEE_THROUGH, linewidth=width * 1.6,
                zorder=2 + depth * 0.01, clip_on=False,
            )  # fmt: skip
            ax.plot(
                [xs[i] for i in lone], [ys[i] for i in lone], linestyle="none", marker="o",
                markersize=width * (2.6 if bold else 2.0), color=colors[k],
                markeredgecolor=job.theme.theme.colors.background,
                markeredgewidth=0.8 * job.canvas.scale, zorder=3 + depth * 0.01,
                clip_on=False,
            )  # fmt: skip
    x_ticks(ax, job)
    values = [v for s in series for v in s.values if v is not None] or [0.0]
    value_axis(ax, job, *limits(job, values))
    settle(fig)
    end_labels(ax, job, [item for *_, item in _end_points(job, colors)], "area")
    # The end labels narrowed the plot: tick it for its final width (on a card, eight
    # seasons' labels ticked for the plot before it were left a few points apart).
    settle(fig)
    x_ticks(ax, job)
