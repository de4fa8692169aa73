"""Horizontal bars: a ranking read top down, names left of the bars, or over them where
beside them the bars would get too little of the width (:func:`names_above`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Literal

from deckgen.kinds.charts._annotate import draw_computed
from deckgen.kinds.charts._bars import (
    NamesAbove,
    laid_out_height,
    row_names,
    row_needs,
    row_reserve,
    row_room,
    whole_names,
)
from deckgen.kinds.charts._dots import CARD_FEWEST, card_lines, name_lines
from deckgen.kinds.charts.bar import (
    Bar,
    bar_end,
    build_native_bars,
    draw_bars,
    value_gap,
)
from deckgen.layout.text import CARD
from deckgen.layout.units import Px
from deckgen.render.chartkit import (
    axes_points,
    category_labels,
    clearance_pt,
    fmt,
    label_size,
    label_sizes,
    layout_is_final,
    row_name_room,
    shortening,
    text_height_pt,
    text_width_pt,
    wrap_label,
)
from deckgen.render.style import TICK_PAD

if TYPE_CHECKING:
    from collections.abc import Sequence

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
        # A panel of small multiples keeps the whole chart's one size, and its names beside.
        above = None
        if job.whole is None:
            job = fitted(fig, ax, job)
            if bars_short(job):
                above = names_above(fig, ax, job)
        draw_bars(fig, ax, job, horizontal=True, above=above)
        if draw_computed(fig, ax, job, bar_end(job, horizontal=True), horizontal=True):
            layout_is_final(fig)

    def card_categories(self, data: ChartData, box: Rect, label_px: int,
                        theme: LoadedTheme) -> int:  # fmt: skip
        # Names wrap as the picture wraps them (_dots.name_lines); every row is as tall as
        # the row with the most lines needs, of those the card keeps (a highlighted one
        # among them). A reference line's label takes a line over the plot
        # (_bars.row_reserve): rows counted without it left the label no room.
        # Where names beside the rows would leave the bars a sliver, the picture sets them
        # over the bars (:func:`names_above`): those rows, a line taller, are counted so,
        # while at least the card's fewest fit; else the rows as beside.
        line = CARD.block_height(theme.body.regular, Px(label_px), 1).px
        lines = name_lines(data, box, label_px, theme)
        height = box.height.px * 0.94 - (line if self.reference is not None else 0)
        fits = [
            k for k in range(1, len(lines) + 1)
            if k * line * (1.15 * card_lines(lines, data, self.highlight, k) + 0.45) <= height
        ]  # fmt: skip
        beside = max([2, *fits])
        if not self._card_short(data, box, label_px, theme, beside):
            return beside
        size, bold = Px(label_px), theme.body.bold
        width = Px(round(box.width.px * 0.96))
        over = [CARD.wrap(str(c), bold, size, width) for c in data.categories]
        bar = theme.theme.chart.bar_width
        slot = max(BAR_LEAST / bar, BAR_LEAST + AIR_LEAST) * line
        gap = NAME_GAP * line
        above = [
            k for k in range(1, len(over) + 1)
            if k * (CARD.block_height(bold, size, card_lines([len(w) for w in over], data,
                                                            self.highlight, k)).px + gap)
            + slot * (k - 1 + (1 + bar) / 2) <= height
        ]  # fmt: skip
        fewest = min(self.card_fewest, len(data.categories))
        return max(above) if above and max(above) >= fewest else beside

    def _card_short(self, data: ChartData, box: Rect, label_px: int, theme: LoadedTheme,
                    rows: int) -> bool:  # fmt: skip
        """Whether names beside the first ``rows`` rows (the highlighted kept) leave the
        longest bar under :data:`SHORT_BARS` of the card's chart width, measured as the
        card measures text (:func:`bars_short` for the picture)."""
        from deckgen.kinds.charts._dots import card_kept
        from deckgen.render.chartkit import NAME_LINES, ROW_NAME_SHARES

        size = Px(label_px)
        highlighted = [i for i, c in enumerate(data.categories) if c in self.highlight]
        kept = card_kept(len(data.categories), highlighted, rows)
        chosen = set(self.highlight)

        def width(text: str, strong: bool) -> int:
            font = theme.body.bold if strong else theme.body.regular
            return CARD.width(text, font, size).px

        # Wrapped as _dots.name_lines wraps them: at the first share that takes no name
        # past NAME_LINES.
        wrapped: list[list[str]] = []
        for share in ROW_NAME_SHARES:
            column = Px(round(box.width.px * share / 1.06))
            wrapped = [CARD.wrap(str(data.categories[i]), theme.body.regular, size, column)
                       for i in kept]  # fmt: skip
            if max((len(w) for w in wrapped), default=0) <= NAME_LINES:
                break
        names = max((width(w, str(data.categories[i]) in chosen)
                     for i, lines in zip(kept, wrapped, strict=True) for w in lines),
                    default=0)  # fmt: skip
        px = 2  # pixels a point at the card's 144 dpi
        scale = label_px / (theme.theme.sizes.chart_label * px)
        values = [v or 0.0 for v in data.series[0].values]
        texts = self.format.format_values([v for v in self.label_values(data) if v is not None])
        room = (max((width(t, True) for t in texts), default=0) + 0.5 * label_px
                if self.value_labels else 0)  # fmt: skip
        taken = 2 * W_PAD * px + names + TICK_PAD * scale * px
        share = longest_share([values[i] for i in kept], box.width.px, taken, room)
        return share < SHORT_BARS

    def card_shown(self, job: ChartJob) -> int:
        # Names over the bars wrap to the plot's width (names_above), those beside to
        # row_name_room's share of it.
        if not bars_short(job):
            return whole_names(job)
        highlighted = set(job.spec.highlight)
        room = job.canvas.width.pt - 2 * W_PAD
        with shortening():  # a trial: the build says which names the picture cuts
            names = [wrap_label(job, c, room, bold=c in highlighted)
                     for c in category_labels(job)]  # fmt: skip
        return sum("…" in str(c) or "…" not in name
                   for c, name in zip(job.data.categories, names, strict=True))  # fmt: skip

    def card_height(self, data: ChartData) -> int:
        return 96 * min(len(data.categories), 12) + 40

    def native_refusal(self) -> str | None:
        if self.reference is not None:
            return (
                "a native hbar chart cannot draw a reference line (PowerPoint overlays lines "
                "only along a horizontal category axis)"
            )
        return super().native_refusal()

    def native_notes(self, job: ChartJob) -> list[str]:
        # PowerPoint writes a bar chart's names on its category axis, beside the bars: it
        # has no form with a name over each bar. Where the picture would set them over
        # (names_above; a slide's chart is laid out before the native one is drawn), the
        # native chart's bars are short, and the build says so.
        notes = super().native_notes(job)
        if job.whole is None and bars_short(job):
            notes.append(
                "the native chart writes its names beside the bars (PowerPoint has no name "
                "over a bar), which leave the longest bar under half the chart's width; "
                "'native: false' draws the picture, with each name over its bar"
            )
        return notes

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


# --------------------------------------------------------------------------- names above
#: Names go on their own line over their bars where beside them the longest bar would get
#: less than this share of the picture's width. The bars' lengths are the data: under half
#: the width, the names and values beside them take most of the chart, and a ranking's
#: differences shrink to a few millimetres on a phone (the sample's x-post of ports gave
#: its longest bar a fifth of its chart's width). Over the bars, the names cost a line of
#: height per row instead, which a slide's ranking of up to 24 rows rarely has and rarely
#: needs: its 12 in leave the bars most of the width.
SHORT_BARS = 0.5
#: Points the constrained layout leaves either side of the plot (``ChartJob.figure``).
W_PAD = 0.04 * 72
#: Between a name's bottom and the top of its bar, in text heights: closer than the air
#: between the bar and the next row's name (:data:`AIR_LEAST`), so a name reads with the
#: bar under it; and clear of the value beside its bar, which stands up to half a text
#: height over the bar's centre (a bar at least :data:`BAR_LEAST` thick).
NAME_GAP = 0.25
#: The thinnest a bar is with its name over it, in text heights.
BAR_LEAST = 0.7
#: The least air between a bar and the name of the row under it, in text heights.
AIR_LEAST = 0.45


def _value_room(job: ChartJob) -> float:
    """Points the widest value written beside its bar takes with its gap (none where the
    values are left to the axis)."""
    if not job.spec.value_labels:
        return 0.0
    highlighted = set(job.spec.highlight)
    values = job.data.series[0].values
    widths = [text_width_pt(job, fmt(job, v), bold=c in highlighted)
              for c, v in zip(job.data.categories, values, strict=True)]  # fmt: skip
    return max(widths, default=0.0) + value_gap(job, horizontal=True)


def longest_share(values: Sequence[float], width: float, taken: float, room: float) -> float:
    """The share of ``width`` the longest of bars of ``values`` takes where ``taken`` of it
    goes to the names and pads and ``room`` to the values written beside the bars, on
    each side of zero that has bars (the picture's points and the card's pixels alike)."""
    hi, lo = max([0.0, *values]), min([0.0, *values])
    sides = max((hi > 0) + (lo < 0), 1)
    bars = width - taken - sides * room
    return max(bars, 0.0) * max(hi, -lo) / max(hi - lo, 1e-300) / width


def beside_names_pt(job: ChartJob) -> float:
    """Points the names beside the rows take, with their pad: wrapped as the picture
    wraps them (:func:`_bars.row_names`)."""
    with shortening():  # a trial: the names the picture cuts are said where it draws them
        labels = row_names(job, row_name_room(job))
    highlighted = set(job.spec.highlight)
    widest = max((text_width_pt(job, line, bold=c in highlighted)
                  for c, label in zip(job.data.categories, labels, strict=True)
                  for line in label.split("\n")), default=0.0)  # fmt: skip
    return widest + TICK_PAD * job.canvas.scale


def bars_short(job: ChartJob) -> bool:
    """Whether names beside the rows leave the longest bar under :data:`SHORT_BARS` of
    the picture's width (values beside the bars counted too)."""
    values = [v or 0.0 for v in job.data.series[0].values]
    taken = 2 * W_PAD + beside_names_pt(job)
    return longest_share(values, job.canvas.width.pt, taken, _value_room(job)) < SHORT_BARS


def names_above(fig: Figure, ax: Axes, job: ChartJob) -> NamesAbove | None:
    """The rows with each name over its bar, where at the job's label size (the one the
    names beside took: the text is never made smaller to set them over) every row has
    room for its name (wrapped to the plot's width, at most ``NAME_LINES`` lines, none
    cut), a bar at least :data:`BAR_LEAST` text heights thick and :data:`AIR_LEAST` of
    air over the next row's name; ``None`` where not (the names stay beside)."""
    ax.set_yticks([])
    wanted = job.spec.value_labels
    n = len(job.data.categories)
    highlighted = set(job.spec.highlight)
    width = job.theme.theme.chart.bar_width
    free = laid_out_height(fig, ax, value_ticks=not wanted) - row_reserve(fig, job)
    x0, _, x1, _ = axes_points(ax)
    with shortening():  # a trial: said where the picture draws them
        labels = [wrap_label(job, c, x1 - x0, bold=c in highlighted)
                  for c in category_labels(job)]  # fmt: skip
    h = text_height_pt(fig, job)
    name = max(_block_pt(fig, job, label) for label in labels)
    gap = NAME_GAP * h
    # Over the first name, the collision pass's clearance: a reference line's label
    # stands over the plot (row_reserve).
    top_air = clearance_pt(fig)
    free -= top_air
    # Rows of pitch P = name + gap + slot; the slot holds the bar and the air under it,
    # the bar the theme's share of it (the air never less than AIR_LEAST); the last
    # row keeps half its air under it.
    slot = (free - n * (name + gap)) / max(n - 1 + (1 + width) / 2, 0.5)
    thick = min(width * slot, slot - AIR_LEAST * h)
    if thick < BAR_LEAST * h:
        return None
    pitch = name + gap + slot
    air = slot - thick
    if wanted and pitch < h + clearance_pt(fig):
        return None  # no room for a value beside a bar
    if with_shortening_cut(job, labels):
        return None
    top = -(thick / 2 + gap + name + top_air) / pitch
    bottom = n - 1 + (thick / 2 + air / 2) / pitch
    return NamesAbove(tuple(labels), thick / pitch, gap / pitch, (bottom, top))


def with_shortening_cut(job: ChartJob, labels: list[str]) -> bool:
    """Whether any name is cut in ``labels`` (over its bar, a name has the plot's width:
    one cut there is cut beside the bars too, and the names stay there)."""
    return any("…" in label and "…" not in str(c)
               for c, label in zip(job.data.categories, labels, strict=True))  # fmt: skip


def _block_pt(fig: Figure, job: ChartJob, text: str) -> float:
    """Height in points of ``text`` (lines and all) as matplotlib lays it out."""
    probe = fig.text(0, 0, text, fontsize=label_size(job), fontweight="bold")
    try:
        box = probe.get_window_extent(fig.canvas.get_renderer())  # type: ignore[attr-defined]
    finally:
        probe.remove()
    return float(box.height) * 72 / fig.dpi
