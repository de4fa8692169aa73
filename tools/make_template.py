"""Build the sample corporate template, themes/corporate-template/brand.potx, from scratch.

python tools/make_template.py [OUT]

A stand-in for what a brand team hands out: a 16:9 master with a coloured band and a
"logo" drawn with shapes, brand colours and fonts in the package theme, styled title text,
and named layouts with placeholders. Made with python-pptx only (no third-party files) and
byte-for-byte deterministic: fixed dates, fixed zip timestamps, fixed member order.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import zipfile
from pathlib import Path
from typing import Any

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.shapes.autoshape import Shape
from pptx.util import Inches, Pt

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "themes" / "corporate-template" / "brand.potx"

BRAND = {
    "dk1": "1D2733", "lt1": "FFFFFF", "dk2": "0E4D64", "lt2": "EEF3F5",
    "accent1": "0E4D64", "accent2": "E07A1F", "accent3": "2A9D8F", "accent4": "9AA8B2",
    "accent5": "5B6673", "accent6": "C8D6DD", "hlink": "0E4D64", "folHlink": "5B6673",
}  # fmt: skip
FONT = "Source Sans Pro"
PRIMARY, ACCENT, ON_PRIMARY = BRAND["dk2"], BRAND["accent2"], "FFFFFF"
WIDTH, HEIGHT = 40 / 3, 7.5

#: Layout name -> placeholder idx -> (left, top, width, height) in inches. Layouts built from
#: python-pptx's default ones (renamed where the key says "from"); the others are removed.
LAYOUTS: dict[str, dict[str, Any]] = {
    # The title sits on the accent bar (bottom-anchored), the subtitle below it.
    "Title Slide": {"from": "Title Slide", "dark": True, "anchor": MSO_ANCHOR.BOTTOM,
                    "bar": (0.8, 4.28, 1.2, 0.09),
                    "boxes": {0: (0.8, 2.1, 10.2, 2.05), 1: (0.8, 4.55, 10.2, 1.1)}},
    "Title and Content": {"from": "Title and Content",
                          "boxes": {0: (0.5, 0.45, 10.7, 1.15), 1: (0.5, 1.85, 12.33, 4.75)}},
    "Section Header": {"from": "Section Header", "dark": True, "anchor": MSO_ANCHOR.TOP,
                       "bar": (0.8, 2.3, 1.2, 0.09),
                       "boxes": {0: (0.8, 2.6, 11.0, 2.2), 1: (0.8, 4.9, 11.0, 0.8)}},
    "Title Only": {"from": "Title Only", "boxes": {0: (0.5, 0.45, 10.7, 1.15)}},
    "Title and Chart": {"from": "Picture with Caption", "drop": {2},
                        "boxes": {0: (0.5, 0.45, 10.7, 1.15), 1: (0.5, 1.85, 12.33, 4.75)}},
    "Blank": {"from": "Blank", "boxes": {}},
}  # fmt: skip
#: Master placeholders by type: title, body, date, footer, slide number.
MASTER_BOXES = {
    "title": (0.5, 0.45, 10.7, 1.15),
    "body": (0.5, 1.85, 12.33, 4.75),
    "dt": (0.5, 6.95, 2.5, 0.35),
    "ftr": (4.4, 6.95, 4.5, 0.35),
    "sldNum": (10.33, 6.95, 2.5, 0.35),
}
FIXED_TIME = dt.datetime(2024, 1, 1, tzinfo=dt.UTC).replace(tzinfo=None)
_TEMPLATE_MAIN = "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
_PRESENTATION_MAIN = (
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
)


def _place(shape: Any, box: tuple[float, float, float, float]) -> None:
    shape.left, shape.top, shape.width, shape.height = (Inches(v) for v in box)


def _rect(shapes: Any, box: tuple[float, float, float, float], colour: str, name: str) -> Shape:
    """A filled rectangle without outline or theme style (LibreOffice draws its shadow)."""
    tree = shapes._spTree
    sp = tree.add_autoshape(shapes._next_shape_id, name, "rect", *(Inches(v) for v in box))
    sp.remove(sp.find(qn("p:style")))
    shape = Shape(sp, shapes)
    shape.fill.solid()
    shape.fill.fore_color.rgb = RGBColor.from_string(colour)
    shape.line.fill.background()
    # Behind the placeholders: decoration never covers text.
    tree.remove(sp)
    tree.insert(2, sp)
    return shape


def _wordmark(shapes: Any, left: float, top: float, ink: str) -> None:
    """The "logo": an accent square and the brand name, drawn with shapes."""
    _rect(shapes, (left, top + 0.05, 0.22, 0.22), ACCENT, "Logo mark")
    tree = shapes._spTree
    sp = tree.add_textbox(shapes._next_shape_id, "Logo type", *(Inches(v) for v in
                          (left + 0.32, top, 1.4, 0.32)))  # fmt: skip
    box = Shape(sp, shapes)
    frame = box.text_frame
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
    frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    run = frame.paragraphs[0].add_run()
    run.text = "NORTHWIND"
    run.font.size, run.font.bold, run.font.name = Pt(14), True, FONT
    run.font.color.rgb = RGBColor.from_string(ink)


def _set_theme(prs: Any) -> None:
    part = prs.slide_master.part.part_related_by(RT.THEME)
    root = etree.fromstring(part.blob)
    ns = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
    scheme = root.find(".//a:clrScheme", ns)
    scheme.set("name", "Northwind")
    for slot, value in BRAND.items():
        element = scheme.find(f"a:{slot}", ns)
        for child in list(element):
            element.remove(child)
        etree.SubElement(element, qn("a:srgbClr")).set("val", value)
    fonts = root.find(".//a:fontScheme", ns)
    fonts.set("name", "Northwind")
    for tag in ("a:majorFont", "a:minorFont"):
        fonts.find(f"{tag}/a:latin", ns).set("typeface", FONT)
    root.find(".//a:themeElements/..", ns).set("name", "Northwind")
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _text_colour(lvl: Any, scheme: str) -> None:
    """Point a text style level's default run colour at a theme colour."""
    rpr = lvl.find(qn("a:defRPr"))
    old = rpr.find(qn("a:solidFill"))
    if old is not None:
        rpr.remove(old)
    fill = etree.Element(qn("a:solidFill"))
    etree.SubElement(fill, qn("a:schemeClr")).set("val", scheme)
    rpr.insert(0, fill)


def _style_master(prs: Any) -> None:
    master = prs.slide_master
    for ph in master.placeholders:
        _place(ph, MASTER_BOXES[_ph_type(ph)])
    styles = master._element.find(qn("p:txStyles"))
    title = styles.find(qn("p:titleStyle")).find(qn("a:lvl1pPr"))
    title.set("algn", "l")
    title.find(qn("a:defRPr")).set("sz", "3200")
    title.find(qn("a:defRPr")).set("b", "1")
    _text_colour(title, "tx2")
    body = styles.find(qn("p:bodyStyle"))
    for lvl in body:
        if lvl.find(qn("a:defRPr")) is not None:
            _text_colour(lvl, "tx1")
    _rect(master.shapes, (0, 0, WIDTH, 0.16), PRIMARY, "Brand band")
    _wordmark(master.shapes, 11.35, 0.5, PRIMARY)


def _ph_type(ph: Any) -> str:
    return ph._element.xpath("./p:nvSpPr/p:nvPr/p:ph")[0].get("type", "body")


def _style_layout(layout: Any, spec: dict[str, Any]) -> None:
    for ph in list(layout.placeholders):
        idx = ph.placeholder_format.idx
        if idx in spec.get("drop", ()):
            ph._element.getparent().remove(ph._element)
        elif idx in spec["boxes"]:
            _place(ph, spec["boxes"][idx])
        elif (xfrm := ph._element.spPr.find(qn("a:xfrm"))) is not None:
            # Date, footer, slide number: inherit the master's (16:9) boxes.
            ph._element.spPr.remove(xfrm)
    if spec.get("dark"):
        # A full-bleed brand background with its own logo; the master's band is hidden.
        layout._element.set("showMasterSp", "0")
        layout.background.fill.solid()
        layout.background.fill.fore_color.rgb = RGBColor.from_string(PRIMARY)
        _rect(layout.shapes, spec["bar"], ACCENT, "Accent bar")
        _wordmark(layout.shapes, 0.8, 0.6, ON_PRIMARY)
        for ph in layout.placeholders:
            idx = ph.placeholder_format.idx
            if idx in (0, 1):
                _on_dark(ph, bold=idx == 0, anchor=spec["anchor"] if idx == 0 else MSO_ANCHOR.TOP)


def _on_dark(ph: Any, bold: bool, anchor: MSO_ANCHOR) -> None:
    """White, left-aligned text in a placeholder on the dark background."""
    frame = ph.text_frame
    frame.vertical_anchor = anchor
    body = ph._element.txBody
    lst = body.find(qn("a:lstStyle"))
    for child in list(lst):
        lst.remove(child)
    lvl = etree.SubElement(lst, qn("a:lvl1pPr"))
    lvl.set("marL", "0")
    lvl.set("indent", "0")
    lvl.set("algn", "l")
    etree.SubElement(lvl, qn("a:buNone"))
    rpr = etree.SubElement(lvl, qn("a:defRPr"))
    rpr.set("sz", "4000" if bold else "2000")
    rpr.set("b", "1" if bold else "0")
    fill = etree.SubElement(rpr, qn("a:solidFill"))
    etree.SubElement(fill, qn("a:schemeClr")).set("val", "bg1")


def build() -> bytes:
    """The template's bytes."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(WIDTH), Inches(HEIGHT)
    size = prs.part._element.find(qn("p:sldSz"))
    size.attrib.pop("type", None)
    _set_theme(prs)
    _style_master(prs)
    master = prs.slide_master
    by_name = {layout.name: layout for layout in master.slide_layouts}
    kept = {spec["from"] for spec in LAYOUTS.values()}
    for name, layout in by_name.items():
        if name not in kept:
            master.slide_layouts.remove(layout)
    for name, spec in LAYOUTS.items():
        layout = by_name[spec["from"]]
        layout.name = name
        _style_layout(layout, spec)
    # Layouts in the order of LAYOUTS (the order PowerPoint's "New Slide" menu shows).
    ids = master._element.find(qn("p:sldLayoutIdLst"))
    order = {by_name[spec["from"]].part.partname: i for i, spec in enumerate(LAYOUTS.values())}
    entries = sorted(ids, key=lambda e: order[master.part.related_part(e.rId).partname])
    for entry in entries:
        ids.append(entry)
    props = prs.core_properties
    props.title = "Northwind brand template (deckgen sample)"
    props.author = props.last_modified_by = "deckgen"
    props.created = props.modified = FIXED_TIME
    props.revision = 1
    out = io.BytesIO()
    prs.save(out)
    return _as_template(out.getvalue())


def _as_template(pptx: bytes) -> bytes:
    """Mark the package a template (.potx) and zip it reproducibly."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(pptx)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for name in src.namelist():
            data = src.read(name)
            if name == "[Content_Types].xml":
                data = data.replace(_PRESENTATION_MAIN.encode(), _TEMPLATE_MAIN.encode())
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, data)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path, nargs="?", default=OUT)
    args = parser.parse_args()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(build())
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
