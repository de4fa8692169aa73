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

A series computed from the others (a column's total over its stacked parts, a reference
line at the mean, the invisible base lifting a bridge's steps) was embedded as typed-in
numbers: after "Edit Data" changed a value, the total printed on the column and the
'Average' line kept the old numbers (found by review). Such a series is a :class:`Derived`
list, and :func:`category_data` writes each of its cells as a formula over the sheet's own
cells, its value cached in the cell (viewers that do not recalculate, and the chart's own
cache, show the same number); the options above concern text only, a formula written as a
formula is kept.

A series' value labels may read their text from cells of the sheet (Office 2013's "Value
From Cells"): :meth:`_CategoryData.add_labels` writes such a column, right of every series,
its cells formulas over the series' cells like a derived series' (its header the series'
name, a formula too), and returns its reference for the chart.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pptx.chart.data import BubbleChartData, CategoryChartData, XyChartData
from pptx.chart.xlsx import BubbleWorkbookWriter, CategoryWorkbookWriter
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


# --------------------------------------------------------------------------- derived series
#: The sheet row of a category chart's first value (row 1 holds the series' names).
FIRST_ROW = 2


def column(series: int) -> str:
    """The sheet column of category-chart series ``series`` (0 is the first): the
    categories take column A, so series 0 is in B."""
    return str(CategoryWorkbookWriter._column_reference(series + 2))


def cell(series: int, point: int) -> str:
    """The cell of point ``point`` of series ``series``: ``B2`` for the first of the first."""
    return f"{column(series)}{point + FIRST_ROW}"


def values_range(series: int, count: int) -> str:
    """Every value of series ``series`` (``count`` points), fixed: ``$B$2:$B$6``."""
    letter = column(series)
    return f"${letter}${FIRST_ROW}:${letter}${count + FIRST_ROW - 1}"


def labels_range(series: int, k: int, count: int) -> str:
    """The reference of the ``k``-th label column (0 is the first) of a sheet of
    ``series`` series of ``count`` points (:meth:`_CategoryData.add_labels`)."""
    return f"Sheet1!{values_range(series + k, count)}"


class Derived(list[float | None]):
    """The values of a series computed from other cells of the sheet, each with its formula
    (``None``: a value as given, no formula). A list still: the chart caches the values, and
    code that reads an overlay's values reads them unchanged."""

    def __init__(self, values: Sequence[float | None], formulas: Sequence[str | None]) -> None:
        if len(values) != len(formulas):
            raise ValueError("a derived series takes a formula (or None) per value")
        super().__init__(values)
        self.formulas = tuple(formulas)


class _FormulaSheet(CategoryWorkbookWriter):
    """python-pptx's category layout, with each :class:`Derived` series' cells written as
    formulas (their values cached) and every other cell as python-pptx writes it; then
    the label columns (:meth:`_CategoryData.add_labels`)."""

    _chart_data: _CategoryData

    def _write_series(self, workbook: Any, worksheet: Any) -> None:
        data = self._chart_data
        offset = data.categories.depth
        series = list(data)
        for k, one in enumerate(series):
            number_format = workbook.add_format({"num_format": one.number_format})
            col = k + offset
            worksheet.write(0, col, one.name)
            _write_values(worksheet, col, one.values, data.formulas.get(k), number_format)
        for k, (of, values) in enumerate(data.labels):
            col = len(series) + k + offset
            labelled = series[of]
            worksheet.write_formula(0, col, f"={column(of)}1", None, labelled.name)
            number_format = workbook.add_format({"num_format": labelled.number_format})
            # A point with no value has no label: its cell is empty.
            _write_values(worksheet, col, values, values.formulas, number_format, blank="")


def _write_values(worksheet: Any, col: int, values: Sequence[float | None],
                  formulas: Sequence[str | None] | None, number_format: Any,
                  blank: float | str = 0.0) -> None:  # fmt: skip
    """A column's values from row 2: as given, or as formulas where ``formulas`` has one
    (the value cached, ``blank`` for none: what a viewer that does not recalculate
    shows)."""
    for i, value in enumerate(values):
        formula = formulas[i] if formulas is not None else None
        if formula is None:
            worksheet.write(i + 1, col, value, number_format)
        else:
            worksheet.write_formula(i + 1, col, formula, number_format,
                                    blank if value is None else value)  # fmt: skip


class _CategoryData(CategoryChartData):
    """Category chart data whose :class:`Derived` series are embedded as formulas."""

    def __init__(self, number_format: str) -> None:
        super().__init__(number_format=number_format)
        self.formulas: dict[int, tuple[str | None, ...]] = {}
        self.labels: list[tuple[int, Derived]] = []

    def add_series(self, name: str, values: Sequence[float | None] = (),
                   number_format: str | None = None) -> Any:  # fmt: skip
        if isinstance(values, Derived):
            self.formulas[len(self)] = values.formulas
        return super().add_series(name, values, number_format)

    def add_labels(self, series: int, values: Derived) -> str:
        """A column of the label values of series ``series`` (0 is the first), right of
        every series (add it after the last), in that series' number format: the
        reference its labels read their text from ("Value From Cells")."""
        reference = labels_range(len(self), len(self.labels), len(values))
        self.labels.append((series, values))
        return reference

    @property
    def _workbook_writer(self) -> _FormulaSheet:
        return _FormulaSheet(self)


def category_data(number_format: str) -> CategoryChartData:
    """Chart data for a category chart (python-pptx's ``CategoryChartData``) that embeds a
    series given as :class:`Derived` values as formulas, each cell's value cached."""
    return _CategoryData(number_format)
