"""Render jobs and their results: the typed hand-over between planning and assembly.

A job is a pure description of one picture (a chart, a stat callout, a social card): what
it shows, the theme and the size. Rendering it needs nothing else, so jobs can be cached by
their content key, run in worker processes, or shipped to another machine. Every kind of
picture is a class with the :class:`RenderJob` methods; the executor needs nothing more.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, Protocol

from deckgen.io import file_digest as io_file_digest

if TYPE_CHECKING:
    import numpy as np

    from deckgen.layout.units import Length


class RenderJob(Protocol):
    """What the executor needs of a picture job."""

    @property
    def ext(self) -> str:
        """File extension of the encoded picture ("png", "jpg", "webp")."""
        ...

    def key(self) -> str:
        """Content key: equal for jobs that draw the same bytes (:func:`content_key`)."""
        ...

    def render(self) -> Asset:
        """Draw and encode the picture. Pure: the same job gives the same bytes."""
        ...

    def cost(self) -> float:
        """Rough work in pixels, so the executor can start the biggest jobs first."""
        ...


class Pixels(Protocol):
    """A picture that can hand over its raw pixels (a chart pasted into a card)."""

    def pixels(self) -> np.ndarray: ...


@dataclass(frozen=True)
class Canvas:
    """Picture size at a DPI; ``scale`` multiplies text sizes (cards read farther)."""

    width: Length
    height: Length
    dpi: int = 200
    scale: float = 1.0

    @property
    def pixels(self) -> tuple[int, int]:
        return round(self.width.inches * self.dpi), round(self.height.inches * self.dpi)


#: The key in an :class:`Asset`'s values of the names its drawing shortened with "…"
#: (:func:`deckgen.render.chartkit.shortening`), for the build's warning.
SHORTENED = "shortened"
#: The key of what its drawing left out (:func:`deckgen.render.chartkit.leaving_out`).
LEFT_OUT = "left out"


@dataclass(frozen=True)
class Asset:
    """A rendered picture: encoded bytes, alt text, and the values it shows (for manifests)."""

    data: bytes
    alt: str
    key: str
    values: dict[str, object] = field(default_factory=dict)


# --------------------------------------------------------------------------- content keys
def content_key(job: object) -> str:
    """A content key for a job: everything it depends on, plus the renderers' versions.

    The job is written out canonically (fields by name, sets sorted, files by content) and
    hashed, so the key is the same in every process, on every machine and in every folder
    for the same inputs: a path never enters a key, only the bytes of the file it names.
    """
    # Jobs are frozen: the key is computed once and kept on the job (a build asks for it
    # in planning, rendering, assembly and the manifest). A file it names that changes
    # gives a new job in the next build, never a stale key.
    memo = dataclasses.is_dataclass(job) and hasattr(job, "__dict__")
    cached = job.__dict__.get("_content_key") if memo else None
    if cached is not None:
        return str(cached)
    digest = hashlib.sha256(_renderer_versions().encode())
    digest.update(json.dumps(_canonical(job), sort_keys=True, separators=(",", ":")).encode())
    key = digest.hexdigest()[:20]
    if memo:
        object.__setattr__(job, "_content_key", key)
    return key


def _canonical(value: Any) -> Any:
    """``value`` as plain JSON data that determines how it renders."""
    # The common types by their exact type first (a key walks ~1,000 values: the numbers
    # and names of a chart's data, its spec's fields); a subclass (a str enum, a path)
    # goes the long way below, as it always did.
    kind: Any = type(value)
    if kind is str or kind is int or value is None or kind is bool:
        return value
    if kind is float:
        return repr(value)  # exact, and NaN-safe
    if kind is list or kind is tuple:
        return [_canonical(v) for v in value]
    if isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, PurePath):
        return file_digest(Path(value))
    keyed = getattr(value, "key_data", None)
    if callable(keyed):
        return _canonical(keyed())
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {name: _canonical(getattr(value, name)) for name in _compared(kind)}
        return {"~": kind.__name__, **fields}
    if isinstance(value, _base_model()):
        fields = {name: _canonical(getattr(value, name)) for name in _included(kind)}
        return {"~": kind.__name__, **fields}
    if isinstance(value, dict):
        return {str(k): _canonical(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_canonical(v) for v in value]
    if isinstance(value, set | frozenset):
        return sorted((_canonical(v) for v in value), key=repr)
    if isinstance(value, Enum):
        return _canonical(value.value)
    raise TypeError(f"cannot key a {type(value).__name__} in a render job")


@functools.cache
def _base_model() -> type:
    from pydantic import BaseModel  # imported once a key is made, not with this module

    return BaseModel


@functools.cache
def _compared(kind: Any) -> tuple[str, ...]:
    """A dataclass's fields that change the picture (``compare=False`` marks the rest)."""
    return tuple(f.name for f in dataclasses.fields(kind) if f.compare)


@functools.cache
def _included(kind: Any) -> tuple[str, ...]:
    """A pydantic model's fields, but those excluded from its dumps."""
    return tuple(name for name, info in kind.model_fields.items() if not info.exclude)


def file_digest(path: Path) -> str:
    """SHA-256 of a file's bytes (a font or logo replaced in place changes every key that
    uses it); ``"missing"`` for a file that cannot be read (see :func:`deckgen.io.file_digest`,
    which remembers each file's digest by its state)."""
    return io_file_digest(path) or "missing"


#: Libraries that draw and encode the pixels: their versions are part of every key.
RENDER_PACKAGES = ("matplotlib", "pillow", "numpy", "zlib-ng")


@functools.lru_cache(maxsize=8)
def package_versions(packages: tuple[str, ...]) -> dict[str, str]:
    """deckgen's version and the digest of its code (:func:`source_digest`), and the
    installed versions of ``packages`` ("?" if absent)."""
    from importlib.metadata import PackageNotFoundError, version

    from deckgen import __version__

    out = {"deckgen": __version__, "deckgen-source": source_digest()}
    for package in packages:
        try:
            out[package] = version(package)
        except PackageNotFoundError:
            out[package] = "?"
    return out


def _renderer_versions() -> str:
    return ";".join(f"{k}={v}" for k, v in package_versions(RENDER_PACKAGES).items())


@functools.cache
def source_digest() -> str:
    """The digest of deckgen's own code, as this process runs it: every key and the
    build's up-to-date check hold it beside the version, which an edited checkout or a
    commit within one version leaves as it was (a folder built by an earlier commit said
    "Up to date" after the code that draws it changed, until ``--force``; found in review).

    Computed once per process from the files' bytes and their paths inside the package,
    never their folder or times, so every clone of one commit, in any folder, on any
    machine, gives the same digest (hashing the package's ~150 files takes a few ms)."""
    return tree_digest(Path(__file__).resolve().parent.parent)


#: Folders a wheel adds to the package that a checkout keeps outside it (pyproject.toml's
#: force-include): the shipped themes and the sample, read as inputs and keyed by their
#: bytes where a build uses them. Left out, a wheel and a checkout of one commit agree.
_NOT_CODE = frozenset({"_themes", "examples/global-impact"})


def tree_digest(package: Path) -> str:
    """SHA-256 of the files under ``package``, each by its path relative to it (with '/')
    and its bytes, in the order of those paths: its modules and the data it ships
    (``us_states.json``). Compiled files (``__pycache__``), hidden files (an editor's
    swap file) and backups ending in '~' are not code, nor the folders of :data:`_NOT_CODE`."""
    import os

    found: list[tuple[str, str]] = []
    for folder, dirs, files in os.walk(package):
        at = Path(folder).relative_to(package).as_posix()
        at = "" if at == "." else f"{at}/"
        dirs[:] = [d for d in dirs if not d.startswith(".") and d != "__pycache__"
                   and f"{at}{d}" not in _NOT_CODE]  # fmt: skip
        for name in files:
            if not name.startswith(".") and not name.endswith(("~", ".pyc", ".pyo")):
                found.append((f"{at}{name}", os.path.join(folder, name)))
    digest = hashlib.sha256()
    for name, path in sorted(found):
        with open(path, "rb") as handle:
            data = handle.read()
        digest.update(f"{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()[:16]
