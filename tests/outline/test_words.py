"""The words deckgen writes itself follow the deck's language (deckgen/outline/words.py)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner
from pptx import Presentation

from deckgen.cli import cli
from deckgen.outline.words import ENGLISH, Words, words_for
from tests.helpers import write_project

if TYPE_CHECKING:
    from pathlib import Path


@pytest.mark.parametrize(
    ("locale", "source", "line"),
    [("en_US", "Source", "Source: BEA"), ("de_DE", "Quelle", "Quelle: BEA"),
     ("fr-FR", "Source", "Source\u00a0: BEA"), ("es", "Fuente", "Fuente: BEA"),
     ("ja_JP", "Source", "Source: BEA")],
)  # fmt: skip
def test_the_words_are_the_locales_language_and_english_where_it_is_not_known(locale, source, line):
    words = words_for(locale)
    assert words.source == source
    assert words.source_line(["BEA"]) == line


def test_deck_words_set_any_word_and_keep_the_others():
    class Chosen:
        source, sources, continued = "Daten", None, None

    words = words_for("de_DE", Chosen())
    assert (words.source, words.sources, words.continued) == ("Daten", "Quellen", "Fortsetzung")
    assert words_for("en_GB") is ENGLISH


OUTLINE = """\
deck:
  title: Umsatz
  locale: de_DE
  {words}
data:
  d: {{file: d.csv}}
slides:
  - kind: chart
    title: Deutschland vorn
    source: Statistisches Bundesamt
    share: [ig-square]
    chart: {{type: bar, data: d, x: Land, y: Wert, format: plain:1}}
  - kind: table
    title: Alle Länder
    source: "Quelle: Eurostat"
    table: {{data: d, columns: [Land, Wert]}}
  - kind: sources
"""
ROWS = "Land,Wert\n" + "".join(f"Land {n},{n}.5\n" for n in range(1, 41))


def build(tmp_path: Path, words: str = "") -> tuple[list[list[str]], dict]:
    path = write_project(tmp_path / "p", OUTLINE.format(words=words), {"d.csv": ROWS})
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(path), "--out", str(out), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    deck = Presentation(str(out / "deck.pptx"))
    texts = [[s.text_frame.text for s in slide.shapes if s.has_text_frame] for slide in deck.slides]
    cards = json.loads((out / "deck" / "social" / "cards.json").read_text())
    return texts, cards


def test_a_german_deck_says_quelle_quellen_and_fortsetzung(tmp_path):
    """It said 'Source:' under every chart, 'Sources' over the list and '(continued)', with
    no way to change them; a line written 'Quelle: Eurostat' became 'Source: Quelle: ...'."""
    texts, cards = build(tmp_path)
    assert "Quelle: Statistisches Bundesamt" in texts[0]
    assert "Quelle: Eurostat" in texts[1] and not any("Source" in t for t in texts[1])
    # Over three slides or more, numbered: "(Fortsetzung, 2/3)".
    assert any(t.startswith("Alle Länder (Fortsetzung") for page in texts[2:] for t in page)
    assert "Quellen" in texts[-1]
    assert not any("Source" in t or "continued" in t for page in texts for t in page)
    (card,) = cards["cards"] if isinstance(cards, dict) else cards
    assert "Quelle: Statistisches Bundesamt" in json.dumps(card, ensure_ascii=False)


def test_deck_words_replace_the_locales(tmp_path):
    texts, _ = build(tmp_path, "words: {source: Daten, sources: Datenquellen}")
    assert "Daten: Statistisches Bundesamt" in texts[0]
    assert "Datenquellen" in texts[-1]


def test_a_line_written_with_its_word_is_not_given_it_twice():
    """'Source: BEA' was written 'Source: Source: BEA' under an English deck's chart."""
    words = words_for("en_US")
    assert words.source_line([words.bare("Source: BEA")]) == "Source: BEA"
    assert words.bare("sources : BEA; IMF") == "BEA; IMF"
    assert words.bare("Source of growth") == "Source of growth"  # no colon: a name
    assert words_for("de").bare("Source: BEA") == "BEA"  # English words in any deck


CHARTS = """\
deck: {{title: Haushalte, locale: de_DE{words}}}
data:
  h: {{file: h.csv}}
slides:
  - kind: chart
    title: Nord versorgte 93 Haushalte mehr
    chart: {{type: arrow, data: h, x: Region, y: ["2023", "2024"], highlight: Nord}}
  - kind: chart
    title: Nord versorgte die meisten Haushalte
    chart: {{type: donut, data: h, x: Region, y: "2024", highlight: Nord, native: true}}
"""
HOUSEHOLDS = "Region,2023,2024\nNord,312,405\nSüd,280,298\nWest,221,209\n"


def _chart_words(tmp_path: Path, words: str = "") -> tuple[list[str], list[str]]:
    """The texts the arrow chart draws, and those of the native donut's shapes."""
    from deckgen.render.labels import text_boxes
    from deckgen.render.style import chart_style
    from tests.helpers import load_outline

    path = write_project(tmp_path / "p", CHARTS.format(words=words), {"h.csv": HOUSEHOLDS})
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(path), "--out", str(out), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    deck = Presentation(str(out / "deck.pptx"))
    native = [s.text_frame.text for s in deck.slides[1].shapes if s.has_text_frame]
    from deckgen.pipeline import BuildOptions, plan_outline, prepare

    options = BuildOptions(out_dir=out)
    job = plan_outline(prepare(path, options), options).plan.slides[0].pictures[0].job
    with chart_style(job.theme, job.canvas):
        drawn = [t for t, _ in text_boxes(job.figure())]
    assert load_outline(path).outline.deck.locale == "de_DE"
    return drawn, native


def test_charts_write_their_words_in_the_decks_language(tmp_path):
    """A German deck's arrow chart headed its column 'Change', and its donut said 'Total'
    in the hole, beside 'Quelle:' (found in review); deck.words sets them too."""
    drawn, native = _chart_words(tmp_path)
    assert "Veränderung" in drawn and "Change" not in drawn
    assert any(t.endswith("Gesamt") for t in native) and not any("Total" in t for t in native)
    drawn, native = _chart_words(tmp_path / "own", ", words: {change: Δ, total: Summe}")
    assert "Δ" in drawn
    assert any(t.endswith("Summe") for t in native)
    assert words_for("fr_FR").chart.change == "Variation" and ENGLISH.chart.total == "Total"


def test_every_language_says_every_word_and_names_no_noun_it_cannot_make_plural():
    """A German card said 'the 8 largest of 11 Bundeslands', a chart '+0,4 pts', a table
    'and 12 more' (found in review): each language has its own, and only English (whose
    plurals deckgen forms) names the things counted."""
    from dataclasses import fields

    from deckgen.outline.words import LANGUAGES, RANGES, ShownWords

    assert set(RANGES) == set(LANGUAGES)
    counts = {"n": 4, "total": 10, "things": "THINGS", "names": "A", "start": "S", "end": "E",
              "shown": "X"}  # fmt: skip
    for language, words in LANGUAGES.items():
        said = [getattr(words.shown, f.name).format(**counts) for f in fields(ShownWords)]
        assert ("THINGS" in " ".join(said)) == (language == "en"), language
        assert "{n}" in words.more, language
        if language != "en":
            assert words.chart.points != "pts" or language == "fr", language
            assert words.more != ENGLISH.more and words.chart.no_data != "No data", language
            assert words.chart.increase != "Increase", language
            assert words.chart.below_zero != ENGLISH.chart.below_zero, language


def test_deck_words_set_the_new_words_too(tmp_path):
    class Chosen:
        source = sources = continued = None
        points, cagr, no_data, to, more = "PP", "JWR", "k. A.", "–", "+{n}"

    words = words_for("de_DE", Chosen())
    assert (words.chart.points, words.chart.cagr, words.chart.no_data, words.chart.to,
            words.more) == ("PP", "JWR", "k. A.", "–", "+{n}")  # fmt: skip
    assert words.chart.change == "Veränderung"  # the others stay the language's


def test_a_more_without_its_count_is_an_error():
    from pydantic import ValidationError

    from deckgen.outline.schema import DeckWords

    for more in ("und weitere", "{n} {1}", "und {n} weitere }"):  # the last two: fuzzing
        with pytest.raises(ValidationError, match=r"'more' is a text that uses \{n\} and no "):
            DeckWords(more=more)


SHOWN = """\
deck:
  title: Häfen
  locale: de_DE
  {words}
data:
  ports: {{file: ports.csv}}
slides:
  - kind: title
    title: Häfen
social:
  cards:
    - kind: chart
      name: ports
      presets: [ig-square]
      title: Hafen 1 handelt am meisten
      subtitle: Wert nach Hafen, 2023
      chart: {{type: hbar, data: ports, x: Hafen, y: Wert, sort: {{by: Wert}}}}
"""
PORTS = "Hafen,Wert\n" + "".join(f"Hafen {n},{100 - n}.5\n" for n in range(1, 41))


def _shown_card(tmp_path: Path, words: str, *, subtitle: bool = True):
    from deckgen.plan.cards import plan_cards
    from deckgen.tables.sources import load_tables
    from tests.helpers import load_outline, load_theme

    outline = SHOWN.format(words=words)
    if not subtitle:
        outline = outline.replace("      subtitle: Wert nach Hafen, 2023\n", "")
    loaded = load_outline(write_project(tmp_path, outline, {"ports.csv": PORTS}))
    (card,) = plan_cards(loaded, load_tables(loaded), load_theme("corporate"))
    return card


def test_deck_words_set_what_a_chart_card_says_it_shows(tmp_path):
    """'die 8 größten von 11' was the language's, with no way to name the things counted
    or word it otherwise, as every other word deckgen writes can be (found in review)."""
    set_words = (
        'words: {shown: {largest: "die {n} größten der {total} Häfen", named: '
        '"{names} der {total} Häfen"}}'
    )
    card = _shown_card(tmp_path / "bare", set_words, subtitle=False)
    shown = len(card.job.chart.job.data.categories)
    assert 3 <= shown < 40
    assert card.job.shown == f"die {shown} größten der 40 Häfen"
    assert " ".join(card.job.subtitle.lines) == f"Die {shown} größten der 40 Häfen"
    assert f"The {shown} largest of 40 Hafens." in str(card.with_alt({}).alt)  # English
    # After a subtitle, the count alone: the 'named' words, with the count for the names.
    card = _shown_card(tmp_path / "subtitled", set_words)
    shown = len(card.job.chart.job.data.categories)
    assert card.job.shown == f"{shown} der 40 Häfen"
    assert " ".join(card.job.subtitle.lines).endswith(f"2023: {shown} der 40 Häfen")
    from deckgen.outline.schema import DeckWords

    words = words_for("de_DE", DeckWords(shown={"largest_one": "der größte Hafen"}))
    assert words.shown.largest_one == "der größte Hafen"
    assert words.shown.smallest == "die {n} kleinsten von {total}"  # the others stay


@pytest.mark.parametrize(
    ("shown", "message"),
    [('{largst: "die {n} größten"}', r"unknown field 'largst'(.|\n)*did you mean 'largest'"),
     ('{largest: "die {count} größten"}', r"'largest' is a text that may use \{n\}, \{things\}, "
                                          r"\{total\} and must use \{n\}, found 'die \{count\}"),
     ('{largest: "die größten von {total}"}', r"must use \{n\}"),
     ('{more: "{shown} plus"}', r"'more' is a text that uses \{names\}, \{shown\} and no other"),
     ('{first: "die {n ersten"}', r"'first' is a text that may use")],
)  # fmt: skip
def test_deck_words_for_a_chart_card_are_checked_when_the_outline_is_loaded(
    tmp_path, shown, message
):
    from deckgen.errors import DeckgenError
    from tests.helpers import load_outline

    path = write_project(tmp_path, SHOWN.format(words=f"words: {{shown: {shown}}}"),
                         {"ports.csv": PORTS})  # fmt: skip
    with pytest.raises(DeckgenError, match=message) as caught:
        load_outline(path)
    assert "deck.words.shown" in str(caught.value)


def test_the_units_kept_with_their_number_are_every_unit_each_language_writes():
    """Text wrapping keeps :data:`UNITS` with their number ('1,5 Mio.'); they are every
    unit CLDR gives a compact number in any country of each language deckgen writes in."""
    import re

    from babel import Locale, localedata

    from deckgen.outline.words import LANGUAGES, UNITS

    assert set(UNITS) == set(LANGUAGES)
    for language, units in UNITS.items():
        written = set()
        for name in localedata.locale_identifiers():
            parts = name.split("_")
            if parts[0] != language or any(len(p) == 4 for p in parts[1:]):  # no other script
                continue
            formats = Locale.parse(name).compact_decimal_formats
            for kind in ("short", "long"):
                for patterns in formats.get(kind, {}).values():
                    for pattern in patterns.values():
                        text = str(pattern.pattern).split(";")[0].replace("'", "")
                        unit = re.sub(r"[0#][0#.,]*", "", text)
                        written.add(re.sub(r"[\s\u00a0\u202f]+", " ", unit).strip())
        assert written - {""} == set(units), language


def test_the_currency_symbols_kept_with_their_number_are_every_symbol_babel_writes():
    """Text wrapping keeps a currency symbol with its amount ('2 Mrd. €', 'EUR 2
    Milliarden'): one with a sign of :data:`CURRENCY_SIGNS` (Unicode's currency signs), an
    ISO code, or one of :data:`CURRENCY_WORDS`, which are every other symbol CLDR writes
    for a currency in a locale of a language deckgen writes in."""
    import re
    import sys
    import unicodedata

    from babel import Locale, localedata

    from deckgen.outline.words import (
        CURRENCY_SIGNS,
        CURRENCY_WORDS,
        LANGUAGES,
        currency_codes,
    )

    every = [chr(c) for c in range(sys.maxunicode + 1)]
    signs = {c for c in every if unicodedata.category(c) == "Sc"}
    assert set(re.findall(f"[{CURRENCY_SIGNS}]", "".join(every))) == signs
    written = set()
    for name in localedata.locale_identifiers():
        parts = name.split("_")
        if parts[0] not in LANGUAGES or any(len(p) == 4 for p in parts[1:]):
            continue
        for code, symbol in Locale.parse(name).currency_symbols.items():
            if code in currency_codes() and not re.search(f"[{CURRENCY_SIGNS}\\s\u200b]", symbol):
                written.add(symbol)
    assert written - currency_codes() == set(CURRENCY_WORDS)


def test_lines_that_begin_with_one_publisher_are_one_entry_where_the_first_is():
    """The sample's sources slide said "Global Impact page, ..." eleven times: the lines
    whose part before the first ", " or ": " is the same are one entry, the publisher once
    and the parts in order of first appearance, where the first of them was; a line with a
    head no other line has ("ITIF, quoted on ..."), or none, is kept as written."""
    from dataclasses import replace

    def grouped_sources(lines: list[str], colon: str = ":") -> list[str]:
        grouped = replace(ENGLISH, colon=colon).grouped(lines)
        return [entry for entry, _ in grouped]

    lines = [
        "Alliance Poll, December 2024",
        "ITIF, quoted on the Global Impact page",
        "Global Impact page, AI applications list",
        "Association of American Railroads",
        "Global Impact page: port table",
        "BEA, GDP table",
        "Global Impact page, research highlights",
        "BEA, trade table, 2023",
    ]
    assert grouped_sources(lines) == [
        "Alliance Poll, December 2024",
        "ITIF, quoted on the Global Impact page",
        "Global Impact page: AI applications list; port table; research highlights",
        "Association of American Railroads",
        "BEA: GDP table; trade table, 2023",
    ]
    # The publisher alone is an entry of its own: joined to its parts, what it sources
    # was credited to them ('Planning office' and 'Planning office, faculty data' made
    # 'Planning office: faculty data', found by a new user). A part given twice is said
    # once; the deck's colon (French sets a space before it) is the one written.
    assert grouped_sources(["OICA", "OICA, table 1", "OICA: table 1", "OICA"]) == [
        "OICA", "OICA: table 1"]  # fmt: skip
    assert grouped_sources(["INSEE\u00a0: t1", "INSEE, t2"], "\u00a0:") == ["INSEE\u00a0: t1; t2"]
    assert grouped_sources(["ITIF, a report", "ITIFF, another"]) == [
        "ITIF, a report", "ITIFF, another"]  # fmt: skip
    # A part that is several ('12 Jan 2026; targets from the 2025 plan') is said once
    # each: the sources slide wrote "CRM export: 12 Jan 2026; 12 Jan 2026; targets from
    # the 2025 plan" (found by review).
    assert grouped_sources(["CRM export, 12 Jan 2026",
                            "CRM export, 12 Jan 2026; targets from the 2025 plan"]) == [
        "CRM export: 12 Jan 2026; targets from the 2025 plan"]  # fmt: skip
    # Each entry with the lines it stands for (an infographic lists them one by one where
    # its entry is too long for its lines).
    assert ENGLISH.grouped(["OICA", "BEA", "OICA, table 1", "OICA, table 2", "BEA"]) == [
        ("OICA", ("OICA",)), ("BEA", ("BEA", "BEA")),
        ("OICA: table 1; table 2", ("OICA, table 1", "OICA, table 2"))]  # fmt: skip


def test_each_note_is_said_as_a_sentence() -> None:
    """After a source line, a slide's note and a chart's footnote each end as a sentence."""
    noted = Words.noted
    assert noted("Source: BEA", ["Changes are computed from unrounded values."]) == (
        "Source: BEA. Changes are computed from unrounded values."
    )
    assert noted("Source: BEA (2023)", ["Rounded", "Seasonally adjusted"]) == (
        "Source: BEA (2023). Rounded. Seasonally adjusted."
    )
    assert noted("Source: BEA.", ['Called "final."']) == 'Source: BEA. Called "final."'
    assert noted("", ["Rounded"]) == "Rounded."
    assert noted("Source: BEA", []) == "Source: BEA"


def test_the_month_names_held_with_their_dates_are_every_name_babel_writes():
    """:data:`MONTH_NAMES` (text wrapping keeps a month with its day and year) are the
    long and short month names of every language deckgen writes in, as Babel writes them."""
    from babel.dates import get_month_names

    from deckgen.outline.words import LANGUAGES, MONTH_NAMES

    written = {name for language in LANGUAGES for width in ("wide", "abbreviated")
               for name in get_month_names(width, locale=language).values()}  # fmt: skip
    assert written == set(MONTH_NAMES) and len(MONTH_NAMES) == len(written)
