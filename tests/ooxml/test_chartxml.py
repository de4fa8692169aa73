"""Chart XML python-pptx does not write: label moves add up; the edge-to-edge reference
line keeps the schema's order and hides only the series' own line."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.oxml.ns import qn
from pptx.util import Inches

from deckgen.ooxml import chartxml as cx


def _chart(kind: object = XL_CHART_TYPE.COLUMN_CLUSTERED):
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    data = CategoryChartData()
    data.categories = ["A", "B", "C"]
    data.add_series("values", [1.0, 2.0, 3.0])
    data.add_series("Target", [2.0, 2.0, 2.0])
    frame = slide.shapes.add_chart(kind, 0, 0, Inches(6), Inches(4), data)  # type: ignore[arg-type]
    return frame.chart  # type: ignore[attr-defined]


def _position(dlbl: etree._Element) -> tuple[float, float]:
    manual = dlbl.find(f"{qn('c:layout')}/{qn('c:manualLayout')}")
    return float(manual.find(qn("c:x")).get("val")), float(manual.find(qn("c:y")).get("val"))


moves = st.lists(st.tuples(st.floats(-0.3, 0.3), st.floats(-0.3, 0.3)), min_size=1, max_size=5)


@settings(max_examples=40, deadline=None)
@given(first=st.tuples(st.floats(-0.3, 0.3), st.floats(-0.3, 0.3)), more=moves)
def test_label_moves_add_up_on_any_earlier_move(first, more):
    chart = _chart()
    dlbl = chart.plots[0].series[0].points[1].data_label._get_or_add_dLbl()
    cx.label_offset(dlbl, *first)
    for dx, dy in more:
        cx.shift_label(dlbl, dx, dy)
    x, y = _position(dlbl)
    steps = len(more) + 1  # each write rounds to five decimals
    assert x == pytest.approx(first[0] + sum(m[0] for m in more), abs=1e-5 * steps)
    assert y == pytest.approx(first[1] + sum(m[1] for m in more), abs=1e-5 * steps)
    assert len(dlbl.findall(qn("c:layout"))) == 1


def test_a_label_never_moved_moves_from_where_it_stands():
    chart = _chart()
    dlbl = chart.plots[0].series[0].points[0].data_label._get_or_add_dLbl()
    cx.shift_label(dlbl, 0.01, -0.02)
    assert _position(dlbl) == (0.01, -0.02)


def test_the_edge_to_edge_line_is_a_trendline_in_schema_order():
    chart = _chart()
    assert not cx.spans_plot(chart)
    cx.move_to_line_overlay(chart, 1)
    line = chart.plots[1].series[0]
    line.format.line.width = Inches(0.02)
    cx.extend_to_edges(chart)
    ser = line._element
    tags = [etree.QName(c).localname for c in ser]
    assert tags.index("trendline") < tags.index("cat") < tags.index("val")
    trend = ser.find(qn("c:trendline"))
    assert [etree.QName(c).localname for c in trend] == [
        "spPr", "trendlineType", "forward", "backward", "dispRSqr", "dispEq"
    ]  # fmt: skip
    assert trend.find(f"{qn('c:spPr')}/{qn('a:ln')}").get("w") == str(Inches(0.02))
    assert ser.find(f"{qn('c:spPr')}/{qn('a:ln')}/{qn('a:noFill')}") is not None
    # The bars keep their series and their look.
    assert len(chart.plots[0].series) == 1


def test_a_line_chart_already_spans_its_plot():
    chart = _chart(XL_CHART_TYPE.LINE)
    cx.points_on_ticks(chart)
    assert cx.spans_plot(chart)


def test_a_label_showing_its_cell_is_a_field_over_a_cached_range_in_schema_order():
    """Office 2013's "Value From Cells": the series names the cells and caches their text
    (last in the series, as the schema orders it); a point's label is its own text, a
    CELLRANGE field showing the cached text, no show flag adding to it. Field ids are
    the same at every build, and differ between fields."""
    chart = _chart()
    series = chart.plots[0].series[0]
    cx.labels_from_cells(series._element, "Sheet1!$D$2:$D$4", ["1.0", None, "3.0"])
    label = series.points[0].data_label
    label.has_text_frame = True
    run = label.text_frame.paragraphs[0].add_run()
    run.text = "1.0"
    cx.field(run._r, "CELLRANGE", "0/0/CELLRANGE")
    cx.text_from_cells(label._dLbl)
    assert series._element[-1].tag == qn("c:extLst")
    found = series._element.find(f".//{{{cx.C15}}}datalabelsRange")
    assert found.findtext(f"{{{cx.C15}}}f") == "Sheet1!$D$2:$D$4"
    cached = found.find(f"{{{cx.C15}}}dlblRangeCache")
    assert [(p.get("idx"), p.findtext(qn("c:v"))) for p in cached.findall(qn("c:pt"))] == [
        ("0", "1.0"), ("2", "3.0")]  # fmt: skip
    fld = label._dLbl.find(f".//{qn('a:fld')}")
    assert (fld.get("type"), fld.findtext(qn("a:t"))) == ("CELLRANGE", "1.0")
    flags = [c.get("val") for c in label._dLbl if etree.QName(c).localname.startswith("show")]
    assert set(flags) == {"0"}
    assert label._dLbl[-1].find(f".//{{{cx.C15}}}showDataLabelsRange").get("val") == "1"
    again = etree.Element(qn("a:r"))
    cx.field(again, "CELLRANGE", "0/0/CELLRANGE")
    other = etree.Element(qn("a:r"))
    cx.field(other, "CELLRANGE", "0/1/CELLRANGE")
    assert again.get("id") == fld.get("id") != other.get("id")
