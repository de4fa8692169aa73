"""``deckgen watch``: rebuild whenever the outline, a data file or the theme changes.

The files to watch are the ones the last build read (its manifest's inputs), plus the
outline itself, so a file the outline starts to use is watched from the next build on.
Bursts of saves are debounced into one rebuild. A build that fails is reported and
watching goes on: fixing the file triggers the next build.
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from deckgen.errors import DeckgenError, Location, Problem

if TYPE_CHECKING:
    import threading
    from collections.abc import Callable

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
) -> None:
    """Build once, then rebuild on every change until ``stop`` is set (or Ctrl-C)."""
    from watchfiles import watch as watch_paths

    from deckgen.pipeline import Session, build

    # On Ctrl-C watchfiles logs "KeyboardInterrupt caught, stopping watch" (a warning that
    # Python prints when nothing configured logging): Ctrl-C is how watching is meant to
    # stop, so that line is only noise.
    logging.getLogger("watchfiles.main").setLevel(logging.ERROR)

    # One warm process: the libraries, the worker pool, and the outline, data and theme
    # as last read (each reused while its files are unchanged) stay between rebuilds.
    session = Session()

    def rebuild(changed: tuple[Path, ...]) -> None:
        try:
            on_event(WatchEvent(changed, result=build(outline, options, session=session)))
        except DeckgenError as exc:
            on_event(WatchEvent(changed, error=exc))
        except (OSError, UnicodeDecodeError) as exc:
            # A file changed under the build (an editor saving it half-way, replacing it):
            # reported as any error, and the next save triggers the next build.
            on_event(WatchEvent(changed, error=damaged_file(exc)))

    try:
        rebuild(())
        while stop is None or not stop.is_set():
            files = watched_files(outline, options)

            def relevant(_change: object, path: str, files: set[Path] = files) -> bool:
                return Path(path).resolve() in files

            restart = False
            for changes in watch_paths(
                *_roots(files), watch_filter=relevant, debounce=debounce_ms, step=50,
                stop_event=stop, raise_interrupt=False, yield_on_timeout=False,
            ):  # fmt: skip
                changed = tuple(sorted({Path(p) for _, p in changes}))
                rebuild(changed)
                if watched_files(outline, options) != files:
                    restart = True  # the outline now reads other files: watch those
                    break
            if not restart:
                return
    finally:
        session.close()
