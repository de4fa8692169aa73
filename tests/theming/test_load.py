from pathlib import Path

import pytest

from deckgen.errors import ThemeError
from deckgen.theming.load import available
from tests.helpers import load_theme

SHIPPED = ("corporate", "dark", "contrast")


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_themes_load_with_real_font_files(name):
    theme = load_theme(name)
    assert theme.theme.name == name
    for files in (theme.heading, theme.body, theme.number):
        assert files.regular.is_file() and files.bold.is_file()


def test_shipped_themes_look_clearly_different():
    themes = [load_theme(n).theme for n in SHIPPED]
    assert len({t.colors.background for t in themes}) >= 2
    assert len({t.colors.highlight for t in themes}) == 3
    assert len({t.fonts.body.family for t in themes}) == 3


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("name", SHIPPED)
def test_text_colours_pass_wcag_aa(name):
    c = load_theme(name).theme.colors
    assert contrast(c.text, c.background) >= 4.5
    assert contrast(c.text, c.surface) >= 4.5
    assert contrast(c.muted, c.background) >= 4.5
    assert contrast(c.on_primary, c.primary) >= 4.5
    # The highlight is used for text (table rows, stat values) and for bars.
    assert contrast(c.highlight, c.background) >= 3.0


def test_contrast_theme_reaches_aaa_for_body_text():
    c = load_theme("contrast").theme.colors
    assert contrast(c.text, c.background) >= 7
    assert contrast(c.highlight, c.background) >= 7


def test_unknown_theme_suggests_the_nearest():
    with pytest.raises(ThemeError, match="did you mean 'corporate'"):
        load_theme("corprate")


def test_a_project_theme_folder_is_found_and_validated(tmp_path: Path):
    folder = tmp_path / "themes" / "brand"
    folder.mkdir(parents=True)
    text = (Path(__file__).parents[2] / "themes" / "corporate" / "theme.yaml").read_text()
    (folder / "theme.yaml").write_text(text.replace('highlight: "#C8102E"', 'highlight: "red"'))
    assert "brand" in available(tmp_path)
    with pytest.raises(ThemeError, match=r"colors.highlight.*expected a colour like"):
        load_theme("brand", tmp_path)
