"""The chart card's choice of layout on landscape presets: the finding beside the chart
(a 40% or 45% column, or a 30% one for a chart that shows more with it) or over it, kept
by what the chart then shows (ChartKind.card_shown), not by what it was given."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

import pytest

from deckgen.kinds.cards.chart import NARROW_SHARE, SIDE_SHARES
from deckgen.plan.cards import plan_cards
from deckgen.tables.sources import load_tables
from tests.helpers import load_outline, load_theme, write_project
from tests.kinds.charts.test_map import SHARES_CSV
from tests.kinds.charts.test_waterfall import BRIDGE_CSV, CARDS, EXPORTS_CSV

if TYPE_CHECKING:
    from pathlib import Path


def _cards(root: Path, outline: str, files: dict[str, str], theme: str = "corporate") -> dict:
    loaded = load_outline(write_project(root, outline, files))
    planned = plan_cards(loaded, load_tables(loaded), load_theme(theme))
    return {(c.name, c.preset.name): c for c in planned}


def _column(card) -> float:
    """The title column's share of the safe width, from where the chart starts."""
    safe_left = card.job.title.box.left.px
    chart = card.job.chart.box
    return (chart.left.px - safe_left) / (chart.right.px - safe_left)


def test_the_narrow_title_column_only_for_a_chart_that_shows_more(tmp_path: Path) -> None:
    """Both waterfalls show every bar on an x-post; the one whose long region names need
    the width gets the narrow title column, the other keeps its finding large."""
    cards = _cards(tmp_path, textwrap.dedent(CARDS),
                   {"bridge.csv": BRIDGE_CSV, "exports.csv": EXPORTS_CSV})  # fmt: skip
    bridge = cards["operating-profit-fell", "x-post"]
    exports = cards["north-america-drove-three-quarters", "x-post"]
    for card in (bridge, exports):
        job = card.job.chart.job
        assert job.spec.card_shown(job) == len(job.data.categories), card.file
    assert _column(bridge) > SIDE_SHARES[0]  # 40% and the gap
    assert NARROW_SHARE < _column(exports) < SIDE_SHARES[0]
    assert bridge.job.title.size > exports.job.title.size


MAP_CARD = """\
deck: {{title: Maps}}
data:
  shares: {{file: shares.csv}}
slides:
  - kind: title
    title: Maps
social:
  cards:
    - kind: chart
      name: shares
      presets: [x-post]
      title: "{title}"
      source: Test data
      chart: {{type: map, style: choropleth, data: shares, region: state, y: share,
               format: "percent:0", classes: [15, 20, 30], highlight: AL}}
"""


@pytest.mark.parametrize("theme", ["corporate", "contrast"])
def test_a_map_card_keeps_the_layout_with_the_larger_map(tmp_path: Path, theme: str) -> None:
    """A card counts the states drawn large enough to see. Beside a 40% title column an
    x-post's map once showed 20 of them (its legend took a column of the chart box); with
    its classes as one stepped bar over it, it shows 36, as many as beside a narrower
    column, so the finding keeps its column and its size, whatever its length."""
    for name, title in (
        ("short", "Vehicles and parts are 45% of Alabama's exports"),
        ("long", "Vehicles and parts are among the top three exports of 11 states and "
                 "Washington, D.C."),
    ):  # fmt: skip
        card = _cards(tmp_path / name, MAP_CARD.format(title=title), {"shares.csv": SHARES_CSV},
                      theme)["shares", "x-post"]  # fmt: skip
        job = card.job.chart.job
        assert _column(card) > SIDE_SHARES[0], name
        assert job.spec.card_shown(job) >= 30, name
