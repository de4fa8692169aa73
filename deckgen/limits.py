"""Bounds on the binary files a build reads: zip packages (templates, workbooks) and images.

A 2 MB ``.xlsx`` or ``.potx`` can inflate to gigabytes, and its headers may lie about
sizes (Python's zipfile inflates a whole compressed run before it cuts it to the declared
size), so :func:`check_package` inflates every part once, in small chunks, counting the
real bytes against :data:`MAX_PART_BYTES` and :data:`MAX_PACKAGE_BYTES`, and counts the parts
against :data:`MAX_PARTS`, before python-pptx or openpyxl reads the file. It also refuses an
XML part with a document type declaration: Office never writes one (the OPC standard
forbids it), and it is how entity expansion ("billion laughs") gets into XML.

An image is checked by :func:`check_image` before it is embedded or measured: at most
:data:`MAX_IMAGE_PIXELS` pixels (Pillow's own check only warns below twice its limit), and
readable to its end (a truncated PNG or JPEG is refused rather than embedded as is).
"""

from __future__ import annotations

import io
import zipfile
import zlib
from typing import TYPE_CHECKING

from deckgen.errors import DeckgenError, Location, Problem

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

#: Most parts (files) one package may hold; a large template has a few hundred.
MAX_PARTS = 10_000
#: Largest inflated part: a sheet of about a million cells, or an embedded video.
MAX_PART_BYTES = 256 * 2**20
#: Largest inflated package.
MAX_PACKAGE_BYTES = 512 * 2**20
#: Most pixels an image may have: about 7,000 x 7,000 (an 8K photo is 33 million),
#: 200 MB once decoded.
MAX_IMAGE_PIXELS = 50_000_000

#: The formats PowerPoint (through python-pptx) embeds; WMF is not read by Pillow.
IMAGE_FORMATS = ("PNG", "JPEG", "GIF", "BMP", "TIFF")

_CHUNK = 1 << 16
#: A document type declaration, which is where XML entities are declared.
_DTD = b"<!DOCTYPE"


def _mib(size: int) -> str:
    return f"{size / 2**20:,.0f} MB" if size >= 2**20 else f"{size / 2**10:,.0f} KB"


def check_package(
    data: bytes, where: Location, error: type[DeckgenError], what: str, office: str, fix: str
) -> None:
    """Refuse the zip package ``data`` (a template or workbook) if it is not a zip, holds
    too many parts, inflates past the limits, is damaged, or has XML with a DTD.

    ``where`` names the file in the message, ``error`` is the error raised (``ThemeError``,
    ``DataError``), ``what`` names the kind of file ("template", "workbook"), ``office`` the
    program that writes it ("PowerPoint") and ``fix`` is the hint for a damaged file.
    """

    def fail(message: str, hint: str = fix) -> DeckgenError:
        return error(Problem(where, message, hint))

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            parts = package.infolist()
            if len(parts) > MAX_PARTS:
                raise fail(
                    f"the {what} holds {len(parts):,} parts; deckgen reads at most {MAX_PARTS:,}"
                )
            total = 0
            for part in parts:
                size = 0
                for chunk in _inflate(package, part):
                    size += len(chunk)
                    if size > MAX_PART_BYTES or total + size > MAX_PACKAGE_BYTES:
                        raise fail(
                            f"the {what} inflates past {_mib(MAX_PART_BYTES)} in part "
                            f"{part.filename!r} or {_mib(MAX_PACKAGE_BYTES)} in all "
                            f"({_mib(len(data))} compressed): a damaged or hostile file",
                            f"remove large media from the {what}, or {fix}",
                        )
                total += size
                if size != part.file_size:
                    raise fail(
                        f"part {part.filename!r} of the {what} is {size:,} bytes but its "
                        f"header says {part.file_size:,}: the file is damaged"
                    )
    except DeckgenError:
        raise
    except _Doctype as exc:
        raise fail(
            f"part {exc.args[0]!r} of the {what} declares a document type (<!DOCTYPE>), which "
            "Office never writes and which can expand entities without end: a hostile or "
            "damaged file",
            f"use the {what} as saved by Office, or {fix}",
        ) from None
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
        article = "an" if office[0] in "AEIOU" else "a"
        raise fail(f"cannot open the {what} as {article} {office} file: {exc}") from None
    except (NotImplementedError, RuntimeError) as exc:  # encrypted, unknown compression
        raise fail(f"the {what} cannot be read: {exc}") from None


class _Doctype(Exception):
    """An XML part declares a document type (and so, perhaps, entities)."""


def _inflate(package: zipfile.ZipFile, part: zipfile.ZipInfo) -> Iterator[bytes]:
    """The part's bytes in chunks of at most :data:`_CHUNK`; an XML part with a DTD is
    refused (checked across chunk edges)."""
    xml = part.filename.endswith((".xml", ".rels", ".vml"))
    tail = b""
    with package.open(part) as stream:
        while chunk := stream.read(_CHUNK):
            if xml and _DTD in (tail + chunk).upper():
                raise _Doctype(part.filename)
            tail = chunk[-len(_DTD) :]
            yield chunk


def check_image(path: Path, where: Location, error: type[DeckgenError], what: str) -> None:
    """Refuse the image at ``path`` if it is not an image, has more than
    :data:`MAX_IMAGE_PIXELS` pixels, or is truncated or damaged."""
    import warnings

    from PIL import Image, UnidentifiedImageError

    name = path.name
    try:
        with warnings.catch_warnings():
            # Pillow only warns between its limit and twice it; here every bomb is an error.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                width, height = image.size
                if image.format not in IMAGE_FORMATS:
                    raise error(
                        Problem(
                            where,
                            f"the {what} {name!r} is a {image.format} image, which PowerPoint "
                            f"files cannot hold; deckgen takes {', '.join(IMAGE_FORMATS)}",
                            "save it as PNG (or JPEG for a photo)",
                        )
                    )
                if width * height > MAX_IMAGE_PIXELS:
                    raise _too_many(error, where, what, name, f"{width:,} x {height:,}")
                if image.format == "PNG":
                    image.verify()  # every chunk's checksum and the end marker, no decoding
                else:
                    image.draft("RGB", (max(width // 8, 1), max(height // 8, 1)))  # JPEG: 1/8
                    image.load()  # decodes to the end: a truncated file fails here
    except DeckgenError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        most = 2 * (Image.MAX_IMAGE_PIXELS or 0)
        raise _too_many(error, where, what, name, f"more than {most:,}") from None
    except UnidentifiedImageError:
        raise error(
            Problem(
                where,
                f"the {what} {name!r} is not an image deckgen can read",
                "use a PNG or JPEG file (export it as PNG from the program that made it)",
            )
        ) from None
    except Exception as exc:  # Pillow's readers raise many types for a damaged file (an
        # EMF header of size 0 divides by zero, found by fuzzing)
        raise error(
            Problem(
                where,
                f"the {what} {name!r} is damaged or cut short ({exc})",
                "open it in an image editor and save it again, or export it anew",
            )
        ) from None


def _too_many(
    error: type[DeckgenError], where: Location, what: str, name: str, size: str
) -> DeckgenError:
    return error(
        Problem(
            where,
            f"the {what} {name!r} has {size} pixels; deckgen reads at most "
            f"{MAX_IMAGE_PIXELS:,} (a decompression bomb, or a picture far larger than a "
            "slide needs)",
            "scale it down to at most 4,000 pixels wide",
        )
    )
