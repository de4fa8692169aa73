"""List cards: every item wraps at one measure (the column), its lines hang under its first
word clear of the marker, and no item ends in a lone word when a slightly smaller size
avoids it."""

from __future__ import annotations

import pytest

from deckgen.kinds.cards.listing import ORPHAN_SHRINK
from deckgen.layout.text import CARD
from deckgen.plan.cards import plan_cards
from tests.kinds.cards.conftest import FIXED, social_outline

ITEMS = [
    "Faster design and validation of new vehicles",
    "Anomaly detection and scheduling in the plant",
    "Crash avoidance in driver-assist systems",
    "Voice help from Detroit, MI to Laredo, TX",
    "Directions to the nearest free charger",
]


@pytest.fixture(scope="module")
def lists(tmp_path_factory, corporate):
    from deckgen.tables.sources import load_tables
    from tests.helpers import load_outline, write_project

    cards = f"""
    - kind: list
      name: plain
      presets: {FIXED[:4]}  # five items this long need a portrait card
      title: How AI makes vehicles safer and smarter
      items: {ITEMS}
      source: Global Impact page, AI applications list
    - kind: list
      name: numbered
      presets: [ig-square, x-post]
      numbered: true
      title: Where the vehicles are built
      items: [China, The United States and its two neighbours, Japan]
    """
    path = write_project(tmp_path_factory.mktemp("p"), social_outline(cards))
    loaded = load_outline(path)
    return plan_cards(loaded, load_tables(loaded), corporate)


def test_every_item_wraps_at_the_one_measure_of_the_column(lists):
    """Items are greedy at one measure: some width holds every line (the widest line fits
    it) and is passed by every break (each line plus the next line's first word)."""
    for card in lists:
        job = card.job
        column = job.frame.safe.right - job.items[0].box.left
        widest = max(item.box.width for item in job.items)
        breaks = [
            CARD.width(f"{line} {following.split()[0]}", item.font, item.size)
            for item in job.items
            for line, following in zip(item.lines, item.lines[1:], strict=False)
        ]
        assert widest <= column
        assert all(widest < b for b in breaks), card.file
        for item in job.items:
            assert item.box.left == job.items[0].box.left  # one column, hanging indent
            assert item.size == job.items[0].size


def test_lines_hang_clear_of_the_markers(lists):
    for card in lists:
        for marker, item in zip(card.job.markers, card.job.items, strict=True):
            assert marker.box.right <= item.box.left, card.file
            assert marker.box.top < item.box.top + CARD.block_height(item.font, item.size, 1)


def test_no_item_ends_in_a_lone_word_at_a_size_close_to_the_largest(lists):
    for card in lists:
        for item in card.job.items:
            if len(item.lines) > 1:
                assert len(item.lines[-1].split()) > 1, (card.file, item.lines)


def test_a_place_is_never_split_across_lines(lists):
    for card in lists:
        text = "\n".join(line for item in card.job.items for line in item.lines)
        assert "Detroit," not in text.replace("Detroit, MI", ""), card.file
        assert "Laredo," not in text.replace("Laredo, TX", ""), card.file


def test_the_shrink_for_orphans_is_bounded():
    assert 0.8 <= ORPHAN_SHRINK < 1


def test_the_title_is_a_step_of_the_type_scale_over_the_items(lists, tmp_path, corporate):
    """Three short items were set at 64 px under their bold 60 px title, which read as the
    smaller text (found in review): the items are set a step under the title
    (TITLE_STEP), and with room to spare the title grows, and the items with it."""
    from deckgen.kinds.cards.listing import GROW, TITLE_STEP
    from deckgen.tables.sources import load_tables
    from tests.helpers import load_outline, write_project

    cards = f"""
    - kind: list
      name: short
      presets: {FIXED}
      numbered: true
      title: Three things we learned
      items: [Young readers' trust is rising, Older readers still trust us most,
              One in eight readers is unsure]
    """
    path = write_project(tmp_path / "p", social_outline(cards))
    loaded = load_outline(path)
    short = plan_cards(loaded, load_tables(loaded), corporate)
    for card in [*lists, *short]:
        job = card.job
        assert all(item.size.px * TITLE_STEP <= job.title.size.px + 1e-9 for item in job.items), (
            card.file, job.title.size, job.items[0].size)  # fmt: skip
    square = next(c.job for c in short if c.file.endswith("-ig-square.png"))
    # Grown: larger than the 60 px a title takes at most on other cards, and so the items.
    assert square.title.size.px == round(60 * GROW[-1])
    assert square.items[0].size.px > 60
