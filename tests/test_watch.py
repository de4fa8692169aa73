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


def test_watch_reports_every_kind_of_error_and_watches_on(tmp_path, monkeypatch):
    """A theme outside the project, a folder where the deck goes and a file that cannot be
    read while it changes: each is reported as a deckgen error, and the next save builds."""
    import errno
    import shutil
    from typing import Any

    import deckgen.pipeline
    from tests.helpers import REPO

    path = write_project(tmp_path / "project", HEADER + SLIDES)
    out = tmp_path / "out"
    options = BuildOptions(out_dir=out)
    events: queue.Queue[WatchEvent] = queue.Queue()
    csv = path.parent / "production.csv"
    real, vanish = deckgen.pipeline.build, threading.Event()

    def build(*args: Any, **kwargs: Any) -> Any:
        if vanish.is_set():
            raise FileNotFoundError(errno.ENOENT, "No such file or directory", str(csv))
        return real(*args, **kwargs)

    monkeypatch.setattr(deckgen.pipeline, "build", build)
    stop = threading.Event()
    thread = threading.Thread(
        target=watch, args=(path, options, events.put), kwargs={"stop": stop, "debounce_ms": 50}
    )
    thread.start()
    try:
        assert _next(events).error is None
        time.sleep(0.3)
        good = path.read_text()
        # 1. The outline names a theme outside the project.
        elsewhere = tmp_path / "elsewhere" / "brand"
        shutil.copytree(REPO / "themes" / "dark", elsewhere)
        path.write_text(good.replace("deck:\n", f"deck:\n  theme: {elsewhere}\n", 1))
        error = _next(events).error
        assert error is not None and "points outside the project folder" in str(error)
        path.write_text(good)
        assert _next(events).error is None
        # 2. A folder is where the deck goes.
        (out / "deck.pptx").unlink()
        (out / "deck.pptx").mkdir()
        csv.write_text(PRODUCTION_CSV.replace("30160966", "31000000"))
        error = _next(events).error
        assert error is not None and "a folder of that name is in the way" in str(error)
        (out / "deck.pptx").rmdir()
        # 3. A file vanishes while the build reads it (an editor replacing it).
        vanish.set()
        csv.write_text(PRODUCTION_CSV)
        error = _next(events).error
        assert error is not None and "could not be read while it changed" in str(error)
        assert str(csv) in str(error)
        vanish.clear()
        csv.write_text(PRODUCTION_CSV.replace("30160966", "32000000"))
        last = _next(events)
        assert last.error is None and last.result is not None
        assert (out / "deck.pptx").is_file()
    finally:
        stop.set()
        thread.join(timeout=10)
    assert not thread.is_alive()
