"""A series' trend in words: one wording for a line's and an area's alt text (they said
ends that print alike two ways, and only a line named its low)."""

from __future__ import annotations

import pytest

from tests.kinds.charts.jobs import job

YEARS = ["2019", "2020", "2021", "2022", "2023"]


@pytest.mark.parametrize(
    ("values", "said"),
    [
        # 41.0 is below both ends: named, as a line named it
        ([52.0, 41.0, 47.5, 60.2, 73.2], "Visits rose from 52.0 in 2019 to 73.2 in 2023, "
         "with a low of 41.0 in 2020"),
        # 80.0 above both ends, and a year with no value between them
        ([52.0, 80.0, None, 60.2, 73.2], "Visits rose from 52.0 in 2019 to 73.2 in 2023, "
         "peaking at 80.0 in 2020 (no value for 2021)"),
        # 60.04 and 59.96 print alike at one decimal: no rise or fall
        ([60.04, 41.0, 47.5, 55.0, 59.96], "Visits was 60.0 in 2019 and in 2023, with a low "
         "of 41.0 in 2020"),
        ([60.04, 60.0, 59.99, 60.01, 59.96], "Visits held at 60.0 from 2019 to 2023"),
    ],
    ids=["low", "peak-and-gap", "ends-alike", "held"],
)  # fmt: skip
@pytest.mark.parametrize("kind", ["line", "area"])
def test_a_line_and_an_area_say_the_same_trend_the_same_way(kind, values, said):
    chart = job(kind, YEARS, {"Visits": values}, format="plain:1")
    assert chart.spec.describe_data(chart) == said


@pytest.mark.parametrize(
    ("values", "said"),
    [([None, 41.0, 47.5, None, 73.2], "Visits rose from 41.0 in 2020 to 73.2 in 2023 (no "
      "value for 2019 and 2022, counted as zero)"),
     ([52.0, None, None, None, None], "Visits 52.0 in 2019 (no value for 2020, 2021, 2022 "
      "and 1 more, counted as zero)")],
    ids=["ends-and-between", "one-value"],
)  # fmt: skip
def test_periods_drawn_as_zero_are_said_as_such_never_as_a_low_of_zero(values, said):
    """A stacked area draws a missing value as zero: its trend is of the values the data
    has, and every period with none is said with how it is drawn ('with a low of 0 in
    August 2024' stated a value the data does not have, found in review)."""
    from deckgen.kinds.charts._trend import trend

    chart = job("line", YEARS, {"Visits": values}, format="plain:1")
    assert trend(chart, "Visits", values, YEARS, as_zero=True) == said
    assert "counted as zero" not in (trend(chart, "Visits", values, YEARS) or "")


@pytest.mark.parametrize("kind", ["line", "area", "stacked-area"])
def test_a_series_that_doubled_is_not_said_to_hold_where_its_labels_read_alike(kind):
    """Beside millions in ``compact:1`` a ferry's every month reads '0.1 million'; said so,
    it 'held at 0.1 million' while it doubled (found by a new user). Its words take the
    decimals that tell its least and most apart; a series that truly holds still holds."""
    from deckgen.kinds.charts._trend import trend

    ferry = [60_679.0, 126_552.0, 90_000.0, 61_020.0, 62_394.0]
    chart = job(kind, YEARS, {"Bus": [3.9e6, 4.6e6, 4.2e6, 4.0e6, 4.1e6], "Ferry": ferry},
                format="compact:1")  # fmt: skip
    said = trend(chart, "Ferry", ferry, YEARS)
    assert said == "Ferry was 0.06 million in 2019 and in 2023, peaking at 0.13 million in 2020"
    steady = [4.061e6, 4.064e6, 4.062e6, 4.063e6, 4.0625e6]
    assert trend(chart, "Bus", steady, YEARS) == "Bus held at 4.1 million from 2019 to 2023"
