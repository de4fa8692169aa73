"""Values no chart can draw are errors after binding: inf and NaN, non-finite axis and
reference numbers, negative or all-zero donut slices, more categories than an axis shows
legibly."""

from __future__ import annotations

import math

import pytest

from deckgen.errors import Location
from deckgen.kinds.charts import CHARTS, chart
from deckgen.tables.select import ChartData, Series

WHERE = Location("deck.yaml", 4, "slides[0].chart")


def _data(values: list[float | None], name: str = "v") -> ChartData:
    return ChartData(tuple(f"c{i}" for i in range(len(values))), (Series(name, tuple(values)),))


def _messages(kind: str, data: ChartData, **fields: object) -> list[str]:
    spec = chart(type=kind, data="d", x="x", y=next(s.name for s in data.series), **fields)
    return [f"{p.location}: {p.message}" for p in spec.check(data, WHERE)]


@pytest.mark.parametrize("bad", [math.inf, -math.inf, math.nan])
@pytest.mark.parametrize("kind", ["bar", "line", "donut", "waterfall", "area"])
def test_a_value_that_is_not_finite_is_named_with_its_category(kind, bad):
    (message,) = _messages(kind, _data([3.0, bad, 4.0]))
    assert message == (f"deck.yaml:4: slides[0].chart.y: expected a finite number in every row, "
                       f"found c1 = {bad} in 'v'")  # fmt: skip


@pytest.mark.parametrize("huge", [1e308, -2e18, 1e200])
@pytest.mark.parametrize("kind", ["bar", "line", "donut", "waterfall", "area"])
def test_a_value_past_what_a_chart_can_label_is_named(kind, huge):
    """Past a million trillion no unit labels a tick legibly (1e200 was a row of digits),
    and an axis spanning 1e308 and -1e308 overflows: matplotlib's 'Axis limits cannot be
    NaN or Inf' was an internal error (found by fuzzing)."""
    huge = abs(huge) if kind == "donut" else huge  # a negative slice is its own error
    (message,) = _messages(kind, _data([3.0, huge, 4.0]))
    assert message == ("deck.yaml:4: slides[0].chart.y: expected numbers a chart can label "
                       "(at most 1e+18, a million trillion), "
                       f"found c1 = {huge:g} in 'v'")  # fmt: skip


def test_a_scatter_names_a_value_past_it_on_either_axis():
    data = ChartData(("a", "b", "c"), (Series("gdp", (1.0, 1e200, 2.0)),
                                       Series("co2", (1.0, 2.0, 3.0))))  # fmt: skip
    spec = chart(type="scatter", data="d", x="gdp", y="co2", trend="linear")
    (problem,) = spec.check(data, WHERE)
    assert str(problem.location) == "deck.yaml:4: slides[0].chart.x"
    assert problem.message.endswith("found b = 1e+200 in 'gdp'")


@pytest.mark.parametrize("kind", ["bar", "line", "donut", "area"])
def test_values_too_small_to_write_are_named(kind):
    """Every tick and label of 2e-7 and 4e-7 read '0' (found by fuzzing)."""
    (message,) = _messages(kind, _data([2e-7, 4e-7, 0.0]))
    assert message == ("deck.yaml:4: slides[0].chart.y: expected numbers a label can write (at "
                       "6 decimals, anything under 5e-07 reads 0), "
                       "found at most 4e-07 in 'v'")  # fmt: skip
    assert _messages(kind, _data([5e-5, 1e-9, 0.0])) == []  # the largest is written


def test_a_log_scale_down_to_a_value_that_reads_0_is_named():
    (message,) = _messages("line", _data([1e-7, 1.0, 30.0]), axis={"log": True})
    assert message == ("deck.yaml:4: slides[0].chart.axis.log: a log scale's ticks go down to "
                       "the smallest value, 1e-07 (c0), which reads 0 at 6 decimals")  # fmt: skip


def test_a_million_trillion_itself_is_drawn():
    assert _messages("bar", _data([3.0, 1e18, -1e18])) == []


def test_axis_and_reference_numbers_must_be_finite():
    messages = _messages("line", _data([1.0, 2.0]), axis={"max": math.inf},
                         reference={"value": math.nan, "label": "avg"})  # fmt: skip
    assert messages == [
        "deck.yaml:4: slides[0].chart.axis.max: expected a finite number of at most 1e+18, "
        "found inf",
        "deck.yaml:4: slides[0].chart.reference.value: expected a finite number of at most "
        "1e+18, found nan",
    ]


def test_a_donut_refuses_a_negative_slice_and_an_all_zero_total():
    (negative,) = _messages("donut", _data([5.0, -2.0, 3.0, -1.0]))
    assert "every slice must be zero or more; found c1 = -2, c3 = -1" in negative
    (zero,) = _messages("donut", _data([0.0, None, 0.0]))
    assert "every value of 'v' is zero or missing, so there is nothing to share" in zero
    assert _messages("donut", _data([0.0, 2.0, None])) == []


def test_a_donut_of_one_part_is_refused():
    """62% agreeing, alone, was drawn as the whole ring: 'All adults 62 (100%)' (found in
    review). One part with others of zero is the whole, as the data says."""
    (one,) = _messages("donut", _data([62.0]))
    assert "this one has one part, 'c0' (62), which it would draw as the whole ring" in one
    assert _messages("donut", _data([62.0, 0.0])) == []


@pytest.mark.parametrize("kind", [c for c in CHARTS if c.max_categories is not None],
                         ids=lambda c: c.__name__)  # fmt: skip
def test_each_chart_type_takes_up_to_its_category_limit(kind):
    name = kind.model_fields["type"].annotation.__args__[0]  # type: ignore[union-attr]
    limit = kind.max_categories
    assert limit is not None
    values = [float(i + 1) for i in range(limit)]
    y = ["a", "b"] if not kind.single_series and name != "dot" else "a"
    series = (Series("a", tuple(values)), Series("b", tuple(values)))[: 2 if isinstance(y, list)
                                                                        else 1]  # fmt: skip
    spec = chart(type=name, data="d", x="x", y=y)
    at = ChartData(tuple(f"c{i}" for i in range(limit)), series)
    over = ChartData(tuple(f"c{i}" for i in range(limit + 1)),
                     tuple(Series(s.name, (*s.values, 1.0)) for s in series))  # fmt: skip
    assert not [p for p in spec.check_values(at, WHERE) if "categories" in p.message]
    (problem,) = [p for p in spec.check_values(over, WHERE) if "categories" in p.message]
    assert f"shows at most {limit} categories" in problem.message
    assert f"the data has {limit + 1}" in problem.message
    assert problem.hint is not None and f"top: {limit}" in problem.hint
