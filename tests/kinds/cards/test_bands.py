"""No dead bands: every card uses its frame. Measured on the drawn picture: inside the safe
area, between the first and the last row that holds anything, no run of rows is bare
background taller than :data:`MAX_BAND` of the card's height (:data:`SAMPLE_BAND` for the
sample's cards).

Why: a stat card centres its number and label between the title and the footer and grows
its words before it leaves more (kinds/cards/stat.py, BAND); a list card opens its gaps
then centres the list; a quote card sets a short quotation larger and centres it. What is
left is balanced whitespace: under 15% of the height on the sample's cards (its 4:5 stat
card had a 300 px, 22%, band above and below its number before), under 20% on the
sparsest test card (four one-word items on a 3:4 card)."""

from __future__ import annotations

import numpy as np
import pytest

from deckgen.plan.cards import plan_cards
from tests.kinds.cards.conftest import CARDS, CHART, social_outline

MAX_BAND = 0.2
SAMPLE_BAND = 0.15


def widest_band(image, safe) -> int:
    """The tallest run of bare-background rows between the first and last inked rows of
    the safe area."""
    pixels = np.asarray(image.convert("RGB")).astype(int)
    region = pixels[safe.top.px : safe.bottom.px, safe.left.px : safe.right.px]
    background = pixels[-1, -1]
    bare = (np.abs(region - background).sum(axis=2) <= 24).all(axis=1)
    inked = np.flatnonzero(~bare)
    best = run = 0
    for row in bare[inked[0] : inked[-1] + 1]:
        run = run + 1 if row else 0
        best = max(best, run)
    return best


def _check(card, limit: float = MAX_BAND) -> None:
    image = card.job.draw()
    band = widest_band(image, card.job.frame.safe)
    assert band <= limit * image.height, (card.file, band, image.height)


@pytest.mark.parametrize("theme", ["corporate", "corporate-template"])
def test_no_sample_card_has_a_dead_band(sample_cards, theme):
    for card in sample_cards(theme):
        _check(card, SAMPLE_BAND)


def test_no_card_of_the_test_data_has_a_dead_band(tmp_path, corporate):
    from deckgen.tables.sources import load_tables
    from tests.helpers import load_outline, write_project

    path = write_project(tmp_path / "p", social_outline(CARDS + CHART))
    loaded = load_outline(path)
    for card in plan_cards(loaded, load_tables(loaded), corporate):
        _check(card)


def test_the_measure_sees_a_dead_band():
    from PIL import Image, ImageDraw

    from deckgen.layout.geometry import Rect
    from deckgen.layout.units import Px

    image = Image.new("RGB", (100, 400), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((10, 10, 90, 30), fill="black")
    draw.rectangle((10, 300, 90, 320), fill="black")
    assert widest_band(image, Rect(Px(0), Px(0), Px(100), Px(400))) == 269


def test_a_story_stat_card_with_room_left_shares_it_in_three_equal_bands(tmp_path, corporate):
    """A story card of a short title and a value as wide as the card left a fifth of its
    height empty between the title and the value, and as much under the label, its title
    at the top (found in review): what its words cannot fill is shared out over the
    title, between it and the value, and under the label, the value as large as before."""
    from deckgen.tables.sources import load_tables
    from tests.helpers import load_outline, write_project

    cards = """
    - kind: stat
      name: short
      presets: [story]
      title: Online bookings more than doubled in 2025
      value: +127%
      label: growth from Q1 to Q4
    """
    path = write_project(tmp_path / "p", social_outline(cards))
    loaded = load_outline(path)
    (card,) = plan_cards(loaded, load_tables(loaded), corporate)
    job = card.job
    image = job.draw()
    assert widest_band(image, job.frame.safe) <= SAMPLE_BAND * image.height
    over = (job.accent.box.top - job.frame.safe.top).px
    between = (job.value.box.top - job.title.box.bottom).px
    under = job.footer.source.box.top if job.footer.source else job.footer.wordmark.box.top
    under = (under - job.label.box.bottom).px
    assert over > 0
    assert max(over, between, under) - min(over, between, under) <= 0.05 * image.height
    assert job.value.size.px == 312  # as wide as the card, as before
