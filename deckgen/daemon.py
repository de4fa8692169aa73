"""``deckgen daemon``: a warm process that command-line builds hand their work to.

Most of a one-value rebuild on the command line is start-up: Python, pandas, matplotlib,
worker processes and their first drawings, before the four pictures that changed. The
daemon keeps all of that, and keeps, per outline and options, what ``deckgen watch``
keeps between builds (a :class:`~deckgen.pipeline.Session`: the outline, data and theme
as last read, the slide plans, the built slides, a warm pool).

While one runs, ``deckgen build`` sends its arguments and working folder over a Unix
socket and prints what the daemon's build prints. With none running, or one running
other deckgen code (an upgrade, an edited checkout), the command builds in its own
process as always, and then, typed at a terminal, starts one in the background warmed
with that build (:func:`start_after`), as Gradle's daemon is started: the next build is
the fast one. ``deckgen daemon start`` starts one by hand; ``DECKGEN_DAEMON`` says
whether a build uses and starts one (:func:`mode`). The files written are the same byte
for byte either way: the daemon runs the same command, and a session reuses only what
the same inputs would make again.

Safety: the socket is in a folder only its user can open (checked before each use, never
assumed), and the daemon answers only its own user where the system names a socket's
peer (Linux). One build at a time; at most :data:`MAX_SESSIONS` kept warm (the least
recently used is closed); the daemon exits after ``--idle`` minutes without a request.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time
from collections import OrderedDict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from deckgen import __version__
from deckgen.errors import DeckgenError, Problem, did_you_mean
from deckgen.io import umask

if TYPE_CHECKING:
    from collections.abc import Callable

    from deckgen.pipeline import BuildOptions, Session

#: Overrides the daemon's folder (tests give each run its own, so no user's daemon is used).
ENV_VAR = "DECKGEN_DAEMON_DIR"
#: Whether ``deckgen build`` uses a daemon and starts one: one of :data:`MODES`.
MODE_VAR = "DECKGEN_DAEMON"
MODES = {
    "off": "build in this process, never in a daemon",
    "use": "build in a daemon that runs; start none",
    "start": "build in a daemon that runs; after a build made here, start one",
}
SOCKET, LOCK, LOG = "daemon.sock", "daemon.lock", "daemon.log"
MAX_SESSIONS = 2  # each holds a worker pool: ~150 MB a process
#: The longest request a client may send (its arguments and folder), in bytes.
MAX_REQUEST = 1 << 20
#: Why a daemon refuses a build: it imported other deckgen code than the client runs.
STALE = "the deckgen daemon runs other deckgen code (restart it: deckgen daemon stop, then start)"
#: Seconds a connected client has to send its request: a silent one cannot hold the daemon.
REQUEST_SECONDS = 5.0


# --------------------------------------------------------------------------- the folder
def folder() -> Path:
    """Where the socket, lock and log live: ``$DECKGEN_DAEMON_DIR``, or a folder of this
    user's under ``$XDG_RUNTIME_DIR`` (or the temporary folder)."""
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override)
    base = os.environ.get("XDG_RUNTIME_DIR") or tempfile.gettempdir()
    return Path(base) / f"deckgen-{os.getuid()}"


def _unsafe(where: Path) -> str | None:
    """Why ``where`` must not hold the socket (a symlink, another user's, or open to
    others: anyone who can reach the socket could have builds run as this user)."""
    try:
        state = os.lstat(where)
    except OSError as exc:
        return exc.strerror or str(exc)
    if not os.path.isdir(where) or os.path.islink(where):
        return "it is not a folder"
    if state.st_uid != os.getuid():
        return "another user owns it"
    if state.st_mode & 0o077:
        return f"other users can open it (mode {state.st_mode & 0o777:o}, expected 700)"
    return None


def _checked_folder() -> Path:
    where = folder()
    with contextlib.suppress(FileExistsError):
        where.mkdir(mode=0o700, parents=True)
    why = _unsafe(where)
    if why is not None:
        raise DeckgenError(
            Problem(
                None,
                f"the daemon's folder {where} cannot be used: {why}",
                f"remove it, or set {ENV_VAR} to a folder only you can open (chmod 700)",
            )
        )
    return where


def available() -> bool:
    """Unix sockets and file locks: Linux and macOS, not Windows."""
    return hasattr(socket, "AF_UNIX") and os.name == "posix"


# --------------------------------------------------------------------------- messages
def _send(conn: socket.socket, message: dict[str, Any]) -> None:
    data = json.dumps(message).encode()
    conn.sendall(struct.pack(">I", len(data)) + data)


def _receive(
    conn: socket.socket, limit: int = 1 << 31, deadline: float | None = None
) -> dict[str, Any] | None:
    """One message, or ``None`` if the other side closed or sent nonsense (too long, not
    JSON, nested too deep). ``deadline`` (a ``time.monotonic()``) bounds the whole message,
    so a sender trickling bytes cannot hold the reader."""
    head = _exactly(conn, 4, deadline)
    if head is None:
        return None
    (size,) = struct.unpack(">I", head)
    body = _exactly(conn, size, deadline) if size <= limit else None
    if body is None:
        return None
    try:
        message = json.loads(body)
    except (ValueError, RecursionError):
        return None
    return message if isinstance(message, dict) else None


def _exactly(conn: socket.socket, size: int, deadline: float | None) -> bytes | None:
    chunks, left = [], size
    while left:
        if deadline is not None:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            conn.settimeout(remaining)
        chunk = conn.recv(min(left, 1 << 16))
        if not chunk:
            return None
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _connect(where: Path) -> socket.socket | None:
    """A connection to this user's daemon in ``where``, or ``None`` when none answers (or
    the folder is one nobody should trust: see :func:`_unsafe`)."""
    if not available() or _unsafe(where) is not None:
        return None
    path = where / SOCKET
    if not path.exists():
        return None
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        conn.connect(str(path))
    except OSError:  # a socket file left by a killed daemon: nobody listens
        conn.close()
        return None
    if not _same_user(conn):  # a socket put there by someone else: never talk to it
        conn.close()
        return None
    return conn


def _same_user(conn: socket.socket) -> bool:
    """Whether the other end is this user (Linux names it; elsewhere the folder's mode,
    checked before each use, is what keeps others out)."""
    if not hasattr(socket, "SO_PEERCRED"):
        return True
    credentials = conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    _pid, uid, _gid = struct.unpack("3i", credentials)
    return uid == os.getuid()


def code_token() -> str:
    """Which code this process builds with: deckgen's version and every module's size and
    time (an edited checkout), its Python, and the time of the folders packages are
    installed in (installing or upgrading matplotlib or pandas changes them). A daemon
    with other code must not build: it has the old code imported."""
    import sysconfig

    package = Path(__file__).resolve().parent
    digest = hashlib.sha256(f"{__version__}\0{sys.executable}".encode())
    for name in sorted({sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}):
        with contextlib.suppress(OSError):
            digest.update(f"{name}\0{os.stat(name).st_mtime_ns}\n".encode())
    for path in sorted(package.rglob("*.py")):
        state = path.stat()
        digest.update(
            f"{path.relative_to(package)}\0{state.st_size}\0{state.st_mtime_ns}\n".encode()
        )
    return digest.hexdigest()


#: The environment a build depends on: where programs are found (LibreOffice for --pdf),
#: fonts, locale and time zone, matplotlib's and deckgen's settings, Python's paths. A
#: daemon started with other values would build otherwise than the command: it refuses.
_ENVIRONMENT = ("PATH", "HOME", "TMPDIR", "TZ", "LANG", "LANGUAGE", "SOURCE_DATE_EPOCH")
_ENVIRONMENT_PREFIXES = ("LC_", "MPL", "DECKGEN_", "PYTHON", "FONTCONFIG")
_NOT_ENVIRONMENT = {ENV_VAR, MODE_VAR, "PYTHONUNBUFFERED"}


def environment() -> dict[str, str]:
    """The variables of this process's environment that a build depends on."""
    return {
        name: value
        for name, value in sorted(os.environ.items())
        if (name in _ENVIRONMENT or name.startswith(_ENVIRONMENT_PREFIXES))
        and name not in _NOT_ENVIRONMENT
    }


def _differences(theirs: object, ours: dict[str, str]) -> list[str]:
    if not isinstance(theirs, dict):
        return ["all"]
    return sorted(n for n in set(theirs) | set(ours) if theirs.get(n) != ours.get(n))


# --------------------------------------------------------------------------- the client
def mode() -> str:
    """``$DECKGEN_DAEMON``, or by default ``start`` for a person at a terminal and ``use``
    for a script, a CI job or a test: a build nobody types again soon must not leave a
    process behind for half an hour."""
    value = os.environ.get(MODE_VAR, "").strip().lower()
    if not value:
        typed = sys.stderr.isatty() and not os.environ.get("CI")
        return "start" if typed and available() else "use"
    if value not in MODES:
        choices = "; ".join(f"{name}: {what}" for name, what in MODES.items())
        near = did_you_mean(value, MODES)
        hint = f"{near + ' ' if near else ''}set it to one of {choices}"
        raise DeckgenError(Problem(None, f"{MODE_VAR}={value!r} is not a daemon mode", hint))
    return value


def forward(argv: list[str]) -> int | None:
    """Run ``deckgen ARGV`` in the daemon, printing what it prints: its exit code, or
    ``None`` when no daemon can take it (then the caller builds itself)."""
    if mode() == "off":
        return None
    try:
        here = os.getcwd()
    except OSError:
        return None  # a folder removed under the shell: the build here says what is wrong
    conn = _connect(folder())  # None with no daemon folder: the usual case
    if conn is None:
        return None
    request = {"op": "run", "argv": argv, "cwd": here, "code": code_token(), "umask": umask(),
               "environment": environment(), "color": sys.stderr.isatty()}  # fmt: skip
    with conn:
        while True:
            try:
                if request:
                    _send(conn, request)
                    request = {}
                message = _receive(conn)
            except OSError:
                message = None
            if message is None:
                _note("the deckgen daemon stopped during the build; building here")
                return None
            if "out" in message or "err" in message:
                # Our own output closed (`| head`) raises here, as it would without the
                # daemon: it is not the daemon's failure.
                stream = sys.stdout if "out" in message else sys.stderr
                stream.write(str(message.get("out", message.get("err"))))
                stream.flush()
            elif "exit" in message:
                return int(message["exit"])
            elif "refused" in message:
                _note(f"{message['refused']}; building here")
                return None


def _note(text: str) -> None:
    sys.stderr.write(f"note: {text}\n")


def ask(op: str, seconds: float = 10.0) -> dict[str, Any] | None:
    """The daemon's answer to ``status`` or ``stop``; ``None`` when none runs or it does
    not answer within ``seconds`` (it answers between builds)."""
    conn = _connect(folder())
    if conn is None:
        return None
    with conn:
        try:
            _send(conn, {"op": op})
            return _receive(conn, deadline=time.monotonic() + seconds)
        except OSError:
            return None


def holder() -> int | None:
    """The pid written in the lock file of the daemon that holds it, if one does."""
    import fcntl

    try:
        with open(folder() / LOCK) as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_SH | fcntl.LOCK_NB)
            except OSError:
                text = lock.read().strip()
                return int(text) if text.isdigit() else None
            return None  # nobody holds it
    except OSError:
        return None


def stop() -> int | None:
    """Stop the daemon: asked, or, busy with a build that does not end, sent SIGTERM (its
    build stops, its caller builds itself). The pid stopped, or ``None`` if none ran."""
    answer = ask("stop")
    pid = int(answer["stopped"]) if answer and "stopped" in answer else holder()
    if pid is None:
        return None
    if answer is None:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + 30
    while holder() == pid and time.monotonic() < deadline:
        time.sleep(0.05)
    return pid


def start(idle_minutes: float) -> dict[str, Any]:
    """Start a daemon in the background (or find the one running): its status."""
    if not available():
        raise DeckgenError(Problem(None, "the daemon needs Unix sockets (Linux or macOS)",
                                   "build without it: deckgen build works the same"))  # fmt: skip
    where = _checked_folder()
    running = ask("status")
    if running is not None:
        return running
    child = _spawn(where, idle_minutes)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        status = ask("status")
        if status is not None:
            return status
        if child.poll() is not None and holder() is None:
            break  # it ended, and no other daemon (one started at the same moment) runs
        time.sleep(0.05)
    tail = (where / LOG).read_text(errors="replace").strip().splitlines()[-5:]
    raise DeckgenError(Problem(None, "the daemon did not start: " + " / ".join(tail),
                               f"see {where / LOG}"))  # fmt: skip


def start_after(argv: list[str], idle_minutes: float) -> None:
    """After ``deckgen ARGV`` built in this process: in mode ``start``, with no daemon
    running, start one in the background that makes the same build again into a session
    of its own, drawing every picture and writing nothing (``warm_only``), so that the
    next build, after an edit, is a warm one. One running other deckgen code is replaced.
    Never waited for, and never a reason for the build to fail: a daemon that cannot start
    leaves the next build cold (its log says why)."""
    if mode() != "start":
        return
    try:
        where, here = _checked_folder(), os.getcwd()
    except (DeckgenError, OSError):
        return  # `deckgen daemon start` says what is wrong with the folder
    if holder() is not None:
        status = ask("status", seconds=1.0)
        if status is None or status.get("code") == code_token():
            return  # one runs (busy, or still starting), or one this command can use
        stop()  # it runs other code (an upgrade, an edited checkout): never used again
    _spawn(where, idle_minutes, warm={"argv": argv, "cwd": here})
    _note(f"started a deckgen daemon, warmed with this build: the next `deckgen build` runs "
          f"there, in a fraction of the time (it stops after {idle_minutes:g} min without a "
          f"build; `deckgen daemon stop`; {MODE_VAR}=use starts none)")  # fmt: skip


def _spawn(
    where: Path, idle_minutes: float, warm: dict[str, Any] | None = None
) -> subprocess.Popen[bytes]:
    """``deckgen daemon run`` in the background, printing into its log: its ``Popen``."""
    log = where / LOG
    with contextlib.suppress(OSError):
        if log.stat().st_size > LOG_LIMIT:
            log.unlink()  # an old log: only the latest daemon's is kept once it grows
    command = [sys.executable, "-m", "deckgen", "daemon", "run", "--idle", str(idle_minutes)]
    if warm is not None:
        command.append("--warm-up")
    with open(log, "ab") as out:
        child = subprocess.Popen(
            command, stdin=subprocess.DEVNULL if warm is None else subprocess.PIPE,
            stdout=out, stderr=out, cwd=where,
            start_new_session=True,  # not ended by the terminal's Ctrl-C or hang-up
        )  # fmt: skip
    if warm is not None:
        # Down a pipe, not on its command line, which every user of the machine can read.
        assert child.stdin is not None
        with contextlib.suppress(OSError), child.stdin:
            child.stdin.write(json.dumps(warm).encode())
    return child


#: A daemon's log is started afresh when it is larger than this, in bytes.
LOG_LIMIT = 1 << 20


# --------------------------------------------------------------------------- the daemon
class Sessions:
    """The warm sessions, one per working folder, outline and options, least recently
    used first; the oldest is closed (its workers stopped) to keep :data:`MAX_SESSIONS`."""

    def __init__(self, limit: int = MAX_SESSIONS) -> None:
        self.limit = limit
        self._open: OrderedDict[tuple[str, str, BuildOptions], Session] = OrderedDict()

    def get(self, outline: Path, options: BuildOptions) -> Session:
        from dataclasses import replace

        from deckgen.pipeline import Session

        # The working folder is part of the key: a session's workers keep the folder they
        # started in, and the build's relative paths are read from it. --force is not: it
        # only stops a build reading what earlier ones made.
        key = (os.getcwd(), str(outline.resolve()), replace(options, force=False))
        # Separate: the daemon's own process never draws, so no project's fonts are
        # registered where the next project's workers fork from.
        session = self._open.pop(key, None) or Session(separate=True)
        self._open[key] = session
        while len(self._open) > self.limit:
            self._open.popitem(last=False)[1].close()
        return session

    def described(self) -> list[str]:
        """Each session's outline, output folder and jobs, for ``deckgen daemon status``."""
        return [
            f"{outline} (--out {Path(cwd, options.out_dir)}, --jobs {options.workers})"
            for cwd, outline, options in self._open
        ]

    def close(self) -> None:
        while self._open:
            self._open.popitem()[1].close()


class _Stream(io.TextIOBase):
    """What the command prints, sent to the client as it comes (a client that left is
    not an error: the build finishes, its files are written as usual)."""

    def __init__(self, conn: socket.socket, name: str) -> None:
        self.conn, self.name, self.gone = conn, name, False

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return "utf-8"  # what the client's terminal gets is JSON's text: any character

    def write(self, text: str) -> int:
        if not isinstance(text, str):  # Click probes with b"" for a binary stream
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        if text and not self.gone:
            try:
                _send(self.conn, {self.name: text})
            except OSError:
                self.gone = True
        return len(text)

    def isatty(self) -> bool:
        return False


class _Stopping(BaseException):
    """SIGTERM: the daemon ends, in the middle of a build too. Not an ``Exception`` and not
    ``SystemExit``, so neither a build nor Click takes it for the command's own end."""


def _stopping(_signum: int, _frame: object) -> None:
    raise _Stopping


class _Daemon:
    """One daemon: its lock, socket, sessions and the request it is answering."""

    def __init__(self, where: Path, idle_minutes: float, handler: Callable[..., int]) -> None:
        import fcntl

        self.where, self.idle, self.handler = where, idle_minutes * 60, handler
        self.lock = open(where / LOCK, "a+")  # noqa: SIM115 - held for the daemon's life
        try:
            fcntl.flock(self.lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            self.lock.close()
            raise DeckgenError(Problem(None, f"a deckgen daemon already runs in {where}",
                                       "deckgen daemon status shows it")) from None  # fmt: skip
        self.lock.truncate(0)
        self.lock.write(str(os.getpid()))
        self.lock.flush()
        self.path = where / SOCKET
        self.path.unlink(missing_ok=True)  # a killed daemon's (the lock says none runs)
        self.server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.server.bind(str(self.path))
        os.chmod(self.path, 0o600)
        state = os.stat(self.path)
        self.socket_id = (state.st_dev, state.st_ino)
        self.server.listen(8)
        self.conn: socket.socket | None = None
        self.sessions, self.token, self.environment = Sessions(), code_token(), environment()
        self.status: dict[str, Any] = {"pid": os.getpid(), "since": time.time(), "builds": 0,
                                       "folder": str(where), "version": __version__}  # fmt: skip
        # The drawing processes fork from this one: they must not hold the lock, the
        # socket or a client's connection (a killed daemon's lock would stay taken), nor
        # print into a client's connection.
        os.register_at_fork(after_in_child=self._forget)

    def _forget(self) -> None:
        for held in (self.server, self.conn, self.lock):
            with contextlib.suppress(OSError, ValueError, AttributeError):
                held.close()  # type: ignore[union-attr]
        sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__

    def ours(self) -> bool:
        """Whether the socket file is still this daemon's (its folder may have been
        removed, and another daemon started in a new one)."""
        try:
            state = os.stat(self.path)
        except OSError:
            return False
        return (state.st_dev, state.st_ino) == self.socket_id

    def serve(self, warm: dict[str, Any] | None = None) -> None:
        self.server.settimeout(min(self.idle, 2.0))
        try:
            from deckgen.pipeline import between_builds

            if warm is not None:
                self.warm_up(warm)  # a build asked for meanwhile waits: it will be warm
                between_builds()
            last = time.monotonic()
            while self.ours() and time.monotonic() - last < self.idle:
                try:
                    conn, _ = self.server.accept()
                except TimeoutError:
                    continue
                with conn:
                    self.conn = conn
                    built = self.answer(conn) == "built"
                    if built:
                        last = time.monotonic()
                    elif self.status.get("stopped"):
                        return
                    self.conn = None
                if built:  # once its client has its answer
                    between_builds()
        except _Stopping:
            pass
        finally:
            self.close()

    def warm_up(self, request: dict[str, Any]) -> None:
        """Make the build that started this daemon again into a session, writing nothing
        (see :func:`start_after`); what it prints goes to the log."""
        argv, cwd = request.get("argv"), request.get("cwd")
        if not (isinstance(argv, list) and all(isinstance(a, str) for a in argv)):
            return
        here = os.getcwd()
        try:
            os.chdir(str(cwd))
            self.handler(argv, {"sessions": self.sessions, "warm_only": True}, False)
        except Exception as exc:  # the next build is made cold, as without a daemon
            print(f"warming up failed: {type(exc).__name__}: {exc}", flush=True)
        finally:
            os.chdir(here)

    def answer(self, conn: socket.socket) -> str:
        if not _same_user(conn):
            return "refused"
        try:
            request = _receive(conn, MAX_REQUEST, time.monotonic() + REQUEST_SECONDS)
        except OSError:
            return "refused"
        conn.settimeout(SEND_SECONDS)  # a client that stops reading cannot hold the daemon
        if request is None:
            return "refused"
        op = request.get("op")
        with contextlib.suppress(OSError):
            if op == "status":
                _send(conn, {**self.status, "sessions": self.sessions.described(),
                             "code": self.token})  # fmt: skip
            elif op == "stop":
                self.status["stopped"] = True
                self.close()  # first, so a `start` right after finds the lock free
                _send(conn, {"stopped": os.getpid()})
            elif op == "run":
                return self.run(conn, request)
        return op if isinstance(op, str) else "refused"

    def run(self, conn: socket.socket, request: dict[str, Any]) -> str:
        if request.get("code") != self.token:
            _send(conn, {"refused": STALE})
            return "refused"
        differ = _differences(request.get("environment"), self.environment)
        if differ:
            _send(conn, {"refused": "the deckgen daemon was started with another environment "
                         f"({', '.join(differ[:3])} differ{'s' if len(differ) == 1 else ''}; "
                         "restart it from this shell)"})  # fmt: skip
            return "refused"
        self.status["builds"] += 1
        _send(conn, {"exit": _run(conn, request, self.sessions, self.handler)})
        return "built"

    def close(self) -> None:
        self.sessions.close()
        self.server.close()
        if self.ours():  # never a successor's socket
            self.path.unlink(missing_ok=True)
        self.lock.close()


#: Seconds a client may take to read what the daemon sends before the daemon goes on.
SEND_SECONDS = 60.0


def serve(
    idle_minutes: float,
    handler: Callable[[list[str], dict[str, Any], bool], int],
    warm: dict[str, Any] | None = None,
) -> None:
    """Answer requests until ``stop``, SIGTERM, ``idle_minutes`` without a build, or its
    socket file is no longer its own; first, ``warm`` up (see :func:`start_after`)."""
    daemon = _Daemon(_checked_folder(), idle_minutes, handler)
    signal.signal(signal.SIGTERM, _stopping)
    daemon.serve(warm)


def _run(
    conn: socket.socket,
    request: dict[str, Any],
    sessions: Sessions,
    handler: Callable[[list[str], dict[str, Any], bool], int],
) -> int:
    """One command, in the client's folder with the client's umask, printing to it."""
    argv = request.get("argv")
    if not isinstance(argv, list) or not all(isinstance(a, str) for a in argv):
        _send(conn, {"err": "error: the request to the deckgen daemon held no command line\n"})
        return 2
    here, mask = os.getcwd(), request.get("umask")
    try:
        os.chdir(str(request.get("cwd", here)))
    except OSError as exc:
        _send(conn, {"err": f"error: the folder {request.get('cwd')} cannot be used: {exc}\n"})
        return 2
    previous = os.umask(mask if isinstance(mask, int) and 0 <= mask <= 0o777 else 0o022)
    err = _Stream(conn, "err")
    try:
        with contextlib.redirect_stdout(_Stream(conn, "out")), contextlib.redirect_stderr(err):
            return handler(argv, {"sessions": sessions}, bool(request.get("color")))
    except Exception as exc:  # a bug in deckgen: reported, and the daemon answers the next
        err.write(f"error: internal error in the deckgen daemon: {type(exc).__name__}: {exc}\n")
        return 1
    finally:
        os.umask(previous)
        os.chdir(here)
