"""deckgen.daemon: `deckgen build` handed to a warm process, with the same files written."""

from __future__ import annotations

import contextlib
import io
import os
import signal
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import deckgen.daemon as daemon
from deckgen.cli import _cores, _run_in_daemon, cli
from deckgen.errors import DeckgenError
from deckgen.examples import new_project

pytestmark = pytest.mark.skipif(not daemon.available(), reason="Unix sockets only")
LINUX = sys.platform == "linux"


def _deckgen(*args: str, cwd: Path, env: dict[str, str], **kw) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "deckgen", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=180, **kw)  # fmt: skip


def _here(env: dict[str, str]) -> dict[str, str]:
    """The same environment, building without the daemon."""
    return {**env, daemon.MODE_VAR: "off"}


@pytest.fixture
def running(tmp_path, monkeypatch):
    """A daemon of this test's own (started as a user starts it), stopped afterwards; on
    Linux, none of its processes (drawing processes included) may be left."""
    where = tmp_path / "d"
    monkeypatch.setenv(daemon.ENV_VAR, str(where))
    env = {**os.environ, daemon.ENV_VAR: str(where)}
    started = _deckgen("daemon", "start", "--idle", "5", cwd=tmp_path, env=env)
    assert started.returncode == 0, started.stderr
    status = daemon.ask("status")
    assert status is not None
    pid = int(status["pid"])
    yield env
    family = [pid, *_descendants(pid)]
    _deckgen("daemon", "stop", cwd=tmp_path, env=env)
    _gone(*family)
    assert not (where / daemon.SOCKET).exists()  # stopping removes the socket


def _descendants(pid: int) -> list[int]:
    """The processes ``pid`` started and theirs (Linux's /proc; elsewhere none)."""
    if not LINUX:
        return []
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            children.setdefault(int(fields[1]), []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    if LINUX:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            return False
        return state != "Z"  # a zombie has ended; its parent has not reaped it yet
    return True


def _gone(*pids: int) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if not any(_alive(pid) for pid in pids):
            return
        time.sleep(0.05)
    raise AssertionError(f"still running: {[p for p in pids if _alive(p)]}")


def _files(out: Path) -> dict[str, bytes]:
    """The deck and cards written (not the caches or the manifest, which name their folder)."""
    found = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*")
             if p.is_file() and p.suffix in (".pptx", ".png", ".jpg", ".webp")
             and "cache" not in p.relative_to(out).parts}  # fmt: skip
    assert any(name.endswith(".pptx") for name in found)
    return found


def _builds() -> int:
    status = daemon.ask("status")
    assert status is not None
    return int(status["builds"])


# --------------------------------------------------------------------------- the same files
def test_a_build_goes_to_the_daemon_and_writes_the_same_files(tmp_path, running):
    made = new_project(tmp_path / "p", "starter", None, force=False)
    project = made.folder
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
    assert status["sessions"] == [f"{(project / 'deck.yaml').resolve()} (--out "
                                  f"{project / 'out'}, --jobs {_cores()})"]  # fmt: skip
    # The same command with no daemon, from scratch: the same bytes.
    cold = _deckgen("build", "deck.yaml", "-o", "cold", cwd=project, env=_here(running))
    assert cold.returncode == 0, cold.stderr
    assert _builds() == 2
    assert _files(project / "out") == _files(project / "cold")
    # A theme edited under the warm session: the same bytes as a build from scratch.
    theme = project / "themes" / made.theme / "theme.yaml"
    text = theme.read_text()
    theme.write_text(text.replace('highlight: "#C8102E"', 'highlight: "#B00D28"'))
    assert theme.read_text() != text
    edited = _deckgen("build", "deck.yaml", "-o", "out", cwd=project, env=running)
    cold = _deckgen("build", "deck.yaml", "-o", "cold2", cwd=project, env=_here(running))
    assert edited.returncode == cold.returncode == 0, edited.stderr + cold.stderr
    assert _builds() == 3
    assert _files(project / "out") == _files(project / "cold2")
    assert _files(project / "out") != _files(project / "cold")


def test_a_build_from_another_folder_reads_its_paths_from_there(tmp_path, running):
    project = new_project(tmp_path / "p", "starter", None, force=False).folder
    (project / "sub").mkdir()
    there = _deckgen("build", "../deck.yaml", "-o", "../out", cwd=project / "sub", env=running)
    assert there.returncode == 0, there.stderr
    assert there.stdout.startswith("Wrote ../out/deck.pptx")
    here = _deckgen("build", "deck.yaml", "-o", "cold", cwd=project, env=_here(running))
    assert here.returncode == 0
    assert _builds() == 1
    assert _files(project / "out") == _files(project / "cold")


def test_an_up_to_date_build_in_the_daemon_says_the_last_builds_warnings(tmp_path, running):
    """The daemon's build finds the output up to date and builds nothing: the warnings the
    deck on disk has come back all the same, marked as the last build's (fuzz-J/3)."""
    project = new_project(tmp_path / "p", "starter", None, force=False).folder
    outline = project / "deck.yaml"
    text = outline.read_text()
    bullet = "      - The U.S., Japan and Germany"
    assert bullet in text
    outline.write_text(text.replace(bullet, "      - four\n      - five\n      - six\n"
                                            "      - seven\n" + bullet))  # fmt: skip
    first = _deckgen("build", "deck.yaml", "-o", "out", cwd=project, env=running)
    assert first.returncode == 0, first.stderr
    crowded = next(line for line in first.stderr.splitlines() if "7 bullets" in line)
    again = _deckgen("build", "deck.yaml", "-o", "out", cwd=project, env=running)
    assert again.returncode == 0, again.stderr
    assert again.stdout.startswith("Up to date")
    assert crowded.replace("warning: ", "warning (last build): ", 1) in again.stderr.splitlines()
    assert _builds() == 2


def test_the_callers_umask_decides_who_may_read_the_deck(tmp_path, running):
    project = new_project(tmp_path / "p", "starter", None, force=False).folder
    private = _deckgen("build", "deck.yaml", "-o", "out", cwd=project, env=running,
                       preexec_fn=lambda: os.umask(0o077))  # fmt: skip
    assert private.returncode == 0, private.stderr
    assert _builds() == 1
    assert stat.S_IMODE((project / "out" / "deck.pptx").stat().st_mode) == 0o600


def test_a_daemon_started_with_another_environment_is_not_used(tmp_path, running):
    project = new_project(tmp_path / "p", "starter", None, force=False).folder
    other = _deckgen("build", "deck.yaml", "-o", "out", cwd=project,
                     env={**running, "TZ": "Pacific/Auckland"})  # fmt: skip
    assert other.returncode == 0, other.stderr
    assert "note: the deckgen daemon was started with another environment (TZ differs" in (
        other.stderr
    )
    assert other.stdout.startswith("Wrote out/deck.pptx")  # built here instead
    assert _builds() == 0


# --------------------------------------------------------------------------- what is printed
def test_an_error_comes_back_as_it_would_be_printed_here(tmp_path, running):
    (tmp_path / "deck.yaml").write_text("deck:\n  title: [unclosed\n")
    for debug in ([], ["--debug"]):
        there = _deckgen(*debug, "build", "deck.yaml", cwd=tmp_path, env=running)
        here = _deckgen(*debug, "build", "deck.yaml", cwd=tmp_path, env=_here(running))
        assert there.returncode == here.returncode == 2
        assert ("Traceback" in there.stderr) == ("Traceback" in here.stderr) == bool(debug)
        # The message itself, word for word (a traceback's frames differ: the daemon's
        # build reads through its session).
        error = here.stderr[here.stderr.index("error: ") :]
        assert there.stderr.endswith(error)
        assert there.stderr == here.stderr or debug
    assert _builds() == 2


def test_a_closed_output_is_not_taken_for_a_stopped_daemon(tmp_path, running):
    project = new_project(tmp_path / "p", "starter", None, force=False).folder
    command = f"{sys.executable} -m deckgen build deck.yaml -o out | true"
    piped = subprocess.run(["sh", "-c", command], cwd=project, env=running,
                           capture_output=True, text=True, timeout=180)  # fmt: skip
    assert "building here" not in piped.stderr  # no second build in this process
    assert _builds() == 1


def test_a_daemon_running_other_code_is_not_used(tmp_path, running, monkeypatch, capsys):
    # An upgrade or an edited checkout: the daemon still has the old code imported.
    monkeypatch.setattr(daemon, "code_token", lambda: "other code")
    monkeypatch.chdir(tmp_path)
    assert daemon.forward(["build", "deck.yaml"]) is None  # the caller builds itself
    assert "runs other deckgen code" in capsys.readouterr().err
    assert _builds() == 0
    status = CliRunner().invoke(cli, ["daemon", "status"])
    assert status.exit_code == 0
    assert "runs other deckgen code" in status.stderr


def test_the_daemon_runs_builds_only(capsys):
    assert _run_in_daemon(["daemon", "stop"], {"sessions": daemon.Sessions()}, False) == 2
    assert "runs builds, not 'daemon'" in capsys.readouterr().err


# --------------------------------------------------------------------------- no daemon
def test_with_no_daemon_the_build_is_made_here(tmp_path, monkeypatch):
    where = tmp_path / "d"
    where.mkdir(mode=0o700)  # a daemon's folder, with no daemon in it
    monkeypatch.setenv(daemon.ENV_VAR, str(where))
    assert daemon.forward(["build", "deck.yaml"]) is None
    project = new_project(tmp_path / "p", "starter", None, force=False).folder
    monkeypatch.chdir(project)
    built = CliRunner().invoke(cli, ["build", "deck.yaml", "-j", "1"])
    assert built.exit_code == 0, built.output
    assert built.output.startswith("Wrote output/deck.pptx")
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


def _listening(where: Path) -> socket.socket:
    """A socket that listens where a daemon's would (whoever put it there)."""
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(where / daemon.SOCKET))
    listener.listen(1)
    listener.settimeout(0.3)
    return listener


def _never_called(listener: socket.socket) -> bool:
    try:
        listener.accept()[0].close()
    except TimeoutError:
        return True
    return False


@pytest.mark.parametrize("mode", [0o755, 0o770, 0o701])
def test_a_folder_others_can_open_is_never_used(tmp_path, monkeypatch, mode):
    where = tmp_path / "d"
    where.mkdir()
    monkeypatch.setenv(daemon.ENV_VAR, str(where))
    with _listening(where) as listener:
        where.chmod(mode)
        assert daemon.forward(["build", "deck.yaml"]) is None
        assert daemon.ask("status") is None
        assert _never_called(listener)
    with pytest.raises(DeckgenError, match=f"other users can open it \\(mode {mode:o}"):
        daemon.start(1)


def test_a_symlinked_or_foreign_folder_is_never_used(tmp_path, monkeypatch):
    real = tmp_path / "real"
    real.mkdir(mode=0o700)
    (tmp_path / "link").symlink_to(real)
    monkeypatch.setenv(daemon.ENV_VAR, str(tmp_path / "link"))
    with _listening(real) as listener:
        assert daemon.forward(["build", "deck.yaml"]) is None
        assert _never_called(listener)
        with pytest.raises(DeckgenError, match="not a folder"):
            daemon.start(1)
        monkeypatch.setenv(daemon.ENV_VAR, str(real))
        monkeypatch.setattr(os, "getuid", lambda: os.stat(real).st_uid + 1)
        assert daemon._unsafe(real) == "another user owns it"
        assert daemon.forward(["build", "deck.yaml"]) is None
        assert _never_called(listener)


def test_a_socket_of_another_user_is_not_talked_to(tmp_path, running, monkeypatch):
    # On Linux the socket's owner is asked before anything is sent: another user's socket
    # in the folder (put there before the folder was checked) gets no command line.
    if not hasattr(socket, "SO_PEERCRED"):
        pytest.skip("the system does not name a socket's peer")
    ours, theirs = socket.socketpair(socket.AF_UNIX)
    with ours, theirs, monkeypatch.context() as patch:
        assert daemon._same_user(ours)
        patch.setattr(os, "getuid", lambda: os.geteuid() + 1)
        assert not daemon._same_user(ours)
        patch.setattr(daemon, "_unsafe", lambda where: None)
        assert daemon.forward(["build", "deck.yaml"]) is None
    assert _builds() == 0


# --------------------------------------------------------------------------- ending
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


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGKILL])
def test_a_daemon_ended_during_a_build_leaves_it_to_the_caller(tmp_path, monkeypatch, signum):
    where = tmp_path / "d"
    monkeypatch.setenv(daemon.ENV_VAR, str(where))
    env = {**os.environ, daemon.ENV_VAR: str(where)}
    assert _deckgen("daemon", "start", "--idle", "5", cwd=tmp_path, env=env).returncode == 0
    pid = daemon.ask("status")["pid"]  # type: ignore[index]
    project = new_project(tmp_path / "p", "global-impact", None, force=False).folder
    try:
        client = subprocess.Popen([sys.executable, "-m", "deckgen", "build",
                                   "global-impact.yaml"], cwd=project, env=env,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  text=True)  # fmt: skip
        deadline = time.monotonic() + 60
        # The build has started its drawing process and that has forked a worker: ended
        # now, the daemon is mid-build (a fixed wait after the first fork let a fast
        # build finish first, and the client had nothing to note).
        while len(_descendants(pid)) < 2 and LINUX and time.monotonic() < deadline:
            time.sleep(0.01)
        family = [pid, *_descendants(pid)]
        assert client.poll() is None, "the build ended before the daemon could be stopped"
        os.kill(pid, signum)
        out, err = client.communicate(timeout=180)
        assert client.returncode == 0, err
        assert "note: the deckgen daemon stopped during the build; building here" in err, err
        assert out.startswith("Wrote output/global-impact.pptx")
        _gone(*family)  # no drawing process outlives the daemon, however it ended
        assert daemon.ask("status") is None
        again = _deckgen("daemon", "start", "--idle", "5", cwd=tmp_path, env=env)
        assert again.returncode == 0, again.stderr  # the lock is free again
    finally:
        _deckgen("daemon", "stop", cwd=tmp_path, env=env)


def test_a_daemon_whose_folder_went_leaves_its_successor_alone(tmp_path, monkeypatch):
    where = tmp_path / "d"
    monkeypatch.setenv(daemon.ENV_VAR, str(where))
    env = {**os.environ, daemon.ENV_VAR: str(where)}
    assert _deckgen("daemon", "start", "--idle", "5", cwd=tmp_path, env=env).returncode == 0
    old = int(daemon.ask("status")["pid"])  # type: ignore[index]
    for entry in where.iterdir():
        entry.unlink()
    where.rmdir()  # a cleaner emptied the temporary folder
    try:
        assert _deckgen("daemon", "start", "--idle", "5", cwd=tmp_path, env=env).returncode == 0
        new = int(daemon.ask("status")["pid"])  # type: ignore[index]
        assert new != old
        _gone(old)  # the old one sees its socket is gone, and ends without touching the new
        assert daemon.ask("status")["pid"] == new  # type: ignore[index]
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(old, signal.SIGTERM)
        _deckgen("daemon", "stop", cwd=tmp_path, env=env)


# --------------------------------------------------------------------------- requests
def test_a_request_without_a_command_line_is_refused(tmp_path, running):
    conn = daemon._connect(Path(running[daemon.ENV_VAR]))
    assert conn is not None
    with conn:
        daemon._send(conn, {"op": "run", "argv": "build deck.yaml", "cwd": str(tmp_path),
                            "code": daemon.code_token(),
                            "environment": daemon.environment()})  # fmt: skip
        answers = []
        while (message := daemon._receive(conn)) is not None:
            answers.append(message)
    assert answers == [{"err": "error: the request to the deckgen daemon held no command line\n"},
                       {"exit": 2}]  # fmt: skip


@pytest.mark.parametrize(
    "body",
    [b"[" * 100_000 + b"]" * 100_000, b"not json", b"\xff\xfe", b"[1, 2]"],
    ids=["nested too deep", "not JSON", "not UTF-8", "not an object"],
)
def test_a_malformed_request_does_not_end_the_daemon(running, body):
    conn = daemon._connect(Path(running[daemon.ENV_VAR]))
    assert conn is not None
    with conn:
        conn.sendall(len(body).to_bytes(4, "big") + body)
        assert daemon._receive(conn) is None  # no answer: the connection is closed
    assert _builds() == 0  # and the daemon answers the next


def test_a_sender_that_trickles_cannot_hold_the_daemon(running, monkeypatch):
    monkeypatch.setattr(daemon, "REQUEST_SECONDS", 1.0)  # the client's copy: unchanged there
    conn = daemon._connect(Path(running[daemon.ENV_VAR]))
    assert conn is not None
    with conn:
        conn.sendall((1000).to_bytes(4, "big") + b"{")  # and nothing more
        started = time.monotonic()
        assert _builds() == 0  # answered once the first request's time is up
        assert time.monotonic() - started < daemon.REQUEST_SECONDS + 10


def test_sessions_are_kept_warm_up_to_the_limit(tmp_path, monkeypatch):
    from deckgen.pipeline import BuildOptions, Session

    closed = []
    monkeypatch.setattr(Session, "close", lambda self: closed.append(self))
    monkeypatch.chdir(tmp_path)
    sessions = daemon.Sessions(limit=2)
    a = sessions.get(Path("a.yaml"), BuildOptions())
    assert sessions.get(Path("a.yaml"), BuildOptions()) is a  # the same build: warm
    assert sessions.get(Path("a.yaml"), BuildOptions(force=True)) is a  # --force: a's too
    b = sessions.get(Path("a.yaml"), BuildOptions(workers=3))  # other options: its own
    sessions.get(Path("a.yaml"), BuildOptions())  # a is the most recently used now
    (tmp_path / "other").mkdir()
    monkeypatch.chdir(tmp_path / "other")
    c = sessions.get(Path("../a.yaml"), BuildOptions())  # the same file from elsewhere
    assert c is not a  # its own: a session's workers keep the folder they started in
    assert closed == [b]  # the least recently used went, its workers with it
    assert len(sessions.described()) == 2
    sessions.close()
    assert len(closed) == 3


def test_a_daemon_session_draws_nothing_in_the_daemons_own_process(tmp_path, monkeypatch):
    # matplotlib knows fonts by family name: fonts one project registered in the daemon's
    # process would be inherited by the next project's workers, and a font of the same
    # name could be taken for its own. The daemon's sessions draw in workers only, even
    # with --jobs 1, and write the same bytes.
    from deckgen.pipeline import BuildOptions, build
    from deckgen.render.style import _register

    project = new_project(tmp_path / "p", "starter", None, force=False).folder
    monkeypatch.chdir(project)
    sessions = daemon.Sessions()
    options = BuildOptions(out_dir=Path("out"), workers=1)
    before = _register.cache_info()
    try:
        built = build(Path("deck.yaml"), options, session=sessions.get(Path("deck.yaml"), options))
    finally:
        sessions.close()
    assert built.rendered > 0
    assert _register.cache_info() == before  # no font registered (or looked up) here
    build(Path("deck.yaml"), BuildOptions(out_dir=Path("cold"), workers=1))
    assert _files(project / "out") == _files(project / "cold")


def test_a_client_that_leaves_does_not_stop_the_build(tmp_path, running):
    project = new_project(tmp_path / "p", "starter", None, force=False).folder
    conn = daemon._connect(Path(running[daemon.ENV_VAR]))
    assert conn is not None
    with conn:
        daemon._send(conn, {"op": "run", "argv": ["build", "deck.yaml", "-o", "out"],
                            "cwd": str(project), "code": daemon.code_token(),
                            "environment": daemon.environment()})  # fmt: skip
    # The client is gone before a word came back; the build is made all the same, and the
    # daemon answers the next request.
    assert _builds() == 1
    assert (project / "out" / "deck.pptx").exists()


# --------------------------------------------------------------------------- started by a build
class _Terminal(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


@pytest.mark.parametrize(
    ("value", "tty", "ci", "expected"),
    [
        ("", True, None, "start"),  # a person at a terminal
        ("", False, None, "use"),  # a script, a pipe, an editor's task
        ("", True, "true", "use"),  # a CI job (one with a terminal too)
        ("off", True, None, "off"),
        (" Use ", True, None, "use"),
        ("start", False, "true", "start"),  # asked for: the bench, an editor's build key
    ],
)
def test_who_starts_a_daemon(monkeypatch, value, tty, ci, expected):
    monkeypatch.setenv(daemon.MODE_VAR, value)
    if ci is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", ci)
    monkeypatch.setattr(daemon.sys, "stderr", _Terminal(tty))
    assert daemon.mode() == expected


def test_a_mistyped_mode_is_an_error(tmp_path, monkeypatch):
    monkeypatch.setenv(daemon.MODE_VAR, "stat")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["build", "deck.yaml"])
    assert result.exit_code == 2
    assert "DECKGEN_DAEMON='stat' is not a daemon mode" in result.output
    assert "did you mean 'start'? set it to one of off: " in result.output


def test_off_uses_no_daemon_that_runs(tmp_path, running, monkeypatch):
    monkeypatch.setenv(daemon.MODE_VAR, "off")
    monkeypatch.chdir(tmp_path)
    assert daemon.forward(["build", "deck.yaml"]) is None
    assert _builds() == 0


def test_a_build_starts_no_second_daemon(running, monkeypatch):
    spawned: list[object] = []
    monkeypatch.setattr(daemon, "_spawn", lambda *a, **k: spawned.append(k))
    monkeypatch.setenv(daemon.MODE_VAR, "start")
    daemon.start_after(["build", "deck.yaml"], 5)
    assert spawned == []
    assert daemon.ask("status") is not None


def test_a_daemon_running_other_code_is_replaced(tmp_path, running, monkeypatch):
    # deckgen upgraded or edited since the daemon started: it is never used again, so the
    # next build typed at the terminal stops it and starts one with this code.
    spawned: list[dict[str, object]] = []
    monkeypatch.setattr(daemon, "code_token", lambda: "edited")
    monkeypatch.setattr(daemon, "_spawn", lambda *a, **k: spawned.append(k["warm"]))
    monkeypatch.setenv(daemon.MODE_VAR, "start")
    monkeypatch.chdir(tmp_path)
    daemon.start_after(["build", "deck.yaml"], 5)
    assert daemon.holder() is None  # the old one stopped
    assert spawned == [{"argv": ["build", "deck.yaml"], "cwd": str(tmp_path)}]


def _answer(seconds: float = 180) -> dict[str, object]:
    """The status of the daemon a build started: it answers once it has warmed up."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        status = daemon.ask("status", seconds=seconds)
        if status is not None:
            return status
        time.sleep(0.05)  # not listening yet: still importing
    raise AssertionError("the daemon a build started never answered")


def test_a_build_typed_at_a_terminal_starts_a_daemon_warmed_with_it(tmp_path, monkeypatch):
    where = tmp_path / "d"
    monkeypatch.setenv(daemon.ENV_VAR, str(where))
    env = {**os.environ, daemon.ENV_VAR: str(where), daemon.MODE_VAR: "start"}
    project = new_project(tmp_path / "p", "starter", None, force=False).folder
    first = _deckgen("build", "deck.yaml", "-j", "1", cwd=project, env=env)
    assert first.returncode == 0, first.stderr
    assert "note: started a deckgen daemon, warmed with this build" in first.stderr
    out = project / "output"
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.rglob("*") if p.is_file()}
    status = _answer()
    family = [int(str(status["pid"])), *_descendants(int(str(status["pid"])))]
    try:
        assert status["builds"] == 0
        assert status["sessions"] == [f"{project / 'deck.yaml'} (--out {out}, --jobs 1)"]
        # Warming up wrote nothing: not a byte, not a time stamp.
        after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.rglob("*") if p.is_file()}
        assert after == before
        data = project / "production.csv"
        data.write_text(data.read_text().replace("30160966", "31000000"))
        second = _deckgen("build", "deck.yaml", "-j", "1", cwd=project, env=env)
        assert second.returncode == 0, second.stderr
        assert "note:" not in second.stderr
        assert "Re-rendered" in second.stdout
        assert _builds() == 1  # made by the daemon
        here = _deckgen("build", "deck.yaml", "-j", "1", "-o", "here", cwd=project,
                        env=_here(env))  # fmt: skip
        assert here.returncode == 0, here.stderr
        assert _files(out) == _files(project / "here")
    finally:
        _deckgen("daemon", "stop", cwd=tmp_path, env=env)
        _gone(*family)
