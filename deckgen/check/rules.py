"""The lint rules of ``deckgen check``: one function per rule, one registry (:data:`RULES`).

A rule reads the :class:`Context` (the outline as prepared and laid out, the cards, the
theme, the data, the last build's manifest) and yields :class:`~deckgen.check.Finding` s.
Its code's letters name its family: FIT (text and content that does not fit), A11Y
(accessibility), NUM (numbers), ED (editorial). ``BLD`` and ``FIT001`` are the problems a
build itself would stop on, reported by :mod:`deckgen.check.run`.
"""

from __future__ import annotations

import contextvars
import functools
import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from itertools import combinations, pairwise
from typing import TYPE_CHECKING, Any

from deckgen.check import Cells, Finding, Severity
from deckgen.errors import DeckgenError, Location, joined, plain_number
from deckgen.outline.text_numbers import (
    NUMBER,
    Number,
    Ratio,
    numbers,
    outside_periods,
    ratios_stated,
    tells_a_fall,
    values_stated,
)
from deckgen.scoped import scoped
from deckgen.tables.expr import percent_step

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
    from contextlib import AbstractContextManager

    import pandas as pd
    from matplotlib.figure import Figure
    from matplotlib.text import Text

    from deckgen.binding.bind import Binding, BoundOutline
    from deckgen.binding.tables import Read, Shown
    from deckgen.errors import Problem
    from deckgen.kinds import Outline
    from deckgen.kinds.slides._base import PlannedSlide
    from deckgen.layout.geometry import Rect
    from deckgen.outline.formats import NumberFormat
    from deckgen.outline.load import LoadedOutline, PathKey
    from deckgen.plan import BuildPlan
    from deckgen.plan.cards import PlannedCard
    from deckgen.render.charts import ChartJob
    from deckgen.theming.load import LoadedTheme


@dataclass(frozen=True)
class Context:
    """What the rules read."""

    loaded: LoadedOutline[Outline]
    bound: BoundOutline[Outline]
    tables: dict[str, pd.DataFrame]
    theme: LoadedTheme
    plan: BuildPlan
    cards: tuple[PlannedCard, ...]
    #: The last build's manifest, if there is one (for values gone stale since).
    manifest: dict[str, Any] | None = None

    def at(self, *key: str | int) -> Location:
        return self.loaded.locate(*key)

    def text_at(self, *key: str | int) -> str | None:
        """The bound outline's text at ``key`` (``"slides", 3, "items", 0, "label"``)."""
        node: Any = self.loaded.outline
        for part in key:
            try:
                node = node[part] if isinstance(part, int) else getattr(node, part)
            except (AttributeError, IndexError, KeyError, TypeError):
                return None
        return node if isinstance(node, str) else None

    def templated(self, path: PathKey) -> bool:
        """Whether the outline field at ``path`` was a template (bound to the data)."""
        return any(b.path == path for b in self.bound.bindings)

    def typed(self, path: PathKey, text: str) -> bool:
        """Whether ``text`` is written in the template at ``path`` outside its ``{{ }}``
        (typed by hand, not computed): the '50' of 'adults under 50 lag at {{ ... }}'."""
        template = next((b.template for b in self.bound.bindings if b.path == path), None)
        if template is None:
            return False
        written = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", " ", template, flags=re.DOTALL)
        # As a number of its own: the '5' of a computed '5%' is not the '50' typed beside it.
        return re.search(rf"(?<![\d.,]){re.escape(text)}(?![.,]?\d)", written) is not None


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    summary: str
    run: Callable[[Context], Iterator[Finding]]


RULES: list[Rule] = []


def rule(code: str, severity: Severity, summary: str) -> Callable[..., Any]:
    """Register a rule function under ``code`` (its docstring is its longer description)."""

    def register(fn: Callable[[Context], Iterator[Finding]]) -> Callable[..., Any]:
        RULES.append(Rule(code, severity, summary, fn))
        return fn

    return register


def _finding(
    code: str, severity: Severity, where: Location | None, message: str, fix: str,
    slide: int | None = None, card: str | None = None, data: Cells | None = None,
) -> Finding:  # fmt: skip
    return Finding(code, severity, where, message, fix, slide, card, data)


# --------------------------------------------------------------------------- texts
#: Fields that hold text a reader sees (not names, paths, notes or sources).
_SHOWN = ("title", "subtitle", "kicker", "text", "attribution", "caption", "heading",
          "qualifier", "value", "label", "items")  # fmt: skip


def fields_under(
    node: Any, path: PathKey, into: Callable[[str, Any], bool] = lambda name, value: True
) -> Iterator[tuple[PathKey, Any]]:
    """Each field's value under a slide or card model (a list's items too), with its
    outline path, each before what is under it; what is under a field only where
    ``into(name, value)``. The rules ask it for what they read (the texts shown, the
    source lines, the charts), each with its own filter."""
    from pydantic import BaseModel

    if isinstance(node, list):
        for i, item in enumerate(node):
            yield (*path, i), item
            yield from fields_under(item, (*path, i), into)
    elif isinstance(node, BaseModel):
        for name in type(node).model_fields:
            value = getattr(node, name)
            yield (*path, name), value
            if into(name, value):
                yield from fields_under(value, (*path, name), into)


def shown_texts(node: Any, path: PathKey) -> Iterator[tuple[PathKey, str]]:
    """Every visible text under a slide or card model, with its outline path: the texts
    of its shown fields, and of their items."""
    for at, value in fields_under(node, path, lambda name, _: name in _SHOWN):
        if isinstance(value, str) and (at[-1] in _SHOWN or isinstance(at[-1], int)):
            yield at, value


def _data_values(ctx: Context) -> list[tuple[float, str, int, object]]:
    """Every numeric cell of every data source: its value, source, row and column. Not
    the first column's, which names the rows ('Route 15' names a route: it was said to be
    typed by hand, the data's route 15; found by a new user), unless it is the only one."""
    from deckgen.tables.select import to_number

    values: list[tuple[float, str, int, object]] = []
    for source, frame in ctx.tables.items():
        for column in frame.columns[1:] if len(frame.columns) > 1 else frame.columns:
            for row, cell in enumerate(frame[column]):
                try:
                    number = to_number(cell)
                except (ValueError, TypeError):
                    continue
                if number is not None:
                    values.append((number, source, row, column))
    return values


def _cell_named(ctx: Context, source: str, row: int, column: object, value: float) -> str:
    """A cell as a template reads it: 'production.China.production_2023 (30,160,966)'; in
    long data, where rows share their first cell, by a second column that tells its row
    apart ('faculty.where('year', '2022/23').where('measure', 'Graduates').one().value'):
    'faculty['2022/23'].value' named a row of fifteen, and the template failed (found by a
    new user)."""
    frame = ctx.tables[source]
    if not len(frame.columns):
        return f"{source}[{row!r}].{column} ({plain_number(value)})"
    first, key = frame.columns[0], frame.iloc[row, 0]
    same = frame[frame.iloc[:, 0].astype(str) == str(key)]
    if len(same) <= 1:
        return f"{source}[{str(key)!r}].{column} ({plain_number(value)})"
    for other in frame.columns[1:]:
        cell = frame.iloc[row][other]
        if other != column and (same[other].astype(str) == str(cell)).sum() == 1:
            return (f"{source}.where({str(first)!r}, {str(key)!r}).where({str(other)!r}, "
                    f"{str(cell)!r}).one().{column} ({plain_number(value)})")  # fmt: skip
    return f"{source} row {row + 2}, column {str(column)!r} ({plain_number(value)})"


# --------------------------------------------------------------------------- fit
@rule("FIT002", "warning", "more than six bullets on a slide")
def too_many_bullets(ctx: Context) -> Iterator[Finding]:
    """A slide of more than six bullets is a document, not a slide: split it or use cards."""
    from deckgen.kinds.slides.bullets import BulletsLayout

    for planned in ctx.plan.slides:
        items = getattr(planned.slide, "items", None)
        if isinstance(planned.layout, BulletsLayout) and items and len(items) > 6:
            yield _finding("FIT002", "warning", planned.where,
                           f"{len(items)} bullets; a slide holds six at most",
                           "split the slide, or turn the points into cards",
                           planned.number)  # fmt: skip


@rule("FIT003", "warning", "more than nine cards or ten table rows on one slide")
def crowded(ctx: Context) -> Iterator[Finding]:
    """Cards past nine and table rows past ten shrink to the type floor and crowd out the
    finding."""
    from deckgen.kinds.slides.cards import CardsLayout
    from deckgen.kinds.slides.table import TableLayout

    for planned in ctx.plan.slides:
        layout = planned.layout
        if isinstance(layout, CardsLayout) and len(layout.cells) > 9:
            yield _finding("FIT003", "warning", planned.where,
                           f"{len(layout.cells)} cards on one slide",
                           "keep the strongest nine, or split them over two slides",
                           planned.number)  # fmt: skip
    # A table once, where it starts: a table continued over four slides was four findings,
    # each quoting a slide the outline does not write (found by fuzzing).
    for planned in _first_of_each(ctx):
        pages = [p.layout for p in ctx.plan.slides if p.index == planned.index
                 and isinstance(p.layout, TableLayout)]  # fmt: skip
        most = max((len(layout.rows) for layout in pages), default=0)
        if most > 10:
            said = (f"up to {most} table rows a slide, over {len(pages)} slides"
                    if len(pages) > 1 else f"{most} table rows on one slide")  # fmt: skip
            yield _finding("FIT003", "warning", planned.where, said,
                           "keep the rows that matter ('top: 10'; a line then says how many "
                           "more there are)", planned.number)  # fmt: skip


def _first_of_each(ctx: Context) -> list[Any]:
    """Each outline slide's first planned slide: a table continued over three slides is
    one slide of the outline, judged once where it starts (its title is the outline's
    there, without '(continued, 2/3)')."""
    seen: set[int] = set()
    out = []
    for planned in ctx.plan.slides:
        if planned.index not in seen:
            seen.add(planned.index)
            out.append(planned)
    return out


@rule("FIT004", "warning", "card text under a phone's reading size")
def phone_text(ctx: Context) -> Iterator[Finding]:
    """A card is read on a phone, shown across its 375 pt width: body text under 12 pt
    (35 px on a 1080 px card) or fine print under 11 pt (32 px: the source, the wordmark,
    and the labels inside a card's chart pictures) is too small to read there. The card
    layouts have those floors as their minimums (a card that cannot hold its text at them
    is a fitting error, FIT001); this rule guards that promise."""
    from deckgen.kinds.cards._base import under_phone_floor

    for card in ctx.cards:
        small = under_phone_floor(card.job)
        if small:
            texts = ", ".join(f"the {role} at {pt:g} pt (under {floor})"
                              for role, pt, floor in small)  # fmt: skip
            yield _finding("FIT004", "warning", ctx.at(*card.key) if card.key else None,
                           f"on a phone 375 pt wide, {texts}",
                           "shorten the card's text, or use a taller preset (landscape cards "
                           "are shown smallest)", card=card.file)  # fmt: skip


@rule("FIT005", "warning", "a card whose layout leaves part of its content off")
def card_left_off(ctx: Context) -> Iterator[Finding]:
    """What a card's layout leaves off, as the build warns: its subtitle (often the only
    place of the unit) where it has no room, or values its title states of rows the chart
    has no room to keep. Decided as the card is laid out, so the check says it too: it
    passed a linkedin card whose subtitle, the chart's unit, the build had left off (found
    by a new user)."""
    from deckgen.render.cardkit import CardJob

    for card in ctx.cards:
        job = card.job
        if not isinstance(job, CardJob):
            continue
        for note in (*job.left_off, *job.short):
            message, _, fix = note.partition("; ")
            yield _finding("FIT005", "warning", ctx.at(*card.key) if card.key else None,
                           message, fix or "give the card more room: a shorter title",
                           card=card.file)  # fmt: skip


# --------------------------------------------------------------------------- accessibility
def _card_at(ctx: Context, card: PlannedCard, field: str) -> Location | None:
    """Where the outline writes a card's field: in ``social.cards`` or on the slide it
    shares (a finding with no line named the card's file alone, found by fuzzing)."""
    return ctx.at(*card.key, field) if card.key else None


@rule("A11Y001", "error", "a picture whose alt text is missing or names a file")
def alt_text(ctx: Context) -> Iterator[Finding]:
    """Screen readers read the alt text aloud: 'chart-final-v2.png' tells a listener
    nothing, and leaks a file name. A blank alt text is none: written from the data where
    it can be, required (by the schema) where it cannot. A slide or card whose builder
    refuses such an alt text fails to plan, and is reported with this code by
    :mod:`deckgen.check.run` in the build's words; the others are found here, in the same
    words."""
    from deckgen.kinds.slides._base import file_alt_problem, names_a_file

    for planned in ctx.plan.slides:
        slide = planned.slide
        alts: list[tuple[PathKey, str, str | None]] = []
        own = getattr(slide, "alt", None)
        if isinstance(own, str) and hasattr(slide, "file"):
            alts.append((("slides", planned.index, "alt"), own, slide.file))
        chart = getattr(slide, "chart", None)
        if chart is not None and chart.alt is not None:
            alts.append((("slides", planned.index, "chart", "alt"), chart.alt, None))
        for path, alt, file in alts:
            if names_a_file(alt, file):
                fix = "describe what the picture shows and what it means"
                problem = file_alt_problem(alt, ctx.at(*path), fix)
                yield _finding("A11Y001", "error", problem.location, problem.message,
                               problem.hint or "", planned.number)  # fmt: skip


def contrast(a: str, b: str) -> float:
    """WCAG 2.2 contrast ratio of two colours (1..21)."""
    from deckgen.theming.colour import contrast as ratio

    return ratio(a, b)


def _theme_where(ctx: Context, field: str) -> Location:
    """Where the theme writes ``field`` (``colors.muted``): its file and the field's line,
    or the line of the nearest mapping that holds it where the file leaves it to its
    default (findings named the file alone; found by fuzzing)."""
    from deckgen.outline.load import field_line

    file = ctx.theme.theme.folder / "theme.yaml"
    return Location(str(file), field_line(file, field), field)


def _set_colour(ctx: Context, name: str) -> str:
    """The fix for a theme colour moved for contrast: the colour it is drawn in, as the
    build's warning names it ("the colour deckgen uses" left it to be found)."""
    from deckgen.outline.load import parse_path

    used: Any = ctx.theme.theme.colors
    for part in parse_path(name):  # 'muted', or one of a list: 'categorical[1]'
        used = used[part] if isinstance(part, int) else getattr(used, part)
    return (f"set colors.{name} to {used} (or another colour that meets the ratio), so the "
            "theme file says what is drawn")  # fmt: skip


#: Theme colours that are text (4.5:1) rather than marks (3:1).
_TEXT_COLOURS = ("text", "muted", "on_primary")


@rule("A11Y002", "warning", "a theme text colour under 4.5:1 (deckgen darkens or lightens it)")
def text_contrast(ctx: Context) -> Iterator[Finding]:
    """Body, muted and on-primary text need 4.5:1 against what they sit on (WCAG 1.4.3). A
    theme colour that misses it is moved, when the theme loads, just far enough in
    lightness to meet it; this says which, so the theme can be fixed where it is written."""
    for name, change in ctx.theme.theme.colors.adjusted.items():
        if name in _TEXT_COLOURS:
            yield _finding("A11Y002", "warning", _theme_where(ctx, f"colors.{name}"),
                           f"{name} moved {change}",
                           _set_colour(ctx, name))  # fmt: skip


@rule("A11Y003", "warning", "chart marks under 3:1 against the background")
def mark_contrast(ctx: Context) -> Iterator[Finding]:
    """Bars, lines and slices a reader must tell from the page need 3:1 (WCAG 1.4.11). A
    theme mark colour that misses it is moved when the theme loads (said here), and every
    chart as it is drawn (tints included) is checked. So is a rise or fall colour replaced
    because it passes for the highlight."""
    from deckgen.render.charts import ChartJob

    for name, change in ctx.theme.theme.colors.adjusted.items():
        if name not in _TEXT_COLOURS:
            yield _finding("A11Y003", "warning", _theme_where(ctx, f"colors.{name}"),
                           f"{name} moved {change}",
                           _set_colour(ctx, name))  # fmt: skip
    background = ctx.theme.theme.colors.background
    for planned in ctx.plan.slides:
        for placed in planned.pictures:
            job = placed.job
            if not isinstance(job, ChartJob):
                continue
            faint = sorted({m for m in job.spec.mark_colors(job) if contrast(m, background) < 3})
            if faint:
                ratios = ", ".join(f"{m} {contrast(m, background):.1f}:1" for m in faint)
                yield _finding("A11Y003", "warning", planned.where,
                               f"chart marks too faint on the background {background}: {ratios}",
                               "use theme colours with at least 3:1 against the background",
                               planned.number)  # fmt: skip


#: Colour-vision deficiencies simulated (colorspacious, severity 100).
CVD = ("deuteranomaly", "protanomaly", "tritanomaly")
#: Below this CAM02-UCS distance two colours read as one.
DISTINGUISHABLE = 10.0


@rule("A11Y004", "warning", "palette colours a colour-blind reader cannot tell apart")
def colour_blind(ctx: Context) -> Iterator[Finding]:
    """Each pair of the theme's categorical colours (and the highlight against the context
    grey), simulated for deuteranopia, protanopia and tritanopia, must stay apart."""
    c = ctx.theme.theme.colors
    named = [(f"categorical[{i}]", col) for i, col in enumerate(c.categorical[:6])]
    named += [("highlight", c.highlight), ("neutral", c.neutral)]
    for cvd, (a, col_a), (b, col_b), distance in _alike_to_cvd(tuple(named)):
        yield _finding("A11Y004", "warning", _theme_where(ctx, f"colors.{b}"),
                       f"{a} {col_a} and {b} {col_b} look alike to a reader with "
                       f"{cvd[:-5]}opia "
                       f"(distance {distance:.1f}, need {DISTINGUISHABLE:g})",
                       "pick colours that differ in lightness as well as hue")  # fmt: skip


@functools.lru_cache(maxsize=16)
def _alike_to_cvd(
    named: tuple[tuple[str, str], ...],
) -> tuple[tuple[str, tuple[str, str], tuple[str, str], float], ...]:
    """The pairs of ``named`` colours (the categorical ones, and the last two) that look
    alike under each of :data:`CVD`, with their distance. Kept per palette: a check
    ``--for-each`` ran it once per row on the one theme, 22 ms of a row's 28 (a 2,000-row
    table took a minute; fuzzing round 5, F13)."""
    from colorspacious import cspace_convert, deltaE

    def rgb(colour: str) -> list[float]:
        return [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]

    alike = []
    for cvd in CVD:
        space = {"name": "sRGB1+CVD", "cvd_type": cvd, "severity": 100}
        seen = {name: cspace_convert(rgb(col), space, "sRGB1").clip(0, 1) for name, col in named}
        pairs = [p for p in combinations(named, 2) if p[0][0].startswith("categorical")
                 and p[1][0].startswith("categorical")] + [(named[-2], named[-1])]  # fmt: skip
        for (a, col_a), (b, col_b) in pairs:
            distance = float(deltaE(seen[a], seen[b], input_space="sRGB1"))
            if distance < DISTINGUISHABLE:
                alike.append((cvd, (a, col_a), (b, col_b), distance))
    return tuple(alike)


@rule("A11Y005", "warning", "the theme sets text under 12 pt")
def small_text(ctx: Context) -> Iterator[Finding]:
    """Nothing a reader must read is smaller than 12 pt at slide scale, footers and sources
    included: a theme size under the floor is raised to it when the theme loads, and this
    says so, so the theme can be fixed where it is written."""
    sizes = ctx.theme.theme.sizes
    for name, asked in sizes.raised.items():
        yield _finding("A11Y005", "warning", _theme_where(ctx, f"sizes.{name}"),
                       f"{name.replace('_', ' ')} text is set to {asked:g} pt; deckgen "
                       f"uses {getattr(sizes, name):g} pt",
                       f"set sizes.{name} to {sizes.minimum:g} or more")  # fmt: skip


@rule("A11Y006", "warning", "characters no bundled font draws (empty boxes in pictures)")
def undrawable(ctx: Context) -> Iterator[Finding]:
    """Every text of the outline and the data is drawn in a picture or a card somewhere:
    a character the theme's fonts lack shows as an empty box there (the build warns too).
    A data cell's text is named at its file and line, once however many cells hold it."""
    from deckgen.plan import TextCells, context, data_texts, glyph_findings
    from deckgen.tables.origin import Origin, places
    from deckgen.theming.fonts import undrawn

    # The outline's texts only (no tables): the data's are found below, cell by cell, as
    # the build's coverage check names no more than a source's column.
    for found in glyph_findings(context(ctx.loaded, {}, ctx.theme)):
        if isinstance(found.where, Location):
            slide = re.match(r"slides\[(\d+)\]", found.where.field or "")
            yield _finding("A11Y006", "warning", found.where, found.message, found.fix,
                           int(slide[1]) + 1 if slide else None)  # fmt: skip
    said: set[tuple[str, str]] = set()
    for name, frame in ctx.tables.items():
        origin = frame.attrs.get("origin")
        origin = origin if isinstance(origin, Origin) else None
        texts = data_texts(frame)
        for found in undrawn(((cells, cells.text) for cells in texts), ctx.theme.body.regular):
            cells: TextCells = found.where
            column = cells.column
            if not cells.rows:  # the column's name, in the header
                file = origin.file if origin else str(frame.attrs.get("file", "data"))
                yield _finding("A11Y006", "warning", Location(file, None, f"column {column!r}"),
                               f"data source {name!r}, the name of column {column!r}: "
                               f"{found.message}", found.fix, data=Cells(name))  # fmt: skip
                continue
            first, *rest = cells.rows
            where = origin.cell(first, column) if origin else None
            # A table made from another holds the same cells: one finding a cell and text,
            # not one a table (a tweet's emoji was said twice, found in review).
            if where is not None and (str(where), found.message) in said:
                continue
            said.add((str(where), found.message))
            # The first cell holding the text is the finding's place; the others are named
            # in it, so one text held by many rows is one finding, as it was.
            also = f" (also {places(origin, rest)})" if rest and origin else ""
            yield _finding("A11Y006", "warning", where,
                           f"data source {name!r}, column {column!r}{also}: {found.message}",
                           found.fix, data=Cells(name, cells.rows))  # fmt: skip


@rule("A11Y007", "warning", "a chart whose series share a colour, or draw in colours the "
      "theme does not list")  # fmt: skip
def added_colours(ctx: Context) -> Iterator[Finding]:
    """A theme that lists fewer chart colours than a chart has series gets the rest derived
    (they used to repeat: two series one colour); this names the charts that draw in
    colours the theme did not choose, so the brand can choose them. And a chart two of
    whose series are drawn in one colour, or in colours some reader cannot tell apart
    (more series than the theme has colours for; a theme listing two alike), is named
    with the series: a stack of seven drew its first and seventh in one navy, and this
    said nothing (found by fuzzing)."""
    from deckgen.render.charts import ChartJob

    colors = ctx.theme.theme.colors
    given = len(colors.categorical) - len(colors.added)
    for planned in ctx.plan.slides if colors.added else ():
        for placed in planned.pictures:
            job = placed.job
            if not isinstance(job, ChartJob):
                continue
            marks = set(job.spec.mark_colors(job))
            used = [c for c in colors.added if c in marks]
            if used:
                yield _finding("A11Y007", "warning", planned.where,
                               f"the chart draws in {', '.join(used)}, which the theme's "
                               f"colors.categorical ({given} colour{'s' * (given > 1)}) does "
                               "not list: deckgen derived them from the brand",
                               "list a colour for each of the chart's series in "
                               "colors.categorical, or highlight the series the slide is "
                               "about", planned.number)  # fmt: skip
    seen: set[PathKey] = set()
    for picture in _chart_pictures(ctx, native=True):
        alike = _alike_series(picture.job)
        if not alike or picture.owner in seen:
            continue
        seen.add(picture.owner)  # a card shared from its slide is the slide's chart
        message, fix = _alike_said(alike, colors.categorical)
        yield _finding("A11Y007", "warning", picture.where, message, fix, picture.slide,
                       picture.card)  # fmt: skip


def _alike_said(alike: list[str], categorical: Iterable[str]) -> tuple[str, str]:
    """A11Y007's message and fix for the pairs of series ``alike`` (:func:`_alike_series`)."""
    told = "; ".join(alike[:3]) + (f"; and {len(alike) - 3} more pairs" if len(alike) > 3
                                     else "")  # fmt: skip
    count = len(set(categorical))
    return (f"the chart's series cannot all be told apart by colour: {told}",
            "highlight the series the slide is about (the rest are drawn in the context "
            f"grey), show fewer series (this theme has {count} chart colours), or list a "
            "colour for each series in the theme's colors.categorical")  # fmt: skip


def alike_series_warnings(places: Iterable[tuple[str, object]]) -> list[str]:
    """The build's warning for each chart whose series A11Y007 finds alike (a theme of
    three chart colours all white drew three series in one grey, and only `deckgen check`
    said so; found by fuzzing): ``places`` as :func:`fraction_warnings` takes them."""
    from deckgen.render.charts import ChartJob

    out: list[str] = []
    for place, job in places:
        if isinstance(job, ChartJob) and (alike := _alike_series(job)):
            message, fix = _alike_said(alike, job.theme.theme.colors.categorical)
            out.append(f"{place}: {message} (A11Y007); {fix}")
    return out


def _alike_series(job: ChartJob) -> list[str]:
    """Each pair of ``job``'s series drawn in one colour, or in two that some reader sees
    under :data:`DISTINGUISHABLE` apart (as A11Y004 measures a theme's palette), in words.
    Only a chart that colours each series from the theme's chart colours (nothing is
    highlighted, and the picture draws in them): a highlight's context series share the
    grey by design."""
    from deckgen.render.chartkit import series_colors
    from deckgen.theming.colour import seen_by

    names = [s.name for s in job.data.series]
    if len(names) < 2 or job.spec.highlight:
        return []
    colours = series_colors(job, names)
    if not set(colours) <= set(job.spec.mark_colors(job)):
        return []  # its series are drawn otherwise (by direction, by category)
    out = []
    for (a, col_a), (b, col_b) in combinations(zip(names, colours, strict=True), 2):
        if col_a == col_b:
            out.append(f"{a!r} and {b!r} are both {col_a}")
            continue
        distance, reader = seen_by(col_a, col_b)
        if distance < DISTINGUISHABLE:
            who = f"a reader with {reader[:-5]}opia" if reader else "every reader"
            out.append(f"{a!r} ({col_a}) and {b!r} ({col_b}) look alike to {who} "
                       f"(distance {distance:.1f}, need {DISTINGUISHABLE:g})")  # fmt: skip
    return out


# --------------------------------------------------------------------------- numbers
@rule("NUM001", "warning", "a number typed by hand where the data has it")
def typed_numbers(ctx: Context) -> Iterator[Finding]:
    """A number written into text goes stale when the data changes; where the data holds
    it, bind it (``{{ source.row.column | format }}``). Years, small counts and spans of
    time are no values."""
    # Read only for a number typed by hand: every cell of every source, which a check
    # --for-each read again for each row, though its texts were all templates (fuzzing
    # round 5, F13).
    values: list[tuple[float, str, int, object]] | None = None
    for i, slide in enumerate(ctx.loaded.outline.slides):
        for path, text in shown_texts(slide, ("slides", i)):
            if ctx.templated(path):
                continue
            # A span of time ('the last 18 months') is the period the numbers cover, as
            # NUM002 and NUM003 read it: the data holding an 18 somewhere says nothing.
            for number in numbers(outside_periods(text)):
                if not number.a_value:
                    continue
                if values is None:
                    values = _data_values(ctx)
                # A whole number written bare is read in no other unit: the '40' of '40
                # busiest stops' was said to be a 40,100 in thousands, and each such
                # finding named no cell to bind (found by a new user).
                scaled = number.unit != 1 or number.decimals > 0
                cell = next((c for c in values if number.matches(c[0], scaled=scaled)), None)
                if cell is not None:
                    yield _finding("NUM001", "warning", ctx.at(*path),
                                   f"{number.text!r} is typed by hand, and the data has it: "
                                   f"{_cell_named(ctx, cell[1], cell[2], cell[3], cell[0])}",
                                   "bind it to the data with a {{ template }}",
                                   i + 1)  # fmt: skip


@rule("NUM002", "warning", "a number in a chart's title that the chart does not show")
def title_numbers(ctx: Context) -> Iterator[Finding]:
    """A title's number should be one the chart beneath it shows. A number found nowhere in
    the chart is a typo or a different measure; one bound to the data but computed for the
    title alone (a share of a total the chart never draws) cannot be checked against the
    picture by a reader, who sees a '32%' over bars labelled in millions. The same holds
    for a chart card's title and an infographic's chart section. Years, small counts ('the
    top 5') and spans of time ('the last 18 months') are no values."""
    from deckgen.kinds.cards.chart import ChartCardJob
    from deckgen.kinds.cards.infographic import ChartSection, InfographicJob
    from deckgen.render.charts import ChartJob

    said: set[tuple[PathKey, str]] = set()

    def unshown(title: str, jobs: list[ChartJob], path: PathKey) -> Iterator[tuple[str, bool]]:
        shown = [v for job in jobs for v in job.spec.printed_values(job)]
        if tells_a_fall(title):
            # 'fell 30%' over a bar labelled −30% states the fall's size: a headline's
            # usual way, which was "shown nowhere" (found by fuzzing).
            shown += [-v for v in shown if v < 0]
        names = [str(n) for job in jobs
                 for n in (*job.data.categories, *(s.name for s in job.data.series))]  # fmt: skip
        for number in values_stated(title, names):
            if (path, number.text) in said:
                continue
            if not any(number.matches(v) for v in shown):
                said.add((path, number.text))
                yield number.text, ctx.templated(path) and not ctx.typed(path, number.text)

    def unmatched_ratios(title: str, jobs: list[ChartJob], path: PathKey, slide: int | None = None,
                         card: str | None = None) -> Iterator[Finding]:  # fmt: skip
        names = [str(n) for job in jobs
                 for n in (*job.data.categories, *(s.name for s in job.data.series))]  # fmt: skip
        changes = [c for job in jobs for c in _changes(job)]
        for ratio in ratios_stated(title, names):
            if not changes or (path, ratio.text) in said:
                continue  # a chart that shows no change (one series, no time axis): unjudged
            if not any(ratio.matches(start, end) for _, start, end in changes) and not any(
                    _a_span_shows(job, ratio, title) for job in jobs):  # fmt: skip
                said.add((path, ratio.text))
                what, start, end = min(changes, key=lambda c: _off_by(ratio.change, c[1], c[2]))
                yield _finding("NUM002", "warning", ctx.at(*path),
                               f"{ratio.text!r} in the title states a change of "
                               f"{_as_change(ratio.change)}, and no change the chart shows is "
                               f"one: the nearest, {what}, is {_change_of(start, end)}",
                               "state the change the data makes, or check the measure",
                               slide, card)  # fmt: skip

    def finding(text: str, bound: bool, path: PathKey, slide: int | None = None,
                card: str | None = None) -> Finding:  # fmt: skip
        if bound:
            message = (f"{text!r} in the title is computed for it, and the chart shows it "
                       "nowhere")  # fmt: skip
            hint = ("state a value the chart shows (a bar's label, a difference bracket, a "
                    "total), or chart the measure the title states")  # fmt: skip
        else:
            message = f"{text!r} in the title is in none of the chart's values"
            hint = "bind the title's number to the data, or check the measure"
        return _finding("NUM002", "warning", ctx.at(*path), message, hint, slide, card)

    for planned in ctx.plan.slides:
        path: PathKey = ("slides", planned.index, "title")
        title = getattr(planned.slide, "title", None)
        jobs = [p.job for p in planned.pictures if isinstance(p.job, ChartJob)]
        if title and jobs:
            for text, bound in unshown(title, jobs, path):
                yield finding(text, bound, path, planned.number)
            yield from unmatched_ratios(title, jobs, path, planned.number)
    for card in ctx.cards:
        if not card.key:
            continue
        title = getattr(card.card, "title", None)
        if isinstance(card.job, ChartCardJob) and isinstance(title, str):
            # A slide's card says the slide's title: found on the slide, said once.
            path = (*card.key, "title")
            for text, bound in unshown(title, [card.job.chart.job], path):
                yield finding(text, bound, path, card=card.file)
            yield from unmatched_ratios(title, [card.job.chart.job], path, card=card.file)
        elif isinstance(card.job, InfographicJob):
            sections = getattr(card.card, "sections", [])
            charted = [(j, s) for j, s in enumerate(sections) if isinstance(s, ChartSection)]
            for (j, section), placed in zip(charted, card.job.charts, strict=False):
                path = (*card.key, "sections", j, "title")
                for text, bound in unshown(section.title, [placed.job], path):
                    yield finding(text, bound, path, card=card.file)
                yield from unmatched_ratios(section.title, [placed.job], path, card=card.file)


def _changes(job: ChartJob) -> list[tuple[str, float, float]]:
    """The changes a chart shows that a title's 'doubled' or 'fell by a third' may tell
    (:func:`~deckgen.outline.text_numbers.ratios_stated`), each named for the finding: on
    a time axis each series from its first value to its last ('Sales from 2015 to
    2024'), and over two or more series (years side by side, '2004' and '2023') each
    category from the first series to the last ('China from 2004 to 2023')."""
    data = job.data
    found: list[tuple[str, float, float]] = []
    if data.in_time_order() and len(data.categories) > 1:
        names = [str(c) for c in data.categories]
        for series in data.series:
            kept = [(names[i], v) for i, v in enumerate(series.values) if v is not None]
            if len(kept) > 1:
                (a, start), (b, end) = kept[0], kept[-1]
                label = f"{series.name!r} " if len(data.series) > 1 else ""
                found.append((f"{label}from {a} to {b}", start, end))
    # Only series that are periods: from 'Light rail' to 'Paratransit' is no change, and a
    # title's 'fell by two thirds' was told its nearest was one (found by a new user).
    first, last = (data.series[0], data.series[-1]) if data.series else (None, None)
    if first is not None and last is not None and first is not last and (
            _a_period(first.name) and _a_period(last.name)):  # fmt: skip
        for i, category in enumerate(data.categories):
            was, now = first.values[i], last.values[i]
            if was is not None and now is not None:
                found.append((f"{str(category)!r} from {first.name} to {last.name}", was, now))
    return found


#: The most points of a series :func:`_a_span_shows` compares pairwise (its latest).
_SPAN_POINTS = 1000


def _a_span_shows(job: ChartJob, ratio: Ratio, title: str) -> bool:
    """Whether a line over time shows the change ``ratio`` states between two of its
    points, not only from its first to its last: 'fell by two thirds in spring 2020' over
    six years of months, from February to March (found by a new user). Where the ``title``
    names years, between points of which one is in one of them ('since 2019')."""
    import numpy as np

    from deckgen.tables.dates import named

    data = job.data
    if not data.in_time_order() or len(data.categories) < 3:
        return False
    years = [d.year if d is not None else None for d in (
        data.x_dates or [(named(c) or (None,))[0] for c in data.categories])]  # fmt: skip
    said = {int(y) for y in re.findall(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)", title)}
    stated = abs(ratio.change)
    for series in data.series:
        kept = [(v, y) for v, y in zip(series.values, years, strict=True)
                if v is not None and math.isfinite(v)][-_SPAN_POINTS:]  # fmt: skip
        if len(kept) < 3:
            continue
        values = np.array([v for v, _ in kept], dtype=float)
        at = np.array([y in said for _, y in kept]) if said else np.ones(len(kept), dtype=bool)
        start, end = values[:, None], values[None, :]
        with np.errstate(divide="ignore", invalid="ignore"):
            change = np.where(start > 0, end / start - 1.0, np.nan)
        # Every hedge's window lies within four fifths and six fifths of the change
        # stated ('more than' past it): exact matching is left to those inside.
        size = np.abs(change)
        near = (np.triu(np.ones(change.shape, dtype=bool), 1) & (change * ratio.change > 0)
                & (at[:, None] | at[None, :]) & (size >= 0.8 * stated)
                & ((size <= 1.2 * stated) | (ratio.hedge == "more")))  # fmt: skip
        pairs = zip(*np.nonzero(near), strict=True)
        if any(ratio.matches(values[i], values[j]) for i, j in pairs):
            return True
    return False


def _a_period(name: str) -> bool:
    """Whether a series' name names a period: a date or a year ('2004', 'Q2 2024', 'FY2019',
    '2023/24')."""
    from deckgen.tables.dates import named

    return named(name) is not None or re.search(r"(?<!\d)(1[89]|20)\d\d(?!\d)", name) is not None


def _off_by(change: float, start: float, end: float) -> float:
    """How far a change from ``start`` to ``end`` is from ``change`` (a fraction of the
    start), for the nearest to name; a change from zero or less is furthest."""
    return abs(end / start - 1.0 - change) if start > 0 else math.inf


def _as_change(change: float) -> str:
    """'+100%', '-33%': a change as a reader checks it."""
    return f"{change * 100:+.0f}%".replace("-", "\u2212")


def _change_of(start: float, end: float) -> str:
    """'+45% (x1.45)', or 'from 0' where no ratio reads."""
    if start <= 0:
        return f"from {start:g} to {end:g}"
    return f"{_as_change(end / start - 1.0)} (x{end / start:.2f})"


def _slide_numbers(ctx: Context) -> dict[int, list[tuple[PathKey, Number]]]:
    out: dict[int, list[tuple[PathKey, Number]]] = {}
    for i, slide in enumerate(ctx.loaded.outline.slides):
        out[i + 1] = [(path, n) for path, text in shown_texts(slide, ("slides", i))
                      for n in numbers(text) if n.a_value]  # fmt: skip
    return out


def _stated_numbers(ctx: Context, names: list[str] | None = None
                    ) -> dict[int, list[tuple[PathKey, Number]]]:  # fmt: skip
    """Each slide's numbers that state a value: not years, small counts, codes, spans of time
    ('the last 18 months' on two slides in a row is one period, said where it applies) or
    the digits of one of ``names``."""
    out: dict[int, list[tuple[PathKey, Number]]] = {}
    for i, slide in enumerate(ctx.loaded.outline.slides):
        out[i + 1] = [(path, n) for path, text in shown_texts(slide, ("slides", i))
                      for n in values_stated(text, names or [])]  # fmt: skip
    return out


def _repeats(per_slide: dict[int, list[tuple[PathKey, Number]]]
             ) -> Iterator[tuple[int, PathKey, Number]]:  # fmt: skip
    """Each number said on the slide before too: its slide, where, and the number."""
    for number, found in per_slide.items():
        before = {n.text for _, n in per_slide.get(number - 1, [])}
        for path, n in found:
            if n.text in before:
                yield number, path, n
                before.discard(n.text)


def _names_in(ctx: Context, texts: Iterable[str]) -> list[str]:
    """The data's names that hold a digit and that ``texts`` name ('Dealer 13', 'Route
    66'), each table's distinct cells read once. A cell with no letter ('890', '1,204')
    is a value, whatever its column's type."""
    import pandas as pd

    said = " ".join(texts).casefold()
    found: set[str] = set()
    for frame in ctx.tables.values():
        for column in frame.columns:
            cells = frame[column]
            if pd.api.types.is_numeric_dtype(cells) or pd.api.types.is_datetime64_any_dtype(cells):
                continue
            for cell in cells.dropna().unique():
                if (isinstance(cell, str) and any(c.isdigit() for c in cell)
                        and any(c.isalpha() for c in cell)
                        and cell.casefold() in said):  # fmt: skip
                    found.add(cell)
    return sorted(found)


@rule("NUM003", "warning", "the same number on two consecutive slides")
def repeated_numbers(ctx: Context) -> Iterator[Finding]:
    """A number shown twice in a row reads as padding (or as a copy-paste slip). The digits
    of a name the data holds ('Dealer 13' on each of a fact sheet's slides) are no number;
    the data is searched for them only where a number is repeated."""
    repeated = list(_repeats(_stated_numbers(ctx)))
    if repeated:
        texts = [text for slide in ctx.loaded.outline.slides
                 for _, text in shown_texts(slide, ())]  # fmt: skip
        if names := _names_in(ctx, texts):
            repeated = list(_repeats(_stated_numbers(ctx, names)))
    for number, path, n in repeated:
        yield _finding("NUM003", "warning", ctx.at(*path),
                       f"{n.text} is also on slide {number - 1}",
                       "say it once, or show what it means the second time",
                       number)  # fmt: skip


@rule("NUM004", "warning", "a value the last build shows that no longer matches the data")
def stale(ctx: Context) -> Iterator[Finding]:
    """The last build's deck says one thing and the data now says another: rebuild. Bound
    texts are compared by their words, charts and tables by the data cells they show: a
    number changed in the data that only a chart or a table shows went unsaid ("No
    problems found" of a deck on disk still drawing the old value; found by fuzzing)."""
    if not ctx.manifest:
        return
    before = {t.get("field"): t.get("text") for t in ctx.manifest.get("texts", [])}
    from deckgen.outline.load import format_path

    for binding in ctx.bound.bindings:
        field = format_path(binding.path)
        old = before.get(field)
        if old is not None and old != binding.text:
            index = binding.path[1] if binding.path[0] == "slides" else None
            yield _finding("NUM004", "warning", binding.where,
                           f"the last build shows {old!r}; the data now gives {binding.text!r}",
                           "build again (deckgen build) so the deck and cards follow the data",
                           index + 1 if isinstance(index, int) else None)  # fmt: skip
    yield from _stale_cells(ctx, ctx.manifest)


#: A data cell as the manifest records it: (source, row, column).
_CellKey = tuple[str, str, str]


def _stale_cells(ctx: Context, manifest: dict[str, Any]) -> Iterator[Finding]:
    """Each chart and table whose cells, as the last build showed them, the data now gives
    otherwise: one finding a picture or table, at the slide that shows it now, naming
    where the last build showed it. So is one that now shows other cells than it showed
    (a row grown into a chart's top five, a category renamed in the data: no value the
    last build showed changed, and "No problems found" was said of a stale chart; found
    by fuzzing), or its rows in another order."""
    from deckgen.errors import counted
    from deckgen.manifest import cell_key, show_value

    # Each cell as each picture or table showed it: two charts of one cell may show it
    # differently (one indexed to 100, one in the data's units), so a chart is compared
    # with itself in the last build ('slide 4 chart'), and with another only where every
    # one that showed the cell showed it alike (an indexed chart beside a chart of the
    # raw numbers was stale forever, found in review).
    shown: dict[tuple[str, _CellKey, int], dict[str, Any]] = {}
    #: Each picture's and table's cells, in order, by its name ('slide 4 chart').
    held: dict[str, list[str]] = {}
    for asset in manifest.get("assets", []):
        # A card's reads are its texts' cells and then its charts' (as a chart shows them,
        # last, so they win for the card): its charts are compared with them.
        if str(asset.get("kind", "")).startswith(("chart", "card/")):
            for key, value in _occurrences(asset.get("reads", [])):
                shown.setdefault(("chart", *key), {})[str(asset.get("id"))] = value
            held[str(asset.get("id"))] = [cell_key(r) for r in asset.get("reads", [])]
    for table in manifest.get("tables", []):
        for key, value in _occurrences(table.get("reads", [])):
            shown.setdefault(("table", *key), {})[str(table.get("where"))] = value
        held[str(table.get("where"))] = [cell_key(r) for r in table.get("reads", [])]
    if not shown:
        return
    stale_slides: set[str] = set()
    for shower, what, cells in _cells_shown(ctx):
        changed = []
        for ((source, row, column), k), value in _occurrences(cells):
            old = _shown_before(shown.get((what, (source, row, column), k), {}), shower.here)
            # As the manifest holds it (JSON: a tuple a list, an integer float a float).
            now = json.loads(json.dumps(value, default=str))
            if old is not None and not _same_cell(old[0], now):
                changed.append((row, column, old, now))
        rows = _rows_shown(held.get(shower.here), cells, shower)
        # A card shared from a slide says what its slide's finding says.
        if not (changed or rows) or shower.origin in stale_slides:
            continue
        if shower.card is None:
            stale_slides.add(shower.origin)
        if rows:
            also = f" (and {counted(len(changed), 'value')} changed)" if changed else ""
            message = rows + also
        else:
            (row, column, (was, where), now), more = changed[0], len(changed) - 1
            also = f" (and {counted(more, 'more value')})" if more else ""
            message = (f"the last build's {where} shows {show_value(was)} for {row}, "
                       f"{column}; the data now gives {show_value(now)}{also}")  # fmt: skip
        yield _finding("NUM004", "warning", shower.where, message,
                       "build again (deckgen build) so the deck and cards follow the data",
                       shower.slide, shower.card)  # fmt: skip


def _rows_shown(before: list[str] | None, cells: list[tuple[str, str, str, Any]],
                shower: _Shower) -> str | None:  # fmt: skip
    """What the last build's picture or table ``shower`` showed otherwise than the data
    gives now: cells it did not show and shows now, cells it showed and does not, or (the
    same cells) their order; ``None`` when it shows the same, or was not in that build.
    A card's recorded cells are its texts' too: only what it shows now and did not show
    is compared of it."""
    from deckgen.manifest import cell_key, shortlist

    if before is None:
        return None
    was = set(before)
    came = [c for c in cells if cell_key(c) not in was]
    now = {cell_key(c) for c in cells}
    went = [] if shower.card is not None else [k for k in before if k not in now]
    here = f"the last build's {shower.here}"
    if came and went:
        return (f"{here} shows {_named_cells(went, cells)}; the data now gives "
                f"{_named_cells(came, cells)} in its place")  # fmt: skip
    if came:
        return f"{here} does not show {_named_cells(came, cells)}, which the data now gives"
    if went:
        return f"{here} shows {_named_cells(went, cells)}, which the data no longer gives"
    order = list(dict.fromkeys(cell_key(c) for c in cells))
    if shower.card is None and list(dict.fromkeys(before)) != order:
        rows = list(dict.fromkeys(str(c[1]) for c in cells))
        return f"{here} shows its rows in another order; the data now gives {shortlist(rows, 5)}"
    return None


def _named_cells(found: list[Any], cells: list[tuple[str, str, str, Any]]) -> str:
    """Cells by their rows (and columns, where the picture shows several), each row once:
    'Germany'; 'Germany, production_2023'. ``found``: cells (source, row, column, value)
    or keys of a manifest's (:func:`~deckgen.manifest.cell_key`)."""
    from deckgen.manifest import shortlist

    keyed = [json.loads(c) if isinstance(c, str) else list(c) for c in found]
    one_column = len({str(c[2]) for c in (*cells, *keyed)}) == 1
    names = [str(c[1]) if one_column else f"{c[1]}, {c[2]}" for c in keyed]
    return shortlist(list(dict.fromkeys(names)), 5)


def _occurrences(cells: Iterable[Any]) -> Iterator[tuple[tuple[_CellKey, int], Any]]:
    """Each cell's (source, row, column) and how many times it came before, with its
    value: a chart's two bars of one name (the data's rows 'A', 10 and 'A', 20) are two
    cells, where one key held the last and check called the first stale right after a
    build (found by fuzzing)."""
    seen: Counter[_CellKey] = Counter()
    for source, row, column, value in cells:
        key = (source, row, column)
        yield (key, seen[key]), value
        seen[key] += 1


def _shown_before(showings: dict[str, Any], here: str) -> tuple[Any, str] | None:
    """How the last build showed a cell: (value, where) at ``here`` if that showed it,
    else wherever it was shown, if it was shown one way; else ``None``."""
    if here in showings:
        return showings[here], here
    values = list(showings.values())
    if values and all(_same_cell(v, values[0]) for v in values):
        return values[0], next(iter(showings))
    return None


@dataclass(frozen=True)
class _Shower:
    """A slide's chart or table, or a card, that shows data cells: where it is in the
    outline, its name in the manifest (``here``), and the slide field it comes from."""

    where: Location | None
    here: str
    origin: str
    slide: int | None = None
    card: str | None = None


def _cells_shown(ctx: Context) -> Iterator[tuple[_Shower, str, list[tuple[str, str, str, Any]]]]:
    """Each slide's charts and tables, and each card's charts, with the data cells they
    show, as the manifest records them (:func:`deckgen.manifest.chart_reads`, a layout's
    ``data_cells``)."""
    from deckgen.manifest import card_charts, chart_reads
    from deckgen.render.charts import ChartJob

    for planned in ctx.plan.slides:
        origin = f"slides[{planned.index}]"
        for placed in planned.pictures:
            job = placed.job
            if isinstance(job, ChartJob):
                chart = _Shower(planned.where, f"slide {planned.number} chart", origin,
                                planned.number)  # fmt: skip
                yield chart, "chart", list(chart_reads(job.spec.data, job.spec, job.data))
        layout = planned.layout
        if layout is not None and layout.data_cells:
            table = _Shower(planned.where, f"slide {planned.number} table", origin, planned.number)
            yield table, "table", list(layout.data_cells)
    for card in ctx.cards:
        charts = card_charts(card.job)
        if charts:
            cells = [c for job in charts for c in chart_reads(job.spec.data, job.spec, job.data)]
            where = ctx.at(*card.key) if card.key else None
            yield _Shower(where, f"card {card.file}", card.origin, card=card.file), "chart", cells


def _same_cell(old: Any, now: Any) -> bool:
    """Whether two cell values are one (a missing number, NaN, is equal to itself), numbers
    to the 12 digits the manifest keeps of a chart's (a title's 14.285714285714286 and its
    chart's 14.2857142857 were 'stale' after every build, found in review)."""
    if isinstance(old, float) and isinstance(now, float) and math.isnan(old) and math.isnan(now):
        return True
    if _finite_number(old) and _finite_number(now):
        return f"{old:.12g}" == f"{now:.12g}"
    return bool(old == now)


def _finite_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


@rule("NUM005", "warning", "two near-identical percentages side by side")
def near_twins(ctx: Context) -> Iterator[Finding]:
    """'85%' beside '86%' on one slide reads as a typo unless their labels say plainly that
    they measure different things (most of their words differ)."""
    for number, found in _slide_numbers(ctx).items():
        # The big numbers side by side (stat values), not the figures inside a label.
        shares = [(path, n) for path, n in found if n.percent and path[-1] == "value"]
        for (path_a, a), (path, b) in combinations(shares, 2):
            alike = _words_alike(ctx.text_at(*path_a[:-1], "label"),
                                 ctx.text_at(*path[:-1], "label"))  # fmt: skip
            if a.value != b.value and abs(a.value - b.value) <= 1 and alike:
                yield _finding("NUM005", "warning", ctx.at(*path),
                               f"{a.text} and {b.text} on one slide look like the same number",
                               "make the difference explicit in the labels, or show one",
                               number)  # fmt: skip


@rule("NUM006", "warning", "a total drawn beside the parts it adds up")
def totals_among_parts(ctx: Context) -> Iterator[Finding]:
    """A data file's total row ('Total', 'World', 'All regions') read as one more category,
    as the build warns of it (:mod:`deckgen.kinds.charts._totals`): one finding a picture,
    naming each total and its row in the data, and the filter that leaves them out; a
    card's, once for each preset it is planned in, as NUM013 tells a card's."""
    from deckgen.plan.cards import card_totals
    from deckgen.render.charts import ChartJob

    for planned in ctx.plan.slides:
        for placed in planned.pictures:
            job = placed.job
            if not isinstance(job, ChartJob):
                continue
            problem = job.spec.totals_problem(ctx.tables.get(job.spec.data), job.data,
                                              planned.where)  # fmt: skip
            if problem is not None:
                yield _finding("NUM006", "warning", planned.where, problem.message,
                               problem.hint or "", planned.number)  # fmt: skip
    yield from _card_findings(ctx, "NUM006", card_totals(ctx.loaded, ctx.tables))
    yield from _table_totals(ctx)
    yield from _template_totals(ctx)


def build_warnings(code: str, found: Iterable[tuple[object, Location, str, str]]) -> list[str]:
    """What a rule's generator finds (each: what it is about, where, the message, the fix),
    as the build's warnings, '<where>: <message> (<code>); <fix>': a build's reader may never
    run ``deckgen check``, and printed '0.7%' for 70.1% or '12' for 12,345 without a word
    (found in review)."""
    return [f"{where}: {message} ({code}); {fix}" for _, where, message, fix in found]


def _table_totals(ctx: Context) -> Iterator[Finding]:
    """NUM006 of a sorted table (:func:`table_totals`)."""
    for number, at, message, fix in table_totals(ctx.plan.slides, ctx.tables):
        yield _finding("NUM006", "warning", at, message, fix, number)


def table_totals(
    slides: Iterable[PlannedSlide], tables: Mapping[str, pd.DataFrame]
) -> Iterator[tuple[int, Location, str, str]]:
    """Each sorted table whose rows hold the data's total row (its first column named as
    one), as its slide's number, its place, what it shows and the fix: the total ranks
    among its parts. Salesforce's 'Grand Totals (6 records)' topped a table of deals as the
    largest, check clean (found in review). A table that keeps the file's order, its total
    last, is a table as written."""
    from deckgen.kinds.charts._totals import (
        aggregates_among_countries,
        category_rows,
        filter_step,
        is_total_name,
        leave_out,
    )
    from deckgen.kinds.slides.table import TableSlide
    from deckgen.tables.select import category_text, select_rows

    seen: set[int] = set()
    for planned in slides:
        slide = planned.slide
        spec = slide.table if isinstance(slide, TableSlide) else None
        if spec is None or planned.index in seen or spec.sort is None:
            continue
        seen.add(planned.index)  # a table continued over slides is one table
        frame = tables.get(spec.data)
        if frame is None or not len(frame.columns):
            continue
        first = spec.columns[0].column if spec.columns else str(frame.columns[0])
        at = Location(planned.where.file, planned.where.line, f"{planned.where.field}.table")
        try:
            rows, _ = select_rows(frame, spec, at)
        except DeckgenError:
            continue  # the table's own check says why
        if first not in rows.columns:
            continue
        keys = [category_text(k) for k in rows[first].tolist()]
        groups = aggregates_among_countries(frame, first, list(dict.fromkeys(keys)))
        if groups:
            # Regions and groups ranked among countries: 'Asia' and 'High-income
            # countries' above China in a table under 'China emits the most', where a chart
            # of the same rows was warned of (found in review).
            one = len(groups) == 1
            where = category_rows(frame, spec.data, first, groups)
            listing = joined([f"{n!r} ({where[n]})" if n in where else repr(n) for n in groups])
            steps = leave_out(frame, first, groups)
            yield (
                planned.number, at,
                f"the table is sorted with {'an aggregate' if one else 'aggregates'} "
                f"{listing} among its rows of countries: {'it ranks' if one else 'they rank'} "
                f"as {'one more country' if one else 'more countries'}",
                f"leave {'it' if one else 'them'} out with a filter step: "
                + (f"add {steps} to its 'filter:' list" if spec.filter else
                   f"'filter: [{steps}]'"),
            )  # fmt: skip
            continue
        # Google Ads writes five total rows at once ('Total: Account', 'Total: Search'):
        # each is named, as one alone is (all were let through, found in review).
        totals = [k for k in dict.fromkeys(keys) if is_total_name(k)]
        if not totals or sum(k not in totals for k in keys) < 2:
            continue
        where = category_rows(frame, spec.data, first, totals)
        step = filter_step(first, totals)
        one = len(totals) == 1
        listing = joined([f"{n!r} ({where[n]})" if n in where else repr(n) for n in totals])
        yield (
            planned.number, at,
            f"the table is sorted with the data's total {'row' if one else 'rows'} {listing} "
            f"among its rows: {'it ranks as one more part' if one else 'they rank as parts'}",
            f"leave {'it' if one else 'them'} out with a filter step: 'filter: [{step}]'; or, "
            f"to show the {'total' if one else 'totals'} last as the file does, leave out "
            "sort:",
        )  # fmt: skip


def _template_totals(ctx: Context) -> Iterator[Finding]:
    """A template that sums, averages, ranks or counts the rows of a table that hold its
    total row ('{{ days.sum('Views') }}', not after ``.without(...)``): YouTube Studio writes
    its 'Total' row first, and the sum printed twice the views, the mean half again as
    many, '{{ days.largest('Views').Date }}' the best day as 'Total', where a chart of the
    same rows is warned of (found in review). One finding a template and table, with the
    ``without`` that leaves the row out."""
    import re

    from deckgen.kinds.charts._totals import is_total_name

    for binding in ctx.bound.bindings:
        for source, frame in ctx.tables.items():
            called = re.search(
                rf"(?<![\w.]){re.escape(source)}\s*\.\s*(?:sum|mean|largest|smallest|max|"
                r"min|top|bottom|count)\s*\(", binding.template)  # fmt: skip
            if called is None or not len(frame.columns):
                continue
            keys = [str(k) for k in frame.iloc[:, 0].tolist()]
            # Several at once too: Google Ads' 'Total: Account' and four more made 627
            # conversions 2,507, check clean (found in review).
            totals = [k for k in dict.fromkeys(keys) if is_total_name(k)]
            if not totals or sum(k not in totals for k in keys) < 2:
                continue
            index = binding.path[1] if binding.path[0] == "slides" else None
            one = len(totals) == 1
            without = f"{source}.without({', '.join(map(repr, totals))})"
            call = binding.template[called.start() : called.end()].replace(source, without, 1)
            yield _finding(
                "NUM006", "warning", binding.where,
                f"the template sums, averages, ranks or counts the rows of {source!r} with its "
                f"total {'row' if one else 'rows'} {joined(list(map(repr, totals)))} among "
                f"them: {'the total' if one else 'each total'} counts as one more part",
                f"leave the {'row' if one else 'rows'} out first: {without}, e.g. "
                f"{{{{ {call}...) }}}}; or read the total itself: {source}[{totals[0]!r}]",
                index + 1 if isinstance(index, int) else None, _card_file(ctx, binding.path),
            )  # fmt: skip


def _card_findings(ctx: Context, code: str, found: list[tuple[PathKey, Problem]]
                   ) -> Iterator[Finding]:  # fmt: skip
    """Each card's problem as a warning, once for each preset it is planned in (told once,
    naming them), as the build warns of it once."""
    for key, problem in found:
        files: list[str | None] = [c.file for c in ctx.cards if c.key == key]
        for file in files or [None]:
            yield _finding(code, "warning", problem.location, problem.message,
                           problem.hint or "", card=file)  # fmt: skip


#: A number with one point and three digits after it, not starting 0.: 526.926.
_POINT_THOUSANDS = re.compile(r"[-\u2212]?[1-9]\d{0,2}\.\d{3}")


@rule("NUM008", "warning", "decimals in a CSV of a decimal-comma locale that may be thousands")
def thousands_points(ctx: Context) -> Iterator[Finding]:
    """The columns :func:`thousands_point_columns` names, one finding each."""
    for name, where, message, fix in thousands_point_columns(ctx.loaded, ctx.tables):
        yield _finding("NUM008", "warning", where, message, fix, data=Cells(name))


def thousands_point_columns(
    loaded: LoadedOutline[Any], tables: Mapping[str, pd.DataFrame]
) -> Iterator[tuple[str, Location, str, str]]:
    """A CSV separated by semicolons is how Excel writes one where a comma marks decimals,
    and there a point separates thousands; so is any CSV of a deck whose locale writes
    decimals with a comma (a German Google Sheet exports '"12.345"' between commas: the
    title said 12 streams, found in review). deckgen reads a point as a decimal point, so
    526.926 in such a file is read as 526.9 where the export may mean 526,926: each column
    of text cells whose every number with a point has three digits after it, as its data
    source, the source's place in the outline, what is read and the fix."""
    from deckgen.outline.formats import marks_of
    from deckgen.tables.origin import Origin, short

    locale = loaded.outline.deck.locale
    comma = locale is not None and marks_of(locale)[0] == ","
    for name, source in loaded.outline.data.items():
        file, frame = getattr(source, "file", None), tables.get(name)
        if not file or frame is None:
            continue
        origin = frame.attrs.get("origin")
        # As the file was read (reading it again to find out could disagree: a footer).
        if not isinstance(origin, Origin) or origin.separator is None:
            continue
        if origin.separator != ";" and not comma:
            continue
        why = (f"{file!r} is separated by semicolons, as Excel writes a file where a comma "
               "marks decimals" if origin.separator == ";" else
               f"the deck's locale {locale} writes a comma for decimals")  # fmt: skip
        of = "" if origin.separator == ";" else f" of {file!r}"
        for column in frame.columns:
            pointed = [(n, c.strip()) for n, c in enumerate(frame[column])
                       if isinstance(c, str) and "." in c]  # fmt: skip
            if pointed and all(_POINT_THOUSANDS.fullmatch(c) for _, c in pointed):
                row, example = pointed[0]
                # The first such cell is named, so the number can be found in the file.
                at = f" ({short(origin.row(row))})"
                # About the file's column, not a row: the same for every row a batch
                # checks, and told once (it read "every row").
                yield (
                    name, loaded.locate("data", name, "file"),
                    f"{why}, and every number with a point in column {column!r}{of} has "
                    f"three digits after it: {example}{at} is read as a decimal",
                    f"if the point separates thousands, add decimal: \",\" to data.{name} "
                    f"(it then reads {example} as {example.replace('.', '')}, and 12,5 as 12.5); "
                    "if it is a decimal, this is fine: --ignore NUM008",
                )  # fmt: skip


@rule("NUM009", "warning", "a percent format on values stored as fractions (0.29 for 29%)")
def fraction_percents(ctx: Context) -> Iterator[Finding]:
    """deckgen's percentages are in percent (``percent:1`` writes 28.7 as '28.7%'); a JSON
    API, pandas or R stores a share as a fraction (0.287), which then prints '0.3%' on the
    slide and '0 percent' in its alt text, and nothing said so (found by fuzzing). A
    series shown in a percent format whose every value lies within −1 and 1 (not all
    zero) is named, once a chart (a card shared from its slide is the slide's chart),
    with the templates that write its cells through ``| percent``. And each template that
    writes as a percentage a value read from a column of such values, whatever the charts
    draw (:func:`fraction_templates`)."""
    seen: set[PathKey] = set()
    for picture in _chart_pictures(ctx, native=True):
        job = picture.job
        found = _fractions(job)
        if found is None or picture.owner in seen:
            continue
        seen.add(picture.owner)
        columns = found[1]
        fields = [
            str(b.where.field)
            for b in ctx.bound.bindings
            if "percent" in b.template
            and b.where.field
            and any(r.source == job.spec.data and r.column in columns for r in b.reads)
        ]
        message, fix = fraction_series(job, dict.fromkeys(fields))  # fmt: skip
        yield _finding("NUM009", "warning", picture.where, message, f"{fix}: --ignore NUM009",
                       picture.slide, picture.card)  # fmt: skip
    yield from _fraction_table_columns(ctx)
    # A template's '| percent' of a cell stored as a fraction, whether or not a chart draws
    # its column: driven by the charts alone, a statement's '0.4% in 2022' (a series
    # chart's columns are its series names) and an infographic's stat went unsaid (found
    # in review).
    locale = ctx.loaded.outline.deck.locale
    for binding, message, fix in fraction_templates(ctx.bound.bindings, ctx.tables, locale):
        index = binding.path[1] if binding.path[0] == "slides" else None
        card = _card_file(ctx, binding.path)
        yield _finding("NUM009", "warning", binding.where, message, f"{fix}: --ignore NUM009",
                       index + 1 if isinstance(index, int) else None, card)  # fmt: skip


#: The largest size of a value a percent format is taken to hold as a fraction.
FRACTION = 1.0


def _fraction_table_columns(ctx: Context) -> Iterator[Finding]:
    """NUM009 of a table slide's column (:func:`fraction_table_columns`)."""
    for index, where, message, fix in fraction_table_columns(ctx.loaded, ctx.tables):
        yield _finding("NUM009", "warning", where, message, fix, index + 1, None)


def fraction_table_columns(
    loaded: LoadedOutline[Any], tables: Mapping[str, pd.DataFrame]
) -> Iterator[tuple[int, Location, str, str]]:
    """Each table slide's column written in a percent format whose every value (in the
    table's data) lies within ±:data:`FRACTION`, not all zero, as the slide's index, the
    column's place in the outline, what it prints and the fix: HubSpot's open rates
    (0.4317) printed '0.4%' in a table, unsaid, where the same column on a chart is named
    (found in review)."""
    from deckgen.tables.select import to_number

    for index, slide in enumerate(loaded.outline.slides):
        spec = getattr(slide, "table", None)
        frame = tables.get(getattr(spec, "data", None) or "") if spec is not None else None
        if frame is None:
            continue
        for k, column in enumerate(getattr(spec, "columns", None) or []):
            fmt = column.format
            if fmt is None or fmt.style != "percent" or column.column not in frame.columns:
                continue
            values = []
            for cell in frame[column.column].tolist():
                try:
                    number = to_number(cell)
                except ValueError:
                    continue
                if number is not None and math.isfinite(number):
                    values.append(number)
            if not values or any(abs(v) > FRACTION for v in values) or not any(values):
                continue
            example = max(values, key=abs)
            meant = fmt.model_copy(update={"prefix": "", "suffix": ""}).format(example * 100)
            yield (
                index, loaded.locate("slides", index, "table", "columns", k),
                f"column {column.column!r} of the table is written in percent ({fmt}), yet "
                f"every value lies between −1 and 1: {example:g} prints as "
                f"{fmt.format(example)!r} ({meant} if it is a fraction)",
                "the values look like fractions (0.29 for 29%): make them percent in the "
                f"data, with a derived table's step '{percent_step(column.column)}'; if they "
                "are percentages under 1%, this is fine: --ignore NUM009",
            )  # fmt: skip


def _fractions(job: ChartJob) -> tuple[list[str], list[str], float, NumberFormat] | None:
    """The series ``job`` writes in a percent format whose every value lies within
    ±:data:`FRACTION`, not all at zero; their data columns (as far as known); the value of
    the largest size among them; and the format. ``None`` where there are none. A
    scatter's x values too, in its ``x_format``: its axis of 0.64 to 0.93 read '0.65% ...
    0.90%', where its y values in ``format`` were named (found by a new user)."""
    spec = job.spec
    x_format = getattr(spec, "x_format", None)
    if x_format is not None and x_format.style == "percent" and job.data.series:
        xs = [v for v in job.data.series[0].values if v is not None and math.isfinite(v)]
        if xs and all(abs(v) <= FRACTION for v in xs) and any(v != 0 for v in xs):
            name = job.data.series[0].name
            return [name], [str(spec.x)], max(xs, key=abs), x_format
    if spec.format.style != "percent":
        return None
    written = {v for v in spec.label_values(job.data) if v is not None}
    columns = {spec.series_labels.get(c, c): c for c in spec.y_columns}
    names: list[str] = []
    example: float | None = None
    for series in job.data.series:
        values = [v for v in series.values if v is not None and math.isfinite(v)]
        # Only the series the format writes (another axis has a format of its own).
        if not values or not set(values) <= written:
            continue
        if all(abs(v) <= FRACTION for v in values) and any(v != 0 for v in values):
            names.append(series.name)
            biggest = max(values, key=abs)
            example = biggest if example is None or abs(biggest) > abs(example) else example
    if not names or example is None:
        return None
    return names, [columns.get(n, n) for n in names], example, spec.format


def fraction_series(job: ChartJob, templates: Iterable[str] = ()) -> tuple[str, str]:
    """What NUM009 says of ``job`` (its message and fix; it must have :func:`_fractions`),
    naming the outline's ``templates`` that write the same cells through ``| percent``.
    For the build's warning too (``deckgen check`` is not always run)."""
    found = _fractions(job)
    assert found is not None
    names, columns, example, fmt = found
    meant = fmt.model_copy(update={"prefix": "", "suffix": ""}).format(example * 100)
    message = (f"{_quoted(names)} {'is' if len(names) == 1 else 'are'} written in percent "
               f"({fmt}), yet every value lies between −1 and 1: {example:g} prints as "
               f"{fmt.format(example)!r} ({meant} if it is a fraction)")  # fmt: skip
    said = list(templates)
    if said:
        message += (
            f"; {joined(said)} {'writes' if len(said) == 1 else 'write'} it through '| percent' too"
        )
    if _takes_scale(job):
        fix = "the values look like fractions (0.29 for 29%): add 'scale: 100' to the chart"
    else:
        fix = (f"the values look like fractions (0.29 for 29%): this chart takes no 'scale', "
               f"so make them percent in the data, with a derived table's step "
               f"'{percent_step(columns[0])}'")  # fmt: skip
    if said:
        # A template's '| percent' reads the data as stored: the compute step fixes both.
        fix += "; for the templates too, make them percent in a derived table (a compute step)"
    return message, f"{fix}; if they are percentages under 1%, this is fine"


def fraction_warnings(places: Iterable[tuple[str, object]]) -> list[str]:
    """The build's warning for each chart NUM009 names, for a build (whose reader may
    never run ``deckgen check``) to print: ``places`` are (where, picture job) pairs, the
    place as the build names it (``deck.yaml:5: slides[0]``); one warning a place."""
    from deckgen.render.charts import ChartJob

    out: list[str] = []
    for place, job in places:
        if isinstance(job, ChartJob) and _fractions(job) is not None:
            message, fix = fraction_series(job)
            said = f"{place}: {message} (NUM009); {fix}"
            if said not in out:
                out.append(said)
    return out


#: The filters that write a value as a percentage, unless their arguments say otherwise
#: (:func:`_writes_percent`).
_PERCENT_FILTERS = ("percent", "signed", "format")


def _writes_percent(shown: Shown) -> bool:
    """Whether the filter that wrote ``shown`` wrote its value as a percentage: ``percent``,
    ``signed`` with its percent sign (not in points), ``format`` in a percent style; not
    a value ``change()`` worked out (a change of fractions is in percent)."""
    from deckgen.binding.filters import format_of

    if shown.change or shown.filter not in _PERCENT_FILTERS:
        return False
    kwargs = dict(shown.kwargs)
    if shown.filter == "signed":
        sign = shown.args[1] if len(shown.args) > 1 else kwargs.get("percent_sign", True)
        points = shown.args[2] if len(shown.args) > 2 else kwargs.get("points", False)
        return sign is True and points is not True
    if shown.filter == "format":
        try:
            return format_of(shown).style == "percent"
        except ValueError:
            return False
    return True


def _fraction_column(table: pd.DataFrame | None, column: str) -> bool:
    """Whether every number of ``column`` lies within −1 and 1, and one at least is not 0,
    1 or −1 (a column of 0 and 1 is a flag, not a share): shares stored as fractions.

    Inside :func:`judging_columns`, judged once for the same frame and column."""
    if table is None or column not in table.columns:
        return False
    memo = _JUDGED.get()
    if memo is None:
        return _all_fractions(table, column)
    hit = memo.get((id(table), column))
    if hit is not None and hit[0] is table:
        return hit[1]
    judged = _all_fractions(table, column)
    memo[(id(table), column)] = (table, judged)  # the frame held: its id is not reused
    return judged


_Judged = dict[tuple[int, str], tuple["pd.DataFrame", bool]]
#: :func:`_fraction_column` by frame and column, while :func:`judging_columns` holds.
_JUDGED: contextvars.ContextVar[_Judged | None] = contextvars.ContextVar("judged", default=None)


def judging_columns() -> AbstractContextManager[_Judged | None]:
    """Judge each column of a frame once until the block ends (the rows of a batch, or of
    a check --for-each: their frames are read once for every row and not changed in
    place, so a frame is known by its identity). A row's percentage read its whole column
    again, row after row: a table of 2,000 rows read 4 million cells (fuzzing round 5,
    F13)."""
    return scoped(_JUDGED, {})


def _all_fractions(table: pd.DataFrame, column: str) -> bool:
    from deckgen.tables.select import to_number

    values: list[float] = []
    for cell in table[column]:
        try:
            number = to_number(cell)
        except (ValueError, TypeError):
            return False  # text: not a column of shares
        if number is not None:
            values.append(number)
    return (bool(values) and all(abs(v) <= FRACTION for v in values)
            and any(v not in (0, 1, -1) for v in values))  # fmt: skip


def _read_from(shown: Shown, reads: Sequence[Read]) -> Read | None:
    """The cell ``shown``'s value was read from: a cell of ``reads`` of that value, or the
    cells of one column whose mean, median or sum it is (``t.mean('share')``)."""
    import statistics

    def same(a: float, b: float) -> bool:
        # A var prints twelve significant digits (and is read back as its text).
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)

    numeric = [r for r in reads if isinstance(r.value, int | float) and math.isfinite(r.value)]
    for read in numeric:
        if same(float(read.value or 0), shown.value):
            return read
    columns: dict[tuple[str, str], list[float]] = {}
    for read in numeric:
        columns.setdefault((read.source, read.column), []).append(float(read.value or 0))
    for (source, column), values in columns.items():
        made = (math.fsum(values) / len(values), statistics.median(values), math.fsum(values))
        if len(values) > 1 and any(same(v, shown.value) for v in made):
            first = next(r for r in numeric if (r.source, r.column) == (source, column))
            return first
    return None


#: A template's expression and the filter after it: '{{ young_22 | percent }}' gives
#: 'young_22' and 'percent' (with its arguments: 'percent(1)'; an expression of filters
#: keeps them: 'x | abs').
_FILTERED = re.compile(
    r"\{\{-?\s*(.+?)\s*\|\s*((?:percent|signed|format)\b(?:\s*\([^()]*\))?)", re.DOTALL
)


def fraction_templates(
    bindings: Iterable[Binding], tables: Mapping[str, pd.DataFrame], locale: str
) -> list[tuple[Binding, str, str]]:
    """What NUM009 says of each bound text that writes as a percentage (``| percent``,
    ``| signed``, ``| format("percent:1")``) a value read from a column whose every value
    lies within −1 and 1 (:func:`_fraction_column`): the binding, the message and the
    fix, one a text. A chart's ``scale: 100`` does not reach a template, and a statement's
    'trust grew: 0.4% in 2022, 0.4% in 2025' went unsaid (found in review). For the
    build's warning too."""
    from deckgen.binding.filters import make_filters, parse_locale

    filters = make_filters(parse_locale(locale))
    judged: dict[tuple[str, str], bool] = {}
    out: list[tuple[Binding, str, str]] = []
    for binding in bindings:
        if not any(name in binding.template for name in _PERCENT_FILTERS):
            continue  # the numbers of a var it prints: said where the var writes them
        percents = [s for s in binding.shown if _writes_percent(s)]
        found: list[tuple[Shown, Read]] = []
        for shown in percents:
            read = _read_from(shown, binding.reads) if shown.value != 0 else None
            if read is None:
                continue
            key = (read.source, read.column)
            if key not in judged:
                judged[key] = _fraction_column(tables.get(read.source), read.column)
            if judged[key]:
                found.append((shown, read))
        if not found:
            continue
        shown, read = found[0]
        table = tables.get(read.source)
        file = _file_of(table) if table is not None else None
        within = f"{file}, " if file else ""
        others = len({s.value for s, _ in found}) - 1
        more = f" (and {others} more value{'s' * (others > 1)} of the column)" if others else ""
        meant = filters[shown.filter](shown.value * 100, *shown.args, **dict(shown.kwargs))
        written = [(m[1].strip(), m[2]) for m in _FILTERED.finditer(binding.template)]
        # Each expression is named only where all the text's percentages are of fractions,
        # in the order written (a loop's one expression writes many).
        named = len(written) == 1 or (bool(written) and len(written) == len(percents) == len(found))
        said = _q(f"{written[0][0]} | {written[0][1]}") if named else f"'| {shown.filter}'"
        message = (f"{said} writes {shown.value:g} as {shown.text!r}{more}, yet every value "
                   f"of column {read.column!r} ({within}data source {read.source!r}) lies "
                   f"between −1 and 1: {meant} if it is a fraction")  # fmt: skip
        if named:
            calls = [_q(f"{_times_100(expr)} | {name}") for expr, name in dict.fromkeys(written)]
            times = f"{calls[0]} writes {meant}"
            times += f", and likewise {joined(calls[1:])}" if len(calls) > 1 else ""
        else:
            times = f"'(… * 100) | {shown.filter}' writes {meant}"

        fix = (f"the values look like fractions (0.29 for 29%): multiply by 100 before the "
               f"filter ({times}); "
               f"or make the column percent in a derived table, with the step "
               f"'{percent_step(read.column)}', which the charts can use too "
               "(a chart's 'scale: 100' does not reach a template); if they are percentages "
               "under 1%, this is fine")  # fmt: skip
        out.append((binding, message, fix))
    return out


def _q(code: str) -> str:
    """A template's code quoted in a message: in single quotes, or in double quotes where
    it holds one ("monthly.mean('rate') | percent")."""
    return f'"{code}"' if "'" in code else f"'{code}'"


def _times_100(expression: str) -> str:
    """``expression`` times 100, as a template writes it: '(young_22 * 100)'; an
    expression with filters or operators of its own in brackets first."""
    plain = re.fullmatch(r"[\w.]+(\[[^\]]*\]|\([^()]*\)|\.[\w]+)*", expression)
    return f"({expression} * 100)" if plain else f"(({expression}) * 100)"


def _file_of(table: pd.DataFrame) -> str | None:
    """The name of the file ``table`` was read from; None for a derived table."""
    from pathlib import Path

    from deckgen.tables.origin import Origin

    origin = table.attrs.get("origin")
    file = origin.file if isinstance(origin, Origin) else table.attrs.get("file")
    return Path(str(file)).name if file else None


def fraction_template_warnings(
    bindings: Iterable[Binding], tables: Mapping[str, pd.DataFrame], locale: str
) -> list[str]:
    """The build's warning for each bound text NUM009 names (as :func:`fraction_warnings`
    for charts): one a text, at its place."""
    out: list[str] = []
    for binding, message, fix in fraction_templates(bindings, tables, locale):
        said = f"{binding.where}: {message} (NUM009); {fix}"
        if said not in out:
            out.append(said)
    return out


def _card_file(ctx: Context, path: PathKey) -> str | None:
    """The file of the first card planned from the outline's field at ``path`` (a social
    card's: ``social.cards[i]``), if it is one."""
    if path[:2] != ("social", "cards"):
        return None
    return next((c.file for c in ctx.cards if c.key and tuple(c.key) == path[:3]), None)


def _takes_scale(job: ChartJob) -> bool:
    """Whether ``job``'s chart type takes ``scale: 100`` (one of x, y and size values
    refuses it: 'scale' would multiply all three)."""
    from pydantic import ValidationError

    spec = job.spec
    try:
        type(spec).model_validate({**spec.model_dump(exclude_unset=True), "scale": 100.0})
    except (ValidationError, ValueError, TypeError):
        return False
    return True


@rule("NUM010", "warning", "a change between two values that print alike")
def unseen_changes(ctx: Context) -> Iterator[Finding]:
    """A bound text that states a change its numbers do not show: 'Exports rose from $1.5B
    to $1.5B' (1.49 and 1.52 billion, each rounded to one decimal), or a change worked out
    and written as none ('grew 0%' of a rise of 0.3%); the build said nothing (found in
    review). Read from the numbers the templates wrote and the values they were given;
    the fix names the decimals that tell them apart."""
    locale = ctx.loaded.outline.deck.locale
    for binding in ctx.bound.bindings:
        index = binding.path[1] if binding.path[0] == "slides" else None
        for message, fix in unseen_change(binding, locale):
            yield _finding("NUM010", "warning", binding.where, message,
                           f"{fix}: --ignore NUM010",
                           index + 1 if isinstance(index, int) else None)  # fmt: skip


@rule("NUM011", "warning", "a chart whose marks are too short to show the changes it writes")
def unseen_marks(ctx: Context) -> Iterator[Finding]:
    """A chart that writes changes its marks draw too short to see: shares of 4% to 22%
    changing by 0.1 to 0.4 points drew every arrow as a dot beside a column writing
    '+0,4 Pp.', and the picture said no change where the data said change (found in
    review). The chart type says which (``ChartKind.unseen_marks``), drawing the chart as
    the build draws it only where an estimate says some may be; the build warns too."""
    for picture in _chart_pictures(ctx):
        said = picture.job.spec.unseen_marks(picture.job)
        if said is not None:
            yield _finding("NUM011", "warning", picture.where, said[0], said[1],
                           picture.slide, picture.card)  # fmt: skip


@rule("NUM014", "warning", "a chart that draws its data otherwise than the data says")
def drawn_unlike_data(ctx: Context) -> Iterator[Finding]:
    """A chart along time whose periods step unevenly yet are drawn one slot apart (fiscal
    years, days that read day or month first: a 10-day step as wide as a 1-day one), a
    stacked area's missing value drawn as zero (both found in review), as the chart type
    says from the data alone (``ChartKind.drawn_unlike_data``),
    on slides, native charts and cards; the build warns too. Once a chart: a card shared
    from its slide is the slide's chart."""
    seen: set[PathKey] = set()
    for picture in _chart_pictures(ctx, native=True):
        if picture.owner in seen:
            continue
        seen.add(picture.owner)
        for message, fix in picture.job.spec.drawn_unlike_data(picture.job):
            yield _finding("NUM014", "warning", picture.where, message, fix,
                           picture.slide, picture.card)  # fmt: skip


#: What makes two numbers a change from one to the other (or a comparison of the two):
#: the words between them alone ('$1.5B to $1.5B', 'X → Y', 'X vs Y'), ...
_LINK_ALONE = re.compile(r"\s*(?:to|→|->|–|—|vs\.?|versus|against|bis|auf|à)\s*", re.IGNORECASE)
#: ... words that open the change before the first ('from X to Y', 'between X and Y',
#: German 'von X auf Y', French 'de X à Y') ...
_OPENS = re.compile(r"\b(?:from|between|von|zwischen|de|entre)\b[^.;!?]{0,30}$", re.IGNORECASE)
_CLOSES = re.compile(r"\b(?:to|and|auf|bis|und|à|et)\b", re.IGNORECASE)
#: ... or words between them that look back ('X, up from Y', 'X compared with Y').
_LOOKS_BACK = re.compile(r"\b(?:from|compared|against|vs|versus|than)\b|→|->", re.IGNORECASE)
#: What the words between two such numbers may not hold: the end of a sentence or clause.
_CLAUSE_END = re.compile(r"[.;!?](?:\s|$)")
#: Words before or after a number that make it a change ('rose 0%', '0.0% growth').
_CHANGE_BEFORE = re.compile(
    r"\b(?:rose|rise[sn]?|fell|fall(?:s|en)?|grew|grows?|grown|up|down|(?:in|de)creas(?:ed|es?)"
    r"|gain(?:ed|s)?|lost|loses?|dropp?(?:ed|s)?|climb(?:ed|s)?|declin(?:ed|es?)|jump(?:ed|s)?"
    r"|slipp?(?:ed|s)?|chang(?:ed|es?)|mov(?:ed|es?)|growth|difference|shift(?:ed|s)?|by)\W+$",
    re.IGNORECASE,
)
_CHANGE_AFTER = re.compile(
    r"^\W*(?:growth|change|increase|decrease|rise|drop|decline|gain|loss|higher|lower|more"
    r"|less|up|down)\b",
    re.IGNORECASE,
)


def unseen_change(binding: Binding, locale: str) -> list[tuple[str, str]]:
    """What NUM010 says of one bound text (its message and fix a finding): two numbers
    its template wrote alike from different values, joined as a change ('from $1.5B to
    $1.5B'), and a change written as none ('+0%', '0.0') of a value that is not zero.
    For the build's warning too (``deckgen check`` is not always run)."""
    from deckgen.binding.filters import decimals_of, nonzero, written

    shown = [s for s in binding.shown if math.isfinite(s.value)]
    if not shown:
        return []
    text = binding.text
    spans = _spans(text, {s.text for s in shown})
    out: list[tuple[str, str]] = []
    for (start, a_end, printed), (b_start, end, other) in pairwise(spans):
        if printed != other:
            continue
        gap = text[a_end:b_start]
        values = list(dict.fromkeys(s.value for s in shown if s.text == printed))
        if len(values) < 2 or len(gap) > 40 or _CLAUSE_END.search(gap):
            continue
        opened = _OPENS.search(text[:start]) and _CLOSES.search(gap)
        if not (_LINK_ALONE.fullmatch(gap) or opened or _LOOKS_BACK.search(gap)):
            continue
        first, second = (next(s for s in shown if s.text == printed and s.value == v)
                         for v in values[:2])  # fmt: skip
        message = (f"{_quote(text, start, end)!r} states a change the reader cannot see: "
                   f"{plain_number(first.value)} and {plain_number(second.value)} both print as "
                   f"{printed!r}")  # fmt: skip
        fix = "say the two are about the same ('held at about …'), or show the change itself"
        now = decimals_of(first)
        for more in range(now + 1, 7) if now is not None else ():
            a, call = written(first, more, locale)
            b, _ = written(second, more, locale)
            if a != b:
                fix = f"write them with more decimals: '| {call}' gives {a} and {b}; or {fix}"
                break
        out.append((message, fix))
    for start, end, printed in spans:
        for s in shown:
            if s.text != printed or s.value == 0 or nonzero(printed):
                continue
            if not (s.filter == "signed" or s.change or _CHANGE_BEFORE.search(text[:start])
                    or _CHANGE_AFTER.search(text[end:])):  # fmt: skip
                continue
            change = plain_number(s.value)
            message = (f"{_quote(text, start, end)!r} writes a change of {change} as "
                       f"{printed!r}, which reads as no change")  # fmt: skip
            fix = "say it changed little ('about the same'), or show the change"
            now = decimals_of(s)
            for more in range(now + 1, 7) if now is not None else ():
                shows, call = written(s, more, locale)
                if nonzero(shows):
                    fix = f"write it with more decimals: '| {call}' gives {shows}; or {fix}"
                    break
            out.append((message, fix))
            break
    return list(dict.fromkeys(out))


def _spans(text: str, printed: set[str]) -> list[tuple[int, int, str]]:
    """Where each of ``printed`` stands in ``text`` (longest first; not inside a longer
    number: '5%' is not in '15%'), in order."""
    if not printed:
        return []
    alternatives = "|".join(re.escape(p) for p in sorted(printed, key=len, reverse=True))
    found = re.finditer(rf"(?<![\d.,])(?:{alternatives})(?![\d])", text)
    return [(m.start(), m.end(), m.group(0)) for m in found]


def _quote(text: str, start: int, end: int) -> str:
    """``text[start:end]`` with the words just before it that say what it is ('Exports
    rose from $1.5B to $1.5B'), from the start of a word."""
    before = text[max(0, start - 24) : start]
    cut = before.find(" ") + 1 if start > 24 and " " in before else 0
    return (before[cut:] + text[start:end]).strip()


def unseen_change_warnings(bindings: Iterable[Binding], locale: str) -> list[str]:
    """The build's warning for each bound text NUM010 names (as :func:`fraction_warnings`
    for NUM009): one a problem, at the text's place."""
    out: list[str] = []
    for binding in bindings:
        for message, fix in unseen_change(binding, locale):
            said = f"{binding.where}: {message} (NUM010); {fix}"
            if said not in out:
                out.append(said)
    return out


#: Qualifiers that bound a value from below ('More than 2M': the value is over 2M) and
#: from above ('Nearly 2M', 'Under 2M': it is under 2M).
_AT_LEAST = re.compile(r"(more than|over|at least|above|upwards of)", re.IGNORECASE)
_AT_MOST = re.compile(r"(nearly|almost|close to|up to|less than|under|fewer than|below"
                      r"|just under)", re.IGNORECASE)  # fmt: skip


def false_hedges(bindings: Iterable[Binding], outline: Any) -> Iterator[tuple[Binding, str, str]]:
    """Each stat's value that its qualifier makes false once the number is rounded: 'More
    than 2M' written for 1,669,865 by ``compact(0)`` (rounded up past the value the
    qualifier says it exceeds), 'Nearly 1.6M' for 1,669,865 (rounded down past it). The
    build and ``deckgen check`` said nothing, and the card and its alt text stated a false
    claim (found in review). Read from the number the template wrote and the value it was
    given; a value the source itself hedges (written as given) is left alone. With the
    message and the fix."""
    for binding in bindings:
        if binding.path[-1:] != ("value",) or len(binding.shown) != 1:
            continue
        node: Any = outline
        for key in binding.path[:-1]:
            node = node[key] if isinstance(key, int) else getattr(node, key, None)
        qualifier = str(getattr(node, "qualifier", None) or "").strip()
        shown = binding.shown[0]
        written = numbers(shown.text)
        if not qualifier or len(written) != 1 or not math.isfinite(shown.value):
            continue
        printed, value = written[0].value * written[0].unit, shown.value
        above = _AT_LEAST.fullmatch(qualifier) and printed > value and not math.isclose(
            printed, value, rel_tol=1e-12)  # fmt: skip
        below = _AT_MOST.fullmatch(qualifier) and printed < value and not math.isclose(
            printed, value, rel_tol=1e-12)  # fmt: skip
        if not (above or below):
            continue
        exact = f"{value:,.{_places(value)}f}"
        way = "up" if above else "down"
        yield (
            binding,
            f"'{qualifier} {shown.text}' says the value is {'over' if above else 'under'} "
            f"{shown.text}, and it is {exact}: the number rounded {way} made the claim false",
            f"write a round figure the value is {'over' if above else 'under'} ('{qualifier} "
            f"{_round_past(shown.text, value, up=not above)}'), or drop {qualifier!r} and write "
            "the value rounded",
        )


def _places(value: float) -> int:
    """Decimals to write ``value`` with exactly enough (up to three)."""
    for places in range(4):
        if math.isclose(round(value, places), value, rel_tol=0, abs_tol=1e-9):
            return places
    return 3


def _round_past(text: str, value: float, *, up: bool) -> str:
    """``text`` (a number as a filter wrote it: '2M', '$1.7B') with its number the value
    rounded the other way, at one decimal more than written: '1.6M' for 1,669,865 written
    '2M' under 'More than'."""
    number = numbers(text)[0]
    places = number.decimals + 1
    step = 10**places
    scaled = value / number.unit * step
    # Strictly past it: 'Under 9.44M' is as false of 9,440,000 as 'Under 9.4M'.
    bound = (math.floor(scaled) + 1 if up else math.ceil(scaled) - 1) / step
    return _DIGITS.sub(f"{bound:,.{places}f}", text, count=1)


#: A number's digits as a filter writes them ('1,669,865', '1.7').
_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?")


@rule("NUM018", "warning", "a stat's qualifier that its rounded number makes false")
def hedges_made_false(ctx: Context) -> Iterator[Finding]:
    """'More than 2M' where the value is 1,669,865: see :func:`false_hedges`. On a stats
    slide's callouts and a stat card alike; the build warns of them too."""
    cards = {card.key: card.file for card in reversed(ctx.cards) if card.key}  # its first
    for binding, message, fix in false_hedges(ctx.bound.bindings, ctx.bound.loaded.outline):
        index = binding.path[1] if binding.path[0] == "slides" else None
        yield _finding("NUM018", "warning", binding.where, message, fix,
                       index + 1 if isinstance(index, int) else None,
                       cards.get(binding.path[:-1]))  # fmt: skip


def false_hedge_warnings(bindings: Iterable[Binding], outline: Any) -> list[str]:
    """The build's warning for each stat NUM018 finds (:func:`false_hedges`)."""
    return [f"{b.where}: {message} (NUM018); {fix}" for b, message, fix in
            false_hedges(bindings, outline)]  # fmt: skip


@rule("NUM012", "warning", "rows or columns an Excel sheet hides, or cells it merges, read as data")
def hidden_rows_read(ctx: Context) -> Iterator[Finding]:
    """A row Excel hides (a parked total, an old estimate) is read as any other and drawn,
    though the user, looking at the sheet, never saw it. The build warns of it; this is
    the same finding (:func:`deckgen.tables.sources.hidden_rows`), once per sheet, at its
    first hidden row, with the filter that leaves the rows out."""
    from deckgen.tables.sources import hidden_rows

    for found in hidden_rows(ctx.tables):
        problem = found.problem
        yield _finding("NUM012", "warning", problem.location, problem.message,
                       problem.hint or "", data=Cells(found.source, found.rows))  # fmt: skip


@rule("NUM015", "warning", "values of a Eurostat file read without their flags")
def flagged_values_read(ctx: Context) -> Iterator[Finding]:
    """A Eurostat value flagged provisional or estimated is read as its number: the chart
    no longer says what the flag did. The build warns of it; this is the same finding
    (:func:`deckgen.tables.sources.flagged_values`), once per file, at its first flagged
    value, with what to write in the slide's source."""
    from deckgen.tables.sources import flagged_values

    for found in flagged_values(ctx.tables, ctx.loaded.outline.source_lines):
        problem = found.problem
        yield _finding("NUM015", "warning", problem.location, problem.message,
                       problem.hint or "", data=Cells(found.source, found.rows))  # fmt: skip


@rule("NUM013", "warning", "a mean or median reference line of only the rows top: keeps")
def reference_of_top(ctx: Context) -> Iterator[Finding]:
    """A reference line's mean or median is of the rows the chart shows: where ``top:``
    leaves rows out, a reader takes 'Median' for all the rows'. The build warns of it on a
    slide's chart and a card's; this is the same finding (the chart's own
    ``reference_problem``), at the line of its ``reference``."""
    from deckgen.plan.cards import card_references
    from deckgen.render.charts import ChartJob

    for planned in ctx.plan.slides:
        for placed in planned.pictures:
            job = placed.job
            if not isinstance(job, ChartJob) or job.spec.data not in ctx.tables:
                continue
            where = ctx.at("slides", planned.index, "chart", "reference")
            problem = job.spec.reference_problem(ctx.tables[job.spec.data], job.data, where)
            if problem is not None:
                yield _finding("NUM013", "warning", problem.location, problem.message,
                               problem.hint or "", planned.number)  # fmt: skip
    yield from _card_findings(ctx, "NUM013", card_references(ctx.loaded, ctx.tables))


@rule("NUM016", "warning", "a top: that cuts between rows of the same sort: value")
def tie_at_top(ctx: Context) -> Iterator[Finding]:
    """``top: 5`` of rows sorted by a value, where the fifth and sixth have the same value:
    which of them is shown is decided by their order in the file, and the chart or table
    says the one shown ranks above the other. The build warns of it on a slide's chart or
    table and a card's; this is the same finding (``top_tie``), at the line of its ``top``."""
    from deckgen.kinds.slides.table import TableSlide
    from deckgen.plan.cards import card_ties
    from deckgen.render.charts import ChartJob
    from deckgen.tables.select import top_tie

    seen: set[int] = set()
    for planned in ctx.plan.slides:
        slide, problem = planned.slide, None
        if isinstance(slide, TableSlide):
            spec, frame = slide.table, ctx.tables.get(slide.table.data)
            if planned.index in seen or frame is None:
                continue
            seen.add(planned.index)  # a table continued over slides is one table
            first = spec.columns[0].column if spec.columns else None
            problem = top_tie(frame, spec, ctx.at("slides", planned.index, "table"), first)
        for placed in planned.pictures:
            job = placed.job
            if isinstance(job, ChartJob) and job.spec.data in ctx.tables:
                where = ctx.at("slides", planned.index, "chart")
                problem = job.spec.tie_problem(ctx.tables[job.spec.data], where)
        if problem is not None:
            problem = ctx.loaded.relocate(problem)
            yield _finding("NUM016", "warning", problem.location, problem.message,
                           problem.hint or "", planned.number)  # fmt: skip
    yield from _card_findings(ctx, "NUM016", card_ties(ctx.loaded, ctx.tables))


def outranked(title: str, job: object, locale: str) -> tuple[str, str] | None:
    """NUM017's message and fix where ``title`` ranks one of the categories of the chart
    ``job`` draws first (or last) and the chart draws another above (or below) it; else
    ``None``. See :func:`ranked_titles`."""
    from deckgen.kinds.charts._totals import is_total_name
    from deckgen.outline.text_numbers import ranked_first
    from deckgen.render.chartkit import fmt
    from deckgen.render.charts import ChartJob

    if (not isinstance(job, ChartJob) or _language(locale) != "en"
            or not job.spec.ranks_categories or len(job.data.series) != 1):  # fmt: skip
        return None
    names = [str(c) for c in job.data.categories]
    claim = ranked_first(title, names)
    if claim is None:
        return None
    subject, first = claim
    values = dict(zip(names, job.data.series[0].values, strict=True))
    own = values.get(subject)
    others = [(n, v) for n, v in values.items()
              if n != subject and v is not None and not is_total_name(n)]  # fmt: skip
    if own is None or not others:
        return None
    other, value = (max if first else min)(others, key=lambda pair: pair[1])
    if (value <= own) if first else (value >= own):
        return None
    return (
        f"the title ranks {subject!r} {'first' if first else 'last'}, and the chart draws "
        f"{other!r} {'above' if first else 'below'} it: {fmt(job, value, alone=True)} against "
        f"{fmt(job, own, alone=True)}",
        f"state what the chart shows ({other} {'leads' if first else 'is last'}), or chart "
        "the measure and the rows the title ranks",
    )


def ranked_title_warnings(slides: Iterable[PlannedSlide], locale: str) -> list[str]:
    """The build's warning for each chart slide whose title NUM017 finds ranks a category
    otherwise than its chart draws it: a reader of the build may never run ``deckgen
    check``, and the slide would state the wrong leader."""
    said = [f"{planned.where}: {message} (NUM017); {fix}"
            for planned, (message, fix) in _outranked_slides(slides, locale)]  # fmt: skip
    return list(dict.fromkeys(said))  # a table continued over slides: said once


def _outranked_slides(
    slides: Iterable[PlannedSlide], locale: str
) -> Iterator[tuple[PlannedSlide, tuple[str, str]]]:
    """Each slide of one chart whose title :func:`outranked` finds, with what it says."""
    for planned in slides:
        title = getattr(planned.slide, "title", None)
        jobs = [p.job for p in planned.pictures]
        if (
            isinstance(title, str)
            and len(jobs) == 1
            and (found := outranked(title, jobs[0], locale))
        ):
            yield planned, found


@rule("NUM017", "warning", "a title that ranks one category first (or last) where the chart "
      "shows another above (or below) it")  # fmt: skip
def ranked_titles(ctx: Context) -> Iterator[Finding]:
    """'Texas builds the most' over a bar chart in which Michigan's bar is longer: a title
    that names one of the chart's categories and states a plain superlative of it (the
    largest, the most, leads, more than any other; the smallest, the fewest) is read
    against the values the chart draws, its totals left out. Judged in English titles
    alone, and only where the claim is a plain rank (:func:`ranked_first`: not 'the second
    largest', 'one of the biggest', 'grew the most' or 'the largest share'), over a chart
    of one series whose categories are what it ranks (``ranks_categories``). On a slide's
    chart and a chart card's alike; the build warns of a slide's."""
    from deckgen.kinds.cards.chart import ChartCardJob

    locale = ctx.loaded.outline.deck.locale
    for planned, found in _outranked_slides(_first_of_each(ctx), locale):
        yield _finding("NUM017", "warning", ctx.at("slides", planned.index, "title"), *found,
                       planned.number)  # fmt: skip
    for card in ctx.cards:
        title = getattr(card.card, "title", None)
        if (
            card.key
            and isinstance(card.job, ChartCardJob)
            and isinstance(title, str)
            and (carded := outranked(title, card.job.chart.job, locale))
        ):
            yield _finding("NUM017", "warning", _card_at(ctx, card, "title"), *carded,
                           card=card.file)  # fmt: skip


@rule("NUM007", "warning", "a title that states plainly a number its callout hedges")
def unhedged_titles(ctx: Context) -> Iterator[Finding]:
    """The callout says 'More than $32.8B' (the source's words) and the title says the
    auto industry 'invested $32.8 billion': the title claims a precision the source does
    not. A title number equal to a hedged callout's value keeps a hedge before it. On
    slides and on the sections of social cards alike."""
    for path, node in _titled_callouts(ctx.loaded.outline, ()):
        title = node.title
        index = path[1] if path[0] == "slides" else None
        for item in node.items:
            qualifier = getattr(item, "qualifier", None)
            value = numbers(str(getattr(item, "value", "")))
            if not qualifier or len(value) != 1:
                continue
            said = f"{qualifier} {getattr(item, 'value', '')}"
            for number, before in _numbers_with_words_before(title):
                if _same(number, value[0]) and not _HEDGE.search(before):
                    slide = index + 1 if isinstance(index, int) else None
                    yield _finding("NUM007", "warning", ctx.at(*path, "title"),
                                   f"the title says {number.text!r} plainly; its callout "
                                   f"says {said!r}",
                                   f"hedge the title's number as the callout does "
                                   f"('{qualifier.lower()} {number.text}'), or drop the "
                                   "callout's qualifier if the figure is exact",
                                   slide)  # fmt: skip


def _titled_callouts(node: Any, path: PathKey) -> Iterator[tuple[PathKey, Any]]:
    """Every model under ``node`` with a text title and a list of items (a stats slide, a
    card's stats section), with its outline path."""
    from pydantic import BaseModel

    if isinstance(node, list):
        for i, item in enumerate(node):
            yield from _titled_callouts(item, (*path, i))
    elif isinstance(node, BaseModel):
        fields = type(node).model_fields
        title, items = getattr(node, "title", None), getattr(node, "items", None)
        if isinstance(title, str) and isinstance(items, list):
            yield path, node
        for name in fields:
            if name not in ("title", "items"):
                yield from _titled_callouts(getattr(node, name), (*path, name))


#: Words that hedge the number after them ('more than $32.8 billion', 'about 86%').
_HEDGE = re.compile(
    r"\b(about|around|roughly|approximately|approx\.?|nearly|almost|close to|more than|"
    r"over|at least|some|up to|less than|under|fewer than|above|below|upwards of|"
    r"an estimated|estimated|circa|c\.)\s*$|~\s*$",
    re.IGNORECASE,
)


def _numbers_with_words_before(text: str) -> Iterator[tuple[Number, str]]:
    """Each number in ``text`` with the three words before it."""
    for m, number in zip(NUMBER.finditer(text), numbers(text), strict=True):
        yield number, " ".join(text[: m.start()].split()[-3:])


def _same(a: Number, b: Number) -> bool:
    """Whether two numbers as written are one figure ('$32.8 billion' and '$32.8B')."""
    return a.percent == b.percent and math.isclose(a.value * a.unit, b.value * b.unit)


#: Words that say nothing about what a number measures.
_STOP = frozenset("a an and are as at by for from in is of on or the to was were with".split())


def _words_alike(a: str | None, b: str | None) -> bool:
    """Whether two labels share most of their content words (Jaccard >= 0.5), so a
    reader cannot tell at a glance that their numbers measure different things."""
    words = [set(re.findall(r"[a-z0-9']+", (t or "").lower())) - _STOP for t in (a, b)]
    union = words[0] | words[1]
    return not union or len(words[0] & words[1]) / len(union) >= 0.5


# --------------------------------------------------------------------------- editorial
def _norm(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


@rule("ED001", "warning", "the same body text twice")
def repeated_text(ctx: Context) -> Iterator[Finding]:
    """Two cards, bullets or slides with the same text read as a copy-paste error. Not a
    subtitle: it names the measure ('Vehicles produced, millions, 2004 and 2023'), as
    ED003's fix asks, and slides of one measure name it alike (flagged in review)."""
    seen: dict[str, int] = {}
    for i, slide in enumerate(ctx.loaded.outline.slides):
        for path, text in shown_texts(slide, ("slides", i)):
            if path[-1] in ("value", "qualifier", "subtitle") or len(text.split()) < 4:
                continue
            key = _norm(text)
            if key not in seen:
                seen[key] = i + 1
                continue
            where = "an item on this slide" if seen[key] == i + 1 else f"slide {seen[key]}"
            yield _finding("ED001", "warning", ctx.at(*path),
                           f"this text repeats {where}: {text[:70]!r}",
                           "write each item's own point, or cut the repeat", i + 1)  # fmt: skip


@rule("ED002", "warning", "a chart that cannot name every category whole, or leaves a note out")
def unlabelled(ctx: Context) -> Iterator[Finding]:
    """Past the room for its names, a chart names every k-th category, or ends a long name
    with '…' (the build warns of both): say which, with the fix that helps. A slide's chart
    is judged by drawing it as the build does, where a cheap estimate says its names may
    not fit (:func:`_may_crowd`): the estimate alone, made as for a card, warned of a
    ranking of 24 rows that the slide names whole, and told 'keep the top 2' of four bars
    whose names were too long (found by fuzzing). Check draws nothing else."""
    from deckgen.render.charts import ChartJob

    for planned in ctx.plan.slides:
        for placed in planned.pictures:
            job = placed.job
            # A native chart is drawn by PowerPoint, which places its own labels: the build
            # draws no picture of it, and so warns of none.
            if not isinstance(job, ChartJob) or placed.native:
                continue
            # Notes and a reference label are placed where the drawing finds room, so only
            # drawing tells whether one is left out (the build warned of a note left out
            # that check passed: found in review).
            placed_later = bool(job.spec.annotations) or job.spec.reference is not None
            if not (placed_later or _may_crowd(ctx, job, placed.box)):
                continue
            drawn = _draw_names(job)
            said = drawn.said()
            if said is not None:
                message, fix = said
                yield _finding("ED002", "warning", planned.where, message, fix, planned.number)


def _may_crowd(ctx: Context, job: ChartJob, box: Rect) -> bool:
    """Whether a slide chart's names may not all show whole, by estimates that draw
    nothing; only such a chart is drawn to see (:func:`_draw_names`), so a check of a deck
    whose names plainly fit loads no drawing library and stays a fraction of a build.

    Crowded: more categories than a card of the box would name (the kind's own estimate,
    which knows whether its names stand under columns or beside rows), and more than the
    slide has room for either way, as it draws them: at the theme's smallest size, a row a
    line for each line of its name wrapped at 30% of the width (horizontal bars and rows
    of dots shrink their names to fit), or every word within its column's share. The card
    estimate alone, a line and a half a row, warned of 24 rows the slide names whole.
    Or long: a name a picture may end with '…' (:func:`_long_name`). Or names placed
    beside marks that the kind says may crowd (``names_may_crowd``). Or many series: more
    than the plot's height holds a line each, as names stacked beside their ends are
    (those with no room are left out, and the build names them)."""
    from deckgen.layout.text import SLIDE
    from deckgen.layout.units import Pt

    sizes = ctx.theme.theme.sizes
    count = len(job.data.categories)
    dates = job.data.x_dates is not None
    if _long_name(ctx, job, box.width.pt) or job.spec.names_may_crowd(job, box):
        return True
    stacked = len(job.data.series) * 1.2 * sizes.chart_label * job.canvas.scale
    if len(job.data.series) > 1 and stacked > 0.8 * box.height.pt:
        return True
    label_px = round(sizes.chart_label * 96 / 72)
    if dates or count <= job.spec.card_room(job.data, box, label_px, ctx.theme):
        return False
    small = Pt(min(sizes.minimum, sizes.chart_label) * job.canvas.scale)
    regular = ctx.theme.body.regular
    names = [str(c) for c in job.data.categories]
    line = 1.2 * small.pt  # matplotlib's line spacing
    lines = max(len(SLIDE.wrap(n, regular, small, Pt(0.3 * box.width.pt))) for n in names)
    if count * lines * line > 0.9 * box.height.pt:
        return True
    # Values read across (horizontal bars, dots) leave the names no columns; a kind that
    # says nothing of it may draw either.
    if job.spec.value_along == "x":
        return False
    share = 0.8 * box.width.pt / count  # a column's, less the value axis and the margins
    return any(SLIDE.width(w, regular, small).pt > share for n in names for w in n.split())


def _long_name(ctx: Context, job: ChartJob, width: float) -> bool:
    """Whether a chart's picture may end a name with '…': one past its lines, or with a
    word wider than its room, in the narrowest room a chart gives a name beside its marks
    (a fifth of the width: series named beside stacked columns), or a name under a column
    past its lines in the column's share. Set at the largest size, in bold (a highlighted
    name), so that every name that may be cut is drawn to see."""
    from deckgen.layout.text import SLIDE
    from deckgen.layout.units import Pt
    from deckgen.render.chartkit import NAME_LINES

    sizes = ctx.theme.theme.sizes
    size = Pt(max(sizes.minimum, sizes.chart_label) * job.canvas.scale)
    bold = ctx.theme.body.file(True)

    def long(name: str, room: float, *, words: bool = True) -> bool:
        if len(SLIDE.wrap(name, bold, size, Pt(room))) > NAME_LINES:
            return True
        return words and any(SLIDE.width(w, bold, size).pt > room for w in name.split())

    dates = job.data.x_dates is not None
    categories = [] if dates else [str(c) for c in job.data.categories]
    series = [s.name for s in job.data.series] if len(job.data.series) > 1 else []
    column = 0.95 * width / max(len(categories), 1)
    return any(long(name, 0.2 * width) for name in categories + series) or any(
        long(name, column, words=False) for name in categories
    )


@dataclass(frozen=True)
class _DrawnNames:
    """What a chart's picture, drawn as the build draws it, shows of its names."""

    #: The categories, as the data has them.
    categories: tuple[str, ...]
    #: The names the picture ends with '…', as drawn ('Antidisestablishmentarianism…'):
    #: what the build's warning quotes (``chartkit.keep_drawn``).
    cut: tuple[str, ...]
    #: What the drawing says it left out, in the build's words (``chartkit.left_out``).
    left: tuple[str, ...]
    #: The categories named on its category axis; ``None`` where it has none to read (a
    #: date axis, slices round a ring, states, points) or shows more than names.
    named: frozenset[int] | None
    #: Whether the categories are named under bars (which can be turned into rows).
    columns: bool

    def said(self) -> tuple[str, str] | None:
        """The finding's message and fix, or ``None`` when every name shows whole.

        Names ended with '…' are quoted as the chart draws them, and only those it draws:
        the names shortened while drawing also held names then left out (every k-th shown)
        and names cut only while trying a layout, and read alone said that 40 names under
        columns end with '…' where none does and 36 have no name at all."""
        from deckgen.errors import counted
        from deckgen.render.chartkit import NAME_LINES

        n = len(self.categories)
        unnamed = [] if self.named is None else [
            c for i, c in enumerate(self.categories) if i not in self.named]  # fmt: skip
        cut = self.cut
        said: list[str] = []
        fixes: list[str] = []
        if cut:
            # As drawn, whole (at most a few lines).
            said.append(f"{counted(len(cut), 'name')} too long to show whole, so ended with "
                        f"'…' on the chart: {_quoted(cut, whole=True)}")  # fmt: skip
            fixes.append(f"shorten the names in the data (a name shows on at most {NAME_LINES} "
                         "lines, and a word within its label's room: break a long one with a "
                         "hyphen)")  # fmt: skip
        # The build's own words for what it left out, but for columns it left unnamed,
        # which are said below with their names and a count to keep.
        left = [note for note in self.left if not (unnamed and " are unnamed (" in note)]
        if left:
            # The build's own words: what it left out, then (after '; ') what to do.
            for note in left:
                head, sep, tail = note.partition("; ")
                said.append(head)
                fixes += _alternatives(tail) if sep else []
        elif unnamed:
            said.append(f"{len(unnamed)} of its {n} categories have no name on the chart "
                        f"({_quoted(unnamed)})")  # fmt: skip
            if not cut:
                # Shorter names or fewer of them: either leaves room for each (a chart cut
                # to one category is no fix).
                room = len(self.named or ())
                fixes.append("shorten the names in the data")
                fixes += [f"keep the top {room} ('top: {room}')"] if room > 1 else []
        if not said:
            return None
        if self.columns and (cut or unnamed):
            fixes.append("turn the bars sideways (names wrap beside rows, with more room)")
        # Each fix once: the build's note says 'shorten the names' too, and each of two
        # series left unnamed says how to make room.
        kept: list[str] = []
        for fix in fixes:
            again = fix in kept or (
                fix.startswith("shorten") and any(k.startswith("shorten") for k in kept)
            )
            if fix and not again:
                kept.append(fix)
        if len(kept) > 1:
            kept = [", ".join(kept[:-1]) + ", or " + kept[-1]]
        return "; ".join(said), kept[0] if kept else "show fewer categories"


def _alternatives(fix: str) -> list[str]:
    """The fixes a note lists ('a, b, or c'), split at the commas and the 'or' between
    them, not inside brackets or quotes: split at ', or' alone, two notes' fixes read
    'give the chart more room, write ..., or give the chart more room, show fewer columns'
    (found by a new user)."""
    parts: list[str] = []
    depth, quoted, start = 0, False, 0
    for k, ch in enumerate(fix):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(depth - 1, 0)
        elif ch == "'" and not (
            0 < k < len(fix) - 1 and fix[k - 1].isalpha() and fix[k + 1].isalpha()
        ):
            quoted = not quoted  # an apostrophe inside a word ("chart's") is no quote
        elif not depth and not quoted and k >= start:
            cut = next((c for c in (", or ", ", ", " or ") if fix.startswith(c, k)), None)
            if cut is not None:
                parts.append(fix[start:k])
                start = k + len(cut)
    parts.append(fix[start:])
    return [part.strip() for part in parts if part.strip()]


def _draw_names(job: ChartJob) -> _DrawnNames:
    """The chart drawn as the build draws it, and what it shows of its names."""
    from deckgen.render.chartkit import category_labels, keep_drawn, leaving_out, shortening
    from deckgen.render.style import chart_style

    with chart_style(job.theme, job.canvas), shortening() as cut, leaving_out() as left:
        fig = job.figure()
        try:
            keep_drawn(fig, 0)  # the names as the picture ends them with '…', as the build
            names = category_labels(job) if job.data.x_dates is None else []
            axis = _named(fig, names)
            unseen = job.spec.unseen_marks(job, fig)  # NUM011's to say, not this rule's
        finally:
            fig.clear()
    unlike = {f"{m}; {f}" for m, f in job.spec.drawn_unlike_data(job)}  # NUM014's
    return _DrawnNames(
        categories=tuple(str(c) for c in job.data.categories),
        cut=tuple(cut),
        left=tuple(
            n for n in left if (unseen is None or not n.startswith(unseen[0])) and n not in unlike
        ),
        named=axis[0] if axis else None,
        # Bars whose names stand under them can be turned into rows, which wrap names.
        # Only a chart of one series has a sideways form (columns to rows).
        columns=job.spec.from_zero and job.spec.single_series and axis is not None and axis[1],
    )


def _named(fig: Figure, names: list[str]) -> tuple[frozenset[int], bool] | None:
    """The indexes of ``names`` written on the figure's axes of names (under columns, or
    beside rows), whole or ending in '…', and whether they stand under columns; ``None``
    when no axis is one of names alone (numbers, dates, 'Other (3)': nothing to count).
    Read from the picture: which way a kind writes its names is its own business."""
    if not names:
        return None

    def squeezed(text: str) -> str:
        return "".join(text.split())

    whole = [squeezed(n) for n in names]

    def naming(labels: list[Text]) -> set[int] | None:
        shown = [s for s in (squeezed(t.get_text()) for t in labels if t.get_visible()) if s]
        found: set[int] = set()
        for text in shown:
            head, cut, _ = text.partition("…")
            hits = [i for i, w in enumerate(whole) if (w.startswith(head) if cut else w == text)]
            if not hits or not head:
                return None  # a tick that names no category: not an axis of names
            found.update(hits)
        return found or None

    named: set[int] = set()
    under = False
    for ax in fig.axes:
        across, down = naming(ax.get_xticklabels()), naming(ax.get_yticklabels())
        named |= (across or set()) | (down or set())
        under = under or bool(across)
    return (frozenset(named), under) if named else None


@rule("ED004", "warning", "a chart that names a series by its data column's name")
def column_names_shown(ctx: Context) -> Iterator[Finding]:
    """A series is named after its ``y`` column unless ``series_labels`` names it: a
    column named as code names columns ('total_musd', 'pctChange') then stands on the
    slide or card as a label, 'total_musd  170.4' (found in review). Only names the
    picture draws count: the chart is drawn, as the build draws it, where a series is so
    named, and its texts read. A chart on a card or an infographic's section is named at
    its own field (only a slide's was read: fuzz-Q/1); a card shared from a slide says
    what its slide's finding says. A card in several presets is found in each preset whose
    picture draws the name (the check tells it once, naming them)."""
    said: set[tuple[object, ...]] = set()  # by a slide, for the cards it shares
    for picture in _chart_pictures(ctx):
        job = picture.job
        spec = job.spec
        if spec.single_series:  # a type of one series leaves it unnamed: nothing to draw
            continue
        names = {s.name for s in job.data.series}
        raw = [c for c in spec.y_columns
               if c not in spec.series_labels and c in names and _reads_as_code(c)]  # fmt: skip
        if not raw or (picture.owner, *raw) in said:
            continue
        drawn = [c for c in raw if _draws_name(job, c)]
        if not drawn:
            continue
        if picture.slide is not None:
            said.add((picture.owner, *raw))
        labels = ", ".join(f"{c}: {_plain_name(c)!r}" for c in drawn)
        yield _finding("ED004", "warning", picture.where,
                       f"the chart names {_quoted(drawn)} as the data's column "
                       f"{'is' if len(drawn) == 1 else 'are'} named",
                       f"name {'it' if len(drawn) == 1 else 'them'} for a reader with the "
                       f"chart's series_labels: {{{labels}}}", picture.slide,
                       picture.card)  # fmt: skip


@dataclass(frozen=True)
class _ChartPicture:
    """A chart drawn as a picture, on a slide or a card: where the outline writes it, the
    slide number or card file it is on, and ``owner``, the outline path of the slide or
    section that holds its spec (a card shared from a slide has its slide's)."""

    where: Location | None
    slide: int | None
    card: str | None
    owner: PathKey
    job: ChartJob


def _chart_pictures(ctx: Context, *, native: bool = False) -> Iterator[_ChartPicture]:
    """Every chart drawn as a picture, on a slide or a card (a chart card's, and each of
    an infographic's chart sections, in the order the card places them); ``native``: and
    a slide's chart PowerPoint draws (from the same data, in the same colours)."""
    from deckgen.manifest import card_charts
    from deckgen.render.charts import ChartJob

    for planned in ctx.plan.slides:
        for placed in planned.pictures:
            if isinstance(placed.job, ChartJob) and (native or not placed.native):
                yield _ChartPicture(planned.where, planned.number, None,
                                    ("slides", planned.index), placed.job)  # fmt: skip
    for card in ctx.cards:
        jobs = [j for j in card_charts(card.job) if isinstance(j, ChartJob)]
        fields = list(_chart_fields(card.card, ()))
        # The card's charts are placed one per chart field, in the outline's order; were
        # they not, the card as a whole is named.
        paths = fields if len(fields) == len(jobs) else [()] * len(jobs)
        for job, path in zip(jobs, paths, strict=True):
            where = ctx.at(*card.key, *path) if card.key else None
            yield _ChartPicture(where, None, card.file, (*card.key, *path[:-1]), job)


def _chart_fields(node: Any, path: PathKey, *, figures: bool = False) -> Iterator[PathKey]:
    """The path of each field under ``node`` that holds a chart's spec (a card's own, or
    its sections'), in the order of its fields and items; with ``figures``, also of each
    figure in a part of it (a model below the card with a ``value`` and a ``source``: a
    stat in a row, a stat section)."""
    from pydantic import BaseModel

    from deckgen.outline.schema import ChartSpec

    for at, value in fields_under(node, path, lambda _, v: not isinstance(v, ChartSpec)):
        if isinstance(value, ChartSpec):
            yield at
        elif figures and isinstance(value, BaseModel):
            fields = type(value).model_fields
            if "value" in fields and "source" in fields:
                yield at


@rule("ED005", "warning", "a chart or table with no source line")
def unsourced(ctx: Context) -> Iterator[Finding]:
    """A chart or a table whose numbers say nowhere where they come from: a reader cannot
    check them, and a journalist cannot re-post them (a newsroom's rule: every chart
    carries its source). A slide's ``source:``, or a card's (a card shared from a slide
    takes its slide's); on a card, a figure in one of its parts (a stat in a row of
    stats) too, whose source is then missing from the card's gathered sources."""
    from deckgen.kinds.cards.stat import StatCard
    from deckgen.kinds.slides.stats import StatsSlide
    from deckgen.kinds.slides.table import TableLayout
    from deckgen.manifest import card_charts
    from deckgen.render.charts import ChartJob

    said: set[object] = set()
    for planned in ctx.plan.slides:
        charts = any(isinstance(p.job, ChartJob) for p in planned.pictures)
        table = isinstance(planned.layout, TableLayout)
        # A slide of headline figures too: the numbers a team reposts most (found by a new
        # user, whose three stats said nowhere where they came from, and check passed).
        stats = isinstance(planned.slide, StatsSlide)
        if (charts or table or stats) and not planned.sources and planned.index not in said:
            said.add(planned.index)  # a table continued over slides is one table
            what = ("this chart says nowhere where its numbers come from" if charts else
                    "this table says nowhere where its numbers come from" if table else
                    "these figures say nowhere where they come from")  # fmt: skip
            yield _finding("ED005", "warning", planned.where, what,
                           "add a 'source:' line naming the publisher and the dataset "
                           "('Source: ONS, Labour Force Survey')", planned.number)  # fmt: skip
    for card in ctx.cards:
        if card.source:
            continue
        if isinstance(card.card, StatCard):
            yield _finding("ED005", "warning", ctx.at(*card.key) if card.key else None,
                           "this stat card's figure says nowhere where it comes from",
                           "add a 'source:' line to the card (or to the slide it shares)",
                           card=card.file)  # fmt: skip
            continue
        charted = any(isinstance(j, ChartJob) for j in card_charts(card.job))
        # Each chart of the card, where the outline writes it, and each figure of its parts
        # (a stat in a section or a row of stats): the card's sources are theirs, gathered
        # (an infographic's sections carry their own source lines). A row of figures from
        # the page's manufacturing section and none said where they came from, and its
        # Sources block left that source out (review).
        named: set[PathKey] = set()
        paths = list(_chart_fields(card.card, (), figures=True))
        drawn = [p for p in paths if _is_chart(card.card, p)]
        for path in paths + ([] if drawn or not charted else [("chart",)]):
            chart = path == ("chart",) or _is_chart(card.card, path)
            if (chart and not charted) or path[:2] in named or _sourced(card.card, path):
                continue
            named.add(path[:2])  # a part is named once, however many of its figures
            key = (*card.key, *(path if chart else path[:2]))
            # In each preset: the check tells a card in several once, naming them.
            if chart:
                yield _finding("ED005", "warning", ctx.at(*key) if card.key else None,
                               "this card's chart says nowhere where its numbers come from",
                               "add a 'source:' line to the card (or to the slide it shares)",
                               card=card.file)  # fmt: skip
            else:
                yield _finding("ED005", "warning", ctx.at(*key) if card.key else None,
                               "these figures of the card say nowhere where they come from, "
                               "and the card's sources leave theirs out",
                               "add a 'source:' line to the part (or to the card)",
                               card=card.file)  # fmt: skip


#: A word that says how a figure was made (English, German, French): in a source line's
#: part after its first ("BEA, GDP by state; 2008 values computed from its growth rates"),
#: a method, which the sources slide would list among the publications.
#: Not 'estimate(s)': a noun that names a publication as often ('county population
#: estimates', the Census Bureau's programme), which was told to move to 'note:' and off
#: the sources slide (found by a new user); 'estimated' says how a figure was made.
_METHOD = re.compile(
    r"\b(?:computed|computing|calculated|calculation|estimated|derived|rounded"
    r"|rounding|adjusted|adjustment|imputed|interpolated|extrapolated"
    r"|berechnet|geschätzt|gerundet|bereinigt|calculée?s?|estimée?s?|arrondie?s?|corrigée?s?)\b",
    re.IGNORECASE,
)
#: Where a source line's parts meet: a semicolon, or a sentence's end (a full stop after
#: a lower-case letter, a digit or a bracket, before a capital or a digit: not 'U.S.
#: Census Bureau', whose second part would be read as a method in 'seasonally adjusted').
_PARTS = re.compile(r";\s+|(?<=[a-z0-9)][.!?])\s+(?=[A-Z0-9])")


@rule("ED006", "warning", "a source line that says how a figure was made")
def method_in_source(ctx: Context) -> Iterator[Finding]:
    """A source line's part after its first that says how a figure was made ('the change
    since 2008 is computed from its table'): the sources slide, and an infographic's
    Sources block, list it as if it were a publication (the sample's slide 31 did; found
    in review). Said in ``note:``, it follows the source line as a sentence and is not
    listed. Only a part after a semicolon or a sentence's end is read: the first names
    the publisher, and 'BEA, seasonally adjusted' is how that table is titled."""
    numbers = {planned.index: planned.number for planned in reversed(ctx.plan.slides)}
    places: list[tuple[PathKey, Any, int | None, str | None]] = [
        (("slides", i), slide, numbers.get(i), None)
        for i, slide in enumerate(ctx.loaded.outline.slides)
    ]
    told: set[PathKey] = set()
    for card in ctx.cards:  # a card of its own, once whatever its presets (shared: above)
        if card.key[:2] == ("social", "cards") and card.key not in told:
            told.add(card.key)
            places.append((card.key, card.card, None, card.file))
    for key, node, number, card_file in places:
        for path, text in _sources(node, key):
            part = next((p for p in _PARTS.split(text)[1:] if _METHOD.search(p)), None)
            if part is None:
                continue
            yield _finding("ED006", "warning", ctx.at(*path),
                           f"this source line says how a figure was made ({part!r}); the "
                           "sources slide lists it as a source",
                           "move that part to 'note:', said after the source line and not "
                           "listed as a source", number, card_file)  # fmt: skip


def _sources(node: Any, path: PathKey) -> Iterator[tuple[PathKey, str]]:
    """Every ``source`` text under a slide or card model (its items' and sections' too),
    with its outline path."""
    for at, value in fields_under(node, path):
        if at[-1] == "source" and isinstance(value, str):
            yield at, value


def _at(node: Any, path: PathKey) -> Iterator[Any]:
    """Each node from ``node`` down ``path``, ``node`` itself left out."""
    for step in path:
        node = node[step] if isinstance(step, int) else getattr(node, step, None)
        yield node


def _is_chart(card: Any, path: PathKey) -> bool:
    from deckgen.outline.schema import ChartSpec

    return isinstance([card, *_at(card, path)][-1], ChartSpec)


def _sourced(card: Any, path: PathKey) -> bool:
    """Whether the figure at ``path`` or a part holding it has a source line."""
    return any(getattr(node, "source", None) for node in _at(card, path))


def _reads_as_code(name: str) -> bool:
    """A column name written for code, not a reader: 'total_musd', 'pctChange'."""
    return "_" in name.strip("_") or re.search(r"[a-z][A-Z]", name) is not None


def _plain_name(name: str) -> str:
    """A first guess at the name for a reader, for the fix: 'total_musd' -> 'Total musd'."""
    words = re.sub(r"([a-z])([A-Z])", r"\1 \2", name).replace("_", " ").split()
    text = " ".join(words).lower()
    return text[:1].upper() + text[1:]


def _draws_name(job: ChartJob, name: str) -> bool:
    """Whether the picture of ``job`` writes ``name`` (alone or before its value)."""
    from deckgen.render.labels import text_boxes
    from deckgen.render.style import chart_style

    with chart_style(job.theme, job.canvas):
        fig = job.figure()
        try:
            # A slide writes a line's name before its value ('name  331K'), a card above
            # it ('name\n331K'): read first by the slide alone, a card's went unseen.
            return any(re.split(r"  |\n", text)[0].strip() == name for text, _ in text_boxes(fig))
        finally:
            fig.clear()


def _quoted(names: Sequence[str], limit: int = 3, *, whole: bool = False) -> str:
    """Names for a message, quoted: "'A', 'B' and 2 more"; a long one (unless ``whole``)
    by its first words and '...' outside the quotes (a '…' inside them reads as what the
    chart draws)."""

    def one(name: str) -> str:
        if whole or len(name) <= 40:
            return repr(name)
        words = name[:40].rsplit(" ", 1)[0] if " " in name[:40] else name[:40]
        return f"{words!r}..."

    more = f" and {len(names) - limit} more" if len(names) > limit else ""
    return ", ".join(one(n) for n in names[:limit]) + more


#: Verbs a finding is written with (their -s, -ed and -ing forms count too). A head start,
#: not the test: English has thousands of verbs and a title may use any of them, so a verb
#: this list lacks is found by where it stands in the clause (:func:`_placed_as_verb`).
_VERBS = set(
    """be is are was were been has have had do does did make made build built rise rose risen
    fall fell fallen grow grew grown lead led drive drove driven buy bought sell sold handle
    produce account represent employ support invest spend spent export import double triple
    outpace beat trail lag gain lose lost drop climb jump surge slip decline increase
    decrease reach hit remain stay hold held take took come came go went say said show need
    get got give gave keep kept own pay paid earn create add receive provide exceed surpass
    overtake dominate contribute generate depend rely protect enable help outsell shrink
    shrank shrunk slow widen narrow equal vary run ran bring brought find found win won owe
    mean meant overtook buys makes builds raise collect donate fund reduce cut save serve
    halve rank expand launch deliver complete achieve hire open close attract train treat
    teach feed recover rebound soar plunge stand stood end start begin began lift boost miss
    meet met outperform overtake welcome reach return double agree follow persist feel
    felt accept allow argue avoid become became believe belong borrow choose chose consider
    deserve enjoy expect explain fail favour favor forget happen ignore intend know knew
    learn manage oppose outnumber outweigh outstrip predict prefer prove quit reject
    remember require see seem suffer suggest survive tend think understand want worsen
    sit sat lie lay
    draw drew drawn swing swung sink sank sunk shoot shot slide slid leap leapt spring sprang
    break broke broken swell swollen shed strike struck catch caught spread send sent seek
    sought freeze froze outgrow outgrew spike tumble crash peak hover fluctuate stall
    plateau quadruple convert recommend use consume carry carried
    put kill affect infect admit hospitalise hospitalize vaccinate
    will would can could should might must shall
    """.split()
)
#: Verbs of :data:`_VERBS` that a question opens with ('Is trust falling?', 'Do readers
#: pay?'): a verb as the title's first word, where another verb there names a thing. And
#: the modal verbs ('7 in 10 staff would recommend us' was said to state no finding, found
#: in review); not 'may', a month.
_AUXILIARIES = frozenset("be is are was were has have had do does did will would can could "
                         "should might must shall".split())  # fmt: skip
#: Words that are verbs only in a verb's form ("tops", "shipped"), nouns as they stand
#: ("top ten ports", "cost", "power"): counted only with -ed or -ing, or after a subject.
_NOUN_VERBS = set("top count power fuel share total range match set post cost split host ship "
                  "export import increase decrease drop jump surge draw swing shot break "
                  "strike catch spread spike crash peak plateau use".split())  # fmt: skip
#: Verbs whose base form is a noun or a preposition in a title ('the slump', 'near the
#: coast') but whose -s and -ed forms are seldom anything but a headline's verb: 'revenue
#: slumps', 'tops', 'nears' (fuzz-Q/10). Not 'passes' or 'ranges' ('bus passes', 'price
#: ranges'): those are verbs only where they stand (:func:`_placed_as_verb`).
_S_VERBS = frozenset("top slump dip edge near dwarf".split())

# The closed word classes. Unlike verbs, English has a small fixed set of each, so they are
# listed whole; a word in none of them is a content word (a noun, an adjective or a verb),
# and where it stands among them tells which.
#: Words that open a noun phrase: inside a clause only a verb or a preposition comes
#: right before one ('reported the most', 'follows its curve').
_ARTICLES = frozenset("a an the its their his her our your my".split())
#: Words that also open a noun phrase, but follow a noun as often ('cases this year').
_DETERMINERS = frozenset("this these those each every another".split())
_QUANTITIES = frozenset("all both half some any many much more most few fewer less least "
                        "several enough twice none no".split())  # fmt: skip
_NUMBER_WORDS = frozenset(
    """one two three four five six seven eight nine ten eleven twelve thirteen fourteen
    fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy
    eighty ninety hundred thousand million billion trillion dozen""".split()
)
#: Prepositions, and the participles a topic title uses as one ('adults aged 65 and
#: over', 'cases adjusted for population'): they qualify a measure, they state nothing.
_PREPOSITIONS = frozenset(
    """of in on at by for from to with within without over under into onto across between
    among amid through throughout during since until till after before above below beneath
    per than via versus vs about around against along beyond despite toward towards upon
    like unlike near past behind beside besides inside outside off up down out ahead plus
    minus except including excluding following regarding concerning according relative
    compared aged based adjusted weighted indexed related linked associated attributed""".split()
)
#: Words that join clauses: each side has its own subject and verb.
_JOINS = frozenset("and or but nor yet so as while whereas because although though if when "
                   "whilst unless".split())  # fmt: skip
_ADVERBS = frozenset("not still also even again just only already now then too very ever "
                     "never almost nearly roughly far well back".split())  # fmt: skip
#: Subject pronouns: the word after one is its verb ('they report', 'it persists').
_PRONOUNS = frozenset("i we you they he she it who".split())
#: What "'s" makes a verb of ("it's", "what's"); after any other word it is a possessive.
_IS_AFTER = frozenset("it that what there here who he she where how".split())
#: Plurals that are usually a noun's modifier ('sales volume', 'jobs report'): the word
#: after one is the noun it modifies, not their verb.
_PLURAL_MODIFIERS = frozenset(
    """sales jobs goods news arms savings earnings customs services operations communications
    resources benefits parts sports arts means series species economics statistics physics
    politics mathematics logistics analytics electronics ethics demographics""".split()
)
_IRREGULAR_PLURALS = frozenset("people children women men".split())
#: What 'a' or 'an' stands before in a rate ('cases a week'), where it means 'per'.
_PER = frozenset("second minute hour day week month quarter year head person".split())
#: Endings of nouns that no verb's base form has: 'growth', 'production', 'payment'.
_NOUN_ENDINGS = ("tion", "sion", "ment", "ness", "ity", "ship", "ism", "ogy", "th")
#: A word, a number (with its sign, unit or magnitude: '$32.8B', '45%', '18'), or a mark
#: that ends a clause.
_TOKEN = re.compile(
    r"[$€£]?\d[\d,.]*[%\w]*|[^\W\d_][^\W_]*(?:[-'.][^\W_]+)*|[,;:!?()\u2013\u2014]"
    r"|\s-\s"
)


@dataclass(frozen=True)
class _Word:
    """A word of a title, lower case, with its class and whether it was capitalised."""

    text: str
    kind: str  # content, verb, article, determiner, quantity, number, preposition, join,
    #          adverb, pronoun, or stop (punctuation)
    capital: bool
    first: bool  # the title's first word (capitalised as a sentence starts, not as a name)


def _word_kind(word: str, written: str) -> str:
    if word[0].isdigit() or word[0] in "$€£" or word in _NUMBER_WORDS:
        return "number"
    if word.endswith(("n't", "'re", "'ve", "'ll", "'m", "'d")):
        return "verb"  # a contraction holds its verb ("don't", "they're")
    if word.endswith("'s"):
        return "verb" if word[:-2] in _IS_AFTER else "article"  # "it's"; "China's"
    if word in _PRONOUNS:
        return "pronoun"
    for kind, words in (("article", _ARTICLES), ("determiner", _DETERMINERS),
                        ("quantity", _QUANTITIES),
                        ("preposition", _PREPOSITIONS), ("join", _JOINS),
                        ("adverb", _ADVERBS)):  # fmt: skip
        if word in words:
            return kind
    if len(word) > 4 and word.endswith("ly") and not word.endswith("ply"):
        return "adverb"  # 'sharply', 'monthly' (a topic's adjective: never its verb)
    return "content"


def _clauses(text: str) -> list[list[_Word]]:
    """The title's clauses (split at punctuation and at words that join clauses), as
    classed words."""
    tokens = _TOKEN.findall(text.replace("\u2019", "'"))
    # In a title not written all in capitals, a word in capitals is a name: 'IN'
    # (Indiana), 'US', 'IT' (the department), 'OR' (Oregon), not the little word it spells
    # (a state fact sheet's 'IN handled $15.4B of light vehicle trade' read as opening
    # with 'in', and had no verb; found in the state fact sheets).
    names = any(c.islower() for c in text)
    out: list[list[_Word]] = [[]]
    for i, token in enumerate(tokens):
        written = token.strip().rstrip(".")
        word = written.lower()
        mark = not word or not (word[0].isalnum() or word[0] in "$€£")
        kind = "stop" if mark else _word_kind(word, written)
        if names and len(written) > 1 and written.isalpha() and written.isupper() and (
                kind not in ("content", "verb", "number")):  # fmt: skip
            kind = "content"
        if kind in ("stop", "join"):
            out.append([])
            continue
        out[-1].append(_Word(word, kind, written[:1].isupper(), i == 0))
    return [c for c in out if c]


def _listed_verb(word: str) -> bool:
    """Whether ``word`` is a verb of :data:`_VERBS` or one of its regular forms."""
    if word in _VERBS and word not in _NOUN_VERBS:
        return True
    forms = []
    if word.endswith("ed"):
        forms += [word[:-2], word[:-1], word[:-3] if word[-3:-2] == word[-4:-3] else ""]
        if word.endswith("ied"):
            forms.append(word[:-3] + "y")  # varied -> vary
    if word.endswith("ing"):
        forms += [word[:-3], word[:-3] + "e"]
        if word[-4:-3] == word[-5:-4]:
            forms.append(word[:-4])  # running -> run
    if any(f in _VERBS for f in forms if f):
        return True
    if word.endswith("ed") and any(f in _S_VERBS for f in forms):
        return True  # not -ing: 'pizza topping', 'garden edging'
    if word.endswith("s") and not word.endswith("ss"):
        stem = word[:-2] if word.endswith("es") and word[:-2] in _VERBS else word[:-1]
        if word.endswith("ies"):
            stem = word[:-3] + "y"  # varies -> vary
        if (stem in _VERBS and stem not in _NOUN_VERBS) or stem in _S_VERBS:
            return True
    return False


def _plural(word: _Word, title_case: bool) -> bool:
    """Whether ``word`` reads as a plural noun that can be a clause's subject."""
    text = word.text
    if text in _IRREGULAR_PLURALS:
        return True
    if len(text) < 4 or not text.endswith("s") or text.endswith(("ss", "us", "is", "ous")):
        return False
    # A name ('United States', 'Texas') is no plural subject: capitalised in a title
    # written in sentence case, and not only because it opens the title.
    name = word.capital and not word.first and not title_case
    return not name and text not in _PLURAL_MODIFIERS


def _bare(text: str) -> bool:
    """Whether ``text`` can be a verb's base form ('agree', 'persist', 'feel'): no ending
    of a plural, a past, a participle, an adverb or a noun."""
    if not text.isalpha() or text in _NOUN_VERBS:
        return False
    if text.endswith("s") and not text.endswith(("ss", "us")):
        return False
    return not text.endswith(("ed", "ing", "ly", *_NOUN_ENDINGS))


def _verb_s(text: str) -> bool:
    return text.isalpha() and text.endswith("s") and not text.endswith(("ss", "us", "is", "ous"))


def _year(word: _Word) -> bool:
    return word.text.isdigit() and len(word.text) == 4 and 1900 <= int(word.text) <= 2100


def _named_number(clause: list[_Word], i: int, run: list[_Word]) -> bool:
    """Whether ``clause[i]`` is the number of a name in the subject ('Route 1 carried',
    'Terminal 3 handled'): a whole number, no year, after a capitalised word of the run
    and before another word. Read as the end of the subject, the verb after it was not
    found (a new user's fact sheets: 7 of 10 routes flagged)."""
    word = clause[i]
    return (word.kind == "number" and bool(run) and run[-1].capital and i + 1 < len(clause)
            and clause[i + 1].kind == "content" and not _year(word)
            and re.fullmatch(r"\d{1,3}[a-z]?", word.text) is not None)  # fmt: skip


def _placed_as_verb(clause: list[_Word], title_case: bool) -> bool:
    """Whether a word of ``clause`` stands where only a verb can: before its object, after
    a pronoun, or after the clause's subject."""
    n = len(clause)
    for i, word in enumerate(clause):
        after = clause[i + 1] if i + 1 < n else None
        if word.kind == "verb":
            return True
        # A content word right before an article: 'reported the most', 'follows its'
        # (not a rate: 'cases a week').
        if word.kind == "content" and after is not None and after.kind == "article":
            rate = i + 2 < n and after.text in ("a", "an") and clause[i + 2].text in _PER
            if not rate:
                return True
        # A pronoun's verb ('they report'); not a relative 'who' after its noun, whose
        # clause qualifies a measure ('Share who trust local news', a topic).
        relative = word.text == "who" and i > 0 and clause[i - 1].kind == "content"
        if word.kind == "pronoun" and not relative:
            rest = [w for w in clause[i + 1 :] if w.kind != "adverb"]
            if rest and rest[0].kind == "content":
                return True
    # The subject: what its article or count opens ('the', 'most of the', 'two in three',
    # 'three out of five', 'fewer than half of all', 'a third of'), then a run of content
    # words. A clause that opens with a preposition opens with no subject, but for a
    # phrase of time or place before it ('In 2025 older readers ...').
    start, counted = _opening_phrase(clause), False
    while start < n:
        word = clause[start]
        following = clause[start + 1] if start + 1 < n else None
        if word.kind in ("article", "determiner", "quantity", "number", "adverb"):
            counted = word.kind in ("quantity", "number") and not _year(word)
        elif word.text in _FRACTIONS and following is not None and following.text == "of":
            counted = True  # 'a third of firms', 'the majority of readers'
        elif not (counted and word.text in ("in", "of", "out", "than")):
            break
        start += 1
    # The run of content words, an adverb inside it left out: 'readers still trust',
    # 'women now outnumber' (the adverb stands between a subject and its verb).
    end, run = start, list[_Word]()
    while end < n and (clause[end].kind == "content" or (
            clause[end].kind == "adverb" and run and end + 1 < n
            and clause[end + 1].kind == "content") or _named_number(clause, end, run)):  # fmt: skip
        if clause[end].kind == "content":
            run.append(clause[end])
        end += 1
    after_run = clause[end] if end < n else None
    # A count standing as the subject, its verb alone: 'Most agree', 'Two in three agree'.
    if counted and len(run) == 1 and _bare(run[0].text):
        return True
    # A plural subject with an age or a level after it, then a base form: 'Adults under
    # 30 trust social media', 'readers over 65 prefer print'.
    if run and end + 2 < n and clause[end].kind == "preposition":
        number, verb = clause[end + 1], clause[end + 2]
        if (number.kind == "number" and verb.kind == "content" and _bare(verb.text)
                and _plural(run[-1], title_case)):  # fmt: skip
            return True
    for k in range(1, len(run)):
        word, before = run[k], run[k - 1]
        after = run[k + 1] if k + 1 < len(run) else after_run
        # A past tense after its subject: 'The South reported', 'things changed in'.
        # Not before 'by' or 'per' ('money raised by region', 'cases reported per week').
        past = word.text.isalpha() and len(word.text) > 4 and word.text.endswith("ed")
        agent = after is not None and after.text in ("by", "per")
        if past and not word.text.endswith("eed") and not agent:
            return True
        # A base form after a plural subject: 'most regions agree with', 'money worries
        # persist', 'teachers report higher workloads'. A noun after a noun is singular
        # ('teacher workload'), but for the plurals that modify (:data:`_PLURAL_MODIFIERS`).
        if _bare(word.text) and _plural(before, title_case):
            return True
        # A base form that is also a noun ('range', 'top', 'total'), after a plural subject
        # and before what only a verb takes: a range, a number or a count ('margins range
        # from 34%', 'exports top $5B'), not a noun's 'of' or 'by' ('employees share of
        # profits', 'customers split by segment'; fuzz-Q/10).
        if word.text in _NOUN_VERBS and _plural(before, title_case) and _complement(after):
            return True
        # An -s form after a singular subject, before a count or an adverb: 'positivity
        # tops 10%', 'unemployment stays low'; or before a determiner not of a time
        # ('revenue outstrips every other segment'; not 'vehicle exports this year').
        # Before a noun or a preposition it is told from a plural noun ('vehicle exports
        # by country', 'household incomes below the median') by no word's form: not taken.
        following = clause[end + 1] if end + 1 < n else None
        told = after is not None and (
            after.kind in ("quantity", "adverb")
            or (after.kind == "number" and not _year(after))
            or (after.kind == "determiner" and (following is None or following.text not in _TIMES))
        )
        if told and k == len(run) - 1 and _verb_s(word.text) and not _plural(before, title_case):
            return True
    return False


#: Parts of a whole that open a count as 'most' does, before 'of': 'a third of firms',
#: 'the majority of readers'.
_FRACTIONS = frozenset("half third thirds quarter quarters fifth fifths tenth tenths majority "
                       "minority".split())  # fmt: skip


def _opening_phrase(clause: list[_Word]) -> int:
    """Where the subject starts after a phrase of time or place that opens ``clause``: a
    preposition and a number ('In 2025', 'By 2030', 'Since 2020'), or a preposition and
    its noun before a count ('Across Europe fewer people', 'In every region most adults');
    0 where the clause opens otherwise (a topic opens with its noun: 'Trust in local
    news')."""
    if not clause or clause[0].kind != "preposition":
        return 0
    if len(clause) > 2 and clause[1].kind == "number":
        return 2
    for j in range(2, len(clause)):
        if clause[j].kind == "quantity" and clause[j - 1].kind == "content":
            return j
        if clause[j].kind not in ("content", "article", "determiner"):
            break
    return 0


#: What a determiner before a span of time opens: 'exports this year' (a topic's time).
_TIMES = _PER | frozenset("decade century season period time".split())
#: Prepositions of a range or a level, which follow a verb ('range from', 'top out
#: above'), not a noun as a topic writes it ('share of', 'split by').
_RANGE_WORDS = frozenset("from to past above below beyond".split())


def _complement(word: _Word | None) -> bool:
    """Whether ``word`` opens what a verb takes and a noun does not: a range or a level
    (:data:`_RANGE_WORDS`), a quantity, an adverb, or a number that is no year and no small
    count ('exports top 5 markets' is a topic: a ranking)."""
    if word is None:
        return False
    if word.text in _RANGE_WORDS or word.kind in ("quantity", "adverb"):
        return True
    if word.kind != "number" or _year(word):
        return False
    return not (word.text.isdigit() and int(word.text) <= 12) and word.text not in _COUNT_WORDS


#: Counts a ranking names ('the top ten'), as :attr:`Number.count_like` reads digits.
_COUNT_WORDS = frozenset("one two three four five six seven eight nine ten eleven twelve "
                         "dozen".split())  # fmt: skip


def has_verb(text: str, language: str = "en") -> bool:
    """Whether ``text`` reads as a sentence with a verb, in ``language`` (English, or one of
    :data:`_TITLE_VERBS`). In English: a verb of :data:`_VERBS` in any regular form, or a
    word that stands where only a verb can (:func:`_placed_as_verb`). Strict with words
    that are usually nouns in a title ('Top ten ports')."""
    if language != "en":
        return _TITLE_VERBS[language].finds_verb(text)
    # A word joined to another by a hyphen is part of a noun or an adjective ('follow-up
    # visits', 'built-in storage'), never the clause's verb.
    # Words of any script: a name in another ('東京 stands out') is the subject before
    # the verb, not nothing, which made 'stands' the title's first word, read as a noun.
    joined = re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", text.lower())
    for i, word in enumerate(joined):
        # A word that opens the title or follows an article is a noun or an adjective
        # ('Spending by department', 'Support for the new tax', 'Expected returns', 'the
        # funding gap', 'the rise in prices'), as a topic is titled; elsewhere it is the
        # verb ('sales slipping in the South', 'demand dips'). 'is', 'has', 'does' are
        # verbs wherever they stand: a title may open with one, as a question.
        before = joined[i - 1] if i > 0 else None
        noun = word not in _AUXILIARIES and (before is None or before in _ARTICLES)
        # A participle after a preposition is an adjective ('share of retired people',
        # 'sales of used cars'); not after 'than' ('sales more than doubled').
        if word.endswith("ed") and before in _PREPOSITIONS and before != "than":
            noun = True
        if "-" not in word and not noun and _listed_verb(word):
            return True
    clauses = _clauses(text)
    words = [w for c in clauses for w in c if w.text.isalpha() and len(w.text) > 3]
    title_case = len(words) >= 3 and sum(w.capital for w in words) >= 0.8 * len(words)
    return any(_placed_as_verb(c, title_case) for c in clauses)


# Titles in other languages. English titles are judged by where a word stands as well as
# by a list; in the languages below only by a list of finite verb forms, which is honest
# because both write titles in sentence case: a lowercase word that is one of these forms
# is the verb (German writes every noun capitalised, so 'Bauten' is buildings and 'bauten'
# built; a capitalised word inside a French title is a name: 'Région Est'). A finding
# whose verb the list lacks is flagged, as an English one on unusual wording can be. A
# deck in any other language is not judged: one note says so (:func:`findings_in_titles`),
# where English verbs looked for in a German title flagged every title.


@dataclass(frozen=True)
class _TitleVerbs:
    """The verbs a title in one language is judged by."""

    #: Finite verb forms, lower case.
    forms: frozenset[str]
    #: Forms that are also an adjective (a German participle without 'ge-': 'die
    #: exportierten Fahrzeuge'): a verb unless a word of :attr:`opens_noun` is right before.
    adjectives: frozenset[str] = frozenset()
    #: Articles, determiners and prepositions: what an adjective follows, a verb never.
    opens_noun: frozenset[str] = frozenset()
    #: Elided words after which a noun comes ("l'est" is the east, "d'emploi" of jobs).
    elided_before_noun: frozenset[str] = frozenset()

    def finds_verb(self, text: str) -> bool:
        written = re.findall(r"[^\W\d_]+(?:['-][^\W\d_]+)*", text.replace("\u2019", "'"))
        before = ""
        for token in written:
            head, elided, word = token.rpartition("'")
            # A compound ('Export-Boom') is a noun; a capitalised word a noun or a name.
            verb = "-" not in token and word.islower() and word in self.forms
            if elided and head.lower() in self.elided_before_noun:
                verb = False
            if verb and word in self.adjectives and before in self.opens_noun:
                verb = False
            if verb:
                return True
            before = token.lower()
        return False


def _german(weak: str, no_ge: str, strong: str, opens_noun: str) -> _TitleVerbs:
    """German verbs: ``weak`` stems conjugated regularly (er baut, sie bauen, er baute, sie
    bauten; a stem in -t or -d takes -et: berichtet; one in -el or -er takes -n in the
    plural: verdoppeln), ``strong`` forms listed whole. The past of a stem whose participle
    takes no 'ge-' (``no_ge``: a prefix be-, er-, ver-, über-..., or -ieren) is written as
    its participle's adjective ('exportierte Fahrzeuge'), so it counts only as a verb."""
    forms: set[str] = set(strong.split())
    adjectives: set[str] = set()
    for stem in (*weak.split(), *no_ge.split()):
        e = "e" if stem.endswith(("t", "d", "chn", "gn")) else ""
        # verdoppeln, steigern; not produzieren
        plural = f"{stem}n" if stem.endswith(("el", "er")) and stem[-3] != "i" else f"{stem}en"
        past = {f"{stem}{e}te", f"{stem}{e}ten"}
        forms |= {f"{stem}{e}t", plural, *past}
        if stem in no_ge.split():
            adjectives |= past
    return _TitleVerbs(frozenset(forms), frozenset(adjectives), frozenset(opens_noun.split()))


def _french(er: str, ir: str, listed: str) -> _TitleVerbs:
    """French verbs: ``er`` stems in the present and imperfect (augmente, augmentent,
    augmentait, augmentaient), ``ir`` stems likewise (ralentit, ralentissent, ralentissait),
    the rest listed whole. Forms that are also a common noun ('la baisse', 'la dépense',
    'le reste') are listed only in the plural ('baissent'): a flagged finding is better than
    a topic passed as one."""
    forms = set(listed.split())
    for stem in er.split():
        forms |= {f"{stem}e", f"{stem}ent", f"{stem}ait", f"{stem}aient"}
    for stem in ir.split():
        forms |= {f"{stem}it", f"{stem}issent", f"{stem}issait", f"{stem}issaient"}
    return _TitleVerbs(frozenset(forms), elided_before_noun=frozenset(["l", "d"]))


#: The languages ED003 judges besides English, by a locale's language.
_TITLE_VERBS: dict[str, _TitleVerbs] = {
    "de": _german(
        weak="""bau führ leg zeig steiger änder stell hol schrumpf kauf zahl spar
        spend brauch meld stimm folg fühl mach setz sorg kost fehl arbeit wirk dauer schaff
        deck liefer nutz sammel lohn""",
        no_ge="""produzier exportier importier investier dominier halbier stagnier explodier
        profitier verdreifach verdoppel verringer überhol erhöh verkauf verdien beschäftig
        unterstütz erziel erwirtschaft bericht ersetz verdräng benötig erwart erreich""",
        strong="""ist sind war waren hat haben hatte hatten wird werden wurde wurden bleibt
        bleiben blieb blieben kann können konnte konnten muss müssen musste mussten soll
        sollen sollte sollten will wollen wollte wollten tut tun tat taten steigt steigen
        stieg stiegen sinkt sinken sank sanken fällt fallen fiel fielen wächst wachsen wuchs
        wuchsen liegt liegen lag lagen nimmt nehmen nahm nahmen gibt geben gab gaben geht
        gehen ging gingen kommt kommen kam kamen gewinnt gewinnen gewann gewannen verliert
        verlieren verlor übertrifft übertreffen übertraf übertrafen übersteigt übersteigen
        überstieg hält halten hielt hielten steht stehen stand standen treibt treiben trieb
        trieben bringt bringen brachte brachten zieht ziehen zog zogen entfällt entfallen
        entfiel entfielen gilt gelten galt galten beträgt betragen betrug betrugen sieht
        sehen sah sahen findet finden fand fanden bietet bieten bot boten erhält erhalten
        erhielt erhielten trifft treffen traf trafen""",
        opens_noun="""der die das den dem des ein eine einer eines einem einen kein keine
        keiner keinen keinem dieser diese dieses diesen diesem jeder jede jedes jeden jedem
        alle aller allen mehr weniger viele vielen wenige von vom für nach mit bei beim aus
        zu zum zur im in am an auf über unter um pro je gegen seit durch ohne bis vor und
        oder sowie sein seine seiner seinen seinem ihr ihre ihrer ihren ihrem""",
    ),
    "fr": _french(
        er="""augment progress recul domin dépass représent grimp stagn devanc export import
        gagn mont culmin plafonn explos déclin envol amélior résist contribu concentr attir
        enregistr stabilis redress rattrap""",
        ir="ralent grand rebond fourn invest",
        listed="""est sont était étaient sera seront serait fut a ont avait avaient aura
        auront aurait peut peuvent pouvait doit doivent devait font faisait devient
        deviennent atteint atteignent vient viennent tient tiennent détient détiennent
        obtient obtiennent maintient croît croissent vend vendent perd perdent prend
        prennent reçoit reçoivent pèse pèsent dépend dépendent accélère accélèrent baissent
        chutent restent doublent triplent comptent dépensent""",
    ),
}


def _language(locale: str) -> str:
    """A locale's language, as :func:`deckgen.outline.words.words_for` reads it."""
    return locale.replace("-", "_").split("_")[0].lower()


def _language_name(language: str) -> str:
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(language).english_name or language
    except (ValueError, UnknownLocaleError):
        return language


#: A letter of the Latin script, which every language ED003 reads is written in.
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")


@rule("ED003", "warning", "a title that states no finding (no verb)")
def findings_in_titles(ctx: Context) -> Iterator[Finding]:
    """A chart, stats or table title says what the numbers show ('China built 32% of the
    world's vehicles'), not what they are ('Vehicle production by country'). Judged in
    English and the languages of :data:`_TITLE_VERBS`; in any other a note says once that
    the titles were not judged."""
    locale = ctx.loaded.outline.deck.locale
    language = _language(locale)
    titles: list[tuple[Any, str]] = []
    for planned in _first_of_each(ctx):
        title = getattr(planned.slide, "title", None)
        if planned.slide.states_finding and title:
            titles.append((planned, title))
    cards = [(card, card.card.title) for card in ctx.cards
             if card.card.states_finding and card.card.title]  # fmt: skip
    if language != "en" and language not in _TITLE_VERBS:
        # Once for the deck, not once a title: every title would be flagged alike.
        if titles or cards:
            *others, last = [_language_name(code) for code in ("en", *_TITLE_VERBS)]
            count = len(titles) + len(cards)
            yield _finding("ED003", "note", ctx.at("deck", "locale"),
                           f"ED003 was not applied to the {count} title{'s' * (count != 1)} "
                           f"that should state a finding: it knows the verbs of "
                           f"{', '.join(others)} and {last} titles, not of "
                           f"{_language_name(language)} ({locale})",
                           "read those titles yourself: each should say what its numbers "
                           "show; --ignore ED003 leaves this note out")  # fmt: skip
        return
    # A title in a script the check's languages are not written in (an Arabic card in an
    # English deck) has no verb it knows: judged, every one was flagged as a topic (found
    # in review). Said in one note, as a deck in another language is.
    unread = [text for _, text in (*titles, *cards) if not _LATIN.search(text)]
    if unread:
        first = next((planned for planned, text in titles if text == unread[0]), None)
        yield _finding("ED003", "note",
                       ctx.at("slides", first.index, "title") if first else None,
                       f"ED003 was not applied to {len(unread)} title"
                       f"{'s' * (len(unread) != 1)} in a script it does not read "
                       f"({', '.join(repr(t[:30]) for t in unread[:3])})",
                       "read those titles yourself: each should say what its numbers show; "
                       "--ignore ED003 leaves this note out",
                       first.number if first else None)  # fmt: skip
        titles = [(p, t) for p, t in titles if t not in unread]
        cards = [(c, t) for c, t in cards if t not in unread]
    for planned, title in titles:
        if not has_verb(title, language):
            yield _finding("ED003", "warning", ctx.at("slides", planned.index, "title"),
                           f"the title {title!r} has no verb this check knows: a topic, "
                           "not a finding?",
                           "write what the numbers show, as a sentence; put the measure in "
                           "the subtitle", planned.number)  # fmt: skip
    for card, text in cards:
        if not has_verb(text, language):
            yield _finding("ED003", "warning", _card_at(ctx, card, "title"),
                           f"the card's title {text!r} has no verb this check knows: a "
                           "topic, not a finding?",
                           "write what the numbers show, as a sentence",
                           card=card.file)  # fmt: skip
