"""A content-addressed cache of rendered pictures under the output folder.

Each entry is ``<key>.<ext>`` (the image) and ``<key>.json`` (its alt text, the values it
shows and the image's SHA-256). The key covers everything the picture depends on (see
:func:`deckgen.render.jobs.content_key`), so an entry is either right or absent: a lookup
never needs to know what changed. An entry whose image is missing, truncated or edited
fails its checksum and is treated as absent, so it is rendered again and replaced.
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

from deckgen.io import atomic_write_bytes

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path


class AssetCache:
    """Images by content key in one folder; ``AssetCache(None)`` caches nothing."""

    def __init__(self, folder: Path | None, *, read: bool = True) -> None:
        self.folder = folder
        self.read = read  # False (--force): render everything, but refresh the entries
        self.corrupt: list[str] = []  # keys found damaged this run (re-rendered)

    def get(self, key: str, ext: str = "png") -> tuple[bytes, dict[str, Any]] | None:
        """The image and its metadata, or ``None`` if absent or damaged."""
        if self.folder is None or not self.read:
            return None
        meta_path = self.folder / f"{key}.json"
        image_path = self.folder / f"{key}.{ext}"
        if not meta_path.is_file():
            return None
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            data = image_path.read_bytes()
        except (OSError, ValueError):
            self.corrupt.append(key)
            return None
        if not isinstance(meta, dict) or meta.get("sha256") != hashlib.sha256(data).hexdigest():
            self.corrupt.append(key)
            return None
        return data, meta

    def put(self, key: str, data: bytes, meta: dict[str, Any], ext: str = "png") -> None:
        if self.folder is None:
            return
        # The image first, then the metadata that vouches for it: a crash in between
        # leaves an entry that fails its checksum, never a wrong picture.
        atomic_write_bytes(self.folder / f"{key}.{ext}", data)
        document = {**meta, "sha256": hashlib.sha256(data).hexdigest()}
        text = json.dumps(document, sort_keys=True, ensure_ascii=False)
        atomic_write_bytes(self.folder / f"{key}.json", text.encode("utf-8"))

    def prune(self, keep: Iterable[str]) -> int:
        """Remove every entry not in ``keep`` (what the last build used); return how many."""
        if self.folder is None or not self.folder.is_dir():
            return 0
        wanted = set(keep)
        removed = 0
        for path in self.folder.iterdir():
            key = path.name.split(".", 1)[0]
            if key not in wanted and path.is_file():
                path.unlink()
                removed += path.suffix == ".json"
        return removed
