"""What a slide kind is: the contract every module in this folder fulfils.

A slide kind is one class, a subclass of :class:`SlideKind`: its fields are its schema (one
entry of the outline's ``slides:``), and its methods are everything else about it, so adding
a kind means one module here plus one line in ``__init__.py``'s registry:

* ``plan(ctx, where)``: fit its text with the theme's fonts and place every box, returning a
  :class:`SlidePlan` with its own typed layout (and the picture jobs it needs), or several
  for content that continues over more slides (a long table);
* ``build(deck, planned)``: write the slide with python-pptx from that plan, measuring
  nothing (``deck`` holds the shared chrome: title block, footer, pictures);
* ``check(ctx, where)``: what can only be checked against the data, after binding;
* ``template_layout``: the corporate-template layout it is built on by default;
* ``as_card(index)``: the social card it becomes when it is ``share:``-d, if it can be;
* ``cited()``: the source lines it adds to the deck's list, known before it is planned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, ClassVar

from pydantic import field_validator

from deckgen.errors import OutlineError, Problem, a_or_an, one_of
from deckgen.outline.schema import SlideSpec, none_if_blank

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping
    from pathlib import Path

    import pandas as pd
    from pptx.slide import Slide

    from deckgen.errors import Location
    from deckgen.kinds.cards._base import CardKind
    from deckgen.kinds.slides._chrome import Deck
    from deckgen.layout.geometry import Rect
    from deckgen.layout.slide import Frame
    from deckgen.outline.load import LoadedOutline, PathKey
    from deckgen.render.charts import ChartJob
    from deckgen.render.jobs import Asset, RenderJob
    from deckgen.theming.load import LoadedTheme


@dataclass
class PlanContext:
    """What planning any slide may read: the outline, data, theme, size and options."""

    loaded: LoadedOutline
    tables: dict[str, pd.DataFrame]
    theme: LoadedTheme
    size: str
    allow_outside: bool = False
    native_charts: bool = False
    native_callouts: bool = False
    warnings: list[str] = field(default_factory=list)
    #: What every slide of the deck shares, agreed before any is planned (see
    #: ``SlideKind.measure`` and :data:`SHARED`).
    shared: dict[str, float] = field(default_factory=dict)


#: The values slides agree on for the whole deck, and how their proposals combine:
#: callouts share one number size, cards one text size (the largest every slide can
#: take). Where content starts
#: is each slide's own (under its title block: see ``content_frame``).
SHARED: dict[str, Callable[[Iterable[float]], float]] = {
    "stat_size": min,  # points: a row of two to four callouts
    "hero_size": min,  # points: a slide with one callout
    "card_text_size": min,  # points: the text (and so the headings) of a grid of cards
}


@dataclass(frozen=True)
class Placed:
    """A picture job and the box it goes into.

    ``native`` placements are drawn by the slide's builder as PowerPoint objects (a chart,
    text boxes) from the same job, so nothing is rendered for them.
    """

    job: RenderJob
    box: Rect
    native: bool = False


class SlideLayout:
    """Base of every slide kind's own layout (a frozen dataclass of what it fitted)."""

    @property
    def data_cells(self) -> tuple[tuple[str, str, str, object], ...]:
        """The data cells the slide shows as they are, not through a template or a
        picture (a table's): (source, row, column, value), for the change report."""
        return ()


@dataclass(frozen=True)
class SlidePlan:
    """What a kind's ``plan`` decides: the title block, pictures, sources and its layout."""

    frame: Frame | None = None
    pictures: tuple[Placed, ...] = ()
    sources: tuple[str, ...] = ()
    layout: SlideLayout | None = None
    notes: str | None = None  # written from the content where the outline has none
    #: The chart whose alt text the notes are, known once it is drawn (a scatter's names
    #: the labels that found no room): filled in after rendering, so planning draws nothing.
    notes_from: ChartJob | None = None
    #: Files the slide shows (an image): inputs of the build, and what a warm session's
    #: memo of the plan is checked against. A slide that shows what the other slides
    #: write (their source lines) names the outline, as its plan changes with theirs.
    reads: tuple[Path, ...] = ()
    #: The slide as this page shows it, where it differs from the outline's (a continued
    #: table's "(continued)" title); its builder reads this one.
    slide: SlideKind | None = None


@dataclass(frozen=True)
class PlannedSlide:
    """One slide, laid out: what the builder needs and nothing it must recompute."""

    number: int
    slide: SlideKind
    where: Location
    frame: Frame | None = None
    pictures: tuple[Placed, ...] = ()
    sources: tuple[str, ...] = ()
    notes: str | None = None
    layout: SlideLayout | None = None
    reads: tuple[Path, ...] = ()
    #: Its place among the outline's slides (``slides[index]``); ``number`` is its place in
    #: the deck, which a continued table makes larger.
    index: int = field(kw_only=True)
    #: The chart whose alt text ``notes`` are to be (see ``SlidePlan.notes_from``).
    notes_from: ChartJob | None = field(default=None, kw_only=True)
    #: What its charts need said under them, after its sources in the footer
    #: (:meth:`~deckgen.kinds.charts._base.ChartKind.footnote`).
    footnotes: tuple[str, ...] = field(default=(), kw_only=True)

    def with_notes(self, assets: Mapping[str, Asset]) -> PlannedSlide:
        """This slide with its chart's alt text as its notes, if they are to be: the drawn
        picture's, else (a native chart, drawn by PowerPoint) written now."""
        job = self.notes_from
        if job is None:
            return self
        asset = assets.get(job.key())
        notes = asset.alt if asset is not None else job.alt()
        return replace(self, notes=notes, notes_from=None)


#: A card made from a shared slide, and where its fields sit in the outline when that is
#: not ``slides[i].<field>`` (a stats slide's value is at ``slides[i].items[k].value``).
SharedCard = tuple["CardKind", dict[str, "PathKey"]]


class SlideKind(SlideSpec):
    """A slide kind (see the module doc). Subclasses set ``kind`` to a one-value Literal."""

    #: The corporate-template layout this kind is built on unless the theme maps another.
    template_layout: ClassVar[str] = "Title Only"
    #: It sets its text in whichever theme colour reads best on its layout's background
    #: (a brand's dark cover), rather than in the theme's text colour.
    inks_for_layout: ClassVar[bool] = False
    #: Its title goes in the layout's title placeholder (content slides' titles do too).
    titled: ClassVar[bool] = False
    #: Its title states the finding of its numbers (``deckgen check`` wants a verb in it).
    states_finding: ClassVar[bool] = False
    #: It has the title block of a content slide (title, subtitle, content area below).
    content: ClassVar[bool] = False
    #: It has a footer, where its source line and ``note`` are said.
    footed: ClassVar[bool] = True

    @field_validator("share")
    @classmethod
    def _shareable(cls, value: list[str]) -> list[str]:
        if value and not cls.shareable():
            kinds = _shareable_kinds()
            kind = cls.model_fields["kind"].annotation.__args__[0]  # type: ignore[union-attr]
            raise ValueError(
                f"{a_or_an(kind)} slide cannot be shared; only {one_of(kinds)} slides can; "
                "write a card for it under 'social: cards:'"
            )
        return value

    @field_validator("notes", "note")
    @classmethod
    def _blank_notes_are_none(cls, value: str | None) -> str | None:
        # Notes that are blank once their spaces are stripped (written "   " or "", or a
        # template that fills in nothing) are no notes: a slide that writes its own (a
        # picture's data description) keeps them, rather than shipping with an empty notes
        # pane and no word (found by fuzzing). Validated again after binding, so a template
        # is read as it fills in.
        return none_if_blank(value)

    @field_validator("note")
    @classmethod
    def _said_somewhere(cls, value: str | None) -> str | None:
        # A slide with no footer would drop the note with no word.
        if value is not None and not cls.footed:
            kind = cls.model_fields["kind"].annotation.__args__[0]  # type: ignore[union-attr]
            raise ValueError(
                f"{a_or_an(kind)} slide has no footer to say a note in; put the note on the "
                "slide whose figure it is about"
            )
        return value

    @classmethod
    def shareable(cls) -> bool:
        """Whether this kind becomes a card under ``share:`` (it overrides ``as_card``)."""
        return cls.as_card is not SlideKind.as_card

    def measure(self, ctx: PlanContext, where: Location) -> dict[str, float]:
        """What this slide proposes for the values the deck shares (:data:`SHARED`),
        measured before any slide is planned."""
        return {}

    def frame(self, ctx: PlanContext, where: Location) -> Frame:
        """The title block and the content area under it."""
        from deckgen.layout.slide import content_frame

        return content_frame(
            str(getattr(self, "title", "")), getattr(self, "subtitle", None), ctx.theme,
            ctx.size, where, self.kind,
        )  # fmt: skip

    def continued(self, ctx: PlanContext, where: Location) -> tuple[SlideKind, Callable[[], Frame]]:
        """The slide that continues this one ('Title (continued)'), and its frame, laid out
        when first asked for: a list or table that fits one slide never needs it."""
        words = ctx.loaded.outline.deck.wording
        again = self.model_copy(update={"title": words.continuing(getattr(self, "title", ""))})
        laid: list[Frame] = []

        def frame() -> Frame:
            if not laid:
                laid.append(again.frame(ctx, where))
            return laid[0]

        return again, frame

    def plan(self, ctx: PlanContext, where: Location) -> SlidePlan | tuple[SlidePlan, ...]:
        raise NotImplementedError

    def build(self, deck: Deck, planned: PlannedSlide) -> Slide:
        raise NotImplementedError

    def check(self, ctx: PlanContext, where: Location) -> list[Problem]:
        """Problems only the data can show (a highlight naming no category...)."""
        return []

    def alt_problems(self, ctx: PlanContext, where: Location) -> list[Problem]:
        """Its pictures' alt texts that name a file ('chart.png'), which a build refuses
        (:class:`AltTextError`, A11Y001): found with the other checks, before any slide is
        planned, so a run stopped by a typo elsewhere names them too (found in an audit:
        they came up only once the rest was fixed). A kind with a picture says which."""
        return []

    def refuse_file_alts(self, ctx: PlanContext, where: Location) -> None:
        """Raise :class:`AltTextError` for :meth:`alt_problems`, if any (its plan calls it:
        the build that skips the checks, a batch row's, still refuses them)."""
        problems = self.alt_problems(ctx, where)
        if problems:
            raise AltTextError(problems)

    def as_card(self, index: int) -> SharedCard | None:
        """The card this slide becomes under ``share:``; ``None``: it cannot be shared."""
        return None

    def cited(self) -> tuple[str, ...]:
        """The source lines this slide adds to the deck's list, in order, as planning
        collects them (its own ``source``, then its items' that have one; see
        ``plan.plan_slides``), known from the spec alone: the slide that lists the deck's
        sources is laid out while the slides after it are not planned yet. A kind whose
        plan gives other sources says so here too."""
        items = getattr(self, "items", None) or ()
        found = [self.source, *(getattr(item, "source", None) for item in items)]
        return tuple(dict.fromkeys(s for s in found if isinstance(s, str) and s))


def _shareable_kinds() -> list[str]:
    """The slide kinds that can be shared, in the registry's order."""
    from deckgen.kinds.slides import SLIDE_KINDS, SLIDES

    return [kind for kind, cls in zip(SLIDE_KINDS, SLIDES, strict=True) if cls.shareable()]


class AltTextError(OutlineError):
    """A picture's alt text that names a file ('photo.png'): a build refuses it, and
    ``deckgen check`` reports it under the code of alt texts (A11Y001), in the same words."""


#: A picture's file name inside an alt text ('final-v2.png').
_PICTURE_FILE = re.compile(r"\.(png|jpe?g|gif|svg|webp|tiff?|bmp)\b", re.IGNORECASE)
#: The name a camera or a program gives a picture ('IMG_0042', 'Screenshot 2024-03-01 ...',
#: Excel's 'Chart 1', PowerPoint's 'Picture 3').
_TOOL_NAME = re.compile(
    r"(img|image|dsc|dscn|screen ?shot|chart|figure|fig|photo|pic|picture)[-_ ]?\d", re.IGNORECASE
)
#: A word of three letters or more: what an alt text that says something has.
_WORD = re.compile(r"[^\W\d_]{3,}")


def names_a_file(alt: str, file: str | None = None) -> bool:
    """Whether ``alt`` names a file rather than saying what the picture shows: a picture's
    file name ('final-v2.png'), a path and nothing else ('exports/2023/final'), a
    camera's or tool's name with no word after it ('IMG_0042', 'Figure 2'), or the name of
    ``file`` (the picture's own) without its extension.

    A build refuses what this finds, so it calls nothing a file that a sentence may hold:
    'Figure 2: China builds the most' goes on to say what it shows, and a date ('as of
    3/31/2024') is no path. Blank is not a file name: a blank alt text is none."""
    text = alt.strip()
    if not text:
        return False
    if _PICTURE_FILE.search(text):
        return True
    one_token = not any(c.isspace() for c in text)
    if one_token and len(re.findall(r"[/\\]", text)) >= 2 and _WORD.search(text):
        return True
    tool = _TOOL_NAME.match(text)
    if tool is not None and not _WORD.search(text[tool.end() :]):
        return True
    stem = file.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0] if file else None
    return stem is not None and text == stem


def file_alt_problem(alt: str, where: Location, fix: str) -> Problem:
    """An alt text that names a file, as a build refuses it and ``deckgen check`` reports
    it: the same sentence in both (``where`` is the ``alt`` field)."""
    return Problem(
        where,
        f"the alt text {alt!r} names a file: expected words that say what the picture shows "
        "(a screen reader reads the alt text aloud)",
        fix,
    )
