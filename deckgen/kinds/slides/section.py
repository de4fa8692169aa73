"""The section slide: one short line, large, on the theme's strong colour; an optional kicker."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Literal

from deckgen.kinds.slides._base import SlideKind, SlideLayout, SlidePlan
from deckgen.layout.geometry import Rect
from deckgen.layout.slide import MARGIN, fit_or_fail, full_frame, slide_size, template_slot
from deckgen.layout.units import Inches, Length, Pt

if TYPE_CHECKING:
    from pptx.slide import Slide

    from deckgen.errors import Location
    from deckgen.kinds.slides._base import PlanContext, PlannedSlide
    from deckgen.kinds.slides._chrome import Deck
    from deckgen.layout.text import Fitted


@dataclass(frozen=True)
class SectionLayout(SlideLayout):
    title: Fitted


class SectionSlide(SlideKind):
    """One short line, large; ``kicker`` is a small line above it ("01")."""

    kind: Literal["section"]
    title: str
    kicker: str | None = None
    template_layout: ClassVar[str] = "Section Header"

    def plan(self, ctx: PlanContext, where: Location) -> SlidePlan:
        area = full_frame(ctx.size)
        sizes = ctx.theme.theme.sizes
        slot = template_slot(ctx.theme.template, "section")
        # On a template the kicker shares the title placeholder: leave it a line.
        kicker = Inches(0.45) if self.kicker else Length(0)
        head = fit_or_fail(
            self.title, ctx.theme.heading.bold,
            width=slot.width if slot else area.width * 0.85,
            height=slot.height - kicker if slot else Inches(3),
            max_size=sizes.section, min_size=sizes.title, max_lines=2,
            where=where, what="section title",
        )  # fmt: skip
        return SlidePlan(layout=SectionLayout(head))

    def build(self, deck: Deck, planned: PlannedSlide) -> Slide:
        from deckgen.ooxml import shapes as sh
        from deckgen.ooxml.shapes import Para

        slide = deck.new_slide("section", sh.LAYOUT_TITLE_ONLY, deck.colors.primary)
        layout = planned.layout
        assert isinstance(layout, SectionLayout)
        _, height = slide_size(deck.size)
        area = full_frame(deck.size)
        top = height * 0.36
        placeholder = sh.content_placeholder(slide, ("title", "ctrTitle"))
        # On a template the title placeholder keeps its box, alignment and styling.
        styled = deck.branded and placeholder is not None
        if not deck.branded:
            sh.add_rect(slide, Rect(MARGIN, top - Inches(0.3), Inches(0.8), Inches(0.08)),
                        deck.colors.highlight, "Accent rule")  # fmt: skip
        heading_font, ink = (None, None) if styled else (deck.font("heading"), deck.ink())
        paragraphs = []
        block = layout.title.height
        if self.kicker:
            paragraphs.append(Para(self.kicker.upper(), None if styled else deck.font("body"),
                                   Pt(deck.sizes.subtitle), ink, bold=True,
                                   space_after=Pt(8)))  # fmt: skip
            block = block + Inches(0.45)
        paragraphs.append(Para(self.title, heading_font, layout.title.size, ink,
                               bold=None if styled else True))  # fmt: skip
        rect = None if styled else Rect(MARGIN, top, area.width * 0.85, block)
        sh.add_text(slide, rect, paragraphs, shape=placeholder, anchor=None if styled else "top")
        sh.remove_unused_placeholders(
            slide,
            keep={placeholder.placeholder_format.idx} if placeholder is not None else set(),
        )
        return slide
