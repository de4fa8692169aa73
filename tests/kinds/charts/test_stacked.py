"""Stacked bars: each column's segment labels add up to the total printed above it."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.colors import to_rgb
from matplotlib.text import Annotation

from deckgen.render.style import chart_style
from tests.helpers import load_theme
from tests.kinds.charts.jobs import figure, job


def _columns(chart_job) -> list[tuple[list[str], str]]:
    """Per column, as drawn: its segment labels (bottom up) and the total above it. Segment
    labels are texts placed in data coordinates at the column; totals are annotations
    pointing at it (series names are annotations too, right of the last column)."""
    fig = figure(chart_job)
    ax = fig.axes[0]
    texts = [t for t in ax.texts if t.get_visible() and t.get_text()]
    out = []
    for i in range(len(chart_job.data.categories)):
        segments = sorted(
            (t for t in texts if not isinstance(t, Annotation) and t.get_position()[0] == i),
            key=lambda t: t.get_position()[1],
        )
        totals = [t for t in texts if isinstance(t, Annotation) and t.xy[0] == i]
        assert len(totals) == 1
        out.append(([t.get_text() for t in segments], totals[0].get_text()))
    return out


def _number(text: str) -> float:
    return float(text.rstrip("MK%").replace(",", ""))


@pytest.mark.parametrize(
    ("fmt", "values", "segments", "total"),
    [
        # 1.14 three times is 3.42, printed 3.4; one by one the parts print 1.1 + 1.1 + 1.1.
        ("plain:1", [1.14, 1.14, 1.14], ["1.2", "1.1", "1.1"], "3.4"),
        # 4.26 + 4.26 + 1.48 = 10.0; one by one 4.3 + 4.3 + 1.5 = 10.1: equal parts print
        # alike, so 1.48 gives up the unit.
        ("plain:1", [4.26, 4.26, 1.48], ["4.3", "4.3", "1.4"], "10.0"),
        ("compact:1", [1.14e6, 1.14e6, 1.14e6], ["1.2M", "1.1M", "1.1M"], "3.4M"),
        ("percent:0", [33.3, 33.3, 33.4], ["33%", "33%", "34%"], "100%"),
    ],
)
def test_segment_labels_add_up_to_the_printed_total(fmt, values, segments, total) -> None:
    series = {f"Part {k}": [v, v] for k, v in enumerate(values)}
    chart_job = job("stacked-bar", ["2004", "2023"], series, format=fmt)
    for drawn, printed in _columns(chart_job):
        assert (drawn, printed) == (segments, total)
        assert sum(_number(t) for t in drawn) == pytest.approx(_number(printed))


def test_columns_are_rounded_each_against_its_own_total() -> None:
    series = {"A": [1.14, 2.0], "B": [1.14, 2.0], "C": [1.14, 2.0]}
    chart_job = job("stacked-bar", ["x", "y"], series, format="plain:1")
    assert _columns(chart_job) == [(["1.2", "1.1", "1.1"], "3.4"), (["2.0", "2.0", "2.0"], "6.0")]


def test_segments_print_in_the_unit_of_their_total() -> None:
    """930K and 1.47M make 2.4M: rounded on the total's place, the smaller part reads
    '0.9M' (not '930.0K', nor '900.0K', a precision the rounding removed)."""
    chart_job = job("stacked-bar", ["x"], {"A": [9.3e5], "B": [1.47e6]}, format="compact:1")
    assert _columns(chart_job) == [(["0.9M", "1.5M"], "2.4M")]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(1e3, 5e7), min_size=2, max_size=6))
def test_a_column_s_segments_share_their_total_s_unit_and_precision(parts) -> None:
    """'9.0M' beside '5.9M' (never '9M'), and parts of a total in millions in millions
    ('0.2M', never '155.0K'): the segments are read together with their total, in its unit
    and precision, which takes the decimals a small part needs to read as itself (1,000
    beside 998,950 read '0.0M': found by fuzzing)."""
    from deckgen.kinds.charts.stacked import _least, _segment_texts, _write

    chart_job = job("stacked-bar", ["2023"], {f"s{k}": [v] for k, v in enumerate(parts)},
                    format="compact:1")  # fmt: skip
    texts = _segment_texts(chart_job, [(0, k, 0.0, v) for k, v in enumerate(parts)])
    total = _write(chart_job, sum(parts))  # as the label above the column writes it
    unit = total[-1] if total[-1].isalpha() else ""
    decimals = len(total.rstrip("KMBT").split(".")[-1]) if "." in total else 0
    least = _least(chart_job.data, chart_job.canvas.height.pt)
    for k, text in texts.items():
        if parts[k[1]] < least:  # under 3 pt tall on any plot: no label writes it
            continue
        assert text.endswith(unit) if unit else text[-1].isdigit()
        assert len(text.rstrip("KMBT").split(".")[-1]) == decimals if decimals else "." not in text
        if parts[k[1]] >= 0.01 * max(parts):  # no rounding to the total takes it to 0
            assert text.strip("0.KMBT") != "", text


#: Vehicle production by country, 2004 and 2023 (compact: millions), as on the sample's
#: page: India's 2004 part is a sliver, China's and South Korea's too thin for their values.
PRODUCTION = {
    "China": [5.2e6, 30.2e6],
    "USA": [12.0e6, 10.6e6],
    "Japan": [10.5e6, 9.0e6],
    "India": [0.16e6, 5.9e6],
    "South Korea": [3.5e6, 4.2e6],
}


def _outside(chart_job, fig) -> dict[int, list[Annotation]]:
    """Per column, the values written left of it (annotations pointing at its left edge)."""
    half = chart_job.theme.theme.chart.bar_width / 2
    ax = fig.axes[0]
    out: dict[int, list[Annotation]] = {}
    for t in ax.texts:
        if isinstance(t, Annotation) and t.get_visible() and t.get_ha() == "right":
            out.setdefault(round(t.xy[0] + half), []).append(t)
    return out


@pytest.mark.parametrize("theme", ["corporate", "dark", "contrast"])
def test_a_segment_too_thin_for_its_value_has_it_left_of_its_column(theme: str) -> None:
    from deckgen.kinds.charts.stacked import stack_colors
    from deckgen.render.chartkit import legible
    from deckgen.render.labels import _ATTACHED

    chart_job = job("stacked-bar", ["2004", "2023"], PRODUCTION, format="compact:1", theme=theme)
    fig = figure(chart_job)
    outside = _outside(chart_job, fig)
    inside = [t.get_text() for t in fig.axes[0].texts if not isinstance(t, Annotation)]
    drawn = [t.get_text() for column in outside.values() for t in column] + inside
    # Every segment tall enough to see has its value, inside or out; India's 0.16 million
    # of 2004 (under a point tall) has none beside it, a number pointing at nothing: its
    # name says it (test_a_sliver_s_value_is_said_with_its_series_name).
    seen = ["5.2M", "12.0M", "10.5M", "3.5M", "30.2M", "10.6M", "9.0M", "5.9M", "4.2M"]
    assert sorted(drawn) == sorted(seen)
    assert "3.5M" in {t.get_text() for t in outside.get(0, [])}
    assert "0.2M" not in drawn
    renderer = fig.canvas.get_renderer()
    ax = fig.axes[0]
    half = chart_job.theme.theme.chart.bar_width / 2
    fills = {"5.2M": 0, "3.5M": 4}
    for label in outside[0]:
        box = label.get_window_extent(renderer)
        left_edge = ax.transData.transform((0 - half, 0))[0]
        assert box.x1 < left_edge  # clear of its column
        assert _ATTACHED.get(label)  # on a leader to its segment, which goes with it
        if label.get_text() in fills:  # in its series' colour, as the names on the right
            fill = stack_colors(chart_job)[fills[label.get_text()]]
            assert label.get_color() == legible(chart_job, fill)


def test_no_value_is_written_outside_a_column_when_the_gap_cannot_hold_it() -> None:
    """Forty columns leave a few points between them: thin segments stay unlabelled."""
    categories = [str(2000 + k) for k in range(40)]
    series = {"Big": [30.2e6] * 40, "Thin": [1.1e6] * 40}
    chart_job = job("stacked-bar", categories, series, format="compact:1")
    assert _outside(chart_job, figure(chart_job)) == {}


def test_small_segments_read_as_themselves_in_the_total_s_precision() -> None:
    """20K and 30K on a column of 1.05M read '0' and '0.1M' (three times itself) at the
    total's one decimal (found by fuzzing): segments and totals now share the decimals the
    smallest written one needs. The 4K sliver beside 1.1M, under a point tall and never
    written, gives them none: it wrote every label '1.050M' (fuzzing again)."""
    chart_job = job("stacked-bar", ["2022", "2023"],
                    {"cars": [1_000_000.0, 1_100_000.0], "vans": [30_000.0, 25_000.0],
                     "bikes": [20_000.0, 4_000.0]}, format="compact:1")  # fmt: skip
    from deckgen.kinds.charts.stacked import _segment_texts

    segments = [(i, j, 0.0, s.values[i]) for j, s in enumerate(chart_job.data.series)
                for i in range(2)]  # fmt: skip
    texts = _segment_texts(chart_job, segments)
    assert [texts[0, j] for j in range(3)] == ["1.00M", "0.03M", "0.02M"]
    assert [texts[1, j] for j in range(2)] == ["1.10M", "0.03M"]
    assert [total for _, total in _columns(chart_job)] == ["1.05M", "1.13M"]
    assert "2023: cars 1.10 million, vans 0.03 million, bikes 0.004 million" in chart_job.alt()


@pytest.mark.parametrize("theme", ["corporate", "dark", "contrast", "corporate-template"])
def test_the_context_greys_of_a_highlighted_stack_read_as_different_colours(theme: str) -> None:
    """Corporate's and dark's neutral has little contrast to spare: its tints towards the
    background were pulled back to 3:1, and Neutral and Disagree came out one grey
    (CAM02-UCS distance 3.2, found by fuzzing)."""
    from deckgen.kinds.charts.stacked import stack_colors
    from deckgen.theming.colour import DISTINGUISHABLE, apart, contrast

    series = {"Agree": [60.0, 50.0], "Neutral": [25.0, 30.0], "Disagree": [15.0, 20.0],
              "No answer": [0.0, 0.0]}  # fmt: skip
    chart_job = job("stacked-bar", ["Q1", "Q2"], series, theme=theme, highlight="Agree")
    colours = stack_colors(chart_job)
    background = chart_job.theme.theme.colors.background
    assert colours[0] == chart_job.theme.theme.colors.highlight
    assert all(contrast(c, background) >= 3.0 for c in colours)
    for a, b in itertools.pairwise(colours[1:]):  # neighbours in the stack
        assert apart(a, b) >= DISTINGUISHABLE / 2, (a, b)
    assert apart(colours[1], colours[2]) >= DISTINGUISHABLE


EMISSIONS = {
    "Buildings": [1520.0, 1390.0, 1250.0, 1100.0],
    "Transport": [1245.0, 1180.0, 1150.0, 1120.0],
    "Industry": [690.0, 630.0, 560.0, 490.0],
    "Waste": [230.0, 210.0, 190.0, 165.0],
    "Other": [120.0, 110.0, 110.0, 105.0],
}


@pytest.mark.parametrize("theme", ["corporate", "dark", "contrast", "corporate-template"])
def test_the_first_column_s_thin_segments_keep_their_values(theme: str) -> None:
    """The first column has only the plot's margin before it: its thin segments (2019's
    Waste 230 and Other 120) lost their values without a word while the later columns
    showed theirs (found by review). The margin now takes the room they need."""
    from deckgen.render.chartkit import leaving_out
    from deckgen.render.style import chart_style

    chart_job = job("stacked-bar", ["2019", "2021", "2023", "2025"], EMISSIONS,
                    format="plain:0", highlight="Transport", theme=theme)  # fmt: skip
    with chart_style(chart_job.theme, chart_job.canvas), leaving_out() as left:
        fig = chart_job.figure()
        fig.canvas.draw()
        outside = _outside(chart_job, fig)
        renderer = fig.canvas.get_renderer()
        ax = fig.axes[0]
        half = chart_job.theme.theme.chart.bar_width / 2
        left_edge = ax.transData.transform((0 - half, 0))[0]
        boxes = [t.get_window_extent(renderer) for t in outside.get(0, [])]
        inside = [t.get_text() for t in ax.texts
                  if not isinstance(t, Annotation) and t.get_position()[0] == 0]  # fmt: skip
    beside = [t.get_text() for t in outside.get(0, [])]
    assert "120" in beside  # the thinnest, on every theme
    assert sorted(inside + beside) == sorted(["1,520", "1,245", "690", "230", "120"])
    assert all(box.x1 < left_edge and box.x0 >= 0 for box in boxes)  # beside it, in the picture
    assert left == []


#: Orders by channel over forty weeks (made up for these tests), named by their Sundays (a
#: time axis: every k-th named without a word): columns too narrow for any value.
WEEKS = [str(date(2024, 1, 7) + timedelta(weeks=k)) for k in range(40)]
ORDERS = {
    "Online": [1200.0 + 40 * k + (k % 5) * 30 for k in range(40)],
    "Store": [2400.0 - 10 * k - (k % 3) * 60 for k in range(40)],
    "Phone": [600.0 + (k % 4) * 25 for k in range(40)],
}
#: Twelve months of four regions, whose values all fit their segments.
MONTHS = [f"{m} 2024" for m in ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
                                "Oct", "Nov", "Dec")]  # fmt: skip
REGIONS = {
    "North": [420.0 + 15 * k for k in range(12)],
    "South": [310.0 + 8 * k for k in range(12)],
    "East": [260.0 - 5 * k for k in range(12)],
    "West": [180.0 + 12 * k for k in range(12)],
}
#: The same months with a fourth region too thin for its values, and no gap to hold them.
THIN = {**{k: v for k, v in REGIONS.items() if k != "West"},
        "Other": [18.0 + k for k in range(12)]}  # fmt: skip


def _drawn(chart_job):
    """The laid-out figure, what it says it left out, and its value axis's tick labels."""
    from deckgen.render.chartkit import leaving_out
    from deckgen.render.style import chart_style

    with chart_style(chart_job.theme, chart_job.canvas), leaving_out() as left:
        fig = chart_job.figure()
        fig.canvas.draw()
        ax = fig.axes[0]
        lo, hi = ax.get_ylim()
        ticks = [t.get_text() for t, at in zip(ax.get_yticklabels(), ax.get_yticks(), strict=True)
                 if t.get_visible() and t.get_text() and lo <= at <= hi]  # fmt: skip
    return fig, left, ticks


@pytest.mark.parametrize("theme", ["corporate", "dark", "contrast"])
def test_columns_too_narrow_for_their_values_give_them_to_a_value_axis(theme: str) -> None:
    """Forty weeks of columns too narrow for any value lost every one (and every other
    total, without a word), leaving no number to read and no axis to read one off (found by
    review). A value axis now gives them, as value_labels: false draws it, and the build
    says why."""
    chart_job = job("stacked-bar", WEEKS, ORDERS, format="compact:1", theme=theme)
    fig, left, ticks = _drawn(chart_job)
    ax = fig.axes[0]
    texts = sorted(t.get_text() for t in ax.texts if t.get_visible() and t.get_text())
    assert texts == ["Online", "Phone", "Store"]  # the names stay; no value, no total
    plain = job("stacked-bar", WEEKS, ORDERS, format="compact:1", theme=theme,
                value_labels=False)  # fmt: skip
    unlabelled, said, axis = _drawn(plain)
    assert ticks == axis and ticks[:2] == ["0", "1K"]  # the theme's number format
    assert said == []
    assert ax.get_ygridlines()[0].get_visible() == chart_job.theme.theme.chart.gridlines
    assert ax.get_ylim() == unlabelled.axes[0].get_ylim()
    assert len(left) == 1
    assert left[0].startswith("its 120 segment values and 40 column totals are not written, "
                              "so a value axis gives them: its 40 columns stand ")  # fmt: skip
    assert "show fewer columns with 'top:'" in left[0]


def test_twelve_months_whose_values_fit_write_every_one() -> None:
    chart_job = job("stacked-bar", MONTHS, REGIONS, format="plain:0")
    _, left, ticks = _drawn(chart_job)
    assert ticks == [] and left == []
    columns = _columns(chart_job)
    assert [len(segments) for segments, _ in columns] == [4] * 12
    assert columns[0] == (["420", "310", "260", "180"], "1,170")


def test_values_said_left_out_are_named_as_the_axis_names_their_columns() -> None:
    """The warning named a column by the data's '2024-02' where the axis reads 'Feb 2024'
    (found by a new user)."""
    from dataclasses import replace

    from deckgen.tables.dates import Month

    iso = [f"2024-{m:02d}" for m in range(1, 13)]
    chart_job = job("stacked-bar", iso, THIN, format="plain:0")
    days = tuple(Month(2024, m, 1) for m in range(1, 13))
    _, left, _ = _drawn(replace(chart_job, data=replace(chart_job.data, x_dates=days)))
    assert left[0].startswith("12 segment values are not written (Other Jan 2024 (18), "
                              "Other Feb 2024 (19)"), left  # fmt: skip


def test_values_no_gap_holds_are_said_left_out() -> None:
    """Twelve columns hold their values but leave no room beside them for a thin series':
    they are named in the build's warning rather than dropped without a word."""
    chart_job = job("stacked-bar", MONTHS, THIN, format="plain:0")
    _, left, ticks = _drawn(chart_job)
    assert ticks == []  # the other values are written: no axis
    assert left == ["12 segment values are not written (Other Jan 2024 (18), Other Feb 2024 "
                    "(19), Other Mar 2024 (20), Other Apr 2024 (21) and 8 more): their segments "
                    "are too thin to hold them and there is no room beside their columns; give "
                    "the chart more room, show fewer columns with 'top:', or write "
                    "'value_labels: false' for a value axis"]  # fmt: skip


# --------------------------------------------------------------------------- native


def _native_chart(chart_job):
    """The job drawn as a native chart on a slide of its own: its python-pptx chart."""
    from pptx import Presentation

    from deckgen.layout.geometry import Rect

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    canvas = chart_job.canvas
    chart_job.spec.draw_native(slide, chart_job, Rect.of(0, 0, int(canvas.width),
                                                         int(canvas.height)), "alt")  # fmt: skip
    return next(s for s in slide.shapes if s.has_chart).chart


def _point_labels(series) -> dict[int, object]:
    from pptx.oxml.ns import qn

    dlbls = series._element.find(qn("c:dLbls"))
    if dlbls is None:
        return {}
    return {int(d.find(qn("c:idx")).get("val")): d for d in dlbls.findall(qn("c:dLbl"))}


def _deleted(dlbl) -> bool:
    from pptx.oxml.ns import qn

    gone = dlbl.find(qn("c:delete"))
    return gone is not None and gone.get("val") == "1"


@pytest.mark.parametrize("theme", ["corporate", "dark", "contrast"])
def test_native_thin_segments_keep_their_values_beside_their_column(theme: str) -> None:
    """The native chart hid every value too thin for its segment (2019's Waste 230 and
    Other 120) without a word, where the picture writes them beside the column (found by
    review): they now stand left of it, in their series' colour, and nothing is said."""
    from pptx.oxml.ns import qn

    from deckgen.kinds.charts.stacked import stack_colors
    from deckgen.render.chartkit import legible

    chart_job = job("stacked-bar", ["2019", "2021", "2023", "2025"], EMISSIONS,
                    format="plain:0", highlight="Transport", theme=theme)  # fmt: skip
    chart = _native_chart(chart_job)
    fills = stack_colors(chart_job)
    for j in (3, 4):  # Waste, Other
        label = _point_labels(chart.plots[0].series[j])[0]
        assert not _deleted(label)
        assert float(label.find(f"{qn('c:layout')}//{qn('c:x')}").get("val")) < -0.02  # left
        colour = label.find(f".//{qn('a:defRPr')}//{qn('a:srgbClr')}").get("val")
        assert f"#{colour}".lower() == legible(chart_job, fills[j]).lower()
    assert chart_job.spec.native_notes(chart_job) == []


def test_native_values_with_no_room_are_said_in_the_picture_s_words() -> None:
    """Values neither their segments nor the gaps beside them hold are left out of the
    native chart as of the picture, and named in the same warning (the last column's
    values stand with the names at the right)."""
    chart_job = job("stacked-bar", MONTHS, THIN, format="plain:0")
    chart = _native_chart(chart_job)
    labels = _point_labels(chart.plots[0].series[3])
    assert all(_deleted(labels[i]) for i in range(11))
    assert chart_job.spec.native_notes(chart_job) == [
        "11 segment values are not written (Other Jan 2024 (18), Other Feb 2024 (19), Other "
        "Mar 2024 (20), Other Apr 2024 (21) and 7 more): their segments are too thin to hold "
        "them and there is no room beside their columns; give the chart more room, show fewer "
        "columns with 'top:', or write 'value_labels: false' for a value axis"]  # fmt: skip
    assert len(chart.plots) == 2  # the totals stay


def test_native_columns_too_narrow_for_their_values_show_a_value_axis() -> None:
    """PowerPoint writes every label, over its neighbours: forty weeks' values and totals
    were one smear. The value axis gives them, as on the picture, and the build says so."""
    from pptx.enum.chart import XL_TICK_LABEL_POSITION
    from pptx.oxml.ns import qn

    chart_job = job("stacked-bar", WEEKS, ORDERS, format="compact:1")
    chart = _native_chart(chart_job)
    axis = chart.value_axis
    assert axis.tick_label_position != XL_TICK_LABEL_POSITION.NONE
    assert axis.has_major_gridlines
    assert len(chart.plots) == 1  # no totals overlay
    for series in chart.plots[0].series:  # only the name at the right, on the last column
        shown = series._element.find(f"{qn('c:dLbls')}/{qn('c:showVal')}")
        assert shown is None or shown.get("val") == "0"
        assert set(_point_labels(series)) <= {39}
    notes = chart_job.spec.native_notes(chart_job)
    assert len(notes) == 1 and notes[0].startswith(
        "its 120 segment values and 40 column totals are not written, so a value axis gives them"
    )
    twelve = job("stacked-bar", MONTHS, REGIONS, format="plain:0")
    assert _native_chart(twelve).value_axis.tick_label_position == XL_TICK_LABEL_POSITION.NONE
    assert twelve.spec.native_notes(twelve) == []


def test_the_build_warns_of_what_a_native_stacked_chart_leaves_out(tmp_path) -> None:
    """A native chart is drawn after the build's warnings are gathered: its slide asks
    while it is planned, so the left-out values are said as the picture's are."""
    from deckgen.pipeline import BuildOptions, build
    from tests.helpers import write_project

    rows = ["month," + ",".join(THIN)] + [
        f"{m}," + ",".join(f"{v[i]:g}" for v in THIN.values()) for i, m in enumerate(MONTHS)
    ]
    outline = """\
deck: {title: Orders, theme: corporate}
data:
  orders: {file: orders.csv}
slides:
  - kind: chart
    title: North takes the most orders every month
    source: Sales team
    chart: {type: stacked-bar, native: true, data: orders, x: month,
            y: [North, South, East, Other], format: plain:0}
"""
    path = write_project(tmp_path, outline, {"orders.csv": "\n".join(rows) + "\n"})
    result = build(path, BuildOptions(out_dir=tmp_path / "out"))
    said = [w for w in result.warnings if "segment values are not written" in w]
    assert len(said) == 1 and "deck.yaml:5: slides[0]: 11 segment values" in said[0]


# --------------------------------------------------------------------------- highlight
#: Electricity by source in five regions (made up for these tests, in TWh): three series,
#: the highlighted column first, in the middle and last.
SOURCES = {
    "Coal": [42.0, 25.0, 55.0, 12.0, 30.0],
    "Gas": [30.0, 35.0, 20.0, 28.0, 31.0],
    "Renewables": [8.0, 30.0, 12.0, 60.0, 33.0],
}
REGIONS_5 = ["North", "South", "East", "West", "Central"]


def _hex(rgba) -> str:
    from matplotlib.colors import to_hex

    return to_hex(rgba).upper()


def _fills(chart_job) -> dict[tuple[int, int], str]:
    """Each drawn segment's fill, by (column, series from the bottom)."""
    fig = figure(chart_job)
    column: dict[int, list] = {}
    from matplotlib.patches import Rectangle

    for patch in fig.axes[0].patches:
        if not isinstance(patch, Rectangle):  # a leader to a value beside its column
            continue
        middle = patch.get_x() + patch.get_width() / 2
        column.setdefault(round(middle), []).append(patch)
    return {(i, j): _hex(p.get_facecolor())
            for i, patches in column.items()
            for j, p in enumerate(sorted(patches, key=lambda p: p.get_y()))}  # fmt: skip


@pytest.mark.parametrize("theme", ["corporate", "dark", "contrast", "corporate-template"])
@pytest.mark.parametrize("at", ["North", "East", "Central"])
def test_a_highlighted_category_s_column_is_drawn_in_shades_of_the_accent(
    theme: str, at: str
) -> None:
    """A category named by highlight (as the README allows) drew no accent at all: every
    segment of every column one grey, its series no longer told apart (found by fuzzing).
    Its column is now in shades of the accent, one a series, the others in shades of the
    context grey; neighbours in a column read as two colours, every mark 3:1."""
    from deckgen.theming.colour import DISTINGUISHABLE, apart, contrast, seen_apart

    chart_job = job("stacked-bar", REGIONS_5, SOURCES, format="plain:0", theme=theme,
                    highlight=at)  # fmt: skip
    colors = chart_job.theme.theme.colors
    fills = _fills(chart_job)
    chosen = REGIONS_5.index(at)
    accent = [fills[chosen, j] for j in range(3)]
    assert colors.highlight.upper() in accent
    for i in range(len(REGIONS_5)):
        column = [fills[i, j] for j in range(3)]
        assert len(set(column)) == 3
        assert all(contrast(c, colors.background) >= 3.0 for c in column)
        for a, b in itertools.pairwise(column):  # neighbours in the stack
            assert apart(a, b) >= DISTINGUISHABLE and seen_apart(a, b) >= DISTINGUISHABLE, (a, b)
        if i != chosen:  # context: each series one grey in every column, no accent
            assert column == [fills[(chosen + 1) % 5, j] for j in range(3)]
            assert not set(column) & set(accent)
            assert all(apart(c, colors.highlight) >= 2 * DISTINGUISHABLE for c in column)
    # The names right of the last column in its segments' colours, made legible.
    from deckgen.render.chartkit import legible

    fig = figure(chart_job)
    names = {t.get_text(): t.get_color() for t in fig.axes[0].texts if t.get_text() in SOURCES}
    assert names == {name: legible(chart_job, fills[4, j]) for j, name in enumerate(SOURCES)}


@pytest.mark.parametrize("count", [2, 4])
@pytest.mark.parametrize("theme", ["corporate", "dark", "contrast", "corporate-template"])
def test_shades_stay_apart_for_two_to_four_series(theme: str, count: int) -> None:
    from deckgen.kinds.charts.stacked import segment_colors
    from deckgen.theming.colour import DISTINGUISHABLE, apart, contrast

    series = {f"s{k}": [10.0 + k, 20.0 - k] for k in range(count)}
    chart_job = job("stacked-bar", ["A", "B"], series, theme=theme, highlight="B")
    background = chart_job.theme.theme.colors.background
    fills = segment_colors(chart_job)
    for i in range(2):
        column = [fills[j][i] for j in range(count)]
        assert all(contrast(c, background) >= 3.0 for c in column)
        assert all(apart(a, b) >= DISTINGUISHABLE for a, b in itertools.pairwise(column))
    assert chart_job.spec.mark_colors(chart_job) == list(dict.fromkeys(
        fill for row in fills for fill in row))  # fmt: skip


@pytest.mark.parametrize("theme", ["corporate", "dark"])
def test_native_highlighted_category_fills_its_points_in_the_accent_shades(theme: str) -> None:
    """The native chart greyed every series as the picture did: the highlighted column's
    points now carry the picture's fills (and ink that reads on them), the series' own
    fill being the context's."""
    from pptx.oxml.ns import qn

    from deckgen.kinds.charts.stacked import segment_colors
    from deckgen.render.chartkit import ink_on

    chart_job = job("stacked-bar", REGIONS_5, SOURCES, format="plain:0", theme=theme,
                    highlight="East")  # fmt: skip
    chart = _native_chart(chart_job)
    fills = segment_colors(chart_job)
    assert chart_job.theme.theme.colors.highlight in [fills[j][2] for j in range(3)]
    for j, series in enumerate(list(chart.plots[0].series)[:3]):
        own = series._element.find(f"{qn('c:spPr')}/{qn('a:solidFill')}/{qn('a:srgbClr')}")
        assert f"#{own.get('val')}".upper() == fills[j][0].upper()
        points = {
            int(p.find(qn("c:idx")).get("val")): p for p in series._element.findall(qn("c:dPt"))
        }
        assert set(points) == {2}
        colour = points[2].find(f"{qn('c:spPr')}/{qn('a:solidFill')}/{qn('a:srgbClr')}")
        assert f"#{colour.get('val')}".upper() == fills[j][2].upper()
        label = _point_labels(series).get(2)
        if ink_on(chart_job, fills[j][2]) != ink_on(chart_job, fills[j][0]):
            ink = label.find(f".//{qn('a:defRPr')}//{qn('a:srgbClr')}").get("val")
            assert f"#{ink}".upper() == ink_on(chart_job, fills[j][2]).upper()


def test_a_shared_card_draws_the_highlighted_column_in_the_accent(tmp_path) -> None:
    """The card drew the highlighted column grey as the slide did."""
    import numpy as np
    from PIL import Image

    from deckgen.pipeline import BuildOptions, build
    from tests.helpers import load_theme, write_project

    rows = ["region," + ",".join(SOURCES)] + [
        f"{r}," + ",".join(f"{v[i]:g}" for v in SOURCES.values()) for i, r in enumerate(REGIONS_5)
    ]
    outline = """\
deck: {title: Power, theme: corporate}
data:
  power: {file: power.csv}
slides:
  - kind: chart
    title: West draws most of its power from renewables
    source: Grid operators
    chart: {type: stacked-bar, data: power, x: region, y: [Coal, Gas, Renewables],
            format: plain:0, highlight: West}
    share: [ig-square]
"""
    path = write_project(tmp_path, outline, {"power.csv": "\n".join(rows) + "\n"})
    build(path, BuildOptions(out_dir=tmp_path / "out"))
    (card,) = (tmp_path / "out").rglob("social/*.png")
    pixels = np.asarray(Image.open(card).convert("RGB"))
    lower = pixels[pixels.shape[0] // 3 :]  # the chart, below the title and its accent rule
    highlight = load_theme("corporate").theme.colors.highlight
    accent = [int(highlight[k : k + 2], 16) for k in (1, 3, 5)]
    share = np.all(lower == np.array(accent), axis=-1).mean()
    assert share > 0.01, share  # the middle segment of the West column, at least


#: Income by source over five years (€ million): six series, the greys of a highlighted one.
INCOME = {"Individual donations": [2.41, 3.05, 2.88, 2.70, 2.95],
          "Legacies": [0.88, 0.95, 1.21, 0.67, 1.02],
          "Trusts and foundations": [1.12, 1.80, 1.44, 1.30, 1.25],
          "Corporate partners": [0.35, 0.52, 0.48, 0.41, 0.45],
          "Government contracts": [0.60, 0.92, 0.95, 1.10, 1.22],
          "Trading and events": [0.44, 0.05, 0.21, 0.38, 0.02]}  # fmt: skip


@pytest.mark.parametrize("theme", ["corporate", "dark", "contrast", "corporate-template"])
@pytest.mark.parametrize("highlight", ["Individual donations", "2021/22", None])
def test_every_value_inside_a_segment_reads_at_4_5_to_1_on_its_fill(theme, highlight) -> None:
    """A review read the values on the context greys as white at 3.0:1 and dark at
    4.1:1; measured, each is in the ink its own fill takes (``ink_on``: dark on the light
    grey at 5.2:1; the mid grey, once black at 5.3:1, is now stepped for the theme's own
    text colour: see the next test). Kept so, in every theme."""
    from matplotlib.colors import to_hex

    from deckgen.kinds.charts.stacked import _stack, segment_colors
    from deckgen.render.chartkit import contrast

    years = ["2019/20", "2020/21", "2021/22", "2022/23", "2023/24"]
    fields = {"highlight": highlight} if highlight else {}
    chart_job = job("stacked-bar", years, INCOME, theme=theme, format="€plain:2M", **fields)
    fills = segment_colors(chart_job)
    inside = [t for t in figure(chart_job).axes[0].texts
              if not isinstance(t, Annotation) and t.get_visible()]  # fmt: skip
    assert inside
    for text in inside:
        x, y = text.get_position()
        (j,) = [j for i, j, b, v in _stack(chart_job) if i == x and b < y < b + v]
        assert contrast(to_hex(text.get_color()), fills[j][int(x)]) >= 4.5, text.get_text()


#: Boats built by yard (thousands), 2010 and 2020: a highlighted yard and three greys, the
#: last of them the grey midway between the theme's text and background colours.
BOATS = {"Harbour": [5.0, 30.0], "North": [12.0, 10.5], "Keel": [10.5, 9.0],
         "Bay": [8.0, 8.0]}  # fmt: skip


@pytest.mark.parametrize("theme", ["corporate", "dark", "contrast", "corporate-template"])
@pytest.mark.parametrize("highlight", ["Harbour", "2020", None])
def test_every_value_inside_a_segment_is_in_the_themes_text_or_background_colour(
    theme, highlight
) -> None:
    """A value on corporate's third grey (#7A8391: white 3.8:1, navy 4.1:1) was written in
    black, dark's (#737D8B: 4.2:1 in its background colour) too: a colour of neither
    theme (found by review). The grey is stepped until one of the theme's two reads at
    4.5:1 on it, apart from the segments it touches; the value is written in that one."""
    from matplotlib.colors import to_hex

    from deckgen.kinds.charts.stacked import _stack, segment_colors
    from deckgen.render.chartkit import contrast
    from deckgen.theming.colour import DISTINGUISHABLE, apart

    colors = load_theme(theme).theme.colors
    fields = {"highlight": highlight} if highlight else {}
    chart_job = job("stacked-bar", ["2010", "2020"], BOATS, theme=theme, format="plain:1",
                    **fields)  # fmt: skip
    fills = segment_colors(chart_job)
    inside = [t for t in figure(chart_job).axes[0].texts
              if not isinstance(t, Annotation) and t.get_visible()]  # fmt: skip
    assert len(inside) == 8
    for text in inside:
        x, y = text.get_position()
        (j,) = [j for i, j, b, v in _stack(chart_job) if i == x and b < y < b + v]
        ink = to_hex(text.get_color()).upper()
        assert ink in {colors.text.upper(), colors.background.upper()}, text.get_text()
        assert contrast(ink, fills[j][int(x)]) >= 4.5, text.get_text()
    for i in range(2):
        column = [fills[j][i] for j in range(len(BOATS))]
        assert all(contrast(c, colors.background) >= 3.0 for c in column)
        assert all(apart(a, b) >= DISTINGUISHABLE for a, b in itertools.pairwise(column))


def test_native_totals_are_sums_of_their_column_in_the_workbook() -> None:
    """The total over each column was a number typed into the embedded sheet: after "Edit
    Data" raised Coal 2023 from 198 to 298 the column printed 730 on a stack of 830 (found
    by review). Each total is a SUM of its row, its value cached in the cell and in the
    chart, and the printed total is the series' value label, read from that cell."""
    from pptx.oxml.ns import qn

    from tests.ooxml.formulas import embedded, native_chart, recalculate, sheet_cells

    chart_job = job("stacked-bar", ["2021", "2022", "2023"],
                    {"Coal": [260, 230, 198], "Gas": [380, 392, 401], "Wind": [105, 118, 131]},
                    format="plain:0")  # fmt: skip
    chart = native_chart(chart_job)
    sheet, cached = embedded(chart), embedded(chart, cached=True)
    assert sheet["E1"].value == "Total"
    assert [sheet[f"E{r}"].value for r in (2, 3, 4)] == [f"=SUM(B{r}:D{r})" for r in (2, 3, 4)]
    assert [cached[f"E{r}"].value for r in (2, 3, 4)] == [745, 740, 730]
    totals = chart.plots[-1].series[0]
    assert totals.name == "Total" and totals.values == (745, 740, 730)  # the chart's cache
    labels = totals._element.find(qn("c:dLbls"))
    assert labels.find(qn("c:showVal")).get("val") == "1"
    assert labels.find(f".//{qn('c:tx')}") is None  # no typed text
    assert recalculate({**sheet_cells(sheet), "B4": 298})["E4"] == 830


# --------------------------------------------------------------------------- precision

#: Shares of three columns, each 100%, with a trace no label writes (well under a point).
SHARES = {"Grid": [71.46, 64.52, 80.0], "Solar": [28.37, 35.31, 19.85],
          "Trace": [0.17, 0.17, 0.15]}  # fmt: skip


def test_a_sliver_no_label_writes_gives_the_written_labels_no_decimals() -> None:
    """A 0.17% sliver, too thin for any label, turned ``percent:0`` into '77,98%' and a
    total of '100,00%' over every column (found by fuzzing): only values a label can
    write take decimals to read as themselves."""
    chart_job = job("stacked-bar", ["North", "South", "East"], SHARES, format="percent:0")
    assert _columns(chart_job) == [(["72%", "28%"], "100%"), (["65%", "35%"], "100%"),
                                   (["80%", "20%"], "100%")]  # fmt: skip


def test_a_column_of_slivers_writes_its_total_to_their_decimals() -> None:
    """Column A's parts, 0.4 three times, too thin for labels, are said '0.4' after their
    series' names, but its total read '1' at ``plain:0``, where they add up to 1.2 (found
    by fuzzing): it takes their decimals, on the picture and the native chart, and B's
    total keeps the labels' precision. With ``rounding: each`` nothing is said of A's
    parts missing their total; a column short of a part is warned of at its total too."""
    from pptx.oxml.ns import qn

    series = {"p": [0.4, 10.0], "q": [0.4, 20.0], "r": [0.4, 30.0]}
    chart_job = job("stacked-bar", ["A", "B"], series, format="plain:0")
    assert _columns(chart_job) == [([], "1.2"), (["10", "20", "30"], "60")]
    totals = _native_chart(chart_job).plots[-1].series[0]
    every = totals._element.find(qn("c:dLbls")).find(qn("c:numFmt")).get("formatCode")
    assert every == '#,##0;"−"#,##0;#,##0'  # B's, the labels' precision
    codes = {i: d.find(qn("c:numFmt")).get("formatCode")
             for i, d in _point_labels(totals).items()}  # fmt: skip
    assert codes == {0: '#,##0.0;"−"#,##0.0;#,##0.0'}
    each = job("stacked-bar", ["A", "B"], series, format="plain:0", rounding="each")
    assert each.spec.parts_missed(each) is None
    short = job("stacked-bar", ["A", "B"], {**series, "r": [None, 30.0]}, format="plain:0")
    ((said, _),) = short.spec.drawn_unlike_data(short)
    assert said.endswith("the column adds up to 0.8, not the 60 of the others")


def test_the_alt_text_says_each_segment_as_the_picture_writes_it() -> None:
    """The picture rounded 73.946% and 12.305% to add up to 100 ('73,94%', '12,30%') where
    the alt text said '73.95 percent' and '12.31 percent' (found by fuzzing): it now says
    the printed numbers, and a sliver no label writes with the decimals it needs."""
    chart_job = job("stacked-bar", ["North", "South", "East"], SHARES, format="percent:0")
    alt = chart_job.alt()
    assert "North: Grid 72 percent, Solar 28 percent, Trace 0.2 percent" in alt
    assert "East: Grid 80 percent, Solar 20 percent, Trace 0.15 percent" in alt
    for drawn, _ in _columns(chart_job):
        for text in drawn:
            assert f"{text.rstrip('%')} percent" in alt


def test_native_labels_take_the_written_labels_precision() -> None:
    """The native chart's segment and total labels are in the picture's precision: whole
    percents, not the two decimals an unwritten sliver asked for."""
    from pptx.oxml.ns import qn

    chart_job = job("stacked-bar", ["North", "South", "East"], SHARES, format="percent:0")
    chart = _native_chart(chart_job)
    formats = {d.find(qn("c:numFmt")).get("formatCode")
               for plot in chart.plots for s in plot.series
               for d in [s._element.find(qn("c:dLbls"))] if d is not None}  # fmt: skip
    assert formats and all("." not in f for f in formats), formats


# --------------------------------------------------------------------------- native rounding


def _native_columns(chart) -> list[list[str]]:
    """Per column, the texts its segments' native labels show, bottom up: each label's
    field that reads its cell (the value after the name, on the last column)."""
    from pptx.oxml.ns import qn

    series = chart.plots[0].series
    out: list[list[str]] = [[] for _ in chart.plots[0].categories]
    for one in series:
        for i, dlbl in _point_labels(one).items():
            cells = [f for f in dlbl.iter(qn("a:fld")) if f.get("type") == "CELLRANGE"]
            if not _deleted(dlbl) and cells:
                out[i].append(cells[0].findtext(qn("a:t")))
    return out


@pytest.mark.parametrize(
    ("fmt", "values", "segments"),
    [
        ("plain:1", [1.14, 1.14, 1.14], ["1.2", "1.1", "1.1"]),
        ("plain:1", [4.26, 4.26, 1.48], ["4.3", "4.3", "1.4"]),
        ("compact:1", [1.14e6, 1.14e6, 1.14e6], ["1.2M", "1.1M", "1.1M"]),
        ("percent:0", [33.3, 33.3, 33.4], ["33%", "33%", "34%"]),
    ],
)
def test_native_segment_labels_add_up_as_the_picture_s(fmt, values, segments) -> None:
    """PowerPoint rounded each label on its own: 1.1 + 1.1 + 1.1 under a total of 3.4,
    where the picture writes 1.2 + 1.1 + 1.1 (found by review). Each native label now
    shows its cell of a label column, the picture's number; the segments keep their
    exact values (what the columns are drawn from, and what "Edit Data" shows)."""
    from pptx.oxml.ns import qn

    series = {f"Part {k}": [v, v] for k, v in enumerate(values)}
    chart_job = job("stacked-bar", ["2004", "2023"], series, format=fmt)
    chart = _native_chart(chart_job)
    assert _native_columns(chart) == [drawn for drawn, _ in _columns(chart_job)]
    assert [s.values for s in chart.plots[0].series] == [(v, v) for v in values]
    for one in chart.plots[0].series:  # the cells' texts, cached for the viewers
        cached = one._element.find(f".//{{{C15}}}dlblRangeCache")
        assert [p.findtext(qn("c:v")) for p in cached.findall(qn("c:pt"))] == [
            segments[one.index]] * 2  # fmt: skip


C15 = "http://schemas.microsoft.com/office/drawing/2012/chart"


def test_native_segment_labels_still_add_up_after_edit_data() -> None:
    """The label columns are formulas over the series' cells, rounding them by largest
    remainder: recalculated as they are, they are the labels shown; after "Edit Data"
    changes a value, they still add up to the (recalculated) total."""
    from pptx.oxml.ns import qn

    from deckgen.tables.rounding import round_to_total
    from tests.ooxml.formulas import embedded, recalculate, sheet_cells

    data = {"Coal": [12.4, 260.5], "Gas": [15.4, 380.25], "Wind": [20.4, 105.25]}
    chart_job = job("stacked-bar", ["2021", "2023"], data, format="plain:0")
    chart = _native_chart(chart_job)
    assert _native_columns(chart) == [["13", "15", "20"], ["261", "380", "105"]]
    sheet, cached = embedded(chart), embedded(chart, cached=True)
    assert [sheet[c].value for c in ("F1", "G1", "H1")] == ["=B1", "=C1", "=D1"]
    assert [cached[c].value for c in ("F2", "G2", "H2")] == [13, 15, 20]
    ranges = [s._element.find(f".//{{{C15}}}datalabelsRange/{{{C15}}}f").text
              for s in chart.plots[0].series]  # fmt: skip
    assert ranges == ["Sheet1!$F$2:$F$3", "Sheet1!$G$2:$G$3", "Sheet1!$H$2:$H$3"]
    cells = sheet_cells(sheet)
    again = recalculate(cells)
    assert [again[c] for c in ("F2", "G2", "H2", "F3", "G3", "H3")] == [13, 15, 20, 261, 380, 105]
    edited = recalculate({**cells, "C3": 380.4, "D2": 20.45})
    for row, values in ((2, [12.4, 15.4, 20.45]), (3, [260.5, 380.4, 105.25])):
        labels = [edited[f"{c}{row}"] for c in "FGH"]
        assert labels == round_to_total(values, 0)
        assert sum(labels) == round(edited[f"E{row}"])  # the total written above
    total = chart.plots[-1].series[0]._element.find(qn("c:dLbls"))
    assert total.find(qn("c:showVal")).get("val") == "1"  # the totals are their values


# ------------------------------------------------------------------------- rounding: each
@pytest.mark.parametrize(
    ("fmt", "values", "segments", "total"),
    [
        # 12.51% reads 12% rounded to the column's 100% (12 + 38 + 50); on its own, 13%.
        ("percent:0", [12.51, 37.7, 49.79], ["13%", "38%", "50%"], "100%"),
        ("percent:0", [33.3, 33.3, 33.4], ["33%", "33%", "33%"], "100%"),  # 'total': 34%
        # Amounts too: each segment on its own at the total's place, under the true total
        # rounded (3.42: 3.4), which they then miss by a unit ('total': 1.2, 1.1, 1.1).
        ("plain:1", [1.14, 1.14, 1.14], ["1.1", "1.1", "1.1"], "3.4"),
        ("compact:1", [1.14e6, 1.14e6, 1.14e6], ["1.1M", "1.1M", "1.1M"], "3.4M"),
    ],
)
def test_with_rounding_each_every_segment_is_rounded_on_its_own(fmt, values, segments,
                                                                 total) -> None:  # fmt: skip
    """``rounding: each`` prints each part as itself, on the picture, in the alt text and
    on the native chart, whatever the column's parts then add up to."""
    series = {f"Part {k}": [v, v] for k, v in enumerate(values)}
    chart_job = job("stacked-bar", ["2004", "2023"], series, format=fmt, rounding="each")
    assert _columns(chart_job) == [(segments, total)] * 2
    said = [f"Part {k} {t.rstrip('%')}" for k, t in enumerate(segments)]
    if fmt.startswith("percent"):
        said = [f"{s} percent" for s in said]
    if not fmt.startswith("compact"):
        assert f"2004: {', '.join(said)}" in chart_job.alt()
    chart = _native_chart(chart_job)
    assert _native_columns(chart) == [segments, segments]


def test_with_rounding_each_the_native_label_formulas_round_each_cell_on_its_own() -> None:
    """After "Edit Data" the labels are each rounded on their own too: 12.51 reads 13 where
    the column's formula for a total would read 12 (12 + 38 + 50 = 100)."""
    from tests.ooxml.formulas import embedded, recalculate, sheet_cells

    data = {"Small": [12.51, 2.0], "Middle": [37.7, 3.0], "Big": [49.79, 95.0]}
    each = job("stacked-bar", ["2021", "2023"], data, format="plain:0", rounding="each")
    cells = sheet_cells(embedded(_native_chart(each)))
    edited = recalculate({**cells, "B3": 2.51, "C3": 47.7, "D3": 49.79})
    assert [edited[f"{c}{row}"] for row in (2, 3) for c in "FGH"] == [13, 38, 50, 3, 48, 50]
    total = job("stacked-bar", ["2021", "2023"], data, format="plain:0")
    cells = sheet_cells(embedded(_native_chart(total)))
    edited = recalculate({**cells, "B3": 2.51, "C3": 47.7, "D3": 49.79})
    assert [edited[f"{c}{row}"] for row in (2, 3) for c in "FGH"] == [12, 38, 50, 2, 48, 50]


def test_with_rounding_each_the_alt_text_says_why_segments_miss_their_total() -> None:
    """Segments each rounded on their own can miss the total written above their column
    (1.1 + 1.1 + 1.1 under 3.4): the alt text, and so the notes, says why, naming the
    columns where not all miss; nothing where they add up (2.0 + 1.0 + 1.0 under 4.0),
    with the default rounding, or with no totals written (``value_labels: false``)."""
    why = "do not add up to their column's total because each is rounded on its own."
    series = {"Coal": [1.14, 2.0], "Gas": [1.14, 1.0], "Wind": [1.14, 1.0]}
    alt = job("stacked-bar", ["2004", "2023"], series, format="plain:1", rounding="each").alt()
    assert alt.endswith(f"Wind 1.0. Segments in 2004 {why}")
    both = {name: [v, v] for name, (v, _) in series.items()}
    alt = job("stacked-bar", ["2004", "2023"], both, format="plain:1", rounding="each").alt()
    assert alt.endswith(f"Wind 1.1. Segments {why}")
    for fields in ({}, {"rounding": "each", "value_labels": False}):
        alt = job("stacked-bar", ["2004", "2023"], both, format="plain:1", **fields).alt()
        assert why not in alt


#: Ferry passengers by operator (made up for these tests), a highlighted one at the bottom:
#: Isles' 2010 segment is a sliver, so Coastal and Harbour touch in that column.
FERRIES = {
    "Northline": [4.1e6, 22.5e6],
    "Bayway": [9.8e6, 8.4e6],
    "Coastal": [8.7e6, 7.6e6],
    "Isles": [0.12e6, 4.8e6],
    "Harbour": [2.9e6, 3.3e6],
}


@pytest.mark.parametrize("theme", ["corporate", "dark", "contrast", "corporate-template"])
def test_greys_that_touch_past_a_sliver_read_as_two_colours(theme: str) -> None:
    """Graded greys given in turn drew Japan and South Korea in one dark grey, touching in
    2004 past India's invisible sliver: one block split by a hairline (found by review).
    Every two segments that meet as drawn are told apart, each grey 3:1 on the background,
    with a line of the background between them."""
    from matplotlib.patches import Rectangle

    from deckgen.kinds.charts.stacked import VISIBLE_PT
    from deckgen.theming.colour import DISTINGUISHABLE, apart, contrast

    chart_job = job("stacked-bar", ["2010", "2020"], FERRIES, format="compact:1", theme=theme,
                    highlight="Northline")  # fmt: skip
    background = chart_job.theme.theme.colors.background
    fig = figure(chart_job)
    ax = fig.axes[0]
    _, per_y = ax.transData.transform((0, 1)) - ax.transData.transform((0, 0))
    per_y *= 72 / fig.dpi
    columns: dict[int, list[Rectangle]] = {}
    for patch in ax.patches:
        if isinstance(patch, Rectangle) and patch.get_height() * per_y >= VISIBLE_PT:
            columns.setdefault(round(patch.get_x() + patch.get_width() / 2), []).append(patch)
    assert [len(c) for c in columns.values()] == [4, 5]  # Isles' 2010 sliver cannot be seen
    for patches in columns.values():
        fills = [_hex(p.get_facecolor()) for p in sorted(patches, key=lambda p: p.get_y())]
        assert all(contrast(f, background) >= 3.0 for f in fills)
        for a, b in itertools.pairwise(fills):
            assert apart(a, b) >= DISTINGUISHABLE, (a, b)
        assert all(_hex(p.get_edgecolor()) == background.upper() and p.get_linewidth() > 0
                   for p in patches)  # fmt: skip


@pytest.mark.parametrize("theme", ["corporate", "dark"])
def test_a_sliver_s_value_is_said_with_its_series_name(theme: str) -> None:
    """India's 0.2 million of 2004, part of the 31.4 million over its column, was too thin
    to see and written nowhere on the picture (found by review): its name says it."""
    from deckgen.render.chartkit import leaving_out
    from deckgen.render.style import chart_style

    chart_job = job("stacked-bar", ["2010", "2020"], FERRIES, format="compact:1", theme=theme,
                    highlight="Northline")  # fmt: skip
    with chart_style(chart_job.theme, chart_job.canvas), leaving_out() as left:
        fig = chart_job.figure()
        fig.canvas.draw()
    texts = [t.get_text() for t in fig.axes[0].texts if t.get_visible()]
    assert "Isles (0.1M in 2010)" in texts
    assert "Harbour" in texts and "Coastal" in texts  # the others' names say nothing more
    assert "Isles 0.1 million" in chart_job.alt()  # as the alt text says it
    assert left == []
    unlabelled = job("stacked-bar", ["2010", "2020"], FERRIES, format="compact:1",
                     theme=theme, highlight="Northline", value_labels=False)  # fmt: skip
    assert "Isles" in [t.get_text() for t in figure(unlabelled).axes[0].texts]


def test_a_series_with_many_slivers_has_them_said_left_out() -> None:
    years = [str(2010 + k) for k in range(6)]
    series = {"Big": [30.0e6] * 6, "Tiny": [0.05e6] * 6}
    from deckgen.render.chartkit import leaving_out
    from deckgen.render.style import chart_style

    chart_job = job("stacked-bar", years, series, format="compact:1")
    with chart_style(chart_job.theme, chart_job.canvas), leaving_out() as left:
        fig = chart_job.figure()
        fig.canvas.draw()
    assert "Tiny" in [t.get_text() for t in fig.axes[0].texts]
    assert len(left) == 1 and left[0].startswith("the values of Tiny in columns where")


def _label_texts(chart) -> list[str]:
    """Every typed or field data label's text on ``chart``, its runs joined."""
    from pptx.oxml.ns import qn

    return ["".join(t.text or "" for t in d.iter(qn("a:t")))
            for d in chart._chartSpace.iter(qn("c:dLbl"))]  # fmt: skip


def test_a_native_sliver_s_value_is_said_with_its_series_name(tmp_path) -> None:
    """The native chart hid Isles' 2010 sliver and only warned of it, where the picture
    says 'Isles (0.1M in 2010)' (India's 0.2M of 2004 on the sample's slide 14): the
    native name right of the last column says it too, and the build no longer warns."""
    from pptx import Presentation

    from deckgen.pipeline import BuildOptions, build
    from tests.helpers import write_project

    rows = ["year," + ",".join(FERRIES)] + [
        f"{y}," + ",".join(f"{v[i]:g}" for v in FERRIES.values())
        for i, y in enumerate(["2010", "2020"])
    ]
    outline = """\
deck: {title: Ferries, theme: corporate}
data:
  ferries: {file: ferries.csv}
slides:
  - kind: chart
    title: Northline carries the most passengers
    source: Made up for a test
    chart: {type: stacked-bar, native: true, data: ferries, x: year,
            y: [Northline, Bayway, Coastal, Isles, Harbour], format: compact:1,
            highlight: Northline}
"""
    path = write_project(tmp_path, outline, {"ferries.csv": "\n".join(rows) + "\n"})
    result = build(path, BuildOptions(out_dir=tmp_path / "out"))
    assert not [w for w in result.warnings if "too thin" in w]
    deck = Presentation(str(result.deck))
    (chart,) = [s.chart for slide in deck.slides for s in slide.shapes if s.has_chart]
    texts = _label_texts(chart)
    assert "Isles (0.1M in 2010)  4.8M" in texts
    assert "Harbour  3.3M" in texts and "Coastal  7.6M" in texts  # the others say no more


def test_native_slivers_without_a_name_or_too_many_are_said_in_the_picture_s_words() -> None:
    """A series with more slivers than its name says is warned of as on the picture; one
    with no segment in the last column has no name there to say them after."""
    years = [str(2010 + k) for k in range(6)]
    many = job("stacked-bar", years, {"Big": [30.0e6] * 6, "Tiny": [0.05e6] * 6},
               format="compact:1")  # fmt: skip
    notes = many.spec.native_notes(many)
    assert len(notes) == 1 and notes[0].startswith("the values of Tiny in columns where")
    assert "Tiny  0.1M" in _label_texts(_native_chart(many))
    gone = job("stacked-bar", ["2010", "2020"], {"Big": [30.0e6, 31.0e6], "Tiny": [0.05e6, 0]},
               format="compact:1")  # fmt: skip
    notes = gone.spec.native_notes(gone)
    assert len(notes) == 1 and notes[0].startswith(
        "1 segment values too thin to see are not written (Tiny 2010 (0.1M))"
    )


def _connectors(fig) -> list:
    return [line for line in fig.axes[0].get_lines() if line.get_gid() == "connector"]


@pytest.mark.parametrize("theme", ["corporate", "dark"])
def test_connectors_join_each_segment_s_top_to_the_next_column_s(theme: str) -> None:
    """With ``connectors: true`` a thin line runs from the right edge of one column to the
    left edge of the next at each series' top (and the columns' tops), so the USA's 12.0M
    and Japan's 10.5M of 2004 are followed to their 2023 segments (found by review): the
    series are named only right of the last column."""
    from deckgen.theming.colour import contrast

    chart_job = job("stacked-bar", ["2004", "2023"], PRODUCTION, format="compact:1",
                    highlight="China", connectors=True, theme=theme)  # fmt: skip
    fig = figure(chart_job)
    half = chart_job.theme.theme.chart.bar_width / 2
    values = list(PRODUCTION.values())
    tops = sorted(tuple(sum(v[i] for v in values[: j + 1]) for i in (0, 1)) for j in range(5))
    lines = _connectors(fig)
    drawn = sorted(tuple(float(y) for y in line.get_ydata()) for line in lines)
    assert [y for pair in drawn for y in pair] == pytest.approx([y for p in tops for y in p])
    background = chart_job.theme.theme.colors.background
    for line in lines:
        assert list(line.get_xdata()) == pytest.approx([half, 1 - half])  # edge to edge
        assert line.get_linewidth() == pytest.approx(0.75 * chart_job.canvas.scale)
        assert contrast(line.get_color(), background) >= 3.0
        assert line.get_zorder() < min(t.get_zorder() for t in fig.axes[0].texts)


def test_no_connectors_without_the_option() -> None:
    chart_job = job("stacked-bar", ["2004", "2023"], PRODUCTION, format="compact:1")
    assert _connectors(figure(chart_job)) == []


@pytest.mark.parametrize(
    ("categories", "series", "fmt", "theme", "least"),
    [
        (["2019", "2021", "2023", "2025"], EMISSIONS, "plain:0", "corporate", 3),
        # contrast's wider type writes 2023's 4.2M left of its column, across the tops'.
        (["2004", "2023"], PRODUCTION, "compact:1", "contrast", 4),
    ],
)
def test_no_connector_crosses_or_touches_a_label(categories, series, fmt, theme, least) -> None:
    """Values written left of their column in the gap (2021's 110 and 210) stand where
    their boundaries' connectors would run: those are left out, the rest drawn whole."""
    from deckgen.render.chartkit import _crossing

    chart_job = job("stacked-bar", categories, series, format=fmt, theme=theme,
                    highlight=next(iter(series)), connectors=True)  # fmt: skip
    fig = figure(chart_job)
    ax = fig.axes[0]
    renderer = fig.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in ax.texts
             if t.get_visible() and t.get_text().strip()]  # fmt: skip
    lines = _connectors(fig)
    assert len(lines) >= least  # the boundaries no label stands beside
    for line in lines:
        start, end = ax.transData.transform(list(zip(line.get_xdata(), line.get_ydata(),
                                                     strict=True)))  # fmt: skip
        assert all(_crossing(start, end, box.padded(1.0)) is None for box in boxes)


def test_native_connectors_are_powerpoint_s_series_lines() -> None:
    from pptx.oxml.ns import qn

    from deckgen.theming.colour import contrast

    for connectors in (False, True):
        chart_job = job("stacked-bar", ["2004", "2023"], PRODUCTION, format="compact:1",
                        connectors=connectors)  # fmt: skip
        space = _native_chart(chart_job)._chartSpace
        lines = space.findall(f".//{qn('c:barChart')}/{qn('c:serLines')}")
        assert len(lines) == (1 if connectors else 0)
    bar = space.find(f".//{qn('c:barChart')}")
    tags = [child.tag for child in bar]
    assert tags.index(qn("c:serLines")) < tags.index(qn("c:axId"))  # the schema's order
    ln = lines[0].find(f"{qn('c:spPr')}/{qn('a:ln')}")
    assert int(ln.get("w")) == 9525  # 0.75 pt
    colour = ln.find(f".//{qn('a:srgbClr')}").get("val")
    assert contrast(f"#{colour}", chart_job.theme.theme.colors.background) >= 3.0


def test_native_values_beside_a_column_hide_the_series_lines_under_them() -> None:
    """A value moved left of its column stands in the gap the series lines cross: its box
    is filled with the background, so no line runs through its text (2021's Waste)."""
    from pptx.oxml.ns import qn

    chart_job = job("stacked-bar", ["2019", "2021", "2023", "2025"], EMISSIONS,
                    format="plain:0", highlight="Transport", connectors=True)  # fmt: skip
    chart = _native_chart(chart_job)
    first, label = (_point_labels(chart.plots[0].series[3])[i] for i in (0, 1))  # Waste
    assert first.find(qn("c:spPr")) is None  # left of the first column: no line runs there
    assert float(label.find(f"{qn('c:layout')}//{qn('c:x')}").get("val")) < -0.02
    fill = label.find(f"{qn('c:spPr')}/{qn('a:solidFill')}/{qn('a:srgbClr')}").get("val")
    assert f"#{fill}".lower() == chart_job.theme.theme.colors.background.lower()
    tags = [child.tag for child in label]
    assert tags.index(qn("c:numFmt")) < tags.index(qn("c:spPr")) < tags.index(qn("c:dLblPos"))


@pytest.mark.parametrize("labels", [True, False])
def test_a_column_with_no_value_is_a_gap_not_a_total_of_zero(labels: bool) -> None:
    """A column whose every part is missing was topped '0.0', as a column of zeros is, and
    its parts read out as 'b –' (found in review): its total is '–', the bar chart's mark
    for a gap (at the baseline where the values are read off the axis), and the alt text
    says 'no value'."""
    drawn = job("stacked-bar", ["Police", "Libraries", "Roads"],
                {"b": [10.2, None, 9.9], "c": [3.0, None, 2.0]}, format="plain:1",
                value_labels=labels)  # fmt: skip
    texts = [t.get_text() for t in figure(drawn).axes[0].texts]
    assert texts.count("–") == 1 and "0.0" not in texts
    assert "Libraries: b no value, c no value" in drawn.alt()


# --------------------------------------------------------------------------- missing parts
#: A survey's answers by age group (made up for these tests, in %): 18–29's 'Unsure' cell
#: is blank, so its column adds up to 87 where every other one makes 100.
AGES = ["18–29", "30–44", "45–64"]
ANSWERS = {"Trust": [38.0, 45.0, 52.0], "Unsure": [None, 14.0, 13.0],
           "Do not trust": [49.0, 41.0, 35.0]}  # fmt: skip


def _gap_marks(fig) -> list:
    """The '–' marks a figure draws, as annotations."""
    return [t for t in fig.axes[0].texts if isinstance(t, Annotation) and t.get_text() == "–"]


@pytest.mark.parametrize("labels", [True, False])
def test_a_missing_part_is_marked_where_its_segment_would_stand(labels: bool) -> None:
    """A column with one blank cell drew 87% in a 100% survey with no mark (found in
    review): the '–' of a gap stands where its segment would, on the line between Trust
    and Do not trust, on a patch of the background, and nothing else is marked."""
    chart_job = job("stacked-bar", AGES, ANSWERS, format="percent:0", value_labels=labels)
    with chart_style(chart_job.theme, chart_job.canvas):
        fig = figure(chart_job)
        (gap,) = _gap_marks(fig)
        edge = chart_job.theme.theme.chart.bar_width / 2
        assert gap.xy == (-edge, 38.0) and gap.get_ha() == "left"
        assert gap.get_bbox_patch().get_facecolor()[:3] == pytest.approx(
            to_rgb(chart_job.theme.theme.colors.background)
        )
        texts = [t.get_text() for t in fig.axes[0].texts]
    if labels:
        assert texts.count("87%") == 1 and texts.count("100%") == 2


def test_a_missing_top_part_is_marked_on_its_column_under_its_total() -> None:
    """The last part of the stack missing: the '–' stands on top of the column, and its
    total a line higher, clear of it."""
    answers = {"Trust": [38.0, 45.0, 52.0], "Do not trust": [49.0, 41.0, 35.0],
               "Unsure": [None, 14.0, 13.0]}  # fmt: skip
    chart_job = job("stacked-bar", AGES, answers, format="percent:0")
    with chart_style(chart_job.theme, chart_job.canvas):
        fig = figure(chart_job)
        (gap,) = _gap_marks(fig)
        assert gap.xy == (0, 87.0) and gap.get_va() == "bottom"
        (total,) = [t for t in fig.axes[0].texts if t.get_text() == "87%"]
        renderer = fig.canvas.get_renderer()
        below, above = gap.get_window_extent(renderer), total.get_window_extent(renderer)
        assert above.y0 >= below.y1


def test_a_missing_part_is_said_with_its_row_series_and_what_the_column_adds_up_to() -> None:
    """The build said nothing of it: the picture, a native chart's slide and deckgen check
    (NUM014) say the part, its column and what that adds up to beside the others; the alt
    text says it too."""
    chart_job = job("stacked-bar", AGES, ANSWERS, format="percent:0")
    ((message, fix),) = chart_job.spec.drawn_unlike_data(chart_job)
    assert message == (
        "a stacked bar has no segment for a missing part, so its column is shorter by it and "
        "its total leaves it out ('–' marks the gap): the 'Unsure' part of '18–29' has no "
        "value: the column adds up to 87%, not the 100% of the others"
    )
    assert fix.startswith("fill in the value where it is known")
    assert chart_job.spec.native_notes(chart_job) == [f"{message}; {fix}"]
    alt = chart_job.alt()
    assert (
        "18–29: Trust 38 percent, Unsure no value, Do not trust 49 percent, adding up to "
        "87 percent without Unsure;"
    ) in alt
    whole = job("stacked-bar", AGES[1:], {k: v[1:] for k, v in ANSWERS.items()},
                format="percent:0")  # fmt: skip
    assert whole.spec.drawn_unlike_data(whole) == []
    assert "adding up" not in whole.alt()
    # A column whole without its missing part is not short: no warning that it is
    # ('adds up to 100%, not the 100% of the others', found by fuzzing).
    full = job("stacked-bar", ["18-29", "50+"], {"trust": [33.0, None],
               "unsure": [33.0, 50.0], "distrust": [34.0, 50.0]}, format="percent:0")  # fmt: skip
    assert full.spec.drawn_unlike_data(full) == []


def test_a_build_warns_of_a_missing_part_on_the_slide_the_card_and_natively(tmp_path) -> None:
    from deckgen.pipeline import BuildOptions, build
    from tests.helpers import write_project

    rows = "".join(f"{age},{answer},{'' if v is None else v}\n"
                   for answer, values in ANSWERS.items()
                   for age, v in zip(AGES, values, strict=True))  # fmt: skip
    deck = """\
deck: {title: Trust}
data:
  survey: {file: survey.csv}
slides:
  - kind: chart
    title: Older readers trust local news most
    source: Test survey
    chart: &chart {type: stacked-bar, data: survey, x: age, y: pct, series: answer,
                   format: "percent:0"}
    share: [ig-portrait]
  - kind: chart
    title: Older readers trust local news most, natively
    source: Test survey
    chart: {<<: *chart, native: true}
"""
    path = write_project(tmp_path, deck, {"survey.csv": f"age,answer,pct\n{rows}"})
    warnings = build(path, BuildOptions(out_dir=tmp_path / "out")).warnings
    said = "the 'Unsure' part of '18–29' has no value: the column adds up to 87%, not the 100%"
    places = {w.split(": a stacked bar")[0].replace(str(path), "deck.yaml")
              for w in warnings if said in w}  # fmt: skip
    assert places == {"deck.yaml:5: slides[0]",
                      "card older-readers-trust-local-news-most-ig-portrait.png",
                      "deck.yaml:11: slides[1]"}, warnings  # fmt: skip


@pytest.mark.parametrize("labels", [True, False])
def test_a_native_chart_marks_a_missing_part_where_its_segment_would_stand(labels: bool) -> None:
    """PowerPoint writes no label for an empty cell: a text box '–' on the background's
    fill stands on the column near its left edge where the segment would (between 38% and
    49%), as on the picture."""
    from pptx import Presentation

    from deckgen.kinds.charts.stacked import _native_plan
    from deckgen.layout.geometry import Rect

    chart_job = job("stacked-bar", AGES, ANSWERS, format="percent:0", value_labels=labels)
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    canvas = chart_job.canvas
    chart_job.spec.draw_native(slide, chart_job, Rect.of(0, 0, int(canvas.width),
                                                         int(canvas.height)), "alt")  # fmt: skip
    (mark,) = [s for s in slide.shapes if s.name == "Gap mark"]
    assert mark.text_frame.text == "–"
    background = chart_job.theme.theme.colors.background.lstrip("#").upper()
    assert str(mark.fill.fore_color.rgb) == background
    plan = _native_plan(chart_job)
    left, top, width, height = plan.plot
    edge = left + width / 3 * (0.5 - chart_job.theme.theme.chart.bar_width / 2)
    middle_y = (mark.top + mark.height / 2) / 12700
    assert edge < mark.left / 12700 < edge + 6
    assert middle_y == pytest.approx(top + height * (plan.hi - 38) / (plan.hi - plan.lo), abs=1)


def test_a_column_of_parts_on_both_sides_of_zero_is_an_error_naming_it() -> None:
    """Drawn up from zero and down from it, A's column reached 13 under its total '8' (10,
    3 and −5), with no word (found by fuzzing): parts of one column take one sign."""
    from deckgen.errors import Location

    chart_job = job("stacked-bar", ["A", "B", "C"],
                    {"a": [10, -4, 1], "b": [-5, 6, 1], "c": [3, 2, None]})  # fmt: skip
    problems = chart_job.spec.check(chart_job.data, Location("deck.yaml", 6, "slides[0].chart"))
    (problem,) = problems
    assert str(problem.location) == "deck.yaml:6: slides[0].chart.y"
    assert "A has a = 10, b = -5, c = 3, and 1 more column of mixed sign" in problem.message
    assert problem.hint is not None
    assert "grouped bars" in problem.hint and "waterfall" in problem.hint


def test_columns_all_below_zero_are_drawn_down_from_it() -> None:
    """Parts of one sign, below zero, are a total below zero: no error, and the segments
    hang from the axis."""
    from deckgen.errors import Location

    chart_job = job("stacked-bar", ["A", "B"], {"a": [-10, 4], "b": [-5, 6]})
    assert chart_job.spec.check(chart_job.data, Location("deck.yaml", 6, "slides[0].chart")) == []
    with chart_style(chart_job.theme, chart_job.canvas):
        fig = chart_job.figure()
        ax = fig.axes[0]
        tops = sorted(round(p.get_y() + p.get_height(), 6) for p in ax.patches
                      if p.get_height() < 0 or p.get_y() < 0)  # fmt: skip
    assert tops and max(tops) <= 0


#: Twelve states' shares of generation by source, written for this test (a new user's
#: regional fact sheet): long single-word names under columns, the sources named beside
#: the last column.
STATES = ["Colorado", "Iowa", "Kansas", "Minnesota", "Missouri", "Montana", "Nebraska",
          "Nevada", "New Mexico", "Oklahoma", "Utah", "Wyoming"]  # fmt: skip
GENERATION = {
    "Wind": [25.0, 65.1, 53.1, 23.3, 5.9, 15.0, 26.8, 0.8, 37.5, 41.9, 2.6, 24.2],
    "Solar": [7.6, 1.5, 0.6, 5.4, 0.8, 1.3, 0.5, 25.1, 11.0, 0.6, 11.0, 0.5],
    "Hydro": [3.0, 1.5, 0.0, 1.1, 1.8, 36.9, 2.6, 5.2, 0.6, 3.3, 1.8, 1.7],
    "Natural gas": [31.3, 11.0, 7.9, 19.6, 15.1, 4.6, 4.2, 66.1, 33.1, 44.4, 28.8, 3.0],
    "Coal": [33.2, 20.8, 20.6, 26.1, 63.0, 42.2, 46.7, 2.9, 17.7, 9.8, 55.9, 70.6],
    "Nuclear": [0.0, 0.0, 17.8, 24.4, 13.4, 0.0, 19.2, 0.0, 0.0, 0.0, 0.0, 0.0],
}


@pytest.mark.parametrize("theme", ["corporate", "dark", "contrast"])
def test_names_under_columns_never_touch(theme: str) -> None:
    """'Minnesota' was drawn against 'Missouri' ('MinnesotaMissouri'): a slot was measured
    as the plot's width over twelve, where the limits reach past the first and last column
    and each has less (found by a new user). Each name shown keeps clear of the next."""
    from deckgen.layout.units import Inches
    from deckgen.render.jobs import Canvas

    # The box of a chart slide under a one-line subtitle, at the slide's dpi.
    canvas = Canvas(Inches(12.3333), Inches(4.1546), dpi=200)
    chart_job = job("stacked-bar", STATES, GENERATION, format="percent:0", theme=theme,
                    highlight="Colorado", canvas=canvas)  # fmt: skip
    fig = figure(chart_job)
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    with chart_style(chart_job.theme, chart_job.canvas):
        boxes = [t.get_window_extent(renderer) for t in fig.axes[0].get_xticklabels()
                 if t.get_visible() and t.get_text()]  # fmt: skip
    # Points between two names: 0.4 between 'Minnesota' and 'Missouri' read as one word.
    gaps = [(b.x0 - a.x1) * 72 / canvas.dpi for a, b in itertools.pairwise(boxes)]
    assert min(gaps) >= 3.0, gaps
    if theme != "contrast":  # its 16 pt names shrink to 14 pt, too large for all twelve
        assert len(boxes) == 12


def test_alt_text_says_a_zero_part_without_decimals() -> None:
    """'Nuclear 0.0 percent' beside 'Wind 25 percent' was read out (found by a new user):
    a zero is said as '0', whatever decimals the labels beside it take."""
    chart_job = job("stacked-bar", ["Iowa", "Kansas"],
                    {"Wind": [65.1, 53.1], "Hydro": [1.5, 0.0], "Coal": [33.4, 46.9]},
                    format="percent:1")  # fmt: skip
    alt = chart_job.alt()
    assert "Hydro 0 percent" in alt and "0.0 percent" not in alt
    assert "Wind 65.1 percent" in alt
