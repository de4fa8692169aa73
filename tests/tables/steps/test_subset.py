"""filter, sort, top, rename and compute."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deckgen.errors import DataError
from tests.tables.steps.common import derive, plain, source


def countries() -> pd.DataFrame:
    return source(
        {
            "country": ["China", "USA", "Japan", "India", "World"],
            "y2004": ["5,234,496", "11,989,387", "10,511,518", "155,157", "64,496,220"],
            "y2023": ["30160966", "10611555", "8997440", "-", "93546599"],
        }
    )


def test_filter_keeps_rows_and_their_lines():
    out = derive(
        countries(),
        {"filter": {"column": "country", "op": "!=", "value": "World"}},
        {"filter": {"column": "y2004", "op": ">", "value": 1e6}},
    )
    assert out["country"].tolist() == ["China", "USA", "Japan"]
    assert str(out.attrs["origin"].cell(2, "y2004")) == "src.csv:4: y2004"


def test_a_filter_value_no_row_has_is_a_typo():
    with pytest.raises(DataError) as info:
        derive(
            countries(), {"filter": {"column": "country", "op": "in", "value": ["China", "Jpan"]}}
        )
    text = str(info.value)
    assert (
        "deck.yaml:7: data.out.steps[0].filter.value[1]: no row of 'out' has country = 'Jpan'"
        in text
    )
    assert "did you mean 'Japan'?" in text


def test_a_filter_that_keeps_nothing_is_an_error():
    with pytest.raises(DataError, match=r"steps\[0\].filter: the step leaves no rows"):
        derive(countries(), {"filter": {"column": "y2004", "op": ">", "value": 1e9}})


def test_sort_is_ascending_numbers_as_numbers_missing_last():
    out = derive(countries(), {"sort": "y2023"})
    assert out["country"].tolist() == ["Japan", "USA", "China", "World", "India"]
    out = derive(countries(), {"sort": {"by": "country", "descending": True}})
    assert out["country"].tolist() == ["World", "USA", "Japan", "India", "China"]


def test_sort_refuses_numbers_with_a_cell_that_is_none_rather_than_sort_them_as_text():
    """'<5' among counts sorted every value as text: '<5', 9, 120, 10, and `top: 2` kept
    '<5' and 9 (found by fuzzing). A column of text with a number in it still sorts as
    text."""
    counts = source({"name": ["A", "B", "C", "D"], "k": ["10", "9", "<5", "120"]})
    with pytest.raises(DataError) as info:
        derive(counts, {"sort": {"by": "k", "descending": True}}, {"top": 2})
    assert "src.csv:4: k: expected a number in column 'k', found '<5'" in str(info.value)
    names = source({"name": ["Beta", "2023", "Alpha"], "k": [1, 2, 3]})
    assert derive(names, {"sort": "name"})["name"].tolist() == ["2023", "Alpha", "Beta"]


def test_sort_puts_periods_written_as_text_in_time_and_refuses_days_it_cannot_read():
    """'Mar 2023', 'Jan 2023', 'Apr 2023', 'Feb 2023' sorted A to Z put April first and
    February before January, and a `change` step after it compared the wrong months
    (fuzzing round 8, 5): they sort in time, as do quarters, days with their weekday and
    sends with their time of day (sorted A to Z: found in review). Days that read day or
    month first are refused, saying how to declare the column a date. Names still sort A
    to Z."""
    months = {"month": ["Mar 2023", "Jan 2023", "Apr 2023", "Feb 2023"],
              "jobs": [130, 100, 120, 110]}  # fmt: skip
    out = derive(source(months), {"sort": "month"}, {"change": {"column": "jobs"}})
    assert out["month"].tolist() == ["Jan 2023", "Feb 2023", "Mar 2023", "Apr 2023"]
    assert plain(out)["jobs_change"] == [None, 10, 20, -10]
    for written in (["2023-T4", "2024-T1", "2023-T3"], ["Sun, Apr 14, 2024", "Mon, Apr 8, 2024",
                    "Fri, Apr 12, 2024"], ["Apr 30, 2024 10:00 am", "Apr 9, 2024 09:30 am",
                    "Apr 30, 2024 08:00 am"]):  # fmt: skip
        out = derive(source({"when": written, "k": [1, 2, 3]}), {"sort": "when"})
        assert out["k"].tolist() == [3, 1, 2] if written[0] == "2023-T4" else [2, 3, 1]
    days = {"day": ["01/02/2024", "03/01/2024", "02/02/2024"], "jobs": [1, 2, 3]}
    with pytest.raises(DataError) as info:
        derive(source(days), {"sort": "day"})
    text = str(info.value)
    assert "steps[0].sort.by: column 'day' holds dates written as text ('01/02/2024')" in text
    assert "would sort A to Z, not by date" in text and "declare 'day' as 'type: date'" in text
    with pytest.raises(DataError, match=r"steps\[0\].sort.by\[1\]: column 'day'"):
        derive(source(days), {"sort": {"by": ["jobs", "day"]}})
    # Declared 'type: date', the reader gives the cells as dates.
    declared = source({**months, "month": [dt.date(2023, m, 1) for m in (3, 1, 4, 2)]})
    out = derive(declared, {"sort": "month"}, {"change": {"column": "jobs"}})
    assert out["jobs"].tolist() == [100, 110, 130, 120]
    assert plain(out)["jobs_change"] == [None, 10, 20, -10]
    names = source({"name": ["May", "June", "April"], "k": [1, 2, 3]})
    assert derive(names, {"sort": "name"})["name"].tolist() == ["April", "June", "May"]


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["a", "b", "c"]), st.one_of(st.none(), st.integers(-50, 50))),
        min_size=1,
        max_size=20,
    ),
    st.booleans(),
)
def test_sort_equals_a_stable_pandas_sort(rows, descending):
    frame = source({"k": [k for k, _ in rows], "v": [v for _, v in rows]})
    step = {"sort": {"by": ["k", "v"], "descending": descending}}
    if all(v is None for _, v in rows):  # nothing to sort by: an error, not the file's order
        with pytest.raises(DataError, match=r"sort\.by\[1\]: column 'v' has no values to sort"):
            derive(frame, step)
        return
    out = derive(frame, step)
    theirs = pd.DataFrame({"k": [k for k, _ in rows], "v": [v for _, v in rows]}, dtype=object)
    theirs["v"] = theirs["v"].astype(float)
    # Missing values last whatever the direction, ties in their order: per key, from the last.
    expected = theirs.sort_values("v", ascending=not descending, kind="stable", na_position="last")
    expected = expected.sort_values("k", ascending=not descending, kind="stable")
    assert plain(out)["k"] == expected["k"].tolist()
    assert [None if v is None else float(v) for v in plain(out)["v"]] == [
        None if v != v else v for v in expected["v"].tolist()
    ]


def test_top_keeps_the_first_rows_or_the_largest():
    assert derive(countries(), {"top": 2})["country"].tolist() == ["China", "USA"]
    out = derive(countries(), {"top": {"n": 2, "by": "y2023"}})
    assert out["country"].tolist() == ["World", "China"]


def test_top_and_sort_by_a_column_with_no_value_are_errors_naming_it():
    """`top: {n: 2, by: ...}` and `sort` by a column whose every cell is empty or '-' kept
    the first rows in file order, as if ranked (fuzzing round 5, F4). A column with some
    values still ranks them, its missing ones last."""
    frame = source(
        {
            "name": ["A", "B", "C", "D"],
            "score": ["3", "9", "1", "7"],
            "blank": [None, "", " ", None],
            "dash": ["-", "-", "n/a", "-"],
            "some": ["5", "-", "2", ""],
        }
    )
    for column in ("blank", "dash"):
        with pytest.raises(DataError) as info:
            derive(frame, {"top": {"n": 2, "by": column}})
        (problem,) = info.value.problems
        assert str(problem.location) == "deck.yaml:7: data.out.steps[0].top.by"
        assert problem.message == (
            f"column {column!r} has no values to rank by: every cell of its 4 rows is empty, "
            "'-' or 'n/a', so the step would keep the rows in the table's order as if ranked"
        )
        assert problem.hint == (
            "rank by a column with values, such as a column of numbers: 'score', 'some'"
        )
    with pytest.raises(DataError) as info:
        derive(frame, {"sort": {"by": ["name", "dash"], "descending": True}})
    (problem,) = info.value.problems
    assert str(problem.location) == "deck.yaml:7: data.out.steps[0].sort.by[1]"
    assert problem.message.startswith("column 'dash' has no values to sort by: every cell")
    assert problem.message.endswith("in the table's order as if sorted")
    # Partly empty: ranked and sorted, the missing ones last (as before).
    assert derive(frame, {"top": {"n": 3, "by": "some"}})["name"].tolist() == ["A", "C", "B"]
    assert derive(frame, {"sort": "some"})["name"].tolist() == ["C", "A", "B", "D"]
    # No column of numbers left to offer: the hint says how to make one.
    names = source({"name": ["A", "B"], "note": ["-", "-"]})
    with pytest.raises(DataError) as info:
        derive(names, {"top": {"n": 1, "by": "note"}})
    assert info.value.problems[0].hint == (
        "the table at this step has no column of numbers to rank by: fill in the values in "
        "the data, or compute one in a step before data.out.steps[0].top"
    )


def test_rename_and_its_mistakes():
    out = derive(countries(), {"rename": {"y2023": "2023", "country": "Country"}})
    assert list(out.columns) == ["Country", "y2004", "2023"]
    with pytest.raises(DataError) as info:
        derive(countries(), {"rename": {"y2032": "2032", "y2004": "y2023"}})
    text = str(info.value)
    assert "data.out.steps[0].rename.y2032: the table at this step has no column 'y2032'" in text
    assert "did you mean 'y2023'?" in text
    assert "renaming 'y2004' to 'y2023' gives two columns named 'y2023'" in text


def test_compute_works_row_by_row_and_later_columns_use_earlier_ones():
    out = derive(
        countries(),
        {
            "compute": {
                "growth": "round((y2023 - y2004) / y2004 * 100, 1)",
                "doubled": "growth > 100",
                "y2023": "coalesce(y2023, 0)",
            }
        },
    )
    assert plain(out)["growth"] == [476.2, -11.5, -14.4, None, 45.0]
    assert plain(out)["doubled"] == [True, False, False, None, False]
    assert plain(out)["y2023"][3] == 0.0


def test_compute_names_the_row_it_cannot_work_out():
    frame = source({"a": ["1", "2", "3"], "b": ["1", "0", "x"]})
    with pytest.raises(DataError) as info:
        derive(frame, {"compute": {"ratio": "a / b"}})
    text = str(info.value)
    assert (
        "deck.yaml:7: data.out.steps[0].compute.ratio: cannot work out 'a / b' for the row "
        "at src.csv:3: division by zero"
    ) in text
    assert "for the row at src.csv:4: '/' needs numbers, found 'x'" in text


def test_compute_names_a_bad_expression_at_its_column():
    with pytest.raises(DataError) as info:
        derive(countries(), {"compute": {"g": "y2023 - y2040"}})
    assert (
        "deck.yaml:7: data.out.steps[0].compute.g: no column 'y2040'; the columns are "
        "'country', 'y2004', 'y2023'\n  hint: did you mean 'y2004'?"
    ) in str(info.value)


def test_compute_that_fails_the_same_way_on_many_rows_is_one_problem():
    frame = source({"a": ["1", "2", "3", "4"], "b": ["0", "0", "0", "2"]})
    with pytest.raises(DataError) as info:
        derive(frame, {"compute": {"ratio": "a / b"}})
    [problem] = info.value.problems
    assert "cannot work out 'a / b' for 3 rows, at src.csv:2, src.csv:3 and src.csv:4" in (
        problem.message
    )


def test_compute_that_fails_alike_but_for_the_numbers_it_quotes_is_one_problem():
    """'exponent 30000 is too large', then 10600, 9000 and 4100: one message a row, for
    one problem (found by fuzzing). The first row's numbers are said."""
    frame = source({"a": ["30000", "10600", "9000", "2"]})
    with pytest.raises(DataError) as info:
        derive(frame, {"compute": {"big": "a ** a"}})
    [problem] = info.value.problems
    assert problem.message == (
        "cannot work out 'a ** a' for 3 rows, at src.csv:2, src.csv:3 and src.csv:4; at the "
        "first: exponent 30000 is too large (at most 300)"
    )


def test_a_filter_step_keeps_one_kind_of_period_and_the_rows_lines():
    stacked = source({"period": ["2022", "2023 Q1", "2023 JAN", "2023 FEB"],
                      "rate": ["9.1", "10.2", "10.1", "10.4"]})  # fmt: skip
    out = derive(stacked, {"filter": {"column": "period", "op": "is a", "value": "month"}})
    assert out["period"].tolist() == ["2023 JAN", "2023 FEB"]
    assert str(out.attrs["origin"].cell(0, "rate")) == "src.csv:4: rate"  # its own line
    with pytest.raises(DataError, match="names a day: years"):
        derive(stacked, {"filter": {"column": "period", "op": "is a", "value": "day"}})


@pytest.mark.parametrize(
    "cells",
    [["2023 MAR", "2023 JAN", "2023 FEB"], ["2023M03", "2023M01", "2023M02"],
     ["2023-M03", "2023-M01", "2023-M02"]],
    ids=["ons", "eurostat", "imf"],
)  # fmt: skip
def test_sort_puts_months_coded_as_offices_write_them_in_time(cells):
    """A sort step left '2023 FEB' before '2023 JAN' without a word (found in review)."""
    coded = source({"month": cells, "rate": ["3", "1", "2"]})
    assert derive(coded, {"sort": "month"})["rate"].tolist() == ["1", "2", "3"]
