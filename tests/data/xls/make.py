"""Write the .xls workbooks the tests read, as an office suite saves them.

    python tests/data/xls/make.py     # needs LibreOffice Calc (apt-get install libreoffice-calc)

Each workbook is written as .xlsx with openpyxl, then saved as Excel 97-2003 (.xls) by
LibreOffice Calc, so the tests read the binary format as a real program writes it (the
tests themselves need neither). What each holds is what tests/tables/test_xls.py reads.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import tempfile
from pathlib import Path

import openpyxl
from openpyxl.utils.datetime import CALENDAR_MAC_1904

HERE = Path(__file__).resolve().parent


def production(path: Path) -> None:
    """A statistics office's workbook: a hidden first sheet of notes, then the table under a
    title, with percentages and dates as formatted cells, a hidden row and column, text
    that looks like a formula or an error, and a source line below."""
    book = openpyxl.Workbook()
    notes = book.active
    notes.title = "Notes"
    notes["A1"] = "About these tables"
    notes.sheet_state = "hidden"
    data = book.create_sheet("Data")
    data.append(["Table 1: Vehicle production by country"])
    data.append([])
    data.append(["Country", "2022", "2023", "Share", "Updated", "Revised", "Note"])
    rows = [
        ["China", 27020615, 30160966, 0.3218, dt.date(2024, 3, 1), True, "=see notes"],
        ["USA", 10060339, 10611555, 0.1132, dt.date(2024, 3, 2), False, "#N/A"],
        ["Japan", 7835519, 8997440, 0.096, dt.date(2024, 3, 3), True, None],
        ["Germany", 3677820, 4109371, 0.0438, dt.date(2024, 3, 4), False, None],
    ]
    for row in rows:
        data.append(row)
    for r in range(4, 8):
        data.cell(r, 4).number_format = "0.0%"
        data.cell(r, 5).number_format = "mmm d, yyyy"
        data.cell(r, 7).data_type = "s"  # text as written, not a formula or an error
    data.row_dimensions[6].hidden = True  # Japan
    data.column_dimensions["F"].hidden = True  # Revised
    data.append([])
    data.append(["Source: OICA"])
    book.active = 1
    book.save(path)


def errors(path: Path) -> None:
    """A formula that divides by zero: Excel's '#DIV/0!' in D3."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Sales"
    sheet.append(["Region", "Units", "Growth"])
    sheet.append(["North", 120, 0.05])
    sheet.append(["South", 0, "=1/0"])
    book.save(path)


def mac_dates(path: Path) -> None:
    """Dates counted from 1904, as old Mac Excel counts them."""
    book = openpyxl.Workbook()
    book.epoch = CALENDAR_MAC_1904
    sheet = book.active
    sheet.title = "Monthly"
    sheet.append(["Month", "Visits"])
    for k, visits in enumerate([1200, 1350, 1500]):
        sheet.append([dt.datetime(2024, k + 1, 1), visits])
        sheet.cell(k + 2, 1).number_format = "mmm yyyy"
    book.save(path)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        made = []
        for make in (production, errors, mac_dates):
            xlsx = Path(tmp) / f"{make.__name__.replace('_', '-')}.xlsx"
            make(xlsx)
            made.append(str(xlsx))
        subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp}/profile", "--headless",
                        "--convert-to", "xls", "--outdir", str(HERE), *made],
                       check=True, timeout=300)  # fmt: skip


if __name__ == "__main__":
    main()
