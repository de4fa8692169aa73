"""Text the theme's font cannot draw falls back to a bundled font that can, or the build
names the characters no bundled font draws."""

from __future__ import annotations

import subprocess
import sys

from click.testing import CliRunner
from PIL import Image, ImageDraw

from deckgen.cli import cli
from deckgen.theming.fonts import (
    _cmap,
    coverage_warnings,
    covering,
    fallback_files,
    pil_font,
    undrawable,
)
from tests.helpers import load_theme, write_project

#: U+1FAE8 SHAKING FACE (Unicode 15): in no bundled font.
SHAKING = "\U0001fae8"


def _lato():
    return load_theme("corporate").body.regular


def test_the_fallback_fonts_are_installed_and_draw_cjk_arabic_hebrew_and_emoji_faces():
    cjk, dejavu = fallback_files()
    assert cjk.is_file() and dejavu.is_file()
    assert {ord(c) for c in "中文日本語한국어"} <= _cmap(cjk)
    assert {ord(c) for c in "العربية עברית 😀 ★"} - {ord(" ")} <= _cmap(dejavu)


def test_text_the_theme_font_lacks_is_set_in_a_fallback_that_draws_it():
    lato = _lato()
    assert covering(lato, "Plain ASCII") == lato
    assert covering(lato, "São Paulo") == lato  # Lato draws Latin-1
    assert covering(lato, "東京 leads") == fallback_files()[0]
    assert covering(lato, "القاهرة") == fallback_files()[1]
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
