"""The stat card: one number as large as it fits, its qualifier and label, the source."""

from __future__ import annotations

import math
from contextlib import suppress
from dataclasses import dataclass, field, replace
from functools import partial
from typing import TYPE_CHECKING, ClassVar, Literal

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
    slug,
    stat_words,
)
from deckgen.layout.text import ink_fits, ink_height, ink_width
from deckgen.layout.units import Px
from deckgen.outline.schema import Prose, Text
from deckgen.outline.words import sentence
from deckgen.render.cardkit import CardJob, Footer, Rule, TextBlock, drawing, place, place_tight
from deckgen.search import largest

if TYPE_CHECKING:
    from PIL import Image

    from deckgen.layout.units import Length

#: Smallest stat value on a stat card, in px at 1080 wide (DESIGN.md: at least 180 px).
STAT_VALUE_PX = 180
#: ... on a landscape preset, whose few hundred px of height must also hold the source and
#: wordmark at their phone floor: the number gives a little first (150 px is still 52 pt
#: on a phone, over four times the title's floor).
STAT_VALUE_LANDSCAPE_PX = 150
#: Largest stat value on a stat card, in px at 1080 wide.
STAT_VALUE_MAX_PX = 480
#: How much larger than their usual largest sizes the title and label may grow to fill a
#: tall card, tried in turn.
GROW = (1.15, 1.3, 1.45, 1.6)
#: ... the title no more than this (it is the heading, not the poster).
TITLE_GROW = 1.3
#: The widest empty band a stat card aims at, as a share of its height (above and below
#: the value's group; the group is centred, so the two are equal).
BAND = 0.1


def _least_value(lay: CardLayout) -> int:
    return STAT_VALUE_LANDSCAPE_PX if lay.preset.landscape else STAT_VALUE_PX


def _widest_band(job: StatCardJob) -> int:
    """The larger empty band around the value's group: above it and below it (a label
    beside the value may end above or below it)."""
    top, bottom = job.room
    blocks = [b for b in (job.qualifier, job.value, job.label) if b is not None]
    first = min(b.box.top for b in blocks)
    last = max(b.box.bottom for b in blocks)
    return max((first - top).px, (bottom - last).px)


@dataclass(frozen=True, kw_only=True)
class StatCardJob(CardJob):
    accent: Rule
    title: TextBlock | None
    qualifier: TextBlock | None
    value: TextBlock
    label: TextBlock
    #: The band the value and its words were laid out in (below the title, above the
    #: footer): not drawn, kept to measure the space left empty.
    room: tuple[Length, Length] = field(default=(Px(0), Px(0)), compare=False)

    def draw(self) -> Image.Image:
        out = drawing(self)
        out.rule(self.accent)
        for block in (self.title, self.qualifier, self.value, self.label):
            out.text(block)
        out.footer(self.footer)
        return out.image


class StatCard(CardKind):
    """One number, as large as it fits: qualifier, value, label, source."""

    kind: Literal["stat"]
    states_finding: ClassVar[bool] = True
    value: Text = Field(description="The number as shown, e.g. '$143.2B'.")
    label: Text = Field(description="What the number counts.")
    qualifier: Prose | None = Field(None, description="Small text above, e.g. 'More than'.")

    def default_name(self) -> str:
        return slug(self.title) if self.title else slug(f"{self.value} {self.label}")

    def score(self, job: CardJob) -> float:
        assert isinstance(job, StatCardJob)
        return float(job.value.size)

    def best_score(self, lay: CardLayout) -> float:
        return float(lay.px(STAT_VALUE_MAX_PX))

    def alt_text(self, shows: str) -> str:
        from deckgen.outline.formats import spoken

        return spoken(self.suggested_caption())  # the caption keeps the value as shown

    def suggested_caption(self) -> str:
        stat = stat_words(self)
        return f"{sentence(self.title)} {sentence(stat)}" if self.title else sentence(stat)

    def layout(self, lay: CardLayout) -> StatCardJob:
        """Qualifier, value as large as fits (at least 180 px at 1080 wide), label, then
        source and wordmark. Landscape presets try the value beside its words.

        A wide value on a tall card leaves bands of empty space around it; the title and
        label are then set larger (up to :data:`GROW`) until each band is at most
        :data:`BAND` of the card's height, never at the cost of the value's size. What
        is still left over is shared out (:meth:`_balanced`)."""
        best, grow = grown(GROW, partial(self._layout, lay), _widest_band,
                           lambda job: job.value.size.px, BAND * lay.height)  # fmt: skip
        return self._balanced(lay, best, grow)

    def _balanced(self, lay: CardLayout, job: StatCardJob, grow: float) -> StatCardJob:
        """``job`` with the room its words could not fill shared out: where the bands
        around the value's group are still wider than :data:`BAND` of the card, the title
        moves down, so that the band over it, the band between it and the value, and the
        band under the label are equal (or the two around the value :data:`BAND`). A
        story card of a short title and a value as wide as the card left a fifth of its
        height empty between the title and the value, and as much under the label, with
        the title at the top (found in review). Never at the cost of the value's size."""
        # The bands as seen: from the title (or the accent bar) to the value's group, and
        # from the group to the footer; moving the title down narrows each by half as much.
        blocks = [b for b in (job.qualifier, job.value, job.label) if b is not None]
        over = job.title.box.bottom if job.title is not None else job.accent.box.bottom
        parts = (job.footer.source, job.footer.wordmark, job.footer.logo)
        under = min((p.box.top for p in parts if p is not None), default=lay.safe.bottom)
        spare = (min(b.box.top for b in blocks) - over).px + (
            under - max(b.box.bottom for b in blocks)).px  # fmt: skip
        lead = spare - 2 * max(math.ceil(BAND * lay.height), math.ceil(spare / 3))
        if lead <= 0:
            return job
        try:
            moved = self._layout(lay, grow, lead=lead)
        except FitError:
            return job
        return moved if moved.value.size >= job.value.size else job

    def _layout(self, lay: CardLayout, grow: float, lead: int = 0) -> StatCardJob:
        """The card with its title and label grown ``grow`` times, and its title ``lead``
        under the top of the safe area."""
        theme, safe, colors = lay.theme, lay.safe, lay.colors
        accent = accent_rule(lay, safe.left, safe.top + Px(lead))
        footer, footer_top = footer_blocks(lay, self.source, (self.note,))
        y = accent.box.bottom + lay.gap(40)
        title = None
        if self.title:
            fitted = lay.fit(
                self.title, theme.heading.bold, ("title",), "the title",
                max_width=safe.width, max_height=Px(round(safe.height.px * 0.3)),
                largest=60 * min(grow, TITLE_GROW), smallest=44, max_lines=3, spacing=1.1,
            )  # fmt: skip
            title = place("title", fitted, theme.heading.bold, colors.text, x=safe.left, y=y,
                          spacing=1.1)  # fmt: skip
            y = title.box.bottom + lay.gap(40)
        bottom = footer_top - lay.gap(40)
        best = None
        for side in (True, False) if lay.preset.landscape else (False,):
            try:
                band = self._band(lay, y, bottom, side=side, grow=grow, title=title)
            except FitError:
                if side:
                    continue  # the words' column is narrow: try stacked
                raise
            if band and (best is None or band[1].size > best[1].size):
                best = band
        if best is None and lay.preset.landscape and title is not None and lay.squeeze >= 1:
            # At the tightest squeeze, with no room to stack, a label too long for its
            # lines at the title's size is set smaller beside the value, as before the
            # cap, rather than refusing a card that fits.
            with suppress(FitError):
                best = self._band(lay, y, bottom, side=True, grow=grow, title=title,
                                  shrink=True)  # fmt: skip
        if best is None:
            raise self._too_long(lay, footer)
        qualifier, value, label = best
        return StatCardJob(frame=frame(lay), footer=footer, accent=accent, title=title,
                           qualifier=qualifier, value=value, label=label,
                           room=(y, bottom))  # fmt: skip

    def _too_long(self, lay: CardLayout, footer: Footer) -> FitError:
        """The value has no room at its smallest size: wider than the card (no preset is
        wider at that size, and none taller helps), or too tall for the room its label and
        title leave (a taller preset, where there is one, does). A story card, the
        tallest, whose value was too wide was told to choose a taller preset (found in
        review)."""
        least = lay.px(_least_value(lay)).px
        number = lay.theme.number.bold
        shorter = "shorten the value ('$143.2B', not '$143,200,000,000')"
        if ink_width(self.value, number, least) > lay.safe.width.px:
            return FitError(
                Problem(
                    lay.where("value"),
                    f"the value of {lay.describe()} is wider than the card even at {least} px, "
                    f"its smallest size: {self.value!r}",
                    f"{shorter}; words about the number go in the label",
                )
            )
        words = f"{shorter}, the label or the title"
        mark, source = footer.wordmark, footer.source
        if mark is not None and source is not None and len(source.lines) > 1:
            # The wordmark beside the source line (or under it) leaves the line room to
            # wrap: the rows it takes were the room missing, and the fixes named only the
            # value, label and title (a 3-character value on a LinkedIn card of a public
            # health agency's; found by a new user).
            words += (
                f" (the source line takes {len(source.lines)} lines beside the wordmark "
                f"{clip(' '.join(mark.lines))!r}: a shorter source line, or a shorter "
                "'social: wordmark:', leaves the value room)"
            )
        return FitError(
            Problem(
                lay.where("value"),
                f"the value of {lay.describe()} does not fit one line at {least} px beside "
                f"its label and title: {self.value!r}",
                fixes(lay.preset, words),
            )
        )

    def _band(
        self,
        lay: CardLayout,
        top: Length,
        bottom: Length,
        *,
        side: bool,
        grow: float = 1.0,
        title: TextBlock | None = None,
        shrink: bool = False,
    ) -> tuple[TextBlock | None, TextBlock, TextBlock] | None:
        """Qualifier, value and label in the band ``top``..``bottom``: stacked, or
        (``side``) qualifier and value left, label right. ``None`` if the value cannot be
        180 px. The label grows no larger than the ``title`` (the heading): grown to 1.6
        times on a tall card it was the largest words after the value, over a title of
        two thirds its size (found in review).

        Beside the value, the label starts a gap after the value's ink, not after the
        column the value may take: a short value ('7') left the label 374 to 521 px
        away, floating mid-card (found by fuzzing). It takes no room from the value
        there, so it is set at its preferred size at every squeeze (squeezed, it fell to
        the body floor beside a 533 px number), but never above the title's size: a label
        that needs more than its lines at the title's size is stacked under the value
        (``shrink``: set smaller beside it, where stacked it does not fit)."""
        theme, safe, colors = lay.theme, lay.safe, lay.colors
        body, number = theme.body.regular, theme.number.bold
        avail = bottom - top
        value_w = Px(round(safe.width.px * 0.56)) if side else safe.width
        qualifier = None
        if self.qualifier:
            qualifier = lay.fit(
                self.qualifier, body, ("qualifier",), "the qualifier", max_width=value_w,
                max_height=lay.px(90), largest=44, smallest=BODY_PX, max_lines=1,
            )  # fmt: skip
        q_h = qualifier.height + lay.gap(16) if qualifier else Px(0)
        label_px = 64 * grow
        if title is not None:
            label_px = min(label_px, max(64, title.size.px / lay.preset.unit))

        def value_size(room: Length) -> int | None:
            return largest(
                lay.px(_least_value(lay)).px,
                lay.px(STAT_VALUE_MAX_PX).px,
                lambda s: ink_fits(self.value, number, s, value_w.px, room.px),
            )

        label_x, label_lay = safe.left, lay
        label_least: float = BODY_PX if lay.preset.landscape else 40
        if side:
            size = value_size(avail - q_h)
            if size is None:
                return None
            ink_w = Px(ink_width(self.value, number, size))
            label_x = safe.left + max(ink_w, qualifier.width if qualifier else Px(0))
            label_x += lay.gap(56)
            label_lay = replace(lay, squeeze=0.0)
            if title is not None:
                # Unsqueezed beside a squeezed title it was the larger of the two (label
                # lines 75 px tall under a 62 px title on x-post, found by fuzzing): it
                # takes the title's size at most, and one that needs more lines than fit
                # at that size goes under the value instead of shrinking beside it.
                label_px = min(label_px, title.size.px / lay.preset.unit)
                label_least = label_least if shrink else label_px
        label = label_lay.fit(
            self.label, body, ("label",), "the label", max_width=safe.right - label_x,
            max_height=avail if side else Px((avail - q_h).px // 2), largest=label_px,
            smallest=label_least, max_lines=4, spacing=1.15,
        )  # fmt: skip
        gap = lay.gap(32)
        if not side:
            size = value_size(avail - q_h - label.height - gap)
        if size is None:
            return None
        value_h = Px(ink_height(self.value, number, size))
        if side:
            band_h = max(q_h + value_h, label.height)
            y0 = top + Px((avail - band_h).px // 2)
            q_y = y0 + Px((band_h - q_h - value_h).px // 2)
            label_y = y0 + Px((band_h - label.height).px // 2)
        else:
            band_h = q_h + value_h + gap + label.height
            # Centred between the title and the footer: the space left over is split
            # evenly above and below the number and its label, not piled on one side.
            q_y = top + Px(max(0, (avail - band_h).px // 2))
            label_y = q_y + q_h + value_h + gap
        value = place_tight("value", self.value, number, Px(size), lay.colors.highlight_ink,
                            x=safe.left, y=q_y + q_h)  # fmt: skip
        q_block = (
            place("qualifier", qualifier, body, colors.muted, x=safe.left, y=q_y)
            if qualifier else None
        )  # fmt: skip
        return (
            q_block,
            value,
            place("label", label, body, colors.text, x=label_x, y=label_y, spacing=1.15),
        )
