"""What the dot, range and arrow tests share: data written for them (median rents by city,
with near-equal, equal, falling and missing values), a one-slide project, the picture laid
out as it is drawn, and its texts' extents."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from typing import TYPE_CHECKING, Any

from matplotlib.text import Text

from deckgen.kinds.charts import chart
from deckgen.layout.units import Inches
from deckgen.render.charts import ChartJob
from deckgen.render.jobs import Canvas
from deckgen.render.labels import remove_collisions
from deckgen.render.style import chart_style
from deckgen.tables.select import ChartData, Series
from tests.helpers import load_theme, write_project

if TYPE_CHECKING:
    from pathlib import Path

    from matplotlib.figure import Figure

#: Every shipped theme.
THEMES = ("corporate", "dark", "contrast", "corporate-template")

#: Median monthly rent by city (made up for these tests): Chicago's two values are close,
#: Denver's equal, Seattle's fall a little, Tulsa has no 2015 value.
RENTS_CSV = """city,rent_2015,rent_2020,rent_2024
Austin,1150,1400,1590
Boston,2100,2300,2640
Chicago,1390,1395,1402
Denver,1290,1300,1290
Detroit,830,900,1010
Miami,1450,1800,2350
Phoenix,880,1100,1280
Seattle,1760,1700,1745
Tulsa,-,700,760
"""
RENTS = {
    "Austin": (1150, 1590), "Boston": (2100, 2640), "Chicago": (1390, 1402),
    "Denver": (1290, 1290), "Detroit": (830, 1010), "Miami": (1450, 2350),
    "Phoenix": (880, 1280), "Seattle": (1760, 1745), "Tulsa": (None, 760),
}  # fmt: skip

#: The slide's chart area at a test resolution.
CANVAS = Canvas(Inches(12.33), Inches(4.9), dpi=100)


def outline(chart_yaml: str, title: str = "Rents rose fastest in Miami") -> str:
    """A one-slide outline over ``rents.csv`` with ``chart_yaml`` as its chart mapping."""
    return (
        "deck: {title: Rents}\n"
        "data:\n  rents: {file: rents.csv}\n"
        "slides:\n"
        "  - kind: chart\n"
        f"    title: {title}\n"
        "    source: Test data\n"
        f"    chart: {chart_yaml}\n"
    )


def project(root: Path, chart_yaml: str, title: str = "Rents rose fastest in Miami") -> Path:
    return write_project(root, outline(chart_yaml, title), {"rents.csv": RENTS_CSV})


def rents(*cities: str) -> ChartData:
    names = cities or tuple(RENTS)
    return ChartData(
        names,
        (
            Series("2015", tuple(_f(RENTS[c][0]) for c in names)),
            Series("2024", tuple(_f(RENTS[c][1]) for c in names)),
        ),
    )


def _f(value: int | None) -> float | None:
    return None if value is None else float(value)


def job(kind: str, data: ChartData, theme: str = "corporate", **fields: object) -> ChartJob:
    y = [f"y{k}" for k in range(len(data.series))]
    fields.setdefault("format", "$plain:0")
    spec = chart(type=kind, data="rents", x="city", y=y, **fields)
    return ChartJob(spec, data, load_theme(theme), CANVAS, title="Rents rose fastest in Miami")


@dataclass(frozen=True)
class Drawn:
    """A picture as laid out: what the collision pass removed and every visible text."""

    removed: list[str]
    texts: list[tuple[str, tuple[float, float, float, float]]]
    frame: tuple[float, float, float, float]
    sizes: list[float]


def draw(job: ChartJob, inspect: object = None) -> Drawn:
    """Lay ``job`` out as the renderer does (the collision pass run here, to see what it
    removes); ``inspect(fig)`` may look at the figure while the theme's style is on."""
    with chart_style(job.theme, job.canvas):
        fig = job.figure(collisions=False)
        removed = remove_collisions(fig)
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
        texts = [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()
                 and _drawn(fig, t)]  # fmt: skip
        boxes = []
        for t in texts:
            b = t.get_window_extent(renderer)
            boxes.append((t.get_text(), (b.x0, b.y0, b.x1, b.y1)))
        if callable(inspect):
            inspect(fig)
        return Drawn(removed, boxes, tuple(fig.bbox.bounds), [t.get_fontsize() for t in texts])


def _drawn(fig: Figure, text: Text) -> bool:
    """Tick labels just past the axis limits are kept by matplotlib but not drawn."""
    for ax in fig.axes:
        for axis, (lo, hi) in ((ax.xaxis, ax.get_xlim()), (ax.yaxis, ax.get_ylim())):
            for tick in axis.get_major_ticks():
                if tick.label1 is text:
                    lo, hi = min(lo, hi), max(lo, hi)
                    return lo - 1e-9 <= tick.get_loc() <= hi + 1e-9
    return True


def overlaps(texts: list[tuple[str, tuple[float, float, float, float]]]) -> list[tuple[str, str]]:
    return [
        (a, b)
        for (a, p), (b, q) in combinations(texts, 2)
        if p[0] < q[2] and q[0] < p[2] and p[1] < q[3] and q[1] < p[3]
    ]


def outside(drawn: Drawn) -> list[str]:
    x, y, w, h = drawn.frame
    return [
        t
        for t, (x0, y0, x1, y1) in drawn.texts
        if x0 < x - 0.5 or y0 < y - 0.5 or x1 > x + w + 0.5 or y1 > y + h + 0.5
    ]


def boxes_of(drawn: Drawn, text: str) -> list[tuple[float, float, float, float]]:
    return [b for t, b in drawn.texts if t == text]


def card_charts(root: Path, chart_yaml: str, csv: str = RENTS_CSV) -> dict[str, ChartJob]:
    """The chart of a social card showing ``chart_yaml`` of ``csv`` (rents.csv) at
    ig-square and x-post, as planned (redrawn for the card's chart box, with the rows it
    has room for)."""
    cards = planned_cards(root, chart_yaml, (
        "    - kind: chart\n      name: rents\n      presets: [ig-square, x-post]\n"
        "      title: Rents rose fastest in Miami\n      source: Test data\n"
        f"      chart: {chart_yaml}\n"
    ), csv)  # fmt: skip
    return {c.preset.name: c.job.chart.job for c in cards}


def planned_cards(root: Path, chart_yaml: str, cards: str, csv: str = RENTS_CSV) -> list[Any]:
    """The cards of a one-slide project over ``csv`` (rents.csv) showing ``chart_yaml``,
    with ``cards`` (YAML items of ``social.cards``), as planned."""
    from deckgen.plan.cards import plan_cards
    from deckgen.tables.sources import load_tables
    from tests.helpers import load_outline

    text = outline(chart_yaml) + "social:\n  cards:\n" + cards
    path = write_project(root, text, {"rents.csv": csv})
    loaded = load_outline(path)
    return plan_cards(loaded, load_tables(loaded), load_theme())


#: Each kind's chart over rents.csv (a one-slide project's chart mapping) and its title.
SPECS = {
    "dot": """{type: dot, data: rents, x: city, y: [rent_2015, rent_2024],
            series_labels: {rent_2015: "2015", rent_2024: "2024"},
            sort: {by: rent_2024}, format: "$plain:0", highlight: Miami}""",
    "range": """{type: range, data: rents, x: city, y: [rent_2015, rent_2024],
              series_labels: {rent_2015: "2015", rent_2024: "2024"},
              format: "$plain:0", highlight: Boston}""",
    "arrow": """{type: arrow, data: rents, x: city, y: [rent_2015, rent_2024],
              series_labels: {rent_2015: "2015", rent_2024: "2024"},
              format: "$plain:0", highlight: Miami, change: percent}""",
}
TITLES = {"dot": "Rents rose fastest in Miami", "range": "Boston's rents span the most",
          "arrow": "Rents rose fastest in Miami"}  # fmt: skip
#: The cities sorted by their 2024 rent, largest first (the dot plot's ``sort``).
BY_2024 = ("Boston", "Miami", "Seattle", "Austin", "Chicago", "Denver", "Phoenix", "Detroit",
           "Tulsa")  # fmt: skip


def alt_text(shape: object) -> str:
    """A shape's alt text (``descr``), picture or chart."""
    return shape._element.xpath("./*[1]/p:cNvPr")[0].get("descr")  # type: ignore[attr-defined]


def build_native(root: Path, kind: str) -> tuple[Path, object]:
    """``kind``'s chart built in its native form: the deck and the chart's frame."""
    from pptx import Presentation

    from deckgen.pipeline import BuildOptions, build

    native = SPECS[kind].replace("{type", "{native: true, type")
    result = build(project(root, native, TITLES[kind]), BuildOptions(out_dir=root / "out"))
    assert result.pictures == 0
    slide = Presentation(str(result.deck)).slides[0]
    return result.deck, next(s for s in slide.shapes if s.has_chart)


#: Shares of a country's population by state, 2019 and 2024 (made up for these tests, after
#: Germany's largest states): values of 4.4% to 21.9% changing by 0.1 to 0.4 points.
SHARES_CSV = """state,share_2019,share_2024
Nordrhein-Westfalen,21.5,21.9
Bayern,15.6,16.0
Baden-Württemberg,13.3,13.5
Niedersachsen,9.6,9.5
Hessen,7.5,7.6
Rheinland-Pfalz,4.9,4.9
Sachsen,4.9,4.8
Berlin,4.4,4.6
"""


def shares() -> ChartData:
    """SHARES_CSV's rows as a chart's data."""
    rows = [line.split(",") for line in SHARES_CSV.splitlines()[1:]]
    return ChartData(
        tuple(r[0] for r in rows),
        (Series("2019", tuple(float(r[1]) for r in rows)),
         Series("2024", tuple(float(r[2]) for r in rows))),
    )  # fmt: skip


def shares_cards(root: Path, kind: str, presets: list[str], csv: str = SHARES_CSV,
                 more: str = "") -> dict[str, ChartJob]:  # fmt: skip
    """The chart of a German deck's card of ``csv`` (SHARES_CSV's columns) as ``kind`` on
    each of ``presets`` that lays it out, as planned; ``more``: further chart fields
    ('axis: {zero: true}')."""
    from deckgen.errors import FitError
    from deckgen.plan.cards import plan_cards
    from deckgen.tables.sources import load_tables
    from tests.helpers import load_outline

    out = {}
    for preset in presets:
        text = (
            "deck: {title: Bevölkerung, locale: de_DE}\n"
            "data:\n  shares: {file: shares.csv}\n"
            "slides:\n  - kind: title\n    title: Bevölkerung\n"
            "social:\n  cards:\n"
            f"    - kind: chart\n      name: shares\n      presets: [{preset}]\n"
            "      title: Bayern wächst am stärksten\n"
            "      subtitle: Anteil an der Bevölkerung, 2019 und 2024\n"
            "      source: Testdaten\n"
            f"      chart: {{type: {kind}, data: shares, x: state, y: [share_2019, share_2024],\n"
            "               series_labels: {share_2019: '2019', share_2024: '2024'},\n"
            "               format: 'percent:1', sort: {by: share_2024}"
            f"{', ' + more if more else ''}}}\n"
        )
        path = write_project(root / preset / kind, text, {"shares.csv": csv})
        loaded = load_outline(path)
        try:
            cards = plan_cards(loaded, load_tables(loaded), load_theme())
        except FitError:
            continue  # a preset the card does not fit
        out[preset] = cards[0].job.chart.job
    return out
