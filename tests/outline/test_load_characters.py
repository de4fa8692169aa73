"""A character YAML cannot hold, and an outline saved as UTF-16 without a byte-order mark:
one problem at the file's line, with the fix, and none of PyYAML's internals."""

from __future__ import annotations

import pytest

from deckgen.errors import OutlineError
from tests.helpers import load_outline

TEXT = "deck:\n  title: Test deck\nslides:\n  - kind: section\n    title: Part {bad}one\n"


@pytest.mark.parametrize(("char", "name"), [("\x00", "U+0000 (NUL)"), ("\x07", "U+0007 (BEL)")])
def test_a_control_character_is_told_at_its_line_and_column(tmp_path, char, name):
    path = tmp_path / "deck.yaml"
    path.write_text(TEXT.format(bad=char), encoding="utf-8")
    with pytest.raises(OutlineError) as info:
        load_outline(path)
    [problem] = info.value.problems
    assert problem.location is not None and problem.location.line == 5
    assert f"column 17 holds {name}" in problem.message
    assert problem.hint is not None and "delete it" in problem.hint
    said = str(info.value)
    assert "position" not in said and "<unicode string>" not in said


def test_an_outline_in_utf16_without_a_byte_order_mark_is_told_to_be_saved_as_utf8(tmp_path):
    path = tmp_path / "deck.yaml"
    path.write_bytes(TEXT.format(bad="").encode("utf-16-le"))
    with pytest.raises(OutlineError) as info:
        load_outline(path)
    [problem] = info.value.problems
    assert problem.location is not None and problem.location.line == 1
    assert "UTF-16" in problem.message
    assert problem.hint is not None and "save it as UTF-8" in problem.hint
    assert "control" not in str(info.value)
