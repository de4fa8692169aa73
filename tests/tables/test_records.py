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
