"""The build, in order. Each stage takes and returns typed objects; one comment per stage."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class BuildOptions:
    theme: str | None = None
    out_dir: Path = Path("output")
    allow_outside: bool = False
    workers: int = 1


@dataclass(frozen=True)
class BuildResult:
    deck: Path
    slides: int
    pictures: int
    seconds: float
    theme: str
    warnings: tuple[str, ...] = ()
    written: tuple[Path, ...] = field(default_factory=tuple)


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
    return BuildResult(
        deck=deck_path,
        slides=len(plan.slides),
        pictures=len(jobs),
        seconds=time.perf_counter() - started,
        theme=theme.theme.name,
        warnings=plan.warnings,
        written=(deck_path,),
    )
