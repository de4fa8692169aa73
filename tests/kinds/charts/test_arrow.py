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


#: The review's regions (EUR thousands, Q4 2025 against its target; made up for it):
#: North's and East's ends read '1.5K → 1.5K' and '1.8K → 1.8K' at one decimal, and every
#: change is under the one-decimal step's double.
REGIONS = ChartData(("North", "South", "East", "West", "Central", "Online"), (
    Series("Target", (1450.0, 1100.0, 1750.0, 800.0, 1200.0, 900.0)),
    Series("Actual", (1498.75, 1043.2, 1811.9, 702.4, 1250.0, 1032.6)),
))  # fmt: skip


def _ends_and_change(chart) -> dict[str, tuple[str, str, str | None]]:
    spec = chart.spec
    return {r.name: (spec.value_text(chart, r, 0), spec.value_text(chart, r, 1),
                     spec.change_text(chart, r)) for r in rows_of(chart)}  # fmt: skip


def test_ends_that_differ_never_read_alike_and_the_change_is_in_their_unit():
    """'North 1.5K → 1.5K +48.8' (found in review): two ends that differ were written
    alike, and the change at the right was a bare number beside ends in thousands. The ends
    take the decimals that tell them apart, and the change is their difference, in their
    unit and to their decimals. Changes read down the column together share them: South's
    1.1K to 1.0K read '−0.1K' for −56.8, and Central's 1.2K to 1.3K '+0.1K' for +50, so
    every row takes the second decimal, not North and East alone."""
    chart = job("arrow", REGIONS, format="compact:1")
    assert _ends_and_change(chart) == {
        "North": ("1.45K", "1.50K", "+0.05K"), "South": ("1.10K", "1.04K", "\u22120.06K"),
        "East": ("1.75K", "1.81K", "+0.06K"), "West": ("0.80K", "0.70K", "\u22120.10K"),
        "Central": ("1.20K", "1.25K", "+0.05K"), "Online": ("0.90K", "1.03K", "+0.13K"),
    }  # fmt: skip
    texts = {t for t, _ in draw(chart).texts}
    assert {"1.45K", "1.50K", "+0.05K", "0.70K", "+0.13K"} <= texts
    assert not any(t in texts for t in ("1.5K", "+48.8", "+132.6"))
    alt = chart.alt()
    assert "North from 1.45 thousand to 1.50 thousand (+0.05 thousand)" in alt
    assert "Online rose most, by 0.13 thousand, from 0.90 thousand to 1.03 thousand" in alt
    assert "48.8" not in alt and "132.6" not in alt


def test_the_change_between_percentages_is_the_values_own_in_points():
    """The review's survey: '52% → 46%' is labelled '−7 pts' and '61% → 55%' '−5 pts',
    the values' 6.7 and 5.3 points, as a title bound from the data states them (a reader
    subtracting the labels gets 6 and 6: within a fifth, the newsroom's 'changes from
    unrounded figures'). The alt text says the same numbers."""
    data = ChartData(("18–29", "45–64", "65 and over"), (
        Series("2022", (37.6, 52.3, 60.6)), Series("2025", (42.8, 45.6, 55.3)),
    ))  # fmt: skip
    chart = job("arrow", data, format="percent:0")
    assert _ends_and_change(chart) == {
        "18–29": ("38%", "43%", "+5 pts"), "45–64": ("52%", "46%", "\u22127 pts"),
        "65 and over": ("61%", "55%", "\u22125 pts"),
    }  # fmt: skip
    texts = {t for t, _ in draw(chart).texts}
    assert {"\u22127 pts", "\u22125 pts"} <= texts and "\u22126 pts" not in texts
    alt = chart.alt()
    assert "45–64 from 52 percent to 46 percent (\u22127 percentage points)" in alt
    assert "\u22126 percentage" not in alt


def test_a_change_small_beside_the_others_takes_the_decimals_of_its_own_row():
    """The sample's Brazil, 2,317,227 to 2,324,838 vehicles beside China's 5.2M to 30.2M:
    its ends read '2.3M → 2.3M' beside '+<0.1M', which says it moved but not that the two
    labels differ. Its row takes the decimals that tell its ends apart ('2.317M → 2.325M',
    '+0.008M'); the others keep the format's one decimal (given to every row, China read
    '5.234M'), each change the values' own: China's '+24.9M' between '5.2M' and
    '30.2M', as a title bound from the data says it. No change at all is '0'."""
    data = ChartData(("China", "USA", "Brazil", "Korea", "Peru", "Flat"), (
        Series("2004", (5_234_496.0, 11_989_387.0, 2_317_227.0, 3_469_464.0, 1_540_000.0,
                        2_000_000.0)),
        Series("2023", (30_160_966.0, 10_611_555.0, 2_324_838.0, 4_241_597.0, 1_531_000.0,
                        2_000_000.0)),
    ))  # fmt: skip
    chart = job("arrow", data, format="compact:1")
    assert _ends_and_change(chart) == {
        "China": ("5.2M", "30.2M", "+24.9M"), "USA": ("12.0M", "10.6M", "\u22121.4M"),
        "Brazil": ("2.317M", "2.325M", "+0.008M"), "Korea": ("3.5M", "4.2M", "+0.8M"),
        "Peru": ("1.54M", "1.53M", "\u22120.01M"), "Flat": ("2.0M", "2.0M", "0"),
    }  # fmt: skip
    texts = {t for t, _ in draw(chart).texts}
    assert {"2.317M", "2.325M", "+0.008M", "+24.9M", "0"} <= texts
    assert "Brazil from 2.317 million to 2.325 million (+0.008 million)" in chart.alt()
    # A title computed from the data ('24.9 million more') still finds its number.
    assert any(abs(v - 24_926_470) < 1 for v in chart.spec.printed_values(chart))


#: Changes of 1.0M down to nothing, written at one decimal in millions (made up for these
#: tests): Rise moves at that precision; Nudge (+40,000, an arrow long enough to draw) and
#: Dip (-30,000) read alike there, Edge (+60,000) and Fall (-60,000) as '+0.1M'; Flat does
#: not move.
NEAR = ChartData(("Rise", "Nudge", "Dip", "Flat", "Edge", "Fall"), (
    Series("2004", (1_000_000.0, 1_000_000.0, 1_500_000.0, 1_250_000.0, 1_000_000.0,
                    1_500_000.0)),
    Series("2023", (2_000_000.0, 1_040_000.0, 1_470_000.0, 1_250_000.0, 1_060_000.0,
                    1_440_000.0)),
))  # fmt: skip


def test_a_small_change_is_written_with_its_direction_and_colour():
    """The sample's Brazil read '0.0M' in the grey of no change: a rise printed as none
    (review); then '+<0.1M' between ends written alike. A change small beside the others
    is written with the decimals its row's ends need, signed and coloured by its
    direction; only no change at all is '0' in the grey."""
    chart = job("arrow", NEAR, format="compact:1")
    up, down = direction_colors(chart)
    column = {r.name: chart.spec.column(chart, r) for r in rows_of(chart)}
    assert {name: text for name, (text, _) in column.items()} == {
        "Rise": "+1.0M", "Nudge": "+0.04M", "Dip": "\u22120.03M", "Flat": "0",
        "Edge": "+0.06M", "Fall": "\u22120.06M",
    }  # fmt: skip
    colors = {name: color for name, (_, color) in column.items()}
    assert colors["Rise"] == colors["Nudge"] == colors["Edge"] == legible(chart, up)
    assert colors["Dip"] == colors["Fall"] == legible(chart, down)
    assert colors["Flat"] not in {legible(chart, up), legible(chart, down)}
    assert {"+0.04M", "\u22120.03M", "1.00M", "1.04M", "0"} <= {t for t, _ in draw(chart).texts}


def test_ends_alike_even_at_six_decimals_write_a_change_under_their_step():
    """A change of 0.4 on 1,000,000 is alike at the most decimals a label takes: the
    change is less than their step, with its direction ('+<0.000001M'), never '0'."""
    data = ChartData(("Big", "Hair"), (
        Series("2004", (1_000_000.0, 1_500_000.0)), Series("2023", (2_000_000.0, 1_500_000.4)),
    ))  # fmt: skip
    chart = job("arrow", data, format="compact:1")
    (hair,) = [r for r in rows_of(chart) if r.name == "Hair"]
    assert chart.spec.change_text(chart, hair) == "+<0.000001M"
    assert "Hair from 1.500000 million to 1.500000 million (up by less than 0.000001 million)" in (
        chart.alt()
    )


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
    which says no direction: it takes the row's direction colour and its column the sign
    ('+0.00001M', between ends its row writes '1.50000M' and '1.50001M'), never the grey
    '0.0M' of no change."""
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
    assert {"+0.00001M", "1.50000M", "1.50001M"} <= texts and "0.0M" not in texts


def test_the_alt_text_counts_and_says_a_small_change_as_the_column_writes_it():
    """The alt text counted Nudge and Dip 'little changed' and wrote '(0.0 million)': a
    rise said as none. They rose and fell, said as their rows write them, ends and change,
    in words, in the column's unit: Edge and Fall were '+60 thousand' here (design review
    of the sample's South Korea, '+772.1 thousand' beside '+0.8M'; the next test)."""
    alt = job("arrow", NEAR, format="compact:1").alt()
    assert "3 rose and 2 fell, 1 unchanged;" in alt
    assert "Nudge from 1.00 million to 1.04 million (+0.04 million)" in alt
    assert "Dip from 1.50 million to 1.47 million (\u22120.03 million)" in alt
    assert "Flat from 1.3 million to 1.3 million (0)" in alt
    assert "Edge from 1.00 million to 1.06 million (+0.06 million)" in alt
    assert "Fall from 1.50 million to 1.44 million (\u22120.06 million)" in alt
    assert "thousand" not in alt and "0.0 million" not in alt and "little" not in alt
    only = ChartData(("Rise", "Nudge"), (Series("2004", (1e6, 1e6)), Series("2023", (2e6, 0.99e6))))
    assert "Nudge fell, by 0.01 million," in job("arrow", only, format="compact:1").alt()


def test_the_alt_text_writes_every_change_in_the_columns_unit_and_precision():
    """The column writes Korea's change between '3.5M' and '4.2M' as '+0.8M' beside
    China's '+24.9M'; the alt text wrote '+772.1 thousand', a number the chart never
    shows (design review of the sample's slide 13). Every row's change, and the most a
    row rose or fell by, is said as the column writes it, in words."""
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
    '++24.9M', and its ends take the format's plus as written. With or without the
    column, the alt text says the change of the ends as written ('5.2M' to '30.2M')."""
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


def test_a_cards_small_change_reads_as_the_slides(tmp_path: Path):
    """A card draws the slide's chart, so says the same: '+0.04M' between '1.00M' and
    '1.04M', in the increase colour, and its alt text counts the row as a rise."""
    csv = "".join(f"{n},{a},{b}\n" for n, a, b in [("city", "rent_2015", "rent_2024"), *zip(
        NEAR.categories, *(s.values for s in NEAR.series), strict=True)])  # fmt: skip
    spec = ARROW.replace("$plain:0", "compact:1").replace("change: percent", "change: absolute")
    for preset, card in card_charts(tmp_path, spec, csv).items():
        column = {r.name: card.spec.column(card, r) for r in rows_of(card)}
        up, down = direction_colors(card)
        assert column["Nudge"] == ("+0.04M", legible(card, up)), preset
        assert column["Dip"] == ("\u22120.03M", legible(card, down)), preset
        assert column["Flat"][0] == "0" and column["Edge"][0] == "+0.06M", preset
        assert "+0.04M" in {t for t, _ in draw(card).texts}, preset
        assert "1.00 million to 1.04 million (+0.04 million)" in card.alt(), preset
        assert "+40" not in card.alt(), preset


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
    # Tulsa's lone end names its series; its change is a dash, as a bar's gap is
    assert "$760 (2024)" in texts and "+$900" in texts and "\u2013" in texts
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
def test_the_change_is_signed_by_its_direction_and_within_a_fifth_of_the_ends(
    a: float, b: float, mode: str
):
    """However small, a change is signed by its direction; an absolute one is the values'
    own at the row's precision, and the difference of the two ends as the row writes them
    (which differ where the values do) is within a fifth of it, short of six decimals
    (past them, ends still alike, it is less than their step: '+<0.000001')."""
    from deckgen.kinds.charts._dots import Row
    from deckgen.outline.formats import MAX_DECIMALS

    chart = job("arrow", rents("Miami"), change=mode, format="plain:2")
    row = Row(0, "X", (a, b), False)
    text = chart.spec.change_text(chart, row)
    if mode == "percent" and not math.isfinite(abs(b - a) / abs(a) * 100 if a else math.inf):
        assert text is None  # no percent change from zero (or next to it)
        return
    assert text is not None
    assert text[0] == ("+" if b > a else "\u2212" if b < a else "0"), text
    number = text.lstrip("+\u2212")
    assert any(c in "123456789" for c in number) or b == a, text
    if mode != "absolute":
        return

    def read(written: str) -> float:
        return float(written.replace(",", "").replace("\u2212", "-"))

    ends = [read(chart.spec.value_text(chart, row, k)) for k in (0, 1)]
    places = chart.spec.places(chart, row)
    if number.startswith("<"):
        assert number == "<0.000001" and ends[0] == ends[1] and a != b, text
        return
    step = 10.0**-places
    assert abs(read(number) - abs(b - a)) <= step / 2 * (1 + 1e-9) + 1e-9, (text, a, b)
    assert (ends[0] != ends[1]) == (a != b) or places == MAX_DECIMALS, (text, ends)
    assert abs(abs(ends[1] - ends[0]) - abs(b - a)) <= 0.2 * abs(b - a) * (1 + 1e-9) or (
        places == MAX_DECIMALS
    ), (text, ends)


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
    # Tulsa's missing 2015 is said (a row short of a value); no arrow is unseen.
    (gap,) = rents_chart.spec.drawn_unlike_data(rents_chart)
    assert notes == [f"{gap[0]}; {gap[1]}"] and "Tulsa (no value for 2015)" in gap[0]
    assert rents_chart.spec.unseen_marks(rents_chart) is None
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


#: Output by plant (millions, made up for this test): Lyon's ends read '5.2M → 30.2M'
#: and its change, the values' own, '+24.9M'; Tula's '2.7M → 1.6M' and '−1.2M'.
UNROUNDED = ChartData(("Lyon", "Tula", "Pune"), (
    Series("2004", (5_234_000.0, 2_730_000.0, 1_000_000.0)),
    Series("2023", (30_160_000.0, 1_560_000.0, 3_000_000.0)),
))  # fmt: skip
NOTE = "Changes are computed from unrounded values."


def _footnote(chart) -> str:
    return chart.spec.footnote(chart.data, chart.words)


def test_a_change_that_is_not_the_labels_difference_is_said_to_be_unrounded():
    """'5.2M → 30.2M +24.9M': a reader redoing the sum gets 25.0, and nothing said why
    (the sample's China, found in review). The change stays the values' own (a title
    bound from the data states 24.9 million); the chart's footnote, and its alt text,
    say it is computed from unrounded values."""
    chart = job("arrow", UNROUNDED, format="compact:1")
    column = {r.name: chart.spec.change_text(chart, r) for r in rows_of(chart)}
    assert column == {"Lyon": "+24.9M", "Tula": "\u22121.2M", "Pune": "+2.0M"}
    assert _footnote(chart) == NOTE
    assert chart.alt().endswith(NOTE)


def test_changes_that_are_their_labels_difference_take_no_footnote():
    """Ends written to the values' own precision, or a chart with no change column: the
    labels add up, and nothing is said."""
    whole = ChartData(("Lyon", "Tula"), (Series("2004", (5.0, 2.0)), Series("2023", (7.0, 1.0))))
    assert _footnote(job("arrow", whole, format="plain:0")) == ""
    none = job("arrow", UNROUNDED, format="compact:1", change="none")
    assert _footnote(none) == "" and NOTE not in none.alt()


def test_a_percent_change_is_said_unrounded_where_the_labels_give_another():
    """'1.0M → 1.5M +46%' (from 1.04M to 1.52M): the labels give +50%."""
    data = ChartData(("Lyon", "Tula"), (Series("2004", (1_040_000.0, 2_000_000.0)),
                                        Series("2023", (1_520_000.0, 3_000_000.0))))  # fmt: skip
    chart = job("arrow", data, format="compact:1", change="percent")
    assert {r.name: chart.spec.change_text(chart, r) for r in rows_of(chart)} == {
        "Lyon": "+46%", "Tula": "+50%"}  # fmt: skip
    assert _footnote(chart) == NOTE
    same = ChartData(("Tula",), (Series("2004", (2_000_000.0,)), Series("2023", (3_000_000.0,))))
    assert _footnote(job("arrow", same, format="compact:1", change="percent")) == ""


#: UNROUNDED as rents.csv's columns, and an arrow chart of it.
UNROUNDED_CSV = "".join(f"{n},{a},{b}\n" for n, a, b in [("city", "rent_2015", "rent_2024"), *zip(
    UNROUNDED.categories, *(s.values for s in UNROUNDED.series), strict=True)])  # fmt: skip
UNROUNDED_SPEC = (ARROW.replace("$plain:0", "compact:1")
                  .replace("highlight: Miami", "highlight: Lyon")
                  .replace("change: percent", "change: absolute"))  # fmt: skip


@pytest.mark.parametrize(("language", "said"), [
    ("en_US", "Source: Test data. Changes are computed from unrounded values."),
    ("de_DE", "Quelle: Test data. Veränderungen aus ungerundeten Werten berechnet."),
])  # fmt: skip
def test_the_slide_s_footer_says_it_after_the_source(tmp_path: Path, language: str, said: str):
    """The note stands in the source line, where a newsroom writes it: a line under the
    rows took the height the contrast theme's ten rows needed, and five went unnamed
    (found in review). In the deck's language."""
    from pptx import Presentation

    from tests.kinds.charts.rows import outline

    deck = f"deck: {{title: Rents, locale: {language}}}"
    text = outline(UNROUNDED_SPEC).replace("deck: {title: Rents}", deck)
    path = write_project(tmp_path, text, {"rents.csv": UNROUNDED_CSV})
    build(path, BuildOptions(out_dir=tmp_path / "out"))
    (slide,) = Presentation(str(tmp_path / "out" / "deck.pptx")).slides
    footer = [s.text_frame.text for s in slide.shapes if s.name == "Footer"]
    assert [" ".join(t.split()) for t in footer] == [said]


def test_a_card_and_an_infographic_say_it_under_their_chart(tmp_path: Path):
    """A chart card writes the note in its source line, an infographic in the note under
    its chart section; the card's chart names every row still."""
    from tests.kinds.charts.rows import planned_cards

    cards = planned_cards(tmp_path, UNROUNDED_SPEC, (
        "    - kind: chart\n      name: plants\n      presets: [ig-square, x-post]\n"
        "      title: Lyon's output grew most\n      source: Test data\n"
        f"      chart: {UNROUNDED_SPEC}\n"
        "    - kind: infographic\n      name: long\n      title: Output by plant\n"
        "      sections:\n        - kind: chart\n          title: Lyon's output grew most\n"
        "          source: Test data\n"
        f"          chart: {UNROUNDED_SPEC}\n"
    ), UNROUNDED_CSV)  # fmt: skip
    chart_cards = [c.job for c in cards if c.preset.name in ("ig-square", "x-post")]
    assert len(chart_cards) == 2
    for card in chart_cards:
        assert card.footer.source is not None
        assert " ".join(card.footer.source.lines) == f"Source: Test data. {NOTE}"
        drawn = draw(card.chart.job)
        assert {"Lyon", "Tula", "Pune"} <= {t for t, _ in drawn.texts} and not drawn.removed
    (long,) = [c.job for c in cards if c.preset.name == "long"]
    assert [" ".join(b.lines) for b in long.blocks if NOTE in " ".join(b.lines)] == [NOTE]


def test_a_deck_sets_the_footnote_s_words_in_deck_words(tmp_path: Path):
    """A house style words the note its own way, as it does 'Source'."""
    from pptx import Presentation

    from tests.kinds.charts.rows import outline

    deck = 'deck: {title: Rents, words: {unrounded: "Changes use unrounded figures."}}'
    text = outline(UNROUNDED_SPEC).replace("deck: {title: Rents}", deck)
    path = write_project(tmp_path, text, {"rents.csv": UNROUNDED_CSV})
    build(path, BuildOptions(out_dir=tmp_path / "out"))
    (slide,) = Presentation(str(tmp_path / "out" / "deck.pptx")).slides
    footer = [" ".join(s.text_frame.text.split()) for s in slide.shapes if s.name == "Footer"]
    assert footer == ["Source: Test data. Changes use unrounded figures."]


#: A row without a start, one without an end, one with neither (found by fuzzing: the first
#: two were grey dots alike, the third an empty line, and the change column blank).
GAPS = ChartData(("A", "B", "C", "D", "E"), (
    Series("2015", (10.0, None, 7.0, None, 20.0)),
    Series("2024", (12.0, 5.0, None, None, 15.0)),
))  # fmt: skip


@pytest.mark.parametrize("kind", ["arrow", "dot"])
def test_a_row_short_of_a_value_says_which_and_the_build_warns(kind: str):
    chart = job(kind, GAPS, format="plain:0")
    texts = [t for t, _ in draw(chart).texts]
    assert texts.count("No data") == 1  # row D
    (said,) = chart.spec.drawn_unlike_data(chart)
    assert said[0].startswith(
        "3 rows have no value for a series the chart shows: B (no value "
        "for 2015), C (no value for 2024), D (no value for 2015 or 2024)"
    )
    assert said[1] == "fill in the missing cells, or leave those rows out (filter:)"
    if kind == "arrow":
        # each lone end names its series; the change column marks the gap as bars do
        assert {"5 (2024)", "7 (2015)"} <= set(texts)
        assert texts.count("\u2013") == 3
    full = job(kind, rents("Miami", "Seattle"))
    assert full.spec.drawn_unlike_data(full) == []


#: Alpha from 4 to 6, and Gamma from 0, whose percent change is undefined (found by
#: fuzzing: its change was blank, and the alt text said 'Alpha rose most, by 50 percent').
FROM_ZERO = ChartData(("Alpha", "Gamma"), (Series("a", (4.0, 0.0)), Series("b", (6.0, 7.0))))


def test_a_percent_change_from_zero_is_a_dash_the_build_warns_of_and_the_alt_text_says():
    chart = job("arrow", FROM_ZERO, format="plain:0", change="percent")
    texts = [t for t, _ in draw(chart).texts]
    assert "+50%" in texts and texts.count("\u2013") == 1  # Gamma's change
    (said,) = chart.spec.drawn_unlike_data(chart)
    assert said == (
        "a row starts at 0, and a percent change from zero is undefined: Gamma (0 → 7); the "
        "change column writes '\u2013' for it",
        "write 'change: absolute' for the change in the values' own unit (Gamma +7), or leave "
        "that row out (filter:)",
    )
    alt = chart.alt()
    assert "rose most" not in alt
    assert "Gamma rose from 0 to 7 (no percent change from zero)" in alt
    assert "Alpha from 4 to 6 (+50 percent)" in alt
    # Between percentages, the absolute change is in points; 0 to 0 is from zero too.
    shares = ChartData(("North", "South", "East"), (
        Series("2019", (12.5, 0.0, 0.0)), Series("2024", (15.0, 4.2, 0.0)),
    ))  # fmt: skip
    chart = job("arrow", shares, format="percent:1", change="percent")
    (said,) = chart.spec.drawn_unlike_data(chart)
    assert said[0].startswith("2 rows start at 0, and a percent change from zero is "
                              "undefined: South (0.0% → 4.2%), East (0.0% → 0.0%);")  # fmt: skip
    assert "in percentage points (South +4.2 pts)" in said[1]
    alt = chart.alt()
    assert "South rose from 0.0 percent to 4.2 percent (no percent change from zero)" in alt
    assert "North from 12.5 percent to 15.0 percent (+20 percent)" in alt
    # A change from anything else is no row from zero.
    assert job("arrow", FROM_ZERO, format="plain:0").spec.drawn_unlike_data(
        job("arrow", FROM_ZERO, format="plain:0")) == []  # fmt: skip


def test_ends_too_small_to_tell_apart_beside_the_largest_are_said():
    """1e-7 → 2e-7 beside −1,000,000 → 1,000,000 read '0.000000M → 0.000000M' without a
    word (found by fuzzing): the build says which row and what to do."""
    data = ChartData(("A", "C", "D"), (
        Series("a", (-5.0, 1e-7, -1_000_000.0)),
        Series("b", (5.0, 2e-7, 1_000_000.0)),
    ))  # fmt: skip
    chart = job("arrow", data, format="compact:1")
    (said,) = chart.spec.drawn_unlike_data(chart)
    assert said[0] == ("the ends of C (1e-07 and 2e-07, both 0.000000M) differ but read alike "
                       "even at 6 decimals, beside the chart's largest values")  # fmt: skip
    assert said[1].startswith("chart the rows of so much smaller values apart")
    assert (
        job("arrow", REGIONS, format="compact:1").spec.drawn_unlike_data(
            job("arrow", REGIONS, format="compact:1")
        )
        == []
    )


#: Donations by region, £ thousands, written for this test (a charity's annual review).
DONATIONS = """\
region,2019,2024
North East,412,571
North West,803,958
Yorkshire,522,640
Midlands,688,842
London,1240,1475
South West,455,552
Scotland,390,497
Wales,215,269
"""


@pytest.mark.parametrize(("preset", "said"), [("x-post", True), ("ig-square", False)])
def test_a_card_with_no_room_for_any_value_says_so(tmp_path, preset, said):
    """An x-post card of an arrow plot was posted with no value on it, its axis's two ticks
    all it said, and the build said nothing (found by a new user). Where a card has room
    (a square one, the chart under its title), the values are written and nothing said."""
    outline = f"""\
deck: {{title: Review, organisation: Brightwater Trust}}
data: {{donations: {{file: donations.csv}}}}
slides:
  - kind: chart
    title: Every region gave more in 2024 than in 2019
    subtitle: Donations, 2019 and 2024, £ thousands
    source: Brightwater Trust finance ledger
    chart:
      type: arrow
      data: donations
      x: region
      y: ["2019", "2024"]
      sort: {{by: "2024"}}
      format: plain:0
      highlight: North East
    share: [{preset}]
"""
    path = write_project(tmp_path, outline, {"donations.csv": DONATIONS})
    result = build(path, BuildOptions(out_dir=tmp_path / "out"))
    found = [w for w in result.warnings if "no value is written on it" in w]
    assert bool(found) == said, result.warnings
    if said:
        assert found[0].startswith(f"card every-region-gave-more-in-than-{preset}.png: ")
        assert "its value axis gives them" in found[0]
