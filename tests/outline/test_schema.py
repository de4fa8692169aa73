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


def test_build_models_makes_a_held_models_validator_before_its_holders():
    """Each model's schema made once, before the models holding it, which reuse it: made
    on first use instead, a model validated on its own made again all it holds."""
    from deckgen.outline.schema import _MADE, _Model, build_models

    class Inner(_Model):
        n: int = 0

    class Outer(_Model):
        inner: Inner

    try:
        assert _MADE[-2:] == [Inner, Outer]  # in the order the classes were made
        assert not Inner.__pydantic_complete__ and not Outer.__pydantic_complete__
        build_models()
        assert Inner.__pydantic_complete__ and Outer.__pydantic_complete__
        assert Outer.model_validate({"inner": {"n": 2}}).inner == Inner(n=2)
        with pytest.raises(ValueError, match="expected a number; found true"):
            Outer.model_validate({"inner": {"n": True}})  # a switch is not a number, still
    finally:
        del _MADE[-2:]


def test_an_outline_is_validated_after_every_model_is_made(tmp_path):
    """In a process of its own (the tests before have made most models): loading an
    outline leaves no model to be made on first use."""
    import subprocess
    import sys

    from tests.helpers import REPO, SAMPLE

    script = f"""
from pathlib import Path
from deckgen.kinds import Outline
from deckgen.outline import load
from deckgen.outline.schema import _MADE
from deckgen.pipeline import load_kinds
load_kinds()
assert not all(m.__pydantic_complete__ for m in _MADE)
load.load_outline(Path({str(SAMPLE)!r}), Outline)
print([m.__name__ for m in _MADE if not m.__pydantic_complete__])
"""
    done = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True,
                          text=True, check=True)  # fmt: skip
    assert done.stdout.strip() == "[]", done.stdout + done.stderr


@pytest.mark.parametrize(
    ("chart", "source", "field", "message", "hint"),
    [("{type: bar, data: d, x: a, y: b}", "[BEA, Census Bureau]", "slides[0].source",
      "expected one text, found a list (['BEA', 'Census Bureau'])",
      "write one text, not a list: source: BEA, or the items joined in one text"),
     ("{type: bar, data: d, x: [a], y: b}", "S", "slides[0].chart.x",
      "expected one text, found a list (['a'])", "write one text, not a list: x: a")],
)  # fmt: skip
def test_a_list_given_to_a_field_of_one_text_is_told_to_write_one(chart, source, field, message,
                                                                  hint):  # fmt: skip
    """The fix was to quote each item, which mends nothing (found in review); a field of
    a text or a list of texts still says to quote its numbers."""
    slide = f"  - {{kind: chart, title: T, source: {source}, chart: {chart}}}\n"
    with pytest.raises(OutlineError) as info:
        parse_outline(_outline(slides=slide), Path("x.yaml"))
    [problem] = info.value.problems
    assert problem.location is not None and problem.location.field == field
    assert problem.message.endswith(message), problem.message
    assert problem.hint == hint
