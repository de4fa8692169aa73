"""Arrow plots: per category an arrow from the first value to the second, coloured by
direction, the change written in a column at the right ('2004' and '2023' name the ends)."""

from __future__ import annotations

import keyword
import math
import unicodedata
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING, ClassVar, Literal

from pydantic import Field

from deckgen.errors import joined
from deckgen.kinds.charts._base import better_field, word
from deckgen.kinds.charts._dots import Row, RowChart, axis_span, noun, rows_of
from deckgen.outline.formats import NumberFormat
from deckgen.render.chartkit import (
    difference_text,
    direction_colors,
    left_out,
    legible,
    points_per_unit,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from deckgen.render.charts import ChartJob

#: The sign of a decrease: a true minus, as wide as the plus.
MINUS = "\u2212"
#: In words, a change smaller than the column's smallest step ('less than 0.1 million').
LESS_THAN = "less than"
#: An arrowhead's length, in shaft widths: an arrow shorter than that shows no shaft, and
#: its change cannot be seen (:meth:`Arrow.unseen`).
HEAD = 3.6
#: The changes a reader is meant to see: at least this share of the largest. A smaller one
#: is small beside the others whatever the chart (the sample's Brazil, +7.6K beside
#: China's +24.9M): drawn as a dot, it reads as what it is.
SEEN_SHARE = 0.1
#: The least share of the picture's width the values' span is drawn across, for an
#: estimate that draws nothing (:meth:`Arrow.unseen_marks`): names take at most 45%, the
#: values and the change column some more.
SPAN_SHARE = 0.25


class Arrow(RowChart):
    """From the first series to the second: an arrow per category in the increase or
    decrease colour (its head shows the direction too), the change at the right."""

    type: Literal["arrow"]
    label: ClassVar[str] = "Arrow plot"
    aliases: ClassVar[tuple[str, ...]] = ("arrows", "dumbbell-arrow")
    pair: ClassVar[bool] = True
    whole_values: ClassVar[bool] = True  # every value, or the highlight's and an axis

    change: Literal["absolute", "percent", "none"] = Field(
        "absolute",
        description="The change written at the right of each arrow: in the chart's format "
        "('+24.9M'; percentage points for percent values), in percent of the first value "
        "('+476%'), or none.",
    )

    better: Literal["higher", "lower"] = better_field()

    #: The axis spans the data, not down to zero: a value is read by its place, a change
    #: by its arrow's length. Taken in, zero squeezed shares of 4% to 22% changing by 0.1
    #: to 0.4 points into one dot a row, beside a column writing '+0,4 Pp.' (found in
    #: review). ``axis: {zero: true}`` takes it in.
    axis_zero: ClassVar[bool | None] = False

    def falls_are_good(self) -> bool:
        return self.better == "lower"

    def moved(self, job: ChartJob, row: Row) -> int:
        """Which way the row changed: 1 up, -1 down, 0 for no change or a missing value. The
        one decision the row's colour, marker, sign and the alt text's counts read. A change
        too small for the column's precision still moved: the sample's Brazil, +7,611
        vehicles beside China's +24.9M, was '0.0M' beside the grey dot of no change, a rise
        printed as none (review); it is '+<0.1M' in the increase colour (:meth:`change_text`)."""
        a, b = row.values
        if a is None or b is None or a == b:
            return 0
        return 1 if b > a else -1

    def direction(self, job: ChartJob, row: Row) -> str:
        """The row's colour: increase, decrease, or the neutral grey when it shows no change
        (:meth:`moved`)."""
        up, down = direction_colors(job)
        shown = self.moved(job, row)
        if not shown:
            return legible(job, job.theme.theme.colors.neutral, 3.0)
        return up if shown > 0 else down

    def shaft(self, job: ChartJob, row: Row) -> float:
        width = 0.9 * job.theme.theme.chart.line_width * job.canvas.scale
        return width * (1.4 if row.highlighted else 1.0)

    def reach(self, job: ChartJob, pitch: float) -> float:
        # A lone value's dot (its radius); arrows end at their values.
        return 1.4 * 0.9 * job.theme.theme.chart.line_width * job.canvas.scale

    def paint(self, ax: Axes, job: ChartJob, row: Row, pitch: float) -> None:
        from matplotlib.patches import ArrowStyle, FancyArrowPatch

        color = self.direction(job, row)
        a, b = row.values
        length = 0.0  # a lone value or no change: a dot
        if self.moved(job, row):
            assert a is not None and b is not None  # else it did not move
            length = abs(b - a) * points_per_unit(ax)[0]
        shaft, head = self.shaft(job, row), 0.0
        # The head takes at most 60% of the arrow, so a short arrow still shows its shaft. A
        # highlighted arrow too short for its thicker shaft keeps a plain one (its row is
        # bold on a band); shorter still, it is all head: the thicker shaft made a small
        # change on the row a card was about a bare dot, its direction lost (fuzzing).
        for width in dict.fromkeys((shaft, self.shaft(job, replace(row, highlighted=False)))):
            if min(HEAD * width, 0.6 * length) >= 1.5 * width:
                shaft, head = width, min(HEAD * width, 0.6 * length)
                break
        else:
            if length >= 1.5 * width:
                shaft, head = width, length
        if not head:
            # A lone value, no change, or one too small to draw: a dot in the row's colour,
            # the column at the right saying which way ('+<0.1M').
            for _, v in row.present[-1:]:
                ax.plot([v], [row.index], marker="o", markersize=2.8 * shaft, color=color,
                        linestyle="none", zorder=3)  # fmt: skip
            return
        assert a is not None and b is not None  # else its length is 0
        style = ArrowStyle("-|>", head_length=head, head_width=1.7 * shaft)
        ax.add_patch(FancyArrowPatch(
            (a, row.index), (b, row.index), arrowstyle=style, mutation_scale=1, color=color,
            linewidth=shaft, shrinkA=0, shrinkB=0, joinstyle="miter", capstyle="butt",
            zorder=3,
        ))  # fmt: skip

    def draw(self, fig: Figure, ax: Axes, job: ChartJob) -> None:
        super().draw(fig, ax, job)
        said = self._unseen_said(job, ax)
        if said is not None:
            left_out(f"{said[0]}; {said[1]}")  # the build warns of it, as check does

    def unseen(self, job: ChartJob, per_unit: float) -> list[Row]:
        """The rows whose arrows are drawn shorter than their heads at ``per_unit`` points
        a unit (no shaft: the change reads as none), of those changing by at least
        :data:`SEEN_SHARE` of the largest change."""
        head = HEAD * self.shaft(job, Row(0, "", (), highlighted=False))
        changes = []
        for r in rows_of(job):
            a, b = r.values
            if a is not None and b is not None and self.moved(job, r):
                changes.append((r, abs(b - a)))
        largest = max((c for _, c in changes), default=0.0)
        return [r for r, c in changes if c * per_unit < head and c >= SEEN_SHARE * largest]

    def unseen_marks(self, job: ChartJob, fig: Figure | None = None) -> tuple[str, str] | None:
        """Rows whose arrows are too short to see (:meth:`unseen`), said with what to do.
        Without ``fig``, drawn only where an estimate says some may be: their changes
        drawn over :data:`SPAN_SHARE` of the width, and still shorter than a head."""
        if fig is not None:
            return self._unseen_said(job, fig.axes[0])
        lo, hi = axis_span(job, rows_of(job))
        if not self.unseen(job, SPAN_SHARE * job.canvas.width.pt / max(hi - lo, 1e-300)):
            return None
        from deckgen.render.style import chart_style

        with chart_style(job.theme, job.canvas):
            drawn = job.figure()
            try:
                return self._unseen_said(job, drawn.axes[0])
            finally:
                drawn.clear()

    def _unseen_said(self, job: ChartJob, ax: Axes) -> tuple[str, str] | None:
        rows = self.unseen(job, points_per_unit(ax)[0])
        if not rows:
            return None
        lo, hi = axis_span(job, rows_of(job))
        n = len(job.data.categories)
        which = f"all its {n}" if len(rows) == n else f"{len(rows)} of its {n}"
        message = (
            f"the arrows of {which} rows are shorter than their heads, so they read as no "
            f"change where the column writes one "
            f"({joined([r.name for r in rows])}): the changes are small beside the span "
            f"the axis must show, {word(job, lo)} to {word(job, hi)}"
        )
        return message, self._unseen_fix()

    def _unseen_fix(self) -> str:
        """Chart the change itself (a derived table computing it, as bars), or fewer rows."""
        bars = "chart the change itself as bars"
        if self.series is None and not self.transpose and len(self.y_columns) == 2:
            first, second = (c if c.isidentifier() and not keyword.iskeyword(c) else
                             f"col('{c}')" for c in self.y_columns)  # fmt: skip
            name, formula, shown = "change", f"{second} - {first}", str(self.format)
            if self.change == "percent":
                name, formula = "change_pct", f"({second} - {first}) / {first} * 100"
                shown = "percent:0"
            elif self.format.style == "percent":  # points, which 'percent' would call %
                shown = f"plain:{self.format.decimals}"
            bars += (
                f": a derived table '{self.data}_change: {{from: {self.data}, steps: "
                f'[{{compute: {{{name}: "{formula}"}}}}]}}\' and a horizontal bar chart of '
                f"it with 'y: {name}' and 'format: {shown}'"
            )
        else:
            bars += " (a derived table's 'change' step, drawn as horizontal bars)"
        return (
            f"{bars}, or show fewer rows, whose values lie closer together ('top:' or "
            "'filter:'), so that the axis spans less"
        )

    def label_color(self, job: ChartJob, row: Row, series: int) -> str:
        colors = job.theme.theme.colors
        return colors.muted if series == 0 else colors.text

    def column_head(self, job: ChartJob) -> str:
        return job.words.change

    def column(self, job: ChartJob, row: Row, *, bare: bool = False) -> tuple[str, str] | None:
        text = self.change_text(job, row, bare=bare)
        return None if text is None else (text, legible(job, self.direction(job, row)))

    def column_unit(self, job: ChartJob) -> str | None:
        """Percentage points ('Pp.'): the word a narrow chart writes once, over '+0,4'."""
        absolute = self.change == "absolute" and job.spec.format.style == "percent"
        return job.words.points if absolute else None

    def change_text(
        self, job: ChartJob, row: Row, *, words: bool = False, bare: bool = False
    ) -> str | None:
        """The change as written at the right: '+24.9M', '−11%', '+3.1 pts' (with
        ``bare``, '+3.1': the column's head says 'pts'), '+<0.1M' for one too small for the
        column's precision ('up by less than 0.1 million' in words), '0' for none; ``None``
        with ``change: none``, a missing value, or a percent change from zero."""
        a, b = row.values
        if self.change == "none" or a is None or b is None:
            return None
        shown = self.moved(job, row)
        # In words too at the column's unit and precision ('+0.8 million' where it writes
        # '+0.8M', not '+772.1 thousand'): the alt text says what the column does.
        written = self._unsigned(job, a, b, words=words, bare=bare)
        if written is None:
            return None
        if words and written.startswith(LESS_THAN):  # not 'plus less than': 'up by less than'
            return f"{'up' if shown > 0 else 'down'} by {written}"
        return f"{'+' if shown > 0 else MINUS if shown < 0 else ''}{written}"

    def _unsigned(
        self, job: ChartJob, a: float, b: float, *, words: bool = False, bare: bool = False
    ) -> str | None:
        """The change from ``a`` to ``b`` as the column writes it, unsigned, ``words`` or
        not ('0.8 million' where the column writes '0.8M'); one the column's precision
        writes as zero as less than its smallest step ('<0.1M', 'less than 0.1 million')."""
        fmt = job.spec.format.model_copy(update={"sign": "negative"})  # signed at the caller
        amount = abs(b - a)
        if self.change == "percent":
            amount = amount / abs(a) * 100 if a else math.inf
            if not math.isfinite(amount):  # no percent change from zero
                return None
            # A change that rounds to nothing keeps a decimal: '+0.3%', not '+0%'. In the
            # deck's marks ('+0,3%'), and in English in words, as every label and alt text.
            decimals = 1 if amount and round(amount) == 0 else 0
            percent = NumberFormat(style="percent", decimals=decimals)
            write: Callable[[float], str] = partial(percent.format, words=words)
            step = 10.0**-decimals
        elif fmt.style == "percent":
            points = "" if bare else job.words.points
            write = partial(difference_text, fmt, words=words and not bare, points=points)
            step = 10.0**-fmt.decimals
        else:
            # The column is read down as one, in one format: the unit of the largest change
            # for every change ('+24.9M' ... '+0.8M', never '+24.9M' beside '+772.1K'), at
            # the format's precision, the one the title's figures are written in.
            largest = max((abs(y - x) for x, y in (r.values for r in rows_of(job))
                           if x is not None and y is not None), default=0.0)  # fmt: skip
            write = fmt.writer([largest], words=words)
            (scale, _), decimals = fmt.shared([largest])
            step = scale * 10.0**-decimals
        written = write(amount).rstrip()
        # Any script's digits ('٠٫٠M' in Arabic-Indic numerals is as much nothing).
        if not amount or any(unicodedata.digit(c, 0) for c in written):
            return written
        # Less than the column's smallest step, not '0.0M' beside the grey of no change
        # (a rise printed as none), nor '+0.008M' beside '+24.9M' (one precision down the
        # column): the sample's Brazil, +7,611 vehicles, is '+<0.1M'.
        least = write(step).rstrip()
        return f"{LESS_THAN} {least}" if words else f"<{least}"

    def printed_values(self, job: ChartJob) -> list[float]:
        """The ends and the change each row's column prints ('+24.9M', '−11%'): a title's
        'up 11%' states a change, which :meth:`ChartKind.printed_values` did not know."""
        changes = []
        for a, b in (row.values for row in rows_of(job)):
            if self.change == "none" or a is None or b is None:
                continue
            if self.change == "absolute":
                changes.append(abs(b - a))
            elif a:  # no percent change from zero
                changes.append(abs(b - a) / abs(a) * 100)
        return [*super().printed_values(job), *changes]

    def mark_colors(self, job: ChartJob) -> list[str]:
        return sorted({self.direction(job, r) for r in rows_of(job)})

    def describe_data(self, job: ChartJob) -> str:
        """'From 2004 to 2023 for 10 countries, 5 rose and 5 fell; China rose most, by 24.9
        million, from 5.2 million to 30.2 million; France fell most, ...; China from 5.2
        million to 30.2 million (+24.9 million); ...'."""
        rows = rows_of(job)
        first, second = (s.name for s in job.data.series)
        both = [r for r in rows if None not in r.values]
        rose = [r for r in both if self.moved(job, r) > 0]
        fell = [r for r in both if self.moved(job, r) < 0]
        counts = f"{len(rose)} rose and {len(fell)} fell"
        same = len(both) - len(rose) - len(fell)
        counts += f", {same} unchanged" if same else ""
        parts = [f"From {first} to {second} for {len(rows)} {noun(job)}, {counts}"]

        def amount(r: Row) -> float:
            a, b = r.values
            assert a is not None and b is not None
            if self.change == "percent":
                return abs(b - a) / abs(a) if a else 0.0
            return abs(b - a)

        def journey(r: Row) -> str:
            return f"from {word(job, r.values[0])} to {word(job, r.values[1])}"

        def by(r: Row) -> str:
            a, b = r.values
            assert a is not None and b is not None
            if self.change != "none":
                return self._unsigned(job, a, b, words=True) or ""
            return word(job, abs(b - a)).lstrip("+")

        for verb, group in (("rose", rose), ("fell", fell)):
            if not group:
                continue
            top = max(group, key=amount)
            # A tie as printed is said as one: 'Local council fell most, by 7.0 percentage
            # points' where Police, the highlighted row, fell by the same 7.0 (found in
            # review). The rows named in the chart's order.
            tied = [r for r in group if by(r) == by(top)]
            names = joined([r.name for r in tied])
            if len(tied) == 1:
                most = " most" if len(group) > 1 else ""
                parts.append(f"{top.name} {verb}{most}, by {by(top)}, {journey(top)}")
            elif len(tied) == len(group):
                parts.append(f"{names} each {verb} by {by(top)}")
            else:
                parts.append(f"{names} {verb} most, by {by(top)} each")
        for r in rows:
            if None in r.values:
                have = [f"{word(job, v)} in {job.data.series[k].name}" for k, v in r.present]
                parts.append(f"{r.name} {', '.join(have) or 'no values'}".strip())
                continue
            change = self.change_text(job, r, words=True)
            parts.append(f"{r.name} {journey(r)}" + (f" ({change})" if change else ""))
        return "; ".join(parts)

    def native_refusal(self) -> str | None:
        return (
            "an arrow chart has no native form: a PowerPoint chart has no arrow mark, and "
            "arrowheads on its lines (error bars) are not drawn by every application, so the "
            "direction would be lost"
        )
