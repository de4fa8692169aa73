"""Where each row of a loaded table came from, so a bad cell is named where the user sees it.

A CSV row is named by its line in the file (counted by the ``csv`` module, so a quoted field
that spans lines does not shift the rows after it), an Excel row by its sheet row, a JSON
record by its path (``[3].value`` or ``data.rows[3].value``) and an inline row by its line
in the outline. The origin rides along in ``DataFrame.attrs["origin"]``; pandas copies attrs
through filtering and sorting, and the frame's index stays the row's position in the source.
"""

from __future__ import annotations

from dataclasses import dataclass

from deckgen.errors import Location


@dataclass(frozen=True)
class Origin:
    """The file a table was read from and how to name one of its cells."""

    file: str
    #: The line (CSV, outline) or sheet row (Excel) of each data row, by position.
    lines: tuple[int | None, ...] = ()
    #: For JSON records and inline rows: the path of the list of rows, e.g. ``data.rows``.
    path: str | None = None

    def cell(self, row: int, column: str) -> Location:
        """The location of ``column`` in data row ``row`` (0-based position in the source)."""
        line = self.lines[row] if 0 <= row < len(self.lines) else None
        field = column if self.path is None else f"{self.path}[{row}].{column}"
        return Location(self.file, line, field)
