"""Dot plots on data written for the test: close values labelled on opposite sides of
their dots, the series named above the first row, a value axis only when values are not
written, the native form's values. What dot shares with range and arrow plots (builds in
every theme, alt text, no overlaps) is tested in test__dots.py."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from pptx.oxml.ns import qn

from deckgen.errors import DeckgenError, Location
from deckgen.pipeline import BuildOptions, build
from deckgen.render.chartkit import leaving_out
from deckgen.tables.select import ChartData, Series
from tests.kinds.charts.rows import (
    BY_2024,
    RENTS,
    SPECS,
    alt_text,
    boxes_of,
    draw,
    job,
    overlaps,
    project,
    rents,
)
from tests.kinds.charts.turnout import DISTRICTS, EARLY, LATE, turnout, written

if TYPE_CHECKING:
    from pathlib import Path

DOT = SPECS["dot"]
#: Sorted by the 2024 rent, largest first.
ORDER = list(BY_2024)


def test_close_values_put_their_labels_on_opposite_sides_of_the_dots():
    """Chicago: $1,390 and $1,402 are a few points apart; the smaller value is written left
    of its dot, the larger right, on the dots' line."""
    chart = job("dot", rents(*ORDER))
    centres: dict[str, tuple[float, float]] = {}

    def dots(fig) -> None:
        ax = fig.axes[0]
        for value in (1390.0, 1402.0):
            centres[str(value)] = tuple(ax.transData.transform((value, ORDER.index("Chicago"))))

    drawn = draw(chart, dots)
    (left,), (right,) = boxes_of(drawn, "$1,390"), boxes_of(drawn, "$1,402")
    assert left[2] < centres["1390.0"][0] < centres["1402.0"][0] < right[0]
    for box in (left, right):
        assert box[1] < centres["1390.0"][1] < box[3]  # on the row, not above or below it


def test_equal_values_are_both_written():
    drawn = draw(job("dot", rents("Denver", "Austin")))
    assert len(boxes_of(drawn, "$1,290")) == 2


def test_the_series_are_named_above_the_first_row_instead_of_a_key():
    chart = job("dot", rents(*ORDER))
    drawn = draw(chart, lambda fig: _no_legend(fig))
    (first,), (second,) = boxes_of(drawn, "2015"), boxes_of(drawn, "2024")
    (boston,) = boxes_of(drawn, "$2,640")
    assert min(first[1], second[1]) > boston[3]  # above the first row's labels
    assert first[2] < second[0]  # 2015 (smaller) left of 2024


def _no_legend(fig) -> None:
    assert fig.axes[0].get_legend() is None


def test_every_text_is_at_least_the_theme_label_size():
    chart = job("dot", rents(*ORDER), "contrast")
    smallest = chart.theme.theme.sizes.chart_label * chart.canvas.scale
    assert min(draw(chart).sizes) >= smallest - 1e-6 >= 12


def test_values_are_written_so_there_is_no_value_axis():
    def no_ticks(fig) -> None:
        assert list(fig.axes[0].get_xticks()) == []

    draw(job("dot", rents(*ORDER)), no_ticks)


def test_without_value_labels_a_light_value_axis_gives_the_values():
    ticks: list[str] = []

    def read(fig) -> None:
        ticks.extend(t.get_text() for t in fig.axes[0].get_xticklabels() if t.get_text())

    drawn = draw(job("dot", rents(*ORDER), value_labels=False), read)
    assert ticks[0] == "$0" and len(ticks) >= 3
    assert not boxes_of(drawn, "$2,640")


def test_a_middle_value_is_written_above_its_dot_or_below_it_under_the_names():
    data = ChartData(("Austin", "Boston"), (
        Series("2015", (1150.0, 2100.0)), Series("2020", (1400.0, 2300.0)),
        Series("2024", (1590.0, 2640.0)),
    ))  # fmt: skip
    chart = job("dot", data)
    centres: list[float] = []

    def read(fig) -> None:
        ax = fig.axes[0]
        centres.extend(ax.transData.transform([(1400, 0), (2300, 1)])[:, 1])

    drawn = draw(chart, read)
    (first,), (second,) = boxes_of(drawn, "$1,400"), boxes_of(drawn, "$2,300")
    assert first[3] < centres[0]  # below Austin's dot: its names are above
    assert second[1] > centres[1]  # above Boston's dot
    assert overlaps(drawn.texts) == []


def test_middle_values_that_cannot_all_be_written_leave_it_to_the_value_axis():
    # Ten crowded rows of three close values: no middle label, and ticks to read them.
    cities = [f"City {k}" for k in range(14)]
    data = ChartData(tuple(cities), tuple(
        Series(name, tuple(1000.0 + 40 * k + d for k in range(14)))
        for name, d in (("2015", 0.0), ("2020", 9.0), ("2024", 18.0))
    ))  # fmt: skip
    ticks: list[str] = []
    drawn = draw(job("dot", data), lambda fig: ticks.extend(
        t.get_text() for t in fig.axes[0].get_xticklabels() if t.get_text()))  # fmt: skip
    assert not boxes_of(drawn, "$1,009")  # City 0 in 2020
    assert ticks
    assert overlaps(drawn.texts) == []


def test_the_highlighted_row_is_bold_on_a_band():
    bold: dict[str, str] = {}

    def read(fig) -> None:
        ax = fig.axes[0]
        bold.update({t.get_text(): t.get_fontweight() for t in ax.get_yticklabels()})
        assert len(ax.patches) == 1  # the band behind Miami's row

    drawn = draw(job("dot", rents(*ORDER), highlight=["Miami"]), read)
    assert bold["Miami"] == "bold" and bold["Boston"] == "normal"
    assert boxes_of(drawn, "$2,350")


def test_a_missing_value_leaves_one_dot_labelled_on_its_right():
    chart = job("dot", rents("Tulsa", "Boston"))
    dot_x: list[float] = []
    drawn = draw(chart, lambda fig: dot_x.append(fig.axes[0].transData.transform((760, 0))[0]))
    (label,) = boxes_of(drawn, "$760")
    assert label[0] > dot_x[0]


def test_sort_orders_the_rows_top_down(tmp_path: Path):
    from tests.helpers import plan

    built = plan(project(tmp_path, DOT))
    data = built.slides[0].pictures[0].job.data
    assert list(data.categories) == ORDER


def test_a_highlight_or_series_label_that_names_nothing_is_an_error(tmp_path: Path):
    bad = DOT.replace("highlight: Miami", "highlight: Maimi").replace(
        'rent_2015: "2015"', 'rent_2051: "2015"'
    )
    with pytest.raises(DeckgenError) as caught:
        build(project(tmp_path, bad), BuildOptions(out_dir=tmp_path / "out"))
    message = caught.value.format_message()
    assert "slides[0].chart.highlight: 'Maimi' matches no category" in message
    assert "did you mean 'Miami'?" in message
    assert "slides[0].chart.series_labels.rent_2051" in message
    assert "did you mean 'rent_2015'?" in message


def test_the_card_form_fits_its_rows_at_the_card_sizes(tmp_path: Path):
    from tests.kinds.charts.rows import card_charts

    for preset, chart in card_charts(tmp_path, DOT).items():
        drawn = draw(chart)
        assert drawn.removed == [], preset
        assert overlaps(drawn.texts) == [], preset
        assert len(chart.data.categories) >= 5, preset


# --------------------------------------------------------------------------- native
@pytest.fixture
def native(native_rows) -> tuple[Path, object]:
    return native_rows("dot")


def test_native_form_holds_the_data_in_the_rows_order(native):
    _, frame = native
    plot = frame.chart.plots[0]
    assert list(plot.categories) == ORDER
    values = {s.name: list(s.values) for s in plot.series}
    assert values["2015"] == [RENTS[c][0] for c in ORDER]
    assert values["2024"] == [RENTS[c][1] for c in ORDER]
    assert frame.chart.has_legend
    assert "Dot plot: Rents rose fastest in Miami" in alt_text(frame)


def test_native_gaps_are_error_bars_from_the_first_value_to_the_ends(native):
    _, frame = native
    bars = frame.chart._chartSpace.find(f".//{qn('c:errBars')}")
    assert bars.find(qn("c:errValType")).get("val") == "cust"

    def read(tag: str) -> dict[int, float]:
        points = bars.find(qn(tag)).find(qn("c:numLit")).findall(qn("c:pt"))
        return {int(p.get("idx")): float(p.find(qn("c:v")).text) for p in points}

    plus, minus = read("c:plus"), read("c:minus")
    for i, city in enumerate(ORDER):
        first, last = RENTS[city]
        if first is None or first == last:
            assert i not in plus and i not in minus  # no bar of length zero
        elif last > first:
            assert plus[i] == last - first and i not in minus
        else:
            assert minus[i] == first - last and i not in plus


def test_native_markers_only_no_lines(native):
    _, frame = native
    for series in frame.chart.plots[0].series:
        line = series._element.find(f"{qn('c:spPr')}/{qn('a:ln')}")
        assert line.find(qn("a:noFill")) is not None


# --------------------------------------------------------------------------- properties
@settings(max_examples=12, deadline=None)
@given(
    base=st.lists(st.integers(500, 3000), min_size=2, max_size=8),
    gaps=st.lists(st.integers(-30, 30), min_size=8, max_size=8),
)
def test_labels_of_near_equal_values_never_overlap(base: list[int], gaps: list[int]):
    names = tuple(f"Town {k}" for k in range(len(base)))
    data = ChartData(names, (
        Series("2015", tuple(float(b) for b in base)),
        Series("2024", tuple(float(b + g) for b, g in zip(base, gaps, strict=False))),
    ))  # fmt: skip
    drawn = draw(job("dot", data))
    assert overlaps(drawn.texts) == []
    assert drawn.removed == []


def test_checks_run_against_the_data():
    chart = job("dot", rents(*ORDER), highlight=["Maimi"])
    problems = chart.spec.check(chart.data, Location("deck.yaml", 3, "slides[0].chart"))
    assert [p.hint for p in problems] == ["did you mean 'Miami'?"]


def test_a_chart_too_narrow_for_its_labels_reads_its_values_off_an_axis():
    from dataclasses import replace

    from deckgen.layout.units import Inches

    chart = job("dot", rents(*ORDER))
    narrow = replace(chart, canvas=replace(chart.canvas, width=Inches(2.6)))
    ticks: list[str] = []
    drawn = draw(narrow, lambda fig: ticks.extend(
        t.get_text() for t in fig.axes[0].get_xticklabels() if t.get_text()))  # fmt: skip
    assert ticks and not boxes_of(drawn, "$2,640")  # an axis, not squeezed labels
    assert overlaps(drawn.texts) == [] and drawn.removed == []
    assert {"2015", "2024"} <= {t for t, _ in drawn.texts}


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.none(), st.floats(-1e12, 1e12, allow_nan=False)), min_size=1,
                max_size=12))  # fmt: skip
@example([5e-324])  # a tenth of the smallest float is zero: the span must still stay above it
def test_the_value_span_holds_every_value_and_zero_when_the_rule_says(values):
    from deckgen.kinds.charts._dots import Row, value_span

    rows = [Row(i, str(i), (v,), False) for i, v in enumerate(values)]
    lo, hi = value_span(rows)
    present = [v for v in values if v is not None] or [0.0]
    assert lo < hi
    assert lo <= min(present) and max(present) <= hi
    small, large = min(present), max(present)
    if (small >= 0 and small <= large / 2) or (large <= 0 and large >= small / 2):
        assert lo <= 0 <= hi  # a gap is measured from zero
    elif small > 0:
        assert lo > 0  # a cut axis: the dots mark positions


# --------------------------------------------------------------------------- crowded rows
def _between(putney: float) -> list[float]:
    """2021 half way from 2019 to 2023 in every district, Putney's at ``putney``."""
    middle = [round((a + b) / 2, 1) for a, b in zip(EARLY, LATE, strict=True)]
    middle[DISTRICTS.index("Putney")] = putney
    return middle


@pytest.mark.parametrize("theme", ["corporate", "dark"])
def test_a_highlighted_rows_middle_value_stays_when_the_others_give_way(theme: str):
    """Three values in twenty crowded rows: only the highlighted row's are written, its
    middle one (52.0%, clear of the rows around) with them; the axis gives the rest."""
    chart = job("dot", turnout(_between(52.0)), theme, format="percent:1",
                highlight=["Putney"])  # fmt: skip
    with leaving_out() as left:
        drawn = draw(chart)
    assert sorted(written(drawn)) == ["41.0%", "52.0%", "62.9%"]
    assert left == []
    assert drawn.removed == [] and overlaps(drawn.texts) == []


def test_a_highlighted_value_with_no_room_is_named_in_a_warning():
    """Putney's 2021 value (57.0%) would stand on Oxford's span above it or Reading's
    below: it is not written, and the build says so; its two ends are written."""
    chart = job("dot", turnout(_between(57.0)), format="percent:1", highlight=["Putney"])
    with leaving_out() as left:
        drawn = draw(chart)
    assert sorted(written(drawn)) == ["41.0%", "62.9%"]
    assert len(left) == 1 and "Putney 2021: 57.0%" in left[0]
    assert "value axis" in left[0]


#: Scorers with long names, made up for the test: the first is the story.
SCORERS_CSV = """player,goals,xg
Maximilian Oberhauser-Lindqvist,31,24.6
Dušan Vlahović,24,22.1
Jóhann Berg Guðmundsson,19,12.3
Łukasz Piszczek-Nowakowski,17,18.9
Ngolo Kanté,2,0.4
"""


def test_a_square_cards_rows_wrap_their_names_on_as_many_lines_as_they_have_room_for(
    tmp_path: Path,
) -> None:
    """A square card with room for two lines a row set each name on one line and cut the
    highlighted player, the one the title names, to 'Kylian…' (and two others), where the
    portrait card at the same width set them whole on 2 to 3 lines (found by fuzzing):
    rows too close for three lines take two where those hold every name whole."""
    from itertools import pairwise

    from deckgen.plan.cards import plan_cards
    from deckgen.tables.sources import load_tables
    from tests.helpers import load_outline, load_theme, write_project

    chart_yaml = (
        "{type: dot, data: scorers, x: player, y: [goals, xg], format: 'plain:1', "
        "series_labels: {goals: Goals, xg: Expected goals}, "
        "highlight: Maximilian Oberhauser-Lindqvist}"
    )
    outline = (
        "deck: {title: Season review, theme: contrast}\n"
        "data:\n  scorers: {file: scorers.csv}\n"
        "slides:\n  - kind: chart\n"
        "    title: Oberhauser-Lindqvist outscored his expected goals by 6.4\n"
        "    subtitle: Goals and expected goals (xG), top scorers 2025/26\n"
        "    source: Test data\n"
        f"    chart: {chart_yaml}\n"
        "    share: [ig-square]\n"
    )
    path = write_project(tmp_path, outline, {"scorers.csv": SCORERS_CSV})
    loaded = load_outline(path)
    [card] = plan_cards(loaded, load_tables(loaded), load_theme("contrast"))
    chart = card.job.chart.job
    names = list(chart.data.categories)
    # The rows every bundled font has room for (card_rows): three of the five.
    assert len(names) >= 3 and names[0] == "Maximilian Oberhauser-Lindqvist"
    seen: list[tuple[str, float, float]] = []

    def names_of(fig) -> None:
        renderer = fig.canvas.get_renderer()
        for t in fig.axes[0].get_yticklabels():
            if t.get_visible() and t.get_text():
                box = t.get_window_extent(renderer)
                seen.append((t.get_text(), box.y0, box.y1))

    drawn = draw(chart, names_of)
    assert drawn.removed == [] and overlaps(drawn.texts) == []
    # Every name, whole (a line may end at a name's hyphen).
    assert [" ".join(text.replace("-\n", "-").split()) for text, _, _ in seen] == names
    assert any("\n" in text for text, _, _ in seen)  # wrapped, not one line each
    # As many lines as the rows leave room for: three rows of this square card, three.
    assert all(text.count("\n") < len(names) for text, _, _ in seen)
    boxes = sorted(seen, key=lambda s: -s[2])
    assert all(upper[1] - lower[2] > 0.5 for upper, lower in pairwise(boxes))
