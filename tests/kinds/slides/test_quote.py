"""Quote slides: the body the attribution names is said once, not again in the footer."""

from __future__ import annotations

from pptx import Presentation

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
