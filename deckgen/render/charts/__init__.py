"""Charts: one module per family, one dispatch table keyed by chart type.

Each renderer draws onto a matplotlib ``Axes`` given a :class:`ChartJob`; this module owns
the figure, the theme styling, the label-collision pass and the PNG encoding, so renderers
only draw.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from deckgen.render.charts import bar, donut, grouped, line
from deckgen.render.charts._labels import remove_collisions
from deckgen.render.jobs import Asset

if TYPE_CHECKING:
    import numpy as np
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from deckgen.render.jobs import ChartJob

Renderer = Callable[["Figure", "Axes", "ChartJob"], None]

RENDERERS: dict[str, Renderer] = {
    "bar": bar.draw_bar,
    "hbar": bar.draw_hbar,
    "grouped-bar": grouped.draw_grouped,
    "stacked-bar": grouped.draw_stacked,
    "line": line.draw_line,
    "donut": donut.draw_donut,
}


def build_figure(job: ChartJob, *, collisions: bool = True) -> Figure:
    """The laid-out figure for ``job``, before encoding; call inside ``chart_style``.

    With ``collisions=False`` the collision pass is left to the caller (tests run it to see
    what it would remove).
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    canvas = job.canvas
    fig = Figure(figsize=(canvas.width, canvas.height), dpi=canvas.dpi)
    FigureCanvasAgg(fig)  # no pyplot: no global figure state, safe in worker processes
    fig.set_layout_engine("constrained", w_pad=0.04, h_pad=0.04)
    ax = fig.add_subplot()
    RENDERERS[job.spec.type](fig, ax, job)
    if collisions:
        remove_collisions(fig)
    return fig


def chart_pixels(job: ChartJob) -> np.ndarray:
    """Draw ``job``: its pixels, height x width x RGBA. Pure.

    Drawn straight on the Agg canvas (the figure's facecolour is the theme background,
    as savefig's would be), so cards can paste the pixels without a PNG round trip.
    """
    import numpy as np

    from deckgen.render.style import chart_style

    with chart_style(job.theme, job.canvas):
        fig = build_figure(job)
        fig.canvas.draw()
        # A view of the canvas's buffer (it keeps the buffer alive): no copy.
        return np.asarray(fig.canvas.buffer_rgba())  # type: ignore[attr-defined]


def render_chart(job: ChartJob) -> Asset:
    """Draw ``job`` into a PNG with alt text. Pure: the same job gives the same bytes."""
    from deckgen.render.alt import describe_chart
    from deckgen.render.png import encode_png

    png = encode_png(chart_pixels(job), dpi=job.canvas.dpi)
    alt = job.spec.alt or describe_chart(job)
    values = {
        "categories": list(job.data.categories),
        "series": {s.name: list(s.values) for s in job.data.series},
    }
    return Asset(png, alt, job.key(), values)
