"""A build killed with SIGKILL at any moment leaves the earlier output whole, and the next
build equals a clean one.

The kills land at increasing fractions of a measured build's time, so they fall while the
data is read, while pictures render, and while the deck and cards are written, on a fast
machine or a slow one. Each killed build runs with ``--force`` so that it rewrites
everything (a build that found nothing to do would prove nothing).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import zipfile
from typing import TYPE_CHECKING

import pytest

from tests.helpers import HEADER, PRODUCTION_CSV, write_project

if TYPE_CHECKING:
    from pathlib import Path

OUTLINE = (
    HEADER
    + """\
  - kind: chart
    title: China leads
    chart: {type: bar, data: production, x: country, y: production_2023}
  - kind: chart
    title: Then and now
    chart: {type: grouped-bar, data: production, x: country, y: [production_2004, production_2023]}
  - kind: chart
    title: Shares
    chart: {type: donut, data: production, x: country, y: production_2004}
social:
  cards:
    - kind: chart
      title: China leads
      chart: {type: hbar, data: production, x: country, y: production_2023}
"""
)
#: When to kill, as fractions of a whole build's time.
FRACTIONS = (0.05, 0.2, 0.35, 0.5, 0.65, 0.8, 0.95)


def _build(project: Path, out: str, *extra: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "deckgen", "build", "deck.yaml", "--out", out, *extra],
        cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: the kill takes its workers too
    )  # fmt: skip


def _finish(proc: subprocess.Popen[bytes]) -> None:
    output, _ = proc.communicate(timeout=300)
    assert proc.returncode == 0, output.decode()


def _output(out: Path) -> dict[str, bytes]:
    """What a reader gets: every part of the deck (but the timestamps in docProps/core.xml)
    and every social card, by name."""
    with zipfile.ZipFile(out / "deck.pptx") as deck:
        parts = {n: deck.read(n) for n in deck.namelist() if n != "docProps/core.xml"}
    cards = {p.name: p.read_bytes() for p in sorted((out / "deck" / "social").glob("*.png"))}
    return {**parts, **cards}


@pytest.mark.slow
def test_a_build_killed_at_any_moment_leaves_the_earlier_output_and_heals(tmp_path):
    earlier_csv = PRODUCTION_CSV
    later_csv = PRODUCTION_CSV.replace("30160966", "31000000")
    project = tmp_path / "project"
    write_project(project, OUTLINE, {"production.csv": earlier_csv})

    # The earlier output, and how long a whole build takes here.
    started = time.monotonic()
    _finish(_build(project, "out"))
    seconds = time.monotonic() - started
    earlier = _output(project / "out")

    # What a clean build of the changed data gives, in a folder of its own.
    (project / "production.csv").write_text(later_csv)
    _finish(_build(project, "clean"))
    clean = _output(project / "clean")
    assert clean != earlier

    for fraction in FRACTIONS:
        proc = _build(project, "out", "--force")
        time.sleep(seconds * fraction)
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate(timeout=60)  # reaps it and closes its pipe
        now = _output(project / "out")  # opens: never a torn zip or a half-written card
        assert now in (earlier, clean), f"output damaged by a kill at {fraction:.0%}"

    _finish(_build(project, "out"))
    assert _output(project / "out") == clean


def test_a_build_stopped_while_it_writes_a_card_leaves_the_earlier_deck(tmp_path, monkeypatch):
    # The kill above lands where it lands; this one lands where a new deck beside the
    # earlier cards was left (CI's kill at 95%): after the deck is written, at a card.
    import deckgen.io
    from deckgen.pipeline import BuildOptions, build

    project = tmp_path / "project"
    write_project(project, OUTLINE, {"production.csv": PRODUCTION_CSV})
    options = BuildOptions(out_dir=project / "out")
    build(project / "deck.yaml", options)
    earlier = _output(project / "out")

    (project / "production.csv").write_text(PRODUCTION_CSV.replace("30160966", "31000000"))
    real = deckgen.io._create_beside

    def killed_at_a_card(target):
        if target.parent.name == "social" and target.suffix == ".png":
            raise KeyboardInterrupt  # the build stops here, as a kill would stop it
        return real(target)

    monkeypatch.setattr(deckgen.io, "_create_beside", killed_at_a_card)
    with pytest.raises(KeyboardInterrupt):
        build(project / "deck.yaml", BuildOptions(out_dir=project / "out", force=True))
    assert _output(project / "out") == earlier
