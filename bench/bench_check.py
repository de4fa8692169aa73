"""Benchmark: `deckgen check` against a cold `deckgen build` of the sample. Never asserts.

    .venv/bin/python bench/bench_check.py [--runs 5] [--theme corporate]

Both are run as a user runs them (the command line, a fresh process each time, a fresh
output folder so the build renders every picture), alternating check and build in one run
so a busy machine slows both alike. Prints the medians and check / build, the ratio the
README's target is stated in (check under a third of a cold build).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "data" / "global-impact.yaml"


def timed(*args: str) -> float:
    with tempfile.TemporaryDirectory() as out:
        command = [sys.executable, "-m", "deckgen", *args, str(SAMPLE), "-o", out]
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True, cwd=REPO)
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--theme", default="corporate")
    args = parser.parse_args()
    checks, builds = [], []
    for _ in range(args.runs):
        checks.append(timed("check", "--theme", args.theme))
        builds.append(timed("build", "--theme", args.theme, "--jobs", "1"))
    check, build = statistics.median(checks), statistics.median(builds)
    print(f"| command (sample, theme {args.theme}, {args.runs} runs) | median s | min s |")
    print("| --- | --- | --- |")
    print(f"| deckgen check | {check:.2f} | {min(checks):.2f} |")
    print(f"| deckgen build (cold, --jobs 1) | {build:.2f} | {min(builds):.2f} |")
    print(f"check / cold build: {check / build:.2f}")


if __name__ == "__main__":
    main()
