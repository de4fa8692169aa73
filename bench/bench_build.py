"""Benchmark: build the sample (deck and social cards); report time and memory. Never asserts.

    .venv/bin/python bench/bench_build.py [--runs 3] [--jobs 2]

Each run builds into a fresh folder in a fresh process (so nothing is warm), and the
report gives the median wall time of a whole build and peak memory (RSS).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "data" / "global-impact.yaml"

_CHILD = """
import json, resource, sys, time
from pathlib import Path
t0 = time.perf_counter()
from deckgen.pipeline import BuildOptions, build
r = build(Path(sys.argv[1]), BuildOptions(out_dir=Path(sys.argv[2]), theme=sys.argv[3],
          workers=int(sys.argv[4])))
print(json.dumps({"seconds": time.perf_counter() - t0, "slides": r.slides,
                  "pictures": r.pictures, "bytes": r.deck.stat().st_size,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def run_once(theme: str, workers: int) -> dict:
    with tempfile.TemporaryDirectory() as out:
        done = subprocess.run(
            [sys.executable, "-c", _CHILD, str(SAMPLE), out, theme, str(workers)],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    for theme in ("corporate", "dark", "contrast"):
        runs = [run_once(theme, args.jobs) for _ in range(args.runs)]
        times = [r["seconds"] for r in runs]
        last = runs[-1]
        print(
            f"{theme:<10} cold build median {statistics.median(times):.2f} s "
            f"(min {min(times):.2f}, max {max(times):.2f}) | {last['slides']} slides, "
            f"{last['pictures']} pictures, {last['bytes'] / 1e6:.1f} MB deck, "
            f"peak RSS {last['peak_rss_mb']:.0f} MB, jobs={args.jobs}"
        )


if __name__ == "__main__":
    main()
