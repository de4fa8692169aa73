"""Shares of a total: ``donut``, labelled outside in two columns with leader lines."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from matplotlib.patches import Wedge

from deckgen.render.charts._common import (
    axes_points,
    clearance_pt,
    fmt,
    heights_pt,
    label_size,
    name_value,
    settle,
    spread,
    text_width_pt,
    tint,
)
from deckgen.render.charts._labels import mark
from deckgen.theming.text import text_width

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.text import Text

    from deckgen.render.jobs import ChartJob

#: Where labels start, in radii from the centre (the leader line bridges the gap).
_LABEL_X = 1.2
#: Where a leader bends, in radii.
_ELBOW = 1.08


def _fills(job: ChartJob) -> list[str]:
    """The highlight for highlighted slices, alternating neutral tints for the rest; the
    categorical set when nothing is highlighted."""
    colors = job.theme.theme.colors
    categories = job.data.categories
    highlighted = set(job.spec.highlight) & set(categories)
    if not highlighted:
        palette = colors.categorical
        return [palette[i % len(palette)] for i in range(len(categories))]
    out, k = [], 0
    for category in categories:
        if category in highlighted:
            out.append(colors.highlight)
        else:
            out.append(tint(job, colors.neutral, 0.35 if k % 2 else 0.0))
            k += 1
    return out


def _share(value: float, total: float) -> str:
    share = 100 * value / total if total else 0.0
    return "<1%" if 0 < share < 0.5 else f"{share:.0f}%"


def draw_donut(fig: Figure, ax: Axes, job: ChartJob) -> None:
    colors = job.theme.theme.colors
    categories = job.data.categories
    values = [max(v or 0.0, 0.0) for v in job.data.series[0].values]
    total = sum(values)
    size = label_size(job)
    highlighted = set(job.spec.highlight) & set(categories)
    fills = _fills(job)
    hole = job.theme.theme.chart.donut_hole
    ax.set_axis_off()
    ax.set_xticks([])  # no tick labels kept out of sight (the collision pass sees them)
    ax.set_yticks([])

    # Slices clockwise from twelve o'clock, in data order.
    slices: list[tuple[int, float]] = []  # (category index, mid-angle in radians)
    angle = 90.0
    for i, value in enumerate(values):
        if value <= 0 or total <= 0:
            continue
        sweep = 360 * value / total
        wedge = Wedge(
            (0, 0), 1.0, angle - sweep, angle, width=1 - hole, facecolor=fills[i],
            edgecolor=colors.background, linewidth=1.5 * job.canvas.scale,
        )  # fmt: skip
        ax.add_patch(wedge)
        slices.append((i, math.radians(angle - sweep / 2)))
        angle -= sweep

    settle(fig)  # nothing is drawn outside the axes: they fill the canvas
    x0, y0, x1, y1 = axes_points(ax)
    width, height = x1 - x0, y1 - y0
    details = {i: f"{fmt(job, values[i])} ({_share(values[i], total)})" for i, _ in slices}
    bold = {i: categories[i] in highlighted for i, _ in slices}
    widest = max(
        [text_width_pt(job, f"{categories[i]}  {details[i]}", bold=bold[i]) for i in details]
        or [0.0]
    )
    # The radius in points: as large as the height allows, leaving each side room for the
    # leader and the widest label; labels wrap rather than shrink the donut below 60%.
    full = 0.84 * height / 2
    radius = max(min(full, (width / 2 - widest - 0.5 * size) / _LABEL_X), 0.6 * full)
    room = width / 2 - _LABEL_X * radius - 0.5 * size
    ax.set_xlim(-width / 2 / radius, width / 2 / radius)
    ax.set_ylim(-height / 2 / radius, height / 2 / radius)
    ax.set_aspect("equal", adjustable="box")
    if not job.spec.value_labels:
        return

    _centre(ax, job, total, hole * radius)
    top = height / 2 / radius
    for right in (True, False):
        side = [(i, mid) for i, mid in slices if (math.cos(mid) >= -1e-9) == right]
        labels = [
            _label(ax, job, name_value(job, categories[i], details[i], room, bold=bold[i]),
                   right, bold=bold[i])
            for i, _ in side
        ]  # fmt: skip
        sizes = [h / radius for h in heights_pt(labels)]
        wanted = [_ELBOW * math.sin(mid) for _, mid in side]
        placed = spread(wanted, sizes, -top, top, clearance_pt(fig) / radius)
        for label, (_, mid), y in zip(labels, side, placed, strict=True):
            label.set_y(y)
            _leader(ax, job, mid, y, right)


def _label(ax: Axes, job: ChartJob, text: str, right: bool, *, bold: bool) -> Text:
    """A slice label on its side of the donut (its height is set once all are measured).

    Out of the layout: the labels sit inside the axes' limits, and one that cannot fit is
    dropped by the collision pass rather than squeezing the plot."""
    label = ax.text(
        _LABEL_X if right else -_LABEL_X, 0, text, ha="left" if right else "right",
        va="center", fontsize=label_size(job), color=job.theme.theme.colors.text,
        fontweight="bold" if bold else "normal", in_layout=False,
    )  # fmt: skip
    mark(label, 10 if bold else 20)
    return label


def _leader(ax: Axes, job: ChartJob, mid: float, y: float, right: bool) -> None:
    """A thin leader from the slice's outer edge, out and across to its label at ``y``."""
    sign = 1 if right else -1
    cx, cy = math.cos(mid), math.sin(mid)
    elbow_x = sign * max(abs(_ELBOW * cx), 1.02)
    ax.plot(
        [1.01 * cx, _ELBOW * cx, elbow_x, sign * (_LABEL_X - 0.04)],
        [1.01 * cy, _ELBOW * cy, y, y],
        color=job.theme.theme.colors.muted, linewidth=0.8 * job.canvas.scale,
        solid_capstyle="butt", zorder=1,
    )  # fmt: skip


def _centre(ax: Axes, job: ChartJob, total: float, hole_pt: float) -> None:
    """The total in the number font, as large as fits the hole, over a small 'Total'."""
    from matplotlib.font_manager import FontProperties

    colors = job.theme.theme.colors
    size = label_size(job)
    text = fmt(job, total)
    font = job.theme.number.file(False)
    big = 2.2 * size
    while big > size and text_width(text, font, big) > 1.5 * hole_pt:
        big -= 1
    value = ax.annotate(
        text, (0, 0), xytext=(0, 0), textcoords="offset points", ha="center", va="top",
        color=colors.text, fontproperties=FontProperties(fname=font, size=big),
    )  # fmt: skip
    word = ax.annotate(
        "Total", (0, 0), xytext=(0, 0), textcoords="offset points", ha="center",
        va="bottom", fontsize=size, color=colors.muted,
    )  # fmt: skip
    # Measure the two as drawn, then centre the pair on the hole with clearance between.
    fig = ax.figure
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    scale = 72 / fig.dpi
    high = value.get_window_extent(renderer).height * scale
    low = word.get_window_extent(renderer).height * scale
    group = high + low + clearance_pt(fig)
    value.xyann = (0, group / 2)
    word.xyann = (0, -group / 2)
    mark(value, 1)
    mark(word, 2)
