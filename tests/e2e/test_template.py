"""Build the shipped sample on the shipped corporate template (themes/corporate-template)."""

from __future__ import annotations

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn
from pptx.util import Pt

from deckgen.export.ooxml import validate
from deckgen.export.pdf import pdf_page_count, to_pdf
from deckgen.pipeline import BuildOptions, build
from tests.helpers import SAMPLE, load_outline

#: Slide kind -> the brand.potx layout it must use (defaults plus the theme's override).
EXPECTED = {
    "title": "Title Slide", "section": "Section Header", "statement": "Blank",
    "quote": "Blank", "bullets": "Title and Content", "cards": "Title Only",
    "stats": "Title Only", "chart": "Title and Chart", "table": "Title Only",
    "sources": "Title and Content",
}  # fmt: skip


@pytest.fixture(scope="module")
def deck(tmp_path_factory):
    out = tmp_path_factory.mktemp("sample-template")
    return build(SAMPLE, BuildOptions(theme="corporate-template", out_dir=out)).deck


def _is_picture(shape) -> bool:
    return shape._element.tag.endswith("}pic")


def _kinds():
    return [s.kind for s in load_outline(SAMPLE).outline.slides]


def test_every_slide_uses_the_template_layout_of_its_kind(deck):
    prs = Presentation(str(deck))
    kinds = _kinds()
    assert len(prs.slides) == len(kinds)
    assert set(kinds) <= set(EXPECTED)
    for slide, kind in zip(prs.slides, kinds, strict=True):
        assert slide.slide_layout.name == EXPECTED[kind], kind


def test_the_deck_keeps_the_templates_master_and_size(deck):
    prs = Presentation(str(deck))
    assert [layout.name for layout in prs.slide_layouts][:2] == ["Title Slide", "Title and Content"]
    assert {s.name for s in prs.slide_master.shapes} >= {"Brand band", "Logo type"}
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)


def test_no_placeholder_is_left_empty(deck):
    # An empty placeholder shows "Click to add text" in PowerPoint.
    for number, slide in enumerate(Presentation(str(deck)).slides, 1):
        for ph in slide.placeholders:
            filled = _is_picture(ph) or (ph.has_text_frame and ph.text_frame.text.strip())
            assert filled, f"slide {number}: empty placeholder {ph.name!r}"


def test_placeholders_receive_the_title_body_and_chart(deck):
    prs = Presentation(str(deck))
    kinds = _kinds()
    slides: dict = {}
    for kind, slide in zip(kinds, prs.slides, strict=True):
        slides.setdefault(kind, slide)  # the first slide of each kind
    assert slides["title"].placeholders[0].text_frame.text == "Global Impact"
    subtitle = slides["title"].placeholders[1].text_frame.text.replace("\u00a0", " ")
    assert subtitle.startswith("How the U.S. auto")  # held spaces are spaces
    bullets = [p for p in slides["bullets"].placeholders if p.placeholder_format.idx == 1]
    assert len(bullets[0].text_frame.paragraphs) >= 4
    chart = [p for p in slides["chart"].placeholders if p.placeholder_format.idx == 1]
    assert _is_picture(chart[0])  # the chart, in the picture placeholder
    assert chart[0]._element.xpath("./*[1]/p:cNvPr")[0].get("descr").startswith("Grouped bar")


def _on_the_layout(slide, shape) -> bool:
    """Whether the slide's layout has a placeholder of ``shape``'s type."""
    kind = shape.placeholder_format.type
    return any(p.placeholder_format.type == kind for p in slide.slide_layout.placeholders)


def test_nothing_is_below_12_pt_and_the_template_styles_its_placeholders(deck):
    for slide in Presentation(str(deck)).slides:
        for shape in slide.shapes:
            if not shape.has_text_frame:
                continue
            for run in (r for p in shape.text_frame.paragraphs for r in p.runs):
                assert run.font.size is None or run.font.size >= Pt(12), (shape.name, run.text)
            if shape.is_placeholder and _on_the_layout(slide, shape):
                # The title (or bullets) take font and colour from the template's layout;
                # only a subtitle sharing the title placeholder is set in the theme's font,
                # and a title the layout has no place for (a blank layout's) keeps deckgen's.
                for run in shape.text_frame.paragraphs[0].runs:
                    assert run.font.name is None, (shape.name, run.text)
                    assert run._r.find(qn("a:rPr")).find(qn("a:solidFill")) is None


@pytest.mark.libreoffice
def test_libreoffice_renders_every_slide(deck, tmp_path, require_libreoffice):
    assert pdf_page_count(to_pdf(deck, tmp_path)) == len(_kinds())


@pytest.mark.validator
def test_the_validator_finds_no_errors(deck, require_validator):
    assert validate(deck) == []


def test_text_deckgen_colours_on_the_brands_dark_layouts_reads_on_them(deck):
    """The title and section layouts fill the slide with the brand's petrol: the byline
    and any text deckgen colours itself there take a theme colour that reads on it
    (4.5:1), not the body text colour meant for white (the byline was once 1.6:1)."""
    from deckgen.theming.colour import contrast
    from deckgen.theming.template import read_template
    from tests.theming.test_template import BRAND

    grounds = {layout.name: layout.ground for layout in read_template(BRAND).layouts}
    checked = 0
    for slide in Presentation(str(deck)).slides:
        ground = grounds[slide.slide_layout.name]
        if ground is None:
            continue
        for shape in (s for s in slide.shapes if s.has_text_frame):
            for run in (r for p in shape.text_frame.paragraphs for r in p.runs if r.text.strip()):
                fill = run._r.find(qn("a:rPr"))
                colour = fill.find(qn("a:solidFill")) if fill is not None else None
                if colour is None:
                    continue  # the layout's own style, made for its background
                rgb = colour.find(qn("a:srgbClr")).get("val")
                assert contrast(f"#{rgb}", ground) >= 4.5, (shape.name, run.text, rgb)
                checked += 1
    assert checked  # the byline at least
