"""A card of the parts of a whole (a ring of shares) names every part or refuses the preset:
on wide, short cards a ring of seven slices named three, the rest dropped with their
leaders left running to the card's edge (found in review)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from deckgen.errors import FitError
from deckgen.plan.cards import plan_cards
from deckgen.tables.sources import load_tables
from tests.helpers import load_outline, load_theme, write_project

if TYPE_CHECKING:
    from pathlib import Path

FUNDING_CSV = """stream,share
Local levy,44.0
Shared business rates (retained),22.0
Central government grants,17.0
"Fees, charges and rents",10.0
Drawn from reserves,3.0
Interest and dividends,2.5
Other income,1.5
"""
CARD = """\
deck: {{title: Funding, theme: {theme}, organisation: Harbourside District Council}}
data:
  funding: {{file: funding.csv}}
slides:
  - kind: title
    title: Funding
social:
  cards:
    - kind: chart
      name: funding
      presets: [{preset}]
      title: The local levy pays for almost half of the district's services
      source: District budget book
      chart: {{type: donut, data: funding, x: stream, y: share, format: "percent:1",
               highlight: Local levy}}
"""


def _plan(root: Path, theme: str, preset: str):
    path = write_project(root, CARD.format(theme=theme, preset=preset),
                         {"funding.csv": FUNDING_CSV})  # fmt: skip
    loaded = load_outline(path)
    return plan_cards(loaded, load_tables(loaded), load_theme(theme))


@pytest.mark.parametrize("theme", ["corporate", "dark", "contrast"])
@pytest.mark.parametrize("preset", ["og", "linkedin"])
def test_a_short_card_with_no_room_to_name_every_part_is_refused(
    tmp_path: Path, theme: str, preset: str
) -> None:
    with pytest.raises(FitError) as caught:
        _plan(tmp_path / "short", theme, preset)
    # (The contrast theme adds a second problem: its sizes, larger than the defaults.)
    problem = caught.value.problems[0]
    message = problem.message
    assert f"{preset} " in message and "of its 7 streams" in message
    assert "'Other income'" in message and "unnamed" in message  # which parts, by name
    assert problem.location is not None and problem.location.field.endswith(".chart")
    assert problem.hint is not None and "taller preset (" in problem.hint
    # The first preset the hint names does name every part.
    taller = problem.hint.split("taller preset (", 1)[1].split(",")[0].split(" ")[0].rstrip(")")
    (card,) = _plan(tmp_path / "tall", theme, taller)
    job = card.job.chart.job
    assert job.spec.card_unnamed(job) == []
    assert job.spec.card_shown(job) == len(job.data.categories) == 7


def test_a_card_with_room_names_every_part(tmp_path: Path) -> None:
    (card,) = _plan(tmp_path, "corporate", "ig-square")
    job = card.job.chart.job
    assert job.spec.card_unnamed(job) == []
    assert card.job.shown is None  # nothing left out to say
