"""ED002 of a chart with more series than its plot's height holds names for, beside their
ends: check draws it and says which series are left unnamed, as the build does (check
said "No problems found." of lines left without a name)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from deckgen.check import check
from deckgen.pipeline import BuildOptions
from tests.helpers import write_project

if TYPE_CHECKING:
    from pathlib import Path


def _outline(count: int) -> str:
    rows = "\n".join(
        f'      - {{year: "{year}", depot: Depot {k}, riders: {(100 + k) * f:.1f}}}'
        for k in range(count)
        for year, f in (("2016", 1.0), ("2020", 1.1), ("2024", 1.2))
    )
    return f"""\
deck: {{title: Depots}}
data:
  riders:
    rows:
{rows}
slides:
  - kind: chart
    title: The newest depot carried the most riders
    subtitle: Daily riders by depot, thousands
    chart:
      type: line
      data: riders
      x: year
      y: riders
      series: depot
      highlight: Depot {count - 1}
"""


def test_series_left_unnamed_are_said_by_check(tmp_path: Path) -> None:
    outline = write_project(tmp_path / "p", _outline(24))
    report = check(outline, BuildOptions(out_dir=tmp_path / "out"), select=("ED002",))
    (finding,) = report.findings
    assert finding.slide == 1
    said = r"\d+ lines \(('Depot \d+', )*'Depot \d+'\) are not named at their ends, for lack of "
    assert re.fullmatch(said + r"room beside the other lines' names", finding.message)
    assert "'Depot 23'" not in finding.message  # the highlighted series is always named
    assert finding.fix == ("give the chart more height (a shorter title, no subtitle), or "
                           "show fewer series")  # fmt: skip


def test_a_few_series_are_not_drawn_to_see(tmp_path: Path) -> None:
    """Eight series stand beside their ends with room to spare: nothing to say."""
    outline = write_project(tmp_path / "p", _outline(8))
    report = check(outline, BuildOptions(out_dir=tmp_path / "out"), select=("ED002",))
    assert not report.findings
