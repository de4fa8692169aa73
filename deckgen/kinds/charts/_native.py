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
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from pptx.enum.chart import XL_LABEL_POSITION
from pptx.enum.chart import XL_MARKER_STYLE as MARKER
from pptx.enum.chart import XL_TICK_LABEL_POSITION as TICK_LABELS
from pptx.enum.chart import XL_TICK_MARK as TICK
from pptx.oxml.ns import qn
from pptx.util import Pt

from deckgen.kinds.charts._base import reference_value
from deckgen.layout.text import SLIDE
from deckgen.layout.units import Pt as Points
from deckgen.ooxml import chartxml as cx
from deckgen.ooxml import shapes as sh
from deckgen.ooxml import workbook as wb
from deckgen.outline.formats import excel_format
from deckgen.render.chartkit import (
    category_labels,
    end_ticks,
    fmt,
    label_states,
    log_ticks,
    reaches_zero,
    reference_text,
    time_step,
    value_limits,
)

if TYPE_CHECKING:
    from pptx.chart.chart import Chart
    from pptx.chart.data import CategoryChartData
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
def code(job: ChartJob) -> str:
    """The Excel format of this chart's value labels: the unit and decimals its labels
    share, as on the picture (:meth:`ChartKind.label_values`)."""
    return excel_format(job.spec.format, job.spec.label_values(job.data))


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


def value_axis(chart: Chart, job: ChartJob, lo: float, hi: float, *, show: bool,
               editable: bool = False) -> None:  # fmt: skip
    """Fixed limits (bars start at zero in every application), a log scale where the spec
    asks; tick labels and light gridlines only when values are read off the axis, as on
    the picture.

    ``editable``: only the ends a value typed in "Edit Data" cannot pass are fixed
    (:func:`fixed_ends`); the others are left to the application, which takes in the
    values as they are. A max fixed at 1.14 x the largest value cut off a bar raised past
    it, its label off the plot (found by review)."""
    colors = job.theme.theme.colors
    axis = chart.value_axis
    low, high = fixed_ends(job, lo, hi) if editable else (lo, hi)
    axis.minimum_scale, axis.maximum_scale = low, high
    if job.spec.axis.log:
        _log_scale(axis._element)
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
    labels = axis.tick_labels
    if job.spec.axis.log:  # PowerPoint ticks a log axis at powers of ten
        ticks = log_ticks(lo, hi)
    else:
        step = nice_step(hi - lo)
        # An axis near its data starts on a tick of its step: PowerPoint ticks up from the
        # minimum (2.2, 2.7, 3.2 on a step of 0.5), LibreOffice at the step's multiples
        # (2.5 up, under it a stretch of axis with no label; found in review).
        on_ends = None if reaches_zero(job) else end_ticks(lo, hi, step)
        if on_ends is not None:
            step = on_ends[1] - on_ends[0]
        axis.major_unit = step
        ticks = [k * step for k in range(math.ceil(lo / step), math.floor(hi / step) + 1)]
    labels.number_format = excel_format(job.spec.format, ticks or [lo, hi], ticks=True)
    labels.number_format_is_linked = False
    font(labels.font, job, colors.muted)


def category_axis(
    chart: Chart, job: ChartJob, *, reverse: bool = False, width_pt: float | None = None
) -> None:
    """Category names under (or beside) the plot, below negative bars too; the axis line
    is the zero baseline. Many names: every k-th, as on the picture; dates on a time axis
    at calendar steps (:func:`date_axis`), or quarters named as the picture names them
    (:func:`quarters_as_text`) at a step for the plot's width ``width_pt`` where known."""
    colors = job.theme.theme.colors
    axis = chart.category_axis
    axis.major_tick_mark = axis.minor_tick_mark = TICK.NONE
    axis.tick_label_position = TICK_LABELS.LOW
    line = axis.format.line
    line.color.rgb = sh.rgb(colors.muted)
    line.width = Pt(1)
    font(axis.tick_labels.font, job, colors.text)
    axis.reverse_order = reverse
    element = axis._element
    if element.tag == qn("c:dateAx"):
        date_axis(element, job)
        return
    if quarters_as_text(job):
        skip = period_step(job, width_pt or job.canvas.width.pt * 0.85)
    else:
        skip = _label_skip(job, horizontal=reverse)
    if skip > 1:
        _set_after(element, "c:tickLblSkip", str(skip),
                   ("c:lblOffset", "c:lblAlgn", "c:auto", "c:crosses", "c:crossAx"))  # fmt: skip


def fixed_ends(job: ChartJob, lo: float, hi: float) -> tuple[float | None, float | None]:
    """The value axis's ends a native chart fixes, ``None`` for one left automatic.

    The top is left to the application (it takes in any value typed in "Edit Data")
    unless the spec's ``axis: {max}`` asks for it or it is the zero line of bars under
    zero. The bottom stays where the picture has it, a zero baseline (PowerPoint lifts an
    automatic one off zero when the values are close together) or the low end of an axis
    drawn near its data (an automatic one could drop to zero and flatten the change it
    shows), unless it is only room below negative values (the application's keeps room
    for them too). A log scale keeps both ends: its room is a ratio no automatic axis
    keeps."""
    axis = job.spec.axis
    if axis.log:
        return lo, hi
    low = None if axis.min is None and lo < 0 <= hi else lo
    high = hi if axis.max is not None or hi == 0 else None
    return low, high


def drawn_top(job: ChartJob, lo: float, hi: float, top: float, *, show: bool) -> float:
    """The value axis's top as the applications draw it, for a chart that lays its labels
    out on the plot: ``hi`` where it is fixed (:func:`fixed_ends`), else, over values up to
    ``top`` from a zero baseline, 5% above the largest rounded up to a whole unit: the unit
    :func:`value_axis` gives a shown axis, else a 1-2-5 step of about a tenth of the range
    (LibreOffice draws 431.2 to 500, 59.9 to 70, 745 to 800, 21 to 25, as PowerPoint's
    documented rule does). A larger top than laid out for would squeeze labels spread
    apart on the plot together; a smaller one only spreads them further."""
    low, high = fixed_ends(job, lo, hi)
    if high is not None or low != 0 or top <= 0:
        return hi
    want = 1.05 * top
    if show:
        unit = nice_step(hi - lo)
    else:
        power = 10 ** math.floor(math.log10(want / 10))
        unit = next(m * power for m in (1, 2, 5, 10) if m * power >= want / 10 * (1 - 1e-9))
    return math.ceil(want / unit - 1e-9) * unit


def _label_skip(job: ChartJob, *, horizontal: bool) -> int:
    """Every how many categories PowerPoint writes a name, measured as the picture is."""
    names = category_labels(job)
    n = len(names)
    if horizontal:
        slot = job.canvas.height.pt * 0.9 / max(n, 1)
        return max(1, math.ceil((text_h(job) + 2) / max(slot, 1e-9)))
    slot = job.canvas.width.pt * 0.9 / max(n, 1)
    if max((text_w(job, w) for t in names for w in t.split()), default=0.0) <= slot:
        return 1
    widest = max(text_w(job, t) for t in names)
    return max(1, math.ceil((widest + 0.5 * size(job) + 4) / max(slot, 1e-9)))


#: Excel number formats of date tick labels, by the step's unit and the data's precision.
_DATE_CODES = {"year": "yyyy", "month": "mmm yyyy", "day": "mmm d, yyyy"}
#: OOXML time units (c:baseTimeUnit, c:majorTimeUnit).
_TIME_UNITS = {"day": "days", "month": "months", "year": "years"}


def date_axis(element: Any, job: ChartJob) -> None:
    """A date axis at the picture's calendar step: the data's time unit (months for
    monthly and quarterly data), a major unit of the step ('every 1 years'), and labels
    in the step's form ('2007', 'Jan 2007')."""
    from deckgen.tables.dates import precision_of

    days = job.data.x_dates or ()
    step, _, _ = time_step(job, job.canvas.width.pt * 0.85)
    precision = precision_of(days[0]) if days else "day"
    base = {"day": "day", "month": "month", "quarter": "month", "year": "year"}[precision]
    unit, count = step or (base, max(1, len(days) - 1))
    if precision == "quarter" and unit == "month":
        # No date format writes a quarter: 'mmm yyyy' put 'Oct 2024' under Q4 2024. Quarters
        # with one missing (a text axis would space them evenly) are named by year.
        unit, count = "year", _year_step(job, days)
    numfmt = element.find(qn("c:numFmt"))
    numfmt.set("formatCode", _DATE_CODES[unit])
    numfmt.set("sourceLinked", "0")
    after = ("c:lblOffset", "c:auto", "c:crosses", "c:crossAx")
    _set_after(element, "c:baseTimeUnit", _TIME_UNITS[base], after)
    _set_after(element, "c:majorUnit", str(count), ("c:baseTimeUnit", *after))
    _set_after(element, "c:majorTimeUnit", _TIME_UNITS[unit], ("c:majorUnit",))


def quarters_as_text(job: ChartJob) -> bool:
    """Whether the chart's dates are quarters in an unbroken run on a time axis, drawn on
    a text axis of the picture's labels ('Q1 2022').

    PowerPoint's date formats write no quarter: a date axis read 'Jan 2022 ... Oct 2024'
    under the picture's 'Q1 2022 ... Q3 2024', Q4 as October (found by review). A text
    axis spaces its categories evenly, so it takes quarters only with none missing
    (:func:`date_axis` names the others by year). Months, days and years a date format
    writes as the picture does."""
    from deckgen.tables.dates import precision_of

    days = job.data.x_dates
    if days is None or not job.spec.time_axis or precision_of(days[0]) != "quarter":
        return False
    ordinals = [d.year * 4 + (d.month - 1) // 3 for d in days]
    return all(b - a == 1 for a, b in pairwise(ordinals))


#: Steps in quarters a text axis of quarters names one at, finest first: each quarter,
#: half year, year, then as the picture steps its years.
_QUARTER_STEPS = (1, 2, 4, 8, 20, 40, 80, 100, 200, 400)


def period_step(job: ChartJob, width_pt: float) -> int:
    """Every how many quarters a text axis ``width_pt`` long names one, so that no two
    labels come nearer than 0.6 em (LibreOffice wraps a label wider than its share)."""
    names = category_labels(job)
    slot = width_pt / max(len(names) - 1, 1)
    need = max(text_w(job, t) for t in names) + 0.6 * size(job)
    return next((k for k in _QUARTER_STEPS if k * slot >= need), max(len(names) - 1, 1))


#: Steps in years a date axis may name its years at, finest first.
_YEAR_STEPS = (1, 2, 5, 10, 20, 25, 50, 100)


def _year_step(job: ChartJob, days: tuple[Any, ...]) -> int:
    """The finest step in years whose labels ('2022') keep 0.6 em apart on the axis."""
    span = max((max(days) - min(days)).days, 1)
    width = job.canvas.width.pt * 0.85
    need = text_w(job, str(max(days).year)) + 0.6 * size(job)
    return next((k for k in _YEAR_STEPS if width * 365.25 * k / span >= need), _YEAR_STEPS[-1])


def _set_after(element: Any, tag: str, value: str, anchors: tuple[str, ...]) -> None:
    """Set child ``tag``'s ``val``, creating it after the first of ``anchors`` present
    (the schema's order; python-pptx has no setter for these)."""
    from lxml import etree

    child = element.find(qn(tag))
    if child is None:
        child = etree.Element(qn(tag))
        anchor = next(a for a in (element.find(qn(t)) for t in anchors) if a is not None)
        anchor.addnext(child)
    child.set("val", value)


def _log_scale(axis: Any) -> None:
    """A base-10 log scale on a value axis (``c:scaling/c:logBase``, first in scaling)."""
    from lxml import etree

    scaling = axis.find(qn("c:scaling"))
    base = scaling.find(qn("c:logBase"))
    if base is None:
        base = etree.Element(qn("c:logBase"))
        scaling.insert(0, base)
    base.set("val", "10")


def limits(job: ChartJob, values: list[float], pad: float) -> tuple[float, float]:
    """Zero-based limits with ``pad`` (share of the span) beyond the ends for labels, the
    spec's axis ``min``/``max`` where given (as the picture's)."""
    from deckgen.kinds.charts._base import reach

    return value_limits(job, reach(job, values), below=pad, above=pad)


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


def cell_label(series: Any, i: int, job: ChartJob, colour: str, text: str, *, bold: bool,
               name: str | None = None, after: str = "", position: object | None = None
               ) -> Any:  # fmt: skip
    """One point's label showing its cell in the sheet's label column (written as
    :func:`rounded_to_total` and :meth:`workbook._CategoryData.add_labels`), which shows
    ``text`` now; ``name`` (the series') first, two spaces apart, as 'China  30.2M', and
    ``after`` it (typed: 'India (0.2M in 2004)  5.9M'). Its text carries the font: a label
    with text of its own reads no other (python-pptx drops the label's text properties,
    and LibreOffice ignores them)."""
    label = point_label(series, i, job, colour, bold=bold, position=position)
    paragraph = label.text_frame.paragraphs[0]
    font(paragraph.font, job, colour, bold=bold)  # the paragraph's, and each run's
    pieces = [(name, "SERIESNAME"), (f"{after}  ", None)] if name is not None else []
    for words, kind in [*pieces, (text, "CELLRANGE")]:
        run = paragraph.add_run()
        run.text = words
        font(run.font, job, colour, bold=bold)
        if kind is not None:
            cx.field(run._r, kind, f"{series.index}/{i}/{kind}")
    cx.text_from_cells(label._dLbl)
    cx.no_wrap(label._dLbl)
    return label


def rounded_to_total(
    series: int, point: int, count: int, scale: float, decimals: int, *, each: bool = False
) -> str:
    """A formula for the label of point ``point`` of series ``series`` (of ``count``
    series, each a column of the sheet, a point a row): its value in units of ``scale``
    (1e6: millions) rounded to ``decimals`` places so that the row's labels add up to its
    rounded total, by largest remainder as :func:`deckgen.tables.rounding.round_to_total`
    rounds them: each is rounded as usual, and where those miss the rounded total by k
    units of the last place, the k that rounding moved furthest the wrong way move a unit
    the other way (ties: the earlier keeps the larger figure), those a move would write
    as zero last. Empty where the cell is.

    Written from the sheet's own cells, so after "Edit Data" the labels still add up. Not
    quite round_to_total: where the cut splits equal values, round_to_total moves whole
    sets of them instead where it can (two equal parts print alike), which no formula
    here does; ties go by order.

    ``each``: the value rounded on its own, a plain ROUND, whatever the row's labels then add
    up to (a chart's ``rounding: each``, :func:`deckgen.tables.rounding.rounded_parts`)."""
    row = point + wb.FIRST_ROW
    cells = f"${wb.column(0)}{row}:${wb.column(count - 1)}{row}"
    own = wb.cell(series, point)
    per = f"/{int(scale)}" if scale != 1 else ""  # a compact unit: 1000, 1000000, ...
    back = f"*{int(scale)}" if scale != 1 else ""
    if each:
        return f'IF({own}="","",ROUND({own}{per},{decimals}){back})'
    times, over = (f"*{10**decimals}", f"/{10**decimals}") if decimals else ("", "")
    # Sums and differences are first rounded to 9 places past the labels': their float
    # noise (1.75 summed as 1.7499999999999929, a residue of 0.005 as 0.0049999999999999)
    # would round a total the other way, or break a tie the decimals make.
    fine = decimals + 9
    # The units the row's labels rounded one by one miss its rounded total by, signed.
    gap = (f"ROUND((ROUND(ROUND(SUM({cells}){per},{fine}),{decimals})"
           f"-SUMPRODUCT(ROUND({cells}{per},{decimals}))){times},0)")  # fmt: skip
    sign = f"SIGN({gap})"
    # What ordinary rounding took off each.
    residues = f"ROUND({cells}{per}-ROUND({cells}{per},{decimals}),{fine})"
    mine = f"ROUND({own}{per}-ROUND({own}{per},{decimals}),{fine})"

    # Each one's tier, as round_to_total orders them: those ordinary rounding moved the
    # wrong way (they can move within a unit) first, of them those a move would not write
    # as zero; then the rest.
    def tier(at: str, residue: str) -> str:
        units = f"ROUND(ROUND({at}{per},{decimals}){times},0)"
        return f"(2*({sign}*{residue}<=0)+({units}+{sign}=0)*({at}<>0))"

    theirs, ours = tier(cells, residues), tier(own, mine)
    # How many of the row go before this one: in a tier before its own, or in its own
    # further the wrong way, or as far and before it in the order that breaks ties
    # (earlier when rounding up, later when down).
    ahead = f"SUMPRODUCT(({theirs}<{ours})*1)"
    further = f"SUMPRODUCT(({theirs}={ours})*({sign}*{residues}>{sign}*{mine}))"
    before = (f"SUMPRODUCT(({theirs}={ours})*({residues}={mine})"
              f"*({sign}*COLUMN({cells})<{sign}*COLUMN({own})))")  # fmt: skip
    rank = f"{ahead}+{further}+{before}"
    moved = f"{sign}*(({rank})<ABS({gap})){over}"
    return f'IF({own}="","",(ROUND({own}{per},{decimals})+{moved}){back})'


#: Points PowerPoint and LibreOffice leave between a bar's end and its label at outEnd.
APP_GAP = 3.0


def label_gap(series: Any, job: ChartJob, gap: float, *, horizontal: bool) -> None:
    """Move every value label of ``series`` (at its bars' outer ends) out to ``gap`` points
    from its bar's end, as the picture places them: the applications leave only
    :data:`APP_GAP` points, so a label at a horizontal bar's end all but touches it. Each
    point gets its own label (only a point's label can be moved), keeping any it has."""
    frame = job.canvas.width.pt if horizontal else job.canvas.height.pt
    extra = gap - APP_GAP
    if extra <= 0.5:
        return
    colour = job.theme.theme.colors.text
    cx.no_leader_lines(series._element)
    for i, value in enumerate(job.data.series[0].values):
        if value is None:
            continue
        label = series.points[i].data_label
        if label._dLbl is None:
            point_label(series, i, job, colour, bold=False,
                        position=XL_LABEL_POSITION.OUTSIDE_END)  # fmt: skip
        away = extra if value >= 0 else -extra
        if horizontal:
            cx.shift_label(label._dLbl, away / frame, 0.0)
        else:
            cx.shift_label(label._dLbl, 0.0, -away / frame)


def gap_width(job: ChartJob) -> int:
    """The theme's bar width (share of a slot) as PowerPoint's gap width (% of a bar)."""
    width = job.theme.theme.chart.bar_width
    return max(0, min(500, round((1 - width) / width * 100)))


def overlay_reference(chart: Chart, job: ChartJob, index: int,
                      spot: tuple[float, bool] | None = None) -> None:  # fmt: skip
    """The reference line: its series moved onto a line chart over the plot, dashed, edge
    to edge across the plot (:func:`chartxml.extend_to_edges` over bars), with
    'label: value' clear of the line (as on the picture): above its right end,
    right-aligned to the plot's edge, or at ``spot`` (:func:`reference_spot`: where its
    right end is, as a share of the plot's width, and whether above the line)."""
    colors = job.theme.theme.colors
    edges = cx.spans_plot(chart)  # a line chart's points already sit on the plot's edges
    cx.move_to_line_overlay(chart, index)
    plot = chart.plots[-1]
    series = plot.series[0]
    series.smooth = False
    line = series.format.line
    line.color.rgb = sh.rgb(colors.text)
    line.width = Pt(1.2)
    line.dash_style = 4  # MSO_LINE_DASH_STYLE.DASH
    series.marker.style = MARKER.NONE
    count = len(job.data.categories)
    right, above = spot or (1.0, True)
    side = XL_LABEL_POSITION.ABOVE if above else XL_LABEL_POSITION.BELOW
    label = point_label(series, count - 1, job, colors.text, bold=False, position=side)
    # Above the line's last point, centred there by default: move it so it ends at the
    # plot's edge (half a slot right of the point over bars), and up by a small gap. A
    # label that writes the value already ('Target: 78%') is shown alone, as drawn.
    ref = reference_value(job)
    stated = ref is not None and label_states(job, job.spec.reference.label, ref)  # type: ignore[union-attr]
    cx.show_fields(label._dLbl, series=True, value=not stated)
    if not stated:
        cx.label_separator(label._dLbl, ": ")
    text = reference_text(job, ref) if ref is not None else ""
    if ref is not None and not stated:
        # As the picture writes it, a number on its own ('5M'): the decimals it shows.
        shown = job.spec.format.format(ref)
        places = len(shown.rstrip("%KMBT" + job.spec.format.suffix).partition(".")[2])
        own = job.spec.format.model_copy(update={"decimals": places})
        cx.label_number_format(label._dLbl, excel_format(own, [ref]))
    width, height = job.canvas.width.pt, job.canvas.height.pt
    beyond = 0.0 if edges else width * PLOT_SHARE / count / 2
    # From the last point (half a slot short of the plot's edge over bars) to ``right``.
    along = beyond - (1.0 - right) * width * PLOT_SHARE
    cx.label_offset(label._dLbl, (along - text_w(job, text) / 2 - 2) / width,
                    (-1 if above else 1) * _LINE_GAP / height)  # fmt: skip
    cx.no_leader_lines(series._element)
    cx.hide_legend_entry(chart, index)
    if not edges:
        cx.extend_to_edges(chart)


#: The plot's share of a native chart's width as both applications lay it out.
PLOT_SHARE = 0.92
#: About the plot's share of a native chart's height (the names under it take the rest).
_PLOT_HEIGHT = 0.85


def reference_spot(job: ChartJob, values: list[float], lo: float, hi: float, *,
                   labels_on: bool) -> tuple[float, bool] | None:  # fmt: skip
    """Where a column chart's reference label is clear of every bar and the value over it,
    as the picture looks for it (``_bars._along_line``): above the line, then below it, at
    the plot's right end, then ending just left of each bar in turn from the right, then
    at the left end. Left at the right end, 'Median change: 5.0' was written in dark text
    across the tallest, last bar (fuzzing). (Its right end as a share of the plot's width,
    whether above the line), or ``None`` where no spot is clear. ``lo``, ``hi``: the value
    axis's limits as set (:func:`limits`), ``labels_on``: each bar's value written over it.
    The plot is measured as the applications lay it out, with some air to spare."""
    ref = reference_value(job)
    if ref is None or not values:
        return None
    width, height = PLOT_SHARE * job.canvas.width.pt, _PLOT_HEIGHT * job.canvas.height.pt
    low, _ = fixed_ends(job, lo, hi)
    bottom = lo if low is not None else min(lo, 0.0)
    top = drawn_top(job, lo, hi, max(values), show=not labels_on)
    per = height / ((top - bottom) or 1.0)
    line = (ref - bottom) * per
    tall, air = text_h(job), 0.3 * text_h(job)
    slot = width / len(values)
    bar = slot / (1 + gap_width(job) / 100)
    taken = []
    for i, v in enumerate(values):
        centre, ends = (i + 0.5) * slot, sorted(((0.0 - bottom) * per, (v - bottom) * per))
        taken.append((centre - bar / 2, ends[0], centre + bar / 2, ends[1]))
        if labels_on:  # its value over its end (under a negative bar's)
            wide = text_w(job, fmt(job, v), bold=True) / 2
            y = ends[1] + _LINE_GAP if v >= 0 else ends[0] - _LINE_GAP - tall
            taken.append((centre - wide, y, centre + wide, y + tall))
    own = text_w(job, reference_text(job, ref)) + 2
    rights = [width, *sorted({b[0] - air for b in taken if 0 < b[0] - air <= width},
                             reverse=True), own]  # fmt: skip
    for right in rights:
        left = right - own
        if left < -0.5:
            continue
        for above in (True, False):
            under = line + _LINE_GAP if above else line - _LINE_GAP - tall
            if under < 0 or under + tall > height:
                continue
            if not any(left - air < b[2] and b[0] < right + air and under - air < b[3]
                       and b[1] < under + tall + air for b in taken):  # fmt: skip
                return right / width, above
    return None


#: Points between a reference line and its label (native charts).
_LINE_GAP = 3.0


def reference_overlay(job: ChartJob) -> list[Overlay]:
    """The reference line as an embedded series (bars and lines draw it as an overlay).

    A mean or median is a formula over the first series' cells (:func:`reference_formula`),
    so the line and its label follow an "Edit Data" change; a number stays a number."""
    ref = reference_value(job)
    if ref is None or job.spec.reference is None:
        return []
    count = len(job.data.categories)
    values: list[float | None] = [ref] * count
    formula = reference_formula(job)
    if formula is not None:
        values = wb.Derived(values, [formula] * count)
    return [(job.spec.reference.label, values)]


def reference_formula(job: ChartJob) -> str | None:
    """The reference line's value as a formula over the series' cells, as the picture
    computes it (:func:`reference_value`: a missing value, a blank cell, is left out, as
    AVERAGE and MEDIAN leave blanks out); ``None`` for a number."""
    ref = job.spec.reference
    if ref is None or ref.value not in ("mean", "median"):
        return None
    cells = wb.values_range(0, len(job.data.series[0].values))
    return f"{'AVERAGE' if ref.value == 'mean' else 'MEDIAN'}({cells})"


def totals_overlay(job: ChartJob) -> Overlay:
    """Each category's total of the series, as an embedded series (the overlay stacked
    columns write their totals with): a SUM of the row's series cells in the workbook, so
    the printed total follows an "Edit Data" change."""
    series = job.data.series
    count = len(job.data.categories)
    totals: list[float | None] = [sum(s.values[i] or 0.0 for s in series) for i in range(count)]
    formulas: list[str | None] = [
        f"SUM({wb.cell(0, i)}:{wb.cell(len(series) - 1, i)})" for i in range(count)
    ]
    return (job.words.total, wb.Derived(totals, formulas))


def chart_data(job: ChartJob) -> CategoryChartData:
    """The data to embed: the job's categories and series, then any overlay series (an
    overlay computed from the series, :class:`workbook.Derived`, as formulas).

    Dates are embedded as dates on a chart with a time axis (PowerPoint then draws a date
    axis), else as the labels the picture shows ('Q1 2010'): quarters too where the
    picture names them (:func:`quarters_as_text`), which no date format can write."""
    data = wb.category_data(code(job))  # a derived overlay is embedded as formulas
    if job.data.x_dates is not None and job.spec.time_axis and not quarters_as_text(job):
        data.categories = list(job.data.x_dates)
    else:
        data.categories = category_labels(job)
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
