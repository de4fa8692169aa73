"""Declared column types: parse every cell of a declared column, or name each cell that
does not fit.

A column declared in the outline (``columns: {country: text, value: number}``) is checked
once, when its source is loaded, so a typo in row 40 is reported with its line before any
slide is planned. Parsed values are plain Python objects the rest of deckgen already reads:
``number`` -> float, ``integer`` -> int, ``date`` -> datetime.date (a
:class:`~deckgen.tables.dates.Month`, ``Quarter`` or ``Year`` with a ``period``; see
:mod:`deckgen.tables.dates`), ``boolean`` -> bool, ``text`` -> str; a missing value is
``None`` (``""`` for text). Undeclared columns are left exactly as read. The declared types
are kept in the frame's ``attrs["types"]``, so a text column (a year, an ID) is shown as
written rather than as a number.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from deckgen.errors import DataError, Location, Problem, counted, joined
from deckgen.tables.dates import example, excel_day_hint, parse_date, suggest, time_of_day_hint
from deckgen.tables.select import (
    MAX_DIGITS,
    MISSING,
    cell_text,
    listed,
    missing_column_hint,
    number_hint,
    number_text,
    too_many_digits,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    import pandas as pd

    from deckgen.outline.schema import ColumnSpec
    from deckgen.tables.origin import Origin

_BOOLEANS = {"true": True, "yes": True, "false": False, "no": False}


def _number(value: Any) -> float:
    if isinstance(value, bool):  # JSON true is not 1
        raise ValueError(value)
    if isinstance(value, int | float):
        number = float(value)
    elif isinstance(value, str):
        number = number_text(value.strip())  # the one reading of a number in text
        if too_many_digits(value):  # its last digits would change (see _digits_hint)
            raise ValueError(value)
    else:
        raise ValueError(value)
    if not math.isfinite(number):
        raise ValueError(value)
    return number


def _integer(value: Any) -> int:
    number = _number(value)
    if not number.is_integer():
        raise ValueError(value)
    return int(number)


def _boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _BOOLEANS:
        return _BOOLEANS[value.strip().lower()]
    raise ValueError(value)


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a code such as 2023 stored as a number in Excel
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date().isoformat()
    return str(value)


@dataclass(frozen=True)
class ColumnKind:
    """How one declared type parses a cell, and what its messages say (``{example}`` in
    them is how the declaration writes a value: a date's layout)."""

    parse: Callable[[Any], Any]
    expected: str
    hint: str
    missing: object = None

    def reader(self, spec: ColumnSpec) -> Callable[[Any], Any]:
        """The parser for one declared column (a date's ``format`` and ``period``)."""
        if spec.type == "date":
            return lambda value: parse_date(value, spec.format, spec.period)
        return self.parse

    def words(self, spec: ColumnSpec) -> tuple[str, str]:
        """What is expected, and the hint, for one declared column."""
        shown = example(spec.format, spec.period)
        return self.expected.format(example=shown), self.hint.format(example=shown)


#: One entry per type the outline accepts (schema.ColumnType).
KINDS: dict[str, ColumnKind] = {
    "text": ColumnKind(_text, "text", "fill in the cell", missing=""),
    "number": ColumnKind(
        _number,
        "a number",
        "write a plain number such as 1234.5 or 1,234.5 (commas only between thousands), "
        "or '-' for a missing value",
    ),
    "integer": ColumnKind(
        _integer, "a whole number", "write a whole number such as 1234, or '-' for a missing value"
    ),
    "date": ColumnKind(
        parse_date,
        "a date written as {example!r}",
        "write the date as {example}, or '-' for a missing value",
    ),
    "boolean": ColumnKind(
        _boolean, "true or false", "write true, false, yes or no, or '-' for a missing value"
    ),
}


def is_missing(value: Any, type_: str) -> bool:
    """Whether ``value`` means "no value": blank always; '-', 'n/a', ... except in text."""
    # NaN and NaT (an empty Excel cell) are the only values not equal to themselves.
    if value is None or value != value:
        return True
    if isinstance(value, str):
        text = value.strip()
        return not text or (type_ != "text" and text in MISSING)
    return False


def _digits_hint(value: Any) -> str | None:
    """The fix for a whole number with more significant digits than a number holds."""
    digits = too_many_digits(value) if isinstance(value, str) else None
    if digits is None:
        return None
    text = value.strip()
    read = f"{float(number_text(text)):.0f}"
    return (f"{text!r} has {digits} significant digits, more than a number holds "
            f"({MAX_DIGITS}): read as one it would be {read}; if it is an ID or a code, "
            "declare the column text (shown as written); if a quantity, round it to "
            f"{MAX_DIGITS} digits in the data")  # fmt: skip


def _found(value: Any) -> str:
    if is_missing(value, "text"):
        return "an empty cell"
    if isinstance(value, str) and value.strip() in MISSING:
        return f"{value!r} (a missing value)"
    return cell_text(value)


def apply_types(
    frame: pd.DataFrame,
    declared: Mapping[str, ColumnSpec],
    origin: Origin,
    declared_at: Callable[[str], Location],
    source: str,
) -> pd.DataFrame:
    """Return ``frame`` with each declared column parsed to its type.

    Raises :class:`DataError` with one problem per declared column that is absent and per
    cell that does not fit (all of them; the error prints the first ten).
    """
    import pandas as pd

    problems: list[Problem] = []
    typed: dict[str, list[Any]] = {}
    present = [str(c) for c in frame.columns]
    for name, spec in declared.items():
        if name not in frame.columns:
            problems.append(
                Problem(
                    declared_at(name),
                    f"data source {source!r} has no column {name!r}; "
                    f"its columns are {listed(present)}",
                    missing_column_hint(name, present, origin)
                    or "declare only columns the file has",
                )
            )
            continue
        typed[name] = _parse_column(frame[name], name, spec, origin, declared_at, problems)
    if problems:
        raise DataError(problems)
    if not typed:
        return frame
    frame = frame.copy()
    for name, values in typed.items():
        frame[name] = pd.Series(values, index=frame.index, dtype=object)
    frame.attrs["types"] = {name: spec.type for name, spec in declared.items()}
    return frame


#: How many more cells alike a problem names (the rest it counts).
_ALIKE_NAMED = 5
#: What :func:`_alike` blanks in a hint to compare it with another cell's.
_DIGITS = re.compile(r"\d+")


def _alike(found: list[tuple[Location, str, str, str]]) -> list[Problem]:
    """One problem per kind of cell that does not fit (what is said of it, and the fix),
    at its first cell, naming the next few alike and counting the rest, as ``deckgen
    check`` tells findings alike: a month column declared without its ``format:`` gave
    60 problems with one hint, ten printed and "and 50 more problems" (found by review).

    Hints that differ only in their numbers are one fix told of different cells ('45000 is
    how Excel stores the day 2023-03-15...', '45031 is how...'): alike, told with the first
    cell's hint. Twenty Excel day numbers in a date column gave twenty problems with one fix
    (found by fuzzing)."""
    groups: dict[tuple[str, str], list[tuple[Location, str, str]]] = {}
    for at, said, value, hint in found:
        groups.setdefault((said, _DIGITS.sub("#", hint)), []).append((at, value, hint))
    problems = []
    for (said, _), cells in groups.items():
        (first, value, hint), more = cells[0], cells[1:]
        message = f"{said}, found {value}"
        if more:
            named = [f"{v} ({_place(at)})" for at, v, _ in more[:_ALIKE_NAMED]]
            if len(more) > _ALIKE_NAMED:
                named.append(f"{len(more) - _ALIKE_NAMED:,} more")
            message += f" here and {counted(len(more), 'more cell')} like it: {joined(named)}"
        problems.append(Problem(first, message, hint))
    return problems


def _place(at: Location) -> str:
    """Where a cell is, short, beside the file its problem names: 'line 3' ('row 3' of a
    sheet), or its field in a file of records ('data.monthly[1].month')."""
    if at.line is None:
        return str(at.field)
    sheet = str(at.file).lower().endswith((".xlsx", ".xlsm", ".xls"))
    return f"row {at.line}" if sheet else f"line {at.line}"


def _parse_column(
    cells: pd.Series,
    name: str,
    spec: ColumnSpec,
    origin: Origin,
    declared_at: Callable[[str], Location],
    problems: list[Problem],
) -> list[Any]:
    kind = KINDS[spec.type]
    parse = kind.reader(spec)
    expected, hint = kind.words(spec)
    declaration = declared_at(name)
    where = f"{declaration.file}:{declaration.line}" if declaration.line else declaration.file
    values: list[Any] = []
    bad: list[tuple[int, Any]] = []
    # Each cell that does not fit: (where, what the message says of such cells, what it
    # found, the hint), told together with the cells alike (:func:`_alike`).
    found: list[tuple[Location, str, str, str]] = []
    for row, value in enumerate(cells):
        if is_missing(value, spec.type):
            if spec.required:
                found.append((
                    origin.cell(row, name), f"expected {expected} in required column {name!r}",
                    _found(value), f"fill in the value, or drop 'required: true' from {name!r} "
                    f"({where})",
                ))  # fmt: skip
            values.append(kind.missing)
            continue
        try:
            values.append(parse(value))
        except (ValueError, TypeError, OverflowError):
            bad.append((row, value))
            values.append(kind.missing)
    if bad and spec.type == "date" and spec.format is None:
        # Dates in another layout: say which format (or period) reads the cells that fail,
        # never one the column already has (found by fuzzing).
        layout = suggest((v for _, v in bad), has_period=spec.period)
        hint = layout or hint
    for row, value in bad:
        # A number written short ('1.2M') or with a decimal comma: the fix for that cell.
        specific = (_digits_hint(value) or number_hint(value)
                    if spec.type in ("number", "integer") else None)  # fmt: skip
        if spec.type == "date":
            specific = excel_day_hint(value) or time_of_day_hint(value, spec.format)
        found.append((origin.cell(row, name), f"expected {expected} in column {name!r}",
                      _found(value), f"{specific or hint}; {name!r} is declared as "
                      f"{spec.type} at {where}"))  # fmt: skip
    problems += _alike(found)
    return values
