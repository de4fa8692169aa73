"""Area and stacked-area charts on a short, wide card (kinds/charts/_areas.py): the
right-edge labels stand in the plot's height, so the layout keeps the plot and the
collision pass removes none; the highlighted series is always named, the rest where there
is room, and what is left out is named in the build's warning, never silently."""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING, Any

import pytest

from deckgen.kinds.charts._areas import rewrap_inside
from deckgen.layout.units import Inches
from deckgen.pipeline import BuildOptions, build
from deckgen.render.chartkit import leaving_out
from deckgen.render.jobs import Canvas
from deckgen.render.labels import labels, remove_collisions
from deckgen.render.style import chart_style
from tests.helpers import write_project
from tests.kinds.charts.jobs import CANVAS as SLIDE
from tests.kinds.charts.jobs import THEMES, job

if TYPE_CHECKING:
    from pathlib import Path

KINDS = ("area", "stacked-area")
#: The chart of an x-post card (1600 x 900) with the title beside it: card-sized text.
X_POST = Canvas(Inches(5.35), Inches(3.7), dpi=100, scale=1.68)
#: As wide again: room for every name but not every one at full width.
WIDE = Canvas(Inches(9.0), Inches(3.7), dpi=100, scale=1.68)
YEARS = [str(y) for y in range(2016, 2025)]
#: A household budget, pounds a week, written for these tests: six parts with long names,
#: the story ('Housing and utilities') at the bottom of the stack.
BUDGET = {
    "Housing and utilities": [92.0, 95.0, 99.0, 104.0, 108.0, 113.0, 121.0, 128.0, 133.0],
    "Transport": [81.0, 80.0, 83.0, 84.0, 62.0, 70.0, 79.0, 82.0, 84.0],
    "Food and drink": [58.0, 59.0, 61.0, 62.0, 66.0, 67.0, 71.0, 77.0, 79.0],
    "Recreation and culture": [72.0, 74.0, 73.0, 76.0, 55.0, 63.0, 74.0, 76.0, 78.0],
    "Restaurants and hotels": [45.0, 47.0, 48.0, 50.0, 31.0, 38.0, 48.0, 52.0, 54.0],
    "Everything else": [60.0, 61.0, 63.0, 64.0, 60.0, 63.0, 66.0, 69.0, 70.0],
}
STORY = "Housing and utilities"


def _drawn(kind: str, theme: str, canvas: Canvas) -> tuple[list[str], list[str], list[str],
                                                          list[str]]:  # fmt: skip
    """The labels before the collision pass, those it removed, those kept, and what the
    picture says it left out; failing on any warning (the layout's 'constrained_layout
    not applied' reached the user)."""
    chart_job = job(kind, YEARS, BUDGET, theme=theme, canvas=canvas, format="plain:0",
                    highlight=[STORY])  # fmt: skip
    with warnings.catch_warnings(), leaving_out() as left:
        warnings.simplefilter("error")
        with chart_style(chart_job.theme, chart_job.canvas):
            fig = chart_job.figure(collisions=False)
            before = [t.get_text() for t in labels(fig)]
            removed = remove_collisions(fig)
            fig.canvas.draw()
            renderer = fig.canvas.get_renderer()
            plot = fig.axes[0].get_window_extent(renderer)
            assert plot.width > 0.25 * fig.bbox.width and plot.height > 0.4 * fig.bbox.height
            kept = []
            for text in labels(fig):
                box = text.get_window_extent(renderer)
                assert plot.y0 - 0.5 <= box.y0 and box.y1 <= plot.y1 + 0.5, text.get_text()
                kept.append(text.get_text())
    return before, removed, kept, list(left)


def _named(texts: list[str]) -> set[str]:
    """The series a set of labels names (whatever their wrapping)."""
    flat = [" ".join(t.split()) for t in texts]
    return {name for name in BUDGET if any(t.startswith(name) for t in flat)}


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("kind", KINDS)
def test_on_an_x_post_card_the_story_is_named_and_the_rest_said_left_out(kind, theme) -> None:
    """Six labels of two or three lines could not stand in the card's short plot: spread
    past it, they made the layout shrink the plot to nothing, and the collision pass
    removed every one, the highlighted one too, without a word."""
    before, removed, kept, left = _drawn(kind, theme, X_POST)
    assert removed == []
    assert before == kept
    named = _named(kept)
    assert STORY in named
    # The story's name whole: wrapped at its words, not cut to 'Housing and utilit…'.
    assert any(" ".join(t.split()).startswith(f"{STORY} ") for t in kept)
    if stacked := kind == "stacked-area":
        assert any(t.startswith("Total") for t in kept)  # the total outranks the others
    missing = sorted(set(BUDGET) - named, key=list(BUDGET).index)
    assert missing, "the test wants a card too short for every name"
    noun = "band" if stacked else "area"
    assert len(left) == 1
    listed = ", ".join(repr(n) for n in missing)
    assert (f"{len(missing)} {noun}s ({listed}) are not named at the right edge" in left[0]
            if len(missing) > 1 else f"the {noun} of {listed} is not named" in left[0])  # fmt: skip


@pytest.mark.parametrize("kind", KINDS)
def test_with_room_the_names_wrap_less_and_all_stand(kind) -> None:
    """A wider chart of the same height names more series than the x-post one, and leaves
    out only what it says."""
    _, removed, narrow, _ = _drawn(kind, "corporate", X_POST)
    _, removed_wide, wide, left = _drawn(kind, "corporate", WIDE)
    assert removed == removed_wide == []
    assert len(_named(wide)) > len(_named(narrow))
    assert all(name in left[0] for name in set(BUDGET) - _named(wide)) if left else (
        _named(wide) == set(BUDGET))  # fmt: skip


def test_an_x_post_card_of_a_stacked_area_warns_of_the_bands_it_leaves_unnamed(
    tmp_path: Path,
) -> None:
    """The build names what the card leaves out, and no layout warning of matplotlib
    reaches the user (the card used to carry no name at all, and a clean check)."""
    header = "year," + ",".join(BUDGET) + "\n"
    rows = "".join(f"{y}," + ",".join(f"{v[k]:g}" for v in BUDGET.values()) + "\n"
                   for k, y in enumerate(YEARS))  # fmt: skip
    columns = ", ".join(f"'{name}'" for name in BUDGET)
    outline = f"""\
deck: {{title: Budgets, theme: corporate}}
data: {{b: {{file: b.csv}}}}
slides:
  - kind: chart
    title: Housing now takes the largest share of a household's weekly budget
    chart: {{type: stacked-area, data: b, x: year, y: [{columns}], format: 'plain:0',
            highlight: '{STORY}'}}
    share: [x-post]
"""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = build(write_project(tmp_path, outline, {"b.csv": header + rows}),
                       BuildOptions(out_dir=tmp_path / "out"))  # fmt: skip
    said = " ".join(result.warnings)
    assert "not named at the right edge" in said
    assert STORY not in said.split("not named")[0]  # the story is named on the card
    assert not [w for w in caught if "constrained_layout" in str(w.message)]
    assert "constrained_layout" not in said


#: The chart of an x-post card as a card lays it out (1600 x 900, the title beside it).
X_POST_CARD = Canvas(Inches(5.35), Inches(4.6), dpi=100, scale=1.68)
#: Shares of new car sales by fuel type, percent, written for these tests: one band two
#: thirds of the whole at the end, three thin ones under it.
FUELS = {
    "Battery electric": [0.7, 0.9, 1.2, 2.0, 2.6, 4.2, 6.9, 10.4, 12.6, 13.4],
    "Plug-in hybrid": [0.4, 0.6, 0.8, 1.1, 1.0, 2.3, 3.5, 4.6, 5.2, 6.1],
    "Hybrid": [2.6, 2.9, 3.3, 3.8, 4.4, 6.0, 8.1, 9.7, 11.8, 14.5],
    "Petrol and diesel": [96.3, 95.6, 94.7, 93.1, 92.0, 87.5, 81.5, 75.3, 70.4, 66.0],
}
FUEL_YEARS = [str(y) for y in range(2015, 2025)]


def _fuels(canvas: Canvas) -> tuple[dict[str, Any], Any, float, Any]:
    """The fuel shares' labels (text: box in pixels), the plot's box, the chart's width in
    pixels and the plot; nothing removed, nothing left out, no two labels overlapping."""
    chart_job = job("stacked-area", FUEL_YEARS, FUELS, canvas=canvas, format="percent:1",
                    highlight=["Battery electric"])  # fmt: skip
    with leaving_out() as left, chart_style(chart_job.theme, chart_job.canvas):
        fig = chart_job.figure(collisions=False)
        assert remove_collisions(fig) == []
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        plot = fig.axes[0].get_window_extent(renderer)
        boxes = {t.get_text(): t.get_window_extent(renderer) for t in labels(fig)}
    assert list(left) == []
    texts = list(boxes)
    for k, a in enumerate(texts):
        for b in texts[k + 1 :]:
            assert not boxes[a].overlaps(boxes[b]), (a, b)
    named = {name for name in FUELS if any(" ".join(t.split()).startswith(name) for t in boxes)}
    assert named == set(FUELS)
    return boxes, plot, fig.bbox.width, fig.axes[0]


def test_on_an_x_post_card_a_band_that_holds_its_label_carries_it_and_the_plot_widens() -> None:
    """Beside the plot, the four labels of car sales by fuel took the widest room but one
    and the plot kept 39% of the chart's width, ticked 2019 and 2024 alone; 'Petrol and
    diesel', a band two thirds of the plot tall, now carries its label inside, at the
    right edge, and the plot keeps over half the width."""
    boxes, plot, wide, _ = _fuels(X_POST_CARD)
    assert plot.width > 0.5 * wide
    inside = [t for t, box in boxes.items() if box.x1 <= plot.x1]
    assert [" ".join(t.split()) for t in inside] == ["Petrol and diesel 66.0%"]
    box = boxes[inside[0]]
    assert plot.x1 - box.x1 < 0.1 * plot.width and box.y0 >= plot.y0  # at the right edge


def test_a_label_inside_its_band_is_set_for_the_plot_as_laid_out_at_last() -> None:
    """Placed while the plot was at its narrowest, 'Petrol and diesel 66.0%' took four
    lines of a word each in a band over half the card wide; set again for the plot's
    final width, it takes two, still inside its band at the right edge."""
    boxes, plot, _, _ = _fuels(X_POST_CARD)
    [(text, box)] = [(t, b) for t, b in boxes.items() if b.x1 <= plot.x1]
    assert text.count("\n") == 1, text
    assert box.x0 > plot.x0 and box.y0 >= plot.y0 and box.y1 <= plot.y1
    assert plot.x1 - box.x1 < 0.1 * plot.width


def test_on_a_slide_every_band_is_named_beside_the_plot() -> None:
    """Where the labels stand beside the plot, none goes inside (slides are as before)."""
    boxes, plot, _, _ = _fuels(SLIDE)
    assert all(box.x0 > plot.x1 for box in boxes.values())


#: The chart of an og card (1200 x 630, the commonest link preview) as a card lays it out:
#: the title beside it, shorter and narrower than an x-post card's.
OG_CARD = Canvas(Inches(4.01), Inches(2.8), dpi=100, scale=1.29)


def test_on_an_og_card_the_band_is_tested_at_the_width_the_plot_keeps() -> None:
    """Tested against a plot narrowed by the widest label column there could be, 'Petrol
    and diesel 66.0%' took four lines, 2 pt too tall for a band two thirds of the plot
    tall, and the biggest band went unnamed; beside the labels that stay there, the plot
    is wider, and its band carries it, inside the plot and the band, every band named."""
    boxes, plot, _, ax = _fuels(OG_CARD)
    [(text, box)] = [(t, b) for t, b in boxes.items() if b.x1 <= plot.x1]
    assert " ".join(text.split()) == "Petrol and diesel 66.0%"
    assert box.x0 > plot.x0 and box.y1 <= plot.y1
    assert plot.x1 - box.x1 < 0.1 * plot.width
    # Above the band's floor where it is highest under the label: the right edge, 34.0%.
    floor = ax.transData.transform((len(FUEL_YEARS) - 1, 34.0))[1]
    assert box.y0 > floor


def test_a_label_its_band_no_longer_holds_once_laid_out_goes_and_its_band_is_named() -> None:
    """Should the plot come out smaller than the label inside its band was placed for, the
    label is set again for it, and where the band holds it on no lines at all, it goes
    and the build names the band: never a label across its band's edge."""
    chart_job = job("stacked-area", FUEL_YEARS, FUELS, canvas=OG_CARD, format="percent:1",
                    highlight=["Battery electric"])  # fmt: skip
    with leaving_out() as left, chart_style(chart_job.theme, chart_job.canvas):
        fig = chart_job.figure(collisions=False)
        ax = fig.axes[0]
        [label] = [t for t in labels(fig) if t.get_horizontalalignment() == "right"]
        assert " ".join(label.get_text().split()) == "Petrol and diesel 66.0%"
        # The plot half as tall as laid out: its band too short for the label on any lines.
        fig.set_layout_engine("none")
        box = ax.get_position()
        ax.set_position((box.x0, box.y0, box.width, 0.5 * box.height))
        rewrap_inside(ax, chart_job)
        assert label not in labels(fig)
    assert [note for note in left if "'Petrol and diesel' is not named" in note]
