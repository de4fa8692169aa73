"""The sources slide's columns: split where they come out most even in lines."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from deckgen.kinds.slides.sources import _even, _split


def _tallest(columns: list[list[str]], lines: dict[str, int]) -> float:
    return max(sum(lines[item] + 0.5 for item in column) for column in columns)


def test_a_source_that_wraps_counts_for_its_lines():
    """Eight one-line sources, then two of three lines and six of one: split by count the
    second column is 10 lines to the first's 8; split by lines, one source moves over."""
    items = [f"s{k}" for k in range(16)]
    lines = {item: 1 for item in items} | {"s9": 3, "s10": 3}
    by_count = _split(items, 2)
    assert [len(c) for c in by_count] == [8, 8]
    even = _even(items, [lines[i] for i in items], 2)
    assert [len(c) for c in even] == [9, 7]
    assert _tallest(even, lines) < _tallest(by_count, lines)


def test_one_column_and_one_source_a_column():
    assert _even(["a", "b", "c"], [1, 2, 1], 1) == [["a", "b", "c"]]
    assert _even(["a", "b", "c"], [1, 2, 1], 3) == [["a"], ["b"], ["c"]]


@given(st.lists(st.integers(1, 4), min_size=1, max_size=24), st.integers(1, 3))
def test_the_columns_keep_the_order_and_are_never_taller_than_by_count(heights, columns):
    columns = min(columns, len(heights))
    items = [f"s{k}" for k in range(len(heights))]
    lines = dict(zip(items, heights, strict=True))
    even = _even(items, heights, columns)
    assert [item for column in even for item in column] == items  # in order, each once
    assert len(even) == columns and all(even)
    assert _tallest(even, lines) <= _tallest(_split(items, columns), lines)
    # No single cut moved one source over makes the tallest column shorter.
    bounds = [0]
    for column in even:
        bounds.append(bounds[-1] + len(column))
    for k in range(1, len(bounds) - 1):
        for shift in (-1, 1):
            moved = [*bounds]
            moved[k] += shift
            if all(a < b for a, b in pairwise(moved)):
                split = [items[a:b] for a, b in pairwise(moved)]
                assert _tallest(split, lines) >= _tallest(even, lines)
