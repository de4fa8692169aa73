"""A word and the number it qualifies never break apart: a donut's 'Under 18' broke after
'Under', so '18' sat beside the value ('Under / 18  6.2%'), and a subtitle broke 'week /
47, 2026' on every portrait card (found in review). :func:`no_break` holds them, so every
wrap does."""

from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.layout.text import CARD, no_break, words
from deckgen.layout.units import Px
from deckgen.theming.fonts import BUNDLED, _bundled_file

FONT = Path(str(_bundled_file(BUNDLED["Lato"][0], BUNDLED["Lato"][1])))


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        ("Under 18 6.2%", ["Under 18", "6.2%"]),
        ("people over 65 years", ["people", "over 65", "years"]),
        ("by region, week 47, 2026", ["by", "region,", "week 47,", "2026"]),
        ("sales in Q3 2024 rose", ["sales", "in", "Q3 2024", "rose"]),
        ("No. 5 of the list", ["No. 5", "of", "the", "list"]),
        ("AGED 80 and over", ["AGED 80 and over"]),
        ("Stage 2 trials", ["Stage 2", "trials"]),
    ],
)  # fmt: skip
def test_the_number_stays_with_its_word(text: str, pieces: list[str]) -> None:
    assert words(text) == pieces


def test_what_is_left_to_break() -> None:
    # A preposition or a range's 'to' is no name; 'Q3' alone and a word ending in a
    # qualifier ('leftover') hold nothing; nor does a word before a number-less one.
    assert words("fell in 2023 to 44") == ["fell", "in", "2023", "to", "44"]
    assert words("leftover 5 items") == ["leftover", "5", "items"]
    assert words("Q3 sales over budget") == ["Q3", "sales", "over", "budget"]
    assert no_break("week 47") == "week\u00a047"


def test_a_wrap_at_the_word_keeps_the_number_on_its_line() -> None:
    size = Px(40)
    text = "Confirmed cases by region, week 47, 2026"
    room = CARD.width("Confirmed cases by region, week", FONT, size)
    lines = CARD.wrap(text, FONT, size, room)
    assert [line for line in lines if line.rstrip().endswith("week")] == []
    assert any(line.startswith("week 47,") for line in lines)
