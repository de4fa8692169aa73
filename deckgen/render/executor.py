"""Run render jobs: from the cache where possible, else in this process or in one pool.

Every picture of a build (slide charts, stat callouts, social cards) goes through one
:class:`Rendering`, so ``--jobs N`` starts one pool of N worker processes for all of them.
The result is the same either way: a job's picture depends only on the job.
"""

from __future__ import annotations

import atexit
import contextlib
import pickle
import struct
import sys
import time
from collections.abc import Mapping
from concurrent.futures import Executor, Future
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar, cast

from deckgen.errors import DeckgenError
from deckgen.render.jobs import Asset

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator
    from multiprocessing.connection import Connection
    from multiprocessing.synchronize import Lock

    from deckgen.render.cache import AssetCache
    from deckgen.render.jobs import RenderJob


T = TypeVar("T")
R = TypeVar("R")

#: Whether the drawing processes end when the process that forked them ends, however it
#: ends (Linux's parent-death signal: see :func:`_die_with`).
_WORKERS_DIE_WITH_HOST = sys.platform == "linux"


@dataclass(frozen=True)
class RenderRun:
    """Every job's asset by key, and which keys had to be rendered (the rest were cached)."""

    assets: dict[str, Asset]
    rendered: frozenset[str]


def draw(job: RenderJob) -> tuple[Asset, float]:
    """What a worker process runs (a module-level function, so it pickles by name): the
    picture, and the seconds it took (a warm session orders the next build's jobs by them,
    see :class:`Rendering`; a batch reports each row's share)."""
    started = time.perf_counter()
    try:
        asset = job.render()
    except DeckgenError as exc:
        exc.picture = job.key()  # the picture the plan knows (a card, not its chart)
        raise
    if len(_drawn) >= _DRAWN_MAX:
        _drawn.clear()
    _drawn.add(job.key())  # kept on the job by the build that sent it: no work here
    return asset, time.perf_counter() - started


def warm(jobs: list[RenderJob]) -> int:
    """What a worker runs while its pool is idle (see :meth:`Pool.warm`): draw those of
    ``jobs`` it has not drawn itself, for nothing but what drawing them leaves behind in
    it, and return how many it drew. Stops once a job waits (the next build's).

    A worker keeps each text it laid out, shaped and rendered (``textlayout``'s memos).
    The next picture in the same place of the deck (the same names and ticks, one value
    other) finds most of its texts there, in the worker that drew the place before: a
    session's first build drew half the places in each worker, and each edit after it
    sent a picture to the other worker about half the time, where it took 15-45 ms longer.
    """
    # The pool's other warm-ups were sent with this one: each is another worker's, once
    # it takes it (a worker that stopped for one would take it itself, and draw twice).
    deadline = time.monotonic() + _TAKEN_WITHIN
    while _job_waiting():
        if time.monotonic() > deadline:
            return 0  # the others are busy: a build's jobs wait, not warm-ups
        time.sleep(0.002)
    drawn = 0
    for job in jobs:
        if _job_waiting():
            break
        if job.key() in _drawn:
            continue
        with contextlib.suppress(Exception):  # the build that sent it said what failed
            draw(job)
        drawn += 1
    return drawn


#: The keys of the pictures this process drew (a worker's, for :func:`warm`), up to
#: :data:`_DRAWN_MAX` of them (then it starts again: only a warm-up is the poorer for it).
#: A worker forked from a process that drew knows what it drew, as it has its memos.
_drawn: set[str] = set()
_DRAWN_MAX = 4096
#: Seconds a worker waits for the pool's other warm-ups to be taken by the other workers.
_TAKEN_WITHIN = 0.5
#: In a worker of a :class:`_Host`, the pipe it takes its jobs from (see :func:`warm`).
_jobs_end: Connection | None = None


def _job_waiting() -> bool:
    """Whether a job waits in the pipe this worker takes its jobs from."""
    if _jobs_end is None:
        return False
    try:
        return _jobs_end.poll()
    except (OSError, EOFError):  # the pool is ending: nothing more to warm
        return True


def _warm() -> None:
    """Import what drawing needs before the workers fork, so they share it."""
    import numpy
    import PIL.Image
    import PIL.ImageDraw

    from deckgen.render.style import load_matplotlib

    load_matplotlib()
    # What a picture's drawing imports on first use (else each worker imports them): the
    # colour checks, and the character maps that choose each text's font.
    import colorspacious
    import fontTools.ttLib

    import deckgen.render.png
    import deckgen.render.textlayout

    del numpy, PIL, colorspacious, fontTools, deckgen


class _Host(Executor):
    """Workers forked from a process of their own, started before the build reads anything.

    A build's process spends its first second importing pandas and the outline's models
    and reading the data; drawing needs matplotlib, which takes about as long to import.
    Forked from the build's process after that (the lazy :class:`Pool`), the workers
    start late; forked at the start, each would import matplotlib itself, three processes
    importing on two cores (measured: no faster). So one process is forked at the start:
    it imports the drawing libraries while the build reads and plans, then forks the
    workers from itself, once the build says so: with its first job, or once it knows its
    theme, after drawing in it (:meth:`before_fork`), so each worker starts with its fonts
    loaded. Forked, not spawned: nothing re-runs the caller's ``__main__``.

    Jobs and results do not pass through it. The workers take jobs from one pipe this
    process writes, in order, each the next when it is free, and send their results
    straight back down another (passed on by the drawing process, every job and picture
    was read and written once more there: in a batch of 50 rows, ~0.1 CPU s on the cores
    the workers draw on). The drawing process watches its workers: one that dies breaks
    the pool, as in a :class:`~concurrent.futures.ProcessPoolExecutor`.
    """

    def __init__(self, workers: int, preload: Callable[[], object]) -> None:
        import itertools
        import multiprocessing
        import os
        import threading

        context = multiprocessing.get_context("fork")
        self._workers = workers
        self._pipe, theirs = context.Pipe()  # the end, with the host
        jobs, self._jobs = context.Pipe(duplex=False)  # see _JOB
        self._results, results = context.Pipe(duplex=False)  # see _RESULT
        # A result (a picture, a batch's deck: hundreds of KB) passes a 64 KB pipe in
        # pieces, each taken by this process's reader thread, which waits for the GIL
        # while the main thread plans or stages: a worker sat in its send meanwhile (0.13
        # s each in the bench's 50-row batch). A wider pipe takes a result whole, and a
        # shorter switch interval hands the GIL to the reader and the feeder sooner: that
        # batch with --jobs 2 ~2% faster (12 paired runs), a cold build no slower.
        _widen(results)
        self._interval = sys.getswitchinterval()
        sys.setswitchinterval(SWITCH_INTERVAL)
        here = os.getpid()
        self._process = context.Process(target=_host, name="deckgen-drawing",
                                        args=(theirs, self._pipe, workers, here, preload,
                                              _Ends(jobs, context.Lock(), results,
                                                    context.Lock())))  # fmt: skip
        self._process.start()
        # Only the drawing process and its workers hold these ends now: once they have all
        # ended, the results pipe reads as closed here (every job left fails) and a job
        # being written fails rather than waiting for a reader.
        for end in (theirs, jobs, results):
            end.close()
        # At the interpreter's exit multiprocessing joins every child process it started;
        # a pool never shut down (a script's Session that raised before close()) would
        # keep the host waiting for jobs, and the exit would hang. Registered after
        # multiprocessing's own hook, so it runs first.
        self._owner = here
        atexit.register(self._stop_at_exit)
        self._pending: dict[int, Future[Any]] = {}
        self._numbers = itertools.count()
        self._sending = threading.Lock()
        self._used = False
        #: Whether the drawing process was told to fork its workers (:meth:`before_fork`,
        #: else the first job): it waits for that after importing.
        self._released = False
        self._feeder = _Feeder(self._jobs)
        self._reader = threading.Thread(target=self._read, name="deckgen-results", daemon=True)
        self._reader.start()

    def before_fork(self, fn: Callable[..., object], *args: Any) -> None:
        """Have the drawing process call ``fn(*args)`` before it forks the workers, so
        that each starts with what the call loaded; nothing once they are forked (a
        session's later builds). See :meth:`Pool.before_fork`."""
        try:
            message = _FIRST + pickle.dumps((fn, args), _PROTOCOL)
        except Exception:  # only a head start: the workers fork without it
            message = _GO
        with self._sending:
            self._release(message)

    def _release(self, message: bytes) -> None:
        if not self._released:
            self._released = True
            with contextlib.suppress(OSError):  # it has ended: the jobs will say so
                self._pipe.send_bytes(message)

    def submit(self, fn: Callable[..., R], /, *args: Any, **kwargs: Any) -> Future[R]:
        assert not kwargs, "jobs take positional arguments"
        future: Future[R] = Future()
        with self._sending:
            self._release(_GO)
            number = next(self._numbers)
            payload = _JOB.pack(number) + pickle.dumps((fn, args), _PROTOCOL)
            self._pending[number] = future
            self._feeder.put(payload)
            self._used = True
        return future

    def _read(self) -> None:
        """Settle each future as its result comes back; fail the rest once the host and
        its workers have ended."""
        from concurrent.futures.process import BrokenProcessPool

        while True:
            try:
                message = self._results.recv_bytes()
            except (EOFError, OSError):
                break
            number, ok = _RESULT.unpack_from(message)
            future = self._pending.pop(number)
            try:
                value = pickle.loads(memoryview(message)[_RESULT.size :])
            except Exception as exc:  # a result that does not unpickle here
                ok, value = False, exc
            if ok:
                future.set_result(value)
            else:
                future.set_exception(value)
        self._feeder.stop(drop=True)
        while self._pending:  # popped one by one: a job may still be being submitted
            _, future = self._pending.popitem()
            future.set_exception(BrokenProcessPool("the drawing process ended early"))

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        if not self._used:
            self._process.kill()  # still importing, or idle: it holds nothing of ours
        else:
            with self._sending:
                if not cancel_futures:
                    for _ in range(self._workers):  # after every job: each worker's end
                        self._feeder.put(b"")
                self._feeder.stop(drop=cancel_futures)
                # OSError: it has already ended.
                with contextlib.suppress(OSError):
                    self._pipe.send("cancel" if cancel_futures else None)
        sys.setswitchinterval(self._interval)
        if wait:
            self._process.join()
            self._reader.join()
            self._feeder.join()
        # Only now: a shutdown interrupted while it waits keeps the exit from hanging.
        atexit.unregister(self._stop_at_exit)

    def _stop_at_exit(self) -> None:
        """Stop a host never shut down, at the interpreter's exit; not from a process
        forked from its owner, which inherits this hook but not the host."""
        import os

        if os.getpid() != self._owner:
            return
        if not _WORKERS_DIE_WITH_HOST:
            # Killed, the host would leave its workers behind (holding this process's
            # output pipes open): ask it to stop them first, and kill it if it will not.
            with contextlib.suppress(OSError):
                self._pipe.send("cancel")
            self._process.join(timeout=10)
        self._process.kill()
        self._process.join()


#: What the drawing process waits for before it forks the workers: to fork them now, or
#: first to call the pickled function and arguments that follow (:meth:`_Host.before_fork`).
_GO, _FIRST = b"go", b"first:"
#: What precedes a job's pickled function and arguments: its number.
_JOB = struct.Struct(">Q")
#: What precedes each result: the job's number and whether it succeeded (then the pickled
#: result, or the exception the job raised).
_RESULT = struct.Struct(">Q?")
_PROTOCOL = pickle.HIGHEST_PROTOCOL
#: The results pipe's size where the system lets it be set (Linux: up to
#: /proc/sys/fs/pipe-max-size, 1 MB unless lowered), and the interpreter's switch interval
#: while a pool runs (the default is 5 ms): see :class:`_Host`.
PIPE_BYTES = 1 << 20
SWITCH_INTERVAL = 0.0005


def _widen(end: Connection) -> None:
    """Make the pipe ``end`` belongs to :data:`PIPE_BYTES` large, where the system can."""
    import fcntl

    setting = getattr(fcntl, "F_SETPIPE_SZ", None)  # Linux only
    if setting is not None:
        with contextlib.suppress(OSError):  # above the system's limit: the pipe stays
            fcntl.fcntl(end.fileno(), setting, PIPE_BYTES)


class _Feeder:
    """Writes the jobs to the workers' pipe from a thread of its own, in the order given,
    so that a submit never waits for a worker to make room in the pipe (nor, in a batch,
    does the build's process while it assembles). A write that waits for room when the
    workers have ended fails: this process holds no reading end of the pipe."""

    def __init__(self, end: Connection) -> None:
        import collections
        import threading

        self._end = end
        self._waiting: collections.deque[bytes] = collections.deque()
        self._more = threading.Condition()
        self._stopped = False
        self._thread = threading.Thread(target=self._feed, name="deckgen-jobs", daemon=True)

    def put(self, payload: bytes) -> None:
        with self._more:
            if self._thread.ident is None and not self._stopped:
                self._thread.start()
            self._waiting.append(payload)
            self._more.notify()

    def stop(self, *, drop: bool) -> None:
        """Write what waits (unless ``drop``), then end."""
        with self._more:
            if drop:
                self._waiting.clear()
            self._stopped = True
            self._more.notify()

    def join(self) -> None:
        if self._thread.ident is not None:
            self._thread.join()
        self._end.close()

    def _feed(self) -> None:
        while True:
            with self._more:
                while not self._waiting and not self._stopped:
                    self._more.wait()
                if not self._waiting:
                    return
                payload = self._waiting.popleft()
            try:
                self._end.send_bytes(payload)
            except OSError:  # the workers have ended (killed, or the pool broke)
                return


@dataclass(frozen=True)
class _Ends:
    """The pipes' ends the workers use: jobs to read and results to write, each with the
    lock that keeps one worker's message from being split by another's."""

    jobs: Connection
    taking: Lock
    results: Connection
    sending: Lock


def _host(pipe: Connection, theirs: Connection, workers: int, build: int,
          preload: Callable[[], object], ends: _Ends) -> None:  # fmt: skip
    """The drawing process of a :class:`_Host`: import (what :func:`_warm` and ``preload``
    import), fork the workers, and watch them until the build says stop."""
    import gc
    import multiprocessing
    import os
    import signal
    from multiprocessing.connection import wait

    theirs.close()  # else the build's end of the pipe never reads as closed here
    _die_with(build)
    # Ctrl-C reaches every process in the terminal's group; the build's process decides
    # (it sends "cancel"), so the drawing processes do not each print a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Importing makes objects that live as long as the process; collecting would walk
    # them again and again for nothing (see pipeline.collect_later).
    collecting = gc.isenabled()
    gc.disable()
    _warm()
    preload()
    # The workers fork once the build says so: with its first job, or once it knows what
    # they will draw (its theme), after a call that loads it here once for all of them.
    try:
        first = pipe.recv_bytes()
    except (EOFError, OSError):
        return  # the build's process has ended
    if first.startswith(_FIRST):
        fn, args = pickle.loads(first[len(_FIRST) :])
        with contextlib.suppress(Exception):  # only a head start: the jobs say what fails
            fn(*args)
    elif first != _GO:
        return  # "cancel": stopped before any job
    # What the workers inherit (the libraries) lives as long as they do:
    # out of their collections, and its pages left shared (Python's advice before a fork).
    gc.freeze()
    if collecting:
        gc.enable()
    context = multiprocessing.get_context("fork")
    started = [context.Process(target=_work, name="deckgen-worker", args=(pipe, os.getpid(), ends))
               for _ in range(workers)]  # fmt: skip
    for process in started:
        process.start()
    ends.jobs.close()  # the workers' alone now (see _Feeder)
    ends.results.close()  # likewise: the build reads the end of it once they have ended
    running = {process.sentinel: process for process in started}
    while running:
        stop = False
        for ready in wait([pipe, *running]):
            if ready is pipe:
                try:
                    # None: each worker has been sent its end, after the last job.
                    stop = pipe.recv() == "cancel"
                except (EOFError, OSError):
                    stop = True  # the build's process has ended
            else:
                process = running.pop(cast("int", ready))
                process.join()
                # A worker that died (killed, out of memory) breaks the pool.
                stop = stop or process.exitcode != 0
        if stop:
            # All killed before any is waited for: the system tears them down together (a
            # batch's end waited ~10 ms longer for one after the other).
            for process in running.values():
                process.kill()
            for process in running.values():
                process.join()
            running.clear()


def _work(pipe: Connection, host: int, ends: _Ends) -> None:
    """A worker: take the next job until told to stop (an empty message) and send its
    result back (see :data:`_JOB` and :data:`_RESULT`)."""
    import gc

    # A worker's copy of the host's pipe would keep it open in the build's process after
    # the host ended.
    pipe.close()
    _die_with(host)
    gc.set_threshold(*COLLECT_EVERY)
    global _jobs_end
    _jobs_end = ends.jobs  # see warm()
    first = True
    while True:
        # Figures ahead while no job waits: before the first job at once (for the style
        # the drawing process drew in before the fork, a slide chart's: a batch's workers
        # wait ~0.1 s for the build's process to plan its first row), after a job once
        # none has come for a while (see _while_idle).
        _while_idle(first)
        first = False
        try:
            with ends.taking:
                job = ends.jobs.recv_bytes()
        except (EOFError, OSError):
            return  # the build has ended
        if not job:
            return
        (number,) = _JOB.unpack_from(job)
        try:
            fn, args = pickle.loads(memoryview(job)[_JOB.size :])
            message = _RESULT.pack(number, True) + pickle.dumps(fn(*args), _PROTOCOL)
        except BaseException as exc:  # the job's own error, sent back as it is
            try:
                message = _RESULT.pack(number, False) + pickle.dumps(exc, _PROTOCOL)
            except Exception as why:  # an error that does not pickle
                error = RuntimeError(f"cannot send a result back: {why}")
                message = _RESULT.pack(number, False) + pickle.dumps(error, _PROTOCOL)
        with ends.sending:
            ends.results.send_bytes(message)


def _while_idle(first: bool) -> None:
    """Make figures ahead (see :mod:`deckgen.render.spares`) while no job waits: at once
    before the ``first`` job, else once no job has come for :data:`_IDLE_AFTER` seconds."""
    from deckgen.render import spares

    if not first and _jobs_end is not None:
        try:
            if _jobs_end.poll(_IDLE_AFTER):
                return
        except (OSError, EOFError):  # the pool is ending
            return
    while not _job_waiting() and spares.make_one():
        pass


#: Seconds a worker waits for a job before making figures ahead. A worker with no job at
#: the end of a build most often waits for the build's process to assemble the deck while
#: the other draws the last picture: made then, figures took a core from both (~20 ms of
#: an edit's ~310 with their ticks). A person's next edit comes seconds later.
_IDLE_AFTER = 0.15


#: The cyclic collector's thresholds in a worker, and in a build's process once its inputs
#: are read (see :func:`deckgen.pipeline.collect_later`). Drawing a chart, or assembling a
#: slide, makes tens of thousands of objects and frees nearly all of them by reference
#: counting; at Python's default (a collection every 700 objects more made than freed) the
#: collector walks what is being built again and again: half the collector's time in a
#: warm session's rebuild, for garbage it finds later.
COLLECT_EVERY = (20_000, 10, 10)


def _die_with(parent: int) -> None:
    """End this process when ``parent`` ends, however it ends (Linux; elsewhere the pipe's
    end of file stops the host, and the host its workers).

    A killed build (SIGKILL, OOM) must not leave drawing processes behind: they would hold
    its output pipes open. A kill of the process group can miss a worker forked in that
    instant, and a host stopped before it had any job is killed, not asked to finish its
    imports first; this covers both.
    """
    if not _WORKERS_DIE_WITH_HOST:
        return
    import ctypes
    import os
    import signal

    set_parent_death_signal = 1  # PR_SET_PDEATHSIG, <linux/prctl.h>
    ctypes.CDLL(None, use_errno=True).prctl(set_parent_death_signal, signal.SIGKILL)
    if os.getppid() != parent:  # it ended before the line above: no signal will come
        os._exit(1)


class Pool:
    """Where jobs run: this process (``workers=1``) or ``workers`` forked processes.

    A build and a batch call :meth:`start` before they read anything: the workers then
    fork from a process of their own that imports the drawing libraries meanwhile (see
    :class:`_Host`). Otherwise (``deckgen social``) they are forked from this process when
    the first jobs are submitted, after it has drawn one picture itself: they share its
    imports and warm caches (copy-on-write) instead of each paying for them. Either way a
    rebuild with nothing to draw forks nothing it waits for. A build's :class:`Rendering`
    (slide pictures and cards alike) and a batch's drawing and assembly use the same
    workers. Another engine (a Dask cluster, :mod:`deckgen.render.dask`) is a subclass
    with its own :meth:`submit`.
    """

    def __init__(self, workers: int = 1, *, separate: bool = False) -> None:
        self.workers = workers
        #: Draw nothing in this process, even with one worker or one picture to draw: a
        #: long-lived process serving several projects (``deckgen daemon``) keeps no
        #: drawing state (fonts matplotlib registered by family name) from one project
        #: into the next one's workers, which fork from it.
        self.separate = separate
        self.executor: Executor | None = None

    @property
    def parallel(self) -> bool:
        """Whether :meth:`submit` runs elsewhere (else callers run jobs in order here)."""
        return self.executor is not None or self.workers > 1

    def start(self, preload: Callable[[], object] = lambda: None) -> None:
        """Start the workers now, in a process of their own (see :class:`_Host`), rather
        than from this one when the first jobs are sent. It imports the drawing libraries
        and calls ``preload`` (the caller's imports: what its jobs need to be unpickled).
        """
        if self.executor is None and (self.workers > 1 or self.separate):
            self.executor = _Host(self.workers, preload)

    def before_fork(self, fn: Callable[..., object], *args: Any) -> None:
        """Call ``fn(*args)`` (a module-level function, so it pickles) in the process the
        workers fork from, before they fork, where that is still to come (a build's
        :meth:`start`-ed pool): what it loads (a theme's fonts, drawn once) each worker then
        has, rather than each paying for it on its first picture. Best effort: an error
        in it is ignored (the jobs meet it again and say so); elsewhere it does nothing."""
        if isinstance(self.executor, _Host):
            self.executor.before_fork(fn, *args)

    def submit(self, fn: Callable[[T], R], arg: T) -> Future[R]:
        """Run ``fn(arg)`` on a worker (``fn`` a module-level function, so it pickles)."""
        assert self.parallel, "a pool of one runs its jobs in the caller"
        if self.executor is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            _warm()
            context = multiprocessing.get_context("fork")
            self.executor = ProcessPoolExecutor(max_workers=self.workers, mp_context=context)
        return self.executor.submit(fn, arg)

    def warm(self, jobs: list[RenderJob]) -> list[Future[int]]:
        """Have each worker draw those of ``jobs`` it has not drawn, in the background, and
        stop as soon as a build sends a job (see :func:`warm`): a warm session's workers
        after a build that showed pictures in places they had not all drawn. Only workers
        of :meth:`start`, which can see a job waiting; elsewhere nothing is drawn.

        One warm-up each: a worker that takes one waits for the others to be taken first.
        """
        if not isinstance(self.executor, _Host) or not jobs:
            return []
        return [self.executor.submit(warm, jobs) for _ in range(self.workers)]

    def map(self, fn: Callable[[T], R], args: list[T]) -> Iterator[tuple[int, R]]:
        """``(index, fn(arg))`` for every arg, as they finish (in order when serial)."""
        if not self.parallel or len(args) < 2:
            for n, arg in enumerate(args):
                yield n, fn(arg)
            return
        from concurrent.futures import as_completed

        futures = {self.submit(fn, arg): n for n, arg in enumerate(args)}
        for future in as_completed(futures):
            yield futures[future], future.result()

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)


class Rendering(Mapping[str, Asset]):
    """The pictures of ``jobs``, each drawn once (jobs with equal keys are one), from the
    cache where it has them, else in this process or in ``pool``'s workers.

    The jobs are with the workers as soon as this is made; looking a picture up waits for
    that one alone. So the caller uses each picture as soon as it is drawn: the assembler
    builds the slides in order while the workers draw the pictures further on, rather than
    waiting for the last picture before it starts. :meth:`finish` waits for the rest. In
    this process (one worker) a picture is drawn when it is first looked up.

    ``later``: jobs wanted only after the rest (a build's cards, written after its deck is
    built), handed out after them, unless ``took`` says where among them they end the build
    sooner; ``None``: still to come, see :meth:`add_later`. ``took``: the seconds each
    picture took in its place last build (a session's), updated here; with a time for every
    picture to draw, and few of them (an edit, not a new theme), they are handed out by
    :func:`schedule`.
    """

    def __init__(
        self,
        jobs: Iterable[RenderJob],
        pool: Pool,
        on_done: Callable[[RenderJob], None] | None = None,
        cache: AssetCache | None = None,
        *,
        later: Iterable[RenderJob] | None = (),
        took: dict[str, float] | None = None,
    ) -> None:
        self._pool = pool
        self._jobs: dict[str, RenderJob] = {}
        #: Each picture's place among the jobs ("3" the fourth, "later 1" the second of
        #: ``later``): what ``took`` knows it by from one build to the next, when its data
        #: (and so its key) changed. A slide put in shifts the places after it: the times
        #: are then a rougher guess, which changes the order, never the pictures.
        self._slots: dict[str, str] = {}
        self._given: dict[str, int] = {}  # how many jobs of each slot were given so far
        self._first: set[str] = set()
        self._on_done, self._cache, self._took = on_done, cache, took
        self._assets: dict[str, Asset] = {}
        self._last_first: float | None = None  # when the last drawn of ``first`` came in
        self._todo: dict[str, RenderJob] = {}
        self._futures: dict[str, Future[tuple[Asset, float]]] = {}
        self._add(jobs, "")
        if later is None:
            # The later jobs are still being planned (see :meth:`add_later`): these go to
            # the workers now, unless the order or the place to draw them in waits for all.
            if took is None and len(self._todo) > 1:
                self._hand_out()
            return
        self._add(later, "later ")
        self._hand_out()

    def add(self, jobs: Iterable[RenderJob]) -> None:
        """Hand out ``jobs`` too, after those already given: more of a build's slide
        pictures, as each slide is laid out (see :func:`deckgen.pipeline.make`)."""
        self._add(jobs, "")
        self._hand_out()

    def add_later(self, jobs: Iterable[RenderJob]) -> None:
        """Hand out ``jobs`` after the rest: the ``later`` of a rendering made without them
        (``later=None``). A build plans its cards while the workers draw its slides'
        pictures (the first of them ~50 ms sooner in a cold build with ``--jobs 2``)."""
        self._add(jobs, "later ")
        self._hand_out()

    def _add(self, jobs: Iterable[RenderJob], slot: str) -> None:
        """Take in ``jobs``: each picture once, from the cache where it has it."""
        cache, on_done = self._cache, self._on_done
        start = self._given.get(slot, 0)  # the jobs' places go on from those given before
        for place, job in enumerate(jobs, start):
            self._given[slot] = place + 1
            key = job.key()
            if key in self._jobs:
                continue
            self._jobs[key] = job
            self._slots[key] = f"{slot}{place}"
            if not slot:
                self._first.add(key)
            hit = cache.get(key, job.ext) if cache else None
            if hit is None:
                self._todo[key] = job
                continue
            data, meta = hit
            self._assets[key] = Asset(data, str(meta.get("alt", "")), key,
                                      dict(meta.get("values", {})))  # fmt: skip
            if on_done:
                on_done(job)

    def _hand_out(self) -> None:
        """Send the pictures not yet sent to the pool's workers, in the order that ends the
        build soonest; or leave them to be drawn here when looked up."""
        pool, took, first = self._pool, self._took, self._first
        new = [k for k in self._todo if k not in self._futures]
        if not pool.parallel or not new or (len(self._todo) < 2 and not pool.separate):
            return
        if (
            took is not None
            and len(new) == len(self._todo) <= SCHEDULED
            and all(self._slots[k] in took for k in new)
        ):
            # Every picture to draw was drawn in this place last build (a warm session
            # after an edit): hand them out by how long each took then.
            seconds = {k: took[self._slots[k]] for k in new}
            order = schedule([(k, seconds[k]) for k in new if k in first],
                             [(k, seconds[k]) for k in new if k not in first],
                             pool.workers, tail=took.get(TAIL, 0.0))  # fmt: skip
        else:
            # The biggest pictures first, so no worker is left with a long job at the end
            # (``later`` after the rest, biggest first among them).
            order = sorted(new, key=lambda k: (k not in first, -self._todo[k].cost()))
        # The last is drawn here first, so the workers fork with everything drawing needs
        # (workers already running, a build's or a warm session's, take every job at once).
        if pool.executor is None:
            self[order.pop()]
        self._futures.update((key, pool.submit(draw, self._todo[key])) for key in order)

    def places(self) -> dict[str, RenderJob]:
        """Every job (drawn or from the cache) by its place (see ``took``)."""
        return {self._slots[key]: job for key, job in self._jobs.items()}

    def __getitem__(self, key: str) -> Asset:
        asset = self._assets.get(key)
        if asset is None:
            job = self._todo[key]  # a KeyError for a key that is not one of the jobs'
            future = self._futures.get(key)
            # A job that failed keeps its future: :meth:`finish` raises its error again
            # rather than drawing it here.
            asset, seconds = future.result() if future is not None else draw(job)
            self._futures.pop(key, None)
            self._keep(key, asset, seconds)
        return asset

    def __iter__(self) -> Iterator[str]:
        return iter(self._jobs)

    def __len__(self) -> int:
        return len(self._jobs)

    def _keep(self, key: str, asset: Asset, seconds: float) -> None:
        self._assets[key] = asset
        if key in self._first:
            self._last_first = time.perf_counter()
        if self._took is not None:
            self._took[self._slots[key]] = seconds
        if self._cache:
            meta = {"alt": asset.alt, "values": asset.values}
            self._cache.put(key, asset.data, meta, self._todo[key].ext)
        if self._on_done:
            self._on_done(self._todo[key])

    def assembled(self) -> None:
        """Note that the deck is assembled: with ``took``, how long that took after the
        last of its pictures came in (the next build's :func:`schedule` weighs it)."""
        if self._took is not None and self._last_first is not None:
            self._took[TAIL] = time.perf_counter() - self._last_first

    def finish(self) -> RenderRun:
        """Every picture (waiting for those still being drawn), and which were drawn."""
        from concurrent.futures import as_completed

        futures = {future: key for key, future in self._futures.items()}
        for future in as_completed(futures):  # progress in the order they are done
            key = futures[future]
            asset, seconds = future.result()
            del self._futures[key]
            self._keep(key, asset, seconds)
        for key in self._todo:
            self[key]  # drawn here: the ones in this process not yet looked up
        return RenderRun({k: self._assets[k] for k in self._jobs}, frozenset(self._todo))


#: At most this many pictures to draw are ordered by :func:`schedule` (it simulates the
#: build once per card and place: ~10 ms for 48 pictures, 0.2 s for 140); more, as after a
#: theme change, are handed out biggest first.
SCHEDULED = 48

#: What ``took`` knows the deck's assembly by: the seconds from its last picture drawn to
#: its bytes (the slides that waited for it, then the package written).
TAIL = "assembly after the last slide picture"


def schedule(first: list[tuple[str, float]], later: list[tuple[str, float]],
             workers: int, *, tail: float = 0.0) -> list[str]:  # fmt: skip
    """The order to hand jobs out in, from the seconds each is expected to take: ``first``
    (a build's slide pictures, which its deck waits for) biggest first, and each of
    ``later`` (its cards), biggest first, where the build then ends soonest (the workers
    simulated taking jobs in order as each comes free; the deck done ``tail`` seconds after
    its last picture), and among those where the slide pictures are done soonest, and the
    latest such place.

    Cards last is not always soonest: after an edit that changes two charts and a card,
    the card sent last waits for the slower chart's worker while the other one idles. Nor
    is the order that keeps the workers busiest: the deck is assembled and written while
    a card is still drawn, so the slide pictures done first may end the build sooner.
    """
    import heapq

    seconds = dict(first + later)
    slides = {k for k, _ in first}

    def ends(order: list[str]) -> tuple[float, float]:
        free, done, slides_done = [0.0] * workers, 0.0, 0.0
        for key in order:
            end = heapq.heappop(free) + seconds[key]
            heapq.heappush(free, end)
            done = max(done, end)
            if key in slides:
                slides_done = max(slides_done, end)
        return max(done, slides_done + tail if slides else 0.0), slides_done

    order = [k for k, _ in sorted(first, key=lambda job: -job[1])]
    for key, _ in sorted(later, key=lambda job: -job[1]):
        spot = min(range(len(order) + 1),
                   key=lambda p: (*ends([*order[:p], key, *order[p:]]), -p))  # fmt: skip
        order.insert(spot, key)
    return order


def run(
    jobs: Iterable[RenderJob],
    *,
    workers: int | Pool = 1,
    on_done: Callable[[RenderJob], None] | None = None,
    cache: AssetCache | None = None,
) -> RenderRun:
    """Render every job once (see :class:`Rendering`), in this process or in ``workers``
    (a :class:`Pool`, or a number of processes for this call alone), and wait for all."""
    with contextlib.ExitStack() as stack:
        pool = workers if isinstance(workers, Pool) else stack.enter_context(Pool(workers))
        return Rendering(jobs, pool, on_done, cache).finish()
