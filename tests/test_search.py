"""The bisections every search shares (deckgen/search.py): each finds where a test that
turns once turns, and says so when it never does."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from deckgen.search import largest, least, threshold

SPANS = st.tuples(st.integers(-500, 500), st.integers(0, 400)).map(lambda p: (p[0], p[0] + p[1]))


@given(SPANS, st.integers(-600, 1000))
def test_least_is_the_first_value_enough_and_none_when_none_is(span, turn):
    low, high = span
    asked: list[int] = []

    def enough(value: int) -> bool:
        asked.append(value)
        return value >= turn

    found = least(low, high, enough)
    wanted = max(low, turn) if turn <= high else None
    assert found == wanted
    assert all(low <= value <= high for value in asked)
    assert len(asked) <= (high - low + 1).bit_length() + 1  # a bisection, not a scan


@given(SPANS, st.integers(-600, 1000))
def test_largest_is_the_last_value_that_holds_and_none_when_none_does(span, turn):
    low, high = span
    found = largest(low, high, lambda value: value <= turn)
    assert found == (min(high, turn) if turn >= low else None)


@given(st.floats(0.0, 1.0))
def test_threshold_closes_in_on_the_turn_from_above(turn):
    found = threshold(lambda value: value >= turn, 0.0, 1.0, steps=30)
    assert turn <= found <= turn + 2**-29


def test_an_empty_span_finds_nothing():
    assert least(5, 4, lambda _: True) is None
    assert largest(5, 4, lambda _: True) is None
