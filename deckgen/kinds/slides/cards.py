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
from deckgen.outline.schema import Prose, Text

if TYPE_CHECKING:
    from pptx.slide import Slide

    from deckgen.kinds.slides._base import PlanContext, PlannedSlide
    from deckgen.kinds.slides._chrome import Deck
    from deckgen.layout.slide import Frame


class Card(BaseModel):
    """One card of the grid."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

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
#: Between cards, and inside a card round its text.
GAP, PADDING = Inches(0.18), Inches(0.16)


def card_columns(count: int) -> int:
    """Columns for ``count`` cards: 2 -> 2x1, 4 -> 2x2, 5 -> 3 + 2, 6 -> 3x2, 8 or 11 -> 4x...."""
    return {1: 1, 2: 2, 3: 3, 4: 2, 5: 3, 6: 3, 9: 3}.get(count, 4)


class CardsSlide(SlideKind):
    """2-12 cards of ``heading`` and ``text``; one text size for all of them."""

    kind: Literal["cards"]
    content: ClassVar[bool] = True
    title: Text
    subtitle: Prose | None = None
    items: list[Card] = Field(min_length=2, max_length=12)
    columns: int | None = Field(None, ge=1, le=4, description="Grid columns (default: chosen).")

    def _grid(self, frame: Frame) -> tuple[int, int, Length]:
        """Columns, rows and a card's width in ``frame``'s content area."""
        columns = min(self.columns or card_columns(len(self.items)), len(self.items))
        rows = math.ceil(len(self.items) / columns)
        return columns, rows, (frame.content.width - GAP * (columns - 1)) / columns

    def _needed(self, ctx: PlanContext, width: Length, card: Card, text_size: float) -> Length:
        """Height ``card``'s heading and text take at ``text_size`` in a card ``width`` wide."""
        heading_font, text_font = ctx.theme.heading.bold, ctx.theme.body.regular
        head, text = Pt(text_size + HEADING_STEP), Pt(text_size)
        inner = width - 2 * PADDING
        return (
            SLIDE.leading(heading_font, head) * SLIDE.line_count(card.heading, heading_font,
                                                                 head, inner)
            + head * 0.35
            + SLIDE.leading(text_font, text, 1.05) * SLIDE.line_count(card.text, text_font,
                                                                      text, inner)
        )  # fmt: skip

    def _tallest(self, ctx: PlanContext, width: Length, text_size: float) -> Length:
        return max(self._needed(ctx, width, c, text_size) for c in self.items) + 2 * PADDING

    def measure(self, ctx: PlanContext, where: Location) -> dict[str, float]:
        """The largest text size, up to the body size, at which every card here fits (one
        size for the deck: the heading of the cards on one slide was 20 pt and on the next
        18, found in review)."""
        sizes = ctx.theme.theme.sizes
        frame = self.frame(ctx, where)
        _, rows, width = self._grid(frame)
        text_size = max(sizes.body, sizes.card_text)
        while True:
            tallest = self._tallest(ctx, width, text_size)
            if tallest * rows + GAP * (rows - 1) <= frame.content.height:
                return {"card_text_size": text_size}
            if text_size - 0.5 < sizes.minimum:
                i, card = max(enumerate(self.items),
                              key=lambda c: self._needed(ctx, width, c[1], text_size))  # fmt: skip
                raise FitError(
                    Problem(
                        Location(where.file, where.line, f"{where.field}.items[{i}]"),
                        f"card {_short(card.heading)!r} does not fit even at {sizes.minimum:g} pt",
                        "shorten its text, or split the cards over two slides",
                    )
                )
            text_size -= 0.5

    def plan(self, ctx: PlanContext, where: Location) -> SlidePlan:
        frame = self.frame(ctx, where)
        content = frame.content
        columns, rows, width = self._grid(frame)
        heading_font, text_font = ctx.theme.heading.bold, ctx.theme.body.regular
        # One text size for every card on the slide (an even grid reads as a set), and for
        # every cards slide of the deck (:meth:`measure`): the largest, up to the body
        # size, at which every card fits; cards as tall as the tallest text needs, not as
        # tall as the slide.
        own = self.measure(ctx, where)["card_text_size"]
        text_size = min(own, ctx.shared.get("card_text_size", own))
        tallest = self._tallest(ctx, width, text_size)
        # Room to spare below the grid goes into the cards, up to a line of heading and one
        # of text: what a substitute font 15% wider needs to keep a card's text in its card
        # at its size (in DejaVu Sans the cards that overflowed each shrank on their own,
        # to sizes unlike their neighbours': found in review).
        head, text = Pt(text_size + HEADING_STEP), Pt(text_size)
        more = SLIDE.leading(heading_font, head) + SLIDE.leading(text_font, text, 1.05)
        spare = content.height - tallest * rows - GAP * (rows - 1)
        tallest += max(Length(0), min(spare / rows, more))
        cells = []
        for row in range(rows):
            count = min(columns, len(self.items) - row * columns)
            # A short last row is centred under the full ones (five cards: three and two).
            left = content.left + (width + GAP) * (columns - count) / 2
            top = content.top + (tallest + GAP) * row
            cells += [Rect(left + (width + GAP) * k, top, width, tallest) for k in range(count)]
        layout = CardsLayout(tuple(cells), Pt(text_size + HEADING_STEP), Pt(text_size), PADDING)
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
