"""Chart helpers: labels placed by a chart are drawn, never dropped by matplotlib."""

from __future__ import annotations

import pytest
from matplotlib.text import Annotation

from tests.kinds.charts.jobs import figure, job

CATEGORIES = ["North", "South", "East", "West"]
TWO = {"2022": [3.0, 5.0, 2.0, 4.0], "2023": [4.0, 6.0, 1.0, 5.0]}
ONE = {"units": [3.0, 5.0, 2.0, 4.0]}


NOTE = {"annotations": [{"at": "South", "text": "The most"}]}


@pytest.mark.parametrize(
    ("kind", "series", "fields"),
    [("bar", ONE, NOTE), ("hbar", ONE, NOTE), ("grouped-bar", TWO, {}), ("line", TWO, {}),
     ("donut", ONE, {}), ("stacked-bar", TWO, {}), ("arrow", TWO, {}), ("dot", TWO, {})],
)  # fmt: skip
def test_every_label_a_chart_places_is_drawn_wherever_its_anchor_is(kind, series, fields):
    # matplotlib skips a data-anchored annotation outside the axes unless told not to
    # (and tests for it on every measurement); deckgen's labels are never dropped so.
    labels = figure(job(kind, CATEGORIES, series, **fields)).findobj(Annotation)
    assert labels, f"{kind}: no labels to check"
    assert all(label.get_annotation_clip() is False for label in labels)
