"""What a native (PowerPoint) chart cannot draw, for the planner: no python-pptx here, so
planning stays light and a refusal is known before anything is rendered."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from deckgen.outline.schema import ChartSpec


def unsupported(spec: ChartSpec) -> str | None:
    """Why ``spec`` cannot be drawn as a native chart, or ``None`` if it can.

    Every chart type has a native form; two options do not: annotations (a PowerPoint
    chart has no free note pinned to a point) and a reference line on ``hbar`` (a line
    overlay runs only along a horizontal category axis, so it cannot cross horizontal bars).
    """
    if spec.annotations:
        return (
            "native charts do not draw annotations (a PowerPoint chart has no note pinned "
            "to a data point)"
        )
    if spec.type == "hbar" and spec.reference is not None:
        return (
            "a native hbar chart cannot draw a reference line (PowerPoint overlays lines "
            "only along a horizontal category axis)"
        )
    return None
