"""deckgen.tables.xls: Excel 97-2003 workbooks (.xls) read as the .xlsx they would be saved
as, with everything the .xlsx reader reads besides values. The workbooks were saved by
LibreOffice Calc (tests/data/xls/make.py says what each holds)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deckgen.errors import DataError
from deckgen.tables.sources import load_tables, read_warnings
from tests.helpers import parse_outline

BOOKS = Path(__file__).resolve().parents[1] / "data" / "xls"


def load(tmp_path: Path, data: str, *books: str):
    """The tables of an outline whose `data:` block is ``data``, beside copies of ``books``."""
    for book in books:
        shutil.copy(BOOKS / book, tmp_path / book)
    text = f"deck: {{title: T}}\ndata:\n{data}\nslides:\n  - kind: title\n"
    path = tmp_path / "deck.yaml"
    path.write_text(text)
    return load_tables(parse_outline(text, path))


def error(tmp_path: Path, data: str, *books: str) -> str:
    with pytest.raises(DataError) as info:
        load(tmp_path, data, *books)
    return str(info.value)


def test_a_statistics_workbook_reads_as_its_xlsx_would(tmp_path):
    """The first visible sheet, the header named, the source line below left out; a
    percentage read as shown (32.2% is 32.18, as Excel shows it), a date as its day, and text
    that looks like a formula or an error kept as written."""
    frame = load(tmp_path, "  p: {file: production.xls, header: 3, footer: 1}\n", "production.xls")[
        "p"
    ]
    assert list(frame["Country"]) == ["China", "USA", "Japan", "Germany"]
    assert list(frame["2023"]) == [30160966, 10611555, 8997440, 4109371]
    assert [round(v, 2) for v in frame["Share"]] == [32.18, 11.32, 9.6, 4.38]
    assert list(frame["Updated"]) == [dt.date(2024, 3, d) for d in (1, 2, 3, 4)]
    assert list(frame["Revised"]) == ["TRUE", "FALSE", "TRUE", "FALSE"]  # as an .xlsx reads them
    assert list(frame["Note"])[:2] == ["=see notes", "#N/A"]
    origin = frame.attrs["origin"]
    assert origin.sheet == "Data" and origin.lines == (4, 5, 6, 7)


def test_hidden_rows_columns_and_sheets_are_as_in_excel(tmp_path):
    """A hidden row and column are read and warned of, as an .xlsx's are; a hidden sheet is
    read only when named."""
    tables = load(tmp_path, "  p: {file: production.xls, header: 3, footer: 1}\n", "production.xls")
    warnings = read_warnings(tables)
    assert any("row 6 of the sheet 'Data' is hidden in Excel and read as data ('Japan')" in w
               for w in warnings), warnings  # fmt: skip
    assert any("column 'Revised' (F) of the sheet 'Data' is hidden" in w for w in warnings)
    notes = load(tmp_path, "  n: {file: production.xls, sheet: Notes, header: none, "
                 "names: [text]}\n", "production.xls")["n"]  # fmt: skip
    assert list(notes["text"]) == ["About these tables"]


def test_an_error_cell_is_refused_at_its_cell(tmp_path):
    message = error(tmp_path, "  s: {file: errors.xls}\n", "errors.xls")
    assert (
        "errors.xls:3: Sales!C3: column 'Growth': expected a value, found the Excel "
        "error '#DIV/0!'" in message
    )


def test_dates_counted_from_1904_are_the_same_days(tmp_path):
    """Old Mac Excel counts days from 1904: read from 1900, each month was 4 years early."""
    frame = load(tmp_path, "  m: {file: mac-dates.xls}\n", "mac-dates.xls")["m"]
    assert list(frame["Month"]) == [dt.date(2024, m, 1) for m in (1, 2, 3)]
    assert list(frame["Visits"]) == [1200, 1350, 1500]


def test_a_sheet_that_is_not_there_is_named_with_the_sheets_that_are(tmp_path):
    message = error(tmp_path, "  p: {file: production.xls, sheet: data}\n", "production.xls")
    assert "workbook 'production.xls' has no sheet 'data'; its sheets are 'Notes', 'Data'" in (
        message)  # fmt: skip
    assert "did you mean 'Data'?" in message


def test_a_one_byte_tab_named_xls_is_refused_naming_the_file(tmp_path):
    # Read as tab-separated text (as the IMF's .xls downloads are), it has no header line:
    # said at the outline's 'header:' line, which names no file (the property test below
    # found it: flips [(0, 9)], length 1).
    (tmp_path / "p.xls").write_bytes(b"\t")
    message = error(tmp_path, "  p: {file: p.xls, header: 3, footer: 1}\n")
    assert "data.p.header: 'p.xls' has no text from line 3 on" in message


def test_a_damaged_xls_is_refused_in_words(tmp_path):
    (tmp_path / "old.xls").write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 504)
    message = error(tmp_path, "  o: {file: old.xls}\n")
    assert "data.o.file: cannot read 'old.xls' as an Excel 97-2003 workbook (.xls)" in message
    assert "open it in Excel or LibreOffice and save it again" in message
    cut = (BOOKS / "production.xls").read_bytes()[:3000]  # a download cut short
    (tmp_path / "cut.xls").write_bytes(cut)
    assert "cannot read 'cut.xls'" in error(tmp_path, "  c: {file: cut.xls}\n")


@given(st.lists(st.tuples(st.integers(0, 7167), st.integers(0, 255)), max_size=8),
       st.integers(1, 7168))  # fmt: skip
@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_property_a_damaged_xls_reads_or_is_refused_in_words(tmp_path, flips, length):
    """Bytes changed anywhere in a workbook, or the file cut short: it reads, or it is a
    DataError naming the file, never another exception (xlrd raises many kinds)."""
    data = bytearray((BOOKS / "production.xls").read_bytes())
    for at, value in flips:
        data[at % len(data)] = value
    data = data[:length]
    (tmp_path / "p.xls").write_bytes(bytes(data))
    try:
        load(tmp_path, "  p: {file: p.xls, header: 3, footer: 1}\n")
    except DataError as exc:
        assert "p.xls" in str(exc)
