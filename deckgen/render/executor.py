"""Run render jobs: serially, or in worker processes. The result is the same either way."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from deckgen.render.jobs import Asset, RenderJob


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
) -> dict[str, Asset]:
    """Render every job once (jobs with equal keys are rendered once); key -> Asset."""
    unique: dict[str, RenderJob] = {}
    for job in jobs:
        unique.setdefault(job.key(), job)
    assets: dict[str, Asset] = {}
    if workers <= 1 or len(unique) < 2:
        for key, job in unique.items():
            assets[key] = render(job)
            if on_done:
                on_done(job)
        return assets
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers) as pool:
        for (key, job), asset in zip(
            unique.items(), pool.map(render, unique.values()), strict=True
        ):
            assets[key] = asset
            if on_done:
                on_done(job)
    return assets
