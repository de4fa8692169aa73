"""Where a table's cells came from: the lines of a file's first rows' text cells."""

from __future__ import annotations

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from deckgen.tables.origin import EARLY_ROWS, early_cells

_CELLS = st.one_of(st.text(max_size=6), st.integers(-5, 5), st.floats(allow_nan=True), st.none())


@given(st.lists(st.tuples(_CELLS, _CELLS, _CELLS), max_size=EARLY_ROWS + 5),
       st.lists(st.one_of(st.none(), st.integers(1, 99)), max_size=EARLY_ROWS + 5))  # fmt: skip
def test_each_text_cell_of_the_first_rows_keeps_its_first_line(rows, lines):
    frame = pd.DataFrame(rows, columns=["a", "b", "c"])
    expected: dict[str, int] = {}
    for line, row in zip(lines, rows[:EARLY_ROWS], strict=False):
        for cell in row:
            if line is not None and isinstance(cell, str) and cell.strip():
                expected.setdefault(cell.strip(), line)
    assert early_cells(frame, lines) == expected


def test_a_number_column_beside_text_leaves_the_text_as_it_is():
    frame = pd.DataFrame({"name": [" Ohio ", "Texas"], "value": [1, 2]})
    assert early_cells(frame, [2, 3]) == {"Ohio": 2, "Texas": 3}


def test_places_name_each_place_once():
    """An unpivot's twelve rows of one line were 'x.xlsx:13, x.xlsx:14 and x.xlsx:13 and 21
    more' (found in review): each place once, then how many places more."""
    from deckgen.tables.origin import Origin, places

    unpivoted = Origin("x.xlsx", (13, 14) * 12)
    assert places(unpivoted, range(24)) == "x.xlsx:13 and x.xlsx:14"
    lines = Origin("g.csv", tuple(range(2, 12)))
    assert places(lines, [0, 3, 7, 8, 9]) == "g.csv:2, g.csv:5 and g.csv:9 and 2 more"
    assert places(None, [4]) == "row 5"


@given(st.lists(st.integers(2, 6), min_size=1, max_size=30))
def test_places_list_distinct_places_in_order(lines):
    from deckgen.tables.origin import Origin, places

    said = places(Origin("t.csv", tuple(lines)), range(len(lines)))
    distinct = list(dict.fromkeys(lines))
    assert said.startswith(f"t.csv:{distinct[0]}")
    assert said.endswith(f"and {len(distinct) - 3} more") == (len(distinct) > 3)
