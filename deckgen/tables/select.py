"""Select and shape the rows a chart or table shows.

The result of this module is small, plain and hashable (:class:`ChartData`): exactly the
slice of data a render job depends on, so a job can be cached or sent to another process.
Dates sort as dates (``sort: {by: month}`` on a date column), a chart whose ``x`` is a date
column carries its dates (``ChartData.x_dates``) for a time axis and its alt text, and
``index:`` rebases every series to 100 at one category or date.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from deckgen.errors import DataError, Location, Problem, did_you_mean, one_of
from deckgen.tables import dates

if TYPE_CHECKING:
    import datetime as dt
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
    """Categories along the axis and one or more series of values (``None`` = missing).

    When ``x`` is a date column, ``x_dates`` holds each category's date (a
    :class:`~deckgen.tables.dates.Month` etc. for whole periods) and the categories are
    their canonical text (``2010-03``), in date order unless the chart sorts its rows.
    """

    categories: tuple[str, ...]
    series: tuple[Series, ...]
    x_dates: tuple[dt.date, ...] | None = None

    def total(self) -> float:
        return sum(v for s in self.series for v in s.values if v is not None)

    def find(self, name: object) -> int | None:
        """The index of the category ``name`` names: its text, or on a date axis a date or
        period ('2009-06', 'June 2009', a YAML date); ``None`` if none."""
        if str(name) in self.categories:
            return self.categories.index(str(name))
        return dates.match(name, self.x_dates) if self.x_dates else None

    def head(self, n: int) -> ChartData:
        """The first ``n`` categories (a social card that shows the leading ones)."""
        return ChartData(
            self.categories[:n],
            tuple(Series(s.name, s.values[:n]) for s in self.series),
            None if self.x_dates is None else self.x_dates[:n],
        )

    def key_data(self) -> dict[str, Any]:
        """What the picture depends on, for its content key (a date as its text, which
        also names its precision: '2010-03' is a month, '2010-03-01' a day)."""
        return {
            "categories": self.categories,
            "series": self.series,
            "x_dates": None if self.x_dates is None else [str(d) for d in self.x_dates],
        }


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

    def sort_keys(self, name: str, field: str) -> list[float | dt.date | None]:
        """The values to sort by: the column's dates if it is a date column, else its
        numbers (text that is neither is an error naming the cell)."""
        cells = list(self.column(name, field))
        present = [c for c in cells if not _missing(c)]
        if present and all(dates.is_date(c) for c in present):
            return [None if _missing(c) else c for c in cells]
        try:
            return list(self.numbers(name, field))
        except DataError as exc:
            layout = dates.suggest(str(c) for c in present)
            if layout is None:
                raise
            problem = exc.problems[0]
            raise DataError(
                Problem(
                    problem.location,
                    problem.message + " (or a date)",
                    f"declare {name!r} as 'type: date' under the source's 'columns:' to sort "
                    f"by date; {layout}",
                )
            ) from None

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
    if _is_date_column(column):
        return frame[_date_filter(ctx, list(column), rule, values, i)]
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


def _is_date_column(cells: pd.Series) -> bool:
    present = [c for c in cells if not _missing(c)]
    return bool(present) and all(dates.is_date(c) for c in present)


def _date_filter(
    ctx: _Context, cells: list[Any], rule: RowFilter, values: list[Any], i: int
) -> list[bool]:
    """Which rows of a date column pass ``rule``: its value names a date or a period (a
    month, a quarter, a year), compared as dates ('>= 2009' keeps 2009 on)."""
    op = {"in": "==", "not in": "!="}.get(rule.op, rule.op)
    keep = []
    for cell in cells:
        if _missing(cell):
            keep.append(op == "!=")
            continue
        try:
            tests = [dates.compare(cell, op, v) for v in values]
        except ValueError:
            field = f"filter[{i}].value"
            raise DataError(
                Problem(
                    Location(ctx.where.file, ctx.where.line, f"{ctx.where.field}.{field}"),
                    f"{rule.column!r} is a date column, but the filter compares it with "
                    f"{rule.value!r}",
                    "write a date or a period: 2009-06-01, 2009-06, 2009-Q2, 2009 or 'June 2009'",
                )
            ) from None
        keep.append(all(tests) if op == "!=" else any(tests))
    return keep


def check_filters(frame: pd.DataFrame, selection: Selection, where: Location) -> list[Problem]:
    """A filter value that no row of its column holds is a typo, never a silent no-op:
    one problem per such value, with the column's values and the nearest one."""
    problems = []
    for i, rule in enumerate(selection.filter):
        if rule.op not in ("==", "!=", "in", "not in") or rule.column not in frame.columns:
            continue  # comparisons need no match; a missing column is reported by selection
        present = list(dict.fromkeys(str(v) for v in frame[rule.column]))
        values = rule.value if isinstance(rule.value, list) else [rule.value]
        cells = list(frame[rule.column])
        dated = (
            [c for c in cells if dates.is_date(c)] if _is_date_column(frame[rule.column]) else []
        )
        for k, value in enumerate(values):
            if str(value) in present or (dated and dates.match(value, dated) is not None):
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
        keys = ctx.sort_keys(selection.sort.by, "sort.by")
        present = [k for k in range(len(keys)) if keys[k] is not None]
        # Stable in both directions; missing values sort last whatever the direction.
        present.sort(key=lambda k: keys[k], reverse=selection.sort.descending)  # type: ignore[arg-type,return-value]
        order = present + [k for k in range(len(keys)) if keys[k] is None]
        ctx.frame = ctx.frame.iloc[order]
    if selection.top:
        ctx.frame = ctx.frame.head(selection.top)
    # The index is kept: it is each row's position in the source, which names its line.
    return ctx.frame, ctx


def chart_data(frame: pd.DataFrame, spec: ChartSpec, where: Location) -> ChartData:
    """The categories and series ``spec`` shows, scaled, (optionally) transposed, and
    (optionally) indexed to 100 at ``spec.index``."""
    _rows, ctx = select_rows(frame, spec, where)
    x_dates = _x_dates(ctx, spec, list(ctx.column(spec.x, "x")))
    if x_dates is not None and spec.sort is None:
        # A time runs forwards: rows in date order (after `top`, which keeps file order).
        order = sorted(range(len(x_dates)), key=x_dates.__getitem__)
        ctx.frame = ctx.frame.iloc[order]
        x_dates = [x_dates[k] for k in order]
    categories = [category_text(c) for c in
                  (x_dates if x_dates is not None else ctx.column(spec.x, "x"))]  # fmt: skip
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
        x_dates = None
    data = ChartData(tuple(categories), tuple(series),
                     None if x_dates is None else tuple(x_dates))  # fmt: skip
    return data if spec.index is None else indexed(data, spec.index, where)


def category_text(cell: Any) -> str:
    """A cell as a category name: as written, a whole number without '.0' (a year a JSON
    file or a sheet with gaps stores as 2010.0 is the category '2010')."""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)


def _x_dates(ctx: _Context, spec: ChartSpec, cells: list[Any]) -> list[dt.date] | None:
    """The dates along ``x`` when it is a date column (else ``None``); a missing date is
    an error naming its cell: a point with no time cannot be placed on a time axis."""
    present = [c for c in cells if not _missing(c)]
    if not present or not all(dates.is_date(c) for c in present):
        return None
    for row, cell in zip(ctx.frame.index, cells, strict=True):
        if _missing(cell):
            raise DataError(
                Problem(
                    ctx._cell(int(row), spec.x),
                    f"the chart's x column {spec.x!r} is a date column, but this row has no date",
                    f"fill in the date, or leave the row out with a filter ({ctx.where.file}:"
                    f"{ctx.where.line})",
                )
            )
    return list(present)


def indexed(data: ChartData, base: str, where: Location) -> ChartData:
    """Every series rebased to 100 at the category or date ``base`` names: a value of 100
    there, 112 where it is 12% higher."""
    at = Location(where.file, where.line, f"{where.field}.index")
    i = data.find(base)
    if i is None:
        names = list(data.categories)
        shown = one_of(names[:12]) + (f" and {len(names) - 12} more" if len(names) > 12 else "")
        what, whats = ("date", "dates") if data.x_dates else ("category", "categories")
        raise DataError(
            Problem(
                at,
                f"index base {base!r} matches no {what} of the chart; its {whats} are {shown}",
                did_you_mean(base, names)
                or ("write the date as 2007-01-01, 2007-01 or 'January 2007'" if data.x_dates
                    else "write the category exactly as the data has it"),
            )
        )  # fmt: skip
    rebased = []
    for s in data.series:
        first = s.values[i]
        if first is None or first == 0:
            raise DataError(
                Problem(
                    at,
                    f"series {s.name!r} is {'missing' if first is None else 0} at the index base "
                    f"{data.categories[i]!r}, so it cannot be rebased to 100 there",
                    "pick a base where every series has a value other than zero",
                )
            )
        rebased.append(
            Series(s.name, tuple(None if v is None else v / first * 100 for v in s.values))
        )
    return ChartData(data.categories, tuple(rebased), data.x_dates)


def _missing(cell: Any) -> bool:
    return cell is None or (isinstance(cell, float) and math.isnan(cell)) or (
        isinstance(cell, str) and cell.strip() in MISSING)  # fmt: skip


def table_cells(
    frame: pd.DataFrame, selection: Selection, columns: Sequence[str], where: Location
) -> list[list[Any]]:
    """Rows of raw cells for the named columns, after selection (for table slides)."""
    rows, ctx = select_rows(frame, selection, where)
    for k, name in enumerate(columns):
        ctx.column(name, f"columns[{k}].column")
    return [[row[c] for c in columns] for _, row in rows.iterrows()]
