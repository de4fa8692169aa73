"""Donut shares are rounded so that the printed percentages add up to 100%."""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import pairwise

import pytest
from matplotlib.text import Text

from deckgen.layout.units import Inches
from deckgen.render.jobs import Canvas
from tests.kinds.charts.jobs import THEMES, figure, job

SHARE = re.compile(r"\((<1|\d+)%\)")


def _printed_shares(chart_job) -> list[str]:
    fig = figure(chart_job)
    texts = [t.get_text() for t in fig.findobj(Text) if t.get_visible()]
    return [m.group(1) for t in texts for m in SHARE.finditer(t)]


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([1.0, 1.0, 1.0], ["34", "33", "33"]),  # three equal thirds: 33 + 33 + 33 = 99
        # U.S. exports by region: one by one, 63 + 16 + 14 + 4 + 3 + 1 = 101.
        ([89.9, 23.0, 19.7, 5.3, 3.6, 1.7], ["63", "16", "14", "4", "2", "1"]),
        ([2.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0], ["25", "13", "13", "13", "12", "12", "12"]),
    ],
)
def test_printed_shares_add_up_to_one_hundred(values, expected) -> None:
    names = [f"Region {k}" for k in range(len(values))]
    chart_job = job("donut", names, {"v": values}, format="plain:1")
    shares = _printed_shares(chart_job)
    assert shares == expected
    assert sum(int(s) for s in shares) == 100
    alt = [m.group(1) for m in re.finditer(r"\((\d+)% of the total\)", chart_job.alt())]
    assert alt == expected  # the alt text says what the picture prints


def test_a_highlighted_slice_keeps_the_share_a_title_states() -> None:
    """446 of 1,000 printed '44%' under "Alpha makes 45% of the total": its share, 44.6%,
    was the one rounding moved furthest (found by fuzzing). Another slice takes the unit."""
    values = {"Alpha": 446.0, "Beta": 277.0, "Gamma": 277.0}
    plain = job("donut", list(values), {"v": list(values.values())})
    assert _printed_shares(plain) == ["44", "28", "28"]
    chart_job = job("donut", list(values), {"v": list(values.values())}, highlight=["Alpha"])
    assert _printed_shares(chart_job) == ["45", "28", "27"]
    assert "Alpha 446 (45% of the total)" in chart_job.alt()


def test_equal_slices_print_equal_shares() -> None:
    """Two slices of 4 seats in 650 printed 'Green 4 (1%)' over 'Plaid Cymru 4 (<1%)': the
    unit the shares had over 100 was taken from one of a tie by row order (found by
    fuzzing). Equal values print alike; the next-best slice gives the unit up."""
    seats = {"Harbour": 301.0, "Hill": 180.0, "Ford": 13.0, "Marsh": 3.0, "Moor": 3.0}
    # Shares 60.2, 36.0, 2.6, 0.6, 0.6: one by one 60 + 36 + 3 + 1 + 1 = 101.
    chart_job = job("donut", list(seats), {"v": list(seats.values())}, highlight=["Harbour"])
    assert _printed_shares(chart_job) == ["60", "36", "2", "1", "1"]
    assert "Marsh 3 (1% of the total); Moor 3 (1% of the total)" in chart_job.alt()


def test_a_slice_too_small_to_round_to_one_percent_says_so() -> None:
    chart_job = job("donut", ["Most", "Some", "Tiny"], {"v": [900.0, 97.0, 3.0]})
    assert _printed_shares(chart_job) == ["90", "10", "<1"]
    assert "Tiny 3 (<1% of the total)" in chart_job.alt()  # a count, written whole


# --------------------------------------------------------------------------- layout
EXPORTS = {"North America": 89.9, "Asia": 23.0, "Europe": 19.7, "South/Central America": 5.3,
           "Australia and Oceania": 3.6, "Africa": 1.7}  # fmt: skip
#: Many thin slices on both sides: the case where leaders bunch up.
THIN = {f"Region {k}": v for k, v in enumerate([40, 3, 2, 2, 1, 1, 30, 2, 1, 1, 1, 16])}


def _leaders(fig) -> list[list[tuple[float, float]]]:
    """The leader polylines in display pixels (thin lines the donut draws, not wedges)."""
    ax = fig.axes[0]
    return [[tuple(p) for p in ax.transData.transform(line.get_xydata())]
            for line in ax.get_lines()]  # fmt: skip


def _cross(a, b, c, d) -> bool:
    """Whether segments ab and cd properly intersect (touching at an end does not count)."""

    def side(p, q, r) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    return (side(a, b, c) * side(a, b, d) < -1e-6) and (side(c, d, a) * side(c, d, b) < -1e-6)


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("data", [EXPORTS, THIN], ids=["exports", "thin"])
def test_leaders_never_cross_and_labels_never_overlap(theme, data) -> None:
    from deckgen.render.labels import text_boxes
    from deckgen.render.style import chart_style

    chart_job = job("donut", list(data), {"v": list(data.values())}, theme=theme,
                    format="plain:1", highlight=[next(iter(data))])  # fmt: skip
    with chart_style(chart_job.theme, chart_job.canvas):
        fig = figure(chart_job)
        leaders = _leaders(fig)
        boxes = [b for t, b in text_boxes(fig) if "%)" in t]  # 'Name  value (share)'
    assert len(leaders) == len(data) and len(boxes) == len(data)  # every slice labelled
    segments = [(line, k) for k, poly in enumerate(leaders) for line in pairwise(poly)]
    for (a, i), (b, j) in ((x, y) for x in segments for y in segments):
        if i < j:
            assert not _cross(*a, *b), (i, j)
    for i, a in enumerate(boxes):
        assert not any(a.overlaps(b) for b in boxes[i + 1 :])


@pytest.mark.parametrize("theme", THEMES)
def test_the_ring_uses_the_height_and_the_labels_sit_beside_it(theme) -> None:
    """The ring is nearly as tall as the chart area (or as wide as its labels leave room
    for); the labels stand in two columns, one each side of it, clear of the ring."""
    from deckgen.render.labels import text_boxes
    from deckgen.render.style import chart_style

    chart_job = job("donut", list(EXPORTS), {"v": list(EXPORTS.values())}, theme=theme,
                    format="$plain:1B", highlight=["North America"])  # fmt: skip
    with chart_style(chart_job.theme, chart_job.canvas):
        fig = figure(chart_job)
        ax = fig.axes[0]
        (x0, y0), (x1, y1) = ax.transData.transform([(-1, -1), (1, 1)])
        boxes = [b for t, b in text_boxes(fig) if "%)" in t]
        height, width = fig.bbox.height, fig.bbox.width
    # As tall as the area allows, unless the labels' width beside it is what limits it.
    widest = max(b.width for b in boxes)
    assert (y1 - y0) >= 0.9 * height or (x1 - x0) / 2 * 1.2 + widest >= 0.45 * width
    left = [b for b in boxes if b.x1 <= x0]
    right = [b for b in boxes if b.x0 >= x1]
    assert left and right and len(left) + len(right) == len(boxes)


@pytest.mark.parametrize("theme", THEMES)
def test_the_ring_moves_toward_the_side_with_less_text(theme) -> None:
    """One slice of 87% alone on the right, five small ones on the left: centred, the ring
    left the five labels half the width and four of them wrapped, while the one on the
    right had as much (found in review). Off-centre, the left column is wider and at most
    two of the small labels wrap; the ring keeps its size and, with every label, stays
    inside the picture."""
    from deckgen.render.labels import text_boxes
    from deckgen.render.style import chart_style

    shares = {"Harbour": 880.0, "Northern Uplands": 40.0, "Western Lakes District": 30.0,
              "South Coast and Islands": 25.0, "Far Interior Plains": 15.0,
              "Capital Area": 10.0}  # fmt: skip
    canvas = Canvas(Inches(7.5), Inches(3.5), dpi=100)
    chart_job = job("donut", list(shares), {"v": list(shares.values())}, theme=theme,
                    canvas=canvas, format="$plain:1B", highlight=["Harbour"])  # fmt: skip
    with chart_style(chart_job.theme, chart_job.canvas):
        fig = figure(chart_job)
        (x0, y0), (x1, y1) = fig.axes[0].transData.transform([(-1, -1), (1, 1)])
        boxes = [(t, b) for t, b in text_boxes(fig) if "%)" in t]
        width, height = fig.bbox.width, fig.bbox.height
    small = [t for t, _ in boxes if not t.startswith("Harbour")]
    assert len(small) == 5
    assert sum("\n" in t for t in small) <= 2, small  # four or five wrapped, centred
    assert (x0 + x1) / 2 > width / 2  # the ring right of the middle
    assert y1 - y0 >= 0.5 * height  # no smaller than a centred one (60% of 92%)
    assert 0 <= x0 < x1 <= width and 0 <= y0 < y1 <= height
    for _, box in boxes:
        assert box.x0 >= 0 and box.x1 <= width and box.y0 >= 0 and box.y1 <= height


#: A small ring, as on a long card's section: one large slice and several small adjacent
#: ones, whose labels must move apart from their slices' heights to fit.
SMALL = Canvas(Inches(6.7), Inches(3.5), dpi=100, scale=1.0)
EXPORT_MARKETS = {"Home market": 61.0, "Neighbours": 17.0, "Near East": 13.0,
                  "Central and South America": 4.5, "Pacific islands and atolls": 3.0,
                  "Polar stations": 1.5}  # fmt: skip
#: Longer names, two lines each beside a small ring in a large text: the labels of the
#: upper slices stack far under their slices.
POWER = {"Grid power": 64.0, "Rooftop solar": 15.0, "Diesel generators": 14.0,
         "Small wind turbines": 4.0, "Micro hydro schemes": 2.0, "Other": 1.0}  # fmt: skip


def _apart(p, q, r, s) -> float:
    """The least distance between segments pq and rs (0 where they meet)."""
    if _cross(p, q, r, s):
        return 0.0

    def to(a, b, c) -> float:  # from point a to segment bc
        dx, dy = c[0] - b[0], c[1] - b[1]
        t = ((a[0] - b[0]) * dx + (a[1] - b[1]) * dy) / ((dx * dx + dy * dy) or 1.0)
        t = min(max(t, 0.0), 1.0)
        return ((a[0] - b[0] - t * dx) ** 2 + (a[1] - b[1] - t * dy) ** 2) ** 0.5

    return min(to(p, r, s), to(q, r, s), to(r, p, q), to(s, p, q))


@pytest.mark.parametrize(
    ("theme", "shares"),
    [("corporate", EXPORT_MARKETS), ("dark", EXPORT_MARKETS), ("contrast", EXPORT_MARKETS),
     ("contrast", POWER)],
)  # fmt: skip
def test_on_a_small_ring_the_leaders_of_small_slices_fan_out_and_never_meet(theme, shares) -> None:
    """Several small adjacent slices on a small ring: their labels move apart, and each
    leader reaches its own in one slant. They were steps turning a hair apart beside the
    labels, a bundle of parallel lines that ran into each other, and no reader could tell
    which went to which slice (found in design review of the sample's long card). In the
    contrast theme's larger text the labels stack further down, and the slant of a label
    moved far from high on the ring crossed the next one's, which fell back to the steps
    (the contrast long card): it runs across past that one's corner first."""
    from deckgen.render.style import chart_style

    first = next(iter(shares))
    chart_job = job("donut", list(shares), {"v": list(shares.values())}, theme=theme,
                    canvas=SMALL, format="$plain:1B", highlight=[first])  # fmt: skip
    with chart_style(chart_job.theme, chart_job.canvas):
        leaders = _leaders(figure(chart_job))
    assert len(leaders) == len(shares)
    segments = [(line, k) for k, poly in enumerate(leaders) for line in pairwise(poly)]
    for (a, i), (b, j) in ((x, y) for x in segments for y in segments):
        if i < j:
            assert _apart(*a, *b) >= 1.0, (list(shares)[i], list(shares)[j])
    # No two run side by side: the leaders that slant, slant each its own way.
    slopes = [round((b[1] - a[1]) / (b[0] - a[0]), 2) for poly in leaders
              for a, b in pairwise(poly) if abs(b[1] - a[1]) > 10 and b[0] != a[0]]  # fmt: skip
    verticals = [poly for poly in leaders for a, b in pairwise(poly)
                 if abs(b[1] - a[1]) > 10 and abs(b[0] - a[0]) < 1]  # fmt: skip
    assert len(set(slopes)) == len(slopes) and not verticals


# --------------------------------------------------------------------------- the total
def _centre(fig) -> tuple[str, str]:
    """The total in the hole and its caption (the two texts the donut centres there)."""
    texts = {t.get_gid(): t.get_text() for t in fig.findobj(Text) if t.get_gid()}
    return texts["label:0001"], texts["label:0002"]


def test_the_total_in_the_hole_takes_its_own_unit() -> None:
    """Five regions of a few hundred thousand each: the slices read together in K, but
    the total, larger than any of them, is written on its own, '2.3M' (not '2,313.3K')."""
    raised = {"North": 530_500.0, "South": 702_000.0, "East": 420_000.0, "West": 389_750.0,
              "Scotland": 271_000.0}  # fmt: skip
    chart_job = job("donut", list(raised), {"raised": list(raised.values())})
    fig = figure(chart_job)
    assert _centre(fig) == ("2.3M", "Total")
    texts = [t.get_text() for t in fig.findobj(Text) if t.get_visible()]
    assert any("702.0K (30%)" in t for t in texts)  # the slices keep their shared unit
    # A total on its own drops a compact number's trailing zeros, as a template writes it.
    even = job("donut", ["A", "B"], {"v": [600_000.0, 400_000.0]})
    assert _centre(figure(even)) == ("1M", "Total")


def test_the_total_in_the_hole_takes_the_decimals_its_slices_are_written_with(tmp_path) -> None:
    """At ``plain:0`` the slices read '0.4' and '10.0' (a decimal, so 0.4 does not read 0)
    around a hole reading '10', where they add up to 10.4 (found by fuzzing): the total
    takes their decimals, on the picture, the native chart and its alt text. A total in a
    larger unit than its slices keeps its own ('2.3M', above)."""
    chart_job = job("donut", ["A", "B"], {"p": [0.4, 10.0]}, format="plain:0")
    assert _centre(figure(chart_job)) == ("10.4", "Total")
    # In a compact unit: slices '0.04M' and '10.00M' around '10.04M', not '10M'.
    compact = job("donut", ["A", "B"], {"p": [40_000.0, 10_000_000.0]}, format="compact:1")
    assert _centre(figure(compact)) == ("10.04M", "Total")
    slide = _native_ring(tmp_path, "name,v\nA,0.4\nB,10\n", "B is most", 0, "total")
    (total,) = [s for s in slide.shapes if s.name == "Chart total"]
    assert total.text_frame.text.split("\n")[0] == "10.4"
    assert total._element.xpath(".//p:cNvPr")[0].get("descr") == "Total: 10.4"


LONG_NAMES = {
    "The Democratic Republic of the Congo and surrounding territories": 5.0,
    "B": 3.0,
    "Saint Vincent and the Grenadines (overseas dependent territory)": 7.0,
}


def test_a_hole_too_small_for_the_total_and_its_word_keeps_the_ring_clear() -> None:
    """On a short card with long names the ring is small, and 'Total' was drawn over it
    (found by fuzzing): the word goes first, then the number; what stays is inside the
    hole, and a hole large enough keeps both."""
    from deckgen.layout.units import Inches
    from deckgen.render.jobs import Canvas

    def centre(canvas: Canvas) -> list[tuple[str, float]]:
        """The texts in the hole, each with its farthest corner from the centre, in radii
        of the hole."""
        chart_job = job("donut", list(LONG_NAMES), {"v": list(LONG_NAMES.values())},
                        format="plain:0", canvas=canvas)  # fmt: skip
        fig = figure(chart_job)
        ax = fig.axes[0]
        hole = chart_job.theme.theme.chart.hole
        (cx, cy), (rx, _) = ax.transData.transform([(0, 0), (hole, 0)])
        found = []
        for t in fig.findobj(Text):
            if t.get_gid() in ("label:0001", "label:0002") and t.figure is not None:
                b = t.get_window_extent()
                far = max(((x - cx) ** 2 + (y - cy) ** 2) ** 0.5
                          for x in (b.x0, b.x1) for y in (b.y0, b.y1))  # fmt: skip
                found.append((t.get_text(), far / (rx - cx)))
        return found

    # The chart box of an x-post card (1600 x 900) under its title.
    short = centre(Canvas(Inches(9.875), Inches(2.53), 144, 1.68))
    assert [text for text, _ in short] == ["15"]
    assert all(far <= 1.0 for _, far in short)
    tall = centre(Canvas(Inches(9.875), Inches(6), 144, 1.68))
    assert [text for text, _ in tall] == ["15", "Total"]
    assert all(far <= 1.0 for _, far in tall)


def test_a_name_with_a_word_too_long_keeps_its_label_cut_with_a_warning() -> None:
    """A URL or a long German compound made its slice's label wider than the picture, and
    the collision pass dropped it whole, leaving a leader to nothing (found by fuzzing).
    The ring gives way (down to 35% of the height) before a word is cut: the compound is
    written whole; the URL, wider than any room beside a ring, is cut and said."""
    from deckgen.render.chartkit import shortening
    from deckgen.render.labels import text_boxes
    from deckgen.render.style import chart_style

    names = ["Dealers", "https://www.example.com/shop/online-configurator-for-all-new-models",
             "Fleet sales to rental companies and government agencies across all fifty "
             "states", "Kraftfahrzeugversicherungsvermittlungsgesellschaften", "Other"]  # fmt: skip
    chart_job = job("donut", names, {"share": [35, 25, 20, 12, 8]}, format="plain:0")
    with shortening() as shortened, chart_style(chart_job.theme, chart_job.canvas):
        fig = figure(chart_job)
        labels = [t for t, _ in text_boxes(fig) if "%)" in t]
    assert len(labels) == len(names)  # every slice labelled
    assert all(t.count("\n") <= 3 for t in labels)  # three lines of name, then the value
    assert names[1] in shortened and names[3] not in shortened  # said in the build's warning
    assert any(t.startswith(names[3]) for t in labels)


# --------------------------------------------------------------------------- missing values
def test_a_missing_value_is_said_to_be_left_out_not_a_slice_of_zero() -> None:
    """'Trading & events,-' drew no slice, yet the alt text (and the notes, which are the alt
    text) read 'Trading & events – (0% of the total)': a dash and a share of a slice that is
    not there (found by fuzzing). It says the category has no value and is not shown."""
    funding = {"Individual donors": 1482300.0, "Trusts & foundations": 968750.0,
               "Legacies": 221000.0, "Trading & events": None}  # fmt: skip
    chart_job = job("donut", list(funding), {"amount": list(funding.values())},
                    format="£compact:1", highlight=["Individual donors"])  # fmt: skip
    alt = chart_job.alt()
    assert alt.endswith(
        "Legacies £0.2 million (9% of the total). Trading & events has no value and is not shown."
    )
    assert "–" not in alt and "0% of" not in alt
    # The picture leaves it out too: three slices, three labels.
    texts = [t.get_text() for t in figure(chart_job).findobj(Text) if t.get_visible()]
    assert not any("Trading" in t for t in texts)
    assert len([t for t in texts if "%)" in t]) == 3

    two = job("donut", ["A", "B", "C", "D"], {"v": [2.0, None, 1.0, None]})
    assert two.alt().endswith("A 2 (67% of the total); C 1 (33% of the total). "
                              "B and D have no value and are not shown.")  # fmt: skip


def test_a_slice_of_zero_is_named_where_it_would_be() -> None:
    """'Gamma,0' vanished from the picture, neither slice nor label, with no word, while the
    alt text listed 'Gamma 0 (0% of the total)' (found by fuzzing). Its label points to the
    ring between its neighbours; no wedge is drawn for it."""
    from matplotlib.patches import Wedge

    chart_job = job("donut", ["Alpha", "Beta", "Gamma", "Delta"],
                    {"v": [40.0, 30.0, 0.0, 30.0]}, format="plain:0")  # fmt: skip
    fig = figure(chart_job)
    texts = [t.get_text() for t in fig.findobj(Text) if t.get_visible()]
    assert any(t.startswith("Gamma") and "0 (0%)" in t for t in texts), texts
    assert len([t for t in texts if "%)" in t]) == 4
    assert len(fig.findobj(Wedge)) == 3
    assert "Gamma 0 (0% of the total)" in chart_job.alt()


# --------------------------------------------------------------------------- percentages
#: A council's revenue, each source's share in percent already (they add up to 100.0).
REVENUE = {"Property tax": 46.5, "Sales tax": 21.3, "State aid": 14.8, "Fees & charges": 10.2,
           "Other": 7.2}  # fmt: skip


def _slice_labels(chart_job) -> list[str]:
    """The labels beside the ring, in the slices' order (names and numbers, not the hole)."""
    fig = figure(chart_job)
    texts = [t for t in fig.findobj(Text) if t.get_visible() and "  " in t.get_text()]
    names = list(chart_job.data.categories)
    return sorted((t.get_text() for t in texts), key=lambda s: names.index(s.split("  ")[0]))


def test_percentages_are_each_written_once_and_the_hole_is_left_empty() -> None:
    """Values in a percent format are shares already: each label read 'Property tax 46.5%
    (47%)', the same share twice rounded two ways, over '100.0%' in the hole (found by
    fuzzing). Each is written once, as the format writes it, and the hole stays empty."""
    chart_job = job("donut", list(REVENUE), {"share_pct": list(REVENUE.values())},
                    format="percent:1", highlight=["Property tax"])  # fmt: skip
    assert _slice_labels(chart_job) == [
        "Property tax  46.5%", "Sales tax  21.3%", "State aid  14.8%", "Fees & charges  10.2%",
        "Other  7.2%",
    ]  # fmt: skip
    texts = [t.get_text() for t in figure(chart_job).findobj(Text) if t.get_visible()]
    assert not any("100" in t or "Total" in t or "(" in t for t in texts)
    assert chart_job.alt().endswith(
        "Property tax 46.5 percent; Sales tax 21.3 percent; State aid 14.8 percent; "
        "Fees & charges 10.2 percent; Other 7.2 percent."
    )


@pytest.mark.parametrize(
    ("values", "shorthand", "expected"),
    [
        # Rounded to the format's whole percents one by one: 47 + 21 + 15 + 10 + 7 = 100.
        (list(REVENUE.values()), "percent:0", ["47%", "21%", "15%", "10%", "7%"]),
        # Thirds: 33 + 33 + 33 = 99 one by one; the labels add up to 100%.
        ([100 / 3] * 3, "percent:0", ["34%", "33%", "33%"]),
        ([33.3, 33.3, 33.4], "percent:0", ["33%", "33%", "34%"]),
        # A slice the format would write as 0 takes a decimal, as every label does ...
        ([99.6, 0.4], "percent:0", ["99.6%", "0.4%"]),
        # ... one the rounding to 100 would take down to 0 keeps its 1%, another slice
        # giving up the unit within one of its value ...
        ([0.6, 0.7, 98.7], "percent:0", ["1%", "1%", "98%"]),
        # ... and where none can, it is under one unit, never '0%'.
        ([0.6, 0.6, 0.6, 98.2], "percent:0", ["1%", "1%", "<1%", "98%"]),
        # Equal shares print alike: the tie went by row order, '1%' over '<1%'.
        ([0.6, 0.6, 98.8], "percent:0", ["1%", "1%", "98%"]),
    ],
)
def test_percentages_are_rounded_once_to_add_up_and_read_as_their_slice(
    values, shorthand, expected
) -> None:
    names = [f"Part {k}" for k in range(len(values))]
    chart_job = job("donut", names, {"share": values}, format=shorthand)
    shown = [label.split("  ")[1] for label in _slice_labels(chart_job)]
    assert shown == expected
    numbers = [float(s.lstrip("<").rstrip("%")) for s in shown]
    if not any(s.startswith("<") for s in shown):
        assert sum(numbers) == pytest.approx(100)
    # One number per slice, and it is the slice's share: within one unit of what the ring
    # draws (largest remainder moves a label by less than one unit).
    total = sum(values)
    for value, number in zip(values, numbers, strict=True):
        assert abs(100 * value / total - number) < 1
    assert "of the total" not in chart_job.alt()


def _problems(values: list[float | None], shorthand: str) -> list[str]:
    from deckgen.errors import Location
    from deckgen.kinds.charts import chart
    from deckgen.tables.select import ChartData, Series

    names = tuple(f"c{k}" for k in range(len(values)))
    data = ChartData(names, (Series("share", tuple(values)),))
    spec = chart(type="donut", data="d", x="x", y="share", format=shorthand)
    where = Location("deck.yaml", 4, "slides[0].chart")
    return [f"{p.location}: {p.message}" for p in spec.check(data, where)]


def test_percentages_that_do_not_add_up_to_100_are_refused() -> None:
    """Written once, a percentage must be its slice's share: 46.5% of values adding up to
    85 is a slice of 55%. Percentages that add up to 100 as far as their rounding allows
    (half a unit of each one's last decimal) are drawn."""
    (message,) = _problems([46.5, 21.3, 14.8, 2.4], "percent:1")
    assert message == (
        "deck.yaml:4: slides[0].chart.y: a donut in a percent format (percent:1) writes each "
        "value as the slice's share, so the values must add up to 100%; those of 'share' add "
        "up to 85%"
    )
    (gap,) = _problems([46.5, 21.3, None, 10.2, 7.2], "percent:1")
    assert gap.endswith("add up to 85.2% (c2 has no value)")
    assert _problems([33.0, 33.0, 33.0], "percent:0") == []  # thirds, in whole percents
    assert _problems([46.5, 21.3, 14.8, 10.2, 7.1], "percent:1") == []  # 99.9
    assert _problems([100 / 3] * 3, "percent:0") == []
    assert _problems([46.0, 21.0, 15.0, 10.0, 5.0], "percent:0") != []  # 97: not rounding
    assert _problems([46.5, 21.3, 14.8, 2.4], "plain:1") == []  # amounts: shares are worked out


def test_fractions_of_one_in_a_percent_format_are_told_scale_100_first() -> None:
    """A survey's shares stored as fractions (0.433, 0.427, 0.14) were told every fix but
    the one that applies (found in review): values adding up to 1, as far as their
    rounding allows, are fractions, and the hint is 'scale: 100' first; a chart with a
    scale already, and fractions that do not make 1, keep the other hints."""
    from deckgen.errors import Location
    from deckgen.kinds.charts import chart
    from deckgen.tables.select import ChartData, Series

    def problem(values: list[float | None], **fields: object) -> tuple[str, str]:
        names = tuple(f"c{k}" for k in range(len(values)))
        data = ChartData(names, (Series("pct", tuple(values)),))
        spec = chart(type="donut", data="d", x="x", y="pct", format="percent:1", **fields)
        (found,) = spec.check(data, Location("deck.yaml", 4, "slides[0].chart"))
        return found.message, found.hint or ""

    message, hint = problem([0.433, 0.427, 0.14])
    assert message.endswith("those of 'pct' add up to 1, as fractions of one do")
    assert hint == (
        "the values look like fractions (0.433 for 43.3%): add 'scale: 100' to the chart, or "
        "make them percent in a derived table's step 'compute: {pct: \"pct * 100\"}'"
    )
    assert problem([0.33, 0.33, 0.33])[1].startswith("the values look like fractions")
    _, rest = problem([0.376, 0.494])  # 0.87: not one whole, so not told it is
    assert rest.startswith("add the rest as a row of its own")
    _, scaled = problem([0.433, 0.427, 0.14], scale=10)  # 10: a scale of its own
    assert scaled.startswith("add the rest as a row of its own")


# ------------------------------------------------------------------------- rounding: each
#: What the alt text and the notes say where the shares each rounded miss 100%.
EACH = "Shares do not add up to 100% because each is rounded on its own."


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        # 2.51% reads 2% rounded to the total (2 + 48 + 50 = 100); on its own, 3% (101).
        ([2.51, 47.7, 49.79], ["3", "48", "50"]),
        ([1.0, 1.0, 1.0], ["33", "33", "33"]),  # three equal thirds: 99, as newsrooms print
        # A slice under half a percent is '<1%', never '1%' to make up a total of 99.
        ([0.45, 0.45, 0.45, 98.65], ["<1", "<1", "<1", "99"]),
    ],
)
def test_with_rounding_each_every_share_is_rounded_on_its_own(values, expected) -> None:
    """A data journalist prints each share as itself: ``rounding: each`` moves no share a
    unit from its value so that they make 100, on the picture and in the alt text."""
    names = [f"Region {k}" for k in range(len(values))]
    chart_job = job("donut", names, {"v": values}, format="plain:2", rounding="each")
    assert _printed_shares(chart_job) == expected
    alt = [m.group(1) for m in re.finditer(r"\((<1|\d+)% of the total\)", chart_job.alt())]
    assert alt == expected
    total = job("donut", names, {"v": values}, format="plain:2")  # the default: to 100
    assert sum(int(s) for s in _printed_shares(total) if s != "<1") == 100


def test_with_rounding_each_a_highlighted_slice_is_its_own_share_and_no_other_moves() -> None:
    values = {"Alpha": 446.0, "Beta": 277.0, "Gamma": 277.0}
    chart_job = job("donut", list(values), {"v": list(values.values())}, highlight=["Alpha"],
                    rounding="each")  # fmt: skip
    assert _printed_shares(chart_job) == ["45", "28", "28"]  # 'total' gives Gamma 27


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([2.51, 47.7, 49.79], ["3%", "48%", "50%"]),  # 'total': 2%, 48%, 50%
        ([100 / 3] * 3, ["33%", "33%", "33%"]),  # 'total': 34%, 33%, 33%
        ([0.6, 0.6, 98.8], ["1%", "1%", "99%"]),  # 'total': 1%, 1%, 98%
    ],
)
def test_with_rounding_each_percentages_are_each_written_as_themselves(values, expected) -> None:
    names = [f"Part {k}" for k in range(len(values))]
    chart_job = job("donut", names, {"v": values}, format="percent:0", rounding="each")
    assert [label.split("  ")[1] for label in _slice_labels(chart_job)] == expected
    said = [f"Part {k} {text.rstrip('%')} percent" for k, text in enumerate(expected)]
    assert "; ".join(said) in chart_job.alt()


def _native_ring(tmp_path, csv: str, title: str, decimals: int, rounding: str):
    """The slide of a one-slide deck: a native donut of ``csv`` (name, v) at ``decimals``."""
    from pptx import Presentation

    from deckgen.pipeline import BuildOptions, build
    from tests.helpers import write_project

    outline = (
        "deck: {title: T}\ndata: {d: {file: d.csv}}\nslides:\n  - kind: chart\n"
        f"    title: {title}\n"
        "    chart: {type: donut, native: true, data: d, x: name, y: v, "
        f"format: plain:{decimals}, rounding: {rounding}}}\n"
    )
    deck = build(write_project(tmp_path, outline, {"d.csv": csv}),
                 BuildOptions(out_dir=tmp_path / "out"))  # fmt: skip
    return Presentation(str(deck.deck)).slides[0]


@pytest.mark.parametrize(("rounding", "expected"), [("total", "2"), ("each", "3")])
def test_the_native_ring_prints_the_picture_s_shares(tmp_path, rounding, expected) -> None:
    """The native chart's labels are the picture's text: its 2.51% slice reads '(3%)' with
    ``rounding: each``, '(2%)' by default. Its alt text and the slide's notes say why the
    shares then make 101%."""
    csv = "name,v\nBig,49.79\nMiddle,47.7\nSmall,2.51\n"
    slide = _native_ring(tmp_path, csv, "Big and Middle share the exports", 2, rounding)
    frame = next(s for s in slide.shapes if s.has_chart)
    labels = [p.data_label.text_frame.text for p in frame.chart.plots[0].series[0].points]
    assert [SHARE.search(text).group(1) for text in labels] == ["50", "48", expected]
    alt = frame._element.xpath(".//p:cNvPr")[0].get("descr")
    for said in (alt, slide.notes_slide.notes_text_frame.text):
        assert (EACH in said) is (rounding == "each")


def test_an_unknown_rounding_is_an_error_with_did_you_mean() -> None:
    """``rounding:`` is typed: a misspelt value is named with what it may be, and a type
    that prints no parts of a whole (a bar) has no such field."""
    from pathlib import Path

    from deckgen.errors import OutlineError
    from tests.helpers import parse_outline

    outline = (
        "deck: {title: T}\ndata: {d: {file: d.csv}}\nslides:\n"
        "  - kind: chart\n    title: Big\n"
        "    chart: {type: donut, data: d, x: name, y: v, rounding: eahc}\n"
        "  - kind: chart\n    title: Big\n"
        "    chart: {type: bar, data: d, x: name, y: v, rounding: each}\n"
    )
    with pytest.raises(OutlineError) as info:
        parse_outline(outline, Path("deck.yaml"))
    said = [str(p) for p in info.value.problems]
    assert said[0] == (
        "deck.yaml:6: slides[0].chart.rounding: expected one of 'total' or 'each', "
        "found 'eahc'\n  hint: did you mean 'each'?"
    )
    # The field of other types, named as one (it was an 'unknown field': fuzzing).
    assert said[1].startswith(
        "deck.yaml:9: slides[1].chart.rounding: 'rounding' is a field of type donut, "
        "stacked-bar and stacked-area, not of type 'bar'"
    )
    assert len(said) == 2


@pytest.mark.parametrize(
    ("values", "fmt", "said"),
    [
        ([89.9, 23.0, 19.7, 5.3, 3.6, 1.7], "plain:1", True),  # 63+16+14+4+3+1 = 101
        ([1.0, 1.0, 1.0], "plain:0", True),  # 33 + 33 + 33 = 99
        ([100 / 3] * 3, "percent:0", True),  # values that are shares: 33% three times
        ([2.4, 47.7, 49.9], "plain:1", False),  # 2 + 48 + 50: they add up, nothing said
        ([46.5, 21.0, 15.0, 10.0, 7.5], "percent:1", False),
    ],
)
def test_with_rounding_each_the_alt_text_says_why_the_shares_miss_100(values, fmt, said) -> None:
    """The sample's export shares, each rounded on its own, print 101% and nothing said why
    (design review): the alt text, and so the slide's notes, says so in one sentence, only
    where they miss, and never with the default rounding, whose shares make 100."""
    names = [f"Region {k}" for k in range(len(values))]
    alt = job("donut", names, {"v": values}, format=fmt, rounding="each").alt()
    assert (EACH in alt) is said
    if said:
        assert alt.endswith(f"). {EACH}") or alt.endswith(f"percent. {EACH}")
    assert EACH not in job("donut", names, {"v": values}, format=fmt).alt()


# ------------------------------------------------------------------ the note under the ring
def _notes(fig) -> list[Text]:
    return [t for t in fig.findobj(Text) if t.get_visible() and t.axes is not None
            and EACH.split()[0] in t.get_text()]  # fmt: skip


@pytest.mark.parametrize("theme", ["corporate", "dark"])
@pytest.mark.parametrize(
    ("values", "rounding", "said"),
    [
        ([89.9, 23.0, 19.7, 5.3, 3.6, 1.7], "each", True),  # 63+16+14+4+3+1 = 101
        ([2.4, 47.7, 49.9], "each", False),  # 2 + 48 + 50 = 100: nothing added
        ([89.9, 23.0, 19.7, 5.3, 3.6, 1.7], "total", False),  # rounded to make 100
    ],
)
def test_shares_that_miss_100_are_said_so_under_the_ring(theme, values, rounding, said) -> None:
    """The sample's slide printed shares adding up to 101% and only its alt text said why
    (design review): the picture says it too, in the alt text's sentence, one muted line
    under the ring and its labels, at least 12 pt, in a line the layout keeps for it."""
    from matplotlib.colors import to_hex

    names = [f"Region {k}" for k in range(len(values))]
    chart_job = job("donut", names, {"v": values}, theme=theme, format="plain:1",
                    rounding=rounding)  # fmt: skip
    with_note = figure(chart_job)
    notes = _notes(with_note)
    assert len(notes) == int(said)
    if not said:
        return
    (note,) = notes
    assert note.get_text().replace("\n", " ") == EACH
    assert to_hex(note.get_color()) == to_hex(chart_job.theme.theme.colors.muted)
    assert note.get_fontsize() >= 12
    renderer = with_note.canvas.get_renderer()
    box = note.get_window_extent(renderer)
    assert box.y0 >= 0 and box.x0 >= 0 and box.x1 <= with_note.bbox.width
    others = [t.get_window_extent(renderer) for t in with_note.findobj(Text)
              if t.get_visible() and t.get_text() and t is not note]  # fmt: skip
    assert all(box.y1 <= other.y0 for other in others if other.width)  # under every label
    ring = [p.get_window_extent(renderer) for p in with_note.axes[0].patches]
    assert all(box.y1 <= wedge.y0 for wedge in ring)
    assert all(not box.overlaps(line.get_window_extent(renderer))
               for line in with_note.axes[0].lines)  # fmt: skip


@pytest.mark.parametrize("theme", THEMES)
def test_the_note_s_line_is_kept_out_of_a_card_s_cut(theme) -> None:
    """A card cuts its picture under the lowest thing drawn (``card_fill``): the note is
    under the ring, so the cut is under the note (as matplotlib draws it: in Roboto, the
    contrast theme's, its line was taller than the text fitter's and the cut went 6 pt
    into it), and an infographic's box for the ring grows by its lines (the ring stays as
    large as the sample's with no note)."""
    from deckgen.kinds.charts.donut import Donut

    values = [89.9, 23.0, 19.7, 5.3, 3.6, 1.7]
    names = [f"Region {k}" for k in range(len(values))]
    card = Canvas(Inches(7.5), Inches(4.2), dpi=144, scale=1.6)
    chart_job = job("donut", names, {"v": values}, canvas=card, format="plain:1",
                    rounding="each", theme=theme)  # fmt: skip
    fig = figure(chart_job)
    (note,) = _notes(fig)
    bottom = (fig.bbox.height - note.get_window_extent(fig.canvas.get_renderer()).y0) * 72 / 144
    assert bottom <= chart_job.spec.card_fill(chart_job) <= card.height.pt
    each = chart_job.spec
    total = each.model_copy(update={"rounding": "total"})
    assert isinstance(each, Donut)
    assert each.card_height(chart_job.data) > total.card_height(chart_job.data) == 500


@pytest.mark.parametrize("rounding", ["total", "each"])
def test_the_native_ring_says_so_in_a_note_under_it(tmp_path, rounding) -> None:
    """The native chart writes the note as a text box along its bottom, under the ring
    and its labels (the total in the hole is a text box too); none where the shares make
    100."""
    csv = "name,v\nNorth,89.9\nAsia,23.0\nEurope,19.7\nSouth,5.3\nOceania,3.6\nAfrica,1.7\n"
    shapes = list(_native_ring(tmp_path, csv, "North buys most", 1, rounding).shapes)
    notes = [s for s in shapes if s.name == "Chart note"]
    if rounding == "total":
        assert notes == []
        return
    (note,) = notes
    assert note.text_frame.text == EACH
    assert all(run.font.size.pt >= 12 for p in note.text_frame.paragraphs for run in p.runs)
    frame = next(s for s in shapes if s.has_chart)
    assert note.top + note.height <= frame.top + frame.height
    total = next(s for s in shapes if s.name == "Chart total")
    assert total.top + total.height <= note.top


#: Seats by party, and the x-post card's chart box under a one-line title (the contrast
#: theme's card text scale): five of the labels stacked down the ring's left side.
SEATS = {"Labour": 411.0, "Conservative": 121.0, "Liberal Democrats": 72.0, "SNP": 9.0,
         "Sinn Féin": 7.0, "Others": 30.0}  # fmt: skip
X_POST = Canvas(Inches(9.875), Inches(2.875), dpi=144, scale=1.46875)


def _seats(theme: str):
    return job("donut", list(SEATS), {"seats": list(SEATS.values())}, theme=theme,
               canvas=X_POST, format="plain:0", highlight=["Labour"], rounding="each")  # fmt: skip


def _label_bottoms(fig) -> dict[str, float]:
    """Each slice label's bottom, in points from the picture's top."""
    renderer = fig.canvas.get_renderer()
    return {t.get_text(): (fig.bbox.y1 - t.get_window_extent(renderer).y0) * 72 / fig.dpi
            for t in fig.axes[0].texts if t.get_visible() and "(" in t.get_text()}  # fmt: skip


@pytest.mark.parametrize("theme", THEMES)
def test_a_card_s_cut_is_under_every_label_it_draws(theme: str) -> None:
    """A card cuts the ring's picture under the lowest thing it draws (``card_fill``),
    planned without drawing. The labels' heights were the text fitter's, under the 31 pt a
    line matplotlib draws Roboto at: the contrast theme's x-post card cut its lowest label,
    'Conservative  121 (19%)', in half, and nothing said so (found in review)."""
    chart_job = _seats(theme)
    bottoms = _label_bottoms(figure(chart_job))
    assert len(bottoms) == len(SEATS)
    cut = chart_job.spec.card_fill(chart_job)
    assert max(bottoms.values()) <= cut <= X_POST.height.pt, bottoms


def test_a_label_the_card_s_cut_would_go_through_is_counted_unnamed(monkeypatch) -> None:
    """A card counts the labels its picture keeps to see that every slice is named
    (``card_unnamed``): counted on the picture uncut, a label under the cut was named, and
    the card was posted with it cut off. Above the cut only, it is not, and the card is
    refused for it (or takes another layout)."""
    from deckgen.kinds.charts.donut import Donut

    chart_job = _seats("contrast")
    assert chart_job.spec.card_unnamed(chart_job) == []
    bottoms = _label_bottoms(figure(chart_job))
    lowest = max(bottoms, key=bottoms.__getitem__)
    monkeypatch.setattr(Donut, "card_fill", lambda self, job: bottoms[lowest] - 10)
    assert chart_job.spec.card_unnamed(chart_job) == [lowest.split("  ")[0].split("\n")[0]]


def test_a_donut_cut_by_top_keeps_the_rest_as_one_slice(tmp_path) -> None:
    """Five of sixteen states were called 'the total' and their shares '39% of the total'
    (37.3% of the whole), the eleven left out said nowhere (found by fuzzing): the rest is
    one neutral slice, 'Other (11)', and the hole holds the whole's total."""
    from deckgen.pipeline import BuildOptions, build
    from tests.helpers import write_project

    rows = "".join(f"S{k:02},{v}\n" for k, v in enumerate(
        [40.0, 30.0, 20.0, 5.0, 2.0, *[0.5] * 6]))  # fmt: skip
    outline = """\
deck: {title: T, theme: corporate}
data:
  s: {file: s.csv}
slides:
  - kind: chart
    title: Three states make most of the total
    source: Test data
    chart: {type: donut, data: s, x: state, y: v, top: 5, format: plain:1}
"""
    path = write_project(tmp_path / "p", outline, {"s.csv": "state,v\n" + rows})
    result = build(path, BuildOptions(out_dir=tmp_path / "out"))
    from pptx import Presentation

    (picture,) = [s for s in Presentation(str(result.deck)).slides[0].shapes
                  if s.shape_type == 13]  # fmt: skip
    alt = picture._element.xpath(".//p:cNvPr")[0].get("descr")
    assert "S00 40.0 (40% of the total)" in alt  # of 100, the whole
    assert alt.endswith("Other (6) 3.0 (3% of the total).")
    chart_job = job("donut", ["A", "Other (6)"], {"v": [10.0, 3.0]})
    assert _fills_of(chart_job)[-1] == chart_job.theme.theme.colors.neutral


def _fills_of(chart_job) -> list[str]:
    from deckgen.kinds.charts.donut import _fills

    return _fills(chart_job)


@pytest.mark.parametrize("kind", ["donut", "waterfall", "dot", "range", "arrow"])
def test_dates_are_named_as_their_periods_read(kind):
    """A donut, a waterfall and the dot, range and arrow plots over a date column wrote
    each date as '2023-01-01' (ISO text) where bars, lines and tables write 'Jan 2023'
    (found in review, after a column of an API's days became dates): they are named as
    their periods read, drawn short and said in full in the alt text."""
    import datetime as dt
    import re

    from deckgen.tables.dates import Month

    months = [Month(2023, m, 1) for m in (1, 2, 3)]
    two = kind in ("dot", "range", "arrow")
    series = {"v": [1.0, 2.0, 3.0], **({"w": [2.0, 3.0, 5.0]} if two else {})}
    dated = job(kind, [str(dt.date(2023, m, 1)) for m in (1, 2, 3)], series)
    dated = replace(dated, data=replace(dated.data, x_dates=tuple(months)))
    fig = figure(dated)
    drawn = " ".join(t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text")))
    assert "Jan 2023" in drawn and "Mar 2023" in drawn, drawn
    assert not re.search(r"2023-0\d-01", drawn), drawn
    assert "2023-01-01" not in dated.alt()


def test_slivers_side_by_side_at_the_top_have_leaders_apart():
    """Two slivers at twelve o'clock (a transit agency's paratransit and vanpool, 2% and
    under 1% of trips; made up) had their elbows at one height, and their leaders ran
    across on top of each other over the ring: no reader could tell which label was whose
    (found by a new user). The one that turns farther out now runs across above the other,
    every leader inside the picture."""
    from deckgen.kinds.charts.donut import _meet

    drawn = job("donut", ["Bus", "Light rail", "Paratransit", "Vanpool"],
                {"Boardings": [7286300.0, 8614100.0, 279400.0, 61200.0]},
                canvas=Canvas(Inches(12.33), Inches(4.86), dpi=100),
                highlight="Light rail")  # fmt: skip
    ax = figure(drawn).axes[0]
    leaders = [line for line in ax.get_lines() if len(line.get_xdata()) > 2]
    left = [[(-x, y) for x, y in zip(line.get_xdata(), line.get_ydata(), strict=True)]
            for line in leaders if line.get_xdata()[0] < 0]  # fmt: skip
    assert len(left) == 3  # light rail, paratransit, vanpool
    assert not _meet(left)
    bottom, top = ax.get_ylim()
    assert all(bottom <= y <= top for path in left for _, y in path)
