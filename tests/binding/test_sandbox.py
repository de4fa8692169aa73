# ruff: noqa: E501  (templates read best unbroken)
"""The sandbox bounds every operation that can grow a value before it runs: each hostile
template below is refused in well under a second without allocating much."""

import time
import tracemalloc

import pytest
from babel import Locale
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jinja2 import StrictUndefined

from deckgen.binding.filters import finalizer, make_filters
from deckgen.binding.sandbox import MAX_TEXT, Sandbox, render_bounded, weight
from deckgen.errors import BindingError

LOOP = "{% set ns = namespace(s='ab') %}{% for i in range(64) %}"
HOSTILE = [
    ("{{ '%1500000000d' % 1 }}", "'%' formatting"),
    ("{{ '%*d' % (1500000000, 1) }}", "'*' width"),
    ("{{ '%(a)s%(a)s%(a)s' % {'a': 'x' * 9000} }}", "'%' formatting"),
    ("{{ '{0:>1500000000}'.format(1) }}", "format() with '>1500000000'"),
    ("{{ '{0:.1500000000f}'.format(1.5) }}", "format() with"),
    ("{{ '{0}{0}{0}'.format('x' * 9000) }}", "format() with"),
    ("{{ '{x:>{w}}'.format_map({'x': 1, 'w': 10**9}) }}", "format() with"),
    (LOOP + "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s | length }}", "joining these texts"),
    (LOOP + "{% set ns.s = ns.s + ns.s %}{% endfor %}{{ ns.s | length }}", "'+' would make"),
    (LOOP + "{% set ns.s %}{{ ns.s }}{{ ns.s }}{% endset %}{% endfor %}{{ ns.s|length }}", "joining"),
    ("{% set s = 'x' * 5000 %}{{ s ~ s ~ s ~ s }}", "joining these texts"),
    ("{% set l = ['x' * 9000] * 1 %}{{ (l + l + l) | length }}", "'+' would make"),
    ("{% set l = range(5000) | list %}{{ l | join('x' * 100) | length }}", "join would make"),
    ("{{ range(100000) | list | string | length }}", "as text would be"),
    ("{{ range(100000) | list | tojson | length }}", "tojson would make"),
    ("{{ range(100000) | list }}", "printed would be"),
    ("{{ ('x' * 9999) | replace('', 'yyyy') | length }}", "replace would make"),
    ("{{ range(10) | batch(1) | sum(start=['x' * 9990]) | length }}", "sum would make"),
    ("{{ 1 | number(300000000) }}", "number writes 0 to 6 decimals, found 300000000"),
    ("{{ 1 | percent(10**9) }}", "percent writes 0 to 6 decimals"),
    ("{{ 1 | currency(decimals=10**9) }}", "currency writes 0 to 6 decimals"),
    ("{{ 1 | compact(10**9) }}", "compact writes 0 to 6 decimals"),
    ("{{ ('9' * 4000) | number }}", "a text of 4,000 characters"),
    ("{{ 5 | round(-1000000000) }}", "round takes a precision"),
    ("{{ 5.5 | round(10**9, 'ceil') }}", "round takes a precision"),
    ("{{ range(10) | slice(10**9) | list | length }}", "slice takes a count"),
    ("{{ (10 ** 300) ** 300 }}", "more than 1,228 digits"),
    ("{% set ns = namespace(n=10**300) %}{% for i in range(40) %}{% set ns.n = ns.n * ns.n %}"
     "{% endfor %}{{ ns.n }}", "more than 1,228 digits"),
    ("{{ lipsum(10**9) }}", "lipsum"),
]  # fmt: skip


def _env() -> Sandbox:
    locale = Locale.parse("en_US")
    env = Sandbox(undefined=StrictUndefined, autoescape=False, finalize=finalizer(locale))
    env.filters.update(make_filters(locale))
    return env


def render(template: str) -> str:
    return render_bounded(_env().from_string(template), {})


@pytest.mark.parametrize(("template", "reason"), HOSTILE, ids=[r for _, r in HOSTILE])
def test_a_hostile_template_is_refused_fast_and_small(template, reason):
    tracemalloc.start()
    start = time.perf_counter()
    try:
        with pytest.raises(Exception) as info:
            render(template)
        elapsed = time.perf_counter() - start
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert elapsed < 0.5
    assert peak < 20_000_000
    assert reason in str(info.value)
    # lipsum is gone (undefined); everything else is a BindingError the field names.
    assert isinstance(info.value, BindingError) or "lipsum" in str(info.value)


@pytest.mark.parametrize(
    ("template", "text"),
    [
        ("{{ '%5.1f%%' % 12.345 }}", "12.3%"),
        ("{{ '%(a)s-%(b)d' % {'a': 'x', 'b': 2} }}", "x-2"),
        ("{{ '{:>6,.1f}'.format(1234.5) }}", "1,234.5"),
        ("{{ '{x}/{y}'.format_map({'x': 1, 'y': 2}) }}", "1/2"),
        ("{{ 'a' ~ 1 ~ [2] }}", "a1[2]"),
        ("{% set s %}{{ 'x' * 3 }}{% endset %}{{ s ~ s }}", "xxxxxx"),
        ("{{ [1, 2] + [3] }}", "[1, 2, 3]"),
        ("{{ ['a', 'b'] | join(', ') }}", "a, b"),
        ("{{ [{'n': 'a'}, {'n': 'b'}] | join('/', attribute='n') }}", "a/b"),
        ("{{ [1, 2, 3] | sum }}", "6"),
        ("{{ 12.345 | round(1) }}", "12.3"),
        ("{{ range(5) | slice(2) | list | length }}", "2"),
        ("{{ 2 ** 10 * 3 }}", "3072"),
        ("{{ ('x' * 10000) | length }}", "10000"),
        ("{{ 1234.5 | number(2) }}", "1,234.50"),
        ("{{ {'a': 1} | tojson }}", '{"a": 1}'),
    ],
)
def test_ordinary_templates_still_work(template, text):
    assert render(template).strip() == text


def test_weight_stops_counting_past_the_limit():
    huge = ["x" * 100] * 10**6
    start = time.perf_counter()
    assert weight(huge) > MAX_TEXT
    assert time.perf_counter() - start < 0.05
    assert weight("abc") == 5 and weight([1, 2]) == 6


def test_a_hostile_template_in_an_outline_names_the_field(tmp_path):
    from tests.binding.test_bind import fails

    message = fails(
        tmp_path, "  - {kind: bullets, title: \"{{ '%1500000000d' % 1 }}\", items: [a]}\n"
    )
    assert "deck.yaml:9: slides[0].title: cannot fill in" in message
    assert "longer than 10,000 characters" in message


_ATOMS = st.sampled_from(
    ["1", "10**300", "'x'", "'x' * 9999", "ns.s", "[1, 2]", "range(3) | list", "'%9999d'",
     "'{0:>9999}'", "2.5", "(ns.s ~ ns.s)", "none"]
)  # fmt: skip
_OPS = st.sampled_from([" ~ ", " + ", " * ", " % ", " ** ", " // "])
_FILTERS = st.sampled_from(
    ["", " | string", " | join('xx')", " | replace('x', 'yy')", " | length", " | number(2)",
     " | round(2)", " | tojson", " | list", " | sum", " | upper"]
)  # fmt: skip


@st.composite
def _templates(draw: st.DrawFn) -> str:
    expr = draw(_ATOMS)
    for _ in range(draw(st.integers(0, 4))):
        expr = f"({expr}{draw(_OPS)}{draw(_ATOMS)}){draw(_FILTERS)}"
    loop = draw(st.integers(0, 30))
    return (
        "{% set ns = namespace(s='ab') %}"
        f"{{% for i in range({loop}) %}}{{% set ns.s = {expr} %}}{{% endfor %}}{{{{ {expr} }}}}"
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_templates())
def test_random_templates_render_small_or_raise_a_binding_error_fast(template):
    tracemalloc.start()
    start = time.perf_counter()
    try:
        try:
            text = render(template)
        except BindingError:
            text = ""
        except (TypeError, ValueError, ArithmeticError, LookupError) as exc:
            # Type mismatches ('x' ** 2) are the template's own mistake; bind.py names them.
            text = type(exc).__name__
        elapsed = time.perf_counter() - start
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(text) <= MAX_TEXT
    assert elapsed < 1.0, template
    assert peak < 20_000_000, template
