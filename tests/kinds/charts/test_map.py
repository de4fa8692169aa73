"""The state map: the shipped shapes, the schema, the colour scale, the picture and the
native shapes, the checks after binding and the cards, on data written for the test."""

from __future__ import annotations

import functools
import io
import math
from collections import Counter
from dataclasses import dataclass, replace
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image
from pptx import Presentation
from pptx.enum.dml import MSO_FILL
from pydantic import ValidationError

from deckgen.errors import DeckgenError, FitError
from deckgen.kinds.charts import chart
from deckgen.kinds.charts import map as map_kind
from deckgen.kinds.charts._map_layout import (
    HATCH,
    HATCH_CONTRAST,
    MAX_CLASSES,
    MapLayout,
    delta_e,
    ink,
    label_point,
    make_scale,
    plan,
    quantile_breaks,
    ramp,
    rect_inside,
    shapes,
    state_code,
)
from deckgen.layout.text import SLIDE as SLIDE_FIT
from deckgen.layout.units import Inches, Pt
from deckgen.pipeline import BuildOptions, build
from deckgen.render.chartkit import contrast, fmt, label_size
from deckgen.render.charts import ChartJob
from deckgen.render.jobs import Canvas
from deckgen.render.labels import remove_collisions, text_boxes
from deckgen.render.style import chart_style
from deckgen.tables.select import ChartData, Series
from tests.helpers import load_theme, write_project

if TYPE_CHECKING:
    from matplotlib.figure import Figure
    from matplotlib.text import Text
    from matplotlib.transforms import Bbox

THEMES = ("corporate", "dark", "contrast", "corporate-template")
SHAPES_FILE = Path(map_kind.__file__).with_name("us_states.json")
#: The 50 states and DC by postal code.
CODES = {
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN",
    "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH",
    "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT",
    "VT", "VA", "WA", "WV", "WI", "WY",
}  # fmt: skip

#: Motor vehicles and parts as a share of some states' exports (%), written for the test:
#: names and codes mixed, any case, DC, and a state whose value is missing ('-').
SHARES_CSV = """state,share
Alabama,45
MI,42
south carolina,31
OR,22
West Virginia,21
MO,21
OH,18
IN,16
KY,14
Tennessee,13
DC,12
Hawaii,-
"""
SHARES = {"AL": 45, "MI": 42, "SC": 31, "OR": 22, "WV": 21, "MO": 21, "OH": 18, "IN": 16,
          "KY": 14, "TN": 13, "DC": 12}  # fmt: skip
SLIDE = Canvas(Inches(12.33), Inches(4.9), dpi=100)


def _spec(**fields: object):
    base: dict[str, object] = {"type": "map", "data": "d", "region": "state", "y": "share",
                               "format": "percent:0"}  # fmt: skip
    return chart(**{**base, **fields})


def _data(values: dict[str, float | None]) -> ChartData:
    return ChartData(tuple(values), (Series("share", tuple(values.values())),))


def _job(theme: str = "corporate", canvas: Canvas = SLIDE, data: dict | None = None,
         **fields: object) -> ChartJob:  # fmt: skip
    values = {**SHARES, "HI": None} if data is None else data
    return ChartJob(_spec(**fields), _data(values), load_theme(theme), canvas,
                    title="Vehicles and parts are 45% of Alabama's exports")  # fmt: skip


# --------------------------------------------------------------------------- the shapes
def test_every_state_and_dc_is_shipped_exactly_once():
    codes = [s.code for s in shapes().states]
    assert sorted(codes) == sorted(CODES)
    assert len({s.name for s in shapes().states}) == 51
    for state in shapes().states:
        assert state.paths and all(len(ring) >= 3 for ring in state.paths), state.code


def test_every_state_has_its_own_tile_inside_the_grid():
    tiles = [s.tile for s in shapes().states]
    assert len(set(tiles)) == len(tiles) == 51
    rows, cols = shapes().grid
    assert (rows, cols) == (8, 12)
    assert all(0 <= r < rows and 0 <= c < cols for r, c in tiles)


def test_outlines_lie_inside_the_frame():
    geo = shapes()
    for state in geo.states:
        for ring in state.paths:
            assert all(0 <= x <= geo.width and 0 <= y <= geo.height for x, y in ring)


def test_the_shipped_shapes_stay_small():
    assert SHAPES_FILE.stat().st_size < 60_000


def test_the_shapes_ship_inside_the_package():
    from importlib import resources

    assert resources.files("deckgen.kinds.charts").joinpath("us_states.json").is_file()


# --------------------------------------------------------------------------- state names
@pytest.mark.parametrize(("written", "code"), [
    ("AL", "AL"), ("al", "AL"), ("Alabama", "AL"), ("ALABAMA", "AL"), ("  new   york ", "NY"),
    ("DC", "DC"), ("District of Columbia", "DC"), ("district of columbia", "DC"),
])  # fmt: skip
def test_a_state_is_found_by_code_or_name_in_any_case(written: str, code: str):
    assert state_code(written) == code


@pytest.mark.parametrize("written", ["Top 10 Total", "Alabma", "XX", "", "Puerto Rico"])
def test_what_is_not_a_state_is_found_as_none(written: str):
    assert state_code(written) is None


@given(st.sampled_from(shapes().states), st.data())
def test_any_casing_and_spacing_of_a_state_finds_it(state, data):
    for text in (state.code, state.name):
        flips = data.draw(st.lists(st.booleans(), min_size=len(text), max_size=len(text)))
        cased = "".join(c.upper() if f else c.lower() for c, f in zip(text, flips, strict=True))
        pad = data.draw(st.sampled_from(["", " ", "  ", "\t"]))
        assert state_code(pad + cased.replace(" ", " " + pad) + pad) == state.code


# --------------------------------------------------------------------------- schema
def test_region_is_the_chart_category_column():
    spec = _spec()
    assert spec.region == spec.x == "state"
    assert spec.style == "tile" and spec.classes is None


def test_x_on_a_map_is_an_error_naming_region():
    with pytest.raises(ValidationError, match="with 'region:', not 'x:'"):
        chart(type="map", data="d", x="state", y="share")


def test_region_and_a_different_x_is_an_error():
    with pytest.raises(ValidationError, match="once, with 'region:'"):
        chart(type="map", data="d", region="state", x="code", y="share")


@pytest.mark.parametrize(("classes", "message"), [
    (1, "from 2 to 7"), (8, "from 2 to 7"), ([10, 10], "increasing order"),
    ([30, 20], "increasing order"), (list(range(7)), "1 to 6 breaks"), ([], "1 to 6 breaks"),
])  # fmt: skip
def test_classes_must_make_sense(classes: object, message: str):
    with pytest.raises(ValidationError, match=message):
        _spec(classes=classes)


@pytest.mark.parametrize("field", [{"transpose": True}, {"y": ["a", "b"]},
                                   {"reference": {"value": 1, "label": "x"}},
                                   {"annotations": [{"at": "AL", "text": "t"}]},
                                   {"axis": {"log": True}}, {"index": "AL"}])  # fmt: skip
def test_a_map_shows_one_value_per_state(field: dict):
    with pytest.raises(ValidationError):
        _spec(**field)


# --------------------------------------------------------------------------- scale
@given(st.lists(st.integers(-1000, 1000), min_size=1, max_size=51), st.integers(2, MAX_CLASSES))
def test_quantile_breaks_are_data_values_and_leave_no_class_empty(values, classes):
    breaks = quantile_breaks([float(v) for v in values], classes)
    assert list(breaks) == sorted(set(breaks))
    assert len(breaks) <= classes - 1
    assert set(breaks) <= set(map(float, values))
    edges = [-math.inf, *breaks, math.inf]
    for lo, hi in pairwise(edges):
        assert any(lo <= v < hi for v in values)


@settings(deadline=None)  # the first example loads the theme
@given(st.lists(st.floats(-1e6, 1e6), min_size=1, max_size=6, unique=True),
       st.floats(-2e6, 2e6))  # fmt: skip
def test_a_value_falls_in_the_class_its_breaks_bound(breaks, value):
    breaks = sorted(breaks)
    spec = _spec(classes=breaks)
    scale = make_scale(spec, load_theme().theme.colors, [value])
    k = scale.klass(value)
    assert (k == 0 or breaks[k - 1] <= value) and (k == len(breaks) or value < breaks[k])
    assert scale.fill(value) == scale.colors[k]


def test_class_labels_read_as_ranges_in_the_chart_format():
    scale = make_scale(_spec(classes=[15, 20, 30]), load_theme().theme.colors, [13.0, 45.0])
    assert scale.labels(_spec().format) == ["< 15%", "15%–20%", "20%–30%", "≥ 30%"]
    money = _spec(format="$plain:1B").format
    scale = make_scale(_spec(classes=[20, 50.5]), load_theme().theme.colors, [1.0])
    assert scale.labels(money) == ["< $20B", "$20B–$50.5B", "≥ $50.5B"]


def test_a_class_with_a_negative_end_reads_from_to():
    """Breaks of a swing printed '−4–−2' and '−2–0' on the slide and the card, the en dash
    beside a minus sign one more dash (found by review): a range with a negative end reads
    '−4 to −2'; one of positives keeps its dash."""
    colors = load_theme().theme.colors
    points = _spec(format="plain:1").format
    scale = make_scale(_spec(classes=[-4, -2, 0, 3]), colors, [-5.0, 4.0])
    assert scale.labels(points) == ["< −4", "−4 to −2", "−2 to 0", "0–3", "≥ 3"]
    one = make_scale(_spec(classes=[1]), colors, [-1.5, 2.0])
    assert replace(one, breaks=()).labels(points) == ["−1.5 to 2"]  # one class: its span


@pytest.mark.parametrize("theme", THEMES)
def test_the_ramp_is_readable_and_every_step_distinguishable(theme: str):
    colors = load_theme(theme).theme.colors
    r = ramp(colors)
    assert contrast(r.strong, colors.background) >= 3.0
    # Differences in Oklab x100, where about 2 is just noticeable.
    for n in range(2, MAX_CLASSES + 1):
        steps = r.steps(n)
        assert min(delta_e(a, b) for a, b in pairwise(steps)) >= 6, (n, steps)
        assert min(delta_e(r.no_data, s) for s in steps) >= 8, (n, r.no_data)
        # Darker (lighter on a dark background) with each class: a ramp, not a rainbow.
        far = [contrast(s, colors.background) for s in steps]
        assert far == sorted(far)
    assert delta_e(r.no_data, colors.background) >= 5  # the shape stays visible


@pytest.mark.parametrize("theme", THEMES)
def test_every_class_reads_on_the_background_and_apart_from_no_data(theme: str):
    # The lightest class was 1.6:1 on white and, on the dark theme, 1.3:1 from "no data":
    # Illinois, with 5%, looked like a state with none. Each class, and the continuous
    # scale's every colour, is a mark: 3:1 against the page (the "no data" fill too
    # close to it to pass for one), and the legend's swatches say so to A11Y003.
    colors = load_theme(theme).theme.colors
    r = ramp(colors)
    for n in range(2, MAX_CLASSES + 1):
        for fill in r.steps(n):
            assert contrast(fill, colors.background) >= 3.0, (n, fill)
            assert contrast(fill, r.no_data) >= 2.0, (n, fill, r.no_data)
            assert delta_e(fill, r.no_data) >= 15, (n, fill, r.no_data)
    assert min(contrast(r.at(k / 40), colors.background) for k in range(41)) >= 3.0
    job = _job(theme, style="choropleth", classes=[15, 30])
    assert r.light in job.spec.mark_colors(job)


@pytest.mark.parametrize("theme", THEMES)
def test_labels_keep_4_5_to_1_on_every_fill(theme: str):
    colors = load_theme(theme).theme.colors
    r = ramp(colors)
    fills = [r.no_data, *(r.at(k / 40) for k in range(41))]
    assert min(contrast(ink(f, colors), f) for f in fills) >= 4.5


# --------------------------------------------------------------------------- picture
@dataclass(frozen=True)
class Drawn:
    job: ChartJob
    lay: MapLayout
    removed: list[str]
    boxes: list[tuple[str, tuple[float, float, float, float]]]
    #: Each state's tile in pixels (x0, y0, x1, y1), y up.
    tiles: dict[str, tuple[float, float, float, float]]
    #: Each state's colour around a point of its own (the commonest in a few pixels either
    #: side): a corner of its tile, clear of the label, or the point inside its outline
    #: farthest from the edges.
    colour: dict[str, tuple[int, int, int]]
    #: Whether pixels there go from the fill towards the hatching's colour.
    hatched: dict[str, bool]
    #: The pattern each state's patch is hatched with ("" for none), as matplotlib has it.
    hatch: dict[str, str]


@functools.cache
def _drawn(theme: str, style: str, canvas: Canvas = SLIDE, labels: bool = True) -> Drawn:
    job = _job(theme, canvas, style=style, highlight=["AL"], classes=[15, 20, 30],
               value_labels=labels)  # fmt: skip
    with chart_style(job.theme, job.canvas):
        fig = job.figure(collisions=False)
        removed = remove_collisions(fig)
        boxes = [(t, (b.x0, b.y0, b.x1, b.y1)) for t, b in text_boxes(fig)]
        lay = plan(job, *_points(fig), label_size(job), canvas.scale)
        to_pixels = fig.axes[0].transData.transform
        tiles = {}
        for r in lay.regions:
            (x0, y0), (x1, y1) = to_pixels([(r.box.x, r.box.y + r.box.h),
                                            (r.box.x + r.box.w, r.box.y)])  # fmt: skip
            tiles[r.code] = (float(x0), float(y0), float(x1), float(y1))
        image = Image.frombuffer("RGBA", fig.canvas.get_width_height(),
                                 bytes(fig.canvas.buffer_rgba()))  # type: ignore[attr-defined]  # fmt: skip
        height = image.size[1]
        colour, hatched = {}, {}
        for r in lay.regions:
            if style == "tile":
                x, y = r.box.x + 0.12 * r.box.w, r.box.y + 0.12 * r.box.h
            else:
                (px, py), _ = label_point(r.code)
                x, y = lay.x0 + lay.scale * px, lay.y0 + lay.scale * py
            ((dx, dy),) = to_pixels([(x, y)])
            # 11 px square, wider than the hatching's spacing at slide scale: into the tile
            # from its corner point (clear of the label), around an outline's point.
            cx, cy = round(dx) + 5 * (style == "tile"), round(height - dy) + 5 * (style == "tile")
            patch = [image.getpixel((cx + i, cy + j))[:3]
                     for i in range(-5, 6) for j in range(-5, 6)]  # fmt: skip
            colour[r.code] = Counter(patch).most_common(1)[0][0]
            hatched[r.code] = any(_toward(p, colour[r.code], lay.hatch) > 0.5 for p in patch)
        # The regions' patches come first, in their order.
        regions = fig.axes[0].patches[: len(lay.regions)]
        patterns = {r.code: p.get_hatch() or "" for r, p in zip(lay.regions, regions, strict=True)}
    return Drawn(job, lay, removed, boxes, tiles, colour, hatched, patterns)


def _points(fig: Figure) -> tuple[float, float]:
    from deckgen.render.chartkit import axes_points

    x0, y0, x1, y1 = axes_points(fig.axes[0])
    return float(x1 - x0), float(y1 - y0)


def _overlaps(boxes):
    return [(a, b) for k, (a, ba) in enumerate(boxes) for b, bb in boxes[k + 1:]
            if ba[0] < bb[2] and bb[0] < ba[2] and ba[1] < bb[3] and bb[1] < ba[3]]  # fmt: skip


#: A chart on a 1080-wide card: 960 x 640 px with 28 px labels (as cards size them).
CARD = Canvas(Inches(4.8), Inches(3.2), dpi=200, scale=28 / (14 * 200 / 72))


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("canvas", [SLIDE, CARD], ids=["slide", "card"])
def test_tile_labels_never_overlap_and_stay_in_their_tiles(theme: str, canvas: Canvas):
    drawn = _drawn(theme, "tile", canvas)
    assert drawn.removed == []
    assert _overlaps(drawn.boxes) == []
    assert {r.code for r in drawn.lay.regions if r.label is not None} == CODES
    labels = 0
    for text, (x0, y0, x1, y1) in drawn.boxes:
        code = text.split("\n")[0]
        if code in drawn.tiles:
            labels += 1
            tx0, ty0, tx1, ty1 = drawn.tiles[code]
            assert tx0 <= x0 and x1 <= tx1 and ty0 <= y0 and y1 <= ty1, text
    assert labels == 51


def test_tiles_show_values_where_they_fit():
    lay = _drawn("corporate", "tile").lay
    labels = {r.code: r.label.lines for r in lay.regions if r.label}
    assert labels["AL"] == ("AL", "45%") and labels["DC"] == ("DC", "12%")
    assert labels["TX"] == ("TX",)  # no value: the code alone


def test_tiles_too_small_for_values_show_codes_only():
    lay = plan(_job(), 600, 240, 14, 1)
    labels = {r.code: r.label.lines for r in lay.regions if r.label}
    assert labels["AL"] == ("AL",) and len(labels) == 51


#: Trade by state, written for the test: the highest value four digits wide ('1,352'), the
#: highlighted state's one ('9').
TRADE = {"MI": 1352, "TX": 807, "CA": 529, "OH": 310, "IN": 9, "HI": None}


@dataclass(frozen=True)
class TileTexts:
    job: ChartJob
    #: Each state's label as drawn: its lines, colour, size (pt) and the fill under it.
    labels: dict[str, tuple[list[str], str, float, str]]
    #: What the build says the picture leaves out.
    notes: list[str]


def _tile_texts(width: float, theme: str = "corporate", **fields: object) -> TileTexts:
    """A tile map of :data:`TRADE` on a ``width`` inch wide slide chart, half as tall: the
    text artists over the tiles, each with the fill of the tile under its centre."""
    from matplotlib.colors import to_hex
    from matplotlib.patches import Rectangle
    from matplotlib.text import Text

    from deckgen.render.chartkit import leaving_out

    canvas = Canvas(Inches(width), Inches(width / 2), dpi=100)
    fields = {"classes": [100, 500], "format": "plain:0", **fields}
    job = _job(theme, canvas, data=TRADE, **fields)
    with chart_style(job.theme, job.canvas), leaving_out() as notes:
        fig = job.figure()
    ax = fig.axes[0]
    tiles = [p for p in ax.patches if isinstance(p, Rectangle) and p.get_fill()
             and p.get_facecolor()[3] > 0]  # fmt: skip
    labels = {}
    for text in ax.findobj(Text):
        lines = text.get_text().split("\n")
        if lines[0] not in CODES or not text.get_visible():
            continue
        x, y = text.get_position()
        under = [t for t in tiles if t.get_x() <= x <= t.get_x() + t.get_width()
                 and t.get_y() <= y <= t.get_y() + t.get_height()]  # fmt: skip
        assert len(under) == 1, lines
        fill = to_hex(under[0].get_facecolor()).upper()
        labels[lines[0]] = (lines, to_hex(text.get_color()).upper(), text.get_fontsize(), fill)
    return TileTexts(job, labels, list(notes))


@pytest.mark.parametrize(("theme", "width"),
                         [("corporate", 9), ("dark", 9), ("contrast", 10.5),
                          ("corporate-template", 9)])  # fmt: skip
def test_tiles_write_values_at_a_smaller_size_where_they_fit_only_there(theme, width):
    # '1,352' is too wide for a tile at the theme's label size, not at a smaller one: every
    # value is written, at a size no smaller than the theme's minimum, at 4.5:1 on its fill.
    drawn = _tile_texts(width, theme)
    sizes = drawn.job.theme.theme.sizes
    assert drawn.labels["MI"][2] < sizes.chart_label
    values = {c: v for c, v in TRADE.items() if v is not None}
    assert {c: lines[1:] for c, (lines, *_) in drawn.labels.items() if c in values} == {
        c: [f"{v:,}"] for c, v in values.items()
    }
    assert drawn.labels["HI"][0] == ["HI"]  # no data: the code alone, as ever
    for code, (_, colour, size, fill) in drawn.labels.items():
        assert min(sizes.minimum, sizes.chart_label) <= size <= sizes.chart_label, code
        assert contrast(colour, fill) >= 4.5, (code, colour, fill)
    assert drawn.notes == []


def test_tiles_too_small_for_every_value_write_the_highlighted_states_only():
    drawn = _tile_texts(8, format="percent:0", highlight=["IN"])
    lines = {c: lines for c, (lines, *_) in drawn.labels.items()}
    assert lines["IN"] == ["IN", "9%"]
    assert lines["MI"] == ["MI"] and lines["TX"] == ["TX"]
    _, colour, size, fill = drawn.labels["IN"]
    assert contrast(colour, fill) >= 4.5 and size >= 12
    assert drawn.notes == []


def test_highlighted_values_go_in_their_tiles_where_they_fit_and_beside_where_not():
    # Each highlighted value on its own: Indiana's '9%' fits its tile, Michigan's '1,352%'
    # does not and is written outside the grid (before, neither was written: one rule for
    # both highlighted tiles, and the build warned).
    drawn = _tile_texts(8, format="percent:0", highlight=["IN", "MI"])
    lines = {c: lines for c, (lines, *_) in drawn.labels.items()}
    assert lines["IN"] == ["IN", "9%"] and lines["MI"] == ["MI"] and lines["TX"] == ["TX"]
    assert drawn.job.spec.native_notes(drawn.job) == drawn.notes == []


def test_a_highlighted_value_too_wide_for_its_tile_and_hemmed_in_is_left_out_with_a_warning():
    # Indiana's '9%' fits its tile at no label size of this narrower chart, and every side
    # of Indiana is another tile: no room beside it either. (Michigan's '1,352%' is written
    # above its tile now; this test named both values left out before callouts.)
    drawn = _tile_texts(7, format="percent:0", highlight=["IN", "MI"])
    assert len(drawn.labels) == 51
    assert all(len(lines) == 1 for lines, *_ in drawn.labels.values())
    (note,) = drawn.notes
    assert note.startswith("the value of Indiana (9%) is not written: it does not fit its "
                           "tile even at the smallest label size, and there is no room "
                           "beside")  # fmt: skip
    assert "style: choropleth" in note
    # The native map, laid out alike, says the same.
    assert drawn.job.spec.native_notes(drawn.job) == drawn.notes


#: Vehicle trade by state ($bn), written for the test: '$135.2B' and '$131.0B' are too wide
#: for a tile at any label size of a slide's chart.
WIDE = {"MI": 135.2, "OR": 131.0, "TX": 80.7, "CA": 52.9, "IN": 9.4, "HI": None}


@dataclass(frozen=True)
class Callout:
    job: ChartJob
    #: The callout's text artist, and every other visible text and filled box drawn, in
    #: display pixels.
    text: Text | None
    others: list[Bbox]
    #: The highlighted state's tile, and the grid's bounds, in display pixels.
    tile: Bbox
    grid: Bbox
    notes: list[str]


def _callout(theme: str, width: float, height: float, code: str) -> Callout:
    """A tile map of :data:`WIDE` on a ``width`` x ``height`` inch chart, ``code``
    highlighted: the text artist that writes its value, if any, and the extents of
    everything else drawn."""
    from matplotlib.patches import Rectangle
    from matplotlib.transforms import Bbox

    from deckgen.render.chartkit import leaving_out

    canvas = Canvas(Inches(width), Inches(height), dpi=100)
    job = _job(theme, canvas, data=WIDE, format="$plain:1B", classes=[20, 50, 100],
               highlight=[code])  # fmt: skip
    with chart_style(job.theme, job.canvas), leaving_out() as notes:
        fig = job.figure()
    renderer = fig.canvas.get_renderer()
    ax = fig.axes[0]
    value = fmt(job, WIDE[code])
    texts = [t for t in ax.texts if t.get_visible() and t.get_text()]
    (text, *_) = [t for t in texts if t.get_text() == value] or [None]
    others = [t.get_window_extent(renderer) for t in texts if t is not text]
    tiles = [p for p in ax.patches if isinstance(p, Rectangle)]
    others += [p.get_window_extent(renderer) for p in tiles]
    grid = Bbox.union([p.get_window_extent(renderer) for p in tiles if p.get_width() > 20])
    x, y = next(t.get_position() for t in texts if t.get_text().split("\n")[0] == code)
    tile = next(p.get_window_extent(renderer) for p in tiles
                if p.contains_point(ax.transData.transform((x, y))))  # fmt: skip
    return Callout(job, text, others, tile, grid, list(notes))


@pytest.mark.parametrize("theme", THEMES)
def test_a_highlighted_value_too_wide_for_its_tile_is_written_beside_it(theme):
    from matplotlib.colors import to_hex

    drawn = _callout(theme, 9, 4.5, "MI")
    text = drawn.text
    assert text is not None, "Michigan's value is not written"
    renderer = text.figure.canvas.get_renderer()
    box = text.get_window_extent(renderer)
    # Outside every tile, clear of the legend's swatches and words and the codes.
    assert not any(box.overlaps(other) for other in drawn.others)
    # Beside its tile: within a tile's width of it, and over no other.
    near = drawn.tile.expanded(1, 1).padded(drawn.tile.width)
    assert near.contains(box.x0, box.y0) and near.contains(box.x1, box.y1)
    # The label size (not below the theme's minimum), bold, in the text colour, at 4.5:1
    # on the background it stands on.
    colors, sizes = drawn.job.theme.theme.colors, drawn.job.theme.theme.sizes
    assert min(sizes.minimum, sizes.chart_label) <= text.get_fontsize() <= sizes.chart_label
    assert text.get_fontweight() == "bold"
    assert to_hex(text.get_color()).upper() == colors.text.upper()
    assert contrast(colors.text, colors.background) >= 4.5
    # Nothing left unsaid: the build does not warn, and the native map (laid out alike)
    # does not either.
    assert drawn.notes == []
    assert drawn.job.spec.native_notes(drawn.job) == []


def test_a_callout_on_the_outside_of_the_map_takes_the_room_beside_the_grid():
    # Oregon's value: left of its tile, level with it, into the empty column of the grid
    # (the Pacific, between Alaska and Hawaii) and the space beside it.
    drawn = _callout("dark", 9, 4.5, "OR")
    assert drawn.text is not None
    box = drawn.text.get_window_extent(drawn.text.figure.canvas.get_renderer())
    assert box.x1 <= drawn.tile.x0 and drawn.tile.y0 <= box.y0 <= box.y1 <= drawn.tile.y1
    assert box.x0 < drawn.grid.x0  # beyond the grid's left edge
    assert not any(box.overlaps(other) for other in drawn.others)
    assert drawn.notes == []


def test_a_highlighted_value_is_left_out_with_a_warning_where_the_grid_fills_the_canvas():
    # Oregon's only free side is the west (Washington, Nevada and California are above,
    # right and below), and on a canvas as wide as the grid (the legend above it) the grid
    # reaches its left edge: no room for '$131.0B' there, against the tile or on a leader.
    drawn = _callout("corporate", 7.2, 6, "OR")
    assert drawn.grid.x0 < 0.1 * drawn.job.canvas.dpi  # 0.04 in from the edge
    assert drawn.text is None
    (note,) = drawn.notes
    assert note.startswith("the value of Oregon ($131.0B) is not written: it does not fit "
                           "its tile even at the smallest label size, and there is no room "
                           "beside its tile")  # fmt: skip
    assert "style: choropleth" in note
    # The native map, laid out alike, says the same.
    assert drawn.job.spec.native_notes(drawn.job) == drawn.notes


def test_the_native_tile_map_writes_the_callout_as_the_picture_does():
    from pptx.util import Emu

    from deckgen.kinds.charts._map_native import add_native_map
    from deckgen.layout.geometry import Rect

    canvas = Canvas(Inches(9), Inches(4.5), dpi=100)
    job = _job("corporate", canvas, data=WIDE, format="$plain:1B", classes=[20, 50, 100],
               highlight=["MI"])  # fmt: skip
    deck = Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    group = add_native_map(slide, job, Rect(Pt(0), Pt(0), Inches(9), Inches(4.5)), "Map")
    (label,) = [s for s in group.shapes if s.name == "Label"]
    assert label.text_frame.text == "$135.2B"
    assert not [s for s in group.shapes if s.name.startswith("Leader")]  # against its tile
    tiles = [s for s in group.shapes if s.name.endswith(" tile")]
    mi = next(t for t in tiles if t.name == "MI tile")
    # Its middle lies over no tile, just above Michigan's.
    cx, cy = label.left + label.width // 2, label.top + label.height // 2
    assert not any(t.left < cx < t.left + t.width and t.top < cy < t.top + t.height
                   for t in tiles)  # fmt: skip
    assert mi.left <= cx <= mi.left + Emu(2 * mi.width) and cy < mi.top


@pytest.mark.parametrize("theme", THEMES)
def test_choropleth_labels_never_overlap(theme: str):
    drawn = _drawn(theme, "choropleth")
    assert drawn.removed == []
    assert _overlaps(drawn.boxes) == []
    labelled = {r.code for r in drawn.lay.regions if r.label is not None}
    assert labelled <= set(SHARES) and {"MI", "OR", "AL"} <= labelled


def test_narrow_neighbours_each_keep_their_code_inside_their_state():
    # Illinois and Indiana, Mississippi and Alabama: side by side at one height, each code
    # fitting its own state but touching its neighbour's. One moves within its state
    # (the sample's map left IL, IN and MS unnamed). Measured with the text's ink.
    from deckgen.kinds.charts._map_layout import _ink, _Measure

    data = {"AL": 45.0, "MI": 42.0, "OH": 18.0, "IN": 16.0, "KY": 14.0, "MS": 8.0, "IL": 5.0}
    job = _job(data=data, style="choropleth", highlight=["AL"], classes=[10, 20, 30])
    lay = plan(job, 882, 272, 14, 1)
    labels = {r.code: r.label for r in lay.regions if r.label is not None}
    assert set(labels) == set(data)
    m = _Measure(job, 14)
    for code, label in labels.items():
        at = ((label.x - lay.x0) / lay.scale, (label.y - lay.y0) / lay.scale)
        w, h = _ink(m, label.lines, label.bold)
        assert rect_inside(code, at, w / lay.scale, h / lay.scale), code
    pad = 0.15 * 14
    boxes = [(label.x - m.width(label.lines[0], label.bold) / 2 - pad, label.y - 7 - pad,
              label.x + m.width(label.lines[0], label.bold) / 2 + pad, label.y + 7 + pad)
             for label in labels.values()]  # fmt: skip
    assert _overlaps(list(enumerate(boxes))) == []


def test_a_box_is_inside_a_state_only_when_all_of_it_is():
    (x, y), radius = label_point("TN")
    assert rect_inside("TN", (x, y), 2 * radius, radius)  # Tennessee: long and thin
    assert not rect_inside("TN", (x, y), 3 * radius, 3 * radius)
    assert not rect_inside("TN", (x + 1000, y), 1, 1)


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("style", ["tile", "choropleth"])
def test_a_state_without_a_value_is_drawn_as_no_data(theme: str, style: str):
    # Without labels, so the choropleth's sample points (where labels go) show the fill.
    drawn = _drawn(theme, style, labels=style == "tile")
    r = ramp(drawn.job.theme.theme.colors)
    for code in ("HI", "TX", "ME"):  # '-' in the data, and two states not in it
        assert _close(drawn.colour[code], r.no_data), code
        # Told apart from the lowest class without telling colours apart: hatched.
        assert drawn.hatched[code] and drawn.hatch[code] == HATCH, code
    assert _close(drawn.colour["MI"], r.steps(4)[3])  # 42%: the top class
    assert _close(drawn.colour["TN"], r.steps(4)[0])  # 13%: the lowest
    assert not _close(drawn.colour["TN"], r.no_data)
    assert {code for code, pattern in drawn.hatch.items() if pattern} == CODES - set(SHARES)
    assert contrast(r.hatch, r.no_data) >= HATCH_CONTRAST


def _toward(pixel: tuple[int, ...], base: tuple[int, ...], colour: str) -> float:
    """How far ``pixel`` is from ``base`` towards ``colour`` (0 at base, 1 at colour): a
    hatch line is thinner than a pixel's worth of full colour once smoothed."""
    from matplotlib.colors import to_rgb

    target = [round(255 * c) - b for c, b in zip(to_rgb(colour), base, strict=True)]
    along = sum((p - b) * t for p, b, t in zip(pixel, base, target, strict=True))
    return along / max(sum(t * t for t in target), 1)


def _close(pixel: tuple[int, ...], colour: str) -> bool:
    from matplotlib.colors import to_rgb

    return all(abs(p - round(255 * c)) <= 2 for p, c in zip(pixel, to_rgb(colour), strict=True))


@pytest.mark.parametrize("style", ["tile", "choropleth"])
def test_no_data_is_in_the_legend_only_when_a_state_has_none(style: str):
    every = {s.code: float(k) for k, s in enumerate(shapes().states)}
    full = plan(_job(data=every, style=style, classes=4), 880, 350, 14, 1)
    texts = [t.text for k in full.keys for t in k.texts]
    assert "No data" not in texts and len(texts) == 4
    some = plan(_job(style=style, classes=4), 880, 350, 14, 1)
    assert [t.text for k in some.keys for t in k.texts][-1] == "No data"
    # Its swatch, and it alone, is hatched as the states without a value are.
    assert [some.hatched(k.fills) for k in some.keys] == [False] * 4 + [True]


@pytest.mark.parametrize("style", ["tile", "choropleth"])
@pytest.mark.parametrize("classes", [4, None])
def test_no_data_takes_the_outlines_words_in_the_legend_and_the_alt_text(style, classes):
    """A list of the top ten leaves the other states without a value: 'No data' would say
    their figure is unknown, when they are only not among the ten."""
    said = "Not among the 10 busiest"
    lay = plan(_job(style=style, classes=classes, no_data=said), 880, 350, 14, 1)
    texts = [t.text for k in lay.keys for t in k.texts]
    assert texts[-1] == said and "No data" not in texts
    assert lay.hatched(lay.keys[-1].fills)
    alt = _job(style=style, classes=classes, no_data=said).alt()
    assert "Not among the 10 busiest: 40 states." in alt and "no data" not in alt


@pytest.mark.parametrize("style", ["tile", "choropleth"])
def test_a_german_legend_says_keine_daten_and_bis(style):
    """A German deck's map legend said 'No data' and '−4 to −2' (found in review): the
    deck's words, unless the outline says why a state has none; the alt text stays
    English."""
    from deckgen.outline.words import words_for

    german = words_for("de_DE").chart
    swing = {s.code: float(k % 9 - 5) for k, s in enumerate(shapes().states) if s.code != "HI"}
    spec = {"style": style, "classes": [-4, -2, 0, 3], "format": "plain:1"}
    job = replace(_job(data=swing, **spec), words=german)
    texts = [t.text for k in plan(job, 880, 350, 14, 1).keys for t in k.texts]
    assert texts[-1] == "Keine Daten" and "No data" not in texts
    assert _job(**spec).spec.no_data is None and "no data for 1 state" in job.alt()
    scale = make_scale(job.spec, load_theme().theme.colors, list(swing.values()))
    assert scale.labels(job.spec.format, german.to)[1:3] == ["−4 bis −2", "−2 bis 0"]


@pytest.mark.parametrize("words", ["", "   ", "x" * 41])
def test_no_data_must_say_something_short(words):
    with pytest.raises(ValidationError, match="no_data"):
        _spec(no_data=words)


def test_a_continuous_scale_has_a_ramp_from_the_lowest_to_the_highest_value():
    lay = plan(_job(), 880, 350, 14, 1)
    ramp_key = lay.keys[0]
    assert [t.text for t in ramp_key.texts] == ["12%", "45%"]
    assert len(ramp_key.fills) > 2
    fills = {r.code: r.fill for r in lay.regions}
    assert fills["AL"] == ramp(load_theme().theme.colors).strong  # the highest value
    assert fills["DC"] == ramp(load_theme().theme.colors).light  # the lowest


def test_the_highlighted_state_is_outlined_and_bold():
    lay = plan(_job(highlight=["alabama"]), 880, 350, 14, 1)
    al = next(r for r in lay.regions if r.code == "AL")
    assert al.highlighted and al.label is not None and al.label.bold
    assert [r.code for r in lay.regions if r.highlighted] == ["AL"]
    assert lay.emphasis == load_theme().theme.colors.highlight


def test_legend_and_map_stay_inside_the_box_and_apart():
    for style in ("tile", "choropleth"):
        for width, height in ((880, 350), (480, 480), (300, 500)):
            lay = plan(_job(style=style, classes=[15, 20, 30]), width, height, 14, 1)
            boxes = [r.box for r in lay.regions] + [k.swatch for k in lay.keys]
            for b in boxes:
                assert b.x >= -0.01 and b.x + b.w <= width + 0.01, (style, width, b)
                assert b.y >= -0.01 and b.y + b.h <= height + 0.01, (style, width, b)
            for key in lay.keys:
                for r in lay.regions:
                    s, t = key.swatch, r.box
                    if lay.tile:
                        assert not (s.x < t.x + t.w and t.x < s.x + s.w and s.y < t.y + t.h
                                    and t.y < s.y + s.h), (style, width, r.code)  # fmt: skip


# --------------------------------------------------------------------------- alt text
def test_alt_text_names_the_kind_the_finding_the_extremes_and_the_missing():
    alt = _job().alt()
    assert alt.startswith("Tile map of U.S. states: Vehicles and parts are 45% of Alabama's")
    assert "Alabama 45 percent (highest)" in alt
    assert "District of Columbia 12 percent (lowest)" in alt
    assert "no data for 40 states." in alt  # Hawaii's '-' and the 39 states not listed
    assert _job(style="choropleth").alt().startswith("Map of U.S. states: ")


def test_alt_text_of_many_states_gives_the_top_and_bottom_three():
    states = shapes().states  # in order of their codes: AK, AL, AR, AZ, ...
    every = {s.code: float(k) for k, s in enumerate(states)}
    alt = _job(data=every).alt()
    top = ", ".join(f"{s.name} {k} percent" for k, s in reversed(list(enumerate(states))[-3:]))
    bottom = ", ".join(f"{s.name} {k} percent" for k, s in reversed(list(enumerate(states))[:3]))
    assert f"Highest: {top}; lowest: {bottom}." in alt
    assert "no data" not in alt


# --------------------------------------------------------------------------- in a deck
def _outline(theme: str) -> str:
    slides = []
    for native in ("", ", native: true"):
        slides.append(f"""\
  - kind: chart
    title: Vehicles and parts are 45% of Alabama's exports
    chart: {{type: map, data: shares, region: state, y: share, format: "percent:0",
             classes: [15, 20, 30], highlight: AL{native}}}
  - kind: chart
    title: Michigan and Alabama lead
    chart: {{type: map, style: choropleth, data: shares, region: state, y: share,
             format: "percent:0", highlight: Michigan{native}}}
""")
    return (
        f"deck: {{title: Maps, theme: {theme}}}\ndata:\n  shares: {{file: shares.csv}}\n"
        + "slides:\n"
        + "".join(slides)
    )


@pytest.fixture(scope="module", params=THEMES)
def built(request, tmp_path_factory):
    """Each theme's deck: a tile map and a choropleth as pictures, then both native."""
    theme = request.param
    root = tmp_path_factory.mktemp(f"map-{theme}")
    path = write_project(root, _outline(theme), {"shares.csv": SHARES_CSV})
    result = build(path, BuildOptions(out_dir=root / "out"))
    return theme, Presentation(str(result.deck)), result


def _descr(shape) -> str:
    return shape._element.xpath("./*[1]/p:cNvPr")[0].get("descr")


def test_the_pictures_carry_alt_text_from_the_data(built):
    _, deck, result = built
    assert result.pictures == 2  # the native maps are shapes, not pictures
    # A picture, or a picture in a template's picture placeholder.
    tile, choropleth = (next(s for s in slide.shapes if s._element.tag.endswith("}pic"))
                        for slide in list(deck.slides)[:2])  # fmt: skip
    assert _descr(tile).startswith("Tile map of U.S. states: Vehicles and parts are 45%")
    assert "Alabama 45 percent (highest)" in _descr(tile)
    assert _descr(choropleth).startswith("Map of U.S. states: Michigan and Alabama lead.")
    assert "no data for 40 states" in _descr(choropleth)


def test_the_native_tile_map_is_one_shape_per_state_with_its_code_and_fill(built):
    theme, deck, _ = built
    group = next(s for s in deck.slides[2].shapes if s.shape_type == 6)
    assert _descr(group).startswith("Tile map of U.S. states: Vehicles and parts are 45%")
    tiles = {s.name.split()[0]: s for s in group.shapes if s.name.endswith(" tile")}
    assert set(tiles) == CODES
    colors = load_theme(theme).theme.colors
    classes, no_data, hatch = ramp(colors).steps(4), ramp(colors).no_data, ramp(colors).hatch
    for code, tile in tiles.items():
        assert tile.text_frame.text.split("\n")[0] == code
        value = SHARES.get(code)
        if value is None:  # hatched as the picture is: the pattern's ground is the fill
            assert tile.fill.type == MSO_FILL.PATTERNED, code
            assert f"#{tile.fill.back_color.rgb}" == no_data, code
            assert f"#{tile.fill.fore_color.rgb}" == hatch, code
            continue
        assert tile.fill.type == MSO_FILL.SOLID, code
        fill = f"#{tile.fill.fore_color.rgb}"
        assert fill == classes[sum(value >= b for b in (15, 20, 30))], code
    assert tiles["AL"].line.color.rgb is not None  # the highlight's outline
    legend = [s.text_frame.text for s in group.shapes if s.name == "Legend text"]
    assert legend == ["< 15%", "15%–20%", "20%–30%", "≥ 30%", "No data"]


def test_the_native_choropleth_is_one_freeform_per_state(built):
    theme, deck, _ = built
    group = next(s for s in deck.slides[3].shapes if s.shape_type == 6)
    assert _descr(group).startswith("Map of U.S. states: Michigan and Alabama lead.")
    outlines = {s.name: s for s in group.shapes if s.shape_type == 5}  # freeforms
    # A highlight's outline where it has a casing (MapLayout.casing) is one freeform more.
    lines = [name for name in outlines if name.endswith(" highlight")]
    assert len(outlines) == 51 + len(lines) and lines in ([], ["Michigan highlight"])
    no_data = ramp(load_theme(theme).theme.colors).no_data
    assert f"#{outlines['Texas'].fill.back_color.rgb}" == no_data
    assert f"#{outlines['Hawaii'].fill.back_color.rgb}" == no_data  # '-' in the data
    assert outlines["Hawaii"].fill.type == MSO_FILL.PATTERNED
    assert outlines["Alabama"].fill.type == MSO_FILL.SOLID
    assert f"#{outlines['Alabama'].fill.fore_color.rgb}" != no_data
    paths = outlines["Michigan"]._element.findall(".//{*}path/{*}moveTo")
    assert len(paths) == len(shapes().by_code["MI"].paths)  # both peninsulas and islands


@pytest.mark.validator
def test_the_native_maps_are_valid_ooxml(built, require_validator):
    from deckgen.export.ooxml import validate

    _, _, result = built
    assert validate(result.deck) == []


# --------------------------------------------------------------------------- checks
def _map_project(tmp_path: Path, csv: str, chart_fields: str = "") -> Path:
    outline = f"""\
deck: {{title: Maps}}
data:
  shares: {{file: shares.csv}}
slides:
  - kind: chart
    title: A map
    chart:
      type: map
      data: shares
      region: state
      y: share{chart_fields}
"""
    return write_project(tmp_path, outline, {"shares.csv": csv})


def _fails(tmp_path: Path, csv: str, chart_fields: str = "") -> str:
    path = _map_project(tmp_path, csv, chart_fields)
    with pytest.raises(DeckgenError) as caught:
        build(path, BuildOptions(out_dir=tmp_path / "out"))
    return caught.value.format_message()


def test_a_row_that_is_not_a_state_is_an_error_with_its_line_and_a_suggestion(tmp_path: Path):
    message = _fails(tmp_path, "state,share\nAlabama,45\nMichigna,42\nTop 10 Total,87\n")
    assert "deck.yaml:10: slides[0].chart.region: 'Michigna' in column 'state'" in message
    assert "shares.csv:3" in message and "is not a U.S. state or DC" in message
    # Named as every other message names a row, not by the file's whole path (new user).
    assert "'Michigna' in column 'state' (shares.csv:3) is not" in message
    assert "did you mean 'Michigan'?" in message
    assert "'Top 10 Total'" in message and "filter:" in message


def test_a_state_named_twice_is_an_error_naming_both_rows(tmp_path: Path):
    message = _fails(tmp_path, "state,share\nAL,45\nMI,42\nalabama,44\n")
    assert "slides[0].chart.region: Alabama appears twice in column 'state'" in message
    assert "'AL' (" in message and "shares.csv:2" in message
    assert "'alabama' (" in message and "shares.csv:4" in message


def test_a_highlight_that_is_not_a_state_is_an_error(tmp_path: Path):
    message = _fails(tmp_path, SHARES_CSV, "\n      highlight: Alabamma")
    assert "slides[0].chart.highlight: 'Alabamma' is not a U.S. state or DC" in message
    assert "did you mean 'Alabama'?" in message


@pytest.mark.parametrize(
    ("fields", "why"),
    [("\n      highlight: Michigan\n      filter: [{column: state, op: '!=', value: MI}]",
      "'MI' is in the data (shares.csv:3) but the filter leaves it out"),
     ("\n      highlight: MI\n      sort: {by: share}\n      top: 1",
      "'MI' is in the data (shares.csv:3) but not among the 1 row top: keeps (it is 2nd)")],
)  # fmt: skip
def test_a_highlight_the_selection_leaves_out_is_an_error(tmp_path: Path, fields, why):
    """Outlined over 'No data', a state the data has a value for (found by fuzzing)."""
    message = _fails(tmp_path, "state,share\nAL,45\nMI,42\nOH,20\n", fields)
    assert "slides[0].chart.highlight: " in message
    assert "is outlined, but the map shows no value for it" in message
    assert why in message


def test_a_highlighted_state_no_row_names_is_outlined_as_one_with_no_data(tmp_path: Path):
    path = _map_project(tmp_path, "state,share\nAL,45\nMI,42\n", "\n      highlight: TX")
    assert build(path, BuildOptions(out_dir=tmp_path / "out")).deck.is_file()


def test_a_missing_region_column_is_named_as_region(tmp_path: Path):
    message = _fails(tmp_path, "State,share\nAL,45\n")
    assert "slides[0].chart.region: data source 'shares' has no column 'state'" in message
    assert "did you mean 'State'?" in message


def test_a_filter_leaves_out_a_total_row(tmp_path: Path):
    outline = """\
deck: {title: Maps}
data:
  shares: {file: shares.csv}
slides:
  - kind: chart
    title: A map
    chart: {type: map, data: shares, region: state, y: share,
            filter: [{column: state, op: "!=", value: Top 10 Total}]}
"""
    path = write_project(
        tmp_path, outline, {"shares.csv": "state,share\nAL,45\nMI,42\nTop 10 Total,87\n"}
    )
    result = build(path, BuildOptions(out_dir=tmp_path / "out"))
    assert result.pictures == 1


# --------------------------------------------------------------------------- cards
def _shared(style: str, presets: str) -> str:
    return f"""\
deck: {{title: Maps}}
data:
  shares: {{file: shares.csv}}
slides:
  - kind: chart
    title: Vehicles and parts are 45% of Alabama's exports
    source: Test data
    chart: {{type: map, style: {style}, data: shares, region: state, y: share,
             format: "percent:0", classes: [15, 20, 30], highlight: AL}}
    share: [{presets}]
"""


@pytest.mark.parametrize(("style", "presets"), [("tile", "ig-square, ig-portrait"),
                                                ("choropleth", "ig-square, x-post")])  # fmt: skip
def test_a_map_slide_shared_as_cards(tmp_path: Path, style: str, presets: str):
    path = write_project(tmp_path, _shared(style, presets), {"shares.csv": SHARES_CSV})
    result = build(path, BuildOptions(out_dir=tmp_path / "out"))
    assert result.cards == 2
    sizes = {"ig-square": (1080, 1080), "ig-portrait": (1080, 1350), "x-post": (1600, 900)}
    for preset in presets.split(", "):
        (card,) = (tmp_path / "out" / "deck" / "social").glob(f"*-{preset}.png")
        with Image.open(card) as image:
            assert image.size == sizes[preset]


def test_a_tile_map_too_small_for_its_codes_on_a_card_says_which_presets_fit(tmp_path: Path):
    path = write_project(tmp_path, _shared("tile", "x-post"), {"shares.csv": SHARES_CSV})
    with pytest.raises(FitError) as caught:
        build(path, BuildOptions(out_dir=tmp_path / "out"))
    message = caught.value.format_message()
    assert "the tile map of 'shares' (share by state) is too small for its state codes" in message
    assert "ig-square, ig-portrait, story" in message and "style: choropleth" in message


#: Ten states' trade (billions), written for the test: the rest have none, and the legend
#: names them as a card's outline does.
BUSIEST = {"MI": 135.2, "TX": 80.7, "CA": 52.9, "OH": 24.1, "TN": 22.8, "SC": 21.5,
           "AL": 20.9, "GA": 20.2, "IN": 12.6, "MD": 10.3}  # fmt: skip


def _busiest(theme: str, width: float, height: float) -> tuple[MapLayout, list[Bbox4]]:
    """A tile map of :data:`BUSIEST` in a ``width`` x ``height`` point box, Michigan
    highlighted, and its legend's swatches' and texts' (left, top, right, bottom)."""
    from deckgen.kinds.charts import _map_layout as ml

    job = _job(theme, data=BUSIEST, format="$plain:1B", classes=[20, 50, 100],
               highlight=["MI"], no_data="Not among the 10 busiest")  # fmt: skip
    lay = plan(job, width, height, 14, 1)
    m = ml._Measure(job, lay.size)
    legend = [(k.swatch.x, k.swatch.y, k.swatch.x + k.swatch.w, k.swatch.y + k.swatch.h)
              for k in lay.keys]  # fmt: skip
    legend += [(t.x, t.y - m.line / 2, t.x + m.width(t.text), t.y + m.line / 2)
               for k in lay.keys for t in k.texts]  # fmt: skip
    return lay, legend


Bbox4 = tuple[float, float, float, float]


@pytest.mark.parametrize("theme", ["corporate", "dark"])
def test_a_tile_map_legend_on_a_tall_canvas_stands_above_the_grid_clear_of_every_tile(theme):
    """On an ig-portrait card the legend sat in the empty cells of the grid's top row,
    level with Alaska and Maine, and read as part of the grid (found in review). It stands
    above the grid, left-aligned with its tiles, and more than a tile's gap (and an em)
    above the topmost; the highlighted value's callout still finds its place, clear of it."""
    lay, legend = _busiest(theme, 560, 600)
    tiles = [r.box for r in lay.regions]
    top = min(b.y for b in tiles)
    gap = lay.scale - max(b.w for b in tiles)  # between two tiles
    # Above the topmost tile, clear of it: in no tile row's band.
    assert max(b[3] for b in legend) + max(gap, lay.size) <= top, theme
    assert min(b[0] for b in legend) == pytest.approx(min(b.x for b in tiles)), theme
    mi = next(r for r in lay.regions if r.code == "MI")
    assert mi.callout is not None and "MI" not in lay.unwritten()
    c = mi.callout
    x0, x1 = c.x - 30, c.x + 30  # '$135.2B' at 14 pt is under 60 pt wide
    y0, y1 = c.y - 10, c.y + 10
    assert not any(x0 < b[2] and b[0] < x1 and y0 < b[3] and b[1] < y1 for b in legend)


@pytest.mark.parametrize("theme", ["corporate", "dark"])
def test_a_tile_map_legend_on_a_16_9_slide_stays_beside_the_grid(theme):
    # The sample slide's chart box: the legend stands right of the grid, one entry a row
    # from its top, and the grid takes the box's height, as before.
    lay, legend = _busiest(theme, 888, 297)
    rows, cols = shapes().grid
    assert lay.y0 == 0 and lay.scale == pytest.approx(297 / rows)
    assert min(b[0] for b in legend) == pytest.approx(lay.x0 + cols * lay.scale + 1.5 * 14)
    assert min(b[1] for b in legend) >= 0
    assert len({k.swatch.x for k in lay.keys}) == 1  # one column


def test_a_legend_too_tall_beside_the_map_takes_a_second_column():
    lay = plan(_job(style="choropleth", classes=[15, 20, 30]), 1000, 80, 14, 1)
    columns = sorted({round(k.swatch.x) for k in lay.keys})
    assert len(columns) == 2
    assert all(k.swatch.y + k.swatch.h <= 80 for k in lay.keys)


def test_render_is_deterministic():
    job = _job(style="choropleth", classes=4, highlight=["MI"])
    assert job.render().data == replace(job).render().data
    with Image.open(io.BytesIO(job.render().data)) as image:
        assert image.size == SLIDE.pixels


def _card_canvas(width: int, height: int) -> Canvas:
    """A card's chart box of ``width`` x ``height`` px at 1600 wide (47 px labels), as
    cards size them (144 dpi)."""
    return Canvas(Inches(width / 144), Inches(height / 144), dpi=144, scale=47 / (14 * 2))


def test_a_card_counts_the_states_a_reader_can_see():
    """A card compares its layouts by what each chart shows: for a choropleth, the states
    drawn at least a label size across (so one on a phone can be found and matched to the
    legend). Beside a 40% title column on an x-post the map is small and the Northeast's
    states are specks; beside a narrower one, more show; a tile map that holds its codes
    shows every state."""
    counts = {}
    for size in [(770, 534), (912, 603), (1422, 371)]:
        job = _job(canvas=_card_canvas(*size), style="choropleth", classes=[15, 20, 30])
        counts[size] = job.spec.card_shown(job)
    assert counts[770, 534] < counts[1422, 371] < counts[912, 603] < 51
    tiles = _job(canvas=_card_canvas(960, 640), style="tile", classes=[15, 20, 30])
    assert tiles.spec.card_shown(tiles) == 51


def test_classes_over_a_short_wide_map_are_one_stepped_bar():
    """In a box too short for a column of swatches beside the map (an x-post's chart box
    beside its title), the classes are one bar over it, each boundary's value centred
    under it and "No data" after them: two lines, and a map twice the size."""
    job = _job(style="choropleth", classes=[15, 20, 30])
    size = 23.5
    lay = plan(job, 379, 261, size, 1)
    texts = [t for k in lay.keys for t in k.texts]
    assert [t.text for t in texts] == ["15%", "20%", "30%", "No data"]
    bar = lay.keys[:4]
    assert [k.fills[0] for k in bar] == make_scale(job.spec, job.theme.theme.colors,
                                                   list(SHARES.values())).colors  # fmt: skip
    for left, right in pairwise(bar):  # the classes touch: one bar
        assert math.isclose(left.swatch.x + left.swatch.w, right.swatch.x)
    for key, text in zip(bar[1:], texts[:3], strict=True):  # each value under its boundary
        width = SLIDE_FIT.width(text.text, job.theme.body.file(False), Pt(size)).pt
        assert math.isclose(text.x + width / 2, key.swatch.x, abs_tol=0.01)
        assert text.y > key.swatch.y + key.swatch.h
    # The legend sits over the map, inside the box; the map is far larger than beside it.
    legend_bottom = max(t.y for t in texts) + size
    top = min(r.box.y for r in lay.regions)
    assert legend_bottom <= top and all(t.x >= 0 for t in texts)
    assert lay.scale > 1.25 * _beside_scale(job, size)


def _beside_scale(job: ChartJob, size: float) -> float:
    """The map's scale in the same 379 x 261 box with a swatch per class beside it."""
    from deckgen.kinds.charts import _map_layout as ml

    m = ml._Measure(job, size)
    values = [float(v) for v in SHARES.values()]
    sc = make_scale(job.spec, job.theme.theme.colors, values)
    unit, *_ = ml._place(m, ml._legend(job, sc, values), False, 379, 261)
    return unit


# --------------------------------------------------------------------------- callouts
def _callout_plan(data: dict[str, float], width: float = 882, height: float = 272):
    job = _job(data=data, style="choropleth", classes=[10, 20, 30])
    return job, plan(job, width, height, 14, 1)


def _label_box(job: ChartJob, label, size: float = 14) -> tuple[float, float, float, float]:
    from deckgen.kinds.charts._map_layout import _Measure

    m = _Measure(job, size)
    w, h = m.width(label.lines[0], label.bold), m.height(len(label.lines))
    return label.x - w / 2, label.y - h / 2, label.x + w / 2, label.y + h / 2


def test_states_too_small_for_their_code_are_named_in_a_column_off_the_coast():
    """Maryland, Delaware, Rhode Island and DC hold no code: each is named off the
    Atlantic coast, in a column in their order from north to south, over no state and
    clear of every other label and the legend, with a leader from a dot in the state to
    the middle of its label's side (Texas keeps its code inside, with no leader)."""
    import numpy as np

    from deckgen.kinds.charts._map_layout import inside_ring

    data = {"MD": 30.0, "DC": 12.0, "DE": 20.0, "RI": 15.0, "TX": 40.0}
    job, lay = _callout_plan(data)
    labels = {r.code: r.label for r in lay.regions if r.label is not None}
    assert set(labels) == set(data)
    assert labels["TX"].leader is None
    called = sorted((c for c in labels if labels[c].leader), key=lambda c: labels[c].y)
    assert set(called) == {"MD", "DC", "DE", "RI"}
    # North to south, as their states are; one column, its left edges level.
    assert called == sorted(called, key=lambda c: label_point(c)[0][1])
    lefts = {round(_label_box(job, labels[c])[0] - labels[c].leader[1][0], 6) for c in called}
    assert len({round(_label_box(job, labels[c])[0]) for c in called}) == 1 and len(lefts) == 1
    boxes = [_label_box(job, label) for label in labels.values()]
    keys = [(k.swatch.x, k.swatch.y, k.swatch.x + k.swatch.w, k.swatch.y + k.swatch.h)
            for k in lay.keys]  # fmt: skip
    assert _overlaps(list(enumerate(boxes + keys))) == []
    for code in called:
        label = labels[code]
        x0, y0, x1, y1 = _label_box(job, label)
        assert x0 >= 0 and x1 <= 882 and y0 >= 0 and y1 <= 272
        grid = np.array([(x, y) for x in np.linspace(x0, x1, 7) for y in np.linspace(y0, y1, 4)])
        points = (grid - (lay.x0, lay.y0)) / lay.scale
        for state in shapes().states:
            for ring in state.paths:
                assert not inside_ring(np.asarray(ring), points).any(), (code, state.code)
        (px, py), _ = label_point(code)
        start, end = label.leader
        assert start == pytest.approx((lay.x0 + lay.scale * px, lay.y0 + lay.scale * py))
        assert end[0] < x0 and end[1] == pytest.approx(label.y)  # the middle of its side


def test_the_picture_draws_each_leader_with_its_label_and_a_dot():
    from matplotlib.lines import Line2D
    from matplotlib.patches import Circle

    job = _job(data={"MD": 30.0, "DC": 12.0, "TX": 40.0}, style="choropleth")
    with chart_style(job.theme, job.canvas):
        fig = job.figure()
    ax = fig.axes[0]
    texts = {t.get_text() for t in ax.texts}
    assert {"MD", "DC", "TX"} <= texts
    assert len([a for a in ax.lines if isinstance(a, Line2D)]) == 2
    assert len([p for p in ax.patches if isinstance(p, Circle)]) == 2


def test_more_unnamed_states_than_a_column_holds_are_left_to_the_legend():
    """Past six states without room for their code (a small map's), none is named
    outside: seven leaders would crowd the map, and some named alone would look like
    the only ones."""
    from deckgen.kinds.charts._map_layout import MAX_CALLOUTS

    small = ["MD", "DC", "DE", "RI", "CT", "NJ", "MA", "VT", "NH"]
    data = {code: 10.0 + k for k, code in enumerate(small)}
    _, lay = _callout_plan(data)
    unnamed = [r for r in lay.regions if r.value is not None and r.label is None]
    assert len(unnamed) > MAX_CALLOUTS
    assert not [r for r in lay.regions if r.label is not None and r.label.leader is not None]


@pytest.mark.parametrize("highlight", [[], ["TX"]])
def test_a_map_that_cannot_name_every_state_names_none_but_the_highlight(highlight):
    """Texas has room for its code, the small states of the Northeast have none and are
    too many to name outside: Texas named alone would read as the story, so it is named
    only if it is the highlight (then with its value, the finding); the rest are left to
    the legend and the alt text."""
    small = ["MD", "DC", "DE", "RI", "CT", "NJ", "MA", "VT", "NH"]
    data = {"TX": 40.0, **{code: 10.0 + k for k, code in enumerate(small)}}
    job = _job(data=data, style="choropleth", classes=[10, 20, 30], highlight=highlight)
    lay = plan(job, 882, 272, 14, 1)
    named = {r.code: r.label.lines for r in lay.regions if r.label is not None}
    assert named == ({"TX": ("TX", "40%")} if highlight else {})
    # With room for every code, every state is named, as before.
    roomy = {"TX": 40.0, "CA": 20.0, "MT": 12.0}
    lay = plan(_job(data=roomy, style="choropleth", highlight=highlight), 882, 272, 14, 1)
    assert {r.code for r in lay.regions if r.label is not None} == set(roomy)


#: Fourteen states of the South and Midwest, written for the test: side by side at one
#: height (Illinois and Indiana, Mississippi and Alabama), and small (Maryland, DC).
MIDWEST = {"AL": 37.0, "MI": 33.0, "SC": 31.0, "OR": 22.0, "WV": 21.0, "MO": 21.0,
           "OH": 18.0, "IN": 16.0, "KY": 14.0, "TN": 13.0, "DC": 12.0, "MD": 9.0,
           "IL": 5.0, "MS": 8.0}  # fmt: skip


def test_a_contrast_theme_map_names_its_states_at_its_smaller_sizes():
    """The contrast theme's 16 pt codes fit 4 of these 14 states; the map named none
    (not even with leaders), and said nothing. It takes smaller sizes down to the theme's
    minimum (14 pt) and names what fits there, the rest called out; a state it still
    cannot name, the build names."""
    from deckgen.render.chartkit import leaving_out

    canvas = Canvas(Inches(12.3333), Inches(3.765), dpi=200)  # a slide's chart box
    job = _job("contrast", canvas, data=MIDWEST, style="choropleth", classes=[10, 20, 30])
    with chart_style(job.theme, job.canvas), leaving_out() as notes:
        texts = {t.get_text() for t in job.figure().axes[0].texts}
    named = {t.split("\n")[0] for t in texts} & set(MIDWEST)
    assert len(named) >= 12, named
    unnamed = sorted(set(MIDWEST) - named)
    sizes = job.theme.theme.sizes
    assert sizes.minimum < sizes.chart_label  # the case: a theme with room to shrink
    if unnamed:
        (note,) = notes
        assert all(shapes().by_code[c].name in note for c in unnamed), note
    else:
        assert notes == []


@pytest.mark.parametrize("highlight", ["", ", highlight: AL"])
def test_a_card_map_names_every_state_at_the_size_that_fits_them(tmp_path: Path, highlight: str):
    """On a square card the choropleth's 28 px codes fit a few states' outlines (Oregon,
    Missouri), not all eleven: the codes take the theme's smaller sizes, down to its
    minimum, until every state is named (before, it named none but the highlight, and
    before that the few that fit, as if they were the story)."""
    from deckgen.plan.cards import plan_cards
    from deckgen.tables.sources import load_tables
    from tests.helpers import load_outline

    outline = _shared("choropleth", "ig-square").replace(", highlight: AL", highlight)
    loaded = load_outline(write_project(tmp_path, outline, {"shares.csv": SHARES_CSV}))
    (card,) = plan_cards(loaded, load_tables(loaded), load_theme("corporate"))
    job = card.job.chart.job
    with chart_style(job.theme, job.canvas):
        texts = {t.get_text() for t in job.figure().axes[0].texts}
    named = {t.split("\n")[0] for t in texts} & set(SHARES)
    assert named == set(SHARES), texts
    # The slide names every one of them.
    slide = replace(job, canvas=SLIDE)
    lay = plan(slide, 882, 350, label_size(slide), 1)
    assert {r.code for r in lay.regions if r.label is not None} == set(SHARES)


def test_the_native_choropleth_draws_the_same_leaders(built):
    """The native map's callouts: a text box, a connector and a dot each, as in the
    picture (Washington, D.C. has no room for its code at the slide's size)."""
    theme, deck, _ = built
    group = next(s for s in deck.slides[3].shapes if s.shape_type == 6)
    leaders = [s for s in group.shapes if s.name == "Leader"]
    dots = [s for s in group.shapes if s.name == "Leader dot"]
    assert len(leaders) == len(dots)
    names = {s.text_frame.text for s in group.shapes if s.name == "Label"}
    if theme == "corporate":
        assert "DC" in names and leaders


@pytest.mark.parametrize(
    "written",
    ["Washington DC", "Washington, D.C.", "washington d.c.", "D.C.", "DC", "District of Columbia"],
)
def test_the_district_is_found_as_data_writes_it_and_never_as_the_state(written):
    """'Washington DC' was told "did you mean 'Washington'?", the state, which then took
    DC's value (found by fuzzing)."""
    from deckgen.kinds.charts._map_layout import state_code

    assert state_code(written) == "DC"
    assert state_code("Washington") == "WA"


@pytest.mark.parametrize(("name", "said", "hint"), [
    ("Guam", "is not a U.S. state or DC, but a territory", "leave the row out with filter:"),
    ("Puerto Rico", "but a territory, which the map does not draw", "the 50 states and DC"),
    ("Guan", "is not a U.S. state or DC", "write a state's postal code"),
    ("Texs", "is not a U.S. state or DC", "did you mean 'Texas'?"),
])  # fmt: skip
def test_a_territory_is_said_to_be_one_and_never_matched_to_a_state(name, said, hint):
    """'Guam' was told "did you mean 'GA'?": following it charted Guam's value on Georgia
    (fuzzing round 6). A name is matched to the states' names, two letters to their codes."""
    from deckgen.errors import Location
    from deckgen.kinds.charts import chart
    from deckgen.tables.select import ChartData, Series

    spec = chart(type="map", data="p", region="state", y="v")
    data = ChartData(categories=("California", name), series=(Series("v", (10.0, 1.0)),))
    (problem,) = spec.check(data, Location("deck.yaml", 7, "slides[0].chart"))
    assert said in problem.message and hint in (problem.hint or "")
    assert "'GA'" not in (problem.hint or "")
