"""The join step: columns looked up in another table by a key, every key matched or said.
Each table is written by the test; a property test holds the join to pandas' merge."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deckgen.errors import DeckgenError
from deckgen.tables.sources import load_tables
from tests.helpers import load_outline, write_project

HICP = "geo,rate\nDE,6.0\n FR ,5.7\nEL,4.2\n,1.0\n"
COUNTRIES = (
    "code,country,region\nDE,Germany,West\nFR,France,West\nEL,Greece,South\nIT,Italy,South\n"
)


def tables(tmp_path, steps: str, lookup: str = COUNTRIES, more: str = "") -> dict:
    outline = (
        "deck: {title: T}\ndata:\n  hicp: {file: hicp.csv}\n  countries: {file: countries.csv}\n"
        f"{more}  named:\n    from: hicp\n    steps:\n{steps}\n"
        "slides:\n  - {kind: section, title: S}\n"
    )
    path = write_project(tmp_path, outline, {"hicp.csv": HICP, "countries.csv": lookup})
    return load_tables(load_outline(path))


def problem(tmp_path, steps: str, lookup: str = COUNTRIES, more: str = ""):
    with pytest.raises(DeckgenError) as info:
        tables(tmp_path, steps, lookup, more)
    (found,) = info.value.problems
    return found


def test_a_join_adds_the_other_tables_columns_row_by_row(tmp_path):
    """Eurostat's codes to names: before, a pandas script before every release."""
    out = tables(tmp_path, "      - join: {with: countries, on: {geo: code}}")["named"]
    assert list(out.columns) == ["geo", "rate", "country", "region"]
    # ' FR ' is 'FR' as a chart names it; a row with no key gets no values.
    assert out["country"].tolist() == ["Germany", "France", "Greece", None]
    assert out["rate"].tolist() == ["6.0", "5.7", "4.2", "1.0"]
    # A looked-up cell is named by its place in the other table.
    origin = out.attrs["origin"]
    cell = origin.cell(2, "country")
    assert (cell.file.endswith("countries.csv"), cell.line, cell.field) == (True, 4, "country")
    assert origin.cell(2, "rate").file.endswith("hicp.csv")


def test_a_join_on_a_column_both_name_alike_adds_the_columns_asked(tmp_path):
    lookup = COUNTRIES.replace("code,", "geo,")
    steps = "      - join: {with: countries, on: geo, columns: country}"
    out = tables(tmp_path, steps, lookup)["named"]
    assert list(out.columns) == ["geo", "rate", "country"]


def test_a_whole_number_key_matches_however_written(tmp_path):
    """A sheet's 6.0 and a file's '6' are one FIPS code's digits."""
    import openpyxl

    book = openpyxl.Workbook()
    for row in [["fips", "state"], [6, "California"], [48, "Texas"]]:
        book.active.append(row)
    book.save(tmp_path / "states.xlsx")
    outline = (
        "deck: {title: T}\ndata:\n  s: {file: states.xlsx}\n  pop: {file: pop.csv}\n"
        "  named:\n    from: pop\n    steps: [{join: {with: s, on: fips}}]\n"
        "slides:\n  - {kind: section, title: S}\n"
    )
    path = write_project(tmp_path, outline, {"pop.csv": "fips,people\n48,30.5\n6,39.0\n"})
    assert load_tables(load_outline(path))["named"]["state"].tolist() == ["Texas", "California"]


def test_a_key_the_other_table_lacks_is_an_error_with_the_nearest(tmp_path):
    lookup = COUNTRIES.replace("DE,Germany", "DEU,Germany")
    found = problem(tmp_path, "      - join: {with: countries, on: {geo: code}}", lookup)
    assert found.location.field == "data.named.steps[0].join.on"
    assert found.message == ("no row of 'countries' has code 'DE', which the table's 'geo' "
                             "holds (hicp.csv:2)")  # fmt: skip
    assert found.hint.startswith("did you mean 'DEU'?; or add a row for it to 'countries'")


@pytest.mark.parametrize("declared", ["rides", "weather"])
def test_dates_against_text_are_said_to_never_match_with_the_declaration(tmp_path, declared):
    """A month declared a date ('2023-01-01') against another file's text '2023-01' was told
    'did you mean 2023-11?' (found by a new user): the message says which side is text and
    the hint declares it a date, whichever side that is."""
    text = "weather" if declared == "rides" else "rides"
    outline = (
        "deck: {title: T}\ndata:\n  rides: {file: rides.csv}\n  weather: {file: weather.csv}\n"
        f"  {declared}:\n    file: {declared}.csv\n"
        "    columns: {month: {type: date, period: month}}\n"
        "  both:\n    from: rides\n    steps: [{join: {with: weather, on: month}}]\n"
        "slides:\n  - {kind: section, title: S}\n"
    ).replace(f"  {declared}: {{file: {declared}.csv}}\n", "")
    files = {"rides.csv": "month,trips\n2023-01,168\n2023-11,200\n",
             "weather.csv": "month,temp\n2023-01,3.1\n2023-11,8.0\n"}  # fmt: skip
    path = write_project(tmp_path, outline, files)
    with pytest.raises(DeckgenError) as raised:
        load_tables(load_outline(path))
    found = raised.value.problems[0]
    owner = "'weather'" if text == "weather" else "this table"
    assert found.message.endswith(
        f"the keys are dates on one side and text on the other ({owner}'s 'month' holds text "
        "such as '2023-01'), and never match"
    )
    assert found.hint.startswith(f"declare {owner}'s 'month' a date too")
    assert "did you mean" not in found.hint


def test_a_key_the_other_table_holds_twice_is_an_error_naming_both_rows(tmp_path):
    lookup = COUNTRIES + "DE,Deutschland,West\n"
    found = problem(tmp_path, "      - join: {with: countries, on: {geo: code}}", lookup)
    assert found.message == ("'countries' holds the key 'DE' on more than one row "
                             "(countries.csv:2 and countries.csv:6), so which row's cells to "
                             "add would be a guess")  # fmt: skip


@pytest.mark.parametrize(
    ("steps", "field", "said"),
    [("      - join: {with: countrys, on: geo}", "with",
      "unknown data source 'countrys'; the outline declares 'hicp', 'countries'"),
     ("      - join: {with: countries, on: {geo: cod}}", "on",
      "'countries' has no column 'cod'; its columns are 'code', 'country', 'region'"),
     ("      - join: {with: countries, on: {gep: code}}", "on",
      "the table at this step has no column 'gep'"),
     ("      - join: {with: countries, on: {geo: code}, columns: [name]}", "columns",
      "'countries' has no column 'name'"),
     ("      - join: {with: countries, on: {geo: code}, columns: [rate]}", "columns",
      "'countries' has no column 'rate'"),
     ("      - join: {with: named, on: geo}", "with",
      "tables made from each other: 'named' -> 'named'; a table cannot read itself"),
     ("      - join: {with: countries, on: {geo: code, rate: x}}", "on",
      "expected one key, {this table's column: the other's}, found 2"),
     # One message, not one for each form the field takes ('on.str', 'on.dict[str,str]').
     ("      - join: {with: countries, on: [geo]}", "on",
      "expected the key's column, on: geo, or {this table's column: the other's}, on: "
      "{geo: code}; found ['geo']")],
)  # fmt: skip
def test_a_join_that_names_nothing_is_an_error_at_its_field(tmp_path, steps, field, said):
    found = problem(tmp_path, steps)
    assert found.location.field.endswith(field)
    assert said in found.message


def test_a_column_the_table_has_already_is_not_added_again(tmp_path):
    lookup = COUNTRIES.replace("region", "rate")
    found = problem(tmp_path, "      - join: {with: countries, on: {geo: code}}", lookup)
    assert found.message == ("the table has a column 'rate' already, which the join would "
                             "add again from 'countries'")  # fmt: skip


def test_a_join_reads_a_table_made_from_another_whatever_their_order(tmp_path):
    """The lookup is itself made (a filter step), and declared after the table reading it."""
    more = ("  west:\n    from: countries\n    steps: [{filter: {column: region, op: '==', "
            "value: West}}]\n")  # fmt: skip
    out = tables(tmp_path, "      - filter: {column: geo, op: in, value: [DE, FR]}\n"
                 "      - join: {with: west, on: {geo: code}}", more=more)  # fmt: skip
    assert out["named"]["country"].tolist() == ["Germany", "France"]
    # Two tables that read each other are a loop, said once.
    loop = "  west:\n    from: countries\n    steps: [{join: {with: named, on: {code: geo}}}]\n"
    found = problem(tmp_path / "loop", "      - join: {with: west, on: {geo: code}}", more=loop)
    assert "tables made from each other: 'west' -> 'named' -> 'west'" in found.message
    assert (found.location.line, found.location.field) == (
        11, "data.named.steps[0].join.with")  # fmt: skip


keys = st.sampled_from(["A", "B", "C", "D"])


@settings(max_examples=60, deadline=None)
@given(st.lists(keys, min_size=1, max_size=8),
       st.lists(keys, min_size=1, max_size=4, unique=True), st.data())  # fmt: skip
def test_a_join_is_pandas_left_merge_where_every_key_is_found(tmp_path_factory, left, right, data):
    values = data.draw(st.lists(st.integers(0, 99), min_size=len(right), max_size=len(right)))
    root = tmp_path_factory.mktemp("join")
    outline = (
        "deck: {title: T}\ndata:\n  l: {file: l.csv}\n  r: {file: r.csv}\n"
        "  j:\n    from: l\n    steps: [{join: {with: r, on: k}}]\n"
        "slides:\n  - {kind: section, title: S}\n"
    )
    pairs = zip(right, values, strict=True)
    files = {"l.csv": "k\n" + "".join(f"{k}\n" for k in left),
             "r.csv": "k,v\n" + "".join(f"{k},{v}\n" for k, v in pairs)}  # fmt: skip
    path = write_project(root, outline, files)
    expected = pd.DataFrame({"k": left}).merge(
        pd.DataFrame({"k": right, "v": [str(v) for v in values]}), on="k", how="left",
        validate="many_to_one")  # fmt: skip
    if set(left) - set(right):
        with pytest.raises(DeckgenError, match="no row of 'r' has k"):
            load_tables(load_outline(path))
        return
    got = load_tables(load_outline(path))["j"]
    assert got["k"].tolist() == expected["k"].tolist()
    assert got["v"].tolist() == expected["v"].tolist()


def test_join_keys_read_a_cell_as_a_chart_names_it():
    import datetime as dt

    from deckgen.tables.steps.combine import join_key

    assert join_key(" FR ") == join_key("FR") == "FR"
    assert join_key(6.0) == join_key(6) == join_key("6") == "6"
    assert join_key(dt.datetime(2023, 1, 1)) == join_key(dt.date(2023, 1, 1)) == "2023-01-01"
    assert join_key("06") == "06"  # a code keeps its zero
    assert [join_key(v) for v in (None, "", "  ", float("nan"))] == [None] * 4


def test_numbers_against_text_keys_keep_the_nearest_key_hint(tmp_path):
    """Only dates against text are told to declare a date: a whole-number key against a
    text one is told the nearest key, as before (the dates' message needs text to show)."""
    outline = (
        "deck: {title: T}\ndata:\n  l: {file: l.csv, columns: {k: integer}}\n"
        "  r: {file: r.csv}\n"
        "  j:\n    from: l\n    steps: [{join: {with: r, on: k}}]\n"
        "slides:\n  - {kind: section, title: S}\n"
    )
    files = {"l.csv": "k,v\n7,1\n", "r.csv": "k,w\nseven,2\n"}
    path = write_project(tmp_path, outline, files)
    with pytest.raises(DeckgenError) as raised:
        load_tables(load_outline(path))
    found = raised.value.problems[0]
    assert found.message.startswith("no row of 'r' has k '7'")
    assert "dates on one side" not in found.message
