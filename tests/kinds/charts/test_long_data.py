"""Long data on every chart type: ``series:`` gives the same chart as the wide table a pivot
makes, or is refused at load by the types that draw one series or a mark per row."""

from __future__ import annotations

import pandas as pd
import pytest
from pydantic import ValidationError

from deckgen.errors import Location
from deckgen.kinds.charts import CHART_TYPES, CHARTS, chart
from deckgen.tables.select import chart_data

WHERE = Location("deck.yaml", 3, "slides[0].chart")

LONG = pd.DataFrame({
    "country": ["China", "China", "USA", "USA", "Japan", "Japan"],
    "year": ["2004", "2023"] * 3,
    "cars": ["5.2", "30.2", "12.0", "10.6", "10.5", "9.0"],
})  # fmt: skip
WIDE = pd.DataFrame({
    "country": ["China", "USA", "Japan"],
    "2004": ["5.2", "12.0", "10.5"],
    "2023": ["30.2", "10.6", "9.0"],
})  # fmt: skip


@pytest.mark.parametrize("kind", [c for c in CHARTS if c.long_data and not c.single_series],
                         ids=lambda c: c.model_fields["type"].annotation.__args__[0])  # fmt: skip
def test_long_data_draws_what_the_wide_table_draws(kind):
    name = kind.model_fields["type"].annotation.__args__[0]
    long = chart(type=name, data="d", x="country", y="cars", series="year")
    wide = chart(type=name, data="d", x="country", y=["2004", "2023"])
    assert chart_data(LONG, long, WHERE) == chart_data(WIDE, wide, WHERE)
    assert long.check(chart_data(LONG, long, WHERE), WHERE) == []


@pytest.mark.parametrize("kind", [c for c in CHARTS if not c.long_data or c.single_series],
                         ids=lambda c: c.model_fields["type"].annotation.__args__[0])  # fmt: skip
def test_a_type_that_cannot_take_series_says_so_at_load(kind):
    name = kind.model_fields["type"].annotation.__args__[0]
    with pytest.raises(ValidationError, match="series"):
        chart(type=name, data="d", x="country", y="cars", series="year")


def test_every_type_is_in_one_of_the_two_groups():
    assert len(CHARTS) == len(CHART_TYPES) >= 10


def test_a_pair_chart_over_long_data_needs_exactly_two_series():
    three = pd.concat([LONG, LONG[LONG["year"] == "2004"].assign(year="2010")], ignore_index=True)
    spec = chart(type="arrow", data="d", x="country", y="cars", series="year")
    [problem] = spec.check(chart_data(three, spec, WHERE), WHERE)
    assert "shows two values per category, but the chart has 3 series" in problem.message
    assert "two values of the series column (with series:)" in str(problem.hint)


def test_a_highlight_may_name_a_renamed_series_as_the_data_does():
    """'highlight: 2023' with '2023' renamed 'Last year' was refused, with the hint to write
    the name as the data has it, which it was; and a year key written as a number was
    'expected text' (found by fuzzing)."""
    from deckgen.kinds.charts import chart

    labels = {2014: "Ten years ago", 2023: "Last year"}
    spec = chart(type="grouped-bar", data="g", x="source", y="twh", series="year",
                 series_labels=labels, highlight=2023)  # fmt: skip
    assert spec.series_labels == {"2014": "Ten years ago", "2023": "Last year"}
    assert spec.highlight == ["Last year"]
    same = chart(type="grouped-bar", data="g", x="source", y="twh", series="year",
                 series_labels={"2023": "Last year"}, highlight=["Last year", "Coal"])  # fmt: skip
    assert same.highlight == ["Last year", "Coal"]
