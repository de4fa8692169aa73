"""The build, in order. Each stage takes and returns typed objects; one comment per stage."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from deckgen.manifest import ChangeReport
    from deckgen.outline.load import LoadedOutline
    from deckgen.plan import BuildPlan
    from deckgen.social.build import CardResult
    from deckgen.theming.load import LoadedTheme


@dataclass(frozen=True)
class BuildOptions:
    theme: str | None = None
    out_dir: Path = Path("output")
    allow_outside: bool = False
    workers: int = 1
    force: bool = False  # render everything, ignoring the cache and the up-to-date check
    native_charts: bool = False  # charts as editable PowerPoint charts, unless one says not
    native_callouts: bool = False  # stat callouts as text boxes, unless a slide says not
    pdf: bool = False  # also write <name>.pdf beside the deck through LibreOffice

    def fingerprint(self) -> dict[str, object]:
        """The options that change what a build writes (recorded in the manifest)."""
        return {
            "theme": self.theme, "allow_outside": self.allow_outside, "pdf": self.pdf,
            "native_charts": self.native_charts, "native_callouts": self.native_callouts,
        }  # fmt: skip


@dataclass(frozen=True)
class BuildResult:
    deck: Path
    slides: int
    pictures: int
    seconds: float
    theme: str
    warnings: tuple[str, ...] = ()
    written: tuple[Path, ...] = field(default_factory=tuple)
    cards: int = 0
    cards_dir: Path | None = None
    changes: ChangeReport | None = None
    rendered: int = 0  # pictures and cards drawn this run (the rest came from the cache)
    up_to_date: bool = False  # nothing changed: no stage ran, nothing was written
    pdf: Path | None = None


Progress = Callable[[str, int, int], None]


def deck_folder(outline_path: Path, options: BuildOptions) -> Path:
    """``<out>/<outline name>/``: the cards, the manifest and the render cache."""
    return options.out_dir / outline_path.stem


def build(
    outline_path: Path, options: BuildOptions, progress: Progress | None = None
) -> BuildResult:
    """Build the deck for ``outline_path``; raise a :class:`DeckgenError` on bad input.

    Every file is written atomically: a failed build leaves the earlier output untouched.
    Pictures whose inputs did not change come from the cache under the output folder, and
    a build whose inputs, options and outputs are all unchanged does nothing at all.
    """
    from deckgen import manifest

    started = time.perf_counter()
    report = progress or (lambda stage, done, total: None)
    folder = deck_folder(outline_path, options)
    deck_path = options.out_dir / f"{outline_path.stem}.pptx"
    manifest_path = folder / manifest.FILE_NAME
    root = outline_path.parent

    # 0. Up to date? Checksums of the last build's inputs and outputs; no heavy imports.
    previous = manifest.read(manifest_path)
    if (
        previous
        and not options.force
        and manifest.up_to_date(previous, options.fingerprint(), root)
    ):
        return _unchanged(previous, deck_path, folder, started)

    from deckgen.assemble.deck import build_deck
    from deckgen.binding.bind import bind_outline
    from deckgen.io import atomic_write_bytes
    from deckgen.outline.load import load_outline
    from deckgen.plan import plan_build
    from deckgen.render.cache import AssetCache
    from deckgen.render.executor import run
    from deckgen.social.build import MANIFEST, write_cards
    from deckgen.social.plan import plan_cards
    from deckgen.tables.sources import load_tables
    from deckgen.theming.load import load_theme

    # 1. Outline: YAML -> validated, typed Outline (nothing later reads YAML).
    report("outline", 0, 1)
    loaded = load_outline(outline_path)
    # 2. Data: every named source -> DataFrame; files confined to the project.
    tables = load_tables(loaded, allow_outside=options.allow_outside)
    # 2b. Bind: fill in every {{ template }} from the data; record which cells each read.
    bound = bind_outline(loaded, tables)
    loaded = bound.loaded
    # 3. Theme: --theme wins over the outline's; fonts resolved to files.
    theme_name = options.theme or loaded.outline.deck.theme
    theme = load_theme(theme_name, loaded.root)
    # 4. Plan: fit all text, lay out every slide, describe every picture as a job.
    report("plan", 0, 1)
    plan = plan_build(
        loaded, tables, theme, allow_outside=options.allow_outside,
        native_charts=options.native_charts, native_callouts=options.native_callouts,
    )  # fmt: skip
    # 4b. ... and every social card, so a text that cannot fit fails before anything is written.
    cards = plan_cards(loaded, tables, theme)
    # 5. Render: jobs -> PNG assets, each from the cache when its key is there. Native
    #    charts and callouts have no job here: the assembler draws them.
    cache = AssetCache(folder / "cache", read=not options.force)
    jobs = plan.jobs
    done = 0

    def tick(_: object) -> None:
        nonlocal done
        done += 1
        report("render", done, len(jobs))

    rendered = run(jobs, workers=options.workers, on_done=tick, cache=cache)
    # 6. Assemble: slides, pictures with alt text, notes, footer -> .pptx bytes.
    report("assemble", 0, 1)
    deck_bytes = build_deck(plan, rendered.assets, theme, loaded.outline.deck)
    # 7. Write: atomically, beside any earlier output.
    atomic_write_bytes(deck_path, deck_bytes)
    # 8. Social cards: rendered (or reused) and written beside the deck, with cards.json.
    report("social", 0, 1)
    cards_dir = folder / "social"
    social = write_cards(cards, loaded, theme, cards_dir, workers=options.workers, cache=cache)
    # 9. PDF (optional): LibreOffice converts the written deck; after the deck and cards,
    #    so a missing LibreOffice costs only the PDF.
    pdf = None
    if options.pdf:
        from deckgen.export.pdf import export_beside

        report("pdf", 0, 1)
        pdf = export_beside(deck_path)
    # 10. Manifest: what was read, shown and written; the change report against the last.
    outputs = [deck_path, *(c.path for c in social)]
    if social:
        outputs.append(cards_dir / MANIFEST)
    if pdf:
        outputs.append(pdf)
    document = manifest.make(
        outline_path=outline_path, bound=bound, plan=plan, run=rendered,
        cards=list(zip(cards, social, strict=True)), inputs=_inputs(loaded, tables, theme, plan),
        outputs=outputs, options=options.fingerprint(), theme=theme.theme.name, root=root,
    )  # fmt: skip
    manifest.write(manifest_path, document)
    cache.prune([*rendered.assets, *(c.key for c in social)])
    return BuildResult(
        deck=deck_path,
        slides=len(plan.slides),
        pictures=len(jobs),
        seconds=time.perf_counter() - started,
        theme=theme.theme.name,
        warnings=plan.warnings,
        written=(deck_path, *(c.path for c in social), *([pdf] if pdf else [])),
        cards=len(social),
        cards_dir=cards_dir if social else None,
        changes=manifest.compare(previous, document),
        rendered=len(rendered.rendered) + sum(c.rendered for c in social),
        pdf=pdf,
    )


def _unchanged(
    previous: dict[str, Any], deck_path: Path, folder: Path, started: float
) -> BuildResult:
    from deckgen.manifest import ChangeReport

    return BuildResult(
        deck=deck_path,
        slides=int(previous.get("slides", 0)),
        pictures=int(previous.get("pictures", 0)),
        seconds=time.perf_counter() - started,
        theme=str(previous.get("theme", "")),
        cards=int(previous.get("cards", 0)),
        cards_dir=folder / "social" if previous.get("cards") else None,
        changes=ChangeReport(),
        up_to_date=True,
    )


def _inputs(
    loaded: LoadedOutline, tables: dict[str, pd.DataFrame], theme: LoadedTheme, plan: BuildPlan
) -> list[Path]:
    """Every file the build read: outline, data, theme folder and fonts, images."""
    files = [loaded.path]
    files += [Path(str(t.attrs["file"])) for t in tables.values() if "file" in t.attrs]
    files += [p for p in sorted(theme.theme.folder.rglob("*")) if p.is_file()]
    for family in (theme.heading, theme.body, theme.number):
        files += [family.regular, family.bold]
    for slide in plan.slides:
        if slide.slide.kind == "image":
            files.append(Path(slide.layout["path"]))
    return files


def social_dir(outline_path: Path, options: BuildOptions) -> Path:
    """Where the cards of ``outline_path`` go: ``<out>/<outline name>/social/``."""
    return deck_folder(outline_path, options) / "social"


def social(
    outline_path: Path, options: BuildOptions, presets: list[str] | None = None
) -> list[CardResult]:
    """Build only the social cards of ``outline_path`` (optionally only some presets)."""
    from deckgen.binding.bind import bind_outline
    from deckgen.outline.load import load_outline
    from deckgen.render.cache import AssetCache
    from deckgen.social.build import build_cards
    from deckgen.tables.sources import load_tables
    from deckgen.theming.load import load_theme

    loaded = load_outline(outline_path)
    tables = load_tables(loaded, allow_outside=options.allow_outside)
    loaded = bind_outline(loaded, tables).loaded
    theme = load_theme(options.theme or loaded.outline.deck.theme, loaded.root)
    cache = AssetCache(deck_folder(outline_path, options) / "cache", read=not options.force)
    return build_cards(
        loaded, tables, theme, social_dir(outline_path, options),
        presets=presets, workers=options.workers, cache=cache,
    )  # fmt: skip
