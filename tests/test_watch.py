"""`deckgen watch`: a change to a watched file rebuilds; an error is shown and watching goes on."""

from __future__ import annotations

import queue
import threading
import time

from deckgen.pipeline import BuildOptions
from deckgen.watch import WatchEvent, _roots, watch, watched_files
from tests.helpers import HEADER, PRODUCTION_CSV, write_project

SLIDES = """\
  - kind: chart
    title: "China built {{ production.China.production_2023 | compact }} vehicles"
    chart: {type: bar, data: production, x: country, y: production_2023}
"""


def _next(events: queue.Queue[WatchEvent], timeout: float = 30) -> WatchEvent:
    return events.get(timeout=timeout)


def test_watch_rebuilds_on_change_and_survives_errors(tmp_path):
    path = write_project(tmp_path / "project", HEADER + SLIDES)
    options = BuildOptions(out_dir=tmp_path / "out")
    events: queue.Queue[WatchEvent] = queue.Queue()
    stop = threading.Event()
    thread = threading.Thread(
        target=watch, args=(path, options, events.put), kwargs={"stop": stop, "debounce_ms": 50}
    )
    thread.start()
    try:
        first = _next(events)
        assert first.error is None and first.result.changes.first_build
        time.sleep(0.3)  # let the watcher start before the first edit
        csv = path.parent / "production.csv"
        csv.write_text(PRODUCTION_CSV.replace("30160966", "31000000"))
        second = _next(events)
        assert second.changed == (csv,)
        assert "30,160,966 → 31,000,000" in "\n".join(second.result.changes.lines())
        # A broken outline is reported, and watching goes on.
        good = path.read_text()
        path.write_text(good.replace("kind: chart", "kind: chrat"))
        third = _next(events)
        assert third.error is not None and "chrat" in third.error.format_message()
        path.write_text(good)
        fourth = _next(events)
        assert fourth.error is None and fourth.result is not None
        # Files the build does not read are not watched.
        (path.parent / "notes.txt").write_text("scratch")
        time.sleep(0.5)
        assert events.empty()
    finally:
        stop.set()
        thread.join(timeout=10)
    assert not thread.is_alive()


def test_watched_files_are_the_last_builds_inputs(tmp_path):
    from deckgen.pipeline import build

    path = write_project(tmp_path / "project", HEADER + SLIDES)
    options = BuildOptions(out_dir=tmp_path / "out")
    assert watched_files(path, options) == {path.resolve()}
    build(path, options)
    files = watched_files(path, options)
    assert (path.parent / "production.csv").resolve() in files
    assert any(f.name == "theme.yaml" for f in files)
    assert all(not f.name.endswith(".ttf") for f in files)  # installed fonts are not watched
    assert _roots({tmp_path / "a" / "x", tmp_path / "a" / "b" / "y", tmp_path / "c" / "z"}) == [
        tmp_path / "a",
        tmp_path / "c",
    ]


def test_ctrl_c_stops_watching_without_a_third_party_line(tmp_path):
    import os
    import signal
    import subprocess
    import sys

    path = write_project(tmp_path / "project", HEADER + SLIDES)
    command = [sys.executable, "-m", "deckgen", "watch", str(path), "--out", str(tmp_path / "o"),
               "--jobs", "1"]  # fmt: skip
    watching = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert watching.stdout is not None
    for line in watching.stdout:  # the first build is done when it says it watches
        if line.startswith("Watching for changes"):
            break
    time.sleep(0.5)
    watching.send_signal(signal.SIGINT)
    _, err = watching.communicate(timeout=30)
    assert "KeyboardInterrupt" not in err, err
    assert "Traceback" not in err
    assert watching.returncode == 0, (watching.returncode, err)
    assert os.path.exists(tmp_path / "o" / "deck.pptx")
