"""One bisection for every placement, size or colour searched by a yes-or-no test that
turns once: how far a leader runs, how light a map class is, how far a colour moves to
read, the largest size a card's text takes, the narrowest column a source line fits."""

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


def largest(low: int, high: int, ok: Callable[[int], bool]) -> int | None:
    """The largest whole number in ``low``..``high`` for which ``ok`` holds (``ok`` true up
    to some value and false above it), or ``None`` where it holds for none."""
    if high < low or not ok(low):
        return None
    while low < high:
        middle = (low + high + 1) // 2
        low, high = (middle, high) if ok(middle) else (low, middle - 1)
    return low


def least(low: int, high: int, enough: Callable[[int], bool]) -> int | None:
    """The least whole number in ``low``..``high`` for which ``enough`` holds (false below
    some value and true from it on), or ``None`` where it holds for none."""
    if high < low or not enough(high):
        return None
    while low < high:
        middle = (low + high) // 2
        low, high = (low, middle) if enough(middle) else (middle + 1, high)
    return low
