"""Steps that reshape a table: ``pivot`` (long -> wide), ``unpivot`` (wide -> long),
``split`` (a row per part of a cell that lists several) and ``group`` (one row per group,
with sums, means, counts...).

A pivoted or unpivoted value keeps the place of the cell it came from, so a bad number
is still named by its file and line; a group's row is named by the step.
"""

from __future__ import annotations

import math
import statistics
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import Field, PrivateAttr, field_validator, model_validator

from deckgen.errors import Location, Problem
from deckgen.outline.schema import one_or_many
from deckgen.tables.columns import is_missing
from deckgen.tables.select import category_text
from deckgen.tables.steps._base import (
    At,
    Step,
    cells,
    check,
    group_key,
    groups,
    made,
    mean,
    need_columns,
    numbers,
    origin_of,
    past_float,
    places_of,
    rows_of,
    table,
    take,
    types_of,
    with_column,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Hashable

    import pandas as pd


def label(value: Any) -> str:
    """A cell as a column name, as a chart names it (:func:`category_text`): a year stored
    as 2015.0 names the column '2015', and 'Coal ' the column 'Coal' (two columns a chart
    could not tell apart: found by fuzzing)."""
    return category_text(value)


class Pivot(Step):
    """Long to wide: a row per ``index`` value, a column per ``columns`` value holding
    ``values``: ``{pivot: {index: year, columns: source, values: twh}}``. New columns come
    in the order their names first appear; a pair with no row is a missing value. Two rows
    for one pair are an error (add them up first with ``group``)."""

    key: ClassVar[str] = "pivot"

    index: list[str] = Field(min_length=1, description="Column(s) that name each new row.")
    columns: str = Field(description="Column whose values name the new columns.")
    values: str = Field(description="Column whose values fill the new columns.")

    @field_validator("index", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return one_or_many(value)

    @model_validator(mode="after")
    def _three_columns(self) -> Pivot:
        # 'index: year, columns: year' was said to be 'two rows for one cell' (fuzzing).
        named = [*self.index, self.columns, self.values]
        again = next((c for c in named if named.count(c) > 1), None)
        if again is not None:
            raise ValueError(
                f"index, columns and values name {again!r} more than once: a pivot reads "
                "each from a column of its own; name the column whose values become the "
                "new columns in 'columns:'"
            )
        return self

    def left_out(self, column: str, at: At) -> str:
        if column in (self.columns, self.values):
            return f"{self._by(column, at)}, whose new columns hold it: name one of those"
        return f"{self._by(column, at)}, which keeps only its index: add {column!r} to index:"

    def apply(self, frame: pd.DataFrame, at: At) -> pd.DataFrame:
        listed = len(self.index) > 1
        check(
            need_columns(frame, self.index, at, "index", listed=listed)
            + need_columns(frame, [self.columns], at, "columns")
            + need_columns(frame, [self.values], at, "values")
        )
        heads = cells(frame, self.columns)
        blank = [r for r, h in enumerate(heads) if group_key(h) is None]
        if blank:
            check([Problem(
                at.field("columns"),
                f"{places_of(frame, blank)}: no {self.columns!r} to name the column of the value",
                "fill in the cells, or filter those rows out first",
            )])  # fmt: skip
        names = list(dict.fromkeys(label(h) for h in heads))
        clash = [n for n in names if n in self.index]
        if clash:
            check([Problem(
                at.field("columns"),
                f"a value of {self.columns!r} is {clash[0]!r}, the name of an index column",
                "rename the index column first",
            )])  # fmt: skip
        index_cells = [cells(frame, c) for c in self.index]
        values = cells(frame, self.values)
        origin = origin_of(frame)
        rows: dict[tuple[Hashable, ...], int] = {}  # index key -> new row
        first_of: list[int] = []  # new row -> the first source row with its key
        filled: dict[tuple[int, str], int] = {}  # (new row, new column) -> source row
        twice: dict[tuple[int, str], list[int]] = {}
        for r in range(len(frame)):
            k = tuple(group_key(col[r]) for col in index_cells)
            new = rows.setdefault(k, len(rows))
            if new == len(first_of):
                first_of.append(r)
            spot = (new, label(heads[r]))
            if spot in filled:
                twice.setdefault(spot, [filled[spot]]).append(r)
            else:
                filled[spot] = r
        if twice:
            (row, name), where = next(iter(twice.items()))
            index = ", ".join(f"{c} {label(index_cells[i][first_of[row]])!r}"
                              for i, c in enumerate(self.index))  # fmt: skip
            raise_twice(at, f"{index} and {self.columns} {name!r}", where, len(twice), frame,
                        [*self.index, self.columns], self.values)  # fmt: skip
        columns: dict[str, list[Any]] = {
            c: [index_cells[i][r] for r in first_of] for i, c in enumerate(self.index)
        }
        for name in names:
            columns[name] = [
                values[filled[(k, name)]] if (k, name) in filled else None
                for k in range(len(first_of))
            ]
        here = {(k, name): origin.cell(r, self.values) for (k, name), r in filled.items()}
        here |= {(k, c): origin.cell(r, c) for k, r in enumerate(first_of) for c in self.index}
        known = types_of(frame)
        types = {c: known[c] for c in self.index if c in known}
        if self.values in known:  # each new column holds the values column's cells
            types |= {name: known[self.values] for name in names}
        made_rows = [made(at, k) for k in range(len(first_of))]
        return table(columns, made_rows, origin.file, here, types)


def raise_twice(
    at: At, pair: str, rows: list[int], count: int, frame: pd.DataFrame, by: list[str], value: str
) -> None:
    more = f" (and {count - 1} more such pairs)" if count > 1 else ""
    check(
        [
            Problem(
                at.field(),
                f"two rows for one cell: {pair} at {places_of(frame, rows)}{more}",
                f"add them up first with a step before this one: "
                f"{{group: {{by: [{', '.join(by)}], sum: [{value}]}}}}",
            )
        ]
    )


class Unpivot(Step):
    """Wide to long: each of ``columns`` (default: every column not in ``id``) becomes a
    row holding its name in ``name`` and its cell in ``value``, beside the ``id`` cells:
    ``{unpivot: {id: sector, name: year, value: jobs}}``. Rows come column by column, as
    pandas' ``melt`` gives them."""

    key: ClassVar[str] = "unpivot"

    id: list[str] = Field(default_factory=list, description="Columns kept on every row.")
    columns: list[str] | None = Field(
        None, description="Columns to turn into rows (default: all but id)."
    )
    name_to: str = Field("variable", alias="name", description="New column for the names.")
    value_to: str = Field("value", alias="value", description="New column for the cells.")

    @field_validator("id", "columns", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return one_or_many(value)

    def left_out(self, column: str, at: At) -> str:
        if self.columns is None or column in self.columns:
            return (f"{self._by(column, at)}, which made its cells rows of "
                    f"{self.value_to!r}, named in {self.name_to!r}")  # fmt: skip
        return (f"{self._by(column, at)}, which keeps only its id columns: add "
                f"{column!r} to id: to keep it on every row")  # fmt: skip

    def apply(self, frame: pd.DataFrame, at: At) -> pd.DataFrame:
        all_columns = [str(c) for c in frame.columns]
        problems = need_columns(frame, self.id, at, "id", listed=len(self.id) > 1)
        if self.columns is not None:
            several = len(self.columns) > 1
            problems += need_columns(frame, self.columns, at, "columns", listed=several)
        check(problems)
        turned = self.columns if self.columns is not None else [
            c for c in all_columns if c not in self.id]  # fmt: skip
        both = [c for c in turned if c in self.id]
        if both or not turned:
            why = f"{both[0]!r} is both an id and a column to unpivot" if both else (
                "every column is an id: nothing is left to unpivot")  # fmt: skip
            check([Problem(at.field("columns" if both else "id"), why)])
        for field, new in (("name", self.name_to), ("value", self.value_to)):
            if new in self.id:
                check([Problem(at.field(field), f"{new!r} is the name of an id column",
                               f"write another name: {field}: ...")])  # fmt: skip
        if self.name_to == self.value_to:
            check([Problem(at.field("value"), f"'name' and 'value' are both {self.value_to!r}")])
        if self.columns is None:
            check(self._text_taken(frame, turned, at))
        origin = origin_of(frame)
        ids = [cells(frame, c) for c in self.id]
        places = rows_of(frame)
        columns: dict[str, list[Any]] = {c: [] for c in [*self.id, self.name_to, self.value_to]}
        rows: list[Location] = []
        here: dict[tuple[int, str], Location] = {}
        for name in turned:
            for r, value in enumerate(cells(frame, name)):
                k = len(rows)
                for c, col in zip(self.id, ids, strict=True):
                    columns[c].append(col[r])
                columns[self.name_to].append(name)
                columns[self.value_to].append(value)
                rows.append(places[r])
                here[(k, self.value_to)] = origin.cell(r, name)
        known = types_of(frame)
        types = {c: known[c] for c in self.id if c in known}
        turned_types = {known.get(c) for c in turned}
        if len(turned_types) == 1 and None not in turned_types:  # all one type: it stays
            types[self.value_to] = turned_types.pop()  # type: ignore[assignment]
        return table(columns, rows, origin.file, here, types)

    def _text_taken(self, frame: pd.DataFrame, turned: list[str], at: At) -> list[Problem]:
        """A column of text that the default (every column but the ids) takes in beside
        columns of numbers: 'region' unpivoted with the years gave 'Asia' values, and
        the error blamed the data's cells, 'expected a number ... found Asia' (fuzzing
        round 8, 12). The problem is the step's, with the two ways to leave it out."""
        from deckgen.tables.select import number_hint, to_number

        def numbers(name: str) -> bool | None:
            """Whether the column's filled cells read as numbers, or as numbers written
            in a layout the cells' own error explains ('12,5'); None: it has none."""
            read = []
            for value in cells(frame, name):
                if is_missing(value, "number"):
                    continue
                try:
                    read.append(to_number(value) is not None)
                except ValueError:
                    read.append(number_hint(value) is not None)
            return all(read) if read else None

        kinds = {name: numbers(name) for name in turned}
        text = [name for name, is_number in kinds.items() if is_number is False]
        if not text or not any(kinds.values()):
            return []
        ids = ", ".join([*self.id, *text])
        values = [c for c, is_number in kinds.items() if is_number]
        shown = ", ".join(repr(c) for c in text)
        return [Problem(
            at.field("id"),
            f"unpivot takes every column but its id as a column of values, and {shown} "
            f"{'holds' if len(text) == 1 else 'hold'} text beside the numbers of the others",
            f"keep {'it' if len(text) == 1 else 'them'} as {'an id' if len(text) == 1 else 'ids'}: "
            f"id: [{ids}], or name the columns to unpivot: columns: [{', '.join(values)}]",
        )]  # fmt: skip


#: What ``group`` can work out per group, and how, from a group's cells.
AGGREGATES: dict[str, Callable[[list[Any]], Any]] = {
    "sum": lambda xs: math.fsum(xs) if xs else None,
    "mean": lambda xs: mean(xs) if xs else None,
    "min": lambda xs: min(xs) if xs else None,
    "max": lambda xs: max(xs) if xs else None,
    "median": lambda xs: float(statistics.median(xs)) if xs else None,
    "count": len,
    "first": lambda xs: xs[0] if xs else None,
    "last": lambda xs: xs[-1] if xs else None,
}
#: The aggregates that read text as well as numbers.
ANY_CELL = ("count", "first", "last")


def _aggregated(value: Any) -> Any:
    """``[twh]`` keeps the column's name; ``{total_twh: twh}`` names the result."""
    # Not one_or_many: a list inside the list is refused below with both forms it may take.
    value = [value] if isinstance(value, str) else value
    if isinstance(value, dict):
        return value
    if not isinstance(value, list) or not all(isinstance(c, str) for c in value):
        # [{total: twh}] was an internal TypeError (found by fuzzing)
        raise ValueError(
            "expected column names, as [twh, gwh], or new names for columns, as {total_twh: twh}"
        )
    return {c: c for c in value}


class Split(Step):
    """A row per part of a cell that lists several, the other cells repeated:
    ``{split: {column: Features used, by: ","}}`` turns Google Forms' 'Charts, Social
    cards' (a question that takes several answers) into a row for 'Charts' and one for
    'Social cards', to count each answer with a ``group`` step (counted as written, the
    answer 'Charts, Social cards' was one more option). Parts lose the spaces around them
    and empty parts are dropped; a row whose cell is empty stays, empty, so no row is lost.
    Each row keeps its place in the file."""

    key: ClassVar[str] = "split"

    column: str = Field(description="The column whose cells list several parts.")
    by: str = Field(",", min_length=1, description="What separates the parts (default ',').")

    @field_validator("by")
    @classmethod
    def _visible(cls, by: str) -> str:
        # Spaces alone would split every answer of two words (found writing the tests).
        if not by.strip():
            raise ValueError(
                "expected a separator with a character other than spaces, as "
                "',' or ';' (the spaces around each part are left out anyway)"
            )
        return by

    def apply(self, frame: pd.DataFrame, at: At) -> pd.DataFrame:
        check(need_columns(frame, [self.column], at, "column"))
        positions: list[int] = []
        parts: list[Any] = []
        for row, cell in enumerate(cells(frame, self.column)):
            pieces = ([p.strip() for p in cell.split(self.by)] if isinstance(cell, str)
                      else [cell])  # fmt: skip
            pieces = [p for p in pieces if p not in ("", None)] or [None]
            positions += [row] * len(pieces)
            parts += pieces
        out = take(frame, positions)  # keeps each row's place and the columns' types
        return with_column(out, self.column, parts, types_of(frame).get(self.column))


class Group(Step):
    """One row per distinct value of the ``by`` columns (in the order they first appear;
    no ``by``: one row for the whole table), with aggregates of other columns:
    ``{group: {by: [year, source], sum: [twh]}}``. Each of ``sum``, ``mean``, ``min``,
    ``max``, ``median``, ``count``, ``first``, ``last`` takes a list of columns (the result
    keeps the name) or a mapping ``{new name: column}``. Missing values are skipped (a group
    with none has a missing sum, not 0); ``count`` counts the cells present."""

    key: ClassVar[str] = "group"

    by: list[str] = Field(default_factory=list, description="Columns that make the groups.")
    sum: dict[str, str] = Field(default_factory=dict)
    mean: dict[str, str] = Field(default_factory=dict)
    min: dict[str, str] = Field(default_factory=dict)
    max: dict[str, str] = Field(default_factory=dict)
    median: dict[str, str] = Field(default_factory=dict)
    count: dict[str, str] = Field(default_factory=dict)
    first: dict[str, str] = Field(default_factory=dict)
    last: dict[str, str] = Field(default_factory=dict)
    _written: list[str] = PrivateAttr(default_factory=list)

    @field_validator("by", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return one_or_many(value)

    @field_validator(*AGGREGATES, mode="before")
    @classmethod
    def _columns(cls, value: Any) -> Any:
        return _aggregated(value)

    @model_validator(mode="wrap")
    @classmethod
    def _remember_order(cls, data: Any, handler: Any) -> Any:
        # The result's columns come in the order the outline writes the aggregates.
        model = handler(data)
        if isinstance(data, dict):
            model._written = [k for k in data if k in AGGREGATES]
        return model

    def left_out(self, column: str, at: At) -> str:
        return (f"{self._by(column, at)}, which keeps only the columns it groups by and "
                f"those it adds up: add {column!r} to by:, or to first: or sum:")  # fmt: skip

    def apply(self, frame: pd.DataFrame, at: At) -> pd.DataFrame:
        listed = len(self.by) > 1
        problems = need_columns(frame, self.by, at, "by", listed=listed)
        outputs: list[tuple[str, str, str]] = []  # (aggregate, new name, column)
        taken: dict[str, tuple[str, ...]] = {c: ("by",) for c in self.by}
        for aggregate in self._written or [a for a in AGGREGATES if getattr(self, a)]:
            for new, column in getattr(self, aggregate).items():
                named = (aggregate, new) if new != column else (aggregate,)
                problems += need_columns(frame, [column], at, *named)
                if new in taken:
                    problems.append(_taken(at, aggregate, new, column, taken[new]))
                taken[new] = (aggregate, column)
                outputs.append((aggregate, new, column))
        if not outputs and not problems:
            problems.append(Problem(at.field(), "the group step names nothing to work out",
                                    f"add one of {', '.join(AGGREGATES)}: [column]"))  # fmt: skip
        check(problems)
        origin = origin_of(frame)
        parsed = {c: numbers(frame, c, at, a, n) for a, n, c in outputs if a not in ANY_CELL}
        raw = {c: cells(frame, c) for a, _, c in outputs if a in ANY_CELL}
        found = groups(frame, self.by)
        firsts = [rows[0] for rows in found.values()]
        by_cells = {c: cells(frame, c) for c in self.by}
        columns: dict[str, list[Any]] = {c: [by_cells[c][r] for r in firsts] for c in self.by}
        here: dict[tuple[int, str], Location] = {
            (k, c): origin.cell(r, c) for k, r in enumerate(firsts) for c in self.by
        }
        for aggregate, new, column in outputs:
            results = []
            for k, rows in enumerate(found.values()):
                if aggregate in ANY_CELL:
                    present = [r for r in rows if not is_missing(raw[column][r], "number")]
                    if aggregate in ("first", "last") and present:
                        pick = present[0] if aggregate == "first" else present[-1]
                        here[(k, new)] = origin.cell(pick, column)
                    results.append(AGGREGATES[aggregate]([raw[column][r] for r in present]))
                else:
                    xs = [x for r in rows if (x := parsed[column][r]) is not None]
                    try:
                        results.append(AGGREGATES[aggregate](xs))
                    except OverflowError:  # only a sum: a mean of floats is one
                        group = " and ".join(
                            f"{c} = {cell!r}"
                            for c, cell in zip(
                                self.by, (by_cells[c][rows[0]] for c in self.by), strict=True
                            )
                        )
                        what = f"the sum of {column!r}" + (f" for {group}" if group else "")
                        problems.append(past_float(at.field(aggregate), what))
                        results.append(None)
            columns[new] = results
        check(problems)
        # The groups' own columns keep their types, a first or last its column's, and
        # what is worked out is a number (a sum of 2,515 is not the year 2515).
        known = types_of(frame)
        types = {c: known[c] for c in self.by if c in known}
        for aggregate, new, column in outputs:
            if aggregate not in ("first", "last"):
                types[new] = "integer" if aggregate == "count" else "number"
            elif column in known:
                types[new] = known[column]
        return table(columns, [made(at, k) for k in range(len(found))], origin.file, here, types)


def _taken(at: At, aggregate: str, new: str, column: str, before: tuple[str, ...]) -> Problem:
    was = "a 'by' column" if before == ("by",) else f"{before[0]} of {before[1]!r}"
    return Problem(
        at.field(aggregate, new) if new != column else at.field(aggregate),
        f"the result would have two columns named {new!r}: {aggregate} of {column!r} and {was}",
        f"name this one: {aggregate}: {{{new}_{aggregate}: {column}}}",
    )
