"""Single-series bars: ``bar`` (vertical columns) and ``hbar`` (horizontal, ranked)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from matplotlib.ticker import FuncFormatter

from deckgen.render.charts._common import (
    category_colors,
    clean_axes,
    fmt,
    label_size,
    slot_width_pt,
    wrap_label,
)
from deckgen.render.charts._labels import mark

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from deckgen.render.jobs import ChartJob


def _reference_value(job: ChartJob, values: list[float]) -> float | None:
    ref = job.spec.reference
    if ref is None:
        return None
    if ref.value == "mean":
        return sum(values) / len(values)
    if ref.value == "median":
        ordered = sorted(values)
        mid = len(ordered) // 2
        return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2
    return float(ref.value)


def draw_bar(fig: Figure, ax: Axes, job: ChartJob) -> None:
    _draw(fig, ax, job, horizontal=False)


def draw_hbar(fig: Figure, ax: Axes, job: ChartJob) -> None:
    _draw(fig, ax, job, horizontal=True)


def _draw(fig: Figure, ax: Axes, job: ChartJob, *, horizontal: bool) -> None:
    colors = job.theme.theme.colors
    categories = job.data.categories
    raw = job.data.series[0].values
    values = [v or 0.0 for v in raw]
    positions = list(range(len(categories)))
    bar_colors = category_colors(job, categories)
    width = job.theme.theme.chart.bar_width
    size = label_size(job)
    highlighted = set(job.spec.highlight)

    if horizontal:
        ax.barh(positions, values, height=width, color=bar_colors, zorder=2)
        ax.invert_yaxis()  # first row on top: the ranking reads top-down
    else:
        ax.bar(positions, values, width=width, color=bar_colors, zorder=2)

    # Vertical bars wrap names to their slot; horizontal bars give names up to 30% of the
    # width, so they stay on one line unless they are very long.
    room = (
        fig.get_figwidth() * 72 * 0.3
        if horizontal
        else slot_width_pt(ax, job, len(categories), False) * 0.95
    )
    labels = [wrap_label(job, c, room) for c in categories]
    if horizontal:
        ax.set_yticks(positions, labels)
    else:
        ax.set_xticks(positions, labels)
    for tick, category in zip(
        ax.get_yticklabels() if horizontal else ax.get_xticklabels(), categories, strict=True
    ):
        if category in highlighted:
            tick.set_fontweight("bold")

    # Zero baseline: bars start at zero, always.
    (ax.axvline if horizontal else ax.axhline)(0, color=colors.muted, linewidth=1, zorder=3)
    lo, hi = min(0.0, *values), max(0.0, *values)
    span = (hi - lo) or 1.0
    # Room beyond the bar ends for value labels.
    pad_lo = 0.14 * span if lo < 0 else 0
    pad_hi = 0.14 * span if hi > 0 else 0
    (ax.set_xlim if horizontal else ax.set_ylim)(lo - pad_lo, hi + pad_hi)

    clean_axes(ax, value_axis="x" if horizontal else "y", show_values=not job.spec.value_labels)
    if not job.spec.value_labels:
        axis = ax.xaxis if horizontal else ax.yaxis
        axis.set_major_formatter(FuncFormatter(lambda v, _: fmt(job, v)))

    if job.spec.value_labels:
        offset = 0.02 * span
        for pos, value, shown, category in zip(positions, values, raw, categories, strict=True):
            bold = category in highlighted
            text = fmt(job, shown)
            if horizontal:
                x = value + (offset if value >= 0 else -offset)
                label = ax.text(
                    x, pos, text, va="center", ha="left" if value >= 0 else "right",
                    fontsize=size, fontweight="bold" if bold else "normal",
                    color=colors.text,
                )  # fmt: skip
            else:
                y = value + (offset if value >= 0 else -offset)
                label = ax.text(
                    pos, y, text, ha="center", va="bottom" if value >= 0 else "top",
                    fontsize=size, fontweight="bold" if bold else "normal",
                    color=colors.text,
                )  # fmt: skip
            mark(label, 10 if bold else 20)

    ref = _reference_value(job, values)
    if ref is not None and job.spec.reference is not None:
        draw_line = ax.axvline if horizontal else ax.axhline
        draw_line(ref, color=colors.text, linewidth=1.2, linestyle=(0, (4, 3)), zorder=4)
        text = f"{job.spec.reference.label}: {fmt(job, ref)}"
        if horizontal:
            label = ax.text(ref, -0.6, f" {text}", ha="left", va="bottom", fontsize=size,
                            color=colors.text)  # fmt: skip
        else:
            label = ax.text(len(categories) - 0.5, ref, text, ha="right", va="bottom",
                            fontsize=size, color=colors.text)  # fmt: skip
        mark(label, 5)

    for note in job.spec.annotations:
        if str(note.at) not in categories:
            continue
        pos = categories.index(str(note.at))
        value = values[pos]
        xy = (value, pos) if horizontal else (pos, value)
        text_offset = (0, -1.6 * size) if horizontal else (0, 2.0 * size)
        label = ax.annotate(
            note.text, xy, xytext=text_offset, textcoords="offset points",
            ha="left" if horizontal else "center", va="center", fontsize=size,
            color=colors.text, style="italic",
        )  # fmt: skip
        mark(label, 8)
