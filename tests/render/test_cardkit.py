"""Cards drawn by :mod:`deckgen.render.cardkit`: what their charts leave out is said."""

from __future__ import annotations

from deckgen.pipeline import BuildOptions, build
from tests.helpers import write_project

ROUTES = [f"Route {c}" for c in "ABCDEFGHIJKLMNOPQRSTUV"]


def test_a_card_says_the_series_its_chart_could_not_name(tmp_path):
    """A line card of 22 routes named nine and dropped the rest without a word (review):
    the build warns of them as it warns of a slide's chart, naming the card."""
    rows = ["year," + ",".join(ROUTES)] + [
        f"{year}," + ",".join(f"{10 + (i % 5) * 0.3 + k * 0.1 * (i % 3):.1f}" for i in range(22))
        for k, year in enumerate(range(2020, 2025))
    ]
    outline = f"""\
deck: {{title: Riders, theme: corporate}}
data:
  r: {{file: r.csv}}
slides:
  - kind: chart
    title: Route A carried the most riders in 2024
    source: Transit agency
    share: [x-post]
    chart: {{type: line, data: r, x: year, y: [{", ".join(ROUTES)}], highlight: Route A}}
"""
    path = write_project(tmp_path, outline, {"r.csv": "\n".join(rows) + "\n"})
    result = build(path, BuildOptions(out_dir=tmp_path / "out"))
    said = [w for w in result.warnings if w.startswith("card ")]
    assert len(said) == 1 and "x-post.png: " in said[0]
    assert "are not named at their ends" in said[0] and "'Route A'" not in said[0]


def test_a_chinese_quotation_is_placed_at_the_latin_line_pitch(tmp_path):
    """A quote card set a Chinese quotation's lines in its fallback font's pitch, a fifth
    further apart than an English quotation's at the same size (found in review): a block
    is drawn at the pitch of the font asked for, as its height was fitted."""
    from deckgen.kinds.cards.quote import quote_spacing
    from deckgen.layout.text import CARD
    from deckgen.plan.cards import plan_cards
    from deckgen.tables.sources import load_tables
    from tests.helpers import load_outline, load_theme

    quote = "汽车产业是国家经济的支柱，我们必须在电动化和智能化的竞争中保持领先，" \
            "才能赢得未来十年的市场。"  # fmt: skip
    outline = f"""\
deck: {{title: 汽车, organisation: 团队}}
slides:
  - kind: quote
    text: {quote}
    attribution: 王经理
    share: [ig-square, story]
"""
    loaded = load_outline(write_project(tmp_path, outline, {}))
    theme = load_theme("corporate")
    for card in plan_cards(loaded, load_tables(loaded), theme):
        text = card.job.text
        assert text.font != theme.heading.regular  # drawn in the fallback
        assert len(text.lines) > 2
        spacing = quote_spacing(theme.heading.regular)  # the Latin font's, not the fallback's
        assert text.leading == CARD.leading(theme.heading.regular, text.size, spacing)
        # The lines fill the block the fitter measured, and the attribution clears them.
        one_line = CARD.block_height(text.font, text.size, 1)  # ascender to descender
        assert text.box.top + text.leading * (len(text.lines) - 1) + one_line == text.box.bottom
        assert card.job.attribution.box.top > text.box.bottom
