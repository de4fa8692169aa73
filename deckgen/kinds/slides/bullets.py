"""The bullets slide: up to six items at body size under the title."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Literal

from pydantic import Field

from deckgen.errors import FitError, Problem
from deckgen.kinds.slides._base import SlideKind, SlideLayout, SlidePlan
from deckgen.layout.geometry import Rect
from deckgen.layout.text import SLIDE, right_to_left
from deckgen.layout.units import Inches, Length, Pt
from deckgen.outline.schema import Prose, Text

if TYPE_CHECKING:
    from pptx.slide import Slide

    from deckgen.errors import Location
    from deckgen.kinds.slides._base import PlanContext, PlannedSlide
    from deckgen.kinds.slides._chrome import Deck
    from deckgen.theming.load import LoadedTheme

#: More bullets than this crowd a slide (a warning, never a smaller size).
MOST = 6
#: A bullet's text wraps this much narrower than its box (the bullet and its gap).
INDENT = Inches(0.35)


@dataclass(frozen=True)
class BulletsLayout(SlideLayout):
    size: Length
    box: Rect
    #: The width each item is written for, where it is narrower than the box: items that
    #: read both ways share a box as wide as the content, each set from its own side.
    measure: Length | None = None


def bullet_gap(size: Length) -> Length:
    """Space after each bullet."""
    return size * 0.6


class BulletsSlide(SlideKind):
    """A title and a list; more than six items is a warning (split it, or use cards)."""

    kind: Literal["bullets"]
    content: ClassVar[bool] = True
    title: Text
    subtitle: Prose | None = None
    items: list[Text] = Field(min_length=1)
    template_layout: ClassVar[str] = "Title and Content"

    def plan(self, ctx: PlanContext, where: Location) -> SlidePlan:
        frame = self.frame(ctx, where)
        sizes = ctx.theme.theme.sizes
        if len(self.items) > MOST:
            ctx.warnings.append(
                f"{where}: {len(self.items)} bullets; more than {MOST} crowd a slide: "
                "split it, or turn it into cards"
            )
        content = frame.content
        box = Rect(content.left, content.top, content.width * 0.9, content.height)
        measure = None
        directions = {right_to_left(item) for item in self.items} - {None}
        if directions == {True}:
            # Bullets that read right to left run from the right of their box: anchored at
            # the left of the content, they ended a tenth of it short of the right margin
            # the title ends at (fuzzing round 8, 15).
            box = Rect(content.right - box.width, box.top, box.width, box.height)
        elif len(directions) == 2:
            # Both ways: each item starts at its own margin, in a box as wide as the
            # content, and keeps the measure (a right margin on those read left to right).
            # In a box at either side, those read the other way started a tenth in.
            measure, box = box.width, content
        # Never shrink bullets below the body size by more than a step: overflow means the
        # outline asks too much of one slide.
        size = sizes.body
        width = (measure or box.width) - INDENT
        while size >= max(sizes.minimum, sizes.body - 4):
            if _height(ctx.theme, self.items, Pt(size), width) <= box.height:
                return SlidePlan(frame, layout=BulletsLayout(Pt(size), box, measure))
            size -= 1
        raise FitError(
            Problem(where, "the bullets do not fit the slide", "shorten them or split the slide")
        )

    def build(self, deck: Deck, planned: PlannedSlide) -> Slide:
        from deckgen.kinds.slides._chrome import BODY
        from deckgen.ooxml.shapes import (
            LAYOUT_TITLE_AND_CONTENT,
            Para,
            add_text,
            content_placeholder,
        )

        # The items go in the layout's body placeholder, moved to where they were planned:
        # outline view and screen readers take its text as the slide's (in a text box they
        # had none; found by fuzzing). Every property is stated, so it looks as a box would.
        slide = deck.content_slide(planned, keep=BODY, layout=LAYOUT_TITLE_AND_CONTENT)
        layout = planned.layout
        assert isinstance(layout, BulletsLayout)
        font, color = deck.placeholder_style(deck.font("body"), deck.colors.text)
        body = content_placeholder(slide, BODY)
        if body is None:
            font, color = deck.font("body"), deck.colors.text
        # Each bullet broken for the viewer's wrap as it was measured (_height).
        width = (layout.measure or layout.box.width) - INDENT
        paragraphs = [
            Para(_written(deck.theme, item, layout.size, width), font, layout.size, color,
                 bullet="•", space_after=bullet_gap(layout.size), line_spacing=1.1,
                 measure=layout.measure)
            for item in self.items
        ]  # fmt: skip
        add_text(slide, layout.box, paragraphs, shape=body, name="Bullets")
        return slide


def _written(theme: LoadedTheme, item: str, size: Length, width: Length) -> str:
    """A bullet as written for the viewer to wrap at ``width``: no lone last word, no line
    ending on 'and' or 'the' where another break of as many lines fits (on the sample's
    slide 9, '... other vehicles and / central systems', found in review)."""
    return SLIDE.viewer_text(item, theme.body.regular, size, width)


def _height(theme: LoadedTheme, items: list[str], size: Length, width: Length) -> Length:
    font = theme.body.regular
    lines = sum(SLIDE.line_count(_written(theme, item, size, width), font, size, width)
                for item in items)  # fmt: skip
    return SLIDE.leading(font, size, 1.1) * lines + bullet_gap(size) * len(items)
