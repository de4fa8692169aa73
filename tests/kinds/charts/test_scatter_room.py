"""Scatter and bubble charts with little room or far-apart sizes, on data written for the
test: the native chart's axes as the picture's, bubbles never too small to see, a size
key that leaves the plot to the data, and every name drawn or warned about."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn

from deckgen.kinds.charts import chart
from deckgen.kinds.charts._scatter_labels import Box, Disc, Label, place
from deckgen.kinds.charts.scatter import DOT
from deckgen.layout.units import Inches
from deckgen.pipeline import BuildOptions, build
from deckgen.render.chartkit import leaving_out
from deckgen.render.charts import ChartJob
from deckgen.render.jobs import Canvas
from deckgen.render.labels import labels as marked_labels
from deckgen.render.style import chart_style
from deckgen.tables.select import ChartData, Series
from tests.helpers import load_theme, write_project
from tests.kinds.charts.test_scatter import point_name

if TYPE_CHECKING:
    from pathlib import Path

#: Six harbours (made up): cargo (never negative), change in traffic (down to -88%), and
#: ships a year, from 9 to 1.5 million.
HARBOURS = ChartData(
    ("Kestrel Bay", "Morrow Quay", "Fennick", "Old Salt Point", "Harrowgate", "Tull"),
    (
        Series("Cargo", (3.5, 190.0, 450.0, 1200.0, 2900.0, 3850.0)),
        Series("Traffic change", (112.0, -88.0, 57.0, 4.0, -9.0, 26.0)),
        Series("Ships", (9.0, 40.0, 2_600.0, 1_500_000.0, 90_000.0, 12_000.0)),
    ),
)
SLIDE = Canvas(Inches(12.33), Inches(4.9), dpi=100)
#: A social card's chart box: short and wide, its text scaled up; and a little taller.
CARD = Canvas(Inches(4.1), Inches(2.5), dpi=144, scale=1.29)
SHORT = Canvas(Inches(6), Inches(3), dpi=144, scale=1.2)


def _bubbles(canvas: Canvas, **fields: object) -> ChartJob:
    spec = chart(type="scatter", data="d", x="cargo", y="change", size="ships", name="harbour",
                 format="percent:0", x_format="plain:0", size_format="compact:0",
                 **fields)  # fmt: skip
    return ChartJob(spec, HARBOURS, load_theme("corporate"), canvas, title="Small ports grow")


# --------------------------------------------------------------------------- native axes
CSV = "harbour,cargo,change\n" + "".join(
    f"{n},{x:g},{y:g}\n"
    for n, x, y in zip(HARBOURS.categories, *(s.values for s in HARBOURS.series[:2]), strict=False)
)


def _axes(tmp: Path) -> list:
    text = (
        "deck: {title: Ports}\ndata: {ports: {file: ports.csv}}\nslides:\n"
        "  - kind: chart\n    title: Small ports grow\n"
        "    chart: {type: scatter, data: ports, x: cargo, y: change, name: harbour, "
        'format: "percent:0", x_format: "plain:0", highlight: Fennick, native: true}\n'
    )
    path = write_project(tmp, text, {"ports.csv": CSV})
    deck = build(path, BuildOptions(theme="corporate", out_dir=tmp / "out")).deck
    (frame,) = [s for s in Presentation(str(deck)).slides[0].shapes if s.has_chart]
    return frame.chart._chartSpace.findall(f".//{qn('c:valAx')}")


def _val(axis, path: str) -> str | None:
    found = axis.find(path)
    return None if found is None else found.get("val")


def test_a_native_scatter_keeps_the_pictures_bounds_and_its_tick_labels_at_the_edge(tmp_path):
    """Rounded out to a tick, the native axes ran from -2,000 under cargo that is never
    negative and from -150% under data down to -95%; the tick labels crossed the plot at
    zero, where '0%' ran into '0' and a point's name (found by review)."""
    x_axis, y_axis = _axes(tmp_path)
    bounds = {}
    for name, axis in (("x", x_axis), ("y", y_axis)):
        lo = float(_val(axis, f"{qn('c:scaling')}/{qn('c:min')}"))
        hi = float(_val(axis, f"{qn('c:scaling')}/{qn('c:max')}"))
        step = float(_val(axis, qn("c:majorUnit")))
        assert (lo / step) == round(lo / step) and (hi / step) == round(hi / step), name
        assert _val(axis, qn("c:tickLblPos")) == "low", name
        bounds[name] = (lo, hi, step)
    (x_lo, x_hi, _), (y_lo, y_hi, y_step) = bounds["x"], bounds["y"]
    assert x_lo == 0 and 3850 < x_hi <= 4000
    assert -100 <= y_lo <= -88 and 112 < y_hi <= 112 + y_step
    # The x axis's line is the zero baseline of values on both sides of it; x has none.
    x_line = x_axis.find(f"{qn('c:spPr')}/{qn('a:ln')}")
    y_line = y_axis.find(f"{qn('c:spPr')}/{qn('a:ln')}")
    assert x_line.find(qn("a:noFill")) is None and x_line.find(qn("a:solidFill")) is not None
    assert y_line.find(qn("a:noFill")) is not None


# --------------------------------------------------------------------------- bubbles
def test_every_bubble_is_at_least_a_dot_and_the_alt_text_says_which_are_drawn_larger():
    """9 and 40 ships beside 1.5 million drew no mark: their names floated over empty
    plot, and a highlighted one was a 2 px dot (found by review)."""
    job = _bubbles(SLIDE, highlight="Kestrel Bay", labels="all")
    theme = job.theme.theme
    dot = DOT * theme.chart.line_width * job.canvas.scale
    with chart_style(job.theme, job.canvas):
        fig = job.figure()
        areas = list(fig.axes[0].collections[0].get_sizes())  # the data's bubbles, in pt²
    assert min(areas) >= dot**2 * (1 - 1e-9)
    # Above the smallest size areas stay proportional: 1.5 million is 16.67 x 90,000.
    by_area = sorted(areas)
    assert by_area[-1] / by_area[-2] == pytest.approx(1_500_000 / 90_000)
    alt = job.alt()
    assert "Drawn at the smallest bubble size, larger than their values, so they can be " in alt
    small = alt.split("so they can be seen: ")[1].split(".")[0]
    assert {"Kestrel Bay", "Morrow Quay"} <= set(small.split(", "))
    assert "Old Salt Point" not in small


def _key_and_limits(job: ChartJob) -> tuple[str, tuple[float, float], list[str]]:
    """Where the size key is ('inside', 'above' or 'none'), the y limits and the notes
    for the build's warning."""
    with leaving_out() as notes, chart_style(job.theme, job.canvas):
        fig = job.figure()
        ax = fig.axes[0]
        fig.canvas.draw()
        keys = [t for t in ax.texts if t.get_text().startswith("Bubble area")]
        top = ax.get_window_extent().y1
        above = keys and keys[0].get_window_extent(fig.canvas.get_renderer()).y0 >= top
        where = "none" if not keys else "above" if above else "inside"
        return where, ax.get_ylim(), list(notes)


def test_a_size_key_with_no_room_in_the_plot_goes_above_it_and_the_data_keeps_the_plot():
    """On a card's short plot the key took the top 60% and the y axis ran to 500% for data
    peaking at 120%, every point on one line (found by review)."""
    where, (lo, hi), notes = _key_and_limits(_bubbles(SHORT, highlight="Fennick", labels="all"))
    assert where == "above"
    assert not any("size key" in n for n in notes)
    # The highest point is in the upper half of the plot, not pressed to the bottom.
    assert (112 - lo) / (hi - lo) > 0.6


def test_a_size_key_with_no_room_above_the_plot_either_is_left_out_with_a_warning():
    where, (lo, hi), notes = _key_and_limits(_bubbles(CARD, highlight="Fennick", labels="all"))
    assert where == "none"
    (note,) = [n for n in notes if "size key" in n]
    assert note.startswith("the bubble size key ('Bubble area: Ships') is left out")
    assert (112 - lo) / (hi - lo) > 0.6


def test_names_asked_for_that_find_no_room_are_warned_about_and_the_highlight_comes_first():
    """A card dropped all nine names of 'labels: all', the highlighted one's too, with no
    word from the build (found by review)."""
    job = _bubbles(CARD, highlight="Fennick", labels="all")
    with leaving_out() as notes, chart_style(job.theme, job.canvas):
        fig = job.figure()
        shown = {point_name(t.get_text(), ["Fennick"]) for t in marked_labels(fig)}
    missing = [n for n in HARBOURS.categories if n not in shown]
    assert missing, "the card is meant to be too small for every name"
    (note,) = [n for n in notes if "left out for lack of room" in n]
    assert all(name in note for name in missing)
    assert not any(name in note for name in shown)
    # The same names are in the alt text.
    assert all(name in job.alt().split("for lack of room: ")[1] for name in missing)


def test_names_auto_adds_that_find_no_room_are_warned_about_too():
    """Only the names asked for by name were warned about; those 'auto' adds went without
    a word (found by review: two ports of a sample slide had no name)."""
    job = _bubbles(CARD, highlight="Fennick")
    with leaving_out() as notes, chart_style(job.theme, job.canvas):
        fig = job.figure()
        shown = {point_name(t.get_text(), ["Fennick"]) for t in marked_labels(fig)}
    assert "Fennick" in shown
    missing = [n for n in HARBOURS.categories if n not in shown]
    assert missing, "the card is meant to be too small for every name"
    (note,) = [n for n in notes if "left out for lack of room" in n]
    assert note.startswith(f"{len(missing)} point names left out")
    assert all(name in note for name in missing)
    assert not any(name in note for name in shown)
    with leaving_out() as notes, chart_style(job.theme, job.canvas):
        _bubbles(SLIDE, highlight="Fennick").figure()  # room for every name: no word
    assert notes == []


def test_labels_that_fit_beside_their_points_are_placed_before_any_takes_a_leader():
    """Placed in order, a label moved out on a leader took the one spot beside another
    point, which then went out on a leader too (or was left out)."""
    discs = [Disc(60, 100, 3), Disc(200, 127, 3), Disc(200, 155, 3), Disc(200, 99, 3),
             Disc(92, 100, 3), Disc(60, 128, 3), Disc(60, 72, 3)]  # fmt: skip
    labels = [Label(0, 100, 20, True), Label(1, 100, 20, True)]
    frame = Box(0, 0, 300, 200)
    greedy = place(labels, discs, frame, gap=4, pad=3.5)
    assert [s.position for s in greedy if s] == ["leader", "leader"]
    spots = place(labels, discs, frame, gap=4, pad=3.5, leaders_after=0)
    assert [s.position for s in spots if s] == ["leader", "W"]
    assert not spots[0].box.overlaps(spots[1].box, 7)


def test_a_point_the_title_names_is_labelled_after_the_highlight_before_the_largest():
    """A card titled '... automotive is small but doubling' named the large segments and
    left the small point it was about unnamed (review): a point the title names comes
    after the highlight, before the largest, and 'auto' labels it among many."""
    from deckgen.kinds.charts.scatter import points

    names = (*(f"Berth {k}" for k in range(1, 15)), "Quay Seven")
    data = ChartData(
        names,
        (
            Series("Cargo", tuple(float(10 + k) for k in range(15))),
            Series("Growth", tuple([float(k % 5) for k in range(14)] + [98.0])),
        ),
    )
    spec = chart(type="scatter", data="d", x="cargo", y="growth", name="berth",
                 highlight=["Berth 3"])  # fmt: skip
    job = ChartJob(spec, data, load_theme("corporate"), SLIDE,
                   title="Quay Seven is small but doubling")  # fmt: skip
    drawn = points(job.data)
    assert [drawn[i].name for i in spec._wanted(job, drawn)] == ["Berth 3", "Quay Seven"]
    everyone = spec.model_copy(update={"labels": "all"})
    assert [drawn[i].name for i in everyone._wanted(job, drawn)][:3] == [
        "Berth 3",
        "Quay Seven",
        "Berth 5",
    ]  # then by y, largest first: 4.0 at Berth 5
