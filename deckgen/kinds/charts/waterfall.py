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
"""

from __future__ import annotations

import colorsys
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from deckgen.errors import Location, Problem, did_you_mean, one_of
from deckgen.kinds.charts._bars import GAP, value_axis
from deckgen.kinds.charts._base import ChartKind
from deckgen.render.chartkit import (
    axes_points,
    label_size,
    legible,
    settle,
    slot_width_pt,
    text_height_pt,
    wrap_label,
)
from deckgen.render.labels import mark
from deckgen.tables.rounding import last_place, write_in

if TYPE_CHECKING:
    from collections.abc import Callable

    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from pptx.chart.chart import Chart

    from deckgen.kinds.charts._native import Geometry
    from deckgen.layout.geometry import Rect
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


class BarSpec(BaseModel):
    """A start or end bar: its name and, for a bar that is not a row of the data, its value.
    A bare name (``start: 2008``) is ``{label: 2008}``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

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
    label: ClassVar[str] = "Waterfall chart"
    single_series: ClassVar[bool] = True
    takes_reference: ClassVar[bool] = False
    takes_annotations: ClassVar[bool] = False

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
        scale, decimals = self._place(bars)
        for bar, (name, role, given, field) in zip(bars, rows, strict=True):
            # A total given in the data agrees if the chart prints it as the computed one.
            printed = round(given / scale, decimals) * scale if given is not None else None
            if role == "total" and printed is not None and printed != bar.shown_after:
                said, hint = (
                    ("'end.value' gives", "correct the start or the steps, or leave out "
                     "'value' to have the end computed")
                    if field == "end.value" else
                    ("the data gives", "correct the data, or write '-' in the total's cell "
                     "to have it computed")
                )  # fmt: skip
                issues.append(_Issue(
                    field,
                    f"{said} {name!r} as {self.format.format(given)}, but the bars before it "
                    f"add up to {self.format.format(bar.after)}",
                    hint,
                ))  # fmt: skip
        return bars, issues

    def _number(self, value: float | str | None) -> float | None:
        """A fixed bar's value in the chart's unit (after binding it is a number)."""
        return None if value is None or isinstance(value, str) else value * self.scale

    def _place(self, bars: list[Bar]) -> tuple[float, int]:
        """Every label in one unit and precision: those of the largest running total."""
        largest = max((abs(v) for b in bars for v in (b.before, b.after)), default=0.0)
        return last_place(self.format, largest)

    def writer(self, bars: list[Bar]) -> Callable[..., str]:
        """``write(value, words=False)``: a value as the chart prints it, every label in the
        unit of the largest running total ('0.5M' beside '2.0M', as they were rounded)."""
        scale, _ = self._place(bars)

        def write(value: float, *, words: bool = False) -> str:
            return write_in(self.format, value, scale, words=words)

        return write

    def _printed(self, bars: list[Bar]) -> list[Bar]:
        """The bars with what they print: each running total rounded on its own, each step
        the difference of the printed totals around it, so printed steps add up to every
        printed subtotal and to the end (``round`` rounds as the chart's formatter does)."""
        scale, decimals = self._place(bars)
        out, printed = [], 0.0
        for bar in bars:
            after = round(bar.after / scale, decimals) * scale
            shown = after - printed if bar.role == "step" else after
            if bar.role != "total":
                printed = after
            out.append(replace(bar, shown=shown, shown_after=after))
        return out

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
                    f"are {_some(categories)}", hint,
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
        problems += [Problem(at(i.field), i.message, i.hint) for i in self._walk(data)[1]]
        return problems

    # -- picture -------------------------------------------------------------------------
    def draw(self, fig: Figure, ax: Axes, job: ChartJob) -> None:
        bars = self.bars(job.data)
        draw_waterfall(fig, ax, job, bars, self.writer(bars))

    # -- alt text ------------------------------------------------------------------------
    def describe_data(self, job: ChartJob) -> str:
        """'Starts at X in <start>; <step> +A; <subtotal> at Y; ...; ends at Z in <end>',
        in the values the picture prints."""
        bars = self.bars(job.data)
        write = self.writer(bars)

        def say(value: float) -> str:
            return unsigned(write, value, words=True)

        head, *rest = bars
        if head.role == "start":
            parts = [f"Starts at {say(head.shown)} in {head.name}"]
        else:
            parts, rest = ["Starts at zero"], bars
        for bar in rest:
            if bar.role == "step":
                parts.append(f"{bar.name} {signed(write, bar.shown, words=True)}")
            elif bar is not bars[-1]:
                parts.append(f"{bar.name} at {say(bar.shown)}")
        last = bars[-1]
        parts.append(f"ends at {say(last.shown_after)}"
                     + (f" in {last.name}" if last.role == "total" else ""))  # fmt: skip
        return "; ".join(parts)

    # -- social cards ----------------------------------------------------------------------
    def card_categories(self, data: ChartData, box: Rect, label_px: int,
                        theme: LoadedTheme) -> int:  # fmt: skip
        # Every bar, always: a waterfall cut short would no longer add up to its end.
        return len(data.categories)

    def card_height(self, data: ChartData) -> int:
        return 620

    # -- native PowerPoint form ------------------------------------------------------------
    def native_type(self) -> object:
        from pptx.enum.chart import XL_CHART_TYPE

        return XL_CHART_TYPE.COLUMN_STACKED

    def build_native(self, chart: Chart, job: ChartJob, geo: Geometry) -> None:
        bars = self.bars(job.data)
        build_native_waterfall(chart, job, geo, bars, self.writer(bars))


def _decimal(value: float | None) -> Decimal:
    """A value as written, for exact sums; a missing value adds 0. Fifteen significant
    digits, as Excel keeps: a sum a template computed (107.39999999999999) is 107.4."""
    return Decimal(f"{value:.15g}") if value is not None else Decimal(0)


def _difference(a: float, b: float) -> float:
    """``a - b`` in the numbers as written: 134.4 - 107.4 is 27.0."""
    return float(_decimal(a) - _decimal(b))


def _some(names: list[str]) -> str:
    return one_of(names[:12]) + (f" and {len(names) - 12} more" if len(names) > 12 else "")


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
#: Hues the steps are picked near: a bluish green for increases, vermillion for decreases.
_UP_HUE, _DOWN_HUE = 150.0, 20.0
#: A colour this far (degrees) or nearer in hue to a step colour is too alike to tell apart.
_TOO_CLOSE = 30.0


def _hue_sat(color: str) -> tuple[float, float]:
    from matplotlib.colors import to_rgb

    hue, sat, _ = colorsys.rgb_to_hsv(*to_rgb(color))
    return hue * 360, sat


def _hue_gap(a: float, b: float) -> float:
    gap = abs(a - b) % 360
    return min(gap, 360 - gap)


def palette(job: ChartJob) -> tuple[str, str, str]:
    """(totals, increases, decreases), from the theme.

    Increases and decreases are the theme's categorical colours nearest a green and a
    vermillion (the colour-blind-safe pair of the Okabe-Ito set the shipped themes use),
    darkened or lightened towards the text colour until they reach 3:1 against the
    background. Totals are in the primary colour, or in the neutral (also brought to 3:1)
    where the primary is a hue too close to a step colour to tell apart.
    """
    colors = job.theme.theme.colors
    saturated = [c for c in colors.categorical if _hue_sat(c)[1] >= 0.35]
    if len(saturated) < 2:
        picks = (colors.neutral, colors.primary, colors.highlight)
        return legible(job, picks[0], 3.0), legible(job, picks[1], 3.0), legible(job, picks[2], 3.0)

    def nearest(hue: float, among: list[str]) -> str:
        return min(among, key=lambda c: _hue_gap(_hue_sat(c)[0], hue))

    up = nearest(_UP_HUE, saturated)
    down = nearest(_DOWN_HUE, [c for c in saturated if c != up])
    hue, sat = _hue_sat(colors.primary)
    alike = sat >= 0.35 and any(_hue_gap(hue, _hue_sat(c)[0]) < _TOO_CLOSE for c in (up, down))
    total = colors.neutral if alike else colors.primary
    return legible(job, total, 3.0), legible(job, up, 3.0), legible(job, down, 3.0)


def _fill(bar: Bar, colours: tuple[str, str, str]) -> str:
    total, up, down = colours
    if bar.role != "step":
        return total
    return up if bar.after >= bar.before else down


# --------------------------------------------------------------------------- picture
def draw_waterfall(
    fig: Figure, ax: Axes, job: ChartJob, bars: list[Bar], write: Callable[..., str]
) -> None:
    """Bars from the running total in the step colours, totals from zero, thin connectors
    between bar ends, a signed value at each bar's end, category names that wrap."""
    colors = job.theme.theme.colors
    colours = palette(job)
    width = job.theme.theme.chart.bar_width
    size = label_size(job)
    highlighted = set(job.spec.highlight)
    n = len(bars)
    for i, bar in enumerate(bars):
        ax.bar(i, bar.hi - bar.lo, bottom=bar.lo, width=width, color=_fill(bar, colours),
               zorder=2)  # fmt: skip
    # Connectors: from one bar's end, level with the running total, to the next bar.
    line = 0.8 * job.canvas.scale
    for i, bar in enumerate(bars[:-1]):
        ax.plot([i + width / 2, i + 1 - width / 2], [bar.after, bar.after],
                color=colors.muted, linewidth=line, solid_capstyle="butt", zorder=1)  # fmt: skip
    ax.axhline(0, color=colors.muted, linewidth=1, zorder=3)
    ax.set_xlim(-0.5, n - 0.5)
    slot = slot_width_pt(ax, job, n, False)
    ax.set_xticks(range(n), [wrap_label(job, b.name, slot * 0.95) for b in bars])
    for tick, bar in zip(ax.get_xticklabels(), bars, strict=True):
        if bar.name in highlighted:
            tick.set_fontweight("bold")

    lo = min([0.0, *(b.lo for b in bars)])
    hi = max([0.0, *(b.hi for b in bars)])
    span = (hi - lo) or 1.0
    ax.set_ylim(lo, hi + 0.04 * span)
    labels_on = job.spec.value_labels
    value_axis(ax, job, show=not labels_on)
    if not labels_on:
        return
    settle(fig)
    _room_for_labels(ax, bars, text_height_pt(fig, job) + GAP + 2)
    for i, bar in enumerate(bars):
        bold = bar.name in highlighted
        text = (signed if bar.role == "step" else unsigned)(write, bar.shown)
        label = ax.annotate(
            text, (i, bar.lo if bar.below else bar.hi), xytext=(0, -GAP if bar.below else GAP),
            textcoords="offset points", ha="center", va="top" if bar.below else "bottom",
            fontsize=size, color=colors.text, fontweight="bold" if bold else "normal",
        )  # fmt: skip
        mark(label, 10 if bold else 15 if bar.role != "step" else 20)


def _room_for_labels(ax: Axes, bars: list[Bar], need_pt: float) -> None:
    """Widen the value limits so a label of ``need_pt`` fits beyond every bar's end:
    above bars that stand on zero or rise above it, below bars under it."""
    _, y0, _, y1 = axes_points(ax)
    lo, hi = ax.get_ylim()
    share = min(need_pt / max(y1 - y0, 1.0), 0.4)
    tops = [b.hi for b in bars if not b.below] or [hi]
    bottoms = [b.lo for b in bars if b.below]
    # Solve for limits where each label's extent (share of the axis) stays inside.
    new_hi = max(hi, *((t - share * lo) / (1 - share) for t in tops))
    new_lo = lo
    if bottoms:
        new_lo = min(lo, *((b - share * new_hi) / (1 - share) for b in bottoms))
    ax.set_ylim(new_lo, new_hi)


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


def build_native_waterfall(
    chart: Chart, job: ChartJob, geo: Geometry, bars: list[Bar], write: Callable[..., str]
) -> None:
    """The picture as an editable stacked column chart: the base series invisible (no fill,
    no line), increases, decreases and totals in the picture's colours, a label at each
    visible bar's end, no legend, no connectors (PowerPoint's series lines join segment
    tops, not running totals)."""
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_LABEL_POSITION

    from deckgen.kinds.charts import _native as nv
    from deckgen.ooxml import chartxml as cx
    from deckgen.outline.formats import excel_format

    colors = job.theme.theme.colors
    total, up, down = palette(job)
    series = native_series(bars)
    biggest = max((abs(v) for b in bars for v in (b.before, b.after)), default=0.0)
    code = excel_format(job.spec.format, biggest)
    body = code.split(";")[0]
    codes = {"Total": f"{body};\\{MINUS}{body};0", "Increase": f"\\+{body};\\+{body};0",
             "Decrease": f"\\{MINUS}{body};\\{MINUS}{body};0"}  # fmt: skip
    # The embedded data is the chart's own: base and step values, not the rows as read (a
    # computed end bar is a category the data does not have).
    data = CategoryChartData(number_format=code)
    data.categories = [b.name for b in bars]
    for name, values in series:
        data.add_series(name, values)
    chart.replace_data(data)

    plot = chart.plots[0]
    plot.gap_width = nv.gap_width(job)
    plot.overlap = 100
    plot.vary_by_categories = False
    fills = {"Increase": up, "Decrease": down, "Total": total}
    highlighted = set(job.spec.highlight)
    labels_on = job.spec.value_labels
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
        nv.fill(ser.format, fills[kind])
        ser.format.line.fill.background()
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
                # Split at zero: this part's value is not the step, so the label says it.
                label.text_frame.text = signed(write, bar.shown)
                nv.font(label.font, job, colors.text, bold=bar.name in highlighted)
            cx.label_offset(label._dLbl, 0.0, step_out if bar.below else -step_out)
    lo = min([0.0, *(b.lo for b in bars)])
    hi = max([0.0, *(b.hi for b in bars)])
    span = (hi - lo) or 1.0
    pad = 0.12 if labels_on else 0.04
    nv.value_axis(chart, job, lo - (pad * span if lo < 0 else 0.0), hi + pad * span,
                  show=not labels_on)  # fmt: skip
    nv.category_axis(chart, job)
