"""Stacked area charts on data written for the test (U.S. electricity generation by
source, us_generation.csv): alt text from the data, native series and total equal to the
data, bands stacked in order with the total on top, a missing part counted as zero, and a
negative part refused with its row. What stacked-area shares with area is tested in
test__areas.py."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from matplotlib.collections import PolyCollection
from pptx.enum.chart import XL_CHART_TYPE

from deckgen.errors import DeckgenError
from deckgen.pipeline import BuildOptions, build
from deckgen.tables.select import ChartData, Series
from tests.helpers import write_project
from tests.kinds.charts import areas
from tests.kinds.charts.areas import (
    CSV,
    DECKS,
    SOURCES,
    THEMES,
    YEARS,
    Built,
    column,
    labels,
    power,
)
from tests.kinds.charts.jobs import job as written

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from deckgen.render.charts import ChartJob

DECK = DECKS["stacked-area"]
TOTALS = tuple(sum(column(c)[i] for c in SOURCES) for i in range(len(YEARS)))


def job(data: ChartData, theme: str = "corporate", **fields: object) -> ChartJob:
    return areas.job("stacked-area", data, theme, **fields)


@pytest.fixture(params=THEMES)
def built(request: pytest.FixtureRequest, area_deck: Callable[[str, str], Built]) -> Built:
    return area_deck("stacked-area", request.param)


# --------------------------------------------------------------------------- the deck
def test_the_picture_carries_alt_text_from_the_data(built: Built) -> None:
    descr = next(
        d for d in areas.descriptions(built.deck.slides[0]) if d.startswith("Stacked area")
    )
    assert descr.startswith(
        "Stacked area chart: Gas replaced coal as the largest source. Coal, Natural gas, "
        "Nuclear, Hydro, Wind and Solar from 2010 to 2023: the total rose from 3,998 to 4,082; "
        "the largest part in 2023 is Natural gas, 1,802 (44% of the total); "
        "Coal fell from 1,847 in 2010 to 675 in 2023"
    )


def test_the_native_chart_holds_the_data_and_the_total(built: Built) -> None:
    frame = next(s for s in built.deck.slides[1].shapes if s.has_chart)
    chart_ = frame.chart
    assert chart_.chart_type == XL_CHART_TYPE.AREA_STACKED
    plot = chart_.plots[0]
    assert tuple(plot.categories) == YEARS
    assert {s.name: tuple(s.values) for s in plot.series} == {
        name: column(c) for c, name in SOURCES.items()
    }
    total = chart_.plots[1].series[0]  # a line over the bands, carrying the total's label
    assert total.name == "Total"
    assert tuple(total.values) == pytest.approx(TOTALS)


# --------------------------------------------------------------------------- bad data
NEGATIVE = CSV.replace("2019,965,1586,809,288,300,72", "2019,965,1586,809,-288,300,72")


def test_a_negative_part_is_an_error_naming_its_row(tmp_path: Path) -> None:
    path = write_project(tmp_path, DECK, {"us_generation.csv": NEGATIVE})
    with pytest.raises(DeckgenError) as caught:
        build(path, BuildOptions(out_dir=tmp_path / "out"))
    message = caught.value.format_message()
    assert "deck.yaml:11: slides[0].chart.y[3]: a stacked area shows parts of a whole" in message
    assert "row 2019 (" in message and "us_generation.csv:11) has hydro = -288" in message
    assert "stacked areas of mixed sign mislead" in message


def test_a_negative_part_of_a_transposed_chart_names_its_row_too(tmp_path: Path) -> None:
    deck = DECK.replace("      x: year\n", "      x: year\n      transpose: true\n", 1)
    path = write_project(tmp_path, deck, {"us_generation.csv": NEGATIVE})
    with pytest.raises(DeckgenError) as caught:
        build(path, BuildOptions(out_dir=tmp_path / "out"))
    assert "row 2019 (" in caught.value.format_message()


def test_an_area_chart_takes_negatives_a_stacked_one_does_not(tmp_path: Path) -> None:
    deck = DECK.replace("type: stacked-area", "type: area")
    path = write_project(tmp_path, deck, {"us_generation.csv": NEGATIVE})
    assert build(path, BuildOptions(out_dir=tmp_path / "out")).slides == 2


# --------------------------------------------------------------------------- the picture
def test_bands_stack_in_series_order_and_their_top_is_the_total() -> None:
    fig = labels(job(power(*SOURCES))).fig
    bands = [c for c in fig.axes[0].collections if isinstance(c, PolyCollection)]
    tops = [max(p.vertices[:, 1].max() for p in band.get_paths()) for band in bands]
    assert tops == sorted(tops)  # each band sits on the ones before it
    assert tops[-1] == max(TOTALS)
    assert all(band.get_alpha() in (None, 1.0) for band in bands)


def test_a_missing_part_counts_as_zero() -> None:
    solar = (*column("solar")[:-1], None)
    data = ChartData(YEARS, (Series("Wind", column("wind")), Series("Solar", solar)))
    drawn = job(data)
    assert "the total rose from 96 to 425" in drawn.alt()
    boxes = labels(drawn).boxes
    assert "Total  425" in boxes and "Solar" in boxes  # a name, but no value to write


def test_without_value_labels_names_only_and_no_total() -> None:
    boxes = labels(job(power("coal", "wind"), value_labels=False)).boxes
    assert {"Coal", "Wind"} <= set(boxes)
    assert not any(t.startswith("Total") for t in boxes)


def test_the_alt_text_says_a_part_that_stops_reporting_falls_to_nothing() -> None:
    """A missing value is drawn as zero; the words said 'wind held from 30 in 2019 to 30 in
    2019' while its band fell to nothing (found by fuzzing), then 'fell to 0', a value the
    data does not have (found in review): now the periods with none, and how drawn."""
    wind, gas = Series("wind", (30.0, None, None)), Series("gas", (10.0, 40.0, 40.0))
    data = ChartData(("2019", "2020", "2021"), (wind, gas))
    said = job(data).spec.describe_data(job(data))
    assert "wind 30 in 2019 (no value for 2020 and 2021, counted as zero)" in said
    assert "held from 30 in 2019 to 30 in 2019" not in said
    assert " 0 in 2021" not in said


#: Monthly visits with a month missing from each series: Website's April, App's August.
MONTHS = ("Jan 2024", "Feb 2024", "Mar 2024", "Apr 2024", "May 2024", "Jun 2024",
          "Jul 2024", "Aug 2024", "Sep 2024")  # fmt: skip
WEBSITE = (120.5, 118.2, 0.0, None, 131.0, 142.3, 139.8, 151.2, 149.9)
APP = (40.1, 41.8, 43.9, 45.2, 47.7, 49.9, 52.4, None, 58.8)


def _visits() -> ChartData:
    return ChartData(MONTHS, (Series("Website", WEBSITE), Series("App", APP)))


def test_a_missing_value_is_no_low_of_zero_in_the_alt_text() -> None:
    """'App ... with a low of 0 in August 2024' stated as data a month the data has no
    value for (found in review): the trend is of the values the data has, each gap said
    with how it is drawn; a true zero (Website's March) is a value, and said as one."""
    said = job(_visits()).alt()
    assert (
        "App rose from 40 in Jan 2024 to 59 in Sep 2024 (no value for Aug 2024, "
        "counted as zero)" in said
    )
    assert "with a low of 0 in Mar 2024 (no value for Apr 2024, counted as zero)" in said
    assert "low of 0 in Aug 2024" not in said and "low of 0 in Apr 2024" not in said


def test_a_missing_value_drawn_as_zero_is_said_naming_its_series_and_periods() -> None:
    """The band thins to nothing where a value is missing and the total counts it as 0,
    which the picture cannot tell from a true zero: the build said nothing (found in
    review). A part with every value (Website's true zero in March) is not named."""
    drawn = job(_visits())
    ((message, fix),) = drawn.spec.drawn_unlike_data(drawn)
    assert message == (
        "a stacked area counts a missing value as zero, so a band is drawn at 0 where the "
        "data has no value, and the total counts it as 0: Website has none for Apr 2024 and "
        "App has none for Aug 2024"
    )
    assert "'type: area' or 'type: line', which leave a gap" in fix
    whole = job(power("coal", "wind"))
    assert whole.spec.drawn_unlike_data(whole) == []
    many = ChartData(MONTHS, (Series("Website", (1.0,) + (None,) * 8), Series("App", APP)))
    ((said, _),) = job(many).spec.drawn_unlike_data(job(many))
    assert said.endswith("Website has none for Feb 2024, Mar 2024, Apr 2024 and 5 more and "
                         "App has none for Aug 2024")  # fmt: skip


def test_a_build_warns_of_a_missing_value_drawn_as_zero_on_the_slide_the_card_and_natively(
    tmp_path: Path,
) -> None:
    rows = "".join(
        f"{m},{'-' if w is None else w},{'-' if a is None else a}\n"
        for m, w, a in zip(MONTHS, WEBSITE, APP, strict=True)
    )
    deck = """\
deck: {title: Traffic}
data:
  visits:
    file: visits.csv
    columns: {month: {type: date, format: "%b %Y", period: month}}
slides:
  - kind: chart
    title: Visits grew
    source: Test data
    chart: &chart {type: stacked-area, data: visits, x: month, y: [web, app]}
    share: [ig-portrait]
  - kind: chart
    title: Visits grew, natively
    source: Test data
    chart: {<<: *chart, native: true}
"""
    path = write_project(tmp_path, deck, {"visits.csv": f"month,web,app\n{rows}"})
    warnings = build(path, BuildOptions(out_dir=tmp_path / "out")).warnings
    said = ("a stacked area counts a missing value as zero, so a band is drawn at 0 where the "
            "data has no value, and the total counts it as 0: web has none for April 2024 and "
            "app has none for August 2024; fill in the values")  # fmt: skip
    places = {w.split(": a stacked area")[0].replace(str(path), "deck.yaml")
              for w in warnings if said in w}  # fmt: skip
    assert places == {"deck.yaml:7: slides[0]", "card visits-grew-ig-portrait.png",
                      "deck.yaml:12: slides[1]"}, warnings  # fmt: skip


# --------------------------------------------------------------------------- the words
def _shares(*counts: tuple[float, ...]) -> tuple[float, ...]:
    return tuple(100 * c / sum(counts) for c in counts)


#: Vote shares by year, computed as a share step computes them: each year adds up to 100
#: in print, but as floats 2019 makes 99.99999999999999 and 2021 100.00000000000001.
YEARLY = (_shares(780, 277, 475), _shares(50, 30, 20), _shares(223, 860, 440))
PARTIES = ("Harbour", "Hill", "Marsh")
VOTES = {name: list(values) for name, values in zip(PARTIES, zip(*YEARLY, strict=True),
                                                    strict=True)}  # fmt: skip


def test_shares_of_a_whole_hold_at_100_percent_as_printed() -> None:
    """'the total rose from 100.0 percent to 100.0 percent': the verb came from float noise
    (found by fuzzing). The total is compared as printed; a share of the largest part is
    not written beside its value, the same number rounded a second way."""
    assert sum(YEARLY[0]) < 100 < sum(YEARLY[-1])
    said = written("stacked-area", ["2019", "2020", "2021"], VOTES, format="percent:0").alt()
    assert "2019 to 2021: the total held at 100 percent; " in said
    assert "the largest part in 2021 is Hill, 56 percent; " in said
    assert "rose from 100" not in said and "of the total" not in said


def test_a_total_whose_ends_print_alike_was_the_same_not_rose() -> None:
    wind, gas = Series("wind", (6.02, 9.0, 6.0)), Series("gas", (4.0, 6.0, 3.98))
    data = ChartData(("2019", "2020", "2021"), (wind, gas))
    said = job(data).alt()  # plain:0: the totals print 10, 15, 10
    assert "from 2019 to 2021: the total was 10 in 2019 and in 2021; " in said
    assert "the largest part in 2021 is wind, 6 (60% of the total)" in said  # 60.1%


def test_a_day_s_largest_part_is_said_on_the_day() -> None:
    """'the largest part in April 1, 2023 is North' was read aloud (found in review):
    a day takes 'on', as the alt text's other phrases give it; a year keeps 'in'."""
    import datetime as dt

    days = tuple(dt.date(2023, m, 1) for m in (1, 2, 3, 4))
    north, south = Series("North", (120.0, 132, 128, 141)), Series("South", (90.0, 95, 99, 104))
    data = ChartData(tuple(str(d) for d in days), (north, south), x_dates=days)
    said = job(data).alt()
    assert "the largest part on April 1, 2023 is North, 141 (58% of the total)" in said
    assert " in April 1, 2023" not in said


def test_the_bands_written_at_the_end_add_up_to_the_total_written_above_them() -> None:
    # 320.4 + 58.8 + 30.0 + 50.7 + 21.6 + 0.8 = 482.3: rounded each on its own they read
    # 483 under 'Total 482' (found by review).
    ends = {"Nuclear": 320.4, "Hydro": 58.8, "Wind": 30.0, "Gas": 50.7, "Solar": 21.6,
            "Coal": 0.8}  # fmt: skip
    series = tuple(Series(name, (value * 0.9, value)) for name, value in ends.items())
    boxes = labels(job(ChartData(("2022", "2023"), series))).boxes  # plain:0
    written = {b.split("  ")[0].replace("\n", " "): int(b.split("  ")[-1].replace(",", ""))
               for b in boxes if "  " in b}  # fmt: skip
    total = written.pop("Total")
    assert total == 482
    assert sum(written.values()) == total


def test_a_thin_band_is_not_written_as_zero_to_add_up() -> None:
    # Journeys by mode, a month, in compact:1: one by one the bands read 9.5M under 'Total
    # 9.4M', and the ferry's 62,394, which rounding had moved furthest up, was written
    # 'ferry 0' to make them add up (found by a new user). The bus gives up the unit.
    ends = {"bus": 4_063_175, "metro": 3_214_546, "tram": 1_784_400, "bike": 282_364,
            "ferry": 62_394}  # fmt: skip
    series = tuple(Series(name, (value * 0.9, value)) for name, value in ends.items())
    drawn = job(ChartData(("March", "April"), series), format="compact:1")
    written = {b.split("  ")[0]: b.split("  ")[-1] for b in labels(drawn).boxes if "  " in b}
    assert written == {"bus": "4.0M", "metro": "3.2M", "tram": "1.8M", "bike": "0.3M",
                       "ferry": "0.1M", "Total": "9.4M"}  # fmt: skip
    # A highlighted band gives its unit last, as a donut's highlighted slice: the bus, the
    # story, keeps its 4.1M, and the bike share's 282,364 reads 0.2M.
    drawn = job(ChartData(("March", "April"), series), format="compact:1", highlight=["bus"])
    written = {b.split("  ")[0]: b.split("  ")[-1] for b in labels(drawn).boxes if "  " in b}
    assert written == {"bus": "4.1M", "metro": "3.2M", "tram": "1.8M", "bike": "0.2M",
                       "ferry": "0.1M", "Total": "9.4M"}  # fmt: skip


# --------------------------------------------------------------------------- shares
#: Shares of new car sales by fuel type, percent, written for this test: every year adds
#: up to 100.
FUELS = """\
year,bev,phev,hybrid,ice
2015,0.7,0.4,2.6,96.3
2018,2.0,1.1,3.8,93.1
2020,4.2,2.3,6.0,87.5
2022,10.4,4.6,9.7,75.3
2024,13.4,6.1,14.5,66.0
"""
FUEL_DECK = """\
deck: {title: Car sales}
data: {sales: {file: sales.csv}}
slides:
  - kind: chart
    title: Electric and hybrid cars took a third of new car sales in 2024
    subtitle: Share of new car sales by fuel type, 2015–2024
    share: [og]
    chart:
      type: stacked-area
      data: sales
      x: year
      y: [bev, phev, hybrid, ice]
      series_labels: {bev: Battery electric, phev: Plug-in hybrid, hybrid: Hybrid,
                      ice: Petrol and diesel}
      format: percent:1
      highlight: Battery electric
"""


def test_shares_of_a_whole_write_no_total_and_name_a_band_in_its_place(tmp_path: Path) -> None:
    """'Total 100.0%' said what the axis's top says, and outranked every band but the story:
    on an og card it left two of four bands unnamed (found by review)."""
    result = build(write_project(tmp_path, FUEL_DECK, {"sales.csv": FUELS}),
                   BuildOptions(out_dir=tmp_path / "out"))  # fmt: skip
    said = " ".join(result.warnings)
    assert "'Hybrid'" not in said  # named on the card; at most one band left out
    assert "are not named" not in said
    fuels = written("stacked-area", ["2023", "2024"],
                    {"Battery electric": [12.6, 13.4], "Plug-in hybrid": [5.2, 6.1],
                     "Hybrid": [11.8, 14.5], "Petrol and diesel": [70.4, 66.0]},
                    format="percent:1")  # fmt: skip
    boxes = labels(fuels).boxes
    assert not any(t.startswith("Total") for t in boxes)
    assert fuels.spec.native_overlays(fuels) == []
    # The bands' values, as written, still add up to 100.
    ends = [float(t.split()[-1].rstrip("%")) for t in boxes if "  " in t or "\n" in t]
    assert len(ends) == 4 and sum(ends) == pytest.approx(100.0)


@pytest.mark.parametrize(
    ("fmt", "bands", "each", "total"),
    [
        # 2.51% reads 2% rounded to 100 (2 + 48 + 50); on its own, 3%: 101, with no total.
        ("percent:0", [2.51, 47.7, 49.79], ["3%", "48%", "50%"], ["2%", "48%", "50%"]),
        # Amounts: each band on its own, under the true total rounded ('Total 3.4').
        ("plain:1", [1.14, 1.14, 1.14], ["1.1", "1.1", "1.1"], ["1.2", "1.1", "1.1"]),
    ],
)
def test_with_rounding_each_every_band_is_written_rounded_on_its_own(fmt, bands, each,
                                                                    total) -> None:  # fmt: skip
    """``rounding: each`` writes each band's value as itself; the default still rounds them
    to the total written above them (or to 100)."""
    names = ["Small", "Middle", "Big"]
    series = {name: [v, v] for name, v in zip(names, bands, strict=True)}
    for rounding, expected in (("each", each), ("total", total)):
        chart = written("stacked-area", ["2023", "2024"], series, format=fmt, rounding=rounding)
        boxes = labels(chart).boxes
        ends = {t.split()[0]: t.split()[-1] for t in boxes if t.split()[0] in names}
        assert ends == dict(zip(names, expected, strict=True)), rounding
        if fmt.startswith("plain"):
            assert any(t.startswith("Total") and t.endswith("3.4") for t in boxes)


@pytest.mark.parametrize(
    ("fmt", "bands", "why"),
    [
        ("percent:0", [2.51, 47.7, 49.79], "Shares in 2024 do not add up to 100%"),  # 101
        ("plain:1", [1.14, 1.14, 1.14], "Parts in 2024 do not add up to the total"),  # 3.3
        ("plain:1", [1.1, 1.2, 1.14], None),  # 1.1 + 1.2 + 1.1 under 'Total 3.4'
    ],
)
def test_with_rounding_each_the_alt_text_says_why_the_bands_miss_their_whole(
    fmt: str, bands: list[float], why: str | None
) -> None:
    """The bands' values written at the right edge, each rounded on its own, can miss the
    total written above them or 100%: the alt text (and the notes) says why, where they
    miss; never with the default rounding, or with no values written."""
    names = ["Small", "Middle", "Big"]
    series = {name: [v, v] for name, v in zip(names, bands, strict=True)}
    each = written("stacked-area", ["2023", "2024"], series, format=fmt, rounding="each")
    said = "because each is rounded on its own."
    alt = each.alt()
    assert (f"{why} {said}" in alt) if why else (said not in alt)
    for fields in ({}, {"rounding": "each", "value_labels": False}):
        other = written("stacked-area", ["2023", "2024"], series, format=fmt, **fields)
        assert said not in other.alt()
