"""The command line: help, version, exit codes, atomic output, progress-free logs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
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
                 ["presets", "--help"], ["diff", "--help"], ["watch", "--help"],
                 ["template", "inspect", "--help"], ["new", "--help"],
                 ["examples", "--help"]):  # fmt: skip
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
    assert "2 slides, 1 picture," in result.output


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


def test_themes_of_a_project_folder_that_does_not_exist_is_an_error(tmp_path):
    # It listed the shipped themes and exited 0 (and a /themes folder as "the project's").
    result = CliRunner().invoke(cli, ["themes", "--project", str(tmp_path / "nowhere")])
    assert result.exit_code == 2 and "does not exist" in result.output


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


def test_the_command_ends_with_its_output_flushed_and_its_exit_code(tmp_path):
    # main() ends the process with os._exit: nothing written may be lost to that, and a
    # failure must still exit 2 with its message.
    path = write_project(tmp_path, GOOD)
    command = [sys.executable, "-m", "deckgen", "build", str(path), "--out", str(tmp_path / "o")]
    built = subprocess.run(command, capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    assert "2 slides, 1 picture," in built.stdout
    assert (tmp_path / "o" / "deck.pptx").is_file()
    failed = subprocess.run([*command[:4], str(tmp_path / "nope.yaml")], capture_output=True,
                            text=True)  # fmt: skip
    assert failed.returncode == 2
    assert "outline file not found" in failed.stderr
    helped = subprocess.run([sys.executable, "-m", "deckgen", "--help"], capture_output=True,
                            text=True)  # fmt: skip
    assert helped.returncode == 0
    last = sorted(cli.commands)[-1]  # all of it: the list of commands ends with this one
    assert helped.stdout.rstrip().splitlines()[-1].split()[0] == last


def test_main_turns_a_message_exit_into_code_1(monkeypatch, capsys):
    import deckgen.cli as module

    def fake_cli(**_: object) -> None:
        raise SystemExit("stopped: a message")

    ended: list[int] = []
    monkeypatch.setattr(module, "cli", fake_cli)
    monkeypatch.setattr(module.os, "_exit", ended.append)
    module.main()
    assert ended == [1]
    assert "stopped: a message" in capsys.readouterr().err


@pytest.mark.parametrize("given", [None, "3"])
def test_main_keeps_numpy_to_one_blas_thread_unless_told(monkeypatch, given):
    # The command sets it before numpy loads (OpenBLAS reads it then); a user's value wins.
    import deckgen.cli as module

    seen: list[str | None] = []
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", given or "")  # restored after the test
    if given is None:
        monkeypatch.delenv("OPENBLAS_NUM_THREADS")
    blas = "OPENBLAS_NUM_THREADS"
    monkeypatch.setattr(module, "cli", lambda **_: seen.append(os.environ.get(blas)))
    monkeypatch.setattr(module.os, "_exit", lambda code: None)
    module.main()
    assert seen == [given or "1"]


def test_console_script_is_installed():
    script = Path(sys.executable).parent / "deckgen"
    assert script.exists()


def test_template_inspect_lists_layouts_and_placeholders():
    from tests.helpers import REPO

    result = CliRunner().invoke(
        cli, ["template", "inspect", str(REPO / "themes" / "corporate-template" / "brand.potx")]
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == (
        "brand.potx: 13.33 x 7.50 in; fonts: heading 'Source Sans Pro', body 'Source Sans Pro'"
    )
    assert '  "Title and Chart"' in lines
    chart = lines.index('  "Title and Chart"')
    assert lines[chart + 2] == (
        "      idx 1   pic       'Picture Placeholder 2'        "
        "left  0.50  top  1.85  width 12.33  height  4.75 in"
    )
    assert '  "Blank"' in lines


def test_template_inspect_takes_a_theme_name_from_any_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # nothing here: the shipped theme is found by its name
    by_name = CliRunner().invoke(cli, ["template", "inspect", "corporate-template"])
    assert by_name.exit_code == 0, by_name.output
    assert by_name.output.startswith("brand.potx: 13.33 x 7.50 in")
    # A project's own theme (themes/NAME here) by name, or its folder.
    import shutil

    from tests.helpers import REPO

    shutil.copytree(REPO / "themes" / "corporate-template", tmp_path / "themes" / "brand")
    for name in ("brand", "themes/brand"):
        result = CliRunner().invoke(cli, ["template", "inspect", name])
        assert result.exit_code == 0, result.output
        assert result.output == by_name.output


def test_template_inspect_of_an_unknown_name_or_a_theme_without_template(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["template", "inspect", "corporate-templat"])
    assert result.exit_code == 2
    assert "corporate-templat: no such file, and no theme of that name; the themes built on a " \
        "template are 'corporate-template'" in result.output  # fmt: skip
    assert "did you mean 'corporate-template'?" in result.output
    result = CliRunner().invoke(cli, ["template", "inspect", "dark"])
    assert result.exit_code == 2
    assert "theme 'dark' is not built on a template" in result.output


def test_template_inspect_of_a_non_template_is_a_clear_error(tmp_path):
    (tmp_path / "notes.pptx").write_text("plain text")
    for path in (tmp_path / "notes.pptx", tmp_path / "missing.potx"):
        result = CliRunner().invoke(cli, ["template", "inspect", str(path)])
        assert result.exit_code == 2
        assert "Traceback" not in result.output
    result = CliRunner().invoke(cli, ["template", "inspect", str(tmp_path / "notes.pptx")])
    assert "notes.pptx: cannot open the template as a PowerPoint file" in result.output
    assert "hint: save it from PowerPoint as .pptx or .potx" in result.output


def test_build_pdf_without_libreoffice_keeps_the_deck_and_exits_2(tmp_path, monkeypatch):
    import deckgen.export.pdf

    monkeypatch.setattr(deckgen.export.pdf, "libreoffice", lambda: None)
    path = write_project(tmp_path, GOOD)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(path), "--out", str(out), "--pdf"])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert "no PDF written: LibreOffice is not installed (no 'soffice' on PATH)" in result.output
    assert (
        "hint: install LibreOffice (Debian: apt-get install libreoffice-impress)" in result.output
    )
    assert f"The deck '{out / 'deck.pptx'}' was written and is complete" in result.output
    assert (out / "deck.pptx").is_file()
    assert not (out / "deck.pdf").exists()
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []


@pytest.mark.libreoffice
def test_build_pdf_writes_the_pdf_beside_the_deck_and_names_it(tmp_path, require_libreoffice):
    from deckgen.export.pdf import pdf_page_count

    path = write_project(tmp_path, GOOD)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(path), "--out", str(out), "--pdf"])
    assert result.exit_code == 0, result.output
    assert f"Wrote {out / 'deck.pptx'} and {out / 'deck.pdf'} (2 slides" in result.output
    assert pdf_page_count(out / "deck.pdf") == 2


def test_a_closed_pipe_ends_quietly():
    """`deckgen themes | head -1`: no 'internal error', no traceback, and the shell's exit
    code for a process SIGPIPE ended, as other Unix tools' (Click's 1 read as a failure)."""
    from tests.helpers import REPO

    script = f"'{sys.executable}' -m deckgen themes | head -c 10; exit ${{PIPESTATUS[0]}}"
    done = subprocess.run(
        ["bash", "-c", script], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert done.returncode in (0, 141) and done.stderr == "", done.stderr  # 0: head was late


@pytest.mark.parametrize("args", [["themes"], ["--help"], ["build", "--help"], ["examples"]])
def test_a_reader_gone_before_the_first_line_gives_exit_141(args):
    """The reader closed its end before anything was written: every write fails, in a
    command, in the group's help and in a command's help alike (exit 1 before)."""
    from tests.helpers import REPO

    read, write = os.pipe()
    os.close(read)  # nobody will read: the first write fails
    try:
        done = subprocess.run([sys.executable, "-m", "deckgen", *args], cwd=REPO, stdout=write,
                              stderr=subprocess.PIPE, text=True, check=False)  # fmt: skip
    finally:
        os.close(write)
    assert (done.returncode, done.stderr) == (141, "")


def test_presets_are_listed_in_aligned_columns():
    from deckgen.outline.presets import PRESETS

    result = CliRunner().invoke(cli, ["presets"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    rows = lines[1 : 1 + len(PRESETS)]
    assert [row.split()[0] for row in rows] == list(PRESETS)
    # Every column starts where the header's does, whatever the longest cell.
    header = lines[0]
    for title in ("pixels", "safe area", "for"):
        column = header.index(title)
        assert all(row[column - 2 : column] == "  " and row[column] != " " for row in rows)
    assert "WIDTHxHEIGHT" in lines[-1]


def test_themes_are_listed_in_aligned_columns(tmp_path):
    import shutil

    from tests.helpers import REPO

    # A project theme with a long name must not push its own lines out of line.
    shutil.copytree(REPO / "themes" / "dark", tmp_path / "themes" / "a-rather-long-theme-name")
    result = CliRunner().invoke(cli, ["themes", "--project", str(tmp_path)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    names = lines[0::3]
    start = len("a-rather-long-theme-name") + 2
    assert all(line[start - 2 : start] == "  " and line[start] != " " for line in names)
    assert all(line.startswith(" " * start) for line in lines[1::3] + lines[2::3])
    assert "the project's: " in result.output and "shipped with deckgen: " in result.output


def test_counts_are_singular_or_plural(tmp_path):
    path = write_project(tmp_path, HEADER + "  - kind: title\n")
    result = CliRunner().invoke(cli, ["build", str(path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "(1 slide, 0 pictures, theme 'corporate')" in result.output


def test_social_says_what_a_build_says_of_its_inputs(tmp_path):
    """A card drawing empty boxes for an emoji was written without a word by `social`,
    where `build` warns (found by fuzzing)."""
    outline = HEADER + (
        "  - kind: section\n    title: Cars\n"
        "social:\n  cards:\n"
        "    - {kind: stat, name: cars, presets: [og], value: '30.2M', label: cars 🚗}\n"
    )
    path = write_project(tmp_path, outline)
    result = CliRunner().invoke(cli, ["social", str(path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "social.cards[0].label: no bundled font draws '🚗'" in result.output


def test_social_preset_writes_every_card_at_a_size_the_outline_does_not_ask_for(tmp_path):
    outline = HEADER + (
        "  - kind: chart\n    title: China leads\n    share: [ig-square]\n"
        "    chart: {type: bar, data: production, x: country, y: production_2023}\n"
    )
    path = write_project(tmp_path, outline)
    out = str(tmp_path / "out")
    result = CliRunner().invoke(cli, ["social", str(path), "--preset", "story", "--out", out])
    assert result.exit_code == 0, result.output
    assert "china-leads-story.png  1080x1920  story" in result.output
    assert result.output.endswith("Wrote 1 card and the manifest (cards.json)\n")
    result = CliRunner().invoke(cli, ["social", str(path), "--preset", "50x50", "--out", out])
    assert result.exit_code == 2
    assert "--preset: custom size '50x50' is out of range" in result.output
    assert "the width must be 600 to 4096 px and the height 200 to 4096" in result.output
    # A 200 px card's fine print was 6 px, a blur on a phone (fuzzing round 5).
    result = CliRunner().invoke(cli, ["social", str(path), "--preset", "200x200", "--out", out])
    assert result.exit_code == 2 and "custom size '200x200' is out of range" in result.output


def test_errors_and_warnings_name_project_files_as_the_outline_is_named(tmp_path, monkeypatch):
    """A bad cell was reported at '/home/.../production.csv:3' beside 'deck.yaml:24': the
    data file by the full path it is found by (found in review). Paths inside the working
    folder are named from it, as typed; a path outside it stays whole."""
    from tests.helpers import PRODUCTION_CSV

    bad = PRODUCTION_CSV.replace("10611555", "lots")
    outline = HEADER + "  - kind: title\n"
    outline = outline.replace("production: {file: production.csv}",
                              "production: {file: production.csv, columns: "
                              "{production_2023: number}}")  # fmt: skip
    write_project(tmp_path / "proj", outline, {"production.csv": bad})
    env = {"DECKGEN_DAEMON": "off"}
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["build", "proj/deck.yaml", "-o", "out"], env=env)
    assert result.exit_code == 2
    assert result.output.startswith("error: proj/production.csv:3: production_2023:"), result.output
    assert str(tmp_path) not in result.output
    monkeypatch.chdir(tmp_path / "proj")
    result = CliRunner().invoke(cli, ["build", "deck.yaml", "-o", "../out"], env=env)
    assert result.output.startswith("error: production.csv:3: production_2023:"), result.output
    assert "declared as number at deck.yaml:" in result.output


# --------------------------------------------------------------------------- what is typed
TWO_PROBLEMS = (
    HEADER
    + """\
  - kind: stats
    title: "{{ production.Chian.production_2023 | compact }} vehicles"
    items:
      - {value: "{{ production.China.production_2023 | compcat }}", label: China}
"""
)


def test_every_problem_is_an_error_message_of_its_own(tmp_path):
    """fuzz-O repro 10: of several problems only the first read "error:", the others as
    if they went on with it (and a log searched for "^error:" found one)."""
    path = write_project(tmp_path, TWO_PROBLEMS)
    result = CliRunner().invoke(cli, ["build", str(path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert [line.split(":")[0] for line in lines] == ["error", "error", "  hint"], lines
    assert "has no row 'Chian'" in lines[0] and "No filter named 'compcat'" in lines[1]
    assert lines[2] == "  hint: did you mean 'compact'?"


def test_problems_past_the_tenth_are_counted_on_a_line_that_is_no_error(capsys):
    from deckgen.cli import _errors
    from deckgen.errors import DeckgenError, Location, Problem

    many = [Problem(Location("deck.yaml", n, "f"), f"bad {n}", "fix it") for n in range(1, 13)]
    _errors(DeckgenError(many))
    lines = capsys.readouterr().err.splitlines()
    assert sum(line.startswith("error: deck.yaml:") for line in lines) == 10
    assert lines.count("  hint: fix it") == 10
    assert lines[-1] == "... and 2 more problems"


@pytest.mark.parametrize("command", ["build", "watch", "check", "social", "preview", "batch"])
def test_a_folder_for_the_outline_names_the_outline_in_it(tmp_path, monkeypatch, command):
    """`deckgen build my-deck` said Click's "File 'my-deck' is a directory", no more."""
    write_project(tmp_path / "my-deck", GOOD)
    monkeypatch.chdir(tmp_path)
    more = ["--for-each", "production"] if command == "batch" else []
    result = CliRunner().invoke(cli, [command, "my-deck", *more])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "error: my-deck: a folder, not "
        + ("an outline or a deck" if command == "preview" else "an outline file"),
        "  hint: did you mean my-deck/deck.yaml?",
    ]


def test_a_folder_of_several_outlines_or_none_says_so(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name in ("q1.yaml", "q2.yml", "notes.txt"):
        (tmp_path / "two" / name).parent.mkdir(exist_ok=True)
        (tmp_path / "two" / name).write_text("deck: {}\n")
    (tmp_path / "none").mkdir()
    several = CliRunner().invoke(cli, ["build", "two"])
    assert "hint: did you mean one of the files it holds: two/q1.yaml, two/q2.yml?" in (
        several.stderr
    )
    empty = CliRunner().invoke(cli, ["build", "none"])
    assert empty.exit_code == 2
    assert "error: none: a folder, not an outline file" in empty.stderr
    assert "hint: it holds no .yaml/.yml file" in empty.stderr


def test_an_outline_not_found_gets_the_nearest_outline_of_its_folder(tmp_path, monkeypatch):
    write_project(tmp_path / "q3 briefing", GOOD)
    monkeypatch.chdir(tmp_path)
    typo = CliRunner().invoke(cli, ["build", "q3 briefing/dek.yaml"])
    assert typo.exit_code == 2
    assert typo.stderr.splitlines() == [
        "error: q3 briefing/dek.yaml: outline file not found",
        "  hint: did you mean 'q3 briefing/deck.yaml'?",  # quoted for the shell, as typed
    ]
    monkeypatch.chdir(tmp_path / "q3 briefing")
    far = CliRunner().invoke(cli, ["build", "summary.yaml"])
    assert "  hint: the outline files in this folder are deck.yaml" in far.stderr.splitlines()
    lost = CliRunner().invoke(cli, ["build", "nowhere/dek.yaml"])
    assert "  hint: there is no folder nowhere; did you mean deck.yaml?" in lost.stderr
    (tmp_path / "q3 briefing" / "deck.yaml").unlink()
    empty = CliRunner().invoke(cli, ["build", "deck.yaml"])
    assert "  hint: check the path: it is relative to this folder" in empty.stderr


def test_debug_is_taken_after_the_command_too(tmp_path):
    """`deckgen build deck.yaml --debug` said "No such option: --debug"."""
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "nope.yaml"), "--debug"])
    assert result.exit_code == 2
    assert "No such option" not in result.output
    assert "Traceback" in result.stderr and "outline file not found" in result.stderr
    quiet = CliRunner().invoke(cli, ["build", str(tmp_path / "nope.yaml")])
    assert "Traceback" not in quiet.stderr
    # The group's option: documented there, not in each command's help.
    assert "--debug" not in CliRunner().invoke(cli, ["build", "--help"]).output


def test_themes_in_a_project_folder_list_its_own_copies(tmp_path, monkeypatch):
    """In a project made by `deckgen new`, `deckgen themes` called its copy of corporate,
    the one its builds use, 'shipped with deckgen' unless --project named the folder."""
    import shutil

    from tests.helpers import REPO

    shutil.copytree(REPO / "themes" / "corporate", tmp_path / "themes" / "corporate")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["themes"])
    assert result.exit_code == 0, result.output
    corporate = result.output.split("corporate", 1)[1].split("\n\n")[0]
    assert "the project's: themes/corporate" in corporate.replace(str(tmp_path) + "/", "")


def test_a_broken_project_theme_is_listed_with_the_others_and_its_problems_told(tmp_path):
    """One project theme that does not load hid every theme, the shipped ones too (found in
    an audit of the README): each theme is listed, the broken one's problems after them."""
    import shutil

    from tests.helpers import REPO

    shutil.copytree(REPO / "themes" / "corporate", tmp_path / "themes" / "brand")
    (tmp_path / "themes" / "bad").mkdir()
    (tmp_path / "themes" / "bad" / "theme.yaml").write_text("name: bad\nsizes: {title: -4}\n")
    result = CliRunner().invoke(cli, ["themes", "--project", str(tmp_path)])
    assert result.exit_code == 2, result.output
    listed = [line.split()[0] for line in result.output.splitlines() if line[:1].isalpha()]
    assert {"bad", "brand", "corporate", "dark", "contrast"} <= set(listed), result.output
    assert "does not load: " in result.output.split("bad", 1)[1].splitlines()[0]
    assert "error: " in result.output and "bad/theme.yaml" in result.output


@pytest.mark.parametrize(("command", "option"), [
    ("build", "--theme"), ("check", "--select"), ("check", "--ignore"), ("check", "--key"),
    ("batch", "--where"), ("batch", "--for-each"),
    # --out '' wrote the deck and its folder into the working folder (found by fuzzing).
    ("build", "--out"), ("batch", "--out"),
])  # fmt: skip
def test_an_option_given_empty_is_refused_not_taken_as_absent(tmp_path, command, option):
    # --theme '' built in the outline's theme without a word, and --select '' selected no
    # check ('No problems found'); found by fuzzing.
    outline = write_project(tmp_path, HEADER + "  - kind: title\n")
    extra = ["--for-each", "production"] if command == "batch" and option != "--for-each" else []
    result = CliRunner().invoke(cli, [command, str(outline), *extra, option, ""])
    assert result.exit_code == 2, result.output
    assert "is empty: give a value, or leave the option out" in result.output


def test_template_inspect_and_preview_of_what_is_no_file_say_what_it_is(tmp_path, monkeypatch):
    # A folder or a device was 'no such file', and a text file named .pptx 'Package not
    # found' (found by fuzzing).
    monkeypatch.chdir(tmp_path)
    (tmp_path / "dir.pptx").mkdir()
    (tmp_path / "notes.pptx").write_text("hello")
    result = CliRunner().invoke(cli, ["template", "inspect", "dir.pptx"])
    assert result.exit_code == 2
    assert "dir.pptx: is a folder with no theme.yaml, not a template file" in result.output
    result = CliRunner().invoke(cli, ["preview", "notes.pptx"])
    assert result.exit_code == 2, result.output
    assert "notes.pptx: cannot open the deck as a PowerPoint file: it is not a zip package" in (
        result.output
    )


@pytest.mark.parametrize(
    "command",
    [["build"], ["check"], ["social"], ["preview"], ["watch"], ["batch", "--for-each", "p"],
     ["template", "inspect"]],
)  # fmt: skip
def test_a_path_too_long_for_the_system_is_an_error_with_a_fix(tmp_path, monkeypatch, command):
    """An outline named with 300 characters ended in 'internal error: OSError: [Errno 36]
    File name too long ... This is a bug in deckgen', exit 1, from every command that
    takes one (found by fuzzing)."""
    monkeypatch.chdir(tmp_path)
    template = command[0] == "template"
    name = "x" * 300 + (".pptx" if template else ".yaml")
    words = [*command, name] if template else [command[0], name, *command[1:]]
    result = CliRunner().invoke(cli, words)
    assert result.exit_code == 2, result.output
    assert "cannot use this path: File name too long" in result.output
    assert "hint: the system takes file names of at most 255 bytes: rename the file" in (
        result.output)  # fmt: skip
    assert "internal error" not in result.output and len(result.output) < 400


def test_an_outline_that_is_a_loop_of_symbolic_links_says_what_to_do(tmp_path, monkeypatch):
    """'cannot read outline: [Errno 40] Too many levels of symbolic links' had no fix
    (found by fuzzing)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "loop.yaml").symlink_to("loop.yaml")
    result = CliRunner().invoke(cli, ["build", "loop.yaml"])
    assert result.exit_code == 2, result.output
    assert "loop.yaml: cannot read outline: Too many levels of symbolic links" in result.output
    assert "hint: the path is a symbolic link that leads back to itself" in result.output
