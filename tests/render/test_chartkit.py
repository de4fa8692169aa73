"""Shared chart helpers: what every chart type's labels are drawn in."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from itertools import pairwise

import pytest
from matplotlib.text import Text

from deckgen.kinds.charts import chart
from deckgen.layout.units import Inches
from deckgen.render import chartkit
from deckgen.render.chartkit import contrast, ink_on
from deckgen.render.charts import ChartJob
from deckgen.render.jobs import Canvas
from deckgen.tables.select import ChartData, Series
from deckgen.theming.colour import TEXT
from tests.helpers import load_theme
from tests.kinds.charts.jobs import THEMES, figure, job


@pytest.mark.parametrize("fill", ["#12355B", "#0A1209", "#E5F7F7", "#808080", "#C8102E"])
@pytest.mark.parametrize("background", ["#FFFFFF", "#808080", "#15191F"])
def test_a_label_on_a_fill_reads_at_4_5_to_1_whatever_the_background(background, fill):
    """On a mid-grey theme the values inside navy segments were drawn in the background's
    grey, 3.2:1 (found by fuzzing): neither theme colour reaches 4.5:1 there, so black or
    white does. Where a theme colour does, it is kept."""
    base = job("bar", ["a"], {"v": [1.0]})
    colors = base.theme.theme.colors.model_copy(update={"background": background})
    theme = base.theme.theme.model_copy(update={"colors": colors})
    themed = replace(base, theme=replace(base.theme, theme=theme))
    ink = ink_on(themed, fill)
    best = max(contrast(c, fill) for c in ("#000000", "#FFFFFF"))
    assert contrast(ink, fill) >= min(TEXT, best)
    if max(contrast(colors.text, fill), contrast(background, fill)) >= TEXT:
        assert ink in (colors.text, background)


# Found by a design review: an end label cut inside its words beside empty room, a number
# split from its unit, a reference label that wrote its value twice, and a percentage axis
# run past 100% by a nice step.
#: An x-post card's chart: a wide, short picture with large text.
X_POST = Canvas(Inches(5.3472), Inches(3.6944), dpi=72, scale=1.68)
YEARS = [str(y) for y in range(2015, 2026)]
EMISSIONS = [4120.0, 4035, 3950, 3900, 3820, 3310, 3500, 3410, 3260, 3110, 2980]


def _texts(fig) -> list[str]:
    return [t.get_text() for t in fig.findobj(Text) if t.get_text()]


@pytest.mark.parametrize("theme", THEMES)
def test_an_end_label_on_a_card_wraps_at_its_words_and_cuts_none(theme):
    """'Citywide emissions' read 'Citywi… / emissi… / 2,980' with room left in the card."""
    fig = figure(job("line", YEARS, {"Citywide emissions": EMISSIONS}, theme=theme,
                     canvas=X_POST, format="plain:0"))  # fmt: skip
    [end] = [t for t in _texts(fig) if "2,980" in t]
    assert "…" not in end
    assert end.split() == ["Citywide", "emissions", "2,980"]


def test_a_number_and_its_unit_stay_on_one_line():
    assert chartkit.units_kept("Seen within 4 hours") == "Seen within 4\u00a0hours"
    assert chartkit.units_kept("From 2015 to 2025") == "From 2015 to 2025"  # a joining word breaks
    fig = figure(job("line", YEARS, {"Seen within 4 hours": EMISSIONS}, canvas=X_POST,
                     format="plain:0"))  # fmt: skip
    [end] = [t for t in _texts(fig) if "2,980" in t]
    assert "4 hours" in end.replace("\n", " ")
    assert all(not line.endswith("4") for line in end.split("\n")), end


def _ref_job(label: str, value: float, fmt: str = "percent:1") -> ChartJob:
    return job("line", YEARS, {"Seen": [v / 50 for v in EMISSIONS]}, format=fmt,
               reference={"value": value, "label": label})  # fmt: skip


@pytest.mark.parametrize(
    ("label", "value", "fmt", "expected"),
    [
        ("National target: 78%", 78, "percent:1", "National target: 78%"),
        ("Target", 78, "percent:1", "Target: 78.0%"),
        ("2030 target", 1900, "plain:0", "2030 target: 1,900"),
        ("Goal 5M", 5_000_000, "compact:1", "Goal 5M"),
        ("Goal 1,900", 1900, "plain:0", "Goal 1,900"),
        ("Goal of 7%", 78, "percent:0", "Goal of 7%: 78%"),
    ],
)
def test_a_reference_label_that_writes_its_value_is_not_given_it_again(label, value, fmt, expected):
    chart_job = _ref_job(label, value, fmt)
    assert chartkit.label_states(chart_job, label, value) == (expected == label)
    assert chartkit.reference_text(chart_job, value) == expected


def test_the_drawn_reference_label_says_its_value_once():
    fig = figure(_ref_job("National target: 78%", 78))
    assert "National target: 78%" in _texts(fig)
    assert not [t for t in _texts(fig) if "78.0%" in t]
    # The alt text too: it read 'National target: 78%: 78.0 percent'.
    chart_job = _ref_job("National target: 78%", 78)
    assert "A dashed line marks National target: 78%." in chart_job.spec.describe(chart_job)


WEEKS = [dt.date(2025, 11, 3) + dt.timedelta(weeks=k) for k in range(12)]
OCCUPANCY = [91.4, 92.0, 92.8, 93.5, 94.1, 95.2, 96.0, 97.3, 98.1, 98.6, 97.4, 96.2]


@pytest.mark.parametrize("canvas", [X_POST, Canvas(Inches(12.33), Inches(4.9), dpi=72)])
def test_a_percentage_axis_stops_at_100_when_no_value_passes_it(canvas):
    """Occupancy peaking at 98.6% ran to 110%: an empty band that read as over-full."""
    data = ChartData(tuple(map(str, WEEKS)),
                     (Series("General and acute", tuple(OCCUPANCY)),
                      Series("Paediatrics", tuple(v - 20 for v in OCCUPANCY))),
                     x_dates=tuple(WEEKS))  # fmt: skip
    spec = chart(data="d", type="line", x="week", y=["a", "b"], format="percent:0",
                 axis={"zero": False})  # fmt: skip
    chart_job = ChartJob(spec, data, load_theme("corporate"), canvas, "Beds")
    lo, hi = figure(chart_job).axes[0].get_ylim()
    assert hi == 100.0 and lo < min(OCCUPANCY) - 20


def test_nice_ends_leave_no_large_empty_band():
    spec = chart(data="d", type="line", x="x", y="v", axis={"zero": False})
    chart_job = ChartJob(spec, ChartData(("a",), (Series("v", (1.0,)),)),
                         load_theme("corporate"), X_POST, "t")  # fmt: skip
    # Five steps of 10 ran to 110, a quarter of the axis empty: steps of 5 stop at 105.
    assert chartkit.value_limits(chart_job, [72.0, 98.6]) == (70.0, 105.0)
    assert chartkit.value_limits(chart_job, [71.0, 100.5]) == (65.0, 105.0)
    # A percentage stops at 100% unless a value passes it.
    percent = chart_job.spec.model_copy(update={"format": chart(
        data="d", type="line", x="x", y="v", format="percent:0").format})  # fmt: skip
    as_share = ChartJob(percent, chart_job.data, chart_job.theme, X_POST, "t")
    assert chartkit.value_limits(as_share, [72.0, 98.6]) == (70.0, 100.0)
    assert chartkit.value_limits(as_share, [72.0, 100.5])[1] > 100.5


def test_a_charts_dates_follow_the_decks_locale(tmp_path):
    """The job keeps the locale it was planned in, for the process that draws it."""
    from deckgen.pipeline import BuildOptions, plan_outline, prepare
    from tests.helpers import write_project

    rows = "".join(f"{(dt.date(2025, 11, 3) + dt.timedelta(weeks=k)).isoformat()},{40 + k}\n"
                   for k in range(6))  # fmt: skip
    outline = """\
        deck: {title: A&E, locale: en_GB}
        data: {w: {file: w.csv, columns: {week: date}}}
        slides:
          - kind: chart
            title: Attendances rose every week
            chart: {type: bar, data: w, x: week, y: visits}
        """
    path = write_project(tmp_path, outline, {"w.csv": "week,visits\n" + rows})
    options = BuildOptions(out_dir=tmp_path / "out")
    chart_job = plan_outline(prepare(path, options), options).plan.slides[0].pictures[0].job
    assert chart_job.date_locale == "en_GB"
    from deckgen.render.style import chart_style

    with chart_style(chart_job.theme, chart_job.canvas):
        ticks = [t.get_text() for t in chart_job.figure().axes[0].get_xticklabels()]
    assert any(t.startswith("3 Nov") for t in ticks), ticks


def test_a_difference_of_percentages_is_in_points_and_one_point_is_singular():
    from deckgen.outline.formats import NumberFormat

    percent = NumberFormat(style="percent", decimals=0)
    assert chartkit.difference_text(percent, 4.0, words=True) == "4 percentage points"
    assert chartkit.difference_text(percent, 1.0, words=True) == "1 percentage point"
    assert chartkit.difference_text(percent, 1.0) == "1 pt"
    assert chartkit.difference_text(percent, 3.0) == "3 pts"
    tenths = NumberFormat(style="percent", decimals=1)
    assert chartkit.difference_text(tenths, 1.0, words=True) == "1.0 percentage points"


def test_a_difference_of_percentages_takes_the_decks_word_and_alt_text_english_numbers():
    """A German chart wrote '+0,4 pts' and its alt text '0,4 percentage points' (found in
    review): the chart's word for points, and English numbers in English words."""
    from deckgen.outline.formats import NumberFormat, numerals

    tenths = NumberFormat(style="percent", decimals=1)
    with numerals((",", ".")):
        assert chartkit.difference_text(tenths, 0.4, points="Pp.") == "0,4 Pp."
        assert chartkit.difference_text(tenths, 0.4, words=True) == "0.4 percentage points"
        assert chartkit.difference_text(NumberFormat(style="percent"), 1.0, points="pts") == "1 pt"


def test_a_name_too_wide_for_its_room_breaks_after_a_slash_between_letters():
    """'Hispanic/Latino' under a group's bars was one word too wide for its slot, and its
    neighbours' names went for it (found by review): it breaks after its slash, as after
    a hyphen. A fiscal year ('2023/24') stays whole."""
    from deckgen.render.chartkit import shortening, text_width_pt, wrap_label
    from tests.kinds.charts.jobs import job

    chart_job = job("hbar", ["Hispanic/Latino"], {"a": [1.0]})
    width = text_width_pt(chart_job, "Hispanic/") + 1
    with shortening() as shortened:
        assert wrap_label(chart_job, "Hispanic/Latino", width) == "Hispanic/\nLatino"
    assert shortened == []
    narrow = text_width_pt(chart_job, "2023/") + 1
    assert wrap_label(chart_job, "2023/24", narrow).endswith("…")


def test_a_name_keeps_its_number_range_whole_at_every_width():
    """'Adults aged 18 to 44' broke to 'Adults aged 18 to / 44' beside its row (found in
    review): the range stays on one line; the name wraps at its other spaces, and in a
    room narrower than the range the range stands whole on its own line (as 'Laredo, TX'
    does: the layout gives the names beside bars the room their widest line needs)."""
    import math

    from deckgen.render.chartkit import text_width_pt, wrap_label

    chart_job = job("hbar", ["a"], {"v": [1.0]})
    name = "Adults aged 18 to 44 (UK)"
    band = text_width_pt(chart_job, "aged 18 to 44")
    for width in range(math.ceil(text_width_pt(chart_job, "Adults")), 260, 5):
        lines = wrap_label(chart_job, name, width).split("\n")
        assert " ".join(lines) == name, (width, lines)
        assert any("aged 18 to 44" in line for line in lines), (width, lines)
        wide = [line for line in lines if text_width_pt(chart_job, line) > width]
        assert wide in ([], ["aged 18 to 44"]), (width, lines)
        if width < band:
            assert "aged 18 to 44" in lines, (width, lines)  # on a line of its own
    # A band written with a dash is one word: it moves to the next line whole.
    assert wrap_label(chart_job, "Adults 18–44", text_width_pt(chart_job, "Adults 18–")) == (
        "Adults\n18–44"
    )


#: Values whose nice ends the ticks matplotlib takes missed: an axis from 2.5 ticked from
#: 2.6, from 375 ticked from 380 (found in review).
NEAR_DATA = [
    ([3.0, 3.5, 3.8, 3.1, 2.7, 3.3], {"axis": {"zero": False}, "format": "percent:1"}),
    ([451.4, 438.9, 468.7, 383.2, 500.2, 524.4], {"axis": {"zero": False}}),
    ([429.3, 337.8, 413.2, 408.3, 376.6, 374.0], {"index": "2010"}),
    ([58.296, 58.473, 57.974, 58.736, 58.368, 58.977], {"axis": {"zero": False}}),
]


@pytest.mark.parametrize(
    "canvas", [Canvas(Inches(12.33), Inches(4.9), dpi=100), Canvas(Inches(4), Inches(2.2), dpi=100),
               X_POST], ids=["slide", "short", "x-post"],
)  # fmt: skip
@pytest.mark.parametrize(("values", "fields"), NEAR_DATA)
def test_an_axis_near_its_data_is_labelled_where_it_starts_and_ends(canvas, values, fields):
    """The axis runs from its lowest tick to its highest, each labelled: no stretch of
    axis under the lowest gridline (or over the highest) with no value; the tick labels
    apart, on a short axis too."""
    from deckgen.render.style import chart_style

    years = [str(2010 + k) for k in range(len(values))]
    chart_job = job("line", years, {"a": values, "b": [v * 1.01 for v in values]},
                    canvas=canvas, value_labels=False, **fields)  # fmt: skip
    with chart_style(chart_job.theme, chart_job.canvas):
        fig = chart_job.figure()
        fig.canvas.draw()
        ax = fig.axes[0]
        lo, hi = ax.get_ylim()
        ticks = [t for t in ax.get_yticks() if lo - 1e-9 * (hi - lo) <= t <= hi + 1e-9 * (hi - lo)]
        assert ticks[0] == pytest.approx(lo) and ticks[-1] == pytest.approx(hi), (lo, hi, ticks)
        renderer = fig.canvas.get_renderer()
        labels = [t for t in ax.get_yticklabels() if t.get_text()]
        assert len(labels) == len(ticks)
        boxes = sorted((t.get_window_extent(renderer) for t in labels), key=lambda b: b.y0)
        assert all(a.y1 <= b.y0 for a, b in pairwise(boxes)), [t.get_text() for t in labels]
    assert lo <= min(values) and hi >= max(values) * 1.01


def test_end_ticks_take_a_round_step_that_both_ends_are_multiples_of():
    # As fine as the axis's own step, no finer; no more decimals than the ends.
    assert chartkit.end_ticks(2.5, 4.0, 0.2) == pytest.approx([2.5, 3.0, 3.5, 4.0])
    assert chartkit.end_ticks(375.0, 550.0, 20.0) == pytest.approx(
        [375.0, 400.0, 425.0, 450.0, 475.0, 500.0, 525.0, 550.0])  # fmt: skip
    # A finer step where no coarser one divides both, within the steps the axis holds.
    assert chartkit.end_ticks(57.5, 60.0, 1.0, 5) == pytest.approx([57.5, 58, 58.5, 59, 59.5, 60])
    assert chartkit.end_ticks(57.5, 60.0, 1.0, 4) is None
    assert chartkit.end_ticks(37.0, 100.0, 10.0) is None  # an end the outline fixed


def test_a_layout_that_collapses_the_plot_is_an_error_not_a_warning():
    """matplotlib's layout gives up on axes with no room left ('constrained_layout not
    applied because axes sizes collapsed to zero'), leaves them where they were and only
    warns: a card was posted with a plot 1 px tall (found in review). Laying out is the
    chart's, so the collapse is its error, and the chart is named where it is drawn."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(3, 0.6), dpi=100)
    FigureCanvasAgg(fig)
    fig.set_layout_engine("constrained")
    ax = fig.add_subplot()
    ax.set_xticks([0, 1], ["North\nEast\nEngland", "South\nWest\nEngland"], fontsize=14)
    with pytest.raises(chartkit.NoRoom) as caught:
        chartkit.settle(fig)
    assert caught.value.why.startswith("has no room for its plot: ")
    assert "216 x 43 pt" in caught.value.why  # the picture, in points
    assert str(caught.value.under("Sales grew")).startswith("the chart under 'Sales grew' ")


# --------------------------------------------------------------------------- row breaks
#: Ten made-up regions, largest first; a card keeps the five largest and the tenth.
REGIONS = [f"Region {c}" for c in "ABCDEFGHIJ"]
KEPT = [0, 1, 2, 3, 4, 9]


def _broken(kind: str) -> ChartJob:
    values = {"y2023": [float(100 - 9 * i) for i in range(10)]}
    if kind in ("grouped-bar", "stacked-bar", "arrow", "range"):
        values = {"y2004": [float(60 - 5 * i) for i in range(10)], **values}
    whole = job(kind, REGIONS, values, highlight=[REGIONS[-1]])
    return replace(whole, data=whole.data.pick(KEPT))


def _dotted(fig) -> list:
    return [line for line in fig.axes[0].get_lines() if line.get_linestyle() == ":"]


@pytest.mark.parametrize(("kind", "along"), [("hbar", "y"), ("dot", "y"), ("arrow", "y"),
                                             ("range", "y"), ("bar", "x"), ("grouped-bar", "x"),
                                             ("stacked-bar", "x")])  # fmt: skip
def test_rows_left_out_between_two_drawn_one_slot_apart_show_a_break(kind, along):
    """A card's five largest regions and the tenth: a dotted line across the plot between
    the fifth and the tenth, half way between their slots, and none where no row was left
    out."""
    broken = _broken(kind)
    (line,) = _dotted(figure(broken))
    position = line.get_ydata() if along == "y" else line.get_xdata()
    assert list(position) == [4.5, 4.5]
    whole = replace(broken, data=broken.data.head(6))
    assert _dotted(figure(whole)) == []


def test_with_names_over_the_bars_the_break_runs_between_a_bar_and_the_next_name():
    """Half a row down from a bar runs through the next row's name when names stand over
    their bars: the line lies between the fifth bar and the tenth row's name."""
    from deckgen.render.style import chart_style
    from tests.kinds.charts.test_hbar import HARBOURS, TALL_COLUMN

    harbours = [*HARBOURS, "Fairlie Point", "Glenarm Quay", "Holmwood Sound", "Inverkip Bay",
                "Jarrow Landing"]  # fmt: skip
    cargo = [61.2, 44.0, 30.5, 22.8, 15.1, 14.0, 12.5, 11.0, 9.8, 8.1]
    whole = job("hbar", harbours, {"cargo": cargo}, canvas=TALL_COLUMN, format="$plain:1B",
                highlight=["Jarrow Landing"])  # fmt: skip
    broken = replace(whole, data=whole.data.pick(KEPT))
    with chart_style(broken.theme, broken.canvas):
        fig = broken.figure()
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        ax = fig.axes[0]
        assert ax.get_yticks()[0] != 0.0  # the case: names over the bars, not beside
        (line,) = _dotted(fig)
        y = line.get_ydata()[0]  # in pixels, placed as drawn
        bars = sorted((p.get_window_extent(renderer) for p in ax.patches), key=lambda e: -e.y1)
        name = ax.get_yticklabels()[5].get_window_extent(renderer)
        assert name.y1 + 2 < y < bars[4].y0 - 2


def test_names_too_many_for_their_slots_are_measured_once_each_not_wrapped(monkeypatch):
    """Every word of 20,000 names under a line was measured, then each name wrapped to its
    slot and measured again, where the first word wider than a slot already said they
    cannot all show (7 s of a build; found by fuzzing). Counted, not timed."""
    names = [f"n{k}" for k in range(3000)]
    line = job("line", names, {"v": [float(k % 7) for k in range(3000)]})
    measured: list[str] = []
    width = chartkit.text_width_pt

    def counting(chart_job: ChartJob, text: str, **kw: object) -> float:
        measured.append(text)
        return width(chart_job, text, **kw)  # type: ignore[arg-type]

    fig = figure(line)
    monkeypatch.setattr(chartkit, "text_width_pt", counting)
    step, wrapped = chartkit.thin_step(line, names, 0.3, fig)
    assert not wrapped and step > 1
    assert len(measured) <= len(names) + 1  # the first word, then each name for the step


def test_days_a_wrap_keeps_whole_are_measured_whole_and_never_drawn_over_each_other():
    """X's account overview names its days 'Thu, Mar 14, 2024': measured a word at a time,
    each seemed to fit its slot wrapped, and the wrap, which never breaks inside a day,
    drew 'Mar 14, 2024' over its neighbours (found in review)."""
    names = ["Fri", "Sat", "Sun", "Mon", "Tue", "Wed", "Thu"] * 2
    days = [f"{name}, Mar {n}, 2024" for n, name in enumerate(names, start=1)]
    bars = job("bar", days, {"v": [float(n % 5 + 1) for n in range(14)]})
    fig = figure(bars)
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    shown = [t for t in fig.axes[0].get_xticklabels() if t.get_visible() and t.get_text()]
    boxes = sorted((t.get_window_extent(renderer) for t in shown), key=lambda b: b.x0)
    assert 1 < len(shown) < len(days)  # every few days, each whole
    assert all(a.x1 < b.x0 for a, b in pairwise(boxes))


def test_a_day_without_its_year_is_read_out_on_it_not_in_it():
    """TikTok's overview names its days 'December 27' without their year: the alt text
    read 'rose from 1.2 thousand in December 27' (found in review)."""
    days = job("line", ["December 27", "December 28", "December 29"], {"v": [1.2, 1.5, 1.9]})
    assert chartkit.at_word(days) == "on"
    assert "from 1.2 on December 27 to 1.9 on December 29" in days.alt()
    years = job("line", ["2021", "2022", "2023"], {"v": [1.2, 1.5, 1.9]})
    assert chartkit.at_word(years) == "in"


def test_a_slot_between_bars_is_a_unit_of_the_axis_at_most():
    """Twelve columns under limits reaching past the first and last (-0.946 to 11.946, a
    stacked chart's first column widened for its thin segments' values) have 66 points
    each, not the 71 the plot's width over twelve gave: 'Minnesota', 69.5 points, was
    drawn against 'Missouri' (found by a new user). Points on a line have no such unit."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(851.4 / 72, 3))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(-0.946, 11.946)
    bars = chartkit.slot_width_pt(ax, job("bar", ["a"], {"v": [1]}), 12, False, unit=True)
    points = chartkit.slot_width_pt(ax, job("bar", ["a"], {"v": [1]}), 12, False)
    assert round(bars, 1) == round(851.4 / 12.892, 1) == 66.0
    assert round(points, 1) == 71.0
