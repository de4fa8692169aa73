"""``deckgen watch``: rebuild whenever the outline, a data file or the theme changes.

The files to watch are the ones the last build read (its manifest's inputs), plus the
outline itself, so a file the outline starts to use is watched from the next build on.
Bursts of saves are debounced into one rebuild. A build that fails is reported and
watching goes on: fixing the file triggers the next build. A failed build writes no
manifest, so the file it could not find (a data file the outline now names, a font the
theme names) is in no list of inputs: until a build succeeds, a file created or saved
anywhere in the outline's folder rebuilds too (outputs, hidden files and editors' scratch
files aside), and so does a file the error is located in.

Ctrl-C stops watching, also in the middle of a build: that build is abandoned (every file
is written atomically, so each output file is whole) and :func:`watch` returns normally,
telling the caller that it stopped a build.
"""

from __future__ import annotations

import contextlib
import logging
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from deckgen.errors import DeckgenError, Location, Problem

if TYPE_CHECKING:
    import threading
    from collections.abc import Callable, Iterable

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
    from deckgen import manifest
    from deckgen.pipeline import deck_folder

    files = {outline.resolve()}
    previous = manifest.read(deck_folder(outline, options) / manifest.FILE_NAME)
    for name in (previous or {}).get("inputs", {}):
        path = Path(name) if Path(name).is_absolute() else outline.parent / name
        path = path.resolve()
        # Files only: a damaged manifest may name a device or a folder (one missing for
        # now, saved again by an editor, is still watched).
        usable = path.is_file() or not path.exists()
        if usable and not path.is_relative_to(Path(sys.prefix).resolve()):
            files.add(path)
    return files


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


@dataclass
class _Interest:
    """Which changes rebuild: one to a file the last good build read (or the outline, or
    a file the last error is located in); and after a failed build, a file created or
    saved anywhere in the project folder, since the fix may be a file no build has read
    yet."""

    files: set[Path]
    project: Path
    outputs: tuple[Path, ...]  # what builds write (into the project, by default)
    failed: bool = False
    _scratch: Callable[[Change, str], bool] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        from watchfiles import DefaultFilter

        self._scratch = DefaultFilter(
            ignore_entity_patterns=(*DefaultFilter.ignore_entity_patterns, *_SCRATCH)
        )

    def relevant(self, change: Change, raw: str) -> bool:
        from watchfiles import Change

        try:
            path = Path(raw).resolve()
        except (OSError, RuntimeError):  # a name too long, a loop of symbolic links
            return False
        if path in self.files:
            return True
        if not self.failed or change == Change.deleted or not path.is_relative_to(self.project):
            return False
        if any(path.is_relative_to(out) for out in self.outputs):
            return False  # the build's own writes (a failed build writes none, a preview may)
        hidden = any(part.startswith(".") for part in path.relative_to(self.project).parts)
        return not hidden and self._scratch(change, raw)

    def triggers(self, changes: Iterable[tuple[Change, str]]) -> tuple[Path, ...]:
        """The changed paths that still call for a build once the saves have settled: an
        editor's test file or a temporary file renamed away (creations, after a failed
        build) is gone by then."""
        paths = {Path(raw) for _, raw in changes}
        return tuple(sorted(p for p in paths if p.resolve() in self.files or p.exists()))


def _outputs(outline: Path, options: BuildOptions) -> tuple[Path, ...]:
    """What a build (or a preview) of ``outline`` writes, and the output folder unless the
    project is in it (``--out .``): no change there is the user's."""
    from deckgen.pipeline import deck_folder

    out = options.out_dir.resolve()
    deck = out / f"{outline.stem}.pptx"
    written = [deck_folder(outline, options).resolve(), deck, deck.with_suffix(".pdf")]
    if not outline.resolve().is_relative_to(out):
        written.append(out)
    return tuple(written)


def _roots(files: set[Path]) -> list[Path]:
    """The fewest folders that hold every file."""
    roots: list[Path] = []
    for folder in sorted({f.parent for f in files}, key=lambda p: (len(p.parts), str(p))):
        if not any(folder.is_relative_to(r) for r in roots):
            roots.append(folder)
    return roots


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
    from watchfiles import watch as watch_paths

    from deckgen.pipeline import Session, build

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
        return event

    def interest(last: WatchEvent) -> _Interest:
        files = watched_files(outline, options)
        if last.error is not None:
            files |= named_files(last.error)
        return _Interest(files, outline.resolve().parent, _outputs(outline, options),
                         failed=last.error is not None)  # fmt: skip

    try:
        last = rebuild(())
        while stop is None or not stop.is_set():
            following = interest(last)
            restart = False
            for changes in watch_paths(
                *_roots(following.files), watch_filter=following.relevant,
                debounce=debounce_ms, step=50, stop_event=stop, raise_interrupt=False,
                yield_on_timeout=False,
            ):  # fmt: skip
                changed = following.triggers(changes)
                if not changed:
                    continue
                last = rebuild(changed)
                now = interest(last)
                if now.files != following.files:
                    restart = True  # the outline now reads other files: watch those
                    break
                following.failed = now.failed  # the same folders: only the filter changes
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
