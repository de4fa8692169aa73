"""A card's file name folds every Latin letter to ASCII, as batch folders do (one function,
io.name_words): 'Żółkiewski' became 'zołkiewski' and 'Øresund' stayed (found in review)."""

from __future__ import annotations

import pytest

from deckgen.io import name_words
from deckgen.kinds.cards._base import slug


@pytest.mark.parametrize(
    ("title", "stem"),
    [("Łódź and Øresund clubs drew record crowds", "lodz-and-oresund-clubs-drew-record"),
     ("Søren Kjærgaard on Żółkiewski", "soren-kjaergaard-on-zolkiewski"),
     ("Straße to Đakovo", "strasse-to-dakovo"), ("東京 leads", "東京-leads")],
)  # fmt: skip
def test_card_names_fold_to_ascii_as_folders_do(title: str, stem: str) -> None:
    assert slug(title) == stem
    assert "-".join(name_words(title)).startswith(stem.split("-")[0])


@pytest.mark.parametrize(
    ("title", "stem"),
    [("IN ranks 10th of the ten most active states", "in-ranks-of-the-ten-most"),
     ("US exports rose by a third to", "us-exports-rose-by-a-third"),
     ("In 2023, China built a third of the world's vehicles", "china-built-a-third"),
     ("The West sells the most", "west-sells-the-most")],
)  # fmt: skip
def test_a_name_in_capitals_is_kept_where_a_word_like_it_is_left_out(title: str, stem: str):
    """Leading and trailing little words are left out of a card's file name ('In 2023,
    ...'), but not a state's or country's code that reads as one: Indiana's fact sheet was
    the one whose card lost its state ('ranks-of-the-ten-most', 'IN' read as 'in')."""
    assert slug(title) == stem


@pytest.mark.parametrize(
    ("title", "stem"),
    [("Route 1 carried 2.3 million trips", "route-carried-trips"),
     ("Route 7 carried 905.7 thousand trips", "route-carried-trips"),
     ("Exports hit $143.2 billion in 2023", "exports-hit"),
     ("Sales rose 5 per cent in May", "sales-rose-in-may"),
     ("A million reasons to ride", "million-reasons-to-ride")],
)  # fmt: skip
def test_a_numbers_magnitude_is_left_out_with_it(title: str, stem: str) -> None:
    """The README promises a name that next year's figures keep, but a route's card was
    'route-carried-million-trips' or '...-thousand-trips' by its number (found by a new
    user); a magnitude not after a number is a word of the title."""
    assert slug(title) == stem
