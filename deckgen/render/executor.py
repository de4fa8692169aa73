"""Run render jobs: from the cache where possible, else serially or in worker processes.

The result is the same either way: a job's picture depends only on the job.
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


def render(job: RenderJob) -> Asset:
    """Render one job through the dispatch table of job kinds."""
    from deckgen.render.callouts import render_stat
    from deckgen.render.charts import render_chart

    kinds: dict[str, Callable[..., Asset]] = {"chart": render_chart, "stat": render_stat}
    return kinds[job.kind](job)


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
        hit = cache.get(key) if cache else None
        if hit is None:
            todo[key] = job
            continue
        png, meta = hit
        assets[key] = Asset(png, meta["alt"], key, meta.get("values", {}))
        if on_done:
            on_done(job)
    for key, asset in _render_all(todo, workers, on_done):
        assets[key] = asset
        if cache:
            cache.put(key, asset.png, {"alt": asset.alt, "values": asset.values})
    return RenderRun({k: assets[k] for k in unique}, frozenset(todo))


def _render_all(
    todo: dict[str, RenderJob], workers: int, on_done: Callable[[RenderJob], None] | None
) -> Iterable[tuple[str, Asset]]:
    if workers <= 1 or len(todo) < 2:
        for key, job in todo.items():
            yield key, render(job)
            if on_done:
                on_done(job)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=min(workers, len(todo))) as pool:
        for (key, job), asset in zip(todo.items(), pool.map(render, todo.values()), strict=True):
            yield key, asset
            if on_done:
                on_done(job)
