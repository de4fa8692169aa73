"""Presets of nearly one shape get one layout of a chart card: og (1200x630) set a ring
beside a 5-line title column, with 'United / States' broken, a squeeze level before
linkedin (1200x627) set it under a one-line title (found by fuzzing). The narrow title
column is not taken for lack of room at one squeeze level when the other layouts show as
much at a tighter one."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

import pytest

from deckgen.plan.cards import plan_cards
from deckgen.tables.sources import load_tables
from tests.helpers import load_outline, load_theme, write_project

if TYPE_CHECKING:
    from pathlib import Path

ORIGINS_CSV = """\
origin,share_pct
Germany,28.4
Italy,12.1
France,9.7
China,8.3
India,6.9
United States,4.8
Austria,4.2
Spain,3.6
Other countries,22.0
"""

DONUT = """\
deck: {title: Enrolment, organisation: Universität Zürich}
data:
  intl: {file: intl.csv}
slides:
  - kind: title
social:
  cards:
    - kind: chart
      name: intl
      presets: [linkedin, og]
      title: Germany sends the most international students
      source: Student registry
      chart: {type: donut, data: intl, x: origin, y: share_pct, format: "percent:1",
              highlight: Germany}
"""


@pytest.mark.parametrize("theme", ["corporate", "dark", "corporate-template"])
def test_linkedin_and_og_get_one_layout(tmp_path: Path, theme: str) -> None:
    path = write_project(tmp_path, textwrap.dedent(DONUT), {"intl.csv": ORIGINS_CSV})
    loaded = load_outline(path)
    cards = {c.preset.name: c.job for c in plan_cards(loaded, load_tables(loaded),
                                                      load_theme(theme))}  # fmt: skip
    linkedin, og = cards["linkedin"], cards["og"]
    assert linkedin.title.lines == og.title.lines
    # The ring under its one-line finding, every name whole, on both.
    for job in (linkedin, og):
        assert len(job.title.lines) == 1
        assert job.chart.box.top > job.title.box.bottom
        chart = job.chart.job
        assert chart.spec.card_shown(chart) == 9
    assert abs(linkedin.chart.box.width.px - og.chart.box.width.px) <= 2
