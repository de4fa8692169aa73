"""The package theme of a deck on deckgen's own master carries the deckgen theme's
colours and fonts: it was Office's ("Office" scheme, accent1 4F81BD, dark text on white),
so a slide added in PowerPoint to a dark deck was white with black text and the colour
picker offered Office blue (found in review). Slides drawn by deckgen keep their own
explicit colours."""

from __future__ import annotations

import shutil
import zipfile

import pytest
from lxml import etree

from deckgen.pipeline import BuildOptions, build
from deckgen.theming.load import load_theme
from tests.helpers import HEADER, REPO, write_project

A = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
P = {"p": "http://schemas.openxmlformats.org/presentationml/2006/main"}

#: A theme of its own: colours no stock scheme has.
COLOURS = """\
colors:
  background: "#101820"
  surface: "#1C2630"
  text: "#F2EFE9"
  muted: "#B0B8C0"
  primary: "#3C8DAD"
  on_primary: "#0B0F14"
  highlight: "#F2B134"
  neutral: "#5E6B78"
  grid: "#2E3A46"
"""


def _scheme(deck, *, dark: bool) -> tuple[etree._Element, dict[str, str]]:
    with zipfile.ZipFile(deck) as z:
        theme = etree.fromstring(z.read("ppt/theme/theme1.xml"))
        master = etree.fromstring(z.read("ppt/slideMasters/slideMaster1.xml"))
    scheme = theme.find(".//a:clrScheme", A)
    colours = {slot.tag.split("}")[1]: slot[0].get("val") for slot in scheme}
    clr_map = master.find(".//p:clrMap", P)
    # A dark theme swaps the master's map (as Office's dark themes do): its background is
    # the scheme's dark colour, its text the light one.
    mapped = ("dk1", "lt1", "dk2", "lt2") if dark else ("lt1", "dk1", "lt2", "dk2")
    assert tuple(clr_map.get(k) for k in ("bg1", "tx1", "bg2", "tx2")) == mapped
    assert master.find(".//p:bg/p:bgRef/a:schemeClr", {**A, **P}).get("val") == "bg1"
    return theme, colours


def test_the_package_theme_is_the_deckgen_theme(tmp_path):
    themes = tmp_path / "themes"
    shutil.copytree(REPO / "themes" / "dark", themes / "night")
    text = (themes / "night" / "theme.yaml").read_text(encoding="utf-8")
    head, _, rest = text.partition("colors:\n")
    rest = rest[rest.index("fonts:") :]
    (themes / "night" / "theme.yaml").write_text(
        head.replace("label: Dark (stage)", "label: Night shift") + COLOURS + rest,
        encoding="utf-8",
    )
    path = write_project(
        tmp_path,
        "deck: {title: T, theme: night}\nslides:\n"
        "  - kind: bullets\n    title: Two points\n    items: [One, Two]\n",
    )
    deck = build(path, BuildOptions(out_dir=tmp_path / "out")).deck
    theme, colours = _scheme(deck, dark=True)
    loaded = load_theme("night", tmp_path, {})
    assert theme.get("name") == "Night shift"
    assert theme.find(".//a:clrScheme", A).get("name") == "Night shift"
    # The master's background (bg1 = dk1) and text (tx1 = lt1) are the theme's; dk1 stays
    # the dark one: PowerPoint's table styles set dk1 text on light tints of accent1 (light
    # text there read 1.1:1 in a table inserted into a dark deck, found by review).
    assert colours["dk1"] == "101820" and colours["lt1"] == "F2EFE9"
    assert colours["lt2"] == "B0B8C0" and colours["dk2"] == "1C2630"
    # The one accent first, then the main colour, then the rest of the palette.
    assert colours["accent1"] == "F2B134" and colours["accent2"] == "3C8DAD"
    accents = [colours[f"accent{i}"] for i in range(1, 7)]
    assert len(set(accents)) == 6
    assert colours["hlink"] == loaded.theme.colors.highlight_ink.lstrip("#").upper()
    fonts = theme.find(".//a:fontScheme", A)
    assert fonts.find("a:majorFont/a:latin", A).get("typeface") == "Source Sans Pro"
    assert fonts.find("a:minorFont/a:latin", A).get("typeface") == "Source Sans Pro"


def test_a_template_keeps_its_own_package_theme(tmp_path):
    path = write_project(tmp_path, HEADER + "  - kind: title\n")
    deck = build(path, BuildOptions(theme="corporate-template", out_dir=tmp_path / "out")).deck
    with zipfile.ZipFile(REPO / "themes" / "corporate-template" / "brand.potx") as z:
        brand = z.read("ppt/theme/theme1.xml")
    with zipfile.ZipFile(deck) as z:
        assert z.read("ppt/theme/theme1.xml") == brand


@pytest.mark.parametrize("theme", ["corporate", "dark", "contrast"])
def test_dk1_is_dark_and_lt1_light_in_every_theme(tmp_path, theme):
    from deckgen.theming.colour import contrast, luminance

    path = write_project(
        tmp_path,
        f"deck: {{title: T, theme: {theme}}}\nslides:\n  - kind: section\n    title: One\n",
    )
    deck = build(path, BuildOptions(out_dir=tmp_path / "out")).deck
    loaded = load_theme(theme, tmp_path, {})
    dark = luminance(loaded.theme.colors.background) < luminance(loaded.theme.colors.text)
    _, colours = _scheme(deck, dark=dark)
    ink, ground = f"#{colours['dk1']}", f"#{colours['lt1']}"
    assert luminance(ink) < luminance(ground)
    assert contrast(ink, ground) >= 4.5
