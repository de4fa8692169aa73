"""Run render jobs: from the cache where possible, else in this process or in one pool.

Every picture of a build (slide charts, stat callouts, social cards) goes through one call
of :func:`run`, so ``--jobs N`` starts one pool of N worker processes for all of them. The
result is the same either way: a job's picture depends only on the job.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from deckgen.render.jobs import Asset

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from deckgen.render.cache import AssetCache
    from deckgen.render.jobs import RenderJob


@dataclass(frozen=True)
class RenderRun:
    """Every job's asset by key, and which keys had to be rendered (the rest were cached)."""

    assets: dict[str, Asset]
    rendered: frozenset[str]


def _render(job: RenderJob) -> Asset:
    """What a worker process runs (a module-level function, so it pickles by name)."""
    return job.render()


def run(
    jobs: Iterable[RenderJob],
    *,
    workers: int = 1,
    on_done: Callable[[RenderJob], None] | None = None,
    cache: AssetCache | None = None,
) -> RenderRun:
    """Render every job once (jobs with equal keys are rendered once)."""
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
    for key, asset in _render_all(todo, workers, on_done):
        assets[key] = asset
        if cache:
            cache.put(key, asset.data, {"alt": asset.alt, "values": asset.values},
                      unique[key].ext)  # fmt: skip
    return RenderRun({k: assets[k] for k in unique}, frozenset(todo))


def _render_all(
    todo: dict[str, RenderJob], workers: int, on_done: Callable[[RenderJob], None] | None
) -> Iterable[tuple[str, Asset]]:
    if workers <= 1 or len(todo) < 2:
        for key, job in todo.items():
            yield key, job.render()
            if on_done:
                on_done(job)
        return
    from concurrent.futures import ProcessPoolExecutor, as_completed

    # The biggest pictures first, so no worker is left with a long job at the end.
    order = sorted(todo, key=lambda k: -todo[k].cost())
    with ProcessPoolExecutor(max_workers=min(workers, len(todo))) as pool:
        futures = {pool.submit(_render, todo[key]): key for key in order}
        for future in as_completed(futures):
            key = futures[future]
            yield key, future.result()
            if on_done:
                on_done(todo[key])
