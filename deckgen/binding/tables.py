"""Read-only views of the data sources for templates, which record every cell they read.

A template sees each source by name as a :class:`Table`: ``production["China"]`` is the row
whose first column is "China", ``production["China"].production_2023`` its cell. Tables
also aggregate (``sum``, ``max``, ``top``...). Every cell a template touches is appended to
the active :class:`ReadLog`, so the build knows which numbers each text shows.

A cell is a number where it reads as one, a date in a date column (``max`` and ``min`` of
dates are dates, rows sort and select by date), and text otherwise; a column declared
``text`` stays text, so a year or an ID is written as it was, never as a number.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import functools
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NoReturn

from deckgen.errors import BindingError, counted, did_you_mean, one_of
from deckgen.tables.dates import in_time, is_date, match, writing_of
from deckgen.tables.origin import short
from deckgen.tables.select import (
    DRESS,
    category_text,
    is_census_mark,
    is_code,
    leave_out_strays,
    listed,
    near,
    to_number,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    import pandas as pd

    from deckgen.outline.formats import NumberFormat

Value = float | str | dt.date | None
#: What a read records: a date as its canonical text ('2010-03'), for the manifest.
Recorded = float | str | None


@dataclass(frozen=True)
class Read:
    """One cell a template (or a chart) read: source, row key, column and the value."""

    source: str
    row: str
    column: str
    value: Recorded

    @property
    def label(self) -> str:
        return f"{self.source} · {self.row} · {self.column}"


class MissingCell(BindingError, LookupError):
    """No such row or column. A ``LookupError`` so Jinja's ``row["key"]`` and
    ``map(attribute="key")`` fall back to the row's own attributes (``key``) as they
    would on a dict; a name that is neither still raises this message."""


@dataclass(frozen=True)
class Shown:
    """One number a template wrote through a number filter: the text it printed, the
    value it was given, and the filter as called (its name and arguments after the value),
    so a check can write the same value with more decimals."""

    text: str
    value: float
    filter: str
    args: tuple[Any, ...] = ()
    kwargs: tuple[tuple[str, Any], ...] = ()
    #: Whether the value is one ``change()`` worked out in the same template.
    change: bool = False


class ReadLog:
    """Collects the cells read, and the numbers written, while one template renders."""

    def __init__(self) -> None:
        self.reads: list[Read] = []
        self.shown: list[Shown] = []
        #: The values ``change()`` gave (a number written from one is a change).
        self.changes: list[float] = []

    def __enter__(self) -> ReadLog:
        self._token = _ACTIVE.set(self)
        return self

    def __exit__(self, *_: object) -> None:
        _ACTIVE.reset(self._token)

    def unique(self) -> tuple[Read, ...]:
        return tuple(dict.fromkeys(self.reads))


_ACTIVE: contextvars.ContextVar[ReadLog | None] = contextvars.ContextVar("reads", default=None)


def _record(read: Read) -> None:
    log = _ACTIVE.get()
    if log is not None:
        log.reads.append(read)


def active_log() -> ReadLog | None:
    """The log of the template rendering now, if one is."""
    return _ACTIVE.get()


def cell_value(raw: Any, declared: str | None = None) -> Value:
    """A cell as a template sees it: a date in a date column (an Excel date cell too), text
    in a column declared ``text`` and a code or an ID
    (:func:`~deckgen.tables.select.is_code`), else a number
    where it parses as one, else text; '-' -> None."""
    if isinstance(raw, dt.datetime) and raw.time() == dt.time(0):
        return raw.date()
    if is_date(raw):
        return raw
    if isinstance(raw, str) and (declared == "text" or is_code(raw)):
        return raw  # a code such as 00501 is not the number 501
    if isinstance(raw, int) and not isinstance(raw, bool) and abs(raw) >= _EXACT:
        return str(raw)  # a JSON ID past a float's digits: 9007199254740993, not ...992
    try:
        number = to_number(raw)
    except ValueError:
        return str(raw)
    # A whole number is an int, as the file writes it: a float printed '2020.0, 2024.0'
    # wherever Jinja calls str() (join, format, ~ inside a filter), found by fuzzing.
    value = int(number) if number is not None and _whole(number) else number
    dressed = _dressed(raw) if isinstance(raw, str) and value is not None else None
    if dressed is None or value is None:
        return value
    if isinstance(value, int):
        return WrittenInt(value, dressed)
    return WrittenFloat(value, dressed)


def _dressed(raw: str) -> NumberFormat | None:
    """How a cell (one that reads as a number) written with a percent sign, a currency sign
    before it or commas between thousands is written ('43.17%', '$1,200.50', '12,480'), as a
    number format; ``None`` for a plain number ('1200.5') or another writing (an accounting
    negative, a currency sign after it)."""
    from deckgen.outline.formats import NumberFormat

    match = DRESS.fullmatch(raw.strip())
    if match is None or match["after"] not in (None, "%"):
        return None
    pre, percent, number = match["currency"], match["after"] == "%", match["number"]
    if not (pre or percent or "," in number) or (pre and percent):
        return None  # plain, or '$5%': no one way to write it
    decimals = len(number.partition(".")[2])
    if decimals > 6:
        return None
    return NumberFormat(style="percent" if percent else "plain", decimals=decimals,
                        prefix=pre)  # fmt: skip


class _Written:
    """A cell's number that keeps how its cell is written, as a number format, so that
    printed without a filter it reads as the data does: '43.17%' printed '43.17', and
    '$1,200.50' '1200.5' (found in review). Any sum or filter of it is a plain number."""

    written: NumberFormat

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.__class__.__mro__[2](self), self.written))


class WrittenFloat(_Written, float):
    def __new__(cls, value: float, written: NumberFormat) -> WrittenFloat:
        made = super().__new__(cls, value)
        made.written = written
        return made


class WrittenInt(_Written, int):  # an int's subclass can hold no slots: a __dict__
    def __new__(cls, value: int, written: NumberFormat) -> WrittenInt:
        made = super().__new__(cls, value)
        made.written = written
        return made


#: Whole numbers a float holds exactly: past it, an int would print digits the file never
#: had (1e20 is '1e+20' as a float, 100000000000000000000 as an int).
_EXACT = 2**53


def _whole(number: float) -> bool:
    return number.is_integer() and abs(number) < _EXACT


def _recorded(value: Value) -> Recorded:
    return str(value) if isinstance(value, dt.date) else value


class Row:
    """One row; ``row.column`` or ``row["column"]`` is a cell, ``row.key`` its first cell.
    ``place`` says where it is (``electricity.csv:5``), for messages."""

    def __init__(
        self, table: str, key: str, cells: dict[str, Value], place: str | None = None
    ) -> None:
        self._table, self._key, self._cells, self._place = table, key, cells, place
        #: How the row is named where its cells are recorded: its key, or more where the
        #: key is not unique (long data: '2014 · Coal').
        self._label = key

    @property
    def key(self) -> str:
        return self._key

    def __getitem__(self, column: str) -> Value:
        if column not in self._cells and column in _MAPPING_METHODS:
            # 'row.items()' and 'row | dictsort' were told the data has no column 'items'
            # (found by fuzzing): a row is read a cell at a time.
            raise BindingError(
                f"a row is no mapping to list or sort ({column!r}): print one of its cells, "
                f"{self.example()}"
            )
        if column not in self._cells:
            raise MissingCell(
                f"data source {self._table!r} has no column {column!r}; its columns are "
                f"{listed(self._cells)}" + _hint(column, self._cells)
            )
        value = self._cells[column]
        if isinstance(value, int | float) and is_census_mark(value):
            # The Census Bureau's mark for no estimate, as a chart refuses it: a title
            # summed it, or printed -666,666,666 as a county's income (found in review).
            raise BindingError(
                f"row {self._key!r} of {self._table!r} holds {_written(value)} in {column!r}, "
                "the US Census Bureau's mark for an estimate it could not give, not a value; "
                f"add missing: ['{_written(value)}'] to the data source (an empty cell), or "
                "leave the row out"
            )
        _record(Read(self._table, self._label, column, _recorded(value)))
        return value

    def __getattr__(self, column: str) -> Value:
        if column.startswith("_"):
            raise AttributeError(column)
        return self[column]

    def __repr__(self) -> str:
        return f"<row {self._key!r} of {self._table!r}>"

    def example(self) -> str:
        """How a template reads a cell of this row: ``production['China'].production_2023``."""
        column = next(iter(list(self._cells)[1:]), "column")
        return f"{self._table}[{self._key!r}]{_member(column)}"


#: A mapping's methods, which a template may call on a row as on a dict (or a filter may:
#: ``dictsort`` calls ``items``), where the row has no column of that name.
_MAPPING_METHODS = frozenset({"items", "keys", "values", "get"})


class Table:
    """A data source for templates: rows by key, cells, and aggregates over columns.

    ``rows`` is a list, or a function that makes it: a source's rows are made from its
    frame only when a template first reads the source (a large source that only charts
    show costs a build nothing here; a batch binds its rows against one set of tables).
    """

    def __init__(self, name: str, columns: list[str],
                 rows: list[Row] | Callable[[dict[int, Row]], list[Row]],
                 index: Index | None = None) -> None:  # fmt: skip
        self._name, self._columns, self._source = name, columns, rows
        #: A source's row keys, and one row made by its position: a lookup by key
        #: (``production.China``) makes that row alone, not all of them.
        self._index = index
        self._made: dict[int, Row] = {}

    @functools.cached_property
    def _positions(self) -> dict[str, list[int]]:
        """Each row key's positions, from the index (the keys alone: a tenth of the time
        of making every row); made once, outside the time of the template that first
        looks a row up (:func:`~deckgen.binding.sandbox.untimed`): a row looked up by its
        key is quick in millions of rows once it is made."""
        from deckgen.binding.sandbox import untimed

        assert self._index is not None
        positions: dict[str, list[int]] = {}
        with untimed():
            for k, key in enumerate(self._index.keys()):
                positions.setdefault(key, []).append(k)
        return positions

    def _timed(self, make: Callable[[], Any]) -> Any:
        """``make()``, the rows or keys of this source; when a template's time runs out in
        it, the message says the data's size is the cause, not the template (it said "make
        the template smaller" of a one-expression template over a million rows; found by
        fuzzing)."""
        from deckgen.binding.sandbox import TemplateTooBig

        try:
            return make()
        except TemplateTooBig as exc:
            count = self._index.count if self._index is not None else None
            rows = f"its {count:,} rows" if count is not None else "its rows"
            late = type(exc)(
                f"{exc}, reading data source {self._name!r} ({rows}) for templates: the "
                "source is too large for templates to go through"
            )
            late.hint = (
                "derive a smaller table from it (a derived source with a filter or a sum) "
                "and use that in templates; a row looked up by its key is quick"
            )
            raise late from None

    @functools.cached_property
    def _built(self) -> tuple[list[Row], dict[str, list[Row]]]:
        source, made = self._source, self._made
        # The rows looked up by key before are kept: each cell is read once.
        rows = self._timed(lambda: source(made)) if callable(source) else source
        by_key: dict[str, list[Row]] = {}
        for row in rows:
            by_key.setdefault(row.key, []).append(row)
        for same in by_key.values():
            if len(same) > 1:
                _label_apart(same, self._columns)
        return rows, by_key

    @property
    def _rows(self) -> list[Row]:
        return self._built[0]

    @property
    def _by_key(self) -> dict[str, list[Row]]:
        return self._built[1]

    @classmethod
    def from_frame(cls, name: str, frame: pd.DataFrame) -> Table:
        columns = [str(c) for c in frame.columns]
        types = frame.attrs.get("types", {})
        origin = frame.attrs.get("origin")

        def row(position: object, record: tuple[Any, ...]) -> Row:
            cells = {c: cell_value(v, types.get(c))
                     for c, v in zip(columns, record, strict=True)}  # fmt: skip
            key = cells[columns[0]] if isinstance(cells[columns[0]], dt.date) else record[0]
            place = short(origin.row(int(position))) if origin is not None else None  # type: ignore[call-overload]
            return Row(name, "" if key is None else category_text(key), cells, place)

        def rows(made: dict[int, Row]) -> list[Row]:
            records = frame.itertuples(index=False, name=None)
            return [made.get(k) or row(p, r)
                    for k, (p, r) in enumerate(zip(frame.index, records, strict=True))]  # fmt: skip

        def keys() -> list[str]:
            # As row() names a row, from the first column alone: a date as a date cell
            # reads (the only key cell_value changes), anything else as written.
            first = types.get(columns[0])
            out = []
            for raw in frame.iloc[:, 0].tolist():
                value = cell_value(raw, first) if isinstance(raw, dt.date) else raw
                key = value if isinstance(value, dt.date) else raw
                out.append("" if key is None else category_text(key))
            return out

        def at(k: int) -> Row:
            return row(frame.index[k], tuple(frame.iloc[k].tolist()))

        index = Index(keys, at, len(frame)) if len(columns) else None
        return cls(name, columns, rows, index)

    # -- rows
    def __getitem__(self, key: str) -> Row:
        if isinstance(key, int) and not isinstance(key, bool):
            try:
                return self[str(key)]  # a year or a code as the first column writes it
            except MissingCell:
                # Not a LookupError: Jinja turns those into "Table object has no element
                # 5", a Python internal (found by fuzzing).
                raise BindingError(
                    f"data source {self._name!r} has no row {key}: rows are found by their "
                    f"first column ({self._columns[0]!r}), not by number; write "
                    f"{self._name}['<name>'], or {self._name}.top(n, column) for the first "
                    "rows by a value"
                ) from None
        if self._index is not None and "_built" not in self.__dict__:
            return self._looked_up(str(key))
        rows = self._by_key.get(str(key))
        if rows is None:
            keys = list(self._by_key)
            raise self._column_as_row(str(key)) or MissingCell(
                f"data source {self._name!r} has no row {key!r} (rows are found by their "
                f"first column, {self._columns[0]!r})" + _hint(str(key), keys, listing=True)
            )
        if len(rows) > 1:
            # Returning one of them would be a guess: the last row read, silently.
            raise BindingError(self._ambiguous(str(key), rows))
        return rows[0]

    def _looked_up(self, key: str) -> Row:
        """Row ``key`` from the index, making only the rows with that key."""
        assert self._index is not None
        positions = self._positions.get(key)
        if positions is None:
            raise self._column_as_row(key) or MissingCell(
                f"data source {self._name!r} has no row {key!r} (rows are found by their "
                f"first column, {self._columns[0]!r})" + _hint(key, self._positions, listing=True)
            )
        rows = [self._made.get(k) or self._index.row(k) for k in positions]
        self._made.update(zip(positions, rows, strict=True))
        if len(rows) > 1:
            _label_apart(rows, self._columns)
            raise BindingError(self._ambiguous(key, rows))
        return rows[0]

    def _column_as_row(self, key: str) -> MissingCell | None:
        """A column's name where a row's goes (``t.where('country', 'China').units``): the
        fix listed the rows' names (found in review)."""
        if key not in self._columns or key == self._columns[0]:
            return None
        if len(self._rows) == 1:
            fix = f"take its row first: add .one() before .{key}"
        else:
            fix = (f"take one row first: {self._name}['<name>'].{key}, or "
                   f".where(...).one().{key}; for all of them, .sum({key!r}), .max({key!r}) "
                   f"or .column({key!r})")  # fmt: skip
        return MissingCell(
            f"{key!r} is a column of {self._name!r}, not one of its rows: it holds "
            f"{counted(len(self._rows), 'row')}, and a cell is read from one of them",
            fix,
        )

    def _ambiguous(self, key: str, rows: list[Row]) -> str:
        first = self._columns[0]
        places = [r._place for r in rows if r._place]
        at = f" (at {', '.join(places[:4])}{' ...' if len(places) > 4 else ''})" if places else ""
        # A column that tells these rows apart, for a concrete suggestion.
        other = next(
            (c for c in self._columns[1:] if len({str(r._cells[c]) for r in rows}) == len(rows)),
            None,
        )
        value = _literal(rows[0]._cells[first])
        then = f".where({other!r}, {_literal(rows[0]._cells[other])})" if other else ".where(...)"
        pick = f"{self._name}.where({first!r}, {value}){then}.one()"
        written = f"{self._name}[{key!r}]"
        if key.isidentifier():
            written = f"{self._name}.{key} or {written}"
        return (
            f"data source {self._name!r} has {len(rows)} rows whose first column ({first!r}) "
            f"is {key!r}{at}, so {written} could mean any of them; pick one with "
            f".where(...), e.g. {pick}"
        )

    def __getattr__(self, key: str) -> Row:
        if key.startswith("_"):
            raise AttributeError(key)
        return self[key]

    # Jinja's sandbox asks any callee for these before a call: a source is not a function
    # (and not a row of that name: `__getattr__` would look one up).
    unsafe_callable = False
    alters_data = False
    jinja_pass_arg = None

    def __call__(self, *args: object, **kwargs: object) -> NoReturn:
        from deckgen.binding.filters import FUNCTIONS

        hides = (f"; it hides the template function {self._name}(): rename the source to use "
                 "the function") if self._name in FUNCTIONS else ""  # fmt: skip
        raise BindingError(f"data source {self._name!r} is a table, not a function{hides}")

    def __iter__(self) -> Iterator[Row]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)

    def __repr__(self) -> str:
        return f"<table {self._name!r}: {counted(len(self._rows), 'row')}>"

    def example(self) -> str:
        """How a template reads a cell and a total of this source."""
        column = next(iter(self._columns[1:]), "column")
        return f"{self._name}[...]{_member(column)}, {self._name}.sum({column!r})"

    # -- selections (each returns a Table, so they chain)
    def without(self, *keys: str) -> Table:
        """The table less the rows with these keys (e.g. totals rows)."""
        for key in keys:
            if str(key) not in self._by_key:
                self[key]  # an unknown key is a typo: say so
        drop = {str(k) for k in keys}
        return self._subset([r for r in self._rows if r.key not in drop])

    def where(self, column: str, value: object) -> Table:
        """The rows whose ``column`` equals ``value`` (a date column: the rows in the date or
        period ``value`` names, e.g. ``'2009'`` or ``'2009-06'``)."""
        rows = [r for r in self._rows if _equal(r[column], value)]
        if not rows and self._rows:
            # "the selection leaves no rows" named neither the column nor its values, where
            # every other lookup says did you mean (found by fuzzing).
            written = list(dict.fromkeys(_written(r[column]) for r in self._rows))
            near = did_you_mean(str(value), written)
            raise BindingError(
                f"{self._name}.where({column!r}, {value!r}) keeps no row: the {column!r} "
                f"values of {self._name!r} are {listed(written)}" + (f"; {near}" if near else "")
            )
        return self._subset(rows)

    def top(self, n: int, by: str) -> Table:
        """The ``n`` rows with the largest ``by`` (missing values last)."""
        self._in_order(n, by, "top")
        return self._subset(self._sorted(by)[: self._count(n, "top")])

    def bottom(self, n: int, by: str) -> Table:
        """The ``n`` rows with the smallest ``by``."""
        self._in_order(n, by, "bottom")
        return self._subset(self._sorted(by, descending=False)[: self._count(n, "bottom")])

    def _in_order(self, n: object, by: object, what: str) -> None:
        """A column named first and a count second is said so: ``top('units', 5)`` was
        Python's AttributeError, an internal name, with 'fix the template' (review)."""
        if isinstance(n, str) and isinstance(by, int | float) and not isinstance(by, bool):
            raise BindingError(
                f"{what}(n, column) takes the number of rows first, then the column; found "
                f"{what}({n!r}, {by!r})",
                f"write {self._name}.{what}({by!r}, {n!r})",
            )

    def _count(self, n: object, what: str) -> int:
        """``n`` as a count of rows: a whole number, 1 or more. A negative one was a Python
        slice (``top(-5)`` kept all rows but the last five), and 2.7 was cut to 2, with no
        word (found by fuzzing)."""
        whole = isinstance(n, int) or (isinstance(n, float) and n.is_integer())
        if isinstance(n, bool) or not whole or n < 1:  # type: ignore[operator]
            raise BindingError(
                f"{what}(n, column) takes a number of rows, a whole number of 1 or more, "
                f"found {n!r}: e.g. {self._name}.{what}(5, ...) for {len(self._rows)} rows"
            )
        return int(n)  # type: ignore[call-overload]

    def largest(self, by: str) -> Row:
        """The row with the largest ``by``."""
        return self._sorted(by)[0]

    def smallest(self, by: str) -> Row:
        """The row with the smallest ``by``."""
        return self._sorted(by, descending=False)[0]

    def one(self) -> Row:
        """The only row of a selection (``where("state", "WV").one()``); an error if the
        selection holds more than one, since picking one of them would be a guess."""
        if len(self._rows) != 1:
            keys = one_of(r.key for r in self._rows[:6])
            raise BindingError(
                f"expected one row of {self._name!r}, the selection has {len(self._rows)}: "
                f"{keys}" + (" ..." if len(self._rows) > 6 else ""),
                "narrow the selection to one row first (where('column', value)), or take a "
                f"row by its key: {self._name}[{self._rows[0].key!r}]",
            )
        return self._rows[0]

    # -- aggregates
    def column(self, name: str) -> list[Value]:
        return [row[name] for row in self._rows]

    def sum(self, column: str) -> float:
        return math.fsum(self._numbers(column))

    def max(self, column: str) -> float | dt.date:
        """The largest number, or the latest date, of ``column``."""
        return max(self._ordered(column, "take the max of"))

    def min(self, column: str) -> float | dt.date:
        """The smallest number, or the earliest date, of ``column``."""
        return min(self._ordered(column, "take the min of"))

    def mean(self, column: str) -> float:
        numbers = self._numbers(column, need_one=True)
        return math.fsum(numbers) / len(numbers)

    def count(self) -> int:
        return len(self._rows)

    # -- helpers
    def _subset(self, rows: list[Row]) -> Table:
        if not rows:
            raise BindingError(f"the selection leaves no rows of {self._name!r}")
        return Table(self._name, self._columns, rows)

    def _numbers(self, column: str, *, need_one: bool = False) -> list[float]:
        out = []
        for row in self._rows:
            value = row[column]
            if isinstance(value, str | dt.date):
                raise BindingError(
                    f"expected numbers in column {column!r} of {self._name!r}, "
                    f"found {_shown(value)} in row {row.key!r}",
                    "name a column of numbers (one declared 'type: number' in data: if it "
                    "holds quantities written as text)",
                )
            if value is not None:
                out.append(value)
        if need_one and not out:
            raise BindingError(f"column {column!r} of {self._name!r} has no numbers")
        return out

    def _keys(self, column: str, doing: str) -> dict[int, float | dt.date | None]:
        """Each row's value of ``column``, by row id: all numbers or all dates (else an
        error naming what ``doing`` needed: text has no order a reader agrees on)."""
        values = {id(r): r[column] for r in self._rows}
        present = [v for v in values.values() if v is not None]
        texts = [v for v in present if isinstance(v, str)]
        if texts and (placed := in_time(present)) is not None:
            # Periods written as text ('2023 JAN', '2023-Q1', an API's ISO days) are in
            # time order, as a chart places them: largest('month') was refused, told that
            # 'JAN' was a unit (found in review).
            when = iter(placed)
            return {k: None if v is None else next(when) for k, v in values.items()}
        # Fiscal and split years too: '2019/20' to '2023/24' and a 'Total' row were told
        # the column held text, naming '2023/24' (found by a new user).
        kinds = {v: writing_of(v) for v in texts}
        periods = [v for v in texts if kinds[v] is not None]
        if 4 * len(periods) >= 3 * len(texts) and len(set(kinds.values()) - {None}) == 1:
            # Periods but for a few: BLS's '2022 Annual' among its months was told that
            # 'Jan' in '2022 Jan' is a unit, to write as the format's suffix (found in review).
            odd = next(v for v in texts if kinds[v] is None)
            kind = str(kinds[periods[0]])
            row = next(r for r in self._rows if r[column] is odd)
            raise BindingError(
                f"cannot {doing} column {column!r} of {self._name!r}: {_shown(odd)} (in row "
                f"{row.key!r}) names no period, where {counted(len(periods), kind)} such as "
                f"{_shown(periods[0])} do; leave its rows out with a filter step in "
                f"the data source ({leave_out_strays(column, kind, [odd])}), or with "
                f"'.without({row.key!r})' in the template, or the column that made it out "
                "of the unpivot"
            )
        if texts or len({isinstance(v, dt.date) for v in present}) > 1:
            found = texts[0] if texts else present[0]
            row = next(r for r in self._rows if r[column] is found)
            raise BindingError(
                f"cannot {doing} column {column!r} of {self._name!r}: it holds text "
                f"({_shown(found)}, in row {row.key!r})" + _ordered_hint(found, texts)
            )
        return values  # type: ignore[return-value]

    def _ordered(self, column: str, doing: str) -> list[float | dt.date]:
        present = [v for v in self._keys(column, doing).values() if v is not None]
        if not present:
            raise BindingError(f"column {column!r} of {self._name!r} has no numbers or dates")
        return present

    def _sorted(self, by: str, *, descending: bool = True) -> list[Row]:
        keys = self._keys(by, "sort by")
        present = [r for r in self._rows if keys[id(r)] is not None]
        missing = [r for r in self._rows if keys[id(r)] is None]
        present.sort(key=lambda r: keys[id(r)], reverse=descending)  # type: ignore[arg-type,return-value]
        return present + missing


def _label_apart(rows: list[Row], columns: list[str]) -> None:
    """Name rows that share a key by the first other column that tells them apart
    ('2014 · Coal'), else by their place in the file, so each cell a template reads is
    recorded under a name of its own."""
    other = next(
        (c for c in columns[1:] if len({str(r._cells[c]) for r in rows}) == len(rows)), None
    )
    for row in rows:
        tail = _written(row._cells[other]) if other else (row._place or "")
        row._label = f"{row._key} · {tail}"


def _written(value: Value) -> str:
    """A cell as the file has it: 2014, not 2014.0."""
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def _literal(value: Value) -> str:
    """A value as a template writes it: 2020, 'Coal', '2020-03-01'."""
    if isinstance(value, float):
        return _written(value)
    return repr(str(value)) if isinstance(value, dt.date) else repr(value)


def _equal(cell: Value, value: object) -> bool:
    """Whether a cell holds ``value``: a number however either is written (2024 matches
    ``2024``, ``2024.0`` and ``'2024'``, as a step's filter does), a date in the date or
    period ``value`` names, anything else as text."""
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        try:  # '2024', the header name a where() is written with, names the year 2024
            wanted = to_number(value) if isinstance(value, str | int | float) else None
        except ValueError:
            return False
        return wanted is not None and cell == wanted
    if isinstance(cell, dt.date):
        return match(value, [cell]) == 0
    return str(cell) == str(value)


def _member(column: str) -> str:
    """``.column``, or ``['a column']`` where the name is not one a dot can take."""
    return f".{column}" if column.isidentifier() else f"[{column!r}]"


def _shown(value: object) -> str:
    return f"the date {value}" if isinstance(value, dt.date) else repr(value)


#: What a template calls on a table (README: "Tables in templates").
METHODS = ("where", "without", "one", "top", "bottom", "largest", "smallest", "sum", "mean",
           "max", "min", "count", "column")  # fmt: skip


def _hint(value: object, choices: Any, *, listing: bool = False) -> str:
    value = str(value)  # a number given where a column's name goes (found in review)
    choices = [str(c) for c in choices]
    suggestion = near(value, choices)
    if suggestion:
        return f"; {suggestion}"
    if value.isidentifier() and (method := did_you_mean(value, METHODS)) is not None:
        # 'ig.latest(...)' reads as a row named 'latest', and was told the rows' names
        # alone (found in review).
        return f"; if {value!r} was to be a table's method, {method}"
    if listing:  # an empty source listed nothing after 'rows:' (found by fuzzing)
        empty = "; the source has no rows: check its file, and what filters or steps made it"
        return f"; rows: {listed(choices)}" if choices else empty
    return ""


@dataclass(frozen=True)
class Index:
    """How a :class:`Table` finds a row without making them all: each row's key in order,
    one row made from its position, and how many rows there are."""

    keys: Callable[[], list[str]]
    row: Callable[[int], Row]
    count: int


def tables_for_templates(frames: dict[str, pd.DataFrame]) -> dict[str, Table]:
    """Every data source as a :class:`Table`."""
    return {name: Table.from_frame(name, frame) for name, frame in frames.items()}


def _ordered_hint(found: object, texts: list[str]) -> str:
    """What to do about a text cell where a template orders or sums: the hint a chart gives
    for its shape ('..' is a value not available: write '-'), a date's declaration for one
    that reads as a date, with the layout that reads the column's ``texts`` where it has
    one; declaring a column of '..' a date was the only advice (found by review), and
    Meta's days ('03/01/2024') were told to be numbers (found in review)."""
    from deckgen.tables.dates import PERIODS, parse_date, suggest
    from deckgen.tables.select import number_hint

    if not isinstance(found, str):
        return ""
    hint = number_hint(found)
    if hint is not None:
        return f"; {hint}"
    for period in (None, *PERIODS):
        try:
            parse_date(found, period=period)
        except ValueError:
            continue
        return "; declare the column 'type: date' to order it by date"
    if (layout := suggest(texts)) is not None:
        return (f"; its cells are dates: declare the column 'type: date' in the data source "
                f"to order it by date, and {layout}")  # fmt: skip
    return "; it is no number: write numbers in the column, or filter the row out"
