"""Build a deck with every slide kind and check it with python-pptx."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from PIL import Image
from pptx import Presentation
from pptx.util import Emu

from deckgen.kinds import SLIDE_KINDS
from deckgen.pipeline import BuildOptions, build
from tests.helpers import HEADER, write_project

if TYPE_CHECKING:
    from pathlib import Path

SLIDES = """\
  - kind: title
  - kind: section
    kicker: "01"
    title: Production
  - kind: statement
    text: China now builds about a third of the world's vehicles.
  - kind: quote
    text: The United States is the global leader in developing AI.
    attribution: ITIF
    source: ITIF
  - kind: bullets
    title: Three points
    items: [One point, Another point, A third point]
    notes: Say the three points.
  - kind: cards
    title: Four cards
    items:
      - {heading: Design, text: AI speeds up design.}
      - {heading: Manufacturing, text: AI finds anomalies.}
      - {heading: Supply chain, text: AI forecasts demand.}
      - {heading: Navigation, text: AI finds the route.}
  - kind: stats
    title: Two numbers
    items:
      - {value: 67%, label: say it matters, source: Poll 2024, accent: true}
      - {value: $143.2B, label: in exports, qualifier: More than}
  - kind: chart
    title: China overtook the U.S.
    subtitle: Vehicle production, 2023
    source: Production table
    chart: {type: bar, data: production, x: country, y: production_2023, highlight: China,
            sort: {by: production_2023}}
  - kind: table
    title: Production by country
    source: Production table
    table:
      data: production
      columns:
        - {column: country, label: Country}
        - {column: production_2023, label: "2023", format: "compact:1"}
      highlight: USA
  - kind: image
    title: A picture
    file: picture.png
    alt: A blue rectangle standing in for a photograph
    caption: A caption
  - kind: sources
"""


@pytest.fixture(scope="module")
def deck(tmp_path_factory) -> tuple[Presentation, Path]:
    root = tmp_path_factory.mktemp("project")
    path = write_project(root, HEADER + SLIDES)
    Image.new("RGB", (400, 300), "#3366AA").save(root / "picture.png")
    result = build(path, BuildOptions(out_dir=root / "out"))
    return Presentation(str(result.deck)), result.deck


def test_every_slide_kind_is_covered_by_this_test():
    kinds = set(re.findall(r"kind: (\w+)", SLIDES))
    assert kinds == set(SLIDE_KINDS)


def test_deck_is_16_by_9_without_the_4_3_type(deck):
    prs, _path = deck
    assert (prs.slide_width, prs.slide_height) == (Emu(12192000), Emu(6858000))
    assert 'type="screen4x3"' not in prs.part._element.xml
    assert len(prs.slides) == 11


def test_every_picture_has_alt_text_written_from_content(deck):
    prs, _ = deck
    pictures = [s for slide in prs.slides for s in slide.shapes if s.shape_type == 13]
    assert len(pictures) == 4  # two stats, one chart, one image
    for picture in pictures:
        descr = picture._element.xpath("./*[1]/p:cNvPr")[0].get("descr")
        assert descr and len(descr) > 10
        assert ".png" not in descr and "/" not in descr.replace("S/C", "")
    chart_alt = pictures[2]._element.xpath("./*[1]/p:cNvPr")[0].get("descr")
    assert chart_alt.startswith("Bar chart: China overtook the U.S.")
    assert "China 30.2 million" in chart_alt


def test_titles_sit_in_title_placeholders_with_the_subtitle_beneath(deck):
    prs, _ = deck
    titled = [s for s in prs.slides if s.shapes.title is not None]
    assert len(titled) == len(prs.slides)  # a statement or quote slide is titled too
    firsts = [s.shapes.title.text_frame.paragraphs[0].text for s in titled]
    assert "China overtook the U.S." in firsts
    assert "Test deck" in firsts
    chart = next(
        s
        for s in titled
        if s.shapes.title.text_frame.paragraphs[0].text == "China overtook the U.S."
    )
    # One box, two paragraphs: a wider substitute font pushes the subtitle down, not onto it.
    assert [p.text for p in chart.shapes.title.text_frame.paragraphs] == [
        "China overtook the U.S.",
        "Vehicle production, 2023",
    ]


def test_speaker_notes_are_kept_and_chart_slides_always_have_notes(deck):
    prs, _ = deck
    assert prs.slides[4].notes_slide.notes_text_frame.text == "Say the three points."
    chart_notes = prs.slides[7].notes_slide.notes_text_frame.text
    assert "China 30.2 million" in chart_notes


def test_notes_master_is_referenced(deck):
    prs, _ = deck
    assert "notesMasterIdLst" in prs.part._element.xml


def test_footer_carries_the_source_and_a_slide_number_field(deck):
    prs, _ = deck
    chart_slide = prs.slides[7]
    texts = [s.text_frame.text for s in chart_slide.shapes if s.has_text_frame]
    assert "Source: Production table" in texts
    assert 'type="slidenum"' in chart_slide._element.xml


def test_table_formats_numbers_and_highlights_the_row(deck):
    prs, _ = deck
    table = next(s for s in prs.slides[8].shapes if s.has_table).table
    assert table.cell(0, 1).text == "2023"
    assert table.cell(1, 1).text == "30.2M"
    usa = next(r for r in range(1, len(table.rows)) if table.cell(r, 0).text == "USA")
    run = table.cell(usa, 0).text_frame.paragraphs[0].runs[0]
    assert run.font.bold is True
    assert str(run.font.color.rgb) == "C8102E"  # the corporate highlight


def test_sources_slide_lists_each_source_once_in_order(deck):
    prs, _ = deck
    body = next(s for s in prs.slides[10].shapes if s.name == "Sources").text_frame.text
    assert body.split("\n") == ["ITIF", "Poll 2024", "Production table"]


def test_document_properties_are_set(deck):
    prs, _ = deck
    props = prs.core_properties
    assert props.title == "Test deck"
    assert props.subject == "A subtitle"
    assert props.author == "Tests Inc"


def test_no_text_is_smaller_than_12_pt(deck):
    prs, _ = deck
    sizes = [
        run.font.size.pt
        for slide in prs.slides
        for shape in slide.shapes
        if shape.has_text_frame
        for p in shape.text_frame.paragraphs
        for run in p.runs
        if run.font.size is not None and run.text.strip()
    ]
    assert sizes and min(sizes) >= 11  # footer is 11 pt by design; everything else >= 12
    assert sorted(sizes)[sizes.count(11.0)] >= 12


def test_4_3_decks_are_supported(tmp_path):
    path = write_project(tmp_path, HEADER.replace("date:", "size: '4:3'\n  date:") + SLIDES)
    Image.new("RGB", (40, 30), "#3366AA").save(tmp_path / "picture.png")
    prs = Presentation(str(build(path, BuildOptions(out_dir=tmp_path / "out")).deck))
    assert (prs.slide_width, prs.slide_height) == (Emu(9144000), Emu(6858000))


def test_the_blocks_cover_is_the_block_alone(tmp_path: Path) -> None:
    """The contrast theme's title and section slides: text left, the highlight block from
    there to the right edge, full height, and nothing else of the motif (a short rule
    beside the block, at half height, read as a stray dash)."""
    outline = write_project(tmp_path, HEADER + SLIDES.split("  - kind: statement")[0])
    result = build(outline, BuildOptions(out_dir=tmp_path / "out", theme="contrast"))
    prs = Presentation(str(result.deck))
    width, height = prs.slide_width, prs.slide_height
    for slide in prs.slides:  # the title and a section slide
        motif = [s for s in slide.shapes if s.name.startswith("Motif")]
        assert [s.name for s in motif] == ["Motif block"]
        block = motif[0]
        assert (block.top, block.height, block.left + block.width) == (0, height, width)
        words = [s for s in slide.shapes if s.has_text_frame and s.text_frame.text.strip()]
        assert words and block.left >= max(s.left + s.width for s in words)


READING = """\
  - kind: chart
    title: China leads
    source: Production table
    chart: {type: bar, data: production, x: country, y: production_2023}
  - kind: table
    title: Production by country
    source: Production table
    table: {data: production, columns: [country, production_2023]}
  - kind: bullets
    title: Three points
    source: Production table
    items: [One point, Another point, A third point]
  - kind: statement
    text: China now builds about a third of the world's vehicles.
    source: Production table
"""


@pytest.mark.parametrize("theme", ["corporate", "corporate-template"])
def test_a_screen_reader_reads_title_then_content_then_footer(tmp_path: Path, theme: str):
    """Shape order is reading order: the footer's source line and slide number were drawn
    with the title block, before the chart, table or bullets, and read before them
    ('Source: ..., 2' first; found in review)."""
    path = write_project(tmp_path, HEADER + READING)
    result = build(path, BuildOptions(theme=theme, out_dir=tmp_path / "out"))
    for slide in Presentation(str(result.deck)).slides:
        names = [s.name for s in slide.shapes]
        assert names[-2:] == ["Footer", "Slide number"], names
        content = [n for n in names[:-2] if n.startswith(("Chart", "Table", "Bullets", "Statement"))
                   or n.startswith("Content Placeholder")]  # fmt: skip
        assert content, names
        if slide.shapes.title is not None:
            assert slide.shapes[0].shape_id == slide.shapes.title.shape_id


GERMAN = """\
deck:
  title: Haushalt 2025
  locale: de_DE
data:
  production: {file: production.csv}
slides:
  - kind: title
  - kind: bullets
    title: Nächste Schritte
    items: [Abstimmung im April, Anhörungen im Mai]
    notes: Die Termine nennen.
  - kind: table
    title: Produktion nach Land
    source: Produktionstabelle
    table: {data: production, columns: [country, production_2023]}
"""


@pytest.mark.parametrize(("outline", "tag"), [(GERMAN, "de-DE"), (HEADER + READING, "en-US")])
def test_every_run_says_the_decks_language(tmp_path: Path, outline: str, tag: str):
    """A German deck's text was all en-US (the package's default): read aloud and
    spell-checked as English (found in review). Every run of every slide and notes page,
    the presentation's default and the document's language say the deck's locale."""
    import zipfile

    path = write_project(tmp_path, outline)
    deck = build(path, BuildOptions(out_dir=tmp_path / "out")).deck
    runs = 0
    with zipfile.ZipFile(deck) as package:
        for name in package.namelist():
            if re.fullmatch(r"ppt/(slides/slide|notesSlides/notesSlide)\d+\.xml", name):
                xml = package.read(name).decode()
                found = re.findall(r"<a:r>(?:<a:rPr[^>]*>)?", xml)
                runs += len(found)
                assert all(f'lang="{tag}"' in r for r in found), (name, found)
        presentation = package.read("ppt/presentation.xml").decode()
        assert f'<a:defPPr><a:defRPr lang="{tag}"/>' in presentation
        assert f"<dc:language>{tag}</dc:language>" in package.read("docProps/core.xml").decode()
    assert runs > 10


def test_a_slide_added_in_powerpoint_takes_the_themes_title_and_text_sizes(tmp_path: Path) -> None:
    """The master's title style (what a New Slide's title takes) is at the theme's title
    size, as deckgen sets a title at its largest; the master's 44 pt was python-pptx's. Its
    bullets are at the theme's body size, the levels under it smaller, none under 12 pt
    (python-pptx's 32, 28, 24, 20, 20 pt)."""
    import shutil

    from pptx.oxml.ns import qn

    from tests.helpers import REPO

    themes = tmp_path / "themes"
    shutil.copytree(REPO / "themes" / "corporate", themes / "big")
    with (themes / "big" / "theme.yaml").open("a", encoding="utf-8") as f:
        f.write("sizes: {title: 40, body: 16}\n")
    slides = "  - kind: bullets\n    title: Three points\n    items: [One, Two]\n"
    path = write_project(tmp_path, HEADER.replace("deck:\n", "deck:\n  theme: big\n") + slides)
    prs = Presentation(str(build(path, BuildOptions(out_dir=tmp_path / "out")).deck))
    style = prs.slide_master.element.find(f"{qn('p:txStyles')}/{qn('p:titleStyle')}")
    level = style.find(qn("a:lvl1pPr"))
    props = level.find(qn("a:defRPr"))
    assert (level.get("algn"), props.get("sz"), props.get("b")) == ("l", "4000", "1")
    body = prs.slide_master.element.find(f"{qn('p:txStyles')}/{qn('p:bodyStyle')}")
    sizes = [body.find(f"{qn(f'a:lvl{n}pPr')}/{qn('a:defRPr')}").get("sz") for n in range(1, 10)]
    assert sizes == ["1600", "1400", "1200", *["1200"] * 6]


ADDED = """\
  - kind: section
    title: Production
  - kind: chart
    title: China leads
    source: Production table
    chart: {type: bar, data: production, x: country, y: production_2023}
  - kind: bullets
    title: Three points
    items: [One point, Another point]
"""


def _scheme_colour(prs, val: str) -> str:
    """The RRGGBB a ``schemeClr`` of ``val`` shows on a slide of ``prs``: through the
    master's colour map (``tx2`` -> ``dk2``, a dark deck's ``lt2``) to the package theme."""
    from lxml import etree
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.oxml.ns import qn

    master = prs.slide_master
    slot = master.element.find(qn("p:clrMap")).get(val, val)
    theme = etree.fromstring(master.part.part_related_by(RT.THEME).blob)
    colour = theme.find(f".//{qn('a:clrScheme')}/{qn(f'a:{slot}')}")[0]
    return str(colour.get("val") or colour.get("lastClr")).upper()


@pytest.mark.parametrize("theme", ["corporate", "dark"])
def test_a_slide_added_in_powerpoint_has_deckgens_accent_rule_and_footer(tmp_path: Path, theme):
    """A New Slide on Title Only or Title and Content took deckgen's title style but not
    its accent rule nor a footer (found in review). Those layouts draw the rule where a
    content slide draws it, in the theme's highlight (the package theme's accent1); the
    master's slide number and footer placeholders sit in deckgen's footer band, in the body
    font at the theme's footer size in its muted colour, and the master's header/footer
    switches turn the slide number on, so New Slide gives the slide its number. deckgen's
    own slides hide the layouts' shapes: one rule each, as before."""
    from pptx.enum.shapes import PP_PLACEHOLDER
    from pptx.oxml.ns import qn

    from deckgen.layout.geometry import Rect
    from deckgen.layout.slide import ACCENT_RULE, FOOTER_NUMBER, footer_band, master_footer_boxes
    from deckgen.layout.units import Inches, Pt
    from deckgen.ooxml import shapes as sh
    from tests.helpers import load_theme

    loaded = load_theme(theme).theme
    path = write_project(tmp_path, HEADER + ADDED)
    deck = build(path, BuildOptions(theme=theme, out_dir=tmp_path / "out")).deck
    prs = Presentation(str(deck))
    own = list(prs.slides)
    band = footer_band("16:9")  # the source line left, the number in 0.7 in at the right
    # The footer text ends before the date (off unless turned on), where a slide's starts.
    line, _, number = master_footer_boxes(band, Pt(loaded.sizes.footer))
    assert line.left == band.left and line.right < band.right - FOOTER_NUMBER
    assert number == Rect(band.right - Inches(0.7), band.top, Inches(0.7), band.height)
    switches = prs.slide_master.element.find(qn("p:hf"))
    assert switches is not None and switches.get("sldNum", "1") in ("1", "true")
    for index in (sh.LAYOUT_TITLE_ONLY, sh.LAYOUT_TITLE_AND_CONTENT):
        layout = prs.slide_layouts[index]
        slide = prs.slides.add_slide(layout)
        slide.shapes.title.text = "Added by hand"
        assert slide.slide_layout == layout and slide._element.get("showMasterSp") is None
        rule = next(s for s in layout.shapes if s.name == "Accent rule")
        assert not rule.is_placeholder
        assert (rule.left, rule.top, rule.width, rule.height) == (
            ACCENT_RULE.left, ACCENT_RULE.top, ACCENT_RULE.width, ACCENT_RULE.height)  # fmt: skip
        fill = rule._element.xpath("./p:spPr/a:solidFill/a:schemeClr/@val")
        assert fill == ["accent1"]
        assert _scheme_colour(prs, "accent1") == loaded.colors.highlight.lstrip("#").upper()
        assert not rule._element.xpath("./p:spPr/a:ln/a:solidFill")
        # The layout's footer placeholders inherit the master's box and style.
        kinds = {PP_PLACEHOLDER.SLIDE_NUMBER: (number, "r"), PP_PLACEHOLDER.FOOTER: (line, "l")}
        for shape in layout.placeholders:
            if shape.placeholder_format.type not in kinds:
                continue
            box, align = kinds[shape.placeholder_format.type]
            assert not shape._element.xpath("./p:spPr/a:xfrm")
            owner = next(m for m in prs.slide_master.placeholders
                         if m.placeholder_format.type == shape.placeholder_format.type)  # fmt: skip
            assert (owner.left, owner.top, owner.width, owner.height) == (
                box.left, box.top, box.width, box.height)  # fmt: skip
            level = owner._element.find(f"{qn('p:txBody')}/{qn('a:lstStyle')}/{qn('a:lvl1pPr')}")
            props = level.find(qn("a:defRPr"))
            assert level.get("algn") == align
            assert int(props.get("sz")) == round(loaded.sizes.footer * 100) >= 1200
            assert props.find(qn("a:latin")) is None  # the body font: the theme's minor font
            assert props.xpath("./a:solidFill/a:schemeClr/@val") == ["tx2"]
            assert _scheme_colour(prs, "tx2") == loaded.colors.muted.lstrip("#").upper()
            body = owner._element.find(f"{qn('p:txBody')}/{qn('a:bodyPr')}")
            assert body.get("anchor") == "b" and body.get("rIns") == "0"
    for slide in own:
        assert slide._element.get("showMasterSp") == "0"
        rules = [s for s in slide.shapes if s.name == "Accent rule"]
        assert len(rules) <= 1
