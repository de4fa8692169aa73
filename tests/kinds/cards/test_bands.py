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
