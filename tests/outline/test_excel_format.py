"""NumberFormat -> Excel format code: the code, applied with Excel's rules, writes what
NumberFormat.format_values writes for the same values (one unit and one precision per
series, as Excel has one code a series), true minus signs included."""

from __future__ import annotations

import re

import pytest

from deckgen.outline.formats import NumberFormat, excel_format, round_half_up


def apply_excel(code: str, value: float) -> str:
    """Excel's rules for the codes deckgen writes: sections positive;negative;zero,
    quoted or backslash-escaped literals, '#,##0.00' digits with a thousands separator,
    and each comma right after the digits dividing by 1,000."""
    positive, negative, zero = code.split(";")
    if value == 0:
        section = zero
    elif value < 0:
        section, value = negative, -value
    else:
        section = positive
    digits = re.search(r"#,##0(\.0+)?(,*)", section)
    if digits is None:
        return _literals(section)
    decimals = len(digits.group(1) or ".") - 1
    scaled = value / 1000 ** len(digits.group(2))
    number = f"{round_half_up(scaled, decimals):,.{decimals}f}"  # Excel rounds halves up
    return _literals(section[: digits.start()]) + number + _literals(section[digits.end() :])


def _literals(part: str) -> str:
    return re.sub(r'"([^"]*)"|\\(.)', lambda m: m.group(1) or m.group(2) or "", part)


@pytest.mark.parametrize(
    ("shorthand", "values"),
    [
        ("compact:1", [30_160_966, 5_234_496, 155_157 * 10, 999_950]),
        ("$compact:1", [143.2e9, 23.0e9, -2.5e9]),
        ("compact:0", [250_000, 12_000, 999]),
        ("compact:0", [642_000, 120_000]),
        ("$compact:1", [910_000, 1_700_000]),
        ("compact:1", [12_000, 2_500_000]),
        ("percent:0", [67, 119, -38, 0.4]),
        ("$plain:1B", [89.9, 1.7, 143.2, -3.25]),
        ("$plain:2B", [0.217, 12.5]),
        ("plain:0", [5_234_496, 12, -7]),
        ('plain:1 "units"', [3.25]),
    ],
)
def test_excel_code_writes_what_the_format_writes(shorthand, values):
    fmt = NumberFormat.model_validate(shorthand)
    code = excel_format(fmt, values)
    shown = [apply_excel(code, v) for v in values]
    assert shown == fmt.format_values(values), code


def test_compact_takes_the_unit_of_the_largest_value():
    fmt = NumberFormat.model_validate("compact:1")
    code = excel_format(fmt, [30_160_966, 155_157])
    assert code == '#,##0.0,,"M";"−"#,##0.0,,"M";0'
    assert apply_excel(code, 155_157) == "0.2M"  # one unit for the series: not 155.2K


def test_percent_is_a_literal_sign_not_excels_times_100():
    code = excel_format(NumberFormat.model_validate("percent:0"), [45, -3])
    assert code == '#,##0"%";"−"#,##0"%";#,##0"%"'
    assert apply_excel(code, 45) == "45%"
    assert apply_excel(code, -3) == "−3%"


def test_ticks_take_as_few_decimals_as_their_step_needs_and_zero_is_bare():
    fmt = NumberFormat.model_validate("$compact:1")
    code = excel_format(fmt, [0, 10e6, 20e6, 30e6], ticks=True)
    assert apply_excel(code, 0) == "$0"
    assert apply_excel(code, 20e6) == "$20M"
    assert apply_excel(code, -10e6) == "−$10M"
