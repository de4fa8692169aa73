"""Fixtures for the social-card tests: small projects written to a temp folder."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

import pytest
import yaml

from deckgen.tables.sources import load_tables
from tests.helpers import HEADER, load_outline, load_theme, write_project

if TYPE_CHECKING:
    from pathlib import Path

    from deckgen.outline.load import LoadedOutline
    from deckgen.theming.load import LoadedTheme

#: The fixed-size presets, all of them.
FIXED = ["ig-square", "ig-portrait", "ig-tall", "story", "x-post", "linkedin", "og"]

#: One slide, so the outline is valid; cards are appended under ``social:``.
SLIDES = """\
  - kind: stats
    title: China builds three in ten of the world's vehicles
    items:
      - {value: 30.2M, label: vehicles built in China in 2023, accent: true}
    source: G20 production table
"""


def social_outline(cards: str, *, slides: str = SLIDES, section: str = "") -> str:
    """An outline with ``slides`` and a ``social:`` section holding ``cards`` (YAML list
    items, dedented) plus any ``section`` fields."""
    body = textwrap.indent(textwrap.dedent(cards).strip("\n"), "    ")
    extra = textwrap.indent(textwrap.dedent(section).strip("\n"), "  ")
    return (
        HEADER + slides + "social:\n" + (extra + "\n" if extra else "") + "  cards:\n" + body + "\n"
    )


#: A stat, a quote and a list card in every fixed preset; a chart card in three and a long
#: infographic: the cards the layout, band and phone tests measure.
CARDS = f"""
- kind: stat
  name: stat
  presets: {FIXED}
  title: China builds three in ten vehicles
  qualifier: Nearly
  value: 30.2M
  label: vehicles were built in China in 2023, up from 5.2 million in 2004
  source: G20 Countries Vehicle Production table
- kind: quote
  name: quote
  presets: {FIXED}
  title: On competition
  text: Focusing on stymying China's growth will not impede China's progress in the long run.
  attribution: ITIF
  source: ITIF, quoted on the Global Impact page
- kind: list
  name: list
  presets: {FIXED}
  numbered: true
  title: Where the vehicles are built
  items: [China, The United States, Japan, India]
  source: G20 Countries Vehicle Production table
"""

CHART = """
- kind: chart
  name: chart
  presets: [ig-square, x-post, story]
  title: China builds more vehicles than the next two producers together
  subtitle: Vehicle production, 2023
  source: G20 production table
  chart: {type: bar, data: production, x: country, y: production_2023,
          sort: {by: production_2023}, format: "compact:1", highlight: China}
- kind: infographic
  name: long
  title: Where the world's vehicles are built
  subtitle: Vehicle production, 2004 and 2023
  source: G20 production table
  sections:
    - {kind: stat, value: 30.2M, label: vehicles built in China in 2023}
    - kind: stats
      title: The next three
      items:
        - {value: 10.6M, label: USA}
        - {value: 9.0M, label: Japan}
        - {value: 5.9M, label: India, accent: true}
    - kind: chart
      title: China overtook everyone
      chart: {type: hbar, data: production, x: country, y: production_2023,
              sort: {by: production_2023}, format: "compact:1", highlight: China}
    - {kind: text, title: About the data, text: Production counts cars and commercial vehicles.}
"""


@pytest.fixture(scope="session")
def corporate() -> LoadedTheme:
    return load_theme("corporate")


@pytest.fixture
def project(tmp_path: Path, corporate: LoadedTheme):
    """``project(outline_text)`` -> (loaded outline, tables, theme) for a temp project."""

    def make(text: str) -> tuple[LoadedOutline, dict, LoadedTheme]:
        path = write_project(tmp_path / "project", text)
        loaded = load_outline(path)
        return loaded, load_tables(loaded), corporate

    return make


@pytest.fixture(scope="session")
def sample_cards():
    """``sample_cards(theme)`` -> every card of the sample outline planned in ``theme``."""
    from deckgen.plan.cards import plan_cards
    from tests.helpers import SAMPLE, load_bound

    loaded, tables = load_bound(SAMPLE)
    made: dict[str, list] = {}

    def cards(theme: str = "corporate") -> list:
        if theme not in made:
            made[theme] = plan_cards(loaded, tables, load_theme(theme))
        return made[theme]

    return cards


#: How many cards :data:`CARDS` and :data:`CHART` plan: one in each preset a card names (a
#: card that names none, the infographic, is one). The tests that measure every planned
#: card check they were given all of them, so a card kind added to :data:`CARDS` counts.
PLANNED = sum(len(card.get("presets") or [None]) for card in yaml.safe_load(CARDS + CHART))


@pytest.fixture(scope="session")
def planned(tmp_path_factory: pytest.TempPathFactory, corporate: LoadedTheme) -> list:
    """:data:`CARDS` and :data:`CHART` laid out, in corporate (planning is pure: shared)."""
    from deckgen.plan.cards import plan_cards

    path = write_project(tmp_path_factory.mktemp("p"), social_outline(CARDS + CHART))
    loaded = load_outline(path)
    return plan_cards(loaded, load_tables(loaded), corporate)
