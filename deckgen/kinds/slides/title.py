"""The title slide: deck title, subtitle, organisation and date on the strong colour."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Literal

from pydantic import Field

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
from deckgen.layout.units import Inches, Pt
from deckgen.outline.schema import Prose

if TYPE_CHECKING:
    from pptx.slide import Slide

    from deckgen.errors import Location
    from deckgen.kinds.slides._base import PlanContext, PlannedSlide
    from deckgen.kinds.slides._chrome import Deck
    from deckgen.layout.text import Fitted


#: The shares of the slide's width the title block and the byline take on a cover with no
#: motif (beside one, both take COVER_TEXT_SHARE: see layout.slide.cover_share).
_TEXT, _BYLINE = 0.8, 0.7


@dataclass(frozen=True)
class TitleLayout(SlideLayout):
    title: Fitted
    subtitle: Fitted | None


class TitleSlide(SlideKind):
    """Title, subtitle, organisation and date; the theme's logo if it has one."""

    kind: Literal["title"]
    title: Prose | None = Field(None, description="Defaults to the deck title.")
    subtitle: Prose | None = Field(None, description="Defaults to the deck subtitle.")
    template_layout: ClassVar[str] = "Title Slide"
    inks_for_layout: ClassVar[bool] = True
    titled: ClassVar[bool] = True
    footed: ClassVar[bool] = False

    def plan(self, ctx: PlanContext, where: Location) -> SlidePlan:
        deck = ctx.loaded.outline.deck
        area = full_frame(ctx.size)
        sizes = ctx.theme.theme.sizes
        title = self.title or deck.title
        subtitle = self.subtitle if self.subtitle is not None else deck.subtitle
        slot = template_slot(ctx.theme.template, "title")
        sub_slot = template_slot(ctx.theme.template, "title", "subtitle")
        # Beside a motif the title takes the left of the slide; alone, most of its width.
        width = slot.width if slot else area.width * cover_share(ctx.theme.theme, _TEXT)
        head = fit_or_fail(
            title, ctx.theme.heading.bold, width=width,
            height=slot.height if slot else Inches(2.6),
            max_size=sizes.section + 10, min_size=min(sizes.title, sizes.section + 10),
            max_lines=3,
            where=where, what="deck title", balance=True,
        )  # fmt: skip
        sub = None
        if subtitle:
            sub = fit_or_fail(
                subtitle, ctx.theme.body.regular, width=sub_slot.width if sub_slot else width,
                height=sub_slot.height if sub_slot else Inches(1.4),
                max_size=sizes.subtitle + 4, min_size=sizes.minimum, max_lines=3,
                where=where, what="subtitle", balance=True,
            )  # fmt: skip
        return SlidePlan(layout=TitleLayout(head, sub))

    def build(self, deck: Deck, planned: PlannedSlide) -> Slide:
        from deckgen.kinds.slides import _motifs as motifs
        from deckgen.ooxml import shapes as sh

        slide = deck.new_slide("title", sh.LAYOUT_TITLE, motifs.ground(deck))
        motifs.draw(deck, slide)
        layout = planned.layout
        assert isinstance(layout, TitleLayout)
        if deck.branded and sh.content_placeholder(slide, ("ctrTitle", "title")) is not None:
            self._placeholders(slide, deck, layout)
        else:
            self._block(slide, deck, layout)
        _byline_and_logo(slide, deck)
        return slide

    def _texts(self, deck: Deck) -> tuple[str, str]:
        subtitle = self.subtitle if self.subtitle is not None else deck.meta.subtitle
        return self.title or deck.meta.title, subtitle or ""

    def _placeholders(self, slide: Slide, deck: Deck, layout: TitleLayout) -> None:
        """Title and subtitle in the template's own placeholders, boxes and styles."""
        from deckgen.ooxml import shapes as sh
        from deckgen.ooxml.shapes import Para

        title = sh.content_placeholder(slide, ("ctrTitle", "title"))
        subtitle = sh.content_placeholder(slide, ("subTitle",))
        title_text, sub_text = self._texts(deck)
        slot = template_slot(deck.theme.template, "title")
        measure = None
        if slot is not None:  # broken where it was balanced, as a content slide's title
            title_text, measure = layout.title.written(title_text, slot.width)
        sh.add_text(slide, None, [Para(title_text, None, layout.title.size, None, bold=None,
                                       measure=measure)], shape=title, anchor=None)  # fmt: skip
        sub_slot = template_slot(deck.theme.template, "title", "subtitle")
        if subtitle is not None and layout.subtitle is not None:
            sub_measure = None
            if sub_slot is not None:  # balanced, as deckgen's own cover's
                sub_text, sub_measure = layout.subtitle.written(sub_text, sub_slot.width)
            sh.add_text(slide, None, [Para(sub_text, None, layout.subtitle.size, None,
                                           bold=None, measure=sub_measure)],
                        shape=subtitle, anchor=None)  # fmt: skip
        sh.remove_unused_placeholders(
            slide, keep={p.placeholder_format.idx for p in (title, subtitle)
                         if p is not None and p.has_text_frame and p.text_frame.text}  # type: ignore[attr-defined]
        )  # fmt: skip

    def _block(self, slide: Slide, deck: Deck, layout: TitleLayout) -> None:
        """deckgen's own title slide: accent rule, title and subtitle stacked in one box."""
        from deckgen.ooxml import shapes as sh
        from deckgen.ooxml.shapes import Para

        _, height = slide_size(deck.size)
        area = full_frame(deck.size)
        top = height * 0.30
        ink = deck.ink()
        title_text, sub_text = self._texts(deck)
        sh.add_rect(slide, Rect(MARGIN, top - Inches(0.3), Inches(0.8), Inches(0.08)),
                    deck.colors.highlight, "Accent rule")  # fmt: skip
        share = cover_share(deck.theme.theme, _TEXT)
        # Broken where it was balanced, as a content slide's title (at the box's edge a
        # two-line title is as many lines, but uneven).
        title_text, measure = layout.title.written(title_text, area.width * share)
        paragraphs = [Para(title_text, deck.font("heading"), layout.title.size, ink, bold=True,
                           measure=measure)]  # fmt: skip
        block = layout.title.height
        if layout.subtitle is not None:
            # Broken where it was balanced, as the title.
            sub_text, sub_measure = layout.subtitle.written(sub_text, area.width * share)
            paragraphs.append(Para(sub_text, deck.font("body"), layout.subtitle.size, ink,
                                   space_before=Pt(18), measure=sub_measure))  # fmt: skip
            block = block + Inches(0.25) + layout.subtitle.height
        sh.add_text(slide, Rect(MARGIN, top, area.width * share, block), paragraphs,
                    shape=sh.placeholder(slide, 0))  # fmt: skip
        sh.remove_unused_placeholders(slide, keep={0})


def _byline_and_logo(slide: Slide, deck: Deck) -> None:
    from deckgen.ooxml import shapes as sh
    from deckgen.ooxml.shapes import Para

    width, height = slide_size(deck.size)
    area = full_frame(deck.size)
    slot = template_slot(deck.theme.template, "title")
    # Aligned with the title: the template's title placeholder, or deckgen's margin.
    left = slot.left if slot else MARGIN
    byline = "  ·  ".join(x for x in (deck.meta.organisation, deck.meta.date) if x)
    # As wide as the title's column beside a motif (a box 0.7 of the width reached under
    # the contrast theme's block).
    share = cover_share(deck.theme.theme, _BYLINE)
    if byline:
        sh.add_text(
            slide, Rect(left, height - MARGIN - Inches(0.45), area.width * share, Inches(0.45)),
            [Para(byline, deck.font("body"), Pt(deck.sizes.subtitle - 2), deck.ink())],
            anchor="bottom", name="Byline",
        )  # fmt: skip
    if deck.theme.theme.logo:
        from pptx.util import Emu

        logo = deck.theme.theme.path(deck.theme.theme.logo)
        picture = slide.shapes.add_picture(
            str(logo), Emu(width - MARGIN - Inches(1.6)), Emu(height - MARGIN - Inches(0.6)),
            height=Emu(Inches(0.6)),
        )  # fmt: skip
        picture.name = "Logo"
        sh.set_alt_text(picture, f"{deck.meta.organisation or 'Organisation'} logo")
