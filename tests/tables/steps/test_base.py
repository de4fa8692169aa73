"""deckgen.tables.steps._base: what every step shares, such as reading a column as numbers."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from deckgen.errors import DataError, Location
from deckgen.tables.select import CENSUS_MARKS, to_number
from deckgen.tables.steps._base import At, numbers
from tests.tables.steps.common import source

AT = At("out", ("data", "out", "steps", 0, "group"), lambda *path: Location("deck.yaml", 7))

#: Cells as a CSV gives them: digits (the fast path), and what only to_number reads.
CELLS = st.one_of(
    st.from_regex(r"-?[0-9]{1,6}(\.[0-9]{1,3})?", fullmatch=True),
    st.sampled_from(["", "-", "n/a", " 12", "12 ", "1,234", "$5", "(300)", "45%", "\u221238",
                     "007", "-0", "1e3", "abc", "-666666666", "12.", ".5", "+4"]),
    st.floats(allow_nan=True, allow_infinity=False),
    st.none(),
)  # fmt: skip


def _one_by_one(cells: list[object]) -> list[float | None] | None:
    """The column as to_number reads each cell; ``None`` where one is no number."""
    out = []
    for cell in cells:
        try:
            number = None if isinstance(cell, float) and cell != cell else to_number(cell)
        except ValueError:
            return None
        if number in CENSUS_MARKS:
            return None
        out.append(number)
    return out


@settings(max_examples=300, deadline=None)
@given(st.lists(CELLS, max_size=12))
def test_numbers_reads_each_cell_as_to_number_does(cells):
    """Plain digits take a path of their own (a group over a million rows spent 1.3 of its
    2 s reading them): the same numbers, and the same refusals, as to_number cell by cell."""
    frame = source({"v": cells})
    expected = _one_by_one(cells)
    try:
        got = numbers(frame, "v", AT, "sum")
    except DataError:
        assert expected is None
        return
    assert expected is not None
    assert [repr(v) for v in got] == [repr(v) for v in expected]  # -0.0 stays -0.0
