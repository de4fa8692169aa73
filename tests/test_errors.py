"""deckgen.errors: one problem said once, and a long value found shown by its start."""

from __future__ import annotations

import pytest

from deckgen.errors import DeckgenError, Location, Problem, a_or_an, brief, did_you_mean


def test_the_same_problem_twice_is_said_once_in_its_first_place():
    # A data step's check made once a group of the table said the same thing once a group
    # (found by fuzzing).
    one = Problem(
        Location("deck.yaml", 7, "data.d.steps[0]"), "no column 'yr'", "did you mean 'year'?"
    )
    other = Problem(Location("deck.yaml", 9, "slides[0]"), "another")
    error = DeckgenError([one, other, one, one])
    assert error.problems == [one, other]
    assert str(error.format_message()).count("no column 'yr'") == 1


def test_brief_shows_a_short_value_whole_and_a_long_one_by_its_start_and_length():
    assert brief("bar") == "'bar'"
    shown = brief("x" * 5000)
    assert shown.endswith("... (5,000 characters)") and len(shown) < 100
    assert brief(list(range(1000))).endswith("characters)")


def test_a_number_s_nearest_is_its_digits_swapped_else_the_nearest_in_value():
    """By spelling alone, 2018 among the years 2019 to 2021 was 'did you mean 2021?', where
    a reader means 2019 (found in an audit)."""
    from deckgen.errors import did_you_mean, nearest

    assert did_you_mean("2018", ["2019", "2020", "2021"]) == "did you mean '2019'?"
    assert nearest("2103", [str(year) for year in range(2010, 2024)]) == "2013"
    assert nearest("1,250", ["1000", "1200", "2000"]) == "1200"
    assert nearest("Noth", ["North", "2019"]) == "North"  # names by spelling, as before
    assert nearest("nan", ["1", "2"]) is None


@pytest.mark.parametrize(
    ("written", "names", "hint"),
    [
        ("18-29", ["18\u201329", "30\u201344"],
         "did you mean '18\u201329'? (written with an en dash (\u2013), not a hyphen (-))"),
        ("Readers' views", ["Readers\u2019 views"],
         "did you mean 'Readers\u2019 views'? (written with a curly apostrophe (\u2019), "
         "not a straight apostrophe ('))"),
        ("1 000", ["1\u00a0000"],
         "did you mean '1\\xa0000'? (written with a no-break space (U+00A0), not a space)"),
        # Told only where look-alikes are all that differ.
        ("Nort", ["North"], "did you mean 'North'?"),
        ("18-39", ["18\u201329"], "did you mean '18\u201329'?"),
        ("a-b", ["a'b"], 'did you mean "a\'b"?'),  # a dash and a quote: no look-alikes
    ],
)  # fmt: skip
def test_a_did_you_mean_says_which_look_alike_character_differs(written, names, hint):
    """ "'18-29' matches no series; ... did you mean '18\u201329'?": the hyphen and the en
    dash look the same in a terminal, and the hint read as the very name written (found
    by review)."""
    assert did_you_mean(written, names) == hint


def test_a_or_an_goes_by_the_sound_a_word_starts_with():
    # 'unknown field 'names_to' in a unpivot step' (found in review).
    sounds = {
        "unpivot": "an", "index": "an", "image": "an", "hour": "an", "MPO": "an", "SVG": "an",
        "8": "an", "80%": "an", "11": "an", "18,000": "an", "x": "an", "'Online'": "an",
        "pivot": "a", "unit": "a", "union": "a", "one-off": "a", "European": "a", "PNG": "a",
        "110": "a", "2": "a", "usual": "a",
    }  # fmt: skip
    for word, article in sounds.items():
        assert a_or_an(word) == f"{article} {word}", word


def test_an_error_raised_in_a_drawing_worker_comes_back_as_itself():
    """Pickled back from a worker, NoRoom (whose signature is its own) was rebuilt from its
    message alone and became a TypeError, 'internal error', in place of its message and
    hint (found in review). Every DeckgenError comes back with its class and problems."""
    import pickle

    from deckgen.errors import DataError, Location, Problem
    from deckgen.render.chartkit import NoRoom

    no_room = NoRoom("has no room for its plot", "give the chart more room").under("Sales")
    located = DataError(Problem(Location("data.csv", 3), "not a number", "write a number"))
    for error in (no_room, located):
        back = pickle.loads(pickle.dumps(error))
        assert type(back) is type(error)
        assert back.problems == error.problems and str(back) == str(error)
    assert pickle.loads(pickle.dumps(no_room)).fix == "give the chart more room"


def test_at_places_only_the_problems_that_say_nowhere_and_keeps_the_error_s_kind():
    from deckgen.render.chartkit import NoRoom

    error = NoRoom("has no room for its plot", "give it more room").under("Sales", "k1")
    slide = Location("deck.yaml", 9, "slides[1]")
    placed = error.at(slide)
    assert isinstance(placed, NoRoom) and placed.picture == "k1"
    assert placed.problems[0].location == slide
    assert placed.format_message().startswith(
        "deck.yaml:9: slides[1]: the chart under 'Sales' has no room for its plot"
    )
    assert error.problems[0].location is None  # the error itself is left as it was
    said = Problem(Location("theme.yaml", 3, "sizes"), "too large")
    assert DeckgenError([said]).at(slide).problems == [said]
    assert error.at(None) is error


def test_a_message_quoting_long_text_from_the_data_is_cut_in_the_middle():
    """Twelve row keys of 130,000 characters made two errors 3.1 MB long (found by
    fuzzing): a message or hint is at most MAX_MESSAGE characters, its start and its end
    kept, and says how much it left out."""
    from deckgen.errors import MAX_MESSAGE, Problem

    key = "k" * 130_000
    said = f"no row 'China'; rows: {key!r} and 11 more"
    problem = Problem(None, said, f"did you mean {key!r}?")
    assert len(problem.message) <= MAX_MESSAGE + 60 and len(problem.hint or "") <= MAX_MESSAGE + 60
    assert problem.message.startswith("no row 'China'; rows: 'kkk")
    assert problem.message.endswith("' and 11 more")
    assert f"({len(said) - MAX_MESSAGE:,} characters left out)" in problem.message
    short = Problem(None, "no row 'China'", "did you mean 'Chile'?")
    assert (short.message, short.hint) == ("no row 'China'", "did you mean 'Chile'?")
