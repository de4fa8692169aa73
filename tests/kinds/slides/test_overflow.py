"""Text that cannot fit its slide is an error, never text run off the slide (found by
fuzzing: a section's long kicker was never fitted, and a word wider than a card counted as
one line)."""

from __future__ import annotations

import pytest

from deckgen.errors import DeckgenError
from tests.helpers import HEADER, plan, write_project


@pytest.mark.parametrize(
    ("slide", "said"),
    [("  - {kind: section, title: Section, kicker: " + "Kicker words " * 20 + "}\n",
      "slides[0]: kicker does not fit in 1 line"),
     ("  - kind: cards\n    title: Three ways AI helps\n    items:\n"
      "      - {heading: " + "A" * 1500 + ", text: Short}\n"
      "      - {heading: Second, text: Short}\n",
      "slides[0].items[0]: card 'AAAA")],
)  # fmt: skip
def test_text_that_cannot_fit_is_named(tmp_path, slide, said):
    with pytest.raises(DeckgenError) as caught:
        plan(write_project(tmp_path, HEADER + slide))
    assert said in str(caught.value)


def test_a_short_kicker_and_a_long_word_that_fits_when_broken_are_fine(tmp_path):
    slides = ("  - {kind: section, title: Section, kicker: Part one}\n"
              "  - kind: bullets\n    title: A long word is broken where it must be\n"
              "    items: [" + "A" * 400 + "]\n")  # fmt: skip
    planned = plan(write_project(tmp_path, HEADER + slides))
    assert len(planned.slides) == 2
