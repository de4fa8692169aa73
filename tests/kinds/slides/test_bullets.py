"""Bullets slides: each item written for the viewer's wrap as it was measured."""

from __future__ import annotations

from pptx import Presentation

from deckgen.kinds.slides.bullets import INDENT
from deckgen.layout.text import SLIDE, last_pair_kept
from deckgen.layout.units import Emu
from deckgen.pipeline import BuildOptions, build
from tests.helpers import load_theme, write_project

ITEMS = [
    "Connected vehicles exchange data with infrastructure, other vehicles and central systems.",
    "In 2015 automakers and government launched the Automotive Information Sharing and "
    "Analysis Center (Auto-ISAC).",
    "That enables real-time traffic management and predictive maintenance, and brings "
    "cybersecurity risks.",
    "Ports are deep.",
]
OUTLINE = """\
deck: {title: Cybersecurity}
slides:
  - kind: bullets
    title: Connected vehicles make cybersecurity a national-security question
    items:
""" + "".join(f"      - {item}\n" for item in ITEMS)


def test_no_bullet_line_ends_on_and_or_the_where_another_break_fits(tmp_path):
    """The sample's slide 9 read '... other vehicles and / central systems' and '...
    Information Sharing and / Analysis Center' (found in review): each item is written
    with no-break spaces so that a viewer wrapping it at the measure breaks before the
    conjunction, in as many lines, with no lone last word."""
    path = write_project(tmp_path, OUTLINE)
    deck = Presentation(str(build(path, BuildOptions(out_dir=tmp_path / "o")).deck))
    shape = next(s for s in deck.slides[0].shapes if s.name == "Bullets")
    font = load_theme("corporate").body.regular
    width = Emu(shape.width) - INDENT
    weak_before = 0
    for item, paragraph in zip(ITEMS, shape.text_frame.paragraphs, strict=True):
        written = "".join(run.text for run in paragraph.runs)
        size = Emu(paragraph.runs[0].font.size)
        assert written.replace("\u00a0", " ") == item  # nothing lost or added
        # As written before: the last two words held, the viewer's greedy wrap otherwise.
        plain = SLIDE.wrap(last_pair_kept(item), font, size, width)
        lines = SLIDE.wrap(written, font, size, width)
        weak_before += any(line.endswith((" and", " the")) for line in plain[:-1])
        assert len(lines) == len(plain), (plain, lines)
        assert not any(line.endswith((" and", " the")) for line in lines[:-1]), lines
        assert len(lines) == 1 or len(lines[-1].split()) > 1, lines
    assert weak_before  # as written before, a line ended on one: a test that can fail
