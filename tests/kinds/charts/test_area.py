"""Area charts on data written for the test (U.S. electricity generation by source,
us_generation.csv): alt text from the data, native series equal to the data, solid areas
only where they nest, a gap for a missing value, close ends labelled apart, the story's
line in the accent. What area shares with stacked-area is tested in test__areas.py."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from matplotlib.collections import PolyCollection
from pptx.enum.chart import XL_CHART_TYPE

from deckgen.errors import DeckgenError
from deckgen.kinds.charts.area import layering
from deckgen.pipeline import BuildOptions, build
from deckgen.render.labels import text_boxes
from deckgen.render.style import chart_style
from deckgen.tables.dates import Month
from deckgen.tables.select import ChartData, Series
from tests.helpers import write_project
from tests.kinds.charts import areas
from tests.kinds.charts.areas import THEMES, YEARS, Built, column, labels, monthly, overlap, power

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from matplotlib.figure import Figure

    from deckgen.render.charts import ChartJob


def job(data: ChartData, theme: str = "corporate", **fields: object) -> ChartJob:
    return areas.job("area", data, theme, **fields)


@pytest.fixture(params=THEMES)
def built(request: pytest.FixtureRequest, area_deck: Callable[[str, str], Built]) -> Built:
    return area_deck("area", request.param)


# --------------------------------------------------------------------------- the deck
def test_the_picture_carries_alt_text_from_the_data(built: Built) -> None:
    descr = next(d for d in areas.descriptions(built.deck.slides[0]) if d.startswith("Area chart"))
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


# --------------------------------------------------------------------------- the picture
def _areas(fig) -> list[PolyCollection]:  # type: ignore[no-untyped-def]
    return [c for c in fig.axes[0].collections if isinstance(c, PolyCollection)]


def test_nested_areas_are_solid_with_the_largest_behind() -> None:
    # Gas > wind > solar every year: each area lies inside the one behind it.
    drawn = job(power("solar", "natural_gas", "wind"))
    with chart_style(drawn.theme, drawn.canvas):
        found = _areas(drawn.figure())
    assert all(a.get_alpha() in (None, 1.0) for a in found)
    by_depth = sorted(found, key=lambda a: a.get_zorder())
    tops = [max(p.vertices[:, 1].max() for p in a.get_paths()) for a in by_depth]
    assert tops == [1802.0, 434.0, 165.0]  # gas at the back, solar in front


def test_crossing_areas_are_see_through_with_the_story_on_top() -> None:
    # Wind overtakes hydro in 2019: solid, either would hide part of the other.
    drawn = job(power("hydro", "wind", "solar"), highlight=["Solar"])
    with chart_style(drawn.theme, drawn.canvas):
        found = _areas(drawn.figure())
    assert all(a.get_alpha() is not None and a.get_alpha() < 0.5 for a in found)
    front = max(found, key=lambda a: a.get_zorder())
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


#: Clinic visits with no count for March at one clinic: the picture leaves a gap there.
_VISITS = "month,north,south\nJan,30,20\nFeb,40,20\nMar,-,30\nApr,50,30\nMay,60,40\n"


def _visits(tmp_path: Path, native: str) -> Path:
    outline = f"""\
        deck: {{title: Clinic visits}}
        data: {{visits: visits.csv}}
        slides:
          - kind: chart
            title: North's visits doubled from January to May
            source: Clinic records
            chart: {{type: area, data: visits, x: month, y: [north, south]{native}}}
        """
    return write_project(tmp_path, outline, {"visits.csv": _VISITS})


def test_a_native_chart_of_a_series_with_a_gap_is_refused_with_the_date(tmp_path: Path) -> None:
    """PowerPoint and LibreOffice fill an area's missing value down to zero: natively the
    North clinic's March read as no visits at all (found in review)."""
    with pytest.raises(DeckgenError) as caught:
        build(_visits(tmp_path, ", native: true"), BuildOptions(out_dir=tmp_path / "out"))
    message = " ".join(caught.value.format_message().split())
    assert "slides[0].chart.native" in message
    assert "north has no value for Mar" in message and "fall to zero" in message


def test_native_charts_keep_an_area_with_a_gap_a_picture_with_a_warning(tmp_path: Path) -> None:
    options = BuildOptions(out_dir=tmp_path / "out", native_charts=True)
    result = build(_visits(tmp_path, ""), options)
    assert result.pictures == 1
    assert any("kept as a picture" in w and "no value for Mar" in w for w in result.warnings)
    full = _VISITS.replace("Mar,-,30", "Mar,45,30")
    (tmp_path / "visits.csv").write_text(full, encoding="utf-8")
    assert build(tmp_path / "deck.yaml", options).pictures == 0  # no gap: native


def test_end_labels_do_not_overlap_when_two_series_end_at_nearly_the_same_value() -> None:
    hydro = (*column("hydro")[:-1], 424.0)  # wind ends at 425
    data = ChartData(YEARS, (Series("Wind", column("wind")), Series("Hydro", hydro),
                             Series("Solar", column("solar"))))  # fmt: skip
    for theme in THEMES:
        drawn = labels(job(data, theme))
        assert drawn.removed == []
        wind, hydro_ = drawn.boxes["Wind  425"], drawn.boxes["Hydro  424"]
        assert not overlap(wind, hydro_)
        assert hydro_[3] <= wind[1]  # the larger value's label is the upper one
        assert min(wind[0], hydro_[0]) > drawn.right  # at the right edge, outside the plot


@pytest.mark.parametrize("theme", THEMES)
def test_the_story_line_is_in_the_accent_and_the_rest_muted(theme: str) -> None:
    drawn = job(power("wind", "hydro", "solar"), theme, highlight=["Wind"])
    with chart_style(drawn.theme, drawn.canvas):
        fig = drawn.figure()
        # The top edges (the baseline at zero is a line too, of two points).
        lines = [ln.get_color() for ln in fig.axes[0].get_lines() if len(ln.get_xdata()) > 2]
    assert lines.count(drawn.theme.theme.colors.highlight) == 1
    assert len(lines) == 3


# --------------------------------------------------------------------------- time axis
def test_areas_sit_at_their_dates_and_unsorted_rows_still_run_forwards():
    from tests.helpers import employment_frame

    job_ = monthly("area", frame=employment_frame().iloc[::-1], sort={"by": "construction"})
    assert job_.data.categories[0] == "2007-01"  # the selection put the dates in order
    with chart_style(job_.theme, job_.canvas):
        fig = job_.figure()
        line = fig.axes[0].get_lines()[0]
        xs = list(line.get_xdata())
    assert xs == sorted(xs)
    assert xs[1] - xs[0] == 31 and xs[2] - xs[1] == 28  # January, then February 2007


# --------------------------------------------------------------------------- a lone value
#: Six months with May empty (fuzz-I/8): June's value, the one the title is about, stands
#: alone after the gap.
MONTHS = tuple(Month(2025, m, 1) for m in range(1, 7))
POSITIVITY = (11.9, 10.7, 9.0, 7.8, None, 6.0)


def _positivity(theme: str = "corporate") -> ChartJob:
    data = ChartData(tuple(d.isoformat()[:7] for d in MONTHS),
                     (Series("Positivity", POSITIVITY),), x_dates=MONTHS)  # fmt: skip
    return job(data, theme)


def _ink(fig: Figure, x: float, y: float) -> tuple[int, ...]:
    """The picture's colour at the data point (x, y) of its plot, drawn."""
    fig.canvas.draw()
    pixels = np.asarray(fig.canvas.buffer_rgba())  # type: ignore[attr-defined]
    px, py = fig.axes[0].transData.transform((x, y))
    return tuple(int(c) for c in pixels[round(pixels.shape[0] - py), round(px)][:3])


def _background(drawn: ChartJob) -> tuple[int, ...]:
    colour = drawn.theme.theme.colors.background.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))


@pytest.mark.parametrize("theme", THEMES)
def test_a_value_between_a_gap_and_the_end_is_drawn_and_its_label_sits_on_it(theme: str) -> None:
    """June after an empty May: no width to fill, so it was not drawn at all, and its end
    label stood at the plot's right edge over nothing (fuzz-I/8). A stem from zero in the
    area's colour and a dot at the value mark it; the label is level with the dot, just
    right of it."""
    from deckgen.render.chartkit import label_size, time_x

    drawn = _positivity(theme)
    june = time_x(MONTHS[-1])
    with chart_style(drawn.theme, drawn.canvas):
        fig = drawn.figure()
        background = _background(drawn)
        assert _ink(fig, june, 3.0) != background  # the stem, halfway up
        assert _ink(fig, june, 6.0) != background  # the dot
        assert _ink(fig, time_x(MONTHS[-2]), 3.0) == background  # May stays a gap
        boxes = dict(text_boxes(fig))
        px, py = fig.axes[0].transData.transform((june, 6.0))
        gap = 0.7 * label_size(drawn) * fig.dpi / 72
    label = boxes["Positivity  6"]
    assert abs((label.y0 + label.y1) / 2 - py) <= 2
    assert 0 < label.x0 - px <= gap + 2


def test_lone_values_among_categories_are_drawn_and_runs_are_not_marked() -> None:
    """A lone value in the middle and at the start is drawn; a run of two or more is an
    area with its edge, and takes no dot."""
    data = ChartData(("a", "b", "c", "d", "e", "f"),
                     (Series("Cases", (3.0, None, 5.0, None, 4.0, 6.0)),))  # fmt: skip
    drawn = job(data)
    with chart_style(drawn.theme, drawn.canvas):
        fig = drawn.figure()
        background = _background(drawn)
        assert _ink(fig, 0.0, 1.5) != background
        assert _ink(fig, 2.0, 2.5) != background
        assert _ink(fig, 1.0, 1.5) == background
        dots = [ln for ln in fig.axes[0].get_lines() if ln.get_marker() == "o"]
    assert [list(zip(d.get_xdata(), d.get_ydata(), strict=True)) for d in dots] == [
        [(0.0, 3.0), (2.0, 5.0)]
    ]


def test_the_alt_text_counts_the_points_with_values_and_names_the_gap() -> None:
    """Five values and a gap are five points, and the gap is said (it read '6 points', the
    trend unbroken)."""
    alt = _positivity().alt()
    assert "5 points from January 2025 to June 2025." in alt
    assert "6 points" not in alt
    assert (
        "Positivity fell from 12 in January 2025 to 6 in June 2025 (no value for May 2025)" in alt
    )


def test_the_alt_text_says_a_gap_inside_a_series() -> None:
    """A missing year inside a series is said where its trend is (a stacked area counts it
    as zero, and says it so): read as unbroken, the trend misled."""
    wind = list(column("wind"))
    wind[5] = None  # type: ignore[call-overload]
    data = ChartData(YEARS, (Series("Wind", tuple(wind)), Series("Solar", column("solar"))))
    alt = job(data).alt()
    said = "Wind rose from 95 in 2010 to 425 in 2023, peaking at 434 in 2022"
    said += f" (no value for {YEARS[5]});"
    assert said in alt
    assert "(no value" not in alt.split("Solar", 1)[1]


#: Eight seasons' average attendance, made up for the test (a pandemic season at zero).
SEASONS = ("2018/19", "2019/20", "2020/21", "2021/22", "2022/23", "2023/24", "2024/25",
           "2025/26")  # fmt: skip
ATTENDANCE = (21450.0, 18200, 0, 17900, 22300, 23850, 24600, 25900)


@pytest.mark.parametrize("theme", ["corporate", "dark", "contrast"])
def test_category_ticks_on_a_card_keep_an_em_apart(theme: str) -> None:
    """On an og card the seasons '2019/20 2022/23 2025/26' stood about 9 px apart and read
    as one string (found in review): ticked for the plot before the end labels narrowed
    it, a collision pass's padding apart. Ticked again for the final plot, the labels
    shown keep at least an em between them, the last season always among them."""
    from dataclasses import replace
    from itertools import pairwise

    from deckgen.layout.units import Inches
    from deckgen.render.jobs import Canvas

    og = Canvas(Inches(3.6389), Inches(2.7986), dpi=144, scale=1.2857)  # an og card's chart
    drawn = replace(job(ChartData(SEASONS, (Series("attendance", ATTENDANCE),)), theme),
                    canvas=og)  # fmt: skip
    with chart_style(drawn.theme, drawn.canvas):
        fig = drawn.figure()
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        ax = fig.axes[0]
        lo, hi = ax.get_xlim()
        ticks = [(tick.get_loc(), tick.label1) for tick in ax.xaxis.get_major_ticks()]
        shown = [(x, t) for x, t in ticks
                 if t.get_visible() and t.get_text() and lo - 1e-9 <= x <= hi + 1e-9]  # fmt: skip
        boxes = sorted((t.get_window_extent(renderer) for _, t in shown), key=lambda b: b.x0)
        em = shown[0][1].get_fontsize() * fig.dpi / 72
        assert shown[-1][1].get_text() == "2025/26"
        gaps = [b.x0 - a.x1 for a, b in pairwise(boxes)]
        assert all(gap >= em for gap in gaps), (gaps, em, [t.get_text() for _, t in shown])
