"""Figures made ahead, while a drawing worker waits for its next job.

Every chart starts with a figure and its plot (an Axes): about 5 ms of matplotlib's own
set-up, made under the chart's rcParams (the theme's colours, fonts and text scale) and
the same for every chart of a deck in one style. A worker that has nothing to draw makes
one or two of them for the styles it drew last (before its first job: the style of the
chart its drawing process drew before the fork, see ``deckgen.pipeline.warm_up``), and
the next chart in that style takes one rather than making its own: a warm session's edit
finds them made while the user typed, a batch's first charts while its first row is
planned. A figure made ahead is made as the chart would make it, by the same calls under
the same rcParams, and sized to the chart when taken (a test compares every chart's
pixels either way). Every chart's figure is made inside its ``chart_style``, whose
rcParams key the figures made ahead.

A figure made ahead also has its ticks made ahead, as many as the charts of its style
drew last on each axis: matplotlib makes a tick (two lines, a gridline, two texts) the
first time an axis shows that many, ~0.5 ms each, and a slide chart shows 10 names or
values on an axis (the bench's edit: its four pictures drew in ~402 CPU ms, not ~430, the
same bytes). Made ahead, the same ticks are made by the same call (``Axis.get_major_ticks``)
under the same rcParams, each copying the first as matplotlib's own do; the ticks a chart
does not show are neither laid out nor drawn.

Only a pool's worker makes figures ahead (:func:`deckgen.render.executor._while_idle`): a
build drawing in its own process (``--jobs 1``) draws as it always has.
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from matplotlib.axis import Axis
    from matplotlib.figure import Figure

    from deckgen.render.charts import ChartJob

#: Figures kept per style, and the styles kept (the most recently drawn).
PER_STYLE = 2
STYLES = 4

#: The charts of a style whose ticks say how many to make ahead (the most any of them
#: drew on each axis), and at most how many an axis gets ahead: a chart of 40 names once
#: does not make every later one carry 40 (ticks not shown still cost the chart a little
#: each time its tick settings change).
TICKS_OF = 8
MOST_TICKS = 24
#: Ticks made in one step: a job that comes meanwhile waits for no more than that.
TICKS_STEP = 4

_made: dict[tuple[Any, ...], list[Figure]] = {}
_styles: dict[tuple[Any, ...], tuple[dict[str, Any], int]] = {}  # key -> (rcParams, dpi)
#: Per style, each recent chart's tick counts (x major, y major, x minor, y minor).
_ticks: dict[tuple[Any, ...], deque[tuple[int, ...]]] = {}
_drawing: tuple[Any, ...] | None = None  # the style of the chart being drawn (take())


def _key(params: dict[str, Any], dpi: int) -> tuple[Any, ...]:
    return (
        tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items())),
        dpi,
    )


def take(job: ChartJob, params: dict[str, Any]) -> Figure | None:
    """A figure made ahead for ``job``'s style and dpi, sized to its canvas, or ``None``
    (none made: the chart makes its own). Noted as a style to make ahead for, and as the
    style of the chart now drawn (:func:`drew`)."""
    global _drawing
    key = _drawing = _key(params, job.canvas.dpi)
    _styles.pop(key, None)
    _styles[key] = (params, job.canvas.dpi)  # the most recent last
    while len(_styles) > STYLES:
        oldest = next(iter(_styles))
        del _styles[oldest]
        _made.pop(oldest, None)
        _ticks.pop(oldest, None)
    kept = _made.get(key)
    if not kept:
        return None
    fig = kept.pop()
    fig.set_size_inches(job.canvas.width.inches, job.canvas.height.inches)
    return fig


def drew(fig: Figure) -> None:
    """Note how many ticks the chart just drawn on ``fig`` (in the style it :func:`take`
    noted) made on each axis of its plot: the next figures of its style get as many."""
    if _drawing is None or _drawing not in _styles or not fig.axes:
        return
    counts = tuple(len(_made_ticks(axis, major)) for axis, major in _tick_lists(fig))
    _ticks.setdefault(_drawing, deque(maxlen=TICKS_OF)).append(counts)


def make_one() -> bool:
    """One step of making ahead, the most recent style first: a figure's ticks short of
    what its style's charts drew, or a figure for a style short of :data:`PER_STYLE`;
    ``False`` if there is nothing left to make."""
    for key, (params, dpi) in reversed(_styles.items()):
        kept = _made.setdefault(key, [])
        drawn = _ticks.get(key)
        wanted = [min(max(c), MOST_TICKS) for c in zip(*drawn, strict=True)] if drawn else []
        for fig in kept:
            if wanted and _tick_step(fig, params, wanted):
                return True
        if len(kept) < PER_STYLE:
            kept.append(new_figure(params, dpi, (1.0, 1.0)))
            return True
    return False


def _tick_lists(fig: Figure) -> list[tuple[Axis, bool]]:
    """The tick lists of ``fig``'s plot, in the order of :data:`_ticks`' counts: each axis
    and whether its major ticks (x major, y major, x minor, y minor)."""
    ax = fig.axes[0]
    return [(ax.xaxis, True), (ax.yaxis, True), (ax.xaxis, False), (ax.yaxis, False)]


def _made_ticks(axis: Axis, major: bool) -> list[Any]:
    """The ticks ``axis`` has made, without making its first: matplotlib makes that one when
    the list is first read (under the rcParams then in force)."""
    return cast("list[Any]", axis.__dict__.get("majorTicks" if major else "minorTicks", []))


def _tick_step(fig: Figure, params: dict[str, Any], wanted: list[int]) -> bool:
    """Make up to :data:`TICKS_STEP` of the ticks ``fig``'s plot is short of ``wanted``
    (x major, y major, x minor, y minor); ``False`` if it is short of none."""
    import matplotlib as mpl

    for (axis, major), want in zip(_tick_lists(fig), wanted, strict=True):
        have = len(_made_ticks(axis, major))
        if have < want:
            with mpl.rc_context(cast("Any", params)):
                more = min(want, have + TICKS_STEP)
                if major:
                    axis.get_major_ticks(more)
                else:
                    axis.get_minor_ticks(more)
            if len(_made_ticks(axis, major)) > have:  # (else made elsewhere: never loop)
                return True
    return False


def new_figure(params: dict[str, Any], dpi: int, inches: tuple[float, float]) -> Figure:
    """A chart's figure and its plot, as every chart starts, under ``params``."""
    import matplotlib as mpl

    from deckgen.render.plotaxes import PlotAxes

    with mpl.rc_context(cast("Any", params)):
        fig = blank_figure(inches, dpi)
        fig.add_subplot(axes_class=PlotAxes)
    return fig


def blank_figure(inches: tuple[float, float], dpi: int) -> Figure:
    """A chart's figure before its plot (under the rcParams in force): the one place a
    chart's figure is made, ahead or not."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=inches, dpi=dpi)
    FigureCanvasAgg(fig)  # no pyplot: no global figure state, safe in worker processes
    fig.set_layout_engine("constrained", w_pad=0.04, h_pad=0.04)
    return fig
