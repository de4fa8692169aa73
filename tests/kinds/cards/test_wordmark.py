"""The wordmark (the organisation's name in the footer) on every card, however long the
name: in half the width when it fits, else in the width the source line leaves, on two
lines, or under the source line; an error only when two lines of the card cannot hold it
(fuzz-I/13: a 38-character agency name stopped every card, its bottom row empty)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from deckgen.errors import FitError
from deckgen.kinds.cards._base import phone_points, under_phone_floor
from deckgen.plan.cards import plan_cards
from deckgen.tables.sources import load_tables
from tests.helpers import load_outline, write_project
from tests.kinds.cards.test_layout import _check_boxes, _outside_safe_is_background

if TYPE_CHECKING:
    from pathlib import Path

    from deckgen.plan.cards import PlannedCard
    from deckgen.theming.load import LoadedTheme

AGENCY = "State Health Agency, Epidemiology Unit"


def _cards(
    tmp_path: Path, theme: LoadedTheme, organisation: str, source: str | None = None
) -> list[PlannedCard]:
    """fuzz-I/13's stat slide shared in three presets, with ``source`` under it or none."""
    source_line = f"    source: {source}\n" if source else ""
    outline = f"""\
deck:
  title: Repro
  organisation: {organisation}
data:
  production: {{file: production.csv}}
slides:
  - kind: stats
    title: Cases fell for the fifth month running
    items:
      - {{value: "2,760", label: confirmed cases in June 2025}}
{source_line}    share: [ig-square, x-post, story]
"""
    loaded = load_outline(write_project(tmp_path, outline))
    return plan_cards(loaded, load_tables(loaded), theme)


def _legible(card: PlannedCard) -> None:
    """Inside the safe area, clear of every other text, at 11 pt or more on a phone."""
    _check_boxes(card)
    wordmark = card.job.footer.wordmark
    assert wordmark is not None
    assert phone_points(wordmark.size.px, card.preset.width) >= 11 - 0.05, card.file
    assert under_phone_floor(card.job) == [], card.file
    assert wordmark.box.right == card.job.frame.safe.right, card.file
    assert wordmark.box.bottom == card.job.frame.safe.bottom, card.file


def test_a_long_name_takes_the_row_a_card_without_a_source_leaves(tmp_path, corporate):
    cards = _cards(tmp_path, corporate, AGENCY)
    assert sorted(c.preset.name for c in cards) == ["ig-square", "story", "x-post"]
    for card in cards:
        _legible(card)
        wordmark = card.job.footer.wordmark
        assert wordmark is not None and wordmark.lines == (AGENCY,), card.file
        # Wider than the half of the row a name had: the row is the footer's alone.
        assert wordmark.box.width.px > card.job.frame.safe.width.px // 2, card.file
        _outside_safe_is_background(card.job.draw(), card)


def test_a_long_name_beside_a_short_source_takes_the_width_it_leaves(tmp_path, corporate):
    for card in _cards(tmp_path, corporate, AGENCY, source="CDC"):
        _legible(card)
        footer = card.job.footer
        assert footer.wordmark is not None and footer.source is not None
        assert footer.wordmark.lines == (AGENCY,), card.file
        assert footer.source.box.bottom == footer.wordmark.box.bottom, card.file  # one row


def test_a_long_name_beside_a_long_source_takes_two_lines(tmp_path, corporate):
    source = "State Health Agency weekly surveillance report, June 2025"
    for card in _cards(tmp_path, corporate, AGENCY, source=source):
        _legible(card)
        footer = card.job.footer
        assert footer.wordmark is not None and footer.source is not None
        assert footer.wordmark.lines == ("State Health Agency,", "Epidemiology Unit"), card.file
        assert footer.wordmark.align == "right", card.file  # flush with the safe edge
        assert footer.source.box.bottom == footer.wordmark.box.bottom, card.file  # one row
        assert footer.wordmark.box.width.px <= card.job.frame.safe.width.px // 2, card.file


def test_a_name_too_long_for_the_row_closes_the_card_under_the_source(tmp_path, corporate):
    name = "Department of Health and Human Services, Office of Epidemiology and Disease Control"
    source = "State Health Agency weekly surveillance report, June 2025"
    for card in _cards(tmp_path, corporate, name, source=source):
        _legible(card)
        footer = card.job.footer
        assert footer.wordmark is not None and footer.source is not None
        assert " ".join(footer.wordmark.lines) == name, card.file
        assert footer.source.box.bottom < footer.wordmark.box.top, card.file


def test_a_short_name_is_one_line_in_half_the_row_as_before(tmp_path, corporate):
    for card in _cards(tmp_path, corporate, "Tests Inc", source="CDC"):
        _legible(card)
        wordmark = card.job.footer.wordmark
        assert wordmark is not None and wordmark.lines == ("Tests Inc",)
        assert wordmark.align == "left", card.file
        assert wordmark.box.width.px <= card.job.frame.safe.width.px // 2, card.file


@pytest.mark.parametrize("own", [False, True])
def test_a_name_two_lines_cannot_hold_is_an_error_that_says_what_fits(tmp_path, corporate, own):
    name = " ".join(["Department of Health and Human Services of the Commonwealth"] * 3)
    # Written as social.wordmark, the fix is to shorten it there.
    organisation = f"Tests Inc\nsocial:\n  wordmark: {name}" if own else name
    with pytest.raises(FitError) as failed:
        _cards(tmp_path, corporate, organisation)
    problem = failed.value.problems[0]
    assert problem.location is not None
    assert problem.location.field == ("social.wordmark" if own else "deck.organisation")
    assert "does not fit on two lines of its 960 px width even at 32 px" in problem.message
    fits = int(problem.message.split("(about ")[1].split(" of its")[0])
    assert 60 < fits < len(name), problem.message
    assert problem.hint is not None and f"a name of at most {fits} characters" in problem.hint
    if not own:
        assert "social: {wordmark: ...}" in problem.hint


def test_a_value_crowded_out_by_a_wrapped_source_line_names_it_and_the_wordmark(
    tmp_path, corporate
):
    """A LinkedIn card of a two-line title: the agency's name beside the source line
    wrapped that line to three, and the value ('900') no longer fitted. The fixes named
    only the value, label and title (found by a new user); they name the source line and
    the wordmark, and either made shorter lets the card fit."""
    outline = """\
deck: {title: Repro, organisation: Regional Public Health Agency}
SOCIAL
slides:
  - kind: stats
    title: Flu admissions peaked at 900 a week in January 3, 2026
    source: SOURCE
    items:
      - {value: "900", label: "flu admissions in the peak week, ending January 3, 2026"}
      - {value: "40", label: "flu admissions in the latest week, ending April 25, 2026"}
    share: [linkedin]
"""
    long_source = "Regional hospital admissions surveillance (made-up data)"

    def planned(source: str, social: str = "") -> list[PlannedCard]:
        text = outline.replace("SOURCE", source).replace("SOCIAL\n", social)
        loaded = load_outline(write_project(tmp_path / str(len(list(tmp_path.iterdir()))), text))
        return plan_cards(loaded, load_tables(loaded), corporate)

    with pytest.raises(FitError) as caught:
        planned(long_source)
    hint = caught.value.problems[0].hint
    assert "the source line takes 3 lines beside the wordmark 'Regional Public Health " in hint
    assert "a shorter source line, or a shorter 'social: wordmark:'" in hint
    assert [c.preset.name for c in planned("Hospital surveillance (made-up)")] == ["linkedin"]
    assert [c.preset.name for c in planned(long_source, "social: {wordmark: RPHA}\n")] == [
        "linkedin"
    ]
