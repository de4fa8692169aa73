"""The motifs of title and section slides: each theme's imagery, drawn as shapes.

A motif is vector shapes in the theme's colours (editable, sharp at any size, no picture
files to ship or confine): ``bars`` is an abstract bar chart with one bar in the highlight
colour, ``rings`` concentric rings off the right edge, ``blocks`` a solid block of the
highlight colour. Each keeps to the right of ``text_right``, where the slide's text ends,
and runs into the slide's edge as a printed cover would.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from deckgen.layout.geometry import Rect
from deckgen.layout.slide import COVER_TEXT_SHARE as TEXT_SHARE
from deckgen.layout.slide import slide_size
from deckgen.layout.units import Inches, Length, Pt
from deckgen.ooxml import shapes as sh
from deckgen.render.chartkit import mix

if TYPE_CHECKING:
    from collections.abc import Callable

    from pptx.slide import Slide

    from deckgen.kinds.slides._chrome import Deck

#: Bar lengths of the ``bars`` motif (share of its panel), top to bottom; the fourth is
#: the highlight, as a chart's one accent would be.
_BARS = (0.46, 0.74, 0.58, 1.0, 0.66, 0.84, 0.38)


def draw(deck: Deck, slide: Slide, *, section: bool = False) -> None:
    """Draw the theme's motif on a title (or section) slide."""
    style = deck.theme.theme.cover.style
    if style == "plain" or deck.branded:
        return
    _MOTIFS[style](deck, slide, section)


def ground(deck: Deck) -> str:
    """The fill of title and section slides."""
    colors = deck.colors
    return colors.primary if deck.theme.theme.cover.fill == "primary" else colors.background


def _bars(deck: Deck, slide: Slide, section: bool) -> None:
    width, height = slide_size(deck.size)
    colors = deck.colors
    left = width * TEXT_SHARE + Inches(0.6)
    panel = Rect(left, Length(0), width - left, height)
    bar, gap = Inches(0.34), Inches(0.26)
    bars = _BARS[:5] if section else _BARS
    top = (height - bar * len(bars) - gap * (len(bars) - 1)) / 2
    base = ground(deck)
    for n, share in enumerate(bars):
        length = panel.width * share
        colour = colors.highlight if n == 3 else mix(base, _ink(deck), 0.14 + 0.05 * (n % 3))
        rect = Rect(width - length, top + (bar + gap) * n, length, bar)
        sh.add_rect(slide, rect, colour, name=f"Motif bar {n + 1}")


def _rings(deck: Deck, slide: Slide, section: bool) -> None:
    from pptx.enum.shapes import MSO_SHAPE

    width, height = slide_size(deck.size)
    colors = deck.colors
    centre_x, centre_y = width - Inches(0.9), height * (0.58 if not section else 0.5)
    base = ground(deck)
    for n, radius in enumerate((Inches(1.1), Inches(2.0), Inches(2.9), Inches(3.8))):
        ring = slide.shapes.add_shape(
            MSO_SHAPE.OVAL, *sh.box(Rect(centre_x - radius, centre_y - radius, radius * 2,
                                         radius * 2)),
        )  # fmt: skip
        ring.name = f"Motif ring {n + 1}"
        ring.fill.background()
        ring.line.width = int(Pt(14 - 2 * n))
        ring.line.color.rgb = sh.rgb(colors.highlight if n == 1 else
                                     mix(colors.primary, base, 0.25 + 0.15 * n))  # fmt: skip
        sh.set_decorative(ring)


def _blocks(deck: Deck, slide: Slide, section: bool) -> None:
    width, height = slide_size(deck.size)
    colors = deck.colors
    left = width * (TEXT_SHARE + 0.1)
    # No rule beside the block: at half the slide's height it lined up with no text and
    # read as a stray dash.
    sh.add_rect(slide, Rect(left, Length(0), width - left, height), colors.highlight,
                name="Motif block")  # fmt: skip


def _ink(deck: Deck) -> str:
    colors = deck.colors
    return colors.on_primary if deck.theme.theme.cover.fill == "primary" else colors.text


_MOTIFS: dict[str, Callable[[Deck, Slide, bool], None]] = {
    "bars": _bars,
    "rings": _rings,
    "blocks": _blocks,
}
