"""NUM017 reads a title that ranks one of its chart's categories first or last ('Texas
builds the most') against the values the chart draws: a superlative over a chart in which
another bar is longer passed every check (a title was compared for its digits alone)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from deckgen.check import check
from deckgen.outline.text_numbers import ranked_first
from deckgen.pipeline import BuildOptions
from tests.helpers import write_project

if TYPE_CHECKING:
    from pathlib import Path

#: Made-up cars built by state (thousands), with the total row a file often carries.
STATES = "state,cars\nMichigan,1840\nOhio,1210\nTexas,960\nKentucky,1105\nTotal,5115\n"
NAMES = ["Michigan", "Ohio", "Texas", "Kentucky", "South Korea", "Korea"]


@pytest.mark.parametrize(
    ("title", "claim"),
    [
        ("Michigan builds the most cars", ("Michigan", True)),
        ("Texas builds more cars than any other state", ("Texas", True)),
        ("Ohio leads the Midwest", ("Ohio", True)),
        ("Ohio tops the list", ("Ohio", True)),
        ("Texas, the largest producer, built 960,000", ("Texas", True)),
        ("Kentucky builds the fewest cars", ("Kentucky", False)),
        ("Texas has the smallest plants", ("Texas", False)),
        ("South Korea builds the most", ("South Korea", True)),  # not also 'Korea'
        ("Most cars are built in Michigan", None),  # a majority, not a rank
        ("Ohio is the second largest producer", None),
        ("Ohio is one of the largest producers", None),
        ("Ohio is among the biggest", None),
        ("Ohio is no longer the largest", None),
        ("Texas grew the most since 2019", None),  # a change, not a level
        ("Texas is the fastest growing", None),
        ("Michigan has the largest share", None),
        ("The top 5 states build most cars", None),
        ("Michigan and Ohio build the most", None),  # two named
        ("Michigan builds the most and Texas the fewest", None),  # both ranks
        ("The Midwest builds the most", None),  # none named
    ],
)
def test_a_plain_rank_of_one_named_category_is_read(title, claim):
    assert ranked_first(title, NAMES) == claim


def _found(tmp_path: Path, title: str, chart: str, *, locale: str = "en_US",
           card: bool = False, data: str = STATES) -> list[str]:  # fmt: skip
    social = f"""\
social:
  cards:
    - kind: chart
      name: c
      title: {title}
      source: State reports
      chart: {chart}
""" if card else ""  # fmt: skip
    outline = write_project(tmp_path / "p", f"""\
deck: {{title: T, locale: {locale}}}
data:
  states: {{file: states.csv}}
slides:
  - kind: chart
    title: {"Cars by state" if card else title}
    source: State reports
    chart: {chart}
{social}""", {"states.csv": data})  # fmt: skip
    report = check(outline, BuildOptions(out_dir=tmp_path / "out"), select=("NUM017",))
    return [f"{f.where}: {f.message}" for f in report.findings]


BAR = "{type: bar, data: states, x: state, y: cars}"


def test_a_title_ranking_first_a_category_the_chart_draws_below_another_is_said(tmp_path):
    (said,) = _found(tmp_path, "Texas builds the most cars", BAR)
    assert said == ("slide 1: the title ranks 'Texas' first, and the chart draws 'Michigan' "
                    "above it: 1.8K against 1.0K")  # fmt: skip


def test_a_title_ranking_last_is_read_against_the_smallest(tmp_path):
    (said,) = _found(tmp_path, "Kentucky builds the fewest cars", BAR)
    assert "ranks 'Kentucky' last, and the chart draws 'Texas' below it" in said


def test_a_true_rank_passes_and_the_total_row_is_no_rival(tmp_path):
    # 'Total' (5,115) is drawn above Michigan: the file's total row, not a state.
    assert _found(tmp_path, "Michigan builds the most cars", BAR) == []
    assert _found(tmp_path, "Texas builds the fewest cars", BAR) == []


def test_a_chart_cards_title_is_read_too(tmp_path):
    (said,) = _found(tmp_path, "Ohio leads the Midwest", BAR, card=True)
    assert said.startswith("card c-ig-square.png: the title ranks 'Ohio' first")


def test_titles_in_another_language_are_not_judged(tmp_path):
    assert _found(tmp_path, "Texas builds the most cars", BAR, locale="de_DE") == []


def test_a_chart_of_several_series_is_not_judged(tmp_path):
    data = "state,cars,vans\nMichigan,1840,300\nTexas,960,500\n"
    grouped = "{type: grouped-bar, data: states, x: state, y: [cars, vans]}"
    assert _found(tmp_path, "Texas builds the most cars", grouped, data=data) == []


def test_the_build_warns_of_a_slides_title_as_check_does(tmp_path):
    from deckgen.pipeline import build

    outline = write_project(tmp_path / "p", f"""\
deck: {{title: T}}
data:
  states: {{file: states.csv}}
slides:
  - kind: chart
    title: Texas builds the most cars
    source: State reports
    chart: {BAR}
""", {"states.csv": STATES})  # fmt: skip
    warnings = build(outline, BuildOptions(out_dir=tmp_path / "out")).warnings
    (said,) = [w for w in warnings if "NUM017" in w]
    assert said.endswith(
        "deck.yaml:5: slides[0]: the title ranks 'Texas' first, and the chart draws 'Michigan' "
        "above it: 1.8K against 1.0K (NUM017); state what the chart shows (Michigan leads), "
        "or chart the measure and the rows the title ranks"
    )
