"""Recalculate an embedded sheet's formulas as Excel does after "Edit Data": the few
functions deckgen writes (SUM, AVERAGE, MEDIAN, ROWS), + and - over cells and ranges. A
blank cell counts as 0 in arithmetic and is skipped by AVERAGE and MEDIAN, as in Excel."""

from __future__ import annotations

import re
import statistics
from typing import Any

from openpyxl.utils import column_index_from_string, get_column_letter

_CELL = re.compile(r"\$?([A-Z]{1,3})\$?(\d+)")


def _numbers(values: list[Any]) -> list[float]:
    return [v for v in values if isinstance(v, int | float)]


_FUNCTIONS = {
    "SUM": lambda xs: sum(_numbers(xs)),
    "AVERAGE": lambda xs: statistics.mean(_numbers(xs)),
    "MEDIAN": lambda xs: statistics.median(_numbers(xs)),
    "ROWS": len,
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

    def span(a: str, b: str) -> list[Any]:
        (ca, ra), (cb, rb) = _CELL.fullmatch(a).groups(), _CELL.fullmatch(b).groups()
        return [
            value(f"{get_column_letter(c)}{r}")
            for r in range(int(ra), int(rb) + 1)
            for c in range(column_index_from_string(ca), column_index_from_string(cb) + 1)
        ]

    def run(formula: str) -> Any:
        expr = re.sub(rf"({_CELL.pattern}):({_CELL.pattern})",
                      lambda m: f'span("{m.group(1)}", "{m.group(4)}")', formula)  # fmt: skip
        expr = re.sub(rf'(?<![\w"$]){_CELL.pattern}(?![\w"])',
                      lambda m: f'(value("{m.group(0)}") or 0)', expr)  # fmt: skip
        return eval(expr, {"__builtins__": {}, **_FUNCTIONS, "span": span, "value": value})

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
