"""One bisection for every placement or colour searched by a yes-or-no test that turns
once: how far a leader runs, how light a map class is, how far a colour moves to read."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable


def threshold(enough: Callable[[float], bool], low: float, high: float, steps: int = 30
              ) -> float:  # fmt: skip
    """Where ``enough`` turns true between ``low`` (not enough) and ``high`` (enough), by
    ``steps`` halvings of the span: the least value found enough (``high`` at the most).
    What is searched must move monotonically from not enough to enough."""
    for _ in range(steps):
        middle = (low + high) / 2
        low, high = (low, middle) if enough(middle) else (middle, high)
    return high
