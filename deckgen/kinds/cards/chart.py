"""The chart card: the finding over (or beside) the chart, redrawn for the card's shape."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, ClassVar, Literal

from pydantic import Field

from deckgen.errors import FitError, Problem
from deckgen.kinds.cards._base import (
    CardKind,
    CardLayout,
    accent_rule,
    card_chart,
    chart_check,
    clip,
    footer_blocks,
    frame,
    headline,
    note_block,
    sentence,
)
from deckgen.kinds.charts import AnyChart
from deckgen.layout.geometry import Rect
from deckgen.layout.text import CARD
from deckgen.layout.units import Px
from deckgen.render.cardkit import CardJob, PlacedChart, Rule, TextBlock, drawing

if TYPE_CHECKING:
    import pandas as pd
    from PIL import Image

    from deckgen.errors import Location
    from deckgen.kinds.cards._base import CardRequest


@dataclass(frozen=True, kw_only=True)
class ChartCardJob(CardJob):
    accent: Rule
    title: TextBlock
    subtitle: TextBlock | None
    chart: PlacedChart
    note: TextBlock | None

    def draw(self) -> Image.Image:
        out = drawing(self)
        out.rule(self.accent)
        for block in (self.title, self.subtitle, self.note):
            out.text(block)
        out.chart(self.chart)
        out.footer(self.footer)
        return out.image


class ChartCard(CardKind):
    """A chart redrawn for the card's shape, under its finding."""

    kind: Literal["chart"]
    states_finding: ClassVar[bool] = True
    title: str = Field(description="The finding, as a sentence.")
    subtitle: str | None = Field(None, description="Measure, place and period.")
    chart: AnyChart = Field(description="A chart exactly as on a chart slide.")

    def check(self, tables: dict[str, pd.DataFrame], where: Location) -> list[Problem]:
        from deckgen.errors import Location

        at = Location(where.file, where.line, f"{where.field}.chart")
        return chart_check(self.chart, tables, at)

    def words(self, req: CardRequest, job: CardJob) -> tuple[str, str]:
        assert isinstance(job, ChartCardJob)
        alt = job.chart.job.alt()
        if job.note is not None:
            alt = f"{sentence(alt)} {sentence(' '.join(job.note.lines))}"
        return alt, self.title

    def layout(self, lay: CardLayout) -> ChartCardJob:
        """The finding over the chart; on landscape presets also the finding beside the
        chart, keeping whichever shows more categories (then more area)."""
        if not lay.preset.landscape:
            return self._stacked(lay)
        options, errors = [], []
        for layout in (self._side, self._stacked):
            try:
                options.append(layout(lay))
            except FitError as exc:
                errors.append(exc)
        if not options:
            raise errors[-1]
        return max(options, key=_shown)

    def _stacked(self, lay: CardLayout) -> ChartCardJob:
        safe = lay.safe
        accent = accent_rule(lay, safe.left, safe.top)
        footer, footer_top = footer_blocks(lay, self.source)
        y = accent.box.bottom + lay.gap(36)
        head, sub, bottom = headline(
            lay, self.title, self.subtitle, safe.left, y, safe.width,
            Px(round(safe.height.px * 0.34)),
        )  # fmt: skip
        top = bottom + lay.gap(40)
        box = Rect(safe.left, top, safe.width, footer_top - lay.gap(40) - top)
        if box.height.px < safe.height.px * 0.4:
            raise FitError(
                Problem(
                    lay.where("title"),
                    f"the title and subtitle of {lay.describe()} leave too little room for the "
                    f"chart ({box.height.px} px of {safe.height.px}): {clip(self.title)!r}",
                    "shorten the title or subtitle, or choose a taller preset",
                )
            )
        placed, note = card_chart(lay, self.chart, self.title, box, ("chart",))
        block = None
        if note:
            note_h = CARD.block_height(lay.theme.body.regular, lay.px(26), 1) + lay.gap(16)
            box = replace(box, height=box.height - note_h)
            placed, note = card_chart(lay, self.chart, self.title, box, ("chart",))
            block = note_block(lay, note or "", safe.left, box.bottom + lay.gap(16), safe.width,
                               ("chart",))  # fmt: skip
        return ChartCardJob(frame=frame(lay), footer=footer, accent=accent, title=head,
                            subtitle=sub, chart=placed, note=block)  # fmt: skip

    def _side(self, lay: CardLayout) -> ChartCardJob:
        safe = lay.safe
        accent = accent_rule(lay, safe.left, safe.top)
        footer, footer_top = footer_blocks(lay, self.source)
        col_w = Px(round(safe.width.px * 0.4))
        y = accent.box.bottom + lay.gap(36)
        bottom = footer_top - lay.gap(40)
        head, sub, text_bottom = headline(
            lay, self.title, self.subtitle, safe.left, y, col_w, bottom - y, max_lines=6
        )
        x = safe.left + col_w + lay.gap(56)
        box = Rect(x, safe.top, safe.right - x, bottom - safe.top)
        placed, note = card_chart(lay, self.chart, self.title, box, ("chart",))
        block = None
        if note:
            block = note_block(lay, note, safe.left, text_bottom + lay.gap(28), col_w, ("chart",))
            if block.box.bottom > bottom:
                raise FitError(
                    Problem(
                        lay.where("title"),
                        f"the title of {lay.describe()} leaves no room for the note {note!r}",
                        "shorten the title or subtitle",
                    )
                )
        return ChartCardJob(frame=frame(lay), footer=footer, accent=accent, title=head,
                            subtitle=sub, chart=placed, note=block)  # fmt: skip


def _shown(job: ChartCardJob) -> tuple[int, int]:
    box = job.chart.box
    return len(job.chart.job.data.categories), box.width.px * box.height.px
