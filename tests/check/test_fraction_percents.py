"""NUM009: a series written in a percent format whose values are fractions (0.2871 for
28.71%, as JSON APIs and pandas store shares) printed '0.3%' and checked clean (fuzz-U/3)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from deckgen.check import check
from deckgen.pipeline import BuildOptions
from tests.helpers import write_project

if TYPE_CHECKING:
    from pathlib import Path

DATA = """\
department,fraction,percent,small,zero
Police,0.2871,28.71,3.5,0
Fire & Rescue,0.1503,15.03,0.1,0
Libraries,0.0301,3.01,1.2,0
"""

BAR = """\
deck: {{title: T}}
data: {{budget: {{file: budget.csv}}}}
slides:
  - kind: chart
    title: {title}
    source: Test data
    chart: {{data: budget, x: department, y: {y}, format: "percent:1"{more}}}
"""


def _findings(tmp_path: Path, y: str, more: str = ", type: bar",
              title: str = "Police take the largest share") -> list:  # fmt: skip
    path = write_project(tmp_path, BAR.format(y=y, more=more, title=title),
                         {"budget.csv": DATA})  # fmt: skip
    report = check(path, BuildOptions(out_dir=tmp_path / "out"), select=("NUM009",))
    return list(report.findings)


def test_fractions_under_a_percent_format_are_named_with_scale_as_the_fix(tmp_path: Path):
    (found,) = _findings(tmp_path, "fraction")
    assert (found.code, found.slide, found.location.line) == ("NUM009", 1, 4)
    assert "'fraction'" in found.message and "0.2871 prints as '0.3%'" in found.message
    assert "28.7% if it is a fraction" in found.message
    assert found.fix.startswith(
        "the values look like fractions (0.29 for 29%): add 'scale: 100' to the chart"
    )


def test_a_title_writing_the_same_cells_through_percent_is_named(tmp_path: Path):
    title = '"Police take {{ budget.Police.fraction | percent(1) }} of the budget"'
    (found,) = _findings(tmp_path, "fraction", title=title)
    assert "slides[0].title writes it through '| percent' too" in found.message
    assert "compute step" in found.fix


@pytest.mark.parametrize(
    ("y", "more"),
    [
        ("percent", ", type: bar"),  # stored in percent, as deckgen reads them
        ("small", ", type: bar"),  # genuine small shares: 0.1% to 3.5%
        ("[percent, zero]", ", type: grouped-bar"),  # a series of zeros: nothing to tell
        ("fraction", ", type: bar, scale: 100"),  # the fix
    ],
)
def test_percentages_in_percent_small_shares_and_scaled_fractions_pass(
    tmp_path: Path, y: str, more: str
):
    assert _findings(tmp_path, y, more) == []


def test_a_chart_that_takes_no_scale_is_told_to_compute_the_column(tmp_path: Path):
    """A chart of x, y and size values refuses 'scale' (it would multiply all three): the
    fix is a derived table's compute step, not an option the chart refuses."""
    outline = """\
    deck: {title: T}
    data: {budget: {file: budget.csv}}
    slides:
      - kind: chart
        title: Bigger departments do not have happier residents
        source: Test data
        chart: {type: scatter, data: budget, x: percent, y: fraction, name: department,
                format: "percent:0", x_format: "plain:0"}
    """
    path = write_project(tmp_path, outline, {"budget.csv": DATA})
    report = check(path, BuildOptions(out_dir=tmp_path / "out"), select=("NUM009",))
    (found,) = report.findings
    assert "'fraction'" in found.message
    assert "'compute: {fraction: \"fraction * 100\"}'" in found.fix
    assert "scale: 100" not in found.fix


def test_the_build_warning_says_what_the_check_says(tmp_path: Path):
    """For ``deckgen build`` to print (its reader may never run the check): one warning a
    chart, at its place, with the finding's code and fix."""
    from deckgen.check.rules import fraction_warnings
    from tests.helpers import plan

    path = write_project(tmp_path, BAR.format(y="fraction", more=", type: bar",
                                              title="Police take the largest share"),
                         {"budget.csv": DATA})  # fmt: skip
    built = plan(path)
    places = [(str(s.where), p.job) for s in built.slides for p in s.pictures]
    (said,) = fraction_warnings(places + places)
    assert said.startswith(f"{places[0][0]}: 'fraction' is written in percent (percent:1)")
    assert "(NUM009); the values look like fractions" in said and "add 'scale: 100'" in said
    ok = BAR.format(y="percent", more=", type: bar", title="Police take the largest share")
    path = write_project(tmp_path / "ok", ok, {"budget.csv": DATA})
    assert fraction_warnings((str(s.where), p.job) for s in plan(path).slides
                             for p in s.pictures) == []  # fmt: skip


def test_a_build_prints_the_warning(tmp_path: Path):
    from deckgen.pipeline import build

    path = write_project(tmp_path, BAR.format(y="fraction", more=", type: bar",
                                              title="Police take the largest share"),
                         {"budget.csv": DATA})  # fmt: skip
    result = build(path, BuildOptions(out_dir=tmp_path / "out"))
    assert any("(NUM009)" in w and "scale: 100" in w for w in result.warnings)
