"""A theme's sizes and shares are numbers: 'true' is refused at its line, not read as 1 pt
(and then raised to 12 pt with a warning that said '1 pt')."""

from __future__ import annotations

import shutil

import pytest
from pydantic import ValidationError

from deckgen.errors import ThemeError
from deckgen.theming.model import ChartStyle, TypeScale
from tests.helpers import REPO, load_theme


@pytest.mark.parametrize(
    ("model", "field"),
    [(TypeScale, "chart_label"), (TypeScale, "minimum"), (ChartStyle, "line_width"),
     (ChartStyle, "hole")],
)  # fmt: skip
def test_a_switch_is_no_size_or_share(model, field):
    with pytest.raises(ValidationError, match="expected a number; found true"):
        model(**{field: True})


def test_a_theme_file_with_a_switch_for_a_size_is_refused_at_its_line(tmp_path):
    folder = tmp_path / "themes" / "t"
    shutil.copytree(REPO / "themes" / "corporate", folder)
    theme = folder / "theme.yaml"
    text = theme.read_text(encoding="utf-8")
    assert "\nsizes:\n" not in text  # the shipped theme leaves its sizes to the defaults
    theme.write_text(text + "\nsizes:\n  chart_label: true\n", encoding="utf-8")
    line = len(theme.read_text(encoding="utf-8").splitlines())
    with pytest.raises(ThemeError) as info:
        load_theme("t", tmp_path)
    said = str(info.value)
    assert f"theme.yaml:{line}: sizes.chart_label: expected a number; found true" in said
    assert "1 pt" not in said
