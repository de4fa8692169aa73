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
