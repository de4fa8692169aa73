"""Bar and horizontal bar charts: where each value sits against its bar's end, on a slide
and on a card's narrow plot."""

from __future__ import annotations

import pytest

from deckgen.kinds.charts._bars import BESIDE, GAP
from deckgen.layout.units import Inches
from deckgen.render.chartkit import label_size
from deckgen.render.jobs import Canvas
from deckgen.render.style import chart_style
from tests.kinds.charts.jobs import CANVAS, THEMES, job

#: A card's chart box (the X post's, beside its title): narrow, with card-sized text.
CARD = Canvas(Inches(4.95), Inches(4.25), dpi=144, scale=1.68)
#: A card's chart box under its title (the Instagram portrait's).
CARD_TALL = Canvas(Inches(6.67), Inches(6.83), dpi=144, scale=1.14)
PORTS = ["Laredo, TX", "Detroit, MI", "Brunswick, GA", "Baltimore, MD"]
#: Dollars (the sample's port table, 2023).
TRADE = [59.0e9, 43.9e9, 28.2e9, 26.9e9]


def _labels(chart_job):
    """Each value label's box and its bar's, in pixels, from the drawn figure."""
    from matplotlib.patches import Rectangle

    with chart_style(chart_job.theme, chart_job.canvas):
        fig = chart_job.figure()
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        ax = fig.axes[0]
        bars = [p.get_window_extent(renderer) for p in ax.patches if isinstance(p, Rectangle)]
        texts = [t for t in ax.texts if t.get_text().startswith(("$", "\u2212", "-"))]
        boxes = [t.get_window_extent(renderer) for t in texts]
        return fig, bars, [t.get_text() for t in texts], boxes


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("canvas", [CANVAS, CARD], ids=["slide", "card"])
def test_a_value_sits_half_a_label_beside_its_bar_and_inside_the_picture(theme, canvas):
    """Half a label size from the bar's end, in points, on a slide's wide plot and a
    card's narrow one (a share of the span left a card's values 5 px from their bars),
    and every value is drawn: the longest bar's too, which used to cross the card's
    edge and be dropped."""
    chart_job = job("hbar", PORTS, {"trade": TRADE}, theme=theme, canvas=canvas,
                    format="$compact:1", highlight=["Laredo, TX"])  # fmt: skip
    fig, bars, texts, boxes = _labels(chart_job)
    assert texts == ["$59.0B", "$43.9B", "$28.2B", "$26.9B"]
    want = BESIDE * label_size(chart_job) * fig.dpi / 72
    for bar, box in zip(bars, boxes, strict=True):
        assert box.x0 - bar.x1 == pytest.approx(want, abs=1.0)
        assert abs((box.y0 + box.y1) / 2 - (bar.y0 + bar.y1) / 2) <= 1.0
        assert box.x1 <= fig.bbox.x1


def test_a_negative_value_sits_beside_its_bar_on_the_left():
    chart_job = job("hbar", ["Gain", "Loss"], {"change": [12.0e9, -8.0e9]}, canvas=CARD,
                    format="$compact:1")  # fmt: skip
    fig, bars, texts, boxes = _labels(chart_job)
    assert texts == ["$12.0B", "\u2212$8.0B"]
    want = BESIDE * label_size(chart_job) * fig.dpi / 72
    assert boxes[0].x0 - bars[0].x1 == pytest.approx(want, abs=1.0)
    assert bars[1].x0 - boxes[1].x1 == pytest.approx(want, abs=1.0)
    assert boxes[1].x0 >= fig.bbox.x0


@pytest.mark.parametrize("canvas", [CANVAS, CARD_TALL], ids=["slide", "card"])
def test_a_value_stands_gap_points_above_its_column(canvas):
    chart_job = job("bar", PORTS, {"trade": TRADE}, canvas=canvas, format="$compact:1")
    fig, bars, texts, boxes = _labels(chart_job)
    assert texts == ["$59.0B", "$43.9B", "$28.2B", "$26.9B"]
    for bar, box in zip(bars, boxes, strict=True):
        assert box.y0 - bar.y1 == pytest.approx(GAP * fig.dpi / 72, abs=1.0)
        assert box.y1 <= fig.bbox.y1


@pytest.mark.parametrize(("kind", "inside"), [("bar", True), ("hbar", True), ("hbar", False)],
                         ids=["columns", "bars", "bars, reference over the plot"])  # fmt: skip
@pytest.mark.parametrize("canvas", [CANVAS, CARD_TALL], ids=["slide", "card"])
def test_its_layout_is_final_when_every_text_is_inside_and_the_picture_is_the_same(
    monkeypatch, kind, inside, canvas
):
    """Laid out for its values, every text inside the plot: the collision pass does not
    lay the chart out again, and the picture is pixel for pixel the one drawn when it
    does. A reference line's label over the bars' plot leaves it to the pass."""
    from deckgen.render import chartkit, labels

    # Over columns, a line whose label stands along it, inside the plot (at 30B it stands
    # past the plot's end: Brunswick's and Baltimore's values take the line's right end).
    at = 50e9 if kind == "bar" else 30e9
    reference = {"value": at, "label": "Average"} if kind == "bar" or not inside else None
    chart = job(kind, PORTS, {"trade": TRADE}, canvas=canvas, format="$compact:1",
                highlight=["Laredo, TX"], reference=reference)  # fmt: skip
    with chart_style(chart.theme, chart.canvas):
        assert chartkit.laid_out(chart.figure(collisions=False)) == inside
    final = chart.pixels().copy()
    monkeypatch.setattr(labels, "laid_out", lambda fig: False)
    assert (chart.pixels() == final).all()


def test_a_value_axis_instead_of_values_leaves_the_layout_to_the_collision_pass():
    chart = job("bar", PORTS, {"trade": TRADE}, canvas=CARD, format="$compact:1")
    with chart_style(chart.theme, chart.canvas):
        fig = chart.figure(collisions=False)
        assert not [t for t in fig.axes[0].texts if t.get_text().startswith("$")]
        from deckgen.render.chartkit import laid_out

        assert not laid_out(fig)


@pytest.mark.parametrize("kind", ["bar", "hbar"])
def test_a_missing_value_is_read_out_as_no_value(kind):
    """A small multiple's missing year was read out as '2023 –' (found by fuzzing)."""
    chart_job = job(kind, ["2022", "2023", "2024"], {"v": [4.0, None, 6.0]}, format="plain:0")
    text = chart_job.spec.describe(chart_job)
    assert "2023 no value" in text and "–" not in text


@pytest.mark.parametrize("kind", ["bar", "stacked-bar"])
def test_columns_left_unnamed_are_said(kind):
    """Long names under many columns are shown every k-th: eight departments as bars showed
    four names without a word (found by fuzzing), as grouped bars did."""
    from deckgen.render.chartkit import leaving_out

    words = ["Administration", "Transportation", "Communications", "Infrastructure",
             "Sustainability", "Neighbourhoods", "Redevelopment", "Accessibility",
             "Environmental", "Representation", "Superintendence", "Reconciliation",
             "Modernisation", "Electrification", "Decarbonisation", "Digitalisation"]  # fmt: skip
    series = {"a": [50.0 - i for i in range(16)]}
    if kind == "stacked-bar":
        series["b"] = [10.0] * 16
    chart_job = job(kind, words, series, format="plain:0")
    with chart_style(chart_job.theme, chart_job.canvas), leaving_out() as left:
        fig = chart_job.figure()
        fig.canvas.draw()
        shown = [t.get_text() for t in fig.axes[0].get_xticklabels() if t.get_text()]
    assert len(shown) < 16
    assert left == [f"{16 - len(shown)} of its 16 columns are unnamed (their names are too "
                    "wide for their columns even at 14 pt); show fewer with 'top:', or shorten "
                    "the names"]  # fmt: skip


def test_years_named_every_other_column_are_a_time_axis_and_not_said_left_out():
    """Forty years as text under columns, named every k-th year, read as a time axis does;
    the warning to 'show fewer with top:' (which would keep the first years) was noise."""
    from deckgen.render.chartkit import leaving_out

    years = [str(y) for y in range(1985, 2025)]
    chart_job = job("bar", years, {"v": [float(n) for n in range(40)]}, format="plain:0")
    with chart_style(chart_job.theme, chart_job.canvas), leaving_out() as left:
        fig = chart_job.figure()
        fig.canvas.draw()
        shown = [t.get_text() for t in fig.axes[0].get_xticklabels() if t.get_text()]
    assert len(shown) < 40 and shown[-1] == "2024"
    assert left == []
    ranked = job("bar", years[::-1], {"v": [float(n) for n in range(40)]}, format="plain:0")
    with chart_style(ranked.theme, ranked.canvas), leaving_out() as left:
        ranked.figure().canvas.draw()
    # Out of time order: said, and said to run back in time.
    assert len(left) == 2 and "columns are unnamed" in left[0]
    assert "run back in time, right to left" in left[1]


def test_the_names_said_shortened_are_those_the_picture_shows_cut():
    """Names were collected as the data writes them, in trial layouts too: forty columns
    thinned to every k-th name were said to end in '…' where none on the picture did, and
    a name left with no label at all was quoted (found by review)."""
    from deckgen.render.jobs import SHORTENED

    names = [f"Region with a rather long name number {n}" for n in range(40)]
    chart_job = job("bar", names, {"v": [float(n) for n in range(40)]}, format="plain:0")
    asset = chart_job.render()
    with chart_style(chart_job.theme, chart_job.canvas):
        fig = chart_job.figure()
        fig.canvas.draw()
        shown = {" ".join(t.get_text().split()) for t in fig.axes[0].get_xticklabels()}
    assert set(asset.values.get(SHORTENED, [])) <= {s for s in shown if s.endswith("…")}


# --------------------------------------------------------------------------- native form
DEPARTMENTS = ["Police", "Schools", "Transit", "Parks"]
BUDGETS = [431.2, 402.9, 171.4, 58.7]


def _reference(value: object, budgets: list[float | None] = BUDGETS):
    from tests.ooxml.formulas import embedded, native_chart

    chart_job = job("bar", DEPARTMENTS[: len(budgets)], {"budget": budgets},
                    format="$plain:1M", reference={"value": value, "label": "Average"})  # fmt: skip
    chart = native_chart(chart_job)
    return chart, embedded(chart), embedded(chart, cached=True)


def test_a_native_mean_line_is_an_average_of_the_bars_cells() -> None:
    """The 'Average' series was a typed-in number: after "Edit Data" cut Police to 100 the
    line and its label stayed at $266.1M where the mean was $183.3M (found by review). Each
    cell averages the bars' column, its value cached; the label shows the series' value."""
    from pptx.oxml.ns import qn

    from tests.ooxml.formulas import recalculate, sheet_cells

    chart, sheet, cached = _reference("mean")
    assert [sheet[f"C{r}"].value for r in range(2, 6)] == ["=AVERAGE($B$2:$B$5)"] * 4
    assert [cached[f"C{r}"].value for r in range(2, 6)] == [pytest.approx(266.05)] * 4
    line = chart.plots[-1].series[0]
    assert line.values == pytest.approx((266.05,) * 4)  # the chart's own cache
    label = line._element.find(f".//{qn('c:dLbl')}")
    assert label.find(qn("c:showVal")).get("val") == "1" and label.find(qn("c:tx")) is None
    assert recalculate({**sheet_cells(sheet), "B2": 100.0})["C5"] == pytest.approx(183.25)


def test_a_native_mean_over_a_gap_leaves_it_out_as_the_picture_does() -> None:
    # A missing value is a blank cell, which AVERAGE and MEDIAN skip, as the picture does.
    from tests.ooxml.formulas import recalculate, sheet_cells

    _, sheet, cached = _reference("mean", [10.0, None, 20.0])
    assert sheet["C2"].value == "=AVERAGE($B$2:$B$4)"
    assert cached["C2"].value == pytest.approx(15.0)
    assert recalculate(sheet_cells(sheet))["C4"] == pytest.approx(15.0)
    _, sheet, cached = _reference("median", [10.0, None, 20.0, 40.0])
    assert sheet["C2"].value == "=MEDIAN($B$2:$B$5)" and cached["C2"].value == 20.0


@pytest.mark.parametrize("kind", ["bar", "hbar"])
@pytest.mark.parametrize(("ref", "want"), [("mean", 5.6), ("median", 8.75)])
def test_a_mean_or_median_line_leaves_a_missing_value_out(kind: str, ref: str, want: float) -> None:
    """Counted as 0, a missing quarter pulled the picture's 'Average' to $4.7M (28 / 6)
    where the alt text and the card said $5.6M (found by review): the line, its label and
    the alt text are all of the five values there are."""
    values = [12.4, -3.1, 0.0, None, 8.75, 9.95]
    chart_job = job(kind, ["Q1", "Q2", "Q3", "Q4", "Q5", "Q6"], {"sales": values},
                    format="$plain:1M", reference={"value": ref, "label": "Average"})  # fmt: skip
    with chart_style(chart_job.theme, chart_job.canvas):
        fig = chart_job.figure()
        ax = fig.axes[0]
        dashed = [line for line in ax.get_lines() if line.get_linestyle() != "-"]
        at = dashed[0].get_xdata() if kind == "hbar" else dashed[0].get_ydata()
        assert list(at) == pytest.approx([want, want])
        assert any(t.get_text() == f"Average: ${want:.1f}M" for t in ax.texts)
    assert f"${want:.1f}M" in chart_job.alt()


def test_a_native_median_line_is_a_median_and_a_number_stays_a_number() -> None:
    _, sheet, cached = _reference("median")
    assert sheet["C3"].value == "=MEDIAN($B$2:$B$5)" and cached["C3"].value == 287.15
    _, sheet, _ = _reference(250)
    assert [sheet[f"C{r}"].value for r in range(2, 6)] == [250] * 4


@pytest.mark.parametrize("kind", ["bar", "hbar"])
def test_a_native_value_axis_leaves_its_top_to_the_application(kind: str) -> None:
    """The top was fixed at 1.14 x the largest bar (491.568): a value raised past it in
    "Edit Data" was cut off, its label off the plot (found by review). Bars keep their zero
    baseline; the top is automatic, unless the outline gives one."""
    from tests.ooxml.formulas import native_chart

    axis = native_chart(job(kind, DEPARTMENTS, {"budget": BUDGETS}, format="$plain:1M",
                            highlight="Police")).value_axis  # fmt: skip
    assert (axis.minimum_scale, axis.maximum_scale) == (0, None)
    given = native_chart(job(kind, DEPARTMENTS, {"budget": BUDGETS}, axis={"max": 600}))
    assert given.value_axis.maximum_scale == 600


REFERENCE_TOP = """\
deck: {title: T}
data:
  s: {file: s.csv}
slides:
  - kind: chart
    title: Maine has the lowest share of the twelve
    source: made up for the test
    chart: {type: hbar, data: s, x: state, y: share, sort: {by: share, descending: false}, TOP
            reference: {value: median, label: State median}}
"""


@pytest.mark.parametrize(("top", "warned"), [("top: 5,", True), ("top: 12,", False), ("", False)])
def test_a_median_of_the_rows_top_keeps_says_so(tmp_path, top, warned):
    # 'State median' over the ten lowest states read 82.8% where all states' is 87.6%
    # (found by review): the build says whose median it is.
    from deckgen.pipeline import BuildOptions, build
    from tests.helpers import write_project

    rows = "\n".join(f"S{k},{70 + 2 * k}" for k in range(12))
    path = write_project(tmp_path, REFERENCE_TOP.replace("TOP", top),
                         {"s.csv": f"state,share\n{rows}\n"})  # fmt: skip
    warnings = build(path, BuildOptions(out_dir=tmp_path / "out")).warnings
    said = [w for w in warnings if "reference line 'State median'" in w]
    assert bool(said) is warned
    if warned:
        assert "the median of the 5 rows the chart shows (top: 5), not of the 12" in said[0]
    # `deckgen check` reports the same (NUM013), in the same words, at the reference's line
    # (its --strict passed the outline the build warned of).
    from deckgen.check import check

    found = [f for f in check(path, BuildOptions(out_dir=tmp_path / "out")).findings
             if f.code == "NUM013"]  # fmt: skip
    assert [f"{f.message}; {f.fix}" for f in found] == [w.split(": ", 2)[2] for w in said]
    assert all(f.location.field == "slides[0].chart.reference" for f in found)


TIES = """\
deck: {title: T}
data:
  r: {file: r.csv}
slides:
  - kind: chart
    title: North sells the most of the regions
    source: made up for the test
    chart: {type: hbar, data: r, x: region, y: sales, sort: {by: sales}, top: 3}
  - kind: table
    title: North sells the most of the regions
    source: made up for the test
    table: {data: r, sort: {by: sales}, top: 4}
social:
  cards:
    - kind: chart
      name: regions
      presets: [ig-square, x-post]
      title: North sells the most of the regions
      source: made up for the test
      chart: {type: hbar, data: r, x: region, y: sales, sort: {by: sales}, top: 3}
"""


def test_a_top_that_cuts_a_tie_is_warned_of_on_slides_and_cards(tmp_path):
    """'top: 3' of regions sorted by sales, the 3rd to 5th of the same sales: the chart
    showed West and left out East and Central, by their order in the file, with no word
    (found by fuzzing). The build warns of the chart, the table and the card (once for its
    two presets), each at its top's line; the check reports the same as NUM016."""
    from deckgen.check import check
    from deckgen.pipeline import BuildOptions, build
    from tests.helpers import write_project

    rows = "North,40\nWest,15\nSouth,25\nEast,15\nCentral,15\n"
    path = write_project(tmp_path, TIES, {"r.csv": f"region,sales\n{rows}"})
    warnings = build(path, BuildOptions(out_dir=tmp_path / "out", workers=1)).warnings
    said = sorted(w.split(": ", 2)[1:] for w in warnings if "cuts between rows" in w)
    chart = ("top: 3 cuts between rows of the same 'sales' (15): it shows 'West' and leaves "
             "out 'East' and 'Central', chosen by their order in the file; raise top to 5 to "
             "show every tied row, or lower it to 2 to show none, or say in the slide's note "
             "that they tie")  # fmt: skip
    table = ("top: 4 cuts between rows of the same 'sales' (15): it shows 'West' and 'East' "
             "and leaves out 'Central', chosen by their order in the file; raise top to 5 to "
             "show every tied row, or lower it to 2 to show none, or say in the slide's note "
             "that they tie")  # fmt: skip
    assert said == [["slides[0].chart.top", chart], ["slides[1].table.top", table],
                    ["social.cards[0].chart.top", chart]]  # fmt: skip
    lines = TIES.splitlines()
    at = [k + 1 for k, line in enumerate(lines) if "top: 3" in line or "top: 4" in line]
    for line, field in zip(at, ("slides[0].chart", "slides[1].table", "social.cards[0].chart"),
                           strict=True):  # fmt: skip
        assert f"{path}:{line}: {field}.top: " in "\n".join(warnings)
    found = [f for f in check(path, BuildOptions(out_dir=tmp_path / "out2")).findings
             if f.code == "NUM016"]  # fmt: skip
    assert [(f.location.field, f.location.line, f.card) for f in found] == [
        ("slides[0].chart.top", at[0], None),
        ("slides[1].table.top", at[1], None),
        ("social.cards[0].chart.top", at[2], "regions-ig-square.png"),
    ]  # fmt: skip
    assert {f"{f.message}; {f.fix}" for f in found} == {chart, table}


#: Spending with a true zero (Fire) and a gap (Parks).
SPEND = {"spend": [12.5, 0.0, None, 8.8]}
DEPTS = ["Police", "Fire", "Parks", "Roads"]


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("kind", ["bar", "hbar"])
@pytest.mark.parametrize("canvas", [CANVAS, CARD], ids=["slide", "card"])
def test_a_gap_is_marked_where_its_bar_would_stand_when_values_are_off_the_bars(
    kind, theme, canvas
):
    """With values read off the axis (here asked for; small multiples and crowded charts
    do it themselves), a missing value was an empty slot like a bar too small to see, or
    a zero (found in review): it is marked '–' at the baseline, as a value label writes
    it; the zero is not."""
    chart_job = job(kind, DEPTS, SPEND, theme=theme, canvas=canvas, value_labels=False)
    with chart_style(chart_job.theme, chart_job.canvas):
        fig = chart_job.figure()
        dashes = [t for t in fig.axes[0].texts if t.get_text() == "–"]
        assert len(dashes) == 1
        assert dashes[0].xy == ((0.0, 2) if kind == "hbar" else (2, 0.0))
        assert not [t for t in fig.axes[0].texts if t.get_text() in ("0.0", "0")]


def test_a_gap_its_labels_mark_is_marked_once():
    chart_job = job("bar", DEPTS, SPEND, format="plain:1")
    with chart_style(chart_job.theme, chart_job.canvas):
        texts = [t.get_text() for t in chart_job.figure().axes[0].texts]
    assert texts.count("–") == 1 and "0.0" in texts  # the label, and the zero's label


@pytest.mark.parametrize("kind", ["bar", "hbar"])
@pytest.mark.parametrize("theme", THEMES)
def test_a_value_axis_draws_gridlines_as_its_theme_says(kind: str, theme: str):
    """A theme's `chart: {gridlines: false}` (the contrast theme's) was lost on bar and hbar
    charts read off a value axis: they drew gridlines all the same, where every other type
    drew none (found in an audit of the README)."""
    from tests.kinds.charts.jobs import figure

    chart = job(kind, ["North", "South", "East"], {"sales": [3.0, 5.0, 4.0]}, theme=theme,
                value_labels=False)  # fmt: skip
    with chart_style(chart.theme, chart.canvas):
        (ax,) = figure(chart).axes
        axis = ax.xaxis if kind == "hbar" else ax.yaxis
        shown = [line.get_visible() for line in axis.get_gridlines()]
    assert shown and all(shown) == chart.theme.theme.chart.gridlines
    assert any(shown) == chart.theme.theme.chart.gridlines


def test_names_are_fitted_to_the_plot_the_value_ticks_leave():
    """A long format suffix made the value ticks wider than the plot's left margin: the
    names were fitted to the wider plot, and 'South Korea' met 'Germany' (found by
    fuzzing)."""
    from itertools import pairwise

    from deckgen.render.chartkit import clearance_pt
    from deckgen.render.style import chart_style
    from tests.kinds.charts.jobs import figure, job

    names = ["China", "USA", "Japan", "India", "South Korea", "Germany", "Mexico", "World Total"]
    values = [30160966, 10611555, 8997440, 5851507, 4241597, 4109371, 4002047, 93546599]
    drawn = job("bar", names, {"v": values}, value_labels=False,
                format="plain:1 km/h with a very long suffix text here")  # fmt: skip
    with chart_style(drawn.theme, drawn.canvas):
        fig = figure(drawn)
        boxes = sorted((t.get_window_extent() for t in fig.axes[0].get_xticklabels()
                        if t.get_text()), key=lambda b: b.x0)  # fmt: skip
        air = clearance_pt(fig) * fig.dpi / 72  # what the chart keeps between two names
    assert len(boxes) == len(names)
    assert all(b.x0 - a.x1 >= air for a, b in pairwise(boxes))


def _change(changes: list[float], label: str = "Median change"):
    return job("bar", ["Sales", "R&D", "Legal"][: len(changes)], {"change": changes},
               format="plain:1", reference={"value": 5, "label": label})  # fmt: skip


def test_a_native_reference_label_keeps_clear_of_the_last_bar() -> None:
    """'Median change: 5.0' stood at the plot's right end, in dark text across Legal's
    dark bar, where the picture writes it clear of the bars (fuzzing): it ends left of
    that bar, above the line, in the gap over R&D's short bar."""
    from pptx.oxml.ns import qn

    from deckgen.kinds.charts import _native as nv
    from tests.ooxml.formulas import native_chart

    chart_job = _change([12.5, 3.0, 25.0])
    right, above = nv.reference_spot(chart_job, [12.5, 3.0, 25.0], 0.0, 25.0, labels_on=True)
    assert above and 1 / 3 < right < 2 / 3 + 1 / 24  # ends over R&D, left of Legal's bar
    label = native_chart(chart_job).plots[-1].series[0]._element.find(f".//{qn('c:dLbl')}")
    assert label.find(qn("c:dLblPos")).get("val") == "t"
    # Moved from the last point (Legal's slot) left past the bar's left edge.
    assert float(label.find(f".//{qn('c:x')}").get("val")) < -0.92 / 6
    # Bars under the line at its right end: the label stays there.
    assert nv.reference_spot(_change([12.5, 25.0, 0.5]), [12.5, 25.0, 0.5], 0.0, 25.0,
                             labels_on=True) == (1.0, True)  # fmt: skip


def test_a_native_reference_label_with_no_clear_place_is_warned_of() -> None:
    """Every bar crosses the line: no place along it is clear natively, and the build says
    the label is written across the bars (the picture writes it past the plot's end)."""
    chart_job = _change([22.0, 24.0, 25.0], "Median change of every department")
    notes = chart_job.spec.native_notes(chart_job)
    assert any("'Median change of every department: 5.0' is written across the bars" in n
               for n in notes), notes  # fmt: skip
    assert not _change([12.5, 3.0, 25.0]).spec.native_notes(_change([12.5, 3.0, 25.0]))


def test_bars_over_an_apis_days_draw_and_read_as_declared_dates():
    """Bars over an API's days ('2023-01-01T00:00:00Z'), not declared a date, were named
    by that text, every second name left out (found in review): the picture is the one a
    column declared a date draws, byte for byte, and the alt text says months."""
    import pandas as pd

    from deckgen.errors import Location
    from deckgen.kinds.charts import chart
    from deckgen.render.charts import ChartJob
    from deckgen.tables.dates import parse_date
    from deckgen.tables.select import chart_data
    from tests.helpers import load_theme

    days = [f"2023-{m:02d}-01T00:00:00Z" for m in (6, 5, 4, 3, 2, 1)]  # newest first
    values = [540.0, 502.0, 431.0, 455.0, 412.0, 380.0]
    spec = chart(type="bar", data="api", x="date", y="signups")
    where = Location("deck.yaml", 1, "slides[0].chart")
    theme = load_theme()

    def drawn(cells: list[object]) -> ChartJob:
        table = pd.DataFrame({"date": pd.Series(cells, dtype=object), "signups": values})
        return ChartJob(spec, chart_data(table, spec, where), theme, CANVAS, "Signups")

    written, declared = drawn(list(days)), drawn([parse_date(d) for d in days])
    assert written.render().data == declared.render().data
    alt = written.alt()
    assert "6 months from January 2023 to June 2023" in alt
    assert "January 2023 380; February 2023 412" in alt
