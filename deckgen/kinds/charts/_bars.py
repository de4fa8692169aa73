"""What the bar types share: column tick labels, names beside rows of bars, the value
axis, head room for labels, and how many columns a social card's chart box holds."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from deckgen.layout.text import CARD, words
from deckgen.layout.units import Px
from deckgen.render.chartkit import (
    axes_points,
    break_around_texts,
    category_labels,
    clean_axes,
    clearance_pt,
    clip_words,
    figure_of,
    gridlines,
    label_size,
    label_sizes,
    one_line,
    one_line_room,
    row_name_room,
    settle,
    shortening,
    shown_every,
    slot_width_pt,
    text_height_pt,
    text_width_pt,
    thin_step,
    tick_formatter,
    to_points,
    widest_word_pt,
    wrap_label,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from matplotlib.artist import Artist
    from matplotlib.axes import Axes
    from matplotlib.backend_bases import RendererBase
    from matplotlib.figure import Figure
    from matplotlib.text import Annotation, Text

    from deckgen.kinds.charts._base import ChartKind
    from deckgen.layout.geometry import Rect
    from deckgen.render.charts import ChartJob
    from deckgen.tables.select import ChartData
    from deckgen.theming.load import LoadedTheme

#: Points between a column's top and the value above it (the line's own leading adds air).
GAP = 3.0

#: Between a bar's end and the value beside it, in label sizes: more air than above a
#: column, where the line's leading parts them (at 3 pt beside a bar a value reads as
#: touching it).
BESIDE = 0.5

#: Points between two rows' names beside their bars, at a slide's text size (a card's text
#: scale multiplies it). The names are tick labels, which the collision pass never drops:
#: they need only keep clear of each other. Held to its clearance instead (2.5 pt at a
#: slide's 200 dpi), 24 rows of 12 pt names did not fit under a subtitle.
ROW_AIR = 1.0


def gap_mark(ax: Axes, job: ChartJob, at: float, name: str, *, away: float,
             horizontal: bool = False) -> Annotation:  # fmt: skip
    """The '–' a value label writes for a bar with no value, at the baseline where the bar
    would stand (``at`` along the category axis; ``away`` points above it, or right of it
    for ``horizontal`` bars): an empty slot reads as a value too small to draw, or as a
    zero whose label had no room (a panel of small multiples, values read off the axis,
    showed a missing year as an empty slot beside bars of 0.4 to 2.8; found in review).
    Marked for the collision pass as a value is; one it drops is named in a build warning,
    by ``name`` (the category, or 'Midlands 2023' for a group's bar) and its panel."""
    from deckgen.kinds.charts._facets import in_panel
    from deckgen.render.chartkit import fmt
    from deckgen.render.labels import mark

    panel = ax.get_title(loc="left") if job.whole is not None else ""  # of small multiples

    xy, ha, va = ((0.0, at), "left", "center") if horizontal else ((at, 0.0), "center", "bottom")
    text = ax.annotate(
        fmt(job, None), xy, xytext=(away, 0.0) if horizontal else (0.0, away),
        textcoords="offset points", ha=ha, va=va, fontsize=label_size(job),
        color=job.theme.theme.colors.text, **halo(job),
    )  # fmt: skip
    mark(text, 20, missed=(
        f"the gap at {name} (no value){in_panel(panel)} is not marked '{fmt(job, None)}' "
        "on the chart, for lack of room beside the labels around it; give the chart more "
        "room"))  # fmt: skip
    return text


def halo(job: ChartJob) -> dict[str, Any]:
    """What a value label beyond its bar is drawn with where a reference line may cross it:
    an outline in the background's colour, which breaks the line around the text (and
    draws nothing on the background itself)."""
    if job.spec.reference is None:
        return {}
    from matplotlib.patheffects import Normal, Stroke

    width = 3.0 * job.canvas.scale
    return {"path_effects": [Stroke(linewidth=width, foreground=job.theme.theme.colors.background),
                             Normal()]}  # fmt: skip


def reference_line(ax: Axes, job: ChartJob, *, horizontal: bool,
                   values: Sequence[tuple[Text, float]] = ()) -> None:  # fmt: skip
    """The spec's reference line across the plot, dashed, and 'label: value' clear of it
    (never struck through): beside a vertical line at the top (:func:`_beside_line`), above
    a horizontal one at its right end, GAP points away, where the native chart puts it too.
    The line leaves a gap around every text it would cross.

    ``values``: the value labels written at the bars' ends so far, each with its bar's
    value; one the line would run through or under is moved past it
    (:func:`_off_the_line`).

    The label is anchored to the plot's edge in axes fraction: anchored in data on (or
    just past) the edge, matplotlib dropped it without a word."""
    from deckgen.kinds.charts._base import reference_value
    from deckgen.render.chartkit import label_size, left_out, reference_missed, reference_text
    from deckgen.render.labels import mark

    ref = reference_value(job)
    if ref is None or job.spec.reference is None:
        return
    colors = job.theme.theme.colors
    draw_line = ax.axvline if horizontal else ax.axhline
    # Over the bars, under the value labels, which are knocked out of it (:func:`halo`):
    # drawn over them, it struck through the values of bars just under it (fuzzing).
    line = draw_line(ref, color=colors.text, linewidth=1.2, linestyle=(0, (4, 3)), zorder=2.5)
    _off_the_line(ax, job, ref, values, horizontal=horizontal)
    text = reference_text(job, ref)
    va = "bottom"
    if horizontal:
        text, ha, away = _beside_line(ax, job, ref, text)
        at, xycoords, offset = (ref, 1.0), ("data", "axes fraction"), (away, 0.0)
    else:
        at, xycoords, offset, ha = (1.0, ref), ("axes fraction", "data"), (0.0, GAP), "right"
    label = ax.annotate(
        text, at, xycoords=xycoords, xytext=offset, textcoords="offset points", ha=ha,
        va=va, fontsize=label_size(job), color=colors.text,
    )  # fmt: skip
    if not horizontal and not _along_line(ax, job, label):
        if _past_the_end(ax, job, label):
            _off_the_line(ax, job, ref, values, horizontal=horizontal)  # on the narrower plot
        elif not _within_plot(ax, label):
            label.remove()
            left_out(reference_missed(job, ref))
            break_around_texts(line, LINE_CLEAR * label_size(job))
            return
    mark(label, 5, missed=reference_missed(job, ref))
    # The outline breaks the line only next to the glyphs' strokes: it still showed in a
    # '6's counter and between a value's digits (fuzzing, on horizontal bars whose values
    # stand beside them). The line now leaves a gap across every text it would cross.
    break_around_texts(line, LINE_CLEAR * label_size(job), own=(label,))


#: The gap a reference line leaves either side of a text it would cross, in label sizes.
LINE_CLEAR = 0.2


def _along_line(ax: Axes, job: ChartJob, label: Annotation) -> bool:
    """Move a horizontal reference line's label (made above the line at its right end) to
    the first spot along the line clear of every bar, value and name on the plot: above
    the line, then below it, at its right end, then ending just left of each bar in turn
    from the right, then at the left end; the same on two lines ('Monthly average:' over
    '2.1M'). Over the last bars, taller than the line, it was written across the
    highlighted bar, and the collision pass dropped a bar's value for it, leaving that bar
    unread (found by review). Whether a spot was found: where none is clear it is left at
    the right end, for :func:`_past_the_end`."""
    fig = figure_of(ax)
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    scale = 72 / fig.dpi
    x0, y0, x1, y1 = axes_points(ax)
    base = to_points(ax, 0.0, label.xy[1])[1]
    air = clearance_pt(fig)
    value_room = GAP + text_height_pt(fig, job) if job.spec.value_labels else 0.0
    taken = []
    for patch in ax.patches:
        # Room for the value a bar writes at its end (grouped bars write theirs later).
        up = value_room if getattr(patch, "get_height", lambda: 0.0)() >= 0 else 0.0
        left, bottom, right, top = _in_points(patch, renderer, scale)
        taken.append((left, bottom - (value_room - up), right, top + up))
    taken += [_in_points(text, renderer, scale) for text in ax.texts
              if text is not label and text.get_visible() and text.get_text()]  # fmt: skip
    ends = [x1, *sorted({b[0] - air for b in taken if x0 < b[0] <= x1}, reverse=True)]
    options = _label_forms(label.get_text())
    for option in options:
        label.set_text(option)
        e = label.get_window_extent(renderer)
        width, height = e.width * scale, e.height * scale
        for right in [*ends, x0 + width]:
            left = right - width
            if left < x0 - 0.5:
                continue
            for above in (True, False):
                bottom = base + GAP if above else base - GAP - height
                if bottom < y0 or bottom + height > y1:
                    continue
                if any(left - air < b[2] and b[0] < right + air and bottom - air < b[3]
                       and b[1] < bottom + height + air for b in taken):  # fmt: skip
                    continue
                label.xy = ((right - x0) / ((x1 - x0) or 1.0), label.xy[1])
                label.xyann = (0.0, GAP if above else -GAP)
                label.set_verticalalignment("bottom" if above else "top")
                return True
    label.set_text(options[0])  # nowhere clear: at the right end, as the native chart has it
    return False


def _past_the_end(ax: Axes, job: ChartJob, label: Annotation) -> bool:
    """Put a horizontal reference line's label past the plot's right end, level with the
    line, which runs on into it ('Median: 42.0%', else on two lines), the layout
    narrowing the plot for it: where no spot along the line is clear. Six months' bounce
    rates, each within three points of their median, left no such spot, and the label
    at the right end cost December its value (found by review). Only where the narrower
    plot keeps every name and value as clear of its neighbours as it was, for at most a
    quarter of the plot, and never on a panel of small multiples (the next one stands
    there). Whether it was put there; if not, it stays at the right end: the collision
    pass then removes the values under it, and the build says which
    (:func:`deckgen.render.labels.mark`'s ``missed``)."""
    if job.whole is not None:
        return False
    fig = figure_of(ax)
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    scale = 72 / fig.dpi
    x0, _, x1, _ = axes_points(ax)
    line = to_points(ax, 0.0, label.xy[1])[1]
    air = clearance_pt(fig)
    boxes = [_in_points(t, renderer, scale) for t in (*ax.texts, *ax.get_xticklabels())
             if t is not label and t.get_visible() and t.get_text()]  # fmt: skip
    text = label.get_text()
    for option in _label_forms(text):
        label.set_text(option)
        e = label.get_window_extent(renderer)
        width, height = e.width * scale, e.height * scale
        need = GAP + width
        if need > (x1 - x0) / 4:
            continue
        own = (x1 - width, line - height / 2, x1, line + height / 2)
        if not _apart_narrowed(boxes, own, x0, x1, need, air):
            continue
        label.xy = (1.0, label.xy[1])
        label.xyann = (GAP, 0.0)
        label.set_horizontalalignment("left")
        label.set_verticalalignment("center")
        settle(fig)  # the plot narrowed for it: what is measured next is measured on that
        return True
    label.set_text(text)
    return False


def _within_plot(ax: Axes, label: Annotation) -> bool:
    """Whether a horizontal reference line's label, left at the plot's right end, fits
    the plot's width, on one line or else on two (it is set to the form that fits).
    Wider, it overhangs the plot's left edge: the layout narrowed the plot for it, which
    widened the overhang, until the plot collapsed and a card with a long label stopped
    the build (found in review)."""
    fig = figure_of(ax)
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    scale = 72 / fig.dpi
    text = label.get_text()
    forms = _label_forms(text)

    def fits() -> bool:
        x0, _, x1, _ = axes_points(ax)
        for option in forms:
            label.set_text(option)
            if label.get_window_extent(renderer).width * scale <= x1 - x0:
                return True
        label.set_text(text)
        return False

    if fits():
        return True
    # Measured again on the layout made without it: the plot may yet be wider than it is
    # before any layout (then the label stays).
    label.set_in_layout(False)
    settle(fig)
    label.set_in_layout(True)
    return fits()


Box = tuple[float, float, float, float]


def _in_points(artist: Artist, renderer: Any, scale: float) -> Box:
    """``artist``'s drawn box in figure points (``scale``: points a pixel): x0, y0, x1, y1."""
    e = artist.get_window_extent(renderer)
    return (e.x0 * scale, e.y0 * scale, e.x1 * scale, e.y1 * scale)


def _label_forms(text: str) -> list[str]:
    """A reference label as it may be written: on one line, else on two at its ': '
    ('Monthly average:' over '2.1M')."""
    if ": " not in text:
        return [text]
    head, _, value = text.rpartition(": ")
    return [text, f"{head}:\n{value}"]


def _apart_narrowed(boxes: Sequence[Box], own: Box, x0: float, x1: float, need: float,
                    air: float) -> bool:  # fmt: skip
    """Whether texts at ``boxes`` (points: x0, y0, x1, y1; names and values, centred on
    their places along a plot from ``x0`` to ``x1``) stay ``air`` apart where they were,
    and clear of a label at ``own`` (placed at the narrower plot's end), once the plot is
    ``need`` points narrower: their places move closer, their widths stay."""
    k = (x1 - x0 - need) / max(x1 - x0, 1.0)

    def moved(b: Box) -> Box:
        shift = (x0 + ((b[0] + b[2]) / 2 - x0) * k) - (b[0] + b[2]) / 2
        return (b[0] + shift, b[1], b[2] + shift, b[3])

    def near(a: Box, b: Box) -> bool:
        return a[0] - air < b[2] and b[0] < a[2] + air and a[1] < b[3] and b[1] < a[3]

    after = [moved(b) for b in boxes]
    if any(near(b, own) for b in after):
        return False
    return not any(
        near(after[i], after[j]) and not near(boxes[i], boxes[j])
        for i in range(len(boxes))
        for j in range(i + 1, len(boxes))
    )


def _off_the_line(ax: Axes, job: ChartJob, ref: float, values: Sequence[tuple[Text, float]],
                  *, horizontal: bool) -> None:  # fmt: skip
    """Move each value label that the reference line at ``ref`` would run through, or pass
    closer than a value stands to its bar, past the line: as far from it as from a bar,
    on the far side from its own bar, the value axis grown to keep it inside the plot.
    Broken around it, the line read as labelled by the value: November's '40.0%' stood
    on a median line at 42.0%, the only number on it (found by review). Past the line
    it stands over its own bar, as every other value does. ``values``: the labels with
    their bars' values (anchored at the bar's end, moved along the value axis in points,
    as :func:`deckgen.kinds.charts.bar.draw_bars` writes them); every one is placed
    anew, so a second call on a new layout undoes a move it no longer needs."""
    if not values:
        return
    from matplotlib.transforms import offset_copy

    from deckgen.kinds.charts.bar import room_for_values, value_gap

    fig = figure_of(ax)
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    gap = value_gap(job, horizontal=horizontal)

    def along(value: float) -> float:  # a value's place along the value axis, in points
        return to_points(ax, value, 0.0)[0] if horizontal else to_points(ax, 0.0, value)[1]

    def extent(text: Text) -> float:  # a label's size along the value axis, in points
        e = text.get_window_extent(renderer)
        return (e.width if horizontal else e.height) * 72 / fig.dpi

    def in_the_way() -> list[tuple[Text, float]]:
        line = along(ref)
        found = []
        for text, value in values:
            end, sign = along(value), 1.0 if value >= 0 else -1.0
            far = end + sign * (2 * gap + extent(text))  # the label's far side, a gap on
            if min(end, far) < line < max(end, far):
                found.append((text, value))
        return found

    moved = in_the_way()
    for _ in range(3):  # the room made shrinks the scale: a label may then meet the line
        if not moved:
            break
        limits = ax.get_xlim() if horizontal else ax.get_ylim()
        room_for_values(fig, ax, job, [ref] * len(moved),
                        [gap + extent(t) for t, _ in moved], horizontal=horizontal)  # fmt: skip
        if (ax.get_xlim() if horizontal else ax.get_ylim()) == limits:
            break
        moved = in_the_way()
    line = along(ref)
    for text, value in values:
        end, sign = along(value), 1.0 if value >= 0 else -1.0
        away = sign * (abs(line - end) + gap) if (text, value) in moved else sign * gap
        shift = {"x": away} if horizontal else {"y": away}
        text.set_transform(offset_copy(ax.transData, fig=fig, units="points", **shift))


def _beside_line(ax: Axes, job: ChartJob, ref: float, text: str) -> tuple[str, str, float]:
    """Where a vertical reference line's label goes over the plot: its text, alignment and
    offset from the line in points. Beside the line, right of it where it fits the
    picture, else left of it over the plot; else ending at the picture's right edge, over
    the line's top end (which stops short of it: :func:`break_around_texts`); else the same
    on two lines ('Average change:' over '7.5%'). Kept right of a line near the plot's right
    end, it ran off a card's narrow chart and the collision pass removed it, leaving the
    line unexplained (found by fuzzing)."""
    from deckgen.render.chartkit import text_width_pt, to_points

    fig = figure_of(ax)
    engine = fig.get_layout_engine()
    pad = (engine.get().get("w_pad") or 0.0) * 72 if engine is not None else 0.0
    x = to_points(ax, ref, 0.0)[0]
    plot, _, right, _ = axes_points(ax)  # not over the names: a tall one rises above the plot
    # The picture's right end, less the layout's pad; a panel's own (small multiples: past
    # it stands the next panel's title).
    edge = right if job.whole is not None else fig.get_figwidth() * 72 - pad
    texts = [text]
    if ": " in text:
        head, _, value = text.rpartition(": ")
        texts.append(f"{head}:\n{value}")
    for option in texts:
        width = text_width_pt(job, option)
        if x + GAP + width <= edge:
            return option, "left", GAP
        if x - GAP - width >= plot:
            return option, "right", -GAP
        if edge - width >= plot:
            return option, "right", edge - x
    return text, "left", GAP  # the collision pass says it does not fit


def category_ticks(
    ax: Axes,
    job: ChartJob,
    highlighted: set[str],
    *,
    horizontal: bool = False,
    things: str = "columns",
    final: bool = False,
) -> None:
    """Category labels beside the bars, highlighted ones bold: wrapped to their slot while
    each word fits it; past that (many categories, or long date labels) every k-th label
    on one line, counting back from the last, with the highlighted ones always shown.
    Beside horizontal bars, see :func:`_row_ticks`. ``final``: the plot is laid out and
    its limits set, and a slot is a unit of the axis at most
    (:func:`~deckgen.render.chartkit.slot_width_pt`)."""
    fig = figure_of(ax)
    names = category_labels(job)
    n = len(names)
    if horizontal:
        labels, step = _row_ticks(ax, job)
    else:
        # Before the layout settles a slot is a seventh to a quarter short; where that
        # would cut or wrap a name, it is measured on the layout ('Northeast' under one of
        # five columns on a square card was cut to 'Northe…' with room to spare: found by
        # the bench's fact sheets).
        between = max(clearance_pt(fig), label_size(job) / 3)
        pairs = zip(names, job.data.categories, strict=True)
        widest = max((widest_word_pt(job, name, bold=c in highlighted) for name, c in pairs),
                     default=0.0)  # fmt: skip
        slot = slot_width_pt(ax, job, n, horizontal, need=widest + between, unit=final)
        # A word past two slots clears its neighbours under no layout; one past a quarter
        # of the picture too is no date or place name among many: cut to its slot, it
        # leaves every name shown (thinning would hide the others, and it with them).
        past = max(2 * slot, one_line_room(fig))
        names = [clip_words(job, c, past, slot * 0.95) for c in names]
        step, wrapped = thin_step(job, names, slot, fig)
        if final and not (wrapped or step == 1):
            # On the plot as laid out, the names shrink towards the theme's minimum before
            # any is cut or left out (the values keep their size): under twelve columns,
            # every other state went unnamed where 13 pt names all fit (found by a new user).
            for sized in label_sizes(job)[1:]:
                small = [clip_words(sized, c, past, slot * 0.95) for c in category_labels(job)]
                if thin_step(sized, small, slot, fig) == (1, True):
                    job, names, step, wrapped = sized, small, 1, True
                    ax.tick_params(axis="x", labelsize=label_size(sized))
                    break
        if wrapped or step == 1:  # every name shown: wrapped, a word past its slot cut
            labels = [wrap_label(job, c, slot * 0.95, clip=not wrapped) for c in names]
        elif (cut := each_in_its_slot(fig, job, names, slot, highlighted)) is not None:
            labels, step = cut, 1
        else:
            labels = [one_line(job, c, one_line_room(fig)) for c in names]
    categories = job.data.categories
    shown = named_every(n, step, [i for i, c in enumerate(categories) if c in highlighted])
    (ax.set_yticks if horizontal else ax.set_xticks)(shown, [labels[i] for i in shown])
    if horizontal and len(shown) < n:
        # Every k-th month under columns is a time axis read as one; a ranking with
        # unnamed rows is not (it went unsaid: found by fuzzing).
        from deckgen.render.chartkit import left_out

        left_out(f"{n - len(shown)} of its {n} rows are unnamed (too close for a line each "
                 f"even at {label_size(job):.3g} pt); show fewer with 'top:', or give the "
                 "chart more height (a shorter title, no subtitle)")  # fmt: skip
    elif len(shown) < n and not job.data.in_time_order():
        # Columns (``things``: groups of them) named every k-th: no time axis either (years
        # as text are one: '2005, 2007, ...' reads), and eight departments as bars showed
        # four names without a word (found by fuzzing).
        from deckgen.render.chartkit import left_out

        size = job.theme.theme.sizes.chart_label  # as the theme sizes text (a card scales it)
        left_out(f"{n - len(shown)} of its {n} {things} are unnamed (their names are too wide "
                 f"for their columns even at {size:.3g} pt); show fewer with 'top:', or "
                 "shorten the names")  # fmt: skip
    ticks = ax.get_yticklabels() if horizontal else ax.get_xticklabels()
    for tick, i in zip(ticks, shown, strict=True):
        if categories[i] in highlighted:
            tick.set_fontweight("bold")


#: The narrowest a column's name may be cut to, in label sizes, before names are shown
#: every k-th instead: 'Hispanic/…' still names its group, 'H…' does not.
CUT_NAME_EMS = 2.5


def each_in_its_slot(fig: Figure, job: ChartJob, names: Sequence[str], slot: float,
                      highlighted: set[str]) -> list[str] | None:  # fmt: skip
    """Every name under its own column, for categories in no order (groups of people,
    departments): wrapped within its slot less the air between two names, a word too wide
    broken after a hyphen or slash ('Hispanic/' over 'Latino') or else ended with '…'
    (which the build reports). ``None`` for periods in time order, which read with every
    k-th named; and where the slot is too narrow for a cut name to say anything, or half
    the names or more would be cut ('Ad…', 'Tra…' name nothing; every k-th name whole
    does). Shown every other one instead, twelve exit-poll groups lost seven names, 'Men'
    and 'Black' among them, for two long ones (found by review)."""
    if job.data.in_time_order():
        return None
    # As far apart as :func:`chartkit.thin_step` keeps two names.
    room = slot - max(clearance_pt(fig), label_size(job) / 3)
    if room < CUT_NAME_EMS * label_size(job):
        return None
    categories = job.data.categories
    with shortening() as cut:  # a trial: said where the picture draws them
        for name, c in zip(names, categories, strict=True):
            wrap_label(job, name, room, bold=c in highlighted)
    if 2 * len(cut) >= len(names):
        return None
    return [wrap_label(job, name, room, bold=c in highlighted)
            for name, c in zip(names, categories, strict=True)]  # fmt: skip


def named_every(count: int, step: int, keep: Sequence[int]) -> list[int]:
    """The categories named when every ``step``-th is (counting back from the last), with
    each of ``keep`` (the highlighted) named too, its neighbours within ``step`` not."""
    shown = shown_every(count, step)
    for i in (i for i in keep if i not in shown):
        shown = sorted([k for k in shown if abs(k - i) >= step] + [i])
    return shown


# --------------------------------------------------------------------------- rows


def row_room(fig: Figure, job: ChartJob) -> float:
    """The widest a name beside a row of bars may be, in points (30% of the picture, or
    more where that holds a name it would cut: :func:`chartkit.row_name_room`)."""
    return row_name_room(job)


def row_names(job: ChartJob, room: float, *, one_line_only: bool = False) -> list[str]:
    """Each category's name beside its row: wrapped within ``room`` points, or, where the
    rows have no room for a second line, on one line ending in "…" (which the build
    reports, as for any name cut short)."""
    names = category_labels(job)
    if one_line_only:
        # On one line a name may take more of the width than it wraps at (row_name_room).
        room = max(room, row_name_room(job, one_line=True))
        return [one_line(job, c, room) for c in names]
    return [wrap_label(job, c, room) for c in names]


def whole_names(job: ChartJob) -> int:
    """How many rows the picture ``job`` names whole beside them (wrapped as
    :func:`row_names` wraps them, in :func:`~deckgen.render.chartkit.row_name_room`), for
    a card's choice of layout (``card_shown``): beside a wide title column a long name was
    cut to 'Housing & Commu…', which a layout with a wider chart writes whole (found by
    fuzzing)."""
    with shortening():  # a trial: the build says which names the picture cuts
        names = row_names(job, row_name_room(job))
    return sum("…" in name or "…" not in shown
               for name, shown in zip(job.data.categories, names, strict=True))  # fmt: skip


def row_needs(fig: Figure, job: ChartJob, labels: Sequence[str]) -> tuple[float, float]:
    """The points between two rows' centres that their names need (the most lines any
    has, and :data:`ROW_AIR`), and that the values beside their bars need: one line and
    the collision pass's clearance, closer than which it drops every other value."""
    h = text_height_pt(fig, job)
    lines = max((label.count("\n") + 1 for label in labels), default=1)
    # Names of several lines need a gap a reader sees between them: with a point of air,
    # 'Baden- / Württemberg' stood on 'Nordrhein- / Westfalen' and the four lines read as
    # one name (found by review).
    air = ROW_AIR * job.canvas.scale if lines == 1 else max(ROW_AIR * job.canvas.scale, 0.4 * h)
    return lines * h + air, h + clearance_pt(fig)


def row_reserve(fig: Figure, job: ChartJob) -> float:
    """Points above the plot that the rows do not get: a reference line's label stands
    over the plot's top (:func:`reference_line`), and the layout lowers the top for it."""
    return text_height_pt(fig, job) if job.spec.reference is not None else 0.0


def laid_out_height(fig: Figure, ax: Axes, *, value_ticks: bool) -> float:
    """The plot's height in points, laid out with or without tick labels along the value
    axis under it: matplotlib's default ticks stand in for the ones the value axis will
    have (the same height); values written at the bars take none."""
    was = ax.xaxis.get_tick_params().get("labelbottom", True)
    ax.tick_params(axis="x", labelbottom=value_ticks)
    settle(fig)
    ax.tick_params(axis="x", labelbottom=was)
    _, y0, _, y1 = axes_points(ax)
    return y1 - y0


def _row_ticks(ax: Axes, job: ChartJob) -> tuple[list[str], int]:
    """The names beside rows of bars, and every how many rows one is shown: every row
    whenever each row has the room its name needs, measured between the rows' centres on
    the layout the picture will have.

    That layout has no value axis when the values are written at the bars: measured with
    matplotlib's default ticks still under the plot, 18 rows of 14 pt names came out
    0.01 pt short, and every other name and every value went. The rows' centres are the
    plot's height over the y limits' span (the default margins make it a tenth more than
    the rows); when the margins leave a row short, the rows take the whole plot. Names of
    several lines the rows have no room for go on one line. Only rows too close for one
    line of text each show every k-th name."""
    import matplotlib as mpl

    fig = figure_of(ax)
    n = len(job.data.categories)
    # The names' size: the theme's, or smaller where the chart's type set a smaller one
    # to fit its rows; the value axis's ticks too (they sit under the rows).
    if label_size(job) != mpl.rcParams["ytick.labelsize"]:
        ax.tick_params(labelsize=label_size(job))
    # Their text as drawn: matplotlib's own formatter adds a line of its own under the
    # axis ("1e7") that the layout would measure the rows short by.
    ax.xaxis.set_major_formatter(tick_formatter(job))
    room = row_room(fig, job)
    labels = row_names(job, room)
    name_need, value_need = row_needs(fig, job, labels)
    values = job.spec.value_labels
    lo, hi = ax.get_ylim()
    span = abs(hi - lo)
    reserve = row_reserve(fig, job)
    _, y0, _, y1 = axes_points(ax)  # as laid out so far (before a layout: an estimate)
    height = y1 - y0 - reserve
    if height / span < max(name_need, value_need if values else 0.0):
        free = laid_out_height(fig, ax, value_ticks=False)
        # Decided as the bars' values will be (their slot: the plot's height over the
        # rows), so that the last layout here is the one they are measured on.
        values = values and value_need <= free / max(n, 1)
        height = (free if values else laid_out_height(fig, ax, value_ticks=True)) - reserve
    need = max(name_need, value_need if values else 0.0)
    pitch = height / span
    if pitch < need and span > n:
        ax.set_ylim(n - 0.5, -0.5)  # the first row still on top
        pitch = height / n
    # The air between names is what a size is chosen for; short of it, a name of one line
    # is still drawn while it keeps clear of its neighbours' lines. Names of several lines
    # get their gap whole (row_needs), or go on one line.
    air = ROW_AIR * job.canvas.scale
    if pitch < name_need and any("\n" in label for label in labels):
        labels = row_names(job, room, one_line_only=True)
        name_need = row_needs(fig, job, labels)[0]
    if pitch >= name_need - air:
        return labels, 1
    return labels, max(1, math.ceil(name_need / max(pitch, 1.0)))


# --------------------------------------------------------------------------- names above rows
@dataclass(frozen=True)
class NamesAbove:
    """Rows of horizontal bars with each name on its own line over its bar, the bars
    taking the plot's whole width (the horizontal bars' layout where names beside would leave the
    bars a sliver). In data units along y, where one row is 1: bar ``i`` is centred on
    ``i``, ``thickness`` thick, its name's bottom ``gap`` over its top; ``limits`` are the
    y limits (the first row on top)."""

    labels: tuple[str, ...]
    thickness: float
    gap: float
    limits: tuple[float, float]

    def place(self, ax: Axes, job: ChartJob, highlighted: set[str]) -> None:
        """Each row's name over its bar, left-aligned with the plot's left edge (where the
        bars start: at zero, unless some are negative), the highlighted ones bold. Tick
        labels, as names beside are: the collision pass keeps them and measures the values
        against them, and ``deckgen check`` reads the rows' names off them."""
        n = len(self.labels)
        ax.set_ylim(*self.limits)
        ax.set_yticks([i - self.thickness / 2 - self.gap for i in range(n)], list(self.labels))
        ax.tick_params(axis="y", pad=0, length=0, labelsize=label_size(job))
        for tick, category in zip(ax.get_yticklabels(), job.data.categories, strict=True):
            tick.set_horizontalalignment("left")
            tick.set_verticalalignment("bottom")
            if category in highlighted:
                tick.set_fontweight("bold")

    def clear_of_names(self, ax: Axes, job: ChartJob) -> None:
        """A reference line (dashed, down the plot) with a gap across each name it would
        cross, as it has across each value: names over the bars reach into the plot, where
        beside them they stood left of it, and the line broke only around the texts written
        on the plot. Measured as the picture is drawn (:func:`break_around_texts`)."""
        from matplotlib.text import Annotation

        for line in ax.get_lines():
            if line.get_linestyle() == "--":
                own = tuple(t for t in ax.texts if isinstance(t, Annotation))
                break_around_texts(line, LINE_CLEAR * label_size(job), own, names=True)

    def breaks(self, ax: Axes, job: ChartJob) -> None:
        """:func:`~deckgen.render.chartkit.row_breaks` with each name over its bar: the
        line midway between the bar above and the top of the name under it (half a row
        down from a bar runs through the next row's name), placed as the picture is
        drawn, when the name's size is known."""
        from matplotlib.lines import Line2D
        from matplotlib.transforms import IdentityTransform, blended_transform_factory

        names = ax.get_yticklabels()
        half = self.thickness / 2

        # Defined here: matplotlib is imported where a picture is drawn, not where a card
        # is planned (which imports this module).
        class Between(Line2D):
            def __init__(self, k: int) -> None:
                across = blended_transform_factory(ax.transAxes, IdentityTransform())
                super().__init__([0.0, 1.0], [0.0, 0.0], transform=across, zorder=1,
                                 color=job.theme.theme.colors.muted, linestyle=":",
                                 linewidth=1.5 * job.canvas.scale)  # fmt: skip
                self.k = k

            def draw(self, renderer: RendererBase) -> None:
                bar = ax.transData.transform((0.0, self.k - 1 + half))[1]
                name = names[self.k].get_window_extent(renderer).y1
                self.set_ydata([(bar + name) / 2] * 2)
                super().draw(renderer)

        for k in job.data.breaks:
            line = ax.add_line(Between(k))
            line.set_in_layout(False)  # drawn at 0 until placed: not for the layout to fit

    def baseline(self, ax: Axes, color: str) -> None:
        """Zero beside each bar only: a line down the whole plot would run along the
        names' first letters."""
        half = self.thickness / 2
        n = len(self.labels)
        ax.vlines([0.0] * n, [i - half for i in range(n)], [i + half for i in range(n)],
                  colors=color, linewidth=1, zorder=3)  # fmt: skip


def value_axis(ax: Axes, job: ChartJob, show: bool) -> None:
    """Light gridlines and compact tick labels when values are read off the axis."""
    clean_axes(ax, value_axis="y", show_values=show)
    if show:
        gridlines(ax, job)
        ax.yaxis.set_major_formatter(tick_formatter(job))


def ticks_past_margin(fig: Figure, ax: Axes, job: ChartJob) -> bool:
    """Whether the value axis's widest tick label, as it will be written, is wider than
    the left margin the plot has before the layout runs (so the layout narrows it): the
    column names, fitted to the plot before, are then fitted again on the plot laid out
    (a long format suffix ran 'South Korea' into 'Germany'; found by fuzzing)."""
    lo, hi = ax.get_ylim()
    ticks = [t for t in ax.yaxis.get_major_locator().tick_values(lo, hi) if lo <= t <= hi]
    formatter = ax.yaxis.get_major_formatter()
    formatter.set_locs(ticks)
    widest = max((text_width_pt(job, formatter(t)) for t in ticks), default=0.0)
    margin = ax.get_position().x0 * fig.get_figwidth() * 72
    return widest + label_size(job) > margin


def headroom(ax: Axes, lo: float, floors: list[float], height_pt: float) -> float:
    """The top y limit that leaves ``height_pt`` above every floor (after :func:`settle`)."""
    _, y0, _, y1 = axes_points(ax)
    axes_h = max(y1 - y0, 1.0)
    share = min(height_pt / axes_h, 0.5)
    return max((f - share * lo) / (1 - share) for f in floors)


# --------------------------------------------------------------------------- grouped


def column_widest(
    spec: ChartKind, data: ChartData, label_px: int, theme: LoadedTheme
) -> tuple[int, str | None]:
    """The width in px that sets a column's on a card with ``label_px`` labels: the widest
    word of a name (names wrap, but not inside a place or an amount: layout.text.words) or
    value label; and that value label, where one sets it (``None`` where a name does)."""
    regular, bold = theme.body.regular, theme.body.bold
    size = Px(label_px)
    pieces = [w for c in data.categories for w in words(str(c))] or ["0"]
    need = max(CARD.width(w, regular, size).px for w in pieces)
    widest = None
    if spec.value_labels:
        values = [v for v in spec.label_values(data) if v is not None]
        for text in spec.format.format_values(values):
            if (wide := CARD.width(text, bold, size).px) > need:
                need, widest = wide, text
    return need, widest


def column_room(
    spec: ChartKind, data: ChartData, box: Rect, label_px: int, theme: LoadedTheme
) -> int:
    """How many columns ``box`` shows with ``label_px`` labels (:func:`column_widest` sets
    a column's width)."""
    need, _ = column_widest(spec, data, label_px, theme)
    axis = box.width.px * 0.96
    if not spec.value_labels:
        ticks = spec.format.format_values([0, max(data.total(), 1)], ticks=True)
        axis -= CARD.width(ticks[1], theme.body.regular, Px(label_px)).px
    if spec.single_series:
        # One column per slot: the picture names every category while its widest word
        # fits the slot, and writes every value while the widest, bold, clears the
        # collision pass's padding (bar._labels_fit: 7 px at a card's 144 dpi). The room
        # kept for several bars' labels in a slot left a fifth year out of a card's panels
        # that had 92 px a slot for 72 px years (found by fuzzing).
        return max(2, int(axis // (need + 0.25 * label_px + 7)))
    return max(2, int(axis // (need * 1.12 + label_px * 0.4)))
