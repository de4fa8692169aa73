"""Plan a build: outline + tables + theme -> laid-out slides and the render jobs they need.

Planning is pure and cheap (no matplotlib, no python-pptx): it fits every piece of text with
the theme's font metrics, decides every box, and describes every picture as a job. So a
text that cannot fit, a missing column or a non-numeric cell fails here, before anything is
rendered, and the render stage gets jobs it can run anywhere.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from deckgen.assemble.layouts import (
    Frame,
    Rect,
    content_frame,
    fit_or_fail,
    full_frame,
)
from deckgen.errors import DeckgenError, FitError, Location, Problem
from deckgen.outline import schema
from deckgen.render.callouts import StatLayout, stat_height
from deckgen.render.jobs import Canvas, ChartJob, StatJob
from deckgen.tables.select import chart_data, table_cells, to_number
from deckgen.theming.text import FittedText, wrap

if TYPE_CHECKING:
    import pandas as pd

    from deckgen.outline.load import LoadedOutline
    from deckgen.render.jobs import RenderJob
    from deckgen.theming.load import LoadedTheme

CHART_DPI = 200
STAT_DPI = 300


@dataclass(frozen=True)
class Placed:
    """A picture job and the box it goes into, in inches.

    ``native`` placements are drawn by the assembler as PowerPoint objects (a chart, text
    boxes) from the same job, so nothing is rendered for them.
    """

    job: RenderJob
    box: Rect
    native: bool = False


@dataclass(frozen=True)
class PlannedSlide:
    """One slide, laid out: what the assembler needs and nothing it must recompute."""

    number: int
    slide: schema.Slide
    where: Location
    frame: Frame | None = None
    pictures: tuple[Placed, ...] = ()
    sources: tuple[str, ...] = ()
    notes: str | None = None
    layout: Any = None  # kind-specific fitted text, see the _plan_* functions


@dataclass(frozen=True)
class BuildPlan:
    slides: tuple[PlannedSlide, ...]
    size: str
    warnings: tuple[str, ...] = ()

    @property
    def jobs(self) -> list[RenderJob]:
        return [p.job for s in self.slides for p in s.pictures if not p.native]


@dataclass
class _Context:
    loaded: LoadedOutline
    tables: dict[str, pd.DataFrame]
    theme: LoadedTheme
    size: str
    allow_outside: bool = False
    native_charts: bool = False
    native_callouts: bool = False
    warnings: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- fitted layouts
@dataclass(frozen=True)
class TextBlock:
    """A fitted text and its box."""

    text: FittedText
    box: Rect


@dataclass(frozen=True)
class CardsLayout:
    cells: tuple[Rect, ...]
    heading_size: float
    text_size: float
    padding: float


@dataclass(frozen=True)
class BulletsLayout:
    size: float
    box: Rect


@dataclass(frozen=True)
class TableLayout:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...]
    highlight_row: int | None
    size: float
    row_height: float
    box: Rect  # its width is the table's width
    column_widths: tuple[float, ...]  # inches, summing to box.width


# --------------------------------------------------------------------------- planners
def _frame(ctx: _Context, slide: Any, where: Location, *, subtitle: bool = True) -> Frame:
    """The title block and content area of a content slide (the template's, if any)."""
    sub = slide.subtitle if subtitle else None
    return content_frame(slide.title, sub, ctx.theme, ctx.size, where, kind=slide.kind)


def _slot(ctx: _Context, kind: str, which: str = "title") -> Rect | None:
    """The template placeholder box a title/section slide's text goes into, if any."""
    template = ctx.theme.template
    if template is None:
        return None
    return template.title_slot(kind) if which == "title" else template.subtitle_slot(kind)


def _plan_title(ctx: _Context, slide: schema.TitleSlide, where: Location) -> dict[str, Any]:
    deck = ctx.loaded.outline.deck
    area = full_frame(ctx.size)
    sizes = ctx.theme.theme.sizes
    title = slide.title or deck.title
    subtitle = slide.subtitle if slide.subtitle is not None else deck.subtitle
    slot, sub_slot = _slot(ctx, "title"), _slot(ctx, "title", "subtitle")
    width = slot.width if slot else area.width * 0.8
    head = fit_or_fail(
        title, ctx.theme.heading.bold, box_width=width, box_height=slot.height if slot else 2.6,
        max_size=sizes.section + 10, min_size=sizes.title, max_lines=3,
        where=where, what="deck title",
    )  # fmt: skip
    blocks = {"title": head}
    if subtitle:
        blocks["subtitle"] = fit_or_fail(
            subtitle, ctx.theme.body.regular, box_width=sub_slot.width if sub_slot else width,
            box_height=sub_slot.height if sub_slot else 1.4,
            max_size=sizes.subtitle + 4, min_size=sizes.minimum, max_lines=3,
            where=where, what="subtitle",
        )  # fmt: skip
    return {"layout": blocks}


def _plan_section(ctx: _Context, slide: schema.SectionSlide, where: Location) -> dict[str, Any]:
    area = full_frame(ctx.size)
    sizes = ctx.theme.theme.sizes
    slot = _slot(ctx, "section")
    # On a template the kicker shares the title placeholder: leave it a line.
    kicker = 0.45 if slide.kicker else 0.0
    head = fit_or_fail(
        slide.title, ctx.theme.heading.bold,
        box_width=slot.width if slot else area.width * 0.85,
        box_height=slot.height - kicker if slot else 3,
        max_size=sizes.section, min_size=sizes.title, max_lines=2,
        where=where, what="section title",
    )  # fmt: skip
    return {"layout": {"title": head}}


def _plan_statement(ctx: _Context, slide: schema.StatementSlide, where: Location) -> dict[str, Any]:
    area = full_frame(ctx.size)
    sizes = ctx.theme.theme.sizes
    text = fit_or_fail(
        slide.text, ctx.theme.heading.bold, box_width=area.width * 0.85,
        box_height=area.height - 2.0, max_size=sizes.statement + 4, min_size=28,
        where=where, what="statement", spacing=1.1,
    )  # fmt: skip
    return {"layout": {"text": text}}


def _plan_quote(ctx: _Context, slide: schema.QuoteSlide, where: Location) -> dict[str, Any]:
    area = full_frame(ctx.size)
    sizes = ctx.theme.theme.sizes
    text = fit_or_fail(
        slide.text, ctx.theme.body.regular, box_width=area.width * 0.82,
        box_height=area.height - 2.6, max_size=sizes.quote + 2, min_size=22,
        where=where, what="quote", spacing=1.15,
    )  # fmt: skip
    return {"layout": {"text": text}}


def _plan_bullets(ctx: _Context, slide: schema.BulletsSlide, where: Location) -> dict[str, Any]:
    frame = _frame(ctx, slide, where)
    sizes = ctx.theme.theme.sizes
    if len(slide.items) > 6:
        ctx.warnings.append(
            f"{where}: {len(slide.items)} bullets; more than 6 crowd a slide: "
            "split it, or turn it into cards"
        )
    box = Rect(frame.content.left, frame.content.top, frame.content.width * 0.9,
               frame.content.height)  # fmt: skip
    # Never shrink bullets below the body size by more than a step: overflow means the
    # outline asks too much of one slide.
    size = sizes.body
    while size >= max(sizes.minimum, sizes.body - 4):
        if _bullets_height(ctx, slide.items, size, box.width - 0.35) <= box.height * 72:
            return {"frame": frame, "layout": BulletsLayout(size, box)}
        size -= 1
    raise FitError(
        Problem(where, "the bullets do not fit the slide", "shorten them or split the slide")
    )


def bullet_gap(size: float) -> float:
    """Space after each bullet, in points."""
    return size * 0.6


def _bullets_height(ctx: _Context, items: list[str], size: float, width: float) -> float:
    from deckgen.theming.text import line_height

    font = ctx.theme.body.regular
    lines = sum(len(wrap(item, font, size, width * 72)) for item in items)
    return lines * line_height(font, size, 1.1) + bullet_gap(size) * len(items)


def card_columns(count: int) -> int:
    """An even grid for ``count`` cards: 2 -> 2x1, 4 -> 2x2, 6 -> 3x2, 8 or 11 -> 4x...."""
    return {1: 1, 2: 2, 3: 3, 4: 2, 5: 3, 6: 3, 9: 3}.get(count, 4)


def _plan_cards(ctx: _Context, slide: schema.CardsSlide, where: Location) -> dict[str, Any]:
    from deckgen.theming.text import line_height

    frame = _frame(ctx, slide, where)
    sizes = ctx.theme.theme.sizes
    columns = slide.columns or card_columns(len(slide.items))
    rows = math.ceil(len(slide.items) / columns)
    cells = frame.content.grid(columns, rows, gap=0.18)
    padding = 0.16
    heading_font, text_font = ctx.theme.heading.bold, ctx.theme.body.regular
    # One size for every card on the slide: an even grid reads as a set.
    heading_size, text_size = sizes.card_heading, sizes.card_text
    while True:
        worst: tuple[int, schema.Card] | None = None
        for i, card in enumerate(slide.items):
            cell = cells[i]
            width = (cell.width - 2 * padding) * 72
            height = (
                len(wrap(card.heading, heading_font, heading_size, width))
                * line_height(heading_font, heading_size)
                + heading_size * 0.35
                + len(wrap(card.text, text_font, text_size, width))
                * line_height(text_font, text_size, 1.05)
            )
            if height > (cell.height - 2 * padding) * 72:
                worst = (i, card)
                break
        if worst is None:
            return {
                "frame": frame,
                "layout": CardsLayout(tuple(cells), heading_size, text_size, padding),
            }
        if text_size > sizes.minimum:
            text_size -= 0.5
            heading_size = max(text_size + 2, heading_size - 0.5)
            continue
        i, card = worst
        raise FitError(
            Problem(
                Location(where.file, where.line, f"{where.field}.items[{i}]"),
                f"card {card.heading!r} does not fit its cell even at {sizes.minimum:g} pt",
                "shorten its text, use fewer cards per slide, or set fewer 'columns'",
            )
        )


def _plan_stats(ctx: _Context, slide: schema.StatsSlide, where: Location) -> dict[str, Any]:
    frame = _frame(ctx, slide, where)
    sizes = ctx.theme.theme.sizes
    columns = frame.content.columns(len(slide.items), gap=0.45)
    width_pt = columns[0].width * 72
    value_size = sizes.stat_value
    for i, stat in enumerate(slide.items):
        fitted = fit_or_fail(
            stat.value, ctx.theme.number.bold, box_width=columns[0].width, box_height=4,
            max_size=value_size, min_size=36, max_lines=1,
            where=Location(where.file, where.line, f"{where.field}.items[{i}].value"),
            what="stat value",
        )  # fmt: skip
        value_size = min(value_size, fitted.size)
    label_size = sizes.stat_label
    layout = StatLayout(value_size, label_size, max(sizes.minimum, sizes.stat_label * 0.8))
    lines = max(len(wrap(s.label, ctx.theme.body.regular, label_size, width_pt))
                for s in slide.items)  # fmt: skip
    height = stat_height(layout, lines, ctx.theme) / 72
    while height > frame.content.height and layout.label_size > sizes.minimum:
        layout = StatLayout(layout.value_size, layout.label_size - 1, layout.qualifier_size)
        lines = max(len(wrap(s.label, ctx.theme.body.regular, layout.label_size, width_pt))
                    for s in slide.items)  # fmt: skip
        height = stat_height(layout, lines, ctx.theme) / 72
    if height > frame.content.height:
        raise FitError(Problem(where, "the stat labels are too long for the slide",
                               "shorten the labels"))  # fmt: skip
    # Sit the row of callouts a little above the middle of the content area.
    top = frame.content.top + max(0.0, (frame.content.height - height) * 0.35)
    native = ctx.native_callouts if slide.native is None else slide.native
    pictures = tuple(
        Placed(
            StatJob(stat, ctx.theme, Canvas(col.width, height, STAT_DPI), layout),
            Rect(col.left, top, col.width, height),
            native=native,
        )
        for stat, col in zip(slide.items, columns, strict=True)
    )
    sources = tuple(s.source for s in slide.items if s.source)
    return {"frame": frame, "pictures": pictures, "sources": sources}


def _plan_chart(ctx: _Context, slide: schema.ChartSlide, where: Location) -> dict[str, Any]:
    frame = _frame(ctx, slide, where)
    spec = slide.chart
    chart_where = Location(where.file, where.line, f"{where.field}.chart")
    data = chart_data(ctx.tables[spec.data], spec, chart_where)
    box = frame.content
    job = ChartJob(spec, data, ctx.theme, Canvas(box.width, box.height, CHART_DPI), slide.title)
    return {"frame": frame, "pictures": (Placed(job, box, _native_chart(ctx, spec, where)),)}


def _native_chart(ctx: _Context, spec: schema.ChartSpec, where: Location) -> bool:
    """Whether this chart is drawn as a PowerPoint chart: its own ``native`` wins over the
    build option; one that cannot be native fails if it asked, else stays a picture."""
    from deckgen.assemble.native_limits import unsupported

    wanted = ctx.native_charts if spec.native is None else spec.native
    reason = unsupported(spec) if wanted else None
    if reason is None:
        return wanted
    if spec.native:
        raise FitError(
            Problem(
                Location(where.file, where.line, f"{where.field}.chart.native"),
                f"this {spec.type} chart cannot be a native chart: {reason}",
                "set 'native: false' to keep it a picture, or remove what native charts "
                "cannot draw",
            )
        )
    ctx.warnings.append(f"{where}: chart kept as a picture: {reason}")
    return False


def _plan_table(ctx: _Context, slide: schema.TableSlide, where: Location) -> dict[str, Any]:
    from deckgen.theming.text import line_height, text_width

    frame = _frame(ctx, slide, where)
    spec = slide.table
    table_where = Location(where.file, where.line, f"{where.field}.table")
    names = [c.column for c in spec.columns]
    cells = table_cells(ctx.tables[spec.data], spec, names, table_where)
    numeric = []
    for k, column in enumerate(spec.columns):
        values = [row[k] for row in cells]
        numeric.append(column.format is not None or all(_is_number(v) for v in values))
    rows = []
    for row in cells:
        rows.append(tuple(_cell_text(v, c, n) for v, c, n in
                          zip(row, spec.columns, numeric, strict=True)))  # fmt: skip
    header = tuple(c.label or c.column for c in spec.columns)
    highlight = None
    if spec.highlight is not None:
        matches = [i for i, row in enumerate(cells) if str(row[0]) == spec.highlight]
        if not matches:
            raise FitError(
                Problem(
                    Location(where.file, where.line, f"{where.field}.table.highlight"),
                    f"no row's first column equals {spec.highlight!r}",
                    f"first-column values: {', '.join(str(r[0]) for r in cells[:12])}",
                )
            )
        highlight = matches[0]
    sizes = ctx.theme.theme.sizes
    box = frame.content
    font = ctx.theme.body.regular
    size = sizes.table
    while size >= sizes.minimum:
        row_height = line_height(font, size) / 72 + 0.16
        # Each column as wide as its widest text plus padding; the table then gets a
        # little air (x1.35), but never more than the content width.
        widest = [
            max(text_width(t, ctx.theme.body.bold, size) for t in (h, *(r[k] for r in rows))) + 24
            for k, h in enumerate(header)
        ]
        natural = sum(widest) / 72
        if row_height * (len(rows) + 1) <= box.height and natural <= box.width:
            width = min(box.width, natural * 1.35)
            table_box = Rect(box.left, box.top, width, row_height * (len(rows) + 1))
            columns = tuple(width * w / sum(widest) for w in widest)
            return {
                "frame": frame,
                "layout": TableLayout(
                    header, tuple(rows), tuple(numeric), highlight, size, row_height, table_box,
                    columns,
                ),
            }  # fmt: skip
        size -= 1
    raise FitError(
        Problem(
            table_where,
            f"{len(rows)} rows do not fit the slide even at {sizes.minimum:g} pt",
            "keep fewer rows with 'top:' or 'filter:', or split the table over two slides",
        )
    )


def _is_number(value: object) -> bool:
    try:
        return to_number(value) is not None or str(value).strip() in {"-", ""}
    except ValueError:
        return False


def _cell_text(value: object, column: schema.TableColumn, numeric: bool) -> str:
    if not numeric:
        return "" if value is None else str(value)
    try:
        number = to_number(value)
    except ValueError:
        return str(value)
    fmt = column.format or _plain_for(number)
    return fmt.format(number)


def _plain_for(number: float | None) -> schema.NumberFormat:
    decimals = 0 if number is None or float(number).is_integer() else 1
    return schema.NumberFormat(style="plain", decimals=decimals)


def _plan_image(ctx: _Context, slide: schema.ImageSlide, where: Location) -> dict[str, Any]:
    from PIL import Image, UnidentifiedImageError

    from deckgen.io import confine

    file_where = Location(where.file, where.line, f"{where.field}.file")
    path = confine(slide.file, ctx.loaded.root, file_where, allow_outside=ctx.allow_outside)
    if not path.is_file():
        raise FitError(Problem(file_where, f"image file not found: {slide.file!r}"))
    try:
        with Image.open(path) as image:
            pixels = image.size
    except (UnidentifiedImageError, OSError):
        raise FitError(
            Problem(file_where, f"expected a PNG or JPEG image, found {slide.file!r}")
        ) from None
    if slide.title:
        frame = _frame(ctx, slide, where, subtitle=False)
        area = frame.content
    else:
        frame = None
        area = full_frame(ctx.size)
    caption_h = 0.45 if slide.caption else 0.0
    avail = Rect(area.left, area.top, area.width, area.height - caption_h)
    ratio = pixels[0] / pixels[1]
    width = min(avail.width, avail.height * ratio)
    height = width / ratio
    box = Rect(avail.left + (avail.width - width) / 2, avail.top, width, height)
    return {"frame": frame, "layout": {"path": path, "box": box}}


def _plan_sources(ctx: _Context, slide: schema.SourcesSlide, where: Location) -> dict[str, Any]:
    frame = _frame(ctx, slide, where, subtitle=False)
    return {"frame": frame}


_Planner = Callable[[_Context, Any, Location], dict[str, Any]]
PLANNERS: dict[str, _Planner] = {
    "title": _plan_title,
    "section": _plan_section,
    "statement": _plan_statement,
    "quote": _plan_quote,
    "bullets": _plan_bullets,
    "cards": _plan_cards,
    "stats": _plan_stats,
    "chart": _plan_chart,
    "table": _plan_table,
    "image": _plan_image,
    "sources": _plan_sources,
}


def plan_build(
    loaded: LoadedOutline,
    tables: dict[str, pd.DataFrame],
    theme: LoadedTheme,
    *,
    allow_outside: bool = False,
    native_charts: bool = False,
    native_callouts: bool = False,
) -> BuildPlan:
    """Lay out every slide; collect every problem, then raise them together.

    ``native_charts`` / ``native_callouts`` draw charts / stat callouts as PowerPoint
    objects where the outline does not say otherwise.
    """
    size = loaded.outline.deck.size
    if theme.template is not None:
        from deckgen.theming.template import check_size

        check_size(theme.template, size, loaded.locate("deck", "size"))
    ctx = _Context(loaded, tables, theme, size, allow_outside, native_charts, native_callouts)
    planned: list[PlannedSlide] = []
    problems: list[Problem] = []
    for i, slide in enumerate(loaded.outline.slides):
        where = loaded.locate("slides", i)
        try:
            parts = PLANNERS[slide.kind](ctx, slide, where)
        except DeckgenError as exc:
            # Keep going: one build run reports every slide's problems at once.
            problems.extend(exc.problems)
            continue
        sources = tuple(parts.pop("sources", ()))
        if slide.source:
            sources = (slide.source, *sources)
        notes = slide.notes
        pictures = parts.get("pictures", ())
        if notes is None and slide.kind == "chart":
            # Chart slides always carry notes: the presenter gets the numbers spoken out.
            from deckgen.render.alt import describe_chart

            notes = describe_chart(pictures[0].job)
        planned.append(
            PlannedSlide(i + 1, slide, where, sources=_dedupe(sources), notes=notes, **parts)
        )
    if problems:
        raise DeckgenError(problems)
    return BuildPlan(tuple(planned), size, tuple(ctx.warnings))


def _dedupe(items: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def deck_sources(plan: BuildPlan) -> list[str]:
    """Every source line used in the deck, de-duplicated, in order of appearance."""
    return list(dict.fromkeys(s for slide in plan.slides for s in slide.sources))
