"""Read a JSON file as a table: an array of objects (records), or the array under a key
(``records:``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from deckgen.errors import DataError, Location, Problem, counted
from deckgen.tables.origin import Origin

if TYPE_CHECKING:
    import pandas as pd

    from deckgen.tables.framing import Reading


def read_json(src: Reading) -> tuple[pd.DataFrame, Origin]:
    import numpy as np
    import pandas as pd

    from deckgen.tables.records import read_records

    columns, rows, where, held = read_records(
        src.path, src.spec.file, src.spec.records, src.at("file"), src.at("records")
    )
    if rows and not columns:  # '[{}]': a chart naming a column was told "its columns are "
        raise DataError(Problem(
            Location(str(src.path), None, where or None),
            f"expected records with values, found {counted(len(rows), 'record')} of no "
            "field (each an empty object, {})",
            'write each row as an object of its values: [{"country": "China", "units": 30.2}]',
        ))  # fmt: skip
    # A column holding a list in any record is no column of cells (an API's 'footnotes':
    # [...]): left out, and named with where its first list is if a chart asks for it.
    lists = _list_columns(columns, rows)
    columns = [c for c in columns if c not in lists]
    if lists and not columns:  # nothing else to read: the list is the mistake
        column, i = next(iter(lists.items()))
        raise DataError(Problem(
            Location(str(src.path), None, f"{where}[{i}].{column}"),
            "expected a single value, found a list",
            "a table cell holds text, a number, true/false or null (a list of rows is named "
            "with 'records:')",
        ))  # fmt: skip
    # One block of objects (JSON types kept), not one Series per column: a record of
    # 60,000 keys took 20 s as 60,000 Series.
    cells = np.empty((len(rows), len(columns)), dtype=object)
    for i, record in enumerate(rows):
        # true and false as JSON writes them: Python's True was printed on slides and in
        # tables, and named in messages (fuzzing).
        cells[i, :] = [_json_text(record.get(c)) for c in columns]
    frame = pd.DataFrame(cells, columns=pd.Index(columns, dtype=object), dtype=object)
    return frame, Origin(str(src.path), path=where, by_column=held == "columns",
                         first=1 if held == "rows" else 0,
                         dropped={c: _holds_lists(c, f"{where}[{i}].{c}")
                                  for c, i in lists.items()})  # fmt: skip


def _list_columns(columns: list[str], rows: list[dict[str, Any]]) -> dict[str, int]:
    """The columns of ``rows`` that hold a list in some record, each with the first such
    record's place, in the columns' order."""
    found: dict[str, int] = {}
    for i, record in enumerate(rows):
        for column, value in record.items():
            if isinstance(value, list):
                found.setdefault(column, i)
    return {c: found[c] for c in columns if c in found}


def _holds_lists(column: str, at: str) -> str:
    """What a chart naming ``column``, left out for holding a list (at ``at``), is told."""
    return (f"the file's {column!r} holds lists ({at}), not single values, so it is no "
            "column of the table; a list of rows is named with 'records:'")  # fmt: skip


def _json_text(value: object) -> object:
    return ("true" if value else "false") if isinstance(value, bool) else value
