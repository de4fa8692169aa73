"""A column chart whose long names leave room for two columns of many is refused on a card,
as a ranking of rows is, with the count and a fix that helps: a column chart of 15 regions
was posted as 'the first of 15 regions and Mayotte', two bars under a title about nine
falls, on every preset, story too, with no warning (found in review)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from deckgen.errors import FitError
from deckgen.plan.cards import plan_cards
from deckgen.tables.sources import load_tables
from tests.helpers import load_outline, load_theme, write_project

if TYPE_CHECKING:
    from pathlib import Path

#: Twelve made-up districts with names too long for more than two columns on a card.
DISTRICTS_CSV = "district,change\n" + "".join(
    f"Northern-Uplands-Riverside-{i:02},{(-1) ** i * (3 + i)}\n" for i in range(12)
)

OUTLINE = """\
deck: {{title: Districts, theme: corporate}}
data:
  districts: {{file: districts.csv}}
slides:
  - kind: title
    title: Districts
social:
  cards:
    - kind: chart
      name: districts
      presets: [{preset}]
      title: Cases fell in six of twelve districts
      chart: {{type: bar, data: districts, x: district, y: change, format: "percent:0",
               highlight: Northern-Uplands-Riverside-11}}
"""


def _plan(root: Path, preset: str) -> list:
    loaded = load_outline(write_project(root, OUTLINE.format(preset=preset),
                                        {"districts.csv": DISTRICTS_CSV}))  # fmt: skip
    return plan_cards(loaded, load_tables(loaded), load_theme("corporate"))


@pytest.mark.parametrize("preset", ["ig-square", "story", "x-post"])
def test_two_columns_of_twelve_are_refused_with_the_count_and_a_fix_that_helps(
    tmp_path: Path, preset: str
) -> None:
    with pytest.raises(FitError) as caught:
        _plan(tmp_path, preset)
    (problem,) = caught.value.problems
    assert problem.location.field == "social.cards[0].chart"
    assert "has room for only 2 of its 12 districts" in problem.message
    assert "a card shows 3 at least" in problem.message
    # A taller preset is no help to columns side by side: the story card was one.
    assert "'top:'" in problem.hint and "shorten the names" in problem.hint
    assert "taller preset" not in problem.hint


def test_short_names_leave_room_for_enough_columns(tmp_path: Path) -> None:
    short = DISTRICTS_CSV.replace("Northern-Uplands-Riverside-", "D")
    loaded = load_outline(write_project(
        tmp_path, OUTLINE.format(preset="story").replace("Northern-Uplands-Riverside-", "D"),
        {"districts.csv": short}))  # fmt: skip
    (card,) = plan_cards(loaded, load_tables(loaded), load_theme("corporate"))
    assert len(card.job.chart.job.data.categories) >= 3
    assert card.job.shown is None or "of 12 districts" in card.job.shown


#: Three short names with values of 15 digits: the value labels, not the names, set how
#: many columns fit.
HUGE_CSV = "name,value\nAlpha,123456789012345\nBeta,98765432109876\nGamma,5\n"
HUGE = """\
deck: {{title: Huge, theme: corporate}}
data:
  huge: {{file: huge.csv}}
slides:
  - kind: title
    title: Huge
social:
  cards:
    - kind: chart
      presets: [ig-square]
      title: Alpha is huge
      chart: {{type: {type}, data: huge, x: name, y: value, format: "{format}"}}
"""


@pytest.mark.parametrize("type", ["bar", "grouped-bar", "stacked-bar"])
def test_wide_value_labels_are_blamed_not_the_names(tmp_path: Path, type: str) -> None:
    """'Alpha', 'Beta' and 'Gamma' with 15-digit 'plain:0' labels were told to shorten
    their names (fuzzing round 8, 13): the hint now names the widest value label and a
    format that writes it shorter, and with that format the card is drawn."""
    files = {"huge.csv": HUGE_CSV}
    plain = HUGE.format(type=type, format="plain:0")
    loaded = load_outline(write_project(tmp_path / "plain", plain, files))
    with pytest.raises(FitError) as caught:
        plan_cards(loaded, load_tables(loaded), load_theme("corporate"))
    (problem,) = caught.value.problems
    assert "has room for only 2 of its 3 names" in problem.message
    assert "the widest value label, '123,456,789,012,345'" in problem.hint
    assert "'compact:1'" in problem.hint and "shorten the names" not in problem.hint
    compact = HUGE.format(type=type, format="compact:1")
    loaded = load_outline(write_project(tmp_path / "compact", compact, files))
    (card,) = plan_cards(loaded, load_tables(loaded), load_theme("corporate"))
    assert len(card.job.chart.job.data.categories) == 3
