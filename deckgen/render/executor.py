"""Run render jobs: from the cache where possible, else in this process or in one pool.

Every picture of a build (slide charts, stat callouts, social cards) goes through one call
of :func:`run`, so ``--jobs N`` starts one pool of N worker processes for all of them. The
result is the same either way: a job's picture depends only on the job.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from deckgen.render.jobs import Asset

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator
    from concurrent.futures import Executor, Future

    from deckgen.render.cache import AssetCache
    from deckgen.render.jobs import RenderJob


T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class RenderRun:
    """Every job's asset by key, and which keys had to be rendered (the rest were cached)."""

    assets: dict[str, Asset]
    rendered: frozenset[str]


def _render(job: RenderJob) -> Asset:
    """What a worker process runs (a module-level function, so it pickles by name)."""
    return job.render()


def _warm() -> None:
    """Import what drawing needs before the workers fork, so they share it."""
    import matplotlib.backends.backend_agg
    import matplotlib.figure
    import numpy
    import PIL.Image

    del matplotlib, numpy, PIL


class Pool:
    """Where jobs run: this process (``workers=1``) or ``workers`` forked processes.

    The workers are forked from this process when the first jobs are submitted, after it
    has drawn one picture itself: they share its imports and its warm font and layout
    caches (copy-on-write) instead of each paying for them. Nothing is imported or forked
    before then: a rebuild with nothing to draw never loads the drawing libraries. Every
    :func:`run` of a build (slide pictures and cards alike) and a batch's assembly use the
    same workers. Another engine (a Dask cluster, :mod:`deckgen.render.dask`) is a
    subclass with its own :meth:`submit`.
    """

    #: Whether the workers are forked from this process: they hold what it held then, and
    #: read its disk (a Dask cluster's workers do neither).
    local = True

    def __init__(self, workers: int = 1) -> None:
        self.workers = workers
        self.executor: Executor | None = None

    @property
    def parallel(self) -> bool:
        """Whether :meth:`submit` runs elsewhere (else callers run jobs in order here)."""
        return self.executor is not None or self.workers > 1

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


def run(
    jobs: Iterable[RenderJob],
    *,
    workers: int | Pool = 1,
    on_done: Callable[[RenderJob], None] | None = None,
    cache: AssetCache | None = None,
    meanwhile: Callable[[], None] | None = None,
) -> RenderRun:
    """Render every job once (jobs with equal keys are rendered once), in this process or
    in ``workers`` (a :class:`Pool`, or a number of processes for this call alone).

    ``meanwhile`` is called once the jobs are with the workers (or, in this process,
    before they are drawn): the caller's own work, done while it would otherwise wait."""
    unique: dict[str, RenderJob] = {}
    for job in jobs:
        unique.setdefault(job.key(), job)
    assets: dict[str, Asset] = {}
    todo: dict[str, RenderJob] = {}
    for key, job in unique.items():
        hit = cache.get(key, job.ext) if cache else None
        if hit is None:
            todo[key] = job
            continue
        data, meta = hit
        assets[key] = Asset(data, str(meta.get("alt", "")), key, dict(meta.get("values", {})))
        if on_done:
            on_done(job)
    if isinstance(workers, Pool):
        results = list(_render_all(todo, workers, on_done, meanwhile))
    else:
        with Pool(workers if len(todo) > 1 else 1) as pool:
            results = list(_render_all(todo, pool, on_done, meanwhile))
    for key, asset in results:
        assets[key] = asset
        if cache:
            cache.put(key, asset.data, {"alt": asset.alt, "values": asset.values},
                      unique[key].ext)  # fmt: skip
    return RenderRun({k: assets[k] for k in unique}, frozenset(todo))


def _render_all(
    todo: dict[str, RenderJob],
    pool: Pool,
    on_done: Callable[[RenderJob], None] | None,
    meanwhile: Callable[[], None] | None = None,
) -> Iterator[tuple[str, Asset]]:
    if not pool.parallel or len(todo) < 2:
        if meanwhile:
            meanwhile()
        for key, job in todo.items():
            yield key, job.render()
            if on_done:
                on_done(job)
        return
    from concurrent.futures import as_completed

    # The biggest pictures first, so no worker is left with a long job at the end; the
    # smallest is drawn here first, so the workers fork with everything drawing needs
    # (workers already running, a warm session's, take every job at once).
    order = sorted(todo, key=lambda k: -todo[k].cost())
    if pool.executor is None:
        first = order.pop()
        yield first, todo[first].render()
        if on_done:
            on_done(todo[first])
    futures = {pool.submit(_render, todo[key]): key for key in order}
    if meanwhile:
        meanwhile()
    for future in as_completed(futures):
        key = futures[future]
        yield key, future.result()
        if on_done:
            on_done(todo[key])
