"""Steps that keep, order and name rows and columns: ``filter``, ``sort``, ``top``,
``rename``. Every row they keep keeps its place in the source."""

from __future__ import annotations

import contextlib
import dataclasses
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import Field, field_validator

from deckgen.errors import DataError, Problem
from deckgen.outline.schema import RowFilter, one_or_many
from deckgen.tables import dates
from deckgen.tables.select import CENSUS_MARKS, filter_keep, filter_problems, to_number
from deckgen.tables.steps._base import (
    At,
    Step,
    cells,
    check,
    need_columns,
    no_column,
    no_values,
    numbers,
    origin_of,
    take,
    types_of,
)

if TYPE_CHECKING:
    import pandas as pd


class Filter(Step, RowFilter):
    """Keep the rows where ``column op value`` holds, as a chart's ``filter:`` does:
    ``{filter: {column: source, op: "!=", value: Other}}``. A value no row holds is an error
    (a typo, not an empty table). Several conditions are several filter steps."""

    key: ClassVar[str] = "filter"

    def apply(self, frame: pd.DataFrame, at: At) -> pd.DataFrame:
        check(need_columns(frame, [self.column], at, "column"))
        problems = filter_problems(
            frame,
            self,
            at.table,
            lambda k: at.field("value") if k is None else at.field("value", k),
        )
        check(problems)
        keep = filter_keep(frame[self.column], self,
                           lambda: numbers(frame, self.column, at, "column"),
                           at.field("value"))  # fmt: skip
        if not any(keep):
            raise _empty(at, f"no row has {self.column} {self.op} {self.value!r}")
        return take(frame, [i for i, k in enumerate(keep) if k])


class Sort(Step):
    """Order the rows by one or more columns, smallest first unless ``descending: true``:
    ``{sort: year}``, ``{sort: {by: [year, twh], descending: true}}``. A column of numbers
    sorts as numbers, a column of dates as dates, one of periods written as text one way
    ('2023-T4', 'Apr 30, 2024 10:00 am') in time, any other as text (other dates written as
    text, '01/02/2024', are an error); missing values go last (a column with no value is an
    error); ties keep their order."""

    key: ClassVar[str] = "sort"
    shorthand: ClassVar[str | None] = "by"

    by: list[str] = Field(min_length=1, description="Column(s) to sort by, the first first.")
    descending: bool = Field(False, description="Largest first.")

    @field_validator("by", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return one_or_many(value)

    def apply(self, frame: pd.DataFrame, at: At) -> pd.DataFrame:
        check(need_columns(frame, self.by, at, "by", listed=len(self.by) > 1))
        order = list(range(len(frame)))
        # Stable sorts from the last key to the first: ties on a key keep the later keys' order.
        for k, name in reversed(list(enumerate(self.by))):
            column = cells(frame, name)
            values = sortable(column)
            if column and all(v is None for v in values):
                field = at.field("by", k) if len(self.by) > 1 else at.field("by")
                check([no_values(frame, name, at, field, "sort")])
            timed = dates.in_time(values)
            if timed is not None:
                values = timed  # periods written as text sort in time
            as_text = (
                None if timed else _dates_as_text(name, values, at, k if len(self.by) > 1 else None)
            )
            if as_text is not None:
                check([as_text])
            if _mostly_numbers(values, column) or any(v in CENSUS_MARKS for v in values):
                # Numbers with a cell that is none ('<5', a suppressed count): sorted as
                # text, '<5' came before 9, 120 and 10, and `top: 2` kept it (found by
                # fuzzing); or a mark for none, sorted as the smallest number (review).
                # The cell is named, as the table's own sort names it.
                numbers(frame, name, at, "by")
            present = [i for i in order if values[i] is not None]
            missing = [i for i in order if values[i] is None]
            present.sort(key=lambda i: values[i], reverse=self.descending)
            order = present + missing
        return take(frame, order)


def _dates_as_text(name: str, keys: list[Any], at: At, k: int | None) -> Problem | None:
    """The problem of a column of dates written as text ('Jan 2023', 'Mar 2023'): sorted
    A to Z, April came first and February before January, and a ``change`` step after
    compared the wrong months without a word (fuzzing round 8, 5). A chart's ``sort:``
    refuses such a column already; this says the same, with how to declare it a date."""
    present = [v for v in keys if v is not None]
    if not all(isinstance(v, str) for v in present):
        return None  # numbers or dates: sorted as such
    layout = dates.suggest(present)
    if layout is None:
        return None
    return Problem(
        at.field("by") if k is None else at.field("by", k),
        f"column {name!r} holds dates written as text ({present[0]!r}): they would sort A to "
        "Z, not by date",
        f"declare {name!r} as 'type: date' under the source's 'columns:' to sort by date; {layout}",
    )


def sortable(column: list[Any]) -> list[Any]:
    """Sort keys for a column: dates if every present cell is one, numbers if every present
    cell reads as one, else text; ``None`` for a missing cell."""
    present = [v for v in column if not _missing(v)]
    if present and all(dates.is_date(v) for v in present):
        return [None if _missing(v) else v for v in column]
    parsed: list[float | None] = []
    for value in column:
        try:
            parsed.append(to_number(value))
        except ValueError:
            return [None if _missing(v) else str(v) for v in column]
    return parsed


def _mostly_numbers(keys: list[Any], column: list[Any]) -> bool:
    """Whether ``column``, sorted as text (``keys``), is numbers but for some cells: more
    than half of its present cells read as numbers."""
    if not any(isinstance(k, str) for k in keys):
        return False  # sorted as numbers or dates
    present = [v for v in column if not _missing(v)]
    read = 0
    for value in present:
        with contextlib.suppress(ValueError):
            read += to_number(value) is not None
    return read * 2 > len(present)


def _missing(value: Any) -> bool:
    if dates.is_date(value):
        return False
    try:
        return to_number(value) is None
    except ValueError:
        return False


class Top(Step):
    """Keep the first ``n`` rows (``{top: 5}``), or the ``n`` with the largest ``by``
    (``{top: {n: 5, by: twh}}``; missing values last, a ``by`` with no value an error)."""

    key: ClassVar[str] = "top"
    shorthand: ClassVar[str | None] = "n"

    n: int = Field(ge=1, description="How many rows to keep.")
    by: str | None = Field(None, description="Keep the rows with the largest values here.")

    def apply(self, frame: pd.DataFrame, at: At) -> pd.DataFrame:
        order = list(range(len(frame)))
        if self.by is not None:
            check(need_columns(frame, [self.by], at, "by"))
            values = numbers(frame, self.by, at, "by")
            if values and all(v is None for v in values):
                check([no_values(frame, self.by, at, at.field("by"), "rank")])
            order.sort(key=lambda i: (values[i] is None, -(values[i] or 0.0)))
        return take(frame, order[: self.n])


class Rename(Step):
    """New names for columns: ``{rename: {twh: Generation (TWh)}}``."""

    key: ClassVar[str] = "rename"
    wraps: ClassVar[str | None] = "names"

    names: dict[str, str] = Field(min_length=1, description="Old name -> new name.")

    @field_validator("names")
    @classmethod
    def _named(cls, names: dict[str, str]) -> dict[str, str]:
        # A blank name made a column with no header, which nothing can name (fuzzing).
        blank = [old for old, new in names.items() if not new.strip()]
        if blank:
            raise ValueError(
                f"a column needs a name: {blank[0]!r} is renamed to nothing; write its new "
                f"name, or leave {blank[0]!r} out of 'rename:'"
            )
        return names

    def left_out(self, column: str, at: At) -> str:
        new = self.names.get(column)
        if new is None:
            return super().left_out(column, at)
        return f"{self._by(column, at)}, which names it {new!r}: write {new!r}"

    def apply(self, frame: pd.DataFrame, at: At) -> pd.DataFrame:
        columns = [str(c) for c in frame.columns]
        problems = [no_column(old, columns, at.field(old), at)
                    for old in self.names if old not in columns]  # fmt: skip
        after = [self.names.get(c, c) for c in columns]
        for old, new in self.names.items():
            if after.count(new) > 1:
                problems.append(
                    Problem(
                        at.field(old),
                        f"renaming {old!r} to {new!r} gives two columns named {new!r}",
                        "pick a name the table does not have",
                    )
                )
        check(problems)
        out = frame.copy()
        out.columns = after
        origin = origin_of(frame)
        moved = {(r, self.names.get(c, c)): where for (r, c), where in origin.cells.items()}
        made = {self.names.get(c, c): step for c, step in origin.made.items()}
        out.attrs["origin"] = dataclasses.replace(origin, cells=moved, made=made)
        out.attrs["types"] = {self.names.get(c, c): t for c, t in types_of(frame).items()}
        return out


def _empty(at: At, what: str) -> DataError:
    # Its fix: the check said only "fix the file the outline names" (found by fuzzing).
    return DataError(Problem(at.field(), f"the step leaves no rows: {what}",
                             "check the step's value against the data's (its units, its "
                             "spelling), or remove the step"))  # fmt: skip
