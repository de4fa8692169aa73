"""Settings that hold for one block of a build: the deck's number marks, date locale and
chart words, the chart data remembered while it plans, what one picture shortens or leaves
out. Context variables, not arguments: every place a number, date or word is written reads
the one setting (a German deck wrote ``49.5%`` on its charts beside ``49,5 %`` in its
titles, found by fuzzing); and a worker drawing two pictures keeps them apart."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from collections.abc import Iterator
    from contextvars import ContextVar

T = TypeVar("T")


@contextlib.contextmanager
def scoped(var: ContextVar[T], value: T) -> Iterator[T]:
    """Set ``var`` to ``value`` for this block (and give ``value`` back), whatever the
    block raises."""
    token = var.set(value)
    try:
        yield value
    finally:
        var.reset(token)
