"""Where a theme is looked for: the themes one folder up are found from the outline's own
folder too, and :func:`looked_up` names the places looked in up to the theme found (what
the manifest records, so that a theme folder added to an earlier place rebuilds)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from deckgen.theming.load import SHIPPED_DIRS, find_theme, looked_up
from tests.helpers import REPO

if TYPE_CHECKING:
    import pytest


def _one_folder_up(root: Path) -> Path:
    """A project folder with its theme ``brand`` in the folder above it."""
    shutil.copytree(REPO / "themes" / "corporate", root / "themes" / "brand")
    project = root / "project"
    project.mkdir()
    return project


def test_a_theme_one_folder_up_is_found_from_the_outlines_own_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`deckgen build deck.yaml` in the project's folder looks from Path('.'), whose parent
    is '.': the theme one folder up, found from the folder above, was unknown there."""
    project = _one_folder_up(tmp_path)
    monkeypatch.chdir(project)
    found = find_theme("brand", Path("."), confined=True)
    assert found == (tmp_path / "themes" / "brand").resolve()
    monkeypatch.chdir(tmp_path)
    assert find_theme("brand", Path("project"), confined=True) == found


def test_looked_up_names_each_place_up_to_the_theme_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = _one_folder_up(tmp_path)
    monkeypatch.chdir(project)
    here = Path(".")
    assert looked_up("brand", here, confined=True) == [
        here / "brand" / "theme.yaml",
        here / "themes" / "brand" / "theme.yaml",
        here / ".." / "themes" / "brand" / "theme.yaml",
    ]
    # A shipped theme: every place before it, where a project's own would shadow it.
    shipped = looked_up("corporate", here, confined=True)
    assert shipped[:3] == [here / "corporate" / "theme.yaml",
                           here / "themes" / "corporate" / "theme.yaml",
                           here / ".." / "themes" / "corporate" / "theme.yaml"]  # fmt: skip
    assert shipped[-1].parent.parent in SHIPPED_DIRS and shipped[-1].is_file()
    # A path is looked for as that path only.
    assert looked_up("../themes/brand", here, confined=True) == [
        here / ".." / "themes" / "brand" / "theme.yaml"
    ]
