"""A text a card font has rendered is drawn again from memory: the same pixels."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pytest


def test_every_card_draws_the_same_bytes_with_remembered_masks(
    sample_cards, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PIL import ImageFont

    from deckgen.theming import fonts

    cards = sample_cards("dark")
    remembered = [[c.job.render().data for c in cards] for _ in range(2)]  # second: all kept
    fonts.pil_font.cache_clear()
    monkeypatch.setattr(fonts, "_masked", lambda: ImageFont.FreeTypeFont)
    own = [c.job.render().data for c in cards]
    fonts.pil_font.cache_clear()
    assert remembered[0] == own
    assert remembered[1] == own


def test_a_font_keeps_each_mask_and_renders_colour_text_every_time() -> None:
    from deckgen.theming.fonts import fallback_files, pil_font

    font = pil_font(fallback_files()[0], 40)
    first = font.getmask2("Same", "L", anchor="la")
    assert font.getmask2("Same", "L", anchor="la") is first
    assert font.getmask2("Same", "L", anchor="ls") is not first
    assert font.getmask2("Same", "RGBA", anchor="la") is not font.getmask2("Same", "RGBA",
                                                                           anchor="la")  # fmt: skip
