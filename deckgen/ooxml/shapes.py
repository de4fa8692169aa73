"""python-pptx primitives: shapes, text, and the XML python-pptx lacks.

Everything that touches raw OOXML for slides lives here (alt text, slide-number fields,
table cell borders, the 16:9 base package, the notes-master reference), so the slide kinds'
``build`` methods read as slide design, not XML. Boxes are :class:`Rect` and sizes
:class:`Length` (EMU, as python-pptx counts them).
"""

from __future__ import annotations

import copy
import functools
import io
import itertools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu

import deckgen.ooxml.xpath  # noqa: F401  (each XPath compiled once: a fifth of assembly)
from deckgen.io import clean_text
from deckgen.layout.text import no_break, right_to_left
from deckgen.layout.units import ZERO, Length, Pt
from deckgen.theming.model import TypeScale

if TYPE_CHECKING:
    from collections.abc import Sequence

    from pptx.presentation import Presentation as PresentationT
    from pptx.shapes.autoshape import Shape
    from pptx.shapes.base import BaseShape
    from pptx.slide import Slide
    from pptx.text.text import TextFrame

    from deckgen.layout.geometry import Rect
    from deckgen.ooxml.package import Kept

ALIGN = {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}
_ANCHOR = {"top": MSO_ANCHOR.TOP, "middle": MSO_ANCHOR.MIDDLE, "bottom": MSO_ANCHOR.BOTTOM}
#: python-pptx's default template layouts: index by role. Title and Content's body
#: placeholder is what PowerPoint's outline view and screen readers take as a slide's text.
LAYOUT_TITLE, LAYOUT_TITLE_AND_CONTENT, LAYOUT_SECTION = 0, 1, 2
LAYOUT_TITLE_ONLY, LAYOUT_BLANK = 5, 6
_NOTES_MASTER_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/notesMaster"
#: "No Style, No Grid": tables are styled cell by cell from the theme.
_NO_TABLE_STYLE = "{2D5ABB26-0587-4C30-8999-92F81FD0307C}"


def clean(text: str) -> str:
    """Drop characters lxml refuses (U+000B from pasted Word text, U+FFFF): see
    :data:`deckgen.io.CONTROL`."""
    return clean_text(text)


def rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#"))


def box(rect: Rect) -> tuple[Emu, Emu, Emu, Emu]:
    return Emu(rect.left), Emu(rect.top), Emu(rect.width), Emu(rect.height)


@dataclass(frozen=True)
class Para:
    """One paragraph of uniform text. ``font``/``color``/``bold`` ``None``: inherited from the
    placeholder (a corporate template's own styling)."""

    text: str
    font: str | None
    size: Length
    color: str | None
    bold: bool | None = False
    italic: bool = False
    align: str = "left"
    space_after: Length = ZERO
    line_spacing: float | None = None
    bullet: str | None = None
    slide_number: bool = False
    space_before: Length = ZERO
    #: Wrap at this width instead of the box's (a balanced headline keeps its line breaks
    #: in PowerPoint, while its subtitle in the same box uses the full width).
    measure: Length | None = None


# --------------------------------------------------------------------------- package
#: A package theme's colour scheme: (slot, RRGGBB) for its twelve slots, in schema order
#: (dk1, lt1, dk2, lt2, accent1-6, hlink, folHlink).
ColourScheme = tuple[tuple[str, str], ...]
SCHEME_SLOTS = ("dk1", "lt1", "dk2", "lt2", *(f"accent{i}" for i in range(1, 7)), "hlink",
                "folHlink")  # fmt: skip
#: The master's title and body text sizes where none are given: a theme's that gives none.
TITLE_SIZE = Pt(TypeScale.model_fields["title"].default)
TEXT_SIZE = Pt(TypeScale.model_fields["body"].default)
FOOTER_SIZE = Pt(TypeScale.model_fields["footer"].default)
#: The layouts a slide added in PowerPoint is most often on, which carry deckgen's accent
#: rule (:func:`_layout_rules`).
RULED_LAYOUTS = (LAYOUT_TITLE_ONLY, LAYOUT_TITLE_AND_CONTENT)


def new_presentation(
    width: Length, height: Length, heading: str, body: str, colours: ColourScheme = (),
    name: str = "", *, dark: bool = False, title: Length = TITLE_SIZE, text: Length = TEXT_SIZE,
    footer: Length = FOOTER_SIZE,
) -> PresentationT:  # fmt: skip
    """An empty deck at the given size whose master and layouts fit that size (see
    :func:`_base_package`), its package theme in ``colours`` and the fonts, named
    ``name`` (``dark``: its text the scheme's light colour, see :func:`_set_theme`), its
    titles set as deckgen sets a slide's title at its largest, ``title`` (the theme's title
    size), its body text in ``text`` (the theme's body size), its footer in ``footer`` (the
    theme's footer size), its image parts and notes pages indexed (:func:`index_parts`).
    Where :func:`make_ahead` made one for the same arguments, that one, once."""
    global _last
    made = (int(width), int(height), heading, body, colours, name, dark, int(title), int(text),
            int(footer))  # fmt: skip
    _last = made
    ahead = _AHEAD.pop(made, None)
    return ahead if ahead is not None else _new_presentation(*made)


def make_ahead() -> None:
    """Make the empty deck the last build began with again, for the next build to take:
    ``deckgen watch`` and the daemon call this while they wait for an edit. Opening one
    is ~13 ms of a warm rebuild's ~300 (python-pptx reads every part of the package),
    spent while the workers draw on the same cores."""
    if _last is not None and _last not in _AHEAD:
        _AHEAD.clear()  # one deck ahead: the next build's
        _AHEAD[_last] = _new_presentation(*_last)


#: The arguments of the last :func:`new_presentation`, and an empty deck made ahead for
#: them (:func:`make_ahead`).
_last: tuple[Any, ...] | None = None
_AHEAD: dict[tuple[Any, ...], PresentationT] = {}


def _new_presentation(
    width: int, height: int, heading: str, body: str, colours: ColourScheme, name: str,
    dark: bool, title: int, text: int, footer: int,
) -> PresentationT:  # fmt: skip
    base = _base_package(width, height, heading, body, title, text, footer)
    prs = Presentation(io.BytesIO(base))
    if colours or name:
        # Here, not in the cached package, which is made for the sizes and fonts alone:
        # writing a dozen colours is quick.
        _set_theme(prs, colours, name, dark=dark)
    index_parts(prs)
    return prs


#: The side margin of python-pptx's default (4:3) master: its placeholders span 0.5-9.5 in.
_DEFAULT_MARGIN = 457_200


@functools.lru_cache(maxsize=8)
def _base_package(
    width: int, height: int, heading: str, body: str, title: int, text: int, footer: int
) -> bytes:
    """The empty deck of :func:`new_presentation` as bytes, made once per process (the
    layouts' placeholders are many python-pptx objects: slow, and the same every build). A
    deck opened from these bytes saves as the one they were made of.

    python-pptx's default template is 4:3; setting the slide width alone leaves the master's
    placeholders where they were and keeps ``type="screen4x3"``. So we stretch every
    placeholder that has a box of its own (the master's, and a layout's that does not
    inherit one) across deckgen's margins, put the master's title where deckgen puts a
    slide's title and its footer placeholders in deckgen's footer band (what PowerPoint's
    New Slide and Reset Slide use), drop the type, and name the theme's fonts in the
    package theme so text typed later in PowerPoint uses them too (its colours:
    :func:`_set_theme`). The master's title style is deckgen's title, ``title`` EMU high
    (:func:`_title_style`), its body text ``text`` EMU high (:func:`_body_style`), its
    footer placeholders deckgen's footer, ``footer`` EMU high (:func:`_footer_style`), and
    the layouts of :data:`RULED_LAYOUTS` carry deckgen's accent rule (:func:`_layout_rules`).
    """
    from deckgen.layout import slide

    margin, title_top, band = int(slide.MARGIN), int(slide.TITLE_TOP), int(slide.FOOTER_HEIGHT)
    prs = Presentation()
    stretch = (width - 2 * margin) / (int(prs.slide_width) - 2 * _DEFAULT_MARGIN)
    prs.slide_width, prs.slide_height = Emu(width), Emu(height)
    size = prs.part._element.find(qn("p:sldSz"))
    if size is not None and "type" in size.attrib:
        del size.attrib["type"]
    master = prs.slide_master
    for shape in [*master.shapes, *(s for layout in master.slide_layouts for s in layout.shapes)]:
        # A placeholder without a box of its own inherits the master's: given one (as the
        # 4:3 deck's were), it was stretched twice and set 0 high at the slide's top.
        if shape.left is None or shape.width is None or not shape._element.xpath("./*/a:xfrm"):
            continue
        shape.left = Emu(round(margin + (shape.left - _DEFAULT_MARGIN) * stretch))
        shape.width = Emu(round(shape.width * stretch))
    for shape in master.placeholders:
        kind = shape._element.xpath("./p:nvSpPr/p:nvPr/p:ph/@type")
        if kind == ["title"]:  # from deckgen's title top down to where it ended (1.55 in)
            bottom = shape.top + shape.height
            shape.top, shape.height = Emu(title_top), Emu(bottom - title_top)
        elif kind and kind[0] in ("dt", "ftr", "sldNum"):
            shape.top, shape.height = Emu(height - margin - band), Emu(band)
    _title_style(master, title)
    _body_style(master, text)
    _footer_style(master, width, height, footer)
    _layout_rules(master)
    _set_theme_fonts(prs, heading, body)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def _title_style(master: Any, size: int) -> None:
    """Style the master's titles as deckgen writes a slide's title: left-aligned, bold, in
    the theme's title size (the heading font is the master's already, the package theme's
    major font), from the top of the title placeholder's box with no insets, where deckgen's
    title block starts. python-pptx's master centres them in a regular 44 pt in the middle
    of the box: a slide added in PowerPoint (New Slide on Title Only, Title and Content)
    looked unlike every slide deckgen had made (found by review). The layouts' titles
    inherit this, but the Section Header's, which has a style of its own."""
    level = master.element.find(f"{qn('p:txStyles')}/{qn('p:titleStyle')}/{qn('a:lvl1pPr')}")
    level.set("algn", "l")
    props = level.find(qn("a:defRPr"))
    props.set("sz", str(round(Emu(size).pt * 100)))
    props.set("b", "1")
    for shape in master.placeholders:
        if shape._element.xpath("./p:nvSpPr/p:nvPr/p:ph/@type") == ["title"]:
            body = shape._element.find(f"{qn('p:txBody')}/{qn('a:bodyPr')}")
            body.set("anchor", "t")
            for inset in ("lIns", "tIns", "rIns", "bIns"):
                body.set(inset, "0")


def _body_style(master: Any, size: int) -> None:
    """Set the master's body text (its bullet levels) at the theme's body size, each level
    below the first as much smaller as python-pptx's master makes it (32, 28, 24, 20 pt),
    none under the 12 pt floor: a bullet typed on a slide added in PowerPoint stood at 32 pt
    beside deckgen's 20 pt bullets (found in review)."""
    styles = master.element.find(f"{qn('p:txStyles')}/{qn('p:bodyStyle')}")
    first = styles.find(f"{qn('a:lvl1pPr')}/{qn('a:defRPr')}")
    base = int(first.get("sz"))
    for level in range(1, 10):
        props = styles.find(f"{qn(f'a:lvl{level}pPr')}/{qn('a:defRPr')}")
        if props is None or props.get("sz") is None:
            continue
        points = max(Emu(size).pt * int(props.get("sz")) / base, 12.0)
        props.set("sz", str(round(points * 2) * 50))  # half points, as PowerPoint sets them


def _footer_style(master: Any, width: int, height: int, size: int) -> None:
    """Set the master's footer, date and slide number placeholders as deckgen sets a
    slide's footer (:meth:`deckgen.kinds.slides._chrome.Deck.footer`): the footer text where
    the source line goes, the number right-aligned at the band's right end, the date
    right-aligned just left of it and the footer text ending before the date
    (:func:`~deckgen.layout.slide.master_footer_boxes`: none overlaps another), all on the
    band's baseline with no insets, in the body font (the master's already) at ``size`` in
    the muted colour (``tx2``: the scheme's ``dk2``, a dark deck's ``lt2``). The master's
    header/footer switches turn the slide number on, so PowerPoint's New Slide gives a
    slide its number there; the footer and date are off, and Insert > Header & Footer
    turns them on. python-pptx's master centred the footer, put the number 0.1 in inside
    the margin, the date over the footer's left end, and set all three in 75% text
    colour: a slide added in PowerPoint had no number, one numbered by hand sat off
    deckgen's, and a date turned on overlapped the footer text (found in review)."""
    from deckgen.layout.slide import footer_band_at, master_footer_boxes

    band = footer_band_at(Length(width), Length(height))
    line, date, number = master_footer_boxes(band, Length(size))
    boxes = {"ftr": (line, "l"), "dt": (date, "r"), "sldNum": (number, "r")}
    for shape in master.placeholders:
        kind = shape._element.xpath("./p:nvSpPr/p:nvPr/p:ph/@type")
        if not kind or kind[0] not in boxes:
            continue
        rect, align = boxes[kind[0]]
        shape.left, shape.top, shape.width, shape.height = box(rect)
        body = shape._element.find(f"{qn('p:txBody')}/{qn('a:bodyPr')}")
        body.set("anchor", "b")
        for inset in ("lIns", "tIns", "rIns", "bIns"):
            body.set(inset, "0")
        level = shape._element.find(f"{qn('p:txBody')}/{qn('a:lstStyle')}/{qn('a:lvl1pPr')}")
        level.set("algn", align)
        props = level.find(qn("a:defRPr"))
        props.set("sz", str(round(Emu(size).pt * 100)))
        for old in props.findall(qn("a:solidFill")):
            props.remove(old)
        fill = etree.SubElement(props, qn("a:solidFill"))
        etree.SubElement(fill, qn("a:schemeClr")).set("val", "tx2")
    switches = master.element.makeelement(qn("p:hf"), {"hdr": "0", "ftr": "0", "dt": "0"})
    master.element.find(qn("p:txStyles")).addprevious(switches)


def _layout_rules(master: Any) -> None:
    """Draw deckgen's accent rule on the layouts of :data:`RULED_LAYOUTS`, where a content
    slide draws it, in the package theme's ``accent1`` (deckgen's highlight colour, see
    :func:`deckgen.assemble.deck.colour_scheme`): a slide added with PowerPoint's New Slide
    on them had deckgen's title but not its rule. deckgen's own slides draw their own
    chrome and hide the layout's (:func:`hide_layout_shapes`)."""
    from pptx.enum.dml import MSO_THEME_COLOR
    from pptx.shapes.shapetree import SlideShapes

    from deckgen.layout.slide import ACCENT_RULE

    layouts = master.slide_layouts
    for index in RULED_LAYOUTS:
        layout = layouts[index]
        shape = _plain_rect(SlideShapes(layout.shapes._spTree, layout), ACCENT_RULE, "Accent rule")
        shape.fill.fore_color.theme_color = MSO_THEME_COLOR.ACCENT_1


def hide_layout_shapes(slide: Slide) -> None:
    """PowerPoint's "Hide background graphics": the slide shows none of its layout's or
    master's shapes (deckgen's own slides draw their chrome themselves; the layouts'
    accent rule is for slides added in PowerPoint, :func:`_layout_rules`)."""
    slide._element.set("showMasterSp", "0")


class _ImageIndex:
    """python-pptx's image-part registry (``Package._image_parts``), indexed: python-pptx
    finds an equal image by scanning every image part, and names a new one by walking every
    relationship of the package, for each picture added. Same parts, same names: a new
    part takes the lowest free ``imageN`` number, as python-pptx's own would."""

    def __init__(self, package: Any) -> None:
        self._package = package
        self._by_sha1: dict[str, Any] = {}
        self._numbers: set[int] = set()
        for part in package.iter_parts():
            if str(part.partname).startswith("/ppt/media/image"):
                if part.partname.idx is not None:
                    self._numbers.add(part.partname.idx)
                if hasattr(part, "sha1"):
                    self._by_sha1.setdefault(part.sha1, part)

    def get_or_add_image_part(self, image_file: Any) -> Any:
        from pptx.opc.packuri import PackURI
        from pptx.parts.image import Image, ImagePart

        image = Image.from_file(image_file)
        part = self._by_sha1.get(image.sha1)
        if part is None:
            number = next(i for i in itertools.count(1) if i not in self._numbers)
            self._numbers.add(number)
            name = PackURI(f"/ppt/media/image{number}.{image.ext}")
            part = ImagePart(name, image.content_type, self._package, image.blob, image.filename)
            self._by_sha1[image.sha1] = part
        return part


class _NotesNames:
    """python-pptx's ``OpcPackage.next_partname``, with the notes pages' names indexed: it
    walks every relationship of the package to name each new part, and a deck adds a
    notes page per slide. The same name as python-pptx's: the highest free number up to
    one past the pages there are. Notes pages are only ever named here (python-pptx adds
    one per slide, :func:`deckgen.assemble.splice.splice` likewise), so a name handed out
    is a page added; other parts are named by python-pptx's own walk."""

    PREFIX = "/ppt/notesSlides/notesSlide"

    def __init__(self, package: Any) -> None:
        self._package = package
        self._names: set[str] | None = None

    def __call__(self, tmpl: str) -> Any:
        from pptx.opc.package import OpcPackage
        from pptx.opc.packuri import PackURI

        if not tmpl.startswith(f"{self.PREFIX}%d"):
            return OpcPackage.next_partname(self._package, tmpl)
        if self._names is None:
            self._names = {str(p.partname) for p in self._package.iter_parts()
                           if str(p.partname).startswith(self.PREFIX)}  # fmt: skip
        name = next(tmpl % n for n in range(len(self._names) + 1, 0, -1)
                    if tmpl % n not in self._names)  # fmt: skip
        self._names.add(name)
        return PackURI(name)


def index_parts(prs: PresentationT) -> None:
    """Index ``prs``'s image parts (:class:`_ImageIndex`) and notes pages' names
    (:class:`_NotesNames`). Only for a deck whose pictures are all added after this, each
    on a slide already in the deck (as slides are built)."""
    package = prs.part.package
    package.__dict__["_image_parts"] = _ImageIndex(package)
    package.next_partname = _NotesNames(package)  # type: ignore[method-assign]  # see class


def _set_theme_fonts(prs: PresentationT, heading: str, body: str) -> None:
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    theme_part = prs.slide_master.part.part_related_by(RT.THEME)
    root = etree.fromstring(theme_part.blob)
    ns = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
    for tag, family in (("a:majorFont", heading), ("a:minorFont", body)):
        latin = root.find(f".//a:fontScheme/{tag}/a:latin", ns)
        if latin is not None:
            latin.set("typeface", family)
    theme_part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _set_theme(prs: PresentationT, colours: ColourScheme, name: str, *, dark: bool) -> None:
    """Write ``colours`` (slots not in it keep Office's) and, given, ``name`` into the
    package theme. The master's background is ``bg1`` and its text ``tx1``: the scheme's
    ``lt1`` and ``dk1``, or with ``dark`` its ``dk1`` and ``lt1`` (the master's colour map
    swapped, as in Office's dark themes), so a slide added in PowerPoint to a dark deck is
    dark with light text, and the colour picker offers the theme's colours."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    theme_part = prs.slide_master.part.part_related_by(RT.THEME)
    root = etree.fromstring(theme_part.blob)
    ns = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
    scheme = root.find(".//a:clrScheme", ns)
    for slot, colour in colours:
        if slot not in SCHEME_SLOTS:
            raise ValueError(f"{slot!r} is no colour-scheme slot: expected one of {SCHEME_SLOTS}")
        element = scheme.find(f"a:{slot}", ns)
        for child in list(element):  # a system colour (dk1, lt1) or an RGB one
            element.remove(child)
        etree.SubElement(element, qn("a:srgbClr"), val=colour.lstrip("#").upper())
    if name:
        root.set("name", name)
        for tag in ("a:clrScheme", "a:fontScheme"):
            root.find(f".//{tag}", ns).set("name", name)
    theme_part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    if dark:
        colour_map = prs.slide_master.element.find(qn("p:clrMap"))
        colour_map.attrib.update({"bg1": "dk1", "tx1": "lt1", "bg2": "dk2", "tx2": "lt2"})


def set_default_language(prs: PresentationT, tag: str) -> None:
    """The presentation's default language (``defaultTextStyle``): what text typed later in
    PowerPoint is spell-checked and read aloud in. A template without the style keeps none
    (every run deckgen writes says its own: :func:`tag_language`)."""
    defaults = prs.part._element.find(qn("p:defaultTextStyle"))
    if defaults is None:
        return
    level = defaults.find(qn("a:defPPr"))
    if level is None:
        level = _first(defaults, "a:defPPr")  # the style's first child, as the schema has it
    props = level.find(qn("a:defRPr"))
    if props is None:
        props = etree.SubElement(level, qn("a:defRPr"))
    props.set("lang", tag)


def _first(parent: etree._Element, tag: str) -> etree._Element:
    """A new ``tag`` element as ``parent``'s first child."""
    child = etree.Element(qn(tag))
    parent.insert(0, child)
    return child


def tag_language(root: etree._Element, tag: str) -> None:
    """Say every run's language under ``root`` (a slide, a notes page): a screen reader
    reads, and PowerPoint spell-checks, a run in its ``lang``; without one it took the
    package's en-US in a German deck (found in review). A run with its own is left so."""
    for run in root.iter(qn("a:r")):
        if run.find(qn("a:rPr")) is None:
            _first(run, "a:rPr")
    for props in root.iter(qn("a:rPr"), qn("a:endParaRPr")):
        if "lang" not in props.attrib:
            props.set("lang", tag)


def link_notes_master(prs: PresentationT) -> None:
    """Write ``p:notesMasterIdLst``, which python-pptx omits (Keynote rejects such decks)."""
    pres = prs.part._element
    if pres.find(qn("p:notesMasterIdLst")) is not None:
        return
    if not any(s.has_notes_slide for s in prs.slides):
        return
    rid = prs.part.relate_to(prs.part.notes_master_part, _NOTES_MASTER_RT)
    lst = etree.Element(qn("p:notesMasterIdLst"))
    etree.SubElement(lst, qn("p:notesMasterId")).set(qn("r:id"), rid)
    pres.find(qn("p:sldMasterIdLst")).addnext(lst)


def save(prs: PresentationT, kept: Kept | None = None) -> bytes:
    """The deck as .pptx bytes (see :func:`deckgen.ooxml.package.save` for ``kept``)."""
    from deckgen.ooxml.package import save as write

    link_notes_master(prs)
    _fixed_workbooks(prs)
    return write(prs, kept)


def _fixed_workbooks(prs: PresentationT) -> None:
    """Date every native chart's embedded workbook 2000-01-01: the workbook writer stamps
    the time it ran into docProps/core.xml, which would make two builds differ."""
    import re
    import zipfile

    stamp = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")
    for part in prs.part.package.iter_parts():
        if not str(part.partname).endswith(".xlsx"):
            continue
        source = zipfile.ZipFile(io.BytesIO(part.blob))
        out = io.BytesIO()
        with source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for info in source.infolist():
                data = source.read(info)
                if info.filename == "docProps/core.xml":
                    data = stamp.sub(rb"\g<1>2000-01-01T00:00:00Z\g<2>", data)
                fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
                fixed.compress_type = zipfile.ZIP_DEFLATED
                target.writestr(fixed, data)
        part.blob = out.getvalue()


# --------------------------------------------------------------------------- shapes
def set_background(slide: Slide, colour: str) -> None:
    fill = slide.background.fill
    fill.solid()
    fill.fore_color.rgb = rgb(colour)


def add_rect(slide: Slide, rect: Rect, colour: str, name: str | None = None) -> Shape:
    shape = _plain_rect(slide.shapes, rect, name)
    shape.fill.fore_color.rgb = rgb(colour)
    return shape


def add_oval(shapes: Any, rect: Rect, colour: str, name: str | None = None) -> Shape:
    """A decorative filled oval (a dot of a grid) in ``shapes`` (a slide's or a group's)."""
    shape = _plain_rect(shapes, rect, name, oval=True)
    shape.fill.fore_color.rgb = rgb(colour)
    return shape


def add_ovals(shapes: Any, dots: Sequence[tuple[Rect, str, str]]) -> None:
    """Many decorative ovals (``rect``, ``colour``, ``name`` each, all one size) in
    ``shapes``: the first as :func:`add_oval` makes it, the rest copies of its element with
    their own id, name, place and fill. python-pptx's ``add_shape`` looks through the whole
    tree for the next id and re-measures a group at each shape: a grid of 100 dots took
    0.3 s, most of a slide deck's assembling (the bench's cold build)."""
    import copy

    (rect, colour, name), *rest = dots
    first = add_oval(shapes, rect, colour, name=name)
    proto = first._element
    after = proto
    for k, (rect, colour, name) in enumerate(rest, start=1):
        dot = copy.deepcopy(proto)
        props = dot.find(f"{qn('p:nvSpPr')}/{qn('p:cNvPr')}")
        props.set("id", str(first.shape_id + k))
        props.set("name", name)
        offset = dot.find(f"{qn('p:spPr')}/{qn('a:xfrm')}/{qn('a:off')}")
        offset.set("x", str(Emu(rect.left)))
        offset.set("y", str(Emu(rect.top)))
        fill = dot.find(f"{qn('p:spPr')}/{qn('a:solidFill')}/{qn('a:srgbClr')}")
        fill.set("val", str(rgb(colour)))
        after.addnext(dot)
        after = dot
    if hasattr(shapes, "_recalculate_extents"):  # a group's: as add_shape leaves it
        shapes._recalculate_extents()


def _plain_rect(shapes: Any, rect: Rect, name: str | None, *, oval: bool = False) -> Shape:
    """A decorative filled rectangle (or ``oval``) with no outline or shadow, its fill
    colour the caller's to set."""
    from pptx.enum.shapes import MSO_SHAPE

    kind = MSO_SHAPE.OVAL if oval else MSO_SHAPE.RECTANGLE
    shape: Shape = shapes.add_shape(kind, *box(rect))
    shape.fill.solid()
    shape.line.fill.background()
    # Drop the autoshape's theme style reference: it carries a shadow (effectRef idx=2)
    # that LibreOffice draws even under an empty effect list.
    style = shape._element.find(qn("p:style"))
    if style is not None:
        shape._element.remove(style)
    if name:
        shape.name = name
    set_decorative(shape)
    return shape


def set_alt_text(shape: BaseShape, text: str) -> None:
    """Write the shape's description (alt text); python-pptx has no public setter."""
    shape._element.xpath("./*[1]/p:cNvPr")[0].set("descr", clean(text))


#: PowerPoint's "Mark as decorative" (Office 2019 and 365): an extension of the shape's
#: non-visual properties.
_DECORATIVE_URI = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
_DECORATIVE_NS = "http://schemas.microsoft.com/office/drawing/2017/decorative"


def set_decorative(shape: BaseShape) -> None:
    """Mark a purely visual shape decorative, so screen readers skip it and PowerPoint's
    accessibility checker does not count it as a picture without alt text: the
    ``adec:decorative`` flag, and an empty description for viewers that know no flag."""
    props = shape._element.xpath("./*[1]/p:cNvPr")[0]
    props.set("descr", "")
    extensions = props.find(qn("a:extLst"))
    if extensions is None:
        extensions = etree.SubElement(props, qn("a:extLst"))  # its last child, as the schema has it
    if extensions.find(f"{qn('a:ext')}[@uri='{_DECORATIVE_URI}']") is not None:
        return
    ext = etree.SubElement(extensions, qn("a:ext"), uri=_DECORATIVE_URI)
    flag = etree.SubElement(ext, f"{{{_DECORATIVE_NS}}}decorative", nsmap={"adec": _DECORATIVE_NS})
    flag.set("val", "1")


def add_picture(slide: Slide, png: bytes, rect: Rect, alt: str, name: str) -> BaseShape:
    picture = slide.shapes.add_picture(io.BytesIO(png), *box(rect))
    picture.name = clean(name)[:80]
    set_alt_text(picture, alt)
    return picture


def fill_picture_placeholder(
    slot: BaseShape, png: bytes, rect: Rect, alt: str, name: str
) -> BaseShape:
    """Put a picture into a layout's picture placeholder, at ``rect`` (where it was planned).

    The placeholder is sized to ``rect`` first: python-pptx crops the image to the
    placeholder's shape, and a picture rendered for ``rect`` then needs no cropping.
    """
    slot.left, slot.top, slot.width, slot.height = box(rect)
    picture = slot.insert_picture(io.BytesIO(png))  # type: ignore[attr-defined]
    picture.crop_left = picture.crop_right = picture.crop_top = picture.crop_bottom = 0
    picture.left, picture.top, picture.width, picture.height = box(rect)
    picture.name = clean(name)[:80]
    set_alt_text(picture, alt)
    return picture


def add_text(
    slide: Slide,
    rect: Rect | None,
    paragraphs: list[Para],
    *,
    anchor: str | None = "top",
    shape: BaseShape | None = None,
    name: str | None = None,
    shrink: bool = False,
) -> BaseShape:
    """Fill ``shape`` (e.g. a title placeholder) or a new text box with ``paragraphs``.

    Text is laid out by deckgen, so autofit is off, insets are zero and wrapping is on:
    what PowerPoint shows is what was measured. ``rect`` ``None`` keeps the placeholder's own
    box, ``anchor`` ``None`` its own vertical alignment. With ``shrink`` the box says
    "shrink text on overflow" instead: for text boxed in a shape it must not leave (a
    card's), with room to spare in the theme font, so nothing shrinks there; a viewer
    whose substitute font overflows the box shrinks the text to fit (LibreOffice and
    Google Slides at once, PowerPoint once the box is edited).
    """
    if shape is None:
        assert rect is not None
        shape = slide.shapes.add_textbox(*box(rect))
    elif rect is not None:
        shape.left, shape.top, shape.width, shape.height = box(rect)
    if name:
        shape.name = name
    frame: TextFrame = shape.text_frame  # type: ignore[attr-defined]
    frame.clear()
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE if shrink else MSO_AUTO_SIZE.NONE
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = Emu(0)
    if anchor is not None:
        frame.vertical_anchor = _ANCHOR[anchor]
    measured = any(para.measure is not None for para in paragraphs)
    body = frame._txBody
    for i, para in enumerate(paragraphs):
        # The XML python-pptx's paragraph and run setters would write, element by element
        # (its property objects cost ~0.5 ms a text box: a tenth of a warm rebuild's own
        # work). The first paragraph is the one clear() kept, with its own properties.
        p = body.p_lst[0] if i == 0 else etree.SubElement(body, _A_P)
        rtl = bool(right_to_left(para.text))
        ppr = _paragraph_properties(p, para, rtl)
        if measured and shape.width is not None:
            # Every paragraph of the box says its right margin: LibreOffice carries a
            # paragraph's margin over to the next one that does not. None for a
            # right-to-left one, which then ends at the box's right edge as it starts
            # there (viewers differ in which side a margin of one is on; its lines are
            # no more than measured, as its measure is the narrower).
            spare = int(shape.width) - int(para.measure) if para.measure is not None else 0
            ppr.set("marR", str(0 if rtl else max(spare, 0)))
        _runs(p, para)
    return shape


def _paragraph_properties(p: etree._Element, para: Para, rtl: bool) -> etree._Element:
    """``p``'s ``a:pPr`` as python-pptx's setters leave it: alignment, the spacing after,
    before and between lines (explicit even when zero and 100%: a template's placeholder
    may inherit spacing the planner did not measure, PowerPoint's body style 20% before
    each paragraph, a layout's title 90% lines), then the bullet."""
    ppr = p.find(_A_PPR)
    if ppr is None:
        ppr = etree.Element(_A_PPR)
        p.insert(0, ppr)
    # A right-to-left paragraph starts at the right: the start side mirrored.
    ppr.set("algn", _ALGN[MIRRORED.get(para.align, para.align) if rtl else para.align])
    for tag in (_A_LNSPC, _A_SPCBEF, _A_SPCAFT):
        for old in ppr.findall(tag):
            ppr.remove(old)
    spacing = (
        (_A_LNSPC, _A_SPCPCT, str(round((para.line_spacing or 1.0) * 100000.0))),
        (_A_SPCBEF, _A_SPCPTS, str(Emu(para.space_before).centipoints)),
        (_A_SPCAFT, _A_SPCPTS, str(Emu(para.space_after).centipoints)),
    )
    # Where the schema puts them: after a:lnSpc's own predecessors (none), before the rest.
    for n, (tag, unit, value) in enumerate(spacing):
        spaced = etree.Element(tag)
        etree.SubElement(spaced, unit).set("val", value)
        ppr.insert(n, spaced)
    _bullet(ppr, para.bullet, para.size)
    if rtl:
        # Arabic or Hebrew: a right-to-left paragraph, or its full stop stands beside its
        # first word and its bullet on the wrong side (found by fuzzing).
        ppr.set("rtl", "1")
    return ppr


def _runs(p: etree._Element, para: Para) -> None:
    """A run for each line of ``para`` (a line break between), or the slide-number field,
    before the paragraph's end properties if it has them."""
    end = p.find(_A_END)
    size = str(Emu(para.size).centipoints)
    colour = None if para.color is None else str(rgb(para.color))
    for k, line in enumerate(para.text.split("\n")):
        if k:
            _before(p, etree.Element(_A_BR), end)
        run = etree.Element(_A_FLD if para.slide_number else _A_R)
        if para.slide_number:
            # A field, so the number follows slide reordering.
            run.set("id", "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}")
            run.set("type", "slidenum")
        rpr = etree.SubElement(run, _A_RPR, sz=size)
        if para.bold is not None:
            rpr.set("b", "1" if para.bold else "0")
        rpr.set("i", "1" if para.italic else "0")
        if colour is not None:
            fill = etree.SubElement(rpr, _A_SOLIDFILL)
            etree.SubElement(fill, _A_SRGBCLR).set("val", colour)
        if para.font is not None:
            etree.SubElement(rpr, _A_LATIN).set("typeface", para.font)
        # The pairs the fitter keeps on one line ('$32.8 billion', 'Laredo, TX') are
        # joined by no-break spaces, so the viewer breaks the text where it was fitted.
        etree.SubElement(run, _A_T).text = clean(no_break(line))
        _before(p, run, end)


def _before(p: etree._Element, child: etree._Element, end: etree._Element | None) -> None:
    if end is None:
        p.append(child)
    else:
        end.addprevious(child)


_A_P, _A_PPR, _A_R, _A_RPR, _A_T, _A_BR, _A_FLD, _A_END = (
    qn(f"a:{tag}") for tag in ("p", "pPr", "r", "rPr", "t", "br", "fld", "endParaRPr")
)
_A_LNSPC, _A_SPCBEF, _A_SPCAFT, _A_SPCPCT, _A_SPCPTS = (
    qn(f"a:{tag}") for tag in ("lnSpc", "spcBef", "spcAft", "spcPct", "spcPts")
)
_A_SOLIDFILL, _A_SRGBCLR, _A_LATIN = (qn(f"a:{tag}") for tag in ("solidFill", "srgbClr", "latin"))
#: DrawingML's paragraph alignments (python-pptx's PP_ALIGN in the XML).
_ALGN = {"left": "l", "center": "ctr", "right": "r"}


#: The alignment a right-to-left paragraph takes for a left-to-right one's.
MIRRORED = {"left": "right", "right": "left"}


def _bullet(ppr: etree._Element, char: str | None, size: Length) -> None:
    if char is None:
        etree.SubElement(ppr, qn("a:buNone"))
        ppr.set("indent", "0")
        ppr.set("marL", "0")
        return
    indent = int(size * 1.1)
    ppr.set("marL", str(indent))
    ppr.set("indent", str(-indent))
    etree.SubElement(ppr, qn("a:buFont")).set("typeface", "Arial")
    etree.SubElement(ppr, qn("a:buChar")).set("char", char)


def to_end(slide: Slide, shapes: list[BaseShape]) -> None:
    """Move ``shapes`` (in their order) to the end of the slide's shape tree: last in
    reading order (and on top of the others)."""
    tree = slide.shapes._spTree
    ext = tree.find(qn("p:extLst"))  # the tree's extensions stay its last child
    for shape in shapes:
        if ext is None:
            tree.append(shape._element)
        else:
            ext.addprevious(shape._element)


def placeholder(slide: Slide, idx: int) -> BaseShape | None:
    for shape in slide.placeholders:
        if shape.placeholder_format.idx == idx:
            return shape
    return None


def content_placeholder(slide: Slide, types: tuple[str, ...]) -> BaseShape | None:
    """The slide's first placeholder whose OOXML type is in ``types`` (e.g. ``("pic",)``)."""
    for shape in slide.placeholders:
        ph = shape._element.xpath("./*[1]/p:nvPr/p:ph")
        if ph and ph[0].get("type", "obj") in types:
            return shape
    return None


def as_title(shape: BaseShape) -> BaseShape:
    """Make a text box the slide's title placeholder: what PowerPoint's accessibility
    checker, outline view and screen readers take as the slide's title (a slide of text
    boxes only is "Missing slide title"). On a layout without a title (a blank one) it is
    the placeholder PowerPoint keeps when a titled slide is switched to such a layout: it
    takes the master's title style, and deckgen's text states every property it sets
    (font, size, colour, spacing, insets, anchor, no autofit), so it looks as the box did.
    Call it before any other placeholder is added (the title's index is 0)."""
    element = shape._element
    shape_props = element.find(qn("p:nvSpPr")).find(qn("p:cNvSpPr"))
    shape_props.attrib.pop("txBox", None)
    if shape_props.find(qn("a:spLocks")) is None:
        _first(shape_props, "a:spLocks").set("noGrp", "1")  # as PowerPoint writes a placeholder
    app_props = element.find(qn("p:nvSpPr")).find(qn("p:nvPr"))
    if app_props.find(qn("p:ph")) is None:
        _first(app_props, "p:ph").set("type", "title")
    return shape


def another_placeholder(shape: BaseShape) -> BaseShape:
    """A copy of the slide placeholder ``shape``, emptied, next after it in the shape order:
    a second body placeholder for text set in columns (each column's own box, as planned),
    so outline view and screen readers take every column as the slide's body text. It has
    an index of its own that the layout lacks: PowerPoint then styles it as the master's
    body (and keeps it when the layout is changed), and deckgen's text states every
    property it sets (see :func:`as_title`)."""
    from pptx.shapes.placeholder import SlidePlaceholder

    tree = shape._element.getparent()
    element = copy.deepcopy(shape._element)
    shape._element.addnext(element)
    ids = [int(n) for n in tree.xpath(".//p:cNvPr/@id")]
    element.xpath("./*[1]/p:cNvPr")[0].set("id", str(max(ids) + 1))
    used = [int(n) for n in tree.xpath("./*/*[1]/p:nvPr/p:ph/@idx")]
    ph = element.xpath("./*[1]/p:nvPr/p:ph")[0]
    ph.set("type", "body")  # with no layout placeholder to inherit one from, say it
    ph.set("idx", str(max(used, default=0) + 1))
    body = element.find(qn("p:txBody"))
    for paragraph in body.findall(qn("a:p")):  # its text and paragraph properties
        body.remove(paragraph)
    etree.SubElement(body, qn("a:p"))
    return SlidePlaceholder(element, shape._parent)


def remove_unused_placeholders(slide: Slide, keep: set[int]) -> None:
    """Delete empty layout placeholders ("Click to add text" must never show)."""
    for shape in list(slide.placeholders):
        if shape.placeholder_format.idx not in keep:
            shape._element.getparent().remove(shape._element)


# --------------------------------------------------------------------------- tables
def style_table(graphic_frame: BaseShape) -> None:
    """Drop python-pptx's banded default style; cells are styled one by one.

    The first row is marked the header row (``firstRow="1"``): screen readers announce a
    cell with its column's header only then. "No Style, No Grid" styles no first row, so
    the mark changes nothing drawn."""
    element: Any = graphic_frame._element  # a p:graphicFrame holding an a:tbl
    tbl = element.graphic.graphicData.tbl
    style = tbl.tblPr.find(qn("a:tableStyleId"))
    if style is None:
        style = etree.SubElement(tbl.tblPr, qn("a:tableStyleId"))
    style.text = _NO_TABLE_STYLE
    tbl.tblPr.set("firstRow", "1")
    tbl.tblPr.set("bandRow", "0")


def style_cell(cell: object, fill: str | None, bottom_rule: str | None, rule_width: float) -> None:
    """Set a cell's fill and bottom border, writing ``a:tcPr`` children in schema order."""
    tc = cell._tc  # type: ignore[attr-defined]
    tcpr = tc.get_or_add_tcPr()
    for child in list(tcpr):
        tcpr.remove(child)
    for side in ("a:lnL", "a:lnR", "a:lnT", "a:lnB"):
        line = etree.SubElement(tcpr, qn(side))
        if side == "a:lnB" and bottom_rule:
            line.set("w", str(int(Pt(rule_width))))
            solid = etree.SubElement(line, qn("a:solidFill"))
            etree.SubElement(solid, qn("a:srgbClr")).set("val", bottom_rule.lstrip("#"))
        else:
            line.set("w", "0")
            etree.SubElement(line, qn("a:noFill"))
    if fill:
        solid = etree.SubElement(tcpr, qn("a:solidFill"))
        etree.SubElement(solid, qn("a:srgbClr")).set("val", fill.lstrip("#"))
    else:
        etree.SubElement(tcpr, qn("a:noFill"))
