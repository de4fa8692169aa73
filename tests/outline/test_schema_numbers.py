"""'true' and 'false' are a switch's values, never a number: pydantic reads them as 1 and 0,
so a number field given one is refused as 'top: true' is, in every model of the outline
(the one place numbers are typed: the models' base), and a switch stays a switch."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import Field, ValidationError

from deckgen.errors import OutlineError
from deckgen.outline.schema import AxisSpec, ReferenceLine, _Model
from tests.helpers import parse_outline

CHART = """\
deck: {title: T}
data:
  p: {file: p.csv}
slides:
  - kind: chart
    title: T
    chart:
      type: bar
      data: p
      x: a
      y: b
      FIELD
"""


@pytest.mark.parametrize(
    ("field", "line", "path"),
    [
        ("scale: true", 12, "slides[0].chart.scale"),
        ("reference: {value: true, label: Target}", 12, "slides[0].chart.reference.value"),
        ("axis: {max: false}", 12, "slides[0].chart.axis.max"),
    ],
)
def test_a_switch_where_a_number_goes_is_refused_at_its_field(field, line, path):
    with pytest.raises(OutlineError) as info:
        parse_outline(CHART.replace("FIELD", field), Path("deck.yaml"))
    [problem] = info.value.problems
    assert problem.location is not None
    assert (problem.location.line, problem.location.field) == (line, path)
    assert problem.message.startswith("expected a number; found ")
    assert problem.hint == "write a number"


def test_a_number_and_a_switch_still_read_as_written():
    assert ReferenceLine(value=3, label="L").value == 3.0
    assert ReferenceLine(value="mean", label="L").value == "mean"
    assert AxisSpec(min=0, max=2.5, zero=True).max == 2.5
    with pytest.raises(ValidationError, match="expected a number; found false"):
        AxisSpec(min=False)


def test_every_model_on_the_base_refuses_a_switch_for_a_number_even_in_a_union():
    class Thing(_Model):
        count: int = 0
        share: float | None = None
        either: str | int = "x"  # a union: its number member refuses, and True is no text
        flags: list[bool] = Field(default_factory=list)
        cells: dict[str, str | int | float | bool] = Field(default_factory=dict)  # a switch too

    for given in ({"count": True}, {"share": False}, {"either": True}):
        with pytest.raises(ValidationError, match="expected a number"):
            Thing(**given)
    thing = Thing(count=2, share=0.5, flags=[True], cells={"a": True, "b": 1})
    assert thing.cells == {"a": True, "b": 1} and type(thing.cells["a"]) is bool


def test_a_strict_number_field_given_text_says_what_to_write():
    # A field that takes no text for a number ('footer:', a count of lines) said pydantic's
    # "Input should be a valid integer". ('header:' was the example; it takes 'none' too,
    # and says so: tests/tables/test_sources_real.py.)
    text = "deck: {title: T}\ndata:\n  p: {file: p.csv, footer: '3'}\nslides:\n"
    text += "  - kind: section\n    title: T\n"
    with pytest.raises(OutlineError) as info:
        parse_outline(text, Path("deck.yaml"))
    assert str(info.value) == (
        "deck.yaml:3: data.p.footer: expected a whole number, found '3'\n"
        "  hint: write digits only, e.g. 10"
    )


def test_a_waterfall_bar_and_a_formats_decimals_refuse_a_switch_too():
    """Two models not built on the base: a start bar's value 'true' drew a bar of 1, and
    'decimals: true' wrote one decimal."""
    from deckgen.kinds.charts.waterfall import BarSpec
    from deckgen.outline.formats import NumberFormat

    with pytest.raises(ValidationError, match="expected a number; found true"):
        BarSpec(label="2008", value=True)
    assert BarSpec(label="2008", value=3).value == 3.0
    with pytest.raises(ValidationError):
        NumberFormat(style="plain", decimals=True)
    assert NumberFormat(style="plain", decimals=2).decimals == 2


@pytest.mark.parametrize("given", ["yes", "on", "no", "off", "true", 1, 0, 1.0])
def test_a_switch_is_only_true_or_false(given):
    # pydantic read 'yes', 'on', 1 and "true" as true (found by fuzzing); the README says
    # only true and false are switches ('yes' stays text, as a rows: table keeps it).
    with pytest.raises(OutlineError) as info:
        parse_outline(CHART.replace("FIELD", f"value_labels: {given!r}"), Path("deck.yaml"))
    [problem] = info.value.problems
    assert problem.location.field == "slides[0].chart.value_labels"
    assert problem.message.startswith("expected true or false, found ")

    class Thing(_Model):
        flag: bool = False
        either: bool | str = "x"  # a union still takes the text

    if isinstance(given, str):
        assert Thing(either=given).either == given
    assert Thing(flag=True).flag is True


@pytest.mark.parametrize("change", [("type: bar", "type: LONG"), ("FIELD", "value_labels: LONG")])
def test_a_long_value_found_is_shown_by_its_start_and_length(change):
    # A 10,000-character value was printed whole in the error (found by fuzzing).
    text = CHART.replace(*change).replace("FIELD", "").replace("LONG", "x" * 5000)
    with pytest.raises(OutlineError) as info:
        parse_outline(text, Path("deck.yaml"))
    [problem] = info.value.problems
    assert "(5,000 characters)" in problem.message and len(problem.message) < 300


@pytest.mark.parametrize(("name", "usable"), [("bad name", "bad_name"), ("2023", "v_2023"),
                                              ("if", "v_if")])  # fmt: skip
def test_a_var_no_template_can_name_is_refused_with_a_name_it_can(name, usable):
    # A var named 'bad name' was taken without a word, and no template could read it
    # (found by fuzzing).
    text = CHART.replace("FIELD", "").replace("slides:", f"vars:\n  {name!r}: 5\nslides:")
    with pytest.raises(OutlineError) as info:
        parse_outline(text, Path("deck.yaml"))
    [problem] = info.value.problems
    assert problem.location.field == "vars" and f"found {name!r}" in problem.message
    assert problem.hint == f"rename it, e.g. {usable!r}"
