"""Cards slides: an even grid, one text size, and room in each card for a wider font."""

from __future__ import annotations

from deckgen.kinds.slides.cards import HEADING_STEP
from deckgen.layout.text import SLIDE
from deckgen.layout.units import Pt
from tests.helpers import HEADER, load_theme, plan, write_project


def _cards(count: int, words: int) -> str:
    text = " ".join(["harbour"] * words)
    return (
        HEADER
        + "  - kind: cards\n    title: What the port does\n    items:\n"
        + "".join(f"      - heading: Service {k}\n        text: {text}\n" for k in range(count))
    )


def _needed(layout, theme) -> int:
    """The tallest card's text as measured at the slide's sizes (what it was before)."""
    inner = layout.cells[0].width - 2 * layout.padding
    font = theme.body.regular
    lines = SLIDE.line_count(" ".join(["harbour"] * 12), font, layout.text_size, inner)
    return int(SLIDE.leading(theme.heading.bold, layout.heading_size)
               + layout.heading_size * 0.35
               + SLIDE.leading(font, layout.text_size, 1.05) * lines)  # fmt: skip


def test_cards_take_room_to_spare_for_a_line_of_heading_and_one_of_text(tmp_path):
    """In DejaVu Sans (LibreOffice without Lato) the tallest card's text ran past its card,
    and shrunk on overflow, each card to a size of its own (the sample's slides 6-8). Where
    the slide has room below the grid, each card keeps a line of heading and one of text
    more than its text needs."""
    theme = load_theme("corporate")
    (slide,) = plan(write_project(tmp_path, _cards(3, 12))).slides
    layout, frame = slide.layout, slide.frame
    assert layout.text_size == Pt(max(theme.theme.sizes.body, theme.theme.sizes.card_text))
    more = int(SLIDE.leading(theme.heading.bold, layout.text_size + Pt(HEADING_STEP))
               + SLIDE.leading(theme.body.regular, layout.text_size, 1.05))  # fmt: skip
    wanted = _needed(layout, theme) + 2 * int(layout.padding) + more
    for cell in layout.cells:
        assert abs(int(cell.height) - wanted) <= 2
        assert cell.bottom <= frame.content.bottom


def test_a_full_grid_takes_only_the_room_there_is(tmp_path):
    """Twelve long cards fill the content area: they grow only into what is left of it."""
    (slide,) = plan(write_project(tmp_path, _cards(12, 14))).slides
    layout, frame = slide.layout, slide.frame
    assert max(cell.bottom for cell in layout.cells) <= frame.content.bottom
    assert frame.content.bottom - max(cell.bottom for cell in layout.cells) <= Pt(1)


def test_the_cards_slides_of_a_deck_share_one_heading_and_text_size(tmp_path):
    """Each cards slide fitted its own size: the sample's slide 7 set its headings at 20 pt
    between slides at 18 (found in review). Every cards slide now takes the largest size
    all of them fit at; a deck's other slides leave it alone."""
    few = _cards(3, 6)
    many = _cards(9, 12).split("slides:\n", 1)[1].replace("What the port", "What ports")
    alone = plan(write_project(tmp_path / "few", few)).slides[0].layout
    deck = plan(write_project(tmp_path / "both", few + many)).slides
    sizes = {(s.layout.heading_size, s.layout.text_size) for s in deck}
    assert len(sizes) == 1
    heading, text = sizes.pop()
    dense = plan(write_project(tmp_path / "many", HEADER + many)).slides[0].layout
    assert (heading, text) == (dense.heading_size, dense.text_size)
    assert text < alone.text_size  # the few cards alone would be set larger
    assert heading - text == Pt(HEADING_STEP)
