"""What dot, range and arrow plots share (RowChart, kinds/charts/_dots.py), tested on each
kind over the rents written for the test (tests/kinds/charts/rows.py): built in every
shipped theme with alt text from the data, no two texts overlapping or leaving the
picture, the same bytes each time, a valid native form where there is one. Card tests
stay in each kind's module."""

from __future__ import annotations

import math
from itertools import pairwise
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pptx import Presentation
from pptx.oxml.ns import qn

from deckgen.pipeline import BuildOptions, build
from tests.kinds.charts.rows import (
    BY_2024,
    SPECS,
    THEMES,
    TITLES,
    alt_text,
    draw,
    job,
    outside,
    overlaps,
    project,
    rents,
    shares_cards,
)
from tests.kinds.charts.turnout import turnout, written

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

KINDS = tuple(SPECS)
#: Each kind's rows (the dot plot's sorted by the 2024 rent, as its spec sorts them) and
#: highlighted city.
ROWS = {"dot": (BY_2024, "Miami"), "range": ((), "Boston"), "arrow": ((), "Miami")}
#: Each kind's alt text: how it starts, what it says, how it ends (if the test says).
ALT: dict[str, tuple[str, tuple[str, ...], str | None]] = {
    "dot": (
        "Dot plot: Rents rose fastest in Miami. 2015 and 2024 for 9 cities; ",
        ("Miami rose most, from $1,450 to $2,350", "Seattle fell, from $1,760 to $1,745",
         "Boston $2,100 in 2015, $2,640 in 2024; Miami $1,450 in 2015"),  # sorted
        "Tulsa $760 in 2024; no value for 2015.",
    ),
    "range": (
        "Range plot: Boston’s rents span the most. From 2015 to 2024 for 9 ",  # the title's ’
        ("widest Miami, $1,450 in 2015 to $2,350 in 2024",
         "narrowest Denver, $1,290 in 2015 to $1,290 in 2024",
         "Chicago $1,390 in 2015, $1,402 in 2024"),
        None,
    ),
    "arrow": (
        "Arrow plot: Rents rose fastest in Miami. From 2015 to 2024 for 9 cities, "
        "6 rose and 1 fell, 1 unchanged; ",
        # By percent, as the chart writes the change: Miami +62%, Boston +26%.
        ("Miami rose most, by 62 percent, from $1,450 to $2,350",
         "Seattle fell, by 1 percent, from $1,760 to $1,745",
         "Chicago from $1,390 to $1,402 (+1 percent)"),
        "Tulsa $760 in 2024.",
    ),
}  # fmt: skip


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("kind", KINDS)
def test_builds_in_every_shipped_theme_with_alt_text_from_the_data(
    tmp_path: Path, kind: str, theme: str
) -> None:
    path = project(tmp_path, SPECS[kind], TITLES[kind])
    result = build(path, BuildOptions(theme=theme, out_dir=tmp_path / "out"))
    assert result.pictures == 1
    slide = Presentation(str(result.deck)).slides[0]
    picture = next(s for s in slide.shapes if s._element.tag == qn("p:pic"))
    alt = alt_text(picture)
    start, says, end = ALT[kind]
    assert alt.startswith(start)
    for words in says:
        assert words in alt
    if end is not None:
        assert alt.endswith(end)


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("kind", KINDS)
def test_no_two_texts_overlap_none_is_removed_or_leaves_the_picture(kind: str, theme: str):
    cities, story = ROWS[kind]
    drawn = draw(job(kind, rents(*cities), theme, highlight=[story]))
    assert drawn.removed == []
    assert overlaps(drawn.texts) == []
    assert outside(drawn) == []


@pytest.mark.parametrize("kind", KINDS)
def test_rendering_is_deterministic(kind: str):
    cities, story = ROWS[kind]
    chart = job(kind, rents(*cities), "dark", highlight=[story])
    assert chart.render().data == chart.render().data


@pytest.mark.validator
@pytest.mark.parametrize("kind", ["dot", "range"])  # an arrow has no native form
def test_native_form_is_valid_ooxml(
    kind: str, native_rows: Callable[[str], tuple[Path, object]], require_validator: str
):
    from deckgen.export.ooxml import validate

    deck, _ = native_rows(kind)
    assert validate(deck) == []


@pytest.mark.parametrize("kind", ["dot", "range", "arrow"])
@pytest.mark.parametrize("values", [True, False], ids=["values written", "value axis"])
@pytest.mark.parametrize("theme", ["corporate", "contrast"])
def test_the_layout_is_final_and_the_picture_is_the_one_laid_out_again(
    monkeypatch, kind, values, theme
):
    """The labels are out of the layout and the names and ticks stay inside the plot, so
    the collision pass measures on the rows' own layout: the picture is pixel for pixel
    the one drawn when the figure is laid out again."""
    from deckgen.render import chartkit, labels
    from deckgen.render.style import chart_style

    chart = job(kind, rents(), theme, value_labels=values, highlight=["Miami"])
    with chart_style(chart.theme, chart.canvas):
        assert chartkit.laid_out(chart.figure(collisions=False))
    final = chart.pixels().copy()
    monkeypatch.setattr(labels, "laid_out", lambda fig: False)
    assert (chart.pixels() == final).all()


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("theme", ["dark", "corporate"])
def test_a_value_on_its_rows_line_knocks_the_line_out_behind_it(kind: str, theme: str):
    """A row's guide line stops at each value written on it ("10.5M" struck through reads
    badly, in a dark theme above all): with the values' glyphs made clear, the line's
    pixels across each value are the row's own colour (the highlighted row's band)."""
    import numpy as np
    from matplotlib.colors import to_rgba

    cities, story = ROWS[kind]
    chart = job(kind, rents(*cities), theme, highlight=[story])
    colors = chart.theme.theme.colors
    checked: list[str] = []

    def inspect(fig) -> None:
        ax = fig.axes[0]
        renderer = fig.canvas.get_renderer()
        on_lines = [t for t in ax.texts if t.get_visible() and t.get_va() == "center"]
        for t in on_lines:
            t.set_alpha(0.0)  # the glyphs only: the knockout behind them is the test
        fig.canvas.draw()
        pixels = np.asarray(fig.canvas.buffer_rgba())
        height = pixels.shape[0]
        for t in on_lines:
            row = round(t.xy[1])
            name = chart.data.categories[row]
            ground = colors.surface if name == story else colors.background
            want = np.array([round(255 * c) for c in to_rgba(ground)], dtype=np.uint8)
            box = t.get_window_extent(renderer)
            y = height - 1 - int(ax.transData.transform((0.0, row))[1])
            across = pixels[y, int(box.x0) + 1 : int(box.x1) - 1]
            assert (across == want).all(), (t.get_text(), name)
            checked.append(t.get_text())

    draw(chart, inspect)
    assert len(checked) >= len(chart.data.categories)  # every row has a value on its line


@pytest.mark.parametrize("kind", KINDS)
def test_a_card_counts_its_rows_with_the_highlighted_one_it_keeps(kind: str):
    """A card keeps a highlighted row past the leading ones (in place of the last): its
    name's lines set every row's height too. Counted on the leading rows alone, an
    x-post card planned rows of one line and drew its highlighted row's three-line name
    cut to 'I can manage my…' (found by fuzzing)."""
    from deckgen.kinds.charts import chart
    from deckgen.layout.geometry import Rect
    from deckgen.layout.units import Px
    from deckgen.tables.select import ChartData, Series
    from tests.helpers import load_theme

    names = ("Rent", "Food", "Fuel", "Travel", "I can manage my money better than before")
    data = ChartData(names, (Series("a", (1.0, 2.0, 3.0, 4.0, 5.0)),
                             Series("b", (2.0, 3.0, 4.0, 5.0, 6.0))))  # fmt: skip
    theme = load_theme("corporate")

    def rows(height: int, **fields: object) -> int:
        spec = chart(type=kind, data="d", x="statement", y=["a", "b"], **fields)
        return spec.card_categories(data, Rect(Px(0), Px(0), Px(700), Px(height)), 47, theme)

    heights = range(300, 1400, 25)
    plain = [rows(h) for h in heights]
    kept = [rows(h, highlight=names[-1]) for h in heights]
    assert all(k <= p for k, p in zip(kept, plain, strict=True))
    assert any(k < p for k, p in zip(kept, plain, strict=True))


# --------------------------------------------------------------------------- crowded rows
@pytest.mark.parametrize("theme", ["corporate", "dark"])
@pytest.mark.parametrize("kind", ["dot", "range"])
def test_crowded_rows_write_every_value_or_the_highlighted_rows_alone(kind: str, theme: str):
    """Values too close row to row for all of them: none is left out here and there (25
    of 40 were, the highlighted 62.9% among them, with no word: found by review). Every
    value is written or the highlighted row's alone, the story's, and the axis gives the
    others."""
    ticks: list[str] = []
    drawn = draw(job(kind, turnout(), theme, format="percent:1", highlight=["Putney"]),
                 lambda fig: ticks.extend(t.get_text() for t in fig.axes[0].get_xticklabels()
                                          if t.get_text()))  # fmt: skip
    values = written(drawn)
    assert {"41.0%", "62.9%"} <= set(values)  # Putney's, as the title would state them
    assert sorted(values) == ["41.0%", "62.9%"] or len(values) == 40
    assert ticks  # the value axis, for the values not written
    assert drawn.removed == [] and overlaps(drawn.texts) == [] and outside(drawn) == []


@pytest.mark.parametrize("values", [True, False], ids=["values written", "value axis"])
@pytest.mark.parametrize("kind", ["dot", "range"])
def test_the_value_axis_ticks_take_in_every_value(kind: str, values: bool):
    """The ticks run from at most the smallest value (41.0%) to at least the largest
    (79.9%), each inside the plot and written: the axis stopped at 72% under a dot at
    79.9%, past its last tick (found by review)."""
    seen: dict[str, object] = {}

    def read(fig) -> None:
        ax = fig.axes[0]
        seen["ticks"] = list(ax.get_xticks())
        seen["limits"] = ax.get_xlim()

    chart = job(kind, turnout(), format="percent:1", highlight=["Putney"], value_labels=values)
    drawn = draw(chart, read)
    ticks = seen["ticks"]
    lo, hi = seen["limits"]
    assert ticks[0] <= 41.0 and ticks[-1] >= 79.9
    assert all(lo <= t <= hi for t in ticks)
    steps = {round(b - a, 9) for a, b in pairwise(ticks)}
    assert len(steps) == 1  # evenly spaced
    assert {"40%", "80%"} <= {t for t, _ in drawn.texts}


@pytest.mark.parametrize("theme", ["corporate", "contrast"])
@pytest.mark.parametrize("kind", ["dot", "range"])
def test_the_end_ticks_labels_stay_inside_the_plot(kind: str, theme: str):
    """A tick past the data's end (80% over 79.9%) keeps its label inside the plot: out
    of it, the label would move the layout the labels were placed on."""
    inside: list[bool] = []

    def read(fig) -> None:
        ax = fig.axes[0]
        renderer = fig.canvas.get_renderer()
        plot = ax.get_window_extent(renderer)
        for t in ax.get_xticklabels():
            if t.get_text():
                box = t.get_window_extent(renderer)
                inside.append(plot.x0 - 0.5 <= box.x0 and box.x1 <= plot.x1 + 0.5)

    draw(job(kind, turnout(), theme, format="percent:1", highlight=["Putney"]), read)
    assert inside and all(inside)


@pytest.mark.parametrize("kind", ["dot", "range"])
def test_a_narrow_chart_still_writes_the_highlighted_rows_values(kind: str):
    """Too narrow for every row's labels, a chart reads its values off an axis, but the
    highlighted row keeps its own where they leave the marks half the width."""
    from dataclasses import replace

    from deckgen.layout.units import Inches

    chart = job(kind, rents(*BY_2024), highlight=["Miami"])
    narrow = replace(chart, canvas=replace(chart.canvas, width=Inches(3.2)))
    ticks: list[str] = []
    drawn = draw(narrow, lambda fig: ticks.extend(
        t.get_text() for t in fig.axes[0].get_xticklabels() if t.get_text()))  # fmt: skip
    values = [t for t, _ in drawn.texts if t.startswith("$") and t not in ticks]
    assert sorted(values) == ["$1,450", "$2,350"] and ticks
    assert drawn.removed == [] and overlaps(drawn.texts) == []


@settings(max_examples=30, deadline=None)
@given(st.floats(-1e9, 1e9), st.floats(1e-6, 1e9), st.booleans(), st.booleans())
def test_tick_sets_enclose_the_values_on_round_even_steps(lo, span, fix_lo, fix_hi):
    from deckgen.kinds.charts._dots import _MOST_TICKS, _STEPS, _covering

    hi = lo + span
    if span <= abs(lo) * 1e-6:
        return  # a millionth of the values' size: past what ticks (and floats) resolve
    sets = _covering(lo, hi, (fix_lo, fix_hi))
    assert sets
    for ticks in sets:
        assert 1 <= len(ticks) <= _MOST_TICKS + 1
        tol = 1e-6 * max(abs(lo), abs(hi), span)
        if not fix_lo:
            assert ticks[0] <= lo + tol
        if not fix_hi:
            assert ticks[-1] >= hi - tol
        assert all(lo - tol <= t for t in ticks) if fix_lo else True
        assert all(t <= hi + tol for t in ticks) if fix_hi else True
        if len(ticks) > 1:
            step = ticks[1] - ticks[0]
            mantissa = step / 10 ** math.floor(math.log10(step))
            assert any(abs(mantissa - s) < 1e-6 for s in (*_STEPS, 10.0))
            assert all(abs((b - a) - step) <= 1e-6 * step for a, b in pairwise(ticks))


# --------------------------------------------------------------------------- row names
#: Departments whose names are long: at a slide's 30% they wrap.
LONG_NAMES = ["Adult Social Care and Health Partnerships", "Children's Services and Education",
              "Highways, Transport and Parking", "Housing and Homelessness Prevention",
              "Corporate Services and Democratic Support", "Waste, Recycling and Street Cleansing",
              "Public Health", "Parks & Recreation", "Libraries and Culture",
              "Planning and Building Control", "Local Economy and Tourism"]  # fmt: skip
#: Twenty towns: at 14 pt their rows are closer than a line on a slide's chart box.
TOWNS = ["Bradford and Keighley", "Kingston upon Hull", "Newcastle upon Tyne", "Stoke-on-Trent",
         "Middlesbrough", "Sunderland", "Blackpool", "Nottingham", "Leicester", "Birmingham",
         "Manchester", "Liverpool", "Sheffield", "Wolverhampton", "Southampton", "Portsmouth",
         "Plymouth", "Bristol", "Norwich", "Brighton and Hove"]  # fmt: skip


def _names_apart(kind: str, names: list[str], theme: str) -> tuple[list[str], list[float]]:
    """The names beside the rows of ``kind`` over ``names`` on a slide's chart box under a
    two-line title (4.15 in tall), and the points between each two neighbours' texts."""
    from deckgen.layout.units import Inches
    from deckgen.render.jobs import Canvas
    from deckgen.render.style import chart_style
    from tests.kinds.charts.jobs import figure
    from tests.kinds.charts.jobs import job as chart_of

    n = len(names)
    series = {
        "2024": [100.0 - 7 * i for i in range(n)],
        "2025": [104.0 - 6.5 * i for i in range(n)],
    }
    chart_job = chart_of(kind, names, series, theme=theme, format="plain:1",
                         canvas=Canvas(Inches(12.33), Inches(4.15), dpi=100),
                         highlight=names[3])  # fmt: skip
    with chart_style(chart_job.theme, chart_job.canvas):
        fig = figure(chart_job)
        renderer = fig.canvas.get_renderer()
        ticks = [t for t in fig.axes[0].get_yticklabels() if t.get_visible() and t.get_text()]
        boxes = sorted((t.get_window_extent(renderer) for t in ticks), key=lambda b: -b.y1)
        gaps = [(upper.y0 - lower.y1) * 72 / fig.dpi for upper, lower in pairwise(boxes)]
        return [t.get_text() for t in ticks], gaps


@pytest.mark.parametrize("theme", ["corporate", "contrast"])
@pytest.mark.parametrize("kind", ["arrow", "dot"])
def test_long_names_take_one_line_where_rows_have_no_room_for_two(kind: str, theme: str):
    """Wrapped however close the rows, 'Partnerships', the second line of one department,
    stood flush on the next department's name and read as part of it (found by review):
    rows too close for a wrapped name's lines set each name on one line, in the room the
    width has for it, and every two rows' names keep apart."""
    shown, gaps = _names_apart(kind, LONG_NAMES, theme)
    assert [s.replace("\n", " ") for s in shown] == LONG_NAMES  # every name, whole
    assert all("\n" not in s for s in shown)
    assert min(gaps) > 0.5, gaps


@pytest.mark.parametrize("kind", ["arrow", "dot"])
def test_twenty_rows_shrink_their_names_until_no_two_touch(kind: str):
    """Twenty rows under a slide's title set their 14 pt names closer than a line, the
    descenders of one on the next (found by review): the labels shrink towards the
    theme's minimum until each row's name keeps clear of its neighbours', every one shown."""
    shown, gaps = _names_apart(kind, TOWNS, "corporate")
    assert shown == TOWNS
    assert min(gaps) > 0.5, gaps


@pytest.mark.parametrize(("kind", "theme"), [("arrow", "dark"), ("dot", "contrast"),
                                             ("arrow", "corporate")])  # fmt: skip
def test_text_on_the_highlighted_rows_band_reads_4_5_to_1_on_the_band(kind, theme):
    """Colours made legible on the background were drawn on the highlighted row's band:
    a dark theme's '-25' read 4.3:1 there, a contrast theme's '24.6' 4.1:1 (review)."""
    from matplotlib.colors import to_hex
    from matplotlib.text import Annotation

    from deckgen.render.style import chart_style
    from deckgen.theming.colour import contrast
    from tests.kinds.charts.jobs import figure, job

    teams = ["Rovers", "Athletic", "United", "Wanderers", "City"]
    chart = job(kind, teams, {"2023": [48.0, 31.5, 24.6, 40.0, 12.0],
                              "2024": [23.0, 35.0, 29.1, 44.5, 10.5]},
                theme=theme, highlight=["Rovers"])  # fmt: skip
    band = chart.theme.theme.colors.surface
    with chart_style(chart.theme, chart.canvas):
        fig = figure(chart)
        on_band = [t for t in fig.axes[0].texts
                   if isinstance(t, Annotation) and t.xy[1] == 0 and t.get_visible()]  # fmt: skip
        assert on_band
        for text in on_band:
            assert contrast(to_hex(text.get_color()), band) >= 4.5, text.get_text()


#: The presets of a fixed size (``long`` takes its height from its content).
FIXED_PRESETS = ["ig-square", "ig-portrait", "ig-tall", "story", "x-post", "linkedin", "og"]


def _marks(fig) -> list[tuple[float, float, float, float]]:
    """The extents of the plot's marks (arrows, and lines drawn with markers: dots)."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import FancyArrowPatch

    renderer = fig.canvas.get_renderer()
    ax = fig.axes[0]
    found = [p for p in ax.patches if isinstance(p, FancyArrowPatch)] + [
        line for line in ax.get_lines()
        if isinstance(line, Line2D) and line.get_marker() not in (None, "None", "", " ")
    ]  # fmt: skip
    return [tuple(m.get_window_extent(renderer).extents) for m in found]


def _covered(texts, marks) -> list[str]:
    """The texts whose box overlaps a mark's."""
    return [t for t, (x0, y0, x1, y1) in texts for m in marks
            if x0 < m[2] and m[0] < x1 and y0 < m[3] and m[1] < y1]  # fmt: skip


_Box = tuple[float, float, float, float]


def _column(chart, texts: list[tuple[str, _Box]]) -> list[tuple[str, _Box]]:
    """The changes' column among ``texts``: '+0,4 Pp.' under 'Veränderung', or on a
    narrow chart '+0,4' under 'Pp.'."""
    from deckgen.kinds.charts._dots import rows_of
    from deckgen.outline.formats import numerals

    with numerals(chart.marks):
        changes = {c[0] for r in rows_of(chart) for bare in (False, True)
                   if (c := chart.spec.column(chart, r, bare=bare)) is not None}  # fmt: skip
    return [(t, b) for t, b in texts if t in changes or t in ("Pp.", "Veränderung")]


@pytest.mark.parametrize("width", [5.35, 4.4, 3.6])
def test_the_column_of_changes_keeps_its_own_room_on_a_narrow_chart(width: float) -> None:
    """On an x-post card's chart (5.35 in at 23.5 pt labels) the changes' column was
    written over the end markers: its head 'Veränderung' took 166 of 216 pt, the limits
    found no room for the labels and, in their stead, ignored the column (found in
    review). The column keeps its room, the marks what it leaves; a head too wide stands
    over it reaching left, or is left out."""
    from dataclasses import replace

    from deckgen.layout.units import Inches
    from deckgen.outline.formats import marks_of
    from deckgen.outline.words import words_for
    from deckgen.render.jobs import Canvas
    from tests.kinds.charts.rows import shares

    canvas = Canvas(Inches(width), Inches(4.15), dpi=144, scale=1.6786)
    german = {"words": words_for("de_DE").chart, "marks": marks_of("de_DE")}
    chart = replace(job("arrow", shares(), format="percent:1"), canvas=canvas, **german)
    marks: list[tuple[float, float, float, float]] = []
    drawn = draw(chart, lambda fig: marks.extend(_marks(fig)))
    column = _column(chart, drawn.texts)
    assert len([t for t, _ in column if t != "Pp."]) == 8 and len(marks) == 8
    assert _covered(column, marks) == []
    assert overlaps(drawn.texts) == []


@pytest.mark.parametrize("kind", KINDS)
def test_a_card_s_column_of_changes_keeps_clear_of_the_marks_on_every_preset(
    kind: str, tmp_path: Path
) -> None:
    """On an x-post card the changes' column ('+0,4 Pp.') was written over the end markers
    it stands for: its head 'Veränderung' took 166 of the chart's 216 pt, the limits found
    no room for the marks and ignored the column (found in review). On every preset every
    column text keeps off every mark (an arrow's head and shaft, a dot)."""
    cards = shares_cards(tmp_path, kind, FIXED_PRESETS)
    assert set(cards) == set(FIXED_PRESETS)  # each lays the card out
    for preset, card in cards.items():
        marks: list[tuple[float, float, float, float]] = []
        drawn = draw(card, lambda fig, marks=marks: marks.extend(_marks(fig)))
        assert marks, preset
        column = _column(card, drawn.texts)
        assert column or kind != "arrow", preset
        assert _covered(column, marks) == [], preset
        assert overlaps(drawn.texts) == [], preset


@pytest.mark.parametrize("kind", KINDS)
def test_a_wide_card_prefers_the_layout_that_names_every_row_whole(
    kind: str, tmp_path: Path
) -> None:
    """Beside a 45% title column an x-post card cut 'Nordrhein-Westfalen', 'Baden-
    Württemberg' and 'Niedersachsen' to 'Nordrh…', 'Baden-…' and 'Nieders…', while a
    narrower title column left the chart room to write them whole on two lines (found in
    review): a card counts the rows it names whole, as beside horizontal bars."""
    from matplotlib.text import Text

    card = shares_cards(tmp_path, kind, ["x-post"])["x-post"]
    names: list[str] = []
    draw(card, lambda fig: names.extend(
        t.get_text() for t in fig.axes[0].get_yticklabels() if isinstance(t, Text)
        and t.get_visible() and t.get_text()))  # fmt: skip
    assert len(names) == len(card.data.categories) >= 3
    assert not [n for n in names if "…" in n], names
    assert card.spec.card_shown(card) == len(names)


#: The presets whose charts are narrowest: beside a title column, or square.
NARROW_PRESETS = ["x-post", "og", "ig-square"]


@pytest.mark.parametrize("zero", [False, True], ids=["values' span", "zero"])
@pytest.mark.parametrize("kind", KINDS)
def test_a_narrow_card_s_axis_spans_the_values_where_no_tick_set_has_room(
    kind: str, zero: bool, tmp_path: Path
) -> None:
    """Shares of 4.4% to 21.9% on an x-post card: no round tick set taking them in had
    room for its labels, and the axis took the roomiest, 0% to 25%, for one label ('25%');
    an ig-square card took 0% to 25% too, the finer sets' labels having no room. Every
    arrow of a change of 0.1 to 0.4 points was a dot (found in review). The axis spans
    the values: the ends of a round set labelled alone, or with no set's ends having
    room, a tick inside the values; 'axis: {zero: true}' still takes in zero. Every tick
    label is written, apart, inside the picture."""
    more = f"axis: {{zero: {str(zero).lower()}}}"
    cards = shares_cards(tmp_path, kind, NARROW_PRESETS, more=more)
    assert set(cards) == set(NARROW_PRESETS)
    for preset, card in cards.items():
        seen: dict[str, object] = {}

        def read(fig, seen=seen) -> None:
            ax = fig.axes[0]
            seen["limits"] = ax.get_xlim()
            seen["labels"] = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]

        drawn = draw(card, read)
        values = [v for s in card.data.series for v in s.values if v is not None]
        start, _ = seen["limits"]
        if zero:
            assert start <= 0, preset
        else:
            assert 0 < start < min(values), preset  # 0% was taken in for the ticks' sake
        written = [t for t, _ in drawn.texts if t.endswith("%") and t not in seen["labels"]]
        assert seen["labels"] or len(written) == len(values), preset  # values to read
        # (The column's head 'Veränderung', wider than a third of the chart, is left out
        # where it meets the series' names: test_the_column_of_changes_keeps_its_own_room.)
        assert set(drawn.removed) <= {"Veränderung"}, preset
        assert overlaps(drawn.texts) == [] and outside(drawn) == [], preset


@settings(max_examples=30, deadline=None)
@given(
    kind=st.sampled_from(KINDS),
    width=st.sampled_from([3.6, 4.4, 5.35]),
    low=st.floats(-1e6, 1e6),
    span=st.floats(1e-3, 1e6),
    moves=st.lists(st.floats(-0.3, 0.3), min_size=5, max_size=5),
)
def test_a_narrow_chart_s_tick_labels_never_overlap(kind, width, low, span, moves):
    """However the values lie, on an x-post card's chart (and narrower) the value axis's
    labels, at the ends of a set, inside the values, or none, keep apart and inside."""
    from dataclasses import replace

    from deckgen.layout.units import Inches
    from deckgen.render.jobs import Canvas
    from deckgen.tables.select import ChartData, Series

    if span <= abs(low) * 1e-6:
        return  # past what ticks (and floats) resolve
    firsts = [low + span * k / 4 for k in range(5)]
    data = ChartData(("A", "B", "C", "D", "E"), (
        Series("2019", tuple(firsts)),
        Series("2024", tuple(v + m * span for v, m in zip(firsts, moves, strict=True))),
    ))  # fmt: skip
    canvas = Canvas(Inches(width), Inches(4.15), dpi=72, scale=1.6786)
    chart = replace(job(kind, data, format="plain:1", axis={"zero": False}), canvas=canvas)
    drawn = draw(chart)
    assert overlaps(drawn.texts) == [] and outside(drawn) == []


#: Trust in five institutions, three waves: the middle waves' values have no room between
#: the ends, the highlighted row's 2024 among them.
INSTITUTIONS = ["The courts and judiciary of England and Wales", "Police", "Local council",
                "National parliament", "News media"]  # fmt: skip
TRUST = {"2019": [61.0, 58.0, 52.5, 31.0, 22.0], "2022": [63.5, 49.5, 48.0, 27.5, 19.0],
         "2024": [64.0, 51.0, 45.5, None, 16.5]}  # fmt: skip


@pytest.mark.parametrize("theme", ["corporate", "dark", "contrast"])
def test_values_read_off_the_axis_have_its_tick_labels_on_the_picture(monkeypatch, theme):
    """A dot plot tried every row's values, then every row's ends with the highlighted
    row's values, then the highlighted row's alone. The ticks the second try set with their
    texts stayed a fixed list, the third try's stand-in tick for the layout read '', no
    room was kept under the plot, and the axis's labels fell off the picture: gridlines,
    and no value but the highlighted row's ends written (found in review). The labels now
    stand under the plot, on the picture, on the layout the picture keeps."""
    from deckgen.render import labels
    from deckgen.render.style import chart_style
    from tests.kinds.charts.jobs import figure
    from tests.kinds.charts.jobs import job as chart_of

    chart = chart_of("dot", INSTITUTIONS, TRUST, theme=theme, format="percent:1",
                     highlight=["Police"])  # fmt: skip
    with chart_style(chart.theme, chart.canvas):
        fig = figure(chart)
        ax = fig.axes[0]
        renderer = fig.canvas.get_renderer()
        plot = ax.get_window_extent(renderer)
        ticks = [t for t in ax.get_xticklabels() if t.get_text()]
        assert len(ticks) >= 3
        for tick in ticks:
            box = tick.get_window_extent(renderer)
            assert fig.bbox.y0 - 0.5 <= box.y0 and box.y1 <= plot.y0, tick.get_text()
    final = chart.pixels().copy()
    monkeypatch.setattr(labels, "laid_out", lambda fig: False)
    assert (chart.pixels() == final).all()


@pytest.mark.parametrize(
    ("kind", "said"),
    [("arrow", "Arrow plot: A finding. From 2020 to 2021; Cats fell, by 2, from 5 to 3."),
     ("dot", "2020 and 2021 for 1 x; Cats fell, from 5 to 3; Cats 5 in 2020, 3 in 2021."),
     ("range", "From 2020 to 2021 for 1 x; Cats 5 in 2020, 3 in 2021.")],
)  # fmt: skip
def test_one_row_is_described_as_one(kind, said):
    """Of one row the alt text said '1 xes, 0 rose and 1 fell; Cats fell, by 2, from 5 to
    3; Cats from 5 to 3 (−2)' and 'Cats fell most' (fuzzing): one row is counted in the
    singular, said once, and falls without 'most'."""
    from tests.kinds.charts.jobs import job

    chart_job = job(kind, ["Cats"], {"2020": [5.0], "2021": [3.0]})
    text = chart_job.spec.describe(chart_job)
    assert said in text
    assert "most" not in text and "xes" not in text
    two = job(kind, ["Cats", "Dogs"], {"2020": [5.0, 4.0], "2021": [3.0, 1.0]})
    assert "for 2 xes" in two.spec.describe(two)  # the plural stays as it was


#: Vehicle production in millions, 2004 and 2023 (Brazil's ends 2.317 and 2.325 read alike
#: at one decimal), written for the test below.
CLOSE_ENDS = "country,y2004,y2023\nBrazil,2.317,2.325\nChina,5.2,30.2\nIndia,1.5,5.9\n"


@pytest.mark.parametrize("kind", ["dot", "range"])
def test_a_row_whose_values_read_alike_gets_the_decimals_that_tell_them_apart(
    tmp_path: Path, kind: str
) -> None:
    """Brazil's 2.317 and 2.325 were both '2.3' at plain:1, on the labels, in the alt text
    and natively, where the marks stand apart (fuzzing round 7, 09). Its row is written to
    two decimals, '2.32' and '2.33', as an arrow's ends are; the other rows keep one."""
    from tests.helpers import write_project

    chart_yaml = f"{{type: {kind}, data: d, x: country, y: [y2004, y2023], format: 'plain:1'}}"
    outline = f"""\
        deck: {{title: Production}}
        data:
          d: {{file: d.csv}}
        slides:
          - kind: chart
            title: China's production grew most
            chart: {chart_yaml}
          - kind: chart
            title: China's production grew most
            chart: {chart_yaml.replace("{type", "{native: true, type")}
        """
    path = write_project(tmp_path, outline, {"d.csv": CLOSE_ENDS})
    result = build(path, BuildOptions(out_dir=tmp_path / "out"))
    picture, native = (next(s for s in slide.shapes if s.shape_type in (13, 3))
                       for slide in Presentation(str(result.deck)).slides)  # fmt: skip
    for shape in (picture, native):
        said = alt_text(shape)
        assert "Brazil 2.32 in y2004, 2.33 in y2023" in said, said
        assert "China 5.2 in y2004, 30.2 in y2023" in said, said
    if kind == "range":
        assert "narrowest Brazil, 2.32 in y2004 to 2.33 in y2023" in alt_text(picture)
    codes = {d.find(qn("c:idx")).get("val"): d.find(qn("c:numFmt")).get("formatCode")
             for d in native.chart._chartSpace.iter(qn("c:dLbl"))}  # fmt: skip
    brazil, china = "0", "1"
    assert codes[brazil].startswith("#,##0.00;") and codes[china].startswith("#,##0.0;")
