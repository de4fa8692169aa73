"""The quote card: a quotation set large under a big opening mark, its attribution beneath."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

from deckgen.kinds.cards._base import CardKind, CardLayout, footer_blocks, frame, slug
from deckgen.layout.units import Length, Px
from deckgen.render.cardkit import CardJob, TextBlock, drawing, place, place_tight

if TYPE_CHECKING:
    from PIL import Image

    from deckgen.kinds.cards._base import CardRequest


#: The largest quotation, in px at 1080 wide: a short one is set as large as a headline.
QUOTE_MAX_PX = 104


@dataclass(frozen=True, kw_only=True)
class QuoteCardJob(CardJob):
    mark: TextBlock
    title: TextBlock | None
    text: TextBlock
    attribution: TextBlock

    def draw(self) -> Image.Image:
        out = drawing(self)
        for block in (self.mark, self.title, self.text, self.attribution):
            out.text(block)
        out.footer(self.footer)
        return out.image


class QuoteCard(CardKind):
    """A quotation and who said it."""

    kind: Literal["quote"]
    text: str
    attribution: str

    def default_name(self) -> str:
        return "quote-" + slug(self.attribution, 4)

    def words(self, req: CardRequest, job: CardJob) -> tuple[str, str]:
        quote = f"\u201c{' '.join(self.text.split())}\u201d \u2014 {self.attribution}"
        return f"Quotation: {quote}", quote

    def layout(self, lay: CardLayout) -> QuoteCardJob:
        """The quotation under (or, on landscape, beside) a big opening mark in the
        highlight colour, its attribution beneath."""
        theme, safe, colors = lay.theme, lay.safe, lay.colors
        footer, footer_top = footer_blocks(lay, self.source)
        landscape = lay.preset.landscape
        y = safe.top
        title = None
        if self.title:
            fitted = lay.fit(
                self.title, theme.body.bold, ("title",), "the title", max_width=safe.width,
                max_height=lay.px(120), largest=40, smallest=28, max_lines=2,
            )  # fmt: skip
            title = place("title", fitted, theme.body.bold, colors.muted, x=safe.left, y=y)
            y = title.box.bottom + lay.gap(32)
        mark = place_tight(
            "mark", "\u201c", theme.heading.bold, lay.px(150 if landscape else 240),
            colors.highlight, x=safe.left, y=y,
        )  # fmt: skip
        x = safe.left + mark.box.width + lay.px(36) if landscape else safe.left
        top = y if landscape else mark.box.bottom + lay.gap(36)
        text_w = safe.right - x
        attr_font = theme.body.bold
        attribution = lay.fit(
            f"\u2014 {self.attribution}", attr_font, ("attribution",), "the attribution",
            max_width=text_w, max_height=lay.px(140), largest=44, smallest=28, max_lines=2,
        )  # fmt: skip
        gap = lay.gap(36)
        bottom = footer_top - lay.gap(48)
        quote = lay.fit(
            self.text, theme.heading.regular, ("text",), "the quotation", max_width=text_w,
            max_height=bottom - top - attribution.height - gap, largest=QUOTE_MAX_PX, smallest=34,
            spacing=1.25,
        )  # fmt: skip
        # Centre the group (mark, quotation, attribution) in the space above the footer:
        # what a short quotation leaves is split evenly above and below it.
        group_h = (top - y) + quote.height + gap + attribution.height
        shift = Px(max(0, (bottom - y - group_h).px // 2))
        nudge = lay.px(8) if landscape else Length(0)
        mark = replace(mark, box=mark.box.moved(dy=shift + nudge))
        body = place("text", quote, theme.heading.regular, colors.text, x=x, y=top + shift,
                     spacing=1.25)  # fmt: skip
        attr = place("attribution", attribution, attr_font, colors.text, x=x,
                     y=body.box.bottom + gap)  # fmt: skip
        return QuoteCardJob(frame=frame(lay), footer=footer, mark=mark, title=title, text=body,
                            attribution=attr)  # fmt: skip
