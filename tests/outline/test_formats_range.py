"""Numbers at the ends of the float range: every finite float rounds and formats (1e40
overflowed the default 28-digit decimal context), inf and NaN are written, never raise."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
from click.testing import CliRunner
from hypothesis import example, given
from hypothesis import strategies as st

from deckgen.cli import cli
from deckgen.outline.formats import DEFAULT_FORMAT, MINUS, NumberFormat, round_half_up
from tests.helpers import write_project

_FINITE = st.floats(allow_nan=False, allow_infinity=False)
_SCALES = st.sampled_from([1.0, 1e3, 1e6, 1e9, 1e12])


def _exact_half_up(value: float, decimals: int, scale: float) -> Fraction:
    """The oracle: the value's shortest decimal text over ``scale``, rounded half away
    from zero in exact rational arithmetic."""
    exact = Fraction(repr(value)) / Fraction(repr(scale)) * 10**decimals
    units = math.floor(abs(exact) + Fraction(1, 2))
    return Fraction(units if exact >= 0 else -units, 10**decimals)


@given(_FINITE, st.integers(0, 6), _SCALES)
@example(1e300, 6, 1.0)
@example(1.7976931348623157e308, 6, 1.0)
@example(-1e40, 1, 1e12)
@example(5e-324, 6, 1.0)
@example(1e-300, 0, 1e12)
@example(4.25, 1, 1.0)
@example(-2.5, 0, 1.0)
def test_round_half_up_agrees_with_exact_decimal_rounding_for_every_finite_float(
    value, decimals, scale
):
    rounded = round_half_up(value, decimals, scale)
    assert Fraction(rounded) == _exact_half_up(value, decimals, scale)
    assert rounded.as_tuple().exponent == -decimals  # written with exactly that many places


@pytest.mark.parametrize(
    ("shorthand", "value", "expected"),
    [
        ("plain:0", 1e40, "10,000,000,000,000,000,000,000,000,000,000,000,000,000"),
        ("compact:1", 1e40, "10,000,000,000,000,000,000,000,000,000T"),
        ("compact:1", -3e39, f"{MINUS}3,000,000,000,000,000,000,000,000,000T"),
        ("percent:2", 1e-300, "0.00%"),
        ("$plain:1", float("inf"), "$∞"),
        ("compact:1", float("-inf"), f"{MINUS}∞"),
        ("compact:1", float("nan"), "–"),
    ],
)
def test_huge_tiny_and_infinite_numbers_are_written(shorthand, value, expected):
    assert NumberFormat.model_validate(shorthand).format(value) == expected


def test_an_axis_up_to_1e40_has_ticks_without_binary_noise():
    # 8e39 / 1e12 in floats is 7.999999999999999e27: the unit is divided out exactly.
    ticks = DEFAULT_FORMAT.format_values([0.0, 2e39, 4e39, 8e39], ticks=True)
    assert ticks[1:] == [f"{n},000,000,000,000,000,000,000,000,000T" for n in (2, 4, 8)]


@given(st.lists(st.tuples(_FINITE, st.integers(0, 6), _SCALES), min_size=1, max_size=12))
def test_a_number_rounded_again_comes_back_as_it_did_the_first_time(calls):
    # round_half_up keeps what it rounded: the kept answer is the answer, sign and places.
    first = [round_half_up(*call) for call in calls]
    again = [round_half_up(*call) for call in reversed(calls)][::-1]
    assert [r.as_tuple() for r in again] == [r.as_tuple() for r in first]
    for (value, decimals, scale), rounded in zip(calls, again, strict=True):
        assert Fraction(rounded) == _exact_half_up(value, decimals, scale)


def test_zeros_keep_their_sign_whichever_was_rounded_first():
    # 0.0 == -0.0, so a memo keyed on the value would hand one the other's sign.
    assert str(round_half_up(0.0, 1)) == "0.0"
    assert str(round_half_up(-0.0, 1)) == "-0.0"
    assert str(round_half_up(0.0, 1)) == "0.0"
    assert str(round_half_up(-0.04, 1)) == "-0.0"  # a negative rounded to zero, as before


def test_non_finite_values_come_back_unrounded():
    assert round_half_up(float("inf"), 2).is_infinite()
    assert round_half_up(float("nan"), 2).is_nan()


@given(st.lists(st.one_of(_FINITE, st.none()), min_size=1, max_size=8), st.booleans())
def test_numbers_read_together_never_raise_at_any_magnitude(values, ticks):
    for shorthand in ("compact:1", "plain:2", "percent:0"):
        shown = NumberFormat.model_validate(shorthand).format_values(values, ticks=ticks)
        assert len(shown) == len(values)


def test_a_bar_chart_checks_clean_up_to_a_million_trillion_and_names_a_value_past_it(
    tmp_path, monkeypatch
):
    write_project(
        tmp_path,
        """
        deck: {title: Big}
        data: {t: {file: t.csv}}
        slides:
          - kind: chart
            title: A is biggest
            chart: {type: bar, data: t, x: name, y: value, highlight: A}
        """,
        {"t.csv": "name,value\nA,9.5e17\nB,5\nC,3\n"},
    )
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["check", "deck.yaml"])
    assert result.exit_code == 0, result.output
    (tmp_path / "t.csv").write_text("name,value\nA,1e40\nB,5\nC,3\n")
    result = CliRunner().invoke(cli, ["check", "deck.yaml"])
    assert result.exit_code == 2
    assert "slides[0].chart.y: slide 1: expected numbers a chart can label" in result.output
    assert "found A = 1e+40 in 'value'" in result.output
