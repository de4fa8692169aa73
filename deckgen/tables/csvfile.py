"""Read a delimited text file (.csv, .tsv) as a table: its separator, the lines above its
header and below its last row, a header on one line or several, quoted fields that span
lines, and Eurostat's TSV (:mod:`~deckgen.tables.eurostat`).
"""

from __future__ import annotations

import csv
import itertools
from dataclasses import replace
from typing import TYPE_CHECKING, Any, NamedTuple

from deckgen.errors import DataError, Location, Problem
from deckgen.io import clean_text
from deckgen.tables import eurostat
from deckgen.tables.framing import (
    NAMES_FIX,
    Reading,
    a_number,
    duplicate_columns,
    header_row,
    names_problem,
    spanned_names,
    spans_hint,
    with_names,
    without_blank_rows,
    without_described,
    without_notes,
    without_unnamed,
)
from deckgen.tables.origin import Origin, early_cells

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence
    from pathlib import Path

    import pandas as pd


#: The most columns a CSV file may have: a spreadsheet's most (Excel's XFD).
MAX_COLUMNS = 16_384


def read_csv(src: Reading) -> tuple[pd.DataFrame, Origin]:
    import pandas as pd

    encoding = src.spec.encoding or "utf-8-sig"
    said = _sep_line(src.path, encoding)
    # The lines above the header are a title or notes (or Excel's 'sep=;'): skipped.
    first = header_row(src.spec) or (2 if said else 1)
    headerless = src.spec.names if src.spec.header == "none" else None
    # A '.tsv' is read at its tabs, and so is an '.xls' that comes here: tab-separated
    # text under a workbook's name (the IMF's download; see sources._tabbed).
    tabbed = src.path.suffix.lower() in (".tsv", ".xls")
    separator = "\t" if tabbed else said or csv_separator(
        src.path, first, src.spec.footer, encoding, src.spec.decimal,
        headerless=headerless is not None)  # fmt: skip
    names = src.spec.names
    if isinstance(src.spec.header, list):
        spanned = src.spec.header
        holder = f"lines {spanned[0]}-{spanned[-1]} of {src.path.name}"
        names = spanned_names(_csv_records(src.path, separator, encoding, spanned),
                               src.at("header"), holder)  # fmt: skip
    layout = _csv_lines(src.path, separator, first, src.at("header"), src.spec.footer,
                        encoding, headerless, src.at("names"),
                        renamed=names is not None)  # fmt: skip
    lines, header, header_line = layout.starts, layout.header, layout.header_line
    if len(header) > MAX_COLUMNS:
        # Each column is read, cleaned and judged on its own: a file of 200,000 columns
        # over two rows took 64 s and 0.9 GB, and one of a million did not finish (fuzzing).
        raise DataError(Problem(
            Location(str(src.path), header_line),
            f"the header has {len(header):,} columns; deckgen reads at most "
            f"{MAX_COLUMNS:,}, as many as a spreadsheet holds",
            "save the file with the columns the deck shows, or with the columns turned "
            "into rows (a long table: one row per row and column)",
        ))  # fmt: skip
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
        frame, named = with_names(frame, header, names, at,
                                  f"line {header_line} of {src.path.name}")  # fmt: skip
        header = ["" if n is None else str(n) for n in named]
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
    frame, origin = without_described(src, *without_notes(src, frame, origin))
    if len(origin.lines) == len(frame):
        frame, kept = without_blank_rows(frame, origin.lines)
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
            spans_hint(header_line, line, list(frame.iloc[row]), written, k, "lines")
            or f"write the column's name in the header (line {header_line}, cell {k + 1}), "
            "or delete the column if it is not data"
            + NAMES_FIX,
        )

    blank = [k for k, name in enumerate(written[: len(frame.columns)]) if not name.strip()]
    return without_unnamed(frame, blank, unnamed), origin


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
    if not others and "," not in header:
        return _below_a_title(rest)
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


def _below_a_title(lines: list[str]) -> str:
    """The separator of the lines below a first line that has none (a title, as
    Destatis' GENESIS tables open: 'GENESIS-Tabelle: 61111-0002' over lines of
    semicolons, which read at their commas were told to take line 2, another title, for
    their header; found in review): a semicolon or a tab where three lines at least hold
    the same two or more of it, and more lines so than commas; else a comma."""

    def fitting(separator: str) -> int:
        counts = [line.count(separator) for line in lines]
        usual = max(set(counts), key=counts.count, default=0)
        return counts.count(usual) if usual >= 2 else 0

    best = max((";", "\t"), key=fitting)
    return best if fitting(best) >= 3 and fitting(best) > fitting(",") else ","


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
            long = "field larger" in str(exc)
            why = (
                f"a cell runs on past {limit:,} characters from this line"
                if long
                else f"the CSV cannot be read here ({exc})"
            )
            fix = ('most often a quote (") opened and never closed: close it ("Laredo, TX"), '
                   "or remove it")  # fmt: skip
            if long and not _quoted(path, line, limit):
                # No quote there: the cell is that long as written (a pasted document),
                # and a quote to close was the wrong fix (found by a hostile-input review).
                fix = (
                    "no quote opens it: the cell itself is that long, far more than a "
                    "slide or card shows; shorten it in the file, or leave its column out"
                )
            raise DataError(Problem(Location(str(path), line), why, fix)) from None
        yield record
        line = reader.line_num + 1


def _quoted(path: Path, line: int, limit: int) -> bool:
    """Whether a quote is among the first ``limit`` characters from line ``line`` of the CSV
    file ``path`` on (a quote is the same byte in every encoding a CSV here is read in)."""
    with path.open(newline="", encoding="latin-1") as handle:
        for _ in range(line - 1):
            handle.readline()
        return '"' in handle.read(limit)


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
            elif header is not None and record == [""]:
                # A quoted empty line ('""', as Statistics Canada writes a blank line) is a
                # row to pandas, empty (left out with the blank rows), not a blank line:
                # uncounted, every row after it was named by a line two off, and skip: left
                # out the wrong one (found in review).
                rows.append((start, False, False))
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
                # Said at the outline's 'header:' line: the file is named here, as the
                # location does not (a 1-byte file named .xls, read as tab-separated text,
                # was refused without its name: found by the property test).
                f"{path.name!r} has no text from line {first} on: expected a header line there"
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
        below = _second_table(widths, wider)
        problems += [_row_width(Location(str(path), n), header, r, hint=below)
                     for n, r in wider]  # fmt: skip
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
        # The first wider line that names two columns: Destatis' title lines below its
        # first one are as wide, each a cell of text and empty ones (found in review).
        first, record = next(((n, r) for n, r in wider if sum(bool(c.strip()) for c in r) >= 2
                              and not all(map(a_number, filter(str.strip, r)))),
                             wider[0])  # fmt: skip
        return Problem(
            Location(str(path), line),
            f"line {line} ({header[0][:60]!r}) has one cell and the lines after it "
            f"{len(record)}: a title above the table, read as its header",
            f"say where the header is: header: {first} in the data source (the lines above "
            "it are skipped)",
        )
    shown = ", ".join(cell.strip() for cell in header if cell.strip())[:60]
    filled = [cell for cell in record if cell.strip()]
    if len(filled) >= 2 and not all(map(a_number, filled)):
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
                        f"of {len(names)} cells as names: lists", "point the source at the "
                        "right file")]  # fmt: skip
    counts: dict[int, int] = {}
    for _, cells in widths:
        counts[cells] = counts.get(cells, 0) + 1
    usual = max(counts, key=lambda cells: (counts[cells], cells))
    if usual != len(names):
        line = next(n for n, cells in widths if cells == usual)
        return [names_problem(named or Location(str(path)), names, usual,
                               f"line {line} of {path.name}")]  # fmt: skip
    below = _second_table(widths, wider)
    return [_row_width(Location(str(path), n), list(names), r, "names: lists", hint=below)
            for n, r in wider]  # fmt: skip


def _second_table(widths: list[tuple[int, int]],
                  wider: list[tuple[int, list[str]]]) -> str | None:  # fmt: skip
    """The fix when the rows wider than the header are a second table under the first:
    two lines at least, one after another, to the end of the file, under a title after a
    blank line (Mailchimp's campaign report ends with 'Clicks by URL' and a table of
    three columns, which was told to quote a comma: found in review); else ``None``."""
    lines = [n for n, _ in wider]
    rows = [n for n, _ in widths]
    if len(lines) < 2 or lines != list(range(lines[0], lines[0] + len(lines))):
        return None
    if rows[-1] != lines[-1]:
        return None  # rows of the first width below them: no second table
    start = rows.index(lines[0])
    while start > 0 and rows[start - 1] == rows[start] - 1 and widths[start - 1][1] <= 1:
        start -= 1  # its title ('Clicks by URL') on the lines right above it
    count = len(rows) - start
    return (
        f"lines {rows[start]} to {lines[-1]} are a second table below this one, as "
        f"exports write several in one file: leave them out of this source with "
        f"footer: {count}, and read that table as a source of its own, its header on "
        f"line {lines[0]} (header: {lines[0]})"
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
    return duplicate_columns(names, lambda k: Location(str(path), line, names[k]), "columns",
                             lambda k: str(k + 1), header=True)  # fmt: skip


def _row_width(where: Location, header: list[str], record: list[str],
               given: str = "in the header", *, hint: str | None = None) -> Problem:  # fmt: skip
    """A row with more cells than the header (or the names ``given``), named by its line;
    ``hint`` where the fix is another (:func:`_second_table`)."""
    return Problem(
        where,
        f"expected {len(header)} cells as {given}, found {len(record)}: {','.join(record)[:60]!r}",
        hint or 'quote a cell that contains a comma: "Laredo, TX"',
    )
