"""What a social card is drawn from, and how: text blocks, rules, the footer, pasted charts,
and the fixed encoders.

A card kind's job (``deckgen/kinds/cards/``) is a :class:`CardJob` holding these pieces at
the pixel positions its planner chose; drawing only paints them (``CardJob.draw``), so every
position and size is in the job. Boxes are :class:`~deckgen.layout.geometry.Rect` in whole
card pixels (``Px``). Encoding is fixed (no metadata, no timestamps, fixed encoder
settings), so the same job gives the same bytes.
"""

from __future__ import annotations

import functools
import io
import itertools
import math
from collections import OrderedDict
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Literal

from deckgen.layout.geometry import Rect
from deckgen.layout.text import CARD, Fitted, ink, right_to_left
from deckgen.layout.units import Length, Px
from deckgen.render.jobs import Asset, content_key
from deckgen.theming.fonts import covering, pil_font

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from PIL import Image, ImageDraw

    from deckgen.render.charts import ChartJob

Align = Literal["left", "center", "right"]
ImageFormat = Literal["png", "jpeg", "webp"]
#: Fixed encoder settings (part of the determinism promise; see docs/social-reference.md).
JPEG_QUALITY = 90
WEBP_QUALITY = 90
# PNG: deckgen.render.png (unfiltered rows, deflate level 6, an sRGB chunk).
EXTENSIONS: dict[str, str] = {"png": "png", "jpeg": "jpg", "webp": "webp"}

_ANCHORS = {"left": "la", "center": "ma", "right": "ra"}


#: The charts this process drew for cards, by job key (the job is the picture: see
#: :func:`~deckgen.render.jobs.content_key`), with what drawing each said; the most
#: recently used first kept, within :data:`_DRAWN_MOST` bytes. A warm session's workers
#: draw an infographic again when one of its charts changes: its other charts were drawn
#: again too (~70 ms each, a fifth of the sample's one-value rebuild).
_DRAWN: OrderedDict[str, tuple[Image.Image, tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = (
    OrderedDict()
)
_DRAWN_MOST = 32 * 2**20


def chart_picture(job: ChartJob) -> Image.Image:
    """The chart ``job`` as an RGB image, drawn, or the one this process drew before (what
    drawing said is said again: :func:`~deckgen.render.chartkit.said_again`). Not to be
    drawn on: it may be pasted again."""
    from PIL import Image

    from deckgen.render.chartkit import dropping_notes, leaving_out, said_again, shortening

    key = job.key()
    kept = _DRAWN.get(key)
    if kept is None:
        with shortening() as shortened, leaving_out() as left, dropping_notes() as notes:
            # The chart's pixels go straight in: no PNG encode and decode in between. Taken
            # as RGBA and converted, not sliced to RGB: Pillow copies a strided array
            # through a bytes object first (a card's chart: ~5 ms, against ~1).
            picture = Image.fromarray(job.pixels()).convert("RGB")  # RGBA in
        kept = _DRAWN[key] = (picture, tuple(shortened), tuple(left), tuple(notes))
        size = sum(p[0].width * p[0].height * 3 for p in _DRAWN.values())
        while size > _DRAWN_MOST and len(_DRAWN) > 1:
            old = _DRAWN.popitem(last=False)[1][0]
            size -= old.width * old.height * 3
    _DRAWN.move_to_end(key)
    said_again(*kept[1:])
    return kept[0]


# --------------------------------------------------------------------------- the pieces
@dataclass(frozen=True)
class TextBlock:
    """Fitted lines of text and the box they occupy (ascender of the first line to the
    descender of the last, the widest line across)."""

    role: str
    lines: tuple[str, ...]
    font: Path
    size: Length
    leading: Length
    color: str
    box: Rect
    align: Align = "left"
    #: Pixels from the box's top up to the first line's ascender line: positive for an
    #: ink-tight box (big numbers), whose glyphs start below the ascender.
    inset: int = 0
    #: Pixels from the first line's origin to the box's left edge (ink-tight boxes).
    indent: int = 0
    #: The lines, past the first, that begin a paragraph of the text (none: it is one): a
    #: line reads in its paragraph's direction (:meth:`directions`).
    starts: tuple[int, ...] = ()

    def directions(self) -> tuple[bool | None, ...]:
        """Whether each line reads right to left: as its paragraph does (its first letter
        of a direction: :func:`~deckgen.layout.text.right_to_left`), ``None`` for one of
        no letter. Not as the line's own first letter: the last line of a Hebrew quotation,
        'Intel ו-Apple.', was set left to right, its full stop at the right where its
        reader starts, and 'ו-' read as Apple's (fuzzing round 8, 15)."""
        bounds = (0, *self.starts, len(self.lines))
        out: list[bool | None] = []
        for start, end in itertools.pairwise(bounds):
            out += [right_to_left(" ".join(self.lines[start:end]))] * (end - start)
        return tuple(out)


@dataclass(frozen=True)
class Rule:
    """A filled rectangle: an accent bar, a divider, a list marker, the brand strip."""

    box: Rect
    color: str


@dataclass(frozen=True)
class CardFrame:
    """The image: its pixel size, the safe area text must stay in, the background and the
    brand strip along its top edge (every card carries the brand, as every slide does)."""

    width: int
    height: int
    safe: Rect
    background: str
    strip: Rule | None = None


@dataclass(frozen=True)
class Logo:
    """A logo picture: the file ``path``, or the part ``member`` of the PowerPoint package
    at ``path`` (a corporate template's own logo)."""

    path: Path
    box: Rect
    member: str | None = None

    def open(self) -> Image.Image:
        return open_logo(self.path, self.member)


def open_logo(path: Path, member: str | None = None) -> Image.Image:
    """The logo picture at ``path``, or in the package at ``path`` as part ``member``."""
    from PIL import Image

    if member is None:
        return _eight_bit(Image.open(path))
    import zipfile

    with zipfile.ZipFile(path) as package:
        return _eight_bit(Image.open(io.BytesIO(package.read(member))))


def _eight_bit(image: Image.Image) -> Image.Image:
    """A 16-bit greyscale picture (as Photoshop exports '16 bits/channel') as 8-bit grey:
    Pillow's own conversion clips every value over 255, and a mid-grey logo was drawn
    white on the white card (found by fuzzing). Any other picture as it is."""
    if image.mode not in ("I;16", "I;16B", "I;16L", "I"):
        return image
    import numpy as np
    from PIL import Image

    with image:
        values = np.asarray(image).astype(np.uint32)
    return Image.fromarray((values * 255 // 65535).astype(np.uint8), "L")


@dataclass(frozen=True)
class PlacedChart:
    """A chart job drawn for the card, and where its picture goes: ``box`` may be shorter
    than the picture, cut under the lowest thing it draws (:attr:`fill`)."""

    job: ChartJob
    box: Rect

    @functools.cached_property
    def fill(self) -> int:
        """How many rows of card pixels from its top the picture draws in (its type's
        ``card_fill``, which may plan its layout), counted once; the rows under them are
        empty."""
        job = self.job
        return math.ceil(job.spec.card_fill(job) * job.canvas.dpi / 72)

    def cut(self, top: Length) -> PlacedChart:
        """The picture with its top at ``top`` and its box cut to :attr:`fill`."""
        box = self.box
        cut = PlacedChart(
            self.job, Rect(box.left, top, box.width, Px(min(self.fill, box.height.px)))
        )
        if "shown" in self.__dict__:  # the same picture shows the same: not counted again
            cut.__dict__["shown"] = self.shown
        return cut

    @functools.cached_property
    def shown(self) -> int:
        """How many of its categories the picture shows (``card_shown``), counted once: a
        card compares its layouts by it again and again, and a map counts the states it
        draws large enough to see by laying them out."""
        return self.job.spec.card_shown(self.job)


@dataclass(frozen=True)
class Footer:
    """The bottom of every card: the source line and the organisation's wordmark or logo."""

    source: TextBlock | None = None
    wordmark: TextBlock | None = None
    logo: Logo | None = None


def place(
    role: str,
    fitted: Fitted,
    font: Path,
    color: str,
    *,
    x: Length,
    y: Length,
    spacing: float = 1.0,
    align: Align = "left",
    area_width: Length | None = None,
) -> TextBlock:
    """A :class:`TextBlock` for ``fitted`` with its top at ``y``; ``x`` is the left edge
    of an area ``area_width`` wide that the text is aligned in."""
    asked, font = font, covering(font, "".join(fitted.lines))  # as the fitter measured it
    left = x
    if align != "left" and area_width is not None:
        spare = (area_width - fitted.width).px
        left = x + Px(spare // 2 if align == "center" else spare)
    box = Rect(left, y, fitted.width, fitted.height)
    step = CARD.pitch(asked, font, fitted.size, spacing)
    starts = _paragraph_starts(fitted.text, fitted.lines)
    return TextBlock(role, fitted.lines, font, fitted.size, step, color, box, align,
                     starts=starts)  # fmt: skip


def _paragraph_starts(text: str, lines: tuple[str, ...]) -> tuple[int, ...]:
    """The lines, past the first, that begin a paragraph of ``text`` (one written on a
    line of its own), of which ``lines`` were broken: found by counting the characters
    other than spaces, the only ones a break takes away. Lines that are not ``text``'s
    (none fitted from it) are one paragraph."""

    def count(part: str) -> int:
        return sum(not char.isspace() for char in part)

    ends = set(itertools.accumulate(count(p) for p in text.split("\n")))
    starts, seen = [], 0
    for i, line in enumerate(lines):
        if i and seen in ends:
            starts.append(i)
        seen += count(line)
    return tuple(starts) if seen == count(text) else ()


def place_tight(
    role: str, text: str, font: Path, size: Length, color: str, *, x: Length, y: Length
) -> TextBlock:
    """One line whose box is its ink, with the ink's top-left at (``x``, ``y``): big
    numbers and quotation marks line up by what is visible, not by their line box."""
    font = covering(font, text)
    left, top, right, bottom = ink(text, font, size.px)
    box = Rect(x, y, Px(right - left), Px(bottom - top))
    return TextBlock(role, (text,), font, size, Px(bottom - top), color, box, "left", top, left)


# --------------------------------------------------------------------------- the job
@dataclass(frozen=True, kw_only=True)
class CardJob:
    """One card in one size and format, laid out. Each card kind subclasses it with its
    pieces and draws them in :meth:`draw`."""

    frame: CardFrame
    footer: Footer
    format: ImageFormat = "png"
    #: What the layout left off the card, each said as a build warning as a chart's
    #: left-out parts are ('its subtitle ... left off'): a landscape card dropped the
    #: subtitle that held the unit without a word (found in review).
    left_off: tuple[str, ...] = ()
    #: Charts the theme's fonts leave fewer categories than every bundled font does
    #: (``card_rows``), and values a title states of rows its chart leaves out, said as
    #: build warnings too: never silently other content.
    short: tuple[str, ...] = ()

    @property
    def ext(self) -> str:
        return EXTENSIONS[self.format]

    def key(self) -> str:
        return content_key(self)

    def cost(self) -> float:
        return float(self.frame.width * self.frame.height)

    def texts(self) -> tuple[TextBlock, ...]:
        """Every text block on the card, in drawing order."""
        out: list[TextBlock] = []
        for f in fields(self):
            value = getattr(self, f.name)
            items = value if isinstance(value, tuple) else (value,)
            out += [v for v in items if isinstance(v, TextBlock)]
        out += [t for t in (self.footer.source, self.footer.wordmark) if t is not None]
        return tuple(out)

    def pictures(self) -> tuple[PlacedChart, ...]:
        """Every chart on the card (a chart card's one, an infographic's panels)."""
        out: list[PlacedChart] = []
        for f in fields(self):
            value = getattr(self, f.name)
            items = value if isinstance(value, tuple) else (value,)
            out += [v for v in items if isinstance(v, PlacedChart)]
        return tuple(out)

    def draw(self) -> Image.Image:
        """The card's picture (each card kind draws its own pieces)."""
        raise NotImplementedError

    def alt(self) -> str:
        """What the card's charts show, in words (empty for a card of text alone, whose
        kind writes its alt text from the outline)."""
        return ""

    def render(self) -> Asset:
        """Draw and encode the card (what a worker process runs). Its alt text is asked
        after drawing: a chart's description reuses the layout drawing settled."""
        from deckgen.render.chartkit import dropping_notes, leaving_out, shortening
        from deckgen.render.jobs import LEFT_OUT, SHORTENED

        # What the card's charts left out is said as a slide's chart says it (a line card
        # dropped names of series without a word; found in review), and the alt text
        # leaves out the notes they do.
        with dropping_notes():
            with shortening() as shortened, leaving_out() as left:
                image = self.draw()
            alt = self.alt()
        values: dict[str, object] = {SHORTENED: shortened} if shortened else {}
        left = [*self.left_off, *self.short, *left]
        if left:
            values[LEFT_OUT] = left
        return Asset(encode(image, self.format), alt, self.key(), values)

    # -- drawing helpers for the kinds ---------------------------------------------------
    def canvas(self) -> tuple[Image.Image, ImageDraw.ImageDraw]:
        from PIL import Image, ImageDraw

        image = Image.new("RGB", (self.frame.width, self.frame.height), self.frame.background)
        return image, ImageDraw.Draw(image)


@dataclass(frozen=True)
class Drawing:
    """An image being drawn, with the primitives every card kind uses.

    ``mirrored``: the card's words read right to left (Arabic, Hebrew), so its layout is
    drawn mirrored, each box at the other side of the card and text aligned to its right
    edge: a card of Arabic was set flush left, its list numbers and quotation mark on
    the left (fuzzing round 8, 15). The layout itself is the same (every width is as
    measured); a chart keeps its own direction, as newspapers print them."""

    image: Image.Image
    draw: ImageDraw.ImageDraw = field(repr=False)
    mirrored: bool = False

    def _box(self, box: Rect) -> Rect:
        """``box`` where this drawing puts it."""
        if not self.mirrored:
            return box
        return Rect(Px(self.image.width - box.right.px), box.top, box.width, box.height)

    def text(self, block: TextBlock | None) -> None:
        if block is None:
            return
        face = pil_font(block.font, block.size.px)
        box = self._box(block.box)
        align = _MIRRORED.get(block.align, block.align) if self.mirrored else block.align
        x = {"left": box.left.px, "center": box.left.px + box.width.px / 2,
             "right": box.right.px}[align]  # fmt: skip
        # An ink-tight box's indent is its left bearing, which a right edge has not.
        x -= 0 if self.mirrored else block.indent
        tight = self.mirrored and bool(block.inset or block.indent)
        for i, (line, found) in enumerate(zip(block.lines, block.directions(), strict=True)):
            # A line whose paragraph reads right to left is set so (one with no letter, a
            # number, as its card reads): its leading dash ('— وزير الصناعة') stood at its
            # left end, where a left-to-right line starts.
            rtl = _rtl_line(line, self.mirrored, found)
            direction = {"direction": "rtl"} if rtl else {}
            # An ink-tight box (a big number) mirrored: its ink, not its advance, ends at
            # the box's right edge. By the advance, '٣٠ مليون' at 150 px ended 20 px short
            # of the margin and ran 10 px past the other (found in review).
            end = 0.0
            if tight:
                mask, (left, _) = face.getmask2(line, anchor=_ANCHORS[align], **direction)  # type: ignore[arg-type]
                ink = mask.getbbox()
                end = left + ink[2] if ink else 0.0
            self.draw.text(
                (x - end, box.top.px - block.inset + i * block.leading.px),
                line,
                font=face,
                fill=block.color,
                anchor=_ANCHORS[align],
                **direction,  # type: ignore[arg-type]
            )

    def rule(self, rule: Rule) -> None:
        b = self._box(rule.box)
        self.draw.rectangle((b.left.px, b.top.px, b.right.px - 1, b.bottom.px - 1), fill=rule.color)

    def chart(self, placed: PlacedChart) -> None:
        """Draw the chart job and paste it into its box (exactly the box's size)."""
        from PIL import Image

        picture = chart_picture(placed.job)
        box = self._box(placed.box)
        w, h = box.width.px, box.height.px
        # matplotlib may round a side by one pixel; a box cut under the lowest thing the
        # chart draws takes the picture's top (PlacedChart.cut).
        if picture.size != (w, h):
            background = self.image.getpixel((box.left.px, box.top.px))
            canvas = Image.new("RGB", (w, h), background)
            canvas.paste(picture.crop((0, 0, min(w, picture.width), min(h, picture.height))))
            picture = canvas
        self.image.paste(picture, (box.left.px, box.top.px))

    def footer(self, footer: Footer) -> None:
        from PIL import Image

        self.text(footer.source)
        self.text(footer.wordmark)
        if footer.logo is not None:
            box = self._box(footer.logo.box)
            with footer.logo.open() as logo:
                mark = logo.convert("RGBA").resize(
                    (box.width.px, box.height.px), Image.Resampling.LANCZOS
                )
            self.image.paste(mark, (box.left.px, box.top.px), mark)


def drawing(job: CardJob) -> Drawing:
    """A blank canvas of the job's size and background, ready to draw on (mirrored where
    the card's words read right to left: :func:`reads_right_to_left`)."""
    image, draw = job.canvas()
    out = Drawing(image, draw, mirrored=reads_right_to_left(job))
    if job.frame.strip is not None:
        out.rule(job.frame.strip)
    return out


#: The alignment a box takes on a mirrored card.
_MIRRORED = {"left": "right", "right": "left"}


def _rtl_line(line: str, card: bool, found: bool | None = None) -> bool:
    """Whether ``line`` reads right to left: its paragraph does (``found``, as
    :meth:`TextBlock.directions` says; not given: the line is its paragraph, whose first
    letter of a direction says: UAX #9, P2), or it has no letter and its ``card`` does
    (HTML's ``dir`` of a paragraph without letters); where Pillow can set a line so (with
    Raqm)."""
    if found is None:
        found = right_to_left(line)
    return bool(card if found is None else found) and _raqm()


@functools.cache
def _raqm() -> bool:
    from PIL import features

    return bool(features.check_feature("raqm"))


def reads_right_to_left(job: CardJob) -> bool:
    """Whether the card's words (every text block but the footer's: an Arabic
    organisation's name under an English card leaves it as it is) hold more letters of
    a right-to-left script than of a left-to-right one (Unicode's bidirectional classes
    'R' and 'AL' against 'L'). Digits and punctuation count for neither."""
    import unicodedata

    counts = {"R": 0, "AL": 0, "L": 0}

    def count(value: object) -> None:
        if isinstance(value, TextBlock):
            for line in value.lines:
                for char in line:
                    kind = unicodedata.bidirectional(char)
                    if kind in counts:
                        counts[kind] += 1
        elif isinstance(value, tuple | list):
            for item in value:
                count(item)

    for f in fields(job):
        if f.name != "footer":
            count(getattr(job, f.name))
    return counts["R"] + counts["AL"] > counts["L"]


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


def encode(image: Image.Image, fmt: str) -> bytes:
    """``image`` as PNG, JPEG or WebP bytes: 8-bit sRGB, no metadata, fixed settings."""
    buffer = io.BytesIO()
    ENCODERS[fmt](image if image.mode == "RGB" else image.convert("RGB"), buffer)
    return buffer.getvalue()
