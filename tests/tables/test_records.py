"""deckgen.tables.records: JSON tables as pandas writes them with orient="split"."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from deckgen.errors import DataError, Location
from deckgen.tables.records import read_records

if TYPE_CHECKING:
    from pathlib import Path

AT = Location("deck.yaml", 3, "data.j.file")


def problem(tmp_path: Path, document: object, records: str | None = None) -> str:
    path = tmp_path / "j.json"
    path.write_text(json.dumps(document))
    with pytest.raises(DataError) as info:
        read_records(path, "j.json", records, AT, AT)
    return str(info.value)


@pytest.mark.parametrize("records", [None, "table"])
def test_a_split_table_that_names_a_column_twice_is_an_error_as_in_a_csv(tmp_path, records):
    """The last 'v' was charted without a word."""
    split = {"columns": ["country", "v", "v"], "index": [0], "data": [["A", 1, 100]]}
    message = problem(tmp_path, {"table": split} if records else split, records)
    where = "table.columns[2]" if records else "columns[2]"
    assert f"j.json: {where}: the header names the column 'v' twice (columns 2 and 3)" in message


def test_a_split_row_with_too_many_or_too_few_values_is_named(tmp_path):
    """The hint spoke of a table held as columns ('each list needs a value for every
    row')."""
    split = {"columns": ["country", "v"], "data": [["A", 1], ["B", 2, 3], ["C"]]}
    message = problem(tmp_path, split)
    assert "j.json: data[1]: expected 2 values, one per name in columns" in message
    assert "found 3" in message and "data[2]" in message and "found 1" in message
    assert "read as columns" not in message


@pytest.mark.parametrize(
    ("document", "field", "message", "hint"),
    [
        (
            [{"country": "A", "v": 1}, {"country": "B", "v": 2, "": 5}, {"": 6}],
            "[1]",
            "a column name is empty: expected a name for each key of record 1 (and 1 more "
            "record), found an empty key ''",
            "give the key a name (the column's), or remove it if it is not data",
        ),
        (
            {"rows": [{"country": "A", "  ": 5}]},
            "rows[0]",
            "a column name is empty: expected a name for each key of record 0, found '  ' "
            "(spaces only)",
            "give the key a name (the column's), or remove it if it is not data",
        ),
        (
            {"country": ["A"], "": [5]},
            None,
            "a column name is empty: expected a name for each key of the object of columns, "
            "found an empty key ''",
            "give the key a name (the column's), or remove it if it is not data",
        ),
        (
            {"columns": ["country", ""], "data": [["A", 5]]},
            "columns[1]",
            "a column name is empty: expected a name for each of columns, found an empty name ''",
            "write the column's name there, or remove it and its values if it is not data",
        ),
    ],
    ids=["records", "spaces", "columns", "split"],
)
def test_a_key_that_names_no_column_is_an_error_at_its_record(
    tmp_path, document, field, message, hint
):
    """It made a column with no name, without a word (found by fuzzing)."""
    path = tmp_path / "j.json"
    path.write_text(json.dumps(document))
    with pytest.raises(DataError) as info:
        read_records(path, "j.json", None, AT, AT)
    (found,) = info.value.problems
    assert found.location == Location(str(path), None, field)
    assert (found.message, found.hint) == (message, hint)


@pytest.mark.parametrize("records", [None, "values"])
def test_rows_of_values_under_a_row_of_names_are_read(tmp_path, records):
    """[["country", "value"], ["China", 30], ...], as Google Sheets' API gives a range and
    pandas writes orient="values" with a header: each row was refused alike, one message
    per row (fuzzing round 8, 18). The first row names the columns; each row after it is a
    record, named by its place in the file."""
    rows = [["country", "value"], ["China", 30], ["USA", None], ["Japan", 9]]
    path = tmp_path / "j.json"
    path.write_text(json.dumps({"values": rows} if records else rows))
    columns, found, where, held = read_records(path, "j.json", records, AT, AT)
    assert columns == ["country", "value"] and held == "rows"
    assert found == [{"country": "China", "value": 30}, {"country": "USA", "value": None},
                     {"country": "Japan", "value": 9}]  # fmt: skip
    assert where == (records or "")


def test_rows_of_values_are_refused_once_or_at_their_places(tmp_path):
    """Without a row of names first: one error, not one per row. A row with more or fewer
    values than names, a cell that is a list, and a name given twice: each at its place."""
    message = problem(tmp_path, [["China", 30], ["USA", 10], ["Japan", 9]])
    assert message.count("j.json") == 1  # one problem, not one per row
    assert ('j.json: [0]: expected records (objects), found rows of values (lists) whose '
            'first row ["China", 30] does not name the columns') in message  # fmt: skip
    assert 'put a row of the column names first: [["country", "units"]' in message
    message = problem(tmp_path, [["country", "value", "value"], ["A", 1, 2], ["B", [1], 2],
                                 ["C", 3]])  # fmt: skip
    assert "j.json: [0][2]: the header names the column 'value' twice" in message
    assert "j.json: [2][1]: expected a single value, found a list" in message
    assert "j.json: [3]: expected 3 values, one per name in the first row" in message


def test_a_cell_of_rows_of_values_is_named_by_its_place_in_the_file(tmp_path):
    """A value a chart cannot read is named at its row in the file, the names' row
    counted: 'USA' is [2]."""
    from deckgen.tables.sources import load_tables
    from tests.helpers import load_outline, write_project

    rows = [["country", "value"], ["China", 30], ["USA", "ten"]]
    outline = ("deck: {title: J}\ndata:\n  n: {file: n.json}\nslides:\n  - kind: chart\n"
               "    title: China builds the most\n"
               "    chart: {type: bar, data: n, x: country, y: value}\n")  # fmt: skip
    loaded = load_outline(write_project(tmp_path, outline, {"n.json": json.dumps(rows)}))
    frame = load_tables(loaded)["n"]
    assert str(frame.attrs["origin"].cell(1, "value")).endswith("n.json: [2].value")


#: The World Bank API's answer: a page's notes, then its records.
WORLD_BANK = [
    {"page": 1, "pages": 1, "per_page": 50, "total": 2, "lastupdated": "2024-10-24"},
    [{"country": {"id": "DE", "value": "Germany"}, "date": "2023", "value": -0.3},
     {"country": {"id": "FR", "value": "France"}, "date": "2023", "value": 0.9}],
]  # fmt: skip


def test_records_names_a_list_s_item_by_its_place(tmp_path):
    """The World Bank's [notes, records] had no way to name its records (found in review)."""
    path = tmp_path / "j.json"
    path.write_text(json.dumps({"answer": WORLD_BANK}))
    for records in ("answer.1", "1"):
        if records == "1":
            path.write_text(json.dumps(WORLD_BANK))
        columns, found, where, _ = read_records(path, "j.json", records, AT, AT)
        assert columns == ["country.id", "country.value", "date", "value"]
        assert [r["country.value"] for r in found] == ["Germany", "France"]
        assert where == records


def test_a_list_holding_the_records_list_is_told_where_they_are(tmp_path):
    said = problem(tmp_path, WORLD_BANK)
    assert "expected a list of records (objects), found a list of an object, a list: the " \
           "records are the list at item 1" in said  # fmt: skip
    assert "'records: 1'" in said
    assert said.count("hint:") == 1


def test_a_list_item_past_the_end_is_named_with_the_count(tmp_path):
    said = problem(tmp_path, WORLD_BANK, "2")
    assert "'j.json' has no item 2 at the top level; it is a list of 2, counted from 0" in said
    assert "name an item from 0 to 1" in said


@pytest.mark.parametrize("wrapped", [False, True], ids=["version-2", "version-1"])
def test_a_json_stat_cube_is_told_to_come_as_csv(tmp_path, wrapped):
    """Eurostat's API answers JSON-stat: a cube whose values are one list; the hint named
    'records: value', a list of numbers (found in review)."""
    cube = {"version": "2.0", "class": "dataset", "label": "GDP", "id": ["geo", "time"],
            "size": [2, 1], "value": [1.2, 3.4],
            "dimension": {"geo": {"category": {"index": {"DE": 0, "FR": 1}}},
                          "time": {"category": {"index": {"2023": 0}}}}}  # fmt: skip
    said = problem(tmp_path, {"dataset": cube} if wrapped else cube)
    assert "expected a table, found a JSON-stat dataset" in said
    assert "download the table as CSV instead (Eurostat: 'SDMX-CSV'" in said


def test_a_json_number_nearer_zero_than_a_float_holds_is_kept_as_written(tmp_path):
    """Python's JSON reader made 1e-400 0.0, drawn without a word (fuzzing): it is kept as
    its text, which is no number where the outline uses it (told there, with a hint)."""
    path = tmp_path / "j.json"
    path.write_text('[{"c": "A", "v": 1e-400}, {"c": "B", "v": 2.5}, {"c": "C", "v": 0e-400}]')
    _, found, _, _ = read_records(path, "j.json", None, AT, AT)
    assert [r["v"] for r in found] == ["1e-400", 2.5, 0.0]


def test_a_key_holding_a_value_in_one_record_and_an_object_in_another_is_an_error(tmp_path):
    """{"v": 5} and {"v": {"x": 7}} were read as two columns, 'v' and 'v.x', each
    record's value a gap in the other, without a word (found by fuzzing). A null in one
    record is no value in either shape."""
    said = problem(tmp_path, [{"name": "a", "v": 5}, {"name": "b", "v": {"x": 7}},
                              {"name": "c", "v": 3}])  # fmt: skip
    assert "[1].v: the key 'v' holds an object here, and a value in record 0 (a number)" in said
    assert "give 'v' one shape in every record" in said
    path = tmp_path / "j.json"
    path.write_text(json.dumps([{"name": "a", "v": None}, {"name": "b", "v": {"x": 7}}]))
    columns, _, _, _ = read_records(path, "j.json", None, AT, AT)
    assert columns == ["name", "v", "v.x"]
