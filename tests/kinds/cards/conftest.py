"""Fixtures for the social-card tests: small projects written to a temp folder."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

import pytest

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
