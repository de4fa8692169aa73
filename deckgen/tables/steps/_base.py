"""What a data step is: the contract every module in this folder fulfils, and the helpers
steps share.

A step is one class, a subclass of :class:`Step`: its fields are its schema (the mapping
under the step's name in ``steps:``), and :meth:`Step.apply` turns one table into the next.
Tables between steps are pandas DataFrames of plain cells (text, numbers, ``None`` for a
missing value) indexed 0..n-1, whose ``attrs["origin"]``
(:class:`~deckgen.tables.origin.Origin`) says where each row came from: a step that keeps
rows (filter, sort, compute, change...) keeps their places in the source file, so a bad
cell three steps later is still named by its file and line; a step that makes rows (group,
pivot) names itself.

Every problem names the step's field (``data.mix.steps[1].pivot.columns``) and, for a name
that matches nothing, the names there are and the nearest one.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import model_validator

from deckgen.errors import DataError, Location, Problem, counted, did_you_mean, listed, one_of
from deckgen.outline.schema import _Model
from deckgen.tables import dates
from deckgen.tables.origin import Origin, places
from deckgen.tables.select import (
    CENSUS_MARKS,
    a_mark,
    category_text,
    cell_text,
    columns_of_numbers,
    nested_hint,
    number_hint,
    to_number,
)

if TYPE_CHECKING:
    import pandas as pd

    from deckgen.outline.load import PathKey

#: How many values a message lists before it says "and N more".
SHOWN = 12


@dataclass(frozen=True)
class At:
    """Where a step is written: the derived table's name, the step's path in the outline
    (``("data", "mix", "steps", 1, "pivot")``) and how to find a path's line."""

    table: str
    path: PathKey
    locate: Callable[..., Location]
    #: The outline's tables made so far, for a step that reads another (:meth:`Step.needs`).
    tables: Mapping[str, pd.DataFrame] = dataclasses.field(default_factory=dict)

    def field(self, *more: str | int) -> Location:
        """The location of one of the step's fields (none: the step itself)."""
        return self.locate(*self.path, *more)

    @property
    def name(self) -> str:
        """The step as written in messages: ``data.mix.steps[1].pivot``."""
        return str(self.field().field)


class Step(_Model):
    """A data step (see the module doc). Subclasses set ``key`` and implement ``apply``."""

    #: The step's key in the outline: ``pivot``.
    key: ClassVar[str]
    #: The field a step written as a plain value (``sort: year``, ``top: 5``) fills in.
    shorthand: ClassVar[str | None] = None
    #: The field the step's whole mapping fills in, for steps whose keys are names
    #: (``rename: {old: new}``, ``compute: {name: expression}``).
    wraps: ClassVar[str | None] = None

    @model_validator(mode="before")
    @classmethod
    def _from_shorthand(cls, data: Any) -> Any:
        if cls.wraps is not None:
            return {cls.wraps: data}
        if cls.shorthand is not None and not isinstance(data, dict):
            return {cls.shorthand: data}
        return data

    def apply(self, frame: pd.DataFrame, at: At) -> pd.DataFrame:
        """The table after this step; raise :class:`DataError` naming the step's field."""
        raise NotImplementedError

    def needs(self) -> tuple[tuple[str, str], ...]:
        """The other tables of the outline this step reads, each with the field that names
        it: they are made first (:func:`deckgen.tables.derive.derive`) and given in
        ``At.tables``. None by default."""
        return ()

    def left_out(self, column: str, at: At) -> str:
        """The hint for a later use of ``column``, which this step's table had and its
        result does not: which step left it out, and how to keep it (a step that drops
        columns says how in its own override)."""
        return f"{self._by(column, at)}, which leaves it out"

    def _by(self, column: str, at: At) -> str:
        """'the table had 'Region' until the unpivot step at deck.yaml:18 (data.long...)'"""
        where = at.field()
        line = where.file if where.line is None else f"{where.file}:{where.line}"
        return f"the table had {column!r} until the {self.key} step at {line} ({at.name})"


# --------------------------------------------------------------------------- tables
def origin_of(frame: pd.DataFrame) -> Origin:
    """Where ``frame``'s rows came from (a frame without one: rows of an unnamed table)."""
    origin = frame.attrs.get("origin")
    return origin if isinstance(origin, Origin) else Origin("table")


def rows_of(frame: pd.DataFrame) -> tuple[Location, ...]:
    """Each row's place, by position."""
    origin = origin_of(frame)
    return tuple(origin.row(i) for i in range(len(frame)))


def types_of(frame: pd.DataFrame) -> dict[str, str]:
    """The declared types of ``frame``'s columns (``attrs["types"]``: 'date', 'text'...),
    which say how a table or template shows them."""
    return dict(frame.attrs.get("types", {}))


def table(
    columns: dict[str, list[Any]],
    rows: Sequence[Location],
    file: str,
    cells: dict[tuple[int, str], Location] | None = None,
    types: dict[str, str] | None = None,
) -> pd.DataFrame:
    """A step's result: ``columns`` of plain cells (in order), each row's place, and the
    types its columns keep or get (a group's date stays a date, a sum is a number)."""
    import pandas as pd

    frame = pd.DataFrame(
        {name: pd.Series(values, dtype=object) for name, values in columns.items()},
        columns=list(columns),
    )
    frame.attrs["origin"] = Origin(file, rows=tuple(rows), cells=dict(cells or {}))
    frame.attrs["types"] = {c: t for c, t in (types or {}).items() if c in columns}
    return frame


def take(frame: pd.DataFrame, positions: Sequence[int]) -> pd.DataFrame:
    """The rows at ``positions`` (in that order), keeping each row's place and cells."""
    origin = origin_of(frame)
    picked = frame.iloc[list(positions)].reset_index(drop=True)
    old = {p: i for i, p in enumerate(positions)}
    cells = {(old[r], c): where for (r, c), where in origin.cells.items() if r in old}
    # The sheet's percent cells too (by their rows in the sheet, which the rows keep): a
    # filter or sort keeps them as read, and a compute that multiplies them by 100 again
    # is refused as a chart's 'scale: 100' is (a column a step writes anew drops them).
    picked.attrs["origin"] = Origin(
        origin.file, rows=tuple(origin.row(p) for p in positions), cells=cells,
        dropped=origin.dropped, made=origin.made, sheet=origin.sheet, percent=origin.percent,
        currency=origin.currency,
    )  # fmt: skip
    return picked


def with_column(
    frame: pd.DataFrame, name: str, values: list[Any], type_: str | None = None,
    made_by: str | None = None,
) -> pd.DataFrame:  # fmt: skip
    """``frame`` with column ``name`` set to ``values`` (added last, or replaced in place),
    of type ``type_`` ('number': a quantity, formatted as one even if it looks like a
    year), made by the step at field ``made_by`` (named in a message about its cells)."""
    import pandas as pd

    out = frame.copy()
    out[name] = pd.Series(values, index=out.index, dtype=object)
    origin = origin_of(frame)
    cells = {key: where for key, where in origin.cells.items() if key[1] != name}
    made = {c: step for c, step in origin.made.items() if c != name}
    if made_by is not None:
        made[name] = made_by
    out.attrs["origin"] = Origin(origin.file, rows=rows_of(frame), cells=cells, made=made)
    types = {c: t for c, t in types_of(frame).items() if c != name}
    out.attrs["types"] = {**types, name: type_} if type_ else types
    return out


def made(at: At, row: int) -> Location:
    """The place of row ``row`` that a step made (a group's, a pivot's): the step, with
    the row's position, ``data.mix.steps[1].group[3]``."""
    step = at.field()
    return Location(step.file, step.line, f"{step.field}[{row}]")


def cells(frame: pd.DataFrame, name: str) -> list[Any]:
    """Column ``name`` as plain values (``None`` for NaN)."""
    return [None if v is None or v != v else v for v in frame[name].tolist()]


def group_key(value: Any) -> Hashable:
    """A cell as a grouping key: blank and NaN are one key, ``None``; text as a chart names
    it, without the spaces around it (:func:`~deckgen.tables.select.category_text`): 'Coal'
    and an export's 'Coal ' were two groups, drawn as two bars named 'Coal' (found by
    fuzzing)."""
    if value is None or value != value or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str):
        return category_text(value)
    return value if isinstance(value, Hashable) else str(value)


# --------------------------------------------------------------------------- checks
def need_columns(
    frame: pd.DataFrame, names: Sequence[str], at: At, *field: str | int, listed: bool = False
) -> list[Problem]:
    """A problem for each of ``names`` that is not a column of ``frame``, at the step's
    ``field`` (``field[k]`` for the k-th name when the field holds a list)."""
    columns, origin = [str(c) for c in frame.columns], origin_of(frame)
    return [
        no_column(name, columns, at.field(*field, k) if listed else at.field(*field), at, origin)
        for k, name in enumerate(names)
        if name not in columns
    ]


def no_column(name: str, columns: list[str], where: Location, at: At,
              origin: Origin | None = None) -> Problem:  # fmt: skip
    """The problem of a column the step names that its table lacks: a typo's nearest
    name, or another sheet of the workbook that holds it (a step over the sheet read
    without 'sheet:' was told only that its columns are as the table has them; a chart
    was told the sheet: found by a new user)."""
    return Problem(
        where,
        f"the table at this step has no column {name!r}; its columns are {shown(columns)}",
        nested_hint(name, columns)
        or did_you_mean(name, columns)
        or (origin.sheet_hint(name) if origin is not None else None)
        or f"columns are named as {at.table!r} has them here",
    )


def check(problems: list[Problem]) -> None:
    """Raise the problems found, if any, together."""
    if problems:
        raise DataError(problems)


_PLAIN = "write plain numbers such as 1234.5, or '-' for a missing value"


def numbers(frame: pd.DataFrame, name: str, at: At, *field: str | int) -> list[float | None]:
    """Column ``name`` as numbers (``None`` where missing); every cell that is not a number
    is a problem at its own file and line, used by the step's ``field``."""
    origin = origin_of(frame)
    out: list[float | None] = []
    problems = []
    for row, value in enumerate(frame[name].tolist()):
        try:
            number = None if isinstance(value, float) and value != value else to_number(value)
        except ValueError:
            number, bad = None, True
        else:
            # A mark, not a value: a group summed counties' incomes to -666,528,586.
            bad = number in CENSUS_MARKS
        out.append(None if bad else number)
        if bad:
            problems.append(not_a_number(origin, row, name, value, at, *field))
    check(problems)
    return out


def not_a_number(
    origin: Origin, row: int, name: str, value: Any, at: At, *field: str | int
) -> Problem:
    """The problem of cell ``value`` (at ``row`` of column ``name``), which a step's
    ``field`` reads as a number, being none (or a mark for none)."""
    return Problem(
        origin.cell(row, name),
        f"expected a number in column {name!r}, found {cell_text(value)}{a_mark(value)}",
        f"used by {at.field(*field)}; {number_hint(value) or _PLAIN}",
    )


def no_values(frame: pd.DataFrame, name: str, at: At, field: Location, to: str) -> Problem:
    """The problem of a column to ``to`` by ('rank', 'sort') at the step's ``field`` whose
    every cell is missing: the step would keep the rows in the table's order as if ranked
    (found by fuzzing). A column with some values ranks them, its missing ones last."""
    rows = "the one row" if len(frame) == 1 else f"its {counted(len(frame), 'row')}"
    numeric = columns_of_numbers(frame, name)
    return Problem(
        field,
        f"column {name!r} has no values to {to} by: every cell of {rows} is empty, '-' or "
        f"'n/a', so the step would keep the rows in the table's order as if {to}ed",
        f"{to} by a column with values, such as a column of numbers: {listed(numeric)}"
        if numeric else f"the table at this step has no column of numbers to {to} by: fill "
        f"in the values in the data, or compute one in a step before {at.name}",
    )  # fmt: skip


def groups(frame: pd.DataFrame, by: Sequence[str]) -> dict[tuple[Hashable, ...], list[int]]:
    """Row positions per distinct value of the ``by`` columns, groups and rows in the order
    they first appear (no ``by``: one group of every row)."""
    keys = list(zip(*(map(group_key, cells(frame, c)) for c in by), strict=True)) if by else []
    out: dict[tuple[Hashable, ...], list[int]] = {}
    for row in range(len(frame)):
        out.setdefault(keys[row] if by else (), []).append(row)
    return out


def shown(values: Sequence[Any]) -> str:
    """Values for a message: the first :data:`SHOWN`, then how many more."""
    text = one_of([str(v) for v in values[:SHOWN]])
    return text + (f" and {len(values) - SHOWN} more" if len(values) > SHOWN else "")


def places_of(frame: pd.DataFrame, positions: Sequence[int]) -> str:
    """Where rows of ``frame`` are, for a message: ``production.csv:5 and ...:12``."""
    return places(origin_of(frame), positions)


def same(cell: Any, value: Any) -> bool:
    """Whether a cell holds ``value`` as written in the outline: numbers by value (a year
    2015 in the outline matches '2015' and 2015.0), dates by the date or period the value
    names (2015-01 matches the month January 2015), anything else as text."""
    if dates.is_date(cell):
        return dates.match(value, [cell]) == 0
    try:
        a, b = to_number(cell), to_number(value)
    except ValueError:
        return str(cell).strip() == str(value).strip()
    return a is not None and a == b


def mean(values: Sequence[float]) -> float:
    """The mean of ``values`` (at least one): :func:`math.fsum` over their count, or, where
    their sum passes the largest float, the sum of each over the count (the mean of numbers
    a float holds is one too; ``fsum`` raised OverflowError, found by fuzzing)."""
    try:
        return math.fsum(values) / len(values)
    except OverflowError:
        return math.fsum(v / len(values) for v in values)


def past_float(where: Location, what: str) -> Problem:
    """A sum (``what``: 'the sum of 'twh' for ...') past the largest number a float holds."""
    return Problem(
        where,
        f"{what} is past the largest number a computer's float holds (about 1.8e308)",
        "check the cells' units (a value in the wrong unit, or an export's overflow), or "
        "filter the rows out",
    )
