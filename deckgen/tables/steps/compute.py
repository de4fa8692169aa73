"""The ``compute`` step: new columns worked out from each row with a safe expression
(:mod:`deckgen.tables.expr`): ``{compute: {share: "round(twh / total * 100, 1)"}}``."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import Field, field_validator

from deckgen.errors import Problem, numbers_blanked
from deckgen.tables.expr import ExprError, Expression, Value, parse
from deckgen.tables.select import CENSUS_MARKS, to_number
from deckgen.tables.steps._base import (
    At,
    Step,
    cells,
    check,
    not_a_number,
    origin_of,
    places_of,
    with_column,
)

if TYPE_CHECKING:
    import pandas as pd

    from deckgen.errors import Location
    from deckgen.tables.origin import Origin


class Compute(Step):
    """Columns from expressions over the row, in order (each may use the ones before it);
    a name the table has already is replaced (``twh: twh * 1000`` changes the unit)."""

    key: ClassVar[str] = "compute"
    wraps: ClassVar[str | None] = "columns"

    columns: dict[str, str] = Field(min_length=1, description="New column -> expression.")

    @field_validator("columns", mode="before")
    @classmethod
    def _numbers_as_text(cls, value: Any) -> Any:
        # `flag: 1` is the expression "1".
        if isinstance(value, dict):
            return {k: str(v) if isinstance(v, int | float) else v for k, v in value.items()}
        return value

    @field_validator("columns")
    @classmethod
    def _named(cls, columns: dict[str, str]) -> dict[str, str]:
        # A column with no name is one no chart can name but as '' (found by fuzzing), as
        # a rename to nothing is refused.
        blank = [text for name, text in columns.items() if not name.strip()]
        if blank:
            raise ValueError(
                f"a column needs a name: {blank[0]!r} is given none; write the "
                f"new column's name before it, as in {{doubled: {blank[0]!r}}}"
            )
        return columns

    def apply(self, frame: pd.DataFrame, at: At) -> pd.DataFrame:
        # Read every expression first, so all mistakes are reported at once.
        columns = [str(c) for c in frame.columns]
        expressions: dict[str, Expression] = {}
        problems: list[Problem] = []
        for name, text in self.columns.items():
            try:
                expressions[name] = parse(text, columns)
            except ExprError as exc:
                problems.append(Problem(at.field(name), exc.message, exc.hint))
            columns.append(name)
        check(problems)
        origin = origin_of(frame)
        check([p for name, e in expressions.items()
               if (p := _percent_times_100(frame, origin, e, at.field(name)))])  # fmt: skip
        for name, expression in expressions.items():
            read = {c: cells(frame, c) for c in expression.columns}
            inputs = {c: [value(v) for v in column] for c, column in read.items()}
            # A mark, not a value: an income in thousands was -666,666.666 (found in review).
            check([not_a_number(origin, r, c, read[c][r], at, name) for c, column in
                   inputs.items() for r, v in enumerate(column) if v in CENSUS_MARKS])  # fmt: skip
            results: list[Value] = []
            # Rows that fail the same way are one problem (an expression that can never be
            # worked out fails on every row: one message, not one per row).
            # Alike but for the numbers they quote, they are one too: 'exponent 30000 is
            # too large', then 10600, 9000... was one message a row (found by fuzzing).
            failed: dict[tuple[str, str | None], tuple[str, list[int]]] = {}
            for r in range(len(frame)):
                try:
                    results.append(expression({c: inputs[c][r] for c in expression.columns}))
                except ExprError as exc:
                    results.append(None)
                    alike = (numbers_blanked(exc.message), exc.hint)
                    failed.setdefault(alike, (exc.message, []))[1].append(r)
            for (_, hint), (message, rows) in failed.items():
                which = "the row" if len(rows) == 1 else f"{len(rows)} rows,"
                quoted = numbers_blanked(message) != message
                first = "; at the first" if len(rows) > 1 and quoted else ""
                problems.append(
                    Problem(
                        at.field(name),
                        f"cannot work out {expression.text.strip()!r} for {which} at "
                        f"{places_of(frame, rows)}{first}: {message}",
                        hint or "change the expression, or the cells it reads",
                    )
                )
            check(problems)
            quantities = all(isinstance(v, float) for v in results if v is not None)
            frame = with_column(frame, name, results, "number" if quantities else None,
                                at.name)  # fmt: skip
        return frame


def value(cell: Any) -> Value:
    """A cell as an expression sees it: true/false, a number where it reads as one, text,
    or ``None`` for a missing value."""
    if isinstance(cell, bool):
        return cell
    try:
        return to_number(cell)
    except ValueError:
        return str(cell)


def _percent_times_100(
    frame: pd.DataFrame, origin: Origin, expression: Expression, at: Location
) -> Problem | None:
    """The problem of ``column * 100`` where a sheet formats the column's cells as
    percentages: they are read as the sheet shows them (0.452, shown 45.2%, reads 45.2),
    so the compute wrote 4,520 and a chart 4,520%, without a word, where ``scale: 100``
    on the same cells is refused (:func:`~deckgen.tables.select.scaled_twice`; found by
    fuzzing). The README's fix for fractions is this compute."""
    read = origin.percent
    for column in expression.columns:
        if column not in read:
            continue
        name = re.escape(column)
        times = rf"(?<![\w.]){name}\s*\*\s*100(?![\w.])|(?<![\w.])100\s*\*\s*{name}(?![\w.])"
        if re.search(times, expression.text):
            letter, _ = read[column]
            shown = next((to_number(v) for v in cells(frame, column) if v is not None), None)
            example = (f" ({shown:g}% as {shown:g}, which times 100 is {shown * 100:,g})"
                       if isinstance(shown, float) else "")  # fmt: skip
            return Problem(
                at,
                f"{expression.text.strip()!r} multiplies column {column!r} by 100, but the "
                f"sheet formats its cells (column {letter}) as percentages, which are read as "
                f"the sheet shows them{example}",
                f"leave out the '* 100': {column!r} is in percent already",
            )
    return None
