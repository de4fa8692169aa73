"""A stat card's label grows to fill a tall card no larger than its title: on ig-tall and
story it grew to 1.6 times, far larger than the bold title, and wrapped with a lone middle
word ('in competitive / research / grants in 2026', found in review)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from deckgen.plan.cards import plan_cards
from deckgen.tables.sources import load_tables
from tests.helpers import load_outline, load_theme, write_project

if TYPE_CHECKING:
    from pathlib import Path

CARD = """\
deck: {title: Grants, theme: corporate}
slides:
  - kind: title
    title: Grants
social:
  cards:
    - kind: stat
      name: grants
      presets: [ig-square, ig-portrait, ig-tall, story]
      title: Grant income hit a record
      value: "EUR 4.56bn"
      label: in competitive science grants in 2027
      source: Grants office
"""


@pytest.mark.parametrize("theme", ["corporate", "dark"])
def test_the_label_is_never_larger_than_the_title(tmp_path: Path, theme: str) -> None:
    loaded = load_outline(write_project(tmp_path, CARD))
    for card in plan_cards(loaded, load_tables(loaded), load_theme(theme)):
        job = card.job
        assert job.label.size <= job.title.size, card.file
        # No line of one word between two longer ones.
        lines = job.label.lines
        assert all(len(line.split()) > 1 for line in lines[1:-1]), (card.file, lines)
