"""The chrome every slide shares, on data written for the tests: a footer's source line that
wraps is written with a break where each of its lines ends, its lines balanced, never a last
line of a word or two where as many lines avoid it (the contrast theme's slide 30 of the
sample left 'page' alone on its second line, then 'Impact page'; found in review)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from pptx import Presentation

from deckgen.layout.text import SLIDE
from deckgen.layout.units import Length, Pt
from deckgen.pipeline import BuildOptions, build
from tests.helpers import load_theme, write_project

if TYPE_CHECKING:
    from pathlib import Path

#: Made up: wrapped greedily at the corporate theme's footer size, its last word, 'minutes',
#: is alone on the second line (kept from a lone word only, 'Board minutes'); at the
#: contrast theme's, 'the Harbour Board minutes' is.
SOURCE = (
    "Harbour Board annual report, dredging and channel depth tables; Port Authority survey "
    "of the east channel, quoted in the Harbour Board minutes"
)

OUTLINE = f"""\
deck: {{title: Harbour works, theme: {{theme}}}}
slides:
  - kind: title
  - kind: bullets
    title: Three steps this year
    items: [Survey the channel, Dredge the east side, Order two cranes]
    source: {SOURCE}
  - kind: bullets
    title: Two cranes
    items: [Order them in May]
    source: Harbour Board minutes
"""


def _footers(tmp_path: Path, theme: str) -> tuple[list[str], Length]:
    """Each slide's footer as written (its lines), and the width of the source line's box."""
    outline = OUTLINE.replace("{theme}", theme)
    path = build(write_project(tmp_path, outline), BuildOptions(out_dir=tmp_path / "out")).deck
    shapes = [s for slide in Presentation(str(path)).slides for s in slide.shapes
              if s.name == "Footer"]  # fmt: skip
    return [s.text_frame.text for s in shapes], Length(shapes[0].width)


@pytest.mark.parametrize("name", ["corporate", "contrast"])
def test_a_footer_that_wraps_is_written_as_broken_in_balanced_lines(tmp_path: Path, name: str):
    footers, width = _footers(tmp_path, name)
    theme = load_theme(name)
    font, size = theme.body.regular, Pt(theme.theme.sizes.footer)
    text = f"Source: {SOURCE}"
    greedy = SLIDE.wrap(text, font, size, width)
    # What the test is about: a short last line when wrapped at the box's edge.
    assert len(greedy) == 2
    assert SLIDE.width(greedy[-1], font, size) < SLIDE.width(greedy[0], font, size) * 0.25
    lines = footers[0].split("\v")  # a line break, as python-pptx reads it
    assert len(lines) == 2 and " ".join(lines) == text
    widths = [SLIDE.width(line, font, size) for line in lines]
    assert min(widths) > max(widths) * 0.8, lines  # balanced, no orphan
    assert all(w <= width for w in widths)
    # A footer on one line is written as it is.
    assert footers[1] == "Source: Harbour Board minutes"
