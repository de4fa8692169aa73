"""What frames a table in a data file, the same for a CSV and a sheet: the file source
being read (:class:`Reading`), its header (on one row or spanning several, or names given
in the outline), the rows that are no data (notes above and below it, a line of
descriptions or units under its header, blank rows) and columns without a name.

The readers (:mod:`~deckgen.tables.csvfile`, :mod:`~deckgen.tables.excel`) find these
in the rows they read and leave the table.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, TypeVar, cast

from deckgen.errors import DataError, Location, Problem
from deckgen.io import clean_text, shortened
from deckgen.tables.select import decimal_comma, is_blank, to_number

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from pathlib import Path

    import numpy as np
    import pandas as pd
    from numpy.typing import NDArray

    from deckgen.outline.load import LoadedOutline
    from deckgen.outline.schema import FileSource
    from deckgen.tables.origin import Origin

    #: How a reader names a column without a name that holds values, from its position
    #: and its filled cells (position, value).
    Unnamed = Callable[[int, list[tuple[int, object]]], Problem]


@dataclass(frozen=True)
class Reading:
    """One file source being read: its outline entry, resolved path and outline fields."""

    name: str
    spec: FileSource
    path: Path
    loaded: LoadedOutline[Any]

    def at(self, field: str) -> Location:
        return self.loaded.locate("data", self.name, field)


def a_number(cell: str) -> bool:
    try:
        return to_number(cell) is not None
    except ValueError:
        return False


def header_row(spec: FileSource) -> int | None:
    """The line (sheet row) ``header:`` names, the last of several (the rows are read
    below it), or ``None``: the first with text (``header:`` left out), or none at all
    (``header: none``)."""
    if isinstance(spec.header, list):
        return spec.header[-1]
    return spec.header if isinstance(spec.header, int) else None


def spanned_names(rows: Sequence[Sequence[object]], where: Location,
                   holder: str) -> list[str]:  # fmt: skip
    """The columns' names of a header over several ``rows`` (``header: [3, 4]``, read from
    ``holder``: 'lines 3-4 of t.csv'): each column's cells in those rows, top to bottom,
    joined by a space ('2022 Exports'). A cell left empty in a row above the last takes
    the name to its left: a merged cell ('2022' over 'Exports' and 'Imports') holds its
    text in its first column alone, as a CSV export writes it. The same text twice in a
    column (a cell merged down) is said once.

    Raises :class:`DataError` for a column with no name in any of the rows, before the
    last that has one."""
    width = max(len(row) for row in rows)
    cells = [[header_text(row[k]) if k < len(row) and is_filled(row[k]) else ""
              for k in range(width)] for row in rows]  # fmt: skip
    for row in cells[:-1]:
        for k in range(1, width):
            row[k] = row[k] or row[k - 1]
    names = []
    for k in range(width):
        parts: list[str] = []
        for row in cells:
            if row[k] and (not parts or parts[-1] != row[k]):
                parts.append(clean_text(row[k]).strip())
        names.append(" ".join(parts))
    while names and not names[-1]:
        names.pop()
    if "" in names:
        k = names.index("")
        raise DataError(Problem(
            where,
            f"expected a name for column {k + 1} in {holder}, found an empty cell in each "
            "of the header's rows",
            f"write the column's name in the header, or delete column {k + 1} if it is "
            "not data",
        ))  # fmt: skip
    problems = duplicate_columns(names, lambda k: where, "columns", lambda k: str(k + 1))
    if problems:
        raise DataError(problems)
    return names


def spans_hint(header: int, line: int | None, below: Sequence[object],
                written: Sequence[object], k: int, lines: str) -> str | None:  # fmt: skip
    """The fix for a header cell left empty (column ``k`` of the header cells ``written``)
    whose column's first value is on ``line``, right below the ``header`` line (or sheet
    row: ``lines`` says which), in a row of names (``below``: text, no number): the header
    spans two rows, a merged cell ('2022' over 'Exports' and 'Imports') holding its text in
    its first column alone. It was told to write a name in each merged cell (found in
    review). Not a column of notes beside a table's numbers."""
    left = next((header_text(w) for w in reversed(written[:k]) if is_filled(w)), None)
    names = all(isinstance(c, str) and not a_number(c) for c in below if is_filled(c))
    value = below[k] if k < len(below) else None
    if left is None or line != header + 1 or not names or not isinstance(value, str):
        return None
    filled = [is_filled(w) for w in written]
    count = sum(filled)
    said = [header_text(c) for c in below if is_filled(c)]
    if all(filled[:count]) and count < len(said) and len(set(said)) == len(said):
        # Text in the first cells alone, over a row naming more columns, each once: a title
        # (UNSD's 'T02,"Population, surface area and density"'), which read as the top of
        # a header glued itself onto every column's name (found in review). A merged cell
        # spans names that repeat under it ('Exports', 'Imports' under each year).
        title = " ".join(header_text(w) for w in written if is_filled(w))
        one = lines[:-1]
        return (f"{one} {header} is a title above the table ({shortened(title, 60)!r}) and "
                f"{one} {line} names the columns: read the header from {one} {line} "
                f"(header: {line})")  # fmt: skip
    return (f"if the header spans {lines} {header} and {line} (a merged cell above names "
            f"the columns below it), read it so: header: [{header}, {line}] names each "
            f"column by both ({left + ' ' + value.strip()!r})")  # fmt: skip


def with_names(frame: pd.DataFrame, header: Sequence[object], names: Sequence[str],
             where: Location, holder: str) -> tuple[pd.DataFrame, list[object]]:  # fmt: skip
    """``frame`` with its columns named by ``names`` (the source's ``names:``, at
    ``where``, or a header's over several rows) in place of its ``header``'s cells
    (``holder``: 'line 3 of t.csv'), and the header as they name it: one name per column,
    a column at the end with neither a name nor a value (the trailing ',,' Excel writes)
    not counted; or one per column that holds something, a column with neither left
    unnamed (``None`` in the header: left out as any unnamed empty column is). Statista
    leaves column A of its sheets empty: 'expected 4 names' was said of a table of three
    columns, and the name given to column A made it the table's key (found in review).

    Raises :class:`DataError` where the names are as many as neither."""
    used = used_columns(frame, header)
    columns = max(used, default=-1) + 1
    if len(names) == columns:
        named: list[object] = list(names)
    elif len(names) == len(used):
        given = iter(names)
        named = [next(given) if k in used else None for k in range(columns)]
    else:
        raise DataError(names_problem(where, names, columns, holder, len(used)))
    frame = frame.iloc[:, :columns].copy()
    frame.columns = [n if n is not None else f"Unnamed: {k}" for k, n in enumerate(named)]
    return frame, named


def used_columns(frame: pd.DataFrame, header: Sequence[object]) -> list[int]:
    """The positions of ``frame``'s columns that the ``header`` names or that hold a
    value: the others (the trailing ',,' Excel writes) are no columns."""
    named = [k < len(header) and is_filled(header[k]) for k in range(len(frame.columns))]
    return [k for k, name in enumerate(named) if name or frame.iloc[:, k].map(is_filled).any()]


def names_problem(where: Location, names: Sequence[str], cells: int, holder: str,
                  used: int | None = None) -> Problem:  # fmt: skip
    """``names`` (declared at ``where``) do not name the ``cells`` columns ``holder`` ('line
    3 of t.csv', 'row 1 of the sheet 'Data'') has (``used`` of them holding something):
    too few leave values without a name, too many name columns that are not there."""
    shown = ", ".join(names[:6]) + (", ..." if len(names) > 6 else "")
    some = used is not None and used < cells
    return Problem(
        where,
        f"expected {cells} names, one per column ({holder} has {cells} cells)"
        + (f", or {used}, one per column that holds something" if some else "")
        + f", found {len(names)}: {shown}",
        f"give {used if some else cells} names, in the order of the columns",
    )


def duplicate_columns(
    names: list[Any],
    at: Callable[[int], Location],
    what: str,
    label: Callable[[int], str],
    *,
    header: bool = False,
) -> list[Problem]:
    """A problem for each header name given to more than one column: a chart or table
    naming it would silently get one of them (pandas renames the others 'value.1'). Names
    are compared as the tables hold them, as text; an empty header cell names none.
    ``at(k)`` is where the k-th header cell is, ``label(k)`` how a message names it among
    ``what`` ('columns 2 and 3', 'cells B1 and C1'). A file's ``header`` may be left as it
    is and its columns named in the outline (``names:``): the fix says so (it said only to
    rename them in the file, found in review)."""
    seen: dict[str, list[int]] = {}
    for k, name in enumerate(names):
        if is_blank(name):
            continue
        seen.setdefault(str(name), []).append(k)
    problems = []
    for name, ks in seen.items():
        if len(ks) < 2:
            continue
        times = "twice" if len(ks) == 2 else f"{len(ks)} times"
        where = f"{what} " + ", ".join(label(k) for k in ks[:-1]) + f" and {label(ks[-1])}"
        problems.append(
            Problem(
                at(ks[1]),
                f"the header names the column {name!r} {times} ({where}), so which of them "
                "a chart or table reads would be a guess",
                f"give every column its own name: rename the others (e.g. {name + ' 2'!r})"
                + (NAMES_FIX if header else ""),
            )
        )
    return problems


#: The fix that leaves a file's header as it is: the outline names its columns.
NAMES_FIX = (
    "; or, leaving the file as it is, name every column in the data source: "
    "names: [...], one per column in order, with header: N (the header's line)"
)


def column_letter(k: int) -> str:
    """Column ``k`` (0-based) as a spreadsheet names it: A, B, ..., Z, AA."""
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(k + 1))


def is_filled(cell: object) -> bool:
    """Whether a cell as read holds something: not missing, not text of spaces only."""
    if isinstance(cell, str):
        return bool(cell.strip())
    if cell is None:
        return False
    if isinstance(cell, float):  # the common cases first: this runs for every cell
        return cell == cell  # NaN is missing
    if isinstance(cell, int):
        return True
    import pandas as pd

    return not pd.isna(cell)  # NaT, pd.NA


#: Columns past which a table wider than tall is worked out a cell at a time.
_WIDE = 64


def filled_cells(frame: pd.DataFrame) -> NDArray[np.bool_]:
    """:func:`is_filled` of every cell of ``frame`` (rows by columns): worked out a column
    at a time, as pandas does, where a call a cell took 2.7 of the 9.5 s a table of a
    million rows took to build (found in review). The same answers: missing as
    ``pd.isna`` says, text of spaces only as ``str.strip`` leaves it."""
    import numpy as np
    import pandas as pd

    rows, columns = frame.shape
    if columns > _WIDE and columns > rows:
        # Wider than tall: a call a cell costs less than a call a column, which a file of
        # 200,000 columns over two rows paid 200,000 times (64 s; found by fuzzing).
        cells = frame.to_numpy(dtype=object).ravel()
        return np.fromiter(map(is_filled, cells), dtype=bool, count=cells.size).reshape(
            rows, columns)  # fmt: skip
    out = np.empty(frame.shape, dtype=bool)
    for k in range(frame.shape[1]):
        column = frame.iloc[:, k]
        filled = column.notna().to_numpy(dtype=bool, copy=True)
        if column.dtype == object or isinstance(column.dtype, pd.StringDtype):
            try:
                blank = column.str.strip().eq("")
            except AttributeError:  # no text in it at all
                pass
            else:
                filled &= ~blank.to_numpy(dtype=bool, na_value=False)
        out[:, k] = filled
    return out


def _held(rows: NDArray[np.bool_]) -> NDArray[np.bool_]:
    """Whether each row of ``rows`` (:func:`filled_cells`) holds anything."""
    return cast("NDArray[np.bool_]", rows.any(axis=1))


def _line_gaps(origin: Origin, count: int) -> NDArray[np.bool_]:
    """For each of the table's ``count`` rows, whether a line the reader left out (a blank
    one) comes right above it: its line and the line of the row above are known, and more
    than one apart."""
    import numpy as np

    known = origin.lines[:count]
    try:
        lines = np.asarray(known, dtype=float)
    except TypeError:  # some unknown (None)
        lines = np.array([np.nan if n is None else n for n in known], dtype=float)
    gaps = np.zeros(count, dtype=bool)
    with np.errstate(invalid="ignore"):  # NaN, unknown, is never more than 1
        gaps[1 : len(lines)] = np.diff(lines) > 1
    return gaps


_Line = TypeVar("_Line")  # a line (int | None) or a sheet row (int)


def without_blank_rows(
    frame: pd.DataFrame, lines: Sequence[_Line]
) -> tuple[pd.DataFrame, tuple[_Line, ...]]:
    """``frame`` without its wholly blank rows, and the line (a CSV's) or sheet row of
    each row kept, ``lines`` being those of every row.

    A blank row between groups of rows is how statistics sheets are laid out, and a line
    of separators alone (',,,') is how a sheet's rows once touched are saved as CSV: read,
    each was a row of missing values, which a chart refused ("the category is empty") and
    no filter could remove, where a CSV's blank line is skipped (found by fuzzing). A row
    is blank when no cell of it holds anything; error and formula cells, which read as
    empty, are refused before this."""
    lines = tuple(lines)
    if not len(frame.columns):
        return frame, lines
    # A blank row's first cell is blank: only those rows are read whole.
    first = frame.iloc[:, 0].tolist()
    blank = {k for k, cell in enumerate(first)
             if not is_filled(cell) and not any(is_filled(c) for c in frame.iloc[k])}  # fmt: skip
    if not blank:
        return frame, lines
    kept = [k for k in range(len(frame)) if k not in blank]
    # Positions from 0 again: a row's position is its place in Origin.lines.
    return frame.iloc[kept].reset_index(drop=True), tuple(lines[k] for k in kept)


def without_unnamed(frame: pd.DataFrame, unnamed: list[int], problem: Unnamed) -> pd.DataFrame:
    """``frame`` without the columns at positions ``unnamed`` (no name in the header) that
    hold nothing. An export writes such columns (an Excel CSV's trailing ',,' for cells
    once touched, a header cell holding a space): kept, they were columns named
    'Unnamed: 4' that an ``unpivot`` turned into empty categories drawn on the chart, with
    no word (found by fuzzing). One that holds values is a column the reader cannot name:
    an error for each, ``problem(k, cells)`` with its filled cells (position, value)."""
    empty: list[int] = []
    problems: list[Problem] = []
    for k in unnamed:
        cells = [(r, c) for r, c in enumerate(frame.iloc[:, k].tolist()) if is_filled(c)]
        if cells:
            problems.append(problem(k, cells))
        else:
            empty.append(k)
    if problems:
        raise DataError(problems)
    if not empty:
        return frame
    return frame.iloc[:, [k for k in range(len(frame.columns)) if k not in empty]]


def header_text(cell: object) -> str:
    """A header cell as a column name: a date as its ISO day (with its time, if it has one
    other than midnight), anything else as written, without spaces around it."""
    import datetime as dt

    if isinstance(cell, dt.datetime):
        return cell.date().isoformat() if cell.time() == dt.time() else cell.isoformat(" ")
    return str(cell).strip()


#: How a note below a table starts ("Source: BEA", "Notes. ...", "* preliminary"), or the
#: lines offices put above their notes: Statistics Canada's "Symbol legend:" and "How to
#: cite:", Destatis's rule of underscores and "(C)opyright" (found in review).
_NOTE = re.compile(
    r"\s*(?:(?:sources?|notes?|footnotes?|symbol legend|legend|how to cite|quellen?|"
    r"fußnoten?|anmerkungen?|hinweise?|zeichenerklärung)\s*[:.]|[*†‡]|\(c\)|©|copyright|"
    r"[_=-]{3,}\s*$)",
    re.IGNORECASE,
)


def without_described(
    src: Reading, frame: pd.DataFrame, origin: Origin
) -> tuple[pd.DataFrame, Origin]:
    """The table without the lines ``skip:`` names; without ``skip:``, refuse a first row
    that describes the columns (Meta's Insights export writes one under its header: an
    empty first cell, then a sentence over each column of numbers), which was read as a
    row, its empty category refused and its sentences as values (found in review)."""
    if src.spec.skip is not None:
        where = {line: k for k, line in enumerate(origin.lines)}
        missed = [line for line in src.spec.skip if line not in where]
        if missed:
            lines = [n for n in origin.lines if n is not None]
            span = f"lines {lines[0]} to {lines[-1]}" if lines else "no lines"
            raise DataError(Problem(
                src.at("skip"),
                f"expected lines of the table's rows, found {missed[0]}, which is none: the "
                f"rows are on {span} of {src.path.name} (blank lines are no rows)",
                "name the lines to leave out as the file numbers them, below the header",
            ))  # fmt: skip
        keep = [k for k, line in enumerate(origin.lines) if line not in set(src.spec.skip)]
        # Positions from 0 again: a row's position is its place in Origin.lines (kept as
        # they were, a cell after the lines left out was named with no line at all).
        return frame.iloc[keep].reset_index(drop=True), replace(
            origin, lines=tuple(origin.lines[k] for k in keep))  # fmt: skip
    if len(frame) < 2 or len(frame.columns) < 2:
        return frame, origin
    _refuse_import_ids(src, frame, origin)
    first = list(frame.iloc[0])
    if not _describes(first):
        return frame, origin
    said = [c for c in first[1:] if is_filled(c)]
    if any(str(frame.columns[k]).startswith("Unnamed: ") for k, c in enumerate(first)
           if k and is_filled(c)):  # fmt: skip
        # Names under a header cell left empty: a header over two rows (its own error
        # says so, with header: [N, N+1]), not a line of units.
        return frame, origin
    comma = getattr(src.spec, "decimal", None) == ","

    def number(cell: object) -> bool:
        if isinstance(cell, int | float):
            return True
        if not isinstance(cell, str):
            return False
        # '114,3' in a file whose decimal mark is a comma (Destatis': found in review).
        return decimal_comma(cell) is not None if comma else a_number(cell)

    numbers = [k for k in range(1, len(first)) if is_filled(first[k])
               and any(number(c) for c in frame.iloc[1:, k])]  # fmt: skip
    if not numbers:
        return frame, origin
    # The lines like it right below it too: a header's lower lines ('preisindex' over
    # '2020=100'), left out at once, not one a round.
    count = 1
    while count < len(frame) - 1 and _describes(list(frame.iloc[count])):
        count += 1
    skipped = ", ".join(str(n) for n in origin.lines[:count])
    line, k = origin.lines[0], numbers[0]
    column, text = str(frame.columns[k]), str(first[k])
    field = f"{origin.sheet}!{column_letter(k)}{line}" if origin.sheet else column
    place = f"row {line}" if origin.sheet else f"line {line}"
    described = all(len(str(c).split()) >= 3 for c in said)
    raise DataError(Problem(
        Location(str(src.path), line, field),
        f"{place} describes the columns ({shortened(text, 60)!r} under {column!r}), as Meta's "
        "Insights export writes it under its header, and would be read as a row of the "
        "table" if described else
        f"{place} gives the columns' units ({shortened(text, 60)!r} under {column!r}), as "
        "statistics offices' exports write them under the header, and would be read as a "
        "row of the table",
        f"leave {'it' if count == 1 else 'them'} out with skip: [{skipped}] in "
        "the data source"
        + ("" if described else ", and put the unit in the column's name or the chart's "
           "format"),
    ))  # fmt: skip


#: What Qualtrics writes in each cell of the third of its header's rows.
_IMPORT_ID = re.compile(r'\s*\{\s*"ImportId"\s*:')


def _refuse_import_ids(src: Reading, frame: pd.DataFrame, origin: Origin) -> None:
    """Refuse the lines of Qualtrics' header below its first: each question's text, then
    a line of '{"ImportId":"QID1"}' in every cell. Read as two answers, they made '7 in
    10 staff would recommend us' '3 in 5', check silent but for the title (found in
    review)."""
    for k in range(min(2, len(frame))):
        cells = [c for c in frame.iloc[k] if is_filled(c)]
        if cells and all(isinstance(c, str) and _IMPORT_ID.match(c) for c in cells):
            break
    else:
        return
    numbers = [str(n) for n in origin.lines[: k + 1]]
    raise DataError(Problem(
        Location(str(src.path), origin.lines[0], None),
        f"{'lines ' if k else 'line '}{' and '.join(numbers)} under the header "
        f"{'are' if k else 'is'} the rest of Qualtrics' header (each question's text, then "
        f"its ImportId), and would be read as {'answers' if k else 'an answer'}",
        f"leave {'them' if k else 'it'} out with skip: [{', '.join(numbers)}] in the data "
        "source",
    ))  # fmt: skip


def _describes(row: list[object]) -> bool:
    """Whether a row names or describes columns: its first cell empty, its others words."""
    said = [c for c in row[1:] if is_filled(c)]
    return (not is_filled(row[0]) and bool(said)
            and all(isinstance(c, str) and _words(c) for c in said))  # fmt: skip


def _split_note(row: list[object]) -> bool:
    """Whether a row is a note a separator split: it starts as a note does ("Source:") and
    its other filled cells are words."""
    said = [c for c in row[1:] if is_filled(c)]
    return (isinstance(row[0], str) and bool(_NOTE.match(row[0]))
            and all(isinstance(c, str) and _words(c) for c in said))  # fmt: skip


def _words(cell: str) -> bool:
    """Whether a cell is words or a unit: a letter or a sign in it ('%', '€', '°C'), no
    number, and no mark for a missing one ('n/a', '-'). Punctuation alone is none: ':' is
    Eurostat's mark for a missing value, '..' Statistics Canada's, and a first row of them
    was refused as a line of units (found by the CSV property test)."""
    if not any(unicodedata.category(c)[0] in "LS" or c in "%‰" for c in cell):
        return False
    try:
        to_number(cell)
    except ValueError:
        return True
    return False


def _refuse_table_below(frame: pd.DataFrame, rows: NDArray[np.bool_], origin: Origin) -> None:
    """Refuse a narrower table below this one, after a blank line, to the end: its own
    header (text alone), then rows in its first columns only. UNdata's export ends with its
    footnotes so (a header 'footnoteSeqID,Footnote', then a numbered note a row): read as
    rows of the table, they were four categories without values, and counted as rows
    (found in review). Fewer than half the columns: a table's last rows that leave a
    column or two empty are data."""
    lines = origin.lines
    gaps = _line_gaps(origin, len(rows)).nonzero()[0]
    start = int(gaps[-1]) if len(gaps) else None
    if start is None or len(rows) - start < 2:
        return
    width = max(max((c + 1 for c, filled in enumerate(r) if filled), default=0)
                for r in rows[start:])  # fmt: skip
    above = int(rows[:start].sum(axis=1).max())
    if not 2 <= width <= len(frame.columns) // 2 or above <= width:
        return
    header = [frame.iat[start, c] for c in range(width)]
    if not all(rows[start][:width]) or any(not _words(str(c)) for c in header):
        return
    here, last = lines[start], lines[len(rows) - 1]
    field = f"{origin.sheet}!A{here}" if origin.sheet else None
    raise DataError(Problem(
        Location(origin.file, here, field),
        f"lines {here} to {last} are a second table below this one (its header "
        f"{', '.join(repr(shortened(str(c), 30)) for c in header)}, in {width} of the "
        f"{len(frame.columns)} columns), as exports write their footnotes: read as rows, "
        "they would be drawn as categories without values",
        f"leave them out with footer: {len(rows) - start} in the data source (it counts "
        f"the lines with text at the end); to use that table, read it as a source of its "
        f"own, its header on line {here} (header: {here})",
    ))  # fmt: skip


def _after_gaps(rows: NDArray[np.bool_], origin: Origin) -> NDArray[np.bool_]:
    """For each row of a table whose cells ``rows`` says are filled, whether it comes after
    a blank row, or after a blank line the reader left out (a sheet's); never the first."""
    after = _line_gaps(origin, len(rows))
    after[1:] |= ~_held(rows[:-1])
    return after


#: The counts SurveyMonkey writes below a question's answers, after a blank row.
_ANSWER_COUNTS = frozenset({"answered", "skipped", "answered question", "skipped question"})


def _refuse_answer_counts(frame: pd.DataFrame, rows: NDArray[np.bool_], origin: Origin,
                          lead: int) -> None:  # fmt: skip
    """Refuse the rows after the table's last blank row when each is named as a survey
    tool's count of answers ('Answered', 'Skipped'), in the table's first column that
    holds anything (``lead``, from 0): SurveyMonkey's summary writes them below the
    answers, and a ring chart drew 'Answered' as half its ring, check clean (found in
    review)."""
    held = _held(rows)
    gaps = (held & _after_gaps(rows, origin)).nonzero()[0]
    if not len(gaps):
        return
    last = [int(k) for k in held[gaps[-1] :].nonzero()[0] + gaps[-1]]
    names = [" ".join(str(frame.iat[k, 0]).split()).lower() for k in last]
    if not all(n in _ANSWER_COUNTS for n in names):
        return
    here = origin.lines[last[0]] if last[0] < len(origin.lines) else None
    field = f"{origin.sheet}!{column_letter(lead)}{here}" if origin.sheet else None
    raise DataError(Problem(
        Location(origin.file, here, field),
        f"{str(frame.iat[last[0], 0])!r} below the table is a survey tool's count of "
        "answers, not an answer: read as a row, it would be drawn as one more part",
        f"leave {'it' if len(last) == 1 else 'them'} out with footer: {len(last)} in the "
        "data source (it counts the lines with text at the end); a text that needs how "
        "many answered can sum the answers' counts, as in {{ table.sum('Count') }}",
    ))  # fmt: skip


def without_notes(src: Reading, frame: pd.DataFrame, origin: Origin) -> tuple[pd.DataFrame, Origin]:
    """The table without the ``footer:`` lines at its end (and blank rows above them);
    without ``footer:``, refuse notes found there, which a chart would draw as categories
    without values: rows with text in their first cell alone (or starting as a note, a
    separator having split its words into cells), after a blank line or starting as a
    note does ("Source:", "Note:", "*")."""

    def line(row: int) -> int | None:
        return origin.lines[row] if row < len(origin.lines) else None

    rows = filled_cells(frame)
    if src.spec.footer is not None:
        texts = _held(rows).nonzero()[0].tolist()
        if src.spec.footer >= len(texts):
            raise DataError(
                Problem(
                    src.at("footer"),
                    f"footer: {src.spec.footer} leaves no row of the table: it has "
                    f"{len(texts)} lines with text below its header",
                    "count only the notes below the table",
                )
            )
        end = texts[-src.spec.footer]
        while end > 0 and not any(rows[end - 1]):
            end -= 1  # the blank rows between the table and its notes
        return frame.iloc[:end], replace(origin, lines=origin.lines[:end],
                                         footer=src.spec.footer)  # fmt: skip
    # The columns from the first that is named or holds anything: Statista leaves column A
    # of its sheets empty, and its notes in column B were drawn as three bars (found in
    # review). A column the header names is one of the table's, empty or not.
    lead = 0
    while (lead < len(frame.columns) - 1 and str(frame.columns[lead]).startswith("Unnamed: ")
           and not rows[:, lead].any()):  # fmt: skip
        lead += 1
    table, rows = frame.iloc[:, lead:], rows[:, lead:]
    if len(table.columns) < 2:
        return frame, origin
    _refuse_answer_counts(table, rows, origin, lead)
    # The rows at the end with text in their first cell alone (blank rows between them),
    # or a note that a comma split into cells of words: 'Source: ACEA, based on national
    # automobile associations' data' below a blank line was a bar with no value, check
    # clean (found in review).
    notes: list[int] = []
    k = len(rows)
    while k > 0 and (not any(rows[k - 1][1:]) or _split_note(list(table.iloc[k - 1]))):
        k -= 1
        if rows[k][0]:
            notes.append(k)
    # The notes start at the first of them after a blank line or starting as a note does;
    # those above it are data: a 'Total' row without values right under the table hid
    # the 'Source: OICA.' after a blank line below it, drawn as a category (found in
    # review).
    after = _after_gaps(rows, origin)
    for first in reversed(notes):
        text = str(table.iat[first, 0])
        if first > 0 and (after[first] or _NOTE.match(text)):
            break
    else:
        _refuse_table_below(table, rows, origin)
        return frame, origin  # last rows without values: data, as any other
    # Notes with cells of their own start higher up, at a note's first line after a blank
    # line: Statistics Canada's symbol legend ('..', 'not available') and numbered
    # footnotes, which the hint's count left in as categories (found in review).
    for k in range(first - 1, 0, -1):
        if not any(rows[k - 1]) and rows[k][0] and _NOTE.match(str(table.iat[k, 0])):
            first = k
    text, here = str(table.iat[first, 0]), line(first)
    count = int(_held(rows[first:]).sum())
    field = f"{origin.sheet}!{column_letter(lead)}{here}" if origin.sheet else None
    raise DataError(
        Problem(
            Location(origin.file, here, field),
            f"{shortened(text, 60)!r} is a note below the table: text in the first of its "
            f"{len(table.columns)} columns alone, read as a row, would be drawn as a "
            "category without a value",
            f"leave the notes out with footer: {count} in the data source (it counts the "
            "lines with text at the end)",
        )
    )
