"""The sources slide: every source line used in the deck, de-duplicated, in order."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Literal

from deckgen.errors import FitError, Problem
from deckgen.kinds.slides._base import SlideKind, SlidePlan
from deckgen.layout.geometry import Rect
from deckgen.layout.text import SLIDE
from deckgen.layout.units import Inches, Length, Pt

if TYPE_CHECKING:
    from pptx.slide import Slide

    from deckgen.errors import Location
    from deckgen.kinds.slides._base import PlanContext, PlannedSlide
    from deckgen.kinds.slides._chrome import Deck


class SourcesSlide(SlideKind):
    """The list of sources (its content is only known once every slide is planned)."""

    kind: Literal["sources"]
    content: ClassVar[bool] = True
    title: str = "Sources"
    template_layout: ClassVar[str] = "Title and Content"

    def plan(self, ctx: PlanContext, where: Location) -> SlidePlan:
        return SlidePlan(self.frame(ctx, where))

    def build(self, deck: Deck, planned: PlannedSlide) -> Slide:
        from deckgen.kinds.slides._chrome import BODY
        from deckgen.ooxml import shapes as sh
        from deckgen.ooxml.shapes import Para

        slide = deck.content_slide(planned, keep=BODY)
        sources = list(deck.sources)
        assert planned.frame is not None
        box = planned.frame.content
        listed = sources or ["No sources were given."]
        # Fitting here, not in the planner: the list is only known once every slide is
        # planned. One to three columns, whichever sets the list largest (fewer on a tie).
        best: tuple[Length, int] | None = None
        gap = Inches(0.4)
        for columns in (1, 2, 3):
            if columns > len(listed):
                break
            width = (box.width - gap * (columns - 1)) / columns
            fits = [SLIDE.fit("\n".join(chunk), deck.theme.body.regular, width=width,
                              height=box.height, max_size=Pt(deck.sizes.body - 2),
                              min_size=Pt(deck.sizes.minimum), step=Pt(1), spacing=1.35)
                    for chunk in _split(listed, columns)]  # fmt: skip
            if all(fits):
                size = min(f.size for f in fits if f)
                if best is None or size > best[0]:
                    best = (size, columns)
        if best is None:
            raise FitError(Problem(planned.where, f"{len(sources)} sources do not fit one slide",
                                   "shorten source lines"))  # fmt: skip
        size, columns = best
        body = sh.content_placeholder(slide, BODY)
        if body is not None and columns > 1:  # the list goes into text boxes side by side
            body._element.getparent().remove(body._element)
            body = None
        font, color = deck.placeholder_style(deck.font("body"), deck.colors.text)
        if body is None:
            font, color = deck.font("body"), deck.colors.text
        width = (box.width - gap * (columns - 1)) / columns
        # Split where the columns come out most even in lines, not in sources: a source
        # that wraps counts twice (the columns above were fitted by count; evening them
        # only lowers the tallest).
        lines = [len(SLIDE.wrap(line, deck.theme.body.regular, size, width)) for line in listed]
        for n, chunk in enumerate(_even(listed, lines, columns)):
            sh.add_text(
                slide, Rect(box.left + (width + gap) * n, box.top, width, box.height),
                [Para(line, font, size, color, space_after=size * 0.35) for line in chunk],
                shape=body, name="Sources" if columns == 1 else f"Sources {n + 1}",
            )  # fmt: skip
        return slide


def _even(items: list[str], lines: list[int], columns: int) -> list[list[str]]:
    """``items`` in ``columns`` runs, in order, the tallest as short as it can be: each
    item ``lines[k]`` lines tall plus its paragraph's space (counted as half a line)."""
    import itertools

    tall = [n + 0.5 for n in lines]
    best: tuple[float, tuple[int, ...]] | None = None
    for cuts in itertools.combinations(range(1, len(items)), columns - 1):
        bounds = (0, *cuts, len(items))
        tallest = max(sum(tall[a:b]) for a, b in itertools.pairwise(bounds))
        if best is None or tallest < best[0]:
            best = (tallest, bounds)
    assert best is not None, "columns <= len(items): there is at least one split"
    return [items[a:b] for a, b in itertools.pairwise(best[1])]


def _split(lines: list[str], columns: int) -> list[list[str]]:
    """``lines`` in ``columns`` runs of (nearly) equal length, in order."""
    size = -(-len(lines) // columns)
    return [lines[k : k + size] for k in range(0, len(lines), size)]
