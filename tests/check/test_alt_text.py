"""A picture's alt text: `deckgen check` and the build read it alike. Blank is none (the
alt text is written from the data); one that names a file is refused by both, in the same
words (found by fuzzing: check called '' a file name, and the build shipped 'chart.png' as
the picture's alt text and its speaker notes without a word)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from pptx import Presentation

from deckgen.check import check
from deckgen.errors import DeckgenError
from deckgen.pipeline import BuildOptions, build
from tests.helpers import HEADER, write_project

if TYPE_CHECKING:
    from pathlib import Path


def _outline(alt: str | None) -> str:
    line = "" if alt is None else f", alt: {alt}"
    return HEADER + (
        "  - kind: chart\n"
        "    title: China builds the most vehicles\n"
        f"    chart: {{type: bar, data: production, x: country, y: production_2023{line}}}\n"
    )


def _picture(deck: Path) -> tuple[str, str]:
    """The alt text of the deck's one picture and the slide's speaker notes."""
    slide = Presentation(str(deck)).slides[0]
    (picture,) = [s for s in slide.shapes if s.shape_type == 13]  # a picture
    notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
    return picture._element.nvPicPr.cNvPr.get("descr"), notes


@pytest.mark.parametrize("alt", ['""', '"   "'])
def test_a_blank_alt_text_is_none_in_check_and_build(tmp_path: Path, alt: str):
    written = build(write_project(tmp_path / "w", _outline(None)),
                    BuildOptions(out_dir=tmp_path / "w" / "out"))  # fmt: skip
    outline = write_project(tmp_path / "p", _outline(alt))
    report = check(outline, BuildOptions(out_dir=tmp_path / "out"), select=("A11Y",))
    assert report.findings == (), [str(f) for f in report.findings]
    built = build(outline, BuildOptions(out_dir=tmp_path / "out"))
    descr, notes = _picture(built.deck)
    assert descr.startswith("Bar chart: China builds the most vehicles. China 30.2 million")
    assert (descr, notes) == _picture(written.deck) == (descr, descr)


@pytest.mark.parametrize("alt", ["chart.png", "IMG_0042", "charts/final/production"])
def test_an_alt_text_naming_a_file_is_refused_by_check_and_build_alike(tmp_path: Path, alt):
    outline = write_project(tmp_path / "p", _outline(alt))
    report = check(outline, BuildOptions(out_dir=tmp_path / "out"))
    (finding,) = report.findings
    assert (finding.code, finding.severity, finding.slide) == ("A11Y001", "error", 1)
    assert finding.location is not None
    assert (finding.location.line, finding.location.field) == (11, "slides[0].chart.alt")
    assert finding.message.startswith(f"the alt text {alt!r} names a file: expected words")
    assert "leave out 'alt:'" in finding.fix
    assert report.exit_code() == 2
    with pytest.raises(DeckgenError) as raised:
        build(outline, BuildOptions(out_dir=tmp_path / "out"))
    (problem,) = raised.value.problems
    assert (problem.location, problem.message, problem.hint) == (
        finding.location, finding.message, finding.fix)  # fmt: skip
    assert not (tmp_path / "out" / "deck.pptx").exists()


def test_ignoring_the_code_does_not_pass_a_deck_the_build_refuses(tmp_path: Path):
    """What stops a build is told whatever `--ignore` says, as the BLD codes are."""
    outline = write_project(tmp_path / "p", _outline("chart.png"))
    report = check(outline, BuildOptions(out_dir=tmp_path / "out"), ignore=("A11Y",))
    assert [f.code for f in report.findings] == ["A11Y001"]
    assert report.exit_code() == 2


@pytest.mark.parametrize("alt", [
    "Figure 2: China builds the most vehicles, three times the U.S.",
    "Chart 1 shows production by country",
    "Production as of 3/31/2024, by country",
])  # fmt: skip
def test_a_sentence_that_says_what_the_picture_shows_is_no_file_name(tmp_path: Path, alt):
    """The build refuses what the check calls a file name, so a sentence that starts
    'Figure 2:' and says what the figure shows, or holds a date, passes both (the check
    called them file names)."""
    from deckgen.kinds.slides._base import names_a_file

    assert not names_a_file(alt)
    outline = write_project(tmp_path / "p", _outline(f'"{alt}"'))
    assert check(outline, BuildOptions(out_dir=tmp_path / "out"), select=("A11Y",)).findings == ()
    descr, notes = _picture(build(outline, BuildOptions(out_dir=tmp_path / "out")).deck)
    assert descr == notes == alt


@pytest.mark.parametrize(
    ("alt", "file", "named"),
    [("chart-final-v2.png", None, True), ("Screenshot 2024-03-01 at 10.22.31", None, True),
     ("DSC_0042", None, True), ("Figure 3", None, True), ("exports\\2023\\final", None, True),
     ("plant", "photos/plant.jpg", True), ("The plant from the car park", "plant.jpg", False),
     ("", None, False), ("   ", None, False), ("Exports in/out/through Laredo", None, False)],
)  # fmt: skip
def test_what_names_a_file(alt: str, file: str | None, named: bool):
    from deckgen.kinds.slides._base import names_a_file

    assert names_a_file(alt, file) is named


def test_an_image_slide_s_alt_naming_its_file_is_refused_by_check_and_build_alike(tmp_path):
    from PIL import Image

    body = HEADER + ("  - kind: image\n    title: The plant\n    file: plant.png\n"
                     "    alt: plant.png\n")  # fmt: skip
    outline = write_project(tmp_path / "p", body)
    Image.new("RGB", (40, 30), "white").save(outline.parent / "plant.png")
    report = check(outline, BuildOptions(out_dir=tmp_path / "out"))
    (finding,) = [f for f in report.findings if f.code == "A11Y001"]
    with pytest.raises(DeckgenError) as raised:
        build(outline, BuildOptions(out_dir=tmp_path / "out"))
    (problem,) = raised.value.problems
    assert (problem.location, problem.message) == (finding.location, finding.message)
    assert problem.location.field == "slides[0].alt"


def test_an_alt_text_naming_a_file_is_told_with_the_other_slides_problems(tmp_path: Path):
    """One run reports every problem: an alt text naming a file was found while slides
    were planned, which a typo on another slide stopped before, so it came up only once
    the rest was fixed (found in an audit of the README's claims)."""
    from PIL import Image

    body = _outline("chart.png") + (
        "  - kind: chart\n    title: China leads\n"
        "    chart: {type: bar, data: production, x: country, y: production_2023, "
        "highlight: Chna}\n"
        "  - kind: bullets\n    title: Notes\n    itemz: [a]\n"
        "  - kind: image\n    title: The plant\n    file: plant.png\n    alt: plant.png\n"
    )
    outline = write_project(tmp_path / "p", body)
    Image.new("RGB", (40, 30), "white").save(outline.parent / "plant.png")
    report = check(outline, BuildOptions(out_dir=tmp_path / "out"))
    said = sorted((f.code, f.location.field if f.location else None) for f in report.findings)
    assert said == [
        ("A11Y001", "slides[0].chart.alt"),
        ("A11Y001", "slides[3].alt"),
        ("BLD001", "slides[1].chart.highlight"),
        ("BLD001", "slides[2].itemz"),
    ]
    with pytest.raises(DeckgenError) as raised:
        build(outline, BuildOptions(out_dir=tmp_path / "out"))
    fields = sorted(p.location.field for p in raised.value.problems if p.location)
    assert fields == ["slides[0].chart.alt", "slides[1].chart.highlight", "slides[2].itemz",
                      "slides[3].alt"]  # fmt: skip
