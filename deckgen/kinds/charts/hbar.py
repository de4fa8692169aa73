"""Horizontal bars: a ranking read top down, names left of the bars."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Literal

from deckgen.kinds.charts._annotate import draw_computed
from deckgen.kinds.charts._bars import (
    laid_out_height,
    row_names,
    row_needs,
    row_reserve,
    row_room,
    whole_names,
)
from deckgen.kinds.charts._dots import CARD_FEWEST, card_lines, name_lines
from deckgen.kinds.charts.bar import Bar, bar_end, build_native_bars, draw_bars
from deckgen.layout.text import CARD
from deckgen.layout.units import Px
from deckgen.render.chartkit import (
    label_sizes,
    layout_is_final,
    shortening,
    text_height_pt,
)

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
    #: (a ranking whose names thin to every k-th cannot be read). The labels shrink from
    #: the theme's size towards its minimum to fit them (:func:`fitted`).
    max_categories: ClassVar[int | None] = 24
    #: The fewest rows a social card cuts the ranking to (``_dots.CARD_FEWEST``).
    card_fewest: ClassVar[int] = CARD_FEWEST

    def draw(self, fig: Figure, ax: Axes, job: ChartJob) -> None:
        # A panel of small multiples keeps the whole chart's one size.
        if job.whole is None:
            job = fitted(fig, ax, job)
        draw_bars(fig, ax, job, horizontal=True)
        if draw_computed(fig, ax, job, bar_end(job, horizontal=True), horizontal=True):
            layout_is_final(fig)

    def card_categories(self, data: ChartData, box: Rect, label_px: int,
                        theme: LoadedTheme) -> int:  # fmt: skip
        # Names wrap as the picture wraps them (_dots.name_lines); every row is as tall as
        # the row with the most lines needs, of those the card keeps (a highlighted one
        # among them). A reference line's label takes a line over the plot
        # (_bars.row_reserve): rows counted without it left the label no room.
        line = CARD.block_height(theme.body.regular, Px(label_px), 1).px
        lines = name_lines(data, box, label_px, theme)
        height = box.height.px * 0.94 - (line if self.reference is not None else 0)
        fits = [
            k for k in range(1, len(lines) + 1)
            if k * line * (1.15 * card_lines(lines, data, self.highlight, k) + 0.45) <= height
        ]  # fmt: skip
        return max([2, *fits])

    def card_shown(self, job: ChartJob) -> int:
        return whole_names(job)

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


# --------------------------------------------------------------------------- fitting rows
def fitted(fig: Figure, ax: Axes, job: ChartJob) -> ChartJob:
    """``job`` with its labels at the largest size, from the theme's down to the theme's
    minimum (12 pt or more), at which every row is named and every value written beside
    its bar; else at which every row is named, the values read off a light axis; else the
    same with names on one line each; else at the minimum (rows too close for a line each
    then show every k-th name, always with the highlighted ones: ``_bars._row_ticks``).

    The picture is the slide's box; what can give is the text size, down to the floor
    the whole deck keeps: at the theme's 14 pt, 23 rows under a slide's subtitle leave
    their values to the axis, at 12 pt they carry them; 24 rows there need 12 pt names
    and the axis. Decided before drawing, so that names, values, the value axis, a
    reference line's label and notes share one size.
    """
    import matplotlib as mpl

    sizes = job.theme.theme.sizes
    top, floor = sizes.chart_label, min(sizes.minimum, sizes.chart_label)
    engine = fig.get_layout_engine()
    pad = engine.get().get("h_pad") if engine is not None else None
    if top <= floor or not isinstance(pad, float):
        return job
    n = len(job.data.categories)
    wanted = job.spec.value_labels
    tick_pad = float(mpl.rcParams["xtick.major.pad"])

    def axis(sized: ChartJob) -> float:
        """Points the value axis's tick labels take under the plot: a line and its pad."""
        return text_height_pt(fig, sized) + tick_pad

    # The usual case first, with no layout run for it: the plot as tall as the picture
    # less the layout's padding (and the value axis, where the values are not written),
    # the rows spread over the y limits' default margins.
    span = (n - 1 + job.theme.theme.chart.bar_width) * (1 + 2 * mpl.rcParams["axes.ymargin"])
    estimate = fig.get_figheight() * 72 - 2 * pad * 72 - (0.0 if wanted else axis(job))
    if _fits(fig, job, estimate, span, values=wanted):
        return job
    # No names yet: matplotlib's default ticks' labels at the plot's ends would hang over
    # it and lower it by a line (the names, set later, sit inside their rows).
    ax.set_yticks([])
    free = laid_out_height(fig, ax, value_ticks=False)
    candidates = label_sizes(job)

    def writes(sized: ChartJob) -> bool:
        """Whether the bars will carry their values at this size: decided by their slot,
        the plot's height over the rows (``bar._labels_fit``), not here."""
        return wanted and row_needs(fig, sized, [])[1] <= free / n

    for one_line_only in (False, True):
        # Values at the bars at a smaller size before a value axis at a larger one: the
        # bars read without the eye going down to the axis, as the native chart's do.
        for sized in candidates:
            if writes(sized) and _fits(fig, sized, free, n, values=True,
                                       one_line_only=one_line_only):  # fmt: skip
                return sized
        for sized in candidates:
            if not writes(sized) and _fits(fig, sized, free - axis(sized), n, values=False,
                                           one_line_only=one_line_only):  # fmt: skip
                return sized
    return candidates[-1]


def _fits(fig: Figure, job: ChartJob, height: float, span: float, *, values: bool,
          one_line_only: bool = False) -> bool:  # fmt: skip
    """Whether a plot ``height`` points tall whose y limits span ``span`` rows has room
    for every name (and, with ``values``, every value): as ``_bars._row_ticks`` will
    find it."""
    with shortening():  # a trial: the names the picture cuts are said when it draws them
        labels = row_names(job, row_room(fig, job), one_line_only=one_line_only)
    name_need, value_need = row_needs(fig, job, labels)
    need = max(name_need, value_need if values else 0.0)
    return need <= (height - row_reserve(fig, job)) / span
