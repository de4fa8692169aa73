"""A block's setting is undone however the block ends: a build that fails on one deck
must not leave the next deck's numbers in its marks."""

from __future__ import annotations

from contextvars import ContextVar

import pytest

from deckgen.outline.formats import current_marks, numerals
from deckgen.scoped import scoped


def test_a_setting_holds_in_its_block_and_is_undone_after_an_error():
    marks: ContextVar[str] = ContextVar("marks", default=".")
    with scoped(marks, ",") as given:
        assert given == marks.get() == ","
        with scoped(marks, "·"):
            assert marks.get() == "·"
        assert marks.get() == ","
    with pytest.raises(ValueError), scoped(marks, ","):
        raise ValueError
    assert marks.get() == "."


def test_a_german_decks_marks_end_with_its_block():
    with pytest.raises(RuntimeError), numerals((",", ".")):
        assert current_marks() == (",", ".")
        raise RuntimeError
    assert current_marks() == (".", ",")
