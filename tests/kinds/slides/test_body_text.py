"""A list of items and the list of sources are the slide's body text: in the body placeholder
of a Title and Content layout, what PowerPoint's outline view and screen readers take as
the slide's text. In deckgen's own themes they were free text boxes, so outline view showed
none (found by fuzzing); they look as the boxes did, every property stated."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn

from deckgen.pipeline import BuildOptions, build
from tests.helpers import write_project

if TYPE_CHECKING:
    from pathlib import Path

ITEMS = ["Survey the channel", "Dredge the east side", "Order two cranes"]
#: Enough source lines that their list is set in columns.
MANY = [f"Harbour office ledger {k}, annual report 2024" for k in range(40)]

OUTLINE = f"""\
deck:
  title: Harbour works plan
  subtitle: What the port spends and when
slides:
  - kind: title
  - kind: bullets
    title: Three steps this year
    subtitle: Approved by the board in March
    items: [{", ".join(ITEMS)}]
    source: Board minutes
  - kind: sources
"""

COLUMNS = "".join(f"  - kind: statement\n    text: Statement {k} is here.\n    source: {line}\n"
                  for k, line in enumerate(MANY))  # fmt: skip

THEMES = ["corporate", "dark", "contrast", "corporate-template"]
BODY = (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT)


def _build(root: Path, outline: str, theme: str) -> Path:
    path = write_project(root, outline)
    return build(path, BuildOptions(theme=theme, out_dir=root / "out")).deck


@pytest.fixture(scope="module", params=THEMES)
def deck(request, tmp_path_factory) -> tuple[str, Path]:
    return request.param, _build(tmp_path_factory.mktemp(request.param), OUTLINE, request.param)


@pytest.fixture(scope="module")
def columns(deck, tmp_path_factory) -> tuple[str, Path]:
    """A deck in ``deck``'s theme whose list of sources is set in columns (on one slide or
    more)."""
    theme = deck[0]
    outline = f"deck: {{title: Many sources}}\nslides:\n{COLUMNS}  - kind: sources\n"
    return theme, _build(tmp_path_factory.mktemp(f"{theme}-columns"), outline, theme)


def _outline(slide) -> list[str]:
    """The slide's text as outline view shows it: its body placeholders' paragraphs."""
    return [p.text for shape in slide.placeholders
            if shape.placeholder_format.type in BODY
            for p in shape.text_frame.paragraphs]  # fmt: skip


def _loose_text(slide) -> list[str]:
    """Shapes with text outside any placeholder, but for the footer's."""
    return [s.name for s in slide.shapes if not s.is_placeholder and s.has_text_frame
            and s.text_frame.text.strip() and s.name not in ("Footer", "Slide number")]  # fmt: skip


def _plain(text: str) -> str:
    return text.replace("\xa0", " ")


def test_the_items_are_the_body_placeholders_text(deck):
    _, path = deck
    slide = Presentation(str(path)).slides[1]
    assert [_plain(t) for t in _outline(slide)] == ITEMS
    assert _loose_text(slide) == []


def test_a_single_column_list_of_sources_is_the_body_text(deck):
    _, path = deck
    slide = Presentation(str(path)).slides[2]
    assert [_plain(t) for t in _outline(slide)] == ["Board minutes"]
    assert _loose_text(slide) == []


def test_each_column_of_sources_is_a_body_placeholder_on_deckgens_master(columns):
    theme, path = columns
    listed, pages = [], 0
    for slide in Presentation(str(path)).slides:
        boxes = sorted((s for s in slide.shapes if s.name.startswith("Sources")),
                       key=lambda s: s.left)  # fmt: skip
        if not boxes:
            continue
        pages += 1
        assert len(boxes) > 1
        if theme == "corporate-template":
            continue  # a template's columns stay text boxes, in the theme's style (sources.py)
        assert slide.slide_layout.name == "Title and Content"
        assert all(c.is_placeholder for c in boxes)
        assert len({c.placeholder_format.idx for c in boxes}) == len(boxes)
        assert len({c.shape_id for c in slide.shapes}) == len(slide.shapes)
        assert _loose_text(slide) == []
        listed += [_plain(t) for t in _outline(slide)]
    assert pages
    if theme != "corporate-template":
        assert listed == MANY


def test_deckgens_master_lays_them_out_on_title_and_content(deck):
    theme, path = deck
    if theme == "corporate-template":
        pytest.skip("the template's layouts are its own (theme.yaml maps them)")
    slides = list(Presentation(str(path)).slides)
    assert [s.slide_layout.name for s in slides[1:3]] == ["Title and Content"] * 2


def test_the_body_placeholder_keeps_the_text_boxs_look(deck, columns):
    """Every property the master's body style would give it is stated: the box where it
    was planned, no insets, top anchor, no autofit; font, size, colour, the bullet and its
    indent, the spacing of each paragraph."""
    theme, path = deck
    if theme == "corporate-template":
        pytest.skip("a template's body keeps its own font and colour")
    slides = list(Presentation(str(path)).slides)
    listed = Presentation(str(columns[1])).slides[-1]
    for slide, bulleted in ((slides[1], True), (slides[2], False), (listed, False)):
        bodies = [s for s in slide.placeholders if s.placeholder_format.type in BODY]
        assert bodies
        for shape in bodies:
            assert shape._element.spPr.find(qn("a:xfrm")) is not None  # its own box
            body = shape.text_frame._txBody.bodyPr
            assert {body.get(k) for k in ("lIns", "tIns", "rIns", "bIns")} == {"0"}
            assert body.get("anchor") == "t" and body.get("wrap") == "square"
            assert body.find(qn("a:noAutofit")) is not None
            for paragraph in shape.text_frame.paragraphs:
                props = paragraph._p.pPr
                for tag in ("a:lnSpc", "a:spcBef", "a:spcAft"):
                    assert props.find(qn(tag)) is not None, tag
                assert props.get("marL") is not None and props.get("indent") is not None
                if bulleted:
                    assert props.find(qn("a:buChar")).get("char") == "•"
                    assert props.find(qn("a:buFont")) is not None
                    assert int(props.get("indent")) == -int(props.get("marL")) != 0
                else:
                    assert props.find(qn("a:buNone")) is not None
                font = paragraph.runs[0].font
                assert font.name and font.size and font.color.rgb


def test_the_cover_is_on_the_title_slide_layout_its_subtitle_under_its_title(deck):
    theme, path = deck
    cover = Presentation(str(path)).slides[0]
    if theme != "corporate-template":
        assert cover.slide_layout.name == "Title Slide"
        assert cover.shapes.title.placeholder_format.type == PP_PLACEHOLDER.CENTER_TITLE
        # The subtitle stays the title's second paragraph (README, "Text that stacks").
        paragraphs = [p.text for p in cover.shapes.title.text_frame.paragraphs]
        assert paragraphs == ["Harbour works plan", "What the port spends and when"]
    assert [
        s.name for s in cover.placeholders if not s.has_text_frame or not s.text_frame.text
    ] == []  # no empty "Click to add text"


@pytest.mark.validator
def test_the_decks_validate(deck, columns, require_validator):
    from deckgen.export.ooxml import validate

    assert validate(deck[1]) == []
    assert validate(columns[1]) == []
