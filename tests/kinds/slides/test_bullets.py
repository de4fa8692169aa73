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


def test_bullets_that_read_right_to_left_end_at_the_right_margin(tmp_path):
    """Arabic bullets ran from the right of a box anchored at the left of the content, a
    tenth of it short of the right margin their title ends at (fuzzing round 8, 15). All of
    them right to left, the box stands at the right of the content; left to right, at its
    left, as ever. Both ways, in a box at either side those read the other way started a
    tenth in from their margin (found in review): the box is as wide as the content, each
    item set from its own side, and those read left to right keep the measure with a
    right margin of the tenth."""
    arabic = ["الوظائف في المصانع", "الصادرات إلى العالم", "البحث والتطوير 2024"]
    english = ["Jobs in the plants", "Exports to the world", "Research and development 2024"]
    mixed = ["الوظائف في المصانع", "الصادرات إلى العالم", "Research and development 2024"]
    for name, items in (("right", arabic), ("left", english), ("both", mixed)):
        outline = ("deck: {title: T}\nslides:\n  - kind: bullets\n    title: لماذا يهم ذلك\n"
                   "    items:\n" + "".join(f"      - {item}\n" for item in items))  # fmt: skip
        path = write_project(tmp_path / name, outline)
        out = tmp_path / name / "o"
        deck = Presentation(str(build(path, BuildOptions(out_dir=out)).deck))
        slide = deck.slides[0]
        shape = next(s for s in slide.shapes if s.name == "Bullets")
        title = slide.shapes.title
        ends_at_title = abs((shape.left + shape.width) - (title.left + title.width)) < Emu(12700)
        if name == "right":
            assert ends_at_title
            assert shape.left > title.left
        elif name == "left":
            assert shape.left == title.left
        else:
            assert ends_at_title and shape.left == title.left
            for item, paragraph in zip(items, shape.text_frame.paragraphs, strict=True):
                ppr = paragraph._p.pPr
                if item.startswith("Research"):
                    assert ppr.get("rtl") is None
                    assert abs(int(ppr.get("marR")) - int(shape.width) // 10) <= 1
                else:
                    assert ppr.get("rtl") == "1" and ppr.get("marR") == "0"
