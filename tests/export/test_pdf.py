"""PDF and PNG export through LibreOffice and poppler (deckgen.export.pdf)."""

from __future__ import annotations

import shutil
import subprocess
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

import pytest
from PIL import Image
from pptx import Presentation
from pptx.util import Inches

from deckgen.errors import ExportError
from deckgen.export.pdf import pdf_page_count, to_pdf, to_pngs, write_fontconfig
from deckgen.theming.fonts import font_dirs

if TYPE_CHECKING:
    from pathlib import Path


def make_deck(path: Path, slides: int = 1) -> Path:
    """A 16:9 deck of title slides whose text is set in Lato (a bundled, non-system font)."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    for number in range(1, slides + 1):
        slide = prs.slides.add_slide(prs.slide_layouts[0])
        slide.shapes.title.text = f"Quarterly numbers, part {number}"
        slide.placeholders[1].text = "Set in Lato"
        for shape in slide.placeholders:
            for paragraph in shape.text_frame.paragraphs:
                for run in paragraph.runs:
                    run.font.name = "Lato"
    prs.save(path)
    return path


@pytest.fixture(scope="module")
def twelve_page_pdf(require_libreoffice: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One conversion shared by the tests that only read its result."""
    folder = tmp_path_factory.mktemp("twelve")
    return to_pdf(make_deck(folder / "deck.pptx", slides=12), folder / "out")


@pytest.mark.libreoffice
def test_a_deck_becomes_a_pdf_with_one_page_per_slide(require_libreoffice: Path, tmp_path: Path):
    deck = make_deck(tmp_path / "deck.pptx", slides=3)

    pdf = to_pdf(deck, tmp_path / "out")

    assert pdf == (tmp_path / "out" / "deck.pdf").resolve()
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert pdf_page_count(pdf) == 3


@pytest.mark.libreoffice
def test_the_bundled_theme_font_is_embedded_in_the_pdf(twelve_page_pdf: Path):
    # Lato is not a system font: LibreOffice only finds it through deckgen's fontconfig file.
    assert b"Lato-Regular" in twelve_page_pdf.read_bytes()


@pytest.mark.libreoffice
def test_the_fontconfig_file_adds_the_bundled_fonts_to_the_system_ones(
    require_libreoffice: Path, tmp_path: Path
):
    # Holds even where the fonts are also installed system-wide (which would hide a
    # broken fontconfig file from the PDF test above).
    fc_list = shutil.which("fc-list")
    assert fc_list, "fc-list (package fontconfig, a LibreOffice dependency) is missing"
    conf = write_fontconfig(tmp_path)

    listed = subprocess.run(
        [fc_list, ":", "file"],
        env={"FONTCONFIG_FILE": str(conf), "HOME": str(tmp_path), "PATH": ""},
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    for folder in font_dirs():
        assert f"{folder}/" in listed
    assert "/usr/share/fonts/" in listed  # the system configuration is still included
    assert (tmp_path / "fontconfig-cache").is_dir()


@pytest.mark.libreoffice
def test_page_count_without_pdfinfo_matches_pdfinfo(
    twelve_page_pdf: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    assert pdf_page_count(twelve_page_pdf) == 12
    monkeypatch.setenv("PATH", str(tmp_path))
    assert pdf_page_count(twelve_page_pdf) == 12


@pytest.mark.libreoffice
def test_pngs_come_back_in_page_order(twelve_page_pdf: Path, tmp_path: Path):
    pngs = to_pngs(twelve_page_pdf, tmp_path, dpi=20)

    # pdftoppm zero-pads to the width of the last page number: deck-01 ... deck-12.
    assert [p.name for p in pngs] == [f"deck-{n:02d}.png" for n in range(1, 13)]
    with Image.open(pngs[0]) as first:
        assert first.size == (267, 150)  # 13.333 x 7.5 inches at 20 dpi


@pytest.mark.libreoffice
def test_pngs_left_by_an_earlier_render_are_not_returned(twelve_page_pdf: Path, tmp_path: Path):
    (tmp_path / "deck-13.png").write_bytes(b"stale")
    (tmp_path / "deck-7.png").write_bytes(b"stale")

    pngs = to_pngs(twelve_page_pdf, tmp_path, dpi=10)

    assert len(pngs) == 12
    assert not (tmp_path / "deck-13.png").exists()
    assert not (tmp_path / "deck-7.png").exists()


@pytest.mark.libreoffice
def test_a_file_that_is_not_a_deck_raises_a_clear_export_error(
    require_libreoffice: Path, tmp_path: Path
):
    bogus = tmp_path / "notes.pptx"
    bogus.write_text("these are my notes, not a deck\n")
    stale = tmp_path / "out" / "notes.pdf"
    stale.parent.mkdir()
    stale.write_bytes(b"%PDF-1.4 from an earlier run")

    with pytest.raises(ExportError) as caught:
        to_pdf(bogus, tmp_path / "out")

    message = str(caught.value)
    assert "notes.pptx" in message
    assert "produced no PDF" in message
    assert "source file could not be loaded" in message  # LibreOffice's own words
    assert "javaldx" not in message
    assert not stale.exists()


@pytest.mark.libreoffice
def test_two_conversions_can_run_at_the_same_time(require_libreoffice: Path, tmp_path: Path):
    decks = [make_deck(tmp_path / "two.pptx", 2), make_deck(tmp_path / "five.pptx", 5)]
    start = threading.Barrier(len(decks))

    def convert(deck: Path) -> Path:
        start.wait(timeout=30)
        return to_pdf(deck, tmp_path / "out")

    with ThreadPoolExecutor(max_workers=len(decks)) as pool:
        pdfs = list(pool.map(convert, decks))

    assert [p.name for p in pdfs] == ["two.pdf", "five.pdf"]
    assert [pdf_page_count(p) for p in pdfs] == [2, 5]


@pytest.mark.libreoffice
def test_a_conversion_past_its_timeout_raises_export_error(
    require_libreoffice: Path, tmp_path: Path
):
    deck = make_deck(tmp_path / "deck.pptx")

    with pytest.raises(ExportError, match=r"timed out after 0\.01 s"):
        to_pdf(deck, tmp_path / "out", timeout=0.01)


def test_missing_libreoffice_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    deck = make_deck(tmp_path / "deck.pptx")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))

    with pytest.raises(ExportError, match=r"apt-get install libreoffice-impress"):
        to_pdf(deck, tmp_path / "out")


def test_missing_poppler_says_how_to_install_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    pdf = tmp_path / "deck.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))

    with pytest.raises(ExportError, match=r"apt-get install poppler-utils"):
        to_pngs(pdf, tmp_path / "png")


def test_counting_pages_of_a_file_that_is_not_a_pdf_raises_export_error(tmp_path: Path):
    text = tmp_path / "deck.pdf"
    text.write_text("just text\n")

    with pytest.raises(ExportError, match=r"deck\.pdf"):
        pdf_page_count(text)


def test_export_beside_keeps_an_earlier_pdf_when_the_export_fails(tmp_path, monkeypatch):
    import deckgen.export.pdf as pdf_module

    deck = make_deck(tmp_path / "deck.pptx")
    (tmp_path / "deck.pdf").write_bytes(b"%PDF-1.4 earlier")
    monkeypatch.setattr(pdf_module, "libreoffice", lambda: None)
    with pytest.raises(ExportError, match="only the PDF is missing"):
        pdf_module.export_beside(deck)
    assert (tmp_path / "deck.pdf").read_bytes() == b"%PDF-1.4 earlier"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck.pdf", "deck.pptx"]


@pytest.mark.libreoffice
def test_export_beside_writes_the_pdf_next_to_the_deck(tmp_path, require_libreoffice):
    from deckgen.export.pdf import export_beside

    deck = make_deck(tmp_path / "deck.pptx", slides=2)
    (tmp_path / "deck.pdf").write_bytes(b"stale")
    pdf = export_beside(deck)
    assert pdf == tmp_path / "deck.pdf"
    assert pdf_page_count(pdf) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck.pdf", "deck.pptx"]


@pytest.mark.libreoffice
def test_the_pdf_is_tagged_and_carries_the_alt_text(require_libreoffice: Path, tmp_path: Path):
    # An untagged PDF drops the alt text and reading order a screen reader needs.
    from pptx.enum.shapes import MSO_SHAPE

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    slide.shapes.title.text = "Harbor freight doubles"
    box = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Inches(1), Inches(2), Inches(2), Inches(2))
    box._element.nvSpPr.cNvPr.set("descr", "Bar chart: freight doubled")
    prs.save(tmp_path / "deck.pptx")

    data = to_pdf(tmp_path / "deck.pptx", tmp_path / "out").read_bytes()

    assert b"/StructTreeRoot" in data
    assert b"/MarkInfo" in data
    # LibreOffice writes /Alt as UTF-16BE hex with a byte-order mark.
    alt = "Bar chart: freight doubled".encode("utf-16-be").hex().upper()
    assert f"/Alt<FEFF{alt}>".encode() in data


@pytest.mark.libreoffice
def test_pictures_keep_their_pixels_in_the_pdf(require_libreoffice: Path, tmp_path: Path):
    """Pictures are written losslessly. LibreOffice's default wrote this one (black bars
    on white, as a chart's) as a JPEG, and a chart's white ground came out off-white (254
    on the page's 255): a faint box round every chart."""
    picture = Image.new("RGB", (600, 300), "white")
    for x in range(100, 500, 40):
        picture.paste((0, 0, 0), (x, 100, x + 20, 200))
    picture.save(tmp_path / "chart.png")
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    slide.shapes.add_picture(str(tmp_path / "chart.png"), Inches(1), Inches(1), Inches(6))
    prs.save(tmp_path / "deck.pptx")

    pdf = to_pdf(tmp_path / "deck.pptx", tmp_path / "out")

    assert b"/DCTDecode" not in pdf.read_bytes()  # no picture written as a JPEG
    # At 100 dpi the picture is drawn at its own size (600 px over 6 in).
    page = Image.open(to_pngs(pdf, tmp_path / "png", dpi=100)[0]).convert("RGB")
    assert page.getpixel((100 + 10, 100 + 10)) == (255, 255, 255)  # its ground, the page's
    assert page.getpixel((100 + 110, 100 + 150)) == (0, 0, 0)  # a bar
