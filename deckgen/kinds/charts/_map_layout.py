"""The state map's shared parts: the shipped shapes, the colour scale and the layout.

Both forms of a map, the picture (matplotlib, in ``map.py``) and the editable PowerPoint
shapes (``_map_native.py``), draw the same :class:`MapLayout`: every box is decided here,
in points from the top left of the chart's box (y grows downward, as on a slide), with the
theme's font metrics. So the picture and the native form agree, and the layout is tested
once. Nothing here imports python-pptx. Text is measured from the font files, as
matplotlib sets it, and which points lie inside an outline is found as matplotlib finds
it, so planning (``deckgen check``) loads no matplotlib.
"""

from __future__ import annotations

import functools
import json
import math
import re
from dataclasses import dataclass, replace
from importlib import resources
from itertools import chain, pairwise
from typing import TYPE_CHECKING, cast

from deckgen.layout.text import SLIDE
from deckgen.layout.units import Pt
from deckgen.outline.formats import MAX_DECIMALS, MINUS, compact_unit, round_half_up
from deckgen.render.chartkit import (
    contrast,
    drawn_height,
    fmt,
    label_place,
    label_sizes,
    mix,
    spread,
)
from deckgen.search import threshold
from deckgen.theming.colour import holds, luminance, rgb

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    import numpy as np

    from deckgen.kinds.charts.map import Map
    from deckgen.outline.formats import NumberFormat
    from deckgen.render.charts import ChartJob
    from deckgen.tables.select import ChartData
    from deckgen.theming.model import Palette

Point = tuple[float, float]
Ring = tuple[Point, ...]
Lab = tuple[float, float, float]
#: A legend entry: its fills (one: a swatch; several: a ramp) and its texts.
Entry = tuple[tuple[str, ...], tuple[str, ...]]

if TYPE_CHECKING:
    #: Where a state goes, from the map's top left: its box, its label's lines and centre.
    Placer = Callable[["State", bool], tuple["Box", tuple[str, ...], Point]]


# --------------------------------------------------------------------------- the shapes
@dataclass(frozen=True)
class State:
    """One state (or DC) as shipped in ``us_states.json`` (see us_states.README.md)."""

    code: str
    name: str
    #: Closed rings in the shapes' frame (``Shapes.width`` x ``height``, y down), largest
    #: first.
    paths: tuple[Ring, ...]
    #: Row and column in the tile grid.
    tile: tuple[int, int]


@dataclass(frozen=True)
class Shapes:
    width: float
    height: float
    states: tuple[State, ...]

    @functools.cached_property
    def by_code(self) -> dict[str, State]:
        return {s.code: s for s in self.states}

    @functools.cached_property
    def grid(self) -> tuple[int, int]:
        """Rows and columns of the tile grid."""
        return (max(s.tile[0] for s in self.states) + 1, max(s.tile[1] for s in self.states) + 1)


@functools.cache
def shapes() -> Shapes:
    """The shipped shapes, read once per process."""
    text = resources.files("deckgen.kinds.charts").joinpath("us_states.json").read_text("utf-8")
    raw = json.loads(text)
    states = []
    for s in raw["states"]:
        rings = [tuple((float(x), float(y)) for x, y in ring) for ring in s["paths"]]
        rings.sort(key=lambda ring: -abs(_area(ring)))
        states.append(State(s["code"], s["name"], tuple(rings), (s["tile"][0], s["tile"][1])))
    return Shapes(float(raw["width"]), float(raw["height"]), tuple(states))


def _spaces(text: str) -> str:
    return " ".join(text.split()).casefold()


#: The District of Columbia as data writes it besides 'DC' and its name: 'Washington DC'
#: was told "did you mean 'Washington'?", the state, whose map then took DC's value
#: (found by fuzzing).
_DC = ("washington dc", "washington d.c.", "washington, dc", "washington, d.c.", "d.c.",
       "district of columbia")  # fmt: skip


@functools.cache
def _names() -> dict[str, str]:
    """Code or name, case-folded, to the state's code."""
    out = {}
    for s in shapes().states:
        out[_spaces(s.code)] = s.code
        out[_spaces(s.name)] = s.code
    if "DC" in out.values():
        out.update(dict.fromkeys(_DC, "DC"))
    return out


def state_code(name: str) -> str | None:
    """The postal code of a state written as its code ("AL") or name ("Alabama"), in any
    case and spacing; ``None`` if it names no state (or DC)."""
    return _names().get(_spaces(str(name)))


def _area(ring: Sequence[Point]) -> float:
    return 0.5 * sum(
        x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, [*ring[1:], ring[0]], strict=True)
    )


@functools.cache
def label_point(code: str) -> tuple[Point, float]:
    """Where a label sits inside a state, and how far that point is from the state's edge
    (frame units): the point of the largest ring farthest from its edges, searched on a grid
    and refined once (a centroid can fall outside a curved state such as Michigan)."""
    import numpy as np

    ring = np.asarray(shapes().by_code[code].paths[0])
    starts, ends = ring, np.roll(ring, -1, axis=0)

    def best(xs: np.ndarray, ys: np.ndarray) -> tuple[Point, float]:
        points = np.column_stack([xs.ravel(), ys.ravel()])
        inside = inside_ring(ring, points)
        if not inside.any():
            return (float(ring[:, 0].mean()), float(ring[:, 1].mean())), 0.0
        points = points[inside]
        # Distance from every point to every edge segment.
        d = ends - starts
        length2 = np.maximum((d**2).sum(axis=1), 1e-12)
        rel = points[:, None, :] - starts[None, :, :]
        t = np.clip((rel * d[None]).sum(axis=2) / length2, 0.0, 1.0)
        nearest = starts[None] + t[..., None] * d[None]
        dist = np.sqrt(((points[:, None, :] - nearest) ** 2).sum(axis=2)).min(axis=1)
        k = int(dist.argmax())
        return (float(points[k, 0]), float(points[k, 1])), float(dist[k])

    (x0, y0), (x1, y1) = ring.min(axis=0), ring.max(axis=0)
    steps = 24
    (cx, cy), _ = best(*np.meshgrid(np.linspace(x0, x1, steps), np.linspace(y0, y1, steps)))
    dx, dy = (x1 - x0) / steps, (y1 - y0) / steps
    fine = np.meshgrid(np.linspace(cx - dx, cx + dx, 9), np.linspace(cy - dy, cy + dy, 9))
    return best(*fine)


def inside_ring(ring: np.ndarray, points: np.ndarray) -> np.ndarray:
    """Which of ``points`` (n x 2) lie inside the closed ``ring`` (m x 2): the even-odd
    crossing test, with matplotlib's comparisons (``Path.contains_points``), so that a point
    on an edge or level with a vertex falls as it does there; without loading matplotlib,
    which planning (``deckgen check``) does not need."""
    import numpy as np

    x, y = points[:, :1], points[:, 1:]
    x0, y0 = ring[:, 0], ring[:, 1]
    x1, y1 = np.roll(x0, -1), np.roll(y0, -1)
    above0, above1 = y0 >= y, y1 >= y
    crosses = (above0 != above1) & (((y1 - y) * (x0 - x1) >= (x1 - x) * (y0 - y1)) == above1)
    return np.asarray(crosses.sum(axis=1) % 2 == 1)


# --------------------------------------------------------------------------- colour
def _oklab(color: str) -> Lab:
    """Oklab (L 0..1) of a '#RRGGBB' colour: a perceptual space in which a straight line
    between two colours looks even and keeps its hue (CIELAB turns light blues purple)."""

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in rgb(color))
    l_ = (0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b) ** (1 / 3)
    m_ = (0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b) ** (1 / 3)
    s_ = (0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b) ** (1 / 3)
    return (
        0.2104542553 * l_ + 0.7936177850 * m_ - 0.0040720468 * s_,
        1.9779984951 * l_ - 2.4285922050 * m_ + 0.4505937099 * s_,
        0.0259040371 * l_ + 0.7827717662 * m_ - 0.8086757660 * s_,
    )


def _linear(lab: Lab) -> tuple[float, float, float]:
    """Linear sRGB of an Oklab colour, unclipped (outside 0..1: out of the gamut)."""
    big_l, a, b = lab
    l_ = (big_l + 0.3963377774 * a + 0.2158037573 * b) ** 3
    m_ = (big_l - 0.1055613458 * a - 0.0638541728 * b) ** 3
    s_ = (big_l - 0.0894841775 * a - 1.2914855480 * b) ** 3
    return (
        4.0767416621 * l_ - 3.3077115913 * m_ + 0.2309699292 * s_,
        -1.2684380046 * l_ + 2.6097574011 * m_ - 0.3413193965 * s_,
        -0.0041960863 * l_ - 0.7034186147 * m_ + 1.7076147010 * s_,
    )


def _in_gamut(lab: Lab) -> bool:
    """Whether an Oklab colour is in sRGB (to a rounding's width)."""
    return all(-1e-4 <= c <= 1 + 1e-4 for c in _linear(lab))


def _hex(lab: Lab) -> str:
    """'#RRGGBB' of an Oklab colour, clipped into sRGB."""
    linear = _linear(lab)

    def gamma(c: float) -> int:
        c = min(max(c, 0.0), 1.0)
        c = 12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055
        return round(c * 255)

    return "#{:02X}{:02X}{:02X}".format(*(gamma(c) for c in linear))


def delta_e(a: str, b: str) -> float:
    """Colour difference in Oklab, x100 (about 2 is just noticeable; CIE76-like scale)."""
    return 100 * math.dist(_oklab(a), _oklab(b))


#: The least contrast of every class with the background and with "no data", the lightest
#: (darkest on a dark background) too: a state with a value is a mark, read against the
#: page and against its neighbours without one (WCAG 1.4.11).
MARK = 3.0
#: How far (0..1) a code's strokes come out towards its fill on a rendered slide: at 80
#: dpi, the dark theme's white codes on its lightest class (#477F76, 4.59:1 as colours)
#: measured 4.39-4.49:1 at their brightest pixel (design review), as white moved 4% of the
#: way to the fill reads. The ramp's light end carries its codes at 4.5:1 that far in
#: (:func:`carries`).
GLYPH = 0.04
#: The light end of the ramp has at least this chroma (Oklab), so it is a colour and not
#: "no data".
_LIGHT_CHROMA = 0.06
#: The least difference between the ramp's ends (Oklab x100): 7 classes ~3 JND apart.
_SPAN = 40.0
#: How much of the ramp's spacing is by contrast rather than by Oklab (:func:`_spaced`):
#: with the bow (whose clearer blues are darker than their lightness says), a half left
#: the darkest two of seven classes 1.20:1 apart against 1.32:1 for the others (the
#: contrast theme); at 0.6 every ramp's closest pair is within 0.73 of its farthest (as
#: logarithms) and seven classes are still 6.2 ΔE apart.
_BY_CONTRAST = 0.6
#: The chroma (Oklab) the ramp's middle gains over the straight line between its ends
#: (:func:`_bowed`): a fifth of pure sRGB blue's (0.31).
_BOW = 0.06
#: Colours with less chroma than this (Oklab) are greys: the ramp takes the highlight's hue.
_GREY = 0.03
#: At most this many classes: more steps of one hue cannot be told apart.
MAX_CLASSES = 7
#: How "no data" is hatched (matplotlib's pattern: thin lines rising to the right), the
#: lines' width in points, and their least contrast with the fill: a texture that shows,
#: lighter than any mark.
HATCH = "///"
HATCH_WIDTH = 0.75
HATCH_CONTRAST = 1.8


@dataclass(frozen=True)
class Ramp:
    """A sequential ramp from a light tint (low values, the nearest the background that
    reads on it and on "no data": :data:`MARK`) to a strong colour (high values),
    interpolated in Oklab so equal steps look equal, bowed out in chroma between its ends;
    and the "no data" fill, a neutral close to the background, hatched, apart from every
    step."""

    light: str
    strong: str
    no_data: str
    #: The lines hatching "no data" (see :data:`HATCH`).
    hatch: str

    def at(self, t: float) -> str:
        """The colour at ``t`` (0 = light end, 1 = strong end): on the line between the ends
        in Oklab, bowed out in chroma (:func:`_bowed`), at the place :func:`_spaced` finds
        for ``t``."""
        return _spaced(self.light, self.strong, min(max(t, 0.0), 1.0))

    def steps(self, n: int) -> list[str]:
        """``n`` evenly spaced colours, light to strong."""
        return [self.strong] if n == 1 else [self.at(i / (n - 1)) for i in range(n)]


@functools.lru_cache(maxsize=1 << 12)  # a continuous scale asks for each value's own t
def _spaced(light: str, strong: str, t: float) -> str:
    """The colour ``t`` of the way from ``light`` to ``strong``, the way measured between
    Oklab (perceived difference) and contrast ratio (WCAG's, which counts the glare of a
    screen or projector, flattening dark colours): :data:`_BY_CONTRAST` of it by contrast.
    Evenly spaced in Oklab alone, the classes at the dark end were the least apart to a
    reader: the corporate theme's darkest two of four 1.50:1 apart, its lightest two 1.78:1
    (#1E3653 and #00142E read as one on the sample's map; found in review). Evenly spaced
    by contrast alone, seven classes' lightest steps came under 6 ΔE."""
    (l0, a0, b0), (l1, a1, b1) = _oklab(light), _oklab(strong)

    def on_line(u: float) -> str:
        return _bowed((l0 + (l1 - l0) * u, a0 + (a1 - a0) * u, b0 + (b1 - b0) * u), u)

    def glare(color: str) -> float:
        return math.log(luminance(color) + 0.05)  # a contrast ratio is a difference of it

    lo, hi = glare(light), glare(strong)
    if t in (0.0, 1.0) or abs(hi - lo) < 1e-9:
        return on_line(t)

    def reached(u: float) -> bool:  # both measures grow along the line: monotonic in u
        return (1 - _BY_CONTRAST) * u + _BY_CONTRAST * (glare(on_line(u)) - lo) / (hi - lo) >= t

    return on_line(threshold(reached, 0.0, 1.0, steps=24))


def _bowed(lab: Lab, u: float) -> str:
    """The colour ``lab``, ``u`` of the way along the ramp, with its chroma raised by up to
    :data:`_BOW` at the middle (as much of it as sRGB holds), its lightness and hue kept.
    On the straight line, the theme's navy greyed towards its dark end: the corporate
    theme's two darkest of four classes, #213A57 and #00142E, read as one on the sample's
    map (found in review). Bowed, as ColorBrewer's one-hue ramps are, the classes between
    the ends are a clear blue and the darkest near black: #023970 against #00142E."""
    big_l, a, b = lab
    chroma = math.hypot(a, b)
    if chroma < 1e-9:
        return _hex(lab)
    extra = _BOW * math.sin(math.pi * u)
    for k in range(20, -1, -1):  # the most that fits, in twentieths
        scale = (chroma + extra * k / 20) / chroma
        bowed = (big_l, a * scale, b * scale)
        if _in_gamut(bowed):
            return _hex(bowed)
    return _hex(lab)


def ramp(colors: Palette) -> Ramp:
    """The theme's ramp: the hue of its primary colour (of its highlight when the primary
    is a grey, as in a black-and-white theme), strong enough to read on the background."""
    return _ramp(colors.primary, colors.highlight, colors.text, colors.background, colors.neutral)


@functools.cache
def _ramp(primary: str, highlight: str, text: str, background: str, neutral: str) -> Ramp:
    base = primary if math.hypot(*_oklab(primary)[1:]) >= _GREY else highlight
    back = _oklab(background)[0]
    no_data = mix(neutral, background, 0.75)

    def light_of(strong: str) -> str:
        # The base's hue, as close to the background in lightness as still reads on it
        # and on "no data" (MARK): a tint nearer the page (1.6:1 it was) passed for "no
        # data". With a code to spare (``holds``): at 3.01:1 it measured 2.98:1 on the
        # rendered slide.
        big_l = _oklab(strong)[0]
        _, a, b = _oklab(base)
        chroma, hue = math.hypot(a, b), math.atan2(b, a)
        c = max(0.5 * chroma, _LIGHT_CHROMA)

        def at(t: float) -> str:
            return _hex((back + (big_l - back) * t, c * math.cos(hue), c * math.sin(hue)))

        def reads(t: float) -> bool:
            return holds(at(t), background, MARK) and holds(at(t), no_data, MARK)

        def takes_ink(t: float) -> bool:
            return carries(at(t), text, background)

        # The least share of the way from the background that is enough, and on from there
        # to the first tint whose codes read at 4.5:1 as rendered (GLYPH): the dark theme's
        # landed where white and black both read at 4.6:1 (4.4:1 on the slide), on past it
        # to where black reads (a lighter tint; a darker one is under 3:1 on "no data").
        first = threshold(reads, 0.0, 1.0, steps=24)
        if takes_ink(first):
            return at(first)
        on = next((k / 64 for k in range(65) if k / 64 > first and takes_ink(k / 64)), None)
        return at(first if on is None else threshold(takes_ink, max(first, on - 1 / 64), on, 24))

    # The strong end moves towards the text colour until it reads on the background (3:1)
    # and the ramp spans enough to tell its steps apart (a dark theme's primary is often
    # a mid-tone, close to its background in lightness; the light end reads at 3:1 too),
    # and on past it towards black (white on a dark page) where that is not yet enough:
    # the light end, 3:1 from "no data" as well, is darker than the page alone needs.
    far = "#000000" if luminance(text) < luminance(background) else "#FFFFFF"
    past = _toward(base, text, 1.0)
    strong = base
    for strong in chain((_toward(base, text, k / 20) for k in range(21)),
                        (_toward(past, far, k / 20) for k in range(1, 21))):  # fmt: skip
        if contrast(strong, background) >= MARK and delta_e(light_of(strong), strong) >= _SPAN:
            break
    # "No data" is close to the background, every class reading at 3:1 from it as from the
    # page (the lightest was 2.4:1 from it, 2.5:1 measured on the dark theme's slides), and
    # hatched: told apart without telling hues apart, in grey print and by a reader who
    # cannot tell them. The lines move
    # towards the text colour until they show on the fill (HATCH_CONTRAST), no further.
    hatch = text
    for step in range(2, 11):
        hatch = mix(no_data, text, step / 10)
        if contrast(hatch, no_data) >= HATCH_CONTRAST:
            break
    return Ramp(light_of(strong), strong, no_data, hatch)


def carries(fill: str, text: str, background: str) -> bool:
    """Whether the code written on ``fill`` (:func:`ink`) reads at 4.5:1 as rendered: its
    ink moved :data:`GLYPH` of the way to the fill, with a code to spare (:func:`holds`)."""
    from deckgen.theming.colour import TEXT, text_on

    return holds(mix(text_on(fill, text, background), fill, GLYPH), fill, TEXT)


def _toward(color: str, other: str, amount: float) -> str:
    """``color`` moved ``amount`` (0..1) of the way towards ``other`` in lightness (Oklab),
    keeping its hue and as much of its chroma as sRGB holds at that lightness: a darker
    navy, not a grey one (mixing with a near-black text colour greys it)."""
    big_l, a, b = _oklab(color)
    target = big_l + (_oklab(other)[0] - big_l) * amount
    for k in range(21):
        lab = (target, a * (1 - k / 20), b * (1 - k / 20))
        if _in_gamut(lab):
            return _hex(lab)
    return _hex((target, 0.0, 0.0))


def ink(fill: str, colors: Palette) -> str:
    """Text colour on ``fill`` with at least 4.5:1 contrast: the theme's text or background
    colour, whichever contrasts more, or black or white where neither reaches 4.5:1 (a
    mid-tone fill between a near-black text colour and white)."""
    from deckgen.theming.colour import text_on

    return text_on(fill, colors.text, colors.background)


def _as_is(value: float) -> float:
    return value


@dataclass(frozen=True)
class Scale:
    """How values become fills: classes between ``breaks`` (class k holds values from
    ``breaks[k-1]`` up to but not including ``breaks[k]``), or continuous from ``lo`` to
    ``hi`` when ``breaks`` is ``None``. A value is classed as ``shown`` writes it (the
    chart's labels, :func:`shown_value`): a reader holds the printed '86%' against the
    legend, so 85.7 and 86.1, both printed '86%', must share a class (found by fuzzing)."""

    ramp: Ramp
    breaks: tuple[float, ...] | None
    lo: float
    hi: float
    shown: Callable[[float], float] = _as_is

    @property
    def colors(self) -> list[str]:
        """One fill per class, light to strong (classed scales only)."""
        return self.ramp.steps(len(self.breaks) + 1) if self.breaks is not None else []

    def klass(self, value: float) -> int:
        assert self.breaks is not None
        value = self.shown(value)
        return sum(1 for b in self.breaks if value >= b)

    def fill(self, value: float | None) -> str:
        if value is None:
            return self.ramp.no_data
        if self.breaks is not None:
            return self.colors[self.klass(value)]
        span = self.hi - self.lo
        return self.ramp.at((value - self.lo) / span if span > 0 else 1.0)

    def labels(self, fmt: NumberFormat, to: str = "to") -> list[str]:
        """The classes in words: '< 10%', '10%–20%', '≥ 20%'; a range with a negative end
        '−4 to −2' (:func:`_range_text`; ``to``: the deck's word, '−4 bis −2')."""
        assert self.breaks is not None
        ends = [_break_text(fmt, b) for b in self.breaks]
        if not ends:
            # One class (every value printed alike, or one break under them all): its span,
            # as the labels print its ends; one value when they print the same.
            low, high = (_break_text(fmt, self.shown(v)) for v in (self.lo, self.hi))
            return [low if low == high else _range_text(low, high, to)]
        middle = [_range_text(a, b, to) for a, b in pairwise(ends)]
        return [f"< {ends[0]}", *middle, f"≥ {ends[-1]}"]


def _range_text(low: str, high: str, to: str = "to") -> str:
    """Two class boundaries as a range: joined by an en dash ('10%–20%'), or by ``to``
    where either is signed, since a dash beside a minus sign reads as one more: '−4–−2'
    and '−2–0' (found by review), and beside a plus as a sum ('+2%–+4%')."""
    if low.startswith((MINUS, "+")) or high.startswith((MINUS, "+")):
        return f"{low} {to} {high}"
    return f"{low}–{high}"


def _break_text(fmt: NumberFormat, value: float) -> str:
    """A class boundary in the chart's format, exactly: with the decimals it takes (up to
    six), never rounded onto a value of the class beside it (a break of 87.5 at
    'percent:0' read '88%', and '88%' tiles sat under it), and without decimals that are
    all zeros: a boundary is a round number the author chose ('$20B', not '$20.0B')."""
    places = fmt.decimals
    while places < MAX_DECIMALS:
        scale = compact_unit(abs(value), places)[0] if fmt.style == "compact" else 1.0
        if round_half_up(value, places, scale) == round_half_up(value, MAX_DECIMALS, scale):
            break
        places += 1
    written = fmt.model_copy(update={"decimals": places}).format(value)
    return re.sub(r"(\d)\.0+(?!\d)", r"\1", written)


def shown_value(job: ChartJob) -> Callable[[float], float]:
    """Each value as the chart's labels print it, as a number (87.6 at 'percent:0': 88.0):
    in the unit and to the decimals they share (:meth:`NumberFormat.writer`), so the
    tiles, the callouts and the alt text write the value a state is classed by."""
    number: NumberFormat = job.spec.format
    unit, decimals = label_place(job)

    def shown(value: float) -> float:
        if not math.isfinite(value):
            return value
        own, places = unit, decimals
        if number.units == "each":  # as the writer gives each value its own unit
            if number.style == "compact":
                own = compact_unit(abs(value), decimals)
            while (
                places < MAX_DECIMALS
                and value != 0
                and round_half_up(abs(value), places, own[0]) == 0
            ):
                places += 1
        exact = round_half_up(abs(value), places, own[0]) * round_half_up(own[0], 0)
        return math.copysign(float(exact), value)

    return shown


def quantile_breaks(values: Sequence[float], classes: int) -> tuple[float, ...]:
    """Breaks that put about as many values in each of ``classes`` classes: each break is
    the lowest value of its class (so every break is a value in the data), without
    repeats (tied values stay in one class; there may then be fewer classes)."""
    ordered = sorted(values)
    n = len(ordered)
    picks = [ordered[(k * n) // classes] for k in range(1, classes)] if n else []
    return tuple(sorted({b for b in picks if b > ordered[0]}))


def make_scale(
    spec: Map, colors: Palette, values: Sequence[float], shown: Callable[[float], float] = _as_is
) -> Scale:
    """The scale ``spec`` asks for over the values shown, classed as ``shown`` writes
    them: quantile breaks are taken among the printed values, so each is a value the
    format writes exactly ('88%', never 87.6 written '88%')."""
    lo, hi = (min(values), max(values)) if values else (0.0, 0.0)
    classes = spec.classes
    if isinstance(classes, int):
        breaks: tuple[float, ...] | None = quantile_breaks([shown(v) for v in values], classes)
    elif classes is not None:
        breaks = tuple(float(b) for b in classes)
    else:
        breaks = None
    return Scale(ramp(colors), breaks, lo, hi, shown)


# --------------------------------------------------------------------------- layout
@dataclass(frozen=True)
class Box:
    """A box in points from the chart's top left, y down."""

    x: float
    y: float
    w: float
    h: float

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    def overlaps(self, other: Box) -> bool:
        return (self.x < other.x + other.w and other.x < self.x + self.w
                and self.y < other.y + other.h and other.y < self.y + self.h)  # fmt: skip

    def holds(self, other: Box) -> bool:
        """Whether ``other`` lies wholly inside this box."""
        return (self.x <= other.x and other.x + other.w <= self.x + self.w
                and self.y <= other.y and other.y + other.h <= self.y + self.h)  # fmt: skip


@dataclass(frozen=True)
class Label:
    """Text centred on (``x``, ``y``), one line per entry of ``lines``; a label outside its
    state has a ``leader``, a line from a dot in the state to the label's edge."""

    lines: tuple[str, ...]
    x: float
    y: float
    color: str
    bold: bool
    leader: tuple[Point, Point] | None = None


@dataclass(frozen=True)
class Region:
    """One state as drawn."""

    code: str
    name: str
    value: float | None
    fill: str
    highlighted: bool
    #: Its tile (tile maps) or the bounding box of its outline (choropleths).
    box: Box
    label: Label | None
    #: A highlighted tile's value written outside the grid beside its tile, where it does
    #: not fit inside (:func:`_tile_callouts`).
    callout: Label | None = None


@dataclass(frozen=True)
class Text:
    """A legend text: left edge ``x``, vertical centre ``y``."""

    text: str
    x: float
    y: float


@dataclass(frozen=True)
class Key:
    """One legend entry: a swatch of one fill, or (continuous scales) a ramp between its
    two texts, drawn with the colours ``fills`` spread evenly from left to right."""

    swatch: Box
    fills: tuple[str, ...]
    texts: tuple[Text, ...]


@dataclass(frozen=True)
class MapLayout:
    """The map as both forms draw it, in points from the chart's top left."""

    tile: bool
    regions: tuple[Region, ...]
    keys: tuple[Key, ...]
    #: Text size in points.
    size: float
    #: Choropleths: a shape point (X, Y) is drawn at (x0 + scale * X, y0 + scale * Y).
    x0: float
    y0: float
    scale: float
    #: Outline colour and width (points) of highlighted states.
    emphasis: str
    emphasis_width: float
    #: Lines between states (choropleths), in the background colour.
    border_width: float
    text_color: str
    #: The "no data" fill and the colour of its hatching (:data:`HATCH`).
    no_data: str
    hatch: str
    #: Leader lines (labels outside their state or tile): colour, width and the radius of
    #: the dot each starts from, in points (none on a tile map: a leader starts at the
    #: tile's edge).
    leader_color: str
    leader_width: float
    dot: float

    #: Whether the map names its states (``value_labels``).
    named: bool = True
    #: The line parting the highlight's outline from a fill it does not read on
    #: (:func:`emphasis`): a tile's outline keeps its width, its inner third the casing's;
    #: a state's outline has it half as wide either side.
    casing: str | None = None

    def unnamed(self) -> list[str]:
        """The states with a value that a map naming its states names nowhere (codes)."""
        gone = [r.code for r in self.regions if r.label is None and r.value is not None]
        return gone if self.named else []

    def unwritten(self) -> list[str]:
        """The states with a value whose tile holds their code but not their value, nor
        has it called out beside it (tile maps writing their values: :func:`_tiles`)."""
        if not (self.tile and self.named):
            return []
        return [
            r.code
            for r in self.regions
            if r.value is not None
            and r.label is not None
            and len(r.label.lines) < 2
            and r.callout is None
        ]

    def shortfall(self) -> tuple[int, int, int]:
        """What the map leaves unsaid that smaller text may say, the fewer the better: the
        states it does not name, then the values it does not write, then the values it
        writes outside their tiles (a value in its tile, at a smaller size, reads better
        than one called out beside it)."""
        called = sum(r.callout is not None for r in self.regions)
        return len(self.unnamed()), len(self.unwritten()), called

    def hatched(self, fills: tuple[str, ...]) -> bool:
        """Whether a legend swatch is the "no data" one (a state is when its value is
        ``None``)."""
        return fills == (self.no_data,)


#: Space between tiles, as a share of a grid cell.
_TILE_GAP = 0.06
#: A tile's label must fit in this share of the tile.
_TILE_ROOM = 0.9
#: The outline of a highlighted state, in points (times the canvas's scale).
_EMPHASIS = 2.0


@dataclass(frozen=True)
class _Measure:
    """Text metrics in points at the chart's label size."""

    job: ChartJob
    size: float

    def width(self, text: str, bold: bool = False) -> float:
        font = self.job.theme.body.file(bold)
        return max(SLIDE.width(line, font, Pt(self.size)).pt for line in text.split("\n"))

    def height(self, lines: int) -> float:
        """Height of a block of ``lines`` lines as the picture sets it, or as the slide's
        leading gives it if that is taller."""
        font = self.job.theme.body.file(False)
        drawn = drawn_height(str(font), self.size, lines)
        return max(drawn, lines * SLIDE.leading(font, Pt(self.size)).pt)

    @property
    def line(self) -> float:
        return self.height(1)


#: Legend measures in ems of the label size: a swatch's side, the gap from a swatch to its
#: words, and the space between entries (both legend forms use them).
_SWATCH, _GAP, _BETWEEN = 0.9, 0.4, 1.2
#: The closer spaces between entries a legend in rows takes, widest first, where it takes
#: fewer rows so: the sample's x-post map in the dark theme, beside the title column that
#: holds its subtitle, had a first row 3.3 pt too wide for its two keys, took five rows and
#: drew one state large enough to see (found in review). Down to twice the gap from a
#: swatch to its words: each word still stands nearer its own swatch than the next one.
_CLOSER = (1.1, 1.0, 0.9, 2 * _GAP)


def _keys_flow(
    m: _Measure, entries: list[Entry], width: float, height: float = math.inf,
    *, stacked: bool, grid: bool = True,
) -> tuple[float, float, list[Key]]:  # fmt: skip
    """Legend entries laid out from (0, 0): in rows no wider than ``width``, on a column
    grid (not on a ``grid``: one after another), or, if ``stacked``, one per row in columns
    no taller than ``height``. An entry is (fills, texts): one fill and one text is a
    swatch and its words; several fills and two texts is a ramp between them. Returns the
    block's width, height and keys.

    Rows whose entries are a few points too wide to share a row come closer (:data:`_CLOSER`,
    the widest spacing that takes the fewest rows), rather than the legend taking a row
    more of the map's height."""
    flow = _flowed(m, entries, width, height, _BETWEEN, stacked=stacked, grid=grid)
    if stacked:
        return flow
    # A row holds as many entries or more as they come closer: the closest takes fewest.
    closest = _flowed(m, entries, width, height, _CLOSER[-1], stacked=False, grid=grid)
    if closest[1] >= flow[1]:
        return flow
    closer = (_flowed(m, entries, width, height, em, stacked=False, grid=grid)
              for em in _CLOSER)  # fmt: skip
    return next(f for f in closer if f[1] == closest[1])


def _flowed(
    m: _Measure, entries: list[Entry], width: float, height: float, between_em: float,
    *, stacked: bool, grid: bool = True,
) -> tuple[float, float, list[Key]]:  # fmt: skip
    """:func:`_keys_flow` with ``between_em`` ems between entries. Rows sit on a column
    grid: each column as wide as its widest key, so that the keys' left edges line up row
    to row (rows flowed one after another put the second column of the sample's x-post
    legend 84 px apart from row to row, found in review); as many columns as fit
    ``width``. The last key may reach over the empty columns after it. Not on a ``grid``:
    each row holds as many keys as fit it, one after another."""
    size, line = m.size, m.line
    swatch = _SWATCH * size
    ramp_w = 6 * size
    gap, between, pitch = _GAP * size, between_em * size, 1.3 * line
    widths = [swatch + gap + m.width(texts[0]) if len(fills) == 1
              else m.width(texts[0]) + gap + ramp_w + gap + m.width(texts[1])
              for fills, texts in entries]  # fmt: skip
    lefts = _columns(widths, width, between) if not stacked and grid else [0.0]
    keys: list[Key] = []
    x = y = left = right = bottom = 0.0
    for k, ((fills, texts), w) in enumerate(zip(entries, widths, strict=True)):
        if keys and stacked:
            x, y = left, y + pitch
            if y + line > height:  # a new column
                left = x = right + between
                y = 0.0
        elif keys and not grid and x + w > width:
            x, y = 0.0, y + pitch
        elif grid and not stacked:
            x, y = lefts[k % len(lefts)], k // len(lefts) * pitch
        mid = y + line / 2
        if len(fills) == 1:
            box = Box(x, mid - swatch / 2, swatch, swatch)
            keys.append(Key(box, fills, (Text(texts[0], x + swatch + gap, mid),)))
        else:
            start = x + m.width(texts[0]) + gap
            box = Box(start, mid - swatch / 2, ramp_w, swatch)
            keys.append(Key(box, fills, (Text(texts[0], x, mid),
                                         Text(texts[1], start + ramp_w + gap, mid))))  # fmt: skip
        right, bottom = max(right, x + w), max(bottom, y + line)
        x += w + between
    return right, bottom, keys


def _columns(widths: list[float], width: float, between: float) -> list[float]:
    """The left edges of the most columns (keys of ``widths`` in rows, left to right) no
    wider than ``width`` together, ``between`` apart, each as wide as its widest key but
    the last key, which may reach over the columns after it; one column if none fit (a
    key wider alone)."""
    for n in range(len(widths), 1, -1):
        last = len(widths) - 1
        cols = [max(w for k, w in enumerate(widths) if k % n == j and (k < last or k < n))
                for j in range(n)]  # fmt: skip
        lefts, x = [], 0.0
        for w in cols:
            lefts.append(x)
            x += w + between
        if max(lefts[-1] + cols[-1], lefts[last % n] + widths[last]) <= width:
            return lefts
    return [0.0]


def _moved(keys: list[Key], dx: float, dy: float) -> tuple[Key, ...]:
    return tuple(
        Key(Box(k.swatch.x + dx, k.swatch.y + dy, k.swatch.w, k.swatch.h), k.fills,
            tuple(Text(t.text, t.x + dx, t.y + dy) for t in k.texts))
        for k in keys
    )  # fmt: skip


def emphasis(job: ChartJob) -> tuple[str, str | None]:
    """The outline of the highlighted states and the colour of the line parting it from
    their fills (``None``: none), for ``job``'s data (see :func:`_emphasis`)."""
    spec = cast("Map", job.spec)
    colors = job.theme.theme.colors
    values = values_by_state(job.data)
    present = [v for v in values.values() if v is not None]
    sc = make_scale(spec, colors, present, shown_value(job))
    codes = {c for c in (state_code(h) for h in spec.highlight) if c}
    return _emphasis(colors, sc, [sc.fill(values.get(c)) for c in codes])


def _emphasis(colors: Palette, sc: Scale, fills: list[str]) -> tuple[str, str | None]:
    """The outline is a mark on each highlighted state's own fill (``fills``; 3:1,
    :data:`MARK`): the highlight colour where it reads on every one and is not the ramp's
    own hue; else the text colour where that reads; else the text colour parted from the
    fill by the background colour, on which every class reads at 3:1 (the contrast
    theme's blue highlight was 2.0:1 on Michigan's navy tile: it read as one more of its
    class)."""
    if delta_e(sc.ramp.strong, colors.highlight) >= 20 and all(
        holds(colors.highlight, f, MARK) for f in fills
    ):
        return colors.highlight, None
    if all(holds(colors.text, f, MARK) for f in fills):
        return colors.text, None
    return colors.text, colors.background


def values_by_state(data: ChartData) -> dict[str, float | None]:
    """Each state's value (``None``: missing), by code; rows that name no state are left
    out and a repeated state keeps its first value (the checks after binding report both
    before anything is drawn)."""
    out: dict[str, float | None] = {}
    for name, value in zip(data.categories, data.series[0].values, strict=True):
        code = state_code(name)
        if code is not None and code not in out:
            out[code] = value
    return out


def fitted(job: ChartJob, width: float, height: float, scale: float) -> MapLayout:
    """The map planned (:func:`plan`) at the largest label size, from the theme's chart
    label size down to its minimum, at which it names every state with a value (inside
    it, or called out) and a tile map writes every value; else at the one leaving the
    least unsaid (:meth:`MapLayout.shortfall`: states unnamed first, then values
    unwritten), the largest of those (:meth:`MapLayout.unnamed` and
    :meth:`MapLayout.unwritten` say which). ``scale`` multiplies the text and the lines.
    The contrast theme's 16 pt codes fitted 4 of a choropleth's 14 states, and it named
    none; at 14 pt it names 12.

    The smallest size is tried second: where it says no more than the largest (a card's
    small map, whose codes fit too few outlines at any size; a tile map whose values fit
    its tiles at no size), the sizes between, which say less the larger their text, are
    not planned (the sample's three map cards planned every size, eight plans more a
    build)."""

    def planned(sized: ChartJob) -> MapLayout:
        return plan(sized, width, height, sized.theme.theme.sizes.chart_label * scale, scale)

    first, *between = label_sizes(job)
    best = planned(first)
    if best.shortfall() == (0, 0, 0) or not between:
        return best
    *between, last = between
    smallest = planned(last)
    if smallest.shortfall() >= best.shortfall():
        return best
    for sized in between:
        lay = planned(sized)
        if lay.shortfall() < best.shortfall():
            best = lay
        if best.shortfall() == (0, 0, 0):
            return best
    return smallest if smallest.shortfall() < best.shortfall() else best


def plan(job: ChartJob, width: float, height: float, size: float, scale: float) -> MapLayout:
    """Lay out the map in a ``width`` x ``height`` point box with labels of ``size`` points;
    ``scale`` multiplies line widths (cards read from farther away)."""
    spec = cast("Map", job.spec)
    colors = job.theme.theme.colors
    values = values_by_state(job.data)
    present = [v for v in values.values() if v is not None]
    sc = make_scale(spec, colors, present, shown_value(job))
    m = _Measure(job, size)
    tile = spec.style == "tile"
    steps = _steps(m, job, sc, present, width)
    lined = _steps(m, job, sc, present, width, own_line=True) if steps is None else None
    unit, x0, y0, keys = _place(m, _legend(job, sc, present), tile, width, height, steps,
                                lined)  # fmt: skip
    highlighted = {c for c in (state_code(h) for h in spec.highlight) if c}
    # The scale and values made here: a map is planned at several sizes.
    outline, casing = _emphasis(colors, sc, [sc.fill(values.get(c)) for c in highlighted])
    # Values are read together, as every chart's labels are: one unit, one precision.
    value_text = {c: fmt(job, v) for c, v in values.items() if v is not None}
    place = (_tiles(m, value_text, unit, highlighted, _EMPHASIS * scale) if tile
             else _outlines(m, value_text, unit))  # fmt: skip
    regions = []
    for state in shapes().states:
        value = values.get(state.code)
        fill = sc.fill(value)
        bold = state.code in highlighted
        box, lines, (x, y) = place(state, bold)
        label = Label(lines, x0 + x, y0 + y, ink(fill, colors), bold) if lines else None
        box = Box(x0 + box.x, y0 + box.y, box.w, box.h)
        regions.append(Region(state.code, state.name, value, fill, bold, box, label))
    if tile:
        regions = _tile_callouts(m, regions, keys, (width, height), value_text, colors.text)
    else:
        regions = _apart(m, regions, unit, x0, y0)
        if spec.value_labels:
            regions = _callouts(m, regions, keys, (unit, x0, y0), (width, height), value_text)
            regions = _all_or_highlighted(regions)
    return MapLayout(
        tile, tuple(regions), keys, size, x0, y0, unit, outline,
        _EMPHASIS * scale, 0.6 * scale, colors.text, sc.ramp.no_data, sc.ramp.hatch,
        colors.muted, 0.75 * scale, 0.0 if tile else 1.5 * scale, spec.value_labels, casing,
    )  # fmt: skip


def _legend(job: ChartJob, sc: Scale, present: list[float]) -> list[Entry]:
    """The legend's entries: the classes (or the ramp between the lowest and highest
    value), then "No data" when a state has none."""
    entries: list[Entry] = []
    if sc.breaks is not None and present:
        labels = sc.labels(job.spec.format, job.words.to)
        entries += [((c,), (t,)) for c, t in zip(sc.colors, labels, strict=True)]
    elif present:
        low, high = fmt(job, sc.lo), fmt(job, sc.hi)
        entries.append((tuple(sc.ramp.steps(9)), (low, high)))
    if len(present) < len(shapes().states):
        entries.append(((sc.ramp.no_data,), (cast("Map", job.spec).no_data_name(job),)))
    return entries


def _steps(
    m: _Measure, job: ChartJob, sc: Scale, present: list[float], width: float,
    *, own_line: bool = False,
) -> Flow | None:  # fmt: skip
    """A classed scale's legend one bar tall: the classes side by side, light to strong,
    each boundary's value centred under it (as newsroom choropleths have it), and "No data"
    level with the bar, or after the last value under it if the bar's row is too narrow,
    or (``own_line``) else on a line of its own under the values, at the bar's left edge.
    Two lines tall whatever the number of classes (three with "No data" on its own line).
    ``None`` for a continuous scale, or if it is wider than ``width``."""
    if sc.breaks is None or not sc.breaks or not present:
        return None
    ends = [_break_text(job.spec.format, b) for b in sc.breaks]
    size, line = m.size, m.line
    swatch, gap, between = _SWATCH * size, _GAP * size, _BETWEEN * size
    # Each class is wide enough for the widest boundary under it, with a gap either side;
    # with "No data" on its own line (``own_line``), one gap where the bar is too wide so.
    widest = max(m.width(t) for t in ends)
    seg = max(2.5 * size, widest + 2 * gap)
    if own_line and len(sc.colors) * seg > width:
        seg = max(2.5 * size, widest + gap)
    mid = line / 2
    under = mid + swatch / 2 + 0.15 * size + line / 2  # the values hang just under the bar
    keys: list[Key] = []
    for k, fill in enumerate(sc.colors):
        texts: tuple[Text, ...] = ()
        if k:
            end = ends[k - 1]
            texts = (Text(end, k * seg - m.width(end) / 2, under),)
        keys.append(Key(Box(k * seg, mid - swatch / 2, seg, swatch), (fill,), texts))
    right, bottom, alone = len(sc.colors) * seg, under + line / 2, 0.0
    if len(present) < len(shapes().states):
        beside = right + between
        last = keys[-1].texts[0]
        after = last.x + m.width(last.text) + between
        name = cast("Map", job.spec).no_data_name(job)
        room = swatch + gap + m.width(name)
        x, y = (beside, mid) if beside + room <= width else (after, under)
        if own_line and x + room > width:
            # Alone on its line it may be wider than ``width``, as a key alone in a row
            # of keys may (the sample's x-post legend: 'Not a top three export').
            x, y, alone = 0.0, under + 1.3 * line, room
            bottom = y + line / 2
        else:
            right = max(right, x + room)
        no_data = Text(name, x + swatch + gap, y)
        keys.append(Key(Box(x, y - swatch / 2, swatch, swatch), (sc.ramp.no_data,), (no_data,)))
    return (max(right, alone), bottom, keys) if right <= width else None


#: A legend laid out from (0, 0): its width, its height and its keys.
Flow = tuple[float, float, list[Key]]


def _place(
    m: _Measure, entries: list[Entry], tile: bool, width: float, height: float,
    steps: Flow | None = None, lined: Flow | None = None,
) -> tuple[float, float, float, tuple[Key, ...]]:  # fmt: skip
    """The map's scale (points per grid cell or per shape unit) and top left corner, and
    the legend's keys: beside the map (one entry per row), above it (in rows on a column
    grid, or as one stepped bar when the scale has classes, 1.5 ems clear of the map);
    whichever leaves the largest map. Where the grid takes more rows than keys one after
    another (whose columns do not line up row to row), the stepped bar may put "No data"
    on a line of its own (``lined``); keys go one after another only where no stepped bar
    fits. Never in a row of the tiles: in the empty cells of a tile map's top row,
    level with Alaska and Maine, it read as part of the grid (found in review on a
    portrait card). The map and its legend are centred across the box and start at its
    top, under the title, as other charts do."""
    geo = shapes()
    rows, cols = geo.grid
    map_w, map_h = (float(cols), float(rows)) if tile else (geo.width, geo.height)
    sep = 1.5 * m.size
    options: list[tuple[float, float, str]] = []
    beside_w, beside_h, beside = _keys_flow(m, entries, width, height, stacked=True)
    if beside_h <= height:
        options.append((min((width - beside_w - sep) / map_w, height / map_h), 1, "beside"))
    above_w, above_h, above = _keys_flow(m, entries, width, stacked=False)
    flowed = _keys_flow(m, entries, width, stacked=False, grid=False)
    if flowed[1] < above_h:
        # The sample's x-post legend, one after another beside a 55% title column: its
        # second column's swatches 84 px apart from row to row (found in review).
        steps = steps or lined
        if steps is None:
            above_w, above_h, above = flowed
    options.append((min(width / map_w, (height - above_h - sep) / map_h), 0, "above"))
    if steps is not None:
        # Above the map as one bar: preferred to rows of swatches when the map is as large.
        options.append((min(width / map_w, (height - steps[1] - sep) / map_h), 0.5, "steps"))
    unit, _, where = max(options)
    unit = max(unit, 0.0)
    drawn_w = map_w * unit
    if where == "beside":
        x0, y0 = (width - (drawn_w + sep + beside_w)) / 2, 0.0
        return unit, x0, y0, _moved(beside, x0 + drawn_w + sep, y0)
    if where == "steps":
        assert steps is not None
        above_w, above_h, above = steps
    x0 = (width - drawn_w) / 2
    y0 = above_h + sep
    # Level with the map's left edge (a tile map's: its tiles'), unless the legend is
    # wider than the map.
    inset = unit * _TILE_GAP / 2 if tile else 0.0
    left = max(0.0, min(x0 + inset, width - above_w))
    return unit, x0, y0, _moved(above, left, y0 - sep - above_h)


def _tiles(
    m: _Measure, value_text: dict[str, str], unit: float, bold_codes: set[str], emphasis: float
) -> Placer:
    """Each state's tile (from the map's corner) and label: its code, over its value where
    the values fit a tile at the label size: every state's (one rule for all tiles, so none
    is missing a value another shows), else the highlighted states' only (the finding,
    outlined, whose value the title names: a reader could read no state's value, found in
    review), else none (the build says so: :meth:`MapLayout.unwritten`); no labels if even
    the codes do not fit. A highlighted tile's text stays inside the ``emphasis`` outline
    drawn inside it (the lines' leading keeps the ink clear of it)."""
    side = unit * (1 - _TILE_GAP)
    room = side * _TILE_ROOM
    inner = min(room, side - 2 * emphasis)
    widest_code = max(m.width(s.code, bold=s.code in bold_codes) for s in shapes().states)
    codes = widest_code <= side * 0.96 and m.line <= side

    def fit(states: set[str]) -> bool:
        """Whether each of ``states`` holds its code over its value."""
        return all(
            max(m.width(c, bold), m.width(value_text[c], bold)) <= (inner if bold else room)
            and m.height(2) <= (inner if bold else room)
            for c, bold in ((c, c in bold_codes) for c in states)
        )

    valued = set(value_text)
    written: set[str] = set()
    if codes and m.job.spec.value_labels:
        # Every value, else each highlighted value that fits its tile (one that does not
        # is called out beside its tile: _tile_callouts).
        written = valued if fit(valued) else {c for c in valued & bold_codes if fit({c})}

    def place(state: State, bold: bool) -> tuple[Box, tuple[str, ...], Point]:
        r, c = state.tile
        box = Box(c * unit + unit * _TILE_GAP / 2, r * unit + unit * _TILE_GAP / 2, side, side)
        lines: tuple[str, ...] = (state.code,) if codes else ()
        if state.code in written:
            lines = (state.code, value_text[state.code])
        return box, lines, (box.cx, box.cy)

    return place


def _tile_callouts(m: _Measure, regions: list[Region], keys: tuple[Key, ...],
                   box: tuple[float, float], value_text: dict[str, str],
                   color: str) -> list[Region]:  # fmt: skip
    """A highlighted state's value that its tile cannot hold (its code alone is written
    there) is written off the tiles, as newsroom tile maps write it: beside its tile,
    right, left, above or below, where the text touches no tile, legend entry or other
    label and stays in the chart's ``box``; bold at the label size, in the text colour
    (``color``, read on the background, not on a fill). Against the tile where it can be
    (no leader needed), else up to four ems out on a short leader from the tile's edge
    that crosses nothing; on the outside of the map first (no tile beyond it: the empty
    space beside the grid, the sea), then nearest. A value with no such place stays
    unwritten, and the build says so (:meth:`MapLayout.unwritten`)."""
    wanted = [r for r in regions if r.highlighted and r.code in value_text
              and r.label is not None and len(r.label.lines) < 2]  # fmt: skip
    if not wanted:
        return regions
    tiles = {r.code: r.box for r in regions}
    taken = [r.box for r in regions]
    # Half an em clear of the legend: a value beside its words reads as one of them.
    e = m.size / 2
    for key in keys:
        boxes = [key.swatch]
        boxes += [Box(t.x, t.y - m.line / 2, m.width(t.text), m.line) for t in key.texts]
        taken += [Box(b.x - e, b.y - e, b.w + 2 * e, b.h + 2 * e) for b in boxes]
    out = {r.code: r for r in regions}
    for region in sorted(wanted, key=lambda r: (-(r.value or 0.0), r.code)):
        others = [b for code, b in tiles.items() if code != region.code]
        label = _tile_callout(m, region.box, others, taken, box, value_text[region.code],
                              color)  # fmt: skip
        if label is not None:
            out[region.code] = replace(region, callout=label)
            taken.append(_padded(m, label))
    return [out[r.code] for r in regions]


#: Where a tile's callout may go (see :func:`_tile_callout`): the sides (x, y), right,
#: left, above and below; how far out, in quarter ems (0: against the tile); and how far
#: along its side, in quarter ems either way, once on a leader.
_SIDES = ((1, 0), (-1, 0), (0, -1), (0, 1))
_OUT = 16
_ALONG = 8


def _tile_callout(m: _Measure, tile: Box, others: list[Box], taken: list[Box],
                  box: tuple[float, float], text: str, color: str) -> Label | None:  # fmt: skip
    """The best place for ``text`` beside ``tile`` (see :func:`_tile_callouts`), or
    ``None``. ``others``: the other tiles; ``taken``: every box text must keep clear of."""
    label = Label((text,), 0.0, 0.0, color, True)
    w, h = _padded_size(m, label)
    step = m.size / 4
    chart = Box(0.0, 0.0, *box)
    # A leader keeps clear of every other box by a label's padding: one running along
    # the gap between two tiles reads as an edge of either.
    pad = _PAD * m.size
    clear = [Box(b.x - pad, b.y - pad, b.w + 2 * pad, b.h + 2 * pad) for b in taken if b != tile]

    def spots(out: int) -> list[tuple[float, int, int, Box, int, int]]:
        """The places ``out`` quarter ems from the tile: (how far along, side, order,
        box, side's x and y)."""
        found = []
        for side, (sx, sy) in enumerate(_SIDES):
            gap = out * step
            if sx:
                x = tile.x + tile.w + gap if sx > 0 else tile.x - gap - w
                # Level with the tile's middle; on a leader, up or down from it.
                starts = [tile.cy - h / 2]
            else:
                y = tile.y + tile.h + gap if sy > 0 else tile.y - gap - h
                # Centred on the tile, or level with either of its edges.
                starts = [tile.cx - w / 2, tile.x, tile.x + tile.w - w]
            if out:
                starts += [starts[0] + k * step for k in range(-_ALONG, _ALONG + 1) if k]
            for order, start in enumerate(starts):
                spot = Box(x, start, w, h) if sx else Box(start, y, w, h)
                found.append((abs(start - starts[0]), side, order, spot, sx, sy))
        return found

    def leader(spot: Box, sx: int, sy: int) -> tuple[Point, Point]:
        """From the tile's edge (not its corner), level with the text's middle where it
        can be, to the middle of the text's near side."""
        if sx:
            along = min(max(spot.cy, tile.y + pad), tile.y + tile.h - pad)
            return ((tile.x + tile.w if sx > 0 else tile.x, along),
                    (spot.x if sx > 0 else spot.x + spot.w, spot.cy))  # fmt: skip
        along = min(max(spot.cx, tile.x + pad), tile.x + tile.w - pad)
        return ((along, tile.y + tile.h if sy > 0 else tile.y),
                (spot.cx, spot.y if sy > 0 else spot.y + spot.h))  # fmt: skip

    # Against the tile first, then on a leader (none shorter than half an em: a stub reads
    # as a mark); at each, the outside of the map first, then nearest, least far along.
    for outs in ([0], range(2, _OUT + 1)):
        tries = sorted((out, *rest) for out in outs for rest in spots(out))
        inside = None
        for out, _, _, _, spot, sx, sy in tries:
            if not chart.holds(spot) or any(spot.overlaps(b) for b in taken):
                continue
            line = leader(spot, sx, sy) if out else None
            if line is not None and any(_crosses(*line, b) for b in clear):
                continue
            placed = replace(label, x=spot.cx, y=spot.cy, leader=line)
            if not _beyond(spot, sx, sy, others):
                return placed
            inside = inside or placed
        if inside is not None:
            return inside
    return None


def _beyond(spot: Box, sx: int, sy: int, tiles: list[Box]) -> bool:
    """Whether a tile lies beyond ``spot`` on its side (``sx``, ``sy``): a callout with
    none is on the outside of the map."""
    if sx:
        return any(b.y < spot.y + spot.h and spot.y < b.y + b.h
                   and (b.x >= spot.x + spot.w if sx > 0 else b.x + b.w <= spot.x)
                   for b in tiles)  # fmt: skip
    return any(b.x < spot.x + spot.w and spot.x < b.x + b.w
               and (b.y >= spot.y + spot.h if sy > 0 else b.y + b.h <= spot.y)
               for b in tiles)  # fmt: skip


def _outlines(m: _Measure, value_text: dict[str, str], unit: float) -> Placer:
    """Each state's bounding box in shape units and its label: the code of a state with a
    value (codes name the states a reader cannot place; the legend gives the values), and
    the value too for a highlighted state (the finding), where the text fits the largest
    circle inside the state's main outline."""

    def place(state: State, bold: bool) -> tuple[Box, tuple[str, ...], Point]:
        xs = [x for ring in state.paths for x, _ in ring]
        ys = [y for ring in state.paths for _, y in ring]
        box = Box(unit * min(xs), unit * min(ys), unit * (max(xs) - min(xs)),
                  unit * (max(ys) - min(ys)))  # fmt: skip
        if not m.job.spec.value_labels or state.code not in value_text:
            return box, (), (box.cx, box.cy)
        (px, py), radius = label_point(state.code)
        at = (unit * px, unit * py)
        options = [(state.code, value_text[state.code]), (state.code,)] if bold else [(state.code,)]
        for lines in options:
            w, h = _ink(m, lines, bold)
            # Within the largest circle inside the state, or else within the state itself:
            # a long narrow state (Tennessee, Indiana) holds its code though no circle
            # around the code fits in it.
            if math.hypot(w / 2, h / 2) <= 1.05 * radius * unit or _inside(
                m, state.code, lines, bold, (px, py), unit
            ):
                return box, lines, at
        return box, (), at

    return place


def _ink(m: _Measure, lines: tuple[str, ...], bold: bool) -> tuple[float, float]:
    """A label's ink, width and height in points: a code alone is capitals, about 0.75 em
    tall, not a full line."""
    w = max(m.width(line, bold) for line in lines)
    return w, 0.75 * m.size if len(lines) == 1 else m.height(len(lines))


def _inside(
    m: _Measure, code: str, lines: tuple[str, ...], bold: bool, at: Point, unit: float
) -> bool:
    """Whether a label centred on ``at`` (shape units) lies inside its state, with 0.15 em
    to spare on every side."""
    w, h = _ink(m, lines, bold)
    room = 2 * _PAD * m.size
    return rect_inside(code, at, (w + room) / unit, (h + room) / unit)


def rect_inside(code: str, at: Point, width: float, height: float) -> bool:
    """Whether a ``width`` x ``height`` box centred on ``at`` (shape units) lies inside the
    state's main outline: its edges, at nine points each, all inside."""
    import numpy as np

    ring = np.asarray(shapes().by_code[code].paths[0])
    t = np.linspace(-0.5, 0.5, 9)
    xs = np.concatenate([t * width, t * width, np.full(9, -width / 2), np.full(9, width / 2)])
    ys = np.concatenate([np.full(9, -height / 2), np.full(9, height / 2), t * height, t * height])
    points = np.column_stack([at[0] + xs, at[1] + ys])
    return bool(inside_ring(ring, points).all())


def _apart(m: _Measure, regions: list[Region], unit: float, x0: float, y0: float) -> list[Region]:
    """Choropleth labels that do not touch: the highlighted states' first, then by value.
    A label that would touch one already kept moves within its state, up, down or
    sideways by up to two of its own sizes, to the nearest place where it fits the state
    and touches none (two narrow neighbours such as Illinois and Indiana, side by side at
    the same height, each keep their code, one higher than the other); only where there
    is no such place is it left out."""
    kept: list[Box] = []
    out = {r.code: r for r in regions}
    order = sorted((r for r in regions if r.label is not None),
                   key=lambda r: (not r.highlighted, -(r.value or 0.0), r.code))  # fmt: skip
    for region in order:
        label = region.label
        assert label is not None
        w, h = _padded_size(m, label)
        ink_w, ink_h = _ink(m, label.lines, label.bold)
        for dx, dy in _NUDGES:
            x, y = label.x + dx * w, label.y + dy * h
            box = Box(x - w / 2, y - h / 2, w, h)
            if any(box.overlaps(b) for b in kept):
                continue
            if dx or dy:
                # Within the state's bounds first: a quick no for most places tried.
                ink = Box(x - ink_w / 2, y - ink_h / 2, ink_w, ink_h)
                at = ((x - x0) / unit, (y - y0) / unit)
                if not region.box.holds(ink) or not _inside(
                    m, region.code, label.lines, label.bold, at, unit
                ):
                    continue
            kept.append(box)
            out[region.code] = replace(region, label=replace(label, x=x, y=y))
            break
        else:
            out[region.code] = replace(region, label=None)
    return [out[r.code] for r in regions]


#: At most this many states with a value but no room for their code inside are named
#: outside the map, each with a leader line; past that many the map is too small for
#: codes (a card's), and the legend and the alt text carry it.
MAX_CALLOUTS = 6


def _callouts(m: _Measure, regions: list[Region], keys: tuple[Key, ...],
              frame: tuple[float, float, float], box: tuple[float, float],
              value_text: dict[str, str]) -> list[Region]:  # fmt: skip
    """Name the states left unnamed (a value, but no room inside: Tennessee, Maryland,
    DC) outside the map, each code with a leader line from a dot at its label point.
    Those of the east stand in a column off the Atlantic coast, those of the west off
    the Pacific: a column a reader scans, in the states' order from north to south, each
    as level with its state as its neighbours allow. A column lies over no state, inside
    the chart's ``box``, and clear of every label and legend entry, its leaders too; it
    moves out from the coast until it is, without the states farthest inland if it can
    find no place with them. None at all if more than :data:`MAX_CALLOUTS` are unnamed."""
    unnamed = [r for r in regions if r.label is None and r.code in value_text]
    if not unnamed or len(unnamed) > MAX_CALLOUTS:
        return regions
    taken = [_padded(m, r.label) for r in regions if r.label is not None]
    for key in keys:
        taken.append(key.swatch)
        taken += [Box(t.x, t.y - m.line / 2, m.width(t.text), m.line) for t in key.texts]
    out = {r.code: r for r in regions}
    middle = shapes().width / 2
    for side in (1.0, -1.0):
        group = [r for r in unnamed if (label_point(r.code)[0][0] > middle) == (side > 0)]
        # Where the column finds no place for all of them, the state farthest inland (whose
        # leader crosses most: Mississippi's east, over Alabama's code) stays unnamed, one
        # at a time, and the build names it (MapLayout.unnamed).
        group.sort(key=lambda r: (side * label_point(r.code)[0][0], r.code))
        while group:
            placed = _column(m, regions, group, side, taken, frame, box)
            if placed is not None:
                out.update(placed)
                break
            group = group[1:]
    return [out[r.code] for r in regions]


def _all_or_highlighted(regions: list[Region]) -> list[Region]:
    """Every state with a value named, or most of them (the build names the rest:
    :meth:`MapLayout.unnamed`), or else only the highlighted ones (the finding, outlined):
    a map that names a few of its states and not the others (a card's, whose codes are
    too large for most outlines) makes a reader wonder why those, and read them as the
    story. The legend and the alt text carry the rest."""
    valued = [r for r in regions if r.value is not None]
    if 2 * sum(r.label is not None for r in valued) > len(valued):
        return regions
    return [r if r.highlighted else replace(r, label=None) for r in regions]


def _column(m: _Measure, regions: list[Region], group: list[Region], side: float,
            taken: list[Box], frame: tuple[float, float, float],
            box: tuple[float, float]) -> dict[str, Region] | None:  # fmt: skip
    """The callouts of ``group`` in one column on ``side`` (1: east, -1: west) of the map
    (the boxes they take are added to ``taken``); ``None`` if it has no place within
    twelve ems of the coast."""
    import numpy as np

    unit, x0, y0 = frame
    width, height = box
    pad = _PAD * m.size
    bounds = np.array([[r.box.x, r.box.y, r.box.x + r.box.w, r.box.y + r.box.h]
                       for r in regions])  # fmt: skip
    states = [shapes().by_code[r.code] for r in regions]

    def over_map(spot: Box) -> bool:
        x_in = (bounds[:, 0] < spot.x + spot.w) & (spot.x < bounds[:, 2])
        near = np.nonzero(x_in & (bounds[:, 1] < spot.y + spot.h) & (spot.y < bounds[:, 3]))[0]
        return any(_over_state(states[k], spot, frame) for k in near)

    group = sorted(group, key=lambda r: (label_point(r.code)[0][1], r.code))
    anchors = [(x0 + unit * p[0], y0 + unit * p[1])
               for p in (label_point(r.code)[0] for r in group)]  # fmt: skip
    labels = [Label((r.code,), 0.0, 0.0, m.job.theme.theme.colors.text, r.highlighted)
              for r in group]  # fmt: skip
    sizes = [_padded_size(m, label) for label in labels]
    step = m.size / 4
    # The column's inner edge: clear of the coast at every state's own height.
    edge = []
    for (ax, ay), (w, h) in zip(anchors, sizes, strict=True):
        for k in range(4, 49):
            inner = ax + side * k * step
            if not over_map(Box(inner if side > 0 else inner - w, ay - h / 2, w, h)):
                edge.append(inner)
                break
        else:
            return None
    heights = [h for _, h in sizes]
    # Out from the coast a quarter em at a time, and at each step down or up by half an
    # em more at a time (by four at most: below the bulge of New England, or beside the
    # legend), until every label and leader is clear.
    for out, shift in _SHIFTS:
        inner = (max(edge) if side > 0 else min(edge)) + side * out * step
        wanted = [a[1] + shift * m.size for a in anchors]
        ys = spread(wanted, heights, 0.0, height)
        spots = [Box(inner if side > 0 else inner - w, y - h / 2, w, h)
                 for (w, h), y in zip(sizes, ys, strict=True)]  # fmt: skip
        # Each leader ends at the middle of its label's inner side: at a corner, a leader
        # between two labels of the column would point at both.
        ends = [(spot.x - pad if side > 0 else spot.x + spot.w + pad, spot.cy) for spot in spots]
        if all(
            Box(0.0, 0.0, width, height).holds(spot)
            and not any(spot.overlaps(b) for b in taken)
            and not any(_crosses(a, e, b) for b in taken)
            and not over_map(spot)
            for spot, a, e in zip(spots, anchors, ends, strict=True)
        ):
            taken += spots
            return {
                r.code: replace(r, label=replace(label, x=spot.cx, y=spot.cy, leader=(a, e)))
                for r, label, spot, a, e in zip(group, labels, spots, anchors, ends, strict=True)
            }
    return None


#: A callout column's tries (see :func:`_column`): (quarter ems out from the coast, ems
#: down, or up if negative), cheapest first: half an em down costs a quarter em out.
_SHIFTS = sorted(
    ((out, shift / 2) for out in range(24) for shift in range(-8, 9)),
    key=lambda t: (t[0] + 2 * abs(t[1]), abs(t[1]), t),
)


#: Ems of room on each side of a label: two labels stay 0.3 em apart (as across a
#: border), a label that clear of its state's edge, and a leader that short of its label.
_PAD = 0.15


def _padded_size(m: _Measure, label: Label) -> tuple[float, float]:
    pad = _PAD * m.size
    w = max(m.width(line, label.bold) for line in label.lines) + 2 * pad
    return w, m.height(len(label.lines)) + 2 * pad


def _padded(m: _Measure, label: Label) -> Box:
    w, h = _padded_size(m, label)
    return Box(label.x - w / 2, label.y - h / 2, w, h)


def _crosses(a: Point, b: Point, box: Box) -> bool:
    """Whether the segment from ``a`` to ``b`` passes through ``box`` (tested at 16 points)."""
    return any(
        box.x < a[0] + t * (b[0] - a[0]) < box.x + box.w
        and box.y < a[1] + t * (b[1] - a[1]) < box.y + box.h
        for t in (k / 15 for k in range(16))
    )


def _over_state(state: State, spot: Box, frame: tuple[float, float, float]) -> bool:
    """Whether ``spot`` (chart points) covers any of ``state``: a point of the box inside
    one of its rings, or a corner of a ring inside the box."""
    import numpy as np

    unit, x0, y0 = frame
    xs = np.linspace(spot.x, spot.x + spot.w, 5)
    ys = np.linspace(spot.y, spot.y + spot.h, 3)
    grid = np.column_stack([g.ravel() for g in np.meshgrid(xs, ys)])
    points = (grid - (x0, y0)) / unit
    for ring in state.paths:
        corners = np.asarray(ring)
        if inside_ring(corners, points).any():
            return True
        at = corners * unit + (x0, y0)
        if (((at[:, 0] > spot.x) & (at[:, 0] < spot.x + spot.w)
             & (at[:, 1] > spot.y) & (at[:, 1] < spot.y + spot.h)).any()):  # fmt: skip
            return True
    return False


#: Where a choropleth label may move to keep clear of another (see :func:`_apart`), in
#: its own (padded) widths and heights, nearest first: by quarters, up to two each way.
_NUDGES = sorted(
    ((dx / 4, dy / 4) for dx in range(-8, 9) for dy in range(-8, 9)),
    key=lambda d: (math.hypot(*d), d),
)
