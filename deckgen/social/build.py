"""Write every social card plus the ``cards.json`` manifest.

Called by ``deckgen build`` (cards beside the deck) and ``deckgen social`` (cards only),
after planning (a card that cannot fit fails the run before anything is written, so an
earlier set of cards is never half replaced) and rendering (one pool for slides and cards).
Every file is written beside its place first, and all are put in place together
(:class:`deckgen.io.Publication`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from deckgen.io import Publication, own_folder, read_regular, state_json

if TYPE_CHECKING:
    from deckgen.outline.load import LoadedOutline
    from deckgen.plan.cards import PlannedCard
    from deckgen.render.executor import RenderRun
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


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def _previous(manifest: Path) -> list[dict[str, object]]:
    # Bounded, regular files only: a damaged cards.json (a FIFO, a link) is no list.
    data = read_regular(manifest, 64 * 1024 * 1024, follow=False)
    try:
        entries = state_json(data or b"").get("cards", [])
    except (ValueError, AttributeError):
        return []
    if not isinstance(entries, list):
        return []
    return [e for e in entries if isinstance(e, dict) and isinstance(e.get("file"), str)]


def write_cards(
    planned: list[PlannedCard],
    run: RenderRun,
    loaded: LoadedOutline[Any],
    theme: LoadedTheme,
    out_dir: Path,
    *,
    partial: bool = False,
    publish: Publication | None = None,
) -> tuple[list[CardResult], list[str]]:
    """Write the rendered cards (``run`` holds their pictures) atomically, then the
    ``cards.json`` manifest. Each card's alt text is written here, from what its picture
    shows as drawing described it (:meth:`PlannedCard.with_alt`).

    A full run removes the files a previous manifest listed that no card produces any more
    (cards of a preset that only ``deckgen social --preset`` made, say), and returns their
    names with the cards so the caller can say so; a ``partial`` run (some presets only)
    keeps the previous manifest's entries for the other presets.

    ``publish`` is the deck's, when the cards change with a deck: they are put in place
    with it. Without it, the cards are put in place together here.
    """
    if publish is None:
        with Publication() as own:
            return write_cards(planned, run, loaded, theme, out_dir, partial=partial, publish=own)
    removed: list[str] = []
    # Cards are written, and the last run's removed, only in a real folder: through a link
    # planted at its name they would go elsewhere (the link is removed, never followed).
    ours = own_folder(out_dir, clear=True)
    if not planned:
        if not partial and ours:
            # The outline shares nothing any more: what the last run wrote is stale.
            manifest = out_dir / MANIFEST
            for entry in _previous(manifest):
                stale = out_dir / Path(str(entry["file"])).name
                if stale.is_file():
                    publish.remove(stale)
                    removed.append(stale.name)
            publish.remove(manifest)
        return [], removed
    results = []
    for card in planned:
        card = card.with_alt(run.assets)
        assert card.alt is not None  # written just now
        key = card.job.key()
        data = run.assets[key].data
        rendered = key in run.rendered
        path = out_dir / card.file
        if rendered or not _same_bytes(path, data):
            publish.write(path, data)
        frame = card.job.frame
        results.append(
            CardResult(
                path, card.name, card.kind, card.preset.name, (frame.width, frame.height),
                card.format, card.alt, card.caption, card.source, card.origin, key, rendered,
            )
        )  # fmt: skip
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
                publish.remove(stale)
                removed.append(stale.name)
    document = {
        "version": MANIFEST_VERSION,
        "outline": loaded.path.name,
        "theme": theme.theme.name,
        "cards": entries,
    }
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    publish.write(manifest, text.encode("utf-8"), state=True)
    return results, removed
