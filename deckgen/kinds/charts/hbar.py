"""Horizontal bars: a ranking read top down, names left of the bars."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Literal

from deckgen.kinds.charts._annotate import draw_computed
from deckgen.kinds.charts.bar import Bar, bar_end, build_native_bars, draw_bars
from deckgen.layout.text import CARD
from deckgen.layout.units import Px
from deckgen.render.chartkit import layout_is_final

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from pptx.chart.chart import Chart

    from deckgen.kinds.charts._base import Overlay
    from deckgen.kinds.charts._native import Geometry
    from deckgen.layout.geometry import Rect
    from deckgen.render.charts import ChartJob
    from deckgen.tables.select import ChartData
    from deckgen.theming.load import LoadedTheme


class HBar(Bar):
    """Horizontal bars, first row on top."""

    type: Literal["hbar"]  # type: ignore[assignment]
    label: ClassVar[str] = "Horizontal bar chart"
    aliases: ClassVar[tuple[str, ...]] = ("barh", "horizontal-bar", "bar-horizontal", "ranking")
    value_along: ClassVar[str] = "x"
    #: Every row named: a 12 pt line is ~14.4 pt, and a slide's 4.9 in plot / 24 = 14.7 pt
    #: (a ranking whose names thin to every k-th cannot be read).
    max_categories: ClassVar[int | None] = 24

    def draw(self, fig: Figure, ax: Axes, job: ChartJob) -> None:
        draw_bars(fig, ax, job, horizontal=True)
        if draw_computed(fig, ax, job, bar_end(job, horizontal=True), horizontal=True):
            layout_is_final(fig)

    def card_categories(self, data: ChartData, box: Rect, label_px: int,
                        theme: LoadedTheme) -> int:  # fmt: skip
        # The picture wraps names at 30% of the chart's width (with the deck's 6% measuring
        # slack); every row is as tall as the row with the most lines needs.
        regular = theme.body.regular
        size = Px(label_px)
        line = CARD.block_height(regular, size, 1).px
        column = Px(round(box.width.px * 0.3 / 1.06))
        lines = [len(CARD.wrap(str(c), regular, size, column)) for c in data.categories]
        n = len(data.categories)
        fits = [
            k for k in range(1, n + 1)
            if k * line * (1.15 * max(lines[:k]) + 0.45) <= box.height.px * 0.94
        ]  # fmt: skip
        return max([2, *fits])

    def card_height(self, data: ChartData) -> int:
        return 96 * min(len(data.categories), 12) + 40

    def native_refusal(self) -> str | None:
        if self.reference is not None:
            return (
                "a native hbar chart cannot draw a reference line (PowerPoint overlays lines "
                "only along a horizontal category axis)"
            )
        return super().native_refusal()

    def native_type(self) -> object:
        from pptx.enum.chart import XL_CHART_TYPE

        return XL_CHART_TYPE.BAR_CLUSTERED

    def native_overlays(self, job: ChartJob) -> list[Overlay]:
        return []

    def build_native(self, chart: Chart, job: ChartJob, geo: Geometry) -> None:
        build_native_bars(chart, job, horizontal=True)
