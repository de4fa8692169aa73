"""Native charts: a chart job drawn as a real PowerPoint chart instead of a picture.

The data is embedded (python-pptx writes the workbook), so "Edit Data" works in PowerPoint.
One builder per chart type in :data:`NATIVE`, matching the picture renderers'
``RENDERERS``; each follows its picture twin's conventions and takes its colours from the
same functions, so a native chart and its picture agree: the highlight and muted context,
direct labels where the picture has them (a key only where the picture draws one), the
spec's number format, light gridlines only when values are read off the axis.

What a native chart cannot draw is refused with a reason (:func:`unsupported`), never
silently dropped: :func:`deckgen.assemble.native_limits.unsupported` says why, and the
planner turns that into an error (``native: true``) or keeps the picture (the deck-wide
``--native-charts``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.enum.chart import XL_MARKER_STYLE as MARKER
from pptx.enum.chart import XL_TICK_LABEL_POSITION as TICK_LABELS
from pptx.enum.chart import XL_TICK_MARK as TICK
from pptx.util import Pt

from deckgen.assemble import _chartxml as cx
from deckgen.assemble import _shapes as sh
from deckgen.assemble._shapes import Para
from deckgen.assemble.layouts import Rect
from deckgen.render.charts._common import category_colors, ink_on, legible, series_colors, spread
from deckgen.tables.formats import excel_format
from deckgen.theming.text import line_height, text_width

if TYPE_CHECKING:
    from collections.abc import Callable

    from pptx.chart.chart import Chart
    from pptx.shapes.graphfrm import GraphicFrame
    from pptx.slide import Slide

    from deckgen.render.jobs import ChartJob


@dataclass(frozen=True)
class _Geo:
    """Where the chart is: its slide (for shapes drawn with it) and its box in inches."""

    slide: Slide
    box: Rect

    @property
    def width_pt(self) -> float:
        return self.box.width * 72

    @property
    def height_pt(self) -> float:
        return self.box.height * 72


# --------------------------------------------------------------------------- shared styling
def _largest(job: ChartJob) -> float:
    return max((abs(v) for s in job.data.series for v in s.values if v is not None), default=0.0)


def _code(job: ChartJob, decimals: int | None = None, largest: float | None = None) -> str:
    """The Excel format for this chart's numbers (compact: the unit of its largest value)."""
    return excel_format(job.spec.format, _largest(job) if largest is None else largest, decimals)


def _size(job: ChartJob) -> float:
    return job.theme.theme.sizes.chart_label


def _label_font(job: ChartJob, bold: bool = False) -> object:
    return job.theme.body.file(bold)


def _text_w(job: ChartJob, text: str, bold: bool = False) -> float:
    return max(text_width(t, _label_font(job, bold), _size(job)) for t in text.split("\n"))


def _text_h(job: ChartJob) -> float:
    return line_height(_label_font(job), _size(job))


def _fill(fmt: object, colour: str) -> None:
    fmt.fill.solid()  # type: ignore[attr-defined]
    fmt.fill.fore_color.rgb = sh.rgb(colour)  # type: ignore[attr-defined]


def _font(font: object, job: ChartJob, colour: str, *, bold: bool = False) -> None:
    font.name = job.theme.theme.fonts.body.family  # type: ignore[attr-defined]
    font.size = Pt(_size(job))  # type: ignore[attr-defined]
    font.bold = bold  # type: ignore[attr-defined]
    font.color.rgb = sh.rgb(colour)  # type: ignore[attr-defined]


def _base(chart: Chart, job: ChartJob) -> None:
    """No title (the slide's title states the finding), no legend unless a builder adds
    one, the theme's body font at the chart-label size for every text in the chart."""
    chart.has_title = False
    chart.has_legend = False
    _font(chart.font, job, job.theme.theme.colors.text)


def _nice_step(span: float, count: int = 5) -> float:
    """A 1-2-2.5-5 x 10^k tick step giving about ``count`` intervals over ``span``."""
    raw = span / count if span > 0 else 1.0
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)


def _tick_decimals(job: ChartJob, step: float, hi: float) -> int:
    """As few decimals as the ticks need in the axis unit: '0, 5M, 10M', '0, 0.5M, 1.0M'."""
    fmt = job.spec.format
    unit = 1.0
    if fmt.style == "compact":
        unit = next((t for t in (1e12, 1e9, 1e6, 1e3) if abs(hi) >= t), 1.0)
    scaled = step / unit
    return next((d for d in range(4) if abs(round(scaled, d) - scaled) < 1e-9), fmt.decimals)


def _value_axis(chart: Chart, job: ChartJob, lo: float, hi: float, *, show: bool) -> None:
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
    step = _nice_step(hi - lo)
    axis.major_unit = step
    labels = axis.tick_labels
    labels.number_format = _code(job, _tick_decimals(job, step, max(abs(lo), abs(hi))),
                                 max(abs(lo), abs(hi)))  # fmt: skip
    labels.number_format_is_linked = False
    _font(labels.font, job, colors.muted)


def _category_axis(chart: Chart, job: ChartJob, *, reverse: bool = False) -> None:
    """Category names under (or beside) the plot, below negative bars too; the axis line
    is the zero baseline."""
    colors = job.theme.theme.colors
    axis = chart.category_axis
    axis.major_tick_mark = axis.minor_tick_mark = TICK.NONE
    axis.tick_label_position = TICK_LABELS.LOW
    line = axis.format.line
    line.color.rgb = sh.rgb(colors.muted)
    line.width = Pt(1)
    _font(axis.tick_labels.font, job, colors.text)
    axis.reverse_order = reverse


def _limits(values: list[float], pad: float) -> tuple[float, float]:
    """Zero-based limits with ``pad`` (share of the span) beyond the ends for labels."""
    lo, hi = min(0.0, *values), max(0.0, *values)
    span = (hi - lo) or 1.0
    return lo - (pad * span if lo < 0 else 0.0), hi + (pad * span if hi > 0 else 0.0)


def _labels(target: object, job: ChartJob, colour: str, position: object | None) -> None:
    """Value labels in the spec's number format on a plot or a series."""
    target.has_data_labels = True  # type: ignore[attr-defined]
    labels = target.data_labels  # type: ignore[attr-defined]
    labels.number_format = _code(job)
    labels.number_format_is_linked = False
    labels.show_value = True
    if position is not None:
        labels.position = position
    _font(labels.font, job, colour)
    cx.no_wrap(labels._element)


def _point_label(series: object, i: int, job: ChartJob, colour: str, *, bold: bool,
                 position: object | None = None) -> object:  # fmt: skip
    """One point's own label (bold for a highlighted category), in the series' format."""
    label = series.points[i].data_label  # type: ignore[attr-defined]
    _font(label.font, job, colour, bold=bold)
    if position is not None:
        label.position = position
    cx.label_number_format(label._dLbl, _code(job))
    cx.no_wrap(label._dLbl)
    return label


def _gap_width(job: ChartJob) -> int:
    """The theme's bar width (share of a slot) as PowerPoint's gap width (% of a bar)."""
    width = job.theme.theme.chart.bar_width
    return max(0, min(500, round((1 - width) / width * 100)))


def _reference_value(job: ChartJob) -> float | None:
    from deckgen.render.charts.bar import _reference_value as value_of

    return value_of(job, [v or 0.0 for v in job.data.series[0].values])


def _overlay_reference(chart: Chart, job: ChartJob, index: int) -> None:
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
    label = _point_label(
        series, last, job, colors.text, bold=False, position=XL_LABEL_POSITION.ABOVE
    )
    cx.show_fields(label._dLbl, series=True, value=True)
    cx.label_separator(label._dLbl, ": ")
    cx.hide_legend_entry(chart, index)


# --------------------------------------------------------------------------- builders
def _bar(chart: Chart, job: ChartJob, geo: _Geo) -> None:
    _bars(chart, job, horizontal=False)


def _hbar(chart: Chart, job: ChartJob, geo: _Geo) -> None:
    _bars(chart, job, horizontal=True)


def _bars(chart: Chart, job: ChartJob, *, horizontal: bool) -> None:
    """One series: highlighted categories in the accent, the rest muted; a value at each
    bar's end; no value axis when the bars carry their values."""
    colors = job.theme.theme.colors
    categories = job.data.categories
    plot = chart.plots[0]
    plot.gap_width = _gap_width(job)
    plot.vary_by_categories = False
    series = plot.series[0]
    series.invert_if_negative = False
    fills = category_colors(job, categories)
    _fill(series.format, fills[0])
    for i, colour in enumerate(fills):
        _fill(series.points[i].format, colour)
    values = [v or 0.0 for v in job.data.series[0].values]
    labels_on = job.spec.value_labels
    lo, hi = _limits(values, 0.14 if labels_on else 0.04)
    _value_axis(chart, job, lo, hi, show=not labels_on)
    _category_axis(chart, job, reverse=horizontal)
    if labels_on:
        _labels(series, job, colors.text, XL_LABEL_POSITION.OUTSIDE_END)
        for i, category in enumerate(categories):
            if category in job.spec.highlight:
                _point_label(series, i, job, colors.text, bold=True,
                             position=XL_LABEL_POSITION.OUTSIDE_END)  # fmt: skip
    if job.spec.reference is not None:
        _overlay_reference(chart, job, 1)


def _grouped(chart: Chart, job: ChartJob, geo: _Geo) -> None:
    """Series side by side, a key above (as the picture draws one); values on every bar if
    each fits its bar, else on the latest series with the value axis for the rest."""
    from deckgen.render.charts.grouped import _group_colors

    colors = job.theme.theme.colors
    categories = job.data.categories
    data = job.data.series
    count = len(data)
    highlighted = set(job.spec.highlight) & set(categories)
    plot = chart.plots[0]
    plot.gap_width = _gap_width(job)
    plot.overlap = 0
    plot.vary_by_categories = False
    fills = _group_colors(job)
    key = next((i for i, c in enumerate(categories) if c not in highlighted), 0)
    for j, series in enumerate(plot.series):
        series.invert_if_negative = False
        _fill(series.format, fills[j][key])  # the key shows the context colour
        for i in range(len(categories)):
            _fill(series.points[i].format, fills[j][i])
    # Bar width in points, from the plot's share of the frame (axis labels take the rest).
    bar_pt = geo.width_pt * 0.92 / len(categories) * job.theme.theme.chart.bar_width / count
    fmt = job.spec.format
    fits = all(
        _text_w(job, fmt.format(v), categories[i] in highlighted) <= bar_pt - 4
        for s in data for i, v in enumerate(s.values) if v is not None
    )  # fmt: skip
    labels_on = job.spec.value_labels
    values = [v for s in data for v in s.values if v is not None] or [0.0]
    lo, hi = _limits(values, 0.10)
    _value_axis(chart, job, lo, hi, show=not (labels_on and fits))
    _category_axis(chart, job)
    if count > 1:
        chart.has_legend = True
        chart.legend.position = XL_LEGEND_POSITION.TOP
        chart.legend.include_in_layout = False
        _font(chart.legend.font, job, colors.text)
    if not labels_on:
        return
    labelled = range(count) if fits else [count - 1]
    for j in labelled:
        series = plot.series[j]
        _labels(series, job, colors.text, XL_LABEL_POSITION.OUTSIDE_END)
        for i, category in enumerate(categories):
            value = data[j].values[i]
            if value is None:
                continue
            taller = any((s.values[i] or 0.0) > value for s in data[:j])
            bold = category in highlighted
            if not (bold or taller):
                continue
            label = _point_label(series, i, job, colors.text, bold=bold,
                                 position=XL_LABEL_POSITION.OUTSIDE_END)  # fmt: skip
            if taller and not fits:
                # A taller bar to its left: nudge the label right, into the gap between
                # groups, so it does not sit on that bar (the picture does the same).
                shift = (_text_w(job, fmt.format(value), bold) - bar_pt) / 2 + 2
                cx.label_offset(label._dLbl, max(shift, 0.0) / geo.width_pt, 0.0)
    if job.spec.reference is not None:
        _overlay_reference(chart, job, count)


def _stacked(chart: Chart, job: ChartJob, geo: _Geo) -> None:
    """Series stacked; each segment's value inside it where it fits, the total on top of
    each column (a hidden overlay series), series named in a key at the right."""
    from deckgen.render.charts.grouped import _stack_colors

    colors = job.theme.theme.colors
    categories = job.data.categories
    data = job.data.series
    count = len(data)
    plot = chart.plots[0]
    plot.gap_width = _gap_width(job)
    plot.overlap = 100
    plot.vary_by_categories = False
    fills = _stack_colors(job)
    up = [sum(max(s.values[i] or 0.0, 0.0) for s in data) for i in range(len(categories))]
    down = [sum(min(s.values[i] or 0.0, 0.0) for s in data) for i in range(len(categories))]
    labels_on = job.spec.value_labels
    lo, hi = _limits([*up, *down], 0.08 if labels_on else 0.04)
    _value_axis(chart, job, lo, hi, show=not labels_on)
    _category_axis(chart, job)
    plot_h = geo.height_pt * 0.9
    for j in range(count):
        series = plot.series[j]
        series.invert_if_negative = False
        _fill(series.format, fills[j])
        series.format.line.color.rgb = sh.rgb(colors.background)
        series.format.line.width = Pt(1)
        if not labels_on:
            continue
        _labels(series, job, ink_on(job, fills[j]), XL_LABEL_POSITION.CENTER)
        for i, value in enumerate(data[j].values):
            if value is not None and abs(value) / (hi - lo) * plot_h < _text_h(job) + 2:
                cx.hide_label(series._element, i)  # too thin to hold its value
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.RIGHT
    chart.legend.include_in_layout = False
    _font(chart.legend.font, job, colors.text)
    if labels_on:
        cx.move_to_line_overlay(chart, count)  # the totals series
        totals = chart.plots[-1].series[0]
        totals.format.line.fill.background()
        totals.marker.style = MARKER.NONE
        _labels(totals, job, colors.text, XL_LABEL_POSITION.ABOVE)
        for i, category in enumerate(categories):
            if category in job.spec.highlight:
                _point_label(totals, i, job, colors.text, bold=True,
                             position=XL_LABEL_POSITION.ABOVE)  # fmt: skip
        cx.hide_legend_entry(chart, count)


def _line(chart: Chart, job: ChartJob, geo: _Geo) -> None:
    """Lines with the story series thicker and in the accent; 'Name  value' at the right
    end of each line instead of a key, spread apart so none touch; on a slope chart (two
    categories) the values at the left end too, and no value axis."""
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
    lo, hi = min(0.0, *values), max(0.0, *values)
    span = (hi - lo) or 1.0
    lo, hi = lo - (0.05 * span if lo < 0 else 0.0), hi + 0.06 * span
    slope = n == 2
    labels_on = job.spec.value_labels
    show_axis = not (slope and labels_on)
    _value_axis(chart, job, lo, hi, show=show_axis)
    _category_axis(chart, job)
    cx.points_on_ticks(chart)
    for k, series in enumerate(plot.series):
        bold = names[k] in highlighted
        series.smooth = False
        line = series.format.line
        line.color.rgb = sh.rgb(line_colors[k])
        line.width = Pt(width * (1.6 if bold else 1.0))
        series.marker.style = MARKER.CIRCLE
        series.marker.size = max(2, round(width * (2.6 if bold else 2.0)))
        _fill(series.marker.format, line_colors[k])
        series.marker.format.line.color.rgb = sh.rgb(colors.background)
    # The plot area is fixed, so the label positions can be computed as the picture does.
    fmt = job.spec.format
    right_w = max(
        _text_w(job, f"{s.name}  {fmt.format(_end(s.values, True))}" if labels_on else s.name,
                s.name in highlighted)
        for s in data
    )  # fmt: skip
    left_w = max(_text_w(job, fmt.format(_end(s.values, False))) for s in data) if (
        slope and labels_on) else 0.0  # fmt: skip
    axis_w = 0.0 if not show_axis else _text_w(job, fmt.format(hi)) + 8
    gap = 0.7 * _size(job)
    x0 = (max(left_w + gap, axis_w) + 6) / geo.width_pt
    x1 = 1 - (right_w + gap + 6) / geo.width_pt
    y0, y1 = 0.04, 1 - (_text_h(job) + 10) / geo.height_pt
    cx.plot_area_layout(chart, x0, y0, x1 - x0, y1 - y0)
    _end_labels(plot, job, geo, (y0, y1, lo, hi), line_colors, highlighted, right=True)
    if slope and labels_on:
        _end_labels(plot, job, geo, (y0, y1, lo, hi), line_colors, highlighted, right=False)
    if job.spec.reference is not None:
        _overlay_reference(chart, job, len(data))


def _end(values: tuple[float | None, ...], last: bool) -> float | None:
    present = [v for v in values if v is not None]
    return (present[-1] if last else present[0]) if present else None


def _end_labels(
    plot: object,
    job: ChartJob,
    geo: _Geo,
    frame: tuple[float, float, float, float],
    line_colors: list[str],
    highlighted: set[str],
    *,
    right: bool,
) -> None:
    """Labels at one end of every line, moved apart (least squares, as on the picture)."""
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
        wanted.append((y0 + (y1 - y0) * (hi - value) / (hi - lo)) * height)
        ends.append((k, i))
    sizes = [_text_h(job)] * len(ends)
    placed = spread(wanted, sizes, 0.0, height, 2.0)
    for (k, i), want, got in zip(ends, wanted, placed, strict=True):
        series = plot.series[k]  # type: ignore[attr-defined]
        bold = data[k].name in highlighted
        side = XL_LABEL_POSITION.RIGHT if right else XL_LABEL_POSITION.LEFT
        label = _point_label(series, i, job, legible(job, line_colors[k]), bold=bold,
                             position=side)  # fmt: skip
        if right:
            cx.show_fields(label._dLbl, series=True, value=job.spec.value_labels)
            cx.label_separator(label._dLbl, "  ")
        if abs(got - want) > 0.5:
            cx.label_offset(label._dLbl, 0.0, (got - want) / height)


def _donut(chart: Chart, job: ChartJob, geo: _Geo) -> None:
    """A ring of shares: the highlight against muted tints; 'Name  value  share' beside
    the ring in two columns (right half, left half), spread apart; the total in the hole."""
    from deckgen.render.charts.donut import _fills

    colors = job.theme.theme.colors
    categories = job.data.categories
    values = [max(v or 0.0, 0.0) for v in job.data.series[0].values]
    total = sum(values)
    plot = chart.plots[0]
    plot.vary_by_categories = True
    series = plot.series[0]
    fills = _fills(job)
    for i, colour in enumerate(fills):
        point = series.points[i]
        _fill(point.format, colour)
        point.format.line.color.rgb = sh.rgb(colors.background)
        point.format.line.width = Pt(1.5)
    hole = job.theme.theme.chart.donut_hole
    cx.set_hole_size(chart, round(hole * 100))
    cx.set_first_slice_angle(chart, 0)
    # A square plot in the middle, as tall as the picture's ring.
    w, h = geo.width_pt, geo.height_pt
    radius = 0.84 * h / 2
    cx.plot_area_layout(chart, 0.5 - radius / w, 0.5 - radius / h, 2 * radius / w, 2 * radius / h)
    _donut_total(job, geo, total, hole * radius)
    if not job.spec.value_labels or total <= 0:
        return
    highlighted = set(job.spec.highlight)
    mid_r = radius * (1 + hole) / 2
    angle = 90.0
    sides: dict[bool, list[tuple[int, float, float]]] = {True: [], False: []}
    for i, value in enumerate(values):
        if value <= 0:
            continue
        sweep = 360 * value / total
        mid = math.radians(angle - sweep / 2)
        angle -= sweep
        sides[math.cos(mid) >= -1e-9].append((i, mid, value))
    for right, members in sides.items():
        texts = [f"{categories[i]}  {_code_text(job, v)}" for i, _, v in members]
        wanted = [h / 2 - 1.08 * radius * math.sin(mid) for _, mid, _ in members]
        placed = spread(wanted, [_text_h(job)] * len(members), 0.0, h, 2.0)
        for (i, mid, _), text, y in zip(members, texts, placed, strict=True):
            bold = categories[i] in highlighted
            label = _point_label(series, i, job, colors.text, bold=bold)
            # No share field: a label's one number format would apply to it too.
            cx.show_fields(label._dLbl, category=True, value=True)
            cx.label_separator(label._dLbl, "  ")
            # The label's default place is the ring's middle at the slice's mid-angle;
            # move its centre to a column just outside the ring.
            half = _text_w(job, text, bold) / 2
            x = w / 2 + (1.2 * radius + half) * (1 if right else -1)
            dx = x - (w / 2 + mid_r * math.cos(mid))
            dy = y - (h / 2 - mid_r * math.sin(mid))
            cx.label_offset(label._dLbl, dx / w, dy / h)


def _code_text(job: ChartJob, value: float) -> str:
    return job.spec.format.format(value)


def _donut_total(job: ChartJob, geo: _Geo, total: float, hole_pt: float) -> None:
    """The total over a small 'Total' in the hole: a text box on the slide over the chart
    (charts have no text of their own there)."""
    colors = job.theme.theme.colors
    size = _size(job)
    text = job.spec.format.format(total)
    big = 2.2 * size
    font = job.theme.number.file(False)
    while big > size and text_width(text, font, big) > 1.5 * hole_pt:
        big -= 1
    block = (line_height(font, big) + _text_h(job)) / 72
    box = geo.box
    rect = Rect(box.left + box.width / 2 - hole_pt / 72, box.top + box.height / 2 - block / 2,
                2 * hole_pt / 72, block)  # fmt: skip
    shape = sh.add_text(
        geo.slide, rect,
        [Para(text, job.theme.theme.fonts.number.family, big, colors.text, align="center"),
         Para("Total", job.theme.theme.fonts.body.family, size, colors.muted, align="center")],
        anchor="middle", name="Chart total",
    )  # fmt: skip
    sh.set_alt_text(shape, f"Total: {job.spec.format.format(total, words=True)}")


# --------------------------------------------------------------------------- dispatch
@dataclass(frozen=True)
class NativeKind:
    """A chart type's PowerPoint form: its chart type, the extra series it embeds beyond
    the data (overlays), and the builder that styles it."""

    chart_type: object
    build: Callable[[Chart, ChartJob, _Geo], None]
    overlays: Callable[[ChartJob], list[tuple[str, list[float | None]]]] = lambda job: []


def _reference_overlay(job: ChartJob) -> list[tuple[str, list[float | None]]]:
    ref = _reference_value(job)
    if ref is None or job.spec.reference is None:
        return []
    return [(job.spec.reference.label, [ref] * len(job.data.categories))]


def _totals_overlay(job: ChartJob) -> list[tuple[str, list[float | None]]]:
    if not job.spec.value_labels:
        return []
    n = len(job.data.categories)
    # The column's total, as its label shows; an all-positive stack (the usual case) has
    # its top there too, so the label sits on the column.
    totals = [sum(s.values[i] or 0.0 for s in job.data.series) for i in range(n)]
    return [("Total", list(totals))]


NATIVE: dict[str, NativeKind] = {
    "bar": NativeKind(XL_CHART_TYPE.COLUMN_CLUSTERED, _bar, _reference_overlay),
    "hbar": NativeKind(XL_CHART_TYPE.BAR_CLUSTERED, _hbar),
    "grouped-bar": NativeKind(XL_CHART_TYPE.COLUMN_CLUSTERED, _grouped, _reference_overlay),
    "stacked-bar": NativeKind(XL_CHART_TYPE.COLUMN_STACKED, _stacked, _totals_overlay),
    "line": NativeKind(XL_CHART_TYPE.LINE_MARKERS, _line, _reference_overlay),
    "donut": NativeKind(XL_CHART_TYPE.DOUGHNUT, _donut),
}


def chart_data(job: ChartJob) -> CategoryChartData:
    """The data to embed: the job's categories and series, then any overlay series."""
    data = CategoryChartData(number_format=_code(job))
    data.categories = list(job.data.categories)
    for series in job.data.series:
        data.add_series(series.name, list(series.values))
    for name, values in NATIVE[job.spec.type].overlays(job):
        data.add_series(name, values)
    return data


def add_native_chart(slide: Slide, job: ChartJob, box: Rect, alt: str) -> GraphicFrame:
    """Draw ``job`` as a native chart in ``box`` on ``slide``; return its graphic frame."""
    kind = NATIVE[job.spec.type]
    frame = slide.shapes.add_chart(kind.chart_type, *sh.box(box), chart_data(job))  # type: ignore[arg-type]
    chart = frame.chart
    _base(chart, job)
    kind.build(chart, job, _Geo(slide, box))
    cx.plain_frame(chart)
    cx.positive_axis_ids(chart)
    frame.name = sh.clean(f"Chart: {alt}")[:80]
    sh.set_alt_text(frame, alt)
    return frame
