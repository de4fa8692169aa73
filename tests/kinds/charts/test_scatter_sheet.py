"""The sheet a native scatter or bubble chart embeds ("Edit Data"): the points' names, then
x, y and size, each under its own column's name and in its own number format."""

from __future__ import annotations

import io

from openpyxl import load_workbook
from pptx import Presentation
from pptx.oxml.ns import qn

from deckgen.kinds.charts import chart as chart_spec
from deckgen.kinds.charts._native import add_native_chart
from deckgen.layout.geometry import Rect
from deckgen.layout.units import Inches
from deckgen.render.charts import ChartJob
from deckgen.tables.select import ChartData, Series
from tests.helpers import load_theme
from tests.kinds.charts.jobs import CANVAS

#: Ponds: depth in metres (x), water temperature in degrees (y), area in square metres.
PONDS = ["Mill pond", "Reed bed", "Quarry lake"]
DEPTH = [1.5, 0.5, 12.0]
TEMPERATURE = [14.2, 17.8, 9.1]
AREA = [2500.0, 800.0, 41000.0]


def job(names: list[str], series: dict[str, list[float]], **fields: object) -> ChartJob:
    """A scatter chart of ``series`` (x, y and maybe size: name -> values) over ``names``."""
    spec = chart_spec(type="scatter", data="d", **fields)
    data = ChartData(tuple(names), tuple(Series(n, tuple(v)) for n, v in series.items()))
    return ChartJob(spec, data, load_theme("corporate"), CANVAS, title="Ponds")


def _native(chart_job: ChartJob):
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    box = Rect(Inches(0.5), Inches(0.5), CANVAS.width, CANVAS.height)
    return add_native_chart(slide, chart_job, box, "alt").chart


def _sheet(chart) -> list[list[tuple[object, str]]]:
    blob = chart.part.chart_workbook.xlsx_part.blob
    rows = load_workbook(io.BytesIO(blob)).active.iter_rows()
    return [[(c.value, c.number_format) for c in row] for row in rows]


def _bubbles() -> ChartJob:
    return job(PONDS, {"Depth (m)": DEPTH, "Temperature": TEMPERATURE, "area": AREA},
               x="Depth (m)", y="Temperature", size="area", name="pond",
               x_format="plain:1", format="plain:1°", size_format="compact:0")  # fmt: skip


def test_the_bubble_sheet_names_the_points_and_gives_each_column_its_header_and_format():
    chart = _native(_bubbles())
    sheet = _sheet(chart)
    assert [value for value, _ in sheet[0]] == ["pond", "Depth (m)", "Temperature", "area"]
    assert [row[0][0] for row in sheet[1:]] == PONDS
    assert [[v for v, _ in row[1:]] for row in sheet[1:]] == [
        list(r) for r in zip(DEPTH, TEMPERATURE, AREA, strict=True)
    ]
    depth, temperature, area = (sheet[1][k][1] for k in (1, 2, 3))
    assert depth.startswith("#,##0.0;") and "°" not in depth
    assert "°" in temperature
    assert '"K"' in area and "°" not in area
    # The chart reads the columns it shows, and caches them in the same formats.
    ser = chart.plots[0].series[0]._element
    for tag, column, code in (("c:xVal", "B", depth), ("c:yVal", "C", temperature),
                              ("c:bubbleSize", "D", area)):  # fmt: skip
        element = ser.find(qn(tag))
        assert element.find(f".//{qn('c:f')}").text == f"Sheet1!${column}$2:${column}$4"
        assert element.find(f".//{qn('c:formatCode')}").text == code
    assert ser.find(f"{qn('c:tx')}//{qn('c:f')}").text == "Sheet1!$C$1"


def test_a_scatter_without_names_heads_its_row_names_and_keeps_two_number_columns():
    chart_job = job(["Row 1", "Row 2", "Row 3"],
                    {"depth": DEPTH, "temperature": TEMPERATURE}, x="depth", y="temperature",
                    x_format="plain:1", format="plain:1°")  # fmt: skip
    sheet = _sheet(_native(chart_job))
    assert [value for value, _ in sheet[0]] == ["Row", "depth", "temperature"]
    assert [row[0][0] for row in sheet[1:]] == ["Row 1", "Row 2", "Row 3"]
    assert "°" not in sheet[1][1][1] and "°" in sheet[1][2][1]


def test_a_bubble_of_size_zero_keeps_the_chart_a_picture() -> None:
    """PowerPoint draws no bubble, and no label, for a size of 0, where the picture draws
    the smallest bubble and names it: natively the point vanished (fuzzing)."""
    axes = {"x": "depth", "y": "temperature", "size": "area"}
    xy = {"depth": DEPTH, "temperature": TEMPERATURE}
    empty = job(PONDS, {**xy, "area": [2500.0, 0.0, 41000.0]}, **axes)
    reason = empty.spec.native_refusal_for(empty)
    assert reason is not None and "Reed bed has a size of 0" in reason
    # (Not AREA: its Reed bed, 800 beside 41,000, is enlarged on this canvas.)
    sized = job(PONDS, {**xy, "area": [12000.0, 8000.0, 41000.0]}, **axes)
    assert sized.spec.floored(sized) == []
    assert sized.spec.native_refusal_for(sized) is None
    # a 0 y is a point
    plain = job(PONDS, {"depth": DEPTH, "area": [2500.0, 0.0, 41000.0]}, x="depth", y="area")
    assert plain.spec.native_refusal_for(plain) is None


def test_a_bubble_the_picture_enlarges_keeps_the_chart_a_picture() -> None:
    """12 customers beside 2.1 million: the picture draws the smallest bubble it can see
    and its alt text says so, where PowerPoint drew a speck at true size under that alt
    text (fuzzing). The chart stays a picture, naming the bubble."""
    chart_job = job(["Alpha", "Beta", "Gamma"], {"revenue": [120.0, 80.0, 60.0],
                    "margin": [12.0, 8.0, 15.0], "customers": [2_100_000.0, 900_000.0, 12.0]},
                    x="revenue", y="margin", size="customers")  # fmt: skip
    assert chart_job.spec.floored(chart_job) == ["Gamma"]
    reason = chart_job.spec.native_refusal_for(chart_job)
    assert reason is not None and reason.startswith("the bubble of Gamma is too small to see")
