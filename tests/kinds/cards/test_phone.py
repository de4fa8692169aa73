"""Every card read at a phone's width: a card fills a 375 pt screen, so a 1080 px card's
35 px is 12 pt. Body text (titles, labels, items, quotations) should be at least 12 pt and
fine print (source, wordmark, notes) at least 11 pt there. Layouts keep those sizes on
every card, landscape ones too; a crowded card that cannot is a fitting error (FIT001)
naming the card and the text."""

from __future__ import annotations

import pytest

from deckgen.kinds.cards._base import (
    BODY_PX,
    FINE_PX,
    PHONE_PT,
    phone_points,
    under_phone_floor,
)
from deckgen.plan.cards import SQUEEZE, CardLayout, card_context, card_requests, plan_cards
from tests.kinds.cards.conftest import CHART, PLANNED, social_outline

PORTRAIT = {"ig-square", "ig-portrait", "ig-tall", "story"}


def test_the_floors_in_pixels():
    assert PHONE_PT == 375
    assert (BODY_PX, FINE_PX) == (35, 32)  # 12 pt and 11 pt x 1080 / 375, rounded up
    assert phone_points(35, 1080) >= 12 > phone_points(34, 1080)
    assert phone_points(52, 1600) >= 12  # a 16:9 card shows smaller: it needs more pixels


def test_cards_with_room_are_readable_on_a_phone(planned):
    """Every card in every preset, landscape ones too: what gives on a short card is the
    number, the subtitle or a chart's categories, never the fine print."""
    for card in planned:
        assert under_phone_floor(card.job) == [], card.file
    assert len(planned) == PLANNED


#: Landscape cards with a long source line and a subtitle: the short cards the floors
#: are hardest on.
LANDSCAPE = """
- kind: stat
  name: stat
  presets: [x-post, linkedin, og]
  title: China builds three in ten of the world's vehicles
  value: 30.2M
  label: vehicles were built in China in 2023, up from 5.2 million in 2004
  source: G20 Countries Vehicle Production table, World Total row
- kind: chart
  name: chart
  presets: [x-post, linkedin, og]
  title: China builds more vehicles than the next two producers together
  subtitle: Vehicle production in 2023 of the G20 countries that build vehicles at all
  source: G20 Countries Vehicle Production table, World Total row
  chart: {type: hbar, data: production, x: country, y: production_2023,
          sort: {by: production_2023}, format: "compact:1", highlight: China}
"""


def test_landscape_source_and_wordmark_stay_at_the_floor(tmp_path, corporate):
    from deckgen.tables.sources import load_tables
    from tests.helpers import load_outline, write_project

    loaded = load_outline(write_project(tmp_path, social_outline(LANDSCAPE)))
    cards = plan_cards(loaded, load_tables(loaded), corporate)
    assert {c.preset.name for c in cards} == {"x-post", "linkedin", "og"}
    for card in cards:
        fine = {b.role: b for b in card.job.texts() if b.role in ("source", "wordmark")}
        assert set(fine) == {"source", "wordmark"}, card.file
        for role, block in fine.items():
            assert phone_points(block.size.px, card.preset.width) >= 11 - 0.05, (card.file, role)
        assert under_phone_floor(card.job) == [], card.file
        if card.kind == "chart" and card.job.left_off:  # what the chart shows stays said
            assert card.job.subtitle is None or len(card.job.subtitle.lines) == 1, card.file
        elif card.kind == "chart":  # kept whole (a wider title column), at the body floor
            assert " ".join(card.job.subtitle.lines).startswith("Vehicle production in 2023")


def test_a_card_that_cannot_hold_its_text_at_the_floors_is_an_error(tmp_path, corporate):
    """Rather than a source line too small to read, a fitting error that says what to do."""
    from deckgen.errors import FitError
    from deckgen.tables.sources import load_tables
    from tests.helpers import load_outline, write_project

    long_source = " ".join(["G20 Countries Vehicle Production table"] * 4)
    text = social_outline(f"""
    - kind: stat
      name: stat
      presets: [x-post]
      title: China built more vehicles than the next three producers together in 2023
      value: 30.2M
      label: vehicles were built in China in 2023, up from 5.2 million in 2004
      source: {long_source}
    """)  # fmt: skip
    loaded = load_outline(write_project(tmp_path, text))
    with pytest.raises(FitError) as caught:
        plan_cards(loaded, load_tables(loaded), corporate)
    message = str(caught.value)
    assert "x-post" in message
    assert "shorten" in message or "taller preset" in message


def test_the_layout_chosen_has_the_fewest_texts_under_the_floor(sample_cards, corporate):
    """A stat card squeezes its words to grow its number; never at the cost of text a
    phone can read: the level kept has no more small texts than any other that fits."""
    from tests.helpers import SAMPLE, load_bound

    loaded, tables = load_bound(SAMPLE)
    ctx = card_context(loaded, tables, corporate)
    requests = {r.name: r for r in card_requests(loaded)}
    for card in sample_cards("corporate"):
        if card.kind != "stat":
            continue
        req = requests[card.name]
        counts = []
        for squeeze in SQUEEZE:
            lay = CardLayout(ctx, req, card.preset, card.preset.height or 0, squeeze)
            try:
                counts.append(len(under_phone_floor(req.card.layout(lay))))
            except Exception:
                continue
        assert len(under_phone_floor(card.job)) == min(counts), card.file


@pytest.mark.parametrize("theme", ["corporate", "dark", "contrast", "corporate-template"])
def test_the_sample_on_a_phone(sample_cards, theme):
    """Every sample card, landscape ones included, at the floors."""
    for card in sample_cards(theme):
        assert under_phone_floor(card.job) == [], card.file


def test_chart_labels_on_cards_are_at_least_fine_print(planned, tmp_path, corporate):
    """A card's chart is drawn with its labels at the fine-print floor (11 pt on a phone)
    at least, in every preset it is made in, landscape ones included: not a size of their
    own under it."""
    from deckgen.kinds.cards._base import chart_text_px
    from deckgen.tables.sources import load_tables
    from tests.helpers import load_outline, write_project

    loaded = load_outline(write_project(tmp_path, social_outline(LANDSCAPE)))
    cards = [*planned, *plan_cards(loaded, load_tables(loaded), corporate)]
    charted = [c for c in cards if c.job.pictures()]
    assert {c.preset.name for c in charted} >= {"ig-square", "x-post", "linkedin", "og"}
    for card in charted:
        for placed in card.job.pictures():
            px = chart_text_px(placed.job)
            assert px >= FINE_PX * card.preset.width / 1080 - 0.5, card.file
            assert phone_points(px, card.preset.width) >= 11 - 0.05, card.file


def test_chart_labels_under_the_floor_are_named(planned):
    """The check sees inside a chart's picture: labels drawn at 28 px on a 1080 px card
    (9.7 pt on a phone) are fine print under its floor."""
    from dataclasses import replace

    card = next(c for c in planned if c.kind == "chart" and c.preset.width == 1080)
    placed = card.job.chart
    scale = placed.job.canvas.scale * 28 / FINE_PX
    small = replace(placed, job=replace(placed.job, canvas=replace(placed.job.canvas, scale=scale)))
    found = under_phone_floor(replace(card.job, chart=small))
    assert found == [("chart labels", 9.7, 11)]


def test_chart_labels_are_the_floor_rounded_up_once(tmp_path, corporate):
    """The chart label floor is 11 pt on a phone at each preset's own width, rounded up
    once: 32 px at 1080, 36 at 1200, 47 at 1600 (11.02 pt; 48 would be 32 px scaled and
    rounded twice, a pixel that costs a dense chart a row on an x-post)."""
    from deckgen.kinds.cards._base import CHART_LABEL_PX, chart_label_px
    from deckgen.outline.presets import parse_preset
    from deckgen.tables.sources import load_tables
    from tests.helpers import load_outline, write_project

    loaded = load_outline(write_project(tmp_path, social_outline(CHART)))
    ctx = card_context(loaded, load_tables(loaded), corporate)
    req = next(r for r in card_requests(loaded) if r.name == "chart")
    sizes = {}
    for name in ("ig-square", "linkedin", "x-post"):
        at = parse_preset(name)
        sizes[name] = chart_label_px(CardLayout(ctx, req, at, at.height or 0, 0.0))
        assert phone_points(sizes[name], at.width) >= 11 - 0.05
        assert phone_points(sizes[name] - 1, at.width) < 11
    assert sizes == {"ig-square": 32, "linkedin": 36, "x-post": 47}
    assert round(CHART_LABEL_PX, 2) == 31.68


def test_fit004_names_chart_labels_under_the_floor(planned):
    """The rule sees inside a card's chart picture, as it sees the source line."""
    from dataclasses import replace
    from types import SimpleNamespace

    from deckgen.check.rules import phone_text

    card = next(c for c in planned if c.kind == "chart" and c.preset.width == 1080)
    placed = card.job.chart
    scale = placed.job.canvas.scale * 28 / FINE_PX
    small = replace(placed, job=replace(placed.job, canvas=replace(placed.job.canvas, scale=scale)))
    ctx = SimpleNamespace(cards=(replace(card, job=replace(card.job, chart=small)),),
                          at=lambda *key: None)  # fmt: skip
    (found,) = list(phone_text(ctx))  # type: ignore[arg-type]
    assert found.code == "FIT004" and found.card == card.file
    assert "the chart labels at 9.7 pt (under 11)" in found.message
    assert list(phone_text(SimpleNamespace(cards=(card,), at=lambda *key: None))) == []  # type: ignore[arg-type]
