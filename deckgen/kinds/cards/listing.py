"""The list card: a title and two to six short items behind markers in the highlight colour."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from deckgen.errors import FitError, Problem
from deckgen.kinds.cards._base import (
    BODY_PX,
    CardKind,
    CardLayout,
    accent_rule,
    clip,
    fixes,
    footer_blocks,
    frame,
    grown,
)
from deckgen.layout.geometry import Rect
from deckgen.layout.text import CARD, Fitted
from deckgen.layout.units import Length, Px
from deckgen.outline.schema import Text
from deckgen.outline.words import sentence
from deckgen.render.cardkit import CardJob, Rule, TextBlock, drawing, place
from deckgen.search import largest

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from PIL import Image


#: The widest gap between items, as a multiple of their size (a list card with room to
#: spare opens its gaps up to this, then centres the list).
ITEM_GAP_MAX = 2.0
#: How much larger than its items a list card's title is set, at least: one step of the
#: type scale, a heading over its text (DESIGN.md: a card heading of 16-18 pt over card
#: text of 13-14 pt). The items' largest size is the title's over this (50 px under a
#: 60 px title): set up to 64 px, three short items stood larger than their bold 60 px
#: title, which read as the smaller text (found in review).
TITLE_STEP = 1.2
#: How much larger than its usual largest size (60 px) the title may grow, tried in turn,
#: where the list leaves a wide band empty: the items, a step under it, grow with it (a
#: stat card's title and label grow so around a wide number).
GROW = (1.15, 1.3)
#: The widest empty band over the list a list card aims at, as a share of its height
#: (the list is centred: the band under it is as wide).
BAND = 0.1
#: How narrow the items' one measure may get (a fraction of the column) to leave no item
#: with a lone word on its last line.
NARROWEST = 0.7
#: How far the items' size may shrink (a fraction of the largest that fits) to leave no
#: item with a lone word on its last line.
ORPHAN_SHRINK = 0.85


def _orphan(fitted: Fitted | None) -> bool:
    """Whether a wrapped item ends in a line of one word (``None``: it does not fit)."""
    if fitted is None:
        return True
    return len(fitted.lines) > 1 and len(fitted.lines[-1].split()) == 1


def _without_orphans(
    layout: Callable[[int, Length], list[Fitted] | None], size: int, measure: Length, low: int
) -> list[Fitted] | None:
    """The items with no lone last word: at ``size`` and the column's ``measure``, else at
    a narrower common measure (to :data:`NARROWEST`), else at a size a little smaller (to
    :data:`ORPHAN_SHRINK`); ``None`` if none of those avoids them."""
    for smaller in range(size, max(low, round(size * ORPHAN_SHRINK)) - 1, -1):
        for step in range(round((1 - NARROWEST) / 0.02) + 1):
            found = layout(smaller, Px(round(measure.px * (1 - 0.02 * step))))
            if found and not any(_orphan(f) for f in found):
                return found
    return None


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
    title: Text = Field(description="What the items are.")
    items: list[Text] = Field(min_length=2, max_length=6, description="Two to six short items.")
    numbered: bool = Field(False, description="Number the items instead of marking them.")

    def alt_text(self, shows: str) -> str:
        items = "; ".join(i.rstrip(".") for i in self.items)
        return f"{sentence(self.title)} {sentence(items)}"

    def suggested_caption(self) -> str:
        return self.title

    def _fitted(self, body: Path, size: int, measure: Length) -> list[Fitted | None]:
        """Each item at ``size`` px wrapped at ``measure`` (at most three lines), or
        ``None`` for one that does not fit so."""
        return [CARD.fit(t, body, width=measure, height=Px(10**6), max_size=Px(size),
                         min_size=Px(size), spacing=1.15, max_lines=3)
                for t in self.items]  # fmt: skip

    def _too_long(self, lay: CardLayout, item_w: Length, room: Length) -> FitError:
        """The items do not fit at the body floor: one is longer than its three lines
        (no taller preset helps: a story is as wide as a square), or together they are
        taller than the room (a taller preset, where there is one, helps)."""
        floor = lay.px(BODY_PX)
        blocks = self._fitted(lay.theme.body.regular, floor.px, item_w)
        wide = [k for k, block in enumerate(blocks) if block is None]
        shorten = "shorten the items (a few words each)"
        if wide:
            return FitError(
                Problem(
                    lay.where("items", wide[0]),
                    f"the items of {lay.describe()} do not fit even at {floor.px} px (an item "
                    f"takes three lines at most: {clip(self.items[wide[0]])!r})",
                    shorten,
                )
            )
        worst = max(range(len(self.items)), key=lambda k: len(self.items[k]))
        # How much more room they need at the floor: a preset with less more is no fix (a
        # linkedin list a quarter too long was told x-post, 8% taller; found in review).
        need = _stacked(blocks, floor.px).px / max(room.px, 1)
        return FitError(
            Problem(
                lay.where("items", worst),
                f"the items of {lay.describe()} do not fit even at {floor.px} px "
                f"(longest: {clip(self.items[worst])!r})",
                fixes(lay.preset, shorten, "use fewer", need=need),
            )
        )

    def layout(self, lay: CardLayout) -> ListCardJob:
        """The items behind squares (or numbers), one size for all and a step of the type
        scale under the title's (:data:`TITLE_STEP`); on landscape presets the title sits
        beside them.

        A few short items under a short title leave bands of empty space around the
        list; the title is then set larger (up to :data:`GROW`), and the items with it,
        until the band over the list is at most :data:`BAND` of the card's height, never
        at the cost of the items' size."""
        (job, _), _ = grown(GROW, partial(self._layout, lay), lambda laid: laid[1],
                            lambda laid: laid[0].items[0].size.px, BAND * lay.height)  # fmt: skip
        return job

    def _layout(self, lay: CardLayout, grow: float) -> tuple[ListCardJob, int]:
        """The card with its title's largest size ``grow`` times its usual, and the empty
        band over its list (under the title, or on a landscape card under the top of the
        safe area), in px."""
        theme, safe, colors = lay.theme, lay.safe, lay.colors
        accent = accent_rule(lay, safe.left, safe.top)
        footer, footer_top = footer_blocks(lay, self.source, (self.note,))
        side = lay.preset.landscape
        col_w = Px(round(safe.width.px * 0.36)) if side else safe.width
        y = accent.box.bottom + lay.gap(36)
        bottom = footer_top - lay.gap(44)
        fitted = lay.fit(
            self.title, theme.heading.bold, ("title",), "the title", max_width=col_w,
            max_height=(bottom - y) if side else Px(round(safe.height.px * 0.3)),
            largest=60 * grow, smallest=44, max_lines=6 if side else 3, spacing=1.1,
        )  # fmt: skip
        title = place("title", fitted, theme.heading.bold, colors.text, x=safe.left, y=y,
                      spacing=1.1)  # fmt: skip
        x0 = safe.left + col_w + lay.gap(56) if side else safe.left
        top = safe.top if side else title.box.bottom + lay.gap(52)
        body = theme.body.regular
        marker_w = lay.px(64) if self.numbered else lay.px(44)
        item_w = safe.right - x0 - marker_w
        count = len(self.items)

        def layout(size: int, measure: Length = item_w) -> list[Fitted] | None:
            # One measure for every item: each wraps at the same width, not balanced to
            # its own, so the items' right edges rag alike and their lines read as one
            # column (hanging under the first word, clear of the markers).
            found = self._fitted(body, size, measure)
            if not all(found):
                return None
            total = _stacked(found, size)
            return found if total <= bottom - top else None  # type: ignore[return-value]

        floor = lay.px(BODY_PX).px
        # The title is fitted first and the items take a size a step under it: never over
        # it, whatever room is left (the title's smallest, 44 px, is over the floor's 35).
        most = max(floor, math.floor(title.size.px / TITLE_STEP))
        size = largest(floor, most, lambda s: layout(s) is not None)
        if size is None:
            raise self._too_long(lay, item_w, bottom - top)
        fits = _without_orphans(layout, size, item_w, lay.px(BODY_PX).px) or layout(size) or []
        size = fits[0].size.px
        # Vertical rhythm: the space left over opens the gaps between items (up to
        # ITEM_GAP_MAX of the size) and the rest is split evenly above and below the list,
        # so no band of the card is left empty.
        text_h = sum((f.height for f in fits), Length(0)).px
        spare = (bottom - top).px - text_h - round(size * 0.75) * (count - 1)
        gap = Px(round(size * 0.75) + max(0, min(round(size * (ITEM_GAP_MAX - 0.75)),
                                                 spare // (count + 1))))  # fmt: skip
        total = Px(text_h) + gap * (count - 1)
        y = top + Px(max(0, (bottom - top - total).px // 2))
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
                ink = lay.colors.highlight_ink
                markers.append(place("marker", number, theme.number.bold, ink,
                                     x=x0, y=y))  # fmt: skip
            else:
                side_px = max(round(size * 0.34), 6)
                centre = y + Px(round(ascent.px * 0.55))
                markers.append(Rule(Rect(x0, centre - Px(side_px // 2), Px(side_px), Px(side_px)),
                                    colors.highlight))  # fmt: skip
            items.append(block)
            y = block.box.bottom + gap
        job = ListCardJob(frame=frame(lay), footer=footer, accent=accent, title=title,
                          markers=tuple(markers), items=tuple(items))  # fmt: skip
        return job, (items[0].box.top - (safe.top if side else title.box.bottom)).px


def _stacked(blocks: list[Fitted | None], size: int) -> Length:
    """The height of the items ``blocks`` (set at ``size`` px) one under another, with the
    gap between items: what the list needs of the card."""
    gaps = Px(round(size * 0.75)) * (len(blocks) - 1)
    return sum((b.height for b in blocks if b), Length(0)) + gaps
