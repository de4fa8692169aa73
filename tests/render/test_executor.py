"""The executor: every job once, in this process or the pool; the pool's processes and
their ends."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from deckgen.errors import DataError, Problem
from deckgen.render.executor import Pool, Rendering, run
from deckgen.render.jobs import Asset
from tests.helpers import REPO
from tests.render.test_cache import _stat_job

if TYPE_CHECKING:
    from collections.abc import Callable


@pytest.mark.parametrize("workers", [1, 2])
def test_every_picture_is_drawn_once_and_reported_once(workers: int):
    drawn: list[str] = []
    jobs = [_stat_job(f"{n}%") for n in (10, 20, 30, 10)]  # the last shows the first again
    with Pool(workers) as pool:
        done = run(jobs, workers=pool, on_done=lambda job: drawn.append(job.key()))
    assert set(done.assets) == set(done.rendered) == {j.key() for j in jobs}
    assert sorted(drawn) == sorted({j.key() for j in jobs})
    assert done.assets[jobs[0].key()].data == jobs[0].render().data


def test_a_cached_picture_is_not_drawn_again(tmp_path):
    from deckgen.render.cache import AssetCache

    first = run([_stat_job()], cache=AssetCache(tmp_path))
    again = run([_stat_job()], cache=AssetCache(tmp_path))
    assert again.rendered == frozenset() and again.assets == first.assets


# -- a started pool: workers forked from a drawing process of their own -----------------
linux_only = pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")


def _children(pid: int) -> set[int]:
    """The live processes whose parent is ``pid``."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # it ended while we looked
        if int(fields[1]) == pid and fields[0] != "Z":
            found.add(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _wait_for(condition: Callable[[], bool], seconds: float = 20.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def _fail(message: str) -> None:
    raise DataError(Problem(None, message, "a fix"))


def test_a_started_pool_draws_what_this_process_draws():
    jobs = [_stat_job(f"{n}%") for n in (10, 20, 30)]
    here = run(jobs)
    with Pool(2) as pool:
        pool.start()
        there = run(jobs, workers=pool)
    assert {k: a.data for k, a in there.assets.items()} == {
        k: a.data for k, a in here.assets.items()
    }


def test_a_jobs_error_comes_back_from_a_started_pool_as_it_was_raised():
    with Pool(2) as pool:
        pool.start()
        future = pool.submit(_fail, "no such series")
        with pytest.raises(DataError, match="no such series"):
            future.result(timeout=60)
        assert pool.submit(len, "four").result(timeout=60) == 4  # and it goes on


@linux_only
def test_a_pool_stopped_before_its_first_job_leaves_no_process():
    pool = Pool(2)
    pool.start()
    pool.before_fork(len, "a theme")  # the workers fork now, before any job
    host = pool.executor._process.pid  # type: ignore[union-attr]
    assert _wait_for(lambda: len(_children(host)) == 2), "the workers never forked"
    workers = _children(host)
    pool.__exit__(None, None, None)
    assert _wait_for(lambda: not any(_alive(p) for p in {host, *workers}), 10)


@linux_only
def test_the_host_ending_fails_its_jobs_instead_of_hanging():
    from concurrent.futures.process import BrokenProcessPool

    with Pool(2) as pool:
        pool.start()
        future = pool.submit(time.sleep, 60)
        pool.executor._process.kill()  # type: ignore[union-attr]
        with pytest.raises(BrokenProcessPool):
            future.result(timeout=30)


def _die(code: int) -> None:
    import os

    os._exit(code)


@linux_only
def test_a_worker_that_dies_breaks_the_pool_and_fails_its_jobs_instead_of_hanging():
    from concurrent.futures.process import BrokenProcessPool

    with Pool(2) as pool:
        pool.start()
        waiting = pool.submit(time.sleep, 60)  # on the other worker, or queued
        dying = pool.submit(_die, 9)
        for future in (dying, waiting):
            with pytest.raises(BrokenProcessPool):
                future.result(timeout=30)


def _megabyte(_: object) -> bytes:
    return bytes(1 << 20)


def _io(pid: int) -> tuple[int, int]:
    """Bytes the process has read and written through system calls."""
    fields = dict(line.split(": ") for line in Path(f"/proc/{pid}/io").read_text().splitlines())
    return int(fields["rchar"]), int(fields["wchar"])


@linux_only
def test_jobs_and_pictures_go_between_the_build_and_the_workers_not_through_the_host():
    # Passed on by the drawing process, every job and picture was read and written once
    # more there, on the cores the workers draw on.
    with Pool(2) as pool:
        pool.start()
        assert pool.submit(len, "warm").result(timeout=60) == 4
        host = pool.executor._process.pid  # type: ignore[union-attr]
        before = _io(host)
        results = [f.result(timeout=60) for f in [pool.submit(_megabyte, n) for n in range(8)]]
        after = _io(host)
    assert all(len(r) == 1 << 20 for r in results)
    assert after[0] - before[0] < 1 << 20, "the host read the pictures"
    assert after[1] - before[1] < 1 << 20, "the host wrote the pictures"


_KILLED = """
import sys, time
from deckgen.render.executor import Pool
pool = Pool(2)
pool.start()
pool.submit(time.sleep, 60)
print(pool.executor._process.pid, flush=True)
time.sleep(120)
"""


@linux_only
def test_a_killed_build_leaves_no_drawing_process():
    proc = subprocess.Popen([sys.executable, "-c", _KILLED], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    host = int(proc.stdout.readline())
    assert _wait_for(lambda: len(_children(host)) == 2), "the workers never forked"
    workers = _children(host)
    proc.kill()  # the build alone, as the OOM killer would: not its process group
    proc.communicate(timeout=30)
    assert _wait_for(lambda: not any(_alive(p) for p in {host, *workers}), 10)


_NEVER_SHUT = """
import sys, time
from deckgen.render.executor import Pool
pool = Pool(2)
pool.start()
if sys.argv[1] == "used":
    assert pool.submit(abs, -3).result() == 3
    pool.submit(time.sleep, 60)
print(pool.executor._process.pid, flush=True)
raise SystemExit("a script's own error, before it shuts the pool down")
"""


@linux_only
@pytest.mark.parametrize("state", ["idle", "used"])
def test_a_pool_never_shut_down_does_not_hang_the_interpreters_exit(state: str):
    # multiprocessing joins its children at exit; the host would wait for jobs forever.
    done = subprocess.run([sys.executable, "-c", _NEVER_SHUT, state], capture_output=True,
                          text=True, timeout=60)  # fmt: skip
    assert done.returncode == 1 and "a script's own error" in done.stderr
    host = int(done.stdout)
    assert _wait_for(lambda: not _alive(host), 10)


_NEVER_SHUT_ELSEWHERE = """
import os, sys, time
import deckgen.render.executor as executor
executor._WORKERS_DIE_WITH_HOST = False  # as off Linux: nothing ends the workers with it
pool = executor.Pool(2)
pool.start()
assert pool.submit(abs, -3).result() == 3
pool.submit(time.sleep, 1)  # still running at exit
host = pool.executor._process.pid
# The host forks its workers one after the other: the first may have answered already.
deadline = time.monotonic() + 30
while True:
    workers = [c for t in os.listdir(f"/proc/{host}/task")
               for c in open(f"/proc/{host}/task/{t}/children").read().split()]
    if len(workers) >= 2 or time.monotonic() > deadline:
        break
    time.sleep(0.01)
print(host, *workers, flush=True)
raise SystemExit("a script's own error, before it shuts the pool down")
"""


@linux_only  # reads /proc; simulates a platform whose workers outlive a killed host
def test_where_workers_outlive_their_host_the_exit_stops_them_too():
    # Killing the host alone would leave its workers behind, holding the script's output
    # pipe open: `python script.py | cat` would wait for them.
    done = subprocess.run([sys.executable, "-c", _NEVER_SHUT_ELSEWHERE], capture_output=True,
                          text=True, timeout=60)  # fmt: skip
    assert done.returncode == 1 and "a script's own error" in done.stderr
    host, *workers = map(int, done.stdout.split())
    assert len(workers) == 2
    assert _wait_for(lambda: not any(_alive(p) for p in {host, *workers}), 10)


@linux_only
def test_a_forked_childs_exit_leaves_its_parents_pool_working():
    # The child inherits the exit hook above; run there, it killed the parent's host.
    script = """
import os, sys
from deckgen.render.executor import Pool
pool = Pool(2)
pool.start()
assert pool.submit(abs, -1).result() == 1
child = os.fork()
if child == 0:
    sys.exit(0)
os.waitpid(child, 0)
print(pool.submit(abs, -2).result(timeout=30))
pool.__exit__(None, None, None)
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60)  # fmt: skip
    assert done.returncode == 0 and done.stdout.strip() == "2", done.stderr


@linux_only
def test_a_running_pool_takes_results_whole_and_hands_the_gil_round_sooner():
    """While a pool runs, its results pipe holds a picture or a deck whole and the
    interpreter switches threads every half millisecond (the reader and feeder threads
    wait less for the main thread); both as they were once it is closed."""
    import fcntl

    from deckgen.render import executor

    before = sys.getswitchinterval()
    with Pool(2) as pool:
        pool.start()
        host = pool.executor
        assert isinstance(host, executor._Host)
        assert fcntl.fcntl(host._results.fileno(), fcntl.F_GETPIPE_SZ) == executor.PIPE_BYTES
        assert sys.getswitchinterval() == pytest.approx(executor.SWITCH_INTERVAL)
        assert pool.submit(abs, -3).result(timeout=60) == 3
    assert sys.getswitchinterval() == before


_COLLECTING: list[bool] = []


def _note_collecting() -> None:
    import gc

    _COLLECTING.append(gc.isenabled())


def _collecting(_: object) -> tuple[list[bool], bool, int]:
    import gc

    return list(_COLLECTING), gc.isenabled(), gc.get_freeze_count()


def test_the_drawing_process_imports_without_collecting_and_its_workers_collect():
    """Its imports run with garbage collection off (it would walk the libraries' objects
    again and again for nothing); what it imported is frozen, and its workers collect."""
    with Pool(2) as pool:
        pool.start(_note_collecting)
        noted, collecting, frozen = pool.submit(_collecting, None).result(timeout=60)
    assert noted == [False]
    assert collecting
    assert frozen > 0


@linux_only
def test_a_started_pool_stopped_before_any_job_leaves_no_process():
    pool = Pool(2)
    pool.start()
    host = pool.executor._process.pid  # type: ignore[union-attr]
    time.sleep(0.5)
    pool.__exit__(None, None, None)
    assert _wait_for(lambda: not _alive(host) and not _children(host), 10)


# -- what the workers start with ----------------------------------------------------------
#: What :func:`_load` loaded, in the process it ran in (the drawing process, before it forks
#: its workers: each worker then has a copy).
_LOADED: list[str] = []


def _load(what: str) -> None:
    _LOADED.append(what)


def _loaded(_: object) -> list[str]:
    return list(_LOADED)


@linux_only
def test_the_workers_fork_once_told_to_and_not_before():
    """The drawing process imports, then waits: its workers fork with the build's first
    job, or once the build knows what they will draw (:meth:`Pool.before_fork`)."""
    with Pool(2) as pool:
        pool.start()
        host = pool.executor._process.pid  # type: ignore[union-attr]
        time.sleep(1.0)  # the imports done, or nearly
        assert _children(host) == set()
        pool.before_fork(_load, "theme fonts")
        assert _wait_for(lambda: len(_children(host)) == 2), "the workers never forked"


def test_what_is_loaded_before_the_fork_every_worker_starts_with():
    with Pool(2) as pool:
        pool.start()
        pool.before_fork(_load, "theme fonts")
        # Whichever worker takes each job has it.
        answers = [pool.submit(_loaded, n) for n in range(2)]
        assert [a.result(timeout=60) for a in answers] == [["theme fonts"]] * 2
    assert _LOADED == []  # loaded there, not here


def test_a_call_before_the_fork_that_fails_still_leaves_the_workers_to_draw():
    """Only a head start: its error is the jobs' to meet and report."""
    with Pool(2) as pool:
        pool.start()
        pool.before_fork(_fail, "no such font")
        assert pool.submit(len, "four").result(timeout=60) == 4


def test_a_call_before_the_fork_that_does_not_pickle_still_forks_the_workers():
    with Pool(2) as pool:
        pool.start()
        pool.before_fork(_load, threading.Lock())  # a lock cannot be sent to a process
        assert pool.submit(_loaded, None).result(timeout=60) == []


def test_once_the_workers_run_a_call_before_the_fork_does_nothing():
    """A session's later builds: its workers forked with its first build's first job."""
    with Pool(2) as pool:
        pool.start()
        assert pool.submit(_loaded, None).result(timeout=60) == []
        pool.before_fork(_load, "theme fonts")
        assert pool.submit(_loaded, None).result(timeout=60) == []


#: A style for spares, as a chart drawn in it leaves one (see :func:`_note_a_style`).
_STYLE = ("a style",)


def _note_a_style(_: object = None) -> None:
    """What the build's warm-up leaves for spares: a style a chart was drawn in."""
    from deckgen.render import spares

    spares._styles[_STYLE] = ({}, 72)


def _made_ahead(_: object) -> int:
    """How many figures the worker made ahead for :data:`_STYLE` (it makes them for the
    styles this process left it too: charts drawn here by the tests before)."""
    from deckgen.render import spares

    return len(spares._made.get(_STYLE, []))


@linux_only
def test_each_worker_makes_figures_ahead_before_its_first_job():
    """While the build's process plans its first pictures (a batch's first row), a worker
    that has nothing to draw yet makes figures for the style drawn before the fork."""
    from deckgen.render import spares

    with Pool(1, separate=True) as pool:
        pool.start()
        host = pool.executor._process.pid  # type: ignore[union-attr]
        pool.before_fork(_note_a_style)
        assert _wait_for(lambda: len(_children(host)) == 1), "the worker never forked"
        time.sleep(0.5)  # a figure takes milliseconds
        assert pool.submit(_made_ahead, None).result(timeout=60) == spares.PER_STYLE
    assert _STYLE not in spares._made  # made there, not here


def _idle_after(seconds: float) -> None:
    """A worker's wait before it makes figures ahead, set in the worker (see the test)."""
    from deckgen.render import executor

    executor._IDLE_AFTER = seconds


@linux_only
def test_after_a_job_a_worker_waits_for_the_next_before_making_figures_ahead():
    """At the end of a build a worker with nothing left to draw waits for the build's
    process and the other worker: figures made then would take a core from both. It makes
    them once no job has come for a while (a person's next edit is seconds away)."""
    from deckgen.render import spares

    with Pool(1, separate=True) as pool:
        pool.start()
        pool.submit(_idle_after, 5.0).result(timeout=60)
        time.sleep(0.5)  # before its first job it made them at once; since, none
        pool.submit(_note_a_style, None).result(timeout=60)
        time.sleep(0.5)
        assert pool.submit(_made_ahead, None).result(timeout=60) == 0
        pool.submit(_idle_after, 0.05).result(timeout=60)
        time.sleep(0.5)
        assert pool.submit(_made_ahead, None).result(timeout=60) == spares.PER_STYLE


def test_a_pool_of_one_draws_here_and_calls_nothing_before_a_fork():
    with Pool(1) as pool:
        pool.start()
        pool.before_fork(_load, "theme fonts")
    assert _LOADED == []


# -- pictures handed over as they are drawn -----------------------------------------------
@dataclass(frozen=True)
class _Gated:
    """A job that draws once ``gate`` exists (or at once, without one)."""

    name: str
    gate: str = ""
    ext: str = "png"
    seconds: float = 0.0  # and then takes this long

    def key(self) -> str:
        return self.name

    def cost(self) -> float:
        return 2.0 if self.gate else 1.0

    def render(self) -> Asset:
        while self.gate and not Path(self.gate).exists():
            time.sleep(0.01)
        time.sleep(self.seconds)
        if self.name.startswith("bad"):
            _fail(f"{self.name} cannot be drawn")
        return Asset(self.name.encode(), f"alt of {self.name}", self.name)


def test_a_picture_is_handed_over_while_others_are_still_drawn(tmp_path: Path) -> None:
    gate = tmp_path / "go"
    slow, quick = _Gated("slow", str(gate)), _Gated("quick")
    opener = threading.Timer(20, gate.touch)  # so a lookup that waits for all fails, not hangs
    opener.start()
    with Pool(2) as pool:
        pool.start()
        rendering = Rendering([slow, quick, quick], pool)  # type: ignore[list-item]
        assert rendering["quick"].data == b"quick"  # the slow one is still waiting
        assert not gate.exists()
        gate.touch()
        done = rendering.finish()
    opener.cancel()
    assert list(done.assets) == ["slow", "quick"]  # the jobs' order, each once
    assert done.rendered == {"slow", "quick"}
    with pytest.raises(KeyError):
        rendering["neither"]


@pytest.mark.parametrize("workers", [1, 2])
def test_a_failed_picture_fails_where_it_is_looked_up_and_the_rest_come(workers: int) -> None:
    from deckgen.render.cache import AssetCache

    jobs = [_Gated("bad one"), _Gated("good one")]
    with Pool(workers) as pool:
        rendering = Rendering(jobs, pool, cache=AssetCache(None))  # type: ignore[arg-type]
        assert rendering["good one"].alt == "alt of good one"
        with pytest.raises(DataError, match="bad one cannot be drawn"):
            rendering["bad one"]
        with pytest.raises(DataError, match="bad one cannot be drawn"):
            rendering.finish()  # the failure stands: not drawn again here


def test_the_slides_pictures_are_drawn_while_the_cards_are_still_to_come(tmp_path: Path) -> None:
    gate = tmp_path / "cards planned"
    opener = threading.Timer(20, gate.touch)  # so a wait for the cards fails, not hangs
    opener.start()
    with Pool(2) as pool:
        pool.start()
        rendering = Rendering([_Gated("one"), _Gated("two")], pool, later=None)  # type: ignore[list-item]
        # Drawn by the workers before the cards are known: nothing waits for them.
        assert rendering["one"].data == b"one" and rendering["two"].data == b"two"
        rendering.add_later([_Gated("card", str(gate)), _Gated("one")])  # type: ignore[list-item]
        gate.touch()
        done = rendering.finish()
    opener.cancel()
    assert list(done.assets) == ["one", "two", "card"]  # each once, the slides' first
    assert done.rendered == {"one", "two", "card"}


def test_pictures_given_slide_by_slide_keep_the_places_given_all_at_once() -> None:
    # A session's next build knows each picture's time by its place (see Rendering).
    at_once: dict[str, float] = {}
    in_parts: dict[str, float] = {}
    with Pool(1) as pool:
        Rendering([_Gated("one"), _Gated("one"), _Gated("two")], pool, later=None,  # type: ignore[list-item]
                  took=at_once).finish()  # fmt: skip
        rendering = Rendering([_Gated("one"), _Gated("one")], pool, later=None,  # type: ignore[list-item]
                              took=in_parts)  # fmt: skip
        rendering.add([_Gated("two")])  # type: ignore[list-item]
        rendering.finish()
    assert set(in_parts) == set(at_once) == {"0", "2"}


def test_a_warm_build_waits_for_its_cards_to_hand_out_its_pictures_by_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import deckgen.render.executor as executor

    took = {"0": 0.2, "1": 0.1, "later 0": 0.3}
    planned: list[list[str]] = []

    def schedule(first: list[tuple[str, float]], later: list[tuple[str, float]],
                 workers: int, *, tail: float = 0.0) -> list[str]:  # fmt: skip
        planned.append([k for k, _ in first + later])
        return planned[-1]

    monkeypatch.setattr(executor, "schedule", schedule)
    with Pool(2) as pool:
        pool.start()
        rendering = Rendering([_Gated("one"), _Gated("two")], pool, later=None, took=took)  # type: ignore[list-item]
        assert planned == []  # the order waits for every picture
        rendering.add_later([_Gated("card")])  # type: ignore[list-item]
        rendering.finish()
    assert planned == [["one", "two", "card"]]


def test_a_warm_build_hands_out_its_pictures_by_how_long_they_took_last_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import deckgen.render.executor as executor

    took: dict[str, float] = {}
    planned: list[tuple[list[tuple[str, float]], list[tuple[str, float]], int, float]] = []

    def schedule(first: list[tuple[str, float]], later: list[tuple[str, float]],
                 workers: int, *, tail: float = 0.0) -> list[str]:  # fmt: skip
        planned.append((first, later, workers, tail))
        return [k for k, _ in first + later]

    monkeypatch.setattr(executor, "schedule", schedule)
    with Pool(2) as pool:
        pool.start()
        rendering = Rendering([_Gated("one"), _Gated("two")], pool, later=[_Gated("card")],  # type: ignore[list-item]
                              took=took)  # fmt: skip
        for key in ("one", "two"):
            rendering[key]  # the deck's pictures, as the assembler looks them up
        rendering.assembled()  # the deck is done: how long after its last picture is kept
        rendering.finish()
        # By place: the keys change with the data.
        assert sorted(took) == ["0", "1", executor.TAIL, "later 0"]
        assert planned == []  # nothing known yet: the biggest first, cards last
        # The same places, new data (so new keys): ordered by the seconds they took.
        seconds = dict(took)
        Rendering([_Gated("one*"), _Gated("two*")], pool, later=[_Gated("card*")],  # type: ignore[list-item]
                  took=took).finish()  # fmt: skip
        tail = seconds[executor.TAIL]
        assert planned == [([("one*", seconds["0"]), ("two*", seconds["1"])],
                            [("card*", seconds["later 0"])], 2, tail)]  # fmt: skip
        # A picture in a new place: not all known, so not by seconds.
        Rendering([_Gated("a"), _Gated("b"), _Gated("c")], pool, took=took).finish()  # type: ignore[list-item]
        assert len(planned) == 1
        # More pictures than are worth simulating (a theme change): biggest first.
        monkeypatch.setattr(executor, "SCHEDULED", 2)
        Rendering([_Gated("one+"), _Gated("two+")], pool, later=[_Gated("card+")],  # type: ignore[list-item]
                  took=took).finish()  # fmt: skip
        assert len(planned) == 1


def test_the_schedule_sends_a_card_where_it_ends_the_build_soonest() -> None:
    from deckgen.render.executor import schedule

    # A one-value edit: three charts and a card (seconds as measured). Sent last, the card
    # would wait for the slowest chart's worker while the other idles (ends at 0.223).
    charts = [("arrow", 0.083), ("grouped", 0.117), ("stacked", 0.053)]
    assert schedule(charts, [("card", 0.106)], 2) == ["grouped", "arrow", "card", "stacked"]
    # Where cards last ends as soon, they stay last: the deck's pictures come first.
    assert schedule([("a", 1.0), ("b", 1.0)], [("c", 0.1)], 2) == ["a", "b", "c"]
    assert schedule(charts, [("card", 0.106)], 1) == ["grouped", "arrow", "stacked", "card"]
    # The deck is assembled and written while the card is drawn: with 60 ms of that after
    # its last picture, the card sent last ends the build sooner (0.223 against 0.230).
    assert schedule(charts, [("card", 0.106)], 2, tail=0.06) == [
        "grouped", "arrow", "stacked", "card"]  # fmt: skip
    assert schedule([], [("x", 1.0), ("y", 2.0)], 2) == ["y", "x"]


# -- warming up: each worker draws, while idle, what another drew ------------------------
def test_warming_up_draws_only_what_this_process_has_not_drawn(tmp_path: Path) -> None:
    from deckgen.render.executor import draw, warm

    jobs = [_Gated(f"{tmp_path}/{n}") for n in range(3)]  # names no other test has drawn
    draw(jobs[1])  # type: ignore[arg-type]
    assert warm(jobs) == 2  # type: ignore[arg-type]
    assert warm(jobs) == 0  # type: ignore[arg-type]


def test_a_worker_stops_warming_up_once_a_job_waits(tmp_path: Path) -> None:
    jobs = [_Gated(f"{tmp_path}/{n}", seconds=0.03) for n in range(40)]  # 1.2 s each, left alone
    with Pool(2) as pool:
        pool.start()
        warming = pool.warm(jobs)  # type: ignore[arg-type]
        assert len(warming) == 2  # one each
        assert pool.submit(len, "four").result(timeout=60) == 4
        drawn = [future.result(timeout=60) for future in warming]
    # The worker that took the job had stopped warming up for it (the other may warm on:
    # no job waits for it).
    assert min(drawn) < len(jobs)


def test_only_a_started_pool_warms_up():
    """A pool of one draws here, and a pool forked on demand cannot see a job waiting."""
    for pool in (Pool(1), Pool(2)):
        with pool:
            assert pool.warm([_Gated("unused")]) == []  # type: ignore[list-item]


# -- a separate pool: nothing drawn in this process ----------------------------------------
@dataclass(frozen=True)
class _Where:
    """A job whose picture is the pid of the process that drew it."""

    name: str
    ext: str = "png"

    def key(self) -> str:
        return self.name

    def cost(self) -> float:
        return 1.0

    def render(self) -> Asset:
        import os

        return Asset(str(os.getpid()).encode(), "", self.name)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_separate_pool_of_one_draws_even_a_lone_picture_elsewhere(jobs: int) -> None:
    import os

    here = str(os.getpid()).encode()
    with Pool(1) as pool:  # the usual pool of one: drawn here
        pool.start()
        assert not pool.parallel
        assert run([_Where("a")], workers=pool).assets["a"].data == here  # type: ignore[list-item]
    with Pool(1, separate=True) as pool:
        pool.start()
        assert pool.parallel
        done = run([_Where(str(n)) for n in range(jobs)], workers=pool)  # type: ignore[misc]
        assert all(a.data != here for a in done.assets.values())


_UNPICKLE = """
import pickle, sys
from deckgen.pipeline import load_kinds
from deckgen.render.executor import _warm
_warm()
load_kinds()
before = set(sys.modules)
pickle.loads(sys.stdin.buffer.read())
print(sorted(set(sys.modules) - before))
"""


def test_a_worker_unpickles_its_first_job_with_nothing_left_to_import():
    # What the workers fork with (the drawing process imports it first, see _Host): each
    # imported what a job's theme needs on its first job, ~18 ms on the way to its first
    # picture.
    import pickle

    from deckgen.render.executor import draw

    payload = pickle.dumps((draw, (_stat_job(),)), protocol=pickle.HIGHEST_PROTOCOL)
    done = subprocess.run([sys.executable, "-c", _UNPICKLE], input=payload, cwd=REPO,
                          capture_output=True, check=True)  # fmt: skip
    assert done.stdout.decode().strip() == "[]"
