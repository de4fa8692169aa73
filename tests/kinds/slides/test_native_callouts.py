"""Native stat callouts: text boxes laid out as the picture callout is, nothing rendered."""

from __future__ import annotations

import pytest
from pptx import Presentation
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.util import Emu

from deckgen.pipeline import BuildOptions, build
from tests.helpers import HEADER, write_project

STATS = """\
  - kind: stats
    title: Two numbers
    {native}
    items:
      - {{value: 67%, label: say it matters, source: Poll 2024, accent: true}}
      - {{value: $143.2B, label: in exports, qualifier: More than}}
"""


def _build(tmp_path, native: str, **options) -> tuple[object, object]:
    path = write_project(tmp_path, HEADER + STATS.format(native=native))
    result = build(path, BuildOptions(out_dir=tmp_path / "out", **options))
    return result, Presentation(str(result.deck)).slides[0]


def _groups(slide) -> list:
    return [s for s in slide.shapes if s.shape_type == 6]  # MSO_SHAPE_TYPE.GROUP


def _texts(group) -> dict[str, object]:
    return {s.name: s for s in group.shapes if s.has_text_frame and s.text_frame.text}


@pytest.fixture
def native(tmp_path):
    return _build(tmp_path, "native: true")


def test_callouts_are_grouped_text_boxes_and_nothing_is_rendered(native):
    result, slide = native
    assert result.pictures == 0
    assert not [s for s in slide.shapes if s.shape_type == 13]
    groups = _groups(slide)
    assert [g.name for g in groups] == ["Stat: 67%: say it matters",
                                        "Stat: More than $143.2B: in exports"]  # fmt: skip
    first, second = (_texts(g) for g in groups)
    assert set(first) == {"Value", "Label"}
    assert {n: s.text_frame.text for n, s in second.items()} == {
        "Qualifier": "More than", "Value": "$143.2B", "Label": "in exports",
    }  # fmt: skip


def test_the_accent_value_takes_the_highlight_in_the_number_font(native):
    _, slide = native
    first, second = (_texts(g) for g in _groups(slide))
    run = first["Value"].text_frame.paragraphs[0].runs[0]
    assert str(run.font.color.rgb) == "C8102E"
    assert run.font.name == "Lato Black" and run.font.bold
    assert str(second["Value"].text_frame.paragraphs[0].runs[0].font.color.rgb) == "1B2430"
    rules = [s for g in _groups(slide) for s in g.shapes if s.name == "Accent rule"]
    assert [str(r.fill.fore_color.rgb) for r in rules] == ["C8102E", "12355B"]


def test_values_share_a_baseline_and_sizes_match_the_planner(native):
    _, slide = native
    values = [_texts(g)["Value"] for g in _groups(slide)]
    assert values[0].top == values[1].top  # the qualifier line is reserved in both
    sizes = {v.text_frame.paragraphs[0].runs[0].font.size for v in values}
    assert len(sizes) == 1 and next(iter(sizes)) >= Emu(36 * 12700)
    labels = [_texts(g)["Label"] for g in _groups(slide)]
    assert all(label.top > value.top + value.height - 1 for label, value in
               zip(labels, values, strict=True))  # fmt: skip


def test_the_build_option_and_the_slide_opt_out(tmp_path):
    result, slide = _build(tmp_path / "a", "", native_callouts=True)
    assert result.pictures == 0 and len(_groups(slide)) == 2
    result, slide = _build(tmp_path / "b", "native: false", native_callouts=True)
    assert result.pictures == 2 and not _groups(slide)


LONG = """\
  - kind: stats
    title: Four numbers
    native: true
    items:
      - {value: "50", label: vehicle assembly plants across 15 states}
      - value: "250,000"
        qualifier: Nearly
        label: workers at plants producing more than 10.3 million vehicles
      - value: $90B
        qualifier: More than
        accent: true
        label: "committed to EV battery production, 2019 to September 2024"
      - {value: "65,000", qualifier: More than, label: new jobs from those EV battery commitments}
"""


def test_labels_break_where_the_picture_breaks_them(tmp_path):
    """The label's lines are the picture's (measured, with the fitter's slack), written as
    line breaks in a box with no autofit and no insets, so PowerPoint and LibreOffice do not
    fill the box's full width and break it elsewhere."""
    from deckgen.layout.text import SLIDE
    from deckgen.layout.units import Emu as Length
    from deckgen.layout.units import Pt
    from tests.helpers import load_theme

    path = write_project(tmp_path, HEADER + LONG)
    result = build(path, BuildOptions(out_dir=tmp_path / "out"))
    slide = Presentation(str(result.deck)).slides[0]
    labels = [next(s for s in g.shapes if s.name == "Label") for g in _groups(slide)]
    assert len(labels) == 4
    font = load_theme("corporate").body.regular
    for shape in labels:
        frame = shape.text_frame
        size = Pt(frame.paragraphs[0].runs[0].font.size.pt)
        shown = frame.text.replace("\xa0", " ")  # '10.3 million': kept on one line
        lines = SLIDE.unorphaned(shown.replace("\v", " "), font, size, Length(shape.width))
        assert shown.split("\v") == lines
        assert frame.auto_size == MSO_AUTO_SIZE.NONE and frame.word_wrap
        assert frame.margin_left == frame.margin_right == 0
    assert any("\v" in shape.text_frame.text for shape in labels)


def test_a_lone_native_callout_draws_no_rule_as_its_picture_twin(tmp_path):
    """The hero's rule is left out of the text-box form too (a row keeps its rules: see
    test_the_accent_value_takes_the_highlight_in_the_number_font)."""
    lone = STATS.format(native="native: true").replace(
        "      - {value: $143.2B, label: in exports, qualifier: More than}\n", ""
    )
    path = write_project(tmp_path, HEADER + lone)
    result = build(path, BuildOptions(out_dir=tmp_path / "out"))
    # The callout's group (a lone share draws its grid beside it, a group of its own).
    slide = Presentation(str(result.deck)).slides[0]
    (group,) = [g for g in _groups(slide) if g.name.startswith("Stat:")]
    assert [s.name for s in group.shapes if s.name == "Accent rule"] == []
    assert set(_texts(group)) == {"Value", "Label"}
