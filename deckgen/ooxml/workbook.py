"""The workbooks embedded in native charts hold text as text, never as formulas.

python-pptx writes a chart's data with XlsxWriter's ``worksheet.write``, which turns a
string starting with ``=`` into a live formula (and one that looks like a URL into a
link): a category or series label from someone else's CSV, such as
``=HYPERLINK("http://…")``, would run when the chart's "Edit Data" opens the workbook.
XlsxWriter's ``strings_to_formulas`` / ``strings_to_urls`` options turn that off for the
whole workbook; python-pptx opens its workbooks in one method (``_open_worksheet``), so
that one method is replaced, once, to pass them. ``tests/ooxml/test_workbook.py`` opens the
embedded workbook with openpyxl and would catch a python-pptx that writes it elsewhere.

python-pptx lays out an XY or bubble chart's sheet with one number format for every
column, no header over the x values, ``Size`` over the sizes, and no point names: "Edit
Data" then showed minutes as dollars and points nobody could tell apart.
:func:`points_data` lays the sheet out as a table of named points instead.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pptx.chart.data import BubbleChartData, XyChartData
from pptx.chart.xlsx import BubbleWorkbookWriter
from pptx.oxml.ns import qn

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

#: XlsxWriter options for every workbook python-pptx embeds.
OPTIONS = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}


@contextmanager
def _open_text_worksheet(_writer: object, xlsx_file: Any) -> Iterator[tuple[Any, Any]]:
    from xlsxwriter import Workbook

    workbook = Workbook(xlsx_file, OPTIONS)
    worksheet = workbook.add_worksheet()
    yield workbook, worksheet
    workbook.close()


def text_stays_text() -> None:
    """Make python-pptx write every embedded workbook with :data:`OPTIONS` (idempotent)."""
    from pptx.chart.xlsx import _BaseWorkbookWriter

    _BaseWorkbookWriter._open_worksheet = _open_text_worksheet  # type: ignore[method-assign,assignment]


@dataclass(frozen=True)
class Column:
    """One number column of a points sheet: its header, values and Excel number format."""

    header: str
    values: Sequence[float]
    number_format: str


class _PointsSheet(BubbleWorkbookWriter):
    """One series of points as a table: the names in column A, then x, y (and size) in
    B, C (and D), each under its own header in its own format. The chart's references
    follow the layout (python-pptx asks its writer for them)."""

    def __init__(self, chart_data: Any, name_header: str, names: Sequence[str],
                 columns: Sequence[Column]) -> None:  # fmt: skip
        super().__init__(chart_data)
        self._name_header, self._names, self._columns = name_header, names, columns

    def _range(self, column: str) -> str:
        return f"Sheet1!${column}$2:${column}${len(self._names) + 1}"

    def series_name_ref(self, series: Any) -> str:
        return "Sheet1!$C$1"

    def x_values_ref(self, series: Any) -> str:
        return self._range("B")

    def y_values_ref(self, series: Any) -> str:
        return self._range("C")

    def bubble_sizes_ref(self, series: Any) -> str:
        return self._range("D")

    def _populate_worksheet(self, workbook: Any, worksheet: Any) -> None:
        worksheet.write(0, 0, self._name_header)
        worksheet.write_column(1, 0, list(self._names))
        for k, column in enumerate(self._columns, start=1):
            worksheet.write(0, k, column.header)
            number_format = workbook.add_format({"num_format": column.number_format})
            worksheet.write_column(1, k, list(column.values), number_format)


class _XyPoints(XyChartData):
    _sheet: _PointsSheet

    @property
    def _workbook_writer(self) -> _PointsSheet:
        return self._sheet


class _BubblePoints(BubbleChartData):
    _sheet: _PointsSheet

    @property
    def _workbook_writer(self) -> _PointsSheet:
        return self._sheet


def points_data(name_header: str, names: Sequence[str], columns: Sequence[Column]) -> Any:
    """The chart data of one series of named points: ``columns`` are x and y (XY chart),
    or x, y and size (bubble chart); the y column's header names the series.

    The embedded sheet holds the names under ``name_header`` and each column under its
    own header in its own format (see :class:`_PointsSheet`); call :func:`cache_formats`
    on the chart made from it, since python-pptx caches every column in the y format.
    """
    if len(columns) not in (2, 3) or any(len(c.values) != len(names) for c in columns):
        raise ValueError("points_data takes x and y (and size) columns, a value per name")
    data = (_BubblePoints if len(columns) == 3 else _XyPoints)(columns[1].number_format)
    data._sheet = _PointsSheet(data, name_header, names, columns)
    series = data.add_series(columns[1].header)
    for values in zip(*(c.values for c in columns), strict=True):
        series.add_data_point(*values)
    return data


def cache_formats(series: Any, columns: Sequence[Column]) -> None:
    """Give the x (and size) values cached in the chart ``series`` (a ``c:ser`` element)
    their own columns' formats, as the sheet has them (python-pptx writes the y format)."""
    for tag, column in zip(("c:xVal", "c:yVal", "c:bubbleSize"), columns, strict=False):
        for code in series.iter(qn(tag)):
            for found in code.iter(qn("c:formatCode")):
                found.text = column.number_format


text_stays_text()
