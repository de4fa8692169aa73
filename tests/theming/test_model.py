"""The theme schema refuses sizes no text can have, and says what it changed as it loaded."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from deckgen.cli import cli
from deckgen.theming.model import ChartStyle, TypeScale
from tests.helpers import REPO, write_project

if TYPE_CHECKING:
    from pathlib import Path


@pytest.mark.parametrize("size", [math.inf, -math.inf, math.nan, 0, -4, 401, 5000])
def test_a_size_that_is_not_a_positive_number_up_to_400_is_refused(size):
    # 5000 pt reached FreeType as "invalid pixel size", an internal error.
    with pytest.raises(ValidationError, match="font size in points above 0 and at most 400"):
        TypeScale(title=size)


@pytest.mark.parametrize("colour", ["#FFFFFF\n", "#FFF", " #FFFFFF", "#GGGGGG", "FFFFFF"])
def test_a_colour_is_exactly_a_hash_and_six_hex_digits(colour):
    """'#FFFFFF' and a newline (as a YAML block scalar keeps it) passed the check, then stopped
    the build inside matplotlib (found by fuzzing)."""
    from deckgen.theming.model import Palette

    good = {"background": "#FFFFFF", "surface": "#F2F2F2", "text": "#000000",
            "muted": "#555555", "primary": "#12355B", "on_primary": "#FFFFFF",
            "highlight": "#C8102E", "neutral": "#5C6777", "grid": "#DDDDDD"}  # fmt: skip
    with pytest.raises(ValidationError, match="expected a colour like '#1F4E79'"):
        Palette(**{**good, "background": colour})
    assert Palette(**good).background == "#FFFFFF"


@pytest.mark.parametrize("field", ["chart_label", "body", "footer", "table", "minimum"])
def test_running_text_is_at_most_an_inch(field):
    # A 400 pt chart label collapsed the plot to nothing (matplotlib's layout gave up).
    assert getattr(TypeScale(**{field: 72}), field) == 72
    with pytest.raises(ValidationError, match="at most 72 for this text"):
        TypeScale(**{field: 73})


@given(st.floats(allow_nan=True, allow_infinity=True))
@settings(max_examples=60, deadline=None)
def test_every_size_is_refused_or_finite_and_at_least_the_floor(size):
    try:
        scale = TypeScale(body=size, footer=size)
    except ValidationError:
        assert not (math.isfinite(size) and 0 < size <= 72)
        return
    assert 12 <= scale.body <= 72 and 12 <= scale.footer <= 72


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("hole", math.nan, "share between 0 and 0.9"),
        ("hole", -0.1, "share between 0 and 0.9"),
        ("hole", 1.0, "share between 0 and 0.9"),  # a ring of no width
        ("bar_width", math.inf, "share between 0.1 and 1"),
        ("bar_width", 0, "share between 0.1 and 1"),  # bars of no width: labels alone
        ("bar_width", 1.5, "share between 0.1 and 1"),
        ("line_width", 0, "line width in points above 0 and at most 20"),
        ("line_width", 100000, "line width in points above 0 and at most 20"),  # 24 GB
    ],
)
def test_a_chart_style_no_chart_can_draw_is_refused(field, value, expected):
    with pytest.raises(ValidationError, match=expected):
        ChartStyle(**{field: value})


def _house_theme(root: Path, colours: dict[str, str], sizes: dict[str, float]) -> None:
    raw = yaml.safe_load((REPO / "themes" / "corporate" / "theme.yaml").read_text())
    raw["colors"].update(colours)
    raw["sizes"] = sizes
    folder = root / "themes" / "house"
    folder.mkdir(parents=True)
    (folder / "theme.yaml").write_text(yaml.safe_dump(raw))


def test_a_build_says_which_theme_colour_it_moved_and_how_to_fix_it(tmp_path, monkeypatch):
    """White text on a white background would be invisible; deckgen darkens it (the check
    rules A11Y002/A11Y003 say so in `deckgen check`) and the build warns too."""
    write_project(tmp_path, """
        deck: {title: Same colours, theme: house}
        data: {production: {file: production.csv}}
        slides:
          - kind: statement
            text: White on white
    """)  # fmt: skip
    _house_theme(tmp_path, {"text": "#FFFFFF"}, {"footer": 9})
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["build", "deck.yaml", "--out", "out"])
    assert result.exit_code == 0, result.output
    # Named from the outline's folder, at the field's line (it was an absolute path with
    # no line, where check named both).
    line = next(n for n, text in enumerate(
        (tmp_path / "themes" / "house" / "theme.yaml").read_text().splitlines(), 1)
        if text.strip().startswith("text:"))  # fmt: skip
    assert (f"warning: themes/house/theme.yaml:{line}: colors.text: moved for contrast, "
            "#FFFFFF -> ") in result.output  # fmt: skip
    assert str(tmp_path) not in result.output
    assert "1.0:1 -> 4.5:1 against background and surface); set colors.text to #" in (result.output)
    assert "sizes.footer: 9 pt is under the 12 pt floor and is drawn at 12 pt" in result.output


def test_a_shipped_theme_builds_without_theme_warnings():
    from tests.helpers import load_theme

    for name in ("corporate", "dark", "contrast", "corporate-template"):
        assert load_theme(name).theme.adjustments() == []


def test_a_larger_minimum_raises_the_defaults_quietly_and_names_only_what_the_theme_wrote():
    """sizes: {minimum: 24} warned of every default size under it (footer, table, ...),
    each with the fix 'set it to 12 or more' (found by fuzzing)."""
    quiet = TypeScale.model_validate({"minimum": 24})
    assert quiet.raised == {} and quiet.footer == 24 and quiet.table == 24
    written = TypeScale.model_validate({"minimum": 24, "footer": 14})
    assert written.raised == {"footer": 14}


def test_text_that_does_not_fit_at_a_themes_larger_sizes_names_them_in_the_theme(
    tmp_path, monkeypatch
):
    """sizes.title: 60 made titles fail as 'shorten the text' at the outline's lines, with
    no word of the theme (found by fuzzing)."""
    import shutil

    from deckgen.errors import FitError
    from deckgen.pipeline import BuildOptions, build

    themes = tmp_path / "themes"
    shutil.copytree(REPO / "themes" / "corporate", themes / "big")
    with (themes / "big" / "theme.yaml").open("a", encoding="utf-8") as f:
        f.write("sizes: {title: 60}\n")
    long_title = "The United States built 1.4 million fewer vehicles in 2023 than in 2004"
    path = write_project(tmp_path, "deck: {title: T, theme: big}\nslides:\n"
                                   f"  - kind: bullets\n    title: {long_title}, {long_title}\n"
                                   "    items: [One point]\n")  # fmt: skip
    with pytest.raises(FitError) as caught:
        build(path, BuildOptions(out_dir=tmp_path / "out"))
    theme_file = str(themes / "big" / "theme.yaml")
    (said,) = [p for p in caught.value.problems if p.location and p.location.file == theme_file]
    assert said.location is not None and said.location.field == "sizes"
    assert "sizes.title: 60 (default 34)" in said.message
    # At the line that writes it (there was no line: fuzzing round 8, 14).
    lines = (themes / "big" / "theme.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[said.location.line - 1].startswith("sizes: {title: 60}")


def test_a_card_that_does_not_fit_blames_only_the_sizes_its_text_is_set_in(tmp_path):
    """A stat card's label too long for any size, on a theme with larger slide sizes, was
    also told 'the text above does not fit at this theme's larger sizes: sizes.body: 22,
    sizes.title: 36...' (fuzzing round 8, 14): a card sets its own text, whatever the
    theme's sizes. A card's chart labels follow sizes.chart_label, and only that is named
    when a card's chart has no room."""
    import shutil

    from deckgen.errors import FitError
    from deckgen.plan.cards import plan_cards
    from deckgen.tables.sources import load_tables
    from tests.helpers import load_outline, load_theme

    themes = tmp_path / "themes"
    shutil.copytree(REPO / "themes" / "corporate", themes / "big")
    theme_file = themes / "big" / "theme.yaml"
    with theme_file.open("a", encoding="utf-8") as f:
        f.write("sizes: {body: 30, title: 60, chart_label: 20}\n")
    label = "a label far too long for any card " * 8
    stat = ("deck: {title: T, theme: big}\nsocial:\n  cards:\n"
            f"    - {{kind: stat, value: '1', label: '{label}', presets: [og]}}\n")  # fmt: skip
    loaded = load_outline(write_project(tmp_path, stat))
    with pytest.raises(FitError) as caught:
        plan_cards(loaded, load_tables(loaded), load_theme("big", tmp_path))
    assert [p.location.field for p in caught.value.problems] == ["social.cards[0].label"]
    chart = ("deck: {title: T, theme: big}\ndata: {n: {file: n.csv}}\nsocial:\n  cards:\n"
             "    - {kind: chart, title: Alpha is huge, presets: [ig-square], chart: {type: bar, "
             "data: n, x: name, y: value, format: 'plain:0'}}\n")  # fmt: skip
    csv = "name,value\nAlpha,123456789012345\nBeta,98765432109876\nGamma,5\n"
    loaded = load_outline(write_project(tmp_path, chart, {"n.csv": csv}))
    with pytest.raises(FitError) as caught:
        plan_cards(loaded, load_tables(loaded), load_theme("big", tmp_path))
    card, theme = caught.value.problems
    assert card.location.field == "social.cards[0].chart"
    assert theme.message.endswith("larger sizes: sizes.chart_label: 20 (default 14)")
    assert theme.location.line is not None


def test_text_in_the_accent_reads_at_4_5_to_1_at_any_size():
    """A brand orange at 3.0:1 on white: WCAG's large text may have 3:1, and the template
    theme's 60-96 pt stat values took the orange itself, at the least any text may have
    (design review). Text in the accent, of any size, is the ink that reads at 4.5:1 on
    the background and the surface; the orange stays the bars' and rules'."""
    from deckgen.theming.colour import TEXT, contrast
    from deckgen.theming.model import Palette

    palette = Palette(background="#FFFFFF", surface="#EEF3F5", text="#1D2733",
                      muted="#5B6673", primary="#0E4D64", on_primary="#FFFFFF",
                      highlight="#E07A1F", neutral="#8A969F", grid="#D5DEE3")  # fmt: skip
    ink = palette.highlight_ink
    assert ink != "#E07A1F"  # the orange is under 4.5:1 on white
    assert palette.highlight == "#E07A1F"
    assert contrast(ink, "#FFFFFF") >= TEXT and contrast(ink, "#EEF3F5") >= TEXT


def test_many_chart_colours_moved_are_named_five_and_counted_and_their_lines_read_once(
    tmp_path, monkeypatch
):
    """A theme of 5,000 chart colours, most moved for contrast, printed 2,176 warnings and
    took 92 s to load, theme.yaml parsed again to find each one's line (found by fuzzing):
    five are named, the rest counted, and the file is parsed once for all."""
    from deckgen.outline import load as outline_load
    from tests.helpers import load_theme

    write_project(tmp_path, """
        deck: {title: Many colours, theme: house}
        data: {production: {file: production.csv}}
        slides:
          - kind: statement
            text: Colours
    """)  # fmt: skip
    pale = [f"#FFFF{k:02X}" for k in range(200)]  # each under 3:1 on white
    _house_theme(tmp_path, {"categorical": pale}, {})
    parsed = []
    real = outline_load.compose_document
    monkeypatch.setattr(outline_load, "compose_document",
                        lambda text, file: parsed.append(file) or real(text, file))  # fmt: skip
    monkeypatch.chdir(tmp_path)
    warnings = load_theme("house", tmp_path).theme.adjustments(tmp_path / "deck.yaml")
    colours = [w for w in warnings if "colors.categorical" in w]
    assert len(colours) == 6, colours
    assert colours[-1].endswith("colors.categorical: 195 more of its colours moved for "
                                "contrast, as those above; set each to a colour that meets "
                                "3:1 against the background")  # fmt: skip
    assert len([f for f in parsed if f.name == "theme.yaml"]) <= 2  # loaded, then its lines
