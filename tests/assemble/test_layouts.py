"""Frames: a near-full one-line title keeps room to wrap in a wider substitute font."""

from __future__ import annotations

from deckgen.assemble.layouts import NEAR_FULL, content_frame
from deckgen.theming.load import load_theme
from deckgen.theming.text import text_width


def test_a_near_full_one_line_title_keeps_room_for_a_second_line():
    theme = load_theme("corporate")
    short = content_frame("China leads", "A subtitle", theme, "16:9")
    title = "Vehicles and parts are the top export of six states"
    near = content_frame(title, "A subtitle", theme, "16:9")
    assert len(short.title.lines) == len(near.title.lines) == 1
    assert near.title.width >= near.title_box.width * 72 * NEAR_FULL
    assert text_width(title, theme.heading.bold, near.title.size) <= near.title_box.width * 72
    line = near.title.height / 72
    assert abs((near.content.top - short.content.top) - line) < 1e-9
    # The title and subtitle boxes stay as measured; only the content moves down.
    assert near.title_box.height == short.title_box.height
    assert near.subtitle_box.top == short.subtitle_box.top
