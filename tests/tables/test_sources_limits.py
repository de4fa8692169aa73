"""Data sources that are big, odd or misnamed: read in bounded memory, or refused with a
message that says what was found (findings of a robustness review)."""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deckgen.errors import DataError
from tests.tables.test_sources import error, load, workbook


def _sparse_workbook(path: Path, *cells: str) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    for row in (["country", "n"], ["China", 3], ["USA", 2]):
        sheet.append(row)
    for cell in cells:
        sheet[cell] = "x"
    book.save(path)


_READ = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (1_500_000_000, 1_500_000_000))
from pathlib import Path
from deckgen.errors import DeckgenError
from tests.tables.test_sources import load
try:
    load(Path(sys.argv[1]), "  p: {file: p.xlsx}\\n")
except DeckgenError as exc:
    print(exc)
"""


def test_one_stray_cell_at_the_sheets_end_is_refused_in_bounded_memory(tmp_path):
    """A 5 KB workbook with one value at XFD1048576 made the reader build 17 billion cells
    (2.7 GB, then a MemoryError printed as an empty reason). Read under a 1.5 GB address
    space limit: a clear refusal naming the sheet, its range and the stray cell."""
    _sparse_workbook(tmp_path / "p.xlsx", "XFD1048576")
    done = subprocess.run([sys.executable, "-c", _READ, str(tmp_path)], capture_output=True,
                          text=True, timeout=60, cwd=Path(__file__).parents[2])  # fmt: skip
    out = done.stdout + done.stderr
    assert "p.xlsx:1048576: Sheet1!XFD1048576: the sheet 'Sheet1' spans A1:XFD1048576" in out
    assert "(17,179,869,184 cells) but only 7 of them hold values" in out
    assert "hint: delete the stray cells (XFD1048576)" in out


@pytest.mark.parametrize("cells", [("ZZ1",), ("A300000",), ("Z500", "CV40")])
def test_a_far_cell_in_one_direction_is_read(tmp_path, cells):
    """A long thin rectangle is no bomb: it is read as before (the stray cell's column, or
    the rows down to it)."""
    _sparse_workbook(tmp_path / "p.xlsx", *cells)
    if cells == ("ZZ1",):
        assert "x" in load(tmp_path, "  p: {file: p.xlsx}\n")["p"].columns
    else:  # a value far below the table: a note row, or an unnamed column
        with pytest.raises(DataError) as info:
            load(tmp_path, "  p: {file: p.xlsx}\n")
        assert "spans" not in str(info.value)


def test_an_error_without_text_names_its_type(tmp_path, monkeypatch):
    """A MemoryError has no text: 'cannot read 'p.xlsx': ' ended there."""
    from deckgen.tables import sources

    def fail(src: object) -> None:
        raise ValueError()

    workbook(tmp_path / "p.xlsx", {"S": [["a", "b"], ["x", 1]]})
    monkeypatch.setitem(sources._READERS, ".xlsx", fail)
    message = error(tmp_path, "  p: {file: p.xlsx}\n")
    assert "cannot read 'p.xlsx': ValueError (no details given)" in message

    def out_of_memory(src: object) -> None:
        raise MemoryError()

    monkeypatch.setitem(sources._READERS, ".xlsx", out_of_memory)
    message = error(tmp_path, "  p: {file: p.xlsx}\n")
    assert "cannot read 'p.xlsx': it needs more memory than this machine gives" in message


@given(
    st.lists(st.tuples(st.integers(1, 3000), st.integers(0, 800)), min_size=1, max_size=20),
    st.booleans(),
    st.sampled_from(["", "x:"]),
)
@settings(max_examples=200, deadline=None)
def test_property_the_quick_look_at_a_sheet_never_understates_it(cells, refs, prefix):
    """The few searches that let an ordinary sheet through say "within the grid" only if
    the cells, as the streaming parse places them, are within it."""
    import io

    from deckgen.tables import excel
    from deckgen.tables.excel import _cells, _within_grid
    from deckgen.tables.framing import column_letter

    by_row: dict[int, list[int]] = {}
    for row, column in cells:
        by_row.setdefault(row, []).append(column)
    xml = [f'<{prefix}worksheet xmlns{":x" if prefix else ""}="urn:s"><{prefix}sheetData>']
    for row in sorted(by_row):
        xml.append(f'<{prefix}row r="{row}">' if refs else f"<{prefix}row>")
        for column in sorted(set(by_row[row])):
            ref = f' r="{column_letter(column)}{row}"' if refs else ""
            xml.append(f"<{prefix}c{ref}><{prefix}v>1</{prefix}v></{prefix}c>")
        xml.append(f"</{prefix}row>")
    xml.append(f"</{prefix}sheetData></{prefix}worksheet>")
    part = "".join(xml).encode()
    placed = [(r, c) for r, c, _ in _cells(io.BytesIO(part))]
    extent = max(r for r, _ in placed) * (max(c for _, c in placed) + 1)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(excel, "MAX_SPARSE_GRID", 50_000)
        if _within_grid(part):
            assert extent <= 50_000


def test_a_missing_column_of_a_wide_file_lists_a_few_and_counts_the_rest(tmp_path):
    header = ",".join(["country", *(f"c{k}" for k in range(10_000))])
    data = "  p:\n    file: p.csv\n    columns: {production_2023: number}\n"
    message = error(tmp_path, data, {"p.csv": header + "\n" + "x," * 10_000 + "1\n"})
    assert "has no column 'production_2023'; its columns are 'country', 'c0'" in message
    assert "and 9,989 more" in message
    assert len(message) < 1_000


def test_a_file_wider_than_a_spreadsheet_is_refused_before_its_columns_are_read(tmp_path):
    """200,000 columns over two rows took 64 s and 0.9 GB to read, each column read,
    cleaned and judged on its own, and a million did not finish (found by fuzzing): more
    than a spreadsheet holds (16,384) is an error at the header. As many is read."""
    wide = ",".join(["country", *(f"c{k}" for k in range(16_384))])
    message = error(tmp_path, "  p: {file: p.csv}\n", {"p.csv": wide + "\nChina" + ",1" * 16_384})
    assert "p.csv:1: the header has 16,385 columns; deckgen reads at most 16,384" in message
    assert "hint: save the file with the columns the deck shows" in message
    most = ",".join(["country", *(f"c{k}" for k in range(16_383))])
    tables = load(tmp_path, "  p: {file: p.csv}\n", {"p.csv": most + "\nChina" + ",1" * 16_383})
    assert tables["p"].shape == (1, 16_384)


@given(st.text(min_size=1, max_size=6), st.lists(st.text(min_size=1, max_size=8), max_size=30))
def test_property_near_agrees_with_did_you_mean_on_few_choices(value, choices):
    from deckgen.errors import did_you_mean
    from deckgen.tables.select import near

    assert near(value, choices) == did_you_mean(value, choices)


def test_near_over_a_million_choices_is_quick():
    import time

    from deckgen.tables.select import near

    keys = [f"C{i}" for i in range(1_000_000)] + ["World Total"]
    start = time.perf_counter()
    assert near("World Totl", keys) == "did you mean 'World Total'?"
    assert time.perf_counter() - start < 2


@pytest.mark.parametrize("name", ["sub.csv", "book.xlsx"])
def test_a_data_file_that_is_a_folder_is_named_so(tmp_path, name):
    """It read 'data file not found', of a name the user sees in their file manager."""
    (tmp_path / name).mkdir()
    message = error(tmp_path, f"  p: {{file: {name}}}\n")
    assert f"deck.yaml:3: data.p.file: the data file {name!r} is a folder, not a file" in message
    assert "not found" not in message


def test_a_data_file_that_is_a_fifo_is_named_so(tmp_path):
    os.mkfifo(tmp_path / "p.csv")
    message = error(tmp_path, "  p: {file: p.csv}\n")
    assert "not found" not in message
    assert "FIFO" in message


@pytest.mark.parametrize(("written", "on_disk"), [("NFD", "NFC"), ("NFC", "NFD")])
def test_a_file_name_in_another_unicode_form_is_the_same_file(tmp_path, written, on_disk):
    """'données.csv' typed with a combining accent (as macOS writes names) was "not found;
    did you mean 'données.csv'?", the two names alike to the eye."""
    name = "donn\u00e9es.csv"
    (tmp_path / unicodedata.normalize(on_disk, name)).write_text("country,n\nChina,3\n")
    data = f"  p: {{file: {unicodedata.normalize(written, name)}}}\n"
    assert list(load(tmp_path, data)["p"]["n"]) == ["3"]
