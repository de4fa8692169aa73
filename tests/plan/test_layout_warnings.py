"""What a build says of a corporate template's layouts before drawing on them."""

from __future__ import annotations

import re
import shutil
import zipfile
from typing import TYPE_CHECKING

import pytest

from deckgen.pipeline import BuildOptions, build
from tests.helpers import REPO, write_project

if TYPE_CHECKING:
    from pathlib import Path

TITLE_ONLY = "ppt/slideLayouts/slideLayout6.xml"  # the shipped template's "Title Only"
OUTLINE = """\
deck: {title: T, theme: brand}
slides:
  - kind: stats
    title: China built 30.2 million vehicles in 2023
    items: [{value: 30.2M, label: vehicles}]
"""


def _variant(tmp_path: Path, change) -> Path:
    """The corporate-template theme as ``brand``, its Title Only layout changed."""
    folder = tmp_path / "themes" / "brand"
    shutil.copytree(REPO / "themes" / "corporate-template", folder)
    source = REPO / "themes" / "corporate-template" / "brand.potx"
    with zipfile.ZipFile(source) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    xml = parts[TITLE_ONLY].decode()
    assert 'name="Title Only"' in xml
    parts[TITLE_ONLY] = change(xml).encode()
    with zipfile.ZipFile(folder / "brand.potx", "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return write_project(tmp_path, OUTLINE)


def _dark(xml: str) -> str:
    fill = '<a:solidFill><a:srgbClr val="111111"/></a:solidFill><a:effectLst/>'
    opening = '<p:cSld name="Title Only">'
    return xml.replace(opening, f"{opening}<p:bg><p:bgPr>{fill}</p:bgPr></p:bg>")


def _untitled(xml: str) -> str:
    return re.sub(r'<p:sp><p:nvSpPr><p:cNvPr id="2" name="Title 1"/>.*?</p:sp>', "", xml, count=1)


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (_dark, "has a #111111 background, on which the theme's text colour"),
        (_untitled, "has no title placeholder: their titles are set as text boxes"),
    ],
    ids=["dark background", "no title placeholder"],
)
def test_a_layout_the_slides_cannot_be_read_or_titled_on_is_said(tmp_path, change, said):
    """A dark variant layout under a light theme drew every value and label unreadable,
    and a layout without a title placeholder left the slide with no title for screen
    readers, both with no word (found by fuzzing)."""
    path = _variant(tmp_path, change)
    result = build(path, BuildOptions(out_dir=tmp_path / "out"))
    found = [w for w in result.warnings if said in w]
    assert len(found) == 1, result.warnings
    assert "layout 'Title Only' (stats slides)" in found[0]


def test_the_shipped_template_gives_no_layout_warning(tmp_path):
    """Its section header is dark petrol, but section slides set their text for it."""
    path = write_project(tmp_path, OUTLINE.replace("theme: brand", "theme: corporate-template")
                         + "  - kind: section\n    title: Production\n")  # fmt: skip
    result = build(path, BuildOptions(out_dir=tmp_path / "out"))
    assert not [w for w in result.warnings if "layout '" in w], result.warnings
