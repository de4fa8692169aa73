"""Size presets: exact pixel sizes, safe areas, custom sizes and helpful errors."""

from __future__ import annotations

import pytest

from deckgen.errors import DeckgenError
from deckgen.outline.presets import PRESETS, parse_preset, preset_table

SIZES = {
    "ig-square": (1080, 1080),
    "ig-portrait": (1080, 1350),
    "ig-tall": (1080, 1440),
    "story": (1080, 1920),
    "x-post": (1600, 900),
    "linkedin": (1200, 627),
    "og": (1200, 630),
}


def test_every_preset_has_the_issue_size():
    for name, size in SIZES.items():
        preset = PRESETS[name]
        assert (preset.width, preset.height) == size
    assert PRESETS["long"].width == 1080 and PRESETS["long"].height is None


def test_feed_posts_keep_a_60_px_margin_scaled_with_the_width():
    for name in ("ig-square", "ig-portrait", "ig-tall"):
        s = PRESETS[name].safe
        assert (s.left, s.top, s.right, s.bottom) == (60, 60, 60, 60)
    assert PRESETS["x-post"].safe.left == 89  # 60 px at 1080 wide, on a 1600 px image
    assert PRESETS["og"].safe.top == 67


def test_a_story_keeps_250_px_clear_at_top_and_bottom():
    s = PRESETS["story"].safe
    assert (s.top, s.bottom) == (250, 250)
    assert PRESETS["story"].safe_size() == (960, 1420)


def test_custom_sizes():
    square = parse_preset("1200x1200")
    assert (square.name, square.width, square.height) == ("1200x1200", 1200, 1200)
    assert square.safe.left == 67
    tall = parse_preset("720X1280")  # 9:16 keeps story bands, scaled
    assert (tall.width, tall.height, tall.safe.top) == (720, 1280, 167)
    long = parse_preset("1200xauto")
    assert long.height is None and long.name == "1200xauto"


@pytest.mark.parametrize("name", ["100x100", "5000x1000", "big", "1080x"])
def test_bad_sizes_are_refused(name):
    with pytest.raises(DeckgenError):
        parse_preset(name)


def test_an_unknown_name_lists_the_presets_with_a_suggestion():
    with pytest.raises(DeckgenError) as info:
        parse_preset("ig-sqaure")
    message = str(info.value)
    assert "unknown preset 'ig-sqaure'" in message
    assert "did you mean 'ig-square'?" in message
    for name in PRESETS:
        assert name in message


def test_an_unknown_preset_in_an_outline_is_said_once_with_a_fix(tmp_path):
    """It read "unknown preset 'insta'; found 'insta'", and the check's fix line said only
    "fix the outline field" (found by fuzzing)."""
    from deckgen.errors import OutlineError
    from tests.helpers import parse_outline

    text = "deck: {title: T}\nslides:\n  - {kind: statement, text: Hi, share: [insta]}\n"
    with pytest.raises(OutlineError) as info:
        parse_outline(text, tmp_path / "x.yaml")
    [problem] = info.value.problems
    assert problem.message == "unknown preset 'insta'"
    assert problem.hint is not None and problem.hint.startswith("use a preset (ig-square, ")


def test_the_table_for_deckgen_presets_lists_every_preset():
    rows = preset_table()
    assert [r[0] for r in rows] == list(PRESETS)
    assert rows[3][:2] == ("story", "1080×1920")
    assert "250 px" in rows[3][2]
