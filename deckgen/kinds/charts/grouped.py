"""Grouped bars: several series side by side per category (2004 and 2023 per country)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Literal

from deckgen.kinds.charts._bars import GAP, category_ticks, column_room, headroom, value_axis
from deckgen.kinds.charts._base import ChartKind, word
from deckgen.render.chartkit import (
    category_words,
    clearance_pt,
    fmt,
    label_size,
    points_per_unit,
    series_colors,
    settle,
    slot_width_pt,
    text_height_pt,
    text_width_pt,
    tint,
    value_limits,
)
from deckgen.render.labels import mark

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


class GroupedBar(ChartKind):
    """Columns side by side: each category's series next to each other; the highlight
    names categories or series."""

    type: Literal["grouped-bar"]
    label: ClassVar[str] = "Grouped bar chart"
    highlights: ClassVar[str] = "category or series"
    from_zero: ClassVar[bool] = True
    #: Groups of two or three bars, each at least 5 pt wide, across a ~12 in plot.
    max_categories: ClassVar[int | None] = 40

    def draw(self, fig: Figure, ax: Axes, job: ChartJob) -> None:
        draw_grouped(fig, ax, job)

    def describe_data(self, job: ChartJob) -> str:
        """Per category, the last series against the first: 'China 30.2 million in 2023,
        up from 5.2 million in 2004'."""
        first, last = job.data.series[0], job.data.series[-1]
        parts = []
        for i, category in enumerate(category_words(job)):
            a, b = first.values[i], last.values[i]
            text = f"{category} {word(job, b)} in {last.name}"
            if a is not None and b is not None and len(job.data.series) == 2:
                trend = "up" if b > a else "down" if b < a else "unchanged"
                text += f", {trend} from {word(job, a)} in {first.name}"
            elif len(job.data.series) > 2:
                middle = ", ".join(f"{word(job, s.values[i])} in {s.name}" for s in job.data.series)
                text = f"{category}: {middle}"
            parts.append(text)
        return "; ".join(parts)

    def mark_colors(self, job: ChartJob) -> list[str]:
        return [fill for row in group_colors(job) for fill in row]

    def card_categories(self, data: ChartData, box: Rect, label_px: int,
                        theme: LoadedTheme) -> int:  # fmt: skip
        return column_room(self, data, box, label_px, theme)

    def native_type(self) -> object:
        from pptx.enum.chart import XL_CHART_TYPE

        return XL_CHART_TYPE.COLUMN_CLUSTERED

    def native_overlays(self, job: ChartJob) -> list[Overlay]:
        from deckgen.kinds.charts._native import reference_overlay

        return reference_overlay(job)

    def build_native(self, chart: Chart, job: ChartJob, geo: Geometry) -> None:
        """Series side by side, a key above (as the picture draws one); values on every bar if
        each fits its bar, else on the latest series with the value axis for the rest."""
        from pptx.enum.chart import XL_LABEL_POSITION, XL_LEGEND_POSITION

        from deckgen.kinds.charts import _native as nv
        from deckgen.ooxml import chartxml as cx

        colors = job.theme.theme.colors
        categories = job.data.categories
        data = job.data.series
        count = len(data)
        highlighted = set(job.spec.highlight) & set(categories)
        plot = chart.plots[0]
        plot.gap_width = nv.gap_width(job)
        plot.overlap = 0
        plot.vary_by_categories = False
        fills = group_colors(job)
        key = next((i for i, c in enumerate(categories) if c not in highlighted), 0)
        for j, series in enumerate(plot.series):
            series.invert_if_negative = False
            nv.fill(series.format, fills[j][key])  # the key shows the context colour
            for i in range(len(categories)):
                nv.fill(series.points[i].format, fills[j][i])
        # Bar width in points, from the plot's share of the frame (axis labels take the rest).
        bar_pt = geo.width_pt * 0.92 / len(categories) * job.theme.theme.chart.bar_width / count
        fits = all(
            nv.text_w(job, fmt(job, v), categories[i] in highlighted) <= bar_pt - 4
            for s in data for i, v in enumerate(s.values) if v is not None
        )  # fmt: skip
        labels_on = job.spec.value_labels
        values = [v for s in data for v in s.values if v is not None] or [0.0]
        lo, hi = nv.limits(job, values, 0.10)
        nv.value_axis(chart, job, lo, hi, show=not (labels_on and fits))
        nv.category_axis(chart, job)
        if count > 1:
            chart.has_legend = True
            chart.legend.position = XL_LEGEND_POSITION.TOP
            chart.legend.include_in_layout = False
            nv.font(chart.legend.font, job, colors.text)
        if not labels_on:
            return
        labelled = range(count) if fits else [labelled_series(job)]
        for j in labelled:
            series = plot.series[j]
            nv.labels(series, job, colors.text, XL_LABEL_POSITION.OUTSIDE_END)
            for i, category in enumerate(categories):
                value = data[j].values[i]
                if value is None:
                    continue
                taller = any((s.values[i] or 0.0) > value for s in data[:j])
                bold = category in highlighted
                if not (bold or taller):
                    continue
                label = nv.point_label(series, i, job, colors.text, bold=bold,
                                     position=XL_LABEL_POSITION.OUTSIDE_END)  # fmt: skip
                if taller and not fits:
                    # A taller bar to its left: nudge the label right, into the gap between
                    # groups, so it does not sit on that bar (the picture does the same).
                    shift = (nv.text_w(job, fmt(job, value), bold) - bar_pt) / 2 + 2
                    cx.label_offset(label._dLbl, max(shift, 0.0) / geo.width_pt, 0.0)
        if job.spec.reference is not None:
            nv.overlay_reference(chart, job, count)


def group_colors(job: ChartJob) -> list[list[str]]:
    """Fill per series and category: ``fills[series][category]``.

    With highlighted categories, those take the highlight (earlier series as lighter tints,
    the last series full) and the rest neutral tints with the last series in the primary
    colour; with highlighted series, those take the highlight and the rest neutral;
    without either, each series takes one colour of the categorical set.
    """
    colors = job.theme.theme.colors
    categories = job.data.categories
    count = len(job.data.series)
    highlighted = set(job.spec.highlight) & set(categories)
    names = [s.name for s in job.data.series]
    if not highlighted and set(job.spec.highlight) & set(names):
        # A highlighted series in the accent, the others in graded neutral tints that a
        # key can tell apart (as a stacked chart draws them).
        per_series, k = [], 0
        for name in names:
            if name in job.spec.highlight:
                per_series.append(colors.highlight)
            else:
                per_series.append(tint(job, colors.neutral, (0.0, 0.4, 0.2, 0.55)[k % 4]))
                k += 1
        return [[c] * len(categories) for c in per_series]
    if not highlighted:
        return [[c] * len(categories) for c in series_colors(job, names)]
    fills = []
    for j in range(count):
        last = j == count - 1
        fade = 0.55 * (count - 1 - j) / max(count - 1, 1)
        accent = colors.highlight if last else tint(job, colors.highlight, fade)
        base = colors.primary if last else tint(job, colors.neutral, 0.25 + fade * 0.6)
        fills.append([accent if c in highlighted else base for c in categories])
    return fills


def labelled_series(job: ChartJob) -> int:
    """The series whose values are written when not every bar can hold its value: the
    (first) highlighted series, else the latest."""
    names = [s.name for s in job.data.series]
    return next((j for j, n in enumerate(names) if n in job.spec.highlight), len(names) - 1)


def _key(fig: Figure, ax: Axes, job: ChartJob, items: list[tuple[str, str]]) -> None:
    """A compact key above the top-left corner of the plot: a square and a name per series."""
    from matplotlib.lines import Line2D
    from matplotlib.transforms import ScaledTranslation

    size = label_size(job)
    side = 0.75 * size
    y = 6.0 + text_height_pt(fig, job) / 2
    x = 0.0
    text_color = job.theme.theme.colors.text
    for name, color in items:
        where = ax.transAxes + ScaledTranslation((x + side / 2) / 72, y / 72, fig.dpi_scale_trans)
        square = Line2D(
            [0], [1], marker="s", markersize=side, linestyle="none", color=color,
            markeredgewidth=0, transform=where, clip_on=False,
        )  # fmt: skip
        ax.add_artist(square)
        x += side + 0.4 * size
        label = ax.annotate(
            name, (0, 1), xycoords="axes fraction", xytext=(x, y), textcoords="offset points",
            ha="left", va="center", fontsize=size, color=text_color,
        )  # fmt: skip
        mark(label, 2)
        x += text_width_pt(job, name) + 1.2 * size


def _label_x(
    cx: float, half_bar: float, width: float, value: float, bars: list[tuple[float, float, float]]
) -> tuple[float, str, float]:
    """Where a value label of ``width`` (data units) goes above the bar centred at ``cx``.

    Centred if no taller bar lies under it, else nudged so its edge lines up with the bar's
    (into the gap between groups), else centred and lifted above the tallest bar it spans.
    Returns the anchor x, the horizontal alignment and the floor y.
    """

    def floor(left: float, right: float) -> float:
        under = [top for x0, x1, top in bars if x0 < right - 1e-9 and x1 > left + 1e-9]
        return max([value, *under])

    options = [
        (cx, "center", cx - width / 2, cx + width / 2),
        (cx - half_bar, "left", cx - half_bar, cx - half_bar + width),
        (cx + half_bar, "right", cx + half_bar - width, cx + half_bar),
    ]
    for x, ha, left, right in options:
        if floor(left, right) <= value:
            return x, ha, value
    return cx, "center", floor(cx - width / 2, cx + width / 2)


def draw_grouped(fig: Figure, ax: Axes, job: ChartJob) -> None:
    colors = job.theme.theme.colors
    categories = job.data.categories
    series = job.data.series
    count = len(series)
    size = label_size(job)
    highlighted = set(job.spec.highlight) & set(categories)
    bar_w = job.theme.theme.chart.bar_width / count
    offsets = [(j - (count - 1) / 2) * bar_w for j in range(count)]
    fills = group_colors(job)

    bars: list[tuple[float, float, float]] = []  # (left, right, top) of every bar, data units
    for j, s in enumerate(series):
        shown = [(i, v) for i, v in enumerate(s.values) if v is not None]
        xs = [i + offsets[j] for i, _ in shown]
        ax.bar(
            xs, [v for _, v in shown], width=bar_w, color=[fills[j][i] for i, _ in shown],
            edgecolor=colors.background, linewidth=1.0 * job.canvas.scale, zorder=2,
        )  # fmt: skip
        bars += [
            (x - bar_w / 2, x + bar_w / 2, max(v, 0.0)) for x, (_, v) in zip(xs, shown, strict=True)
        ]

    category_ticks(ax, job, highlighted)
    ax.axhline(0, color=colors.muted, linewidth=1, zorder=3)
    ax.set_xlim(-0.5, len(categories) - 0.5)
    values = [v for s in series for v in s.values if v is not None] or [0.0]
    lo, hi = min(0.0, *values), max(0.0, *values)
    ax.set_ylim(*value_limits(job, values, below=0.08, above=0.04))

    # Value labels on every bar only when each fits its bar's width; otherwise the latest
    # series only, with the value axis to read the others.
    slot = slot_width_pt(ax, job, len(categories), False)  # before layout: an underestimate
    labelled = [
        (i, j) for j, s in enumerate(series) for i, v in enumerate(s.values) if v is not None
    ]
    fits = all(
        text_width_pt(job, fmt(job, series[j].values[i]), bold=categories[i] in highlighted)
        <= slot * bar_w - clearance_pt(fig)
        for i, j in labelled
    )
    if not fits:
        labelled = [(i, j) for i, j in labelled if j == labelled_series(job)]
    if not job.spec.value_labels:
        labelled = []
    value_axis(ax, job, show=not (job.spec.value_labels and fits))

    reference = next((i for i, c in enumerate(categories) if c not in highlighted), 0)
    if count > 1:
        _key(fig, ax, job, [(s.name, fills[j][reference]) for j, s in enumerate(series)])
    if not labelled:
        return

    settle(fig)
    per_x, per_y = points_per_unit(ax)
    height = text_height_pt(fig, job)
    placed = []
    for i, j in labelled:
        value = series[j].values[i]
        assert value is not None
        bold = categories[i] in highlighted
        text = fmt(job, value)
        width = (text_width_pt(job, text, bold=bold) + 2) / per_x
        cx = i + offsets[j]
        if value < 0:
            placed.append((text, cx, "center", value, bold, -GAP))
            continue
        x, ha, floor = _label_x(cx, bar_w / 2, width, value, bars)
        if (floor - value) * per_y > height:
            continue  # it would float over another bar: the gridlines give this value
        placed.append((text, x, ha, floor, bold, GAP))
    floors = [f for *_, f, _, off in placed if off > 0] or [hi]
    top = headroom(ax, lo, floors, text_height_pt(fig, job) + GAP + 2)
    if job.spec.axis.max is None:  # room above the labels, unless the top is fixed
        ax.set_ylim(ax.get_ylim()[0], max(top, ax.get_ylim()[1]))
    for text, x, ha, y, bold, offset in placed:
        label = ax.annotate(
            text, (x, y), xytext=(0, offset), textcoords="offset points", ha=ha,
            va="bottom" if offset > 0 else "top", fontsize=size, color=colors.text,
            fontweight="bold" if bold else "normal",
        )  # fmt: skip
        mark(label, 10 if bold else 20)
