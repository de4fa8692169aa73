"""Rounding that adds up: parts rounded so they sum to their rounded total (largest
remainder), and the place a format prints a value to."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal, localcontext

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from deckgen.outline.formats import NumberFormat, round_half_up
from deckgen.tables.rounding import last_place, round_to_total, write_in

VALUES = st.lists(
    st.floats(min_value=-1e9, max_value=1e9, allow_nan=False, allow_infinity=False),
    max_size=30,
)
DECIMALS = st.integers(min_value=-3, max_value=4)


def _units(values: list[float], decimals: int) -> list[int]:
    """Each value as a whole number of units of the last place (they must be whole)."""
    out = []
    for v in values:
        scaled = Decimal(repr(v)).scaleb(decimals)
        assert scaled == scaled.to_integral_value(), (v, decimals)
        out.append(int(scaled))
    return out


def _ordinary(value: float, decimals: int) -> int:
    """``value`` rounded on its own, in units (shortest decimal text, halves away from 0)."""
    return int(Decimal(repr(value)).scaleb(decimals).quantize(Decimal(1), ROUND_HALF_UP))


def _exact_total(values: list[float], decimals: int) -> int:
    # Exactly, as round_to_total adds: at Decimal's default 28 digits 1e-31 + -0.5 is -0.5.
    with localcontext(prec=1500):
        exact = sum((Decimal(repr(v)) for v in values), Decimal(0)).scaleb(decimals)
        return int(exact.quantize(Decimal(1), ROUND_HALF_UP))


# --------------------------------------------------------------------------- round_to_total
def test_three_equal_thirds_add_up_to_one_hundred() -> None:
    assert round_to_total([100 / 3] * 3) == [34.0, 33.0, 33.0]


def test_the_values_ordinary_rounding_moved_furthest_change_first() -> None:
    # 62.78 + 16.06 + 13.76 + 3.70 + 2.51 + 1.19 = 100; one by one they print 101.
    shares = [62.78, 16.06, 13.76, 3.70, 2.51, 1.19]
    assert round_to_total(shares) == [63.0, 16.0, 14.0, 4.0, 2.0, 1.0]


@given(st.lists(st.floats(0, 1000), min_size=2, max_size=8), st.data())
def test_values_to_keep_round_as_usual_when_another_can_take_the_unit(values, data) -> None:
    keep = data.draw(st.sets(st.integers(0, len(values) - 1), max_size=len(values) - 1))
    rounded = round_to_total(values, 0, keep=keep)
    assert rounded == pytest.approx(round_to_total(values, 0), abs=1)  # a unit at most
    assert sum(rounded) == pytest.approx(sum(round_to_total(values, 0)))  # the same total
    moved = [i for i, v in enumerate(values) if rounded[i] != float(round_half_up(v, 0))]
    free = [i for i in range(len(values)) if i not in keep]
    # A kept value moves only once every other value has moved.
    assert not (set(moved) & keep) or set(free) <= set(moved)


def test_decimals_and_thousands() -> None:
    assert round_to_total([1.14, 1.14, 1.14], 1) == [1.2, 1.1, 1.1]  # total 3.42 prints 3.4
    assert round_to_total([1240.0, 1240.0, 1240.0], -3) == [2000.0, 1000.0, 1000.0]


def test_an_empty_list_and_a_bad_value() -> None:
    assert round_to_total([]) == []
    with pytest.raises(ValueError, match="finite"):
        round_to_total([1.0, math.nan])


@given(VALUES, DECIMALS)
@example([100 / 3] * 3, 0)
@example([0.5, 0.5, 0.5, 0.5], 0)
@example([-0.5, 1.5, -2.5], 0)
def test_the_rounded_values_add_up_to_the_rounded_total(values: list[float], decimals: int):
    rounded = round_to_total(values, decimals)
    assert sum(_units(rounded, decimals)) == _exact_total(values, decimals)


@given(VALUES, DECIMALS)
def test_each_value_moves_by_less_than_one_unit(values: list[float], decimals: int) -> None:
    unit = Decimal(1).scaleb(-decimals)
    for before, after in zip(values, round_to_total(values, decimals), strict=True):
        assert abs(Decimal(after) - Decimal(before)) < unit


@given(VALUES, DECIMALS)
@example([3.075856144178344e-31, -0.5], 0)  # the total is -0.4999..., not -0.5
def test_as_few_values_as_possible_differ_from_ordinary_rounding(values, decimals) -> None:
    ordinary = [_ordinary(v, decimals) for v in values]
    changed = sum(
        a != b for a, b in zip(_units(round_to_total(values, decimals), decimals), ordinary,
                               strict=True)
    )  # fmt: skip
    # Every change moves the sum by one unit, so this many changes are needed.
    assert changed == abs(_exact_total(values, decimals) - sum(ordinary))


@given(VALUES, DECIMALS)
def test_values_whose_rounding_already_adds_up_are_left_alone(values, decimals) -> None:
    ordinary = [_ordinary(v, decimals) for v in values]
    assume(sum(ordinary) == _exact_total(values, decimals))
    assert _units(round_to_total(values, decimals), decimals) == ordinary


@given(st.lists(st.integers(min_value=-(10**6), max_value=10**6), max_size=30), DECIMALS)
def test_values_already_on_the_last_place_are_unchanged(units: list[int], decimals: int):
    values = [float(Decimal(u).scaleb(-decimals)) for u in units]
    assert round_to_total(values, decimals) == values


# --------------------------------------------------------------------------- last_place
@pytest.mark.parametrize(
    ("format", "value", "place"),
    [
        ("plain:1", 143.2, (1.0, 1)),
        ("$plain:1B", 143.2, (1.0, 1)),
        ("percent:0", 63.0, (1.0, 0)),
        ("compact:1", 30160966, (1e6, 1)),
        ("compact:1", 999950, (1e6, 1)),  # printed "1.0M"
        ("compact:1", 949999, (1e3, 1)),  # printed "950.0K"
        ("compact:2", 1234.5, (1e3, 2)),
        ("compact:1", 512, (1.0, 1)),
    ],
)
def test_last_place_names_the_scale_and_decimals(format: str, value: float, place) -> None:
    assert last_place(NumberFormat.model_validate(format), value) == place


@given(
    st.floats(min_value=-1e13, max_value=1e13, allow_nan=False),
    st.sampled_from(["compact:0", "compact:1", "compact:2", "$compact:1", "plain:2"]),
)
def test_a_value_rounded_at_its_last_place_prints_as_the_value(value: float, code: str):
    """last_place agrees with the formatter: rounding there changes nothing printed."""
    fmt = NumberFormat.model_validate(code)
    scale, decimals = last_place(fmt, value)
    rounded = float(round_half_up(value / scale, decimals)) * scale
    assume(rounded != 0)  # the formatter writes -0.2 as '-0', a sign on nothing
    assert fmt.format(rounded) == fmt.format(value)


# --------------------------------------------------------------------------- write_in
@pytest.mark.parametrize(
    ("format", "value", "scale", "words", "text"),
    [
        ("compact:1", 5.0e5, 1e6, False, "0.5M"),
        ("$compact:1", -2.5e5, 1e6, False, "−$0.3M"),  # halves away from zero, as printed
        ("compact:1", 5.0e5, 1e6, True, "0.5 million"),
        ("compact:2", 1.5e9, 1e9, False, "1.5B"),
        ("compact:1", 512.0, 1.0, False, "512"),
        ("$plain:1B", 23.04, 1.0, False, "$23.0B"),  # not compact: written as the format says
        ("percent:0", 63.0, 1.0, True, "63 percent"),
    ],
)
def test_write_in_writes_in_the_unit_of_the_scale(format, value, scale, words, text) -> None:
    assert write_in(NumberFormat.model_validate(format), value, scale, words=words) == text


@given(
    st.floats(min_value=-1e13, max_value=1e13, allow_nan=False),
    st.sampled_from(["compact:0", "compact:1", "$compact:2", "plain:1", "percent:0"]),
)
def test_write_in_at_a_values_own_place_is_the_formatter(value: float, code: str) -> None:
    fmt = NumberFormat.model_validate(code)
    scale, _ = last_place(fmt, value)
    assert write_in(fmt, value, scale) == fmt.format(value)
