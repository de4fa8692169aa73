"""The sample binds every number it shows to data/: no typed quantity may creep back in."""

from __future__ import annotations

import re

import yaml

from deckgen.binding.bind import STRUCTURAL, bind_outline
from deckgen.kinds.slides.stats import StatsSlide
from deckgen.tables.sources import load_tables
from tests.helpers import SAMPLE, load_outline

#: Fields that name or configure things (not text shown to a reader), beyond STRUCTURAL.
NOT_SHOWN = STRUCTURAL | {"vars", "data", "chart", "table", "hashtags", "image", "path", "alt"}
#: Typed digits allowed outside templates: years as period labels, section kickers.
YEAR = re.compile(r"\b(19|20)\d\d\b")
KICKER = re.compile(r"^\d\d$")
#: Names that contain digits.
NAMES = re.compile(r"\bG20\b")
#: Number words for judgements that go stale when the data changes; compute them instead.
STALE_WORDS = re.compile(
    r"\b(one|two|three|four|five|six|seven|eight|nine|ten|twice|doubled?|tripled?|"
    r"half|thirds?|quarters?|tenths?|dozen|hundred|thousand|million|billion)\b",
    re.IGNORECASE,
)
#: Quantities the page prints only in words and data/ does not hold (data/README.md).
PAGE_WORDS = ("more than half", "in two years")


def _shown_strings(node, path=()):
    """(path, text) of every string the deck or the cards show, from the raw YAML."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key not in NOT_SHOWN:
                yield from _shown_strings(value, (*path, key))
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from _shown_strings(item, (*path, i))
    elif isinstance(node, str):
        yield path, node


def _outside_templates(text: str) -> str:
    return re.sub(r"\{\{.*?\}\}|\{%.*?%\}", " ", text, flags=re.DOTALL)


def _raw_sample() -> dict:
    return yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))


def test_no_digit_is_typed_outside_a_template_except_years_and_kickers():
    typed = []
    for path, text in _shown_strings(_raw_sample()):
        plain = _outside_templates(text)
        plain = NAMES.sub(" ", YEAR.sub(" ", plain))
        if path[-1] == "kicker" and KICKER.match(plain.strip()):
            continue
        if re.search(r"\d", plain):
            typed.append((path, text))
    assert typed == []


def test_no_stale_judgement_words_outside_a_template():
    stale = []
    for path, text in _shown_strings(_raw_sample()):
        plain = _outside_templates(text)
        for allowed in PAGE_WORDS:
            plain = plain.replace(allowed, " ")
        if STALE_WORDS.search(plain):
            stale.append((path, STALE_WORDS.search(plain).group(0), text))
    assert stale == []


def test_the_rule_catches_a_typed_number():
    bad = {"slides": [{"kind": "stats", "items": [{"value": "67%", "label": "in {{ x }}"}]}]}
    found = [t for _, t in _shown_strings(bad) if re.search(r"\d", _outside_templates(t))]
    assert found == ["67%"]


def test_every_shown_field_of_the_sample_is_bound_somewhere():
    loaded = load_outline(SAMPLE)
    bound = bind_outline(loaded, load_tables(loaded))
    fields = {b.where.field for b in bound.bindings}
    # stat values on slides, cards and the infographic; the two quotes; chart titles.
    assert "slides[3].items[0].value" in fields
    quotes = [i for i, s in enumerate(loaded.outline.slides) if s.kind == "quote"]
    assert len(quotes) == 2 and all(f"slides[{i}].text" in fields for i in quotes)
    assert "social.cards[4].sections[1].items[2].value" in fields
    assert all(b.reads for b in bound.bindings if "value" in (b.where.field or ""))


def _bound_sample():
    loaded = load_outline(SAMPLE)
    return bind_outline(loaded, load_tables(loaded)).loaded.outline


def test_bound_titles_state_the_computed_findings():
    titles = [s.title for s in _bound_sample().slides if getattr(s, "title", None)]
    assert "China’s vehicle production grew 476% from 2004 to 2023, to 30.2 million" in titles
    assert (
        "The U.S. built 1.4 million fewer vehicles in 2023 than in 2004, while China built 24.9 "
        "million more" in titles
    )
    assert (
        "The five largest producers built 59.9 million vehicles in 2023, up from 31.4 million "
        "in 2004" in titles
    )
    assert (
        "North America added $27.0B to U.S. auto exports since 2008, the most of any region"
        in titles
    )
    assert "Vehicles and parts are 45% of Alabama’s exports" in titles
    assert (
        "The auto industry invested more than $32.8 billion in U.S. research and development"
        in titles
    )


def test_every_number_in_the_bound_sample_stats_is_on_the_page():
    # The page the sample's numbers were transcribed from (data/README.md).
    page = SAMPLE.parent / "global-impact-page.txt"
    # Digits only: "93.5M" is the page's "93,546,599" rounded, "$90B" its "$ 90 B".
    words = "".join(ch for ch in page.read_text() if ch.isdigit() or ch.isspace()).split()
    values = [
        (stat.value, slide.notes or "")
        for slide in _bound_sample().slides
        if isinstance(slide, StatsSlide)
        for stat in slide.items
    ]
    assert len(values) >= 19
    computed = []
    for value, notes in values:
        assert "{{" not in value
        for number in re.findall(r"\d[\d.,]*", value):
            digits = "".join(ch for ch in number if ch.isdigit())
            if not any(w.startswith(digits) for w in words):
                # A value computed from the page's numbers: its slide's notes show how.
                assert f"= {value}" in notes, value
                computed.append(value)
    assert computed == ["$35.8B"]  # the export growth the region table gives (slide 17)
