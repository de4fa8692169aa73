"""Measure, wrap and fit text with a font's real metrics.

PowerPoint's autofit acts only after someone edits the text, so deckgen decides the size and
line breaks at build time. Measurements are made in points at a fine pixel scale and carry a
small safety margin, because PowerPoint and LibreOffice lay text out a hair differently.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from deckgen.theming.fonts import pil_font

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

_PX_PER_PT = 20  # measure at 20 px per point: sub-point precision, cheap
#: Width slack for differences between renderers' layout engines.
WIDTH_SLACK = 1.06


@dataclass(frozen=True)
class FittedText:
    """The result of fitting: the size chosen, the lines, and the block's size in points."""

    size: float
    lines: tuple[str, ...]
    width: float
    height: float


def text_width(text: str, font: Path, size: float) -> float:
    """Width of one line of ``text`` in points."""
    face = pil_font(font, round(size * _PX_PER_PT))
    return face.getlength(text) / _PX_PER_PT * WIDTH_SLACK


def line_height(font: Path, size: float, spacing: float = 1.0) -> float:
    """Height of one line in points: the font's ascent plus descent, times ``spacing``."""
    ascent, descent = pil_font(font, round(size * _PX_PER_PT)).getmetrics()
    return (ascent + descent) / _PX_PER_PT * spacing


def greedy_wrap(text: str, measure: Callable[[str], float], width: float) -> list[str]:
    """Greedy word wrap of ``text`` to ``width`` in the units ``measure`` returns.

    Explicit newlines are kept. A single word wider than ``width`` stays on its own
    (over-long) line; fitting code notices and tries a smaller size.
    """
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current = ""
        for word in paragraph.split():
            candidate = f"{current} {word}" if current else word
            if current and measure(candidate) > width:
                lines.append(current)
                current = word
            else:
                current = candidate
        lines.append(current)
    return lines


def wrap(text: str, font: Path, size: float, width: float) -> list[str]:
    """Wrap ``text`` set in ``font`` at ``size`` points to ``width`` points."""
    return greedy_wrap(text, lambda line: text_width(line, font, size), width)


def fit(
    text: str,
    font: Path,
    *,
    width: float,
    height: float,
    max_size: float,
    min_size: float,
    spacing: float = 1.0,
    max_lines: int | None = None,
    step: float = 1.0,
) -> FittedText | None:
    """The largest size from ``max_size`` down to ``min_size`` at which ``text`` fits.

    Fits means: every line within ``width``, all lines within ``height`` (points), and at
    most ``max_lines`` lines. Returns ``None`` when even ``min_size`` does not fit.
    """
    size = max_size
    while size >= min_size - 1e-9:
        lines = wrap(text, font, size, width)
        widest = max(text_width(line, font, size) for line in lines)
        total = line_height(font, size, spacing) * len(lines)
        if widest <= width and total <= height and (max_lines is None or len(lines) <= max_lines):
            return FittedText(size, tuple(lines), widest, total)
        size -= step
    return None
