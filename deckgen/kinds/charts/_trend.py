"""How a series went, in words, for alt text: the change from its first value to its last
and the peak or low between them, as a reader hears them ('Wind rose from 95 in 2010 to 425
in 2023, peaking at 434 in 2022'). One wording for every chart over time: a line's and an
area's alt text said ends that print alike two different ways."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from deckgen.kinds.charts._base import word
from deckgen.render.chartkit import at_word, category_words, gaps, label_place

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from deckgen.render.charts import ChartJob
    from deckgen.tables.select import Series

#: How far apart (a share of the larger) a series' least and most values may be and still
#: be said as the chart's labels write them when those write them alike.
ALIKE = 0.05


def sayer(job: ChartJob, values: Sequence[float]) -> Callable[[float], str]:
    """How the words say ``values``, one series' values: as the chart writes them
    (:func:`~deckgen.kinds.charts._base.word`), unless that writes the least and the most
    alike while they lie more than :data:`ALIKE` apart; then in the same unit, with the
    decimals that tell them apart (up to three more). A ferry's 60,679 to 126,552 journeys
    a month, beside millions in ``compact:1``, all read '0.1 million', and the alt text
    said it 'held at 0.1 million' while it doubled (found by a new user)."""
    say = partial(word, job)
    lo, hi = min(values, default=0.0), max(values, default=0.0)
    if say(lo) != say(hi) or hi - lo <= ALIKE * max(abs(lo), abs(hi)):
        return say
    number = job.spec.format
    unit, decimals = label_place(job)
    for more in range(1, 4):
        if number.write_in(lo, unit, decimals + more) != number.write_in(hi, unit, decimals + more):
            return lambda v: number.write_in(v, unit, decimals + more, words=True)
    return say


def change(job: ChartJob, first: tuple[str, float], last: tuple[str, float],
           values: Sequence[float], *, dated: bool = True,
           say: Callable[[float], str] | None = None) -> str:  # fmt: skip
    """How a quantity went from its first point to its last, as the words print them
    (``say``: as :func:`sayer` says ``values``): 'rose from 95 in 2010 to 425 in 2023'
    (without ``dated``, where the sentence has named the span already: 'rose from 95 to
    425'). Ends that print alike are not said to rise or fall (shares adding up to
    99.99999999999997 and 100.00000000000001 'rose from 100.0 percent to 100.0 percent',
    found by fuzzing): 'held at 100.0 percent from 2015 to 2024' where every value prints
    alike, else 'was 30 in 2019 and in 2023' (what lay between is the caller's to say)."""
    say = say or sayer(job, values)
    at = at_word(job)
    (c0, v0), (c1, v1) = first, last
    w0, w1 = say(v0), say(v1)
    if w0 != w1:  # rounding keeps order: printed apart, the floats differ the same way
        verb = "rose" if v1 > v0 else "fell"
        if not dated:
            return f"{verb} from {w0} to {w1}"
        return f"{verb} from {w0} {at} {c0} to {w1} {at} {c1}"
    if all(say(v) == w0 for v in values):
        return f"held at {w0} from {c0} to {c1}" if dated else f"held at {w0}"
    return f"was {w0} {at} {c0} and {at} {c1}"


def trend(job: ChartJob, name: str, values: Sequence[float | None],
          cats: Sequence[str] | None = None, *, as_zero: bool = False) -> str | None:  # fmt: skip
    """'Wind rose from 95 in 2010 to 425 in 2023, peaking at 434 in 2022' (dates as a
    reader says them: 'in March 2010', 'on March 1, 2010'; ``cats``, the categories as
    words, where the caller has put them in time order); a low below both ends is named
    ('with a low of 129.7 million in February 2010'), a peak or low that prints as an end
    is not, and a period with no value between the ends is said (the line or area has a
    gap there, which a listener would otherwise not know of). The trend is of the values
    the data has: with ``as_zero`` (a stacked area, which draws a missing value as zero),
    every period with none is said, with how it is drawn, never as a value of 0."""
    cats = category_words(job) if cats is None else cats
    at = at_word(job)
    points = [(c, v) for c, v in zip(cats, values, strict=True) if v is not None]
    if not points:
        return None
    missing = gaps(cats, values, ends=as_zero, drawn=", counted as zero" if as_zero else "")
    (c0, v0), (_, v1) = points[0], points[-1]
    if len(points) == 1:  # one value: nothing rose, fell or held
        return f"{name} {word(job, v0)} {at} {c0}{missing}"
    say = sayer(job, [v for _, v in points])
    text = f"{name} {change(job, points[0], points[-1], [v for _, v in points], say=say)}"
    ends = {say(v0), say(v1)}
    if len(points) > 2:
        peak_c, peak_v = max(points, key=lambda p: p[1])
        if peak_v > max(v0, v1) and say(peak_v) not in ends:
            text += f", peaking at {say(peak_v)} {at} {peak_c}"
        low_c, low_v = min(points, key=lambda p: p[1])
        if low_v < min(v0, v1) and say(low_v) not in ends:
            text += f", with a low of {say(low_v)} {at} {low_c}"
    return text + missing


def trends(job: ChartJob, series: Sequence[Series], cats: Sequence[str] | None = None, *,
           as_zero: bool = False) -> list[str]:  # fmt: skip
    """:func:`trend` of each series that has a value."""
    return [t for s in series
            if (t := trend(job, s.name, s.values, cats, as_zero=as_zero)) is not None]  # fmt: skip
