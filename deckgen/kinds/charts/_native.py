"""The native form's shared toolkit: a chart job drawn as a real PowerPoint chart.

The data is embedded (python-pptx writes the workbook), so "Edit Data" works in PowerPoint.
Each chart type styles its own native chart (``build_native`` in its module) with these
helpers and the same colour rules as its picture (``deckgen.render.chartkit``), so a native
chart and its picture agree: the highlight and muted context, direct labels where the
picture has them, the spec's number format, light gridlines only when values are read off
the axis. What a native chart cannot draw is refused with a reason (``native_refusal``).

This module imports python-pptx; chart modules import it inside their native methods only.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_LABEL_POSITION
from pptx.enum.chart import XL_MARKER_STYLE as MARKER
from pptx.enum.chart import XL_TICK_LABEL_POSITION as TICK_LABELS
from pptx.enum.chart import XL_TICK_MARK as TICK
from pptx.util import Pt

from deckgen.kinds.charts._base import reference_value
from deckgen.layout.text import SLIDE
from deckgen.layout.units import Pt as Points
from deckgen.ooxml import chartxml as cx
from deckgen.ooxml import shapes as sh
from deckgen.outline.formats import excel_format

if TYPE_CHECKING:
    from pptx.chart.chart import Chart
    from pptx.shapes.graphfrm import GraphicFrame
    from pptx.slide import Slide

    from deckgen.kinds.charts._base import Overlay
    from deckgen.layout.geometry import Rect
    from deckgen.render.charts import ChartJob


@dataclass(frozen=True)
class Geometry:
    """Where the chart is: its slide (for shapes drawn with it) and its box."""

    slide: Slide
    box: Rect

    @property
    def width_pt(self) -> float:
        return self.box.width.pt

    @property
    def height_pt(self) -> float:
        return self.box.height.pt


# --------------------------------------------------------------------------- shared styling
def largest(job: ChartJob) -> float:
    return max((abs(v) for s in job.data.series for v in s.values if v is not None), default=0.0)


def code(job: ChartJob, decimals: int | None = None, biggest: float | None = None) -> str:
    """The Excel format for this chart's numbers (compact: the unit of its largest value)."""
    return excel_format(job.spec.format, largest(job) if biggest is None else biggest, decimals)


def size(job: ChartJob) -> float:
    return job.theme.theme.sizes.chart_label


def text_w(job: ChartJob, text: str, bold: bool = False) -> float:
    """Width in points of a label in the chart font."""
    return SLIDE.width(text, job.theme.body.file(bold), Points(size(job))).pt


def text_h(job: ChartJob) -> float:
    """Height in points of one label line."""
    return SLIDE.leading(job.theme.body.file(False), Points(size(job))).pt


def fill(fmt: object, colour: str) -> None:
    fmt.fill.solid()  # type: ignore[attr-defined]
    fmt.fill.fore_color.rgb = sh.rgb(colour)  # type: ignore[attr-defined]


def font(target: object, job: ChartJob, colour: str, *, bold: bool = False) -> None:
    """The chart-label font (theme body family and size) in ``colour`` on ``target``."""
    target.name = job.theme.theme.fonts.body.family  # type: ignore[attr-defined]
    target.size = Pt(size(job))  # type: ignore[attr-defined]
    target.bold = bold  # type: ignore[attr-defined]
    target.color.rgb = sh.rgb(colour)  # type: ignore[attr-defined]


def base(chart: Chart, job: ChartJob) -> None:
    """No title (the slide's title states the finding), no legend unless a builder adds
    one, the theme's body font at the chart-label size for every text in the chart."""
    chart.has_title = False
    chart.has_legend = False
    font(chart.font, job, job.theme.theme.colors.text)


def nice_step(span: float, count: int = 5) -> float:
    """A 1-2-2.5-5 x 10^k tick step giving about ``count`` intervals over ``span``."""
    raw = span / count if span > 0 else 1.0
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)


def tick_decimals(job: ChartJob, step: float, hi: float) -> int:
    """As few decimals as the ticks need in the axis unit: '0, 5M, 10M', '0, 0.5M, 1.0M'."""
    fmt = job.spec.format
    unit = 1.0
    if fmt.style == "compact":
        unit = next((t for t in (1e12, 1e9, 1e6, 1e3) if abs(hi) >= t), 1.0)
    scaled = step / unit
    return next((d for d in range(4) if abs(round(scaled, d) - scaled) < 1e-9), fmt.decimals)


def value_axis(chart: Chart, job: ChartJob, lo: float, hi: float, *, show: bool) -> None:
    """Fixed limits (bars start at zero in every application); tick labels and light
    gridlines only when values are read off the axis, as on the picture."""
    colors = job.theme.theme.colors
    axis = chart.value_axis
    axis.minimum_scale, axis.maximum_scale = lo, hi
    axis.major_tick_mark = axis.minor_tick_mark = TICK.NONE
    axis.format.line.fill.background()
    gridlines = show and job.theme.theme.chart.gridlines
    axis.has_major_gridlines = gridlines
    if gridlines:
        line = axis.major_gridlines.format.line
        line.color.rgb = sh.rgb(colors.grid)
        line.width = Pt(0.75)
    if not show:
        axis.tick_label_position = TICK_LABELS.NONE
        return
    step = nice_step(hi - lo)
    axis.major_unit = step
    labels = axis.tick_labels
    labels.number_format = code(job, tick_decimals(job, step, max(abs(lo), abs(hi))),
                                max(abs(lo), abs(hi)))  # fmt: skip
    labels.number_format_is_linked = False
    font(labels.font, job, colors.muted)


def category_axis(chart: Chart, job: ChartJob, *, reverse: bool = False) -> None:
    """Category names under (or beside) the plot, below negative bars too; the axis line
    is the zero baseline."""
    colors = job.theme.theme.colors
    axis = chart.category_axis
    axis.major_tick_mark = axis.minor_tick_mark = TICK.NONE
    axis.tick_label_position = TICK_LABELS.LOW
    line = axis.format.line
    line.color.rgb = sh.rgb(colors.muted)
    line.width = Pt(1)
    font(axis.tick_labels.font, job, colors.text)
    axis.reverse_order = reverse


def limits(values: list[float], pad: float) -> tuple[float, float]:
    """Zero-based limits with ``pad`` (share of the span) beyond the ends for labels."""
    lo, hi = min(0.0, *values), max(0.0, *values)
    span = (hi - lo) or 1.0
    return lo - (pad * span if lo < 0 else 0.0), hi + (pad * span if hi > 0 else 0.0)


def labels(target: object, job: ChartJob, colour: str, position: object | None) -> None:
    """Value labels in the spec's number format on a plot or a series."""
    target.has_data_labels = True  # type: ignore[attr-defined]
    labels = target.data_labels  # type: ignore[attr-defined]
    labels.number_format = code(job)
    labels.number_format_is_linked = False
    labels.show_value = True
    if position is not None:
        labels.position = position
    font(labels.font, job, colour)
    cx.no_wrap(labels._element)


def point_label(series: Any, i: int, job: ChartJob, colour: str, *, bold: bool,
                 position: object | None = None) -> Any:  # fmt: skip
    """One point's own label (bold for a highlighted category), in the series' format."""
    label = series.points[i].data_label
    font(label.font, job, colour, bold=bold)
    if position is not None:
        label.position = position
    cx.label_number_format(label._dLbl, code(job))
    cx.no_wrap(label._dLbl)
    return label


def gap_width(job: ChartJob) -> int:
    """The theme's bar width (share of a slot) as PowerPoint's gap width (% of a bar)."""
    width = job.theme.theme.chart.bar_width
    return max(0, min(500, round((1 - width) / width * 100)))


def reference(job: ChartJob) -> float | None:
    """The reference line's value over the first series (as the picture computes it)."""
    return reference_value(job, [v or 0.0 for v in job.data.series[0].values])


def overlay_reference(chart: Chart, job: ChartJob, index: int) -> None:
    """The reference line: its series moved onto a line chart over the plot, dashed, with
    'label: value' at its right end."""
    colors = job.theme.theme.colors
    cx.move_to_line_overlay(chart, index)
    plot = chart.plots[-1]
    series = plot.series[0]
    series.smooth = False
    line = series.format.line
    line.color.rgb = sh.rgb(colors.text)
    line.width = Pt(1.2)
    line.dash_style = 4  # MSO_LINE_DASH_STYLE.DASH
    series.marker.style = MARKER.NONE
    last = len(job.data.categories) - 1
    label = point_label(
        series, last, job, colors.text, bold=False, position=XL_LABEL_POSITION.ABOVE
    )
    cx.show_fields(label._dLbl, series=True, value=True)
    cx.label_separator(label._dLbl, ": ")
    cx.hide_legend_entry(chart, index)


def reference_overlay(job: ChartJob) -> list[Overlay]:
    """The reference line as an embedded series (bars and lines draw it as an overlay)."""
    ref = reference(job)
    if ref is None or job.spec.reference is None:
        return []
    return [(job.spec.reference.label, [ref] * len(job.data.categories))]


def chart_data(job: ChartJob) -> CategoryChartData:
    """The data to embed: the job's categories and series, then any overlay series."""
    data = CategoryChartData(number_format=code(job))
    data.categories = list(job.data.categories)
    for series in job.data.series:
        data.add_series(series.name, list(series.values))
    for name, values in job.spec.native_overlays(job):
        data.add_series(name, values)
    return data


def add_native_chart(slide: Slide, job: ChartJob, box: Rect, alt: str) -> GraphicFrame:
    """Draw ``job`` as a native chart in ``box`` on ``slide``; return its graphic frame."""
    # python-pptx's annotation says Chart; it returns the graphic frame holding the chart.
    chart_type, data = job.spec.native_type(), job.spec.native_data(job)
    added: Any = slide.shapes.add_chart(chart_type, *sh.box(box), data)  # type: ignore[arg-type]
    frame: GraphicFrame = added
    chart = frame.chart
    base(chart, job)
    job.spec.build_native(chart, job, Geometry(slide, box))
    cx.plain_frame(chart)
    cx.positive_axis_ids(chart)
    frame.name = sh.clean(f"Chart: {alt}")[:80]
    sh.set_alt_text(frame, alt)
    return frame
