"""The examples `deckgen new` starts a project from, and the project it writes."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from deckgen.cli import cli
from deckgen.examples import EXAMPLES, new_project
from deckgen.kinds import SLIDE_KINDS
from tests.helpers import REPO


def _run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_the_starter_has_one_slide_of_each_kind_and_data_of_its_own():
    starter = EXAMPLES["starter"].folder
    outline = yaml.safe_load((starter / "deck.yaml").read_text())
    kinds = [slide["kind"] for slide in outline["slides"]]
    assert sorted(kinds) == sorted(SLIDE_KINDS), "add a slide of the new kind to the starter"
    files = [source["file"] for source in outline["data"].values()]
    assert files == ["production.csv"]
    assert (starter / "production.csv").is_file()
    assert "production.csv" in (starter / "README.md").read_text()


def test_the_sample_example_is_the_repository_data_folder():
    # One copy: a source checkout reads data/ itself (a wheel carries it as
    # deckgen/examples/global-impact/, tested in test_wheel.py).
    assert EXAMPLES["global-impact"].folder == REPO / "data"


def test_new_writes_a_project_that_builds(tmp_path, monkeypatch):
    from deckgen.pipeline import BuildOptions, build

    made = new_project(tmp_path / "my-deck")
    project = tmp_path / "my-deck"
    for name in ("deck.yaml", "production.csv", "README.md", "how-it-works.png",
                 "themes/corporate/theme.yaml"):  # fmt: skip
        assert (project / name).is_file(), name
    assert Path("themes/corporate/theme.yaml") in made.files
    monkeypatch.chdir(project)
    result = build(Path("deck.yaml"), BuildOptions(out_dir=Path("output")))
    assert result.slides == len(SLIDE_KINDS)
    assert result.cards == 2
    # The deck uses the project's copy of the theme (it comes first), so editing it shows.
    from deckgen import manifest

    document = manifest.read(Path("output/deck/manifest.json"))
    assert document is not None
    assert "themes/corporate/theme.yaml" in document["inputs"]


def test_new_with_another_theme_copies_it_and_names_it_in_the_outline(tmp_path):
    new_project(tmp_path, theme="dark")
    text = (tmp_path / "deck.yaml").read_text()
    assert yaml.safe_load(text)["deck"]["theme"] == "dark"
    assert "  theme: dark\n" in text
    # Only the value changed: the comments and the rest of the file are as shipped.
    shipped = (EXAMPLES["starter"].folder / "deck.yaml").read_text()
    assert text == shipped.replace("  theme: corporate\n", "  theme: dark\n")
    assert (tmp_path / "themes" / "dark" / "theme.yaml").is_file()
    assert not (tmp_path / "themes" / "corporate").exists()


def test_new_copies_a_template_theme_with_its_template(tmp_path):
    new_project(tmp_path, theme="corporate-template")
    assert (tmp_path / "themes" / "corporate-template" / "brand.potx").is_file()


def test_new_refuses_a_folder_that_is_not_empty_unless_forced(tmp_path, monkeypatch):
    (tmp_path / "notes.txt").write_text("mine")
    (tmp_path / "deck.yaml").write_text("my outline")
    monkeypatch.chdir(tmp_path)
    result = _run("new")
    assert result.exit_code == 2
    assert "the folder is not empty (it holds deck.yaml, notes.txt)" in result.output
    assert "--force" in result.output
    assert (tmp_path / "deck.yaml").read_text() == "my outline"
    result = _run("new", "--force")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "deck.yaml").read_text().startswith("# A starter deck")
    assert (tmp_path / "notes.txt").read_text() == "mine"


@pytest.mark.parametrize(("made", "said"), [
    ("deck.yaml/", "deck.yaml: is a folder where the 'starter' example writes a file"),
    ("themes/corporate", "corporate: is a file where the 'starter' example writes a folder"),
])  # fmt: skip
def test_new_force_over_a_folder_of_a_files_name_says_so_and_writes_nothing(
    tmp_path, monkeypatch, made, said
):
    # It crashed half way (IsADirectoryError, exit 1), the README written (found by fuzzing).
    target = tmp_path / made
    target.parent.mkdir(parents=True, exist_ok=True)
    target.mkdir() if made.endswith("/") else target.write_text("mine")
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    monkeypatch.chdir(tmp_path)
    result = _run("new", "--force")
    assert result.exit_code == 2 and said in result.output, result.output
    assert "Traceback" not in result.output and "internal error" not in result.output
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


@pytest.mark.parametrize(("name", "said"), [
    ("afile/sub", "cannot be made: a file stands in its path where a folder should be"),
    ("a" * 300, "cannot be made: its name is longer than the file system allows"),
    ("/proc/deckgen-new", "cannot be made: no folder can be made there"),
])  # fmt: skip
def test_new_into_a_folder_that_cannot_be_made_says_why(tmp_path, monkeypatch, name, said):
    # Each was an internal error, exit 1 (found by fuzzing).
    (tmp_path / "afile").write_text("mine")
    monkeypatch.chdir(tmp_path)
    result = _run("new", name)
    assert result.exit_code == 2 and said in result.output, result.output
    assert "hint: name a new folder in one you can write to" in result.output
    assert "internal error" not in result.output


def test_a_folder_holding_only_git_counts_as_empty(tmp_path):
    (tmp_path / ".git").mkdir()
    new_project(tmp_path)
    assert (tmp_path / "deck.yaml").is_file()


def test_new_prints_what_it_wrote_and_the_next_command(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = _run("new", "my-deck")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Created my-deck from the example 'starter':"
    assert "  themes/corporate/theme.yaml" in lines
    assert lines[-3:] == ["Next:", "  cd my-deck", "  deckgen build deck.yaml"]
    # Quoted for the shell, so it can be pasted (it could not; found by fuzzing).
    result = _run("new", "Q3 briefing (draft)")
    assert result.output.splitlines()[-2] == "  cd 'Q3 briefing (draft)'"


def test_new_sample_example(tmp_path):
    made = new_project(tmp_path, "global-impact")
    assert made.outline == tmp_path / "global-impact.yaml"
    for name in ("g20_production.csv", "README.md", "state-fact-sheet.yaml"):
        assert (tmp_path / name).is_file(), name
    assert (tmp_path / "themes" / "corporate" / "theme.yaml").is_file()


@pytest.mark.parametrize(
    ("args", "message", "hint"),
    [
        (["--example", "startr"], "unknown example 'startr'; the examples are 'starter', "
         "'global-impact'", "did you mean 'starter'?"),
        (["--theme", "drak"], "--theme: unknown theme 'drak'", "did you mean 'dark'?"),
        # A name near none had no hint (fuzzing round 5).
        (["--theme", "nope"], "--theme: unknown theme 'nope'", "e.g. --theme corporate"),
    ],
)  # fmt: skip
def test_new_names_a_wrong_example_or_theme(tmp_path, args, message, hint):
    result = _run("new", str(tmp_path / "p"), *args)
    assert result.exit_code == 2
    assert message in result.output
    assert hint in result.output
    assert not (tmp_path / "p").exists()


def test_examples_lists_every_example():
    result = _run("examples")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    for name, example in EXAMPLES.items():
        assert any(
            line.startswith(name) and f" {example.outline}: {example.about}" in line
            for line in lines
        ), name
    assert "deckgen new FOLDER --example NAME" in result.output


def test_the_starter_picture_is_what_its_tool_draws():
    spec = importlib.util.spec_from_file_location("make", REPO / "tools/make_starter_image.py")
    assert spec is not None and spec.loader is not None
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    assert tool.draw() == (EXAMPLES["starter"].folder / "how-it-works.png").read_bytes()


def test_the_starter_passes_its_own_review(tmp_path):
    """What a new user builds first must not fail `deckgen check` (a theme or rule that
    makes it fail fails here first)."""
    from deckgen.check import check
    from deckgen.pipeline import BuildOptions

    for theme in ("corporate", "dark", "contrast", "corporate-template"):
        made = new_project(tmp_path / theme, theme=theme)
        report = check(made.outline, BuildOptions(out_dir=tmp_path / theme / "output"))
        # No error in any shipped theme; in the default one, not even a warning.
        shown = report.findings if theme == "corporate" else report.errors
        assert [f"{f.code} {f.message}" for f in shown] == [], theme
