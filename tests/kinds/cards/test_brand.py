"""The brand on every card: a strip along the top in the brand colour and the logo in the
footer, from the corporate template when the theme has one (its band's colour, its logo
picture), else from the theme (primary colour, ``logo:``), else the organisation's name."""

from __future__ import annotations

import io
import shutil
from typing import TYPE_CHECKING

import pytest

from deckgen.plan.cards import plan_cards
from deckgen.tables.sources import load_tables
from deckgen.theming.template import read_template
from tests.helpers import REPO, load_outline, load_theme, write_project
from tests.kinds.cards.conftest import social_outline

if TYPE_CHECKING:
    from pathlib import Path

CARDS = """
- kind: stat
  name: stat
  presets: [ig-portrait, x-post]
  title: China builds three in ten vehicles
  value: 30.2M
  label: vehicles were built in China in 2023
  source: G20 production table
- kind: list
  name: list
  presets: [ig-square]
  title: Where the vehicles are built
  items: [China, The United States, Japan, India]
"""
#: A colour no shipped theme uses, so finding it in a picture means the logo was drawn.
LOGO_RGB = (0x12, 0xC4, 0x5A)
#: The relationship type of a picture.
RT_IMAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"


def _logo_png(size: tuple[int, int] = (120, 60), rgb: tuple[int, int, int] = LOGO_RGB) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, rgb).save(out, "PNG")
    return out.getvalue()


def _emf() -> bytes:
    """The smallest EMF picture (a header and the end): what a design tool's vector logo
    is saved as in a template."""
    import struct

    fields = (1, 88, 0, 0, 99, 49, 0, 0, 2646, 1323, 0x464D4520, 0x10000, 108, 2, 1, 0, 0,
              0, 0, 1920, 1080, 508, 285)  # fmt: skip
    header = struct.pack("<II4i4iIIIIHHIIIiiii", *fields)
    return header + struct.pack("<IIIII", 14, 20, 0, 0, 20)


def _template_with_logo(source: Path, target: Path, rgb: tuple[int, int, int] = LOGO_RGB,
                        data: bytes | None = None) -> None:  # fmt: skip
    """``source`` with a logo picture added to its slide master (python-pptx adds pictures
    to slides only: one is added to a slide, then moved to the master with its image)."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.util import Inches

    from deckgen.theming.template import open_presentation

    prs = open_presentation(source)
    slide = prs.slides.add_slide(prs.slide_layouts[0])
    logo = io.BytesIO(data or _logo_png(rgb=rgb))
    pic = slide.shapes.add_picture(logo, Inches(11), Inches(6.8), Inches(1))
    image = slide.part.related_part(pic._element.blip_rId)
    pic._element.blipFill.blip.rEmbed = prs.slide_master.part.relate_to(image, RT.IMAGE)
    prs.slide_master.shapes._spTree.append(pic._element)
    rid = prs.slides._sldIdLst[0].rId
    prs.part.drop_rel(rid)
    del prs.slides._sldIdLst[0]
    prs.save(target)


def _cards(tmp_path: Path, theme):
    path = write_project(tmp_path / "project", social_outline(CARDS))
    loaded = load_outline(path)
    return plan_cards(loaded, load_tables(loaded), theme)


def _has(image, box, rgb) -> bool:
    colours = image.crop((box.left.px, box.top.px, box.right.px, box.bottom.px)).getcolors(1 << 16)
    return any(c == rgb for _, c in colours)


def _hex(rgb: tuple[int, int, int]) -> str:
    return "#{:02X}{:02X}{:02X}".format(*rgb)


def test_the_sample_template_gives_its_band_colour_and_has_no_logo_picture():
    info = read_template(REPO / "themes" / "corporate-template" / "brand.potx")
    assert info.band == "#0E4D64"  # the master's full-width band (tools/make_template.py)
    assert info.logo is None  # its "logo" is drawn with shapes, not a picture


@pytest.mark.parametrize("name", ["corporate", "dark", "contrast", "corporate-template"])
def test_every_card_carries_the_brand_strip_and_the_organisation(tmp_path, name):
    theme = load_theme(name)
    expected = theme.template.band if theme.template else theme.theme.colors.primary
    for card in _cards(tmp_path, theme):
        strip = card.job.frame.strip
        assert strip is not None and strip.color.upper() == expected.upper()
        assert strip.box.top.px == 0 and strip.box.width.px == card.preset.width
        image = card.job.draw()
        mid = (card.preset.width // 2, strip.box.height.px // 2)
        assert _hex(image.getpixel(mid)) == expected.upper(), card.file
        assert card.job.footer.wordmark is not None  # no logo anywhere: the organisation
        assert card.job.footer.wordmark.lines == ("Tests Inc",)


def test_a_template_logo_picture_goes_on_every_card(tmp_path):
    themes = tmp_path / "project" / "themes"
    shutil.copytree(REPO / "themes" / "corporate-template", themes / "brand")
    potx = themes / "brand" / "brand.potx"
    _template_with_logo(REPO / "themes" / "corporate-template" / "brand.potx", potx)
    theme = load_theme("brand", tmp_path / "project")
    assert theme.template is not None and theme.template.logo is not None
    assert theme.template.logo.startswith("ppt/media/")
    cards = _cards(tmp_path, theme)
    for card in cards:
        logo = card.job.footer.logo
        assert logo is not None and logo.member == theme.template.logo, card.file
        assert logo.box.width.px == 2 * logo.box.height.px  # the picture's 2:1 shape kept
        assert card.job.footer.wordmark is None
        assert _has(card.job.draw(), logo.box, LOGO_RGB), card.file
    # The template's bytes key the card: another logo picture is another card.
    again = tmp_path / "again"
    shutil.copytree(tmp_path / "project", again)
    _template_with_logo(REPO / "themes" / "corporate-template" / "brand.potx",
                        again / "themes" / "brand" / "brand.potx", (0, 0, 0))  # fmt: skip
    other = _cards(tmp_path / "x", load_theme("brand", again))
    assert all(a.job.key() != b.job.key() for a, b in zip(cards, other, strict=True))


def test_without_a_template_logo_the_theme_logo_is_used(tmp_path):
    themes = tmp_path / "project" / "themes"
    shutil.copytree(REPO / "themes" / "corporate", themes / "mine")
    (themes / "mine" / "logo.png").write_bytes(_logo_png((90, 90)))
    with (themes / "mine" / "theme.yaml").open("a", encoding="utf-8") as f:
        f.write("\nlogo: logo.png\n")
    theme = load_theme("mine", tmp_path / "project")
    for card in _cards(tmp_path, theme):
        logo = card.job.footer.logo
        assert logo is not None and logo.member is None
        assert logo.box.width == logo.box.height
        assert _has(card.job.draw(), logo.box, LOGO_RGB), card.file


def test_a_16_bit_grey_logo_is_drawn_grey_on_the_cards(tmp_path):
    """A 16-bit greyscale PNG (Photoshop's '16 bits/channel') lost every value over 255 in
    Pillow's conversion: a mid-grey logo drew white on the white card (found by fuzzing)."""
    import numpy as np
    from PIL import Image

    themes = tmp_path / "project" / "themes"
    shutil.copytree(REPO / "themes" / "corporate", themes / "mine")
    grey = np.full((60, 120), 0x7777, dtype=np.uint16)  # 0x77 in 8 bits
    Image.fromarray(grey).save(themes / "mine" / "logo.png")
    with Image.open(themes / "mine" / "logo.png") as saved:
        assert saved.mode == "I;16"
    with (themes / "mine" / "theme.yaml").open("a", encoding="utf-8") as f:
        f.write("\nlogo: logo.png\n")
    theme = load_theme("mine", tmp_path / "project")
    for card in _cards(tmp_path, theme):
        logo = card.job.footer.logo
        assert logo is not None
        assert _has(card.job.draw(), logo.box, (0x77, 0x77, 0x77)), card.file


def test_a_logo_the_card_background_hides_gives_the_wordmark_and_a_warning(tmp_path):
    """A white logo on transparency (made for the navy title slide) was drawn white on the
    white cards, which showed no brand at all (found by fuzzing). A logo that reads, even
    a mostly light one with some dark ink, is kept."""
    from PIL import Image

    from deckgen.pipeline import BuildOptions, build

    themes = tmp_path / "project" / "themes"
    shutil.copytree(REPO / "themes" / "corporate", themes / "mine")
    knockout = Image.new("RGBA", (120, 60), (0, 0, 0, 0))
    knockout.paste((255, 255, 255, 255), (10, 10, 110, 50))
    knockout.save(themes / "mine" / "logo.png")
    with (themes / "mine" / "theme.yaml").open("a", encoding="utf-8") as f:
        f.write("\nlogo: logo.png\n")
    theme = load_theme("mine", tmp_path / "project")
    for card in _cards(tmp_path, theme):
        assert card.job.footer.logo is None and card.job.footer.wordmark is not None
    path = write_project(tmp_path / "project", social_outline(CARDS))
    result = build(path, BuildOptions(out_dir=tmp_path / "out", theme="mine"))
    assert any("the logo can hardly be seen on the cards' background #FFFFFF" in w
               for w in result.warnings), result.warnings  # fmt: skip
    # A light logo with a dark word in it reads.
    knockout.paste((0x12, 0x35, 0x5B, 255), (20, 20, 60, 40))
    knockout.save(themes / "mine" / "logo.png")
    theme = load_theme("mine", tmp_path / "project")
    assert all(card.job.footer.logo is not None for card in _cards(tmp_path, theme))


def test_a_hidden_template_logo_gives_way_to_the_themes_own(tmp_path):
    """A white template logo on the white cards fell back to the wordmark even where the
    theme had a logo of its own that reads (found by review)."""
    from deckgen.pipeline import BuildOptions, build

    themes = tmp_path / "project" / "themes"
    shutil.copytree(REPO / "themes" / "corporate-template", themes / "brand")
    _template_with_logo(REPO / "themes" / "corporate-template" / "brand.potx",
                        themes / "brand" / "brand.potx", rgb=(255, 255, 255))  # fmt: skip
    (themes / "brand" / "logo.png").write_bytes(_logo_png((90, 90)))
    with (themes / "brand" / "theme.yaml").open("a", encoding="utf-8") as f:
        f.write("\nlogo: logo.png\n")
    theme = load_theme("brand", tmp_path / "project")
    assert theme.template is not None and theme.template.logo is not None
    for card in _cards(tmp_path, theme):
        logo = card.job.footer.logo
        assert logo is not None and logo.member is None, card.file
        assert _has(card.job.draw(), logo.box, LOGO_RGB), card.file
    path = write_project(tmp_path / "project", social_outline(CARDS))
    result = build(path, BuildOptions(out_dir=tmp_path / "out", theme="brand"))
    assert any("the cards show the theme's logo" in w for w in result.warnings), result.warnings


def test_a_template_logo_no_card_can_draw_gives_the_wordmark_and_a_warning(tmp_path):
    """An EMF logo (vector art as design tools save it): Pillow reads its size but cannot
    draw it, so the cards set the organisation's name, and the build says why."""
    from deckgen.pipeline import BuildOptions, build

    themes = tmp_path / "project" / "themes"
    shutil.copytree(REPO / "themes" / "corporate-template", themes / "brand")
    potx = themes / "brand" / "brand.potx"
    _template_with_logo(REPO / "themes" / "corporate-template" / "brand.potx", potx,
                        data=_emf())  # fmt: skip
    theme = load_theme("brand", tmp_path / "project")
    assert theme.template is not None and theme.template.logo is None
    assert theme.template.undrawable_logo is not None
    assert theme.template.undrawable_logo.endswith((".emf", ".wmf"))
    for card in _cards(tmp_path, theme):
        assert card.job.footer.logo is None and card.job.footer.wordmark is not None
        card.job.draw()  # before: "cannot find loader for this WMF file"
    path = write_project(tmp_path / "project", social_outline(CARDS))
    result = build(path, BuildOptions(out_dir=tmp_path / "out", theme="brand"))
    assert any("is vector art (" in w and "cannot draw on a social card" in w
               for w in result.warnings), result.warnings  # fmt: skip


def test_a_damaged_png_on_a_template_is_called_damaged_not_vector_art():
    """A cut-short PNG on a master was called 'vector art (PNG)' (found by fuzzing)."""
    from dataclasses import replace

    template = load_theme("corporate-template").template
    assert template is not None
    damaged = replace(template, logo=None, undrawable_logo="ppt/media/logo.png")
    (said,) = damaged.warnings(theme_logo=False)
    assert "ppt/media/logo.png is damaged (PNG that cannot be read)" in said
    assert "vector art" not in said


@pytest.mark.parametrize("how", ["link", "external embed", "no picture"])
def test_a_linked_logo_picture_on_a_template_gives_the_wordmark_not_a_crash(tmp_path, how):
    """A master picture inserted with "Link to File" (an address outside the template, as
    agency templates have) stopped build, check and template inspect with an internal
    error (found by fuzzing). The cards set the wordmark, and the build says why."""
    from pptx.oxml.ns import qn

    from deckgen.pipeline import BuildOptions, build
    from deckgen.theming.template import open_presentation

    themes = tmp_path / "project" / "themes"
    shutil.copytree(REPO / "themes" / "corporate-template", themes / "brand")
    potx = themes / "brand" / "brand.potx"
    _template_with_logo(REPO / "themes" / "corporate-template" / "brand.potx", potx)
    prs = open_presentation(potx)
    master = prs.slide_master
    (blip,) = master.shapes._spTree.xpath(".//p:pic/p:blipFill/a:blip")
    address = "file:///C:/Brand/logo.png"
    external = master.part.relate_to(address, RT_IMAGE, is_external=True)
    del blip.attrib[qn("r:embed")]
    if how != "no picture":
        blip.set(qn("r:link" if how == "link" else "r:embed"), external)
    prs.save(potx)
    theme = load_theme("brand", tmp_path / "project")
    assert theme.template is not None and theme.template.logo is None
    path = write_project(tmp_path / "project", social_outline(CARDS))
    result = build(path, BuildOptions(out_dir=tmp_path / "out", theme="brand"))
    assert result.cards
    linked = [w for w in result.warnings if "is linked to a file outside the template" in w]
    assert len(linked) == (0 if how == "no picture" else 1)
    assert all(address in w for w in linked)
