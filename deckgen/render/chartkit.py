"""Helpers every chart type's drawing shares: colours, number text, wrapped tick labels,
label spreading, and the conversions between data, axes and points.

Public (no underscore): the native PowerPoint forms use the same colour and spreading rules,
so a native chart and its picture agree.
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING, Literal, cast

from deckgen.layout.text import SLIDE
from deckgen.layout.units import Pt

if TYPE_CHECKING:
    from collections.abc import Sequence

    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.text import Text
    from matplotlib.ticker import Formatter

    from deckgen.render.charts import ChartJob


def figure_of(ax: Axes) -> Figure:
    """The figure ``ax`` is drawn in (never a subfigure here)."""
    return cast("Figure", ax.figure)


def label_size(job: ChartJob) -> float:
    """Label size in points for this canvas (theme size x the canvas text scale)."""
    return job.theme.theme.sizes.chart_label * job.canvas.scale


def fmt(job: ChartJob, value: float | None) -> str:
    return job.spec.format.format(value)


def category_colors(job: ChartJob, categories: tuple[str, ...]) -> list[str]:
    """One colour per category: the highlight for highlighted ones, else a base colour.

    With a highlight, the rest fall back to the neutral grey so the accent reads as the
    story; without one, every bar takes the theme's primary colour.
    """
    colors = job.theme.theme.colors
    highlighted = set(job.spec.highlight)
    base = colors.neutral if highlighted else colors.primary
    return [colors.highlight if c in highlighted else base for c in categories]


def series_colors(job: ChartJob, names: list[str]) -> list[str]:
    """One colour per series: highlighted series in the accent, others neutral; with no
    highlight, the theme's colour-blind-safe categorical set."""
    colors = job.theme.theme.colors
    if job.spec.highlight:
        return [colors.highlight if n in job.spec.highlight else colors.neutral for n in names]
    palette = colors.categorical
    return [palette[i % len(palette)] for i in range(len(names))]


def wrap_label(job: ChartJob, text: str, width_pt: float) -> str:
    """Wrap a category label onto lines no wider than ``width_pt`` (at least one word)."""
    font = job.theme.body.regular
    return "\n".join(SLIDE.wrap(text, font, Pt(label_size(job)), Pt(max(width_pt, 1.0))))


def slot_width_pt(ax: Axes, job: ChartJob, count: int, horizontal: bool) -> float:
    """Approximate width in points of one category slot along the category axis."""
    fig = figure_of(ax)
    bbox = ax.get_position()
    inches = (bbox.height if horizontal else bbox.width) * (
        fig.get_figheight() if horizontal else fig.get_figwidth()
    )
    return inches * 72 / max(count, 1)


def clean_axes(ax: Axes, *, value_axis: Literal["x", "y"] = "y", show_values: bool = False) -> None:
    """Newsroom axes: no frame, a baseline, light gridlines only when values are read off
    the axis (direct labels make the value axis redundant)."""
    if show_values:
        ax.grid(axis=value_axis, visible=True)
        ax.set_axisbelow(True)
    else:
        (ax.set_yticks if value_axis == "y" else ax.set_xticks)([])


# --------------------------------------------------------------------------- colour mixing,
# text measurement, tick text and the 1-D label spreading that keeps direct labels apart.


def _rgb(color: str) -> tuple[float, float, float]:
    """'#RRGGBB' as three channels in 0..1 (as matplotlib's ``to_rgb`` reads it)."""
    return tuple(int(color[i : i + 2], 16) / 255 for i in (1, 3, 5))  # type: ignore[return-value]


def mix(color: str, other: str, amount: float) -> str:
    """``color`` moved ``amount`` (0..1) of the way towards ``other``, as '#RRGGBB'."""
    a, b = _rgb(color), _rgb(other)
    channels = (x + (y - x) * amount for x, y in zip(a, b, strict=True))
    return "#" + "".join(f"{round(c * 255):02X}" for c in channels)


def tint(job: ChartJob, color: str, amount: float) -> str:
    """A lighter-weight version of ``color``: mixed towards the background (so a 'tint'
    recedes on dark themes too)."""
    return mix(color, job.theme.theme.colors.background, amount)


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours (1..21)."""

    def luminance(color: str) -> float:
        channels = [
            c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in _rgb(color)
        ]
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def legible(job: ChartJob, color: str, ratio: float = 4.5) -> str:
    """``color`` for text on the background: mixed towards the text colour until it reaches
    ``ratio`` (4.5 for normal text, 3 for bold labels), so a grey or yellow series colour
    still reads."""
    colors = job.theme.theme.colors
    for step in range(11):
        candidate = mix(color, colors.text, step / 10)
        if contrast(candidate, colors.background) >= ratio:
            return candidate
    return colors.text


def ink_on(job: ChartJob, fill: str) -> str:
    """Text colour for a label drawn on ``fill``: the theme's text or background colour,
    whichever contrasts more."""
    colors = job.theme.theme.colors
    return max((colors.text, colors.background), key=lambda c: contrast(c, fill))


def text_width_pt(
    job: ChartJob, text: str, *, bold: bool = False, size: float | None = None
) -> float:
    """Width in points of ``text`` (its widest line) in the chart font."""
    font = job.theme.body.file(bold)
    return SLIDE.width(text, font, Pt(size or label_size(job))).pt


def gridlines(ax: Axes, job: ChartJob, value_axis: Literal["x", "y"] = "y") -> None:
    """Light value-axis gridlines when the theme asks for them (and tick labels either way)."""
    ax.grid(axis=value_axis, visible=job.theme.theme.chart.gridlines)
    ax.set_axisbelow(True)


_UNITS = ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K"))


def tick_formatter(job: ChartJob) -> Formatter:
    """Value-axis tick labels in the spec's number format, in one unit for the whole axis
    and with as few decimals as the ticks need: '0, 0.5M, 1.0M, 1.5M' or '0, 10M, 20M'."""
    from matplotlib.ticker import Formatter

    base = job.spec.format

    class _Ticks(Formatter):
        def __init__(self) -> None:
            self.unit: tuple[float, str] = (1.0, "")
            self.decimals = base.decimals

        def format_ticks(self, values: list[float]) -> list[str]:
            largest = max((abs(v) for v in values), default=0.0)
            self.unit = (1.0, "")
            if base.style == "compact":
                self.unit = next(((t, u) for t, u in _UNITS if largest >= t), (1.0, ""))
            scaled = [v / self.unit[0] for v in values]
            exact = (
                d
                for d in range(4)
                if all(abs(round(x, d) - x) <= 1e-6 * max(1.0, abs(x)) for x in scaled)
            )
            self.decimals = next(exact, base.decimals)
            return [self(v) for v in values]

        def __call__(self, x: float, pos: int | None = None) -> str:
            scale, unit = self.unit
            sign = "-" if x < 0 else ""
            decimals = 0 if x == 0 else self.decimals  # '0', never '0.0'
            number = f"{abs(x) / scale:,.{decimals}f}"
            percent = "%" if base.style == "percent" else ""
            return f"{sign}{base.prefix}{number}{'' if x == 0 else unit}{percent}{base.suffix}"

    return _Ticks()


def spread(
    wanted: list[float], sizes: list[float], lo: float, hi: float, gap: float = 0.0
) -> list[float]:
    """Centres for labels of extent ``sizes`` as close as possible to ``wanted`` (least
    squares), no two nearer than their half-extents plus ``gap``, with every label inside
    ``lo``..``hi`` where there is room; returned in the input order.

    Labels sorted by position are grouped into blocks of touching labels; each block sits
    at the mean of its members' wishes, clamped to the bounds, and merges with the block
    below whenever they would overlap.
    """
    order = sorted(range(len(wanted)), key=lambda i: (wanted[i], i))
    blocks: list[list[int]] = []

    def offsets(block: list[int]) -> list[float]:
        out = [0.0]
        for a, b in pairwise(block):
            out.append(out[-1] + (sizes[a] + sizes[b]) / 2 + gap)
        return out

    def start(block: list[int]) -> float:
        offs = offsets(block)
        ideal = sum(wanted[i] - o for i, o in zip(block, offs, strict=True)) / len(block)
        low = lo + sizes[block[0]] / 2
        high = hi - offs[-1] - sizes[block[-1]] / 2
        return max(low, min(ideal, high)) if high >= low else low

    def top(block: list[int]) -> float:
        return start(block) + offsets(block)[-1] + sizes[block[-1]] / 2

    for i in order:
        blocks.append([i])
        while len(blocks) > 1 and (
            top(blocks[-2]) + gap > start(blocks[-1]) - sizes[blocks[-1][0]] / 2
        ):
            last = blocks.pop()
            blocks[-1].extend(last)
    out = [0.0] * len(wanted)
    for block in blocks:
        base = start(block)
        for i, offset in zip(block, offsets(block), strict=True):
            out[i] = base + offset
    return out


def name_value(job: ChartJob, name: str, value: str, width_pt: float, *, bold: bool = False) -> str:
    """'Name  value' on one line if it fits ``width_pt``, else the name wrapped with the
    value after its last line (or on a line of its own)."""
    if not value:
        return wrap_label(job, name, width_pt)
    single = f"{name}  {value}"
    if text_width_pt(job, single, bold=bold) <= width_pt:
        return single
    font = job.theme.body.file(bold)
    lines = SLIDE.wrap(name, font, Pt(label_size(job)), Pt(max(width_pt, 1.0)))
    last = f"{lines[-1]}  {value}"
    if text_width_pt(job, last, bold=bold) <= width_pt:
        lines[-1] = last
    else:
        lines.append(value)
    return "\n".join(lines)


def heights_pt(texts: Sequence[Text]) -> list[float]:
    """Heights in points of texts already added to a figure, as they will be drawn."""
    if not texts:
        return []
    fig = cast("Figure", texts[0].figure)
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]  # Agg's canvas
    return [t.get_window_extent(renderer).height * 72 / fig.dpi for t in texts]


def settle(fig: Figure) -> None:
    """Run the layout engine now, so axes sizes and transforms are those of the final
    picture (renderers that place labels in points call this before measuring).

    Only the layout: ``fig.draw_without_rendering()`` would also walk every artist with
    drawing switched off, a third more time for nothing a measurement needs.
    """
    engine = fig.get_layout_engine()
    if engine is not None:
        engine.execute(fig)


def points_per_unit(ax: Axes) -> tuple[float, float]:
    """Points per data unit along x and y, from the current layout (see :func:`settle`)."""
    (x0, y0), (x1, y1) = ax.transData.transform([(0.0, 0.0), (1.0, 1.0)])
    scale = 72 / figure_of(ax).dpi
    return abs(x1 - x0) * scale, abs(y1 - y0) * scale


def to_points(ax: Axes, x: float, y: float) -> tuple[float, float]:
    """A data point in figure points (from the bottom left), for placing labels."""
    px, py = ax.transData.transform((x, y))
    scale = 72 / figure_of(ax).dpi
    return px * scale, py * scale


def axes_points(ax: Axes) -> tuple[float, float, float, float]:
    """The axes box in figure points: x0, y0, x1, y1."""
    box = ax.get_window_extent()
    scale = 72 / figure_of(ax).dpi
    return box.x0 * scale, box.y0 * scale, box.x1 * scale, box.y1 * scale


def text_height_pt(fig: Figure, job: ChartJob, size: float | None = None) -> float:
    """Height in points of a one-line label as matplotlib lays it out."""
    probe = fig.text(0, 0, "Ag", fontsize=size or label_size(job))
    try:
        box = probe.get_window_extent(fig.canvas.get_renderer())  # type: ignore[attr-defined]
    finally:
        probe.remove()
    return box.height * 72 / fig.dpi


def clearance_pt(fig: Figure) -> float:
    """Space in points two labels need between them to pass the collision check (its
    padding on both boxes), plus a hair."""
    from deckgen.render.labels import PAD_PX

    return (2 * PAD_PX + 1) * 72 / fig.dpi


def connector(
    ax: Axes,
    xy: tuple[float, float],
    start: tuple[float, float],
    end: tuple[float, float],
    color: str,
    width: float,
) -> None:
    """A thin straight line from data point ``xy`` offset by ``start`` points to ``xy``
    offset by ``end`` points: ties a label that had to move to what it names."""
    from matplotlib.patches import ConnectionPatch
    from matplotlib.transforms import ScaledTranslation

    fig = figure_of(ax)
    a = ax.transData + ScaledTranslation(start[0] / 72, start[1] / 72, fig.dpi_scale_trans)
    b = ax.transData + ScaledTranslation(end[0] / 72, end[1] / 72, fig.dpi_scale_trans)
    line = ConnectionPatch(
        xy, xy, coordsA=a, coordsB=b, color=color, linewidth=width, clip_on=False, zorder=1
    )
    ax.add_artist(line)
