"""Steps that work out a value per row from other rows of its group: ``change`` and
``pct_change`` (against the previous row or a base row), ``share`` of the group's total,
``rank``, ``index`` (100 at a base row) and ``rolling`` (mean of the last N rows).

Each reads one ``column`` of numbers and adds its result as a new column, named by ``as``
or ``<column>_<step>`` (``twh_pct_change``). ``by`` splits the rows into groups first
(``by: source``: each source against its own previous year); rows are taken in the
table's order, so sort first. Percentages are in percent (12.5, not 0.125), as every
percentage in deckgen. A missing value, or a base of zero for a ratio (or so near zero
that the ratio overflows), gives a missing value (a gap), never a zero or infinity.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from pydantic import Field, field_validator

from deckgen.errors import DataError, Problem, counted, did_you_mean
from deckgen.outline.schema import Scalar, one_or_many
from deckgen.tables.steps._base import (
    At,
    Step,
    cells,
    check,
    groups,
    mean,
    need_columns,
    numbers,
    past_float,
    places_of,
    same,
    shown,
    with_column,
)

if TYPE_CHECKING:
    from collections.abc import Hashable

    import pandas as pd

Numbers = list[float | None]


class _Window(Step):
    """A value per row from its group's rows (see the module doc)."""

    shorthand: ClassVar[str | None] = "column"
    #: The new column's name after the column's: ``twh_change``.
    suffix: ClassVar[str]

    column: str = Field(description="The column of numbers it reads.")
    by: list[str] = Field(default_factory=list, description="Columns that make the groups.")
    to: str | None = Field(None, alias="as", description="Name of the new column.")

    @field_validator("by", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return one_or_many(value)

    @property
    def target(self) -> str:
        return self.to or f"{self.column}_{self.suffix}"

    def apply(self, frame: pd.DataFrame, at: At) -> pd.DataFrame:
        check(
            need_columns(frame, [self.column], at, "column")
            + need_columns(frame, self.by, at, "by", listed=len(self.by) > 1)
        )
        values = numbers(frame, self.column, at, "column")
        out: Numbers = [None] * len(frame)
        problems: list[Problem] = []
        read: dict[str, list[Any]] = {}  # columns read to find base rows, read once
        for group, rows in groups(frame, self.by).items():
            try:
                where = _Group(frame, at, self.by, group, rows, read)
                results = self.work_out([values[r] for r in rows], where)
            except DataError as exc:
                problems += exc.problems
                continue
            for r, result in zip(rows, results, strict=True):
                # A ratio to a base next to zero can overflow: no value, not infinity.
                out[r] = result if result is None or math.isfinite(result) else None
        check(problems)
        return with_column(frame, self.target, out, "number")

    def work_out(self, values: Numbers, group: _Group) -> Numbers:
        """The new column's values for one group's ``values``, in the group's row order."""
        raise NotImplementedError


class _Group:
    """One group's rows, to find a base row in and to name in messages."""

    def __init__(
        self,
        frame: pd.DataFrame,
        at: At,
        by: list[str],
        key: tuple[Hashable, ...],
        rows: list[int],
        read: dict[str, list[Any]],
    ) -> None:
        self.frame, self.at, self.by, self.key, self.rows = frame, at, by, key, rows
        self.read = read

    def __str__(self) -> str:
        if not self.by:
            return "the table"
        return "the rows with " + " and ".join(
            f"{c} = {v!r}" for c, v in zip(self.by, self.key, strict=True)
        )

    def base(self, values: Numbers, base: dict[str, Scalar]) -> float | None:
        """The value at the group's one row where ``base``'s column holds its value."""
        ((column, wanted),) = base.items()
        if column not in self.read:
            check(need_columns(self.frame, [column], self.at, "base"))
            self.read[column] = cells(self.frame, column)
        column_cells = self.read[column]
        mine = [column_cells[r] for r in self.rows]
        hits = [i for i, cell in enumerate(mine) if same(cell, wanted)]
        if not hits:
            present = list(dict.fromkeys(str(c) for c in mine))
            raise DataError(
                Problem(
                    self.at.field("base", column),
                    f"{self} have no row with {column} = {wanted!r}; there {column} is "
                    f"{shown(present)}",
                    did_you_mean(str(wanted), present) or "pick a value every group has",
                )
            )
        if len(hits) > 1:
            raise DataError(
                Problem(
                    self.at.field("base", column),
                    f"{self} have {len(hits)} rows with {column} = {wanted!r}, at "
                    f"{places_of(self.frame, [self.rows[i] for i in hits])}; the base must be one",
                    "split the groups further with 'by:', or name the base by another column",
                )
            )
        return values[hits[0]]


Base = Literal["previous", "first"] | dict[str, Scalar]


def _one_column(value: Any) -> Any:
    if isinstance(value, dict) and len(value) != 1:
        raise ValueError(
            "a base row is named by one column and its value, e.g. {year: 2015}, or is "
            "'previous' or 'first'"
        )
    return value


class _AgainstBase(_Window):
    base: Base = Field(
        "previous",
        description="'previous' row, the group's 'first' value, or the row {column: value}.",
    )

    @field_validator("base", mode="before")
    @classmethod
    def _checked(cls, value: Any) -> Any:
        return _one_column(value)

    def apply(self, frame: pd.DataFrame, at: At) -> pd.DataFrame:
        # A base row no group has is one problem, not one a group (three alike, found in
        # an audit); a base some groups lack is told for each of those.
        if isinstance(self.base, dict):
            ((column, wanted),) = self.base.items()
            if column in frame.columns:
                column_cells = cells(frame, column)
                if not any(same(cell, wanted) for cell in column_cells):
                    present = list(dict.fromkeys(str(c) for c in column_cells))
                    said = f"no row has {column} = {wanted!r}; {column} is {shown(present)}"
                    fix = did_you_mean(str(wanted), present) or "name a value of the column"
                    check([Problem(at.field("base", column), said, fix)])
        return super().apply(frame, at)

    def bases(self, values: Numbers, group: _Group) -> Numbers:
        if self.base == "previous":
            return [None, *values[:-1]]
        if self.base == "first":  # the group's first value (a missing one is skipped)
            return [next((v for v in values if v is not None), None)] * len(values)
        assert isinstance(self.base, dict)
        return [group.base(values, self.base)] * len(values)


class Change(_AgainstBase):
    """The difference from the base row: ``{change: {column: twh, by: source}}``."""

    key: ClassVar[str] = "change"
    suffix: ClassVar[str] = "change"

    def work_out(self, values: Numbers, group: _Group) -> Numbers:
        return [None if v is None or b is None else v - b
                for v, b in zip(values, self.bases(values, group), strict=True)]  # fmt: skip


class PctChange(_AgainstBase):
    """The change from the base row in percent of it (12.5 for an eighth more):
    ``(value - base) / |base|`` times 100, as a chart's ``difference`` works it out, so a
    rise is positive from a negative base too (pandas' ``pct_change`` divides by the signed
    base: -50 to 70 read as a 240% fall beside a chart that said +240%, found by fuzzing)."""

    key: ClassVar[str] = "pct_change"
    suffix: ClassVar[str] = "pct_change"

    def work_out(self, values: Numbers, group: _Group) -> Numbers:
        return [None if v is None or not b else (v - b) / abs(b) * 100
                for v, b in zip(values, self.bases(values, group), strict=True)]  # fmt: skip


class Index(_AgainstBase):
    """The value as an index, 100 at the base (default: the group's first value)."""

    key: ClassVar[str] = "index"
    suffix: ClassVar[str] = "index"

    base: Base = Field(
        "first", description="The group's 'first' value, or the row {column: value}."
    )

    def work_out(self, values: Numbers, group: _Group) -> Numbers:
        bases = self.bases(values, group)
        below = next((b for b in bases if b is not None and b < 0), None)
        if below is not None:  # -50 to 70 read 100 to -140, a fall (found by fuzzing)
            raise DataError(Problem(
                group.at.field("base") if isinstance(self.base, dict) else group.at.field(),
                f"{group} have a base of {below:g}: an index of a value below zero turns a "
                "rise into a fall", "index a column whose values are above zero, or show the "
                "change with 'change' or 'pct_change'",
            ))  # fmt: skip
        return [None if v is None or not b else v / b * 100
                for v, b in zip(values, bases, strict=True)]  # fmt: skip


class Share(_Window):
    """The value in percent of its group's total: ``{share: {column: twh, by: year}}``.

    A share of a whole needs parts of one sign: values 3, -1, -4 and 1 add up to -1, and
    read -300%, 100%, 400% and -100% (found by fuzzing). Values of both signs in a group are
    an error naming a cell of each. Values all at or below zero (losses) are shares of
    their total loss, each as large as its part of it; a total of zero has no shares (gaps,
    as a base of zero does)."""

    key: ClassVar[str] = "share"
    suffix: ClassVar[str] = "share"

    def work_out(self, values: Numbers, group: _Group) -> Numbers:
        below = next((i for i, v in enumerate(values) if v is not None and v < 0), None)
        above = next((i for i, v in enumerate(values) if v is not None and v > 0), None)
        if below is not None and above is not None:
            raise DataError(self._both_signs(values, group, below, above))
        try:
            total = math.fsum(v for v in values if v is not None)
        except OverflowError:
            raise DataError(past_float(group.at.field("column"),
                                       f"the total of {group}")) from None  # fmt: skip
        # + 0.0: a zero among losses is 0%, not -0% (0 / -4 is -0.0).
        return [None if v is None or not total else v / total * 100 + 0.0 for v in values]

    def _both_signs(self, values: Numbers, group: _Group, below: int, above: int) -> Problem:
        """The problem of a group with values on both sides of zero: a cell of each, and
        what a share of their total would read."""
        cell = {i: f"{values[i]:g} ({places_of(group.frame, [group.rows[i]])})"
                for i in (below, above)}  # fmt: skip
        inside = f" in {group}" if group.by else ""
        try:
            total = math.fsum(v for v in values if v is not None)
        except (OverflowError, ValueError):  # past the largest float, or inf and -inf
            total = math.nan
        odd = values[below if total > 0 else above]  # the value whose share reads below 0
        assert odd is not None
        share = odd / total * 100 if total else math.nan
        read = (f" (they add up to {total:g}, so {odd:g} would read {share:.0f}%)"
                if math.isfinite(share) else
                " (they add up to 0)" if total == 0 else "")  # fmt: skip
        name = self.column if self.column.isidentifier() else f"col({self.column!r})"
        return Problem(
            group.at.field("column"),
            f"column {self.column!r} has values of both signs{inside}: {cell[below]} beside "
            f"{cell[above]}, and a share of a whole needs values of one sign{read}",
            f'take their sizes first (compute: {{size: "abs({name})"}} before it, then a '
            "share of 'size'), chart the values themselves (the changes as bars or a "
            "waterfall), or filter out the rows on one side of zero",
        )


class Rank(_Window):
    """1 for the largest value in its group (``descending: false``: the smallest); equal
    values share a rank and the next is skipped (1, 2, 2, 4)."""

    key: ClassVar[str] = "rank"
    suffix: ClassVar[str] = "rank"

    descending: bool = Field(True, description="Rank 1 is the largest value.")

    def work_out(self, values: Numbers, group: _Group) -> Numbers:
        ordered = sorted(v for v in values if v is not None)
        # 1 + how many are larger (smaller, ascending): equal values share the rank.
        if self.descending:
            return [None if v is None else float(1 + len(ordered) - bisect_right(ordered, v))
                    for v in values]  # fmt: skip
        return [None if v is None else float(1 + bisect_left(ordered, v)) for v in values]


class Rolling(_Window):
    """The mean of the last ``window`` values, this row's included; missing until a full
    window has been seen, and wherever the window holds a missing value."""

    key: ClassVar[str] = "rolling"
    suffix: ClassVar[str] = "rolling"

    window: int = Field(ge=1, description="How many rows the mean covers.")

    def apply(self, frame: pd.DataFrame, at: At) -> pd.DataFrame:
        out = super().apply(frame, at)
        sizes = [len(rows) for rows in groups(frame, self.by).values()]
        if sizes and max(sizes) < self.window:
            where = (
                f"the table has {counted(len(frame), 'row')}"
                if not self.by
                else f"the largest group of {' and '.join(self.by)} has "
                f"{counted(max(sizes), 'row')}"
            )
            raise DataError(
                Problem(
                    at.field("window"),
                    f"a window of {self.window} rows is longer than the data: {where}, so "
                    f"every value of {self.target!r} would be missing",
                    f"use a window of at most {counted(max(sizes), 'row')}"
                    + (", or group by fewer columns" if self.by else ""),
                )
            )
        return out

    def work_out(self, values: Numbers, group: _Group) -> Numbers:
        out: Numbers = []
        for i in range(len(values)):
            span = values[i + 1 - self.window : i + 1] if i + 1 >= self.window else []
            full = len(span) == self.window and all(v is not None for v in span)
            out.append(mean(span) if full else None)  # type: ignore[arg-type]
        return out
