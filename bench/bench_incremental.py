"""Benchmark: cold build, no-change rebuild and one-value-change rebuild of the sample.

    .venv/bin/python bench/bench_incremental.py [--runs 3]

Reports, in one run, each rebuild as a ratio of the cold build measured the same way
(issue 16's targets: a one-value change at most 0.25 of cold on the command line and 0.10
in ``deckgen watch``; a no-change rebuild at most 0.10), three ways:

* command line: ``deckgen build`` in a fresh process each time (what a user types; the
  Python start-up and library imports are paid every time; built slides come from the
  slide cache on disk);
* in process: ``pipeline.build`` called again in one process, without a session;
* watch: ``pipeline.build`` with one ``pipeline.Session``, what ``deckgen watch`` does on
  every save (warm pool, plans and slides in memory); the edit is made once the session
  has warmed up after the no-change build, and ``bench_scale.PAUSE`` seconds later (a
  person saves the next change seconds later);
* as typed: ``deckgen build`` in a fresh process each time, as typed at a terminal
  (``DECKGEN_DAEMON=start``): the cold build starts a daemon and the next builds, made
  once it has warmed up, run there.

All four with as many workers as cores (``deckgen build``'s default). deckgen's bytecode
is written first, as ``pip install`` does.

The one-value change is China's 2023 production in g20_production.csv, the example of the
issue: it appears in three slide charts, a shared card and the long-form infographic.
Never asserts; prints medians of ``--runs`` repetitions.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_scale import PAUSE, ready  # this folder is the script's: on its path

REPO = Path(__file__).resolve().parents[1]
DECKGEN = [sys.executable, "-m", "deckgen"]
OLD, NEW = "China,5234496,30160966", "China,5234496,31000000"

_IN_PROCESS = """
import json, sys, time
from pathlib import Path
import os
from deckgen.pipeline import BuildOptions, Session, build
outline, out, csv = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
watch = sys.argv[6] == "watch"
session = Session() if watch else None
options = BuildOptions(out_dir=out, workers=os.cpu_count() or 1)
t = time.perf_counter(); build(outline, options, session=session); cold = time.perf_counter() - t
t = time.perf_counter(); r = build(outline, options, session=session)
same = time.perf_counter() - t
assert r.up_to_date
if session:  # a person's edit comes seconds later: the workers have warmed up by then
    session.settle()
    time.sleep(float(sys.argv[7]))
text = csv.read_text(); csv.write_text(text.replace(sys.argv[4], sys.argv[5]))
t = time.perf_counter(); r = build(outline, options, session=session)
one = time.perf_counter() - t
if session: session.close()
print(json.dumps({"cold": cold, "same": same, "one": one, "rendered": r.rendered,
                  "planned": getattr(r, "planned", -1), "assembled": getattr(r, "assembled", -1)}))
"""


def _project(root: Path) -> tuple[Path, Path]:
    shutil.copytree(REPO / "data", root / "data")
    return root / "data" / "global-impact.yaml", root / "data" / "g20_production.csv"


#: Every command runs without a daemon (a user's own would take its builds), but where one
#: is measured.
NO_DAEMON = {**os.environ, "DECKGEN_DAEMON": "off"}


def _timed(args: list[str], env: dict[str, str] = NO_DAEMON) -> float:
    started = time.perf_counter()
    subprocess.run(args, check=True, capture_output=True, cwd=REPO, env=env)
    return time.perf_counter() - started


def command_line(typed: bool = False) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        outline, csv = _project(Path(tmp))
        env = NO_DAEMON
        if typed:
            env = {**os.environ, "DECKGEN_DAEMON_DIR": str(Path(tmp) / "d"),
                   "DECKGEN_DAEMON": "start"}  # fmt: skip
        try:
            build = [*DECKGEN, "build", str(outline), "--out", str(Path(tmp) / "out")]
            cold = _timed(build, env)
            if typed:
                ready(env)  # the daemon the cold build started, warm
            same = _timed(build, env)
            csv.write_text(csv.read_text().replace(OLD, NEW))
            one = _timed(build, env)
        finally:
            if typed:
                subprocess.run([*DECKGEN, "daemon", "stop"], capture_output=True, env=env)
    return {"cold": cold, "same": same, "one": one}


def in_process(mode: str) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        outline, csv = _project(Path(tmp))
        done = subprocess.run(
            [sys.executable, "-c", _IN_PROCESS, str(outline), str(Path(tmp) / "out"), str(csv),
             OLD, NEW, mode, str(PAUSE)], check=True, capture_output=True, text=True, cwd=REPO,
        )  # fmt: skip
    return json.loads(done.stdout.strip().splitlines()[-1])


def _report(name: str, runs: list[dict[str, float]], target: float) -> None:
    """Medians of the times, and the median of each run's own ratios (a run's cold and
    rebuild share the machine's load, so the ratio is steadier than the times)."""
    cold = statistics.median(r["cold"] for r in runs)
    same = statistics.median(r["same"] / r["cold"] for r in runs)
    one = statistics.median(r["one"] / r["cold"] for r in runs)
    seconds = {k: statistics.median(r[k] for r in runs) for k in ("same", "one")}
    print(
        f"{name:<13} cold {cold:5.2f} s | no change {seconds['same']:.3f} s, {same:.3f} of "
        f"cold (target <= 0.10) | one value {seconds['one']:.2f} s, {one:.3f} of cold "
        f"(target <= {target:.2f})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    # As installed: pip writes the bytecode at install time, so no run compiles deckgen's
    # source (a checkout with PYTHONDONTWRITEBYTECODE set would, every process).
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "deckgen")],
                   check=True)  # fmt: skip
    _report("command line", [command_line() for _ in range(args.runs)], 0.25)
    _report("in process", [in_process("process") for _ in range(args.runs)], 0.25)
    _report("watch", [in_process("watch") for _ in range(args.runs)], 0.10)
    _report("as typed", [command_line(typed=True) for _ in range(args.runs)], 0.25)


if __name__ == "__main__":
    main()
