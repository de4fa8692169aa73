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
    assert _render("{{ '12' | int }} {{ 'x' | int }} {{ '7.9' | int }}") == "12 0 7"


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
    """-0.0 | percent wrote '−0%'."""
    text = _render(f"{{{{ {value!r} | {spec} }}}}")
    assert "\u2212" not in text and "-" not in text, text


def test_minus_zero_compact_and_format_write_zero():
    assert _render("{{ -0.0 | compact }} {{ -0.0 | format('percent:0') }}") == "0 0%"


def test_a_negative_number_keeps_its_minus_sign():
    assert _render("{{ -5 | percent }} {{ -0.05 | number(1) }}") == "\u22125% \u22120.1"
