"""The chart types: one module each, registered here (see ``_base.py`` for the contract).

To add a chart type, write its module and add its class to :data:`CHARTS`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from deckgen.kinds.charts import (
    arrow,
    bar,
    donut,
    dot,
    grouped,
    hbar,
    line,
    map,
    scatter,
    stacked,
    waterfall,
)
from deckgen.kinds.charts._base import ChartKind
from deckgen.kinds.charts.range import Range  # by class: the module's name is a builtin's
from deckgen.outline.schema import kinds_union

#: The registry: every chart type, in the order the docs list them.
CHARTS: tuple[type[ChartKind], ...] = (
    bar.Bar, hbar.HBar, grouped.GroupedBar, stacked.StackedBar, line.Line, donut.Donut,
    scatter.Scatter,
    dot.Dot, Range, arrow.Arrow,
    waterfall.Waterfall,
    map.Map,
)  # fmt: skip
CHART_TYPES: tuple[str, ...] = tuple(c.model_fields["type"].annotation.__args__[0] for c in CHARTS)  # type: ignore[union-attr]

if TYPE_CHECKING:
    AnyChart = ChartKind
else:
    AnyChart = kinds_union(CHARTS, "type", "chart type")


def chart(**fields: Any) -> ChartKind:
    """A chart spec of the type ``fields["type"]`` names, validated as the outline is."""
    from pydantic import TypeAdapter

    spec: ChartKind = TypeAdapter(AnyChart).validate_python(fields)
    return spec


__all__ = ["CHARTS", "CHART_TYPES", "AnyChart", "ChartKind", "chart"]
