"""The list card: a title and two to six short items behind markers in the highlight colour."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from deckgen.errors import FitError, Problem
from deckgen.kinds.cards._base import (
    CardKind,
    CardLayout,
    accent_rule,
    clip,
    footer_blocks,
    frame,
    largest,
    sentence,
)
from deckgen.layout.geometry import Rect
from deckgen.layout.text import CARD, Fitted
from deckgen.layout.units import Length, Px
from deckgen.render.cardkit import CardJob, Rule, TextBlock, drawing, place

if TYPE_CHECKING:
    from PIL import Image

    from deckgen.kinds.cards._base import CardRequest


@dataclass(frozen=True, kw_only=True)
class ListCardJob(CardJob):
    accent: Rule
    title: TextBlock
    markers: tuple[Rule | TextBlock, ...]
    items: tuple[TextBlock, ...]

    def draw(self) -> Image.Image:
        out = drawing(self)
        out.rule(self.accent)
        out.text(self.title)
        for marker, item in zip(self.markers, self.items, strict=True):
            if isinstance(marker, Rule):
                out.rule(marker)
            else:
                out.text(marker)
            out.text(item)
        out.footer(self.footer)
        return out.image


class ListCard(CardKind):
    """Two to six short items under a title."""

    kind: Literal["list"]
    title: str = Field(description="What the items are.")
    items: list[str] = Field(min_length=2, max_length=6, description="Two to six short items.")
    numbered: bool = Field(False, description="Number the items instead of marking them.")

    def words(self, req: CardRequest, job: CardJob) -> tuple[str, str]:
        items = "; ".join(i.rstrip(".") for i in self.items)
        return f"{sentence(self.title)} {sentence(items)}", self.title

    def layout(self, lay: CardLayout) -> ListCardJob:
        """The items behind squares (or numbers), one size for all; on landscape presets
        the title sits beside them."""
        theme, safe, colors = lay.theme, lay.safe, lay.colors
        accent = accent_rule(lay, safe.left, safe.top)
        footer, footer_top = footer_blocks(lay, self.source)
        side = lay.preset.landscape
        col_w = Px(round(safe.width.px * 0.36)) if side else safe.width
        y = accent.box.bottom + lay.gap(36)
        bottom = footer_top - lay.gap(44)
        fitted = lay.fit(
            self.title, theme.heading.bold, ("title",), "the title", max_width=col_w,
            max_height=(bottom - y) if side else Px(round(safe.height.px * 0.3)),
            largest=60, smallest=44, max_lines=6 if side else 3, spacing=1.1,
        )  # fmt: skip
        title = place("title", fitted, theme.heading.bold, colors.text, x=safe.left, y=y,
                      spacing=1.1)  # fmt: skip
        x0 = safe.left + col_w + lay.gap(56) if side else safe.left
        top = safe.top if side else title.box.bottom + lay.gap(52)
        body = theme.body.regular
        marker_w = lay.px(64) if self.numbered else lay.px(44)
        item_w = safe.right - x0 - marker_w
        count = len(self.items)

        def layout(size: int) -> list[Fitted] | None:
            found = [
                CARD.fit(t, body, width=item_w, height=Px(10**6), max_size=Px(size),
                         min_size=Px(size), spacing=1.15, max_lines=3, balance=True)
                for t in self.items
            ]  # fmt: skip
            if not all(found):
                return None
            total = sum((f.height for f in found if f), Length(0)) + Px(round(size * 0.75)) * (
                count - 1)  # fmt: skip
            return found if total <= bottom - top else None  # type: ignore[return-value]

        size = largest(lay.px(32).px, lay.size(56, 32).px, lambda s: layout(s) is not None)
        if size is None:
            worst = max(range(count), key=lambda k: len(self.items[k]))
            raise FitError(
                Problem(
                    lay.where("items", worst),
                    f"the items of {lay.describe()} do not fit even at {lay.px(32).px} px "
                    f"(longest: {clip(self.items[worst])!r})",
                    "shorten the items (a few words each), use fewer, or choose a taller preset",
                )
            )
        fits = layout(size) or []
        gap = Px(round(size * 0.75))
        total = sum((f.height for f in fits), Length(0)) + gap * (count - 1)
        # Beside the title: centred; under it: a little below the title, not floating.
        y = top + Px((bottom - top - total).px // (2 if side else 4))
        if y < top:
            y = top
        markers: list[Rule | TextBlock] = []
        items: list[TextBlock] = []
        ascent = CARD.block_height(body, Px(size), 1)
        for k, fitted_item in enumerate(fits):
            block = place("item", fitted_item, body, colors.text, x=x0 + marker_w, y=y,
                          spacing=1.15)  # fmt: skip
            if self.numbered:
                number = CARD.fit(str(k + 1), theme.number.bold, width=marker_w, height=ascent,
                                  max_size=Px(size), min_size=Px(size), balance=True)  # fmt: skip
                assert number is not None
                markers.append(place("marker", number, theme.number.bold, colors.highlight,
                                     x=x0, y=y))  # fmt: skip
            else:
                side_px = max(round(size * 0.34), 6)
                centre = y + Px(round(ascent.px * 0.55))
                markers.append(Rule(Rect(x0, centre - Px(side_px // 2), Px(side_px), Px(side_px)),
                                    colors.highlight))  # fmt: skip
            items.append(block)
            y = block.box.bottom + gap
        return ListCardJob(frame=frame(lay), footer=footer, accent=accent, title=title,
                           markers=tuple(markers), items=tuple(items))  # fmt: skip
