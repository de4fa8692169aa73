"""Render jobs and their results: the typed hand-over between planning and assembly.

A job is a pure description of one picture: spec, the data slice it shows, the theme and
the size. Rendering it needs nothing else, so jobs can be cached by key, run in worker
processes, or shipped to another machine.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from deckgen.outline.schema import ChartSpec, Stat
    from deckgen.render.callouts import StatLayout
    from deckgen.tables.select import ChartData
    from deckgen.theming.load import LoadedTheme


@dataclass(frozen=True)
class Canvas:
    """Picture size in inches at a DPI; ``scale`` multiplies text sizes (cards read farther)."""

    width: float
    height: float
    dpi: int = 200
    scale: float = 1.0

    @property
    def pixels(self) -> tuple[int, int]:
        return round(self.width * self.dpi), round(self.height * self.dpi)


@dataclass(frozen=True)
class ChartJob:
    spec: ChartSpec
    data: ChartData
    theme: LoadedTheme
    canvas: Canvas
    title: str = ""  # the finding, used in alt text (never drawn inside the image)
    kind: Literal["chart"] = "chart"

    def key(self) -> str:
        return content_key(self)


@dataclass(frozen=True)
class StatJob:
    stat: Stat
    theme: LoadedTheme
    canvas: Canvas
    layout: StatLayout
    kind: Literal["stat"] = "stat"

    def key(self) -> str:
        return content_key(self)


RenderJob = ChartJob | StatJob


@dataclass(frozen=True)
class Asset:
    """A rendered picture: PNG bytes, alt text, and the values it shows (for manifests)."""

    png: bytes
    alt: str
    key: str
    values: dict[str, object] = field(default_factory=dict)


def content_key(job: object) -> str:
    """A content key for a job: everything it depends on, plus the renderers' versions.

    The job is written out canonically (fields by name, sets sorted, files by content) and
    hashed, so the key is the same in every process and on every machine for the same
    inputs — unlike ``pickle``, whose bytes depend on the process's hash seed.
    """
    digest = hashlib.sha256(_renderer_versions().encode())
    digest.update(json.dumps(_canonical(job), sort_keys=True, separators=(",", ":")).encode())
    return digest.hexdigest()[:20]


def _canonical(value: Any) -> Any:
    """``value`` as plain JSON data that determines how it renders."""
    from pydantic import BaseModel

    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return repr(value)  # exact, and NaN-safe
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: _canonical(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return {"~": type(value).__name__, **fields}
    if isinstance(value, BaseModel):
        fields = {name: _canonical(getattr(value, name)) for name in type(value).model_fields}
        return {"~": type(value).__name__, **fields}
    if isinstance(value, PurePath):
        return _file_identity(str(value))
    if isinstance(value, dict):
        return {str(k): _canonical(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_canonical(v) for v in value]
    if isinstance(value, set | frozenset):
        return sorted((_canonical(v) for v in value), key=repr)
    if isinstance(value, Enum):
        return _canonical(value.value)
    raise TypeError(f"cannot key a {type(value).__name__} in a render job")


@functools.lru_cache(maxsize=256)
def _file_identity(path: str) -> Any:
    """A file by name and content (a font updated in place must change the key)."""
    try:
        data = Path(path).read_bytes()
    except OSError:
        return path
    return [Path(path).name, hashlib.sha256(data).hexdigest()]


#: Libraries that draw and encode the pixels: their versions are part of every key.
RENDER_PACKAGES = ("matplotlib", "pillow", "numpy", "zlib-ng")


@functools.lru_cache(maxsize=8)
def package_versions(packages: tuple[str, ...]) -> dict[str, str]:
    """deckgen's version and the installed versions of ``packages`` ("?" if absent)."""
    from importlib.metadata import PackageNotFoundError, version

    from deckgen import __version__

    out = {"deckgen": __version__}
    for package in packages:
        try:
            out[package] = version(package)
        except PackageNotFoundError:
            out[package] = "?"
    return out


def _renderer_versions() -> str:
    return ";".join(f"{k}={v}" for k, v in package_versions(RENDER_PACKAGES).items())
