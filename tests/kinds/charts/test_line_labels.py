"""A line chart's end labels on a short, wide card: the highlighted series' label always
stands, the others whenever there is room, a connector never without its label, and the
axes' tick labels clear of one another."""

from __future__ import annotations

from contextlib import contextmanager
from itertools import pairwise

import pytest
from matplotlib.patches import ConnectionPatch

from deckgen.layout.units import Inches
from deckgen.render.jobs import Canvas
from deckgen.render.labels import labels, remove_collisions
from deckgen.render.style import chart_style
from tests.kinds.charts.jobs import THEMES, job

#: A chart on an x-post card (1600 x 900): short and wide, with card-sized text.
X_POST = Canvas(Inches(5.35), Inches(4.15), dpi=100, scale=1.68)
#: As wide again: the years all fit under the plot.
WIDE = Canvas(Inches(8.0), Inches(4.15), dpi=100, scale=1.68)
#: A strip of a card: no height for more than a few labels.
STRIP = Canvas(Inches(8.0), Inches(2.4), dpi=100, scale=1.68)
YEARS = ["2020", "2021", "2022", "2023"]
#: Money raised by region, with the story series (the smallest) ending lowest.
RAISED = {
    "North": [412_000.0, 456_000.0, 498_000.0, 530_500.0],
    "South": [610_000.0, 588_000.0, 640_250.0, 702_000.0],
    "East": [298_000.0, 331_000.0, 365_500.0, 420_000.0],
    "West": [350_000.0, 372_000.0, 360_000.0, 389_750.0],
    "Scotland": [205_000.0, 228_000.0, 251_000.0, 310_000.0],
}


@contextmanager
def _drawn(chart_job):
    """The figure as the chart job lays it out, the collision pass left to run here: its
    labels before the pass, what the pass removed, and the figure, drawn (measure it
    inside: the ticks are those of the theme's sizes)."""
    with chart_style(chart_job.theme, chart_job.canvas):
        fig = chart_job.figure(collisions=False)
        before = [t.get_text() for t in labels(fig)]
        removed = remove_collisions(fig)
        fig.canvas.draw()
        yield before, removed, fig


def _names(fig) -> list[str]:
    """The series each kept end label names (its first word)."""
    return [t.get_text().split()[0] for t in labels(fig)]


def _leaders_reach_labels(fig) -> None:
    """Every connector ends just left of a kept label, each label with one at most."""
    renderer = fig.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in labels(fig)]
    reached = []
    for patch in fig.axes[0].patches:
        if not isinstance(patch, ConnectionPatch):
            continue
        path = patch.get_path()
        x, y = patch.get_transform().transform(path.vertices)[-1]
        near = [k for k, b in enumerate(boxes) if b.x0 - 6 <= x <= b.x0 + 1 and b.y0 <= y <= b.y1]
        assert near, f"a connector ends at ({x:.0f}, {y:.0f}) with no label there"
        reached.extend(near)
    assert len(reached) == len(set(reached))


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("canvas", [X_POST, WIDE], ids=["x-post", "wide"])
def test_on_a_short_card_every_end_label_stands_the_highlight_first(theme, canvas) -> None:
    """Five two-line labels would not stand in the plot's height: they wrap less, so all
    five are placed within it and the collision pass has nothing to remove (it removed
    the highlighted 'Scotland' with two others, their connectors left behind)."""
    chart_job = job("line", YEARS, RAISED, theme=theme, canvas=canvas, format="compact:0",
                    highlight=["Scotland"])  # fmt: skip
    with _drawn(chart_job) as (before, removed, fig):
        assert removed == []
        assert sorted(_names(fig)) == sorted(RAISED)
        assert _names(fig)[0] == "Scotland"  # the most important label
        assert any(t.startswith("Scotland") and t.endswith("310K") for t in before)
        _leaders_reach_labels(fig)
        # Within the plot's height, so the layout left the lines under their labels.
        renderer = fig.canvas.get_renderer()
        plot = fig.axes[0].get_window_extent(renderer)
        for text in labels(fig):
            box = text.get_window_extent(renderer)
            assert plot.y0 - 0.5 <= box.y0 and box.y1 <= plot.y1 + 0.5


def test_with_room_for_only_some_labels_the_highlight_stays_and_no_connector_is_orphaned():
    """Twelve series on a strip: the labels that cannot stand are left out before any is
    placed (never the highlighted one, which is the last series here), so the collision
    pass removes none and every connector drawn reaches its label."""
    series = {f"Region {k}": [100.0 + k, 110.0 + k, 120.0 + 2 * k, 130.0 + 3 * k]
              for k in range(12)}  # fmt: skip
    chart_job = job("line", YEARS, series, canvas=STRIP, format="plain:0",
                    highlight=["Region 11"])  # fmt: skip
    with _drawn(chart_job) as (before, removed, fig):
        assert removed == []
        names = [t.get_text() for t in labels(fig)]
        assert names[0].startswith("Region 11") and "163" in names[0]
        assert 1 < len(names) < 12
        assert before == names
        _leaders_reach_labels(fig)


def test_a_connector_goes_with_a_label_the_collision_pass_removes() -> None:
    """A label that still has to go (here: moved onto the highlighted one by hand) takes
    its connector with it."""
    chart_job = job("line", YEARS, RAISED, canvas=X_POST, format="compact:0",
                    highlight=["Scotland"])  # fmt: skip
    with chart_style(chart_job.theme, chart_job.canvas):
        fig = chart_job.figure(collisions=False)
        ax = fig.axes[0]
        moved = [t for t in labels(fig) if abs(t.xyann[1]) > 1.5]  # those with a connector
        assert moved
        victim = next(t for t in reversed(moved) if not t.get_text().startswith("Scotland"))
        renderer = fig.canvas.get_renderer()
        story = labels(fig)[0].get_window_extent(renderer)
        box = victim.get_window_extent(renderer)
        up = (story.y0 + story.y1 - box.y0 - box.y1) / 2 * 72 / fig.dpi
        victim.xyann = (victim.xyann[0], victim.xyann[1] + up)
        count = sum(isinstance(p, ConnectionPatch) for p in ax.patches)
        assert remove_collisions(fig) == [victim.get_text()]
        assert sum(isinstance(p, ConnectionPatch) for p in ax.patches) == count - 1
        fig.canvas.draw()
        _leaders_reach_labels(fig)


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("canvas", [X_POST, WIDE], ids=["x-post", "wide"])
def test_the_first_year_hangs_clear_of_the_value_axis_zero(theme, canvas) -> None:
    """The '2020' under the plot's left corner touched the '0' beside it on a card."""
    chart_job = job("line", YEARS, RAISED, theme=theme, canvas=canvas, format="compact:0",
                    highlight=["Scotland"])  # fmt: skip
    with _drawn(chart_job) as (_, _, fig):
        renderer = fig.canvas.get_renderer()
        ax = fig.axes[0]
        names = [t for t in ax.get_xticklabels() if t.get_visible() and t.get_text()]
        values = [t for t in ax.get_yticklabels() if t.get_visible() and t.get_text()]
        boxes = [t.get_window_extent(renderer) for t in names + values]
        shown = [t.get_text() for t in names]
    for k, a in enumerate(boxes):
        for b in boxes[k + 1 :]:
            assert not a.padded(2).overlaps(b), "two tick labels touch"
    for a, b in pairwise(boxes[: len(names)]):
        assert b.x0 - a.x1 >= 4
    if canvas is WIDE:
        assert shown == YEARS
