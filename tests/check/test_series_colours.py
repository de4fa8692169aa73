"""A11Y007 names a chart whose series share a colour, or nearly do, with the series: a
stack of seven drew its first and seventh in one navy and checked clean (fuzz-U/8)."""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

import pytest

from deckgen.check import check
from deckgen.pipeline import BuildOptions
from tests.helpers import REPO, write_project

if TYPE_CHECKING:
    from pathlib import Path

STACK = """\
deck: {{title: T, theme: {theme}}}
data: {{d: {{file: d.csv}}}}
slides:
  - kind: chart
    title: Every series grew in 2024
    source: made up
    chart: {{type: stacked-bar, data: d, x: year, y: [{series}], format: "plain:0"{more}}}
"""


def _check(tmp_path: Path, count: int, theme: str = "corporate", more: str = "") -> list:
    names = [f"s{i}" for i in range(count)]
    data = "year," + ",".join(names) + "\n"
    data += "".join(f"{y}," + ",".join(str(10 + i) for i in range(count)) + "\n"
                    for y in (2023, 2024))  # fmt: skip
    path = write_project(tmp_path, STACK.format(theme=theme, series=", ".join(names),
                                                more=more), {"d.csv": data})  # fmt: skip
    report = check(path, BuildOptions(out_dir=tmp_path / "out"), select=("A11Y007",))
    return list(report.findings)


def test_series_drawn_in_one_colour_are_named_with_their_chart(tmp_path: Path):
    """Thirteen series and twelve colours: the first and the thirteenth share one."""
    (found,) = _check(tmp_path, 13)
    assert (found.code, found.slide, found.location.line) == ("A11Y007", 1, 4)
    assert "'s0' and 's12' are both #12355B" in found.message
    assert "highlight the series the slide is about" in found.fix


def test_series_in_colours_a_reader_cannot_tell_apart_are_named(tmp_path: Path):
    """A theme listing two blues a step apart: its two series look alike."""
    theme = tmp_path / "themes" / "blues"
    shutil.copytree(REPO / "themes" / "corporate", theme)
    text = (theme / "theme.yaml").read_text()
    (theme / "theme.yaml").write_text(text.replace(
        "  grid:", '  categorical: ["#0072B2", "#0B74B0"]\n  grid:'))  # fmt: skip
    (found,) = [f for f in _check(tmp_path, 2, "blues") if "told apart" in f.message]
    assert "'s0' (#0072B2) and 's1' (#0B74B0) look alike" in found.message


@pytest.mark.parametrize("theme", ["corporate", "dark", "contrast", "corporate-template"])
def test_nine_series_in_a_shipped_theme_are_each_told_apart(tmp_path: Path, theme: str):
    assert not [f for f in _check(tmp_path, 9, theme) if "told apart" in f.message]


def test_context_series_sharing_the_grey_of_a_highlight_are_not_named(tmp_path: Path):
    assert _check(tmp_path, 13, more=", highlight: s3") == []


def test_a_build_warns_of_series_drawn_alike_as_the_check_does(tmp_path: Path):
    """A theme of three chart colours, all white, drew three series in one grey and the
    build said nothing of it: only `deckgen check` did (found by fuzzing). The build warns
    with the check's words and code."""
    from deckgen.pipeline import build

    names = [f"s{i}" for i in range(13)]
    rows = [f"{y}," + ",".join(str(10 + i) for i in range(13)) for y in (2023, 2024)]
    data = "\n".join(["year," + ",".join(names), *rows]) + "\n"
    path = write_project(tmp_path, STACK.format(theme="corporate", series=", ".join(names),
                                                more=""), {"d.csv": data})  # fmt: skip
    warnings = build(path, BuildOptions(out_dir=tmp_path / "out")).warnings
    (said,) = [w for w in warnings if "A11Y007" in w]
    assert said.startswith(f"{path}:4: slides[0]: the chart's series cannot all be told apart "
                           "by colour: 's0' and 's12' are both #12355B (A11Y007); highlight "
                           "the series the slide is about")  # fmt: skip
