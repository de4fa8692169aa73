"""Dot plots (dumbbells): a row per category, one dot per value, the gap between the
smallest and the largest drawn as a line (2004 and 2023 per country)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Literal

from deckgen.kinds.charts._dots import (
    Row,
    RowChart,
    build_native_rows,
    each_row,
    noun,
    rows_of,
    series_names,
)
from deckgen.render.chartkit import legible

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from pptx.chart.chart import Chart

    from deckgen.kinds.charts._native import Geometry
    from deckgen.render.charts import ChartJob


class Dot(RowChart):
    """A dot per value on a thin line per category; the series in the theme's categorical
    colours, named above the first row; the gap between the ends as a line."""

    type: Literal["dot"]
    label: ClassVar[str] = "Dot plot"
    aliases: ClassVar[tuple[str, ...]] = ("dot-plot", "cleveland-dot")
    facetable: ClassVar[bool] = True
    ranks_categories: ClassVar[bool] = True
    value_along: ClassVar[str] = "x"
    whole_values: ClassVar[bool] = True  # every value, or the highlight's and an axis

    def colors(self, job: ChartJob) -> list[str]:
        """One colour per series: the theme's categorical set, at 3:1 for marks."""
        palette = job.theme.theme.colors.categorical
        return [legible(job, palette[k % len(palette)], 3.0) for k in range(len(job.data.series))]

    def gap_color(self, job: ChartJob, row: Row | None = None) -> str:
        """The gap line: a quiet grey, or the text colour on the highlighted row."""
        colors = job.theme.theme.colors
        return colors.text if row is not None and row.highlighted else legible(
            job, colors.neutral, 3.0)  # fmt: skip

    def radius(self, job: ChartJob, pitch: float) -> float:
        return min(0.3 * pitch, 1.8 * job.theme.theme.chart.line_width * job.canvas.scale)

    def reach(self, job: ChartJob, pitch: float) -> float:
        return self.radius(job, pitch)

    def paint(self, ax: Axes, job: ChartJob, row: Row, pitch: float) -> None:
        scale = job.canvas.scale
        background = job.theme.theme.colors.background
        if row.low is not None and row.high is not None and len(row.present) > 1:
            width = job.theme.theme.chart.line_width * scale * (1.0 if row.highlighted else 0.7)
            ax.plot([row.low[1], row.high[1]], [row.index, row.index],
                    color=self.gap_color(job, row), linewidth=width, solid_capstyle="butt",
                    zorder=2)  # fmt: skip
        colors = self.colors(job)
        for k, v in row.present:
            ax.plot([v], [row.index], marker="o", markersize=2 * self.radius(job, pitch),
                    color=colors[k], markeredgecolor=background,
                    markeredgewidth=0.8 * scale, linestyle="none", zorder=3 + k)  # fmt: skip

    def label_color(self, job: ChartJob, row: Row, series: int) -> str:
        return legible(job, self.colors(job)[series])

    def name_color(self, job: ChartJob, series: int) -> str:
        return legible(job, self.colors(job)[series])

    def mark_colors(self, job: ChartJob) -> list[str]:
        return [*self.colors(job), self.gap_color(job)]

    def describe_data(self, job: ChartJob) -> str:
        """'2004 and 2023 for 10 countries; China rose most, from 5.2 million to 30.2
        million; France fell most, ...; China 5.2 million in 2004, 30.2 million in 2023; ...'
        (with more than two series: the widest gap instead of the rise and fall)."""
        rows = rows_of(job)
        lead = f"{series_names(job)} for {len(rows)} {noun(job, len(rows))}"
        first, last = 0, len(job.data.series) - 1
        if last == 0:
            return f"{lead}; {each_row(job, rows)}"
        found = []
        if last == 1:
            moves = [(r, r.values[last] - r.values[first]) for r in rows  # type: ignore[operator]
                     if r.values[first] is not None and r.values[last] is not None]  # fmt: skip
            for verb, pick in (("rose", max), ("fell", min)):
                r, change = pick(moves, key=lambda m: m[1], default=(None, 0.0))
                if r is not None and (change > 0 if verb == "rose" else change < 0):
                    # 'Most' of one: 'Cats fell most' was said of the only row (fuzzing).
                    alike = sum(1 for _, c in moves if (c > 0 if verb == "rose" else c < 0))
                    most = " most" if alike > 1 else ""
                    found.append(f"{r.name} {verb}{most}, from "
                                 f"{self.value_text(job, r, first, words=True)} to "
                                 f"{self.value_text(job, r, last, words=True)}")  # fmt: skip
        else:
            spans = [r for r in rows if r.low is not None and r.high is not None]
            if spans:
                r = max(spans, key=lambda r: r.high[1] - r.low[1])  # type: ignore[index]
                assert r.low is not None and r.high is not None
                names = job.data.series
                found.append(
                    f"widest gap {r.name}, from {self.value_text(job, r, r.low[0], words=True)} "
                    f"in {names[r.low[0]].name} to "
                    f"{self.value_text(job, r, r.high[0], words=True)} in {names[r.high[0]].name}"
                )
        return "; ".join([lead, *found, each_row(job, rows)])

    def build_native(self, chart: Chart, job: ChartJob, geo: Geometry) -> None:
        colors = self.colors(job)
        build_native_rows(chart, job, lambda row, k: colors[k], (self.gap_color(job), 1.5))
