"""Native charts: each chart type as a real PowerPoint chart holding the data, in the
spec's number format, with the highlight, valid (positive, consistent) axis ids."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pptx import Presentation
from pptx.oxml.ns import qn

from deckgen.errors import DeckgenError
from deckgen.kinds import CHART_TYPES
from deckgen.pipeline import BuildOptions, build
from tests.helpers import HEADER, write_project

if TYPE_CHECKING:
    from pathlib import Path

RED = "C8102E"  # the corporate highlight
GREY = "8C95A3"  # the corporate neutral

CHARTS = {
    "bar": """{type: bar, data: production, x: country, y: production_2023,
              highlight: China, format: "compact:1", reference: {value: mean, label: Mean}}""",
    "hbar": """{type: hbar, data: production, x: country, y: production_2023,
               highlight: USA, format: "compact:1", sort: {by: production_2023}}""",
    "grouped-bar": """{type: grouped-bar, data: production, x: country,
                      y: [production_2004, production_2023], highlight: China,
                      series_labels: {production_2004: "2004", production_2023: "2023"}}""",
    "stacked-bar": """{type: stacked-bar, data: production, x: country,
                      y: [production_2004, production_2023], transpose: true}""",
    "line": """{type: line, data: production, x: country, transpose: true, highlight: USA,
               y: [production_2004, production_2023],
               series_labels: {production_2004: "2004", production_2023: "2023"}}""",
    "donut": """{type: donut, data: production, x: country, y: production_2023,
                highlight: China, format: "compact:1"}""",
    "scatter": """{type: scatter, data: production, x: production_2004, y: production_2023,
                  name: country, highlight: China, format: "compact:1"}""",
    "dot": """{type: dot, data: production, x: country, y: [production_2004, production_2023],
              highlight: China}""",
    "range": """{type: range, data: production, x: country,
                y: [production_2004, production_2023], highlight: China}""",
    "waterfall": """{type: waterfall, data: production, x: country, y: production_2004,
                    filter: [{column: country, op: "!=", value: Australia}],
                    highlight: China, end: Total, format: "compact:1"}""",
    "area": """{type: area, data: production, x: country, transpose: true,
               y: [production_2004, production_2023], highlight: China,
               filter: [{column: country, op: "!=", value: Australia}]}""",
    "stacked-area": """{type: stacked-area, data: production, x: country, transpose: true,
                       y: [production_2004, production_2023]}""",
}
#: Chart types with no native form (each refuses with a reason; their tests say which).
REFUSED = {"arrow"}


def _slides(native: str = "native: true") -> str:
    out = []
    for kind, spec in CHARTS.items():
        spec = spec.replace("{type:", f"{{{native}, type:", 1) if native else spec
        out.append(f"  - kind: chart\n    title: A {kind} chart\n    chart: {spec}\n")
    return "".join(out)


@pytest.fixture(scope="module")
def charts(tmp_path_factory) -> dict[str, object]:
    root = tmp_path_factory.mktemp("native")
    result = build(write_project(root, HEADER + _slides()), BuildOptions(out_dir=root / "out"))
    assert result.pictures == 0  # nothing rendered for native charts
    prs = Presentation(str(result.deck))
    frames = [next(s for s in slide.shapes if s.has_chart) for slide in prs.slides]
    return dict(zip(CHARTS, frames, strict=True))


def test_every_chart_type_has_a_native_form_or_refuses_one():
    # A map's native form is a group of shapes, not a chart: tests/kinds/charts/test_map.py.
    assert set(CHARTS) | REFUSED | {"map"} == set(CHART_TYPES)


def _series(frame) -> dict[str, tuple]:
    return {s.name: tuple(s.values) for s in frame.chart.plots[0].series}


def test_bar_holds_the_data_in_order_with_the_format_and_the_highlight(charts):
    frame = charts["bar"]
    plot = frame.chart.plots[0]
    assert tuple(plot.categories) == ("China", "USA", "Japan", "India", "Australia")
    values = plot.series[0].values
    assert values[:4] == (30160966, 10611555, 8997440, 5851507)
    assert values[4] is None  # '-' in the CSV stays missing, not 0
    labels = plot.series[0].data_labels
    assert labels.number_format == '#,##0.0,,"M";"−"#,##0.0,,"M";0'
    assert not labels.number_format_is_linked
    fills = [str(p.format.fill.fore_color.rgb) for p in list(plot.series[0].points)[:4]]
    assert fills == [RED, GREY, GREY, GREY]


def test_bar_reference_line_is_an_overlay_series_named_by_its_label(charts):
    chart = charts["bar"].chart
    assert len(chart.plots) == 2
    overlay = chart.plots[1].series[0]
    assert overlay.name == "Mean"
    mean = (30160966 + 10611555 + 8997440 + 5851507) / 4  # a missing value is left out
    assert overlay.values == pytest.approx((mean,) * 5)


def test_hbar_reads_top_down_like_the_picture(charts):
    chart = charts["hbar"].chart
    assert chart.category_axis.reverse_order
    assert chart.plots[0].categories[0] == "China"  # sorted, largest first
    point_fills = {
        c: str(p.format.fill.fore_color.rgb)
        for c, p in zip(chart.plots[0].categories, chart.plots[0].series[0].points, strict=False)
    }
    assert point_fills["USA"] == RED and point_fills["China"] == GREY


def test_grouped_bar_names_its_series_on_the_bars_instead_of_a_key(charts):
    chart = charts["grouped-bar"].chart
    assert _series(charts["grouped-bar"])["2023"][:2] == (30160966, 10611555)
    assert _series(charts["grouped-bar"])["2004"][:2] == (5234496, 11989387)
    assert not chart.has_legend
    # The highlighted category is in the accent in the latest series.
    assert str(chart.plots[0].series[1].points[0].format.fill.fore_color.rgb) == RED
    # Each series is named on its bar in the first group not highlighted (USA, index 1),
    # bold, in a colour that reads (4.5:1) on the background.
    from deckgen.theming.colour import contrast

    for series in chart.plots[0].series:
        dlbls = series._element.findall(f"{qn('c:dLbls')}/{qn('c:dLbl')}")
        usa = next(d for d in dlbls if d.find(qn("c:idx")).get("val") == "1")
        assert usa.find(qn("c:showSerName")).get("val") == "1"
        run = usa.find(f"{qn('c:txPr')}//{qn('a:defRPr')}")
        assert run.get("b") == "1"
        colour = run.find(f".//{qn('a:srgbClr')}").get("val")
        assert contrast(f"#{colour}", "#FFFFFF") >= 4.5


def test_bar_reference_line_spans_the_plot_as_a_trendline_through_its_points(charts):
    """Over bars a line's points sit in the middle of the slots: the reference is drawn by a
    flat trendline through them, extended half a category either way (PowerPoint and
    LibreOffice both draw that to the plot's edges), dashed as the series was; the series'
    own line is hidden, and it stays on the bars' axes (hidden axes of its own with points
    on the edges spanned the plot in PowerPoint only)."""
    chart = charts["bar"].chart
    plot_area = chart._chartSpace.find(f"{qn('c:chart')}/{qn('c:plotArea')}")
    line = plot_area.find(qn("c:lineChart"))
    own = {a.get("val") for a in line.findall(qn("c:axId"))}
    bars = {a.get("val") for a in plot_area.find(qn("c:barChart")).findall(qn("c:axId"))}
    assert own == bars
    assert len([a for a in plot_area if a.tag.endswith("Ax")]) == 2
    ser = line.find(qn("c:ser"))
    trend = ser.find(qn("c:trendline"))
    assert trend.find(qn("c:trendlineType")).get("val") == "linear"
    assert trend.find(qn("c:forward")).get("val") == "0.5"
    assert trend.find(qn("c:backward")).get("val") == "0.5"
    assert trend.find(qn("c:dispEq")).get("val") == "0"
    assert trend.find(f"{qn('c:spPr')}/{qn('a:ln')}/{qn('a:prstDash')}").get("val") == "dash"
    assert ser.find(f"{qn('c:spPr')}/{qn('a:ln')}/{qn('a:noFill')}") is not None
    # The label: over the last bar's middle by default, moved right towards the plot's
    # edge (half a slot, less half its width) and up from the line.
    dlbl = line.find(f".//{qn('c:dLbl')}")
    x = float(dlbl.find(f"{qn('c:layout')}//{qn('c:x')}").get("val"))
    y = float(dlbl.find(f"{qn('c:layout')}//{qn('c:y')}").get("val"))
    assert x > 0 and y < 0


def test_stacked_bar_stacks_with_totals_in_an_overlay_and_names_at_the_right(charts):
    chart = charts["stacked-bar"].chart
    assert tuple(chart.plots[0].categories) == ("production_2004", "production_2023")
    assert _series(charts["stacked-bar"])["China"] == (5234496, 30160966)
    totals = chart.plots[1].series[0]
    assert totals.name == "Total"
    assert totals.values[1] == pytest.approx(30160966 + 10611555 + 8997440 + 5851507)
    # No key: each series' label on the last column shows its name and value (its cell in
    # the label column), moved right of the column (as the picture's names), with no leader
    # line back to it.
    assert not chart.has_legend
    # (Australia has no 2023 value: an empty point carries no label, so it goes unnamed.)
    named = [s for s in chart.plots[0].series if s.values[1] is not None]
    assert [s.name for s in named] == ["China", "USA", "Japan", "India"]
    for series in named:
        dlbls = series._element.find(qn("c:dLbls"))
        last = next(d for d in dlbls.findall(qn("c:dLbl")) if d.find(qn("c:idx")).get("val") == "1")
        fields = [f.get("type") for f in last.iter(qn("a:fld"))]
        assert fields == ["SERIESNAME", "CELLRANGE"]
        # India's 2004 sliver is said after its name, as on the picture.
        said = " (0.2M in production_2004)" if series.name == "India" else ""
        assert "".join(last.itertext()).startswith(f"{series.name}{said}  ")
        assert float(last.find(f"{qn('c:layout')}//{qn('c:x')}").get("val")) > 0.05
        assert dlbls.find(qn("c:showLeaderLines")).get("val") == "0"
    # The plot is fixed to leave the names room at the right.
    layout = chart._chartSpace.find(f".//{qn('c:plotArea')}/{qn('c:layout')}//{qn('c:w')}")
    assert float(layout.get("val")) < 0.9


def test_line_labels_its_ends_instead_of_a_key(charts):
    chart = charts["line"].chart
    assert not chart.has_legend
    assert tuple(chart.plots[0].categories) == ("2004", "2023")
    usa = next(s for s in chart.plots[0].series if s.name == "USA")
    assert str(usa.format.line.color.rgb) == RED
    # The right-end label names the series: 'USA  10.6M'.
    dlbls = usa._element.findall(f"{qn('c:dLbls')}/{qn('c:dLbl')}")
    right = [d for d in dlbls if d.find(qn("c:idx")).get("val") == "1"]
    assert right and right[0].find(qn("c:showSerName")).get("val") == "1"


def test_donut_highlights_its_slice_and_puts_the_total_in_the_hole(charts, tmp_path):
    frame = charts["donut"]
    plot = frame.chart.plots[0]
    assert str(plot.series[0].points[0].format.fill.fore_color.rgb) == RED
    hole = frame.chart._chartSpace.find(f".//{qn('c:holeSize')}").get("val")
    assert hole == "58"  # the theme's chart hole
    slide = frame.part.package.presentation_part.presentation.slides[5]
    texts = [s.text_frame.text for s in slide.shapes if s.name == "Chart total"]
    assert texts == ["55.6M\nTotal"]
    # Every slice's label keeps its share, as on the picture: 'China  30.2M (54%)'.
    labels = {d.find(qn("c:idx")).get("val"): "".join(t.text for t in d.iter(qn("a:t")))
              for d in plot.series[0]._element.iter(qn("c:dLbl"))}  # fmt: skip
    assert labels["0"] == "China  30.2M (54%)"
    assert all(text.endswith("%)") for text in labels.values())


def test_waterfall_is_stacked_columns_on_an_invisible_base(charts):
    chart = charts["waterfall"].chart
    plot = chart.plots[0]
    assert tuple(plot.categories) == ("China", "USA", "Japan", "India", "Total")
    assert _series(charts["waterfall"]) == {
        "Base": (None, 5234496, 17223883, 27735401, None),
        "Increase": (5234496, 11989387, 10511518, 155157, None),
        "Decrease": (None,) * 5,
        "Total": (None, None, None, None, 27890558),
    }
    assert not chart.has_legend
    assert plot.series[0]._element.find(f"{qn('c:spPr')}/{qn('a:noFill')}") is not None


@pytest.mark.parametrize("kind", list(CHARTS))
def test_axis_ids_are_positive_and_consistent(charts, kind):
    space = charts[kind].chart._chartSpace
    plots = [c for c in space.iter() if c.tag.endswith("Chart")]
    plot_refs = {e.get("val") for c in plots for e in c.findall(qn("c:axId"))}
    axes = {a.find(qn("c:axId")).get("val"): a.find(qn("c:crossAx")).get("val")
            for a in space.iter(qn("c:catAx"), qn("c:valAx"))}  # fmt: skip
    for value in plot_refs | set(axes) | set(axes.values()):
        assert int(value) > 0
    assert plot_refs == set(axes)
    assert all(cross in axes for cross in axes.values())


@pytest.mark.parametrize("kind", list(CHARTS))
def test_every_chart_has_alt_text_and_no_title(charts, kind):
    frame = charts[kind]
    descr = frame._element.xpath("./*[1]/p:cNvPr")[0].get("descr")
    assert f"A {kind} chart" in descr  # the finding, then the numbers
    assert "China" in descr
    assert not frame.chart.has_title


def test_the_build_option_makes_charts_native_and_a_chart_can_opt_out(tmp_path):
    slides = _slides(native="") + (
        "  - kind: chart\n    title: Stays a picture\n"
        "    chart: {native: false, type: bar, data: production, x: country, y: production_2023}\n"
    )
    path = write_project(tmp_path, HEADER + slides)
    result = build(path, BuildOptions(out_dir=tmp_path / "out", native_charts=True))
    prs = Presentation(str(result.deck))
    charts = [True] * len(CHARTS) + [False]
    assert [any(s.has_chart for s in slide.shapes) for slide in prs.slides] == charts
    assert result.pictures == 1


def _annotated(native: str) -> str:
    return HEADER + (
        "  - kind: chart\n    title: Annotated\n"
        f"    chart: {{{native}type: bar, data: production, x: country, y: production_2023,\n"
        "            annotations: [{at: China, text: Top}]}\n"
    )


def test_asking_for_what_a_native_chart_cannot_draw_names_the_field(tmp_path: Path):
    path = write_project(tmp_path, _annotated("native: true, "))
    with pytest.raises(DeckgenError) as caught:
        build(path, BuildOptions(out_dir=tmp_path / "out"))
    message = caught.value.format_message()
    assert "slides[0].chart.native" in message
    assert "annotations" in message and "native: false" in message


def test_the_build_option_keeps_such_a_chart_a_picture_with_a_warning(tmp_path: Path):
    path = write_project(tmp_path, _annotated(""))
    result = build(path, BuildOptions(out_dir=tmp_path / "out", native_charts=True))
    assert result.pictures == 1
    assert any("kept as a picture" in w and "annotations" in w for w in result.warnings)


# --------------------------------------------------------------------------- dates and axes
@pytest.fixture(scope="module")
def monthly(tmp_path_factory) -> list:
    """Native charts over tests/data's monthly employment: 36 monthly bars (too many to
    label each), an index, and a line with a fixed axis."""
    from tests.helpers import DATA

    root = tmp_path_factory.mktemp("native-monthly")
    header = HEADER.replace(
        "  production: {file: production.csv}\n",
        "  jobs:\n    file: jobs.csv\n"
        '    columns: {month: {type: date, format: "%b %Y", period: month}}\n',
    )
    slides = (
        "  - kind: chart\n    title: Bars\n    chart: {native: true, type: bar, data: jobs,"
        " x: month, y: construction, top: 36, axis: {max: 8000}}\n"
        "  - kind: chart\n    title: Index\n    chart: {native: true, type: line, data: jobs,"
        " x: month, y: [construction, health_care], index: 2008-01}\n"
        "  - kind: chart\n    title: Range\n    chart: {native: true, type: line, data: jobs,"
        " x: month, y: total_nonfarm, axis: {min: 120000, max: 150000}}\n"
    )
    csv = (DATA / "employment_monthly.csv").read_text(encoding="utf-8")
    path = write_project(root, header + slides, {"jobs.csv": csv})
    result = build(path, BuildOptions(out_dir=root / "out"))
    prs = Presentation(str(result.deck))
    return [next(s for s in slide.shapes if s.has_chart).chart for slide in prs.slides]


def test_many_native_bars_name_every_kth_month_and_read_values_off_the_axis(monthly):
    bars = monthly[0]
    assert tuple(bars.plots[0].categories)[:2] == ("Jan 2007", "Feb 2007")  # as the picture
    axis = bars._chartSpace.find(f".//{qn('c:catAx')}")
    assert int(axis.find(qn("c:tickLblSkip")).get("val")) > 1
    # 36 labels cannot fit side by side: none are written
    assert bars.plots[0].series[0]._element.find(qn("c:dLbls")) is None
    assert bars.value_axis.maximum_scale == 8000 and bars.value_axis.minimum_scale == 0
    assert bars.value_axis.has_major_gridlines


def test_a_native_index_embeds_the_rebased_values(monthly):
    index = monthly[1]
    series = {s.name: s.values for s in index.plots[0].series}
    assert series["construction"][12] == pytest.approx(100)  # January 2008
    assert series["health_care"][12] == pytest.approx(100)
    assert series["construction"][0] == pytest.approx(7693 / 7726 * 100)
    assert index.value_axis.tick_labels.number_format.startswith("#,##0;")  # plain points


def test_a_native_axis_takes_the_given_range(monthly):
    axis = monthly[2].value_axis
    assert (axis.minimum_scale, axis.maximum_scale) == (120_000, 150_000)


def test_a_native_line_chart_draws_its_reference_line(tmp_path):
    """A reference on a native line chart was an internal error (the overlay series was
    styled as a data line, and the overlay looked for bars to leave): it is a dashed line
    of its own, across the plot, labelled above its right end."""
    outline = """\
deck: {title: T}
data: {gen: {file: gen.csv}}
slides:
  - kind: chart
    title: Gas grew
    chart: {type: line, data: gen, x: year, y: [coal, gas], native: true, format: "plain:0",
            reference: {value: 1000, label: Target}}
"""
    csv = "year,coal,gas\n2021,898,1579\n2022,828,1687\n2023,675,1802\n"
    result = build(write_project(tmp_path, outline, {"gen.csv": csv}),
                   BuildOptions(out_dir=tmp_path / "out"))  # fmt: skip
    chart = next(s for s in Presentation(str(result.deck)).slides[0].shapes if s.has_chart).chart
    assert [s.name for s in chart.plots[0].series] == ["coal", "gas"]
    overlay = chart.plots[1].series[0]
    assert overlay.name == "Target" and overlay.values == (1000, 1000, 1000)
    assert overlay.format.line.dash_style is not None
    dlbl = overlay._element.find(f".//{qn('c:dLbl')}")
    assert dlbl.find(qn("c:showSerName")).get("val") == "1"


def test_a_native_reference_line_writes_its_value_on_its_own(tmp_path):
    """'Target: 5.0M' on bars in millions, as the picture wrote it too: its value is a
    number on its own, '5M' (found by fuzzing)."""
    outline = """\
deck: {title: T}
data: {p: {file: p.csv}}
slides:
  - kind: chart
    title: Two pass the target
    chart: {type: bar, data: p, x: country, y: cars, native: true, format: "compact:1",
            reference: {value: 5000000, label: Target}}
"""
    csv = "country,cars\nAtlantis,30160966\nBorealia,10611555\nCyrenia,4200000\n"
    result = build(write_project(tmp_path, outline, {"p.csv": csv}),
                   BuildOptions(out_dir=tmp_path / "out"))  # fmt: skip
    chart = next(s for s in Presentation(str(result.deck)).slides[0].shapes if s.has_chart).chart
    dlbl = chart.plots[1].series[0]._element.find(f".//{qn('c:dLbl')}")
    code = dlbl.find(qn("c:numFmt")).get("formatCode")
    assert code.startswith('#,##0,,"M"'), code  # no decimals: '5M'


# --------------------------------------------------------------------------- parity
#: Changes by region, both signs, written for these tests.
CHANGES = "region,y2008,y2023\nAtlantis,10,119\nBorealia,30,49\nCyrenia,25,43\nDunmore,20,16\n" \
    "Eastmark,12,-2\nFenland,8,-38\n"  # fmt: skip
PARITY = {
    "bar": "{type: bar, data: d, x: region, y: y2023, highlight: Atlantis, format: 'plain:0',"
    " reference: {value: mean, label: All regions}}",
    "hbar": "{type: hbar, data: d, x: region, y: y2023, highlight: Atlantis, format: 'plain:0'}",
    "grouped-bar": "{type: grouped-bar, data: d, x: region, y: [y2008, y2023], format: 'plain:0',"
    " series_labels: {y2008: '2008', y2023: '2023'}, reference: {value: 30, label: Target}}",
    "keyed": "{type: grouped-bar, data: d, x: region, y: [y2008, y2023], format: 'plain:0',"
    " series_labels: {y2008: 'Exports of passenger cars, 2008',"
    " y2023: 'Exports of passenger cars, 2023'}, reference: {value: 30, label: Target}}",
    "line": "{type: line, data: d, x: region, y: [y2008, y2023], format: 'plain:0',"
    " reference: {value: 30, label: Target}}",
}


def _parity_deck(root: Path, native: bool) -> Path:
    flag = "true" if native else "false"
    slides = "".join(
        f"  - kind: chart\n    title: A {kind} chart\n    chart: {spec[:-1]}, native: {flag}}}\n"
        for kind, spec in PARITY.items()
    )
    outline = "deck: {title: T}\ndata: {d: {file: d.csv}}\nslides:\n" + slides
    path = write_project(root, outline, {"d.csv": CHANGES})
    return build(path, BuildOptions(out_dir=root / "out")).deck


@pytest.fixture(scope="module")
def parity(tmp_path_factory) -> Path:
    return _parity_deck(tmp_path_factory.mktemp("parity"), native=True)


def _parity_charts(deck: Path) -> dict[str, object]:
    prs = Presentation(str(deck))
    frames = [next(s for s in slide.shapes if s.has_chart) for slide in prs.slides]
    return dict(zip(PARITY, frames, strict=True))


def test_bar_labels_stand_off_their_bar_ends_as_on_the_picture(parity):
    """The applications leave APP_GAP (3 pt) between a bar's end and its label, which all
    but touches a horizontal bar's end: every label is moved out to the picture's gap
    (half a label size beside a bar), away from zero on either side, and draws no leader
    line."""
    from deckgen.kinds.charts._bars import BESIDE
    from deckgen.kinds.charts._native import APP_GAP

    frame = _parity_charts(parity)["hbar"]
    values = [119, 49, 43, 16, -2, -38]
    ser = frame.chart.plots[0].series[0]._element
    assert ser.find(f"{qn('c:dLbls')}/{qn('c:showLeaderLines')}").get("val") == "0"
    size = frame.width.pt
    dlbls = {int(d.find(qn("c:idx")).get("val")): d for d in ser.iter(qn("c:dLbl"))}
    assert sorted(dlbls) == list(range(len(values)))
    for i, value in enumerate(values):
        label_pt = int(dlbls[i].find(f".//{qn('a:defRPr')}").get("sz")) / 100
        want = BESIDE * label_pt - APP_GAP
        layout = dlbls[i].find(f"{qn('c:layout')}/{qn('c:manualLayout')}")
        x, y = (float(layout.find(qn(t)).get("val")) for t in ("c:x", "c:y"))
        assert x * size == pytest.approx(want if value >= 0 else -want, abs=0.01), (i, value)
        assert y == 0
        # Each keeps the series' format and shows its value; the highlight stays bold.
        assert dlbls[i].find(qn("c:showVal")).get("val") == "1"
        assert dlbls[i].find(qn("c:numFmt")) is not None
        bold = dlbls[i].find(f".//{qn('a:defRPr')}").get("b")
        assert bold == ("1" if i == 0 else "0")


def test_column_labels_keep_the_applications_gap_which_is_the_pictures(parity):
    """Above a column the applications' gap is the picture's (GAP points): no label is
    moved, and the highlighted column's own label stays where PowerPoint puts it."""
    from deckgen.kinds.charts._bars import GAP
    from deckgen.kinds.charts._native import APP_GAP

    assert GAP == APP_GAP
    ser = _parity_charts(parity)["bar"].chart.plots[0].series[0]._element
    assert ser.find(f".//{qn('c:dLbl')}/{qn('c:layout')}/{qn('c:manualLayout')}") is None
    assert ser.find(f"{qn('c:dLbls')}/{qn('c:showVal')}").get("val") == "1"


def test_a_grouped_chart_with_a_reference_line_builds_natively(parity):
    """A native grouped chart with a reference was an internal error (its fills were
    indexed by every series, the overlay's too); the overlay is a trendline-drawn line and,
    with a key, stays out of it."""
    charts = _parity_charts(parity)
    for kind, year in (("grouped-bar", "{}"), ("keyed", "Exports of passenger cars, {}")):
        chart = charts[kind].chart
        assert [s.name for s in chart.plots[0].series] == [year.format(y) for y in (2008, 2023)]
        assert chart.plots[1].series[0].name == "Target"
        assert chart._chartSpace.find(f".//{qn('c:trendline')}") is not None
    legend = charts["keyed"].chart._chartSpace.find(f".//{qn('c:legend')}")
    hidden = {e.find(qn("c:idx")).get("val") for e in legend.findall(qn("c:legendEntry"))}
    assert hidden == {"2", "3"}  # the overlay series, then its trendline


def test_a_line_chart_keeps_its_reference_a_plain_line(parity):
    """On a line chart the points already sit on the plot's edges: no trendline."""
    chart = _parity_charts(parity)["line"].chart
    assert chart._chartSpace.find(f".//{qn('c:trendline')}") is None
    assert chart.plots[1].series[0].format.line.dash_style is not None


@pytest.mark.validator
def test_the_parity_charts_validate(parity, require_validator):
    from deckgen.export.ooxml import validate

    assert validate(parity) == []


def _rows(png: Path, colour: str) -> dict[int, list[int]]:
    """Pixel columns of ``colour`` (within a small tolerance) per row of ``png``."""
    import numpy as np
    from PIL import Image

    pixels = np.asarray(Image.open(png).convert("RGB")).astype(int)
    want = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    near = np.abs(pixels - want).sum(axis=2) < 45
    return {int(r): list(np.where(near[r])[0]) for r in np.where(near.sum(axis=1) > 0)[0]}


@pytest.mark.libreoffice
def test_libreoffice_draws_the_reference_line_edge_to_edge_and_labels_off_the_bars(
    parity, tmp_path, require_libreoffice
):
    """Rendered through LibreOffice: the dashed reference line over the bars runs the
    plot's whole width (the baseline's), and a horizontal bar's label stands as far from
    its bar's end as on the picture (within 2 pt), not 3 pt."""
    from deckgen.export.pdf import to_pdf, to_pngs

    dpi = 150
    native = to_pngs(to_pdf(parity, tmp_path / "n"), tmp_path / "n", dpi=dpi)
    picture = _parity_deck(tmp_path / "p", native=False)
    pictures = to_pngs(to_pdf(picture, tmp_path / "p"), tmp_path / "p", dpi=dpi)

    for page in (0, 2):  # the bar and the grouped bar charts
        baseline = max(_rows(native[page], "#5A6474").values(), key=len)
        dashes = max(_rows(native[page], "#1B2430").values(), key=len)
        assert min(dashes) <= min(baseline) + 3, page
        assert max(dashes) >= max(baseline) - 12, page  # a dash may end short of the edge

    def gap_pt(png: Path) -> float:
        """Between the Atlantis bar's end (the red one) and its label's first dark pixel."""
        bar = _rows(png, "#C8102E")
        longest = max(len(columns) for columns in bar.values())
        # The bar's rows (a tagged PDF draws a picture's edge row a pixel or two longer).
        rows = [r for r, columns in bar.items() if len(columns) >= longest - 3]
        end = min(max(bar[r]) for r in rows)
        ink = _rows(png, "#1B2430")
        return (min(c for r in rows for c in ink.get(r, []) if c > end) - end) * 72 / dpi

    assert gap_pt(native[1]) == pytest.approx(gap_pt(pictures[1]), abs=2.0)


def test_a_chart_type_added_without_a_native_form_refuses_one_instead_of_failing():
    """CONTRIBUTING's step 3 (the native form) is optional: a type that only draws is kept
    as a picture under --native-charts, and `native: true` names why, never an internal
    error from the methods it lacks."""
    from typing import Literal

    from deckgen.kinds.charts import ChartKind

    class Lollipop(ChartKind):
        type: Literal["lollipop"]  # type: ignore[assignment]

        def draw(self, fig, ax, job):  # pragma: no cover - never drawn here
            raise AssertionError

    refusal = Lollipop(type="lollipop", data="d", x="x", y="v").native_refusal()
    assert refusal is not None and "picture" in refusal
    # The shipped types keep theirs: the `charts` fixture builds each natively.


# --------------------------------------------------------------------------- donut labels
#: A charity's income: the left column's longest label is wider than a full-height ring
#: leaves room for.
FUNDING = {"Individual donors": 1482300, "Trusts & foundations": 968750,
           "Local government contracts": 612400, "Corporate partners": 305900,
           "Legacies": 221000}  # fmt: skip
#: Names no ring leaves room for on one line: the labels wrap, as on the picture.
LONG_NAMES = {"The Democratic Republic of the Congo and surrounding territories": 5,
              "B": 3, "Saint Vincent and the Grenadines (overseas dependent territory)": 7,
              "Kraftfahrzeugversicherungsvermittlungsgesellschaften": 2,
              "Other places of some considerable length": 4}  # fmt: skip


def _native_donut(root: Path, data: dict[str, float], shorthand: str):
    """The chart frame and slide of a native donut of ``data`` under a two-line title."""
    csv = "name,v\n" + "".join(f'"{name}",{value}\n' for name, value in data.items())
    outline = (
        "deck: {title: T, theme: contrast}\ndata: {d: {file: d.csv}}\nslides:\n"
        "  - kind: chart\n    title: Individual donors gave the largest share of our income\n"
        f'    chart: {{type: donut, native: true, data: d, x: name, y: v, format: "{shorthand}",'
        f' highlight: "{next(iter(data))}"}}\n'
    )
    deck = build(write_project(root, outline, {"d.csv": csv}), BuildOptions(out_dir=root / "out"))
    slide = Presentation(str(deck.deck)).slides[0]
    return next(s for s in slide.shapes if s.has_chart), slide


@pytest.mark.parametrize("data", [FUNDING, LONG_NAMES], ids=["funding", "long-names"])
def test_a_native_donut_is_the_pictures_ring_with_every_label_inside_the_chart(tmp_path, data):
    """The native ring was as tall as the chart whatever its labels, and the longest label
    reached past the chart's left edge: LibreOffice moved it back inside but ended its
    leader where it had been, through '(17%)', and the ring crowded a two-line title (found
    by fuzzing). The ring is the picture's size, and every label, wrapped as the picture
    wraps it, lies inside the chart and beside the ring."""
    import math

    from matplotlib.text import Text

    from deckgen.layout.text import SLIDE
    from deckgen.layout.units import Pt
    from deckgen.render.chartkit import text_width_pt
    from deckgen.render.jobs import Canvas
    from tests.kinds.charts.jobs import figure, job

    shorthand = "£compact:1" if data is FUNDING else "plain:0"
    frame, _ = _native_donut(tmp_path, data, shorthand)
    width, height = frame.width.pt, frame.height.pt
    space = frame.chart._chartSpace
    manual = space.find(f".//{qn('c:plotArea')}/{qn('c:layout')}/{qn('c:manualLayout')}")
    radius = float(manual.find(qn("c:w")).get("val")) * width / 2
    # The ring's centre: off the chart's middle toward the side with less label text.
    centre = float(manual.find(qn("c:x")).get("val")) * width + radius

    # The picture of the same chart in the same box: its ring's radius in points.
    canvas = Canvas(Pt(width), Pt(height), dpi=100)
    picture = job("donut", list(data), {"v": [float(v) for v in data.values()]},
                  theme="contrast", canvas=canvas, format=shorthand,
                  highlight=[next(iter(data))])  # fmt: skip
    fig = figure(picture)
    ax = fig.axes[0]
    (x0, _), (x1, _) = ax.transData.transform([(0, 0), (1, 0)])
    drawn = {t.get_text() for t in fig.findobj(Text) if "%)" in t.get_text()}
    assert radius == pytest.approx((x1 - x0) * 72 / canvas.dpi, abs=0.5)

    hole = int(space.find(f".//{qn('c:holeSize')}").get("val")) / 100
    mid_r = radius * (1 + hole) / 2
    total, angle, mids = sum(data.values()), 90.0, []
    for value in data.values():
        sweep = 360 * value / total
        mids.append(math.radians(angle - sweep / 2))
        angle -= sweep
    size = Pt(picture.theme.theme.sizes.chart_label)  # the labels' size on both
    leading = SLIDE.leading(picture.theme.body.file(False), size).pt
    dlbls = list(frame.chart.plots[0].series[0]._element.iter(qn("c:dLbl")))
    assert len(dlbls) == len(data)
    written = set()
    for dlbl in dlbls:
        i = int(dlbl.find(qn("c:idx")).get("val"))
        lines = ["".join(t.text for t in p.iter(qn("a:t"))) for p in dlbl.iter(qn("a:p"))]
        written.add("\n".join(lines))
        bold = dlbl.find(f".//{qn('a:rPr')}").get("b") == "1"
        layout = dlbl.find(f"{qn('c:layout')}/{qn('c:manualLayout')}")
        dx, dy = (float(layout.find(qn(t)).get("val")) for t in ("c:x", "c:y"))
        x = centre + mid_r * math.cos(mids[i]) + dx * width
        y = height / 2 - mid_r * math.sin(mids[i]) + dy * height
        half_w = text_width_pt(picture, "\n".join(lines), bold=bold) / 2
        half_h = len(lines) * leading / 2
        hair = 0.01  # points: a label may touch the chart's edge (the spreading's bound)
        assert -hair <= x - half_w and x + half_w <= width + hair, lines  # inside the chart
        assert -hair <= y - half_h and y + half_h <= height + hair, lines
        right = math.cos(mids[i]) >= 0
        assert (x - half_w >= centre + radius) if right else (x + half_w <= centre - radius)
    assert written == drawn  # wrapped as the picture wraps them
    assert any("\n" in text for text in written) == (data is LONG_NAMES)


def test_a_native_donut_of_percentages_writes_each_once_and_no_total(tmp_path):
    """As on the picture: 'Property tax  46.5%', not '46.5% (47%)' over '100.0%'."""
    revenue = {"Property tax": 46.5, "Sales tax": 21.3, "State aid": 14.8,
               "Fees & charges": 10.2, "Other": 7.2}  # fmt: skip
    frame, slide = _native_donut(tmp_path, revenue, "percent:1")
    labels = ["".join(t.text for t in d.iter(qn("a:t")))
              for d in frame.chart.plots[0].series[0]._element.iter(qn("c:dLbl"))]  # fmt: skip
    assert labels == ["Property tax  46.5%", "Sales tax  21.3%", "State aid  14.8%",
                      "Fees & charges  10.2%", "Other  7.2%"]  # fmt: skip
    assert not [s for s in slide.shapes if s.name == "Chart total"]


# --------------------------------------------------------------------------- editable axis
@pytest.mark.parametrize(
    ("top", "drawn"),
    [(431.2, 500), (59.9, 70), (745, 800), (101, 120), (21, 25), (95, 100), (480, 600)],
)
def test_an_automatic_top_is_modelled_as_the_applications_draw_it(top, drawn):
    """A native chart leaves its value axis's top to the application (a value typed past a
    fixed top in "Edit Data" was cut off); labels spread apart on the plot are laid out
    on the top LibreOffice was seen to draw (tools/render_deck.py), 5% over the largest
    value rounded up to a 1-2-5 unit."""
    from deckgen.kinds.charts import _native as nv
    from tests.kinds.charts.jobs import job

    bars = job("stacked-bar", ["a", "b"], {"s": [top, top / 3]})
    assert nv.fixed_ends(bars, 0.0, top * 1.08) == (0.0, None)
    assert nv.drawn_top(bars, 0.0, top * 1.08, top, show=False) == pytest.approx(drawn)
    given = job("stacked-bar", ["a", "b"], {"s": [top, top / 3]}, axis={"max": top * 2})
    assert nv.fixed_ends(given, 0.0, top * 2) == (0.0, top * 2)
    assert nv.drawn_top(given, 0.0, top * 2, top, show=False) == top * 2
    under = job("bar", ["a", "b"], {"s": [-top, -top / 3]})
    assert nv.fixed_ends(under, -top * 1.14, 0.0) == (None, 0.0)  # bars hang from zero


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.one_of(st.none(), st.integers(-99_999, 999_999)), min_size=1, max_size=5,
             unique=True),
    st.sampled_from([(1.0, 0), (1.0, 1), (1.0, 2), (1e3, 1), (1e6, 1), (1e6, 0)]),
)  # fmt: skip
def test_a_label_formula_rounds_its_row_as_round_to_total_does(cents, place) -> None:
    """The label column's formula (recalculated as Excel would after "Edit Data") rounds a
    row as round_to_total rounds the picture's labels, gaps and negatives too: the same
    numbers, adding up to the row's rounded total. (Unequal values: where the cut splits
    equal ones, round_to_total moves whole sets, which the formula does not.)"""
    from openpyxl.utils import get_column_letter

    from deckgen.kinds.charts._native import rounded_to_total
    from deckgen.tables.rounding import round_to_total
    from tests.ooxml.formulas import recalculate

    scale, decimals = place
    values = [None if c is None else c / 100 * scale for c in cents]
    count = len(values)
    cells: dict[str, object] = {f"{get_column_letter(2 + j)}2": v for j, v in enumerate(values)}
    for j in range(count):
        formula = rounded_to_total(j, 0, count, scale, decimals)
        cells[f"{get_column_letter(2 + count + j)}2"] = f"={formula}"
    got = recalculate(cells)
    labels = [got[f"{get_column_letter(2 + count + j)}2"] for j in range(count)]
    present = [j for j, v in enumerate(values) if v]
    expected = round_to_total([values[j] / scale for j in present], decimals)
    for j, want in zip(present, expected, strict=True):
        assert labels[j] == pytest.approx(want * scale, abs=1e-9 * scale)
    assert all(labels[j] == "" for j, v in enumerate(values) if v is None)


@pytest.mark.parametrize(
    ("each", "expected"),
    [(False, [12, 38, 50, ""]), (True, [13, 38, 50, ""])],  # to the row's 100, or on its own
)
def test_a_label_formula_rounds_each_value_on_its_own_with_each(each, expected) -> None:
    """A chart's ``rounding: each`` makes the label formula a plain ROUND: 12.51 is 13 though
    the row then writes 101, where largest remainder writes 12 so that it makes 100."""
    from deckgen.kinds.charts._native import rounded_to_total
    from tests.ooxml.formulas import recalculate

    cells: dict[str, object] = {"B2": 12.51, "C2": 37.7, "D2": 49.79, "E2": None}
    for j, column in enumerate("FGHI"):
        cells[f"{column}2"] = f"={rounded_to_total(j, 0, 4, 1.0, 0, each=each)}"
    got = recalculate(cells)
    assert [got[f"{c}2"] for c in "FGHI"] == expected
    thousands = {"B2": 1240.0, "C2": 1240.0, "D2": 1260.0, "E2": None}
    for j, column in enumerate("FGHI"):
        thousands[f"{column}2"] = f"={rounded_to_total(j, 0, 4, 1e3, 0, each=True)}"
    assert [recalculate(thousands)[f"{c}2"] for c in "FGHI"] == [1000, 1000, 1000, ""]


@pytest.mark.parametrize(
    "values",
    [
        [3.4, 2.6, 3.5, 3.2, 2.3, 2.7],  # from 2.2 on steps of 0.5: 2.2, 2.7, 3.2 ...
        [124.6, 117.0, 74.3, 86.5, 109.0, 108.4],  # from 70 on steps of 20
        [47.3, 38.6, 29.7, 45.2, 47.5, 41.5],  # from 27.5 on steps of 5
    ],
)
def test_a_native_axis_near_its_data_starts_on_a_tick_of_its_step(values):
    """PowerPoint ticks a fixed minimum up by the major unit (2.2, 2.7, 3.2 ...), and
    LibreOffice at the unit's multiples (2.5 up, a stretch under it with no label): the
    minimum the picture starts at is a multiple of the unit (found in review)."""
    from tests.kinds.charts.jobs import job
    from tests.ooxml.formulas import native_chart

    years = [str(2010 + k) for k in range(len(values))]
    chart_job = job("line", years, {"v": values}, axis={"zero": False}, value_labels=False)
    axis = native_chart(chart_job).value_axis
    low, unit = axis.minimum_scale, axis.major_unit
    assert low <= min(values)
    assert low / unit == pytest.approx(round(low / unit)), (low, unit)
