"""The cards slide: an even grid of equal cards, each a heading and a few lines."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

from deckgen.errors import FitError, Location, Problem
from deckgen.kinds.slides._base import SlideKind, SlideLayout, SlidePlan
from deckgen.layout.geometry import Rect
from deckgen.layout.text import SLIDE
from deckgen.layout.units import Inches, Length, Pt
from deckgen.outline.schema import Text

if TYPE_CHECKING:
    from pptx.slide import Slide

    from deckgen.kinds.slides._base import PlanContext, PlannedSlide
    from deckgen.kinds.slides._chrome import Deck


class Card(BaseModel):
    """One card of the grid."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    heading: Text
    text: Text


@dataclass(frozen=True)
class CardsLayout(SlideLayout):
    cells: tuple[Rect, ...]
    heading_size: Length
    text_size: Length
    padding: Length


#: A card's heading is this many points larger than its text.
HEADING_STEP = 3.0


def card_columns(count: int) -> int:
    """Columns for ``count`` cards: 2 -> 2x1, 4 -> 2x2, 5 -> 3 + 2, 6 -> 3x2, 8 or 11 -> 4x...."""
    return {1: 1, 2: 2, 3: 3, 4: 2, 5: 3, 6: 3, 9: 3}.get(count, 4)


class CardsSlide(SlideKind):
    """2-12 cards of ``heading`` and ``text``; one text size for all of them."""

    kind: Literal["cards"]
    content: ClassVar[bool] = True
    title: Text
    subtitle: str | None = None
    items: list[Card] = Field(min_length=2, max_length=12)
    columns: int | None = Field(None, ge=1, le=4, description="Grid columns (default: chosen).")

    def plan(self, ctx: PlanContext, where: Location) -> SlidePlan:
        frame = self.frame(ctx, where)
        sizes = ctx.theme.theme.sizes
        content = frame.content
        columns = min(self.columns or card_columns(len(self.items)), len(self.items))
        rows = math.ceil(len(self.items) / columns)
        gap, padding = Inches(0.18), Inches(0.16)
        width = (content.width - gap * (columns - 1)) / columns
        heading_font, text_font = ctx.theme.heading.bold, ctx.theme.body.regular

        def needed(card: Card, text_size: float) -> Length:
            head, text = Pt(text_size + HEADING_STEP), Pt(text_size)
            inner = width - 2 * padding
            return (
                SLIDE.leading(heading_font, head) * SLIDE.line_count(card.heading, heading_font,
                                                                     head, inner)
                + head * 0.35
                + SLIDE.leading(text_font, text, 1.05) * SLIDE.line_count(card.text, text_font,
                                                                          text, inner)
            )  # fmt: skip

        # One text size for every card on the slide (an even grid reads as a set): the
        # largest, up to the body size, at which every card fits; cards as tall as the
        # tallest text needs, not as tall as the slide.
        text_size = max(sizes.body, sizes.card_text)
        while True:
            tallest = max(needed(card, text_size) for card in self.items) + 2 * padding
            if tallest * rows + gap * (rows - 1) <= content.height:
                break
            if text_size - 0.5 < sizes.minimum:
                i, card = max(enumerate(self.items), key=lambda c: needed(c[1], text_size))
                raise FitError(
                    Problem(
                        Location(where.file, where.line, f"{where.field}.items[{i}]"),
                        f"card {_short(card.heading)!r} does not fit even at {sizes.minimum:g} pt",
                        "shorten its text, or split the cards over two slides",
                    )
                )
            text_size -= 0.5
        # Room to spare below the grid goes into the cards, up to a line of heading and one
        # of text: what a substitute font 15% wider needs to keep a card's text in its card
        # at its size (in DejaVu Sans the cards that overflowed each shrank on their own,
        # to sizes unlike their neighbours': found in review).
        head, text = Pt(text_size + HEADING_STEP), Pt(text_size)
        more = SLIDE.leading(heading_font, head) + SLIDE.leading(text_font, text, 1.05)
        spare = content.height - tallest * rows - gap * (rows - 1)
        tallest += max(Length(0), min(spare / rows, more))
        cells = []
        for row in range(rows):
            count = min(columns, len(self.items) - row * columns)
            # A short last row is centred under the full ones (five cards: three and two).
            left = content.left + (width + gap) * (columns - count) / 2
            top = content.top + (tallest + gap) * row
            cells += [Rect(left + (width + gap) * k, top, width, tallest) for k in range(count)]
        layout = CardsLayout(tuple(cells), Pt(text_size + HEADING_STEP), Pt(text_size), padding)
        return SlidePlan(frame, layout=layout)

    def build(self, deck: Deck, planned: PlannedSlide) -> Slide:
        from deckgen.ooxml import shapes as sh
        from deckgen.ooxml.shapes import Para

        slide = deck.content_slide(planned)
        layout = planned.layout
        assert isinstance(layout, CardsLayout)
        pad = layout.padding
        heading_color = (
            deck.colors.primary if deck.theme.theme.mode == "light" else deck.colors.text
        )
        for i, (card, cell) in enumerate(zip(self.items, layout.cells, strict=False)):
            sh.add_rect(slide, cell, deck.colors.surface, name=f"Card {i + 1} background")
            # Down into the card's bottom padding, and shrunk on overflow: in a substitute
            # font 15% wider (DejaVu Sans for Lato) the tallest card's text ran a line past
            # its card, under the next row's (found in the stop hook's render).
            sh.add_text(
                slide, cell.inset(pad, pad, pad, pad // 4),
                [
                    Para(card.heading, deck.font("heading"), layout.heading_size, heading_color,
                         bold=True, space_after=layout.heading_size * 0.35),
                    Para(card.text, deck.font("body"), layout.text_size, deck.colors.text,
                         line_spacing=1.05),
                ],
                name=f"Card {i + 1}: {card.heading}", shrink=True,
            )  # fmt: skip
        return slide


def _short(text: str, most: int = 60) -> str:
    """``text`` for a message: a heading of a thousand letters is not repeated whole."""
    return text if len(text) <= most else text[: most - 1] + "…"
