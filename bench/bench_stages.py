"""Benchmark: time each build stage of the sample in one warm process. Never asserts.

    .venv/bin/python bench/bench_stages.py [--theme corporate] [--repeat 3] [--dump DIR]

Times are CPU seconds of this process (steadier than wall time on a shared machine).
Imports happen first (not timed); each stage is then run ``--repeat`` times and the best
time is reported, plus the slowest chart job of each chart type and the slowest cards.
``--dump DIR`` writes every rendered picture and card there (to compare before/after by
eye or by bytes).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from collections.abc import Callable

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "data" / "global-impact.yaml"
T = TypeVar("T")


def best(repeat: int, fn: Callable[[], T]) -> tuple[tuple[float, float], T]:
    """The first (cold caches) and fastest of ``repeat`` calls of ``fn``, and its result."""
    times = []
    result: T
    for _ in range(repeat):
        t0 = time.process_time()
        result = fn()
        times.append(time.process_time() - t0)
    return (times[0], min(times)), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--theme", default="corporate")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--dump", type=Path)
    args = parser.parse_args()

    # Imports are not what is measured (a build pays them once, whatever the stages do).
    import matplotlib.backends.backend_agg
    import matplotlib.figure
    import PIL.Image
    import pptx

    del matplotlib, PIL, pptx

    from deckgen.assemble.deck import build_deck
    from deckgen.pipeline import BuildOptions, prepare
    from deckgen.plan import context, plan_build
    from deckgen.plan.cards import plan_cards
    from deckgen.render.charts import ChartJob

    r = args.repeat
    rows: list[tuple[str, tuple[float, float]]] = []
    t, ready = best(r, lambda: prepare(SAMPLE, BuildOptions(theme=args.theme)))
    loaded, tables, theme = ready.loaded, ready.tables, ready.theme
    rows.append(("prepare (outline, data, bind, theme, check)", t))
    t, plan = best(r, lambda: plan_build(context(loaded, tables, theme)))
    rows.append(("deck plan", t))
    t, cards = best(r, lambda: plan_cards(loaded, tables, theme))
    rows.append(("plan_cards", t))

    jobs = list({j.key(): j for j in plan.jobs}.values())
    per_job: dict[str, float] = {}

    def render_all() -> dict:
        out = {}
        for job in jobs:
            t0 = time.process_time()
            out[job.key()] = job.render()
            took = time.process_time() - t0
            per_job[job.key()] = min(per_job.get(job.key(), took), took)
        return out

    t, assets = best(r, render_all)
    rows.append((f"render {len(jobs)} deck jobs", t))
    charts = sorted(per_job[j.key()] for j in jobs if isinstance(j, ChartJob))
    stats = sorted(per_job[j.key()] for j in jobs if not isinstance(j, ChartJob))
    t, deck = best(r, lambda: build_deck(plan, assets, theme, loaded.outline.deck))
    rows.append(("build_deck", t))

    per_card: dict[str, float] = {}

    def render_cards() -> list[bytes]:
        out = []
        for card in cards:
            t0 = time.process_time()
            out.append(card.job.render().data)
            took = time.process_time() - t0
            per_card[card.file] = min(per_card.get(card.file, took), took)
        return out

    t, images = best(r, render_cards)
    rows.append((f"render {len(cards)} cards", t))

    print(f"{'stage':<44} {'first':>7}   {'best':>7}")
    for name, (first, fastest) in rows:
        print(f"{name:<44} {first:7.3f} s {fastest:7.3f} s")
    if charts:
        print(
            f"chart job: median {charts[len(charts) // 2]:.3f} s, "
            f"min {charts[0]:.3f}, max {charts[-1]:.3f} ({len(charts)} jobs)"
        )
    by_type: dict[str, list[float]] = {}
    for job in jobs:
        if isinstance(job, ChartJob):
            by_type.setdefault(job.spec.type, []).append(per_job[job.key()])
    for kind, times in sorted(by_type.items(), key=lambda kv: -max(kv[1])):
        print(f"  {kind:<13} slowest {max(times):.3f} s ({len(times)} in the sample)")
    if stats:
        print(f"stat job:  median {stats[len(stats) // 2]:.3f} s ({len(stats)} jobs)")
    for file, seconds in sorted(per_card.items(), key=lambda kv: -kv[1])[:4]:
        print(f"card {file:<34} {seconds:.3f} s")
    picture_bytes = sum(len(a.data) for a in assets.values())
    print(f"deck {len(deck) / 1e6:.2f} MB, pictures {picture_bytes / 1e6:.2f} MB, ", end="")
    print(f"cards {sum(len(b) for b in images) / 1e6:.2f} MB")

    if args.dump:
        args.dump.mkdir(parents=True, exist_ok=True)
        for i, job in enumerate(jobs):
            kind = job.spec.type if isinstance(job, ChartJob) else "stat"
            name = f"{i:02d}-{kind}"
            (args.dump / f"{name}.png").write_bytes(assets[job.key()].data)
        for card, data in zip(cards, images, strict=True):
            (args.dump / f"card-{Path(card.file).name}").write_bytes(data)
        (args.dump / "deck.pptx").write_bytes(deck)


if __name__ == "__main__":
    main()
