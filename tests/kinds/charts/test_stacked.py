"""Stacked bars: each column's segment labels add up to the total printed above it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.text import Annotation

from tests.kinds.charts.jobs import figure, job


def _columns(chart_job) -> list[tuple[list[str], str]]:
    """Per column, as drawn: its segment labels (bottom up) and the total above it. Segment
    labels are texts placed in data coordinates at the column; totals are annotations
    pointing at it (series names are annotations too, right of the last column)."""
    fig = figure(chart_job)
    ax = fig.axes[0]
    texts = [t for t in ax.texts if t.get_visible() and t.get_text()]
    out = []
    for i in range(len(chart_job.data.categories)):
        segments = sorted(
            (t for t in texts if not isinstance(t, Annotation) and t.get_position()[0] == i),
            key=lambda t: t.get_position()[1],
        )
        totals = [t for t in texts if isinstance(t, Annotation) and t.xy[0] == i]
        assert len(totals) == 1
        out.append(([t.get_text() for t in segments], totals[0].get_text()))
    return out


def _number(text: str) -> float:
    return float(text.rstrip("MK%").replace(",", ""))


@pytest.mark.parametrize(
    ("fmt", "values", "segments", "total"),
    [
        # 1.14 three times is 3.42, printed 3.4; one by one the parts print 1.1 + 1.1 + 1.1.
        ("plain:1", [1.14, 1.14, 1.14], ["1.2", "1.1", "1.1"], "3.4"),
        # 4.26 + 4.26 + 1.48 = 10.0; one by one 4.3 + 4.3 + 1.5 = 10.1.
        ("plain:1", [4.26, 4.26, 1.48], ["4.3", "4.2", "1.5"], "10.0"),
        ("compact:1", [1.14e6, 1.14e6, 1.14e6], ["1.2M", "1.1M", "1.1M"], "3.4M"),
        ("percent:0", [33.3, 33.3, 33.4], ["33%", "33%", "34%"], "100%"),
    ],
)
def test_segment_labels_add_up_to_the_printed_total(fmt, values, segments, total) -> None:
    series = {f"Part {k}": [v, v] for k, v in enumerate(values)}
    chart_job = job("stacked-bar", ["2004", "2023"], series, format=fmt)
    for drawn, printed in _columns(chart_job):
        assert (drawn, printed) == (segments, total)
        assert sum(_number(t) for t in drawn) == pytest.approx(_number(printed))


def test_columns_are_rounded_each_against_its_own_total() -> None:
    series = {"A": [1.14, 2.0], "B": [1.14, 2.0], "C": [1.14, 2.0]}
    chart_job = job("stacked-bar", ["x", "y"], series, format="plain:1")
    assert _columns(chart_job) == [(["1.2", "1.1", "1.1"], "3.4"), (["2.0", "2.0", "2.0"], "6.0")]


def test_segments_print_in_the_unit_of_their_total() -> None:
    """930K and 1.47M make 2.4M: rounded on the total's place, the smaller part reads
    '0.9M' (not '930.0K', nor '900.0K', a precision the rounding removed)."""
    chart_job = job("stacked-bar", ["x"], {"A": [9.3e5], "B": [1.47e6]}, format="compact:1")
    assert _columns(chart_job) == [(["0.9M", "1.5M"], "2.4M")]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(1e3, 5e7), min_size=2, max_size=6))
def test_a_column_s_segments_share_their_total_s_unit_and_precision(parts) -> None:
    """'9.0M' beside '5.9M' (never '9M'), and parts of a total in millions in millions
    ('0.2M', never '155.0K'): the segments are read together with their total."""
    from deckgen.kinds.charts.stacked import _segment_texts

    chart_job = job("stacked-bar", ["2023"], {f"s{k}": [v] for k, v in enumerate(parts)},
                    format="compact:1")  # fmt: skip
    texts = _segment_texts(chart_job, [(0, k, 0.0, v) for k, v in enumerate(parts)])
    total = chart_job.spec.format.format(sum(parts))
    unit = total.rstrip("0123456789.,")[-1:] if total[-1].isalpha() else ""
    for text in texts.values():
        if text == "0":
            continue
        assert text.endswith(unit) if unit else text[-1].isdigit()
        assert "." in text and len(text.rstrip("KMBT").split(".")[-1]) == 1  # compact:1
