"""The schema's own checks of what an outline writes, in the outline's words."""

from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.errors import OutlineError
from tests.helpers import parse_outline

SLIDE = "  - {kind: chart, title: T, chart: {type: bar, data: d, x: a, y: b}, share: SHARE}\n"
STAT = "    - {kind: stat, value: '3', label: L, presets: PRESETS}\n"
INFOGRAPHIC = (
    "    - {kind: infographic, title: T, presets: PRESETS,"
    " sections: [{kind: text, title: S, text: hi}]}\n"
)


def _outline(slides: str = "  - kind: title\n", cards: str = "", hashtags: str = "[]") -> str:
    cards = cards or STAT.replace("PRESETS", "[ig-square]")
    return (
        "deck: {title: T}\ndata:\n  d: {rows: [{a: x, b: 1}]}\nslides:\n" + slides
        + f"social:\n  hashtags: {hashtags}\n  cards:\n" + cards
    )  # fmt: skip


@pytest.mark.parametrize(
    ("text", "field", "message", "hint"),
    [
        (
            _outline(slides=SLIDE.replace("SHARE", "[[ig-portrait]]")),
            "slides[0].share",
            "expected a list of size names, found a list inside the list: [['ig-portrait']]",
            "write share: [ig-portrait]",
        ),
        (
            _outline(slides=SLIDE.replace("SHARE", "[ig-square, [story, [x]]]")),
            "slides[0].share",
            "expected a list of size names, found a list inside the list: "
            "['ig-square', ['story', ['x']]]",
            "write share: [ig-square, story, x]",
        ),
        (
            _outline(cards=STAT.replace("PRESETS", "[[ig-square]]")),
            "social.cards[0].presets",
            "expected a list of size names, found a list inside the list: [['ig-square']]",
            "write presets: [ig-square]",
        ),
        (
            _outline(cards=INFOGRAPHIC.replace("PRESETS", "[[long]]")),
            "social.cards[0].presets",
            "expected a list of size names, found a list inside the list: [['long']]",
            "write presets: [long]",
        ),
        (
            _outline(hashtags="[[autos]]"),
            "social.hashtags",
            "expected a list of names, found a list inside the list: [['autos']]",
            "write them as one list: [autos]",
        ),
    ],
    ids=["share", "share-deeper", "card-presets", "infographic-presets", "hashtags"],
)
def test_a_list_inside_a_list_of_names_says_so_and_how_to_write_it(text, field, message, hint):
    """Not 'expected text' with the fix 'quote the value', which no quoting mends (found by
    fuzzing)."""
    with pytest.raises(OutlineError) as info:
        parse_outline(text, Path("x.yaml"))
    [problem] = info.value.problems
    assert problem.location is not None and problem.location.field == field
    assert problem.message.endswith(message), problem.message
    assert problem.hint == hint


def test_a_list_of_names_as_written_still_loads():
    text = _outline(slides=SLIDE.replace("SHARE", "[ig-portrait, story]"), hashtags="autos")
    loaded = parse_outline(text, Path("x.yaml"))
    assert loaded.outline.slides[0].share == ["ig-portrait", "story"]
    assert loaded.outline.social.hashtags == ["#autos"]  # a hashtag's mark added
