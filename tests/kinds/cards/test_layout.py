"""Layout, measured: every laid-out text box lies inside the preset's safe area, no two
overlap, nothing is drawn outside the safe area, and sizes meet the design minimums."""

from __future__ import annotations

import dataclasses
import itertools

from deckgen.layout.geometry import Rect as Box
from deckgen.layout.units import Px
from deckgen.plan.cards import plan_cards
from deckgen.render.cardkit import Rule
from deckgen.render.chartkit import label_size
from tests.kinds.cards.conftest import PLANNED


def _overlap(a: Box, b: Box) -> bool:
    return a.overlaps(b)


def _rules(job) -> list[Rule]:
    found = []
    for f in dataclasses.fields(job):
        value = getattr(job, f.name)
        found += [
            v for v in (value if isinstance(value, tuple) else (value,)) if isinstance(v, Rule)
        ]
    return found


def _check_boxes(card) -> None:
    job = card.job
    frame = job.frame
    assert frame.safe == Box(
        Px(card.preset.safe.left),
        Px(card.preset.safe.top),
        Px(frame.width - card.preset.safe.left - card.preset.safe.right),
        Px(frame.height - card.preset.safe.top - card.preset.safe.bottom),
    )
    texts = job.texts()
    assert texts, card.file
    for rule in _rules(job):  # accent bars, list markers, dividers
        assert frame.safe.contains(rule.box), (card.file, rule)
    if job.footer.logo is not None:
        assert frame.safe.contains(job.footer.logo.box)
    for block in texts:
        assert frame.safe.contains(block.box), (card.file, block.role, block.box, frame.safe)
    for a, b in itertools.combinations(texts, 2):
        assert not _overlap(a.box, b.box), (card.file, a.role, b.role)
    for placed in getattr(job, "charts", ()) or ([job.chart] if hasattr(job, "chart") else []):
        assert frame.safe.contains(placed.box), card.file
        for block in texts:
            assert not _overlap(block.box, placed.box), (card.file, block.role)


def _outside_safe_is_background(image, card) -> None:
    """Every pixel outside the safe area is the background colour: nothing drawn there
    but the brand strip along the top edge (colour, not text)."""
    from PIL import ImageDraw

    frame = card.job.frame
    safe = frame.safe
    assert frame.strip is not None and frame.strip.box.bottom <= safe.top
    strip = frame.strip.box
    assert image.getpixel((strip.left.px, strip.top.px)) == _rgb(frame.strip.color)
    image = image.copy()  # the strip painted over: the rest must be bare background
    ImageDraw.Draw(image).rectangle((0, 0, image.width, strip.bottom.px - 1), fill=frame.background)
    background = image.getpixel((0, 0))
    w, h = image.size
    top, bottom, left, right = safe.top.px, safe.bottom.px, safe.left.px, safe.right.px
    for band in ((0, 0, w, top), (0, bottom, w, h), (0, 0, left, h), (right, 0, w, h)):
        if band[2] > band[0] and band[3] > band[1]:
            colours = image.crop(band).getcolors(maxcolors=4)
            assert colours is not None and len(colours) == 1, (card.file, band)
            assert colours[0][1] == background


def _rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))  # type: ignore[return-value]


def test_every_text_box_lies_inside_the_safe_area_and_none_overlap(planned):
    assert len(planned) == PLANNED
    for card in planned:
        _check_boxes(card)


def test_nothing_is_drawn_outside_the_safe_area(planned):
    for card in planned:
        if card.kind in ("chart", "infographic") and card.preset.name != "x-post":
            continue  # one chart card is enough here; test_sizes renders the rest
        image = card.job.draw()
        assert image.size == (card.preset.width, card.job.frame.height)
        _outside_safe_is_background(image, card)


def test_the_design_minimums_hold(planned):
    for card in planned:
        u = card.preset.unit
        sizes = {b.role: b.size.px for b in card.job.texts()}
        if card.kind == "stat":
            assert sizes["value"] >= round(180 * u)
            assert sizes["label"] >= round(40 * u)
        if card.kind in ("stat", "chart") and "title" in sizes:
            assert sizes["title"] >= round(44 * u)
        if "source" in sizes:
            assert round(24 * u) <= sizes["source"] <= round(34 * u)


def test_chart_labels_are_at_least_28_px_on_1080_wide(planned):
    for card in planned:
        if card.kind != "chart":
            continue
        job = card.job.chart.job
        label_px = label_size(job) * job.canvas.dpi / 72
        assert label_px >= 28 * card.preset.unit - 0.5
        # Redrawn at the card's chart box, not a shrunken slide picture.
        assert job.canvas.pixels == (card.job.chart.box.width.px, card.job.chart.box.height.px)


def test_the_chart_is_laid_out_for_the_shape(planned):
    charts = {c.preset.name: c.job for c in planned if c.kind == "chart"}
    square, story, wide = charts["ig-square"], charts["story"], charts["x-post"]
    assert square.title.box.bottom <= square.chart.box.top  # the finding over the chart
    assert story.chart.box.height.px > story.chart.box.width.px  # taller bars on a story
    assert wide.chart.box.width.px > 2 * wide.chart.box.height.px  # a wide chart on 16:9


def test_an_infographic_is_as_tall_as_its_content(planned):
    (card,) = [c for c in planned if c.kind == "infographic"]
    frame = card.job.frame
    assert frame.width == 1080 and 2000 < frame.height < 6000
    bottom = max(b.box.bottom for b in card.job.texts())
    assert (frame.safe.bottom - bottom).px < 200  # the wordmark closes the page
    assert len(card.job.rules) == 5  # one rule before each of 4 sections and the sources
    image = card.job.draw()
    assert image.size == (1080, frame.height)
    _outside_safe_is_background(image, card)


def test_stopping_at_the_largest_stat_value_plans_what_trying_every_level_would(
    corporate, monkeypatch
):
    """Squeezing a stat card stops once its value reaches the largest size, as no later
    level can beat it: the plans are those of trying every level."""
    from deckgen.kinds.cards.stat import STAT_VALUE_MAX_PX, StatCard
    from tests.helpers import SAMPLE, load_bound

    loaded, tables = load_bound(SAMPLE)
    quick = plan_cards(loaded, tables, corporate)
    stats = [c.job.value.size.px for c in quick if c.kind == "stat" and c.preset.unit == 1]
    assert STAT_VALUE_MAX_PX in stats  # the shortcut is taken somewhere
    monkeypatch.setattr(StatCard, "best_score", lambda self, lay: float("inf"))
    assert plan_cards(loaded, tables, corporate) == quick
