"""A content-addressed cache of rendered pictures under the output folder.

Each entry is ``<key>.<ext>`` (the image) and ``<key>.json`` (its alt text, the values it
shows and the image's SHA-256). The key covers everything the picture depends on (see
:func:`deckgen.render.jobs.content_key`), so an entry is either right or absent: a lookup
never needs to know what changed. An entry whose image is missing, truncated or edited
fails its checksum and is treated as absent, so it is rendered again and replaced; so is
one whose metadata is not what :meth:`AssetCache.put` writes, or whose files are not
regular files (a folder, a FIFO, a link to ``/dev/zero``: nothing read can hang or
exhaust memory). Writing an entry removes whatever is in its place, so even ``--force``
mends a cache that was tampered with.
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any, TypeGuard

from deckgen.io import atomic_write_bytes, clear_state, own_folder, read_regular, state_json

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path


#: The largest entry read back (a slide picture is well under 5 MB; a 4096 px card at
#: most a few tens).
MAX_IMAGE_BYTES = 256 * 1024 * 1024
MAX_META_BYTES = 16 * 1024 * 1024


def _valid_meta(meta: object) -> TypeGuard[dict[str, Any]]:
    """The shape :meth:`AssetCache.put` writes: alt text, values, the image's checksum."""
    return (
        isinstance(meta, dict)
        and isinstance(meta.get("sha256"), str)
        and isinstance(meta.get("alt", ""), str)
        and isinstance(meta.get("values", {}), dict)
    )


class AssetCache:
    """Images by content key in one folder; ``AssetCache(None)`` caches nothing."""

    def __init__(
        self,
        folder: Path | None,
        *,
        read: bool = True,
        memory: dict[tuple[str, str], tuple[bytes, dict[str, Any]]] | None = None,
    ) -> None:
        self.folder = folder
        self.read = read  # False (--force): render everything, but refresh the entries
        self.corrupt: list[str] = []  # keys found damaged this run (re-rendered)
        #: The entries this process has read or written, kept in memory between builds
        #: (a warm session's): looked up before the folder, whose entries must be read
        #: and checked again. Both hold the same pictures (an entry is only ever right).
        self.memory = memory

    def get(self, key: str, ext: str = "png") -> tuple[bytes, dict[str, Any]] | None:
        """The image and its metadata, or ``None`` if absent or damaged."""
        if self.folder is None or not self.read:
            return None
        if self.memory is not None:
            kept = self.memory.get((key, ext))
            if kept is None:
                kept = self._read(key, ext)
                if kept is not None:
                    self.memory[(key, ext)] = kept
            return kept
        return self._read(key, ext)

    def _read(self, key: str, ext: str) -> tuple[bytes, dict[str, Any]] | None:
        assert self.folder is not None
        meta_path = self.folder / f"{key}.json"
        image_path = self.folder / f"{key}.{ext}"
        if not (meta_path.exists() or meta_path.is_symlink()):
            return None
        if not own_folder(self.folder):
            return None  # a cache folder linked elsewhere holds nothing of this build's
        raw_meta = read_regular(meta_path, MAX_META_BYTES, follow=False)
        data = read_regular(image_path, MAX_IMAGE_BYTES, follow=False)
        try:
            meta = state_json(raw_meta) if raw_meta is not None else None
        except ValueError:
            meta = None
        if (
            data is None
            or not _valid_meta(meta)
            or meta["sha256"] != hashlib.sha256(data).hexdigest()
        ):
            self.corrupt.append(key)
            return None
        return data, meta

    def put(self, key: str, data: bytes, meta: dict[str, Any], ext: str = "png") -> None:
        if self.folder is None:
            return
        own_folder(self.folder, clear=True)  # a file or a link elsewhere in its place: gone
        # The image first, then the metadata that vouches for it: a crash in between
        # leaves an entry that fails its checksum, never a wrong picture.
        atomic_write_bytes(self.folder / f"{key}.{ext}", data, state=True)
        document = {**meta, "sha256": hashlib.sha256(data).hexdigest()}
        text = json.dumps(document, sort_keys=True, ensure_ascii=False)
        atomic_write_bytes(self.folder / f"{key}.json", text.encode("utf-8"), state=True)
        if self.memory is not None:
            self.memory[(key, ext)] = (data, document)

    def prune(self, keep: Iterable[str]) -> int:
        """Remove every entry not in ``keep`` (what the last build used); return how many."""
        wanted = set(keep)
        if self.memory is not None:
            for entry in [e for e in self.memory if e[0] not in wanted]:
                del self.memory[entry]
        if self.folder is None or not own_folder(self.folder):
            return 0  # nothing of ours to remove (a link's target is never pruned)
        removed = 0
        for path in self.folder.iterdir():
            key = path.name.split(".", 1)[0]
            if key in wanted:
                continue
            removed += path.suffix == ".json" and path.is_file()
            if path.is_file() and not path.is_symlink():
                path.unlink()
            else:
                clear_state(path)  # a folder or link where an entry was: damage, gone too
        return removed
