"""Horizontal bars name every row: up to 24 rows on a slide, each name (and value, where
the rows have room for them) at 12 pt or more, none over another, the highlighted one
always; more rows are an error that suggests `top:`."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations, pairwise
from typing import Any

import pytest

from deckgen.errors import Location
from deckgen.kinds.charts import chart
from deckgen.layout.units import Inches
from deckgen.render.jobs import Canvas
from deckgen.render.style import chart_style
from deckgen.tables.select import ChartData, Series
from tests.kinds.charts.jobs import job

#: A slide's chart box at the slide's 200 dpi: under a title and a subtitle (the box the
#: fuzzer's 18 rows lost every other name in), and under a title alone.
SUBTITLED = Canvas(Inches(12.333), Inches(4.722), dpi=200)
TITLED = Canvas(Inches(12.333), Inches(5.083), dpi=200)
#: A box too short for 24 lines of 12 pt text: the rows show every k-th name.
SHORT = Canvas(Inches(12.333), Inches(3.0), dpi=200)

#: Thirty producers, largest first (made up for these tests: lengths from "UK" to
#: "Czech Republic", one wide enough to set the names' column).
NAMES = [
    "China", "USA", "Japan", "India", "South Korea", "Germany", "Mexico", "Brazil",
    "Canada", "France", "Turkey", "Indonesia", "United Kingdom", "Italy", "Russia",
    "South Africa", "Argentina", "Australia", "Spain", "Thailand", "Czech Republic",
    "Slovakia", "Iran", "Malaysia", "Poland", "Portugal", "Morocco", "Hungary", "Romania",
    "Vietnam",
]  # fmt: skip
VALUES = [30.2e6 / (1 + 0.35 * i) for i in range(len(NAMES))]


@dataclass
class Drawn:
    """What the picture writes, measured after the collision pass, in points."""

    names: dict[str, tuple[float, float, float, float]]  # visible names and their boxes
    sizes: dict[str, float]  # each visible name's size
    bold: set[str]
    values: dict[str, float]  # each value label's text (the last of equal ones) and size
    value_ticks: list[str]  # the value axis's tick labels, when values are read off it
    texts: list[tuple[str, tuple[float, float, float, float]]]  # every visible text


def _draw(rows: int, canvas: Canvas, highlight: str, **fields: Any) -> Drawn:
    from matplotlib.text import Text

    values: list[float | None] = list(VALUES[:rows])
    chart_job = job("hbar", NAMES[:rows], {"units": values}, canvas=canvas,
                    highlight=[highlight], **fields)  # fmt: skip
    with chart_style(chart_job.theme, chart_job.canvas):
        fig = chart_job.figure()
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]  # Agg's canvas
        scale = 72 / fig.dpi
        frame = fig.bbox
        ax = fig.axes[0]

        def box(text: Text) -> tuple[float, float, float, float]:
            e = text.get_window_extent(renderer)
            return (e.x0 * scale, e.y0 * scale, e.x1 * scale, e.y1 * scale)

        def seen(text: Text) -> bool:
            e = text.get_window_extent(renderer)
            inside = e.x0 >= frame.x0 - 1 and e.x1 <= frame.x1 + 1 and e.y0 >= frame.y0 - 1
            return text.get_visible() and bool(text.get_text().strip()) and inside

        ticks = [t for t in ax.get_yticklabels() if seen(t)]
        texts = [t for t in fig.findobj(Text) if isinstance(t, Text) and seen(t)]
        return Drawn(
            names={t.get_text(): box(t) for t in ticks},
            sizes={t.get_text(): float(t.get_fontsize()) for t in ticks},
            bold={t.get_text() for t in ticks if t.get_fontweight() == "bold"},
            values={t.get_text(): float(t.get_fontsize()) for t in ax.texts if seen(t)},
            value_ticks=[t.get_text() for t in ax.get_xticklabels() if seen(t)],
            texts=[(t.get_text(), box(t)) for t in texts],
        )


def _overlapping(texts: list[tuple[str, tuple[float, float, float, float]]]) -> list[str]:
    return [
        f"{a!r} over {b!r}"
        for (a, p), (b, q) in combinations(texts, 2)
        if p[0] < q[2] and q[0] < p[2] and p[1] < q[3] and q[1] < p[3]
    ]


@pytest.mark.parametrize("canvas", [SUBTITLED, TITLED], ids=["subtitled", "titled"])
@pytest.mark.parametrize(("rows", "highlight"), [(12, "China"), (18, "USA"), (24, "Malaysia")])
def test_every_row_is_named_at_12_pt_or_more_and_no_text_overlaps_another(
    rows: int, highlight: str, canvas: Canvas
) -> None:
    """The README's 24 rows, every name at 12 pt: 18 rows under a subtitle named only
    every second bar (the largest, China, the title's, among the unnamed), with no
    values, where the native chart wrote all 18 of both (fuzz-H/9)."""
    drawn = _draw(rows, canvas, highlight)
    assert list(drawn.names) == NAMES[:rows]
    assert min(drawn.sizes.values()) >= 12.0
    assert drawn.bold == {highlight}
    assert _overlapping(drawn.texts) == []


@pytest.mark.parametrize("canvas", [SUBTITLED, TITLED], ids=["subtitled", "titled"])
@pytest.mark.parametrize("rows", [12, 18, 24])
def test_every_bar_carries_its_value_or_none_does(rows: int, canvas: Canvas) -> None:
    """A value beside each bar, at the names' size, or (24 rows under a subtitle: 12 pt
    values and the air the collision pass keeps between them need 4.8 in) a light value
    axis: never every other value."""
    drawn = _draw(rows, canvas, "China")
    if rows < 24 or canvas is TITLED:
        assert len(drawn.values) == len({f"{v / 1e6:.1f}M" for v in VALUES[:rows]})
        assert min(drawn.values.values()) == min(drawn.sizes.values()) >= 12.0
        assert drawn.value_ticks == []
    else:
        assert drawn.values == {}
        assert drawn.value_ticks


def test_rows_that_fit_keep_the_theme_size() -> None:
    """18 rows under a subtitle have room for 14 pt names and values (the theme's size)
    once the rows take the plot's height without a value axis under it."""
    drawn = _draw(18, SUBTITLED, "USA")
    assert set(drawn.sizes.values()) == {14.0}
    assert set(drawn.values.values()) == {14.0}


def test_a_reference_line_leaves_every_name() -> None:
    """Its label stands over the plot's top and lowers it by a line: 24 names still fit,
    closer together, and the label keeps clear of them."""
    drawn = _draw(24, SUBTITLED, "Malaysia", reference={"value": "mean", "label": "Average"})
    assert list(drawn.names) == NAMES[:24]
    assert min(drawn.sizes.values()) >= 12.0
    assert any(text.startswith("Average") for text, _ in drawn.texts)
    assert _overlapping(drawn.texts) == []


@pytest.mark.parametrize("highlight", ["China", "Iran", "Malaysia"])
def test_rows_too_close_for_a_line_each_keep_the_highlighted_name(highlight: str) -> None:
    """With no room for 24 lines of 12 pt (a 3 in box), every k-th name, counting back
    from the last, and the highlighted one wherever it is."""
    drawn = _draw(24, SHORT, highlight)
    assert highlight in drawn.names
    assert drawn.bold == {highlight}
    assert len(drawn.names) < 24
    assert min(drawn.sizes.values()) >= 12.0
    assert _overlapping(drawn.texts) == []


def test_rows_left_unnamed_are_said_with_the_fix_and_rows_all_named_are_not() -> None:
    """The rows every k-th name leaves unnamed went unsaid (found by fuzzing): the
    picture says how many, for the build's warning."""
    from deckgen.render.jobs import LEFT_OUT

    def said(rows: int, canvas: Canvas) -> list[str]:
        chart_job = job("hbar", NAMES[:rows], {"units": list(VALUES[:rows])}, canvas=canvas)
        return list(chart_job.render().values.get(LEFT_OUT, []))

    (note,) = said(24, SHORT)
    unnamed = int(note.split()[0])
    assert 0 < unnamed < 24 and note.startswith(f"{unnamed} of its 24 rows are unnamed")
    assert "'top:'" in note
    assert said(12, SHORT) == []


def test_more_rows_than_a_slide_names_are_an_error_that_suggests_top() -> None:
    data = ChartData(tuple(NAMES), (Series("units", tuple(VALUES)),))
    spec = chart(type="hbar", data="d", x="country", y="units")
    (problem,) = spec.check(data, Location("deck.yaml", 7, "slides[0].chart"))
    assert "at most 24 categories" in problem.message
    assert "the data has 30" in problem.message
    assert problem.hint is not None
    assert "top: 24" in problem.hint


# --------------------------------------------------------------------------- social cards
#: Departments of a city budget, the highlighted one's name the longest (fuzz-I/3).
DEPARTMENTS = ["Public Works", "Police", "Fire", "Transit", "Libraries",
               "Housing and Community Development"]  # fmt: skip


def _card_rows(height: int, **fields: Any) -> int:
    from deckgen.layout.geometry import Rect
    from deckgen.layout.units import Px
    from tests.helpers import load_theme

    spec = chart(type="hbar", data="d", x="department", y="pct", **fields)
    data = ChartData(tuple(DEPARTMENTS), (Series("pct", tuple(range(len(DEPARTMENTS), 0, -1))),))
    box = Rect(Px(0), Px(0), Px(800), Px(height))
    return spec.card_categories(data, box, 47, load_theme("corporate"))


def test_a_card_counts_its_rows_with_the_highlighted_one_it_keeps():
    """A card keeps a highlighted row past the leading ones in place of the last: its
    name's lines set every row's height too, else the card planned more rows than its
    chart has room for."""
    plain = [_card_rows(h) for h in range(300, 1200, 25)]
    kept = [_card_rows(h, highlight=DEPARTMENTS[-1]) for h in range(300, 1200, 25)]
    assert all(k <= p for k, p in zip(kept, plain, strict=True))
    assert any(k < p for k, p in zip(kept, plain, strict=True))


def test_a_card_keeps_a_line_over_the_rows_for_a_reference_line_s_label():
    """The label of a reference line stands over the plot (_bars.row_reserve): rows
    counted without it left the label no room on a card."""
    reference = {"value": "mean", "label": "Average change"}
    plain = [_card_rows(h) for h in range(300, 1200, 25)]
    lined = [_card_rows(h, reference=reference) for h in range(300, 1200, 25)]
    assert all(k <= p for k, p in zip(lined, plain, strict=True))
    assert any(k < p for k, p in zip(lined, plain, strict=True))


#: A slide's chart under a two-line title and a subtitle: rows too close for two lines.
UNDER_TWO_LINES = Canvas(Inches(12.333), Inches(4.09), dpi=200)


def test_long_names_set_on_one_line_take_the_width_that_holds_them():
    """In the contrast theme's larger text, rows too close for two-line names set them on
    one line at 30% of the width, cutting every long department name, the highlighted
    one too, where 45% held them whole (found in review)."""
    names = ["Care of the Elderly and Frailty Assessment Service",
             "Trauma and Orthopaedics (including Fracture Clinic)",
             "Respiratory Medicine and Acute Medical Unit",
             "Stroke Unit and Hyperacute Stroke Services", "General Surgery", "Cardiology",
             "Gastroenterology", "Paediatric Emergency Department"]  # fmt: skip
    values = [188.0, 142, 131, 77, 64, 52, 41, 18]
    drawn = job("hbar", names, {"delayed": values}, theme="contrast", format="plain:0",
                highlight=[names[0]], canvas=UNDER_TWO_LINES)  # fmt: skip
    with chart_style(drawn.theme, drawn.canvas):
        fig = drawn.figure()
        fig.canvas.draw()
        shown = [t.get_text() for t in fig.axes[0].get_yticklabels() if t.get_text()]
    assert sorted(s.replace("\n", " ") for s in shown) == sorted(names)  # every name, whole


def test_names_of_two_lines_keep_a_gap_from_their_neighbours() -> None:
    # 'Baden- / Württemberg' stood on 'Nordrhein- / Westfalen' with a point of air, and the
    # four lines read as one name (found by review).
    from deckgen.layout.units import Inches
    from deckgen.render.jobs import Canvas
    from deckgen.render.style import chart_style
    from tests.kinds.charts.jobs import job as written

    names = ["Schleswig-Holstein", "Mecklenburg-Vorpommern", "Brandenburg", "Niedersachsen",
             "Bayern", "Baden-Württemberg", "Nordrhein-Westfalen", "Rheinland-Pfalz"]  # fmt: skip
    drawn = written("hbar", names, {"share": [168, 105, 93, 74, 49, 37, 19, 30]},
                    canvas=Canvas(Inches(4), Inches(4), dpi=100))  # fmt: skip
    with chart_style(drawn.theme, drawn.canvas):
        fig = drawn.figure()
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        ticks = [t for t in fig.axes[0].get_yticklabels() if t.get_text()]
        boxes = sorted(((t.get_window_extent(renderer), "\n" in t.get_text()) for t in ticks),
                       key=lambda box: -box[0].y1)  # fmt: skip
    assert any(several for _, several in boxes)  # the case: names wrapped
    size_px = drawn.theme.theme.sizes.chart_label * 100 / 72
    gaps = [a.y0 - b.y1 for (a, x), (b, y) in pairwise(boxes) if x or y]
    assert min(gaps) >= 0.1 * size_px


# --------------------------------------------------------------------------- names above
#: Cargo through five harbours of a made-up coast, in billions: names about as wide as the
#: sample's ports, the longest bar twice the last.
HARBOURS = ["Port Alderney North", "Bramble Harbour", "Cedar Bay", "Dunmore Quay",
            "Eastwick Sound"]  # fmt: skip
CARGO = [61.2, 44.0, 30.5, 22.8, 15.1]
#: A landscape card's chart column beside its title (an x-post's: 560 px square at the
#: card's 144 dpi, its text at the phone floor), and a taller one.
CARD_COLUMN = Canvas(Inches(3.9), Inches(3.9), dpi=144, scale=1.68)
TALL_COLUMN = Canvas(Inches(3.9), Inches(7.0), dpi=144, scale=1.68)


@dataclass
class Rows:
    """A picture's rows as drawn (pixels): bars top down, the names, the values, and
    every visible text, after the collision pass."""

    width: float  # the picture's
    bars: list[Any]  # each bar's extent, first row first
    names: list[tuple[str, Any, bool]]  # each name's text, extent and boldness
    values: list[str]
    texts: list[tuple[str, tuple[float, float, float, float]]]


def _rows(canvas: Canvas, rows: int = 5, **fields: Any) -> Rows:
    from matplotlib.text import Text

    chart_job = job("hbar", HARBOURS[:rows], {"cargo": list(CARGO[:rows])}, canvas=canvas,
                    format="$plain:1B", highlight=[HARBOURS[0]], **fields)  # fmt: skip
    with chart_style(chart_job.theme, chart_job.canvas):
        fig = chart_job.figure()
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
        ax = fig.axes[0]
        bars = sorted((p.get_window_extent(renderer) for p in ax.patches), key=lambda e: -e.y1)
        names = [(t.get_text(), t.get_window_extent(renderer), t.get_fontweight() == "bold")
                 for t in ax.get_yticklabels() if t.get_visible() and t.get_text()]  # fmt: skip
        texts = [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]
        return Rows(
            width=fig.bbox.width,
            bars=bars,
            names=sorted(names, key=lambda n: -n[1].y1),
            values=[t.get_text() for t in ax.texts if _value(t)],
            texts=[(t.get_text(), tuple(t.get_window_extent(renderer).extents)) for t in texts],
        )


def _value(text: Any) -> bool:
    return bool(text.get_visible() and text.get_text().startswith("$"))


@pytest.mark.parametrize(("canvas", "rows"), [(CARD_COLUMN, 4), (TALL_COLUMN, 5)],
                         ids=["x-post", "tall"])  # fmt: skip
def test_on_a_narrow_chart_each_name_stands_over_its_bar_and_the_bars_take_the_width(
    canvas: Canvas, rows: int
) -> None:
    """Beside the bars, the names and values of a card's chart column left the longest
    bar a fifth of the card's chart (the sample's x-post of ports): each name now stands
    on its own line over its bar, starting where the bar starts, the highlighted one bold,
    and the longest bar takes at least half the picture's width (hbar.SHORT_BARS). No
    name touches the bar over it, no text another, and every bar writes its value."""
    from deckgen.kinds.charts.hbar import SHORT_BARS

    drawn = _rows(canvas, rows)
    assert max(b.width for b in drawn.bars) >= SHORT_BARS * drawn.width
    assert [n for n, _, _ in drawn.names] == HARBOURS[:rows]
    assert [n for n, _, bold in drawn.names if bold] == [HARBOURS[0]]
    for k, ((_, name, _), bar) in enumerate(zip(drawn.names, drawn.bars, strict=True)):
        assert name.y0 >= bar.y1  # over its own bar
        assert abs(name.x0 - bar.x0) <= 2  # starting where it starts
        if k:
            assert name.y1 < drawn.bars[k - 1].y0  # under the bar over it
    assert drawn.values == ["$61.2B", "$44.0B", "$30.5B", "$22.8B", "$15.1B"][:rows]
    assert _overlapping(drawn.texts) == []


def test_a_reference_line_over_names_on_a_narrow_chart_leaves_every_text_clear() -> None:
    """The names over the bars reach into the plot, where a reference line runs: it
    leaves a gap across those it crosses, and its label keeps clear of the first name."""
    drawn = _rows(TALL_COLUMN, reference={"value": 40.0, "label": "Average"})
    assert all(n.y0 >= b.y1 for (_, n, _), b in zip(drawn.names, drawn.bars, strict=True))
    assert [n for n, _, _ in drawn.names] == HARBOURS
    assert any(text.startswith("Average") for text, _ in drawn.texts)
    assert len(drawn.values) == 5
    assert _overlapping(drawn.texts) == []


def test_on_a_slide_the_names_stay_beside_the_bars() -> None:
    """A slide's 12 in leave the bars most of the width with the names beside them: the
    names stand left of the bars, as before."""
    drawn = _rows(SUBTITLED)
    assert max(b.width for b in drawn.bars) >= 0.5 * drawn.width
    assert all(name.x1 <= min(b.x0 for b in drawn.bars) for _, name, _ in drawn.names)


def test_a_card_counts_rows_with_names_over_their_bars_as_they_are_drawn() -> None:
    """Names over the bars make every row a line taller: a card counting them as beside
    planned more rows than its chart column holds. As many rows as the card counts are
    drawn with their names over them, every text clear of every other."""
    from deckgen.layout.geometry import Rect
    from deckgen.layout.units import Px
    from tests.helpers import load_theme

    spec = chart(type="hbar", data="d", x="harbour", y="cargo", format="$plain:1B",
                 highlight=HARBOURS[0])  # fmt: skip
    data = ChartData(tuple(HARBOURS), (Series("cargo", tuple(CARGO)),))
    theme = load_theme("corporate")
    label_px = round(theme.theme.sizes.chart_label * 2 * 1.68)
    counted = []
    for height in (300, 400, 560):
        rows = spec.card_categories(data, Rect(Px(0), Px(0), Px(560), Px(height)), label_px,
                                    theme)  # fmt: skip
        canvas = Canvas(Inches(560 / 144), Inches(height / 144), dpi=144, scale=1.68)
        drawn = _rows(canvas, rows)
        assert [n for n, _, _ in drawn.names] == HARBOURS[:rows]
        assert all(n.y0 >= b.y1 for (_, n, _), b in zip(drawn.names, drawn.bars, strict=True))
        assert _overlapping(drawn.texts) == []
        counted.append(rows)
    assert counted == sorted(counted) and counted[0] < 5


def test_a_native_chart_whose_bars_would_be_short_says_it_keeps_its_names_beside() -> None:
    """PowerPoint has no name over a bar: where the picture would set them there, the
    native chart's build says its bars are short, and how to get the picture."""

    def notes(canvas: Canvas) -> list[str]:
        chart_job = job("hbar", HARBOURS, {"cargo": list(CARGO)}, canvas=canvas,
                        format="$plain:1B")  # fmt: skip
        return chart_job.spec.native_notes(chart_job)

    (note,) = notes(TALL_COLUMN)
    assert "under half the chart's width" in note and "'native: false'" in note
    assert notes(SUBTITLED) == []


#: Vehicle losses by region (made up for the tests below): Europe's bar most of the width.
REGIONS = ["North America", "Europe", "Asia-Pacific", "South America"]
LOSSES = [10.0, 8.0, 2.0, 1.0]


@pytest.mark.parametrize("sign", [1, -1])
def test_a_note_stands_on_its_bars_row_past_the_value(sign: int) -> None:
    """A note stood under its bar's end, over the next row's bar, and the collision pass
    took it off without a word (fuzzing round 8, 1); on bars below zero it sat in dark
    text on the highlighted bar. It stands on its own row past the bar's value."""
    from deckgen.render.jobs import LEFT_OUT

    chart_job = job("hbar", REGIONS, {"loss": [sign * v for v in LOSSES]}, highlight="Asia-Pacific",
                    annotations=[{"at": "Asia-Pacific", "text": "Worst in a decade"}])  # fmt: skip
    with chart_style(chart_job.theme, chart_job.canvas):
        fig = chart_job.figure()
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        boxes = {t.get_text(): t.get_window_extent(renderer) for t in fig.axes[0].texts
                 if t.get_visible()}  # fmt: skip
    note, value = boxes["Worst in a decade"], boxes[f"{'−' if sign < 0 else ''}2"]
    assert abs((note.y0 + note.y1) / 2 - (value.y0 + value.y1) / 2) < 1
    assert note.x0 > value.x1 if sign > 0 else note.x1 < value.x0
    asset = chart_job.render()
    assert LEFT_OUT not in asset.values
    assert "A note on the chart: at Asia-Pacific, Worst in a decade." in asset.alt


def test_a_note_with_no_room_is_left_out_and_said() -> None:
    """Past Europe's long bar a long note runs off the plot: left out, and said."""
    from deckgen.render.jobs import LEFT_OUT

    long = "Worst year since the founding of the union, and by far"
    chart_job = job("hbar", REGIONS, {"loss": LOSSES},
                    annotations=[{"at": "Europe", "text": long}])  # fmt: skip
    asset = chart_job.render()
    (said,) = asset.values[LEFT_OUT]
    assert said.startswith(f"the note at Europe, '{long}', found no room clear of the bars")
    # Nor is it described: the alt text said 'A note on the chart: at Europe, Worst
    # year...' of a picture without it (fuzzing round 8).
    assert "note" not in asset.alt.lower() and long not in asset.alt
    assert "Europe 8" in asset.alt  # the rest is described as ever
