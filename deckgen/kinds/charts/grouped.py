"""Grouped bars: several series side by side per category (2004 and 2023 per country)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from deckgen.kinds.charts._annotate import Anchor, bracket_spans, draw_computed, room
from deckgen.kinds.charts._bars import (
    GAP,
    category_ticks,
    column_room,
    column_widest,
    each_in_its_slot,
    gap_mark,
    halo,
    headroom,
    reference_line,
    ticks_past_margin,
    value_axis,
)
from deckgen.kinds.charts._base import ChartKind, reach, word
from deckgen.render.chartkit import (
    axes_points,
    category_labels,
    category_words,
    clearance_pt,
    clip_words,
    figure_of,
    fmt,
    label_size,
    label_sizes,
    layout_is_final,
    legible,
    one_line_room,
    points_per_unit,
    refuse_flat,
    row_breaks,
    series_colors,
    settle,
    shortening,
    slot_width_pt,
    text_height_pt,
    text_width_pt,
    texts_inside,
    thin_step,
    tick_formatter,
    tint,
    to_points,
    value_limits,
    wrap_label,
)
from deckgen.render.labels import mark

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.text import Text
    from pptx.chart.chart import Chart

    from deckgen.kinds.charts._base import Overlay
    from deckgen.kinds.charts._native import Geometry
    from deckgen.layout.geometry import Rect
    from deckgen.render.charts import ChartJob
    from deckgen.tables.select import ChartData
    from deckgen.theming.load import LoadedTheme

#: A label's horizontal alignment, as matplotlib takes it.
Align = Literal["left", "center", "right"]


class GroupedBar(ChartKind):
    """Columns side by side: each category's series next to each other; the highlight
    names categories or series."""

    type: Literal["grouped-bar"]
    label: ClassVar[str] = "Grouped bar chart"
    aliases: ClassVar[tuple[str, ...]] = ("grouped", "clustered", "clustered-bar", "grouped-column")
    highlights: ClassVar[str] = "category or series"
    from_zero: ClassVar[bool] = True
    # A note was taken and never drawn: no picture, no warning, the alt text describing it
    # (fuzzing round 8, 1). Refused until a note has a place over a group.
    takes_annotations: ClassVar[bool] = False
    #: Groups of two or three bars, each at least 5 pt wide, across a ~12 in plot.
    max_categories: ClassVar[int | None] = 40
    computes: ClassVar[str | None] = "categories or series"

    def draw(self, fig: Figure, ax: Axes, job: ChartJob) -> None:
        job = fitted(fig, ax, job)  # names, values and notes share the size it picks
        plan = draw_grouped(fig, ax, job)
        end = plan.anchor(job)
        # Labels sit in points from their bars, so they are placed on the final layout:
        # when the brackets then make room above (a new scale) or a label moves the
        # layout, labels and brackets are placed again (twice at most, in practice).
        settle(fig)
        named_width = _plot_width(ax)  # what the names under the groups were fitted to, or wider
        for attempt in range(4):
            frame = _frame(ax)
            drawn = place_labels(fig, ax, job, plan)
            # Labels inside the plot (the usual case: its top leaves them room) cannot move
            # the layout just made, so it is not made again for them.
            inside = texts_inside(ax)
            before = set(ax.get_children())
            final = draw_computed(fig, ax, job, end, laid_out=inside)
            if set(ax.get_children()) == before:
                if not inside:
                    settle(fig)  # no brackets: nothing has laid the figure out since
                final = True
            # (else the brackets' last layout came after the labels, and they sit inside)
            if _same(_frame(ax), frame) or attempt == 3:
                _room_for_bars(ax, job)
                if final:  # the labels and brackets lie inside the plot on this layout
                    layout_is_final(fig)
                return
            for artist in [*drawn, *(a for a in ax.get_children() if a not in before)]:
                artist.remove()
            # The labels moved the layout. Where they narrowed the plot (one beside the
            # last bar), the names under the groups, fitted to the plot as it was, are
            # fitted again, or 'Germany' ran into 'Mexico' (found by fuzzing).
            width = _plot_width(ax)
            if width < named_width - 0.5:
                category_ticks(ax, job, set(job.spec.highlight) & set(job.data.categories),
                               things="groups")  # fmt: skip
                settle(fig)
                named_width = _plot_width(ax)

    def describe_data(self, job: ChartJob) -> str:
        """Per category, each series' value in words: over two series that are years or
        dates, the latest against the earliest ('China 30.2 million in 2023, up from 5.2
        million in 2004'); else each by its name. A missing value is said in words, and
        the others are still said (a dash was read out, and the bar beside it left out)."""
        from deckgen.tables.dates import named

        series = job.data.series
        timed = all(named(s.name) is not None for s in series)

        def said(value: float | None) -> str:
            return "no value" if value is None else word(job, value)

        parts = []
        for i, category in enumerate(category_words(job)):
            values = [s.values[i] for s in series]
            if timed and len(series) == 2 and None not in values:
                a, b = values
                # Two values that print alike read 'up from 2.3 million to 2.3 million':
                # little changed, as a reporter writes it (float noise said 'up' or 'down' of
                # two equal shares; found in review); equal ones, unchanged.
                trend = ("unchanged" if a == b else "little changed" if said(a) == said(b)
                         else "up" if b > a else "down")  # type: ignore[operator]  # fmt: skip
                parts.append(f"{category} {said(b)} in {series[1].name}, {trend} from "
                             f"{said(a)} in {series[0].name}")  # fmt: skip
            elif timed:
                each = ", ".join(
                    f"{said(v)} in {s.name}" for s, v in zip(series, values, strict=True)
                )
                parts.append(f"{category}: {each}")
            else:
                each = ", ".join(f"{s.name} {said(v)}" for s, v in zip(series, values, strict=True))
                parts.append(f"{category}: {each}")
        return "; ".join(parts)

    def mark_colors(self, job: ChartJob) -> list[str]:
        return [fill for row in group_colors(job) for fill in row]

    def card_categories(self, data: ChartData, box: Rect, label_px: int,
                        theme: LoadedTheme) -> int:  # fmt: skip
        return column_room(self, data, box, label_px, theme)

    def card_crowded_by(self, data: ChartData, label_px: int, theme: LoadedTheme) -> str | None:
        return column_widest(self, data, label_px, theme)[1]

    def card_unseen(self, job: ChartJob) -> tuple[str, str] | None:
        """``None``, once the card's picture ``job`` is drawn as the card will draw it,
        where its box is short enough to run out of room (:func:`_may_run_out`): one with
        no room for its bars raises :class:`~deckgen.render.chartkit.NoRoom`, and the card
        tries its other layouts, else names the presets that have room. Counted in columns
        alone (:meth:`card_categories`), an og card under a two-line title kept a box 104
        pt tall for four groups whose names wrap to three lines, and posted a plot 1 px
        tall under a value axis to 2,000,000,000,000,000% (found in review)."""
        if _may_run_out(job):
            from deckgen.render.chartkit import leaving_out, shortening
            from deckgen.render.style import chart_style

            # A trial: what it shortens or leaves out is said where the card draws it.
            with chart_style(job.theme, job.canvas), shortening(), leaving_out():
                job.figure()
        return None

    def native_type(self) -> object:
        from pptx.enum.chart import XL_CHART_TYPE

        return XL_CHART_TYPE.COLUMN_CLUSTERED

    def native_overlays(self, job: ChartJob) -> list[Overlay]:
        from deckgen.kinds.charts._native import reference_overlay

        return reference_overlay(job)

    def build_native(self, chart: Chart, job: ChartJob, geo: Geometry) -> None:
        """Series side by side, named on their bars in one group (no key, as the picture);
        values on every bar if each fits its bar, else on the latest series with the value
        axis for the rest."""
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
        for j, series in enumerate(list(plot.series)[:count]):  # not the reference overlay
            series.invert_if_negative = False
            nv.fill(series.format, fills[j][key])  # a key (names too wide) shows the context
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
        nv.value_axis(chart, job, lo, hi, show=not (labels_on and fits), editable=True)
        nv.category_axis(chart, job)
        # No key: each series is named on its bar in the name group, as on the picture
        # (a key only if a name is too wide for its group there too).
        slot = geo.width_pt * 0.92 / len(categories)
        named = count > 1 and all(nv.text_w(job, s.name, True) <= slot * 0.98 for s in data)
        if count > 1 and not named:
            chart.has_legend = True
            chart.legend.position = XL_LEGEND_POSITION.TOP
            chart.legend.include_in_layout = False
            nv.font(chart.legend.font, job, colors.text)
        labelled = (range(count) if fits else [labelled_series(job)]) if labels_on else []
        if labels_on and not fits:
            _unseen_labels(plot, job, geo, set(labelled), bar_pt, values)
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
        if named:
            _native_names(plot, job, geo, fills, set(labelled), bar_pt)
        if job.spec.reference is not None:
            nv.overlay_reference(chart, job, count)


def _room_for_bars(ax: Axes, job: ChartJob) -> None:
    """Raise :class:`~deckgen.render.chartkit.NoRoom` where the bars, as laid out at last,
    are drawn shorter than a line of their labels (:func:`chartkit.refuse_flat`): the
    values and series names stand in points over them, and on a plot barely taller than
    their stack each layout gave them its top and the bars what was left, 5 px on an og
    card (found in review)."""
    if job.spec.axis.max is not None:  # a top the outline fixed: its bars, its choice
        return
    values = [v for s in job.data.series for v in s.values if v is not None]
    shown = [0.0, *reach(job, values)]  # and a reference line the axis must take in
    refuse_flat(ax, job, min(shown), max(shown), "bars",
                "the values and series names over them and the category names under them",
                "give the chart more height (a shorter title, a taller card), shorten the "
                "category names, or show fewer series or groups")  # fmt: skip


def _may_run_out(job: ChartJob) -> bool:
    """Whether the picture ``job`` may be too short for its bars (:func:`_room_for_bars`),
    by an estimate that draws nothing, so that a card draws only the charts it may have to
    refuse (:meth:`GroupedBar.card_unseen`): unless its height holds, with a quarter to
    spare, all a grouped chart stacks along its value axis at the most. That is its
    category names (wrapped to a slot of its width), a value over each bar, every series'
    name stacked over its group, three lines a bracket, a reference line's label, and the
    bars a line of labels tall."""
    size = label_size(job)
    line = 1.15 * size  # one line of a label, as matplotlib sets it ('Ag')
    n = max(len(job.data.categories), 1)
    slot = job.canvas.width.pt * 0.85 / n
    with shortening():  # a trial: the picture says what it cuts
        names = max((wrap_label(job, c, slot * 0.95).count("\n") + 1
                     for c in category_labels(job)), default=1)  # fmt: skip
    spec = job.spec
    stack = (
        (1.2 * names + 0.6) * size  # the category names, their pad
        + (line + GAP)  # a value over each bar
        + len(job.data.series) * (line + GAP)  # the series' names, stacked
        + 3.5 * size * (len(spec.difference) + len(spec.cagr))  # brackets
        + (line if spec.reference is not None else 0.0)
        + line  # the bars
        + 16  # the layout's pads
    )
    return job.canvas.height.pt < 1.25 * stack


def _unseen_labels(plot: Any, job: ChartJob, geo: Geometry, labelled: set[int], bar_pt: float,
                   values: list[float]) -> None:  # fmt: skip
    """The value of each bar too short to see (:func:`unseen`) in a series whose values are
    read off the axis, moved off the taller bar beside it, as the picture does."""
    from pptx.enum.chart import XL_LABEL_POSITION

    from deckgen.kinds.charts import _native as nv
    from deckgen.ooxml import chartxml as cx

    data = job.data.series
    for j, series in enumerate(list(plot.series)[: len(data)]):
        for i, category in enumerate(job.data.categories):
            value = data[j].values[i]
            if j in labelled or value is None or not unseen(value, values):
                continue
            bold = category in job.spec.highlight
            label = nv.point_label(series, i, job, job.theme.theme.colors.text, bold=bold,
                                   position=XL_LABEL_POSITION.OUTSIDE_END)  # fmt: skip
            # Into the gap between groups, away from the taller bar of its group.
            after = any(abs(s.values[i] or 0.0) > abs(value) for s in data[j + 1 :])
            shift = (nv.text_w(job, fmt(job, value), bold) - bar_pt) / 2 + 2
            if shift > 0:  # wider than its bar
                cx.label_offset(label._dLbl, (-shift if after else shift) / geo.width_pt, 0.0)


def _native_names(
    plot: object, job: ChartJob, geo: Geometry, fills: list[list[str]], labelled: set[int],
    bar_pt: float,
) -> None:  # fmt: skip
    """Each series' name as its own label on its bar in the name group, bold, in the
    bar's colour made legible, over the value where that bar shows one ('2023' over
    '10.6M'); moved aside or up where it would meet its neighbour's, as on the picture."""
    from pptx.enum.chart import XL_LABEL_POSITION

    from deckgen.kinds.charts import _native as nv
    from deckgen.ooxml import chartxml as cx

    group = name_group(job)
    data = job.data.series
    below = 0.0  # the top, in points over the shorter bars, of the names placed so far
    for j, s in enumerate(data):
        value = s.values[group]
        if value is None:
            continue
        series = plot.series[j]  # type: ignore[attr-defined]
        label = nv.point_label(series, group, job, legible(job, fills[j][group]), bold=True,
                               position=XL_LABEL_POSITION.OUTSIDE_END)  # fmt: skip
        cx.show_fields(label._dLbl, series=True, value=j in labelled)
        cx.label_separator(label._dLbl, "\n")
        cx.no_leader_lines(series._element)
        width = max(nv.text_w(job, s.name, True), nv.text_w(job, fmt(job, value)))
        if any((t.values[group] or 0.0) > value for t in data[:j]):
            # A taller bar to its left: into the gap between groups, as the values go.
            cx.label_offset(label._dLbl, max((width - bar_pt) / 2 + 2, 0.0) / geo.width_pt, 0)
        elif width > bar_pt and j > 0:
            # Wider than its bar beside a label as high: lift it above that label.
            below = max(below, (2 if j - 1 in labelled else 1) * nv.text_h(job))
            cx.label_offset(label._dLbl, 0.0, -below / geo.height_pt)


# --------------------------------------------------------------------------- fitting names
def fitted(fig: Figure, ax: Axes, job: ChartJob) -> ChartJob:
    """``job`` with its labels at the largest size, from the theme's down to the theme's
    minimum (12 pt or more), at which every group is named under its bars, wrapped at its
    words (:func:`_bars.category_ticks`); else at the minimum, where groups in no order
    are each named in their slot, a name too long ended with '…', and periods every k-th
    (the most it can show), and the build says so (:func:`_bars.category_ticks`).

    Measured on the plot as laid out: the estimate before any layout is a fifth short on a
    slide, and on it eight departments ('Parks & Recreation', 'Administration') showed
    every other name where each fitted its group on two lines (found by fuzzing). The
    estimate still decides the usual case, with no layout run for it. Dates keep their
    every-k-th ticks at the theme's size: a row of months reads as a time axis."""
    if job.data.x_dates is not None or _all_named(fig, ax, job):
        return job
    _lay_out_for_names(fig, ax, job)
    for sized in label_sizes(job):
        if _all_named(fig, ax, sized):
            return sized
    return sized


def _all_named(fig: Figure, ax: Axes, job: ChartJob) -> bool:
    """Whether :func:`_bars.category_ticks` names every category on the layout as it
    stands: the same measures (a word past two slots cut, then :func:`thin_step`)."""
    n = len(job.data.categories)
    slot = slot_width_pt(ax, job, n, False)
    past = max(2 * slot, one_line_room(fig))
    with shortening():  # a trial: the names the picture cuts are said when it draws them
        names = [clip_words(job, c, past, slot * 0.95) for c in category_labels(job)]
        step, _ = thin_step(job, names, slot, fig)
        if step == 1:
            return True
        # Groups in no order: each name in its slot, whole ('Hispanic/' over 'Latino').
        with shortening() as cut:
            each = each_in_its_slot(fig, job, names, slot, set(job.spec.highlight))
    return each is not None and not cut


def _lay_out_for_names(fig: Figure, ax: Axes, job: ChartJob) -> None:
    """Lay the figure out as the bars will stand, for measuring their slots: the value
    axis's range and tick text beside the plot (its widest labels set the plot's width),
    no ticks under it (matplotlib's defaults at the plot's ends would narrow it by what
    no name takes). :func:`draw_grouped` sets all of these again."""
    values = [v for s in job.data.series for v in s.values if v is not None] or [0.0]
    ax.set_xlim(-0.5, len(job.data.categories) - 0.5)
    ax.set_xticks([])
    ax.set_ylim(*value_limits(job, reach(job, values), below=0.08, above=0.04))
    ax.yaxis.set_major_formatter(tick_formatter(job))
    settle(fig)


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


#: A bar shorter than this share of the value range reads as no bar at all: India's 2004
#: production on the sample's 30-million scale is a pixel high, and looked missing. Its
#: value is written on it even where the rest of its series is read off the axis.
UNSEEN = 0.02


def unseen(value: float | None, values: list[float]) -> bool:
    """Whether a bar of ``value`` is too short to see among bars of ``values``."""
    if value is None:
        return False
    return abs(value) < UNSEEN * (max(0.0, *values) - min(0.0, *values))


def labelled_series(job: ChartJob) -> int:
    """The series whose values are written when not every bar can hold its value: the
    (first) highlighted series, else the latest."""
    names = [s.name for s in job.data.series]
    return next((j for j, n in enumerate(names) if n in job.spec.highlight), len(names) - 1)


def _key(fig: Figure, ax: Axes, job: ChartJob, items: list[tuple[str, str]]) -> None:
    """A compact key above the top-left corner of the plot: a square and a name per series
    (only when a series name is too wide to stand over its bar, see :func:`_names`), in as
    many rows as the plot's width needs, each name wrapped to it.

    Never wider than the plot: the layout makes room beside the plot for whatever stands
    out past it, which narrows the plot, which leaves more of a key anchored at its left
    standing out (found by fuzzing: on a wide card the plot shrank to a twentieth of it,
    the category names ran together and the second series' name was cut off)."""
    from matplotlib.lines import Line2D
    from matplotlib.transforms import ScaledTranslation

    size = label_size(job)
    side = 0.75 * size
    gap, between = 0.4 * size, 1.2 * size  # square to name; one entry to the next
    settle(fig)  # the plot's width, as laid out without the key
    x0, _, x1, _ = axes_points(ax)
    room = 0.95 * (x1 - x0)  # the scale may still widen the tick labels a little
    names = [wrap_label(job, name, room - side - gap) for name, _ in items]
    steps = [side + gap + max(text_width_pt(job, line) for line in n.split("\n")) for n in names]
    rows: list[list[int]] = [[]]
    used = 0.0
    for k, step in enumerate(steps):
        if rows[-1] and used + between + step > room:
            rows.append([])
        used = (used + between if rows[-1] else 0.0) + step
        rows[-1].append(k)
    line = text_height_pt(fig, job)
    text_color = job.theme.theme.colors.text
    top = 6.0  # the lowest row's bottom, over the plot; rows are stacked upwards from it
    tops = []
    for row in reversed(rows):
        top += max(names[k].count("\n") + 1 for k in row) * line
        tops.append(top)
        top += 0.3 * line
    for row, row_top in zip(rows, reversed(tops), strict=True):
        x = 0.0
        for k in row:
            middle = (x + side / 2) / 72, (row_top - line / 2) / 72
            where = ax.transAxes + ScaledTranslation(*middle, fig.dpi_scale_trans)
            square = Line2D(
                [0], [1], marker="s", markersize=side, linestyle="none", color=items[k][1],
                markeredgewidth=0, transform=where, clip_on=False,
            )  # fmt: skip
            ax.add_artist(square)
            label = ax.annotate(
                names[k], (0, 1), xycoords="axes fraction", xytext=(x + side + gap, row_top),
                textcoords="offset points", ha="left", va="top", fontsize=size,
                color=text_color,
            )  # fmt: skip
            mark(label, 2)
            x += steps[k] + between


def name_group(job: ChartJob) -> int:
    """The category whose bars carry the series names: the first one not highlighted, so
    the names sit on the colours the rest of the chart uses for each series."""
    highlighted = set(job.spec.highlight) & set(job.data.categories)
    return next((i for i, c in enumerate(job.data.categories) if c not in highlighted), 0)


def names_fit(job: ChartJob, slot_pt: float) -> bool:
    """Whether every series name fits over the bars as a direct label: each within its
    category's slot (a wider name would run into the next group; then a key)."""
    return all(text_width_pt(job, s.name, bold=True) <= slot_pt * 0.98 for s in job.data.series)


def _names(fig: Figure, ax: Axes, job: ChartJob, plan: _Plan,
           obstacles: list[tuple[float, float, float, float]]) -> list[Text]:  # fmt: skip
    """Each series' name over its bar in the name group, in the bar's colour made legible
    (4.5:1), bold; it rises above anything it would overlap (``obstacles``: bars and value
    labels as x0, x1, y0, y1 in points, and the names placed before it). Measured as drawn,
    on the final layout (see :meth:`GroupedBar.draw`)."""
    height = text_height_pt(fig, job)
    air = clearance_pt(fig)
    group = plan.group
    left, _ = to_points(ax, group - 0.5, 0.0)
    right, _ = to_points(ax, group + 0.5, 0.0)
    labels, anchors, widths = [], [], []
    for j, s in enumerate(job.data.series):
        top = max(s.values[group] or 0.0, 0.0)
        labels.append(ax.annotate(
            s.name, (group + plan.offsets[j], top), xytext=(0, 0), textcoords="offset points",
            ha="center", va="bottom", fontsize=label_size(job),
            color=legible(job, plan.colours[j]), fontweight="bold",
        ))  # fmt: skip
        x0, x1, _, _ = _box_pt(fig, labels[-1])
        widths.append(x1 - x0)
        anchors.append(to_points(ax, group + plan.offsets[j], top))
    # One line, as a key reads, when the names fit side by side over their own bars;
    # else each as low as it can go (one may then stand a line over the other).
    row = _one_line(obstacles, anchors, widths, plan.bar_w * (right - left), (left, right),
                    height, air)  # fmt: skip
    if row is not None:
        for label, (anchor_x, anchor_y), (x, y0) in zip(labels, anchors, row, strict=True):
            label.xyann = (x - anchor_x, y0 - anchor_y)
        return [mark(label, 4) for label in labels]
    boxes = list(obstacles)
    drawn: list[Text] = []
    for label, width, (anchor_x, anchor_y) in zip(labels, widths, anchors, strict=True):
        # Centred over the bar, or slid sideways (still over the bar's middle, inside the
        # group's slot) past whatever it meets: whichever stays lowest.
        wanted = [anchor_x]
        for b0, b1, _, _ in boxes:
            wanted += [b0 - air - width / 2, b1 + air + width / 2]
        choices: list[tuple[float, float, float]] = []
        for want in wanted:
            x = min(max(want, left + width / 2), right - width / 2)
            if abs(x - anchor_x) <= width / 2 or not choices:
                choices.append((_rise(boxes, x, width, anchor_y + GAP, height, air),
                                abs(x - anchor_x), x))  # fmt: skip
        y0, _, x = min(choices)
        label.xyann = (x - anchor_x, y0 - anchor_y)
        boxes.append(_box_pt(fig, label))
        drawn.append(mark(label, 4))
    return drawn


def _one_line(
    obstacles: list[tuple[float, float, float, float]], anchors: list[tuple[float, float]],
    widths: list[float], bar_pt: float, slot: tuple[float, float], height: float, air: float,
) -> list[tuple[float, float]] | None:  # fmt: skip
    """The series names on one baseline: each centred over its bar, pushed apart (each
    middle still over its own bar, all inside the group's slot) until ``air`` parts them,
    raised together until each clears every obstacle. Returns each name's centre x and
    bottom y in points, or None when they do not fit so."""
    xs = [x for x, _ in anchors]
    reach = bar_pt / 2 - 0.5  # how far a name's middle may leave its bar's
    for _ in range(len(xs)):  # push overlapping neighbours apart, equally
        for k in range(len(xs) - 1):
            short = (widths[k] + widths[k + 1]) / 2 + air - (xs[k + 1] - xs[k])
            if short > 0:
                xs[k] -= short / 2
                xs[k + 1] += short / 2
    left, right = slot
    xs[0] = max(xs[0], left + widths[0] / 2)
    xs[-1] = min(xs[-1], right - widths[-1] / 2)
    apart = all(xs[k + 1] - xs[k] >= (widths[k] + widths[k + 1]) / 2 + air - 1e-6
                for k in range(len(xs) - 1))  # fmt: skip
    if not apart or any(abs(x - a) > reach for x, (a, _) in zip(xs, anchors, strict=True)):
        return None
    y0 = max(_rise(obstacles, x, w, a + GAP, height, air)
             for x, w, (_, a) in zip(xs, widths, anchors, strict=True))  # fmt: skip
    # Raised to the highest name's level, a name must still clear what stands above it.
    if any(_rise(obstacles, x, w, y0, height, air) != y0 for x, w in zip(xs, widths, strict=True)):
        return None
    return [(x, y0) for x in xs]


def _frame(ax: Axes) -> tuple[float, ...]:
    """The axes' place in the figure and its value range: what labels in points hang on."""
    return (*ax.get_position().bounds, *ax.get_ylim())


def _same(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    """Whether two frames place labels alike: within a thousandth of a pixel's worth
    (laying out the same figure again moves the axes by float noise)."""
    return all(abs(x - y) <= 1e-6 * max(1.0, abs(x), abs(y)) for x, y in zip(a, b, strict=True))


def _box_pt(fig: Figure, text: Text) -> tuple[float, float, float, float]:
    """``text``'s extent as the renderer draws it, in points: x0, x1, y0, y1."""
    box = text.get_window_extent(fig.canvas.get_renderer())  # type: ignore[attr-defined]
    scale = 72 / fig.dpi
    return box.x0 * scale, box.x1 * scale, box.y0 * scale, box.y1 * scale


def _rise(
    boxes: list[tuple[float, float, float, float]], x: float, width: float, y0: float,
    height: float, air: float,
) -> float:  # fmt: skip
    """The lowest bottom from ``y0`` up at which a label ``width`` x ``height`` centred at
    ``x`` clears every box by ``air``."""
    moved = True
    while moved:
        moved = False
        for x0, x1, b0, b1 in boxes:
            overlaps_x = x0 < x + width / 2 + air and x1 > x - width / 2 - air
            if overlaps_x and b0 < y0 + height + air and b1 + air > y0:
                y0, moved = b1 + air, True
    return y0


def _label_x(
    cx: float, half_bar: float, width: float, value: float,
    bars: list[tuple[float, float, float]], pad: float = 0.0,
) -> tuple[float, Align, float]:  # fmt: skip
    """Where a value label of ``width`` (data units) goes above the bar centred at ``cx``.

    Centred if no taller bar lies under it, else nudged so its edge lines up with the bar's
    (into the gap between groups), ``pad`` inside it so it does not touch the taller bar
    beside, else centred and lifted above the tallest bar it spans.
    Returns the anchor x, the horizontal alignment and the floor y.
    """

    def floor(left: float, right: float) -> float:
        under = [top for x0, x1, top in bars if x0 < right - 1e-9 and x1 > left + 1e-9]
        return max([value, *under])

    options: list[tuple[float, Align, float, float]] = [
        (cx, "center", cx - width / 2, cx + width / 2),
        (cx - half_bar + pad, "left", cx - half_bar + pad, cx - half_bar + pad + width),
        (cx + half_bar - pad, "right", cx + half_bar - pad - width, cx + half_bar - pad),
    ]
    for x, ha, left, right in options:
        if floor(left, right) <= value:
            return x, ha, value
    return cx, "center", floor(cx - width / 2, cx + width / 2)


@dataclass(frozen=True)
class _Plan:
    """What :func:`draw_grouped` decided for the labels placed after it, on the final
    layout (:func:`place_labels`)."""

    bar_w: float  # one bar's width, data units
    offsets: list[float]  # each series' bar centre from its category's, data units
    bars: list[tuple[float, float, float]]  # (left, right, top) of every bar, data units
    labelled: list[tuple[int, int]]  # (category, series) of the bars that show a value
    named: bool  # the series named over their bars in ``group`` (else a key, or one series)
    group: int
    colours: list[str]  # each series' fill in ``group``
    #: (category, series) of each bar with no value: '–' stands in its slot (:func:`gap_mark`)
    gaps: list[tuple[int, int]]

    def anchor(self, job: ChartJob) -> Anchor:
        """Where each bar ends, for the brackets: its centre and its value (data units)."""
        return lambda j, i: (i + self.offsets[j], job.data.series[j].values[i] or 0.0)


def _spots(
    ax: Axes, job: ChartJob, plan: _Plan, widths: list[float]
) -> list[tuple[float, Align, float, float] | None]:
    """Where each labelled bar's value goes, given the labels' widths in points: anchor x,
    alignment, y and offset in points (negative: under a bar below zero); None where the
    label would float over another bar (the gridlines give that value).

    A label the reference line would run through, or pass closer than the label stands
    to its bar, stands past the line instead, as a bar chart's does
    (:func:`~deckgen.kinds.charts._bars.reference_line`): broken around '49', a target
    line at 50 read as labelled by it (found in review)."""
    from deckgen.kinds.charts._base import reference_value

    fig = figure_of(ax)
    per_x, per_y = points_per_unit(ax)
    height = text_height_pt(fig, job)
    # A gap's '–' stands in its slot as a short bar would: a value beside it goes round it.
    dash = (GAP + height) / per_y
    ref = reference_value(job)
    reach = (2 * GAP + height) / per_y  # a label's far side from its bar, and a gap past it
    bars = plan.bars + [(x - plan.bar_w / 2, x + plan.bar_w / 2, dash)
                        for x in (i + plan.offsets[j] for i, j in plan.gaps)]  # fmt: skip
    spots: list[tuple[float, Align, float, float] | None] = []
    for (i, j), width in zip(plan.labelled, widths, strict=True):
        value = job.data.series[j].values[i]
        assert value is not None
        cx = i + plan.offsets[j]
        if value < 0:
            below = ref if ref is not None and value - reach < ref < value else value
            spots.append((cx, "center", below, -GAP))
            continue
        x, ha, floor = _label_x(cx, plan.bar_w / 2, (width + 2) / per_x, value, bars,
                                pad=GAP / per_x)  # fmt: skip
        if (floor - value) * per_y > height:
            spots.append(None)
            continue
        above = ref if ref is not None and floor < ref < floor + reach else floor
        spots.append((x, ha, above, GAP))
    return spots


def _plot_width(ax: Axes) -> float:
    x0, _, x1, _ = axes_points(ax)
    return x1 - x0


def draw_grouped(fig: Figure, ax: Axes, job: ChartJob) -> _Plan:
    """The bars, the axes and room above for the labels; returns what
    :func:`place_labels` then writes once the layout is final."""
    import matplotlib as mpl

    colors = job.theme.theme.colors
    categories = job.data.categories
    series = job.data.series
    count = len(series)
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

    if label_size(job) != mpl.rcParams["xtick.labelsize"]:
        ax.tick_params(labelsize=label_size(job))  # a size :func:`fitted` chose
    category_ticks(ax, job, highlighted, things="groups")
    ax.axhline(0, color=colors.muted, linewidth=1, zorder=3)
    row_breaks(ax, job, "x")
    ax.set_xlim(-0.5, len(categories) - 0.5)
    values = [v for s in series for v in s.values if v is not None] or [0.0]
    lo, hi = min(0.0, *values), max(0.0, *values)
    ax.set_ylim(*value_limits(job, reach(job, values), below=0.08, above=0.04))
    reference_line(ax, job, horizontal=False)

    # Value labels on every bar only when each fits its bar's width; otherwise the latest
    # series only, with the value axis to read the others.
    slot = slot_width_pt(ax, job, len(categories), False)  # before layout: an underestimate
    labelled = [
        (i, j) for j, s in enumerate(series) for i, v in enumerate(s.values) if v is not None
    ]

    def width(i: int, j: int) -> float:  # an estimate: the labels are measured when placed
        return text_width_pt(job, fmt(job, series[j].values[i]), bold=categories[i] in highlighted)

    fits = all(width(i, j) <= slot * bar_w - clearance_pt(fig) for i, j in labelled)
    if not fits:
        written = labelled_series(job)
        labelled = [(i, j) for i, j in labelled
                    if j == written or unseen(series[j].values[i], values)]  # fmt: skip
    if not job.spec.value_labels:
        labelled = []
    value_axis(ax, job, show=not (job.spec.value_labels and fits))
    if not (job.spec.value_labels and fits) and ticks_past_margin(fig, ax, job):
        settle(fig)  # the value ticks narrowed the plot: its names fitted again
        category_ticks(ax, job, highlighted, things="groups")

    # The series named directly over one group's bars; a key only when a name is too wide.
    group = name_group(job)
    named = count > 1 and names_fit(job, slot)
    if count > 1 and not named:
        _key(fig, ax, job, [(s.name, fills[j][group]) for j, s in enumerate(series)])
    gaps = [(i, j) for j, s in enumerate(series) for i, v in enumerate(s.values) if v is None]
    plan = _Plan(bar_w, offsets, bars, labelled, named, group, [row[group] for row in fills],
                 gaps)  # fmt: skip
    if not labelled and not named:
        return plan

    # Room above the labels (from estimated widths: a little more or less does not matter).
    settle(fig)
    height = text_height_pt(fig, job)
    spots = _spots(ax, job, plan, [width(i, j) for i, j in labelled])
    floors = [s[2] for s in spots if s is not None and s[3] > 0] or [hi]
    tops = [headroom(ax, lo, floors, height + GAP + 2)]
    if named:  # room for the names too, as if they all stacked over the group's highest
        highest = max(
            [max(s.values[group] or 0.0, 0.0) for s in series]
            + [s[2] for s, (i, _) in zip(spots, labelled, strict=True)
               if s is not None and s[3] > 0 and i == group]
        )  # fmt: skip
        placed = any(s is not None for s in spots)
        above = (height + GAP if placed else 0.0) + GAP + count * (height + clearance_pt(fig))
        tops.append(headroom(ax, lo, [highest], above))
    tops += _bracket_room(ax, job, plan, spots, lo, height)
    if job.spec.axis.max is None:  # room above the labels, unless the top is fixed
        ax.set_ylim(ax.get_ylim()[0], max(*tops, ax.get_ylim()[1]))
    return plan


def _bracket_room(ax: Axes, job: ChartJob, plan: _Plan,
                  spots: list[tuple[float, Align, float, float] | None], lo: float,
                  height: float) -> list[float]:  # fmt: skip
    """Top limits that leave room for the brackets over everything between their ends: a
    value label (when one stands there), then each bracket's feet, line and value, stacked
    in drawing order. Made before the labels are placed, so the brackets fit at once and
    the labels are placed once (else the brackets grow the scale and every label is placed
    again); :func:`draw_computed` still grows the scale if this falls short."""
    tops = []
    spans = bracket_spans(job, plan.anchor(job))
    for k, (a, b) in enumerate(spans):
        inside = [top for x0, x1, top in plan.bars if x1 > a and x0 < b] or [0.0]
        floors = [s[2] for s, (i, _) in zip(spots, plan.labelled, strict=True)
                  if s is not None and a - 0.5 < i < b + 0.5]  # fmt: skip
        label = height + GAP if floors else 0.0
        # Over each narrower bracket within a category of it (its value may be wider).
        under = sum(1 for c, d in spans[:k] if c < b + 1 and d > a - 1)
        above = label + room(job, height, over_text=bool(floors), under=under) + 2
        tops.append(headroom(ax, lo, [max(inside + floors)], above))
    return tops


def place_labels(fig: Figure, ax: Axes, job: ChartJob, plan: _Plan) -> list[Text]:
    """The value labels and the series names, measured as the renderer draws them, on the
    layout as it is now (the caller settles it first and places them again if it moves):
    each name clears every bar and value label by what the collision pass asks, so the
    pass keeps them all."""
    colors = job.theme.theme.colors
    series = job.data.series
    highlighted = set(job.spec.highlight) & set(job.data.categories)
    # Bars in points, for the names to clear.
    obstacles = [
        (*(to_points(ax, x0, 0.0)[0], to_points(ax, x1, 0.0)[0]),
         to_points(ax, 0.0, min(0.0, top))[1], to_points(ax, 0.0, top)[1])
        for x0, x1, top in plan.bars
    ]  # fmt: skip
    texts = []
    for i, j in plan.labelled:
        bold = job.data.categories[i] in highlighted
        texts.append(ax.annotate(
            fmt(job, series[j].values[i]), (0, 0), xytext=(0, 0), textcoords="offset points",
            ha="center", fontsize=label_size(job), color=colors.text,
            fontweight="bold" if bold else "normal", **halo(job),
        ))  # fmt: skip
        mark(texts[-1], 10 if bold else 20)
    widths = [x1 - x0 for x0, x1, _, _ in (_box_pt(fig, t) for t in texts)]
    drawn: list[Text] = []
    for text, spot in zip(texts, _spots(ax, job, plan, widths), strict=True):
        if spot is None:
            text.remove()
            continue
        x, ha, y, offset = spot
        text.xy, text.xyann = (x, y), (0, offset)
        text.set_horizontalalignment(ha)
        text.set_verticalalignment("bottom" if offset > 0 else "top")
        obstacles.append(_box_pt(fig, text))
        drawn.append(text)
    # A bar with no value, '–' where it would stand, as a bar chart writes it: an empty
    # slot read like a zero whose label had no room (a card dropped South West's '0.0%',
    # and its empty slot looked like Midlands' missing year; found in review).
    names = category_labels(job)  # as the chart writes them ('Dec 2025', not '2025-12')
    for i, j in plan.gaps:
        name = f"{names[i]} {series[j].name}"
        dash = gap_mark(ax, job, i + plan.offsets[j], name, away=GAP)
        obstacles.append(_box_pt(fig, dash))
        drawn.append(dash)
    if plan.named:
        drawn += _names(fig, ax, job, plan, obstacles)
    return drawn
