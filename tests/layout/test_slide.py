"""Frames: content starts one gap under each slide's title block; a near-full one-line
title keeps room to wrap in a wider substitute font."""

from __future__ import annotations

from deckgen.layout.slide import (
    CONTENT_GAP,
    GAP,
    MARGIN,
    MIN_CONTENT,
    content_frame,
)
from deckgen.layout.text import NEAR_FULL, SLIDE
from tests.helpers import HEADER, load_theme, plan, write_project

#: Two chart slides: a one-line title block (a short title, a short subtitle) and one whose
#: title takes two lines.
TITLE_BLOCKS = (
    HEADER
    + """\
  - kind: chart
    title: China leads
    subtitle: Vehicles built, 2023
    chart: {type: bar, data: production, x: country, y: production_2023}
  - kind: chart
    title: China built more vehicles in 2023 than the United States, Japan and India together
    subtitle: Vehicles built, 2023
    chart: {type: bar, data: production, x: country, y: production_2023}
"""
)


def test_content_starts_one_gap_under_each_slides_own_title_block(tmp_path):
    """Content started on one line for the whole deck, the lowest title block's: a one-line
    title and subtitle left an empty band of about an inch over the chart (review)."""
    deck = plan(write_project(tmp_path, TITLE_BLOCKS))
    short, long = (s.frame for s in deck.slides)
    assert short is not None and long is not None
    assert len(short.title.lines) == 1 and len(long.title.lines) == 2
    for frame in (short, long):
        assert frame.subtitle_box is not None
        assert frame.content.top == frame.subtitle_box.bottom + CONTENT_GAP
        # The footer band and the margins stay where they were: only the top moves.
        assert frame.content.bottom == frame.footer.top - GAP
        assert frame.content.left == MARGIN and frame.content.right == frame.footer.right
        assert frame.content.height >= MIN_CONTENT[1]
    assert short.content.top < long.content.top
    assert short.content.height - long.content.height == long.subtitle_box.bottom - (
        short.subtitle_box.bottom)  # fmt: skip
    # The chart is drawn at the size of the area it is placed in.
    for slide in deck.slides:
        (placed,) = slide.pictures
        assert slide.frame is not None and placed.box.top >= slide.frame.content.top
        assert placed.box.bottom <= slide.frame.content.bottom


def test_a_near_full_one_line_title_keeps_room_for_a_second_line():
    theme = load_theme("corporate")
    short = content_frame("China leads", "A subtitle", theme, "16:9")
    title = "Vehicles and parts are the top export of six states"
    near = content_frame(title, "A subtitle", theme, "16:9")
    assert len(short.title.lines) == len(near.title.lines) == 1
    assert near.title.width >= near.title_box.width * NEAR_FULL
    assert SLIDE.width(title, theme.heading.bold, near.title.size) <= near.title_box.width
    line = near.title.height
    # The kept line takes the place of the gap under the title block, as it is taller.
    assert line > CONTENT_GAP
    assert abs((near.content.top - short.content.top) - (line - CONTENT_GAP)) <= 1  # EMU
    assert near.content.top == near.subtitle_box.bottom + line
    # The title and subtitle boxes stay as measured; only the content moves down.
    assert near.title_box.height == short.title_box.height
    assert near.subtitle_box.top == short.subtitle_box.top


def test_near_full_lines_of_a_title_or_subtitle_keep_room_for_one_more_line_each():
    """A near-full two-line title is wrapped at its widest line, so a wider substitute font
    takes it to three: without room kept, its subtitle landed on the chart (the plain
    LibreOffice render of slides 13 and 14); a near-full subtitle wraps too. Two lines short
    of the box are written with their breaks and keep only the gap (tests/e2e/
    test_substitute_font.py renders all three)."""
    theme = load_theme("corporate")
    near = ("China built more vehicles in 2023 than the United States, Japan, India, South "
            "Korea and Germany together")  # fmt: skip
    short = "Most Americans say a strong auto industry is vital to national security"
    wide_sub = ("States whose top export is motor vehicles and parts: its value and share of "
                "the state's exports, 2023")  # fmt: skip
    frames = {
        name: content_frame(title, sub, theme, "16:9")
        for name, (title, sub) in {
            "near": (near, "Vehicles built"), "short": (short, "Vehicles built"),
            "both": (near, wide_sub),
        }.items()
    }  # fmt: skip
    for frame in frames.values():
        assert len(frame.title.lines) == 2 and frame.subtitle_box is not None
    near_f, short_f, both = frames["near"], frames["short"], frames["both"]
    assert near_f.title.near_full(near_f.title_box.width)
    assert not short_f.title.near_full(short_f.title_box.width)
    assert both.subtitle is not None and both.subtitle.near_full(both.subtitle_box.width)
    title_line = near_f.title.height // 2
    sub_line = both.subtitle.height // len(both.subtitle.lines)
    assert short_f.content.top == short_f.subtitle_box.bottom + CONTENT_GAP
    assert near_f.content.top == near_f.subtitle_box.bottom + title_line
    assert both.content.top == both.subtitle_box.bottom + title_line + sub_line


def _template_theme(tmp_path, width: float, height: float, top: float | None = None):
    """The sample template theme with its "Title and Chart" picture placeholder resized
    (inches), as a designer may leave it."""
    import shutil

    from pptx.util import Inches as PptxInches

    from deckgen.theming.template import open_presentation
    from tests.helpers import REPO

    folder = tmp_path / "brand"
    shutil.copytree(REPO / "themes" / "corporate-template", folder)
    prs = open_presentation(folder / "brand.potx")
    layout = next(lay for lay in prs.slide_layouts if lay.name == "Title and Chart")
    picture = next(ph for ph in layout.placeholders if ph.placeholder_format.idx == 1)
    picture.width, picture.height = PptxInches(width), PptxInches(height)
    if top is not None:
        picture.top = PptxInches(top)
    prs.save(str(folder / "brand.potx"))
    return folder


def test_a_template_placeholder_too_small_for_content_is_the_templates_error(tmp_path):
    """A 0 x 0 picture placeholder failed with 'internal error: LinAlgError', a 12.3 x 0.3
    in one built a strip of bars with no names or values (fuzz-P/6): the template's
    problem, at the template, with its layout, placeholder, size and the size that works."""
    import pytest

    from deckgen.errors import ThemeError
    from deckgen.layout.slide import MIN_CONTENT

    for size in ((0, 0), (12.3, 0.3), (1.5, 4)):
        theme = load_theme(str(_template_theme(tmp_path / f"{size}", *size)))
        with pytest.raises(ThemeError) as caught:
            content_frame("China leads", None, theme, "16:9", kind="chart")
        (problem,) = caught.value.problems
        assert problem.location.file.endswith("brand.potx")
        assert problem.location.field == "layout 'Title and Chart'"
        assert "pic placeholder 'Picture Placeholder 2'" in problem.message
        assert f"{size[0]:.2f} x {size[1]:.2f} in" in problem.message
        assert "at least 2.00 x 1.50 in" in problem.message and problem.hint
    # The smallest that works is laid out, at its size; other kinds' layouts are not asked.
    least = (MIN_CONTENT[0].inches, MIN_CONTENT[1].inches)
    theme = load_theme(str(_template_theme(tmp_path / "least", *least)))
    frame = content_frame("China leads", None, theme, "16:9", kind="chart")
    assert (frame.content.width, frame.content.height) == MIN_CONTENT
    assert content_frame("China leads", None, theme, "16:9", kind="bullets").content.height


def test_a_title_that_leaves_the_placeholder_no_room_is_said_at_the_slide(tmp_path):
    """A placeholder close under the title: a two-line title left it a negative height."""
    import pytest

    from deckgen.errors import FitError, Location

    theme = load_theme(str(_template_theme(tmp_path, 12.3, 1.7, top=1.5)))
    where = Location("deck.yaml", 9, "slides[0]")
    assert content_frame("China leads", None, theme, "16:9", where, kind="chart").content.height
    title = "China builds the most vehicles of any country in the world by a wide margin"
    with pytest.raises(FitError) as caught:
        content_frame(title, "Every year since 2009", theme, "16:9", where, kind="chart")
    (problem,) = caught.value.problems
    assert problem.location == where and "shorten the title" in (problem.hint or "")


def test_a_template_placeholder_under_the_footer_or_a_narrow_title_is_the_templates_error(
    tmp_path,
):
    """Large enough itself, a placeholder low on the slide left the content the strip above
    the footer band; a title placeholder 0 in wide made every title 'too long'."""
    import pytest
    from pptx.util import Inches as PptxInches

    from deckgen.errors import ThemeError
    from deckgen.theming.template import open_presentation

    folder = _template_theme(tmp_path, 12.3, 1.8, top=5.5)
    with pytest.raises(ThemeError) as caught:
        content_frame("China leads", None, load_theme(str(folder)), "16:9", kind="chart")
    (problem,) = caught.value.problems
    assert problem.location.field == "layout 'Title and Chart'"
    assert "starts 5.50 in down the slide, leaving 1.00 in above the footer" in problem.message
    prs = open_presentation(folder / "brand.potx")
    layout = next(lay for lay in prs.slide_layouts if lay.name == "Title and Chart")
    for ph in layout.placeholders:
        if ph.placeholder_format.idx == 1:
            ph.top = PptxInches(1.85)
        if ph.placeholder_format.idx == 0:
            ph.width = PptxInches(0)
    prs.save(str(folder / "brand.potx"))
    with pytest.raises(ThemeError) as caught:
        content_frame("China leads", None, load_theme(str(folder)), "16:9", kind="chart")
    (problem,) = caught.value.problems
    assert "the title of 'chart' slides goes into the title placeholder 'Title 1'" in (
        problem.message
    )
    assert "at least 2.00 in wide" in problem.message


def test_a_subtitle_on_two_lines_is_balanced_not_left_with_one_word():
    """Filled to the box's edge, the contrast theme's slide 20 subtitle left 'growth)'
    alone on its second line (found in review); it is balanced as the title is."""
    theme = load_theme("contrast")
    subtitle = ("U.S. vehicle and parts exports by region, 2008 to 2023, $ billions "
                "(2008 derived from each region's growth)")  # fmt: skip
    frame = content_frame("North America leads", subtitle, theme, "16:9")
    assert frame.subtitle is not None
    first, last = frame.subtitle.lines
    assert len(last.split()) > 2, frame.subtitle.lines
    font, size = theme.body.regular, frame.subtitle.size
    assert SLIDE.width(last, font, size) >= 0.5 * SLIDE.width(first, font, size)
