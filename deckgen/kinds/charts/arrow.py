"""Arrow plots: per category an arrow from the first value to the second, coloured by
direction, the change written in a column at the right ('2004' and '2023' name the ends)."""

from __future__ import annotations

import functools
import keyword
import math
import unicodedata
from dataclasses import replace
from decimal import Decimal
from functools import partial
from typing import TYPE_CHECKING, ClassVar, Literal

from pydantic import Field

from deckgen.errors import joined
from deckgen.kinds.charts._base import better_field, word
from deckgen.kinds.charts._dots import (
    Row,
    RowChart,
    axis_span,
    noun,
    reader_at,
    rows_of,
    writer_at,
)
from deckgen.outline.formats import CLOSE, MAX_DECIMALS, NumberFormat
from deckgen.render.chartkit import (
    difference_text,
    direction_colors,
    fmt,
    left_out,
    legible,
    points_per_unit,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from deckgen.outline.formats import Unit
    from deckgen.outline.words import ChartWords
    from deckgen.render.charts import ChartJob
    from deckgen.tables.select import ChartData

#: The sign of a decrease: a true minus, as wide as the plus.
MINUS = "\u2212"
#: In words, a change between ends written alike even at six decimals ('less than
#: 0.000001 million').
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
    marks_need: ClassVar[str] = "both ends for an arrow"

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
        printed as none (review); it is '+0.008M' between '2.317M' and '2.325M', in the
        increase colour (:meth:`change_text`)."""
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
            # the column at the right saying which way ('+0.008M').
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
        """The row's change; an en dash where an end is missing, as a bar marks its gap: a
        blank there read as no change worth a word (found by fuzzing). So does a percent
        change from zero, which is undefined (:meth:`percent_from_zero`): the blank beside
        'Gamma 0 → 7' read as no change (found by fuzzing). A dash, not 'new': the column
        writes the one mark for a change it has no number for, as a missing end's, and
        the build says why (:meth:`drawn_unlike_data`)."""
        if self.change != "none" and (None in row.values or self.percent_from_zero(row)):
            return "\u2013", job.theme.theme.colors.muted
        text = self.change_text(job, row, bare=bare)
        return None if text is None else (text, legible(job, self.direction(job, row)))

    def percent_from_zero(self, row: Row) -> bool:
        """Whether ``row``'s change is a percent change from zero, which is undefined (as a
        template's ``change()`` from zero is refused): with ``change: percent``, both ends
        and a start of 0 (or so near it that the percentage overflows)."""
        a, b = row.values
        if self.change != "percent" or a is None or b is None:
            return False
        return not a or not math.isfinite(abs(b - a) / abs(a) * 100)

    def column_unit(self, job: ChartJob) -> str | None:
        """Percentage points ('Pp.'): the word a narrow chart writes once, over '+0,4'."""
        absolute = self.change == "absolute" and job.spec.format.style == "percent"
        return job.words.points if absolute else None

    def places(self, job: ChartJob, row: Row) -> int:
        """The decimals ``row``'s two ends, and its change, are written with, in the unit
        every end shares (:func:`~deckgen.render.chartkit.label_place`): the chart's
        (:func:`_chart_places`), with more, up to six, while they would misread the row
        (:func:`_misread`): two ends that differ written alike, or ends whose difference
        is off the change by more than a fifth of it. A change small beside the others
        (the sample's Brazil, 2.317M to 2.325M beside China's 5.2M to 30.2M) takes the
        decimals its own row needs: given to every row, they wrote China '5.234M'."""
        a, b = row.values
        return self._places(job.whole or job.data, a, b)

    def _places(self, data: ChartData, a: float | None, b: float | None) -> int:
        """:meth:`places` of a row from ``a`` to ``b`` of the chart's ``data``."""
        number = self.format
        unit, decimals = _chart_places(number, self.change, data)
        if a is None or b is None:
            return decimals
        absolute = self.change == "absolute"
        while decimals < MAX_DECIMALS and _misread(number, unit, decimals, a, b, absolute):
            decimals += 1
        return decimals

    def value_text(self, job: ChartJob, row: Row, series: int, *, words: bool = False) -> str:
        """An end as its row writes it: at the row's decimals (:meth:`places`), so two
        ends that differ never read alike ('North 1.5K → 1.5K', found in review, is
        '1.45K → 1.50K'), and the change at the right is within a fifth of their
        difference."""
        if len(row.values) != 2:
            return fmt(job, row.values[series], words=words)
        number = job.spec.format
        unit, _ = _chart_places(number, self.change, job.whole or job.data)
        text = writer_at(number, unit, self.places(job, row), words=words)(row.values[series])
        if None in row.values and not words:
            # A lone end is a grey dot either way: which end it is, its series says
            # ('5 (b)'), where a row without a start and one without an end read alike
            # (found by fuzzing). The alt text says it in words (each_row).
            return f"{text} ({job.data.series[series].name})"
        return text

    def change_text(
        self, job: ChartJob, row: Row, *, words: bool = False, bare: bool = False
    ) -> str | None:
        """The change as written at the right: '+24.9M', '−11%', '+3 pts' (with ``bare``,
        '+3': the column's head says 'pts'), '0' for none; ``None`` with ``change: none``,
        a missing value, or a percent change from zero. An absolute change is the values'
        own, in the ends' unit and to their decimals (:meth:`value_text`): 'North 1.5K →
        1.5K' was '+48.8', two scales and two ends alike (found in review); it is
        '1.45K → 1.50K +0.05K'."""
        a, b = row.values
        if self.change == "none" or a is None or b is None:
            return None
        shown = self.moved(job, row)
        # In words too at the column's unit and precision ('+0.8 million' where it writes
        # '+0.8M', not '+772.1 thousand'): the alt text says what the column does.
        written = self._unsigned(job, row, words=words, bare=bare)
        if written is None:
            return None
        if words and written.startswith(LESS_THAN):  # not 'plus less than': 'up by less than'
            return f"{'up' if shown > 0 else 'down'} by {written}"
        return f"{'+' if shown > 0 else MINUS if shown < 0 else ''}{written}"

    def _unsigned(
        self, job: ChartJob, row: Row, *, words: bool = False, bare: bool = False
    ) -> str | None:
        """The change of ``row`` as the column writes it, unsigned, ``words`` or not ('0.8
        million' where the column writes '0.8M'). Absolute: the values' own change, in
        the ends' unit and to their decimals ('+0.05K' between '1.45K' and '1.50K'); one
        that rounds to nothing there, less than their step
        ('<0.000001M'). Percent: of the values themselves (a ratio magnifies the labels'
        rounding, and no reader redoes it to their precision), a change that rounds to
        nothing keeping a decimal."""
        a, b = row.values
        assert a is not None and b is not None
        if self.change == "percent":
            if self.percent_from_zero(row):  # undefined: the column writes '–'; the build warns
                return None
            amount = abs(b - a) / abs(a) * 100
            percent = _percent_shown(amount)
            write: Callable[[float], str] = partial(percent.format, words=words)
            step = 10.0**-percent.decimals
        else:
            amount, write, step = self._printed_change(job, row, words=words, bare=bare)
        written = write(amount).rstrip()
        # Any script's digits ('٠٫٠M' in Arabic-Indic numerals is as much nothing).
        if a == b or any(unicodedata.digit(c, 0) for c in written):
            return written
        # Ends written alike even at six decimals: less than their step, with its
        # direction, never '0', the grey of no change (a rise printed as none, review).
        least = write(step).rstrip()
        return f"{LESS_THAN} {least}" if words else f"<{least}"

    def _printed_change(
        self, job: ChartJob, row: Row, *, words: bool = False, bare: bool = False
    ) -> tuple[float, Callable[[float], str], float]:
        """The unsigned change of ``row``, how the column writes it (percentage points
        between percentages; else in the ends' unit and to their decimals), and the
        smallest step it writes. The values' own change, as a title or a note bound from
        the data states it ('24.9 million more' beside '5.2M → 30.2M +24.9M'): the ends'
        decimals (:meth:`places`) keep the labels' difference within a fifth of it."""
        a, b = row.values
        assert a is not None and b is not None
        points = "" if bare else job.words.points
        write, step = self._change_writer(job.whole or job.data, a, b, points, words=words)
        return abs(b - a), write, step

    def _change_writer(
        self, data: ChartData, a: float, b: float, points: str, *, words: bool = False
    ) -> tuple[Callable[[float], str], float]:
        """How the column writes the unsigned change of a row from ``a`` to ``b`` of the
        chart's ``data`` (percentage points, named ``points``, between percentages; else
        in the ends' unit and to their decimals), and the smallest step it writes."""
        number = self.format.model_copy(update={"sign": "negative"})  # signed at the caller
        unit, _ = _chart_places(number, self.change, data)
        decimals = self._places(data, a, b)
        if number.style == "percent":
            shown = number.model_copy(update={"decimals": decimals})
            write: Callable[[float], str] = partial(
                difference_text, shown, words=words and bool(points), points=points
            )
            return write, 10.0**-decimals
        return writer_at(number, unit, decimals, words=words), unit[0] * 10.0**-decimals

    def footnote(self, data: ChartData, words: ChartWords) -> str:
        """'Changes are computed from unrounded values.' where a row's change, as the column
        writes it, is not the difference of its ends as they are written: the sample's
        China read '5.2M → 30.2M +24.9M', 25.0 to a reader redoing the sum, and nothing
        said why (review). The change stays the values' own, as a title bound from the
        data states it; the note goes in the source line (a line under the rows took the
        height the contrast theme's ten rows needed to be named)."""
        if self.change == "none" or len(data.series) != 2:
            return ""
        unit, _ = _chart_places(self.format, self.change, data)
        for a, b in zip(data.series[0].values, data.series[1].values, strict=True):
            if a is None or b is None or a == b:
                continue
            read = reader_at(self.format, unit, self._places(data, a, b))
            ends = float(read(a)), float(read(b))
            if self.change == "percent":
                if not (a and ends[0]):  # no percent change from zero
                    continue
                raw = abs(b - a) / abs(a) * 100
                shown = _percent_shown(raw)
                off = shown.format(raw) != shown.format(abs(ends[1] / ends[0] - 1) * 100)
            else:
                write, _ = self._change_writer(data, a, b, "")
                off = write(abs(b - a)) != write(abs(ends[1] - ends[0]))
            if off:
                return words.unrounded
        return ""

    def printed_values(self, job: ChartJob) -> list[float]:
        """The ends and the change each row's column prints ('+24.9M', '−11%'): a title's
        'up 11%' states a change, which :meth:`ChartKind.printed_values` did not know. The
        ends as written, and each change."""
        changes: list[float] = []
        number = job.spec.format
        unit, _ = _chart_places(number, self.change, job.whole or job.data)
        for row in rows_of(job):
            a, b = row.values
            if a is None or b is None:
                continue
            read = reader_at(number, unit, self.places(job, row))
            changes += [float(read(a)), float(read(b))]
            if self.change == "absolute":
                changes.append(abs(b - a))
            elif self.change == "percent" and a:  # no percent change from zero
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
        # One row is said once: '1 xes, 0 rose and 1 fell; Cats fell, by 2, from 5 to 3;
        # Cats from 5 to 3 (-2)' (fuzzing).
        one = len(rows) == 1 and len(both) == 1
        lead = f"From {first} to {second}"
        parts = [lead if one else f"{lead} for {len(rows)} {noun(job, len(rows))}, {counts}"]

        def amount(r: Row) -> float:
            a, b = r.values
            assert a is not None and b is not None
            if self.change == "percent":
                return abs(b - a) / abs(a) if a else 0.0
            return abs(b - a)

        def journey(r: Row) -> str:
            return (f"from {self.value_text(job, r, 0, words=True)} to "
                    f"{self.value_text(job, r, 1, words=True)}")  # fmt: skip

        def by(r: Row) -> str:
            if self.change != "none":
                return self._unsigned(job, r, words=True) or ""
            amount, write, _ = self._printed_change(job, r, words=True)
            return write(amount).lstrip("+")

        for verb, group in (("rose", rose), ("fell", fell)):
            if not group:
                continue
            # A row from zero has no percent change to rank: 'Alpha rose most, by 50
            # percent' was said beside Gamma's 0 to 7 (found by fuzzing).
            zero = [r for r in group if self.percent_from_zero(r)]
            if zero:
                said = [f"{zero[0].name} {verb} {journey(zero[0])}",
                        *(f"{r.name} {journey(r)}" for r in zero[1:])]  # fmt: skip
                parts.append(f"{joined(said)} ({FROM_ZERO})")
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
        for r in [] if one and (rose or fell) else rows:
            if None in r.values:
                have = [f"{self.value_text(job, r, k, words=True)} in "
                        f"{job.data.series[k].name}" for k, _ in r.present]  # fmt: skip
                parts.append(f"{r.name} {', '.join(have) or 'no values'}".strip())
                continue
            change = self.change_text(job, r, words=True)
            if self.percent_from_zero(r):
                change = FROM_ZERO
            parts.append(f"{r.name} {journey(r)}" + (f" ({change})" if change else ""))
        return "; ".join(parts)

    def drawn_unlike_data(self, job: ChartJob) -> list[tuple[str, str]]:
        """Besides a row short of a value (:meth:`RowChart.drawn_unlike_data`), rows whose
        two ends differ and still read alike at six decimals of the chart's unit: beside
        −1,000,000 → 1,000,000, 1e-7 → 2e-7 read '0.000000M → 0.000000M' without a word
        (found by fuzzing)."""
        found = super().drawn_unlike_data(job)
        said = self._from_zero_said(job)
        if said is not None:
            found.append(said)
        number = self.format
        unit, _ = _chart_places(number, self.change, job.whole or job.data)
        alike = []
        for row in rows_of(job):
            a, b = row.values
            if a is None or b is None or a == b:
                continue
            read = reader_at(number, unit, self.places(job, row))
            if read(a) == read(b):
                alike.append(f"{row.name} ({a:g} and {b:g}, both {self.value_text(job, row, 0)})")
        if alike:
            found.append((
                f"the ends of {joined(alike)} differ but read alike even at {MAX_DECIMALS} "
                "decimals, beside the chart's largest values",
                "chart the rows of so much smaller values apart (a 'filter:' on each chart), "
                "or give the chart 'format:' with a smaller unit",
            ))  # fmt: skip
        return found

    def _from_zero_said(self, job: ChartJob) -> tuple[str, str] | None:
        """The rows whose percent change is from zero (:meth:`percent_from_zero`), and what to
        do: the column writes '–' for each, as for a missing end. Gamma's 0 to 7 was left blank
        with no word (found by fuzzing). Worded as a template's ``change()`` from zero is
        refused ('change from zero is undefined')."""
        zero = [r for r in rows_of(job) if self.percent_from_zero(r)]
        if not zero:
            return None
        listed = [f"{r.name} ({self.value_text(job, r, 0)} → {self.value_text(job, r, 1)})"
                  for r in zero[:5]]  # fmt: skip
        more = f" and {len(zero) - 5} more" if len(zero) > 5 else ""
        one = len(zero) == 1
        absolute = self.model_copy(update={"change": "absolute"})
        example = f"{zero[0].name} {absolute.change_text(job, zero[0])}"
        unit = "percentage points" if self.format.style == "percent" else "the values' own unit"
        return (
            f"{'a row starts' if one else f'{len(zero)} rows start'} at 0, and a percent change "
            f"from zero is undefined: {', '.join(listed)}{more}; the change column writes "
            f"'\u2013' for {'it' if one else 'each'}",
            f"write 'change: absolute' for the change in {unit} ({example}), or leave "
            f"{'that row' if one else 'those rows'} out (filter:)",
        )

    def native_refusal(self) -> str | None:
        return (
            "an arrow chart has no native form: a PowerPoint chart has no arrow mark, and "
            "arrowheads on its lines (error bars) are not drawn by every application, so the "
            "direction would be lost"
        )


#: What the alt text says of a row whose percent change would be from zero.
FROM_ZERO = "no percent change from zero"


def _percent_shown(amount: float) -> NumberFormat:
    """How the column writes a percent change of ``amount``: whole percents, and one that
    rounds to nothing with a decimal ('+0.3%', not '+0%'); in the deck's marks ('+0,3%'),
    and in English in words, as every label and alt text."""
    return NumberFormat(style="percent", decimals=1 if amount and round(amount) == 0 else 0)


# --------------------------------------------------------------------------- the ends
@functools.lru_cache(maxsize=32)
def _chart_places(number: NumberFormat, change: str, data: ChartData) -> tuple[Unit, int]:
    """The unit every end is written in and the decimals every row takes: the labels'
    (:func:`~deckgen.render.chartkit.label_place`: the format's, with more where a value
    would read as zero), with more, up to six, while a row whose change is at least
    :data:`SEEN_SHARE` of the largest would misread (:func:`_misread`): changes read down
    the column together take one precision ('1.45K → 1.50K +0.05K' ... '0.80K → 0.70K
    −0.10K'). ``data``: every panel's, as the labels read them."""
    values = [v for d in data.panels() for s in d.series for v in s.values]
    unit, decimals = number.shared(values)
    pairs = [(a, b) for d in data.panels() if len(d.series) == 2
             for a, b in zip(d.series[0].values, d.series[1].values, strict=True)
             if a is not None and b is not None and a != b]  # fmt: skip
    largest = max((abs(b - a) for a, b in pairs), default=0.0)
    seen = [(a, b) for a, b in pairs if abs(b - a) >= SEEN_SHARE * largest]
    absolute = change == "absolute"
    while decimals < MAX_DECIMALS and any(
        _misread(number, unit, decimals, a, b, absolute) for a, b in seen
    ):
        decimals += 1
    return unit, decimals


def _misread(number: NumberFormat, unit: Unit, decimals: int, a: float, b: float,
             absolute: bool) -> bool:  # fmt: skip
    """Whether ``a`` and ``b`` written at ``decimals`` misread: they differ and are written
    alike ('1.5K → 1.5K' for 1,450 and 1,498.75), or, with an ``absolute`` change, the
    difference of the two as written is off by more than :data:`CLOSE` of their own ('1.2K →
    1.3K', +0.1K, for +50), as a waterfall's steps are kept within a fifth of themselves."""
    read = reader_at(number, unit, decimals)
    ra, rb = read(a), read(b)
    if ra == rb:
        return a != b
    if not absolute:
        return False
    change = Decimal(repr(float(b))) - Decimal(repr(float(a)))
    return abs((rb - ra) - change) > Decimal(repr(CLOSE)) * abs(change)
