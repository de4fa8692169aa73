"""Reading the numbers a text states (deckgen.outline.text_numbers), as `deckgen check`
and a card's chart read a title."""

from __future__ import annotations

from deckgen.outline.text_numbers import values_stated


def test_a_name_with_digits_states_no_value_whichever_apostrophes_either_has():
    """A title's apostrophes are set typographic, a name's are the data's: 'Macy’s 34th
    Street' in a title still names the row 'Macy's 34th Street', and its 34 is no value."""
    names = ["Macy's 34th Street", "Depot 21"]
    assert [n.text for n in values_stated("Macy\u2019s 34th Street sold $4.2M", names)] == ["$4.2M"]
    assert [n.text for n in values_stated("Depot 21 handled 12,500 parcels", names)] == ["12,500"]
