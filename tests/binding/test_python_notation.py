# ruff: noqa: E501  (one-line YAML slides read best unbroken)
"""Values a template printed in Python's notation on slides and cards (fuzzing round 5,
F8): a list as "['China', 'USA']", true or false as 'True', a tiny float as '1e-07', an
empty cell joined on as 'None'. Each is now prose, a number as the number filter writes
it, or an error naming the field and the template, with how to write it."""

from __future__ import annotations

import pytest

from deckgen.binding.bind import bind_outline
from deckgen.errors import BindingError
from deckgen.tables.sources import load_tables
from tests.binding.test_bind import fails
from tests.binding.test_silent_values import _render
from tests.helpers import HEADER, load_outline, write_project

SHARES = (
    "country,production_2023,share\nChina,30160966,0.0000001\nUSA,10611555,12.5\nJapan,8997440,3\n"
)


def _bound(tmp_path, body: str, header: str = HEADER) -> dict[str, str]:
    """Each field's text, by its path, of ``header`` and ``body`` over :data:`SHARES`."""
    files = {"production.csv": SHARES}
    loaded = load_outline(write_project(tmp_path, header + body, files))
    bound = bind_outline(loaded, load_tables(loaded))
    return {".".join(map(str, b.path)): b.text for b in bound.bindings}


def test_a_list_of_names_prints_as_a_sentence_lists_them(tmp_path):
    texts = _bound(
        tmp_path,
        """\
  - kind: bullets
    title: "Leaders: {{ production.top(2, 'production_2023').column('country') }}"
    items:
      - "{{ production.column('country') }}"
      - "Only {{ production.top(1, 'production_2023').column('country') }}"
      - "{{ [1, 2.5, 2010.0] }}"
""",
    )
    assert texts["slides.0.title"] == "Leaders: China and USA"  # was "['China', 'USA']"
    assert texts["slides.0.items.0"] == "China, USA and Japan"
    assert texts["slides.0.items.1"] == "Only China"
    assert texts["slides.0.items.2"] == "1, 2.5 and 2010"


def test_a_list_is_joined_with_the_decks_own_word(tmp_path):
    german = HEADER.replace("  date: November 2026\n", "  date: November 2026\n  locale: de_DE\n")
    body = "  - {kind: bullets, title: \"{{ production.column('country') }}\", items: [a]}\n"
    assert _bound(tmp_path / "de", body, german)["slides.0.title"] == "China, USA und Japan"
    chosen = HEADER.replace("  date: November 2026\n",
                            "  date: November 2026\n  words: {shown: {last_name: '&'}}\n")  # fmt: skip
    assert _bound(tmp_path / "own", body, chosen)["slides.0.title"] == "China, USA & Japan"


@pytest.mark.parametrize(("template", "said", "hint"), [
    ("{{ production.China.production_2023 > 1000 }}",
     "{{ production.China.production_2023 > 1000 }} is true, what a comparison or a test gives",
     "{{ 'up' if new > old else 'down' }}"),
    ("{{ {'a': 1} }}", "is a mapping ({a: 1})", "{{ value['name'] }}"),
    ("{{ production.column('country') | select('equalto', 'Korea') | list }}", "is an empty list",
     "default('none', true)"),
    ("{{ [['a'], ['b']] }}", "is a list of lists ([['a'], ['b']])", "pick one item, {{ value[0] }}"),
    ("{{ [production.China.production_2023 > 1] }}", "is a list of true or false", "pick one"),
    ("Up: {{ 'x' ~ (2 > 1) }}", "is true", "{% if ... %}"),
])  # fmt: skip
def test_what_has_no_words_is_an_error_naming_the_field_and_template(
    tmp_path, template, said, hint
):
    message = fails(tmp_path, f'  - {{kind: bullets, title: "{template}", items: [a]}}\n')
    assert f"deck.yaml:9: slides[0].title: cannot fill in {template!r}" in message
    assert said in message and "hint: " in message and hint in message.split("hint: ")[1]


def test_a_float_python_writes_with_an_exponent_is_written_as_a_number(tmp_path):
    """'1e-07' and '1.23456789012e+14' (digits lost): written as ``number`` writes them,
    a value it writes as 0 (under 0.0000005, rounding noise) as 0; ordinary floats as
    before, byte for byte."""
    texts = _bound(
        tmp_path,
        """\
  - kind: bullets
    title: "{{ production.China.share }} and {{ production.USA.share }}"
    items:
      - "{{ 0.00005 }} {{ -0.00005 }} {{ 123456789012345.6 }} {{ 1e20 }} {{ 0.1 + 0.2 - 0.3 }}"
      - "{{ 12.5 }} {{ 1 / 3 }} {{ 129.7 - 138.4 }} {{ 2010.0 }} {{ 0.0001 }}"
""",
    )
    assert texts["slides.0.title"] == "0 and 12.5"
    assert texts["slides.0.items.0"] == (
        "0.00005 \u22120.00005 123,456,789,012,346 100,000,000,000,000,000,000 0"
    )
    assert texts["slides.0.items.1"] == "12.5 0.333333333333 \u22128.7 2010 0.0001"


def test_join_writes_each_item_as_the_template_prints_it():
    assert _render("{{ [2010.0, 0.00005, 12.5] | join(', ') }}") == "2010, 0.00005, 12.5"
    with pytest.raises(BindingError, match="an item given to 'join' is true"):
        _render("{{ [1, 2 > 1] | join(', ') }}")
    # select's items were not seen by the check before the filter: 'None' (fuzzing).
    with pytest.raises(BindingError, match="an item given to the filter 'join' got no value"):
        _render("{{ [none, 1] | select('none') | join(', ') }}")


@pytest.mark.parametrize("template", ["{{ 'x' ~ none }}", "{{ ('x' ~ none) | upper }}",
                                      "{{ 'x' ~ true }}"])  # fmt: skip
def test_a_joined_constant_is_printed_as_its_parts_are(template):
    """Jinja folded a ``~`` of constants when compiling: 'xNone', 'XNONE', 'xTrue'."""
    with pytest.raises(BindingError):
        _render(template)
