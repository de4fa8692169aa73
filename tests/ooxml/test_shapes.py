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
