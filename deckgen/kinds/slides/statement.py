"""The statement slide: one sentence set large, with an optional kicker."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Literal

from deckgen.kinds.slides._base import SlideKind, SlideLayout, SlidePlan
from deckgen.layout.geometry import Rect
from deckgen.layout.slide import fit_or_fail, full_frame
from deckgen.layout.units import Inches, Pt
from deckgen.outline.schema import Prose, Text

if TYPE_CHECKING:
    from pptx.slide import Slide

    from deckgen.errors import Location
    from deckgen.kinds.slides._base import PlanContext, PlannedSlide
    from deckgen.kinds.slides._chrome import Deck
    from deckgen.layout.text import Fitted


@dataclass(frozen=True)
class StatementLayout(SlideLayout):
    text: Fitted


class StatementSlide(SlideKind):
    """One sentence set large (28-40 pt)."""

    kind: Literal["statement"]
    text: Text
    kicker: Prose | None = None
    template_layout: ClassVar[str] = "Blank"

    def plan(self, ctx: PlanContext, where: Location) -> SlidePlan:
        area = full_frame(ctx.size)
        sizes = ctx.theme.theme.sizes
        text = fit_or_fail(
            self.text, ctx.theme.heading.bold, width=area.width * 0.85,
            height=area.height - Inches(2.0), max_size=sizes.statement + 4,
            min_size=min(28, sizes.statement), where=where, what="statement", spacing=1.1,
            balance=True,
        )  # fmt: skip
        return SlidePlan(layout=StatementLayout(text))

    def build(self, deck: Deck, planned: PlannedSlide) -> Slide:
        from deckgen.ooxml import shapes as sh
        from deckgen.ooxml.shapes import Para

        slide = deck.blank_slide(planned)
        layout = planned.layout
        assert isinstance(layout, StatementLayout)
        area = full_frame(deck.size)
        paragraphs = []
        if self.kicker:
            paragraphs.append(Para(self.kicker.upper(), deck.font("body"), Pt(deck.sizes.subtitle),
                                   deck.colors.highlight_ink,
                                   bold=True,
                                   space_after=Pt(14)))  # fmt: skip
        # Anchored in the middle of the whole area: a substitute font that wraps to more
        # lines grows the block evenly up and down, never off the slide.
        box = Rect(area.left, area.top + Inches(0.3), area.width * 0.85,
                   area.height - Inches(0.9))  # fmt: skip
        # Broken where it was balanced, as a slide title is: wrapped at the box's edge, a
        # sentence can leave one word on its last line.
        text, measure = layout.text.written(self.text, box.width)
        paragraphs.append(Para(text, deck.font("heading"), layout.text.size, deck.colors.text,
                               bold=True, line_spacing=1.1, measure=measure))  # fmt: skip
        statement = sh.add_text(slide, box, paragraphs, anchor="middle", name="Statement")
        # The slide's title (what a screen reader announces, outline view lists and
        # PowerPoint's accessibility checker looks for): the kicker with the statement, as
        # set, one block, so a substitute font that wraps differently moves them together.
        sh.as_title(statement)
        deck.footer(slide, planned)
        return slide
