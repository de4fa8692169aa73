"""pivot, unpivot, split and group: against pandas, on written data and on generated tables."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deckgen.errors import DataError
from tests.tables.steps.common import close, derive, plain, source

DATA = Path(__file__).resolve().parents[2] / "data"


def electricity() -> pd.DataFrame:
    frame = pd.read_csv(DATA / "electricity.csv", dtype=str, keep_default_na=False)
    return source({c: frame[c].tolist() for c in frame.columns})


def message(exc: pytest.ExceptionInfo[DataError]) -> str:
    return str(exc.value)


# --------------------------------------------------------------------------- pivot
def test_pivot_makes_a_column_per_value_in_the_order_they_appear():
    long = electricity()
    wide = derive(long, {"pivot": {"index": "year", "columns": "source", "values": "twh"}})
    expected = long.pivot(index="year", columns="source", values="twh")
    sources = list(dict.fromkeys(long["source"]))
    assert list(wide.columns) == ["year", *sources]
    assert wide["year"].tolist() == [str(y) for y in range(2014, 2024)]
    for name in sources:
        assert wide[name].tolist() == expected[name].tolist()


def test_pivot_leaves_a_gap_where_a_pair_has_no_row():
    frame = source(
        {"year": ["2020", "2020", "2021"], "source": ["Coal", "Gas", "Gas"], "twh": ["5", "6", "7"]}
    )
    wide = derive(frame, {"pivot": {"index": "year", "columns": "source", "values": "twh"}})
    assert plain(wide) == {"year": ["2020", "2021"], "Coal": ["5", None], "Gas": ["6", "7"]}


def test_pivot_refuses_two_rows_for_one_cell_and_names_both_lines():
    frame = source(
        {
            "year": ["2020", "2020", "2020"],
            "source": ["Coal", "Gas", "Coal"],
            "twh": ["5", "6", "7"],
        }
    )
    with pytest.raises(DataError) as info:
        derive(frame, {"pivot": {"index": "year", "columns": "source", "values": "twh"}})
    text = message(info)
    assert "deck.yaml:7: data.out.steps[0].pivot: two rows for one cell:" in text
    assert "year '2020' and source 'Coal' at src.csv:2 and src.csv:4" in text
    assert "hint: add them up first with a step before this one: " in text
    assert "{group: {by: [year, source], sum: [twh]}}" in text


def test_pivot_names_a_misspelt_column_with_its_field():
    with pytest.raises(DataError) as info:
        derive(electricity(), {"pivot": {"index": "year", "columns": "sorce", "values": "twh"}})
    assert (
        "deck.yaml:7: data.out.steps[0].pivot.columns: the table at this step has no column "
        "'sorce'; its columns are 'year', 'source', 'twh'\n  hint: did you mean 'source'?"
    ) in message(info)


def test_a_pivoted_value_is_still_named_by_its_line_in_the_file():
    frame = source(
        {
            "year": ["2020", "2020", "2021"],
            "source": ["Coal", "Gas", "Coal"],
            "twh": ["5", "6", "lots"],
        }
    )
    steps = {"pivot": {"index": "year", "columns": "source", "values": "twh"}}
    with pytest.raises(DataError) as info:
        derive(frame, steps, columns={"Coal": "number"})
    assert "src.csv:4: twh: expected a number in column 'Coal', found 'lots'" in message(info)


# --------------------------------------------------------------------------- split
FORMS = {
    "Features": ["Charts, Social cards", "Charts", "Social cards, Tables, Charts", "", "Tables"],
    "Role": ["Comms", "Data", "Comms", "Comms", "Design"],
}


def test_split_makes_a_row_per_answer_and_a_group_counts_each():
    """Google Forms writes the answers to a question that takes several as one cell,
    'Charts, Social cards': counted as written, that was one more option."""
    long = derive(source(FORMS), {"split": {"column": "Features"}})
    assert plain(long) == {
        "Features": ["Charts", "Social cards", "Charts", "Social cards", "Tables", "Charts",
                     None, "Tables"],
        "Role": ["Comms", "Comms", "Data", "Comms", "Comms", "Comms", "Comms", "Design"],
    }  # fmt: skip
    # Each row keeps its line in the file, the empty answer too (no row is lost).
    assert [str(long.attrs["origin"].row(k)) for k in range(len(long))] == [
        f"src.csv:{n}" for n in (2, 2, 3, 4, 4, 4, 5, 6)]  # fmt: skip
    counted = derive(source(FORMS), {"split": {"column": "Features"}},
                     {"filter": {"column": "Features", "op": "!=", "value": ""}},
                     {"group": {"by": "Features", "count": {"people": "Role"}}})  # fmt: skip
    assert plain(counted) == {"Features": ["Charts", "Social cards", "Tables"],
                              "people": [3, 2, 2]}  # fmt: skip


def test_split_by_another_separator_and_its_mistakes():
    frame = source({"Features": ["Charts;Tables", "Charts"], "n": ["1", "2"]})
    assert plain(derive(frame, {"split": {"column": "Features", "by": ";"}}))["Features"] == [
        "Charts", "Tables", "Charts"]  # fmt: skip
    with pytest.raises(DataError) as info:
        derive(frame, {"split": {"column": "Feature"}})
    assert "split.column: the table at this step has no column 'Feature'" in message(info)
    assert "did you mean 'Features'?" in message(info)
    with pytest.raises(DataError) as info:
        derive(frame, {"split": {"column": "Features", "by": " "}})
    assert "expected a separator with a character other than spaces" in message(info)


@settings(max_examples=100)
@given(st.lists(st.lists(st.sampled_from(["A", "B c", " D ", ""]), max_size=4), max_size=6))
def test_split_gives_each_part_its_own_row_in_order(answers):
    cells = [", ".join(parts) for parts in answers]
    frame = source({"answer": cells, "row": [str(k) for k in range(len(cells))]})
    out = plain(derive(frame, {"split": {"column": "answer"}}))
    wanted: list[tuple[str | None, str]] = []
    for k, parts in enumerate(answers):
        kept = [p.strip() for p in parts if p.strip()]
        wanted += [(p, str(k)) for p in kept] or [(None, str(k))]
    assert list(zip(out["answer"], out["row"], strict=True)) == wanted


# --------------------------------------------------------------------------- unpivot
def jobs() -> pd.DataFrame:
    frame = pd.read_csv(DATA / "jobs_by_sector.csv", dtype=str, keep_default_na=False)
    return source({c: frame[c].tolist() for c in frame.columns})


def test_unpivot_equals_pandas_melt():
    wide = jobs()
    long = derive(wide, {"unpivot": {"id": "sector", "name": "year", "value": "jobs"}})
    expected = wide.melt(id_vars=["sector"], var_name="year", value_name="jobs")
    assert plain(long) == plain(expected)


def test_unpivot_some_columns_keeps_each_cell_s_line():
    wide = jobs()
    long = derive(
        wide,
        {"unpivot": {"id": "sector", "columns": ["2019", "2023"]}},
        columns={"value": "number"},
    )
    assert list(long.columns) == ["sector", "variable", "value"]
    assert long["variable"].tolist() == ["2019"] * 7 + ["2023"] * 7
    assert long["value"].tolist()[:2] == [7493.0, 12814.0]  # "7,493" read as a number
    origin = long.attrs["origin"]
    assert str(origin.cell(8, "value")) == "src.csv:3: 2023"  # Manufacturing's 2023 cell


@pytest.mark.parametrize(
    ("step", "says"),
    [
        ({"id": "sector", "columns": ["sector"]}, "'sector' is both an id and a column"),
        ({"id": ["sector", "2019", "2020", "2021", "2022", "2023"]}, "every column is an id"),
        ({"id": "sector", "name": "sector"}, "'sector' is the name of an id column"),
        ({"id": "sector", "columns": "2024"}, "no column '2024'"),
    ],
)
def test_unpivot_refuses_what_cannot_be_a_long_table(step, says):
    with pytest.raises(DataError, match=says):
        derive(jobs(), {"unpivot": step})


def test_unpivot_by_default_refuses_a_text_column_beside_columns_of_numbers():
    """'region' unpivoted with the years by default gave 'Asia' values, and the error
    blamed the data's cells (fuzzing round 8, 12): the step's own problem, with the two
    ways to leave it out, each of which works."""
    wide = source({"country": ["China", "USA"], "region": ["Asia", "Americas"],
                   "2019": ["10", "8"], "2020": ["12", "-"]})  # fmt: skip
    with pytest.raises(DataError) as info:
        derive(wide, {"unpivot": {"id": "country"}})
    (problem,) = info.value.problems
    assert problem.location.field.endswith("unpivot.id")
    assert problem.message == (
        "unpivot takes every column but its id as a column of values, and 'region' holds "
        "text beside the numbers of the others"
    )
    assert problem.hint == (
        "keep it as an id: id: [country, region], or name the columns to unpivot: "
        "columns: [2019, 2020]"
    )
    assert len(derive(wide, {"unpivot": {"id": ["country", "region"]}})) == 4
    assert len(derive(wide, {"unpivot": {"id": "country", "columns": ["2019", "2020"]}})) == 4


# --------------------------------------------------------------------------- group
def test_group_sums_by_year_as_pandas_does():
    long = electricity()
    totals = derive(long, {"group": {"by": "year", "sum": {"total": "twh"}, "count": ["source"]}})
    numbers = long.assign(twh=long["twh"].astype(float))
    expected = numbers.groupby("year", sort=False).agg(
        total=("twh", "sum"), source=("source", "count")
    )
    assert list(totals.columns) == ["year", "total", "source"]
    assert totals["year"].tolist() == expected.index.tolist()
    assert totals["total"].tolist() == expected["total"].tolist()
    assert totals["source"].tolist() == expected["source"].tolist()


def test_group_columns_come_in_the_order_written():
    frame = source({"k": ["a", "a"], "v": ["1", "3"]})
    out = derive(frame, {"group": {"by": "k", "max": {"top": "v"}, "mean": {"avg": "v"}}})
    assert list(out.columns) == ["k", "top", "avg"]
    assert plain(out) == {"k": ["a"], "top": [3.0], "avg": [2.0]}


def test_group_without_by_is_one_row_of_totals():
    out = derive(source({"v": ["1", "2", "-"]}), {"group": {"sum": ["v"], "count": {"n": "v"}}})
    assert plain(out) == {"v": [3.0], "n": [2]}


def test_group_names_a_clash_and_a_bad_number():
    with pytest.raises(DataError) as info:
        derive(electricity(), {"group": {"by": "year", "sum": ["twh"], "mean": ["twh"]}})
    text = message(info)
    assert "data.out.steps[0].group.mean: the result would have two columns named 'twh'" in text
    assert "hint: name this one: mean: {twh_mean: twh}" in text
    frame = source({"k": ["a", "a"], "v": ["1", "two"]})
    with pytest.raises(DataError) as info:
        derive(frame, {"group": {"by": "k", "sum": ["v"]}})
    assert "src.csv:3: v: expected a number in column 'v', found 'two'" in message(info)
    assert "used by deck.yaml:7: data.out.steps[0].group.sum" in message(info)
    with pytest.raises(DataError) as info:
        derive(source({"k": ["a"], "v": ["2.5k"]}), {"group": {"by": "k", "sum": ["v"]}})
    assert "write the whole number, 2,500 if 'k' stands for a thousand" in message(info)


def test_group_sums_past_the_largest_float_are_named_and_means_are_worked_out():
    """fsum raised OverflowError (found by fuzzing)."""
    frame = source({"k": ["a", "a", "b"], "v": ["1e308", "1e308", "5"]})
    out = derive(frame, {"group": {"by": "k", "mean": ["v"]}})
    assert plain(out)["v"] == [1e308, 5.0]
    with pytest.raises(DataError) as info:
        derive(frame, {"group": {"by": "k", "sum": ["v"]}})
    assert message(info) == (
        "deck.yaml:7: data.out.steps[0].group.sum: the sum of 'v' for k = 'a' is past the "
        "largest number a computer's float holds (about 1.8e308)\n  hint: check the cells' "
        "units (a value in the wrong unit, or an export's overflow), or filter the rows out"
    )


@pytest.mark.parametrize("value", [[{"total": "v"}], [["v"]], 5])
def test_an_aggregate_that_is_not_column_names_is_refused_with_the_forms_it_takes(value):
    """A mapping inside the list was an internal TypeError (found by fuzzing)."""
    with pytest.raises(DataError, match=r"expected column names, as \[twh, gwh\], or new "
                       r"names for columns, as \{total_twh: twh\}"):  # fmt: skip
        derive(source({"v": ["1"]}), {"group": {"sum": value}})


def test_a_group_row_is_named_by_the_step():
    out = derive(source({"k": ["a", "b"], "v": ["1", "2"]}), {"group": {"by": "k", "sum": ["v"]}})
    assert str(out.attrs["origin"].row(1)) == "deck.yaml:7: data.out.steps[0].group[1]"


def test_group_and_pivot_compare_text_as_a_chart_names_it():
    """'Coal' and an export's 'Coal ' were two groups, drawn as two bars named 'Coal', and
    a pivot made the columns 'Coal' and 'Coal ', which no chart could tell apart (found by
    fuzzing)."""
    frame = source({"source": ["Coal", "Coal ", " Gas", "Gas"], "twh": [100, 50, 80, 1]})
    out = derive(frame, {"group": {"by": "source", "sum": ["twh"]}})
    assert plain(out)["twh"] == [150, 81]
    assert [s.strip() for s in plain(out)["source"]] == ["Coal", "Gas"]
    wide = source({"year": ["2019", "2019", "2020"], "source": ["Coal", "Gas ", "Gas"],
                   "twh": [1, 2, 3]})  # fmt: skip
    out = derive(wide, {"pivot": {"index": "year", "columns": "source", "values": "twh"}})
    assert list(out.columns) == ["year", "Coal", "Gas"]
    assert plain(out)["Gas"] == [2, 3]


# --------------------------------------------------------------------------- properties
keys = st.sampled_from(["north", "south", "east", None])
cells = st.one_of(st.none(), st.floats(-1e6, 1e6, allow_nan=False).map(lambda x: round(x, 3)))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(keys, cells), min_size=1, max_size=30))
def test_group_agrees_with_pandas_groupby(rows):
    frame = source({"k": [k for k, _ in rows], "v": [v for _, v in rows]})
    out = derive(
        frame,
        {
            "group": {
                "by": "k",
                "sum": {"sum": "v"},
                "mean": {"mean": "v"},
                "min": {"min": "v"},
                "max": {"max": "v"},
                "median": {"median": "v"},
                "count": {"count": "v"},
                "first": {"first": "v"},
                "last": {"last": "v"},
            }
        },
    )
    numbers = pd.DataFrame({"k": [k for k, _ in rows], "v": [v for _, v in rows]}, dtype=object)
    numbers["v"] = numbers["v"].astype(float)
    grouped = numbers.groupby("k", sort=False, dropna=False)["v"]
    expected = {
        "sum": grouped.sum(min_count=1),
        "mean": grouped.mean(),
        "min": grouped.min(),
        "max": grouped.max(),
        "median": grouped.median(),
        "count": grouped.count(),
        "first": grouped.first(),
        "last": grouped.last(),
    }
    assert plain(out)["k"] == [None if k != k else k for k in expected["sum"].index]
    for name, series in expected.items():
        assert close(plain(out)[name], series.tolist()), name


@st.composite
def long_tables(draw: st.DrawFn) -> list[tuple[str, str, float]]:
    """Rows (index, column, value) with each (index, column) pair at most once."""
    pairs = draw(
        st.lists(
            st.tuples(
                st.sampled_from(["2020", "2021", "2022", "2023"]),
                st.sampled_from(["Coal", "Gas", "Wind", "Solar"]),
            ),
            min_size=1,
            max_size=16,
            unique=True,
        )
    )
    values = draw(
        st.lists(st.floats(0, 1e4, allow_nan=False), min_size=len(pairs), max_size=len(pairs))
    )
    return [(i, c, v) for (i, c), v in zip(pairs, values, strict=True)]


@settings(max_examples=150, deadline=None)
@given(long_tables())
def test_pivot_then_unpivot_gives_the_rows_back(rows):
    frame = source(
        {"year": [r[0] for r in rows], "source": [r[1] for r in rows], "twh": [r[2] for r in rows]}
    )
    back = derive(
        frame,
        {"pivot": {"index": "year", "columns": "source", "values": "twh"}},
        {"unpivot": {"id": "year", "name": "source", "value": "twh"}},
    )
    got = [
        r for r in zip(back["year"], back["source"], back["twh"], strict=True) if r[2] is not None
    ]
    assert sorted(got) == sorted(rows)
    # and the gaps are exactly the pairs no row had
    assert len(back) == len(set(back["year"])) * len(set(back["source"]))
