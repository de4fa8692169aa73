"""Card text measurement: the fast paths give exactly what the plain ones would.

``wrap`` estimates most candidate lines from their words instead of measuring them, ``fit``
balances only the sizes that fit,
``ink_fits`` estimates a big number's ink from one drawing, and ``ink`` reads the glyph
mask instead of drawing it; each must agree with the slow, obvious way on every bundled
font, including Roboto, which kerns across spaces.
"""

from __future__ import annotations

import functools
import random
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PIL import Image, ImageDraw

from deckgen.layout import text as text_module
from deckgen.layout.text import CARD, greedy_wrap, ink, ink_fits
from deckgen.layout.text import ink_height as tight_height
from deckgen.layout.text import ink_width as tight_width
from deckgen.layout.units import Px
from deckgen.theming.fonts import BUNDLED, _bundled_file, pil_font

if TYPE_CHECKING:
    from collections.abc import Iterator

FONTS = sorted(
    {Path(str(_bundled_file(pkg, name))) for pkg, *names in BUNDLED.values() for name in names}
)
WORDS = [
    "China",
    "now",
    "builds",
    "nearly",
    "a",
    "third",
    "of",
    "the",
    "world's",
    "vehicles,",
    "up",
    "from",
    "5.2M",
    "in",
    "2004.",
    "AT&T",
    "TT",
    "T.",
    "Tom",
    "WAVE",
    "“Quote”",
    "—",
    "Laredo's",
    "port:",
    "$143B",
    "($2.1T)",
    "67%",
    "of",
    "Americans",
    "say",
    "supercalifragilisticexpialidocious",
    "Y.T.",
    "Av.",
    "Wa",
    "Te",
    "To",
]


width = text_module._width


def wrap(text: str, font: Path, size: int, max_width: int) -> list[str]:
    return text_module._wrap(text, font, size, max_width)


def block_height(font: Path, size: int, lines: int, spacing: float) -> int:
    return CARD.block_height(font, Px(size), lines, spacing).px


def fit(text: str, font: Path, **kw: object) -> object:
    fitted = CARD.fit(
        text, font, width=Px(kw["max_width"]), height=Px(kw["max_height"]),  # type: ignore[arg-type]
        max_size=Px(kw["max_size"]), min_size=Px(kw["min_size"]),  # type: ignore[arg-type]
        spacing=kw["spacing"], max_lines=kw["max_lines"], balance=True,  # type: ignore[arg-type]
    )  # fmt: skip
    if fitted is None:
        return None
    return type("F", (), {"size": fitted.size.px, "lines": fitted.lines,
                          "width": fitted.width.px, "height": fitted.height.px})  # fmt: skip


def _slow_wrap(text: str, font: Path, size: int, max_width: int) -> list[str]:
    return greedy_wrap(text.strip(), lambda line: width(line, font, size), max_width)


@pytest.mark.parametrize("font", FONTS, ids=lambda f: f.name)
def test_wrap_gives_the_lines_of_measuring_every_candidate(font: Path) -> None:
    rng = random.Random(font.name)
    for _ in range(150):
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 40)))
        if rng.random() < 0.2:
            text = text.replace(" ", "\n", 1)
        size, max_width = rng.randint(10, 160), rng.randint(40, 1100)
        assert wrap(text, font, size, max_width) == _slow_wrap(text, font, size, max_width)


def test_wrap_gives_the_lines_of_measuring_every_candidate_in_chinese_and_japanese() -> None:
    """Chinese and Japanese break between characters with no space put in: the estimate
    from each piece's width must agree with measuring every candidate line there too."""
    rng = random.Random(7)
    font = FONTS[0]
    text = "中国汽车工业是国民经济的重要支柱产业，日本の自動車産業は経済の柱であり、EVs 2024 年。"
    for _ in range(60):
        size, max_width = rng.randint(10, 120), rng.randint(60, 900)
        assert wrap(text, font, size, max_width) == _slow_wrap(text, font, size, max_width)


@pytest.fixture
def basic_layout(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Card text measured with Pillow's basic layout (no Raqm, as on a machine without
    libraqm): whole-pixel advances, so the estimates need more slack."""
    from PIL import ImageFont

    caches = (text_module._em, text_module._paragraphs, text_module._per_char_slack,
              text_module._width)  # fmt: skip

    @functools.lru_cache(maxsize=256)
    def basic(path: Path, pixels: int) -> ImageFont.FreeTypeFont:
        return ImageFont.truetype(str(path), pixels, layout_engine=ImageFont.Layout.BASIC)

    for cache in caches:
        cache.cache_clear()
    monkeypatch.setattr(text_module, "pil_font", basic)
    yield
    monkeypatch.undo()
    for cache in caches:
        cache.cache_clear()


@pytest.mark.parametrize("font", FONTS[::3], ids=lambda f: f.name)
def test_wrap_with_pillows_basic_layout_too(font: Path, basic_layout: None) -> None:
    assert text_module._per_char_slack(font) == text_module._SLACK_PX_PER_CHAR["basic"]
    rng = random.Random(font.name)
    for _ in range(100):
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 30)))
        size, max_width = rng.randint(10, 120), rng.randint(40, 900)
        assert wrap(text, font, size, max_width) == _slow_wrap(text, font, size, max_width)


@pytest.mark.parametrize("font", FONTS, ids=lambda f: f.name)
def test_wrap_at_every_width_near_a_kerned_line(font: Path) -> None:
    """Widths right at a line's measured width are where an estimate could go wrong."""
    text = "TT T. AT&T T T Tom WAVE To Te"
    size = 64
    for cut in range(1, len(text.split()) + 1):
        exact = width(" ".join(text.split()[:cut]), font, size)
        for max_width in range(exact - 3, exact + 4):
            assert wrap(text, font, size, max_width) == _slow_wrap(text, font, size, max_width)


def _slow_fit(text: str, font: Path, **kw: object) -> tuple | None:
    """``fit`` as first written: balance every size tried, measure every candidate line."""

    def narrowest(text: str, size: int, max_width: int, count: int) -> int:
        lo, hi = max_width // 2, max_width
        while lo < hi:
            mid = (lo + hi) // 2
            if len(_slow_wrap(text, font, size, mid)) <= count:
                hi = mid
            else:
                lo = mid + 1
        return hi

    def balanced(size: int, max_width: int) -> list[str]:
        # The narrowest lines, unless a wrap of as many at a width up to max_width (of the
        # text, or of it with its preferred breaks held) splits fewer numbers from their
        # words, or as many and has fewer typographic faults (hollow lines too).
        lines = _slow_wrap(text, font, size, max_width)
        if len(lines) < 2:
            return lines
        best = None
        for rank, variant in enumerate(text_module._variants(text)):
            if len(_slow_wrap(variant, font, size, max_width)) != len(lines):
                continue
            at, order = narrowest(variant, size, max_width, len(lines)), 0
            while at <= max_width:
                found = _slow_wrap(variant, font, size, at)
                ends = [False] * (len(found) - 1) + [True]
                widest = max(width(line, font, size) for line in found)
                if len(found) == len(lines) and widest <= max_width:
                    widths = [width(line, font, size) for line in found]
                    cost = text_module._faults(found, ends, None) + (
                        text_module._COST_HOLLOW * text_module._hollow(widths, ends)
                    )
                    key = (text_module._numbers_split(found, ends), cost, rank, order)
                    best = min(best or (key, found), (key, found))
                    order += 1
                # The next width at which a line takes the next piece.
                parts, spaced = text_module.pieces(variant)
                start, wider = 0, []
                for line in found[:-1]:
                    end = start + 1
                    while text_module._joined(parts[start:end], spaced[start:end]) != line:
                        end += 1
                    joined = text_module._joined(parts[start : end + 1], spaced[start : end + 1])
                    wider.append(width(joined, font, size))
                    start = end
                at = max(at + 1, min(wider, default=max_width + 1))
        return best[1] if best else lines

    def attempt(size: int) -> tuple | None:
        lines = balanced(size, kw["max_width"])
        widest = max(width(line, font, size) for line in lines)
        height = block_height(font, size, len(lines), kw["spacing"])
        many = kw["max_lines"] is not None and len(lines) > kw["max_lines"]
        ok = widest <= kw["max_width"] and height <= kw["max_height"] and not many
        return (size, tuple(lines), widest, height) if ok else None

    # A floor above the ceiling is tried alone.
    best = attempt(kw["min_size"])
    lo, hi = kw["min_size"], max(kw["max_size"], kw["min_size"])
    while best and lo < hi:
        mid = (lo + hi + 1) // 2
        found = attempt(mid)
        best, lo, hi = (found, mid, hi) if found else (best, lo, mid - 1)

    def flaws(lines: tuple[str, ...]) -> tuple[int, int]:
        ends = [False] * (len(lines) - 1) + [True]
        return text_module._numbers_split(list(lines), ends), text_module._lone_lines(lines, ends)

    # Lines that split a number from its word, or leave a word alone on a line: set a
    # little smaller where that keeps it (and splits no number).
    if best and any(flaws(best[1])):
        size, (split, lone) = best[0], flaws(best[1])
        floor = max(kw["min_size"], size * (1 - text_module._NUMBER_SHRINK))
        for smaller in sorted({round(size - (size - floor) * k / 8) for k in range(1, 9)},
                              reverse=True):  # fmt: skip
            found = attempt(smaller) if kw["min_size"] <= smaller < size else None
            if found and len(found[1]) <= len(best[1]):
                now_split, now_lone = flaws(found[1])
                if not now_split and (split or now_lone < lone):
                    return found
    return best


@pytest.mark.parametrize("font", FONTS[:4], ids=lambda f: f.name)
def test_fit_gives_what_balancing_every_size_would(font: Path) -> None:
    rng = random.Random(font.name)
    for _ in range(60):
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 25)))
        kw = {
            "max_width": rng.randint(120, 1000),
            "max_height": rng.randint(40, 700),
            "max_size": rng.randint(20, 110),
            "min_size": rng.randint(12, 40),
            "spacing": rng.choice([1.0, 1.15]),
            "max_lines": rng.choice([None, 1, 2, 4]),
        }
        got = fit(text, font, **kw)  # type: ignore[arg-type]
        expected = _slow_fit(text, font, **kw)
        assert (got and (got.size, got.lines, got.width, got.height)) == expected, (text, kw)


def _drawn_ink(text: str, font: Path, size: int) -> tuple[int, int, int, int]:
    face = pil_font(font, size)
    left, top, right, bottom = face.getbbox(text, anchor="la")
    pad = size // 4 + 2
    x0, y0 = pad - min(left, 0), pad - min(top, 0)
    image = Image.new("L", (right - min(left, 0) + 2 * pad, bottom - min(top, 0) + 2 * pad))
    ImageDraw.Draw(image).text((x0, y0), text, font=face, fill=255, anchor="la")
    box = image.getbbox() or (x0, y0, x0, y0)
    return box[0] - x0, box[1] - y0, box[2] - x0, box[3] - y0


@pytest.mark.parametrize("font", FONTS, ids=lambda f: f.name)
def test_ink_is_the_box_of_the_drawn_pixels(font: Path) -> None:
    for text in ("30.2M", "$143B", "67%", "“", "1 in 3", "Jy,", " "):
        for size in (24, 97, 180, 333):
            assert ink(text, font, size) == _drawn_ink(text, font, size), (text, size)


@pytest.mark.parametrize("font", FONTS, ids=lambda f: f.name)
def test_ink_fits_decides_as_the_drawn_ink_would(font: Path) -> None:
    """Limits right around the real ink at many sizes (where an estimate could go wrong),
    and far from it (where no drawing at that size is needed)."""
    for text in ("30.2M", "$143B", "67%", "1 in 3"):
        for size in range(40, 420, 23):
            w, h = tight_width(text, font, size), tight_height(text, font, size)
            for dw in (-300, -4, -2, -1, 0, 1, 2, 4, 300):
                for dh in (-200, -3, 0, 3, 10_000):
                    fits = dw >= 0 and dh >= 0
                    assert ink_fits(text, font, size, w + dw, h + dh) == fits, (text, size)
