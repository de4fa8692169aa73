import pytest
from pydantic import ValidationError

from deckgen.outline.formats import NumberFormat


@pytest.mark.parametrize(
    ("shorthand", "value", "expected"),
    [
        ("compact:1", 30160966, "30.2M"),
        ("$compact:1", 143.2e9, "$143.2B"),
        ("percent:0", 67, "67%"),
        ("plain:0", 5234496, "5,234,496"),
        ("$plain:1B", 23, "$23.0B"),
        ("$plain:2B", 0.217, "$0.22B"),
        ("compact:1", 999_950, "1.0M"),
        ("compact:0", 250_000, "250K"),
        ("compact:1", 512, "512.0"),
        ("percent:0", -38, "-38%"),
        ("compact:1", None, "–"),
        ("compact:1", float("nan"), "–"),
    ],
)
def test_shorthand_formats_print_numbers_as_the_page_does(shorthand, value, expected):
    assert NumberFormat.model_validate(shorthand).format(value) == expected


def test_words_mode_spells_out_units_for_screen_readers():
    fmt = NumberFormat.model_validate("compact:1")
    assert fmt.format(30160966, words=True) == "30.2 million"
    assert NumberFormat.model_validate("percent:0").format(67, words=True) == "67 percent"


def test_a_bad_shorthand_is_rejected_with_the_expected_form():
    with pytest.raises(ValidationError, match=r"\[prefix\]style\[:decimals\]\[suffix\]"):
        NumberFormat.model_validate("millions")


def test_str_round_trips():
    fmt = NumberFormat.model_validate("$compact:1")
    assert NumberFormat.model_validate(str(fmt)) == fmt
