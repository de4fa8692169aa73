"""Recalculate an embedded sheet's formulas as Excel does after "Edit Data": the few
functions deckgen writes (SUM, AVERAGE, MEDIAN, ROWS; and for labels that add up ROUND,
SUMPRODUCT, SIGN, ABS, IF, COLUMN), arithmetic and comparisons over cells and ranges (a
range in arithmetic is an array, as inside SUMPRODUCT). A blank cell counts as 0 in
arithmetic, equals "", and is skipped by AVERAGE and MEDIAN, as in Excel; ROUND rounds
half away from zero, on the number read to 15 significant digits, as Excel does."""

from __future__ import annotations

import re
import statistics
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import numpy as np
from openpyxl.utils import column_index_from_string, get_column_letter

_CELL = re.compile(r"\$?([A-Z]{1,3})\$?(\d+)")
_RANGE = rf"({_CELL.pattern}):({_CELL.pattern})"


class _Blank(float):
    """An empty cell: 0 in arithmetic, and equal to the empty text."""

    def __eq__(self, other: object) -> bool:
        return other == "" or (not isinstance(other, str) and float(self) == other)

    __hash__ = float.__hash__


BLANK = _Blank(0.0)


class _Range(np.ndarray):
    """A range's values as an array (blank cells 0), knowing which cells are blank."""

    blank: np.ndarray


def _numbers(values: Any) -> list[float]:
    if isinstance(values, _Range):
        return [float(v) for v, gap in zip(values, values.blank, strict=True) if not gap]
    return [v for v in values if isinstance(v, int | float)]


def _round(value: Any, places: Any) -> Any:
    def one(v: float) -> float:  # Excel reads the number to 15 significant digits first
        unit = Decimal(1).scaleb(-int(places))
        return float(Decimal(f"{float(v):.15g}").quantize(unit, ROUND_HALF_UP))

    if isinstance(value, np.ndarray):
        return np.array([one(v) for v in value])
    return one(value)


def _sumproduct(*arrays: Any) -> float:
    product = np.ones(np.shape(np.asarray(arrays[0])))
    for array in arrays:
        product = product * np.asarray(array, dtype=float)
    return float(np.sum(product))


_FUNCTIONS = {
    "SUM": lambda xs: sum(_numbers(xs)),
    "AVERAGE": lambda xs: statistics.mean(_numbers(xs)),
    "MEDIAN": lambda xs: statistics.median(_numbers(xs)),
    "ROWS": len,
    "ROUND": _round,
    "SUMPRODUCT": _sumproduct,
    "SIGN": np.sign,
    "ABS": np.abs,
    "IF": lambda test, yes, no: yes if test else no,
}


def recalculate(cells: dict[str, Any]) -> dict[str, Any]:
    """Every cell's value: ``cells`` maps 'B2' to a value or to a formula ('=SUM(B2:D2)')."""
    done: dict[str, Any] = {}

    def value(ref: str) -> Any:
        col, row = _CELL.fullmatch(ref).groups()
        ref = f"{col}{row}"
        if ref not in done:
            held = cells.get(ref)
            if isinstance(held, str) and held.startswith("="):
                done[ref] = run(held[1:])
            else:
                done[ref] = held
        return done[ref]

    def cell(ref: str) -> Any:
        found = value(ref)
        return BLANK if found is None else found

    def span(a: str, b: str) -> _Range:
        (ca, ra), (cb, rb) = _CELL.fullmatch(a).groups(), _CELL.fullmatch(b).groups()
        found = [
            value(f"{get_column_letter(c)}{r}")
            for r in range(int(ra), int(rb) + 1)
            for c in range(column_index_from_string(ca), column_index_from_string(cb) + 1)
        ]
        out = np.array([0.0 if v is None else v for v in found], dtype=float).view(_Range)
        out.blank = np.array([v is None for v in found])
        return out

    def columns(a: str, b: str | None = None) -> str:
        first = column_index_from_string(_CELL.fullmatch(a).group(1))
        last = column_index_from_string(_CELL.fullmatch(b or a).group(1))
        return f"np.arange({first}, {last + 1})" if b else str(first)

    def run(formula: str) -> Any:
        expr = re.sub(rf"COLUMN\({_RANGE}\)",
                      lambda m: columns(m.group(1), m.group(4)), formula)  # fmt: skip
        expr = re.sub(rf"COLUMN\(({_CELL.pattern})\)", lambda m: columns(m.group(1)), expr)
        expr = re.sub(_RANGE, lambda m: f'span("{m.group(1)}", "{m.group(4)}")', expr)
        expr = re.sub(rf'(?<![\w"$]){_CELL.pattern}(?![\w"])',
                      lambda m: f'cell("{m.group(0)}")', expr)  # fmt: skip
        expr = expr.replace("<>", "!=")  # Excel's 'not equal'
        expr = re.sub(r"(?<![<>=!])=(?!=)", "==", expr).replace("^", "**")
        names = {**_FUNCTIONS, "span": span, "cell": cell, "np": np}
        return eval(expr, {"__builtins__": {}, **names})

    return {ref: value(ref) for ref in cells}


def sheet_cells(sheet: Any) -> dict[str, Any]:
    """An openpyxl worksheet's cells (loaded with formulas) as :func:`recalculate` takes them."""
    return {c.coordinate: c.value for row in sheet.iter_rows() for c in row}


def native_chart(chart_job: Any) -> Any:
    """``chart_job`` drawn as a native chart on a slide of its own: its python-pptx chart."""
    from pptx import Presentation

    from deckgen.layout.geometry import Rect

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    canvas = chart_job.canvas
    box = Rect.of(0, 0, int(canvas.width), int(canvas.height))
    chart_job.spec.draw_native(slide, chart_job, box, "alt")
    return next(s for s in slide.shapes if s.has_chart).chart


def embedded(chart: Any, *, cached: bool = False) -> Any:
    """The sheet embedded in ``chart``: its formulas, or (``cached``) the values cached."""
    import io

    from openpyxl import load_workbook

    blob = chart.part.chart_workbook.xlsx_part.blob
    return load_workbook(io.BytesIO(blob), data_only=cached).active
