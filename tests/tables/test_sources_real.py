"""Data files as exports write them (found by fuzzing, fuzz-G): columns with no name, hidden
and blank sheet rows, and semicolon files with commas in their names and notes below.

Every file is written by the test: CSVs as text, workbooks with openpyxl.
"""

import csv
import io
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deckgen.errors import DataError, Location
from deckgen.kinds.charts import chart as chart_spec
from deckgen.tables.csvfile import csv_separator
from deckgen.tables.select import chart_data, to_number
from deckgen.tables.sources import load_tables, read_warnings
from tests.helpers import parse_outline


def load(tmp_path: Path, data: str, files: dict[str, str] | None = None):
    """The tables of an outline whose `data:` block is ``data`` (line 3 is its first)."""
    for name, text in (files or {}).items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    text = f"deck: {{title: T}}\ndata:\n{data}\nslides:\n  - kind: title\n"
    path = tmp_path / "deck.yaml"
    path.write_text(text)
    return load_tables(parse_outline(text, path))


def error(tmp_path: Path, data: str, files: dict[str, str] | None = None) -> str:
    with pytest.raises(DataError) as info:
        load(tmp_path, data, files)
    return str(info.value)


def sheet(path: Path, rows: list[list], *, hidden: tuple[int, ...] = (), title: str = "Data"):
    """A workbook of one sheet holding ``rows`` (from row 1), rows ``hidden`` hidden."""
    book = openpyxl.Workbook()
    work = book.active
    work.title = title
    for row in rows:
        work.append(row)
    for row in hidden:
        work.row_dimensions[row].hidden = True
    book.save(path)
    return work


UNPIVOT = (
    "  wide: {file: FILE}\n"
    "  long:\n    from: wide\n    steps:\n      - unpivot: {id: country, name: year, value: v}\n"
)


# ------------------------------------------------------------------- columns with no name
def test_empty_trailing_csv_columns_are_left_out_and_unpivot_makes_no_empty_categories(
    tmp_path,
):
    """Excel writes ',,' for cells once touched: they were columns 'Unnamed: 4' and
    'Unnamed: 5', drawn as two empty categories after an unpivot, with no word."""
    text = "country,2019,2020,2021,,\nGermany,10,11,12,,\nFrance,8,9,10,,\n"
    tables = load(tmp_path, UNPIVOT.replace("FILE", "t.csv"), {"t.csv": text})
    assert list(tables["wide"].columns) == ["country", "2019", "2020", "2021"]
    assert sorted(set(tables["long"]["year"])) == ["2019", "2020", "2021"]
    assert tables["wide"].attrs["origin"].lines == (2, 3)


def test_a_csv_header_cell_of_spaces_over_no_values_is_left_out(tmp_path):
    text = "country, ,2020,  \nA, ,1,\nB,,2,   \n"
    frame = load(tmp_path, "  t: {file: t.csv}\n", {"t.csv": text})["t"]
    assert list(frame.columns) == ["country", "2020"]
    assert list(frame["2020"]) == ["1", "2"]


def test_a_csv_column_with_no_name_and_values_is_an_error_naming_it(tmp_path):
    """A pivot table's corner left empty, or a column of notes beside the table: the
    reader cannot name it, so it says where to name it (it was 'Unnamed: 0')."""
    text = "country,2019,,2021\nA,1,x,3\nB,2,,4\nC,3,y,5\n"
    message = error(tmp_path, "  t: {file: t.csv}\n", {"t.csv": text})
    assert (
        "t.csv:1: column 3: expected a name in the header for column 3, which holds values "
        "('x' on line 2 and 1 more), found an empty cell" in message
    )
    assert "write the column's name in the header (line 1, cell 3), or delete the column" in message
    message = error(tmp_path, "  t: {file: t.csv}\n", {"t.csv": " ,2004\nChina,5.2\n"})
    assert "t.csv:1: column 1: expected a name in the header for column 1" in message
    assert "found ' ' (spaces only)" in message


def test_values_in_an_unnamed_column_of_the_footer_lines_are_left_out_with_them(tmp_path):
    text = "maker,units,\nA,3,\nB,2,\n\nSource: BEA,,2024 release\n"
    frame = load(tmp_path, "  t: {file: t.csv, footer: 1}\n", {"t.csv": text})["t"]
    assert list(frame.columns) == ["maker", "units"]
    assert list(frame["maker"]) == ["A", "B"]


def test_an_xlsx_header_cell_holding_a_space_over_no_values_is_left_out(tmp_path):
    """E1 held a space: the build blamed an empty 'year' in row 2, which has none."""
    sheet(tmp_path / "s.xlsx", [["country", "2019", "2020", None, " "], ["A", 1, 2], ["B", 3, 4]])
    tables = load(tmp_path, UNPIVOT.replace("FILE", "s.xlsx"))
    assert list(tables["wide"].columns) == ["country", "2019", "2020"]
    assert sorted(set(tables["long"]["year"])) == ["2019", "2020"]
    assert sorted(tables["long"]["v"]) == [1, 2, 3, 4]


def test_formatted_empty_sheet_columns_are_left_out_between_and_after_the_table(tmp_path):
    work = sheet(tmp_path / "f.xlsx", [["country", None, "value"], ["A", None, 1], ["B", None, 2]])
    for cell in ("B1", "B2", "D1", "D2", "E3"):
        work[cell].number_format = "0.0"  # formatted, never filled
    work.parent.save(tmp_path / "f.xlsx")
    frame = load(tmp_path, "  f: {file: f.xlsx}\n")["f"]
    assert list(frame.columns) == ["country", "value"] and list(frame["value"]) == [1, 2]


def test_an_xlsx_column_with_no_name_and_values_is_an_error_naming_its_cell(tmp_path):
    sheet(tmp_path / "s.xlsx", [["country", "2019", None, " "], ["A", 1, None, "z"], ["B", 2]])
    message = error(tmp_path, "  s: {file: s.xlsx}\n")
    assert (
        "s.xlsx:1: Data!D1: expected a name in D1 for column D, which holds values ('z' in "
        "D2), found ' ' (spaces only)" in message
    )
    assert "write the column's name in D1, or delete column D if it is not data" in message
    assert "Data!C1" not in message  # C holds nothing: left out, not reported
    # A value beyond the header's last cell: the column has no header cell at all.
    sheet(tmp_path / "w.xlsx", [["country", "v"], ["A", 1], ["B", 2, None, 7]], title="S")
    message = error(tmp_path, "  w: {file: w.xlsx}\n")
    assert "w.xlsx:1: S!D1: expected a name in D1 for column D, which holds values ('7' in " \
           "D3), found an empty cell" in message  # fmt: skip


def test_a_named_header_still_reads_every_column(tmp_path):
    """Only columns with no name are looked at: a named column of missing values stays."""
    frame = load(tmp_path, "  t: {file: t.csv}\n", {"t.csv": "a,b,c\n1,,\n2,,\n"})["t"]
    assert list(frame.columns) == ["a", "b", "c"]


# ------------------------------------------------------------------- blank rows in a sheet
BLANK_ROW = [["country", "value"], ["A", 45], [], ["B", 20], ["C", 10]]


def test_a_blank_row_inside_a_sheet_is_skipped_as_a_blank_csv_line_is(tmp_path):
    """Statistics sheets separate groups by a blank row: the build stopped ('the category
    column is empty in this row') and no filter could remove it."""
    sheet(tmp_path / "t.xlsx", BLANK_ROW)
    (tmp_path / "t.csv").write_text("country,value\nA,45\n\nB,20\nC,10\n")
    frame = load(tmp_path, "  t: {file: t.xlsx}\n")["t"]
    as_csv = load(tmp_path, "  c: {file: t.csv}\n")["c"]
    assert list(frame["country"]) == list(as_csv["country"]) == ["A", "B", "C"]
    assert list(frame.index) == [0, 1, 2]
    # Each row keeps its own sheet row, as each CSV row its line.
    assert frame.attrs["origin"].lines == as_csv.attrs["origin"].lines == (2, 4, 5)
    values = chart_data(frame, chart_spec(type="bar", data="t", x="country", y="value"),
                        Location("deck.yaml", 5, "slides[0].chart"))  # fmt: skip
    assert values is not None


def test_rows_after_blank_rows_are_named_by_their_own_sheet_rows(tmp_path):
    rows = [["country", "value"], [], ["A", 45], [None, "  "], [], ["B", "x"], ["C", 10]]
    sheet(tmp_path / "t.xlsx", rows)
    message = error(tmp_path, "  t:\n    file: t.xlsx\n    columns: {value: number}\n")
    assert "t.xlsx:6: value: expected a number in column 'value', found 'x'" in message
    sheet(tmp_path / "t.xlsx", [*rows[:5], ["B", 20], ["C", 10]])
    frame = load(tmp_path, "  t: {file: t.xlsx}\n")["t"]
    assert frame.attrs["origin"].lines == (3, 6, 7)
    assert frame.attrs["origin"].cell(1, "value") == Location(str(tmp_path / "t.xlsx"), 6, "value")


def test_a_percentage_below_a_blank_row_is_still_read_as_shown(tmp_path):
    work = sheet(tmp_path / "p.xlsx", [["k", "share"], ["a", 0.25], [], ["b", 0.45]])
    work["B2"].number_format = work["B4"].number_format = "0%"
    work.parent.save(tmp_path / "p.xlsx")
    frame = load(tmp_path, "  p: {file: p.xlsx}\n")["p"]
    assert list(frame["share"]) == [25.0, 45.0] and frame.attrs["origin"].lines == (2, 4)


def test_a_sheet_percentage_beside_plain_fractions_is_an_error_not_45_beside_0_3(tmp_path):
    """A cell the sheet formats as 45% (stored 0.45, read 45) beside plain 0.3 and 0.2
    was charted 45, 0.3 and 0.2 without a word (fuzzing)."""
    work = sheet(tmp_path / "p.xlsx", [["k", "share"], ["a", 0.45], ["b", 0.3], ["c", 0.2]])
    work["B2"].number_format = "0%"
    work.parent.save(tmp_path / "p.xlsx")
    frame = load(tmp_path, "  p: {file: p.xlsx}\n")["p"]
    with pytest.raises(DataError) as info:
        chart_data(frame, chart_spec(type="bar", data="p", x="k", y="share"),
                   Location("deck.yaml", 5, "slides[0].chart"))  # fmt: skip
    message = str(info.value)
    assert "p.xlsx:2: share: column 'share' mixes percentages and plain numbers: 45% (a cell " \
           "the sheet formats as a percentage) beside 0.3" in message  # fmt: skip
    assert "format every cell of the column alike in the sheet" in message
    work["B3"].number_format = work["B4"].number_format = "0%"  # all alike: charted as shown
    work.parent.save(tmp_path / "p.xlsx")
    frame = load(tmp_path, "  p: {file: p.xlsx}\n")["p"]
    values = chart_data(frame, chart_spec(type="bar", data="p", x="k", y="share"),
                        Location("deck.yaml", 5, "slides[0].chart"))  # fmt: skip
    assert values.series[0].values == (45.0, 30.0, 20.0)


def test_a_note_after_a_blank_sheet_row_is_still_found_and_footer_leaves_it_out(tmp_path):
    sheet(tmp_path / "n.xlsx", [["maker", "units"], ["A", 3], [], ["B", 2], [], ["Source: BEA"]])
    message = error(tmp_path, "  n: {file: n.xlsx}\n")
    assert "n.xlsx:6: Data!A6: 'Source: BEA' is a note below the table" in message
    frame = load(tmp_path, "  n: {file: n.xlsx, footer: 1}\n")["n"]
    assert list(frame["maker"]) == ["A", "B"] and frame.attrs["origin"].lines == (2, 4)


def test_a_row_whose_only_cell_is_a_formula_without_a_value_is_refused_not_skipped(tmp_path):
    sheet(tmp_path / "f.xlsx", [["k", "v"], ["a", 1], [None, "=B2*2"], ["b", 3]])
    message = error(tmp_path, "  f: {file: f.xlsx}\n")
    assert "f.xlsx:3: Data!B3: column 'v': the cell holds the formula '=B2*2'" in message


# ------------------------------------------------------------------- hidden rows in a sheet
VEHICLES = [["country", "value"], ["China", 30.2], ["USA", 10.6], ["World Total", 93.5],
            ["Japan (old estimate)", 12.0], ["Japan", 9.0]]  # fmt: skip


def test_hidden_rows_are_read_and_named_once_per_sheet_with_the_filter_to_write(tmp_path):
    """A hidden 'World Total' was drawn as a bar and summed into the title, unsaid."""
    sheet(tmp_path / "t.xlsx", VEHICLES, hidden=(4, 5))
    data = "  t: {file: t.xlsx}\n  s:\n    from: t\n    steps:\n      - sort: {by: value}\n"
    tables = load(tmp_path, data)
    assert list(tables["t"]["country"]) == [row[0] for row in VEHICLES[1:]]  # the data is the data
    assert tables["t"].attrs["origin"].hidden == (4, 5)
    assert read_warnings(tables) == [
        f"{tmp_path / 't.xlsx'}:4: Data!A4: rows 4-5 of the sheet 'Data' are hidden in Excel "
        "and read as data ('World Total', 'Japan (old estimate)'); if they are not data, "
        'leave them out with a filter: filter: [{column: "country", op: not in, value: '
        '["World Total", "Japan (old estimate)"]}]'
    ]


def test_a_hidden_column_is_read_and_named_with_where_to_leave_it_out(tmp_path):
    """A hidden helper column (9999 in each row) was read into an unpivot's years and drawn
    as a spike, with no word, where hidden rows are warned of (fuzzing round 8, 4)."""
    rows = [["sector", "2021", "helper", "2022"], ["Retail", 10, 9999, 12],
            ["Health", 20, 9999, 21]]  # fmt: skip
    book = openpyxl.Workbook()
    work = book.active
    work.title = "Data"
    for row in rows:
        work.append(row)
    work.column_dimensions["C"].hidden = True
    book.save(tmp_path / "h.xlsx")
    tables = load(tmp_path, "  h: {file: h.xlsx}\n")
    assert list(tables["h"].columns) == ["sector", "2021", "helper", "2022"]  # read as data
    assert read_warnings(tables) == [
        f"{tmp_path / 'h.xlsx'}:1: Data!C1: column 'helper' (C) of the sheet 'Data' is hidden "
        "in Excel and read as data; if it is not data, delete it from the sheet, or name the "
        "columns to read where a step takes every other column (an unpivot's columns:)"
    ]
    work.column_dimensions["C"].hidden = False
    book.save(tmp_path / "h.xlsx")
    assert read_warnings(load(tmp_path, "  h: {file: h.xlsx}\n")) == []


def test_a_build_over_hidden_rows_warns_once_and_following_the_filter_silences_it(tmp_path):
    from pptx import Presentation

    from deckgen.pipeline import BuildOptions, build
    from tests.helpers import write_project

    def alt(deck: Path) -> str:
        return " ".join(d for shape in Presentation(str(deck)).slides[0].shapes
                        for d in shape._element.xpath(".//p:cNvPr/@descr"))  # fmt: skip

    sheet(tmp_path / "t.xlsx", VEHICLES, hidden=(4, 5))
    outline = """\
deck: {title: T}
data: {t: {file: t.xlsx}}
slides:
  - kind: chart
    title: China leads
    chart: {type: bar, data: t, x: country, y: value%s}
"""
    result = build(write_project(tmp_path, outline % "", {}), BuildOptions(out_dir=tmp_path / "o"))
    (warning,) = [w for w in result.warnings if "hidden in Excel" in w]
    first = alt(result.deck)
    pasted = warning.split("with a filter: ", 1)[1]  # 'filter: [...]', as it reads
    again = build(write_project(tmp_path, outline % f", {pasted}", {}),
                  BuildOptions(out_dir=tmp_path / "o"))  # fmt: skip
    assert "World Total" in first and "World Total" not in alt(again.deck)
    # The sheet still hides the rows; the chart no longer draws them, but a sheet's
    # hidden rows are said whatever a chart keeps (the data is the data).
    assert any("hidden in Excel" in w for w in again.warnings)


def test_one_hidden_row_and_many_are_said_as_such(tmp_path):
    sheet(tmp_path / "o.xlsx", VEHICLES, hidden=(4,))
    (warning,) = read_warnings(load(tmp_path, "  o: {file: o.xlsx}\n"))
    assert ":4: Data!A4: row 4 of the sheet 'Data' is hidden in Excel and read as data " \
           "('World Total'); if it is not data, leave it out with a filter: " \
           in warning  # fmt: skip
    rows = [["k", "v"], *[[f"r{n}", n] for n in range(2, 14)]]
    sheet(tmp_path / "m.xlsx", rows, hidden=(3, 4, 5, 8, 10, 11, 12))
    (warning,) = read_warnings(load(tmp_path, "  m: {file: m.xlsx}\n"))
    assert "rows 3-5, 8 and 10-12 of the sheet 'Data' are hidden in Excel and read as data " \
           "('r3', 'r4', 'r5' and 4 more); if they are not data, leave them out with a " \
           "filter" in warning  # fmt: skip
    assert "op: not in" not in warning  # seven values: no filter written out


def test_merged_cells_over_the_table_are_said_and_a_title_merged_above_it_is_not(tmp_path):
    """An amount merged over two months read as no value in the second, with no word
    (found by a hostile-input review): Excel shows the first cell's value across the
    range. A title merged over the columns above the header is no data of the table."""
    book = openpyxl.Workbook()
    work = book.active
    work.title = "Data"
    for row in [
        ["Sales by month"],
        ["month", "amount", "note"],
        ["2023-01", 10, "a"],
        ["2023-02", 15, "b"],
        ["2023-03", None, "c"],
        ["2023-04", 20, "d"],
    ]:
        work.append(row)
    work.merge_cells("A1:C1")  # the title, above the header
    book.save(tmp_path / "m.xlsx")
    tables = load(tmp_path, "  m: {file: m.xlsx, header: 2}\n")
    assert read_warnings(tables) == []
    work.merge_cells("B4:B5")  # 15 shown across February and March
    work.merge_cells("C5:C6")
    book.save(tmp_path / "m.xlsx")
    tables = load(tmp_path, "  m: {file: m.xlsx, header: 2}\n")
    february, march = tables["m"]["amount"].tolist()[1:3]
    assert february == 15 and march != march  # read as written: no value (NaN)
    assert read_warnings(tables) == [
        f"{tmp_path / 'm.xlsx'}:4: Data!B4: cells B4:B5 and C5:C6 of the sheet 'Data' are "
        "merged: Excel shows each range's first value across it, and the other cells are "
        "read as no value; unmerge them and write each row's own value in its cell (Home > "
        "Merge & Center > Unmerge Cells, then fill them in)"
    ]


SHEET_XML = "xl/worksheets/sheet1.xml"


def _rewrite_sheet(path: Path, change) -> None:
    """Rewrite the first sheet's XML of the workbook at ``path`` as another writer would."""
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(path) as old, zipfile.ZipFile(out, "w") as new:
        for info in old.infolist():
            body = old.read(info.filename)
            new.writestr(info, change(body) if info.filename == SHEET_XML else body)
    path.write_bytes(out.getvalue())


def test_rows_hidden_by_an_autofilter_or_as_other_writers_write_them_are_seen(tmp_path):
    import re

    work = sheet(tmp_path / "a.xlsx", VEHICLES, hidden=(4,))
    work.auto_filter.ref = "A1:B6"
    work.parent.save(tmp_path / "a.xlsx")
    assert len(read_warnings(load(tmp_path, "  a: {file: a.xlsx}\n"))) == 1
    # LibreOffice writes hidden="true"; a writer may leave a row's number out (the next).
    sheet(tmp_path / "b.xlsx", VEHICLES, hidden=(5,))
    _rewrite_sheet(tmp_path / "b.xlsx", lambda xml: xml.replace(b'hidden="1"', b"hidden='true'")
                   .replace(b'<row r="5"', b"<row").replace(b'<row r="6"', b"<row"))  # fmt: skip
    (warning,) = read_warnings(load(tmp_path, "  b: {file: b.xlsx}\n"))
    assert ":5: Data!A5: row 5 of the sheet 'Data' is hidden" in warning
    assert "('Japan (old estimate)')" in warning
    # The Open XML SDK's prefix: <x:row r="4" hidden="1">.
    sheet(tmp_path / "c.xlsx", VEHICLES, hidden=(4,))

    def prefixed(xml: bytes) -> bytes:
        xml = xml.replace(b"<worksheet xmlns=", b"<x:worksheet xmlns:x=")
        return re.sub(rb"<(/?)(?!x:|\?)(\w+)", rb"<\1x:\2", xml)

    _rewrite_sheet(tmp_path / "c.xlsx", prefixed)
    (warning,) = read_warnings(load(tmp_path, "  c: {file: c.xlsx}\n"))
    assert ":4: Data!A4: row 4 of the sheet 'Data' is hidden" in warning


def test_no_warning_without_hidden_rows_in_the_table(tmp_path):
    """Hidden rows that are not read (blank, above the header, a footer note) are no
    table rows; a sheet without hidden rows says nothing."""
    sheet(tmp_path / "n.xlsx", VEHICLES)
    assert read_warnings(load(tmp_path, "  n: {file: n.xlsx}\n")) == []
    rows = [["Title"], [], ["country", "value"], ["A", 1], [], ["B", 2], [], ["Source: X"]]
    sheet(tmp_path / "h.xlsx", rows, hidden=(1, 2, 5, 8))
    tables = load(tmp_path, "  h: {file: h.xlsx, header: 3, footer: 1}\n")
    assert list(tables["h"]["country"]) == ["A", "B"]
    assert read_warnings(tables) == []


# ------------------------------------------------------------------- semicolon separators
GERMAN = "Land;Umsatz (Mio., EUR);Anteil\nDeutschland;1234.5;45\nFrankreich;999;30\n"


@pytest.mark.parametrize(
    ("text", "footer"),
    [
        (GERMAN + "\nQuelle: Destatis\n", 1),  # the source line statistics offices add
        (GERMAN + "Quelle: Destatis; Stand: 2024; Tabelle 1; S. 2\n", 1),  # wider than it
        (GERMAN + "Italien;500\n", None),  # a row whose last cell is left out
        (GERMAN.replace("Frankreich;999;30", "Frankreich;999"), None),
        (GERMAN.replace(";", "\t") + "\nQuelle: Destatis, 2024\n", 1),
    ],
)
def test_a_comma_in_a_semicolon_header_survives_notes_and_short_rows(tmp_path, text, footer):
    """The file was split at the comma in 'Umsatz (Mio., EUR)' as soon as one line below
    the header had fewer semicolons, even one `footer:` leaves out."""
    option = f", footer: {footer}" if footer else ""
    frame = load(tmp_path, f"  t: {{file: t.csv{option}}}\n", {"t.csv": text})["t"]
    assert list(frame.columns) == ["Land", "Umsatz (Mio., EUR)", "Anteil"]
    assert list(frame["Land"])[:2] == ["Deutschland", "Frankreich"]
    assert frame.attrs["origin"].lines[:2] == (2, 3)


def test_without_footer_a_note_below_a_semicolon_table_is_named_as_a_note(tmp_path):
    message = error(tmp_path, "  t: {file: t.csv}\n", {"t.csv": GERMAN + "\nQuelle: Destatis\n"})
    assert "t.csv:5: 'Quelle: Destatis' is a note below the table" in message
    assert "footer: 1" in message and "Land;Umsatz" not in message


def test_a_decimal_comma_in_every_row_does_not_split_a_semicolon_file_at_commas(tmp_path):
    """Every line has the header's commas and its semicolons: the header's more cells
    decide. The decimal comma is then reported in its cell, with its hint."""
    text = "Land;Umsatz (Mio., EUR);Anteil\nDeutschland;1234,5;45\nFrankreich;999,1;30\n"
    assert csv_separator(_write(tmp_path, text)) == ";"


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "s.csv"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "footer", "expected"),
    [
        ("a,b\n1,2\n", None, ","),
        ("a;b\n1;2\n", None, ";"),
        ("name,remark\nA,x;y\n", None, ","),  # a semicolon in a cell: the header decides
        # A comma file whose header has a semicolon in a name: the rows fit commas.
        ("Land,Umsatz (Mio.; EUR),Anteil\nA,1,2\nB,3,4\n\nSource: X\n", None, ","),
        ("Land,Umsatz (Mio.; EUR),Anteil\nA,1,2\nB,3,4\nQuelle: a; b; c\n", 1, ","),
        # Lines that fit both: the comma, as before.
        ("a,b;c\n1,2;3\n", None, ","),
        (GERMAN + "Quelle: Destatis\n", 1, ";"),
        (GERMAN + "Quelle: Destatis\n", None, ";"),  # fewer: no proof against ';'
        ("Titel\n" + GERMAN, None, ";"),  # read from line 2 (header: 2): see below
    ],
)
def test_csv_separator_reads_the_lines_the_table_is_made_of(tmp_path, text, footer, expected):
    first = 2 if text.startswith("Titel") else 1
    path = _write(tmp_path, text)
    # Called as before when there is no footer: those cases held on the old code too.
    found = csv_separator(path, first, footer) if footer else csv_separator(path, first)
    assert found == expected


def test_the_footer_is_left_out_only_when_the_lines_read_reach_the_end(tmp_path):
    """In a file longer than the lines looked at, the footer is below them: the last of
    those lines is a row, not a note."""
    rows = "".join(f"L{n};{n}.5;{n}\n" for n in range(40))
    text = "Land;Umsatz (Mio., EUR);Anteil\n" + rows + "Quelle: a; b; c; d\n"
    assert csv_separator(_write(tmp_path, text), 1, 1) == ";"
    frame = load(tmp_path, "  t: {file: t.csv, footer: 1}\n", {"t.csv": text})["t"]
    assert len(frame) == 40 and frame.attrs["origin"].lines[-1] == 41


# Names and cells as a German export writes them: commas in names, none in cells (whose
# decimal marks are points), the first cell a name, notes with either separator in them.
name_text = st.text(st.sampled_from("abcxyzÄöü ()%.,€-"), min_size=1, max_size=12).filter(
    lambda s: bool(s.strip())
)
cell_text = st.from_regex(r"[A-Za-z0-9.\- ]{0,8}", fullmatch=True)
row_label = st.from_regex(r"[A-Z][a-z]{0,8}", fullmatch=True)
note_text = st.text(st.sampled_from("Quelle:Stand ,;.()0123456789"), max_size=40).filter(
    # A note starts with its words ('Quelle: ...', 'Stand: ...'): a line starting with
    # separators (';;0', hypothesis found) is a row of empty cells, not a note.
    lambda s: s[:1].isalpha()
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.data())
def test_semicolon_tables_with_commas_in_names_round_trip_with_notes_below(tmp_path, data):
    """Any table whose names hold commas, written with ';' (some rows short, a note or
    two below, counted by `footer:`), reads back as written."""
    names = data.draw(st.lists(name_text, min_size=2, max_size=5, unique_by=str.strip))
    if not any("," in name for name in names):
        names[0] += ", EUR"
    width = len(names)
    full = st.tuples(row_label, st.lists(cell_text, min_size=width - 1, max_size=width - 1))
    short = st.tuples(row_label, st.lists(cell_text, min_size=0, max_size=width - 2))
    rows = [[label, *cells] for label, cells in data.draw(st.lists(full, min_size=1, max_size=5))]
    for label, cells in data.draw(st.lists(short, max_size=3)):  # anywhere in the table
        rows.insert(data.draw(st.integers(0, len(rows))), [label, *cells])
    notes = data.draw(st.lists(note_text, max_size=2))
    gap = data.draw(st.booleans())

    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\n").writerows([names, *rows])
    text = out.getvalue() + ("\n" if gap and notes else "") + "".join(f"{n}\n" for n in notes)
    option = f", footer: {len(notes)}" if notes else ""
    frame = load(tmp_path, f"  t: {{file: t.csv{option}}}\n", {"t.csv": text})["t"]
    assert list(frame.columns) == [name.strip() for name in names]
    padded = [[*row, *[""] * (width - len(row))] for row in rows]
    assert frame.to_numpy().tolist() == padded
    assert frame.attrs["origin"].lines == tuple(range(2, len(rows) + 2))


def test_the_filter_for_hidden_rows_names_a_number_as_a_number(tmp_path):
    """A filter's value matches a number cell however it is written: 2020, not "2020"."""
    sheet(tmp_path / "y.xlsx", [["year", "v"], [2019, 1], [2020, 2], [2021, 3]], hidden=(3,))
    (warning,) = read_warnings(load(tmp_path, "  y: {file: y.xlsx}\n"))
    assert warning.endswith('filter: [{column: "year", op: not in, value: [2020]}]')


# ------------------------------------------------------------ files with no header line
#: The CPI series as the UK's ONS publishes it for download: eight lines of notes, two cells
#: each, then the series, with no line naming its columns.
ONS = (
    '"Title","CPI ANNUAL RATE 00: ALL ITEMS 2015=100"\n"CDID","D7G7"\n'
    '"Source dataset ID","MM23"\n"PreUnit",""\n"Unit","%"\n"Release date","19-11-2025"\n'
    '"Next release","17 December 2025"\n"Important notes",""\n'
    '"2023 JAN","10.1"\n"2023 FEB","10.4"\n"2023 MAR","10.1"\n'
)


def test_header_none_reads_every_line_as_a_row_under_the_names_given(tmp_path):
    """A file with no header line lost its first row to the header (found in review): with
    header: none, every line is a row, each named by its own line."""
    tables = load(tmp_path, "  t: {file: t.csv, header: none, names: [month, rate]}\n",
                  {"t.csv": "2023 JAN,10.1\n2023 FEB,10.4\n\n2023 MAR,10.1\n"})  # fmt: skip
    frame = tables["t"]
    assert list(frame.columns) == ["month", "rate"]
    assert list(frame["month"]) == ["2023 JAN", "2023 FEB", "2023 MAR"]
    assert frame.attrs["origin"].lines == (1, 2, 4)  # the blank line 3 skipped, as always


def test_a_value_of_a_headerless_file_is_named_by_its_own_line(tmp_path):
    source = "  t: {file: t.csv, header: none, names: [month, rate], columns: {rate: number}}\n"
    message = error(tmp_path, source, {"t.csv": "2023 JAN,10.1\n2023 FEB,ten\n"})
    assert "t.csv:2: rate" in message and "'ten'" in message


def test_names_replace_the_header_under_the_notes_of_an_ons_series(tmp_path):
    """header: 8 skips the ONS's notes and reads line 8 as the header, whose names
    ('Important notes' and nothing) the outline's names replace."""
    frame = load(tmp_path, "  cpi: {file: cpi.csv, header: 8, names: [month, rate]}\n",
                 {"cpi.csv": ONS})["cpi"]  # fmt: skip
    assert list(frame.columns) == ["month", "rate"]
    assert list(frame["rate"]) == ["10.1", "10.4", "10.1"]
    assert frame.attrs["origin"].lines == (9, 10, 11)


def test_names_replace_a_header_s_names_and_a_trailing_empty_column_is_not_counted(tmp_path):
    frame = load(tmp_path, "  t: {file: t.csv, header: 1, names: [country, units]}\n",
                 {"t.csv": "Country or area (ISO),Units (thousands),\nChina,30160\nUSA,10611\n"})[
        "t"]  # fmt: skip
    assert list(frame.columns) == ["country", "units"]
    assert list(frame["units"]) == ["30160", "10611"]


@pytest.mark.parametrize("first", [1, 3])
def test_a_sheet_with_no_header_row_reads_from_its_first_row_with_text(tmp_path, first):
    rows = [[None, None]] * (first - 1) + [["2023 JAN", 10.1], ["2023 FEB", 10.4]]
    sheet(tmp_path / "t.xlsx", rows)
    frame = load(tmp_path, "  t: {file: t.xlsx, header: none, names: [month, rate]}\n")["t"]
    assert list(frame.columns) == ["month", "rate"]
    assert list(frame["rate"]) == [10.1, 10.4]
    assert frame.attrs["origin"].lines == (first, first + 1)


def test_names_replace_a_sheet_header_row(tmp_path):
    sheet(tmp_path / "t.xlsx", [["CPI: all items"], ["Period", "Rate (%)"], ["2023 JAN", 10.1]])
    frame = load(tmp_path, "  t: {file: t.xlsx, header: 2, names: [month, rate]}\n")["t"]
    assert list(frame.columns) == ["month", "rate"]
    assert frame.attrs["origin"].lines == (3,)


@pytest.mark.parametrize(
    ("source", "files", "expected"),
    [("{file: t.csv, names: [a, b]}", {"t.csv": "x,y\n1,2\n"},
      "data.t.names: expected header: with names:"),
     ("{file: t.csv, header: none}", {"t.csv": "1,2\n"},
      "data.t.header: expected names: with header: none"),
     ("{file: t.csv, header: none, names: [month, rate]}",
      {"t.csv": "2023 JAN,10.1,p\n2023 FEB,10.4,p\n"},
      "data.t.names: expected 3 names, one per column (line 1 of t.csv has 3 cells), "
      "found 2: month, rate"),
     ("{file: t.csv, header: 1, names: [month]}", {"t.csv": "Period,Rate\n2023 JAN,10.1\n"},
      "expected 2 names, one per column (line 1 of t.csv has 2 cells), found 1: month"),
     ("{file: t.csv, header: none, names: [month, rate]}", {"t.csv": ""},
      "the file has no rows: expected a line per row, of 2 cells as names: lists"),
     ("{file: t.json, header: none, names: [a]}", {"t.json": '[{"a": 1}]'},
      "'header' applies to .csv/.tsv/.xlsx/.xlsm/.xls files only")],
    ids=["names-alone", "none-alone", "too-few", "too-few-for-the-header", "empty", "json"],
)  # fmt: skip
def test_names_and_header_none_say_what_is_wrong(tmp_path, source, files, expected):
    assert expected in error(tmp_path, f"  t: {source}\n", files)


def test_one_row_wider_than_the_names_is_named_as_under_a_header(tmp_path):
    message = error(tmp_path, "  t: {file: t.csv, header: none, names: [city, units]}\n",
                    {"t.csv": "Austin,3\nLaredo, TX,5\nDallas,4\n"})  # fmt: skip
    assert "t.csv:2: expected 2 cells as names: lists, found 3" in message
    assert "names, one per column" not in message


def test_names_must_be_names_and_each_its_own():
    from pydantic import ValidationError

    from deckgen.outline.schema import FileSource

    with pytest.raises(ValidationError, match="'rate' names both column 2 and column 3"):
        FileSource(file="t.csv", header="none", names=["month", "rate", " rate"])
    with pytest.raises(ValidationError, match="expected a name for column 2"):
        FileSource(file="t.csv", header="none", names=["month", "  "])
    with pytest.raises(ValidationError):
        FileSource(file="t.csv", header="some")
    # Years, as YAML reads them, name columns as a header's years do.
    assert FileSource(file="t.csv", header=1, names=["area", 2004, 2023]).names == [
        "area", "2004", "2023"]  # fmt: skip


CELL = st.text("abcxyz 019.-", min_size=1, max_size=6).map(str.strip).filter(bool)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(st.lists(st.lists(CELL, min_size=3, max_size=3), min_size=1, max_size=8))
def test_a_headerless_csv_reads_back_every_cell_under_its_names(tmp_path, rows):
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    frame = load(tmp_path, "  t: {file: t.csv, header: none, names: [a, b, c]}\n",
                 {"t.csv": buffer.getvalue()})["t"]  # fmt: skip
    assert [list(r) for r in frame.itertuples(index=False)] == rows
    assert frame.attrs["origin"].lines == tuple(range(1, len(rows) + 1))


def test_names_replace_a_header_that_names_a_column_twice(tmp_path):
    """A header naming two columns 'Value' is an error, unless names replace it."""
    files = {"t.csv": "Area,Value,Value\nNorth,1,2\n"}
    assert "names the column 'Value' tw" in error(tmp_path, "  t: {file: t.csv}\n", files)
    frame = load(tmp_path, "  t: {file: t.csv, header: 1, names: [area, y2004, y2023]}\n",
                 files)["t"]  # fmt: skip
    assert list(frame.columns) == ["area", "y2004", "y2023"]


# ------------------------------------------------------------------- notes above the header
#: The World Bank's CSV download, cut to two years: two lines of notes of three cells (a
#: trailing comma) above its header, every line ending in a comma.
WORLD_BANK = (
    '"Data Source","World Development Indicators",\n\n"Last Updated Date","2024-10-24",\n\n'
    '"Country Name","Country Code","Indicator Name","Indicator Code","2022","2023",\n'
    '"Germany","DEU","GDP growth (annual %)","NY.GDP.MKTP.KD.ZG","1.8","-0.3",\n'
    '"France","FRA","GDP growth (annual %)","NY.GDP.MKTP.KD.ZG","2.6","0.9",\n'
)


def test_notes_above_a_wider_header_are_named_once_with_the_header_line(tmp_path):
    """Each row of the World Bank's download was said to hold an unquoted comma (found in
    review): the notes above its header were read as the header."""
    message = error(tmp_path, "  wb: {file: wb.csv}\n", {"wb.csv": WORLD_BANK})
    assert message.count("hint:") == 1, message
    assert ("wb.csv:1: line 1 ('Data Source, World Development Indicators') has 3 cells and "
            "most lines after it more (7 on line 5): notes above the table") in message  # fmt: skip
    assert "header: 5 in the data source" in message
    frame = load(tmp_path, "  wb: {file: wb.csv, header: 5}\n")["wb"]
    assert list(frame.columns) == ["Country Name", "Country Code", "Indicator Name",
                                   "Indicator Code", "2022", "2023"]  # fmt: skip
    assert list(frame["2023"]) == ["-0.3", "0.9"]


def test_a_header_naming_fewer_columns_than_its_rows_is_said_once(tmp_path):
    message = error(tmp_path, "  t: {file: t.csv}\n", {"t.csv": "a,b\n1,2,3\n4,5,6\n7,8\n"})
    assert message.count("hint:") == 1, message
    assert "the header ('a, b') names 2 columns, and 2 of the 3 rows below it have more " \
           "cells (3 on line 2)" in message  # fmt: skip
    assert "name every column in the header (line 1)" in message


def test_a_row_with_an_unquoted_comma_is_still_named_by_its_line(tmp_path):
    message = error(tmp_path, "  t: {file: t.csv}\n",
                    {"t.csv": "city,units\nAustin,3\nLaredo, TX,5\nDallas,4\n"})  # fmt: skip
    assert "t.csv:3: expected 2 cells as in the header, found 3" in message
    assert "quote a cell that contains a comma" in message


def test_notes_above_a_sheet_header_are_named_with_the_header_row(tmp_path):
    sheet(tmp_path / "wb.xlsx", [
        ["Data Source", "World Development Indicators"], [], ["Last Updated Date", "2024-10-24"],
        [], ["Country Name", "Country Code", "2022", "2023"], ["Germany", "DEU", 1.8, -0.3],
        ["France", "FRA", 2.6, 0.9]])  # fmt: skip
    message = error(tmp_path, "  wb: {file: wb.xlsx}\n")
    assert message.count("hint:") == 1, message
    assert ("row 1 of the sheet 'Data' ('Data Source, World Development Indicators') names 2 "
            "of the 4 columns that hold values, and row 5 names them all") in message  # fmt: skip
    assert "header: 5 in the data source" in message
    frame = load(tmp_path, "  wb: {file: wb.xlsx, header: 5}\n")["wb"]
    assert list(frame["2023"]) == [-0.3, 0.9]


def test_a_sheet_column_without_a_name_over_text_is_still_asked_its_name(tmp_path):
    """Rows of text under unnamed columns are a table's rows, not a header below notes."""
    sheet(
        tmp_path / "t.xlsx",
        [["Country", "Code"], ["Germany", "DEU", "EU"], ["France", "FRA", "EU"]],
    )
    message = error(tmp_path, "  t: {file: t.xlsx}\n")
    assert "expected a name in C1 for column C" in message
    assert "notes above the table" not in message


@pytest.mark.parametrize("written", ["no", "false", "'3'", "header"])
def test_a_header_that_is_no_line_nor_none_says_both(tmp_path, written):
    message = error_any(tmp_path, f"  t: {{file: t.csv, header: {written}}}\n", {"t.csv": "a\n1\n"})
    assert "expected the header's line number (from 1), or none for a file with no header " \
           "line" in message  # fmt: skip


def test_none_reads_in_any_case(tmp_path):
    tables = load(tmp_path, "  t: {file: t.csv, header: None, names: [a]}\n", {"t.csv": "1\n2\n"})
    assert list(tables["t"]["a"]) == ["1", "2"]


def error_any(tmp_path: Path, data: str, files: dict[str, str]) -> str:
    """The message of whatever error loading ``data`` raises (a schema's or a reader's)."""
    from deckgen.errors import DeckgenError

    with pytest.raises((DeckgenError, ValueError)) as info:
        load(tmp_path, data, files)
    return str(info.value)


SEMICOLONS = "2023 JAN;8,8\n2023 FEB;9,2\n2023 MAR;10,1\n"


def test_a_headerless_semicolon_file_with_decimal_commas_reads_its_decimals(tmp_path):
    """'2023 JAN;8,8' was split at its decimal comma: a month '2023 JAN;8' charted at 8
    (found in review). With decimal: ',' the semicolons separate the cells."""
    source = ("  t: {file: t.csv, header: none, names: [month, rate], decimal: ',', "
              "columns: {rate: number}}\n")  # fmt: skip
    frame = load(tmp_path, source, {"t.csv": SEMICOLONS})["t"]
    assert list(frame["month"]) == ["2023 JAN", "2023 FEB", "2023 MAR"]
    assert list(frame["rate"]) == [8.8, 9.2, 10.1]


def test_a_headerless_file_of_commas_and_semicolons_alike_asks_for_decimal(tmp_path):
    message = error(tmp_path, "  t: {file: t.csv, header: none, names: [month, rate]}\n",
                    {"t.csv": SEMICOLONS})  # fmt: skip
    assert "every line holds commas and semicolons alike, and with no header line" in message
    assert 'say decimal: "," in the data source if the comma is the decimal mark' in message
    frame = load(tmp_path, "  t: {file: t.csv, header: none, names: [a, b], decimal: '.'}\n",
                 {"t.csv": SEMICOLONS})["t"]  # fmt: skip
    assert list(frame["a"]) == ["2023 JAN;8", "2023 FEB;9", "2023 MAR;10"]  # as said


def test_decimal_comma_takes_the_header_s_semicolon_as_the_separator(tmp_path):
    path = _write(tmp_path, "Land, Region;Wert\nDE, Bayern;15\nDE, Berlin;25\n")
    assert csv_separator(path) == ","  # a tie, without decimal:
    assert csv_separator(path, decimal=",") == ";"


def test_a_column_on_another_sheet_is_found_there(tmp_path):
    """An ONS workbook opens on its 'Cover' sheet: a chart naming 'Month' was told only
    that the cover's one column was its title (found in review). The hint names the sheet
    and the header row that hold it."""
    from deckgen.tables.select import missing_column_hint

    book = openpyxl.Workbook()
    book.active.title = "Cover"
    book.active.append(["Consumer price inflation tables"])
    book.active.append(["Release date: 17 January 2024"])
    table = book.create_sheet("Table_1")
    for row in [["Table 1: CPI annual rate"], [], ["Month", "Rate (%)"], ["2023 JAN", 10.1]]:
        table.append(row)
    book.save(tmp_path / "cpi.xlsx")
    frame = load(tmp_path, "  cpi: {file: cpi.xlsx}\n")["cpi"]
    hint = missing_column_hint("Rate (%)", list(frame.columns), frame.attrs["origin"])
    assert hint == ("the sheet 'Table_1' holds 'Rate (%)' (in B3): read it with sheet: Table_1 "
                    "and header: 3 in the data source")  # fmt: skip
    frame = load(tmp_path, "  cpi: {file: cpi.xlsx, sheet: Table_1, header: 3}\n")["cpi"]
    assert list(frame["Rate (%)"]) == [10.1]
    assert missing_column_hint("Rate", list(frame.columns), frame.attrs["origin"]) != hint


def test_a_data_step_is_told_of_the_sheet_that_holds_its_column(tmp_path):
    """A step over a workbook read without 'sheet:' (its first sheet, years across) named
    'gwh', which its other sheet holds: it was told only that columns are named as the
    table has them, and the workbook's name for a sheet that does not exist was told that
    sheet names are case-sensitive (found by a new user)."""
    from tests.tables.steps.common import derive

    book = openpyxl.Workbook()
    book.active.title = "Jobs"
    book.active.append(["state", 2023, 2024])
    book.active.append(["Iowa", 41.2, 43.0])
    mix = book.create_sheet("Mix")
    for row in [["state", "source", "gwh"], ["Iowa", "Wind", 40100]]:
        mix.append(row)
    book.save(tmp_path / "energy.xlsx")
    frame = load(tmp_path, "  mix: {file: energy.xlsx}\n")["mix"]
    with pytest.raises(DataError) as info:
        derive(frame, {"share": {"column": "gwh", "by": "state", "as": "share"}})
    assert ("hint: the sheet 'Mix' holds 'gwh' (in C1): read it with sheet: Mix in the data "
            "source") in str(info.value)  # fmt: skip
    message = error(tmp_path, "  mix: {file: energy.xlsx, sheet: Generation}\n")
    assert "case-sensitive" not in message
    assert "name one of its sheets, as its tab writes it: sheet: Jobs" in message


#: A Google Analytics 4 report as its 'Download file > CSV' writes it: comment lines, a
#: table, a blank line, comment lines and the next table.
GA4 = """\
# ----------------------------------------
# Engagement overview
# Account: Example
# ----------------------------------------
#
# Start date: 20240101
# End date: 20240107
# ----------------------------------------

Nth day,Active users
0000,120
0001,135
0002,150

# ----------------------------------------
#
# Start date: 20240101
# End date: 20240107
# ----------------------------------------

Date,Views
20240101,420
20240102,510
20240103,530
"""


def test_a_google_analytics_export_reads_each_table_by_its_header(tmp_path):
    """The second table was read as rows of the first: 'expected a number, found Views'
    for its header (found in review). A table ends at a blank line followed by comment
    lines; each is read by its own header, its days as days."""
    first = load(tmp_path, "  ga: {file: ga.csv, header: 10}\n", {"ga.csv": GA4})["ga"]
    assert list(first.columns) == ["Nth day", "Active users"]
    assert list(first["Active users"]) == ["120", "135", "150"]
    assert first.attrs["origin"].lines == (11, 12, 13)
    second = load(tmp_path, "  ga: {file: ga.csv, header: 21}\n", {"ga.csv": GA4})["ga"]
    assert list(second["Views"]) == ["420", "510", "530"]
    spec = chart_spec(type="line", data="ga", x="Date", y="Views")
    data = chart_data(second, spec, Location("deck.yaml", 1, "slides[0].chart"))
    assert [d.isoformat() for d in data.x_dates] == ["2024-01-01", "2024-01-02", "2024-01-03"]
    # Without header:, the first line is said to be a title above the table.
    message = error(tmp_path, "  ga: {file: ga.csv}\n", {"ga.csv": GA4})
    assert "header: 10 in the data source" in message
    # A '#' line after a blank one is no end where it is a row of the table (two cells).
    frame = load(tmp_path, "  t: {file: t.csv}\n",
                 {"t.csv": "rank,name\n1,A\n\n#2,B\n"})["t"]  # fmt: skip
    assert list(frame["name"]) == ["A", "B"]


#: Meta's Page Insights export: a line of descriptions under the header.
META = (
    "Date,Lifetime Total Likes,Daily New Likes\n"
    ',"Lifetime: The total number of people who have liked your Page. (Unique Users)",'
    '"Daily: The number of new people who have liked your Page (Unique Users)"\n'
    "2024-01-01,1200,5\n2024-01-02,1206,6\n2024-01-03,1215,9\n"
)


def test_a_line_describing_the_columns_is_refused_and_skip_leaves_it_out(tmp_path):
    """Meta's description line was read as a row: its empty date refused as a category
    without a label, its sentences as values (found in review)."""
    message = error(tmp_path, "  fb: {file: fb.csv}\n", {"fb.csv": META})
    assert ("fb.csv:2: Lifetime Total Likes: line 2 describes the columns ('Lifetime: The "
            "total number of people who…age. (Unique Users)' under 'Lifetime Total Likes'), "
            "as Meta's Insights export writes it under its header, and would be read as a "
            "row of the table") in message  # fmt: skip
    assert "hint: leave it out with skip: [2] in the data source" in message
    frame = load(tmp_path, "  fb: {file: fb.csv, skip: [2]}\n", {"fb.csv": META})["fb"]
    assert list(frame["Daily New Likes"]) == ["5", "6", "9"]
    one = load(tmp_path, "  fb: {file: fb.csv, skip: 2}\n", {"fb.csv": META})["fb"]
    assert list(one["Daily New Likes"]) == ["5", "6", "9"]  # one line, as [2]
    assert frame.attrs["origin"].lines == (3, 4, 5)
    # In a workbook alike, named by its sheet row.
    rows: list[list] = [row.split(",") for row in META.replace('"', "").splitlines()]
    rows[1] = [None, "Lifetime: the total number of people who like it", "Daily: new people"
               " who like it today"]  # fmt: skip
    rows[2:] = [[d, int(a), int(b)] for d, a, b in (r[:3] for r in rows[2:])]
    sheet(tmp_path / "fb.xlsx", rows, title="Page")
    message = error(tmp_path, "  fb: {file: fb.xlsx}\n")
    assert "fb.xlsx:2: Page!B2: row 2 describes the columns" in message
    frame = load(tmp_path, "  fb: {file: fb.xlsx, skip: [2]}\n")["fb"]
    assert list(frame["Lifetime Total Likes"]) == [1200, 1206, 1215]


def test_a_line_of_units_under_the_header_is_refused_with_skip_as_the_fix(tmp_path):
    """',USD million,percent' under the header was read as a row: its empty category
    refused, where the line was units (found in review)."""
    text = "region,exports,share\n,USD million,percent\nEU,200,40\nAsia,300,60\n"
    message = error(tmp_path, "  u: {file: u.csv}\n", {"u.csv": text})
    said = ("u.csv:2: exports: line 2 gives the columns' units ('USD million' under "
            "'exports'), as statistics offices' exports write them under the header")  # fmt: skip
    assert said in message
    assert "skip: [2] in the data source, and put the unit in the column's name" in message
    frame = load(tmp_path, "  u: {file: u.csv, skip: 2}\n", {"u.csv": text})["u"]
    assert list(frame["exports"]) == ["200", "300"]
    # A first row with a gap for its name and a missing value is no line of units.
    gaps = "region,exports\n,n/a\nEU,200\n"
    assert len(load(tmp_path, "  u: {file: g.csv}\n", {"g.csv": gaps})["u"]) == 2
    # Nor is one of Eurostat's ':' or Statistics Canada's '..', marks of a missing value:
    # punctuation alone names no unit (found by the CSV property test).
    for mark in (":", ".."):
        marks = f"region,exports\n,{mark}\nEU,200\n"
        assert len(load(tmp_path, "  u: {file: m.csv}\n", {"m.csv": marks})["u"]) == 2


def test_skip_names_lines_of_rows_and_a_row_of_words_is_no_description(tmp_path):
    message = error(tmp_path, "  fb: {file: fb.csv, skip: [1]}\n", {"fb.csv": META})
    assert ("expected lines of the table's rows, found 1, which is none: the rows are on "
            "lines 2 to 5 of fb.csv") in message  # fmt: skip
    # A first row of text over a column of text, or with its first cell filled, is a row.
    text = "name,note,value\n,A long note about it,3\nB,another note about it,4\n"
    assert list(load(tmp_path, "  t: {file: t.csv}\n", {"t.csv": text})["t"]["value"]) == [
        "3", "4"]  # fmt: skip


def test_a_workbook_named_xls_that_is_an_xlsx_is_read_and_a_web_page_is_told_so(tmp_path):
    """LinkedIn's page analytics and many web apps export an .xlsx named .xls: it was told
    to be saved as .xlsx, which it is (found in review)."""
    sheet(tmp_path / "linkedin.xls", [["Date", "Impressions"], ["01/01/2024", 1200]])
    frame = load(tmp_path, "  li: {file: linkedin.xls, header: 1}\n")["li"]
    assert list(frame["Impressions"]) == [1200]
    (tmp_path / "page.xls").write_text("<html><table><tr><td>Date</td></tr></table></html>")
    message = error(tmp_path, "  p: {file: page.xls}\n")
    assert "it is a web page (HTML) named .xls, as some sites export a table" in message
    # A binary .xls is read: tests/tables/test_xls.py.


def test_tab_separated_text_named_xls_is_read_as_the_tsv_it_is(tmp_path):
    """The IMF's World Economic Outlook download is tab-separated text named .xls (in
    UTF-16 or UTF-8): it was told to be saved as .xlsx, then to be renamed .tsv, in a
    message that said it expected an .xls (found in review). It is read at its tabs, a
    cell's comma kept in it."""
    text = ("WEO Country Code\tCountry\tUnits\t2023\n134\tGermany\tBillions, U.S. dollars\t"
            "4,456.08\n111\tUnited States\tBillions, U.S. dollars\t27,357.83\n")  # fmt: skip
    (tmp_path / "WEOApr2024all.xls").write_bytes(text.encode("utf-16"))
    frame = load(tmp_path, "  w: {file: WEOApr2024all.xls}\n")["w"]
    assert list(frame.columns) == ["WEO Country Code", "Country", "Units", "2023"]
    assert list(frame["Units"]) == ["Billions, U.S. dollars"] * 2
    assert list(frame["2023"]) == ["4,456.08", "27,357.83"]
    (tmp_path / "plain.xls").write_text(text)
    assert list(load(tmp_path, "  w: {file: plain.xls}\n")["w"]["Country"]) == [
        "Germany", "United States"]  # fmt: skip


def test_a_run_of_lines_under_the_header_is_skipped_as_written(tmp_path):
    """The Australian Bureau of Statistics' time-series workbooks put nine rows of series
    details (Unit, Series Type... Series ID) under their header of series names; skip:
    '2-10' leaves them out, where nine numbers were a chore to list."""
    import datetime as dt

    details = [["Unit", "Percent"], ["Series Type", "Seasonally Adjusted"],
               ["Data Type", "PERCENT"], ["Frequency", "Month"], ["Collection Month", "1"],
               ["Series Start", dt.datetime(1978, 2, 1)], ["Series End", dt.datetime(2024, 2, 1)],
               ["No. Obs", 553], ["Series ID", "A84423050A"]]  # fmt: skip
    rows = [["", "Unemployment rate ;  Persons ;"], *details,
            [dt.datetime(2024, 1, 1), 4.1], [dt.datetime(2024, 2, 1), 3.7]]  # fmt: skip
    sheet(tmp_path / "6202001.xlsx", rows, title="Data1")
    # Its date column has no name in row 1: names: gives both.
    spec = "file: 6202001.xlsx, header: 1, names: [month, rate]"
    frame = load(tmp_path, f"  abs: {{{spec}, skip: '2-10'}}\n")["abs"]
    assert list(frame["rate"]) == [4.1, 3.7]
    assert frame.attrs["origin"].lines == (11, 12)
    both = load(tmp_path, f"  abs: {{{spec}, skip: [2-4, '5-10']}}\n")["abs"]
    assert list(both["rate"]) == [4.1, 3.7]
    from deckgen.errors import DeckgenError

    with pytest.raises(DeckgenError, match="expected a run of lines from the first to the last"):
        load(tmp_path, f"  abs: {{{spec}, skip: '10-2'}}\n")


def test_quoted_blank_lines_keep_every_row_at_its_line_and_skip_drops_the_line_named(tmp_path):
    """Statistics Canada writes its blank lines as '""': pandas reads one as an empty row,
    the line count did not, and every row after it was named two lines off; with footer:,
    skip: [6] then left out West (line 8) and kept the 'All regions' total on line 6, and
    a bad cell after a skipped line was named with no line at all (found in review)."""
    text = ('"Exports by region, 2023"\n""\n"region","exports"\n"North","10"\n"South","20"\n'
            '"All regions","100"\n"East","30"\n"West","40"\n"Centre","x50"\n""\n'
            '"Source: Ministry of Trade"\n')  # fmt: skip
    data = "  s: {file: d.csv, header: 3, footer: 1, skip: [6]}\n"
    frame = load(tmp_path, data, {"d.csv": text})["s"]
    assert list(frame["region"]) == ["North", "South", "East", "West", "Centre"]
    assert frame.attrs["origin"].lines == (4, 5, 7, 8, 9)
    assert str(frame.attrs["origin"].cell(4, "exports")) == f"{tmp_path / 'd.csv'}:9: exports"
    # A cell after the lines skip: leaves out is named at its line.
    units = '"Geo","2023"\n"","Percentage"\n"Canada","x5.7"\n'
    data = "  u: {file: u.csv, skip: [2]}\n"
    frame = load(tmp_path, data, {"u.csv": units})["u"]
    assert str(frame.attrs["origin"].cell(0, "2023")) == f"{tmp_path / 'u.csv'}:3: 2023"


def test_points_between_thousands_in_a_comma_separated_file_with_decimal_commas(tmp_path):
    """Google Sheets' CSV in a German locale: cells separated by commas, numbers quoted as
    the sheet shows them. '12.480' impressions were read as 12.48 and charted beside 980,
    while the file's '4,98 %' says its commas mark decimals (found in review)."""
    text = ('Kampagne,Impressionen,Klicks,Klickrate,Budget\n'
            'Frühjahrsaktion,"12.480",621,"4,98 %","1.234,50 €"\n'
            'Stipendium,"9.802",781,"7,97 %","860,00 €"\n'
            'Newsletter März,980,42,"4,29 %","0,00 €"\n')  # fmt: skip
    message = error(tmp_path, "  k: {file: k.csv}\n", {"k.csv": text})
    assert ("k.csv:2: Impressionen: column 'Impressionen' holds '12.480' (and 1 more cell), "
            "read as 12.48 (a decimal point), where the file writes decimals with a comma "
            "('4,98 %' in column 'Klickrate'): there a point is between thousands, and "
            "'12.480' is 12,480") in message  # fmt: skip
    assert 'add decimal: "," to data.k if its commas mark decimals' in message
    frame = load(tmp_path, '  k: {file: k.csv, decimal: ","}\n')["k"]
    assert [to_number(v) for v in frame["Impressionen"]] == [12480, 9802, 980]
    # Said otherwise, a point is a decimal point; a file with no decimal comma is as read.
    frame = load(tmp_path, '  k: {file: k.csv, decimal: "."}\n')["k"]
    assert to_number(frame["Impressionen"][0]) == 12.48
    plain = "name,value\nA,12.480\nB,1.5\n"
    assert list(load(tmp_path, "  p: {file: p.csv}\n", {"p.csv": plain})["p"]["value"]) == [
        "12.480", "1.5"]  # fmt: skip


def test_a_source_line_a_comma_split_into_cells_is_a_note_below_the_table(tmp_path):
    """ACEA's press-release tables end with 'Source: ACEA, based on national automobile
    associations' data' after a blank line: split at its comma, it was a bar named
    'Source: ACEA' with no value, check clean (found in review)."""
    table = ("country,march_2024,march_2023\nAustria,22871,23454\nBelgium,41288,45106\n"
             "EU,885080,975195\n\n"
             "Source: ACEA, based on national automobile associations' data\n")  # fmt: skip
    message = error(tmp_path, "  t: {file: t.csv}\n", {"t.csv": table})
    assert "t.csv:6: 'Source: ACEA' is a note below the table" in message
    assert "leave the notes out with footer: 1" in message
    frame = load(tmp_path, "  t: {file: t.csv, footer: 1}\n", {"t.csv": table})["t"]
    assert frame["country"].tolist() == ["Austria", "Belgium", "EU"]
    # A last row that only starts like a note, with a number beside it, is still a row.
    table = "mark,n\nA,1\n* estimated,2\n"
    frame = load(tmp_path, "  t: {file: t.csv}\n", {"t.csv": table})["t"]
    assert frame["mark"].tolist() == ["A", "* estimated"]


def test_a_survey_tools_counts_below_the_answers_are_refused_with_the_footer(tmp_path):
    """SurveyMonkey's summary sheet ends each question with 'Answered' and 'Skipped' below
    a blank row: read as answers, a donut drew 'Answered' as half its ring and 'Very
    likely' at 20% for 40%, check clean (found in review)."""
    rows = [["How likely are you to recommend us?", None, None], [None, None, None],
            ["Answer Choices", "Responses", None], ["Very likely", 0.4034, 48],
            ["Somewhat likely", 0.3445, 41], ["Unlikely", 0.2521, 30], [None, None, None],
            ["Answered", None, 119], ["Skipped", None, 4]]  # fmt: skip
    sheet(tmp_path / "s.xlsx", rows, title="Question 1")
    spec = "  q: {file: s.xlsx, header: 3, names: [answer, share, count]"
    message = error(tmp_path, spec + "}\n")
    assert ("s.xlsx:8: Question 1!A8: 'Answered' below the table is a survey tool's count "
            "of answers, not an answer") in message  # fmt: skip
    assert "leave them out with footer: 2 in the data source" in message
    frame = load(tmp_path, spec + ", footer: 2}\n")["q"]
    assert frame["answer"].tolist() == ["Very likely", "Somewhat likely", "Unlikely"]
    # A table whose own rows are named so, above no blank line, is read as it is.
    text = "status,n\nAnswered,119\nSkipped,4\nOpened,300\n"
    table = load(tmp_path, "  t: {file: t.csv}\n", {"t.csv": text})["t"]
    assert table["status"].tolist() == ["Answered", "Skipped", "Opened"]


def test_qualtrics_header_lines_under_its_first_are_refused_with_skip(tmp_path):
    """Qualtrics writes its header on three lines: the column ids, each question's text,
    and a '{"ImportId":"QID1"}' in every cell. Read as answers, '7 in 10 staff would
    recommend us' was '3 in 5' (found in review)."""
    text = (
        "StartDate,Q1,Q2\nStart Date,Which team are you in?,I would recommend us.\n"
        '"{""ImportId"":""startDate"",""timeZone"":""America/Denver""}",'
        '"{""ImportId"":""QID1""}","{""ImportId"":""QID2""}"\n'
        "2026-11-03 10:00:05,Marketing,Agree\n2026-11-03 11:00:05,Sales,Disagree\n"
    )
    message = error(tmp_path, "  s: {file: s.csv}\n", {"s.csv": text})
    assert ("s.csv:2: lines 2 and 3 under the header are the rest of Qualtrics' header "
            "(each question's text, then its ImportId)") in message  # fmt: skip
    assert "leave them out with skip: [2, 3] in the data source" in message
    frame = load(tmp_path, "  s: {file: s.csv, skip: [2, 3]}\n")["s"]
    assert frame["Q1"].tolist() == ["Marketing", "Sales"]


def test_a_statista_sheet_from_column_b_takes_names_and_finds_its_notes(tmp_path):
    """Statista sets its table at B4 (column A empty, the years' header cell too), its
    title in B2 and its notes in column B below: the title was said to be in A2 above '4
    columns', 'expected 4 names' was said of three columns, and with a name for column A
    the notes were drawn as three bars (found in review)."""
    rows = [[None] * 4, [None, "Global plug-in electric light vehicle sales from 2015 to 2023 "
            "(in million units)", None, None], [None] * 4,
            [None, None, "Sales in million units", "Share of all light vehicle sales"],
            [None, "2022", 10.52, 0.13], [None, "2023*", 13.6, 0.16], [None] * 4,
            [None, "Note: Worldwide; 2015 to 2023; * Preliminary figure", None, None],
            [None, "Source: EV Volumes; Statista", None, None], [None] * 4,
            [None, "© Statista 2024", None, None]]  # fmt: skip
    sheet(tmp_path / "s.xlsx", rows)
    message = error(tmp_path, "  s: {file: s.xlsx}\n")
    assert "s.xlsx:2: Data!B2: row 2 of the sheet 'Data' holds one cell (" in message
    assert "…" in message and "above 3 columns: a title" in message
    spec = "  s: {file: s.xlsx, header: 4, names: [year, sales, share]"
    message = error(tmp_path, spec + "}\n")
    assert "s.xlsx:8: Data!B8: 'Note: Worldwide; 2015 to 2023; * Preliminary figure' is a " \
           "note below the table" in message  # fmt: skip
    assert "leave the notes out with footer: 3 in the data source" in message
    frame = load(tmp_path, spec + ", footer: 3}\n")["s"]
    assert list(frame.columns) == ["year", "sales", "share"]
    assert frame["year"].tolist() == ["2022", "2023*"]
    message = error(tmp_path, "  s: {file: s.xlsx, header: 4, names: [year, sales]}\n")
    assert "expected 4 names, one per column (row 4 of the sheet 'Data' has 4 cells), or " \
           "3, one per column that holds something, found 2" in message  # fmt: skip


def test_offices_notes_below_a_table_are_found_and_counted_whole(tmp_path):
    """Destatis ends a table with a rule of underscores, 'Stand ...' and '(C)opyright'
    right under its last row: drawn as three bars without values, unsaid. Statistics
    Canada's symbol legend and numbered footnotes have cells of their own: the hint's
    footer: 2 left them in as 13 categories (found in review)."""
    destatis = ("Land;2022\nBayern;13369393\nBerlin;3755251\nInsgesamt;84358845\n__________\n"
                "Stand der Fortschreibung: Zensus 2011.\n"
                "(C)opyright Statistisches Bundesamt (Destatis), 2024\n")  # fmt: skip
    message = error(tmp_path, "  d: {file: d.csv}\n", {"d.csv": destatis})
    assert "d.csv:5: '__________' is a note below the table" in message
    assert "footer: 3 in the data source" in message
    frame = load(tmp_path, "  d: {file: d.csv, footer: 3}\n")["d"]
    assert list(frame["Land"]) == ["Bayern", "Berlin", "Insgesamt"]
    statcan = ('"Geography","January 2024"\n"Canada","5.7"\n"Quebec","4.8"\n""\n'
               '"Symbol legend:"\n"..","not available for a specific reference period"\n'
               '"E","use with caution"\n""\n"Footnotes:"\n"1","Estimates are rounded."\n'
               '"2","Seasonally adjusted."\n""\n"How to cite: Statistics Canada. Table 14-10"\n'
               '"https://doi.org/10.25318/1410028701-eng"\n')  # fmt: skip
    message = error(tmp_path, "  s: {file: s.csv}\n", {"s.csv": statcan})
    assert "s.csv:5: 'Symbol legend:' is a note below the table" in message
    assert "footer: 8 in the data source" in message
    frame = load(tmp_path, "  s: {file: s.csv, footer: 8}\n")["s"]
    assert list(frame["Geography"]) == ["Canada", "Quebec"]


def test_hints_name_the_option_that_reads_the_file_as_it_is(tmp_path):
    """A header naming a column twice, or a column without a name, was told only to edit
    the file, where names: reads it as it is; StatCan's '7.9 E' was told it had a unit 'E'
    to print after every value, and LinkedIn's '< 1%' got no hint of missing: (found in
    review)."""
    twice = "Post URL,Engagements,,Post URL,Impressions\nu1,5,,u2,50\n"
    message = error(tmp_path, "  t: {file: t.csv}\n", {"t.csv": twice})
    assert "the header names the column 'Post URL' twice" in message
    assert "or, leaving the file as it is, name every column in the data source: names:" in (
        message)  # fmt: skip
    unnamed = "Answer,Responses,\nSocial media,42.31%,110\nFriends,31.2%,81\n"
    message = error(tmp_path, "  u: {file: u.csv}\n", {"u.csv": unnamed})
    assert "expected a name in the header for column 3" in message
    assert "name every column in the data source: names: [...]" in message
    named = "  u: {file: u.csv, header: 1, names: [answer, share, count]}\n"
    assert list(load(tmp_path, named)["u"].columns) == ["answer", "share", "count"]
    flagged = "Geo,January 2024\nCanada,5.7\nPrince Edward Island,7.9 E\n"
    outline = "  f: {file: f.csv}\n"
    frame = load(tmp_path, outline, {"f.csv": flagged})["f"]
    with pytest.raises(DataError) as info:
        chart_data(frame, chart_spec(type="bar", data="f", x="Geo", y="January 2024"),
                   Location("deck.yaml", 5, "slides[0].chart"))  # fmt: skip
    assert "'7.9 E' ends in a Statistics Canada quality flag ('E': use with caution)" in str(
        info.value)  # fmt: skip
    bound = "city,share\nSeattle,31%\nChicago,< 1%\n"
    frame = load(tmp_path, "  b: {file: b.csv}\n", {"b.csv": bound})["b"]
    with pytest.raises(DataError) as info:
        chart_data(frame, chart_spec(type="bar", data="b", x="city", y="share"),
                   Location("deck.yaml", 5, "slides[0].chart"))  # fmt: skip
    assert "'< 1%' gives the value only as a bound" in str(info.value)
    assert "add missing: ['< 1%']" in str(info.value)


def test_a_second_table_below_the_first_is_said_to_be_one(tmp_path):
    """Mailchimp's campaign report ends with 'Clicks by URL' and a table of three columns:
    each of its lines was told to quote a comma, in a message that read 'expected 2 cells
    as names: gives' (found in review)."""
    report = ("Title:,April newsletter\nEmails Sent:,4312\nOpen Rate:,43.17%\n"
              "Click Rate:,4.98%\n\nClicks by URL\nURL,Total Clicks,Unique Clicks\n"
              "https://e.org/a,421,301\nhttps://e.org/b,310,201\n")  # fmt: skip
    data = "  r: {file: r.csv, header: none, names: [field, value]}\n"
    message = error(tmp_path, data, {"r.csv": report})
    assert "r.csv:7: expected 2 cells as names: lists, found 3" in message
    assert ("lines 6 to 9 are a second table below this one, as exports write several in one "
            "file: leave them out of this source with footer: 4, and read that table as a "
            "source of its own, its header on line 7 (header: 7)") in message  # fmt: skip
    assert "quote a cell" not in message
    tables = load(tmp_path, "  r: {file: r.csv, header: none, names: [field, value], "
                  "footer: 4}\n  u: {file: r.csv, header: 7}\n")  # fmt: skip
    assert list(tables["r"]["field"]) == ["Title:", "Emails Sent:", "Open Rate:", "Click Rate:"]
    assert list(tables["u"]["Total Clicks"]) == ["421", "310"]


def test_a_long_note_below_the_table_is_quoted_cut_with_an_ellipsis(tmp_path):
    """The IMF's footer note was quoted cut at 60 characters, just before a comma:
    'International Monetary Fund, World Economic Outlook Database', as if the file were
    split at commas (found in review). A quote that is cut says so, and keeps its end."""
    text = (
        "country\t2023\nUnited States\t27357.83\nGermany\t4456.08\n\n"
        "International Monetary Fund, World Economic Outlook Database, April 2024\n"
    )
    message = error(tmp_path, "  w: {file: w.tsv}\n", {"w.tsv": text})
    said = "'International Monetary Fund, World Econo…atabase, April 2024' is a note below"
    assert said in message


UNDATA = (
    '\ufeff"Country or Area","Year","Area","Sex","Value","Value Footnotes"\n'
    '"Brazil","2022","Total","Both Sexes","203080756",\n'
    '"Egypt","2017","Total","Both Sexes","94798827","1"\n'
    '"India","2011","Total","Both Sexes","1210854977","2"\n'
    '"Nigeria","2006","Total","Both Sexes","140431790",\n'
    "\n"
    '"footnoteSeqID","Footnote"\n'
    '"1","Excluding Egyptians abroad."\n'
    '"2","Including data for the Indian-held part of Jammu and Kashmir."\n'
)


def test_undata_footnotes_below_the_table_are_a_second_table_not_rows(tmp_path):
    """UNdata's export ends with its footnotes as a table of two columns under a header of
    its own: read as rows, they were four categories without values, and count() said 7
    censuses of 4 (found in review)."""
    message = error(tmp_path, "  u: {file: u.csv}\n", {"u.csv": UNDATA})
    assert ("u.csv:7: lines 7 to 9 are a second table below this one (its header "
            "'footnoteSeqID', 'Footnote', in 2 of the 6 columns), as exports write their "
            "footnotes") in message  # fmt: skip
    assert "leave them out with footer: 3 in the data source" in message
    frame = load(tmp_path, "  u: {file: u.csv, footer: 3}\n")["u"]
    assert list(frame["Country or Area"]) == ["Brazil", "Egypt", "India", "Nigeria"]
    notes = load(tmp_path, "  n: {file: u.csv, header: 7}\n")["n"]
    assert list(notes["footnoteSeqID"]) == ["1", "2"]


def test_last_rows_that_leave_columns_empty_after_a_blank_line_are_still_rows(tmp_path):
    """Rows after a blank line that fill their first columns only, under no header of
    words, are the table's own (a value the export left empty)."""
    text = "k,a,b,c\nx,1,2,3\n\ny,4,,\nz,5,,\n"
    frame = load(tmp_path, "  t: {file: t.csv}\n", {"t.csv": text})["t"]
    assert list(frame["k"]) == ["x", "y", "z"]


#: Destatis' GENESIS table as downloaded (in UTF-8 here): title lines, a header over three
#: lines whose first two columns have no name, '...' for a value to come, notes below.
GENESIS = (
    "GENESIS-Tabelle: 61111-0002\n"
    "Verbraucherpreisindex: Deutschland,;;;;\n"
    "Monate;;;;\n"
    "Deutschland;;;;\n"
    ";;Verbraucher-;Veränderung zum;Veränderung zum\n"
    ";;preisindex;Vorjahresmonat;Vormonat\n"
    ";;2020=100;in (%);in (%)\n"
    "2023;Januar;114,3;8,7;1,0\n"
    "2023;Februar;115,2;8,7;0,8\n"
    "2024;Januar;117,6;2,9;-0,2\n"
    "2024;Februar;118,1;2,5;0,4\n"
    "__________\n"
    "Erläuterung zu den Zeichen: ... = Angabe fällt später an;;;;\n"
    '"© Statistisches Bundesamt (Destatis), 2024"\n'
)


def test_a_genesis_table_is_told_its_header_line_then_the_lines_below_it(tmp_path):
    """Destatis' title lines were read at their commas ('Verbraucherpreisindex:
    Deutschland,'), and the file was told header: 2, another title; then each line of its
    header below was told to be a number (found in review). Each hint now leads on."""
    message = error(tmp_path, '  v: {file: v.csv, decimal: ","}\n', {"v.csv": GENESIS})
    assert ("v.csv:1: line 1 ('GENESIS-Tabelle: 61111-0002') has one cell and the lines after "
            "it 5: a title above the table") in message  # fmt: skip
    assert "header: 5 in the data source" in message
    names = "names: [Jahr, Monat, Index, Vorjahr, Vormonat]"
    message = error(tmp_path, f'  v: {{file: v.csv, decimal: ",", header: 5, {names}, '
                    "footer: 3}\n")  # fmt: skip
    assert "leave them out with skip: [6, 7] in the data source" in message
    frame = load(tmp_path, f'  v: {{file: v.csv, decimal: ",", header: 5, {names}, footer: 3, '
                 "skip: [6, 7]}\n")["v"]  # fmt: skip
    assert list(frame["Monat"]) == ["Januar", "Februar", "Januar", "Februar"]
    assert [to_number(v) for v in frame["Vorjahr"]] == [8.7, 8.7, 2.9, 2.5]
