"""What the area and stacked-area tests share, as the kinds share AreaKind
(kinds/charts/_areas.py): data written for them (U.S. electricity generation by source,
us_generation.csv; 120 months of employment), each kind's deck of a picture, its native
form and two cards, built once per theme (the ``area_deck`` fixture in conftest.py), and
the picture's right-edge labels as drawn."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pptx import Presentation

from deckgen.kinds.charts import chart
from deckgen.layout.units import Inches
from deckgen.pipeline import BuildOptions, build
from deckgen.render.charts import ChartJob
from deckgen.render.jobs import Canvas
from deckgen.render.labels import remove_collisions, text_boxes
from deckgen.render.style import chart_style
from deckgen.tables.select import ChartData, Series
from tests.helpers import load_theme, write_project

if TYPE_CHECKING:
    from matplotlib.figure import Figure
    from pandas import DataFrame

KINDS = ("area", "stacked-area")
DATA = Path(__file__).with_name("us_generation.csv")
CSV = DATA.read_text(encoding="utf-8")
ROWS = list(csv.DictReader(io.StringIO(CSV)))
YEARS = tuple(r["year"] for r in ROWS)
THEMES = ("corporate", "dark", "contrast", "corporate-template")
SOURCES = {"coal": "Coal", "natural_gas": "Natural gas", "nuclear": "Nuclear", "hydro": "Hydro",
           "wind": "Wind", "solar": "Solar"}  # fmt: skip
CANVAS = Canvas(Inches(12.33), Inches(4.9), dpi=100)
HALF = Canvas(Inches(6.0), Inches(4.0), dpi=100)

#: Each kind's deck: a picture, the same chart natively, and a card at two presets.
DECKS = {
    "area": """\
deck: {title: Power}
data:
  gen: {file: us_generation.csv}
slides:
  - kind: chart
    title: Wind overtook hydro in 2019
    chart: &chart
      type: area
      data: gen
      x: year
      y: [wind, hydro, solar]
      series_labels: {wind: Wind, hydro: Hydro, solar: Solar}
      format: plain:0
      highlight: Wind
  - kind: chart
    title: Wind overtook hydro in 2019, natively
    chart: {<<: *chart, native: true}
social:
  cards:
    - kind: chart
      name: wind
      presets: [ig-square, x-post]
      title: Wind overtook hydro in 2019
      chart: *chart
""",
    "stacked-area": """\
deck: {title: Power}
data:
  gen: {file: us_generation.csv}
slides:
  - kind: chart
    title: Gas replaced coal as the largest source
    chart: &chart
      type: stacked-area
      data: gen
      x: year
      y: [coal, natural_gas, nuclear, hydro, wind, solar]
      series_labels: {coal: Coal, natural_gas: Natural gas, nuclear: Nuclear, hydro: Hydro,
                      wind: Wind, solar: Solar}
      format: plain:0
      highlight: Natural gas
  - kind: chart
    title: Gas replaced coal as the largest source, natively
    chart: {<<: *chart, native: true}
social:
  cards:
    - kind: chart
      name: mix
      presets: [ig-square, x-post]
      title: Gas replaced coal as the largest source
      chart: *chart
""",
}
#: Each deck's card name.
CARDS = {"area": "wind", "stacked-area": "mix"}
#: The title each kind's picture is drawn under.
TITLES = {"area": "Wind overtook hydro", "stacked-area": "Gas replaced coal"}


def column(name: str) -> tuple[float, ...]:
    return tuple(float(r[name]) for r in ROWS)


def power(*columns: str) -> ChartData:
    return ChartData(YEARS, tuple(Series(SOURCES[c], column(c)) for c in columns))


def job(kind: str, data: ChartData, theme: str = "corporate", **fields: object) -> ChartJob:
    spec = chart(type=kind, data="gen", x="year", y=[s.name for s in data.series],
                 **{"format": "plain:0", **fields})  # fmt: skip
    return ChartJob(spec, data, load_theme(theme), CANVAS, title=TITLES[kind])


@dataclass(frozen=True)
class Built:
    path: Path
    deck: Presentation
    cards: Path


def build_deck(root: Path, kind: str, theme: str) -> Built:
    path = write_project(root, DECKS[kind], {"us_generation.csv": CSV})
    result = build(path, BuildOptions(theme=theme, out_dir=root / "out"))
    assert result.cards_dir is not None
    return Built(result.deck, Presentation(str(result.deck)), result.cards_dir)


def descriptions(slide) -> list[str]:  # type: ignore[no-untyped-def]
    """The alt text of every shape on ``slide`` (a picture may sit in a placeholder)."""
    return [s._element.xpath("./*[1]/p:cNvPr")[0].get("descr") or "" for s in slide.shapes]


@dataclass(frozen=True)
class Labels:
    """The picture's texts as drawn, before the collision pass removed any."""

    boxes: dict[str, tuple[float, float, float, float]]
    #: What the collision pass removed.
    removed: list[str]
    #: The plot's right edge, in pixels.
    right: float
    fig: Figure


def labels(drawn: ChartJob) -> Labels:
    with chart_style(drawn.theme, drawn.canvas):
        fig = drawn.figure(collisions=False)
        removed = remove_collisions(fig)
        right = fig.axes[0].get_window_extent().x1
        boxes = {t: (b.x0, b.y0, b.x1, b.y1) for t, b in text_boxes(fig)}
    return Labels(boxes, removed, right, fig)


def overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def monthly(kind: str, canvas: Canvas = CANVAS, theme: str = "corporate",
            frame: DataFrame | None = None, **fields: object) -> ChartJob:  # fmt: skip
    """A chart over the 120 months of tests/data/employment_monthly.csv, read through the
    kind's own selection (which puts dates in order)."""
    from deckgen.errors import Location
    from tests.helpers import employment_frame

    spec = chart(type=kind, data="d", x="month", y=["construction", "manufacturing"],
                 scale=1000, format="compact:1", **fields)  # fmt: skip
    rows = employment_frame() if frame is None else frame
    data = spec.select_data(rows, Location("deck.yaml", 1, "chart"))
    return ChartJob(spec, data, load_theme(theme), canvas, title="Jobs")
