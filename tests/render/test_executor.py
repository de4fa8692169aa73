"""The executor: every job once, in this process or the pool, and the caller's own work
done while the workers draw."""

from __future__ import annotations

import pytest

from deckgen.render.executor import Pool, run
from tests.render.test_cache import _stat_job


@pytest.mark.parametrize("workers", [1, 2])
def test_the_callers_work_runs_once_while_the_pictures_are_drawn(workers: int):
    events: list[str] = []
    jobs = [_stat_job(f"{n}%") for n in (10, 20, 30)]
    with Pool(workers) as pool:
        done = run(jobs, workers=pool, on_done=lambda job: events.append("drawn"),
                   meanwhile=lambda: events.append("meanwhile"))  # fmt: skip
    assert set(done.assets) == {j.key() for j in jobs}
    assert events.count("meanwhile") == 1 and events.count("drawn") == 3
    # In the pool the jobs are out first and the caller's work is not left to the end.
    assert events.index("meanwhile") < len(events) - 1


def test_the_callers_work_runs_when_everything_is_cached(tmp_path):
    from deckgen.render.cache import AssetCache

    run([_stat_job()], cache=AssetCache(tmp_path))
    called: list[bool] = []
    again = run([_stat_job()], cache=AssetCache(tmp_path), meanwhile=lambda: called.append(True))
    assert again.rendered == frozenset() and called == [True]
