"""What the area types share: colours, the category axis, direct labels at the right edge,
the trends the alt text states, and the native form.

An area is a quantity filled down to zero, so both types draw a value axis from zero with
light gridlines (a reader reads the middle of an area off the axis; only the right edge is
labelled), and name their series at the right edge instead of in a key: "Name  value",
in the series colour made legible on the background, spread apart so no two touch.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar
from weakref import WeakKeyDictionary

from deckgen.errors import Location, Problem
from deckgen.kinds.charts._base import ChartKind
from deckgen.kinds.charts._facets import in_panel
from deckgen.kinds.charts._named import names_whole
from deckgen.render.chartkit import (
    axes_points,
    clean_axes,
    clearance_pt,
    connector,
    figure_of,
    fmt,
    graded_colors,
    gridlines,
    heights_pt,
    ink_on,
    label_size,
    left_out,
    legible,
    mix,
    name_value,
    slot_width_pt,
    spread,
    text_width_pt,
    tick_formatter,
    time_axis,
    time_x,
    to_points,
    units_kept,
    value_limits,
    widest_pt,
    widest_word_pt,
)
from deckgen.render.labels import attach, drop, mark

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.text import Annotation, Text

    from deckgen.kinds.charts._native import Geometry
    from deckgen.render.charts import ChartJob
    from deckgen.tables.select import ChartData

#: Opacity of areas that cross one another: each shows through the other, and a solid line
#: along every top edge keeps each series' shape readable where they overlap.
SEE_THROUGH = 0.3
#: Opacity of crossing areas on a native chart: it has no line along the top edges (an
#: outline there runs round the whole area), so the fill carries the shape.
NATIVE_SEE_THROUGH = 0.45
#: How far an area's fill is mixed towards the background when nothing lies behind it (its
#: top edge is drawn in the full colour): lighter than the line, so the line leads.
FILL_TINT = 0.45
#: Space above the highest value, as a share of the value span (the labels sit beside it).
HEADROOM = 0.06
#: The most of the chart's width right of the value axis a lone area's end label may take:
#: the plot keeps two thirds. Measured, a slide's label takes a sixth of it, a square
#: card's or a card with its chart under the title 0.22 to 0.29, while a card with its
#: title beside the chart gave 'attendance 25,900' half: the axis kept one tick (review).
LABEL_SHARE = 1 / 3
#: Why an area's axis reaches zero, and why it takes no log scale (``ChartKind``).
ZERO_BECAUSE = (
    "an area's height is its value, so an area cut off above zero misstates every comparison "
    "(and its filled size with it)"
)
LOG_BECAUSE = "area heights on it do not compare (twice as tall is not twice as much)"


# --------------------------------------------------------------------------- colours


class AreaKind(ChartKind):
    """What area and stacked-area share: the highlight names a series, values fill down
    to zero on a category or date axis (rows read in date order), at least two points,
    drawn in the area colours; no reference line or annotations."""

    highlights: ClassVar[str] = "series"
    facetable: ClassVar[bool] = True
    takes_reference: ClassVar[bool] = False
    takes_annotations: ClassVar[bool] = False
    from_zero: ClassVar[bool] = True
    time_axis: ClassVar[bool] = True
    zero_because: ClassVar[str] = ZERO_BECAUSE
    log_because: ClassVar[str] = LOG_BECAUSE

    def select_data(self, frame: pd.DataFrame, where: Location) -> ChartData:
        return select_in_date_order(self, super().select_data(frame, where))

    def mark_colors(self, job: ChartJob) -> list[str]:
        # The solid line along each top edge is what tells an area from the page.
        return area_colors(job)

    def check(self, data: ChartData, where: Location) -> list[Problem]:
        return super().check(data, where) + check_two_points(data, where, self.label)

    def card_height(self, data: ChartData) -> int:
        return 640


def area_colors(job: ChartJob) -> list[str]:
    """One colour per series: the categorical set; with a highlight, the highlight for the
    named series and graded greys for the rest, so muted areas stay told apart: the neutral
    (the lightest grey that keeps 3:1 on the page) moved by turns more or less towards the
    text colour, so every band stays a mark a reader can see. A band its name is written
    in holds it in the theme's text or background colour (:func:`text_fills`)."""
    from deckgen.theming.colour import text_fills

    colors = job.theme.theme.colors
    names = [s.name for s in job.data.series]
    # A highlight that names none of these series leaves them all in greys (a panel of
    # small multiples beside the one named, which kept the palette's colours; review).
    if not job.spec.highlight:
        palette = colors.categorical
        out = [palette[k % len(palette)] for k in range(len(names))]
    else:
        amounts = (0.0, 0.45, 0.2, 0.65)
        out = graded_colors(job, names, lambda k: mix(colors.neutral, colors.text, amounts[k % 4]))
    return list(text_fills(tuple(out), colors.text, colors.background))


# --------------------------------------------------------------------------- geometry
def select_in_date_order(kind: ChartKind, data: ChartData) -> ChartData:
    """``data`` in date order when ``x`` is a date (an area runs forwards in time, whatever
    the sort): every stage after selection then reads it in the order it is drawn. A year,
    quarter or month the rows skip is a period of no value, as on a line
    (:func:`~deckgen.kinds.charts.line.with_missing_periods`): an area with no 2023 Q2 row
    ran straight from Q1 to Q3 without a word (fuzzing round 7, 06). An area leaves a gap
    there and its alt text names the period; a stacked area counts it as zero, and says
    so (:meth:`StackedArea.drawn_unlike_data`)."""
    from deckgen.kinds.charts.line import chronological, with_missing_periods

    data = with_missing_periods(data)
    return chronological(data) if kind.time_axis else data


def timed(job: ChartJob) -> bool:
    """Whether the chart's x is drawn on a time axis (its dates at their places)."""
    return job.data.x_dates is not None and job.spec.time_axis


def positions(job: ChartJob) -> list[float]:
    """Where each category sits along x: its date on a time axis, else evenly spaced; the
    first and last on the plot's edges (an area runs the full width)."""
    if timed(job):
        assert job.data.x_dates is not None
        return [time_x(d) for d in job.data.x_dates]
    return [float(i) for i in range(len(job.data.categories))]


def x_ticks(ax: Axes, job: ChartJob) -> None:
    """Every category under its point, or every k-th (always the last) where they would
    come closer than an em; on a time axis, calendar ticks (years, quarters, months) that
    keep apart. Measured for the plot's width as laid out: call again after anything
    narrows it."""
    if timed(job):
        time_axis(ax, job)
        xs = positions(job)
        ax.set_xlim(min(xs), max(xs))  # the area runs edge to edge, as over categories
        ax.tick_params(axis="x", pad=0.8 * label_size(job))
        return
    categories = job.data.categories
    n = len(categories)
    slot = slot_width_pt(ax, job, max(n - 1, 1), False)
    widest = widest_pt(job, categories)
    # An em between two labels at least: '2019/20 2022/23 2025/26' a collision pass's
    # padding apart read as one string on a card (found in review).
    gap = max(2 * clearance_pt(figure_of(ax)), label_size(job))
    step = max(1, math.ceil((widest + gap) / max(slot, 1e-9)))
    shown = list(range(n - 1, -1, -step))[::-1]
    if shown == [n - 1] and n > 1 and (n - 1) * slot >= widest + gap:
        shown = [0, n - 1]  # the span's two ends, where the last alone would leave no start
    ax.set_xticks(shown, [categories[i] for i in shown])
    ax.set_xlim(0, max(n - 1, 1))
    # The area starts at the plot's left edge, so the first category's label, centred
    # there, runs under the value axis's '0': it hangs a little lower to clear it.
    ax.tick_params(axis="x", pad=0.8 * label_size(job))


def limits(job: ChartJob, values: list[float]) -> tuple[float, float]:
    """Value limits from zero (an area's size is its value), with room above the top; the
    spec's axis ``max`` (or a ``min`` below zero) where given."""
    return value_limits(job, values, below=0.05, above=HEADROOM)


def value_axis(ax: Axes, job: ChartJob, lo: float, hi: float) -> None:
    """Zero-based limits, a baseline at zero, light gridlines and compact tick labels."""
    ax.set_ylim(lo, hi)
    clean_axes(ax, value_axis="y", show_values=True)
    gridlines(ax, job)
    ax.yaxis.set_major_formatter(tick_formatter(job))
    ax.axhline(0, color=job.theme.theme.colors.muted, linewidth=1, zorder=4)


def last_index(values: tuple[float | None, ...]) -> int | None:
    """The index of the last value present, or ``None`` for an empty series."""
    present = [i for i, v in enumerate(values) if v is not None]
    return present[-1] if present else None


def lone_points(values: tuple[float | None, ...]) -> list[int]:
    """The indexes of values with no value beside them on either side (between gaps, or a
    gap and an end): an area there has no width, so it fills nothing and its top edge
    draws nothing, and the value would go unseen without a mark of its own."""

    def has(i: int) -> bool:
        return 0 <= i < len(values) and values[i] is not None

    return [i for i in range(len(values)) if has(i) and not has(i - 1) and not has(i + 1)]


# --------------------------------------------------------------------------- right labels
@dataclass(frozen=True)
class EndLabel:
    """A direct label at the right end of an area: its text, where it points (data units),
    the colour of what it names, whether it is the story, and whether it names a series
    (a stacked total names none)."""

    name: str
    value: float | None
    x: float
    y: float
    color: str
    bold: bool = False
    priority: int = 12
    series: bool = True
    #: A stacked band's bottom and top at each category: where its label may go inside.
    band: tuple[tuple[float, ...], tuple[float, ...]] | None = None


def end_labels(ax: Axes, job: ChartJob, wanted: list[EndLabel], noun: str) -> list[str]:
    """'Name  value' right of each area's last point, level with ``y``, in the colour made
    legible (4.5:1 on the background), spread apart so no two extents touch; a thin
    connector ties a label that had to move to its point. Returns the texts drawn.

    The labels of one end stand in the plot's height: one spread past the plot's top or
    bottom makes the layout shrink the plot until it collapses (on an x-post card six
    bands' labels did, and the collision pass then dropped every one without a word:
    found by review). So where they would not stand, long names wrap less
    (:data:`~deckgen.kinds.charts.line.LABEL_ROOMS`, never cutting a word the room has);
    where even then they would not, the least important are left out before placing (the
    highlighted never), and the build names them (``noun``: what a series is drawn as,
    'band').

    A lone area's label that would take more than :data:`LABEL_SHARE` of the width beside
    the value axis (a card with its title beside the chart) is set as narrow as it reads:
    its value alone where the title names the series, else the name over the value
    (:func:`_narrow`)."""
    from deckgen.kinds.charts.line import LABEL_ROOMS

    fig = figure_of(ax)
    size = label_size(job)
    x0, y0, x1, y1 = axes_points(ax)
    gap = 0.7 * size
    between = clearance_pt(fig)
    wide = fig.get_figwidth() * 72
    panel = ax.get_title(loc="left") if job.whole is not None else ""  # of small multiples
    groups: dict[float, list[EndLabel]] = {}
    for item in wanted:
        groups.setdefault(item.x, []).append(item)

    def stands(texts: Sequence[Text]) -> bool:
        return sum(heights_pt(texts)) + between * (len(texts) - 1) <= y1 - y0

    drawn, gone = [], []
    for x, members in sorted(groups.items()):
        # Room for the widest word of a name where the picture has it: a card's quarter
        # cut "Cloud Infrastructure" to "Cloud Infras…" beside an empty margin.
        first = LABEL_ROOMS[0] * wide
        widest = max(widest_word_pt(job, item.name, bold=item.bold) for item in members)
        first = min(max(first, widest + 1.0), LABEL_ROOMS[-1] * wide)
        texts = []
        for item in members:
            label = ax.annotate(
                _text(job, item, first), (x, item.y), xytext=(gap, 0), textcoords="offset points",
                ha="left", va="center", fontsize=size, color=legible(job, item.color),
                fontweight="bold" if item.bold else "normal", zorder=6,
            )  # fmt: skip
            # Gone without a word, a band was left for the reader to take for its
            # neighbour's: the build names what the collision pass drops.
            mark(label, item.priority, missed=_unnamed([item], noun, job, panel))
            texts.append(label)
        # A lone area's label no wider than :data:`LABEL_SHARE`, out from the plot's edge
        # (measured only for one: bands are all named as before; naming only the story,
        # tried, left a card of the car fleet 'switching to electric' with its electric
        # bands unnamed, and panels of small multiples, which have no key, without theirs).
        lone = job.whole is None and len(job.data.series) == 1
        fair = LABEL_SHARE * (x1 - x0) - gap - (to_points(ax, x, 0.0)[0] - x1)
        if lone and _widest_pt(fig, texts) > fair:
            for label, item in zip(texts, members, strict=True):
                label.set_text(_narrow(job, item, _two_lines_pt(job, item)))
            # A label with nothing to say goes, and the plot keeps the room it took.
            for k in reversed([k for k, t in enumerate(texts) if not t.get_text()]):
                texts.pop(k).remove()
                members.pop(k)
        else:
            if not stands(texts):
                # What stands out right of the plot already (the last category's name,
                # centred on its edge): the labels' column takes only what passes it.
                reach = _reach_pt(ax) - (to_points(ax, x, 0.0)[0] - x1) - gap
                beside = [max(share * wide, first) for share in LABEL_ROOMS]
                plot_width = partial(_plot_width, ax, job, members, texts, stands, beside,
                                     x1 - x0, reach)  # fmt: skip
                inside = _into_bands(ax, job, members, texts, stands, plot_width, first)
                drawn += [texts[k].get_text() for k in inside]
                members = [m for k, m in enumerate(members) if k not in inside]
                texts = [t for k, t in enumerate(texts) if k not in inside]
            for share in LABEL_ROOMS[1:]:
                if stands(texts):
                    break
                for label, item in zip(texts, members, strict=True):
                    label.set_text(_text(job, item, max(share * wide, first)))
        # Left out least important first (the highest priority number, then the last
        # named), the highlighted never.
        kept = list(range(len(members)))
        spare = sorted((k for k in kept if not members[k].bold),
                       key=lambda k: (members[k].priority, k))  # fmt: skip
        while len(kept) > 1 and spare and not stands([texts[k] for k in kept]):
            k = spare.pop()
            kept.remove(k)
            texts[k].remove()
            gone.append(members[k])
        members = [members[k] for k in kept]
        texts = [texts[k] for k in kept]
        drawn += [t.get_text() for t in texts]
        want = [to_points(ax, x, item.y)[1] for item in members]
        placed = spread(want, heights_pt(texts), y0, y1, between)
        for label, item, w, got in zip(texts, members, want, placed, strict=True):
            dy = got - w
            label.xyann = (gap, dy)
            if abs(dy) > 1.5:
                line = connector(
                    ax, (x, item.y), (0.45 * gap, 0.0), (gap - 2.0, dy),
                    job.theme.theme.colors.muted, 0.8 * job.canvas.scale,
                )  # fmt: skip
                attach(label, line)  # no leader without its label
    if gone:  # named in the series' order
        left_out(_unnamed(sorted(gone, key=lambda item: next(
            k for k, w in enumerate(wanted) if w is item)), noun, job, panel))  # fmt: skip
    return drawn


def _into_bands(
    ax: Axes,
    job: ChartJob,
    members: list[EndLabel],
    texts: list[Annotation],
    stands: Callable[[Sequence[Text]], bool],
    plot_width: Callable[[Sequence[int]], float],
    first: float,
) -> set[int]:
    """Move band labels that would not stand beside the plot inside their bands, at the
    right edge, tallest band first, until the rest stand. A label goes in only where its
    band holds it, with a margin, over its whole width on the plot as wide as the labels
    left beside it leave it (``plot_width`` of their indexes), on the fewest lines of
    rooms of three quarters of that width, half, and ``first`` (points) that fit, in the
    ink that reads on the band's fill. Beside the plot, an x-post card's four shares of
    car sales took the 0.32 room and the plot kept 40% of the chart's width, ticked 2019
    and 2024 alone, while 'Petrol and diesel' had a band two thirds of the plot tall
    (found by review). Tested against the plot narrowed by the widest label column there
    could be, on an og card the label took four lines, 2 pt too tall for that band, and
    the biggest band went unnamed (found by review): the labels that stay beside it leave
    it a third wider. Once the plot has its final width, :func:`rewrap_inside` sets them
    again. Returns the indexes moved."""
    moved: set[int] = set()
    order = sorted(
        (k for k, item in enumerate(members) if item.band is not None),
        key=lambda k: -_end_height(members[k]),
    )
    for k in order:
        if stands([t for j, t in enumerate(texts) if j not in moved]):
            break
        width = plot_width([j for j in range(len(texts)) if j not in moved and j != k])
        rooms = [max(share * width, first) for share in (0.75, 0.5, 0)]
        if _inside(ax, job, members[k], texts[k], width,
                   [_text(job, members[k], room) for room in rooms]):  # fmt: skip
            texts[k].set_color(ink_on(job, members[k].color))
            _INSIDE[texts[k]] = members[k]
            moved.add(k)
    return moved


#: The labels :func:`_into_bands` moved inside their bands, with what they name.
_INSIDE: WeakKeyDictionary[Annotation, EndLabel] = WeakKeyDictionary()


def _inside(ax: Axes, job: ChartJob, item: EndLabel, label: Annotation, width: float,
            candidates: Sequence[str]) -> bool:  # fmt: skip
    """Set ``label`` inside ``item``'s band at the right edge, as the first of
    ``candidates`` (its text set on fewer lines first) whose lines the band holds, with a
    margin, over their whole width as drawn on a plot ``width`` points wide. Where none
    does, leave it as it was: False."""
    pad = 0.5 * label_size(job)
    x_lo, x_hi = ax.get_xlim()
    _, y_lo, _, y_hi = axes_points(ax)
    y_min, y_max = ax.get_ylim()
    if width <= 0 or x_hi <= x_lo or y_max <= y_min or item.band is None:
        return False
    per_x = width / (x_hi - x_lo)
    per_y = (y_hi - y_lo) / (y_max - y_min)
    xs = positions(job)
    fig = figure_of(ax)
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]  # Agg's
    before = label.get_text()
    for text in candidates:
        label.set_text(text)
        box = label.get_window_extent(renderer)
        wide, tall = box.width * 72 / fig.dpi, box.height * 72 / fig.dpi
        start = item.x - (wide + 2 * pad) / per_x
        if start < x_lo:
            continue
        at = [start, *[v for v in xs if start < v < item.x], item.x]
        low = max(_at(xs, item.band[0], v) for v in at)
        high = min(_at(xs, item.band[1], v) for v in at)
        if (high - low) * per_y >= tall + 2 * pad:
            label.xy = (item.x, (low + high) / 2)
            label.xyann = (-pad, 0.0)
            label.set_horizontalalignment("right")
            return True
    label.set_text(before)
    return False


def rewrap_inside(ax: Axes, job: ChartJob) -> None:
    """Set the labels inside bands (:func:`_into_bands`) again for the plot laid out at
    last: on fewer lines where it is wider than it was placed in (on an x-post card of car
    sales by fuel, 'Petrol and diesel 66.0%' took four lines of a word each in a band over
    half the card wide, found by review); where the band no longer holds the label as set
    (the plot came out narrower or shorter than measured), on more lines, a word a line
    at most; where even then it does not, the label goes, and the build names its band:
    never a label across its band's edge. Inside the plot, they move no layout."""
    width = ax.get_window_extent().width * 72 / figure_of(ax).dpi
    for label, item in [(t, i) for t, i in _INSIDE.items() if t.axes is ax]:
        text = label.get_text()
        wider = [_text(job, item, share * width) for share in (0.75, 0.5)]
        fewer = [t for t in wider if t.count("\n") < text.count("\n")]
        narrowest = _text(job, item, widest_word_pt(job, item.name, bold=item.bold) + 1.0)
        if not _inside(ax, job, item, label, width, [*fewer, text, narrowest]):
            drop(label)


def _plot_width(
    ax: Axes,
    job: ChartJob,
    members: list[EndLabel],
    texts: list[Annotation],
    stands: Callable[[Sequence[Text]], bool],
    rooms: Sequence[float],
    free: float,
    reach: float,
    beside: Sequence[int],
) -> float:
    """The plot's width in points once the labels ``beside`` (indexes) stand beside it,
    set as :func:`end_labels` will set them (in the first of ``rooms`` in which they
    stand, else the last): ``free`` (its width without them) less what their column, as
    drawn, takes past ``reach`` (what stands right of the plot already). The labels are
    left in the first room."""
    rest = [texts[k] for k in beside]
    if not rest:
        return free
    for room in rooms:
        for k in beside:
            texts[k].set_text(_text(job, members[k], room))
        if stands(rest):
            break
    column = _widest_pt(figure_of(ax), rest)
    for k in beside:
        texts[k].set_text(_text(job, members[k], rooms[0]))
    return free - max(0.0, column - reach)


def _reach_pt(ax: Axes) -> float:
    """How far right of the plot its category axis reaches (its last name, centred on the
    plot's edge), in points; 0 where nothing passes the edge."""
    fig = figure_of(ax)
    box = ax.xaxis.get_tightbbox(fig.canvas.get_renderer())  # type: ignore[attr-defined]
    return 0.0 if box is None else max(0.0, (box.x1 - ax.get_window_extent().x1) * 72 / fig.dpi)


def _end_height(item: EndLabel) -> float:
    """A band's height at the right edge."""
    assert item.band is not None
    return item.band[1][-1] - item.band[0][-1]


def _at(xs: Sequence[float], values: Sequence[float], x: float) -> float:
    """``values`` (at ``xs``) read at ``x``, straight between points as the band is drawn."""
    import numpy as np

    return float(np.interp(x, xs, values))


def _text(job: ChartJob, item: EndLabel, room: float) -> str:
    """'Name  value' (or the name alone, without value labels) wrapped at ``room``."""
    shown = fmt(job, item.value) if job.spec.value_labels and item.value is not None else ""
    return name_value(job, item.name, shown, room, bold=item.bold)


def _two_lines_pt(job: ChartJob, item: EndLabel) -> float:
    """The room in which a crowded label is set: the narrowest that holds its name on two
    lines (a word each for a name of two, 'Housing and' over 'utilities')."""
    from deckgen.layout.text import words

    pieces = words(units_kept(item.name)) or [item.name]
    splits = [
        max(text_width_pt(job, " ".join(pieces[:k]), bold=item.bold),
            text_width_pt(job, " ".join(pieces[k:]), bold=item.bold))
        for k in range(1, len(pieces))
    ]  # fmt: skip
    return min(splits, default=text_width_pt(job, item.name, bold=item.bold)) + 1.0


def _widest_pt(fig: Figure, texts: Sequence[Text]) -> float:
    """The width in points of the widest of ``texts``, as drawn."""
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]  # Agg's canvas
    return max(t.get_window_extent(renderer).width for t in texts) * 72 / fig.dpi


def _narrow(job: ChartJob, item: EndLabel, room: float) -> str:
    """A lone area's end label as narrow as it reads: its value alone where the title names
    the series whole (:func:`~deckgen.kinds.charts._named.names_whole`: '25,900' beside a
    chart titled 'Attendance is at a record', where 'attendance' over it took as much width
    as the plot, found by review), and nothing there without value labels (the title names
    it, the value axis gives its values: 'attendance' alone still took a third of a card's
    width, found in review); else the name over its value (at ``room``,
    :func:`_two_lines_pt`)."""
    if names_whole(job.title, item.name):
        if not job.spec.value_labels:
            return ""
        if item.value is not None:
            return fmt(job, item.value)
    return _text(job, item, room)


def _unnamed(items: list[EndLabel], noun: str, job: ChartJob, panel: str) -> str:
    """The build's note for end labels left out: the series they name ('2 bands
    ('Payments', 'Other') are not named'), a total with its value, in which panel of small
    multiples, and how to make room."""
    named = [repr(item.name) for item in items if item.series]
    others = [
        f"{item.name!r}" + (f" ({fmt(job, item.value)})" if item.value is not None else "")
        for item in items
        if not item.series
    ]
    parts = []
    if len(named) == 1:
        parts.append(f"the {noun} of {named[0]} is not named")
    elif named:
        parts.append(f"{len(named)} {noun}s ({', '.join(named)}) are not named")
    if others:
        verb = "is" if len(others) == 1 else "are"
        parts.append(f"{' and '.join(others)} {verb} not written")
    head = "; ".join(parts)
    where = in_panel(panel)
    return (
        f"{head} at the right edge{where}, for lack of room beside the other labels; give "
        "the chart more height (a shorter title, no subtitle), or show fewer series"
    )


# --------------------------------------------------------------------------- checks
def check_two_points(data: ChartData, where: Location, label: str) -> list[Problem]:
    """An area needs a width: two categories at least."""
    if len(data.categories) >= 2:
        return []
    found = ", ".join(repr(c) for c in data.categories) or "none"
    return [
        Problem(
            Location(where.file, where.line, f"{where.field}.x"),
            f"{'an' if label[0] in 'AEIOU' else 'a'} {label.lower()} needs two or more x "
            f"values to span, found "
            f"{len(data.categories)} ({found})",
            "widen the filter, or use a bar chart for a single value",
        )
    ]


# --------------------------------------------------------------------------- native form
def see_through(series: object, alpha: float) -> None:
    """Make a series' solid fill ``alpha`` opaque (DrawingML ``a:alpha`` on its colour)."""
    from lxml import etree
    from pptx.oxml.ns import qn

    color = series._element.find(f"{qn('c:spPr')}/{qn('a:solidFill')}/{qn('a:srgbClr')}")  # type: ignore[attr-defined]
    etree.SubElement(color, qn("a:alpha")).set("val", str(round(alpha * 100000)))


@dataclass(frozen=True)
class NativeLabel:
    """An end label on a native chart: what it says, the python-pptx series and point it
    belongs to, and where the application puts it before any offset (``anchor``, data
    units): halfway up an area's band, or level with a line overlay's point."""

    label: EndLabel
    series: Any
    index: int
    anchor: float
    beside: bool = False


def native_end_labels(
    job: ChartJob,
    geo: Geometry,
    frame: tuple[float, float, float, float],
    targets: list[NativeLabel],
) -> None:
    """'Name  value' on each series' last point, moved right of the plot and apart.

    Both PowerPoint and LibreOffice centre an area's point label on its category, halfway
    up its band: the offset is computed from there, in fractions of the chart's size, as
    the picture spreads its labels. PowerPoint offers no label positions for area charts,
    so none is written for them; a line overlay's label (a stacked total) sits beside its
    point instead.
    """
    from pptx.enum.chart import XL_LABEL_POSITION
    from pptx.oxml.ns import qn

    from deckgen.kinds.charts import _native as nv
    from deckgen.ooxml import chartxml as cx

    y0, y1, lo, hi = frame
    height, width = geo.height_pt, geo.width_pt

    def down(value: float) -> float:  # points from the chart's top
        return (y0 + (y1 - y0) * (hi - value) / (hi - lo)) * height

    want = [down(t.label.y) for t in targets]
    placed = spread(want, [nv.text_h(job)] * len(targets), 0.0, height, 2.0)
    for target, got in zip(targets, placed, strict=True):
        item = target.label
        label = nv.point_label(
            target.series, target.index, job, legible(job, item.color), bold=item.bold,
            position=XL_LABEL_POSITION.RIGHT if target.beside else None,
        )  # fmt: skip
        cx.show_fields(label._dLbl, series=True, value=job.spec.value_labels)
        cx.label_separator(label._dLbl, "  ")
        dx = 0.0
        if not target.beside:
            dx = (nv.text_w(job, label_text(job, item), item.bold) / 2 + 0.7 * nv.size(job)) / width
        cx.label_offset(label._dLbl, dx, (got - down(target.anchor)) / height)
        # LibreOffice draws a leader line to a label moved off its point; the picture has
        # none where a label stayed level with its point.
        leaders = target.series._element.find(f"{qn('c:dLbls')}/{qn('c:showLeaderLines')}")
        if leaders is not None:
            leaders.set("val", "0")


def label_text(job: ChartJob, item: EndLabel) -> str:
    """The text a native end label shows (for measuring): 'Name  value'."""
    if not job.spec.value_labels or item.value is None:
        return item.name
    return f"{item.name}  {fmt(job, item.value)}"


def native_room(job: ChartJob, geo: Geometry, wanted: list[EndLabel], hi: float) -> tuple[
        float, float, float, float]:  # fmt: skip
    """The plot area (x, y, w, h as fractions of the chart) leaving room for the value
    axis's tick labels on the left, the end labels on the right, categories below."""
    from deckgen.kinds.charts import _native as nv

    right = max(nv.text_w(job, label_text(job, item), item.bold) for item in wanted)
    axis = nv.text_w(job, fmt(job, hi)) + 8
    gap = 0.7 * nv.size(job)
    x0 = (axis + 6) / geo.width_pt
    x1 = 1 - (right + gap + 6) / geo.width_pt
    y0, y1 = 0.04, 1 - (nv.text_h(job) + 10) / geo.height_pt
    return x0, y0, x1 - x0, y1 - y0
