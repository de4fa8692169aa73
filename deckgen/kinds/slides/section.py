"""The section slide: one short line, large, on the theme's strong colour; an optional kicker."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Literal

from deckgen.kinds.slides._base import SlideKind, SlideLayout, SlidePlan
from deckgen.layout.geometry import Rect
from deckgen.layout.slide import (
    MARGIN,
    cover_share,
    fit_or_fail,
    full_frame,
    slide_size,
    template_slot,
)
from deckgen.layout.units import Inches, Length, Pt
from deckgen.outline.schema import Prose, Text

if TYPE_CHECKING:
    from pptx.slide import Slide

    from deckgen.errors import Location
    from deckgen.kinds.slides._base import PlanContext, PlannedSlide
    from deckgen.kinds.slides._chrome import Deck
    from deckgen.layout.text import Fitted


#: The share of the slide's width the title takes on a cover with no motif.
_TEXT = 0.85
#: A kicker this short ("01", "2024") is set large, at this size (points).
BIG_KICKER = 4
BIG_KICKER_SIZE = 110.0


@dataclass(frozen=True)
class SectionLayout(SlideLayout):
    title: Fitted


class SectionSlide(SlideKind):
    """One short line, large; ``kicker`` is a small line above it ("01")."""

    kind: Literal["section"]
    title: Text
    kicker: Prose | None = None
    template_layout: ClassVar[str] = "Section Header"
    inks_for_layout: ClassVar[bool] = True
    titled: ClassVar[bool] = True
    footed: ClassVar[bool] = False

    def plan(self, ctx: PlanContext, where: Location) -> SlidePlan:
        area = full_frame(ctx.size)
        sizes = ctx.theme.theme.sizes
        slot = template_slot(ctx.theme.template, "section")
        # On a template the kicker shares the title placeholder: leave it a line.
        kicker = Inches(0.45) if self.kicker else Length(0)
        share = cover_share(ctx.theme.theme, _TEXT)
        head = fit_or_fail(
            self.title, ctx.theme.heading.bold,
            width=slot.width if slot else area.width * share,
            height=slot.height - kicker if slot else Inches(3),
            max_size=sizes.section, min_size=min(sizes.title, sizes.section), max_lines=2,
            where=where, what="section title", balance=True,
        )  # fmt: skip
        if self.kicker and len(self.kicker) > BIG_KICKER:
            # The small line above the title is given one line: a longer kicker ran off
            # the slide and pushed the title with it (found by fuzzing).
            fit_or_fail(
                self.kicker.upper(), ctx.theme.body.bold,
                width=slot.width if slot else area.width * share, height=Inches(0.45),
                max_size=sizes.subtitle, min_size=sizes.subtitle, max_lines=1,
                where=where, what="kicker",
            )  # fmt: skip
        return SlidePlan(layout=SectionLayout(head))

    def build(self, deck: Deck, planned: PlannedSlide) -> Slide:
        from deckgen.kinds.slides import _motifs as motifs
        from deckgen.ooxml import shapes as sh
        from deckgen.ooxml.shapes import Para

        slide = deck.new_slide("section", sh.LAYOUT_TITLE_ONLY, motifs.ground(deck))
        motifs.draw(deck, slide, section=True)
        layout = planned.layout
        assert isinstance(layout, SectionLayout)
        _, height = slide_size(deck.size)
        area = full_frame(deck.size)
        placeholder = sh.content_placeholder(slide, ("title", "ctrTitle"))
        # On a template the title placeholder keeps its box, alignment and styling.
        styled = deck.branded and placeholder is not None
        heading_font, ink = (None, None) if styled else (deck.font("heading"), deck.ink("section"))
        big = bool(self.kicker) and len(self.kicker or "") <= BIG_KICKER and not styled
        # A short kicker ("01") is set large in the highlight colour: the section's number
        # is its image. A longer one is a small line above the title.
        kicker_height = Pt(BIG_KICKER_SIZE) * 1.05 if big else Inches(0.45)
        top = height * 0.5 - (layout.title.height + (kicker_height if self.kicker else 0)) / 2
        if not deck.branded and not big:
            sh.add_rect(slide, Rect(MARGIN, top - Inches(0.3), Inches(0.8), Inches(0.08)),
                        deck.colors.highlight, "Accent rule")  # fmt: skip
        paragraphs = []
        block = layout.title.height
        if self.kicker:
            if big:
                from deckgen.theming.colour import TEXT, legible

                # Text: 4.5:1 on the cover's fill however large, on the rendered page too
                # (corporate's red, lightened to 3.0:1 on its navy, measured 3.01:1).
                accent = legible(deck.colors.highlight, motifs.ground(deck), TEXT, spare=True)
                number = Para(self.kicker, deck.font("number"), Pt(BIG_KICKER_SIZE), accent,
                              bold=True, line_spacing=0.9)  # fmt: skip
                paragraphs.append(number)
            else:
                paragraphs.append(Para(self.kicker.upper(), None if styled else deck.font("body"),
                                       Pt(deck.sizes.subtitle), ink, bold=True,
                                       space_after=Pt(8)))  # fmt: skip
            block = block + kicker_height
        share = cover_share(deck.theme.theme, _TEXT)
        slot = template_slot(deck.theme.template, "section")
        # Broken where it was balanced, as a content slide's title.
        title, measure = layout.title.written(
            self.title, slot.width if slot else area.width * share
        )
        paragraphs.append(Para(title, heading_font, layout.title.size, ink,
                               bold=None if styled else True, measure=measure))  # fmt: skip
        rect = None if styled else Rect(MARGIN, top, area.width * share, block)
        sh.add_text(slide, rect, paragraphs, shape=placeholder, anchor=None if styled else "top")
        sh.remove_unused_placeholders(
            slide,
            keep={placeholder.placeholder_format.idx} if placeholder is not None else set(),
        )
        return slide
