"""Range plots: a thick bar per category from one value to the other (a low and a high,
or two years), its ends marked and labelled."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Literal

from deckgen.kinds.charts._dots import (
    Row,
    RowChart,
    build_native_rows,
    each_row,
    noun,
    rows_of,
)
from deckgen.render.chartkit import legible

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from pptx.chart.chart import Chart

    from deckgen.kinds.charts._native import Geometry
    from deckgen.render.charts import ChartJob


class Range(RowChart):
    """The span between two values per category as a thick bar: the first series' end
    hollow, the second's filled, both named above the first row."""

    type: Literal["range"]
    label: ClassVar[str] = "Range plot"
    aliases: ClassVar[tuple[str, ...]] = ("dumbbell", "barbell")
    pair: ClassVar[bool] = True
    whole_values: ClassVar[bool] = True  # every value, or the highlight's and an axis
    marks_need: ClassVar[str] = "both ends for a bar"

    def color(self, job: ChartJob, row: Row | None = None) -> str:
        """The bar's colour: the primary; with a highlight, the highlight on its rows and
        the neutral grey elsewhere (all at 3:1 for marks)."""
        colors = job.theme.theme.colors
        if not job.spec.highlight:
            return legible(job, colors.primary, 3.0)
        on = row is not None and row.highlighted
        return legible(job, colors.highlight if on else colors.neutral, 3.0)

    def bar(self, job: ChartJob, pitch: float) -> float:
        """The bar's thickness in points: bold, but under half a row."""
        return min(0.42 * pitch, 4.4 * job.theme.theme.chart.line_width * job.canvas.scale)

    def reach(self, job: ChartJob, pitch: float) -> float:
        return self.bar(job, pitch) / 2 + 1.5 * job.canvas.scale

    def paint(self, ax: Axes, job: ChartJob, row: Row, pitch: float) -> None:
        scale = job.canvas.scale
        color = self.color(job, row)
        thick = self.bar(job, pitch)
        if row.low is not None and row.high is not None and len(row.present) > 1:
            ax.plot([row.low[1], row.high[1]], [row.index, row.index], color=color,
                    linewidth=thick, solid_capstyle="butt", zorder=2)  # fmt: skip
        for k, v in row.present:
            ax.plot([v], [row.index], marker="o", markersize=thick + 3 * scale,
                    markerfacecolor=job.theme.theme.colors.background if k == 0 else color,
                    markeredgecolor=color, markeredgewidth=1.6 * scale, linestyle="none",
                    zorder=3)  # fmt: skip

    def mark_colors(self, job: ChartJob) -> list[str]:
        return sorted({self.color(job, r) for r in rows_of(job)})

    def describe_data(self, job: ChartJob) -> str:
        """'From 2004 to 2023 for 10 countries; widest China, 5.2 million in 2004 to 30.2
        million in 2023; narrowest Brazil, ...; China 5.2 million in 2004, 30.2 million in
        2023; ...'."""
        rows = rows_of(job)
        first, second = (s.name for s in job.data.series)
        found = []
        spans = [r for r in rows if len(r.present) == 2]
        for adjective, pick in (("widest", max), ("narrowest", min)):
            r = pick(spans, key=lambda r: abs(r.values[1] - r.values[0]), default=None)  # type: ignore[operator]
            if r is not None and len(spans) > 1:
                found.append(f"{adjective} {r.name}, {self.value_text(job, r, 0, words=True)} "
                             f"in {first} to {self.value_text(job, r, 1, words=True)} in "
                             f"{second}")  # fmt: skip
        lead = f"From {first} to {second} for {len(rows)} {noun(job, len(rows))}"
        return "; ".join([lead, *found, each_row(job, rows)])

    def build_native(self, chart: Chart, job: ChartJob, geo: Geometry) -> None:
        rows = rows_of(job)
        pitch = geo.width_pt * 0.9 / max(len(rows), 1)
        # The first end hollow (a ring in the row's colour), the second filled, as drawn.
        build_native_rows(chart, job, lambda row, k: self.color(job, row),
                          (self.color(job), self.bar(job, pitch) * 0.7), hollow=0)  # fmt: skip
