"""The stat callout picture of a stats slide."""

import io
from dataclasses import replace

import pytest
from PIL import Image

from deckgen.kinds.slides.stats import StatJob, StatLayout, stat_height
from deckgen.layout.units import Inches, Pt
from deckgen.outline.schema import Stat
from deckgen.render.jobs import Canvas
from tests.helpers import load_theme


def render_stat(job: StatJob):
    return job.render()


def job(theme: str = "corporate", **stat) -> StatJob:
    loaded = load_theme(theme)
    layout = StatLayout(value_size=Pt(72), label_size=Pt(18), qualifier_size=Pt(14))
    height = stat_height(layout, 2, loaded)
    values = {"value": "$143.2B", "label": "in motor vehicle and parts exports"} | stat
    return StatJob(Stat(**values), loaded, Canvas(Inches(2.8), height, 300), layout)


@pytest.mark.parametrize("theme", ["corporate", "dark", "contrast"])
def test_a_callout_is_a_transparent_png_of_the_canvas_size(theme):
    j = job(theme)
    image = Image.open(io.BytesIO(render_stat(j).data))
    assert image.size == j.canvas.pixels
    assert image.mode == "RGBA"
    assert image.getpixel((image.width - 1, image.height - 1))[3] == 0  # transparent corner
    assert image.getbbox() is not None  # something was drawn


def test_the_value_is_drawn_in_the_accent_colour_when_accented():
    plain = Image.open(io.BytesIO(render_stat(job()).data)).convert("RGB")
    accent = Image.open(io.BytesIO(render_stat(job(accent=True)).data)).convert("RGB")
    highlight = tuple(int(load_theme("corporate").theme.colors.highlight[i : i + 2], 16)
                      for i in (1, 3, 5))  # fmt: skip
    assert highlight in {c for _, c in accent.getcolors(1 << 20)}
    assert plain.tobytes() != accent.tobytes()


def test_text_the_theme_font_lacks_is_drawn_in_a_bundled_fallback(monkeypatch):
    """Chinese and Arabic values and labels were drawn as empty boxes: the callout used the
    theme's fonts alone, where cards and charts fall back (found by fuzzing)."""
    import deckgen.theming.fonts as fonts
    from deckgen.theming.fonts import covering

    asked = []
    real = fonts.pil_font
    monkeypatch.setattr(fonts, "pil_font", lambda path, px: asked.append(path) or real(path, px))
    theme = load_theme("corporate")
    render_stat(job(value="¥3.2兆", label="中国的增长", qualifier="نمو"))
    for text, font in (("兆", theme.number.bold), ("中国", theme.body.regular),
                       ("نمو", theme.body.regular)):  # fmt: skip
        fallback = covering(font, text)
        assert fallback != font and fallback in asked, text


def test_callouts_are_deterministic_and_carry_alt_text():
    j = job(qualifier="More than")
    first, second = render_stat(j), render_stat(j)
    assert first.data == second.data
    # In words, as a screen reader should say it (it read '$143.2B' as '143.2 B').
    assert first.alt == "More than $143.2 billion: in motor vehicle and parts exports"


def _hero(tmp_path, label: str):
    from tests.helpers import REPO, plan

    tmp_path.mkdir()
    outline = tmp_path / "deck.yaml"
    outline.write_text(
        "deck: {title: T, theme: corporate}\n"
        "slides:\n"
        "  - kind: stats\n"
        "    title: Most agree\n"
        f"    items: [{{value: '67%', label: '{label}', source: a poll}}]\n",
        encoding="utf-8",
    )
    (tmp_path / "themes").symlink_to(REPO / "themes")
    deck = plan(outline)
    return next(p.job for s in deck.slides for p in s.pictures)


def test_a_hero_value_gives_way_to_its_label_down_to_a_row_callouts_size(tmp_path):
    from deckgen.kinds.slides.stats import HERO_LABEL

    sizes = load_theme("corporate").theme.sizes
    short = _hero(tmp_path / "a", "agree")
    assert short.layout.label_size.pt == pytest.approx(sizes.stat_label * HERO_LABEL)
    long = _hero(tmp_path / "b", " ".join(["believe the industry is critical"] * 12))
    # The value stopped at a row callout's size; the label then shrank, never under 12.
    assert long.layout.value_size.pt == pytest.approx(sizes.stat_value)
    assert 12 <= long.layout.label_size.pt < sizes.stat_label * HERO_LABEL
    assert short.layout.value_size.pt > long.layout.value_size.pt


def test_a_row_of_callouts_under_a_short_title_stands_at_the_areas_optical_centre(tmp_path):
    """A content area starts under each slide's own title block: under a one-line title a
    row of callouts right at its top left the slide's lower half empty. The row now takes
    ROOM_ABOVE of the room it leaves above it (at least ROW_OFFSET)."""
    from deckgen.kinds.slides.stats import ROOM_ABOVE, ROW_OFFSET
    from tests.helpers import REPO, plan

    outline = tmp_path / "deck.yaml"
    outline.write_text(
        "deck: {title: T, theme: corporate}\n"
        "slides:\n"
        "  - kind: stats\n"
        "    title: Three figures\n"
        "    source: a count\n"
        "    items: [{value: '50', label: plants}, {value: '250K', label: workers},\n"
        "            {value: '$90B', label: invested}]\n",
        encoding="utf-8",
    )
    (tmp_path / "themes").symlink_to(REPO / "themes")
    slide = plan(outline).slides[0]
    content = slide.frame.content
    row = slide.pictures[0].box
    room = content.height - row.height
    assert room > 2 * ROW_OFFSET  # a deep area: the case at hand
    assert row.top - content.top == pytest.approx(room * ROOM_ABOVE, abs=1)
    assert row.bottom <= content.bottom


def test_a_lone_callout_draws_no_rule_of_its_own_and_a_row_keeps_them(tmp_path):
    """A hero under the slide's accent rule drew a second rule under the subtitle, a stray
    mark (found in review): a lone callout draws none and starts at its qualifier line; a
    row of callouts keeps a rule over each."""
    from deckgen.kinds.slides.stats import RULE_GAP, RULE_HEIGHT

    hero = _hero(tmp_path / "hero", "agree")
    assert not hero.layout.rule
    image = Image.open(io.BytesIO(render_stat(hero).data))
    rule_band = image.crop((0, 0, image.width, round((RULE_HEIGHT + 1) * 300 / 72)))
    assert rule_band.getbbox() is None  # nothing drawn where the rule stood
    theme = load_theme("corporate")
    assert stat_height(hero.layout, 1, theme) + Pt(RULE_HEIGHT + RULE_GAP) == stat_height(
        replace(hero.layout, rule=True), 1, theme
    )
    row = job(accent=True)
    assert row.layout.rule
    band = Image.open(io.BytesIO(render_stat(row).data)).convert("RGB").crop((0, 0, 20, 20))
    assert band.getpixel((10, 10)) == (0xC8, 0x10, 0x2E)  # the highlight's rule


def test_an_accented_value_is_the_ink_that_reads_at_4_5_to_1_however_large():
    """corporate-template's orange (#E07A1F, 3.0:1 on white) was drawn as the orange itself
    in a 72 pt value, WCAG's large text having only to reach 3:1; every text reads at
    4.5:1 now (design review), so the value is the darker ink, the orange the rules'."""
    theme = load_theme("corporate-template")
    colors = theme.theme.colors
    assert colors.highlight_ink != colors.highlight
    from deckgen.kinds.slides.stats import RULE_GAP, RULE_HEIGHT

    image = Image.open(io.BytesIO(render_stat(job("corporate-template", accent=True)).data))
    image = image.crop((0, round((RULE_HEIGHT + RULE_GAP) * 300 / 72), *image.size))  # no rule
    drawn = {c[:3] for _, c in image.getcolors(1 << 20) if c[3] == 255}
    ink = tuple(bytes.fromhex(colors.highlight_ink[1:]))
    assert ink in drawn and tuple(bytes.fromhex(colors.highlight[1:])) not in drawn


GRID_OUTLINE = """\
deck: {title: Poll results}
slides:
  - kind: stats
    title: Most agree
    items: [{value: '67%', label: agree the port should grow, source: a poll, accent: true}]
  - kind: stats
    title: Few object
    items: [{value: '0.3%', label: object to the plan, source: a poll}]
  - kind: stats
    title: Nearly all know of it
    items: [{value: '99.7%', label: have heard of the plan, source: a poll}]
  - kind: stats
    title: Many ships
    items: [{value: '250', label: ships docked last year, source: a ledger}]
  - kind: stats
    title: Two shares
    items: [{value: '67%', label: agree, source: a poll}, {value: '40%', label: object}]
  - kind: stats
    title: Prices rose sharply
    items: [{value: '12%', label: rise in consumer prices since 2020, source: an index}]
"""
#: The first slide, with its grid switched off.
NO_GRID = GRID_OUTLINE.split("  - kind: stats\n    title: Few")[0].replace(
    "    items:", "    grid: false\n    items:", 1)  # fmt: skip


def _slides(root, outline: str, theme: str):
    from pptx import Presentation

    from deckgen.pipeline import BuildOptions, build
    from tests.helpers import write_project

    path = write_project(root, outline)
    deck = build(path, BuildOptions(theme=theme, out_dir=root / "out")).deck
    return list(Presentation(str(deck)).slides)


@pytest.fixture(scope="module", params=["corporate", "dark"])
def grid_deck(request, tmp_path_factory):
    return request.param, _slides(tmp_path_factory.mktemp(request.param), GRID_OUTLINE,
                                  request.param)  # fmt: skip


def _grids(slide):
    return [s for s in slide.shapes if s.name.startswith("Grid:")]


@pytest.mark.parametrize(("index", "filled"), [(0, 67), (1, 1), (2, 99)])
def test_a_lone_share_is_shown_as_a_grid_of_a_hundred_dots(grid_deck, index, filled):
    """A lone 67% left the slide's right half empty: it now shows 67 of 100 dots filled in
    the value's colour, in rows from the top left; a share under 0.5% fills one dot, not
    none, and one over 99.5% fills 99, not all."""
    from deckgen.theming.colour import MARK, contrast

    theme, slides = grid_deck
    colors = load_theme(theme).theme.colors
    slide = slides[index]
    (grid,) = _grids(slide)
    assert grid.name == f"Grid: {filled} of 100"
    dots = list(grid.shapes)
    assert len(dots) == 100
    fills = [str(d.fill.fore_color.rgb) for d in dots]
    empty = fills[-1]
    assert sum(f != empty for f in fills) == filled
    assert all(f != empty for f in fills[:filled])  # counted from the top left, row by row
    # The rest are marks too, 3:1 on the background: in the gridline grey (1.3:1 on
    # white) a projected grid read as 67 dots, not 67 in 100 (found in review).
    assert contrast("#" + empty, colors.background) >= MARK
    order = sorted(range(100), key=lambda k: (dots[k].top, dots[k].left))
    assert order == list(range(100))
    ink = "#" + fills[0]
    assert contrast(ink, colors.background) >= MARK
    if index == 0:  # accented: the value's own highlight
        assert ink == colors.highlight_ink
    # A square in the content area's right half, beside the callout, not over it.
    picture = next(s for s in slide.shapes if s.name.startswith("Stat:"))
    assert grid.width == grid.height
    assert grid.left >= picture.left + picture.width
    # At the left of the right half, near the value it shows, not pinned to the margin.
    assert (
        grid.left + grid.width
        < slide.part.package.presentation_part.presentation.slide_width * 0.85
    )
    assert grid.top >= picture.top and grid.top + grid.height <= picture.top + picture.height + 1
    assert "100 dots" in grid._element.xpath("./p:nvGrpSpPr/p:cNvPr")[0].get("descr")


@pytest.mark.parametrize("index", [3, 4, 5], ids=["a count", "two stats", "a rate"])
def test_no_grid_for_a_count_or_a_row(grid_deck, index):
    """Nor for a rate of change: '12%' of 'rise in consumer prices since 2020' was drawn as
    12 dots of 100, twelve people in a hundred (fuzzing round 6)."""
    _, slides = grid_deck
    assert _grids(slides[index]) == []


def test_grid_false_leaves_the_grid_out(tmp_path):
    assert "grid: false" in NO_GRID
    (slide,) = _slides(tmp_path, NO_GRID, "corporate")
    assert _grids(slide) == []


@pytest.mark.parametrize(
    ("value", "share"),
    [("67%", 67.0), ("0.3%", 0.3), ("67 %", 67.0), ("%67", 67.0), ("49,5\u00a0%", 49.5),
     ("100%", 100.0), ("250", None), ("$67", None), ("+12%", None), ("\u221238%", None),
     ("119%", None), ("About 67%", None)],
)  # fmt: skip
def test_a_share_is_a_percent_from_0_to_100(value, share):
    from deckgen.kinds.slides.stats import share_of

    assert share_of(value) == share


def test_a_label_too_long_beside_a_grid_says_the_grid_can_go(tmp_path):
    from deckgen.errors import DeckgenError

    words = " ".join(["agree the port should grow"] * 60)
    outline = GRID_OUTLINE.split("  - kind: stats\n    title: Few")[0].replace(
        "agree the port should grow", words
    )
    with pytest.raises(DeckgenError, match="grid: false"):
        _slides(tmp_path, outline, "corporate")


def test_a_row_label_takes_the_lines_its_column_holds_as_drawn(tmp_path):
    """A label is a picture Pillow draws as measured: measured with a viewer's 6% slack,
    the sample's '$90B' label took four lines of a column that holds three (found in
    review). Its native twin writes the same lines as breaks in a box the slack wider, so
    a viewer's wider layout does not break them again."""
    from pptx import Presentation

    from deckgen.layout.text import DRAWN, SLIDE
    from tests.helpers import REPO, plan

    label = "invested by parts makers in new tooling and plant upgrades in Ohio"
    outline = tmp_path / "deck.yaml"
    outline.write_text(
        "deck: {title: T, theme: corporate}\n"
        "slides:\n"
        "  - kind: stats\n"
        "    title: Four figures\n"
        "    source: a count\n"
        f"    items: [{{value: '$4B', label: '{label}'}}, {{value: '12', label: plants}},\n"
        "            {value: '9', label: states}, {value: '3K', label: jobs}]\n",
        encoding="utf-8",
    )
    (tmp_path / "themes").symlink_to(REPO / "themes")
    placed = plan(outline).slides[0].pictures[0]
    j, width = placed.job, placed.box.width
    font, size = j.theme.body.regular, j.layout.label_size
    assert len(SLIDE.wrap(label, font, size, width)) == 4  # the slack's measure: the case
    lines = DRAWN.unorphaned(label, font, size, width)
    assert lines == ["invested by parts makers", "in new tooling and plant", "upgrades in Ohio"]
    assert placed.box.height == stat_height(j.layout, 3, j.theme)
    # The picture draws three lines: nothing below the third.
    image = Image.open(io.BytesIO(render_stat(j).data))
    three = stat_height(j.layout, 3, j.theme) - Pt(2)
    assert image.crop((0, round(three.pt * 300 / 72), image.width, image.height)).getbbox() is None
    # The native twin: the same breaks, in a box the viewer's slack wider than the column.
    deck = Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    group = j.draw_native(slide, placed.box)
    box = next(s for s in group.shapes if s.name == "Label")
    assert box.text_frame.text.split("\v") == lines  # line breaks (a:br)
    assert box.width >= (width * SLIDE.slack).emu - 1


def test_a_label_word_wider_than_its_column_shrinks_the_labels_or_is_an_error(tmp_path):
    """A link in a label ran off the callout's edge, cut, with build and check silent
    (found by fuzzing): the labels shrink until the word fits, or the build says which
    word cannot."""
    from deckgen.errors import FitError
    from deckgen.layout.text import DRAWN

    link = "https://www.example-agency.gov/statistics/annual-report-2024/visitors-by-region"
    with pytest.raises(FitError) as caught:
        _hero(tmp_path / "a", f"visits to {link}")
    message = caught.value.format_message()
    assert "of a stat label is wider than its column" in message and "https://www" in message
    assert "break it with spaces" in message
    word = "counterrevolutionaries-of-the-north"  # fits once the labels are a little smaller
    stat = _hero(tmp_path / "b", f"{word} agree")
    body = load_theme("corporate").body.regular
    assert DRAWN.width(word, body, stat.layout.label_size) <= stat.canvas.width
