"""Chart jobs over data written in a test: a spec, the categories and the series."""

from __future__ import annotations

from typing import TYPE_CHECKING

from deckgen.kinds.charts import chart
from deckgen.layout.units import Inches
from deckgen.render.charts import ChartJob
from deckgen.render.jobs import Canvas
from deckgen.render.style import chart_style
from deckgen.tables.select import ChartData, Series
from tests.helpers import load_theme

if TYPE_CHECKING:
    from matplotlib.figure import Figure

THEMES = ("corporate", "dark", "contrast")
#: The slide's chart area at a quick dpi (text sizes do not depend on it).
CANVAS = Canvas(Inches(12.33), Inches(4.9), dpi=100)


def job(
    kind: str,
    categories: list[str],
    series: dict[str, list[float | None]],
    *,
    theme: str = "corporate",
    canvas: Canvas = CANVAS,
    title: str = "A finding",
    **fields: object,
) -> ChartJob:
    """A ``kind`` chart of ``series`` (name -> values) over ``categories``."""
    names = list(series)
    spec = chart(type=kind, data="d", x="x", y=names[0] if len(names) == 1 else names, **fields)
    data = ChartData(
        tuple(categories), tuple(Series(name, tuple(values)) for name, values in series.items())
    )
    return ChartJob(spec, data, load_theme(theme), canvas, title=title)


def figure(chart_job: ChartJob) -> Figure:
    """The laid-out figure, collision pass run (call its measurements inside the style)."""
    with chart_style(chart_job.theme, chart_job.canvas):
        fig = chart_job.figure()
        fig.canvas.draw()
        return fig
