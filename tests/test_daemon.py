"""deckgen.daemon: `deckgen build` handed to a warm process, with the same files written."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import deckgen.daemon as daemon
from deckgen.cli import _run_in_daemon, cli
from deckgen.errors import DeckgenError
from deckgen.examples import new_project

pytestmark = pytest.mark.skipif(not daemon.available(), reason="Unix sockets only")


def _deckgen(*args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "deckgen", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)  # fmt: skip


@pytest.fixture
def running(tmp_path, monkeypatch):
    """A daemon of this test's own (started as a user starts it), stopped afterwards."""
    where = tmp_path / "d"
    monkeypatch.setenv(daemon.ENV_VAR, str(where))
    env = {**os.environ, daemon.ENV_VAR: str(where)}
    started = _deckgen("daemon", "start", "--idle", "5", cwd=tmp_path, env=env)
    assert started.returncode == 0, started.stderr
    status = daemon.ask("status")
    assert status is not None
    yield env
    _deckgen("daemon", "stop", cwd=tmp_path, env=env)
    _gone(int(status["pid"]))
    assert not (where / daemon.SOCKET).exists()  # stopping removes the socket


def _gone(pid: int) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        with open(f"/proc/{pid}/stat") if Path("/proc").is_dir() else open(os.devnull) as f:
            if ") Z " in f.read():  # a zombie: it has exited, its parent has not reaped it
                return
        time.sleep(0.05)
    raise AssertionError(f"the daemon (pid {pid}) did not stop")


def _files(out: Path) -> dict[str, bytes]:
    """The deck and cards written (not the caches or the manifest, which name their folder)."""
    found = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*")
             if p.is_file() and p.suffix in (".pptx", ".png", ".jpg", ".webp")
             and "cache" not in p.relative_to(out).parts}  # fmt: skip
    assert any(name.endswith(".pptx") for name in found)
    return found


def test_a_build_goes_to_the_daemon_and_writes_the_same_files(tmp_path, running):
    project = new_project(tmp_path / "p", "starter", None, force=False).folder
    first = _deckgen("build", "deck.yaml", "-o", "out", cwd=project, env=running)
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("Wrote out/deck.pptx")
    data = project / "production.csv"
    data.write_text(data.read_text().replace("China,5234496,30160966", "China,5234496,31000000"))
    again = _deckgen("build", "deck.yaml", "-o", "out", cwd=project, env=running)
    assert again.returncode == 0, again.stderr
    assert "30,160,966 → 31,000,000" in again.stdout  # the change report comes back too
    status = daemon.ask("status")
    assert status is not None and status["builds"] == 2  # both ran in the daemon
    assert status["sessions"] == [str((project / "deck.yaml").resolve())]
    # The same command with no daemon, from scratch: the same bytes.
    cold = _deckgen("build", "deck.yaml", "-o", "cold", cwd=project,
                    env={**running, "DECKGEN_NO_DAEMON": "1"})  # fmt: skip
    assert cold.returncode == 0, cold.stderr
    assert daemon.ask("status")["builds"] == 2  # type: ignore[index]
    assert _files(project / "out") == _files(project / "cold")


def test_an_error_comes_back_as_it_would_be_printed_here(tmp_path, running):
    (tmp_path / "deck.yaml").write_text("deck:\n  title: [unclosed\n")
    there = _deckgen("build", "deck.yaml", cwd=tmp_path, env=running)
    here = _deckgen("build", "deck.yaml", cwd=tmp_path, env={**running, "DECKGEN_NO_DAEMON": "1"})
    assert there.returncode == here.returncode == 2
    assert there.stderr == here.stderr
    assert "Traceback" not in there.stderr
    assert daemon.ask("status")["builds"] == 1  # type: ignore[index]


def test_a_daemon_running_other_code_is_not_used(tmp_path, running, monkeypatch, capsys):
    # An upgrade or an edited checkout: the daemon still has the old code imported.
    monkeypatch.setattr(daemon, "code_token", lambda: "other code")
    monkeypatch.chdir(tmp_path)
    assert daemon.forward(["build", "deck.yaml"]) is None  # the caller builds itself
    assert "runs other deckgen code" in capsys.readouterr().err
    assert daemon.ask("status")["builds"] == 0  # type: ignore[index]
    status = CliRunner().invoke(cli, ["daemon", "status"])
    assert status.exit_code == 0
    assert "runs other deckgen code" in status.stderr


def test_a_request_without_a_command_line_is_refused(tmp_path, running):
    conn = daemon._connect(Path(running[daemon.ENV_VAR]))
    assert conn is not None
    with conn:
        daemon._send(conn, {"op": "run", "argv": "build deck.yaml", "cwd": str(tmp_path),
                            "code": daemon.code_token()})  # fmt: skip
        answers = []
        while (message := daemon._receive(conn)) is not None:
            answers.append(message)
    assert answers == [{"err": "error: the request to the deckgen daemon held no command line\n"},
                       {"exit": 2}]  # fmt: skip


def test_the_daemon_runs_builds_only(capsys):
    assert _run_in_daemon(["daemon", "stop"], {"sessions": daemon.Sessions()}, False) == 2
    assert "runs builds, not 'daemon'" in capsys.readouterr().err


def test_with_no_daemon_the_build_is_made_here(tmp_path, monkeypatch):
    monkeypatch.setenv(daemon.ENV_VAR, str(tmp_path / "none"))
    assert daemon.forward(["build", "deck.yaml"]) is None
    result = CliRunner().invoke(cli, ["daemon", "status"])
    assert result.exit_code == 1
    assert "No deckgen daemon runs" in result.output
    assert "No deckgen daemon runs." in CliRunner().invoke(cli, ["daemon", "stop"]).output


def test_a_socket_left_by_a_killed_daemon_is_ignored(tmp_path, monkeypatch):
    where = tmp_path / "d"
    where.mkdir(mode=0o700)
    monkeypatch.setenv(daemon.ENV_VAR, str(where))
    left = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    left.bind(str(where / daemon.SOCKET))
    left.close()  # the file stays; nobody listens on it
    assert daemon.forward(["build", "deck.yaml"]) is None
    assert daemon.ask("status") is None


@pytest.mark.parametrize("mode", [0o755, 0o770, 0o701])
def test_a_folder_others_can_open_is_never_used(tmp_path, monkeypatch, mode):
    where = tmp_path / "d"
    where.mkdir()
    where.chmod(mode)
    monkeypatch.setenv(daemon.ENV_VAR, str(where))
    with pytest.raises(DeckgenError, match=f"other users can open it \\(mode {mode:o}"):
        daemon.start(1)
    assert daemon.forward(["build", "deck.yaml"]) is None
    assert not (where / daemon.SOCKET).exists()


def test_a_symlinked_or_foreign_folder_is_never_used(tmp_path, monkeypatch):
    real = tmp_path / "real"
    real.mkdir(mode=0o700)
    (tmp_path / "link").symlink_to(real)
    monkeypatch.setenv(daemon.ENV_VAR, str(tmp_path / "link"))
    with pytest.raises(DeckgenError, match="not a folder"):
        daemon.start(1)
    monkeypatch.setenv(daemon.ENV_VAR, str(real))
    monkeypatch.setattr(os, "getuid", lambda: os.stat(real).st_uid + 1)
    assert daemon._unsafe(real) == "another user owns it"


def test_a_peer_of_another_user_is_not_answered(monkeypatch):
    if not hasattr(socket, "SO_PEERCRED"):
        pytest.skip("the system does not name a socket's peer")
    ours, theirs = socket.socketpair(socket.AF_UNIX)
    with ours, theirs:
        assert daemon._same_user(ours)
        monkeypatch.setattr(os, "getuid", lambda: os.geteuid() + 1)
        assert not daemon._same_user(ours)


def test_an_idle_daemon_stops_by_itself(tmp_path):
    where = tmp_path / "d"
    env = {**os.environ, daemon.ENV_VAR: str(where)}
    started = time.monotonic()
    ran = _deckgen("daemon", "run", "--idle", "0.02", cwd=tmp_path, env=env)  # 1.2 s
    assert ran.returncode == 0, ran.stderr
    assert time.monotonic() - started < 60
    assert not (where / daemon.SOCKET).exists()


def test_a_second_daemon_in_the_same_folder_is_refused(tmp_path, running):
    again = _deckgen("daemon", "run", cwd=tmp_path, env=running)
    assert again.returncode == 2
    assert "a deckgen daemon already runs in" in again.stderr
    # `start` finds the one running instead of starting another.
    started = _deckgen("daemon", "start", cwd=tmp_path, env=running)
    assert started.returncode == 0
    assert f"pid {daemon.ask('status')['pid']}" in started.stdout  # type: ignore[index]


def test_sessions_are_kept_warm_up_to_the_limit(tmp_path, monkeypatch):
    from deckgen.pipeline import BuildOptions, Session

    closed = []
    monkeypatch.setattr(Session, "close", lambda self: closed.append(self))
    monkeypatch.chdir(tmp_path)
    sessions = daemon.Sessions(limit=2)
    a = sessions.get(Path("a.yaml"), BuildOptions())
    assert sessions.get(Path("a.yaml"), BuildOptions()) is a  # the same build: warm
    b = sessions.get(Path("a.yaml"), BuildOptions(force=True))  # other options: its own
    sessions.get(Path("a.yaml"), BuildOptions())  # a is the most recently used now
    sessions.get(Path("c.yaml"), BuildOptions())
    assert closed == [b]  # the least recently used went, its workers with it
    assert len(sessions.outlines()) == 2
    sessions.close()
    assert len(closed) == 3


def test_a_client_that_leaves_does_not_stop_the_build(tmp_path, running):
    project = new_project(tmp_path / "p", "starter", None, force=False).folder
    conn = daemon._connect(Path(running[daemon.ENV_VAR]))
    assert conn is not None
    with conn:
        daemon._send(conn, {"op": "run", "argv": ["build", "deck.yaml", "-o", "out"],
                            "cwd": str(project), "code": daemon.code_token()})  # fmt: skip
    # The client is gone before a word came back; the build is made all the same, and the
    # daemon answers the next request.
    deadline = time.monotonic() + 60
    while not (project / "out" / "deck.pptx").exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert (project / "out" / "deck.pptx").exists()
    assert daemon.ask("status")["builds"] == 1  # type: ignore[index]
