"""Text on cards, measured in pixels with the same font files and sizes it is drawn with.

A card is drawn with Pillow at integer pixel sizes, so text is measured at exactly those
sizes (no slack needed, unlike the deck, where PowerPoint lays text out again). The result
of fitting is a :class:`TextBlock`: lines, font, size, colour and the box the lines occupy,
which the renderer draws and the tests check against the safe area.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from deckgen.theming.fonts import pil_font

if TYPE_CHECKING:
    from pathlib import Path

Align = Literal["left", "center", "right"]


@dataclass(frozen=True)
class Box:
    """A rectangle in pixels: left, top, width, height."""

    x: int
    y: int
    w: int
    h: int

    @property
    def right(self) -> int:
        return self.x + self.w

    @property
    def bottom(self) -> int:
        return self.y + self.h

    def contains(self, other: Box) -> bool:
        return (
            other.x >= self.x
            and other.y >= self.y
            and other.right <= self.right
            and other.bottom <= self.bottom
        )


@dataclass(frozen=True)
class TextBlock:
    """Fitted lines of text and the box they occupy (ascender of the first line to the
    descender of the last, the widest line across)."""

    role: str
    lines: tuple[str, ...]
    font: Path
    size: int
    leading: int
    color: str
    box: Box
    align: Align = "left"
    #: Pixels from the box's top up to the first line's ascender line: positive for an
    #: ink-tight box (big numbers), whose glyphs start below the ascender.
    inset: int = 0
    #: Pixels from the first line's origin to the box's left edge (ink-tight boxes).
    indent: int = 0


@functools.lru_cache(maxsize=1 << 16)
def width(text: str, font: Path, size: int) -> int:
    """Advance width of one line in pixels, as Pillow draws it."""
    return math.ceil(pil_font(font, size).getlength(text))


def metrics(font: Path, size: int) -> tuple[int, int]:
    """Ascent and descent in pixels."""
    return pil_font(font, size).getmetrics()


def leading(font: Path, size: int, spacing: float) -> int:
    """Baseline-to-baseline distance in pixels."""
    ascent, descent = metrics(font, size)
    return round((ascent + descent) * spacing)


def block_height(font: Path, size: int, lines: int, spacing: float) -> int:
    ascent, descent = metrics(font, size)
    return (lines - 1) * leading(font, size, spacing) + ascent + descent if lines else 0


#: How far a line's width may be from its estimate (below), in em per space: kerning
#: across a space (the most in the bundled fonts is Roboto's 'T T', 0.06 em).
_SLACK_EM_PER_SPACE = 0.15
#: ... and in pixels per character: with Raqm, advances scale with the size (to 1/64 px);
#: Pillow's basic layout rounds every advance to a whole pixel.
_SLACK_PX_PER_CHAR = {"raqm": 0.05, "basic": 0.6}
_REFERENCE_PX = 1000


@functools.lru_cache(maxsize=1 << 16)
def _em(word: str, font: Path) -> float:
    """Advance width of ``word`` in em (measured once, at a large size)."""
    return pil_font(font, _REFERENCE_PX).getlength(word) / _REFERENCE_PX


@functools.lru_cache(maxsize=64)
def _per_char_slack(font: Path) -> float:
    from PIL import ImageFont

    raqm = pil_font(font, _REFERENCE_PX).layout_engine == ImageFont.Layout.RAQM
    return _SLACK_PX_PER_CHAR["raqm" if raqm else "basic"]


@functools.lru_cache(maxsize=1 << 12)
def _paragraphs(text: str, font: Path) -> tuple[tuple[tuple[str, ...], tuple[float, ...]], ...]:
    """``text``'s paragraphs as words and their widths in em."""
    out = []
    for paragraph in text.strip().split("\n"):
        words = tuple(paragraph.split())
        out.append((words, tuple(_em(w, font) for w in words)))
    return tuple(out)


def wrap(text: str, font: Path, size: int, max_width: int) -> list[str]:
    """Greedy word wrap in pixels; the same lines as
    :func:`deckgen.theming.text.greedy_wrap` measuring each candidate line with
    :func:`width`.

    Fitting wraps the same text at many sizes and widths, and measuring a whole line is
    the slow part; so a candidate line's width is first estimated from its words' widths
    in em (each measured once), and measured only when the estimate is too close to call.
    """
    space = _em(" ", font) * size
    per_space = _SLACK_EM_PER_SPACE * size
    per_char = _per_char_slack(font)
    lines: list[str] = []
    for words, ems in _paragraphs(text, font):
        if not words:
            lines.append("")
            continue
        start, estimate, chars = 0, ems[0] * size, len(words[0])
        for i in range(1, len(words)):
            length = ems[i] * size
            guess = estimate + space + length
            candidate_chars = chars + 1 + len(words[i])
            margin = per_space * (i - start) + per_char * candidate_chars + 1.0
            if guess + margin <= max_width:
                over = False
            elif guess - margin > max_width:
                over = True
            else:
                over = width(" ".join(words[start : i + 1]), font, size) > max_width
            if over:
                lines.append(" ".join(words[start:i]))
                start, estimate, chars = i, length, len(words[i])
            else:
                estimate, chars = guess, candidate_chars
        lines.append(" ".join(words[start:]))
    return lines


def balanced(text: str, font: Path, size: int, max_width: int) -> list[str]:
    """Wrap into as few lines as greedy wrapping needs, but with the lines as even as
    possible (no lone word on the last line of a headline)."""
    return _balance(text, font, size, max_width, wrap(text, font, size, max_width))


def _balance(text: str, font: Path, size: int, max_width: int, lines: list[str]) -> list[str]:
    """:func:`balanced`, given the greedy ``lines`` at ``max_width``. The narrowest width
    that gives no more lines; as many, as greedy wrapping gives the fewest lines there are
    (adding a word to a line only ever widens it)."""
    if len(lines) < 2:
        return lines
    lo, hi = max_width // 2, max_width
    while lo < hi:
        mid = (lo + hi) // 2
        if len(wrap(text, font, size, mid)) <= len(lines):
            hi = mid
        else:
            lo = mid + 1
    return wrap(text, font, size, hi)


@dataclass(frozen=True)
class Fitted:
    size: int
    lines: tuple[str, ...]
    width: int
    height: int


def fit(
    text: str,
    font: Path,
    *,
    max_width: int,
    max_height: int,
    max_size: int,
    min_size: int,
    spacing: float = 1.0,
    max_lines: int | None = None,
    balance: bool = True,
) -> Fitted | None:
    """The largest pixel size from ``max_size`` down to ``min_size`` at which ``text`` fits
    ``max_width`` x ``max_height`` in at most ``max_lines`` lines; ``None`` if none does.

    Binary search: fitting is monotonic in size except at rare wrap boundaries, and a size
    is only ever returned after it has been checked to fit.
    """

    def attempt(size: int) -> Fitted | None:
        lines = wrap(text, font, size, max_width)
        height = block_height(font, size, len(lines), spacing)
        if height > max_height or (max_lines is not None and len(lines) > max_lines):
            return None  # balancing keeps the line count: no need to balance a misfit
        if balance:
            lines = _balance(text, font, size, max_width, lines)
        widest = max(width(line, font, size) for line in lines)
        if widest <= max_width:
            return Fitted(size, tuple(lines), widest, height)
        return None

    if max_size < min_size:
        return None
    best = attempt(min_size)
    if best is None:
        return None
    lo, hi = min_size, max_size
    while lo < hi:
        mid = (lo + hi + 1) // 2
        found = attempt(mid)
        if found:
            best, lo = found, mid
        else:
            hi = mid - 1
    return best


def capacity(text: str, font: Path, size: int, max_width: int, max_lines: int) -> int:
    """About how many characters of ``text`` fit in ``max_lines`` lines at ``size``."""
    lines = wrap(text, font, size, max_width)[:max_lines]
    return len(" ".join(lines))


def place(
    role: str,
    fitted: Fitted,
    font: Path,
    color: str,
    *,
    x: int,
    y: int,
    spacing: float = 1.0,
    align: Align = "left",
    area_width: int | None = None,
) -> TextBlock:
    """A :class:`TextBlock` for ``fitted`` with its top at ``y``; ``x`` is the left edge
    of an area ``area_width`` wide that the text is aligned in."""
    left = x
    if align != "left" and area_width is not None:
        spare = area_width - fitted.width
        left = x + (spare // 2 if align == "center" else spare)
    box = Box(left, y, fitted.width, fitted.height)
    step = leading(font, fitted.size, spacing)
    return TextBlock(role, fitted.lines, font, fitted.size, step, color, box, align)


@functools.lru_cache(maxsize=1024)
def ink(text: str, font: Path, size: int) -> tuple[int, int, int, int]:
    """The inked pixels of one line drawn at (0, 0) with anchor 'la': left, top, right,
    bottom. (Pillow's ``getbbox`` reaches down to the baseline and starts at the origin;
    a big number or a quotation mark is placed by what is visible.)

    Read from the glyph mask Pillow would draw (``ImageDraw.text`` pastes exactly this mask
    at the origin plus its offset), without drawing it onto an image.
    """
    mask, (dx, dy) = pil_font(font, size).getmask2(text, mode="L", anchor="la")
    box = mask.getbbox()
    if not box:
        return 0, 0, 0, 0
    return box[0] + dx, box[1] + dy, box[2] + dx, box[3] + dy


def place_tight(
    role: str, text: str, font: Path, size: int, color: str, *, x: int, y: int
) -> TextBlock:
    """One line whose box is its ink, with the ink's top-left at (``x``, ``y``): big
    numbers and quotation marks line up by what is visible, not by their line box."""
    left, top, right, bottom = ink(text, font, size)
    box = Box(x, y, right - left, bottom - top)
    return TextBlock(role, (text,), font, size, bottom - top, color, box, "left", top, left)


def tight_height(text: str, font: Path, size: int) -> int:
    _, top, _, bottom = ink(text, font, size)
    return bottom - top


def tight_width(text: str, font: Path, size: int) -> int:
    left, _, right, _ = ink(text, font, size)
    return right - left


#: Size at which a big number's ink is drawn once to estimate it at other sizes.
_INK_REFERENCE_PX = 256


def ink_fits(
    text: str, font: Path, size: int, max_width: float, max_height: float = math.inf
) -> bool:
    """Whether ``text``'s ink at ``size`` is at most ``max_width`` x ``max_height``:
    exactly ``tight_width(...) <= max_width and tight_height(...) <= max_height``.

    Fitting a big number tries many sizes, and drawing it large is the slow part; so its
    ink is estimated from one drawing at a reference size (outlines scale exactly; hinting
    and anti-aliasing move each edge by a pixel or two at either size) and drawn at
    ``size`` only when the estimate is too close to call.
    """
    left, top, right, bottom = ink(text, font, _INK_REFERENCE_PX)
    scale = size / _INK_REFERENCE_PX
    slack = 2 * (3 + 2 * scale)  # two edges, each off by up to 2 px at either size, + 1
    wide, tall = (right - left) * scale, (bottom - top) * scale
    if wide - slack > max_width or tall - slack > max_height:
        return False
    if wide + slack <= max_width and tall + slack <= max_height:
        return True
    return tight_width(text, font, size) <= max_width and tight_height(text, font, size) <= (
        max_height
    )
