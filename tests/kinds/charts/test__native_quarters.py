"""Native (editable) charts over quarters (kinds/charts/_native.py): no PowerPoint date
format writes a quarter, so an unbroken run of quarters goes on a text axis of the
picture's labels ('Q1 2021'), one named every so many quarters as the plot's width
allows; a quarter the rows skip is a category of no value, as on a line (a stacked area
counts it as zero, and the build says so); quarters at uneven steps stay on a date axis,
named by year. Months keep their date axis."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn

from deckgen.errors import DeckgenError
from deckgen.kinds.charts import chart
from deckgen.pipeline import BuildOptions, build
from deckgen.render.charts import ChartJob
from deckgen.tables.dates import Quarter
from deckgen.tables.select import ChartData, Series
from tests.helpers import load_theme, write_project
from tests.kinds.charts.jobs import CANVAS

if TYPE_CHECKING:
    from pathlib import Path

KINDS = ("line", "area", "stacked-area")
#: Ticket sales and refunds by quarter, 2021 to 2023, written for these tests.
QUARTERS = [f"{y}-Q{q}" for y in (2021, 2022, 2023) for q in (1, 2, 3, 4)]
SALES = [410, 432, 455, 520, 470, 488, 512, 590, 530, 548, 575, 660]
REFUNDS = [40, 38, 41, 52, 45, 44, 47, 58, 49, 50, 52, 61]
LABELS = [f"Q{q} {y}" for y in (2021, 2022, 2023) for q in (1, 2, 3, 4)]


def _csv(rows: list[int]) -> str:
    return "quarter,sales,refunds\n" + "".join(
        f"{QUARTERS[k]},{SALES[k]},{REFUNDS[k]}\n" for k in rows
    )


def _axis(tmp_path: Path, kind: str, rows: list[int], period: str = "quarter",
          csv: str | None = None) -> tuple[object, object]:  # fmt: skip
    """The native chart's category axis element and the chart, built from ``rows``."""
    outline = f"""\
deck: {{title: Tickets}}
data:
  t:
    file: t.csv
    columns: {{quarter: {{type: date, period: {period}}}}}
slides:
  - kind: chart
    title: Sales peak every fourth quarter
    chart: {{type: {kind}, data: t, x: quarter, y: [sales, refunds], format: 'plain:0',
            highlight: sales, native: true}}
"""
    path = write_project(tmp_path, outline, {"t.csv": csv or _csv(rows)})
    result = build(path, BuildOptions(out_dir=tmp_path / "out"))
    found = next(s for s in Presentation(str(result.deck)).slides[0].shapes if s.has_chart)
    space = found.chart._chartSpace
    axis = space.find(f".//{qn('c:catAx')}")
    return (axis if axis is not None else space.find(f".//{qn('c:dateAx')}")), found.chart


@pytest.mark.parametrize("kind", KINDS)
def test_quarters_are_named_as_quarters_not_as_their_first_months(tmp_path, kind) -> None:
    """'Jan 2021 ... Oct 2023' under the picture's 'Q1 2021 ...': Q4 read as October."""
    axis, native = _axis(tmp_path, kind, list(range(12)))
    assert axis.tag == qn("c:catAx")
    assert list(native.plots[0].categories) == LABELS
    code = axis.find(qn("c:numFmt"))
    assert code is None or "mmm" not in code.get("formatCode")
    skip = axis.find(qn("c:tickLblSkip"))
    assert skip is None or int(skip.get("val")) in (2, 4)


def test_quarters_at_uneven_steps_stay_on_a_date_axis_named_by_year(tmp_path) -> None:
    """A text axis spaces categories evenly: with most steps two quarters and one a single
    quarter it would draw them alike, so the dates stay dates, and their labels the years a
    date format can write. (It was one quarter missing of twelve, now a period of its own:
    see the next test; intended change of data, fuzzing round 7, 06.)"""
    rows = [0, 2, 4, 5, 7, 9, 11]
    axis, _ = _axis(tmp_path, "stacked-area", rows)
    assert axis.tag == qn("c:dateAx")
    assert axis.find(qn("c:numFmt")).get("formatCode") == "yyyy"
    assert axis.find(qn("c:majorTimeUnit")).get("val") == "years"


@pytest.mark.parametrize("kind", ["area", "stacked-area"])
def test_an_area_keeps_a_missing_quarter_as_a_period_of_its_own(tmp_path, kind) -> None:
    """An area with no 2022 Q2 row ran straight from Q1 to Q3 without a word (fuzzing round
    7, 06): Q2 is a category of no value, as on a line. An area then stays a picture (it
    leaves a gap, which PowerPoint would fill down to zero); a stacked area's native chart
    holds Q2 as an empty cell, which it draws as zero, as its picture does."""
    rows = [k for k in range(12) if QUARTERS[k] != "2022-Q2"]
    if kind == "area":
        with pytest.raises(DeckgenError, match="sales has no value for Q2 2022"):
            _axis(tmp_path, kind, rows)
        return
    axis, native = _axis(tmp_path, kind, rows)
    assert axis.tag == qn("c:catAx")
    assert list(native.plots[0].categories) == LABELS
    sales = list(native.plots[0].series[0].values)
    assert sales[LABELS.index("Q2 2022")] is None and sum(v is None for v in sales) == 1


def test_a_line_keeps_a_missing_quarter_as_a_gap_of_its_own(tmp_path) -> None:
    """A line holds the quarter the data has no row for as a category of no value (its
    picture breaks there, as for long data): the text axis keeps its slot, so no gap
    closes, and the quarters are named as quarters."""
    rows = [k for k in range(12) if QUARTERS[k] != "2022-Q2"]
    axis, native = _axis(tmp_path, "line", rows)
    assert axis.tag == qn("c:catAx")
    assert list(native.plots[0].categories) == LABELS
    sales = list(native.plots[0].series[0].values)
    assert sales[LABELS.index("Q2 2022")] is None and sum(v is None for v in sales) == 1


def test_months_keep_their_date_axis(tmp_path) -> None:
    months = "quarter,sales,refunds\n" + "".join(
        f"2023-{m:02d},{SALES[m - 1]},{REFUNDS[m - 1]}\n" for m in range(1, 13)
    )
    axis, _ = _axis(tmp_path, "line", [], period="month", csv=months)
    assert axis.tag == qn("c:dateAx")
    assert axis.find(qn("c:numFmt")).get("formatCode").startswith("mmm")


def _job(days: list[Quarter]) -> ChartJob:
    spec = chart(type="line", data="t", x="quarter", y="sales")
    data = ChartData(tuple(str(d) for d in days), (Series("sales", tuple(1.0 for _ in days)),),
                     x_dates=tuple(days))  # fmt: skip
    return ChartJob(spec, data, load_theme("corporate"), CANVAS, title="A finding")


def test_the_step_follows_the_plots_width_in_calendar_quarters() -> None:
    from deckgen.kinds.charts._native import period_step, quarters_as_text

    days = [Quarter(y, m, 1) for y in range(2010, 2024) for m in (1, 4, 7, 10)]
    job = _job(days)
    assert quarters_as_text(job)
    wide, narrow = period_step(job, 4000.0), period_step(job, 300.0)
    assert wide == 1
    assert narrow in (4, 8, 20) and narrow > wide  # whole years, as the picture steps them
    assert not quarters_as_text(_job(days[:5] + days[6:]))
