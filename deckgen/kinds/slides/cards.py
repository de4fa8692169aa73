"""The cards slide: an even grid of equal cards, each a heading and a few lines."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field

from deckgen.errors import FitError, Location, Problem
from deckgen.kinds.slides._base import SlideKind, SlideLayout, SlidePlan
from deckgen.layout.slide import content_frame
from deckgen.layout.text import SLIDE
from deckgen.layout.units import Inches, Length, Pt

if TYPE_CHECKING:
    from pptx.slide import Slide

    from deckgen.kinds.slides._base import PlanContext, PlannedSlide
    from deckgen.kinds.slides._chrome import Deck
    from deckgen.layout.geometry import Rect


class Card(BaseModel):
    """One card of the grid."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    heading: str
    text: str


@dataclass(frozen=True)
class CardsLayout(SlideLayout):
    cells: tuple[Rect, ...]
    heading_size: Length
    text_size: Length
    padding: Length


def card_columns(count: int) -> int:
    """An even grid for ``count`` cards: 2 -> 2x1, 4 -> 2x2, 6 -> 3x2, 8 or 11 -> 4x...."""
    return {1: 1, 2: 2, 3: 3, 4: 2, 5: 3, 6: 3, 9: 3}.get(count, 4)


class CardsSlide(SlideKind):
    """2-12 cards of ``heading`` and ``text``; one text size for all of them."""

    kind: Literal["cards"]
    title: str
    subtitle: str | None = None
    items: list[Card] = Field(min_length=2, max_length=12)
    columns: int | None = Field(None, ge=1, le=4, description="Grid columns (default: chosen).")

    def plan(self, ctx: PlanContext, where: Location) -> SlidePlan:
        frame = content_frame(self.title, self.subtitle, ctx.theme, ctx.size, where, self.kind)
        sizes = ctx.theme.theme.sizes
        columns = self.columns or card_columns(len(self.items))
        rows = math.ceil(len(self.items) / columns)
        cells = frame.content.grid(columns, rows, gap=Inches(0.18))
        padding = Inches(0.16)
        heading_font, text_font = ctx.theme.heading.bold, ctx.theme.body.regular
        # One size for every card on the slide: an even grid reads as a set.
        heading_size, text_size = sizes.card_heading, sizes.card_text
        while True:
            worst: tuple[int, Card] | None = None
            for i, card in enumerate(self.items):
                cell = cells[i]
                width = cell.width - 2 * padding
                head, text = Pt(heading_size), Pt(text_size)
                height = (
                    SLIDE.leading(heading_font, head) * len(SLIDE.wrap(card.heading, heading_font,
                                                                       head, width))
                    + head * 0.35
                    + SLIDE.leading(text_font, text, 1.05) * len(SLIDE.wrap(card.text, text_font,
                                                                            text, width))
                )  # fmt: skip
                if height > cell.height - 2 * padding:
                    worst = (i, card)
                    break
            if worst is None:
                layout = CardsLayout(tuple(cells), Pt(heading_size), Pt(text_size), padding)
                return SlidePlan(frame, layout=layout)
            if text_size > sizes.minimum:
                text_size -= 0.5
                heading_size = max(text_size + 2, heading_size - 0.5)
                continue
            i, card = worst
            raise FitError(
                Problem(
                    Location(where.file, where.line, f"{where.field}.items[{i}]"),
                    f"card {card.heading!r} does not fit its cell even at {sizes.minimum:g} pt",
                    "shorten its text, use fewer cards per slide, or set fewer 'columns'",
                )
            )

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
            sh.add_text(
                slide, cell.inset(pad),
                [
                    Para(card.heading, deck.font("heading"), layout.heading_size, heading_color,
                         bold=True, space_after=layout.heading_size * 0.35),
                    Para(card.text, deck.font("body"), layout.text_size, deck.colors.text,
                         line_spacing=1.05),
                ],
                name=f"Card {i + 1}: {card.heading}",
            )  # fmt: skip
        return slide
