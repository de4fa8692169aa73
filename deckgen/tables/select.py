"""Select and shape the rows a chart or table shows.

The result of this module is small, plain and hashable (:class:`ChartData`): exactly the
slice of data a render job depends on, so a job can be cached or sent to another process.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from deckgen.errors import DataError, Location, Problem, did_you_mean, one_of

if TYPE_CHECKING:
    from collections.abc import Sequence

    import pandas as pd

    from deckgen.outline.schema import ChartSpec, RowFilter, Selection

#: Cell text that means "no value" (the seed page prints '-').
MISSING = {"", "-", "–", "—", "n/a", "N/A", "NA", "na", "nan", "NaN", "None"}


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float | None, ...]


@dataclass(frozen=True)
class ChartData:
    """Categories along the axis and one or more series of values (``None`` = missing)."""

    categories: tuple[str, ...]
    series: tuple[Series, ...]

    def total(self) -> float:
        return sum(v for s in self.series for v in s.values if v is not None)


def to_number(value: Any) -> float | None:
    """A cell as a float; ``None`` for a missing marker; ``ValueError`` for other text."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float):
        return None if isinstance(value, float) and math.isnan(value) else float(value)
    text = str(value).strip()
    if text in MISSING:
        return None
    return float(text.replace(",", ""))


class _Context:
    """Names where a selection is used, for messages: the outline field and the data file."""

    def __init__(self, frame: pd.DataFrame, where: Location, source: str) -> None:
        self.frame, self.where, self.source = frame, where, source

    def column(self, name: str, field: str) -> pd.Series:
        if name not in self.frame.columns:
            columns = [str(c) for c in self.frame.columns]
            raise DataError(
                Problem(
                    Location(self.where.file, self.where.line, f"{self.where.field}.{field}"),
                    f"data source {self.source!r} has no column {name!r}; "
                    f"its columns are {one_of(columns)}",
                    did_you_mean(name, columns),
                )
            )
        return self.frame[name]

    def numbers(self, name: str, field: str) -> list[float | None]:
        out = []
        for row, value in self.column(name, field).items():
            try:
                out.append(to_number(value))
            except ValueError:
                raise DataError(
                    Problem(
                        self._cell(int(row), name),
                        f"expected a number in column {name!r}, found {value!r}",
                        f"used by {self.where.field}.{field} ({self.where.file}:{self.where.line});"
                        " write plain numbers such as 1234.5, or '-' for a missing value",
                    )
                ) from None
        return out

    def _cell(self, row: int, name: str) -> Location:
        """Where cell ``row`` (its position in the source: the index is never reset) is."""
        origin = self.frame.attrs.get("origin")
        if origin is not None:
            return origin.cell(row, name)
        file = self.frame.attrs.get("file")
        # A frame built without an origin: assume one header line.
        return (
            Location(file, row + 2, name)
            if file
            else Location(f"data source {self.source!r}", None, name)
        )


def _apply_filter(ctx: _Context, frame: pd.DataFrame, rule: RowFilter, i: int) -> pd.DataFrame:
    field = f"filter[{i}].column"
    column = ctx.column(rule.column, field)
    values = rule.value if isinstance(rule.value, list) else [rule.value]
    if rule.op in ("==", "!=", "in", "not in"):
        wanted = {str(v) for v in values}
        inside = column.astype(str).isin(wanted)
        keep = list(inside if rule.op in ("==", "in") else ~inside)
    else:
        numbers = ctx.numbers(rule.column, field)
        threshold = float(values[0])  # type: ignore[arg-type]
        compare = {
            ">": threshold.__lt__,
            ">=": threshold.__le__,
            "<": threshold.__gt__,
            "<=": threshold.__ge__,
        }[rule.op]
        keep = [n is not None and compare(n) for n in numbers]
    return frame[keep]


def check_filters(frame: pd.DataFrame, selection: Selection, where: Location) -> list[Problem]:
    """A filter value that no row of its column holds is a typo, never a silent no-op:
    one problem per such value, with the column's values and the nearest one."""
    problems = []
    for i, rule in enumerate(selection.filter):
        if rule.op not in ("==", "!=", "in", "not in") or rule.column not in frame.columns:
            continue  # comparisons need no match; a missing column is reported by selection
        present = list(dict.fromkeys(str(v) for v in frame[rule.column]))
        values = rule.value if isinstance(rule.value, list) else [rule.value]
        for k, value in enumerate(values):
            if str(value) in present:
                continue
            field = f"filter[{i}].value" + (f"[{k}]" if isinstance(rule.value, list) else "")
            shown = one_of(present[:12]) + (f" and {len(present) - 12} more"
                                            if len(present) > 12 else "")  # fmt: skip
            problems.append(
                Problem(
                    Location(where.file, where.line, f"{where.field}.{field}"),
                    f"no row of {selection.data!r} has {rule.column} = {value!r}; "
                    f"its values are {shown}",
                    did_you_mean(str(value), present) or "write the value as the data has it",
                )
            )
    return problems


def select_rows(
    frame: pd.DataFrame, selection: Selection, where: Location
) -> tuple[pd.DataFrame, _Context]:
    """Apply ``filter``, ``sort`` and ``top`` from ``selection`` to ``frame``."""
    ctx = _Context(frame, where, selection.data)
    for i, rule in enumerate(selection.filter):
        ctx.frame = _apply_filter(ctx, ctx.frame, rule, i)
    if selection.sort:
        numbers = ctx.numbers(selection.sort.by, "sort.by")
        # Missing values sort last whatever the direction.
        order = sorted(
            range(len(numbers)),
            key=lambda k: (
                numbers[k] is None,
                -(numbers[k] or 0) if selection.sort.descending else (numbers[k] or 0),  # type: ignore[union-attr]
            ),
        )
        ctx.frame = ctx.frame.iloc[order]
    if selection.top:
        ctx.frame = ctx.frame.head(selection.top)
    # The index is kept: it is each row's position in the source, which names its line.
    return ctx.frame, ctx


def chart_data(frame: pd.DataFrame, spec: ChartSpec, where: Location) -> ChartData:
    """The categories and series ``spec`` shows, scaled and (optionally) transposed."""
    _rows, ctx = select_rows(frame, spec, where)
    categories = [str(c) for c in ctx.column(spec.x, "x")]
    columns = spec.y_columns
    series = []
    for k, name in enumerate(columns):
        field = "y" if isinstance(spec.y, str) else f"y[{k}]"
        values = [None if v is None else v * spec.scale for v in ctx.numbers(name, field)]
        series.append(Series(spec.series_labels.get(name, name), tuple(values)))
    if not categories:
        raise DataError(
            Problem(where, "the chart's filter leaves no rows to draw", "check filter values")
        )
    if spec.transpose:
        series, categories = (
            [Series(cat, tuple(s.values[i] for s in series)) for i, cat in enumerate(categories)],
            [s.name for s in series],
        )
    return ChartData(tuple(categories), tuple(series))


def table_cells(
    frame: pd.DataFrame, selection: Selection, columns: Sequence[str], where: Location
) -> list[list[Any]]:
    """Rows of raw cells for the named columns, after selection (for table slides)."""
    rows, ctx = select_rows(frame, selection, where)
    for k, name in enumerate(columns):
        ctx.column(name, f"columns[{k}].column")
    return [[row[c] for c in columns] for _, row in rows.iterrows()]
