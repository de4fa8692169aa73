"""Body placeholders on deckgen's own master: the Title and Content layout, and further body
placeholders for text set in columns (:func:`deckgen.ooxml.shapes.another_placeholder`)."""

from __future__ import annotations

import io

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER

from deckgen.layout.geometry import Rect
from deckgen.layout.units import Inches, Pt
from deckgen.ooxml import shapes as sh
from deckgen.ooxml.shapes import Para


def _slide():
    prs = sh.new_presentation(Inches(13.333), Inches(7.5), "Lato", "Lato")
    return prs, prs.slides.add_slide(prs.slide_layouts[sh.LAYOUT_TITLE_AND_CONTENT])


def test_the_title_and_content_layout_has_a_body_placeholder():
    _, slide = _slide()
    assert slide.slide_layout.name == "Title and Content"
    assert sh.content_placeholder(slide, ("body", "obj")) is not None


def test_another_placeholder_is_an_empty_body_placeholder_of_its_own():
    prs, slide = _slide()
    first = sh.content_placeholder(slide, ("body", "obj"))
    text = [Para("Left column", "Lato", Pt(14), "#1B2430")]
    sh.add_text(slide, Rect(Inches(1), Inches(2), Inches(3), Inches(3)), text, shape=first)
    second = sh.another_placeholder(first)
    # Empty (no text, no paragraph properties the first column's would add to), next in
    # the shape order, with an id and a placeholder index of its own.
    assert second.text_frame.text == ""
    assert second._element.findall(".//{*}pPr") == []
    assert second._element.getprevious() is first._element
    others = [s for s in slide.shapes if s._element is not second._element]
    assert second.shape_id not in {s.shape_id for s in others}
    assert second.placeholder_format.idx not in {
        p.placeholder_format.idx for p in slide.placeholders if p._element is not second._element
    }
    text = [Para("Right column", "Lato", Pt(14), "#1B2430")]
    sh.add_text(slide, Rect(Inches(5), Inches(2), Inches(3), Inches(3)), text, shape=second)
    out = io.BytesIO()
    prs.save(out)
    reopened = Presentation(out).slides[0]
    kinds = (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT)
    bodies = [p for p in reopened.placeholders if p.placeholder_format.type in kinds]
    assert [b.text_frame.text for b in bodies] == ["Left column", "Right column"]
    assert bodies[1].placeholder_format.type == PP_PLACEHOLDER.BODY
    assert bodies[1].left == Inches(5)
