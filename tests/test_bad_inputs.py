"""Every bad input gives one clear message, exit code 2, and no traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from deckgen.cli import cli
from tests.helpers import PRODUCTION_CSV

#: Each case is a folder with what it expects said; a `__pycache__` beside them (Python
#: writes one for make_binary_cases.py) is none.
CASES = sorted(p.parent for p in (Path(__file__).parent / "bad_inputs").glob("*/expected.txt"))


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_gives_a_located_message_and_exit_code_2(case: Path, tmp_path, monkeypatch):
    project = tmp_path / "project"
    # Links are copied as links: some cases are about a symbolic link that leaves the
    # project. A case's `outside/` folder is put beside the project, not in it.
    shutil.copytree(case, project, symlinks=True)
    if (project / "outside").is_dir():
        (project / "outside").rename(tmp_path / "outside")
    # A case about the output folder brings what is there already as `out`.
    if (project / "out").exists():
        (project / "out").rename(tmp_path / "out")
    if not (project / "production.csv").exists():
        (project / "production.csv").write_text(PRODUCTION_CSV)
    monkeypatch.chdir(project)
    result = CliRunner().invoke(cli, ["build", "deck.yaml", "--out", str(tmp_path / "out")])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    for line in (project / "expected.txt").read_text().splitlines():
        assert line in result.output, f"{line!r} not in:\n{result.output}"
    assert not (tmp_path / "out" / "deck.pptx").is_file()
