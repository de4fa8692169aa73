"""Draw the starter example's picture (``deckgen/examples/starter/how-it-works.png``).

    python tools/make_starter_image.py

What a deckgen project is made of and what a build makes of it, as a diagram for the
starter deck's image slide: three inputs (outline, data, theme), one command, two outputs.
Drawn with Pillow in the corporate theme's colours and Lato (from the font-lato package),
so it is byte-for-byte the same on every machine; a test checks the committed file.
"""

from __future__ import annotations

import io
import math
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

REPO = Path(__file__).resolve().parents[1]
TARGET = REPO / "deckgen" / "examples" / "starter" / "how-it-works.png"

WIDTH, HEIGHT = 1600, 760
NAVY, RED, TEXT, MUTED, SURFACE, LINE = (
    "#12355B",
    "#C8102E",
    "#1B2430",
    "#5A6474",
    "#F2F4F7",
    "#9AA5B4",
)

INPUTS = (
    ("deck.yaml", "the outline: what each slide says"),
    ("production.csv", "the numbers, with README.md"),
    ("themes/", "how it looks: colours, fonts"),
)
OUTPUTS = (
    ("output/deck.pptx", "the deck, with notes and alt text"),
    ("output/deck/social/", "the social cards, cards.json"),
)


def _font(name: str, size: int) -> ImageFont.FreeTypeFont:
    import importlib.resources

    return ImageFont.truetype(str(importlib.resources.files("font_lato") / "files" / name), size)


def draw() -> bytes:
    image = Image.new("RGB", (WIDTH, HEIGHT), "#FFFFFF")
    pen = ImageDraw.Draw(image)
    bold, regular = _font("Lato-Bold.ttf", 40), _font("Lato-Regular.ttf", 32)

    def box(left: int, top: int, title: str, text: str, edge: str) -> tuple[int, int]:
        width, height = 520, 170
        pen.rounded_rectangle((left, top, left + width, top + height), 16, fill=SURFACE)
        pen.rectangle((left, top + 16, left + 10, top + height - 16), fill=edge)
        pen.text((left + 40, top + 36), title, font=bold, fill=TEXT)
        pen.text((left + 40, top + 100), text, font=regular, fill=MUTED)
        return left + width, top + height // 2

    def arrow(x0: float, y0: float, x1: float, y1: float) -> None:
        """A line with its head at (x1, y1), pointing along the line."""
        length = math.hypot(x1 - x0, y1 - y0)
        ux, uy = (x1 - x0) / length, (y1 - y0) / length
        base_x, base_y = x1 - 26 * ux, y1 - 26 * uy
        pen.line((x0, y0, base_x, base_y), fill=LINE, width=6)
        pen.polygon(
            ((x1, y1), (base_x - 15 * uy, base_y + 15 * ux), (base_x + 15 * uy, base_y - 15 * ux)),
            fill=LINE,
        )

    middle_x, middle_y, radius = 800, HEIGHT // 2, 140

    def rim(x: float, y: float, gap: float) -> tuple[float, float]:
        """The point ``gap`` px outside the circle on the way from it to (x, y)."""
        length = math.hypot(x - middle_x, y - middle_y)
        scale = (radius + gap) / length
        return middle_x + (x - middle_x) * scale, middle_y + (y - middle_y) * scale

    for k, (title, text) in enumerate(INPUTS):
        right, y = box(40, 60 + k * 220, title, text, NAVY)
        arrow(right + 14, y, *rim(right + 14, y, 14))
    pen.ellipse(
        (middle_x - radius, middle_y - radius, middle_x + radius, middle_y + radius), fill=NAVY
    )
    for dy, line in ((-50, "deckgen"), (10, "build")):
        pen.text((middle_x, middle_y + dy), line, font=bold, fill="#FFFFFF", anchor="mt")
    for k, (title, text) in enumerate(OUTPUTS):
        left, top = WIDTH - 40 - 520, 170 + k * 250
        arrow(*rim(left - 14, top + 85, 14), left - 14, top + 85)
        box(left, top, title, text, RED)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def main() -> None:
    TARGET.write_bytes(draw())
    print(TARGET)


if __name__ == "__main__":
    main()
