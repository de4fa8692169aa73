"""The one number formatter: a number on its own (templates, callouts, alt text) and numbers
read together (an axis, a chart's labels, a table column)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from deckgen.outline.formats import MINUS, NumberFormat, compact_unit


def nf(shorthand: str) -> NumberFormat:
    return NumberFormat.model_validate(shorthand)


@pytest.mark.parametrize(
    ("shorthand", "value", "expected"),
    [
        ("compact:1", 30160966, "30.2M"),
        ("$compact:1", 143.2e9, "$143.2B"),
        ("percent:0", 67, "67%"),
        ("plain:0", 5234496, "5,234,496"),
        ("$plain:1B", 23, "$23.0B"),
        ("$plain:2B", 0.217, "$0.22B"),
        ("compact:1", 999_950, "1M"),
        ("compact:0", 250_000, "250K"),
        ("compact:0", 642_000, "642K"),  # was "1M": rounding 0.642M to no decimals
        ("compact:0", 999_700, "1M"),
        ("compact:0", 999.7, "1K"),
        ("compact:1", 512, "512"),
        ("compact:1", 4.25e6, "4.3M"),  # halves round up, as in the templates
        ("percent:0", -38, "−38%"),
        ("$compact:1", -2.5e9, "−$2.5B"),
        ("plain:1", -0.04, "−0.04"),  # more decimals, not '0.0' (see below)
        ("plain:1", -4e-8, "0.0"),  # no minus on a number that rounds to zero
        ("compact:1", None, "–"),
        ("compact:1", float("nan"), "–"),
    ],
)
def test_one_number_is_written_as_the_page_does(shorthand, value, expected):
    assert nf(shorthand).format(value) == expected


def test_words_mode_spells_out_units_for_screen_readers():
    assert nf("compact:1").format(30160966, words=True) == "30.2 million"
    assert nf("percent:0").format(67, words=True) == "67 percent"
    assert nf("percent:0").format(-38, words=True) == f"{MINUS}38 percent"


def test_a_bad_shorthand_is_rejected_with_the_expected_form():
    with pytest.raises(ValidationError, match=r"\[prefix\]style\[:decimals\]\[suffix\]"):
        NumberFormat.model_validate("millions")


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("pct:0", "did you mean 'percent:0'?"),
        ("$comapct:1B", "did you mean '$compact:1B'?"),
        ("xyz", "write one such as 'percent:0' (38%), 'compact:1' (1.2M) or '+$compact:1' "
                "(+$1.2M)"),
    ],
)  # fmt: skip
def test_a_bad_format_field_s_fix_is_not_its_message_again(tmp_path, written, hint):
    """A bad 'format:' said what it expected, then gave the same words as the fix ('write a
    number format [+][prefix]style...'), its did-you-mean left at the message's end (found
    in review). The fix is the format corrected, or examples with what each writes."""
    from deckgen.errors import OutlineError
    from tests.helpers import parse_outline

    text = (
        "deck: {title: T}\nslides:\n  - kind: chart\n    title: T\n"
        f"    chart: {{type: bar, data: d, x: a, y: b, format: '{written}'}}\n"
    )
    with pytest.raises(OutlineError) as info:
        parse_outline(text, tmp_path / "deck.yaml")
    [problem] = info.value.problems
    assert problem.message == (
        "expected a number format [+][prefix]style[:decimals][suffix] with style plain, "
        f"compact or percent, found {written!r}"
    )
    assert problem.hint == hint


def test_decimals_are_read_whole_not_as_a_digit_and_a_suffix():
    # 'compact:12' once read as one decimal and the suffix '2': a wrong number, silently.
    with pytest.raises(ValidationError, match="less than or equal to 6"):
        NumberFormat.model_validate("compact:12")
    assert NumberFormat.model_validate("compact:1 pp").suffix == " pp"


@pytest.mark.parametrize("shorthand", ["compact:-1", "plain:two", "percent:1.5", "compact:"])
def test_decimals_the_pattern_cannot_read_are_an_error_not_a_suffix(shorthand):
    # 'compact:-1' was read as compact with the suffix ':-1': every label read '30.2M:-1'.
    with pytest.raises(ValidationError, match="a whole number from 0 to 6"):
        NumberFormat.model_validate(shorthand)


def test_str_round_trips():
    fmt = nf("$compact:1")
    assert NumberFormat.model_validate(str(fmt)) == fmt


def test_the_long_form_asks_for_a_unit_per_value():
    each = NumberFormat.model_validate({"style": "compact", "decimals": 1, "prefix": "$",
                                        "units": "each"})  # fmt: skip
    assert each.format_values([910_000, 1_700_000]) == ["$910.0K", "$1.7M"]
    # Ticks take the decimals each needs in its own unit: 16,500 is 16.5 thousands (the
    # decimals were counted on 16,500 itself, and it read '$17K').
    assert each.format_values([15_000, 16_500], ticks=True) == ["$15.0K", "$16.5K"]
    assert each.format_values([1, 1_000, 1_000_000], ticks=True) == ["$1", "$1K", "$1M"]


@pytest.mark.parametrize(
    ("shorthand", "values", "expected"),
    [
        # One unit, the largest value's: never "$910.0K" beside "$1.7M".
        ("$compact:1", [910_000, 1_700_000], ["$0.9M", "$1.7M"]),
        # A small value gets the decimals that keep it from reading zero.
        ("compact:1", [12_000, 2_500_000], ["0.01M", "2.50M"]),
        # In no unit too: 0.004, 0.0015 and 0.0008 all read '0.0' (found by fuzzing).
        ("compact:1", [0.004, 0.0015, 0.0008], ["0.0040", "0.0015", "0.0008"]),
        # ...and close: 0.0008 is not '0.001' (a quarter off), Brazil's +7,611 vehicles
        # are not '+0.01M' (a third off); '0.01M' for 12,000 is within a fifth.
        ("compact:1", [0.004, 0.0008], ["0.0040", "0.0008"]),
        ("compact:1", [0.004, 0.0009, 0.0013], ["0.0040", "0.0009", "0.0013"]),
        ("compact:1", [7_611, 24_926_470], ["0.008M", "24.926M"]),
        ("plain:1", [0.0123, 5], ["0.01", "5.00"]),
        ("percent:0", [0.4, 12], ["0.4%", "12.0%"]),
        ("compact:0", [642_000, 120_000], ["642K", "120K"]),
        ("compact:1", [0, 1_500_000, None], ["0", "1.5M", "–"]),
        ("percent:1", [4.25, -0.5], ["4.3%", "−0.5%"]),
        ("plain:0", [2001, 2023], ["2,001", "2,023"]),
        # Counts too small for a unit are written whole, not '3.0' and '2.0'; with a
        # fraction among them, all take the decimal; with a unit, the format's decimals.
        ("compact:1", [3, 2, 50], ["3", "2", "50"]),
        ("compact:1", [3, 2.5], ["3.0", "2.5"]),
        ("compact:1", [12_000_000, 10_000_000], ["12.0M", "10.0M"]),
    ],
)
def test_numbers_read_together_share_a_unit_and_a_precision(shorthand, values, expected):
    assert nf(shorthand).format_values(values) == expected


def test_ticks_take_as_few_decimals_as_their_step_needs():
    fmt = nf("compact:1")
    # Steps finer than four decimals: each tick its own (they all read '0.0'; fuzzing).
    ticks = [0, 0.00005, 0.0001, 0.00015]
    assert fmt.format_values(ticks, ticks=True) == ["0", "0.00005", "0.00010", "0.00015"]
    assert fmt.format_values([0, 1e7, 2e7, 3e7], ticks=True) == ["0", "10M", "20M", "30M"]
    assert fmt.format_values([0, 2.5e6, 5e6], ticks=True) == ["0", "2.5M", "5.0M"]
    assert fmt.format_values([0, 5e5, 1e6], ticks=True) == ["0", "0.5M", "1.0M"]
    assert nf("percent:0").format_values([-40, 0, 40], ticks=True) == ["−40%", "0%", "40%"]
    assert nf("$compact:1").format_values([0, 5e8, 1e9], ticks=True) == ["$0", "$0.5B", "$1.0B"]


def test_small_labels_take_decimals_up_to_six_to_read_close():
    """0.00003 beside 0.00025 read '0.0000' at four decimals (found by fuzzing)."""
    shown = nf("compact:1").format_values([0.0001, 0.00025, 0.00003])
    assert shown == ["0.00010", "0.00025", "0.00003"]
    # Past six decimals: no more decimals for a value they cannot write (the chart check
    # refuses a series whose largest is so small).
    assert nf("compact:1").format_values([1e-7, 0.5]) == ["0.0", "0.5"]


@pytest.mark.parametrize(
    ("shorthand", "value", "expected"),
    [
        # A donut's total of 0.00038 read '0' (found by fuzzing).
        ("compact:1", 0.00038, "0.0004"),
        ("compact:1", -0.00038, "−0.0004"),
        ("plain:0", 0.3, "0.3"),
        ("percent:0", 0.004, "0.004%"),
        ("compact:1", 0.0008, "0.0008"),  # not '0.001', a quarter off
        # What reads as itself, or zero, keeps the format's decimals.
        ("compact:1", 0, "0"),
        ("compact:1", 2_300_000, "2.3M"),
        ("plain:0", 12.4, "12"),
        ("compact:1", 1e-9, "0"),  # past six decimals: the chart check refuses such series
    ],
)
def test_a_number_on_its_own_never_reads_zero(shorthand, value, expected):
    assert nf(shorthand).format(value) == expected


@given(st.sampled_from(["plain", "compact"]), st.integers(0, 3), st.floats(0.006, 0.999))
def test_a_number_on_its_own_reads_within_a_fifth_of_itself(style, decimals, fraction):
    """One the format's decimals write as 0 reads within a fifth of itself (a value they do
    not, 0.0625 at one decimal, reads as they write it: '0.1'); six decimals write one of
    3e-6 so."""
    value = fraction * 0.5 * 10.0**-decimals  # under what the format's decimals write
    text = NumberFormat(style=style, decimals=decimals).format(value)
    shown = float(re.sub(r"[^\d.]", "", text))
    assert abs(shown - value) <= 0.2 * value + 1e-12 or shown >= 1, text


def test_counts_under_ten_thousand_that_thousands_would_write_far_off_are_written_whole():
    """Engagements of 62, 88 and 143 beside 2,100 all read '0.1K' under the default
    compact:1 (found in review): written whole. Thousands that write every value close
    stay thousands, and so do millions."""
    from deckgen.outline.formats import DEFAULT_FORMAT

    assert DEFAULT_FORMAT.format_values([62, 88, 143, 2100]) == ["62", "88", "143", "2,100"]
    assert DEFAULT_FORMAT.format_values([5234, 8997, 411]) == ["5.2K", "9.0K", "0.4K"]
    assert DEFAULT_FORMAT.format_values([30160966, 8997440]) == ["30.2M", "9.0M"]
    assert DEFAULT_FORMAT.format_values([12000, 62]) == ["12.0K", "0.1K"]  # ten thousand up


def test_a_compact_unit_moves_up_when_rounding_reaches_a_thousand():
    assert compact_unit(999_950, 1) == (1e6, "M")
    assert compact_unit(999_940, 1) == (1e3, "K")
    assert compact_unit(642_000, 0) == (1e3, "K")
    assert compact_unit(12, 1) == (1.0, "")


# --------------------------------------------------------------------------- properties
_FORMATS = st.builds(
    NumberFormat,
    style=st.sampled_from(["plain", "compact", "percent"]),
    decimals=st.integers(0, 3),
    prefix=st.sampled_from(["", "$", "€"]),
    suffix=st.sampled_from(["", " t", "°"]),
)
_VALUES = st.lists(
    st.one_of(st.floats(-5e12, 5e12, allow_nan=False), st.integers(-(10**9), 10**9)),
    min_size=1,
    max_size=30,
)
_NUMBER = re.compile(r"^(?P<sign>−?)(?P<prefix>[$€]?)(?P<digits>[\d,]+(?:\.(?P<frac>\d+))?)"
                     r"(?P<unit>[KMBT]?)(?P<rest>.*)$")  # fmt: skip


@given(_FORMATS, _VALUES)
def test_every_label_of_one_list_has_the_same_unit_and_decimals(fmt, values):
    shown = fmt.format_values(values)
    parts = [_NUMBER.match(s) for s in shown if s != "–"]
    assert all(parts), shown
    nonzero = [p for p in parts if p["digits"].strip("0.,") or p["unit"]]
    assert len({p["unit"] for p in nonzero}) <= 1, shown
    assert len({len(p["frac"] or "") for p in nonzero}) <= 1, shown
    assert len({p["rest"] for p in parts}) <= 1, shown  # the same %, suffix everywhere


@given(_FORMATS, _VALUES)
def test_every_negative_number_takes_a_true_minus_sign(fmt, values):
    for value, single, together in zip(values, map(fmt.format, values), fmt.format_values(values),
                                       strict=True):  # fmt: skip
        for text in (single, together):
            assert "-" not in text
            if text.startswith(MINUS):
                assert value < 0


@pytest.mark.parametrize(
    ("shorthand", "value", "expected"),
    [
        ("+percent:0", 119, "+119%"),
        ("+percent:0", -38, f"{MINUS}38%"),  # was '−+38%': the '+' read as a prefix
        ("+percent:0", 0, "0%"),  # was '+0%'
        ("+percent:0", -0.0, "0%"),
        ("+plain:1", 4e-8, "0.0"),  # writes as zero: no '+0.0'
        ("+plain:1", -4e-8, "0.0"),
        ("+plain:1", 0.04, "+0.04"),  # more decimals, as unsigned: not zero, so signed
        ("+$compact:1", 1.2e9, "+$1.2B"),
        ("+$compact:1", -0.4e9, f"{MINUS}$400M"),  # the sign before the currency
        ("+compact:1 t", 2500, "+2.5K t"),
    ],
)
def test_a_signed_format_writes_a_plus_before_a_rise(shorthand, value, expected):
    assert nf(shorthand).format(value) == expected


def test_a_signed_format_signs_labels_ticks_and_alt_text():
    change = nf("+percent:0")
    assert change.format_values([119, 49, 0, -2, -38]) == ["+119%", "+49%", "0%", f"{MINUS}2%",
                                                           f"{MINUS}38%"]  # fmt: skip
    assert change.format_values([-50, 0, 50, 100], ticks=True) == [f"{MINUS}50%", "0%", "+50%",
                                                                   "+100%"]  # fmt: skip
    assert change.format(119, words=True) == "+119 percent"  # as a fall is '−38 percent'
    money = nf("+$compact:1")
    assert money.format_values([1.2e9, -0.4e9, 0]) == ["+$1.2B", f"{MINUS}$0.4B", "$0"]
    assert money.writer([1.2e9], words=True)(2.5e8) == "+$0.3 billion"


def test_a_signed_format_is_written_with_its_plus_and_read_back():
    for shorthand in ("+percent:0", "+$compact:1", "+plain:2B"):
        fmt = nf(shorthand)
        assert fmt.sign == "always"
        assert str(fmt) == shorthand
        assert NumberFormat.model_validate(str(fmt)) == fmt
    long = NumberFormat.model_validate({"style": "percent", "sign": "always"})
    assert long == nf("+percent:0")
    assert nf("percent:0").sign == "negative"


@pytest.mark.parametrize("written", ["$+compact:1", {"style": "plain", "prefix": "+"}])
def test_a_plus_inside_the_prefix_is_an_error_saying_where_it_goes(written):
    # '$+compact:1' wrote -4e8 as '−$+400M'.
    with pytest.raises(ValidationError, match=r"write the '\+' first.*sign: always"):
        NumberFormat.model_validate(written)


@pytest.mark.parametrize(
    ("written", "said"),
    [("compact:1B", "(1.2MB); for values stored in billions write 'plain:1B'"),
     ("$compact:1 million", "for values stored in millions write '$plain:1 million'"),
     ("compact:1%", "(1.2M%); for a share in percent write 'percent:1'"),
     ("compact:1km", "(1.2Mkm); put a space before the word: 'compact:1 km'"),
     ("percent:0%", "(45%%); write 'percent:0'"),
     ("+-plain:0", "a minus in the prefix '-' would stand before every number"),
     ({"style": "plain", "prefix": "\u2212"}, "a negative number writes its own minus")],
)  # fmt: skip
def test_a_second_unit_or_sign_beside_the_format_s_own_is_an_error(written, said):
    """'compact:1B' (by analogy with '$plain:1B') wrote 1,200,000 as '1.2MB', read as
    megabytes, and '+-plain:0' wrote '−-42' (found by fuzzing)."""
    with pytest.raises(ValidationError) as raised:
        NumberFormat.model_validate(written)
    assert said in str(raised.value)


@pytest.mark.parametrize(
    ("written", "shown"),
    [("compact:1 km", "1.2M km"), ("compact:1 vehicles", "1.2M vehicles"),
     ("$plain:1B", "$1,200,000.0B"), ("percent:0 points", "1,200,000% points")],
)  # fmt: skip
def test_a_word_after_a_space_follows_any_format(written, shown):
    assert nf(written).format(1_200_000) == shown


def test_a_native_chart_s_code_signs_as_the_picture_does():
    from deckgen.outline.formats import excel_format

    code = excel_format(nf("+percent:0"), [-50, 50], ticks=True)
    assert code == f'"+"#,##0"%";"{MINUS}"#,##0"%";0"%"'
    assert excel_format(nf("percent:0"), [-50, 50], ticks=True).startswith("#,##0")


def _writes_zero(text: str) -> bool:
    return not re.search(r"[1-9∞]", text)


@given(_FORMATS, _VALUES, st.booleans(), st.booleans())
def test_a_signed_number_is_the_unsigned_one_with_a_plus_on_a_rise(fmt, values, ticks, words):
    """'+' and the unsigned text for a value that writes as more than zero; the same text
    as unsigned ('−38%') for one that writes as less; no sign for one that writes as zero."""
    signed = fmt.model_copy(update={"sign": "always"})
    pairs = [*zip(map(fmt.format, values), map(signed.format, values), strict=True),
             *zip(fmt.format_values(values, ticks=ticks, words=words),
                  signed.format_values(values, ticks=ticks, words=words), strict=True)]  # fmt: skip
    for value, (plain, plus) in zip(values + values, pairs, strict=True):
        if plain.startswith(MINUS) or _writes_zero(plain):
            assert plus == plain
        else:
            assert value > 0
            assert plus == "+" + plain
        assert "+" not in plus[1:]


@given(st.floats(0, 9.99e14, allow_nan=False), st.integers(0, 3))
def test_a_compact_number_never_reads_a_thousand_of_its_unit(value, decimals):
    text = nf(f"compact:{decimals}").format(value)
    number = float(re.sub(r"[^\d.]", "", text))
    assert number < 1000 or not text[-1].isalpha() or text.endswith("T")


@pytest.mark.parametrize(
    ("locale", "shown"),
    [("en_US", ["49.5%", "$1.7B", "1,234,567"]),
     ("de_DE", ["49,5%", "$1,7B", "1.234.567"]),
     ("fr_FR", ["49,5%", "$1,7B", "1\u202f234\u202f567"])],
)  # fmt: skip
def test_numbers_take_the_deck_locale_s_decimal_mark_and_separator(locale, shown):
    """A German deck wrote '49.5%' on its charts and tables beside '49,5 %' in its titles
    (found by fuzzing); the units and the alt text's words stay English."""
    from deckgen.outline.formats import marks_of, numerals

    formats = [NumberFormat.model_validate(s) for s in ("percent:1", "$compact:1", "plain:0")]
    with numerals(marks_of(locale)):
        written = [f.format(v) for f, v in zip(formats, (49.5, 1.7e9, 1234567), strict=True)]
        spoken = formats[1].format(1.7e9, words=True)
    assert written == shown
    assert spoken == "$1.7 billion"


@given(st.floats(-1e12, 1e12, allow_nan=False), st.sampled_from(["plain:2", "compact:1"]))
def test_a_locale_changes_only_the_marks(value, shorthand):
    from deckgen.outline.formats import numerals

    fmt = NumberFormat.model_validate(shorthand)
    english = fmt.format(value)
    with numerals((",", ".")):
        german = fmt.format(value)
    assert german == english.translate({ord(","): ".", ord("."): ","})


@pytest.mark.parametrize(
    ("shorthand", "values", "read"),
    [
        # Halves away from zero, as the labels write them: '−2.3%' and '1.1%'.
        ("percent:1", [-2.25, 1.05, 0.4], ["-2.3", "1.1", "0.4"]),
        # In the unit of the largest: '5.2M' and '30.2M'.
        ("compact:1", [5_234_496.0, 30_160_966.0], ["5200000", "30200000"]),
        # With more decimals where the format's would write a value as zero: '0.04M'.
        ("compact:1", [40_000.0, 2_500_000.0], ["40000", "2500000"]),
        # Each in its own unit: '16.5K' beside '2.5M'.
        ("$compact:1", [16_520.0, 2_460_000.0], ["16500", "2500000"]),
    ],
)
def test_a_reader_reads_each_value_as_its_label_writes_it(
    shorthand: str, values: list[float], read: list[str]
) -> None:
    """What a reader reads off each label (a difference of two labels is of these)."""
    from decimal import Decimal

    fmt = nf(shorthand)
    if shorthand.startswith("$"):
        fmt = fmt.model_copy(update={"units": "each"})
    reader = fmt.reader(values)
    assert [reader(v) for v in values] == [Decimal(r) for r in read]
    writer = fmt.writer(values)
    for value in values:  # the number the label writes, in its unit
        written = writer(value).replace(MINUS, "-").strip("$%KM").replace(",", "")
        scale = 1e6 if writer(value).endswith("M") else 1e3 if writer(value).endswith("K") else 1
        assert Decimal(written) * Decimal(repr(float(scale))) == reader(value)


@pytest.mark.parametrize(
    ("text", "said"),
    [("71.4K: clean energy jobs", "71.4 thousand: clean energy jobs"),
     ("More than $557B in trade", "More than $557 billion in trade"),
     ("\u22122.5M fewer, US$1.2B", "\u22122.5 million fewer, US$1.2 billion"),
     *[(same, same) for same in ["B2B sales, K9 units", "3.5Mbps, v1.2M, Q3 2024"]]],
)  # fmt: skip
def test_alt_text_says_a_compact_unit_in_words(text, said):
    """A stat's alt text said '71.4K', which a screen reader reads as 'seventy one point
    four K', where a chart's says '71.4 thousand' (found by a new user); codes and units
    that only look alike are left as they are."""
    from deckgen.outline.formats import spoken

    assert spoken(text) == said


@given(st.floats(0, 1e15, allow_nan=False), st.integers(0, 2))
def test_every_compact_value_the_charts_write_is_spoken_as_a_number_and_a_word(value, decimals):
    from deckgen.outline.formats import spoken

    written = NumberFormat(style="compact", decimals=decimals).format(value)
    said = spoken(written)
    assert not re.search(r"\d[KMBT]\b", said)
    assert said.split(" ")[0] == written.rstrip("KMBT")


def test_the_default_format_is_the_one_validating_makes():
    """Made without validating (the drawing processes never make the validator): equal to
    the format validated from the same fields, in everything a cache key reads."""
    from deckgen.outline.formats import DEFAULT_FORMAT

    made = NumberFormat.model_validate({"style": "compact", "decimals": 1})
    assert made == DEFAULT_FORMAT and hash(made) == hash(DEFAULT_FORMAT)
    assert DEFAULT_FORMAT.model_fields_set == made.model_fields_set
    assert repr(DEFAULT_FORMAT) == repr(made)
