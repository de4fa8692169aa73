"""Text that cannot fit fails the build cleanly: a FitError naming the outline file, line
and field, the card, the preset and the text, and no image is written."""

from __future__ import annotations

import re

import pytest

from deckgen.errors import FitError
from tests.helpers import build_cards
from tests.kinds.cards.conftest import social_outline

LONG_LABEL = " ".join(["vehicles built in China in 2023, up from 5.2 million in 2004"] * 4)


def _cards(label: str = "vehicles built in China in 2023") -> str:
    return f"""
- kind: stat
  name: fine
  presets: [ig-square]
  value: 30.2M
  label: vehicles built in China
- kind: stat
  name: too-long
  presets: [ig-square, story]
  value: 30.2M
  label: {label}
"""


def test_a_too_long_label_fails_with_its_location_card_and_text(project, tmp_path):
    loaded, tables, theme = project(social_outline(_cards(LONG_LABEL)))
    out = tmp_path / "out"
    with pytest.raises(FitError) as info:
        build_cards(loaded, tables, theme, out)
    message = str(info.value)
    line = next(
        i for i, text in enumerate(loaded.path.read_text().splitlines(), 1) if LONG_LABEL in text
    )
    assert f"deck.yaml:{line}: social.cards[1].label: the label of card 'too-long'" in message
    assert "(stat, ig-square 1080×1080)" in message
    assert "even at 40 px" in message
    assert "vehicles built in China in 2023, up from" in message
    assert "hint:" in message
    # Both presets are reported at once, and nothing was written.
    assert "story 1080×1920" in message
    assert not out.exists()


def test_a_title_that_leaves_no_room_names_the_title(project, tmp_path):
    title = "China now builds nearly a third of the world's vehicles " * 4
    cards = f"""
- kind: chart
  presets: [ig-square]
  title: {title}
  chart: {{type: bar, data: production, x: country, y: production_2023}}
"""
    loaded, tables, theme = project(social_outline(cards))
    with pytest.raises(FitError, match=r"social\.cards\[0\]\.title: the title of card"):
        build_cards(loaded, tables, theme, tmp_path / "out")


def test_a_value_too_wide_for_180_px_fails(project, tmp_path):
    cards = """
- kind: stat
  presets: [ig-square]
  value: $143,200,000,000.00
  label: exports
"""
    loaded, tables, theme = project(social_outline(cards))
    with pytest.raises(FitError) as info:
        build_cards(loaded, tables, theme, tmp_path / "out")
    assert re.search(r"social\.cards\[0\]\.value: the value of card .* 180 px", str(info.value))


def test_too_many_list_items_name_the_longest(project, tmp_path):
    items = [f"Item {k} with a rather long description that keeps going on" for k in range(6)]
    cards = f"""
- kind: list
  presets: [linkedin]
  title: Six long items
  items: {items}
"""
    loaded, tables, theme = project(social_outline(cards))
    with pytest.raises(FitError, match=r"social\.cards\[0\]\.items\[\d\]: the items of card"):
        build_cards(loaded, tables, theme, tmp_path / "out")


def test_a_shared_slide_that_does_not_fit_points_at_the_slide(project, tmp_path):
    slides = f"""\
  - kind: stats
    title: China builds three in ten of the world's vehicles
    share: [og]
    items:
      - {{value: 30.2M, label: "{LONG_LABEL}"}}
"""
    loaded, tables, theme = project(social_outline("[]", slides=slides))
    with pytest.raises(FitError, match=r"slides\[0\]\.items\[0\]\.label: the label of card"):
        build_cards(loaded, tables, theme, tmp_path / "out")


def test_squeezing_keeps_text_above_its_minimum(project, tmp_path):
    """A card that only fits with smaller text gets smaller text, never below the minimum."""
    label = "vehicles were built in China in 2023, up from 5.2 million in 2004, a sixfold rise"
    loaded, tables, theme = project(social_outline(_cards(label)))
    results = build_cards(loaded, tables, theme, tmp_path / "out")
    assert [r.size for r in results] == [(1080, 1080), (1080, 1080), (1080, 1920)]
