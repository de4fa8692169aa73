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


def test_a_hint_names_only_presets_taller_than_the_card(project):
    """A story card, the tallest, was told to 'choose a taller preset' (found in review):
    a text with too little height names the presets that are taller, and none where there
    is none."""
    from deckgen.kinds.cards._base import CardLayout
    from deckgen.layout.units import Px
    from deckgen.outline.presets import PRESETS
    from deckgen.plan.cards import card_context, card_requests

    loaded, tables, theme = project(social_outline(_cards()))
    ctx = card_context(loaded, tables, theme)
    req = card_requests(loaded)[0]
    hints = {}
    for name in ("ig-square", "story"):
        preset = PRESETS[name]
        lay = CardLayout(ctx, req, preset, preset.height or 0)
        with pytest.raises(FitError) as info:
            lay.fit("vehicles built in China in 2023", theme.body.regular, ("label",), "the label",
                    max_width=Px(300), max_height=Px(60), largest=40, smallest=40)  # fmt: skip
        [problem] = info.value.problems
        hints[name] = problem.hint
    assert hints["ig-square"] == (
        "shorten it or the other text on the card, or choose a taller preset "
        "(ig-portrait, ig-tall or story)"
    )
    assert hints["story"] == "shorten it or the other text on the card"


def test_fixes_end_on_the_taller_presets_where_there_are_any():
    from deckgen.kinds.cards._base import fixes
    from deckgen.outline.presets import PRESETS, parse_preset

    assert fixes(PRESETS["ig-tall"], "shorten the items", "use fewer") == (
        "shorten the items, use fewer, or choose a taller preset (story)"
    )
    assert fixes(PRESETS["story"], "shorten the items", "use fewer") == (
        "shorten the items, or use fewer"
    )
    assert fixes(PRESETS["story"], "shorten it") == "shorten it"
    assert fixes(PRESETS["long"], "shorten it") == "shorten it"  # it grows to its content
    assert fixes(parse_preset("1080x3000"), "shorten it") == "shorten it"


def test_fixes_name_no_preset_only_a_few_pixels_taller():
    """A linkedin card (627 px) whose title left its chart no room was told to choose og
    (630 px), which refused the same title in the same build. ig-tall, 7% taller than
    ig-portrait, is still named."""
    from deckgen.kinds.cards._base import fixes
    from deckgen.outline.presets import PRESETS

    linkedin = fixes(PRESETS["linkedin"], "shorten the title")
    assert "og" not in linkedin.split("taller preset (", 1)[1]
    assert "x-post" in linkedin
    assert fixes(PRESETS["ig-portrait"], "shorten it").endswith("(ig-tall or story)")


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


@pytest.mark.parametrize("preset", ["ig-square", "story"])
def test_a_value_wider_than_the_card_is_not_sent_to_a_taller_preset(project, tmp_path, preset):
    """'+126.79 percent year over year' is wider than any card at 180 px, so no taller
    preset helps, and a story card, the tallest, was told to choose one (found in review)."""
    cards = f"""
- kind: stat
  presets: [{preset}]
  title: Online bookings more than doubled in 2025
  value: +126.79 percent year over year
  label: growth from Q1 to Q4
"""
    loaded, tables, theme = project(social_outline(cards))
    with pytest.raises(FitError) as info:
        build_cards(loaded, tables, theme, tmp_path / "out")
    [problem] = info.value.problems
    assert "is wider than the card even at 180 px, its smallest size" in problem.message
    assert problem.hint == (
        "shorten the value ('$143.2B', not '$143,200,000,000'); words about the number go "
        "in the label"
    )


def test_a_list_too_long_names_a_taller_preset_only_where_one_helps(project, tmp_path):
    """Items too many for a square's height may fit a taller preset; an item longer than
    its three lines fits none (a story is as wide as a square), and a story card, the
    tallest, was told to choose a taller preset (found in review)."""
    many = [" ".join(["Faster design and validation of new vehicles"] * 3)] * 6
    long = ["Short", " ".join(["A rather long description that keeps going"] * 8)]
    cards = f"""
- kind: list
  presets: [ig-square]
  title: Six items
  items: {many}
- kind: list
  presets: [story]
  title: Two items
  items: {long}
"""
    loaded, tables, theme = project(social_outline(cards))
    with pytest.raises(FitError) as info:
        build_cards(loaded, tables, theme, tmp_path / "out")
    square, story = info.value.problems
    assert square.hint == (
        "shorten the items (a few words each), use fewer, or choose a taller preset "
        "(ig-portrait, ig-tall or story)"
    )
    assert story.location.field == "social.cards[1].items[1]"
    assert "an item takes three lines at most" in story.message
    assert story.hint == "shorten the items (a few words each)"


def test_a_list_too_long_for_linkedin_names_only_presets_it_fits(project, tmp_path):
    """A linkedin list a quarter too tall was told to choose x-post, 273 px taller but
    wider too, which refused the same items in the same build (found in review): the
    presets named are those with the room the items need, in design px, and the card fits
    each of them."""
    items = ["Donate tinned food at your supermarket's collection point",
             "Give an hour a week as a volunteer driver", "Set up a monthly gift",
             "Ask your employer to match your donation", "Share this post"]  # fmt: skip
    card = f"""
- kind: list
  name: help
  presets: [{{preset}}]
  numbered: true
  title: Five ways you can help this winter
  items: {items}
"""
    loaded, tables, theme = project(social_outline(card.format(preset="linkedin")))
    with pytest.raises(FitError) as info:
        build_cards(loaded, tables, theme, tmp_path / "linkedin")
    (problem,) = info.value.problems
    named = re.search(r"choose a taller preset \((.*)\)", problem.hint or "")
    assert named is not None
    presets = re.split(r", | or ", named.group(1))
    assert "x-post" not in presets
    for preset in presets:
        loaded, tables, theme = project(social_outline(card.format(preset=preset)))
        build_cards(loaded, tables, theme, tmp_path / preset)  # fits: no FitError
