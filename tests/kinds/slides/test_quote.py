"""Quote slides: the body the attribution names is said once, not again in the footer."""

from __future__ import annotations

from pptx import Presentation

from deckgen.outline.typography import apostrophes
from deckgen.pipeline import BuildOptions, build
from tests.helpers import write_project

OUTLINE = """\
deck: {title: Harbour works plan}
slides:
  - kind: quote
    text: Dredging comes before every other project on the east channel.
    attribution: Harbour Pilots Guild
    source: harbour pilots guild.
  - kind: quote
    text: We will not pour concrete before the channel is deep enough.
    attribution: Harbour Pilots Guild
    source: "Harbour Pilots Guild, annual report 2024, p. 12"
  - kind: quote
    text: Cranes last thirty years.
    attribution: Chief engineer
    source: Port Authority board minutes
  - kind: sources
"""


def _footer(slide) -> str:
    return " ".join(next(s.text_frame.text for s in slide.shapes if s.name == "Footer").split())


def test_a_source_the_attribution_names_is_not_said_again(tmp_path):
    """'— Association of American Railroads' over 'Source: Association of American
    Railroads' (the sample's slide 28, found in review): the source that is the quoted
    body alone is left out of the footer; one that adds to it, and one of another body,
    stay whole; the deck's sources slide lists all three."""
    path = write_project(tmp_path, OUTLINE)
    slides = list(Presentation(str(build(path, BuildOptions(out_dir=tmp_path / "o")).deck)).slides)
    quote = next(s for s in slides[0].shapes if s.name == "Quote")
    assert quote.text_frame.paragraphs[-1].text == "— Harbour Pilots Guild"
    assert not any(s.name == "Footer" for s in slides[0].shapes)
    assert _footer(slides[1]) == "Source: Harbour Pilots Guild, annual report 2024, p. 12"
    assert _footer(slides[2]) == "Source: Port Authority board minutes"
    listed = " ".join(s.text_frame.text for s in slides[3].shapes if s.has_text_frame)
    assert "guild" in listed.casefold() and "annual report 2024" in listed


QUOTED = (
    "The United States is the global leader in developing AI, but it faces fierce and "
    "increasing competition from China. Focusing on stymying China's growth will not impede "
    "China's progress in the long run. Instead, the United States should be focusing on "
    "maintaining, if not expanding, its lead."
)


def test_a_quotation_is_written_for_the_viewers_wrap_with_no_line_ending_on_the(tmp_path):
    """The sample's slide 5 read '... in the long run. Instead, the / United States'
    (found in review): the quotation is written with no-break spaces so that a viewer
    wrapping it at the box's measure breaks elsewhere, in as many lines."""
    from deckgen.layout.text import SLIDE
    from deckgen.layout.units import Emu
    from tests.helpers import load_theme

    outline = f"deck: {{title: Quotes}}\nslides:\n  - kind: quote\n    text: \"{QUOTED}\"\n" \
              "    attribution: ITIF\n"  # fmt: skip
    path = write_project(tmp_path, outline)
    slide = Presentation(str(build(path, BuildOptions(out_dir=tmp_path / "o")).deck)).slides[0]
    quote = next(s for s in slide.shapes if s.name == "Quote").text_frame.paragraphs[0]
    written = "".join(run.text for run in quote.runs)
    assert written.replace("\u00a0", " ") == apostrophes(QUOTED)  # as the outline's are set
    font, size = load_theme("corporate").body.regular, Emu(quote.runs[0].font.size)
    width = Emu(next(s for s in slide.shapes if s.name == "Quote").width)
    assert written == SLIDE.viewer_text(apostrophes(QUOTED), font, size, width)  # tests/layout
    lines = SLIDE.wrap(written, font, size, width)
    assert len(lines) == len(SLIDE.wrap(apostrophes(QUOTED), font, size, width))
    assert not any(line.endswith((" the", " a", " and")) for line in lines[:-1]), lines


def test_a_quotation_read_right_to_left_has_its_mark_at_the_right(tmp_path):
    """An Arabic quotation was set right to left with its mark at the left, where the
    quotation ends (found in review; its card already mirrored): the mark stands at the
    right, the quotation a mark's width in from the right edge, mirroring the left-to-right
    slide's margins."""
    outline = """\
deck: {title: Quotes}
slides:
  - kind: quote
    text: "صناعة السيارات هي العمود الفقري للاقتصاد الصناعي في العالم"
    attribution: "وزير الصناعة"
  - kind: quote
    text: Cranes last thirty years.
    attribution: Chief engineer
"""
    path = write_project(tmp_path, outline)
    prs = Presentation(str(build(path, BuildOptions(out_dir=tmp_path / "o")).deck))
    shapes = [{s.name: s for s in slide.shapes} for slide in prs.slides]
    (rtl_mark, rtl_quote), (mark, quote) = ((s["Quote mark"], s["Quote"]) for s in shapes)
    width = prs.slide_width
    assert mark.left + mark.width <= quote.left  # left to right: the mark first, at the left
    assert rtl_mark.left >= rtl_quote.left + rtl_quote.width  # right to left: at the right
    assert rtl_mark.left + rtl_mark.width == width - mark.left  # the same margin, mirrored
    assert rtl_quote.left + rtl_quote.width == width - quote.left
    assert rtl_mark.text_frame.paragraphs[0].alignment == 3  # PP_ALIGN.RIGHT
