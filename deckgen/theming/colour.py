"""Colour arithmetic for themes: contrast, mixing, and the chart palette derived from a
theme's brand colours.

Every mark a chart draws keeps at least 3:1 against its background and every text 4.5:1
(WCAG 2.2, 1.4.11 and 1.4.3). A theme states its brand colours; :func:`settle` derives
what it does not state (the categorical set) and moves any colour that misses its ratio
just far enough in lightness to meet it, recording each move so ``deckgen check`` can say
so. The categorical set is the primary colour, then colours from around the colour wheel
(away from the highlight's hue), picked so that every pair stays apart for readers with
each common colour-vision deficiency (simulated in CAM02-UCS, as ``deckgen check``
measures them).
"""

from __future__ import annotations

import colorsys
import functools
import math
from typing import TYPE_CHECKING

from deckgen.search import threshold

if TYPE_CHECKING:
    import numpy as np

#: WCAG minimums: graphical marks (bars, lines, slices) and text.
MARK = 3.0
TEXT = 4.5
#: How many colours a derived categorical set starts with: the brand's first six, picked
#: with a hue of their own where the wheel has room.
CATEGORICAL = 6
#: How many it may have: past the sixth, more are derived for a chart of more series (six
#: wrapped round, and a seventh series took the first one's colour, found by fuzzing), as
#: long as each stays :data:`DISTINGUISHABLE` from every other for every simulated reader.
#: A chart of more series repeats colours, and ``deckgen check`` names them (A11Y007).
LONGEST = 12
#: Below this CAM02-UCS distance (in any simulation) two colours read as one.
DISTINGUISHABLE = 10.0
#: Colour-vision deficiencies simulated (colorspacious, severity 100).
CVD = ("deuteranomaly", "protanomaly", "tritanomaly")


def rgb(colour: str) -> tuple[float, float, float]:
    """'#RRGGBB' as three channels in 0..1."""
    return (int(colour[1:3], 16) / 255, int(colour[3:5], 16) / 255, int(colour[5:7], 16) / 255)


def apart(a: str, b: str) -> float:
    """How far apart two colours look (CAM02-UCS distance, normal vision): under
    :data:`DISTINGUISHABLE` they read as one."""
    from colorspacious import deltaE

    return float(deltaE(rgb(a), rgb(b), input_space="sRGB1"))


def to_hex(channels: tuple[float, float, float] | list[float]) -> str:
    return "#" + "".join(f"{round(min(max(c, 0.0), 1.0) * 255):02X}" for c in channels)


def luminance(colour: str) -> float:
    """WCAG relative luminance."""
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb(colour)]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def luminances(channels: np.ndarray) -> np.ndarray:
    """WCAG relative luminance of many colours at once (``channels``: ... x 3, in 0..1)."""
    import numpy as np

    linear = np.where(channels <= 0.04045, channels / 12.92, ((channels + 0.055) / 1.055) ** 2.4)
    return linear @ np.array([0.2126, 0.7152, 0.0722])


def ratios(luminances_: np.ndarray, against: float) -> np.ndarray:
    """WCAG contrast of colours of ``luminances_`` against one of luminance ``against``."""
    import numpy as np

    return (np.maximum(luminances_, against) + 0.05) / (np.minimum(luminances_, against) + 0.05)


def text_on(fill: str, text: str, background: str) -> str:
    """What text on ``fill`` is drawn in: ``text`` or ``background``, whichever contrasts
    more, or black or white where neither reaches 4.5:1 (a mid-tone fill, or a mid-grey
    background)."""
    best = max((text, background), key=lambda c: contrast(c, fill))
    if contrast(best, fill) >= TEXT:
        return best
    return max(("#000000", "#FFFFFF"), key=lambda c: contrast(c, fill))


@functools.lru_cache(maxsize=256)
def text_fills(fills: tuple[str, ...], text: str, background: str) -> tuple[str, ...]:
    """Fills that carry text (a stack's segments or bands, in the order they touch), each
    one on which the theme's text or background colour reads at 4.5:1 (:func:`text_on`
    then takes it): as given where one does, else moved the least in lightness (darker
    under a light text colour, lighter under a dark one) until one does, still 3:1 on the
    background, the way that leaves it :data:`DISTINGUISHABLE` from the fills it touches
    where only one does; each with a code to spare (:func:`holds`). A grey midway between
    the two (corporate's 3.8:1 white and 4.1:1 navy on #7A8391) had its value in black, a
    colour of no theme (found by review). A fill neither way reaches 4.5:1 on stays as
    given (black or white text, :func:`text_on`)."""
    out = list(fills)
    for k, fill in enumerate(fills):
        if holds(fill, text, TEXT) or holds(fill, background, TEXT):
            continue
        ways = sorted((w for w in (_reads_on(fill, ink) for ink in (text, background))
                       if w is not None and holds(w, background, MARK)),
                      key=lambda w: apart(fill, w))  # fmt: skip
        touching = out[max(k - 1, 0) : k] + list(fills[k + 1 : k + 2])

        def told_apart(way: str, touching: list[str] = touching) -> float:
            return min([DISTINGUISHABLE, *(apart(way, t) for t in touching)])

        if ways:  # the nearest of those told apart from both neighbours, else the farthest
            out[k] = max(ways, key=told_apart)
    return tuple(out)


def _reads_on(fill: str, ink: str) -> str | None:
    """``fill`` moved the least way away from ``ink`` (towards black or white) for ``ink``
    to read on it at 4.5:1 with a code to spare (:func:`holds`); ``None`` if none does."""
    away = "#000000" if luminance(ink) > luminance(fill) else "#FFFFFF"
    if not holds(away, ink, TEXT):
        return None
    return mix(fill, away, threshold(lambda t: holds(mix(fill, away, t), ink, TEXT), 0.0, 1.0, 20))


def holds(colour: str, against: str, ratio: float, codes: int = 1) -> bool:
    """Whether ``colour`` reaches ``ratio`` against ``against`` with a code to spare: also
    with each channel one step (of 255; ``codes`` steps) nearer ``against``'s, as a
    picture's colours come back from a PDF or a resampled page. A map's lightest class
    drawn at 3.01:1 on white (#7B97B9) measured #7B98BA, 2.98:1, on the rendered slide
    (found by review)."""
    near = "#" + "".join(
        f"{c + min(codes, abs(d - c)) * ((d > c) - (d < c)):02X}"
        for c, d in zip(*(bytes.fromhex(x[1:]) for x in (colour, against)), strict=True)
    )
    return contrast(colour, against) >= ratio and contrast(near, against) >= ratio


def contrast(a: str, b: str) -> float:
    """WCAG 2.2 contrast ratio of two colours (1..21)."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def mix(colour: str, other: str, amount: float) -> str:
    """``colour`` moved ``amount`` (0..1) of the way towards ``other``."""
    a, b = rgb(colour), rgb(other)
    return to_hex([x + (y - x) * amount for x, y in zip(a, b, strict=True)])


#: How many codes (of 255, per channel) a picture's colour may come back off from the PDF
#: a deck is rendered through: LibreOffice dithers a picture's flat fills, the dark theme's
#: context grey #60656D (3.01:1) into #5F636C and #60646D on a ground of #14171E and
#: #15181F, 2.95:1 where they meet (found by review).
DRIFT = 2


def legible(colour: str, against: str, ratio: float, *, spare: bool = False) -> str:
    """``colour``, or the nearest colour of its hue (lighter or darker, whichever way
    leaves ``against``) with at least ``ratio`` contrast against ``against``; ``spare``:
    still with each channel :data:`DRIFT` codes nearer (:func:`holds`), for a colour
    deckgen derives (no theme states it) that must keep its ratio on the rendered page."""

    def enough(candidate: str) -> bool:
        if spare:
            return holds(candidate, against, ratio, DRIFT)
        return contrast(candidate, against) >= ratio

    if enough(colour):
        return colour
    away = "#000000" if luminance(against) > 0.18 else "#FFFFFF"
    # The smallest step towards black (or white) that is enough.
    return mix(colour, away, threshold(lambda t: enough(mix(colour, away, t)), 0.0, 1.0, 20))


#: The lightness (CIELAB L*) of a derived chart colour: none so dark that it reads as black
#: (or as a dark primary) in a thin bar, none so light that it fades into white.
LIGHTNESS = (30.0, 85.0)
#: A derived colour's hue stays this far (degrees) from the highlight's, which stays the
#: one accent: a wine red beside a red highlight would read as a second one.
AWAY_FROM_HIGHLIGHT = 45.0
#: Two chart colours' hues (CAM02-UCS, as seen without a deficiency) stay this far apart
#: (degrees) while the wheel has room: a lavender and a violet, or two teals a lightness
#: step apart, are far apart for every simulated reader, yet read as one family to most.
HUE_GAP = 40.0
#: Under this CAM02-UCS colourfulness (a', b' from the grey axis) a colour is a grey.
GREY = 5.0


@functools.lru_cache(maxsize=64)
def derive_categorical(primary: str, highlight: str, background: str, count: int = LONGEST,
                       given: tuple[str, ...] = ()) -> tuple[str, ...]:  # fmt: skip
    """Up to ``count`` chart colours from the brand: the primary colour first (or the
    colours ``given``, a theme's own shorter set), then colours from around the wheel, each
    at least 3:1 against the background and as far as possible, for every simulated reader,
    from the colours already chosen and from the highlight.

    None lies within :data:`AWAY_FROM_HIGHLIGHT` of the highlight's hue, or outside the
    :data:`LIGHTNESS` range (unless too few colours are left inside it, as on a mid-grey
    background). Tints and shades of the primary's neighbours alone, as before, gave five
    series a near-black navy beside a navy primary and two violets a step apart.

    The first :data:`CATEGORICAL` always come; after them, only colours every reader tells
    from all the others (so the set may end before ``count``), picked from a finer grid:
    the coarse one had no seventh or eighth colour left that was.
    """
    chosen = list(given) or [legible(primary, background, MARK)]
    first = min(count, CATEGORICAL)
    if len(chosen) < first:
        coarse = _candidates(primary, highlight, background, first, steps=24, levels=20,
                             saturations=(1.0, 0.6))  # fmt: skip
        chosen = _spread(chosen, coarse, highlight, first, apart_only=False)
    if len(chosen) < count:
        fine = _candidates(primary, highlight, background, 0, steps=72, levels=40,
                           saturations=(1.0, 0.8, 0.6, 0.45, 0.3))  # fmt: skip
        chosen = _spread(chosen, fine, highlight, count, apart_only=True)
    return tuple(chosen)


def _candidates(primary: str, highlight: str, background: str, count: int, *, steps: int,
                levels: int, saturations: tuple[float, ...]) -> np.ndarray:  # fmt: skip
    """Colours to pick chart colours from (N x 3 channel codes, 0 to 255): ``steps`` hues
    round the wheel from the primary's (none near the highlight's), at ``levels``
    lightnesses and the primary's saturation times each of ``saturations``, each 3:1 on the
    background; those inside :data:`LIGHTNESS` if at least ``count`` are (``count`` 0:
    only those). Computed as arrays, in the order the loops over hue, lightness and
    saturation would give: the fine grid's 14,400 colours one by one took 80 ms of every
    theme's loading (measured), and written out as '#RRGGBB' and read back, 15 ms."""
    import numpy as np
    from colorspacious import cspace_convert

    hue, _, sat = colorsys.rgb_to_hls(*rgb(primary))
    sat = max(sat, 0.35)  # a grey primary still gives a usable set
    accent_hue, _, accent_sat = colorsys.rgb_to_hls(*rgb(highlight))
    shifted = np.array([(hue + step / steps) % 1 for step in range(steps)])
    apart = np.minimum(np.abs(shifted - accent_hue), 1 - np.abs(shifted - accent_hue)) * 360
    if accent_sat >= 0.15:  # a grey has no hue to avoid
        shifted = shifted[apart >= AWAY_FROM_HIGHLIGHT]
    grid = np.meshgrid(shifted, np.linspace(0.05, 0.95, levels),
                       [min(sat * share, 1.0) for share in saturations], indexing="ij")  # fmt: skip
    h, light, s = (axis.ravel() for axis in grid)
    codes = np.rint(np.clip(_hls_to_rgb(h, light, s), 0.0, 1.0) * 255).astype(np.int64)
    ok = ratios(luminances(codes / 255), luminance(background)) >= MARK
    codes = codes[ok]
    _, first = np.unique(codes, axis=0, return_index=True)
    codes = codes[np.sort(first)]  # each colour once, where the loops first met it
    if not len(codes):
        return codes
    lightness = cspace_convert(codes / 255, "sRGB1", "CIELab")[:, 0]
    inside = codes[(LIGHTNESS[0] <= lightness) & (lightness <= LIGHTNESS[1])]
    return inside if len(inside) >= count else codes


def _hls_to_rgb(h: np.ndarray, light: np.ndarray, s: np.ndarray) -> np.ndarray:
    """:func:`colorsys.hls_to_rgb` over arrays (N x 3), with its operations in its order,
    so that every channel is the same float."""
    import numpy as np

    m2 = np.where(light <= 0.5, light * (1.0 + s), light + s - (light * s))
    m1 = 2.0 * light - m2

    def value(hue: np.ndarray) -> np.ndarray:
        hue = np.remainder(hue, 1.0)
        return np.select(
            [hue < 1 / 6, hue < 0.5, hue < 2 / 3],
            [m1 + (m2 - m1) * hue * 6.0, m2, m1 + (m2 - m1) * (2 / 3 - hue) * 6.0],
            m1,
        )

    out = np.stack([value(h + 1 / 3), value(h), value(h - 1 / 3)], axis=1)
    grey = s == 0.0
    out[grey] = light[grey, None]
    return out


def _spread(chosen: list[str], candidates: np.ndarray, highlight: str, count: int, *,
            apart_only: bool) -> list[str]:  # fmt: skip
    """``chosen`` and colours of ``candidates`` (channel codes, :func:`_candidates`) up to
    ``count``, each the farthest, for every simulated reader, from those before it and the
    highlight, of a hue of its own while any is left that is distinguishable too.
    ``apart_only``: stop rather than take one under :data:`DISTINGUISHABLE` from another."""
    import numpy as np
    from colorspacious import cspace_convert

    chosen = list(chosen)
    views = [None, *CVD]

    def seen(values: np.ndarray) -> list[np.ndarray]:
        out = []
        for cvd in views:
            space = "sRGB1" if cvd is None else {"name": "sRGB1+CVD", "cvd_type": cvd,
                                                   "severity": 100}  # fmt: skip
            simulated = values if cvd is None else cspace_convert(values, space, "sRGB1")
            out.append(cspace_convert(np.clip(simulated, 0, 1), "sRGB1", "CAM02-UCS"))
        return out

    if not len(candidates):
        return chosen
    # Each code over 255 is the channel rgb() reads from its '#RRGGBB': the same floats.
    pool = seen(candidates / 255)
    anchors = seen(np.array([rgb(c) for c in [*chosen, highlight]]))
    # The smallest distance from each candidate to anything chosen (and the highlight),
    # over every simulated reader; greedily take the farthest (farthest-point sampling),
    # among those of a hue of their own while any is left that is distinguishable too.
    nearest = np.full(len(candidates), math.inf)
    for view, anchor in zip(pool, anchors, strict=True):
        for point in anchor:
            nearest = np.minimum(nearest, np.linalg.norm(view - point, axis=1))
    # Hues as seen without a deficiency (degrees, from CAM02-UCS a' and b'), and how far
    # each candidate's is from the nearest chosen one's.
    hues = np.degrees(np.arctan2(pool[0][:, 2], pool[0][:, 1])) % 360
    gap = np.full(len(candidates), 180.0)
    for point in anchors[0][:-1]:  # the colours chosen, not the highlight
        if math.hypot(point[1], point[2]) < GREY:
            continue  # a grey has no hue to keep away from
        taken = float(np.degrees(np.arctan2(point[2], point[1])) % 360)
        gap = np.minimum(gap, _hues_apart(hues, taken))
    while len(chosen) < count:
        # The widest gap the wheel still has room for: a sixth colour may have to sit
        # closer to its neighbours than a second, but not on one of them.
        own = np.zeros(len(candidates), dtype=bool)
        for need in (HUE_GAP, HUE_GAP * 0.75, HUE_GAP * 0.5):
            own = (gap >= need) & (nearest >= DISTINGUISHABLE)
            if own.any():
                break
        best = int(np.argmax(np.where(own, nearest, -math.inf) if own.any() else nearest))
        if not math.isfinite(nearest[best]) or nearest[best] <= 0:
            break
        if apart_only and nearest[best] < DISTINGUISHABLE:
            break
        chosen.append("#{:02X}{:02X}{:02X}".format(*candidates[best].tolist()))
        gap = np.minimum(gap, _hues_apart(hues, float(hues[best])))
        for view in pool:
            nearest = np.minimum(nearest, np.linalg.norm(view - view[best], axis=1))
    return chosen


def _hues_apart(hues: np.ndarray | float, hue: float) -> np.ndarray:
    """How far round the wheel (degrees) each of ``hues`` is from ``hue`` (hues within a
    turn of each other)."""
    import numpy as np

    apart = np.abs(hues - hue)
    return np.minimum(apart, 360 - apart)


#: Which colours must meet which ratio against which: (colour, ratio, backgrounds).
#: In this order: a colour is settled against grounds already settled (the primary moves
#: for 3:1 before the text on it is held to 4.5:1 against where it ends up).
_RULES: tuple[tuple[str, float, tuple[str, ...]], ...] = (
    ("text", TEXT, ("background", "surface")),
    ("muted", TEXT, ("background", "surface")),
    ("primary", MARK, ("background",)),
    ("on_primary", TEXT, ("primary",)),
    ("highlight", MARK, ("background",)),
    ("neutral", MARK, ("background",)),
    ("increase", MARK, ("background",)),
    ("decrease", MARK, ("background",)),
)


#: Rise and fall when the theme does not say, each in order of preference: Okabe-Ito's
#: colour-blind-safe bluish green and vermillion first, then the next of that set (and
#: Tol's wine) for a theme whose highlight is too like one of them.
INCREASES = ("#009E73", "#0072B2", "#56B4E9", "#44AA99")
DECREASES = ("#D55E00", "#CC79A7", "#882255", "#7B3294", "#0072B2")
#: How far (CAM02-UCS, normal vision) a change colour stays from the highlight, which must
#: read as the one accent, not merely as another colour (:data:`DISTINGUISHABLE`, which it
#: must also keep for every simulated reader).
FROM_ACCENT = 2 * DISTINGUISHABLE


def seen_apart(a: str, b: str) -> float:
    """How far apart two colours look to the reader who sees them closest: normal vision
    and each simulated deficiency (:data:`CVD`), in CAM02-UCS."""
    return seen_by(a, b)[0]


def seen_by(a: str, b: str) -> tuple[float, str | None]:
    """:func:`seen_apart`, and who sees the two closest: ``None`` for normal vision, else
    the deficiency of :data:`CVD` (so a message can name the reader)."""
    import numpy as np
    from colorspacious import cspace_convert

    values = np.array([rgb(a), rgb(b)])
    out: list[tuple[float, str | None]] = [(apart(a, b), None)]
    for cvd in CVD:
        space = {"name": "sRGB1+CVD", "cvd_type": cvd, "severity": 100}
        simulated = np.clip(cspace_convert(values, space, "sRGB1"), 0, 1)
        ucs = cspace_convert(simulated, "sRGB1", "CAM02-UCS")
        out.append((float(np.linalg.norm(ucs[0] - ucs[1])), cvd))
    return min(out, key=lambda found: found[0])


def like_accent(colour: str, highlight: str) -> bool:
    """Whether a change colour (an increase, a decrease) would pass for the highlight: the
    corporate-template theme's decrease, vermillion #D45D00 beside its orange #E07A1F
    (distance 8.5), made every falling row of an arrow plot look highlighted (review). So
    does one of the highlight's hue however far in lightness, as a derived chart colour
    may not be (:data:`AWAY_FROM_HIGHLIGHT`): the dark theme's vermillion, 21 from its
    amber, drew six falling rows of an arrow plot in the accent (design review)."""
    if apart(colour, highlight) < FROM_ACCENT or seen_apart(colour, highlight) < DISTINGUISHABLE:
        return True
    from colorspacious import cspace_convert

    hues = []
    for c in (colour, highlight):
        _, a, b = cspace_convert(rgb(c), "sRGB1", "CAM02-UCS")
        if math.hypot(a, b) < GREY:
            return False  # a grey has no hue to share
        hues.append(math.degrees(math.atan2(b, a)))
    return float(_hues_apart(hues[0], hues[1])) < AWAY_FROM_HIGHLIGHT


def direction_pair(highlight: str, background: str, increase: str | None = None,
                   decrease: str | None = None) -> tuple[str, str]:  # fmt: skip
    """(increase, decrease), each 3:1 on ``background``: the theme's own where it gives
    one, else the first of :data:`INCREASES` / :data:`DECREASES` that does not pass for
    ``highlight`` (:func:`like_accent`), nor does as text (brought to 4.5:1: an arrow
    plot's change column), and that every reader tells from the other."""

    def pick(options: tuple[str, ...], other: str | None) -> str:
        fits = [legible(c, background, MARK) for c in options]
        for colour in fits:
            if any(like_accent(c, highlight) for c in (colour, legible(colour, background, TEXT))):
                continue
            if other is None or seen_apart(colour, other) >= DISTINGUISHABLE:
                return colour
        return fits[0]  # nothing left to try: the usual colour

    up = increase or pick(INCREASES, decrease and legible(decrease, background, MARK))
    down = decrease or pick(DECREASES, legible(up, background, MARK))
    return up, down


def settle(colors: dict[str, object]) -> tuple[dict[str, object], dict[str, str]]:
    """A theme's colours with the categorical set derived (when the theme gives none) and
    every colour moved, if it must be, to meet its ratio; and what moved, in words."""
    out = dict(colors)
    moved: dict[str, str] = {}

    def settle_one(name: str, colour: str, ratio: float, grounds: tuple[str, ...]) -> str:
        fixed = colour
        for ground in grounds:
            fixed = legible(fixed, str(out[ground]), ratio)
        # Moved for the second ground, it may have left the first: one grey was said to be
        # 4.5:1 on a white background and a dark surface, and was 3.5:1 on the white
        # (found by fuzzing). Then the other order, and where neither holds, no colour of
        # its hue reads on both: said, not claimed.
        if min(contrast(fixed, str(out[g])) for g in grounds) < ratio:
            fixed = colour
            for ground in reversed(grounds):
                fixed = legible(fixed, str(out[ground]), ratio)
        if (low := min(contrast(fixed, str(out[g])) for g in grounds)) < ratio:
            apart = contrast(str(out[grounds[0]]), str(out[grounds[-1]]))
            raise ValueError(
                f"no {name} colour reads at {ratio:g}:1 on both the "
                f"{' and the '.join(f'{g} ({out[g]})' for g in grounds)}: one is light and "
                f"the other dark, {apart:.1f}:1 apart, so a colour dark enough for the one is "
                f"too dark for the other (the nearest, {fixed}, reaches {low:.1f}:1); make "
                f"them alike (a light surface on a light background, or a dark one on a dark "
                f"one)"
            )
        if fixed != colour:
            before = min(contrast(colour, str(out[g])) for g in grounds)
            moved[name] = (f"for contrast, {colour} -> {fixed} ({before:.1f}:1 -> "
                           f"{ratio:g}:1 against {' and '.join(grounds)})")  # fmt: skip
        return fixed

    # The one accent must stand out from what every chart draws beside it: the neutral of
    # context bars and lines, and the primary of a grouped chart's last series, a
    # waterfall's totals and a map's ramp. A highlight equal to the primary drew a grouped
    # chart's highlighted group, and a map's highlighted state, as like as not (fuzzing).
    # Only as everyone sees them: a pair a colour-blind reader confuses (a crimson beside
    # a green) is deckgen check's warning (A11Y004), not a theme refused.
    for name in ("primary", "neutral"):
        other, accent = str(out[name]), str(out["highlight"])
        if apart(other, accent) < FROM_ACCENT:
            raise ValueError(
                f"the highlight {accent} passes for the {name} colour {other} (colour "
                f"distance {apart(other, accent):.1f}, {FROM_ACCENT:g} at least): a "
                f"highlighted bar, line or state would not stand out; choose a highlight of "
                f"another hue than the {name}, as the shipped themes do (corporate: a "
                f"crimson highlight beside a navy primary and a grey neutral)"
            )
    given_up, given_down = out.get("increase"), out.get("decrease")
    out["increase"] = given_up or INCREASES[0]  # placeholders: chosen once the rest settle
    out["decrease"] = given_down or DECREASES[0]
    for name, ratio, grounds in _RULES:
        out[name] = settle_one(name, str(out[name]), ratio, grounds)
    # Rise and fall: the colour-blind-safe pair of the Okabe-Ito set unless the theme says,
    # unless one of them would pass for the highlight (then the next of the set).
    # A theme's own rise or fall colour that passes for the highlight is replaced, and said:
    # a decrease equal to the highlight drew a waterfall's falls in another colour without
    # a word, and an arrow plot's falls as highlighted (found by fuzzing).
    highlight = str(out["highlight"])
    clashes = {
        name: str(out[name])
        for name, given in (("increase", given_up), ("decrease", given_down))
        if given and like_accent(str(out[name]), highlight)
    }
    out["increase"], out["decrease"] = direction_pair(
        highlight, str(out["background"]),
        None if "increase" in clashes or not given_up else str(out["increase"]),
        None if "decrease" in clashes or not given_down else str(out["decrease"]),
    )  # fmt: skip
    for name, colour in clashes.items():
        moved[name] = (f"away from the highlight, {colour} -> {out[name]} (it passes for it: "
                       f"{'a rise' if name == 'increase' else 'a fall'} would read as "
                       "highlighted)")  # fmt: skip
    # Text in the accent: the theme's own colour is held to the text ratio like any other;
    # one left out is derived from the highlight, which need only be a mark (no warning:
    # the theme asked for nothing that was moved).
    text_grounds = ("background", "surface")
    if out.get("highlight_text"):
        out["highlight_text"] = settle_one("highlight_text", str(out["highlight_text"]), TEXT,
                                           text_grounds)  # fmt: skip
    else:
        derived = str(out["highlight"])
        for ground in text_grounds:
            derived = legible(derived, str(out[ground]), TEXT)
        out["highlight_text"] = derived
    if not out.get("categorical"):
        out["categorical"] = list(derive_categorical(str(out["primary"]), str(out["highlight"]),
                                                     str(out["background"])))  # fmt: skip
    else:
        given: list[str] = list(out["categorical"])  # type: ignore[call-overload]
        out["categorical"] = [settle_one(f"categorical[{i}]", c, MARK, ("background",))
                              for i, c in enumerate(given)]  # fmt: skip
        if len(given) < LONGEST:
            # A shorter set repeated its colours: with three, a chart's first and fourth
            # series were one colour (found by fuzzing). The rest are derived, as for a
            # theme that gives none (``deckgen check`` says where a chart uses them).
            kept: tuple[str, ...] = tuple(out["categorical"])  # type: ignore[arg-type]
            full = derive_categorical(str(out["primary"]), str(out["highlight"]),
                                      str(out["background"]), given=kept)  # fmt: skip
            out["categorical"] = list(full)
    return out, moved
