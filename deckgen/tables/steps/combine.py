"""The ``join`` step: columns looked up in another table of the outline by a key.

``{join: {with: countries, on: geo}}`` adds, to each row, the cells of the row of
``countries`` whose ``geo`` is the row's: Eurostat's and the Census Bureau's files name
countries and states by codes (``DE``, ``06``), and a chart needs their names. Before, a
pandas script joined them before every release.

Never silently wrong: a key that no row of the other table holds is an error naming it with
the nearest keys there are (a typo, or an aggregate such as ``EU27_2020`` the lookup lacks),
and so is a key the other table holds twice (which row's cells to add would be a guess).
A row with no key gets no values.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import Field, field_validator

from deckgen.errors import Problem, counted, did_you_mean, listed
from deckgen.tables.select import category_text, is_blank
from deckgen.tables.steps._base import (
    SHOWN,
    At,
    Step,
    check,
    need_columns,
    origin_of,
    places_of,
    rows_of,
    types_of,
)

if TYPE_CHECKING:
    from collections.abc import Hashable

    import pandas as pd


class Join(Step):
    """Columns of another table (``with``), looked up by a key: ``on: geo`` where both
    tables name it so, ``on: {geo: code}`` where the other names it ``code``. ``columns``
    picks the other table's columns to add (default: all but its key)."""

    key: ClassVar[str] = "join"

    with_: str = Field(alias="with", description="The table to look the columns up in.")
    on: str | dict[str, str] = Field(
        description="The key: a column both tables have, or {this: other} where the other "
        "table names it otherwise."
    )
    columns: list[str] | None = Field(
        None, description="The other table's columns to add (default: all but its key)."
    )

    @field_validator("on", mode="before")
    @classmethod
    def _a_name_or_a_pair(cls, value: Any) -> Any:
        # One message, not one for each form the field takes ('on.str', 'on.dict[str,str]').
        if not isinstance(value, str | dict):
            raise ValueError(
                "expected the key's column, on: geo, or {this table's column: the other's}, "
                f"on: {{geo: code}}; found {value!r}"
            )
        return value

    @field_validator("on")
    @classmethod
    def _one_key(cls, value: str | dict[str, str]) -> str | dict[str, str]:
        if isinstance(value, dict) and len(value) != 1:
            raise ValueError(
                f"expected one key, {{this table's column: the other's}}, found {len(value)}"
            )
        return value

    @field_validator("columns", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    def needs(self) -> tuple[tuple[str, str], ...]:
        return ((self.with_, "with"),)

    def apply(self, frame: pd.DataFrame, at: At) -> pd.DataFrame:
        ours, theirs = next(iter(self.on.items())) if isinstance(self.on, dict) else (
            self.on, self.on)  # fmt: skip
        other = at.tables[self.with_]
        problems = need_columns(frame, [ours], at, "on")
        if theirs not in other.columns:
            problems.append(_not_in_other(self.with_, theirs, other, at))
        added = self.columns if self.columns is not None else [
            str(c) for c in other.columns if str(c) != theirs]  # fmt: skip
        problems += [_not_in_other(self.with_, c, other, at, "columns") for c in added
                     if c not in other.columns]  # fmt: skip
        check(problems)
        clash = [c for c in added if c in frame.columns]
        if clash:
            check([Problem(
                at.field("columns"),
                f"the table has a column {clash[0]!r} already, which the join would add "
                f"again from {self.with_!r}",
                "name the columns to add with columns: [...], leaving it out, or rename one "
                "of them in a step before",
            )])  # fmt: skip
        lookup = _lookup(other, theirs, self.with_, at)
        rows: list[int | None] = []
        unmatched: dict[Hashable, list[int]] = {}
        for position, cell in enumerate(frame[ours].tolist()):
            key = join_key(cell)
            found = None if key is None else lookup.get(key)
            if key is not None and found is None:
                unmatched.setdefault(key, []).append(position)
            rows.append(found)
        if unmatched:
            check([_unmatched(unmatched, lookup, frame, ours, theirs, self.with_, at)])
        return _joined(frame, other, added, rows)


def join_key(value: object) -> Hashable | None:
    """A cell as a key to match on: text as a chart names it (the spaces around it gone), a
    whole number as its digits (a sheet's 2023 matches a file's '2023'), a day as its ISO
    date, ``None`` for a blank cell."""
    if is_blank(value):
        return None
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        value = value.date()  # a sheet's date cell is the day a file writes '2023-01-01'
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return category_text(value) if isinstance(value, str) else str(value)


def _lookup(other: pd.DataFrame, column: str, name: str, at: At) -> dict[Hashable, int]:
    """Each key of ``other``'s ``column`` and its row; a key on two rows is refused."""
    lookup: dict[Hashable, int] = {}
    twice: dict[Hashable, list[int]] = {}
    for position, cell in enumerate(other[column].tolist()):
        key = join_key(cell)
        if key is None:
            continue
        if key in lookup:
            twice.setdefault(key, [lookup[key]]).append(position)
        else:
            lookup[key] = position
    if twice:
        key, positions = next(iter(twice.items()))
        more = f" (and {counted(len(twice) - 1, 'more key')})" if len(twice) > 1 else ""
        check([Problem(
            at.field("on"),
            f"{name!r} holds the key {key!r} on more than one row ({places_of(other, positions)})"
            f"{more}, so which row's cells to add would be a guess",
            f"keep one row per key in {name!r} (a filter or group step in a table made from "
            "it), or join on a column whose every value is on one row",
        )])  # fmt: skip
    return lookup


def _unmatched(
    unmatched: dict[Hashable, list[int]],
    lookup: dict[Hashable, int],
    frame: pd.DataFrame,
    ours: str,
    theirs: str,
    name: str,
    at: At,
) -> Problem:
    """The problem of the keys no row of the other table holds."""
    keys = list(unmatched)
    first = keys[0]
    shown = listed([str(k) for k in keys[:SHOWN]]) + (
        f" and {len(keys) - SHOWN} more" if len(keys) > SHOWN else "")  # fmt: skip
    rows = sorted(p for positions in unmatched.values() for p in positions)
    problem = (f"no row of {name!r} has {theirs} {shown}, which the table's {ours!r} holds "
               f"({places_of(frame, rows[:SHOWN])})")  # fmt: skip
    other = at.tables[name]
    dated = [_dated(frame[ours].tolist()), _dated(other[theirs].tolist())]
    if None not in dated and dated[0] != dated[1]:
        # A date never matches a text, however alike they read: a declared month
        # '2023-01-01' against a file's '2023-01' was told 'did you mean 2023-11?' (found
        # by a new user). Say which column is which, and declare the text one a date.
        text_side, table = (theirs, repr(name)) if dated[0] else (ours, "this table")
        sample = next(str(v) for v in (other[theirs] if dated[0] else frame[ours]).tolist()
                      if isinstance(v, str))  # fmt: skip
        return Problem(
            at.field("on"),
            f"{problem}: the keys are dates on one side and text on the other "
            f"({table}'s {text_side!r} holds text such as {sample!r}), and never match",
            f"declare {table}'s {text_side!r} a date too, as the other side's is (in its "
            f"columns: {text_side}: {{type: date}}, with period: month for months), so both "
            "read as the same days",
        )
    near = did_you_mean(str(first), [str(k) for k in lookup])
    return Problem(
        at.field("on"),
        problem,
        (f"{near}; or " if near else "")
        + f"add a row for {'it' if len(keys) == 1 else 'each'} to {name!r}, or leave those "
        "rows out with a filter step before the join",
    )


def _dated(cells: list[object]) -> bool | None:
    """Whether a key column's cells are dates (``True``) or text (``False``): the first
    that is either decides; ``None`` for a column of neither (numbers, blanks)."""
    for cell in cells:
        if isinstance(cell, dt.date):
            return True
        if isinstance(cell, str) and not is_blank(cell):
            return False
    return None


def _joined(frame: pd.DataFrame, other: pd.DataFrame, added: list[str],
            rows: list[int | None]) -> pd.DataFrame:  # fmt: skip
    """``frame`` with ``added`` columns of ``other``, row by row from ``rows`` (``None``:
    no values), each cell named by its place in the other table."""
    import pandas as pd

    out = frame.copy()
    theirs = origin_of(other)
    cells = dict(origin_of(frame).cells)
    for column in added:
        values = other[column].tolist()
        out[column] = pd.Series([None if r is None else values[r] for r in rows],
                                index=out.index, dtype=object)  # fmt: skip
        for position, r in enumerate(rows):
            if r is not None:
                cells[(position, column)] = theirs.cell(r, column)
    out.attrs["origin"] = replace(origin_of(frame), rows=rows_of(frame), cells=cells)
    out.attrs["types"] = types_of(frame) | {
        c: t for c, t in types_of(other).items() if c in added}  # fmt: skip
    return out


def _not_in_other(name: str, column: str, other: pd.DataFrame, at: At,
                  field: str = "on") -> Problem:  # fmt: skip
    """The problem of a column the other table lacks."""
    columns = [str(c) for c in other.columns]
    return Problem(
        at.field(field),
        f"{name!r} has no column {column!r}; its columns are {listed(columns)}",
        did_you_mean(column, columns) or f"name a column of {name!r} as it has it",
    )
