"""The first hour, as a user meets deckgen: ``pip install`` of the built wheel into a fresh
environment, then, in an empty folder outside the repository, every command the README's
quick start and the ``--help`` texts show.

Slow (a wheel, a virtual environment and its dependencies from PyPI or pip's cache, two
builds), and run in CI like every other test.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from tests.helpers import REPO
from tests.test_readme import README, click_commands, quick_start

pytestmark = pytest.mark.slow


def _run(args: list[str], cwd: Path, env: dict[str, str], timeout: float = 600) -> str:
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=timeout, check=False)  # fmt: skip
    said = f"$ {shlex.join(args)}  (in {cwd})\n{done.stdout}{done.stderr}"
    assert done.returncode == 0, said
    assert "Traceback" not in said and "internal error" not in said, said
    return done.stdout


def _mentions(text: str) -> list[list[str]]:
    """The deckgen commands ``text`` shows: example lines (``deckgen new my-deck``) and
    commands in backquotes (`deckgen examples`)."""
    found = [line.strip() for line in text.splitlines() if line.strip().startswith("deckgen ")]
    # Help texts are wrapped: a command in backquotes may span lines.
    found += re.findall(r"`(deckgen [^`]+)`", re.sub(r"\s+", " ", text))
    return [shlex.split(command, comments=True) for command in dict.fromkeys(found)]


def _runnable(command: list[str]) -> bool:
    """An example to run (arguments given, or a command that takes none), not a mention of a
    command by name (`deckgen build` in a sentence: it needs an outline to run) or with a
    placeholder (`deckgen new --example NAME`)."""
    if any(re.fullmatch(r"[A-Z][A-Z_|.]*", word) for word in command):
        return False
    known = click_commands()
    path: tuple[str, ...] = ()
    for word in command[1:]:
        if (*path, word) in known:
            path = (*path, word)
    assert path in known, f"{command} names no deckgen command"
    rest = command[1 + len(path) :]
    from deckgen.cli import cli

    target = cli
    for name in path:
        target = target.commands[name]  # type: ignore[attr-defined]
    arguments = [p for p in target.params if p.param_type_name == "argument"]
    return bool(rest) or not arguments


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """A fresh virtual environment (no system site-packages) with the built wheel in it."""
    root = tmp_path_factory.mktemp("wheel")
    dist = root / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(REPO), "--no-deps", "-q",
                    "-w", str(dist)], check=True, capture_output=True)  # fmt: skip
    (wheel,) = dist.glob("*.whl")
    env_dir = root / "venv"
    venv.create(env_dir, with_pip=True, system_site_packages=False)
    python = env_dir / "bin" / "python"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = f"{env_dir / 'bin'}{os.pathsep}{env['PATH']}"
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check",
                    str(wheel)], check=True, capture_output=True, env=env, timeout=900)  # fmt: skip
    return env_dir, env


def test_the_wheel_carries_the_examples_and_themes_and_nothing_of_the_repository(installed):
    env_dir, env = installed
    where = _run([str(env_dir / "bin" / "python"), "-c",
                  "import deckgen, deckgen.examples as e; print(deckgen.__file__); "
                  "print(*(x.folder for x in e.EXAMPLES.values()), sep='\\n')"],
                 env_dir.parent, env).split()  # fmt: skip
    package = Path(where[0]).parent
    assert package.is_relative_to(env_dir), where
    assert all(Path(folder).is_relative_to(package / "examples") for folder in where[1:])
    assert (package / "_themes" / "corporate-template" / "brand.potx").is_file()
    assert (package / "examples" / "global-impact" / "global-impact-page.txt").is_file()


def test_the_quick_start_and_every_command_the_help_shows_work_from_an_empty_folder(
    installed, tmp_path
):
    env_dir, env = installed
    deckgen = str(env_dir / "bin" / "deckgen")
    empty = tmp_path / "empty"
    empty.mkdir()
    assert not empty.is_relative_to(REPO)

    # The quick start, line by line (its `pip install` is the wheel above).
    cwd = empty
    steps = quick_start()
    assert steps[0][:2] == ["pip", "install"]
    said = {}
    for step in steps[1:]:
        if step[0] == "cd":
            cwd = cwd / step[1]
            continue
        said[step[1]] = _run([deckgen, *step[1:]], cwd, env)
    assert said["build"].startswith("Wrote output/deck.pptx (11 slides")
    assert said["check"] == "No problems found.\n"
    assert (cwd / "output" / "deck.pptx").is_file()
    project = cwd

    # What the quick start promises next: change a number, build again, read what changed;
    # and a theme switch is reported as one, never as files inside the installation.
    data = project / "production.csv"
    data.write_text(data.read_text().replace("China,5234496,30160966", "China,5234496,31000000"))
    again = _run([deckgen, "build", "deck.yaml"], project, env)
    assert "production · China · production_2023: 30,160,966 → 31,000,000" in again
    assert "Changed files: production.csv\n" in again
    switched = _run([deckgen, "build", "deck.yaml", "--theme", "dark"], project, env)
    assert "Theme: corporate → dark\nOption --theme dark given\n" in switched
    assert str(env_dir) not in switched and "site-packages" not in switched

    # Every command the --help texts and the quick start's words show, in the new project.
    helps = [_run([deckgen, "--help"], empty, env)]
    helps += [_run([deckgen, *path, "--help"], empty, env) for path in click_commands() if path]
    quick = README.split("## Quick start", 1)[1].split("From a clone", 1)[0]
    shown = [c for text in [*helps, quick] for c in _mentions(text)]
    examples = [c for c in shown if _runnable(c)]
    assert ["deckgen", "new", "my-deck"] in examples
    assert ["deckgen", "template", "inspect", "corporate-template"] in examples
    assert ["deckgen", "new", "sample", "--example", "global-impact"] in examples
    ran: list[list[str]] = []
    for command in examples:
        if command in ran:
            continue
        ran.append(command)
        if command[1] != "new":
            _run([deckgen, *command[1:]], project, env)
            continue
        # `new` in an empty folder of its own, then what it says to run next: cd, build.
        here = tmp_path / f"new-{len(ran)}"
        here.mkdir()
        out = _run([deckgen, *command[1:]], here, env)
        following = out.split("Next:\n", 1)[1].splitlines()
        assert following[0] == f"  cd {command[2]}"
        built = _run([deckgen, *shlex.split(following[1])[1:]], here / command[2], env)
        assert built.startswith("Wrote output/")
    assert len(ran) == len({tuple(c) for c in examples}) >= 7, ran
