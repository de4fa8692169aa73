"""``deckgen batch``: one deck and card set per row of a data source.

The outline, its data and its theme are read once; for each row of ``--for-each`` the
outline is bound with that row as ``row`` (in every template and in filter values:
``value: "{{ row.state }}"``) and built into ``OUT/<key>/``. Every deck shares one process
pool and one render cache, so a picture that two rows show (a national chart) is drawn
once. A row's fingerprint (what its deck and cards show: every bound text and every
picture's content key) is kept beside its manifest; a rerun rebuilds only the rows whose
fingerprint changed, whose files are gone, or one of whose input files (an image, the
theme's files and fonts, its template: those its manifest lists, but the data) changed.
A row the table no longer has loses the files an earlier batch made for it. One row that
fails is reported, and the others are built. A Ctrl-C stops the batch: the rows settled by
then are reported, and a rerun builds the rest.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
import time
from collections import Counter
from concurrent.futures import Future
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeAlias, TypeGuard, TypeVar

from deckgen.errors import DataError, DeckgenError, Problem, counted, did_you_mean, one_of
from deckgen.io import atomic_write_bytes, clean_text, name_words, read_regular, state_json

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from types import FrameType

    import pandas as pd

    from deckgen.binding.tables import Table
    from deckgen.pipeline import Assembly, BuildOptions, Inputs, Planned, Target
    from deckgen.render.cache import AssetCache
    from deckgen.render.executor import Pool, RenderRun
    from deckgen.render.jobs import Asset, RenderJob

Status = Literal["built", "up to date", "failed"]
#: What ``signal.signal`` takes and gives back for a signal.
_Handler: TypeAlias = "Callable[[int, FrameType | None], Any] | int | None"
#: What the fingerprint file beside each row's manifest is called.
FINGERPRINT = "fingerprint.json"
T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class RowResult:
    key: str
    folder: Path
    status: Status
    seconds: float
    deck: Path | None = None
    error: str | None = None
    #: What its build said of its inputs (a character no font draws, a colour moved).
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class BatchResult:
    rows: tuple[RowResult, ...]
    seconds: float
    rendered: int = 0  # pictures drawn (the rest came from the shared cache)
    failed: tuple[RowResult, ...] = field(default_factory=tuple)
    #: The rows chosen to build; fewer are in ``rows`` when the batch was interrupted.
    total: int = 0
    #: Stopped by Ctrl-C before every row was settled (``rows`` holds those that were).
    interrupted: bool = False
    #: The row folders whose deck, cards and manifest were removed: an earlier batch of the
    #: outline made them for rows the table no longer has (see :func:`_remove_gone`).
    removed: tuple[Path, ...] = ()
    #: The row folders an earlier batch of the outline over the table made naming its rows
    #: by another column (``other_key``), left as they are (see :func:`_remove_gone`).
    keyed_otherwise: tuple[Path, ...] = ()
    other_key: str = ""
    #: The column that names this batch's rows' folders (``--key``, else the first).
    key: str = ""

    def count(self, status: Status) -> int:
        return sum(r.status == status for r in self.rows)

    def removal_note(self, source: str) -> str:
        """The summary's line for :attr:`removed` ('' when none was)."""
        if not self.removed:
            return ""
        shown = ", ".join(f"{f}/" for f in self.removed[:5])
        more = f" and {len(self.removed) - 5} more" if len(self.removed) > 5 else ""
        rows = "row" if len(self.removed) == 1 else "rows"
        return (f"removed the deck, cards and manifest of {counted(len(self.removed), 'row')} "
                f"no longer in {source!r}: {shown}{more} (an earlier batch made them; the "
                f"{rows} would be built again once back in the data)")  # fmt: skip

    def other_key_note(self) -> str:
        """The summary's line for :attr:`keyed_otherwise` ('' when there is none)."""
        if not self.keyed_otherwise:
            return ""
        n = len(self.keyed_otherwise)
        shown = ", ".join(f"{f}/" for f in self.keyed_otherwise[:5])
        more = f" and {n - 5} more" if n > 5 else ""
        return (f"left {counted(n, 'row folder')} an earlier batch named by column "
                f"{self.other_key!r}, where this one names rows by {self.key!r}: {shown}{more} "
                f"(its rows may be built here under their new names; remove "
                f"{'it' if n == 1 else 'them'} if no longer wanted)")  # fmt: skip


#: A row folder's name is at most this long: file systems refuse names over 255 bytes, and
#: Windows paths over 260 characters, so a key that is a paragraph is cut (and made unique).
MAX_FOLDER = 60
#: Names Windows keeps for devices, whatever follows them: a folder 'con' cannot be made.
_DEVICES = frozenset(["con", "prn", "aux", "nul", *(f"{d}{n}" for d in ("com", "lpt")
                                                     for n in range(1, 10))])  # fmt: skip


def folder_name(key: str) -> str:
    """A row's folder: its key made safe for every file system ('Laredo, TX' -> 'laredo-tx').

    Letters keep their word: accents are dropped ('Zürich' -> 'zurich', 'São Paulo' ->
    'sao-paulo'), and letters of other scripts are kept ('東京'), where only a-z and 0-9 were
    kept and 'Zürich' became 'z-rich' and every Japanese key 'row' (found by fuzzing). A key
    of no letter or digit at all ('***') is 'row' and a digest of the key, so two such keys
    keep two folders; a long key is cut to :data:`MAX_FOLDER` characters with a digest of
    the whole key; a device name gets a suffix.
    """
    name = "-".join(name_words(key))
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:8]
    if not name:
        return f"row-{digest}"
    if len(name) > MAX_FOLDER:
        name = f"{name[: MAX_FOLDER - len(digest) - 1].rstrip('-')}-{digest}"
    return f"{name}-row" if name in _DEVICES else name


def batch(
    outline: Path,
    options: BuildOptions,
    *,
    for_each: str,
    key: str | None = None,
    where: tuple[str, ...] = (),
    on_row: Callable[[int, int, RowResult], None] | None = None,
) -> BatchResult:
    """Build one deck per row of data source ``for_each`` (rows kept by ``where``:
    ``COLUMN=VALUE`` or ``COLUMN!=VALUE``, all must hold) into ``options.out_dir / <key>/``.

    Each row flows through the pool on its own (see :class:`_Flow`): it is bound and
    planned here, its pictures are drawn in the workers (a picture two rows show, once),
    its deck is assembled in a worker as soon as its own pictures are there, and it is
    written here. No row waits for the others, so the workers are never idle while this
    process plans or writes; at most a window of rows is under way, so memory is bounded
    whatever the batch's size.

    Raises :class:`DeckgenError` for problems of the whole batch (the outline, the data,
    an unknown source or column, keys that are not unique); a row's own problem is that
    row's failure. A Ctrl-C once the rows are chosen returns the rows settled by then,
    ``interrupted`` (see :class:`_Stop`); one before raises ``KeyboardInterrupt``.
    """
    from deckgen.pipeline import collect_later, open_pool, read_inputs, warm_up

    started = time.perf_counter()
    results: list[RowResult] = []
    rows: list[tuple[str, object]] = []
    flow: _Flow | None = None
    stop = _Stop()
    try:
        # The workers' process starts now and imports what drawing and assembling need
        # while this one reads the inputs, which stay here: rows are bound and planned
        # here, and a job carries what it draws (a chart its data, not the tables).
        with open_pool(options, preload=_preload) as pool:
            # Imported once the workers' process is on its way, importing the drawing
            # libraries meanwhile: with these and the row filters' imports first, it
            # started 0.26 s into the batch, not 0.11 s, and the first row waited for it.
            from deckgen import manifest
            from deckgen.binding.tables import tables_for_templates
            from deckgen.check.rules import judging_columns
            from deckgen.render.cache import AssetCache

            with collect_later():  # the workers fork with the theme's fonts (see warm_up)
                inputs = read_inputs(outline, options, None,
                                     lambda theme: pool.before_fork(warm_up, theme))  # fmt: skip
            chosen = chosen_rows(inputs, for_each, key, where)
            # The data sources as templates see them, one set for every row (each
            # source's rows are made when a template first reads it, not once a row).
            templates = tables_for_templates(inputs.tables)
            # The rows to build are the templates' own rows: each cell made once.
            table = list(templates[for_each])
            assert len(table) == len(inputs.tables[for_each]), "a template row per frame row"
            rows = [(row_key, table[n]) for row_key, n in chosen]
            cache = AssetCache(options.out_dir / ".cache", read=not options.force)

            def done(result: RowResult) -> None:
                results.append(result)
                if on_row:
                    on_row(len(results), len(rows), result)

            column = key_column(inputs, for_each, key)
            flow = _Flow(outline, options, inputs, templates, pool, cache, done, for_each,
                         column)  # fmt: skip
            stop.listen()
            with manifest.remembering(), judging_columns():
                flow.run(rows, stop)
    except KeyboardInterrupt:
        # The second Ctrl-C (or the first, where it could not be noted: see _Stop.listen),
        # here at once, even while the pool waits for the jobs it runs: what was settled
        # by then is still reported. Before the rows are chosen there is nothing to report.
        if flow is None:
            raise
        stop.asked = True
    finally:
        stop.close()
    interrupted = stop.asked and len(results) < len(rows)
    if not interrupted and not where and not any(r.status == "failed" for r in results):
        # A failed row keeps its pictures for the rerun, and so do the rows an interrupt
        # left unbuilt (they are not in flow.used). A run of some rows prunes nothing: the
        # cache is the whole table's, and pruned to the chosen rows' pictures, a batch of
        # one region left 10 of 50 fact sheets' pictures, and the next run of them all drew
        # the other 40 rows again (found by a new user). The next run of every row prunes.
        cache.prune(flow.used)
    # Only once every row is settled: a rerun after an interrupt removes them.
    removed, otherwise, other = (
        ((), (), "")
        if interrupted
        else _remove_gone(
            outline, options.out_dir, for_each, column, _table_folders(inputs, for_each, column)
        )
    )
    order = {k: n for n, (k, _) in enumerate(rows)}
    results.sort(key=lambda r: order[r.key])
    failed = tuple(r for r in results if r.status == "failed")
    return BatchResult(tuple(results), time.perf_counter() - started, flow.rendered, failed,
                       len(rows), interrupted, removed, otherwise, other, column)  # fmt: skip


class _Stop:
    """Ctrl-C during a batch's rows. The first is noted rather than raised: the batch
    starts no more rows and returns those settled, and the row being written is written
    whole (a KeyboardInterrupt could land between its deck and its manifest, or in the
    middle of a job sent down the drawing process's pipe). The second is raised at once,
    as Python raises any.
    """

    def __init__(self) -> None:
        self.asked = False
        self._before: _Handler = None

    def listen(self) -> None:
        import signal
        import threading

        # Only Python's own handler is replaced (and only the main thread may): a process
        # that ignores Ctrl-C (started with nohup) or has its own way with it keeps it.
        main = threading.current_thread() is threading.main_thread()
        if main and signal.getsignal(signal.SIGINT) is signal.default_int_handler:
            self._before = signal.signal(signal.SIGINT, self._note)

    def _note(self, signum: int, frame: FrameType | None) -> None:
        import signal

        self.asked = True
        signal.signal(signal.SIGINT, self._before)  # the next Ctrl-C is not waited for

    def close(self) -> None:
        import signal

        if self._before is not None:
            signal.signal(signal.SIGINT, self._before)
            self._before = None


#: Rows under way at once (at least; more with more workers): what bounds memory.
WINDOW = 8
#: Seconds the flow waits for a job at most before it looks whether Ctrl-C was pressed: it
#: is noted, not raised (see :class:`_Stop`), and must not wait for the next job to end.
LISTEN = 0.1


def chosen_rows(inputs: Inputs, source: str, key: str | None,
          where: tuple[str, ...]) -> list[tuple[str, int]]:  # fmt: skip
    """The rows to build, as (key, row number), in the source's order.

    A problem of ``--for-each``, ``--key`` or ``--where`` is one :class:`DataError` problem
    each, all of them at once, each naming the option as typed, what it expected, what it
    found, and a did-you-mean or what to write instead: the flag is at fault, not the data
    file nor the outline (``deckgen check`` prints the hint as the fix).
    """
    from deckgen.tables.columns import is_missing
    from deckgen.tables.origin import short

    loaded = inputs.loaded
    frames = inputs.tables
    if source not in frames:
        declared = f"its data: names {one_of(frames)}" if frames else "it names no data: at all"
        raise DataError(
            Problem(loaded.locate("data"), f"--for-each {source!r}: the outline has no data "
                    f"source {source!r}; {declared}", _suggest(source, list(frames))
                    or "name a source of the outline's data:, or add it there")
        )  # fmt: skip
    frame = frames[source]
    # Named as typed: a header a spreadsheet read as a number (2024) is named '2024'.
    by_name = {str(c): c for c in frame.columns}
    columns = list(by_name)
    problems = []
    if key is not None and key not in by_name:
        problems.append(_no_column(f"--key {key!r}", source, key, columns))
    key_column = by_name[key] if key is not None and key in by_name else frame.columns[0]
    keep = [True] * len(frame)
    for rule in where:
        parsed = _where(rule, columns)
        if parsed is None and re.fullmatch(r"[^=!<>]+(<=|>=|<|>).*", rule):
            # 'val>=20' was said to name a column 'val>' (found by fuzzing).
            problems.append(Problem(
                None, f"--where {rule!r}: a row is picked by a value it holds (=) or does "
                "not (!=), not by a comparison", "for a range, add a column that names the "
                "rows to build (a derived table with a filter step), and --where it",
            ))  # fmt: skip
            continue
        if parsed is None:
            values = _values(list(frame[frame.columns[0]]), _declared(frame, columns[0]))
            example = f"{columns[0]}={next(iter(values), '')}"
            problems.append(Problem(None, f"--where {rule!r}: expected COLUMN=VALUE or "
                                    "COLUMN!=VALUE, found no = or != after a column",
                                    f"write it as --where {example!r} (or "
                                    f"{example.replace('=', '!=', 1)!r})"))  # fmt: skip
            continue
        column, equal, value = parsed
        if column not in by_name:
            problems.append(_no_column(f"--where {rule!r}", source, column, columns))
            continue
        cells = list(frame[by_name[column]])
        declared = _declared(frame, column)
        # An empty cell and '-' are both no value, as a template reads them (row.zone is
        # none for each): 'zone=-' picked the dashes and 'zone=' the empty cells, each
        # leaving the others in (fuzzing). A value that is no value picks every such cell.
        gap = is_missing(value, declared)
        hits = [is_missing(v, declared) if gap else _matches(v, _cell(v), value)
                for v in cells]  # fmt: skip
        if not any(hits):
            problems.append(_no_value(rule, source, column, value, cells, equal, declared))
            continue
        keep = [k and hit == equal for k, hit in zip(keep, hits, strict=True)]
    if problems:
        raise DataError(problems)
    if where and not any(keep):
        # Each rule matches rows, but no row meets them all: building nothing is no result.
        rules_text = " ".join(f"--where {rule!r}" for rule in where)
        raise DataError(Problem(None, f"{rules_text}: no row of {source!r} meets them all",
                                "every --where must hold for a row; for rows with one value "
                                "or another, run the batch once per value"))  # fmt: skip
    if not len(frame):  # a batch of nothing said '0 built' and exit 0 (found by fuzzing)
        raise DataError(Problem(None, f"--for-each {source!r}: the source has no rows, and a "
                                "batch builds one deck per row",
                                "check its file, and what filters or steps made it"))  # fmt: skip
    keys = _row_keys(frame, key_column)
    origin = frame.attrs.get("origin")
    nameless = [n for n, (k, kept) in enumerate(zip(keys, keep, strict=True))
                if kept and k is None]  # fmt: skip
    if nameless:
        raise DataError(_no_keys(frame, source, key_column, nameless))
    rows = [(k, n) for n, (k, kept) in enumerate(zip(keys, keep, strict=True))
            if kept and k is not None]  # fmt: skip
    seen: dict[str, tuple[str, int]] = {}
    clashes = []
    for row_key, n in rows:
        name = folder_name(row_key)
        if name in seen:
            first, m = seen[name]
            # Named where they are (a message with no file or line, found by fuzzing).
            cell = origin.cell(n, str(key_column)) if origin is not None else None
            at = f" ({short(origin.row(m))})" if origin is not None else ""
            # Keys that read alike say how they differ ('한국' written two ways is one
            # name once read; a zero-width space shows as its code).
            if first == row_key:
                said = f"this row and the one{at} of {source!r} are both named {row_key!r}, and "
            else:
                said = f"rows {first!r}{at} and {row_key!r} of {source!r} "
            clashes.append(Problem(cell, f"{said}would both go into the folder {name!r}",
                                   "use --key with a column that is unique"))  # fmt: skip
            continue
        seen[name] = (row_key, n)
    if clashes:  # every one at once, as one run reports every problem it finds
        raise DataError(clashes)
    return rows


#: A --where or --key message lists this many of a column's values (or a source's
#: columns) at most, then counts the rest: a column of 3,000 place names is no message.
LISTED = 10


def _declared(frame: pd.DataFrame, column: object) -> str:
    """The type the outline declares of ``column`` ('' for none): in a text column '-' is
    text, elsewhere no value (:func:`~deckgen.tables.columns.is_missing`)."""
    return str(frame.attrs.get("types", {}).get(str(column), ""))


def _row_keys(frame: pd.DataFrame, column: object) -> list[str | None]:
    """Each row's key, the text of its cell in ``column``; none for a row with no value
    there. An empty cell and '-' each named a folder of their own ('row-e3b0c442' and
    'row-3973e022'), and an empty spreadsheet cell one called 'nan' (fuzzing)."""
    from deckgen.tables.columns import is_missing

    declared = _declared(frame, column)
    return [None if is_missing(v, declared) else _key_text(v) for v in frame[column]]


def _key_text(value: object) -> str:
    """A key cell as text, as --where reads it (:func:`_cell`): a whole number without
    '.0' and a date as its day. A column of numbers with a gap is read as floats, so key
    12 named a folder '12-0', and 1 and 1.0 two folders (fuzzing): a whole number written
    with a point and zeros ('1.0') is the key its digits make, which another row's '1'
    then clashes with."""
    if isinstance(value, str):
        return value[: value.index(".")] if _POINT_ZEROS.fullmatch(value) else value
    return _cell(value)


_POINT_ZEROS = re.compile(r"[+-]?\d+\.0+")


def _no_keys(frame: pd.DataFrame, source: str, key: object, rows: list[int]) -> Problem:
    """Rows the batch would build with no key to name their folder by."""
    from deckgen.tables.origin import short

    origin = frame.attrs.get("origin")
    column = str(key)
    at = origin.cell(rows[0], column) if origin is not None else None
    said = f"this row of {source!r} has"
    if len(rows) > 1:
        others = [short(origin.row(n)) if origin is not None else f"row {n + 1}"
                  for n in rows[1:LISTED]]  # fmt: skip
        left = f" and {len(rows) - LISTED} more" if len(rows) > LISTED else ""
        said = (f"this row of {source!r} and {len(rows) - 1} more "
                f"({', '.join(others)}{left}) have")  # fmt: skip
    return Problem(at, f"{said} no {column} ({_empty(_declared(frame, key))}), and a row's "
                   f"{column} names the folder its deck goes into",
                   f"fill in its {column}, use --key with a column every row fills, or "
                   f"leave out the rows with no {column}: --where '{column}!='")  # fmt: skip


def _empty(declared: str) -> str:
    """What a cell with no value is, in a column declared ``declared``."""
    return "an empty cell" if declared == "text" else "an empty cell or '-'"


def _listed(names: list[str]) -> str:
    """``'MI', 'TX', 'CA'``, or the first :data:`LISTED` and how many more."""
    more = f" and {len(names) - LISTED} more" if len(names) > LISTED else ""
    return one_of(names[:LISTED]) + more


def _no_column(option: str, source: str, column: str, columns: list[str]) -> Problem:
    """``--key``'s or a ``--where``'s column that ``source`` lacks, said of the option as
    typed: a message that only named the column sent the reader to look in the outline."""
    return Problem(None, f"{option}: data source {source!r} has no column {column!r}; its "
                   f"columns are {_listed(columns)}", _suggest(column, columns, "names are")
                   or "name one of its columns, as the data file's header writes it")  # fmt: skip


def _no_value(rule: str, source: str, column: str, value: str, cells: list[object],
              equal: bool, declared: str) -> Problem:  # fmt: skip
    """A ``--where`` whose value no row holds: a typo, never an empty batch (nor, for
    ``!=``, a rule that drops nothing), with the values the column has and the nearest."""
    from deckgen.tables.columns import is_missing

    present = _values(cells, declared)
    # A number column (declared so): a word there is no typo of a value but a wrong column.
    numbers = bool(present) and all(_is_number(c) for c in cells if _cell(c))
    if is_missing(value, declared):
        found = f"every row of {source!r} has a {column} (none is {_empty(declared)})"
    elif numbers and not _is_number_text(value):
        found = f"{column} of {source!r} holds numbers, not {value!r}"
    else:
        found = f"no row of {source!r} has {column} = {value!r}"
    if not equal:
        found += ", so it would leave out no row"
    listed = f"its values are {_listed(present)}" if present else "no cell of it has a value"
    fix = "write one of its numbers" if numbers else "write one of its values as the data has it"
    return Problem(None, f"--where {rule!r}: {found}; {listed}",
                   _suggest(value, present) or fix)  # fmt: skip


def _values(cells: list[object], declared: str) -> list[str]:
    """A column's values as --where compares them (:func:`_cell`), each once, in the
    data's order, cells with no value (empty, '-') left out."""
    from deckgen.tables.columns import is_missing

    return [v for v in dict.fromkeys(_cell(c) for c in cells if not is_missing(c, declared))
            if v]  # fmt: skip


def _is_number(value: object) -> TypeGuard[int | float]:
    """A number cell (a declared number column's); a bool is no number here."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_number_text(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _suggest(typed: str, choices: list[str], what: str = "text is") -> str | None:
    """The did-you-mean for ``typed`` among ``choices``: the same but for capitals; the
    nearest (:func:`~deckgen.errors.did_you_mean`); or, for short codes, those one letter
    off ('MJ' -> 'MI': difflib scores two letters against two at 0.5, under its cutoff,
    so a state code's typo had no hint)."""
    same = [c for c in choices if c.casefold() == typed.casefold()]
    if same:
        return f"did you mean {same[0]!r}? ({what} compared exactly, capitals too)"
    # 'Dealer 7' for 'Dealer 007': difflib found 'Dealer 047' nearer (found in review).
    padded = [c for c in choices if _unpadded(c) == _unpadded(typed)]
    if len(padded) == 1:
        return f"did you mean {padded[0]!r}? ({what} compared exactly, zeros too)"
    hint = did_you_mean(typed, choices)
    # The start of values ('2024-01' of the day '2024-01-01'), where difflib finds another
    # nearer: '2024-02-01', the wrong month (found by fuzzing).
    begun = [c for c in choices if len(typed) >= 4 and c.startswith(typed) and c != typed]
    if begun and len(begun) <= 3 and not (hint and any(repr(c) in hint for c in begun)):
        named = ", ".join(repr(c) for c in begun[:-1]) + " or " if len(begun) > 1 else ""
        return f"did you mean {named}{begun[-1]!r}? ({what} compared whole)"
    if hint:
        return hint
    near = [c for c in choices if _one_letter_off(typed.casefold(), c.casefold())]
    if not near or len(near) > 3:  # four codes as near as each other: the list says more
        return None
    named = ", ".join(repr(c) for c in near[:-1]) + " or " if len(near) > 1 else ""
    return f"did you mean {named}{near[-1]!r}?"


def _unpadded(text: str) -> str:
    """``text`` with no zeros before a number's first digit, and no capitals."""
    return re.sub(r"(?<![\d.,])0+(?=\d)", "", text.casefold())


def _one_letter_off(a: str, b: str) -> bool:
    """Whether ``b`` is ``a`` with one letter changed, added or left out."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short_, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1 :] == short_ for i in range(len(long_)))


def _cell(value: object) -> str:
    """A cell as --where compares it: as the data file wrote it, so 21 matches a number
    column's 21.0 and a date its ISO day; without the spaces around it, as an outline's
    filter compares it (a shell trims them from the value, so a cell 'MI ' matched no
    --where and its did-you-mean, 'MI ', could not be typed)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "date") and hasattr(value, "isoformat"):
        return str(value.isoformat())[:10]
    return "" if value is None or value != value else str(value).strip()


def _matches(value: object, cell: str, wanted: str) -> bool:
    """Whether a cell is the value a --where names: a number cell by its number (10.0, 10
    and 1e1 name a cell holding 10, where comparing text matched none and suggested '100';
    found by fuzzing), any other by its text (:func:`_cell`). A column no schema declares
    is read as text: a cell written '10.0' or '1e1' there is a number too (`size=10`
    named none of them), but a code ('00501', '2E7') or a long ID is text, as a template
    reads it (:func:`~deckgen.tables.select.is_code`)."""
    from deckgen.tables.select import is_code

    if _is_number(value) and value == value:
        try:
            return float(wanted) == float(value)
        except ValueError:
            return False
    if cell != wanted and not (is_code(cell) or is_code(wanted)):
        return _is_number_text(cell) and _is_number_text(wanted) and float(cell) == float(wanted)
    return cell == wanted


def _where(rule: str, columns: Iterable[str] = ()) -> tuple[str, bool, str] | None:
    """``COLUMN=VALUE`` (or ``==``) -> (column, True, value); ``COLUMN!=VALUE`` -> (column,
    False, value); composed as the data's text is (``io.clean_text``). A column whose name
    holds '=' or '!' ('a=b', 'x!') is found where the rule starts with it and an operator
    follows: it could not be named at all (found by fuzzing)."""
    rule = clean_text(rule)
    for column in sorted(columns, key=len, reverse=True):
        head = rule.lstrip()
        if column and ("=" in column or "!" in column) and head.startswith(column):
            after = re.fullmatch(r"\s*(!=|==|=)\s*(.*?)\s*", head[len(column) :])
            if after:
                return column, after[1] != "!=", after[2]
    found = re.fullmatch(r"\s*([^=!<>]+?)\s*(!=|==|=)\s*(.*?)\s*", rule)
    if not found:
        return None
    return found[1], found[2] != "!=", found[3]


def _preload() -> None:
    """What drawing and assembling a row's deck need beyond the drawing libraries, loaded
    where the workers fork from while this process still reads the inputs: the kinds
    (a job holds its kind's spec), the plans an assembly job holds, assembling with the
    slides' motifs and the picture formats Pillow registers on first use, and the
    libraries' versions a picture's key reads from their installed metadata. Not what
    binding and planning import (pandas, the templates' sandbox): rows are staged here."""
    # Imported to be shared, not used here.
    import PIL.Image

    import deckgen.assemble.deck
    import deckgen.kinds.slides._motifs
    import deckgen.plan  # noqa: F401
    from deckgen.pipeline import load_kinds
    from deckgen.render.jobs import RENDER_PACKAGES, package_versions

    load_kinds()
    package_versions(RENDER_PACKAGES)
    PIL.Image.preinit()


@dataclass(frozen=True)
class _Task:
    """One row to stage."""

    outline: Path
    options: BuildOptions
    key: str
    row: object


@dataclass(frozen=True)
class _Settled:
    """A row with nothing left to do: failed, or up to date (``keys``: its pictures)."""

    result: RowResult
    keys: frozenset[str] = frozenset()


@dataclass
class _Staged:
    """A row bound and planned, waiting for its pictures."""

    key: str
    target: Target
    options: BuildOptions
    planned: Planned
    mark: str
    previous: dict[str, object] | None
    seconds: float  # its own work so far: staging, its part of drawing, assembly
    shows: tuple[str, ...] = ()  # its pictures' keys
    waiting: set[str] = field(default_factory=set)  # those not drawn yet
    over: bool = False  # failed: pictures that arrive later are not its concern


def _stage(task: _Task, inputs: Inputs, templates: dict[str, Table] | None) -> _Staged | _Settled:
    """Bind and plan one row; or settle it at once if it failed or is up to date."""
    from dataclasses import replace

    from deckgen import manifest
    from deckgen.pipeline import Target, bind, deck_folder, deck_name, plan_outline
    from deckgen.tables.select import remembering

    started = time.perf_counter()
    out = task.options.out_dir / folder_name(task.key)
    row_options = replace(task.options, out_dir=out)
    folder = deck_folder(task.outline, row_options)
    target = Target(task.outline, out / f"{deck_name(task.outline)}.pptx", folder)
    try:
        # Each chart's data selected once for its check, its slide and its cards, as in
        # a build (a row's own: its frames are let go with it).
        with remembering():
            ready = bind(inputs, row_options, {"row": task.row}, templates)
            planned = plan_outline(ready, row_options)
        mark = fingerprint(planned, row_options)
    except DeckgenError as exc:
        return _Settled(_failed(task.key, out, time.perf_counter() - started, exc))
    previous = manifest.read(folder / manifest.FILE_NAME)
    if (not task.options.force and previous
            and _unchanged(task.outline, folder, mark, previous, _data_files(inputs))):  # fmt: skip
        seconds = time.perf_counter() - started
        keys = frozenset(str(a["key"]) for a in previous.get("assets", []))
        # Its warnings, as the last build of the row kept them: the deck they are about is
        # still there (a rerun said nothing of it).
        kept = tuple(w for w in previous.get("warnings", []) if isinstance(w, str))
        made = target.deck if planned.plan.slides else folder / "social"  # cards alone
        return _Settled(RowResult(task.key, out, "up to date", seconds, made,
                                  warnings=kept), keys)  # fmt: skip
    return _Staged(task.key, target, row_options, planned, mark, previous,
                   time.perf_counter() - started)  # fmt: skip


def _draw_each(jobs: list[RenderJob]) -> list[tuple[Asset, float] | DeckgenError]:
    """:func:`~deckgen.render.executor.draw` for several small pictures in one job: each
    picture, or its own problem (one that cannot be drawn fails the rows that show it, not
    the others)."""
    from deckgen.render.executor import draw

    out: list[tuple[Asset, float] | DeckgenError] = []
    for job in jobs:
        try:
            out.append(draw(job))
        except DeckgenError as exc:
            out.append(exc)
    return out


#: Pictures smaller than this many pixels (a slide's stat callout, ~0.7 million) are drawn
#: several to a job.
SMALL = 1_000_000


class _Flow:
    """The rows of a batch through one pool, each as far as it can go, none waiting for
    another: a row is staged (bound and planned) here and its pictures sent at once; each
    picture not in the cache is drawn, once for all the rows that show it; its deck is
    assembled in a worker as soon as its own pictures are there, then written here. At
    most ``window`` rows are under way, and only their pictures are held in memory.

    Staging here, not in the workers, is what lets them start before the inputs are read:
    they need only what drawing and assembling import, which their process loads while
    this one reads (forked with the inputs, they started ~0.2 s later in a 50-row batch,
    and the rows' plans travelled back; staging is a tenth of a row's work).

    With no parallel pool every step runs here, in the same order of dependence, so the
    files are the same whatever ``--jobs`` is.
    """

    def __init__(self, outline: Path, options: BuildOptions, inputs: Inputs,
                 templates: dict[str, Table], pool: Pool, cache: AssetCache,
                 done: Callable[[RowResult], None], source: str,
                 key: str) -> None:  # fmt: skip
        from deckgen.render.cache import AssetCache

        self.outline, self.options, self.inputs = outline, options, inputs
        self.templates = templates
        self.source = source  # the --for-each table: its rows' fingerprints name it
        self.key = key  # and the column that names its rows' folders
        self.pool, self.cache, self.done = pool, cache, done
        # What this batch drew is read back even under --force, which only stops
        # reading what earlier runs drew.
        self.ours = AssetCache(cache.folder)
        self.window = max(WINDOW, 4 * pool.workers)
        self.here = not pool.parallel
        self.futures: dict[Future[Any], tuple[int, Callable[[Future[Any]], None]]] = {}
        self.sent = 0
        self.under_way = 0
        self.assets: dict[str, Asset] = {}  # the pictures of the rows under way
        self.shown: Counter[str] = Counter()  # how many rows under way show each
        self.drawing: dict[str, list[_Staged]] = {}  # a picture being drawn: who waits
        self.drawn: set[str] = set()
        self.used: set[str] = set()
        self.rendered = 0

    def run(self, rows: list[tuple[str, object]], stop: _Stop) -> None:
        """Build ``rows``; return when each is settled, or as soon as ``stop`` is asked
        (the jobs under way are then left to the pool, which cancels them)."""
        from concurrent.futures import FIRST_COMPLETED, wait

        todo = iter(rows)
        while not stop.asked:
            while not stop.asked and self.under_way < self.window:
                if (row := next(todo, None)) is None:
                    break
                self.under_way += 1
                task = _Task(self.outline, self.options, *row)
                self.staged(_stage(task, self.inputs, self.templates))
            if not self.futures:
                return
            finished, _ = wait(list(self.futures), LISTEN, return_when=FIRST_COMPLETED)
            for future in sorted(finished, key=lambda f: self.futures[f][0]):
                if stop.asked:
                    return
                _, then = self.futures.pop(future)
                then(future)

    def submit(self, fn: Callable[[T], R], arg: T, then: Callable[[Future[R]], None]) -> None:
        """``fn(arg)`` in the pool (here with no parallel pool), and ``then(future)`` here
        when it is done."""
        if self.here:
            future: Future[R] = Future()
            try:
                future.set_result(fn(arg))
            except Exception as exc:  # raised by future.result(), as a worker's would be
                future.set_exception(exc)
        else:
            future = self.pool.submit(fn, arg)
        self.sent += 1
        self.futures[future] = (self.sent, then)

    def staged(self, outcome: _Staged | _Settled) -> None:
        """Send a staged row's pictures to be drawn; settle a row that needs nothing."""
        from deckgen.render.executor import draw
        from deckgen.render.jobs import Asset

        if isinstance(outcome, _Settled):
            self.used |= outcome.keys
            self.settle(outcome.result)
            return
        row = outcome
        jobs = {job.key(): job for job in row.planned.jobs}
        row.shows = tuple(jobs)
        todo: list[tuple[str, RenderJob]] = []
        for key, job in jobs.items():
            self.shown[key] += 1
            if key in self.assets:
                continue
            if key in self.drawing:
                self.drawing[key].append(row)
                row.waiting.add(key)
                continue
            hit = self.cache.get(key, job.ext)
            if hit is None and key in self.drawn:
                hit = self.ours.get(key, job.ext)
            if hit is not None:
                data, meta = hit
                values = dict(meta.get("values", {}))
                self.assets[key] = Asset(data, str(meta.get("alt", "")), key, values)
                continue
            self.drawing[key] = [row]
            row.waiting.add(key)
            todo.append((key, job))
        # The biggest first, so no worker is left with a long one at the end; the small
        # ones (stat callouts, ~10 ms each) as one job, so that sending, relaying and
        # settling each does not cost a tenth of its drawing.
        todo.sort(key=lambda pair: -pair[1].cost())
        small = [pair for pair in todo if pair[1].cost() < SMALL]
        for key, job in todo[: len(todo) - len(small)]:
            self.submit(draw, job, partial(self.drew, key, job))
        if small:
            self.submit(_draw_each, [job for _, job in small], partial(self.drew_each, small))
        if not row.waiting:
            self.assemble(row)

    def drew(self, key: str, job: RenderJob, future: Future[tuple[Asset, float]]) -> None:
        rows = self.drawing.pop(key)
        try:
            asset, seconds = future.result()
        except DeckgenError as exc:  # every row that shows the picture fails, alone
            for row in rows:
                if not row.over:
                    self.fail(row, row.planned.located(exc))
            return
        self.cache.put(key, asset.data, {"alt": asset.alt, "values": asset.values}, job.ext)
        self.drawn.add(key)
        self.rendered += 1
        if self.shown[key]:
            self.assets[key] = asset
        for row in rows:
            row.seconds += seconds / len(rows)  # each row's part of the drawing
            row.waiting.discard(key)
            if not row.waiting and not row.over:
                self.assemble(row)

    def drew_each(self, jobs: list[tuple[str, RenderJob]],
                  future: Future[list[tuple[Asset, float] | DeckgenError]]) -> None:  # fmt: skip
        """:meth:`drew` for each picture of a :func:`_draw_each` job, a failed one alone."""
        for (key, job), outcome in zip(jobs, future.result(), strict=True):
            one: Future[tuple[Asset, float]] = Future()
            if isinstance(outcome, DeckgenError):
                one.set_exception(outcome)
            else:
                one.set_result(outcome)
            self.drew(key, job, one)

    def pictures(self, row: _Staged) -> RenderRun:
        from deckgen.render.executor import RenderRun

        assets = {key: self.assets[key] for key in row.shows}
        return RenderRun(assets, frozenset(self.drawn.intersection(row.shows)))

    def assemble(self, row: _Staged) -> None:
        from deckgen.pipeline import Assembly

        if not row.planned.plan.slides:  # cards alone: no deck to assemble
            self.write(row, None)
            return
        # Only the deck's pictures travel to the worker, not the cards'.
        shown = {job.key() for job in row.planned.plan.jobs}
        job = Assembly.of(row.planned, {key: self.assets[key] for key in shown})
        self.submit(_assemble_row, job, partial(self.assembled, row))

    def assembled(self, row: _Staged, future: Future[tuple[bytes | None, str, float]]) -> None:
        deck, error, seconds = future.result()
        row.seconds += seconds
        if deck is None:
            self.fail(row, DeckgenError(error))
            return
        self.write(row, deck)

    def write(self, row: _Staged, deck: bytes | None) -> None:
        """Write a row's deck (``None``: an outline of cards alone), cards and manifest."""
        from deckgen.pipeline import finish

        started = time.perf_counter()
        try:
            result = finish(row.planned, self.pictures(row), deck, row.options, row.target,
                            row.previous)  # fmt: skip
            # The table and the key column named too: a batch of the outline over another
            # table, or naming its rows by another column, into the same folder, does not
            # take this row for one of its own (see _remove_gone).
            mark = json.dumps({"fingerprint": row.mark, "for_each": self.source,
                               "key": self.key}).encode("utf-8")  # fmt: skip
            atomic_write_bytes(row.target.folder / FINGERPRINT, mark, state=True)
        except DeckgenError as exc:
            self.fail(row, exc)
            return
        self.used |= result.keys
        self.release(row)
        row.seconds += time.perf_counter() - started
        self.settle(RowResult(row.key, row.target.deck.parent, "built", row.seconds,
                              result.deck or result.cards_dir,
                              warnings=result.warnings))  # fmt: skip

    def fail(self, row: _Staged, exc: DeckgenError) -> None:
        row.over = True
        self.release(row)
        self.settle(_failed(row.key, row.target.deck.parent, row.seconds, exc))

    def release(self, row: _Staged) -> None:
        """The row is done with its pictures: keep only those another row under way shows."""
        for key in row.shows:
            self.shown[key] -= 1
            if not self.shown[key]:
                del self.shown[key]
                self.assets.pop(key, None)

    def settle(self, result: RowResult) -> None:
        self.under_way -= 1
        self.done(result)


def _assemble_row(job: Assembly) -> tuple[bytes | None, str, float]:
    """Assemble one row's deck in a worker: the deck, or its problem as text (so one
    row's failure does not stop the others), and the seconds it took."""
    from deckgen.pipeline import assemble

    started = time.perf_counter()
    try:
        deck, error = assemble(job), ""
    except DeckgenError as exc:
        deck, error = None, exc.format_message()
    return deck, error, time.perf_counter() - started


def _failed(row_key: str, out: Path, seconds: float, exc: DeckgenError) -> RowResult:
    # Whole: each problem with its hint (the first line alone left a row's error without
    # its fix, which `check --for-each` gave; found by fuzzing).
    return RowResult(row_key, out, "failed", seconds, error=exc.format_message())


def fingerprint(planned: Planned, options: BuildOptions) -> str:
    """What a row's deck and cards show, as one digest: the outline file, the options and
    versions, every bound text, and every picture's content key (which holds its data)."""
    from deckgen import manifest

    ready, plan, cards = planned.ready, planned.plan, planned.cards
    loaded = ready.loaded
    digest = hashlib.sha256()
    parts = [
        manifest.file_digest(loaded.path),
        json.dumps(options.fingerprint(), sort_keys=True),
        json.dumps(manifest.versions(), sort_keys=True),
        *(f"{b.path}={b.text}" for b in ready.bound.bindings),
        *(p.job.key() for s in plan.slides for p in s.pictures),
        *(repr(s.layout) for s in plan.slides),  # tables and texts laid out
        *(c.job.key() for c in cards),
    ]
    for part in parts:
        digest.update(str(part).encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


def _unchanged(outline: Path, folder: Path, mark: str, previous: dict[str, Any],
               data: Iterable[Path] = ()) -> bool:  # fmt: skip
    """The row's last build showed the same things, and ``deckgen build`` would find it
    up to date (:func:`deckgen.manifest.up_to_date`: the files it read, found where they
    were, and the files it wrote, unchanged), but for the ``data`` files.

    The fingerprint holds what the row shows of its data, not of the files it shows whole
    (an image, the theme's files and fonts, its template): checked alone, a picture
    replaced at its path, or a theme's colour changed on a deck of no picture, left every
    row "up to date" (found by review). The data files are left out: every row reads the
    whole of them, and the fingerprint holds what the row shows of them (one row's number
    changed must not rebuild every row). Each file is digested once a process
    (``file_digest`` remembers it), not once a row.
    """
    from deckgen import manifest

    try:  # a regular file of a few bytes, or damage (then the row is built again)
        saved = state_json(read_regular(folder / FINGERPRINT, 4096, follow=False) or b"")
    except ValueError:
        return False
    if not isinstance(saved, dict) or saved.get("fingerprint") != mark:
        return False
    inputs = previous.get("inputs")
    if not isinstance(inputs, dict):
        return False
    root = outline.parent
    shared = {manifest.display_path(path, root) for path in data}
    read = {name: digest for name, digest in inputs.items() if name not in shared}
    # The options are the fingerprint's (it holds them): compared there.
    return manifest.up_to_date({**previous, "inputs": read}, previous.get("options", {}), root)


def _data_files(inputs: Inputs) -> list[Path]:
    """The files the batch's data sources were read from."""
    return [Path(str(t.attrs["file"])) for t in inputs.tables.values() if "file" in t.attrs]


def key_column(inputs: Inputs, source: str, key: str | None) -> str:
    """The column that names ``source``'s rows' folders: ``key``, or else its first."""
    frame = inputs.tables[source]
    by_name = {str(c): c for c in frame.columns}
    return str(by_name[key] if key is not None else frame.columns[0])


def _table_folders(inputs: Inputs, source: str, column: str) -> set[str]:
    """The folder of every row of ``source`` (not only those --where chose: a row left out
    this time keeps what an earlier batch built for it), named by its ``column``."""
    frame = inputs.tables[source]
    by_name = {str(c): c for c in frame.columns}
    return {folder_name(k) for k in _row_keys(frame, by_name[column]) if k is not None}


def _remove_gone(
    outline: Path, out_dir: Path, source: str, key: str, rows: set[str]
) -> tuple[tuple[Path, ...], tuple[Path, ...], str]:
    """Remove what an earlier batch of ``outline`` over ``source`` built into a row folder
    of ``out_dir`` that no row of the table has now (``rows``: their folders, named by
    column ``key``); return those folders, then those left because that batch named its
    rows by another column, and that column. A cold batch makes no such folder, and a
    deck of a row gone from the data, left beside the others, is last month's deck
    waiting to be sent.

    Only a batch's own row is touched, known by its fingerprint file and its manifest (of
    this outline, listing the row's deck), and of it only the files its manifest lists as
    written, the manifest and the fingerprint, as a build removes only the cards it made: a
    folder of the user's, or another outline's files in the row folder, stay, and a folder
    is removed only once empty. Nor is a row named by another column a row gone: a batch
    by state code then one by state name made 'mi' and 'michigan' for one row, and the
    second removed 'mi', saying the row was no longer in the table (found by fuzzing).
    Such folders stay, and the summary names them.
    """
    from deckgen.io import own_folder

    try:
        names = sorted(p.name for p in out_dir.iterdir())
    except OSError:  # no output folder (every row failed), or not a folder
        return (), (), ""
    removed: list[Path] = []
    otherwise: list[Path] = []
    other = ""
    for name in names:
        # '.cache' is the batch's picture cache, never a row's (a row's folder has a letter
        # or digit first).
        if name in rows or name.startswith(".") or not own_folder(out_dir / name):
            continue
        made = _made_by(outline, out_dir / name, source)
        if made is None:
            continue
        theirs, outputs = made
        if theirs not in (None, key):
            otherwise.append(out_dir / name)
            other = other or theirs
        elif _remove_row(outline, out_dir / name, outputs):
            removed.append(out_dir / name)
    return tuple(removed), tuple(otherwise), other


def _made_by(outline: Path, row: Path, source: str) -> tuple[str | None, list[str]] | None:
    """If a batch of ``outline`` over ``source`` made the row folder ``row`` (see
    :func:`_remove_gone`): the column it named its rows by (``None`` for a fingerprint
    written before the column was recorded: this batch's) and the files its manifest lists
    as written; else ``None``."""
    from deckgen import manifest
    from deckgen.io import own_folder

    folder = row / outline.stem
    if not own_folder(folder):
        return None
    try:
        saved = state_json(read_regular(folder / FINGERPRINT, 4096, follow=False) or b"")
    except ValueError:
        return None
    # A fingerprint written before the table was recorded in it counts as this table's.
    if not isinstance(saved, dict) or saved.get("for_each", source) != source:
        return None
    root = outline.parent
    # With ``root``, a manifest whose outputs lie outside the row folder is refused.
    document = manifest.read(folder / manifest.FILE_NAME, root)
    if document is None or document["outline"] != manifest.display_path(outline, root):
        return None
    outputs = document["outputs"]
    # Its deck, or for an outline of cards alone its cards' list.
    made = (row / f"{outline.stem}.pptx", folder / "social" / "cards.json")
    if not any(manifest.display_path(path, root) in outputs for path in made):
        return None
    key = saved.get("key")
    return (None if key is None else str(key)), list(outputs)


def _remove_row(outline: Path, row: Path, outputs: list[str]) -> bool:
    """Remove the files ``outputs`` (as its manifest names them), the manifest and the
    fingerprint from the row folder ``row`` a batch of ``outline`` made (:func:`_made_by`),
    and its folders once empty; whether the files went."""
    import os

    from deckgen import manifest

    folder, root = row / outline.stem, outline.parent
    written = [(root / name).resolve() for name in outputs]  # in the row folder: see read
    try:  # the manifest last: a file that could not be removed is tried again next run
        for path in (*written, folder / manifest.FILE_NAME, folder / FINGERPRINT):
            if path.is_file():
                path.unlink()
    except OSError:
        return False
    # The folders the files were in, deepest first, each only once empty.
    home = row.resolve()
    parents = {p for path in written for p in path.parents if p.is_relative_to(home)}
    for path in sorted(parents | {folder.resolve(), home}, key=lambda p: -len(p.parts)):
        with contextlib.suppress(OSError):
            os.rmdir(path)
    return True
