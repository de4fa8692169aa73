"""``deckgen watch``: rebuild whenever the outline, a data file or the theme changes.

The files to watch are the ones the last build read (its manifest's inputs), plus the
outline itself, so a file the outline starts to use is watched from the next build on.
Bursts of saves are debounced into one rebuild. A build that fails is reported and
watching goes on: fixing the file triggers the next build. A failed build writes no
manifest, so the file it could not find (a data file the outline now names, a font the
theme names) is in no list of inputs: until a build succeeds, a file created or saved
anywhere in the outline's folder rebuilds too if a build could read it (an outline, a data
file, a picture, a font, a template: by its suffix) or the error names it (outputs,
hidden files and editors' scratch files aside), and so does a file the error is located
in. Nothing else does: a log of watch's own messages kept in the project (``deckgen watch
deck.yaml > watch.log``) rebuilt on each message it took, forever. A folder that holds
watched files rebuilds when it goes or comes back (a theme folder renamed by a checkout).

The files read are not all: a name a file was looked up by (the manifest's ``lookups``) can
lead elsewhere while every file read stays as it was. A data file or outline that is a
symbolic link re-pointed, a theme folder added where the theme is looked for first
(``themes/NAME/`` beside the outline, shadowing the shipped one): a change on the way of
such a name (the name, a folder on its way, a link it passes through) rebuilds when a name
now leads elsewhere than the last build recorded (:func:`deckgen.manifest.led_elsewhere`,
what ``deckgen build`` checks too), so an empty ``themes/`` folder made does not. A folder
on such a way not there yet is watched for from the nearest folder there is (one above the
outline's without its subfolders: ``../themes/`` made beside the project).

Ctrl-C stops watching, also in the middle of a build: that build is abandoned (every file
is written atomically, so each output file is whole) and :func:`watch` returns normally,
telling the caller that it stopped a build.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from stat import S_ISREG
from typing import TYPE_CHECKING

from deckgen.errors import DeckgenError, Location, Problem

if TYPE_CHECKING:
    import threading
    from collections.abc import Callable, Iterable, Iterator

    from watchfiles import Change

    from deckgen.pipeline import BuildOptions, BuildResult


@dataclass(frozen=True)
class WatchEvent:
    """One rebuild: what triggered it, and its result or its error."""

    changed: tuple[Path, ...]
    result: BuildResult | None = None
    error: DeckgenError | None = None


def damaged_file(exc: OSError | UnicodeDecodeError) -> DeckgenError:
    """A file that could not be read while watching, as a deckgen error naming it."""
    name = getattr(exc, "filename", None)
    if isinstance(exc, UnicodeDecodeError):
        what = f"not UTF-8 text ({exc.reason} at byte {exc.start})"
    else:
        what = exc.strerror or str(exc)
    return DeckgenError(
        Problem(
            Location(str(name)) if name else None,
            f"a file could not be read while it changed: {what}",
            "save the file again (watching goes on)",
        )
    )


def watched_files(outline: Path, options: BuildOptions) -> set[Path]:
    """The outline and every project file the last build read (fonts of installed
    packages are left out: they change only with an upgrade)."""
    return _watched(outline, options)[0]


def _watched(outline: Path, options: BuildOptions) -> tuple[set[Path], dict[str, str | None]]:
    """:func:`watched_files`, and the names the last build looked files up by with where
    each led (its manifest's ``lookups``, names relative to the outline's folder)."""
    from deckgen import manifest
    from deckgen.pipeline import deck_folder

    files = {outline.resolve()}
    previous = manifest.read(deck_folder(outline, options) / manifest.FILE_NAME) or {}
    for name in previous.get("inputs", {}):
        path = Path(name) if Path(name).is_absolute() else outline.parent / name
        path = path.resolve()
        # Files only: a damaged manifest may name a device or a folder (one missing for
        # now, saved again by an editor, is still watched).
        usable = path.is_file() or not path.exists()
        if usable and not path.is_relative_to(Path(sys.prefix).resolve()):
            files.add(path)
    return files, dict(previous.get("lookups", {}))


def _spot(path: Path) -> Path:
    """``path`` with its folder's links followed but not its own name's: a link itself
    (re-pointed, its target as it was) and a file not there yet, named as events name them."""
    return Path(os.path.realpath(path.parent)) / path.name


def _ways(path: Path, limit: int = 256) -> set[Path]:
    """The paths (as :func:`_spot` names them) whose change can make ``path`` lead to
    another file: ``path``, each folder on its way, and each symbolic link it passes
    through, with the way of what that link points to."""
    ways: set[Path] = set()
    todo = [Path(os.path.abspath(path))]
    while todo and len(ways) < limit:  # a loop of links ends when it comes round
        here = todo.pop()
        for step in (here, *here.parents):
            spot = _spot(step)
            if not step.name or spot in ways:
                continue
            ways.add(spot)
            with contextlib.suppress(OSError):
                if step.is_symlink():
                    todo.append(Path(os.path.abspath(step.parent / os.readlink(step))))
    return ways


def named_files(error: DeckgenError) -> set[Path]:
    """The files a failed build's problems are located in (a CSV with a bad cell, a theme's
    theme.yaml), which its outline may read for the first time: no manifest lists them."""
    files = set()
    for problem in error.problems:
        if problem.location is None:
            continue
        with contextlib.suppress(OSError, ValueError):  # a location that is no path
            path = Path(problem.location.file).resolve()
            if path.is_file() and not path.is_relative_to(Path(sys.prefix).resolve()):
                files.add(path)
    return files


#: Names that are never a reason to build, besides watchfiles' defaults (version control
#: folders, ``*.swp``, ``*~``, ``.#lock`` files): Office's ``~$`` lock files, Emacs's
#: ``#autosave#``, temporary files. Hidden files are left out where they are met.
_SCRATCH = (r"^~\$", r"^#.*#$", r"\.te?mp$")


def input_suffixes() -> frozenset[str]:
    """The suffixes of the files a build can read: outlines and theme.yaml, data files,
    pictures, fonts and templates."""
    from deckgen.kinds.slides.image import IMAGE_SUFFIXES
    from deckgen.tables.sources import DATA_SUFFIXES

    return frozenset(
        (".yaml", ".yml", *DATA_SUFFIXES, *IMAGE_SUFFIXES, ".ttf", ".otf", ".pptx", ".potx")
    )


def _streams() -> frozenset[tuple[int, int]]:
    """The files (device, inode) this process's output goes to when it is sent to a file
    (``> watch.log``): watch's own messages are never a reason to build."""
    found = set()
    for stream in (1, 2):
        with contextlib.suppress(OSError):
            stat = os.fstat(stream)
            if S_ISREG(stat.st_mode):  # a terminal, a pipe or /dev/null is no file here
                found.add((stat.st_dev, stat.st_ino))
    return frozenset(found)


def _named_in(name: str, text: str) -> bool:
    """Whether ``name`` stands whole in ``text`` ('p.csv' in "not found: 'p.csv'", not in
    'top.csv' or 'p.csv.bak')."""
    return re.search(rf"(?<![\w.-]){re.escape(name)}(?![\w-]|\.\w)", text) is not None


@dataclass
class _Interest:
    """Which changes rebuild: one to a file the last good build read (or the outline, or
    a file the last error is located in), or to a folder holding such files (gone or come
    back); and after a failed build, a file created or saved anywhere in the project
    folder that a build could read (by its suffix) or that the error names, or a folder
    created there, since the fix may be a file no build has read yet. Never the files
    this process writes its messages to."""

    files: set[Path]
    project: Path
    outputs: tuple[Path, ...]  # what builds write (into the project, by default)
    failed: bool = False
    #: The last error's text: a file it names is a possible fix whatever its suffix.
    said: str = ""
    #: The last good build's lookups (name: where it led), names relative to ``base``, the
    #: outline's folder as named (a linked outline's project is where its link is).
    looked: dict[str, str | None] = field(default_factory=dict)
    base: Path = Path()
    _scratch: Callable[[Change, str], bool] = field(init=False, repr=False)
    _suffixes: frozenset[str] = field(init=False, repr=False)
    _streams: frozenset[tuple[int, int]] = field(init=False, repr=False)
    _ways: frozenset[Path] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        from watchfiles import DefaultFilter

        self._scratch = DefaultFilter(
            ignore_entity_patterns=(*DefaultFilter.ignore_entity_patterns, *_SCRATCH)
        )
        self._suffixes = input_suffixes()
        self._streams = _streams()
        self._ways = frozenset(w for name in self.looked for w in _ways(self.base / name))

    def roots(self) -> tuple[list[Path], list[Path]]:
        """The folders to watch, and those to watch without their subfolders: those of the
        files, and for each looked-up name the nearest folder there is on its way
        (``themes/`` for ``themes/dark/theme.yaml`` while there is none). One above the
        outline's folder (``../themes/`` not made yet) is watched without its subfolders:
        all that is beside the project would be. Never deckgen's own or installed places
        (they change with an upgrade)."""
        from deckgen.theming.load import SHIPPED_DIRS

        home = Path(os.path.realpath(self.base))
        own = [Path(d).resolve() for d in (sys.prefix, *SHIPPED_DIRS)]
        folders, above = set(), set()
        for name in self.looked:
            folder = _spot(self.base / name).parent
            if any(folder.is_relative_to(d) for d in own):
                continue
            while not folder.is_dir() and folder != folder.parent:
                folder = folder.parent
            if folder == home or not home.is_relative_to(folder):
                folders.add(folder)
            else:
                above.add(folder)
        roots = _roots(self.files, folders)
        return roots, sorted(a for a in above if not any(a.is_relative_to(r) for r in roots))

    def _way(self, path: Path) -> bool:
        """Whether a change to ``path`` can make a looked-up name lead elsewhere."""
        return bool(self._ways) and _spot(path) in self._ways

    def relevant(self, change: Change, raw: str) -> bool:
        from watchfiles import Change

        try:
            path = Path(raw).resolve()
        except (OSError, RuntimeError):  # a name too long, a loop of symbolic links
            return False
        if self._ours(path):
            return False  # each message written would build again, and say so again
        if path in self.files or self._holds_watched(path) or self._way(Path(raw)):
            return True
        if not self.failed or change == Change.deleted or not path.is_relative_to(self.project):
            return False
        if any(path.is_relative_to(out) for out in self.outputs):
            return False  # the build's own writes (a failed build writes none, a preview may)
        hidden = any(part.startswith(".") for part in path.relative_to(self.project).parts)
        if hidden or not self._scratch(change, raw):
            return False
        # A folder created or moved in may hold the fix (a theme copied into themes/).
        folder = change == Change.added and path.is_dir()
        return folder or path.suffix.lower() in self._suffixes or _named_in(path.name, self.said)

    def _ours(self, path: Path) -> bool:
        if not self._streams:
            return False
        try:
            stat = path.stat()
        except OSError:
            return False
        return (stat.st_dev, stat.st_ino) in self._streams

    def _holds_watched(self, path: Path) -> bool:
        """Whether ``path`` is a folder a watched file is in: a folder renamed away or back
        (a checkout, ``mv``) is one event for the folder, none for the files in it."""
        return any(f.is_relative_to(path) for f in self.files if f != path)

    def triggers(self, changes: Iterable[tuple[Change, str]]) -> tuple[Path, ...]:
        """The changed paths that still call for a build once the saves have settled: an
        editor's test file or a temporary file renamed away (creations, after a failed
        build) is gone by then; a watched file or a folder of them counts gone or not; a
        path on the way of a looked-up name counts, gone or not, once a name leads
        elsewhere than the last good build recorded (or after a failed build)."""
        from deckgen.manifest import led_elsewhere

        elsewhere: list[bool] = []  # asked once, when a path on a name's way changed

        def counts(path: Path) -> bool:
            resolved = path.resolve()
            if resolved in self.files or self._holds_watched(resolved):
                return True
            if self._way(path):
                if not elsewhere:
                    elsewhere.append(self.failed or bool(led_elsewhere(self.looked, self.base)))
                return elsewhere[0]
            return path.exists()

        return tuple(sorted(p for p in {Path(raw) for _, raw in changes} if counts(p)))


def _outputs(outline: Path, options: BuildOptions) -> tuple[Path, ...]:
    """What a build (or a preview) of ``outline`` writes, and the output folder unless the
    project is in it (``--out .``): no change there is the user's."""
    from deckgen.pipeline import deck_folder, deck_name

    out = options.out_dir.resolve()
    deck = out / f"{deck_name(outline)}.pptx"
    written = [deck_folder(outline, options).resolve(), deck, deck.with_suffix(".pdf")]
    if not outline.resolve().is_relative_to(out):
        written.append(out)
    return tuple(written)


def _roots(files: set[Path], folders: Iterable[Path] = ()) -> list[Path]:
    """The fewest folders that hold every file and every folder of ``folders``."""
    roots: list[Path] = []
    every = {f.parent for f in files} | set(folders)
    for folder in sorted(every, key=lambda p: (len(p.parts), str(p))):
        if not any(folder.is_relative_to(r) for r in roots):
            roots.append(folder)
    return roots


def _changes(
    roots: list[Path],
    above: list[Path],
    watch_filter: Callable[[Change, str], bool],
    debounce_ms: int,
    stop: threading.Event | None,
) -> Iterator[set[tuple[Change, str]]]:
    """watchfiles' batches of changes in ``roots`` and, without their subfolders, in
    ``above`` (each watched in a thread of its own), until ``stop`` is set or the caller
    stops taking them."""
    import queue
    import threading

    from watchfiles import watch as watch_paths

    batches: queue.Queue[set[tuple[Change, str]] | Exception | None] = queue.Queue()
    ended = threading.Event()

    class Until:  # the caller's stop, or this generator's end
        def is_set(self) -> bool:
            return ended.is_set() or (stop is not None and stop.is_set())

    def run(paths: list[Path], recursive: bool) -> None:
        try:
            for batch in watch_paths(
                *paths, watch_filter=watch_filter, debounce=debounce_ms, step=50,
                stop_event=Until(), raise_interrupt=False, recursive=recursive,
            ):  # fmt: skip
                batches.put(batch)
        except Exception as exc:  # a folder that cannot be watched: the caller's error
            batches.put(exc)
        batches.put(None)

    threads = [
        threading.Thread(target=run, args=(paths, recursive), daemon=True)
        for paths, recursive in ((roots, True), (above, False))
        if paths
    ]
    for thread in threads:
        thread.start()
    try:
        while (batch := batches.get()) is not None:
            if isinstance(batch, Exception):
                raise batch
            yield batch
    finally:
        ended.set()
        for thread in threads:
            thread.join()


def watch(
    outline: Path,
    options: BuildOptions,
    on_event: Callable[[WatchEvent], None],
    *,
    stop: threading.Event | None = None,
    debounce_ms: int = 300,
    on_start: Callable[[tuple[Path, ...]], None] | None = None,
) -> bool:
    """Build once, then rebuild on every change until ``stop`` is set (or Ctrl-C).

    ``on_start(changed)`` is called as each build starts (``changed`` is empty for the
    first), so the caller can say what changed before the build takes its seconds;
    ``on_event`` when it has ended. Returns True if Ctrl-C stopped a build in the middle
    (abandoned, nothing reported for it; each file it wrote, it wrote whole), False if
    watching stopped between builds. Ctrl-C is not raised: it is how watching is meant
    to stop.
    """
    from deckgen.pipeline import Session, between_builds, build

    # On Ctrl-C watchfiles logs "KeyboardInterrupt caught, stopping watch" (a warning that
    # Python prints when nothing configured logging): Ctrl-C is how watching is meant to
    # stop, so that line is only noise.
    logging.getLogger("watchfiles.main").setLevel(logging.ERROR)

    # One warm process: the libraries, the worker pool, and the outline, data and theme
    # as last read (each reused while its files are unchanged) stay between rebuilds.
    session = Session()
    building = False

    def rebuild(changed: tuple[Path, ...]) -> WatchEvent:
        nonlocal building
        if on_start is not None:
            on_start(changed)
        building = True
        try:
            event = WatchEvent(changed, result=build(outline, options, session=session))
        except DeckgenError as exc:
            event = WatchEvent(changed, error=exc)
        except (OSError, UnicodeDecodeError) as exc:
            # A file changed under the build (an editor saving it half-way, replacing it):
            # reported as any error, and the next save triggers the next build.
            event = WatchEvent(changed, error=damaged_file(exc))
        building = False
        on_event(event)
        between_builds()
        return event

    def interest(last: WatchEvent) -> _Interest:
        files, looked = _watched(outline, options)
        if last.error is not None:
            files |= named_files(last.error)
        return _Interest(files, outline.resolve().parent, _outputs(outline, options),
                         failed=last.error is not None,
                         said="" if last.error is None else str(last.error),
                         looked=looked, base=outline.parent)  # fmt: skip

    try:
        last = rebuild(())
        while stop is None or not stop.is_set():
            following = interest(last)
            restart = False
            roots = following.roots()
            for changes in _changes(*roots, following.relevant, debounce_ms, stop):
                changed = following.triggers(changes)
                if not changed:
                    if following.roots() != roots:
                        restart = True  # a folder made on a name's way: watch from it
                        break
                    continue
                last = rebuild(changed)
                now = interest(last)
                if (now.files, now.looked) != (following.files, following.looked) or (
                    now.roots() != roots
                ):
                    restart = True  # the outline now reads other files: watch those
                    break
                # The same folders: only the filter changes.
                following.failed, following.said = now.failed, now.said
            if not restart:
                return False
        return False
    except KeyboardInterrupt:
        # Ctrl-C during a build (between builds watchfiles ends the loop itself): the
        # build stops where it is; what it wrote, it wrote atomically.
        return building
    finally:
        # A second Ctrl-C while the workers stop gives up waiting for them: they end with
        # this process (see render.executor).
        with contextlib.suppress(KeyboardInterrupt):
            session.close()
