"""Plan, render and write every social card plus the ``cards.json`` manifest.

Called by ``deckgen build`` (cards beside the deck) and ``deckgen social`` (cards only).
Every file is written atomically; a card that cannot fit fails the run before anything is
written, so an earlier set of cards is never half replaced.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from deckgen.io import atomic_write_bytes

if TYPE_CHECKING:
    import pandas as pd

    from deckgen.outline.load import LoadedOutline
    from deckgen.social.plan import PlannedCard
    from deckgen.theming.load import LoadedTheme

MANIFEST = "cards.json"
MANIFEST_VERSION = 1


@dataclass(frozen=True)
class CardResult:
    """One written image and what to publish with it."""

    path: Path
    name: str
    kind: str
    preset: str
    size: tuple[int, int]
    format: str
    alt: str
    caption: str
    source: str | None
    origin: str  # the outline field it came from: 'social.cards[2]' or 'slides[4]'

    def manifest_entry(self) -> dict[str, object]:
        return {
            "file": self.path.name,
            "name": self.name,
            "kind": self.kind,
            "preset": self.preset,
            "width": self.size[0],
            "height": self.size[1],
            "format": self.format,
            "alt": self.alt,
            "caption": self.caption,
            "source": self.source,
            "origin": self.origin,
        }


def _render(planned: list[PlannedCard], workers: int) -> list[bytes]:
    from deckgen.social.render import card_bytes

    jobs = [p.job for p in planned]
    formats = [p.format for p in planned]
    if workers <= 1 or len(jobs) < 2:
        return [card_bytes(job, fmt) for job, fmt in zip(jobs, formats, strict=True)]
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(card_bytes, jobs, formats))


def _size(data: bytes) -> tuple[int, int]:
    import io

    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        return image.size


def _previous(manifest: Path) -> list[dict[str, object]]:
    try:
        entries = json.loads(manifest.read_text(encoding="utf-8")).get("cards", [])
    except (OSError, ValueError, AttributeError):
        return []
    return [e for e in entries if isinstance(e, dict) and isinstance(e.get("file"), str)]


def build_cards(
    loaded: LoadedOutline,
    tables: dict[str, pd.DataFrame],
    theme: LoadedTheme,
    out_dir: Path,
    *,
    presets: list[str] | None = None,
    workers: int = 1,
) -> list[CardResult]:
    """Plan, render and write every card of the outline into ``out_dir``.

    ``presets`` limits the run to those presets (``deckgen social --preset``). Raises a
    :class:`FitError` (or another :class:`DeckgenError`) before anything is written if a
    card cannot be made. Returns the written cards in outline order; an outline without
    cards writes nothing.
    """
    from deckgen.social.plan import plan_cards

    planned = plan_cards(loaded, tables, theme, presets=presets)
    return write_cards(planned, loaded, theme, out_dir, partial=bool(presets), workers=workers)


def write_cards(
    planned: list[PlannedCard],
    loaded: LoadedOutline,
    theme: LoadedTheme,
    out_dir: Path,
    *,
    partial: bool = False,
    workers: int = 1,
) -> list[CardResult]:
    """Render planned cards, write each file atomically, then the ``cards.json`` manifest.

    A full run removes the files a previous manifest listed that no card produces any more;
    a ``partial`` run (some presets only) keeps the previous manifest's entries for the
    other presets. ``workers`` > 1 renders in worker processes (same bytes either way).
    """
    if not planned:
        return []
    images = _render(planned, workers)
    results = []
    for card, data in zip(planned, images, strict=True):
        path = out_dir / card.file
        atomic_write_bytes(path, data)
        results.append(
            CardResult(
                path,
                card.name,
                card.kind,
                card.preset.name,
                _size(data),
                card.format,
                card.alt,
                card.caption,
                card.source,
                card.origin,
            )
        )
    manifest = out_dir / MANIFEST
    previous = _previous(manifest)
    entries = [r.manifest_entry() for r in results]
    written = {str(e["file"]) for e in entries}
    if partial:
        # Keep what the other presets' last run wrote, if it is still there.
        redone = {r.preset for r in results}
        kept = [
            e
            for e in previous
            if e.get("preset") not in redone
            and e["file"] not in written
            and (out_dir / Path(str(e["file"])).name).is_file()
        ]
        entries = kept + entries
    else:
        for entry in previous:
            stale = out_dir / Path(str(entry["file"])).name
            if entry["file"] not in written and stale.is_file():
                stale.unlink()
    document = {
        "version": MANIFEST_VERSION,
        "outline": loaded.path.name,
        "theme": theme.theme.name,
        "cards": entries,
    }
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    atomic_write_bytes(manifest, text.encode("utf-8"))
    return results
