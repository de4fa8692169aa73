"""The build, in order. Each stage takes and returns typed objects; one comment per stage."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from deckgen.errors import BindingError, DeckgenError, OutlineError, Problem, counted

if TYPE_CHECKING:
    from concurrent.futures import Future

    import pandas as pd

    from deckgen.assemble.splice import SlideCache
    from deckgen.binding.bind import BoundOutline
    from deckgen.binding.tables import Table
    from deckgen.kinds import Outline
    from deckgen.manifest import ChangeReport, Draft
    from deckgen.outline.load import LoadedOutline, PathKey
    from deckgen.outline.salvage import Salvaged
    from deckgen.outline.schema import DeckMeta
    from deckgen.plan import BuildPlan
    from deckgen.plan.cards import PlannedCard
    from deckgen.plan.memo import PlanMemo
    from deckgen.render.cache import AssetCache
    from deckgen.render.executor import Pool, RenderRun
    from deckgen.render.jobs import Asset, RenderJob
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
    executor: Literal["local", "dask"] = "local"  # where jobs run (never changes a byte)
    scheduler: str | None = None  # a Dask scheduler's address; None starts a local cluster

    def fingerprint(self) -> dict[str, object]:
        """The options that change what a build writes (recorded in the manifest)."""
        return {
            "theme": self.theme, "allow_outside": self.allow_outside, "pdf": self.pdf,
            "native_charts": self.native_charts, "native_callouts": self.native_callouts,
        }  # fmt: skip


@dataclass(frozen=True)
class BuildResult:
    deck: Path | None  # None: a batch row of an outline of cards alone (see finish)
    slides: int
    pictures: int
    seconds: float
    theme: str
    warnings: tuple[str, ...] = ()  # up_to_date: the last build's, from its manifest
    written: tuple[Path, ...] = field(default_factory=tuple)
    cards: int = 0
    cards_dir: Path | None = None
    changes: ChangeReport | None = None
    rendered: int = 0  # pictures and cards drawn this run (the rest came from the cache)
    up_to_date: bool = False  # nothing changed: no stage ran, nothing was written
    pdf: Path | None = None
    keys: frozenset[str] = frozenset()  # the cache entries the build used
    assembled: int = 0  # slides built with python-pptx (the rest were spliced in from cache)
    planned: int = 0  # slides and cards laid out (the rest were a warm session's plans)


Progress = Callable[[str, int, int], None]


def deck_folder(outline_path: Path, options: BuildOptions) -> Path:
    """``<out>/<outline name>/``: the cards, the manifest and the render cache."""
    return options.out_dir / deck_name(outline_path)


def deck_name(outline_path: Path) -> str:
    """The outline's name without its suffix, which names its deck and its folder in the
    output folder; an :class:`OutlineError` for one that names no folder of its own. An
    outline called '...yaml' named '..': its build emptied the cache folder beside the
    output folder, and overwrote the manifest there (found by fuzzing)."""
    name = outline_path.stem
    if name.strip(". ") == "":
        from deckgen.errors import Location, OutlineError, Problem

        raise OutlineError(Problem(
            Location(str(outline_path)),
            f"the outline's name, {outline_path.name!r}, names its deck and its output "
            f"folder ({name!r}), and {name!r} names no folder of its own",
            "rename the outline file, e.g. 'deck.yaml'",
        ))  # fmt: skip
    return name


@dataclass(frozen=True)
class Inputs:
    """What a build reads before binding: the outline, its data and its theme."""

    loaded: LoadedOutline[Outline]
    tables: dict[str, pd.DataFrame]
    theme: LoadedTheme


@dataclass(frozen=True)
class Prepared:
    """An outline ready to plan: validated, its data read, its templates bound, its theme
    loaded, and every check that needs the data passed."""

    loaded: LoadedOutline[Outline]
    tables: dict[str, pd.DataFrame]
    bound: BoundOutline[Outline]
    theme: LoadedTheme


@dataclass
class Session:
    """What a long-running process (``deckgen watch``) keeps between builds: one warm pool,
    and the outline, data and theme as last read, each reused while the files it came
    from are unchanged (by content: a file saved again with the same bytes is unchanged).
    """

    pool: Pool | None = None
    separate: bool = False  # draw only in the pool's processes (see executor.Pool)
    _kept: dict[str, tuple[object, Any]] = field(default_factory=dict)
    _slides: dict[Path, SlideCache] = field(default_factory=dict)
    _plans: dict[Path, PlanMemo] = field(default_factory=dict)
    _took: dict[Path, dict[str, float]] = field(default_factory=dict)  # see Rendering
    _warmed: dict[Path, set[str]] = field(default_factory=dict)  # see warm()
    _warming: list[Future[int]] = field(default_factory=list)  # see settle()
    _pictures: dict[Path, dict[tuple[str, str], tuple[bytes, dict[str, Any]]]] = field(
        default_factory=dict
    )  # see AssetCache
    _sources: dict[str, tuple[object, Any]] = field(default_factory=dict)  # see load_tables
    _cleaned: dict[str, tuple[Any, Any]] = field(default_factory=dict)  # read -> clean table
    _fonts: dict[Path, str | None] = field(default_factory=dict)  # font files used: digests

    def fonts_replaced(self) -> bool:
        """Whether a font file the last build used has other bytes now (same path)."""
        from deckgen.io import file_digest

        return any(file_digest(path) != digest for path, digest in self._fonts.items())

    def forget(self) -> None:
        """Start afresh: the workers stopped, nothing kept, and every font this process
        opened, measured or registered with matplotlib forgotten (see :func:`forget_fonts`)."""
        self.close()
        forget_fonts(self._fonts)
        self._kept.clear()
        self._slides.clear()
        self._plans.clear()
        self._took.clear()
        self._pictures.clear()
        self._sources.clear()
        self._cleaned.clear()
        self._fonts.clear()

    def used_fonts(self, theme: LoadedTheme) -> None:
        """Remember the theme's font files a build used, by content (their digests are
        already known: every render key holds them). The fallback fonts are left out: they
        come with installed packages, which change only with an upgrade, and hashing the
        16 MB CJK face would cost each warm process 20 ms for nothing."""
        from deckgen.io import file_digest

        files = {f.file(bold) for f in (theme.heading, theme.body, theme.number)
                 for bold in (False, True)}  # fmt: skip
        self._fonts = {p: file_digest(p) for p in sorted(files)}

    def plans(self, folder: Path) -> PlanMemo:
        """The slide and card plans of the deck in ``folder``, kept between builds."""
        from deckgen.plan.memo import PlanMemo

        return self._plans.setdefault(folder, PlanMemo())

    def pictures(self, folder: Path) -> dict[tuple[str, str], tuple[bytes, dict[str, Any]]]:
        """The pictures of the deck in ``folder`` (its cache's entries), kept in memory."""
        return self._pictures.setdefault(folder, {})

    def took(self, folder: Path) -> dict[str, float]:
        """How long each picture of the deck in ``folder`` took to draw, by its place."""
        return self._took.setdefault(folder, {})

    def warm(self, folder: Path, pool: Pool, places: Mapping[str, RenderJob]) -> None:
        """Once a build of the deck in ``folder`` is done, have the workers draw its
        pictures (by place, see ``took``) in places not all of them have drawn (the first
        build's, a new theme's, a slide put in), while the user makes the next edit. That
        edit's pictures, in the same places, then find their texts laid out in whichever
        worker draws them (see :func:`deckgen.render.executor.warm`)."""
        warmed = self._warmed.setdefault(folder, set())
        new = [job for place, job in places.items() if place not in warmed]
        warmed.update(places)
        self._warming = [f for f in self._warming if not f.done()] + pool.warm(new)

    def settle(self, timeout: float | None = None) -> None:
        """Wait until the workers have warmed up after the last build (or ``timeout``
        seconds): as a person takes longer to change a number (the benchmark's edits)."""
        from concurrent.futures import wait

        wait(self._warming, timeout)
        self._warming = [f for f in self._warming if not f.done()]

    def slides(self, folder: Path, options: BuildOptions) -> SlideCache:
        """The built slides of the deck in ``folder``, kept in memory between builds."""
        cache = self._slides.get(folder)
        if cache is None:
            cache = self._slides[folder] = slide_cache(folder, options)
        cache.read = not options.force
        return cache

    def keep(self, what: str, stamp: object, read: Callable[[], Any]) -> Any:
        """``read()``, or what it returned last time for an equal ``stamp``."""
        kept = self._kept.get(what)
        if kept is not None and kept[0] == stamp:
            return kept[1]
        value = read()
        self._kept[what] = (stamp, value)
        return value

    def tables(self, loaded: LoadedOutline[Outline], options: BuildOptions) -> dict[str, Any]:
        """The outline's data, read again only if the outline or a data file changed (and
        then only the files that changed)."""
        from deckgen.outline.schema import FileSource
        from deckgen.tables.sources import load_tables
        from deckgen.tables.text import clean_tables

        # Where each file the outline names leads now: a link re-pointed to another file
        # leaves the files read before unchanged (their stamps say nothing of it).
        sources = loaded.outline.data.values()
        named = tuple(os.path.realpath(loaded.root / s.file)
                      for s in sources if isinstance(s, FileSource))  # fmt: skip

        def stamp(tables: dict[str, Any]) -> object:
            files = [Path(str(t.attrs["file"])) for t in tables.values() if "file" in t.attrs]
            return (id(loaded), options.allow_outside, named, _stamp(files))

        kept = self._kept.get("tables")
        if kept is not None and kept[0] == stamp(kept[1]):
            return dict(kept[1])
        read = load_tables(loaded, allow_outside=options.allow_outside, kept=self._sources)
        # A table read as it was last time (the same object: its file is unchanged) was
        # cleaned then; only the others are cleaned again.
        before = self._cleaned
        fresh = clean_tables({n: t for n, t in read.items()
                              if n not in before or before[n][0] is not t})  # fmt: skip
        tables = {n: fresh[n] if n in fresh else before[n][1] for n in read}
        self._cleaned = {n: (read[n], tables[n]) for n in read}
        self._kept["tables"] = (stamp(tables), tables)
        return dict(tables)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.__exit__(None, None, None)
            self.pool = None
        self._warmed.clear()  # the next pool's workers have drawn nothing
        self._warming.clear()


def forget_fonts(changed: Iterable[Path]) -> None:
    """Forget every font this process has opened, measured or registered: a font file was
    replaced in place (the same path, other bytes), and the caches of fonts here know them
    by path (deckgen's, Pillow's faces, matplotlib's) or by family name (matplotlib's
    registry). Every cache of deckgen's modules is cleared (the cost of a cold build, once,
    for a rare event), and matplotlib's entries for ``changed`` files are dropped."""
    gone = {str(p) for p in changed}
    for name, module in list(sys.modules.items()):
        if name == "deckgen" or name.startswith("deckgen."):
            for value in list(vars(module).values()):
                clear = getattr(value, "cache_clear", None)
                if callable(clear) and getattr(value, "__module__", None) == name:
                    clear()
    textlayout = sys.modules.get("deckgen.render.textlayout")
    if textlayout is not None:
        textlayout.forget()
    font_manager = sys.modules.get("matplotlib.font_manager")
    if font_manager is not None:
        registry = font_manager.fontManager
        registry.ttflist = [f for f in registry.ttflist if f.fname not in gone]
        registry._findfont_cached.cache_clear()
        font_manager._get_font.cache_clear()


def _stamp(files: Iterable[Path]) -> tuple[str, ...]:
    from deckgen.render.jobs import file_digest

    return tuple(f"{f}={file_digest(f)}" for f in files)


class InputErrors(DeckgenError):
    """The problems several stages of one run found (the outline's, the theme's, the
    data's...), raised at once; ``parts`` keeps each stage's own error, by kind."""

    def __init__(self, parts: list[DeckgenError]) -> None:
        self.parts = parts
        super().__init__([problem for part in parts for problem in part.problems])


T = TypeVar("T")


@dataclass
class _Found:
    """The errors of every stage a run could get to, raised together by :meth:`raise_any`."""

    parts: list[DeckgenError] = field(default_factory=list)
    #: What is left of an outline that did not validate: what the stages find on it is
    #: moved back to the outline's own field paths.
    salvaged: Salvaged | None = None

    def attempt(self, stage: Callable[[], T]) -> T | None:
        try:
            return stage()
        except DeckgenError as exc:
            self.add(exc)
            return None

    def add(self, exc: DeckgenError) -> None:
        if self.salvaged is not None:
            restored = [self.salvaged.restore(p) for p in exc.problems]
            # A binding error's kind may carry more than its problems (PartlyBound).
            exc = BindingError(restored) if isinstance(exc, BindingError) else type(exc)(restored)
        self.parts.append(exc)

    def raise_any(self) -> None:
        if len(self.parts) == 1:
            raise self.parts[0]
        if self.parts:
            raise InputErrors(self.parts)


def read_inputs(
    outline_path: Path,
    options: BuildOptions,
    session: Session | None = None,
    theme_loaded: Callable[[LoadedTheme], object] = lambda theme: None,
) -> Inputs:
    """Stages 1-3: outline, data, theme (each from ``session`` when its files are as they
    were). The problems of all three are raised at once. ``theme_loaded`` is called with
    the theme once it is loaded, before the data is read."""
    deck_name(outline_path)  # before anything is read: the name decides where it goes
    found = _Found()
    loaded, tables, theme = _read(outline_path, options, session, found, theme_loaded)
    found.raise_any()
    assert loaded is not None and tables is not None and theme is not None
    return Inputs(loaded, tables, theme)


def _read(
    outline_path: Path,
    options: BuildOptions,
    session: Session | None,
    found: _Found,
    theme_loaded: Callable[[LoadedTheme], object] = lambda theme: None,
) -> tuple[LoadedOutline[Outline] | None, dict[str, pd.DataFrame] | None, LoadedTheme | None]:
    """Stages 1-3 as far as each can go, their errors in ``found``. ``theme_loaded`` is
    called with the theme as soon as it is loaded, before the data is read."""
    from deckgen.kinds import TEMPLATE_LAYOUTS, Outline
    from deckgen.outline.load import load_outline
    from deckgen.outline.salvage import salvage
    from deckgen.tables.sources import load_tables
    from deckgen.tables.text import clean_tables
    from deckgen.theming.load import find_theme, load_theme

    keep = session.keep if session else lambda _what, _stamp, read: read()
    # 1. Outline: YAML -> validated, typed Outline (nothing later reads YAML). One that does
    #    not validate is salvaged: the stages below check what is valid in it, so a run
    #    reports the theme's and the data's problems with the schema's.
    loaded = found.attempt(lambda: keep("outline", _stamp([outline_path]),
                                        lambda: load_outline(outline_path, Outline)))  # fmt: skip
    if loaded is None and isinstance(found.parts[-1], OutlineError):
        found.salvaged = salvage(outline_path, Outline, found.parts[-1])
        if found.salvaged is not None:
            loaded = found.salvaged.loaded
            if found.salvaged.more:
                found.parts.append(OutlineError(found.salvaged.more))
    # 3. Theme: --theme wins over the outline's; fonts resolved to files. An unknown theme
    #    is reported at the outline's `theme:` line. Read before the data (its problems are
    #    reported after the data's, as the stages are numbered): the drawing workers can
    #    load its fonts while this process reads the data (see build()).
    theme: LoadedTheme | DeckgenError | None = None
    name = options.theme or (loaded.outline.deck.theme if loaded else None)
    if name is not None:
        where = loaded.locate("deck", "theme") if loaded and not options.theme else None
        root = outline_path.parent
        # The outline's theme must be in the project (a theme named on the command line is
        # the user's own choice, as the outline is); --allow-outside lifts that.
        gate = {"confined": not options.theme, "allow_outside": options.allow_outside}

        def read_theme() -> LoadedTheme:
            return load_theme(name, root, TEMPLATE_LAYOUTS, where, **gate)

        try:
            folder = find_theme(name, root, where, **gate)
            files = sorted(p for p in folder.rglob("*") if p.is_file())
            loaded_theme = keep("theme", (name, options.allow_outside, _stamp(files)), read_theme)
        except DeckgenError as exc:
            theme = exc
        else:
            theme = loaded_theme
            theme_loaded(loaded_theme)
    # 2. Data: every named source -> DataFrame; files confined to the project.
    tables = None
    if loaded is not None:
        current, outside = loaded, options.allow_outside

        def read_tables() -> dict[str, pd.DataFrame]:
            return clean_tables(load_tables(current, allow_outside=outside))

        tables = found.attempt(lambda: session.tables(current, options) if session else
                               read_tables())  # fmt: skip
    if isinstance(theme, DeckgenError):
        found.add(theme)
        theme = None
    return loaded, tables, theme


def bind(inputs: Inputs, options: BuildOptions, extra: dict[str, Any] | None = None,
         templates: Mapping[str, Table] | None = None) -> Prepared:  # fmt: skip
    """Stages 4-5: fill in the templates (with ``extra`` names, e.g. a batch's ``row``; and
    ``templates``, the data as templates see it, made once for a batch's rows), then every
    check that needs the data."""
    from deckgen.binding.bind import bind_outline
    from deckgen.plan import check, context

    # 4. Bind: fill in every {{ template }} from the data; record which cells each read.
    bound = bind_outline(inputs.loaded, inputs.tables, extra, templates)
    # 5. Check: what only the data can show (a highlight naming no category...).
    check(context(bound.loaded, inputs.tables, inputs.theme, allow_outside=options.allow_outside))
    return Prepared(bound.loaded, inputs.tables, bound, inputs.theme)


def prepare(
    outline_path: Path,
    options: BuildOptions,
    session: Session | None = None,
    memo: PlanMemo | None = None,
    theme_loaded: Callable[[LoadedTheme], object] = lambda theme: None,
) -> Prepared:
    """Outline -> data -> theme -> bind -> check: the stages every command runs first
    (each template's text and each slide's checks from ``memo`` where what they read is
    unchanged: a warm session's, begun for this build with :meth:`PlanMemo.start`).
    ``theme_loaded`` is called with the theme once it is loaded, before the data is read.

    Raises a :class:`DeckgenError` on bad input, with every problem that one run can find
    (up to ``DeckgenError.MAX_SHOWN`` printed), each with file, line and field: each stage
    runs on what the stages before it could read; nothing is written.
    """
    from deckgen.binding.bind import PartlyBound, bind_outline
    from deckgen.plan import check, check_alts, context

    deck_name(outline_path)  # before anything is read: the name decides where it goes
    found = _Found()
    loaded, tables, theme = _read(outline_path, options, session, found, theme_loaded)
    bound = None
    # 4-5 as in bind(), where the data is all there (and nothing a template may name was
    # left out of a salvaged outline), so that a failing template is a real problem.
    if (
        loaded is not None
        and tables is not None
        and (found.salvaged is None or found.salvaged.complete)
    ):
        checked: BoundOutline[Outline] | None = None
        left_out: frozenset[PathKey] = frozenset()
        try:
            checked = bound = bind_outline(loaded, tables, memo=memo)
        except PartlyBound as exc:  # the other slides' checks are still worth a run
            found.add(exc)
            checked, left_out = exc.bound, exc.left_out
        except DeckgenError as exc:
            found.add(exc)
        if checked is not None:
            # The checks read the data, not the theme: a theme that failed to load is
            # stood in for by the default one, so they are reported in this run too.
            checks = context(checked.loaded, tables, theme or _stand_in_theme(),
                             allow_outside=options.allow_outside)  # fmt: skip
            found.attempt(lambda: check(checks, memo, left_out))
            found.attempt(lambda: check_alts(checks, left_out))
    found.raise_any()
    assert bound is not None and tables is not None and theme is not None
    return Prepared(bound.loaded, tables, bound, theme)


def _stand_in_theme() -> LoadedTheme:
    from deckgen.kinds import TEMPLATE_LAYOUTS
    from deckgen.outline.schema import DeckMeta
    from deckgen.theming.load import load_theme

    return load_theme(str(DeckMeta.model_fields["theme"].default), None, TEMPLATE_LAYOUTS)


def build(
    outline_path: Path,
    options: BuildOptions,
    progress: Progress | None = None,
    session: Session | None = None,
    *,
    warm_only: bool = False,
) -> BuildResult:
    """Build the deck for ``outline_path``; raise a :class:`DeckgenError` on bad input.

    Every file is written atomically: a failed build leaves the earlier output untouched.
    Pictures whose inputs did not change come from the cache under the output folder, and
    a build whose inputs, options and outputs are all unchanged does nothing at all.

    ``warm_only``: fill ``session`` with what this build would keep (inputs, plans, built
    slides), draw every picture in its workers, and write no deck, card, manifest or
    picture (only a built slide the slide cache lacks is added to it, as any build would).
    How a daemon started after a build made elsewhere gets ready for the next one (see
    :func:`deckgen.daemon.start_after`).
    """
    assert session is not None or not warm_only, "warming up needs a session to fill"
    if warm_only:  # --force draws everything again: it would rewrite every cache entry
        options = replace(options, force=False)
    from deckgen import manifest
    from deckgen.io import check_writable

    started = time.perf_counter()
    report = progress or (lambda stage, done, total: None)
    folder = deck_folder(outline_path, options)
    deck_path = options.out_dir / f"{deck_name(outline_path)}.pptx"

    # 0. Up to date? Checksums of the last build's inputs and outputs; no heavy imports.
    # The outputs can be written (no file or folder in the way, nothing read-only): known
    # now, not after the rendering.
    pdf = [deck_path.with_suffix(".pdf")] if options.pdf else []
    for target in (deck_path, *pdf):
        check_writable(target)
    own_deck_folder(folder)
    # The cards' folder too: the deck is written before the cards, and a read-only cards
    # folder found then would leave a new deck beside the old cards and manifest.
    from deckgen.social.build import MANIFEST

    check_writable(social_dir(outline_path, options) / MANIFEST, state=True)
    previous, damaged = manifest.load(folder / manifest.FILE_NAME, outline_path.parent)
    if (
        previous
        and not options.force
        and not warm_only
        and manifest.up_to_date(previous, options.fingerprint(), outline_path.parent)
    ):
        return _unchanged(previous, deck_path, folder, started)

    from deckgen.render.cache import AssetCache

    # The workers start first: they import the drawing libraries while we load and plan.
    # A session's pool stays up between builds (warm workers for deckgen watch), unless a
    # font file it used was replaced in place: it and this process know fonts by path.
    if session is not None:
        if session.fonts_replaced():
            session.forget()
        if session.pool is None:
            session.pool = open_pool(options, separate=session.separate)
        workers: AbstractContextManager[Pool] = nullcontext(session.pool)
    else:
        workers = open_pool(options)
    slides = session.slides(folder, options) if session else slide_cache(folder, options)
    from deckgen.tables.select import remembering

    with workers as pool, remembering():
        report("outline", 0, 1)
        plans = session.plans(folder) if session and not options.force else None
        if plans is not None:
            plans.start()
        with collect_later():
            # The workers fork once the theme is known, from a process that has drawn a
            # chart in it: each starts with its fonts loaded (see warm_up).
            ready = prepare(outline_path, options, session, plans,
                            lambda theme: pool.before_fork(warm_up, theme))  # fmt: skip
        if not ready.loaded.outline.slides:  # cards alone: a deck of no slides is no deck
            raise OutlineError(Problem(
                ready.loaded.locate("slides"),
                "expected slides to build a deck of, found none (the outline has social "
                "cards alone)",
                f"run 'deckgen social {outline_path}' to make its cards, or add slides",
            ))  # fmt: skip
        memory = session.pictures(folder) if session else None
        # Warming up draws every picture again, into no cache: then each worker has loaded
        # the fonts and drawn the kinds of this deck, which the first build after it would
        # pay for otherwise (measured: that build 0.45 s, now 0.35 s).
        cache = AssetCache(None if warm_only else folder / "cache", read=not options.force,
                           memory=memory)  # fmt: skip
        took = session.took(folder) if session else None
        warm = partial(session.warm, folder) if session else None
        result = make(ready, options, Target(outline_path, deck_path, folder), pool, cache,
                      report, previous, slides=slides, plans=plans, took=took, warm=warm,
                      warm_only=warm_only)  # fmt: skip
    if session is not None:
        session.used_fonts(ready.theme)
    if warm_only:
        return result  # the cache's unused entries are the next real build's to remove
    cache.prune(result.keys)
    slides.prune()
    # Damaged state was discarded and rebuilt: say so, in one line each.
    healed = [f"{folder / manifest.FILE_NAME}: damaged ({damaged}); discarded and written "
              "again"] if damaged else []  # fmt: skip
    if cache.corrupt:
        entries = counted(len(set(cache.corrupt)), "damaged entry", "damaged entries")
        healed.append(f"{folder / 'cache'}: {entries} discarded and drawn again")
    return replace(result, seconds=time.perf_counter() - started,
                   warnings=(*healed, *result.warnings))  # fmt: skip


_settled = False


def between_builds() -> None:
    """What a long-running process (``deckgen watch``, the daemon) does once a build is
    done and reported, while it waits for the next: collect the garbage builds leave.
    Collected as they go, a warm session's collections fell in its builds, one of ~15 ms
    in every few one-value rebuilds (each left ~4,000 objects for the collector, which
    walks them once 20,000 have piled up: COLLECT_EVERY). And make the next build's
    empty deck (see :func:`deckgen.ooxml.shapes.make_ahead`)."""
    import gc

    gc.collect()
    shapes = sys.modules.get("deckgen.ooxml.shapes")
    if shapes is not None:  # a build has assembled a deck
        shapes.make_ahead()


@contextmanager
def collect_later() -> Iterator[None]:
    """The first build of a process collects no garbage while it imports its libraries and
    reads its inputs; what is alive then is left out of every later collection.

    Importing pandas, pydantic and every kind makes about half a million objects, nearly
    all of which live as long as the process, and Python's cyclic collector walks all of
    them on each full collection: three in a cold build, a tenth of a second on a command
    that takes three. Reading and binding make little cyclic garbage. So collection waits
    until the inputs are read, then what is alive moves to the collector's permanent
    generation (``gc.freeze``). Once per process: a long-lived one (``deckgen watch``)
    freezes its libraries and its first inputs, never a later build's leftovers.

    From then on it collects as the drawing workers do (``COLLECT_EVERY``): a warm
    rebuild's collections, a few ms each, fell in its serial part (reading the edited
    file, planning), before the workers start (measured: the rebuild 10-14 ms faster).
    """
    import gc

    from deckgen.render.executor import COLLECT_EVERY

    global _settled
    if _settled or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        _settled = True
        gc.freeze()
        gc.set_threshold(*COLLECT_EVERY)
        gc.enable()


def own_deck_folder(folder: Path) -> None:
    """Make sure the deck folder ``OUT/<name>/`` can hold the manifest, cards and caches,
    before it is read or written: a file or a read-only folder in the way is an error
    naming it; a symbolic link there is removed (never followed: the state it leads to is
    not this build's, and writing or pruning through it would change files elsewhere).
    The folders in it are each checked by what keeps them (``io.own_folder``)."""
    from deckgen import manifest
    from deckgen.io import check_writable, own_folder

    check_writable(folder / manifest.FILE_NAME, state=True)
    own_folder(folder, clear=True)  # after the check: a file there was refused, not removed


def slide_cache(folder: Path, options: BuildOptions) -> SlideCache:
    """The built slides of the deck in ``folder``: on disk beside its picture cache, where
    the next build (another process) finds them."""
    from deckgen.assemble.splice import SlideCache

    return SlideCache(folder / "slide-cache", read=not options.force)


@dataclass(frozen=True)
class Target:
    """Where one deck goes: its outline (for relative paths), the .pptx, and the folder of
    its cards, manifest and cache."""

    outline: Path
    deck: Path
    folder: Path


@dataclass(frozen=True)
class Planned:
    """A prepared outline laid out: its slides and its cards, every picture a job."""

    ready: Prepared
    plan: BuildPlan
    cards: list[PlannedCard]

    @property
    def jobs(self) -> list[RenderJob]:
        return [*self.plan.jobs, *(c.job for c in self.cards)]

    def located(self, error: DeckgenError) -> DeckgenError:
        """``error``, placed where the outline writes the picture whose drawing raised it."""
        return located(error, self.plan, self.cards, self.ready.loaded)


def located(error: DeckgenError, plan: BuildPlan, cards: Iterable[PlannedCard],
            loaded: LoadedOutline) -> DeckgenError:  # fmt: skip
    """``error`` placed where the outline writes the first slide or card that shows the
    picture whose drawing raised it (:attr:`DeckgenError.picture`), if one does."""
    from deckgen.manifest import card_charts

    if error.picture is None:
        return error
    for slide in plan.slides:
        if any(p.job.key() == error.picture for p in slide.pictures):
            return error.at(slide.where)
    for card in cards:
        # The card's picture (a build's), or a chart on it (a check rule draws those).
        shown = (card.job, *card_charts(card.job))
        if card.key and any(job.key() == error.picture for job in shown):
            return error.at(loaded.locate(*card.key))
    return error


def plan_outline(
    ready: Prepared,
    options: BuildOptions,
    memo: PlanMemo | None = None,
    slides_planned: Callable[[BuildPlan], object] = lambda plan: None,
    pictures: Callable[[tuple[RenderJob, ...]], object] | None = None,
) -> Planned:
    """Stage 6: fit all text, lay out every slide and card, describe every picture (each
    slide and card from ``memo`` when it and what it reads are unchanged).
    ``pictures`` is called with each slide's picture jobs as soon as the slide is laid
    out, and ``slides_planned`` with the slides' plan before the cards are planned."""
    from deckgen.plan import context, plan_build
    from deckgen.plan.cards import plan_cards

    loaded, tables, theme = ready.loaded, ready.tables, ready.theme
    plan = plan_build(context(
        loaded, tables, theme, allow_outside=options.allow_outside,
        native_charts=options.native_charts, native_callouts=options.native_callouts,
    ), memo, pictures)  # fmt: skip
    slides_planned(plan)
    return Planned(ready, plan, plan_cards(loaded, tables, theme, memo=memo))


@dataclass(frozen=True)
class Assembly:
    """What stage 8 needs, and nothing more, so a batch can send it to a worker."""

    plan: BuildPlan
    #: The deck's pictures by key: a dict (a batch sends it to a worker), or a build's
    #: :class:`~deckgen.render.executor.Rendering`, which hands each over once it is drawn.
    assets: Mapping[str, Asset]
    theme: LoadedTheme
    meta: DeckMeta

    @classmethod
    def of(cls, planned: Planned, assets: Mapping[str, Asset]) -> Assembly:
        return cls(planned.plan, assets, planned.ready.theme, planned.ready.loaded.outline.deck)


def assemble(job: Assembly, slides: SlideCache | None = None) -> bytes:
    """Stage 8: slides, pictures with alt text, notes, footer -> .pptx bytes (a pure
    function of ``job``: it runs in a worker in a batch). Slides found in ``slides`` are
    spliced in, not built again (the bytes are the same)."""
    from deckgen.assemble.deck import build_deck

    return build_deck(job.plan, job.assets, job.theme, job.meta, slides)


def make(
    ready: Prepared,
    options: BuildOptions,
    target: Target,
    pool: Pool,
    cache: AssetCache,
    report: Progress,
    previous: dict[str, Any] | None,
    *,
    slides: SlideCache | None = None,
    plans: PlanMemo | None = None,
    took: dict[str, float] | None = None,
    warm: Callable[[Pool, Mapping[str, RenderJob]], None] | None = None,
    warm_only: bool = False,
) -> BuildResult:
    """Stages 6-11 for one prepared outline: plan, render, assemble, write, PDF, manifest.

    The pool and the caches are the caller's, so a batch shares them between decks, and
    a session between builds: ``slides`` holds built slides, spliced in when unchanged,
    ``plans`` the slides' and cards' plans (begun for this build, as for :func:`prepare`),
    and ``took`` how long each picture took. ``warm`` is called with the pool and
    every picture's job by its place once the build is done (see :meth:`Session.warm`).
    ``warm_only`` stops before stage 9, writing no deck, card or manifest (see
    :func:`build`).
    """
    from deckgen.render.executor import Rendering

    started = time.perf_counter()
    # 6. Plan: fit all text, lay out every slide and card, describe every picture.
    # 7. Render: slide pictures and cards in the one pool, each from the cache when its
    #    key is there. Native charts and callouts have no job: the assembler draws them.
    #    The slides' pictures go to the workers as soon as the slides are planned, while
    #    this process plans the cards.
    report("plan", 0, 1)
    done, total = 0, None  # the count is known once the cards are planned

    def tick(_: object) -> None:
        nonlocal done
        done += 1
        if total is not None:
            show()

    def show() -> None:
        report("render", done, total or 0)
        if done == total:  # from here on, what is left is assembling
            report("assemble", 0, 1)

    rendering: Rendering | None = None

    def pictures(jobs: tuple[RenderJob, ...]) -> None:
        # Each slide's pictures go to the workers as soon as the slide is laid out: they
        # start drawing while the slides after it are planned, rather than idle until the
        # last is. A warm session's too, which knows each picture's time and once waited
        # for every slide to order them all at once (see Rendering): after a one-value
        # edit its workers idled through the planning (measured in one session of 15
        # edits, 3 paired runs: 0.216 s a rebuild waiting, 0.205 s streamed).
        nonlocal rendering
        if rendering is None:
            rendering = Rendering(jobs, pool, tick, cache, later=None, took=took)
        else:
            rendering.add(jobs)

    def slides_planned(plan: BuildPlan) -> None:
        nonlocal rendering
        if rendering is None:
            rendering = Rendering(plan.jobs, pool, tick, cache, later=None, took=took)

    planned = plan_outline(ready, options, plans, slides_planned, pictures)
    if plans is not None:
        plans.prune()
    assert rendering is not None
    rendering.add_later([c.job for c in planned.cards])
    total = len({job.key() for job in planned.jobs})  # a picture shown twice is drawn once
    if total:
        show()
    else:
        report("assemble", 0, 1)
    # 8. Assemble: slides, pictures with alt text, notes, footer -> .pptx bytes. Slide by
    #    slide, each once its pictures are drawn, while the workers draw the rest.
    if slides is not None:
        slides.start()
    try:
        deck_bytes = assemble(Assembly.of(planned, rendering), slides)
        rendering.assembled()
        # What the manifest and warnings say of the deck, while the cards are drawn: a warm
        # rebuild's card is most often its last picture, and this process had nothing to do
        # meanwhile. Made before the deck, it took CPU from the drawing of the slides'
        # pictures (three paired runs of 27 edits: ~300 -> ~294 ms).
        begun = None if warm_only else summarize(planned, options, target)
        rendered = rendering.finish()  # the cards' pictures, and any the deck does not show
    except DeckgenError as exc:
        raise planned.located(exc) from None
    if warm_only:
        result = BuildResult(deck=target.deck, slides=len(planned.plan.slides),
                             pictures=len(planned.plan.jobs), theme=planned.ready.theme.theme.name,
                             seconds=time.perf_counter() - started,
                             rendered=len(rendered.rendered))  # fmt: skip
    else:
        result = finish(planned, rendered, deck_bytes, options, target, previous, report,
                        begun)  # fmt: skip
        assembled = slides.built if slides is not None else len(planned.plan.slides)
        laid_out = (plans.planned if plans is not None
                    else len(planned.plan.slides) + len(planned.cards))  # fmt: skip
        result = replace(result, seconds=time.perf_counter() - started, assembled=assembled,
                         planned=laid_out)  # fmt: skip
    if warm is not None:  # after the files: the workers warm up while the user edits
        warm(pool, rendering.places())
    return result


def load_kinds() -> None:
    """Import every kind (they register themselves), and what unpickling a job's theme
    imports, so that a worker unpickles and draws its first job without importing them
    then (each worker, its first job, on the way to the first picture: ~18 ms)."""
    import deckgen.kinds  # imported for its side effect: loaded
    import deckgen.theming.load  # noqa: F401


def warm_up(theme: LoadedTheme) -> None:
    """Draw a small chart in ``theme``: run where the drawing workers fork from, before
    they fork (:meth:`Pool.before_fork`), it loads what each would load for its first
    chart (the theme's fonts, their character maps, matplotlib's font lookups). Measured
    on the bench's deck: each worker's first chart and card ~50 CPU ms sooner, a cold
    build with --jobs 2 ~3% faster (16 paired runs). Its errors are ignored there, so a
    test draws it in every theme."""
    from deckgen.kinds.charts import CHART_TYPES, chart
    from deckgen.kinds.slides.chart import CHART_DPI
    from deckgen.layout.units import Inches
    from deckgen.render.charts import ChartJob
    from deckgen.render.jobs import Canvas
    from deckgen.tables.select import ChartData, Series

    data = ChartData(("A", "B", "C"), (Series("v", (1.0, 2.0, 3.0)),))
    # The registry's first type, the plain bar chart: names, values, a highlight. At a
    # slide chart's dpi, so that its style is the one each worker makes figures ahead for
    # while its first job is still to come (see deckgen.render.spares).
    spec = chart(type=CHART_TYPES[0], data="d", x="x", y="v", highlight="B")
    canvas = Canvas(Inches(4), Inches(3), dpi=CHART_DPI)
    ChartJob(spec, data, theme, canvas, title="B").render()
    # And the character maps of the theme's fonts, which the first text beyond ASCII a
    # worker measures reads (the sample's '−': ~15 ms a file, in each worker).
    from deckgen.theming.fonts import covering

    for files in (theme.heading, theme.body, theme.number):
        for path in (files.regular, files.bold):
            covering(path, "−")


@dataclass(frozen=True)
class Summary:
    """What a build's manifest and warnings say before its pictures are drawn (see
    :func:`summarize`)."""

    draft: Draft
    #: The warnings of the deck's plan, and of its pictures' formats and bound texts (not
    #: of what the pictures' drawing found, nor of the cards).
    planned: tuple[str, ...]
    checked: tuple[str, ...]


def summarize(planned: Planned, options: BuildOptions, target: Target) -> Summary:
    """The manifest's draft and the warnings the plan decides: what :func:`finish` needs
    besides the pictures and the files written."""
    from deckgen import manifest
    from deckgen.check.rules import (
        alike_series_warnings,
        build_warnings,
        false_hedge_warnings,
        fraction_table_columns,
        fraction_template_warnings,
        fraction_warnings,
        ranked_title_warnings,
        table_totals,
        thousands_point_columns,
        unseen_change_warnings,
    )

    ready, plan = planned.ready, planned.plan
    # A percent format over fractions (0.29 for 29%) prints '0.3%': the build says so too,
    # as its reader may never run `deckgen check`.
    fractions = fraction_warnings((str(s.where), p.job) for s in plan.slides for p in s.pictures)
    # And of a template's '| percent' over such a column (a chart's 'scale' does not reach it).
    locale = ready.loaded.outline.deck.locale
    fractions += fraction_template_warnings(ready.bound.bindings, ready.tables, locale)
    # And of a table's column in a percent format over them.
    fractions += build_warnings("NUM009", fraction_table_columns(ready.bound.loaded, ready.tables))
    # And of a file's numbers like 12.345 in a decimal-comma file or deck (NUM008).
    fractions += build_warnings("NUM008", thousands_point_columns(ready.bound.loaded, ready.tables))
    # And of a sorted table that ranks the data's total row among its parts (NUM006).
    fractions += build_warnings("NUM006", table_totals(plan.slides, ready.tables))
    # And of a chart whose series the theme's colours draw alike (A11Y007).
    fractions += alike_series_warnings((str(s.where), p.job) for s in plan.slides
                                       for p in s.pictures)  # fmt: skip
    # And of a title that ranks first a category its chart draws below another (NUM017).
    fractions += ranked_title_warnings(plan.slides, locale)
    # And of a stat whose qualifier its rounded number makes false ('More than 2M', NUM018).
    fractions += false_hedge_warnings(ready.bound.bindings, ready.bound.loaded.outline)
    # So does a bound text stating a change its numbers print alike ('from $1.5B to $1.5B').
    unseen = unseen_change_warnings(ready.bound.bindings, locale)
    draft = manifest.draft(
        outline_path=target.outline, bound=ready.bound, plan=plan,
        inputs=_inputs(ready, plan), options=options.fingerprint(),
        theme=ready.theme.theme.name, root=target.outline.parent,
        looked_up=[target.outline, *_looked_up(ready.loaded, options)],
    )  # fmt: skip
    return Summary(draft, tuple(plan.warnings), (*fractions, *unseen))


def finish(
    planned: Planned,
    rendered: RenderRun,
    deck_bytes: bytes | None,
    options: BuildOptions,
    target: Target,
    previous: dict[str, Any] | None,
    report: Progress = lambda *_: None,
    summary: Summary | None = None,
) -> BuildResult:
    """Stages 9-11: write the deck and cards, the PDF if asked, and the manifest (from
    ``summary``, made while the cards were drawn, or now). ``deck_bytes`` is ``None`` for
    a batch's row of an outline of cards alone: its cards are written, and no deck (a
    deck of no slides was written for each row: found in review). A build of such an
    outline stops before (it points to ``deckgen social``); a batch makes no PDF."""
    from deckgen import manifest
    from deckgen.io import Publication
    from deckgen.social.build import MANIFEST, write_cards

    summary = summary or summarize(planned, options, target)
    plan, cards = planned.plan, planned.cards
    loaded, theme = planned.ready.loaded, planned.ready.theme
    own_deck_folder(target.folder)  # a batch's row comes here without build()'s stage 0
    # 9. Write: the deck and the cards beside it (with cards.json), each beside its place
    #    first, then all put in place together: a kill never leaves a new deck with the
    #    earlier cards.
    cards_dir = target.folder / "social"
    with Publication() as publish:
        if deck_bytes is not None:
            publish.write(target.deck, deck_bytes)
        social, removed = write_cards(cards, rendered, loaded, theme, cards_dir, publish=publish)
    # 10. PDF (optional): LibreOffice converts the written deck; after the deck and cards,
    #     so a missing LibreOffice costs only the PDF.
    #     Without --pdf, the one an earlier build wrote is kept only while it shows this deck.
    root = target.outline.parent
    pdf: Path | None = None
    kept_pdf: Path | None = None
    stale_pdf: list[str] = []
    if deck_bytes is None:
        stale_pdf = _earlier_deck(target, previous, root)
    elif options.pdf:
        from deckgen.export.pdf import export_beside

        report("pdf", 0, 1)
        pdf = export_beside(target.deck)
    else:
        kept_pdf, stale_pdf = _earlier_pdf(target, deck_bytes, previous, root)
    # 11. Manifest: what was read, shown and written; the change report against the last.
    deck = [] if deck_bytes is None else [target.deck]
    outputs = [*deck, *(c.path for c in social)]
    if social:
        outputs.append(cards_dir / MANIFEST)
    # A PDF kept stays listed, so the build that changes the deck knows it for deckgen's.
    outputs += [p for p in (pdf, kept_pdf) if p is not None]
    # What the output written has to be warned of, kept in the manifest: a build that
    # finds it up to date says them again (see _unchanged). Not what this run did (cards
    # removed), which the next run did not.
    standing = (*summary.planned, *_shortened(planned, rendered), *summary.checked)
    document = manifest.complete(summary.draft, pictures=rendered.assets,
                                 cards=list(zip(cards, social, strict=True)),
                                 outputs=outputs, warnings=standing)  # fmt: skip
    manifest.write(target.folder / manifest.FILE_NAME, document)
    keys = {job.key() for job in planned.jobs}
    # What was drawn rather than taken from a cache: --force reads neither cache, so every
    # picture (a native one with its slide, too); the report says none was reused then.
    drawn = {a["key"] for a in document["assets"]} if options.force else rendered.rendered
    changes = manifest.compare(previous, document, drawn, forced=options.force)
    # A card made again under its slide's new title is renamed, not removed.
    renamed = {old.removeprefix("card ") for old, _ in changes.renamed}
    return BuildResult(
        deck=None if deck_bytes is None else target.deck,
        slides=len(plan.slides),
        pictures=len(plan.jobs),
        seconds=0.0,
        theme=theme.theme.name,
        warnings=(
            *standing,
            *_removed_cards(cards_dir, [n for n in removed if n not in renamed]),
            *stale_pdf,
        ),
        written=(*deck, *(c.path for c in social), *([pdf] if pdf else [])),
        cards=len(social),
        cards_dir=cards_dir if social else None,
        changes=changes,
        rendered=len(rendered.rendered & keys),
        pdf=pdf,
        keys=frozenset(keys),
    )


def _shortened(planned: Planned, rendered: RenderRun) -> list[str]:
    """A warning for each picture that cut a name short with "…" (longer than
    :data:`~deckgen.render.chartkit.NAME_LINES` lines where its chart places it): the
    outline's place, and the names as they begin; and for what a picture left out
    (:func:`~deckgen.render.chartkit.leaving_out`)."""
    slides = [(str(s.where), p.job) for s in planned.plan.slides for p in s.pictures]
    return _drawn_notes(slides, planned.cards, rendered)


def _drawn_notes(
    slides: list[tuple[str, RenderJob]], cards: list[PlannedCard], rendered: RenderRun
) -> list[str]:
    """:func:`_shortened` of the pictures of ``slides`` (each with its place) and of
    ``cards``: ``deckgen social`` says its cards' as a build does (it said none of them,
    a title's value left off the card among them; found by fuzzing)."""
    from deckgen.render.chartkit import NAME_LINES
    from deckgen.render.jobs import LEFT_OUT, SHORTENED

    cut = {k: a.values[SHORTENED] for k, a in rendered.assets.items() if SHORTENED in a.values}
    left = {k: a.values[LEFT_OUT] for k, a in rendered.assets.items() if LEFT_OUT in a.values}
    if not cut and not left:
        return []
    from deckgen.plan.cards import in_presets

    places: list[tuple[str, str | None, RenderJob]]
    places = [(place, None, job) for place, job in slides]
    places += [(f"card {c.file}", c.file, c.job) for c in cards]
    said: list[tuple[str, str | None, str]] = []  # (place, card file, what)
    for place, file, job in places:
        notes = left.get(job.key())
        said += [(place, file, note) for note in notes] if isinstance(notes, list) else []
        names = cut.get(job.key())
        if not isinstance(names, list) or not names:
            continue
        # As drawn (render.chartkit.keep_drawn): each ends in '…' where the picture cut it.
        shown = ", ".join(repr(n) for n in names[:3])
        more = f" and {len(names) - 3} more" if len(names) > 3 else ""
        said.append((place, file,
            f"{counted(len(names), 'name')} too long to show whole, so ended with "
            f"'…' on the chart: {shown}{more}; shorten them in the data (a name shows on "
            f"at most {NAME_LINES} lines, and one word within its label's room)"
        ))  # fmt: skip
    # A card in several presets says a note once, naming them: notes of one kind (their
    # fix, after the last '; ') whose words differ only as each size draws its picture.
    folded = in_presets(cards, said, lambda s: s[1],
                        lambda s: s[2].rpartition("; ")[2], lambda s: s[2])  # fmt: skip
    return [f"{shared or place}: {what}" for (place, _, what), shared in folded]


def _removed_cards(cards_dir: Path, removed: list[str]) -> list[str]:
    """The warning for the cards a build removed: no card of the outline makes them now."""
    if not removed:
        return []
    shown = ", ".join(removed[:5]) + (f" and {len(removed) - 5} more" if len(removed) > 5 else "")
    return [
        f"{cards_dir}: removed {counted(len(removed), 'card')} the outline no longer makes "
        f"({shown}); cards from `deckgen social --preset` are made again by running it "
        "after the build, or for good by adding the preset to the card's presets"
    ]


def _earlier_deck(target: Target, previous: dict[str, Any] | None, root: Path) -> list[str]:
    """For a batch's row of an outline of cards alone: the deck (and its PDF) an earlier
    build of the row wrote, while it had slides, removed, with a warning saying so: left,
    it showed the last build's numbers beside this one's cards (found in review). Only
    files the last manifest lists as written, with those bytes still, are deckgen's."""
    from deckgen import manifest
    from deckgen.io import file_digest

    written = (previous or {}).get("outputs")
    if not isinstance(written, dict):
        return []
    gone = []
    for path in (target.deck, target.deck.with_suffix(".pdf")):
        recorded = written.get(manifest.display_path(path, root))
        if recorded is not None and not path.is_symlink() and file_digest(path) == recorded:
            path.unlink(missing_ok=True)
            gone.append(str(path))
    if not gone:
        return []
    return [f"{' and '.join(gone)}: removed, written by an earlier build while the outline "
            "had slides: it has none now, and its cards alone are made"]  # fmt: skip


def _earlier_pdf(
    target: Target, deck_bytes: bytes, previous: dict[str, Any] | None, root: Path
) -> tuple[Path | None, list[str]]:
    """The PDF an earlier build wrote beside the deck (``--pdf``), for a build without it:
    kept while the deck is the one it was made from (returned, to stay in the manifest);
    removed once the deck changed, with the warning saying so, as stale cards are (see
    :func:`_removed_cards`): a PDF showing last month's numbers beside this month's deck is
    a wrong document waiting to be sent. Only a PDF the last manifest lists as written, with
    those bytes still, is deckgen's to keep or remove; any other is left alone."""
    import hashlib

    from deckgen import manifest
    from deckgen.io import file_digest

    pdf = target.deck.with_suffix(".pdf")
    written = (previous or {}).get("outputs")
    if not isinstance(written, dict):
        return None, []
    recorded = written.get(manifest.display_path(pdf, root))
    if recorded is None or pdf.is_symlink() or file_digest(pdf) != recorded:
        return None, []
    made_from = written.get(manifest.display_path(target.deck, root))
    if made_from == hashlib.sha256(deck_bytes).hexdigest():
        return pdf, []
    pdf.unlink(missing_ok=True)
    return None, [
        f"{pdf}: removed the PDF an earlier build wrote (--pdf): it showed the deck as it was "
        "before this build's changes; build with --pdf to write it again"
    ]


def open_pool(options: BuildOptions, *, separate: bool = False,
              preload: Callable[[], object] = load_kinds) -> Pool:  # fmt: skip
    """The workers of a build or batch: local processes, or a Dask cluster's. Local
    workers start now, importing the drawing libraries and ``preload``'s (the kinds)
    while the caller reads its inputs (see :meth:`Pool.start`)."""
    if options.executor == "dask":
        from deckgen.render.dask import DaskPool

        return DaskPool(options.scheduler, options.workers)
    from deckgen.render.executor import Pool

    pool = Pool(options.workers, separate=separate)
    pool.start(preload)
    return pool


def _unchanged(
    previous: dict[str, Any], deck_path: Path, folder: Path, started: float
) -> BuildResult:
    from deckgen.manifest import ChangeReport

    # Nothing was built, so nothing was checked: the warnings are those the last build
    # recorded for the output still on disk (a result that is up_to_date says so).
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
        warnings=tuple(previous.get("warnings") or ()),
    )


def _inputs(ready: Prepared, plan: BuildPlan) -> list[Path]:
    """Every file the build read: outline, data, theme folder and fonts, images."""
    files = [ready.loaded.path]
    files += [Path(str(t.attrs["file"])) for t in ready.tables.values() if "file" in t.attrs]
    theme = ready.theme
    files += [p for p in sorted(theme.theme.folder.rglob("*")) if p.is_file()]
    for family in (theme.heading, theme.body, theme.number):
        files += [family.regular, family.bold]
    for slide in plan.slides:
        files += slide.reads
    return files


def _looked_up(loaded: LoadedOutline[Outline], options: BuildOptions) -> list[Path]:
    """The paths the build looked its files up by (see :func:`deckgen.manifest.lookups`):
    each data file as the outline names it (the table's file is where a link led), and the
    places the theme was looked for up to where it was found."""
    from deckgen.outline.schema import FileSource
    from deckgen.theming.load import looked_up

    root = loaded.root
    paths = [root / s.file for s in loaded.outline.data.values() if isinstance(s, FileSource)]
    name = options.theme or loaded.outline.deck.theme
    return [*paths, *looked_up(name, root, confined=not options.theme)]


def social_dir(outline_path: Path, options: BuildOptions) -> Path:
    """Where the cards of ``outline_path`` go: ``<out>/<outline name>/social/``."""
    return deck_folder(outline_path, options) / "social"


@dataclass(frozen=True)
class SocialResult:
    """The cards ``deckgen social`` wrote, and what it says of its inputs (as a build does)."""

    cards: list[CardResult]
    warnings: tuple[str, ...] = ()


def social(
    outline_path: Path, options: BuildOptions, presets: list[str] | None = None
) -> SocialResult:
    """Build only the social cards of ``outline_path`` (optionally only some presets)."""
    from deckgen.plan import context, input_warnings
    from deckgen.plan.cards import plan_cards
    from deckgen.render.cache import AssetCache
    from deckgen.render.executor import run
    from deckgen.social.build import write_cards

    own_deck_folder(deck_folder(outline_path, options))
    ready = prepare(outline_path, options)
    warnings = input_warnings(context(ready.loaded, ready.tables, ready.theme))
    cards = plan_cards(ready.loaded, ready.tables, ready.theme, presets=presets)
    cache = AssetCache(deck_folder(outline_path, options) / "cache", read=not options.force)
    rendered = run([c.job for c in cards], workers=options.workers, cache=cache)
    written, _ = write_cards(cards, rendered, ready.loaded, ready.theme,
                             social_dir(outline_path, options), partial=bool(presets))  # fmt: skip
    return SocialResult(written, (*warnings, *_drawn_notes([], cards, rendered)))
