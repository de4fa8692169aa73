"""The map's planning measurements (kinds/charts/_map_layout.py), made without loading
matplotlib (``deckgen check`` plans every map card) and equal to matplotlib's: a label
block's height, taken from the font file, and which points lie inside a state; and how
close a legend's keys come."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deckgen.kinds.charts._map_layout import (
    _BETWEEN,
    _GAP,
    _SWATCH,
    _keys_flow,
    _Measure,
    inside_ring,
    shapes,
)
from deckgen.render.chartkit import drawn_height as _drawn_height
from tests.helpers import load_theme

THEMES = ("corporate", "dark", "contrast", "corporate-template")
#: The shipped themes' body fonts (Lato, Source Sans Pro, Roboto): a block's height is
#: measured in the regular weight.
REGULAR = sorted({str(load_theme(t).body.file(False)) for t in THEMES})
FONTS = sorted({*REGULAR, *(str(load_theme(t).body.file(True)) for t in THEMES)})


def drawn_by_matplotlib(font: str, size: float, lines: int) -> float:
    """How tall matplotlib sets ``lines`` lines of 'Ag' (what the map's picture draws)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties

    fig = Figure(dpi=72)
    FigureCanvasAgg(fig)
    text = fig.text(0, 0, "\n".join(["Ag"] * lines),
                    fontproperties=FontProperties(fname=font, size=size))  # fmt: skip
    return float(text.get_window_extent(fig.canvas.get_renderer()).height)  # type: ignore[attr-defined]


@pytest.mark.parametrize("font", REGULAR, ids=lambda f: f.rsplit("/", 1)[-1])
def test_label_heights_are_matplotlibs_to_the_bit(font: str) -> None:
    # Every quarter point a map's labels are set at: slides (chart text x the canvas
    # scale) and cards (28 px at 1080 wide; 41 px on the widest preset).
    for quarters in range(4 * 6, 4 * 45 + 1):
        size = quarters / 4
        for lines in (1, 2, 3):
            assert _drawn_height(font, size, lines) == drawn_by_matplotlib(font, size, lines), (
                size,
                lines,
            )


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(FONTS), st.floats(6, 120), st.integers(1, 4))
def test_a_label_height_is_never_under_matplotlibs_nor_a_pixel_a_line_over(
    font: str, size: float, lines: int
) -> None:
    # Above label sizes a hinted edge may end inside a pixel, which Pillow rounds out.
    over = _drawn_height(font, size, lines) - drawn_by_matplotlib(font, size, lines)
    assert 0 <= over < lines


@pytest.mark.parametrize("steps", [9, 24, 50])
def test_which_points_lie_inside_a_state_is_matplotlibs_answer(steps: int) -> None:
    # Every ring of every state, on the grids label_point searches (their edges fall on the
    # ring's extreme vertices), at its vertices and at its edges' midpoints: the points on
    # a boundary, where crossing tests differ, fall as matplotlib has them.
    import numpy as np
    from matplotlib.path import Path

    for state in shapes().states:
        for ring in map(np.asarray, state.paths):
            (x0, y0), (x1, y1) = ring.min(axis=0), ring.max(axis=0)
            grid = np.meshgrid(np.linspace(x0, x1, steps), np.linspace(y0, y1, steps))
            middles = (ring + np.roll(ring, -1, axis=0)) / 2
            points = np.vstack([np.column_stack([g.ravel() for g in grid]), ring, middles])
            found = inside_ring(ring, points)
            assert (found == Path(ring).contains_points(points)).all(), state.code
            assert found.any(), state.code


@settings(max_examples=200, deadline=None)
@given(st.sampled_from([s.code for s in shapes().states]), st.floats(0, 1), st.floats(0, 1))
def test_any_point_falls_inside_or_outside_as_matplotlib_has_it(
    code: str, u: float, v: float
) -> None:
    import numpy as np
    from matplotlib.path import Path

    ring = np.asarray(shapes().by_code[code].paths[0])
    (x0, y0), (x1, y1) = ring.min(axis=0), ring.max(axis=0)
    point = np.array([[x0 + u * (x1 - x0), y0 + v * (y1 - y0)]])
    assert inside_ring(ring, point)[0] == Path(ring).contains_points(point)[0]


#: The sample's choropleth legend: four classes and the hatched states' name.
LEGEND = ("< 10%", "10%–20%", "20%–30%", "≥ 30%", "Not a top three export")


def _legend_rows(width: float) -> tuple[_Measure, list[float], list[list]]:
    """The legend laid out in rows ``width`` points wide (the dark theme's Source Sans Pro
    at an x-post card's label size), one after another (not on a column grid, as a map
    lays them out where no stepped bar fits): the measure, each entry's width, the rows of
    keys."""
    from tests.kinds.charts.test_map import _job

    m = _Measure(_job("dark", style="choropleth"), 23.5)
    entries = [((f"#{k}{k}{k}",), (t,)) for k, t in enumerate(LEGEND)]
    widths = [(_SWATCH + _GAP) * m.size + m.width(t) for t in LEGEND]
    _, _, keys = _keys_flow(m, entries, width, stacked=False, grid=False)
    rows: dict[float, list] = {}
    for key in keys:
        rows.setdefault(round(key.swatch.y, 6), []).append(key)
    return m, widths, list(rows.values())


def test_keys_a_few_points_too_wide_to_share_a_row_come_closer() -> None:
    """The sample's x-post map in the dark theme, beside the title column that holds its
    subtitle: the first two keys with the usual space between them were 3.3 pt wider than
    the chart, and so was each row after, so the legend took five rows, one key a row, and
    the map beside it showed 1 state large enough to see (found in review). The keys come
    closer and the legend keeps three rows; each key's words still stand nearer their own
    swatch than the next one (twice as far from it at least), and no row is wider than
    the chart but for a key wider alone."""
    m, widths, _ = _legend_rows(1000)
    width = widths[0] + _BETWEEN * m.size + widths[1] - 3.3
    _, _, rows = _legend_rows(width)
    assert [len(row) for row in rows] == [2, 2, 1]
    for row in rows:
        for key, after in pairwise(row):
            words = key.texts[-1]
            word_gap = words.x - key.swatch.x - key.swatch.w
            between = after.swatch.x - (words.x + m.width(words.text))
            assert between >= 2 * word_gap
        if len(row) > 1:
            last = row[-1].texts[-1]
            assert last.x + m.width(last.text) <= width + 1e-6


def test_keys_come_no_closer_than_they_must_nor_than_twice_the_words_gap() -> None:
    m, widths, _ = _legend_rows(1000)
    first_two = widths[0] + _BETWEEN * m.size + widths[1]
    _, _, rows = _legend_rows(first_two + 0.01)
    assert rows[0][1].swatch.x == pytest.approx(widths[0] + _BETWEEN * m.size)
    # Short by more than the closest spacing saves: one key a row, as before.
    _, _, rows = _legend_rows(widths[0] + 2 * _GAP * m.size + widths[1] - 0.5)
    assert [len(row) for row in rows] == [1, 1, 1, 1, 1]


@pytest.mark.parametrize("theme", ["corporate", "dark", "contrast", "corporate-template"])
def test_the_lightest_class_keeps_3_to_1_with_a_code_to_spare(theme) -> None:
    """Corporate's lightest class was drawn #7B97B9 at 3.01:1 on white and measured
    #7B98BA, 2.98:1, on the rendered slide (found by review): each class, the lightest too,
    holds 3:1 also with every channel one code nearer the background the tiles sit on."""
    from deckgen.kinds.charts._map_layout import ramp
    from deckgen.theming.colour import contrast

    colors = load_theme(theme).theme.colors
    ground = [int(colors.background[k : k + 2], 16) for k in (1, 3, 5)]
    for n in range(2, 8):
        for fill in ramp(colors).steps(n):
            drawn = [int(fill[k : k + 2], 16) for k in (1, 3, 5)]
            near = "#" + "".join(f"{c + (g > c) - (g < c):02X}"
                                 for c, g in zip(drawn, ground, strict=True))  # fmt: skip
            assert contrast(fill, colors.background) >= 3.0, (n, fill)
            assert contrast(near, colors.background) >= 3.0, (n, fill, near)


def _plan(theme: str, values: dict[str, float | None], **fields: object):
    """A tile (or ``style``) map of ``values`` in ``theme``, classed at 2 and 5, planned on
    a slide-sized chart; and the theme's colours."""
    from deckgen.kinds.charts import chart
    from deckgen.kinds.charts._map_layout import plan
    from deckgen.layout.units import Inches
    from deckgen.render.charts import ChartJob
    from deckgen.render.jobs import Canvas
    from deckgen.tables.select import ChartData, Series

    spec = chart(**{"type": "map", "data": "d", "region": "state", "y": "v",
                    "format": "plain:0", "classes": [2, 5], "style": "tile", **fields})  # fmt: skip
    data = ChartData(tuple(values), (Series("v", tuple(values.values())),))
    job = ChartJob(spec, data, load_theme(theme), Canvas(Inches(12), Inches(5), dpi=100),
                   title="t")  # fmt: skip
    return plan(job, 860, 340, 14, 1), load_theme(theme).theme.colors


#: Written for the tests: a lowest, a middle and a highest class, and a state without.
VALUES: dict[str, float | None] = {"IN": 1, "OH": 1.5, "IL": 3, "MI": 9, "TX": None}


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("style", ["tile", "choropleth"])
def test_the_lightest_class_reads_at_3_to_1_on_no_data_too(theme: str, style: str) -> None:
    """The dark theme's lowest class (Indiana, Ohio: about #376F66) was 2.5:1 on the
    hatched "no data" beside it (#262A33), under 3:1 for a mark (found by review): every
    class reads at 3:1 on "no data" and on the page, and the classes stay in order and
    apart."""
    from deckgen.kinds.charts._map_layout import MAX_CLASSES, delta_e, ramp
    from deckgen.theming.colour import contrast

    lay, colors = _plan(theme, VALUES, style=style)
    fills = {r.code: r.fill for r in lay.regions}
    assert fills["TX"] == lay.no_data
    for code in ("IN", "OH", "IL", "MI"):
        assert contrast(fills[code], lay.no_data) >= 3.0, (code, fills[code], lay.no_data)
        assert contrast(fills[code], colors.background) >= 3.0, (code, fills[code])
    r = ramp(colors)
    for n in range(2, MAX_CLASSES + 1):
        steps = r.steps(n)
        far = [contrast(s, colors.background) for s in steps]
        assert far == sorted(far) and min(contrast(s, r.no_data) for s in steps) >= 3.0
        assert min(delta_e(a, b) for a, b in pairwise(steps)) >= 6, (n, steps)


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("style", ["tile", "choropleth"])
@pytest.mark.parametrize("state", ["IN", "IL", "MI", "TX"])
def test_a_highlight_reads_at_3_to_1_on_its_own_fill(theme: str, style: str, state: str):
    """The contrast theme outlined Michigan's navy tile in its blue highlight, 2.0:1: it
    read as one more of the darkest class (found by review). A highlighted state's outline
    reads at 3:1 on its fill, whichever class (or none) it is in, and on the page; where
    no colour does, it is the text colour on a casing of the background colour, which
    reads at 3:1 on the fill and on which the outline reads."""
    from deckgen.theming.colour import contrast

    lay, colors = _plan(theme, VALUES, style=style, highlight=[state])
    fill = next(r.fill for r in lay.regions if r.code == state)
    assert contrast(lay.emphasis, colors.background) >= 3.0
    if lay.casing is None:
        assert contrast(lay.emphasis, fill) >= 3.0, (lay.emphasis, fill)
    else:
        assert contrast(lay.casing, fill) >= 3.0, (lay.casing, fill)
        assert contrast(lay.emphasis, lay.casing) >= 3.0, (lay.emphasis, lay.casing)


def _as_rendered(ink: str, fill: str) -> float:
    """The contrast of a code's brightest (darkest) pixel on ``fill`` on a slide rendered
    at 80 dpi: its ink 4% of the way to the fill (the dark theme's white codes on #477F76,
    4.59:1 as colours, measured 4.39-4.49:1, found by design review). Measured with the
    contrast ``deckgen check`` uses."""
    from deckgen.check.rules import contrast
    from deckgen.theming.colour import mix

    return contrast(mix(ink, fill, 0.04), fill)


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("style", ["tile", "choropleth"])
def test_codes_on_the_lightest_class_read_at_4_5_to_1_as_rendered(theme: str, style: str):
    """The dark theme wrote Indiana's and Illinois's codes in white on its lightest class
    at 4.59:1, 4.4:1 on the rendered slide (black read 4.57:1 there, no better): the
    lightest class is a tint on which its codes read at 4.5:1 as rendered, still 3:1 on
    the page and on "no data"."""
    from deckgen.check.rules import contrast

    lay, colors = _plan(theme, VALUES, style=style)
    region = next(r for r in lay.regions if r.code == "IN")  # the lowest class
    assert region.label is not None and region.label.leader is None
    assert _as_rendered(region.label.color, region.fill) >= 4.5, (region.label.color, region.fill)
    assert contrast(region.fill, colors.background) >= 3.0
    assert contrast(region.fill, lay.no_data) >= 3.0


def test_a_lightest_class_between_white_and_black_takes_the_ink_that_reads():
    """Colours written for the test: on a dark page, a red ramp's lightest class came out
    #9E6762, where white reads 4.59:1 (4.38:1 as rendered) and black 4.57:1; it moves on
    to a tint on which black reads 4.5:1 as rendered, and its codes are black."""
    from deckgen.check.rules import contrast
    from deckgen.kinds.charts._map_layout import ink, ramp

    colors = load_theme("dark").theme.colors.model_copy(update={
        "background": "#15191F", "text": "#FAFAFA", "neutral": "#5C6777",
        "primary": "#C0504D", "highlight": "#E9C46A"})  # fmt: skip
    r = ramp(colors)
    assert _as_rendered(ink(r.light, colors), r.light) >= 4.5, (r.light, ink(r.light, colors))
    assert ink(r.light, colors) == "#000000"
    assert contrast(r.light, colors.background) >= 3.0 and contrast(r.light, r.no_data) >= 3.0


#: Palettes written for the test (primary, highlight, text, background, neutral).
PALETTES = {
    "red on white": ("#B22222", "#1F6FEB", "#222222", "#FFFFFF", "#888888"),
    "orange on a dark page": ("#E07B00", "#4EA1FF", "#F2F2F2", "#101418", "#6B7280"),
    "green on cream": ("#2E7D32", "#C62828", "#1B1B1B", "#FBF7EE", "#9E9E9E"),
}


@pytest.mark.parametrize("palette", [*THEMES, *PALETTES])
def test_the_classes_are_as_far_apart_at_the_dark_end_as_at_the_light(palette: str) -> None:
    """Spaced evenly in Oklab, the corporate theme's darkest two of four classes were
    1.50:1 apart and its lightest two 1.78:1: on the sample's map the 20-30% states read
    as the 30%-and-more ones (found in review). Each pair of neighbouring classes, two to
    seven of them, is now within a like contrast of the others (the least at least 0.7 of
    the greatest, as logarithms: 0.52-0.84 it was), and still 6 ΔE apart."""
    import math

    from deckgen.kinds.charts._map_layout import MAX_CLASSES, _ramp, delta_e, ramp
    from deckgen.theming.colour import contrast

    r = _ramp(*PALETTES[palette]) if palette in PALETTES else ramp(load_theme(palette).theme.colors)
    for n in range(3, MAX_CLASSES + 1):
        steps = r.steps(n)
        ratios = [math.log(contrast(a, b)) for a, b in pairwise(steps)]
        assert min(ratios) >= 0.7 * max(ratios), (n, steps)
        assert min(delta_e(a, b) for a, b in pairwise(steps)) >= 6, (n, steps)
    assert (r.at(0.0), r.at(1.0)) == (r.light, r.strong)


@pytest.mark.parametrize("palette", [*THEMES, *PALETTES])
def test_the_classes_between_the_ends_are_clearer_colours(palette: str) -> None:
    """On the straight line, the corporate theme's navy greyed towards its dark end and its
    two darkest of four classes (#213A57, #00142E) read as one on the sample's map (found
    in review); the dark theme's mid teals were as grey (14.2 ΔE its closest pair). The
    ramp bows out in chroma between its ends: the middle classes are its clearest colours,
    and the darkest two of four are at least 15 ΔE apart in every ramp."""
    import math

    from deckgen.kinds.charts._map_layout import _oklab, _ramp, delta_e, ramp

    r = _ramp(*PALETTES[palette]) if palette in PALETTES else ramp(load_theme(palette).theme.colors)
    steps = r.steps(4)
    chroma = [math.hypot(*_oklab(c)[1:]) for c in steps]
    assert min(chroma[1:3]) > max(chroma[0], chroma[3]), (steps, chroma)
    assert delta_e(steps[2], steps[3]) >= 15, steps


def test_keys_in_rows_sit_on_a_column_grid() -> None:
    """The sample's x-post legend flowed its rows one after another, so its second column
    did not line up ("10%–20%" and "≥ 30%" swatches 84 px apart, found in review). Keys of
    unequal widths written for the test, in a legend two rows deep: each column is as wide
    as its widest key, and its swatches' left edges line up row to row."""
    from tests.kinds.charts.test_map import _job

    m = _Measure(_job("corporate", style="choropleth"), 20)
    texts = ("a", "wider words", "much wider words here", "b", "c", "d")
    entries = [((f"#{k}{k}{k}",), (t,)) for k, t in enumerate(texts)]
    widths = [(_SWATCH + _GAP) * m.size + m.width(t) for t in texts]
    width = widths[2] + widths[1] + widths[5] + 2 * _BETWEEN * m.size + 1
    _, _, keys = _keys_flow(m, entries, width, stacked=False)
    rows: dict[float, list] = {}
    for key in keys:
        rows.setdefault(round(key.swatch.y, 6), []).append(key)
    assert [len(row) for row in rows.values()] == [3, 3]
    first, second = rows.values()
    assert [k.swatch.x for k in first] == pytest.approx([k.swatch.x for k in second])
    for a, b in pairwise(second):
        assert b.swatch.x >= a.swatch.x + max(widths[keys.index(a)], widths[keys.index(a) - 3])


@pytest.mark.parametrize("theme", THEMES)
def test_keys_that_cannot_line_up_in_rows_make_a_stepped_bar(theme: str) -> None:
    """The sample's x-post legend beside its title column (251 to 287 pt wide, two keys
    a row one after another): two columns of keys on a grid are wider than that, and keys
    flowed one after another put the second column's swatches 84 px apart from row to
    row (found in review); the stepped bar's "No data" fitted neither beside the bar nor
    after its last value. The classes make one bar, each boundary's value under it, and
    "No data" stands on a line of its own under the values, at the bar's left edge,
    wider than the bar as a key alone in a row may be; the bar's classes come closer, to
    one gap beside each value, where it is too wide at two."""
    from deckgen.kinds.charts._map_layout import plan
    from tests.kinds.charts.test_map import _job

    job = _job(theme, style="choropleth", classes=[10, 20, 30],
               no_data="Not a top three export")  # fmt: skip
    m = _Measure(job, 23.5)
    entries = [((f"#{k}{k}{k}",), (t,)) for k, t in enumerate(LEGEND)]
    # Two keys a row one after another, as the sample's chart beside its title column has.
    widths = [(_SWATCH + _GAP) * m.size + m.width(t) for t in LEGEND]
    width = widths[0] + _BETWEEN * m.size + widths[1] + 1
    grid = _keys_flow(m, entries, width, stacked=False)
    flowed = _keys_flow(m, entries, width, stacked=False, grid=False)
    assert flowed[1] < grid[1]  # the grid takes rows more
    lay = plan(job, width, 304.2, 23.5, 1)
    *bar, no_data = lay.keys
    assert len(bar) == 4 and len({k.swatch.y for k in bar}) == 1
    for left, right in pairwise(bar):  # the classes touch: one bar
        assert left.swatch.x + left.swatch.w == pytest.approx(right.swatch.x)
    values = [t for k in bar for t in k.texts]
    assert len(values) == 3
    for a, b in pairwise(values):
        assert b.x - (a.x + m.width(a.text)) >= _GAP * m.size - 1e-6
    assert no_data.swatch.x == pytest.approx(bar[0].swatch.x)
    assert no_data.texts[0].y > max(t.y for t in values) + m.line
    assert bar[-1].swatch.x + bar[-1].swatch.w <= bar[0].swatch.x + width
    top = min(r.box.y for r in lay.regions)
    assert no_data.texts[0].y + m.line / 2 <= top
