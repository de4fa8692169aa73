"""Axis control on every chart with a value axis (`axis: {min, max, zero, log}`, `index:`),
read back from the drawn figure's axes; what a kind refuses, with the reason; label
thinning on category axes."""

from __future__ import annotations

import re
from itertools import pairwise

import matplotlib.text
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from deckgen.errors import Location
from deckgen.kinds.charts import chart
from deckgen.layout.units import Inches
from deckgen.render.charts import ChartJob
from deckgen.render.jobs import Canvas
from deckgen.render.style import chart_style
from deckgen.tables.select import ChartData, Series
from tests.helpers import employment_frame, load_theme, series_data, stock_frame

CANVAS = Canvas(Inches(12.33), Inches(4.86), dpi=100)
WHERE = Location("deck.yaml", 7, "slides[2].chart")
#: Total employment, in thousands (tests/data): 137,482 to 145,294, low 129,698.
TOTAL = {"type": "line", "x": "month", "y": "total_nonfarm", "scale": 1000}


def _figure(spec: dict, data: ChartData | None = None):
    data = data if data is not None else series_data(employment_frame(), **spec)
    job = ChartJob(chart(data="d", **spec), data, load_theme(), CANVAS, "A chart")
    with chart_style(job.theme, job.canvas):
        fig = job.figure()
        fig.canvas.draw()
    return job, fig, fig.axes[0]


def _regions(*, n: int = 4) -> ChartData:
    return ChartData(tuple("ABCDEFGHIJKLMNOPQRSTUVWXYZ"[:n]),
                     (Series("v", tuple(float(10 + 5 * i) for i in range(n))),))  # fmt: skip


def test_a_time_series_starts_at_zero_unless_told_so_the_loss_fills_the_chart():
    _, _, ax = _figure(TOTAL)
    lo, hi = ax.get_ylim()
    assert lo == 0
    dip = (138_365_000 - 129_698_000) / (hi - lo)
    assert dip < 0.1  # the 8.7 million loss is a faint wiggle from zero
    _, _, ax = _figure({**TOTAL, "axis": {"zero": False}})
    lo, hi = ax.get_ylim()
    assert 120e6 <= lo < 129_698_000 and hi > 145_294_000
    assert (138_365_000 - 129_698_000) / (hi - lo) > 0.3  # now it is a third of the chart
    ticks = [t for t in ax.get_yticks() if lo <= t <= hi]
    assert ticks[0] == lo  # the axis starts on a labelled gridline


def test_min_and_max_set_the_axis_exactly():
    _, _, ax = _figure({**TOTAL, "axis": {"min": 125e6, "max": 150e6}})
    assert ax.get_ylim() == (125e6, 150e6)
    _, _, ax = _figure({"type": "bar", "x": "x", "y": "v", "axis": {"max": 100}}, _regions())
    assert ax.get_ylim() == (0, 100)


def test_a_log_scale_ticks_at_one_two_five():
    prices = {"type": "line", "x": "date", "y": "price", "format": "$plain:0",
              "filter": [{"column": "symbol", "value": "NWND"}], "axis": {"log": True}}  # fmt: skip
    data = series_data(stock_frame(), **prices)  # $39.80 down to about $3
    _, _, ax = _figure(prices, data)
    assert ax.get_yscale() == "log"
    labels = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
    assert labels == ["$5", "$10", "$20"]
    # Within a range too short for them, ticks at linear nice numbers (still a log scale).
    _, _, ax = _figure({**TOTAL, "y": "health_care", "scale": 1, "axis": {"log": True}})
    assert ax.get_yscale() == "log"
    lo, hi = ax.get_ylim()
    assert 14_000 < lo < 15_056 and 19_606 < hi < 21_000
    labels = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
    assert labels == ["15.0K", "16.5K", "18.0K", "19.5K"]


@pytest.mark.parametrize(
    "values, fmt, ticks, label",
    [
        ((1.0, 1e6, 2000.0), {}, ["1", "10", "100", "1K", "10K", "100K", "1M"], "2.0K"),
        ((0.01, 1e6, 30.0), {}, ["0.01", "1", "100", "10K", "1M"], "30.0"),
        ((1e-3, 1e17, 30.0), {"format": "plain"},
         ["0.001", "1", "1,000", "1,000,000", "1,000,000,000", "1,000,000,000,000",
          "1,000,000,000,000,000", "1,000,000,000,000,000,000"], "30"),
    ],
)  # fmt: skip
def test_a_log_scale_over_powers_of_ten_writes_each_tick_and_label_in_its_own_unit(
    values, fmt, ticks, label
):
    """In one shared unit the ticks 1, 10 and 100 all read '0.0M', and 2,000 '0.0020M';
    over twenty decades every power of ten crowded the axis."""
    spec = {"type": "line", "x": "x", "y": "v", "axis": {"log": True}, **fmt}
    data = ChartData(("a", "b", "c"), (Series("v", values),))
    _, fig, ax = _figure(spec, data)
    shown = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
    assert shown == ticks
    texts = [t.get_text().split() for t in fig.findobj(matplotlib.text.Text)]
    assert ["v", label] in texts


def test_an_index_reads_against_100_and_plainly():
    job, _, ax = _figure({**TOTAL, "y": ["construction", "health_care"], "index": "2007-01"})
    assert [s.values[0] for s in job.data.series] == [100, 100]
    lo, hi = ax.get_ylim()
    assert lo > 0 and lo < 71 < 130 < hi  # near the data, not from zero
    labels = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
    assert all(label.isdigit() for label in labels)  # plain points: 80, 100, 120
    assert any(line.get_ydata()[0] == 100 for line in ax.get_lines() if len(line.get_ydata()) == 2)


@pytest.mark.parametrize(
    ("values", "sign"), [((40.0, 920.0), 1), ((-920.0, -40.0), -1), ((-40.0, 920.0), 0)]
)
def test_the_room_for_labels_never_takes_an_axis_past_zero(values, sign):
    """An index of 40 to 920 was drawn on an axis from -200 (found by fuzzing): the room
    below the data crossed zero, and a nice tick put a sign there no value has."""
    other = (-100.0, -100.0) if sign < 0 else (100.0, 100.0)
    data = ChartData(("2019", "2023"), (Series("a", values), Series("b", other)))
    _, _, ax = _figure({"type": "line", "x": "x", "y": ["a", "b"], "axis": {"zero": False}},
                       data)  # fmt: skip
    lo, hi = ax.get_ylim()
    assert lo <= min(values) and hi >= max(values)
    if sign > 0:
        assert lo == 0
    elif sign < 0:
        assert hi == 0
    else:
        assert lo < -40 and hi > 920


@pytest.mark.parametrize("kind", ["bar", "hbar", "grouped-bar", "stacked-bar"])
def test_bars_keep_zero_and_refuse_a_log_scale_with_the_reason(kind):
    with pytest.raises(ValidationError, match="starts at zero: a bar's length is its value"):
        chart(type=kind, data="d", x="x", y="v", axis={"zero": False})
    with pytest.raises(ValidationError, match="starts at zero"):
        chart(type=kind, data="d", x="x", y="v", axis={"min": 5})
    with pytest.raises(ValidationError, match="cannot use a log scale: bar lengths on it"):
        chart(type=kind, data="d", x="x", y="v", axis={"log": True})
    assert chart(type=kind, data="d", x="x", y="v", axis={"max": 100, "min": -10})


def test_a_donut_has_no_value_axis_and_no_index():
    with pytest.raises(ValidationError, match="a donut chart has no value axis"):
        chart(type="donut", data="d", x="x", y="v", axis={"max": 100})
    with pytest.raises(ValidationError, match="shows shares, which an index would not change"):
        chart(type="donut", data="d", x="x", y="v", index="A")


@pytest.mark.parametrize(
    ("kind", "y", "why"),
    [("waterfall", "v", "adds its steps up to its totals"),
     ("stacked-bar", ["a", "b"], "stacks its series into totals"),
     ("stacked-area", ["a", "b"], "stacks its series into totals"),
     ("scatter", "v", "places each point by two numbers"),
     ("range", ["a", "b"], "joins each row's two values"),
     ("arrow", ["a", "b"], "joins each row's two values")],
)  # fmt: skip
def test_an_index_is_refused_where_rebasing_each_series_means_nothing(kind, y, why):
    """A waterfall took `index:`, summed its steps' indexes and wrote them as dollars from
    a start it left as it was: '+$70.0M ... ends at $196.4M' for a gap ending at -$5.7M,
    with no warning (found by fuzzing)."""
    with pytest.raises(ValidationError, match=f"{why}.*; remove 'index:'"):
        chart(type=kind, data="d", x="x", y=y, index="A")


@pytest.mark.parametrize("kind", ["line", "area", "bar", "hbar", "grouped-bar", "dot"])
def test_an_index_rebases_the_series_of_the_types_that_draw_them(kind):
    assert chart(type=kind, data="d", x="x", y="a" if kind in ("bar", "hbar") else ["a", "b"],
                 index="A").index == "A"  # fmt: skip


@pytest.mark.parametrize(
    ("axis", "expected"),
    [
        ({"min": 5, "max": 5}, "axis min 5 must be below axis max 5"),
        ({"log": True, "zero": True}, "a log scale cannot reach zero"),
        ({"log": True, "min": 0}, "a log scale starts above zero, not at min 0"),
    ],
)
def test_an_axis_that_cannot_be_drawn_is_an_outline_error(axis, expected):
    with pytest.raises(ValidationError, match=expected):
        chart(type="line", data="d", x="x", y="v", axis=axis)


def test_an_axis_that_would_hide_data_is_an_error_after_binding():
    data = _regions()
    spec = chart(type="line", data="d", x="x", y="v", axis={"min": 12, "max": 20, "log": True})
    problems = {p.location.field: p.message for p in spec.check(data, WHERE)}
    assert problems["slides[2].chart.axis.min"] == (
        "axis min 12 is above the data's 10 (A), which the chart would cut off"
    )
    assert problems["slides[2].chart.axis.max"] == (
        "axis max 20 is below the data's 25 (D), which the chart would cut off")  # fmt: skip
    negative = ChartData(("A", "B"), (Series("v", (3.0, -1.0)),))
    [log] = chart(type="line", data="d", x="x", y="v", axis={"log": True}).check(negative, WHERE)
    assert log.location.field == "slides[2].chart.axis.log"
    assert log.message.startswith("a log scale has no place for -1 (B)")


def test_a_reference_line_or_axis_end_that_flattens_the_data_is_an_error():
    # Vehicle counts up to 30 million under a line at 1e15 (a unit typed wrong): every
    # bar drawn under a pixel, only its labels showing (found by fuzzing).
    data = ChartData(("China", "USA"), (Series("v", (30_160_966.0, 10_611_555.0)),))
    spec = chart(type="bar", data="d", x="x", y="v", reference={"value": 1e15, "label": "x"})
    [far] = spec.check(data, WHERE)
    assert far.location.field == "slides[2].chart.reference.value"
    assert far.message == (
        "the reference line at 1e+15 stretches the value axis so far that the data (0 to "
        "30,160,966) spans under a thousandth of it: no mark would show, only the labels"
    )
    assert far.hint.endswith("(the data reaches 30,160,966)")
    # An axis min far under bars of positive values flattens them too.
    low_end = chart(type="hbar", data="d", x="x", y="v", axis={"min": -1e12})
    [low] = low_end.check(_regions(), WHERE)
    assert low.location.field == "slides[2].chart.axis.min"
    assert "(0 to 25)" in low.message and low.hint.endswith("(the data reaches 0)")
    # A line pressed flat still shows, and may be the point: not asked.
    line = chart(type="line", data="d", x="x", y="v", axis={"min": -1e12, "zero": False})
    assert not line.check(_regions(), WHERE)
    top = chart(type="grouped-bar", data="d", x="x", y="v", axis={"max": 1e9})
    assert [p.location.field for p in top.check(_regions(), WHERE)] == ["slides[2].chart.axis.max"]
    # A target far above the data is a finding, not a mistake: the data still shows.
    ev = chart(type="bar", data="d", x="x", y="v", reference={"value": 1250, "label": "Target"})
    assert not ev.check(_regions(), WHERE)


@pytest.mark.parametrize("kind", ["stacked-bar", "stacked-area"])
def test_an_axis_that_would_cut_off_a_stack_is_an_error_though_each_value_fits(kind):
    # Each value is within 0..8, but South's stack reaches 10 and East's goes down to -3.
    data = ChartData(("North", "South", "East"), (Series("a", (2.0, 6.0, -1.0)),
                                                   Series("b", (3.0, 4.0, -2.0))))  # fmt: skip
    spec = chart(type=kind, data="d", x="x", y=["a", "b"], axis={"max": 8, "min": -2.5})
    problems = {p.location.field: p.message for p in spec.check(data, WHERE)}
    assert problems["slides[2].chart.axis.max"] == (
        "axis max 8 is below the data's 10 (total, South), which the chart would cut off"
    )
    if kind == "stacked-bar":  # a stacked area refuses negative values on its own
        assert problems["slides[2].chart.axis.min"] == (
            "axis min -2.5 is above the data's -3 (total, East), which the chart would cut off"
        )
    fits = chart(type=kind, data="d", x="x", y=["a", "b"], axis={"max": 10, "min": -3})
    assert not [p for p in fits.check(data, WHERE) if ".axis." in p.location.field]


# --------------------------------------------------------------------------- thinning
@pytest.mark.parametrize("kind", ["bar", "grouped-bar", "stacked-bar", "line"])
def test_many_categories_show_every_kth_label_always_the_last_and_none_touch(kind):
    n = 40
    names = tuple(f"Region {i:02d}" for i in range(n))
    data = ChartData(names, (Series("a", tuple(float(i % 7 + 3) for i in range(n))),
                             Series("b", tuple(float(i % 5 + 2) for i in range(n)))))  # fmt: skip
    if kind == "bar":
        data = ChartData(names, data.series[:1])
    y = "a" if kind == "bar" else ["a", "b"]
    _, fig, ax = _figure({"type": kind, "x": "x", "y": y}, data)
    renderer = fig.canvas.get_renderer()
    shown = [t for t in ax.get_xticklabels() if t.get_text()]
    assert 4 <= len(shown) < n
    assert shown[-1].get_text() == "Region 39"
    spans = sorted((b.x0, b.x1) for b in (t.get_window_extent(renderer) for t in shown))
    assert all(right < left for (_, right), (left, _) in pairwise(spans))
    steps = {b - a for a, b in pairwise(ax.get_xticks())}
    assert len(steps) == 1  # every k-th


def test_a_highlighted_category_keeps_its_label_when_labels_are_thinned():
    n = 40
    names = tuple(f"Region {i:02d}" for i in range(n))
    data = ChartData(names, (Series("a", tuple(float(i % 7 + 3) for i in range(n))),))
    _, _, ax = _figure({"type": "bar", "x": "x", "y": "a", "highlight": "Region 20"}, data)
    shown = {t.get_text(): t.get_fontweight() for t in ax.get_xticklabels() if t.get_text()}
    assert shown["Region 20"] == "bold" and "Region 39" in shown


def test_few_categories_keep_every_label_wrapped_as_before():
    names = ("North America", "Asia", "Europe", "South/Central America")
    data = ChartData(names, (Series("v", (89.9, 23.0, 19.7, 5.3)),))
    _, _, ax = _figure({"type": "bar", "x": "x", "y": "v"}, data)
    assert [t.get_text().replace("\n", " ") for t in ax.get_xticklabels()] == list(names)


@pytest.mark.parametrize("kind", ["bar", "grouped-bar"])
def test_a_word_wider_than_its_slot_keeps_every_label_when_neighbours_clear_it(kind):
    """'Germany' wider than its slot as measured before the layout settles, between short
    names: every label still clears its neighbours, so none is thinned away (the dark
    theme's G20 card once showed only China, India and Germany); the labels do not touch."""
    names = ("China", "USA", "Japan", "India", "South Korea", "Germany")
    values = (30.2, 10.6, 9.0, 5.9, 4.2, 4.1)
    data = ChartData(names, (Series("a", values), Series("b", tuple(v / 2 for v in values))))
    if kind == "bar":
        data = ChartData(names, data.series[:1])
    y = "a" if kind == "bar" else ["a", "b"]
    narrow = Canvas(Inches(5.6), Inches(4.0), dpi=200)
    job = ChartJob(chart(data="d", type=kind, x="x", y=y), data, load_theme("dark"), narrow, "G20")
    with chart_style(job.theme, job.canvas):
        fig = job.figure()
        fig.canvas.draw()
    ax, renderer = fig.axes[0], fig.canvas.get_renderer()
    shown = [t for t in ax.get_xticklabels() if t.get_text()]
    assert [t.get_text().replace("\n", " ") for t in shown] == list(names)
    spans = sorted((b.x0, b.x1) for b in (t.get_window_extent(renderer) for t in shown))
    assert all(right < left for (_, right), (left, _) in pairwise(spans))


def test_a_ranking_in_large_type_names_every_row_and_labels_every_bar():
    """Ten ports in the high-contrast theme's 16 pt labels on the slide's chart area: a
    row is short of a label before the layout settles and fits once it has. Every port is
    named and every bar carries its value (the theme once lost every other name and all
    the values), and no two names touch."""
    names = tuple(f"Port {c}, {c}{c}" for c in "ABCDEFGHIJ")
    values = tuple(59.0 - 4.5 * i for i in range(10))
    data = ChartData(names, (Series("v", values),))
    chart_area = Canvas(Inches(12.33), Inches(3.77), dpi=200)  # as on the slide
    job = ChartJob(chart(data="d", type="hbar", x="x", y="v"), data, load_theme("contrast"),
                   chart_area, "Port A leads")  # fmt: skip
    with chart_style(job.theme, job.canvas):
        fig = job.figure()
        fig.canvas.draw()
    ax, renderer = fig.axes[0], fig.canvas.get_renderer()
    shown = [t for t in ax.get_yticklabels() if t.get_text()]
    assert [t.get_text() for t in shown] == list(names)
    spans = sorted((b.y0, b.y1) for b in (t.get_window_extent(renderer) for t in shown))
    assert all(top < bottom for (_, top), (bottom, _) in pairwise(spans))
    values_shown = [t.get_text() for t in ax.texts]
    assert len(values_shown) == len(names) and "59" in values_shown[0]


@pytest.mark.parametrize("kind", ["bar", "hbar", "grouped-bar", "stacked-area"])
def test_a_chart_of_zeros_has_an_axis_and_no_matplotlib_warning(kind):
    """Every value zero: matplotlib warned that the limits were singular, a line on the
    terminal with no file or field."""
    import warnings

    data = ChartData(("A", "B", "C"), (Series("a", (0.0, 0.0, 0.0)), Series("b", (0.0, 0.0, 0.0))))
    if kind in ("bar", "hbar"):
        data = ChartData(data.categories, data.series[:1])
    y = "a" if kind in ("bar", "hbar") else ["a", "b"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        _, _, ax = _figure({"type": kind, "x": "x", "y": y}, data)
    lo, hi = ax.get_xlim() if kind == "hbar" else ax.get_ylim()
    assert lo == 0 and hi > lo


@pytest.mark.parametrize("theme", ["corporate", "dark", "contrast"])
def test_a_category_name_is_level_with_its_bar(theme: str) -> None:
    """A name beside a horizontal bar is centred on it, as the value at its end is: the
    default ('center_baseline') centred the part above the baseline, a fifth of a line
    low with the themes' fonts."""
    from matplotlib.patches import Rectangle

    from tests.kinds.charts.jobs import figure, job

    ports = {"v": [59.0, 43.9, 28.2]}
    chart_job = job("hbar", ["Laredo, TX", "Detroit, MI", "Brunswick, GA"], ports, theme=theme)
    fig = figure(chart_job)
    ax = fig.axes[0]
    renderer = fig.canvas.get_renderer()
    bars = [p.get_window_extent(renderer) for p in ax.patches if isinstance(p, Rectangle)]
    names = [t.get_window_extent(renderer) for t in ax.get_yticklabels() if t.get_text()]
    assert len(bars) == len(names) == 3
    for bar, name in zip(bars, names, strict=True):
        assert abs((bar.y0 + bar.y1) / 2 - (name.y0 + name.y1) / 2) <= 0.5


# --------------------------------------------------------------------------- long names
#: A name no chart can show whole: a paragraph, and one "word" of 300 letters.
PARAGRAPH = "Manufacturing " + "and related services sector employment " * 20
WORD = "X" * 300


def _names(ax, axis: str) -> list[str]:
    ticks = ax.get_yticklabels() if axis == "y" else ax.get_xticklabels()
    return [t.get_text() for t in ticks if t.get_text()]


@pytest.mark.parametrize(("kind", "axis"), [("bar", "x"), ("hbar", "y"), ("arrow", "y"),
                                            ("dot", "y"), ("waterfall", "y")])  # fmt: skip
def test_a_name_too_long_to_show_ends_in_an_ellipsis_inside_the_picture(kind, axis):
    """A paragraph of a name shows on at most three lines, the last ending in '…', and a
    300-letter word on one line ending in '…': nothing reaches past the picture (the rows'
    margin once pushed the plot off it, names cut at its left edge), and the short names
    beside them are all shown (one tall name once thinned 'Alabama' away). The picture
    says which names it shortened, for the build's warning."""
    from deckgen.render.chartkit import NAME_LINES, shortening
    from tests.kinds.charts.jobs import figure, job

    names = [PARAGRAPH, "Alabama", WORD, "Ohio"]
    series = {"a": [12.0, 7.0, 9.0, 4.0]}
    if kind in ("arrow", "dot"):
        series = {"a": [12.0, 7.0, 9.0, 4.0], "b": [14.0, 6.0, 11.0, 5.0]}
    chart_job = job(kind, names, series)
    with shortening() as shortened:
        fig = figure(chart_job)
    ax, renderer = fig.axes[0], fig.canvas.get_renderer()
    shown = _names(ax, axis)
    if kind == "waterfall":
        shown = [s for s in shown if s not in ("Total", "Start")]
    assert "Alabama" in shown and "Ohio" in shown
    long = [s for s in shown if s.startswith(("Manufacturing", "XXX"))]
    assert len(long) == 2
    for text in long:
        assert text.endswith("…") and text.count("\n") < NAME_LINES
    width = fig.bbox.width
    ticks = ax.get_yticklabels() if axis == "y" else ax.get_xticklabels()
    for tick in (t for t in ticks if t.get_text()):
        box = tick.get_window_extent(renderer)
        assert box.x0 >= 0 and box.x1 <= width
    assert sorted(shortened) == sorted([PARAGRAPH, WORD])


def test_a_slot_wide_word_on_a_category_axis_is_not_shortened():
    """A category axis lets a name pass its slot while it clears its neighbours ('Germany'
    under a narrow group): no '…', nothing reported."""
    from deckgen.render.chartkit import shortening
    from tests.kinds.charts.jobs import figure, job

    names = ["China", "USA", "Japan", "India", "South Korea", "Germany"]
    values = [30.2, 10.6, 9.0, 5.9, 4.2, 4.1]
    narrow = Canvas(Inches(5.6), Inches(4.0), dpi=200)  # as the test above
    with shortening() as shortened:
        fig = figure(job("grouped-bar", names, {"a": values, "b": [v / 2 for v in values]},
                         canvas=narrow, theme="dark"))  # fmt: skip
    assert [s.replace("\n", " ") for s in _names(fig.axes[0], "x")] == names
    assert shortened == []


#: Units sold by region (made up): five names, 'Northeast' and 'Mountain' the widest.
REGIONS_CSV = ("city,rent_2020,rent_2024\nNortheast,47100,49300\nMidwest,50200,55100\n"
               "South,50900,51700\nWest,58800,62700\nMountain,41000,45000\n")  # fmt: skip


@pytest.mark.parametrize("kind", ["bar", "grouped-bar"])
def test_a_name_that_fits_its_column_once_laid_out_is_not_cut(tmp_path, kind):
    """Five regions under columns on a square card: 'Northeast' fits its column on the
    picture's layout, which makes the plot wider than it is before the layout. Measured on
    that earlier, narrower slot, it was cut to 'Northe…' with room to spare (found in the
    bench's fact sheets)."""
    from deckgen.render.chartkit import shortening
    from tests.kinds.charts.jobs import figure
    from tests.kinds.charts.rows import card_charts

    y = "rent_2024" if kind == "bar" else "[rent_2020, rent_2024]"
    spec = f"{{type: {kind}, data: rents, x: city, y: {y}, highlight: West}}"
    chart_job = card_charts(tmp_path, spec, REGIONS_CSV)["ig-square"]
    with shortening() as shortened:
        fig = figure(chart_job)
    names = [s.replace("\n", " ") for s in _names(fig.axes[0], "x")]
    assert names == ["Northeast", "Midwest", "South", "West", "Mountain"]
    assert shortened == []


def test_many_categories_and_one_long_name_still_show_several_labels():
    """One paragraph among thirty short names, on one line past the thinning step: it is
    cut to a quarter of the picture, so it cannot leave the axis with only one label."""
    from tests.kinds.charts.jobs import figure, job

    names = [PARAGRAPH, *(f"State {i}" for i in range(29))]
    fig = figure(job("bar", names, {"a": [float(i + 3) for i in range(30)]}))
    shown = _names(fig.axes[0], "x")
    assert len(shown) >= 3 and shown[-1] == "State 28"
    assert all(len(s) < 120 for s in shown)


def test_the_picture_and_the_build_say_which_names_were_shortened(tmp_path):
    """The drawn picture keeps the names it shortened with its values; the build warns
    once per picture with the outline's place, and the warning comes back from a rebuild
    whose picture is the cache's."""
    from deckgen.pipeline import BuildOptions, build
    from deckgen.render.jobs import SHORTENED
    from tests.kinds.charts.jobs import job

    asset = job("hbar", [PARAGRAPH, "Ohio"], {"a": [3.0, 4.0]}).render()
    # As drawn: its first lines, on one line, ending in '…' (the data's text was kept,
    # and quoted cut at 40 characters: a label the picture does not show).
    (drawn,) = asset.values[SHORTENED]
    assert drawn.endswith("…") and PARAGRAPH.startswith(drawn[:-1].rstrip())
    assert len(drawn) > 40
    assert SHORTENED not in job("hbar", ["Ohio", "Iowa"], {"a": [3.0, 4.0]}).render().values

    (tmp_path / "d.csv").write_text(f'name,value\n"{PARAGRAPH}",12\nOhio,9\n')
    (tmp_path / "o.yaml").write_text(
        "deck: {title: Long names}\ndata:\n  d: {file: d.csv}\nslides:\n"
        "  - kind: chart\n    title: Manufacturing leads\n    source: Test data\n"
        "    chart: {type: hbar, data: d, x: name, y: value}\n    share: [ig-square]\n"
    )
    options = BuildOptions(out_dir=tmp_path / "out")
    for _ in range(2):
        warnings = [w for w in build(tmp_path / "o.yaml", options).warnings if "'…'" in w]
        assert len(warnings) == 2  # the slide's chart and its card's
        assert warnings[1].startswith("card ") and "ig-square" in warnings[1]
        place = f"{tmp_path / 'o.yaml'}:5: slides[0]"
        assert warnings[0].startswith(f"{place}: 1 name too long to show whole")
        assert f"{drawn!r}" in warnings[0]
        (tmp_path / "d.csv").write_text(f'name,value\n"{PARAGRAPH}",12\nOhio,10\n')


#: Words a name is made of: letters and the punctuation a name carries.
WORDS = st.lists(st.text("abcdefghijklmnopqrstuvwxyzABC-'.,", min_size=1, max_size=40),
                 min_size=1, max_size=60)  # fmt: skip


@settings(max_examples=100, deadline=None)
@given(words=WORDS, width=st.floats(min_value=20.0, max_value=400.0))
def test_a_wrapped_name_keeps_its_lines_room_and_words(words: list[str], width: float):
    """Any name, at any width: at most NAME_LINES lines, each within the width (a word
    too wide is cut to it), and what shows is the name's own words in order, a word cut
    short only where it ends in '…'."""
    from deckgen.render.chartkit import NAME_LINES, shortening, text_width_pt, wrap_label
    from tests.kinds.charts.jobs import job

    name = " ".join(words)
    chart_job = job("hbar", [name], {"a": [1.0]})
    with shortening() as shortened:
        lines = wrap_label(chart_job, name, width).split("\n")
    assert 1 <= len(lines) <= NAME_LINES
    # (A room narrower than a letter and '…' still shows the letter: the one overflow.)
    assert all(text_width_pt(chart_job, line) <= width + 0.01 or len(line) <= 2 for line in lines)
    # A word too wide for a line may break after a hyphen ('Nordrhein-' over 'Westfalen').
    joined = lines[0]
    for line in lines[1:]:
        last, first = joined.split()[-1] if joined.split() else "", line.split()[0]
        # (the part after the hyphen may end the name's last line, cut: 'AAA-' over 'A…')
        joined_word = last + first.removesuffix("…")
        hyphen_break = re.search(r"\w-$", last) and any(w.startswith(joined_word) for w in words)
        joined += ("" if hyphen_break else " ") + line
    shown = joined.split()
    cut = any(line.endswith("…") for line in lines)
    assert (shortened == [name]) == cut
    whole = [w.removesuffix("…") for w in shown]
    assert whole == words[: len(whole)] or cut  # in order, as written
    for k, word in enumerate(whole):
        assert word == words[k] or (shown[k].endswith("…") and words[k].startswith(word))


def test_a_name_too_wide_for_its_room_breaks_after_a_hyphen_before_it_is_cut():
    """'Nordrhein-Westfalen' in a narrow margin read 'Nordrhein-W…'; it breaks after its
    hyphen. A range of years or a minus sign stays whole (then cut, as any wide word)."""
    from deckgen.render.chartkit import shortening, text_width_pt, wrap_label
    from tests.kinds.charts.jobs import job

    chart_job = job("hbar", ["Nordrhein-Westfalen"], {"a": [1.0]})
    width = text_width_pt(chart_job, "Nordrhein-") + 1
    with shortening() as shortened:
        assert wrap_label(chart_job, "Nordrhein-Westfalen", width) == "Nordrhein-\nWestfalen"
        assert wrap_label(chart_job, "Baden-Württemberg", 1000) == "Baden-Württemberg"
    assert shortened == []
    for whole in ("2004-2023", "COVID-19", "www.north-west.com"):
        narrow = text_width_pt(chart_job, whole.split("-")[0] + "-") + 1
        assert wrap_label(chart_job, whole, narrow).endswith("…"), whole


def test_a_name_s_line_does_not_end_on_an_article_or_a_joining_word_where_the_next_fits():
    """'Yorkshire and the / Humber' on a card's bar chart (found in review): the weak words
    go down a line while it holds them; never to more lines, nor a wider name."""
    from deckgen.layout.text import SLIDE
    from deckgen.layout.units import Pt
    from deckgen.render.chartkit import label_size, text_width_pt, wrap_label
    from tests.kinds.charts.jobs import job

    chart_job = job("hbar", ["Yorkshire and the Humber"], {"a": [1.0]})
    width = text_width_pt(chart_job, "Yorkshire and the") + 1  # the greedy wrap's first line
    assert wrap_label(chart_job, "Yorkshire and the Humber", width) == "Yorkshire\nand the Humber"
    room = text_width_pt(chart_job, "Australia and") + 1
    assert wrap_label(chart_job, "Australia and Oceania", room) == "Australia\nand Oceania"
    for room in (40.0, 55.0, 70.0, 90.0):
        greedy = SLIDE.wrap("Yorkshire and the Humber", chart_job.theme.body.file(False),
                            Pt(label_size(chart_job)), Pt(room))  # fmt: skip
        lines = wrap_label(chart_job, "Yorkshire and the Humber", room, most=4).split("\n")
        assert len(lines) == len(greedy)
        widest = max(text_width_pt(chart_job, line) for line in greedy)
        assert max(text_width_pt(chart_job, line) for line in lines) <= widest + 1e-6


@pytest.mark.parametrize("kind", ["bar", "hbar", "grouped-bar", "stacked-bar", "area"])
def test_a_chart_of_bars_or_areas_with_every_value_zero_is_an_error(kind):
    """It drew an empty plot: a blank chart card went out with exit 0, and check found
    nothing (a donut said so already; found by fuzzing). Lines and dots draw zero."""
    names = ["a"] if kind in ("bar", "hbar", "area") else ["a", "b"]
    data = ChartData(("A", "B", "C"), tuple(Series(n, (0.0, None, 0.0)) for n in names))
    spec = chart(type=kind, data="d", x="x", y=names[0] if len(names) == 1 else names)
    where = Location("deck.yaml", 4, "slides[0].chart")
    (problem,) = [p for p in spec.check(data, where) if "zero or missing" in p.message]
    assert problem.location is not None and problem.location.field == "slides[0].chart.y"
    line = chart(type="line", data="d", x="x", y="a")
    flat = ChartData(("A", "B"), (Series("a", (0.0, 0.0)),))
    assert not [p for p in line.check(flat, where) if "zero or missing" in p.message]
