"""The collision pass: a removed label a reader would look for is said, not dropped
silently; other labels go without a word."""

from __future__ import annotations

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from deckgen.render.chartkit import leaving_out
from deckgen.render.labels import mark, remove_collisions


def test_a_removed_label_with_a_missed_note_is_reported_through_left_out():
    fig = Figure(figsize=(4, 2), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    mark(ax.text(0.5, 0.5, "kept first"), 1)
    mark(ax.text(0.5, 0.5, "2.2M"), 10, missed="the value of Nov is not written")
    mark(ax.text(0.5, 0.5, "a minor note"), 20)
    mark(ax.text(0.1, 0.1, "clear"), 30, missed="never said: it stays")
    with leaving_out() as left:
        removed = remove_collisions(fig)
    assert removed == ["2.2M", "a minor note"]
    assert left == ["the value of Nov is not written"]
