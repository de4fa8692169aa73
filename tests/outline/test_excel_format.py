"""NumberFormat -> Excel format code: the code, applied with Excel's rules, writes what
NumberFormat.format writes (with one compact unit per series, the largest value's)."""

from __future__ import annotations

import re

import pytest

from deckgen.outline.formats import NumberFormat, excel_format


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
    number = f"{scaled:,.{decimals}f}"
    return _literals(section[: digits.start()]) + number + _literals(section[digits.end() :])


def _literals(part: str) -> str:
    return re.sub(r'"([^"]*)"|\\(.)', lambda m: m.group(1) or m.group(2) or "", part)


@pytest.mark.parametrize(
    ("shorthand", "values"),
    [
        ("compact:1", [30_160_966, 5_234_496, 155_157 * 10, 999_950]),
        ("$compact:1", [143.2e9, 23.0e9, -2.5e9]),
        ("compact:0", [250_000, 12_000, 999]),
        ("percent:0", [67, 119, -38, 0.4]),
        ("$plain:1B", [89.9, 1.7, 143.2, -3.25]),
        ("$plain:2B", [0.217, 12.5]),
        ("plain:0", [5_234_496, 12, -7]),
        ('plain:1 "units"', [3.25]),
    ],
)
def test_excel_code_writes_what_the_format_writes(shorthand, values):
    fmt = NumberFormat.model_validate(shorthand)
    code = excel_format(fmt, max(abs(v) for v in values))
    largest = max(values, key=abs)
    assert apply_excel(code, largest) == fmt.format(largest)
    # Every value of the series shares the largest value's unit (Excel: one code a series).
    for value in values:
        shown = apply_excel(code, value)
        if fmt.style != "compact" or fmt.format(value)[-1] == fmt.format(largest)[-1]:
            assert shown == fmt.format(value), (code, value)


def test_compact_takes_the_unit_of_the_largest_value():
    fmt = NumberFormat.model_validate("compact:1")
    code = excel_format(fmt, 30_160_966)
    assert code == '#,##0.0,,"M";-#,##0.0,,"M";0'
    assert apply_excel(code, 155_157) == "0.2M"  # the picture would say 155.2K


def test_percent_is_a_literal_sign_not_excels_times_100():
    code = excel_format(NumberFormat.model_validate("percent:0"))
    assert code == '#,##0"%";-#,##0"%";0'
    assert apply_excel(code, 45) == "45%"


def test_zero_is_a_bare_zero_and_decimals_can_be_overridden():
    fmt = NumberFormat.model_validate("$compact:1")
    code = excel_format(fmt, 30e6, decimals=0)
    assert apply_excel(code, 0) == "0"
    assert apply_excel(code, 20e6) == "$20M"
