"""A state map as editable PowerPoint shapes: the native form of ``map.py``.

PowerPoint has no map chart that python-pptx can write (Office's "filled map" is a
chartEx part that needs Bing at render time), so the native map is a group of shapes
drawn from the same layout as the picture (``_map_layout.plan``): a tile map is one
rectangle per state holding its code (and value), a choropleth one freeform per state
(its rings as sub-paths), then the legend's swatches and words. Everything stays
editable: recolour a state, move the legend, retype a value. The group carries the alt
text; its pieces are marked decorative.

This module imports python-pptx; ``map.py`` imports it inside ``draw_native`` only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lxml import etree
from pptx.enum.dml import MSO_PATTERN
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.oxml.ns import qn
from pptx.util import Emu
from pptx.util import Pt as PptxPt

from deckgen.kinds.charts._map_layout import Box, Label, MapLayout, fitted, shapes
from deckgen.layout.geometry import Rect
from deckgen.layout.text import SLIDE
from deckgen.layout.units import Pt
from deckgen.ooxml import shapes as sh
from deckgen.ooxml.shapes import Para

if TYPE_CHECKING:
    from pptx.shapes.autoshape import Shape
    from pptx.shapes.group import GroupShape
    from pptx.shapes.shapetree import SlideShapes
    from pptx.slide import Slide

    from deckgen.render.charts import ChartJob


def add_native_map(slide: Slide, job: ChartJob, box: Rect, alt: str) -> GroupShape:
    """Draw ``job``'s map in ``box`` on ``slide`` as one group of shapes; return it."""
    lay = fitted(job, box.width.pt, box.height.pt, 1.0)
    # The pieces are drawn on the slide and grouped at the end: a group recomputes its
    # extent over all its children at every shape added to it (quadratic in the states).
    tree = slide.shapes
    first = len(tree)
    family = job.theme.theme.fonts.body.family
    background = job.theme.theme.colors.background

    def at(b: Box) -> Rect:
        return Rect(box.left + Pt(b.x), box.top + Pt(b.y), Pt(b.w), Pt(b.h))

    for region in lay.regions:
        hatch = lay.hatch if region.value is None else None  # "no data"
        if lay.tile:
            shape = _rect(tree, at(region.box), region.fill, f"{region.code} tile", hatch)
            if region.highlighted:
                _outline(shape, lay.emphasis, lay.emphasis_width)
                if lay.casing is not None:
                    _casing(tree, at(region.box), lay.casing, lay.emphasis_width)
            if region.label is not None:
                _text(shape, region.label, family, lay.size)
            if region.callout is not None:
                _label(slide, job, lay, region.callout, box)
            continue
        outline = _freeform(tree, lay, region.code, box)
        outline.name = sh.clean(region.name)
        _fill(outline, region.fill, hatch)
        if region.highlighted and lay.casing is not None:
            _outline(outline, lay.casing, 2 * lay.emphasis_width)  # the line goes on it
        elif region.highlighted:
            _outline(outline, lay.emphasis, lay.emphasis_width)
        else:
            _outline(outline, background, lay.border_width)
    if not lay.tile:
        # A highlighted state's outline is drawn on top of its neighbours' borders.
        for region in (r for r in lay.regions if r.highlighted):
            element = next(s for s in tree if s.name == sh.clean(region.name))._element
            element.getparent().append(element)
            if lay.casing is not None:  # the outline on its casing
                line = _freeform(tree, lay, region.code, box)
                line.name = sh.clean(f"{region.name} highlight")
                line.fill.background()
                _outline(line, lay.emphasis, lay.emphasis_width)
                sh.set_decorative(line)
        for region in lay.regions:
            if region.label is not None:
                _label(slide, job, lay, region.label, box)
    for key in lay.keys:
        hatch = lay.hatch if lay.hatched(key.fills) else None
        swatch = _rect(tree, at(key.swatch), key.fills[0], "Legend swatch", hatch)
        if len(key.fills) > 1:
            _gradient(swatch, key.fills)
        for text in key.texts:
            width = _width(job, text.text, lay.size)
            rect = Rect(box.left + Pt(text.x), box.top + Pt(text.y - lay.size * 0.7),
                        Pt(width * 1.1 + 2), Pt(lay.size * 1.4))  # fmt: skip
            para = Para(text.text, family, Pt(lay.size), lay.text_color)
            words = sh.add_text(slide, rect, [para], anchor="middle", name="Legend text")
            words.text_frame.word_wrap = False  # type: ignore[attr-defined]
            sh.set_decorative(words)
    group = tree.add_group_shape(list(tree)[first:])
    group.name = sh.clean(f"Map: {alt}")[:80]
    sh.set_alt_text(group, alt)
    return group


def _width(job: ChartJob, text: str, size: float, bold: bool = False) -> float:
    return SLIDE.width(text, job.theme.body.file(bold), Pt(size)).pt


def _plain(shape: Shape) -> None:
    # No theme style: it carries a shadow that LibreOffice draws (as in ooxml.shapes).
    style = shape._element.find(qn("p:style"))
    if style is not None:
        shape._element.remove(style)


def _rect(tree: SlideShapes, rect: Rect, fill: str, name: str, hatch: str | None = None,
          kind: MSO_SHAPE = MSO_SHAPE.RECTANGLE) -> Shape:  # fmt: skip
    shape = tree.add_shape(kind, *sh.box(rect))
    _plain(shape)
    _fill(shape, fill, hatch)
    shape.line.fill.background()
    shape.name = name
    sh.set_decorative(shape)
    return shape


def _fill(shape: Shape, colour: str, hatch: str | None = None) -> None:
    """A solid fill; with ``hatch``, hatched in that colour as the picture is ("no data":
    PowerPoint's wide upward diagonal is the picture's pattern)."""
    if hatch is None:
        shape.fill.solid()
        shape.fill.fore_color.rgb = sh.rgb(colour)
        return
    shape.fill.patterned()
    shape.fill.pattern = MSO_PATTERN.WIDE_UPWARD_DIAGONAL
    shape.fill.fore_color.rgb = sh.rgb(hatch)
    shape.fill.back_color.rgb = sh.rgb(colour)


def _outline(shape: Shape, colour: str, width: float) -> None:
    shape.line.color.rgb = sh.rgb(colour)
    shape.line.width = PptxPt(width)


def _casing(tree: SlideShapes, tile: Rect, colour: str, width: float) -> None:
    """The casing of a highlighted tile's outline (``MapLayout.casing``): a ring half as
    wide inside it (the outline is drawn on the tile's edge, half of it inside)."""
    d = Pt(0.75 * width)
    rect = Rect(tile.left + d, tile.top + d, tile.width - d - d, tile.height - d - d)
    shape = tree.add_shape(MSO_SHAPE.RECTANGLE, *sh.box(rect))
    _plain(shape)
    shape.fill.background()
    _outline(shape, colour, width / 2)
    shape.name = "Highlight casing"
    sh.set_decorative(shape)


def _text(shape: Shape, label: Label, family: str, size: float) -> None:
    paras = [Para(line, family, Pt(size), label.color, bold=label.bold, align="center")
             for line in label.lines]  # fmt: skip
    sh.add_text(shape, None, paras, anchor="middle", shape=shape)  # type: ignore[arg-type]
    shape.text_frame.word_wrap = False


def _label(slide: Slide, job: ChartJob, lay: MapLayout, label: Label, box: Rect) -> None:
    """A label outside a tile, or a choropleth's: a text box centred on its point, wide
    enough not to wrap, with its leader line if it has one."""
    w = max(_width(job, line, lay.size, label.bold) for line in label.lines) + lay.size
    h = len(label.lines) * lay.size * 1.25
    rect = Rect(box.left + Pt(label.x - w / 2), box.top + Pt(label.y - h / 2), Pt(w), Pt(h))
    family = job.theme.theme.fonts.body.family
    paras = [Para(line, family, Pt(lay.size), label.color, bold=label.bold, align="center")
             for line in label.lines]  # fmt: skip
    shape = sh.add_text(slide, rect, paras, anchor="middle", name="Label")
    shape.text_frame.word_wrap = False  # type: ignore[attr-defined]
    sh.set_decorative(shape)
    if label.leader is not None:
        (xa, ya), (xb, yb) = label.leader
        line = slide.shapes.add_connector(
            MSO_CONNECTOR.STRAIGHT, Emu((box.left + Pt(xa)).emu), Emu((box.top + Pt(ya)).emu),
            Emu((box.left + Pt(xb)).emu), Emu((box.top + Pt(yb)).emu),
        )  # fmt: skip
        _outline(line, lay.leader_color, lay.leader_width)  # type: ignore[arg-type]
        line.name = "Leader"
        sh.set_decorative(line)
        r = lay.dot
        if not r:  # a tile's leader starts at its edge
            return
        _rect(slide.shapes, Rect(box.left + Pt(xa - r), box.top + Pt(ya - r), Pt(2 * r), Pt(2 * r)),
              lay.leader_color, "Leader dot", kind=MSO_SHAPE.OVAL)  # fmt: skip


def _freeform(tree: SlideShapes, lay: MapLayout, code: str, box: Rect) -> Shape:
    """A state's outline: one freeform, each ring a closed sub-path, in the shapes' own
    integer units scaled to the slide.

    python-pptx's builder sizes the shape from its points; it recomputes the path's extent
    for every point it writes (quadratic in the points), so it is given the outline's
    bounding box, and the rings are then written into its path directly."""
    rings = shapes().by_code[code].paths
    xs = [x for ring in rings for x, _ in ring]
    ys = [y for ring in rings for _, y in ring]
    left, top, right, bottom = min(xs), min(ys), max(xs), max(ys)
    builder = tree.build_freeform(left, top, scale=Pt(lay.scale).emu)
    builder.add_line_segments([(right, top), (right, bottom), (left, bottom)], close=True)
    shape = builder.convert_to_shape(Emu(box.left + Pt(lay.x0)), Emu(box.top + Pt(lay.y0)))
    path = shape._element.find(f".//{qn('a:path')}")
    assert path is not None
    for child in list(path):
        path.remove(child)
    for ring in rings:
        (x, y), *rest = ring
        path.add_moveTo(Emu(round(x - left)), Emu(round(y - top)))
        for x, y in rest:
            path.add_lnTo(Emu(round(x - left)), Emu(round(y - top)))
        path.add_close()
    _plain(shape)
    sh.set_decorative(shape)
    return shape


def _gradient(shape: Shape, fills: tuple[str, ...]) -> None:
    """A left-to-right gradient from the first to the last of ``fills`` (the ramp's ends:
    LibreOffice 7 draws only two stops of a longer list, and one hue's ramp is near
    enough straight in RGB)."""
    fills = (fills[0], fills[-1])
    shape.fill.gradient()
    shape.fill.gradient_angle = 0
    stops = shape._element.find(f".//{qn('a:gsLst')}")
    assert stops is not None
    for child in list(stops):
        stops.remove(child)
    for k, colour in enumerate(fills):
        stop = etree.SubElement(stops, qn("a:gs"), pos=str(round(k * 100000 / (len(fills) - 1))))
        etree.SubElement(stop, qn("a:srgbClr"), val=colour.lstrip("#").upper())
