"""Every card read at a phone's width: a card fills a 375 pt screen, so a 1080 px card's
35 px is 12 pt. Body text (titles, labels, items, quotations) should be at least 12 pt and
fine print (source, wordmark, notes) at least 11 pt there. Layouts keep those sizes when
the card has room; a crowded card that cannot is reported by ``deckgen check`` (FIT004)
with its file name."""

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
from tests.kinds.cards.conftest import social_outline
from tests.kinds.cards.test_layout import CARDS, CHART

PORTRAIT = {"ig-square", "ig-portrait", "ig-tall", "story"}


def test_the_floors_in_pixels():
    assert PHONE_PT == 375
    assert (BODY_PX, FINE_PX) == (35, 32)  # 12 pt and 11 pt x 1080 / 375, rounded up
    assert phone_points(35, 1080) >= 12 > phone_points(34, 1080)
    assert phone_points(52, 1600) >= 12  # a 16:9 card shows smaller: it needs more pixels


@pytest.fixture(scope="module")
def test_cards(tmp_path_factory, corporate):
    from deckgen.tables.sources import load_tables
    from tests.helpers import load_outline, write_project

    path = write_project(tmp_path_factory.mktemp("p"), social_outline(CARDS + CHART))
    loaded = load_outline(path)
    return plan_cards(loaded, load_tables(loaded), corporate)


def test_cards_with_room_are_readable_on_a_phone(test_cards):
    checked = 0
    for card in test_cards:
        if card.preset.name in PORTRAIT:
            assert under_phone_floor(card.job) == [], card.file
            checked += 1
    assert checked == 3 * 4 + 2  # stat, quote, list in four presets; chart in two


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


@pytest.mark.parametrize("theme", ["corporate", "corporate-template"])
def test_the_sample_on_a_phone(sample_cards, theme):
    """The sample's portrait cards keep body text within a hair of 12 pt and fine print
    above 10 pt; deckgen check reports what falls under (tests/check_cases/FIT004)."""
    for card in sample_cards(theme):
        if card.preset.name not in PORTRAIT:
            continue
        for role, pt, floor in under_phone_floor(card.job):
            assert pt >= floor - (0.5 if floor == 12 else 1.0), (card.file, role, pt)
