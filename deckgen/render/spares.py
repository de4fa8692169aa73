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

Only a pool's worker makes figures ahead (:func:`deckgen.render.executor._while_idle`): a
build drawing in its own process (``--jobs 1``) draws as it always has.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from deckgen.render.charts import ChartJob

#: Figures kept per style, and the styles kept (the most recently drawn).
PER_STYLE = 2
STYLES = 4

_made: dict[tuple[Any, ...], list[Figure]] = {}
_styles: dict[tuple[Any, ...], tuple[dict[str, Any], int]] = {}  # key -> (rcParams, dpi)


def _key(params: dict[str, Any], dpi: int) -> tuple[Any, ...]:
    return (
        tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items())),
        dpi,
    )


def take(job: ChartJob, params: dict[str, Any]) -> Figure | None:
    """A figure made ahead for ``job``'s style and dpi, sized to its canvas, or ``None``
    (none made: the chart makes its own). Noted as a style to make ahead for."""
    key = _key(params, job.canvas.dpi)
    _styles.pop(key, None)
    _styles[key] = (params, job.canvas.dpi)  # the most recent last
    while len(_styles) > STYLES:
        oldest = next(iter(_styles))
        del _styles[oldest]
        _made.pop(oldest, None)
    kept = _made.get(key)
    if not kept:
        return None
    fig = kept.pop()
    fig.set_size_inches(job.canvas.width.inches, job.canvas.height.inches)
    return fig


def make_one() -> bool:
    """Make a figure ahead for a style short of :data:`PER_STYLE`; ``False`` if none is."""
    for key, (params, dpi) in reversed(_styles.items()):
        kept = _made.setdefault(key, [])
        if len(kept) < PER_STYLE:
            kept.append(new_figure(params, dpi, (1.0, 1.0)))
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
