"""Every slide has a title placeholder holding its title: what PowerPoint's accessibility
checker ("Missing slide title"), outline view and screen readers take as the slide's title.
A statement or quotation set on a blank layout was text boxes only (found in review)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from pptx import Presentation

from deckgen.pipeline import BuildOptions, build
from tests.helpers import write_project

if TYPE_CHECKING:
    from pathlib import Path

OUTLINE = """\
deck:
  title: Harbour works plan
  subtitle: What the port spends and when
  organisation: Port Authority
slides:
  - kind: title
  - kind: statement
    kicker: The point
    text: Dredging the east channel comes before every other project.
  - kind: statement
    text: Cranes last thirty years.
  - kind: quote
    text: We will not pour concrete before the channel is deep enough.
    attribution: Chief engineer
  - kind: bullets
    title: Three steps this year
    subtitle: Approved by the board in March
    items: [Survey the channel, Dredge the east side, Order two cranes]
"""

THEMES = ["corporate", "dark", "contrast", "corporate-template"]


@pytest.fixture(scope="module", params=THEMES)
def deck(request, tmp_path_factory) -> tuple[str, Path]:
    root = tmp_path_factory.mktemp(request.param)
    path = write_project(root, OUTLINE)
    return request.param, build(path, BuildOptions(theme=request.param,
                                                   out_dir=root / "out")).deck  # fmt: skip


def _paragraphs(shape) -> list[str]:
    # As read: a title is written with no-break spaces where it must not break and line
    # breaks where it was fitted (text.Fitted.written), which a reader takes as spaces.
    return [" ".join(p.text.split()) for p in shape.text_frame.paragraphs]


def test_every_slide_has_a_title_placeholder_with_its_title(deck):
    theme, path = deck
    slides = list(Presentation(str(path)).slides)
    titles = [s.shapes.title for s in slides]
    assert all(t is not None for t in titles), theme
    cover, kicked, statement, quote, bullets = (_paragraphs(t) for t in titles)
    assert cover[0] == "Harbour works plan"
    # The kicker is the statement's label, set with it in one block (so a substitute font
    # moves them together); the quotation is titled with who said it.
    assert kicked == ["THE POINT", "Dredging the east channel comes before every other project."]
    assert statement == ["Cranes last thirty years."]
    assert quote == ["We will not pour concrete before the channel is deep enough.",
                     "— Chief engineer"]  # fmt: skip
    assert bullets[0] == "Three steps this year"


def test_a_subtitle_stays_in_the_titles_box_below_it(deck):
    # Kept on purpose (README, "Text that stacks"): as a box of its own, a title that a
    # viewer's substitute font wraps onto one more line runs into the subtitle; as the
    # title box's second paragraph it moves down. A screen reader hears both, the unit too.
    theme, path = deck
    slides = list(Presentation(str(path)).slides)
    for slide, subtitle in ((slides[0], "What the port spends and when"),
                            (slides[4], "Approved by the board in March")):  # fmt: skip
        if theme == "corporate-template" and slide is slides[0]:
            continue  # the template's own subtitle placeholder
        assert _paragraphs(slide.shapes.title)[-1] == subtitle


def test_a_titled_text_box_keeps_its_own_look(deck):
    """The statement's and quotation's title placeholders state what the master's title
    style would otherwise give them: no autofit, no insets, their own anchor and font."""
    _, path = deck
    slides = list(Presentation(str(path)).slides)
    for slide, name in ((slides[1], "Statement"), (slides[3], "Quote")):
        title = slide.shapes.title
        assert title.name == name
        body = title.text_frame._txBody.bodyPr
        assert body.get("anchor") == "ctr"
        assert {body.get(k) for k in ("lIns", "tIns", "rIns", "bIns")} == {"0"}
        assert body.xpath("./a:noAutofit")
        for paragraph in title.text_frame.paragraphs:
            assert paragraph.runs[0].font.name and paragraph.runs[0].font.color.rgb
            assert paragraph._p.pPr.get("algn") == "l"


@pytest.mark.validator
def test_the_titled_deck_validates(deck, require_validator):
    from deckgen.export.ooxml import validate

    assert validate(deck[1]) == []


#: A cover and sections whose titles take two lines or more in their column beside the
#: motif: near the column's width, and short of it (the sample's).
BROKEN = """\
deck:
  title: Harbour works plan for the east channel and the new container cranes
  organisation: Port Authority
slides:
  - kind: title
  - kind: section
    kicker: "01"
    title: Dredging the east channel before the cranes arrive
  - kind: section
    title: Worldwide industry leadership
"""


@pytest.mark.parametrize("theme", ["corporate", "corporate-template"])
def test_cover_and_section_titles_break_where_they_were_fitted(tmp_path, theme):
    """They were written whole, so the viewer broke them greedily at the box's edge:
    'Worldwide industry / leadership' where deckgen had balanced 'Worldwide / industry
    leadership' (the sample's section slides). Written like a content slide's title, each
    line short of the box is a line of its own, whatever the viewer's font."""
    from deckgen.layout.units import Pt
    from tests.helpers import plan

    path = write_project(tmp_path, BROKEN)
    planned = plan(path, theme)
    prs = Presentation(str(build(path, BuildOptions(theme=theme, out_dir=tmp_path / "o")).deck))
    for slide, spec in zip(prs.slides, planned.slides, strict=True):
        fitted, shape = spec.layout.title, slide.shapes.title
        paragraph = shape.text_frame.paragraphs[-1]
        if len(fitted.lines) == 1:  # the template's wider placeholder: one line, as it is
            assert paragraph.text == spec.slide.title
        elif fitted.near_full(shape.width):
            # Near-full lines are wrapped at their widest, as a content slide's.
            assert "\v" not in paragraph.text
            assert int(paragraph._p.pPr.get("marR", -1)) == shape.width - (fitted.width + Pt(1))
        else:
            assert [" ".join(line.split()) for line in paragraph.text.split("\v")] == [
                " ".join(line.split()) for line in fitted.lines
            ]


LONG_SUBTITLE = """\
deck:
  title: Harbour works plan
  subtitle: How the harbour works fuel shipping, local jobs, flood defence and regional security
slides:
  - kind: title
"""


@pytest.mark.parametrize("theme", ["corporate", "corporate-template"])
def test_the_cover_subtitle_breaks_where_it_was_balanced(tmp_path, theme):
    """The template's subtitle placeholder was written whole, and its viewer broke it
    greedily: '... and national / security' on the sample's cover, one word alone. Fitted
    balanced and written as the title is, each line is a line of its own."""
    from deckgen.layout.units import Pt
    from tests.helpers import plan

    path = write_project(tmp_path, LONG_SUBTITLE)
    fitted = plan(path, theme).slides[0].layout.subtitle
    prs = Presentation(str(build(path, BuildOptions(theme=theme, out_dir=tmp_path / "o")).deck))
    [(shape, paragraph)] = [
        (s, p) for s in prs.slides[0].shapes if s.has_text_frame
        for p in s.text_frame.paragraphs if "harbour works fuel" in p.text
    ]  # fmt: skip
    assert len(fitted.lines) == 2 and len(fitted.lines[-1].split()) > 1
    if fitted.near_full(shape.width):  # wrapped at its widest line, as a title
        assert int(paragraph._p.pPr.get("marR", -1)) == shape.width - (fitted.width + Pt(1))
    else:
        assert [" ".join(line.split()) for line in paragraph.text.split("\v")] == [
            " ".join(line.split()) for line in fitted.lines
        ]
