"""``deckgen daemon``: a warm process that command-line builds hand their work to.

Most of a one-value rebuild on the command line is start-up: Python, pandas, matplotlib,
worker processes and their first drawings, before the four pictures that changed. The
daemon keeps all of that, and keeps, per outline and options, what ``deckgen watch``
keeps between builds (a :class:`~deckgen.pipeline.Session`: the outline, data and theme
as last read, the slide plans, the built slides, a warm pool).

Opt-in: ``deckgen daemon start``. While one runs, ``deckgen build`` sends its arguments
and working folder over a Unix socket and prints what the daemon's build prints. With
none running, or one running other deckgen code (an upgrade, an edited checkout), the
command builds in its own process as always. The files written are the same byte for
byte either way: the daemon runs the same command, and a session reuses only what the
same inputs would make again.

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
from deckgen.errors import DeckgenError, Problem

if TYPE_CHECKING:
    from collections.abc import Callable

    from deckgen.pipeline import BuildOptions, Session

#: Overrides the daemon's folder (tests give each run its own, so no user's daemon is used).
ENV_VAR = "DECKGEN_DAEMON_DIR"
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


def _receive(conn: socket.socket, limit: int = 1 << 31) -> dict[str, Any] | None:
    """One message, or ``None`` if the other side closed (or sent nonsense)."""
    head = _exactly(conn, 4)
    if head is None:
        return None
    (size,) = struct.unpack(">I", head)
    body = _exactly(conn, size) if size <= limit else None
    if body is None:
        return None
    try:
        message = json.loads(body)
    except ValueError:
        return None
    return message if isinstance(message, dict) else None


def _exactly(conn: socket.socket, size: int) -> bytes | None:
    chunks, left = [], size
    while left:
        chunk = conn.recv(min(left, 1 << 16))
        if not chunk:
            return None
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _connect(where: Path) -> socket.socket | None:
    """A connection to the daemon, or ``None`` when none answers."""
    path = where / SOCKET
    if not path.exists():
        return None
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        conn.connect(str(path))
    except OSError:  # a socket file left by a killed daemon: nobody listens
        conn.close()
        return None
    return conn


def code_token() -> str:
    """Which deckgen this process runs: its version, its Python, and every module's size
    and time (an edited checkout or an upgrade is other code: the daemon must not build
    with what it imported before)."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256(f"{__version__}\0{sys.executable}".encode())
    for path in sorted(package.rglob("*.py")):
        state = path.stat()
        digest.update(
            f"{path.relative_to(package)}\0{state.st_size}\0{state.st_mtime_ns}\n".encode()
        )
    return digest.hexdigest()


# --------------------------------------------------------------------------- the client
def forward(argv: list[str]) -> int | None:
    """Run ``deckgen ARGV`` in the daemon, printing what it prints: its exit code, or
    ``None`` when no daemon can take it (then the caller builds itself)."""
    if not available() or os.environ.get("DECKGEN_NO_DAEMON"):
        return None
    where = folder()
    if _unsafe(where) is not None:
        return None  # no daemon folder (the usual case), or one nobody should trust
    conn = _connect(where)
    if conn is None:
        return None
    with conn:
        request = {"op": "run", "argv": argv, "cwd": os.getcwd(), "code": code_token(),
                   "color": sys.stderr.isatty()}  # fmt: skip
        try:
            _send(conn, request)
            while (message := _receive(conn)) is not None:
                if "out" in message or "err" in message:
                    stream = sys.stdout if "out" in message else sys.stderr
                    stream.write(str(message.get("out", message.get("err"))))
                    stream.flush()
                elif "exit" in message:
                    return int(message["exit"])
                elif "refused" in message:
                    _note(f"{message['refused']}; building here")
                    return None
        except OSError:
            pass
    _note("the deckgen daemon stopped during the build; building here")
    return None


def _note(text: str) -> None:
    sys.stderr.write(f"note: {text}\n")


def ask(op: str) -> dict[str, Any] | None:
    """The daemon's answer to ``status`` or ``stop``; ``None`` when none runs."""
    if not available() or _unsafe(folder()) is not None:
        return None
    conn = _connect(folder())
    if conn is None:
        return None
    with conn:
        try:
            _send(conn, {"op": op})
            return _receive(conn)
        except OSError:
            return None


def start(idle_minutes: float) -> dict[str, Any]:
    """Start a daemon in the background (or find the one running): its status."""
    if not available():
        raise DeckgenError(Problem(None, "the daemon needs Unix sockets (Linux or macOS)",
                                   "build without it: deckgen build works the same"))  # fmt: skip
    where = _checked_folder()
    running = ask("status")
    if running is not None:
        return running
    with open(where / LOG, "ab") as log:
        child = subprocess.Popen(
            [sys.executable, "-m", "deckgen", "daemon", "run", "--idle", str(idle_minutes)],
            stdin=subprocess.DEVNULL, stdout=log, stderr=log, cwd=where,
            start_new_session=True,  # not ended by the terminal's Ctrl-C or hang-up
        )  # fmt: skip
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        status = ask("status")
        if status is not None:
            return status
        if child.poll() is not None:
            break
        time.sleep(0.05)
    tail = (where / LOG).read_text(errors="replace").strip().splitlines()[-5:]
    raise DeckgenError(Problem(None, "the daemon did not start: " + " / ".join(tail),
                               f"see {where / LOG}"))  # fmt: skip


# --------------------------------------------------------------------------- the daemon
class Sessions:
    """The warm sessions, one per working folder, outline and options, least recently
    used first; the oldest is closed (its workers stopped) to keep :data:`MAX_SESSIONS`."""

    def __init__(self, limit: int = MAX_SESSIONS) -> None:
        self.limit = limit
        self._open: OrderedDict[tuple[object, ...], Session] = OrderedDict()

    def get(self, outline: Path, options: BuildOptions) -> Session:
        from deckgen.pipeline import Session

        # The working folder is part of the key: a session's workers keep the folder they
        # started in, and the build's relative paths are read from it.
        key = (os.getcwd(), str(outline.resolve()), options)
        session = self._open.pop(key, None) or Session()
        self._open[key] = session
        while len(self._open) > self.limit:
            self._open.popitem(last=False)[1].close()
        return session

    def outlines(self) -> list[str]:
        return [str(key[1]) for key in self._open]

    def close(self) -> None:
        while self._open:
            self._open.popitem()[1].close()


def _same_user(conn: socket.socket) -> bool:
    """Whether the peer is this user (Linux names it; elsewhere the folder's mode does)."""
    if not hasattr(socket, "SO_PEERCRED"):
        return True
    credentials = conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    _pid, uid, _gid = struct.unpack("3i", credentials)
    return uid == os.getuid()


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


def serve(idle_minutes: float, handler: Callable[[list[str], dict[str, Any], bool], int]) -> None:
    """Answer requests until ``stop``, SIGTERM, or ``idle_minutes`` without one."""
    import fcntl

    where = _checked_folder()
    lock = open(where / LOCK, "a+")  # noqa: SIM115 - held for the daemon's whole life
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        lock.close()
        raise DeckgenError(Problem(None, f"a deckgen daemon already runs in {where}",
                                   "deckgen daemon status shows it")) from None  # fmt: skip
    path = where / SOCKET
    path.unlink(missing_ok=True)  # a killed daemon's (the lock says none runs)
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    os.chmod(path, 0o600)
    server.listen(8)
    server.settimeout(idle_minutes * 60)
    signal.signal(signal.SIGTERM, _exit)
    sessions, token = Sessions(), code_token()
    status: dict[str, Any] = {"pid": os.getpid(), "since": time.time(), "builds": 0,
                              "folder": str(where), "version": __version__}  # fmt: skip
    try:
        while True:
            try:
                conn, _ = server.accept()
            except TimeoutError:
                return
            with conn:
                if not _same_user(conn):
                    continue
                conn.settimeout(REQUEST_SECONDS)
                try:
                    request = _receive(conn, MAX_REQUEST)
                except OSError:
                    continue
                conn.settimeout(None)
                if request is None:
                    continue
                op = request.get("op")
                with contextlib.suppress(OSError):
                    if op == "status":
                        _send(conn, {**status, "sessions": sessions.outlines(), "code": token})
                    elif op == "stop":
                        _send(conn, {"stopped": os.getpid()})
                        return
                    elif op == "run" and request.get("code") != token:
                        _send(conn, {"refused": STALE})
                    elif op == "run":
                        status["builds"] += 1
                        _send(conn, {"exit": _run(conn, request, sessions, handler)})
    finally:
        sessions.close()
        server.close()
        path.unlink(missing_ok=True)
        lock.close()


def _exit(_signum: int, _frame: object) -> None:
    raise SystemExit(0)  # unwinds serve(): workers stopped, socket removed


def _run(
    conn: socket.socket,
    request: dict[str, Any],
    sessions: Sessions,
    handler: Callable[[list[str], dict[str, Any], bool], int],
) -> int:
    """One command, in the client's folder, printing to the client."""
    argv = request.get("argv")
    if not isinstance(argv, list) or not all(isinstance(a, str) for a in argv):
        _send(conn, {"err": "error: the request to the deckgen daemon held no command line\n"})
        return 2
    here = os.getcwd()
    try:
        os.chdir(str(request.get("cwd", here)))
    except OSError as exc:
        _send(conn, {"err": f"error: the folder {request.get('cwd')} cannot be used: {exc}\n"})
        return 2
    err = _Stream(conn, "err")
    try:
        with contextlib.redirect_stdout(_Stream(conn, "out")), contextlib.redirect_stderr(err):
            return handler(argv, {"sessions": sessions}, bool(request.get("color")))
    except Exception as exc:  # a bug in deckgen: reported, and the daemon answers the next
        err.write(f"error: internal error in the deckgen daemon: {type(exc).__name__}: {exc}\n")
        return 1
    finally:
        os.chdir(here)
