"""Computed annotations (``difference:``, ``cagr:``): the values equal a computation written
here, the brackets stand clear of bars, points and labels in every theme, the alt text says
each value, and names that match nothing are errors with a did-you-mean."""

from __future__ import annotations

import math
from itertools import combinations, pairwise

import pytest
from matplotlib.patches import Rectangle
from pptx import Presentation

from deckgen.errors import DataError, DeckgenError, Location
from deckgen.kinds.charts import _annotate, chart
from deckgen.kinds.charts._annotate import resolve, text_of
from deckgen.pipeline import BuildOptions, build, prepare
from deckgen.render.labels import remove_collisions, text_boxes
from deckgen.render.style import chart_style
from deckgen.tables.select import ChartData, Series
from tests.helpers import write_project
from tests.kinds.charts.jobs import job
from tests.kinds.charts.rows import THEMES

HERE = Location("deck.yaml", 1, "chart")
YEARS = ["2004", "2010", "2015", "2023"]
#: Vehicles built (made up for these tests, in the page's orders of magnitude).
BUILT = {"Built": [5_234_496.0, 18_264_667.0, 24_503_326.0, 30_160_966.0]}
COUNTRIES = ["China", "USA", "Japan", "India"]
BY_YEAR = {
    "2004": [5_234_496.0, 11_989_387.0, 10_511_518.0, 155_157.0],
    "2023": [30_160_966.0, 10_611_555.0, 8_997_440.0, 5_851_507.0],
}
#: Monthly sales, January 2010 to June 2013 (42 months), growing 1% a month.
MONTHS = [f"{2010 + k // 12}-{k % 12 + 1:02d}" for k in range(42)]
SALES = [round(200 * 1.01**k, 3) for k in range(42)]


def _pct(value: float) -> str:
    """A signed percentage as the charts write one: a decimal under 10%."""
    text = f"{abs(value):.1f}" if abs(value) < 10 else f"{abs(value):.0f}"
    return ("+" if value > 0 else "\u2212") + text + "%"


def _cases():
    """(name, job) for each chart that takes computed annotations, in every theme."""
    for theme in THEMES:
        yield f"bar-{theme}", job("bar", YEARS, BUILT, theme=theme, format="compact:1",
                                  difference=[{"from": 2004, "to": 2023, "show": "both"},
                                              {"from": 2010, "to": 2015}],
                                  cagr={"from": 2004, "to": 2023})  # fmt: skip
        yield f"hbar-{theme}", job("hbar", COUNTRIES, {"v": BY_YEAR["2023"]}, theme=theme,
                                   format="compact:1", difference={"from": "China",
                                                                   "to": "India"})  # fmt: skip
        yield f"grouped-{theme}", job("grouped-bar", COUNTRIES, BY_YEAR, theme=theme,
                                      format="compact:1", highlight="China",
                                      difference=[{"from": "2004", "to": "2023", "at": "China",
                                                   "show": "percent"},
                                                  {"from": "2004", "to": "2023", "at": "USA"}],
                                      cagr={"from": "2004", "to": "2023", "at": "India"},
                                      )  # fmt: skip
        yield f"line-{theme}", job("line", [str(y) for y in range(2004, 2024)],
                                   {"China": [5 + 1.3 * k for k in range(20)],
                                    "USA": [12 - 0.07 * k for k in range(20)]},
                                   theme=theme, format="plain:1",
                                   cagr={"from": 2004, "to": 2023, "series": "China"},
                                   difference={"from": 2008, "to": 2016, "series": "USA"},
                                   )  # fmt: skip


CASES = dict(_cases())


# --------------------------------------------------------------------------- values
def test_a_difference_between_two_bars_is_to_minus_from_in_the_charts_format():
    j = CASES["bar-corporate"]
    notes, problems = resolve(j.spec, j.data, HERE)
    assert problems == []
    both, plain, cagr = notes
    a, b = BUILT["Built"][0], BUILT["Built"][3]
    assert both.difference == pytest.approx(b - a)
    assert both.percent == pytest.approx((b - a) / a * 100)
    assert text_of(j, both) == f"+{(b - a) / 1e6:.1f}M ({_pct((b - a) / a * 100)})"
    assert text_of(j, plain) == f"+{(24_503_326 - 18_264_667) / 1e6:.1f}M"
    assert cagr.cagr == pytest.approx(((b / a) ** (1 / 19) - 1) * 100)
    assert text_of(j, cagr) == f"CAGR {_pct(((b / a) ** (1 / 19) - 1) * 100)}"


def test_a_difference_between_two_series_of_one_category_is_a_percentage_of_from():
    j = CASES["grouped-corporate"]
    china, usa, india = resolve(j.spec, j.data, HERE)[0]
    assert text_of(j, china) == "+476%"  # (30,160,966 - 5,234,496) / 5,234,496
    assert text_of(j, usa) == "\u22121.4M"  # a true minus
    assert india.years == 19  # the two series' names are years
    assert india.cagr == pytest.approx(((5_851_507 / 155_157) ** (1 / 19) - 1) * 100)


def test_a_signed_format_signs_a_difference_once():
    """A bracket signs its difference itself: on a chart whose format is signed
    ('+compact:1') it wrote '++24.9M', and its alt text 'grew +24.9 million'."""
    j = job("grouped-bar", COUNTRIES, BY_YEAR, format="+compact:1",
            difference=[{"from": "2004", "to": "2023", "at": "China", "show": "both"},
                        {"from": "2004", "to": "2023", "at": "USA"}])  # fmt: skip
    china, usa = resolve(j.spec, j.data, HERE)[0]
    assert text_of(j, china) == "+24.9M (+476%)"
    assert text_of(j, usa) == "\u22121.4M"
    assert "grew 24.9 million (476 percent)" in j.alt()
    assert "++" not in j.alt()


def test_a_difference_along_a_line_is_between_two_points_of_its_series():
    j = CASES["line-corporate"]
    diff, cagr = resolve(j.spec, j.data, HERE)[0]
    assert diff.values == pytest.approx((12 - 0.07 * 4, 12 - 0.07 * 12))
    assert text_of(j, diff) == "\u22120.6"
    assert cagr.cagr == pytest.approx(((5 + 1.3 * 19) / 5) ** (1 / 19) * 100 - 100)


def test_a_cagr_over_dates_counts_the_exact_years_between_them():
    data = ChartData(tuple(MONTHS), (Series("Sales", tuple(SALES)),), x_dates=None)
    from deckgen.tables.dates import parse_date

    dated = ChartData(data.categories, data.series,
                      tuple(parse_date(m, period="month") for m in MONTHS))  # fmt: skip
    spec = chart(type="line", data="d", x="x", y="Sales",
                 cagr={"from": "2010-01", "to": "2013-01"})  # fmt: skip
    (note,) = resolve(spec, dated, HERE)[0]
    assert note.years == 3
    assert note.cagr == pytest.approx(((SALES[36] / SALES[0]) ** (1 / 3) - 1) * 100)
    spec = chart(type="line", data="d", x="x", y="Sales",
                 cagr={"from": "2010-01", "to": "2013-06"})  # fmt: skip
    (note,) = resolve(spec, dated, HERE)[0]
    assert note.years == pytest.approx(41 / 12)


def test_a_cagr_over_categories_reads_years_in_their_names_or_takes_periods():
    data = ChartData(("FY2018", "FY2023"), (Series("Revenue", (80.0, 120.0)),))
    spec = chart(type="bar", data="d", x="x", y="Revenue", cagr={"from": "FY2018", "to": "FY2023"})
    (note,) = resolve(spec, data, HERE)[0]
    assert note.years == 5
    assert note.cagr == pytest.approx((1.5 ** (1 / 5) - 1) * 100)
    plain = ChartData(("Before", "After"), (Series("Revenue", (80.0, 120.0)),))
    spec = chart(type="bar", data="d", x="x", y="Revenue",
                 cagr={"from": "Before", "to": "After", "periods": 4})  # fmt: skip
    (note,) = resolve(spec, plain, HERE)[0]
    assert note.cagr == pytest.approx((1.5**0.25 - 1) * 100)
    spec = chart(type="bar", data="d", x="x", y="Revenue", cagr={"from": "Before", "to": "After"})
    (problem,) = resolve(spec, plain, HERE)[1]
    assert problem.location.field == "chart.cagr.periods"
    assert "add 'periods:'" in problem.hint


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"difference": {"from": "Chna", "to": "India", "series": "2023"}},
         "chart.difference.from", "'China'"),
        ({"difference": [{"from": "China", "to": "India", "series": "2023"},
                         {"from": "China", "to": "Japn", "series": "2023"}]},
         "chart.difference[1].to", "'Japan'"),
        ({"cagr": {"from": "2004", "to": "2032", "at": "China"}}, "chart.cagr.to", "'2023'"),
        ({"cagr": {"from": "2004", "to": "2023", "at": "Chna"}}, "chart.cagr.at", "'China'"),
        ({"difference": {"from": "China", "to": "USA"}}, "chart.difference.series", "series:"),
        ({"difference": {"from": "China", "to": "USA", "series": "2020"}},
         "chart.difference.series", "'2023'"),
        ({"cagr": {"from": "2023", "to": "2004", "at": "USA"}}, "chart.cagr", "swap"),
    ],
)  # fmt: skip
def test_a_name_that_matches_nothing_is_an_error_with_a_did_you_mean(fields, field, words):
    spec = chart(type="grouped-bar", data="d", x="x", y=["2004", "2023"], **fields)
    data = ChartData(tuple(COUNTRIES), tuple(Series(k, tuple(v)) for k, v in BY_YEAR.items()))
    problems = spec.check(data, HERE)
    assert [p.location.field for p in problems] == [field]
    assert words in problems[0].hint


@pytest.mark.parametrize(
    ("fields", "field"),
    [({"difference": {"from": "China", "to": "India", "series": "2023"}}, "difference.from"),
     ({"cagr": {"from": "2004", "to": "2023", "at": "China"}}, "cagr.at"),
     ({"annotations": [{"at": "China", "text": "Twice"}]}, "annotations[0].at")],
)  # fmt: skip
def test_a_name_that_names_two_categories_is_an_error_not_the_first(fields, field):
    """'China' twice: the arrow, the note and the growth rate took the first without a
    word (found by fuzzing). (A note on a bar chart: grouped bars take none since fuzzing
    round 8; intended change, the assertions kept.)"""
    years = ["2004", "2023"] if "annotations" not in fields else ["2023"]
    kind = "grouped-bar" if len(years) > 1 else "bar"
    spec = chart(type=kind, data="d", x="x", y=years if len(years) > 1 else years[0], **fields)
    names = (*COUNTRIES, "China")
    data = ChartData(names, tuple(Series(k, (*BY_YEAR[k], 1.0)) for k in years))
    (problem,) = spec.check(data, HERE)
    assert problem.location.field == f"{HERE.field}.{field}"
    assert problem.message.startswith("'China' names 2 categories of the chart")


def test_an_index_base_that_names_two_categories_is_an_error():
    from deckgen.tables.select import indexed

    data = ChartData(("A", "B", "A"), (Series("v", (1.0, 2.0, 3.0)),))
    with pytest.raises(DataError, match="index base 'A' names 2 categories of the chart"):
        indexed(data, "A", HERE)
    # A base below zero turned a rise into a fall (found by fuzzing).
    below = ChartData(("A", "B"), (Series("v", (-50.0, 70.0)),))
    with pytest.raises(DataError, match="is -50 at the index base 'A': an index of a value"):
        indexed(below, "A", HERE)


def test_a_percentage_of_zero_and_a_growth_rate_from_zero_are_errors():
    data = ChartData(("A", "B"), (Series("v", (0.0, 5.0)),))
    for fields in ({"difference": {"from": "A", "to": "B", "show": "percent"}},
                   {"cagr": {"from": "A", "to": "B", "periods": 2}}):  # fmt: skip
        spec = chart(type="bar", data="d", x="x", y="v", **fields)
        assert len(spec.check(data, HERE)) == 1


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"type": "donut", "difference": {"from": "A", "to": "B"}}, "takes no 'difference:'"),
        ({"type": "bar", "cagr": {"from": "A", "to": "B", "at": "C"}}, "takes no 'at:'"),
        ({"type": "bar", "cagr": {"from": "A", "to": "B", "periods": 0}}, "greater than 0"),
        ({"type": "line", "difference": {"from": "A", "to": "B", "show": "ratio"}}, "'percent'"),
    ],
)
def test_fields_a_chart_cannot_take_are_errors_at_load(fields, words):
    with pytest.raises(ValueError, match=words):
        chart(data="d", x="x", y="v", **fields)


# --------------------------------------------------------------------------- picture
@pytest.mark.parametrize("name", sorted(CASES))
def test_brackets_stand_clear_of_bars_points_and_labels(name):
    j = CASES[name]
    with chart_style(j.theme, j.canvas):
        fig = j.figure(collisions=False)
        removed = remove_collisions(fig)
        wanted = {text_of(j, n) for n in resolve(j.spec, j.data, HERE)[0]}
        assert not wanted & set(removed)  # every computed value is drawn
        boxes = text_boxes(fig)
        shown = {t for t, _ in boxes}
        assert wanted <= shown
        for (ta, a), (tb, b) in combinations(boxes, 2):
            assert not a.overlaps(b), (ta, tb)
        ax = fig.axes[0]
        renderer = fig.canvas.get_renderer()
        bars = [p.get_window_extent(renderer) for p in ax.patches if isinstance(p, Rectangle)]
        plot = ax.get_window_extent()
        for text, box in boxes:
            if text in wanted:
                assert not any(box.overlaps(bar) for bar in bars), text
                assert plot.x0 - 1 <= box.x0 and box.x1 <= fig.bbox.x1
                assert plot.y0 - 1 <= box.y0 and box.y1 <= plot.y1 + 1, text


def _apart(a, b) -> float:
    """The distance between two boxes (0 where they touch or overlap)."""
    return math.hypot(max(0.0, a.x0 - b.x1, b.x0 - a.x1), max(0.0, a.y0 - b.y1, b.y0 - a.y1))


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_brackets_value_keeps_clear_of_gridlines_and_its_arrowhead_of_every_label(name):
    """The +476% over China sat on the 35M gridline, which ran along its text, and the
    arrowhead seemed to land on the 30.2M under it (found by review): a gridline stops
    short of the value, its pad hiding it, or the value stands between two gridlines; the
    arrowhead stands half a label size clear of every other text."""
    _clear_of_gridlines_and_labels(CASES[name], across=name.startswith("hbar"))


#: The reviewed chart's six largest producers: its +476% fell on the 35M gridline.
REVIEWED = {"2004": [*BY_YEAR["2004"], 3_469_464.0, 5_569_954.0],
            "2023": [*BY_YEAR["2023"], 4_243_597.0, 4_109_371.0]}  # fmt: skip


@pytest.mark.parametrize("theme", THEMES)
def test_the_reviewed_brackets_value_stands_between_gridlines(theme):
    bracket = {"from": "2004", "to": "2023", "at": "China", "show": "percent"}
    j = job("grouped-bar", [*COUNTRIES, "South Korea", "Germany"], REVIEWED, theme=theme,
            format="compact:1", highlight="China", difference=bracket)  # fmt: skip
    _clear_of_gridlines_and_labels(j, across=False, between=True)


def _clear_of_gridlines_and_labels(j, *, across: bool, between: bool = False) -> None:
    """Each bracket's value clear of the gridlines (``between`` them), its arrowhead of
    every other text."""
    from matplotlib.patches import FancyArrowPatch

    from deckgen.render.chartkit import label_size

    with chart_style(j.theme, j.canvas):
        fig = j.figure()
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        ax = fig.axes[0]
        clear = 0.5 * label_size(j) * fig.dpi / 72
        margin = 0.15 * label_size(j) * fig.dpi / 72
        wanted = {text_of(j, n) for n in resolve(j.spec, j.data, HERE)[0]}
        values = [t for t in ax.texts if t.get_text() in wanted]
        others = [t.get_window_extent(renderer) for t in ax.texts if t.get_visible()
                  and t.get_text().strip() and t.get_text() not in wanted]  # fmt: skip
        arrows = [p.get_window_extent(renderer) for p in ax.patches
                  if isinstance(p, FancyArrowPatch)]  # fmt: skip
        axis = ax.xaxis if across else ax.yaxis
        lo, hi = sorted(axis.get_view_interval())
        grid = [ax.transData.transform((v, 0) if across else (0, v))[0 if across else 1]
                for t in axis.get_major_ticks() if t.gridline.get_visible()
                and lo <= (v := t.get_loc()) <= hi]  # fmt: skip
        assert len(values) == len(wanted) == len(arrows)
        for value in values:
            box = value.get_window_extent(renderer)
            pad = value.get_bbox_patch().get_window_extent(renderer)
            start, end = (box.x0, box.x1) if across else (box.y0, box.y1)
            for g in grid:
                if start - margin < g < end + margin:  # hidden by the pad, well round the text
                    assert not between, (value.get_text(), g)
                    if across:
                        assert pad.x0 <= g <= pad.x1, (value.get_text(), g)
                        assert pad.y0 <= box.y0 - margin and pad.y1 >= box.y1 + margin
                    else:
                        assert pad.y0 <= g <= pad.y1, (value.get_text(), g)
                        assert pad.x0 <= box.x0 - margin and pad.x1 >= box.x1 + margin
        for arrow in arrows:
            assert min(_apart(arrow, other) for other in others) >= clear


@pytest.mark.parametrize("name", sorted(CASES))
def test_brackets_lay_the_figure_out_again_only_after_the_scale_grew(name, monkeypatch):
    """A layout run is a chart's slowest step: brackets that fit are placed on the layout
    they were measured on, never laid out again on the same scale."""
    import sys

    from deckgen.kinds.charts import bar, grouped, hbar, line
    from deckgen.render import chartkit

    j = CASES[name]
    runs: list[list[tuple[float, ...]]] = []  # each draw_computed call: the scales it laid out
    settle = chartkit.settle

    def counted(draw):
        def call(*args, **kwargs):
            runs.append([])
            return draw(*args, **kwargs)

        return call

    def recorded(fig):
        if sys._getframe(1).f_code is _annotate.draw_computed.__code__:
            ax = fig.axes[0]
            runs[-1].append((*ax.get_xlim(), *ax.get_ylim()))
        settle(fig)

    monkeypatch.setattr(chartkit, "settle", recorded)
    for kind in (bar, grouped, hbar, line):
        monkeypatch.setattr(kind, "draw_computed", counted(kind.draw_computed))
    with chart_style(j.theme, j.canvas):
        fig = j.figure()
    assert runs, "the chart drew no brackets"
    for scales in runs:
        assert len(set(scales)) == len(scales), scales
    if name.startswith("grouped"):
        # Grouped bars make room for their brackets and labels before placing the labels,
        # inside the plot: the brackets fit on the layout the labels were placed on, which
        # is not made again. They are drawn once.
        assert runs == [[]], runs
        assert any(t.get_text().endswith("%") for t in fig.axes[0].texts)  # China's bracket


def test_the_picture_is_the_same_every_time():
    j = CASES["grouped-dark"]
    assert (j.pixels() == j.pixels()).all()


# --------------------------------------------------------------------------- the deck
OUTLINE = """\
deck: {title: T}
data: {production: {file: production.csv}}
slides:
  - kind: chart
    title: China's production grew fivefold
    chart:
      type: grouped-bar
      data: production
      x: country
      y: [production_2004, production_2023]
      series_labels: {production_2004: "2004", production_2023: "2023"}
      filter: [{column: country, op: not in, value: [Australia]}]
      format: compact:1
      native: NATIVE
      difference: {from: "2004", to: "2023", at: China, show: percent}
      cagr: {from: "2004", to: "2023", at: "{{ 'India' }}"}
"""


def test_the_deck_says_each_computed_value_in_the_alt_text(tmp_path):
    path = write_project(tmp_path, OUTLINE.replace("NATIVE", "false"))
    result = build(path, BuildOptions(out_dir=tmp_path / "out"))
    slide = Presentation(str(result.deck)).slides[0]
    alt = next(d for s in slide.shapes
               if (d := s._element.xpath("./*[1]/p:cNvPr")[0].get("descr") or "")
               .startswith("Grouped bar chart"))  # fmt: skip
    rate = ((5_851_507 / 155_157) ** (1 / 19) - 1) * 100
    assert "From 2004 to 2023 China grew 476 percent." in alt
    assert f"From 2004 to 2023 India grew at a compound annual rate of {rate:.0f} percent " \
           "over 19 years." in alt  # fmt: skip


def test_the_native_form_refuses_with_its_reason(tmp_path):
    spec = chart(type="line", data="d", x="x", y="v", cagr={"from": "A", "to": "B"})
    assert "do not draw computed differences or growth rates" in (spec.native_refusal() or "")
    path = write_project(tmp_path, OUTLINE.replace("NATIVE", "true"))
    with pytest.raises(DeckgenError, match="cannot be a native chart: native charts do not draw "
                       "computed differences"):  # fmt: skip
        build(path, BuildOptions(out_dir=tmp_path / "out"))
    # Asked for native charts deck-wide, it stays a picture.
    path = write_project(tmp_path, OUTLINE.replace("      native: NATIVE\n", ""))
    result = build(path, BuildOptions(out_dir=tmp_path / "out", native_charts=True))
    slide = Presentation(str(result.deck)).slides[0]
    assert not any(s.has_chart for s in slide.shapes)


def test_a_typo_in_the_deck_is_reported_with_its_line(tmp_path):
    outline = OUTLINE.replace("NATIVE", "false").replace("at: China", "at: Chna")
    path = write_project(tmp_path, outline)
    with pytest.raises(DeckgenError) as caught:
        prepare(path, BuildOptions(out_dir=tmp_path / "out"))
    text = str(caught.value)
    assert "slides[0].chart.difference.at: 'Chna' matches no category" in text
    assert "did you mean 'China'?" in text


def test_the_module_is_where_the_fields_live():
    assert _annotate.Difference.model_fields["start"].alias == "from"


def test_the_alt_text_says_a_cagr_over_months_in_years_to_one_decimal():
    from deckgen.render.charts import ChartJob
    from tests.kinds.charts.jobs import CANVAS, load_theme

    spec = chart(type="line", data="d", x="x", y="Sales",
                 cagr={"from": "2010-01", "to": "2013-06"})  # fmt: skip
    from deckgen.tables.dates import parse_date

    data = ChartData(tuple(MONTHS), (Series("Sales", tuple(SALES)),),
                     tuple(parse_date(m, period="month") for m in MONTHS))  # fmt: skip
    alt = ChartJob(spec, data, load_theme("corporate"), CANVAS, title="Sales").alt()
    rate = ((SALES[41] / SALES[0]) ** (12 / 41) - 1) * 100
    assert f"From January 2010 to June 2013 Sales grew at a compound annual rate of " \
           f"{_pct(rate)[1:-1]} percent over 3.4 years." in alt  # fmt: skip


def test_a_bracket_on_a_log_axis_still_fits_inside_the_plot():
    sales = {"Sales": [10 * 1.3**k for k in range(20)]}
    j = job("line", [str(y) for y in range(2004, 2024)], sales, axis={"log": True},
            format="plain:0", cagr={"from": 2004, "to": 2023})  # fmt: skip
    with chart_style(j.theme, j.canvas):
        fig = j.figure()
        boxes = dict(text_boxes(fig))
        label = boxes[text_of(j, resolve(j.spec, j.data, HERE)[0][0])]
        assert label.y1 <= fig.axes[0].get_window_extent().y1 + 1


def test_years_and_dates_written_as_numbers_are_matched_as_text():
    spec = chart(type="bar", data="d", x="x", y="v", difference={"from": 2004, "to": 20231231})
    assert (spec.difference[0].start, spec.difference[0].to) == ("2004", "20231231")


@pytest.mark.parametrize(
    ("names", "years"),
    [(["2022 Q3", "2023 Q1", "2023 Q3", "2024 Q2"], 1.75),  # counted 2 by the years spelt
     (["Mar-23", "Jun-23", "Sep-23", "Feb-25"], 23 / 12),  # asked for 'periods:'
     (["FY2020", "FY2021", "FY2022", "FY2023"], 3.0),
     (["2019/20", "2020/21", "2021/22", "2022/23"], 3.0),
     (["Sales 2004", "x", "y", "Sales 2023"], 19.0)],  # one year spelt in each
)  # fmt: skip
def test_a_cagr_counts_the_years_between_the_periods_its_ends_name(names, years) -> None:
    """Found by fuzzing: a CAGR over quarters written as text took a year for three
    quarters, and over months as text asked for 'periods:'."""
    j = job("line", names, {"v": [100.0, 104.0, 108.0, 112.0]},
            cagr={"from": names[0], "to": names[-1]})  # fmt: skip
    ((cagr,), problems) = resolve(j.spec, j.data, HERE)
    assert problems == []
    assert cagr.cagr == pytest.approx(((112 / 100) ** (1 / years) - 1) * 100)


@pytest.mark.parametrize(
    ("names", "periods", "span"),
    [(MONTHS[:12], None, "11 months"),  # January to December: the review's case
     (["2022 Q3", "2022 Q4", "2023 Q1", "2023 Q2"], None, "9 months"),
     (["Mar-23", "Jun-23", "Sep-23", "Feb-24"], None, "11 months"),
     (["2024-01-01", "2024-03-01", "2024-06-01", "2024-12-30"], None, "364 days"),
     (["Before", "x", "y", "After"], 0.5, "6 months ('periods:')")],
)  # fmt: skip
def test_a_cagr_over_less_than_a_year_is_an_error_that_gives_the_difference(
    names: list[str], periods: float | None, span: str
) -> None:
    """Found in review: 11 months of monthly data, +16.7% from January to December, were
    annualised and written 'CAGR +18%', a rate no reader saw. Under a year the change
    itself is stated: the fix is the difference with the same ends, in percent."""
    from deckgen.tables.dates import parse_date

    fields = {"from": names[0], "to": names[-1], "series": "v"}
    if periods is not None:
        fields["periods"] = periods
    j = job("line", names, {"v": [100.0] * (len(names) - 1) + [116.7]}, cagr=fields)
    data = j.data
    if names[0][:2] == "20" and "Q" not in names[0]:
        dated = tuple(parse_date(n, period=None if len(n) > 7 else "month") for n in names)
        data = ChartData(data.categories, data.series, dated)
    found, (problem,) = resolve(j.spec, data, HERE)
    assert found == []
    assert problem.location.field == "chart.cagr"
    assert f"is {span}: annualised, its change of +16.7% would be written CAGR +" in (
        problem.message)  # fmt: skip
    assert problem.message.startswith("a compound annual growth rate is a rate a year, and ")
    assert problem.hint == (
        f"state the change itself: replace 'cagr:' with 'difference: {{from: {names[0]}, to: "
        f"{names[-1]}, series: v, show: percent}}', which writes +17%; a CAGR needs ends a "
        "year apart or more"
    )


@pytest.mark.parametrize(
    ("names", "period", "years"),
    [(MONTHS[:13], "month", 1.0),  # January to January: twelve months
     (["2025-01-01", "2025-06-01", "2025-09-01", "2026-01-01"], None, 365 / 365.25)],
)  # fmt: skip
def test_a_cagr_over_a_year_exactly_is_a_rate_a_year(names, period, years) -> None:
    from deckgen.tables.dates import parse_date

    j = job("line", names, {"v": [100.0] * (len(names) - 1) + [110.0]},
            cagr={"from": names[0], "to": names[-1]})  # fmt: skip
    dated = ChartData(j.data.categories, j.data.series,
                      tuple(parse_date(n, period=period) for n in names))  # fmt: skip
    ((cagr,), problems) = resolve(j.spec, dated, HERE)
    assert problems == []
    assert cagr.years == pytest.approx(years)
    assert cagr.cagr == pytest.approx((1.1 ** (1 / years) - 1) * 100)


# --------------------------------------------------------------------------- percentages
#: Shares of households with a heat pump, already in percent (made up for these tests).
HEAT = {"Share": [12.4, 31.8, 24.6]}
HEAT_YEARS = ["2018", "2021", "2024"]


def test_a_difference_between_percentages_is_in_points_and_its_percent_is_relative():
    """31.8% to 24.6% is a fall of 7.2 points, or 22.6 percent of 31.8: the bracket wrote
    '−7.2% (−23%)', and the alt text 'fell 7.2 percent', a fall it was not (found by
    review)."""
    j = job("bar", HEAT_YEARS, HEAT, format="percent:1",
            difference=[{"from": "2021", "to": "2024", "show": "both"},
                        {"from": "2018", "to": "2021"},
                        {"from": "2021", "to": "2024", "show": "percent"}])  # fmt: skip
    both, rise, relative = resolve(j.spec, j.data, HERE)[0]
    assert text_of(j, both) == "\u22127.2 pts (\u221223%)"  # (24.6 - 31.8) / 31.8 = -22.6%
    assert text_of(j, rise) == "+19.4 pts"
    assert text_of(j, relative) == "\u221223%"  # the change relative to 31.8%, as asked
    alt = j.alt()
    assert "From 2021 to 2024 Share fell 7.2 percentage points (23 percent)." in alt
    assert "From 2018 to 2021 Share grew 19.4 percentage points." in alt
    assert "From 2021 to 2024 Share fell 23 percent." in alt


def test_two_series_of_percentages_differ_in_points_and_a_cagr_over_a_year_is_singular():
    j = job("grouped-bar", ["Rural", "Urban"], {"2023": [18.5, 40.25], "2024": [21.0, 38.0]},
            format="percent:1", difference={"from": "2023", "to": "2024", "at": "Urban"},
            cagr={"from": "2023", "to": "2024", "at": "Rural"})  # fmt: skip
    diff, cagr = resolve(j.spec, j.data, HERE)[0]
    assert text_of(j, diff) == "\u22122.3 pts"  # 38.0 - 40.25, at the format's precision
    assert text_of(j, cagr) == "CAGR +14%"  # a growth rate is relative: a percent
    alt = j.alt()
    assert "From 2023 to 2024 Urban fell 2.3 percentage points." in alt
    assert "From 2023 to 2024 Rural grew at a compound annual rate of 14 percent over " \
           "1 year." in alt  # fmt: skip


def test_the_brackets_write_the_decks_words_and_the_alt_text_english_numbers():
    """A French deck's bracket said 'CAGR' and '+2,3 pts' in English words, and its alt text
    '3,2 percent': a French number in an English sentence (found in review). The bracket
    takes the deck's words, the alt text (English, as every alt text) English numbers."""
    from dataclasses import replace

    from deckgen.outline.formats import marks_of, numerals
    from deckgen.outline.words import words_for

    j = job("grouped-bar", ["Rural", "Urban"], {"2023": [18.5, 40.25], "2024": [21.0, 38.0]},
            format="percent:1", difference={"from": "2023", "to": "2024", "at": "Urban",
                                            "show": "both"},
            cagr={"from": "2023", "to": "2024", "at": "Rural"})  # fmt: skip
    french = replace(j, words=words_for("fr_FR").chart, marks=marks_of("fr_FR"))
    diff, cagr = resolve(french.spec, french.data, HERE)[0]
    german = replace(french, words=words_for("de_DE").chart)
    with numerals(french.marks):  # as the picture is drawn
        assert text_of(french, diff) == "\u22122,3 pts (\u22125,6%)"
        assert text_of(french, cagr) == "TCAM +14%"
        assert text_of(german, diff).startswith("\u22122,3 Pp.")
    alt = german.alt()
    assert "fell 2.3 percentage points (5.6 percent)." in alt
    assert "compound annual rate of 14 percent" in alt
    assert "," not in alt.partition("Urban fell ")[2].partition(".")[0]


def test_a_difference_in_another_format_keeps_it():
    j = job("bar", HEAT_YEARS, HEAT, format="plain:1", difference={"from": "2021", "to": "2024"})
    assert text_of(j, resolve(j.spec, j.data, HERE)[0][0]) == "\u22127.2"


# --------------------------------------------------------------------------- legs
def _legs_through_texts(fig) -> list[str]:
    """The texts a bracket's line or arrow runs through (its own value stands on it)."""
    from matplotlib.patches import FancyArrowPatch

    ax = fig.axes[0]
    renderer = fig.canvas.get_renderer()
    boxes = text_boxes(fig)
    segments = []
    for line in (ln for ln in ax.lines if ln.get_zorder() == 6):  # a bracket's legs and line
        xy = line.get_transform().transform(line.get_xydata())
        segments += list(pairwise(xy))
    for arrow in (p for p in ax.patches if isinstance(p, FancyArrowPatch)):  # the 'to' leg
        box = arrow.get_window_extent(renderer)
        middle = (box.x0 + box.x1) / 2
        segments.append(((middle, box.y0), (middle, box.y1)))
    hit = []
    for text, box in boxes:
        for (x0, y0), (x1, y1) in segments:
            across = min(x0, x1) < box.x1 and max(x0, x1) > box.x0
            up = min(y0, y1) < box.y1 - 0.5 and max(y0, y1) > box.y0 + 0.5
            if across and up:
                hit.append(text)
    return hit


@pytest.mark.parametrize("theme", THEMES)
def test_a_brackets_legs_rise_over_the_series_names_not_through_them(theme):
    """The names of a grouped bar's series stand over its first group that is not
    highlighted, level over its taller bar: a bracket on that group rose from the short
    bar straight through its series' name (found by review)."""
    j = job("grouped-bar", ["Leeds", "Bristol", "Derby", "York"],
            {"2015": [21.0, 30.5, 18.0, 26.0], "2025": [44.0, 38.0, 25.5, 31.0]},
            theme=theme, format="plain:0", highlight="Bristol",
            difference={"from": "2015", "to": "2025", "at": "Leeds"})  # fmt: skip
    with chart_style(j.theme, j.canvas):
        fig = j.figure()
        shown = {t for t, _ in text_boxes(fig)}
        assert {"2015", "2025", "+23"} <= shown  # the names, and the bracket's value
        assert _legs_through_texts(fig) == []


@pytest.mark.parametrize("theme", THEMES)
def test_a_bracket_that_steps_over_a_gridline_has_its_room_made_at_once(theme, monkeypatch):
    """Stepping the value up between two gridlines grew the scale on a card's grouped
    chart, which was then laid out and labelled twice (a warm rebuild's card 40% slower):
    the room made before the labels holds the step too."""
    from deckgen.kinds.charts import grouped
    from deckgen.layout.units import Inches
    from deckgen.render.jobs import Canvas
    from tests.kinds.charts.jobs import CANVAS

    calls: list[int] = []
    drawn = grouped.draw_computed

    def counting(*args: object, **kwargs: object) -> bool:
        calls.append(1)
        return drawn(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(grouped, "draw_computed", counting)
    bracket = {"from": "2004", "to": "2023", "at": "China", "show": "percent"}
    five = {k: v[:5] for k, v in REVIEWED.items()}
    card = Canvas(Inches(6.6667), Inches(5.1944), dpi=144, scale=8 / 7)  # an ig-tall card's
    for canvas, categories, data in (
        (card, [*COUNTRIES, "South Korea"][:5], five),
        (CANVAS, [*COUNTRIES, "South Korea", "Germany"], REVIEWED),
    ):
        calls.clear()
        j = job("grouped-bar", categories, data, theme=theme, canvas=canvas,
                format="compact:1", highlight="China", difference=bracket)  # fmt: skip
        with chart_style(j.theme, j.canvas):
            j.figure()
        assert len(calls) == 1


def test_without_gridlines_no_room_is_kept_for_a_step_over_one():
    """The room for stepping a bracket's value over a gridline stood empty over the plot
    in a theme without gridlines (contrast's China card: a band of 140 px over its 40M)."""
    from deckgen.render.chartkit import label_size

    bracket = {"from": "2004", "to": "2023", "at": "China", "show": "percent"}
    j = job("grouped-bar", [*COUNTRIES, "South Korea", "Germany"], REVIEWED, theme="contrast",
            format="compact:1", highlight="China", difference=bracket)  # fmt: skip
    assert not j.theme.theme.chart.gridlines
    with chart_style(j.theme, j.canvas):
        fig = j.figure()
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        ax = fig.axes[0]
        wanted = {text_of(j, n) for n in resolve(j.spec, j.data, HERE)[0]}
        (value,) = [t for t in ax.texts if t.get_text() in wanted]
        above = ax.get_window_extent().y1 - value.get_window_extent(renderer).y1
        assert above < 2 * label_size(j) * fig.dpi / 72
