"""What the bar types share: column tick labels, the value axis, head room for labels,
and how many columns a social card's chart box holds."""

from __future__ import annotations

from typing import TYPE_CHECKING

from deckgen.layout.text import CARD
from deckgen.layout.units import Px
from deckgen.render.chartkit import (
    axes_points,
    clean_axes,
    gridlines,
    slot_width_pt,
    tick_formatter,
    wrap_label,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from deckgen.kinds.charts._base import ChartKind
    from deckgen.layout.geometry import Rect
    from deckgen.render.charts import ChartJob
    from deckgen.tables.select import ChartData
    from deckgen.theming.load import LoadedTheme

#: Points between a bar's end and its value label.
GAP = 3.0


def category_ticks(ax: Axes, job: ChartJob, highlighted: set[str]) -> None:
    """Wrapped category labels under the columns; highlighted ones bold."""
    categories = job.data.categories
    slot = slot_width_pt(ax, job, len(categories), False)
    labels = [wrap_label(job, c, slot * 0.95) for c in categories]
    ax.set_xticks(range(len(categories)), labels)
    for tick, category in zip(ax.get_xticklabels(), categories, strict=True):
        if category in highlighted:
            tick.set_fontweight("bold")


def value_axis(ax: Axes, job: ChartJob, show: bool) -> None:
    """Light gridlines and compact tick labels when values are read off the axis."""
    clean_axes(ax, value_axis="y", show_values=show)
    if show:
        gridlines(ax, job)
        ax.yaxis.set_major_formatter(tick_formatter(job))


def headroom(ax: Axes, lo: float, floors: list[float], height_pt: float) -> float:
    """The top y limit that leaves ``height_pt`` above every floor (after :func:`settle`)."""
    _, y0, _, y1 = axes_points(ax)
    axes_h = max(y1 - y0, 1.0)
    share = min(height_pt / axes_h, 0.5)
    return max((f - share * lo) / (1 - share) for f in floors)


# --------------------------------------------------------------------------- grouped


def column_room(
    spec: ChartKind, data: ChartData, box: Rect, label_px: int, theme: LoadedTheme
) -> int:
    """How many columns ``box`` shows with ``label_px`` labels: the widest word of a name
    (names wrap) or value label sets a column's width."""
    regular, bold = theme.body.regular, theme.body.bold
    size = Px(label_px)

    def width(text: str, font: object) -> int:
        return CARD.width(text, font, size).px  # type: ignore[arg-type]

    words = [w for c in data.categories for w in str(c).split()] or ["0"]
    need = max(width(w, regular) for w in words)
    axis = box.width.px * 0.96
    if spec.value_labels:
        values = [v for v in spec.label_values(data) if v is not None]
        need = max([need] + [width(t, bold) for t in spec.format.format_values(values)])
    else:
        axis -= width(spec.format.format_values([0, max(data.total(), 1)], ticks=True)[1], regular)
    return max(2, int(axis // (need * 1.12 + label_px * 0.4)))
