"""A classed map's legend against its printed values (kinds/charts/_map_layout.py): every
state sits in the class its printed value names, on the picture, natively and on a card,
on data written for the test whose values straddle the rounded breaks."""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pptx import Presentation

from deckgen.kinds.charts import chart
from deckgen.kinds.charts._map_layout import MapLayout, make_scale, plan, shapes, shown_value
from deckgen.layout.units import Inches
from deckgen.pipeline import BuildOptions, build
from deckgen.render.chartkit import fmt, label_size
from deckgen.render.charts import ChartJob
from deckgen.render.jobs import Canvas
from deckgen.render.style import chart_style
from deckgen.tables.select import ChartData, Series
from tests.helpers import load_theme, write_project

if TYPE_CHECKING:
    from pathlib import Path

SLIDE = Canvas(Inches(12.33), Inches(4.9), dpi=100)
#: Every state a share with one decimal, many a hair either side of a whole percent
#: (85.5 prints '86%', 85.4 '85%'): quantiles of the data fall between values printed alike.
STRADDLING = {s.code: round(84.0 + ((k * 37) % 100) / 100 * 6 + (0.45 if k % 3 else 0.0), 1)
              for k, s in enumerate(shapes().states)}  # fmt: skip
_NUMBER = re.compile(r"−?\d+(?:\.\d+)?")


def _job(theme: str = "corporate", canvas: Canvas = SLIDE,
         data: dict[str, float | None] | None = None, **fields: object) -> ChartJob:  # fmt: skip
    values = STRADDLING if data is None else data
    spec = chart(**{"type": "map", "data": "d", "region": "state", "y": "share",
                    "format": "percent:0", "classes": 4, **fields})  # fmt: skip
    data_ = ChartData(tuple(values), (Series("share", tuple(values.values())),))
    return ChartJob(spec, data_, load_theme(theme), canvas, title="Shares")


def _number(text: str) -> float:
    return float(text.replace("−", "-").rstrip("%"))


def _holds(label: str, printed: str) -> bool:
    """Whether the legend's class ``label`` ('< 86%', '86%–88%', '≥ 89%', '88%') holds
    a value printed ``printed`` ('87%'), as a reader takes it (up to, not including, the
    upper end)."""
    value = _number(printed)
    ends = [_number(n) for n in _NUMBER.findall(label)]
    if label.startswith("<"):
        return value < ends[0]
    if label.startswith("≥"):
        return value >= ends[0]
    if len(ends) == 1:
        return value == ends[0]
    return ends[0] <= value < ends[1]


def _classes(lay: MapLayout) -> dict[str, str]:
    """The legend's classes, by fill (the entries beside or above the map)."""
    keys = [k for k in lay.keys if len(k.fills) == 1 and k.texts]
    return {k.fills[0]: k.texts[0].text for k in keys if _NUMBER.search(k.texts[0].text)}


def _misplaced(job: ChartJob, lay: MapLayout) -> list[str]:
    classes = _classes(lay)
    assert len(classes) >= 2
    wrong = []
    for region in lay.regions:
        if region.value is None:
            continue
        printed = fmt(job, region.value)  # the tile's, the callout's and the alt text's
        if region.label is not None and len(region.label.lines) > 1:
            assert region.label.lines[1] == printed
        if not _holds(classes[region.fill], printed):
            wrong.append(f"{region.code} {printed} in {classes[region.fill]!r}")
    return wrong


@pytest.mark.parametrize("theme", ["corporate", "dark"])
@pytest.mark.parametrize("style", ["tile", "choropleth"])
@pytest.mark.parametrize("classes", [3, 4, 5, 7])
def test_a_printed_value_falls_in_the_class_its_legend_names(theme, style, classes):
    """Quantile breaks of 87.6 and 89.4 read '88%' and '89%' while states printed '88%'
    sat under '86%–88%' and states printed '89%' under '88%–89%' (found by fuzzing): the
    breaks are taken among the printed values and states classed by them."""
    job = _job(theme, style=style, classes=classes)
    lay = plan(job, 880, 350, 14, 1)
    assert _misplaced(job, lay) == []
    # The breaks are whole percents, as the format prints them.
    assert not any("." in t for t in _classes(lay).values())


def test_states_printed_alike_share_a_class():
    job = _job(data={"SD": 85.7, "OH": 86.1, "ME": 87.5, "IL": 87.6, "NY": 87.9, "NV": 89.4,
                     "ID": 89.3, "VA": 88.9, "MS": 77.9, "UT": 93.1, "AL": 82.1})  # fmt: skip
    lay = plan(job, 880, 350, 14, 1)
    fills = {r.code: r.fill for r in lay.regions}
    assert fills["SD"] == fills["OH"]  # both '86%'
    assert fills["ME"] == fills["IL"] == fills["NY"]  # '88%'
    assert fills["NV"] == fills["ID"] == fills["VA"]  # '89%'
    assert _misplaced(job, lay) == []


def test_values_all_printed_alike_are_one_class_named_once():
    """87.6, 88.2 and 88.4 in three quantile classes read '< 88%', '88%–88%', '≥ 88%', each
    tile '88%': printed alike, they are one class, named by their one printed value."""
    job = _job(data={"UT": 87.6, "ID": 88.2, "NV": 88.4}, classes=3)
    lay = plan(job, 880, 350, 14, 1)
    assert list(_classes(lay).values()) == ["88%"]
    assert len({r.fill for r in lay.regions if r.value is not None}) == 1


def test_breaks_the_author_gives_are_written_exactly_and_states_classed_as_printed():
    """A break of 87.5 at 'percent:0' read '≥ 88%' beside a state printed '88%' in the
    class under it; a state of 9.6 printed '10%' sat in '< 10%'."""
    job = _job(data={"UT": 87.4, "ID": 87.6, "NV": 90.0, "AL": 80.0}, classes=[87.5])
    lay = plan(job, 880, 350, 14, 1)
    assert list(_classes(lay).values()) == ["< 87.5%", "≥ 87.5%"]
    assert _misplaced(job, lay) == []
    job = _job(data={"UT": 9.6, "ID": 9.4, "NV": 25.0, "AL": 15.0}, classes=[10, 20])
    lay = plan(job, 880, 350, 14, 1)
    assert list(_classes(lay).values()) == ["< 10%", "10%–20%", "≥ 20%"]
    assert _misplaced(job, lay) == []
    fills = {r.code: r.fill for r in lay.regions}
    assert fills["UT"] == fills["AL"] != fills["ID"]


def test_a_card_classes_its_states_as_the_slide():
    job = _job(canvas=Canvas(Inches(960 / 144), Inches(720 / 144), dpi=144))
    lay = plan(job, 960 - 12, 720 - 12, 28, job.canvas.scale)
    assert _misplaced(job, lay) == []


FORMATS = ["percent:0", "percent:1", "plain:0", "plain:2", "$compact:1", "compact:0",
           "$plain:1B"]  # fmt: skip


@settings(deadline=None, max_examples=200)
@given(st.sampled_from(FORMATS), st.booleans(),
       st.lists(st.floats(-1e7, 1e7, allow_nan=False), min_size=1, max_size=12))  # fmt: skip
def test_the_shown_value_is_the_printed_one(number, each, values):
    """A value as it is classed writes as the value itself does: the classes go by what
    the labels print."""
    units = {"units": "each"} if each else {}
    data = {s.code: v for s, v in zip(shapes().states, values, strict=False)}
    job = _job(data=data, format={**_format(number), **units})
    shown = shown_value(job)
    for v in values:
        assert math.isclose(_read(job, fmt(job, v)), shown(v), rel_tol=1e-12), (v, shown(v))


def _read(job: ChartJob, text: str) -> float:
    """The number a label writes: '−$1.2M' is -1.2e6; a plain format's 'B' is its suffix."""
    number = re.search(r"(\d[\d,]*(?:\.\d+)?)([KMBT]?)", text)
    assert number is not None, text
    scale = {"K": 1e3, "M": 1e6, "B": 1e9, "T": 1e12}.get(number[2], 1.0)
    value = float(number[1].replace(",", "")) * (scale if job.spec.format.style == "compact" else 1)
    return -value if text.startswith("−") else value


def _format(text: str) -> dict[str, object]:
    from deckgen.outline.formats import NumberFormat

    return NumberFormat.model_validate(text).model_dump(exclude_defaults=True)


@settings(deadline=None, max_examples=200)
@given(st.lists(st.integers(0, 1000), min_size=2, max_size=51), st.integers(2, 7),
       st.sampled_from(["percent:0", "percent:1", "plain:2"]))  # fmt: skip
def test_quantile_classes_never_split_a_printed_value(tenths, classes, number):
    data = {s.code: t / 10 for s, t in zip(shapes().states, tenths, strict=False)}
    job = _job(data=data, classes=classes, format=number)
    sc = make_scale(job.spec, job.theme.theme.colors, list(data.values()), shown_value(job))
    by_text: dict[str, set[int]] = {}
    for v in data.values():
        by_text.setdefault(fmt(job, v), set()).add(sc.klass(v))
    assert all(len(k) == 1 for k in by_text.values()), by_text


# --------------------------------------------------------------------------- drawn
def test_the_picture_fills_each_tile_as_its_printed_value_names():
    from matplotlib.colors import to_hex

    job = _job(style="tile")
    with chart_style(job.theme, job.canvas):
        fig = job.figure()
        ax = fig.axes[0]
        x0, x1 = ax.get_xlim()
        y1, y0 = ax.get_ylim()
        lay = plan(job, x1 - x0, y1 - y0, label_size(job), job.canvas.scale)
        patches = ax.patches[: len(lay.regions)]
        texts = {t.get_text() for t in ax.texts}
    classes = _classes(lay)
    for region, patch in zip(lay.regions, patches, strict=True):
        if region.value is None:
            continue
        printed = fmt(job, region.value)
        assert f"{region.code}\n{printed}" in texts
        fill = to_hex(patch.get_facecolor()).upper()
        assert fill == region.fill.upper()
        assert _holds(classes[region.fill], printed), (region.code, printed)
    assert set(classes.values()) <= texts


def _csv(values: dict[str, float | None]) -> str:
    return "state,share\n" + "".join(f"{c},{v}\n" for c, v in values.items())


@pytest.mark.parametrize("theme", ["corporate", "dark"])
def test_the_native_map_and_the_alt_text_agree_with_the_legend(theme, tmp_path: Path):
    outline = f"""\
deck: {{title: Maps, theme: {theme}}}
data:
  shares: {{file: shares.csv}}
slides:
  - kind: chart
    title: Shares by state
    chart: {{type: map, data: shares, region: state, y: share, format: "percent:0",
             classes: 4, native: true}}
"""
    path = write_project(tmp_path, outline, {"shares.csv": _csv(STRADDLING)})
    result = build(path, BuildOptions(out_dir=tmp_path / "out"))
    group = next(s for s in Presentation(str(result.deck)).slides[0].shapes
                 if s.shape_type == 6)  # fmt: skip
    swatches = [s for s in group.shapes if s.name == "Legend swatch"]
    labels = [s.text_frame.text for s in group.shapes if s.name == "Legend text"]
    classes = {f"#{s.fill.fore_color.rgb}": t for s, t in zip(swatches, labels, strict=True)}
    tiles = [s for s in group.shapes if s.name.endswith(" tile")]
    assert len(tiles) == 51
    alt = group._element.xpath("./*[1]/p:cNvPr")[0].get("descr")
    said_in_alt = 0
    for tile in tiles:
        code, printed = tile.text_frame.text.split("\n")
        assert _holds(classes[f"#{tile.fill.fore_color.rgb}"], printed), (code, printed)
        said = re.search(rf"(?:: |, ){re.escape(shapes().by_code[code].name)} (\d+) percent", alt)
        if said:  # the top and bottom three, as the tiles print them
            assert f"{said[1]}%" == printed, code
            said_in_alt += 1
    assert said_in_alt == 6 and len(classes) == 4
