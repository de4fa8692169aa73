"""A quote slide shared as a card keeps the card's 25 words: a longer quotation without
``excerpt:`` is an error naming the slide's text and suggesting an excerpt (a card set all
34 words of one, and the build said nothing: found by fuzzing). Nothing is cut silently:
which of someone's words are published is the author's choice."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from deckgen.errors import DeckgenError
from deckgen.kinds.cards.quote import QUOTE_WORDS, _first_sentence, excerpt_problem
from deckgen.plan.cards import plan_cards
from tests.helpers import HEADER

#: A made-up statement by a made-up transit authority: one sentence of 36 words.
LONG = (
    "Since the new timetable began in March, buses on the river line have run every eight "
    "minutes at peak hours, and ridership has grown by a third, which shows what reliable "
    "service does for a city."
)
#: Two sentences, 25 words in all.
SHORT = (
    "Buses on the river line now run every eight minutes at peak hours. Ridership has grown "
    "by a third since the timetable changed in March."
)


def _slide(text: str, *, excerpt: str | None = None, presets: str = "[ig-square, story]") -> str:
    lines = [
        "  - kind: quote",
        f'    text: "{text}"',
        "    attribution: River Transit Authority",
    ]
    if excerpt is not None:
        lines.append(f'    excerpt: "{excerpt}"')
    lines.append(f"    share: {presets}")
    return HEADER + "\n".join(lines) + "\n"


def test_the_texts_are_what_they_say() -> None:
    assert len(LONG.split()) == 36 and len(SHORT.split()) == QUOTE_WORDS == 25


def test_a_shared_quotation_over_25_words_without_an_excerpt_is_an_error(project) -> None:
    loaded, tables, theme = project(_slide(LONG))
    with pytest.raises(DeckgenError) as caught:
        plan_cards(loaded, tables, theme)
    (problem,) = caught.value.problems  # one for the card, whatever its presets
    assert problem.location is not None
    assert problem.location.field == "slides[0].text"
    assert problem.location.line == 10  # the text's own line, under the deck's header
    assert "has 36 words" in problem.message and "at most 25" in problem.message
    assert problem.hint is not None
    assert "add 'excerpt:' to the slide" in problem.hint and "remove 'share:'" in problem.hint
    # The suggestion is the quotation's first clause, cut where it ends, not mid-clause.
    suggested = "Since the new timetable began in March, buses on the river line have run every " \
                "eight minutes at peak hours …"  # fmt: skip
    assert f"e.g. {suggested!r}" in problem.hint


def test_the_build_stops_with_the_message_and_writes_no_deck(tmp_path, monkeypatch) -> None:
    from deckgen.cli import cli
    from tests.helpers import write_project

    path = write_project(tmp_path / "project", _slide(LONG, presets="[ig-square]"))
    monkeypatch.chdir(path.parent)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", "deck.yaml", "--out", str(out)])
    assert result.exit_code == 2, result.output
    assert "deck.yaml:10: slides[0].text: the quotation has 36 words" in result.output
    assert "Traceback" not in result.output
    assert not (out / "deck.pptx").exists()


def test_25_words_are_set_whole_and_an_excerpt_is_set_instead(project) -> None:
    loaded, tables, theme = project(_slide(SHORT))
    for card in plan_cards(loaded, tables, theme):
        assert " ".join(card.job.text.lines) == SHORT
    excerpt = _first_sentence(LONG)
    loaded, tables, theme = project(_slide(LONG, excerpt=excerpt))
    for card in plan_cards(loaded, tables, theme):
        assert " ".join(card.job.text.lines) == excerpt


@given(st.lists(st.sampled_from(["rail", "freight,", "moves", "cars;", "the", "U.S.", "city.",
                                 "and", "trucks:", "more", "climate!", "—"]),
                min_size=26, max_size=80))  # fmt: skip
def test_the_suggested_excerpt_is_the_quotation_s_own_words_and_fits(words: list[str]) -> None:
    text = " ".join(words)
    suggested = _first_sentence(text)
    assert excerpt_problem(text, suggested) is None
    shown = suggested.replace("…", " ").split()
    assert 0 < len(shown) <= QUOTE_WORDS
