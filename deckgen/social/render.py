"""Draw card jobs with Pillow, one plain function per card kind, and encode the image.

Renderers only draw what the planner decided: every position and size is in the job.
Charts are the deck's matplotlib renderers, drawn at the card's chart-box size and pasted.
Encoding is fixed (no metadata, no timestamps, fixed encoder settings), so the same job
gives the same bytes.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from deckgen.theming.fonts import pil_font

if TYPE_CHECKING:
    from collections.abc import Callable

    from PIL import Image, ImageDraw

    from deckgen.social.jobs import (
        CardJob,
        ChartCardJob,
        Footer,
        InfographicJob,
        ListCardJob,
        PlacedChart,
        QuoteCardJob,
        Rule,
        StatCardJob,
    )
    from deckgen.social.text import TextBlock

#: Fixed encoder settings (part of the determinism promise; see docs/social-reference.md).
JPEG_QUALITY = 90
WEBP_QUALITY = 90
# PNG: deckgen.render.png (unfiltered rows, deflate level 6, an sRGB chunk).

_ANCHORS = {"left": "la", "center": "ma", "right": "ra"}


# --------------------------------------------------------------------------- primitives
def draw_text(draw: ImageDraw.ImageDraw, block: TextBlock | None) -> None:
    if block is None:
        return
    face = pil_font(block.font, block.size)
    box = block.box
    x = {"left": box.x, "center": box.x + box.w / 2, "right": box.right}[block.align]
    x -= block.indent
    for i, line in enumerate(block.lines):
        draw.text(
            (x, box.y - block.inset + i * block.leading),
            line,
            font=face,
            fill=block.color,
            anchor=_ANCHORS[block.align],
        )


def draw_rule(draw: ImageDraw.ImageDraw, rule: Rule) -> None:
    b = rule.box
    draw.rectangle((b.x, b.y, b.right - 1, b.bottom - 1), fill=rule.color)


def paste_chart(image: Image.Image, placed: PlacedChart) -> None:
    """Draw the chart job and paste it into its box (exactly the box's size)."""
    from PIL import Image

    from deckgen.render.charts import chart_pixels

    # The chart's pixels go straight in: no PNG encode and decode in between.
    picture = Image.fromarray(chart_pixels(placed.job)[:, :, :3])
    box = placed.box
    if picture.size != (box.w, box.h):  # matplotlib may round a side by one pixel
        canvas = Image.new("RGB", (box.w, box.h), image.getpixel((box.x, box.y)))
        canvas.paste(picture.crop((0, 0, min(box.w, picture.width), min(box.h, picture.height))))
        picture = canvas
    image.paste(picture, (box.x, box.y))


def draw_footer(image: Image.Image, draw: ImageDraw.ImageDraw, footer: Footer) -> None:
    from PIL import Image

    draw_text(draw, footer.source)
    draw_text(draw, footer.wordmark)
    if footer.logo is not None:
        box = footer.logo.box
        with Image.open(footer.logo.path) as logo:
            mark = logo.convert("RGBA").resize((box.w, box.h), Image.Resampling.LANCZOS)
        image.paste(mark, (box.x, box.y), mark)


def _canvas(job: CardJob) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (job.frame.width, job.frame.height), job.frame.background)
    return image, ImageDraw.Draw(image)


# --------------------------------------------------------------------------- card kinds
def render_stat(job: StatCardJob) -> Image.Image:
    image, draw = _canvas(job)
    draw_rule(draw, job.accent)
    for block in (job.title, job.qualifier, job.value, job.label):
        draw_text(draw, block)
    draw_footer(image, draw, job.footer)
    return image


def render_chart_card(job: ChartCardJob) -> Image.Image:
    image, draw = _canvas(job)
    draw_rule(draw, job.accent)
    for block in (job.title, job.subtitle, job.note):
        draw_text(draw, block)
    paste_chart(image, job.chart)
    draw_footer(image, draw, job.footer)
    return image


def render_quote(job: QuoteCardJob) -> Image.Image:
    image, draw = _canvas(job)
    for block in (job.mark, job.title, job.text, job.attribution):
        draw_text(draw, block)
    draw_footer(image, draw, job.footer)
    return image


def render_list(job: ListCardJob) -> Image.Image:
    from deckgen.social.jobs import Rule

    image, draw = _canvas(job)
    draw_rule(draw, job.accent)
    draw_text(draw, job.title)
    for marker, item in zip(job.markers, job.items, strict=True):
        if isinstance(marker, Rule):
            draw_rule(draw, marker)
        else:
            draw_text(draw, marker)
        draw_text(draw, item)
    draw_footer(image, draw, job.footer)
    return image


def render_infographic(job: InfographicJob) -> Image.Image:
    image, draw = _canvas(job)
    draw_rule(draw, job.accent)
    for rule in job.rules:
        draw_rule(draw, rule)
    for block in job.blocks:
        draw_text(draw, block)
    for placed in job.charts:
        paste_chart(image, placed)
    draw_footer(image, draw, job.footer)
    return image


RENDERERS: dict[str, Callable[[Any], Image.Image]] = {
    "stat": render_stat,
    "chart": render_chart_card,
    "quote": render_quote,
    "list": render_list,
    "infographic": render_infographic,
}


def render_card(job: CardJob) -> Image.Image:
    """Draw ``job`` through the dispatch table of card kinds. Pure."""
    return RENDERERS[job.kind](job)


# --------------------------------------------------------------------------- encoding
def _png(image: Image.Image, out: io.BytesIO) -> None:
    from deckgen.render.png import encode_image

    # An sRGB chunk is the only one besides the image data: no text, no time.
    out.write(encode_image(image, srgb=True))


def _jpeg(image: Image.Image, out: io.BytesIO) -> None:
    # 4:4:4 chroma keeps the edges of coloured text clean; no EXIF, no ICC profile.
    image.save(out, "JPEG", quality=JPEG_QUALITY, subsampling=0, optimize=False)


def _webp(image: Image.Image, out: io.BytesIO) -> None:
    image.save(out, "WEBP", quality=WEBP_QUALITY, method=4)


#: Format -> encoder with fixed settings.
ENCODERS: dict[str, Callable[[Image.Image, io.BytesIO], None]] = {
    "png": _png,
    "jpeg": _jpeg,
    "webp": _webp,
}
EXTENSIONS = {"png": "png", "jpeg": "jpg", "webp": "webp"}


def encode(image: Image.Image, fmt: str) -> bytes:
    """``image`` as PNG, JPEG or WebP bytes: 8-bit sRGB, no metadata, fixed settings."""
    buffer = io.BytesIO()
    ENCODERS[fmt](image if image.mode == "RGB" else image.convert("RGB"), buffer)
    return buffer.getvalue()


def card_bytes(job: CardJob, fmt: str) -> bytes:
    """Render and encode one card (what a worker process runs)."""
    return encode(render_card(job), fmt)
