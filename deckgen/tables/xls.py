"""Read an Excel 97-2003 workbook (.xls) as the .xlsx it would be saved as.

Statistics offices still publish tables as .xls. Rather than a second sheet reader with
its own idea of percentages, dates, hidden rows and error cells, each cell is written as
it is into an .xlsx in memory, with what the .xlsx reader (:mod:`deckgen.tables.excel`)
reads besides values: its number format (a percentage is read as shown, a date as a
date), hidden rows, columns and sheets, and error cells. xlrd reads the binary format;
openpyxl writes the copy. The format itself bounds the work: at most 65,536 rows of 256
columns a sheet.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from deckgen.errors import DataError, Problem
from deckgen.tables.excel import read_book

if TYPE_CHECKING:
    import pandas as pd

    from deckgen.errors import Location
    from deckgen.tables.framing import Reading
    from deckgen.tables.origin import Origin

#: The first bytes of an OLE2 compound file, the container of every binary .xls.
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

_VISIBILITY = {0: "visible", 1: "hidden", 2: "veryHidden"}


def read_xls(src: Reading) -> tuple[pd.DataFrame, Origin]:
    return read_book(src, as_xlsx(src.path.read_bytes(), src.at("file"), src.spec.file))


def as_xlsx(data: bytes, where: Location, written: str) -> bytes:
    """The .xls workbook ``data`` (``written`` in the outline, at ``where``) as .xlsx
    bytes: every sheet, its cells' values and number formats, hidden rows, columns and
    sheets, and error cells (as Excel's error values, which the .xlsx reader refuses as
    it refuses them there)."""
    import io

    import xlrd

    try:
        return _copied(xlrd.open_workbook(file_contents=data, formatting_info=True,
                                          ragged_rows=True, on_demand=True,
                                          logfile=io.StringIO()))  # fmt: skip
    except MemoryError:
        raise
    except Exception as exc:  # xlrd raises many types for a damaged file, read or sheet
        raise DataError(Problem(
            where, f"cannot read {written!r} as an Excel 97-2003 workbook (.xls): "
            f"{str(exc) or type(exc).__name__}",
            "open it in Excel or LibreOffice and save it again (as .xlsx, or .xls)",
        )) from None  # fmt: skip


def _copied(book: Any) -> bytes:
    """The xlrd ``book``'s sheets as .xlsx bytes (see :func:`as_xlsx`)."""
    import io

    import openpyxl
    import xlrd
    from openpyxl.utils import get_column_letter
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    copy = openpyxl.Workbook()
    copy.remove(copy.active)
    if book.datemode == 1:  # dates counted from 1904 (old Mac Excel): the same days
        copy.epoch = CALENDAR_MAC_1904
    formats: dict[int, str] = {}  # a cell's XF record -> its number format

    def number_format(xf: int) -> str:
        if xf not in formats:
            record = book.format_map.get(book.xf_list[xf].format_key)
            formats[xf] = record.format_str if record is not None else "General"
        return formats[xf]

    for index, name in enumerate(book.sheet_names()):
        sheet = book.sheet_by_index(index)
        out = copy.create_sheet(name)
        out.sheet_state = _VISIBILITY.get(sheet.visibility, "visible")
        for r in range(sheet.nrows):
            for c, kind in enumerate(sheet.row_types(r)):
                value = _value(kind, sheet.cell_value(r, c), xlrd)
                if value is None:
                    continue
                cell = out.cell(r + 1, c + 1, value)
                if kind == xlrd.XL_CELL_TEXT:
                    cell.data_type = "s"  # text as written: '=A1' or '#N/A' is no formula
                elif kind in (xlrd.XL_CELL_NUMBER, xlrd.XL_CELL_DATE):
                    cell.number_format = number_format(sheet.cell_xf_index(r, c))
        for r, info in sheet.rowinfo_map.items():
            if info.hidden:
                out.row_dimensions[r + 1].hidden = True
        for c, info in sheet.colinfo_map.items():
            if info.hidden:
                out.column_dimensions[get_column_letter(c + 1)].hidden = True
        book.unload_sheet(index)
    out_bytes = io.BytesIO()
    copy.save(out_bytes)
    return out_bytes.getvalue()


def _value(kind: int, value: Any, xlrd: Any) -> object:
    """A cell's value as openpyxl writes it, ``None`` for an empty cell."""
    if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return None
    if kind == xlrd.XL_CELL_BOOLEAN:
        return bool(value)
    if kind == xlrd.XL_CELL_ERROR:
        # openpyxl writes one of Excel's error values as an error cell.
        return xlrd.error_text_from_code.get(value, "#VALUE!")
    if kind == xlrd.XL_CELL_TEXT:
        return value if value else None  # an empty text cell is as empty as a blank
    return value  # a number, or a date as its serial number (its format makes it a date)
