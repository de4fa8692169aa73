"""Chart XML python-pptx does not write (or writes wrong), kept apart from chart design.

* python-pptx writes negative ``c:axId`` values, which the schema forbids (an unsignedInt)
  and Microsoft's Open XML SDK validator reports; :func:`positive_axis_ids` renumbers them.
* A chart with no ``c:roundedCorners`` gets rounded corners in PowerPoint, and a chart
  space or plot area with no ``c:spPr`` gets the application's white fill and border;
  :func:`plain_frame` turns all three off so the chart sits on the slide like the picture.
* Overlays (a reference line over bars, the totals over a stacked column) are series
  moved from the bar chart into a line chart on the same axes: :func:`move_to_line_overlay`.
* A label can show text other than its point's value and still follow "Edit Data": its
  text a field that reads a cell of the embedded sheet (Office 2013's "Value From Cells",
  :func:`labels_from_cells`, :func:`field`, :func:`text_from_cells`).
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from lxml import etree
from pptx.oxml.ns import qn

import deckgen.ooxml.workbook  # noqa: F401  (embedded workbooks: text stays text)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from pptx.chart.chart import Chart

#: First id given to a chart's axes (any positive unsignedInt will do; fixed = deterministic).
FIRST_AXIS_ID = 50010001
#: Elements a bar series has that a line series may not (schema CT_LineSer).
_BAR_ONLY = ("c:invertIfNegative", "c:pictureOptions", "c:shape")


def positive_axis_ids(chart: Chart) -> None:
    """Renumber every axis id, in the plots' ``c:axId`` refs and the axes' ``c:axId`` /
    ``c:crossAx``, consistently: the same old id always maps to the same new one."""
    mapping: dict[str, str] = {}
    space = chart._chartSpace
    for element in space.iter(qn("c:axId"), qn("c:crossAx")):
        old = element.get("val")
        new = mapping.setdefault(old, str(FIRST_AXIS_ID + len(mapping)))
        element.set("val", new)


def _no_fill_sppr() -> etree._Element:
    sppr = etree.Element(qn("c:spPr"))
    etree.SubElement(sppr, qn("a:noFill"))
    line = etree.SubElement(sppr, qn("a:ln"))
    etree.SubElement(line, qn("a:noFill"))
    return sppr


def plain_frame(chart: Chart) -> None:
    """Square corners, and no fill or border on the chart space and the plot area."""
    space = chart._chartSpace
    if space.find(qn("c:roundedCorners")) is None:
        corners = etree.Element(qn("c:roundedCorners"))
        corners.set("val", "0")
        anchor = space.find(qn("c:date1904"))
        if anchor is not None:
            anchor.addnext(corners)
        else:
            space.insert(0, corners)
    if space.find(qn("c:spPr")) is None:
        # Schema order: ... c:chart, c:spPr, c:txPr, c:externalData ...
        space.find(qn("c:chart")).addnext(_no_fill_sppr())
    plot_area = space.find(f"{qn('c:chart')}/{qn('c:plotArea')}")
    if plot_area.find(qn("c:spPr")) is None:
        ext = plot_area.find(qn("c:extLst"))
        if ext is not None:
            ext.addprevious(_no_fill_sppr())
        else:
            plot_area.append(_no_fill_sppr())


def move_to_line_overlay(chart: Chart, series_index: int) -> None:
    """Move series ``series_index`` of the bar (area, line) chart into a new line chart drawn
    over it on the same axes (its data stays in the embedded workbook, so Edit Data still
    shows it)."""
    plot_area = chart._chartSpace.find(f"{qn('c:chart')}/{qn('c:plotArea')}")
    bar = plot_area.find(qn("c:barChart"))
    if bar is None:
        bar = plot_area.find(qn("c:areaChart"))
    if bar is None:  # a line chart: the overlay becomes a line chart of its own
        bar = plot_area.find(qn("c:lineChart"))
    ser = bar.findall(qn("c:ser"))[series_index]
    bar.remove(ser)
    for tag in _BAR_ONLY:
        for child in ser.findall(qn(tag)):
            ser.remove(child)
    line = etree.Element(qn("c:lineChart"))
    etree.SubElement(line, qn("c:grouping")).set("val", "standard")
    etree.SubElement(line, qn("c:varyColors")).set("val", "0")
    line.append(ser)
    etree.SubElement(line, qn("c:marker")).set("val", "1")
    for ax_id in bar.findall(qn("c:axId")):
        etree.SubElement(line, qn("c:axId")).set("val", ax_id.get("val"))
    # The overlay goes after every chart already there (charts precede axes).
    charts = [c for c in plot_area if c.tag.endswith("Chart")]
    charts[-1].addnext(line)


def series_lines(chart: Chart, colour: str, width_emu: int) -> None:
    """Series lines on the chart's bar chart (``c:serLines``, PowerPoint's "Series Lines"
    of a stacked column): a line of ``colour`` (``#RRGGBB``) ``width_emu`` wide from each
    series' top in one column to its top in the next, before the ``c:axId`` refs as the
    schema orders them (CT_BarChart)."""
    bar = chart._chartSpace.find(f"{qn('c:chart')}/{qn('c:plotArea')}/{qn('c:barChart')}")
    lines = etree.Element(qn("c:serLines"))
    sppr = etree.SubElement(lines, qn("c:spPr"))
    line = etree.SubElement(sppr, qn("a:ln"))
    line.set("w", str(width_emu))
    fill = etree.SubElement(line, qn("a:solidFill"))
    etree.SubElement(fill, qn("a:srgbClr")).set("val", colour.lstrip("#").upper())
    bar.find(qn("c:axId")).addprevious(lines)


def label_fill(dlbl: etree._Element, colour: str) -> None:
    """Fill the data label ``dlbl``'s box with ``colour`` (``#RRGGBB``, the background):
    a series line drawn under it stops at its edge instead of running through its text.
    After ``c:numFmt``, ``c:tx`` or ``c:layout``, as the schema orders them (CT_DLbl)."""
    sppr = etree.Element(qn("c:spPr"))
    fill = etree.SubElement(sppr, qn("a:solidFill"))
    etree.SubElement(fill, qn("a:srgbClr")).set("val", colour.lstrip("#").upper())
    anchor = next(e for tag in ("c:numFmt", "c:tx", "c:layout", "c:idx")
                  if (e := dlbl.find(qn(tag))) is not None)  # fmt: skip
    anchor.addnext(sppr)


def set_hole_size(chart: Chart, percent: int) -> None:
    """The doughnut's hole as a percentage of its diameter (schema: 10..90)."""
    hole = chart._chartSpace.find(f".//{qn('c:doughnutChart')}/{qn('c:holeSize')}")
    hole.set("val", str(max(10, min(90, percent))))


def set_first_slice_angle(chart: Chart, degrees: int) -> None:
    angle = chart._chartSpace.find(f".//{qn('c:doughnutChart')}/{qn('c:firstSliceAng')}")
    angle.set("val", str(degrees % 360))


def label_number_format(dlbl: etree._Element, code: str) -> None:
    """Give one point's ``c:dLbl`` the series' number format (a point label is written
    whole, so without its own ``c:numFmt`` it would show the raw value)."""
    existing = dlbl.find(qn("c:numFmt"))
    if existing is not None:
        dlbl.remove(existing)
    fmt = etree.Element(qn("c:numFmt"))
    fmt.set("formatCode", code)
    fmt.set("sourceLinked", "0")
    # Schema order: idx, layout?, tx?, numFmt?, spPr?, txPr?, dLblPos?, show*...
    anchor = None
    for tag in ("c:tx", "c:layout", "c:idx"):
        anchor = dlbl.find(qn(tag))
        if anchor is not None:
            break
    assert anchor is not None  # every c:dLbl has a c:idx
    anchor.addnext(fmt)


def label_separator(dlbl: etree._Element, text: str) -> None:
    """The text between the series name and the value in one point's label."""
    sep = dlbl.find(qn("c:separator"))
    if sep is None:
        sep = etree.Element(qn("c:separator"))
        # After the show* flags (schema: ..., showBubbleSize?, separator?, showLeaderLines?).
        shows = [c for c in dlbl if etree.QName(c).localname.startswith("show")]
        shows[-1].addnext(sep)
    sep.text = text


def label_offset(dlbl: etree._Element, dx: float, dy: float) -> None:
    """Move one point's label by ``dx``, ``dy`` (fractions of the chart's size) from where
    its position puts it: PowerPoint and LibreOffice both read this manual layout."""
    layout = dlbl.find(qn("c:layout"))
    if layout is None:
        layout = etree.Element(qn("c:layout"))
        dlbl.find(qn("c:idx")).addnext(layout)
    for child in list(layout):
        layout.remove(child)
    manual = etree.SubElement(layout, qn("c:manualLayout"))
    etree.SubElement(manual, qn("c:x")).set("val", f"{dx:.5f}")
    etree.SubElement(manual, qn("c:y")).set("val", f"{dy:.5f}")


def shift_label(dlbl: etree._Element, dx: float, dy: float) -> None:
    """Move one point's label a further ``dx``, ``dy`` (fractions of the chart's size),
    on top of any move it already has (:func:`label_offset`)."""
    manual = dlbl.find(f"{qn('c:layout')}/{qn('c:manualLayout')}")
    x = y = 0.0
    if manual is not None:
        x = float(manual.find(qn("c:x")).get("val"))
        y = float(manual.find(qn("c:y")).get("val"))
    label_offset(dlbl, x + dx, y + dy)


def plot_area_layout(chart: Chart, x: float, y: float, w: float, h: float) -> None:
    """Fix the inner plot area (fractions of the chart), so label positions can be computed."""
    plot_area = chart._chartSpace.find(f"{qn('c:chart')}/{qn('c:plotArea')}")
    layout = plot_area.find(qn("c:layout"))
    if layout is None:
        layout = etree.Element(qn("c:layout"))
        plot_area.insert(0, layout)
    for child in list(layout):
        layout.remove(child)
    manual = etree.SubElement(layout, qn("c:manualLayout"))
    etree.SubElement(manual, qn("c:layoutTarget")).set("val", "inner")
    etree.SubElement(manual, qn("c:xMode")).set("val", "edge")
    etree.SubElement(manual, qn("c:yMode")).set("val", "edge")
    for tag, value in (("c:x", x), ("c:y", y), ("c:w", w), ("c:h", h)):
        etree.SubElement(manual, qn(tag)).set("val", f"{value:.5f}")


def hide_label(ser: etree._Element, idx: int) -> None:
    """Delete point ``idx``'s label from series ``ser`` (the other labels stay)."""
    dlbl = ser.get_or_add_dLbls().get_or_add_dLbl_for_point(idx)
    for child in list(dlbl):
        if child.tag != qn("c:idx"):
            dlbl.remove(child)
    etree.SubElement(dlbl, qn("c:delete")).set("val", "1")


def hide_legend_entry(chart: Chart, idx: int) -> None:
    """Leave series ``idx`` (an overlay) out of the legend, if there is one."""
    legend = chart._chartSpace.find(f"{qn('c:chart')}/{qn('c:legend')}")
    if legend is None:
        return
    entry = etree.Element(qn("c:legendEntry"))
    etree.SubElement(entry, qn("c:idx")).set("val", str(idx))
    etree.SubElement(entry, qn("c:delete")).set("val", "1")
    # Schema order: legendPos?, legendEntry*, layout?, overlay?, spPr?, txPr?
    position = legend.find(qn("c:legendPos"))
    if position is not None:
        position.addnext(entry)
    else:
        legend.insert(0, entry)


def points_on_ticks(chart: Chart) -> None:
    """Put a line chart's first and last points on the plot's edges (not mid-slot), so
    the end labels sit just outside the plot, as on the picture."""
    axis = chart._chartSpace.find(f".//{qn('c:valAx')}")
    between = axis.find(qn("c:crossBetween"))
    if between is None:
        between = etree.Element(qn("c:crossBetween"))
        crosses = axis.find(qn("c:crosses"))
        if crosses is None:
            crosses = axis.find(qn("c:crossAx"))
        crosses.addnext(between)
    between.set("val", "midCat")


_SHOW = {"value": "c:showVal", "category": "c:showCatName", "series": "c:showSerName",
         "percent": "c:showPercent"}  # fmt: skip


def show_fields(dlbl: etree._Element, **fields: bool) -> None:
    """Which fields one point's label shows (``value``, ``category``, ``series``,
    ``percent``); python-pptx has no setter for a single point's fields."""
    for name, on in fields.items():
        dlbl.find(qn(_SHOW[name])).set("val", "1" if on else "0")


def no_wrap(labels: etree._Element) -> None:
    """Keep a label (``c:dLbl``) or a series' labels (``c:dLbls``) on one line: both
    applications otherwise wrap a label wider than about a fifth of the chart, which
    doubles its height and undoes the spacing computed for it."""
    for body in (qn("c:txPr"), f"{qn('c:tx')}/{qn('c:rich')}"):
        found = labels.find(body)
        if found is not None:
            found.find(qn("a:bodyPr")).set("wrap", "none")


def spans_plot(chart: Chart) -> bool:
    """Whether a line on this chart's axes already runs edge to edge: its points sit on the
    plot's edges (``midCat``, a line chart), not in the middle of the bars' slots."""
    primary = chart._chartSpace.find(f".//{qn('c:plotArea')}/{qn('c:valAx')}")
    between = primary.find(qn("c:crossBetween"))
    return between is not None and between.get("val") == "midCat"


def extend_to_edges(chart: Chart) -> None:
    """Draw the last line overlay edge to edge across the plot, the same in PowerPoint and
    LibreOffice. Over bars a line's points sit in the middle of the categories' slots, so
    the line runs only from the first bar's middle to the last one's; hidden axes of its
    own with the points on the edges work in PowerPoint only (LibreOffice keeps one
    category scale for every series, and an XY series widens it). So the series' own line
    is hidden and drawn instead by a flat linear trendline through its points, extended
    half a category back and forward: both applications extend a trendline in category
    units, to the plot's edges. It follows the embedded data as the series does."""
    plot_area = chart._chartSpace.find(f"{qn('c:chart')}/{qn('c:plotArea')}")
    ser = plot_area.findall(qn("c:lineChart"))[-1].find(qn("c:ser"))
    look = ser.find(qn("c:spPr"))
    trend = etree.Element(qn("c:trendline"))
    trend.append(_copy(look))
    etree.SubElement(trend, qn("c:trendlineType")).set("val", "linear")
    etree.SubElement(trend, qn("c:forward")).set("val", "0.5")
    etree.SubElement(trend, qn("c:backward")).set("val", "0.5")
    etree.SubElement(trend, qn("c:dispRSqr")).set("val", "0")
    etree.SubElement(trend, qn("c:dispEq")).set("val", "0")
    # Schema order: ..., dLbls?, trendline*, errBars?, cat, val, ...
    ser.find(qn("c:cat")).addprevious(trend)
    for child in list(look):
        look.remove(child)
    etree.SubElement(etree.SubElement(look, qn("a:ln")), qn("a:noFill"))
    # A key lists the series, then the trendlines: none for this one.
    hide_legend_entry(chart, len(plot_area.findall(f".//{qn('c:ser')}")))


def _copy(element: etree._Element) -> etree._Element:
    from copy import deepcopy

    return deepcopy(element)


def no_leader_lines(ser: etree._Element) -> None:
    """No line from a point to its moved label (LibreOffice draws one for any label with a
    manual offset when the series' ``c:showLeaderLines`` is on, python-pptx's default)."""
    dlbls = ser.find(qn("c:dLbls"))
    if dlbls is None:
        return
    flag = dlbls.find(qn("c:showLeaderLines"))
    if flag is None:
        flag = etree.SubElement(dlbls, qn("c:showLeaderLines"))
        ext = dlbls.find(qn("c:extLst"))
        if ext is not None:
            ext.addprevious(flag)
    flag.set("val", "0")


#: Office 2013's chart extensions (a label's text from cells), and the ``c:ext`` that holds
#: them on a series and on a label.
C15 = "http://schemas.microsoft.com/office/drawing/2012/chart"
_SERIES_EXT = "{02D57815-91ED-43cb-92C2-25804820EDAC}"
_LABEL_EXT = "{CE6537A1-D6FC-4f65-9D91-7224C49458BB}"


def _extension(parent: etree._Element, uri: str) -> etree._Element:
    """``parent``'s ``c:ext`` of ``uri`` (made, in its ``c:extLst``, last in ``parent`` as
    the schema has it for a series and a label), declaring the ``c15`` prefix."""
    extensions = parent.find(qn("c:extLst"))
    if extensions is None:
        extensions = etree.SubElement(parent, qn("c:extLst"))
    for ext in extensions.findall(qn("c:ext")):
        if ext.get("uri") == uri:
            return ext
    ext = etree.SubElement(extensions, qn("c:ext"), nsmap={"c15": C15})
    ext.set("uri", uri)
    return ext


def labels_from_cells(ser: etree._Element, reference: str, texts: Sequence[str | None]) -> None:
    """The cells whose text series ``ser``'s labels show (a column of the embedded sheet,
    ``Sheet1!$F$2:$F$4``), with ``texts``, each point's as the cell shows it now, cached:
    PowerPoint and LibreOffice show the cache until the sheet is edited (a label shows
    a cell only where its text says so: :func:`text_from_cells`)."""
    found = etree.SubElement(_extension(ser, _SERIES_EXT), f"{{{C15}}}datalabelsRange")
    etree.SubElement(found, f"{{{C15}}}f").text = reference
    cache = etree.SubElement(found, f"{{{C15}}}dlblRangeCache")
    etree.SubElement(cache, qn("c:ptCount")).set("val", str(len(texts)))
    for i, text in enumerate(texts):
        if text is not None:
            point = etree.SubElement(cache, qn("c:pt"))
            point.set("idx", str(i))
            etree.SubElement(point, qn("c:v")).text = text


def field(run: etree._Element, kind: str, key: str) -> None:
    """Make the text run ``run`` (an ``a:r`` of a label's text) a field of ``kind``:
    ``CELLRANGE``, the point's cell (:func:`labels_from_cells`), or ``SERIESNAME``. Its
    text stays what the field shows now, for viewers that read no fields. ``key`` names the
    field in its chart: its id is made from it, the same at every build."""
    run.tag = qn("a:fld")
    run.set("id", f"{{{str(uuid.uuid5(uuid.NAMESPACE_URL, f'deckgen:{key}')).upper()}}}")
    run.set("type", kind)


def text_from_cells(dlbl: etree._Element) -> None:
    """One point's label shows its own text (its fields: :func:`field`) and nothing of
    what the show flags would add; that text may hold the point's cell."""
    show_fields(dlbl, value=False, category=False, series=False, percent=False)
    separator = dlbl.find(qn("c:separator"))
    if separator is not None:
        dlbl.remove(separator)
    etree.SubElement(_extension(dlbl, _LABEL_EXT), f"{{{C15}}}showDataLabelsRange").set("val", "1")
