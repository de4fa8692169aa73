"""Render jobs and their results: the typed hand-over between planning and assembly.

A job is a pure description of one picture: spec, the data slice it shows, the theme and
the size. Rendering it needs nothing else, so jobs can be cached by key, run in worker
processes, or shipped to another machine.
"""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

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
    """A content key for a job: everything it depends on, plus the deckgen version."""
    from deckgen import __version__

    digest = hashlib.sha256(__version__.encode())
    digest.update(pickle.dumps(job, protocol=5))
    return digest.hexdigest()[:16]
