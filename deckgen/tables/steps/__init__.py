"""The data steps of a derived table: one class each, registered here (see ``_base.py``
for the contract).

A derived table under ``data:`` is ``{from: NAME, steps: [...]}``; each step is a mapping
with one key, a name from :data:`STEPS`. To add a step, write its class in the module of
its concern and add it to :data:`STEPS`.
"""

from __future__ import annotations

from deckgen.tables.steps._base import At, Step
from deckgen.tables.steps.combine import Join
from deckgen.tables.steps.compute import Compute
from deckgen.tables.steps.reshape import Group, Pivot, Split, Unpivot
from deckgen.tables.steps.subset import Filter, Rename, Sort, Top
from deckgen.tables.steps.window import Change, Index, PctChange, Rank, Rolling, Share

#: The registry: every step by its name in the outline, in the order the docs list them.
STEPS: dict[str, type[Step]] = {
    step.key: step
    for step in (
        Filter, Sort, Top, Rename, Compute, Join, Pivot, Unpivot, Split, Group,
        Change, PctChange, Share, Rank, Index, Rolling,
    )
}  # fmt: skip

__all__ = ["STEPS", "At", "Step"]
