"""The sources slide: every source line used in the deck, de-duplicated, in order."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Literal

from deckgen.errors import FitError, Problem
from deckgen.kinds.slides._base import SlideKind, SlidePlan
from deckgen.layout.slide import content_frame
from deckgen.layout.text import SLIDE
from deckgen.layout.units import Pt

if TYPE_CHECKING:
    from pptx.slide import Slide

    from deckgen.errors import Location
    from deckgen.kinds.slides._base import PlanContext, PlannedSlide
    from deckgen.kinds.slides._chrome import Deck


class SourcesSlide(SlideKind):
    """The list of sources (its content is only known once every slide is planned)."""

    kind: Literal["sources"]
    title: str = "Sources"
    template_layout: ClassVar[str] = "Title and Content"

    def plan(self, ctx: PlanContext, where: Location) -> SlidePlan:
        return SlidePlan(content_frame(self.title, None, ctx.theme, ctx.size, where, self.kind))

    def build(self, deck: Deck, planned: PlannedSlide) -> Slide:
        from deckgen.kinds.slides._chrome import BODY
        from deckgen.ooxml import shapes as sh
        from deckgen.ooxml.shapes import Para

        slide = deck.content_slide(planned, keep=BODY)
        sources = list(deck.sources)
        assert planned.frame is not None
        box = planned.frame.content
        text = "\n".join(sources) or "No sources were given."
        # Fitting here, not in the planner: the list is only known once every slide is planned.
        fitted = SLIDE.fit(text, deck.theme.body.regular, width=box.width, height=box.height,
                           max_size=Pt(deck.sizes.body - 2), min_size=Pt(deck.sizes.minimum),
                           step=Pt(1), spacing=1.35)  # fmt: skip
        if fitted is None:
            raise FitError(Problem(planned.where, f"{len(sources)} sources do not fit one slide",
                                   "shorten source lines"))  # fmt: skip
        body = sh.content_placeholder(slide, BODY)
        font, color = deck.placeholder_style(deck.font("body"), deck.colors.text)
        if body is None:
            font, color = deck.font("body"), deck.colors.text
        sh.add_text(
            slide, box,
            [Para(s, font, fitted.size, color, space_after=fitted.size * 0.35)
             for s in (sources or [text])],
            shape=body, name="Sources",
        )  # fmt: skip
        return slide
