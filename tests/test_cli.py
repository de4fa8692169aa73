"""The command line: help, version, exit codes, atomic output, progress-free logs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from deckgen import __version__
from deckgen.cli import cli
from tests.helpers import HEADER, write_project

GOOD = (
    HEADER
    + """\
  - kind: title
  - kind: chart
    title: China leads
    chart: {type: bar, data: production, x: country, y: production_2023}
"""
)


def test_help_does_not_import_matplotlib_or_pandas():
    code = (
        "import sys; from deckgen.cli import cli\n"
        "try:\n    cli(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('matplotlib', 'pandas', 'pptx', 'PIL') if m in sys.modules]\n"
        "print('HEAVY', heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "HEAVY []" in out.stdout


def test_every_command_has_help():
    runner = CliRunner()
    for args in (["--help"], ["build", "--help"], ["themes", "--help"], ["social", "--help"],
                 ["presets", "--help"], ["diff", "--help"], ["watch", "--help"]):  # fmt: skip
        result = runner.invoke(cli, args)
        assert result.exit_code == 0
        assert "Usage:" in result.output


def test_version():
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output


def test_build_writes_the_deck_and_a_summary(tmp_path):
    path = write_project(tmp_path, GOOD)
    result = CliRunner().invoke(cli, ["build", str(path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "deck.pptx").is_file()
    assert "2 slides, 1 pictures" in result.output


def test_a_failed_build_leaves_the_previous_deck_untouched(tmp_path):
    path = write_project(tmp_path, GOOD)
    out = tmp_path / "out"
    runner = CliRunner()
    assert runner.invoke(cli, ["build", str(path), "--out", str(out)]).exit_code == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert out / "deck.pptx" in before and out / "deck" / "manifest.json" in before
    path.write_text(GOOD.replace("y: production_2023", "y: production_2099"))
    result = runner.invoke(cli, ["build", str(path), "--out", str(out)])
    assert result.exit_code == 2
    # The deck, the manifest and the cache are as they were; no temp files left behind.
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_debug_shows_the_traceback(tmp_path):
    path = write_project(tmp_path, GOOD.replace("y: production_2023", "y: nope"))
    result = CliRunner().invoke(cli, ["--debug", "build", str(path), "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "Traceback (most recent call last)" in result.output
    assert "no column 'nope'" in result.output


def test_theme_option_overrides_the_outline(tmp_path):
    path = write_project(tmp_path, GOOD)
    result = CliRunner().invoke(
        cli, ["build", str(path), "--theme", "dark", "--out", str(tmp_path / "out")]
    )
    assert result.exit_code == 0, result.output
    assert "theme 'dark'" in result.output


def test_themes_lists_every_shipped_theme_with_colours():
    result = CliRunner().invoke(cli, ["themes"])
    assert result.exit_code == 0
    for name in ("corporate", "dark", "contrast"):
        assert name in result.output
    assert "highlight #" in result.output


def test_missing_outline_file_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2
    assert "outline file not found" in result.output


def test_python_dash_m_runs_the_cli():
    out = subprocess.run(
        [sys.executable, "-m", "deckgen", "--version"], capture_output=True, text=True, check=True
    )
    assert __version__ in out.stdout


def test_console_script_is_installed():
    script = Path(sys.executable).parent / "deckgen"
    assert script.exists()
