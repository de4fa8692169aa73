"""Plan a build: outline + tables + theme -> laid-out slides and cards, and their picture jobs.

Planning is pure and cheap (no matplotlib, no python-pptx): each slide kind fits its text
with the theme's font metrics, decides every box, and describes every picture as a job;
each card is laid out in each of its presets. So a text that cannot fit fails here, before
anything is rendered, and the render stage gets jobs it can run anywhere.
"""

from __future__ import annotations

import contextlib
import weakref
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, NamedTuple

from deckgen.errors import DeckgenError, FitError, Problem
from deckgen.kinds.slides._base import PlanContext, PlannedSlide, SlideKind, SlidePlan
from deckgen.plan.memo import derive
from deckgen.theming.fonts import Undrawn, coverage_warnings, undrawn

if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Iterator
    from pathlib import Path

    import pandas as pd

    from deckgen.errors import Location
    from deckgen.kinds import Outline
    from deckgen.layout.slide import Frame
    from deckgen.outline.load import LoadedOutline
    from deckgen.outline.schema import DeckMeta
    from deckgen.plan.memo import PlanMemo
    from deckgen.render.jobs import RenderJob
    from deckgen.theming.load import LoadedTheme


@dataclass(frozen=True)
class BuildPlan:
    slides: tuple[PlannedSlide, ...]
    size: str
    warnings: tuple[str, ...] = ()

    @property
    def jobs(self) -> list[RenderJob]:
        """The pictures to render (native ones are drawn by the assembler instead)."""
        return [p.job for s in self.slides for p in s.pictures if not p.native]

    @property
    def sources(self) -> tuple[str, ...]:
        """Every source line used in the deck, de-duplicated, in order of appearance."""
        return tuple(dict.fromkeys(s for slide in self.slides for s in slide.sources))


def context(
    loaded: LoadedOutline[Outline],
    tables: dict[str, pd.DataFrame],
    theme: LoadedTheme,
    *,
    allow_outside: bool = False,
    native_charts: bool = False,
    native_callouts: bool = False,
) -> PlanContext:
    """What planning (and the checks after binding) read."""
    size = loaded.outline.deck.size
    return PlanContext(loaded, tables, theme, size, allow_outside, native_charts, native_callouts)


def check(ctx: PlanContext, memo: PlanMemo | None = None,
          left_out: Collection[tuple[str | int, ...]] = ()) -> None:  # fmt: skip
    """Every check that needs the data, after binding: a highlight, annotation or row key
    that names nothing is an error with a did-you-mean, for every slide and card at once
    (a slide's from ``memo`` when it and the tables its checks read are unchanged), but
    those ``left_out`` (``("slides", 2)``, ``("social", "cards", 0)``: a template of theirs
    failed, so they hold template text, not values)."""
    loaded = ctx.loaded
    problems: list[Problem] = []
    deck = _deck_key(ctx) if memo is not None else None
    for i, slide in enumerate(loaded.outline.slides):
        if ("slides", i) in left_out:
            continue
        where = loaded.locate("slides", i)

        def checked(tables: dict[str, pd.DataFrame], slide: SlideKind = slide,
                    where: Location = where) -> list[Problem]:  # fmt: skip
            try:
                return slide.check(replace(ctx, tables=tables), where)
            except DeckgenError as exc:
                return list(exc.problems)

        if memo is None or deck is None:  # no key for the theme: nothing kept
            problems += checked(ctx.tables)
            continue
        key = derive(_spec_key(memo, slide, where), "check", deck=deck)
        problems += memo.plan(key, ctx.tables, ctx.warnings, checked, layout=False)
    social = loaded.outline.social
    for i, card in enumerate(social.cards if social else []):
        if ("social", "cards", i) in left_out:
            continue
        try:
            problems += card.check(ctx.tables, loaded.locate("social", "cards", i))
        except DeckgenError as exc:
            problems += exc.problems
    if problems:
        from deckgen.errors import OutlineError

        raise OutlineError([loaded.relocate(p) for p in problems])


def check_alts(ctx: PlanContext, left_out: Collection[tuple[str | int, ...]] = ()) -> None:
    """Every slide's alt text that names a file (:meth:`SlideKind.alt_problems`), refused at
    once beside what :func:`check` finds, as the build's own error (A11Y001 in
    ``deckgen check``), but those ``left_out`` (a template of theirs failed)."""
    from deckgen.kinds.slides._base import AltTextError

    loaded = ctx.loaded
    problems = [p for i, slide in enumerate(loaded.outline.slides) if ("slides", i) not in left_out
                for p in slide.alt_problems(ctx, loaded.locate("slides", i))]  # fmt: skip
    if problems:
        raise AltTextError(problems)


@contextlib.contextmanager
def written_as(deck: DeckMeta) -> Iterator[None]:
    """Plan in the deck's locale: its numbers' marks, its chart words and its dates, for a
    table's cells here and each chart job, which keeps them for the process that draws
    it (slides and cards alike)."""
    from deckgen.outline.formats import marks_of, numerals
    from deckgen.outline.words import charts_in
    from deckgen.tables.dates import dated

    with numerals(marks_of(deck.locale)), charts_in(deck.wording.chart), dated(deck.locale):
        yield


def plan_build(
    ctx: PlanContext,
    memo: PlanMemo | None = None,
    pictures: Callable[[tuple[RenderJob, ...]], object] | None = None,
) -> BuildPlan:
    """Lay out every slide (each from ``memo`` when unchanged); collect every problem, then
    raise them together. What the theme had changed as it loaded (a colour moved for
    contrast) is said first. ``pictures`` is called with each slide's picture jobs as soon
    as it is laid out (see :func:`plan_slides`)."""
    with written_as(ctx.loaded.outline.deck):
        plan, failures = plan_slides(ctx, memo, pictures)
    # Said before the slides' own, and worked out once their pictures are with the
    # workers: the font coverage walks every text of the outline and the data (a warm
    # rebuild's first picture was sent ~3 ms later for it).
    said = input_warnings(ctx)
    ctx.warnings[:0] = said
    plan = replace(plan, warnings=(*said, *plan.warnings))
    if failures:
        kinds = {type(exc) for exc in failures}
        error = kinds.pop() if len(kinds) == 1 else DeckgenError
        problems = [p for exc in failures for p in exc.problems]
        if any(isinstance(exc, FitError) for exc in failures):
            problems += ctx.theme.theme.larger_sizes(ctx.loaded.path)
        raise error(problems)
    return plan


def input_warnings(ctx: PlanContext) -> list[str]:
    """What a build or ``deckgen social`` says of its inputs before drawing: what the theme
    changed as it loaded (a colour moved for contrast), a template picture the cards cannot
    draw, and characters no bundled font draws (``social`` said none of them, found by
    fuzzing), and rows a sheet hides, which are read as any other; and a card's reference
    line of only the rows ``top:`` keeps, and a ``top:`` cutting a tie, as a slide's are
    warned of as it is planned."""
    from deckgen.plan.cards import (
        card_references,
        card_requests,
        card_ties,
        card_totals,
        logo_warnings,
    )
    from deckgen.tables.sources import read_warnings

    out = list(ctx.theme.theme.adjustments(ctx.loaded.path))
    if ctx.theme.template is not None:
        out += ctx.theme.template.warnings(ctx.theme.theme.logo is not None)
    if card_requests(ctx.loaded):
        out += logo_warnings(ctx.theme)
        out += [f"{p.location}: {p.message}; {p.hint}"
                for _, p in [*card_references(ctx.loaded, ctx.tables),
                             *card_totals(ctx.loaded, ctx.tables),
                             *card_ties(ctx.loaded, ctx.tables)]]  # fmt: skip
    sources = ctx.loaded.outline.source_lines
    return out + read_warnings(ctx.tables, sources) + layout_warnings(ctx) + glyph_warnings(ctx)


def layout_warnings(ctx: PlanContext) -> list[str]:
    """On a corporate template, each layout the outline's slides are built on whose solid
    background the theme's text cannot be read on (a dark variant layout under a light
    theme: every value and label unreadable), or that has no title placeholder for slides
    with a title (it is set as a text box, which screen readers and PowerPoint's outline
    view do not read as the slide's title). Both went unsaid (found by fuzzing). Title and
    section slides are left out of the first: they set their text for their layout's
    background (a brand's dark section header)."""
    from deckgen.kinds.slides import SLIDE_KINDS, SLIDES
    from deckgen.theming.colour import TEXT, contrast
    from deckgen.theming.template import TITLE_TYPES

    template = ctx.theme.template
    if template is None:
        return []
    kinds = dict(zip(SLIDE_KINDS, SLIDES, strict=True))
    titled = {k for k, s in kinds.items() if s.content or s.titled}
    used = {slide.kind for slide in ctx.loaded.outline.slides}
    by_layout: dict[str, list[str]] = {}
    for kind, name in template.mapping:
        if kind in used:
            by_layout.setdefault(name, []).append(kind)
    text = ctx.theme.theme.colors.text
    out = []
    for name, on in by_layout.items():
        layout = template.layout(name)
        said = f"{template.path}: layout {name!r} ({', '.join(on)} slides)"
        plain = [k for k in on if not kinds[k].inks_for_layout]
        if plain and layout.ground and (ratio := contrast(text, layout.ground)) < TEXT:
            out.append(
                f"{said} has a {layout.ground} background, on which the theme's text colour "
                f"{text} reads {ratio:.1f}:1 (4.5:1 is needed): map those slides to a layout "
                "with a light background (template: layouts: in theme.yaml), or give the "
                "theme the layout's colours"
            )
        if titled.intersection(on) and layout.first(TITLE_TYPES) is None:
            out.append(
                f"{said} has no title placeholder: their titles are set as text boxes, which "
                "screen readers and PowerPoint's outline view do not read as titles; add a "
                "title placeholder to the layout, or map those slides to a layout with one"
            )
    return out


def glyph_warnings(ctx: PlanContext) -> list[str]:
    """A warning for each text of the outline or the data with characters no bundled font
    draws (a build prints them; ``deckgen check`` reports :func:`glyph_findings`)."""
    return coverage_warnings(_texts(ctx), ctx.theme.body.regular)


def glyph_findings(ctx: PlanContext) -> list[Undrawn]:
    """The same, as records: where (a :class:`Location`, or a data source's column), what
    and the fix."""
    return undrawn(_texts(ctx), ctx.theme.body.regular)


def _texts(ctx: PlanContext) -> Iterator[tuple[Location | str, str]]:
    """Every text of the bound outline (at its file, line and field) and every text cell
    of the data (with its source and column), for the font coverage check."""

    def walk(value: object, key: tuple[str | int, ...]) -> Iterator[tuple[Location, str]]:
        if isinstance(value, str):
            if not value.isascii():  # every font draws ASCII: no need to locate it
                yield ctx.loaded.locate(*key), value
        elif isinstance(value, dict):
            for name, item in value.items():
                yield from walk(item, (*key, str(name)))
        elif isinstance(value, list | tuple):
            for k, item in enumerate(value):
                yield from walk(item, (*key, k))

    # Not the data sources' settings: their file names, sheets and filter values are never
    # drawn (a '🚗' in a file's name was warned of as an empty box; found by fuzzing), and
    # what their tables hold, inline rows too, is searched below.
    outline = ctx.loaded.outline.model_dump()
    yield from walk({k: v for k, v in outline.items() if k != "data"}, ())
    # A table made from another (its steps) holds the same cells of the same file: each
    # text of a file's column is said once, at the first table that holds it (a tweet's
    # emoji was warned of twice, once a table; found in review).
    said: set[tuple[object, str, str]] = set()
    for name, frame in ctx.tables.items():
        origin = frame.attrs.get("origin")
        file = getattr(origin, "file", None) or name
        for where, text in _data_texts(name, frame):
            key = (file, where.removeprefix(f"data source {name!r}, "), text)
            if key not in said:
                said.add(key)
                yield where, text


class TextCells(NamedTuple):
    """A text of a data source that is not plain ASCII: its column, and the rows holding
    it (their positions in the source; none for the column's own name)."""

    column: str
    text: str
    rows: tuple[int, ...]


def _data_texts(name: str, frame: pd.DataFrame) -> tuple[tuple[str, str], ...]:
    """The text cells (and column names) of one data source that are not plain ASCII, by
    column, each text once, sorted, with the source and column they are in (remembered
    with :func:`data_texts`)."""
    found = data_texts(frame)
    labelled = _DATA_TEXTS[id(frame)][2]
    if name not in labelled:
        by_column: dict[str, set[str]] = {}
        for cells in found:
            by_column.setdefault(cells.column, set()).add(cells.text)
        where = f"data source {name!r}, column"
        labelled[name] = tuple(
            (f"{where} {column!r}", text)
            for column, texts in by_column.items()
            for text in sorted(texts)
        )
    return labelled[name]


def data_texts(frame: pd.DataFrame) -> tuple[TextCells, ...]:
    """The texts of ``frame`` that are not plain ASCII (column names, then cells, column by
    column, each text once, in the order of its first row), with the rows holding them
    (``deckgen check`` names each cell).

    Remembered per frame while it lives: a batch plans every row against the same data, and
    scanning a large source's cells again for each row would cost more than the row.
    """
    # Here, not at the top: a worker that assembles decks unpickles plans (this module)
    # and never reads a table, so it does not import pandas for them.
    from deckgen.tables.text import frame_text, joined_text

    known = _DATA_TEXTS.get(id(frame))
    if known is not None and known[0]() is frame:
        return known[1]
    found: list[TextCells] = []
    names = " ".join(str(c) for c in frame.columns)
    # A plain ASCII frame (most), checked at once: a column at a time, a JSON record of
    # 60,000 keys took 13 s (found by fuzzing).
    plain = names.isascii() and frame_text(frame).isascii()
    for column in () if plain else frame.columns:
        name = str(column)
        if not name.isascii():
            found.append(TextCells(name, name, ()))
        values = frame[column]
        # Numbers and dates hold no text; a column whose joined text is plain ASCII (the
        # common case, checked at C speed) holds none worth scanning cell by cell.
        if values.dtype.kind in "biufcmM" or joined_text(values).isascii():
            continue
        holders: dict[str, list[int]] = {}
        for position, cell in enumerate(values.tolist()):
            if isinstance(cell, str) and not cell.isascii():
                holders.setdefault(cell, []).append(position)
        found += [TextCells(name, text, tuple(rows)) for text, rows in holders.items()]
    if len(_DATA_TEXTS) > 256:
        _DATA_TEXTS.clear()
    texts = tuple(found)
    _DATA_TEXTS[id(frame)] = (weakref.ref(frame), texts, {})
    return texts


#: :func:`data_texts` by frame (held weakly: a dead frame's entry never matches again), and
#: :func:`_data_texts` of it by source name.
_DATA_TEXTS: dict[
    int,
    tuple[weakref.ref[pd.DataFrame], tuple[TextCells, ...], dict[str, tuple[tuple[str, str], ...]]],
] = {}


def shared_values(
    ctx: PlanContext, memo: PlanMemo | None = None, deck: str | None = None
) -> dict[str, float]:
    """What the deck's slides agree on before any is planned (where content starts, one
    callout size): each slide's proposal, combined as :data:`SHARED` says (from ``memo``
    when the slide is unchanged: ``deck`` keys what it reads besides its spec)."""
    from deckgen.kinds.slides._base import SHARED

    proposals: dict[str, list[float]] = {}
    for i, slide in enumerate(ctx.loaded.outline.slides):
        where = ctx.loaded.locate("slides", i)

        def measure(tables: dict[str, pd.DataFrame], slide: SlideKind = slide,
                    where: Location = where) -> dict[str, float] | None:  # fmt: skip
            try:
                return slide.measure(replace(ctx, tables=tables), where)
            except DeckgenError:
                return None  # planning the slide reports it

        if memo is None or deck is None:
            measured = measure(ctx.tables)
        else:
            key = derive(_spec_key(memo, slide, where), "measure", deck=deck)
            measured = memo.plan(key, ctx.tables, ctx.warnings, measure, layout=False)
        if measured is None:
            continue
        for name, value in measured.items():
            proposals.setdefault(name, []).append(value)
    return {name: SHARED[name](values) for name, values in proposals.items()}


def plan_slides(
    ctx: PlanContext,
    memo: PlanMemo | None = None,
    pictures: Callable[[tuple[RenderJob, ...]], object] | None = None,
) -> tuple[BuildPlan, list[DeckgenError]]:
    """Lay out every slide that can be; the slides that cannot, as their errors (one run
    reports every slide's problems at once, and ``deckgen check`` lints the rest). A slide
    whose plan is in ``memo`` (same spec, theme, deck values, options and data) is not
    laid out again. ``pictures`` is called with each laid-out slide's picture jobs, in
    the deck's order, so that they can be drawn while the slides after it are planned."""
    failures: list[DeckgenError] = []
    if ctx.theme.template is not None:
        from deckgen.layout.slide import check_template_size

        try:
            check_template_size(ctx.theme.template, ctx.size, ctx.loaded.locate("deck", "size"))
        except DeckgenError as exc:
            return BuildPlan((), ctx.size), [exc]
    deck = _deck_key(ctx) if memo is not None else None
    ctx.shared = shared_values(ctx, memo, deck)
    planned: list[PlannedSlide] = []
    number = 1  # in the deck: a continued table is several slides
    for i, slide in enumerate(ctx.loaded.outline.slides):
        where = ctx.loaded.locate("slides", i)
        try:
            plans = _plan(ctx, slide, where, memo, deck)
        except DeckgenError as exc:
            # A template's problem is met on each slide built on its layout: said once.
            if not any(exc.problems == seen.problems for seen in failures):
                failures.append(exc)
            number += 1
            continue
        # A slide that continues (a long table) is several slides of the deck.
        for plan in plans if isinstance(plans, tuple) else (plans,):
            sources = plan.sources
            if slide.source:
                sources = (slide.source, *sources)
            # The outline's note on its method first, then what its charts need said.
            notes = tuple(dict.fromkeys(n for n in (slide.note, *_footnotes(plan)) if n))
            try:
                _fit_footer(ctx, plan.frame, tuple(dict.fromkeys(sources)), i, notes)
            except DeckgenError as exc:
                failures.append(exc)
            planned.append(
                PlannedSlide(
                    number, plan.slide or slide, where, plan.frame, plan.pictures,
                    tuple(dict.fromkeys(sources)),
                    slide.notes if slide.notes is not None else plan.notes, plan.layout,
                    plan.reads, index=i,
                    notes_from=plan.notes_from if slide.notes is None else None,
                    footnotes=notes,
                )
            )  # fmt: skip
            if pictures is not None and (jobs := tuple(p.job for p in plan.pictures
                                                         if not p.native)):  # fmt: skip
                pictures(jobs)
            number += 1
    return BuildPlan(tuple(planned), ctx.size, tuple(ctx.warnings)), failures


def _footnotes(plan: SlidePlan) -> tuple[str, ...]:
    """What the slide's charts need said beside their source, each once
    (:meth:`~deckgen.kinds.charts._base.ChartKind.footnote`)."""
    from deckgen.render.charts import ChartJob

    jobs = [p.job for p in plan.pictures if isinstance(p.job, ChartJob)]
    notes = [job.spec.footnote(job.whole or job.data, job.words) for job in jobs]
    return tuple(dict.fromkeys(note for note in notes if note))


def _fit_footer(ctx: PlanContext, frame: Frame | None, sources: tuple[str, ...], i: int,
                notes: tuple[str, ...] = ()) -> None:  # fmt: skip
    """Refuse a footer (the slide's sources, the deck's footer) longer than the lines it
    has at the theme's footer size: drawn anchored to the bottom margin, a long one grew
    up over the slide's content with no word (found by fuzzing)."""
    from deckgen.layout.slide import (
        FOOTER_LINES,
        FOOTER_NUMBER,
        GAP,
        fit_or_fail,
        footer_band,
        footer_text,
    )

    deck = ctx.loaded.outline.deck
    text = footer_text(deck, ctx.theme, sources, notes)
    if not text:
        return
    band = frame.footer if frame is not None else footer_band(ctx.size)
    size = ctx.theme.theme.sizes.footer
    slide = ctx.loaded.outline.slides[i]
    # Named where the text that makes it long is written: its note, else its source.
    named = "note" if slide.note else "source" if slide.source else None
    field = ("slides", i, named) if named else ("slides", i)
    what = "the footer (its source line and note)" if slide.note else "the footer (its source line)"
    try:
        # As high as the band and the gap above it, up to the content: a theme's 36 to 72
        # pt footer, one line, was drawn over a chart's names (found by fuzzing).
        fit_or_fail(text, ctx.theme.body.regular, width=band.width - FOOTER_NUMBER,
                    height=band.height + GAP, max_size=size, min_size=size,
                    where=ctx.loaded.locate(*field), what=what,
                    max_lines=FOOTER_LINES)  # fmt: skip
    except FitError as exc:
        (problem,) = exc.problems
        footer = ", or the deck's footer" if deck.footer or ctx.theme.theme.footer else ""
        hint = ("shorten the note (a longer account of the method belongs in the notes), or "
                if slide.note else "shorten ") + (
                "the source line (keep the full references for a sources slide, kind: "
                f"sources, or the notes){footer}")  # fmt: skip
        raise FitError(replace(problem, hint=hint)) from None


def _deck_key(ctx: PlanContext) -> str | None:
    """What every slide's plan may read besides its own spec and data."""
    from deckgen.plan.memo import plan_key

    theme = ctx.theme
    return plan_key(
        theme=theme, template=theme.template, size=ctx.size, deck=ctx.loaded.outline.deck,
        root=str(ctx.loaded.root), allow_outside=ctx.allow_outside,
        native_charts=ctx.native_charts, native_callouts=ctx.native_callouts,
    )  # fmt: skip


def _spec_key(memo: PlanMemo, slide: SlideKind, where: Location) -> str | None:
    """The key of a bound slide's spec at its place, made once a build."""
    from deckgen.plan.memo import spec_key

    return memo.key_of(slide, lambda: spec_key(slide, str(where)))


def _plan(
    ctx: PlanContext, slide: SlideKind, where: Location, memo: PlanMemo | None, deck: str | None
) -> SlidePlan | tuple[SlidePlan, ...]:
    """``slide.plan``, or its plan from ``memo``."""
    if memo is None:
        return slide.plan(ctx, where)
    tables = ctx.tables
    key = None if deck is None else derive(_spec_key(memo, slide, where), "plan", deck=deck,
                                           shared=ctx.shared)  # fmt: skip

    def make(reading: dict[str, pd.DataFrame]) -> SlidePlan | tuple[SlidePlan, ...]:
        ctx.tables = reading
        try:
            return slide.plan(ctx, where)
        finally:
            ctx.tables = tables

    def files(plans: SlidePlan | tuple[SlidePlan, ...]) -> list[Path]:
        return [f for p in (plans if isinstance(plans, tuple) else (plans,)) for f in p.reads]

    return memo.plan(key, tables, ctx.warnings, make, files)
