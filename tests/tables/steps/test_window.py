"""change, pct_change, share, rank, index and rolling: against pandas' own windows, on
generated tables, and their messages."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deckgen.errors import DataError
from tests.tables.steps.common import close, derive, plain, source

# Rows of (group, value): a few groups interleaved, some values missing or zero.
rows_strategy = st.lists(
    st.tuples(
        st.sampled_from(["Coal", "Gas", "Wind"]),
        st.one_of(st.none(), st.just(0.0), st.floats(-1e4, 1e4, allow_nan=False)),
    ),
    min_size=1,
    max_size=25,
)


def frames(rows: list[tuple[str, float | None]]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The rows as a deckgen source and as pandas numbers."""
    ours = source({"source": [g for g, _ in rows], "twh": [v for _, v in rows]})
    theirs = pd.DataFrame(
        {"source": [g for g, _ in rows], "twh": [np.nan if v is None else v for _, v in rows]}
    )
    return ours, theirs


def finite(series: pd.Series) -> list[float]:
    """pandas' result with infinities (a ratio to zero) as missing, as deckgen gives them."""
    return series.replace([np.inf, -np.inf], np.nan).tolist()


@settings(max_examples=100, deadline=None)
@given(rows_strategy)
def test_change_and_pct_change_against_the_previous_row_equal_pandas(rows):
    ours, theirs = frames(rows)
    out = derive(
        ours,
        {"change": {"column": "twh", "by": "source"}},
        {"pct_change": {"column": "twh", "by": "source", "as": "growth"}},
    )
    grouped = theirs.groupby("source", sort=False)["twh"]
    assert close(plain(out)["twh_change"], grouped.diff().tolist())
    # pandas divides by the signed base; deckgen by its size, so a rise is positive.
    signed = grouped.pct_change(fill_method=None) * 100
    previous = grouped.shift(1)
    assert close(plain(out)["growth"], finite(signed.where(previous >= 0, -signed)))


@settings(max_examples=100, deadline=None)
@given(rows_strategy)
def test_share_rank_index_and_rolling_equal_pandas(rows):
    ours, theirs = frames(rows)
    out = plain(derive(ours, {"rank": {"column": "twh", "by": "source"}}))
    grouped = theirs.groupby("source", sort=False)["twh"]
    assert close(out["twh_rank"], grouped.rank(method="min", ascending=False).tolist())
    share = {"share": {"column": "twh", "by": "source"}}
    # A share of a whole needs values of one sign: a group with both is an error (its
    # shares read past 100% and below 0, fuzzing round 5, F5); pandas divides regardless.
    if ((grouped.transform("min") < 0) & (grouped.transform("max") > 0)).any():
        with pytest.raises(DataError, match="a share of a whole needs values of one sign"):
            derive(ours, share)
    else:
        total = grouped.transform("sum")
        shares = plain(derive(ours, share))["twh_share"]
        assert close(shares, finite(theirs["twh"] / total.where(total != 0) * 100))
    base = grouped.transform("first")
    index = {"index": {"column": "twh", "by": "source"}}
    if (base < 0).any():  # an index of a negative base turns a rise into a fall
        with pytest.raises(DataError, match="an index of a value below zero"):
            derive(ours, index)
        return
    indexed = plain(derive(ours, index))["twh_index"]
    assert close(indexed, finite(theirs["twh"] / base.where(base != 0) * 100))


@settings(max_examples=100, deadline=None)
@given(rows_strategy, st.integers(1, 6), st.booleans())
def test_rolling_equals_pandas_or_says_the_window_is_longer_than_the_data(rows, window, by):
    # A window longer than every group would make a column of nothing but gaps: an error
    # at the step's window, never a silently empty column.
    ours, theirs = frames(rows)
    step = {"rolling": {"column": "twh", "window": window, **({"by": "source"} if by else {})}}
    longest = theirs.groupby("source").size().max() if by else len(theirs)
    if longest < window:
        with pytest.raises(DataError) as info:
            derive(ours, step)
        text = str(info.value)
        assert "deck.yaml:7: data.out.steps[0].rolling.window: a window of " in text
        assert f"{window} rows is longer than the data: the " in text
        assert f"has {longest} row" in text and "every value of 'twh_rolling'" in text
        assert f"use a window of at most {longest} row" in text
        return
    rolled = (theirs.groupby("source", sort=False)["twh"] if by else theirs["twh"]).rolling(window)
    want = rolled.mean()
    if by:
        want = want.reset_index(level=0, drop=True).sort_index()
    assert close(plain(derive(ours, step))["twh_rolling"], want.tolist())


def test_change_against_a_base_row_in_each_group():
    frame = source(
        {
            "year": ["2019", "2020", "2023", "2019", "2020", "2023"],
            "source": ["Coal"] * 3 + ["Solar"] * 3,
            "twh": ["965", "773", "675", "72", "89", "165"],
        }
    )
    out = derive(
        frame,
        {"pct_change": {"column": "twh", "by": "source", "base": {"year": 2019}}},
        {"change": {"column": "twh", "by": "source", "base": {"year": "2019"}, "as": "added"}},
    )
    growth = out["twh_pct_change"].tolist()
    assert growth[0] == 0.0
    assert growth[2] == pytest.approx((675 - 965) / 965 * 100)
    assert growth[5] == pytest.approx((165 - 72) / 72 * 100)
    assert out["added"].tolist() == [0.0, -192.0, -290.0, 0.0, 17.0, 93.0]


def test_a_base_a_group_lacks_is_named_with_what_it_has():
    frame = source(
        {
            "year": ["2019", "2020", "2020"],
            "source": ["Coal", "Coal", "Solar"],
            "twh": ["1", "2", "3"],
        }
    )
    with pytest.raises(DataError) as info:
        derive(frame, {"index": {"column": "twh", "by": "source", "base": {"year": 2019}}})
    text = str(info.value)
    assert "deck.yaml:7: data.out.steps[0].index.base.year: the rows with source = 'Solar' " in text
    assert "have no row with year = 2019; there year is '2020'" in text


def test_a_base_no_group_has_is_one_problem_with_the_nearest_year():
    """Three groups without 2018 were three problems alike, each asking 'did you mean
    '2021'?' of the years 2019 to 2021 (found in an audit): one problem, and the year
    nearest in value."""
    frame = source(
        {
            "year": ["2019", "2020", "2021"] * 3,
            "source": ["Coal"] * 3 + ["Gas"] * 3 + ["Solar"] * 3,
            "twh": [str(n) for n in range(1, 10)],
        }
    )
    with pytest.raises(DataError) as info:
        derive(frame, {"pct_change": {"column": "twh", "by": "source", "base": {"year": 2018}}})
    (problem,) = info.value.problems
    assert problem.message == "no row has year = 2018; year is '2019', '2020', '2021'"
    assert problem.hint == "did you mean '2019'?"


def test_a_base_that_names_two_rows_is_an_error():
    frame = source({"year": ["2019", "2019"], "twh": ["1", "2"]})
    with pytest.raises(
        DataError,
        match=r"the table have 2 rows with year = 2019, at src.csv:2 "
        r"and src.csv:3; the base must be one",
    ):
        derive(frame, {"pct_change": {"column": "twh", "base": {"year": 2019}}})


def test_a_base_is_one_column_and_value():
    with pytest.raises(DataError, match=r"steps\[0\].change.base: a base row is named by one"):
        derive(source({"twh": ["1"]}), {"change": {"column": "twh", "base": {"a": 1, "b": 2}}})


def test_ranks_share_a_place_and_skip_the_next():
    out = derive(
        source({"v": ["5", "9", "5", "1", "-"]}),
        {"rank": "v"},
        {"rank": {"column": "v", "descending": False, "as": "low"}},
    )
    assert plain(out)["v_rank"] == [2.0, 1.0, 2.0, 4.0, None]
    assert plain(out)["low"] == [2.0, 4.0, 2.0, 1.0, None]


def test_rolling_needs_a_full_window_without_gaps():
    out = derive(
        source({"v": ["1", "2", "3", "-", "5", "6", "7"]}),
        {"rolling": {"column": "v", "window": 2}},
    )
    assert plain(out)["v_rolling"] == [None, 1.5, 2.5, None, None, 5.5, 6.5]


def test_share_is_in_percent_of_each_group():
    out = derive(
        source({"y": ["a", "a", "b"], "v": ["1", "3", "2"]}), {"share": {"column": "v", "by": "y"}}
    )
    assert plain(out)["v_share"] == [25.0, 75.0, 100.0]
    assert not any(math.isnan(v) for v in out["v_share"])


def test_a_share_of_values_of_both_signs_is_an_error_naming_a_cell_of_each():
    """Values 3, -1, -4 and 1 add up to -1: their shares read -300%, 100%, 400% and -100%
    (fuzzing round 5, F5). Losses alone are shares of the total loss; a total of zero
    (every value 0) gives gaps, as before."""
    frame = source({"item": ["A", "B", "C", "D"], "change": ["3", "-1", "-4", "1"]})
    with pytest.raises(DataError) as caught:
        derive(frame, {"share": {"column": "change", "as": "share"}})
    (problem,) = caught.value.problems
    assert str(problem.location) == "deck.yaml:7: data.out.steps[0].share.column"
    assert problem.message == (
        "column 'change' has values of both signs: -1 (src.csv:3) beside 3 (src.csv:2), and a "
        "share of a whole needs values of one sign (they add up to -1, so 3 would read -300%)"
    )
    assert problem.hint == (
        'take their sizes first (compute: {size: "abs(change)"} before it, then a share of '
        "'size'), chart the values themselves (the changes as bars or a waterfall), or filter "
        "out the rows on one side of zero"
    )
    # One problem for each group with both signs, named; the other groups are fine.
    grouped = source({"g": ["a", "a", "b", "b", "c", "c"],
                      "v": ["2", "-2", "1", "1", "-5", "4"]})  # fmt: skip
    with pytest.raises(DataError) as caught:
        derive(grouped, {"share": {"column": "v", "by": "g"}})
    assert [p.message.split(":")[0] for p in caught.value.problems] == [
        "column 'v' has values of both signs in the rows with g = 'a'",
        "column 'v' has values of both signs in the rows with g = 'c'",
    ]
    assert caught.value.problems[0].message.endswith("one sign (they add up to 0)")
    assert "so 4 would read -400%" in caught.value.problems[1].message
    losses = source({"v": ["-3", "-1", "0", "-"]})
    shares = plain(derive(losses, {"share": "v"}))["v_share"]
    assert shares == [75.0, 25.0, 0.0, None] and math.copysign(1, shares[2]) == 1  # not -0%
    zeros = source({"v": ["0", "0"]})
    assert plain(derive(zeros, {"share": "v"}))["v_share"] == [None, None]


def test_a_rolling_mean_of_values_near_the_largest_float_is_their_mean():
    """Their sum passes the largest float: math.fsum raised OverflowError (fuzzing)."""
    rolling = {"rolling": {"column": "v", "window": 2}}
    out = derive(source({"v": ["1e308", "1.5e308", "1e308"]}), rolling)
    assert plain(out)["v_rolling"] == [None, 1.25e308, 1.25e308]


def test_a_share_of_a_total_past_the_largest_float_names_the_group():
    frame = source({"g": ["a", "a", "b"], "v": ["1e308", "1e308", "5"]})
    with pytest.raises(DataError) as caught:
        derive(frame, {"share": {"column": "v", "by": "g"}})
    (problem,) = caught.value.problems
    assert str(problem.location) == "deck.yaml:7: data.out.steps[0].share.column"
    assert problem.message == ("the total of the rows with g = 'a' is past the largest number "
                               "a computer's float holds (about 1.8e308)")  # fmt: skip


def test_a_change_in_percent_from_a_negative_base_keeps_the_direction():
    """-50 to 70 is a rise: pandas' pct_change says -240, a chart's difference +240; the
    step said -240 (found by fuzzing). An index of -50 is refused."""
    frame = source({"year": ["2019", "2020"], "v": ["-50", "70"]})
    assert plain(derive(frame, {"pct_change": "v"}))["v_pct_change"] == [None, 240.0]
    with pytest.raises(DataError, match="have a base of -50: an index of a value below zero"):
        derive(frame, {"index": "v"})
