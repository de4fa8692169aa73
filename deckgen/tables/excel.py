"""Read a sheet of an Excel workbook (.xlsx, .xlsm) as a table: its cells as shown (a
percent cell as its percent, a date as a date), hidden rows and columns, and the checks
made on the workbook's XML before pandas reads it (a sparse grid that would fill memory,
error and formula cells).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from deckgen.errors import DataError, Location, Problem, counted, did_you_mean, one_of
from deckgen.io import shortened
from deckgen.outline.words import CURRENCY_SIGNS
from deckgen.tables.framing import (
    NAMES_FIX,
    Reading,
    column_letter,
    duplicate_columns,
    header_row,
    header_text,
    is_filled,
    spanned_names,
    spans_hint,
    used_columns,
    with_names,
    without_blank_rows,
    without_described,
    without_notes,
    without_unnamed,
)
from deckgen.tables.origin import EARLY_ROWS, Origin, early_cells

if TYPE_CHECKING:
    import zipfile
    from collections.abc import Iterator
    from typing import IO

    import pandas as pd


def read_excel(src: Reading) -> tuple[pd.DataFrame, Origin]:
    return read_book(src, src.path.read_bytes())


def read_book(src: Reading, data: bytes) -> tuple[pd.DataFrame, Origin]:
    """The table in the sheet ``src`` names of the .xlsx workbook ``data`` (the source's
    file, or an .xls as the .xlsx it would be saved as: :mod:`deckgen.tables.xls`)."""
    import io

    import pandas as pd

    from deckgen.limits import check_package

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
                    # 'Case-sensitive' told of a sheet no case of its name matches (a new
                    # user's 'Generation' where the book holds 'Jobs' and 'Mix').
                    did_you_mean(sheet, sheets)
                    or f"name one of its sheets, as its tab writes it: sheet: {sheets[0]}",
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
        first = header_row(src.spec) or _first_row_with_text(book, name)
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
            spanned = spanned_names(
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
        frame, header = with_names(frame, header, names, at, holder)
        written = header
    problems = duplicate_columns(
        header,
        lambda k: Location(str(src.path), first, f"{name}!{column_letter(k)}{first}"),
        "cells",
        lambda k: f"{column_letter(k)}{first}",
        header=src.spec.names is None,
    )
    if problems:
        raise DataError(problems)
    named = [str(cell) for cell in header if not pd.isna(cell) and str(cell).strip()]
    columns = max(len(header), len(frame.columns))  # a row read alone drops empty ends
    if len(named) < min(2, columns):
        # No names, or one above several columns: a blank row or a title, not the header.
        found = f"row {first} of the sheet {name!r} "
        # The cell where the title is (B2 in Statista's sheets), cut where it is long.
        title = next((k for k, c in enumerate(header) if is_filled(c)), 0)
        found += (f"holds one cell ({shortened(named[0], 60)!r}) above "
                  f"{len(used_columns(frame, header))} columns: a title"
                  if named else "is empty")  # fmt: skip
        below = _header_below(frame, first)
        raise DataError(
            Problem(
                Location(str(src.path), first, f"{name}!{column_letter(title)}{first}"),
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
    frame, as_percent, as_money = _as_formatted(data, name, first, frame)
    frame = _days_as_dates(frame)
    # A header cell holding 2023 must match `y: "2023"` in the outline, and one holding a
    # date (a month's column, shown 'Jan 2023') `y: "2023-01-01"`, not '2023-01-01 00:00:00'.
    frame.columns = [header_text(c) for c in frame.columns]
    percent = {str(frame.columns[k]): (column_letter(k), rows)
               for k, rows in as_percent.items()}  # fmt: skip
    currency = {str(frame.columns[k]): sign for k, sign in as_money.items()}
    # pandas keeps blank rows inside a sheet (data row k is sheet row k + first + 1): left
    # out, as a CSV's blank lines are, each kept row named by its own sheet row.
    frame, rows = without_blank_rows(frame, range(first + 1, first + 1 + len(frame)))
    origin = Origin(str(src.path), rows, sheet=name, early=early_cells(frame, rows),
                    percent=percent, currency=currency)  # fmt: skip
    frame, origin = without_described(src, *without_notes(src, frame, origin))

    def unnamed(k: int, cells: list[tuple[int, object]]) -> Problem:
        letter, (row, value) = column_letter(k), cells[0]
        line = origin.lines[row] if row < len(origin.lines) else None
        more = f" and {len(cells) - 1} more" if len(cells) > 1 else ""
        cell = written[k] if k < len(written) else None
        found = f"{cell!r} (spaces only)" if isinstance(cell, str) and cell else "an empty cell"
        return Problem(
            Location(str(src.path), first, f"{name}!{letter}{first}"),
            f"expected a name in {letter}{first} for column {letter}, which holds values "
            f"({str(value)[:40]!r} in {letter}{line}{more}), found {found}",
            spans_hint(first, line, list(frame.iloc[row]), written, k, "rows")
            or f"write the column's name in {letter}{first}, or delete column {letter} if "
            "it is not data"
            + NAMES_FIX,
        )

    # A header cell that is empty or holds spaces names no column; one past the header's
    # last cell neither (pandas calls both 'Unnamed: 4').
    blank = [k for k in range(len(frame.columns))
             if k >= len(header) or not is_filled(header[k])]  # fmt: skip
    if blank and src.spec.names is None:
        _refuse_notes_above(frame, origin, header, blank, first, name)
    # Column k of the frame is the sheet's column k + 1 (pandas reads from column A).
    hidden, hidden_cols, merges = _hidden_rows(data, name)
    covered = [(str(frame.columns[k]), f"{column_letter(k)}{first}")
               for k in range(len(frame.columns))
               if k + 1 in hidden_cols and k not in blank]  # fmt: skip
    # Merged cells over the table's rows: Excel shows the first cell's value across them,
    # and every other reads as no value (an amount merged over two months read as none in
    # the second, found by a hostile-input review). Said, not filled in: a number shown
    # once across two rows is not each row's.
    rows_read = set(origin.lines)
    merged = tuple(ref for ref, (top, bottom, left) in merges
                   if left <= len(frame.columns)
                   and rows_read & set(range(top, bottom + 1)))  # fmt: skip
    frame = without_unnamed(frame, blank, unnamed)
    return frame, replace(origin, hidden=tuple(r for r in origin.lines if r in hidden),
                          hidden_columns=tuple(covered), merged=merged)  # fmt: skip


def _refuse_notes_above(frame: pd.DataFrame, origin: Origin, header: list[Any],
                       blank: list[int], first: int, sheet: str) -> None:  # fmt: skip
    """Refuse a header row that leaves columns of values unnamed (``blank``) where a row
    below it, among the first, names every column that holds anything: notes above the
    table (the World Bank's 'Data Source', 'World Development Indicators' over its header
    row), read as its header. Each column was said to need a name in the notes' row (found
    in review)."""
    used = used_columns(frame, header)
    rows = list(frame.head(EARLY_ROWS + 1).itertuples(index=False, name=None))
    for k, row in enumerate(rows[:EARLY_ROWS]):
        if not all(is_filled(row[c]) for c in blank):
            continue  # a row of notes, blank under the unnamed columns
        # The first row that fills the unnamed columns: a header if it names every column
        # with text there, over a row of values (numbers, dates) in them.
        after = rows[k + 1] if k + 1 < len(rows) else ()
        if (all(is_filled(row[c]) for c in used) and all(isinstance(row[c], str) for c in blank)
                and any(c < len(after) and is_filled(after[c]) and not isinstance(after[c], str)
                        for c in blank)):  # fmt: skip
            below = origin.lines[k]
            shown = ", ".join(str(c).strip() for c in header if is_filled(c))[:60]
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


def _check_extent(data: bytes, src: Reading, sheet: str) -> None:
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
            rows, far_row = row, f"{column_letter(column)}{row}"
        if column + 1 > columns:
            columns, far_column = column + 1, f"{column_letter(column)}{row}"
    grid = rows * columns
    if grid <= MAX_SPARSE_GRID or grid <= SPARSE_RATIO * cells:
        return
    stray = " and ".join(dict.fromkeys([far_row, far_column]))
    lie = f"the cells at {stray} lie" if " and " in stray else f"the cell at {stray} lies"
    raise DataError(
        Problem(
            Location(str(src.path), rows, f"{sheet}!{far_row}"),
            f"the sheet {sheet!r} spans A1:{column_letter(columns - 1)}{rows} ({grid:,} "
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


#: A merged range's tag (``<mergeCell ref="B4:B5"/>``) and its range.
_MERGED = re.compile(
    rb"""<(?:[\w.-]+:)?mergeCell(?=\s)[^>]*?\sref\s*=\s*["']([A-Z]+\d+:[A-Z]+\d+)["']"""
)
_CORNER = re.compile(r"([A-Z]+)(\d+)")

#: A merged range of a sheet: its reference ('B4:B5'), and its top and bottom rows and its
#: left column (numbered from 1).
Merge = tuple[str, tuple[int, int, int]]


def _hidden_rows(data: bytes, sheet: str) -> tuple[set[int], set[int], list[Merge]]:
    """The rows (as the sheet numbers them) that Excel hides in the sheet named ``sheet``
    of the workbook ``data``: hidden by hand, by an AutoFilter or in a collapsed group, a
    row says ``hidden="1"``; the columns it hides (numbered from 1), whose ranges say
    so: a hidden helper column was read into an unpivot's years without a word (fuzzing
    round 8, 4); and its merged ranges. Read from the sheet's XML (pandas and openpyxl's
    read-only mode say nothing of any of them)."""
    import io
    import zipfile

    from lxml import etree
    from openpyxl.utils import column_index_from_string

    with zipfile.ZipFile(io.BytesIO(data)) as package:
        part = package.read(_sheet_part(package, sheet))
    merges: list[Merge] = []
    for found in _MERGED.findall(part):
        ref = found.decode("ascii")
        start, end = ref.split(":")
        if start == end:  # a range of one cell merges nothing
            continue
        (left, top), (_, bottom) = (_CORNER.fullmatch(c).groups() for c in (start, end))  # type: ignore[union-attr]
        merges.append((ref, (int(top), int(bottom), column_index_from_string(left))))
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
        return {int(number[1]) for number in numbers if number}, columns, merges
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
    return hidden, columns, merges


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


def _as_formatted(
    data: bytes, sheet: str, first: int, frame: pd.DataFrame
) -> tuple[pd.DataFrame, dict[int, frozenset[int]], dict[int, tuple[str, str, int]]]:
    """``frame`` with each number its sheet formats as a percentage read as the sheet shows
    it: Excel stores 45% as 0.45, and deckgen's percentages are in percent (``percent:0``
    writes 45 as 45%), so 0.45 is read as 45. Exact in decimal (0.07 reads 7, not
    7.000000000000001). With it, the sheet rows of the numbers so read, by column
    position (:attr:`Origin.percent`: a chart's ``scale: 100`` over them is an error);
    and the columns whose every number the sheet writes with one currency sign, each with
    that sign before and after the number and its decimals (:attr:`Origin.currency`).

    Which cells are percentages is read from the sheet's XML, each cell's style index,
    not through openpyxl: a second pass of openpyxl over 50,000 rows took 4.4 s, this one
    a fraction of that.
    """
    import io
    import zipfile
    from decimal import Decimal

    import pandas as pd

    with zipfile.ZipFile(io.BytesIO(data)) as package:
        styles, money = _number_styles(package)
        if not styles and not money:
            # Most workbooks: one look at the styles, no pass over the cells.
            return frame, {}, {}
        # Each cell's style, where it is one of those (a cell with no style index has the
        # workbook's first, 0).
        kept = styles | money.keys()
        found = [(row - first - 1, column, style)
                 for row, column, cell in _cells(package.open(_sheet_part(package, sheet)))
                 if row > first and (style := _style(cell)) in kept
                 and row - first - 1 < len(frame) and column < len(frame.columns)]  # fmt: skip
    rows_of: dict[int, list[int]] = {}
    money_rows: dict[int, dict[int, tuple[str, str, int]]] = {}
    for row, column, style in found:
        if style in styles:
            rows_of.setdefault(column, []).append(row)
        else:
            money_rows.setdefault(column, {})[row] = money[style]
    currency = {column: sign for column, rows in money_rows.items()
                if (sign := _one_currency(frame.iloc[:, column].tolist(), rows))}  # fmt: skip
    if not rows_of:
        return frame, {}, currency
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
    return frame, read, currency


def _style(cell: Any) -> int | None:
    """A cell element's style index (its place in ``cellXfs``): 0 where it gives none."""
    style = cell.get("s") or "0"
    return int(style) if style.isdigit() else None


def _one_currency(
    cells: list[object], money: dict[int, tuple[str, str, int]]
) -> tuple[str, str, int] | None:
    """The sign (before and after) every number of a column is written with, and the most
    decimals any shows, from ``money``, the currency formats of its cells by row; ``None``
    where a number has another format (a count, a total left plain) or another sign."""
    written = [money.get(row) for row, value in enumerate(cells)
               if isinstance(value, int | float) and not isinstance(value, bool)
               and value == value]  # fmt: skip
    signs = {w[:2] if w else None for w in written}
    sign = signs.pop() if len(signs) == 1 else None
    if sign is None:
        return None
    return sign[0], sign[1], max(w[2] for w in written if w)


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


def _number_styles(
    package: zipfile.ZipFile,
) -> tuple[set[int], dict[int, tuple[str, str, int]]]:
    """The cell styles (their places in ``cellXfs``) that format numbers as a percentage:
    Excel's own formats 9 and 10 (0%, 0.00%), or one of the workbook's with a '%' in it;
    and those of the workbook's formats that write a currency sign, each with the sign
    before and after the number (:func:`currency_of`) and its decimals. Excel's own
    currency formats (5-8) are left out: they show the currency of the computer that opens
    the file.

    Parsed as XML, not searched as text: single-quoted attributes and prefixed tags are
    valid, and a search for ``numFmtId="9"`` missed them (found by fuzzing)."""
    from lxml import etree

    try:
        root = _xml(package.read("xl/styles.xml"))
    except (KeyError, etree.XMLSyntaxError):
        return set(), {}  # openpyxl has read the workbook: it says what is wrong, if anything
    percent = {"9", "10"}
    money: dict[str, tuple[str, str, int]] = {}
    for element in root.iter("{*}numFmt"):
        code = element.get("formatCode", "")
        if scales_to_percent(code):
            percent.add(element.get("numFmtId", ""))
        elif (sign := currency_of(code)) is not None:
            money[element.get("numFmtId", "")] = (*sign, decimals_of(code))
    styles = list(root.iterfind("{*}cellXfs/{*}xf"))
    return (
        {k for k, xf in enumerate(styles) if xf.get("numFmtId") in percent},
        {k: money[xf.get("numFmtId", "")] for k, xf in enumerate(styles)
         if xf.get("numFmtId") in money},
    )  # fmt: skip


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


#: A part of a number format code: a quoted text, an escaped character, a bracketed
#: colour, condition or locale (``[$€-407]``: the sign, then the locale), a space as wide
#: as a character or a character repeated to fill the cell (``_)``, ``* ``: neither is
#: written), a digit placeholder, or any other character (shown as it is).
_CODE_PART = re.compile(
    r'"(?P<quoted>[^"]*)"|\\(?P<escaped>.)|\[(?P<bracket>[^\]]*)\]'
    r"|[_*].|(?P<digit>[0#?])|(?P<other>.)"
)
_CURRENCY_SIGN = re.compile(rf"[{CURRENCY_SIGNS}]")
#: An ISO 4217 code as a locale bracket writes one ('[$EUR]', '[$CHF-100C]').
_ISO_CODE = re.compile(r"[A-Z]{3}")


def currency_of(code: str) -> tuple[str, str] | None:
    """The currency sign Excel number format ``code`` writes a positive number with,
    before it and after it (``('$', '')`` for '"$"#,##0.00' or '[$$-409]#,##0', ``('',
    ' €')`` for '#,##0.00 [$€-407]' or '#,##0 "€"'), or ``None`` where it writes none, or
    more than one. A sign is a currency symbol ('$', '£', 'US$', 'R$') or, in a locale
    bracket, an ISO code ('[$CHF] #,##0': 'CHF '); letters elsewhere are a unit. A sign
    after the number is written after a space, as :data:`~deckgen.tables.select.DRESS`
    reads one in a text cell."""
    parts = []
    for part in _CODE_PART.finditer(code):
        if part["other"] == ";":
            break  # the first section alone: how a positive number is written
        parts.append(part)
    digits = [k for k, p in enumerate(parts) if p["digit"]]
    signs = []
    for k, part in enumerate(parts):
        bracket = part["bracket"] or ""
        if bracket.startswith("$"):
            shown = bracket[1:].partition("-")[0].strip()
            if _ISO_CODE.fullmatch(shown):
                signs.append((k, f"{shown} " if digits and k < digits[0] else shown))
                continue
        else:
            shown = (part["quoted"] or part["escaped"] or part["other"] or "").strip()
        if _CURRENCY_SIGN.search(shown):
            signs.append((k, shown))
    if not digits or len(signs) != 1:
        return None
    k, sign = signs[0]
    if k < digits[0]:
        return (sign, "")
    return ("", f" {sign}") if k > digits[-1] else None


def decimals_of(code: str) -> int:
    """The decimals Excel number format ``code`` writes a positive number with: its digit
    placeholders after the first section's decimal point ('#,##0.00': 2; '#,##0': 0)."""
    decimals, after_point = 0, False
    for part in _CODE_PART.finditer(code):
        if part["other"] == ";":
            break
        if part["other"] == ".":
            after_point = True
        elif after_point and part["digit"]:
            decimals += 1
        elif after_point and part["other"] != ",":
            break  # past the number: a sign or unit written after it
    return decimals


def scales_to_percent(code: str) -> bool:
    """Whether Excel number format ``code`` shows a number times 100 with a percent sign
    ('0%', '0.0%'): a '%' that is format, not a literal ('0"%"' and '0\\%' show 45 as '45%'
    and store 45, which a test of '%' alone read as 4500)."""
    return "%" in _LITERAL.sub("", code)


def _header_below(frame: pd.DataFrame, header: int) -> int | None:
    """The sheet row of the first row below row ``header`` that could be a header: two
    cells or more, one of them text (within the first rows, as :attr:`Origin.early` keeps
    them). Not two of text: a header of years ('Faculty', 2020, 2024) holds numbers, and
    the hint said 'header: N' for the commonest report layout (found by fuzzing). A row
    with empty cells over columns of values, under one that names them all, is a group
    row over the header ('2023' merged over 'Q1' and 'Q2'): the hint named it, and the
    build then refused its empty cell (found by fuzzing)."""
    rows = [list(cells) for _, cells in frame.head(EARLY_ROWS + 1).iterrows()]
    used = [any(is_filled(row[c]) for row in rows) for c in range(len(frame.columns))]

    def named(row: list[object]) -> bool:
        filled = [cell for cell in row if is_filled(cell)]
        return len(filled) >= 2 and any(isinstance(cell, str) for cell in filled)

    def full(row: list[object]) -> bool:
        """Text in every column that holds anything: a header of names alone, not a row
        of values (whose first cell is text too)."""
        return all(isinstance(cell, str) and is_filled(cell)
                   for cell, u in zip(row, used, strict=True) if u)  # fmt: skip

    # First a row of names in every column over a row of values: BLS's 'Series Id:' beside
    # its code, a row of notes above the table, was named before its header of months
    # (found in review).
    for k, row in enumerate(rows[:EARLY_ROWS]):
        under = rows[k + 1] if k + 1 < len(rows) else []
        if named(row) and full(row) and any(is_filled(c) and not isinstance(c, str)
                                             for c in under):  # fmt: skip
            return header + 1 + k
    for k, row in enumerate(rows[:EARLY_ROWS]):
        if named(row):
            after = rows[k + 1] if k + 1 < len(rows) else None
            grouped = not full(row) and after is not None and named(after) and full(after)
            return header + 2 + k if grouped else header + 1 + k
    return None


def _first_row_with_text(book: Any, sheet: str) -> int:
    """The sheet row (from 1) of the first of its first rows that has a cell filled; 1
    where none of them has (the sheet's emptiness is said where it is read)."""
    import pandas as pd

    head = pd.read_excel(book, sheet_name=sheet, header=None, nrows=EARLY_ROWS, dtype=object)
    for k, row in enumerate(head.itertuples(index=False, name=None)):
        if any(is_filled(cell) for cell in row):
            return k + 1
    return 1


def _check_cells(data: bytes, src: Reading, sheet: str, first: int, header: list[Any]) -> None:
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
            where = Location(str(src.path), row, f"{sheet}!{column_letter(column)}{row}")
            what = f"column {named or column_letter(column)!r}"
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
