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


@pytest.mark.parametrize("size", [math.inf, -math.inf, math.nan, 0, -4])
def test_a_size_that_is_not_a_positive_number_is_refused(size):
    with pytest.raises(ValidationError, match="font size in points above zero"):
        TypeScale(title=size)


@given(st.floats(allow_nan=True, allow_infinity=True))
@settings(max_examples=60, deadline=None)
def test_every_size_is_refused_or_finite_and_at_least_the_floor(size):
    try:
        scale = TypeScale(body=size, footer=size)
    except ValidationError:
        assert not (math.isfinite(size) and size > 0)
        return
    assert math.isfinite(scale.body) and scale.body >= 12 and scale.footer >= 12


@pytest.mark.parametrize("field", ["hole", "bar_width"])
@pytest.mark.parametrize("share", [math.nan, math.inf, -0.1, 1.5])
def test_a_share_outside_0_to_1_is_refused(field, share):
    with pytest.raises(ValidationError, match="share between 0 and 1"):
        ChartStyle(**{field: share})


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
    assert "themes/house/theme.yaml: colors.text: moved for contrast, #FFFFFF -> " in result.output
    assert "1.0:1 -> 4.5:1 against background and surface); set colors.text to #" in (result.output)
    assert "sizes.footer: 9 pt is under the 12 pt floor and is drawn at 12 pt" in result.output


def test_a_shipped_theme_builds_without_theme_warnings():
    from tests.helpers import load_theme

    for name in ("corporate", "dark", "contrast", "corporate-template"):
        assert load_theme(name).theme.adjustments() == []
