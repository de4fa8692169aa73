"""`deckgen watch`: a change to a watched file rebuilds; an error is shown and watching goes on."""

from __future__ import annotations

import contextlib
import queue
import threading
import time
from typing import TYPE_CHECKING

import pytest

from deckgen.pipeline import BuildOptions
from deckgen.watch import WatchEvent, _roots, watch, watched_files
from tests.helpers import HEADER, PRODUCTION_CSV, write_project

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

SLIDES = """\
  - kind: chart
    title: "China built {{ production.China.production_2023 | compact }} vehicles"
    chart: {type: bar, data: production, x: country, y: production_2023}
"""


def _next(events: queue.Queue[WatchEvent], timeout: float = 30) -> WatchEvent:
    return events.get(timeout=timeout)


@contextlib.contextmanager
def _watching(path: Path, options: BuildOptions) -> Iterator[queue.Queue[WatchEvent]]:
    """``deckgen watch`` of ``path`` in a thread, its events as they come: stopped, and seen
    to stop, on leaving."""
    events: queue.Queue[WatchEvent] = queue.Queue()
    stop = threading.Event()
    thread = threading.Thread(
        target=watch, args=(path, options, events.put), kwargs={"stop": stop, "debounce_ms": 50}
    )
    thread.start()
    try:
        yield events
    finally:
        stop.set()
        thread.join(timeout=10)
    assert not thread.is_alive()


def test_watch_rebuilds_on_change_and_survives_errors(tmp_path):
    path = write_project(tmp_path / "project", HEADER + SLIDES)
    options = BuildOptions(out_dir=tmp_path / "out")
    with _watching(path, options) as events:
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


def test_watch_collects_garbage_between_builds_not_in_them(tmp_path, monkeypatch):
    import gc

    import deckgen.pipeline

    seen: list[str] = []
    monkeypatch.setattr(deckgen.pipeline, "between_builds",
                        lambda: seen.append("collected") or gc.collect())  # fmt: skip
    path = write_project(tmp_path / "project", HEADER + SLIDES)
    with _watching(path, BuildOptions(out_dir=tmp_path / "out")) as events:
        assert _next(events).error is None
        time.sleep(0.3)  # let the watcher start before the edit
        (path.parent / "production.csv").write_text(PRODUCTION_CSV.replace("30160966", "1"))
        assert _next(events).error is None
        deadline = time.monotonic() + 10
        while len(seen) < 2 and time.monotonic() < deadline:
            time.sleep(0.01)
    assert seen == ["collected", "collected"]  # once after each build, once it is reported


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
    csv = path.parent / "production.csv"
    real, vanish = deckgen.pipeline.build, threading.Event()

    def build(*args: Any, **kwargs: Any) -> Any:
        if vanish.is_set():
            raise FileNotFoundError(errno.ENOENT, "No such file or directory", str(csv))
        return real(*args, **kwargs)

    monkeypatch.setattr(deckgen.pipeline, "build", build)
    with _watching(path, options) as events:
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


EXTRA_SLIDE = """\
  - kind: chart
    title: Exports rose in Europe
    chart: {type: bar, data: extra, x: region, y: value}
"""


def _until_built(events: queue.Queue[WatchEvent], fails_with: str) -> WatchEvent:
    """The next good build, past failed ones that still say ``fails_with`` (creating a
    folder and then a file in it may be one rebuild or two)."""
    while True:
        event = _next(events)
        if event.error is None:
            return event
        assert fails_with in str(event.error), event.error


def test_creating_the_file_a_failed_build_is_missing_rebuilds(tmp_path):
    """The fix a "not found" error asks for is creating the file: no build has read it, so
    no manifest names it, and it must rebuild all the same (fuzz-J/2): a data file the
    outline starts to read, a font file the theme starts to name."""
    import shutil

    from deckgen.theming.fonts import resolve
    from deckgen.theming.model import FontSpec
    from tests.helpers import REPO

    project = tmp_path / "project"
    path = write_project(project, HEADER.replace("deck:\n", "deck:\n  theme: brand\n") + SLIDES)
    theme = project / "themes" / "brand"
    shutil.copytree(REPO / "themes" / "corporate", theme)
    options = BuildOptions(out_dir=project / "output")  # in the project, as by default
    with _watching(path, options) as events:
        first = _next(events)
        assert first.error is None and first.result is not None
        time.sleep(0.3)
        # 1. The outline names a data file that is not there yet.
        path.write_text(
            path.read_text().replace("data:\n", "data:\n  extra: {file: extra.csv}\n", 1)
            + EXTRA_SLIDE
        )
        error = _next(events).error
        assert error is not None and "data file not found: 'extra.csv'" in str(error)
        # Files that are nobody's fix, while it fails: an editor's scratch files, hidden
        # files, Office's lock files, what lands in the output folder. No build.
        for name in ("deck.yaml~", ".#deck.yaml", ".notes.txt", "~$extra.xlsx", "#deck.yaml#",
                     "output/notes.txt"):  # fmt: skip
            (project / name).write_text("scratch")
        time.sleep(0.5)
        assert events.empty(), events.get()
        extra = project / "extra.csv"
        extra.write_text("region,value\nAsia,10\nEurope,20\n")
        second = _next(events)
        assert second.changed == (extra,), second.changed
        assert second.error is None and second.result is not None
        assert second.result.slides == first.result.slides + 1
        # Built again, a file the build does not read is not watched again.
        (project / "notes.txt").write_text("scratch")
        time.sleep(0.5)
        assert events.empty(), events.get()
        # 2. The theme names a font file that is not there yet, in a folder not made yet.
        theme_yaml = theme / "theme.yaml"
        theme_yaml.write_text(
            theme_yaml.read_text().replace(
                "body: {family: Lato, fallback: [Calibri, Arial]}",
                "body: {family: Lato, regular: fonts/BrandSans.ttf}",  # the file's family
            )
        )
        error = _next(events).error
        assert error is not None and "font file not found" in str(error), error
        (theme / "fonts").mkdir()
        shutil.copyfile(resolve(FontSpec(family="Lato"), theme).regular,
                        theme / "fonts" / "BrandSans.ttf")  # fmt: skip
        third = _until_built(events, "font file not found")
        assert third.result is not None and not third.result.up_to_date


def test_a_build_stopped_by_ctrl_c_ends_watching_without_an_error(tmp_path, monkeypatch):
    """Ctrl-C in the middle of a rebuild: watch() returns (True: it stopped a build) rather
    than raising, and nothing is reported for that build; the caller heard of the rebuild
    when it started (fuzz-J/9)."""
    from typing import Any

    import deckgen.pipeline

    path = write_project(tmp_path / "project", HEADER + SLIDES)
    options = BuildOptions(out_dir=tmp_path / "out")
    seen: list[tuple[str, tuple[object, ...]]] = []
    real = deckgen.pipeline.build

    def build(*args: Any, **kwargs: Any) -> Any:
        seen.append(("build", ()))
        if len(seen) > 2:
            raise KeyboardInterrupt  # Ctrl-C while it builds (SIGINT raises it here)
        return real(*args, **kwargs)

    monkeypatch.setattr(deckgen.pipeline, "build", build)
    ended: list[bool] = []
    stop = threading.Event()

    def run() -> None:
        ended.append(watch(path, options, lambda e: seen.append(("event", e.changed)),
                           on_start=lambda c: seen.append(("start", c)), stop=stop,
                           debounce_ms=50))  # fmt: skip

    thread = threading.Thread(target=run)
    thread.start()
    try:
        deadline = time.monotonic() + 30
        while ("event", ()) not in seen and time.monotonic() < deadline:
            time.sleep(0.05)
        deck = (tmp_path / "out" / "deck.pptx").read_bytes()
        time.sleep(0.3)
        csv = path.parent / "production.csv"
        csv.write_text(PRODUCTION_CSV.replace("30160966", "31000000"))
        thread.join(timeout=30)
    finally:
        stop.set()
        thread.join(timeout=10)
    assert not thread.is_alive()
    assert ended == [True], seen
    assert seen == [("start", ()), ("build", ()), ("event", ()), ("start", (csv,)), ("build", ())]
    assert (tmp_path / "out" / "deck.pptx").read_bytes() == deck  # as the last build left it


#: ``deckgen`` with the build held in the middle of its work (after reading, before drawing)
#: on its Nth build, once it has said so in ``marker``: Ctrl-C then lands in a build, every
#: time. SIGINT raises KeyboardInterrupt, as at a terminal, even under a runner that ignores it.
HELD_BUILD = """\
import signal, sys, time
from pathlib import Path
signal.signal(signal.SIGINT, signal.default_int_handler)
import deckgen.pipeline as pipeline
marker, held, real, calls = Path(sys.argv[1]), int(sys.argv[2]), pipeline.make, []
def make(*args, **kwargs):
    calls.append(None)
    if len(calls) == held:
        marker.write_text("building")
        time.sleep(120)
    return real(*args, **kwargs)
pipeline.make = make
from deckgen.cli import main
sys.argv = ["deckgen", *sys.argv[3:]]
main()
"""


@pytest.mark.parametrize("held", [1, 2], ids=["first build", "rebuild"])
def test_ctrl_c_during_a_build_stops_watching_with_exit_code_0(tmp_path, held):
    """Ctrl-C sent to watch's process group (a terminal's Ctrl-C) while a build runs, with
    its drawing processes: the build is abandoned, the output is as the last build left it,
    watch exits 0 without "interrupted" and leaves no process behind (fuzz-J/9)."""
    import os
    import signal
    import subprocess
    import sys

    path = write_project(tmp_path / "project", HEADER + SLIDES)
    out, marker, script = tmp_path / "o", tmp_path / "building", tmp_path / "held.py"
    script.write_text(HELD_BUILD)
    command = [sys.executable, str(script), str(marker), str(held), "watch", str(path),
               "--out", str(out), "--jobs", "2", "--debounce", "50"]  # fmt: skip
    watching = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True, start_new_session=True)  # fmt: skip
    group = watching.pid
    try:
        assert watching.stdout is not None
        deck = b""
        if held > 1:
            for line in watching.stdout:  # the first build is done when it says it watches
                if line.startswith("Watching for changes"):
                    break
            deck = (out / "deck.pptx").read_bytes()
            time.sleep(0.5)
            csv = path.parent / "production.csv"
            csv.write_text(PRODUCTION_CSV.replace("30160966", "31000000"))
        deadline = time.monotonic() + 60
        while not marker.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert marker.exists(), "the build never started"
        os.killpg(group, signal.SIGINT)
        said, err = watching.communicate(timeout=30)
        assert watching.returncode == 0, (watching.returncode, err)
        assert "interrupted" not in err and "Traceback" not in err, err
        assert "Stopped: the build under way was abandoned" in err
        if held > 1:  # the save was said as its rebuild started, before Ctrl-C ended it
            assert "Changed: production.csv" in said
        if held > 1:
            assert (out / "deck.pptx").read_bytes() == deck  # the last build's deck, whole
        else:
            assert not (out / "deck.pptx").exists()
        assert not [p.name for p in out.rglob(".*")]  # no half-written file left
        deadline = time.monotonic() + 10  # the drawing processes end with it
        while time.monotonic() < deadline:
            try:
                os.killpg(group, 0)
            except ProcessLookupError:
                break
            time.sleep(0.1)
        else:
            raise AssertionError("processes of the watch are left behind")
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(group, signal.SIGKILL)
        watching.wait(timeout=10)


def test_what_a_failed_build_follows(tmp_path):
    """After a failed build: the file an error is located in; any file created or saved in
    the project, but not the outputs (also with --out .), hidden files or scratch files."""
    from watchfiles import Change

    from deckgen.errors import DeckgenError, Location, Problem
    from deckgen.watch import _Interest, _outputs, named_files

    project = tmp_path / "project"
    path = write_project(project, HEADER + SLIDES)
    bad = tmp_path / "shared" / "bad.csv"  # outside the project (--allow-outside)
    bad.parent.mkdir()
    bad.write_text("x\n")
    error = DeckgenError([Problem(Location(str(bad), 2, "x"), "not a number"),
                          Problem(Location(str(tmp_path / "gone.csv")), "no such file"),
                          Problem(None, "no place")])  # fmt: skip
    assert named_files(error) == {bad.resolve()}
    for out in (project / "output", project):  # the default, and --out .
        following = _Interest({path.resolve()}, project.resolve(),
                              _outputs(path, BuildOptions(out_dir=out)))  # fmt: skip

        def rebuilds(file: Path, change: Change = Change.added, f: _Interest = following) -> bool:
            return f.relevant(change, str(file))

        assert rebuilds(path, Change.modified) and not rebuilds(project / "extra.csv")
        following.failed = True
        assert rebuilds(project / "extra.csv")
        assert rebuilds(project / "themes" / "brand" / "fonts" / "Brand.ttf")
        assert rebuilds(path, Change.deleted)
        assert not rebuilds(project / "extra.csv", Change.deleted)
        written = ("deck.pptx", "deck.pdf", "deck/social/a.png", "deck/manifest.json")
        scratch = (".extra.csv", ".git/index", "deck.yaml~", "~$trade.xlsx", "#deck.yaml#",
                   "a.tmp", "__pycache__/x.csv")  # fmt: skip
        for file in [out / name for name in written] + [project / name for name in scratch]:
            assert not rebuilds(file), file
        # Another deck's output is no fix either, unless the output folder is the project.
        assert rebuilds(out / "other.csv") == (out == project)


def test_a_theme_folder_renamed_away_and_back_rebuilds_each_time(tmp_path):
    """A checkout or `mv` renames the theme folder: one event for the folder, none for the
    files in it. Nothing was built while it was gone, and the edit made meanwhile waited
    for an unrelated save (fuzz-P/8)."""
    import shutil

    from tests.helpers import REPO

    project = tmp_path / "project"
    path = write_project(project, HEADER.replace("deck:\n", "deck:\n  theme: brand\n") + SLIDES)
    theme = project / "themes" / "brand"
    shutil.copytree(REPO / "themes" / "corporate", theme)
    with _watching(path, BuildOptions(out_dir=project / "output")) as events:
        assert _next(events).error is None
        time.sleep(0.3)
        away = project / "themes" / "brand-old"
        theme.rename(away)
        gone = _next(events, timeout=10)
        assert gone.changed == (theme,)
        assert gone.error is not None and "unknown theme 'brand'" in str(gone.error)
        yaml = away / "theme.yaml"
        yaml.write_text(yaml.read_text().replace("primary: ", "primary: '#B5123B'\n  x_: ", 1))
        with contextlib.suppress(queue.Empty):  # a save while it fails may build (and fail)
            while True:
                assert "unknown theme 'brand'" in str(_next(events, timeout=1).error)
        away.rename(theme)
        back = _next(events, timeout=10)
        assert back.changed == (theme,)
        assert back.error is not None and "x_" in str(back.error)  # the edit made meanwhile


def test_a_failed_build_follows_only_files_a_build_could_read(tmp_path, monkeypatch):
    """After a failed build, a save anywhere in the project rebuilt: a log kept there
    rebuilt on every line (fuzz-P/9). Only a file of a kind a build reads, one the error
    names, or a folder created, rebuilds; the files watch writes its messages to never."""
    from watchfiles import Change

    import deckgen.watch
    from deckgen.watch import _Interest, _outputs

    project = tmp_path / "project"
    path = write_project(project, HEADER + SLIDES)
    log = project / "watch.csv"  # of a kind a build reads, but watch's own output
    log.write_text("")
    ours = log.stat()
    monkeypatch.setattr(
        deckgen.watch, "_streams", lambda: frozenset({(ours.st_dev, ours.st_ino)}), raising=False
    )
    (project / "themes" / "brand" / "fonts").mkdir(parents=True)
    for name in ("watch.log", "notes.md", "BrandSans", "extra.csv", "theme.yaml", "a.ttf"):
        (project / "themes" / "brand" / "fonts" / name).write_text("x")
    following = _Interest({path.resolve()}, project.resolve(),
                          _outputs(path, BuildOptions(out_dir=project / "output")), failed=True,
                          said="font file not found: /x/themes/brand/fonts/BrandSans")  # fmt: skip

    def rebuilds(name: str, change: Change = Change.modified) -> bool:
        return following.relevant(change, str(project / "themes" / "brand" / "fonts" / name))

    assert not following.relevant(Change.modified, str(log))
    assert not rebuilds("watch.log") and not rebuilds("notes.md")
    assert rebuilds("BrandSans") and rebuilds("extra.csv") and rebuilds("theme.yaml")
    assert rebuilds("a.ttf")
    (project / "themes" / "acme").mkdir()
    assert following.relevant(Change.added, str(project / "themes" / "acme"))  # a folder
    assert not following.relevant(Change.modified, str(project / "themes" / "acme"))


def test_watch_logging_into_its_project_does_not_rebuild_on_its_own_messages(tmp_path):
    """`deckgen watch deck.yaml > watch.log` in the project: once a build failed, each
    failed rebuild's message was a save that rebuilt again, about ten a second (fuzz-P/9)."""
    import subprocess
    import sys

    path = write_project(tmp_path / "project", HEADER + SLIDES)
    log = path.parent / "watch.log"
    command = [sys.executable, "-m", "deckgen", "watch", str(path), "--jobs", "1",
               "--debounce", "50"]  # fmt: skip
    with log.open("w") as out:
        watching = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT,
                                    cwd=path.parent)  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while "Watching for changes" not in log.read_text() and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(0.5)
        (path.parent / "production.csv").unlink()
        time.sleep(3)
    finally:
        watching.terminate()
        watching.wait(timeout=30)
    said = log.read_text()
    assert said.count("data file not found") == 1, said
    assert "Changed: watch.log" not in said


def _theme(project: Path, name: str) -> None:
    path = project / "deck.yaml"
    path.write_text(path.read_text().replace("deck:\n", f"deck:\n  theme: {name}\n", 1))


def _versions(project: Path) -> None:
    """production.csv a link to v1.csv; v2.csv the same but China's 2023 production."""
    (project / "production.csv").unlink()
    (project / "v1.csv").write_text(PRODUCTION_CSV)
    (project / "v2.csv").write_text(PRODUCTION_CSV.replace("30160966", "31000000"))
    (project / "production.csv").symlink_to("v1.csv")


def _point(link: Path, to: str) -> None:
    link.unlink()
    link.symlink_to(to)


def _shadow(project: Path) -> None:
    """The shipped dark theme, then themes/dark/ beside the outline, folder by folder."""
    import shutil

    from tests.helpers import REPO

    (project / "themes").mkdir()
    time.sleep(0.3)  # a folder alone changes no lookup: no build
    (project / "themes" / "dark").mkdir()
    time.sleep(0.3)
    shutil.copyfile(REPO / "themes" / "dark" / "theme.yaml", project / "themes/dark/theme.yaml")


def _shadow_up(project: Path) -> None:
    import shutil

    from tests.helpers import REPO

    shutil.copytree(REPO / "themes" / "dark", project.parent / "themes" / "dark")


def _themes_up(project: Path) -> None:
    """themes/ one folder up made (none was there), then the shipped dark theme in it."""
    (project.parent / "themes").mkdir()
    time.sleep(0.3)  # a folder alone changes no lookup: no build
    _shadow_up(project)


def _linked_outline(project: Path) -> None:
    (project / "decks").mkdir()
    text = (project / "deck.yaml").read_text()
    (project / "decks" / "a.yaml").write_text(text)
    (project / "decks" / "b.yaml").write_text(text.replace("Test deck", "Other deck"))
    _point(project / "deck.yaml", "decks/a.yaml")


def _linked_theme(project: Path) -> None:
    import shutil

    from tests.helpers import REPO

    _theme(project, "brand")
    for version, theme in (("v1", "corporate"), ("v2", "dark")):
        shutil.copytree(REPO / "themes" / theme, project / "brands" / version)
    (project / "themes").mkdir()
    (project / "themes" / "brand").symlink_to("../brands/v1")


def _chained(project: Path) -> None:
    _versions(project)
    (project / "via.csv").symlink_to("v1.csv")
    _point(project / "production.csv", "via.csv")


#: What the last build looked a file up by, and a change that makes it lead elsewhere while
#: every file the build read stays as it was: (set up, change, what the rebuild says changed).
LOOKUPS = {
    "a project theme added that shadows the shipped one": (
        lambda p: _theme(p, "dark"), _shadow, "themes/dark/theme.yaml"),
    "a theme added one folder up, its themes/ folder there": (
        lambda p: (_theme(p, "dark"), (p.parent / "themes").mkdir()), _shadow_up,
        "../themes/dark"),
    "a theme added one folder up, no themes/ folder there yet": (
        lambda p: _theme(p, "dark"), _themes_up, "../themes/dark"),
    "a data file's link re-pointed": (
        _versions, lambda p: _point(p / "production.csv", "v2.csv"), "production.csv"),
    "a data file's link's target edited in place": (
        _versions, lambda p: (p / "v1.csv").write_text(PRODUCTION_CSV.replace("5234496", "5")),
        "v1.csv"),
    "a link on a data file's way re-pointed": (
        _chained, lambda p: _point(p / "via.csv", "v2.csv"), "via.csv"),
    "the outline's link re-pointed": (
        _linked_outline, lambda p: _point(p / "deck.yaml", "decks/b.yaml"), "deck.yaml"),
    "a theme folder's link re-pointed": (
        _linked_theme, lambda p: _point(p / "themes" / "brand", "../brands/v2"), "themes/brand"),
}  # fmt: skip


@pytest.mark.parametrize("case", LOOKUPS)
def test_a_name_the_build_looked_up_that_leads_elsewhere_rebuilds_once(tmp_path, case):
    """Only the files a build read were watched: a link re-pointed, a theme folder added
    where the theme is looked for first, read no file the last build read, and nothing was
    built until some other save (though `deckgen build` sees these: the manifest's
    lookups). Each rebuilds once; a save nothing looks up still does not."""
    import os

    set_up, change, said = LOOKUPS[case]
    project = tmp_path / "project"
    path = write_project(project, HEADER + SLIDES)
    set_up(project)
    with _watching(path, BuildOptions(out_dir=project / "output")) as events:
        first = _next(events)
        assert first.error is None, first.error
        time.sleep(0.3)
        change(project)
        rebuilt = _next(events, timeout=10)
        assert rebuilt.error is None, rebuilt.error
        assert rebuilt.result is not None and not rebuilt.result.up_to_date
        changed = [os.path.relpath(c, project) for c in rebuilt.changed]
        assert any(c == said or c.startswith(f"{said}/") for c in changed), changed
        time.sleep(0.5)
        assert events.empty(), events.get().changed  # one rebuild
        # Nothing looked up leads elsewhere: an empty folder where a theme is looked for
        # (and none is added in it), a file nothing reads.
        (project / "themes").mkdir(exist_ok=True)
        (project / "themes" / "corporate").mkdir()
        (project / "notes.txt").write_text("scratch")
        time.sleep(0.5)
        assert events.empty(), events.get().changed


def test_a_data_files_link_removed_fails_and_put_back_rebuilds(tmp_path):
    """The link removed: nothing was built (the file it led to is still there, unchanged);
    now the build fails, and the link made again builds."""
    project = tmp_path / "project"
    path = write_project(project, HEADER + SLIDES)
    _versions(project)
    with _watching(path, BuildOptions(out_dir=project / "output")) as events:
        assert _next(events).error is None
        time.sleep(0.3)
        (project / "production.csv").unlink()
        gone = _next(events, timeout=10)
        assert gone.error is not None and "production.csv" in str(gone.error)
        (project / "production.csv").symlink_to("v2.csv")
        back = _next(events, timeout=10)
        assert back.error is None and back.result is not None
        assert "30,160,966 → 31,000,000" in "\n".join(back.result.changes.lines())


def test_the_folders_watched_for_lookups(tmp_path):
    """A name looked up is watched from the nearest folder on its way there is; from
    above the outline's folder without its subfolders (all beside the project would be
    watched), never in deckgen's own themes."""
    from deckgen.theming.load import SHIPPED_DIRS
    from deckgen.watch import _Interest

    project = tmp_path / "project"
    project.mkdir()
    shipped = SHIPPED_DIRS[-1] / "nothing-here" / "theme.yaml"
    looked = {"dark/theme.yaml": None, "themes/dark/theme.yaml": None,
              "../themes/dark/theme.yaml": None, str(shipped): None}  # fmt: skip

    def roots() -> tuple[list[Path], list[Path]]:
        return _Interest({project / "deck.yaml"}, project, (), looked=looked, base=project).roots()

    assert roots() == ([project], [tmp_path])
    (tmp_path / "themes").mkdir()
    assert roots() == ([project, tmp_path / "themes"], [])
