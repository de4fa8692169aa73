"""Shared chart helpers: what every chart type's labels are drawn in."""

from __future__ import annotations

from dataclasses import replace

import pytest

from deckgen.render.chartkit import contrast, ink_on
from deckgen.theming.colour import TEXT
from tests.kinds.charts.jobs import job


@pytest.mark.parametrize("fill", ["#12355B", "#0A1209", "#E5F7F7", "#808080", "#C8102E"])
@pytest.mark.parametrize("background", ["#FFFFFF", "#808080", "#15191F"])
def test_a_label_on_a_fill_reads_at_4_5_to_1_whatever_the_background(background, fill):
    """On a mid-grey theme the values inside navy segments were drawn in the background's
    grey, 3.2:1 (found by fuzzing): neither theme colour reaches 4.5:1 there, so black or
    white does. Where a theme colour does, it is kept."""
    base = job("bar", ["a"], {"v": [1.0]})
    colors = base.theme.theme.colors.model_copy(update={"background": background})
    theme = base.theme.theme.model_copy(update={"colors": colors})
    themed = replace(base, theme=replace(base.theme, theme=theme))
    ink = ink_on(themed, fill)
    best = max(contrast(c, fill) for c in ("#000000", "#FFFFFF"))
    assert contrast(ink, fill) >= min(TEXT, best)
    if max(contrast(colors.text, fill), contrast(background, fill)) >= TEXT:
        assert ink in (colors.text, background)
