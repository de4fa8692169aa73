"""Send a job to another machine with the files it names (fonts, logos, a template).

A job holds paths, not file contents, so that it stays small and its content key can
hash the file once. A worker on another machine cannot read our disk, so a job is packed
into a :class:`Parcel`: the job pickled with every path to a file replaced by the file's
SHA-256, plus the files' bytes by digest. Unpacking writes each file once into a folder of
the worker's temporary directory, named by its digest (so two builds never clash and a
file is written once per worker), and gives the job those paths. The job's picture cannot
change: the bytes are the same, and content keys hash bytes, never paths.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

#: Where a worker keeps the files it was sent.
SHIPPED_DIR = "deckgen-shipped"


@dataclass(frozen=True)
class Parcel:
    """A pickled job and the files it names: ``{digest: (file name suffix, bytes)}``.

    ``files`` may hold the bytes themselves or, on a Dask cluster, futures of them that
    the scheduler resolves before the worker sees them (each file is sent once).
    """

    payload: bytes
    files: dict[str, Any] = field(default_factory=dict)
    suffixes: dict[str, str] = field(default_factory=dict)


class _Packer(pickle.Pickler):
    def __init__(self, buffer: io.BytesIO) -> None:
        super().__init__(buffer, protocol=pickle.HIGHEST_PROTOCOL)
        self.found: dict[str, Path] = {}

    def persistent_id(self, obj: object) -> tuple[str, str, str] | None:
        if isinstance(obj, PurePath) and Path(obj).is_file():
            digest = _file_sha(Path(obj))
            self.found[digest] = Path(obj)
            return ("file", digest, Path(obj).suffix)
        return None


def files_of(obj: object) -> tuple[bytes, dict[str, Path]]:
    """``obj`` pickled with its file paths replaced, and those files by digest."""
    buffer = io.BytesIO()
    packer = _Packer(buffer)
    packer.dump(obj)
    return buffer.getvalue(), packer.found


def pack(obj: object) -> Parcel:
    """``obj`` and the bytes of every file it names, ready to send."""
    payload, found = files_of(obj)
    return Parcel(
        payload,
        {digest: path.read_bytes() for digest, path in found.items()},
        {digest: path.suffix for digest, path in found.items()},
    )


class _Unpacker(pickle.Unpickler):
    def __init__(self, parcel: Parcel, folder: Path) -> None:
        super().__init__(io.BytesIO(parcel.payload))
        self.parcel = parcel
        self.folder = folder

    def persistent_load(self, pid: Any) -> Path:
        tag, digest, suffix = pid
        if tag != "file":
            raise pickle.UnpicklingError(f"unknown reference {tag!r}")
        return _materialise(self.folder, digest, suffix, self.parcel.files[digest])


def unpack(parcel: Parcel, folder: Path | None = None) -> Any:
    """The job in ``parcel``, its files written under ``folder`` (default: the temporary
    directory's ``deckgen-shipped``)."""
    where = folder or Path(tempfile.gettempdir()) / SHIPPED_DIR
    return _Unpacker(parcel, where).load()


def _materialise(folder: Path, digest: str, suffix: str, data: bytes) -> Path:
    """The file with this digest in ``folder``, written (atomically) if not there yet."""
    if hashlib.sha256(data).hexdigest() != digest:
        raise pickle.UnpicklingError(f"a shipped file does not match its digest {digest}")
    # The digest names the file; the suffix keeps its type (font loaders look at it).
    path = folder / f"{digest}{suffix if _safe_suffix(suffix) else ''}"
    if not path.is_file():
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".part-")
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    return path


def _safe_suffix(suffix: str) -> bool:
    return len(suffix) <= 8 and suffix[1:].isalnum() and suffix.startswith(".")


def _file_sha(path: Path) -> str:
    from deckgen.render.jobs import file_digest

    return file_digest(path)


def run_parcel(parcel: Parcel) -> Any:
    """What a remote worker runs: unpack ``(function, argument)`` and call it."""
    fn, arg = unpack(parcel)
    return fn(arg)
