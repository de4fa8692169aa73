"""A line over a date column: a real time axis (calendar ticks that never touch, points at
their dates), markers only on short series, alt text naming the first and last dates; and
its native form, a PowerPoint date axis."""

from __future__ import annotations

import datetime as dt
import math
from itertools import pairwise
from typing import TYPE_CHECKING

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn

from deckgen.errors import Location
from deckgen.kinds.charts import chart
from deckgen.layout.units import Inches
from deckgen.render.chartkit import calendar_ticks, leaving_out, time_x
from deckgen.render.charts import ChartJob
from deckgen.render.jobs import Canvas
from deckgen.render.style import chart_style
from deckgen.tables.dates import Month
from tests.helpers import (
    HEADER,
    REPO,
    employment_frame,
    load_theme,
    series_data,
    stock_frame,
    write_project,
)

if TYPE_CHECKING:
    from pathlib import Path

HERE = Location("deck.yaml", 3, "slides[0].chart")
SLIDE = Canvas(Inches(12.33), Inches(4.86), dpi=100)
#: A chart in half a slide, and a social card's chart (larger text on a smaller canvas).
HALF = Canvas(Inches(6.0), Inches(4.0), dpi=100)
CARD = Canvas(Inches(4.8), Inches(4.0), dpi=100, scale=1.9)
TOTAL = {"type": "line", "x": "month", "y": "total_nonfarm", "scale": 1000,
         "series_labels": {"total_nonfarm": "All jobs"}}  # fmt: skip


def _job(canvas: Canvas = SLIDE, theme: str = "corporate", frame=None, **fields) -> ChartJob:
    spec = {**TOTAL, **fields}
    data = series_data(employment_frame() if frame is None else frame, **spec)
    return ChartJob(chart(data="d", **spec), data, load_theme(theme), canvas, "Jobs")


def _ticks(job: ChartJob) -> tuple[list[str], list[float], list[tuple[float, float]], object]:
    """The drawn x tick labels: texts, places and horizontal extents (pixels), and the axes."""
    with chart_style(job.theme, job.canvas):
        fig = job.figure()
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        ax = fig.axes[0]
        lo, hi = ax.get_xlim()
        ticks = [t for t in ax.xaxis.get_major_ticks() if lo <= t.get_loc() <= hi]
        texts = [t.label1.get_text() for t in ticks]
        spans = [(b.x0, b.x1) for b in (t.label1.get_window_extent(renderer) for t in ticks)]
        return texts, [t.get_loc() for t in ticks], spans, ax


@pytest.mark.parametrize("canvas", [SLIDE, HALF, CARD], ids=["slide", "half", "card"])
@pytest.mark.parametrize("theme", ["corporate", "dark", "contrast"])
def test_120_months_get_calendar_ticks_whose_labels_never_touch(canvas, theme):
    texts, places, spans, _ = _ticks(_job(canvas, theme))
    assert len(texts) >= (2 if canvas is CARD else 4)
    for (_, right), (left, _) in pairwise(spans):
        assert left - right >= 4  # pixels of air between neighbours, measured as drawn
    # Every tick is on a calendar boundary, 1 January of a year, labelled with the year; a
    # plot too narrow for any step shows the first and last years, each at its 1 January
    # (never "2016" under December 2016).
    days = [dt.date.fromordinal(round(p)) for p in places]
    assert texts == [str(d.year) for d in days]
    assert all(d.month == 1 and d.day == 1 for d in days)
    if days == [dt.date(2007, 1, 1), dt.date(2016, 1, 1)]:
        assert canvas is CARD
        return
    steps = {b.year - a.year for a, b in pairwise(days)}
    assert len(steps) == 1 and steps <= {1, 2, 5}


def test_the_step_follows_the_width_years_on_a_slide_fewer_on_a_card():
    slide, _, _, _ = _ticks(_job(SLIDE))
    card, _, _, _ = _ticks(_job(CARD))
    assert slide == [str(y) for y in range(2007, 2017)]
    assert len(card) < len(slide)


def test_a_short_series_ticks_at_months_and_quarters():
    frame = employment_frame()
    months = _job(frame=frame, filter=[{"column": "month", "op": ">=", "value": "2016-07"}])
    texts, _, _, _ = _ticks(months)
    assert texts == ["Jul 2016", "Aug 2016", "Sep 2016", "Oct 2016", "Nov 2016", "Dec 2016"]
    two_years = _job(frame=frame, filter=[{"column": "month", "op": ">=", "value": "2015"}])
    texts, _, _, _ = _ticks(two_years)
    assert texts[0] == "Jan 2015" and all(t.split()[0] in ("Jan", "Apr", "Jul", "Oct")
                                          for t in texts)  # fmt: skip


def test_points_sit_at_their_dates_and_only_short_series_are_marked():
    _, _, _, ax = _ticks(_job())
    [line] = ax.get_lines()[:1]
    xs = list(line.get_xdata())
    assert xs[0] == time_x(Month(2007, 1, 1)) and xs[-1] == time_x(Month(2016, 12, 1))
    assert line.get_marker() in ("None", None, "")
    short = _job(filter=[{"column": "month", "op": ">=", "value": "2016"}])
    _, _, _, ax = _ticks(short)
    assert ax.get_lines()[0].get_marker() == "o"


def test_unsorted_rows_still_draw_forwards_in_time():
    frame = employment_frame().iloc[::-1]
    job = _job(frame=frame, sort={"by": "total_nonfarm"})  # an explicit sort: value order
    assert job.data.categories[0] == "2016-12"  # the largest first
    _, _, _, ax = _ticks(job)
    xs = list(ax.get_lines()[0].get_xdata())
    assert xs == sorted(xs)


def test_the_alt_text_names_the_first_and_last_dates_and_the_low():
    alt = _job(axis={"zero": False}).alt()
    assert "120 points from January 2007 to December 2016" in alt
    assert "All jobs rose from 137.5 million in January 2007 to 145.3 million in December " \
           "2016, with a low of 129.7 million in February 2010" in alt  # fmt: skip


def test_day_dates_are_said_on_their_day():
    """Days are said on their day ('on March 14, 2000'); days that all fall on the first
    of a month are months (the stock prices here: 'in January 2000', no longer 'on
    January 1, 2000', an intended change of dates.as_periods)."""
    stocks = stock_frame()
    spec = {"type": "line", "x": "date", "y": "price", "format": "$plain:0",
            "filter": [{"column": "symbol", "value": "CNTS"}]}  # fmt: skip
    job = ChartJob(chart(data="d", **spec), series_data(stocks, **spec), load_theme(), SLIDE)
    alt = job.alt()
    assert "120 points from January 2000 to December 2009" in alt
    assert "rose from $65 in January 2000 to $143 in December 2009" in alt
    import pandas as pd

    days = stocks[stocks["symbol"] == "CNTS"].head(3).copy()
    days["date"] = [dt.date(2000, 3, 14), dt.date(2000, 3, 15), dt.date(2000, 3, 16)]
    job = ChartJob(chart(data="d", **spec), series_data(pd.DataFrame(days), **spec),
                   load_theme(), SLIDE)  # fmt: skip
    alt = job.alt()
    assert "3 points from March 14, 2000 to March 16, 2000" in alt
    assert " on March 14, 2000 " in alt


def test_months_written_as_their_first_days_tick_at_months():
    """Three months of an export, '2023-01-01' to '2023-03-01', were ticked 'Jan 15, 2023'
    and 'Jan 29, 2023' between the points, February's and March's unnamed (found in
    review): days that all fall on the first of a month are months, on 1 January years,
    ticked so. Days on other days of the month still tick at days."""
    import pandas as pd

    from deckgen.render.chartkit import time_step
    from deckgen.tables.select import chart_data

    def labels(days: list[str]) -> list[str]:
        spec = chart(data="d", type="line", x="day", y="users")
        table = pd.DataFrame({"day": days, "users": [1.0, 2.0, 3.0]})
        job = ChartJob(spec, chart_data(table, spec, HERE), load_theme(), SLIDE, "Users")
        with chart_style(job.theme, job.canvas):
            return time_step(job, 700)[2]

    assert labels(["2023-01-01", "2023-02-01", "2023-03-01"]) == ["Jan 2023", "Feb 2023",
                                                                  "Mar 2023"]  # fmt: skip
    # Days on other days of the month still tick at days: 'Jan 15, 2023'.
    assert any(len(text.split()) == 3 for text in labels(["2023-01-01", "2023-02-01",
                                                           "2023-03-02"]))  # fmt: skip
    # Years written as 1 January were ticked 'Jan 2019', 'Jul 2019'.
    assert labels(["2019-01-01", "2020-01-01", "2021-01-01"]) == ["2019", "2020", "2021"]


def test_an_index_at_a_day_is_said_on_the_day():
    """'indexed to 100 in January 1, 2023' was read aloud (found in review): a day takes
    'on'; a month keeps 'in' (test_charts: 'indexed to 100 in January 2007')."""
    from deckgen.tables.select import ChartData, Series

    days = tuple(dt.date(2023, m, 1) for m in (1, 2, 3))
    data = ChartData(tuple(str(d) for d in days), (Series("Users", (100.0, 104.0, 109.0)),),
                     x_dates=days)  # fmt: skip
    spec = chart(data="d", type="line", x="day", y="users", index="2023-01-01")
    alt = ChartJob(spec, data, load_theme(), SLIDE, "Users").alt()
    assert "indexed to 100 on January 1, 2023" in alt


def test_bars_over_dates_are_said_to_span_dates_not_points():
    """'6 points from January 2023 to June 2023' was said of a bar chart's six bars
    (found in review): a line's are points, a bar chart's are counted in their periods."""
    from deckgen.tables.select import ChartData, Series

    months = tuple(Month(2023, m, 1) for m in range(1, 7))
    data = ChartData(tuple(str(d) for d in months), (Series("sales", (1.0, 2, 3, 4, 5, 6)),),
                     x_dates=months)  # fmt: skip
    bars = ChartJob(chart(data="d", type="bar", x="day", y="sales"), data, load_theme(), SLIDE)
    assert "6 months from January 2023 to June 2023" in bars.alt()
    line = ChartJob(chart(data="d", type="line", x="day", y="sales"), data, load_theme(), SLIDE)
    assert "6 points from January 2023 to June 2023" in line.alt()
    days = (dt.date(2023, 3, 14), dt.date(2023, 3, 15))
    data = ChartData(("a", "b"), (Series("sales", (1.0, 2.0)),), x_dates=days)
    bars = ChartJob(chart(data="d", type="bar", x="day", y="sales"), data, load_theme(), SLIDE)
    assert "2 days from March 14, 2023 to March 15, 2023" in bars.alt()
    # A week apart, weeks: '8 days from October 5 to November 23' was said of Brandwatch's
    # weekly mentions (found in review).
    weeks = tuple(dt.date(2026, 10, 5) + dt.timedelta(days=7 * k) for k in range(3))
    data = ChartData(("a", "b", "c"), (Series("n", (1.0, 2.0, 3.0)),), x_dates=weeks)
    bars = ChartJob(chart(data="d", type="bar", x="day", y="n"), data, load_theme(), SLIDE)
    assert "3 weeks from October 5, 2026 to October 19, 2026" in bars.alt()


def test_calendar_ticks_fall_on_calendar_boundaries():
    first, last = dt.date(2007, 1, 15), dt.date(2008, 6, 30)
    assert calendar_ticks(first, last, "month", 3) == [
        dt.date(2007, 4, 1), dt.date(2007, 7, 1), dt.date(2007, 10, 1), dt.date(2008, 1, 1),
        dt.date(2008, 4, 1),
    ]  # fmt: skip
    decades = calendar_ticks(dt.date(2000, 1, 1), dt.date(2030, 1, 1), "year", 10)
    assert decades == [dt.date(y, 1, 1) for y in (2000, 2010, 2020, 2030)]


# --------------------------------------------------------------------------- native
@pytest.fixture(scope="module")
def native(tmp_path_factory):
    """The monthly line as a native chart, built from an outline over tests/data."""
    from deckgen.pipeline import BuildOptions, build

    root = tmp_path_factory.mktemp("native-dates")
    outline = HEADER.replace(
        "  production: {file: production.csv}\n",
        "  jobs:\n    file: employment_monthly.csv\n"
        '    columns: {month: {type: date, format: "%b %Y", period: month}}\n',
    ) + (
        "  - kind: chart\n    title: Jobs\n    chart: {native: true, type: line, data: jobs,"
        " x: month, y: total_nonfarm, scale: 1000, axis: {zero: false}}\n"
        "  - kind: chart\n    title: Prices\n    chart: {native: true, type: line, data: jobs,"
        " x: month, y: health_care, axis: {log: true}}\n"
    )
    data = (REPO / "tests" / "data" / "employment_monthly.csv").read_text(encoding="utf-8")
    path = write_project(root, outline, {"employment_monthly.csv": data})
    result = build(path, BuildOptions(out_dir=root / "out"))
    prs = Presentation(str(result.deck))
    return [next(s for s in slide.shapes if s.has_chart).chart for slide in prs.slides]


def test_a_native_time_series_has_a_date_axis_at_the_pictures_step(native):
    jobs = native[0]
    axis = jobs._chartSpace.find(f".//{qn('c:dateAx')}")
    assert axis is not None
    assert axis.find(qn("c:baseTimeUnit")).get("val") == "months"
    assert axis.find(qn("c:majorTimeUnit")).get("val") == "years"
    assert axis.find(qn("c:majorUnit")).get("val") == "1"
    assert axis.find(qn("c:numFmt")).get("formatCode") == "yyyy"
    plot = jobs.plots[0]
    assert len(plot.categories) == 120
    values = plot.series[0].values
    assert values[0] == pytest.approx(137_482_000) and min(values) == pytest.approx(129_698_000)
    # Not from zero: the axis starts near the low, so the 8.7 million loss fills the chart;
    # its top is the application's, so a value raised in "Edit Data" is drawn whole.
    low, high = jobs.value_axis.minimum_scale, jobs.value_axis.maximum_scale
    assert 120e6 <= low < 129.698e6 and (138.365e6 - 129.698e6) / (138.365e6 - low) > 0.3
    assert high is None


def test_a_long_native_series_has_no_markers_and_a_log_axis_has_its_base(native):
    from pptx.enum.chart import XL_MARKER_STYLE

    assert native[0].plots[0].series[0].marker.style == XL_MARKER_STYLE.NONE
    scaling = native[1].value_axis._element.find(qn("c:scaling"))
    assert scaling[0].tag == qn("c:logBase") and scaling[0].get("val") == "10"


@pytest.mark.parametrize("canvas", [SLIDE, HALF], ids=["slide", "half"])
def test_a_note_at_a_date_sits_clear_of_the_line(canvas):
    job = _job(canvas, axis={"zero": False}, annotations=[{"at": "2010-02", "text": "The low"}])
    with chart_style(job.theme, job.canvas):
        fig = job.figure()
        fig.canvas.draw()
        ax = fig.axes[0]
        [note] = [t for t in ax.texts if t.get_text() == "The low"]
        box = note.get_window_extent(fig.canvas.get_renderer())
        line = ax.get_lines()[0]
        points = line.get_transform().transform(line.get_xydata())
    inside = [(x, y) for x, y in points if box.x0 <= x <= box.x1 and box.y0 <= y <= box.y1]
    assert inside == []
    assert note.xy == (time_x(Month(2010, 2, 1)), 129_698_000)  # pinned to February 2010


def test_a_note_with_no_clear_spot_is_set_on_the_background():
    """A plot too small to keep a note off the line: the line passes behind it."""
    job = _job(CARD, axis={"zero": False}, annotations=[{"at": "2010-02", "text": "The low"}])
    with chart_style(job.theme, job.canvas):
        fig = job.figure()
        [note] = [t for t in fig.axes[0].texts if t.get_text() == "The low"]
        patch = note.get_bbox_patch()
    assert patch is not None
    assert patch.get_facecolor()[:3] == pytest.approx((1.0, 1.0, 1.0))  # the corporate white


def test_the_alt_text_of_a_line_with_one_point_says_the_point():
    """Not "held from 10.0 in A to 10.0 in A"."""
    from tests.kinds.charts.jobs import job

    chart_job = job("line", ["2023"], {"Exports": [10.0]}, format="plain:1")
    assert chart_job.spec.describe_data(chart_job) == "Exports 10.0 in 2023"


def test_the_alt_text_reads_the_ends_as_printed_and_says_a_gap():
    """Ends that print alike did not 'rise' (float noise chose the verb), and a month with
    no value, a gap in the line, went unsaid (review)."""
    from tests.kinds.charts.jobs import job

    years = ["2021", "2022", "2023", "2024"]
    alike = job("line", years, {"Share": [33.99999999999999, 31.0, None, 34.0]},
                format="percent:1")  # fmt: skip
    assert alike.spec.describe_data(alike) == (
        "Share was 34.0 percent in 2021 and in 2024, with a low of 31.0 percent in 2022 "
        "(no value for 2023)"
    )
    same = job("line", years[:2], {"Share": [34.0, 34.0]}, format="percent:1")
    assert same.spec.describe_data(same) == "Share held at 34.0 percent from 2021 to 2022"


def test_stage_names_under_a_line_wrap_so_every_one_shows():
    """On one line, six stage names under a line showed two, and not the peak the title
    was about (found by fuzzing); wrapped at their words, each clears its neighbours."""
    from tests.kinds.charts.jobs import figure, job

    stages = ["Research and early concept development", "Engineering design and virtual "
              "validation", "Prototype build and physical testing programme", "Supplier "
              "tooling and production line setup", "Pilot production and quality sign-off",
              "Full-scale manufacturing launch"]  # fmt: skip
    chart_job = job("line", stages, {"cost": [10, 20, 15, 12, 8, 5]}, format="plain:1")
    with chart_style(chart_job.theme, chart_job.canvas):
        fig = figure(chart_job)
        renderer = fig.canvas.get_renderer()
        ticks = [t for t in fig.axes[0].get_xticklabels() if t.get_text()]
        boxes = sorted((t.get_window_extent(renderer) for t in ticks), key=lambda b: b.x0)
    assert [t.get_text().replace("\n", " ") for t in ticks] == stages
    assert all(a.x1 < b.x0 for a, b in pairwise(boxes))


def test_a_line_over_fiscal_years_published_newest_first_runs_forwards(tmp_path):
    """FY2023 ... FY2020, as a table is published, was drawn right to left: a falling line
    ending on 'value 100', alt text that 'fell' and then 'grew at 9.1 percent', and a CAGR
    bracket pointing backwards (found by fuzzing, fuzz-G/2)."""
    from deckgen.errors import Location
    from deckgen.kinds.charts._annotate import resolve
    from tests.helpers import plan

    slide = """\
  - kind: chart
    title: Revenue
    chart:
      type: line
      data: fy
      x: year
      y: value
      cagr: {from: FY2020, to: FY2023}
"""
    outline = HEADER.replace("production: {file: production.csv}", "fy: {file: fy.csv}") + slide
    csv = "year,value\nFY2023,130\nFY2022,120\nFY2021,110\nFY2020,100\n"
    job = plan(write_project(tmp_path, outline, {"fy.csv": csv})).slides[0].pictures[0].job
    assert job.data.categories == ("FY2020", "FY2021", "FY2022", "FY2023")
    alt = job.alt()
    assert "value rose from 100 in FY2020 to 130 in FY2023" in alt
    assert "grew at a compound annual rate of 9.1 percent over 3 years" in alt
    (note,), problems = resolve(job.spec, job.data, Location("deck.yaml", 1, "chart"))
    assert problems == [] and note.ends == ((0, 0), (0, 3))  # left to right
    with chart_style(job.theme, job.canvas):
        fig = job.figure()
        ax = fig.axes[0]
        assert list(ax.get_lines()[0].get_ydata()) == [100, 110, 120, 130]
        # The end label, right of the last point, names the latest value.
        labels = [t.get_text() for t in ax.texts]
        assert any(t.endswith("130") for t in labels), labels
        assert not any(t.endswith("100") for t in labels), labels


#: Weekly riders (made up): the Yellow line closed for two weeks.
WEEKS = ["Jan 7", "Jan 14", "Jan 21", "Jan 28", "Feb 4", "Feb 11"]
RIDERS: dict[str, list[float | None]] = {
    "Red": [180.0, 183.0, 178.0, 182.0, 185.0, 189.0],
    "Yellow": [57.0, 58.0, None, None, 60.0, 61.0],
}


def test_a_note_at_a_gap_in_its_line_points_into_the_gap():
    """A note at the first week of a closure went undrawn without a word (found by
    review): it stands over the gap, pinned where the line would pass."""
    from tests.kinds.charts.jobs import figure, job

    chart_job = job("line", WEEKS, RIDERS, highlight="Yellow", format="plain:0",
                    annotations=[{"at": "Jan 21", "text": "Closed for track works",
                                  "series": "Yellow"}])  # fmt: skip
    with chart_style(chart_job.theme, chart_job.canvas):
        fig = figure(chart_job)
        [note] = [t for t in fig.axes[0].texts if t.get_text() == "Closed for track works"]
    x, y = note.xy
    assert x == pytest.approx(2.0)  # the third week
    assert y == pytest.approx(58.0 + (60.0 - 58.0) / 3)  # a third of the way across the gap


def test_a_note_pinned_to_a_series_with_no_value_at_all_is_an_error_naming_it():
    from deckgen.errors import Location
    from deckgen.tables.select import ChartData, Series

    spec = chart(type="line", data="d", x="x", y="riders", series="line",
                 annotations=[{"at": "Jan 21", "text": "Closed", "series": "Yellow"}])  # fmt: skip
    data = ChartData(tuple(WEEKS), (Series("Red", tuple(RIDERS["Red"])),
                                    Series("Yellow", (None,) * len(WEEKS))))  # fmt: skip
    [problem] = spec.check(data, Location("deck.yaml", 3, "slides[0].chart"))
    assert problem.location.field == "slides[0].chart.annotations[0].series"
    assert "'Jan 21'" in problem.message and "'Yellow'" in problem.message
    assert "no value at any category" in problem.message
    assert "'series:'" in problem.hint and "Red" in problem.hint


#: Applications by faculty (made up): two highlighted lines cross just before 2022.
APPLICATIONS: dict[str, list[float | None]] = {
    "Arts & Humanities": [4200.0, 4350.0, 4100.0, 3980.0, 3850.0],
    "Science": [5100.0, 5400.0, 5650.0, 5900.0, 6200.0],
    "Engineering": [3800.0, 4100.0, 4500.0, 4900.0, 5300.0],
    "Business": [6100.0, 6300.0, 6250.0, 6400.0, 6550.0],
    "Medicine": [2900.0, 3000.0, 3150.0, 3200.0, 3350.0],
}


@pytest.mark.parametrize("theme", ["corporate", "dark", "contrast"])
def test_no_other_line_runs_between_a_note_and_its_point(theme):
    """A note on Engineering hung below its point, across Arts & Humanities' line and
    marker, and read as that line's (found by review): between the note and its point,
    over the note's width, runs no other series' line."""
    from tests.kinds.charts.jobs import figure, job

    years = ["2020", "2021", "2022", "2023", "2024"]
    chart_job = job("line", years, APPLICATIONS, theme=theme, format="plain:0",
                    highlight=["Engineering", "Arts & Humanities"],
                    annotations=[{"at": "2022", "text": "New engineering building opens",
                                  "series": "Engineering"}])  # fmt: skip
    with chart_style(chart_job.theme, chart_job.canvas):
        fig = figure(chart_job)
        ax = fig.axes[0]
        [note] = [t for t in ax.texts if t.get_text() == "New engineering building opens"]
        box = note.get_window_extent(fig.canvas.get_renderer())
        _, py = ax.transData.transform(note.xy)
        lo, hi = (py, box.y0) if box.y0 > py else (box.y1, py)
        crossing = []
        for name, values in APPLICATIONS.items():
            if name == "Engineering":
                continue
            line = ax.transData.transform([(i, v) for i, v in enumerate(values)])
            for (ax_, ay), (bx, by) in pairwise(line):
                for t in (k / 50 for k in range(51)):
                    x, y = ax_ + (bx - ax_) * t, ay + (by - ay) * t
                    if box.x0 <= x <= box.x1 and lo <= y <= hi:
                        crossing.append(name)
    assert crossing == []


#: Orders by channel (made up): Web climbs past Phone, and at Q3 runs just above it.
QUARTERS = ["Q1 2025", "Q2 2025", "Q3 2025", "Q4 2025"]
ORDERS: dict[str, list[float | None]] = {
    "Partners": [1520.0, 1610.0, 1700.0, 1810.0],
    "Stores": [1240.0, 1300.0, 1350.0, 1500.0],
    "Catalogue": [1100.0, 1120.0, 1190.0, 1250.0],
    "Agents": [980.0, 1010.0, 995.0, 1045.0],
    "Web": [455.0, 600.0, 790.0, 1030.0],
    "Phone": [760.0, 740.0, 731.0, 700.0],
}
WEB_SHOP = "New web shop launched"
#: Charts of an ig-square and an x-post card (card-sized text on smaller canvases).
SQUARE_CARD = Canvas(Inches(6.67), Inches(4.9), dpi=100, scale=8 / 7)
X_POST = Canvas(Inches(5.35), Inches(4.15), dpi=100, scale=1.68)


def _orders(canvas: Canvas, theme: str = "corporate") -> ChartJob:
    from tests.kinds.charts.jobs import job

    return job("line", QUARTERS, ORDERS, theme=theme, canvas=canvas, format="plain:0",
               highlight="Web",
               annotations=[{"at": "Q3 2025", "series": "Web", "text": WEB_SHOP}])  # fmt: skip


def _markers(fig, ax) -> dict[str, list[tuple[float, float]]]:
    """Each series' points as drawn, in pixels, by name."""
    lines = [line for line in ax.get_lines() if line.get_zorder() in (3, 4)]
    # draw_line draws the context lines first, the story (Web) last.
    order = [n for n in ORDERS if n != "Web"] + ["Web"]
    return {name: [tuple(p) for p in line.get_transform().transform(line.get_xydata())]
            for name, line in zip(order, lines, strict=True)}  # fmt: skip


def _tick_end(fig, ax, note) -> tuple[float, float]:
    """Where the note's tick ends by its point, in pixels."""
    from matplotlib.patches import ConnectionPatch

    point = ax.transData.transform(note.xy)
    ends = [xy for patch in ax.patches if isinstance(patch, ConnectionPatch)
            for xy in patch.get_transform().transform(patch.get_path().vertices)]  # fmt: skip
    return min(ends, key=lambda xy: math.dist(xy, point))


@pytest.mark.parametrize("canvas", [SLIDE, HALF, SQUARE_CARD], ids=["slide", "half", "square"])
@pytest.mark.parametrize("theme", ["corporate", "dark", "contrast"])
def test_a_note_s_tick_ends_at_its_own_point_not_at_a_close_line_s(canvas, theme):
    """Web passes just above Phone at Q3: the note on Web's point hung below both lines,
    its tick stopping on Phone's marker, under Web's, and every reader took the launch
    for Phone's (found in review). A spot with another series between the note and its
    point now loses to every spot that is not: the tick ends by Web's marker, much nearer
    it than any other series' marker, and no other line runs between note and point."""
    from tests.kinds.charts.jobs import figure

    chart_job = _orders(canvas, theme)
    with chart_style(chart_job.theme, chart_job.canvas), leaving_out() as left:
        fig = figure(chart_job)
        ax = fig.axes[0]
        [note] = [t for t in ax.texts if t.get_text() == WEB_SHOP]
        end = _tick_end(fig, ax, note)
        markers = _markers(fig, ax)
        box = note.get_window_extent(fig.canvas.get_renderer())
        web = markers["Web"][2]
    assert note.xy == (2.0, 790.0)
    own = math.dist(end, web)
    nearest = min(math.dist(end, p) for name, ps in markers.items() if name != "Web"
                  for p in ps)  # fmt: skip
    assert nearest > 2 * own
    # The note on the side of Web's point away from Phone's, with no line between.
    lo, hi = (web[1], box.y0) if box.y0 > web[1] else (box.y1, web[1])
    between = [name for name, ps in markers.items() if name != "Web"
               for (ax_, ay), (bx, by) in pairwise(ps) for t in (k / 50 for k in range(51))
               if box.x0 <= ax_ + (bx - ax_) * t <= box.x1
               and lo <= ay + (by - ay) * t <= hi]  # fmt: skip
    assert between == []
    assert box.y0 > web[1]  # above: Phone runs just under Web there
    assert left == []


@pytest.mark.parametrize("theme", ["corporate", "dark", "contrast"])
def test_a_note_with_no_honest_spot_is_left_out_and_every_line_keeps_its_name(theme):
    """On an x-post card the note, wider than the plot, stood over Stores' line, its tick
    running through Catalogue's and Agents' markers, and covered Catalogue's end label,
    which the collision pass took off: a card posted with a line nobody could name
    (found in review). A note never covers a name, and one with no spot that reads as
    its series' is left out: the build says so."""

    from deckgen.render.labels import remove_collisions

    chart_job = _orders(X_POST, theme)
    with chart_style(chart_job.theme, chart_job.canvas), leaving_out() as left:
        fig = chart_job.figure(collisions=False)
        removed = remove_collisions(fig)
        texts = [t.get_text() for t in fig.axes[0].texts]
    assert removed == []  # no name lost to the note
    assert WEB_SHOP not in texts
    [note] = [n for n in left if n.startswith("the note")]
    assert note.startswith(f"the note {WEB_SHOP!r} at 'Q3 2025' on 'Web' is left out: ")
    assert "it is wider than the plot; shorten it to about " in note
    # The names that have no room beside the others (Roboto's, in the contrast theme) are
    # said as before; a card refuses such a layout (tests/kinds/cards/test_chart.py).
    unnamed = {n for n in ORDERS if any(f"{n!r}" in w for w in left if w is not note)}
    assert {t.split()[0] for t in texts if t != WEB_SHOP} == set(ORDERS) - unnamed
    assert not unnamed or theme == "contrast"
    # Nor does the picture's alt text describe the note (fuzzing round 8); drawn where it
    # has room, it does.
    assert WEB_SHOP not in chart_job.render().alt
    assert f"at Q3 2025 (Web), {WEB_SHOP}" in _orders(SLIDE, theme).render().alt


def _starts(day: dt.date) -> list[str]:
    """The precisions ``day`` is the first day of ('day' always, 'year' on 1 January)."""
    out = ["day"]
    if day.day == 1:
        out.append("month")
        if day.month in (1, 4, 7, 10):
            out.append("quarter")
        if day.month == 1:
            out.append("year")
    return out


WINTER_WEEKS = [dt.date(2025, 11, 3) + dt.timedelta(weeks=k) for k in range(12)]


@pytest.mark.parametrize(
    "days",
    [
        WINTER_WEEKS,
        [Month(2025, m, 1) for m in (10, 11, 12)] + [Month(2026, 1, 1), Month(2026, 2, 1)],
    ],
    ids=["weeks", "months"],
)
@pytest.mark.parametrize("width_pt", [60, 120, 180, 230, 300, 450, 700])
def test_a_tick_labelled_with_a_period_sits_at_its_start(days, width_pt):
    """An 11-week winter series on a narrow card was ticked "2025" under 3 November and
    "2026" under 19 January: it read as a year. A tick names the period it starts, or its
    own day."""
    from deckgen.render.chartkit import time_step
    from deckgen.tables.dates import label
    from deckgen.tables.select import ChartData, Series

    data = ChartData(
        tuple(str(d) for d in days), (Series("Within 4 hours", tuple(range(len(days)))),),
        x_dates=tuple(days),
    )  # fmt: skip
    job = ChartJob(chart(data="d", type="line", x="week", y="v"), data, load_theme("corporate"),
                   CARD, "Winter")  # fmt: skip
    with chart_style(job.theme, job.canvas):
        _, ticks, labels = time_step(job, width_pt)
    assert ticks
    for tick, text in zip(ticks, labels, strict=True):
        assert min(days) <= tick <= max(days)
        assert text in {label(tick, short=True, precision=p) for p in _starts(tick)}, (tick, text)


def test_dates_spanning_millennia_tick_at_once_up_to_the_last_date_there_is(monkeypatch):
    """Days from 1899 to 9999 (a database's date for 'no end'): every day step was built,
    labelled and measured, minutes for two points, and the years past them ran into year
    10000, an internal error (found by fuzzing). Steps that cannot fit are not measured."""
    import deckgen.render.chartkit as chartkit
    from deckgen.render.chartkit import time_step
    from deckgen.tables.select import ChartData, Series

    measured = []
    width = chartkit.text_width_pt
    monkeypatch.setattr(chartkit, "text_width_pt", lambda j, t: measured.append(t) or width(j, t))
    days = (dt.date(1899, 12, 31), dt.date(9999, 12, 31))
    data = ChartData(tuple(str(d) for d in days), (Series("v", (1.0, 2.0)),), x_dates=days)
    job = ChartJob(chart(data="d", type="line", x="d", y="v"), data, load_theme("corporate"),
                   CARD, "Values")  # fmt: skip
    with chart_style(job.theme, job.canvas):
        _, ticks, labels = time_step(job, 700)
    assert len(measured) < 1000  # of millions
    assert labels == ["1900", "9999"] and ticks[0] == dt.date(1900, 1, 1)
    assert calendar_ticks(dt.date(9998, 6, 1), dt.date(9999, 12, 31), "year", 1) == [
        dt.date(9999, 1, 1)
    ]


@pytest.mark.parametrize("width", [3.2, 4.0, 4.8])
def test_a_short_winter_series_on_a_card_ticks_only_where_its_labels_say(width):
    from deckgen.tables.dates import label
    from deckgen.tables.select import ChartData, Series

    data = ChartData(
        tuple(str(d) for d in WINTER_WEEKS[:-1]), (Series("Within 4 hours", tuple(range(11))),),
        x_dates=tuple(WINTER_WEEKS[:-1]),
    )  # fmt: skip
    narrow = Canvas(Inches(width), Inches(3.0), dpi=100, scale=1.9)
    job = ChartJob(chart(data="d", type="line", x="week", y="v"), data, load_theme("corporate"),
                   narrow, "Winter")  # fmt: skip
    texts, places, _, _ = _ticks(job)
    assert texts
    for text, place in zip(texts, places, strict=True):
        day = dt.date.fromordinal(round(place))
        assert text in {label(day, short=True, precision=p) for p in _starts(day)}, (text, day)


def test_a_line_over_uneven_years_puts_each_point_at_its_year() -> None:
    """Waves of 2000, 2010, 2015, 2020, 2021 were drawn equally far apart: the decade
    2000-2010 as wide as 2020-2021, so the slopes lied (found by fuzzing). Undeclared
    years with uneven steps now stand at their dates, as a declared year column's do."""
    import pandas as pd

    from deckgen.errors import Location
    from deckgen.tables.select import chart_data

    years = [2000, 2010, 2015, 2020, 2021]
    table = pd.DataFrame({"year": years, "share": [20.0, 30.0, 40.0, 60.0, 64.0]})
    spec = chart(type="line", data="s", x="year", y="share", format="percent:0")
    job = ChartJob(spec, chart_data(table, spec, Location("deck.yaml", 1, "chart")),
                   load_theme("corporate"), SLIDE, "Waves")  # fmt: skip
    with chart_style(job.theme, job.canvas):
        fig = job.figure()
        xs = list(fig.axes[0].get_lines()[0].get_xdata())
    gaps = [b - a for a, b in pairwise(xs)]
    assert gaps[0] == pytest.approx(10 * gaps[3], rel=0.01)  # a decade, ten years wide
    assert gaps[1] == pytest.approx(5 * gaps[3], rel=0.01)


@pytest.mark.parametrize("theme", ["corporate", "dark"])
def test_an_end_label_is_drawn_on_the_plot_background_so_a_gridline_stops_short(theme):
    """A gridline at a line's last value ran up to the first letter of its name (as one
    struck through a scatter chart's names: found by review). The names at the lines'
    ends are drawn on a box of the plot's background colour, the dark one in the dark
    theme, over the gridlines."""
    import pandas as pd
    from matplotlib.colors import to_rgba

    from deckgen.errors import Location
    from deckgen.render.labels import labels
    from deckgen.tables.select import chart_data

    table = pd.DataFrame({"year": [2019, 2020, 2021, 2022, 2023] * 2,
                          "line": ["Northern"] * 5 + ["Southern"] * 5,
                          "share": [20, 31, 40.5, 59, 60, 10, 15, 18, 22, 40]})  # fmt: skip
    spec = chart(type="line", data="s", x="year", y="share", series="line", format="percent:0")
    job = ChartJob(spec, chart_data(table, spec, Location("deck.yaml", 1, "chart")),
                   load_theme(theme), SLIDE, "Both lines rise")  # fmt: skip
    background = to_rgba(job.theme.theme.colors.background)
    with chart_style(job.theme, job.canvas):
        fig = job.figure()
        fig.canvas.draw()
        ends = [t for t in labels(fig) if t.get_text().split()[0] in ("Northern", "Southern")]
        assert len(ends) == 2
        grid = fig.axes[0].yaxis.get_gridlines()[0].get_zorder()
        for text in ends:
            patch = text.get_bbox_patch()
            assert patch is not None and patch.get_facecolor() == background
            assert text.get_zorder() > grid


def test_fiscal_years_at_uneven_steps_drawn_in_slots_are_a_build_warning(tmp_path):
    """FY2015, FY2018, FY2021, FY2022 keep one slot each (a date would write them as
    calendar years), so three years read as steep as one: the picture, its card and a
    native chart's slide each say so in a build warning, with the fix (found in review:
    periods at uneven steps were drawn evenly without a word)."""
    from deckgen.pipeline import BuildOptions, build

    slide = """\
  - kind: chart
    title: Revenue grew
    source: Test data
    chart: {type: line, data: fy, x: year, y: value}
    share: [ig-square]
  - kind: chart
    title: Revenue grew natively
    source: Test data
    chart: {type: line, data: fy, x: year, y: value, native: true}
"""
    outline = HEADER.replace("production: {file: production.csv}", "fy: {file: fy.csv}") + slide
    csv = "year,value\nFY2015,100\nFY2018,110\nFY2021,120\nFY2022,130\n"
    path = write_project(tmp_path, outline, {"fy.csv": csv})
    warnings = build(path, BuildOptions(out_dir=tmp_path / "out")).warnings
    said = ("the x column 'year' names 4 fiscal years, 'FY2015' to 'FY2022', 1 to 3 years "
            "apart, yet each is drawn one slot from the next: 3 years as wide as 1 year; add "
            "a row with no value ('-') for each fiscal year missing between them")  # fmt: skip
    places = [w.split(": the x column")[0].replace(f"{path}", "deck.yaml")
              for w in warnings if said in w]  # fmt: skip
    assert set(places) == {
        "deck.yaml:9: slides[0]",
        "card revenue-grew-ig-square.png",
        "deck.yaml:14: slides[1]",
    }, warnings  # the native one too


def test_a_highlight_naming_none_of_the_lines_leaves_them_all_in_the_context_grey():
    """A panel of small multiples beside the highlighted one ('highlight: Ost') is drawn with
    a highlight naming none of its lines: they kept the palette's colours, as if each panel
    were the story (found in review). They take the context grey."""
    from matplotlib.colors import to_hex

    from tests.kinds.charts.jobs import figure, job

    drawn = job("line", ["2020", "2021", "2022"], {"A": [1.0, 2.0, 3.0], "B": [2.0, 1.0, 2.5]},
                highlight=["Elsewhere"])  # fmt: skip
    with chart_style(drawn.theme, drawn.canvas):
        lines = figure(drawn).axes[0].get_lines()
        colours = {to_hex(line.get_color()).upper() for line in lines}
    assert colours == {drawn.theme.theme.colors.neutral.upper()}


def test_a_line_card_is_drawn_to_find_its_unnamed_lines_only_where_it_may_have_some():
    """Line.card_unnamed draws the card's chart in the build's process while the card is
    planned: only where an estimate says the names may not all fit, so a card of a few
    lines costs the build no drawing (nor matplotlib's import), and one of many still
    finds the lines it would leave unnamed."""
    from deckgen.kinds.charts.line import _may_leave_unnamed
    from deckgen.tables.select import ChartData, Series

    def lines(count: int, canvas: Canvas) -> ChartJob:
        data = ChartData(("2022", "2023", "2024"), tuple(
            Series(f"Region {k}", (float(k), k + 1.0, k + 2.0)) for k in range(count)))  # fmt: skip
        spec = chart(type="line", data="d", x="year", y=[s.name for s in data.series])
        return ChartJob(spec, data, load_theme("corporate"), canvas, title="A finding")

    assert not _may_leave_unnamed(lines(2, SQUARE_CARD))
    assert not _may_leave_unnamed(lines(3, X_POST))
    many = lines(14, X_POST)
    assert _may_leave_unnamed(many)
    assert many.spec.card_unnamed(many)  # drawn: some of the 14 have no room


@pytest.mark.parametrize("kind", ["line", "area"])
def test_thousands_of_names_are_thinned_until_none_touch(kind):
    """Over 2,000 text categories every 53rd name was shown, 20 pt apart, each 27 pt wide:
    a slot under 1 pt was counted as 1 pt (found by fuzzing)."""
    import random

    from tests.kinds.charts.jobs import figure
    from tests.kinds.charts.jobs import job as chart_job

    rng = random.Random(1)
    names = [f"n{i}" for i in range(2000)]
    drawn = chart_job(kind, names, {"value": [round(rng.random() * 1000, 2) for _ in names]})
    with chart_style(drawn.theme, drawn.canvas):
        fig = figure(drawn)
        boxes = sorted((t.get_window_extent() for t in fig.axes[0].get_xticklabels()
                        if t.get_text()), key=lambda b: b.x0)  # fmt: skip
    assert len(boxes) >= 5
    assert all(a.x1 < b.x0 for a, b in pairwise(boxes))


def test_end_labels_take_decimals_from_the_values_they_write_not_from_points_unlabelled():
    """A 0.01 between labelled ends gave the end label two decimals ('984.31', compact:1)
    beside ticks in thousands (found by fuzzing); the alt text still says the low as itself,
    not '0.0'."""
    from tests.kinds.charts.jobs import figure, job

    years = ["2019", "2020", "2021", "2022"]
    line = job("line", years, {"value": [400.0, 0.01, 650.0, 984.31]}, format="compact:1")
    fig = figure(line)
    written = [t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text"))]
    assert any(text.endswith("984.3") for text in written), written
    assert not any("984.31" in text for text in written)
    assert line.spec.describe_data(line) == (
        "value rose from 400.0 in 2019 to 984.3 in 2022, with a low of 0.01 in 2020"
    )
    # A slope chart labels both ends: the left one's decimals count.
    slope = job("line", years[:2], {"value": [0.01, 5.55]}, format="compact:1")
    assert slope.spec.label_values(slope.data) == [5.55, 0.01]
    labels = [t.get_text() for t in figure(slope).findobj(lambda a: hasattr(a, "get_text"))]
    assert "0.01" in labels and any(text.endswith("5.55") for text in labels), labels


def test_a_period_a_wide_table_has_no_row_for_is_a_gap_as_in_long_data():
    """A wide table with no 2002 row drew one line straight through 2002, where the same
    series in long data broke at 2002 and its alt text said so (found by fuzzing). A
    series at wider steps (a census each decade) keeps its points joined."""
    import pandas as pd

    from deckgen.errors import Location
    from deckgen.tables.dates import Year

    where = Location("deck.yaml", 3, "slides[0].chart")
    frame = pd.DataFrame({"year": [Year(2000, 1, 1), Year(2001, 1, 1), Year(2003, 1, 1),
                                   Year(2004, 1, 1)], "v": [5.0, 6.0, 9.0, 10.0]})  # fmt: skip
    spec = chart(type="line", data="d", x="year", y="v")
    data = spec.select_data(frame, where)
    assert [str(d.year) for d in data.x_dates] == ["2000", "2001", "2002", "2003", "2004"]
    assert data.series[0].values == (5.0, 6.0, None, 9.0, 10.0)
    census = frame.assign(year=[Year(y, 1, 1) for y in (1980, 1990, 2000, 2010)])
    assert len(spec.select_data(census, where).categories) == 4


def test_years_as_text_under_a_line_keep_apart_by_a_third_of_an_em() -> None:
    """24 years, each as wide as its slot, were all written and touched: the axis read
    '200020012002...' (fuzzing round 8, 9). A label is shown where its word and a third of
    an em fit its slot, else every k-th; those written keep that much apart."""
    from deckgen.render.chartkit import label_size
    from tests.kinds.charts.jobs import job

    years = [str(y) for y in range(2000, 2024)]
    values: list[float | None] = [float((k % 5) - 3) for k in range(len(years))]
    chart_job = job("line", years, {"gas": values})
    with chart_style(chart_job.theme, chart_job.canvas):
        fig = chart_job.figure()
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        ax = fig.axes[0]
        shown = [t.label1 for t in ax.xaxis.get_major_ticks() if t.label1.get_text()]
        boxes = [t.get_window_extent(renderer) for t in shown]
        em = label_size(chart_job) * fig.dpi / 72
    assert 1 < len(shown) < len(years) and shown[-1].get_text() == "2023"
    assert all(b.x0 - a.x1 >= em / 3 - 0.5 for a, b in pairwise(boxes))


def test_bars_over_quarters_stamped_on_a_month_are_said_to_be_quarters():
    """The ABS stamps its quarters on their last month (March, June...): '9 months from
    March 2022 to March 2024' was read out of nine quarters (found in review)."""
    from deckgen.tables.select import ChartData, Series

    months = tuple(Month(2022 + (m - 1) // 12, (m - 1) % 12 + 1, 1) for m in range(3, 28, 3))
    data = ChartData(tuple(str(d) for d in months), (Series("gdp", (0.9,) * len(months)),),
                     x_dates=months)  # fmt: skip
    bars = ChartJob(chart(data="d", type="bar", x="day", y="gdp"), data, load_theme(), SLIDE)
    assert "9 quarters from March 2022 to March 2024" in bars.alt()


def _monthly_modes() -> str:
    """Six years of monthly boardings by mode (made up for the test: a fall in spring 2020
    and a slow return), as a transit agency's file has them."""
    rows = ["month,mode,boardings"]
    for year in range(2019, 2025):
        for month in range(1, 13):
            share = {2019: 1.0, 2020: 1.0 if month < 3 else 0.35 if month < 7 else 0.5,
                     2021: 0.55 + 0.02 * month, 2022: 0.72 + 0.01 * month,
                     2023: 0.80 + 0.006 * month}.get(year, 0.88 + 0.004 * month)  # fmt: skip
            season = 1 + 0.08 * math.sin((month - 3) / 12 * 2 * math.pi)
            for mode, level in (("Bus", 720_000), ("Light rail", 820_000),
                                ("Paratransit", 26_000)):  # fmt: skip
                part = 0.5 + share / 2 if mode == "Paratransit" else share
                rows.append(f"{year}-{month:02d},{mode},{round(level * season * part)}")
    return "\n".join(rows) + "\n"


def test_a_line_card_never_shows_one_date_under_years_of_data(tmp_path: Path):
    """An x-post card beside its title column showed six years of months over one tick,
    '2024', which a reader takes for the period of the whole line (found by a new user):
    a layout whose time axis has room for one date is refused (lone_date), and the card
    takes one that shows the period's ends."""
    from dataclasses import replace

    from deckgen.layout.units import Px
    from deckgen.plan.cards import plan_cards
    from deckgen.render.chartkit import _TIME_LABELS, lone_date
    from deckgen.tables.sources import load_tables
    from tests.helpers import load_outline
    from tests.kinds.cards.conftest import social_outline

    outline = social_outline(
        """
        - kind: chart
          name: modes
          presets: [x-post]
          title: Light rail ridership is back to 88% of its 2019 level
          subtitle: Monthly boardings by mode, January 2019 to December 2024
          source: Riverton Metro APC data, monthly boardings file
          chart:
            type: line
            data: monthly
            x: month
            y: boardings
            series: mode
            highlight: Light rail
            format: "compact:1"
            annotations: [{at: 2020-04, text: Stay-at-home order, series: Light rail}]
        """
    ).replace("production: {file: production.csv}", "monthly: {file: monthly.csv}")
    # The new user's wordmark, two lines beside the source: the footer a line taller.
    outline = outline.replace("organisation: Tests Inc",
                              "organisation: Riverton Metro Transit, Communications")  # fmt: skip
    path = write_project(tmp_path / "p", outline, {"monthly.csv": _monthly_modes()})
    loaded = load_outline(path)
    (card,) = plan_cards(loaded, load_tables(loaded), load_theme("corporate"))
    drawn = card.job.chart.job
    assert lone_date(drawn) is None
    with chart_style(drawn.theme, drawn.canvas):
        labels = [_TIME_LABELS[ax] for ax in drawn.figure().axes if ax in _TIME_LABELS]
    assert labels and len(labels[0]) >= 2, labels
    # The same chart in the box that x-post card gave it: one date, refused with why.
    narrow = replace(drawn, canvas=replace(drawn.canvas, width=Px(300)))
    with chart_style(narrow.theme, narrow.canvas):
        alone = [_TIME_LABELS[ax] for ax in narrow.figure().axes if ax in _TIME_LABELS]
    assert [len(a) for a in alone] == [1]
    said = lone_date(narrow)
    assert said is not None and "has room for one date under its time axis" in said[0]
    assert "Jan 2019 to Dec 2024" in said[0], said
