"""PNG encoding for every picture deckgen draws: fast, small and byte-for-byte deterministic.

Pillow's (and so matplotlib's) PNG encoder tries all five row filters on every row and keeps
the best guess. On flat-colour charts, callouts and cards that search costs more time than
the compression itself, and the unfiltered rows compress smaller anyway (long runs of one
colour are what deflate is good at). So pictures are written here: unfiltered, deflated at
a fixed level by zlib-ng (zlib's format, several times faster; a versioned wheel, so one
version writes the same bytes everywhere), with no text, time or software chunk.
"""

from __future__ import annotations

import struct
from typing import TYPE_CHECKING

from zlib_ng import zlib_ng

if TYPE_CHECKING:
    import numpy as np
    from PIL import Image

#: Deflate level. Measured with zlib-ng on the 21 pictures of the bench's deck (8 slide
#: charts, 8 callouts, 5 cards): level 6 (zlib's default) took 94 ms and 1.367 MB, level 5
#: 70 ms and 1.396 MB (2% larger; 0.8% once the deck's zip deflates them), level 4 59 ms
#: but 8% larger, levels 1-3 up to 75% larger.
LEVEL = 5
_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_COLOR_TYPES = {3: 2, 4: 6}  # channels -> PNG colour type (truecolour, truecolour + alpha)


def _chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib_ng.crc32(kind + data)
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def encode_png(
    pixels: np.ndarray, *, dpi: float | None = None, srgb: bool = False, level: int = LEVEL
) -> bytes:
    """``pixels`` (height x width x 3 or 4, uint8) as PNG bytes.

    An RGBA picture with no transparent pixel is written as RGB: a quarter fewer bytes to
    compress, and the same picture. ``dpi`` adds a ``pHYs`` chunk (as matplotlib writes);
    ``srgb`` an ``sRGB`` chunk (perceptual intent).
    """
    import numpy as np

    height, width, channels = pixels.shape
    if channels == 4 and _opaque(pixels):
        channels = 3  # opaque: the alpha channel is left out below
    rows = np.empty((height, width * channels + 1), dtype=np.uint8)
    rows[:, 0] = 0  # filter type 'None' on every row
    if channels == pixels.shape[2]:
        # Every channel kept: each row is one run of bytes, copied whole (a channel at a
        # time, as below, took 4x as long: 4.8 against 1.2 ms for a 3700 x 1155 callout).
        rows[:, 1:] = pixels.reshape(height, width * channels)
    else:
        # Out of RGBA into RGB a channel at a time: copying every channel at once is a
        # strided gather, several times slower.
        for k in range(channels):
            np.copyto(rows[:, 1 + k :: channels], pixels[:, :, k])
    header = struct.pack(">IIBBBBB", width, height, 8, _COLOR_TYPES[channels], 0, 0, 0)
    parts = [_SIGNATURE, _chunk(b"IHDR", header)]
    if srgb:
        parts.append(_chunk(b"sRGB", b"\x00"))
    if dpi is not None:
        per_metre = round(dpi / 0.0254)
        parts.append(_chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1)))
    parts.append(_chunk(b"IDAT", zlib_ng.compress(rows, level)))  # no bytes copy
    parts.append(_chunk(b"IEND", b""))
    return b"".join(parts)


def _opaque(pixels: np.ndarray) -> bool:
    """Whether no pixel of an RGBA array is at all transparent. Each pixel read as one
    little-endian 32-bit number has its alpha in the top byte, so the smallest of them
    reaches 0xFF000000 only if every alpha is 255: one pass over whole words, 2.5x as
    quick as the least alpha byte taken with a stride (1.6 against 0.6 ms for a
    3700 x 1151 callout)."""
    if not pixels.flags.c_contiguous:
        return int(pixels[:, :, 3].min()) == 255
    return int(pixels.view("<u4").min()) >= 0xFF000000


def encode_image(image: Image.Image, *, srgb: bool = False) -> bytes:
    """A Pillow image (RGB or RGBA) as PNG bytes; see :func:`encode_png`."""
    import numpy as np

    return encode_png(np.asarray(image), srgb=srgb)
