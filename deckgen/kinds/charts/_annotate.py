"""Computed annotations, as think-cell draws them: a ``difference:`` or a ``cagr:`` between
two bars or two points, computed from the data and drawn as a bracket from one to the other.

Each names its two ends with ``from:``/``to:``: two categories (or dates) of one series, or,
with ``at:``, two series of one category (the 2004 and 2023 bars of China on a grouped bar).
The value is computed after binding, from the rows the chart shows:

* a difference is ``to - from`` in the chart's number format (``+24.9M``), or as a
  percentage of ``from`` (``+476%``), or both;
* a CAGR is ``(to / from) ** (1 / years) - 1``, the years counted from the dates (months
  apart / 12, or days / 365.25 for daily data), from years the two names spell (``2004``,
  ``FY2023``), or given as ``periods:``; over a year or more only (under a year the
  change itself is stated: a ``difference`` with ``show: percent``).

The bracket rises from just above each end's mark (and its value label) to one level clear
of every bar, line and label between them, with the value on top; the value axis grows to
make room. Its text is a marked label, so the collision pass sees it. Kinds opt in with
``ChartKind.computes`` and draw the brackets from their ``draw`` with :func:`draw_computed`,
giving where each bar or point ends.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING, Any, Literal

from pydantic import ConfigDict, Field, field_validator, model_validator

from deckgen.outline.schema import _Model

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.transforms import Bbox

    from deckgen.errors import Location, Problem
    from deckgen.kinds.charts._base import ChartKind
    from deckgen.render.charts import ChartJob
    from deckgen.tables.select import ChartData

#: Where a mark ends, in data coordinates: ``anchor(series, category) -> (x, y)``.
Anchor = Callable[[int, int], tuple[float, float]]


class _Span(_Model):
    """Two ends of one comparison: categories (or dates) of one series, or with ``at:``
    two series of one category."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)

    start: str = Field(alias="from", description="The category, date (or with `at:`, series) "
                       "the comparison starts from.")  # fmt: skip
    to: str = Field(description="The category, date (or with `at:`, series) it ends at.")
    series: str | None = Field(
        None, description="The series both ends are on (needed when the chart has several)."
    )
    at: str | None = Field(
        None, description="Compare two series of this one category (from/to name series)."
    )

    @field_validator("start", "to", "series", "at", mode="before")
    @classmethod
    def _as_text(cls, value: Any) -> Any:
        # YAML reads `from: 2004` as a number and `from: 2009-06-01` as a date; categories,
        # dates and series are matched by their text.
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, bool):
            return value
        if isinstance(value, int):
            return str(value)
        return f"{value:g}" if isinstance(value, float) else value

    @model_validator(mode="after")
    def _two_ends(self) -> _Span:
        # A bracket from China to China is drawn as "held at 30.2 million": no comparison.
        if self.start == self.to:
            what = "series" if self.at is not None else "category or date"
            raise ValueError(f"from and to both name {self.to!r}; name two of the chart's "
                             f"{what} values to compare")  # fmt: skip
        return self


class Difference(_Span):
    """The difference from one bar or point to another: ``to - from``."""

    show: Literal["value", "percent", "both"] = Field(
        "value",
        description="The difference in the chart's format (+24.9M), as a percentage of "
        "`from` (+476%), or both.",
    )


class Cagr(_Span):
    """The compound annual growth rate from one bar or point to another."""

    periods: float | None = Field(
        None,
        gt=0,
        description="Years between from and to, where their names do not say (dates and "
        "years like 2008 or FY2023 do).",
    )


def as_list(value: Any) -> Any:
    """One mapping or a list of them (``difference: {...}`` or ``difference: [...]``)."""
    return [value] if isinstance(value, dict) else value


# --------------------------------------------------------------------------- resolution
@dataclass(frozen=True)
class Resolved:
    """One computed annotation against the chart's data: its ends as (series, category)
    indexes, their values, the computed numbers and what they read as."""

    field: str
    ends: tuple[tuple[int, int], tuple[int, int]]
    values: tuple[float, float]
    names: tuple[str, str]
    subject: str
    difference: float | None = None
    percent: float | None = None
    cagr: float | None = None
    years: float | None = None
    show: str = "value"


def _years_in(name: str) -> int | None:
    """The one four-digit year a name spells ('2004', 'FY2023'), if it spells one."""
    found = re.findall(r"(?<!\d)(1[89]\d\d|2\d\d\d)(?!\d)", name)
    return int(found[0]) if len(found) == 1 else None


def _years_named(a: str, b: str) -> float | None:
    """The years from the period ``a`` names to the one ``b`` names, both written one way
    (:func:`~deckgen.tables.dates.period_readings`: '2022 Q3' to '2023 Q2' is 0.75, where
    the years they spell made it 1; found by fuzzing); else from the one year each spells
    ('2004', 'Sales 2023'), or ``None``."""
    from typing import get_args

    from deckgen.tables.dates import Writing, period_readings

    first, last = period_readings(a), period_readings(b)
    # In the order time_order reads them: '2011-12' is a month and a split year.
    for writing in (w for w in get_args(Writing) if w in first and w in last):
        start, end = first[writing], last[writing]
        if writing in ("day", "week", "time"):
            return (end - start).days / 365.25
        return ((end.year - start.year) * 12 + (end.month - start.month)) / 12
    ya, yb = _years_in(a), _years_in(b)
    return None if ya is None or yb is None else float(yb - ya)


def _years_between(a: dt.date, b: dt.date) -> float:
    """Exact years from ``a`` to ``b``: whole months / 12 for periods, days for days."""
    from deckgen.tables.dates import precision_of

    if precision_of(a) == "day" or precision_of(b) == "day":
        return (b - a).days / 365.25
    return ((b.year - a.year) * 12 + (b.month - a.month)) / 12


#: The shortest span a CAGR is given over: a year (365 days of daily data count as one,
#: as 2025-01-01 to 2026-01-01 is 365 / 365.25 years).
_A_YEAR = 365 / 365.25


def _span(years: float) -> str:
    """A span under a year in words: '11 months', '200 days', '0.5 years'."""
    months = years * 12
    if math.isclose(months, round(months), abs_tol=1e-9) and months >= 1:
        return f"{round(months)} month{'s' * (round(months) != 1)}"
    days = years * 365.25
    if math.isclose(days, round(days), abs_tol=1e-6):
        return f"{round(days)} day{'s' * (round(days) != 1)}"
    return f"{years:g} years"


def _under_a_year(
    at: Callable[[str, str, str], Problem], field: str, note: Cagr, names: tuple[str, str],
    values: tuple[float, float], years: float,
) -> Problem:  # fmt: skip
    """The problem of a CAGR over less than a year: annualised, 11 months of +16.7% read
    'CAGR +18%', a rate no one saw (found in review). A data journalist states the change
    itself: the fix is the ``difference`` that writes it, with the same ends."""
    a, b = values
    grew = (b - a) / a * 100
    given = " ('periods:')" if note.periods is not None else ""
    ends = f"from: {_flow(note.start)}, to: {_flow(note.to)}"
    ends += f", series: {_flow(note.series)}" if note.series is not None else ""
    ends += f", at: {_flow(note.at)}" if note.at is not None else ""
    return at(
        field,
        f"a compound annual growth rate is a rate a year, and {names[0]!r} to {names[1]!r} is "
        f"{_span(years)}{given}: annualised, its change of {_exact_percent(grew)} would be "
        f"written CAGR {_percent(((b / a) ** (1 / years) - 1) * 100)}",
        f"state the change itself: replace 'cagr:' with 'difference: {{{ends}, show: "
        f"percent}}', which writes {_percent(grew)}; a CAGR needs ends a year apart or more",
    )


def _flow(value: object) -> str:
    """A name as a YAML flow value: plain where it reads back as the same text."""
    text = str(value)
    plain = re.fullmatch(r"[A-Za-z0-9][\w .&()/'–-]*", text) and not text.endswith(" ")
    return text if plain else '"' + text.replace('"', '\\"') + '"'


def _exact_percent(value: float) -> str:
    """A change in percent as a message writes it, to one decimal: '+16.7%'."""
    from deckgen.outline.formats import NumberFormat

    return NumberFormat(style="percent", decimals=1, sign="always").format(value)


def resolve(
    kind: ChartKind, data: ChartData, where: Location
) -> tuple[list[Resolved], list[Problem]]:
    """Every computed annotation of ``kind`` against ``data``, and the problems of those
    that cannot be computed (a name that matches nothing, a missing value, a percentage of
    zero, a CAGR with no years or of a value at or below zero)."""
    from deckgen.errors import Location, Problem
    from deckgen.kinds.charts._base import _many, _no_match
    from deckgen.tables.dates import label

    found: list[Resolved] = []
    problems: list[Problem] = []
    series = [s.name for s in data.series]
    categories = list(data.categories)
    notes: list[tuple[str, Difference | Cagr]] = [
        *((f"difference[{k}]" if len(kind.difference) > 1 else "difference", d)
          for k, d in enumerate(kind.difference)),
        *((f"cagr[{k}]" if len(kind.cagr) > 1 else "cagr", c) for k, c in enumerate(kind.cagr)),
    ]  # fmt: skip

    def at(field: str, message: str, hint: str) -> Problem:
        return Problem(Location(where.file, where.line, f"{where.field}.{field}"), message, hint)

    def words(i: int) -> str:
        return label(data.x_dates[i]) if data.x_dates else categories[i]

    for field, note in notes:
        before = len(problems)
        ends: list[tuple[int, int]] = []
        if note.at is not None:
            i = data.find(note.at)
            if i is None:
                problems.append(_no_match(where, f"{field}.at", note.at, "category", categories))
            elif (count := categories.count(str(note.at))) > 1:
                problems.append(_many(where, f"{field}.at", note.at, count))
                i = None
            for part, name in (("from", note.start), ("to", note.to)):
                if name not in series:
                    problems.append(_no_match(where, f"{field}.{part}", name, "series", series))
                elif i is not None:
                    ends.append((series.index(name), i))
        else:
            j = 0
            if note.series is not None:
                if note.series not in series:
                    problems.append(_no_match(where, f"{field}.series", note.series, "series",
                                              series))  # fmt: skip
                    j = -1
                else:
                    j = series.index(note.series)
            elif len(series) > 1:
                problems.append(at(f"{field}.series", f"the chart has {len(series)} series, so "
                                   "the two ends need one to be on", f"add 'series:' naming one "
                                   f"of {', '.join(map(repr, series[:6]))}, or 'at:' a category "
                                   "to compare two series of it"))  # fmt: skip
                j = -1
            for part, name in (("from", note.start), ("to", note.to)):
                i = data.find(name)
                if i is None:
                    problems.append(_no_match(where, f"{field}.{part}", name, "category",
                                              categories))  # fmt: skip
                elif (count := categories.count(str(name))) > 1:
                    problems.append(_many(where, f"{field}.{part}", name, count))
                elif j >= 0:
                    ends.append((j, i))
        if len(problems) > before or len(ends) != 2:
            continue
        (ja, ia), (jb, ib) = ends
        a, b = data.series[ja].values[ia], data.series[jb].values[ib]
        names = (note.start, note.to) if note.at is not None else (words(ia), words(ib))
        if a is None or b is None:
            gap = names[0] if a is None else names[1]
            problems.append(at(field, f"there is no value at {gap!r} to compute from",
                               "choose two ends that both have values"))  # fmt: skip
            continue
        subject = note.at if note.at is not None else data.series[ja].name
        if isinstance(note, Difference):
            percent = None
            if note.show != "value":
                if a == 0:
                    problems.append(at(f"{field}.show", f"a percentage of {names[0]!r} is "
                                       "undefined: its value is 0", "use 'show: value', or a "
                                       "'from:' whose value is not 0"))  # fmt: skip
                    continue
                percent = (b - a) / abs(a) * 100
            found.append(Resolved(field, ((ja, ia), (jb, ib)), (a, b), names, subject,
                                  difference=b - a, percent=percent, show=note.show))  # fmt: skip
            continue
        years = note.periods
        if years is None and note.at is None and data.x_dates:
            years = _years_between(data.x_dates[ia], data.x_dates[ib])
        if years is None:
            years = _years_named(names[0], names[1])
            if years is None:
                unknown = names[1] if _years_named(names[1], names[1]) is not None else names[0]
                problems.append(at(f"{field}.periods", f"the years between {names[0]!r} and "
                                   f"{names[1]!r} are unknown: {unknown!r} is neither a date "
                                   "nor a year", "add 'periods:' with the number of years "
                                   "between them"))  # fmt: skip
                continue
        if years <= 0:
            problems.append(
                at(
                    field,
                    f"a growth rate runs forwards in time, but {names[1]!r} "
                    f"is not after {names[0]!r}",
                    "swap 'from:' and 'to:'",
                )
            )
            continue
        if a <= 0 or b <= 0:
            problems.append(
                at(
                    field,
                    f"a compound growth rate needs values above zero at both "
                    f"ends, found {a:g} and {b:g}",
                    "use 'difference:' instead",
                )
            )
            continue
        if years < _A_YEAR:
            problems.append(_under_a_year(at, field, note, names, (a, b), years))
            continue
        rate = ((b / a) ** (1 / years) - 1) * 100
        found.append(Resolved(field, ((ja, ia), (jb, ib)), (a, b), names, subject, cagr=rate,
                              years=years))  # fmt: skip
    return found, problems


def check(kind: ChartKind, data: ChartData, where: Location) -> list[Problem]:
    """The problems of ``kind``'s computed annotations against its data (after binding)."""
    if not (kind.difference or kind.cagr):
        return []
    return resolve(kind, data, where)[1]


# --------------------------------------------------------------------------- text
def _percent(value: float, *, words: bool = False) -> str:
    """A signed percentage: one decimal under 10%, else whole (+9.6%, +476%); with
    ``words``, as alt text writes it, in English ('+9.6 percent': a French deck's alt text
    said '3,2 percent', found in review)."""
    from deckgen.outline.formats import NumberFormat

    decimals = 1 if abs(value) < 10 else 0
    signed = NumberFormat(style="percent", decimals=decimals, sign="always")
    return signed.format(value, words=words)


def _signed(job: ChartJob, value: float) -> str:
    """A difference as the chart writes it, signed: '+24.9M'; between two percentages, in
    percentage points ('−5.7 pts', as the arrow chart writes a change): 66.7% to 61.0% is
    a fall of 5.7 points, or 8.5 percent, and '−5.7%' read as the second (found by review)."""
    from deckgen.outline.formats import MINUS
    from deckgen.render.chartkit import difference_text, fmt

    number = job.spec.format
    if number.style != "percent":
        return fmt(job, value, signed=True)
    text = difference_text(number, abs(value), points=job.words.points)
    if not any(c in "123456789" for c in text):
        return text  # no change: no sign
    return f"{'+' if value > 0 else MINUS}{text}"


def text_of(job: ChartJob, note: Resolved) -> str:
    """What the bracket says: '+24.9M', '+476%', '+24.9M (+476%)', 'CAGR +9.6%'; between
    percentages '−5.7 pts (−8.5%)': the points, then the change relative to ``from``."""
    if note.cagr is not None:
        return f"{job.words.cagr} {_percent(note.cagr)}"
    assert note.difference is not None
    if note.percent is None:
        return _signed(job, note.difference)
    if note.show == "percent":
        return _percent(note.percent)
    return f"{_signed(job, note.difference)} ({_percent(note.percent)})"


def describe(job: ChartJob) -> str:
    """Alt text for every computed annotation: 'From 2004 to 2023 China grew 476 percent.'"""
    from deckgen.kinds.charts._base import word
    from deckgen.outline.formats import MINUS
    from deckgen.render.chartkit import difference_text

    spec = job.spec
    if not (spec.difference or spec.cagr):
        return ""
    from deckgen.errors import Location

    notes, _ = resolve(spec, job.data, Location("", None, ""))
    out = []
    for note in notes:
        a, b = note.names
        lead = f"From {a} to {b} {note.subject}"
        if note.cagr is not None:
            rate = _percent(note.cagr, words=True).lstrip("+").replace(MINUS, "")
            verb = "grew" if note.cagr >= 0 else "shrank"
            years = f"{note.years:.1f}".removesuffix(".0")  # '19', '9.9'
            unit = "year" if years == "1" else "years"  # 'over 1 years' (found by review)
            out.append(f"{lead} {verb} at a compound annual rate of {rate} over {years} {unit}.")
            continue
        assert note.difference is not None
        verb = "grew" if note.difference > 0 else "fell" if note.difference < 0 else "held"
        if verb == "held":
            out.append(f"{lead} held at {word(job, note.values[1])}.")
            continue
        # Between percentages, percentage points: 'fell 5.7 percent' was said of a fall
        # of 5.7 points, which is 8.5 percent (found by review).
        number = job.spec.format
        amount = (difference_text(number, abs(note.difference), words=True)
                  if number.style == "percent"
                  else word(job, abs(note.difference)).lstrip("+"))  # fmt: skip
        if note.percent is not None:
            pct = _percent(abs(note.percent), words=True).lstrip("+")
            amount = pct if note.show == "percent" else f"{amount} ({pct})"
        out.append(f"{lead} {verb} {amount}.")
    return " ".join(out)


# --------------------------------------------------------------------------- drawing
#: Space between a bracket and the bars and lines it clears, in label sizes.
GAP = 0.35
#: Space between a foot (the ``to`` leg's arrowhead) and a text under it, the value label
#: on its bar, in label sizes: at GAP the arrowhead seemed to land on it (found by review).
TEXT_GAP = 0.7
#: The background pad round a bracket's value, in label sizes: a gridline under the value
#: stops this far short of its text rather than run along it (found by review).
PAD = 0.25


def _lift(job: ChartJob) -> float:
    """How far the value stands off its bracket's line, in points: its pad clears the line."""
    from deckgen.render.chartkit import label_size

    return PAD * label_size(job) + 0.5 * job.canvas.scale + 0.5


def _label_out(job: ChartJob, size: float) -> float:
    """How far a bracket's value reaches out from its line, in points, pad included:
    ``size`` is its height (its width on horizontal bars, where it stands beside it)."""
    from deckgen.render.chartkit import label_size

    return _lift(job) + size + PAD * label_size(job)


def room(job: ChartJob, height: float, *, over_text: bool, under: int = 0) -> float:
    """Points a bracket reaches above the highest thing between its ends (a value label
    when ``over_text``), ``height`` the height of a label, over ``under`` brackets stacked
    below it: for a chart that makes room before it draws them. Under gridlines the
    outermost may step up over one (:func:`_between`) by as much as its value reaches
    again: room for that too, else the step grew the scale and the chart was laid out
    twice over (without gridlines that room stood empty over the plot)."""
    from deckgen.render.chartkit import label_size

    size = label_size(job)
    out = _label_out(job, height)
    reach = (TEXT_GAP if over_text else GAP) * size + GAP * size + out
    step = GAP * size + (out if job.theme.theme.chart.gridlines else 0.0)  # slack, and the step
    return reach + under * (out + GAP * size) + step


def bracket_spans(job: ChartJob, anchor: Anchor) -> list[tuple[float, float]]:
    """Where along the category axis each bracket stands (from one end's ``anchor`` x to
    the other's, data units), in the order :func:`draw_computed` stacks them: for a chart
    that makes room above for them before it places its labels."""
    spec = job.spec
    if not (spec.difference or spec.cagr):
        return []
    from deckgen.errors import Location

    notes, _ = resolve(spec, job.data, Location("", None, ""))
    xs = [(anchor(*n.ends[0])[0], anchor(*n.ends[1])[0]) for n in notes]
    return sorted(((min(a, b), max(a, b)) for a, b in xs), key=lambda e: e[1] - e[0])


def draw_computed(fig: Figure, ax: Axes, job: ChartJob, anchor: Anchor, *,
                  horizontal: bool = False, laid_out: bool = False) -> bool:  # fmt: skip
    """Draw every computed annotation as a bracket from one mark to the other, clear of
    the marks and labels already drawn (call last in ``draw``). ``anchor`` gives where a
    mark ends (a bar's end, a point); on horizontal bars the brackets stand right of them.
    ``laid_out``: nothing drawn since the figure was last laid out can move it.

    Returns whether brackets were drawn inside the plot on the figure as last laid out
    (so that layout is final: :func:`~deckgen.render.chartkit.layout_is_final`).
    """
    spec = job.spec
    if not (spec.difference or spec.cagr):
        return False
    from deckgen.errors import Location

    notes, _ = resolve(spec, job.data, Location("", None, ""))
    if not notes:
        return False
    from deckgen.render.chartkit import refuse_flat, settle

    # Narrow brackets first: wider ones then stand over them rather than cross them.
    notes.sort(key=lambda n: abs(anchor(*n.ends[1])[1 if horizontal else 0]
                                 - anchor(*n.ends[0])[1 if horizontal else 0]))  # fmt: skip
    texts = [text_of(job, n) for n in notes]
    # What the chart drew before its brackets: the axis grows for them while that reads.
    low, high = sorted(ax.get_xlim() if horizontal else ax.get_ylim())
    # Grow the value axis until every bracket fits inside the plot (they stack outwards).
    inside = False
    for attempt in range(6):
        if attempt or not laid_out:
            settle(fig)
        placed = _place(fig, ax, job, notes, texts, anchor, horizontal)
        outer = max(p.top + p.label_out for p in placed)
        lo_px, hi_px = _value_extent(ax, horizontal)
        if outer <= hi_px - 2:
            inside = True
            break  # placed on the layout as it stands: nothing to settle again
        lo, hi = ax.get_xlim() if horizontal else ax.get_ylim()
        share = (outer - hi_px + 6) / max(hi_px - lo_px, 1.0) * 1.15
        log = (ax.get_xscale() if horizontal else ax.get_yscale()) == "log"
        top = hi * (hi / lo) ** share if log else hi + share * (hi - lo)
        (ax.set_xlim if horizontal else ax.set_ylim)(lo, top)
        # Brackets stand in points over their marks: on a plot barely taller than their
        # stack no scale makes room, and each step grew it again by the overflow's share
        # of that plot, up to an axis of 2,000,000,000,000,000% over values of 5.55% on an
        # og card (found in review). Past where the axis as it was reads, there is none.
        said = ", ".join(repr(t) for t in texts)
        refuse_flat(ax, job, low, high, "bars" if job.spec.from_zero else "lines",
                    f"the brackets over them ({said})",
                    "give the chart more height (a shorter title, a taller card), or drop "
                    "the 'difference:' or 'cagr:'", "x" if horizontal else "y")  # fmt: skip
    else:  # still too tall: placed on the last, largest scale
        settle(fig)
        placed = _place(fig, ax, job, notes, texts, anchor, horizontal)
    for p, text in zip(placed, texts, strict=True):
        _draw_bracket(ax, job, p, text, horizontal)
    return inside


@dataclass
class _Placed:
    """One bracket in display pixels, in (along, out) coordinates: ``along`` runs with the
    categories, ``out`` away from the value axis's zero (up, or right on horizontal bars)."""

    along: tuple[float, float]
    feet: tuple[float, float]
    top: float
    label_along: float
    label_out: float


def _value_extent(ax: Axes, horizontal: bool) -> tuple[float, float]:
    box = ax.get_window_extent()
    return (box.x0, box.x1) if horizontal else (box.y0, box.y1)


def _texts(fig: Figure) -> list[Bbox]:
    """Every text drawn, in display pixels: what no part of a bracket may cross."""
    from matplotlib.text import Text

    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    return [t.get_window_extent(renderer) for t in fig.findobj(Text)
            if t.get_visible() and t.get_text().strip()]  # fmt: skip


def _obstacles(fig: Figure, ax: Axes, texts: list[Bbox]) -> list[Bbox]:
    """Everything drawn that a bracket must clear, in display pixels: ``texts`` (those of
    :func:`_texts`), bars, and the lines (every segment, as small boxes)."""
    from matplotlib.transforms import Bbox

    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    boxes = list(texts)
    boxes += [p.get_window_extent(renderer) for p in ax.patches]
    for line in ax.lines:
        xy = line.get_transform().transform(line.get_xydata())
        for (x0, y0), (x1, y1) in pairwise(xy):
            if math.isnan(x0 + y0 + x1 + y1):
                continue
            for t in (k / 8 for k in range(8)):
                px, py = x0 + (x1 - x0) * t, y0 + (y1 - y0) * t
                boxes.append(Bbox([[px - 1, py - 1], [px + 1, py + 1]]))
        if len(xy) == 1 and not math.isnan(xy[0][0] + xy[0][1]):
            boxes.append(Bbox([[xy[0][0] - 1, xy[0][1] - 1], [xy[0][0] + 1, xy[0][1] + 1]]))
    return boxes


def _gridlines(ax: Axes, horizontal: bool) -> list[float]:
    """Where the value axis's gridlines are drawn, in display pixels out from zero."""
    axis = ax.xaxis if horizontal else ax.yaxis
    lo, hi = sorted(axis.get_view_interval())
    locs = [t.get_loc() for t in axis.get_major_ticks()
            if t.gridline.get_visible() and lo <= t.get_loc() <= hi]  # fmt: skip
    return sorted(float(ax.transData.transform((v, 0) if horizontal else (0, v))[0 if horizontal
                  else 1]) for v in locs)  # fmt: skip


def _between(level: float, out: float, grid: list[float], margin: float) -> float:
    """The lowest level from ``level`` up at which a bracket's line and its value (``out``
    from it) stand ``margin`` clear of every gridline, between two of them: a gridline ran
    through the value (found by review). Moved less than a gridline's spacing, else left
    where it is, the value's pad then hiding the gridline behind it."""
    spacing = min((b - a for a, b in pairwise(grid)), default=math.inf)
    for candidate in (level, *(g + margin for g in grid if g + margin > level)):
        if candidate - level >= spacing:
            break
        if all(g <= candidate - margin or g >= candidate + out + margin for g in grid):
            return candidate
    return level


def _place(fig: Figure, ax: Axes, job: ChartJob, notes: list[Resolved], texts: list[str],
           anchor: Anchor, horizontal: bool) -> list[_Placed]:  # fmt: skip
    """Each bracket's feet (just clear of its two marks and their labels) and its level
    (clear of everything between and under its label, and of the brackets before it)."""
    from deckgen.render.chartkit import label_size, text_height_pt, text_width_pt

    px = fig.dpi / 72
    gap = GAP * label_size(job) * px
    clear = TEXT_GAP * label_size(job) * px
    pad = PAD * label_size(job) * px
    height = text_height_pt(fig, job) * px
    # (along_lo, along_hi, out_lo, out_hi) for each obstacle inside the plot (a key above
    # it is not in a bracket's way: brackets stay inside).
    _, edge = _value_extent(ax, horizontal)

    def inside(boxes: list[Bbox]) -> list[tuple[float, float, float, float]]:
        spans = [(b.y0, b.y1, b.x0, b.x1) if horizontal else (b.x0, b.x1, b.y0, b.y1)
                 for b in boxes]  # fmt: skip
        return [s for s in spans if s[2] < edge - 1]

    texts_drawn = _texts(fig)  # measured once: a tenth of placing the brackets
    spans = inside(_obstacles(fig, ax, texts_drawn))
    # A leg may cross a line (it rises from a point under others) but never a text: it
    # struck through a series name written over the bar it rose from (found by review).
    written = inside(texts_drawn)
    grid = _gridlines(ax, horizontal)
    placed: list[_Placed] = []
    for note, text in zip(notes, texts, strict=True):
        ends = []
        for j, i in note.ends:
            x, y = ax.transData.transform(anchor(j, i))
            ends.append((y, x) if horizontal else (x, y))
        feet = []
        for along, out in ends:
            # Clear of what sits on the mark (its value label), not of what is far above.
            foot = out
            for lo, hi, olo, ohi in sorted(spans, key=lambda s: s[2]):
                if lo - 1 <= along <= hi + 1 and olo <= foot + 2 * height and ohi > foot:
                    foot = ohi
            on_text = any(lo - 1 <= along <= hi + 1 and ohi == foot for lo, hi, _, ohi in written)
            feet.append(foot + (clear if on_text else gap))
        width = text_width_pt(job, text, bold=True) * px + 4
        # The label runs along the bracket's line, or stands beside it on horizontal bars;
        # its pad with it.
        along, out = (
            (height + 2 * pad, _label_out(job, width / px) * px)
            if horizontal
            else (width + 2 * pad, _label_out(job, height / px) * px)
        )
        mid = (ends[0][0] + ends[1][0]) / 2
        lo = min(ends[0][0], ends[1][0], mid - along / 2) - 2
        hi = max(ends[0][0], ends[1][0], mid + along / 2) + 2
        level = max(feet) + gap
        for a, b, _, ohi in spans:
            if b >= lo and a <= hi:
                level = max(level, ohi + gap)
        level = _between(level, out, grid, gap)
        # Each leg starts over every text in its way up to the level (the level is over
        # them all): over a name written above its bar, as over the bar's value.
        for k, (foot_along, _) in enumerate(ends):
            for a, b, olo, ohi in written:
                if a - 1 <= foot_along <= b + 1 and olo < level and ohi + clear > feet[k]:
                    feet[k] = ohi + clear
        p = _Placed((ends[0][0], ends[1][0]), (feet[0], feet[1]), level, along, out)
        placed.append(p)
        # The next bracket clears this one: its legs, its line and its label.
        for (a, _), foot in zip(ends, feet, strict=True):
            spans.append((a - 1, a + 1, foot, level))
        spans.append((min(ends[0][0], ends[1][0]), max(ends[0][0], ends[1][0]), level - 1,
                      level + 1))  # fmt: skip
        spans.append((mid - along / 2 - 2, mid + along / 2 + 2, level, level + out))
        written.append(spans[-1])  # its value: the next bracket's legs clear it too
    return placed


def _draw_bracket(ax: Axes, job: ChartJob, p: _Placed, text: str, horizontal: bool) -> None:
    """Legs up from both feet to the level, a line across, an arrowhead on the ``to`` leg,
    and the value on top of the line (a marked label)."""
    from matplotlib.patches import FancyArrowPatch

    from deckgen.render.chartkit import halo, label_size
    from deckgen.render.labels import mark

    colors = job.theme.theme.colors
    inverse = ax.transData.inverted()

    def data(along: float, out: float) -> tuple[float, float]:
        x, y = inverse.transform((out, along) if horizontal else (along, out))
        return float(x), float(y)

    width = 1.0 * job.canvas.scale
    (a, b), (fa, fb) = p.along, p.feet
    path = [data(a, fa), data(a, p.top), data(b, p.top)]
    xs, ys = zip(*path, strict=True)
    ax.plot(xs, ys, color=colors.text, linewidth=width, solid_capstyle="butt",
            solid_joinstyle="miter", clip_on=False, zorder=6)  # fmt: skip
    arrow = FancyArrowPatch(
        data(b, p.top), data(b, fb), arrowstyle=f"-|>,head_length={4.5 * width},"
        f"head_width={2.2 * width}", color=colors.text, linewidth=width,
        shrinkA=0, shrinkB=0, clip_on=False, zorder=6,
    )  # fmt: skip
    ax.add_patch(arrow)
    mid = (a + b) / 2
    lift = _lift(job)
    label = ax.annotate(
        text, data(mid, p.top), xytext=(lift, 0) if horizontal else (0, lift),
        textcoords="offset points", ha="left" if horizontal else "center",
        va="center" if horizontal else "bottom", fontsize=label_size(job), fontweight="bold",
        color=colors.text, zorder=7,
        # Drawn over the gridlines, so one under the value stops short of its text.
        bbox=halo(job, PAD * label_size(job)),
    )  # fmt: skip
    mark(label, 2)
