"""What area and stacked-area charts share (AreaKind, kinds/charts/_areas.py), tested on
both kinds over data written for the test (tests/kinds/charts/areas.py): the native form
names each series at its last point, cards at each preset, right-edge labels in the ends'
order that never overlap and read at 4.5:1, calendar ticks and alt text over 120 months,
a value axis that starts at zero, two x values at least, no reference line or notes."""

from __future__ import annotations

import datetime as dt
from itertools import pairwise
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image
from pptx import Presentation
from pptx.oxml.ns import qn
from pydantic import ValidationError

from deckgen.errors import DeckgenError
from deckgen.kinds.charts import chart
from deckgen.layout.units import Inches
from deckgen.pipeline import BuildOptions, build
from deckgen.render.chartkit import contrast, leaving_out
from deckgen.render.jobs import Canvas
from deckgen.render.labels import labels as marked
from deckgen.render.style import chart_style
from deckgen.tables.select import ChartData, Series
from tests.helpers import write_project
from tests.kinds.charts.areas import (
    CANVAS,
    CARDS,
    CSV,
    DECKS,
    HALF,
    KINDS,
    SOURCES,
    THEMES,
    YEARS,
    Built,
    column,
    descriptions,
    job,
    labels,
    monthly,
    overlap,
    power,
)

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

#: How each kind reads in a message: "an area chart", "a stacked-area chart".
ARTICLE = {"area": "an area", "stacked-area": "a stacked-area"}


@pytest.fixture(params=[(k, t) for k in KINDS for t in THEMES], ids="-".join)
def built(request: pytest.FixtureRequest, area_deck: Callable[[str, str], Built]) -> tuple[
    str, Built
]:  # fmt: skip
    kind, theme = request.param
    return kind, area_deck(kind, theme)


# --------------------------------------------------------------------------- the deck
def test_the_native_chart_names_each_series_at_its_last_point_not_in_a_key(
    built: tuple[str, Built],
) -> None:
    _, deck = built
    chart_ = next(s for s in deck.deck.slides[1].shapes if s.has_chart).chart
    assert not chart_.has_legend
    last = str(len(YEARS) - 1)
    for plot in chart_.plots:  # a stacked area's total is a line over its bands
        for series in plot.series:
            found = series._element.findall(f"{qn('c:dLbls')}/{qn('c:dLbl')}")
            assert [d.find(qn("c:idx")).get("val") for d in found] == [last]
            assert found[0].find(qn("c:showSerName")).get("val") == "1"
            assert found[0].find(qn("c:showVal")).get("val") == "1"


def test_cards_are_drawn_at_each_preset(built: tuple[str, Built]) -> None:
    kind, deck = built
    for preset, size in (("ig-square", (1080, 1080)), ("x-post", (1600, 900))):
        with Image.open(deck.cards / f"{CARDS[kind]}-{preset}.png") as image:
            assert image.size == size


@pytest.mark.validator
@pytest.mark.parametrize("built", [("area", "corporate"), ("stacked-area", "dark")],
                         indirect=True, ids="-".join)  # fmt: skip
def test_the_deck_passes_the_ooxml_validator(built: tuple[str, Built]) -> None:
    from deckgen.export.ooxml import validate

    assert validate(built[1].path) == []


@pytest.mark.parametrize("kind", KINDS)
def test_a_chart_needs_two_x_values(tmp_path: Path, kind: str) -> None:
    one_year = DECKS[kind].replace(
        "      format: plain:0\n",
        "      format: plain:0\n      filter: [{column: year, value: 2023}]\n",
        1,
    )
    path = write_project(tmp_path, one_year, {"us_generation.csv": CSV})
    with pytest.raises(DeckgenError) as caught:
        build(path, BuildOptions(out_dir=tmp_path / "out"))
    message = caught.value.format_message()
    assert "slides[0].chart.x" in message
    label = {"area": "an area chart", "stacked-area": "a stacked area chart"}[kind]
    assert f"{label} needs two or more x values to span, found 1 ('2023')" in message


@pytest.mark.parametrize("kind", KINDS)
def test_a_chart_takes_no_reference_line_or_annotations(kind: str) -> None:
    base = {"type": kind, "data": "gen", "x": "year", "y": ["wind"]}
    with pytest.raises(ValidationError, match=f"{ARTICLE[kind]} chart draws no reference line"):
        chart(**base, reference={"value": "mean", "label": "Mean"})
    with pytest.raises(ValidationError, match=f"{ARTICLE[kind]} chart draws no annotations"):
        chart(**base, annotations=[{"at": "2019", "text": "Wind passes hydro"}])


# --------------------------------------------------------------------------- the picture
#: Each kind's picture of a few sources: the story to highlight (or none), their end labels
#: from the top, and a label that is not the story's.
ENDS = {
    "area": (("wind", "hydro", "solar"), None,
             ["Wind  425", "Hydro  240", "Solar  165"], "Hydro  240"),
    "stacked-area": (tuple(SOURCES), "Natural gas",
                     ["Total  4,082", "Solar  165", "Wind  425", "Hydro  240", "Nuclear  775",
                      "Natural gas  1,802", "Coal  675"], "Solar  165"),
}  # fmt: skip


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("kind", KINDS)
def test_no_key_and_the_names_are_at_the_right_edge_ordered_like_the_ends(
    kind: str, theme: str
) -> None:
    columns, story, expected, _ = ENDS[kind]
    drawn = labels(job(kind, power(*columns), theme, highlight=[story] if story else []))
    assert drawn.removed == []
    assert drawn.fig.axes[0].get_legend() is None
    order = [t for t in sorted(drawn.boxes, key=lambda t: -drawn.boxes[t][1]) if "  " in t]
    assert order == expected
    for upper, lower in pairwise(order):
        assert drawn.boxes[lower][3] <= drawn.boxes[upper][1]
    assert all(drawn.boxes[t][0] > drawn.right for t in expected)


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("kind", KINDS)
def test_end_labels_read_at_4_5_to_1_and_the_story_is_bold(kind: str, theme: str) -> None:
    columns, _, expected, other = ENDS[kind]
    drawn = job(kind, power(*columns), theme, highlight=["Wind"])
    background = drawn.theme.theme.colors.background
    with chart_style(drawn.theme, drawn.canvas):
        fig = drawn.figure()
        texts = {t.get_text(): t for t in fig.findobj(lambda a: a.get_gid() or "")}
    for name in expected:
        assert contrast(texts[name].get_color(), background) >= 4.5
    assert texts["Wind  425"].get_fontweight() == "bold"
    assert texts[other].get_fontweight() == "normal"


#: The series whose last value a test varies, and how many labels it adds (the total).
VARIED = {"area": ("wind", 0), "stacked-area": ("nuclear", 1)}


@pytest.mark.parametrize("kind", KINDS)
@settings(max_examples=10, deadline=None)
@given(st.lists(st.integers(0, 500), min_size=2, max_size=6))
def test_end_labels_never_overlap_whatever_the_last_values(kind: str, ends: list[int]) -> None:
    base, extra = VARIED[kind]
    rows = tuple(
        Series(f"Source {k}", (*column(base)[:-1], float(end))) for k, end in enumerate(ends)
    )
    drawn = labels(job(kind, ChartData(YEARS, rows)))
    found = [b for t, b in drawn.boxes.items() if t.startswith(("Source", "Total"))]
    assert drawn.removed == []
    assert len(found) == len(ends) + extra
    assert not any(overlap(a, b) for i, a in enumerate(found) for b in found[i + 1 :])


# --------------------------------------------------------------------------- time axis
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("canvas", [CANVAS, HALF], ids=["slide", "half"])
@pytest.mark.parametrize("theme", ["corporate", "dark", "contrast"])
def test_120_months_take_calendar_ticks_that_never_touch(kind, canvas, theme):
    job_ = monthly(kind, canvas, theme)
    with chart_style(job_.theme, job_.canvas):
        fig = job_.figure()
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        ax = fig.axes[0]
        lo, hi = ax.get_xlim()
        ticks = [t for t in ax.xaxis.get_major_ticks() if lo - 1e-9 <= t.get_loc() <= hi + 1e-9]
        spans = [t.label1.get_window_extent(renderer) for t in ticks]
        days = [dt.date.fromordinal(round(t.get_loc())) for t in ticks]
        texts = [t.label1.get_text() for t in ticks]
        # The area runs edge to edge: from the first month to the last.
        assert (lo, hi) == (dt.date(2007, 1, 1).toordinal(), dt.date(2016, 12, 1).toordinal())
    assert len(ticks) >= 4
    for a, b in pairwise(spans):
        assert b.x0 - a.x1 >= 4  # pixels of air between neighbours, as drawn
    # On calendar boundaries (1 January), labelled with their years, at one step.
    assert all(d.month == 1 and d.day == 1 for d in days)
    assert texts == [str(d.year) for d in days]
    assert len({b.year - a.year for a, b in pairwise(days)}) == 1


@pytest.mark.parametrize("kind", KINDS)
def test_the_alt_text_names_the_first_and_last_dates(kind):
    alt = monthly(kind, series_labels={"construction": "Construction"}).alt()
    assert "120 points from January 2007 to December 2016" in alt
    assert (
        "Construction fell from 7.7 million in January 2007 to 6.8 million in December 2016" in alt
    )
    assert "peaking at 7.7 million" not in alt  # a peak that reads as the start says nothing


#: Sales by quarter with no 2023 Q2 row, written for the test (fuzzing round 7, 06).
_SKIPPED_Q2 = "quarter,online,stores\n2023-Q1,10,20\n2023-Q3,14,18\n2023-Q4,16,17\n"


@pytest.mark.parametrize("kind", KINDS)
def test_a_quarter_the_rows_skip_is_said_in_the_picture_alt_text(tmp_path, kind):
    """An area over 2023 Q1, Q3 and Q4 ran straight across Q2 with no word in its alt text
    or the build (fuzzing round 7, 06). The area breaks there and says so; a stacked area,
    which cannot stack a gap, counts Q2 as zero, and the build warns."""
    outline = f"""\
        deck: {{title: Sales}}
        data: {{sales: sales.csv}}
        slides:
          - kind: chart
            title: Online sales grew through 2023
            source: Till records
            chart: {{type: {kind}, data: sales, x: quarter, y: [online, stores]}}
        """
    path = write_project(tmp_path, outline, {"sales.csv": _SKIPPED_Q2})
    result = build(path, BuildOptions(out_dir=tmp_path / "out"))
    slide = Presentation(str(result.deck)).slides[0]
    alt = next(d for d in descriptions(slide) if "chart:" in d)
    zero = ", counted as zero" if kind == "stacked-area" else ""
    assert f"online rose from 10 in Q1 2023 to 16 in Q4 2023 (no value for Q2 2023{zero})" in alt
    warned = [w for w in result.warnings if "counts a missing value as zero" in w]
    if kind == "stacked-area":
        assert warned and "online has none for Q2 2023" in warned[0]
    else:
        assert not warned


@pytest.mark.parametrize("kind", KINDS)
def test_an_area_keeps_zero_with_its_own_reason(kind):
    with pytest.raises(ValidationError, match="starts at zero: an area's height is its value"):
        chart(type=kind, data="d", x="x", y="v", axis={"zero": False})
    with pytest.raises(ValidationError, match="starts at zero: an area's height"):
        chart(type=kind, data="d", x="x", y="v", axis={"min": 5})
    with pytest.raises(ValidationError, match="log scale: area heights on it do not compare"):
        chart(type=kind, data="d", x="x", y="v", axis={"log": True})
    job_ = monthly(kind, axis={"max": 50_000_000})  # a fixed top is kept
    with chart_style(job_.theme, job_.canvas):
        assert job_.figure().axes[0].get_ylim() == (0.0, 50_000_000.0)


@pytest.mark.parametrize("kind", KINDS)
def test_a_native_chart_over_months_has_a_date_axis(tmp_path, kind):
    outline = (
        "deck: {title: Jobs}\n"
        "data:\n  jobs:\n    file: employment_monthly.csv\n"
        '    columns: {month: {type: date, format: "%b %Y", period: month}}\n'
        "slides:\n  - kind: chart\n    title: Health care grew\n"
        f"    chart: {{type: {kind}, data: jobs, x: month, y: [construction, health_care],"
        " native: true}\n"
    )
    from tests.helpers import REPO

    data = (REPO / "tests" / "data" / "employment_monthly.csv").read_text(encoding="utf-8")
    path = write_project(tmp_path, outline, {"employment_monthly.csv": data})
    deck = Presentation(str(build(path, BuildOptions(out_dir=tmp_path / "out")).deck))
    frame = next(s for s in deck.slides[0].shapes if s.has_chart)
    axis = frame.chart._chartSpace.find(f".//{qn('c:dateAx')}")
    assert axis is not None
    assert axis.find(qn("c:baseTimeUnit")).get("val") == "months"
    assert len(frame.chart.plots[0].categories) == 120


# --------------------------------------------------------------------------- gaps
@pytest.mark.parametrize(
    ("values", "lone"),
    [
        ((1.0, None, 2.0, None, None, 3.0, 4.0), [0, 2]),  # at the start, between gaps
        ((1.0, 2.0, None, 3.0), [3]),  # after a gap, at the end (fuzz-I/8)
        ((1.0, 2.0, 3.0), []),
        ((None, 5.0, None), [1]),
        ((None, None), []),
    ],
)
def test_lone_points_are_the_values_with_none_beside_them(values, lone) -> None:
    from deckgen.kinds.charts._areas import lone_points

    assert lone_points(values) == lone


def test_gaps_name_the_missing_categories_inside_a_series_and_count_past_three() -> None:
    """Gaps before the first value or after the last are where a series starts or ends
    (the trend says so), not gaps."""
    from deckgen.render.chartkit import gaps

    cats = ["a", "b", "c", "d", "e", "f", "g"]
    assert gaps(cats, (None, 1.0, 2.0, 3.0, 4.0, 5.0, None)) == ""
    assert gaps(cats, (None, 1.0, None, 3.0, 4.0, 5.0, None)) == " (no value for c)"
    assert gaps(cats, (1.0, None, 2.0, None, 4.0, 5.0, None)) == " (no value for b and d)"
    assert gaps(cats, (1.0, None, None, None, 4.0, 5.0, 6.0)) == " (no value for b, c and d)"
    assert gaps(cats, (1.0, None, None, None, None, 5.0, 6.0)) == (
        " (no value for b, c, d and 1 more)"
    )
    assert gaps(cats, (None,) * 7) == ""


@pytest.mark.parametrize("kind", KINDS)
def test_a_series_whose_ends_print_alike_is_not_said_to_rise_or_fall(kind: str) -> None:
    """The verb came from the floats: 2.98 to 3.02 'rose from 3 to 3'. Ends are compared
    as printed: 'held at' where every value prints alike, else 'was ... and ...', naming
    what lies between them."""
    years = ("2019", "2020", "2021", "2022")
    data = ChartData(years, (Series("Wind", (2.98, 3.0, 2.9, 3.02)),
                             Series("Hydro", (3.02, 9.0, 0.6, 2.98)),
                             Series("Solar", (3.0, 3.0, 3.0, 2.0))))  # fmt: skip
    said = job(kind, data).spec.describe_data(job(kind, data))
    assert "Wind held at 3 from 2019 to 2022" in said
    assert "Hydro was 3 in 2019 and in 2022, peaking at 9 in 2020, with a low of 1 in 2021" in said
    assert "Solar fell from 3 in 2019 to 2 in 2022" in said
    assert "from 3 in 2019 to 3" not in said


# --------------------------------------------------------------------------- crowded cards
#: The chart beside the title of an x-post card (1600 x 900) and of an og card (1200 x 630),
#: as the cards lay them out: card-sized text in a narrow box.
X_POST_SIDE = Canvas(Inches(5.35), Inches(3.46), dpi=100, scale=1.68)
OG_SIDE = Canvas(Inches(4.01), Inches(3.14), dpi=100, scale=1.29)
#: A square card's chart, under its title: room for every name.
SQUARE = Canvas(Inches(6.67), Inches(4.6), dpi=100, scale=1.14)
#: Energy use by sector, written for these tests: four bands over ten years.
SECTORS = {
    "Residential": [412.0, 418, 421, 430, 436, 451, 447, 440, 438, 442],
    "Commercial": [318.0, 322, 330, 335, 341, 298, 312, 325, 331, 336],
    "Industrial": [655.0, 641, 630, 622, 610, 575, 598, 606, 611, 603],
    "Transport": [280.0, 291, 302, 310, 322, 270, 301, 318, 329, 341],
}
TEN_YEARS = [str(y) for y in range(2015, 2025)]
#: Average home attendance per season, written for these tests.
ATTENDANCE = {"attendance": [18200.0, 19100, 19800, 21400, 9800, 15600, 21900, 24100, 25900]}
SEASONS = [str(y) for y in range(2016, 2025)]


def _crowding(kind: str, series: dict[str, list[float | None]], categories: list[str],
              canvas: Canvas, theme: str = "corporate", title: str = "A finding",
              **fields: object) -> tuple[list[str], float, list[str]]:  # fmt: skip
    """The end labels drawn (collision pass run), the share of the width right of the
    value axis they take (as the plot's right edge to the figure's), and the notes of
    what the picture leaves out."""
    from tests.kinds.charts.jobs import job as chart_job

    drawn = chart_job(kind, categories, series, theme=theme, canvas=canvas, title=title,
                      format="plain:0", **fields)  # fmt: skip
    with leaving_out() as left, chart_style(drawn.theme, drawn.canvas):
        fig = drawn.figure()
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        ax = fig.axes[0]
        plot = ax.get_window_extent(renderer)
        texts = [t for t in marked(fig) if t.get_window_extent(renderer).x0 > plot.x1]
        right = max(t.get_window_extent(renderer).x1 for t in texts)
        share = (right - plot.x1) / (right - plot.x0)
        names = [t.get_text() for t in texts]
    return names, share, list(left)


@pytest.mark.parametrize("kind", ["area", "stacked-area"])
def test_a_square_card_and_a_slide_name_every_band(kind: str) -> None:
    """Where the labels take less than a third of the width, nothing changes."""
    from tests.kinds.charts.jobs import CANVAS

    for canvas in (SQUARE, CANVAS):
        names, share, left = _crowding(kind, SECTORS, TEN_YEARS, canvas,
                                       highlight=["Transport"])  # fmt: skip
        assert len(names) == 4 + (kind == "stacked-area")
        assert share <= 1 / 3
        assert left == []


@pytest.mark.parametrize("theme", ["corporate", "dark"])
@pytest.mark.parametrize("canvas", [X_POST_SIDE, OG_SIDE], ids=["x-post", "og"])
def test_a_lone_area_the_title_names_is_labelled_with_its_value_alone(
    canvas: Canvas, theme: str
) -> None:
    """'attendance 25,900' beside an og card's chart took as much width as the plot,
    which showed one tick (found by review): the title says what the area is."""
    names, share, left = _crowding("area", ATTENDANCE, SEASONS, canvas, theme,
                                   title="Attendance is at a record")  # fmt: skip
    assert names == ["25,900"]
    assert share <= 1 / 3
    assert left == []


def test_a_lone_area_the_title_does_not_name_keeps_its_name_over_its_value() -> None:
    names, _, left = _crowding("area", ATTENDANCE, SEASONS, OG_SIDE, title="A record season")
    assert names == ["attendance\n25,900"]
    assert left == []


def test_on_a_slide_a_lone_area_keeps_its_name() -> None:
    from tests.kinds.charts.jobs import CANVAS

    names, _, _ = _crowding("area", ATTENDANCE, SEASONS, CANVAS, title="Attendance is at a record")
    assert names == ["attendance  25,900"]


@pytest.mark.parametrize("kind", ["area", "stacked-area"])
@pytest.mark.parametrize("canvas", [X_POST_SIDE, OG_SIDE], ids=["x-post", "og"])
def test_a_lone_area_without_values_the_title_names_keeps_no_room_for_a_label(
    canvas: Canvas, kind: str
) -> None:
    """With value_labels: false, 'attendance' at the end of a lone area its title names
    took a third of a card's width, the plot narrower for a label that said nothing the
    title does not (found in review): no label, and the plot runs to the picture's edge.
    A title that does not name it keeps the name."""
    from tests.kinds.charts.jobs import job as chart_job

    def drawn(title: str) -> tuple[list[str], float]:
        made = chart_job(kind, SEASONS, ATTENDANCE, canvas=canvas, title=title,
                         format="plain:0", value_labels=False)  # fmt: skip
        with chart_style(made.theme, made.canvas):
            fig = made.figure()
            fig.canvas.draw()
            ax = fig.axes[0]
            right = ax.get_window_extent().x1 / fig.bbox.width
            return [
                t.get_text() for t in marked(fig) if t.get_text() in ("attendance", "Total")
            ], right

    names, right = drawn("Attendance is at a record")
    assert names == []
    assert right >= 0.9
    kept, narrower = drawn("A record season")
    assert kept == ["attendance"] and narrower < right


def test_a_crowded_label_is_set_on_two_lines_not_a_word_a_line() -> None:
    """The room of a crowded end is the narrowest that holds the name on two lines: a
    word a line read 'Housing / and / utilities'."""
    from deckgen.kinds.charts._areas import EndLabel, _narrow, _two_lines_pt
    from tests.kinds.charts.jobs import job as chart_job

    drawn = chart_job("area", SEASONS, {"Housing and utilities": [1.0] * 9},
                      canvas=X_POST_SIDE)  # fmt: skip
    item = EndLabel("Housing and utilities", 133.0, 8.0, 66.5, "#000000")
    set_ = _narrow(drawn, item, _two_lines_pt(drawn, item))
    assert " ".join(set_.split()) == "Housing and utilities 133"
    assert set_.count("\n") <= 2  # the name on two lines, the value after it or under it


#: Median household income, written for these tests.
INCOME = {"median household income": [52.0, 54, 55, 57, 58, 61, 64, 68, 71.5]}
#: Average home attendance per season, under a longer name.
AT_HOME = {"average attendance at home matches": ATTENDANCE["attendance"]}


@pytest.mark.parametrize("canvas", [X_POST_SIDE, OG_SIDE], ids=["x-post", "og"])
@pytest.mark.parametrize(
    ("series", "title", "shown"),
    [
        (INCOME, "Home prices rose faster than incomes", "median household income 72"),
        (AT_HOME, "More people come to every match than ever",
         "average attendance at home matches 25,900"),
    ],
    ids=["income", "matches"],
)  # fmt: skip
def test_a_title_sharing_one_word_with_a_lone_area_does_not_name_it(
    canvas: Canvas, series: dict[str, list[float | None]], title: str, shown: str
) -> None:
    """A title that shared any one word with the series ('incomes', 'match') left its value
    alone, read as the title's subject: '$71,500' beside 'Home prices rose faster than
    incomes' (found by fuzzing). The name stays over the value."""
    names, _, _ = _crowding("area", series, SEASONS, canvas, title=title)
    assert [" ".join(n.split()) for n in names] == [shown]
    assert "\n" in names[0]  # over it, narrow


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("Attendance is at a record", "attendance"),
        ("Average home attendance hit a record", "average home attendance"),
        ("AVERAGE HOME ATTENDANCES hit a record", "Average home attendance"),
    ],
)
def test_a_title_naming_the_series_whole_leaves_its_value_alone(title: str, name: str) -> None:
    names, share, left = _crowding("area", {name: ATTENDANCE["attendance"]}, SEASONS, OG_SIDE,
                                   title=title)  # fmt: skip
    assert names == ["25,900"]
    assert share <= 1 / 3
    assert left == []


@pytest.mark.parametrize(
    ("title", "name", "names"),
    [
        ("Home prices rose faster than incomes", "median household income", False),
        ("Exports to China doubled", "imports from China", False),
        ("Attendance is at home, not away", "average attendance at home", False),
        ("Home attendance hit a record", "average home attendance", False),
        ("Sales rose in 2024", "2024", False),
        ("Median household incomes rose", "median household income", True),
        ("Imports from China doubled", "imports from China", True),
    ],
)
def test_a_title_names_a_series_by_all_its_words_in_order(
    title: str, name: str, names: bool
) -> None:
    from deckgen.kinds.charts._named import names_whole

    assert names_whole(title, name) is names


@pytest.mark.parametrize("theme", THEMES)
def test_every_band_holds_its_name_in_the_themes_text_or_background_colour(theme) -> None:
    """The third grey of a highlighted stack (corporate's #757E8C: navy 4.1:1, white 3.8:1
    on it) took a name written inside it in black, a colour of no theme (found by review):
    it is stepped until one of the theme's two reads at 4.5:1, still a mark on the page
    and apart from the bands it touches."""
    from itertools import pairwise

    from deckgen.kinds.charts._areas import area_colors
    from deckgen.render.chartkit import ink_on
    from deckgen.theming.colour import DISTINGUISHABLE, apart
    from tests.kinds.charts.jobs import job as chart_job

    ferries = {"Harbour": [4.0, 5.0, 6.0], "North": [3.0, 3.0, 3.5], "Keel": [2.0, 2.5, 2.5],
               "Bay": [3.0, 3.5, 3.0]}  # fmt: skip
    made = chart_job("stacked-area", ["2021", "2022", "2023"], ferries, theme=theme,
                     highlight="Harbour")  # fmt: skip
    colors = made.theme.theme.colors
    fills = area_colors(made)
    for fill in fills:
        ink = ink_on(made, fill)
        assert ink in {colors.text, colors.background}, fill
        assert contrast(ink, fill) >= 4.5 and contrast(fill, colors.background) >= 3.0
    assert all(apart(a, b) >= DISTINGUISHABLE for a, b in pairwise(fills))


@pytest.mark.parametrize("kind", ["area", "stacked-area"])
def test_a_highlight_naming_none_of_the_series_leaves_every_area_in_greys(kind: str) -> None:
    """A panel of small multiples beside the highlighted one is drawn with a highlight that
    names none of its series: its areas kept the palette's colours, as if it were the
    story too (found in review). They take the context greys, still told apart."""
    from deckgen.kinds.charts._areas import area_colors

    drawn = job(kind, power("wind", "hydro"), highlight=["Elsewhere"])
    colours = drawn.theme.theme.colors
    fills = area_colors(drawn)
    assert len(set(fills)) == 2 and not set(fills) & set(colours.categorical)
    assert colours.highlight not in fills
