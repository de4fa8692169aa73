"""Ctrl-C during ``deckgen batch``: the rows settled so far, a summary saying how to build
the rest, exit 130; the output written is whole, and a rerun builds only the rest.

The interrupted runs are real ``deckgen`` processes with their drawing processes, in a
process group of their own that gets the SIGINT a terminal's Ctrl-C sends. A row of a
batch takes a fraction of a second, so a signal sent when the first deck appears could
come after the last one on a fast machine, or a stalled test: the process is held instead
after its first rows (:data:`RUNNER`) until the test has pressed Ctrl-C.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner
from pptx import Presentation

from deckgen.batch import BatchResult, RowResult
from deckgen.cli import cli
from tests.helpers import REPO

if TYPE_CHECKING:
    from collections.abc import Callable

NAMES = ["Alder", "Birch", "Cedar", "Elm", "Fir", "Hazel", "Larch", "Maple", "Oak", "Pine",
         "Rowan", "Yew"]  # fmt: skip
CSV = "name,sales,share\n" + "".join(f"{n},{3 + k * 1.5},{2 + k}\n" for k, n in enumerate(NAMES))
OUTLINE = """\
deck:
  title: "{{ row.name }} sales"
  theme: corporate
data:
  trees:
    file: trees.csv
    columns:
      name: {type: text, required: true}
      sales: number
      share: number
slides:
  - kind: stats
    title: "{{ row.name }} sold {{ row.sales | number }} million units"
    source: Test data
    items:
      - {value: "{{ row.sales | number }}", label: million units}
      - {value: "{{ row.share | percent }}", label: of all sales}
  - kind: chart
    title: "{{ row.name }} among all"
    source: Test data
    chart: {type: hbar, data: trees, x: name, y: sales, highlight: "{{ row.name }}"}
"""
#: Rows settled before the batch is held for the test's Ctrl-C.
FIRST = 3

#: ``deckgen`` as its console script runs it, but for one thing: once FIRST rows are
#: settled, the batch's own process waits (in Python code, where a signal is handled)
#: until the file GO exists. It touches HELD when it starts waiting, and NOTED once the
#: first Ctrl-C has been taken without stopping it (the batch put Python's own handler back
#: for the second: see deckgen.batch._Stop).
RUNNER = """
import os, signal, time
from pathlib import Path

import deckgen.batch
from deckgen.cli import main

held, noted, go = (Path(os.environ[name]) for name in ("HELD", "NOTED", "GO"))
real_settle = deckgen.batch._Flow.settle
settled = 0


def settle(flow, result):
    global settled
    real_settle(flow, result)
    settled += 1
    if settled == int(os.environ["FIRST"]):
        held.touch()
        while not go.exists():
            if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
                noted.touch()
            time.sleep(0.02)


deckgen.batch._Flow.settle = settle
main()
"""
#: Seconds anything may take on a slow, busy machine before the test gives up.
PATIENCE = 180.0


def _project(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "themes", tmp_path / "themes")
    (tmp_path / "trees.csv").write_text(CSV)
    (tmp_path / "sheet.yaml").write_text(OUTLINE)
    return tmp_path


def _batch(project: Path, runner: str | None = None) -> subprocess.Popen[str]:
    command = ["-c", runner] if runner else ["-m", "deckgen"]
    env = {**os.environ, "DECKGEN_DAEMON": "off", "FIRST": str(FIRST),
           **{name: str(project / name.lower()) for name in ("HELD", "NOTED", "GO")}}  # fmt: skip
    return subprocess.Popen(
        [sys.executable, *command, "batch", "sheet.yaml", "--for-each", "trees", "--out", "out",
         "--jobs", "2"],
        cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        start_new_session=True,  # a group of its own: Ctrl-C reaches its drawing processes too
        # As a terminal starts it: a shell's background job (`pytest &`) ignores Ctrl-C,
        # and the batch would inherit that and never stop.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )  # fmt: skip


def _wait_for(condition: Callable[[], bool], proc: subprocess.Popen[str], what: str) -> None:
    deadline = time.monotonic() + PATIENCE
    while not condition():
        if proc.poll() is not None:
            out, err = proc.communicate()
            pytest.fail(f"deckgen ended (exit {proc.returncode}) before {what}:\n{out}\n{err}")
        assert time.monotonic() < deadline, f"still waiting for {what}"
        time.sleep(0.05)


def _ctrl_c(proc: subprocess.Popen[str]) -> None:
    with contextlib.suppress(ProcessLookupError):  # the old code had ended at the first
        os.killpg(proc.pid, signal.SIGINT)


def _left_in_group(group: int) -> list[str]:
    """The processes of a process group still running (zombies are done: a container's
    first process may never reap them)."""
    left = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[2]) == group and fields[0] != "Z":
                left.append(stat.parent.name)
    return left


def _no_process_left(group: int) -> None:
    if sys.platform != "linux":
        return  # /proc is Linux's
    deadline = time.monotonic() + 30
    while _left_in_group(group) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _left_in_group(group), "a drawing process outlived the batch"


def _table(out: str) -> dict[str, str]:
    """Each row of the report's table: its status by key (the keys are single words)."""
    rows = (re.match(r"(\S+) +(built|up to date|failed) +\d", line) for line in out.splitlines())
    return {row[1]: row[2] for row in rows if row}


def _assert_interrupted(proc: subprocess.Popen[str], project: Path) -> list[str]:
    """The interrupted run's report and output are whole; the keys it says it built."""
    out, err = proc.communicate(timeout=PATIENCE)
    assert proc.returncode == 130, (proc.returncode, out, err)
    assert "Traceback" not in err and "Aborted" not in err, err
    summary = out.strip().splitlines()[-1]
    found = re.fullmatch(
        rf"interrupted: (\d+) of {len(NAMES)} rows built, 0 failed; run the same command "
        r"again to build the other (\d+) \(rows already built are skipped as up to date\)",
        summary,
    )
    assert found, out
    built = [key for key, status in _table(out).items() if status == "built"]
    assert FIRST <= len(built) == int(found[1]) < len(NAMES), out
    assert int(found[2]) == len(NAMES) - len(built)
    decks = sorted((project / "out").glob("*/sheet.pptx"))
    assert [d.parent.name for d in decks] == sorted(k.lower() for k in built)
    for deck in decks:
        Presentation(str(deck))  # whole: a torn zip does not open
    assert not list((project / "out").rglob("*.tmp"))
    _no_process_left(proc.pid)
    return built


def _assert_rerun_builds_the_rest(project: Path, built: list[str]) -> None:
    rerun = _batch(project)
    out, err = rerun.communicate(timeout=PATIENCE)
    assert rerun.returncode == 0, (out, err)
    assert _table(out) == {key: "up to date" if key in built else "built" for key in NAMES}
    rest = len(NAMES) - len(built)
    assert out.splitlines()[-1].startswith(f"{rest} built, {len(built)} up to date, 0 failed")
    assert len(list((project / "out").glob("*/sheet.pptx"))) == len(NAMES)


def test_ctrl_c_stops_a_batch_with_its_rows_and_a_summary_and_a_rerun_builds_the_rest(
    tmp_path,
):
    project = _project(tmp_path)
    proc = _batch(project, RUNNER)
    _wait_for((project / "held").exists, proc, f"{FIRST} rows were built")
    _ctrl_c(proc)
    # Let go only once the Ctrl-C was taken: the batch must stop by itself, not end.
    _wait_for((project / "noted").exists, proc, "the Ctrl-C was taken")
    (project / "go").touch()
    built = _assert_interrupted(proc, project)
    _assert_rerun_builds_the_rest(project, built)


def test_a_second_ctrl_c_stops_at_once_and_still_reports(tmp_path):
    """The batch is held for good after the first Ctrl-C: only the second ends it."""
    project = _project(tmp_path)
    proc = _batch(project, RUNNER)
    _wait_for((project / "held").exists, proc, f"{FIRST} rows were built")
    _ctrl_c(proc)
    _wait_for((project / "noted").exists, proc, "the first Ctrl-C was taken")
    _ctrl_c(proc)
    built = _assert_interrupted(proc, project)
    _assert_rerun_builds_the_rest(project, built)


def _row(key: str, status: str) -> RowResult:
    folder = Path("out") / key.lower()
    return RowResult(key, folder, status, 0.5, folder / "sheet.pptx")


def test_the_summary_counts_rows_up_to_date_and_leaves_failed_ones_to_the_rerun(
    monkeypatch, tmp_path
):
    import deckgen.batch

    rows = (_row("Alder", "up to date"), _row("Birch", "built"), _row("Cedar", "failed"))
    result = BatchResult(rows, 1.0, 2, rows[2:], total=6, interrupted=True)
    monkeypatch.setattr(deckgen.batch, "batch", lambda *args, **kwargs: result)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sheet.yaml").write_text("deck: {title: Trees}\n")  # the command looks for it
    run = CliRunner().invoke(cli, ["batch", "sheet.yaml", "--for-each", "trees", "-j", "1"])
    assert run.exit_code == 130, run.output
    assert run.output.strip().splitlines()[-1] == (
        "interrupted: 1 of 6 rows built, 1 up to date, 1 failed; run the same command "
        "again to build the other 4 (rows already built are skipped as up to date)"
    )


def test_ctrl_c_in_any_command_exits_130_without_a_traceback(tmp_path, monkeypatch):
    import deckgen.pipeline

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setenv("DECKGEN_DAEMON", "off")
    monkeypatch.setattr(deckgen.pipeline, "build", interrupted)
    (tmp_path / "deck.yaml").write_text("deck: {title: T}\n")
    run = CliRunner().invoke(cli, ["build", str(tmp_path / "deck.yaml")])
    assert run.exit_code == 130, run.output
    assert run.output.strip() == "interrupted"
