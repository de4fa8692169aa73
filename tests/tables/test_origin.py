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
