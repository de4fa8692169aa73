"""The sources slide: every source line used in the deck, de-duplicated, in order, the lines
that begin with one publisher written as one entry ("Global Impact page: port table; AI
applications list": :meth:`deckgen.outline.words.Words.grouped`, as an infographic's
Sources block); continued on further slides ("(continued)" in the title) when the list
does not fit one at a legible size, as every list of rows that continues is."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Literal

from deckgen.errors import FitError, Problem
from deckgen.kinds.slides._base import SlideKind, SlideLayout, SlidePlan
from deckgen.layout.geometry import Rect
from deckgen.layout.text import SLIDE
from deckgen.layout.units import Inches, Length, Pt
from deckgen.outline.schema import Prose

if TYPE_CHECKING:
    from collections.abc import Callable

    from pptx.slide import Slide

    from deckgen.errors import Location
    from deckgen.kinds.slides._base import PlanContext, PlannedSlide
    from deckgen.kinds.slides._chrome import Deck
    from deckgen.layout.slide import Frame

#: The most slides the list continues over: as many as any list of rows (README: "up to
#: four slides").
MAX_SLIDES = 4
#: The most columns side by side on one slide.
MAX_COLUMNS = 3
#: Between two columns.
GAP = Inches(0.4)
#: Line spacing of the list, as fitted: a paragraph's space after it is 0.35 of its size.
SPACING = 1.35
#: What the slide says when no slide gives a source.
NONE_GIVEN = "No sources were given."


@dataclass(frozen=True)
class SourcesLayout(SlideLayout):
    """One slide of the list: its columns of source lines, each column's box, and the
    text size (one for every slide of the list)."""

    columns: tuple[tuple[str, ...], ...]
    boxes: tuple[Rect, ...]
    size: Length


@dataclass(frozen=True)
class _Fitted:
    """How the list is set: the text size, the columns on each slide, the slides' lines."""

    size: Length
    columns: int
    pages: tuple[tuple[str, ...], ...]


class SourcesSlide(SlideKind):
    """The list of sources: its content is the other slides' source lines, read from their
    specs (``SlideKind.cited``), so it is laid out, and checked, like any other slide."""

    kind: Literal["sources"]
    content: ClassVar[bool] = True
    #: Default: the deck's word for it ("Sources", "Quellen": see deckgen.outline.words).
    title: Prose | None = None
    template_layout: ClassVar[str] = "Title and Content"

    def plan(self, ctx: PlanContext, where: Location) -> tuple[SlidePlan, ...]:
        if self.title is None:
            titled = self.model_copy(update={"title": ctx.loaded.outline.deck.wording.sources})
            return titled.plan(ctx, where)
        listed = deck_sources(ctx) or [NONE_GIVEN]
        first = self.frame(ctx, where)
        again, later = self.continued(ctx, where)

        # One publisher's lines as one entry; listed one by one when one publisher's entry
        # is too long for a slide by itself (an entry is never cut between slides).
        grouped = [entry for entry, _ in ctx.loaded.outline.deck.wording.grouped(listed)]
        fitted = _fit(ctx, grouped, first, later) or _fit(ctx, listed, first, later)
        if fitted is None:
            raise _too_long(ctx, where, listed, first, later)
        # The list is what the other slides write: a warm session keeps this plan only
        # while the outline and the data (which their templates may read) are unchanged.
        ctx.tables.keys()  # marks every table read (see plan.memo._Reading)
        reads = (ctx.loaded.path,)
        plans = []
        for n, lines in enumerate(fitted.pages):
            frame = first if n == 0 else later()
            plans.append(SlidePlan(frame, layout=_page(ctx, lines, frame.content, fitted),
                                   reads=reads, slide=self if n == 0 else again))  # fmt: skip
        return tuple(plans)

    def build(self, deck: Deck, planned: PlannedSlide) -> Slide:
        from deckgen.kinds.slides._chrome import BODY
        from deckgen.ooxml import shapes as sh
        from deckgen.ooxml.shapes import Para

        # The list goes in the layout's body placeholder, what outline view and screen
        # readers take as the slide's text (in text boxes it had none; found by fuzzing).
        slide = deck.content_slide(planned, keep=BODY, layout=sh.LAYOUT_TITLE_AND_CONTENT)
        layout = planned.layout
        assert isinstance(layout, SourcesLayout)
        columns, size = len(layout.columns), layout.size
        body = sh.content_placeholder(slide, BODY)
        if body is not None and columns > 1 and deck.branded:
            # A template's further body placeholders would take its master's style, not its
            # layout's: its columns go into text boxes side by side, in the theme's style.
            body._element.getparent().remove(body._element)
            body = None
        font, color = deck.placeholder_style(deck.font("body"), deck.colors.text)
        if body is None:
            font, color = deck.font("body"), deck.colors.text
        shape = body
        for n, (lines, box) in enumerate(zip(layout.columns, layout.boxes, strict=True)):
            if n and shape is not None:  # deckgen's master: each column a body placeholder
                shape = sh.another_placeholder(shape)
            sh.add_text(
                slide, box, [Para(line, font, size, color, space_after=size * 0.35)
                             for line in lines],
                shape=shape, name="Sources" if columns == 1 else f"Sources {n + 1}",
            )  # fmt: skip
        return slide


def deck_sources(ctx: PlanContext) -> list[str]:
    """Every source line the deck's slides give, de-duplicated, in order: the list a build
    collects as it plans them (``BuildPlan.sources``), known before they are planned."""
    words = ctx.loaded.outline.deck.wording
    # A line naming several sources ('Partner agency reports; Feeding America, Map the
    # Meal Gap 2024') is each of them: listed whole, each was listed again beside it, two
    # and three times over (found by a new user).
    found = (words.bare(part) for slide in ctx.loaded.outline.slides
             for line in slide.cited() for part in line.split("; ") if part.strip())  # fmt: skip
    return merged([_capital(part.strip()) for part in dict.fromkeys(found)])


#: A note in brackets closing a source ('(made-up data)', '(2023)').
_NOTE = re.compile(r"\s*\(([^()]*)\)\Z")


def merged(sources: list[str]) -> list[str]:
    """``sources`` with each written more than one way listed once, in the place of its
    first: the same words with and without a closing note in brackets ('Registry' and
    'Registry (made-up data)'), or the last words of another with its note or none
    ('hospital surveillance' of 'Regional hospital surveillance'); the fullest is kept.
    Two closing notes that differ ('Census (2020)', 'Census (2023)') are two sources.

    A line's note is written once after all its parts ('Registry; hospital surveillance
    (made-up data)'), and a source is named in full on one slide and short on the next:
    split at '; ', a deck listed one surveillance system three times (found by a new
    user)."""

    def parts(source: str) -> tuple[tuple[str, ...], str | None]:
        note = _NOTE.search(source)
        head = source[: note.start()] if note else source
        return tuple(head.casefold().split()), note[1].casefold() if note else None

    read = {source: parts(source) for source in sources}
    kept: list[list[str]] = []  # each source's ways of writing it, the first first
    for source in sources:
        words, note = read[source]
        for ways in kept:
            other_words, other_note = read[ways[0]]
            short, long = sorted((words, other_words), key=len)
            alike = (long[len(long) - len(short) :] == short
                     and (len(short) == len(long) or len(short) >= 2))  # fmt: skip
            if alike and (note is None or other_note is None or note == other_note):
                ways.append(source)
                break
        else:
            kept.append([source])
    # The fullest: the most words, then a note.
    return [max(ways, key=lambda w: (len(read[w][0]), read[w][1] is not None)) for ways in kept]


def _capital(part: str) -> str:
    """A source split from a line starts with a capital as the line did ('county
    population estimates' after '; '), unless its first word is written otherwise
    ('data.gov', 'iPhone survey')."""
    first = part.split(" ", 1)[0]
    return part[:1].upper() + part[1:] if first.isalpha() and first.islower() else part


def _fit(
    ctx: PlanContext, listed: list[str], first: Frame, later: Callable[[], Frame]
) -> _Fitted | None:
    """The fewest slides (up to :data:`MAX_SLIDES`) that hold ``listed`` at a legible size,
    the sources shared evenly between them; on them, one to three columns, whichever sets
    the list largest (fewer on a tie). ``None`` when four slides do not hold it."""
    font, sizes = ctx.theme.body.regular, ctx.theme.theme.sizes
    # More sources than lines on four slides of three columns at the smallest size: said
    # at once, before any is measured (each is a line at least).
    lines = max(int(first.content.height.ratio(SLIDE.leading(font, Pt(sizes.minimum),
                                                             SPACING))), 1)  # fmt: skip
    if len(listed) > MAX_SLIDES * MAX_COLUMNS * lines:
        return None
    for count in range(1, min(MAX_SLIDES, len(listed)) + 1):
        pages = _share(listed, count)
        boxes = [(first if n == 0 else later()).content for n in range(count)]
        best: tuple[Length, int] | None = None
        for columns in range(1, MAX_COLUMNS + 1):
            if columns > min(len(page) for page in pages):
                break
            fits = [_fit_column(ctx, part, box, columns)
                    for page, box in zip(pages, boxes, strict=True)
                    for part in _split(list(page), columns)]  # fmt: skip
            if all(f is not None for f in fits):
                size = min(f for f in fits if f is not None)
                if best is None or size > best[0]:
                    best = (size, columns)
        if best is not None:
            return _Fitted(best[0], best[1], pages)
    return None


def _fit_column(ctx: PlanContext, lines: list[str], box: Rect, columns: int) -> Length | None:
    """The largest size (body size less 2 pt, down to the theme's minimum) at which
    ``lines`` fit one of ``columns`` columns of ``box``; ``None`` if none does."""
    sizes = ctx.theme.theme.sizes
    fitted = SLIDE.fit("\n".join(lines), ctx.theme.body.regular, width=_width(box, columns),
                       height=box.height, max_size=Pt(sizes.body - 2),
                       min_size=Pt(sizes.minimum), step=Pt(1), spacing=SPACING)  # fmt: skip
    return fitted.size if fitted else None


def _width(box: Rect, columns: int) -> Length:
    return (box.width - GAP * (columns - 1)) / columns


def _page(ctx: PlanContext, lines: tuple[str, ...], box: Rect, fitted: _Fitted) -> SourcesLayout:
    """One slide's columns, split where they come out most even in lines, not in sources:
    a source that wraps counts twice (the columns were fitted by count; evening them only
    lowers the tallest)."""
    columns = min(fitted.columns, len(lines))
    width = _width(box, columns)
    font = ctx.theme.body.regular
    heights = [len(SLIDE.wrap(line, font, fitted.size, width)) for line in lines]
    parts = _even(list(lines), heights, columns)
    boxes = tuple(Rect(box.left + (width + GAP) * n, box.top, width, box.height)
                  for n in range(columns))  # fmt: skip
    return SourcesLayout(tuple(tuple(p) for p in parts), boxes, fitted.size)


def _too_long(
    ctx: PlanContext, where: Location, listed: list[str], first: Frame, later: Callable[[], Frame]
) -> FitError:
    """The error for a list that four slides do not hold: how many of its sources they
    would (the limit is a count of lines, so shortening a line seldom helps), or the line
    too long for a slide by itself."""
    minimum = ctx.theme.theme.sizes.minimum
    longest = max(listed, key=len)  # the one most likely to fill a slide by itself
    if _fit_column(ctx, [longest], first.content, 1) is None:
        shown = longest if len(longest) <= 60 else f"{longest[:57]}..."
        return FitError(Problem(where, f"the source line {shown!r} does not fit the slide even "
                                f"at {minimum:g} pt", "shorten the source line"))  # fmt: skip
    # The most of them four slides hold (more sources never fit where fewer do not).
    low, high = 1, len(listed) - 1
    while low < high:
        mid = (low + high + 1) // 2
        low, high = (mid, high) if _fit(ctx, listed[:mid], first, later) else (low, mid - 1)
    return FitError(
        Problem(
            where,
            f"{len(listed):,} sources do not fit {MAX_SLIDES} slides even at {minimum:g} pt: "
            f"at most {low:,} of these do",
            "write one source line for the slides that cite one publication (a line is "
            f"listed once however many slides give it), so that there are at most {low:,}",
        )
    )


def _share(items: list[str], parts: int) -> tuple[tuple[str, ...], ...]:
    """``items`` in ``parts`` runs, in order, as even as can be (the longer ones first)."""
    size, more = divmod(len(items), parts)
    out, start = [], 0
    for n in range(parts):
        end = start + size + (n < more)
        out.append(tuple(items[start:end]))
        start = end
    return tuple(out)


def _even(items: list[str], lines: list[int], columns: int) -> list[list[str]]:
    """``items`` in ``columns`` runs, in order, the tallest as short as it can be: each
    item ``lines[k]`` lines tall plus its paragraph's space (counted as half a line). Of
    splits as tall, the one whose columns are fullest first, as a reader fills them
    (28 one-line sources came out 8, 10 and 10 lines long; now 10, 10 and 8)."""
    import itertools

    tall = [n + 0.5 for n in lines]
    best: tuple[float, tuple[int, ...]] | None = None
    # The cuts come in order, latest last: of equally tall splits the last is the fullest
    # first.
    for cuts in itertools.combinations(range(1, len(items)), columns - 1):
        bounds = (0, *cuts, len(items))
        tallest = max(sum(tall[a:b]) for a, b in itertools.pairwise(bounds))
        if best is None or tallest <= best[0]:
            best = (tallest, bounds)
    assert best is not None, "columns <= len(items): there is at least one split"
    return [items[a:b] for a, b in itertools.pairwise(best[1])]


def _split(lines: list[str], columns: int) -> list[list[str]]:
    """``lines`` in ``columns`` runs of (nearly) equal length, in order."""
    size = -(-len(lines) // columns)
    return [lines[k : k + size] for k in range(0, len(lines), size)]
