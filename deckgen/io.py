"""File-system rules: paths stay inside the project, writes are atomic."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from deckgen.errors import DeckgenError, Location, Problem

if TYPE_CHECKING:
    from collections.abc import Iterator


def confine(relative: str, root: Path, where: Location, *, allow_outside: bool = False) -> Path:
    """Resolve ``relative`` against ``root``; refuse a path that leaves ``root``.

    An outline is data from anyone; it must not read ``/etc/passwd`` or ``../../secrets``
    into a deck unless the user asked for that with ``--allow-outside``.
    """
    path = (root / relative).resolve()
    if not allow_outside and not path.is_relative_to(root.resolve()):
        raise DeckgenError(
            Problem(
                where,
                f"path {relative!r} points outside the project folder {str(root)!r}",
                "move the file into the project, or pass --allow-outside",
            )
        )
    return path


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success rename it over ``target``.

    If the body raises, the temporary file is removed and ``target`` is untouched, so a
    failed build never damages the previous good output.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.replace(tmp_path, target)
    finally:
        tmp_path.unlink(missing_ok=True)


def atomic_write_bytes(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` atomically."""
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)
