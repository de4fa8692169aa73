"""Build the shipped sample in every theme; check it as python-pptx, LibreOffice and
Microsoft's Open XML SDK validator see it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from pptx import Presentation

from deckgen.export.ooxml import validate
from deckgen.export.pdf import pdf_page_count, to_pdf
from deckgen.pipeline import BuildOptions, build
from tests.helpers import SAMPLE, load_outline

if TYPE_CHECKING:
    from pathlib import Path

THEMES = ("corporate", "dark", "contrast")


@pytest.fixture(scope="module", params=THEMES)
def sample(request, tmp_path_factory) -> tuple[str, Path]:
    out = tmp_path_factory.mktemp(f"sample-{request.param}")
    result = build(SAMPLE, BuildOptions(theme=request.param, out_dir=out))
    return request.param, result.deck


def _pictures(prs):
    return [
        (i, s) for i, slide in enumerate(prs.slides) for s in slide.shapes if s.shape_type == 13
    ]


def test_sample_builds_in_every_theme_with_one_slide_per_outline_entry(sample):
    _, deck = sample
    prs = Presentation(str(deck))
    assert len(prs.slides) == len(load_outline(SAMPLE).outline.slides)


def test_every_picture_has_meaningful_alt_text(sample):
    _, deck = sample
    prs = Presentation(str(deck))
    pictures = _pictures(prs)
    assert len(pictures) >= 20
    for _, picture in pictures:
        descr = picture._element.xpath("./*[1]/p:cNvPr")[0].get("descr")
        assert descr and len(descr) >= 12, picture.name
        assert ".png" not in descr and "/tmp" not in descr


def test_the_g20_chart_alt_text_reads_the_numbers(sample):
    _, deck = sample
    prs = Presentation(str(deck))
    alts = [p._element.xpath("./*[1]/p:cNvPr")[0].get("descr") for _, p in _pictures(prs)]
    g20 = next(a for a in alts if a.startswith("Grouped bar chart"))
    assert "China 30.2 million in 2023, up from 5.2 million in 2004" in g20


def test_chart_slides_have_speaker_notes(sample):
    _, deck = sample
    prs = Presentation(str(deck))
    outline = load_outline(SAMPLE).outline
    for slide, spec in zip(prs.slides, outline.slides, strict=True):
        if spec.kind == "chart":
            assert slide.has_notes_slide
            assert len(slide.notes_slide.notes_text_frame.text) > 40


@pytest.mark.libreoffice
def test_libreoffice_opens_the_sample_and_renders_every_slide(
    sample, tmp_path, require_libreoffice
):
    _, deck = sample
    pdf = to_pdf(deck, tmp_path)
    assert pdf_page_count(pdf) == len(Presentation(str(deck)).slides)


@pytest.mark.validator
def test_open_xml_sdk_validator_finds_no_errors(sample, require_validator):
    _, deck = sample
    assert validate(deck) == []


def test_no_text_in_the_deck_is_under_12_pt(sample):
    """Every run deckgen writes (titles, bodies, footers, sources, slide numbers, native
    callouts) is 12 pt or more; pictures are checked where they are planned."""
    _, deck = sample
    small = []
    for n, slide in enumerate(Presentation(str(deck)).slides, 1):
        for shape in _texts(slide.shapes):
            for paragraph in shape.text_frame.paragraphs:
                for run in paragraph.runs:
                    if run.text.strip() and run.font.size is not None and run.font.size.pt < 12:
                        small.append((n, shape.name, run.text[:30], run.font.size.pt))
    assert not small


def _texts(shapes):
    for shape in shapes:
        if shape.shape_type == 6:  # a group: a native callout
            yield from _texts(shape.shapes)
        elif shape.has_text_frame:
            yield shape
