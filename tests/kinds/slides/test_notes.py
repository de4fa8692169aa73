"""Blank speaker notes are no notes: a chart slide keeps its data description (found by
fuzzing: `notes: "   "`, or a template that filled in nothing, shipped the slide with no
notes at all, and neither check nor build said a word). Blank is read as an alt text's
blank is: not given."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from pptx import Presentation

from deckgen.check import check
from deckgen.pipeline import BuildOptions, build
from tests.helpers import HEADER, write_project

if TYPE_CHECKING:
    from pathlib import Path

CHART = """\
  - kind: chart
    title: China builds the most vehicles
    source: OICA production statistics
    chart: {type: bar, data: production, x: country, y: production_2023}
"""


def _notes(deck: Path) -> list[str]:
    slides = Presentation(str(deck)).slides
    return [s.notes_slide.notes_text_frame.text if s.has_notes_slide else "" for s in slides]


@pytest.mark.parametrize("notes", ['""', '"   "', "\"{{ talk.china.note | default('', true) }}\""])
def test_blank_notes_keep_a_chart_slides_data_description(tmp_path: Path, notes: str):
    talk = "  talk:\n    rows:\n      - {slide: china, note: ''}\n"
    header = HEADER.replace("slides:\n", f"{talk}slides:\n")
    without = build(write_project(tmp_path / "w", header + CHART),
                    BuildOptions(out_dir=tmp_path / "w" / "out"))  # fmt: skip
    (described,) = _notes(without.deck)
    assert described.startswith("Bar chart: China builds the most vehicles. China 30.2 million")
    outline = write_project(tmp_path / "p", header + CHART + f"    notes: {notes}\n")
    report = check(outline, BuildOptions(out_dir=tmp_path / "out"))
    assert report.findings == (), [str(f) for f in report.findings]
    assert _notes(build(outline, BuildOptions(out_dir=tmp_path / "out")).deck) == [described]
