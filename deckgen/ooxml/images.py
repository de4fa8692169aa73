"""Photos as a deck embeds them: upright, and without what the camera wrote about them.

A phone stores a photo taken upright as landscape pixels and an EXIF "orientation" tag that
photo viewers obey; PowerPoint and LibreOffice draw the pixels as stored, so the photo
would lie on its side in the deck. And the same EXIF block (or XMP) says where (GPS) and
when the photo was taken, which a deck mailed round or posted should not tell. So an
image is embedded as its pixels turned upright when the tag says so (re-encoded: JPEG at
quality 95), and otherwise as its own bytes with the metadata left out, losslessly: a
JPEG's APP1 (EXIF, XMP) and APP13 (IPTC) segments, a PNG's eXIf, text and time chunks.
Its colour profile stays. Anything not laid out as expected is embedded as it is.
"""

from __future__ import annotations

import io
import struct
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

#: The EXIF tag of the orientation, and the value that needs no turning.
_ORIENTATION = 0x0112
_UPRIGHT = 1
#: JPEG segments dropped: APP1 (EXIF, XMP) and APP13 (IPTC, Photoshop).
_JPEG_DROPPED = frozenset({0xE1, 0xED})
#: PNG chunks dropped: EXIF, the three text chunks (XMP lives in iTXt), the time stamp.
_PNG_DROPPED = frozenset({b"eXIf", b"tEXt", b"zTXt", b"iTXt", b"tIME"})
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def upright_size(path: Path) -> tuple[int, int]:
    """The image's width and height in pixels as a viewer shows it (turned by its tag)."""
    from PIL import Image

    with Image.open(path) as image:
        width, height = image.size
        # 5 to 8 turn a quarter: width and height swap.
        return (height, width) if _orientation(image) in (5, 6, 7, 8) else (width, height)


def embeddable(path: Path) -> bytes:
    """The bytes to embed for the image at ``path`` (see the module's docstring)."""
    from PIL import Image, ImageOps

    data = path.read_bytes()
    with Image.open(io.BytesIO(data)) as image:
        if _orientation(image) == _UPRIGHT:
            if image.format == "JPEG":
                return without_jpeg_metadata(data)
            if image.format == "PNG":
                return without_png_metadata(data)
            return data
        fmt, profile = image.format, image.info.get("icc_profile")
        turned = ImageOps.exif_transpose(image)
    out = io.BytesIO()
    if fmt == "JPEG":
        turned.save(out, "JPEG", quality=95, icc_profile=profile)
    else:
        turned.save(out, "PNG", icc_profile=profile)
    return out.getvalue()


def _orientation(image: object) -> int:
    try:
        value = image.getexif().get(_ORIENTATION, _UPRIGHT)  # type: ignore[attr-defined]
    except Exception:  # a damaged EXIF block: Pillow raises several kinds; read as upright
        return _UPRIGHT
    return value if isinstance(value, int) and 1 <= value <= 8 else _UPRIGHT


def without_jpeg_metadata(data: bytes) -> bytes:
    """A JPEG's bytes without its EXIF, XMP and IPTC segments (the pixels untouched)."""
    if data[:2] != b"\xff\xd8":
        return data
    kept = [data[:2]]
    at = 2
    while at + 4 <= len(data):
        if data[at] != 0xFF:
            return data  # not a marker where one must be: keep the file as it is
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte before a marker
            at += 1
            continue
        if marker == 0xDA:  # start of scan: the compressed picture follows, to the end
            kept.append(data[at:])
            return b"".join(kept)
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:  # markers without a length
            kept.append(data[at : at + 2])
            at += 2
            continue
        (length,) = struct.unpack(">H", data[at + 2 : at + 4])
        end = at + 2 + length
        if length < 2 or end > len(data):
            return data
        if marker not in _JPEG_DROPPED:
            kept.append(data[at:end])
        at = end
    return data  # no start of scan: not a JPEG as expected


def without_png_metadata(data: bytes) -> bytes:
    """A PNG's bytes without its EXIF, text and time chunks (the pixels untouched)."""
    if not data.startswith(_PNG_SIGNATURE):
        return data
    kept = [_PNG_SIGNATURE]
    at = len(_PNG_SIGNATURE)
    while at + 12 <= len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind = data[at + 4 : at + 8]
        end = at + 12 + length
        if end > len(data):
            return data
        if kind not in _PNG_DROPPED:
            kept.append(data[at:end])
        at = end
        if kind == b"IEND":
            return b"".join(kept)
    return data  # no end chunk: not a PNG as expected
