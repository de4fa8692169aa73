"""A difference bracket between two values the chart writes as labels is the difference of
the values as written (``_annotate.difference_of``): a reader doing the sum from the labels
gets the bracket's number. The picture, the alt text and what ``deckgen check`` reads as
the chart's numbers say the same. A percent change and a growth rate stay of the exact
values, as does a difference between values the picture writes no label for."""

from __future__ import annotations

import pytest

from deckgen.errors import Location
from deckgen.kinds.charts._annotate import difference_of, resolve, text_of
from deckgen.render.chartkit import fmt
from tests.kinds.charts.jobs import figure, job

HERE = Location("deck.yaml", 1, "chart")
MINUS = "\u2212"
#: A change in percent, made up for the test: -2.25 is written '−2.3%' (halves away from
#: zero) and 1.05 '1.1%', 3.4 points apart; the exact difference, 3.30, is written 3.3.
YEARS = ["2022", "2023", "2024"]
CHANGE = {"Change": [-2.25, 1.05, 0.4]}


def _bar(**fields: object):
    return job("bar", YEARS, CHANGE, format="percent:1", **fields)


def _drawn_texts(chart_job) -> list[str]:
    """Every text the drawn picture shows."""
    from matplotlib.text import Text

    return [t.get_text() for t in figure(chart_job).findobj(Text) if t.get_visible()]


def test_a_difference_between_two_labelled_bars_is_of_their_labels() -> None:
    """The bracket wrote '+3.3 pts' between bars labelled '−2.3%' and '1.1%' (found in
    review): 1.1 − (−2.3) is 3.4."""
    j = _bar(difference={"from": "2022", "to": "2023"})
    assert [fmt(j, v) for v in CHANGE["Change"][:2]] == [f"{MINUS}2.3%", "1.1%"]
    (note,) = resolve(j.spec, j.data, HERE)[0]
    assert note.difference == pytest.approx(3.3)  # the exact values' difference, kept
    assert difference_of(j, note) == pytest.approx(3.4)
    assert text_of(j, note) == "+3.4 pts"
    assert "From 2022 to 2023 Change grew 3.4 percentage points." in j.alt()
    drawn = _drawn_texts(j)
    assert "+3.4 pts" in drawn and "+3.3 pts" not in drawn
    # A title stating the bracket's number is stating a number the chart shows.
    assert any(v == pytest.approx(3.4) for v in j.spec.printed_values(j))
    assert not any(v == pytest.approx(3.3) for v in j.spec.printed_values(j))


def test_a_percent_change_and_a_growth_rate_stay_of_the_exact_values() -> None:
    """A change relative to 'from' is a ratio: of the labels it would be 3.4 / 2.3 =
    148%, where the values' is 3.30 / 2.25 = 147%; a reader cannot do the division to the
    labels' precision, and the rounding of a small 'from' is magnified in it. So the
    points agree with the labels and the percent is of the values."""
    j = _bar(difference={"from": "2022", "to": "2023", "show": "both"})
    (note,) = resolve(j.spec, j.data, HERE)[0]
    assert text_of(j, note) == "+3.4 pts (+147%)"
    assert "grew 3.4 percentage points (147 percent)." in j.alt()
    positive = job("bar", YEARS, {"Share": [2.25, 5.55, 6.0]}, format="percent:1",
                   cagr={"from": "2022", "to": "2024"})  # fmt: skip
    (cagr,) = resolve(positive.spec, positive.data, HERE)[0]
    assert text_of(positive, cagr) == "CAGR +63%"  # (6.0 / 2.25) ** 0.5, not 6.0 / 2.3


def test_a_difference_between_values_written_in_a_compact_unit() -> None:
    """5,234,496 and 30,160,966 are labelled '5.2M' and '30.2M': 25.0M apart, where the
    exact difference is 24.9M."""
    j = job("bar", ["2004", "2023"], {"Built": [5_234_496.0, 30_160_966.0]}, format="compact:1",
            difference={"from": "2004", "to": "2023"})  # fmt: skip
    (note,) = resolve(j.spec, j.data, HERE)[0]
    assert text_of(j, note) == "+25.0M"
    assert "grew 25.0 million." in j.alt()


def test_two_series_of_one_category_written_on_their_bars() -> None:
    j = job("grouped-bar", ["Rural", "Urban"], {"2023": [-2.25, 4.0], "2024": [1.05, 3.0]},
            format="percent:1",
            difference={"from": "2023", "to": "2024", "at": "Rural"})  # fmt: skip
    (note,) = resolve(j.spec, j.data, HERE)[0]
    assert text_of(j, note) == "+3.4 pts"


def test_values_the_picture_writes_no_label_for_keep_the_exact_difference() -> None:
    """With 'value_labels: false' the value axis gives the values: nothing printed to add
    up, and the exact difference is the nearer."""
    j = _bar(difference={"from": "2022", "to": "2023"}, value_labels=False)
    (note,) = resolve(j.spec, j.data, HERE)[0]
    assert text_of(j, note) == "+3.3 pts"
    assert "grew 3.3 percentage points." in j.alt()


def test_a_line_writes_the_values_at_its_ends_only() -> None:
    """A line labels its last value (and, on a slope chart of two categories, its first):
    a bracket from the first point to the last of a slope chart is of its labels, one
    between points it writes no value for is of the exact values."""
    slope = job("line", ["2022", "2023"], {"Change": [-2.25, 1.05]}, format="percent:1",
                difference={"from": "2022", "to": "2023"})  # fmt: skip
    (note,) = resolve(slope.spec, slope.data, HERE)[0]
    assert text_of(slope, note) == "+3.4 pts"
    years = [str(y) for y in range(2018, 2024)]
    inside = job("line", years, {"Change": [0.0, -2.25, 0.5, 1.05, 0.7, 0.9]},
                 format="percent:1", difference={"from": "2019", "to": "2021"})  # fmt: skip
    (note,) = resolve(inside.spec, inside.data, HERE)[0]
    assert text_of(inside, note) == "+3.3 pts"
    to_end = job("line", years, {"Change": [0.0, 0.1, -2.25, 0.5, 0.7, 1.05]},
                 format="percent:1", difference={"from": "2020", "to": "2023"})  # fmt: skip
    (note,) = resolve(to_end.spec, to_end.data, HERE)[0]
    assert text_of(to_end, note) == "+3.3 pts"  # '−2.3%' is written nowhere on it


def test_two_labels_written_alike_are_no_change() -> None:
    """0.96% and 1.04% are both written '1.0%': the bracket says no change, and the alt
    text says it held, as the labels do."""
    j = job("bar", ["2022", "2023"], {"Share": [0.96, 1.04]}, format="percent:1",
            difference={"from": "2022", "to": "2023"})  # fmt: skip
    (note,) = resolve(j.spec, j.data, HERE)[0]
    assert text_of(j, note) == "0.0 pts"
    assert "From 2022 to 2023 Share held at 1.0 percent." in j.alt()
