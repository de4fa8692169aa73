"""deckgen preview: the gallery page and the deck reading (no external tool), the whole
command through LibreOffice on an outline and a .pptx written for the test, and the gallery
opened from disk in headless Chromium."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import tempfile
from collections import Counter, defaultdict
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageColor
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Inches

from deckgen import preview as pv
from deckgen.batch import batch
from deckgen.check import Finding, Report, check
from deckgen.check.run import Batch
from deckgen.cli import cli
from deckgen.errors import DeckgenError, ExportError, Location
from deckgen.pipeline import BuildOptions
from tests.helpers import HEADER, REPO, write_project

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

# -- reading the page back -------------------------------------------------------------------

_VOID = {"img", "meta", "br", "hr", "link", "input"}


class Page(HTMLParser):
    """The gallery parsed back: its images and text by the article (or section) holding them,
    the text of each ``<p class="alt">``, and every tag counted; a tag closed out of order
    fails, so the page is well nested."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None, bool]] = []  # tag, id, is an alt text
        self.images: list[tuple[str, dict[str, str]]] = []
        self.text: dict[str, str] = defaultdict(str)
        self.alts: list[str] = []  # the visible alt texts, in order
        self.tags: Counter[str] = Counter()
        self.feed(html)
        self.close()
        assert self.stack == [], f"unclosed: {self.stack}"

    def _place(self) -> str:
        ids = [i for _, i, _ in self.stack if i]
        return ids[-1] if ids else ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        found = {k: v or "" for k, v in attrs}
        if tag == "img":
            self.images.append((self._place(), found))
        if tag in _VOID:
            return
        alt = tag == "p" and found.get("class") == "alt"
        if alt:
            self.alts.append("")
        self.stack.append((tag, found.get("id") if tag in ("article", "section") else None, alt))

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1][0] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text[self._place()] += data
        if any(alt for _, _, alt in self.stack):
            self.alts[-1] += data


# -- a gallery made by hand ----------------------------------------------------------------------


def finding(
    code: str,
    severity: Any,
    *,
    slide: int | None = None,
    card: str | None = None,
    message: str = "Something is off.",
    fix: str = "Fix it.",
) -> Finding:
    return Finding(
        code,
        severity,
        Location("deck.yaml", 12, "slides[1].title"),
        message,
        fix,
        slide=slide,
        card=card,
    )


SLIDES = (
    pv.SlideView(1, "Test deck — A subtitle", image="slide-1.png", size=(1280, 720)),
    pv.SlideView(
        2,
        "China leads",
        ("Bar chart: China leads. China 30.2 million",),
        notes="Say the number.",
        image="slide-2.png",
        size=(1280, 720),
    ),
    pv.SlideView(
        3,
        "Two numbers",
        ("30.2M: in China", "10.6M: in the USA"),
        image="slide-3.png",
        size=(1280, 720),
    ),
)
CARDS = (
    pv.CardView(
        "lead-ig-square.png",
        "cards/lead-ig-square.png",
        (1080, 1080),
        "ig-square",
        "Bar chart: China leads.",
        "China leads. #Cars",
    ),
    pv.CardView(
        "lead-story.png", "cards/lead-story.png", (1080, 1920), "story", "Stat: 30.2M.", ""
    ),
)
REPORT = Report(
    (
        finding("FIT001", "error", slide=2, message="The title does not fit."),
        finding("NUM003", "warning", slide=3, message="30.2M is on slide 2 too."),
        finding("A11Y005", "warning", card="lead-story.png", message="The caption is empty."),
        finding("EDIT001", "warning", message="Two slides say the same."),
        finding("NUM001", "error", slide=9, message="A slide this page does not have."),
    )
)


def gallery(**changes: Any) -> pv.Gallery:
    values: dict[str, Any] = {
        "title": "Test deck",
        "source": "deck.yaml",
        "slides": SLIDES,
        "cards": CARDS,
        "report": REPORT,
    }
    return pv.Gallery(**{**values, **changes})


def test_one_image_per_slide_and_card_each_with_its_alt_text_shown_beside_it():
    page = Page(pv.render_html(gallery()))

    where = [place for place, _ in page.images]
    assert where == ["slide-1", "slide-2", "slide-3", "card-1", "card-2"]
    alts = [img["alt"] for _, img in page.images]
    assert all(alts)
    assert alts[:3] == [
        "Slide 1: Test deck — A subtitle",
        "Slide 2: China leads Bar chart: China leads. China 30.2 million",
        "Slide 3: Two numbers 30.2M: in China 10.6M: in the USA",
    ]
    assert alts[3:] == ["Bar chart: China leads.", "Stat: 30.2M."]
    # The same words are on the page for a sighted reviewer.
    assert page.alts == alts
    assert [img["src"] for _, img in page.images] == [
        "slide-1.png",
        "slide-2.png",
        "slide-3.png",
        "cards/lead-ig-square.png",
        "cards/lead-story.png",
    ]


def test_cards_keep_their_aspect_ratio_and_their_size_relative_to_each_other():
    page = Page(pv.render_html(gallery()))
    cards = [img for place, img in page.images if place.startswith("card-")]

    assert [(c["width"], c["height"]) for c in cards] == [("1080", "1080"), ("1080", "1920")]
    # Shown at a third of their pixels; the height follows from the width and the ratio.
    assert [c["style"] for c in cards] == ["width: 360px", "width: 360px"]


def test_each_finding_sits_beside_its_slide_or_card_and_nowhere_else():
    page = Page(pv.render_html(gallery()))

    assert "FIT001" in page.text["slide-2"] and "The title does not fit." in page.text["slide-2"]
    assert "NUM003" in page.text["slide-3"]
    assert "A11Y005" in page.text["card-2"]
    for code, home in (("FIT001", "slide-2"), ("NUM003", "slide-3"), ("A11Y005", "card-2")):
        assert [p for p, text in page.text.items() if code in text] == [home]
    assert "Fix: Fix it." in page.text["slide-2"]
    assert "deck.yaml:12: slides[1].title" in page.text["slide-2"]
    for clean in ("slide-1", "card-1"):
        assert "None." in page.text[clean]


def test_deck_findings_and_findings_about_nothing_on_the_page_are_listed_at_the_top():
    page = Page(pv.render_html(gallery()))

    summary = page.text["summary"]
    assert "EDIT001" in summary and "Two slides say the same." in summary
    # A finding for a slide the page does not show is not dropped: it says where it was.
    assert "NUM001" in summary and "slide 9: A slide this page does not have." in summary
    assert "2 errors, 3 warnings" in " ".join(summary.split())
    # Links to each place with findings.
    html = pv.render_html(gallery())
    for anchor in ('href="#slide-2"', 'href="#slide-3"', 'href="#card-2"'):
        assert anchor in html
    assert 'href="#slide-1"' not in html


def test_a_clean_check_says_so_and_a_pptx_says_there_is_no_check():
    clean = Page(pv.render_html(gallery(report=Report())))
    assert "0 errors, 0 warnings" in " ".join(clean.text["summary"].split())

    html = pv.render_html(gallery(report=None, cards=()))
    deck = Page(html)
    assert "nothing to check and no findings" in deck.text["summary"]
    assert "<h4>Findings</h4>" not in html and 'id="cards"' not in html
    assert len(deck.images) == len(SLIDES)


def test_hostile_text_from_the_data_shows_as_text_and_never_as_markup():
    attack = '<script>alert(1)</script> "quoted" & <img src=x onerror=alert(2)>'
    slides = (
        pv.SlideView(1, attack, (attack,), notes=attack, image="slide-1.png", size=(1280, 720)),
    )
    cards = (pv.CardView('a"b<c>.png', "cards/x.png", (1080, 1080), attack, attack, attack),)
    report = Report(
        (
            finding(attack, "error", slide=1, message=attack, fix=attack),
            finding("X1", "warning", card='a"b<c>.png', message=attack),
        )
    )

    html = pv.render_html(gallery(title=attack, slides=slides, cards=cards, report=report))
    page = Page(html)

    assert page.tags["script"] == 0
    assert page.tags["img"] == 2  # the two real pictures, none from the text
    assert "onerror" not in [k for _, img in page.images for k in img]
    assert page.images[0][1]["alt"] == f"Slide 1: {attack} {attack}"
    assert attack in page.text["slide-1"] and attack in page.text["card-1"]
    assert attack in page.text[""]  # the page's <title> and <h1>


# Any text a user can put in a title, alt text, note or finding comes back as the same text.
_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40)


@settings(max_examples=60, deadline=None)
@given(title=_TEXT, alt=_TEXT, notes=_TEXT, message=_TEXT)
def test_any_text_round_trips_through_the_page_without_changing_its_shape(
    title: str, alt: str, notes: str, message: str
):
    slides = (pv.SlideView(1, title, (alt,), notes=notes, image="slide-1.png", size=(8, 4)),)
    report = Report((finding("C1", "warning", slide=1, message=message),))
    page = Page(pv.render_html(gallery(title=title, slides=slides, cards=(), report=report)))
    plain = Page(
        pv.render_html(
            gallery(
                title="t",
                cards=(),
                report=Report((finding("C1", "warning", slide=1, message="m"),)),
                slides=(pv.SlideView(1, "t", ("a",), notes="n", image="slide-1.png", size=(8, 4)),),
            )
        )
    )

    assert page.tags == plain.tags
    assert page.images[0][1]["alt"] == f"Slide 1: {title} {alt}"
    assert message in page.text["slide-1"] and notes in page.text["slide-1"]


def test_the_page_is_self_contained_and_uses_only_relative_paths():
    html = pv.render_html(gallery())

    assert not re.search(r"\b(https?:|file:|//)", html.replace("<!DOCTYPE html>", ""))
    assert "<script" not in html and "<link" not in html and "@import" not in html
    assert "<style>" in html
    for _, img in Page(html).images:
        assert not img["src"].startswith("/")


# -- reading a deck ------------------------------------------------------------------------------


def _png(colour: str, size: tuple[int, int] = (16, 9)) -> io.BytesIO:
    data = io.BytesIO()
    Image.new("RGB", size, colour).save(data, "PNG")
    data.seek(0)
    return data


def _set_descr(shape: Any, text: str) -> None:
    shape._element.xpath("./*[1]/p:cNvPr")[0].set("descr", text)


def make_deck(path: Path) -> Path:
    """Four slides: a titled one with an described picture, one with none, a grouped
    picture, a chart and notes; a title-less one; a hidden one; and a plain one."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    first = prs.slides.add_slide(prs.slide_layouts[5])  # title only
    # A title written with its fitted line break (a:br, '\v'), then its subtitle.
    first.shapes.title.text = "Exports grew\vfast\nA subtitle"
    _set_descr(first.shapes.add_picture(_png("red"), Inches(1), Inches(2)), "A red square")
    # python-pptx names the file in the alt text; a picture without any has "".
    _set_descr(first.shapes.add_picture(_png("blue"), Inches(3), Inches(2)), "")
    group = first.shapes.add_group_shape()
    _set_descr(group.shapes.add_picture(_png("green"), Inches(5), Inches(2)), "A grouped one")
    data = CategoryChartData()
    data.categories = ["A", "B"]
    data.add_series("S", (1, 2))
    chart = first.shapes.add_chart(
        XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(7), Inches(2), Inches(4), Inches(3), data
    )
    _set_descr(chart, "Column chart: B is twice A")
    first.notes_slide.notes_text_frame.text = "Say it slowly."
    second = prs.slides.add_slide(prs.slide_layouts[6])  # blank: no title placeholder
    for text in ("2", "Each year, rail moves\nthree in four new cars.", "Source: AAR"):
        second.shapes.add_textbox(Inches(1), Inches(1), Inches(8), Inches(1)).text = text
    hidden = prs.slides.add_slide(prs.slide_layouts[5])
    hidden.shapes.title.text = "Backup"
    hidden._element.set("show", "0")
    prs.slides.add_slide(prs.slide_layouts[5]).shapes.title.text = "The end"
    prs.core_properties.title = "Rail <and> road"
    prs.save(str(path))
    return path


def test_read_deck_reads_texts_alt_texts_notes_and_hidden_slides(tmp_path: Path):
    slides, hidden, title = pv.read_deck(make_deck(tmp_path / "deck.pptx"))

    assert title == "Rail <and> road"
    assert [s.number for s in slides] == [1, 2, 3, 4]
    assert hidden == {3}
    first, second = slides[0], slides[1]
    assert first.text == "Exports grew fast — A subtitle"  # a line break reads as a space
    assert first.alts == ("A red square", "A grouped one", "Column chart: B is twice A")
    assert first.missing_alt == 1
    assert first.notes == "Say it slowly."
    # Without a title, what the slide says is its longest text.
    assert second.text == "Each year, rail moves — three in four new cars."
    assert (second.alts, second.missing_alt, second.notes) == ((), 0, "")


def test_a_file_that_is_not_a_deck_is_an_error(tmp_path: Path):
    bad = tmp_path / "deck.pptx"
    bad.write_text("not a zip")
    with pytest.raises(
        DeckgenError, match="cannot open the deck as a PowerPoint file: it is not a zip package"
    ):
        pv.read_deck(bad)


def test_a_template_named_as_a_deck_is_said_to_be_one(tmp_path: Path):
    """python-pptx's words named its buffer, "file '<_io.BytesIO object at 0x...>'", and
    no fix (found by fuzzing)."""
    from tests.helpers import REPO

    renamed = tmp_path / "brand.pptx"
    renamed.write_bytes((REPO / "themes" / "corporate-template" / "brand.potx").read_bytes())
    with pytest.raises(DeckgenError) as info:
        pv.read_deck(renamed)
    message = info.value.format_message()
    assert "is a PowerPoint template (.potx) named as a deck" in message
    assert "BytesIO" not in message and "Corporate templates" in message


def test_read_cards_keeps_the_manifest_order_and_never_leaves_the_cards_folder(tmp_path: Path):
    social = tmp_path / "social"
    social.mkdir()
    entries = [
        {
            "file": "b card.png",
            "width": 1600,
            "height": 900,
            "preset": "x-post",
            "alt": "Alt B",
            "caption": "Caption B",
        },
        {
            "file": "../../secret.png",
            "width": 1080,
            "height": 1080,
            "preset": "ig-square",
            "alt": "Alt A",
            "caption": "",
        },
    ]
    (social / "cards.json").write_text(json.dumps({"version": 1, "cards": entries}))

    cards = pv.read_cards(social)

    # Shown from the preview's own copies (see copy_cards), never from ../social/.
    assert [c.src for c in cards] == ["cards/b%20card.png", "cards/secret.png"]
    assert [(c.size, c.preset, c.alt, c.caption) for c in cards] == [
        ((1600, 900), "x-post", "Alt B", "Caption B"),
        ((1080, 1080), "ig-square", "Alt A", ""),
    ]
    assert pv.read_cards(tmp_path / "none") == []


def test_a_broken_cards_manifest_is_an_error_that_says_to_build_again(tmp_path: Path):
    (tmp_path / "cards.json").write_text('{"cards": [{"file": "x.png"}]}')
    with pytest.raises(DeckgenError, match="build the outline again"):
        pv.read_cards(tmp_path)
    entry = {"file": "..", "width": 1080, "height": 1080}  # names the folder, not a card
    (tmp_path / "cards.json").write_text(json.dumps({"cards": [entry]}))
    with pytest.raises(DeckgenError, match="build the outline again"):
        pv.read_cards(tmp_path)


def test_the_cards_are_copied_into_the_preview_and_a_missing_one_is_an_error(tmp_path: Path):
    social, into = tmp_path / "social", tmp_path / "preview" / "cards"
    social.mkdir()
    into.parent.mkdir()
    (social / "b card.png").write_bytes(b"B")
    entries = [{"file": "b card.png", "width": 1600, "height": 900},
               {"file": "../../a.png", "width": 1080, "height": 1080}]  # fmt: skip
    (social / "cards.json").write_text(json.dumps({"version": 1, "cards": entries}))
    (tmp_path / "a.png").write_bytes(b"outside")  # never copied: only names in the folder
    cards = pv.read_cards(social)

    with pytest.raises(DeckgenError, match=r"a\.png: a card .* lists is missing; build"):
        pv.copy_cards(cards, social, into)
    (social / "a.png").write_bytes(b"A")
    pv.copy_cards(cards, social, into)

    assert {p.name: p.read_bytes() for p in into.iterdir()} == {"b card.png": b"B", "a.png": b"A"}
    assert [(into.parent / c.src.replace("%20", " ")).read_bytes() for c in cards] == [b"B", b"A"]


# -- the contact sheet ---------------------------------------------------------------------------

COLOURS = ["#C8102E", "#0072B2", "#009E73", "#E69F00", "#CC79A7", "#56B4E9", "#000000", "#FFFF00"]


def _pages(tmp_path: Path, colours: list[str], size: tuple[int, int] = (1280, 720)) -> list[Path]:
    paths = []
    for i, colour in enumerate(colours, start=1):
        path = tmp_path / f"slide-{i}.png"
        Image.new("RGB", size, colour).save(path)
        paths.append(path)
    return paths


def test_the_contact_sheet_puts_every_slide_in_order_in_a_grid_with_its_number(tmp_path: Path):
    pages = _pages(tmp_path, COLOURS)
    numbers = [1, 2, 3, 5, 6, 7, 8, 9]  # slide 4 hidden: the sheet says the deck's numbers

    sheet = Image.open(io.BytesIO(pv.contact_sheet(pages, numbers))).convert("RGB")

    # Six columns, two rows of 320 x 180 thumbnails over a 40 px number band, 12 px apart.
    assert sheet.size == (12 + 6 * (320 + 12), 12 + 2 * (180 + 40 + 12))
    background = sheet.getpixel((0, 0))
    for i, colour in enumerate(COLOURS):
        left, top = 12 + (i % 6) * 332, 12 + (i // 6) * 232
        assert sheet.getpixel((left + 160, top + 90)) == ImageColor.getrgb(colour)
        band = sheet.crop((left, top + 180, left + 320, top + 220))
        assert band.getcolors(10_000) and any(c == (255, 255, 255) for _, c in band.getcolors())
    # Cells in a row are separated by background: count them along the first row.
    row = [sheet.getpixel((x, 12 + 90)) != background for x in range(sheet.width)]
    assert sum(1 for a, b in zip([False, *row], row, strict=False) if b and not a) == 6
    # The numbers differ: the bands of slides 2 and 3 are not the same picture.
    assert sheet.crop((344, 192, 664, 232)).tobytes() != sheet.crop((676, 192, 996, 232)).tobytes()


def test_the_contact_sheet_is_deterministic_and_fits_a_short_deck(tmp_path: Path):
    pages = _pages(tmp_path, COLOURS[:2], size=(1024, 768))  # a 4:3 deck
    first = pv.contact_sheet(pages, [1, 2])
    assert first == pv.contact_sheet(pages, [1, 2])
    assert Image.open(io.BytesIO(first)).size == (12 + 2 * 332, 12 + 240 + 40 + 12)


# -- the command without its tools; options ------------------------------------------------------

GOOD = (
    HEADER
    + """\
  - kind: title
  - kind: chart
    title: "China leads <script>window.pwned = 1</script> & more"
    chart: {type: bar, data: production, x: country, y: production_2023}
    notes: Say the number out loud.
    share: [ig-square, x-post]
  - kind: stats
    title: Two numbers
    items:
      - {value: "30.2M", label: vehicles built in China}
      - {value: "10.6M", label: vehicles built in the USA}
"""
)


def test_the_command_prints_where_the_gallery_is_and_open_opens_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    folder = tmp_path / "out" / "deck" / "preview"
    done = pv.PreviewResult(folder=folder, index=folder / "index.html",
                            contact_sheet=folder / "contact-sheet.png", slides=3, cards=0,
                            report=None, build=None)  # fmt: skip
    monkeypatch.setattr(pv, "preview", lambda source, options, progress, rows: done)
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", opened.append)  # never a real browser in tests
    monkeypatch.chdir(tmp_path)
    (tmp_path / "deck.pptx").write_bytes(b"")  # the command looks for the file it is given

    result = CliRunner().invoke(cli, ["preview", "deck.pptx", "--open"])

    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "Previewed 3 slides (a .pptx: no outline, so no check and no cards)",
        f"Gallery: {folder / 'index.html'}",
        f"Contact sheet: {folder / 'contact-sheet.png'}",
    ]
    assert opened == [(folder / "index.html").resolve().as_uri()]
    help_text = CliRunner().invoke(cli, ["preview", "--help"])
    assert help_text.exit_code == 0 and "OUTLINE|DECK.pptx" in help_text.output


def test_without_libreoffice_preview_says_what_to_install_and_builds_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr("deckgen.export.pdf.libreoffice", lambda: None)
    outline = write_project(tmp_path / "project", GOOD)

    result = CliRunner().invoke(cli, ["preview", str(outline), "--out", str(tmp_path / "out")])

    assert result.exit_code == 2, result.output
    assert "no preview written: LibreOffice is not installed" in result.output
    assert "apt-get install libreoffice-impress" in result.output
    assert "export PDF" not in result.output  # it is a preview that was asked for
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_without_poppler_preview_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr("deckgen.export.pdf.libreoffice", lambda: "/usr/bin/soffice")
    monkeypatch.setattr("deckgen.preview.shutil.which", lambda name: None)
    with pytest.raises(ExportError, match="poppler-utils"):
        pv.preview(tmp_path / "deck.yaml", BuildOptions(out_dir=tmp_path / "out"))


def test_a_pptx_keeps_its_theme(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(pv, "_require_tools", lambda: None)
    deck = make_deck(tmp_path / "deck.pptx")
    with pytest.raises(DeckgenError, match="keeps the theme it was built with"):
        pv.preview(deck, BuildOptions(theme="dark", out_dir=tmp_path / "out"))
    with pytest.raises(DeckgenError, match="no such file"):
        pv.preview(tmp_path / "gone.pptx", BuildOptions(out_dir=tmp_path / "out"))
    # A FIFO or a folder named .pptx is said to be one, not "no such file" (fuzzing).
    os.mkfifo(tmp_path / "pipe.pptx")
    with pytest.raises(DeckgenError, match="is not a regular file"):
        pv.preview(tmp_path / "pipe.pptx", BuildOptions(out_dir=tmp_path / "out"))
    (tmp_path / "folder.pptx").mkdir()
    with pytest.raises(DeckgenError, match="is a folder, not a deck"):
        pv.preview(tmp_path / "folder.pptx", BuildOptions(out_dir=tmp_path / "out"))


@pytest.mark.parametrize(
    ("titles", "said", "hint"),
    [
        (["One", "Two"], "all 2 of its slides are hidden: a preview renders the slides a slide "
         "show shows, and it shows none", "unhide the slides to preview"),
        (["One"], "its slide is hidden", "unhide the slides to preview"),
        ([], "the deck has no slides: nothing to preview", "add a slide in PowerPoint"),
    ],
)  # fmt: skip
def test_a_deck_with_no_slide_shown_is_an_error_before_libreoffice_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, titles: list[str], said: str, hint: str
):
    """LibreOffice said 'Please verify input parameters... SfxBaseModel::impl_store
    failed' of a deck whose every slide is hidden, and 'rendered 1 pages for 0 visible
    slides' of one with none (fuzzing round 5, F10)."""
    monkeypatch.setattr(pv, "_require_tools", lambda: None)

    def never(*args: object) -> None:
        raise AssertionError("LibreOffice ran")

    monkeypatch.setattr(pv, "_render", never)
    prs = Presentation()
    for title in titles:
        slide = prs.slides.add_slide(prs.slide_layouts[1])
        slide.shapes.title.text = title
        slide._element.set("show", "0")
    deck = tmp_path / "hidden.pptx"
    prs.save(str(deck))

    result = CliRunner().invoke(cli, ["preview", str(deck), "--out", str(tmp_path / "out")])

    assert result.exit_code == 2, result.output
    assert f"hidden.pptx: {said}" in result.output
    assert f"hint: {hint}" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out" / "hidden" / "preview").exists()


def test_a_bad_outline_fails_as_build_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(pv, "_require_tools", lambda: None)
    outline = write_project(tmp_path / "p", GOOD.replace("y: production_2023", "y: prod_2023"))

    result = CliRunner().invoke(cli, ["preview", str(outline), "--out", str(tmp_path / "out")])

    assert result.exit_code == 2
    assert "has no column 'prod_2023'" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out" / "deck" / "preview").exists()


# -- the whole command, through LibreOffice -------------------------------------------------------

CHECKED = Report(
    (
        finding("TITLE001", "warning", slide=2, message="The title <b>names</b> no finding."),
        finding(
            "CARD001",
            "error",
            card="china-leads-script-window-pwned-script-x-post.png",
            message="The card repeats another.",
        ),
    )
)


@pytest.fixture(scope="module")
def previewed(
    require_libreoffice: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Path, Any]]:
    """The test outline previewed once through the command line, with a check that finds
    two things (the check's own rules are tested with it)."""
    root = tmp_path_factory.mktemp("preview")
    outline = write_project(root / "project", GOOD)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("deckgen.check.check", lambda outline, options: CHECKED)
        result = CliRunner().invoke(cli, ["preview", str(outline), "--out", str(root / "out")])
    assert result.exit_code == 0, result.output
    yield root / "out", result


@pytest.mark.libreoffice
def test_preview_writes_a_picture_per_slide_a_contact_sheet_and_the_gallery(previewed):
    out, result = previewed
    folder = out / "deck" / "preview"

    slides = sorted(folder.glob("slide-*.png"))
    assert [p.name for p in slides] == ["slide-1.png", "slide-2.png", "slide-3.png"]
    for path in slides:
        with Image.open(path) as image:
            width, height = image.size
        assert (width in (1280, 1281), height) == (True, 720)  # 13.33 x 7.5 in at 96 dpi
    sheet = Image.open(folder / "contact-sheet.png").convert("RGB")
    assert sheet.size == (12 + 3 * 332, 12 + 232)  # three cells in one row
    background = sheet.getpixel((0, 0))
    row = [sheet.getpixel((x, 12 + 90)) != background for x in range(sheet.width)]
    # Runs of slide between runs of background; one anti-aliased pixel of a slide's text
    # may match the background's grey exactly (found as '30.2M' moved), so gaps under 4 px
    # are no gap between cells.
    gaps = "".join("s" if b else "g" for b in row).split("s")
    assert sum(1 for gap in gaps[1:-1] if len(gap) >= 4) == 2  # three cells, two gaps
    # The title slide is dark (primary background), the others are white slides.
    assert sum(sheet.getpixel((12 + 160, 12 + 60))) < 300
    assert sum(sheet.getpixel((12 + 332 + 300, 12 + 10))) > 700
    # Nothing else in the folder (but the copies of the cards), nothing left beside it.
    assert {p.name for p in folder.iterdir()} == {
        "index.html",
        "contact-sheet.png",
        "cards",
        *(p.name for p in slides),
    }
    social = out / "deck" / "social"
    assert {p.name: p.read_bytes() for p in (folder / "cards").iterdir()} == {
        p.name: p.read_bytes() for p in social.glob("*.png")
    }
    assert [p.name for p in (out / "deck").iterdir() if p.name.startswith(".")] == []
    assert f"Gallery: {folder / 'index.html'}" in result.output
    assert f"Contact sheet: {folder / 'contact-sheet.png'}" in result.output
    assert "Previewed 3 slides and 2 social cards (deckgen check: 1 error, 1 warning)" in (
        result.output
    )
    assert (out / "deck.pptx").is_file()  # built as `deckgen build` builds it


@pytest.mark.libreoffice
def test_the_gallery_shows_the_deck_the_cards_and_the_findings_beside_them(previewed):
    out, _ = previewed
    folder = out / "deck" / "preview"
    page = Page((folder / "index.html").read_text(encoding="utf-8"))

    assert [p for p, _ in page.images] == ["slide-1", "slide-2", "slide-3", "card-1", "card-2"]
    for _, img in page.images:
        assert (folder / img["src"].replace("%20", " ")).is_file()
    slide2 = page.text["slide-2"]
    assert "TITLE001" in slide2 and "The title <b>names</b> no finding." in slide2
    assert "Say the number out loud." in slide2
    assert "Bar chart: China leads <script>window.pwned = 1</script> & more." in slide2
    assert "CARD001" in page.text["card-2"] and "CARD001" not in page.text["card-1"]
    assert page.tags["script"] == 0 and page.tags["b"] == 0
    cards = json.loads((out / "deck" / "social" / "cards.json").read_text())["cards"]
    assert [img["alt"] for p, img in page.images if p.startswith("card")] == [
        c["alt"] for c in cards
    ]


@pytest.fixture
def copied(previewed, tmp_path: Path) -> Path:
    """A copy of the previewed project and its output (the browser test keeps the original)."""
    out, _ = previewed
    shutil.copytree(out.parent, tmp_path, dirs_exist_ok=True)
    return tmp_path / "out"


@pytest.mark.libreoffice
def test_previewing_again_replaces_the_folder_and_shows_the_real_checks_findings(copied: Path):
    folder = copied / "deck" / "preview"
    (folder / "slide-9.png").write_bytes(b"stale")
    outline = copied.parent / "project" / "deck.yaml"

    result = pv.preview(outline, BuildOptions(out_dir=copied))

    assert result.build is not None and result.build.up_to_date  # the cache and deck reused
    assert not (folder / "slide-9.png").exists()
    assert [p.name for p in (copied / "deck").iterdir() if p.name.startswith(".")] == []
    # Whatever deckgen check finds in this outline is on the page, beside its slide or card
    # (or at the top for the deck), with its code, message and fix.
    report = result.report
    assert report is not None and report.findings
    assert report == check(outline, BuildOptions(out_dir=copied))
    page = Page((folder / "index.html").read_text(encoding="utf-8"))
    cards = json.loads((copied / "deck" / "social" / "cards.json").read_text())["cards"]
    for f in report.findings:
        if f.slide is not None:
            place = f"slide-{f.slide}"
        elif f.card is not None:
            place = f"card-{[c['file'] for c in cards].index(f.card) + 1}"
        else:
            place = "summary"
        text = page.text[place]
        assert f.code in text and f.message in text and f"Fix: {f.fix}" in text, f
    counts = f"{len(report.errors)} error"
    assert counts in page.text["summary"]


@pytest.mark.libreoffice
def test_the_gallery_is_a_snapshot_that_the_next_build_leaves_as_it_was(copied: Path):
    """The gallery shows copies of the cards it previewed: a build after it (a new number, a
    reworded title that renames a card) neither breaks a picture nor puts a newer card
    beside the old slides and alt texts (fuzz-J/8)."""
    from urllib.parse import unquote

    from deckgen.pipeline import build

    folder = copied / "deck" / "preview"
    social = copied / "deck" / "social"
    previewed = {p.name: p.read_bytes() for p in social.glob("*.png")}
    page = Page((folder / "index.html").read_text(encoding="utf-8"))
    outline = copied.parent / "project" / "deck.yaml"
    outline.write_text(outline.read_text().replace("China leads <script>", "China still leads"))
    csv = outline.parent / "production.csv"
    csv.write_text(csv.read_text().replace("30160966", "35000000"))

    built = build(outline, BuildOptions(out_dir=copied))

    assert built.cards == 2 and {p.name for p in social.glob("*.png")} != set(previewed)
    shown = [img for place, img in page.images if place.startswith("card-")]
    assert len(shown) == 2
    for img in shown:
        path = (folder / unquote(img["src"])).resolve()
        assert path.is_relative_to(folder.resolve()), img["src"]  # in the preview folder
        assert path.read_bytes() == previewed[path.name]  # the card as it was previewed


@pytest.mark.libreoffice
def test_an_outline_that_lost_its_cards_shows_none(copied: Path):
    outline = copied.parent / "project" / "deck.yaml"
    outline.write_text(outline.read_text().replace("share: [ig-square, x-post]", ""))

    result = pv.preview(outline, BuildOptions(out_dir=copied))

    assert result.cards == 0
    page = Page((copied / "deck" / "preview" / "index.html").read_text(encoding="utf-8"))
    assert [p for p, _ in page.images] == ["slide-1", "slide-2", "slide-3"]


@pytest.mark.libreoffice
def test_a_failed_preview_leaves_the_last_one_as_it_was(
    copied: Path, monkeypatch: pytest.MonkeyPatch
):
    folder = copied / "deck" / "preview"

    def files() -> dict[str, bytes]:  # the copies of the cards too, in their folder
        return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*")
                if p.is_file()}  # fmt: skip

    before = files()
    assert "cards/china-leads-script-window-pwned-script-x-post.png" in before

    def fail(*args: object, **kwargs: object) -> Path:
        raise ExportError("LibreOffice produced no PDF")

    monkeypatch.setattr("deckgen.export.pdf.to_pdf", fail)
    with pytest.raises(ExportError):
        pv.preview(copied.parent / "project" / "deck.yaml", BuildOptions(out_dir=copied))

    assert files() == before
    assert [p.name for p in (copied / "deck").iterdir() if p.name.startswith(".")] == []


@pytest.mark.libreoffice
def test_a_pptx_is_previewed_with_its_alt_texts_and_notes_and_no_check(
    require_libreoffice: Path, tmp_path: Path
):
    deck = make_deck(tmp_path / "rail.pptx")

    result = CliRunner().invoke(cli, ["preview", str(deck), "--out", str(tmp_path / "out")])

    assert result.exit_code == 0, result.output
    assert "Previewed 3 slides (a .pptx: no outline, so no check and no cards)" in result.output
    folder = tmp_path / "out" / "rail" / "preview"
    page = Page((folder / "index.html").read_text(encoding="utf-8"))
    # The hidden slide 3 is not rendered (as in a slide show); the page says so.
    assert [p for p, _ in page.images] == ["slide-1", "slide-2", "slide-4"]
    assert "Hidden slides, not rendered (as in a slide show): 3." in page.text["summary"]
    assert "nothing to check and no findings" in page.text["summary"]
    assert "Say it slowly." in page.text["slide-1"]
    assert "1 picture without alt text." in page.text["slide-1"]
    assert page.images[0][1]["alt"] == (
        "Slide 1: Exports grew fast — A subtitle A red square A grouped one "
        "Column chart: B is twice A"
    )
    # Pictures are named after the slide they show, not the page LibreOffice rendered.
    assert sorted(p.name for p in folder.glob("slide-*.png")) == [
        "slide-1.png",
        "slide-2.png",
        "slide-4.png",
    ]
    assert [img["src"] for _, img in page.images] == ["slide-1.png", "slide-2.png", "slide-4.png"]


# -- the gallery in a browser ------------------------------------------------------------------

ARTIFACT = REPO / ".artifacts" / "preview.png"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.mark.browser
@pytest.mark.libreoffice
def test_the_gallery_opens_from_disk_in_chromium_with_every_picture_and_alt_text(
    previewed, require_browser: Path, capsys: pytest.CaptureFixture[str]
):
    from playwright.sync_api import sync_playwright

    out, _ = previewed
    index = out / "deck" / "preview" / "index.html"
    with tempfile.TemporaryDirectory() as profile, sync_playwright() as playwright:
        browser = playwright.chromium.launch_persistent_context(
            profile,
            executable_path=str(require_browser),
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 900},
        )
        try:
            page = browser.new_page()
            requested: list[str] = []
            errors: list[str] = []
            page.on("request", lambda r: requested.append(r.url))
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(index.as_uri(), wait_until="load")
            images = page.evaluate(
                """[...document.images].map(i => ({
                    place: i.closest('article').id, loaded: i.complete && i.naturalWidth > 0,
                    alt: i.alt, shown: i.closest('article').querySelector('p.alt').textContent,
                    ratio: i.getBoundingClientRect().width / i.getBoundingClientRect().height,
                    natural: i.naturalWidth / i.naturalHeight}))"""
            )
            pwned = page.evaluate("window.pwned")
            title_text = page.inner_text("#slide-2 p.alt")
            ARTIFACT.parent.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACT), full_page=True)
        finally:
            browser.close()

    assert [i["place"] for i in images] == ["slide-1", "slide-2", "slide-3", "card-1", "card-2"]
    for image in images:
        assert image["loaded"], image["place"]
        assert image["alt"].strip(), image["place"]
        assert " ".join(image["shown"].split()) == " ".join(image["alt"].split())
        # Every picture is shown at its own aspect ratio (cards: 1:1 and 16:9).
        assert image["ratio"] == pytest.approx(image["natural"], rel=0.02), image["place"]
    assert pwned is None and errors == []
    assert "<script>window.pwned = 1</script>" in title_text
    assert all(url.startswith("file://") for url in requested), requested
    with Image.open(ARTIFACT) as shot:
        assert shot.width == 1280
    with capsys.disabled():
        print(f"\npreview screenshot: {ARTIFACT}")


# -- one row of a batch outline -------------------------------------------------------------------

ROWS_CSV = """\
route,riders,share
Route 1,1200,30
Route 7,800,20
Route 12,2000,50
"""

ROWS_OUTLINE = """\
deck:
  title: "{{ row.route }} ridership"
  theme: corporate
data:
  routes: {file: routes.csv}
slides:
  - kind: stats
    title: "{{ row.route }} carried {{ row.riders | number }} riders a day"
    source: Test data
    items:
      - {value: "{{ row.riders | number }}", label: riders a day}
      - {value: "{{ row.share | percent }}", label: of all riders}
  - kind: chart
    title: "{{ row.route }} among the routes"
    source: Test data
    chart: {type: hbar, data: routes, x: route, y: riders, highlight: "{{ row.route }}"}
social:
  cards:
    - kind: stat
      title: "{{ row.route }} carried {{ row.riders | number }} riders a day"
      value: "{{ row.riders | number }}"
      label: riders a day
      presets: [ig-square]
"""


def _routes(root: Path) -> Path:
    shutil.copytree(REPO / "themes", root / "themes")
    (root / "routes.csv").write_text(ROWS_CSV)
    (root / "routes.yaml").write_text(ROWS_OUTLINE)
    return root / "routes.yaml"


@pytest.mark.parametrize(
    ("where", "said", "hint"),
    [
        ((), "--for-each 'routes': a preview shows one row's deck, and it has 3 rows (Route 1, "
         "Route 7, Route 12)", "pick one, e.g. --where 'route=Route 1'"),
        (("share!=50",), "--where 'share!=50' picks 2 rows (Route 1, Route 7)",
         "pick one, e.g. --where 'route=Route 1'"),
        (("route=Route 07",), "no row of 'routes' has route = 'Route 07'",
         "did you mean 'Route 7'?"),
    ],
)  # fmt: skip
def test_a_batch_preview_must_pick_one_row_and_builds_nothing_until_it_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: tuple[str, ...], said: str,
    hint: str,
):  # fmt: skip
    monkeypatch.setattr(pv, "_require_tools", lambda: None)
    outline = _routes(tmp_path)
    options = [arg for w in where for arg in ("--where", w)]

    result = CliRunner().invoke(cli, ["preview", str(outline), "--for-each", "routes",
                                      *options, "--out", str(tmp_path / "out")])  # fmt: skip

    assert result.exit_code == 2, result.output
    assert said in result.output and f"hint: {hint}" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_batch_row_options_need_for_each_and_a_pptx_takes_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(pv, "_require_tools", lambda: None)
    outline = _routes(tmp_path)
    result = CliRunner().invoke(cli, ["preview", str(outline), "--where", "route=Route 7"])
    assert result.exit_code == 2 and "add it" in result.output, result.output
    deck = make_deck(tmp_path / "deck.pptx")
    with pytest.raises(DeckgenError, match=r"a \.pptx is previewed as it is, without --for-each"):
        pv.preview(deck, BuildOptions(out_dir=tmp_path / "out"), rows=Batch("routes"))


@pytest.mark.libreoffice
def test_a_batch_row_is_built_as_batch_builds_it_checked_and_previewed(
    require_libreoffice: Path, tmp_path: Path
):
    outline = _routes(tmp_path)
    out = tmp_path / "out"

    result = CliRunner().invoke(cli, ["preview", str(outline), "--for-each", "routes",
                                      "--where", "route=Route 7", "--out", str(out)])  # fmt: skip

    assert result.exit_code == 0, result.output
    folder = out / "route-7" / "routes" / "preview"
    assert f"Gallery: {folder / 'index.html'}" in result.output
    assert "Previewed 2 slides and 1 social card (deckgen check:" in result.output
    # The row's deck, where `deckgen batch` puts it, bound to that row alone.
    deck = out / "route-7" / "routes.pptx"
    # As read: a no-break space ('Route 7') is a space to a reader.
    texts = [s.text_frame.text.replace("\xa0", " ") for slide in Presentation(str(deck)).slides
             for s in slide.shapes if s.has_text_frame]  # fmt: skip
    assert any("Route 7 carried 800 riders a day" in t for t in texts), texts
    assert not (out / "route-1").exists() and not (out / "route-12").exists()
    assert sorted(p.name for p in folder.glob("slide-*.png")) == ["slide-1.png", "slide-2.png"]
    assert len(list((folder / "cards").glob("*.png"))) == 1
    page = (folder / "index.html").read_text(encoding="utf-8").replace("\xa0", " ")
    assert "Route 7 carried 800 riders a day" in page
    # Built as the batch builds it: a batch run after it finds the row up to date.
    again = batch(outline, BuildOptions(out_dir=out), for_each="routes",
                  where=("route=Route 7",))  # fmt: skip
    assert [r.status for r in again.rows] == ["up to date"]


def test_what_the_build_said_of_a_card_as_it_drew_it_is_among_its_findings():
    """The gallery showed 'Findings: None' beside a card the build had just warned about
    (a series' name ended with '…'; found by a new user): the check plans cards and draws
    none, so the build's warnings about each card are added beside it."""
    checked = Report((finding("TITLE001", "warning", slide=2, message="A topic."),))
    warnings = (
        "card modes-x-post.png: 1 name too long to show whole, so ended with '…' on the "
        "chart: 'Paratran… 22.8K'; shorten them in the data (a name shows on at most 3 lines)",
        "deck.yaml:63: slides[2]: the note 'Stay-at-home order' is left out; pin it elsewhere",
    )

    report = pv._with_drawn(checked, warnings)

    assert report.findings[0] == checked.findings[0]
    (drawn,) = report.findings[1:]  # a slide's warning is the check's to find, not added
    assert drawn.card == "modes-x-post.png" and drawn.code == "BUILD"
    assert drawn.severity == "warning"
    assert drawn.message == ("1 name too long to show whole, so ended with '…' on the chart: "
                             "'Paratran… 22.8K'")  # fmt: skip
    assert drawn.fix == "shorten them in the data (a name shows on at most 3 lines)"
    assert pv._with_drawn(checked, ()) is checked
    # What the check says too (FIT005, a subtitle the layout left off) is said once.
    left_off = ("card modes-x-post.png: its subtitle 'Monthly boardings' is left off: it has "
                "no room on the card; shorten the title or the subtitle")  # fmt: skip
    fit = finding("FIT005", "warning", card="modes-x-post.png",
                  message="its subtitle 'Monthly boardings' is left off: it has no room on "
                  "the card")  # fmt: skip
    both = pv._with_drawn(Report((fit,)), (left_off,))
    assert [f.code for f in both.findings] == ["FIT005"]
