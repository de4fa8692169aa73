"""The number rules read a fiscal or split year ('2024/25', 'FY24/25') as the period it
names, as a chart's category sort does, not as the numbers 2024 and 25 (fuzz-Q/6)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from deckgen.check import check
from deckgen.outline.text_numbers import numbers, outside_periods
from deckgen.pipeline import BuildOptions
from tests.helpers import write_project

if TYPE_CHECKING:
    from pathlib import Path

#: A council's budget by department, in £ million: 24.7 rounds to 25, 25.9 to 26.
SPEND = "department,budget\nCorporate Services,24.7\nHousing,29.5\nParks,25.9\n"
DECK = """\
deck: {{title: Budget, theme: corporate}}
data: {{spend: {{file: spend.csv}}}}
slides:
  - kind: chart
    title: Housing has the largest budget of the three departments
    subtitle: Net budget, £ million, {first}
    chart: {{type: hbar, data: spend, x: department, y: budget}}
  - kind: chart
    title: Parks has the second largest budget of the three departments
    subtitle: Net budget, £ million, {second}
    chart: {{type: hbar, data: spend, x: department, y: budget}}
"""


def _numbers_found(tmp_path: Path, first: str, second: str) -> list[tuple[str, int | None, str]]:
    deck = DECK.format(first=first, second=second)
    outline = write_project(tmp_path / "p", deck, {"spend.csv": SPEND})
    report = check(outline, BuildOptions(out_dir=tmp_path / "out"), select=("NUM",))
    return sorted((f.code, f.slide, f.message) for f in report.findings)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("2025/26", "2024/25 to 2025/26"),  # fuzz-Q/6's subtitles
        ("2025-26", "2024-25 to 2025-26"),
        ("FY2025/26", "FY2024/25 to FY2025/26"),
        ("FY25/26", "FY24/25 to FY25/26"),
        ("2025\u201326", "2015\u201325"),  # an en dash; a run of years
    ],
)
def test_a_split_year_is_a_period_not_a_typed_number(
    tmp_path: Path, first: str, second: str
) -> None:
    """NUM001 read the '25' of '2024/25' as a value the data has (24.7, rounded), and
    NUM003 the '26' of '2025/26' on two slides in a row as a number said twice."""
    assert _numbers_found(tmp_path, first, second) == []


def test_a_value_beside_a_split_year_is_still_a_number(tmp_path: Path) -> None:
    found = _numbers_found(tmp_path, "2025/26, up from 26", "2025/26")
    assert [(code, slide) for code, slide, _ in found] == [("NUM001", 1)], found


@pytest.mark.parametrize(
    ("text", "left"),
    [
        ("Net budget, £ million, 2024/25", []),
        ("FY24/25 and FY 25", []),
        ("Spend in 2024/25, up 3.5% (2023-24: 2.1%)", ["3.5%", "2.1%"]),
        ("2099/00", []),  # the next year wraps round the century
        ("24/25 schools", ["24", "25"]),  # no FY: a score or a fraction
        ("2023/25 figures", ["2023", "25"]),  # not the next year, with a slash: a fraction?
        ("2024-23", ["2024", "23"]),  # no run of years goes back
        ("1.5/25", ["1.5", "25"]),
        ("25 in 2024", ["25", "2024"]),
        # A time from an event is no value (a survey's '15 months after graduating' was
        # said to be a value the data held, 15.4: found by a new user); a wait may be.
        ("2021/22 graduates, 15 months after graduating", []),
        ("sales 3 years ago were 40", ["40"]),
        ("patients wait 18 days", ["18"]),
    ],
)
def test_only_a_period_is_left_out(text: str, left: list[str]) -> None:
    assert [n.text for n in numbers(outside_periods(text))] == left
