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


#: A title squeezed to make room for a large '1', and a label that fits beside it in three
#: lines at the title's size; and one that needs more than four lines beside its value at
#: that size (the old code set it there at the body floor, 35 px beside a 217 px number);
#: and one under a three-line title, with no room to go under its value.
TITLED = """
- kind: stat
  name: one-room
  presets: [x-post, linkedin, og]
  title: We opened one depot
  value: "1"
  label: new depot in a harbour town of 9,000 people, the smallest we serve by a long way
  source: Annual report 2026
- kind: stat
  name: one-wing
  presets: [x-post, linkedin, og]
  title: Our new wing is open
  value: "1,240"
  label: new beds for older patients from the three valley towns, the first in the region since 1998
  source: Annual report 2026
- kind: stat
  name: plants
  presets: [linkedin, og]
  title: Automakers opened new plants across the South of the country in the last decade
  value: "12"
  label: >-
    new assembly plants in Alabama, Georgia, Tennessee and both Carolinas since 2014, more
    than any other region
  source: Annual report 2026
"""
THEMES = ["corporate", "dark", "contrast", "corporate-template"]


def _titled(project: Callable, theme: str, name: str) -> list:
    from tests.helpers import load_theme

    loaded, tables, _ = project(social_outline(TITLED))
    cards = [c for c in plan_cards(loaded, tables, load_theme(theme)) if c.name == name]
    assert cards
    return cards


@pytest.mark.parametrize("theme", THEMES)
def test_a_label_beside_the_value_is_never_larger_than_the_title(
    project: Callable, theme: str
) -> None:
    """Beside the value the label was set at its preferred size while the title above it was
    squeezed: 'We opened one office' at 44 px units over four label lines at 56 (found by
    fuzzing). It takes the title's size at most."""
    for card in _titled(project, theme, "one-room"):
        job = card.job
        assert job.label.box.left > job.value.box.right, card.file  # still beside it
        assert job.label.size <= job.title.size, (card.file, job.label.size, job.title.size)
        assert len(job.label.lines) <= 4, card.file


@pytest.mark.parametrize("theme", THEMES)
def test_a_label_too_long_beside_the_value_at_the_titles_size_goes_under_it(
    project: Callable, theme: str
) -> None:
    """... and one that needs more lines than fit beside the value at the title's size is
    stacked under the value, not shrunk to the body floor beside it."""
    for card in _titled(project, theme, "one-wing"):
        job = card.job
        assert job.label.box.top >= job.value.box.bottom, card.file  # under it
        assert job.label.size <= job.title.size, card.file


@pytest.mark.parametrize("theme", THEMES)
def test_a_label_with_no_room_under_the_value_is_set_smaller_beside_it(
    project: Callable, theme: str
) -> None:
    """... unless under the value there is no room for it (a three-line title on og and
    linkedin): then it is set smaller than the title beside the value, not refused."""
    for card in _titled(project, theme, "plants"):
        job = card.job
        assert job.label.box.left > job.value.box.right, card.file
        assert job.label.size < job.title.size, card.file
