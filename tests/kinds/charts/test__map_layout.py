"""The map's text measurement (kinds/charts/_map_layout.py): planning takes a label
block's height from the font file, as matplotlib sets it, without loading matplotlib
(``deckgen check`` plans every tile map on a card)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deckgen.kinds.charts._map_layout import _drawn_height
from tests.helpers import load_theme

THEMES = ("corporate", "dark", "contrast", "corporate-template")
#: The shipped themes' body fonts (Lato, Source Sans Pro, Roboto): a block's height is
#: measured in the regular weight.
REGULAR = sorted({str(load_theme(t).body.file(False)) for t in THEMES})
FONTS = sorted({*REGULAR, *(str(load_theme(t).body.file(True)) for t in THEMES)})


def drawn_by_matplotlib(font: str, size: float, lines: int) -> float:
    """How tall matplotlib sets ``lines`` lines of 'Ag' (what the map's picture draws)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties

    fig = Figure(dpi=72)
    FigureCanvasAgg(fig)
    text = fig.text(0, 0, "\n".join(["Ag"] * lines),
                    fontproperties=FontProperties(fname=font, size=size))  # fmt: skip
    return float(text.get_window_extent(fig.canvas.get_renderer()).height)  # type: ignore[attr-defined]


@pytest.mark.parametrize("font", REGULAR, ids=lambda f: f.rsplit("/", 1)[-1])
def test_label_heights_are_matplotlibs_to_the_bit(font: str) -> None:
    # Every quarter point a map's labels are set at: slides (chart text x the canvas
    # scale) and cards (28 px at 1080 wide; 41 px on the widest preset).
    for quarters in range(4 * 6, 4 * 45 + 1):
        size = quarters / 4
        for lines in (1, 2, 3):
            assert _drawn_height(font, size, lines) == drawn_by_matplotlib(font, size, lines), (
                size,
                lines,
            )


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(FONTS), st.floats(6, 120), st.integers(1, 4))
def test_a_label_height_is_never_under_matplotlibs_nor_a_pixel_a_line_over(
    font: str, size: float, lines: int
) -> None:
    # Above label sizes a hinted edge may end inside a pixel, which Pillow rounds out.
    over = _drawn_height(font, size, lines) - drawn_by_matplotlib(font, size, lines)
    assert 0 <= over < lines
