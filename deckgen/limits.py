"""Bounds on the binary files a build reads: zip packages (templates, workbooks) and images.

A 2 MB ``.xlsx`` or ``.potx`` can inflate to gigabytes, and its headers may lie about
sizes (Python's zipfile inflates a whole compressed run before it cuts it to the declared
size), so :func:`check_package` inflates every part once, in small chunks, counting the
real bytes against :data:`MAX_PART_BYTES` and :data:`MAX_PACKAGE_BYTES`, and counts the parts
against :data:`MAX_PARTS`, before python-pptx or openpyxl reads the file. It also refuses an
XML part with a document type declaration: Office never writes one (the OPC standard
forbids it), and it is how entity expansion ("billion laughs") gets into XML.

An image is checked by :func:`check_image` before it is embedded or measured: at most
:data:`MAX_IMAGE_PIXELS` pixels over all its frames (Pillow's own check only warns below
twice its limit, and counts one frame), and readable to its end (a truncated PNG, JPEG or
animation is refused rather than embedded as is).
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from typing import TYPE_CHECKING

from deckgen.errors import DeckgenError, Location, Problem
from deckgen.io import OLD_OFFICE

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

    if data.startswith(OLD_OFFICE):  # 'File is not a zip file' said nothing (fuzzing)
        raise fail(
            f"the {what} is an Office file of the old kind (.ppt, .xls) or one saved with a "
            "password, which deckgen cannot read",
            f"open it in {office}, remove any password (File > Info > Protect), and save it "
            "in the current format (.potx, .pptx or .xlsx)",
        )
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
    except _Encoding as exc:
        part, encoding = exc.args
        raise fail(
            f"part {part!r} of the {what} is XML written in {encoding!r}, which Office never "
            "writes (it writes UTF-8 or UTF-16) and in which a document type declaration "
            "cannot be checked for: a hostile or damaged file",
            f"use the {what} as saved by Office, or {fix}",
        ) from None
    except _Doctype as exc:
        raise fail(
            f"part {exc.args[0]!r} of the {what} declares a document type (<!DOCTYPE>), which "
            "Office never writes and which can expand entities without end: a hostile or "
            "damaged file",
            f"use the {what} as saved by Office, or {fix}",
        ) from None
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
        article = "an" if office[0] in "AEIOU" else "a"
        # In words, not the library's 'File is not a zip file' (fuzzing).
        why = (f"it is not a zip package, which every {office} file is"
               if str(exc) == "File is not a zip file" else str(exc))  # fmt: skip
        raise fail(f"cannot open the {what} as {article} {office} file: {why}") from None
    except (NotImplementedError, RuntimeError) as exc:  # encrypted, unknown compression
        raise fail(f"the {what} cannot be read: {exc}") from None


class _Doctype(Exception):
    """An XML part declares a document type (and so, perhaps, entities)."""


class _Encoding(Exception):
    """An XML part is written in an encoding Office never writes: (part, encoding)."""


#: ``<!DOCTYPE`` as each encoding deckgen lets through writes it: UTF-8 (and the
#: encodings that write ASCII as ASCII), UTF-16 little- and big-endian. A part is searched
#: for all three whatever it says it is: a part's name and its declaration can both lie.
_DTDS = (_DTD, _DTD.decode().encode("utf-16-le"), _DTD.decode().encode("utf-16-be"))
#: The byte-order marks a parser reads an XML part's encoding from, longest first (the
#: UTF-32 little-endian mark starts with the UTF-16 one).
_BOMS = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xff\xfe", "utf-16-le"),
)
#: Without a mark, the encodings an XML parser tells apart by the first characters (XML
#: 1.0, appendix F), most specific first; EBCDIC only by '<?xm' itself (any text starting
#: with 'L' would read as '<' in it).
_GUESSES = ("utf-32-be", "utf-32-le", "utf-16-be", "utf-16-le", "utf-8")
_EBCDIC_XML = b"\x4c\x6f\xa7\x94"
_DECLARED = re.compile(r"""<\?xml\s[^>]*?\bencoding\s*=\s*["']([^"']*)["']""")


def xml_encoding(head: bytes) -> str | None:
    """The encoding of a package part that starts with ``head`` if the part is XML (its
    first character, past a byte-order mark and spaces, is '<'), else ``None`` (a picture,
    a font, an embedded file). Read from the bytes, never from the part's name: a sheet
    renamed 'sheet1.dat' is parsed all the same (found by fuzzing)."""
    for bom, codec in _BOMS:
        if head.startswith(bom):
            return codec if _starts_xml(head[len(bom) :], codec) else None
    if head.startswith(_EBCDIC_XML):
        return "cp500"
    return next((codec for codec in _GUESSES if _starts_xml(head, codec)), None)


def _starts_xml(head: bytes, codec: str) -> bool:
    width = 4 if "32" in codec else 2 if "16" in codec else 1
    text = head[: len(head) // width * width].decode(codec, errors="replace")
    return text.lstrip(" \t\r\n").startswith("<")


def _declared_encoding(head: bytes, codec: str) -> str:
    """The encoding an XML part's declaration names (``codec``, the one its bytes are in,
    if it names none)."""
    width = 4 if "32" in codec else 2 if "16" in codec else 1
    text = head[: len(head) // width * width].decode(codec, errors="replace")
    found = _DECLARED.search(text[:200])
    return found[1].strip() if found else codec


#: Encodings (Python's names) in which '<!DOCTYPE' is one of :data:`_DTDS` both ways:
#: UTF-8, and those that write ASCII as ASCII (UTF-7 does not: it reads '+ADw-' as '<').
_ASCII_SAFE = ("utf-8", "ascii", "latin-1", "iso8859", "cp125", "utf-16")


def _searchable(encoding: str) -> bool:
    """Whether a DTD in ``encoding`` is one of :data:`_DTDS` (so the byte search finds it):
    UTF-8, ASCII, Latin-1, UTF-16. The OPC standard allows only UTF-8 and UTF-16; others
    (UTF-7, UTF-32, EBCDIC) hide '<!DOCTYPE' from a byte search, and are refused."""
    import codecs

    try:
        codec = codecs.lookup(encoding).name
    except LookupError:
        return False  # a parser may know it (iconv): what it hides cannot be checked
    return codec.startswith(_ASCII_SAFE)


#: The bytes spaces are made of in UTF-8, UTF-16 and UTF-32.
_SPACE = b" \t\r\n\x00"
#: How many bytes from a part's first non-space one tell whether it is XML.
_HEAD = 1024


def _inflate(package: zipfile.ZipFile, part: zipfile.ZipInfo) -> Iterator[bytes]:
    """The part's bytes in chunks of at most :data:`_CHUNK`; an XML part (whatever its
    name: told by its first bytes) with a DTD in UTF-8 or UTF-16 is refused (checked
    across chunk edges), and one in an encoding where a DTD could hide."""
    xml: bool | None = None  # not known until the first bytes past any spaces are read
    bom = lead = tail = b""
    dtd = started = False
    with package.open(part) as stream:
        while True:
            chunk = stream.read(_CHUNK)
            if xml is None:
                if not started:
                    started = True
                    bom = next((m for m, _ in _BOMS if chunk.startswith(m)), b"")
                    rest = chunk[len(bom) :]
                else:
                    rest = chunk
                lead += rest
                spaces = len(lead) - len(lead.lstrip(_SPACE))
                if b"\x00" * 4 in lead[:spaces]:
                    xml = False  # four zero bytes are no space in any encoding: binary
                # Leading spaces dropped in whole UTF-32 units, so the encoding still shows.
                lead = lead[spaces - spaces % 4 :]
                if xml is None and (len(lead) >= _HEAD or not chunk):
                    xml = _xml_part(part.filename, bom + lead[:_HEAD])
                if xml is not None:
                    lead = b""
            if xml is not False and chunk:
                seen = (tail + chunk).upper()
                dtd = dtd or any(mark in seen for mark in _DTDS)
                tail = chunk[-(len(_DTDS[1]) - 1) :]
            if xml and dtd:
                raise _Doctype(part.filename)
            if not chunk:
                return
            yield chunk


def _xml_part(name: str, head: bytes) -> bool:
    """Whether the part ``name`` starting ``head`` is XML; raises :class:`_Encoding` for XML
    in an encoding in which a DTD could hide from the byte search."""
    codec = xml_encoding(head)
    if codec is None:
        return False
    declared = _declared_encoding(head, codec)
    if not _searchable(codec):
        raise _Encoding(name, codec)
    if not _searchable(declared):
        raise _Encoding(name, declared)
    return True


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
                # Every frame of an animated GIF or PNG, or page of a TIFF: counted as
                # one, 300 frames of 2,000 x 2,000 (1.2 billion pixels) were embedded, and
                # one cut short at its 178th frame was embedded as it was (found by fuzzing).
                frames = getattr(image, "n_frames", 1)
                if width * height * frames > MAX_IMAGE_PIXELS:
                    size = f"{width:,} x {height:,}"
                    size = f"{frames} frames of {size}" if frames > 1 else size
                    raise _too_many(error, where, what, name, size)
                if image.format == "PNG" and frames == 1:
                    image.verify()  # every chunk's checksum and the end marker, no decoding
                else:
                    image.draft("RGB", (max(width // 8, 1), max(height // 8, 1)))  # JPEG: 1/8
                    image.load()  # decodes to the end: a truncated file fails here
                    for frame in range(1, frames):
                        image.seek(frame)
                        image.load()
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
