"""Reference lines: every chart type that takes one draws it, with its label, and the
value axis reaches it (a line beyond the data was drawn outside the plot, unseen)."""

from __future__ import annotations

import pytest
from matplotlib.lines import Line2D
from matplotlib.text import Text

from tests.kinds.charts.jobs import figure, job

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
    assert problem.message.startswith("a donut chart draws no reference line; remove "
                                      "'reference:', or draw the chart as ")  # fmt: skip
