"""Waterfall charts: a start value, signed steps floating from the running total, optional
subtotals, and an end total, as consultancies draw them.

The rows are the bars, in the order the data gives them (after ``filter``, ``sort`` and
``top``), categories from ``x`` and values from the one ``y`` column. A row is a step
unless the chart says otherwise:

* ``start: CATEGORY`` makes that row (it must be the first) an absolute bar from zero;
  ``start: {label, value}`` adds such a bar, not in the data, before the rows;
* ``totals: [CATEGORY, ...]`` makes those rows subtotal or end bars: their value is the
  running total, computed; a value the data gives there must agree with it;
* ``end: LABEL`` adds an end bar with the final running total; ``end: {label, value}``
  adds one and checks the value against the total.

Every name that matches no category, a start that is not first and a total that does not
add up are errors, found after binding (:meth:`Waterfall.check`). Printed values add up:
every printed total is the true running total rounded, and every printed step the
difference of the printed totals around it.

The picture is columns where names and values fit them, else bars top to bottom; on a card
too small for either, the smallest steps are merged into ``Other (k)`` (:meth:`Waterfall.
shown`), never cut off. The native form is stacked columns on an invisible base series.
"""

from __future__ import annotations

import colorsys
import math
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar, Literal, NamedTuple

from pydantic import Field, field_validator, model_validator

from deckgen.errors import DeckgenError, Location, Problem, did_you_mean, joined, one_of
from deckgen.kinds.charts._bars import BESIDE, GAP, value_axis
from deckgen.kinds.charts._base import ChartKind, better_field
from deckgen.outline.formats import CLOSE, MAX_DECIMALS, round_half_up
from deckgen.outline.schema import _Model
from deckgen.render.chartkit import (
    axes_points,
    category_labels,
    clean_axes,
    gridlines,
    label_size,
    legible,
    settle,
    shortening,
    text_height_pt,
    text_width_pt,
    tick_formatter,
    wrap_label,
)
from deckgen.render.labels import mark
from deckgen.tables.rounding import last_place
from deckgen.theming.colour import (
    DISTINGUISHABLE,
    apart,
    direction_pair,
    like_accent,
    mix,
    rgb,
    seen_apart,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from pptx.chart.chart import Chart

    from deckgen.kinds.charts._native import Geometry
    from deckgen.layout.geometry import Rect
    from deckgen.outline.formats import NumberFormat
    from deckgen.outline.words import ChartWords
    from deckgen.render.charts import ChartJob
    from deckgen.tables.select import ChartData
    from deckgen.theming.load import LoadedTheme

#: The true minus sign: a hyphen is shorter than the plus it stands against.
MINUS = "\u2212"


def _as_text(value: Any) -> Any:
    """A category named by a bare YAML number (``start: 2008``) is the text '2008'."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value


class BarSpec(_Model):
    """A start or end bar: its name and, for a bar that is not a row of the data, its value.
    A bare name (``start: 2008``) is ``{label: 2008}``; a value is never ``true``."""

    label: str = Field(min_length=1, description="The bar's name under the axis, e.g. '2008'.")
    value: float | str | None = Field(
        None,
        description="A number, or a template giving one, in the data's unit (`scale` "
        "applies). On `start`: a start bar that is not a row. On `end`: the end value the "
        "bars must add up to.",
    )

    @model_validator(mode="before")
    @classmethod
    def _from_name(cls, data: Any) -> Any:
        data = _as_text(data)
        return {"label": data} if isinstance(data, str) else data

    @field_validator("label", mode="before")
    @classmethod
    def _label_as_text(cls, value: Any) -> Any:
        return _as_text(value)

    @field_validator("value", mode="before")
    @classmethod
    def _number_or_template(cls, value: Any) -> Any:
        # A template stays text until binding; what it renders to must be a number.
        if not isinstance(value, str) or "{{" in value or "{%" in value:
            return value
        try:
            return float(value.replace(",", ""))
        except ValueError:
            raise ValueError("expected a number, or a template giving one") from None


Role = Literal["start", "step", "total"]


@dataclass(frozen=True)
class Bar:
    """One bar as drawn: an absolute bar from zero (``start``, ``total``) or a step that
    floats from the running total ``before`` to ``after``."""

    name: str
    role: Role
    before: float
    after: float
    #: What it prints: the step, or the total, rounded so that printed values add up.
    shown: float = 0.0
    #: The running total after it, as printed (``shown`` of a total bar here).
    shown_after: float = 0.0
    #: For a step that stands for several (``Other (3)`` on a small card): their names.
    merged: tuple[str, ...] = ()

    @property
    def step(self) -> float:
        """The change a step makes, as the numbers are written (134.4 - 107.4 is 27.0)."""
        return _difference(self.after, self.before)

    @property
    def lo(self) -> float:
        return min(self.before, self.after) if self.role == "step" else min(0.0, self.after)

    @property
    def hi(self) -> float:
        return max(self.before, self.after) if self.role == "step" else max(0.0, self.after)

    @property
    def below(self) -> bool:
        """Drawn under the zero line (its label goes under it too)."""
        return self.hi <= 0 and self.lo < 0


@dataclass(frozen=True)
class _Issue:
    field: str
    message: str
    hint: str | None


class Waterfall(ChartKind):
    """A start, signed steps floating from the running total, subtotals, and an end."""

    type: Literal["waterfall"]
    parts_named_once: ClassVar[bool] = True
    label: ClassVar[str] = "Waterfall chart"
    aliases: ClassVar[tuple[str, ...]] = ("bridge", "cascade")
    single_series: ClassVar[bool] = True
    #: A signed 12 pt label ("+12.3M", about 40 pt) on every step of a ~12 in plot: a
    #: step without its value does not read.
    max_categories: ClassVar[int | None] = 24
    takes_reference: ClassVar[bool] = False
    takes_annotations: ClassVar[bool] = False

    @classmethod
    def no_index(cls) -> str | None:
        return "adds its steps up to its totals, which steps rebased to 100 would not do"

    start: BarSpec | None = Field(
        None,
        description="The first bar, absolute from zero: a category (its row must come "
        "first), or {label, value} for a start bar that is not a row.",
    )
    totals: list[str] = Field(
        default_factory=list,
        description="Categories drawn as subtotal or end bars: the running total, computed; "
        "a value the data gives there must agree with it.",
    )
    end: BarSpec | None = Field(
        None,
        description="Adds an end bar with the final running total: its label, or "
        "{label, value} to check it against a stated end value.",
    )

    better: Literal["higher", "lower"] = better_field()

    def falls_are_good(self) -> bool:
        return self.better == "lower"

    @field_validator("totals", mode="before")
    @classmethod
    def _totals_as_text(cls, value: Any) -> Any:
        if isinstance(value, list):
            return [_as_text(v) for v in value]
        value = _as_text(value)
        return [value] if isinstance(value, str) else value

    @field_validator("totals")
    @classmethod
    def _each_once(cls, totals: list[str]) -> list[str]:
        twice = sorted({name for name in totals if totals.count(name) > 1})
        if twice:
            raise ValueError(f"totals names {one_of(twice)} more than once")
        return totals

    @model_validator(mode="after")
    def _bars_differ(self) -> Waterfall:
        start = self.start.label if self.start else None
        if start is not None and start in self.totals:
            raise ValueError(f"{start!r} is the start bar ('start'); it cannot be in 'totals' too")
        end = self.end.label if self.end else None
        if end is not None and (end in self.totals or end == start):
            raise ValueError(f"the end bar's label {end!r} is already the name of another bar")
        return self

    # -- the bars ----------------------------------------------------------------------
    @property
    def _start_row(self) -> str | None:
        """The category whose row is the start bar (``start`` without a value)."""
        return self.start.label if self.start and self.start.value is None else None

    def bars(self, data: ChartData) -> list[Bar]:
        """The bars of ``data`` in order, with running totals and printed values (the
        data is assumed checked: see :meth:`check`)."""
        return self._walk(data)[0]

    def _walk(self, data: ChartData) -> tuple[list[Bar], list[_Issue]]:
        """The bars, and what is wrong with the data for them."""
        issues: list[_Issue] = []
        categories = list(data.categories)
        # Each bar: (name, role, the value the data or the outline gives, the field naming it).
        rows: list[tuple[str, Role, float | None, str]] = []
        if self.start and self.start.value is not None:
            rows.append((self.start.label, "start", self._number(self.start.value), "start"))
        named = [("start", self._start_row)] if self._start_row else []
        named += [(f"totals[{k}]", total) for k, total in enumerate(self.totals)]
        for field, name in named:
            if (count := categories.count(name)) > 1:  # the first was taken without a word
                issues.append(_Issue(
                    field, f"{name!r} names {count} rows of the chart's data, so which bar is "
                    f"the {'start' if field == 'start' else 'total'} is unclear",
                    "give each row a name of its own: add up the rows with a group step, or "
                    "keep one with a filter",
                ))  # fmt: skip
        if issues:  # the sums below would only repeat the doubt
            return [], issues
        for i, (name, value) in enumerate(zip(categories, data.series[0].values, strict=True)):
            if name == self._start_row:
                rows.append((name, "start", value, "start"))
                if i:
                    earlier = one_of(categories[:i][:5]) + (" ..." if i > 5 else "")
                    issues.append(_Issue(
                        "start",
                        f"the start bar {name!r} must come first, but {i} row(s) come before "
                        f"it ({earlier})",
                        "put its row first in the data, or change 'sort' so it comes first",
                    ))  # fmt: skip
            elif name in self.totals:
                rows.append((name, "total", value, f"totals[{self.totals.index(name)}]"))
            else:
                rows.append((name, "step", value, "y"))
        if self.end is not None:
            rows.append((self.end.label, "total", self._number(self.end.value), "end.value"))

        bars: list[Bar] = []
        # Added up as written (107.4 + 27.0 is 134.4, not 134.40000000000001), so the
        # totals, and the values a native chart embeds, are the numbers a reader would get.
        running = Decimal(0)
        for name, role, value, _ in rows:
            if value is None and role != "total":
                issues.append(_Issue(
                    "y", f"the {role} {name!r} has no value",
                    "give it a number; only a total row may leave its value out ('-')",
                ))  # fmt: skip
            before = running
            if role == "start":
                before, running = Decimal(0), _decimal(value)
            elif role == "step":
                running = before + _decimal(value)
            else:
                before = Decimal(0)
            bars.append(Bar(name, role, float(before), float(running)))
        bars = self._printed(bars)
        write, place = self._writer(bars), self._place(bars)
        for bar, (name, role, given, field) in zip(bars, rows, strict=True):
            # A total given in the data agrees if the chart prints it as the computed one.
            if role == "total" and given is not None and _rounded(place, given) != bar.shown_after:
                said, hint = (
                    ("'end.value' gives", "correct the start or the steps, or leave out "
                     "'value' to have the end computed")
                    if field == "end.value" else
                    ("the data gives", "correct the data, or write '-' in the total's cell "
                     "to have it computed")
                )  # fmt: skip
                issues.append(_Issue(
                    field,
                    f"{said} {name!r} as {unsigned(write, given)}, but the bars before it add "
                    f"up to {unsigned(write, bar.after)}",
                    hint,
                ))  # fmt: skip
        return bars, issues

    def _number(self, value: float | str | None) -> float | None:
        """A fixed bar's value in the chart's unit (after binding it is a number)."""
        return None if value is None or isinstance(value, str) else value * self.scale

    def _place(self, bars: list[Bar]) -> tuple[float, int]:
        """Every label in one unit and precision: those of the largest running total, with
        more decimals (up to six) until every step, printed as the difference of the printed
        totals around it, reads within a fifth of itself. On totals of $1.0M a step of +$20K
        printed '$0' and one of +$30K '+$0.1M'; at $1.00M they read +$0.02M and +$0.03M
        (found by fuzzing)."""
        largest = max((abs(v) for b in bars for v in (b.before, b.after)), default=0.0)
        scale, decimals = last_place(self.format, largest)
        steps = [(b.before, b.after) for b in bars if b.role == "step" and b.after != b.before]

        def far(before: float, after: float) -> bool:
            printed = round_half_up(after / scale, decimals) - round_half_up(
                before / scale, decimals
            )
            return abs(float(printed) * scale - (after - before)) > CLOSE * abs(after - before)

        while decimals < MAX_DECIMALS and any(far(*step) for step in steps):
            decimals += 1
        return scale, decimals

    def _label_format(self, bars: list[Bar]) -> NumberFormat:
        """The chart's format, with the decimals its labels take (:meth:`_place`), unsigned:
        the labels sign themselves, the steps always and the totals when negative
        (:func:`signed`), so a signed format ('+$plain:1B') wrote '++$43.0B'."""
        return self.format.model_copy(update={"decimals": self._place(bars)[1], "sign": "negative"})

    def _writer(self, bars: list[Bar]) -> Callable[..., str]:
        """``write(value, words=False)``: a value as the chart prints it, every label in one
        unit and precision, those of the largest running total ('0.5M' beside '2.0M', as
        they were rounded): the formatter's writer for values read together."""
        values = [v for b in bars for v in (b.before, b.after)]
        fmt = self._label_format(bars)
        plain, spoken = fmt.writer(values), fmt.writer(values, words=True)

        def write(value: float, *, words: bool = False) -> str:
            return (spoken if words else plain)(value)

        return write

    def printed_values(self, job: ChartJob) -> list[float]:
        """Its data, and every bar as it prints it: a start or end bar that is no row of
        the data ('start: {label: 2023, value: ...}') and each step as it adds up. A title
        stating the start and end bars' 23.9 and 26.5 million was told the chart shows
        them nowhere (found by a new user)."""
        shown = super().printed_values(job)
        try:
            bars = self._printed(self.bars(job.data))
        except (DeckgenError, ValueError):  # a chart that cannot be drawn says so itself
            return shown
        return [*shown, *(b.after for b in bars if b.role != "step"),
                *(v for b in bars for v in (b.shown, abs(b.shown)))]  # fmt: skip

    def _printed(self, bars: list[Bar]) -> list[Bar]:
        """The bars with what they print: each running total rounded on its own, each step
        the difference of the printed totals around it, so printed steps add up to every
        printed subtotal and to the end (each rounded as the chart's formatter does)."""
        out, printed, place = [], 0.0, self._place(bars)
        for bar in bars:
            after = _rounded(place, bar.after)
            shown = _difference(after, printed) if bar.role == "step" else after
            if bar.role != "total":
                printed = after
            out.append(replace(bar, shown=shown, shown_after=after))
        return out

    def shown(self, job: ChartJob) -> Shown:
        """The bars as this picture shows them, how they are laid out, and how their values
        are written.

        Every bar is shown where the names and values fit its canvas, as columns or else as
        rows. Where neither fits (a small card), the smallest steps are merged into one
        ``Other (k)`` step per run of steps between totals, one at a time, until they do:
        the totals stay as they are, so the waterfall still adds up. Highlighted steps are
        never merged.
        """
        bars = self.bars(job.data)
        while True:
            write = self._writer(bars)
            layout = _layout(job, bars, write)
            if layout is not None:
                return Shown(bars, layout, write)
            fewer = _merge_smallest(bars, set(self.highlight), job.data.categories,
                                    job.words.other)  # fmt: skip
            if fewer is None:  # nothing left to merge: rows, as legible as they get
                return Shown(bars, _Layout(False, job.canvas.width.pt * _NAMES[-1]), write)
            bars = self._printed(fewer)

    # -- checks after binding ------------------------------------------------------------
    def highlight_names(self, data: ChartData) -> list[str]:
        """Every bar's name: the categories, and the start and end bars the chart adds."""
        start = [self.start.label] if self.start and self.start.value is not None else []
        end = [self.end.label] if self.end else []
        return [*start, *data.categories, *end]

    def check(self, data: ChartData, where: Location) -> list[Problem]:
        """Names that match no category, a start that is not first, steps without a value,
        and totals the data gives that the bars do not add up to."""
        problems = super().check(data, where)
        if any(v is not None and not math.isfinite(v) for s in data.series for v in s.values):
            return problems  # said by check_values; no step of inf can be walked

        def at(field: str) -> Location:
            return Location(where.file, where.line, f"{where.field}.{field}")

        if len(data.series) != 1:
            problems.append(Problem(
                at("y"),
                f"a waterfall shows one series, but the data gives {len(data.series)} "
                "(with 'transpose' each row becomes a series)",
                "keep one row with 'filter', or leave out 'transpose'",
            ))  # fmt: skip
            return problems
        from deckgen.tables.select import listed

        categories = list(data.categories)
        named = [("start", self._start_row)] if self._start_row is not None else []
        named += [(f"totals[{k}]", name) for k, name in enumerate(self.totals)]
        missing = False
        for field, name in named:
            if name not in categories:
                missing = True
                hint = did_you_mean(name, categories) or "write the name as the data has it"
                if field == "start":
                    hint += "; for a start bar that is not a row, give its value: {label, value}"
                problems.append(Problem(
                    at(field), f"{name!r} matches no category of the chart; its categories "
                    f"are {listed(categories)}", hint,
                ))  # fmt: skip
        added = [("start", self.start)] if self.start and self.start.value is not None else []
        added += [("end", self.end)] if self.end else []
        for field, bar in added:
            if bar.label in categories:
                problems.append(Problem(
                    at(f"{field}.label"),
                    f"the {field} bar {bar.label!r} is added to the data, but the data already "
                    "has a row of that name",
                    "leave out 'value' to make that row the start" if field == "start" else
                    "list the row under 'totals' to make it the end, or give the end bar "
                    "another label",
                ))  # fmt: skip
        if missing:
            return problems  # the sums would only repeat what the names already say
        bars, issues = self._walk(data)
        problems += [Problem(at(i.field), i.message, i.hint) for i in issues]
        if not issues:
            problems += self._totals_as_steps(bars, at("totals"))
        if bars and not issues and all(b.before == 0 and b.after == 0 for b in bars):
            # Nothing but zeros drew an empty axis, and a card said "the totals () set the
            # scale" (fuzzing round 5, F7); a ring of zeros is refused alike.
            names = ", ".join(b.name for b in bars[:6])
            more = f" and {len(bars) - 6} more" if len(bars) > 6 else ""
            problems.append(Problem(
                at("y"),
                f"every bar of the waterfall is 0 ({names}{more}), so the chart would draw no "
                "bar: an empty axis",
                "check the column and the filter (the rows may be for another period), or "
                "say in words that nothing changed, on a statement slide or card",
            ))  # fmt: skip
        return problems

    def _totals_as_steps(self, bars: list[Bar], at: Location) -> list[Problem]:
        """A row named as a total ('Total', 'Grand total') drawn as one more step: not
        listed under 'totals', it was added to itself and the end drawn at twice its
        value, without a word (found by fuzzing)."""
        from deckgen.kinds.charts._totals import is_total_name

        write = self._writer(bars)  # the values as the chart prints them
        return [
            Problem(
                at,
                f"the row {bar.name!r} ({unsigned(write, bar.shown)}) is named as a total, but "
                f"is drawn as one more step, which takes the waterfall to "
                f"{unsigned(write, bar.shown_after)}",
                f"list it under 'totals' (totals: [{bar.name}]) to draw it as a total from "
                "zero, or leave it out with a filter",
            )
            for bar in bars[1:]
            if bar.role == "step" and is_total_name(bar.name)
        ]

    def drawn_unlike_data(self, job: ChartJob) -> list[tuple[str, str]]:
        """A last step equal to the running total before it ('Budget 2026', 93 after 90 + 5
        - 2): a total the outline does not list, drawn as one more step to twice its value
        (found by fuzzing). A warning, not an error: a step may double what came before."""
        found = super().drawn_unlike_data(job)
        bars = self.bars(job.data)  # of a job: its data is checked
        if len(bars) >= 4 and (last := bars[-1]).role == "step" and last.before and (
                last.step == last.before):  # fmt: skip
            write = self._writer(bars)
            found.append((
                f"its last row {last.name!r} ({unsigned(write, last.shown)}) is the running "
                f"total of the bars before it, drawn as one more step, to "
                f"{unsigned(write, last.shown_after)}",
                f"if it is the total, list it under 'totals' (totals: [{last.name}]) to draw it "
                "from zero",
            ))  # fmt: skip
        return found

    # -- picture -------------------------------------------------------------------------
    def draw(self, fig: Figure, ax: Axes, job: ChartJob) -> None:
        draw_waterfall(fig, ax, job, self.shown(job))

    def mark_colors(self, job: ChartJob) -> list[str]:
        """The colours the bars are drawn in (``deckgen check`` wants 3:1 against the
        background; the colour rules guarantee it): totals, then the increases and
        decreases this chart has (with a highlight, the accent, and the grey of the rises
        and the colour of the falls it leaves out)."""
        return list(dict.fromkeys(fills(job, self.bars(job.data))))

    # -- alt text ------------------------------------------------------------------------
    def describe_data(self, job: ChartJob) -> str:
        """'Starts at X in <start>; <step> +A; <subtotal> at Y; ...; ends at Z in <end>',
        in the values the picture prints."""
        bars, _, write = self.shown(job)

        def say(value: float) -> str:
            return unsigned(write, value, words=True)

        head, *rest = bars
        if head.role == "start":
            parts = [f"Starts at {say(head.shown)}{_named(_written(job, head.name))}"]
        else:
            parts, rest = ["Starts at zero"], bars
        for bar in rest:
            if bar.role == "step":
                name = f"Other ({', '.join(bar.merged)})" if bar.merged else _written(job, bar.name)
                parts.append(f"{name} {signed(write, bar.shown, words=True)}")
            elif bar is not bars[-1]:
                parts.append(f"{_written(job, bar.name)} at {say(bar.shown)}")
        last = bars[-1]
        end = _named(_written(job, last.name)) if last.role == "total" else ""
        parts.append(f"ends at {say(last.shown_after)}{end}")
        return "; ".join(parts)

    # -- social cards ----------------------------------------------------------------------
    def card_categories(self, data: ChartData, box: Rect, label_px: int,
                        theme: LoadedTheme) -> int:  # fmt: skip
        # Every bar, always: a waterfall cut short would no longer add up to its end.
        return len(data.categories)

    def card_shown(self, job: ChartJob) -> int:
        # Steps merged into 'Other (k)' to fit are not shown on their own.
        return len(job.data.categories) - sum(len(bar.merged) for bar in self.shown(job).bars)

    def card_unseen(self, job: ChartJob) -> tuple[str, str] | None:
        """Why the card's picture ``job`` draws no step a reader can see, and what to do,
        or ``None``: its largest step shorter than :data:`SEEN` of a label size, as drawn.
        The bars start at zero, so large totals squash the steps: an og card drew steps 4
        to 10 px long, 1 to 3 pt on a phone, and only the numbers told them apart (found
        by fuzzing). A small step beside a large one is the data; every step that small
        is not."""
        from deckgen.render.style import chart_style

        bars, layout, write = self.shown(job)
        steps = [b for b in bars if b.role == "step"]
        if not steps:
            return None
        with chart_style(job.theme, job.canvas):
            fig = job.figure()
        ax, axis = fig.axes[0], 1 if layout.across else 0

        def drawn(bar: Bar) -> float:
            ends = [(bar.lo, bar.lo), (bar.hi, bar.hi)]
            lo, hi = ax.transData.transform(ends)
            return float(abs(hi[axis] - lo[axis]))

        longest = max(drawn(b) for b in steps)
        label_px = label_size(job) * job.canvas.dpi / 72
        if longest >= SEEN * label_px:
            return None
        totals = joined([unsigned(write, b.shown) for b in bars if b.role != "step"])
        # Steps alone: no total sets the scale but the running total they reach (a card of
        # them said "the totals () set the scale", fuzzing round 5, F7).
        farthest = max(steps, key=lambda b: abs(b.shown_after)).shown_after
        scale = (f"its bars start at zero, and the totals ({totals}) set the scale" if totals
                 else f"the running total they add up to, {unsigned(write, farthest)} at "
                 "most, sets the scale")  # fmt: skip
        return (
            f"draws its largest step {longest:.0f} px long, under half its {label_px:.0f} px "
            f"labels, so the steps cannot be seen: {scale}",
            "show the steps on their own (a bar chart of the changes)",
        )

    def card_height(self, data: ChartData) -> int:
        # On a long infographic a waterfall of many bars is drawn as rows: give each bar a
        # row of 72 px (at 32 px labels a name on one line and air), so none is merged away.
        added = (self.start is not None and self.start.value is not None) + (self.end is not None)
        return max(620, 72 * (len(data.categories) + added))

    # -- native PowerPoint form ------------------------------------------------------------
    def native_type(self) -> object:
        from pptx.enum.chart import XL_CHART_TYPE

        return XL_CHART_TYPE.COLUMN_STACKED

    def build_native(self, chart: Chart, job: ChartJob, geo: Geometry) -> None:
        bars = self.bars(job.data)
        build_native_waterfall(chart, job, geo, bars, self._label_format(bars), self._writer(bars))


def _decimal(value: float | None) -> Decimal:
    """A value as written, for exact sums; a missing value adds 0. Fifteen significant
    digits, as Excel keeps: a sum a template computed (107.39999999999999) is 107.4."""
    return Decimal(f"{value:.15g}") if value is not None else Decimal(0)


def _difference(a: float, b: float) -> float:
    """``a - b`` in the numbers as written: 134.4 - 107.4 is 27.0."""
    return float(_decimal(a) - _decimal(b))


def signed(format: Any, value: float, *, words: bool = False) -> str:
    """A step as printed: '+43', '−2' (a true minus), '0' for no change."""
    sign = "+" if value > 0 else MINUS if value < 0 else ""
    text: str = format(abs(value), words=words)
    return sign + text


def unsigned(format: Any, value: float, *, words: bool = False) -> str:
    """A total as printed: '143', '−15' (the same true minus as the steps)."""
    text: str = format(abs(value), words=words)
    return MINUS + text if value < 0 else text


# --------------------------------------------------------------------------- colours
#: A colour this far (degrees) or nearer in hue to a step colour is too alike to tell apart.
_TOO_CLOSE = 30.0


def _hue_sat(color: str) -> tuple[float, float]:
    # The theme's '#RRGGBB' read without matplotlib: `deckgen check` asks for it.
    hue, sat, _ = colorsys.rgb_to_hsv(*rgb(color))
    return hue * 360, sat


def _hue_gap(a: float, b: float) -> float:
    gap = abs(a - b) % 360
    return min(gap, 360 - gap)


def palette(job: ChartJob) -> tuple[str, str, str]:
    """(totals, increases, decreases), from the theme: rises and falls in its direction
    colours (as arrows use them), totals in the primary colour, or in the neutral where the
    primary is a hue too close to a step colour drawn to tell them apart: either direction
    colour, or with a highlight only the falls' (the rises are grey: see :func:`fills`).
    Each 3:1 on the background. So with a highlight the dark theme's totals keep its teal:
    too close to its rises' green, they were a light grey beside an amber step and grey
    ones, in a deck whose other charts are teal (found in review)."""
    from deckgen.render.chartkit import direction_colors

    colors = job.theme.theme.colors
    up, down = direction_colors(job)
    hue, sat = _hue_sat(colors.primary)
    coloured = (down,) if job.spec.highlight else (up, down)  # with one, the rises are grey
    alike = sat >= 0.35 and any(_hue_gap(hue, _hue_sat(c)[0]) < _TOO_CLOSE for c in coloured)
    total = colors.neutral if alike else colors.primary
    return legible(job, total, 3.0), up, down


def fills(job: ChartJob, bars: Sequence[Bar]) -> list[str]:
    """Each bar's colour: totals in the totals' colour, steps in their direction's. With a
    highlight, the steps it names are in the theme's highlight, the other rises in the
    neutral grey (as a bar chart's bars are) and the other falls in a colour of their own
    (:func:`_falls`), so the step the title talks about is in the deck's one accent (in its
    direction's colour, a fall took the vermillion beside a crimson accent on every other
    chart: review) and a loss still reads as one (grey like the rises, the sample's -$0.4B
    and -$1.0B slivers could not be told from gains: design review); the totals keep
    theirs, and each step its sign in its label."""
    total, up, down = palette(job)
    accent = legible(job, job.theme.theme.colors.highlight, 3.0)
    highlighted = set(job.spec.highlight)
    rest = legible(job, job.theme.theme.colors.neutral, 3.0) if highlighted else None
    if rest is not None:
        up, down = rest, _falls(job, rest, accent, down)
    if rest is not None and apart(total, rest) < DISTINGUISHABLE:
        # Totals in the neutral (a primary too close in hue to a step colour) would be the
        # grey of the steps the highlight leaves out, and no longer read as totals (dark
        # theme, found by fuzzing): a lighter grey towards the text colour instead.
        total = legible(job, mix(total, job.theme.theme.colors.text, 0.45), 3.0)
    out = []
    for bar in bars:
        if bar.role != "step":
            out.append(total)
        elif bar.name in highlighted:
            out.append(accent)
        else:
            out.append(up if bar.after >= bar.before else down)
    return out


def _falls(job: ChartJob, grey: str, accent: str, fall: str) -> str:
    """The colour of the falls a highlight leaves out, beside rises in ``grey``: the fall's
    direction colour ``fall`` (3:1 on the background), unless it would pass for the
    ``accent`` or some reader sees it as the grey (the corporate-template theme's pink beside
    its grey), then the first of the theme's direction set that is neither
    (:func:`~deckgen.theming.colour.direction_pair`, in the direction that is good news
    where ``better: lower``)."""
    if not like_accent(fall, accent) and seen_apart(fall, grey) >= DISTINGUISHABLE:
        return fall
    background = job.theme.theme.colors.background
    if job.spec.falls_are_good():
        return direction_pair(accent, background, decrease=grey)[0]
    return direction_pair(accent, background, increase=grey)[1]


# --------------------------------------------------------------------------- fitting
@dataclass(frozen=True)
class _Layout:
    #: Columns left to right (True) or bars top to bottom (False).
    across: bool
    #: Width in points a name may take before it wraps.
    room: float


class Shown(NamedTuple):
    """A waterfall as one picture shows it (:meth:`Waterfall.shown`)."""

    bars: list[Bar]
    layout: _Layout
    write: Callable[..., str]


#: The shortest a card draws its largest step, in label sizes (:meth:`Waterfall.card_unseen`):
#: about a letter's width, what a reader sees as a bar beside its label on a phone.
SEEN = 0.5

#: Shares of the width names may take left of horizontal bars, narrowest first.
_NAMES = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)


def _texts(job: ChartJob, bars: list[Bar], write: Callable[..., str]) -> list[str]:
    """The value label of each bar ('' without value labels)."""
    if not job.spec.value_labels:
        return [""] * len(bars)
    return [(signed if b.role == "step" else unsigned)(write, b.shown) for b in bars]


def _layout(job: ChartJob, bars: list[Bar], write: Callable[..., str]) -> _Layout | None:
    """How ``bars`` fit the canvas, measured in the chart font: as columns if every value
    is narrower than a column and every name wraps under its column whole (at its spaces,
    after a hyphen or slash: :func:`wrap_label`, as a bar chart's names wrap); else as rows
    if the names, wrapped to some share of the width, are no taller than a row and leave
    the bars 15% of the width; else ``None``. 'South/Central America' at the contrast
    theme's 16 pt, its first word wider than a column, turned the sample's waterfall to
    rows there and nowhere else (found by design review)."""
    width, height = job.canvas.width.pt, job.canvas.height.pt
    size = label_size(job)
    highlighted = set(job.spec.highlight)
    texts = _texts(job, bars, write)
    bold = [b.name in highlighted for b in bars]
    room = 0.95 * (0.95 * width / len(bars))  # a column's slot, less air between names
    values = max(text_width_pt(job, t, bold=h) for t, h in zip(texts, bold, strict=True))
    if values <= room:
        with shortening() as cut:  # a trial: a name cut here is no name the picture draws
            for bar, heavy in zip(bars, bold, strict=True):
                wrap_label(job, _written(job, bar.name), room, bold=heavy)
        if not cut:
            return _Layout(True, room)
    row = 0.95 * height / len(bars)
    for share in _NAMES:
        names = [wrap_label(job, _written(job, b.name), width * share) for b in bars]
        lines = max(len(name.splitlines()) for name in names)
        widest = max(text_width_pt(job, n, bold=h) for n, h in zip(names, bold, strict=True))
        # A line of text is about 1.15 sizes tall, and matplotlib spaces lines 1.2 apart;
        # the bars keep 15% of the width beside the names, the tick padding (0.6 of a
        # size), the values half a size from their bars, and the figure's margins.
        tall = size * (1.15 + 1.2 * (lines - 1))
        bars_pt = width - widest - 0.6 * size - values - BESIDE * size - 6
        if tall <= row and bars_pt >= 0.15 * width:
            return _Layout(False, width * share)
    return None


def _merge_smallest(
    bars: list[Bar], highlighted: set[str], order: Sequence[str] = (), word: str = "Other"
) -> list[Bar] | None:
    """``bars`` with one bar fewer: the smallest step that is not highlighted folded into
    its run's ``Other`` step (a run: the steps between two totals), or, in a run without
    one yet, merged with the run's next smallest into a new ``Other``, which goes last in
    the run. ``None`` if no run has two such steps to merge. Running totals inside the run
    are recomputed; the totals around it keep their values. Merged names keep their
    ``order`` (the data's)."""
    runs: list[list[int]] = [[]]
    for i, bar in enumerate(bars):
        if bar.role == "step":
            runs[-1].append(i)
        elif runs[-1]:
            runs.append([])
    candidates = []
    for run in runs:
        loose = [i for i in run if not bars[i].merged and bars[i].name not in highlighted]
        other = [i for i in run if bars[i].merged]
        if len(loose) + len(other) >= 2 and loose:
            candidates += [(abs(bars[i].step), i, run) for i in loose]
    if not candidates:
        return None
    _, first, run = min(candidates)
    steps = [bars[i] for i in run]
    others = [b for b in steps if b.merged]
    pairable = [b for b in steps if b is not bars[first] and b.name not in highlighted]
    partner = others or [min(pairable, key=lambda b: abs(b.step))]
    parts = [*partner, bars[first]]
    rank = {name: i for i, name in enumerate(order)}
    names = tuple(sorted((n for b in parts for n in (b.merged or (b.name,))),
                         key=lambda n: rank.get(n, len(rank))))  # fmt: skip
    kept = [b for b in steps if all(b is not p for p in parts)]
    level = _decimal(bars[run[0]].before)
    changes: list[tuple[str, Decimal, tuple[str, ...]]]
    changes = [(b.name, _decimal(b.step), ()) for b in kept]
    changes.append((f"{word} ({len(names)})", sum((_decimal(b.step) for b in parts),
                                                  Decimal(0)), names))  # fmt: skip
    restacked = []
    for name, change, merged in changes:
        restacked.append(Bar(name, "step", float(level), float(level + change), merged=merged))
        level += change
    return [*bars[: run[0]], *restacked, *bars[run[-1] + 1 :]]  # fmt: skip


# --------------------------------------------------------------------------- picture
def draw_waterfall(fig: Figure, ax: Axes, job: ChartJob, shown: Shown) -> None:
    """Bars from the running total in the step colours, totals from zero, thin connectors
    between bar ends, a signed value at each bar's end, names that wrap.

    Columns left to right where every value fits its column and every name wraps whole
    under it (at spaces, after a hyphen or slash); otherwise (a narrow card) bars top to
    bottom, names on the left (:meth:`Waterfall.shown` decides, and merges the smallest
    steps where even that does not fit).
    """
    bars, layout, write = shown
    across = layout.across
    colors = job.theme.theme.colors
    width = job.theme.theme.chart.bar_width
    size = label_size(job)
    highlighted = set(job.spec.highlight)
    n = len(bars)
    rects = []
    for i, (bar, fill) in enumerate(zip(bars, fills(job, bars), strict=True)):
        if across:
            drawn = ax.bar(i, bar.hi - bar.lo, bottom=bar.lo, width=width, color=fill, zorder=2)
        else:
            drawn = ax.barh(i, bar.hi - bar.lo, left=bar.lo, height=width, color=fill, zorder=2)
        rects.append(drawn.patches[0])
    # Connectors: from one bar's end, level with the running total, to the next bar.
    line = 0.8 * job.canvas.scale
    for i, bar in enumerate(bars[:-1]):
        ends = [i + width / 2, i + 1 - width / 2]
        level = [bar.after, bar.after]
        ax.plot(*((ends, level) if across else (level, ends)), color=colors.muted,
                linewidth=line, solid_capstyle="butt", zorder=1)  # fmt: skip
    (ax.axhline if across else ax.axvline)(0, color=colors.muted, linewidth=1, zorder=3)
    if across:
        ax.set_xlim(-0.5, n - 0.5)
    else:
        ax.set_ylim(n - 0.5, -0.5)  # the start on top: the story reads down
    names = [wrap_label(job, _written(job, b.name), layout.room) for b in bars]
    (ax.set_xticks if across else ax.set_yticks)(range(n), names)
    for tick, bar in zip(ax.get_xticklabels() if across else ax.get_yticklabels(), bars,
                         strict=True):  # fmt: skip
        if bar.name in highlighted:
            tick.set_fontweight("bold")

    lo = min([0.0, *(b.lo for b in bars)])
    hi = max([0.0, *(b.hi for b in bars)])
    span = (hi - lo) or 1.0
    (ax.set_ylim if across else ax.set_xlim)(lo, hi + 0.04 * span)
    labels_on = job.spec.value_labels
    if across:
        value_axis(ax, job, show=not labels_on)
    else:
        clean_axes(ax, value_axis="x", show_values=not labels_on)
        if not labels_on:
            gridlines(ax, job, "x")
            ax.xaxis.set_major_formatter(tick_formatter(job))
    if not labels_on:
        settle(fig)
        _visible_steps(ax, bars, rects, across)
        return
    settle(fig)
    texts = _texts(job, bars, write)
    gap = GAP if across else BESIDE * size
    if across:
        need = [text_height_pt(fig, job) + gap + 2] * n
    else:
        need = [text_width_pt(job, t, bold=b.name in highlighted) + gap + 2
                for b, t in zip(bars, texts, strict=True)]  # fmt: skip
    _room_for_labels(ax, bars, need, across)
    spans = _visible_steps(ax, bars, rects, across)
    for i, (bar, text, (lo, hi)) in enumerate(zip(bars, texts, spans, strict=True)):
        bold = bar.name in highlighted
        out = -gap if bar.below else gap
        end = lo if bar.below else hi
        placing = (
            {"xy": (i, end), "xytext": (0, out), "ha": "center",
             "va": "top" if bar.below else "bottom"}
            if across else
            {"xy": (end, i), "xytext": (out, 0), "ha": "right" if bar.below else "left",
             "va": "center"}
        )  # fmt: skip
        # Out of the layout: the limits already leave each label its room inside the axes,
        # and a label in the layout would shrink the axes it was measured against.
        label = ax.annotate(
            text, textcoords="offset points", fontsize=size, color=colors.text,
            fontweight="bold" if bold else "normal", in_layout=False, **placing,
        )  # fmt: skip
        mark(label, 10 if bold else 15 if bar.role != "step" else 20)


#: The shortest a step is drawn, in points (four pixels on a projected slide): a step
#: shorter at the chart's scale (+$0.7B beside totals of $143B) was a hairline its label
#: floated over (found in review), and at two points a fall's colour did not read on it
#: (design review). It is drawn this long, centred on its span so the connectors from the
#: bars beside it still meet it, and labelled with its exact value.
MIN_STEP_PT = 3.0


def _visible_steps(ax: Axes, bars: list[Bar], rects: list[Any], across: bool
                   ) -> list[tuple[float, float]]:  # fmt: skip
    """Each bar's span as drawn (low, high, in data units), the steps shorter than
    :data:`MIN_STEP_PT` on the final limits drawn that long (``rects``: the bars' patches).
    A step of nothing stays unseen: no change draws no mark."""
    x0, y0, x1, y1 = axes_points(ax)
    length = max((y1 - y0) if across else (x1 - x0), 1.0)
    low, high = ax.get_ylim() if across else ax.get_xlim()
    least = MIN_STEP_PT / length * (high - low)
    spans = []
    for bar, rect in zip(bars, rects, strict=True):
        lo, hi = bar.lo, bar.hi
        if bar.role == "step" and 0 < hi - lo < least:
            middle = (lo + hi) / 2
            lo, hi = middle - least / 2, middle + least / 2
            if across:
                rect.set_y(lo)
                rect.set_height(hi - lo)
            else:
                rect.set_x(lo)
                rect.set_width(hi - lo)
        spans.append((lo, hi))
    return spans


def _room_for_labels(ax: Axes, bars: list[Bar], need_pt: list[float], across: bool) -> None:
    """Widen the value limits so each bar's label (``need_pt`` along the value axis) fits
    beyond its end: past the upper end of bars that stand on zero or rise above it, past
    the lower end of bars under it."""
    x0, y0, x1, y1 = axes_points(ax)
    length = max((y1 - y0) if across else (x1 - x0), 1.0)
    get, put = (ax.get_ylim, ax.set_ylim) if across else (ax.get_xlim, ax.set_xlim)
    lo, hi = get()
    shares = [min(need / length, 0.75) for need in need_pt]
    # Each label's extent is a share of the axis, so widening one end shrinks it in data
    # units at the other: a few rounds settle both ends.
    for _ in range(3):
        lo, hi = (
            min([lo, *(hi - (hi - b.lo) / (1 - s) for b, s in zip(bars, shares, strict=True)
                       if b.below)]),
            max([hi, *(lo + (b.hi - lo) / (1 - s) for b, s in zip(bars, shares, strict=True)
                       if not b.below)]),
        )  # fmt: skip
    put(lo, hi)


# --------------------------------------------------------------------------- native form
def native_series(bars: list[Bar]) -> list[tuple[str, list[float | None]]]:
    """The stacked columns that draw ``bars``: an invisible ``Base`` lifting each step to
    its running total, then the visible ``Increase``, ``Decrease`` and ``Total`` bars.

    Stacked columns stack up from zero and down from zero separately, so a step under zero
    has a negative base and a negative height; a step that crosses zero is split at zero,
    its part under zero in ``Increase below zero`` / ``Decrease below zero`` (added only
    when a step crosses zero). Empty cells (``None``) draw nothing and carry no label.
    """
    n = len(bars)
    out: dict[str, list[float | None]] = {
        name: [None] * n for name in ("Base", "Increase", "Decrease", "Total")
    }
    for i, bar in enumerate(bars):
        if bar.role != "step":
            out["Total"][i] = bar.after
            continue
        name = "Increase" if bar.after >= bar.before else "Decrease"
        if bar.lo >= 0:  # on or above zero: lifted by the base
            out["Base"][i] = bar.lo or None
            out[name][i] = _difference(bar.hi, bar.lo)
        elif bar.hi <= 0:  # under zero: both stack downwards
            out["Base"][i] = bar.hi or None
            out[name][i] = _difference(bar.lo, bar.hi)
        else:  # across zero
            out[name][i] = bar.hi
            out.setdefault(f"{name} below zero", [None] * n)[i] = bar.lo
    return list(out.items())


def native_formulas(bars: list[Bar], series: list[tuple[str, list[float | None]]]
                    ) -> dict[str, list[str | None]]:  # fmt: skip
    """The embedded sheet's formulas for the series :func:`native_series` computes, by
    name: each step's invisible ``Base`` and each ``Total`` bar (not a start) from the
    running total, a running sum over the step cells, so an "Edit Data" change to a step
    moves every bar after it and the totals (``None``: a cell that stays a value).

    The running total after each bar is written from its own row: a start or total is its
    ``Total`` cell; a step above zero ends at its base plus an increase (or at its base, a
    decrease hanging from the total before); under zero the cells are negative and the
    other way round. A step across zero is split into two cells that are not the step, so
    the total after it is the one before plus the step (its own bar keeps its place)."""
    from deckgen.ooxml import workbook as wb

    column = {name: k for k, (name, _) in enumerate(series)}

    def at(name: str, i: int) -> str:
        return wb.cell(column[name], i)

    def plus(before: str | None, term: str) -> str:
        return f"{before}{term}" if before is not None else term.removeprefix("+")

    base: list[str | None] = [None] * len(bars)
    total: list[str | None] = [None] * len(bars)
    after: str | None = None  # the running total so far as a formula (None: zero)
    for i, bar in enumerate(bars):
        if bar.role != "step":
            if bar.role == "total":
                total[i] = after
            after = at("Total", i)
            continue
        rises = bar.after >= bar.before
        cell = at("Increase" if rises else "Decrease", i)
        if bar.lo >= 0:  # Base up to the bar's bottom; the cell holds the step's size
            base[i] = after if rises else plus(after, f"-{cell}")
            after = plus(at("Base", i) if base[i] else None, f"+{cell}") if rises else at("Base", i)
        elif bar.hi <= 0:  # Base down to the bar's top; the cell is negative
            base[i] = plus(after, f"-{cell}") if rises else after
            after = at("Base", i) if rises else plus(at("Base", i) if base[i] else None, f"+{cell}")
        else:  # across zero: the step is the part above less the part below
            top, bottom = cell, at(f"{'Increase' if rises else 'Decrease'} below zero", i)
            after = plus(after, f"+{top}-{bottom}" if rises else f"+{bottom}-{top}")
    return {"Base": base, "Total": total}


def _written(job: ChartJob, name: str) -> str:
    """A bar's name as the chart writes it: a date as its period reads ('Jan 2023', not
    '2023-01-01'); the bars the chart adds, and other names, as written."""
    if job.data.x_dates is None:
        return name
    return dict(zip(job.data.categories, category_labels(job), strict=True)).get(name, name)


def sheet_name(name: str, words: ChartWords) -> str:
    """The name a series of :func:`native_series` has in the embedded sheet, in the deck's
    words: 'Abnahme unter null' for ``Decrease below zero`` in a German deck, whose sheet
    said 'Increase', 'Decrease' and 'Total' beside 'Quelle:' (found in review)."""
    kind, _, below = name.partition(" ")
    said = {"Base": words.base, "Increase": words.increase, "Decrease": words.decrease,
            "Total": words.total}[kind]  # fmt: skip
    return f"{said} {words.below_zero}" if below else said


def _rounded(place: tuple[float, int], value: float) -> float:
    """``value`` rounded where the chart's labels round it (``place``: :meth:`Waterfall._place`),
    as the formatter does."""
    scale, decimals = place
    return float(_decimal(float(round_half_up(value / scale, decimals)) * scale))


def build_native_waterfall(
    chart: Chart, job: ChartJob, geo: Geometry, bars: list[Bar], fmt: NumberFormat,
    write: Callable[..., str],
) -> None:  # fmt: skip
    """The picture as an editable stacked column chart: the base series invisible (no fill,
    no line), increases, decreases and totals in the picture's colours, a label at each
    visible bar's end, no legend, no connectors (PowerPoint's series lines join segment
    tops, not running totals)."""
    from pptx.enum.chart import XL_LABEL_POSITION
    from pptx.util import Pt

    from deckgen.kinds.charts import _native as nv
    from deckgen.ooxml import chartxml as cx
    from deckgen.ooxml import workbook as wb
    from deckgen.outline.formats import excel_format, numerals

    colors = job.theme.theme.colors
    total, up, down = palette(job)
    series = native_series(bars)
    code = excel_format(fmt, [v for b in bars for v in (b.before, b.after)])
    body = code.split(";")[0]
    codes = {"Total": f"{body};\\{MINUS}{body};0", "Increase": f"\\+{body};\\+{body};0",
             "Decrease": f"\\{MINUS}{body};\\{MINUS}{body};0"}  # fmt: skip
    # The embedded data is the chart's own: base and step values, not the rows as read (a
    # computed end bar is a category the data does not have); the base and the totals are
    # running sums of the steps (formulas, values cached), so "Edit Data" keeps them true.
    data = wb.category_data(code)
    data.categories = [_written(job, b.name) for b in bars]
    formulas = native_formulas(bars, series)
    for name, values in series:
        cells = wb.Derived(values, formulas[name]) if name in formulas else values
        data.add_series(sheet_name(name, job.words), cells)
    chart.replace_data(data)

    plot = chart.plots[0]
    plot.gap_width = nv.gap_width(job)
    plot.overlap = 100
    plot.vary_by_categories = False
    kinds = {"Increase": up, "Decrease": down, "Total": total}
    colours = fills(job, bars)  # a bar in another colour than its series (see fills)
    highlighted = set(job.spec.highlight)
    labels_on = job.spec.value_labels
    lo = min([0.0, *(b.lo for b in bars)])
    hi = max([0.0, *(b.hi for b in bars)])
    span = (hi - lo) or 1.0
    pad = 0.12 if labels_on else 0.04
    bottom, top = lo - (pad * span if lo < 0 else 0.0), hi + pad * span
    per_unit, least = geo.height_pt / (top - bottom), MIN_STEP_PT  # points per unit, at most
    # Labels sit at the bar's end (inside), moved one line out beyond it.
    step_out = (nv.text_h(job) + GAP) / geo.height_pt
    for k, (name, values) in enumerate(series):
        ser = plot.series[k]
        ser.invert_if_negative = False
        if name == "Base":
            ser.format.fill.background()
            ser.format.line.fill.background()
            continue
        kind = name.split()[0]
        nv.fill(ser.format, kinds[kind])
        ser.format.line.fill.background()
        for i, value in enumerate(values):
            if value is not None and colours[i] != kinds[kind]:
                nv.fill(ser.points[i].format, colours[i])
            short = least - abs(value or 0.0) * per_unit
            if value and bars[i].role == "step" and short > 0:
                # A sliver (see MIN_STEP_PT): its value is data, so an outline in its own
                # colour draws it about that long (the plot is a little shorter than the frame).
                line = ser.points[i].format.line
                nv.fill(line, colours[i])
                line.width = Pt(short)
        if not labels_on or name.endswith("below zero"):
            continue
        for i, value in enumerate(values):
            if value is None:
                continue
            bar = bars[i]
            label = nv.point_label(ser, i, job, colors.text, bold=bar.name in highlighted,
                                   position=XL_LABEL_POSITION.INSIDE_END)  # fmt: skip
            cx.label_number_format(label._dLbl, codes[kind])
            if bar.role == "step" and bar.lo < 0 < bar.hi:
                # Split at zero: this part's value is not the step, so the label says it,
                # in the deck's number marks as the picture writes it ('−48,5' in de_DE).
                # Typed text has its own run properties (the label's font is not read),
                # so the run gets the font, bold where highlighted, as the other labels.
                with numerals(job.marks):
                    label.text_frame.text = signed(write, bar.shown)
                label.text_frame.word_wrap = False  # the typed text replaced the label's own
                for run in label.text_frame.paragraphs[0].runs:
                    nv.font(run.font, job, colors.text, bold=bar.name in highlighted)
            cx.label_offset(label._dLbl, 0.0, step_out if bar.below else -step_out)
    nv.value_axis(chart, job, bottom, top, show=not labels_on, editable=True)
    nv.category_axis(chart, job)


def _named(bar: str) -> str:
    """A start or end bar's name after its value in the alt text: ' in 2023' where it names
    a period, else ' (Opening cash)': 'starts at 10 in Start' was said of bars named so
    (fuzzing round 7, 10)."""
    from deckgen.tables.dates import period_readings

    # 'on 2023-03-01': a day takes 'on' ('in 2023-03-01' was read aloud, found in review).
    found = period_readings(bar)
    return (
        f" {'on' if found and set(found) <= {'day', 'time'} else 'in'} {bar}"
        if found
        else f" ({bar})"
    )
