"""Load the outline's named data sources into pandas DataFrames.

Each frame carries ``attrs["file"]`` (the file it came from) and ``attrs["origin"]``
(:class:`~deckgen.tables.origin.Origin`: how to name one of its cells in a message).
Declared column types are applied here (:mod:`deckgen.tables.columns`).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

from deckgen.errors import DataError, DeckgenError, Location, Problem, counted, joined
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
from deckgen.tables.csvfile import read_csv
from deckgen.tables.derive import derive
from deckgen.tables.excel import read_excel
from deckgen.tables.framing import Reading, duplicate_columns, is_filled
from deckgen.tables.jsonfile import read_json
from deckgen.tables.origin import Origin
from deckgen.tables.xls import OLE2, read_xls

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence
    from pathlib import Path

    import pandas as pd

    from deckgen.outline.load import LoadedOutline


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
DATA_SUFFIXES = (".csv", ".tsv", ".xlsx", ".xlsm", ".xls", ".json")
#: Delimited text, read by :func:`read_csv` (a '.tsv' always at its tabs).
_TEXT = (".csv", ".tsv")


_READERS: dict[str, Callable[[Reading], tuple[pd.DataFrame, Origin]]] = {
    ".csv": read_csv,
    ".tsv": read_csv,
    ".xlsx": read_excel,
    ".xlsm": read_excel,
    ".xls": read_xls,
    ".json": read_json,
}
#: Options that only mean something for some file types; given for another, they are errors.
_BOOKS = (".xlsx", ".xlsm", ".xls")
_TABLES = (*_TEXT, *_BOOKS)
_ONLY_FOR = {"sheet": _BOOKS, "records": (".json",), "header": _TABLES,
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
        if not (origin.hidden or origin.hidden_columns or origin.merged):
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
        if origin.merged:
            out.append(ReadFinding(name, (), _merged_problem(origin)))
    return out


#: The word a source line says a Eurostat flag's meaning with ('2023 provisional').
_FLAG_WORDS = {"b": "break", "c": "confidential", "d": "definition", "e": "estimate",
               "f": "forecast", "n": "significant", "p": "provisional", "r": "revised",
               "s": "estimate", "u": "reliab", "z": "applicable"}  # fmt: skip


def flagged_values(tables: dict[str, pd.DataFrame],
                   sources: Callable[[], Sequence[str]] = tuple) -> list[ReadFinding]:  # fmt: skip
    """The values of each Eurostat file read without their flags (provisional, estimated:
    :mod:`deckgen.tables.eurostat`), once per file, from the table read from it, unless
    one of the outline's source lines (``sources()``, asked only of a file with flags: a
    warm rebuild reads no such file) says what each of its flags means, as
    the fix asks: it fired whatever the source said (found in review). The build warns
    of them (:func:`read_warnings`) and ``deckgen check`` reports them (NUM015)."""
    out: list[ReadFinding] = []
    said: set[str] = set()
    for name, frame in tables.items():
        origin = frame.attrs.get("origin")
        if not isinstance(origin, Origin) or origin.rows is not None or not origin.flagged:
            continue
        if origin.file in said or len(frame) != len(origin.lines):
            continue
        said.add(origin.file)
        if _explained({f for _, _, cell, _ in origin.flagged for f in cell.rpartition(" ")[2]},
                      sources):  # fmt: skip
            continue
        lines = {line for line, *_ in origin.flagged}
        rows = tuple(k for k, line in enumerate(origin.lines) if line in lines)
        out.append(ReadFinding(name, rows, eurostat.flagged_problem(origin)))
    for name, frame in tables.items():
        origin = frame.attrs.get("origin")
        if not isinstance(origin, Origin) or origin.file in said or len(frame) != len(origin.lines):
            continue
        flagged = eurostat.sdmx_flagged(frame)
        if not flagged:
            continue
        said.add(origin.file)
        if _explained({f for _, flags in flagged for f in flags}, sources):
            continue
        rows = tuple(k for k, _ in flagged)
        out.append(ReadFinding(name, rows, eurostat.sdmx_flagged_problem(origin, frame, flagged)))
    return out


def _explained(flags: set[str], sources: Callable[[], Sequence[str]]) -> bool:
    """Whether the outline's source lines say what each of Eurostat's ``flags`` means."""
    written = " ".join(sources()).lower()
    return all(_FLAG_WORDS[f] in written for f in flags)


def read_warnings(tables: dict[str, pd.DataFrame],
                  sources: Callable[[], Sequence[str]] = tuple) -> list[str]:  # fmt: skip
    """:func:`hidden_rows` and :func:`flagged_values` as the build's warnings, one per sheet
    or file."""
    found = [*hidden_rows(tables), *flagged_values(tables, sources)]
    return [str(f) for f in found]


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
    shown = ", ".join(repr(str(v)) for v in labels[:3] if is_filled(v))
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
    if len(labels) <= 5 and all(is_filled(v) for v in labels):
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


def _merged_problem(origin: Origin) -> Problem:
    """The merged cells over a sheet's table: where the first range is, the ranges, and the
    fix. Only a range's first cell holds its value; the others read as no value."""
    ranges = origin.merged
    many = len(ranges) > 1
    shown = joined([*ranges[:4], *([f"{len(ranges) - 4} more"] if len(ranges) > 4 else [])])
    first = ranges[0].split(":")[0]
    row = int(first.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    return Problem(
        Location(origin.file, row, f"{origin.sheet}!{first}"),
        f"cells {shown} of the sheet {origin.sheet!r} are merged: Excel shows "
        + ("each range's first value across it" if many else f"{first}'s value across them")
        + ", and the other cells are read as no value",
        "unmerge them and write each row's own value in its cell (Home > Merge & Center > "
        "Unmerge Cells, then fill them in)",
    )


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
    first = _first_bytes(path) if suffix == ".xls" else b""
    if first.startswith(b"PK\x03\x04"):
        # A workbook named .xls that is an .xlsx inside, as LinkedIn's and many web apps'
        # exports are: it was told to be saved as .xlsx, which it is (found in review).
        suffix = ".xlsx"
    elif suffix == ".xls" and _tabbed(first):
        # Tab-separated text named .xls, as the IMF's World Economic Outlook download is:
        # it was told to be renamed .tsv, and its message said it expected an .xls (found
        # in review). It is read as the .tsv it is.
        suffix = ".tsv"
    # A web page named .xls is no workbook: _suffix_hint says what to do with it.
    is_book = suffix != ".xls" or not first.lstrip().startswith(b"<")
    reader = _READERS.get(suffix) if is_book else None
    if reader is None:
        if path.is_dir():  # 'file: data' named the folder: say so (fuzzing)
            raise DataError(_folder_problem(where, source.file))
        raise DataError(
            Problem(
                where,
                f"expected a .csv, .tsv, .xlsx, .xlsm, .xls or .json file, found {source.file!r}",
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
            "name a .csv, .tsv, .xlsx, .xlsm, .xls or .json file",
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
    src = Reading(name, source, path, loaded)
    try:
        frame, origin = reader(src)  # a CSV or a sheet without the notes below (without_notes)
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
    elif source.decimal is None:
        _point_thousands(frame, origin, name, source)
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
        "name a .csv, .tsv, .xlsx, .xlsm, .xls or .json file inside it, e.g. "
        f"file: {written.rstrip('/')}/data.csv",
    )  # fmt: skip


def _tabbed(first: bytes) -> bool:
    """Whether a file's ``first`` bytes are text with tabs between its cells (not the
    binary workbook its name may say)."""
    utf16 = first[:2] in UTF16_MARKS
    text = first.decode("utf-16" if utf16 else "utf-8", "replace")
    return bool(first) and not first.startswith(OLE2) and "\t" in text


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
    for column, cells, found in _written_as(_numbers_of(frame, source), _ONE_COMMA):
        example = str(cells[found[0]]).strip()
        more = f" (and {len(found) - 1} more cells)" if len(found) > 1 else ""
        point = example.replace(",", ".")
        problems.append(Problem(
            origin.cell(found[0], column),
            f"the file is separated by semicolons, as Excel writes a file where a comma "
            f"marks decimals, and column {column!r} holds {example!r}{more}: it may be "
            f"{point} (a decimal comma) or {example.replace(',', '')} (a thousands comma)",
            f"say which: add decimal: \",\" to data.{name} if the comma marks decimals "
            f"({example} is then {point}), or decimal: \".\" if it separates thousands",
        ))  # fmt: skip
    if problems:
        raise DataError(problems)


def _numbers_of(frame: pd.DataFrame, source: FileSource) -> dict[str, list[Any]]:
    """The cells of each column of ``frame`` but those ``source`` declares text."""
    return {str(c): frame[c].tolist() for c in frame.columns
            if (spec := source.columns.get(str(c))) is None or spec.type != "text"}  # fmt: skip


def _written_as(
    columns: dict[str, list[Any]], pattern: re.Pattern[str]
) -> Iterator[tuple[str, list[Any], list[int]]]:
    """Each column (name, cells) with cells written as ``pattern`` (whole, spaces around
    left out), and their positions."""
    for column, cells in columns.items():
        found = [k for k, c in enumerate(cells)
                 if isinstance(c, str) and pattern.fullmatch(c.strip())]  # fmt: skip
        if found:
            yield column, cells, found


#: A number written with one point and three digits after it ('12.480', '€2.228').
_ONE_POINT = re.compile(r"[-+\u2212]?[$€£¥]?\s*[1-9]\d{0,2}\.\d{3}\s*[%$€£¥]?", re.ASCII)


def _point_thousands(frame: pd.DataFrame, origin: Origin, name: str, source: FileSource) -> None:
    """Refuse numbers written with one point and three digits ('12.480') in a file whose
    other cells write decimals with a comma ('4,98 %', '1.234,50 €'), unless the source says
    what its point is (``decimal:``): Google Sheets' CSV in a German locale separates its
    cells with commas and quotes such numbers, and '12.480' impressions were charted as
    12.48, beside 980 (found in review). One problem per column; a column declared text
    is text."""
    from deckgen.tables.select import decimal_comma, to_number

    def comma_only(cell: object) -> bool:
        if not isinstance(cell, str) or "," not in cell or decimal_comma(cell) is None:
            return False
        try:
            to_number(cell)
        except ValueError:
            return True  # no number with a decimal point: its comma marks decimals
        return False

    columns = _numbers_of(frame, source)
    evidence = next(((column, cell) for column, cells in columns.items() for cell in cells
                     if comma_only(cell)), None)  # fmt: skip
    if evidence is None:
        return
    said = f"{str(evidence[1]).strip()!r} in column {evidence[0]!r}"
    problems = []
    for column, cells, found in _written_as(columns, _ONE_POINT):
        example = str(cells[found[0]]).strip()
        more = f" (and {counted(len(found) - 1, 'more cell')})" if len(found) > 1 else ""
        problems.append(Problem(
            origin.cell(found[0], column),
            f"column {column!r} holds {example!r}{more}, read as {to_number(example):g} (a "
            f"decimal point), where the file writes decimals with a comma ({said}): there a "
            f"point is between thousands, and {example!r} is "
            f"{int(re.sub(r'[^0-9]', '', example)):,}",
            f"say which: add decimal: \",\" to data.{name} if its commas mark decimals "
            "(as a spreadsheet in a German, French or Spanish locale writes them), or "
            f"decimal: \".\" if {example!r} is the decimal number",
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
    for column, cells, found in _written_as(_numbers_of(frame, source), _POINT_DECIMAL):
        example = str(cells[found[0]]).strip()
        more = f" (and {counted(len(found) - 1, 'more cell')})" if len(found) > 1 else ""
        problems.append(Problem(
            origin.cell(found[0], column),
            f"column {column!r} holds {example!r}{more}, a number with a decimal point, "
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
