"""The indexes deckgen keeps on a deck's package name its parts as python-pptx would."""

from __future__ import annotations

from pptx import Presentation

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
