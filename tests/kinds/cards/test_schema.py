"""The ``social:`` section and ``share:``: bad input is reported with file, line, field."""

from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.errors import DeckgenError, OutlineError
from deckgen.kinds.cards.chart import ChartCard
from deckgen.kinds.cards.infographic import InfographicCard, StatsSection
from deckgen.kinds.charts import ChartKind
from deckgen.outline.schema import Stat
from deckgen.plan.cards import card_requests
from tests.helpers import SAMPLE, load_bound, parse_outline
from tests.kinds.cards.conftest import SLIDES, social_outline


def _problems(text: str) -> str:
    with pytest.raises(OutlineError) as info:
        parse_outline(text, Path("deck.yaml"))
    return str(info.value)


def _line(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_chart_cards_validate_a_chart_spec_exactly_as_slides_do():
    loaded = parse_outline(
        social_outline("""
- kind: chart
  title: China leads
  chart: {type: bar, data: production, x: country, y: production_2023}
- kind: infographic
  title: Long
  sections:
    - kind: stats
      items: [{value: "1", label: a}, {value: "2", label: b}]
"""),
        Path("deck.yaml"),
    )
    chart, long = loaded.outline.social.cards
    assert isinstance(chart, ChartCard) and isinstance(chart.chart, ChartKind)
    assert chart.presets == ["ig-square"]  # the default
    assert isinstance(long, InfographicCard) and long.presets == ["long"]
    assert isinstance(long.sections[0], StatsSection)
    assert isinstance(long.sections[0].items[0], Stat)


def test_an_unknown_preset_names_line_field_and_suggests():
    text = social_outline("""
- kind: stat
  presets: [ig-sqare]
  value: 30.2M
  label: vehicles
""")
    message = _problems(text)
    line = _line(text, "ig-sqare")
    assert f"deck.yaml:{line}: social.cards[0].presets[0]: unknown preset 'ig-sqare'" in message
    assert "did you mean 'ig-square'?" in message


def test_a_typo_in_a_cards_chart_is_reported_like_on_a_slide():
    text = social_outline("""
- kind: chart
  title: China leads
  chart: {type: bar, data: production, x: country, y: production_2023, hihglight: China}
""")
    message = _problems(text)
    assert "social.cards[0].chart.hihglight: unknown field 'hihglight'" in message
    assert "did you mean 'highlight'?" in message


def test_unknown_card_and_section_kinds_list_the_kinds():
    text = social_outline("""
- kind: stats
  value: 1
- kind: infographic
  title: T
  sections:
    - {kind: chrt, title: x}
""")
    message = _problems(text)
    assert "social.cards[0]: unknown card kind 'stats'; expected one of 'stat', 'chart'" in message
    assert "did you mean 'stat'?" in message
    assert "social.cards[1].sections[0]: unknown section kind 'chrt'" in message


def test_an_infographic_needs_a_long_form_preset_and_cards_a_fixed_one():
    message = _problems(
        social_outline("""
- kind: infographic
  presets: [ig-square]
  title: T
  sections: [{kind: text, text: hello}]
- kind: stat
  presets: long
  value: "1"
  label: x
""")
    )
    assert "social.cards[0].presets[0]: an infographic is as tall as its content" in message
    assert "social.cards[1].presets[0]: 'long' is for infographics" in message


def test_sharing_a_slide_that_cannot_be_shared_or_with_a_bad_preset(tmp_path):
    slides = """\
  - kind: bullets
    title: Bullets
    items: [a, b]
    share: [ig-square]
  - kind: quote
    text: Something wise.
    attribution: Someone
    share: [ig-square, storry]
  - kind: image
    file: plant.png
    alt: The plant
    share: [ig-square]
"""
    with pytest.raises(DeckgenError) as info:  # when the outline is loaded
        parse_outline(social_outline("[]", slides=slides), tmp_path / "deck.yaml")
    message = str(info.value)
    assert "slides[0].share: a bullets slide cannot be shared; only " in message
    assert all(f"'{kind}'" in message.split("cannot be shared")[1] for kind in ("stats", "chart"))
    assert "slides[1].share[1]: unknown preset 'storry'" in message
    assert "did you mean 'story'?" in message
    assert "slides[2].share: an image slide cannot be shared" in message  # not 'a image'


def test_two_cards_with_one_name_are_refused(tmp_path):
    cards = """
- {kind: stat, name: same, value: "1", label: a}
- {kind: stat, name: same, value: "2", label: b}
"""
    loaded = parse_outline(social_outline(cards), tmp_path / "deck.yaml")
    with pytest.raises(DeckgenError, match=r"social\.cards\[1\]\.name: two cards are named"):
        card_requests(loaded)


def test_a_chart_card_naming_an_unknown_data_source(project, tmp_path):
    from tests.helpers import build_cards

    cards = """
- kind: chart
  title: China leads
  chart: {type: bar, data: prodution, x: country, y: production_2023}
"""
    with pytest.raises(DeckgenError) as info:  # when the outline is loaded
        loaded, tables, theme = project(social_outline(cards))
        build_cards(loaded, tables, theme, tmp_path / "out")
    message = str(info.value)
    assert "social.cards[0].chart.data: unknown data source 'prodution'" in message
    assert "did you mean 'production'?" in message


def test_shared_slides_become_cards_and_names_are_unique(tmp_path):
    slides = (
        SLIDES
        + """\
    share: [ig-square, story]
  - kind: stats
    title: China builds three in ten of the world's vehicles
    items:
      - {value: 5.2M, label: in 2004}
      - {value: 30.2M, label: in 2023, accent: true}
    share: [og]
"""
    )
    loaded = parse_outline(social_outline("[]", slides=slides), tmp_path / "deck.yaml")
    first, second = card_requests(loaded)
    assert first.name == "china-builds-three-in-ten" and second.name.endswith("-2")
    # A stats slide becomes a card of its accented item, titled with the slide's finding.
    assert second.card.value == "30.2M" and second.card.title.startswith("China builds")
    assert second.path("label") == ("slides", 1, "items", 1, "label")
    assert first.card.presets == ["ig-square", "story"]


def test_the_sample_has_a_card_per_preset_and_the_page_highlights():
    loaded, _ = load_bound(SAMPLE)
    requests = card_requests(loaded)
    presets = {p for r in requests for p in r.card.presets}
    assert presets >= {"ig-square", "ig-portrait", "ig-tall", "story", "x-post", "linkedin",
                       "og", "long"}  # fmt: skip
    text = repr([r.card for r in requests])
    for needle in ("67%", "$143.2B", "production_2023", "ITIF"):
        assert needle in text
    assert any(r.card.kind == "infographic" for r in requests)


def test_hashtags_are_one_word_each_with_their_mark():
    """'Auto Industry' went into every caption as two words (found by fuzzing)."""
    from deckgen.kinds.cards import SocialSection

    assert SocialSection(hashtags=["#EVs", " AutoIndustry "]).hashtags == ["#EVs", "#AutoIndustry"]
    assert SocialSection(hashtags="Trade").hashtags == ["#Trade"]
    for tag, fix in (("Auto Industry", "write '#AutoIndustry'"), ("#", "write a word after"),
                     ("#EV#sales", "write '#EVSales'")):  # fmt: skip
        with pytest.raises(ValueError, match=f"expected a hashtag, '#' and one word(.|\\n)*{fix}"):
            SocialSection(hashtags=[tag])


def test_a_hashtag_is_refused_where_a_platform_would_not_link_it_whole():
    """'#Food-Bank' and '#FoodBank's' were linked only up to the hyphen or apostrophe, and
    '#2024' not at all, by LinkedIn, Instagram and X; all went into every caption (found in
    review). Letters of any script, with their marks, and digits and '_' are a tag."""
    from deckgen.kinds.cards import SocialSection

    tags = ["#FoodBank", "#Hunger_Free", "#Café2024", "#日本", "#हिन्दी", "#FY2024"]
    assert SocialSection(hashtags=tags).hashtags == tags
    for tag, fix in (("#Food-Bank", "write '#FoodBank'"), ("#Food.Bank", "write '#FoodBank'"),
                     ("#FoodBank\u2019s", "write '#FoodBanks'")):  # fmt: skip
        with pytest.raises(
            ValueError, match=f"a hyphen, an apostrophe or a space ends the link(.|\\n)*{fix}"
        ):
            SocialSection(hashtags=[tag])
    with pytest.raises(
        ValueError, match=r"with a letter in it, found '#2024'(.|\n)*'#Results2024'"
    ):
        SocialSection(hashtags=["#2024"])
