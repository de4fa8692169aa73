"""Where each row of a loaded table came from, so a bad cell is named where the user sees it.

A CSV row is named by its line in the file (counted by the ``csv`` module, so a quoted field
that spans lines does not shift the rows after it), an Excel row by its sheet row, a JSON
record by its path (``[3].value`` or ``data.rows[3].value``) and an inline row by its line
in the outline. A derived table's row keeps the place of the source row it came from where
it has one (a filtered, sorted or computed row; an unpivoted cell), and otherwise names the
step that made it (a group's total). The origin rides along in ``DataFrame.attrs["origin"]``;
pandas copies attrs through filtering and sorting, and the frame's index stays the row's
position in the source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from deckgen.errors import Location

if TYPE_CHECKING:
    from collections.abc import Sequence

    import pandas as pd


@dataclass(frozen=True, eq=False)
class Origin:
    """The file a table was read from and how to name one of its rows and cells."""

    file: str
    #: The line (CSV, outline) or sheet row (Excel) of each data row, by position.
    lines: tuple[int | None, ...] = ()
    #: For JSON records and inline rows: the path of the list of rows, e.g. ``data.rows``.
    path: str | None = None
    #: For derived tables: where each row comes from, by position (overrides the above).
    rows: tuple[Location, ...] | None = None
    #: For derived tables: cells that come from one cell elsewhere (a pivoted value).
    cells: dict[tuple[int, str], Location] = field(default_factory=dict)
    #: For a CSV file or a sheet: the text cells of its first rows, each with its line or
    #: sheet row (see :meth:`header_hint`).
    early: dict[str, int] = field(default_factory=dict)
    #: For an Excel sheet: its name.
    sheet: str | None = None
    #: For JSON held as columns (``{"value": [...]}``): a cell is ``value[3]``, not
    #: ``[3].value``.
    by_column: bool = False
    #: For JSON rows of values under a row of names (``[["country", ...], ["China", ...]]``):
    #: the place of the first data row in the list, 1.
    first: int = 0
    #: For an Excel sheet: the sheet rows of the table that Excel hides (a parked total,
    #: an old estimate, rows an AutoFilter leaves out). They are read as any other, and the
    #: build says so (:func:`deckgen.tables.sources.read_warnings`): the user sees a table
    #: without them.
    hidden: tuple[int, ...] = ()
    #: For an Excel sheet: its columns Excel hides (a helper column), by name with the
    #: header's cell ('D1'). Read as any other, and the build says so, as of hidden rows.
    hidden_columns: tuple[tuple[str, str], ...] = ()
    #: For an Excel sheet: its merged ranges over the table's rows ('B4:B5'): Excel shows
    #: the first cell's value across each, every other cell of it reads as no value, and
    #: the build says so, as of hidden rows.
    merged: tuple[str, ...] = ()
    #: For a Eurostat TSV file (:mod:`deckgen.tables.eurostat`): the cells read without
    #: the flags after their values (provisional, estimated), each as its line, its
    #: column, its value and flags ('53.9 p'), and the codes naming its series ('TR').
    #: The build says so: a chart no longer says what the flag did.
    flagged: tuple[tuple[int | None, str, str, str], ...] = ()
    #: For a CSV file: the character between its cells, as the file was read.
    separator: str | None = None
    #: For a file read with ``footer: N``: N, the lines with text left out at its end. A
    #: hint that counts more of them adds it.
    footer: int = 0
    #: For an Excel sheet: the columns holding numbers the sheet formats as a percentage,
    #: read as it shows them (0.45 as 45): each column's name, its letter and the sheet
    #: rows of those cells. A chart's ``scale: 100`` over them scales them twice.
    percent: dict[str, tuple[str, frozenset[int]]] = field(default_factory=dict)
    #: For an Excel sheet: the columns whose every number the sheet writes with one
    #: currency sign, each with the sign before and after the number and the decimals the
    #: sheet shows (``('$', '', 2)``, ``('', ' €', 0)``): a chart or table of them with no
    #: ``format:`` keeps the sign (and a table the decimals).
    currency: dict[str, tuple[str, str, int]] = field(default_factory=dict)
    #: For a derived table: the columns of its source that a step left out, each with the
    #: hint naming that step and how to keep the column (:meth:`Step.left_out`). A chart
    #: naming 'Region' after an unpivot without ``id: Region`` was told only that the
    #: table has no such column (found in review).
    dropped: dict[str, str] = field(default_factory=dict)
    #: For a derived table: the columns a step made, each with the step's field
    #: (``data.d.steps[0].compute``): a computed cell was named as the source file's
    #: ('gen.csv:2: x', a column gen.csv has not; found by fuzzing).
    made: dict[str, str] = field(default_factory=dict)

    def __deepcopy__(self, memo: dict[int, object]) -> Origin:
        # pandas deep-copies attrs on every operation, even selecting a column; an origin
        # is never changed after it is made, so one copy serves all (a table of 20,000
        # rows would otherwise copy 20,000 locations per step).
        return self

    def row(self, row: int) -> Location:
        """Where data row ``row`` (0-based position) is: a file and line, maybe a field."""
        if self.rows is not None:
            return self.rows[row] if 0 <= row < len(self.rows) else Location(self.file)
        line = self.lines[row] if 0 <= row < len(self.lines) else None
        place = row + self.first
        return Location(self.file, line, None if self.path is None else f"{self.path}[{place}]")

    def header_hint(self, column: str) -> str | None:
        """A hint for a column the table lacks that one of its first rows holds: that row
        is likely the header, below a title read as one (``header:`` says where it is)."""
        line = self.early.get(column)
        if line is None:
            return None
        row = f"row {line} of the sheet {self.sheet!r}" if self.sheet else f"line {line}"
        return (
            f"{row} of {Path(self.file).name} holds {column!r}: if it is the header (a "
            f"title stands above it), say so with header: {line} in the data source"
        )

    def sheet_hint(self, column: str) -> str | None:
        """A hint for a column the sheet lacks that another sheet of the workbook holds in
        one of its first rows: the table is there. An ONS workbook opens on its 'Cover'
        sheet, and a chart naming 'Month' was told only that the cover's one column was
        'Consumer price inflation tables' (found in review). Read only on this error's
        path: the workbook passed the reader's checks (:mod:`deckgen.limits`) already."""
        # Any table read from a workbook, the sheet named or not (without 'sheet:' the
        # first is read) and its rows as they come to a data step.
        if not self.file.lower().endswith((".xlsx", ".xlsm")):
            return None
        import openpyxl

        try:
            book = openpyxl.load_workbook(self.file, read_only=True, data_only=True)
        except Exception:  # a hint is no place to fail: the error it adds to stands
            return None
        try:
            for sheet in book.worksheets:
                if sheet.title == self.sheet:
                    continue
                for row in sheet.iter_rows(max_row=EARLY_ROWS):
                    for cell in row:
                        if isinstance(cell.value, str) and cell.value.strip() == column:
                            header = f" and header: {cell.row}" if cell.row > 1 else ""
                            return (f"the sheet {sheet.title!r} holds {column!r} (in "
                                    f"{cell.coordinate}): read it with sheet: {sheet.title}"
                                    f"{header} in the data source")  # fmt: skip
        finally:
            book.close()
        return None

    def cell(self, row: int, column: str) -> Location:
        """The location of ``column`` in data row ``row`` (0-based position in the source)."""
        if (row, column) in self.cells:
            return self.cells[(row, column)]
        if self.by_column and self.rows is None:
            where = f"{self.path}.{column}" if self.path else column
            return Location(self.file, None, f"{where}[{row}]")
        at = self.row(row)
        named = f"{column} (made by {self.made[column]})" if column in self.made else column
        return Location(at.file, at.line, named if at.field is None else f"{at.field}.{named}")


#: How many of a file's first rows :attr:`Origin.early` keeps.
EARLY_ROWS = 20


def early_cells(frame: pd.DataFrame, lines: Sequence[int | None]) -> dict[str, int]:
    """The text cells of ``frame``'s first :data:`EARLY_ROWS` rows, each with its line."""
    out: dict[str, int] = {}
    # Rows as plain tuples: a Series made per row (iterrows) cost a rebuild after one edit
    # ~1 ms a file.
    rows = frame.head(EARLY_ROWS).itertuples(index=False, name=None)
    for line, cells in zip(lines, rows, strict=False):
        for cell in cells:
            if line is not None and isinstance(cell, str) and cell.strip():
                out.setdefault(cell.strip(), line)
    return out


def unnamed_hint(columns: Sequence[str]) -> str | None:
    """A hint for a table whose header leaves a column without a name (a pivot table's
    export: the corner cell above the row labels is empty), which pandas calls
    'Unnamed: 0': the column the outline names is likely that one."""
    blank = [c for c in columns if re.fullmatch(r"Unnamed: \d+", c)]
    if not blank:
        return None
    k = int(blank[0].split(": ")[1])
    return (
        f"the header leaves column {k + 1} without a name (read as {blank[0]!r}): write "
        "the name there, in the header row of the file"
    )


def short(where: Location) -> str:
    """A row's place for a message that names several: ``production.csv:5``, or
    ``deck.yaml:14 (data.mix.steps[1].group)`` for a row a step made."""
    name = Path(where.file).name
    place = name if where.line is None else f"{name}:{where.line}"
    return f"{place} ({where.field})" if where.field else place


def places(origin: Origin | None, rows: Sequence[int]) -> str:
    """Rows (positions) for a message: ``gen.csv:5, gen.csv:9 and gen.csv:12 and 2 more``,
    each place once: an unpivot's twelve rows of one line were 'x.xlsx:13, x.xlsx:14 and
    x.xlsx:13 and 21 more' (found in review)."""
    named = list(dict.fromkeys(short(origin.row(r)) if origin else f"row {r + 1}" for r in rows))
    more = f" and {len(named) - 3} more" if len(named) > 3 else ""
    named = named[:3]
    return (", ".join(named[:-1]) + " and " + named[-1] if len(named) > 1 else named[0]) + more
