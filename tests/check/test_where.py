"""Every finding names its file as the user wrote the outline's, and its line: a theme's
colour at its line in theme.yaml, a data file from the outline's folder, not by the
machine's absolute path (fuzz-J/10)."""

from __future__ import annotations

import json
import shutil
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner

from deckgen.cli import cli
from tests.helpers import PRODUCTION_CSV

if TYPE_CHECKING:
    from pathlib import Path

CASES = __import__("pathlib").Path(__file__).parents[1] / "check_cases"


def _project(tmp_path: Path) -> Path:
    """The A11Y002 case: a project theme whose muted text colour (line 9) is too faint."""
    project = tmp_path / "proj"
    shutil.copytree(CASES / "A11Y002", project)
    (project / "production.csv").write_text(PRODUCTION_CSV)
    return project


def _findings(args: list[str]) -> list[dict[str, object]]:
    result = CliRunner().invoke(cli, ["check", *args, "--format", "json"])
    return list(json.loads(result.output))


@pytest.mark.parametrize(("here", "outline", "folder"),
                         [("proj", "deck.yaml", ""), (".", "proj/deck.yaml", "proj/")])  # fmt: skip
def test_a_theme_colour_is_named_at_its_line_from_the_outline_s_folder(
    monkeypatch, tmp_path: Path, here: str, outline: str, folder: str
):
    """'/tmp/.../themes/bad/theme.yaml' with no line, and a fix that said 'set colors.muted
    to the colour deckgen uses' without naming it (the build's warning names it)."""
    _project(tmp_path)
    monkeypatch.chdir(tmp_path / here)
    (muted,) = [f for f in _findings([outline, "--select", "A11Y002"])
                if f["field"] == "colors.muted"]  # fmt: skip
    assert (muted["file"], muted["line"]) == (f"{folder}themes/bad/theme.yaml", 9)
    assert str(muted["fix"]).startswith("set colors.muted to #")
    moved_to = str(muted["message"]).split(" -> ")[1].split(" ")[0]
    assert str(muted["fix"]).startswith(f"set colors.muted to {moved_to} ")


def test_a_colour_the_theme_file_leaves_to_its_default_is_named_at_its_mapping(tmp_path: Path):
    """A field the file does not write has no line of its own: the line of the mapping
    that would hold it, not none."""
    from types import SimpleNamespace

    from deckgen.check.rules import _theme_where

    project = _project(tmp_path)
    folder = project / "themes" / "bad"
    ctx = SimpleNamespace(theme=SimpleNamespace(theme=SimpleNamespace(folder=folder)))
    assert _theme_where(ctx, "colors.increase").line == 5  # type: ignore[arg-type]
    assert _theme_where(ctx, "colors.categorical[2]").line == 16  # type: ignore[arg-type]


def test_a_bad_data_cell_is_named_from_the_outline_s_folder(monkeypatch, tmp_path: Path):
    """A build-stopping problem in a CSV gave the CSV's absolute path in JSON."""
    project = _project(tmp_path)
    outline = project / "deck.yaml"
    # The column declared a number, as the starter project declares it.
    outline.write_text(outline.read_text().replace(
        "{production: {file: production.csv}}",
        "{production: {file: production.csv, columns: {production_2023: number}}}"))  # fmt: skip
    csv = project / "production.csv"
    csv.write_text(csv.read_text().replace("8997440", "8.997.440"))
    monkeypatch.chdir(tmp_path)
    (bad,) = [f for f in _findings(["proj/deck.yaml"]) if f["code"] == "BLD002"]
    assert (bad["file"], bad["line"]) == ("proj/production.csv", 4)


def test_a_shipped_theme_outside_the_project_keeps_its_path(monkeypatch, tmp_path: Path):
    """Only files inside the outline's folder are named from it: a shipped theme's file is
    no path the user wrote, and '../../..' would say less than where it is."""
    from pathlib import Path

    from deckgen.check import Finding
    from deckgen.check.run import _as_written
    from deckgen.errors import Location

    (tmp_path / "p").mkdir()
    monkeypatch.chdir(tmp_path)
    elsewhere = str(tmp_path / "shipped" / "theme.yaml")
    found = Finding("A11Y002", "warning", Location(elsewhere, 9, "colors.muted"), "m", "f")
    inside = Finding("BLD002", "error", Location(str(tmp_path / "p" / "a.csv"), 2), "m", "f")
    kept, moved = _as_written([found, inside], Path("p/deck.yaml"))
    assert kept.location == found.location
    assert moved.location == Location("p/a.csv", 2)
