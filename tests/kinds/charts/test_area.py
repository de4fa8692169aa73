"""Area charts on data written for the test (U.S. electricity generation by source,
us_generation.csv): built in every shipped theme and re-opened, native series equal to the
data, solid areas only where they nest, right-edge labels that never overlap and read at
4.5:1, alt text from the data, social cards."""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.collections import PolyCollection
from PIL import Image
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.oxml.ns import qn

from deckgen.errors import DeckgenError
from deckgen.kinds.charts import chart
from deckgen.kinds.charts.area import layering
from deckgen.layout.units import Inches
from deckgen.pipeline import BuildOptions, build
from deckgen.render.chartkit import contrast
from deckgen.render.charts import ChartJob
from deckgen.render.jobs import Canvas
from deckgen.render.labels import remove_collisions, text_boxes
from deckgen.render.style import chart_style
from deckgen.tables.select import ChartData, Series
from tests.helpers import load_theme, write_project

DATA = Path(__file__).with_name("us_generation.csv")
ROWS = list(csv.DictReader(io.StringIO(DATA.read_text(encoding="utf-8"))))
YEARS = tuple(r["year"] for r in ROWS)
THEMES = ("corporate", "dark", "contrast", "corporate-template")
NAMES = {"coal": "Coal", "natural_gas": "Natural gas", "nuclear": "Nuclear", "hydro": "Hydro",
         "wind": "Wind", "solar": "Solar"}  # fmt: skip
CANVAS = Canvas(Inches(12.33), Inches(4.9), dpi=100)

DECK = """\
deck: {title: Power}
data:
  gen: {file: us_generation.csv}
slides:
  - kind: chart
    title: Wind overtook hydro in 2019
    chart: &chart
      type: area
      data: gen
      x: year
      y: [wind, hydro, solar]
      series_labels: {wind: Wind, hydro: Hydro, solar: Solar}
      format: plain:0
      highlight: Wind
  - kind: chart
    title: Wind overtook hydro in 2019, natively
    chart: {<<: *chart, native: true}
social:
  cards:
    - kind: chart
      name: wind
      presets: [ig-square, x-post]
      title: Wind overtook hydro in 2019
      chart: *chart
"""


def column(name: str) -> tuple[float, ...]:
    return tuple(float(r[name]) for r in ROWS)


def power(*columns: str) -> ChartData:
    return ChartData(YEARS, tuple(Series(NAMES[c], column(c)) for c in columns))


def job(data: ChartData, theme: str = "corporate", **fields: object) -> ChartJob:
    spec = chart(type="area", data="gen", x="year", y=[s.name for s in data.series],
                 format="plain:0", **fields)  # fmt: skip
    return ChartJob(spec, data, load_theme(theme), CANVAS, title="Wind overtook hydro")


@dataclass(frozen=True)
class Built:
    path: Path
    deck: Presentation
    cards: Path


@pytest.fixture(scope="module", params=THEMES)
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp(f"area-{request.param}")
    path = write_project(root, DECK, {"us_generation.csv": DATA.read_text(encoding="utf-8")})
    result = build(path, BuildOptions(theme=request.param, out_dir=root / "out"))
    assert result.cards_dir is not None
    return Built(result.deck, Presentation(str(result.deck)), result.cards_dir)


# --------------------------------------------------------------------------- the deck
def descriptions(slide) -> list[str]:  # type: ignore[no-untyped-def]
    """The alt text of every shape on ``slide`` (a picture may sit in a placeholder)."""
    return [s._element.xpath("./*[1]/p:cNvPr")[0].get("descr") or "" for s in slide.shapes]


def test_the_picture_carries_alt_text_from_the_data(built: Built) -> None:
    descr = next(d for d in descriptions(built.deck.slides[0]) if d.startswith("Area chart"))
    assert descr.startswith("Area chart: Wind overtook hydro in 2019.")
    assert "Wind rose from 95 in 2010 to 425 in 2023, peaking at 434 in 2022" in descr
    assert "Hydro fell from 260 in 2010 to 240 in 2023, peaking at 319 in 2011" in descr


def test_the_native_chart_holds_the_data(built: Built) -> None:
    frame = next(s for s in built.deck.slides[1].shapes if s.has_chart)
    plot = frame.chart.plots[0]
    assert frame.chart.chart_type == XL_CHART_TYPE.AREA
    assert tuple(plot.categories) == YEARS
    values = {s.name: tuple(s.values) for s in plot.series}
    assert values == {"Wind": column("wind"), "Hydro": column("hydro"), "Solar": column("solar")}


def test_the_native_chart_names_each_series_at_its_last_point_not_in_a_key(built: Built) -> None:
    chart_ = next(s for s in built.deck.slides[1].shapes if s.has_chart).chart
    assert not chart_.has_legend
    last = str(len(YEARS) - 1)
    for series in chart_.plots[0].series:
        labels = series._element.findall(f"{qn('c:dLbls')}/{qn('c:dLbl')}")
        assert [d.find(qn("c:idx")).get("val") for d in labels] == [last]
        assert labels[0].find(qn("c:showSerName")).get("val") == "1"
        assert labels[0].find(qn("c:showVal")).get("val") == "1"


def test_cards_are_drawn_at_each_preset(built: Built) -> None:
    for name, size in (("wind-ig-square.png", (1080, 1080)), ("wind-x-post.png", (1600, 900))):
        with Image.open(built.cards / name) as image:
            assert image.size == size


@pytest.mark.validator
@pytest.mark.parametrize("built", ["corporate"], indirect=True)
def test_the_deck_passes_the_ooxml_validator(built: Built) -> None:
    from deckgen.export.ooxml import validate

    assert validate(built.path) == []


def test_an_area_needs_two_x_values(tmp_path: Path) -> None:
    one_year = DECK.replace("      format: plain:0\n",
                            "      format: plain:0\n      filter: [{column: year, value: 2023}]\n",
                            1)  # fmt: skip
    path = write_project(tmp_path, one_year, {"us_generation.csv": DATA.read_text()})
    with pytest.raises(DeckgenError) as caught:
        build(path, BuildOptions(out_dir=tmp_path / "out"))
    message = caught.value.format_message()
    assert "slides[0].chart.x" in message
    assert "an area chart needs two or more x values to span, found 1 ('2023')" in message


def test_an_area_chart_takes_no_reference_line_or_annotations() -> None:
    from pydantic import ValidationError

    base = {"type": "area", "data": "gen", "x": "year", "y": ["wind"]}
    with pytest.raises(ValidationError, match="an area chart takes no reference line"):
        chart(**base, reference={"value": "mean", "label": "Mean"})
    with pytest.raises(ValidationError, match="an area chart takes no annotations"):
        chart(**base, annotations=[{"at": "2019", "text": "Wind passes hydro"}])


# --------------------------------------------------------------------------- the picture
def _areas(fig) -> list[PolyCollection]:  # type: ignore[no-untyped-def]
    return [c for c in fig.axes[0].collections if isinstance(c, PolyCollection)]


def test_nested_areas_are_solid_with_the_largest_behind() -> None:
    # Gas > wind > solar every year: each area lies inside the one behind it.
    drawn = job(power("solar", "natural_gas", "wind"))
    with chart_style(drawn.theme, drawn.canvas):
        areas = _areas(drawn.figure())
    assert all(a.get_alpha() in (None, 1.0) for a in areas)
    by_depth = sorted(areas, key=lambda a: a.get_zorder())
    tops = [max(p.vertices[:, 1].max() for p in a.get_paths()) for a in by_depth]
    assert tops == [1802.0, 434.0, 165.0]  # gas at the back, solar in front


def test_crossing_areas_are_see_through_with_the_story_on_top() -> None:
    # Wind overtakes hydro in 2019: solid, either would hide part of the other.
    drawn = job(power("hydro", "wind", "solar"), highlight=["Solar"])
    with chart_style(drawn.theme, drawn.canvas):
        areas = _areas(drawn.figure())
    assert all(a.get_alpha() is not None and a.get_alpha() < 0.5 for a in areas)
    front = max(areas, key=lambda a: a.get_zorder())
    assert max(p.vertices[:, 1].max() for p in front.get_paths()) == 165.0


@given(
    st.lists(
        st.lists(st.one_of(st.none(), st.floats(-50, 100, allow_nan=False)), min_size=4,
                 max_size=4),
        min_size=1, max_size=5,
    )
)  # fmt: skip
def test_layering_says_nested_only_when_each_area_holds_the_ones_in_front(
    rows: list[list[float | None]],
) -> None:
    series = tuple(Series(str(k), tuple(r)) for k, r in enumerate(rows))
    order, nested = layering(series)
    assert sorted(order) == list(range(len(series)))

    def holds(outer: Series, inner: Series) -> bool:
        return all(
            b is None or (a is not None and min(0, a) <= min(0, b) and max(0, b) <= max(0, a))
            for a, b in zip(outer.values, inner.values, strict=True)
        )

    pairs = [(series[a], series[b]) for i, a in enumerate(order) for b in order[i + 1 :]]
    assert nested == all(holds(a, b) for a, b in pairs)


def test_the_value_axis_starts_at_zero_and_reaches_below_it_for_negatives() -> None:
    drawn = job(power("wind", "solar"))
    with chart_style(drawn.theme, drawn.canvas):
        assert drawn.figure().axes[0].get_ylim()[0] == 0
    net = ChartData(("2021", "2022", "2023"), (Series("Net exports", (-3.0, 2.0, 5.0)),))
    drawn = job(net)
    with chart_style(drawn.theme, drawn.canvas):
        assert drawn.figure().axes[0].get_ylim()[0] < -3


def test_a_missing_value_is_a_gap_not_a_zero() -> None:
    wind = list(column("wind"))
    wind[5] = None  # type: ignore[call-overload]
    drawn = job(ChartData(YEARS, (Series("Wind", tuple(wind)),)))
    with chart_style(drawn.theme, drawn.canvas):
        fig = drawn.figure()
    line = fig.axes[0].get_lines()[0]
    assert math.isnan(line.get_ydata()[5])
    lows = [p.vertices[:, 0] for p in _areas(fig)[0].get_paths()]
    assert len(lows) == 2  # two runs of filled area, none across 2015
    assert "Wind  425" in {t for t, _ in text_boxes(fig)}


def _end_label_boxes(drawn: ChartJob) -> tuple[dict[str, tuple[float, ...]], list[str], float]:
    with chart_style(drawn.theme, drawn.canvas):
        fig = drawn.figure(collisions=False)
        removed = remove_collisions(fig)
        right = fig.axes[0].get_window_extent().x1
        boxes = {t: (b.x0, b.y0, b.x1, b.y1) for t, b in text_boxes(fig)}
    return boxes, removed, right


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_end_labels_do_not_overlap_when_two_series_end_at_nearly_the_same_value() -> None:
    hydro = (*column("hydro")[:-1], 424.0)  # wind ends at 425
    data = ChartData(YEARS, (Series("Wind", column("wind")), Series("Hydro", hydro),
                             Series("Solar", column("solar"))))  # fmt: skip
    for theme in THEMES:
        boxes, removed, right = _end_label_boxes(job(data, theme))
        assert removed == []
        wind, hydro_ = boxes["Wind  425"], boxes["Hydro  424"]
        assert not _overlap(wind, hydro_)
        assert hydro_[3] <= wind[1]  # the larger value's label is the upper one
        assert min(wind[0], hydro_[0]) > right  # at the right edge, outside the plot


@settings(max_examples=10, deadline=None)
@given(st.lists(st.integers(0, 500), min_size=2, max_size=6))
def test_end_labels_never_overlap_whatever_the_last_values(ends: list[int]) -> None:
    rows = tuple(
        Series(f"Source {k}", (*column("wind")[:-1], float(end))) for k, end in enumerate(ends)
    )
    boxes, removed, _ = _end_label_boxes(job(ChartData(YEARS, rows)))
    labels = [b for t, b in boxes.items() if t.startswith("Source")]
    assert removed == []
    assert len(labels) == len(ends)
    assert not any(_overlap(a, b) for i, a in enumerate(labels) for b in labels[i + 1 :])


@pytest.mark.parametrize("theme", THEMES)
def test_end_labels_read_at_4_5_to_1_and_the_story_is_bold(theme: str) -> None:
    drawn = job(power("wind", "hydro", "solar"), theme, highlight=["Wind"])
    colors = drawn.theme.theme.colors
    with chart_style(drawn.theme, drawn.canvas):
        fig = drawn.figure()
        texts = {t.get_text(): t for t in fig.findobj(lambda a: a.get_gid() or "")}
        # The top edges (the baseline at zero is a line too, of two points).
        lines = [ln.get_color() for ln in fig.axes[0].get_lines() if len(ln.get_xdata()) > 2]
    ends = {name: texts[name] for name in ("Wind  425", "Hydro  240", "Solar  165")}
    for text in ends.values():
        assert contrast(text.get_color(), colors.background) >= 4.5
    assert ends["Wind  425"].get_fontweight() == "bold"
    assert ends["Hydro  240"].get_fontweight() == "normal"
    assert lines.count(colors.highlight) == 1  # the story in the accent, the rest muted
    assert len(lines) == 3


def test_no_key_and_the_names_are_ordered_like_the_ends() -> None:
    boxes, _, _ = _end_label_boxes(job(power("wind", "hydro", "solar")))
    order = [t for t in sorted(boxes, key=lambda t: -boxes[t][1]) if "  " in t]
    assert order == ["Wind  425", "Hydro  240", "Solar  165"]
    for upper, lower in pairwise(order):
        assert boxes[lower][3] <= boxes[upper][1]


# --------------------------------------------------------------------------- time axis
def _monthly(kind: str, canvas: Canvas = CANVAS, theme: str = "corporate", frame=None,
             **fields: object) -> ChartJob:  # fmt: skip
    """An area over the 120 months of tests/data/employment_monthly.csv, read through the
    kind's own selection (which puts dates in order)."""
    from deckgen.errors import Location
    from tests.helpers import employment_frame

    spec = chart(type=kind, data="d", x="month", y=["construction", "manufacturing"],
                 scale=1000, format="compact:1", **fields)  # fmt: skip
    rows = employment_frame() if frame is None else frame
    data = spec.select_data(rows, Location("deck.yaml", 1, "chart"))
    return ChartJob(spec, data, load_theme(theme), canvas, title="Jobs")


HALF = Canvas(Inches(6.0), Inches(4.0), dpi=100)


@pytest.mark.parametrize("kind", ["area", "stacked-area"])
@pytest.mark.parametrize("canvas", [CANVAS, HALF], ids=["slide", "half"])
@pytest.mark.parametrize("theme", ["corporate", "dark", "contrast"])
def test_120_months_take_calendar_ticks_that_never_touch(kind, canvas, theme):
    import datetime as dt

    job_ = _monthly(kind, canvas, theme)
    with chart_style(job_.theme, job_.canvas):
        fig = job_.figure()
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        ax = fig.axes[0]
        lo, hi = ax.get_xlim()
        ticks = [t for t in ax.xaxis.get_major_ticks() if lo - 1e-9 <= t.get_loc() <= hi + 1e-9]
        spans = [t.label1.get_window_extent(renderer) for t in ticks]
        days = [dt.date.fromordinal(round(t.get_loc())) for t in ticks]
        texts = [t.label1.get_text() for t in ticks]
        # The area runs edge to edge: from the first month to the last.
        assert (lo, hi) == (dt.date(2007, 1, 1).toordinal(), dt.date(2016, 12, 1).toordinal())
    assert len(ticks) >= 4
    for a, b in pairwise(spans):
        assert b.x0 - a.x1 >= 4  # pixels of air between neighbours, as drawn
    # On calendar boundaries (1 January), labelled with their years, at one step.
    assert all(d.month == 1 and d.day == 1 for d in days)
    assert texts == [str(d.year) for d in days]
    assert len({b.year - a.year for a, b in pairwise(days)}) == 1


def test_areas_sit_at_their_dates_and_unsorted_rows_still_run_forwards():
    from tests.helpers import employment_frame

    job_ = _monthly("area", frame=employment_frame().iloc[::-1], sort={"by": "construction"})
    assert job_.data.categories[0] == "2007-01"  # the selection put the dates in order
    with chart_style(job_.theme, job_.canvas):
        fig = job_.figure()
        line = fig.axes[0].get_lines()[0]
        xs = list(line.get_xdata())
    assert xs == sorted(xs)
    assert xs[1] - xs[0] == 31 and xs[2] - xs[1] == 28  # January, then February 2007


@pytest.mark.parametrize("kind", ["area", "stacked-area"])
def test_the_alt_text_names_the_first_and_last_dates(kind):
    alt = _monthly(kind, series_labels={"construction": "Construction"}).alt()
    assert "120 points from January 2007 to December 2016" in alt
    assert (
        "Construction fell from 7.7 million in January 2007 to 6.8 million in December 2016" in alt
    )
    assert "peaking at 7.7 million" not in alt  # a peak that reads as the start says nothing


@pytest.mark.parametrize("kind", ["area", "stacked-area"])
def test_an_area_keeps_zero_with_its_own_reason(kind):
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="starts at zero: an area's height is its value"):
        chart(type=kind, data="d", x="x", y="v", axis={"zero": False})
    with pytest.raises(ValidationError, match="starts at zero: an area's height"):
        chart(type=kind, data="d", x="x", y="v", axis={"min": 5})
    with pytest.raises(ValidationError, match="log scale: area heights on it do not compare"):
        chart(type=kind, data="d", x="x", y="v", axis={"log": True})
    job_ = _monthly(kind, axis={"max": 50_000_000})  # a fixed top is kept
    with chart_style(job_.theme, job_.canvas):
        assert job_.figure().axes[0].get_ylim() == (0.0, 50_000_000.0)


def test_a_native_area_over_months_has_a_date_axis(tmp_path):
    outline = (
        "deck: {title: Jobs}\n"
        "data:\n  jobs:\n    file: employment_monthly.csv\n"
        '    columns: {month: {type: date, format: "%b %Y", period: month}}\n'
        "slides:\n  - kind: chart\n    title: Health care grew\n"
        "    chart: {type: stacked-area, data: jobs, x: month, y: [construction, health_care],"
        " native: true}\n"
    )
    from tests.helpers import REPO

    data = (REPO / "tests" / "data" / "employment_monthly.csv").read_text(encoding="utf-8")
    path = write_project(tmp_path, outline, {"employment_monthly.csv": data})
    deck = Presentation(str(build(path, BuildOptions(out_dir=tmp_path / "out")).deck))
    frame = next(s for s in deck.slides[0].shapes if s.has_chart)
    axis = frame.chart._chartSpace.find(f".//{qn('c:dateAx')}")
    assert axis is not None
    assert axis.find(qn("c:baseTimeUnit")).get("val") == "months"
    assert len(frame.chart.plots[0].categories) == 120
