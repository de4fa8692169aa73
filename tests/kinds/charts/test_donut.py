"""Donut shares are rounded so that the printed percentages add up to 100%."""

from __future__ import annotations

import re

import pytest
from matplotlib.text import Text

from tests.kinds.charts.jobs import figure, job

SHARE = re.compile(r"\((<1|\d+)%\)")


def _printed_shares(chart_job) -> list[str]:
    fig = figure(chart_job)
    texts = [t.get_text() for t in fig.findobj(Text) if t.get_visible()]
    return [m.group(1) for t in texts for m in SHARE.finditer(t)]


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([1.0, 1.0, 1.0], ["34", "33", "33"]),  # three equal thirds: 33 + 33 + 33 = 99
        # U.S. exports by region: one by one, 63 + 16 + 14 + 4 + 3 + 1 = 101.
        ([89.9, 23.0, 19.7, 5.3, 3.6, 1.7], ["63", "16", "14", "4", "2", "1"]),
        ([2.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0], ["25", "13", "13", "13", "12", "12", "12"]),
    ],
)
def test_printed_shares_add_up_to_one_hundred(values, expected) -> None:
    names = [f"Region {k}" for k in range(len(values))]
    chart_job = job("donut", names, {"v": values}, format="plain:1")
    shares = _printed_shares(chart_job)
    assert shares == expected
    assert sum(int(s) for s in shares) == 100
    alt = [m.group(1) for m in re.finditer(r"\((\d+)% of the total\)", chart_job.alt())]
    assert alt == expected  # the alt text says what the picture prints


def test_a_slice_too_small_to_round_to_one_percent_says_so() -> None:
    chart_job = job("donut", ["Most", "Some", "Tiny"], {"v": [900.0, 97.0, 3.0]})
    assert _printed_shares(chart_job) == ["90", "10", "<1"]
    assert "Tiny 3.0 (<1% of the total)" in chart_job.alt()
