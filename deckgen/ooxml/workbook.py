"""The workbooks embedded in native charts hold text as text, never as formulas.

python-pptx writes a chart's data with XlsxWriter's ``worksheet.write``, which turns a
string starting with ``=`` into a live formula (and one that looks like a URL into a
link): a category or series label from someone else's CSV, such as
``=HYPERLINK("http://…")``, would run when the chart's "Edit Data" opens the workbook.
XlsxWriter's ``strings_to_formulas`` / ``strings_to_urls`` options turn that off for the
whole workbook; python-pptx opens its workbooks in one method (``_open_worksheet``), so
that one method is replaced, once, to pass them. ``tests/ooxml/test_workbook.py`` opens the
embedded workbook with openpyxl and would catch a python-pptx that writes it elsewhere.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterator

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


text_stays_text()
