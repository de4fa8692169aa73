"""The README is true: its commands table, its snippets, its counts and its pictures."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import click
import pytest
from PIL import Image

from deckgen import __version__
from deckgen.cli import cli
from tests.helpers import REPO, SAMPLE

README = (REPO / "README.md").read_text(encoding="utf-8")

Options = dict[tuple[str, ...], set[str]]


# --------------------------------------------------------------------------- the commands table
def click_commands(command: click.Command = cli, path: tuple[str, ...] = ()) -> Options:
    """Every command path with its long options (``--help`` aside), from Click."""
    found = {path: {o for p in command.params if isinstance(p, click.Option) for o in p.opts
                    if o.startswith("--") and o != "--help"}}  # fmt: skip
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            if not sub.hidden:  # `daemon run`: what `daemon start` runs, not typed by users
                found.update(click_commands(sub, (*path, name)))
    return found


def table_commands(readme: str = README) -> Options:
    """Every command the README's commands table shows, with the options it names."""
    section = readme.split("## The commands", 1)[1].split("\n## ", 1)[0]
    known = click_commands()
    found: Options = {}
    for row in section.splitlines():
        if not row.startswith("| `deckgen"):
            continue
        cell = row.split(" | ")[0]
        for code in re.findall(r"`(deckgen[^`]*)`", cell):
            words = code.replace("\\|", "|").split()[1:]
            path: tuple[str, ...] = ()
            for word in words:
                if (*path, word) in known:
                    path = (*path, word)
            options = set(re.findall(r"--[a-z][a-z-]*", code)) - {"--help"}
            found.setdefault(path, set()).update(options)
    return found


def test_every_command_and_option_is_in_the_commands_table_and_nothing_else():
    commands, table = click_commands(), table_commands()
    groups = {p for p in commands if _is_group(p)}
    missing = {p: commands[p] - table.get(p, set()) for p in commands if p not in groups}
    missing = {p: o for p, o in missing.items() if o or p not in table}
    assert not missing, f"add to the README's commands table: {missing}"
    unknown = {p: o - commands.get(p, set()) for p, o in table.items()}
    unknown = {p: o for p, o in unknown.items() if o or p not in commands}
    assert not unknown, f"the README's commands table names what Click has not: {unknown}"


def _is_group(path: tuple[str, ...]) -> bool:
    """A group with subcommands (``template``) needs no row of its own; the root does."""
    command: click.Command = cli
    for name in path:
        assert isinstance(command, click.Group)
        command = command.commands[name]
    return bool(path) and isinstance(command, click.Group)


def test_the_table_check_finds_a_missing_option_and_an_invented_one():
    """The comparison above can fail: a row without an option, or with one Click lacks."""
    row = "| `deckgen watch OUTLINE [--theme NAME] [--out DIR] [--jobs N] [--debounce MS]"
    assert row in README
    shown = table_commands(README.replace(row, row.replace(" [--debounce MS]", "")))
    assert "--debounce" not in shown[("watch",)]
    assert "--debounce" in table_commands()[("watch",)]
    invented = table_commands(README.replace(row, row + " [--colour]"))
    assert "--colour" in invented[("watch",)] - click_commands()[("watch",)]


# --------------------------------------------------------------------------- snippets
def _marked(kind: str) -> list[str]:
    """The YAML blocks marked ``<!-- README check: KIND ... -->`` just before their fence."""
    pattern = rf"<!-- README check: {kind}\b[^>]*-->\n```yaml\n(.*?)```"
    return re.findall(pattern, README, flags=re.DOTALL)


def test_the_readme_theme_snippet_loads_as_pasted(tmp_path):
    from tests.helpers import load_theme

    (snippet,) = _marked("theme")
    folder = tmp_path / "themes" / "brand"
    folder.mkdir(parents=True)
    (folder / "theme.yaml").write_text(snippet, encoding="utf-8")
    theme = load_theme("brand", tmp_path).theme
    assert theme.label == "Brand (light)"
    assert theme.logo is None  # optional: commented out, so pasting it needs no logo file
    # The example passes the checks it teaches: its neutral and two of its six "colour-blind
    # safe" colours missed 3:1 and were moved, and four pairs looked alike (fuzz-O/1).
    assert theme.adjustments() == []


def test_the_readme_theme_snippet_passes_the_colour_checks(tmp_path):
    from deckgen.check import check
    from deckgen.pipeline import BuildOptions
    from tests.helpers import write_project

    (snippet,) = _marked("theme")
    outline = """\
deck: {title: Theme, theme: brand}
data:
  d: {file: d.csv}
slides:
  - kind: chart
    title: North sold the most in both years
    source: Sales team
    chart: {type: grouped-bar, data: d, x: region, y: [a, b], series_labels: {a: "2023", b: "2024"}}
"""
    path = write_project(tmp_path, outline, {"d.csv": "region,a,b\nNorth,5,6\nSouth,3,4\n"})
    folder = tmp_path / "themes" / "brand"
    folder.mkdir(parents=True)
    (folder / "theme.yaml").write_text(snippet, encoding="utf-8")
    report = check(path, BuildOptions(out_dir=tmp_path / "out"), select=("A11Y",))
    assert [f.code for f in report.findings] == []


def test_the_readme_outline_snippet_validates(tmp_path):
    from tests.helpers import parse_outline

    (snippet,) = _marked("outline")
    loaded = parse_outline(snippet, tmp_path / "deck.yaml")
    assert [s.kind for s in loaded.outline.slides] == ["title", "chart"]
    assert set(loaded.outline.data) == {"production", "trade", "notes"}


def test_a_broken_snippet_would_fail(tmp_path):
    from deckgen.errors import DeckgenError
    from tests.helpers import load_theme

    (snippet,) = _marked("theme")
    folder = tmp_path / "themes" / "brand"
    folder.mkdir(parents=True)
    (folder / "theme.yaml").write_text(snippet.replace("# logo:", "logo:"), encoding="utf-8")
    with pytest.raises(DeckgenError, match="logo file not found"):
        load_theme("brand", tmp_path)


# --------------------------------------------------------------------------- counts
WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}


def test_the_steps_table_and_the_unknown_step_example_name_every_registered_step():
    """Shaping data's table has a row per data step, and its 'What fails' example lists
    the registry's steps in its order, as the build does: a step added without either was
    missed by every test (found by a new contributor following CONTRIBUTING.md)."""
    from deckgen.tables.steps import STEPS

    section = README.split("\n## Shaping data", 1)[1].split("\n## ", 1)[0]
    rows = set(re.findall(r"^\| `([a-z_]+)` \| `\1:", section, re.MULTILINE))
    assert rows == set(STEPS)
    listed = re.search(r"unknown step 'pivto'; the steps are (.*)", section)
    assert listed is not None
    assert listed.group(1) == ", ".join(f"'{name}'" for name in STEPS)


def test_the_number_of_shipped_themes_is_the_one_stated_and_each_is_in_the_table():
    from deckgen.theming.load import available

    shipped = available()
    stated = re.search(r"deckgen ships (\w+) themes", README)
    assert stated, "the Themes section states how many themes deckgen ships"
    assert WORDS[stated[1]] == len(shipped)
    section = README.split("\n## Themes", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `([a-z-]+)` \|", section, flags=re.MULTILINE)
    assert sorted(rows) == sorted(shipped)


@pytest.fixture(scope="module")
def sample_manifest(tmp_path_factory) -> dict:
    from deckgen import manifest
    from deckgen.pipeline import BuildOptions, build

    out = tmp_path_factory.mktemp("sample")
    build(SAMPLE, BuildOptions(out_dir=out, workers=2))
    document = manifest.read(out / "global-impact" / manifest.FILE_NAME)
    assert document is not None
    return document


def test_the_manifest_excerpt_has_the_sample_s_real_counts_and_version(sample_manifest):
    excerpt = README.split("```jsonc\n", 1)[1].split("```", 1)[0]
    for key in ("slides", "pictures", "cards"):
        stated = re.search(rf'"{key}": (\d+)', excerpt)
        assert stated and int(stated[1]) == sample_manifest[key], key
    assert f'"deckgen": "{__version__}"' in excerpt
    for key in re.findall(r'^ "([a-z]+)":', excerpt, flags=re.MULTILINE):
        assert key in sample_manifest, f"the excerpt shows a key the manifest has not: {key}"
    assert set(sample_manifest) <= set(re.findall(r'"([a-z]+)":', excerpt))


def test_the_sample_is_described_with_its_real_counts(sample_manifest):
    stated = re.search(r"as a (\d+)-slide briefing\s+plus (\d+) social cards", README)
    assert stated
    assert (int(stated[1]), int(stated[2])) == (sample_manifest["slides"], sample_manifest["cards"])


# --------------------------------------------------------------------------- pictures
def test_the_gallery_holds_the_cards_at_their_real_sizes():
    from deckgen.outline.presets import PRESETS

    pictures = sorted((REPO / "docs" / "social").glob("*.png"))
    assert pictures
    for picture in pictures:
        preset = PRESETS[next(n for n in PRESETS if picture.stem.endswith(f"-{n}"))]
        with Image.open(picture) as image:
            width, height = image.size
        assert width == preset.width, picture.name
        assert preset.height is None or height == preset.height, picture.name


def test_every_readme_picture_exists_and_a_stated_size_is_true():
    for alt, target in re.findall(r"!\[([^\]]*)\]\(([^)]+)\)", README):
        path = REPO / target
        assert path.is_file(), target
        size = re.search(r"(\d+)×(\d+)", alt)
        if size:
            with Image.open(path) as image:
                assert image.size == (int(size[1]), int(size[2])), target


@pytest.mark.parametrize("outline", sorted((REPO / "docs").glob("*/deck.yaml")),
                         ids=lambda p: p.parent.name)  # fmt: skip
def test_every_outline_the_pictures_are_made_from_still_reads_and_binds(outline):
    """docs/*/deck.yaml makes the README's pictures (each says how): it stays a working
    outline as deckgen changes, so the pictures can be made again."""
    from deckgen.pipeline import BuildOptions, prepare

    ready = prepare(outline, BuildOptions(out_dir=outline.parent / "unused"))
    assert ready.loaded.outline.slides


# --------------------------------------------------------------------------- the quick start
def quick_start() -> list[list[str]]:
    """The commands of the README's quick start (its first bash block), as argument lists."""
    section = README.split("## Quick start", 1)[1]
    block = section.split("```bash\n", 1)[1].split("```", 1)[0]
    return [shlex.split(line, comments=True) for line in block.splitlines() if line.strip()]


def test_the_quick_start_installs_the_distribution_and_names_real_commands():
    import tomllib

    name = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["name"]
    commands = quick_start()
    # From a clone (the distribution is not on PyPI): the install names the clone's folder,
    # and the words above it name the distribution.
    assert commands[0] == ["pip", "install", "./deckgen"]
    assert f"`{name}`, is not on PyPI yet" in README.split("```bash", 1)[0]
    known = click_commands()
    for command in commands[1:]:
        assert command[0] in ("deckgen", "cd"), command
        if command[0] == "deckgen":
            assert (command[1],) in known, command
    assert Path(REPO / "deckgen" / "examples" / "starter" / "deck.yaml").is_file()
