"""Stacked area charts on data written for the test (U.S. electricity generation by
source, us_generation.csv): built in every shipped theme and re-opened, native series and
total equal to the data, bands stacked in order with the total on top, right-edge labels
that never overlap, alt text from the data, and a negative part refused with its row."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.collections import PolyCollection
from PIL import Image
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.oxml.ns import qn

from deckgen.errors import DeckgenError
from deckgen.kinds.charts import chart
from deckgen.layout.units import Inches
from deckgen.pipeline import BuildOptions, build
from deckgen.render.chartkit import contrast
from deckgen.render.charts import ChartJob
from deckgen.render.jobs import Canvas
from deckgen.render.labels import remove_collisions, text_boxes
from deckgen.render.style import chart_style
from deckgen.tables.select import ChartData, Series
from tests.helpers import load_theme, write_project

DATA = Path(__file__).with_name("us_generation.csv")
CSV = DATA.read_text(encoding="utf-8")
ROWS = list(csv.DictReader(io.StringIO(CSV)))
YEARS = tuple(r["year"] for r in ROWS)
SOURCES = {"coal": "Coal", "natural_gas": "Natural gas", "nuclear": "Nuclear",
           "hydro": "Hydro", "wind": "Wind", "solar": "Solar"}  # fmt: skip
THEMES = ("corporate", "dark", "contrast", "corporate-template")
CANVAS = Canvas(Inches(12.33), Inches(4.9), dpi=100)

DECK = """\
deck: {title: Power}
data:
  gen: {file: us_generation.csv}
slides:
  - kind: chart
    title: Gas replaced coal as the largest source
    chart: &chart
      type: stacked-area
      data: gen
      x: year
      y: [coal, natural_gas, nuclear, hydro, wind, solar]
      series_labels: {coal: Coal, natural_gas: Natural gas, nuclear: Nuclear, hydro: Hydro,
                      wind: Wind, solar: Solar}
      format: plain:0
      highlight: Natural gas
  - kind: chart
    title: Gas replaced coal as the largest source, natively
    chart: {<<: *chart, native: true}
social:
  cards:
    - kind: chart
      name: mix
      presets: [ig-square, x-post]
      title: Gas replaced coal as the largest source
      chart: *chart
"""


def column(name: str) -> tuple[float, ...]:
    return tuple(float(r[name]) for r in ROWS)


TOTALS = tuple(sum(column(c)[i] for c in SOURCES) for i in range(len(YEARS)))


def power(*columns: str) -> ChartData:
    return ChartData(YEARS, tuple(Series(SOURCES[c], column(c)) for c in columns))


def job(data: ChartData, theme: str = "corporate", **fields: object) -> ChartJob:
    spec = chart(type="stacked-area", data="gen", x="year", y=[s.name for s in data.series],
                 format="plain:0", **fields)  # fmt: skip
    return ChartJob(spec, data, load_theme(theme), CANVAS, title="Gas replaced coal")


@dataclass(frozen=True)
class Built:
    path: Path
    deck: Presentation
    cards: Path


@pytest.fixture(scope="module", params=THEMES)
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp(f"stacked-area-{request.param}")
    path = write_project(root, DECK, {"us_generation.csv": CSV})
    result = build(path, BuildOptions(theme=request.param, out_dir=root / "out"))
    assert result.cards_dir is not None
    return Built(result.deck, Presentation(str(result.deck)), result.cards_dir)


def descriptions(slide) -> list[str]:  # type: ignore[no-untyped-def]
    return [s._element.xpath("./*[1]/p:cNvPr")[0].get("descr") or "" for s in slide.shapes]


# --------------------------------------------------------------------------- the deck
def test_the_picture_carries_alt_text_from_the_data(built: Built) -> None:
    descr = next(d for d in descriptions(built.deck.slides[0]) if d.startswith("Stacked area"))
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


def test_the_native_chart_names_bands_at_the_right_edge_not_in_a_key(built: Built) -> None:
    chart_ = next(s for s in built.deck.slides[1].shapes if s.has_chart).chart
    assert not chart_.has_legend
    last = str(len(YEARS) - 1)
    for plot in chart_.plots:
        for series in plot.series:
            labels = series._element.findall(f"{qn('c:dLbls')}/{qn('c:dLbl')}")
            assert [d.find(qn("c:idx")).get("val") for d in labels] == [last]
            assert labels[0].find(qn("c:showSerName")).get("val") == "1"


def test_cards_are_drawn_at_each_preset(built: Built) -> None:
    for name, size in (("mix-ig-square.png", (1080, 1080)), ("mix-x-post.png", (1600, 900))):
        with Image.open(built.cards / name) as image:
            assert image.size == size


@pytest.mark.validator
@pytest.mark.parametrize("built", ["dark"], indirect=True)
def test_the_deck_passes_the_ooxml_validator(built: Built) -> None:
    from deckgen.export.ooxml import validate

    assert validate(built.path) == []


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
def _drawn(drawn: ChartJob) -> tuple[dict[str, tuple[float, ...]], list[str], object]:
    with chart_style(drawn.theme, drawn.canvas):
        fig = drawn.figure(collisions=False)
        removed = remove_collisions(fig)
        boxes = {t: (b.x0, b.y0, b.x1, b.y1) for t, b in text_boxes(fig)}
    return boxes, removed, fig


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_bands_stack_in_series_order_and_their_top_is_the_total() -> None:
    _, _, fig = _drawn(job(power(*SOURCES)))
    bands = [c for c in fig.axes[0].collections if isinstance(c, PolyCollection)]  # type: ignore[attr-defined]
    tops = [max(p.vertices[:, 1].max() for p in band.get_paths()) for band in bands]
    assert tops == sorted(tops)  # each band sits on the ones before it
    assert tops[-1] == max(TOTALS)
    assert all(band.get_alpha() in (None, 1.0) for band in bands)


@pytest.mark.parametrize("theme", THEMES)
def test_names_values_and_total_at_the_right_edge_in_stack_order(theme: str) -> None:
    boxes, removed, fig = _drawn(job(power(*SOURCES), theme, highlight=["Natural gas"]))
    assert removed == []
    right = fig.axes[0].get_window_extent().x1  # type: ignore[attr-defined]
    expected = ["Total  4,082", "Solar  165", "Wind  425", "Hydro  240", "Nuclear  775",
                "Natural gas  1,802", "Coal  675"]  # fmt: skip
    assert sorted(expected, key=lambda t: -boxes[t][1]) == expected
    for upper, lower in pairwise(expected):
        assert boxes[lower][3] <= boxes[upper][1]
    assert all(boxes[t][0] > right for t in expected)


@pytest.mark.parametrize("theme", THEMES)
def test_labels_read_at_4_5_to_1_and_the_story_is_bold(theme: str) -> None:
    drawn = job(power(*SOURCES), theme, highlight=["Wind"])
    background = drawn.theme.theme.colors.background
    with chart_style(drawn.theme, drawn.canvas):
        fig = drawn.figure()
        texts = {t.get_text(): t for t in fig.findobj(lambda a: a.get_gid() or "")}
    for name in ("Wind  425", "Solar  165", "Coal  675", "Total  4,082"):
        assert contrast(texts[name].get_color(), background) >= 4.5
    assert texts["Wind  425"].get_fontweight() == "bold"
    assert texts["Solar  165"].get_fontweight() == "normal"


@settings(max_examples=10, deadline=None)
@given(st.lists(st.integers(0, 400), min_size=2, max_size=6))
def test_labels_never_overlap_however_thin_the_bands_end(ends: list[int]) -> None:
    rows = tuple(
        Series(f"Source {k}", (*column("nuclear")[:-1], float(end))) for k, end in enumerate(ends)
    )
    boxes, removed, _ = _drawn(job(ChartData(YEARS, rows)))
    labels = [b for t, b in boxes.items() if t.startswith(("Source", "Total"))]
    assert removed == []
    assert len(labels) == len(ends) + 1
    assert not any(_overlap(a, b) for i, a in enumerate(labels) for b in labels[i + 1 :])


def test_a_missing_part_counts_as_zero() -> None:
    solar = (*column("solar")[:-1], None)
    data = ChartData(YEARS, (Series("Wind", column("wind")), Series("Solar", solar)))
    drawn = job(data)
    assert "the total rose from 96 to 425" in drawn.alt()
    boxes, _, _ = _drawn(drawn)
    assert "Total  425" in boxes and "Solar" in boxes  # a name, but no value to write


def test_without_value_labels_names_only_and_no_total() -> None:
    boxes, _, _ = _drawn(job(power("coal", "wind"), value_labels=False))
    assert {"Coal", "Wind"} <= set(boxes)
    assert not any(t.startswith("Total") for t in boxes)
