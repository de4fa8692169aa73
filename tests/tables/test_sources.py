import datetime as dt
import json
import typing
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deckgen.errors import DataError, DeckgenError, Location, OutlineError
from deckgen.kinds.charts import chart as chart_spec
from deckgen.outline.schema import ColumnType
from deckgen.tables.columns import KINDS
from deckgen.tables.select import chart_data, to_number
from deckgen.tables.sources import load_tables
from tests.helpers import parse_outline


def outline(root: Path, data: str):
    """An outline whose `data:` block is ``data`` (indented two spaces); line 3 is its first."""
    text = f"deck: {{title: T}}\ndata:\n{data}\nslides:\n  - kind: title\n"
    path = root / "deck.yaml"
    path.write_text(text)
    return parse_outline(text, path)


def load(tmp_path: Path, data: str, files: dict[str, str] | None = None):
    for name, text in (files or {}).items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return load_tables(outline(tmp_path, data))


def error(tmp_path: Path, data: str, files: dict[str, str] | None = None) -> str:
    with pytest.raises(DataError) as info:
        load(tmp_path, data, files)
    return str(info.value)


def workbook(path: Path, sheets: dict[str, list[list]]) -> None:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)


# --------------------------------------------------------------------------- CSV, XLSX, inline
@pytest.mark.parametrize("separator", [";", "\t"])
def test_a_csv_separated_by_semicolons_or_tabs_reads_its_columns(tmp_path, separator):
    # Excel writes ';' where the comma is the decimal mark: the header was read as one
    # column, 'country;production_2004', and every chart named a column it did not have.
    text = "".join(separator.join(row) + "\n" for row in (
        ("country", "production_2023", "note"), ("China", "30160966", "a, b"), ("USA", "-", ""),
    ))  # fmt: skip
    table = load(tmp_path, "  p: {file: p.csv}\n", {"p.csv": text})["p"]
    assert list(table.columns) == ["country", "production_2023", "note"]
    assert list(table["country"]) == ["China", "USA"]
    assert table["note"][0] == "a, b"  # a comma inside a cell is text, not a separator


@pytest.mark.parametrize("separator", [";", "\t"])
def test_a_comma_in_a_name_of_a_semicolon_header_is_part_of_the_name(tmp_path, separator):
    """'Land;Umsatz (Mio., EUR);Anteil' was split at its comma (found by fuzzing): every
    line has the header's semicolons, and the commas of a name only."""
    rows = (("Land", "Umsatz (Mio., EUR)", "Anteil"), ("Deutschland", "1234.5", "45"),
            ("Frankreich", "987.1", "30"))  # fmt: skip
    text = "".join(separator.join(row) + "\n" for row in rows)
    table = load(tmp_path, "  p: {file: p.csv}\n", {"p.csv": text})["p"]
    assert list(table.columns) == ["Land", "Umsatz (Mio., EUR)", "Anteil"]
    assert list(table["Anteil"]) == ["45", "30"]


def test_decimal_comma_reads_a_csv_as_excel_saves_it_where_the_comma_is_the_decimal_mark(
    tmp_path,
):
    """A German Excel saves '1.234,5' and '12,5 %': every number was an error asking to
    rewrite the file by hand. `decimal: ","` reads them; points are between thousands, and
    text (a name with a comma, a note) is kept as written."""
    from deckgen.tables.select import to_number

    text = ("Land;Umsatz;Anteil;Notiz\nDeutschland;1.234,5 €;12,5 %;a, b\n"
            "Frankreich;(987,1);−3,25 %;1.234\nItalien;1.234;7;x\n")  # fmt: skip
    table = load(tmp_path, '  p: {file: p.csv, decimal: ","}\n', {"p.csv": text})["p"]
    assert [to_number(v) for v in table["Umsatz"]] == [1234.5, -987.1, 1234.0]
    assert [to_number(v) for v in table["Anteil"]] == [12.5, -3.25, 7.0]
    assert list(table["Land"]) == ["Deutschland", "Frankreich", "Italien"]
    assert table["Notiz"][0] == "a, b"


def test_a_decimal_comma_file_reads_spaces_between_thousands(tmp_path):
    """'1 234,5', as French exports write it (a space, a no-break space or a narrow one
    between thousands), was refused with the hint to write a point for decimals, though
    the source said decimal: "," (fuzzing round 8, 11)."""
    from deckgen.tables.select import to_number

    text = "k;v\na;1\u00a0234,5\nb;2\u202f000,25\nc;1 234 567\nd;3,5\n"
    table = load(tmp_path, '  p: {file: p.csv, decimal: ","}\n', {"p.csv": text})["p"]
    assert [to_number(v) for v in table["v"]] == [1234.5, 2000.25, 1234567.0, 3.5]


def test_a_decimal_point_in_a_decimal_comma_file_is_an_error_naming_the_cell(tmp_path):
    """With decimal: ",", '1.234' is 1234 and '12.5' was read as twelve and a half: one
    point meaning two things in one column (fuzzing round 8, 2). A number written with a
    decimal point is an error at its cell, with the fix; a column declared text keeps it."""
    text = "k;v;code\na;1.234;1.5\nb;12.5;2.25\nc;0,5;x\nd;€ 3.75;y\n"
    source = '  p: {file: p.csv, decimal: ",", columns: {code: text}}\n'
    message = error(tmp_path, source, {"p.csv": text})
    assert ("p.csv:3: v: column 'v' holds '12.5' (and 1 more cell), a "
                              "number with a decimal point, where data.p says its numbers "
            'have a decimal comma (decimal: ",")') in message  # fmt: skip
    assert "write it 12,5 as the file's other numbers are" in message
    assert "code" not in message
    fixed = text.replace("12.5", "12,5").replace("3.75", "3,75")
    from deckgen.tables.select import to_number

    table = load(tmp_path, source, {"p.csv": fixed})["p"]
    assert [to_number(v) for v in table["v"]] == [1234.0, 12.5, 0.5, 3.75]


def test_missing_reads_a_statistics_offices_marks_as_empty_cells(tmp_path):
    """A statistics office marks a value not available '..' or ':': the only way was to
    rewrite its file by hand at every release (found by review). `missing:` names them;
    they read as empty cells, in CSV and Excel alike, and other text is kept."""
    from deckgen.tables.select import to_number

    text = "region,rate,note\nNorth,4.6,..\nSouth,..,x\nEast, : ,ok\n"
    source = '  p: {file: p.csv, missing: ["..", ":"]}\n'
    table = load(tmp_path, source, {"p.csv": text})["p"]
    assert [to_number(v) for v in table["rate"]] == [4.6, None, None]
    assert list(table["note"]) == ["", "x", "ok"]
    workbook(tmp_path / "q.xlsx", {"S": [["region", "rate"], ["North", 4.6], ["South", ".."]]})
    sheet = load(tmp_path, '  q: {file: q.xlsx, missing: [".."]}\n')["q"]
    assert [to_number(v) for v in sheet["rate"]] == [4.6, None]


def test_decimal_is_for_csv_files_and_the_comma_hint_names_it(tmp_path):
    workbook(tmp_path / "p.xlsx", {"S": [["a", "b"], ["x", 1]]})
    message = error(tmp_path, '  p: {file: p.xlsx, decimal: ","}\n')
    assert "'decimal' applies to .csv/.tsv files only" in message
    from deckgen.tables.select import number_hint

    hint = number_hint("12,5")
    assert hint is not None and 'add decimal: "," to its data source' in hint


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False))
def test_a_number_written_with_a_decimal_comma_reads_as_itself(number):
    from deckgen.tables.select import decimal_comma, to_number

    whole, _, fraction = f"{abs(number):,.2f}".partition(".")
    written = ("-" if number < 0 else "") + whole.replace(",", ".") + "," + fraction
    converted = decimal_comma(written)
    assert converted is not None and to_number(converted) == pytest.approx(float(number))


def test_a_header_with_a_comma_is_comma_separated_whatever_its_cells_hold(tmp_path):
    text = "name,remark\nA,x;y\n"
    table = load(tmp_path, "  p: {file: p.csv}\n", {"p.csv": text})["p"]
    assert list(table.columns) == ["name", "remark"] and table["remark"][0] == "x;y"


def test_a_quote_never_closed_is_named_at_its_line(tmp_path):
    # pandas said "EOF inside string starting at row 2" (a row, not a line), at the outline.
    text = 'country,v\nChina,1\n"USA,2\nJapan,3\n'
    message = error(tmp_path, "  p: {file: p.csv}\n", {"p.csv": text})
    assert 'p.csv:3: a quote (") opened on this line is never closed' in message


def test_a_quote_inside_an_unquoted_cell_is_text(tmp_path):
    text = 'name,screen\nA,24" wide\nB,27" wide\nC,32" wide\n'
    table = load(tmp_path, "  p: {file: p.csv}\n", {"p.csv": text})["p"]
    assert list(table["screen"]) == ['24" wide', '27" wide', '32" wide']


def test_true_and_false_read_as_their_file_writes_them_never_as_python_s(tmp_path):
    """JSON's true and a sheet's TRUE were read as Python's True, printed 'True' on a
    slide and in a table, and named so in messages (fuzzing round 6)."""
    workbook(tmp_path / "b.xlsx", {"Data": [["name", "ok"], ["A", True], ["B", False]]})
    files = {"f.json": '[{"name": "A", "ok": true}, {"name": "B", "ok": false}]'}
    tables = load(tmp_path, "  f: {file: f.json}\n  b: {file: b.xlsx}\n", files)
    assert list(tables["f"]["ok"]) == ["true", "false"]
    assert list(tables["b"]["ok"]) == ["TRUE", "FALSE"]


def test_json_records_of_no_field_are_an_error_not_a_table_of_no_columns(tmp_path):
    """'[{}]' loaded as a table of no columns, and a chart naming one was told "its
    columns are " and nothing (fuzzing)."""
    message = error(tmp_path, "  j: {file: j.json}\n", {"j.json": "[{}, {}]"})
    assert "j.json: expected records with values, found 2 records of no field" in message
    assert '[{"country": "China", "units": 30.2}]' in message


def test_csv_xlsx_with_sheet_and_inline_sources_load(tmp_path):
    (tmp_path / "a.csv").write_text("country,value\nChina,1\nUSA,-\n")
    with pd.ExcelWriter(tmp_path / "b.xlsx") as writer:
        pd.DataFrame({"x": ["a"], "y": [1]}).to_excel(writer, sheet_name="first", index=False)
        pd.DataFrame({"port": ["Laredo, TX"], "value": [59]}).to_excel(
            writer, sheet_name="2023", index=False
        )
    loaded = outline(
        tmp_path,
        "  a: {file: a.csv}\n  b: {file: b.xlsx, sheet: '2023'}\n"
        "  c:\n    rows:\n      - {label: Plants, value: 50}\n",
    )
    tables = load_tables(loaded)
    assert list(tables["a"]["value"]) == ["1", "-"]
    assert list(tables["b"]["port"]) == ["Laredo, TX"]
    assert tables["c"].loc[0, "value"] == 50


def test_xlsx_reads_the_first_sheet_by_default_and_numeric_headers_as_text(tmp_path):
    workbook(tmp_path / "w.xlsx", {"one": [["year", 2023], ["a", 5]], "two": [["z"], [1]]})
    tables = load(tmp_path, "  w: {file: w.xlsx}\n")
    assert list(tables["w"].columns) == ["year", "2023"]
    assert list(tables["w"]["2023"]) == [5]


def test_a_missing_sheet_lists_the_workbook_sheets_and_suggests_the_nearest(tmp_path):
    workbook(tmp_path / "b.xlsx", {"Production": [["x"], [1]], "Exports": [["y"], [2]]})
    message = error(tmp_path, "  b: {file: b.xlsx, sheet: production}\n")
    assert "deck.yaml:3: data.b.sheet: workbook 'b.xlsx' has no sheet 'production'" in message
    assert "its sheets are 'Production', 'Exports'" in message
    assert "hint: did you mean 'Production'?" in message


def test_an_unsupported_file_type_is_rejected(tmp_path):
    (tmp_path / "a.txt").write_text("a\n1\n")
    message = error(tmp_path, "  a: {file: a.txt}\n")
    assert "expected a .csv, .tsv, .xlsx, .xlsm, .xls or .json file, found 'a.txt'" in message
    # A .txt export is told the names that read it (BLS and Census files come so).
    assert "rename it 'a.csv' (or 'a.tsv' if tabs separate its cells)" in message
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    # A binary .xls is read (tests/tables/test_xls.py): this one is cut short.
    assert "cannot read 'old.xls' as an Excel 97-2003 workbook (.xls)" in error(
        tmp_path, "  a: {file: old.xls}\n")  # fmt: skip


def test_a_data_file_named_without_its_suffix_suggests_the_file(tmp_path):
    """'data/table' beside data/table.csv was told only which suffixes are read (fuzzing)."""
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "table.csv").write_text("a\n1\n")
    message = error(tmp_path, "  t: {file: data/table}\n")
    assert ("data.t.file: expected a .csv, .tsv, .xlsx, .xlsm, .xls or .json file, found "
            "'data/table'") in message  # fmt: skip
    assert "hint: did you mean 'data/table.csv'?" in message
    # A typo and no suffix: the nearest data file.
    assert "hint: did you mean 'data/table.csv'?" in error(tmp_path, "  t: {file: data/tabl}\n")


def test_a_data_file_without_a_suffix_is_told_the_name_to_give_it(tmp_path):
    (tmp_path / "table").write_text("a\n1\n")
    message = error(tmp_path, "  t: {file: table}\n")
    assert "found 'table'" in message
    assert "rename it 'table.csv'" in message


@pytest.mark.parametrize("name", ["data", "data/", "data/sub"])
def test_a_data_file_that_is_a_folder_without_a_suffix_is_named_so(tmp_path, name):
    """'file: data' read 'expected a .csv, .xlsx, .xlsm or .json file' (fuzzing)."""
    (tmp_path / "data" / "sub").mkdir(parents=True)
    message = error(tmp_path, f"  t: {{file: {name}}}\n")
    assert f"data.t.file: the data file {name!r} is a folder, not a file" in message
    assert "expected a .csv" not in message


def test_an_xlsm_workbook_is_read_like_xlsx(tmp_path):
    workbook(tmp_path / "m.xlsm", {"s": [["a"], [1]]})
    assert list(load(tmp_path, "  m: {file: m.xlsm}\n")["m"]["a"]) == [1]


@pytest.mark.parametrize(
    ("option", "file"), [("sheet: s", "a.csv"), ("records: rows", "a.csv"), ("sheet: s", "a.json")]
)
def test_an_option_for_another_file_type_is_an_error_not_ignored(tmp_path, option, file):
    (tmp_path / file).write_text("a\n1\n")
    message = error(tmp_path, f"  a: {{file: {file}, {option}}}\n")
    name = option.split(":")[0]
    assert f"data.a.{name}: '{name}' applies to" in message
    assert f"not to {file!r}" in message


def test_outside_paths_need_permission(tmp_path):
    inner = tmp_path / "project"
    inner.mkdir()
    (tmp_path / "outside.csv").write_text("a\n1\n")
    loaded = outline(inner, "  a: {file: ../outside.csv}\n")
    with pytest.raises(Exception, match="outside the project folder"):
        load_tables(loaded)
    assert "a" in load_tables(loaded, allow_outside=True)


# --------------------------------------------------------------------------- JSON records
def test_json_records_keep_their_types_and_null_is_missing(tmp_path):
    records = [{"country": "China", "value": 30160966, "share": 0.32, "g20": True},
               {"country": "Chad", "value": None, "share": 0.0, "g20": False}]  # fmt: skip
    tables = load(tmp_path, "  j: {file: j.json}\n", {"j.json": json.dumps(records)})
    frame = tables["j"]
    assert list(frame.columns) == ["country", "value", "share", "g20"]
    assert list(frame["value"]) == [30160966, None]
    assert list(frame["share"]) == [0.32, 0.0]
    # true and false as JSON writes them, not Python's True (intended change: they were
    # printed 'True' on slides and in tables; fuzzing round 6)
    assert list(frame["g20"]) == ["true", "false"]
    assert [to_number(v) for v in frame["value"]] == [30160966.0, None]


def test_json_records_with_differing_keys_take_the_union_in_first_seen_order(tmp_path):
    records = [{"a": 1}, {"b": "x", "a": 2}, {"c": 3}]
    frame = load(tmp_path, "  j: {file: j.json}\n", {"j.json": json.dumps(records)})["j"]
    assert list(frame.columns) == ["a", "b", "c"]
    assert list(frame["b"]) == [None, "x", None]
    assert list(frame["c"]) == [None, None, 3]


def test_an_object_with_one_key_holding_the_records_is_accepted(tmp_path):
    text = json.dumps({"rows": [{"a": 1}, {"a": 2}]})
    assert list(load(tmp_path, "  j: {file: j.json}\n", {"j.json": text})["j"]["a"]) == [1, 2]


def test_records_names_a_nested_list_by_dotted_path(tmp_path):
    text = json.dumps({"meta": {"n": 1}, "data": {"rows": [{"a": 1}], "note": "x"}})
    tables = load(tmp_path, "  j: {file: j.json, records: data.rows}\n", {"j.json": text})
    assert list(tables["j"]["a"]) == [1]


def test_a_records_path_that_does_not_exist_lists_the_keys_there(tmp_path):
    text = json.dumps({"data": {"rows": [{"a": 1}]}})
    message = error(tmp_path, "  j: {file: j.json, records: data.row}\n", {"j.json": text})
    assert (
        "deck.yaml:3: data.j.records: 'j.json' has no key 'row' at data; its keys are 'rows'"
        in (message)
    )
    assert "did you mean 'rows'?" in message


def test_an_object_with_several_keys_asks_for_records(tmp_path):
    text = json.dumps({"meta": {}, "rows": [{"a": 1}]})
    message = error(tmp_path, "  j: {file: j.json}\n", {"j.json": text})
    assert "expected a list of records, found an object with keys 'meta', 'rows'" in message
    assert "hint: name the list in the outline with 'records: rows'" in message


def test_an_empty_object_is_said_empty(tmp_path):
    message = error(tmp_path, "  j: {file: j.json}\n", {"j.json": "{}"})
    assert "expected a list of records, found an empty object, {}" in message  # no 'keys '
    assert "none of its values" not in message


def test_lines_of_separators_alone_are_blank_rows_skipped_and_later_lines_keep_their_numbers(
    tmp_path,
):
    """',,' at the end of an export (a sheet's rows once touched) was a row the chart
    refused, 'the category column is empty', where a sheet's blank row is skipped (found
    by fuzzing)."""
    csv = "maker,units\nA,3\n,\n , \nB,x\n,\n"  # a line of spaces and a comma too
    message = error(tmp_path, "  s:\n    file: s.csv\n    columns: {units: number}\n",
                    {"s.csv": csv})  # fmt: skip
    assert "s.csv:5: units: expected a number in column 'units', found 'x'" in message
    table = load(tmp_path, "  t: {file: t.csv}\n", {"t.csv": "maker,units\nA,3\n,\nB,2\n,\n"})
    assert table["t"]["maker"].tolist() == ["A", "B"]
    assert table["t"].attrs["origin"].lines == (2, 4)


def test_invalid_json_names_its_line_and_column(tmp_path):
    text = '[\n  {"a": 1},\n  {"a": 2,}\n]\n'
    message = error(tmp_path, "  j: {file: j.json}\n", {"j.json": text})
    assert "j.json:3: not valid JSON: Expecting property name enclosed in double quotes" in message
    assert "(column 11)" in message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"rows": 5}', "rows: expected a list of records (objects) at rows, found a number"),
        ('"hello"', "expected a list of records (objects) at the top level, found a string"),
        ('[{"a": 1}, [1, 2]]', "j.json: [1]: expected a record (an object), found a list"),
        ('[{"a": [1, 2]}]', "j.json: [0].a: expected a single value, found a list"),
        ("[]", "the list at the top level is empty"),
        ('[{"a": 1, "a": 2}]', "an object has the key 'a' twice"),
        # Python's limits, in the file's terms (not "sys.set_int_max_str_digits()").
        ('[{"a": ' + "9" * 5000 + "}]", "a number in the JSON has more than 4,300 digits"),
        ("[" * 100_000 + "]" * 100_000, "the JSON nests lists or objects too deeply to read"),
    ],
    ids=[
        "number",
        "string",
        "list-in-list",
        "list-cell",
        "empty",
        "key-twice",
        "digits",
        "deep",
    ],
)
def test_json_that_is_not_records_is_reported(tmp_path, text, expected):
    assert expected in error(tmp_path, "  j: {file: j.json}\n", {"j.json": text})


def test_an_api_s_objects_in_records_are_columns_named_by_their_path(tmp_path):
    """{"metrics": {"users": 380}} in each record, as APIs group their numbers, was refused
    ('expected a single value, found an object'): every such feed needed a script first
    (found in review). An object's values are columns named by the keys' path, in the
    order first seen; a record without one, or with an empty object, has no value there;
    a cell is named by its place in the file."""
    text = json.dumps({"data": [
        {"date": "2023-01-01", "metrics": {"users": 380, "by": {"web": 300}}},
        {"date": "2023-02-01", "metrics": {"users": 395, "sessions": 1300}},
        {"date": "2023-03-01", "metrics": {}},
    ]})  # fmt: skip
    frame = load(tmp_path, "  a: {file: a.json}\n", {"a.json": text})["a"]
    assert list(frame.columns) == ["date", "metrics.users", "metrics.by.web", "metrics.sessions"]
    assert frame["metrics.users"].tolist() == [380, 395, None]
    assert frame["metrics.by.web"].tolist() == [300, None, None]
    bad = text.replace('"users": 395', '"users": "lots"')
    spec = "  a: {file: a.json, columns: {metrics.users: {type: number}}}\n"
    assert "a.json: data[1].metrics.users: expected a number" in error(
        tmp_path, spec, {"a.json": bad}
    )
    deep = '[{"y": ' + '{"a": ' * 12 + "1" + "}" * 13 + "]"  # a path of thousands of letters
    message = error(tmp_path, "  a: {file: a.json}\n", {"a.json": deep})
    assert "a.json: [0].y" + ".a" * 9 + ": expected a single value, found an object" in message
    assert "objects are read as columns 10 deep at most" in message
    empty = '[{"m": {"": 3, "users": 1}}]'  # was "found 'm.' (spaces only)"
    message = error(tmp_path, "  a: {file: a.json}\n", {"a.json": empty})
    assert "a column name is empty: expected a name for each key of record 0, found an " \
           "empty key ''" in message  # fmt: skip
    clash = '[{"m.users": 1, "m": {"users": 2}}]'
    message = error(tmp_path, "  a: {file: a.json}\n", {"a.json": clash})
    assert "a.json: [0].m.users: the column 'm.users' is named twice in this record" in message


@pytest.mark.parametrize("wrapped", [False, True])
def test_json_held_as_columns_reads_as_a_table(tmp_path, wrapped):
    """R's jsonlite and pandas' orient="list" write a table as columns; a bad cell is named
    as the file holds it (value[1])."""
    columns = {"name": ["A", "B"], "value": [3, "x"]}
    text = json.dumps({"data": columns} if wrapped else columns)
    declared = "records: data, " if wrapped else ""
    frame = load(tmp_path, f"  j: {{file: j.json, {declared}}}\n", {"j.json": text})["j"]
    assert list(frame.columns) == ["name", "value"] and list(frame["name"]) == ["A", "B"]
    message = error(tmp_path, f"  j: {{file: j.json, {declared}columns: {{value: number}}}}\n")
    where = "data.value[1]" if wrapped else "value[1]"
    assert f"j.json: {where}: expected a number in column 'value'" in message


@pytest.mark.parametrize("wrapped", [False, True])
def test_json_as_pandas_splits_it_reads_as_a_table(tmp_path, wrapped):
    """pandas' orient="split" (column names, an index, rows as lists) was refused with a
    hint that said its lists differ in length, which they did not (found by fuzzing); a
    bad cell is named where the file holds it."""
    split = {"columns": ["name", "value"], "index": [0, 1], "data": [["A", 3], ["B", "x"]]}
    text = json.dumps({"table": split} if wrapped else split)
    declared = "records: table, " if wrapped else ""
    frame = load(tmp_path, f"  j: {{file: j.json, {declared}}}\n", {"j.json": text})["j"]
    assert list(frame.columns) == ["name", "value"] and list(frame["name"]) == ["A", "B"]
    message = error(tmp_path, f"  j: {{file: j.json, {declared}columns: {{value: number}}}}\n")
    assert "expected a number in column 'value'" in message and "'x'" in message


def test_columns_of_different_lengths_say_so(tmp_path):
    text = json.dumps({"name": ["A", "B"], "value": [3]})
    message = error(tmp_path, "  j: {file: j.json}\n", {"j.json": text})
    assert "each list needs a value for every row; they hold name: 2, value: 1" in message


# --------------------------------------------------------------------------- declared types
def test_the_schema_and_the_parsers_know_the_same_types():
    assert set(typing.get_args(ColumnType)) == set(KINDS)


def test_declared_types_parse_every_cell(tmp_path):
    csv = (
        "name,amount,count,day,flag\n"
        'a,"1,234.5",12,2024-03-31,yes\n'
        "b,-,-,-,FALSE\n"
        "c, 7 ,3.0,,true\n"
    )
    data = (
        "  t:\n    file: t.csv\n"
        "    columns: {name: text, amount: number, count: integer, day: date, flag: boolean}\n"
    )
    frame = load(tmp_path, data, {"t.csv": csv})["t"]
    assert list(frame["name"]) == ["a", "b", "c"]
    assert list(frame["amount"]) == [1234.5, None, 7.0]
    assert list(frame["count"]) == [12, None, 3]
    assert list(frame["day"]) == [dt.date(2024, 3, 31), None, None]
    assert list(frame["flag"]) == [True, False, True]


def test_typed_numbers_still_feed_charts(tmp_path):
    csv = 'country,value\nChina,"30,160,966"\nChad,-\n'
    data = "  p:\n    file: p.csv\n    columns: {country: text, value: number}\n"
    frame = load(tmp_path, data, {"p.csv": csv})["p"]
    spec = chart_spec(type="bar", data="p", x="country", y="value")
    chart = chart_data(frame, spec, Location("deck.yaml", 9, "slides[0].chart"))
    assert chart.categories == ("China", "Chad")
    assert chart.series[0].values == (30160966.0, None)


def test_undeclared_columns_are_left_as_read(tmp_path):
    csv = "a,b\n1,x\n"
    frame = load(tmp_path, "  t:\n    file: t.csv\n    columns: {a: integer}\n", {"t.csv": csv})
    assert list(frame["t"]["a"]) == [1]
    assert list(frame["t"]["b"]) == ["x"]


ISO = "expected a date written as '2024-03-31' in column 'v', "


@pytest.mark.parametrize(
    ("type_", "cell", "expected"),
    [
        ("number", "12,3x", "expected a number in column 'v', found '12,3x'"),
        ("number", "12,3", "expected a number in column 'v', found '12,3'"),
        ("number", "inf", "expected a number in column 'v', found 'inf'"),
        ("number", "1_000", "expected a number in column 'v', found '1_000'"),
        ("integer", "2.5", "expected a whole number in column 'v', found '2.5'"),
        ("date", "31/03/2024", ISO + "found '31/03/2024'"),
        ("date", "2023-02-30", ISO + "found '2023-02-30'"),
        ("boolean", "maybe", "expected true or false in column 'v', found 'maybe'"),
    ],
)
def test_a_cell_that_does_not_fit_names_file_line_column_expected_and_found(
    tmp_path, type_, cell, expected
):
    good = {"number": "1", "integer": "1", "date": "2024-01-01", "boolean": "yes"}[type_]
    csv = f'k,v\na,{good}\nb,"{cell}"\n'
    message = error(
        tmp_path, f"  t:\n    file: t.csv\n    columns: {{v: {type_}}}\n", {"t.csv": csv}
    )
    assert f"t.csv:3: v: {expected}" in message
    assert f"'v' is declared as {type_} at " in message
    assert "deck.yaml:5" in message  # the declaration's line


def test_the_line_counts_quoted_fields_that_span_lines(tmp_path):
    csv = 'name,note,value\na,"two\nlines",1\nb,"three\nline\nnote",2\nc,plain,oops\n'
    data = "  t:\n    file: t.csv\n    columns: {value: number}\n"
    message = error(tmp_path, data, {"t.csv": csv})
    assert "t.csv:7: value: expected a number in column 'value', found 'oops'" in message


@pytest.mark.parametrize("csv", ["a,b\n1,2\n   \n\n3,4,x\n", "a,b\n  \n\n1,2\n3,4,x\n"])
def test_blank_lines_are_counted_and_a_row_with_too_many_cells_is_an_error(tmp_path, csv):
    # pandas would silently make the first column an index and shift the values.
    message = error(tmp_path, "  t: {file: t.csv}\n", {"t.csv": csv})
    assert "t.csv:5: expected 2 cells as in the header, found 3" in message
    assert 'quote a cell that contains a comma: "Laredo, TX"' in message


def test_blank_lines_do_not_shift_line_numbers(tmp_path):
    csv = "a,b\n\n1,2\n   \n\n3,x\n\n"
    message = error(tmp_path, "  t:\n    file: t.csv\n    columns: {b: number}\n", {"t.csv": csv})
    assert "t.csv:6: b: expected a number in column 'b', found 'x'" in message


def test_an_untyped_bad_number_is_named_by_its_real_line_after_sorting(tmp_path):
    csv = 'k,a,b\nx,"multi\nline",1\ny,5,zz\nz,9,3\n'
    frame = load(tmp_path, "  t: {file: t.csv}\n", {"t.csv": csv})["t"]
    spec = chart_spec(
        type="bar", data="t", x="k", y="b", sort={"by": "a"},
        filter=[{"column": "k", "op": "!=", "value": "x"}],
    )  # fmt: skip
    with pytest.raises(
        DataError, match=r"t\.csv:4: b: expected a number in column 'b', found 'zz'"
    ):
        chart_data(frame, spec, Location("deck.yaml", 9, "slides[0].chart"))


def test_required_columns_reject_missing_values(tmp_path):
    csv = "k,v\na,-\n,2\n"
    data = "  t:\n    file: t.csv\n    columns: {k: {type: text, required: true}, v: {type: number, required: true}}\n"  # noqa: E501
    message = error(tmp_path, data, {"t.csv": csv})
    assert "t.csv:2: v: expected a number in required column 'v', found '-' (a missing value)" in (
        message
    )
    assert "t.csv:3: k: expected text in required column 'k', found an empty cell" in message
    assert "drop 'required: true'" in message


def test_a_declared_column_the_file_lacks_lists_its_columns(tmp_path):
    csv = "country,production_2023\na,1\n"
    data = "  t:\n    file: t.csv\n    columns: {country: text, production_2032: number}\n"
    message = error(tmp_path, data, {"t.csv": csv})
    assert (
        "deck.yaml:5: data.t.columns.production_2032: data source 't' has no column "
        "'production_2032'; its columns are 'country', 'production_2023'"
    ) in message
    assert "did you mean 'production_2023'?" in message


def test_every_bad_cell_is_reported_those_alike_in_one_problem(tmp_path):
    """Cells that fail alike (one message but for the cell, one fix) are one problem at
    the first, naming five more and counting the rest: fourteen problems with one hint
    each filled the screen, ten printed (found by review)."""
    csv = "v\n" + "".join(f"bad{i}\n" for i in range(14)) + "1.2M\n"
    with pytest.raises(DataError) as info:
        load(tmp_path, "  t:\n    file: t.csv\n    columns: {v: number}\n", {"t.csv": csv})
    alike, short = info.value.problems
    assert alike.location.line == 2 and alike.message.endswith(
        "found 'bad0' here and 13 more cells like it: 'bad1' (line 3), 'bad2' (line 4), "
        "'bad3' (line 5), 'bad4' (line 6), 'bad5' (line 7) and 8 more"
    )
    assert short.location.line == 16 and "1,200,000 if 'M' stands for a million" in short.hint


def test_xlsx_cells_are_typed_and_a_bad_one_is_named_by_its_sheet_row(tmp_path):
    workbook(
        tmp_path / "w.xlsx",
        {
            "s": [
                ["day", "n", "code"],
                [dt.datetime(2024, 1, 2), 3, 2023],
                [],
                ["2024-02-01", "x", 7],
                ["2024-02-02", "y", 8],
                ["2024-02-03", "z", 9],
            ]
        },
    )
    data = "  w:\n    file: w.xlsx\n    columns: {day: date, n: integer, code: text}\n"
    message = error(tmp_path, data)
    assert "w.xlsx:4: n: expected a whole number in column 'n', found 'x'\n" in message
    assert "w.xlsx:5: n: expected a whole number in column 'n', found 'y' here and 1 more " \
           "cell like it: 'z' (row 6)" in message  # fmt: skip
    (tmp_path / "w.xlsx").unlink()
    workbook(tmp_path / "w.xlsx", {"s": [["day", "n", "code"], [dt.datetime(2024, 1, 2), 3, 2023]]})
    frame = load(tmp_path, data)["w"]
    assert list(frame["day"]) == [dt.date(2024, 1, 2)]
    assert list(frame["n"]) == [3]
    assert list(frame["code"]) == ["2023"]


def test_json_cells_are_typed_and_a_bad_one_is_named_by_its_record(tmp_path):
    text = json.dumps({"rows": [{"v": 1}, {"v": "2"}, {"v": True}]})
    message = error(
        tmp_path, "  j:\n    file: j.json\n    columns: {v: number}\n", {"j.json": text}
    )
    assert (
        "j.json: rows[2].v: expected a number in column 'v', found 'true'" in message
    )  # text now (intended)
    assert "rows[1]" not in message  # "2" is a number written as text: accepted


def test_inline_rows_are_typed_and_a_bad_one_is_named_by_its_outline_line(tmp_path):
    data = (
        "  c:\n    columns: {value: number}\n    rows:\n"
        "      - {label: a, value: 1}\n      - {label: b, value: lots}\n"
    )
    message = error(tmp_path, data)
    assert "deck.yaml:7: data.c.rows[1].value: expected a number in column 'value'" in message


@pytest.mark.parametrize(
    "rows",
    [
        "{label: a, value: 1}, {label: b, valu: 7}",
        "{label: a, value: 1}, {label: b, valu: 7}, {label: c, value: 2}",
    ],
)
def test_an_inline_key_that_is_nearly_the_other_rows_key_is_a_typo(tmp_path, rows):
    # 'valu' made a column of its own, and row b's value drew as missing without a word.
    # The did-you-mean is the fix line (a validator's trailing one becomes the hint).
    with pytest.raises(
        OutlineError, match=r"(?s)row 2 writes 'valu' .*hint: did you mean 'value'\?"
    ):
        outline(tmp_path, f"  c:\n    rows: [{rows}]\n")


def test_inline_rows_may_leave_a_key_out_or_write_one_of_their_own(tmp_path):
    data = "  c:\n    rows: [{label: a, value: 1, note: new}, {label: b}, {label: c, value: 2}]\n"
    table = load(tmp_path, data)["c"]
    assert list(table.columns) == ["label", "value", "note"]


def test_an_unknown_type_is_an_outline_error_with_a_suggestion(tmp_path):
    with pytest.raises(OutlineError, match=r"did you mean 'number'\?"):
        outline(tmp_path, "  t:\n    file: t.csv\n    columns: {v: numbr}\n")


def test_a_sheet_named_by_a_number_in_yaml_is_found(tmp_path):
    workbook(tmp_path / "w.xlsx", {"2022": [["a"], [1]], "2023": [["a"], [2]]})
    assert list(load(tmp_path, "  w: {file: w.xlsx, sheet: 2023}\n")["w"]["a"]) == [2]


# --------------------------------------------------------------------------- damaged and huge
def _rewrite_sheets(path: Path, pattern: bytes, replacement: typing.Any) -> None:
    """Rewrite every worksheet's XML of the workbook at ``path`` with ``re.sub``: what Excel
    stores on save that openpyxl does not (a formula's result, its error)."""
    import io
    import re
    import zipfile

    old = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            body = old.read(info.filename)
            if info.filename.startswith("xl/worksheets/"):
                body = re.sub(pattern, replacement, body)
            new.writestr(info, body)
    path.write_bytes(out.getvalue())


def _with_cached_results(path: Path) -> None:
    """Store each formula's result as Excel would on save (openpyxl stores none)."""

    def result(m: typing.Any) -> bytes:
        return b"<f>B%s*2</f><v>%d</v>" % (m.group(1), 2 * int(m.group(1)))

    _rewrite_sheets(path, rb"<f>B(\d)\*2</f><v></v>", result)


def test_a_formula_without_a_saved_result_names_sheet_cell_column_and_the_fix(tmp_path):
    rows = [["k", "v", "twice"], ["a", 2, "=B2*2"], ["b", 3, "=B3*2"]]
    workbook(tmp_path / "f.xlsx", {"S": rows})
    message = error(tmp_path, "  f: {file: f.xlsx}\n")
    assert "f.xlsx:2: S!C2: column 'twice': the cell holds the formula '=B2*2' but no" in message
    # One fix for the workbook: the next cells named in the one error (each was its own)
    assert "and so do 1 more cell (S!C3)" in message and "f.xlsx:3: S!C3" not in message
    assert "open the workbook in Excel or LibreOffice and save it" in message
    assert "nan" not in message


def test_formulas_with_saved_results_read_as_their_values(tmp_path):
    rows = [["k", "v", "twice"], ["a", 2, "=B2*2"], ["b", 3, "=B3*2"], ["c", 4, None]]
    workbook(tmp_path / "f.xlsx", {"S": rows})
    _with_cached_results(tmp_path / "f.xlsx")
    frame = load(tmp_path, "  f: {file: f.xlsx}\n")["f"]
    assert list(frame["twice"][:2]) == [4, 6]  # a plain blank cell stays blank
    assert pd.isna(frame["twice"][2])


def test_a_workbook_that_inflates_past_the_limit_is_refused_while_inflating(tmp_path, monkeypatch):
    from deckgen import limits

    monkeypatch.setattr(limits, "MAX_PART_BYTES", 2**20)
    rows = [["k", "text"]] + [[i, "x" * 1000] for i in range(2000)]  # a 2 MB sheet
    workbook(tmp_path / "big.xlsx", {"S": rows})
    assert (tmp_path / "big.xlsx").stat().st_size < 100_000
    message = error(tmp_path, "  big: {file: big.xlsx}\n")
    assert "deck.yaml:3: data.big.file: the workbook inflates past 1 MB in part" in message


def test_a_file_that_is_not_a_workbook_is_a_data_error(tmp_path):
    (tmp_path / "w.xlsx").write_text("name,value\na,1\n")
    message = error(tmp_path, "  w: {file: w.xlsx}\n")
    assert "cannot open the workbook as an Excel file" in message


def test_a_json_record_of_60000_keys_loads_in_linear_time(tmp_path):
    import time

    record = {f"k{i}": i for i in range(60_000)}
    (tmp_path / "wide.json").write_text(json.dumps([record]))
    start = time.perf_counter()
    frame = load(tmp_path, "  wide: {file: wide.json}\n")["wide"]
    assert time.perf_counter() - start < 10  # 48 s before (a count per key), ~1 s now
    assert frame.shape == (1, 60_000) and frame["k59999"][0] == 59_999


def test_a_duplicate_json_key_is_named_among_many(tmp_path):
    pairs = ", ".join(f'"k{i}": {i}' for i in range(20_000))
    (tmp_path / "d.json").write_text(f'[{{{pairs}, "k7": 8}}]')
    message = error(tmp_path, "  d: {file: d.json}\n")
    assert "an object has the key 'k7' twice" in message


def test_kept_tables_are_read_again_only_for_the_files_that_changed(tmp_path, monkeypatch):
    import deckgen.tables.sources as sources

    read: list[str] = []
    real = sources._read_file
    monkeypatch.setattr(sources, "_read_file", lambda loaded, name, *rest: (
        read.append(name), real(loaded, name, *rest))[1])  # fmt: skip
    (tmp_path / "a.csv").write_text("k,v\nx,1\n")
    (tmp_path / "b.csv").write_text("k,v\ny,2\n")
    data = "  a: {file: a.csv}\n  b: {file: b.csv}"
    kept: dict = {}
    first = load_tables(outline(tmp_path, data), kept=kept)
    assert read == ["a", "b"]
    again = load_tables(outline(tmp_path, data), kept=kept)
    assert read == ["a", "b"] and again["a"] is first["a"]  # nothing changed: nothing read
    (tmp_path / "b.csv").write_text("k,v\ny,3\n")
    changed = load_tables(outline(tmp_path, data), kept=kept)
    assert read == ["a", "b", "b"]
    assert changed["b"]["v"].tolist() == ["3"] and changed["a"] is first["a"]
    # A new declaration of the same file (a column's type) reads it again, as declared.
    typed = "  a: {file: a.csv, columns: {v: {type: number}}}\n  b: {file: b.csv}"
    retyped = load_tables(outline(tmp_path, typed), kept=kept)
    assert read == ["a", "b", "b", "a"] and retyped["a"]["v"].tolist() == [1]
    # A source the outline no longer names is forgotten.
    load_tables(outline(tmp_path, "  b: {file: b.csv}"), kept=kept)
    assert list(kept) == ["b"]


def test_a_file_saved_while_it_is_read_is_not_kept_under_its_old_bytes(tmp_path, monkeypatch):
    import deckgen.tables.sources as sources

    data = tmp_path / "a.csv"
    data.write_text("k,v\nx,1\n")
    real = sources._read_file

    def saved_meanwhile(*args):
        data.write_text("k,v\nx,2\n")  # the editor saves between the stamp and the read
        return real(*args)

    kept: dict = {}
    with monkeypatch.context() as patched:
        patched.setattr(sources, "_read_file", saved_meanwhile)
        first = load_tables(outline(tmp_path, "  a: {file: a.csv}"), kept=kept)
    assert first["a"]["v"].tolist() == ["2"]
    data.write_text("k,v\nx,1\n")  # undone: the bytes the stamp was taken of
    again = load_tables(outline(tmp_path, "  a: {file: a.csv}"), kept=kept)
    assert again["a"]["v"].tolist() == ["1"]
    data.write_text("k,v\nx,3\n")
    assert load_tables(outline(tmp_path, "  a: {file: a.csv}"), kept=kept)["a"]["v"].tolist() == [
        "3"
    ]


# --------------------------------------------------------------------------- headers and widths
def test_a_column_named_twice_in_a_csv_header_is_an_error_naming_both(tmp_path):
    # pandas would read the second as 'value.1', and `y: value` would silently take the first.
    message = error(tmp_path, "  t: {file: t.csv}\n", {"t.csv": "name,value,value\nA,10,1\n"})
    assert "t.csv:1: value: the header names the column 'value' twice (columns 2 and 3)" in (
        message
    )
    assert "rename the others (e.g. 'value 2')" in message


def test_a_column_named_twice_in_an_xlsx_header_names_both_cells(tmp_path):
    # A number 2023 and the text '2023' are the same name once the columns are text.
    workbook(
        tmp_path / "w.xlsx", {"S": [["name", "value", "value", 2023, "2023"], ["A", 1, 2, 3, 4]]}
    )
    message = error(tmp_path, "  w: {file: w.xlsx}\n")
    assert "w.xlsx:1: S!C1: the header names the column 'value' twice (cells B1 and C1)" in message
    assert "w.xlsx:1: S!E1: the header names the column '2023' twice (cells D1 and E1)" in message


def test_a_csv_row_with_fewer_cells_than_the_header_has_its_last_cells_empty(tmp_path):
    # Many programs leave a row's trailing empty cells out; nothing shifts, as with more.
    from deckgen.pipeline import BuildOptions, prepare
    from tests.helpers import HEADER, write_project

    header = HEADER.replace("production: {file: production.csv}", "t: {file: t.csv}")
    csv = "name,value,note\nA,10,x\nB\n\nC,3\n"
    path = write_project(tmp_path, header + "  - kind: title\n", {"t.csv": csv})
    frame = prepare(path, BuildOptions(out_dir=tmp_path / "out")).tables["t"]
    assert list(frame["name"]) == ["A", "B", "C"]
    assert [v if isinstance(v, str) else "" for v in frame["note"]] == ["x", "", ""]


def test_an_empty_csv_file_and_an_empty_sheet_say_so(tmp_path):
    message = error(tmp_path, "  t: {file: t.csv}\n", {"t.csv": "\n  \n"})
    assert "t.csv: the file is empty: expected a header line naming the columns" in message
    workbook(tmp_path / "w.xlsx", {"Notes": [], "Data": [["a"], [1]]})
    message = error(tmp_path, "  w: {file: w.xlsx}\n")
    assert "w.xlsx: the sheet 'Notes' is empty: expected a header row" in message
    assert "its columns are" not in message
    assert "name the sheet that holds the table with 'sheet:' (the workbook's sheets are " \
           "'Notes', 'Data')" in message  # fmt: skip


#: How the reader's notes below a table start, as its docstring and hints state them: a
#: label ("Source:", "Fußnoten."), a mark ("*", "©", "(c)"), "Copyright", or a rule.
NOTE_START = (
    r"\s*(?:(?:sources?|notes?|footnotes?|symbol legend|legend|how to cite|quellen?|"
    r"fußnoten?|anmerkungen?|hinweise?|zeichenerklärung)\s*[:.]|[*†‡]|\(c\)|©|"
    r"copyright|[_=-]{3,}\s*$)"
)


def _note_below(rows: list[list[str]]) -> int | None:
    """The row (0-based) of the first note below a table of two columns or more, by the
    rule the reader states: the rows at the end with text in their first cell alone (or
    starting as a note does, a comma having split its words into cells), the first of
    them after a row with no text or starting as a note does (or a note higher up, after
    a blank row, with cells of its own)."""
    import re

    if not rows or len(rows[0]) < 2:
        return None

    def split_note(row: list[str]) -> bool:  # a note a comma split into cells of words
        said = [c for c in row[1:] if c.strip()]
        return bool(re.match(NOTE_START, row[0], re.I)) and all(_words(c) for c in said)

    notes = []
    k = len(rows)
    while k > 0 and (not any(c.strip() for c in rows[k - 1][1:]) or split_note(rows[k - 1])):
        k -= 1
        if rows[k][0].strip():
            notes.append(k)
    # The first of them after a blank row or starting as a note, those above it data (a
    # 'Total' row without values over a source line below a blank row: bca4ebc's rule).
    for first in reversed(notes):
        after_blank = first > 0 and not any(c.strip() for c in rows[first - 1])
        word = re.match(NOTE_START, rows[first][0], re.I)
        if first > 0 and (after_blank or word):
            # Notes with cells of their own start higher, at a note's line after a blank one.
            for k in range(first - 1, 0, -1):
                blank_above = not any(c.strip() for c in rows[k - 1])
                if blank_above and re.match(NOTE_START, rows[k][0], re.I):
                    first = k
            return first
    return None


def _words(cell: str) -> bool:
    """Words or a unit, as the reader states them: a letter or a sign, no number."""
    import unicodedata

    signed = any(unicodedata.category(c)[0] in "LS" or c in "%‰" for c in cell)
    try:
        to_number(cell)
    except ValueError:
        return signed
    return False


def _table_below(rows: list[list[str]]) -> int | None:
    """The row (0-based) where a second, narrower table starts below the table, by the
    rule the reader states: after the last blank row with a row of text above it, two
    rows at least to the end, in at most half the columns (two at least), under a header
    of words filling them all, while some row above fills more cells."""

    def filled(r: list[str]) -> list[bool]:
        return [bool(c.strip()) for c in r]

    texts = [k for k, r in enumerate(rows) if any(filled(r))]
    starts = [k for j, k in enumerate(texts) if j and k - texts[j - 1] > 1]
    if not starts or len(rows[0]) < 2:
        return None
    start = starts[-1]
    block = [rows[k] for k in texts if k >= start]
    width = max(max((c + 1 for c, f in enumerate(filled(r)) if f), default=0) for r in block)
    above = max(sum(filled(rows[k])) for k in texts if k < start)
    if len(block) < 2 or not 2 <= width <= len(rows[0]) // 2 or above <= width:
        return None
    head = block[0][:width]
    return start if all(c.strip() and _words(c) for c in head) else None


def _describes(row: list[str]) -> bool:
    """A row that names or describes columns, as the reader states it: its first cell
    empty, its other filled cells words."""
    said = [c for c in row[1:] if c.strip()]
    return not row[0].strip() and bool(said) and all(_words(c) for c in said)


def _units_line(rows: list[list[str]]) -> bool:
    """Whether the first row describes the columns or gives their units, by the rule the
    reader states: its first cell empty, its other filled cells words or units (a letter
    or a sign, no number, no mark of a missing one), one of them over a number."""
    words = _words
    if len(rows) < 2 or len(rows[0]) < 2 or rows[0][0].strip():
        return False
    said = [k for k in range(1, len(rows[0])) if rows[0][k].strip()]
    return (
        bool(said)
        and all(words(rows[0][k]) for k in said)
        and any(_a_number(r[k]) for k in said for r in rows[1:])
    )


def _a_number(cell: str) -> bool:
    try:
        return to_number(cell) is not None
    except ValueError:
        return False


header_names = st.lists(st.sampled_from(["a", "b", "c", "d", "e", "f"]), min_size=1, max_size=5)
cell_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=4)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.data())
def test_a_csv_header_and_its_rows_are_read_as_written_or_reported(tmp_path, data):
    # Whatever is written: the cells exactly as written (a short row's last cells empty),
    # or an error naming the header or the line of each longer row; never a renamed column
    # or a shifted row.
    import csv as csv_module
    import io

    header = data.draw(header_names)
    width = st.one_of(st.just(len(header)), st.integers(0, 6))  # mostly the header's
    row = width.flatmap(lambda n: st.lists(cell_text, min_size=n, max_size=n))
    rows = data.draw(st.lists(row, max_size=6))

    written = [r for r in rows if len(r) > 1 or (r and r[0].strip())]  # blank lines skip
    text = io.StringIO()
    csv_module.writer(text, lineterminator="\n").writerows([header, *written])
    (tmp_path / "t.csv").write_text(text.getvalue(), encoding="utf-8")
    twice = sorted({h for h in header if header.count(h) > 1})
    lines = list(range(2, len(written) + 2))  # no cell spans lines here (no control chars)
    wrong = [n for n, r in zip(lines, written, strict=True) if len(r) > len(header)]
    if twice or wrong:
        message = error(tmp_path, "  t: {file: t.csv}\n")
        # Lines of one cell starting with '#' are comments (Google Analytics' notes), no rows.
        comments = [r for r in written if r and r[0].lstrip().startswith("#")
                    and not any(c.strip() for c in r[1:])]  # fmt: skip
        if len(header) == 1 and len(wrong) > len(written) - len(wrong) - len(comments):
            # One cell above rows of several: read as a title, and the header's line named:
            # the first wider line naming two columns, else the first wider line.
            naming = [n for n, r in zip(lines, written, strict=True) if len(r) > 1
                      and sum(bool(c.strip()) for c in r) >= 2
                      and not all(map(_a_number, [c for c in r if c.strip()]))]  # fmt: skip
            assert f"t.csv:1: line 1 ({header[0]!r}) has one cell" in message
            assert f"header: {naming[0] if naming else wrong[0]} in the data source" in message
            return
        if len(wrong) > len(written) - len(wrong) - len(comments):
            # Most rows wider than a header of several cells: the header is said, once (notes
            # above the table where the first wider row could name the columns).
            first = next(r for r in written if len(r) > len(header))
            filled = [c for c in first if c.strip()]
            if len(filled) >= 2 and not all(map(_a_number, filled)):
                assert "t.csv:1: line 1 (" in message and "notes above the table" in message
                assert f"header: {wrong[0]} in the data source" in message
            else:
                assert (f"names {len(header)} columns, and {len(wrong)} of the {len(written)} "
                        "rows below it have more cells") in message  # fmt: skip
            assert "cells as in the header" not in message
            for name in twice:
                assert f"t.csv:1: {name}: the header names the column {name!r}" in message
            return
        for name in twice:
            assert f"t.csv:1: {name}: the header names the column {name!r}" in message
        for n in wrong[: 10 - len(twice)]:
            assert f"t.csv:{n}: expected {len(header)} cells as in the header" in message
        return
    padded = [[*r, *[""] * (len(header) - len(r))] for r in written]
    note = _note_below(padded)
    if note is not None:  # a row of one cell at the end, after a blank one or as a note
        message = error(tmp_path, "  t: {file: t.csv}\n")
        assert f"t.csv:{note + 2}: " in message and "is a note below the table" in message
        return
    below = _table_below(padded)
    if below is not None:  # a narrower table under its own header, after a blank row
        message = error(tmp_path, "  t: {file: t.csv}\n")
        assert f"t.csv:{below + 2}: lines {below + 2} to " in message
        assert "a second table below this one" in message
        return
    if _units_line(padded):  # a line under the header, as offices write units there
        message = error(tmp_path, "  t: {file: t.csv}\n")
        # With the lines like it right below it (a header's lower lines), all but the last.
        kept = [(n, r) for n, r in zip(lines, padded, strict=True) if any(c.strip() for c in r)]
        count = 1
        while count < len(kept) - 1 and _describes(kept[count][1]):
            count += 1
        skipped = ", ".join(str(n) for n, _ in kept[:count])
        assert "t.csv:2: " in message and f"skip: [{skipped}] in the data source" in message
        return
    frame = load(tmp_path, "  t: {file: t.csv}\n")["t"]
    assert list(frame.columns) == header
    cells = [["" if v is None or v != v else v for v in r] for r in frame.to_numpy().tolist()]
    # A row of blank cells alone (',,') is a blank row, skipped as a blank line is.
    kept = [k for k, r in enumerate(padded) if any(c.strip() for c in r)]
    assert cells == [padded[k] for k in kept]
    assert frame.attrs["origin"].lines == tuple(lines[k] for k in kept)


# --------------------------------------------------------------------------- Excel cells
def _with_saved_error(path: Path) -> None:
    """Store the formula in C3 with the error Excel saves for it (openpyxl saves none)."""
    _rewrite_sheets(path, rb'<c r="C3"([^>]*)><f>B3/0</f><v\s*/?>(</v>)?',
                    b'<c r="C3" t="e"><f>B3/0</f><v>#DIV/0!</v>')  # fmt: skip


def test_an_excel_error_cell_names_sheet_cell_column_and_the_error(tmp_path):
    # pandas reads an error cell as an empty one: a value silently missing.
    rows = [["k", "v", "ratio"], ["a", 2, "#N/A"], ["b", 0, "=B3/0"], ["c", 3, 1.5]]
    workbook(tmp_path / "e.xlsx", {"S": rows})
    _with_saved_error(tmp_path / "e.xlsx")
    message = error(tmp_path, "  e: {file: e.xlsx}\n")
    # '#N/A' is the workbook's own "no value" (=NA() leaves a gap in an Excel chart).
    assert "S!C2" not in message
    assert "e.xlsx:3: S!C3: column 'ratio': expected a value, found the Excel error " \
           "'#DIV/0!' (the result of '=B3/0')" in message  # fmt: skip
    assert "fix the formula or the cell in the workbook so it holds a value" in message
    workbook(tmp_path / "n.xlsx", {"S": rows[:2]})
    frame = load(tmp_path, "  n: {file: n.xlsx}\n")["n"]
    assert pd.isna(frame["ratio"][0])


def test_text_in_a_sheet_is_kept_as_written_and_only_an_empty_cell_is_missing(tmp_path):
    # 'NA' is Namibia: as in a CSV file, text that reads as "not available" stays text.
    rows = [["code", "v"], ["NA", 1], ["None", None], ["n/a", "-"], [None, 4]]
    workbook(tmp_path / "w.xlsx", {"S": rows})
    frame = load(tmp_path, "  w: {file: w.xlsx}\n")["w"]
    assert list(frame["code"][:3]) == ["NA", "None", "n/a"] and pd.isna(frame["code"][3])
    assert pd.isna(frame["v"][1]) and frame["v"][2] == "-"


def test_a_data_file_that_is_not_there_gets_the_nearest_name_in_its_folder(tmp_path):
    from deckgen.errors import DataError
    from deckgen.pipeline import BuildOptions, prepare
    from tests.helpers import HEADER, PRODUCTION_CSV, write_project

    header = HEADER.replace("production.csv", "producton.csv")
    path = write_project(tmp_path, header + "  - kind: title\n", {"production.csv": PRODUCTION_CSV})
    with pytest.raises(DataError) as info:
        prepare(path, BuildOptions(out_dir=tmp_path / "out"))
    [problem] = info.value.problems
    assert problem.hint == "did you mean 'production.csv'?"
    (tmp_path / "production.csv").rename(tmp_path / "output.json")
    with pytest.raises(DataError) as info:
        prepare(path, BuildOptions(out_dir=tmp_path / "out"))
    assert info.value.problems[0].hint == "the data files in the outline's folder are 'output.json'"


@pytest.mark.parametrize(
    ("file", "hint"),
    [
        # In a folder: the path to write ('production.csv' alone was named, which is not
        # there either).
        ("data/producton.csv", "did you mean 'data/production.csv'?"),
        (
            "data/2023/producton.csv",
            "there is no folder 'data/2023'; did you mean 'data/production.csv'?",
        ),
        (
            "dat/production.csv",
            "there is no folder 'dat'; the data files in the outline's folder are 'notes.json'",
        ),
    ],
)
def test_a_data_file_in_a_folder_gets_the_path_to_write(tmp_path, file, hint):
    from deckgen.errors import DataError
    from deckgen.pipeline import BuildOptions, prepare
    from tests.helpers import HEADER, PRODUCTION_CSV, write_project

    header = HEADER.replace("production.csv", file)
    files = {"notes.json": "[]", "data/production.csv": PRODUCTION_CSV}
    (tmp_path / "data").mkdir(parents=True)
    path = write_project(tmp_path, header + "  - kind: title\n", files)
    with pytest.raises(DataError) as info:
        prepare(path, BuildOptions(out_dir=tmp_path / "out"))
    [problem] = info.value.problems
    assert problem.message.startswith(f"data file not found: {file!r} (looked in ")
    assert problem.hint == hint


@pytest.mark.parametrize(
    ("content", "line", "message"),
    [
        ("country,note\nChina,ok\nCôte d'Ivoire,x\n".encode("latin-1"), 3, "byte 0xf4"),
        # Without its byte-order mark (with one, it is read: see the test below).
        ("country,note\nChina,ok\n".encode("utf-16-le"), 1, "the file is UTF-16 text, not UTF-8"),
    ],
    ids=["latin-1", "utf-16"],
)
def test_a_data_file_that_is_not_utf8_is_named_at_its_line_with_the_fix(
    tmp_path, content, line, message
):
    """Not the codec's "can't decode byte 0xe9 in position 14" (counted from a chunk)."""
    from deckgen.errors import DataError
    from deckgen.pipeline import BuildOptions, prepare
    from tests.helpers import HEADER, write_project

    path = write_project(tmp_path, HEADER + "  - kind: title\n", {"x.csv": "a\n1\n"})
    (tmp_path / "production.csv").write_bytes(content)
    with pytest.raises(DataError) as info:
        prepare(path, BuildOptions(out_dir=tmp_path / "out"))
    [problem] = info.value.problems
    assert problem.location.file.endswith("production.csv") and problem.location.line == line
    assert message in problem.message and "save it as UTF-8" in problem.hint


# --------------------------------------------------------------------------- a title above
CHART_SLIDE = """\
  - kind: chart
    title: A makes the most
    source: Test data
    chart: {type: bar, data: t, x: maker, y: units}
"""
TITLED_CSV = "Table 1. Vehicles by maker, 2023\n\nmaker,units\nA,3\nB,x\n"


def test_header_skips_a_title_above_a_csv_table_and_rows_keep_their_lines(tmp_path):
    frame = load(tmp_path, "  t: {file: t.csv, header: 3}\n", {"t.csv": TITLED_CSV})["t"]
    assert list(frame.columns) == ["maker", "units"] and list(frame["maker"]) == ["A", "B"]
    assert frame.attrs["origin"].lines == (4, 5)  # the file's own lines
    message = error(tmp_path, "  t: {file: t.csv, header: 3, columns: {units: number}}\n")
    assert "t.csv:5: units: expected a number in column 'units', found 'x'" in message


def test_header_counts_the_lines_of_a_title_quoted_over_two(tmp_path):
    """pandas skips records, not lines: the first data row was read as the header
    ("its columns are 'China', '5'", found by fuzzing)."""
    titled = '"Table 1\nVehicle production"\n\ncountry,value\nChina,5\nUSA,3\n'
    frame = load(tmp_path, "  t: {file: t.csv, header: 4}\n", {"t.csv": titled})["t"]
    assert list(frame.columns) == ["country", "value"] and list(frame["country"]) == [
        "China",
        "USA",
    ]
    assert frame.attrs["origin"].lines == (5, 6)


def test_a_title_line_read_as_the_header_is_named_with_the_line_to_give(tmp_path):
    """A title of one cell above rows of two: one problem saying so, not one per row."""
    message = error(tmp_path, "  t: {file: t.csv}\n", {"t.csv": TITLED_CSV.replace(",", "", 1)})
    assert "t.csv:1: line 1 ('Table 1. Vehicles by maker 2023') has one cell" in message
    assert "header: 3 in the data source" in message
    assert "expected 1 cells" not in message


def test_a_title_with_a_comma_leads_a_missing_column_to_the_header_line(tmp_path):
    """The title's comma makes it a header of two columns, as wide as the table: the chart
    that names 'maker' is told that line 3 holds it, not 'did you mean ...'."""
    from deckgen.pipeline import BuildOptions, prepare
    from tests.helpers import HEADER, write_project

    (tmp_path / "t.csv").write_text(TITLED_CSV)
    header = HEADER.replace("production: {file: production.csv}", "t: {file: t.csv}")
    path = write_project(tmp_path, header + CHART_SLIDE, {})
    with pytest.raises(DeckgenError) as info:
        prepare(path, BuildOptions(out_dir=tmp_path / "out"))
    message = info.value.format_message()
    assert "data source 't' has no column 'maker'" in message
    assert "line 3 of t.csv holds 'maker'" in message and "header: 3" in message


@pytest.mark.parametrize(
    ("files", "source"),
    [({"t.csv": '"2023 JAN","8.8"\n"2023 FEB","9.2"\n'}, "{file: t.csv}"),
     ({"t.csv": '"Title","CPIH"\n"Unit","%"\n2023M01,8.8\n2023M02,9.2\n'},
      "{file: t.csv, header: 3}"),
     ({"t.xlsx": [["2023 JAN", 8.8], ["2023 FEB", 9.2]]}, "{file: t.xlsx}")],
    ids=["ons", "eurostat-under-notes", "sheet"],
)  # fmt: skip
def test_a_file_with_no_header_is_said_to_have_none(tmp_path, files, source):
    """An ONS series has no header line: its first row was read as one, and the chart
    naming 'maker' and 'units' was told the columns were '2023 JAN' and '8.8' with no more
    (found in review). A header of values alone, one a number no year is, is said to be
    the file's first row, with the fix."""
    from deckgen.pipeline import BuildOptions, prepare
    from tests.helpers import HEADER, write_project

    for name, content in files.items():
        if name.endswith(".xlsx"):
            workbook(tmp_path / name, {"Data": content})
        else:
            (tmp_path / name).write_text(content)
    header = HEADER.replace("production: {file: production.csv}", f"t: {source}")
    path = write_project(tmp_path, header + CHART_SLIDE, {})
    with pytest.raises(DeckgenError) as info:
        prepare(path, BuildOptions(out_dir=tmp_path / "out"))
    message = info.value.format_message()
    assert "data source 't' has no column 'maker'" in message
    name = next(iter(files))
    assert f"the row read as the header of {name} holds values" in message
    assert "the file has no header; say so in the data source and name its 2 columns" in message
    assert "(header: none, names: [...])" in message
    assert "'units' among them" in message


def test_a_header_of_years_or_names_is_no_sign_of_a_missing_header():
    """A wide table's header of years, or names, is a header: no such hint."""
    from deckgen.tables.origin import Origin
    from deckgen.tables.select import headerless_hint

    at = Origin("t.csv", (2, 3))
    assert headerless_hint("maker", ["2019", "2020", "2021"], at) is None
    assert headerless_hint("maker", ["country", "2019", "8.8"], at) is None
    assert headerless_hint("maker", ["2023 JAN", "8.8"], Origin("t.json", path="rows")) is None
    assert headerless_hint("maker", ["2023 JAN", "8.8"], at) is not None


def test_header_skips_a_title_above_a_sheet_and_cells_keep_their_rows(tmp_path):
    title = ["Table 1. Vehicles by maker, 2023"]
    workbook(tmp_path / "w.xlsx", {"Data": [title, [None], ["maker", "units"], ["A", 3],
                                            ["B", "#DIV/0!"]]})  # fmt: skip
    message = error(tmp_path, "  w: {file: w.xlsx}\n")
    assert "w.xlsx:1: Data!A1: row 1 of the sheet 'Data' holds one cell" in message
    assert "header: 3 in the data source" in message
    workbook(tmp_path / "v.xlsx", {"Data": [title, [None], ["maker", "units"], ["A", 3],
                                            ["B", 2]]})  # fmt: skip
    frame = load(tmp_path, "  v: {file: v.xlsx, header: 3}\n")["v"]
    assert list(frame.columns) == ["maker", "units"] and list(frame["units"]) == [3, 2]
    assert frame.attrs["origin"].lines == (4, 5)
    message = error(tmp_path, "  w: {file: w.xlsx, header: 3}\n")
    assert "w.xlsx:5: Data!B5: column 'units': expected a value, found the Excel error" in message


def test_a_title_above_key_value_notes_names_the_header_below_them(tmp_path):
    """BLS's series report writes 'Series Id:' beside its code, and more such lines, under
    its title and above its header of months: the hint named the 'Series Id:' row, and
    only the next run the header (found in review)."""
    rows = [["Employment, Hours, and Earnings from the Current Employment Statistics survey"],
            [None], ["Series Id:", "CES0000000001"], ["Seasonally Adjusted"],
            ["Series Title:", "All employees, thousands, total nonfarm"], [None],
            ["Year", "Jan", "Feb", "Mar", "Annual"], [2023, 155000, 155300, 155600, 156000],
            [2024, 157500, 157700, 158000, None]]  # fmt: skip
    workbook(tmp_path / "bls.xlsx", {"BLS Data Series": rows})
    message = error(tmp_path, "  b: {file: bls.xlsx}\n")
    assert "say where the header is: header: 7 in the data source" in message
    frame = load(tmp_path, "  b: {file: bls.xlsx, header: 7}\n")["b"]
    assert list(frame.columns) == ["Year", "Jan", "Feb", "Mar", "Annual"]


def test_a_title_above_a_header_of_years_names_the_header_row(tmp_path):
    """A merged title above 'Faculty', 2020, 2024 (years as numbers, one cell of text):
    the hint said 'header: N', and the reader had to count the workbook's rows."""
    rows = [["Applications by faculty, 2020-2024"], [None], ["Faculty", 2020, 2024],
            ["Arts", 4200, 3850]]  # fmt: skip
    workbook(tmp_path / "w.xlsx", {"Data": rows})
    message = error(tmp_path, "  w: {file: w.xlsx}\n")
    assert "header: 3 in the data source" in message and "header: N" not in message


def test_a_title_above_a_group_row_names_the_row_under_it(tmp_path):
    """A group row ('2023' over 'Q1' and 'Q2', merged, so its second cell empty) between
    the title and the header: the hint named it, and the build then refused its empty
    cell (found by fuzzing). A header with an empty cell of its own is still named."""
    rows = [["Report title"], ["Group", "2023", None], ["Country", "Q1", "Q2"],
            ["France", 1, 2], ["Spain", 3, 4]]  # fmt: skip
    workbook(tmp_path / "w.xlsx", {"Data": rows})
    message = error(tmp_path, "  w: {file: w.xlsx}\n")
    assert "header: 3 in the data source" in message
    rows = [["Report title"], ["Country", "Q1", None], ["France", 1, 2], ["Spain", 3, 4]]
    workbook(tmp_path / "v.xlsx", {"Data": rows})
    message = error(tmp_path, "  v: {file: v.xlsx}\n")
    assert "header: 2 in the data source" in message


def test_an_empty_first_row_of_a_sheet_names_the_row_with_names(tmp_path):
    """Without header:, the first row with text is the header, as a CSV's first line with
    text is (a table set at B2 was refused, with header: 2 as the fix: found in review;
    intended change: this test asserted that refusal). Said to be row 1, an empty row is
    refused as before."""
    workbook(tmp_path / "w.xlsx", {"Data": [[None, None], ["maker", "units"], ["A", 3]]})
    frame = load(tmp_path, "  w: {file: w.xlsx}\n")["w"]
    assert list(frame.columns) == ["maker", "units"] and list(frame["units"]) == [3]
    assert frame.attrs["origin"].lines == (3,)
    message = error(tmp_path, "  w: {file: w.xlsx, header: 1}\n")
    assert "row 1 of the sheet 'Data' is empty" in message and "header: 2" in message


@pytest.mark.parametrize(
    ("declaration", "files", "needle"),
    [
        ("  t: {file: t.json, header: 2}\n", {"t.json": "[]"},
         "'header' applies to .csv/.tsv/.xlsx/.xlsm/.xls files only"),
        ("  t: {file: t.csv, header: 9}\n", {"t.csv": TITLED_CSV},
         "'t.csv' has no text from line 9 on"),
        ("  t: {file: t.csv, header: true}\n", {"t.csv": TITLED_CSV}, "header"),
        ("  t: {file: t.csv, header: 0}\n", {"t.csv": TITLED_CSV}, "header"),
    ],
)  # fmt: skip
def test_a_header_that_cannot_be_is_an_error(tmp_path, declaration, files, needle):
    with pytest.raises(DeckgenError) as info:
        load(tmp_path, declaration, files)
    assert needle in info.value.format_message()


title_line = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"),
                                   exclude_characters='"'), max_size=30)  # fmt: skip


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(title_line, max_size=4), st.lists(st.integers(0, 999), min_size=1, max_size=5))
def test_header_reads_the_same_table_whatever_stands_above_it(tmp_path, above, values):
    """Any lines above the header (titles, notes, commas, blanks): with header: N the table
    is the one below, its rows named by the file's own lines."""
    table = "maker,units\n" + "".join(f"M{k},{v}\n" for k, v in enumerate(values))
    (tmp_path / "t.csv").write_text("".join(f"{line}\n" for line in above) + table)
    first = len(above) + 1
    frame = load(tmp_path, f"  t: {{file: t.csv, header: {first}}}\n")["t"]
    assert list(frame.columns) == ["maker", "units"]
    assert list(frame["units"]) == [str(v) for v in values]
    assert frame.attrs["origin"].lines == tuple(range(first + 1, first + 1 + len(values)))


# --------------------------------------------------------------------------- notes below
NOTED_CSV = (
    "maker,units\nA,3\nB,2\n\nSource: Bureau of Economic Analysis\nNote: 2023 is preliminary\n"
)


def test_notes_below_a_csv_table_are_an_error_naming_the_footer_to_give(tmp_path):
    """Read as rows they would be two categories without values, drawn as gaps."""
    message = error(tmp_path, "  t: {file: t.csv}\n", {"t.csv": NOTED_CSV})
    assert "t.csv:5: 'Source: Bureau of Economic Analysis' is a note below the table" in message
    assert "footer: 2 in the data source (it counts the lines with text at the end)" in message
    frame = load(tmp_path, "  t: {file: t.csv, footer: 2}\n")["t"]
    assert list(frame["maker"]) == ["A", "B"] and frame.attrs["origin"].lines == (2, 3)


@pytest.mark.parametrize(
    "text",
    [
        "maker,units\nA,3\nB,2\nSource: BEA\n",  # a note word, no blank line
        "maker,units\nA,3\nB,2\n\nFigures for 2023 are preliminary\n",  # after a blank line
        "maker,units\nA,3\nB,2\n* preliminary\n",
    ],
)
def test_a_note_is_known_by_its_word_or_the_blank_line_above_it(tmp_path, text):
    message = error(tmp_path, "  t: {file: t.csv}\n", {"t.csv": text})
    assert "is a note below the table" in message and "footer: 1" in message


def test_a_last_row_without_values_is_data_as_any_other(tmp_path):
    """'C' with no units, right under the table: a category with a missing value."""
    frame = load(tmp_path, "  t: {file: t.csv}\n", {"t.csv": "maker,units\nA,3\nB,2\nC\n"})["t"]
    assert list(frame["maker"]) == ["A", "B", "C"]


@pytest.mark.parametrize("csv", [True, False], ids=["csv", "xlsx"])
def test_a_row_without_values_above_the_notes_does_not_hide_them(tmp_path, csv):
    """A 'Total' row with its values left empty right under the table, then a blank line
    and 'Source: OICA.': the notes were taken for data with the Total row, and the source
    drawn as a category without a value (found in review). The notes are refused as
    notes; with footer: 1 the Total row stays, as data."""
    rows = [["maker", "units"], ["A", 3], ["B", 2], ["Total"], [None], ["Source: OICA."]]
    if csv:
        (tmp_path / "t.csv").write_text("maker,units\nA,3\nB,2\nTotal,\n\nSource: OICA.\n")
    else:
        workbook(tmp_path / "t.xlsx", {"Data": rows})
    name = "t.csv" if csv else "t.xlsx"
    message = error(tmp_path, f"  t: {{file: {name}}}\n")
    assert "'Source: OICA.' is a note below the table" in message
    assert f"{name}:6: " in message and "footer: 1 in the data source" in message
    frame = load(tmp_path, f"  t: {{file: {name}, footer: 1}}\n")["t"]
    assert list(frame["maker"]) == ["A", "B", "Total"]


def test_notes_below_a_sheet_are_an_error_and_footer_leaves_them_out(tmp_path):
    rows = [["maker", "units"], ["A", 3], ["B", 2], [None], ["Source: BEA"]]
    workbook(tmp_path / "w.xlsx", {"Data": rows})
    message = error(tmp_path, "  w: {file: w.xlsx}\n")
    assert "w.xlsx:5: Data!A5: 'Source: BEA' is a note below the table" in message
    frame = load(tmp_path, "  w: {file: w.xlsx, footer: 1}\n")["w"]
    assert list(frame["units"]) == [3, 2] and frame.attrs["origin"].lines == (2, 3)


def test_a_footer_that_leaves_no_table_is_an_error(tmp_path):
    message = error(tmp_path, "  t: {file: t.csv, footer: 5}\n", {"t.csv": NOTED_CSV})
    assert "footer: 5 leaves no row of the table: it has 4 lines with text" in message


# --------------------------------------------------------------------------- percent cells
def test_a_cell_formatted_as_a_percentage_is_read_as_the_sheet_shows_it(tmp_path):
    """Excel stores 45% as 0.45; read as stored, `percent:0` wrote '0%'. Read as shown: 45,
    exactly (0.07 is 7, not 7.000000000000001), a formula's saved result too; cells not
    formatted as a percentage are kept."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Data"
    sheet.append(["maker", "share", "fine", "units"])
    sheet.append(["A", 0.45, 0.125, 1200])
    sheet.append(["B", 0.07, "=C2*2", 900])
    for cell, code in (("B2", "0%"), ("B3", "0%"), ("C2", "0.0%"), ("C3", "0.0%")):
        sheet[cell].number_format = code
    book.save(tmp_path / "w.xlsx")
    _save_results(tmp_path / "w.xlsx", {"C3": 0.25})
    frame = load(tmp_path, "  w: {file: w.xlsx}\n")["w"]
    assert list(frame["share"]) == [45.0, 7.0]
    assert list(frame["fine"]) == [12.5, 25.0]
    assert list(frame["units"]) == [1200, 900]


@pytest.mark.parametrize("code", ['0"%"', "0\\%", '#,##0.0" %"', '"%"0'])
def test_a_percent_sign_written_as_text_in_a_format_keeps_the_number(tmp_path, code):
    """'0"%"' shows 45 as '45%' and stores 45: the sign is text, not a scaling. A test
    for '%' anywhere in the format read it as 4500."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["maker", "share"])
    sheet.append(["A", 45])
    sheet.append(["B", 12.5])
    for cell in ("B2", "B3"):
        sheet[cell].number_format = code
    book.save(tmp_path / "w.xlsx")
    assert list(load(tmp_path, "  w: {file: w.xlsx}\n")["w"]["share"]) == [45, 12.5]


@pytest.mark.parametrize(
    ("code", "scales"),
    [("0%", True), ("0.00%", True), ("[Red]0.0%", True), ("0.0%;[Red]-0.0%", True),
     ('0"%"', False), ("0\\%", False), ('"%"0', False), ("[$-409]0", False),
     ("General", False)],
)  # fmt: skip
def test_only_a_percent_sign_that_formats_scales_by_100(code, scales):
    from deckgen.tables.excel import scales_to_percent

    assert scales_to_percent(code) is scales


@pytest.mark.parametrize(
    ("code", "sign"),
    [('"$"#,##0.00', ("$", "")), ("[$$-409]#,##0", ("$", "")), ("£#,##0", ("£", "")),
     ('"US$"#,##0', ("US$", "")), ("#,##0.00 [$€-407]", ("", " €")), ('#,##0 "€"', ("", " €")),
     ("[$CHF] #,##0", ("CHF ", "")), ("#,##0 [$EUR]", ("", " EUR")),
     ("_-[$£-809]* #,##0.00_-;-[$£-809]* #,##0.00_-;_-[$£-809]* \"-\"??_-;_-@_-", ("£", "")),
     ("$#,##0_);($#,##0)", ("$", "")),
     ("#,##0_$", None),  # a space as wide as '$': no sign written
     ('"$"#,##0 "€"', None), ("0%", None), ("#,##0", None), ('0 "km"', None),
     ("[$-409]#,##0", None), ("General", None), ("@", None)],
)  # fmt: skip
def test_a_currency_format_says_its_sign_and_where_it_is_written(code, sign):
    from deckgen.tables.excel import currency_of

    assert currency_of(code) == sign


@pytest.mark.parametrize(
    ("code", "decimals"),
    [("#,##0.00", 2), ('"£"#,##0', 0), ("0.0", 1), ("#,##0.00 [$€-407]", 2),
     ("#,##0.0_);(#,##0.0)", 1), ('0.00 "€"', 2), ("General", 0)],
)  # fmt: skip
def test_a_formats_decimals_are_its_places_after_the_point(code, decimals):
    from deckgen.tables.excel import decimals_of

    assert decimals_of(code) == decimals


def test_a_column_of_money_in_a_currency_format_is_said_to_be_money(tmp_path):
    """A budget sheet's cells formatted '£#,##0' were read as plain numbers, and a chart of
    them wrote 1.2K where the sheet showed £1,200 (found by a new user). A column whose
    every number is so formatted, with one sign, is money; one with a number in another
    format, or of another currency, is not; the values are read as stored."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["team", "spend", "grant", "mixed", "count"])
    sheet.append(["A", 1200, 500.5, 10, 3])
    sheet.append(["B", 830, "n/a", 20, 4])
    for cell, code in (("B2", '"£"#,##0'), ("B3", '"£"#,##0'), ("C2", "#,##0.00 [$€-407]"),
                       ("D2", '"£"#,##0'), ("D3", '"$"#,##0'), ("E2", "0")):  # fmt: skip
        sheet[cell].number_format = code
    book.save(tmp_path / "w.xlsx")
    frame = load(tmp_path, "  w: {file: w.xlsx}\n")["w"]
    assert frame.attrs["origin"].currency == {"spend": ("£", "", 0), "grant": ("", " €", 2)}
    assert list(frame["spend"]) == [1200, 830]


def test_a_workbook_without_percentages_is_read_as_stored(tmp_path):
    workbook(tmp_path / "w.xlsx", {"Data": [["maker", "share"], ["A", 0.45]]})
    assert list(load(tmp_path, "  w: {file: w.xlsx}\n")["w"]["share"]) == [0.45]


def _percent_sheet(path: Path) -> None:
    """A sheet whose 'share' cells Excel shows as 91.46% and 42% (stored 0.9146 and 0.42),
    long too (a 'year' per row), and whose 'fraction' holds the same numbers unformatted;
    a blank row between them (left out: the rows after it are named by their sheet row)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Data"
    sheet.append(["region", "year", "share", "fraction"])
    sheet.append(["North", 2023, 0.9146, 0.9146])
    sheet.append([])
    sheet.append(["South", 2023, 0.42, 0.42])
    for cell in ("C2", "C4"):
        sheet[cell].number_format = "0.00%"
    book.save(path)


@pytest.mark.parametrize("long", [False, True])
def test_scale_100_over_cells_formatted_as_percentages_is_an_error_naming_the_cell(tmp_path, long):
    """A deck that fixed fractions with `scale: 100` (NUM009's advice) before sheets were
    read as they show scaled a percent cell twice: 91.46% was written 9,146.00%, without
    a word. The error names the outline field, the workbook, sheet and cell, what it
    holds, what the chart would write, and the fix."""
    _percent_sheet(tmp_path / "w.xlsx")
    frame = load(tmp_path, "  w: {file: w.xlsx}\n")["w"]
    fields = {"type": "grouped-bar", "series": "year"} if long else {"type": "bar"}
    spec = chart_spec(data="w", x="region", y="share", scale=100, format="percent:2", **fields)
    with pytest.raises(DataError) as info:
        chart_data(frame, spec, Location("deck.yaml", 9, "slides[0].chart"))
    [problem] = info.value.problems
    assert problem.location == Location("deck.yaml", 9, "slides[0].chart.scale")
    assert problem.message == (
        "expected column 'share' in percent as the sheet shows it, found it scaled twice: "
        "w.xlsx (sheet 'Data') formats C2 (and 1 more cell of the column) as a percentage, "
        "so C2's 0.9146, shown as 91.46%, is read as 91.46, and 'scale: 100' multiplies it "
        "again, to 9,146.00%"
    )
    assert problem.hint is not None and problem.hint.startswith("remove 'scale: 100'")


@pytest.mark.parametrize(
    ("y", "fields", "values"),
    [
        ("share", {"format": "percent:2"}, (91.46, 42.0)),  # read as shown, once
        ("fraction", {"scale": 100, "format": "percent:2"}, (91.46, 42.0)),  # NUM009's fix
        ("share", {"scale": 100, "format": "plain:0 bp"}, (9146.0, 4200.0)),  # basis points
        ("share", {"scale": 100, "format": "percent:0", "index": "North"}, (100.0, 45.92)),
    ],
)
def test_scale_100_is_kept_where_it_scales_once_or_changes_the_unit(tmp_path, y, fields, values):
    _percent_sheet(tmp_path / "w.xlsx")
    frame = load(tmp_path, "  w: {file: w.xlsx}\n")["w"]
    spec = chart_spec(type="bar", data="w", x="region", y=y, **fields)
    data = chart_data(frame, spec, Location("deck.yaml", 9, "slides[0].chart"))
    assert data.series[0].values == pytest.approx(values, abs=0.005)


def _save_results(path: Path, results: dict[str, float]) -> None:
    """Write each formula cell's result into the workbook, as Excel does when it saves
    (openpyxl writes formulas without results)."""
    import re
    import zipfile

    with zipfile.ZipFile(path) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    xml = parts["xl/worksheets/sheet1.xml"].decode()
    for ref, value in results.items():
        xml = re.sub(rf'(<c r="{ref}"[^>]*>)(<f>[^<]*</f>)(<v\s*/>|<v></v>)?',
                     rf"\1\2<v>{value}</v>", xml)  # fmt: skip
    parts["xl/worksheets/sheet1.xml"] = xml.encode()
    with zipfile.ZipFile(path, "w") as package:
        for name, content in parts.items():
            package.writestr(name, content)


def test_a_date_in_the_header_row_names_its_column_by_its_iso_day(tmp_path):
    """A sheet of months across (shown 'Jan 2023'): the column is '2023-01-01', not
    '2023-01-01 00:00:00'; a chart naming it as shown is pointed to that name."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Data"
    sheet.append(["maker", dt.datetime(2023, 1, 1), dt.datetime(2023, 2, 1, 9, 30), 2024])
    sheet.append(["A", 3, 4, 5])
    sheet["B1"].number_format = "mmm yyyy"
    book.save(tmp_path / "w.xlsx")
    frame = load(tmp_path, "  w: {file: w.xlsx}\n")["w"]
    assert list(frame.columns) == ["maker", "2023-01-01", "2023-02-01 09:30:00", "2024"]
    job = chart_spec(type="bar", data="w", x="maker", y="Jan 2023")
    with pytest.raises(DataError) as info:
        chart_data(frame, job, Location("deck.yaml", 5, "slides[0].chart"))
    assert "did you mean '2023-01-01'? (a date in the header row" in str(info.value)


def test_spaces_around_a_header_name_are_not_part_of_it(tmp_path):
    """' name ' in an export's header is 'name' (a chart naming 'name' was told: did you
    mean ' name '?); two names that only spaces tell apart are one name given twice."""
    frame = load(tmp_path, "  t: {file: t.csv}\n", {"t.csv": " name , value \nA,3\n"})["t"]
    assert list(frame.columns) == ["name", "value"]
    workbook(tmp_path / "w.xlsx", {"Data": [[" name", "value  "], ["A", 3]]})
    assert list(load(tmp_path, "  w: {file: w.xlsx}\n")["w"].columns) == ["name", "value"]
    message = error(tmp_path, "  t: {file: t.csv}\n", {"t.csv": "name, name\nA,3\n"})
    assert "the header names the column 'name' twice" in message


def test_a_header_cell_left_empty_is_named_when_a_chart_misses_a_column(tmp_path):
    """A pivot table's export leaves the corner cell empty. In a CSV or a sheet that is an
    error where the file is read (tests/tables/test_sources_real.py); in JSON written from
    such a table by pandas the row labels' key is 'Unnamed: 0', and a chart asking for
    'country' is told which column has no name."""
    message = error(tmp_path, "  t: {file: t.csv}\n", {"t.csv": ",2004,2023\nChina,5.2,30.2\n"})
    assert "t.csv:1: column 1: expected a name in the header for column 1" in message
    records = '[{"Unnamed: 0": "China", "2004": 5.2, "2023": 30.2}]'
    frame = load(tmp_path, "  t: {file: t.json}\n", {"t.json": records})["t"]
    job = chart_spec(type="bar", data="t", x="country", y="2023")
    with pytest.raises(DataError) as info:
        chart_data(frame, job, Location("deck.yaml", 5, "slides[0].chart"))
    assert "the header leaves column 1 without a name (read as 'Unnamed: 0')" in str(info.value)


# ------------------------------------------------------------- workbooks as exporters write them
def _rewrite_part(path: Path, part: str, change: typing.Callable[[str], str]) -> None:
    """Rewrite one XML part of the workbook at ``path`` (valid XML an exporter may write
    that openpyxl never does)."""
    import io
    import zipfile

    old = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            body = old.read(info.filename)
            new.writestr(info, change(body.decode()).encode() if info.filename == part else body)
    path.write_bytes(out.getvalue())


def _understated(xml: str) -> str:
    """A sheet whose <dimension> says A1 whatever it holds, as some exporters write it."""
    import re

    return re.sub(r'<dimension ref="[^"]*"/>', '<dimension ref="A1"/>', xml)


SHEET = "xl/worksheets/sheet1.xml"


def test_a_sheet_whose_dimension_understates_it_is_read_whole(tmp_path):
    """openpyxl reads only the rows a sheet's <dimension> claims: with 'A1' there, an error
    cell and a formula without a result were drawn as gaps, and 45% read 0.45 (fuzzing)."""
    path = tmp_path / "w.xlsx"
    workbook(path, {"S": [["k", "v", "p"], ["a", 10, 0.45], ["b", "=SUM(1,2)", 0.125]]})
    book = openpyxl.load_workbook(path)
    for cell in ("C2", "C3"):
        book["S"][cell].number_format = "0%"
    book.save(path)
    _rewrite_part(path, SHEET, _understated)
    assert "w.xlsx:3: S!B3: column 'v': the cell holds the formula '=SUM(1,2)'" in error(
        tmp_path, "  w: {file: w.xlsx}\n")  # fmt: skip
    _save_results(path, {"B3": 3})
    _rewrite_part(path, SHEET, _understated)
    frame = load(tmp_path, "  w: {file: w.xlsx}\n")["w"]
    assert list(frame["v"]) == [10, 3] and list(frame["p"]) == [45.0, 12.5]


def test_formulas_are_found_in_prefixed_sheet_xml_and_as_array_formulas(tmp_path):
    """<x:f> (the Open XML SDK's prefix) and {=SUM(...)} without a result were drawn as
    gaps with no word (found by fuzzing)."""
    import re
    import zipfile

    from openpyxl.worksheet.formula import ArrayFormula

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "S"
    sheet.append(["k", "v"])
    sheet.append(["a", 10])
    sheet["A3"], sheet["B3"] = "b", ArrayFormula("B3", "=SUM(1,2)")
    book.save(tmp_path / "w.xlsx")
    assert "w.xlsx:3: S!B3: column 'v': the cell holds the formula '=SUM(1,2)'" in error(
        tmp_path, "  w: {file: w.xlsx}\n")  # fmt: skip
    workbook(tmp_path / "w.xlsx", {"S": [["k", "v"], ["a", 10], ["b", "=SUM(1,2)"]]})

    def prefixed(xml: str) -> str:
        xml = xml.replace("<worksheet xmlns=", "<x:worksheet xmlns:x=")
        return re.sub(r"<(/?)(?!x:|\?)(\w+)", r"<\1x:\2", xml)

    _rewrite_part(tmp_path / "w.xlsx", SHEET, prefixed)
    assert "<x:f>" in zipfile.ZipFile(tmp_path / "w.xlsx").read(SHEET).decode()
    assert "S!B3: column 'v': the cell holds the formula '=SUM(1,2)'" in error(
        tmp_path, "  w: {file: w.xlsx}\n")  # fmt: skip


def test_percent_formats_in_single_quoted_style_xml_are_seen(tmp_path):
    """Valid XML; a search for numFmtId="9" missed it and 45% read 0.45 (fuzzing)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["k", "p"])
    sheet.append(["a", 0.45])
    sheet["B2"].number_format = "0.0%"
    book.save(tmp_path / "w.xlsx")
    _rewrite_part(tmp_path / "w.xlsx", "xl/styles.xml", lambda xml: xml.replace('"', "'"))
    assert list(load(tmp_path, "  w: {file: w.xlsx}\n")["w"]["p"]) == [45.0]


def test_without_a_sheet_the_first_visible_sheet_is_read(tmp_path):
    """A hidden first sheet (a lookup table) was read instead of the one Excel opens on."""
    book = openpyxl.Workbook()
    book.active.title = "Data"
    book.active.append(["k", "v"])
    book.active.append(["a", 10])
    hidden = book.create_sheet("Lookup", 0)
    hidden.append(["k", "v"])
    hidden.append(["a", 999])
    hidden.sheet_state = "hidden"
    book.active = 1
    book.save(tmp_path / "w.xlsx")
    assert list(load(tmp_path, "  w: {file: w.xlsx}\n")["w"]["v"]) == [10]
    assert list(load(tmp_path, "  w: {file: w.xlsx, sheet: Lookup}\n")["w"]["v"]) == [999]


def test_excel_dates_at_midnight_read_as_days_and_times_of_day_are_kept(tmp_path):
    """Excel stores a date as a date and time: a chart's labels read '2020-01-01 00:00:00'
    (found by fuzzing). A day is what the sheet shows, as a declared date column reads."""
    when = [dt.datetime(2020, 1, 1), dt.datetime(2020, 2, 1), dt.datetime(2020, 3, 1, 9, 30)]
    workbook(tmp_path / "w.xlsx", {"S": [["month", "v"], *([d, n] for n, d in enumerate(when))]})
    frame = load(tmp_path, "  w: {file: w.xlsx}\n")["w"]
    assert list(frame["month"]) == [dt.date(2020, 1, 1), dt.date(2020, 2, 1), when[2]]
    workbook(
        tmp_path / "w.xlsx", {"S": [["month", "v"], *([d, n] for n, d in enumerate(when[:2]))]}
    )
    frame = load(tmp_path, "  w: {file: w.xlsx}\n")["w"]
    data = chart_data(frame, chart_spec(type="bar", data="w", x="month", y="v"), Location("d.yaml"))
    assert data.categories == ("2020-01-01", "2020-02-01")
    assert data.x_dates == (dt.date(2020, 1, 1), dt.date(2020, 2, 1))


def test_cells_without_a_place_written_are_placed_after_the_one_before(tmp_path):
    """The standard lets a writer leave out a cell's and a row's r="B7": the percent and
    formula passes read the sheet's XML themselves, and place such cells in order."""
    import re

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "S"
    sheet.append(["k", "p", "f"])
    sheet.append(["a", 0.45, 1])
    sheet.append(["b", 0.125, "=SUM(1,2)"])
    for cell in ("B2", "B3"):
        sheet[cell].number_format = "0%"
    book.save(tmp_path / "w.xlsx")
    _rewrite_part(tmp_path / "w.xlsx", SHEET, lambda xml: re.sub(r'(<(?:c|row)\b[^>]*?) r="[^"]*"',
                                                                  r"\1", xml))  # fmt: skip
    assert "w.xlsx:3: S!C3: column 'f': the cell holds the formula '=SUM(1,2)'" in error(
        tmp_path, "  w: {file: w.xlsx}\n")  # fmt: skip
    saved = re.compile(r"<f>SUM\(1,2\)</f>(<v></v>|<v/>)?")  # the result, as Excel saves it
    _rewrite_part(tmp_path / "w.xlsx", SHEET, lambda xml: saved.sub("<f>SUM(1,2)</f><v>3</v>", xml))
    frame = load(tmp_path, "  w: {file: w.xlsx}\n")["w"]
    assert list(frame["p"]) == [45.0, 12.5] and list(frame["f"]) == [1, 3]


def test_a_workbook_whose_sheet_points_outside_it_is_said_to_be_damaged(tmp_path):
    """A sheet's relationship pointing at '../../../../../etc/passwd' was "cannot read
    'p.xlsx': list index out of range" (found by fuzzing)."""
    import zipfile

    workbook(tmp_path / "good.xlsx", {"Sheet1": [["country", "v"], ["China", 1]]})
    with (
        zipfile.ZipFile(tmp_path / "good.xlsx") as good,
        zipfile.ZipFile(tmp_path / "p.xlsx", "w") as bad,
    ):
        for info in good.infolist():
            data = good.read(info.filename)
            if info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"worksheets/sheet1.xml", b"../../../../../etc/passwd")
            bad.writestr(info, data)
    message = error(tmp_path, "  p: {file: p.xlsx}\n")
    assert "cannot read 'p.xlsx': the file is damaged" in message
    assert "save it again" in message


@pytest.mark.parametrize(
    ("cell", "said"),
    [
        (dt.datetime(2020, 1, 1, 13, 5), "found the date and time 2020-01-01 13:05:00"),
        (dt.time(12, 0), "found the time 12:00:00"),
        (dt.timedelta(days=3), "found the duration 3 days, 0:00:00"),
    ],
)
def test_a_date_or_time_cell_where_a_number_goes_is_said_as_the_sheet_shows_it(
    tmp_path, cell, said
):
    # 'found datetime.datetime(2020, 1, 1, 13, 5)', Python's words (found by fuzzing).
    workbook(tmp_path / "w.xlsx", {"S": [["k", "v"], ["a", cell], ["b", 2]]})
    frame = load(tmp_path, "  w: {file: w.xlsx}\n")["w"]
    with pytest.raises(DataError) as info:
        chart_data(frame, chart_spec(type="bar", data="w", x="k", y="v"), Location("d.yaml"))
    assert f"expected a number in column 'v', {said}" in str(info.value)
    message = error(tmp_path, "  w: {file: w.xlsx, columns: {v: number}}\n")
    assert f"expected a number in column 'v', {said}" in message


def test_a_csv_saved_in_a_code_page_is_read_where_its_encoding_is_named(tmp_path):
    """Excel's 'CSV (Comma delimited)' on a Western Windows is in windows-1252: refused,
    with the fix to save it as UTF-8 each time the data is exported again (found in
    review). Its encoding named once, it is read as written: 'Côte d’Ivoire', the
    apostrophe a curly one, and a semicolon-separated export too. The refusal says so;
    an encoding that is no text encoding, or a file not in the one named, is an error."""
    from deckgen.errors import DeckgenError
    from tests.tables.steps.common import plain

    text = "country;value\nCôte d’Ivoire;12\nFrance;30\n"
    (tmp_path / "t.csv").write_bytes(text.encode("windows-1252"))
    message = error(tmp_path, "  t: {file: t.csv}\n", {})
    assert "not UTF-8 text" in message and "encoding: windows-1252" in message
    frame = load(tmp_path, "  t: {file: t.csv, encoding: windows-1252}\n", {})["t"]
    assert plain(frame)["country"] == ["Côte d’Ivoire", "France"]
    for wrong in ("rot13", "klingon"):
        with pytest.raises(DeckgenError, match="expected a text encoding such as"):
            load(tmp_path, f"  t: {{file: t.csv, encoding: {wrong}}}\n")
    (tmp_path / "t.csv").write_bytes("country\n\u00e9\x81\n".encode("latin-1"))
    assert "the file is not windows-1252 text: byte 0x81" in error(
        tmp_path, "  t: {file: t.csv, encoding: windows-1252}\n", {})  # fmt: skip


def test_records_of_a_list_s_item_reads_as_a_number_in_yaml(tmp_path):
    """`records: 1` (a number in YAML) names the World Bank API's records."""
    answer = [{"page": 1}, [{"country": "Germany", "value": -0.3}]]
    frame = load(tmp_path, "  wb: {file: wb.json, records: 1}\n",
                 {"wb.json": json.dumps(answer)})["wb"]  # fmt: skip
    assert list(frame["country"]) == ["Germany"]


def test_a_json_column_of_lists_is_left_out_and_named_if_a_chart_asks(tmp_path):
    """The BLS API gives every record 'footnotes': [{}]: the whole table was refused, one
    error per record, though no chart read it (found in review)."""
    answer = {"Results": {"series": [{"data": [
        {"year": "2024", "period": "M10", "value": "4.1", "footnotes": [{"code": "P"}]},
        {"year": "2024", "period": "M09", "value": "4.1", "footnotes": [{}]}]}]}}  # fmt: skip
    files = {"bls.json": json.dumps(answer)}
    source = "  u: {file: bls.json, records: Results.series.0.data}\n"
    frame = load(tmp_path, source, files)["u"]
    assert list(frame.columns) == ["year", "period", "value"]
    from deckgen.tables.select import missing_column_hint

    hint = missing_column_hint("footnotes", list(frame.columns), frame.attrs["origin"])
    assert hint == ("the file's 'footnotes' holds lists (Results.series.0.data[0].footnotes), "
                    "not single values, so it is no column of the table; a list of rows is "
                    "named with 'records:'")  # fmt: skip


def test_missing_reads_fred_s_point_in_its_api_s_json(tmp_path):
    """FRED writes a missing observation as '.', in its API's JSON as in its CSV."""
    answer = {"observations": [{"date": "2024-01-01", "value": "3.7"},
                               {"date": "2024-02-01", "value": "."}]}  # fmt: skip
    source = ("  f: {file: f.json, records: observations, missing: ['.'], "
              "columns: {value: number}}\n")  # fmt: skip
    frame = load(tmp_path, source, {"f.json": json.dumps(answer)})["f"]
    assert frame["value"].iloc[0] == 3.7 and pd.isna(frame["value"].iloc[1])


def test_a_tsv_file_is_read_at_its_tabs(tmp_path):
    """A tab-separated export (.tsv) was refused for its suffix; it is read as a CSV is,
    always at its tabs (a comma in a name is part of it)."""
    text = "region\tsales, EUR\tshare\nNorth, East\t1,234.5\t12.5%\nSouth\t987\t8%\n"
    frame = load(tmp_path, "  t: {file: t.tsv, columns: {'sales, EUR': number}}\n",
                 {"t.tsv": text})["t"]  # fmt: skip
    assert list(frame.columns) == ["region", "sales, EUR", "share"]
    assert list(frame["region"]) == ["North, East", "South"]
    assert list(frame["sales, EUR"]) == [1234.5, 987.0]
    frame = load(tmp_path, "  t: {file: t.tsv, header: none, names: [a, b, c]}\n",
                 {"t.tsv": "x, y\t1\t2\n"})["t"]  # fmt: skip
    assert list(frame["a"]) == ["x, y"]


def test_missing_reads_a_mark_written_as_a_number_in_any_file(tmp_path):
    """missing: [-666666666] (a number in YAML) empties the Census Bureau's mark whether
    the file writes it as text (a CSV) or as a number (a sheet, JSON): a sheet's number was
    kept whatever missing: said (found in review)."""
    workbook(tmp_path / "t.xlsx", {"s": [["county", "income"], ["A", 59609], ["B", -666666666]]})
    rows = [{"county": "A", "income": 59609}, {"county": "B", "income": -666666666}]
    files = {"t.csv": "county,income\nA,59609\nB,-666666666\n", "t.json": json.dumps(rows)}
    for name in ("t.csv", "t.xlsx", "t.json"):
        frame = load(tmp_path, f"  t: {{file: {name}, missing: [-666666666], "
                     "columns: {income: number}}\n", files)["t"]  # fmt: skip
        assert frame["income"].iloc[0] == 59609 and pd.isna(frame["income"].iloc[1]), name


#: A table as statistics offices publish it in a workbook: a title, then a header over two
#: rows, each year merged over its two columns and 'Region' merged down.
SPANNED = [["Trade in goods by region, £ million"], [],
           ["Region", "2022", None, "2023", None],
           [None, "Exports", "Imports", "Exports", "Imports"],
           ["EU", 200, 250, 210, 260], ["Non-EU", 180, 220, 190, 230]]  # fmt: skip
SPANNED_NAMES = ["Region", "2022 Exports", "2022 Imports", "2023 Exports", "2023 Imports"]


def _spanned_book(path: Path) -> None:
    workbook(path, {"Table 1": SPANNED})
    book = openpyxl.load_workbook(path)
    for cells in ("B3:C3", "D3:E3", "A3:A4"):
        book["Table 1"].merge_cells(cells)
    book.save(path)


def test_a_header_over_two_rows_names_each_column_by_both(tmp_path):
    """A workbook's years merged over 'Exports' and 'Imports' were refused, a name asked for
    in each merged cell, and the year's two 'Exports' called one name given twice: the
    workbook had to be edited at each release (found in review)."""
    _spanned_book(tmp_path / "t.xlsx")
    frame = load(tmp_path, "  t: {file: t.xlsx, header: [3, 4]}\n")["t"]
    assert list(frame.columns) == SPANNED_NAMES
    assert list(frame["2023 Imports"]) == [260, 230]
    assert frame.attrs["origin"].lines == (5, 6)
    # As a CSV export writes it: the merged cells' text in their first column alone.
    text = "Trade in goods by region\n\nRegion,2022,,2023,\n,Exports,Imports,Exports,Imports\n"
    text += "EU,200,250,210,260\nNon-EU,180,220,190,230\n"
    frame = load(tmp_path, "  c: {file: t.csv, header: [3, 4]}\n", {"t.csv": text})["c"]
    assert list(frame.columns) == SPANNED_NAMES
    assert list(frame["2022 Exports"]) == ["200", "180"]
    assert frame.attrs["origin"].lines == (5, 6)


def test_a_header_over_three_rows_says_a_cell_merged_down_once(tmp_path):
    text = ("Region,Trade,,,\n,2022,,2023,\n,Exports,Imports,Exports,Imports\n"
            "EU,200,250,210,260\n")  # fmt: skip
    frame = load(tmp_path, "  c: {file: t.csv, header: [1, 2, 3]}\n", {"t.csv": text})["c"]
    assert list(frame.columns) == ["Region", "Trade 2022 Exports", "Trade 2022 Imports",
                                   "Trade 2023 Exports", "Trade 2023 Imports"]  # fmt: skip


@pytest.mark.parametrize(
    ("header", "said"),
    [("[3, 5]", "expected two or three consecutive line numbers for a header over several "
                "rows, such as [3, 4]; found [3, 5]"),
     ("[3]", "found [3]"), ("[1, 2, 3, 4]", "found [1, 2, 3, 4]"), ("[4, 3]", "found [4, 3]"),
     ("[3, true]", "found [3, true]")],
)  # fmt: skip
def test_a_header_over_rows_is_two_or_three_consecutive_ones(tmp_path, header, said):
    with pytest.raises(DeckgenError) as info:
        load(tmp_path, f"  c: {{file: t.csv, header: {header}}}\n", {"t.csv": "a\n1\n"})
    assert said in str(info.value)


def test_a_header_over_rows_with_names_or_a_column_no_row_names_is_refused(tmp_path):
    text = error(tmp_path, "  c: {file: t.csv, header: [1, 2], names: [a, b]}\n",
                 {"t.csv": "a,b\nc,d\n1,2\n"})  # fmt: skip
    assert "expected names: or a header over several rows, found both" in text
    assert "or write header: 2 for names: to replace the names of that row" in text
    text = error(tmp_path, "  c: {file: t.csv, header: [1, 2]}\n",
                 {"t.csv": ",,2022\n,,Exports\nx,y,1\n"})  # fmt: skip
    assert ("expected a name for column 1 in lines 1-2 of t.csv, found an empty cell in each "
            "of the header's rows") in text  # fmt: skip
    text = error(tmp_path, "  c: {file: t.csv, header: [1, 2]}\n",
                 {"t.csv": "Region,2022,\n,Exports,Exports\nEU,1,2\n"})  # fmt: skip
    assert "the header names the column '2022 Exports' twice (columns 2 and 3)" in text


def test_a_merged_header_read_as_one_row_is_told_it_spans_two(tmp_path):
    """The error asked for a name in each merged cell; it says the header spans two rows."""
    _spanned_book(tmp_path / "t.xlsx")
    text = error(tmp_path, "  t: {file: t.xlsx, header: 3}\n")
    assert ("hint: if the header spans rows 3 and 4 (a merged cell above names the columns "
            "below it), read it so: header: [3, 4] names each column by both "
            "('2022 Imports')") in text  # fmt: skip
    csv_text = "Region,2022,,2023,\n,Exports,Imports,Exports,Imports\nEU,200,250,210,260\n"
    text = error(tmp_path, "  c: {file: t.csv}\n", {"t.csv": csv_text})
    assert "if the header spans lines 1 and 2" in text
    assert "header: [1, 2] names each column by both ('2023 Imports')" in text


def test_a_title_above_the_header_is_told_to_be_one_not_a_header_spanning_two_rows(tmp_path):
    """UNSD's yearbook tables start with a title in two cells ('T02', its name) above the
    names of the columns: told 'header: [1, 2]', the title was glued onto every column's
    name ('Population, surface area and density Value'; found in review)."""
    text = ('T02,"Population, surface area and density",,,\n'
            "Region/Country/Area,,Year,Series,Value\n"
            '1,"Total, all countries or areas",2023,Population (millions),8045.31\n'
            "156,China,2023,Population (millions),1425.67\n")  # fmt: skip
    message = error(tmp_path, "  u: {file: u.csv}\n", {"u.csv": text})
    assert (
        "line 1 is a title above the table ('T02 Population, surface area and density') "
        "and line 2 names the columns: read the header from line 2 (header: 2)"
    ) in message
    assert "header: [1, 2]" not in message
    frame = load(tmp_path, "  u: {file: u.csv, header: 2, names: [Code, Area, Year, Series, "
                 "Value]}\n")["u"]  # fmt: skip
    assert list(frame["Area"]) == ["Total, all countries or areas", "China"]


@given(st.lists(st.sampled_from(["North", "South", "2022", "", "Q1"]), min_size=2,
                max_size=6))  # fmt: skip
def test_each_column_of_a_spanned_header_ends_in_its_last_rows_name(upper):
    from deckgen.tables.framing import spanned_names

    lower = [f"c{k}" for k in range(len(upper))]
    names = spanned_names([upper, lower], Location("t.csv"), "lines 1-2")
    assert len(names) == len(lower)
    assert all(name.endswith(low) for name, low in zip(names, lower, strict=True))
    filled = [u for u in upper if u]
    assert all(name == low for name, low in zip(names, lower, strict=True) if not filled)


@pytest.mark.parametrize("separator", [";", ",", "\t", "|"])
def test_excels_sep_line_names_the_separator_and_is_no_header(tmp_path, separator):
    """Excel writes 'sep=;' atop some exports, and honours it: deckgen read it as the
    header, its one cell 'sep=' (found in review)."""
    rows = [["Land", "Umsatz"], ["Deutschland", "12,5"], ["Frankreich", "10,1"]]
    text = f"sep={separator}\n" + "".join(separator.join(r) + "\n" for r in rows)
    decimal = ', decimal: ","' if separator != "," else ""
    if separator == ",":
        text = text.replace("12,5", '"12,5"').replace("10,1", '"10,1"')
    frame = load(tmp_path, f"  u: {{file: u.csv{decimal}}}\n", {"u.csv": text})["u"]
    assert list(frame.columns) == ["Land", "Umsatz"]
    assert list(frame["Land"]) == ["Deutschland", "Frankreich"]
    assert frame.attrs["origin"].lines == (3, 4)
    frame = load(tmp_path, f"  u: {{file: u.csv, header: none, names: [a, b]{decimal}}}\n",
                 {"u.csv": text.replace("Land" + separator + "Umsatz\n", "")})["u"]  # fmt: skip
    assert list(frame["a"]) == ["Deutschland", "Frankreich"]


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be"])
def test_utf16_text_with_its_byte_order_mark_is_read(tmp_path, codec):
    """Excel's 'Unicode Text' and the IMF's World Economic Outlook download are UTF-16 with
    a byte-order mark, which says so: they were told to be saved as UTF-8 (found in
    review). Without the mark the file is still named as UTF-16 (it is not guessed)."""
    text = "Country\t2023\nCôte d'Ivoire\t6.5\nGermany\t-0.3\n"
    data = text.encode(codec) if codec == "utf-16" else b"\xfe\xff" + text.encode(codec)
    (tmp_path / "weo.tsv").write_bytes(data)
    frame = load(tmp_path, "  w: {file: weo.tsv}\n")["w"]
    assert list(frame["Country"]) == ["Côte d'Ivoire", "Germany"]
    assert frame.attrs["origin"].lines == (2, 3)
    (tmp_path / "w.csv").write_bytes("a,b\nx,1\n".encode("utf-32"))
    assert "not UTF-8" in error(tmp_path, "  w: {file: w.csv}\n")


def test_a_compute_that_multiplies_percent_cells_by_100_is_an_error(tmp_path):
    """'share * 100' over cells a sheet formats as percentages (read as shown: 91.46)
    wrote 9,146 and a chart 9,146%, without a word, where 'scale: 100' is refused (found
    by fuzzing). After a filter the cells are still the sheet's; the fraction column is
    a plain number, which the compute is the fix for."""
    _percent_sheet(tmp_path / "w.xlsx")
    said = error(tmp_path, "  w: {file: w.xlsx}\n  u: {from: w, steps: [{filter: "
                 "{column: year, op: '==', value: 2023}}, "
                 "{compute: {pct: 'share * 100'}}]}\n")  # fmt: skip
    assert ("data.u.steps[1].compute.pct: 'share * 100' multiplies column 'share' by 100, "
            "but the sheet formats its cells (column C) as percentages, which are read as the "
            "sheet shows them (91.46% as 91.46, which times 100 is 9,146)") in said  # fmt: skip
    assert "leave out the '* 100'" in said
    tables = load(tmp_path, "  w: {file: w.xlsx}\n  u: {from: w, steps: [{compute: "
                  "{pct: 'fraction * 100'}}]}\n")  # fmt: skip
    assert list(tables["u"]["pct"]) == [91.46, 42.0]
