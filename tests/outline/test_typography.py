"""Typographic apostrophes in what a reader is shown: a quote slide set "It's" with a
typewriter apostrophe inside its curly quotation mark, and a list card "readers'" (found in
review)."""

from __future__ import annotations

import pytest

from deckgen.outline.typography import apostrophes, straight


@pytest.mark.parametrize(
    ("typed", "set_as"),
    [
        ("It's the only place", "It’s the only place"),
        ("Young readers' trust is rising", "Young readers’ trust is rising"),
        ("READERS' TRUST", "READERS’ TRUST"),
        ("O'Brien's firm in Côte d'Ivoire", "O’Brien’s firm in Côte d’Ivoire"),
        ("the dogs'", "the dogs’"),
        ("Les Misérables' run", "Les Misérables’ run"),
        # Quotation marks, primes, a year's apostrophe and code are left as typed.
        ("the 'Yes' answers", "the 'Yes' answers"),
        ("say 'it's fine' now", "say 'it’s fine' now"),
        ("'Quoted' readers' views", "'Quoted' readers’ views"),
        ("5'10\" tall", "5'10\" tall"),
        ("Q4'25", "Q4'25"),
        ("the '90s", "the '90s"),
        ("run `it's` now, it's done", "run `it's` now, it’s done"),
        ("an unclosed `it's", "an unclosed `it’s"),
        ("no apostrophe", "no apostrophe"),
    ],
)
def test_a_straight_apostrophe_is_set_as_the_typographic_one(typed, set_as):
    assert apostrophes(typed) == set_as
    assert apostrophes(set_as) == set_as  # once is enough: a field is validated again
    assert "’" not in straight(set_as)
    assert len(straight(set_as)) == len(set_as)


def test_an_outline_s_texts_are_set_and_its_names_and_templates_are_not(tmp_path):
    """Titles, items, quotations, subtitles, sources and notes are set, as are the alt text
    and notes written from them; a template's code is not (its quotes are Python's), only
    what it renders; names the data must match (a highlight) are kept as the data has them."""
    from deckgen.binding.bind import bind_outline
    from deckgen.tables.sources import load_tables
    from tests.helpers import load_outline, write_project

    outline = """\
deck: {title: Readers' trust, subtitle: It's a survey, organisation: Women's Aid}
data:
  d:
    rows: [{group: "Women's", pct: 40}, {group: "Men's", pct: 30}]
slides:
  - kind: chart
    title: "{{ d.where('group', \\"Women's\\").one().group }} trust is highest"
    subtitle: Readers' trust, %
    source: The Gazette's survey
    notes: It's from the survey.
    chart: {type: bar, data: d, x: group, y: pct, highlight: "Women's"}
  - kind: quote
    text: I read it on my phone. It's the only place.
    attribution: A reader's view
  - kind: bullets
    title: What we learned
    items: [Young readers' trust rose, "Older readers' fell"]
"""
    loaded = load_outline(write_project(tmp_path, outline))
    bound = bind_outline(loaded, load_tables(loaded)).loaded.outline
    deck = bound.deck
    assert (deck.title, deck.subtitle, deck.organisation) == (
        "Readers’ trust", "It’s a survey", "Women’s Aid")  # fmt: skip
    chart, quote, bullets = bound.slides
    assert chart.title == "Women’s trust is highest"  # rendered, then set
    assert (chart.subtitle, chart.source, chart.notes) == (
        "Readers’ trust, %", "The Gazette’s survey", "It’s from the survey.")  # fmt: skip
    assert chart.chart.highlight == ["Women's"]  # as the data has it
    assert (quote.text, quote.attribution) == ("I read it on my phone. It’s the only place.",
                                               "A reader’s view")  # fmt: skip
    assert bullets.items == ["Young readers’ trust rose", "Older readers’ fell"]
    # The template as written is kept for the build's record of what it read.
    assert "'group'" in loaded.outline.slides[0].title
