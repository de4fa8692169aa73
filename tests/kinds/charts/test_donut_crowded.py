"""A ring in a box too short for its labels: what it cannot name is said, never left to a
leader line that ends at nothing (found in review on wide, short cards)."""

from __future__ import annotations

import pytest

from deckgen.layout.units import Inches
from deckgen.render.jobs import Canvas
from tests.kinds.charts.jobs import THEMES, figure, job

#: Shares of a budget: one large slice on the right, six on the left, several with long
#: names, in a picture as short as a wide card's chart box at card text size.
FUNDING = {"Local levy": 44.0, "Shared business rates (retained)": 22.0,
           "Central government grants": 17.0, "Fees, charges and rents": 10.0,
           "Drawn from reserves": 3.0, "Interest and dividends": 2.5,
           "Other income": 1.5}  # fmt: skip
SHORT = Canvas(Inches(4.0), Inches(2.4), dpi=144, scale=1.5)


def _crowded(theme: str):
    return job("donut", list(FUNDING), {"share": list(FUNDING.values())}, theme=theme,
               canvas=SHORT, format="percent:1", highlight=["Local levy"])  # fmt: skip


def _leader_ends(fig) -> list[tuple[float, float]]:
    """Where each leader ends (next to its label), in display pixels."""
    ax = fig.axes[0]
    return [tuple(ax.transData.transform(line.get_xydata()[-1])) for line in ax.get_lines()]


@pytest.mark.parametrize("theme", THEMES)
def test_every_label_left_out_is_said_and_takes_its_leader_with_it(theme: str) -> None:
    from deckgen.render.chartkit import leaving_out
    from deckgen.render.labels import labels
    from deckgen.render.style import chart_style

    chart_job = _crowded(theme)
    with leaving_out() as left, chart_style(chart_job.theme, chart_job.canvas):
        fig = figure(chart_job)
        kept = [t for t in labels(fig) if t.get_gid() in ("label:0010", "label:0020")]
        ends = _leader_ends(fig)
        boxes = [t.get_window_extent() for t in kept]
    assert len(kept) < len(FUNDING)  # the case: the short picture has no room for all
    # One leader per label drawn, each ending beside it (none runs off to the edge).
    assert len(ends) == len(kept)
    for x, y in ends:
        assert any(b.y0 - 2 <= y <= b.y1 + 2 and min(abs(x - b.x0), abs(x - b.x1)) < 20
                   for b in boxes), (x, y)  # fmt: skip
    # Each slice without its label is said, by name, in the build's warning.
    named = {n for n in FUNDING if any(t.get_text().startswith(n.split()[0]) for t in kept)}
    unnamed = [n for n in FUNDING if n not in named]
    assert len(left) == len(unnamed)
    for name in unnamed:
        assert any(repr(name) in note and "not named" in note for note in left), name


def test_a_card_counts_the_slices_it_names_as_drawn() -> None:
    """A card chooses among its layouts by what each shows: the labels dropped for want of
    height are not shown, and are the ones it names to refuse the preset."""
    chart_job = _crowded("corporate")
    unnamed = chart_job.spec.card_unnamed(chart_job)  # type: ignore[attr-defined]
    assert unnamed and set(unnamed) < set(FUNDING)
    assert chart_job.spec.card_shown(chart_job) <= len(FUNDING) - len(unnamed)
    roomy = job("donut", list(FUNDING), {"share": list(FUNDING.values())},
                format="percent:1", highlight=["Local levy"])  # fmt: skip
    assert roomy.spec.card_unnamed(roomy) == []  # type: ignore[attr-defined]


#: Canvases a ring is planned in on cards: an x-post card's short box, a square card's, an
#: infographic section's default and a short one (1080 px wide at 1.5x).
CARD_CANVASES = [Canvas(Inches(9.875), Inches(2.875), dpi=144, scale=1.46875),
                 Canvas(Inches(6.5), Inches(4.0), dpi=144, scale=1.5),
                 Canvas(Inches(7.0), Inches(3.5), dpi=144, scale=1.5), SHORT,
                 Canvas(Inches(7.0), Inches(8.5), dpi=144, scale=1.5)]  # fmt: skip


@pytest.mark.parametrize("canvas", CARD_CANVASES, ids=["x-post", "square", "long", "short",
                                                       "story"])  # fmt: skip
@pytest.mark.parametrize("count", [3, 5, 7, 10, 14])
def test_a_card_draws_its_ring_to_count_unnamed_slices_only_where_some_may_be(canvas, count):
    """Planning a card (an infographic's section grows until every slice is named) asks
    which slices go unnamed; drawing to tell loaded matplotlib into the build's process,
    so an estimate that draws nothing answers where every label has room to spare. It
    never answers 'none' where the drawing leaves one out."""
    from deckgen.kinds.charts.donut import _card_drawn, _may_leave_unnamed

    names = [*FUNDING, "Sales of assets", "Grants from trusts", "Parking", "Lettings",
             "Capital receipts", "Investment income", "Other grants"][:count]  # fmt: skip
    values = [float(2 * count - i) for i in range(count)]
    chart_job = job("donut", names, {"share": values}, canvas=canvas, format="plain:0",
                    highlight=[names[0]])  # fmt: skip
    drawn = _card_drawn(chart_job)
    unnamed = [n for i, n in enumerate(names) if i not in drawn]
    if not _may_leave_unnamed(chart_job):
        assert unnamed == []
        assert chart_job.spec.card_unnamed(chart_job) == []  # type: ignore[attr-defined]
    else:
        assert chart_job.spec.card_unnamed(chart_job) == unnamed  # type: ignore[attr-defined]


def test_a_roomy_ring_is_counted_named_without_drawing():
    """The estimate answers for a ring with room to spare: three slices in an
    infographic section's box."""
    from deckgen.kinds.charts.donut import _may_leave_unnamed

    roomy = job("donut", ["Cars", "Trucks", "Buses"], {"units": [60.0, 30.0, 10.0]},
                canvas=CARD_CANVASES[2], format="plain:0")  # fmt: skip
    assert not _may_leave_unnamed(roomy)


#: A story card's chart box: as tall as it is wide and more (1080 px wide at 1.5x).
STORY = Canvas(Inches(7.0), Inches(8.5), dpi=144, scale=1.5)


def test_a_tall_box_draws_a_ring_small_enough_to_name_every_slice_beside_it() -> None:
    """On a story card the height drew the ring so large that 30 pt were left beside it:
    every value ('0.001K (<1%)') ran off the picture, all twelve labels were dropped, and
    the estimate said every slice was named, so the card was posted with none named and
    only warnings (fuzzing). The ring now shrinks until its labels fit beside it."""
    from deckgen.kinds.charts.donut import _card_drawn

    names = [f"P{i}" for i in range(12)]
    values = [1000.0] + [1.0] * 11
    chart_job = job("donut", names, {"value": values}, canvas=STORY, highlight=["P0"])
    assert sorted(_card_drawn(chart_job)) == list(range(12))
    assert chart_job.spec.card_unnamed(chart_job) == []  # type: ignore[attr-defined]
