"""Small multiples (``facet: COLUMN``): one small chart per value of a column, in a grid.

One mechanism for every chart type that opts in (``facetable = True``): the rows are split
into panels by :func:`deckgen.tables.select.chart_data` (``ChartData.facets``); here each
panel is drawn by the type's own ``draw`` on a sub-axes with the panel's data, so a bar
panel is a bar chart, labels and all. Around that this module owns what makes a grid read
as one chart:

* the grid: columns from the panel count and the canvas's shape (panels near 4:3);
* one value scale (``facet_scales: shared``, the default): every panel is drawn, the
  union of their value limits is taken, and the panels are drawn again pinned to it, so
  a bar twice as tall is twice as much in whichever panel it stands;
* one category axis: names under the bottom panels only (beside the left ones for charts
  read across);
* a bold title inside each panel's top-left, in the accent for a highlighted panel (whose
  marks take the accent and the others' the context grey, when only panels are named);
  a highlighted category or series is accented in every panel (the type's own highlight);
* labels are written against the whole chart's values (one unit and precision).
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import TYPE_CHECKING

from deckgen.errors import joined
from deckgen.render.chartkit import label_size, legible, settle

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from deckgen.kinds.charts._base import ChartKind
    from deckgen.layout.geometry import Rect
    from deckgen.render.charts import ChartJob
    from deckgen.render.jobs import Canvas
    from deckgen.tables.select import ChartData
    from deckgen.theming.load import LoadedTheme

#: Panels are laid out nearest this width-to-height ratio (a small chart reads best a
#: little wider than tall); an empty cell in the grid costs as much as this much of a
#: ratio's log, so 4 panels take 2 x 2 rather than 3 + 1.
PANEL_RATIO = 1.3
EMPTY_CELL = 0.4
MAX_COLUMNS = 4
#: Space between panels, as shares of the figure's width and height.
GUTTER = (0.05, 0.06)
#: The smallest panel on a card, in label sizes (width, height): across, the value axis,
#: a plot with both ends of its time axis and the direct labels beside it (at 10, three
#: panels on an x-post kept only the last year); in height its title, a few lines of
#: marks and the axis labels under it (at 6, two panels stacked on a 16:9 card left
#: matplotlib no room for their plots).
PANEL_EMS = (12, 8)
#: Most panels described in the alt text; the rest are counted.
DESCRIBED = 8


def facet_problem(spec: ChartKind) -> str | None:
    """Why ``spec`` cannot be drawn as small multiples (checked at load), or ``None``."""
    from deckgen.kinds.charts import CHARTS

    if not spec.facetable:
        kinds = [c.model_fields["type"].annotation.__args__[0]  # type: ignore[union-attr]
                 for c in CHARTS if c.facetable]  # fmt: skip
        return (
            f"{spec.named} cannot be drawn as small multiples; 'facet:' works on "
            f"{joined(kinds)} charts"
        )
    for column, field in ((spec.x, "x"), (spec.series, "series")):
        if spec.facet == column:
            return (
                f"the facet column {column!r} is also the chart's {field}: each panel would "
                f"show a single {field}; facet by another column"
            )
    if spec.annotations or spec.difference or spec.cagr:
        return (
            "a note, difference or growth rate pins data points, but small multiples would "
            "repeat it in every panel; remove it or 'facet:'"
        )
    return None


def grid(count: int, width: float, height: float) -> tuple[int, int]:
    """(rows, columns) for ``count`` panels on a ``width`` x ``height`` canvas."""

    def cost(columns: int) -> float:
        rows = math.ceil(count / columns)
        ratio = (width / columns) / (height / rows)
        return abs(math.log(ratio / PANEL_RATIO)) + EMPTY_CELL * (rows * columns - count)

    columns = min(range(1, min(count, MAX_COLUMNS) + 1), key=cost)
    return math.ceil(count / columns), columns


def canvas_grid(canvas: Canvas, count: int) -> tuple[int, int]:
    return grid(count, canvas.width.pt, canvas.height.pt)


# --------------------------------------------------------------------------- drawing
def in_panel(panel: str) -> str:
    """' in the 'North' panel': where a type's note on what it left out of a panel says it
    is (:func:`draw_facets` says it once for every panel it holds for)."""
    return f" in the {panel!r} panel" if panel else ""


def draw_facets(fig: Figure, job: ChartJob) -> None:
    """The grid of panels (see the module doc); what the panels leave out is said once per
    kind of note, naming its panels (:func:`_merged`)."""
    from deckgen.render.chartkit import leaving_out, left_out

    with leaving_out() as notes:
        _draw_grid(fig, job)
    for note in _merged(notes, [name for name, _ in job.data.facets]):
        left_out(note)


#: Where a note named its panel, while notes alike but for it are grouped (no note holds it).
_HERE = "\0"


def _merged(notes: list[str], panels: list[str]) -> list[str]:
    """``notes`` with those alike but for their panel (:func:`in_panel`) said once, naming
    the panels: a band left unnamed in each of twelve panels was twelve warnings."""
    alike: dict[str, list[str]] = {}
    for note in notes:
        panel = next((p for p in panels if in_panel(p) in note), "")
        alike.setdefault(note.replace(in_panel(panel), _HERE, 1) if panel else note,
                         []).append(panel)  # fmt: skip
    out = []
    for note, named in alike.items():
        if len(named) == 1 or _HERE not in note:
            out += [note.replace(_HERE, in_panel(p)) for p in named]
            continue
        shown = [repr(p) for p in (named if len(named) <= 6 else named[:5])]  # no '1 more'
        more = [f"{len(named) - len(shown)} more"] if len(shown) < len(named) else []
        listed = joined(shown + more)
        out.append(note.replace(_HERE, f" in {len(named)} panels ({listed})"))
    return out


def _draw_grid(fig: Figure, job: ChartJob) -> None:
    from matplotlib.layout_engine import ConstrainedLayoutEngine

    from deckgen.render.plotaxes import PlotAxes

    spec = job.spec
    panels = job.data.facets
    rows, columns = canvas_grid(job.canvas, len(panels))
    shape = fig.add_gridspec(rows, columns)
    axes = [
        fig.add_subplot(shape[k // columns, k % columns], axes_class=PlotAxes)
        for k in range(len(panels))
    ]
    shared = spec.facet_scales == "shared" and len(panels) > 1
    # A grid's layout is the slow part of drawing it, and each type lays the figure out
    # again whenever it measures (once or more per panel). So the grid is laid out a few
    # times in all, and the types draw and measure against the last layout, kept as is:
    # a rough layout of the empty grid; a drawing on it (for the limits each type chooses,
    # with the room it leaves for labels, and whether its values fit as labels); on a
    # shared scale (or with labels dropped), a drawing on the union of those limits; the
    # layout of that drawing's texts (the final ones); the final drawing.
    engine = fig.get_layout_engine()
    if isinstance(engine, ConstrainedLayoutEngine):
        engine.set(wspace=GUTTER[0], hspace=GUTTER[1])  # panels read apart
    settle(fig)
    fig.set_layout_engine("none")
    scale = None
    _draw_panels(fig, job, axes, columns, scale, spec.value_labels)
    # One way of reading values in every panel: written on the marks in all of them, or
    # (where a panel has no room for its labels) read off a value axis in all of them.
    labels = spec.value_labels and len({_value_ticks(spec, ax) for ax in axes}) == 1
    if shared or labels != spec.value_labels:
        scale = _union(spec, axes) if shared else None
        _draw_panels(fig, job, _cleared(axes), columns, scale, labels)
    fig.set_layout_engine(engine)
    settle(fig)
    if _clear_corners(fig, axes, label_size(job)):
        settle(fig)
    fig.set_layout_engine("none")
    _draw_panels(fig, job, _cleared(axes), columns, scale, labels)
    if labels and len({_value_ticks(spec, ax) for ax in axes}) > 1:  # decided otherwise now
        _draw_panels(fig, job, _cleared(axes), columns, scale, False)
    if shared:  # a type that widens its limits for its labels: still one scale
        both = _union(spec, axes)
        for ax in axes:
            (ax.set_xlim if spec.value_along == "x" else ax.set_ylim)(*both)


def _union(spec: ChartKind, axes: list[Axes]) -> tuple[float, float]:
    """The value limits that take in every panel's."""
    lows, highs = zip(*(_limits(spec, ax) for ax in axes), strict=True)
    return min(lows), max(highs)


def _cleared(axes: list[Axes]) -> list[Axes]:
    for ax in axes:
        ax.clear()  # (which keeps tick parameters: the labels hidden come back)
        ax.tick_params(labelleft=True, labelbottom=True)
    return axes


def _clear_corners(fig: Figure, axes: list[Axes], size: float) -> bool:
    """A small panel has little room left of its first category: where that name would
    touch the lowest value tick (a '2015' under a '0'), the names hang lower. Whether any
    moved (the grid is then laid out again)."""
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    moved = False
    for ax in axes:
        ax.xaxis.get_tightbbox(renderer)  # tick labels placed for the current layout
        ax.yaxis.get_tightbbox(renderer)
        xs = [t.get_window_extent(renderer).padded(2) for t in ax.get_xticklabels()
              if t.get_text()]  # fmt: skip
        ys = [t.get_window_extent(renderer) for t in ax.get_yticklabels() if t.get_text()]
        if any(a.overlaps(b) for a in xs for b in ys):
            pad: float = ax.xaxis.get_major_ticks()[0].get_pad()  # type: ignore[func-returns-value,assignment]
            ax.tick_params(axis="x", pad=pad + 0.8 * size)
            moved = True
    return moved


def _value_ticks(spec: ChartKind, ax: Axes) -> bool:
    """Whether ``ax`` has a value axis with tick labels (its values are read off it)."""
    ticks = ax.get_xticklabels() if spec.value_along == "x" else ax.get_yticklabels()
    return any(t.get_text() for t in ticks)


def _limits(spec: ChartKind, ax: Axes) -> tuple[float, float]:
    lo, hi = ax.get_xlim() if spec.value_along == "x" else ax.get_ylim()
    return (min(lo, hi), max(lo, hi))


def _draw_panels(
    fig: Figure,
    job: ChartJob,
    axes: list[Axes],
    columns: int,
    scale: tuple[float, float] | None,
    labels: bool,
) -> None:
    spec = job.spec
    colors = job.theme.theme.colors
    panels = job.data.facets
    names = [name for name, _ in panels]
    # A highlight naming a panel accents its title; the rest accent marks in every panel.
    marks = [h for h in spec.highlight if h not in names]
    # Only panels named: their marks take the accent (with marks named too, those are the
    # accent in every panel, and a named panel its title's).
    panel_only = bool(spec.highlight) and not marks
    update: dict[str, object] = {"facet": None, "facet_order": [], "highlight": marks,
                                 "value_labels": labels}  # fmt: skip
    if scale is not None:
        update["axis"] = spec.axis.model_copy(update={"min": scale[0], "max": scale[1]})
    single = spec.model_copy(update=update)
    same = len({d.categories for _, d in panels}) == 1
    across = spec.value_along == "x"
    size = label_size(job)
    for k, ((name, data), ax) in enumerate(zip(panels, axes, strict=True)):
        column = k % columns
        below = k + columns < len(panels)  # another panel under this one
        # Category names once: under the bottom panels (beside the left ones for charts
        # read across). Each panel keeps its own values (labels or a light axis): a type
        # writes values on the marks only where they fit, which a panel decides for itself.
        hide_categories = same and (column > 0 if across else below)
        accent = name in spec.highlight
        ax.set_title(
            name, loc="left", fontsize=size, fontweight="bold", pad=0.6 * size,
            color=legible(job, colors.highlight) if accent else colors.text,
        )  # fmt: skip
        drawn = single
        if panel_only:
            # A highlighted panel's marks in the accent and the others' in the context
            # grey, as a single chart's highlight: only its title was accented, every
            # panel's marks in one colour (found in review). A name no mark has (the
            # panel's own) leaves a panel's marks all grey.
            own = spec.highlight_names(data) if accent else [name]
            drawn = single.model_copy(update={"highlight": own})
        spec.draw(fig, ax, replace(job, spec=drawn, data=data, whole=job.data, legend=k == 0))
        # After drawing: a type reads its own tick labels back as it draws.
        if hide_categories:
            ax.tick_params(axis="y" if across else "x", labelleft=False, labelbottom=False)


# --------------------------------------------------------------------------- alt text
def describe_facets(job: ChartJob) -> str:
    """'Small multiples of line charts, one panel per region (4): <finding>. Asia: ...;
    Europe: ...' (at most :data:`DESCRIBED` panels, then 'and N more')."""
    spec = job.spec
    panels = job.data.facets
    kind = spec.label[0].lower() + spec.label[1:]
    finding = job.title.rstrip(".")
    scale = "" if spec.facet_scales == "shared" else "; each panel on its own scale"
    lead = f"Small multiples of {kind}s, one panel per {spec.facet} ({len(panels)}){scale}"
    lead += f": {finding}." if finding else "."
    single = spec.model_copy(update={"facet": None, "facet_order": []})
    jobs = [(name, replace(job, spec=single, data=data, whole=job.data)) for name, data in panels]
    parts = [f"{name}: {single.describe_data(panel)}" for name, panel in jobs[:DESCRIBED]]
    more = len(panels) - DESCRIBED
    tail = f"; and {more} more panel{'s' if more > 1 else ''}" if more > 0 else ""
    # Said once, of the first panel whose printed parts miss their whole.
    note = next((n for _, panel in jobs if (n := single.rounding_note(panel))), "")
    return f"{lead} {'; '.join(parts)}{tail}.{note}"


# --------------------------------------------------------------------------- social cards
def card_room(spec: ChartKind, data: ChartData, box: Rect, label_px: int,
              theme: LoadedTheme) -> int:  # fmt: skip
    """How many categories each panel shows on a card: the fewest any panel's share of
    ``box`` has room for (its title takes a line)."""
    from deckgen.layout.geometry import Rect
    from deckgen.layout.units import Px

    rows, columns = grid(len(data.facets), box.width.px, box.height.px)
    title = round(label_px * 1.8)
    panel = Rect(box.left, box.top, Px(box.width.px // columns),
                 Px(max(box.height.px // rows - title, 1)))  # fmt: skip
    single = spec.model_copy(update={"facet": None, "facet_order": []})
    return min(single.card_categories(d, panel, label_px, theme) for _, d in data.facets)


def card_refusal(spec: ChartKind, data: ChartData, box: Rect, label_px: int) -> str | None:
    """Why a card's chart box is too small for these panels at the card's text size (the
    text is never shrunk under it), or ``None``: each panel needs room for its title, its
    names or direct labels beside its marks (about ten characters' width of plot and ten of
    labels), and a few lines of marks under its title."""
    rows, columns = grid(len(data.facets), box.width.px, box.height.px)
    wide, tall = box.width.px / columns, box.height.px / rows
    need_w, need_h = PANEL_EMS[0] * label_px, PANEL_EMS[1] * label_px
    if wide >= need_w and tall >= need_h:
        return None
    fits = max(
        (n for n in range(1, len(data.facets) + 1)
         if box.width.px / grid(n, box.width.px, box.height.px)[1] >= need_w
         and box.height.px / grid(n, box.width.px, box.height.px)[0] >= need_h),
        default=0,
    )  # fmt: skip
    return (
        f"{len(data.facets)} panels do not fit the card's chart at its text size "
        f"({label_px} px): {fits} would"
    )
