"""Load the outline's named data sources into pandas DataFrames.

Each frame carries ``attrs["file"]`` (the file it came from) and ``attrs["origin"]``
(:class:`~deckgen.tables.origin.Origin`: how to name one of its cells in a message).
Declared column types are applied here (:mod:`deckgen.tables.columns`).
"""

from __future__ import annotations

import csv
import itertools
import json
import math
import re
from dataclasses import dataclass, replace
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from deckgen.errors import (
    DataError,
    DeckgenError,
    Location,
    Problem,
    counted,
    did_you_mean,
    one_of,
)
from deckgen.io import (
    UTF16_MARKS,
    clean_text,
    confine,
    marked_utf16,
    nearest_file,
    not_utf8,
    read_regular_head,
    utf16_problem,
)
from deckgen.outline.schema import DerivedSource, FileSource, InlineSource
from deckgen.tables import eurostat
from deckgen.tables.columns import apply_types
from deckgen.tables.derive import derive
from deckgen.tables.origin import EARLY_ROWS, Origin, early_cells
from deckgen.tables.select import is_blank, to_number

if TYPE_CHECKING:
    import zipfile
    from collections.abc import Callable, Iterator, Sequence
    from pathlib import Path
    from typing import IO

    import pandas as pd

    from deckgen.outline.load import LoadedOutline

    #: How a reader names a column without a name that holds values, from its position
    #: and its filled cells (position, value).
    _Unnamed = Callable[[int, list[tuple[int, object]]], Problem]


@dataclass(frozen=True)
class _Source:
    """One file source being read: its outline entry, resolved path and outline fields."""

    name: str
    spec: FileSource
    path: Path
    loaded: LoadedOutline[Any]

    def at(self, field: str) -> Location:
        return self.loaded.locate("data", self.name, field)


def _read_csv(src: _Source) -> tuple[pd.DataFrame, Origin]:
    import pandas as pd

    encoding = src.spec.encoding or "utf-8-sig"
    said = _sep_line(src.path, encoding)
    # The lines above the header are a title or notes (or Excel's 'sep=;'): skipped.
    first = _header_line(src.spec) or (2 if said else 1)
    headerless = src.spec.names if src.spec.header == "none" else None
    separator = "\t" if src.path.suffix.lower() == ".tsv" else said or csv_separator(
        src.path, first, src.spec.footer, encoding, src.spec.decimal,
        headerless=headerless is not None)  # fmt: skip
    names = src.spec.names
    if isinstance(src.spec.header, list):
        spanned = src.spec.header
        holder = f"lines {spanned[0]}-{spanned[-1]} of {src.path.name}"
        names = _spanned_names(_csv_records(src.path, separator, encoding, spanned),
                               src.at("header"), holder)  # fmt: skip
    layout = _csv_lines(src.path, separator, first, src.at("header"), src.spec.footer,
                        encoding, headerless, src.at("names"),
                        renamed=names is not None)  # fmt: skip
    lines, header, header_line = layout.starts, layout.header, layout.header_line
    # Keep text as written ('-' stays '-'), so a non-number is reported, not guessed.
    # pandas skips records, not lines: a title quoted over two lines is one. A note wider
    # than the header (left out below, as `footer:` says) is read as wide as the header:
    # pandas stops at a wider line, and the rows wider than that are errors, above.
    frame = pd.read_csv(src.path, dtype=str, keep_default_na=False, encoding=encoding,
                        sep=separator, skiprows=layout.above, nrows=layout.records,
                        usecols=range(len(header)) if layout.cut or headerless else None,
                        header=None if headerless else "infer", names=headerless)  # fmt: skip
    if names is not None and headerless is None:
        # The header's own names give way to the ones the outline gives (or its rows'
        # together, for a header over several).
        at = src.at("names" if src.spec.names is not None else "header")
        frame = _renamed(frame, header, names, at, f"line {header_line} of {src.path.name}")
        header = list(names)
    # If the csv module and pandas disagree about rows (an odd dialect), fall back to the
    # simple count rather than name a wrong line.
    if len(lines) != len(frame):
        lines = tuple(range(2, len(frame) + 2))
    # ' name ' in an export's header is the column 'name' (two that only spaces tell apart
    # are reported as one name given twice, above).
    frame.columns = [clean_text(str(c)).strip() for c in frame.columns]
    origin = Origin(str(src.path), lines, early=early_cells(frame, lines), separator=separator)
    if separator == "\t" and len(frame.columns) and eurostat.is_eurostat(str(frame.columns[0])):
        frame, origin = eurostat.read(frame, origin, header_line)
        header = [str(c) for c in frame.columns]  # the key column is one per dimension
    frame, origin = _without_notes(src, *_without_described(src, frame, origin))
    if len(origin.lines) == len(frame):
        frame, kept = _without_blank_rows(frame, origin.lines)
        origin = replace(origin, lines=kept)
    # The header as written says which columns have no name (pandas calls them
    # 'Unnamed: 4', a name a file may hold too); a header shorter than pandas' columns
    # (an odd dialect) leaves the rest unnamed.
    written = [*header, *[""] * (len(frame.columns) - len(header))]

    def unnamed(k: int, cells: list[tuple[int, object]]) -> Problem:
        row, value = cells[0]
        line = origin.lines[row] if row < len(origin.lines) else None
        more = f" and {len(cells) - 1} more" if len(cells) > 1 else ""
        found = f"{written[k]!r} (spaces only)" if written[k] else "an empty cell"
        return Problem(
            Location(str(src.path), header_line, f"column {k + 1}"),
            f"expected a name in the header for column {k + 1}, which holds values "
            f"({str(value)[:40]!r} on line {line}{more}), found {found}",
            _spans_hint(header_line, line, list(frame.iloc[row]), written, k, "lines")
            or f"write the column's name in the header (line {header_line}, cell {k + 1}), "
            "or delete the column if it is not data",
        )

    blank = [k for k, name in enumerate(written[: len(frame.columns)]) if not name.strip()]
    return _without_unnamed(frame, blank, unnamed), origin


def _sep_line(path: Path, encoding: str) -> str | None:
    """The separator a CSV file's first line names as Excel reads it ('sep=;', which Excel
    writes in some exports and honours), or ``None``. The line was read as the header,
    its one cell 'sep=' (found in review)."""
    with path.open(newline="", encoding=encoding) as handle:
        line = handle.readline(16).rstrip("\r\n")
    return line[4] if len(line) == 5 and line.lower().startswith("sep=") else None


def csv_separator(path: Path, first: int = 1, footer: int | None = None,
                  encoding: str = "utf-8-sig", decimal: str | None = None, *,
                  headerless: bool = False) -> str:  # fmt: skip
    """The character between a CSV file's cells: a comma, or the semicolon or tab of a
    header that has no comma (Excel writes semicolons where a comma is the decimal mark,
    and a '.csv' is often tab-separated). Read from the first line that has text, from
    line ``first`` on (a title above the header may hold commas of its own).

    A header with both is read by the one that fits the lines below it best:
    'Land;Umsatz (Mio., EUR);Anteil' over 'Deutschland;1234.5;45' is semicolon-separated
    (it was split at the comma in a name, found by fuzzing). A line fits a separator when
    it has as many of it as the header; one with fewer (a short row, whose last cells are
    empty; a note) neither fits nor refutes it, one with more does (a row wider than the
    header is an error). The ``footer`` lines with text at the end of the file, which the
    reader leaves out, are not looked at: a note ('Quelle: Destatis') or a short row made
    every line but one fit, and the file was split at the commas of its names (found by
    fuzzing). The comma wins a tie, as it did when every line fitted both.

    Where the source says ``decimal: ","``, a semicolon or tab in the header separates the
    cells: the comma is the decimal mark (Excel writes such a file so). A file with no
    header line (``headerless``) has no header to break a tie with: '2023 JAN;8,8' fits
    both, and was split at its decimal comma, charting 8 for 8.8 (found in review); a tie
    there is a :class:`DataError` asking for ``decimal:``."""
    wanted = 1 + _SAMPLE + (footer or 0)
    with path.open(newline="", encoding=encoding, errors="replace") as handle:
        window = itertools.islice(handle, first - 1, first + 999)
        lines = list(itertools.islice((line for line in window if line.strip()), wanted))
        # The footer is known only when the lines read reach the end of the file; in a
        # longer file it is below the lines looked at.
        if footer and len(lines) < wanted and next(handle, None) is None:
            lines = lines[: max(1, len(lines) - footer)]
    if not lines:
        return ","
    header, rest = lines[0], lines[1 : 1 + _SAMPLE]
    others = [other for other in (";", "\t") if other in header]
    if "," not in header or (decimal == "," and others):
        return others[0] if others else ","

    def fit(separator: str) -> tuple[int, int, int]:
        # Lines that fit less lines that refute; then lines that hold it at all (rows all
        # short); then the header's cells (a decimal comma in every row fits both).
        want = header.count(separator)
        counts = [line.count(separator) for line in rest]
        fits = sum(n == want for n in counts) - sum(n > want for n in counts)
        return fits, sum(n > 0 for n in counts), want

    best = max(others, key=fit, default=",")  # the first of equals: ';' before a tab
    if headerless and best != "," and fit(best) == fit(",") and decimal is None:
        name = "semicolons" if best == ";" else "tabs"
        raise DataError(Problem(
            Location(str(path)),
            f"every line holds commas and {name} alike, and with no header line the file "
            "does not say which separates its cells",
            f"say decimal: \",\" in the data source if the comma is the decimal mark (8,8; "
            f"then {name} separate the cells), or decimal: \".\" if commas separate them",
        ))  # fmt: skip
    return best if best != "," and fit(best) > fit(",") else ","


#: How many lines below a CSV header :func:`csv_separator` looks at.
_SAMPLE = 20


class _CsvLayout(NamedTuple):
    """How a CSV file's records lie, as :func:`_csv_lines` reads them."""

    #: The line each data row starts on (the ``footer:`` lines too: the reader leaves
    #: them out of the table).
    starts: tuple[int, ...]
    #: How many records start above the header (a title or notes, skipped).
    above: int
    #: The header's cells as written, and its line.
    header: list[str]
    header_line: int
    #: Whether a ``footer:`` line has more cells than the header: read only as wide as it.
    cut: bool
    #: How many records the table has when another block follows it (a blank line, then
    #: comment lines and a second table, as Google Analytics exports), else ``None``: the
    #: table runs to the end of the file.
    records: int | None = None


def _csv_records(path: Path, separator: str, encoding: str,
                 lines: Sequence[int]) -> list[list[str]]:  # fmt: skip
    """The records that start on ``lines`` of a CSV file (an empty one where a line is
    blank or inside a record started above)."""
    found: dict[int, list[str]] = {}
    with path.open(newline="", encoding=encoding) as handle:
        reader = csv.reader(handle, delimiter=separator)
        start = 1
        for record in _records(reader, path):
            if start in lines:
                found[start] = record
            if start >= lines[-1]:
                break
            start = reader.line_num + 1
    return [found.get(line, []) for line in lines]


def _records(reader: Any, path: Path) -> Iterator[list[str]]:
    """The records of a CSV ``reader``, a cell past the csv module's limit (128 KB) an error
    at the line it starts on: Python's own words ('field larger than field limit') were
    said at the outline's line (found by fuzzing). Such a cell is most often the rest of the
    file after a quote never closed."""
    records, line = iter(reader), 1
    while True:
        try:
            record = next(records)
        except StopIteration:
            return
        except csv.Error as exc:
            limit = csv.field_size_limit()
            why = (
                f"a cell runs on past {limit:,} characters from this line"
                if "field larger" in str(exc)
                else f"the CSV cannot be read here ({exc})"
            )
            raise DataError(Problem(Location(str(path), line), why,
                                    'most often a quote (") opened and never closed: close '
                                    'it ("Laredo, TX"), or remove it')) from None  # fmt: skip
        yield record
        line = reader.line_num + 1


def _csv_lines(path: Path, separator: str = ",", first: int = 1, declared: Location | None = None,
               footer: int | None = None, encoding: str = "utf-8-sig",
               names: Sequence[str] | None = None, named: Location | None = None,
               renamed: bool = False) -> _CsvLayout:  # fmt: skip
    """The line each data row starts on (a quoted field may span lines, so count, not
    add), how many records start above line ``first``, and the header's cells as written
    and its line. The header is the first line with text from line ``first`` on
    (``header:``, declared at ``declared``, counts lines as an editor does); the records
    above it are skipped. A file with no header line has its columns' ``names`` given
    (declared at ``named``): every line with text from line ``first`` on is a row, and the
    header 'line' is 0. A header whose names are ``renamed`` (given in the outline) may
    name a column twice.

    Raises :class:`DataError` for an empty file, a column named twice in the header
    (pandas would silently read the second as 'value.1'), and each row with more cells
    than the header: pandas would silently turn its first column into an index and shift
    every value one column left. A shorter row's missing last cells are empty. The last
    ``footer`` lines with text are notes the reader leaves out: one with more cells (a
    comma in 'Source: Census Bureau, ACS') is no error (it was, whatever ``footer:`` said).
    """
    above = 0
    header: list[str] | None = list(names) if names is not None else None
    header_line = 0
    wider: list[tuple[int, list[str]]] = []
    rows: list[tuple[int, bool, bool]] = []  # each row's line, whether wider, whether text
    widths: list[tuple[int, int]] = []  # each row's line and its number of cells
    problems: list[Problem] = []
    ended = False
    comments: set[int] = set()  # the lines of rows that are comment lines
    with path.open(newline="", encoding=encoding) as handle:
        reader = csv.reader(handle, delimiter=separator)
        start = last = 1
        record: list[str] = []
        blank = False  # whether the line before was blank
        for record in _records(reader, path):
            last = start
            # pandas skips empty and whitespace-only lines; ',,' is a row of empty cells.
            if start < first:
                above += 1  # above the header: a title or notes
            elif header is not None and blank and _comment(record) and not _comment(header):
                # Another block: Google Analytics writes a table, a blank line, comment
                # lines ('# Start date: 20240101') and the next table, which was read as
                # rows of the first (found in review). The table ends at the blank line.
                ended = True
                break
            elif len(record) > 1 or (record and record[0].strip()):
                if header is None:
                    header, header_line = record, start
                    if not renamed:  # names given in their place need no check
                        problems += _csv_header(
                            path, start, [clean_text(c).strip() for c in record]
                        )
                else:
                    # A shorter row leaves its last cells out: they are empty, as many
                    # programs write a row whose trailing cells are (pandas pads them).
                    wide = len(record) > len(header)
                    if wide:
                        wider.append((start, record))
                    widths.append((start, len(record)))
                    text = bool(footer) and any(cell.strip() for cell in record)
                    rows.append((start, wide, text))
                    if _comment(record):
                        comments.add(start)
            blank = not (len(record) > 1 or (record and record[0].strip()))
            start = reader.line_num + 1
    notes = set([n for n, _, text in rows if text][-footer:]) if footer else set()
    wider = [(n, record) for n, record in wider if n not in notes]
    starts = [n for n, wide, _ in rows if not wide or n in notes]
    # A last record that ran on over lines to the end of the file, in a file with an odd
    # number of quotes (an odd count alone is no proof: 24" screen, unquoted, is text).
    if any("\n" in cell or "\r" in cell for cell in record) and _quotes(path) % 2:
        # pandas says "EOF inside string starting at row 2", counting rows, not lines.
        problems.append(
            Problem(
                Location(str(path), last),
                'a quote (") opened on this line is never closed: the rest of the file '
                "reads as one cell",
                'close it ("Laredo, TX"), or remove it',
            )
        )
    if names is not None:
        problems += _headerless(path, names, named, [(n, w) for n, w in widths if n not in notes],
                                wider)  # fmt: skip
        wider = []  # each said there
    if header is None:
        problems.append(
            Problem(
                declared if first > 1 and declared else Location(str(path)),
                f"the file has no text from line {first} on: expected a header line there"
                if first > 1
                else "the file is empty: expected a header line naming the columns, then a "
                "line per row",
                "count the file's lines from 1, as an editor numbers them"
                if first > 1
                else "write the header and the rows, or point the source at the right file",
            )
        )
    elif wider and len(wider) > len(starts) - len(comments):
        # Most rows are wider than the header: the header is the odd line, not each row
        # (comment lines, as Google Analytics writes its notes, are no rows to count).
        problems.append(_short_header(path, header, header_line, wider, len(starts)))
    else:
        problems += [_row_width(Location(str(path), n), header, r) for n, r in wider]
    if problems:
        raise DataError(problems)
    assert header is not None  # an empty file is a problem, raised above
    cut = any(wide and n in notes for n, wide, _ in rows)
    return _CsvLayout(tuple(starts), above, header, header_line, cut,
                      len(rows) if ended else None)  # fmt: skip


def _comment(record: list[str]) -> bool:
    """Whether a CSV record is a comment line: one cell starting with '#' (the rest
    empty), as Google Analytics writes its report's notes ('# Start date: 20240101')."""
    return (
        bool(record)
        and record[0].lstrip().startswith("#")
        and not any(cell.strip() for cell in record[1:])
    )


def _a_number(cell: str) -> bool:
    try:
        return to_number(cell) is not None
    except ValueError:
        return False


def _short_header(path: Path, header: list[str], line: int,
                  wider: list[tuple[int, list[str]]], others: int) -> Problem:  # fmt: skip
    """The problem of a header (on ``line``) with fewer cells than most rows below it
    (``wider``: line, cells; ``others`` the rest): a title, or notes, read as the header
    where the first wider line could name the columns (two cells or more, one not a
    number: the World Bank's download has two lines of notes of three cells above its
    header of 68, and each of its rows was said to hold an unquoted comma, found in
    review); else a header that leaves columns unnamed."""
    first, record = wider[0]
    if len(header) == 1:
        return Problem(
            Location(str(path), line),
            f"line {line} ({header[0][:60]!r}) has one cell and the lines after it "
            f"{len(record)}: a title above the table, read as its header",
            f"say where the header is: header: {first} in the data source (the lines above "
            "it are skipped)",
        )
    shown = ", ".join(cell.strip() for cell in header if cell.strip())[:60]
    filled = [cell for cell in record if cell.strip()]
    if len(filled) >= 2 and not all(map(_a_number, filled)):
        return Problem(
            Location(str(path), line),
            f"line {line} ({shown!r}) has {len(header)} cells and most lines after it more "
            f"({len(record)} on line {first}): notes above the table, read as its header",
            f"say where the header is: header: {first} in the data source (the lines above "
            "it are skipped)",
        )
    return Problem(
        Location(str(path), line),
        f"the header ({shown!r}) names {len(header)} columns, and {len(wider)} of the "
        f"{len(wider) + others} rows below it have more cells ({len(record)} on line {first})",
        f"name every column in the header (line {line}); or, if notes stand above the "
        "table, say where the header is: header: N in the data source",
    )


def _headerless(path: Path, names: Sequence[str], named: Location | None,
                widths: list[tuple[int, int]],
                wider: list[tuple[int, list[str]]]) -> list[Problem]:  # fmt: skip
    """The problems of a file with no header line whose rows (line, cells) do not have as
    many cells as it has ``names`` (declared at ``named``). Where most rows have another
    number of cells, the names are wrong: one problem, saying how many they must be. Else
    each row wider than the names (``wider``: line, cells) is one, as below a header. A row
    with fewer cells has its last ones empty, as below a header."""
    if not widths:
        return [Problem(Location(str(path)), f"the file has no rows: expected a line per row, "
                        f"of {len(names)} cells as names: gives", "point the source at the "
                        "right file")]  # fmt: skip
    counts: dict[int, int] = {}
    for _, cells in widths:
        counts[cells] = counts.get(cells, 0) + 1
    usual = max(counts, key=lambda cells: (counts[cells], cells))
    if usual != len(names):
        line = next(n for n, cells in widths if cells == usual)
        return [_names_problem(named or Location(str(path)), names, usual,
                               f"line {line} of {path.name}")]  # fmt: skip
    return [_row_width(Location(str(path), n), list(names), r, "names: gives")
            for n, r in wider]  # fmt: skip


def _names_with_header(loaded: LoadedOutline[Any], name: str, source: FileSource) -> None:
    """Refuse ``names:`` without ``header:``, and ``header: none`` without ``names:``.

    Names given alone could mean either of two files: one with no header line, or one whose
    header's names they replace; read as the wrong one, the header became a row, or the
    first row a header, without a word. So the source says which."""
    if source.names is not None and source.header is None:
        raise DataError(Problem(
            loaded.locate("data", name, "names"),
            "expected header: with names:, saying whether the file has a header line, "
            "found no header:",
            "write header: none if the file has no header line (its first line is a row), "
            "or header: N if line N is a header these names replace",
        ))  # fmt: skip
    if isinstance(source.header, list) and source.names is not None:
        raise DataError(Problem(
            loaded.locate("data", name, "names"),
            f"expected names: or a header over several rows, found both: header: "
            f"{source.header} names the columns by its rows",
            f"leave names: out to name the columns by the header's rows, or write header: "
            f"{source.header[-1]} for names: to replace the names of that row",
        ))  # fmt: skip
    if source.header == "none" and source.names is None:
        raise DataError(Problem(
            loaded.locate("data", name, "header"),
            "expected names: with header: none (a file with no header line has no names "
            "for its columns), found no names:",
            "name the columns in order: names: [period, value]",
        ))  # fmt: skip


def _header_line(spec: FileSource) -> int | None:
    """The line (sheet row) ``header:`` names, the last of several (the rows are read
    below it), or ``None``: the first with text (``header:`` left out), or none at all
    (``header: none``)."""
    if isinstance(spec.header, list):
        return spec.header[-1]
    return spec.header if isinstance(spec.header, int) else None


def _spanned_names(rows: Sequence[Sequence[object]], where: Location,
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
    cells = [[_header_text(row[k]) if k < len(row) and _filled(row[k]) else ""
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


def _spans_hint(header: int, line: int | None, below: Sequence[object],
                written: Sequence[object], k: int, lines: str) -> str | None:  # fmt: skip
    """The fix for a header cell left empty (column ``k`` of the header cells ``written``)
    whose column's first value is on ``line``, right below the ``header`` line (or sheet
    row: ``lines`` says which), in a row of names (``below``: text, no number): the header
    spans two rows, a merged cell ('2022' over 'Exports' and 'Imports') holding its text in
    its first column alone. It was told to write a name in each merged cell (found in
    review). Not a column of notes beside a table's numbers."""
    left = next((_header_text(w) for w in reversed(written[:k]) if _filled(w)), None)
    names = all(isinstance(c, str) and not _a_number(c) for c in below if _filled(c))
    value = below[k] if k < len(below) else None
    if left is None or line != header + 1 or not names or not isinstance(value, str):
        return None
    return (f"if the header spans {lines} {header} and {line} (a merged cell above names "
            f"the columns below it), read it so: header: [{header}, {line}] names each "
            f"column by both ({left + ' ' + value.strip()!r})")  # fmt: skip


def _renamed(frame: pd.DataFrame, header: Sequence[object], names: Sequence[str],
             where: Location, holder: str) -> pd.DataFrame:  # fmt: skip
    """``frame`` with its columns named by ``names`` (the source's ``names:``, at
    ``where``, or a header's over several rows) in place of its ``header``'s cells
    (``holder``: 'line 3 of t.csv'): one name per column, a column at the end with
    neither a name nor a value (the trailing ',,' Excel writes) not counted.

    Raises :class:`DataError` where the names are not as many as the columns."""
    columns = max(_used_columns(frame, header), default=-1) + 1
    if len(names) != columns:
        raise DataError(_names_problem(where, names, columns, holder))
    frame = frame.iloc[:, :columns].copy()
    frame.columns = list(names)
    return frame


def _used_columns(frame: pd.DataFrame, header: Sequence[object]) -> list[int]:
    """The positions of ``frame``'s columns that the ``header`` names or that hold a
    value: the others (the trailing ',,' Excel writes) are no columns."""
    named = [k < len(header) and _filled(header[k]) for k in range(len(frame.columns))]
    return [k for k, name in enumerate(named) if name or frame.iloc[:, k].map(_filled).any()]


def _names_problem(where: Location, names: Sequence[str], cells: int, holder: str) -> Problem:
    """``names`` (declared at ``where``) do not name the ``cells`` columns ``holder`` ('line
    3 of t.csv', 'row 1 of the sheet 'Data'') has: too few leave values without a name,
    too many name columns that are not there."""
    shown = ", ".join(names[:6]) + (", ..." if len(names) > 6 else "")
    return Problem(
        where,
        f"expected {cells} names, one per column ({holder} has {cells} cells), found "
        f"{len(names)}: {shown}",
        f"give {cells} names, in the order of the columns",
    )


def _quotes(path: Path) -> int:
    """How many quote characters ``path`` holds (counted in C, a chunk at a time)."""
    count = 0
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            count += chunk.count(b'"')
    return count


def _csv_header(path: Path, line: int, names: list[str]) -> list[Problem]:
    """Problems of a CSV header on ``line``: each column name given twice."""
    return duplicate_columns(
        names, lambda k: Location(str(path), line, names[k]), "columns", lambda k: str(k + 1)
    )


def _row_width(where: Location, header: list[str], record: list[str],
               given: str = "in the header") -> Problem:  # fmt: skip
    """A row with more cells than the header (or the names ``given``), named by its line."""
    return Problem(
        where,
        f"expected {len(header)} cells as {given}, found {len(record)}: {','.join(record)[:60]!r}",
        'quote a cell that contains a comma: "Laredo, TX"',
    )


def duplicate_columns(
    names: list[Any], at: Callable[[int], Location], what: str, label: Callable[[int], str]
) -> list[Problem]:
    """A problem for each header name given to more than one column: a chart or table
    naming it would silently get one of them (pandas renames the others 'value.1'). Names
    are compared as the tables hold them, as text; an empty header cell names none.
    ``at(k)`` is where the k-th header cell is, ``label(k)`` how a message names it among
    ``what`` ('columns 2 and 3', 'cells B1 and C1')."""
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
                f"give every column its own name: rename the others (e.g. {name + ' 2'!r})",
            )
        )
    return problems


def _column_letter(k: int) -> str:
    """Column ``k`` (0-based) as a spreadsheet names it: A, B, ..., Z, AA."""
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(k + 1))


def _same_name(path: Path) -> str | None:
    """The name of the one file beside ``path`` whose name is ``path``'s once both are in
    Unicode's composed form (NFC), if ``path`` itself is not there."""
    import unicodedata

    wanted = unicodedata.normalize("NFC", path.name)
    try:
        found = [p.name for p in path.parent.iterdir()
                 if unicodedata.normalize("NFC", p.name) == wanted]  # fmt: skip
    except OSError:
        return None
    return found[0] if len(found) == 1 else None


#: The files a data source may name, by suffix.
DATA_SUFFIXES = (".csv", ".tsv", ".xlsx", ".xlsm", ".json")
#: Delimited text, read by :func:`_read_csv` (a '.tsv' always at its tabs).
_TEXT = (".csv", ".tsv")


def _read_excel(src: _Source) -> tuple[pd.DataFrame, Origin]:
    import io

    import pandas as pd

    from deckgen.limits import check_package

    data = src.path.read_bytes()
    # Bounded and free of DTDs before openpyxl inflates and parses it (deckgen.limits); the
    # bytes checked are the bytes read.
    fix = "open it in Excel or LibreOffice and save it again as .xlsx"
    check_package(data, src.at("file"), DataError, "workbook", "Excel", fix)
    with pd.ExcelFile(io.BytesIO(data), engine="openpyxl") as book:
        sheets = [str(s) for s in book.sheet_names]
        sheet = src.spec.sheet
        if sheet is not None and sheet not in sheets:
            raise DataError(
                Problem(
                    src.at("sheet"),
                    f"workbook {src.spec.file!r} has no sheet {sheet!r}; "
                    f"its sheets are {one_of(sheets)}",
                    did_you_mean(sheet, sheets) or "sheet names are case-sensitive",
                )
            )
        # Without 'sheet:', the sheet Excel opens on: the first visible one (a hidden
        # first sheet is usually a lookup table, and was read instead, found by fuzzing).
        shown = [ws.title for ws in book.book.worksheets if ws.sheet_state == "visible"]
        name = sheet if sheet is not None else (shown or sheets)[0]
        _check_extent(data, src, name)
        # The rows above it are a title or notes: skipped. Without 'header:', the first
        # row with text, as a CSV's first line with text: a table set at B2, row 1 left
        # empty, was refused with 'header: 2' as the fix (found in review).
        first = _header_line(src.spec) or _first_row_with_text(book, name)
        headerless = src.spec.names if src.spec.header == "none" else None
        if headerless is not None:
            first -= 1  # no header: the rows start at the first with text, as below one
        # Text is kept as written: only an empty cell is missing ('NA' is Namibia, not
        # pandas' "not available"), as in a CSV file.
        frame = pd.read_excel(book, sheet_name=name, dtype=object, keep_default_na=False,
                              na_values=[""], header=None if headerless else first - 1,
                              skiprows=first if headerless else None)  # fmt: skip
        if len(frame.columns) == 0 and headerless is not None:
            raise DataError(Problem(Location(str(src.path)), f"the sheet {name!r} is empty: "
                                    "expected a row per item", "fill in the sheet, or point "
                                    "the source at the right workbook"))  # fmt: skip
        if len(frame.columns) == 0 and first > 1:
            raise DataError(
                Problem(
                    src.at("header"),
                    f"the sheet {name!r} has no row {first} with text: expected the header "
                    "row there",
                    "count the sheet's rows from 1, as its row numbers do",
                )
            )
        if len(frame.columns) == 0:
            raise DataError(
                Problem(
                    Location(str(src.path)),
                    f"the sheet {name!r} is empty: expected a header row naming the columns "
                    "in row 1, then a row per item",
                    f"name the sheet that holds the table with 'sheet:' (the workbook's sheets "
                    f"are {one_of(sheets)})"
                    if len(sheets) > 1
                    else "fill in the sheet, or point the source at the right workbook",
                )
            )
        if headerless is not None:
            header = written = []
        else:
            # pandas renames a repeated header ('value.1'): read the header row as written.
            row = pd.read_excel(book, sheet_name=name, header=None, skiprows=first - 1,
                                nrows=1, dtype=object)  # fmt: skip
            written = list(row.iloc[0])
            header = [c.strip() if isinstance(c, str) else c for c in written]
        spanned = None
        if isinstance(src.spec.header, list):
            lines = src.spec.header
            cells = pd.read_excel(book, sheet_name=name, header=None, skiprows=lines[0] - 1,
                                  nrows=len(lines), dtype=object)  # fmt: skip
            spanned = _spanned_names(
                [list(cells.iloc[k]) if k < len(cells) else [] for k in range(len(lines))],
                src.at("header"), f"rows {lines[0]}-{lines[-1]} of the sheet {name!r}",
            )  # fmt: skip
    names = src.spec.names if spanned is None else spanned
    if names is not None:
        # The header's own names (if it has one) give way to the ones the outline gives
        # (or its rows' together, for a header over several).
        holder = (f"row {first + 1} of the sheet {name!r}" if headerless is not None
                  else f"row {first} of the sheet {name!r}")  # fmt: skip
        at = src.at("names" if src.spec.names is not None else "header")
        frame = _renamed(frame, header, names, at, holder)
        header = written = list(names)
    problems = duplicate_columns(
        header,
        lambda k: Location(str(src.path), first, f"{name}!{_column_letter(k)}{first}"),
        "cells",
        lambda k: f"{_column_letter(k)}{first}",
    )
    if problems:
        raise DataError(problems)
    named = [str(cell) for cell in header if not pd.isna(cell) and str(cell).strip()]
    columns = max(len(header), len(frame.columns))  # a row read alone drops empty ends
    if len(named) < min(2, columns):
        # No names, or one above several columns: a blank row or a title, not the header.
        found = f"row {first} of the sheet {name!r} "
        found += (f"holds one cell ({named[0][:60]!r}) above {columns} columns: a title"
                  if named else "is empty")  # fmt: skip
        below = _header_below(frame, first)
        raise DataError(
            Problem(
                Location(str(src.path), first, f"{name}!A{first}"),
                f"{found}, read as the table's header, so its columns have no names",
                f"say where the header is: header: {below} in the data source (row {below} "
                "is the first below it that names its columns; the rows above the header "
                "are skipped)"
                if below
                else "say where the header is with header: N in the data source, N the "
                "sheet row that names the columns (as Excel numbers its rows)",
            )
        )
    if frame.isna().to_numpy().any():  # a blank may be a formula or an error cell
        _check_cells(data, src, name, first, header)
    frame, as_percent = _as_percent_shown(data, name, first, frame)
    frame = _days_as_dates(frame)
    # A header cell holding 2023 must match `y: "2023"` in the outline, and one holding a
    # date (a month's column, shown 'Jan 2023') `y: "2023-01-01"`, not '2023-01-01 00:00:00'.
    frame.columns = [_header_text(c) for c in frame.columns]
    percent = {str(frame.columns[k]): (_column_letter(k), rows)
               for k, rows in as_percent.items()}  # fmt: skip
    # pandas keeps blank rows inside a sheet (data row k is sheet row k + first + 1): left
    # out, as a CSV's blank lines are, each kept row named by its own sheet row.
    frame, rows = _without_blank_rows(frame, range(first + 1, first + 1 + len(frame)))
    origin = Origin(str(src.path), rows, sheet=name, early=early_cells(frame, rows),
                    percent=percent)  # fmt: skip
    frame, origin = _without_notes(src, *_without_described(src, frame, origin))

    def unnamed(k: int, cells: list[tuple[int, object]]) -> Problem:
        letter, (row, value) = _column_letter(k), cells[0]
        line = origin.lines[row] if row < len(origin.lines) else None
        more = f" and {len(cells) - 1} more" if len(cells) > 1 else ""
        cell = written[k] if k < len(written) else None
        found = f"{cell!r} (spaces only)" if isinstance(cell, str) and cell else "an empty cell"
        return Problem(
            Location(str(src.path), first, f"{name}!{letter}{first}"),
            f"expected a name in {letter}{first} for column {letter}, which holds values "
            f"({str(value)[:40]!r} in {letter}{line}{more}), found {found}",
            _spans_hint(first, line, list(frame.iloc[row]), written, k, "rows")
            or f"write the column's name in {letter}{first}, or delete column {letter} if "
            "it is not data",
        )

    # A header cell that is empty or holds spaces names no column; one past the header's
    # last cell neither (pandas calls both 'Unnamed: 4').
    blank = [k for k in range(len(frame.columns))
             if k >= len(header) or not _filled(header[k])]  # fmt: skip
    if blank and src.spec.names is None:
        _refuse_notes_above(frame, origin, header, blank, first, name)
    # Column k of the frame is the sheet's column k + 1 (pandas reads from column A).
    hidden, hidden_cols = _hidden_rows(data, name)
    covered = [(str(frame.columns[k]), f"{_column_letter(k)}{first}")
               for k in range(len(frame.columns))
               if k + 1 in hidden_cols and k not in blank]  # fmt: skip
    frame = _without_unnamed(frame, blank, unnamed)
    return frame, replace(origin, hidden=tuple(r for r in origin.lines if r in hidden),
                          hidden_columns=tuple(covered))  # fmt: skip


def _refuse_notes_above(frame: pd.DataFrame, origin: Origin, header: list[Any],
                       blank: list[int], first: int, sheet: str) -> None:  # fmt: skip
    """Refuse a header row that leaves columns of values unnamed (``blank``) where a row
    below it, among the first, names every column that holds anything: notes above the
    table (the World Bank's 'Data Source', 'World Development Indicators' over its header
    row), read as its header. Each column was said to need a name in the notes' row (found
    in review)."""
    used = _used_columns(frame, header)
    rows = list(frame.head(EARLY_ROWS + 1).itertuples(index=False, name=None))
    for k, row in enumerate(rows[:EARLY_ROWS]):
        if not all(_filled(row[c]) for c in blank):
            continue  # a row of notes, blank under the unnamed columns
        # The first row that fills the unnamed columns: a header if it names every column
        # with text there, over a row of values (numbers, dates) in them.
        after = rows[k + 1] if k + 1 < len(rows) else ()
        if (all(_filled(row[c]) for c in used) and all(isinstance(row[c], str) for c in blank)
                and any(c < len(after) and _filled(after[c]) and not isinstance(after[c], str)
                        for c in blank)):  # fmt: skip
            below = origin.lines[k]
            shown = ", ".join(str(c).strip() for c in header if _filled(c))[:60]
            raise DataError(Problem(
                Location(str(origin.file), first, f"{sheet}!A{first}"),
                f"row {first} of the sheet {sheet!r} ({shown!r}) names {len(used) - len(blank)} "
                f"of the {len(used)} columns that hold values, and row {below} names them all: "
                "notes above the table, read as its header",
                f"say where the header is: header: {below} in the data source (the rows "
                "above it are skipped)",
            ))  # fmt: skip
        return


#: The most cells the reader may build for a sheet whose cells are sparse: pandas makes
#: every cell of the rectangle from A1 to the last row and column holding a value.
MAX_SPARSE_GRID = 10_000_000
#: How many times the cells holding values that rectangle may be before it is refused.
SPARSE_RATIO = 10


def _check_extent(data: bytes, src: _Source, sheet: str) -> None:
    """Refuse a sheet whose cells with values span a rectangle far larger than they fill.

    The reader builds every cell from A1 to the last row and column holding a value: one
    stray cell at XFD1048576 (a 5 KB workbook) made it build 17 billion and fail with an
    empty MemoryError at 2.7 GB (found by fuzzing). Counted from the sheet's XML as a
    stream, in bounded memory, before the reader runs."""
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as package:
        part = package.read(_sheet_part(package, sheet))
    if _within_grid(part):
        return
    cells = rows = columns = 0
    far_row = far_column = "A1"
    for row, column, cell in _cells(io.BytesIO(part)):
        # Only a value makes a cell the reader keeps (a styled empty cell is trimmed).
        if not any(child.tag.endswith(("}v", "}is")) for child in cell):
            continue
        cells += 1
        if row > rows:
            rows, far_row = row, f"{_column_letter(column)}{row}"
        if column + 1 > columns:
            columns, far_column = column + 1, f"{_column_letter(column)}{row}"
    grid = rows * columns
    if grid <= MAX_SPARSE_GRID or grid <= SPARSE_RATIO * cells:
        return
    stray = " and ".join(dict.fromkeys([far_row, far_column]))
    lie = f"the cells at {stray} lie" if " and " in stray else f"the cell at {stray} lies"
    raise DataError(
        Problem(
            Location(str(src.path), rows, f"{sheet}!{far_row}"),
            f"the sheet {sheet!r} spans A1:{_column_letter(columns - 1)}{rows} ({grid:,} "
            f"cells) but only {cells:,} of them hold values: reading it would build every "
            f"empty cell between them (deckgen reads at most {MAX_SPARSE_GRID:,} cells of a "
            f"sheet that sparse); {lie} far from the rest",
            f"delete the stray cells ({stray}) in Excel or LibreOffice (select the rows below "
            "the table and the columns right of it, delete them, save), or copy the table "
            "to a new sheet and name it with 'sheet:'",
        )
    )


_CELL_WITHOUT_REF = re.compile(rb"""<(?:[\w.-]+:)?c(?![^>]*\sr\s*=)[\s/>]""")
_ROW_WITHOUT_REF = re.compile(rb"""<(?:[\w.-]+:)?row(?![^>]*\sr\s*=)[\s/>]""")


def _within_grid(part: bytes) -> bool:
    """Whether a sheet's XML certainly spans at most :data:`MAX_SPARSE_GRID` cells, told by
    a few searches of its bytes (no parse: parsing 50,000 rows took 1.4 s, these searches
    a tenth of that): every cell and row says where it is, and no cell reference has more
    column letters, nor any row number more digits, than that many cells allow. ``False``
    means "count them" (:func:`_check_extent`), not "too many"."""
    if _CELL_WITHOUT_REF.search(part) or _ROW_WITHOUT_REF.search(part):
        return False  # a place known only by counting (the standard allows it)
    columns = 26  # one letter: A to Z; most sheets need one search to know
    if re.search(rb"""\sr\s*=\s*["'][A-Za-z]{2}""", part):
        columns = 16_384 if re.search(rb"""\sr\s*=\s*["'][A-Za-z]{3}""", part) else 702
    # A row number with as many digits as the most rows allowed may be more than that.
    digits = len(str(MAX_SPARSE_GRID // columns))
    return not re.search(rb"""<(?:[\w.-]+:)?row(?=\s)[^>]*\sr\s*=\s*["']\s*\d{%d}""" % digits, part)


def _filled(cell: object) -> bool:
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


_Line = TypeVar("_Line")  # a line (int | None) or a sheet row (int)


def _without_blank_rows(
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
             if not _filled(cell) and not any(_filled(c) for c in frame.iloc[k])}  # fmt: skip
    if not blank:
        return frame, lines
    kept = [k for k in range(len(frame)) if k not in blank]
    # Positions from 0 again: a row's position is its place in Origin.lines.
    return frame.iloc[kept].reset_index(drop=True), tuple(lines[k] for k in kept)


def _without_unnamed(frame: pd.DataFrame, unnamed: list[int], problem: _Unnamed) -> pd.DataFrame:
    """``frame`` without the columns at positions ``unnamed`` (no name in the header) that
    hold nothing. An export writes such columns (an Excel CSV's trailing ',,' for cells
    once touched, a header cell holding a space): kept, they were columns named
    'Unnamed: 4' that an ``unpivot`` turned into empty categories drawn on the chart, with
    no word (found by fuzzing). One that holds values is a column the reader cannot name:
    an error for each, ``problem(k, cells)`` with its filled cells (position, value)."""
    empty: list[int] = []
    problems: list[Problem] = []
    for k in unnamed:
        cells = [(r, c) for r, c in enumerate(frame.iloc[:, k].tolist()) if _filled(c)]
        if cells:
            problems.append(problem(k, cells))
        else:
            empty.append(k)
    if problems:
        raise DataError(problems)
    if not empty:
        return frame
    return frame.iloc[:, [k for k in range(len(frame.columns)) if k not in empty]]


#: A row's start tag that hides it (any prefix, either quote; LibreOffice writes "true"),
#: and the row's number in it.
_HIDDEN_ROW = re.compile(
    rb"""<(?:[\w.-]+:)?row(?=\s)[^>]*?\shidden\s*=\s*["'](?:1|true)["'][^>]*>"""
)
_ROW_NUMBER = re.compile(rb"""\sr\s*=\s*["'](\d+)["']""")
#: A column range's tag that hides it (``<col min="4" max="4" hidden="1"/>``).
_HIDDEN_COL = re.compile(
    rb"""<(?:[\w.-]+:)?col(?=\s)[^>]*?\shidden\s*=\s*["'](?:1|true)["'][^>]*>"""
)
_COL_SPAN = (re.compile(rb"""\smin\s*=\s*["'](\d+)["']"""),
             re.compile(rb"""\smax\s*=\s*["'](\d+)["']"""))  # fmt: skip


def _hidden_rows(data: bytes, sheet: str) -> tuple[set[int], set[int]]:
    """The rows (as the sheet numbers them) that Excel hides in the sheet named ``sheet``
    of the workbook ``data``: hidden by hand, by an AutoFilter or in a collapsed group, a
    row says ``hidden="1"``; and the columns it hides (numbered from 1), whose ranges say
    so: a hidden helper column was read into an unpivot's years without a word (fuzzing
    round 8, 4). Read from the sheet's XML (pandas and openpyxl's read-only mode say
    nothing of either)."""
    import io
    import zipfile

    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(data)) as package:
        part = package.read(_sheet_part(package, sheet))
    columns: set[int] = set()
    for tag in _HIDDEN_COL.findall(part):
        low, high = (found.search(tag) for found in _COL_SPAN)
        if low is not None:  # min and max are required; a tag without is not read
            columns.update(range(int(low[1]), int((high or low)[1]) + 1))
    # Most sheets hide nothing, and those that do say where in each hidden row's tag: found
    # by one search, not by parsing 50,000 rows (0.3 s).
    tags = _HIDDEN_ROW.findall(part)
    numbers = [_ROW_NUMBER.search(tag) for tag in tags]
    if all(numbers):
        return {int(number[1]) for number in numbers if number}, columns
    hidden: set[int] = set()
    row = 0
    for _, element in etree.iterparse(io.BytesIO(part), events=("end",), tag="{*}row",
                                      resolve_entities=False):  # fmt: skip
        # A row's number is its 'r', or, where a writer leaves it out (as the standard
        # allows), the next one: counted over every row.
        row = int(element.get("r") or row + 1)
        if element.get("hidden") in ("1", "true"):
            hidden.add(row)
        element.clear()
        while element.getprevious() is not None:  # rows read: let them go
            del element.getparent()[0]
    return hidden, columns


def _days_as_dates(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with each cell Excel stores as a date at midnight read as that day.

    Excel has no date without a time: a cell shown '01/2020' holds 2020-01-01 00:00:00,
    which a chart wrote out in full as its label (found by fuzzing). A day is what the
    sheet shows, and what a date column declared in the outline reads (a time axis, 'Jan
    2020'); a cell with a time of day keeps it.
    """
    import datetime as dt

    import pandas as pd

    out = frame
    for k, column in enumerate(frame.columns):
        cells = frame.iloc[:, k].tolist()
        if any(isinstance(c, dt.datetime | bool) for c in cells):
            out = out.copy() if out is frame else out
            out[column] = pd.Series([_as_shown(c) for c in cells], index=frame.index,
                                    dtype=object)  # fmt: skip
    return out


def _as_shown(cell: object) -> object:
    """A sheet's cell as it shows it: a date at midnight as its day, TRUE and FALSE as
    the words (Python's True was printed on slides and in tables: fuzzing)."""
    import datetime as dt

    if isinstance(cell, bool):
        return "TRUE" if cell else "FALSE"
    if isinstance(cell, dt.datetime) and cell.time() == dt.time():
        return cell.date()
    return cell


def _as_percent_shown(
    data: bytes, sheet: str, first: int, frame: pd.DataFrame
) -> tuple[pd.DataFrame, dict[int, frozenset[int]]]:
    """``frame`` with each number its sheet formats as a percentage read as the sheet shows
    it: Excel stores 45% as 0.45, and deckgen's percentages are in percent (``percent:0``
    writes 45 as 45%), so 0.45 is read as 45. Exact in decimal (0.07 reads 7, not
    7.000000000000001). With it, the sheet rows of the numbers so read, by column
    position (:attr:`Origin.percent`: a chart's ``scale: 100`` over them is an error).

    Which cells are percentages is read from the sheet's XML, each cell's style index,
    not through openpyxl: a second pass of openpyxl over 50,000 rows took 4.4 s, this one
    a fraction of that.
    """
    import io
    import zipfile
    from decimal import Decimal

    import pandas as pd

    with zipfile.ZipFile(io.BytesIO(data)) as package:
        styles = _percent_styles(package)
        if not styles:
            return frame, {}  # most workbooks: one look at the styles, no pass over the cells
        found = [(row - first - 1, column)
                 for row, column, cell in _cells(package.open(_sheet_part(package, sheet)))
                 if row > first and (cell.get("s") or "").isdigit()
                 and int(cell.get("s")) in styles]  # fmt: skip
    rows_of: dict[int, list[int]] = {}
    for row, column in found:
        if row < len(frame) and column < len(frame.columns):
            rows_of.setdefault(column, []).append(row)
    if not rows_of:
        return frame, {}
    frame = frame.copy()
    read: dict[int, frozenset[int]] = {}
    for column, rows in rows_of.items():  # a column at a time: frame.iat is slow
        cells = frame.iloc[:, column].tolist()
        scaled = set()
        for row in rows:
            value = cells[row]
            if isinstance(value, int | float) and not isinstance(value, bool) and value == value:
                cells[row] = float(Decimal(repr(value)) * 100)
                scaled.add(row + first + 1)  # its sheet row
        frame.isetitem(column, pd.Series(cells, index=frame.index, dtype=object))
        if scaled:
            read[column] = frozenset(scaled)
    return frame, read


def _xml(part: bytes) -> Any:
    """A package part parsed (the package was checked for size and DTDs before, see
    :mod:`deckgen.limits`); valid XML whatever its quotes or prefixes."""
    from lxml import etree

    return etree.fromstring(part, etree.XMLParser(resolve_entities=False, no_network=True))


def _sheet_part(package: zipfile.ZipFile, sheet: str) -> str:
    """Where in the package the worksheet named ``sheet`` is: the workbook names it, and
    its relationships say which part it is."""
    import posixpath

    def local_id(element: Any) -> str | None:  # r:id, whatever the prefix's namespace
        return next((v for k, v in element.attrib.items() if k.endswith("}id")), None)

    book = _xml(package.read("xl/workbook.xml"))
    rid = next(local_id(e) for e in book.iter("{*}sheet") if e.get("name") == sheet)
    rels = _xml(package.read("xl/_rels/workbook.xml.rels"))
    target = next(e.get("Target", "") for e in rels.iter("{*}Relationship") if e.get("Id") == rid)
    return target.lstrip("/") if target.startswith("/") else posixpath.normpath(
        posixpath.join("xl", target))  # fmt: skip


def _percent_styles(package: zipfile.ZipFile) -> set[int]:
    """The cell styles (their places in ``cellXfs``) that format numbers as a percentage:
    Excel's own formats 9 and 10 (0%, 0.00%), or one of the workbook's with a '%' in it.

    Parsed as XML, not searched as text: single-quoted attributes and prefixed tags are
    valid, and a search for ``numFmtId="9"`` missed them (found by fuzzing)."""
    from lxml import etree

    try:
        root = _xml(package.read("xl/styles.xml"))
    except (KeyError, etree.XMLSyntaxError):
        return set()  # openpyxl has read the workbook: it says what is wrong, if anything
    percent = {"9", "10"}
    for element in root.iter("{*}numFmt"):
        if scales_to_percent(element.get("formatCode", "")):
            percent.add(element.get("numFmtId", ""))
    return {k for k, xf in enumerate(root.iterfind("{*}cellXfs/{*}xf"))
            if xf.get("numFmtId") in percent}  # fmt: skip


def _cells(sheet: IO[bytes]) -> Iterator[tuple[int, int, Any]]:
    """Each cell element of a sheet's XML with its row (from 1, as the sheet numbers them)
    and column (from 0), read as a stream (lxml: a second pass of openpyxl over 50,000
    rows took 4.4 s, this a fraction of it). A cell's place is its ``r`` ("B7"), or,
    where a writer leaves it out (the standard allows it), the next after the one before.
    Valid XML whatever its quotes or prefixes; the element is cleared after it is used."""
    from lxml import etree

    row = column = 0
    parts = etree.iterparse(sheet, events=("start", "end"), tag=("{*}row", "{*}c"),
                            resolve_entities=False)  # fmt: skip
    for event, element in parts:
        if element.tag.endswith("row"):
            if event == "start":
                row = int(element.get("r") or row + 1)
                column = 0
            else:
                element.clear()
                while element.getprevious() is not None:  # rows read: let them go
                    del element.getparent()[0]
            continue
        if event == "start":
            continue
        ref = element.get("r")
        if ref:
            column = 0
            for letter in ref.rstrip("0123456789").upper():
                column = column * 26 + ord(letter) - 64
            column -= 1
        yield row, column, element
        column += 1
        element.clear()


#: What a number format shows as written rather than formats: a quoted text ("%"), an
#: escaped character (\%), a colour or locale in brackets ([Red], [$-409]).
_LITERAL = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')


def scales_to_percent(code: str) -> bool:
    """Whether Excel number format ``code`` shows a number times 100 with a percent sign
    ('0%', '0.0%'): a '%' that is format, not a literal ('0"%"' and '0\\%' show 45 as '45%'
    and store 45, which a test of '%' alone read as 4500)."""
    return "%" in _LITERAL.sub("", code)


def _header_text(cell: object) -> str:
    """A header cell as a column name: a date as its ISO day (with its time, if it has one
    other than midnight), anything else as written, without spaces around it."""
    import datetime as dt

    if isinstance(cell, dt.datetime):
        return cell.date().isoformat() if cell.time() == dt.time() else cell.isoformat(" ")
    return str(cell).strip()


def _header_below(frame: pd.DataFrame, header: int) -> int | None:
    """The sheet row of the first row below row ``header`` that could be a header: two
    cells or more, one of them text (within the first rows, as :attr:`Origin.early` keeps
    them). Not two of text: a header of years ('Faculty', 2020, 2024) holds numbers, and
    the hint said 'header: N' for the commonest report layout (found by fuzzing). A row
    with empty cells over columns of values, under one that names them all, is a group
    row over the header ('2023' merged over 'Q1' and 'Q2'): the hint named it, and the
    build then refused its empty cell (found by fuzzing)."""
    rows = [list(cells) for _, cells in frame.head(EARLY_ROWS + 1).iterrows()]
    used = [any(_filled(row[c]) for row in rows) for c in range(len(frame.columns))]

    def named(row: list[object]) -> bool:
        filled = [cell for cell in row if _filled(cell)]
        return len(filled) >= 2 and any(isinstance(cell, str) for cell in filled)

    def full(row: list[object]) -> bool:
        """Text in every column that holds anything: a header of names alone, not a row
        of values (whose first cell is text too)."""
        return all(isinstance(cell, str) and _filled(cell)
                   for cell, u in zip(row, used, strict=True) if u)  # fmt: skip

    for k, row in enumerate(rows[:EARLY_ROWS]):
        if named(row):
            after = rows[k + 1] if k + 1 < len(rows) else None
            grouped = not full(row) and after is not None and named(after) and full(after)
            return header + 2 + k if grouped else header + 1 + k
    return None


#: How a note below a table starts ("Source: BEA", "Notes. ...", "* preliminary").
_NOTE = re.compile(r"\s*(?:(?:sources?|notes?|footnotes?)\s*[:.]|[*†‡])", re.IGNORECASE)


def _without_described(
    src: _Source, frame: pd.DataFrame, origin: Origin
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
        return frame.iloc[keep], replace(origin, lines=tuple(origin.lines[k] for k in keep))
    if len(frame) < 2 or len(frame.columns) < 2:
        return frame, origin
    first = list(frame.iloc[0])
    said = [c for c in first[1:] if _filled(c)]
    if _filled(first[0]) or not said:
        return frame, origin
    if not all(isinstance(c, str) and _words(c) for c in said):
        return frame, origin
    if any(str(frame.columns[k]).startswith("Unnamed: ") for k, c in enumerate(first)
           if k and _filled(c)):  # fmt: skip
        # Names under a header cell left empty: a header over two rows (its own error
        # says so, with header: [N, N+1]), not a line of units.
        return frame, origin
    numbers = [k for k in range(1, len(first)) if _filled(first[k]) and any(
        isinstance(c, int | float) or (isinstance(c, str) and _a_number(c))
        for c in frame.iloc[1:, k])]  # fmt: skip
    if not numbers:
        return frame, origin
    line, k = origin.lines[0], numbers[0]
    column, text = str(frame.columns[k]), str(first[k])
    field = f"{origin.sheet}!{_column_letter(k)}{line}" if origin.sheet else column
    place = f"row {line}" if origin.sheet else f"line {line}"
    described = all(len(str(c).split()) >= 3 for c in said)
    raise DataError(Problem(
        Location(str(src.path), line, field),
        f"{place} describes the columns ({text[:60]!r} under {column!r}), as Meta's "
        "Insights export writes it under its header, and would be read as a row of the "
        "table" if described else
        f"{place} gives the columns' units ({text[:60]!r} under {column!r}), as statistics "
        "offices' exports write them under the header, and would be read as a row of the "
        "table",
        f"leave it out with skip: [{line}] in the data source"
        + ("" if described else ", and put the unit in the column's name or the chart's "
           "format"),
    ))  # fmt: skip


def _words(cell: str) -> bool:
    """Whether a cell is words: no number, and no mark for a missing one ('n/a', '-')."""
    try:
        to_number(cell)
    except ValueError:
        return True
    return False


def _without_notes(
    src: _Source, frame: pd.DataFrame, origin: Origin
) -> tuple[pd.DataFrame, Origin]:
    """The table without the ``footer:`` lines at its end (and blank rows above them);
    without ``footer:``, refuse notes found there, which a chart would draw as categories
    without values: rows with text in their first cell alone, after a blank line or
    starting as a note does ("Source:", "Note:", "*")."""

    def line(row: int) -> int | None:
        return origin.lines[row] if row < len(origin.lines) else None

    rows = [[_filled(c) for c in cells] for cells in frame.itertuples(index=False)]
    if src.spec.footer is not None:
        texts = [k for k, r in enumerate(rows) if any(r)]
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
        return frame.iloc[:end], replace(origin, lines=origin.lines[:end])
    if len(frame.columns) < 2:
        return frame, origin
    # The rows at the end with text in their first cell alone (blank rows between them).
    notes: list[int] = []
    k = len(rows)
    while k > 0 and not any(rows[k - 1][1:]):
        k -= 1
        if rows[k][0]:
            notes.append(k)
    # The notes start at the first of them after a blank line or starting as a note does;
    # those above it are data: a 'Total' row without values right under the table hid
    # the 'Source: OICA.' after a blank line below it, drawn as a category (found in
    # review).
    for first in reversed(notes):
        text = str(frame.iat[first, 0])
        here, above = line(first), line(first - 1)
        after_blank = first > 0 and (not any(rows[first - 1]) or (
            here is not None and above is not None and here - above > 1))  # fmt: skip
        if first > 0 and (after_blank or _NOTE.match(text)):
            break
    else:
        return frame, origin  # last rows without values: data, as any other
    count = sum(1 for k in notes if k >= first)
    field = f"{origin.sheet}!A{here}" if origin.sheet else None
    raise DataError(
        Problem(
            Location(origin.file, here, field),
            f"{text[:60]!r} is a note below the table: text in the first of its "
            f"{len(frame.columns)} columns alone, read as a row, would be drawn as a "
            "category without a value",
            f"leave the notes out with footer: {count} in the data source (it counts the "
            "lines with text at the end)",
        )
    )


def _first_row_with_text(book: Any, sheet: str) -> int:
    """The sheet row (from 1) of the first of its first rows that has a cell filled; 1
    where none of them has (the sheet's emptiness is said where it is read)."""
    import pandas as pd

    head = pd.read_excel(book, sheet_name=sheet, header=None, nrows=EARLY_ROWS, dtype=object)
    for k, row in enumerate(head.itertuples(index=False, name=None)):
        if any(_filled(cell) for cell in row):
            return k + 1
    return 1


def _check_cells(data: bytes, src: _Source, sheet: str, first: int, header: list[Any]) -> None:
    """Refuse formula cells without a saved result, and error cells.

    deckgen reads the results a spreadsheet program saved with each formula; a workbook
    written by a script (openpyxl, many exports) has formulas but no results, and a
    formula that failed saves an error (``#DIV/0!``, ``#N/A``, ``#VALUE!``...): pandas
    reads both as empty cells, a value silently missing. Raises :class:`DataError` naming
    each such cell, from the header row ``first`` down (a title above it is not read);
    ``header`` names the columns.
    """
    import io
    import zipfile

    problems: list[Problem] = []
    unsaved: list[tuple[Location, str]] = []  # one fix for all: said once (fuzzing)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        part = package.read(_sheet_part(package, sheet))
        # A formula (<f>, or <x:f> as the Open XML SDK writes it) or an error (t="e").
        if not re.search(rb"""<(?:\w+:)?f[\s/>]|\st=["']e["']""", part):
            return  # no formulas or errors: the blanks are blank (one cheap search)
        for row, column, cell in _cells(io.BytesIO(part)):
            if row < first:
                continue
            formula = next(cell.iterfind("{*}f"), None)
            saved = next(cell.iterfind("{*}v"), None)
            value = saved.text if saved is not None else None
            # '#N/A' is how a workbook says "no value" on purpose (=NA() leaves a gap in
            # an Excel chart): read as missing, like '-'. Any other error is a formula
            # that failed, whose value the reader would silently lose.
            error = cell.get("t") == "e" and value != "#N/A"
            if not (formula is not None and value is None) and not error:
                continue
            text = f"={formula.text}" if formula is not None and formula.text else None
            written = repr(text[:40]) if text else "a formula shared with the cells above"
            name = header[column] if column < len(header) else None
            named = str(name) if name is not None and str(name) == str(name) else None
            where = Location(str(src.path), row, f"{sheet}!{_column_letter(column)}{row}")
            what = f"column {named or _column_letter(column)!r}"
            if not error:
                unsaved.append((where, f"{what}: the cell holds the formula {written}"))
            else:
                made = f" (the result of {written})" if formula is not None else ""
                problems.append(Problem(
                    where, f"{what}: expected a value, found the Excel error {value!r}{made}",
                    "fix the formula or the cell in the workbook so it holds a value (an "
                    "empty cell or '-' for a missing one), save it and build again",
                ))  # fmt: skip
    if unsaved:
        (where, said), more = unsaved[0], [w.field for w, _ in unsaved[1:]]
        listed = ", ".join(map(str, more[:5])) + (", ..." if len(more) > 5 else "")
        others = f", and so do {counted(len(more), 'more cell')} ({listed})" if more else ""
        problems.insert(0, Problem(
            where, f"{said} but no calculated value{others} (the workbook was saved by a "
            "program that does not calculate)", "open the workbook in Excel or LibreOffice "
            "and save it, so the values are stored with the formulas",
        ))  # fmt: skip
    if problems:
        raise DataError(problems)


def _read_json(src: _Source) -> tuple[pd.DataFrame, Origin]:
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


_READERS: dict[str, Callable[[_Source], tuple[pd.DataFrame, Origin]]] = {
    ".csv": _read_csv,
    ".tsv": _read_csv,
    ".xlsx": _read_excel,
    ".xlsm": _read_excel,
    ".json": _read_json,
}
#: Options that only mean something for some file types; given for another, they are errors.
_TABLES = (*_TEXT, ".xlsx", ".xlsm")
_ONLY_FOR = {"sheet": (".xlsx", ".xlsm"), "records": (".json",), "header": _TABLES,
             "names": _TABLES, "footer": _TABLES, "skip": _TABLES, "decimal": _TEXT,
             "encoding": _TEXT}  # fmt: skip


def load_tables(
    loaded: LoadedOutline[Any],
    *,
    allow_outside: bool = False,
    kept: dict[str, tuple[object, pd.DataFrame]] | None = None,
) -> dict[str, pd.DataFrame]:
    """Read every data source of the outline, and make its derived tables
    (:mod:`deckgen.tables.derive`); name -> DataFrame.

    ``kept`` (a long-running process's): each file's table as last read, reused while its
    declaration and the file's bytes are the same, and updated here; an edit to one file
    of many reads that file alone.

    Raises :class:`DataError` naming the outline line of a missing or unreadable file, and
    the file, line and column of every value that does not fit a declared column type.
    """
    tables: dict[str, pd.DataFrame] = {}
    problems: list[Problem] = []
    now: dict[str, tuple[object, pd.DataFrame]] = {}  # what `kept` holds after this read
    for name, source in loaded.outline.data.items():
        if isinstance(source, DerivedSource):
            continue  # made below, from the tables read here
        stamp = None
        try:
            if isinstance(source, InlineSource):
                frame, origin = _inline(loaded, name, source)
            else:
                stamp = _stamp(loaded, name, source, allow_outside) if kept is not None else None
                hit = kept.get(name) if kept is not None and stamp is not None else None
                if hit is not None and hit[0] == stamp:
                    now[name] = hit
                    tables[name] = hit[1]
                    continue
                frame, origin = _read_file(loaded, name, source, allow_outside)
            frame = apply_types(frame, source.columns, origin, _declared_at(loaded, name), name)
        except DeckgenError as exc:
            problems.extend(exc.problems)
            continue
        frame.attrs["file"] = origin.file
        frame.attrs["origin"] = origin
        tables[name] = frame
        # Kept only if the file is as it was before the read: one saved meanwhile (an
        # editor writing it under `deckgen watch`) is read again next time.
        if stamp is not None and _stamp(loaded, name, source, allow_outside) == stamp:
            now[name] = (stamp, frame)
    if kept is not None:
        kept.clear()
        kept.update(now)
    derive(loaded, tables, problems)
    if problems:
        raise DataError(problems)
    return tables


@dataclass(frozen=True)
class ReadFinding:
    """What a table as read holds that the user may not know of (rows a sheet hides,
    values read without their flags): the table read from the file (its name), the rows'
    positions in it, and what to say (where, what, the fix)."""

    source: str
    rows: tuple[int, ...]
    problem: Problem

    def __str__(self) -> str:
        """The build's warning: the place, then what and the fix in one sentence."""
        return f"{self.problem.location}: {self.problem.message}; {self.problem.hint}"


def hidden_rows(tables: dict[str, pd.DataFrame]) -> list[ReadFinding]:
    """What the tables as read hold that the user may not know of, once per sheet: rows
    Excel hides, which are read as any other (a hidden 'World Total' was drawn as a bar
    and summed into a title, with no word; found by fuzzing). They are kept, as the data
    is the data, and named with the filter that leaves them out. The build warns of them
    (:func:`read_warnings`) and ``deckgen check`` reports them (NUM012).

    A table made from another carries its source's origin: each sheet is said once, from
    the table read from it (its rows are the sheet's)."""
    out: list[ReadFinding] = []
    said: set[tuple[str, str | None]] = set()
    for name, frame in tables.items():
        origin = frame.attrs.get("origin")
        if not isinstance(origin, Origin) or origin.rows is not None:
            continue
        if not (origin.hidden or origin.hidden_columns):
            continue
        if (origin.file, origin.sheet) in said or len(frame) != len(origin.lines):
            continue
        said.add((origin.file, origin.sheet))
        if origin.hidden:
            position = {line: k for k, line in enumerate(origin.lines)}
            rows = tuple(position[r] for r in origin.hidden)
            out.append(ReadFinding(name, rows, _hidden_problem(frame, origin)))
        if origin.hidden_columns:
            out.append(ReadFinding(name, (), _hidden_columns_problem(origin)))
    return out


def flagged_values(tables: dict[str, pd.DataFrame]) -> list[ReadFinding]:
    """The values of each Eurostat file read without their flags (provisional, estimated:
    :mod:`deckgen.tables.eurostat`), once per file, from the table read from it. The build
    warns of them (:func:`read_warnings`) and ``deckgen check`` reports them (NUM015)."""
    out: list[ReadFinding] = []
    said: set[str] = set()
    for name, frame in tables.items():
        origin = frame.attrs.get("origin")
        if not isinstance(origin, Origin) or origin.rows is not None or not origin.flagged:
            continue
        if origin.file in said or len(frame) != len(origin.lines):
            continue
        said.add(origin.file)
        lines = {line for line, *_ in origin.flagged}
        rows = tuple(k for k, line in enumerate(origin.lines) if line in lines)
        out.append(ReadFinding(name, rows, eurostat.flagged_problem(origin)))
    return out


def read_warnings(tables: dict[str, pd.DataFrame]) -> list[str]:
    """:func:`hidden_rows` and :func:`flagged_values` as the build's warnings, one per sheet
    or file."""
    return [str(found) for found in [*hidden_rows(tables), *flagged_values(tables)]]


def _hidden_problem(frame: pd.DataFrame, origin: Origin) -> Problem:
    """The hidden rows of a sheet's table: where the first is, a message naming them and
    their first cells, and the fix (the filter that leaves them out)."""
    hidden = origin.hidden
    parts = [f"{a}-{b}" if b > a else str(a) for a, b in _runs(hidden)]
    rows = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    many = len(hidden) > 1
    at = Location(origin.file, hidden[0], f"{origin.sheet}!A{hidden[0]}")
    position = {line: k for k, line in enumerate(origin.lines)}
    labels = [frame.iat[position[r], 0] for r in hidden]
    shown = ", ".join(repr(str(v)) for v in labels[:3] if _filled(v))
    more = f" and {len(labels) - 3} more" if len(labels) > 3 else ""
    message = (
        f"{'rows' if many else 'row'} {rows} of the sheet {origin.sheet!r} "
        f"{'are' if many else 'is'} hidden in Excel and read as data"
        + (f" ({shown}{more})" if shown else "")
    )
    fix = (f"if {'they are' if many else 'it is'} not data, leave {'them' if many else 'it'} "
           "out with a filter")  # fmt: skip
    # The filter to write, when the first cells name the rows (a few, each filled); a
    # number as a number (a filter's value matches a number cell however it is written).
    if len(labels) <= 5 and all(_filled(v) for v in labels):
        values = ", ".join(
            json.dumps(v if isinstance(v, int | float) and not isinstance(v, bool) else str(v),
                       ensure_ascii=False)
            for v in labels
        )  # fmt: skip
        column = json.dumps(str(frame.columns[0]), ensure_ascii=False)
        fix += f": filter: [{{column: {column}, op: not in, value: [{values}]}}]"
    return Problem(at, message, fix)


def _hidden_columns_problem(origin: Origin) -> Problem:
    """The hidden columns of a sheet's table: where the first is, a message naming them,
    and the fix. A column is read as data only where something names it or takes every
    column (an unpivot's default, a table of every column): the fix says where to leave
    it out."""
    named = origin.hidden_columns
    many = len(named) > 1
    shown = ", ".join(f"{name!r} ({cell.rstrip('0123456789')})" for name, cell in named)
    row = int(named[0][1].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    at = Location(origin.file, row, f"{origin.sheet}!{named[0][1]}")
    message = (f"{'columns' if many else 'column'} {shown} of the sheet {origin.sheet!r} "
               f"{'are' if many else 'is'} hidden in Excel and read as data")  # fmt: skip
    fix = (f"if {'they are' if many else 'it is'} not data, delete {'them' if many else 'it'} "
           "from the sheet, or name the columns to read where a step takes every other "
           "column (an unpivot's columns:)")  # fmt: skip
    return Problem(at, message, fix)


def _runs(numbers: tuple[int, ...]) -> list[tuple[int, int]]:
    """Sorted whole numbers as runs of consecutive ones: (4, 5, 9) is (4, 5), (9, 9)."""
    runs: list[tuple[int, int]] = []
    for n in numbers:
        if runs and runs[-1][1] == n - 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    return runs


def _stamp(
    loaded: LoadedOutline[Any], name: str, source: FileSource, allow_outside: bool
) -> object:
    """What a file source's table depends on: its declaration, where the outline declares
    it (messages name those lines), and the file by content; ``None`` for no file."""
    from deckgen.io import file_digest

    where = loaded.locate("data", name, "file")
    path = confine(source.file, loaded.root, where, allow_outside=allow_outside)
    digest = file_digest(path)
    if digest is None:
        return None
    columns = [loaded.locate("data", name, "columns", c) for c in source.columns]
    return (source.model_dump_json(), repr(where), repr(columns), str(path), digest)


def _declared_at(loaded: LoadedOutline[Any], name: str) -> Callable[[str], Location]:
    """Where source ``name`` declares a column's type, for messages."""
    return lambda column: loaded.locate("data", name, "columns", column)


def _inline(
    loaded: LoadedOutline[Any], name: str, source: InlineSource
) -> tuple[pd.DataFrame, Origin]:
    import pandas as pd

    lines = tuple(loaded.locate("data", name, "rows", i).line for i in range(len(source.rows)))
    origin = Origin(str(loaded.path), lines, path=f"data.{name}.rows")
    return pd.DataFrame(source.rows), origin


def _read_file(
    loaded: LoadedOutline[Any], name: str, source: FileSource, allow_outside: bool
) -> tuple[pd.DataFrame, Origin]:
    where = loaded.locate("data", name, "file")
    path = confine(source.file, loaded.root, where, allow_outside=allow_outside)
    suffix = path.suffix.lower()
    if suffix == ".xls" and _first_bytes(path).startswith(b"PK\x03\x04"):
        # A workbook named .xls that is an .xlsx inside, as LinkedIn's and many web apps'
        # exports are: it was told to be saved as .xlsx, which it is (found in review).
        suffix = ".xlsx"
    reader = _READERS.get(suffix)
    if reader is None:
        if path.is_dir():  # 'file: data' named the folder: say so (fuzzing)
            raise DataError(_folder_problem(where, source.file))
        raise DataError(
            Problem(
                where,
                f"expected a .csv, .tsv, .xlsx, .xlsm or .json file, found {source.file!r}",
                _suffix_hint(path, source.file, suffix),
            )
        )
    for option, suffixes in _ONLY_FOR.items():
        if getattr(source, option) is not None and suffix not in suffixes:
            raise DataError(
                Problem(
                    loaded.locate("data", name, option),
                    f"{option!r} applies to {'/'.join(suffixes)} files only, "
                    f"not to {source.file!r}",
                    f"remove '{option}:'",
                )
            )
    _names_with_header(loaded, name, source)
    if not path.exists():
        # macOS writes 'é' in a file name as 'e' and an accent (NFD), an editor as one
        # character (NFC): the same name, which a byte-wise lookup called "not found" with
        # a did-you-mean that looked identical (found by fuzzing).
        same = _same_name(path)
        if same is not None:
            written = str(PurePosixPath(source.file).with_name(same))
            path = confine(written, loaded.root, where, allow_outside=allow_outside)
    if path.is_dir():
        raise DataError(_folder_problem(where, source.file))
    if path.exists() and not path.is_file():
        raise DataError(Problem(
            where, f"the data file {source.file!r} is not a regular file (a FIFO, a device "
            "or a socket): reading it might never end",
            "name a .csv, .tsv, .xlsx, .xlsm or .json file",
        ))  # fmt: skip
    if not path.is_file():
        raise DataError(Problem(
            where, f"data file not found: {source.file!r} (looked in {path.parent})",
            nearest_file(path, source.file, DATA_SUFFIXES, "data files"),
        ))  # fmt: skip
    named = getattr(source, "encoding", None)  # a CSV's, where it is not UTF-8
    head = read_regular_head(path, 4096) if suffix in (*_TEXT, ".json") and not named else None
    if head is not None and suffix in _TEXT and marked_utf16(head):
        # Its byte-order mark says it: Excel's 'Unicode Text' and the IMF's download are
        # UTF-16, and were told to be saved as UTF-8 (found in review).
        source = source.model_copy(update={"encoding": "utf-16"})
        named = source.encoding
    elif head is not None and (utf16 := utf16_problem(path, head=head)) is not None:
        # UTF-16 without a byte-order mark reads as UTF-8 with a NUL beside every letter.
        raise DataError(utf16)
    src = _Source(name, source, path, loaded)
    try:
        frame, origin = reader(src)  # a CSV or a sheet without the notes below (_without_notes)
    except DeckgenError:
        raise
    except UnicodeDecodeError as exc:
        if named is not None:
            byte = exc.object[exc.start : exc.start + 1].hex()
            raise DataError(Problem(
                where, f"the file is not {named} text: byte 0x{byte} cannot be read",
                "name the encoding the file is saved in, or save it as UTF-8 and leave "
                "'encoding' out",
            )) from None  # fmt: skip
        line, message, hint = not_utf8(path)
        if suffix in _TEXT:
            # Excel's 'CSV (Comma delimited)' is in the system's code page: a team whose
            # export is refused each time it is saved again can name it once.
            hint += ("; or, if it is saved so each time, name its encoding: encoding: "
                     "windows-1252 in the data source (Excel's 'CSV (Comma delimited)' on a "
                     "Western Windows)")  # fmt: skip
        raise DataError(Problem(Location(str(path), line), message, hint)) from None
    except MemoryError:  # its text is empty: say what happened
        raise DataError(Problem(
            where, f"cannot read {source.file!r}: it needs more memory than this machine "
            "gives (MemoryError)", "make the file smaller: save only the table a chart "
            "needs, or split it into several files",
        )) from None  # fmt: skip
    except (IndexError, KeyError, AttributeError, TypeError) as exc:
        # The reader tripped over the file's own structure (a sheet whose part is missing
        # or points outside the workbook: 'list index out of range', found by fuzzing).
        raise DataError(Problem(
            where, f"cannot read {source.file!r}: the file is damaged or not what its name "
            f"says ({_reason(exc)})", "open it in the program that made it and save it again",
        )) from None  # fmt: skip
    except Exception as exc:  # pandas raises many types for a malformed file
        raise DataError(Problem(where, f"cannot read {source.file!r}: {_reason(exc)}")) from None
    frame = _clean_names(frame, origin)
    if source.missing:
        frame = _without_marks(frame, set(source.missing))
    if source.decimal is None and origin.separator == ";":
        _comma_thousands(frame, origin, name, source)
    if source.decimal == ",":
        _point_decimals(frame, origin, name, source)
        frame = _with_decimal_points(frame)
    return frame, origin


def _first_bytes(path: Path) -> bytes:
    """The first bytes of the regular file at ``path``, none if it cannot be read (the
    reader's own error says why) or is no regular file (a FIFO named .xls would never end
    its read)."""
    return read_regular_head(path, 512) or b""


def _folder_problem(where: Location, written: str) -> Problem:
    """The data file ``written`` is a folder: what to name instead."""
    return Problem(
        where, f"the data file {written!r} is a folder, not a file",
        "name a .csv, .tsv, .xlsx, .xlsm or .json file inside it, e.g. "
        f"file: {written.rstrip('/')}/data.csv",
    )  # fmt: skip


def _suffix_hint(path: Path, written: str, suffix: str) -> str | None:
    """The fix for a data file ``written`` (at ``path``) whose suffix no reader takes.

    A name without its suffix ('data/table' beside data/table.csv) was told only which
    suffixes are read, with no word of the file that is there (found by fuzzing): the
    hint names it, or, for a file that has no suffix, the name to give it."""
    first = _first_bytes(path) if suffix == ".xls" else b""
    if first.lstrip().startswith(b"<"):
        return ("it is a web page (HTML) named .xls, as some sites export a table: open it "
                "in Excel or LibreOffice and save it as .xlsx, or download the table as "
                "CSV")  # fmt: skip
    utf16 = first[:2] in UTF16_MARKS
    text = first.decode("utf-16" if utf16 else "utf-8", "replace")
    if first and not first.startswith(b"\xd0\xcf\x11\xe0") and "\t" in text:
        # The IMF's World Economic Outlook download is tab-separated text named .xls.
        base = written.removesuffix(path.suffix)
        return (f"it is text with tabs between its cells, named .xls (as the IMF's World "
                f"Economic Outlook download is): rename it {base + '.tsv'!r}, and the "
                "outline's 'file:' with it")  # fmt: skip
    if suffix == ".xls":  # the old binary format needs another library (xlrd), for one case
        return "save the workbook as .xlsx"
    inner = PurePosixPath(written).with_suffix("")
    if suffix in (".gz", ".zip") and inner.suffix.lower() in DATA_SUFFIXES:
        # Eurostat's bulk download is 'estat_prc_hicp_aind.tsv.gz'.
        return (f"unpack it first ({'gunzip' if suffix == '.gz' else 'unzip'} {path.name}) "
                f"and name the file inside: file: {str(inner)!r}")  # fmt: skip
    named = [written + s for s in DATA_SUFFIXES if path.with_name(path.name + s).is_file()]
    if named:
        return "did you mean " + " or ".join(repr(n) for n in named) + "?"
    if path.is_file() and suffix in ("", ".txt", ".dat", ".tab"):
        base = written.removesuffix(path.suffix) if suffix else written
        return (f"if it is a CSV file, rename it {base + '.csv'!r} (or {base + '.tsv'!r} "
                "if tabs separate its cells), and the outline's 'file:' with it; deckgen "
                "reads a file by its suffix")  # fmt: skip
    if not path.exists():
        return nearest_file(path, written, DATA_SUFFIXES, "data files")
    return None


def _without_marks(frame: pd.DataFrame, marks: set[str]) -> pd.DataFrame:
    """``frame`` with each cell that is one of ``marks`` (``missing:``, a statistics
    office's '..') empty, as a blank cell is read. A number cell (a sheet's, JSON's) is
    compared as written: the Census Bureau's -666666666 is a number in a sheet or a
    pandas export, and was kept whatever missing: said (found in review)."""

    def mark(cell: object) -> bool:
        if isinstance(cell, str):
            return cell.strip() in marks
        if isinstance(cell, int | float) and not isinstance(cell, bool) and math.isfinite(cell):
            return (str(int(cell)) if float(cell).is_integer() else str(cell)) in marks
        return False

    return frame.map(lambda cell: "" if mark(cell) else cell)


def _clean_names(frame: pd.DataFrame, origin: Origin) -> pd.DataFrame:
    """``frame`` with its column names free of control characters, as its cells are
    (:mod:`deckgen.tables.text`): a NUL inside a header cell made 'coun\\x00try', which no
    outline can name (found by fuzzing). Two names that then read alike are an error."""
    names = [clean_text(c) if isinstance(c, str) else c for c in frame.columns]
    if names == list(frame.columns):
        return frame
    problems = duplicate_columns(
        names, lambda k: Location(origin.file, None, f"column {k + 1}"), "columns",
        lambda k: str(k + 1),
    )  # fmt: skip
    if problems:
        raise DataError(problems)
    frame = frame.copy()
    frame.columns = names
    return frame


#: A number with one comma and three digits after it, and no point: '1,234', '-12,500'.
#: In a file separated by semicolons it may be 1.234 as much as 1234.
_ONE_COMMA = re.compile(r"[-+\u2212]?[$€£¥]?\s*[1-9]\d{0,2},\d{3}\s*[%$€£¥]?", re.ASCII)


def _comma_thousands(frame: pd.DataFrame, origin: Origin, name: str, source: FileSource) -> None:
    """Refuse the numbers of a semicolon-separated CSV (as Excel writes one where the
    comma is the decimal mark) written with one comma and three digits ('1,234'), unless
    the source says what its comma is (``decimal:``): read as a thousands comma, 1,234 was
    charted 1000 times too big where the export meant 1.234 (found by fuzzing). One
    problem per column; a column declared text is text."""
    problems = []
    for column in frame.columns:
        spec = source.columns.get(str(column))
        if spec is not None and spec.type == "text":
            continue
        cells = frame[column].tolist()
        found = [k for k, c in enumerate(cells)
                 if isinstance(c, str) and _ONE_COMMA.fullmatch(c.strip())]  # fmt: skip
        if not found:
            continue
        example = str(cells[found[0]]).strip()
        more = f" (and {len(found) - 1} more cells)" if len(found) > 1 else ""
        point = example.replace(",", ".")
        problems.append(Problem(
            origin.cell(found[0], str(column)),
            f"the file is separated by semicolons, as Excel writes a file where a comma "
            f"marks decimals, and column {str(column)!r} holds {example!r}{more}: it may be "
            f"{point} (a decimal comma) or {example.replace(',', '')} (a thousands comma)",
            f"say which: add decimal: \",\" to data.{name} if the comma marks decimals "
            f"({example} is then {point}), or decimal: \".\" if it separates thousands",
        ))  # fmt: skip
    if problems:
        raise DataError(problems)


#: A number written with a decimal point, not points between thousands ('12.5', '-0.75').
_POINT_DECIMAL = re.compile(r"[-+\u2212]?[$€£¥]?\s*\d+\.(\d{1,2}|\d{4,})\s*[%$€£¥]?", re.ASCII)


def _point_decimals(frame: pd.DataFrame, origin: Origin, name: str, source: FileSource) -> None:
    """Refuse a number written with a decimal point in a source whose numbers have a
    decimal comma (``decimal: ","``): there a point is between thousands, so '1.234' is
    1234, and '12.5' beside it was read as twelve and a half, one point meaning two things
    in one column (fuzzing round 8, 2). One problem per column; a column declared text is
    text. ('1.234', three digits after the point, is a thousand and more, as declared.)"""
    problems = []
    for column in frame.columns:
        spec = source.columns.get(str(column))
        if spec is not None and spec.type == "text":
            continue
        cells = frame[column].tolist()
        found = [k for k, c in enumerate(cells)
                 if isinstance(c, str) and _POINT_DECIMAL.fullmatch(c.strip())]  # fmt: skip
        if not found:
            continue
        example = str(cells[found[0]]).strip()
        more = f" (and {counted(len(found) - 1, 'more cell')})" if len(found) > 1 else ""
        problems.append(Problem(
            origin.cell(found[0], str(column)),
            f"column {str(column)!r} holds {example!r}{more}, a number with a decimal point, "
            f"where data.{name} says its numbers have a decimal comma (decimal: \",\"): there "
            "a point is between thousands, so the point would mean two things",
            f"write it {example.replace('.', ',')} as the file's other numbers are, or, if "
            f"the file writes decimals with a point, remove decimal: \",\" from data.{name}",
        ))  # fmt: skip
    if problems:
        raise DataError(problems)


def _reason(exc: BaseException) -> str:
    """An exception as the reason in a message: its text, or its type where it has none
    (a message ending 'cannot read 'p.xlsx': ' named no reason; found by fuzzing)."""
    text = str(exc).strip()
    return text or f"{type(exc).__name__} (no details given)"


def _with_decimal_points(frame: pd.DataFrame) -> pd.DataFrame:
    """A CSV's numbers written with a decimal comma (``decimal: ","``), as the rest of
    deckgen reads them: '1.234,5' becomes '1234.5'; every other cell is kept as written."""
    from deckgen.tables.select import decimal_comma

    def point(cell: object) -> object:
        return (decimal_comma(cell) or cell) if isinstance(cell, str) else cell

    out = frame.copy()
    for column in out.columns:
        out[column] = out[column].map(point)
    return out
