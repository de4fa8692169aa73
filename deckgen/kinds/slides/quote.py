"""The quote slide: a quotation set large, its attribution beneath."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, ClassVar, Literal

from pydantic import Field

from deckgen.kinds.slides._base import SharedCard, SlideKind, SlideLayout, SlidePlan
from deckgen.layout.geometry import Rect
from deckgen.layout.slide import fit_or_fail, full_frame
from deckgen.layout.text import SLIDE, right_to_left
from deckgen.layout.units import Inches, Pt
from deckgen.outline.schema import Prose, Text

if TYPE_CHECKING:
    from pptx.slide import Slide

    from deckgen.errors import Location, Problem
    from deckgen.kinds.slides._base import PlanContext, PlannedSlide
    from deckgen.kinds.slides._chrome import Deck
    from deckgen.layout.text import Fitted
    from deckgen.outline.words import Words


@dataclass(frozen=True)
class QuoteLayout(SlideLayout):
    text: Fitted


#: The quotation's share of the slide's width: fitted, boxed and wrapped at it.
MEASURE = 0.82


class QuoteSlide(SlideKind):
    """A quotation and who said it."""

    kind: Literal["quote"]
    text: Text
    attribution: Text
    excerpt: Prose | None = Field(
        None,
        description="Under 'share:', the words of a long quotation its card shows (at most "
        "25, required over 25; the slide shows it all). See the quote card's 'excerpt'.",
    )
    template_layout: ClassVar[str] = "Blank"

    def check(self, ctx: PlanContext, where: Location) -> list[Problem]:
        """A given excerpt must be the quotation's words, and a long quotation shared needs
        one: its card shows at most 25 words, and which is for the author to choose."""
        from deckgen.kinds.cards.quote import quote_problems

        if not (self.excerpt or self.share):
            return []
        return quote_problems(self.text, self.excerpt, where, shared=True)

    def plan(self, ctx: PlanContext, where: Location) -> SlidePlan:
        area = full_frame(ctx.size)
        sizes = ctx.theme.theme.sizes
        text = fit_or_fail(
            self.text, ctx.theme.body.regular, width=area.width * MEASURE,
            height=area.height - Inches(2.6), max_size=sizes.quote + 2,
            min_size=min(22, sizes.quote), where=where, what="quote", spacing=1.15,
        )  # fmt: skip
        return SlidePlan(layout=QuoteLayout(text))

    def build(self, deck: Deck, planned: PlannedSlide) -> Slide:
        from deckgen.ooxml import shapes as sh
        from deckgen.ooxml.shapes import Para

        slide = deck.blank_slide(planned)
        layout = planned.layout
        assert isinstance(layout, QuoteLayout)
        area = full_frame(deck.size)
        block = layout.text.height
        top = area.top + (area.height - block - Inches(0.8)) / 2
        # A quotation read right to left starts at the right: its mark stands there, and
        # the quotation ends a mark's width in from the right edge, as a card mirrors
        # its layout. The mark stood at the left, at the quotation's end (found in review).
        rtl = bool(right_to_left(self.text))
        gutter, width = Inches(0.9), area.width * MEASURE
        left = area.right - gutter - width if rtl else area.left + gutter
        mark = sh.add_text(
            slide, Rect(area.right - gutter if rtl else area.left, top - Inches(0.35), gutter,
                        Inches(1.2)),
            [Para("“", deck.font("heading"), Pt(96), deck.colors.highlight, bold=True,
                  align="right" if rtl else "left")],
            name="Quote mark",
        )  # fmt: skip
        sh.set_decorative(mark)  # an ornament: read aloud, it is a stray "left quote"
        # Broken for the viewer's wrap as measured: no line ending on 'the' or 'a'
        # where another break of as many lines fits ('Instead, the / United States').
        written = SLIDE.viewer_text(self.text, deck.theme.body.regular, layout.text.size,
                                    area.width * MEASURE)  # fmt: skip
        paragraphs = [
            Para(written, deck.font("body"), layout.text.size, deck.colors.text,
                 line_spacing=1.15),
            Para(f"— {self.attribution}", deck.font("body"), Pt(deck.sizes.subtitle),
                 deck.colors.muted, bold=True, space_before=Pt(20)),
        ]  # fmt: skip
        box = Rect(left, area.top + Inches(0.3), width, area.height - Inches(0.9))
        quotation = sh.add_text(slide, box, paragraphs, anchor="middle", name="Quote")
        # The slide's title (what a screen reader announces, outline view lists and
        # PowerPoint's accessibility checker looks for): the quotation and who said it,
        # one block, as set.
        sh.as_title(quotation)
        sources = self.footer_sources(planned.sources, deck.meta.wording)
        deck.footer(slide, replace(planned, sources=sources))
        return slide

    def footer_sources(self, sources: tuple[str, ...], words: Words) -> tuple[str, ...]:
        """``sources`` as the footer says them: a source that is the body the attribution
        names, and nothing more ('— Association of American Railroads' over 'Source:
        Association of American Railroads', found in review), is left out. One that adds
        to it stays whole: 'Source: ITIF, quoted on the Global Impact page' says where
        the quotation was read, and cut to 'Source: quoted on the Global Impact page' it
        read as a fragment. The deck's list of sources keeps them all."""
        # The body as the attribution names it, with no dash before it or stop after it
        # (as a page prints one: '- Association of American Railroads.').
        body = self.attribution.strip().lstrip("-\u2013\u2014 ").rstrip(". ").casefold()

        def said(line: str) -> bool:
            return bool(body) and words.bare(line).strip().rstrip(". ").casefold() == body

        return tuple(line for line in sources if not (line == self.source and said(line)))

    def as_card(self, index: int) -> SharedCard:
        from deckgen.kinds.cards.quote import QuoteCard

        card = QuoteCard(
            kind="quote", presets=list(self.share), text=self.text, excerpt=self.excerpt,
            attribution=self.attribution, source=self.source, note=self.note,
        )  # fmt: skip
        return card, {}
