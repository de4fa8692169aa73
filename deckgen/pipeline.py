"""The build, in order. Each stage takes and returns typed objects; one comment per stage."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from deckgen.social.build import CardResult


@dataclass(frozen=True)
class BuildOptions:
    theme: str | None = None
    out_dir: Path = Path("output")
    allow_outside: bool = False
    workers: int = 1
    #: Also write ``<name>.pdf`` beside the deck through LibreOffice.
    pdf: bool = False


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
    pdf: Path | None = None


Progress = Callable[[str, int, int], None]


def build(
    outline_path: Path, options: BuildOptions, progress: Progress | None = None
) -> BuildResult:
    """Build the deck for ``outline_path``; raise a :class:`DeckgenError` on bad input.

    The deck is written atomically: a failed build leaves any earlier deck untouched.
    """
    from deckgen.assemble.deck import build_deck
    from deckgen.io import atomic_write_bytes
    from deckgen.outline.load import load_outline
    from deckgen.plan import plan_build
    from deckgen.render.executor import run
    from deckgen.social.build import write_cards
    from deckgen.social.plan import plan_cards
    from deckgen.tables.sources import load_tables
    from deckgen.theming.load import load_theme

    started = time.perf_counter()
    report = progress or (lambda stage, done, total: None)

    # 1. Outline: YAML -> validated, typed Outline (nothing later reads YAML).
    report("outline", 0, 1)
    loaded = load_outline(outline_path)
    # 2. Data: every named source -> DataFrame; files confined to the project.
    tables = load_tables(loaded, allow_outside=options.allow_outside)
    # 3. Theme: --theme wins over the outline's; fonts resolved to files.
    theme_name = options.theme or loaded.outline.deck.theme
    theme = load_theme(theme_name, loaded.root)
    # 4. Plan: fit all text, lay out every slide, describe every picture as a job.
    report("plan", 0, 1)
    plan = plan_build(loaded, tables, theme, allow_outside=options.allow_outside)
    # 4b. ... and every social card, so a text that cannot fit fails before anything is written.
    cards = plan_cards(loaded, tables, theme)
    # 5. Render: jobs -> PNG assets (charts with matplotlib, callouts with Pillow).
    jobs = plan.jobs
    done = 0

    def tick(_: object) -> None:
        nonlocal done
        done += 1
        report("render", done, len(jobs))

    assets = run(jobs, workers=options.workers, on_done=tick)
    # 6. Assemble: slides, pictures with alt text, notes, footer -> .pptx bytes.
    report("assemble", 0, 1)
    deck_bytes = build_deck(plan, assets, theme, loaded.outline.deck)
    # 7. Write: atomically, beside any earlier output.
    deck_path = options.out_dir / f"{outline_path.stem}.pptx"
    atomic_write_bytes(deck_path, deck_bytes)
    # 8. Social cards: rendered and written beside the deck, with their manifest.
    report("social", 0, 1)
    cards_dir = social_dir(outline_path, options)
    social = write_cards(cards, loaded, theme, cards_dir, workers=options.workers)
    # 9. PDF (optional): LibreOffice converts the written deck; last, so a missing
    #    LibreOffice costs only the PDF, never the deck or the cards.
    pdf = None
    if options.pdf:
        from deckgen.export.pdf import export_beside

        report("pdf", 0, 1)
        pdf = export_beside(deck_path)
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
        pdf=pdf,
    )


def social_dir(outline_path: Path, options: BuildOptions) -> Path:
    """Where the cards of ``outline_path`` go: ``<out>/<outline name>/social/``."""
    return options.out_dir / outline_path.stem / "social"


def social(
    outline_path: Path, options: BuildOptions, presets: list[str] | None = None
) -> list[CardResult]:
    """Build only the social cards of ``outline_path`` (optionally only some presets)."""
    from deckgen.outline.load import load_outline
    from deckgen.social.build import build_cards
    from deckgen.tables.sources import load_tables
    from deckgen.theming.load import load_theme

    loaded = load_outline(outline_path)
    tables = load_tables(loaded, allow_outside=options.allow_outside)
    theme = load_theme(options.theme or loaded.outline.deck.theme, loaded.root)
    return build_cards(
        loaded, tables, theme, social_dir(outline_path, options),
        presets=presets, workers=options.workers,
    )  # fmt: skip
