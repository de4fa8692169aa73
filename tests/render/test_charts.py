"""Chart renderers on real data in every shipped theme: the picture is the canvas size and
deterministic, its texts never overlap or clip, nothing needed removing, and the alt text
carries the finding's numbers."""

from __future__ import annotations

import functools
import io
import math
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import TYPE_CHECKING

import pytest
from matplotlib.text import Text
from PIL import Image

from deckgen.kinds.charts import ChartKind, chart
from deckgen.layout.units import Inches
from deckgen.render.chartkit import spread, tick_formatter
from deckgen.render.charts import ChartJob
from deckgen.render.jobs import Asset, Canvas
from deckgen.render.labels import remove_collisions, text_boxes
from deckgen.render.style import chart_style
from deckgen.tables.select import ChartData, Series
from tests.helpers import employment_frame, load_theme, series_data, stock_frame

if TYPE_CHECKING:
    from matplotlib.axes import Axes

THEMES = ("corporate", "dark", "contrast")
#: The slide's chart area; dpi 100 keeps the suite fast (one test renders at print dpi).
CANVAS = Canvas(Inches(12.33), Inches(4.9), dpi=100)

#: G20 vehicle production, 2004 and 2023 (data/g20_production.csv), in 2023 order.
G20 = {
    "China": (5234496, 30160966),
    "USA": (11989387, 10611555),
    "Japan": (10511518, 8997440),
    "India": (155157, 5851507),
    "South Korea": (3469464, 4241597),
    "Germany": (5567954, 4109371),
    "Mexico": (1577159, 4002047),
    "Brazil": (2317227, 2324838),
    "Canada": (2711536, 1553026),
    "France": (3665990, 1505076),
}
#: U.S. vehicle and parts exports by region, 2023 ($ billions) and change since 2008 (%).
EXPORTS = {
    "North America": (89.9, 43),
    "Asia": (23.0, 49),
    "Europe": (19.7, -2),
    "South/Central America": (5.3, 16),
    "Australia and Oceania": (3.6, 119),
    "Africa": (1.7, -38),
}

#: U.S. electricity generation by source, terawatt-hours (tests/kinds/charts/us_generation.csv).
POWER = {
    "Coal": (1239, 1206, 1146, 965, 774, 898, 832, 675),
    "Natural gas": (1379, 1297, 1469, 1586, 1617, 1579, 1687, 1802),
    "Hydro": (268, 300, 293, 288, 285, 251, 255, 240),
    "Wind": (227, 254, 273, 300, 338, 380, 434, 425),
    "Solar": (36, 53, 64, 72, 89, 115, 143, 165),
}


def _power(sources: list[str]) -> ChartData:
    years = tuple(str(year) for year in range(2016, 2024))
    return ChartData(years, tuple(Series(s, tuple(map(float, POWER[s]))) for s in sources))


#: The ten ports: 2023 value of goods ($ billions) and share of the port's total (%).
PORTS = {
    "Laredo, TX": (59, 18.4), "Detroit, MI": (43.9, 25.3), "Brunswick, GA": (28.2, 87),
    "Baltimore, MD": (26.9, 33.4), "Port Huron, MI": (19.9, 15.7), "Newark, NJ": (17.3, 7.2),
    "Los Angeles, CA": (16.9, 5.8), "Charleston, SC": (14.8, 14.6),
    "Jacksonville, FL": (13.5, 47.2), "Port Hueneme, CA": (12.6, 78),
}  # fmt: skip


def _ports() -> ChartData:
    return ChartData(
        tuple(PORTS),
        (
            Series("Value of goods", tuple(float(v[0]) for v in PORTS.values())),
            Series("Share of the port's total", tuple(float(v[1]) for v in PORTS.values())),
        ),
    )


#: The change in those exports from 2008 to 2023 ($ billions, as the sample's waterfall prints
#: them, rounded to add up).
EXPORT_CHANGES = {
    "North America": 27.0,
    "Asia": 7.6,
    "Australia and Oceania": 1.9,
    "South/Central America": 0.7,
    "Europe": -0.4,
    "Africa": -1.0,
}
#: Motor vehicles and parts as a share of each state's exports, 2023 (%): the ten states
#: of data/state_export_share.csv.
SHARES = {"AL": 45.0, "MI": 42.0, "SC": 31.0, "OR": 22.0, "WV": 21.0, "MO": 21.0, "OH": 18.0,
          "IN": 16.0, "KY": 14.0, "TN": 13.0}  # fmt: skip


def _production(countries: list[str]) -> ChartData:
    return ChartData(
        tuple(countries),
        (
            Series("2004", tuple(float(G20[c][0]) for c in countries)),
            Series("2023", tuple(float(G20[c][1]) for c in countries)),
        ),
    )


def _by_country(countries: list[str]) -> ChartData:
    """Years as categories, one series per country (the outline's ``transpose: true``)."""
    return ChartData(
        ("2004", "2023"),
        tuple(Series(c, (float(G20[c][0]), float(G20[c][1]))) for c in countries),
    )


def _exports(column: int, order: list[str]) -> ChartData:
    return ChartData(
        tuple(order), (Series("exports", tuple(float(EXPORTS[r][column]) for r in order)),)
    )


def _spec(kind: str, y: str | list[str], **fields: object) -> ChartKind:
    return chart(type=kind, data="d", x="x", y=y, **fields)


def _monthly(frame: str = "jobs", **fields: object) -> tuple[ChartKind, ChartData]:
    """A chart of the monthly employment (or stock) table in tests/data, and its data."""
    source = employment_frame() if frame == "jobs" else stock_frame()
    return chart(data="d", **fields), series_data(source, **fields)


@dataclass(frozen=True)
class Case:
    spec: ChartKind
    data: ChartData
    title: str
    #: What the alt text must say about the highlighted category.
    alt: str


TEN = list(G20)
TOP_SIX = TEN[:6]
#: The slope chart whose end values bunch up: 4.2M, 4.1M, 4.0M.
CLOSE_SIX = ["Japan", "India", "South Korea", "Germany", "Mexico", "Brazil"]
BY_EXPORTS = list(EXPORTS)
BY_CHANGE = sorted(EXPORTS, key=lambda r: -EXPORTS[r][1])

CASES: dict[str, Case] = {
    "bar": Case(
        _spec(
            "bar",
            "change",
            format="percent:0",
            highlight=["Australia and Oceania"],
            reference={"value": 33, "label": "All regions"},
        ),
        _exports(1, BY_CHANGE),
        "Exports to Australia and Oceania more than doubled in 15 years",
        "Australia and Oceania 119 percent",
    ),
    "hbar": Case(
        _spec("hbar", "exports", format="$plain:1B", highlight=["Asia"]),
        _exports(0, BY_EXPORTS),
        "Asia is the second market",
        "Asia $23.0B",
    ),
    "grouped-bar": Case(
        _spec("grouped-bar", ["p2004", "p2023"], format="compact:1", highlight=["China"]),
        _production(TEN),
        "China now builds nearly a third of the world's vehicles",
        "China 30.2 million in 2023, up from 5.2 million in 2004",
    ),
    "stacked-bar": Case(
        _spec(
            "stacked-bar",
            ["p2004", "p2023"],
            format="compact:1",
            transpose=True,
            highlight=["China"],
        ),
        _by_country(TEN[:5]),
        "Five countries built 59.9 million vehicles in 2023",
        "2023: China 30.2 million",
    ),
    "line": Case(
        _spec("line", ["p2004", "p2023"], format="compact:1", transpose=True, highlight=["USA"]),
        _by_country(TOP_SIX),
        "The U.S. built 1.4 million fewer vehicles in 2023 than in 2004",
        "USA fell from 12.0 million in 2004 to 10.6 million in 2023",
    ),
    "slope": Case(
        _spec(
            "line",
            ["p2004", "p2023"],
            format="compact:1",
            transpose=True,
            highlight=["India"],
            reference={"value": "mean", "label": "Average"},
        ),
        _by_country(CLOSE_SIX),
        "India's output rose almost fortyfold",
        # One unit for the chart's labels, so its alt text says "0.2 million" as it shows 0.2M.
        "India rose from 0.2 million in 2004 to 5.9 million in 2023",
    ),
    "area": Case(
        _spec("area", ["wind", "hydro", "solar"], format="plain:0", highlight=["Wind"]),
        _power(["Wind", "Hydro", "Solar"]),
        "Wind overtook hydro in 2019",
        "Wind rose from 227 in 2016 to 425 in 2023, peaking at 434 in 2022",
    ),
    "stacked-area": Case(
        _spec("stacked-area", list(POWER), format="plain:0", highlight=["Natural gas"]),
        _power(list(POWER)),
        "Gas replaced coal as the largest source",
        "the largest part in 2023 is Natural gas, 1,802 (54% of the total)",
    ),
    "donut": Case(
        _spec("donut", "exports", format="$plain:1B", highlight=["North America"]),
        _exports(0, BY_EXPORTS),
        "North America buys close to two-thirds of U.S. auto exports",
        "North America $89.9B (63% of the total)",
    ),
    # 120 months on a time axis, the axis starting near the data (tests/data).
    "monthly": Case(
        *_monthly(
            type="line",
            x="month",
            y="total_nonfarm",
            scale=1000,
            series_labels={"total_nonfarm": "All jobs"},
            axis={"zero": False},
        ),
        "The U.S. lost 8.7 million jobs between January 2008 and February 2010",
        "from 137.5 million in January 2007 to 145.3 million in December 2016, with a low of "
        "129.7 million in February 2010",
    ),
    "indexed": Case(
        *_monthly(
            type="line",
            x="month",
            y=["construction", "manufacturing", "health_care", "government"],
            index="2007-01",
            series_labels={"health_care": "Health care"},
            highlight=["Health care"],
        ),
        "Health care kept hiring through the recession",
        "120 points from January 2007 to December 2016; indexed to 100 in January 2007",
    ),
    "log": Case(
        *_monthly(
            type="line",
            x="date",
            y="price",
            filter=[{"column": "symbol", "value": "ADVW"}],
            series_labels={"price": "ADVW"},
            format="$plain:0",
            axis={"log": True},
            frame="stocks",
        ),
        "ADVW's price rose almost sixfold in five years",
        "65 points from August 2004 to December 2009; on a logarithmic scale",
    ),
    "many-bars": Case(
        *_monthly(
            type="bar",
            x="month",
            y="construction",
            scale=1000,
            filter=[{"column": "month", "op": ">=", "value": "2008"}],
            top=36,
            highlight=["2009-01"],
        ),
        "Construction jobs fell for three years",
        "January 2009",
    ),
    "scatter": Case(
        _spec(
            "scatter",
            "share",
            name="port",
            format="percent:1",
            x_format="$plain:1B",
            highlight=["Brunswick, GA"],
            trend="linear",
        ),
        _ports(),
        "Brunswick, Georgia: vehicles are 87% of its port total",
        "Brunswick, GA $28.2B, 87.0 percent",
    ),
    "dot": Case(
        _spec("dot", ["p2004", "p2023"], format="compact:1", highlight=["China"]),
        _production(TEN),
        "China's output rose most",
        "China rose most, from 5.2 million to 30.2 million",
    ),
    "range": Case(
        _spec("range", ["p2004", "p2023"], format="compact:1", highlight=["USA"]),
        _production(CLOSE_SIX),
        "Production spans narrowed in Brazil",
        "narrowest Brazil, 2.317 million in 2004 to 2.325 million in 2023",
    ),
    "arrow": Case(
        _spec("arrow", ["p2004", "p2023"], format="compact:1", highlight=["USA"]),
        _production(TEN),
        "The U.S. and Japan built fewer vehicles in 2023 than in 2004",
        "USA from 12.0 million to 10.6 million (\u22121.4 million)",
    ),
    "waterfall": Case(
        _spec(
            "waterfall",
            "change",
            format="$plain:1B",
            start={"label": "2008", "value": 107.4},
            end={"label": "2023", "value": 143.2},
            highlight=["North America"],
        ),
        ChartData(tuple(EXPORT_CHANGES), (Series("change", tuple(EXPORT_CHANGES.values())),)),
        "Exports grew by $35.8B from 2008, three-quarters of it to North America",
        "Starts at $107.4B in 2008; North America +$27.0B",
    ),
    "map": Case(
        chart(
            type="map",
            data="d",
            region="state",
            y="share",
            format="percent:0",
            classes=[15, 20, 30],
            highlight=["AL"],
        ),
        ChartData(tuple(SHARES), (Series("share", tuple(SHARES.values())),)),
        "Vehicles and parts are 45% of Alabama's exports",
        "Alabama 45 percent (highest)",
    ),
}


def _job(name: str, theme: str, canvas: Canvas = CANVAS) -> ChartJob:
    case = CASES[name]
    return ChartJob(case.spec, case.data, load_theme(theme), canvas, title=case.title)


@dataclass(frozen=True)
class Drawn:
    """What a test needs from a laid-out figure, read while the theme's style is active."""

    removed: list[str]
    boxes: list[tuple[str, tuple[float, float, float, float]]]
    frame: tuple[float, float, float, float]
    sizes: list[tuple[str, float]]
    legend: bool
    title: str


def _undrawn_ticks(ax: Axes) -> set[str]:
    """Tick labels matplotlib keeps but does not draw: ticks just outside the view limits
    (the locator returns one beyond each end). They are visible texts to ``findobj``."""
    out = set()
    for axis, (lo, hi) in ((ax.xaxis, ax.get_xlim()), (ax.yaxis, ax.get_ylim())):
        lo, hi = min(lo, hi), max(lo, hi)
        slack = (hi - lo) * 1e-9
        for tick in axis.get_major_ticks():
            if not lo - slack <= tick.get_loc() <= hi + slack:
                out.add(tick.label1.get_text())
    return out


@functools.cache
def _drawn(name: str, theme: str) -> Drawn:
    job = _job(name, theme)
    with chart_style(job.theme, job.canvas):
        fig = job.figure(collisions=False)
        removed = remove_collisions(fig)
        ax = fig.axes[0]
        hidden = _undrawn_ticks(ax)
        boxes = [(t, (b.x0, b.y0, b.x1, b.y1)) for t, b in text_boxes(fig) if t not in hidden]
        texts = [
            t
            for t in fig.findobj(Text)
            if t.get_visible() and t.get_text().strip() and t.get_text() not in hidden
        ]
        return Drawn(
            removed,
            boxes,
            tuple(fig.bbox.bounds),  # type: ignore[arg-type]
            [(t.get_text(), t.get_fontsize()) for t in texts],
            ax.get_legend() is not None or bool(_key_squares(ax)),
            ax.get_title(),
        )


def _key_squares(ax: Axes) -> list[object]:
    """The squares of a hand-drawn key (a colour swatch per series name)."""
    from matplotlib.lines import Line2D

    return [a for a in ax.get_children() if isinstance(a, Line2D) and a.get_marker() == "s"]


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


ALL = [(name, theme) for name in CASES for theme in THEMES]


@functools.cache
def _rendered(name: str, theme: str) -> Asset:
    return _job(name, theme).render()


@pytest.mark.parametrize(("name", "theme"), ALL)
def test_png_is_exactly_the_canvas_size(name: str, theme: str) -> None:
    asset = _rendered(name, theme)
    with Image.open(io.BytesIO(asset.data)) as image:
        assert image.size == CANVAS.pixels


@pytest.mark.parametrize("name", list(CASES))
def test_rendering_twice_gives_identical_bytes(name: str) -> None:
    assert _job(name, "dark").render().data == _rendered(name, "dark").data


def test_rendering_at_print_resolution_is_deterministic_too() -> None:
    canvas = replace(CANVAS, dpi=200)
    first = _job("grouped-bar", "corporate", canvas).render()
    assert first.data == _job("grouped-bar", "corporate", canvas).render().data
    with Image.open(io.BytesIO(first.data)) as image:
        assert image.size == canvas.pixels


@pytest.mark.parametrize("theme", THEMES)
def test_png_has_the_pixels_savefig_would_draw(theme: str) -> None:
    """The chart is drawn on the Agg canvas directly (not through savefig) and encoded by
    deckgen.render.png: same pixels and resolution as matplotlib's own PNG."""
    job = _job("line", theme)
    with chart_style(job.theme, job.canvas):
        buffer = io.BytesIO()
        job.figure().savefig(buffer, format="png", dpi=job.canvas.dpi)
    ours = job.render().data
    with Image.open(buffer) as theirs, Image.open(io.BytesIO(ours)) as mine:
        assert mine.tobytes() == theirs.convert("RGB").tobytes()
        assert mine.info["dpi"] == pytest.approx(theirs.info["dpi"], abs=0.01)


@pytest.mark.parametrize("name", ["bar", "grouped-bar", "scatter"])
def test_a_layout_run_measures_tick_labels_once_unless_the_axis_has_a_title(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Placing an axis title measures every tick label a second time; only a titled axis
    (a scatter's x) pays for it, and its title still sits under its tick labels."""
    from matplotlib.axis import Axis

    titled: list[str] = []
    siblings = Axis._get_tick_boxes_siblings

    def counted(self: Axis, renderer: object) -> object:
        titled.append(self.label.get_text())
        return siblings(self, renderer)

    monkeypatch.setattr(Axis, "_get_tick_boxes_siblings", counted)
    job = _job(name, "corporate")
    with chart_style(job.theme, job.canvas):
        fig = job.figure()
        fig.canvas.draw()
        ax = fig.axes[0]
        assert all(titled), titled  # never for an axis without a title
        if ax.xaxis.label.get_text():
            assert titled
            renderer = fig.canvas.get_renderer()
            title = ax.xaxis.label.get_window_extent(renderer)
            ticks = [t.get_window_extent(renderer) for t in ax.get_xticklabels() if t.get_text()]
            assert ticks and title.y1 <= min(t.y0 for t in ticks) + 0.5


@pytest.mark.parametrize(("name", "theme"), ALL)
def test_laying_out_without_drawing_gives_the_picture_a_full_draw_would(
    name: str, theme: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``settle`` runs only the layout engine, not a draw with rendering switched off; the
    picture must be byte for byte the one the full (slower) pass gives."""
    from deckgen.kinds.charts import (
        _dots,
        area,
        donut,
        grouped,
        line,
        scatter,
        stacked,
        stacked_area,
        waterfall,
    )
    from deckgen.kinds.charts import map as state_map
    from deckgen.render import labels

    fast = _rendered(name, theme).data
    modules = (labels, donut, grouped, line, scatter, stacked, _dots, waterfall, state_map,
               area, stacked_area)  # fmt: skip
    for module in modules:
        monkeypatch.setattr(module, "settle", lambda fig: fig.draw_without_rendering())
    assert _job(name, theme).render().data == fast


@pytest.mark.parametrize(("name", "theme"), ALL)
def test_no_marked_label_is_removed_for_the_sample_data(name: str, theme: str) -> None:
    assert _drawn(name, theme).removed == []


@pytest.mark.parametrize(("name", "theme"), ALL)
def test_no_two_visible_texts_overlap(name: str, theme: str) -> None:
    boxes = _drawn(name, theme).boxes
    clashes = [
        (a, b)
        for k, (a, box_a) in enumerate(boxes)
        for b, box_b in boxes[k + 1 :]
        if _overlap(box_a, box_b)
    ]
    assert clashes == []


@pytest.mark.parametrize(("name", "theme"), ALL)
def test_no_text_leaves_the_figure(name: str, theme: str) -> None:
    drawn = _drawn(name, theme)
    x, y, w, h = drawn.frame
    outside = [
        t
        for t, (x0, y0, x1, y1) in drawn.boxes
        if x0 < x - 0.5 or y0 < y - 0.5 or x1 > x + w + 0.5 or y1 > y + h + 0.5
    ]
    assert outside == []


@pytest.mark.parametrize(("name", "theme"), ALL)
def test_every_text_is_at_least_the_theme_label_size(name: str, theme: str) -> None:
    sizes = load_theme(theme).theme.sizes
    smallest = sizes.chart_label * CANVAS.scale
    assert smallest >= 12
    small = [(t, s) for t, s in _drawn(name, theme).sizes if s < smallest - 1e-6]
    assert small == []


@pytest.mark.parametrize(("name", "theme"), ALL)
def test_no_chart_has_a_title_or_legend_inside_the_image(name: str, theme: str) -> None:
    drawn = _drawn(name, theme)
    assert drawn.title == ""
    assert not drawn.legend


def test_the_cases_cover_every_chart_type() -> None:
    """So the size, overlap and no-key tests above run over every type in every theme."""
    from deckgen.kinds import CHART_TYPES

    assert {case.spec.type for case in CASES.values()} == set(CHART_TYPES)


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize(
    ("name", "horizontal", "label"),
    [("bar", False, "All regions: 33%"), ("hbar", True, "Mean: $23.9B")],
)
def test_a_reference_label_sits_clear_of_its_line(
    name: str, horizontal: bool, label: str, theme: str
) -> None:
    """Never struck through: the label's box (with its descenders) is at least 2 pt off the
    dashed line, above it (a level line) or beside it (an upright one)."""
    job = _job(name, theme)
    if horizontal:
        fields = {
            **job.spec.model_dump(exclude_unset=True),
            "reference": {"value": "mean", "label": "Mean"},
        }
        job = replace(job, spec=chart(**fields))
    with chart_style(job.theme, job.canvas):
        fig = job.figure()
        boxes = dict(text_boxes(fig))
        ax = fig.axes[0]
        line = next(ln for ln in ax.get_lines() if ln.get_linestyle() not in ("-", "None"))
        points = 72 / fig.dpi
        box = boxes[label]
        if horizontal:
            x = ax.transData.transform((line.get_xdata()[0], 0))[0]
            assert (box.x0 - x) * points >= 2
        else:
            y = ax.transData.transform((0, line.get_ydata()[0]))[1]
            assert (box.y0 - y) * points >= 2
            assert box.x1 <= ax.get_window_extent().x1 + 0.5  # ends at the plot's right


@pytest.mark.parametrize("name", list(CASES))
def test_alt_text_mentions_the_highlighted_category_and_its_value(name: str) -> None:
    case = CASES[name]
    alt = _rendered(name, "corporate").alt
    assert case.alt in alt
    assert case.title in alt


def test_every_sample_value_is_labelled_somewhere() -> None:
    texts = {t for t, _ in _drawn("slope", "corporate").boxes}
    values = [G20[country][1] for country in CLOSE_SIX]
    shown = CASES["slope"].spec.format.format_values(values)
    for country, value in zip(CLOSE_SIX, shown, strict=True):
        assert f"{country}  {value}" in texts


def test_line_end_labels_do_not_overlap() -> None:
    """South Korea 4.2M, Germany 4.1M and Mexico 4.0M end within a few points of one
    another: their labels are spread a full line apart, in the order of the values."""
    boxes = dict(_drawn("slope", "corporate").boxes)
    ends = (("South Korea", "4.2M"), ("Germany", "4.1M"), ("Mexico", "4.0M"))
    close = [boxes[f"{country}  {value}"] for country, value in ends]
    for upper, lower in pairwise(close):
        assert lower[3] <= upper[1]  # the lower label's top is below the upper's bottom
        assert upper[1] - lower[1] >= (upper[3] - upper[1])


def test_slope_chart_labels_start_values_at_the_left_end() -> None:
    boxes = dict(_drawn("slope", "corporate").boxes)
    right = boxes["Japan  9.0M"]
    left = boxes["10.5M"]  # Japan in 2004
    assert left[2] < right[0]


def test_donut_labels_every_slice_even_small_adjacent_ones() -> None:
    texts = {t for t, _ in _drawn("donut", "contrast").boxes}
    for region in ("South/Central America", "Australia and Oceania", "Africa"):
        assert any(t.startswith(f"{region}  ") for t in texts)
    assert "$143.2B" in texts
    assert "Total" in texts


def test_grouped_bars_label_every_bar_when_the_labels_fit() -> None:
    countries = ["China", "USA", "India", "Japan"]
    job = replace(_job("grouped-bar", "corporate"), data=_production(countries))
    with chart_style(job.theme, job.canvas):
        fig = job.figure()
        texts = [t for t, _ in text_boxes(fig)]
        assert fig.axes[0].get_yticks().size == 0  # every value written: no value axis
    values = [G20[country][year] for country in countries for year in (0, 1)]
    for value in job.spec.format.format_values(values):
        assert value in texts


def test_grouped_bars_label_the_latest_series_when_labels_would_not_fit() -> None:
    job = _job("grouped-bar", "corporate")
    with chart_style(job.theme, job.canvas):
        fig = job.figure()
        texts = [t for t, _ in text_boxes(fig)]
        ticks = [t.get_text() for t in fig.axes[0].get_yticklabels() if t.get_text()]
    assert "30.2M" in texts and "5.2M" not in texts  # China 2023 yes, 2004 no
    assert ticks[:3] == ["0", "5M", "10M"]  # read the rest off compact gridline labels


def test_highlighted_category_tick_label_is_bold() -> None:
    job = _job("grouped-bar", "corporate")
    with chart_style(job.theme, job.canvas):
        fig = job.figure()
        weights = {t.get_text(): t.get_fontweight() for t in fig.axes[0].get_xticklabels()}
    assert weights["China"] == "bold"
    assert weights["USA"] == "normal"


def test_stacked_bar_names_series_beside_the_last_column() -> None:
    job = _job("stacked-bar", "corporate")
    with chart_style(job.theme, job.canvas):
        fig = job.figure()
        ax = fig.axes[0]
        boxes = dict(text_boxes(fig))
        column_right = ax.transData.transform((1 + job.theme.theme.chart.bar_width / 2, 0))[0]
    # India's name says its 2004 sliver, too thin to see: 'India (0.2M in 2004)'.
    names = {text.split(" (")[0]: box for text, box in boxes.items()}
    for country in TEN[:5]:
        assert names[country].x0 > column_right
    assert "59.9M" in boxes  # the 2023 total above its column


def test_missing_values_break_the_line() -> None:
    data = ChartData(
        ("2004", "2008", "2012", "2016"),
        (Series("India", (155157.0, None, 4174713.0, 4519341.0)),),
    )
    job = replace(_job("line", "corporate"), data=data, spec=_spec("line", "p", format="compact:1"))
    with chart_style(job.theme, job.canvas):
        fig = job.figure()
        ys = fig.axes[0].get_lines()[0].get_ydata()
        texts = [t for t, _ in text_boxes(fig)]
    assert math.isnan(ys[1])
    assert "India  4.5M" in texts


def test_bars_start_the_value_axis_at_zero() -> None:
    for name in ("grouped-bar", "stacked-bar", "line"):
        job = _job(name, "corporate")
        with chart_style(job.theme, job.canvas):
            assert job.figure().axes[0].get_ylim()[0] == 0


def test_spread_keeps_labels_apart_in_order_and_in_bounds() -> None:
    wanted = [40.0, 41.0, 42.0, 10.0, 99.0]
    sizes = [4.0, 4.0, 6.0, 4.0, 4.0]
    placed = spread(wanted, sizes, 0.0, 100.0, gap=1.0)
    order = sorted(range(5), key=lambda i: wanted[i])
    for a, b in pairwise(order):
        assert placed[b] - placed[a] >= (sizes[a] + sizes[b]) / 2 + 1.0 - 1e-9
    assert placed[3] == 10.0  # a label with room stays where it is
    assert placed[1] == pytest.approx(41.0, abs=1.0)  # a bunched group centres on its wishes
    assert all(p - s / 2 >= 0 and p + s / 2 <= 100 for p, s in zip(placed, sizes, strict=True))


def test_tick_labels_drop_needless_decimals() -> None:
    formatter = tick_formatter(_job("grouped-bar", "corporate"))
    assert formatter.format_ticks([0, 1e7, 2e7, 3e7]) == ["0", "10M", "20M", "30M"]
    assert formatter.format_ticks([0, 2.5e6, 5e6]) == ["0", "2.5M", "5.0M"]
    assert formatter.format_ticks([0, 5e5, 1e6]) == ["0", "0.5M", "1.0M"]
    percent = tick_formatter(_job("bar", "corporate"))
    assert percent.format_ticks([-40, 0, 40, 80]) == ["−40%", "0%", "40%", "80%"]


def test_a_word_after_the_number_is_written_on_the_outermost_tick_alone() -> None:
    """'250,000 vehicles registered' on each of six ticks took a third of the chart's width
    (found in review); a newsroom writes the unit once, on the last tick. A unit sign
    ('$plain:1B', '%') stays on every tick."""
    from dataclasses import replace

    from deckgen.outline.formats import NumberFormat

    job = _job("bar", "corporate")
    words = NumberFormat.model_validate("plain:0 vehicles")
    # value_labels off: the chart has a value axis
    worded = replace(job, spec=job.spec.model_copy(update={"format": words, "value_labels": False}))
    with chart_style(worded.theme, worded.canvas):
        fig = worded.figure()
        fig.canvas.draw()
        lo, hi = fig.axes[0].get_ylim()  # matplotlib keeps a tick past the limits, undrawn
        ticks = fig.axes[0].get_yticklabels()
        texts = [t.get_text() for t in ticks if t.get_text() and lo <= t.get_position()[1] <= hi]
    assert len(texts) > 2 and texts[-1].endswith(" vehicles")
    assert not any("vehicles" in t for t in texts[:-1]), texts
    formatter = tick_formatter(replace(job, spec=job.spec.model_copy(
        update={"format": NumberFormat.model_validate("$plain:1B")})))  # fmt: skip
    assert formatter.format_ticks([0, 10, 20]) == ["$0B", "$10B", "$20B"]


def test_the_widest_of_many_names_is_found_measuring_few(monkeypatch) -> None:
    """A line of 30,000 named points measured every name twice (4.7 s of a build, found in
    review): names are ranked by their letters' widths and the widest few measured."""
    import random

    from deckgen.render import chartkit

    job = _job("line", "corporate")
    rng = random.Random(7)
    names = [f"{rng.choice(['Item', 'Wide WWW', 'thin ill'])} {k}" for k in range(3000)]
    exact = max(chartkit.text_width_pt(job, n) for n in names)
    measured: list[str] = []
    real = chartkit.text_width_pt
    monkeypatch.setattr(chartkit, "text_width_pt",
                        lambda j, t, **kw: measured.append(t) or real(j, t, **kw))  # fmt: skip
    assert chartkit.widest_pt(job, names) == exact
    assert len(measured) <= len(set("".join(names))) + 64


@pytest.mark.parametrize("name", list(CASES))
def test_value_ticks_use_the_one_number_formatter(name: str) -> None:
    """Every axis that shows numbers writes them with the chart's format in one unit and
    precision (``tick_formatter`` -> ``NumberFormat.format_values``), never matplotlib's
    default number formatting ('1e7', '0.50' beside '1')."""
    from matplotlib.ticker import LogFormatter, ScalarFormatter

    job = _job(name, "corporate")
    with chart_style(job.theme, job.canvas):
        fig = job.figure()
        fig.canvas.draw()
        for ax in fig.axes:
            for axis in (ax.xaxis, ax.yaxis):
                shown = [t for t in axis.get_ticklabels() if t.get_visible() and t.get_text()]
                if axis.get_visible() and shown:
                    formatter = axis.get_major_formatter()
                    assert not isinstance(formatter, ScalarFormatter | LogFormatter), name


@pytest.mark.parametrize("theme", THEMES)
def test_the_theme_fonts_have_tabular_figures(theme: str) -> None:
    """Numbers on axes and in tables line up digit for digit: each theme's body and number
    fonts draw all ten digits at one width (matplotlib cannot switch on the OpenType
    ``tnum`` feature, so a font whose default figures are proportional would not)."""
    from fontTools.ttLib import TTFont

    loaded = load_theme(theme)
    for face in (loaded.body, loaded.number):
        for bold in (False, True):
            font = TTFont(face.file(bold))
            cmap, metrics = font.getBestCmap(), font["hmtx"]
            widths = {metrics[cmap[ord(d)]][0] for d in "0123456789"}
            assert len(widths) == 1, (theme, face.file(bold).name)
