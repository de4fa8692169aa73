"""Reading the numbers a text states (deckgen.outline.text_numbers), as `deckgen check`
and a card's chart read a title."""

from __future__ import annotations

import pytest

from deckgen.outline.text_numbers import values_stated


def test_a_name_with_digits_states_no_value_whichever_apostrophes_either_has():
    """A title's apostrophes are set typographic, a name's are the data's: 'Macy’s 34th
    Street' in a title still names the row 'Macy's 34th Street', and its 34 is no value."""
    names = ["Macy's 34th Street", "Depot 21"]
    assert [n.text for n in values_stated("Macy\u2019s 34th Street sold $4.2M", names)] == ["$4.2M"]
    assert [n.text for n in values_stated("Depot 21 handled 12,500 parcels", names)] == ["12,500"]


def test_a_whole_number_with_a_leading_zero_is_a_code_not_a_value():
    """'Dealer 013', 'Unit 007': codes. '0.5', '$013' and '10' are not."""
    from deckgen.outline.text_numbers import numbers

    codes = {n.text: n.code_like for n in numbers("Dealer 013 and Unit 007 sold 0.5 of $013 in 10")}
    assert codes == {"013": True, "007": True, "0.5": False, "$013": False, "10": False}
    assert [n.text for n in values_stated("Dealer 013 sold 7,333 vehicles", [])] == ["7,333"]


@pytest.mark.parametrize(
    ("label", "change"),
    [("rise in consumer prices since 2020", True), ("growth in exports", True),
     ("up from 2019", True), ("of adults who signed up", False), ("of jobs cut", False),
     ("visits to the annual report", False), ("of voters agree", False)],
)  # fmt: skip
def test_a_label_tells_a_change_by_its_words_of_change_not_by_up_alone(label, change):
    """A lone stat's percent is drawn as dots of 100 unless its label tells a change (a
    rate: fuzzing round 6); 'annual' in a link's text took a share's grid away (review)."""
    from deckgen.outline.text_numbers import tells_a_change

    assert tells_a_change(label) is change


@pytest.mark.parametrize(
    ("text", "stated"),
    [
        ("Follower gains peaked on February 28, 2024", []),
        ("Apple peaked at $196.38 on January 23, 2024", ["$196.38"]),
        ("Am 28. Februar 2024 stieg die Zahl auf 40", ["40"]),
        ("Revenue rose to $5M on 2024-02-28", ["$5M"]),
        ("Sales hit 28 on 28 Feb", ["28"]),
        # A month's name before a value is no date: a share, a magnitude, thousands.
        ("In June 15% of users left", ["15%"]),
        ("In May 12 million came", ["12 million"]),
        ("In May 12.5M came", ["12.5M"]),
        ("In May 1,200 came", ["1,200"]),
    ],
)
def test_the_day_a_date_writes_states_no_value(text: str, stated: list[str]) -> None:
    """'peaking on January 23, 2024' was told its 23 is computed for it and shown nowhere,
    and a card kept the days around the one whose value was 28 (found in review)."""
    assert [n.text for n in values_stated(text, [])] == stated


@pytest.mark.parametrize(
    ("text", "stated"),
    [("Adults under 50 lag at 24%", ["24%"]),  # a bound of '50 to 64', as 'under 50'
     ("Everyone aged 65 is covered at 68%", ["68%"]),
     ("People over 64 lead at 68%", ["68%"]),  # one past '50 to 64'
     ("Adults under 40 lag at 24%", ["40", "24%"]),  # no bound of the rows: a value
     ("More than 50 people lag at 24%", ["50", "24%"])],  # 'more than' states a value
)  # fmt: skip
def test_a_bound_of_the_rows_ranges_is_no_value(text, stated):
    """'adults under 50' over rows '18 to 49' and '50 to 64' names an age class; NUM002
    asked for a 50 among the bars' values (found by a new user)."""
    from deckgen.outline.text_numbers import values_stated

    names = ["18 to 49", "50 to 64", "65 and over"]
    assert [n.text for n in values_stated(text, names)] == stated
