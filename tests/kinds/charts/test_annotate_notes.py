"""A note pinned to a point of a line (``annotations:``) on a card, where the plot is
small: its text covers no line and no marker, and nothing of another series lies between
it and its point; where no spot is left, it is left out and the build says so."""

from __future__ import annotations

from itertools import pairwise

import pytest

from deckgen.layout.units import Inches
from deckgen.render.chartkit import leaving_out
from deckgen.render.jobs import Canvas
from deckgen.render.style import chart_style
from tests.kinds.charts.jobs import CANVAS, THEMES, figure, job

#: The chart of an ig-square card (1080 x 1080) under a two-line title and a subtitle.
SQUARE = Canvas(Inches(6.6667), Inches(4.2639), dpi=144, scale=8 / 7)
YEARS = ["2014", "2017", "2020", "2023"]
#: Shares of electricity by source, % (made up for these tests): solar dips in 2017,
#: among the small sources, and climbs back past the steady one above it.
SHARES = {
    "Gas": [41.0, 45.5, 36.0, 30.5],
    "Nuclear": [27.5, 28.0, 29.5, 31.0],
    "Solar": [11.5, 1.8, 9.0, 16.5],
    "Hydro": [8.0, 11.0, 11.5, 10.8],
    "Biomass": [3.2, 2.9, 4.0, 5.5],
    "Oil": [2.5, 1.6, 1.2, 0.9],
    "Coal": [1.0, 2.2, 1.8, 1.2],
    "Other": [0.4, 0.3, 0.5, 0.6],
}
#: Solar's dip stands apart from the other lines: room for the note above it.
APART = {**SHARES, "Solar": [21.0, 17.0, 19.0, 16.5]}
NOTE = "Subsidy scheme closed"


def _covered(fig, text) -> list[str]:
    """The lines (or their markers) the note's box, halo and all, is drawn over."""
    ax = fig.axes[0]
    renderer = fig.canvas.get_renderer()
    box = text.get_bbox_patch().get_window_extent(renderer)
    over = []
    for line in ax.lines:
        if line.get_zorder() not in (3, 4):  # the series' lines (context, then story)
            continue
        xy = line.get_transform().transform(line.get_xydata())
        marked = line.get_marker() not in (None, "None", "", " ")
        radius = line.get_markersize() / 2 * fig.dpi / 72 if marked else 0.0
        half = line.get_linewidth() / 2 * fig.dpi / 72  # a thick line's edge, not its centre
        for (x0, y0), (x1, y1) in pairwise(xy):
            for t in (k / 100 for k in range(101)):
                x, y = x0 + (x1 - x0) * t, y0 + (y1 - y0) * t
                if box.x0 - half < x < box.x1 + half and box.y0 - half < y < box.y1 + half:
                    over.append(str(line.get_color()))
                    break
        for x, y in xy if marked else ():  # a marker: a disc round each point
            if box.x0 - radius < x < box.x1 + radius and box.y0 - radius < y < box.y1 + radius:
                over.append(f"marker of {line.get_color()}")
    return over


@pytest.mark.parametrize("theme", THEMES)
def test_a_note_on_a_card_covers_no_line(theme):
    """On an ig-square card a note on the highlighted line's low was set over that line
    where it falls to the low, hiding a stretch of it: every spot near the point crossed a
    line, and the least crossed was taken (found by review)."""
    chart_job = job("line", YEARS, APART, theme=theme, canvas=SQUARE, format="percent:1",
                    highlight=["Gas", "Solar"],
                    annotations=[{"at": "2017", "series": "Solar", "text": NOTE}])  # fmt: skip
    with chart_style(chart_job.theme, chart_job.canvas), leaving_out() as left:
        fig = figure(chart_job)
        [note] = [t for t in fig.axes[0].texts if t.get_text() == NOTE]
        assert note.get_visible()
        assert _covered(fig, note) == []
    assert left == []


@pytest.mark.parametrize("theme", THEMES)
def test_a_note_on_a_point_among_other_markers_is_left_out_and_said(theme):
    """Solar's 2017 low sits among Oil's, Coal's and Biomass's markers, a point or two
    apart: the note stood far above, its tick crossing Hydro's line and ending on
    Biomass's marker, over Solar's (a note a reader takes for another series': found in
    review). No spot reads as Solar's, so the note is left out and the build says which,
    why, and what to do."""
    chart_job = job("line", YEARS, SHARES, theme=theme, canvas=SQUARE, format="percent:1",
                    highlight=["Gas", "Solar"],
                    annotations=[{"at": "2017", "series": "Solar", "text": NOTE}])  # fmt: skip
    with chart_style(chart_job.theme, chart_job.canvas), leaving_out() as left:
        fig = figure(chart_job)
        assert [t for t in fig.axes[0].texts if t.get_text() == NOTE] == []
    assert len(left) == 1
    assert left[0].startswith(f"the note {NOTE!r} at '2017' on 'Solar' is left out: ")
    assert "another series' line or marker between the note and the point" in left[0]
    assert "pin it to a point where 'Solar' stands apart from the other lines" in left[0]


#: Trust in local news by age group, % (made up): 18–29 rises to meet 30–44 in 2024.
TRUST = {
    "65 and over": [60.6, 59.0, 57.2, 55.3],
    "45–64": [52.3, 49.6, 48.0, 45.6],
    "All adults": [48.6, 47.3, 44.6, 43.2],
    "30–44": [44.6, 43.3, 40.6, 39.1],
    "18–29": [37.6, 39.8, 40.6, 42.8],
}


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("canvas", [SQUARE, CANVAS], ids=["card", "slide"])
def test_a_note_on_a_point_another_line_meets_there_is_drawn(theme, canvas):
    """18–29 and 30–44 both at 40.6% in 2024: the highlighted line's marker, larger and on
    top, hides the other's, and the grey line passes through the point. The point is the
    note's own; nothing of 30–44 lies between the note and it (a test of the rule that
    leaves a note among other markers out: it must not leave this one out)."""
    chart_job = job("line", YEARS, TRUST, theme=theme, canvas=canvas, format="percent:0",
                    highlight="18–29",
                    annotations=[{"at": "2020", "series": "18–29", "text": "Campus edition "
                                  "launched"}])  # fmt: skip
    with chart_style(chart_job.theme, chart_job.canvas), leaving_out() as left:
        fig = figure(chart_job)
        [note] = [t for t in fig.axes[0].texts if t.get_text() == "Campus edition launched"]
        assert note.xy == (2.0, 40.6)
        assert _covered(fig, note) == []
    assert left == []


def test_a_note_on_the_picture_is_in_the_alt_text():
    """'New plant opens' beside Q2 2024 was read by a sighted reader and not by a screen
    reader: the alt text said the reference line and not the note (found by fuzzing)."""
    chart_job = job("line", YEARS, APART, format="percent:1", highlight=["Solar"],
                    annotations=[{"at": "2017", "series": "Solar", "text": NOTE}])  # fmt: skip
    assert chart_job.alt().endswith(f"A note on the chart: at 2017 (Solar), {NOTE.rstrip('.')}.")
    plain = job("line", YEARS, APART, format="percent:1")
    assert "on the chart:" not in plain.alt()


#: Jobs by sector, thousands (made up): Mining on top and close under the plot's top, the
#: two others just below it (fuzzing round 8, 19).
MONTHS = ["Jan 2023", "Feb 2023", "Mar 2023", "Apr 2023", "May 2023", "Jun 2023"]
SECTORS = {
    "Mining": [120.0, 121.0, 122.0, 123.0, 124.0, 125.0],
    "Health": [110.0] * 6,
    "Retail": [100.0, 99.0, 98.0, 97.0, 96.0, 95.0],
}


#: The same below zero: Mining the bottom line, close over the plot's bottom.
LOSSES = {name: [-v for v in values] for name, values in SECTORS.items()}


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize(("values", "above"), [(SECTORS, True), (LOSSES, False)])
def test_a_note_on_the_top_or_bottom_line_gets_room_beyond_it(theme, values, above):
    """'Strike' on Mining, the top one of three lines close under the top of the plot,
    had its only spots over the lines below and was set on Health's, which it then read
    as. The axis takes room above the top line for it (below the bottom one, for a note
    on that), and it stands there, over no line."""
    note_on = [{"at": "Mar 2023", "series": "Mining", "text": "Strike"}]
    chart_job = job("line", MONTHS, values, theme=theme, highlight="Mining", annotations=note_on)
    with chart_style(chart_job.theme, chart_job.canvas), leaving_out() as left:
        fig = figure(chart_job)
        [note] = [t for t in fig.axes[0].texts if t.get_text() == "Strike"]
        assert note.get_visible()
        assert _covered(fig, note) == []
        point = fig.axes[0].transData.transform((2.0, values["Mining"][2]))[1]
        box = note.get_window_extent(fig.canvas.get_renderer())
        assert box.y0 > point if above else box.y1 < point
    assert left == []
    # A note between the lines gets no room: the axis is as without a note.
    on_health = [{"at": "Mar 2023", "series": "Health", "text": "Strike"}]
    between = job("line", MONTHS, values, theme=theme, annotations=on_health)
    plain = job("line", MONTHS, values, theme=theme)
    with chart_style(between.theme, between.canvas):
        assert figure(between).axes[0].get_ylim() == figure(plain).axes[0].get_ylim()
