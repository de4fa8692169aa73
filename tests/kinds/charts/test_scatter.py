"""Scatter and bubble charts on data written for the test: built in every shipped theme and
re-opened, the alt text and notes from the data, the native XY and bubble charts holding
exactly the data, labels that never touch one another or a point, and the checks."""

from __future__ import annotations

import math
import random
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pptx import Presentation
from pptx.oxml.ns import qn

from deckgen.errors import DataError, DeckgenError, Location
from deckgen.kinds.charts import chart
from deckgen.kinds.charts._scatter_labels import Box, Disc, Label, beside, place, segment_hits
from deckgen.kinds.charts.scatter import axis_limits, fit, nice_below, nice_step, points
from deckgen.layout.units import Inches
from deckgen.pipeline import BuildOptions, build
from deckgen.render.charts import ChartJob
from deckgen.render.jobs import Canvas
from deckgen.render.labels import labels as marked_labels
from deckgen.render.style import chart_style
from deckgen.tables.select import ChartData, Series
from tests.helpers import load_theme, write_project

if TYPE_CHECKING:
    from matplotlib.figure import Figure

REPO = Path(__file__).resolve().parents[3]
THEMES = sorted(p.name for p in (REPO / "themes").iterdir() if (p / "theme.yaml").exists())


def point_name(text: str, highlight: list[str]) -> str:
    """The point a label names: its lines as one, less the value line under a highlighted
    point's name."""
    *name, last = text.split("\n")
    return " ".join(name) if name and " ".join(name) in highlight else " ".join([*name, last])


#: Eight cities (made up): commute, rent, population (Eastfield's is missing).
CITIES_CSV = """city,commute_min,rent_usd,population_k,region
Northport,24.5,1450,820,North
Riverside Junction,31.0,1720,1250,South
Lakeview,18.2,1180,310,North
Old Harbour Town,27.4,1610,640,West
Cedar Falls,22.1,1290,205,West
Mount Pleasant Heights,35.8,2010,1980,South
Westbrook,29.3,1540,760,North
Eastfield,20.6,1330,-,East
"""
CITIES = {
    row.split(",")[0]: tuple(None if v == "-" else float(v) for v in row.split(",")[1:4])
    for row in CITIES_CSV.splitlines()[1:]
}
COMMON = """data: cities, x: commute_min, y: rent_usd, name: city, format: "$plain:0",
            x_format: "plain:1", series_labels: {commute_min: Commute in minutes,
            rent_usd: Monthly rent, city: city}"""
SLIDES = f"""\
deck: {{title: Cities}}
data:
  cities: {{file: cities.csv}}
slides:
  - kind: chart
    title: Rent climbs with the commute
    chart: {{type: scatter, {COMMON}, highlight: Lakeview, NATIVE}}
  - kind: chart
    title: The biggest cities cost the most
    chart: {{type: scatter, {COMMON}, size: population_k, size_format: "plain:0",
            highlight: [Mount Pleasant Heights, Cedar Falls], NATIVE}}
  - kind: chart
    title: Every extra minute costs rent
    chart: {{type: scatter, {COMMON}, trend: linear, labels: all, NATIVE}}
"""


def _deck(tmp: Path, theme: str, native: bool) -> Presentation:
    text = SLIDES.replace(", NATIVE", ", native: true" if native else "")
    path = write_project(tmp, text, {"cities.csv": CITIES_CSV})
    result = build(path, BuildOptions(theme=theme, out_dir=tmp / "out"))
    assert result.pictures == (0 if native else 3)
    return result.deck


def _descr(shape) -> str:
    return shape._element.xpath("./*[1]/p:cNvPr")[0].get("descr") or ""


def _slides(deck: Path) -> list[tuple[object, str]]:
    """Each slide's chart shape (picture or chart) and the slide's notes."""
    prs = Presentation(str(deck))
    out = []
    for slide in prs.slides:
        # A picture (in a placeholder on a template theme) or a chart, by its alt text.
        (shape,) = [
            s
            for s in slide.shapes
            if s.has_chart or _descr(s).startswith(("Scatter chart", "Bubble chart"))
        ]
        out.append((shape, slide.notes_slide.notes_text_frame.text))
    return out


@pytest.fixture(scope="module", params=THEMES)
def pictures(request, tmp_path_factory) -> list[tuple[object, str]]:
    return _slides(_deck(tmp_path_factory.mktemp(f"scatter-{request.param}"), request.param,
                         native=False))  # fmt: skip


def test_the_shipped_themes_are_all_tested():
    assert {"corporate", "dark", "contrast"} <= set(THEMES)


def test_each_chart_is_a_picture_whose_alt_text_names_the_count_and_the_highest_point(pictures):
    (scatter, notes), _, _ = pictures
    alt = _descr(scatter)
    assert alt.startswith(
        "Scatter chart of monthly rent against commute in minutes for 8 cities: "
        "Rent climbs with the commute."
    )
    assert "Highest monthly rent: Mount Pleasant Heights ($2,010); lowest: Lakeview ($1,180)" in alt
    assert "Highest commute in minutes: Mount Pleasant Heights (35.8)" in alt
    assert "Lakeview 18.2, $1,180" in alt  # every point's values, with eight points
    assert notes == alt  # a chart slide's notes speak the numbers


def test_a_bubble_chart_says_so_and_leaves_out_the_row_without_a_size(pictures):
    _, (bubble, _), _ = pictures
    alt = _descr(bubble)
    assert alt.startswith("Bubble chart of monthly rent against commute in minutes for 7 cities")
    assert "Largest population_k: Mount Pleasant Heights (1,980)" in alt
    assert "1 row without every value not shown" in alt
    assert "Eastfield" not in alt


def test_the_trend_is_stated_with_its_slope_and_r_in_the_alt_text_and_the_notes(pictures):
    _, _, (trend, notes) = pictures
    xs = [v[0] for v in CITIES.values()]
    ys = [v[1] for v in CITIES.values()]
    slope = np.polyfit(xs, ys, 1)[0]
    r = np.corrcoef(xs, ys)[0, 1]
    said = f"slope {slope:.3g}, r = {r:.2f}, a strong positive relationship"
    assert said in _descr(trend) and said in notes
    assert "Linear trend: monthly rent rises by $" in notes


# --------------------------------------------------------------------------- native form
def embedded(series) -> dict[str, list[float]]:
    """The x, y (and size) values cached in a native XY or bubble series."""
    out = {}
    for tag, name in (("c:xVal", "x"), ("c:yVal", "y"), ("c:bubbleSize", "size")):
        element = series._element.find(qn(tag))
        if element is None:
            continue
        points = element.findall(f".//{qn('c:pt')}")
        out[name] = [float(p.find(qn("c:v")).text) for p in points]
    return out


@pytest.fixture(scope="module")
def native(tmp_path_factory) -> Path:
    return _deck(tmp_path_factory.mktemp("scatter-native"), "corporate", native=True)


def test_native_xy_and_bubble_charts_hold_exactly_the_data(native):
    (scatter, _), (bubble, _), (trend, _) = _slides(native)
    complete = {k: v for k, v in CITIES.items() if None not in v}
    for frame, rows in ((scatter, CITIES), (bubble, complete), (trend, CITIES)):
        chart = frame.chart
        assert not chart.has_legend
        (series,) = chart.plots[0].series
        values = embedded(series)
        assert values["x"] == [v[0] for v in rows.values()]
        assert values["y"] == [v[1] for v in rows.values()]
        if frame is bubble:
            assert values["size"] == [v[2] for v in rows.values()]
        else:
            assert "size" not in values
    assert scatter.chart._chartSpace.find(f".//{qn('c:scatterChart')}") is not None
    plot = bubble.chart._chartSpace.find(f".//{qn('c:bubbleChart')}")
    assert plot.find(qn("c:sizeRepresents")).get("val") == "area"


def test_native_highlight_labels_titles_and_trendline_follow_the_picture(native):
    (scatter, _), (bubble, _), (trend, _) = _slides(native)
    red, grey = "C8102E", "8C95A3"  # the corporate highlight and neutral
    series = scatter.chart.plots[0].series[0]
    names = list(CITIES)
    fills = [str(series.points[i].marker.format.fill.fore_color.rgb) for i in range(len(names))]
    assert fills == [red if n == "Lakeview" else grey for n in names]
    # Eight points: every one is named, with its own text (a label per point); the
    # highlighted one's value on a line under its name, as on the picture.
    dlbls = series._element.findall(f"{qn('c:dLbls')}/{qn('c:dLbl')}")
    texts = ["\n".join("".join(t.text for t in p.iter(qn("a:t"))) for p in d.iter(qn("a:p")))
             for d in dlbls]  # fmt: skip
    assert sorted(texts) == sorted(f"{n}\n$1,180" if n == "Lakeview" else n for n in names)
    assert scatter.chart.category_axis.axis_title.text_frame.text == "Commute in minutes"
    assert scatter.chart.value_axis.axis_title.text_frame.text == "Monthly rent"
    line = trend.chart.plots[0].series[0]._element.find(qn("c:trendline"))
    assert line.find(qn("c:trendlineType")).get("val") == "linear"
    assert scatter.chart.plots[0].series[0]._element.find(qn("c:trendline")) is None
    slide = bubble.part.package.presentation_part.presentation.slides[1]
    keys = [s.text_frame.text for s in slide.shapes if s.name == "Bubble size key"]
    assert keys == ["Bubble area: population_k"]


@pytest.mark.validator
def test_the_native_charts_pass_the_open_xml_validator(native, require_validator):
    from deckgen.export.ooxml import validate

    assert validate(native) == []


# --------------------------------------------------------------------------- checks
HEADER = "deck: {title: T}\ndata: {cities: {file: cities.csv}}\nslides:\n"


def _problem(tmp: Path, chart_yaml: str) -> str:
    text = HEADER + f"  - kind: chart\n    title: A title\n    chart: {chart_yaml}\n"
    path = write_project(tmp, text, {"cities.csv": CITIES_CSV})
    with pytest.raises(DeckgenError) as caught:
        build(path, BuildOptions(out_dir=tmp / "out"))
    return caught.value.format_message()


@pytest.mark.parametrize(
    ("fields", "said"),
    [
        ("labels: all", "'labels: all' needs the points' names: add 'name: COLUMN'"),
        ("highlight: Lakeview", "'highlight' needs the points' names"),
        ("name: city, labels: highlight", "'labels: highlight' names the highlighted points"),
        ("name: city, transpose: true", "it cannot transpose"),
        ("name: city, scale: 2", "'scale' multiplies every value"),
        ("name: city, value_labels: false", "use 'labels: all', 'highlight', 'none' or 'auto'"),
        ("name: city, series_labels: {rent: Rent}", "series_labels names 'rent'"),
        (
            "name: city, y: [rent_usd, commute_min]",
            "slides[0].chart.y: a scatter chart places each point by one y column, but y names 2",
        ),
        ("name: city, reference: {label: Mean}", "draws no reference line"),
    ],
)
def test_fields_that_do_not_fit_a_scatter_chart_are_refused_at_load(tmp_path, fields, said):
    base = "{type: scatter, data: cities, x: commute_min, y: rent_usd, " + fields + "}"
    if "y: [" in fields:
        base = base.replace("y: rent_usd, ", "")
    assert said in _problem(tmp_path, base)


def test_a_trend_through_fewer_than_three_points_is_refused_after_reading_the_data(tmp_path):
    message = _problem(
        tmp_path,
        "{type: scatter, data: cities, x: commute_min, y: rent_usd, trend: linear, "
        "filter: [{column: region, value: West}]}",
    )
    assert "slides[0].chart.trend: a linear trend needs at least 3 points" in message
    assert "this chart has 2 points with both values" in message


def test_a_negative_bubble_size_names_the_point(tmp_path):
    csv = CITIES_CSV.replace("Cedar Falls,22.1,1290,205", "Cedar Falls,22.1,1290,-205")
    spec = chart(type="scatter", data="d", x="commute_min", y="rent_usd", name="city",
                 size="population_k")  # fmt: skip
    import pandas as pd

    frame = pd.read_csv(__import__("io").StringIO(csv), dtype=str, keep_default_na=False)
    with pytest.raises(DataError) as caught:
        spec.select_data(frame, Location("deck.yaml", 5, "slides[0].chart"))
    assert "a bubble's area cannot be negative" in caught.value.format_message()
    assert "Cedar Falls: -205" in caught.value.format_message()


def test_points_without_a_name_column_are_numbered_and_drawn_unlabelled():
    import pandas as pd

    frame = pd.DataFrame({"a": ["1", "2", "3"], "b": ["4", "-", "6"]})
    spec = chart(type="scatter", data="d", x="a", y="b")
    data = spec.select_data(frame, Location("deck.yaml", 1, "chart"))
    assert data.categories == ("Row 1", "Row 2", "Row 3")
    assert [(p.name, p.x, p.y) for p in points(data)] == [("Row 1", 1, 4), ("Row 3", 3, 6)]


# --------------------------------------------------------------------------- labels
NAMES = ["North", "South", "East", "West", "Port", "Lake", "River", "Mount", "Saint", "New",
         "Upper", "Lower", "Great", "Little", "Old"]  # fmt: skip
CANVAS = Canvas(Inches(12.33), Inches(4.9), dpi=100)


def _dense(seed: int, count: int = 25) -> ChartData:
    """``count`` random points with long, distinct names (seeded)."""
    rng = random.Random(seed)
    names: list[str] = []
    while len(names) < count:
        name = f"{rng.choice(NAMES)} {rng.choice(NAMES)} {rng.choice(['Harbour', 'Junction'])}"
        if name not in names:
            names.append(name)
    xs = tuple(rng.uniform(0, 100) for _ in names)
    ys = tuple(rng.uniform(0, 100) for _ in names)
    return ChartData(tuple(names), (Series("x", xs), Series("y", ys)))


def _drawn(job: ChartJob) -> tuple[Figure, list, list[tuple[float, float, float]]]:
    """The laid-out figure, its label texts and its markers (centre and radius, pixels)."""
    fig = job.figure()
    fig.canvas.draw()
    ax = fig.axes[0]
    markers = []
    for collection in ax.collections:
        centres = collection.get_offset_transform().transform(collection.get_offsets())
        sizes = np.broadcast_to(collection.get_sizes(), (len(centres),))
        markers += [
            (x, y, math.sqrt(s) / 2 * fig.dpi / 72)
            for (x, y), s in zip(centres, sizes, strict=True)
        ]
    return fig, marked_labels(fig), markers


def _disc_hits_box(marker: tuple[float, float, float], box) -> bool:
    x, y, r = marker
    nx, ny = min(max(x, box.x0), box.x1), min(max(y, box.y0), box.y1)
    return math.hypot(nx - x, ny - y) < r


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_dense_long_labels_never_touch_one_another_or_a_point(seed: int):
    data = _dense(seed)
    spec = chart(type="scatter", data="d", x="x", y="y", name="place", labels="all",
                 trend="linear", highlight=[data.categories[seed]])  # fmt: skip
    job = ChartJob(spec, data, load_theme("corporate"), CANVAS, title="Dense")
    with chart_style(job.theme, job.canvas):
        fig, texts, markers = _drawn(job)
        renderer = fig.canvas.get_renderer()
        boxes = [t.get_window_extent(renderer) for t in texts]
        frame = fig.axes[0].get_window_extent()
    names = [point_name(t.get_text(), spec.highlight) for t in texts]
    missing = [n for n in data.categories if n not in names]
    # Every label was placed (some on leader lines), or the alt text says which were not.
    alt = job.alt()
    assert not missing or all(n in alt.split("for lack of room: ")[1] for n in missing)
    assert len(missing) <= 2
    assert len(markers) == 25
    for k, box in enumerate(boxes):
        assert frame.x0 <= box.x0 <= box.x1 <= frame.x1
        assert frame.y0 <= box.y0 <= box.y1 <= frame.y1
        assert not any(box.overlaps(other) for other in boxes[k + 1 :]), names[k]
        assert not any(_disc_hits_box(m, box) for m in markers), names[k]


def test_labels_all_on_more_points_than_a_chart_names_is_refused():
    """1,000 points with 'labels: all' took a minute to lay out (found by fuzzing)."""
    from deckgen.kinds.charts.scatter import MOST_NAMED

    spec = chart(type="scatter", data="d", x="x", y="y", name="n", labels="all")
    (problem,) = spec.check(_dense(5, MOST_NAMED + 1), Location("deck.yaml", 3, "chart"))
    assert problem.location.field == "chart.labels"
    assert f"{MOST_NAMED + 1:,} points are more than a chart names legibly" in problem.message
    assert spec.check(_dense(5, MOST_NAMED), Location("deck.yaml", 3, "chart")) == []


def test_few_points_are_all_labelled_and_many_only_the_highlight():
    few = _dense(4, 10)
    many = _dense(4, 20)
    theme = load_theme("corporate")
    for data, expected in ((few, 10), (many, 1)):
        spec = chart(type="scatter", data="d", x="x", y="y", name="n",
                     highlight=[data.categories[0]])  # fmt: skip
        job = ChartJob(spec, data, theme, CANVAS, title="T")
        with chart_style(theme, CANVAS):
            _, texts, _ = _drawn(job)
        shown = {point_name(t.get_text(), spec.highlight) for t in texts}
        left_out = [n for n, pos in spec.placed(job).items() if pos is None]
        assert len(shown) + len(left_out) == expected
        assert data.categories[0] in shown  # the highlight is always named


def test_a_bubble_key_sits_in_a_free_corner_and_areas_follow_values():
    data = ChartData(
        ("A", "B", "C", "D"),
        (Series("x", (1.0, 2.0, 3.0, 4.0)), Series("y", (1.0, 3.0, 2.0, 4.0)),
         Series("people", (100.0, 400.0, 25.0, 0.0))),
    )  # fmt: skip
    spec = chart(type="scatter", data="d", x="x", y="y", size="people", name="n")
    job = ChartJob(spec, data, load_theme("dark"), CANVAS, title="T")
    with chart_style(job.theme, job.canvas):
        fig = job.figure()
        texts = [t.get_text() for t in fig.axes[0].texts]
        bubbles = fig.axes[0].collections[0].get_sizes()
    assert "Bubble area: people" in texts and "200" in texts and "50" in texts
    # Areas (points squared) in proportion to the values: never radii.
    by_value = sorted(zip([400.0, 100.0, 25.0, 0.0], sorted(bubbles, reverse=True), strict=True))
    assert by_value[-1][1] / by_value[-2][1] == pytest.approx(4.0)
    assert by_value[-2][1] / by_value[-3][1] == pytest.approx(4.0)


# --------------------------------------------------------------------------- properties
finite = st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)


@given(st.lists(st.tuples(finite, finite), min_size=3, max_size=30))
def test_fit_is_the_least_squares_line(pairs):
    xs, ys = [p[0] for p in pairs], [p[1] for p in pairs]
    line = fit(xs, ys)
    if np.ptp(xs) < 1e-3:
        return  # x barely varies: numpy's fit is as unstable as the question
    assert line is not None
    slope = np.polyfit(xs, ys, 1)[0]
    scale = max(1.0, np.ptp(ys))
    assert line.slope * np.ptp(xs) == pytest.approx(slope * np.ptp(xs), abs=1e-6 * scale)
    assert -1 <= line.r <= 1
    if np.ptp(ys) > 1e-3:
        assert line.r == pytest.approx(np.corrcoef(xs, ys)[0, 1], abs=1e-6)


@given(st.lists(st.tuples(finite, finite), min_size=3, max_size=30),
       st.sampled_from([1e150, 1e200, 1e290]))  # fmt: skip
def test_fit_gives_the_same_line_at_any_magnitude(pairs, k):
    """Squares of values past 1e154 overflow a float: an x of 1e200 stopped the build."""
    xs, ys = [p[0] for p in pairs], [p[1] for p in pairs]
    line, big = fit(xs, ys), fit([x * k for x in xs], [y * k for y in ys])
    if line is None or np.ptp(xs) < 1e-3:
        return
    assert big is not None
    assert big.slope == pytest.approx(line.slope, rel=1e-9, abs=1e-9)
    assert big.intercept / k == pytest.approx(line.intercept, rel=1e-9, abs=1e-6)
    assert big.r == pytest.approx(line.r, abs=1e-9)


@pytest.mark.parametrize("xs, ys", [((1.0, 2.0, 9e17), (1.0, 2.0, 3.0)),
                                    ((1.0, 2.0, 3.0), (1.0, 1.3e17, 2.0))])  # fmt: skip
def test_a_scatter_over_huge_values_draws_every_point_inside_the_plot(xs, ys):
    """At 1.3e17 the points per unit came out as zero and the build stopped (found by
    fuzzing); the largest values a chart draws are just under 1e18."""
    data = ChartData(("A", "B", "C"), (Series("x", xs), Series("y", ys)))
    spec = chart(type="scatter", data="d", x="x", y="y", name="n", trend="linear")
    job = ChartJob(spec, data, load_theme("corporate"), CANVAS, title="T")
    with chart_style(job.theme, job.canvas):
        fig, _, markers = _drawn(job)
        frame = fig.axes[0].get_window_extent()
    assert len(markers) == 3
    for x, y, r in markers:
        assert frame.x0 <= x - r and x + r <= frame.x1 and frame.y0 <= y - r and y + r <= frame.y1


def test_fit_refuses_a_vertical_line_and_calls_a_flat_one_uncorrelated():
    assert fit([2.0, 2.0, 2.0], [1.0, 5.0, 9.0]) is None
    assert fit([1.0, 2.0, 3.0], [4.0, 4.0, 4.0]).r == 0.0


@given(st.floats(1e-6, 1e9))
def test_nice_numbers_are_one_two_or_five_times_a_power_of_ten(value):
    below = nice_below(value)
    assert below <= value * (1 + 1e-9) and below > value / 5.01
    mantissa = below / 10 ** math.floor(math.log10(below) + 1e-12)
    assert round(mantissa, 6) in (1, 2, 5)
    assert nice_step(value) >= value / 5 * (1 - 1e-9)


@given(st.lists(finite, min_size=1, max_size=20))
def test_axis_limits_hold_every_value_and_start_at_zero_when_zero_is_near(values):
    lo, hi = axis_limits(values)
    assert lo <= min(values) and max(values) <= hi and lo < hi
    if min(values) >= 0 and min(values) <= max(values) / 2:
        assert lo == 0


boxes_side = st.floats(5, 120)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.floats(0, 800), st.floats(0, 400), st.floats(0, 30)), min_size=1,
             max_size=30),
    st.lists(st.tuples(boxes_side, st.floats(8, 30), st.booleans()), min_size=1, max_size=30),
)  # fmt: skip
def test_placed_labels_keep_clear_of_each_other_the_points_the_edges_and_the_leaders(
    discs_in, labels_in
):
    discs = [Disc(x, y, r) for x, y, r in discs_in]
    labels = [Label(k % len(discs), w, h, leader) for k, (w, h, leader) in enumerate(labels_in)]
    frame = Box(0, 0, 800, 400)
    pad = 3.5
    spots = place(labels, discs, frame, gap=4, pad=pad)
    placed = [s for s in spots if s is not None]
    for k, spot in enumerate(placed):
        assert spot.box.within(frame, pad)
        assert not any(spot.box.hits(d, pad) for d in discs)
        assert not any(spot.box.overlaps(o.box, 2 * pad) for o in placed[k + 1 :])
        for other in placed:
            if other.line is not None and other is not spot:
                assert not segment_hits(*other.line, spot.box)
    for label, spot in zip(labels, spots, strict=True):
        if spot is not None and spot.line is not None:
            assert label.leader  # only a label that may move gets a leader line
            own = discs[label.point]
            # ... and its line runs over no other point (leaving it in a pile of points).
            assert all(_segment_near(*spot.line, d) >= d.r for d in discs if d is not own)


def _segment_near(a: tuple[float, float], b: tuple[float, float], disc: Disc) -> float:
    """How near the segment ``a``-``b`` comes to the disc's centre."""
    (ax, ay), (bx, by) = a, b
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((disc.x - ax) * dx + (disc.y - ay) * dy) / ((dx * dx + dy * dy) or 1)))
    return math.hypot(ax + t * dx - disc.x, ay + t * dy - disc.y)


def test_a_leader_line_leaves_the_point_on_the_side_away_from_an_overlapping_one():
    """Of two dots drawn over each other, one's name went out on a leader line across the
    other, which read as that one's name (found by review)."""
    own, other = Disc(100, 100, 5), Disc(107, 100, 5)
    wall = Box(0, 0, 60, 200)  # a name to the left: no room beside either side
    (spot,) = place([Label(0, 60, 14, True)], [own, other], Box(0, 0, 400, 200), gap=4,
                    pad=3.5, fixed=[wall])  # fmt: skip
    assert spot is not None and spot.line is not None
    assert _segment_near(*spot.line, other) >= other.r


#: Ten quays (made up), two of them drawn on top of each other at low cargo and share.
QUAYS = ChartData(
    ("Ashby Quay", "Bramble Dock", "Corran Pier", "Dunmore Wharf", "Elder Reach",
     "Fallow Quay", "Garth Landing", "Hollin Sound", "Ivel Basin", "Jessop Mooring"),
    (Series("Cargo", (59, 43.9, 28.2, 26.9, 19.9, 17.3, 16.9, 14.8, 13.5, 12.6)),
     Series("Share", (18.4, 25.3, 87, 33.4, 15.7, 7.2, 5.8, 14.6, 47.2, 78))),
)  # fmt: skip


@pytest.mark.parametrize("theme", ["contrast", "corporate"])
def test_two_points_drawn_over_each_other_are_both_named_on_leader_lines(theme: str):
    """In the tall type of the contrast theme, the two dots drawn over each other had no
    spot beside them: both names were left out, and the build said nothing, because only
    the highlight's name (or 'labels: all') could go out on a leader line (found by
    review). Every name 'auto' adds may take one, after every name tried beside its point."""
    from deckgen.render.chartkit import leaving_out

    spec = chart(type="scatter", data="d", x="cargo", y="share", name="quay",
                 format="percent:0", x_format="plain:0", highlight="Corran Pier")  # fmt: skip
    job = ChartJob(spec, QUAYS, load_theme(theme), CANVAS, title="Corran Pier ships most cars")
    with leaving_out() as notes, chart_style(job.theme, job.canvas):
        _, texts, _ = _drawn(job)
    shown = {point_name(t.get_text(), spec.highlight) for t in texts}
    assert shown == set(QUAYS.categories)
    assert notes == []
    placed = spec.placed(job)
    assert None not in placed.values()
    if theme == "contrast":  # no spot beside the pair for one of them, at least
        assert "leader" in (placed["Fallow Quay"], placed["Garth Landing"])
    assert "for lack of room" not in job.alt()


def test_a_label_takes_the_first_free_of_the_eight_positions():
    disc = Disc(100, 100, 5)
    right = beside(disc, 40, 10, 1, 0, 2)
    assert (right.x0, right.y0, right.x1, right.y1) == (107, 95, 147, 105)
    blocker = Disc(125, 100, 5)  # a point where the right-hand label would go
    (spot,) = place([Label(0, 40, 10, False)], [disc, blocker], Box(0, 0, 300, 300),
                    gap=2, pad=1)  # fmt: skip
    assert spot is not None and spot.position == "W"
    assert segment_hits((0, 0), (10, 10), Box(4, 4, 6, 6))
    assert not segment_hits((0, 0), (10, 0), Box(4, 4, 6, 6))


def test_a_label_never_has_another_point_level_with_its_far_end():
    """Beside its point a label reads as the name of the point at its end: with another
    point just past the left end of a left-hand label, that spot is not taken."""
    own, other = Disc(200, 100, 5), Disc(130, 102, 5)
    blocker = Disc(225, 100, 5)  # the right-hand spot is taken by a point
    spots = place([Label(0, 50, 12, False)], [own, other, blocker], Box(0, 0, 400, 300),
                  gap=3, pad=1)  # fmt: skip
    assert spots[0] is not None and spots[0].position not in ("W", "E")
    alone = place([Label(0, 50, 12, False)], [own, blocker], Box(0, 0, 400, 300), gap=3, pad=1)
    assert alone[0] is not None and alone[0].position == "W"


def test_a_scatter_names_an_empty_name_cell_and_a_source_with_no_rows():
    """A scatter selects its own rows: a blank name read 'nan', and a source with a header
    but no rows blamed a filter there was not; as every other chart, it now says so."""
    import pandas as pd

    from deckgen.errors import DataError, Location
    from deckgen.kinds.charts import chart
    from deckgen.tables.origin import Origin

    spec = chart(type="scatter", data="t", x="a", y="b", name="port")
    frame = pd.DataFrame({"port": pd.Series(["X", None], dtype=object),
                          "a": ["1", "2"], "b": ["3", "4"]})  # fmt: skip
    frame.attrs["origin"] = Origin("t.csv", (2, 3))
    where = Location("deck.yaml", 9, "slides[1].chart")
    with pytest.raises(DataError, match=r"the name column 'port' .* is empty in this row"):
        spec.select_data(frame, where)
    empty = frame.iloc[0:0]
    with pytest.raises(DataError, match=r"has nothing to draw: the file t\.csv has a header"):
        spec.select_data(empty, where)


def test_a_trend_of_percent_values_rises_in_percentage_points_and_r_is_never_rounded_to_one():
    """Employment shares (percent) against salary: the slope is 4.43 points per 5,000, not
    "4.4 percent" (a 4.4 % rise of ~93 % is ~4.1 points), and r = 0.996 is not a perfect
    "1.00" (found by review)."""
    xs = (28_500.0, 31_200.0, 36_800.0, 34_100.0, 41_500.0)
    ys = (87.2, 90.5, 94.8, 93.1, 99.1)
    data = ChartData(("Arts", "Science", "Engineering", "Business", "Medicine"),
                     (Series("salary", xs), Series("employed", ys)))  # fmt: skip
    spec = chart(type="scatter", data="d", x="salary", y="employed", name="faculty",
                 format="percent:1", x_format="plain:0", trend="linear")  # fmt: skip
    said = ChartJob(spec, data, load_theme("corporate"), CANVAS, title="T").alt()
    slope = np.polyfit(xs, ys, 1)[0]
    r = np.corrcoef(xs, ys)[0, 1]
    assert f"{r:.3f}" == "0.996"
    assert f"rises by {slope * 5000:.1f} percentage points for every 5,000 of salary" in said
    assert "r = 0.996, a strong positive relationship" in said
    assert "percent for every" not in said and "r = 1.00" not in said


@pytest.mark.parametrize(("r", "written"), [(0.97, "0.97"), (0.996, "0.996"), (-0.9996, "-0.9996"),
                                            (0.99999999, "0.999999"), (1.0, "1.00"),
                                            (-1.0, "-1.00"), (0.0, "0.00")])  # fmt: skip
def test_a_correlation_keeps_the_digits_that_keep_it_off_a_perfect_one(r, written):
    from deckgen.kinds.charts.scatter import correlation_text

    assert correlation_text(r) == written


def _trend_words(xs, ys, labels: dict[str, str], x_format: str) -> str:
    data = ChartData(tuple(f"Ward {k}" for k in range(len(xs))),
                     (Series(labels["x"], tuple(xs)), Series(labels["y"], tuple(ys))))  # fmt: skip
    spec = chart(type="scatter", data="d", x="x", y="y", name="ward", format="percent:1",
                 x_format=x_format, trend="linear", series_labels=labels)  # fmt: skip
    return ChartJob(spec, data, load_theme("corporate"), CANVAS, title="T").alt()


def test_a_trend_over_a_percent_x_steps_in_percentage_points_and_names_keep_capitals():
    """'rises by 0.4 percentage points for every 1.0 percent of green share': a step along
    a percentage is a percentage point, and party names were lower-cased ('reform UK
    share', found by review). One point is singular."""
    xs = (4.0, 5.0, 6.0, 7.0, 8.0)  # a nice step of 1 along x
    labels = {"x": "Liberal share", "y": "Unity Party share"}
    said = _trend_words(xs, (10.2, 10.9, 11.6, 12.5, 13.0), labels, "percent:1")
    assert "Scatter chart of Unity Party share against Liberal share for 5 wards" in said
    assert "Highest Unity Party share: Ward 4 (13.0 percent)" in said
    assert ("Linear trend: Unity Party share rises by 0.7 percentage points for every 1.0 "
            "percentage point of Liberal share") in said  # fmt: skip
    one = _trend_words(xs, (10.0, 11.1, 11.9, 13.0, 14.0), labels, "percent:1")
    assert "rises by 1.0 percentage point for every 1.0 percentage point" in one
    two = _trend_words((2.0, 6.0, 9.0, 12.0), (3.0, 5.0, 6.0, 8.0), labels, "percent:0")
    assert "for every 2 percentage points of Liberal share" in two
    assert "percent of" not in said + one + two


@pytest.mark.parametrize(
    ("name", "written"),
    [("Share of goods", "share of goods"), ("Monthly rent", "monthly rent"),
     ("Green share", "Green share"), ("Reform UK share", "Reform UK share"),
     ("US exports", "US exports"), ("GDP per head", "GDP per head"), ("rent_usd", "rent_usd")],
)  # fmt: skip
def test_a_column_title_loses_only_an_ordinary_first_capital(name: str, written: str) -> None:
    from deckgen.kinds.charts.scatter import _lower

    assert _lower(name) == written


#: Eight harbours (made up): two drawn nearly on top of each other in the top right corner,
#: where neither name can go right of its point nor above it.
CORNER_CSV = """name,cargo,growth
Northgate Harbour,98,49
Southgate Harbour,97.5,48.6
Ashby,20,10
Bramble,35,22
Corran,50,15
Dunmore,60,30
Elder,15,35
Fallow,75,20
"""


@pytest.mark.parametrize("theme", ["corporate", "contrast"])
def test_a_pair_of_points_in_a_corner_is_a_check_finding_as_the_build_warns(tmp_path, theme):
    """A lone pair of points close together is named on leader lines, and the check's
    estimate draws nothing for it; in the plot's corner the pair has two sides of the four
    for its two names, and one was left out: the build warned, `deckgen check` said
    nothing (found in review). The estimate draws a pair in a corner to see; a pair in
    the middle of the plot, named whole, is still not drawn by the check."""
    from deckgen.check import check
    from deckgen.layout.geometry import Rect

    outline = """\
deck: {title: T}
data: {t: {file: t.csv}}
slides:
  - kind: chart
    title: Cargo and growth rise together
    source: Made up
    chart: {type: scatter, data: t, x: cargo, y: growth, name: name, labels: all}
"""
    path = write_project(tmp_path, outline, {"t.csv": CORNER_CSV})
    options = BuildOptions(theme=theme, out_dir=tmp_path / "out", workers=1)
    (warning,) = [w for w in build(path, options).warnings if "for lack of room" in w]
    assert "Northgate Harbour" in warning or "Southgate Harbour" in warning
    report = check(path, BuildOptions(theme=theme, out_dir=tmp_path / "out2"), select=["ED002"])
    (finding,) = report.findings
    assert f"{finding.message}; {finding.fix}" == warning.split("slides[0]: ", 1)[1]
    # The same pair in the middle of the plot: named (one on a leader), and not drawn.
    middle = CORNER_CSV.replace("98,49", "45,25").replace("97.5,48.6", "45.4,25.3")
    rows = [line.split(",") for line in middle.splitlines()[1:]]
    data = ChartData(tuple(r[0] for r in rows),
                     (Series("Cargo", tuple(float(r[1]) for r in rows)),
                      Series("Growth", tuple(float(r[2]) for r in rows))))  # fmt: skip
    spec = chart(type="scatter", data="t", x="cargo", y="growth", name="name", labels="all")
    job = ChartJob(spec, data, load_theme(theme), CANVAS, title="Cargo and growth rise together")
    box = Rect(Inches(0), Inches(0), CANVAS.width, CANVAS.height)
    assert not spec.names_may_crowd(job, box)
    assert None not in spec.placed(job).values()


@pytest.mark.parametrize("theme", THEMES)
def test_a_highlighted_point_is_labelled_with_its_value_and_the_others_with_names_only(theme):
    """'Brunswick, GA' said nothing of the 87% its slide's title gave: it could only be
    read roughly off the axis (found by review). The highlight's value goes on a line
    under its name, in the chart's format, as the alt text gives it; the others keep
    their names alone, and the labels still clear one another."""
    spec = chart(type="scatter", data="d", x="cargo", y="share", name="quay",
                 format="percent:1", x_format="plain:0", highlight="Corran Pier")  # fmt: skip
    job = ChartJob(spec, QUAYS, load_theme(theme), CANVAS, title="Corran Pier: 87% is cars")
    with chart_style(job.theme, job.canvas):
        fig, texts, _ = _drawn(job)
        renderer = fig.canvas.get_renderer()
        boxes = [t.get_window_extent(renderer) for t in texts]
    written = {t.get_text() for t in texts}
    assert "Corran Pier\n87.0%" in written
    others = written - {"Corran Pier\n87.0%"}
    assert others and others <= set(QUAYS.categories)  # names only
    for k, box in enumerate(boxes):
        assert not any(box.overlaps(other) for other in boxes[k + 1 :])
    assert "Corran Pier 28, 87.0 percent" in job.alt()  # the value the label gives


def _crossing_gridlines(ax, box) -> list[float]:
    """The visible gridlines of ``ax`` that run through ``box`` (pixels), by their value."""
    crossing = []
    for axis, (lo, hi), which in ((ax.xaxis, ax.get_xlim(), 0), (ax.yaxis, ax.get_ylim(), 1)):
        for tick in axis.get_major_ticks():
            loc = tick.get_loc()
            if not (tick.gridline.get_visible() and min(lo, hi) <= loc <= max(lo, hi)):
                continue
            at = ax.transData.transform((loc, loc))[which]
            if (box.x0 < at < box.x1) if which == 0 else (box.y0 < at < box.y1):
                crossing.append(loc)
    return crossing


@pytest.mark.parametrize("theme", ["corporate", "dark", "corporate-template"])
def test_a_name_on_a_gridline_is_drawn_on_the_plot_background_so_the_line_stops_short(theme):
    """The $30B and 80% gridlines struck through the highlighted 'Brunswick, GA 87%', the
    $20B one cut 'Port Hueneme, CA' between C and A (found by review). Each name is drawn
    on a box of the plot's background colour (the dark one in the dark theme, never
    white), above the gridlines and clear of every point."""
    from matplotlib.colors import to_rgba

    spec = chart(type="scatter", data="d", x="cargo", y="share", name="quay",
                 format="percent:0", x_format="plain:0", highlight="Corran Pier")  # fmt: skip
    job = ChartJob(spec, QUAYS, load_theme(theme), CANVAS, title="Corran Pier ships most cars")
    background = to_rgba(job.theme.theme.colors.background)
    with chart_style(job.theme, job.canvas):
        fig, texts, markers = _drawn(job)
        renderer = fig.canvas.get_renderer()
        ax = fig.axes[0]
        [highlight] = [t for t in texts if t.get_text() == "Corran Pier\n87%"]
        # The data puts the highlight's label across two gridlines, as on the sample.
        assert len(_crossing_gridlines(ax, highlight.get_window_extent(renderer))) >= 2
        gridline_z = ax.xaxis.get_gridlines()[0].get_zorder()
        for text in texts:
            patch = text.get_bbox_patch()
            assert patch is not None, text.get_text()
            assert patch.get_facecolor() == background
            assert patch.get_edgecolor()[3] == 0 or patch.get_linewidth() == 0
            ground = patch.get_window_extent(renderer)
            inside = text.get_window_extent(renderer)
            assert ground.x0 < inside.x0 and ground.x1 > inside.x1  # it stands round the text
            assert ground.y0 < inside.y0 and ground.y1 > inside.y1
            assert text.get_zorder() > gridline_z  # drawn over the gridlines
            assert not any(_disc_hits_box(m, ground) for m in markers)  # hides no point
    if theme == "dark":
        assert background[:3] != (1.0, 1.0, 1.0)


def test_without_gridlines_the_names_are_drawn_as_before_on_no_box():
    """The contrast theme draws no gridlines: a box there would only hide the end of a
    leader line (the one to 'Newark, NJ' stopped short of it)."""
    spec = chart(type="scatter", data="d", x="cargo", y="share", name="quay",
                 format="percent:0", x_format="plain:0", highlight="Corran Pier")  # fmt: skip
    job = ChartJob(spec, QUAYS, load_theme("contrast"), CANVAS, title="Corran Pier ships most cars")
    assert not job.theme.theme.chart.gridlines
    with chart_style(job.theme, job.canvas):
        _, texts, _ = _drawn(job)
    assert texts and all(t.get_bbox_patch() is None for t in texts)
