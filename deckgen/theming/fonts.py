"""Font files for a theme's families.

Text is measured and drawn with real font files, never with whatever a machine happens to
have, so a build gives the same line breaks and the same pixels everywhere. The families
below come from PyPI packages that deckgen depends on; a theme may also ship its own files.
"""

from __future__ import annotations

import functools
import importlib.resources
import io
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from deckgen.errors import Location, Problem, ThemeError, did_you_mean

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from PIL import ImageFont

    from deckgen.theming.model import FontSpec

#: family -> (package, regular file, bold file)
BUNDLED: dict[str, tuple[str, str, str]] = {
    "Lato": ("font_lato", "Lato-Regular.ttf", "Lato-Bold.ttf"),
    "Lato Black": ("font_lato", "Lato-Black.ttf", "Lato-Black.ttf"),
    "Source Sans Pro": (
        "font_source_sans_pro",
        "SourceSansPro-Regular.ttf",
        "SourceSansPro-Bold.ttf",
    ),
    "Source Sans Pro Semibold": (
        "font_source_sans_pro",
        "SourceSansPro-Semibold.ttf",
        "SourceSansPro-Bold.ttf",
    ),
    "Roboto": ("font_roboto", "Roboto-Regular.ttf", "Roboto-Bold.ttf"),
    "Roboto Black": ("font_roboto", "Roboto-Black.ttf", "Roboto-Black.ttf"),
}


@dataclass(frozen=True)
class FontFiles:
    """The files behind one family: what PowerPoint is asked for, and what we measure with."""

    family: str
    regular: Path
    bold: Path

    def file(self, bold: bool = False) -> Path:
        return self.bold if bold else self.regular


def _bundled_file(package: str, name: str) -> Path:
    return Path(str(importlib.resources.files(package) / "files" / name))


def resolve(
    spec: FontSpec, theme_folder: Path, at: Callable[[str], Location] | None = None
) -> FontFiles:
    """Find the files for ``spec``; raise :class:`ThemeError` if there are none, at the
    spec's field (``at(key)``: 'regular', 'bold', 'family') or else at the theme file."""

    def problem(key: str, message: str, hint: str | None = None) -> ThemeError:
        where = at(key) if at else Location(str(theme_folder / "theme.yaml"))
        return ThemeError(Problem(where, message, hint))

    if spec.regular:
        for key, name in (("regular", spec.regular), ("bold", spec.bold or spec.regular)):
            path = theme_folder / name
            if not path.is_file():
                # A folder or a device is there, not nothing: said so, not "not found".
                what = ("is a folder, not a font file" if path.is_dir() else
                        "is not a regular file" if path.exists() else "not found")  # fmt: skip
                message = (f"font file not found: {path}" if what == "not found"
                           else f"font file {path} {what}")  # fmt: skip
                # A fix, as every problem has (found by a hostile-input review).
                from deckgen.io import nearest_file

                near = nearest_file(path, name, (".ttf", ".otf", ".ttc"), "font files",
                                    relative_to="the theme folder")  # fmt: skip
                hint = (f"{near}; or " if near else "") + (
                    f"put the {key} font file in the theme folder ({theme_folder}) under that "
                    f"name (the path is from that folder), or leave 'regular:' and 'bold:' out "
                    f"to use a bundled family ({', '.join(BUNDLED)})")  # fmt: skip
                raise problem("bold" if key == "bold" and spec.bold else "regular", message,
                              hint)  # fmt: skip
        return FontFiles(spec.family, theme_folder / spec.regular,
                         theme_folder / (spec.bold or spec.regular))  # fmt: skip
    if spec.family not in BUNDLED:
        hint = did_you_mean(spec.family, BUNDLED) or f"bundled: {', '.join(BUNDLED)}"
        raise problem(
            "family", f"font family {spec.family!r} is not bundled and the theme gives no "
            "'regular:' file for it", hint,
        )  # fmt: skip
    return FontFiles(spec.family, *bundled(spec.family))


def bundled(family: str) -> tuple[Path, Path]:
    """The regular and bold files of a bundled ``family`` (a key of :data:`BUNDLED`)."""
    package, regular_name, bold_name = BUNDLED[family]
    return _bundled_file(package, regular_name), _bundled_file(package, bold_name)


def _cut_table(path: Path, size: int) -> str | None:
    """Which table of the font at ``path`` (``size`` bytes) ends past the file's end, if
    one does: a download cut short. FreeType opens such a file by its header and fails
    only when a glyph is drawn ("failed to load glyph", an internal error; found by
    fuzzing)."""
    import struct

    with path.open("rb") as file:
        head = file.read(12)
        if len(head) < 12:
            return "a font file cut short (no table directory)"
        (count,) = struct.unpack(">H", head[4:6])
        records = file.read(16 * count)
    if len(records) < 16 * count:
        return "a font file cut short (its table directory is not whole)"
    for k in range(count):
        tag, _, offset, length = struct.unpack(">4sIII", records[16 * k : 16 * k + 16])
        if offset + length > size:
            name = tag.decode("latin-1").strip()
            return (f"a font file cut short (its {name!r} table ends at byte "
                    f"{offset + length:,}, past the file's {size:,})")  # fmt: skip
    return None


def unopenable(path: Path) -> str | None:
    """What ``path`` is if FreeType (which matplotlib and Pillow draw with) cannot open it
    as a font, else None. Opening reads only the file's header and table directory, and
    the answer is kept per version of the file (its mtime and size), so a theme loaded on
    every build, or by the daemon, checks each file once until it changes."""
    stat = path.stat()
    return _open_error(path, stat.st_mtime_ns, stat.st_size)


#: How a TrueType or OpenType file starts (its sfnt version).
_SFNT = (b"\x00\x01\x00\x00", b"OTTO", b"true")
#: Font files of other kinds, by how they start (FreeType opens them; the text measures
#: and the deck cannot use them).
_OTHER_FONTS = {
    b"wOFF": "a web font (WOFF), not the .ttf or .otf it is made from",
    b"wOF2": "a web font (WOFF2), not the .ttf or .otf it is made from",
    b"ttcf": "a font collection (.ttc), not a single font",
    b"\x80\x01": "a PostScript Type 1 font (.pfb)",
    b"%!": "a PostScript Type 1 font",
}


def declared_families(path: Path) -> tuple[str, ...]:
    """The family names the font at ``path`` declares in its name table: its family (name
    ID 1, in English where it has one) first, then its other names of a family (1 in other
    languages, the typographic family 16, the WWS family 21). Empty when there is no name
    table, or fontTools cannot read it. Kept per version of the file, as
    :func:`unopenable` is."""
    stat = path.stat()
    return _families(path, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=64)
def _families(path: Path, mtime_ns: int, size: int) -> tuple[str, ...]:
    from fontTools.ttLib import TTFont

    try:
        with TTFont(str(path), lazy=True, fontNumber=0) as face:
            if "name" not in face:
                return ()
            table = face["name"]
            first = table.getDebugName(1)
            names = [r.toUnicode(errors="replace") for r in table.names
                     if r.nameID in (1, 16, 21)]  # fmt: skip
    except Exception:  # fontTools raises many types for a damaged table: nothing known
        return ()
    found = [first, *names] if first else names
    return tuple(dict.fromkeys(n.strip() for n in found if n.strip()))


@functools.lru_cache(maxsize=64)
def _open_error(path: Path, mtime_ns: int, size: int) -> str | None:
    if size == 0:
        return "an empty file"
    with path.open("rb") as file:
        head = file.read(4)
    # FreeType opens more than deckgen can draw with: the text measures (fontTools) and
    # the deck's fonts need TrueType or OpenType outlines in a file of their own.
    if head not in _SFNT:
        return _OTHER_FONTS.get(head[:2], _OTHER_FONTS.get(head, "not a TrueType/OpenType file"))
    cut = _cut_table(path, size)
    if cut is not None:
        return cut
    from PIL import ImageFont

    try:
        ImageFont.truetype(str(path), 12)
    except (OSError, ValueError) as exc:  # Pillow: 'unknown file format', 'invalid argument'
        return f"a file FreeType cannot open ({exc})"
    return None


def font_dirs() -> list[Path]:
    """Folders holding every bundled font file (for LibreOffice's fontconfig)."""
    # With the CJK fallback's folder, so a PDF shows CJK text too (DejaVu Sans, the other
    # fallback, is a system font wherever LibreOffice is installed).
    return sorted({_bundled_file(p, r).parent for p, r, _ in BUNDLED.values()}
                  | {_cjk_file().parent})  # fmt: skip


# --------------------------------------------------------------------------- fallback
# A theme's fonts draw Latin text; names, places and quotes in other scripts fall back, in
# pictures, to fonts deckgen ships: DejaVu Sans (matplotlib's own, Bitstream Vera licence:
# Latin Extended, Greek, Cyrillic, Arabic, Hebrew, symbols and monochrome emoji faces)
# and Noto Sans CJK JP (the PyPI package noto-cjk-sans-jp-regular, SIL OFL 1.1, 16 MB:
# Chinese, Japanese and Korean, one file with every CJK ideograph). matplotlib falls back
# glyph by glyph (and shapes Arabic and Hebrew right to left); Pillow, for social cards,
# takes one font per text block, so a block with a character the theme font lacks is set
# wholly in the fallback that draws it (see :func:`covering`). CJK text is drawn in the
# regular weight even where the theme asks for bold (there is no bold file). PowerPoint
# text names only the theme font: PowerPoint and LibreOffice substitute a system font for
# characters it lacks, which deckgen cannot choose.
#
# DejaVu Sans is tried first. matplotlib (through libraqm) and Pillow shape with HarfBuzz,
# which sets a letter a font lacks from its canonical pieces where the font has them: 'Č'
# as 'C' and a combining caron. matplotlib takes each glyph from the first font of its
# list that sets it without a missing-glyph box, so the order decides which font builds a
# letter from pieces. Noto Sans CJK JP has the plain Latin and Greek letters and five
# combining accents (grave, acute, macron, dot above, caron) but not 'Č', 'č', 'Ė', 'ά' or
# 'ή', and places no accent on a Latin or Greek letter: tried first, it took those letters
# and drew each accent after its letter, over the next one ('Čačak' read 'Cǎcǎk', 'Αθήνα'
# 'Αθηνά' in every chart of the Lato themes, with no warning; found in review), and DejaVu
# Sans, which has them whole, came too late. DejaVu Sans has whole every Latin, Greek and
# Cyrillic letter the CJK font has (but its full-width forms) and places its own accents,
# so what both draw (plain Greek and Cyrillic, arrows, shapes) is now DejaVu's, the plain
# and the accented letters of a name in one design; it has no kana, ideograph or Hangul,
# whole or in pieces, so those are drawn as before.


def _cjk_file() -> Path:
    return Path(str(importlib.resources.files("noto_cjk_sans_jp_regular")
                    / "NotoSansCJKjp-Regular.otf"))  # fmt: skip


@functools.cache
def fallback_files(bold: bool = False) -> tuple[Path, ...]:
    """The fallback font files, in the order they are tried: DejaVu Sans, then Noto Sans
    CJK JP (see above why in that order)."""
    dejavu = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    mpl_fonts = importlib.resources.files("matplotlib") / "mpl-data/fonts/ttf"
    return Path(str(mpl_fonts / dejavu)), _cjk_file()


@functools.lru_cache(maxsize=64)
def _cmap(path: Path) -> frozenset[int]:
    """The code points a font file draws."""
    from fontTools.ttLib import TTFont

    with TTFont(str(path), lazy=True, fontNumber=0) as face:
        return frozenset(face.getBestCmap() or {})


def _needs(text: str) -> set[int]:
    # Spaces, line breaks, joiners and selectors (an emoji's U+FE0F) draw no glyph.
    return {ord(c) for c in text if unicodedata.category(c) not in _NOT_DRAWN
            and not "\ufe00" <= c <= "\ufe0f"}  # fmt: skip


#: Unicode categories with no glyph of their own: controls, format characters, spaces.
_NOT_DRAWN = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})


@functools.lru_cache(maxsize=1 << 14)
def covering(font: Path, text: str) -> Path:
    """The file to set ``text`` in with Pillow: ``font`` when it draws every character,
    else the first fallback that draws all those it lacks (else the one that draws most)."""
    if text.isascii():
        return font  # every bundled and theme font draws ASCII: the common case, fast
    lacking = _needs(text) - _cmap(font)
    if not lacking:
        return font
    bold = "bold" in font.name.lower()
    candidates = fallback_files(bold)
    # The first that draws them all, before any later one is opened: reading the CJK
    # font's character map takes ~90 ms, which every process paid on its first '▲' or '→'
    # in a Lato theme, though DejaVu Sans draws them (found in review).
    for candidate in candidates:
        if not lacking - _cmap(candidate):
            return candidate
    return min(candidates, key=lambda f: len(lacking - _cmap(f)))


def undrawable(text: str, font: Path) -> str:
    """The characters of ``text`` (each once, in order) that the file it is set in
    (:func:`covering`) does not draw: empty boxes on a social card, where a block is set in
    one font (charts fall back glyph by glyph, so they may draw more)."""
    if text.isascii():
        return ""
    lacking = _needs(text) - _cmap(covering(font, text))
    return "".join(dict.fromkeys(c for c in text if ord(c) in lacking))


@functools.lru_cache(maxsize=16)
def _drawn(font: Path) -> frozenset[int]:
    """What ``font`` and the fallbacks draw between them (a chart falls back per glyph).
    Each is a letter one of them has whole: the order of :func:`fallback_files` sees that
    the chart takes it from such a font, never builds it of pieces in an earlier fallback
    (tests/theming/test_fonts.py lays out every such letter with each bundled family)."""
    return _cmap(font).union(*(_cmap(f) for f in fallback_files()))


def _name(char: str) -> str:
    name = unicodedata.name(char, "")
    return f" {name}" if name else ""


@dataclass(frozen=True)
class Undrawn:
    """A text with characters a picture would show as empty boxes: where it is (a
    location or a data source's column), what is wrong, and the fix."""

    where: Any
    message: str
    fix: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}; {self.fix}"


def undrawn(texts: Iterable[tuple[Any, str]], font: Path) -> list[Undrawn]:
    """One finding per text (``(where, text)`` pairs) with characters a picture would
    show as empty boxes, naming them."""
    out = []
    for where, text in texts:
        missing = undrawable(text, font)
        if not missing:
            continue
        named = ", ".join(f"{c!r} (U+{ord(c):04X}{_name(c)})" for c in missing[:5])
        named += f" and {len(missing) - 5} more" if len(missing) > 5 else ""
        if any(ord(c) not in _drawn(font) for c in missing):
            out.append(Undrawn(
                where,
                f"no bundled font draws {named}; pictures (charts, social cards) show an empty "
                "box for each, PowerPoint text uses the viewer's fonts",
                "replace them, or give the theme a font file that draws them (fonts.*.regular)",
            ))  # fmt: skip
        else:
            out.append(Undrawn(
                where,
                "mixes scripts no one bundled font draws together; a social card sets a text "
                f"in one font, so it shows {named} as empty boxes (charts and PowerPoint draw "
                "them)",
                "split the text, or give the theme a font file that draws both",
            ))  # fmt: skip
    return out


def coverage_warnings(texts: Iterable[tuple[Any, str]], font: Path) -> list[str]:
    """:func:`undrawn` as a build's warnings (at most 20: the rest are counted)."""
    out = [str(found) for found in undrawn(texts, font)]
    if len(out) > 20:
        out = [*out[:20], f"... and {len(out) - 20} more texts with characters no font draws"]
    return out


#: The largest font file a face is made from in memory (see :func:`face_source`). Pillow
#: copies the bytes into each face, one a size: a theme's fonts (Lato 0.1 MB, DejaVu Sans
#: 0.8 MB) cost ~0.15 ms and their size a face, the 16.5 MB CJK fallback 3.7 ms (0.4 from
#: its path) and 16.5 MB. A larger file is opened from its path, as FreeType opens any: the
#: fallbacks are package files no one saves over.
FACE_BYTES = 2 * 1024 * 1024


@functools.lru_cache(maxsize=32)
def _face_bytes(path: str) -> bytes | None:
    from deckgen.io import read_regular

    return read_regular(Path(path), FACE_BYTES)


def face_source(path: str | Path) -> str | io.BytesIO:
    """What a Pillow face of the font file ``path`` is made from: its bytes, read once in a
    process, if it holds at most :data:`FACE_BYTES`, else the path. Made from the path,
    FreeType maps the file into memory, and a font file overwritten in place (a theme's
    font saved again while a warm session runs) killed the process drawing with it at its
    next glyph (SIGBUS). The bytes are forgotten with every other cache of fonts when a
    font file changes (``pipeline.forget_fonts``)."""
    data = _face_bytes(str(path))
    return str(path) if data is None else io.BytesIO(data)


@functools.lru_cache(maxsize=256)
def pil_font(path: Path, pixels: int) -> ImageFont.FreeTypeFont:
    """A Pillow font at a pixel size, cached (loading a face is the slow part), that
    renders a text it has rendered before from memory (see :func:`_masked`), made from the
    file's bytes (see :func:`face_source`).

    A narrow or figure no-break space (French groups digits with the narrow one) is set at
    the font's own width where it has the character (Source Sans Pro's narrow one is 0.125
    em), else, with Raqm, at HarfBuzz's: half the word space, a digit's width (Lato has
    neither character). Pillow's basic layout has no such fallback and would draw a
    missing glyph's box: it sets a plain space there instead (:data:`_SPACED`)."""
    face = _masked()(face_source(path), pixels)
    face.path = str(path)  # the file _set reads the character map of (and a pickle reopens)
    return face


#: The spaces Pillow's basic layout sets as a plain space where the font lacks them.
_SPACED = "\u202f\u2007"


@functools.cache
def _masked() -> type[ImageFont.FreeTypeFont]:
    """Pillow's FreeType font, each text's rendered mask kept (by the text, its place
    within a pixel and every other argument): a card drawn again after an edit sets the
    same source line, footer and wordmark, each a few milliseconds of FreeType at a card's
    sizes. A mask is only read by the drawing (``ImageDraw.text``) except in RGBA mode
    (colour fonts), which it changes in place: that one is rendered every time."""
    from PIL import ImageFont

    class Masked(ImageFont.FreeTypeFont):
        _masks: dict[tuple[Any, ...], Any]

        def _set(self, text: Any) -> Any:
            """``text`` as the face sets it: see :func:`pil_font`."""
            if (self.layout_engine == ImageFont.Layout.RAQM or not isinstance(text, str)
                    or not any(c in text for c in _SPACED)):  # fmt: skip
                return text
            drawn = _cmap(Path(str(self.path)))
            return text.translate({ord(c): " " for c in _SPACED if ord(c) not in drawn})

        def getlength(self, text: Any, *args: Any, **kwargs: Any) -> float:
            return super().getlength(self._set(text), *args, **kwargs)

        def getmask2(self, text: Any, mode: str = "", *args: Any, **kwargs: Any) -> Any:
            text = self._set(text)
            if mode == "RGBA":
                return super().getmask2(text, mode, *args, **kwargs)
            try:
                key = (text, mode, _frozen(args), _frozen(sorted(kwargs.items())))
                masks = self.__dict__.setdefault("_masks", {})
                hit = masks.get(key)
            except TypeError:  # an argument that cannot be keyed: rendered
                return super().getmask2(text, mode, *args, **kwargs)
            if hit is None:
                if len(masks) >= 256:
                    masks.clear()
                hit = masks[key] = super().getmask2(text, mode, *args, **kwargs)
            return hit

    return Masked


def _frozen(value: Any) -> Any:
    """``value`` with its lists as tuples, so that it can key a dict."""
    if isinstance(value, list | tuple):
        return tuple(_frozen(v) for v in value)
    return value
