"""The sheet of named points an XY or bubble chart embeds (deckgen.ooxml.workbook.points_data)."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.oxml.ns import qn
from pptx.util import Inches

from deckgen.ooxml.workbook import Column, cache_formats, points_data

COLUMNS = [
    Column("Hours", [2.0, 5.5], "0.0"),
    Column("Score", [61.0, 88.0], "0"),
    Column("Class size", [24.0, 31.0], '#,##0" pupils"'),
]


def _chart(kind, columns):
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    data = points_data("Pupil", ["=1+1", "Ana"], columns)
    frame = slide.shapes.add_chart(kind, Inches(1), Inches(1), Inches(6), Inches(4), data)
    return frame.chart


@pytest.mark.parametrize(
    ("kind", "columns"), [(XL_CHART_TYPE.BUBBLE, COLUMNS), (XL_CHART_TYPE.XY_SCATTER, COLUMNS[:2])]
)
def test_the_sheet_holds_the_names_as_text_and_each_column_in_its_own_format(kind, columns):
    chart = _chart(kind, columns)
    blob = chart.part.chart_workbook.xlsx_part.blob
    sheet = load_workbook(io.BytesIO(blob)).active
    rows = [[(c.value, c.number_format, c.data_type) for c in row] for row in sheet.iter_rows()]
    assert [v for v, _, _ in rows[0]] == ["Pupil", *(c.header for c in columns)]
    assert [row[0][:1] + row[0][2:] for row in rows[1:]] == [("=1+1", "s"), ("Ana", "s")]
    for k, column in enumerate(columns, start=1):
        assert [row[k][:2] for row in rows[1:]] == [(v, column.number_format)
                                                    for v in column.values]  # fmt: skip
    ser = chart.plots[0].series[0]._element
    cache_formats(ser, columns)
    tags = ("c:xVal", "c:yVal", "c:bubbleSize")[: len(columns)]
    assert [ser.find(f"{qn(t)}//{qn('c:formatCode')}").text for t in tags] == [
        c.number_format for c in columns
    ]
    assert [ser.find(f"{qn(t)}//{qn('c:f')}").text for t in tags] == [
        f"Sheet1!${col}$2:${col}$3" for col in "BCD"[: len(columns)]
    ]


def test_columns_of_another_length_than_the_names_are_refused():
    with pytest.raises(ValueError, match="a value per name"):
        points_data("Pupil", ["Ana"], COLUMNS)
