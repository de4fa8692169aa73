"""A chart card's reference line keeps clear of every value label, on every preset: its
dashes neither strike a value nor touch one beside them, and its own label is drawn."""

from __future__ import annotations

from typing import TYPE_CHECKING

from deckgen.plan.cards import plan_cards
from deckgen.tables.sources import load_tables
from tests.helpers import load_outline, load_theme, write_project
from tests.kinds.cards.conftest import FIXED

if TYPE_CHECKING:
    from pathlib import Path

#: Patients seen within four hours by clinic: the board's mean, 92.5%, falls a few points
#: past the last bars' ends, where their values stand beside them.
SEEN_CSV = """\
clinic,within_4h
Eastfield,98.6
Riverside,94.2
Hillcrest,92.8
Moorgate,90.1
St Anne's,86.9
"""
CARD = """\
deck: {{title: Clinics, theme: {theme}, organisation: Northgate Health Board}}
data:
  seen: {{file: seen.csv}}
slides:
  - kind: title
    title: Clinics
social:
  cards:
    - kind: chart
      name: seen
      presets: {presets}
      title: Eastfield sees nearly every patient within four hours
      subtitle: Patients seen within four hours, 2024
      source: Northgate Health Board
      chart: {{type: hbar, data: seen, x: clinic, y: within_4h, sort: {{by: within_4h}},
               format: "percent:1", highlight: Eastfield,
               reference: {{value: mean, label: Board average}}}}
"""
#: How far beside a value's box the line may not show, in points: a line passing a value's
#: box by less than a pixel was drawn whole, its dashes touching the value's first digit.
CLEAR_PT = 1.5


def _touching(job) -> list[tuple[str, int]]:
    """The value labels of ``job``'s picture that its reference line shows within
    :data:`CLEAR_PT` of (beside) or inside of, with how many pixels: the picture drawn as
    it is, against the same picture drawn without the line; and the line's label, if the
    picture does not draw it."""
    import numpy as np

    from deckgen.render.style import chart_style

    with chart_style(job.theme, job.canvas):
        fig = job.figure()
        try:
            fig.canvas.draw()
            renderer = fig.canvas.get_renderer()
            ax = fig.axes[0]
            (line,) = [a for a in ax.get_lines() if a.get_linestyle() == "--"]
            texts = [t for t in ax.texts if t.get_visible() and t.get_text().strip()]
            own = [t for t in texts if t.get_text().startswith("Board average")]
            values = [(t.get_text(), t.get_window_extent(renderer)) for t in texts
                      if t not in own]  # fmt: skip
            with_line = np.asarray(fig.canvas.buffer_rgba()).copy()
            line.set_visible(False)
            fig.canvas.draw()
            without = np.asarray(fig.canvas.buffer_rgba()).copy()
        finally:
            fig.clear()
        height, pad = with_line.shape[0], CLEAR_PT * fig.dpi / 72
    found = [] if own else [("no label", 0)]
    for text, box in values:
        rows = slice(max(int(height - box.y1), 0), int(height - box.y0) + 1)
        columns = slice(max(int(box.x0 - pad), 0), int(box.x1 + pad) + 1)
        shown = int((with_line[rows, columns] != without[rows, columns]).any(axis=2).sum())
        if shown:
            found.append((text, shown))
    return found


def test_a_reference_line_neither_strikes_nor_touches_a_value_on_any_preset(
    tmp_path: Path,
) -> None:
    """The dashed mean of an ig-portrait card passed a pixel beside '90.5%' and was drawn
    whole, its dashes touching the '9' (fuzz-K): the slide's line crossed the value and
    was broken around it, the card's narrower plot set it just beside. On every preset, in
    three themes, the line now shows nowhere in or beside a value, and its label is drawn."""
    found = {}
    for theme in ("corporate", "dark", "contrast"):
        outline = CARD.format(theme=theme, presets=FIXED)
        loaded = load_outline(write_project(tmp_path / theme, outline, {"seen.csv": SEEN_CSV}))
        for card in plan_cards(loaded, load_tables(loaded), load_theme(theme)):
            touching = _touching(card.job.chart.job)
            if touching:
                found[theme, card.preset.name] = touching
    assert not found
