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


def test_the_warm_timeline_names_each_phase_and_restores_the_data(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    monkeypatch.syspath_prepend(str(BENCH))
    import bench_scale

    outline = bench_scale.make_project(tmp_path / "p")
    csv = outline.parent / "g20_production.csv"
    before = csv.read_bytes()
    bench_scale.timeline(outline, tmp_path / "out", edits=1)
    printed = capsys.readouterr().out
    # China's production: three slide charts and the card that shows one of them.
    assert "(median of 1 edit, 4 pictures drawn)" in printed
    for phase in ("slides and cards planned", "until the last picture is drawn",
                  "deck and cards written after it", "the whole rebuild"):  # fmt: skip
        assert phase in printed
    assert csv.read_bytes() == before
