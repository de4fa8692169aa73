"""The chrome every slide shares, on data written for the tests: a footer's source line that
wraps is written with a break where each of its lines ends, and never ends on a lone word
where as many lines avoid it (the contrast theme's slide 30 of the sample left 'page' alone
on its second line: the viewer filled the box to its edge; found in review)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pptx import Presentation

from deckgen.layout.text import SLIDE
from deckgen.layout.units import Length, Pt
from deckgen.pipeline import BuildOptions, build
from tests.helpers import load_theme, write_project

if TYPE_CHECKING:
    from pathlib import Path

#: Made up: wrapped greedily at the corporate theme's footer size, its last word, 'minutes',
#: is alone on the second line.
SOURCE = (
    "Harbour Board annual report, dredging and channel depth tables; Port Authority survey "
    "of the east channel, quoted in the Harbour Board minutes"
)

OUTLINE = f"""\
deck: {{title: Harbour works, theme: corporate}}
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


def _footers(tmp_path: Path) -> tuple[list[str], Length]:
    """Each slide's footer as written (its lines), and the width of the source line's box."""
    path = build(write_project(tmp_path, OUTLINE), BuildOptions(out_dir=tmp_path / "out")).deck
    shapes = [s for slide in Presentation(str(path)).slides for s in slide.shapes
              if s.name == "Footer"]  # fmt: skip
    return [s.text_frame.text for s in shapes], Length(shapes[0].width)


def test_a_footer_that_wraps_is_written_as_broken_with_no_lone_last_word(tmp_path: Path):
    footers, width = _footers(tmp_path)
    theme = load_theme("corporate")
    font, size = theme.body.regular, Pt(theme.theme.sizes.footer)
    text = f"Source: {SOURCE}"
    greedy = SLIDE.wrap(text, font, size, width)
    assert len(greedy) == 2 and greedy[-1] == "minutes"  # what the test is about
    lines = footers[0].split("\v")  # a line break, as python-pptx reads it
    assert lines == SLIDE.unorphaned(text, font, size, width)
    assert len(lines) == 2 and lines[-1] == "Board minutes"
    assert " ".join(lines) == text
    # A footer on one line is written as it is.
    assert footers[1] == "Source: Harbour Board minutes"
