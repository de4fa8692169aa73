"""Frames: a near-full one-line title keeps room to wrap in a wider substitute font."""

from __future__ import annotations

from deckgen.layout.slide import NEAR_FULL, content_frame
from deckgen.layout.text import SLIDE
from tests.helpers import load_theme


def test_a_near_full_one_line_title_keeps_room_for_a_second_line():
    theme = load_theme("corporate")
    short = content_frame("China leads", "A subtitle", theme, "16:9")
    title = "Vehicles and parts are the top export of six states"
    near = content_frame(title, "A subtitle", theme, "16:9")
    assert len(short.title.lines) == len(near.title.lines) == 1
    assert near.title.width >= near.title_box.width * NEAR_FULL
    assert SLIDE.width(title, theme.heading.bold, near.title.size) <= near.title_box.width
    line = near.title.height
    assert abs((near.content.top - short.content.top) - line) <= 1  # EMU
    # The title and subtitle boxes stay as measured; only the content moves down.
    assert near.title_box.height == short.title_box.height
    assert near.subtitle_box.top == short.subtitle_box.top
