"""Infographic cards on data written for the tests: the Sources block holds every
section's source line (a section's own and its stats' own, and the card's), each once, in
the order the sections show them, and a line too long to fit stops the build naming where
it is written, never cut silently; a chart that leaves categories out says so in the alt
text, as under the chart and as a chart card's alt text does ('The 10 largest of 15
regions' was printed under the chart and the alt text listed the 10 alone: review)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from deckgen.errors import FitError
from deckgen.plan.cards import plan_cards
from deckgen.tables.sources import load_tables
from tests.helpers import load_outline, load_theme, write_project

if TYPE_CHECKING:
    from pathlib import Path

OUTLINE = """\
deck: {{title: Depots, theme: corporate}}
slides:
  - kind: title
    title: Depots
social:
  cards:
    - kind: infographic
      name: depots
      title: Parcels by depot
      source: "Source: Depot ledger"
      sections:
        - kind: stats
          title: Two depots
          source: {first}
          items: [{{value: "1,000", label: North}}, {{value: "963", label: South}}]
        - kind: stats
          items:
            - {{value: "926", label: East, source: "{item}"}}
            - {{value: "889", label: West, source: Gate counts}}
        - {{kind: stat, value: "852", label: parcels at the port, source: "Gate counts"}}
"""


#: Twenty made-up depots: more rows than a long infographic's chart draws (twelve).
DEPOTS_CSV = "depot,parcels\n" + "".join(f"Depot {i:02},{1000 - 37 * i}\n" for i in range(20))

CHART_OUTLINE = """\
deck: {title: Depots, theme: corporate}
data:
  depots: {file: depots.csv}
slides:
  - kind: title
    title: Depots
social:
  cards:
    - kind: infographic
      name: depots
      title: Parcels by depot
      sections:
        - kind: chart
          title: Depot 00 handled the most parcels
          chart: {type: hbar, data: depots, x: depot, y: parcels, sort: {by: parcels},
                  format: "plain:0", highlight: Depot 00}
        - {kind: text, text: Counted at the gate.}
"""


def _planned(tmp_path: Path, outline: str, files: dict[str, str]):
    loaded = load_outline(write_project(tmp_path, outline, files))
    (card,) = plan_cards(loaded, load_tables(loaded), load_theme("corporate"))
    return card


def _card(tmp_path: Path, first: str = "Gate counts", item: str = "Weighbridge"):
    return _planned(tmp_path, OUTLINE.format(first=first, item=item), {})


def test_every_sections_source_is_listed_once(tmp_path: Path) -> None:
    printed = [" ".join(b.lines) for b in _card(tmp_path).job.blocks]
    start = printed.index("Sources")
    assert printed[start + 1 :] == ["Gate counts", "Weighbridge", "Depot ledger"]


@pytest.mark.parametrize(
    ("where", "field"),
    [("first", "social.cards[0].sections[0].source"), ("item", "social.cards[0].sections[1]")],
)
def test_a_source_line_too_long_names_where_it_is_written(
    tmp_path: Path, where: str, field: str
) -> None:
    """It was named as the card's own 'source', which the outline did not have."""
    long = "Depot ledger, " + "parcels counted at the gate by hand, " * 30
    with pytest.raises(FitError) as raised:
        _card(tmp_path, **{where: long.strip()})
    (problem,) = raised.value.problems
    assert problem.location is not None and problem.location.field == field
    assert "source line" in problem.message


def test_the_alt_text_says_what_the_chart_leaves_out(tmp_path: Path) -> None:
    card = _planned(tmp_path, CHART_OUTLINE, {"depots.csv": DEPOTS_CSV})
    drawn = len(card.job.charts[0].job.data.categories)
    assert drawn < 20
    said = f"The {drawn} largest of 20 depots."
    printed = [" ".join(b.lines) for b in card.job.blocks]
    assert said.rstrip(".") in printed  # under the chart
    alt = card.job.alt()
    assert said in alt
    # After the chart's rows, before the next section.
    assert alt.index(said) > alt.index("Depot 00") and alt.index(said) < alt.index("Counted")


#: Made-up freight by mode: one large slice and small ones gathered near its top, whose
#: labels stack on one side of the ring.
MODES_CSV = (
    "mode,tonnes\nRoad,610\nRail,170\nPipeline,120\nInland waterway,50\nAir cargo,30\n"
    "Coastal shipping,20\n"
)

DONUT_OUTLINE = """\
deck: {title: Freight, theme: corporate}
data:
  modes: {file: modes.csv}
slides:
  - kind: title
    title: Freight
social:
  cards:
    - kind: infographic
      name: freight
      title: Freight by mode
      sections:
        - kind: chart
          title: Road carries most of the freight
          chart: {type: donut, data: modes, x: mode, y: tonnes, format: "plain:0",
                  highlight: Road}
        - {kind: text, text: Tonnes carried in one made-up year.}
"""


def test_a_chart_section_ends_under_what_its_chart_draws(tmp_path: Path) -> None:
    """A ring held by its labels' width was drawn in the middle of the section's default
    500 px and left about 200 px empty under it before the next section (found in
    review). The section ends under the lowest thing the chart draws: the next rule is
    the sections' gap under it, as under any other block."""
    import numpy as np

    card = _planned(tmp_path, DONUT_OUTLINE, {"modes.csv": MODES_CSV})
    job = card.job
    (chart,) = job.charts
    pixels = np.asarray(job.draw().convert("RGB"), dtype=int)
    safe = job.frame.safe
    rule = next(r.box.top.px for r in job.rules if r.box.top > chart.box.top)
    band = pixels[chart.box.top.px : rule, safe.left.px : safe.right.px]
    inked = np.flatnonzero((np.abs(band - pixels[rule - 1, safe.left.px]).sum(axis=2) > 30)
                           .any(axis=1))  # fmt: skip
    empty = rule - (chart.box.top.px + inked[-1])
    gap = 64  # the sections' rule's gap (_Flow.divider), at 1080 wide
    assert empty <= gap + 16, empty
    # Cut under the lowest thing it draws: the picture's rows under the box are empty.
    picture = chart.job.pixels()[chart.box.height.px :, :, :3].astype(int)
    assert len(picture) > 100  # a hundred rows and more were left empty
    assert (np.abs(picture - picture[-1, 0]).sum(axis=2) <= 30).all()
    assert chart.job.spec.card_shown(chart.job) == 6  # every slice named, as before
