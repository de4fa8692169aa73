"""Small multiples (``facet: COLUMN``) on data written for the test (generation by source in
four regions, tests/data/generation_by_region.csv): built in every shipped theme and
re-opened, alt text, one value scale across panels (read off the axes), no two texts
overlapping anywhere in the figure, no text under the theme's chart label size, the panel
order, the checks after binding, native refusal, social cards, and the render time of a
six-panel chart."""

from __future__ import annotations

import csv
import io
import math
import time
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image
from pptx import Presentation

from deckgen.errors import DeckgenError, Location
from deckgen.kinds.charts import CHARTS, chart
from deckgen.kinds.charts._facets import MAX_COLUMNS, grid
from deckgen.layout.units import Inches
from deckgen.pipeline import BuildOptions, build
from deckgen.render.charts import ChartJob
from deckgen.render.jobs import Canvas
from deckgen.render.style import chart_style
from deckgen.tables.select import MAX_PANELS, ChartData
from tests.helpers import load_theme, write_project
from tests.kinds.charts.rows import THEMES, draw, outside, overlaps

DATA = Path(__file__).parents[2] / "data" / "generation_by_region.csv"
TEXT = DATA.read_text(encoding="utf-8")
ROWS = list(csv.DictReader(io.StringIO(TEXT)))
REGIONS = ["South", "Midwest", "West", "Northeast"]
SOURCES = ["Gas", "Coal", "Wind", "Solar"]
YEARS = [str(y) for y in range(2015, 2024)]
SLIDE = Canvas(Inches(12.33), Inches(4.9), dpi=100)
WHERE = Location("deck.yaml", 1, "slides[0].chart")

#: Every facetable kind, on the same rows, as the README shows them.
KINDS: dict[str, dict[str, object]] = {
    "line": {"type": "line", "y": "twh", "x": "year", "series": "source", "highlight": "Wind"},
    "bar": {"type": "bar", "y": "twh", "x": "year", "highlight": "South",
            "filter": [{"column": "source", "op": "==", "value": "Wind"}]},
    "hbar": {"type": "hbar", "y": "twh", "x": "source",
             "filter": [{"column": "year", "op": "==", "value": "2023"}]},
    "area": {"type": "area", "y": "twh", "x": "year", "series": "source",
             "filter": [{"column": "source", "op": "in", "value": ["Wind", "Solar"]}]},
    "stacked-area": {"type": "stacked-area", "y": "twh", "x": "year", "series": "source"},
    "dot": {"type": "dot", "y": "twh", "x": "source", "series": "year",
            "filter": [{"column": "year", "op": "in", "value": ["2015", "2023"]}]},
}  # fmt: skip

DECK = """\
deck: {title: Power by region}
data:
  gen: {file: generation_by_region.csv}
slides:
  - kind: chart
    title: Wind grew in every region
    chart: &lines
      type: line
      data: gen
      x: year
      y: twh
      series: source
      facet: region
      format: plain:0
      highlight: Wind
  - kind: chart
    title: Wind grew fastest in the South and Midwest
    chart:
      type: bar
      data: gen
      x: year
      y: twh
      facet: region
      facet_order: [Midwest, South]
      filter: [{column: source, value: Wind}]
      format: plain:0
      highlight: South
social:
  cards:
    - kind: chart
      name: regions
      presets: [ig-square, x-post]
      title: Wind grew in the two largest regions
      chart: {<<: *lines, filter: [{column: region, op: in, value: [South, Midwest]}]}
"""


def frame() -> pd.DataFrame:
    out = pd.read_csv(io.StringIO(TEXT), dtype=str, keep_default_na=False)
    out.attrs["file"] = "generation_by_region.csv"
    return out


def twh(region: str, source: str, year: str) -> float:
    return next(float(r["twh"]) for r in ROWS
                if (r["region"], r["source"], r["year"]) == (region, source, year))  # fmt: skip


def job(kind: str, theme: str = "corporate", canvas: Canvas = SLIDE, **fields: object) -> ChartJob:
    spec = chart(**{"data": "gen", "facet": "region", "format": "plain:0", **KINDS[kind],
                    **fields})  # fmt: skip
    data = spec.select_data(frame(), WHERE)
    return ChartJob(spec, data, load_theme(theme), canvas, title="Wind grew in every region")


def panels_of(drawn: ChartJob) -> list[object]:
    """The panels' axes of ``drawn``'s figure, in drawing order."""
    with chart_style(drawn.theme, drawn.canvas):
        return list(drawn.figure().axes)


# --------------------------------------------------------------------------- the deck
@dataclass(frozen=True)
class Built:
    path: Path
    deck: Presentation
    cards: Path


@pytest.fixture(scope="module", params=THEMES)
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp(f"facets-{request.param}")
    path = write_project(root, DECK, {"generation_by_region.csv": TEXT})
    result = build(path, BuildOptions(theme=request.param, out_dir=root / "out"))
    assert result.cards_dir is not None
    return Built(result.deck, Presentation(str(result.deck)), result.cards_dir)


def descriptions(slide) -> list[str]:  # type: ignore[no-untyped-def]
    return [s._element.xpath("./*[1]/p:cNvPr")[0].get("descr") or "" for s in slide.shapes]


def test_the_picture_carries_alt_text_panel_by_panel(built: Built) -> None:
    descr = next(d for d in descriptions(built.deck.slides[0]) if d.startswith("Small"))
    assert descr.startswith(
        "Small multiples of line charts, one panel per region (4): Wind grew in every region. "
        "South: Gas rose from 640 in 2015 to 702 in 2023;"
    )
    for region in REGIONS:
        assert f"; {region}: " in descr or descr.count(f"{region}: ") == 1
    assert f"Wind rose from 8 in 2015 to {twh('Northeast', 'Wind', '2023'):.0f} in 2023" in descr


def test_facet_order_puts_its_panels_first(built: Built) -> None:
    descr = next(d for d in descriptions(built.deck.slides[1]) if d.startswith("Small"))
    found = [descr.index(f"{r}: ") for r in ["Midwest", "South", "West", "Northeast"]]
    assert found == sorted(found)


def test_cards_are_drawn_at_each_preset(built: Built) -> None:
    for name, size in (("regions-ig-square.png", (1080, 1080)),
                       ("regions-x-post.png", (1600, 900))):  # fmt: skip
        with Image.open(built.cards / name) as image:
            assert image.size == size


@pytest.mark.parametrize("theme", ["corporate", "contrast"])
def test_card_panels_keep_their_first_and_last_year(tmp_path: Path, theme: str) -> None:
    """A panel on a card is wide enough for its direct labels and a time axis that says
    the period (two years or more under each panel) at the card's text size: three panels
    across an x-post (10 label sizes each) kept only '2023' under each; it now takes two."""
    from deckgen.plan.cards import plan_cards
    from deckgen.tables.sources import load_tables
    from tests.helpers import load_outline

    loaded = load_outline(write_project(tmp_path, DECK, {"generation_by_region.csv": TEXT}))
    cards = plan_cards(loaded, load_tables(loaded), load_theme(theme))
    assert {c.preset.name for c in cards} == {"ig-square", "x-post"}
    for card in cards:
        drawn = draw(card.job.chart.job)
        texts = [t for t, _ in drawn.texts]
        assert drawn.removed == [] and overlaps(drawn.texts) == [], card.file
        years = [t for t in texts if t.isdigit() and len(t) == 4]
        assert texts.count("2023") >= 2 and len(years) >= 2 * texts.count("2023"), card.file


def test_a_card_too_small_for_its_panels_is_refused_with_a_reason(tmp_path: Path) -> None:
    four = DECK.replace("presets: [ig-square, x-post]", "presets: [x-post]").replace(
        ", filter: [{column: region, op: in, value: [South, Midwest]}]", ""
    )
    path = write_project(tmp_path, four, {"generation_by_region.csv": TEXT})
    with pytest.raises(DeckgenError) as caught:
        build(path, BuildOptions(out_dir=tmp_path / "out"))
    message = caught.value.format_message()
    assert "4 panels do not fit the card's chart at its text size" in message
    assert "2 would" in message  # 3 need 3 x 12 x 47 = 1692 px at 11 pt labels; 1422 are left
    assert "filter the chart to fewer panels" in message


def test_the_chart_is_one_picture_not_a_native_chart(built: Built) -> None:
    assert not any(s.has_chart for s in built.deck.slides[0].shapes)


def test_native_charts_refuse_small_multiples_with_a_reason(tmp_path: Path) -> None:
    spec = chart(**{"data": "gen", "facet": "region", **KINDS["line"]})
    assert "no small multiples" in (spec.native_refusal() or "")
    path = write_project(tmp_path, DECK.replace("      format: plain:0\n      highlight: Wind",
                                                "      format: plain:0\n      highlight: Wind\n"
                                                "      native: true", 1),
                         {"generation_by_region.csv": TEXT})  # fmt: skip
    with pytest.raises(DeckgenError) as caught:
        build(path, BuildOptions(out_dir=tmp_path / "out"))
    assert "PowerPoint charts have no small multiples" in caught.value.format_message()


# --------------------------------------------------------------------------- the data
def test_each_panel_holds_its_rows_on_one_category_axis() -> None:
    data = job("line").data
    assert [name for name, _ in data.facets] == REGIONS
    for region, panel in data.facets:
        assert panel.categories == tuple(YEARS)
        assert [s.name for s in panel.series] == SOURCES
        for s in panel.series:
            assert s.values == tuple(twh(region, s.name, y) for y in YEARS)


def test_a_panel_lacking_a_category_has_a_gap_there() -> None:
    rows = [r for r in ROWS if not (r["region"] == "West" and r["year"] == "2015")]
    lines = ["region,year,source,twh"] + [",".join(r.values()) for r in rows]
    short = pd.read_csv(io.StringIO("\n".join(lines)), dtype=str, keep_default_na=False)
    spec = chart(**{"data": "gen", "facet": "region", **KINDS["line"]})
    west = dict(spec.select_data(short, WHERE).facets)["West"]
    assert west.categories == tuple(YEARS)
    assert all(s.values[0] is None for s in west.series)


#: Sales by region, East's cells all missing: written for the test below.
HOLLOW = "region,year,sales\nNorth,2021,10\nNorth,2022,12\nEast,2021,-\nEast,2022,\nSouth,2021,8\n"


@pytest.mark.parametrize("kind", ["bar", "line", "area", "stacked-area", "dot", "hbar"])
def test_a_panel_with_no_value_is_an_error_naming_its_rows(tmp_path: Path, kind: str) -> None:
    """East's panel, every cell '-' or empty, was an empty plot: 'East: ;' in a line's
    alt text, 'the total held at 0' on a stacked area (fuzzing round 7, 01). It is an
    error naming the panel and its rows, with the filter that leaves it out; with that
    filter the chart builds."""
    outline = f"""\
        deck: {{title: Sales}}
        data:
          f: {{file: f.csv}}
        slides:
          - kind: chart
            title: North sells the most
            chart: {{type: {kind}, data: f, x: year, y: sales, facet: region}}
        """
    path = write_project(tmp_path, outline, {"f.csv": HOLLOW})
    with pytest.raises(DeckgenError) as caught:
        build(path, BuildOptions(out_dir=tmp_path / "out"))
    (problem,) = caught.value.problems
    assert problem.location.field == "slides[0].chart.facet"
    assert problem.message == (
        "the 'East' panel (region: East) has no value in f.csv:4 and f.csv:5: every cell the "
        "chart shows there is empty, '-' or 'n/a', so the panel would be an empty plot"
    )
    hint = "filter: [{column: region, op: '!=', value: East}]"
    assert problem.hint is not None and problem.hint.endswith(hint)
    path.write_text(path.read_text().replace("facet: region}", f"facet: region, {hint}}}"))
    assert build(path, BuildOptions(out_dir=tmp_path / "out")).pictures == 1


#: Sales by region, East's and West's cells all missing, 2020 a year the filter leaves out.
TWO_HOLLOW = ("region,year,sales\nNorth,2020,9\nNorth,2021,10\nEast,2021,-\nWest,2021,\n"
              "South,2020,7\nSouth,2021,8\n")  # fmt: skip


def test_empty_panels_are_left_out_by_one_condition_added_to_the_charts_filter(
    tmp_path: Path,
) -> None:
    """Two empty panels had a hint each, 'filter: [{... '!=', value: East}]' and then
    '... West', and on a chart with a filter of its own either replaced it (fuzzing round
    7, 01). Each panel's error gives the one condition that leaves both out, to add to the
    chart's filter; added, the chart builds."""
    outline = """\
        deck: {title: Sales}
        data:
          f: {file: f.csv}
        slides:
          - kind: chart
            title: North sells the most
            chart:
              type: bar
              data: f
              x: year
              y: sales
              facet: region
              filter: [{column: year, op: '!=', value: 2020}]
        """
    path = write_project(tmp_path, outline, {"f.csv": TWO_HOLLOW})
    with pytest.raises(DeckgenError) as caught:
        build(path, BuildOptions(out_dir=tmp_path / "out"))
    east, west = caught.value.problems
    assert east.message.startswith("the 'East' panel (region: East) has no value in f.csv:4:")
    assert west.message.startswith("the 'West' panel (region: West) has no value in f.csv:5:")
    condition = "{column: region, op: not in, value: [East, West]}"
    for problem in (east, west):
        assert problem.location.field == "slides[0].chart.facet"
        assert problem.hint == (
            f"fill in its values, or leave the empty panels out: add {condition} to the "
            "chart's filter"
        )
    path.write_text(path.read_text().replace("value: 2020}]", f"value: 2020}}, {condition}]"))
    assert build(path, BuildOptions(out_dir=tmp_path / "out")).pictures == 1


# --------------------------------------------------------------------------- the picture
@pytest.mark.parametrize("kind", list(KINDS))
def test_panels_share_one_value_scale(kind: str) -> None:
    axes = panels_of(job(kind))
    along = "x" if kind in ("hbar", "dot") else "y"
    limits = {tuple(round(v, 6) for v in (a.get_xlim() if along == "x" else a.get_ylim()))
              for a in axes}  # fmt: skip
    assert len(axes) == 4
    assert len(limits) == 1, limits


def test_free_scales_fit_each_panel() -> None:
    axes = panels_of(job("line", facet_scales="free"))
    tops = [a.get_ylim()[1] for a in axes]
    assert len(set(tops)) == len(tops)
    # The Northeast's largest value (Gas, 234) is near its own top, not the South's 702.
    assert tops[3] < 400 < tops[0]


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("theme", THEMES)
def test_no_text_overlaps_or_leaves_the_picture_and_none_is_small(kind: str, theme: str) -> None:
    drawn = job(kind, theme)
    seen = draw(drawn)
    assert overlaps(seen.texts) == []
    assert outside(seen) == []
    smallest = drawn.theme.theme.sizes.chart_label * drawn.canvas.scale
    assert min(seen.sizes) >= smallest - 1e-9


def test_each_panel_is_titled_in_bold_at_its_top_left_the_highlighted_one_in_the_accent() -> None:
    drawn = job("bar", highlight=["South", "2023"])
    axes = panels_of(drawn)
    titles = [a.get_title(loc="left") for a in axes]
    assert titles == REGIONS
    south, midwest = axes[0]._left_title, axes[1]._left_title
    assert south.get_fontweight() == "bold" and midwest.get_fontweight() == "bold"
    assert south.get_color() != midwest.get_color()
    # A highlighted category is bold in every panel (its tick label where it has one).
    for ax in axes:
        bold = [t.get_text() for t in ax.get_xticklabels() if t.get_fontweight() == "bold"]
        assert bold in ([], ["2023"])


def test_every_panel_reads_its_values_the_same_way() -> None:
    # Four panels in a row at slide size: the 2-digit values of the West and the Northeast
    # fit their bars' slots, the 3-digit ones of the Midwest and the South do not. No panel
    # writes its values while its neighbour reads them off an axis: all read off the axis.
    wide = Canvas(Inches(12.33), Inches(4.4), dpi=200)
    axes = panels_of(job("bar", canvas=wide, facet_order=["Midwest", "South"]))
    assert len(axes) == 4 and len({round(a.get_position().y0, 3) for a in axes}) == 1
    assert all(any(t.get_text() for t in a.get_yticklabels()) for a in axes)
    assert not any(t.get_text() == "83" for a in axes for t in a.texts)


def test_categories_are_named_once_under_the_bottom_panels() -> None:
    axes = panels_of(job("bar"))  # 2 x 2
    shown = [[t.get_text() for t in a.get_xticklabels() if t.get_visible()] for a in axes]
    assert shown[0] == [] and shown[1] == []
    assert shown[2] and shown[3]


def test_dots_name_their_series_once() -> None:
    seen = draw(job("dot"))
    assert [t for t, _ in seen.texts].count("2015") == 1


def test_six_panels_render_in_reasonable_time() -> None:
    six = "\n".join(
        ["region,year,source,twh"]
        + [f"{r['region']}{k},{r['year']},{r['source']},{r['twh']}" for k in ("", " 2")
           for r in ROWS if r["region"] != "Northeast"]
    )  # fmt: skip
    spec = chart(**{"data": "gen", "facet": "region", "format": "plain:0", **KINDS["line"]})
    data = spec.select_data(pd.read_csv(io.StringIO(six), dtype=str), WHERE)
    assert len(data.facets) == 6
    drawn = ChartJob(spec, data, load_theme(), SLIDE, title="Six regions")
    start = time.perf_counter()
    drawn.render()
    seconds = time.perf_counter() - start
    print(f"six-panel line chart rendered in {seconds:.2f} s")
    assert seconds < 60  # a loaded 2-core machine; typically a few seconds


# --------------------------------------------------------------------------- checks
def test_only_the_charts_that_draw_as_panels_take_a_facet() -> None:
    from pydantic import ValidationError

    facetable = sorted(c.model_fields["type"].annotation.__args__[0]  # type: ignore[union-attr]
                       for c in CHARTS if c.facetable)  # fmt: skip
    assert facetable == ["area", "bar", "dot", "hbar", "line", "stacked-area"]
    with pytest.raises(ValidationError, match="cannot be drawn as small multiples"):
        chart(type="donut", data="gen", x="source", y="twh", facet="region")
    with pytest.raises(ValidationError, match="is also the chart's series"):
        chart(type="line", data="gen", x="year", y="twh", series="region", facet="region")
    with pytest.raises(ValidationError, match="'facet_order' orders the panels"):
        chart(type="line", data="gen", x="year", y="twh", facet_order=["West"])
    with pytest.raises(ValidationError, match="would repeat it in every panel"):
        chart(**{"data": "gen", "facet": "region", **KINDS["line"]},
              annotations=[{"at": "2019", "text": "Wind passes coal"}])  # fmt: skip
    with pytest.raises(ValidationError, match="would repeat it in every panel"):
        chart(**{"data": "gen", "facet": "region", **KINDS["bar"]},
              difference={"from": "2015", "to": "2023"})  # fmt: skip


def test_too_many_panels_is_an_error_suggesting_a_filter() -> None:
    many = "\n".join(["region,year,twh"] + [f"R{k},{y},1" for k in range(MAX_PANELS + 1)
                                             for y in (2015, 2016)])  # fmt: skip
    spec = chart(type="line", data="gen", x="year", y="twh", facet="region")
    with pytest.raises(DeckgenError) as caught:
        spec.select_data(pd.read_csv(io.StringIO(many), dtype=str), WHERE)
    message = caught.value.format_message()
    assert f"'region' has {MAX_PANELS + 1} values" in message
    assert "filter" in message


def test_highlight_may_name_a_panel_a_category_or_a_series() -> None:
    spec = chart(**{"data": "gen", "facet": "region", **KINDS["line"]})
    names = spec.highlight_names(spec.select_data(frame(), WHERE))
    assert set(REGIONS + SOURCES) <= set(names)


# --------------------------------------------------------------------------- properties
@given(st.integers(1, MAX_PANELS), st.floats(0.3, 4.0))
def test_the_grid_holds_every_panel_with_no_empty_row(count: int, ratio: float) -> None:
    rows, columns = grid(count, 1000 * ratio, 1000)
    assert 1 <= columns <= MAX_COLUMNS
    assert rows * columns >= count > (rows - 1) * columns


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from("ABCD"), st.sampled_from(["x1", "x2", "x3"]),
                  st.sampled_from(["s", "t"]), st.integers(-50, 50)),
        min_size=1, max_size=30, unique_by=lambda r: r[:3],
    )
)  # fmt: skip
def test_every_row_lands_in_its_panel_at_its_category_and_series(
    rows: list[tuple[str, str, str, int]],
) -> None:
    table = pd.DataFrame(rows, columns=["panel", "x", "kind", "v"]).astype(str)
    spec = chart(type="line", data="gen", x="x", y="v", series="kind", facet="panel")
    data = spec.select_data(table, WHERE)
    assert [n for n, _ in data.facets] == list(dict.fromkeys(r[0] for r in rows))
    panels = dict(data.facets)
    for panel, x, kind, v in rows:
        d: ChartData = panels[panel]
        value = next(s for s in d.series if s.name == kind).values[d.categories.index(x)]
        assert value == v
    counted = sum(v is not None for d in panels.values() for s in d.series for v in s.values)
    assert counted == len(rows)
    assert all(not math.isnan(v) for s in data.series for v in s.values if v is not None)


@pytest.mark.parametrize("kind", list(KINDS))
def test_a_panel_lacking_a_series_or_a_category_draws_and_is_described(kind: str) -> None:
    # The West has no solar rows, the Northeast no 2015 rows: gaps, not errors.
    lines = [TEXT.splitlines()[0]] + [
        line for line in TEXT.splitlines()[1:]
        if not line.startswith(("West,2015,Solar", "Northeast,2015"))
        and not (line.startswith("West,") and ",Solar," in line)
    ]  # fmt: skip
    short = pd.read_csv(io.StringIO("\n".join(lines)), dtype=str, keep_default_na=False)
    spec = chart(**{"data": "gen", "facet": "region", "format": "plain:0", **KINDS[kind]})
    drawn = ChartJob(spec, spec.select_data(short, WHERE), load_theme(), SLIDE, title="Gaps")
    seen = draw(drawn)
    assert overlaps(seen.texts) == [] and outside(seen) == []
    assert "; West: " in drawn.alt() and "; Northeast: " in drawn.alt()


def test_the_same_chart_gives_the_same_bytes() -> None:
    assert job("line").render().data == job("line").render().data


def test_alt_text_describes_eight_panels_then_counts_the_rest() -> None:
    rows = "\n".join(["panel,year,v"] + [f"P{k},{y},{k + y - 2015}" for k in range(10)
                                          for y in (2015, 2016)])  # fmt: skip
    spec = chart(type="bar", data="gen", x="year", y="v", facet="panel", format="plain:0")
    data = spec.select_data(pd.read_csv(io.StringIO(rows), dtype=str), WHERE)
    alt = ChartJob(spec, data, load_theme(), SLIDE, title="Ten panels").alt()
    assert alt.startswith("Small multiples of bar charts, one panel per panel (10): Ten panels.")
    assert "P7: 2015 7; 2016 8; and 2 more panels." in alt and "P8:" not in alt


def test_a_highlighted_panel_takes_the_accent_and_the_others_the_context_grey() -> None:
    """A highlighted panel only accented its small title; every panel's bars kept one
    colour, nothing grey (found in review)."""
    from matplotlib.colors import to_hex

    drawn = job("bar", highlight=["South"])
    colors = drawn.theme.theme.colors
    fills = [{to_hex(p.get_facecolor()).upper() for p in ax.patches} for ax in panels_of(drawn)]
    assert len(fills[0]) == 1 and len(fills[1]) == 1 and fills[0] != fills[1]
    assert all(f == fills[1] for f in fills[1:])  # every other panel in one context grey
    (accent,) = fills[0]
    assert accent != colors.primary.upper()


@pytest.mark.parametrize("kind", ["line", "area", "stacked-area"])
def test_a_highlighted_panel_of_lines_or_areas_leaves_the_others_in_greys(kind: str) -> None:
    """'highlight: Ost' on lines accented Ost's title and line, and left every other
    panel's lines in the palette's colours, as if highlighted too, where the README says
    they take the context grey (found in review; bars already did)."""
    from matplotlib.colors import rgb_to_hsv, to_hex, to_rgb

    fields: dict[str, object] = {"highlight": ["South"]}
    if kind != "line":  # two series: the areas of a panel tell them apart
        fields["filter"] = [{"column": "source", "op": "in", "value": ["Wind", "Solar"]}]
    drawn = job(kind, **fields)
    background = drawn.theme.theme.colors.background.upper()

    def marks(ax: object) -> set[str]:
        """The colours of the panel's lines, or of its areas (as drawn, tints and all)."""
        lines = {to_hex(line.get_color()).upper() for line in ax.get_lines()  # type: ignore[attr-defined]
                 if line.get_linestyle() not in ("None", " ", "")}  # fmt: skip
        fills = {to_hex(c.get_facecolor()[0]).upper() for c in ax.collections  # type: ignore[attr-defined]
                 if len(c.get_facecolor())}  # fmt: skip
        return (lines if kind == "line" else fills) - {background}

    def grey(colour: str) -> bool:
        return rgb_to_hsv(to_rgb(colour))[1] < 0.25  # hardly any colour: the context greys

    panels = [marks(ax) for ax in panels_of(drawn)]
    assert any(not grey(c) for c in panels[0])  # South, first: the accent
    for other in panels[1:]:
        assert other and all(grey(c) for c in other), other
    if kind == "line":  # areas that cross are see-through: their tints differ by panel
        assert len({frozenset(p) for p in panels[1:]}) == 1  # the same greys in each


STACKED = """\
deck: {title: Generation by region}
data:
  gen: {file: gen.csv}
slides:
  - kind: chart
    title: Wind is one of the sources everywhere
    source: made up for the test
    chart: {type: stacked-area, data: gen, x: year, y: twh, series: source, facet: region,
            highlight: Wind}
"""


def stacked_warnings(root: Path, regions: list[str], sources: list[str]) -> list[str]:
    """The build warnings of a stacked area of ``sources`` in a panel per region (made-up
    generation, each source a little larger than the one before)."""
    rows = ["region,year,source,twh"]
    for n, region in enumerate(regions):
        for year in range(2015, 2025):
            for k, source in enumerate(sources):
                rows.append(f"{region},{year},{source},{30 + 9 * k + (year - 2015) * (n % 5)}")
    (root / "gen.csv").write_text("\n".join(rows) + "\n")
    return list(build(write_project(root, STACKED), BuildOptions(out_dir=root / "out")).warnings)


def test_small_multiples_name_every_band_in_every_panel(tmp_path: Path) -> None:
    # Panels have no key: with only the story named (as a crowded card was tried), a
    # slide's six panels left Solar and Hydro unnamed in all of them, and warned of one.
    regions = ["North", "South", "East", "West", "Central", "Coast"]
    warned = stacked_warnings(tmp_path, regions, ["Wind", "Solar", "Hydro"])
    assert not [w for w in warned if "not named" in w]


def test_what_every_panel_leaves_out_is_said_once_naming_the_panels(tmp_path: Path) -> None:
    # Twelve short panels of five bands: each leaves 'Coal' unnamed. That was twelve
    # warnings alike but for the panel's name.
    regions = [f"Region {c}" for c in "ABCDEFGHIJKL"]
    warned = stacked_warnings(tmp_path, regions, ["Wind", "Solar", "Hydro", "Gas", "Coal"])
    unnamed = [w for w in warned if "not named" in w]
    assert len(unnamed) == 1, unnamed
    assert "in 12 panels ('Region A', 'Region B', 'Region C', 'Region D', 'Region E' and 7 " \
           "more)" in unnamed[0]  # fmt: skip


def test_a_panel_whose_parts_each_rounded_miss_their_total_is_said_once() -> None:
    """Small multiples say what a single chart says of parts each rounded on their own
    (``rounding: each``): the West's 1.1 + 1.1 + 1.1 under 'Total 3.4' is said once, after
    the panels; the East's add up, and by default nothing is said."""
    rows = [(region, source, year, value)
            for region, values in (("West", (1.14, 1.14, 1.14)), ("East", (1.1, 1.2, 1.1)))
            for source, value in zip(("Gas", "Coal", "Wind"), values, strict=True)
            for year in ("2022", "2023")]  # fmt: skip
    data = pd.DataFrame(rows, columns=["region", "source", "year", "twh"]).astype(str)
    why = "Parts in 2023 do not add up to the total because each is rounded on its own."
    for rounding, said in (("each", True), ("total", False)):
        spec = chart(type="stacked-area", data="gen", x="year", y="twh", series="source",
                     facet="region", format="plain:1", rounding=rounding)  # fmt: skip
        panels = spec.select_data(data, WHERE)
        alt = ChartJob(spec, panels, load_theme("corporate"), SLIDE, title="A finding").alt()
        assert alt.endswith(f"to 2023. {why}") if said else why not in alt
        assert alt.count("because") == said


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("canvas", [SLIDE, Canvas(Inches(6.67), Inches(5.2), dpi=100,
                                                  scale=1.6)], ids=["slide", "card"])  # fmt: skip
def test_a_panel_s_missing_bar_is_marked_as_a_single_chart_marks_it(theme, canvas):
    """Nord's missing 2024 was an empty slot with no '–' (values read off the axis in
    every panel), just like Ost's bars of 0.4 to 2.8, too small to see (found in review)."""
    sales = {"Nord": ["12.0", "13.5", "15.1", "16.0", "-"],
             "Süd": ["150.0", "148.2", "151.9", "160.4", "171.0"],
             "Ost": ["0.4", "0.6", "0.9", "1.5", "2.8"]}  # fmt: skip
    rows = [(r, str(2020 + k), v) for r, values in sales.items() for k, v in enumerate(values)]
    table = pd.DataFrame(rows, columns=["region", "year", "sales"])
    spec = chart(type="bar", data="s", x="year", y="sales", facet="region", format="€plain:1M",
                 highlight=["2024"])  # fmt: skip
    drawn = ChartJob(spec, spec.select_data(table, WHERE), load_theme(theme), canvas, title="T")
    with chart_style(drawn.theme, drawn.canvas):
        axes = drawn.figure().axes
        dashes = {ax.get_title(loc="left"): sum(t.get_text() == "–" for t in ax.texts)
                  for ax in axes}  # fmt: skip
    assert dashes == {"Nord": 1, "Ost": 0, "Süd": 0}
