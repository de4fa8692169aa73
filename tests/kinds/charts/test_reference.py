"""Reference lines: every chart type that takes one draws it, with its label, and the
value axis reaches it (a line beyond the data was drawn outside the plot, unseen)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest
from matplotlib.lines import Line2D
from matplotlib.text import Text

from deckgen.kinds.charts import chart
from deckgen.render.charts import ChartJob
from deckgen.tables.select import ChartData, Series
from tests.helpers import load_theme
from tests.kinds.charts.jobs import CANVAS, figure, job

if TYPE_CHECKING:
    from deckgen.render.jobs import Canvas

CATEGORIES = ["North", "South", "East"]
ONE = {"units": [3.0, 5.0, 2.0]}
TWO = {"2022": [3.0, 5.0, 2.0], "2023": [4.0, 6.0, 1.0]}


def _drawn(kind: str, series: dict[str, list[float | None]], value: float) -> tuple:
    fig = figure(job(kind, CATEGORIES, series, reference={"value": value, "label": "Target"}))
    ax = fig.axes[0]
    labels = [t for t in fig.findobj(Text) if t.get_text().startswith("Target: ")]
    dashed = [line for line in ax.get_lines() if line.get_linestyle() == "--"]
    return fig, ax, labels, dashed


@pytest.mark.parametrize(("kind", "series"), [("bar", ONE), ("hbar", ONE),
                                              ("grouped-bar", TWO), ("line", TWO)])  # fmt: skip
@pytest.mark.parametrize("value", [4.0, 9.0])  # within the data, and beyond it
def test_the_reference_line_and_its_label_are_drawn_inside_the_picture(kind, series, value):
    fig, ax, labels, dashed = _drawn(kind, series, value)
    assert len(dashed) == 1 and len(labels) == 1, (dashed, labels)
    renderer = fig.canvas.get_renderer()
    box = labels[0].get_window_extent(renderer)
    assert box.width > 0, "the label is not drawn"
    width, height = fig.canvas.get_width_height()
    assert box.x0 >= 0 and box.y0 >= 0 and box.x1 <= width and box.y1 <= height
    low, high = ax.get_xlim() if kind == "hbar" else ax.get_ylim()
    assert min(low, high) < value < max(low, high)  # the line is inside the plot


def test_a_reference_line_is_not_taken_for_a_series_line():
    # The line chart's own lines are solid: exactly one dashed line is the reference.
    _, ax, _, dashed = _drawn("line", TWO, 4.0)
    solid = [line for line in ax.get_lines() if isinstance(line, Line2D) and line not in dashed]
    assert solid


@pytest.mark.parametrize("kind", ["bar", "grouped-bar"])
def test_a_reference_line_passes_under_the_values_it_crosses(kind):
    """Drawn over the value labels, the mean struck through the values of the bars just
    under it, the highlighted one's too (found by fuzzing): it now runs under them, broken
    around each by an outline in the background's colour."""
    from matplotlib.patheffects import Stroke

    values = [4003.0, 3992.0, 4150.0, 4210.0]
    series = {"v": values} if kind == "bar" else {"a": values, "b": [v - 50 for v in values]}
    chart_job = job(kind, ["2017", "2018", "2019", "2020"], series, format="compact:1",
                    reference={"value": "mean", "label": "Average"})  # fmt: skip
    fig = figure(chart_job)
    (line,) = [a for a in fig.axes[0].get_lines() if a.get_linestyle() == "--"]
    values_drawn = [t for t in fig.findobj(Text) if t.get_text().endswith("K")
                    and not t.get_text().startswith("Average")]  # fmt: skip
    assert values_drawn
    for text in values_drawn:
        assert text.get_zorder() > line.get_zorder()
        strokes = [e for e in text.get_path_effects() if isinstance(e, Stroke)]
        assert strokes and strokes[0]._gc["foreground"] == chart_job.theme.theme.colors.background


@pytest.mark.parametrize(("kind", "series"), [("bar", ONE), ("hbar", ONE),
                                              ("grouped-bar", TWO), ("line", TWO)])  # fmt: skip
@pytest.mark.parametrize(("value", "text", "words"),
                         [(5e6, "5M", "5 million"), (1e9, "1B", "1 billion"),
                          (2.5e6, "2.5M", "2.5 million")])  # fmt: skip
def test_a_reference_line_s_value_is_a_number_on_its_own_and_is_in_the_alt_text(
    kind, series, value, text, words
):
    """'Target: 5.0M' and 'Goal: 1,000.0M' for a billion over bars in millions: written in
    the unit and precision the chart's labels share; and the alt text left the line out,
    which the title was about (found by fuzzing)."""
    millions = {name: [v * 1e6 for v in values] for name, values in series.items()}
    chart_job = job(kind, CATEGORIES, millions, reference={"value": value, "label": "Target"},
                    format="compact:1")  # fmt: skip
    fig = figure(chart_job)
    assert [t.get_text() for t in fig.findobj(Text) if t.get_text().startswith("Target")] == [
        f"Target: {text}"
    ]
    assert chart_job.alt().endswith(f"A dashed line marks Target: {words}.")


def test_a_reference_on_a_chart_that_draws_none_is_named_at_its_own_line(tmp_path) -> None:
    """Said at the chart's first line, with no fix (found by fuzzing)."""
    from deckgen.errors import DeckgenError
    from tests.helpers import load_outline, write_project

    outline = """\
deck: {title: T}
data: {d: {file: d.csv}}
slides:
  - kind: chart
    title: Alpha leads
    chart:
      type: donut
      data: d
      x: name
      y: value
      reference: {value: 5, label: Target}
"""
    with pytest.raises(DeckgenError) as caught:
        load_outline(write_project(tmp_path, outline, {"d.csv": "name,value\nA,3\nB,4\n"}))
    (problem,) = caught.value.problems
    assert (problem.location.line, problem.location.field) == (11, "slides[0].chart.reference")
    assert problem.message.startswith("a donut chart draws no reference line")
    # The validator's closing fix is the problem's fix (it read "fix the outline field").
    assert problem.hint.startswith("remove 'reference:', or draw the chart as ")


#: Yearly change by department: the mean (7.5%) falls just past Police's bar, through its
#: value written beside it (found by fuzzing, fuzz-I/2).
DEPARTMENTS = ["Housing & Community", "Public Works", "Police", "Fire & Rescue", "Transit",
               "Libraries", "Parks & Recreation"]  # fmt: skip
CHANGES = [45.6, 8.5, 6.5, 3.8, -2.4, -4.0, -5.2]


def _with_and_without(fig, line):
    """The figure's pixels drawn as it is, and drawn without ``line``."""
    import numpy as np

    fig.canvas.draw()
    with_line = np.asarray(fig.canvas.buffer_rgba()).copy()
    line.set_visible(False)
    fig.canvas.draw()
    without = np.asarray(fig.canvas.buffer_rgba()).copy()
    line.set_visible(True)
    return with_line, without


def _line_through(fig, line, text) -> int:
    """How many pixels of ``line`` the picture shows inside ``text``'s box: the figure
    drawn as it is, against the same figure drawn without the line."""
    fig.canvas.draw()
    box = text.get_window_extent(fig.canvas.get_renderer())
    with_line, without = _with_and_without(fig, line)
    height = with_line.shape[0]
    rows = slice(int(height - box.y1), int(height - box.y0) + 1)
    columns = slice(int(box.x0), int(box.x1) + 1)
    return int((with_line[rows, columns] != without[rows, columns]).any(axis=2).sum())


@pytest.mark.parametrize("theme", ["corporate", "dark", "contrast"])
def test_a_reference_line_beside_horizontal_bars_runs_through_no_value(theme):
    """The dashed mean crossed '6.5%' written beside the bar under it: the outline in the
    background's colour hid it next to the glyphs only, so it showed through the '6' and
    between the digits. Broken around it, the line still read as labelled '6.5%' (found
    by review, on columns): the value now stands past the line, and the line runs
    through no value, drawn whole elsewhere."""
    from deckgen.render.style import chart_style

    chart_job = job("hbar", DEPARTMENTS, {"pct": CHANGES}, theme=theme, format="percent:1",
                    highlight="Housing & Community",
                    reference={"value": "mean", "label": "Average change"})  # fmt: skip
    with chart_style(chart_job.theme, chart_job.canvas):
        fig = chart_job.figure()
        fig.canvas.draw()
        (line,) = [a for a in fig.axes[0].get_lines() if a.get_linestyle() == "--"]
        renderer = fig.canvas.get_renderer()
        x = line.get_transform().transform((line.get_xdata()[0], 0.5))[0]
        values = {
            t.get_text(): t
            for t in fig.axes[0].texts
            if t.get_text().endswith("%") and not t.get_text().startswith("Average")
        }
        assert len(values) == len(CHANGES)
        # Police's bar ends a point short of the line: its value stands past it.
        assert values["6.5%"].get_window_extent(renderer).x0 > x
        for text in values.values():
            assert _line_through(fig, line, text) == 0, text.get_text()
        # Everywhere else the line is drawn.
        assert line.get_visible()
        plot = fig.axes[0].get_window_extent(renderer)
        assert _line_through_column(fig, line, plot) > 0.5 * plot.height


def _line_through_column(fig, line, plot) -> int:
    """Rows of the plot where the line shows (dashes and all): the picture with the line
    against the picture without it, in the line's column."""
    fig.canvas.draw()
    x = round(line.get_transform().transform((line.get_xdata()[0], 0.5))[0])
    with_line, without = _with_and_without(fig, line)
    height = with_line.shape[0]
    rows = slice(int(height - plot.y1), int(height - plot.y0))
    differs = (with_line[rows, x - 1 : x + 2] != without[rows, x - 1 : x + 2]).any(axis=(1, 2))
    # Dashes of 4 on, 3 off: a whole line shows in about 4/7 of the rows.
    return int(differs.sum() * 7 / 4)


@pytest.mark.parametrize("value", [40.0, 44.0, 20.0])
def test_a_reference_label_near_the_right_of_a_narrow_chart_stays_on_it(value):
    """On a card's narrow chart the label of a line near the plot's right end, written
    right of the line, ran off the picture and the collision pass removed it: the line
    was left unexplained (found by fuzzing). It goes left of the line, or over the line's
    top end, which then stops short of it: kept, inside the picture, never struck through."""
    from deckgen.layout.units import Inches
    from deckgen.render.jobs import Canvas
    from deckgen.render.labels import remove_collisions
    from deckgen.render.style import chart_style

    card = Canvas(Inches(4.85), Inches(4.15), dpi=144, scale=1.68)
    chart_job = job("hbar", DEPARTMENTS[:3], {"pct": CHANGES[:3]}, canvas=card,
                    format="percent:1",
                    reference={"value": value, "label": "Average change"})  # fmt: skip
    with chart_style(chart_job.theme, chart_job.canvas):
        fig = chart_job.figure(collisions=False)
        removed = remove_collisions(fig)
        fig.canvas.draw()
        assert not [t for t in removed if t.startswith("Average")], removed
        (label,) = [t for t in fig.findobj(Text) if t.get_text().startswith("Average")]
        (line,) = [a for a in fig.axes[0].get_lines() if a.get_linestyle() == "--"]
        box = label.get_window_extent(fig.canvas.get_renderer())
        width, height = fig.canvas.get_width_height()
        assert box.x0 >= 0 and box.x1 <= width and box.y1 <= height
        assert _line_through(fig, line, label) == 0


#: Boardings a month (made up): the last bars stand over their mean.
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
BOARDINGS = [1894200.0, 1927300.0, 2126800.0, 1728700.0, 1997000.0, 2490100.0, 1762000.0,
             1784300.0, 2640300.0, 2135700.0, 2171700.0, 2623500.0]  # fmt: skip


@pytest.mark.parametrize("theme", ["corporate", "dark", "contrast"])
def test_a_reference_label_stands_clear_of_the_bars_and_leaves_every_value(theme):
    """At the right end, over bars taller than the line, the mean's label was written
    across the highlighted bar and November's value was dropped for it, with no value
    axis (found by review): it moves along the line to a spot clear of every bar and
    value, and every bar keeps its value."""
    from matplotlib.patches import Rectangle

    from deckgen.render.chartkit import leaving_out
    from deckgen.render.labels import remove_collisions
    from deckgen.render.style import chart_style

    reference = {"value": "mean", "label": "Monthly average"}
    chart_job = job("bar", MONTHS, {"riders": BOARDINGS}, theme=theme, format="compact:1",
                    highlight="Dec", reference=reference)  # fmt: skip
    with chart_style(chart_job.theme, chart_job.canvas), leaving_out() as left:
        fig = chart_job.figure(collisions=False)
        removed = remove_collisions(fig)
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        ax = fig.axes[0]
        (label,) = [t for t in ax.texts if t.get_text().startswith("Monthly average")]
        box = label.get_window_extent(renderer)
        bars = [p.get_window_extent(renderer) for p in ax.patches if isinstance(p, Rectangle)]
        values = [t for t in ax.texts if t is not label and t.get_text()]
    assert removed == [] and left == []
    assert len(values) == len(MONTHS)
    assert [b for b in bars if b.overlaps(box)] == []
    assert [v for v in values if v.get_window_extent(renderer).overlaps(box)] == []


def test_a_value_the_reference_label_leaves_no_room_for_is_reported_not_dropped_silently():
    """On a card's narrow chart every bar crosses the line just under its top, and the
    values fill their columns: no spot along the line is clear, and past its end the
    narrower plot would crowd the values. The label stays at the right end and the
    values under it go, each with the build's warning, as a bar left unread must not go
    unsaid."""
    from deckgen.layout.units import Inches
    from deckgen.render.chartkit import leaving_out
    from deckgen.render.jobs import Canvas
    from deckgen.render.labels import remove_collisions
    from deckgen.render.style import chart_style

    card = Canvas(Inches(4.85), Inches(4.15), dpi=144, scale=1.68)
    names = ["A", "B", "C", "D", "E", "F"]
    chart_job = job("bar", names, {"v": [5.1, 5.15, 5.12, 5.08, 5.14, 5.11]}, format="plain:2",
                    canvas=card,
                    reference={"value": 5.0, "label": "A rather long target name"})  # fmt: skip
    with chart_style(chart_job.theme, chart_job.canvas), leaving_out() as left:
        removed = remove_collisions(chart_job.figure(collisions=False))
    assert removed and not [t for t in removed if t.startswith("A rather")]
    assert len(left) == len(removed)
    assert all(note.startswith("the value of ") and "is not written on its bar" in note
               and "'value_labels: false'" in note for note in left)  # fmt: skip
    assert {note.split()[3] for note in left} <= set(names)


@pytest.mark.parametrize("kind", ["bar", "line"])
def test_a_reference_label_with_no_room_on_a_card_is_named_in_a_warning(kind):
    """On an X card's narrow chart a long reference label did not fit even on two lines:
    the collision pass took it off and said nothing, leaving a dashed line no reader could
    name (found in review). Taken off, it is now named in the build's warning."""
    from deckgen.layout.units import Inches
    from deckgen.render.chartkit import leaving_out
    from deckgen.render.jobs import Canvas
    from deckgen.render.labels import remove_collisions
    from deckgen.render.style import chart_style

    card = Canvas(Inches(3.3), Inches(2.6), dpi=144, scale=1.68)
    label = "Company-wide quarterly sales target agreed in January"
    chart_job = job(kind, ["North", "South", "East"], {"sales": [40.0, 49.0, 30.0]},
                    canvas=card, reference={"value": 50, "label": label})  # fmt: skip
    with chart_style(chart_job.theme, chart_job.canvas), leaving_out() as left:
        fig = chart_job.figure(collisions=False)
        remove_collisions(fig)
    shown = [t for t in fig.findobj(Text) if t.get_text().startswith("Company") and
             t.get_visible() and t.figure is not None]  # fmt: skip
    if shown:  # drawn after all (the layout found room): nothing to say
        assert not [note for note in left if "reference line's label" in note]
        return
    (note,) = [note for note in left if "reference line's label" in note]
    assert f"'{label}: 50' is not written on the chart" in note
    assert "shorten the reference's label" in note


#: Bounce rates, July to December (made up): every month within three points of the
#: median (42.0%), so every spot along the line is taken by a bar or its value.
HALF_YEAR = [dt.date(2025, month, 1) for month in range(7, 13)]
BOUNCE = [43.2, 42.4, 41.6, 43.8, 40.0, 39.2]


def _monthly(values: list[float], *, canvas: Canvas = CANVAS, theme: str = "contrast",
             **fields: object) -> ChartJob:  # fmt: skip
    """A bar chart of ``values``, July to December 2025, on a date axis (its categories
    the months as the data names them, '2025-07'; the chart writes 'Jul 2025')."""
    from deckgen.tables.dates import Month

    months = [Month(d.year, d.month, 1) for d in HALF_YEAR]
    spec = chart(type="bar", data="d", x="month", y="rate", **fields)
    data = ChartData(tuple(f"{d:%Y-%m}" for d in months), (Series("rate", tuple(values)),),
                     tuple(months))  # fmt: skip
    return ChartJob(spec, data, load_theme(theme), canvas, title="Fewer left")


def _drawn_monthly(chart_job: ChartJob) -> tuple:
    """The figure after the collision pass, its plot, the labels it removed, what the
    build would warn, the reference label and line, and every value label, by text."""
    from deckgen.render.chartkit import leaving_out
    from deckgen.render.labels import remove_collisions
    from deckgen.render.style import chart_style

    with chart_style(chart_job.theme, chart_job.canvas), leaving_out() as left:
        fig = chart_job.figure(collisions=False)
        removed = remove_collisions(fig)
        fig.canvas.draw()
    ax = fig.axes[0]
    name = chart_job.spec.reference.label
    (label,) = [t for t in ax.texts if t.get_text().startswith(name)]
    (line,) = [a for a in ax.get_lines() if a.get_linestyle() == "--"]
    values = {t.get_text(): t for t in ax.texts if t is not label and t.get_text()}
    return fig, ax, removed, left, label, line, values


@pytest.mark.parametrize("theme", ["corporate", "dark", "contrast"])
def test_a_reference_label_with_no_room_along_its_line_stands_past_its_end(theme):
    """Six bars on a slide, each within three points of the median: no spot along the
    line was clear, so the label stayed at the right end and the collision pass dropped
    December's value for it, on a chart with room to spare (found by review). It now
    stands past the plot's right end, level with the line, and every bar keeps its
    value."""
    chart_job = _monthly(BOUNCE, theme=theme, format="percent:1", highlight="2025-10",
                         reference={"value": "median", "label": "Median"})  # fmt: skip
    fig, ax, removed, left, label, line, values = _drawn_monthly(chart_job)
    renderer = fig.canvas.get_renderer()
    assert removed == [] and left == []
    assert sorted(values) == sorted(f"{v:.1f}%" for v in BOUNCE)
    assert label.get_text() in ("Median: 42.0%", "Median:\n42.0%")
    box, plot = label.get_window_extent(renderer), ax.get_window_extent(renderer)
    y = line.get_transform().transform((0.5, line.get_ydata()[0]))[1]
    assert box.x0 > plot.x1 and box.y0 < y < box.y1
    assert box.x1 <= fig.canvas.get_width_height()[0]


def test_no_value_label_stands_on_the_reference_line():
    """November's '40.0%' stood across the median line at 42.0%, which broke around it:
    the only number on the line read as the line's value (found by review). A value the
    line would cross, or pass closer than a value stands to its bar, stands past the
    line instead, over its own bar; the others stay where they were."""
    chart_job = _monthly(BOUNCE, format="percent:1", highlight="2025-10",
                         reference={"value": "median", "label": "Median"})  # fmt: skip
    fig, ax, _, _, _, line, values = _drawn_monthly(chart_job)
    renderer = fig.canvas.get_renderer()
    y = line.get_transform().transform((0.5, line.get_ydata()[0]))[1]
    gap = 3.0 * fig.dpi / 72  # GAP points, as a value stands above its bar
    for text in values.values():
        box = text.get_window_extent(renderer)
        assert not box.y0 - gap + 0.5 < y < box.y1 + gap - 0.5, text.get_text()
    for moved in ("40.0%", "39.2%", "41.6%"):  # bars under the line, their values over it
        assert values[moved].get_window_extent(renderer).y0 >= y + gap - 0.5
    bar_tops = {f"{v:.1f}%": p.get_window_extent(renderer).y1
                for v, p in zip(BOUNCE, ax.patches, strict=False)}  # fmt: skip
    for kept in ("43.2%", "43.8%"):  # over the line already: GAP over their bars
        assert values[kept].get_window_extent(renderer).y0 == pytest.approx(
            bar_tops[kept] + gap, abs=1.0
        )


@pytest.mark.parametrize("theme", ["corporate", "contrast"])
def test_no_grouped_value_label_stands_on_the_reference_line(theme):
    """Grouped bars placed their values in their own loop, and a target line at 50 ran
    through South's '49', broken around it, so it read as labelled by it (found in
    review). The values the line would cross, or pass closer than a value stands to its
    bar, now stand past it, as a bar chart's do; the others stay over their bars."""
    from deckgen.render.labels import remove_collisions
    from deckgen.render.style import chart_style

    series = {"2023": [40.0, 49.0, 30.0, 45.0], "2024": [52.0, 50.0, 35.0, 61.0]}
    chart_job = job("grouped-bar", ["North", "South", "East", "West"], series, theme=theme,
                    reference={"value": 50, "label": "Target"})  # fmt: skip
    with chart_style(chart_job.theme, chart_job.canvas):
        fig = chart_job.figure(collisions=False)
        assert remove_collisions(fig) == []
        fig.canvas.draw()
    ax = fig.axes[0]
    renderer = fig.canvas.get_renderer()
    (line,) = [a for a in ax.get_lines() if a.get_linestyle() == "--"]
    y = line.get_transform().transform((0.5, line.get_ydata()[0]))[1]
    gap = 3.0 * fig.dpi / 72  # GAP points, as a value stands above its bar
    values = {t.get_text(): t for t in ax.texts if t.get_text() in {"49", "50", "52", "45"}}
    assert sorted(values) == ["45", "49", "50", "52"]
    for text in values.values():
        box = text.get_window_extent(renderer)
        assert not box.y0 - gap + 0.5 < y < box.y1 + gap - 0.5, text.get_text()
    assert values["49"].get_window_extent(renderer).y0 >= y + gap - 0.5  # moved over it


def test_a_value_left_out_is_named_as_the_chart_writes_its_category():
    """The warning named the month '2025-12', where the slide's axis writes 'Dec 2025'
    (found by review): a reader looks for the name the chart shows."""
    from deckgen.layout.units import Inches
    from deckgen.render.jobs import Canvas

    card = Canvas(Inches(4.85), Inches(4.15), dpi=144, scale=1.68)
    long_name = {"value": 5.0, "label": "A rather long target name"}
    chart_job = _monthly([5.1, 5.15, 5.12, 5.08, 5.14, 5.11], canvas=card, theme="corporate",
                         format="plain:2", reference=long_name)  # fmt: skip
    _, _, removed, left, _, _, _ = _drawn_monthly(chart_job)
    assert removed and len(left) == len(removed)
    for note in left:
        assert note.startswith("the value of ") and " 2025 (" in note, note
        assert "2025-" not in note


@pytest.mark.parametrize("kind", ["grouped-bar", "line"])
@pytest.mark.parametrize("statistic", ["mean", "median"])
def test_a_mean_or_median_of_several_series_is_an_error_naming_them(kind, statistic):
    """'Average: 92.7K' over a website's and an app's visits pooled the two, where the
    website's own mean was 133.4K, under a label that names neither (found by review). A
    number, or one series, is still a reference line."""
    from deckgen.errors import Location

    where = Location("deck.yaml", 12, "slides[3].chart")
    chart_job = job(kind, CATEGORIES, TWO, reference={"value": statistic, "label": "Average"})
    (problem,) = chart_job.spec.check(chart_job.data, where)
    assert problem.location == Location("deck.yaml", 12, "slides[3].chart.reference.value")
    assert problem.message.startswith(
        f"expected one series for a reference line at the {statistic}, found 2 ('2022', "
        f"'2023'): the line would pool all their values, the {statistic} of no one series"
    )
    assert "{{ d.mean('2022') }}" in problem.hint
    for fine in (job(kind, CATEGORIES, TWO, reference={"value": 4.0, "label": "Target"}),
                 job(kind, CATEGORIES, {"2023": TWO["2023"]},
                     reference={"value": statistic, "label": "Average"})):  # fmt: skip
        assert fine.spec.check(fine.data, where) == []
