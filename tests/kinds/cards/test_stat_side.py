"""A stat card's label beside its value on a wide card sits a gap after the value's ink,
at its preferred size: after a short value ('7') it started at a fixed column 374 to 521 px
away, floating mid-card at the body floor on og, and wrapped 'new / offices' at 1.6 times
on x-post (found by fuzzing)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from deckgen.plan.cards import plan_cards
from tests.kinds.cards.conftest import social_outline

if TYPE_CHECKING:
    from collections.abc import Callable

CARDS = """
- kind: stat
  name: seven
  presets: [x-post, linkedin, og]
  value: "7"
  label: new offices
  source: Annual report 2026
"""


@pytest.mark.parametrize("theme", ["corporate", "dark", "contrast", "corporate-template"])
def test_a_short_values_label_sits_beside_it(project: Callable, theme: str) -> None:
    from tests.helpers import load_theme

    loaded, tables, _ = project(social_outline(CARDS))
    for card in plan_cards(loaded, tables, load_theme(theme)):
        job, unit = card.job, card.preset.width / 1080
        value, label = job.value, job.label
        assert label.box.left > value.box.right, card.file  # beside it, not under it
        assert (label.box.left - value.box.right).px <= round(80 * unit), card.file
        assert label.lines == ("new offices",), card.file
        # At its preferred size (64 px at 1080 wide), not the body floor, nor grown past it.
        assert round(60 * unit) <= label.size.px <= round(64 * unit), card.file
