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
        ("of 2024's journeys, the G20's", "of 2024’s journeys, the G20’s"),
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


@pytest.mark.parametrize("highlight", ["share_pct", "Share of the port's total",
                                       "Share of the port’s total"])  # fmt: skip
def test_a_series_label_is_set_and_a_highlight_of_it_follows(tmp_path, highlight):
    """A series label is what a reader sees (a scatter's axis title 'Share of the port's
    total' kept its typewriter apostrophe under the subtitle's typographic one: found in
    review); a highlight that names the series, by the data's name or by its label as
    typed or as set, names it as the chart now shows it, and the chart draws it."""
    from deckgen.binding.bind import bind_outline
    from deckgen.tables.sources import load_tables
    from tests.helpers import load_outline, write_project

    outline = f"""\
deck: {{title: Ports}}
data:
  d:
    rows: [{{port: A, value: 3, share_pct: 40}}, {{port: B, value: 2, share_pct: 30}}]
slides:
  - kind: chart
    title: Port A's share is highest
    chart:
      type: grouped-bar
      data: d
      x: port
      y: [value, share_pct]
      series_labels: {{share_pct: "Share of the port's total"}}
      highlight: "{highlight}"
"""
    loaded = load_outline(write_project(tmp_path, outline))
    chart = bind_outline(loaded, load_tables(loaded)).loaded.outline.slides[0].chart
    assert chart.series_labels == {"share_pct": "Share of the port’s total"}
    assert chart.highlight == ["Share of the port’s total"]
    where = loaded.locate("slides", 0, "chart")
    frame = load_tables(loaded)["d"]
    assert chart.check_against(frame, where) == []  # the highlight names a series shown
    assert [s.name for s in chart.select_data(frame, where).series] == [
        "value", "Share of the port’s total"]  # fmt: skip
