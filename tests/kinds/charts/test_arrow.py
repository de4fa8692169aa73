"""Arrow plots on data written for the test: an arrow per row from the first value to the
second, coloured by direction in colours that keep 3:1 in every theme, the change written
at the right (absolute, percent or none), and a stated refusal of a native form. What
arrow shares with dot and range plots is tested in test__dots.py."""

from __future__ import annotations

import math
from dataclasses import replace
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.colors import to_hex
from matplotlib.patches import FancyArrowPatch

from deckgen.errors import DeckgenError
from deckgen.kinds.charts._dots import rows_of
from deckgen.pipeline import BuildOptions, build
from deckgen.render.chartkit import contrast, direction_colors, legible
from deckgen.tables.select import ChartData, Series
from tests.helpers import write_project
from tests.kinds.charts.rows import (
    RENTS,
    SHARES_CSV,
    SPECS,
    THEMES,
    boxes_of,
    card_charts,
    draw,
    job,
    outline,
    overlaps,
    project,
    rents,
    shares,
    shares_cards,
)

if TYPE_CHECKING:
    from pathlib import Path

    from matplotlib.figure import Figure

ARROW = SPECS["arrow"]
#: The refusal, as the README documents it.
REFUSAL = (
    "an arrow chart has no native form: a PowerPoint chart has no arrow mark, and arrowheads "
    "on its lines (error bars) are not drawn by every application, so the direction would be "
    "lost"
)


@pytest.mark.parametrize("theme", THEMES)
def test_direction_colours_keep_3_to_1_and_differ_in_more_than_hue(theme: str):
    chart = job("arrow", rents(), theme)
    up, down = direction_colors(chart)
    background = chart.theme.theme.colors.background
    assert contrast(up, background) >= 3 and contrast(down, background) >= 3
    assert up != down
    for color in chart.spec.mark_colors(chart):
        assert contrast(color, background) >= 3


#: Output by plant, made up for this test: two rise, three fall, and the row the title is
#: about (highlighted) falls too.
PLANTS = ChartData(("Lyon", "Pune", "Leeds", "Osaka", "Tula", "Ghent"), (
    Series("2004", (12.0, 2.0, 10.5, 5.6, 2.7, 3.7)),
    Series("2023", (10.6, 5.9, 9.0, 4.0, 1.6, 6.1)),
))  # fmt: skip


@pytest.mark.parametrize("theme", THEMES)
def test_rises_and_falls_never_take_the_highlights_colour_and_their_change_reads(theme: str):
    """The dark theme drew its falls, arrows and '−1.5M', in vermillion beside its amber
    highlight: six rows read as highlighted, the one the title was about (a band) did not,
    and the text was at the edge of 4.5:1 (design review). No arrow nor change in any theme
    passes for the highlight (its hue, or close for any reader), and every change is text
    at 4.5:1 on its ground (the highlighted row's band)."""
    from deckgen.theming.colour import like_accent

    chart = job("arrow", PLANTS, theme, format="plain:1", highlight=["Lyon"])
    colors = chart.theme.theme.colors
    arrows: list[str] = []
    changes: dict[str, str] = {}

    def look(fig: Figure) -> None:
        ax = fig.axes[0]
        arrows.extend(to_hex(p.get_facecolor()).upper() for p in ax.patches
                      if isinstance(p, FancyArrowPatch))  # fmt: skip
        changes.update((t.get_text(), to_hex(t.get_color()).upper()) for t in ax.texts
                       if t.get_text()[:1] in ("+", "\u2212"))  # fmt: skip

    draw(chart, look)
    assert len(arrows) == 6 and len(changes) == 6, (arrows, changes)
    for color in {*arrows, *changes.values()}:
        assert not like_accent(color, colors.highlight), (color, colors.highlight)
    for text, color in changes.items():
        ground = colors.surface if text == "\u22121.4" else colors.background  # Lyon's band
        assert contrast(color, ground) >= 4.5, (text, color, ground)


def test_arrows_run_from_the_first_value_to_the_second_in_the_direction_colour():
    chart = job("arrow", rents("Miami", "Seattle", "Denver"))
    up, down = direction_colors(chart)
    arrows: list[FancyArrowPatch] = []
    draw(chart, lambda fig: arrows.extend(
        p for p in fig.axes[0].patches if isinstance(p, FancyArrowPatch)))  # fmt: skip
    assert len(arrows) == 2  # Denver is unchanged: a dot, no arrow
    miami, seattle = arrows
    assert (miami._posA_posB[0][0], miami._posA_posB[1][0]) == (1450, 2350)
    assert (seattle._posA_posB[0][0], seattle._posA_posB[1][0]) == (1760, 1745)
    assert to_hex(miami.get_facecolor()).upper() == up.upper()
    assert to_hex(seattle.get_facecolor()).upper() == down.upper()


def test_better_lower_draws_a_fall_in_the_increase_colour_and_a_rise_in_the_decrease():
    """Unemployment, costs, emissions: a fall is the good news (it took the vermillion)."""
    up, down = direction_colors(job("arrow", rents()))
    chart = job("arrow", rents("Miami", "Seattle"), better="lower")
    assert direction_colors(chart) == (down, up)
    arrows: list[FancyArrowPatch] = []
    draw(chart, lambda fig: arrows.extend(
        p for p in fig.axes[0].patches if isinstance(p, FancyArrowPatch)))  # fmt: skip
    miami, seattle = arrows  # Miami rose, Seattle fell
    assert to_hex(miami.get_facecolor()).upper() == down.upper()
    assert to_hex(seattle.get_facecolor()).upper() == up.upper()


def test_the_change_is_written_at_the_right_absolute_by_default():
    drawn = draw(job("arrow", rents("Miami", "Seattle", "Denver")))
    texts = [t for t, _ in drawn.texts]
    assert {"+$900", "\u2212$15", "Change"} <= set(texts)
    (head,) = boxes_of(drawn, "Change")
    (miami,) = boxes_of(drawn, "+$900")
    assert abs(head[2] - miami[2]) < 1  # one right-aligned column
    assert "2015" in texts and "2024" in texts  # the ends named above the first row


def test_the_change_column_keeps_the_formats_precision_and_one_unit():
    """Written as the title writes them ('1.4 million fewer'): one decimal, in millions
    for every row, one format for the column; Brazil's change, too small for that
    precision, is '+<0.1M', a rise under the column's smallest step: not '+0.008M' beside
    '+24.9M' (review), nor '0.0M', no change (a later review; the sample's G20 production
    figures). No change at all is '0'."""
    data = ChartData(("China", "USA", "Brazil", "Korea", "Peru", "Chile"), (
        Series("2004", (5_234_496.0, 11_989_387.0, 2_317_227.0, 3_469_464.0, 40_000.0, 9.0)),
        Series("2023", (30_160_966.0, 10_611_555.0, 2_324_838.0, 4_241_597.0, 31_000.0, 9.0)),
    ))  # fmt: skip
    chart = job("arrow", data, format="compact:1")
    texts = {t for t, _ in draw(chart).texts}
    assert {"+24.9M", "\u22121.4M", "+<0.1M", "\u2212<0.1M", "+0.8M", "0"} <= texts
    column = [chart.spec.change_text(chart, r) for r in rows_of(chart)]
    assert column == ["+24.9M", "\u22121.4M", "+<0.1M", "+0.8M", "\u2212<0.1M", "0"]


#: Changes of 1.0M down to nothing, written at one decimal in millions (made up for these
#: tests): Rise, Edge (+60,000: '+0.1M') and Fall move at that precision; Nudge (+40,000,
#: an arrow long enough to draw) and Dip (-30,000) are under its step; Flat does not move.
NEAR = ChartData(("Rise", "Nudge", "Dip", "Flat", "Edge", "Fall"), (
    Series("2004", (1_000_000.0, 1_000_000.0, 1_500_000.0, 1_250_000.0, 1_000_000.0,
                    1_500_000.0)),
    Series("2023", (2_000_000.0, 1_040_000.0, 1_470_000.0, 1_250_000.0, 1_060_000.0,
                    1_440_000.0)),
))  # fmt: skip


def test_a_change_under_the_columns_step_is_written_less_than_it_with_its_direction():
    """The sample's Brazil, +7,611 vehicles beside China's +24.9M, read '0.0M' in the grey
    of no change: a rise printed as none (review). A change the column's precision would
    write as zero is less than its smallest step, signed and coloured by its direction
    ('+<0.1M', '−<0.1M'); only no change at all is '0' in the grey."""
    chart = job("arrow", NEAR, format="compact:1")
    up, down = direction_colors(chart)
    column = {r.name: chart.spec.column(chart, r) for r in rows_of(chart)}
    assert {name: text for name, (text, _) in column.items()} == {
        "Rise": "+1.0M", "Nudge": "+<0.1M", "Dip": "\u2212<0.1M", "Flat": "0",
        "Edge": "+0.1M", "Fall": "\u22120.1M",
    }  # fmt: skip
    colors = {name: color for name, (_, color) in column.items()}
    assert colors["Rise"] == colors["Nudge"] == colors["Edge"] == legible(chart, up)
    assert colors["Dip"] == colors["Fall"] == legible(chart, down)
    assert colors["Flat"] not in {legible(chart, up), legible(chart, down)}
    assert {"+<0.1M", "\u2212<0.1M", "+0.1M", "0"} <= {t for t, _ in draw(chart).texts}


def test_a_change_under_the_columns_step_is_drawn_in_its_direction():
    """Nudge's +40,000 is long enough to draw as an arrow on an axis spanning 1.0M to
    2.0M: it was the grey dot of no change beside '0.0M'. Every row that moves is drawn
    its way in its colour; only Flat, which does not move, is the grey dot."""
    chart = job("arrow", NEAR, format="compact:1")
    up, _ = direction_colors(chart)
    rows = {r.index: r for r in rows_of(chart)}
    arrows: dict[str, str] = {}
    dots: dict[str, str] = {}

    def inspect(fig: Figure) -> None:
        ax = fig.axes[0]
        for p in ax.patches:
            if isinstance(p, FancyArrowPatch):
                arrows[rows[round(p._posA_posB[0][1])].name] = to_hex(p.get_facecolor())
        for line in ax.lines:
            if line.get_marker() == "o":
                (y,) = line.get_ydata()
                dots[rows[round(y)].name] = to_hex(line.get_color()).upper()

    draw(chart, inspect)
    assert {"Rise", "Nudge", "Edge", "Fall"} <= set(arrows)
    assert arrows["Nudge"].upper() == up.upper()
    assert "Flat" in dots and dots["Flat"] not in {c.upper() for c in direction_colors(chart)}
    assert set(arrows) | set(dots) == set(NEAR.categories) and not set(arrows) & set(dots)
    marks = {chart.spec.direction(chart, r) for r in rows.values()}
    assert sorted(chart.spec.mark_colors(chart)) == sorted(marks)


def test_a_dot_for_a_change_too_short_to_draw_takes_its_colour_and_its_label_the_sign():
    """A change far too small to draw beside the largest (+10 beside +1,000,000) is a dot,
    which says no direction: it takes the row's direction colour and its column the sign,
    '+<0.1M', never the grey '0.0M' of no change."""
    data = ChartData(("Big", "Tiny"), (
        Series("2004", (1_000_000.0, 1_500_000.0)), Series("2023", (2_000_000.0, 1_500_010.0)),
    ))  # fmt: skip
    chart = job("arrow", data, format="compact:1")
    up, _ = direction_colors(chart)
    dots: list[str] = []

    def inspect(fig: Figure) -> None:
        dots.extend(to_hex(line.get_color()).upper() for line in fig.axes[0].lines
                    if line.get_marker() == "o")  # fmt: skip

    texts = {t for t, _ in draw(chart, inspect).texts}
    assert dots == [up.upper()]
    assert "+<0.1M" in texts and "0.0M" not in texts


def test_the_alt_text_counts_and_says_a_change_under_the_columns_step_in_words():
    """The alt text counted Nudge and Dip 'little changed' and wrote '(0.0 million)': a
    rise said as none. They rose and fell, said as the column writes them, in words: 'up
    by less than 0.1 million' (not 'plus less than'). The others are at the column's
    precision too: Edge and Fall were '+60 thousand' here, which the column writes
    '+0.1M' (design review of the sample's South Korea, '+772.1 thousand' beside
    '+0.8M'; the next test)."""
    alt = job("arrow", NEAR, format="compact:1").alt()
    assert "3 rose and 2 fell, 1 unchanged;" in alt
    assert "Nudge from 1.0 million to 1.0 million (up by less than 0.1 million)" in alt
    assert "Dip from 1.5 million to 1.5 million (down by less than 0.1 million)" in alt
    assert "Flat from 1.3 million to 1.3 million (0)" in alt
    assert "Edge from 1.0 million to 1.1 million (+0.1 million)" in alt
    assert "Fall from 1.5 million to 1.4 million (\u22120.1 million)" in alt
    assert "thousand" not in alt and "0.0 million" not in alt and "little" not in alt
    only = ChartData(("Rise", "Nudge"), (Series("2004", (1e6, 1e6)), Series("2023", (2e6, 0.99e6))))
    assert "Nudge fell, by less than 0.1 million," in job("arrow", only, format="compact:1").alt()


def test_the_alt_text_writes_every_change_in_the_columns_unit_and_precision():
    """The column writes Korea's +772,133 as '+0.8M' beside China's '+24.9M'; the alt
    text wrote '+772.1 thousand', a number the chart never shows (design review of the
    sample's slide 13). Every row's change, and the most a row rose or fell by, is said
    as the column writes it, in words; the ends keep their own precision."""
    data = ChartData(("China", "USA", "Korea"), (
        Series("2004", (5_234_496.0, 11_989_387.0, 3_469_464.0)),
        Series("2023", (30_160_966.0, 10_611_555.0, 4_241_597.0)),
    ))  # fmt: skip
    chart = job("arrow", data, format="compact:1")
    alt = chart.alt()
    column = {r.name: chart.spec.change_text(chart, r) for r in rows_of(chart)}
    assert column == {"China": "+24.9M", "USA": "\u22121.4M", "Korea": "+0.8M"}
    assert "Korea from 3.5 million to 4.2 million (+0.8 million)" in alt
    assert "USA fell, by 1.4 million," in alt
    assert "China rose most, by 24.9 million," in alt
    assert "thousand" not in alt


def test_a_tie_for_the_largest_change_is_said_as_a_tie():
    """'Local council fell most, by 7.0 percentage points' where Police, the highlighted
    row, fell by the same 7.0 (found in review): rows whose change prints alike share the
    most, in the chart's order; a group all alike fell by it each."""
    data = ChartData(("Local council", "Courts", "Police", "News media"), (
        Series("2019", (52.5, 61.0, 58.0, 22.0)), Series("2024", (45.5, 64.0, 51.0, 16.5)),
    ))  # fmt: skip
    alt = job("arrow", data, format="percent:1", highlight=["Police"]).alt()
    assert "Local council and Police fell most, by 7.0 percentage points each;" in alt
    assert "; Local council fell most" not in alt and "; Police fell most" not in alt
    assert "Courts rose, by 3.0 percentage points, from 61.0 percent to 64.0 percent" in alt
    # 7.04 and 6.96 both print 7.0: alike as a reader sees them.
    alike = ChartData(("A", "B"), (Series("2019", (52.54, 58.0)), Series("2024", (45.5, 51.04))))
    said = job("arrow", alike, format="percent:1").alt()
    assert "A and B each fell by 7.0 percentage points;" in said


def test_a_signed_format_signs_the_change_column_once():
    """The column signs every change itself; a signed format ('+compact:1') wrote
    '++24.9M', and its ends take the format's plus as written."""
    data = ChartData(("China", "USA"), (
        Series("2004", (5_234_496.0, 11_989_387.0)),
        Series("2023", (30_160_966.0, 10_611_555.0)),
    ))  # fmt: skip
    for change in ("absolute", "none"):
        chart = job("arrow", data, format="+compact:1", change=change)
        column = {r.name: chart.spec.change_text(chart, r) for r in rows_of(chart)}
        if change == "absolute":
            assert column == {"China": "+24.9M", "USA": "\u22121.4M"}
        alt = chart.alt()
        assert "USA fell, by 1.4 million," in alt
        assert "China rose, by 24.9 million," in alt
        assert "++" not in alt


def test_a_cards_change_under_the_columns_step_reads_as_the_slides(tmp_path: Path):
    """A card draws the slide's chart, so says the same: '+<0.1M' in the increase colour,
    and its alt text counts the row as a rise."""
    csv = "".join(f"{n},{a},{b}\n" for n, a, b in [("city", "rent_2015", "rent_2024"), *zip(
        NEAR.categories, *(s.values for s in NEAR.series), strict=True)])  # fmt: skip
    spec = ARROW.replace("$plain:0", "compact:1").replace("change: percent", "change: absolute")
    for preset, card in card_charts(tmp_path, spec, csv).items():
        column = {r.name: card.spec.column(card, r) for r in rows_of(card)}
        up, down = direction_colors(card)
        assert column["Nudge"] == ("+<0.1M", legible(card, up)), preset
        assert column["Dip"] == ("\u2212<0.1M", legible(card, down)), preset
        assert column["Flat"][0] == "0" and column["Edge"][0] == "+0.1M", preset
        assert "+<0.1M" in {t for t, _ in draw(card).texts}, preset
        assert "up by less than 0.1 million" in card.alt() and "+40" not in card.alt(), preset


def test_percent_change_keeps_a_decimal_when_it_would_round_to_nothing():
    data = ChartData(("Miami", "Akron", "Seattle"), (
        Series("2015", (1450.0, 1000.0, 1760.0)), Series("2024", (2350.0, 1003.0, 1745.0)),
    ))  # fmt: skip
    texts = {t for t, _ in draw(job("arrow", data, change="percent")).texts}
    assert {"+62%", "+0.3%", "\u22121%"} <= texts


def test_percentage_values_change_by_points():
    data = ChartData(("Ohio", "Utah"), (Series("2015", (61.0, 48.0)), Series("2024", (58.0, 55.0))))
    chart = job("arrow", data, format="percent:0")
    texts = {t for t, _ in draw(chart).texts}
    assert {"\u22123 pts", "+7 pts"} <= texts
    assert "(\u22123 percentage points)" in chart.alt()


def test_a_german_chart_writes_its_points_and_percentages_in_german():
    """A German deck's arrow chart wrote its changes '+0,4 pts' (found in review), and a
    percent change '+1,234%' with English marks; its alt text said '0,4 percentage points',
    a German number in an English sentence. The words are the deck's, the numbers its
    marks'; the alt text is English, numbers and all."""
    from dataclasses import replace as changed

    from deckgen.outline.formats import marks_of
    from deckgen.outline.words import words_for

    data = ChartData(("Bayern", "Hessen", "Bremen"), (
        Series("2019", (15.6, 7.5, 1.0)), Series("2024", (16.0, 7.0, 13.5)),
    ))  # fmt: skip
    german = {"words": words_for("de_DE").chart, "marks": marks_of("de_DE")}
    points = changed(job("arrow", data, format="percent:1"), **german)
    texts = {t for t, _ in draw(points).texts}
    assert {"+0,4 Pp.", "\u22120,5 Pp.", "Veränderung"} <= texts
    assert not any("pts" in t for t in texts)
    alt = points.alt()
    assert "(+0.4 percentage points)" in alt and "0,4" not in alt
    percent = changed(job("arrow", data, change="percent"), **german)
    texts = {t for t, _ in draw(percent).texts}
    assert {"+3%", "\u22127%", "+1.250%"} <= texts  # (13.5 - 1) / 1 = 1,250%
    assert "+1,250 percent" in percent.alt()


def test_change_none_leaves_the_column_out():
    texts = {t for t, _ in draw(job("arrow", rents("Miami", "Seattle"), change="none")).texts}
    assert "Change" not in texts and "+$900" not in texts
    assert "$2,350" in texts


def test_a_missing_value_is_a_dot_with_no_change():
    drawn = draw(job("arrow", rents("Tulsa", "Miami")))
    texts = {t for t, _ in drawn.texts}
    assert "$760" in texts and "+$900" in texts
    assert not any(t.startswith("+$") and t != "+$900" for t in texts)


def test_arrow_with_three_series_is_an_error(tmp_path: Path):
    spec = ARROW.replace("y: [rent_2015, rent_2024]", "y: [rent_2015, rent_2020, rent_2024]")
    with pytest.raises(DeckgenError) as caught:
        build(project(tmp_path, spec), BuildOptions(out_dir=tmp_path / "out"))
    assert "an arrow chart shows two values per category" in caught.value.format_message()


def test_native_true_is_refused_with_the_reason(tmp_path: Path):
    path = project(tmp_path, ARROW.replace("{type", "{native: true, type"))
    with pytest.raises(DeckgenError) as caught:
        build(path, BuildOptions(out_dir=tmp_path / "out"))
    message = " ".join(caught.value.format_message().split())
    assert "slides[0].chart.native" in message
    assert REFUSAL in message


def test_native_charts_keep_an_arrow_chart_a_picture_with_a_warning(tmp_path: Path):
    result = build(project(tmp_path, ARROW), BuildOptions(out_dir=tmp_path / "out",
                                                          native_charts=True))  # fmt: skip
    assert result.pictures == 1
    assert any("kept as a picture" in w and "no arrow mark" in w for w in result.warnings)


def test_the_card_form_fits_its_rows_at_the_card_sizes(tmp_path: Path):
    for preset, card in card_charts(tmp_path, ARROW).items():
        drawn = draw(card)
        assert drawn.removed == [], preset
        assert overlaps(drawn.texts) == [], preset


def test_rows_keep_the_data_order():
    chart = job("arrow", rents())
    assert list(chart.data.categories) == list(RENTS)


@settings(max_examples=200, deadline=None)
@given(
    a=st.floats(-1e9, 1e9, allow_nan=False),
    b=st.floats(-1e9, 1e9, allow_nan=False),
    mode=st.sampled_from(["absolute", "percent"]),
)
def test_the_change_is_signed_by_its_direction(a: float, b: float, mode: str):
    from deckgen.kinds.charts._dots import Row

    chart = job("arrow", rents("Miami"), change=mode, format="plain:2")
    text = chart.spec.change_text(chart, Row(0, "X", (a, b), False))
    if mode == "percent" and not math.isfinite(abs(b - a) / abs(a) * 100 if a else math.inf):
        assert text is None  # no percent change from zero (or next to it)
        return
    assert text is not None
    # Signed by its direction, however small: one under the column's step is '+<0.01'.
    assert text[0] == ("+" if b > a else "\u2212" if b < a else "0"), text
    number = text.lstrip("+\u2212")
    assert any(c in "123456789" for c in number) or b == a, text
    if mode == "absolute" and number.startswith("<"):
        assert number == "<0.01" and 0 < abs(b - a) < 0.005, text
    elif mode == "absolute":
        assert float(number.replace(",", "")) == pytest.approx(
            abs(b - a), abs=0.005 + 1e-9 * abs(b - a)
        )


@pytest.mark.parametrize("theme", ["corporate", "dark", "contrast"])
def test_a_short_highlighted_change_keeps_its_arrowhead(theme: str):
    """40% to 37% on a square card's chart: the highlighted row's thicker shaft left no
    room for a head, and the row the card was about was drawn as a bare dot, its direction
    lost (found by fuzzing). Every row with a change is an arrow pointing its way."""
    from deckgen.layout.units import Inches
    from deckgen.render.jobs import Canvas

    names = ["I feel less isolated", "I know where to get help", "My confidence has grown",
             "I can manage my money better", "I have found work or training"]  # fmt: skip
    data = ChartData(tuple(names), (Series("2023", (61.0, 55.0, 48.0, 40.0, 22.0)),
                                    Series("2024", (72.0, 68.0, 59.0, 37.0, 31.0))))  # fmt: skip
    card = Canvas(Inches(6.67), Inches(4.46), dpi=144, scale=1.0)
    chart = replace(job("arrow", data, theme, format="percent:0",
                        highlight="I can manage my money better"), canvas=card)  # fmt: skip
    arrows: list[FancyArrowPatch] = []
    dots: list[object] = []

    def inspect(fig) -> None:
        ax = fig.axes[0]
        arrows.extend(p for p in ax.patches if isinstance(p, FancyArrowPatch))
        dots.extend(line for line in ax.get_lines() if line.get_marker() == "o")

    draw(chart, inspect)
    assert not dots
    ends = sorted((a._posA_posB[0][0], a._posA_posB[1][0]) for a in arrows)
    assert ends == [(22, 31), (40, 37), (48, 59), (55, 68), (61, 72)]


def _limits(chart) -> tuple[float, float]:
    found: list[tuple[float, float]] = []
    draw(chart, lambda fig: found.append(fig.axes[0].get_xlim()))
    return found[0]


def test_the_axis_spans_the_values_not_down_to_zero():
    """Shares of 4.4% to 21.9% changing by 0.1 to 0.4 points were drawn on an axis from 0%:
    every arrow one dot beside a column writing '+0.4 pts' (found in review). A value is
    read by its place, a change by its arrow's length: the axis spans the values, unless
    the outline's axis takes zero in."""
    lo, hi = _limits(job("arrow", shares(), format="percent:1"))
    assert 0 < lo < 4.4 and hi > 21.9
    lo, _ = _limits(job("arrow", shares(), format="percent:1", axis={"zero": True}))
    assert lo <= 0


def test_arrows_too_short_to_see_are_said_naming_the_rows_and_the_fix(tmp_path: Path):
    """Where even the values' span leaves arrows shorter than their heads, the picture says
    no change where the column writes one: the build warns (and check, NUM011) naming the
    chart, the rows and how many, and the fix (the change itself as bars). A change that is
    small beside the largest (Chicago's +$12 beside Miami's +$900) is a dot on any chart:
    nothing is said of it."""
    from deckgen.render.chartkit import leaving_out

    chart = job("arrow", shares(), format="percent:1")
    with leaving_out() as notes:
        draw(chart)
    said = chart.spec.unseen_marks(chart)  # as check asks: the same words
    assert said is not None and notes == [f"{said[0]}; {said[1]}"]
    message, fix = said
    assert message.startswith("the arrows of 5 of its 8 rows are shorter than their heads")
    assert "(Baden-Württemberg, Niedersachsen, Hessen, Sachsen and Berlin)" in message
    assert fix.startswith(
        "chart the change itself as bars: a derived table 'rents_change: {from: rents, steps: "
        '[{compute: {change: "y1 - y0"}}]}\' and a horizontal bar chart of it with '
        "'y: change' and 'format: plain:1'"  # points, not percent
    )
    rents_chart = job("arrow", rents())
    with leaving_out() as notes:
        draw(rents_chart)
    assert notes == [] and rents_chart.spec.unseen_marks(rents_chart) is None
    # A build warns at the slide.
    spec = """{type: arrow, data: shares, x: state, y: [share_2019, share_2024],
              series_labels: {share_2019: "2019", share_2024: "2024"}, format: "percent:1"}"""
    text = outline(spec, "Bayern grew most").replace("rents: {file: rents.csv}",
                                                     "shares: {file: shares.csv}")  # fmt: skip
    path = write_project(tmp_path, text, {"shares.csv": SHARES_CSV})
    result = build(path, BuildOptions(out_dir=tmp_path / "out"))
    assert [w for w in result.warnings if "shorter than their heads" in w] == [
        f"{path}:5: slides[0]: the arrows of 5 of its 8 rows are shorter than their heads"
        + message.partition("their heads")[2]
        + "; "
        + fix.replace("rents", "shares").replace("y1 - y0", "share_2024 - share_2019")
    ]


#: Shares (made up for this test) of 6.5% to 21.9% changing by 3.3 to 3.4 points.
MOVES_CSV = """state,share_2019,share_2024
Nordrhein-Westfalen,18.5,21.9
Bayern,12.6,16.0
Baden-Württemberg,16.8,13.5
Niedersachsen,6.5,9.8
Hessen,10.9,7.6
"""


def _arrows_and_head(chart) -> tuple[list[float], float]:
    """The arrows' lengths in points as drawn, and an arrowhead's length."""
    from deckgen.kinds.charts._dots import Row
    from deckgen.kinds.charts.arrow import HEAD
    from deckgen.render.chartkit import points_per_unit

    lengths: list[float] = []

    def read(fig) -> None:
        ax = fig.axes[0]
        scale = points_per_unit(ax)[0]
        lengths.extend(abs(p._posA_posB[1][0] - p._posA_posB[0][0]) * scale
                       for p in ax.patches if isinstance(p, FancyArrowPatch))  # fmt: skip

    draw(chart, read)
    return lengths, HEAD * chart.spec.shaft(chart, Row(0, "", (), highlighted=False))


def test_an_x_post_card_spans_the_values_so_each_arrow_is_longer_than_its_head(
    tmp_path: Path,
):
    """Changes of 3.3 to 3.4 points on shares of 6.5% to 21.9%: an x-post card, no round
    tick set taking them in having room for its labels, widened its axis to 0% to 25% for
    one label, and every arrow was shorter than its head (8.5 to 8.8 pt beside a 13.6 pt
    head), which the build warned of (found in review). The axis spans the
    values, so each arrow's length is its change: longer than its head, nothing said."""
    card = shares_cards(tmp_path, "arrow", ["x-post"], MOVES_CSV)["x-post"]
    lengths, head = _arrows_and_head(card)
    assert len(lengths) == 5 and min(lengths) > head, (lengths, head)
    assert card.spec.unseen_marks(card) is None


def test_arrows_too_short_on_any_axis_are_still_said_on_a_card(tmp_path: Path):
    """Changes of a thousandth of a point on shares of 1% to 99%: no axis spanning the
    values draws them longer than their heads, and the card says so (NUM011)."""
    rows = [("Aland", 1.0), ("Borland", 30.0), ("Cumbria", 55.0), ("Dorset", 80.0),
            ("Essex", 99.0)]  # fmt: skip
    csv = "state,share_2019,share_2024\n" + "".join(f"{n},{v},{v + 0.001}\n" for n, v in rows)
    card = shares_cards(tmp_path, "arrow", ["x-post"], csv)["x-post"]
    lengths, head = _arrows_and_head(card)
    assert all(length < head for length in lengths)
    said = card.spec.unseen_marks(card)
    assert said is not None and "shorter than their heads" in said[0]


def test_a_narrow_charts_change_column_writes_its_unit_once_as_its_head(tmp_path: Path):
    """Changes of 0.1 to 0.4 points on shares of 4.4% to 21.9%: on an x-post card the
    column's '+0,4 Pp.' took 110 of the chart's 191 pt, the marks under a quarter of it
    (found in review). A narrow chart writes the changes bare under the unit as the
    column's head ('Pp.' over '+0,4'), the marks taking over a third of the width; a
    slide's wider chart keeps '+0,4 Pp.' (the German test above)."""
    rows = [("Nordrhein-Westfalen", 21.5, 21.9), ("Bayern", 15.6, 16.0),
            ("Baden-Württemberg", 13.3, 13.5), ("Niedersachsen", 9.6, 9.5),
            ("Hessen", 7.5, 7.6), ("Berlin", 4.4, 4.6)]  # fmt: skip
    csv = "state,share_2019,share_2024\n" + "".join(f"{n},{a},{b}\n" for n, a, b in rows)
    card = shares_cards(tmp_path, "arrow", ["x-post"], csv)["x-post"]
    values = [v for s in card.data.series for v in s.values if v is not None]
    spans: list[float] = []

    def read(fig) -> None:  # the values' share of the axis's width
        a, b = fig.axes[0].get_xlim()
        spans.append((max(values) - min(values)) / (b - a))

    texts = {t for t, _ in draw(card, read).texts}
    assert {"Pp.", "+0,4", "\u22120,1"} <= texts, texts
    assert not any(t.endswith(" Pp.") for t in texts), texts
    assert spans[0] > 1 / 3, spans
