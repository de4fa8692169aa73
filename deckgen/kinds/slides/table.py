"""The table slide: a native PowerPoint table of selected rows and columns."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from pydantic import Field, model_validator

from deckgen.errors import FitError, Location, OutlineError, Problem, did_you_mean, one_of
from deckgen.kinds.slides._base import SlideKind, SlideLayout, SlidePlan
from deckgen.layout.geometry import Rect
from deckgen.layout.text import SLIDE
from deckgen.layout.units import Inches, Length, Pt
from deckgen.outline.formats import NumberFormat
from deckgen.outline.schema import Selection, _Model
from deckgen.tables.dates import is_date
from deckgen.tables.dates import label as date_label
from deckgen.tables.select import MISSING, check_filters, table_cells, to_number

if TYPE_CHECKING:
    from pptx.slide import Slide

    from deckgen.kinds.slides._base import PlanContext, PlannedSlide
    from deckgen.kinds.slides._chrome import Deck


class TableColumn(_Model):
    """One column of a table slide."""

    column: str
    label: str | None = Field(None, description="Header text (default: the column name).")
    format: NumberFormat | None = Field(None, description="Number format for numeric cells.")

    @model_validator(mode="before")
    @classmethod
    def _from_name(cls, data: Any) -> Any:
        return {"column": data} if isinstance(data, str) else data


class TableSpec(Selection):
    """A table drawn from a data source."""

    columns: list[TableColumn] = Field(min_length=1)
    highlight: str | None = Field(None, description="Row whose first column equals this.")


@dataclass(frozen=True)
class TableLayout(SlideLayout):
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...]
    highlight_row: int | None
    size: Length
    row_height: Length
    box: Rect  # its width is the table's width
    column_widths: tuple[Length, ...]  # summing to box.width


class TableSlide(SlideKind):
    """Rows of a data source, numbers right-aligned and formatted, one row highlighted."""

    kind: Literal["table"]
    content: ClassVar[bool] = True
    states_finding: ClassVar[bool] = True
    title: str
    subtitle: str | None = None
    table: TableSpec

    def _cells(self, ctx: PlanContext, where: Location) -> list[list[Any]]:
        spec = self.table
        names = [c.column for c in spec.columns]
        where = Location(where.file, where.line, f"{where.field}.table")
        return table_cells(ctx.tables[spec.data], spec, names, where)

    def check(self, ctx: PlanContext, where: Location) -> list[Problem]:
        at = Location(where.file, where.line, f"{where.field}.table")
        problems = check_filters(ctx.tables[self.table.data], self.table, at)
        if self.table.highlight is None:
            return problems
        keys = [str(row[0]) for row in self._cells(ctx, where)]
        if self.table.highlight in keys:
            return problems
        return [
            *problems,
            Problem(
                Location(where.file, where.line, f"{where.field}.table.highlight"),
                f"no row's first column equals {self.table.highlight!r}; the rows shown are "
                + one_of(keys[:12]),
                did_you_mean(self.table.highlight, keys) or "write the value as the data has it",
            ),
        ]

    def plan(self, ctx: PlanContext, where: Location) -> SlidePlan:
        frame = self.frame(ctx, where)
        spec = self.table
        cells = self._cells(ctx, where)
        types = ctx.tables[spec.data].attrs.get("types", {})
        texts, numeric = [], []
        for k, column in enumerate(spec.columns):
            shown, is_number = column_texts([row[k] for row in cells], column,
                                            types.get(column.column))  # fmt: skip
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
        sizes = ctx.theme.theme.sizes
        box = frame.content
        size = sizes.table
        while size >= sizes.minimum:
            pt = Pt(size)
            row_height = SLIDE.leading(ctx.theme.body.regular, pt) + Inches(0.16)
            # Each column as wide as its widest text plus padding; the table then gets a
            # little air (x1.35), but never more than the content width.
            widest = [
                max(SLIDE.width(t, ctx.theme.body.bold, pt) for t in (h, *(r[k] for r in rows)))
                + Pt(24)
                for k, h in enumerate(header)
            ]
            natural = sum(widest, Length(0))
            if row_height * (len(rows) + 1) <= box.height and natural <= box.width:
                width = min(box.width, natural * 1.35)
                table_box = Rect(box.left, box.top, width, row_height * (len(rows) + 1))
                columns = tuple(width * w.ratio(natural) for w in widest)
                layout = TableLayout(header, tuple(rows), tuple(numeric), highlight, pt,
                                     row_height, table_box, columns)  # fmt: skip
                return SlidePlan(frame, layout=layout)
            size -= 1
        raise FitError(
            Problem(
                Location(where.file, where.line, f"{where.field}.table"),
                f"{len(rows)} rows do not fit the slide even at {sizes.minimum:g} pt",
                "keep fewer rows with 'top:' or 'filter:', or split the table over two slides",
            )
        )

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
        for r in range(n_rows):
            table.rows[r].height = Emu(layout.row_height)
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
                cell.margin_left = cell.margin_right = Emu(Inches(0.1))
                cell.margin_top = cell.margin_bottom = Emu(Inches(0.03))
                cell.vertical_anchor = MSO_ANCHOR.MIDDLE
                color = colors.highlight if highlighted else (
                    colors.muted if header else colors.text)  # fmt: skip
                para = Para(
                    text, deck.font("body"), layout.size, color,
                    bold=header or highlighted,
                    align="right" if layout.numeric[k] else "left",
                )  # fmt: skip
                _cell_text_run(cell, para)
        return slide


def _cell_text_run(cell: Any, para: Any) -> None:
    from pptx.util import Emu

    from deckgen.ooxml import shapes as sh

    frame = cell.text_frame
    # Wrap rather than spill into the next cell if a substitute font is wider.
    frame.word_wrap = True
    p = frame.paragraphs[0]
    p.alignment = sh.ALIGN[para.align]
    run = p.add_run()
    run.text = sh.clean(para.text)
    run.font.name = para.font
    run.font.size = Emu(para.size)
    run.font.bold = para.bold
    run.font.color.rgb = sh.rgb(para.color)


def column_texts(
    values: list[Any], column: TableColumn, declared: str | None
) -> tuple[list[str], bool]:
    """One table column as shown, and whether it is numbers (right-aligned).

    Numbers are written together (:meth:`NumberFormat.format_values`: one unit, one
    precision for the column), in the column's ``format`` or plain. A column declared
    ``text``, and an undeclared one of codes (a leading zero: ``00501``) or years (whole
    numbers 1000-2999 written without separators), is shown exactly as written: never
    ``2,001``. Dates are shown as their period reads ("March 2010").
    """
    if declared == "date" or (values and all(is_date(v) or v is None for v in values)):
        return ["" if v is None else date_label(v) for v in values], False
    if column.format is None and (declared == "text" or (declared is None and _codes(values))):
        return ["" if v is None else str(v) for v in values], False
    numbers: dict[int, float | None] = {}
    for i, value in enumerate(values):
        with contextlib.suppress(ValueError):
            numbers[i] = to_number(value)
    if len(numbers) < len(values) and column.format is None:
        return ["" if v is None else str(v) for v in values], False
    fmt = column.format or NumberFormat(
        style="plain",
        decimals=0 if all(n is None or n.is_integer() for n in numbers.values()) else 1,
    )
    # A cell that is not a number in a formatted column is shown as written.
    shown = dict(zip(numbers, fmt.format_values(list(numbers.values())), strict=True))
    return [shown[i] if i in shown else str(values[i]) for i in range(len(values))], True


def _codes(values: list[Any]) -> bool:
    """Whether every cell is a whole number written as a code or a year, not a quantity."""
    written = [str(int(v)) if isinstance(v, float) and v.is_integer() else str(v).strip()
               for v in values if v is not None and str(v).strip() not in MISSING]  # fmt: skip
    if not written or not all(w.isdigit() for w in written):
        return False
    leading_zero = any(len(w) > 1 and w.startswith("0") for w in written)
    years = all(len(w) == 4 and 1000 <= int(w) <= 2999 for w in written)
    return leading_zero or years
