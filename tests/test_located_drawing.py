"""A chart that has no room for its plot, found only while it is drawn (a worker's, or a
check rule's drawing), is said where the outline writes it: the build and the check named
the chart by its title alone, no file, line or field (found by fuzzing: a theme's 72 pt
text floor)."""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

import pytest

from deckgen.check.run import run as check
from deckgen.errors import DeckgenError
from deckgen.pipeline import BuildOptions, build
from tests.helpers import REPO

if TYPE_CHECKING:
    from pathlib import Path

OUTLINE = """\
deck:
  title: Vehicle production
  theme: big
data:
  p:
    file: production.csv
slides:
  - kind: title
  - kind: chart
    title: China builds the most vehicles
    source: OICA
    chart:
      type: grouped-bar
      data: p
      x: country
      y: [production_2004, production_2023]
"""

CSV = """\
country,production_2004,production_2023
China,5234496,30160966
USA,11989387,10611555
Japan,10511518,8997440
India,1511157,5851507
"""


def _project(root: Path) -> Path:
    root.mkdir()
    theme = root / "themes" / "big"
    shutil.copytree(REPO / "themes" / "corporate", theme)
    text = (theme / "theme.yaml").read_text()
    assert "\nsizes:" not in text
    # The chart's names and values at 72 pt take its whole picture. (Not every text: a
    # footer that large is refused first, taller than its band.)
    (theme / "theme.yaml").write_text(text + "sizes: {chart_label: 72}\n")
    (root / "production.csv").write_text(CSV)
    (root / "deck.yaml").write_text(OUTLINE)
    return root / "deck.yaml"


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_build_says_where_a_chart_with_no_room_is_written(tmp_path, jobs):
    outline = _project(tmp_path / "p")
    with pytest.raises(DeckgenError) as raised:
        build(outline, BuildOptions(out_dir=tmp_path / "out", workers=jobs))
    [problem] = raised.value.problems
    assert problem.location is not None
    assert (problem.location.line, problem.location.field) == (9, "slides[1]")
    assert problem.message.startswith(
        "the chart under 'China builds the most vehicles' has no room for its "
    )


def test_the_check_says_it_as_a_finding_where_it_is_written(tmp_path):
    outline = _project(tmp_path / "p")
    report = check(outline, BuildOptions(out_dir=tmp_path / "out"), (), ())
    [finding] = [f for f in report.findings if "has no room for its" in f.message]
    assert finding.code == "FIT001" and finding.severity == "error" and finding.slide == 2
    assert finding.location is not None and finding.location.field == "slides[1]"


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_batch_row_says_it_too(tmp_path, jobs):
    from deckgen.batch import batch

    outline = _project(tmp_path / "p")
    options = BuildOptions(out_dir=tmp_path / "out", workers=jobs)
    result = batch(outline, options, for_each="p", key="country", where=("country=Japan",))
    [row] = result.failed
    assert row.error is not None and row.error.startswith(
        f"{outline}:9: slides[1]: the chart under 'China builds the most vehicles' has no room"
    )
