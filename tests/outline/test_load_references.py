"""An unknown data source is said in the run that finds the other problems of its slide
(an unknown chart type hid it), and a slip of case gets its did-you-mean."""

from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.errors import OutlineError, did_you_mean, nearest
from tests.helpers import parse_outline

HEAD = "deck: {title: T}\ndata:\n  sales: {file: sales.csv}\nslides:\n"


def _problems(slides: str) -> list[str]:
    with pytest.raises(OutlineError) as info:
        parse_outline(HEAD + slides, Path("deck.yaml"))
    return [str(p) for p in info.value.problems]


def test_an_unknown_chart_type_and_an_unknown_source_beside_it_are_both_said():
    said = _problems("  - kind: chart\n    title: T\n"
                     "    chart: {type: BAR, data: Sales, x: a, y: b}\n")  # fmt: skip
    assert said == [
        "deck.yaml:7: slides[0].chart.type: unknown chart type 'BAR'; expected one of "
        + said[0].split("expected one of ")[1].split("\n")[0]
        + "\n  hint: did you mean 'bar'?",
        "deck.yaml:7: slides[0].chart.data: unknown data source 'Sales'; the outline declares "
        "'sales'\n  hint: did you mean 'sales'?",
    ]


def test_the_source_of_a_chart_on_a_slide_with_another_problem_is_checked_too():
    said = _problems("  - kind: chart\n    titel: T\n"
                     "    chart: {type: bar, data: sails, x: a, y: b}\n"
                     "  - kind: chart\n    title: T\n"
                     "    chart: {type: bar, data: sales, x: a, y: b}\n")  # fmt: skip
    assert [s.splitlines()[0] for s in said] == [
        "deck.yaml:6: slides[0].titel: unknown field 'titel', and the required field 'title' "
        "is missing",
        "deck.yaml:7: slides[0].chart.data: unknown data source 'sails'; the outline declares "
        "'sales'",
    ]


def test_a_selection_s_data_is_the_only_data_read_as_a_source_name():
    # A column named 'data' in series_labels is a column, not a source; and an outline
    # without a 'data:' section is told so once it validates, not once per chart here.
    said = _problems("  - kind: chart\n    title: T\n"
                     "    chart: {type: BAR, data: sales, x: a, y: b, "
                     "series_labels: {data: Data}}\n")  # fmt: skip
    assert len(said) == 1 and "unknown chart type" in said[0]
    with pytest.raises(OutlineError) as info:
        parse_outline("deck: {title: T}\nslides:\n  - kind: chart\n    title: T\n"
                      "    chart: {type: BAR, data: d, x: a, y: b}\n", Path("d.yaml"))  # fmt: skip
    assert len(info.value.problems) == 1


@pytest.mark.parametrize(
    ("value", "choices", "meant"),
    [("BAR", ["bar", "hbar"], "bar"), ("P", ["p", "q"], "p"),
     ("P.CSV", ["p.csv", "q.csv"], "p.csv"), ("TH1", ["th1", "corporate"], "th1"),
     ("GROUPD-BAR", ["grouped-bar", "bar"], "grouped-bar"),
     ("Value", ["value", "Value"], "Value")],  # the name itself, where a case pair is
)  # fmt: skip
def test_a_slip_of_case_is_matched_first(value, choices, meant):
    assert nearest(value, choices) == meant
    assert did_you_mean(value, choices) == f"did you mean {meant!r}?"


def test_a_name_near_nothing_still_gets_no_match():
    assert nearest("XYZ", ["bar", "line"]) is None
