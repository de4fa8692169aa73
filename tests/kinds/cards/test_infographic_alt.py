"""An infographic's chart that leaves categories out says so in the alt text, as under the
chart and as a chart card's alt text does: 'The 10 largest of 15 regions' was printed
under the chart and the alt text listed the 10 alone (found in review)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from deckgen.plan.cards import plan_cards
from deckgen.tables.sources import load_tables
from tests.helpers import load_outline, load_theme, write_project

if TYPE_CHECKING:
    from pathlib import Path

#: Twenty made-up depots: more rows than a long infographic's chart draws (twelve).
DEPOTS_CSV = "depot,parcels\n" + "".join(f"Depot {i:02},{1000 - 37 * i}\n" for i in range(20))

OUTLINE = """\
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


def test_the_alt_text_says_what_the_chart_leaves_out(tmp_path: Path) -> None:
    loaded = load_outline(write_project(tmp_path, OUTLINE, {"depots.csv": DEPOTS_CSV}))
    (card,) = plan_cards(loaded, load_tables(loaded), load_theme("corporate"))
    drawn = len(card.job.charts[0].job.data.categories)
    assert drawn < 20
    said = f"The {drawn} largest of 20 depots."
    printed = [" ".join(b.lines) for b in card.job.blocks]
    assert said.rstrip(".") in printed  # under the chart
    alt = card.job.alt()
    assert said in alt
    # After the chart's rows, before the next section.
    assert alt.index(said) > alt.index("Depot 00") and alt.index(said) < alt.index("Counted")
