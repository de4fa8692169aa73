"""Font files for a theme's families.

Text is measured and drawn with real font files, never with whatever a machine happens to
have, so a build gives the same line breaks and the same pixels everywhere. The families
below come from PyPI packages that deckgen depends on; a theme may also ship its own files.
"""

from __future__ import annotations

import functools
import importlib.resources
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from deckgen.errors import ThemeError, did_you_mean

if TYPE_CHECKING:
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


def resolve(spec: FontSpec, theme_folder: Path) -> FontFiles:
    """Find the files for ``spec``; raise :class:`ThemeError` if there are none."""
    if spec.regular:
        regular = theme_folder / spec.regular
        bold = theme_folder / (spec.bold or spec.regular)
        for path in (regular, bold):
            if not path.is_file():
                raise ThemeError(f"{theme_folder / 'theme.yaml'}: font file not found: {path}")
        return FontFiles(spec.family, regular, bold)
    if spec.family not in BUNDLED:
        hint = did_you_mean(spec.family, BUNDLED) or f"bundled: {', '.join(BUNDLED)}"
        raise ThemeError(
            f"{theme_folder / 'theme.yaml'}: font family {spec.family!r} is not bundled and the "
            f"theme gives no 'regular:' file for it; {hint}"
        )
    package, regular_name, bold_name = BUNDLED[spec.family]
    return FontFiles(
        spec.family, _bundled_file(package, regular_name), _bundled_file(package, bold_name)
    )


def font_dirs() -> list[Path]:
    """Folders holding every bundled font file (for LibreOffice's fontconfig)."""
    return sorted({_bundled_file(p, r).parent for p, r, _ in BUNDLED.values()})


@functools.lru_cache(maxsize=256)
def pil_font(path: Path, pixels: int) -> ImageFont.FreeTypeFont:
    """A Pillow font at a pixel size, cached (loading a face is the slow part)."""
    from PIL import ImageFont

    return ImageFont.truetype(str(path), pixels)
