"""Multi-series bars: ``grouped-bar`` (side by side) and ``stacked-bar`` (on top)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from matplotlib.lines import Line2D
from matplotlib.transforms import ScaledTranslation

from deckgen.render.charts._common import (
    axes_points,
    clean_axes,
    clearance_pt,
    connector,
    fmt,
    gridlines,
    heights_pt,
    ink_on,
    label_size,
    legible,
    points_per_unit,
    series_colors,
    settle,
    slot_width_pt,
    spread,
    text_height_pt,
    text_width_pt,
    tick_formatter,
    tint,
    to_points,
    wrap_label,
)
from deckgen.render.charts._labels import mark

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from deckgen.render.jobs import ChartJob

#: Points between a bar's end and its value label.
_GAP = 3.0


def _category_ticks(ax: Axes, job: ChartJob, highlighted: set[str]) -> None:
    """Wrapped category labels under the columns; highlighted ones bold."""
    categories = job.data.categories
    slot = slot_width_pt(ax, job, len(categories), False)
    labels = [wrap_label(job, c, slot * 0.95) for c in categories]
    ax.set_xticks(range(len(categories)), labels)
    for tick, category in zip(ax.get_xticklabels(), categories, strict=True):
        if category in highlighted:
            tick.set_fontweight("bold")


def _value_axis(ax: Axes, job: ChartJob, show: bool) -> None:
    """Light gridlines and compact tick labels when values are read off the axis."""
    clean_axes(ax, value_axis="y", show_values=show)
    if show:
        gridlines(ax, job)
        ax.yaxis.set_major_formatter(tick_formatter(job))


def _headroom(ax: Axes, lo: float, floors: list[float], height_pt: float) -> float:
    """The top y limit that leaves ``height_pt`` above every floor (after :func:`settle`)."""
    _, y0, _, y1 = axes_points(ax)
    axes_h = max(y1 - y0, 1.0)
    share = min(height_pt / axes_h, 0.5)
    return max((f - share * lo) / (1 - share) for f in floors)


# --------------------------------------------------------------------------- grouped


def _group_colors(job: ChartJob) -> list[list[str]]:
    """Fill per series and category: ``fills[series][category]``.

    With highlighted categories, those take the highlight (earlier series as lighter tints,
    the last series full) and the rest neutral tints with the last series in the primary
    colour; without, each series takes one colour of the categorical set.
    """
    colors = job.theme.theme.colors
    categories = job.data.categories
    count = len(job.data.series)
    highlighted = set(job.spec.highlight) & set(categories)
    if not highlighted:
        names = [s.name for s in job.data.series]
        return [[c] * len(categories) for c in series_colors(job, names)]
    fills = []
    for j in range(count):
        last = j == count - 1
        fade = 0.55 * (count - 1 - j) / max(count - 1, 1)
        accent = colors.highlight if last else tint(job, colors.highlight, fade)
        base = colors.primary if last else tint(job, colors.neutral, 0.25 + fade * 0.6)
        fills.append([accent if c in highlighted else base for c in categories])
    return fills


def _key(fig: Figure, ax: Axes, job: ChartJob, items: list[tuple[str, str]]) -> None:
    """A compact key above the top-left corner of the plot: a square and a name per series."""
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
    fills = _group_colors(job)

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

    _category_ticks(ax, job, highlighted)
    ax.axhline(0, color=colors.muted, linewidth=1, zorder=3)
    ax.set_xlim(-0.5, len(categories) - 0.5)
    values = [v for s in series for v in s.values if v is not None] or [0.0]
    lo, hi = min(0.0, *values), max(0.0, *values)
    span = (hi - lo) or 1.0
    ax.set_ylim(lo - (0.08 * span if lo < 0 else 0), hi + 0.04 * span)

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
        labelled = [(i, j) for i, j in labelled if j == count - 1]
    if not job.spec.value_labels:
        labelled = []
    _value_axis(ax, job, show=not (job.spec.value_labels and fits))

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
            placed.append((text, cx, "center", value, bold, -_GAP))
            continue
        x, ha, floor = _label_x(cx, bar_w / 2, width, value, bars)
        if (floor - value) * per_y > height:
            continue  # it would float over another bar: the gridlines give this value
        placed.append((text, x, ha, floor, bold, _GAP))
    floors = [f for *_, f, _, off in placed if off > 0] or [hi]
    top = _headroom(ax, lo, floors, text_height_pt(fig, job) + _GAP + 2)
    ax.set_ylim(ax.get_ylim()[0], max(top, ax.get_ylim()[1]))
    for text, x, ha, y, bold, offset in placed:
        label = ax.annotate(
            text, (x, y), xytext=(0, offset), textcoords="offset points", ha=ha,
            va="bottom" if offset > 0 else "top", fontsize=size, color=colors.text,
            fontweight="bold" if bold else "normal",
        )  # fmt: skip
        mark(label, 10 if bold else 20)


# --------------------------------------------------------------------------- stacked


def _stack_colors(job: ChartJob) -> list[str]:
    """One fill per series: the categorical set, or the highlight for highlighted series
    with graded neutral tints for the rest."""
    colors = job.theme.theme.colors
    names = [s.name for s in job.data.series]
    if not set(job.spec.highlight) & set(names):
        return series_colors(job, names)
    out, k = [], 0
    for name in names:
        if name in job.spec.highlight:
            out.append(colors.highlight)
        else:
            out.append(tint(job, colors.neutral, (0.0, 0.4, 0.2, 0.55)[k % 4]))
            k += 1
    return out


def draw_stacked(fig: Figure, ax: Axes, job: ChartJob) -> None:
    colors = job.theme.theme.colors
    categories = job.data.categories
    series = job.data.series
    size = label_size(job)
    width = job.theme.theme.chart.bar_width
    fills = _stack_colors(job)
    highlighted = set(job.spec.highlight) & set(categories)
    n = len(categories)

    # Positive values stack up from zero, negative ones down, each in series order.
    up, down = [0.0] * n, [0.0] * n
    segments: list[tuple[int, int, float, float]] = []  # (category, series, bottom, height)
    for j, s in enumerate(series):
        for i, v in enumerate(s.values):
            if v is None or v == 0:
                continue
            base = up if v > 0 else down
            segments.append((i, j, base[i], v))
            base[i] += v
    for j in range(len(series)):
        mine = [seg for seg in segments if seg[1] == j]
        if mine:
            ax.bar(
                [i for i, *_ in mine], [h for *_, h in mine], bottom=[b for _, _, b, _ in mine],
                width=width, color=fills[j], edgecolor=colors.background,
                linewidth=1.0 * job.canvas.scale, zorder=2,
            )  # fmt: skip

    _category_ticks(ax, job, highlighted)
    ax.axhline(0, color=colors.muted, linewidth=1, zorder=3)
    ax.set_xlim(-0.5, n - 0.5)
    lo, hi = min(0.0, *down), max(0.0, *up)
    span = (hi - lo) or 1.0
    ax.set_ylim(lo - (0.08 * span if lo < 0 else 0), hi + 0.04 * span)
    labels_on = job.spec.value_labels
    _value_axis(ax, job, show=not labels_on)
    settle(fig)
    if labels_on:
        totals = [sum(v for v in (s.values[i] for s in series) if v is not None) for i in range(n)]
        top = _headroom(ax, lo, [max(u, 0.0) for u in up], text_height_pt(fig, job) + _GAP + 2)
        ax.set_ylim(ax.get_ylim()[0], max(top, ax.get_ylim()[1]))
        for i, total in enumerate(totals):
            bold = categories[i] in highlighted
            label = ax.annotate(
                fmt(job, total), (i, max(up[i], 0.0)), xytext=(0, _GAP),
                textcoords="offset points", ha="center", va="bottom", fontsize=size,
                color=colors.text, fontweight="bold" if bold else "normal",
            )  # fmt: skip
            mark(label, 10 if bold else 15)

    _series_names(ax, job, segments, fills)
    if labels_on:
        settle(fig)  # the names on the right narrow the plot: measure columns afterwards
        _segment_labels(ax, job, segments, fills)


def _series_names(
    ax: Axes,
    job: ChartJob,
    segments: list[tuple[int, int, float, float]],
    fills: list[str],
) -> None:
    """Name each series right of the last column, level with its segment's middle, spread
    apart so no two names touch; a thin connector where a name had to move."""
    fig = ax.figure
    series = job.data.series
    last = len(job.data.categories) - 1
    edge = last + job.theme.theme.chart.bar_width / 2
    where = {j: b + h / 2 for i, j, b, h in segments if i == last}
    # A series missing from the last column sits where its segment would start.
    running = 0.0
    for j in range(len(series)):
        if j in where:
            running = max(running, where[j])
        else:
            where[j] = running
    size = label_size(job)
    gap = 0.8 * size
    room = 0.2 * fig.get_figwidth() * 72  # long names wrap rather than squeeze the plot
    labels = []
    for j, s in enumerate(series):
        label = ax.annotate(
            wrap_label(job, s.name, room), (edge, where[j]), xytext=(gap, 0),
            textcoords="offset points", ha="left", va="center", fontsize=size,
            color=legible(job, fills[j]), fontweight="bold",
        )  # fmt: skip
        mark(label, 12)
        labels.append(label)
    _, y0, _, y1 = axes_points(ax)
    wanted = [to_points(ax, edge, where[j])[1] for j in range(len(series))]
    placed = spread(wanted, heights_pt(labels), y0, y1, clearance_pt(fig))
    muted = job.theme.theme.colors.muted
    for j, (label, want, got) in enumerate(zip(labels, wanted, placed, strict=True)):
        dy = got - want
        label.xyann = (gap, dy)
        if abs(dy) > 1.5:
            connector(
                ax, (edge, where[j]), (2.0, 0.0), (gap - 2.0, dy), muted, 0.8 * job.canvas.scale
            )


def _segment_labels(
    ax: Axes,
    job: ChartJob,
    segments: list[tuple[int, int, float, float]],
    fills: list[str],
) -> None:
    """Values inside segments tall and wide enough to hold them (measured, with a margin)."""
    size = label_size(job)
    per_x, per_y = points_per_unit(ax)
    column_pt = job.theme.theme.chart.bar_width * per_x
    height = text_height_pt(ax.figure, job)
    for i, j, bottom, value in segments:
        text = fmt(job, value)
        if abs(value) * per_y < height + 4 or text_width_pt(job, text) > column_pt - 6:
            continue
        label = ax.text(
            i, bottom + value / 2, text, ha="center", va="center", fontsize=size,
            color=ink_on(job, fills[j]), zorder=4,
        )  # fmt: skip
        mark(label, 30)
