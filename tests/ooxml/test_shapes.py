"""python-pptx primitives: package part names as python-pptx gives them, text runs, the
decorative flag, and the master and layouts of deckgen's own 16:9 (or 4:3) package."""

from __future__ import annotations

import copy

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pptx import Presentation
from pptx.util import Emu

from deckgen.layout.geometry import Rect
from deckgen.layout.units import Inches, Pt
from deckgen.ooxml import shapes as sh


def _names(indexed: bool) -> list[str]:
    prs = Presentation()
    if indexed:
        sh.index_parts(prs)
    for k in range(4):
        slide = prs.slides.add_slide(prs.slide_layouts[6])
        if k != 1:  # a slide without notes leaves no gap in the numbers
            slide.notes_slide.notes_text_frame.text = f"note {k}"
    return sorted(str(p.partname) for p in prs.part.package.iter_parts())


def test_notes_pages_are_named_as_python_pptx_names_them() -> None:
    names = _names(indexed=True)
    assert names == _names(indexed=False)
    notes = [n for n in names if n.startswith("/ppt/notesSlides/")]
    assert notes == [f"/ppt/notesSlides/notesSlide{k}.xml" for k in (1, 2, 3)]


def test_a_number_and_its_unit_are_written_with_a_no_break_space() -> None:
    """The fitter keeps '$32.8 billion' on one line; a plain space let LibreOffice put
    '$32.8' at the end of a title's first line and 'billion' on the next."""
    from deckgen.layout.geometry import Rect
    from deckgen.layout.units import Inches, Pt

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    text = "The industry invested more than $32.8 billion, most of it in Laredo, TX"
    shape = sh.add_text(slide, Rect(Inches(1), Inches(1), Inches(4), Inches(1)),
                        [sh.Para(text, "Lato", Pt(20), "#000000")])  # fmt: skip
    written = shape.text_frame.text
    assert "$32.8\xa0billion" in written and "Laredo,\xa0TX" in written
    assert written.replace("\xa0", " ") == text


def test_a_box_that_may_shrink_says_so_and_every_other_keeps_its_size() -> None:
    """A card's text ran past its card in a wider substitute font: its box says "shrink
    text on overflow" (normAutofit), which LibreOffice applies at once; every other box is
    written as measured (noAutofit)."""
    from pptx.oxml.ns import qn

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    box = Rect(Inches(1), Inches(1), Inches(4), Inches(1))
    para = [sh.Para("A card's text", "Lato", Pt(14), "#000000")]
    plain, shrunk = (sh.add_text(slide, box, para, shrink=s) for s in (False, True))
    for shape, tag in ((plain, "a:noAutofit"), (shrunk, "a:normAutofit")):
        body = shape.text_frame._txBody.bodyPr
        assert [qn(tag)] == [c.tag for c in body if c.tag.endswith("Autofit")]
        # No font scale: PowerPoint shows the text at its size until the box is edited.
        assert body.find(qn("a:normAutofit")) is None or not body.find(
            qn("a:normAutofit")).attrib  # fmt: skip


def test_arabic_and_hebrew_paragraphs_run_right_to_left_from_the_right() -> None:
    """They were written as left-to-right paragraphs: the full stop stood beside the first
    word and the bullet on the left (found by fuzzing)."""
    from pptx.oxml.ns import qn

    from deckgen.layout.geometry import Rect
    from deckgen.layout.units import Inches, Pt

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    texts = ["ارتفع الإنتاج بنسبة 37% في عام 2023.", "2023: השוק צמח ב-10%.", "Production rose."]
    paras = [sh.Para(t, "Lato", Pt(20), "#000000", bullet="•", measure=Inches(3)) for t in texts]
    shape = sh.add_text(slide, Rect(Inches(1), Inches(1), Inches(6), Inches(2)), paras)
    found = [(p.get("rtl"), p.get("algn"), p.get("marR"))
             for p in shape._element.iter(qn("a:pPr"))]  # fmt: skip
    assert found[:2] == [("1", "r", "0"), ("1", "r", "0")]  # a leading number has no side
    assert found[2][:2] == (None, "l") and found[2][2] == str(int(Inches(3)))
    assert sh.right_to_left("2023: השוק") and not sh.right_to_left("2023 ok")


@pytest.mark.parametrize("group", [False, True], ids=["on a slide", "in a group"])
def test_ovals_added_at_once_are_those_added_one_by_one(group: bool) -> None:
    """add_ovals copies its first oval's element for the rest (100 python-pptx shapes took
    0.3 s): the same XML, ids, names, places, fills and group extents as add_oval's."""
    from lxml import etree

    dots = [(Rect(Inches(1 + k % 4), Inches(1 + k // 4), Inches(0.5), Inches(0.5)),
             "#C8102E" if k < 5 else "#858E9B", f"Dot {k + 1}") for k in range(12)]  # fmt: skip

    def made(at_once: bool) -> bytes:
        prs = Presentation()
        slide = prs.slides.add_slide(prs.slide_layouts[6])
        sh.add_rect(slide, Rect(Inches(0), Inches(0), Inches(1), Inches(1)), "#000000")
        shapes = slide.shapes.add_group_shape().shapes if group else slide.shapes
        if at_once:
            sh.add_ovals(shapes, dots)
        else:
            for rect, colour, name in dots:
                sh.add_oval(shapes, rect, colour, name=name)
        # A shape added after them takes the next id either way.
        sh.add_rect(slide, Rect(Inches(6), Inches(0), Inches(1), Inches(1)), "#000000")
        return etree.tostring(slide.shapes._spTree)

    assert made(at_once=True) == made(at_once=False)


def test_a_shape_marked_decorative_twice_carries_one_flag() -> None:
    from deckgen.layout.geometry import Rect
    from deckgen.layout.units import Inches

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    shape = sh.add_rect(slide, Rect(Inches(1), Inches(1), Inches(1), Inches(1)), "#336699")
    sh.set_decorative(shape)
    props = shape._element.xpath("./*[1]/p:cNvPr")[0]
    exts = props.xpath("./a:extLst/a:ext[@uri='{C183D7F6-B498-43B3-948B-1728B52AA6E4}']")
    assert len(exts) == 1 and props.get("descr") == ""
    assert exts[0][0].get("val") == "1"
    assert (
        exts[0][0].tag == "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative"
    )


@pytest.mark.parametrize("size", ["16:9", "4:3"])
def test_placeholders_of_deckgens_own_master_and_layouts_sit_on_the_slide(size: str) -> None:
    """PowerPoint's New Slide and Reset Slide put a placeholder where its layout (or the
    master) says. Every layout placeholder that inherits its box was given one, stretched
    twice and 0 high at the slide's top: a title 16 in wide on a 13.33 in slide (review)."""
    from deckgen.layout.slide import FOOTER_HEIGHT, MARGIN, TITLE_TOP, slide_size

    width, height = slide_size(size)
    prs = sh.new_presentation(width, height, "Lato", "Lato")
    master = prs.slide_master
    for layout in [master, *master.slide_layouts]:
        for shape in layout.placeholders:
            where = f"{layout.name}: {shape.name}"
            assert shape.left >= 0 and shape.top >= 0, where
            assert shape.left + shape.width <= width and shape.top + shape.height <= height, where
            # The narrowest is the slide number's, as wide as a slide's own (0.7 in).
            assert shape.width >= Inches(0.7) and shape.height >= FOOTER_HEIGHT, where
    # A new slide on Title Only has its title where deckgen puts a content slide's title,
    # and its footer placeholders in deckgen's footer band.
    slide = prs.slides.add_slide(prs.slide_layouts[sh.LAYOUT_TITLE_ONLY])
    title = slide.shapes.title
    assert (title.left, title.top, title.width) == (MARGIN, TITLE_TOP, width - 2 * MARGIN)
    for shape in prs.slide_layouts[sh.LAYOUT_TITLE_ONLY].placeholders:
        if shape.placeholder_format.idx != 0:
            assert (shape.top, shape.height) == (height - MARGIN - FOOTER_HEIGHT, FOOTER_HEIGHT)
    # A placeholder that inherits its box still does (it follows a master edited later).
    assert not prs.slide_layouts[sh.LAYOUT_TITLE_ONLY].placeholders[0]._element.xpath(
        "./p:spPr/a:xfrm")  # fmt: skip


def _inherited(slide, name: str, where: str) -> str | None:
    """``name`` as a new slide's title inherits it, without text of its own: from its
    layout's title placeholder, else the master's, else (for text) the master's title
    style. ``where``: ``bodyPr`` (the box), ``lvl1pPr`` (the paragraph) or ``defRPr``."""
    paths = {"bodyPr": "./p:txBody/a:bodyPr", "lvl1pPr": "./p:txBody/a:lstStyle/a:lvl1pPr",
             "defRPr": "./p:txBody/a:lstStyle/a:lvl1pPr/a:defRPr"}  # fmt: skip
    from pptx.enum.shapes import PP_PLACEHOLDER

    layout = slide.slide_layout
    owners = [next(s for s in p.placeholders if s.placeholder_format.type == PP_PLACEHOLDER.TITLE)
              for p in (layout, layout.slide_master)]  # fmt: skip
    for owner in owners:
        found = owner._element.xpath(f"{paths[where]}/@{name}")
        if found:
            return str(found[0])
    if where == "bodyPr":
        return None
    style = "./p:txStyles/p:titleStyle/a:lvl1pPr" + ("/a:defRPr" if where == "defRPr" else "")
    found = layout.slide_master.element.xpath(f"{style}/@{name}")
    return str(found[0]) if found else None


@pytest.mark.parametrize("layout", [sh.LAYOUT_TITLE_ONLY, sh.LAYOUT_TITLE_AND_CONTENT])
def test_a_slide_added_in_powerpoint_has_deckgens_title(layout: int) -> None:
    """A New Slide on Title Only or Title and Content took python-pptx's master title
    style: centred, regular, 44 pt, in the middle of its box; deckgen's own titles are
    left-aligned, bold, at the theme's title size, from the box's top with no insets (the
    heading font is the package theme's major font, which the master's titles name)."""
    from deckgen.layout.units import Pt

    prs = sh.new_presentation(Inches(13.333), Inches(7.5), "Lato", "Lato", title=Pt(30))
    slide = prs.slides.add_slide(prs.slide_layouts[layout])
    slide.shapes.title.text = "Added by hand"
    assert _inherited(slide, "algn", "lvl1pPr") == "l"
    assert _inherited(slide, "b", "defRPr") == "1"
    assert _inherited(slide, "sz", "defRPr") == "3000"
    assert prs.slide_master.element.xpath(
        "./p:txStyles/p:titleStyle/a:lvl1pPr/a:defRPr/a:latin/@typeface") == ["+mj-lt"]  # fmt: skip
    assert _inherited(slide, "anchor", "bodyPr") == "t"
    assert {_inherited(slide, k, "bodyPr") for k in ("lIns", "tIns", "rIns", "bIns")} == {"0"}


@pytest.mark.parametrize("size", ["16:9", "4:3"])
def test_only_the_layouts_a_new_slide_takes_carry_the_accent_rule(size: str) -> None:
    """Title Only and Title and Content draw deckgen's accent rule (for a slide added in
    PowerPoint); the cover's, section's and blank layouts do not. The master's slide
    number ends at the right margin, on the bottom one, on either slide size."""
    from deckgen.layout.slide import MARGIN, slide_size

    width, height = slide_size(size)
    prs = sh.new_presentation(width, height, "Lato", "Lato")
    ruled = [n for n, layout in enumerate(prs.slide_layouts)
             if any(s.name == "Accent rule" for s in layout.shapes)]  # fmt: skip
    assert ruled == sorted(sh.RULED_LAYOUTS)
    number = next(s for s in prs.slide_master.placeholders if s.name.startswith("Slide Number"))
    assert (number.left + number.width, number.top + number.height) == (
        width - MARGIN, height - MARGIN)  # fmt: skip


@pytest.mark.parametrize(("size", "footer"), [("16:9", 12), ("4:3", 12), ("4:3", 28)])
def test_the_masters_footer_date_and_number_do_not_overlap(size: str, footer: int) -> None:
    """The date stood where python-pptx's master has it, over the left end of deckgen's
    footer text: a date turned on (Insert > Header & Footer) overlapped the footer (found
    in review). It sits just left of the slide number, right-aligned, in deckgen's footer
    style, and the footer text ends before it; none of the three overlaps another, on
    either slide size and at a large footer size."""
    from itertools import combinations

    from deckgen.layout.slide import FOOTER_HEIGHT, MARGIN, footer_band_at, footer_boxes, slide_size
    from deckgen.layout.units import Pt

    width, height = slide_size(size)
    prs = sh.new_presentation(width, height, "Lato", "Lato", footer=Pt(footer))
    kinds = ("dt", "ftr", "sldNum")
    boxes = {s.name: s for s in prs.slide_master.placeholders
             if s._element.xpath("./p:nvSpPr/p:nvPr/p:ph/@type")[0] in kinds}  # fmt: skip
    assert len(boxes) == 3
    for a, b in combinations(boxes.values(), 2):
        assert a.left + a.width <= b.left or b.left + b.width <= a.left, (a.name, b.name)
    for shape in boxes.values():  # in the band, on its baseline, no insets, footer style
        assert shape.left >= MARGIN and shape.left + shape.width <= width - MARGIN, shape.name
        assert (shape.top, shape.height) == (height - MARGIN - FOOTER_HEIGHT, FOOTER_HEIGHT)
        body = shape._element.xpath("./p:txBody/a:bodyPr")[0]
        assert body.get("anchor") == "b"
        assert {body.get(k) for k in ("lIns", "tIns", "rIns", "bIns")} == {"0"}, shape.name
        level = "./p:txBody/a:lstStyle/a:lvl1pPr"
        assert shape._element.xpath(f"{level}/a:defRPr/@sz") == [str(footer * 100)]
        assert shape._element.xpath(f"{level}/a:defRPr/a:solidFill/a:schemeClr/@val") == ["tx2"]
    by_x = sorted(boxes.values(), key=lambda s: s.left)
    assert [s.name.split(" Placeholder")[0] for s in by_x] == ["Footer", "Date", "Slide Number"]
    assert [s._element.xpath("./p:txBody/a:lstStyle/a:lvl1pPr/@algn")[0] for s in by_x] == [
        "l", "r", "r"]  # fmt: skip
    # The footer text starts and the number stands where a slide's own do.
    line, number = footer_boxes(footer_band_at(width, height))
    assert (by_x[0].left, by_x[2].left, by_x[2].width) == (line.left, number.left, number.width)
    assert by_x[1].left + by_x[1].width == line.right


# ------------------------------------------------------------------------------ add_text
def _by_python_pptx(shape: object, paragraphs: list[sh.Para]) -> None:
    """What add_text wrote through python-pptx's paragraph and run setters before it
    built the XML itself: the reference its XML must equal."""
    from lxml import etree
    from pptx.oxml.ns import qn

    frame = shape.text_frame  # type: ignore[attr-defined]
    frame.clear()
    measured = any(para.measure is not None for para in paragraphs)
    for i, para in enumerate(paragraphs):
        p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        rtl = sh.right_to_left(para.text)
        p.alignment = sh.ALIGN[sh.MIRRORED.get(para.align, para.align) if rtl else para.align]
        p.space_after = Emu(para.space_after)
        p.space_before = Emu(para.space_before)
        p.line_spacing = para.line_spacing or 1.0
        sh._bullet(p._p.get_or_add_pPr(), para.bullet, para.size)
        if rtl:
            p._p.get_or_add_pPr().set("rtl", "1")
        if measured and shape.width is not None:  # type: ignore[attr-defined]
            spare = int(shape.width) - int(para.measure) if para.measure is not None else 0  # type: ignore[attr-defined]
            p._p.get_or_add_pPr().set("marR", str(0 if rtl else max(spare, 0)))
        for k, line in enumerate(para.text.split("\n")):
            if k:
                p.add_line_break()
            run = p.add_run()
            run.text = sh.clean(sh.no_break(line))
            font = run.font
            if para.font is not None:
                font.name = para.font
            font.size = Emu(para.size)
            font.bold = para.bold
            font.italic = para.italic
            if para.color is not None:
                font.color.rgb = sh.rgb(para.color)
            if para.slide_number:
                field = etree.SubElement(p._p, qn("a:fld"))
                field.set("id", "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}")
                field.set("type", "slidenum")
                field.append(copy.deepcopy(run._r.find(qn("a:rPr"))))
                etree.SubElement(field, qn("a:t")).text = run._r.find(qn("a:t")).text
                run._r.addprevious(field)
                p._p.remove(run._r)


_paras = st.builds(
    sh.Para,
    text=st.text(st.sampled_from("ab 1\nש\u00a0$%"), max_size=12),
    font=st.none() | st.sampled_from(["Lato", "Source Serif 4"]),
    size=st.integers(100, 400).map(lambda n: Pt(n / 10)),
    color=st.none() | st.sampled_from(["1a2b3c", "#FFFFFF"]),
    bold=st.none() | st.booleans(),
    italic=st.booleans(),
    align=st.sampled_from(["left", "center", "right"]),
    space_after=st.integers(0, 30).map(Pt),
    line_spacing=st.none() | st.floats(0.8, 1.5),
    bullet=st.none() | st.just("•"),
    slide_number=st.booleans(),
    space_before=st.integers(0, 30).map(Pt),
    measure=st.none() | st.integers(0, 3_000_000).map(Emu),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(paragraphs=st.lists(_paras, min_size=1, max_size=3), styled=st.booleans())
def test_text_is_written_as_python_pptxs_own_setters_write_it(
    paragraphs: list[sh.Para], styled: bool
) -> None:
    """add_text builds its paragraphs' XML itself (python-pptx's setters took ~0.5 ms a
    box); the XML is theirs, into a new text box and into a placeholder whose paragraph
    has properties and end properties of its own (a template's)."""
    from lxml import etree

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    box = Rect(Emu(0), Emu(0), Emu(3_000_000), Emu(400_000))
    ours = sh.add_text(slide, box, paragraphs)
    theirs = sh.add_text(slide, box, [])  # the same box, its paragraphs written below
    placeholder = slide.placeholders[1]
    if styled:
        first = placeholder.text_frame.paragraphs[0]._p
        first.get_or_add_pPr().set("lvl", "1")
        first.get_or_add_endParaRPr().set("lang", "en-GB")
    twin = copy.deepcopy(placeholder._element)
    placeholder._element.addnext(twin)
    reference = sh.add_text(slide, None, [], shape=next(
        s for s in slide.shapes if s._element is twin))  # fmt: skip
    sh.add_text(slide, None, paragraphs, shape=placeholder)
    _by_python_pptx(theirs, paragraphs)
    _by_python_pptx(reference, paragraphs)
    for built, expected in ((ours, theirs), (placeholder, reference)):
        body = built._element.find(".//{*}txBody")
        assert etree.tostring(body) == etree.tostring(expected._element.find(".//{*}txBody"))


def test_an_empty_deck_made_ahead_goes_to_the_next_build_with_its_arguments_once() -> None:
    """``deckgen watch`` makes the next build's empty deck while it waits (make_ahead):
    the next deck asked for with the same arguments is that one, and only once; one asked
    for otherwise is made anew, and saves as the one made ahead would have."""
    args = (Inches(13.333), Inches(7.5), "Lato", "Lato", (("dk1", "111111"),), "Ahead")
    first = sh.new_presentation(*args, dark=True)
    sh.make_ahead()
    ahead = next(iter(sh._AHEAD.values()))
    assert sh.new_presentation(*args, dark=False) is not ahead  # other arguments
    sh.make_ahead()  # for those, now the last
    ahead = next(iter(sh._AHEAD.values()))
    taken = sh.new_presentation(*args, dark=False)
    assert taken is ahead and taken is not first
    assert sh.new_presentation(*args, dark=False) is not ahead  # handed out once
    assert sh.save(taken) == sh.save(sh.new_presentation(*args, dark=False))
