"""Template results that printed a wrong value instead of failing (a robustness review):
each is now an error naming what is wrong, or the right value."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from jinja2.exceptions import SecurityError

from deckgen.binding.tables import tables_for_templates
from deckgen.errors import BindingError
from tests.binding.test_sandbox import _env
from tests.helpers import PRODUCTION_CSV


def _render(template: str) -> str:
    from deckgen.binding.sandbox import render_bounded

    frame = pd.read_csv(io.StringIO(PRODUCTION_CSV), dtype=str, keep_default_na=False)
    names = dict(tables_for_templates({"production": frame}))
    return render_bounded(_env().from_string(template), names)


def test_a_number_too_long_for_int_is_an_error_not_zero():
    """Python refuses text of more than 4,300 digits; Jinja's int then gave 0."""
    with pytest.raises(BindingError, match="more than 1,228 digits"):
        _render("{{ ('9' * 5000) | int }}")
    assert _render("{{ ('9' * 1000) | int | string | length }}") == "1000"
    assert _render("{{ '12' | int }} {{ 'x' | int(default=0) }} {{ '7.9' | int }}") == "12 0 7"


@pytest.mark.parametrize(("template", "found"), [
    ("{{ 'x' | int }}", "'x'"), ("{{ '1e400' | int }}", "'1e400'"),
    ("{% set x = 'nan' %}{{ x | float | int }}", "nan"), ("{{ 'abc' | float }}", "'abc'"),
    ("{{ production.China.country | int }}", "'China'"),
])  # fmt: skip
def test_int_and_float_of_what_is_no_number_are_errors_not_zero(template, found):
    # Jinja's int and float give 0 for text that is no number (found by fuzzing); a
    # default given for it is what the user asked for.
    with pytest.raises(BindingError, match=f"expects a number, found {found}") as info:
        _render(template)
    assert "int(default=0)" in str(info.value.hint) or "float(default=0)" in str(info.value.hint)
    assert _render("{{ 'abc' | float(default=1.5) }} {{ 'abc' | int(7) }}") == "1.5 7"
    assert _render("{{ '3.5' | float }} {{ 2.9 | int }}") == "3.5 2"


#: Australia's 2023 production is '-' in PRODUCTION_CSV: a missing cell.
GONE = "production.Australia.production_2023"


@pytest.mark.parametrize("template", [
    f"{{{{ {GONE} | int }}}}", f"{{{{ {GONE} | float }}}}", f"{{{{ {GONE} | string }}}}",
    f"{{{{ {GONE} | upper }}}}", f"{{{{ {GONE} | abs }}}}", f"{{{{ {GONE} | round }}}}",
    f"{{{{ {GONE} | length }}}}", f"{{{{ {GONE} | tojson }}}}", f"{{{{ [{GONE}] | tojson }}}}",
    "{{ production.column('production_2023') | join(', ') }}",
    "{{ production.column('production_2023') | sum }}",
    "{{ production.column('production_2023') | max }}",
    "{{ production.column('production_2023') | sort | first }}",
    "{{ production.column('production_2023') }}",
    f"{{{{ {GONE} + 1 }}}}", f"{{{{ {GONE} - 1 }}}}", f"{{{{ {GONE} / 2 }}}}",
    f"{{{{ 10 // {GONE} }}}}", f"{{{{ -{GONE} }}}}", f"{{{{ '%s' % {GONE} }}}}",
    f"{{{{ '%s and %s' % (1, {GONE}) }}}}", f"{{{{ 'x' ~ {GONE} }}}}",
    f"{{{{ '{{}} cars'.format({GONE}) }}}}",
])  # fmt: skip
def test_a_missing_cell_is_an_error_in_every_filter_and_operator(template):
    # They printed 0, 'None', 'NONE', 'null' or '[None, ...]', or said "TypeError: bad
    # operand type for abs(): 'NoneType'" (found by fuzzing).
    with pytest.raises(BindingError) as info:
        _render(template)
    assert "no value" in str(info.value) or "missing" in str(info.value)


def test_every_filter_given_a_missing_cell_fails_but_default():
    env = _env()
    for name in sorted(env.filters):
        if name in ("default", "d"):
            continue
        given = "format('compact:1')" if name == "format" else name  # its one argument
        with pytest.raises(BindingError, match="no value"):
            _render(f"{{{{ {GONE} | {given} }}}}")
    assert _render(f"{{{{ {GONE} | default('n/a', true) }}}}") == "n/a"


@pytest.mark.parametrize("template", [
    "{{ [production] | map(attribute='__class__') | list }}",
    "{{ {'a': [production] | map(attribute='__class__') | first} }}",
    "{{ [production.China] | map(attribute='nope') | list }}",
])  # fmt: skip
def test_a_list_holding_an_undefined_value_is_an_error_not_undefined(template):
    """'[Undefined]' was printed on a slide."""
    with pytest.raises((SecurityError, BindingError)) as info:
        _render(template)
    assert "unsafe" in str(info.value) or "no column 'nope'" in str(info.value)


@pytest.mark.parametrize("n", [-5, 0, 2.5, True, "3"])
@pytest.mark.parametrize("method", ["top", "bottom"])
def test_top_and_bottom_take_a_count_of_one_or_more(method, n):
    """top(-5) was a Python slice: every row but the last five."""
    with pytest.raises(BindingError, match=rf"{method}\(n, column\) takes a number of rows"):
        _render(f"{{{{ production.{method}({n!r}, 'production_2023').count() }}}}")


def test_top_of_a_whole_float_is_that_many_rows():
    assert _render("{{ production.top(2.0, 'production_2023').count() }}") == "2"


@given(st.floats(min_value=-0.004, max_value=0.0), st.sampled_from(
    ["percent", "number", "number(1)", "currency", "percent(2)"]))  # fmt: skip
def test_a_number_shown_as_zero_has_no_minus_sign(value, spec):
    """-0.0 | percent wrote '−0%'. (A value that is not zero is written with the decimals
    it needs, signed: '−0.004%'.)"""
    text = _render(f"{{{{ {value!r} | {spec} }}}}")
    if not any(ch in "123456789" for ch in text):
        assert "\u2212" not in text and "-" not in text, text


def test_minus_zero_compact_and_format_write_zero():
    assert _render("{{ -0.0 | compact }} {{ -0.0 | format('percent:0') }}") == "0 0%"


def test_a_negative_number_keeps_its_minus_sign():
    assert _render("{{ -5 | percent }} {{ -0.05 | number(1) }}") == "\u22125% \u22120.1"
