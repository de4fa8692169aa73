"""A slide's or card's ``note``: how a figure was made, said after its source line (in the
slide's footer, on the card made from it, on a card of its own) and never listed as a
source. Written in the source line, the sample's 'the change since 2008 is computed from
its table' stood on the sources slide among the publications (found in review)."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest
from pptx import Presentation

from deckgen.errors import DeckgenError
from deckgen.pipeline import BuildOptions, build
from deckgen.plan.cards import plan_cards
from tests.helpers import HEADER, load_bound, load_theme, write_project

if TYPE_CHECKING:
    from pathlib import Path

SLIDES = """\
  - kind: chart
    title: China builds the most vehicles
    source: OICA production statistics
    note: "Figures for {{ production.China.country }} are provisional"
    share: [ig-square]
    chart: {type: bar, data: production, x: country, y: production_2023}
  - kind: stats
    title: India built 5.9 million vehicles in 2023
    source: OICA production statistics
    note: Counts include light trucks.
    share: [ig-square]
    items:
      - {value: "5.9M", label: vehicles built in India, accent: true}
      - {value: "0.2M", label: vehicles built in India in 2004}
  - kind: stats
    title: Japan built 9.0 million vehicles in 2023
    note: Counted where the vehicle was finished
    items:
      - {value: "9.0M", label: vehicles built in Japan}
  - kind: sources
social:
  cards:
    - kind: stat
      name: usa
      presets: [ig-square]
      value: "10.6M"
      label: vehicles built in the U.S.
      source: OICA production statistics
      note: Including kits assembled from imported parts
    - kind: infographic
      name: long
      title: Four countries built 56 million vehicles
      note: Rounded to the nearest hundred thousand
      sections:
        - {kind: stat, value: "56M", label: vehicles, source: OICA production statistics}
"""


def _footers(deck: Path) -> list[str]:
    """Each slide's footer text (its lowest text box but the number)."""
    found = []
    for slide in Presentation(str(deck)).slides:
        texts = [s for s in slide.shapes if s.has_text_frame and s.text_frame.text.strip()]
        lowest = max(texts, key=lambda s: (s.top, -s.left))
        below = [s for s in texts if s.top == lowest.top and not s.text_frame.text.isdigit()]
        found.append(below[0].text_frame.text if below else "")
    return found


def test_a_note_follows_the_source_line_and_is_not_a_source(tmp_path: Path) -> None:
    outline = write_project(tmp_path, HEADER + SLIDES)
    built = build(outline, BuildOptions(out_dir=tmp_path / "out"))
    chart, india, japan, listing = _footers(built.deck)
    # A sentence after the source, its template filled in, a full stop given where missing.
    assert chart == "Source: OICA production statistics. Figures for China are provisional."
    assert india == "Source: OICA production statistics. Counts include light trucks."
    assert japan == "Counted where the vehicle was finished."  # no source: the note alone
    assert listing == ""  # the sources slide has no source line of its own
    listed = Presentation(str(built.deck)).slides[3].shapes
    text = "\n".join(s.text_frame.text for s in listed if s.has_text_frame)
    assert "OICA production statistics" in text
    assert "provisional" not in text and "light trucks" not in text and "finished" not in text

    loaded, tables = load_bound(outline)
    cards = {c.file: c for c in plan_cards(loaded, tables, load_theme())}
    lines = {name: " ".join(card.job.footer.source.lines) for name, card in cards.items()
             if card.job.footer.source is not None}  # fmt: skip
    # The cards made from the slides say the slides' notes; a card says its own.
    source = "Source: OICA production statistics."
    assert sorted(lines.values()) == [
        f"{source} Counts include light trucks.",
        f"{source} Figures for China are provisional.",
        f"{source} Including kits assembled from imported parts.",
    ]
    # The infographic lists its sources, and says its note under them, not among them.
    (long,) = (c for name, c in cards.items() if name.startswith("long"))
    blocks = {b.role: " ".join(b.lines) for b in long.job.blocks}
    assert blocks["note"] == "Rounded to the nearest hundred thousand."
    assert blocks["source"] == "OICA production statistics"
    # The alt texts say what the pictures write: each note once, after the source.
    written = json.loads((tmp_path / "out" / "deck" / "social" / "cards.json").read_text())
    alts = {card["name"]: card["alt"] for card in written["cards"]}
    assert alts["usa"].endswith(f"{source} Including kits assembled from imported parts.")
    assert alts["long"].endswith(
        "Source: OICA production statistics. Rounded to the nearest hundred thousand."
    )
    assert alts["long"].count("OICA") == alts["long"].count("Rounded") == 1


def test_a_blank_note_is_no_note(tmp_path: Path) -> None:
    """'' or a template that fills in nothing: the source line as it is, no stray stop."""
    slides = SLIDES.replace(
        'note: "Figures for {{ production.China.country }} are provisional"',
        "note: \"{{ '' }}\"",
    ).replace("note: Counts include light trucks.", 'note: "   "')
    outline = write_project(tmp_path, HEADER + slides)
    chart, india, *_ = _footers(build(outline, BuildOptions(out_dir=tmp_path / "out")).deck)
    assert chart == india == "Source: OICA production statistics"


def test_a_note_on_a_slide_with_no_footer_is_an_error(tmp_path: Path) -> None:
    """A title or section slide has no footer: its note would be dropped with no word."""
    slides = "  - kind: section\n    title: Production\n    note: Counted in units\n"
    outline = write_project(tmp_path, HEADER + slides + SLIDES)
    done = subprocess.run([sys.executable, "-m", "deckgen", "build", str(outline), "-o",
                           str(tmp_path / "out")], capture_output=True, text=True)  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert "deck.yaml:11: slides[0].note: a section slide has no footer" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("where", "field"),
    [("chart", "slides[0].note: the footer (its source line and note)"),
     ("card", "social.cards[0].note: the source line and note of card 'usa'")],
)  # fmt: skip
def test_a_note_too_long_for_its_footer_is_named_where_it_is_written(
    tmp_path: Path, where: str, field: str
) -> None:
    """Named as the source it followed, a note too long for the footer sent the reader to
    shorten a source line that fitted (found in review)."""
    long = "Counted at the factory gate, before exports and kits. " * 8
    chart_note, card_note = (long, "Rounded") if where == "chart" else ("Rounded", long)
    slides = SLIDES.replace(
        "Figures for {{ production.China.country }} are provisional", chart_note
    )
    slides = slides.replace("Including kits assembled from imported parts", card_note)
    outline = write_project(tmp_path, HEADER + slides)
    with pytest.raises(DeckgenError) as raised:
        build(outline, BuildOptions(out_dir=tmp_path / "out"))
    message = raised.value.format_message()
    assert field in message, message
    assert "shorten" in message.split("hint:")[1]
