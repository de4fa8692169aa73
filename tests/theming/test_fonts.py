"""Text the theme's font cannot draw falls back to a bundled font that can, or the build
names the characters no bundled font draws."""

from __future__ import annotations

import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pytest
from click.testing import CliRunner
from matplotlib.backends.backend_agg import FigureCanvasAgg
from PIL import Image, ImageDraw

from deckgen.cli import cli
from deckgen.layout.units import Inches
from deckgen.render.jobs import Canvas
from deckgen.render.style import chart_style
from deckgen.theming.fonts import (
    BUNDLED,
    _cmap,
    _drawn,
    bundled,
    coverage_warnings,
    covering,
    face_source,
    fallback_files,
    pil_font,
    undrawable,
)
from tests.helpers import load_theme, write_project

if TYPE_CHECKING:
    from matplotlib.figure import Figure
    from matplotlib.text import Text

CANVAS = Canvas(Inches(12.33), Inches(4.9), dpi=100)

#: U+1FAE8 SHAKING FACE (Unicode 15): in no bundled font.
SHAKING = "\U0001fae8"


def _lato():
    return load_theme("corporate").body.regular


def test_the_fallback_fonts_are_installed_and_draw_cjk_arabic_hebrew_and_emoji_faces():
    dejavu, cjk = fallback_files()
    assert (dejavu.name, cjk.name) == ("DejaVuSans.ttf", "NotoSansCJKjp-Regular.otf")
    assert cjk.is_file() and dejavu.is_file()
    assert {ord(c) for c in "中文日本語한국어"} <= _cmap(cjk)
    assert {ord(c) for c in "العربية עברית 😀 ★"} - {ord(" ")} <= _cmap(dejavu)


def test_text_the_theme_font_lacks_is_set_in_a_fallback_that_draws_it():
    lato = _lato()
    assert covering(lato, "Plain ASCII") == lato
    assert covering(lato, "São Paulo") == lato  # Lato draws Latin-1
    dejavu, cjk = fallback_files()
    assert covering(lato, "東京 leads") == cjk
    assert covering(lato, "القاهرة") == dejavu
    assert covering(lato, "Čačak") == dejavu  # Lato has no 'Č'
    for text in ("東京 leads", "القاهرة", "Emoji 😀\ufe0f", "Москва"):
        assert undrawable(text, lato) == "", text


def _ink(text: str) -> int:
    """How many pixels Pillow inks for ``text`` set as a card sets it."""
    font = pil_font(covering(_lato(), text), 64)
    image = Image.new("L", (400, 100), 0)
    ImageDraw.Draw(image).text((10, 10), text, font=font, fill=255)
    return sum(image.histogram()[129:])


def test_a_card_draws_cjk_glyphs_not_empty_boxes():
    # Two different ideographs ink differently; two .notdef boxes would ink the same.
    assert _ink("東") != _ink("京")
    assert _ink("東") > 0


def test_without_raqm_a_narrow_or_figure_space_the_font_lacks_is_a_plain_space_not_a_box():
    """Pillow's basic layout (no Raqm) draws a character the font lacks as its box, and
    Lato has no narrow no-break space (U+202F, French digit groups) nor figure space:
    there each is set as a plain space, measured as drawn. With Raqm, HarfBuzz sets them
    half a word space and a digit wide."""
    from PIL import ImageFont

    from deckgen.theming.fonts import _masked

    lato = _lato()
    assert not {0x202F, 0x2007} & _cmap(lato)
    basic = _masked()(str(lato), 64, layout_engine=ImageFont.Layout.BASIC)
    for space in ("\u202f", "\u2007"):
        assert basic.getlength(f"2{space}000") == basic.getlength("2 000")
        assert basic.getmask2(space, mode="L")[0].getbbox() is None
    raqm = pil_font(lato, 64)
    assert abs(raqm.getlength("\u202f") - raqm.getlength(" ") / 2) < 0.1
    assert raqm.getlength("\u2007") == raqm.getlength("0")


def test_characters_no_font_draws_are_named_with_their_code_points():
    lato = _lato()
    assert undrawable(f"Up {SHAKING} today", lato) == SHAKING
    (warning,) = coverage_warnings([("deck.yaml:4: slides[0].title", f"Up {SHAKING}")], lato)
    assert warning.startswith("deck.yaml:4: slides[0].title: no bundled font draws")
    assert "(U+1FAE8)" in warning and "empty box" in warning
    assert coverage_warnings([("x", "東京"), ("y", "plain")], lato) == []


def test_a_build_with_cjk_arabic_and_emoji_warns_only_about_what_no_font_draws(
    tmp_path, monkeypatch
):
    write_project(
        tmp_path,
        f"""
        deck: {{title: World cities}}
        data: {{world: {{file: "world {SHAKING}.csv"}}}}
        slides:
          - kind: chart
            title: "Tokyo leads {SHAKING}"
            chart: {{type: hbar, data: world, x: city, y: visitors}}
        """,
        # The file's name is never drawn: no warning of it (one was, found by fuzzing).
        {
            f"world {SHAKING}.csv": "city,visitors\n東京,37.4\n서울,25.5\nالقاهرة,21.3\n"
            "São Paulo 😀,22.4\n"
        },
    )
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["build", "deck.yaml", "--out", "out"])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1, warnings
    assert "deck.yaml:5: slides[0].title: no bundled font draws" in warnings[0]
    assert "U+1FAE8" in warnings[0]


def test_library_warnings_print_one_line_without_a_source_path(tmp_path):
    """The render workers and the CLI import deckgen, which sets how warnings print."""
    code = (
        "import warnings, deckgen\n"
        "warnings.warn('a library said something')\n"
        "warnings.warn('Glyph 20013 (\\\\N{CJK}) missing from font(s) Lato.')\n"
        "import logging; logging.basicConfig()\n"
        "logging.getLogger('matplotlib.font_manager').warning('findfont: noise')\n"
    )
    run = subprocess.run([sys.executable, "-W", "default", "-c", code], capture_output=True,
                         text=True, check=True, cwd=tmp_path)  # fmt: skip
    assert run.stderr == "warning: a library said something\n"


def test_a_text_mixing_cjk_and_arabic_warns_for_cards_only():
    (warning,) = coverage_warnings([("deck.yaml:2: deck.title", "東京 القاهرة")], _lato())
    assert "mixes scripts no one bundled font draws together" in warning
    assert "U+6771" in warning and "charts and PowerPoint draw them" in warning


# ----------------------------------------------------------------- letters built of pieces
# HarfBuzz (matplotlib's shaping, through libraqm, and Pillow's) sets a letter a font
# lacks from its canonical pieces where the font has them, and matplotlib takes each glyph
# from the first font of its list that sets it. Noto Sans CJK JP, tried before DejaVu
# Sans, took 'Č' as 'C' and a caron it does not place: every chart of the Lato themes
# drew 'Čačak' as 'Cǎcǎk' and 'Αθήνα' as 'Αθηνά', and nothing was reported (found in
# review).

#: Names with letters Lato lacks (Latin Extended-A, Greek with tonos).
NAMES = ("Čačak", "Česko", "Ελλάδα (Αθήνα)", "Plzeň", "Győr", "Iași", "Łódź")
THEMES = ("corporate", "dark", "contrast", "corporate-template")


def _chain(font: Path) -> list[Path]:
    return [font, *fallback_files()]


def _first_whole(font: Path, char: str) -> Path:
    """The first file of a chart's font list that has ``char`` whole."""
    return next(f for f in _chain(font) if ord(char) in _cmap(f))


def _glyph_fonts(fig: Figure, text: Text) -> list[tuple[str, Path]]:
    """Each glyph of ``text`` as the chart draws it: its characters and its font's file."""
    from matplotlib.ft2font import LoadFlags

    font = fig.canvas.get_renderer()._prepare_font(text.get_fontproperties())  # type: ignore[attr-defined]
    # A font read from memory (render.textlayout) names its file object by the path.
    return [(item.char, Path(getattr(item.ft_object.fname, "name", item.ft_object.fname)))
            for item in font._layout(text.get_text(), LoadFlags.NO_HINTING)]  # fmt: skip


@pytest.mark.parametrize("bold", [False, True])
@pytest.mark.parametrize("name", THEMES)
def test_a_chart_takes_each_letter_of_a_name_from_a_font_that_has_it_whole(name, bold):
    """No letter of the names is built of a base letter and an accent by a font that
    lacks it: each glyph comes from a font that has its characters whole (through the
    chart's font list and deckgen's shaping memo, as a chart draws it)."""
    from matplotlib.figure import Figure

    theme = load_theme(name)
    with chart_style(theme, CANVAS):
        fig = Figure()
        FigureCanvasAgg(fig)
        texts = [fig.text(0, 0, n, weight="bold" if bold else "normal") for n in NAMES]
        for text in texts:
            for chars, file in _glyph_fonts(fig, text):
                assert all(ord(c) in _cmap(file) for c in chars), (text.get_text(), chars, file)


def _pixels(char: str, family: list[str] | None, bold: bool) -> np.ndarray:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(1, 1), dpi=100)
    FigureCanvasAgg(fig)
    fig.text(0.2, 0.3, char, size=40, weight="bold" if bold else "normal",
             **({"family": family} if family else {}))  # fmt: skip
    fig.canvas.draw()
    return np.asarray(fig.canvas.buffer_rgba()).copy()


@pytest.mark.parametrize("bold", [False, True])
@pytest.mark.parametrize("name", THEMES)
def test_a_charts_accented_letters_look_as_the_font_that_has_them_whole_draws_them(name, bold):
    """Each letter of the names, drawn as a chart draws it (the theme's font list), is
    pixel for pixel the letter drawn in the one font that has it whole: 'Č' with its caron
    over the 'C', not a 'C' with the caron over what follows."""
    from deckgen.render.style import _register

    theme = load_theme(name)
    font = theme.body.file(bold)
    letters = sorted({c for c in "".join(NAMES) if not c.isascii()})
    with chart_style(theme, CANVAS):
        for char in letters:
            whole = _first_whole(font, char)
            reference = [_register(str(whole))]
            assert np.array_equal(_pixels(char, None, bold), _pixels(char, reference, bold)), (
                char, whole.name,
            )  # fmt: skip


@pytest.mark.parametrize("family", sorted(BUNDLED))
def test_every_letter_the_coverage_check_counts_as_drawn_comes_whole_from_a_font(family):
    """What the coverage check (``undrawable``) counts as drawn is what the fonts have
    whole; matplotlib's glyph-by-glyph fallback must then take each letter from a font
    that has it whole, never build it of pieces in an earlier fallback that lacks it.
    Every letter with a canonical decomposition that the fallbacks have, laid out at once
    with the family's font first (the theme's own font may build a letter of its pieces:
    it places its own accents)."""
    from matplotlib.font_manager import get_font
    from matplotlib.ft2font import LoadFlags

    font = bundled(family)[0]
    letters = sorted(c for c in _drawn(font) - _cmap(font)
                     if unicodedata.decomposition(chr(c))[:1] not in ("", "<"))  # fmt: skip
    assert len(letters) > 500  # Latin Extended, Greek, Cyrillic
    chain = get_font([str(f) for f in _chain(font)])
    chain.set_size(12, 72)
    apart = {}
    for item in chain._layout(" ".join(chr(c) for c in letters), LoadFlags.NO_HINTING):
        file = Path(getattr(item.ft_object.fname, "name", item.ft_object.fname))  # see above
        if file != font and not all(ord(c) in _cmap(file) for c in item.char):
            apart[item.char] = file.name
    assert apart == {}


def test_the_first_fallback_that_draws_a_text_is_taken_without_opening_the_next(monkeypatch):
    """Every process read the CJK font's character map (~90 ms) on its first '▲' or '→'
    in a Lato theme, though DejaVu Sans, the first fallback, draws them (found in review):
    the fallbacks are opened in order, up to the first that draws the text."""
    import deckgen.theming.fonts as fonts

    lato = _lato()
    dejavu, cjk = fallback_files()
    opened: list[Path] = []
    real = fonts._cmap

    def recorded(path: Path) -> frozenset[int]:
        opened.append(path)
        return real(path)

    monkeypatch.setattr(fonts, "_cmap", recorded)
    fonts.covering.cache_clear()
    assert covering(lato, "Sales ▲ 12% → 15%") == dejavu
    assert cjk not in opened
    assert covering(lato, "東京 ▲") == cjk  # DejaVu has no 東: the next is opened
    fonts.covering.cache_clear()


# ------------------------------------------------------- a font file overwritten in place
def test_a_face_keeps_drawing_after_its_font_file_is_overwritten_in_place(tmp_path):
    """A warm worker drawing while a theme's font is saved again: made from the path, the
    face's file was mapped into memory, and its next glyph past the truncated file's end
    killed the process (SIGBUS, stop 90's test run). Made from the file's bytes, it draws
    on with the font it opened. In a child process, so a crash fails this test alone."""
    font = tmp_path / "Lato-Bold.ttf"
    font.write_bytes(_lato().read_bytes())
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from deckgen.render.chartkit import _ink_font\n"
        "from deckgen.theming.fonts import pil_font\n"
        "font = Path(sys.argv[1])\n"
        "face, ink = pil_font(font, 40), _ink_font(str(font), 40)\n"
        "face.getmask2('A'), ink.getbbox('A')\n"
        "font.write_bytes(b'')  # truncated, as a file saved again is before it is written\n"
        "print(face.getmask2('Zqxj')[0].size, ink.getbbox('Zqxj'))\n"
    )
    run = subprocess.run([sys.executable, "-c", code, str(font)], capture_output=True,
                         text=True, cwd=tmp_path)  # fmt: skip
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip() and "(0, 0)" not in run.stdout


def test_a_face_is_made_from_the_bytes_of_a_theme_font_and_from_the_path_of_a_big_one():
    """Pillow copies a face's bytes into it, one copy a size: the 16.5 MB CJK fallback (a
    package file no one saves over) is opened from its path, a theme's font from memory."""
    _, cjk = fallback_files()
    assert face_source(cjk) == str(cjk)
    source = face_source(_lato())
    assert not isinstance(source, str) and source.read() == _lato().read_bytes()
