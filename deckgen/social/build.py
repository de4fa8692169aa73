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
    from deckgen.render.cache import AssetCache
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
    key: str = ""  # content key of the image (job and format)
    rendered: bool = True  # False when the image came from the cache

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


def card_key(card: PlannedCard) -> str:
    """The cache key of a card's image: its job and its file format."""
    return f"{card.job.key()}-{card.format}"


def _render(
    planned: list[PlannedCard], workers: int, cache: AssetCache | None
) -> list[tuple[bytes, bool]]:
    """Each card's encoded image, and whether it had to be rendered (not cached)."""
    from deckgen.social.render import card_bytes

    out: list[tuple[bytes, bool] | None] = []
    todo: list[int] = []
    for i, card in enumerate(planned):
        hit = cache.get(card_key(card), card.format) if cache else None
        out.append((hit[0], False) if hit else None)
        if hit is None:
            todo.append(i)
    jobs = [planned[i].job for i in todo]
    formats = [planned[i].format for i in todo]
    if workers <= 1 or len(jobs) < 2:
        images = [card_bytes(job, fmt) for job, fmt in zip(jobs, formats, strict=True)]
    else:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=min(workers, len(jobs))) as pool:
            images = list(pool.map(card_bytes, jobs, formats))
    for i, data in zip(todo, images, strict=True):
        out[i] = (data, True)
        if cache:
            cache.put(card_key(planned[i]), data, {"alt": planned[i].alt}, planned[i].format)
    return [o for o in out if o is not None]


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


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
    cache: AssetCache | None = None,
) -> list[CardResult]:
    """Plan, render and write every card of the outline into ``out_dir``.

    ``presets`` limits the run to those presets (``deckgen social --preset``). Raises a
    :class:`FitError` (or another :class:`DeckgenError`) before anything is written if a
    card cannot be made. Returns the written cards in outline order; an outline without
    cards writes nothing.
    """
    from deckgen.social.plan import plan_cards

    planned = plan_cards(loaded, tables, theme, presets=presets)
    return write_cards(
        planned, loaded, theme, out_dir, partial=bool(presets), workers=workers, cache=cache
    )


def write_cards(
    planned: list[PlannedCard],
    loaded: LoadedOutline,
    theme: LoadedTheme,
    out_dir: Path,
    *,
    partial: bool = False,
    workers: int = 1,
    cache: AssetCache | None = None,
) -> list[CardResult]:
    """Render planned cards, write each file atomically, then the ``cards.json`` manifest.

    A full run removes the files a previous manifest listed that no card produces any more;
    a ``partial`` run (some presets only) keeps the previous manifest's entries for the
    other presets. ``workers`` > 1 renders in worker processes (same bytes either way).
    """
    if not planned:
        return []
    images = _render(planned, workers, cache)
    results = []
    for card, (data, rendered) in zip(planned, images, strict=True):
        path = out_dir / card.file
        if rendered or not _same_bytes(path, data):
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
                card_key(card),
                rendered,
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
