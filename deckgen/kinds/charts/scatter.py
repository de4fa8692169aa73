"""Scatter and bubble charts: a point per row, placed by two number columns.

``x`` and ``y`` place each point, ``name`` names it (labels, ``highlight``, alt text),
``size`` makes it a bubble chart (each bubble's *area*, never its radius, proportional to
the value, with a key), ``trend: linear`` adds the least-squares line. Labels are placed
beside their points so that none touch one another or any point (``_scatter_labels``).

The chart's data (:meth:`Scatter.select_data`) has the point names as categories and the
x, y (and size) columns as its series, in that order.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from pydantic import Field, field_validator, model_validator

from deckgen.errors import DataError, Location, Problem, counted, did_you_mean, one_of
from deckgen.kinds.charts._base import ChartKind
from deckgen.kinds.charts._scatter_labels import Box, Disc, Label, Spot, place, segment_hits
from deckgen.outline.formats import DEFAULT_FORMAT, NumberFormat, round_half_up
from deckgen.render.chartkit import (
    axes_points,
    category_colors,
    connector,
    difference_text,
    gridlines,
    halo,
    label_size,
    left_out,
    points_per_unit,
    settle,
    text_width_pt,
    tick_formatter,
    to_points,
    wrap_label,
)
from deckgen.render.labels import PAD_PX, attach, mark

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.transforms import Bbox
    from pptx.chart.axis import ValueAxis
    from pptx.chart.chart import Chart

    from deckgen.kinds.charts._native import Geometry
    from deckgen.layout.geometry import Rect
    from deckgen.ooxml.workbook import Column
    from deckgen.render.charts import ChartJob
    from deckgen.tables.select import ChartData

#: Points (``labels: auto``) labels every point up to this many, else the highlight only.
FEW = 12
#: The most points ``labels: all`` names.
MOST_NAMED = 100
#: The largest bubble's diameter, as a share of the plot's shorter side.
BUBBLE = 0.16
#: The most of the plot's height a bubble key may take at the top of the plot (the plot
#: grows upwards to give it room); a key that needs more goes above the plot.
KEY_ROOM = 1 / 3
#: The least of its height the plot keeps when the key goes above it; on a plot any
#: shorter the key is left out (the build warns).
KEY_KEEPS = 0.6
#: A dot's diameter, in theme line widths.
DOT = 3.4
#: Attribute of the figure that holds where the labels went (read by the alt text and the
#: native form, which must label what the picture labels).
_PLACED = "_deckgen_scatter_labels"


@dataclass(frozen=True)
class Point:
    """One drawn point: its name and values (rows missing a value are not drawn)."""

    name: str
    x: float
    y: float
    size: float | None = None


@dataclass(frozen=True)
class Fit:
    """A least-squares line ``y = intercept + slope * x`` and Pearson's ``r``."""

    slope: float
    intercept: float
    r: float


def fit(xs: list[float], ys: list[float]) -> Fit | None:
    """The least-squares line through the points, or ``None`` when the x values do not
    vary (no line is defined). ``r`` is 0 when the y values do not vary."""
    n = len(xs)
    if n < 2:
        return None
    # Fitted on the values scaled to at most 1, then scaled back: squares of values past
    # about 1e154 overflow a float (an x of 1e200 stopped the build, found by fuzzing).
    kx, ky = max(map(abs, xs)) or 1.0, max(map(abs, ys)) or 1.0
    us, vs = [x / kx for x in xs], [y / ky for y in ys]
    mu, mv = sum(us) / n, sum(vs) / n
    suu = sum((u - mu) ** 2 for u in us)
    svv = sum((v - mv) ** 2 for v in vs)
    suv = sum((u - mu) * (v - mv) for u, v in zip(us, vs, strict=True))
    # Relative to the values' own scale (and at least 1): x values equal up to rounding
    # do not vary.
    if suu * min(kx, 1.0) ** 2 <= 1e-12 * n:
        return None
    slope = suv / suu
    r = suv / math.sqrt(suu * svv) if svv > 0 else 0.0
    return Fit(slope * ky / kx, (mv - slope * mu) * ky, max(-1.0, min(1.0, r)))


class Scatter(ChartKind):
    """A point per row at (x, y); with ``size``, a bubble chart."""

    type: Literal["scatter"]
    label: ClassVar[str] = "Scatter chart"
    aliases: ClassVar[tuple[str, ...]] = ("bubble", "scatterplot", "xy")
    highlights: ClassVar[str] = "point"
    takes_reference: ClassVar[bool] = False
    takes_annotations: ClassVar[bool] = False
    long_data: ClassVar[bool] = False

    @classmethod
    def no_index(cls) -> str | None:
        return "places each point by two numbers, with no category to rebase at"

    x: str = Field(description="Number column along the horizontal axis.")
    y: str = Field(description="Number column along the vertical axis.")
    name: str | None = Field(
        None,
        description="Column naming each point: its label, what `highlight` names, the alt "
        "text. Needed for labels and highlight.",
    )
    size: str | None = Field(
        None,
        description="Number column: makes a bubble chart, each bubble's area proportional to "
        "its value (zero or more).",
    )
    trend: Literal["linear"] | None = Field(
        None, description="`linear`: the least-squares line, its slope and r in the alt text."
    )
    labels: Literal["auto", "all", "highlight", "none"] = Field(
        "auto",
        description="Which points are named: `all`, `highlight`, `none`, or `auto` (the "
        f"highlight, and every point when there are at most {FEW}).",
    )
    x_format: NumberFormat = Field(
        DEFAULT_FORMAT, description="Number format of the x values (`format` is the y values')."
    )
    size_format: NumberFormat = Field(
        DEFAULT_FORMAT, description="Number format of the size values (key and alt text)."
    )

    @field_validator("y", mode="before")
    @classmethod
    def _one_y(cls, value: object) -> object:
        if isinstance(value, list):
            raise ValueError(
                f"a scatter chart places each point by one y column, but y names {len(value)}; "
                "draw one chart per column, or use 'size' for a third number"
            )
        return value

    @model_validator(mode="after")
    def _fits_scatter(self) -> Scatter:
        if self.transpose:
            raise ValueError("a scatter chart places each row at its x and y; it cannot transpose")
        if self.scale != 1.0:
            raise ValueError(
                "'scale' multiplies every value, but a scatter chart has x, y and size values; "
                "write the unit in 'format' and 'x_format' instead, and make fractions (0.29 "
                "for 29%) percent in the data, with a derived table's compute step "
                "('share * 100')"
            )
        if "value_labels" in self.model_fields_set:
            raise ValueError(
                "a scatter chart names its points rather than writing values on them; use "
                "'labels: all', 'highlight', 'none' or 'auto'"
            )
        if self.name is None and (self.highlight or self.labels in ("all", "highlight")):
            asked = "'highlight'" if self.highlight else f"'labels: {self.labels}'"
            raise ValueError(
                f"{asked} needs the points' names: add 'name: COLUMN', the column naming each point"
            )
        if self.labels == "highlight" and not self.highlight:
            raise ValueError("'labels: highlight' names the highlighted points; add 'highlight'")
        columns = [*self.y_columns, *([self.name] if self.name else [])]
        for key in self.series_labels:
            if key not in columns:
                hint = did_you_mean(key, columns)
                raise ValueError(
                    f"series_labels names {key!r}, which is not one of the chart's columns "
                    f"({one_of(columns)})" + (f"; {hint}" if hint else "")
                )
        return self

    @property
    def y_columns(self) -> list[str]:
        """The number columns read, in the order of the data's series: x, y (and size)."""
        return [self.x, self.y, *([self.size] if self.size else [])]

    @property
    def bubble(self) -> bool:
        return self.size is not None

    def _y_field(self, series: str) -> str:
        """The field a series comes from: a scatter's series are its x, y and size columns."""
        return {self.x: "x", self.size: "size"}.get(series, "y")

    # -- data ------------------------------------------------------------------------------
    def select_data(self, frame: pd.DataFrame, where: Location) -> ChartData:
        """Point names as the categories (the ``name`` column, else 'Row 1', 'Row 2'...)
        and the x, y (and size) columns as the series."""
        from deckgen.tables.select import (
            ChartData,
            Series,
            all_missing,
            category_text,
            no_rows,
            select_rows,
            unlabelled,
        )

        _rows, ctx = select_rows(frame, self, where)
        if not len(ctx.frame):
            raise no_rows(frame, self.data, where)
        fields = [(self.x, "x"), (self.y, "y"), *([(self.size, "size")] if self.size else [])]
        # A column may serve twice (a bubble sized by its x): one series per role.
        columns = [(column, ctx.numbers(column, field)) for column, field in fields]
        ctx.check([all_missing(ctx, self, field, f"column {column!r}")
                   for (column, values), (_, field) in zip(columns, fields, strict=True)
                   if all(v is None for v in values)])  # fmt: skip
        if self.name:
            cells = list(ctx.column(self.name, "name"))
            ctx.check(unlabelled(ctx, self.name, cells, "name column", "the points' names"))
            names = [category_text(v) for v in cells]
        else:
            names = [f"Row {k + 1}" for k in range(len(ctx.frame))]
        if self.size:
            negative = [(n, v) for n, v in zip(names, columns[-1][1], strict=True)
                        if v is not None and v < 0]  # fmt: skip
            if negative:
                shown = "; ".join(f"{n}: {v:g}" for n, v in negative[:5])
                raise DataError(
                    Problem(
                        Location(where.file, where.line, f"{where.field}.size"),
                        f"a bubble's area cannot be negative, but column {self.size!r} has {shown}",
                        "size bubbles by a quantity of zero or more, or filter those rows out",
                    )
                )
        series = tuple(Series(self.series_labels.get(c, c), tuple(values)) for c, values in columns)
        return ChartData(tuple(names), series)

    def highlight_names(self, data: ChartData) -> list[str]:
        return list(data.categories)

    def labelled_columns(self) -> list[str]:
        return [*self.y_columns, *([self.name] if self.name else [])]

    @classmethod
    def label_values(cls, data: ChartData) -> list[float | None]:
        """Only y is written in ``format``: x and size have their own formats, so their
        values must not choose y's shared unit."""
        return list(data.series[1].values) if len(data.series) > 1 else []

    def check(self, data: ChartData, where: Location) -> list[Problem]:
        problems = super().check(data, where)
        if self.trend:
            drawn = points(data)
            reason = None
            if len(drawn) < 3:
                reason = f"has {len(drawn)} point{'s' * (len(drawn) != 1)} with both values"
            elif fit([p.x for p in drawn], [p.y for p in drawn]) is None:
                reason = "has the same x value at every point"
            if reason:
                problems.append(
                    Problem(
                        Location(where.file, where.line, f"{where.field}.trend"),
                        f"a linear trend needs at least 3 points spread along x; this chart "
                        f"{reason}",
                        "remove 'trend', or show more rows",
                    )
                )
        if self.labels == "all" and len(data.categories) > MOST_NAMED:
            # Past it no reader finds a name, and placing each label clear of every other
            # took a minute for 1,000 points (found by fuzzing).
            problems.append(Problem(
                Location(where.file, where.line, f"{where.field}.labels"),
                f"'labels: all' names every point, and {len(data.categories):,} points are "
                f"more than a chart names legibly (at most {MOST_NAMED})",
                "name the points that matter: list them under 'highlight' (the default "
                "labels name them), or filter the points",
            ))  # fmt: skip
        return problems

    # -- picture ---------------------------------------------------------------------------
    def draw(self, fig: Figure, ax: Axes, job: ChartJob) -> None:
        drawing = _Drawing(self, fig, ax, job)
        wanted = drawing.draw()
        setattr(fig, _PLACED, wanted)
        # The alt text drawn up with the picture (in a render worker) reuses this layout.
        _remember(job.key(), {name: spot for name, (_, spot) in wanted.items()},
                  drawing.floored)  # fmt: skip

    def value_line(self, job: ChartJob, p: Point) -> str | None:
        """The line a highlighted point's label writes under its name: its y value, as
        the title reads it ('Brunswick, GA' said nothing of the 87% its title gave, found
        by review); other points are named only."""
        from deckgen.render.chartkit import fmt

        return fmt(job, p.y) if p.name in self.highlight else None

    def mark_colors(self, job: ChartJob) -> list[str]:
        return category_colors(job, job.data.categories)

    def placed(self, job: ChartJob) -> dict[str, str | None]:
        """Where the picture puts each label it wants: point name -> 'E', 'NE', ...,
        'leader', or ``None`` if it found no room. Laid out (not drawn) once per job."""
        key = job.key()
        if key not in _PLACEMENTS:
            from deckgen.render.labels import labels
            from deckgen.render.style import chart_style

            with chart_style(job.theme, job.canvas):
                fig = job.figure()
                kept = {t.get_text() for t in labels(fig)}
                wanted: dict[str, tuple[str, str | None]] = getattr(fig, _PLACED)
            # A label the collision pass removed is not in the picture either.
            _remember(key, {n: (pos if text in kept else None)
                            for n, (text, pos) in wanted.items()})  # fmt: skip
        return _PLACEMENTS[key]

    def names_may_crowd(self, job: ChartJob, box: Rect) -> bool:
        """Whether a point to name has two other points or more within a line of its
        label's height, on a plot of about four fifths of ``box``, or one in a corner of
        the plot (within its name's width of a side and a line of the top or bottom): its
        name may find no spot beside it, nor on a leader line (the build then warns). A
        pair elsewhere takes a leader each (two ports of the sample, drawn over each
        other), and a check of a deck so drawn draws nothing (no matplotlib); a pair in a
        corner has two sides of the four for its two names, and one was left out where
        the check said nothing (found in review)."""
        drawn = points(job.data)
        wanted = self._wanted(job, drawn)
        if not wanted:
            return False
        near = 1.2 * label_size(job)
        (x0, x1), (y0, y1) = axis_limits([p.x for p in drawn]), axis_limits([p.y for p in drawn])
        width, height = 0.8 * box.width.pt, 0.8 * box.height.pt
        at = [((p.x - x0) / (x1 - x0) * width, (p.y - y0) / (y1 - y0) * height) for p in drawn]
        # As wide as the picture wraps a name at most (:meth:`_Drawing._labels`), in bold.
        room = max(0.28 * width, 10 * label_size(job))

        def cornered(i: int) -> bool:
            x, y = at[i]
            side = min(text_width_pt(job, drawn[i].name, bold=True), room)
            return min(x, width - x) < side and min(y, height - y) < 4 * near

        for i in wanted:
            close = sum(1 for j in range(len(at)) if j != i and math.dist(at[i], at[j]) < near)
            if close >= 2 or (close == 1 and cornered(i)):
                return True
        return False

    def floored(self, job: ChartJob) -> list[str]:
        """The bubbles the picture draws at its smallest size, larger than their values."""
        self.placed(job)
        return _FLOORED.get(job.key(), [])

    # -- alt text --------------------------------------------------------------------------
    def describe(self, job: ChartJob) -> str:
        """'Scatter chart of <y> against <x> for N <things>: <finding>.' then the values."""
        x_name, y_name = (s.name for s in job.data.series[:2])
        drawn = points(job.data)
        kind = "Bubble chart" if self.bubble else self.label
        count = f"{len(drawn)} {_plural(self._noun()) if len(drawn) != 1 else self._noun()}"
        finding = job.title.rstrip(".")
        lead = f"{kind} of {_lower(y_name)} against {_lower(x_name)} for {count}"
        lead += f": {finding}." if finding else "."
        return f"{lead} {self.describe_data(job)}."

    def describe_data(self, job: ChartJob) -> str:
        names = [s.name for s in job.data.series]
        x_name, y_name = names[0], names[1]
        drawn = points(job.data)
        if not drawn:
            return "No row has both values"
        xw, yw, sw = (lambda v: self.x_format.format(v, words=True),
                      lambda v: self.format.format(v, words=True),
                      lambda v: self.size_format.format(v, words=True))  # fmt: skip

        def values(p: Point) -> str:
            shown = f"{xw(p.x)}, {yw(p.y)}"
            return shown + (f", {sw(p.size)}" if p.size is not None else "")

        top = max(drawn, key=lambda p: p.y)
        low = min(drawn, key=lambda p: p.y)
        parts = [f"Highest {_lower(y_name)}: {top.name} ({yw(top.y)}); lowest: {low.name} "
                 f"({yw(low.y)})"]  # fmt: skip
        right = max(drawn, key=lambda p: p.x)
        parts.append(f"Highest {_lower(x_name)}: {right.name} ({xw(right.x)})")
        if self.bubble:
            big = max(drawn, key=lambda p: p.size or 0.0)
            parts.append(f"Largest {_lower(names[2])}: {big.name} ({sw(big.size)})")
        order = f"({_lower(x_name)}, {_lower(y_name)}" + (
            f", {_lower(names[2])})" if self.bubble else ")"
        )
        if self.name and len(drawn) <= FEW:
            each = "; ".join(f"{p.name} {values(p)}" for p in drawn)
            parts.append(f"Each {self._noun()} {order}: {each}")
        else:
            shown = [p for p in drawn if p.name in self.highlight]
            if shown:
                each = "; ".join(f"{p.name} {values(p)}" for p in shown)
                parts.append(f"Highlighted {order}: {each}")
        if self.trend:
            parts.append(self._describe_trend(drawn, x_name, y_name))
        missing = len(job.data.categories) - len(drawn)
        if missing:
            parts.append(f"{missing} row{'s' * (missing != 1)} without every value not shown")
        if self.bubble and (small := self.floored(job)):
            # Their areas no longer read true against the others': say so.
            parts.append("Drawn at the smallest bubble size, larger than their values, so "
                         f"they can be seen: {', '.join(small)}")  # fmt: skip
        if self._wanted(job, drawn):
            left_out = [n for n, pos in self.placed(job).items() if pos is None]
            if left_out:
                unnamed = ", ".join(left_out)
                parts.append(f"Not labelled in the picture, for lack of room: {unnamed}")
        return ". ".join(parts)

    def _noun(self) -> str:
        """What a point is ('port'): the name column's title, else 'point'."""
        noun = self.series_labels.get(self.name, self.name) if self.name else "point"
        return noun.replace("_", " ").strip() or "point"

    def _describe_trend(self, drawn: list[Point], x_name: str, y_name: str) -> str:
        line = fit([p.x for p in drawn], [p.y for p in drawn])
        if line is None:
            return "No trend: the x values do not vary"
        step = nice_step(max(p.x for p in drawn) - min(p.x for p in drawn))
        change = line.slope * step
        verb = "rises" if change > 0 else "falls" if change < 0 else "holds"
        strength = abs(line.r)
        word = "strong" if strength >= 0.7 else "moderate" if strength >= 0.3 else "weak"
        direction = "positive" if line.r > 0 else "negative" if line.r < 0 else "no"
        # A change of y, not a y value: percentage points for percent values; so is a
        # step along a percent x ("for every 1.0 percent of Green share", found by review).
        by = f" by {_change_words(self.format, abs(change))}" if change else ""
        return (
            f"Linear trend: {_lower(y_name)} {verb}{by} for every "
            f"{_change_words(self.x_format, step)} of {_lower(x_name)} (slope "
            f"{line.slope:.3g}, r = {correlation_text(line.r)}, a {word} {direction} "
            "relationship)"
        )

    def _wanted(self, job: ChartJob, drawn: list[Point]) -> list[int]:
        """Indexes into ``drawn`` of the points to label, most important first: the
        highlight, then the points the title names, then by value (bubble size, else y),
        largest first. A card titled '... automotive is small but doubling' named the
        large segments and left Automotive Software, the small point it was about,
        without a name for lack of room (found in review)."""
        from deckgen.kinds.charts._named import title_rows

        if self.name is None or self.labels == "none":
            return []
        noun = self.name.replace("_", " ")
        named = set(title_rows(job.title, [p.name for p in drawn], noun))
        chosen = {
            "all": lambda i, p: True,
            "highlight": lambda i, p: p.name in self.highlight,
            "auto": lambda i, p: p.name in self.highlight or i in named or len(drawn) <= FEW,
        }[self.labels]
        picked = [i for i, p in enumerate(drawn) if chosen(i, p)]

        def value(p: Point) -> float:
            return (p.size or 0.0) if self.bubble else p.y

        return sorted(picked, key=lambda i: (drawn[i].name not in self.highlight,
                                            i not in named, -value(drawn[i]), i))  # fmt: skip

    # -- social cards ----------------------------------------------------------------------
    def card_height(self, data: ChartData) -> int:
        return 700

    def card_area(self, job: ChartJob, box: Rect) -> float:
        """A scatter is read along both axes: its square's area, the shorter side squared.
        By the box's area, an og card laid it under its title in a strip 40 px tall, where
        beside the title it had 450 (found by fuzzing)."""
        return float(min(box.width.px, box.height.px)) ** 2

    # -- native PowerPoint form ------------------------------------------------------------
    def native_refusal_for(self, job: ChartJob) -> str | None:
        """A bubble of size 0 has no area on a PowerPoint chart: PowerPoint draws neither it
        nor its label, where the picture draws it at the smallest bubble size and names it
        (fuzzing). A bubble the picture enlarges to be seen (12 customers beside 2.1
        million) PowerPoint draws at its true size, a speck, under an alt text saying it
        was enlarged (fuzzing). Either chart stays a picture rather than lose the point:
        a floored size written into the chart's data would show a false value."""
        if self.bubble:
            empty = [p.name for p in points(job.data) if p.size == 0]
            if empty:
                return (
                    f"{_some(empty)} {'has' if len(empty) == 1 else 'have'} a size of 0, "
                    "which PowerPoint draws as no bubble and no label, where the picture "
                    "draws the smallest bubble (size bubbles by a quantity above zero, or "
                    "filter those rows out)"
                )
            if small := self.floored(job):
                one = len(small) == 1
                return (
                    f"the bubble{'' if one else 's'} of {_some(small)} {'is' if one else 'are'} "
                    "too small to see beside the largest at true size, the size PowerPoint "
                    f"draws, where the picture enlarges {'it' if one else 'them'} and says so "
                    "(filter those rows out, or size bubbles by a quantity whose values are "
                    "closer)"
                )
        return super().native_refusal_for(job)

    def native_type(self) -> object:
        from pptx.enum.chart import XL_CHART_TYPE

        return XL_CHART_TYPE.BUBBLE if self.bubble else XL_CHART_TYPE.XY_SCATTER

    def native_data(self, job: ChartJob) -> object:
        """One series of the drawn points, and a sheet of them: their names, then x, y (and
        size), each under its column's name in its own format, as "Edit Data" shows it."""
        from deckgen.ooxml.workbook import points_data

        drawn = points(job.data)
        return points_data(self._name_header(), [p.name for p in drawn],
                           self._sheet_columns(job))  # fmt: skip

    def _name_header(self) -> str:
        """The header over the points' names: their column's ('Row' over 'Row 1'...)."""
        return self.series_labels.get(self.name, self.name) if self.name else "Row"

    def _sheet_columns(self, job: ChartJob) -> list[Column]:
        """x, y (and size) as the embedded sheet holds them: the column's (or its label's)
        name, the drawn points' values, the format the chart writes them in."""
        from deckgen.ooxml.workbook import Column

        drawn = points(job.data)
        formats = [self.x_format, self.format, self.size_format]
        values = [[p.x for p in drawn], [p.y for p in drawn], [p.size or 0.0 for p in drawn]]
        return [Column(s.name, v, _excel(f, v))
                for s, v, f in zip(job.data.series, values, formats, strict=False)]  # fmt: skip

    def build_native(self, chart: Chart, job: ChartJob, geo: Geometry) -> None:
        """The points in the picture's colours and sizes, its axes and titles, the names
        it labels as labels beside the same points, the trend as a PowerPoint trendline."""
        from pptx.enum.chart import XL_LABEL_POSITION as SIDE
        from pptx.enum.chart import XL_MARKER_STYLE as MARKER

        from deckgen.kinds.charts import _native as nv
        from deckgen.ooxml import chartxml as cx
        from deckgen.ooxml import shapes as sh
        from deckgen.ooxml import workbook as wb

        colors = job.theme.theme.colors
        drawn = points(job.data)
        names = [s.name for s in job.data.series]
        fills = dict(zip(job.data.categories, category_colors(job, job.data.categories),
                         strict=True))  # fmt: skip
        # The plot is about four fifths of the chart's box; markers as on the picture.
        width, height = 0.8 * geo.width_pt, 0.8 * geo.height_pt
        if self.bubble:
            top = max((p.size or 0.0) for p in drawn) or 1.0
            radii = [BUBBLE / 2 * min(width, height) * math.sqrt((p.size or 0.0) / top)
                     for p in drawn]  # fmt: skip
        else:
            radii = [DOT * job.theme.theme.chart.line_width / 2] * len(drawn)
        xs, ys = [p.x for p in drawn], [p.y for p in drawn]
        # Each axis line lies where it crosses the other at zero: drawn, it is the zero
        # baseline the picture draws between negative and positive values of the other.
        _native_axis(chart.category_axis, job, self.x_format, _native_limits(xs, radii, width),
                     names[0], baseline=min(ys) < 0 < max(ys))  # fmt: skip
        _native_axis(chart.value_axis, job, self.format, _native_limits(ys, radii, height),
                     names[1], baseline=min(xs) < 0 < max(xs))  # fmt: skip
        series = chart.plots[0].series[0]
        wb.cache_formats(series._element, self._sheet_columns(job))
        for i, p in enumerate(drawn):
            point = series.points[i]
            if self.bubble:
                nv.fill(point.format, fills[p.name])
                point.format.line.color.rgb = sh.rgb(colors.background)
            else:
                point.marker.style = MARKER.CIRCLE
                point.marker.size = max(2, min(72, round(DOT * job.theme.theme.chart.line_width)))
                nv.fill(point.marker.format, fills[p.name])
                point.marker.format.line.color.rgb = sh.rgb(colors.background)
        # PowerPoint puts a label on one of four sides; a diagonal is a side moved half a
        # line up or down (a leader's label goes to the right: PowerPoint draws no leader).
        sides = {"E": (SIDE.RIGHT, 0), "NE": (SIDE.RIGHT, -1), "SE": (SIDE.RIGHT, 1),
                 "W": (SIDE.LEFT, 0), "NW": (SIDE.LEFT, -1), "SW": (SIDE.LEFT, 1),
                 "N": (SIDE.ABOVE, 0), "S": (SIDE.BELOW, 0), "leader": (SIDE.RIGHT, 0)}  # fmt: skip
        shift = 0.6 * nv.text_h(job) / geo.height_pt
        placed = self.placed(job) if self._wanted(job, drawn) else {}
        for i, p in enumerate(drawn):
            side = placed.get(p.name)
            if side is None:
                continue
            label = series.points[i].data_label
            value = self.value_line(job, p)
            label.text_frame.text = f"{p.name}\n{value}" if value else p.name
            label.text_frame.word_wrap = False  # one line each, as on the picture
            bold = p.name in self.highlight
            tone = colors.text if bold or not self.highlight else colors.muted
            for run in (r for para in label.text_frame.paragraphs for r in para.runs):
                nv.font(run.font, job, tone, bold=bold)
            position, up_down = sides[side]
            label.position = position
            if up_down:
                cx.label_offset(label._dLbl, 0.0, up_down * shift)
        if self.bubble:
            _bubble_area(chart)
            _native_key(job, geo, names[2])
        if self.trend and fit([p.x for p in drawn], [p.y for p in drawn]) is not None:
            _trendline(series, colors.muted)


def _disc(xy: Any, radius: float) -> Disc:
    """A disc at a transformed point (a numpy pair) with ``radius``."""
    return Disc(float(xy[0]), float(xy[1]), radius)


def _along(
    start: tuple[float, float], end: tuple[float, float], width: float, height: float, gap: float
) -> tuple[Box, ...]:
    """Boxes for a line's name just above or below the line, from its right end back:
    clear of the line over the whole width of the text."""
    (x0, y0), (x1, y1) = start, end
    slope = (y1 - y0) / (x1 - x0) if x1 != x0 else 0.0
    rise = abs(slope) * width / 2  # how far the line climbs under half the text
    out = []
    for t in (0.97, 0.85, 0.7, 0.55, 0.4, 0.25, 0.1):
        cx = x0 + (x1 - x0) * t - width / 2
        cy = y0 + (y1 - y0) * t - (slope * width / 2)
        left = cx - width / 2
        out.append(Box(left, cy + rise + gap, left + width, cy + rise + gap + height))
        out.append(Box(left, cy - rise - gap - height, left + width, cy - rise - gap))
    return tuple(out)


def _some(names: list[str]) -> str:
    """Up to five names, then '...'."""
    return ", ".join(names[:5]) + (", ..." if len(names) > 5 else "")


#: Label placements by job key: a job's alt text, notes and native form agree with its
#: picture without laying it out again.
_PLACEMENTS: dict[str, dict[str, str | None]] = {}
#: The bubbles each picture drew at its smallest size (:meth:`Scatter.floored`).
_FLOORED: dict[str, list[str]] = {}


def _remember(key: str, placed: dict[str, str | None], floored: list[str] | None = None) -> None:
    if key not in _PLACEMENTS and len(_PLACEMENTS) >= 64:
        oldest = next(iter(_PLACEMENTS))
        del _PLACEMENTS[oldest]
        _FLOORED.pop(oldest, None)
    _PLACEMENTS[key] = placed
    if floored is not None:
        _FLOORED[key] = floored


def correlation_text(r: float) -> str:
    """Pearson's r in two decimals, or as many more as keep it off ±1.00 (at most six,
    then cut rather than rounded): 0.996 is not a perfect correlation, and read aloud as
    "1.00" from five points it claimed one. A perfect one (to a float's rounding) is 1.00."""
    if abs(r) >= 1 - 1e-12:
        return f"{math.copysign(1.0, r):.2f}"
    for decimals in range(2, 7):
        if round(abs(r), decimals) < 1:
            return f"{r:.{decimals}f}"
    return f"{math.trunc(r * 1e6) / 1e6:.6f}"


def points(data: ChartData) -> list[Point]:
    """The points that have every value (x, y and, on a bubble chart, size)."""
    columns = [s.values for s in data.series]
    out = []
    for k, name in enumerate(data.categories):
        row = [c[k] for c in columns]
        if any(v is None for v in row):
            continue
        x, y, *rest = (float(v) for v in row if v is not None)
        out.append(Point(name, x, y, rest[0] if rest else None))
    return out


def nice_step(span: float, count: int = 5) -> float:
    """A 1-2-2.5-5 x 10^k step giving about ``count`` intervals over ``span``."""
    raw = span / count if span > 0 else 1.0
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw * (1 - 1e-9))


def nice_below(value: float) -> float:
    """The largest 1-2-5 x 10^k number at or below ``value`` (> 0)."""
    power = 10 ** math.floor(math.log10(value))
    return next(m * power for m in (5, 2, 1) if m * power <= value * (1 + 1e-9))


def axis_limits(values: list[float]) -> tuple[float, float]:
    """Limits around ``values``: from zero when they are all positive and zero is near
    (the smallest is at most half the largest), so distances from zero read true; else
    around the values. A few percent of margin either way (markers get more, after
    layout)."""
    lo, hi = min(values), max(values)
    if lo >= 0 and lo <= hi / 2:
        lo = 0.0
    span = (hi - lo) or (abs(hi) or 1.0)
    margin = 0.04 * span
    if hi + margin == hi:  # so small a span that its margin vanishes in floating point
        margin = 1.0
    return (lo if lo == 0 else lo - margin), hi + margin


def _plural(noun: str) -> str:
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    return noun + "s"


def _change_words(fmt: NumberFormat, amount: float) -> str:
    """A difference of values in ``fmt``, in words: '0.4 percentage points', '1.0
    percentage point' (one takes the singular) for percentages, else as ``fmt`` writes it."""
    text = difference_text(fmt, amount, words=True)
    if fmt.style == "percent" and round_half_up(amount, fmt.decimals) == 1:
        return text.removesuffix("s")
    return text


#: Ordinary words that begin a column's title, lower-cased inside a sentence ('Share of
#: goods' -> 'share of goods'). Any other first word is kept as written: it may be a name,
#: and 'Reform UK share' and 'Green share' read 'reform UK share', 'green share' (found by
#: review). A word missing here only keeps its capital.
_LABEL_WORDS = frozenset(
    """share shares value values number count total rate ratio percent percentage proportion
    average mean median monthly annual yearly weekly daily quarterly hourly commute rent
    price prices cost costs income revenue sales spending growth change population age
    amount sum size weight height length distance density score turnout unemployment
    employment inflation wages wage salary pay profit debt exports imports trade output
    production consumption emissions temperature speed hours minutes days years households
    people users visitors students patients deaths births cases life time""".split()
)


def _lower(name: str) -> str:
    """A column title inside a sentence: 'Share of goods' -> 'share of goods', where its
    first word is an ordinary one (:data:`_LABEL_WORDS`); acronyms and names ('GDP', 'US
    exports', 'Reform UK share', 'Green share') are kept as written."""
    first = name.split(" ", 1)[0]
    if first[1:].islower() and first.lower() in _LABEL_WORDS:
        return name[:1].lower() + name[1:]
    return name


def _excel(fmt: NumberFormat, values: list[float]) -> str:
    from deckgen.outline.formats import excel_format

    return excel_format(fmt, values)


class _Drawing:
    """One scatter picture: axes, markers, trend, key, then the labels around them."""

    def __init__(self, spec: Scatter, fig: Figure, ax: Axes, job: ChartJob) -> None:
        self.spec, self.fig, self.ax, self.job = spec, fig, ax, job
        self.colors = job.theme.theme.colors
        self.scale = job.canvas.scale
        self.size = label_size(job)
        self.drawn = points(job.data)
        names = [s.name for s in job.data.series]
        self.x_name, self.y_name = names[0], names[1]
        self.size_name = names[2] if spec.bubble else ""
        self.px = fig.dpi / 72  # pixels per point
        #: Names of bubbles drawn at the smallest size, larger than their values.
        self.floored: list[str] = []
        #: The smallest bubble's diameter, in points.
        self.smallest = 0.0

    def draw(self) -> dict[str, tuple[str, str | None]]:
        ax, spec = self.ax, self.spec
        if not self.drawn:
            ax.set_axis_off()
            return {}
        self._axes()
        settle(self.fig)
        diameters = self._diameters()
        self._fit_markers(diameters)
        self._baselines()
        settle(self.fig)
        self._corner_ticks()
        highlighted = set(spec.highlight)
        names = self.job.data.categories
        fills = dict(zip(names, category_colors(self.job, names), strict=True))
        # Context first, the biggest first, so small and highlighted points sit on top.
        order = sorted(range(len(self.drawn)), key=lambda i: (self.drawn[i].name in highlighted,
                                                               -diameters[i], i))  # fmt: skip
        ax.scatter(
            [self.drawn[i].x for i in order], [self.drawn[i].y for i in order],
            s=[diameters[i] ** 2 for i in order], c=[fills[self.drawn[i].name] for i in order],
            edgecolors=self.colors.background, linewidths=0.8 * self.scale, zorder=3,
        )  # fmt: skip
        trend = self._trend()
        fixed = [self._key(diameters, trend)] if spec.bubble else []
        return self._labels(diameters, [b for b in fixed if b is not None], trend)

    # -- axes ------------------------------------------------------------------------------
    def _axes(self) -> None:
        from matplotlib.ticker import MaxNLocator

        ax, job, colors = self.ax, self.job, self.colors
        ax.set_xlim(*axis_limits([p.x for p in self.drawn]))
        ax.set_ylim(*axis_limits([p.y for p in self.drawn]))
        for axis in (ax.xaxis, ax.yaxis):
            axis.set_major_locator(MaxNLocator(nbins="auto", steps=[1, 2, 2.5, 5, 10]))
        ax.yaxis.set_major_formatter(tick_formatter(job))
        x_job = replace(job, spec=self.spec.model_copy(update={"format": self.spec.x_format}))
        ax.xaxis.set_major_formatter(tick_formatter(x_job))
        gridlines(ax, job, "x")
        gridlines(ax, job, "y")
        ax.set_xlabel(self.x_name, loc="right", fontsize=self.size, color=colors.muted,
                      labelpad=4 * self.scale)  # fmt: skip
        # The y title reads across, above the axis (a turned title is hard to read).
        self.y_title = ax.annotate(
            self.y_name, (0, 1), xycoords="axes fraction", xytext=(0, 8 * self.scale),
            textcoords="offset points", ha="left", va="bottom", fontsize=self.size,
            color=colors.muted,
        )  # fmt: skip

    def _corner_ticks(self) -> None:
        """The first x tick label starts at its tick (rather than centred on it) when
        centred it would run into the lowest y tick label, as '$0B' under '0%' does where
        both axes start at zero."""
        ax = self.ax
        renderer = self.fig.canvas.get_renderer()  # type: ignore[attr-defined]

        def shown(axis: object, limits: tuple[float, float]) -> list[object]:
            lo, hi = sorted(limits)
            ticks = axis.get_major_ticks()  # type: ignore[attr-defined]
            locs = axis.get_majorticklocs()  # type: ignore[attr-defined]
            return [t for t, v in zip(ticks, locs, strict=False) if lo <= v <= hi]

        xs, ys = shown(ax.xaxis, ax.get_xlim()), shown(ax.yaxis, ax.get_ylim())
        if not xs or not ys:
            return
        first, lowest = xs[0].label1, ys[0].label1  # type: ignore[attr-defined]
        ax.xaxis.get_tightbbox(renderer)  # tick texts brought up to date
        ax.yaxis.get_tightbbox(renderer)
        gap = PAD_PX * 2 + 1  # as the collision pass pads texts
        if (
            first.get_window_extent(renderer)
            .padded(gap / 2)
            .overlaps(lowest.get_window_extent(renderer).padded(gap / 2))
        ):
            first.set_horizontalalignment("left")

    def _diameters(self) -> list[float]:
        """Marker diameters in points: equal dots, or bubbles whose area is proportional
        to their value (the largest a share of the plot's shorter side), none smaller than
        a dot: 12 customers beside 2.1 million drew no mark at all, and four names floated
        over empty plot (found by review). Those drawn larger than their value are kept in
        :attr:`floored` (the alt text says so)."""
        dot = DOT * self.job.theme.theme.chart.line_width * self.scale
        if not self.spec.bubble:
            return [dot] * len(self.drawn)
        x0, y0, x1, y1 = axes_points(self.ax)
        biggest = BUBBLE * min(x1 - x0, y1 - y0)
        # A plain scatter's dot, but at most a third of the largest bubble (on a small
        # card plot a dot is most of a bubble's width, and sizes would stop reading).
        smallest = min(dot, biggest / 3)
        self.smallest = smallest
        top = max((p.size or 0.0) for p in self.drawn) or 1.0
        true = [biggest * math.sqrt((p.size or 0.0) / top) for p in self.drawn]
        self.floored = [p.name for p, d in zip(self.drawn, true, strict=True) if d < smallest]
        return [max(d, smallest) for d in true]

    def _fit_markers(self, diameters: list[float]) -> None:
        """Widen the limits so every marker is inside the plot, whole."""
        ax = self.ax
        per_x, per_y = points_per_unit(ax)
        (x_lo, x_hi), (y_lo, y_hi) = ax.get_xlim(), ax.get_ylim()
        # 15% slack: the limits grow, so a point becomes slightly fewer units. Above and
        # below, room for half a label too, so a top or bottom point can be named beside.
        half_label = 0.65 * self.size + PAD_PX / self.px + 1
        rx = [1.15 * (d / 2 + 2) / per_x for d in diameters]
        ry = [1.15 * max(d / 2 + 2, half_label) / per_y for d in diameters]
        ax.set_xlim(min(x_lo, *(p.x - r for p, r in zip(self.drawn, rx, strict=True))),
                    max(x_hi, *(p.x + r for p, r in zip(self.drawn, rx, strict=True))))  # fmt: skip
        ax.set_ylim(min(y_lo, *(p.y - r for p, r in zip(self.drawn, ry, strict=True))),
                    max(y_hi, *(p.y + r for p, r in zip(self.drawn, ry, strict=True))))  # fmt: skip

    def _baselines(self) -> None:
        ax = self.ax
        # Zero between negative and positive values is a baseline, not just a gridline.
        for values, line in (([p.x for p in self.drawn], ax.axvline),
                             ([p.y for p in self.drawn], ax.axhline)):  # fmt: skip
            if min(values) < 0 < max(values):
                line(0, color=self.colors.muted, linewidth=1 * self.scale, zorder=1)

    def _trend(self) -> tuple[tuple[float, float], tuple[float, float]] | None:
        """The least-squares line across the points' x range, thin, behind the points;
        returns its ends (labels keep off it; its own label goes at the right end)."""
        if self.spec.trend is None:
            return None
        line = fit([p.x for p in self.drawn], [p.y for p in self.drawn])
        if line is None:
            return None
        lo = min(p.x for p in self.drawn)
        hi = max(p.x for p in self.drawn)
        ends = [(x, line.intercept + line.slope * x) for x in (lo, hi)]
        self.ax.plot([e[0] for e in ends], [e[1] for e in ends], color=self.colors.muted,
                     linewidth=1.1 * self.scale, zorder=2, solid_capstyle="butt")  # fmt: skip
        return ends[0], ends[1]

    # -- size key --------------------------------------------------------------------------
    def _key(
        self,
        diameters: list[float],
        trend: tuple[tuple[float, float], tuple[float, float]] | None,
    ) -> Box | None:
        """'Bubble area: <size>' over two reference bubbles with their values, in the
        plot corner with no point under it (the plot grows upwards if none is free, by
        at most :data:`KEY_ROOM` of its height; else the key goes above the plot);
        returns its box in pixels (labels keep clear of it), ``None`` above the plot."""
        ax, spec = self.ax, self.spec
        top = max((p.size or 0.0) for p in self.drawn)
        if top <= 0:
            return None
        big = nice_below(top)
        small = nice_below(big / 4)
        biggest = max(diameters)
        # A reference bubble smaller than the smallest drawn would show a size no bubble of
        # that value has.
        refs = [v for v in (small, big) if v > 0 and biggest * math.sqrt(v / top) >= self.smallest]
        sizes = [biggest * math.sqrt(v / top) for v in refs]
        caption = f"{self.job.words.bubble_area}: {self.size_name}"
        # Round reference values, written as axis ticks are: as few decimals as they need.
        size_job = replace(self.job, spec=spec.model_copy(update={"format": spec.size_format}))
        texts = tick_formatter(size_job).format_ticks(refs)
        gap = 0.4 * self.size
        line_h = 1.25 * self.size
        caption_w = text_width_pt(self.job, caption)
        steps = [d + gap + text_width_pt(self.job, t) + 2 * gap
                 for d, t in zip(sizes, texts, strict=True)]  # fmt: skip
        row = max(*sizes, line_h)  # circles and their values, centred on one line
        x0, y0, x1, y1 = axes_points(ax)
        inset = 6 * self.scale
        # The caption above the circles, or all on one line ('Bubble area: people  o 50
        # O 200'): the first that finds a free corner; else the plot grows upwards to make
        # room for the lower of the two.
        shapes = [(False, max(caption_w, sum(steps)), line_h + gap + row)]
        if caption_w + 2 * gap + sum(steps) <= 0.85 * (x1 - x0):
            shapes.append((True, caption_w + 2 * gap + sum(steps), row))
        found = None
        for inline, width, height in shapes:
            corner = self._free_corner(width + inset, height + inset, diameters, trend)
            if corner is not None:
                found = inline, width, height, corner
                break
        if found is None:
            inline, width, height = shapes[-1]
            if 1.1 * (height + inset) / (y1 - y0) > KEY_ROOM:
                # On a short plot (a card's) the key took the top 60% and pressed every
                # point onto one line, with no room left for a name (found by review).
                self._key_above(caption, texts, sizes, diameters)
                return None
            found = inline, width, height, self._make_room(height + inset)
        inline, width, height, corner = found
        x0, y0, x1, y1 = axes_points(ax)  # the plot may have grown to make room
        left = x0 + inset if corner[0] == 0 else x1 - inset - width
        bottom = y0 + inset if corner[1] == 0 else y1 - inset - height

        def frac(x: float, y: float) -> tuple[float, float]:
            return (x - x0) / (x1 - x0), (y - y0) / (y1 - y0)

        middle = bottom + row / 2
        ax.annotate(caption, frac(left, middle if inline else bottom + height),
                    xycoords="axes fraction", ha="left", va="center" if inline else "top",
                    fontsize=self.size, color=self.colors.muted)  # fmt: skip
        x = left + (caption_w + 2 * gap if inline else 0.0)
        for d, text, step in zip(sizes, texts, steps, strict=True):
            ax.scatter([frac(x + d / 2, middle)[0]], [frac(x + d / 2, middle)[1]], s=[d**2],
                       transform=ax.transAxes, facecolors="none", edgecolors=self.colors.muted,
                       linewidths=1 * self.scale, zorder=3, clip_on=False)  # fmt: skip
            ax.annotate(text, frac(x + d + gap, middle), xycoords="axes fraction",
                        ha="left", va="center", fontsize=self.size,
                        color=self.colors.muted)  # fmt: skip
            x += step
        return Box(left * self.px, bottom * self.px, (left + width) * self.px,
                   (bottom + height) * self.px)  # fmt: skip

    def _key_above(
        self, caption: str, texts: list[str], sizes: list[float], diameters: list[float]
    ) -> None:
        """The key above the plot's top right: beside the y title when there is room,
        else a row above it; on one line when it fits the plot's width, else the caption
        over the circles. The plot shrinks to make room (the layout keeps every text),
        and its limits widen again so every marker stays whole. A plot that would keep
        less than :data:`KEY_KEEPS` of its height has no key, and the build says so."""
        from matplotlib.transforms import offset_copy

        ax, fig = self.ax, self.fig
        renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
        x0, y0, x1, y1 = axes_points(ax)
        plot_w = x1 - x0
        gap = 0.4 * self.size
        line_h = 1.25 * self.size
        row = max(*sizes, line_h)
        caption_w = text_width_pt(self.job, caption)
        steps = [d + gap + text_width_pt(self.job, t) + 2 * gap
                 for d, t in zip(sizes, texts, strict=True)]  # fmt: skip
        title = self.y_title.get_window_extent(renderer)
        title_w, title_h = title.width / self.px, title.height / self.px
        lifted = 8 * self.scale  # where the y title's bottom sits above the plot
        shapes = [(True, caption_w + 2 * gap + sum(steps), row),
                  (False, max(caption_w, sum(steps)), line_h + gap + row)]  # fmt: skip
        spots = [(inline, width, height, lifted) for inline, width, height in shapes
                 if title_w + 3 * gap + width <= plot_w]  # fmt: skip
        spots += [(inline, width, height, lifted + title_h + gap)
                  for inline, width, height in shapes if width <= plot_w]  # fmt: skip
        inline, width, height, bottom = (spots or [(*shapes[-1], lifted + title_h + gap)])[0]
        # Right-aligned over the plot's right edge; a key wider than the plot starts at
        # its left edge instead (the layout narrows the plot if it must).
        anchor, left = (1.0, -width) if width <= plot_w else (0.0, 0.0)

        def at(dx: float, dy: float) -> tuple[float, float]:
            return left + dx, bottom + dy

        middle = row / 2
        drawn: list[Artist] = [
            ax.annotate(caption, (anchor, 1), xycoords="axes fraction",
                        xytext=at(0, middle if inline else height), textcoords="offset points",
                        ha="left", va="center" if inline else "top", fontsize=self.size,
                        color=self.colors.muted)
        ]  # fmt: skip
        x = caption_w + 2 * gap if inline else 0.0
        for d, text, step in zip(sizes, texts, steps, strict=True):
            cx, cy = at(x + d / 2, middle)
            drawn.append(ax.scatter(
                [anchor], [1], s=[d**2], facecolors="none",
                transform=offset_copy(ax.transAxes, fig=fig, x=cx, y=cy, units="points"),
                edgecolors=self.colors.muted, linewidths=1 * self.scale, zorder=3, clip_on=False,
            ))  # fmt: skip
            drawn.append(ax.annotate(
                text, (anchor, 1), xycoords="axes fraction", xytext=at(x + d + gap, middle),
                textcoords="offset points", ha="left", va="center", fontsize=self.size,
                color=self.colors.muted,
            ))  # fmt: skip
            x += step
        settle(fig)
        _, low, _, high = axes_points(ax)
        if high - low < KEY_KEEPS * (y1 - y0):
            # A plot squeezed flat has room for no point's name: the data and the names
            # are what the chart is for, the sizes are in the alt text.
            for artist in drawn:
                artist.remove()
            settle(fig)
            left_out(f"the bubble size key ('{caption}') is left out: there is no room "
                     "for it in or above the plot; give the chart more room (a shorter "
                     "title, no subtitle)")  # fmt: skip
        self._fit_markers(diameters)
        settle(fig)
        self._corner_ticks()

    def _free_corner(
        self,
        width: float,
        height: float,
        diameters: list[float],
        trend: tuple[tuple[float, float], tuple[float, float]] | None,
    ) -> tuple[int, int] | None:
        """The first plot corner (top left, top right, bottom right, bottom left) whose
        ``width`` x ``height`` points cover no marker and no trend line, or ``None``."""
        ax = self.ax
        x0, y0, x1, y1 = axes_points(ax)
        discs = [Disc(*to_points(ax, p.x, p.y), d / 2) for p, d in zip(self.drawn, diameters,
                                                                         strict=True)]  # fmt: skip
        line = (to_points(ax, *trend[0]), to_points(ax, *trend[1])) if trend else None
        for cx, cy in ((0, 1), (1, 1), (1, 0), (0, 0)):
            left = x0 if cx == 0 else x1 - width
            bottom = y0 if cy == 0 else y1 - height
            box = Box(left, bottom, left + width, bottom + height)
            crossed = line is not None and segment_hits(*line, box)
            if not crossed and not any(box.hits(d, 2) for d in discs):
                return cx, cy
        return None

    def _make_room(self, height: float) -> tuple[int, int]:
        """Raise the plot's top so the data stays below ``height`` points at the top; the
        key goes in the top left."""
        ax = self.ax
        _, y0, _, y1 = axes_points(ax)
        lo, hi = ax.get_ylim()
        # The data's span grows by the key's share of the plot.
        share = min(1.1 * height / (y1 - y0), 0.6)
        ax.set_ylim(lo, lo + (hi - lo) / (1 - share))
        settle(self.fig)
        return 0, 1

    # -- labels ----------------------------------------------------------------------------
    def _unnamed(self, names: list[str]) -> str:
        return _unnamed_note(names, self.spec.labels)

    def _labels(
        self,
        diameters: list[float],
        fixed: list[Box],
        trend: tuple[tuple[float, float], tuple[float, float]] | None,
    ) -> dict[str, tuple[str, str | None]]:
        """Name the chosen points (see :mod:`._scatter_labels`); returns, per name, the
        label's text and where it went (``None``: no room, removed)."""
        ax, fig, spec, colors = self.ax, self.fig, self.spec, self.colors
        wanted = spec._wanted(self.job, self.drawn)
        highlighted = set(spec.highlight)
        # Long names wrap, but not short ones in a narrow plot (two lines sit less clearly
        # beside one point).
        room = max(0.28 * (axes_points(ax)[2] - axes_points(ax)[0]), 10 * self.size)
        context = colors.muted if highlighted else colors.text
        # On the plot's background, so a gridline stops short of a name it would cross
        # (the $30B and 80% lines struck through a highlighted name: found by review);
        # as wide as the collision pass pads it, which keeps every point clear of it.
        ground = halo(self.job, PAD_PX / self.px, gridlines_only=True)
        texts, names = [], []  # the labels, and each one's name without a value line
        for i in wanted:
            p = self.drawn[i]
            bold = p.name in highlighted
            names.append(wrap_label(self.job, p.name, room))
            value = spec.value_line(self.job, p)
            texts.append(ax.annotate(
                f"{names[-1]}\n{value}" if value else names[-1], (p.x, p.y), xytext=(0, 0),
                textcoords="offset points", ha="left", va="bottom", fontsize=self.size,
                fontweight="bold" if bold else "normal",
                color=colors.text if bold else context, zorder=5, bbox=ground,
            ))  # fmt: skip
        anchors = list(wanted)
        discs = [_disc(ax.transData.transform((p.x, p.y)), d / 2 * self.px)
                 for p, d in zip(self.drawn, diameters, strict=True)]  # fmt: skip
        lines: list[tuple[tuple[float, float], tuple[float, float]]] = []
        if trend is not None:  # the trend's name, last, along the line
            head, tail = (_disc(ax.transData.transform(e), 0.0) for e in trend)
            lines.append(((head.x, head.y), (tail.x, tail.y)))
            texts.append(ax.annotate(self.job.words.trend, trend[1], xytext=(0, 0),
                                     textcoords="offset points", ha="left", va="bottom",
                                     fontsize=self.size, color=colors.muted, zorder=5,
                                     bbox=ground))  # fmt: skip
            discs.append(tail)
            anchors.append(len(discs) - 1)
        renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
        frame = Box(*ax.get_window_extent().extents)

        def measured() -> tuple[list[Bbox], list[Label]]:
            """The texts' extents as they stand, and the labels to place for them."""
            extents = [t.get_window_extent(renderer) for t in texts]
            # Any point's name may go out on a leader line, but those 'auto' adds only after
            # every name has tried the spots beside its point (``leaders_after``, below): two
            # points drawn on top of each other had no spot beside them, and their names were
            # left out without a word (found by review).
            labels = [Label(k, e.width, e.height, leader=k < len(self.drawn))
                      for k, e in zip(anchors, extents, strict=True)]  # fmt: skip
            if lines:
                last = labels[-1]
                along = _along(*lines[0], last.width, last.height, 0.3 * self.size * self.px)
                labels[-1] = replace(last, spots=along)
            return extents, labels

        extents, labels = measured()

        def placing(order: list[int], leaders_after: int | None = None) -> list[Spot | None]:
            """Spots for the labels placed in ``order``, given back in the labels' order."""
            # Labels keep the collision pass's padding (and a hair) from one another.
            spots = place([labels[k] for k in order], discs, frame, gap=0.3 * self.size * self.px,
                          pad=PAD_PX + 0.5, fixed=fixed, lines=lines,
                          leaders_after=leaders_after)  # fmt: skip
            back: list[Spot | None] = [None] * len(labels)
            for k, spot in zip(order, spots, strict=True):
                back[k] = spot
            return back

        # No name is left out without a word: a card dropped all nine of 'labels: all',
        # the highlight's too, and the build said nothing (found by review); nor those
        # 'auto' adds. The names asked for by name (the highlight, 'labels: all') come
        # first (the wanted order), and take a leader line in turn.
        named = [self.drawn[k].name if k < len(self.drawn) else "" for k in anchors]
        asked = {
            self.drawn[i].name
            for i in wanted
            if spec.labels in ("all", "highlight") or self.drawn[i].name in highlighted
        }

        def unplaced(spots: list[Spot | None]) -> list[int]:
            return [k for k, spot in enumerate(spots) if spot is None and named[k]]

        def worse(spots: list[Spot | None]) -> tuple[int, int]:
            gone = unplaced(spots)
            return sum(1 for k in gone if named[k] in asked), len(gone)

        def placed_all() -> list[Spot | None]:
            """Spots for every label: of the orders tried, the one leaving out fewest."""
            order = list(range(len(labels)))
            placed = placing(order, sum(1 for name in named if name in asked))
            if unplaced(placed):
                # Placing is first come, first served. Tried again: the highlight first,
                # then every other name beside its point before any on a leader line; and
                # the names that found no room first after the highlight. The layout that
                # leaves the fewest out (of those asked for first) is kept.
                lead = sum(1 for name in named if name in highlighted)
                first = unplaced(placed)
                again = sorted(order, key=lambda k: (named[k] not in highlighted, k not in first))
                for retried in (placing(order, lead), placing(again)):
                    if worse(retried) < worse(placed):
                        placed = retried
            return placed

        placed = placed_all()
        # A highlighted name with no room for its value under it is placed again without
        # it: the name matters more, and the alt text gives the value.
        bare = [k for k in unplaced(placed) if names[k] != texts[k].get_text()]
        if bare:
            for k in bare:
                texts[k].set_text(names[k])
            extents, labels = measured()
            placed = placed_all()
        missing = [named[k] for k in unplaced(placed)]
        out: dict[str, tuple[str, str | None]] = {}
        if missing:
            left_out(self._unnamed(missing))
        for text, label, extent, spot in zip(texts, labels, extents, placed, strict=True):
            name = self.drawn[label.point].name if label.point < len(self.drawn) else ""
            if spot is None:
                text.remove()
                if name:
                    out[name] = (text.get_text(), None)
                continue
            disc = discs[label.point]
            # The text's box was measured at the anchor; move it by whole offsets.
            dx = (spot.box.x0 - extent.x0) / self.px
            dy = (spot.box.y0 - extent.y0) / self.px
            text.xyann = (dx, dy)
            if spot.position in ("W", "NW", "SW"):
                text.set_multialignment("right")  # a value line under the name, by the point
            mark(text, 10 if name in highlighted else 20 if name else 30,
                 missed=self._unnamed([name]) if name else None)  # fmt: skip
            if spot.line is not None:
                (sx, sy), (ex, ey) = spot.line
                start = ((sx - disc.x) / self.px, (sy - disc.y) / self.px)
                end = ((ex - disc.x) / self.px, (ey - disc.y) / self.px)
                xy = (self.drawn[label.point].x, self.drawn[label.point].y)
                attach(text, connector(ax, xy, start, end, colors.muted, 0.8 * self.scale))
            if name:
                out[name] = (text.get_text(), spot.position)
        return out


def _unnamed_note(names: list[str], labels: str) -> str:
    """What the build says of point names the picture has no room for."""
    fewer = ", or name fewer points with 'labels: highlight'" if labels != "highlight" else ""
    return (f"{counted(len(names), 'point name')} left out for lack of room clear of the "
            f"other points and names ({', '.join(names)}); give the chart more room (a "
            f"shorter title, no subtitle){fewer}")  # fmt: skip


def _native_axis(axis: ValueAxis, job: ChartJob, fmt: NumberFormat,
                 limits: tuple[float, float, float], title: str, *,
                 baseline: bool) -> None:  # fmt: skip
    """One value axis of the native chart: fixed limits and step, tick labels in ``fmt`` at
    the plot's edge, light gridlines, its title in the muted colour; its line drawn (as
    the zero baseline) only with ``baseline``."""
    from pptx.enum.chart import XL_TICK_LABEL_POSITION as TICK_LABELS
    from pptx.enum.chart import XL_TICK_MARK as TICK
    from pptx.util import Pt

    from deckgen.kinds.charts import _native as nv
    from deckgen.ooxml import shapes as sh
    from deckgen.outline.formats import excel_format

    colors = job.theme.theme.colors
    lo, hi, step = limits
    axis.minimum_scale, axis.maximum_scale = lo, hi
    axis.major_unit = step
    axis.major_tick_mark = axis.minor_tick_mark = TICK.NONE
    if baseline:
        axis.format.line.color.rgb = sh.rgb(colors.muted)
        axis.format.line.width = Pt(1)
    else:
        axis.format.line.fill.background()
    axis.has_major_gridlines = job.theme.theme.chart.gridlines
    if axis.has_major_gridlines:
        line = axis.major_gridlines.format.line
        line.color.rgb = sh.rgb(colors.grid)
        line.width = Pt(0.75)
    ticks = [lo + step * k for k in range(int((hi - lo) / step + 1e-9) + 1)]
    labels = axis.tick_labels
    labels.number_format = excel_format(fmt, ticks, ticks=True)
    labels.number_format_is_linked = False
    # The axis crosses the other at zero; its tick labels stay at the plot's edge, as on
    # the picture: beside the line they ran across the middle of the plot, where '0%' ran
    # into '$0M' and a point's label (found by review).
    axis.tick_label_position = TICK_LABELS.LOW
    nv.font(labels.font, job, colors.text)
    axis.has_title = True
    frame = axis.axis_title.text_frame
    frame.text = title
    for run in frame.paragraphs[0].runs:
        nv.font(run.font, job, colors.muted)


#: About as many tick intervals along a native axis as the picture's axes have.
NATIVE_TICKS = 7


def _native_limits(
    values: list[float], radii: list[float], length: float
) -> tuple[float, float, float]:
    """The native axis's minimum, maximum and step: around the values widened so markers
    of ``radii`` points fit on a plot ``length`` points long, both ends on a tick
    (PowerPoint counts ticks from the minimum). An axis the picture starts at zero starts
    there (a marker at zero sits on the edge), and no bound crosses zero: rounding out
    to a tick wrote -$2,000M under revenue that is never negative (found by review)."""
    lo, hi = axis_limits(values)
    span = (hi - lo) or 1.0
    per_point = span / max(length, 1.0)
    low = min(v - 1.2 * r * per_point for v, r in zip(values, radii, strict=True))
    high = max(v + 1.2 * r * per_point for v, r in zip(values, radii, strict=True))
    if lo == 0 or min(values) >= 0 > low:
        low = 0.0
    if max(values) <= 0 < high:
        high = 0.0
    if min(values) == max(values):  # one value: the picture's margin around it
        low, high = min(low, lo), max(high, hi)
    step = nice_step(high - low, NATIVE_TICKS)
    return (math.floor(low / step + 1e-9) * step, math.ceil(high / step - 1e-9) * step, step)


def _bubble_area(chart: Chart) -> None:
    """Bubble area (not width) stands for the value, and the largest bubble is the
    picture's share of the plot (PowerPoint's 100% is about a quarter of it)."""
    from lxml import etree
    from pptx.oxml.ns import qn

    plot = chart._chartSpace.find(f".//{qn('c:bubbleChart')}")
    plot.find(qn("c:bubbleScale")).set("val", str(round(BUBBLE / 0.25 * 100)))
    represents = plot.find(qn("c:sizeRepresents"))
    if represents is None:
        represents = etree.Element(qn("c:sizeRepresents"))
        # Schema order: ... bubbleScale?, showNegBubbles?, sizeRepresents?, axId+
        plot.find(qn("c:showNegBubbles")).addnext(represents)
    represents.set("val", "area")


def _native_key(job: ChartJob, geo: Geometry, size_name: str) -> None:
    """'Bubble area: <size>' in the chart's top right corner (a chart has no size key)."""
    from deckgen.kinds.charts import _native as nv
    from deckgen.layout.geometry import Rect
    from deckgen.layout.units import Pt as Points
    from deckgen.ooxml import shapes as sh
    from deckgen.ooxml.shapes import Para

    text = f"{job.words.bubble_area}: {size_name}"
    width = Points(nv.text_w(job, text) + 12)
    box = geo.box
    rect = Rect(box.left + box.width - width, box.top, width, Points(nv.text_h(job) + 6))
    sh.add_text(
        geo.slide, rect,
        [Para(text, job.theme.theme.fonts.body.family, Points(nv.size(job)),
              job.theme.theme.colors.muted, align="right")],
        anchor="top", name="Bubble size key",
    )  # fmt: skip


def _trendline(series: object, colour: str) -> None:
    """A thin linear trendline on the series (PowerPoint fits it, as the picture does)."""
    from lxml import etree
    from pptx.oxml.ns import qn
    from pptx.util import Pt

    line = etree.Element(qn("c:trendline"))
    shape = etree.SubElement(line, qn("c:spPr"))
    outline = etree.SubElement(shape, qn("a:ln"))
    outline.set("w", str(Pt(1.1)))
    fill = etree.SubElement(outline, qn("a:solidFill"))
    etree.SubElement(fill, qn("a:srgbClr")).set("val", colour.lstrip("#").upper())
    etree.SubElement(line, qn("c:trendlineType")).set("val", "linear")
    etree.SubElement(line, qn("c:dispRSqr")).set("val", "0")
    etree.SubElement(line, qn("c:dispEq")).set("val", "0")
    # Schema order (c:ser): ... dPt*, dLbls?, trendline*, errBars*, xVal, yVal ...
    element = series._element  # type: ignore[attr-defined]
    element.find(qn("c:xVal")).addprevious(line)
