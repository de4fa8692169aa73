"""Corporate templates: a theme's ``.pptx``/``.potx`` file, read once into plain data.

A theme may name a PowerPoint template (``template: {file: brand.potx}``). The deck is then
built on the template's slide master: each slide kind uses one of its layouts, by name
(the kind's default, overridden per kind in ``theme.yaml``), and its title, body and
picture placeholders receive deckgen's text and pictures at the places the layout gives.

:func:`read_template` turns the file into a :class:`TemplateInfo` (slide size, fonts, layouts
with their placeholders in inches): the planner lays out from it and ``deckgen template
inspect`` prints it. :func:`open_template` gives the assembler the template as a
python-pptx presentation with its slides removed. python-pptx is imported lazily.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass
from typing import TYPE_CHECKING

from deckgen.errors import Location, Problem, ThemeError, counted, did_you_mean, one_of

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from pathlib import Path

    from pptx.presentation import Presentation as PresentationT
    from pptx.slide import SlideLayout

    from deckgen.theming.model import Theme

_EMU_PER_INCH = 914400
#: A box as the file gives it: left, top, width, height in EMU.
Box = tuple[int, int, int, int]
_CONTENT_TYPES = "[Content_Types].xml"
_TEMPLATE_MAIN = b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
_PRESENTATION_MAIN = (
    b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
)
#: The fix for a template file outside its theme's folder.
TEMPLATE_INSIDE = (
    "copy the template into the theme folder: a template is read only from there, even "
    "with --allow-outside"
)
#: A placeholder with less than this share of its box on the slide is refused.
OFF_SLIDE = 0.5
#: Placeholder types that hold the slide title / the content, in order of preference.
TITLE_TYPES = ("ctrTitle", "title")
CONTENT_TYPES = ("pic", "chart", "obj", "body", "tbl")


@dataclass(frozen=True)
class PlaceholderInfo:
    """One placeholder of a layout: its ``idx``, OOXML type (``title``, ``body``, ``pic``…),
    name and box (left, top, width, height in EMU, to the thousandth of an inch as
    ``inspect`` prints it; inherited from the master when the layout does not set it)."""

    idx: int
    type: str
    name: str
    box: Box | None


@dataclass(frozen=True)
class LayoutInfo:
    name: str
    placeholders: tuple[PlaceholderInfo, ...]
    #: The layout's solid background colour ('#RRGGBB'), else its master's; ``None`` for
    #: a picture, gradient or theme-colour background (not resolved: assumed light).
    ground: str | None = None

    def first(self, types: tuple[str, ...]) -> PlaceholderInfo | None:
        """The first placeholder of the first type in ``types`` that the layout has."""
        for kind in types:
            for ph in self.placeholders:
                if ph.type == kind and ph.box is not None:
                    return ph
        return None


@dataclass(frozen=True)
class TemplateInfo:
    """What deckgen needs to know about a template, as plain (picklable) data."""

    path: Path
    width: float  # inches
    height: float
    heading_font: str | None  # the theme's major (headings) and minor (body) Latin fonts
    body_font: str | None
    layouts: tuple[LayoutInfo, ...]
    #: The master's body placeholder: the brand's content area for layouts without one.
    master_body: Box | None = None
    #: Slide kind -> layout name, defaults merged with the theme's overrides.
    mapping: tuple[tuple[str, str], ...] = ()
    #: The brand band's colour ('#RRGGBB'): the solid fill of a master shape that spans
    #: the slide's width along its top or bottom edge; cards draw their strip in it.
    band: str | None = None
    #: The template's logo: the package part (e.g. 'ppt/media/image1.png') of the first
    #: picture on the master, else on a layout; cards put it in their footer.
    logo: str | None = None
    #: The first picture passed over for the logo, one no card can draw: its package part
    #: (an EMF or WMF, a damaged PNG), or the address a linked picture points to.
    undrawable_logo: str | None = None
    #: Whether that picture is linked (an address outside the template), not a part.
    linked_logo: bool = False

    def warnings(self, theme_logo: bool) -> list[str]:
        """What the build says of the template: a logo the cards cannot show."""
        if self.logo is not None or self.undrawable_logo is None or theme_logo:
            return []
        kind = self.undrawable_logo.rsplit(".", 1)[-1].upper()
        # A PNG or JPEG passed over is one no reader could open: damaged, not vector art
        # (a cut-short PNG was called "vector art (PNG)", found by fuzzing).
        if self.linked_logo:
            what = "is linked to a file outside the template, which a card cannot read"
        elif kind in ("PNG", "JPG", "JPEG"):
            what = f"is damaged ({kind} that cannot be read)"
        else:
            what = f"is vector art ({kind}), which deckgen cannot draw on a social card"
        return [
            f"{self.path}: the logo picture {self.undrawable_logo} {what}: the cards set the "
            "organisation as a wordmark; give the theme a PNG of the logo with 'logo:'"
        ]

    @property
    def layout_names(self) -> list[str]:
        return [layout.name for layout in self.layouts]

    def layout(self, name: str) -> LayoutInfo:
        return next(layout for layout in self.layouts if layout.name == name)

    def layout_for(self, kind: str) -> LayoutInfo:
        """The layout slide kind ``kind`` is built on."""
        return self.layout(dict(self.mapping)[kind])

    def title_slot(self, kind: str) -> Box | None:
        """Box of the title placeholder of ``kind``'s layout, or ``None`` if it has none."""
        ph = self.layout_for(kind).first(TITLE_TYPES)
        return ph.box if ph else None

    def subtitle_slot(self, kind: str) -> Box | None:
        ph = self.layout_for(kind).first(("subTitle",))
        return ph.box if ph else None

    def content_slot(self, kind: str) -> Box | None:
        """Where content goes on ``kind``'s slides: the layout's picture/body placeholder,
        else the master's body area, else ``None`` (deckgen's own margins)."""
        ph = self.layout_for(kind).first(CONTENT_TYPES)
        return ph.box if ph else self.master_body


# --------------------------------------------------------------------------- reading
def open_presentation(path: Path) -> PresentationT:
    """Open a ``.pptx`` or ``.potx`` with python-pptx.

    python-pptx refuses a template's main content type; a ``.potx`` differs from a ``.pptx``
    only in that one string of ``[Content_Types].xml``, so it is swapped in memory.
    Raises :class:`ThemeError` for a file that is not a PowerPoint package.
    """
    from lxml import etree
    from pptx import Presentation

    from deckgen.limits import check_package

    where = Location(str(path))
    fix = "save it from PowerPoint as .pptx or .potx"
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ThemeError(Problem(where, f"cannot read the template: {exc}")) from None
    # Bounded and free of DTDs before python-pptx inflates and parses it (deckgen.limits).
    check_package(data, where, ThemeError, "template", "PowerPoint", fix)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            _check_relationships(package, where, fix)
            types = package.read(_CONTENT_TYPES)
            if b".macroEnabled.main+xml" in types:
                # python-pptx named the file '<_io.BytesIO object at 0x...>' (fuzzing).
                raise ThemeError(
                    Problem(
                        where,
                        "the template is a macro-enabled PowerPoint file (.pptm, .potm or "
                        ".ppsm); deckgen reads no macros and builds on plain templates",
                        "save it from PowerPoint as a .potx or .pptx (File > Save As)",
                    )
                )
            other = next((name for mark, name in _OTHER_OFFICE if mark in types), None)
            if other is not None and b"presentationml" not in types:
                # python-pptx named it '<_io.BytesIO object at 0x...>' and its content
                # type (fuzzing).
                raise ThemeError(Problem(where, f"the template is {other}, not a PowerPoint "
                                         "file", fix))  # fmt: skip
            if _TEMPLATE_MAIN in types:
                fixed = types.replace(_TEMPLATE_MAIN, _PRESENTATION_MAIN)
                data = _rezip(package, {_CONTENT_TYPES: fixed})
        prs = Presentation(io.BytesIO(data))
        _touch_layouts(prs)
    except KeyError as exc:  # python-pptx: a part or relationship the package lacks
        raise ThemeError(
            Problem(where, f"the template is missing a part PowerPoint needs: {exc}", fix)
        ) from None
    except etree.XMLSyntaxError as exc:
        raise ThemeError(Problem(where, f"the template has malformed XML: {exc}", fix)) from None
    except zipfile.BadZipFile:  # 'File is not a zip file', as the library says it
        raise ThemeError(
            Problem(
                where,
                "the template is not a PowerPoint file (a .pptx or "
                ".potx is a zip package; this file is none)",
                fix,
            )
        ) from None
    except (ValueError, TypeError, AttributeError, IndexError) as exc:
        # python-pptx meets a package it cannot follow (a relationship to nothing, a part
        # of the wrong type): damaged, whatever the exact symptom. A master with no
        # layouts is whole, and saving it again is no fix (found by fuzzing).
        empty = "has no layouts" in str(exc) or "no slide master" in str(exc)
        hint = ("add a layout to its slide master in PowerPoint (View > Slide Master > "
                "Insert Layout) and save it again") if empty else fix  # fmt: skip
        raise ThemeError(
            Problem(where, f"cannot open the template as a PowerPoint file: {exc}", hint)
        ) from None
    return prs


#: Other Office packages by a mark of their main content type, as a message names them.
_OTHER_OFFICE = ((b"spreadsheetml", "an Excel workbook"), (b"wordprocessingml",
                 "a Word document"))  # fmt: skip


def _check_relationships(package: zipfile.ZipFile, where: Location, fix: str) -> None:
    """Every part a relationship points to is in the package (python-pptx would drop the
    relationship quietly, or fail later with "no relationship with key 'rId3'"); and none
    reaches the network (:func:`_refuse_network_link`)."""
    from lxml import etree

    names = set(package.namelist())
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    missing = []
    for rels in sorted(n for n in names if n.endswith(".rels")):
        # ppt/slideMasters/_rels/slideMaster1.xml.rels describes ppt/slideMasters/...
        folder = posixpath.dirname(posixpath.dirname(rels))
        for rel in etree.fromstring(package.read(rels), parser):
            target = rel.get("Target", "")
            if rel.get("TargetMode") == "External":
                _refuse_network_link(rel.get("Type", ""), target, rels, where)
                continue
            if not target:
                continue
            part = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
            part = posixpath.normpath(part)
            if part not in names:
                source = posixpath.join(folder, posixpath.basename(rels)[: -len(".rels")])
                missing.append(f"{source.lstrip('/')} refers to {part}")
    if missing:
        raise ThemeError(
            Problem(
                where,
                "the template is missing a part PowerPoint needs: " + "; ".join(missing[:3]),
                fix,
            )
        )


#: Addresses on this machine, the only links kept: a drive's path ('C:\\Brand\\x.png'), a
#: file URI with no host ('file:///C:/Brand/x.png'), a path with no scheme that does not
#: start with two slashes ('logo.png', '/Brand/x.png'). Anything else may reach another
#: machine: a list of those let 'file:////host/share' (Windows' form of '\\\\host\\share'),
#: ' http://...' and 'mhtml:http://...' through (found by fuzzing).
_LOCAL = re.compile(r"^(?:[a-z]:[\\/]|file:///(?![/\\])|(?![a-z][a-z0-9+.-]*:)(?![/\\]{2}))",
                    re.IGNORECASE)  # fmt: skip


def _refuse_network_link(kind: str, target: str, rels: str, where: Location) -> None:
    """A picture, sound, video or object the template links to on another machine is
    fetched by PowerPoint whenever a deck made from it is opened: a request that tells
    the address's owner who opened it, and on Windows a file share's address sends the
    reader's sign-in (found by fuzzing). Templates are data from strangers: refused. A
    hyperlink is followed only when clicked; a linked file on this machine (an agency's
    'C:\\Brand\\logo.png') reaches nobody, and is kept."""
    if kind.endswith("/hyperlink") or _LOCAL.match(target.strip()):
        return
    part = posixpath.dirname(posixpath.dirname(rels))
    source = posixpath.join(part, posixpath.basename(rels)[: -len(".rels")]).lstrip("/")
    raise ThemeError(
        Problem(
            where,
            f"the template links {source} to {target}, which PowerPoint would fetch from "
            "the network whenever a deck made from it is opened",
            "embed the file in the template instead (in PowerPoint: File > Info > Edit "
            "Links to Files > Break Link, or insert the picture again without 'Link to "
            "File'), or remove it",
        )
    )


def _touch_layouts(prs: PresentationT) -> None:
    """Load every master, layout and the theme part now, so a damaged or missing one is
    found while the template is opened (python-pptx reads parts lazily), and a template
    without a slide master or layouts is refused here."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    masters = list(prs.slide_masters)
    if not masters:
        raise ValueError("it has no slide master")
    for master in masters:
        layouts = list(master.slide_layouts)
        if not layouts:
            raise ValueError(f"slide master {master.name!r} has no layouts")
        for layout in layouts:
            list(layout.placeholders)
    prs.slide_master.part.part_related_by(RT.THEME)


def _rezip(package: zipfile.ZipFile, replace: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for info in package.infolist():
            new.writestr(info, replace.get(info.filename, package.read(info.filename)))
    return out.getvalue()


def read_template(path: Path) -> TemplateInfo:
    """Read the slide size, fonts and every layout's placeholders of the template at ``path``."""
    from pptx.oxml.ns import qn

    prs = open_presentation(path)
    layouts = []
    seen: set[str] = set()
    for master in prs.slide_masters:
        for layout in master.slide_layouts:
            # Two masters may both have a "Title Slide"; the first one wins, as in lookups.
            if layout.name not in seen:
                seen.add(layout.name)
                # The master's background shows only where the layout has none of its
                # own (a layout's picture or gradient overrides it: then unknown).
                own = layout._element.find(qn("p:cSld")).find(qn("p:bg"))
                ground = _background(layout) if own is not None else _background(master)
                layouts.append(LayoutInfo(layout.name, _placeholders(layout), ground))
    heading, body = _theme_fonts(prs)
    logo, undrawable, linked = _logo(prs)
    master_body = next(
        (_rect(ph) for ph in prs.slide_master.placeholders if _type(ph) == "body"), None
    )
    return TemplateInfo(
        path=path,
        width=(prs.slide_width or 0) / _EMU_PER_INCH,
        height=(prs.slide_height or 0) / _EMU_PER_INCH,
        heading_font=heading,
        body_font=body,
        layouts=tuple(layouts),
        master_body=master_body,
        band=_band(prs),
        logo=logo,
        undrawable_logo=undrawable,
        linked_logo=linked,
    )


def _band(prs: PresentationT) -> str | None:
    """The colour of the master's brand band (see :attr:`TemplateInfo.band`)."""
    width, height = prs.slide_width or 0, prs.slide_height or 0
    for shape in prs.slide_master.shapes:
        if shape.is_placeholder or None in (shape.left, shape.top, shape.width, shape.height):
            continue
        full = shape.left <= 0 and shape.left + shape.width >= width * 0.98
        edge = shape.top <= 0 or shape.top + shape.height >= height
        thin = shape.height <= height * 0.2
        fill = _solid_fill(shape)
        if full and edge and thin and fill:
            return fill
    return None


def _background(part: object) -> str | None:
    """A layout's or master's own solid RGB background as '#RRGGBB', else ``None``."""
    found = part._element.xpath("./p:cSld/p:bg/p:bgPr/a:solidFill/a:srgbClr/@val")  # type: ignore[attr-defined]
    return f"#{found[0].upper()}" if found else None


def _solid_fill(shape: object) -> str | None:
    """A shape's solid RGB fill as '#RRGGBB' (a theme-colour fill is not resolved: None)."""
    try:
        fill = shape.fill  # type: ignore[attr-defined]
        if fill.type != 1:  # MSO_FILL.SOLID
            return None
        return f"#{fill.fore_color.rgb}"
    except (AttributeError, TypeError, ValueError):
        return None


def _logo(prs: PresentationT) -> tuple[str | None, str | None, bool]:
    """The package part of the template's logo picture (see :attr:`TemplateInfo.logo`),
    the part of the first passed over (or its address, and ``True``, for a linked one): a
    picture deckgen cannot draw on a card (a linked one; an EMF or WMF logo, as design
    tools export vector art, whose size Pillow reads but not its drawing), so the cards
    show the wordmark instead and the build says why."""
    import io

    from PIL import Image
    from pptx.enum.shapes import MSO_SHAPE_TYPE
    from pptx.oxml.ns import qn

    from deckgen.limits import IMAGE_FORMATS

    skipped: str | None = None
    linked = False
    masters = list(prs.slide_masters)
    for container in [*masters, *(lay for m in masters for lay in m.slide_layouts)]:
        for shape in container.shapes:
            if shape.shape_type == MSO_SHAPE_TYPE.PICTURE:
                # A picture inserted with "Link to File" has no part, only an address
                # outside the template (it stopped every build, found by fuzzing).
                blip = shape._element.xpath("./p:blipFill/a:blip")
                rid = blip[0].get(qn("r:embed")) or blip[0].get(qn("r:link")) if blip else None
                rel = container.part.rels.get(rid) if rid else None
                if rel is None:  # no picture at all: nothing to show, nothing to say
                    continue
                if rel.is_external:
                    if skipped is None:
                        skipped, linked = rel.target_ref, True
                    continue
                part = rel.target_part
                name = str(part.partname).lstrip("/")
                try:
                    with Image.open(io.BytesIO(part.blob)) as image:
                        drawable = image.format in IMAGE_FORMATS
                except Exception:  # Pillow's readers raise many types for a damaged
                    # picture (an EMF header of size 0 divides by zero, found by fuzzing)
                    drawable = False
                if drawable:
                    return name, skipped, linked
                skipped = skipped or name
    return None, skipped, linked


def _placeholders(layout: SlideLayout) -> tuple[PlaceholderInfo, ...]:
    return tuple(
        PlaceholderInfo(ph.placeholder_format.idx, _type(ph), ph.name, _rect(ph))
        for ph in list(layout.placeholders)
    )


def _type(ph: object) -> str:
    # The OOXML name ("ctrTitle", "pic"), not python-pptx's enum: it is what templates and
    # PowerPoint's XML use, and what a user sees in the inspect output.
    found = ph._element.xpath("./p:nvSpPr/p:nvPr/p:ph | ./p:nvPicPr/p:nvPr/p:ph")  # type: ignore[attr-defined]
    return found[0].get("type", "obj") if found else "obj"


def _rect(ph: object) -> Box | None:
    """The placeholder's box (python-pptx follows inheritance to the master)."""
    left, top = ph.left, ph.top  # type: ignore[attr-defined]
    width, height = ph.width, ph.height  # type: ignore[attr-defined]
    if None in (left, top, width, height):
        return None
    # To the thousandth of an inch, as `inspect` prints it and a user would copy it.
    left, top, width, height = (round(round(v / _EMU_PER_INCH, 3) * _EMU_PER_INCH)
                                for v in (left, top, width, height))  # fmt: skip
    return (left, top, width, height)


def _theme_fonts(prs: PresentationT) -> tuple[str | None, str | None]:
    from lxml import etree
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    theme = etree.fromstring(prs.slide_master.part.part_related_by(RT.THEME).blob)
    ns = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
    found = []
    for tag in ("a:majorFont", "a:minorFont"):
        latin = theme.find(f".//a:fontScheme/{tag}/a:latin", ns)
        found.append(latin.get("typeface") if latin is not None else None)
    return found[0], found[1]


# --------------------------------------------------------------------------- theme binding
def load_for_theme(theme: Theme, defaults: Mapping[str, str],
                   located: Callable[[str], Location]) -> TemplateInfo:  # fmt: skip
    """Read the template ``theme`` names and check the theme against it.

    ``defaults`` maps every slide kind to the layout it uses when ``theme.yaml`` does not
    say (each slide kind names its own). The file must lie inside the theme folder; every
    slide kind must map to a layout the template has; the theme's heading/body fonts must
    be the template's (deckgen measures text with the theme's font files, and the
    template's fonts are what PowerPoint draws).
    All problems are collected and raised together as a :class:`ThemeError`, each at its
    field's line in theme.yaml (``located``): 'template file not found' named no line
    (found by a hostile-input review).
    """
    from deckgen.io import confine

    spec = theme.template
    assert spec is not None
    where = located("template.file")
    path = confine(spec.file, theme.folder, where, what="template file",
                   root_name="the theme folder", error=ThemeError, fix=TEMPLATE_INSIDE)  # fmt: skip
    if not path.is_file():
        raise ThemeError(Problem(where, f"template file not found: {spec.file!r}",
                                 "the path is relative to the theme folder"))  # fmt: skip
    info = read_template(path)
    problems = []
    for kind in spec.layouts:
        if kind not in defaults:
            hint = did_you_mean(kind, defaults) or f"slide kinds: {one_of(defaults)}"
            problems.append(Problem(located(f"template.layouts.{kind}"),
                                    f"unknown slide kind {kind!r}", hint))  # fmt: skip
    mapping = {**defaults, **{k: v for k, v in spec.layouts.items() if k in defaults}}
    names = info.layout_names
    for kind, name in mapping.items():
        if name in names:
            continue
        given = kind in spec.layouts
        field = f"template.layouts.{kind}"
        problems.append(
            Problem(
                located(field),
                f"{'' if given else 'default '}layout {name!r} for {kind!r} slides is not in "
                f"the template {spec.file!r}; its layouts are: {one_of(names)}",
                did_you_mean(name, names)
                or f"map it in theme.yaml, e.g. template: {{layouts: {{{kind}: {names[0]!r}}}}}"
                if names else "the template has no layouts",
            )
        )  # fmt: skip
    slide_w, slide_h = round(info.width * 914400), round(info.height * 914400)
    kinds_on: dict[str, list[str]] = {}
    if slide_w <= 0 or slide_h <= 0:
        # Else every placeholder lay 'mostly off the slide', and each layout was blamed
        # for the file's own size (found by fuzzing): no placeholder is checked then.
        problems.append(
            Problem(
                Location(str(path)),
                f"the template's slide size is {slide_w} x {slide_h} EMU (p:sldSz in "
                "ppt/presentation.xml); expected a positive width and height",
                "open the template in PowerPoint, set its size (Design > Slide Size, e.g. "
                "Widescreen) and save it again as .potx or .pptx",
            )
        )
    else:
        for kind, name in sorted(mapping.items()):
            if name in names:
                kinds_on.setdefault(name, []).append(kind)
    for name, kinds in kinds_on.items():
        for ph in info.layout(name).placeholders:
            if ph.type not in (*TITLE_TYPES, "subTitle", *CONTENT_TYPES) or ph.box is None:
                continue
            left, top, width, height = ph.box
            seen_w = max(0, min(left + width, slide_w) - max(left, 0))
            seen_h = max(0, min(top + height, slide_h) - max(top, 0))
            if seen_w * seen_h < OFF_SLIDE * width * height:
                # Text fitted into it lands off the slide, or fails to fit for a reason
                # no outline can change ("shorten the labels"; found by fuzzing). A box
                # that bleeds past an edge, as designers draw some, is the template's own.
                inches = ", ".join(f"{v / 914400:.2f}" for v in ph.box)
                listed = ", ".join(repr(k) for k in kinds)
                problems.append(Problem(
                    located(f"template.layouts.{kinds[0]}"),
                    f"layout {name!r} of the template {spec.file!r} ({listed} slides) places "
                    f"its {ph.type} placeholder {ph.name!r} mostly off the {info.width:.2f} x "
                    f"{info.height:.2f} in slide (left, top, width, height: {inches} in)",
                    "move the placeholder onto the slide in the template's layout, or map "
                    "those slides to another layout (template: layouts: in theme.yaml)",
                ))  # fmt: skip
                break
    for role, theirs in (("heading", info.heading_font), ("body", info.body_font)):
        ours = getattr(theme.fonts, role).family
        if theirs and not theirs.startswith("+") and theirs != ours:
            problems.append(
                Problem(
                    located(f"fonts.{role}.family"),
                    f"the template's {role} font is {theirs!r} but the theme says {ours!r}",
                    f"set fonts.{role}.family to {theirs!r} (with its font files if it is not "
                    "bundled), so text is measured in the font PowerPoint will draw",
                )
            )
    if problems:
        raise ThemeError(problems)
    return TemplateInfo(**{**info.__dict__, "mapping": tuple(sorted(mapping.items()))})


# --------------------------------------------------------------------------- assembling
def logo_bytes(info: TemplateInfo) -> bytes | None:
    """The template's logo picture, as its file holds it (see :attr:`TemplateInfo.logo`)."""
    if info.logo is None:
        return None
    with zipfile.ZipFile(info.path) as package:
        return package.read(info.logo)


def open_template(info: TemplateInfo) -> PresentationT:
    """The template as an empty deck: masters and layouts kept, any slides removed."""
    prs = open_presentation(info.path)
    id_list = prs.slides._sldIdLst
    for sld_id in list(id_list):
        # Dropping the relationship drops the slide part (and its notes) from the package:
        # python-pptx saves only parts it can reach.
        prs.part.drop_rel(sld_id.rId)
        id_list.remove(sld_id)
    return prs


def find_layout(prs: PresentationT, name: str) -> SlideLayout:
    for master in prs.slide_masters:
        for layout in master.slide_layouts:
            if layout.name == name:
                return layout
    raise KeyError(name)  # checked when the theme was loaded


# --------------------------------------------------------------------------- inspecting
def describe(info: TemplateInfo) -> list[str]:
    """Lines for ``deckgen template inspect``: size, fonts, layouts and their placeholders."""
    lines = [
        f"{info.path.name}: {info.width:.2f} x {info.height:.2f} in; "
        f"fonts: heading {info.heading_font!r}, body {info.body_font!r}",
        f"{counted(len(info.layouts), 'layout')} (use these names in theme.yaml, "
        "template.layouts):",
    ]
    for layout in info.layouts:
        lines.append(f'  "{layout.name}"')
        if not layout.placeholders:
            lines.append("      (no placeholders)")
        for ph in layout.placeholders:
            if ph.box:
                left, top, width, height = (v / _EMU_PER_INCH for v in ph.box)
                where = (f"left {left:5.2f}  top {top:5.2f}  "
                         f"width {width:5.2f}  height {height:5.2f} in")  # fmt: skip
            else:
                where = "(no position)"
            lines.append(f"      idx {ph.idx:<3} {ph.type:<9} {ph.name!r:<30} {where}")
    return lines
