"""The benchmark's own parts still run (bench/ is not timed in tests, but a script that
no longer runs measures nothing): the bench content, and the floor script drawing it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pptx import Presentation

BENCH = Path(__file__).resolve().parents[1] / "bench"


def test_the_floor_script_makes_the_bench_content(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.syspath_prepend(str(BENCH))
    import bench_scale

    outline = bench_scale.make_project(tmp_path / "p")
    spec = tmp_path / "spec.json"
    content = bench_scale.floor_spec(outline, spec)
    assert content == {"slides": 20, "charts": 8, "callouts": 8, "cards": 5}
    out = tmp_path / "floor"
    subprocess.run([sys.executable, str(BENCH / "floor.py"), str(spec), str(out)], check=True)
    assert len(Presentation(str(out / "floor.pptx")).slides) == 20
    assert len(list((out / "social").glob("*.png"))) == 5
