"""The native range plot tells the start from the end as the picture does: the start a
ring in the row's colour (a disc under a hole in the background colour, since LibreOffice
draws no marker edges), the end a filled disc, the span under the hole."""

from __future__ import annotations

from pptx import Presentation
from pptx.oxml.ns import qn

from deckgen.kinds.charts._native import add_native_chart
from deckgen.layout.geometry import Rect
from deckgen.layout.units import Inches
from tests.kinds.charts.jobs import CANVAS, THEMES, job

#: Ferry fares in cents, 2019 and 2024: one fell, two rose.
ROUTES = ["Harbour loop", "Island run", "River bus"]
FARES = {"2019": [250.0, 410.0, 180.0], "2024": [320.0, 395.0, 260.0]}


def _chart(theme: str):
    chart_job = job("range", ROUTES, FARES, theme=theme, format="plain:0", highlight="Island run")
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    box = Rect(Inches(0.5), Inches(0.5), CANVAS.width, CANVAS.height)
    return chart_job, add_native_chart(slide, chart_job, box, "alt").chart


def _marker(ser, point: int | None = None):
    """(fill, edge colour or None, size) of a series' marker, or of one point's."""
    if point is None:
        mark = ser.find(qn("c:marker"))
    else:
        own = {d.find(qn("c:idx")).get("val"): d for d in ser.findall(qn("c:dPt"))}
        mark = own[str(point)].find(qn("c:marker"))
    pr = mark.find(qn("c:spPr"))
    edge = pr.find(f"{qn('a:ln')}/{qn('a:solidFill')}/{qn('a:srgbClr')}")
    return (pr.find(f"{qn('a:solidFill')}/{qn('a:srgbClr')}").get("val"),
            None if edge is None else edge.get("val"),
            int(mark.find(qn("c:size")).get("val")))  # fmt: skip


def _name(ser) -> str:
    return ser.find(f"{qn('c:tx')}//{qn('c:v')}").text


def test_the_start_is_a_ring_over_a_disc_and_the_end_a_filled_disc() -> None:
    for theme in THEMES:
        chart_job, chart = _chart(theme)
        background = chart_job.theme.theme.colors.background.lstrip("#").upper()
        disc, start, end = chart._chartSpace.findall(f".//{qn('c:lineChart')}/{qn('c:ser')}")
        assert [_name(s) for s in (disc, start, end)] == ["2019", "2019", "2024"]
        grey, highlight = (
            chart_job.spec.color(chart_job),
            chart_job.spec.color(chart_job, next(r for r in _rows(chart_job) if r.highlighted)),
        )
        for point, colour in ((None, grey), (ROUTES.index("Island run"), highlight)):
            colour = colour.lstrip("#").upper()
            hole, under, filled = _marker(start, point), _marker(disc, point), _marker(end, point)
            assert hole[:2] == (background, colour), theme  # hollow: the edge in the colour
            assert under[0] == colour and under[1] is None and under[2] > hole[2], theme
            assert filled[0] == colour and filled[0] != hole[0], theme
        # The disc draws first, reads the start's cells, carries no labels and no key entry;
        # the span is drawn on it, under the hole.
        assert [s.find(qn(t)).get("val") for s in (disc, start, end) for t in ("c:idx", "c:order")
                ] == ["0", "0", "1", "1", "2", "2"]  # fmt: skip
        ref = f"{qn('c:val')}//{qn('c:f')}"
        assert disc.find(ref).text == start.find(ref).text
        assert disc.find(qn("c:dLbls")) is None and disc.find(qn("c:errBars")) is not None
        assert start.find(qn("c:errBars")) is None
        entry = chart._chartSpace.find(f".//{qn('c:legend')}/{qn('c:legendEntry')}")
        assert entry.find(qn("c:idx")).get("val") == "0"
        assert entry.find(qn("c:delete")).get("val") == "1"


def _rows(chart_job):
    from deckgen.kinds.charts._dots import rows_of

    return rows_of(chart_job)
