"""Alt text written from the data: the chart's kind, its finding, and the numbers.

Screen-reader users get what a sighted reader gets from the picture: what kind of chart it
is, the finding (the slide title), and the values in the order shown, with units spelt out.
Never a file name or a path.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from deckgen.render.jobs import ChartJob

_NAMES = {
    "bar": "Bar chart",
    "hbar": "Horizontal bar chart",
    "grouped-bar": "Grouped bar chart",
    "stacked-bar": "Stacked bar chart",
    "line": "Line chart",
    "donut": "Donut chart",
}


def _word(job: ChartJob, value: float | None) -> str:
    return job.spec.format.format(value, words=True)


def _single(job: ChartJob) -> str:
    series = job.data.series[0]
    return "; ".join(
        f"{c} {_word(job, v)}" for c, v in zip(job.data.categories, series.values, strict=True)
    )


def _compare(job: ChartJob) -> str:
    """Per category, the last series against the first: 'China 30.2 million in 2023, up
    from 5.2 million in 2004'."""
    first, last = job.data.series[0], job.data.series[-1]
    parts = []
    for i, category in enumerate(job.data.categories):
        a, b = first.values[i], last.values[i]
        text = f"{category} {_word(job, b)} in {last.name}"
        if a is not None and b is not None and len(job.data.series) == 2:
            trend = "up" if b > a else "down" if b < a else "unchanged"
            text += f", {trend} from {_word(job, a)} in {first.name}"
        elif len(job.data.series) > 2:
            middle = ", ".join(f"{_word(job, s.values[i])} in {s.name}" for s in job.data.series)
            text = f"{category}: {middle}"
        parts.append(text)
    return "; ".join(parts)


def _stacked(job: ChartJob) -> str:
    parts = []
    for i, category in enumerate(job.data.categories):
        pieces = ", ".join(f"{s.name} {_word(job, s.values[i])}" for s in job.data.series)
        parts.append(f"{category}: {pieces}")
    return "; ".join(parts)


def _lines(job: ChartJob) -> str:
    cats = job.data.categories
    parts = []
    for s in job.data.series:
        points = [(c, v) for c, v in zip(cats, s.values, strict=True) if v is not None]
        if not points:
            continue
        (c0, v0), (c1, v1) = points[0], points[-1]
        verb = "rose" if v1 > v0 else "fell" if v1 < v0 else "held"
        text = f"{s.name} {verb} from {_word(job, v0)} in {c0} to {_word(job, v1)} in {c1}"
        if len(points) > 2:
            peak_c, peak_v = max(points, key=lambda p: p[1])
            text += f", peaking at {_word(job, peak_v)} in {peak_c}"
        parts.append(text)
    return "; ".join(parts)


def _shares(job: ChartJob) -> str:
    series = job.data.series[0]
    total = sum(v for v in series.values if v is not None) or 1.0
    return "; ".join(
        f"{c} {_word(job, v)} ({(v or 0) / total:.0%} of the total)"
        for c, v in zip(job.data.categories, series.values, strict=True)
    )


_BODY: dict[str, Callable[[ChartJob], str]] = {
    "bar": _single,
    "hbar": _single,
    "grouped-bar": _compare,
    "stacked-bar": _stacked,
    "line": _lines,
    "donut": _shares,
}


def describe_chart(job: ChartJob) -> str:
    """Alt text for a chart job."""
    head = _NAMES[job.spec.type]
    finding = job.title.rstrip(".")
    lead = f"{head}: {finding}." if finding else f"{head}."
    return f"{lead} {_BODY[job.spec.type](job)}."
