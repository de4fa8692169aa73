"""NUM002 reads a title's change told in words ('doubled', 'fell by a third', 'more than
tripled') and compares it with the changes the chart shows: a series from its first period
to its last, and each category from the first series to the last. A title saying 'grew by a
third' over data that grew 80% passed unchecked, where a '+33%' was compared (NUM002 read
only digits: found in review)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

from deckgen.outline.text_numbers import Ratio, ratios_stated
from tests.check.titles import num002

if TYPE_CHECKING:
    from pathlib import Path

#: Made-up riders a year (thousands): 40 -> 81 is x2.03, +102%.
RIDERS = "year,riders\n2019,40\n2020,22\n2021,35\n2022,60\n2023,81\n"
#: Made-up loans by branch in two years: Harbour x1.36 (+36%), Central x0.5 (-50%).
LOANS = "branch,2021,2023\nCentral,412.0,206.0\nHarbour,96.0,131.0\nHillside,58.5,64.0\n"
#: Made-up bus routes by depot, one year: no change shown, so no ratio word is judged.
DEPOTS = "depot,routes\nNorth,40\nSouth,81\n"

LINE = "{type: line, data: riders, x: year, y: riders}"
GROUPED = '{type: grouped-bar, data: loans, x: branch, y: ["2021", "2023"]}'
BAR = "{type: bar, data: depots, x: depot, y: routes}"


def _said(tmp_path: Path, title: str, chart: str) -> list[str]:
    return num002(tmp_path, title, chart,
                  {"riders.csv": RIDERS, "loans.csv": LOANS, "depots.csv": DEPOTS})  # fmt: skip


@pytest.mark.parametrize(
    ("title", "chart"),
    [
        ("Ridership doubled from 2019 to 2023", LINE),
        ("Ridership more than doubled since 2019", LINE),
        ("Ridership roughly doubled since 2019", LINE),
        ("Central's loans halved in two years", GROUPED),
        ("Central's loans were cut in half", GROUPED),
        ("Harbour's loans grew by a third", GROUPED),
        ("Harbour's loans rose by about a third", GROUPED),
        ("Half of all loans were made at Central", GROUPED),  # a share, not a change
        ("South runs twice as many routes", BAR),  # no change shown: not judged
        ("Routes doubled at South", BAR),
    ],
)
def test_a_change_in_words_the_chart_shows_passes(tmp_path: Path, title: str, chart: str):
    assert _said(tmp_path, title, chart) == []


@pytest.mark.parametrize(
    ("title", "chart", "said"),
    [
        ("Ridership tripled from 2019 to 2023", LINE, "'tripled' in the title states a change "
         "of +200%, and no change the chart shows is one: the nearest, from 2019 to 2023, is "
         "+102% (x2.02)"),
        ("Ridership more than tripled since 2019", LINE, "'more than tripled'"),
        ("Harbour's loans doubled", GROUPED, "the nearest, 'Harbour' from 2021 to 2023, is "
         "+36% (x1.36)"),
        ("Hillside's loans fell by a quarter", GROUPED, "'fell by a quarter' in the title "
         "states a change of \u221225%"),
        ("Harbour's loans nearly doubled", GROUPED, "'nearly doubled'"),
    ],
)  # fmt: skip
def test_a_change_in_words_the_chart_does_not_show_is_said(tmp_path: Path, title: str,
                                                           chart: str, said: str):  # fmt: skip
    (message,) = _said(tmp_path, title, chart)
    assert said in message


@pytest.mark.parametrize(
    ("text", "stated"),
    [
        ("Sales doubled", [1.0]),
        ("Exports more than tripled", [2.0]),
        ("Output fell by a third", [-1 / 3]),
        ("Usage is up a fifth", [0.2]),
        ("Emissions halved, then doubled", [-0.5, 1.0]),
        ("Half of all exports go north", []),
        ("Sales grew by half of the target", []),
        ("The Doubled Street depot", []),  # a row's name (given below), not a claim
        ("Output is down a quarter", [-0.25]),
        ("Sales rose by a third", [1 / 3]),
        # A fraction that counts, not a change (found in review).
        ("Labour gained a third seat", []),
        ("Sales rose a third straight year", []),
        ("Profit fell for a third year", []),
        ("Exports are up a third consecutive quarter", []),
    ],
)
def test_the_changes_a_text_states_in_words(text: str, stated: list[float]):
    found = ratios_stated(text, ["The Doubled Street depot"])
    assert [r.change for r in found] == pytest.approx(stated)


@given(st.floats(0.01, 1e6), st.floats(0.0, 10.0))
def test_a_stated_change_matches_exactly_that_change_and_no_opposite_one(start, ratio):
    change = ratio - 1.0
    if abs(change) < 1e-6:
        return
    assert Ratio("x", change).matches(start, start * ratio)
    assert not Ratio("x", -change).matches(start, start * ratio)
    assert not Ratio("x", change).matches(start, start * (1 + 1.2 * change))
