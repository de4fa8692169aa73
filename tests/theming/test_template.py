"""Corporate templates: .potx loading, layout mapping, checks against the theme, the sample."""

from __future__ import annotations

import importlib.util
import shutil
from typing import TYPE_CHECKING

import pytest
import yaml
from pptx import Presentation

from deckgen.errors import ThemeError
from deckgen.kinds import TEMPLATE_LAYOUTS as DEFAULT_LAYOUTS
from deckgen.theming.template import (
    describe,
    open_presentation,
    open_template,
    read_template,
)
from tests.helpers import REPO, load_theme

if TYPE_CHECKING:
    from pathlib import Path

SAMPLE_THEME = REPO / "themes" / "corporate-template"
BRAND = SAMPLE_THEME / "brand.potx"
LAYOUTS = ["Title Slide", "Title and Content", "Section Header", "Title Only",
           "Title and Chart", "Blank"]  # fmt: skip


def _theme(tmp_path: Path, **template: object) -> Path:
    """A copy of the sample template theme with ``template:`` settings replaced."""
    folder = tmp_path / "brand"
    shutil.copytree(SAMPLE_THEME, folder)
    raw = yaml.safe_load((folder / "theme.yaml").read_text())
    raw["template"] = {"file": "brand.potx", **template}
    (folder / "theme.yaml").write_text(yaml.safe_dump(raw))
    return folder


def test_python_pptx_alone_refuses_a_potx_that_deckgen_opens():
    with pytest.raises(ValueError, match="not a PowerPoint file"):
        Presentation(str(BRAND))
    prs = open_presentation(BRAND)
    assert [layout.name for layout in prs.slide_layouts] == LAYOUTS


def test_a_pptx_template_opens_too(tmp_path):
    pptx = tmp_path / "brand.pptx"
    open_presentation(BRAND).save(str(pptx))
    assert read_template(pptx).layout_names == LAYOUTS


def test_read_template_gives_size_fonts_and_placeholders_in_inches():
    info = read_template(BRAND)
    assert (round(info.width, 2), info.height) == (13.33, 7.5)
    assert (info.heading_font, info.body_font) == ("Source Sans Pro", "Source Sans Pro")
    chart = info.layout("Title and Chart")
    picture = chart.first(("pic",))
    assert (picture.idx, picture.name) == (1, "Picture Placeholder 2")
    inches = tuple(v / 914400 for v in picture.box)
    assert inches[:3] == (0.5, 1.85, 12.33)
    # Footer placeholders without a box of their own inherit the master's.
    assert chart.first(("sldNum",)).box[1] / 914400 == 6.95


def test_a_layouts_plain_background_is_read_and_others_are_left_unknown():
    grounds = {layout.name: layout.ground for layout in read_template(BRAND).layouts}
    assert grounds["Title Slide"] == grounds["Section Header"] == "#0E4D64"
    assert grounds["Title and Chart"] is None  # no fill of its own or on the master


def test_the_default_mapping_applies_where_the_theme_does_not_override():
    template = load_theme("corporate-template").template
    assert template.layout_for("chart").name == "Title and Chart"  # theme.yaml override
    for kind in ("title", "section", "bullets", "stats", "statement"):
        assert template.layout_for(kind).name == DEFAULT_LAYOUTS[kind]


def test_an_override_changes_the_layout_and_the_content_area(tmp_path):
    folder = _theme(tmp_path, layouts={"cards": "Title and Content"})
    template = load_theme(str(folder)).template
    assert template.layout_for("cards").name == "Title and Content"
    assert template.layout_for("chart").name == "Title Only"  # override dropped -> default
    _, top, _, height = template.content_slot("cards")
    assert (top / 914400, height / 914400) == (1.85, 4.75)


def test_a_missing_layout_fails_listing_the_templates_layouts(tmp_path):
    folder = _theme(tmp_path, layouts={"chart": "Title and Graph", "bullets": "Agenda"})
    with pytest.raises(ThemeError) as error:
        load_theme(str(folder))
    message = error.value.format_message()
    assert "template.layouts.chart: layout 'Title and Graph' for 'chart' slides" in message
    assert "did you mean 'Title and Chart'?" in message
    assert "layout 'Agenda' for 'bullets' slides" in message
    assert ", ".join(repr(n) for n in LAYOUTS) in message


def test_a_default_layout_the_template_lacks_is_reported_with_the_fix(tmp_path):
    folder = _theme(tmp_path)
    prs = open_presentation(folder / "brand.potx")
    prs.slide_layouts.remove(prs.slide_layouts.get_by_name("Section Header"))
    prs.save(str(folder / "brand.potx"))
    with pytest.raises(ThemeError, match=r"default layout 'Section Header' for 'section'"):
        load_theme(str(folder))


def test_an_unknown_slide_kind_in_the_mapping_is_named(tmp_path):
    folder = _theme(tmp_path, layouts={"charts": "Title Only"})
    with pytest.raises(ThemeError, match=r"unknown slide kind 'charts'\n  hint: did you mean"):
        load_theme(str(folder))


def test_theme_fonts_must_be_the_templates_fonts(tmp_path):
    folder = _theme(tmp_path)
    text = (folder / "theme.yaml").read_text()
    (folder / "theme.yaml").write_text(text.replace("family: Source Sans Pro", "family: Lato", 1))
    with pytest.raises(ThemeError, match=r"template's body font is 'Source Sans Pro' but the "
                                         r"theme says 'Lato'"):  # fmt: skip
        load_theme(str(folder))


def test_the_template_file_must_stay_inside_the_theme_folder(tmp_path):
    folder = _theme(tmp_path)
    raw = yaml.safe_load((folder / "theme.yaml").read_text())
    raw["template"]["file"] = "../../brand.potx"
    (folder / "theme.yaml").write_text(yaml.safe_dump(raw))
    with pytest.raises(Exception, match="points outside the theme folder"):
        load_theme(str(folder))


def test_a_template_outside_its_theme_folder_is_refused_once_with_a_fix_that_works(tmp_path):
    """The hint offered --allow-outside, which then failed with a second message calling
    the theme folder the project folder; and template inspect read the file anyway
    (found by fuzzing)."""
    from deckgen.theming.load import find_template
    from deckgen.theming.load import load_theme as load

    folder = _theme(tmp_path)
    shutil.move(folder / "brand.potx", tmp_path / "brand.potx")
    raw = yaml.safe_load((folder / "theme.yaml").read_text())
    raw["template"]["file"] = "../../brand.potx"
    (folder / "theme.yaml").write_text(yaml.safe_dump(raw))
    for allow_outside in (False, True):
        with pytest.raises(ThemeError) as caught:
            load(str(folder), None, DEFAULT_LAYOUTS, allow_outside=allow_outside)
        (problem,) = caught.value.problems
        assert problem.location is not None and problem.location.field == "template.file"
        assert "points outside the theme folder" in problem.message
        assert problem.hint is not None and "even with --allow-outside" in problem.hint
    with pytest.raises(ThemeError, match="points outside the theme folder"):
        find_template(str(folder))
    # Written as an absolute path too (it stopped inspect with an internal error).
    raw["template"]["file"] = str(tmp_path / "brand.potx")
    (folder / "theme.yaml").write_text(yaml.safe_dump(raw))
    with pytest.raises(ThemeError, match="points outside the theme folder"):
        find_template(str(folder))


def test_a_placeholder_off_the_slide_is_a_theme_error_naming_the_layout(tmp_path):
    """A Title Only layout whose title placeholder sat off the slide failed as 'the stat
    labels are too long for the slide' at the outline's line: no outline change could fix
    it (found by fuzzing)."""
    from pptx.util import Inches

    folder = _theme(tmp_path)
    prs = open_presentation(folder / "brand.potx")
    layout = next(lay for lay in prs.slide_layouts if lay.name == "Title Only")
    title = next(ph for ph in layout.placeholders if ph.placeholder_format.type == 1)
    title.left, title.top = Inches(21.87), Inches(9.84)
    prs.save(str(folder / "brand.potx"))
    with pytest.raises(ThemeError) as caught:
        load_theme(str(folder))
    (problem,) = caught.value.problems
    assert "layout 'Title Only' of the template 'brand.potx'" in problem.message
    assert "placeholder 'Title 1' mostly off the 13.33 x 7.50 in slide" in problem.message
    assert "'stats'" in problem.message and problem.hint is not None
    # A box that only bleeds past an edge (flush right, or a little over) is the template's.
    title.left, title.top = Inches(13.33) - title.width + Inches(0.2), Inches(0.4)
    prs.save(str(folder / "brand.potx"))
    assert load_theme(str(folder)).template is not None


@pytest.mark.parametrize(("cx", "cy"), [(0, 0), (12192000, 0), (-5, 6858000)])
def test_a_slide_size_of_nothing_is_named_not_blamed_on_placeholders(tmp_path, cx, cy):
    """A 0 x 0 slide put every placeholder 'mostly off the slide', one problem a layout,
    each with a fix about placeholders (found by fuzzing)."""
    import re
    import zipfile

    folder = _theme(tmp_path)
    with zipfile.ZipFile(BRAND) as package:
        xml = package.read("ppt/presentation.xml")
    sized = re.sub(rb"<p:sldSz [^>]*/>", f'<p:sldSz cx="{cx}" cy="{cy}"/>'.encode(), xml)
    assert sized != xml
    (folder / "brand.potx").write_bytes(_rezipped({"ppt/presentation.xml": sized}))
    with pytest.raises(ThemeError) as caught:
        load_theme(str(folder))
    (problem,) = caught.value.problems
    assert str(problem.location) == str(folder / "brand.potx")
    assert problem.message == (
        f"the template's slide size is {cx} x {cy} EMU (p:sldSz in ppt/presentation.xml); "
        "expected a positive width and height"
    )
    assert problem.hint == (
        "open the template in PowerPoint, set its size (Design > Slide Size, e.g. Widescreen) "
        "and save it again as .potx or .pptx"
    )


def test_a_missing_or_broken_template_file_is_a_theme_error(tmp_path):
    folder = _theme(tmp_path, layouts={})
    (folder / "brand.potx").write_text("not a zip")
    with pytest.raises(ThemeError, match="cannot open the template as a PowerPoint file"):
        load_theme(str(folder))
    (folder / "brand.potx").unlink()
    with pytest.raises(ThemeError, match=r"template file not found: 'brand\.potx'") as info:
        load_theme(str(folder))
    # At its line, as every other field of a theme is (it named none: hostile-input review).
    where = info.value.problems[0].location
    assert where is not None and where.field == "template.file"
    lines = (folder / "theme.yaml").read_text().splitlines()
    assert where.line is not None and "brand.potx" in lines[where.line - 1]


def test_open_template_drops_slides_and_keeps_the_layouts(tmp_path):
    folder = _theme(tmp_path)
    prs = open_presentation(folder / "brand.potx")
    prs.slides.add_slide(prs.slide_layouts[0]).shapes.title.text = "Old slide"
    prs.save(str(folder / "brand.potx"))
    template = load_theme(str(folder)).template
    deck = open_template(template)
    assert len(deck.slides) == 0
    assert [layout.name for layout in deck.slide_layouts] == LAYOUTS


def _make_template_module():
    spec = importlib.util.spec_from_file_location(
        "make_template", REPO / "tools" / "make_template.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_script_reproduces_the_committed_template(tmp_path):
    built = _make_template_module().build()
    assert built == _make_template_module().build(), "two runs must give the same bytes"
    fresh = tmp_path / "brand.potx"
    fresh.write_bytes(built)
    assert describe(read_template(fresh)) == describe(read_template(BRAND))


def test_an_outline_of_another_size_fails_with_the_fix(tmp_path):
    from deckgen.pipeline import BuildOptions, build
    from tests.helpers import HEADER, write_project

    outline = HEADER.replace("  date: November 2026\n", '  date: November 2026\n  size: "4:3"\n')
    path = write_project(tmp_path / "p", outline + "  - kind: title\n")
    with pytest.raises(ThemeError) as error:
        build(path, BuildOptions(theme=str(SAMPLE_THEME), out_dir=tmp_path / "out"))
    message = error.value.format_message()
    assert (
        "deck.size: the template 'brand.potx' is 13.33 x 7.50 in, but deck.size is '4:3'" in message
    )
    assert "hint: set deck.size: '16:9' in the outline" in message
    assert not (tmp_path / "out").exists()


# --------------------------------------------------------------------------- damaged templates
def _rezipped(replace: dict[str, bytes] | None = None, drop: frozenset[str] = frozenset()):
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(BRAND) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            if info.filename not in drop:
                new.writestr(info, (replace or {}).get(info.filename, old.read(info.filename)))
    return out.getvalue()


def _opening(tmp_path, data: bytes) -> str:
    path = tmp_path / "brand.potx"
    path.write_bytes(data)
    with pytest.raises(ThemeError) as info:
        open_presentation(path)
    message = str(info.value)
    assert message.startswith(f"{path}: ")
    return message


def test_malformed_xml_in_a_layout_is_a_theme_error_with_the_fix(tmp_path):
    message = _opening(tmp_path, _rezipped({"ppt/slideLayouts/slideLayout2.xml": b"<p:sldLayout"}))
    assert "the template has malformed XML" in message
    assert "hint: save it from PowerPoint as .pptx or .potx" in message


def test_entities_in_a_part_are_refused_before_any_parser_sees_them(tmp_path):
    laughs = b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY l "lol">]><a>&l;</a>'
    message = _opening(tmp_path, _rezipped({"ppt/presProps.xml": laughs}))
    assert "part 'ppt/presProps.xml' of the template declares a document type" in message


def test_a_part_a_relationship_needs_is_named(tmp_path):
    message = _opening(tmp_path, _rezipped(drop=frozenset({"ppt/theme/theme1.xml"})))
    assert "the template is missing a part PowerPoint needs: " in message
    assert "ppt/slideMasters/slideMaster1.xml refers to ppt/theme/theme1.xml" in message


def test_a_template_without_layouts_is_refused(tmp_path):
    import re
    import zipfile

    with zipfile.ZipFile(BRAND) as package:
        master = package.read("ppt/slideMasters/slideMaster1.xml")
    empty = re.sub(rb"<p:sldLayoutIdLst>.*?</p:sldLayoutIdLst>", b"", master, flags=re.S)
    message = _opening(tmp_path, _rezipped({"ppt/slideMasters/slideMaster1.xml": empty}))
    assert "has no layouts" in message
    assert "Insert Layout" in message  # not 'save it from PowerPoint' (found by fuzzing)


def test_a_template_that_inflates_past_the_limit_is_refused(tmp_path, monkeypatch):
    from deckgen import limits

    monkeypatch.setattr(limits, "MAX_PACKAGE_BYTES", 50_000)
    message = _opening(tmp_path, BRAND.read_bytes())
    assert "the template inflates past" in message and "or 49 KB in all" in message


def _linking(target: str, kind: str = "image") -> bytes:
    """The sample template with its slide master related to ``target`` outside it."""
    import zipfile

    name = "ppt/slideMasters/_rels/slideMaster1.xml.rels"
    with zipfile.ZipFile(BRAND) as package:
        rels = package.read(name).decode()
    link = (
        f'<Relationship Id="rId99" Target="{target}" TargetMode="External" Type='
        f'"http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}"/>'
    )
    return _rezipped({name: rels.replace("</Relationships>", link + "</Relationships>").encode()})


@pytest.mark.parametrize(
    "target",
    [
        "file://attacker.example/share/pixel.png",
        "http://tracker.example/p.png",
        r"\\host\share\logo.png",
        # What a list of network forms let through (found by fuzzing): Windows' file URI
        # of a share, a leading space, a scheme inside a scheme.
        "file:////attacker.example/share/pixel.png",
        " http://tracker.example/p.png",
        "mhtml:http://tracker.example/p",
        "//host/share/logo.png",
    ],
)
def test_a_template_linking_to_the_network_is_refused(tmp_path, target):
    """A linked picture at a network address went into every deck, fetched by PowerPoint
    whenever it is opened (on Windows a share's address sends the reader's sign-in); build
    and check were silent (found by fuzzing)."""
    message = _opening(tmp_path, _linking(target.replace("&", "&amp;")))
    assert f"links ppt/slideMasters/slideMaster1.xml to {target}, which PowerPoint would " \
        "fetch from the network" in message  # fmt: skip
    assert "Break Link" in message


@pytest.mark.parametrize(
    ("target", "kind"),
    [
        ("file:///C:/Brand/logo.png", "image"),
        ("https://example.org/about", "hyperlink"),
        (r"C:\Brand\logo.png", "image"),
        ("logo.png", "image"),
        ("/Brand/logo.png", "image"),
    ],
)
def test_a_link_on_this_machine_or_a_hyperlink_is_kept(tmp_path, target, kind):
    path = tmp_path / "brand.potx"
    path.write_bytes(_linking(target, kind))
    assert open_presentation(path).slide_master is not None


def test_a_macro_enabled_template_is_named_as_one(tmp_path):
    """A .potm renamed .potx was 'file <_io.BytesIO object at 0x...> is not a PowerPoint
    file' (found by fuzzing)."""
    import zipfile

    with zipfile.ZipFile(BRAND) as package:
        types = package.read("[Content_Types].xml")
    macro = types.replace(b"presentationml.template.main+xml",
                          b"presentationml.template.macroEnabled.main+xml")  # fmt: skip
    message = _opening(tmp_path, _rezipped({"[Content_Types].xml": macro}))
    assert "macro-enabled PowerPoint file" in message and "BytesIO" not in message


@pytest.mark.parametrize("name", ["book.xlsx", "book.pptx"])
def test_another_office_file_as_a_template_is_named_for_what_it_is(tmp_path, name):
    """An Excel workbook named as a template was told "file '<_io.BytesIO object at
    0x...>' is not a PowerPoint file, content type is '...spreadsheetml...'" (fuzzing
    round 7)."""
    import openpyxl

    from deckgen.theming.template import open_presentation

    openpyxl.Workbook().save(tmp_path / name)
    with pytest.raises(ThemeError) as caught:
        open_presentation(tmp_path / name)
    message = str(caught.value)
    assert "the template is an Excel workbook, not a PowerPoint file" in message
    assert "BytesIO" not in message and "content type" not in message
