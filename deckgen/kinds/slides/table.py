"""The table slide: a native PowerPoint table of selected rows and columns."""

from __future__ import annotations

import contextlib
import functools
import re
from collections import Counter
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from pydantic import Field, field_validator, model_validator

from deckgen.errors import (
    DataError,
    FitError,
    Location,
    OutlineError,
    Problem,
    counted,
    did_you_mean,
    one_of,
)
from deckgen.kinds.slides._base import SlideKind, SlideLayout, SlidePlan
from deckgen.layout.geometry import Rect
from deckgen.layout.text import SLIDE, right_to_left
from deckgen.layout.units import Inches, Length, Pt
from deckgen.outline.formats import NumberFormat
from deckgen.outline.schema import Prose, Selection, Text, _Model, placeholders
from deckgen.tables.dates import as_periods, is_date, read_coded
from deckgen.tables.dates import label as date_label
from deckgen.tables.select import (
    MISSING,
    category_text,
    cell_text,
    check_filters,
    is_blank,
    is_census_mark,
    is_code,
    left_out,
    number_hint,
    select_rows,
    table_cells,
    to_number,
    to_quantity,
    top_tie,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from pathlib import Path

    from pptx.slide import Slide

    from deckgen.kinds.slides._base import PlanContext, PlannedSlide
    from deckgen.kinds.slides._chrome import Deck
    from deckgen.layout.slide import Frame
    from deckgen.theming.model import Palette


class TableColumn(_Model):
    """One column of a table slide."""

    column: str
    label: Prose | None = Field(None, description="Header text (default: the column name).")
    format: NumberFormat | None = Field(None, description="Number format for numeric cells.")
    bar: bool = Field(
        False,
        description="Draw each row's value as a bar beside its number, in the room the "
        "table leaves (one scale for all the table's rows, from zero; numbers only).",
    )

    @model_validator(mode="before")
    @classmethod
    def _from_name(cls, data: Any) -> Any:
        return {"column": data} if isinstance(data, str) else data


class TableSpec(Selection):
    """A table drawn from a data source."""

    columns: list[TableColumn] = Field(
        default_factory=list,
        description="The columns shown, in order (default: every column of the data, in "
        "its order, each headed by its name).",
    )
    highlight: str | None = Field(None, description="Row whose first column equals this.")
    more: bool | str = Field(
        True,
        description="With `top:`, a line under the table saying how many rows it leaves "
        "out: true ('and 12 more'), false, or a text with {n}: 'and {n} more countries'.",
    )

    @field_validator("more")
    @classmethod
    def _has_count(cls, value: bool | str) -> bool | str:
        return placeholders("more", value, ("n",), ("n",)) if isinstance(value, str) else value

    @field_validator("columns", mode="before")
    @classmethod
    def _some(cls, value: Any) -> Any:
        # Written empty, it says nothing of what to show: leave it out to show every column.
        if isinstance(value, list) and not value:
            raise ValueError("expected at least one column; leave 'columns' out to show "
                             "every column of the data")  # fmt: skip
        return value

    @field_validator("columns")
    @classmethod
    def _headed_once(cls, columns: list[TableColumn]) -> list[TableColumn]:
        # Two columns headed alike ('v' and 'v') read as one shown twice: a typo for
        # another column, as a chart's y naming one twice is (found by fuzzing).
        heads = [str(c.label) if c.label is not None else c.column for c in columns]
        twice = next((h for k, h in enumerate(heads) if h in heads[:k]), None)
        if twice is not None:
            raise ValueError(
                f"two columns are headed {twice!r}; name each column once, or give the "
                f"second a label of its own ({{column: ..., label: ...}})"
            )
        return columns


@dataclass(frozen=True)
class TableLayout(SlideLayout):
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...]
    highlight_row: int | None
    size: Length
    row_heights: tuple[Length, ...]  # the header's, then each row's
    box: Rect  # its width is the table's width
    column_widths: tuple[Length, ...]  # summing to box.width
    more: str | None = None  # "and 12 more", under the table on its last slide
    more_box: Rect | None = None
    #: What each row shows, as the data has it: (source, row, column, value).
    shown: tuple[tuple[str, str, str, object], ...] = ()
    #: Each column's bar track, at the right of its cells (zero for a column without bars).
    tracks: tuple[Length, ...] = ()
    #: Each row's bars, per column: the value as a share of the column's largest (over
    #: all the table's rows), ``None`` for no bar (a column without bars, a missing value).
    bars: tuple[tuple[float | None, ...], ...] = ()
    bar_height: Length | None = None  # the bars' height, where there are bars

    @property
    def data_cells(self) -> tuple[tuple[str, str, str, object], ...]:
        return self.shown


#: Space above and below a row's text (cell margins plus air), at any size.
ROW_PAD = Inches(0.09)
#: Space left and right of a cell's text (the cell margins, 0.1 in each, plus air).
CELL_PAD = Pt(24)
#: The most slides one table may continue over; more rows call for `top:`.
MAX_SLIDES = 4
#: A table is as wide as its columns need, with this much more between a text column and
#: the next, but no narrower than :data:`NARROWEST` of the content width: three short
#: columns spread over the whole slide left a gap of nine inches to jump across on every
#: row between a state and its value.
GUTTER = Inches(0.75)
#: Two-thirds: 8 of the grid's 12 columns, so that a small table still holds the slide.
NARROWEST = 2 / 3
#: A short table's rows share the content area's height, each at most this many times as
#: tall as its text needs: six rows at body size stopped two-thirds of the way down, an
#: empty band under them and beside the footer (the sample's slide 26, found in review).
AIR = 1.5
#: A bar column's track (:attr:`TableColumn.bar`) is at least this wide, and the tracks
#: together take at most this share of the content width: the table then takes the whole
#: width, its text columns the :data:`NARROWEST` two-thirds it would have had alone.
TRACK_LEAST = Inches(1)
TRACK_MOST = 1 - NARROWEST
#: A bar's height, a share of the table's shortest row: centred on the text, clear of the
#: rules between rows.
BAR_HEIGHT = 0.5
#: Air between a bar column's number and the start of its bars, beyond the cell's margin:
#: at the margin alone '45%' touched its bar at slide scale (found in review).
BAR_GAP = Inches(0.1)
#: ... and inside the column's right edge, as a cell's text is (its margin): the longest
#: bar ran to the table's edge, past the line the numbers keep (found in review).
BAR_INSET = Inches(0.1)
#: The most lines a cell wraps onto, where the columns are too wide for one line each
#: even at the smallest size: a long name or note wraps, a paragraph is refused.
MOST_LINES = 3


def _too_many(where: Location, rows: int, slides: int) -> FitError:
    """The error for a table longer than :data:`MAX_SLIDES` slides (``slides``: at least)."""
    return FitError(
        Problem(
            Location(where.file, where.line, f"{where.field}.table"),
            f"{rows:,} rows would take {slides:,} slides (at most {MAX_SLIDES} per table)",
            "keep the rows that matter with 'top:' (a line then says how many more "
            "there are), or 'filter:'",
        )
    )


class TableSlide(SlideKind):
    """Rows of a data source, numbers right-aligned and formatted, one row highlighted;
    as wide as its columns need (:func:`_table_width`), continued on further slides (header
    repeated, "(continued)" in the title, "(continued, 2/3)" over three slides or more)
    when the rows do not fit one at a legible size."""

    kind: Literal["table"]
    content: ClassVar[bool] = True
    states_finding: ClassVar[bool] = True
    title: Text
    subtitle: Prose | None = None
    table: TableSpec

    def _every_column(self, ctx: PlanContext) -> TableSlide:
        """This slide with ``columns:`` written out where the outline leaves it out: every
        column of the data, in its order (a first table needed each named: found in
        review). The data is there by now: the outline's check says which table a
        ``data:`` that names none meant."""
        if self.table.columns or self.table.data not in ctx.tables:
            return self
        every = [TableColumn(column=str(c)) for c in ctx.tables[self.table.data].columns]
        return self.model_copy(update={"table": self.table.model_copy(update={"columns": every})})

    def _cells(self, ctx: PlanContext, where: Location) -> list[list[Any]]:
        spec = self.table
        names = [c.column for c in spec.columns]
        where = Location(where.file, where.line, f"{where.field}.table")
        return table_cells(ctx.tables[spec.data], spec, names, where)

    def _left_out(self, ctx: PlanContext, where: Location, shown: int) -> int:
        """How many rows ``top:`` leaves out (0 without it)."""
        if self.table.top is None:
            return 0
        at = Location(where.file, where.line, f"{where.field}.table")
        every = self.table.model_copy(update={"top": None})
        return len(select_rows(ctx.tables[self.table.data], every, at)[0]) - shown

    def check(self, ctx: PlanContext, where: Location) -> list[Problem]:
        if not self.table.columns:
            return self._every_column(ctx).check(ctx, where)
        at = Location(where.file, where.line, f"{where.field}.table")
        problems = check_filters(ctx.tables[self.table.data], self.table, at)
        if problems:
            return problems
        cells = self._cells(ctx, where)
        problems = _formats_on_text(cells, self.table.columns, at)
        if self.table.highlight is None:
            return problems
        keys = [str(row[0]) for row in cells]
        if self.table.highlight in keys:
            return problems
        # A row that top: or a filter leaves out is said to be one (it was told to write
        # the value as the data has it, which it did; found by fuzzing).
        frame, first = ctx.tables[self.table.data], self.table.columns[0].column
        return [
            *problems,
            Problem(
                Location(where.file, where.line, f"{where.field}.table.highlight"),
                f"no row's first column equals {self.table.highlight!r}; the rows shown are "
                + one_of(keys[:12]),
                left_out(frame, self.table, first, self.table.highlight, at)
                or did_you_mean(self.table.highlight, keys)
                or "write the value as the data has it",
            ),
        ]

    def plan(self, ctx: PlanContext, where: Location) -> tuple[SlidePlan, ...]:
        if not self.table.columns:
            return self._every_column(ctx).plan(ctx, where)
        spec = self.table
        cells = self._cells(ctx, where)
        # Here, where the cells are read anyway (the check stage reads them only for a
        # highlight): a table of tens of thousands of rows is read once.
        types = ctx.tables[spec.data].attrs.get("types", {})
        at = Location(where.file, where.line, f"{where.field}.table")
        unwritable = _unwritable(cells, spec.columns, types, at)
        if unwritable:
            raise DataError(unwritable)
        tie = top_tie(ctx.tables[spec.data], spec, at, spec.columns[0].column)
        if tie is not None:
            tie = ctx.loaded.relocate(tie)
            ctx.warnings.append(f"{tie.location}: {tie.message}; {tie.hint}")
        # Over all the rows, before they are shared out: one scale on every slide.
        bars = _bars(cells, spec.columns, at)
        first = self.frame(ctx, where)
        # More rows than MAX_SLIDES slides hold even at the smallest size: said at once,
        # before every cell is written and measured (250,000 rows took minutes to refuse).
        sizes = ctx.theme.theme.sizes
        smallest = SLIDE.leading(ctx.theme.body.regular, Pt(sizes.minimum)) + ROW_PAD
        per_slide = max(int(first.content.height.ratio(smallest)), 1)
        if len(cells) > MAX_SLIDES * per_slide:
            raise _too_many(where, len(cells), -(-len(cells) // per_slide))
        texts, numeric = [], []
        # A sheet's percentages, read as shown (45 for 45%), keep their sign: a Power BI
        # export's 2.31% showed '2.3' (found in review).
        # And its money, the sign its format writes (a budget sheet's '$1,200').
        origin = ctx.tables[spec.data].attrs.get("origin")
        percent = set(getattr(origin, "percent", {}))
        money = getattr(origin, "currency", {})
        for k, column in enumerate(spec.columns):
            shown, is_number = column_texts([row[k] for row in cells], column,
                                            types.get(column.column),
                                            percent=column.column in percent,
                                            currency=money.get(column.column))  # fmt: skip
            texts.append(shown)
            numeric.append(is_number)
        rows = [tuple(column[i] for column in texts) for i in range(len(cells))]
        header = tuple(c.label or c.column for c in spec.columns)
        highlight = None
        if spec.highlight is not None:
            matches = [i for i, row in enumerate(cells) if str(row[0]) == spec.highlight]
            if not matches:  # checked after binding; kept for callers that plan directly
                raise OutlineError(self.check(ctx, where))
            highlight = matches[0]
        left_out = self._left_out(ctx, where, len(rows))
        more = None
        if left_out and spec.more is not False:
            # In the deck's words and its thousands mark: 'und 1.250 weitere'.
            more = (spec.more if isinstance(spec.more, str) else
                    ctx.loaded.outline.deck.wording.more).format(
                n=NumberFormat(style="plain").format(left_out)
            )  # fmt: skip
        again, later = self.continued(ctx, where)
        fit = self._fit(ctx, where, header, rows, numeric, more, first, later)
        # Three slides or more: each continuing one is numbered ('(continued, 2/3)'), as
        # no two slide titles may be the same; the rows are shared out again by the least
        # room those titles leave (a longer title may wrap), until the count holds (less
        # room never takes fewer slides).
        agains: list[TableSlide] = []
        laid: list[Frame] = []
        while len(fit.pages) > 2 and len(fit.pages) != len(agains) + 1:
            agains, laid = self._numbered(ctx, where, len(fit.pages))
            tightest = functools.partial(min, laid, key=lambda f: f.content.height)
            fit = self._fit(ctx, where, header, rows, numeric, more, first, tightest)
        size, pages, widths, tracks = fit.size, fit.pages, fit.widths, fit.tracks
        frames = [first if page == 0 else laid[page - 1] if agains else later()
                  for page in range(len(pages))]  # fmt: skip
        air = _air(fit, frames, more is not None)
        heights = tuple(height + air for height in fit.heights)
        bar_height = Length(round(min(heights) * BAR_HEIGHT)) if any(tracks) else None
        table_width = sum(widths, Length(0))
        slides = []
        start = 0
        names = [category_text(row[0]) for row in cells]
        repeats = Counter(names)
        for page, count in enumerate(pages):
            frame = frames[page]
            last = page == len(pages) - 1
            page_heights = (heights[0], *heights[1 + start : 1 + start + count])
            box = Rect(frame.content.left, frame.content.top, table_width,
                       sum(page_heights, Length(0)))  # fmt: skip
            mine = highlight - start if highlight is not None else None
            # A row is named by its first column, as `highlight:` names it (so that column
            # is the row's name, not one of its values); a name the table repeats (a long
            # table's 'China' per year) also by its place, so no two rows share a name.
            page_cells = tuple(
                (spec.data, names[i] if repeats[names[i]] == 1 else
                 f"{names[i]} (row {i + 1})", column.column, _plain(row[k]))
                for i, row in enumerate(cells[start : start + count], start)
                for k, column in enumerate(spec.columns)
                if k > 0
            )  # fmt: skip
            layout = TableLayout(
                header, tuple(rows[start : start + count]), tuple(numeric),
                mine if mine is not None and 0 <= mine < count else None, Pt(size), page_heights,
                box, widths, more if last else None,
                Rect(box.left, box.bottom, box.width, fit.line) if more and last else None,
                page_cells, tracks, tuple(bars[start : start + count]) if any(tracks) else (),
                bar_height,
            )  # fmt: skip
            slides.append(SlidePlan(frame, layout=layout,
                                    slide=self if page == 0 else
                                    agains[page - 1] if agains else again))  # fmt: skip
            start += count
        return tuple(slides)

    def _numbered(
        self, ctx: PlanContext, where: Location, total: int
    ) -> tuple[list[TableSlide], list[Frame]]:
        """The slides that continue this one over ``total`` slides in all, each titled with
        its place ('Title (continued, 2/3)'), and their frames; 'Title (2/3)' where the
        longer one does not fit the title's lines (it is shorter than 'Title (continued)',
        which did)."""
        words = ctx.loaded.outline.deck.wording
        for said in (f"{words.continued}, ", ""):
            agains = [self.model_copy(update={"title": f"{self.title} ({said}{n}/{total})"})
                      for n in range(2, total + 1)]  # fmt: skip
            try:
                return agains, [again.frame(ctx, where) for again in agains]
            except FitError:
                if not said:
                    raise
        raise AssertionError("unreachable")

    def _fit(
        self,
        ctx: PlanContext,
        where: Location,
        header: tuple[str, ...],
        rows: list[tuple[str, ...]],
        numeric: list[bool],
        more: str | None,
        first: Frame,
        later: Callable[[], Frame],
    ) -> _Fit:
        """The text size, rows per slide, column widths and row heights: the fewest slides
        that hold the rows at a legible size, then the largest size (up to the theme's body
        size) that keeps that many, the rows shared evenly between them; each cell on one
        line. Where no size down to the theme's smallest gets every cell on one line, the
        text columns and the headers wrap at their words instead (:func:`_wrapped`): a
        six-column table with one long name and a note was refused (found in review)."""
        sizes = ctx.theme.theme.sizes
        bold = ctx.theme.body.bold
        room = first.content.width
        # Bars need a track beside their numbers: the columns fit what the least leaves.
        width = room - TRACK_LEAST * sum(c.bar for c in self.table.columns)
        options = []
        # A short table grows to body size to use the slide (a few rows at 14 pt leave it
        # two-thirds empty); a long one keeps to the fewest slides first, then the size.
        size = max(sizes.table, sizes.body)
        while size >= sizes.minimum:
            pt = Pt(size)
            row_height = SLIDE.leading(ctx.theme.body.regular, pt) + ROW_PAD
            natural = [
                max(SLIDE.width(t, bold, pt) for t in (h, *(r[k] for r in rows))) + CELL_PAD
                for k, h in enumerate(header)
            ]
            if sum(natural, Length(0)) <= width:
                pages = _pages(len(rows), more is not None, row_height, first, later)
                if pages is not None:
                    widths = _spread(natural, _table_width(natural, width, numeric), numeric)
                    fit = _Fit(size, pages, widths, (row_height,) * (len(rows) + 1), row_height)
                    options.append((len(pages), -size, fit))
            size -= 1
        size = max(sizes.table, sizes.body)
        wrap = not options  # only where no size sets every cell on one line
        while wrap and size >= sizes.minimum:
            pt = Pt(size)
            line = SLIDE.leading(ctx.theme.body.regular, pt)
            wrapped = _wrapped(header, rows, numeric, bold, pt, width)
            if wrapped is not None:
                widths, lines = wrapped
                heights = tuple(line * n + ROW_PAD for n in lines)
                under = line + ROW_PAD if more else None
                pages = _pages_by_height(list(heights[1:]), heights[0], under, first, later)
                if pages is not None:
                    options.append((len(pages), -size, _Fit(size, pages, widths, heights,
                                                            line + ROW_PAD)))  # fmt: skip
            size -= 1
        if not options:
            raise FitError(
                Problem(
                    Location(where.file, where.line, f"{where.field}.table"),
                    f"the table's columns are wider than the slide even at {sizes.minimum:g} pt "
                    f"with its text wrapped onto {MOST_LINES} lines",
                    "show fewer columns, or shorten long texts and labels",
                )
            )
        count, _, fit = min(options, key=lambda o: o[:2])
        if count > MAX_SLIDES:
            raise _too_many(where, len(rows), count)
        return _with_tracks(fit, [c.bar for c in self.table.columns], numeric, room)

    def build(self, deck: Deck, planned: PlannedSlide) -> Slide:
        from pptx.enum.text import MSO_ANCHOR
        from pptx.util import Emu

        from deckgen.ooxml import shapes as sh
        from deckgen.ooxml.shapes import Para

        slide = deck.content_slide(planned)
        layout = planned.layout
        assert isinstance(layout, TableLayout)
        n_rows, n_cols = len(layout.rows) + 1, len(layout.header)
        frame = slide.shapes.add_table(n_rows, n_cols, *sh.box(layout.box))
        frame.name = f"Table: {self.title}"
        sh.style_table(frame)
        table = frame.table
        for k, width in enumerate(layout.column_widths):
            table.columns[k].width = Emu(width)
        for r, height in enumerate(layout.row_heights):
            table.rows[r].height = Emu(height)
        colors = deck.colors
        for r in range(n_rows):
            header = r == 0
            highlighted = layout.highlight_row is not None and r - 1 == layout.highlight_row
            for k in range(n_cols):
                cell = table.cell(r, k)
                text = layout.header[k] if header else layout.rows[r - 1][k]
                fill = colors.surface if (not header and r % 2 == 0) else None
                rule = colors.text if header else (colors.grid if r < n_rows - 1 else None)
                sh.style_cell(cell, fill, rule, 1.5 if header else 0.75)
                cell.margin_left = Emu(Inches(0.1))
                # A bar column's number sits at the left of its track, the header over it.
                cell.margin_right = Emu(Inches(0.1) + layout.tracks[k])
                cell.margin_top = cell.margin_bottom = Emu(Inches(0.03))
                cell.vertical_anchor = MSO_ANCHOR.MIDDLE
                color = (
                    colors.highlight_ink if highlighted
                    else colors.muted if header else colors.text
                )  # fmt: skip
                para = Para(
                    text, deck.font("body"), layout.size, color,
                    bold=header or highlighted,
                    align="right" if layout.numeric[k] else "left",
                )  # fmt: skip
                _cell_text_run(cell, para)
        if layout.bars:
            _draw_bars(slide, layout, colors)
        if layout.more and layout.more_box:
            sh.add_text(slide, layout.more_box, [Para(layout.more, deck.font("body"),
                        layout.size, colors.muted, italic=True)], anchor="middle",
                        name="Rows left out")  # fmt: skip
        return slide


@dataclass(frozen=True)
class _Fit:
    """How a table is set: its text size (pt), rows per slide, column widths, row heights
    (the header's first) and the height of one line of text (the 'and 12 more' line)."""

    size: float
    pages: list[int]
    widths: tuple[Length, ...]
    heights: tuple[Length, ...]
    line: Length
    tracks: tuple[Length, ...] = ()  # each column's bar track, within its width


def _with_tracks(fit: _Fit, bars: list[bool], numeric: list[bool], room: Length) -> _Fit:
    """``fit`` with a track for each bar column: the table then takes the whole width
    ``room``, the tracks what its text columns leave (at most :data:`TRACK_MOST` of it,
    the text columns widened to the rest as :func:`_spread` widens them), at least
    :data:`TRACK_LEAST` each, which the columns were fitted to leave."""
    if not any(bars):
        return replace(fit, tracks=(Length(0),) * len(bars))
    text = sum(fit.widths, Length(0))
    count = sum(bars)
    spare = room - max(text, room - room * TRACK_MOST)
    track = Length(max(spare // count, TRACK_LEAST))
    widths = _spread(list(fit.widths), room - track * count, numeric)
    tracks = tuple(track if bar else Length(0) for bar in bars)
    widths = tuple(w + t for w, t in zip(widths, tracks, strict=True))
    # The rounding's few EMU to the last column, so the columns fill the width exactly.
    widths = (*widths[:-1], widths[-1] + room - sum(widths, Length(0)))
    return replace(fit, widths=widths, tracks=tracks)


def _air(fit: _Fit, frames: Sequence[Frame], more: bool) -> Length:
    """What each row of the table (the header too) gains in height so that its rows share
    the content area's height (:data:`AIR`): the same on every slide it takes, the least
    any of them leaves, and at most what makes a row of one line :data:`AIR` times as
    tall. Text sits in the middle of its row; a long table, which fills its slides, gains
    next to nothing."""
    spare, start = [], 0
    for page, (count, frame) in enumerate(zip(fit.pages, frames, strict=True)):
        used = sum(fit.heights[1 + start : 1 + start + count], fit.heights[0])
        if more and page == len(fit.pages) - 1:
            used += fit.line  # the 'and 12 more' line under the table
        spare.append(Length((frame.content.height - used) // (count + 1)))  # never over
        start += count
    return max(Length(0), min(*spare, fit.line * (AIR - 1)))


def _wrapped(
    header: tuple[str, ...], rows: list[tuple[str, ...]], numeric: list[bool], font: Path,
    size: Length, room: Length,
) -> tuple[tuple[Length, ...], list[int]] | None:  # fmt: skip
    """Column widths over the whole of ``room`` and each row's lines (the header's first)
    where text wraps at its words: numbers stay on one line (a value broken over two reads
    as two), headers and text cells wrap, the widest text columns first (each column as
    wide as its text, but none wider than one level that makes them all fit); ``None``
    where even the widest word of each column leaves no room, or a cell would take more
    than :data:`MOST_LINES` lines."""
    from deckgen.layout.text import words

    columns = [(h, *(r[k] for r in rows)) for k, h in enumerate(header)]
    whole = [max(SLIDE.width(t, font, size) for t in texts) + CELL_PAD for texts in columns]
    widest_word = [
        max((SLIDE.width(w, font, size) for t in texts for w in words(t)), default=Length(0))
        + CELL_PAD
        for texts in columns
    ]
    least = [
        max(widest_word[k], *(SLIDE.width(t, font, size) + CELL_PAD for t in texts[1:]))
        if numeric[k] else widest_word[k]
        for k, texts in enumerate(columns)
    ]  # fmt: skip
    if sum(least, Length(0)) > room:
        return None

    def widths_at(level: float) -> list[Length]:
        return [max(least[k], min(whole[k], Length(round(level)))) for k in range(len(whole))]

    low, high = 0.0, float(max(whole))  # the level: the widest any column may be
    for _ in range(40):
        middle = (low + high) / 2
        low, high = (middle, high) if sum(widths_at(middle), Length(0)) <= room else (low, middle)
    widths = widths_at(low)
    # The rounding's few EMU to the last column, so the columns fill the table exactly.
    widths[-1] += room - sum(widths, Length(0))
    lines = [
        max(SLIDE.line_count(t, font, size, widths[k] - CELL_PAD) for k, t in enumerate(row))
        for row in (header, *rows)
    ]
    if max(lines) > MOST_LINES:
        return None
    return tuple(widths), lines


def _pages_by_height(
    heights: list[Length], header: Length, more: Length | None, first: Frame,
    later: Callable[[], Frame],
) -> list[int] | None:  # fmt: skip
    """Rows per slide for rows of ``heights`` (each slide repeats the ``header``, the last
    has the ``more`` line under it): as few slides as hold them, as evenly filled as they
    allow (the fullest as empty as it can be); ``None`` if a row is taller than a slide."""
    items = [*heights, *([more] if more is not None else [])]
    rooms = [first.content.height - header]

    def room(page: int) -> Length:
        while len(rooms) <= page:
            rooms.append(later().content.height - header)  # a longer title
        return rooms[page]

    def packed(limit: Length) -> list[int] | None:
        """Items per slide, filling each to at most ``limit``; ``None`` if one is taller."""
        pages, used = [0], Length(0)
        for item in items:
            if used + item > min(limit, room(len(pages) - 1)):
                if pages[-1] == 0:
                    return None
                pages.append(0)
                used = Length(0)
                if item > room(len(pages) - 1):
                    return None
            pages[-1] += 1
            used += item
        return pages

    widest = packed(max(rooms[0], room(1)))
    if widest is None:
        return None
    # The smallest fill per slide that still needs no more slides: the rows shared evenly.
    low, high = max(items), max(rooms[0], room(1))
    for _ in range(30):
        middle = Length((low + high) // 2)
        tried = packed(middle)
        low, high = (low, middle) if tried is not None and len(tried) <= len(widest) else (
            middle, high)  # fmt: skip
    pages = packed(high) or widest
    if more is not None:
        pages[-1] -= 1  # the line under the table, not a row
    return pages


def _pages(
    n: int, more: bool, row_height: Length, first: Frame, later: Callable[[], Frame]
) -> list[int] | None:
    """Rows per slide for ``n`` rows (and a line for ``more`` on the last): as few slides
    as hold them, the rows shared evenly between them; ``None`` if a slide would hold
    fewer than two rows at this height."""
    lines = n + (1 if more else 0)
    room = [int(first.content.height.ratio(row_height)) - 1]  # the header takes a row
    if lines <= room[0]:
        return [n]
    room.append(int(later().content.height.ratio(row_height)) - 1)  # a longer title
    if min(room) < 2:
        return None
    count = 1 + -(-(lines - room[0]) // room[1])
    caps = [room[0]] + [room[1]] * (count - 1)
    even = -(-lines // count)
    while sum(min(c, even) for c in caps) < lines:
        even += 1  # a slide with less room (a longer title) leaves more to the others
    pages = [min(c, even) for c in caps]
    for _ in range(sum(pages) - lines):  # one fewer on the fullest slides, last first
        fullest = max(pages)
        pages[max(i for i, p in enumerate(pages) if p == fullest)] -= 1
    pages[-1] -= 1 if more else 0  # the line under the table, not a row
    return pages


def _table_width(natural: list[Length], room: Length, numeric: list[bool]) -> Length:
    """How wide the table is in the content area's width ``room``: its columns' widest
    texts, a :data:`GUTTER` after each text column that has a column after it, at least
    :data:`NARROWEST` of the room and at most all of it."""
    gutters = sum(not n for n in numeric[:-1])
    wanted = sum(natural, Length(0)) + GUTTER * gutters
    return min(room, max(wanted, room * NARROWEST))


def _spread(natural: list[Length], width: Length, numeric: list[bool]) -> tuple[Length, ...]:
    """Column widths over the table's ``width``: each at least its widest text, the room
    left to the text columns (labels, names) in proportion, numbers kept tight at the right
    of their columns; a table of numbers only shares it out in proportion too."""
    slack = width - sum(natural, Length(0))
    takers = [k for k, n in enumerate(numeric) if not n] or list(range(len(natural)))
    total = sum((natural[k] for k in takers), Length(0))
    return tuple(
        natural[k] + (slack * natural[k].ratio(total) if k in takers else Length(0))
        for k in range(len(natural))
    )


def _cell_text_run(cell: Any, para: Any) -> None:
    from pptx.util import Emu

    from deckgen.ooxml import shapes as sh

    frame = cell.text_frame
    # Wrap rather than spill into the next cell if a substitute font is wider.
    frame.word_wrap = True
    p = frame.paragraphs[0]
    # Arabic or Hebrew runs right to left from the cell's right, as every other paragraph
    # of the deck does: a table wrote 'שלום עולם.' with its full stop on the wrong side
    # (found by fuzzing). A number keeps its right alignment.
    rtl = bool(right_to_left(para.text))
    p.alignment = sh.ALIGN[sh.MIRRORED.get(para.align, para.align) if rtl else para.align]
    if rtl:
        p._p.get_or_add_pPr().set("rtl", "1")
    run = p.add_run()
    run.text = sh.clean(para.text)
    run.font.name = para.font
    run.font.size = Emu(para.size)
    run.font.bold = para.bold
    run.font.color.rgb = sh.rgb(para.color)


def _draw_bars(slide: Slide, layout: TableLayout, colors: Palette) -> None:
    """Each row's bars over the table, at the left of their tracks (the zero baseline),
    centred in their rows: native rectangles, named by the row, in the neutral (the
    highlighted row's in the highlight), each 3:1 against both of the rows' fills."""
    from deckgen.ooxml import shapes as sh
    from deckgen.theming.colour import MARK, legible

    def mark(colour: str) -> str:
        for ground in (colors.background, colors.surface):
            colour = legible(colour, ground, MARK)
        return colour

    rest, accent = mark(colors.neutral), mark(colors.highlight)
    assert layout.bar_height is not None  # planned with the bars
    lefts = [layout.box.left + sum(layout.column_widths[:k], Length(0))
             for k in range(len(layout.column_widths))]  # fmt: skip
    top = layout.box.top + layout.row_heights[0]
    for r, (row, bars) in enumerate(zip(layout.rows, layout.bars, strict=True)):
        height = layout.row_heights[1 + r]
        for k, share in enumerate(bars):
            if share is None or share <= 0:
                continue
            track = layout.tracks[k] - BAR_GAP - BAR_INSET
            start = lefts[k] + layout.column_widths[k] - BAR_INSET - track
            rect = Rect(start, top + (height - layout.bar_height) // 2,
                        Length(max(round(track * share), 1)), layout.bar_height)  # fmt: skip
            named = f"Bar: {row[0]}" + (f" ({layout.header[k]})" if sum(map(bool, layout.tracks))
                                        > 1 else "")  # fmt: skip
            sh.add_rect(slide, rect, accent if r == layout.highlight_row else rest, name=named)
        top += height


def _bars(
    cells: list[list[Any]], columns: Sequence[TableColumn], at: Location
) -> list[tuple[float | None, ...]]:
    """Each row's bars (:attr:`TableColumn.bar`): its value over the column's largest in
    ``cells``, ``None`` for a missing value or a column without bars. A column of bars
    with a value that is not a number, or below zero, is refused (a bar's length from zero
    would misread it)."""
    shares: list[list[float | None]] = [[None] * len(columns) for _ in cells]
    problems = []
    for k, column in enumerate(columns):
        if not column.bar:
            continue
        values: list[float | None] = []
        texts, negatives = [], []
        for row in cells:
            try:
                number = to_number(None if is_blank(row[k]) else row[k])
            except ValueError:
                texts.append(f"{category_text(row[0])} = {row[k]!r}")
                number = None
            if number is not None and number < 0:
                negatives.append(f"{category_text(row[0])} = {number:g}")
            values.append(number)
        where = Location(at.file, at.line, f"{at.field}.columns[{k}].bar")
        fixes = (
            "a bar's length is its value from zero: fix those cells ('-' for a missing value, "
            "no bar), or leave out 'bar: true' for this column",
            "a bar's length is its value from zero, which a negative value has not: leave "
            "out 'bar: true' for this column (a chart shows values either side of zero), or "
            "filter those rows out",
        )
        for found, fix in zip((texts, negatives), fixes, strict=True):
            if found:
                more = f" and {len(found) - 3} more" if len(found) > 3 else ""
                problems.append(Problem(
                    where,
                    f"bar: true expects a number of zero or more in every row of "
                    f"{column.column!r}, found {', '.join(found[:3])}{more}",
                    fix,
                ))  # fmt: skip
        if texts or negatives:
            continue
        largest = max((v for v in values if v is not None), default=0.0)
        for i, value in enumerate(values):
            if value is not None and largest > 0:
                shares[i][k] = value / largest
    if problems:
        raise DataError(problems)
    return [tuple(row) for row in shares]


def _formats_on_text(
    cells: list[list[Any]], columns: Sequence[TableColumn], at: Location
) -> list[Problem]:
    """A problem for each column given a number ``format`` that holds no number: it was
    shown as written, the format ignored without a word (found by fuzzing). And for one
    whose cells are numbers written in a layout deckgen does not read ('12,5', '1 234',
    '1.2M'): shown as written beside the formatted ones ('1,234,567.00' over '12,5'),
    where a chart stops with the fix (fuzzing round 8, 10). Text that is no number ('see
    note') is still shown as written."""
    from deckgen.tables.select import number_hint, said_otherwise

    problems = []
    for k, column in enumerate(columns):
        if column.format is None:
            continue
        # Words for a number ('<5', 'n.a.', '30-40') are shown as written, as a table
        # should; a number in another layout ('12,5') would read as another number.
        unread = [(row[0], row[k], hint) for row in cells
                  if isinstance(row[k], str) and not _is_number(row[k])
                  and said_otherwise(row[k].strip()) is None
                  and (hint := number_hint(row[k])) is not None]  # fmt: skip
        if unread:
            name, value, hint = unread[0]
            more = f" (and {counted(len(unread) - 1, 'more cell')})" if len(unread) > 1 else ""
            problems.append(Problem(
                Location(at.file, at.line, f"{at.field}.columns[{k}].format"),
                f"format: {column.format} writes numbers, and {column.column!r} holds "
                f"{value!r} in row {category_text(name)!r}{more}, a number in a layout "
                "deckgen does not read: it would be shown as written beside the formatted "
                "ones",
                hint,
            ))  # fmt: skip
            continue
        present = [row[k] for row in cells if not is_blank(row[k])]
        if not present or any(_is_number(v) for v in present) or all(is_date(v) for v in present):
            continue
        shown = one_of(dict.fromkeys(str(v) for v in present[:3]))
        problems.append(Problem(
            Location(at.file, at.line, f"{at.field}.columns[{k}].format"),
            f"format: {column.format} writes numbers, and {column.column!r} holds none "
            f"(it holds {shown}{', ...' if len(present) > 3 else ''})",
            "leave out 'format:' for a column of text, or name the column of numbers meant",
        ))  # fmt: skip
    return problems


def _is_number(value: Any) -> bool:
    """A cell a number format writes: a number, not a code ('00501' is no 501)."""
    try:
        return to_quantity(value) is not None
    except ValueError:
        return False


def _unwritable(
    cells: list[list[Any]],
    columns: Sequence[TableColumn],
    types: dict[str, str],
    at: Location,
) -> list[Problem]:
    """A problem for each column with a number no table should write, as a chart refuses
    it: the US Census Bureau's mark for no estimate (a table showed '−$666,666,666' as a
    county's income; found in review), or an infinite number ('∞', and the column's other
    numbers with a decimal, '5.0'; found by fuzzing)."""
    problems = []
    for k, column in enumerate(columns):
        if types.get(column.column) == "text":
            continue  # shown as written, and declared so
        marks = [(row[0], row[k]) for row in cells if is_census_mark(row[k])]
        if marks:
            key, value = marks[0]
            more = f" and {counted(len(marks) - 1, 'more row')}" if len(marks) > 1 else ""
            problems.append(Problem(
                Location(at.file, at.line, f"{at.field}.columns[{k}]"),
                f"expected a number in column {column.column!r}, found {cell_text(value)} "
                f"(a mark for no value) in the row {category_text(key)!r}{more}",
                number_hint(value) or "",
            ))  # fmt: skip
        elif infinite := _infinite(cells, k, column, at):
            problems.append(infinite)
    return problems


def _infinite(cells: list[list[Any]], k: int, column: TableColumn, at: Location) -> Problem | None:
    """A problem if column ``k`` holds an infinite number, else ``None``."""
    import math

    found = []
    for row in cells:
        with contextlib.suppress(ValueError):
            number = to_number(row[k])
            if number is not None and math.isinf(number):
                found.append(f"{category_text(row[0])} = {number}")
    if not found:
        return None
    shown = ", ".join(found[:3]) + (f" and {len(found) - 3} more" if len(found) > 3 else "")
    return Problem(
        Location(at.file, at.line, f"{at.field}.columns[{k}]"),
        f"expected a finite number in every row, found {shown} in {column.column!r}",
        "inf usually comes from a division by zero in the export or a compute step; "
        "fix those cells, write '-' for a missing value, or filter the rows out",
    )


def column_texts(
    values: list[Any],
    column: TableColumn,
    declared: str | None,
    *,
    percent: bool = False,
    currency: tuple[str, str, int] | None = None,
) -> tuple[list[str], bool]:
    """One table column as shown, and whether it is numbers (right-aligned).

    Numbers are written together (:meth:`NumberFormat.format_values`: one unit, one
    precision for the column), in the column's ``format`` or plain. A column declared
    ``text``, and an undeclared one of codes (:func:`~deckgen.tables.select.is_code`: a
    leading zero, ``00501``; a part code, ``2E7``; an ID too long for a float) or years
    (whole numbers 1000-2999 written without separators), is shown exactly as written:
    never ``2,001``. Dates are shown as their period reads ("March 2010"). A column of a
    sheet's ``percent`` cells (read as shown: 45 for 45%) keeps its '%', as a CSV's does,
    and one of a sheet's money its ``currency`` sign, before and after the number, and the
    decimals the sheet shows ('£1,200.50', not '£1,200.5').
    """
    # An empty cell is None however the reader left it (a sheet's empty cell is NaN: a
    # date column with one showed its dates as ISO text and the gap as 'nan'; fuzzing).
    values = [None if is_blank(v) else v for v in values]
    # A column of gaps alone (a share of a zero total) is no date column: its cells read
    # '', where every other gap in a table reads '–' (found by fuzzing).
    dated = any(v is not None for v in values) and all(is_date(v) or v is None for v in values)
    days = read_coded([v for v in values if v is not None]) if declared is None else None
    if days is not None:
        # Days written as a program writes them, and months as offices code them, are
        # dates, as a chart reads them: an API's '2023-01-01T00:00:00Z' was shown as
        # written in every row (found in review).
        read = iter(days)
        values, dated = [None if v is None else next(read) for v in values], True
    if declared == "date" or dated:
        # Days on the first of each month (or quarter, or year) are the periods a chart
        # says they are: FRED's quarterly GDP read 'January 1, 2022', 'April 1, 2022' in a
        # table beside a chart of 'Q1 2022' (found in review).
        present = [v for v in values if v is not None and is_date(v)]
        periods = iter(as_periods(present))
        values = [next(periods) if v is not None and is_date(v) else v for v in values]
        # A missing date is a dash, as a missing number is: a blank read as a cell not
        # filled in yet (found by fuzzing).
        return ["\u2013" if v is None else date_label(v) for v in values], False
    if column.format is None and (declared == "text" or (declared is None and _codes(values))):
        return ["" if v is None else str(v) for v in values], False
    numbers: dict[int, float | None] = {}
    for i, value in enumerate(values):
        with contextlib.suppress(ValueError):
            numbers[i] = to_number(value)
    if len(numbers) < len(values) and column.format is None:
        return ["" if v is None else str(v) for v in values], False
    dressed = "%" if percent else _dressed([values[i] for i, n in numbers.items() if n is not None])
    decimals = _decimals([(values[i], n) for i, n in numbers.items() if n is not None])
    before, after = "" if dressed in (None, "%") else str(dressed), ""
    if currency is not None:
        before, after, decimals = currency
    fmt = column.format or NumberFormat(
        style="percent" if dressed == "%" else "plain",
        decimals=decimals,
        prefix=before,
        suffix=after,
    )
    # A cell that is not a number in a formatted column is shown as written.
    shown = dict(zip(numbers, fmt.format_values(list(numbers.values())), strict=True))
    return [shown[i] if i in shown else str(values[i]) for i in range(len(values))], True


#: The decimals of a number as written: '2,500.00' -> '00', '4.98%' -> '98'; a number in
#: E notation ('2.5E7') is 25,000,000, whole, and is read as a number.
_WRITTEN_DECIMALS = re.compile(r"\d\.(\d+)(?![\deE])")
_E_NOTATION = re.compile(r"\d[eE][-+]?\d")


def _decimals(cells: list[tuple[Any, float]]) -> int:
    """The decimals a column of numbers without a ``format:`` is shown with, from its
    ``cells`` (each as read, and its number): as many as its cells are written with (a
    CSV's '12.99' and '2500.00': money keeps its cents, '4.98%' its hundredths); for numbers
    read as numbers (a sheet's, a computed column's), the fewest that show each as it is
    (up to 4), else two significant figures of the smallest (1 to 3 decimals). One decimal
    for any column with a fraction cut '$12.99' to '$13.0' and showed the rates 0.4317 and
    0.4087 alike as '0.4' (found in review)."""
    import math

    smallest = min((abs(n) for _, n in cells if n), default=1.0)
    running_on = min(3, max(1, 1 - math.floor(math.log10(smallest))))
    places = 0
    for cell, number in cells:
        if isinstance(cell, str) and not _E_NOTATION.search(cell):
            found = _WRITTEN_DECIMALS.search(cell)
            places = max(places, len(found[1]) if found else 0)
            continue
        exact = next((d for d in range(5) if abs(round(number, d) - number) <= 1e-9 * max(
            1.0, abs(number))), running_on)  # fmt: skip
        places = max(places, exact)
    return min(places, 6)


def _dressed(values: list[Any]) -> str | None:
    """The sign every value (each a number) of a column is written with, '%' or a
    currency's ('$1,234.5', '45%'), which a table column without a ``format:`` keeps: it
    showed '1,234.5' and '45', the unit gone (found in review); ``None`` where the values
    are not all written so."""
    if not values or not all(isinstance(v, str) for v in values):
        return None
    written = [v.strip() for v in values]
    if all("%" in v for v in written):
        return "%"
    signs = {next((c for c in "$€£¥" if c in v), None) for v in written}
    return signs.pop() if len(signs) == 1 else None


def _codes(values: list[Any]) -> bool:
    """Whether the column is one of codes (any cell a code: a column of part codes with one
    '1e5' was drawn as numbers, its '2E7' as 20,000,000 beside a template's '2E7'; found
    by fuzzing) or of years, not of quantities."""
    written = [str(int(v)) if isinstance(v, float) and v.is_integer() else str(v).strip()
               for v in values if v is not None and str(v).strip() not in MISSING]  # fmt: skip
    if not written:
        return False
    if any(is_code(w) for w in written):
        return True  # one '2E7' among '1e5's: a column of codes, each shown as written
    return all(w.isdigit() and len(w) == 4 and 1000 <= int(w) <= 2999 for w in written)


def _plain(value: object) -> object:
    """A cell as the manifest's JSON holds it: a number, text, or None for a gap."""
    import math

    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "item"):  # a numpy scalar
        value = value.item()
    return value if isinstance(value, int | float | str) else str(value)
