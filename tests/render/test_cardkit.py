"""Cards drawn by :mod:`deckgen.render.cardkit`: what their charts leave out is said."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from deckgen.pipeline import BuildOptions, build
from tests.helpers import write_project

if TYPE_CHECKING:
    from pathlib import Path

ROUTES = [f"Route {c}" for c in "ABCDEFGHIJKLMNOPQRSTUV"]


#: A note too wide for an x-post card's plot.
NOTE = "A new timetable with trains every ten minutes all day long"


def _routes(root: Path) -> Path:
    """A line chart of three routes with :data:`NOTE` on Route A, shared on an x-post card."""
    routes = ROUTES[:3]
    rows = ["year," + ",".join(routes)] + [
        f"{year}," + ",".join(f"{10 + 4 * i + k * (i + 1):.1f}" for i in range(len(routes)))
        for k, year in enumerate(range(2020, 2025))
    ]
    outline = f"""\
deck: {{title: Riders, theme: corporate}}
data:
  r: {{file: r.csv}}
slides:
  - kind: chart
    title: Route A carried the fewest riders in 2024
    source: Transit agency
    share: [x-post]
    chart:
      type: line
      data: r
      x: year
      y: [{", ".join(routes)}]
      highlight: Route A
      annotations: [{{at: 2022, series: Route A, text: {NOTE}}}]
"""
    return write_project(root, outline, {"r.csv": "\n".join(rows) + "\n"})


def test_a_card_says_what_its_chart_left_out(tmp_path):
    """A line card of 22 routes named nine and dropped the rest without a word (review):
    the build warns of what a card's chart leaves out as it warns of a slide's chart,
    naming the card. (A card now names every line, or is refused: see
    tests/kinds/cards/test_chart.py.) Here a note too wide for the card's plot."""
    result = build(_routes(tmp_path), BuildOptions(out_dir=tmp_path / "out"))
    said = [w for w in result.warnings if w.startswith("card ")]
    assert len(said) == 1 and "x-post.png: " in said[0]
    assert f"the note {NOTE!r} at '2022' on 'Route A' is left out: it is wider than the plot" in (
        said[0])  # fmt: skip


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


def _blocks(value: object) -> list:
    """Every :class:`TextBlock` a card job holds, however deep."""
    import dataclasses

    from deckgen.render.cardkit import TextBlock

    if isinstance(value, TextBlock):
        return [value]
    if isinstance(value, list | tuple):
        return [b for v in value for b in _blocks(v)]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [b for f in dataclasses.fields(value) for b in _blocks(getattr(value, f.name))]
    return []


@pytest.mark.parametrize("theme_name", ["corporate", "dark", "contrast", "corporate-template"])
def test_a_cards_accented_names_are_set_in_a_font_that_has_each_letter_whole(tmp_path, theme_name):
    """A card sets a block in one font (the theme's, else the fallback that has every
    letter it lacks): never in one that would build 'Č' of a 'C' and a caron it does not
    place, as the CJK fallback drew them in charts (found in review)."""
    from deckgen.plan.cards import plan_cards
    from deckgen.tables.sources import load_tables
    from deckgen.theming.fonts import _cmap
    from tests.helpers import load_outline, load_theme

    outline = """\
deck: {title: Čačak and Αθήνα, organisation: Ελλάδα Česko}
slides:
  - kind: quote
    text: Čačak, Plzeň, Győr and Iași grew; Αθήνα, in Ελλάδα, did not.
    attribution: Jiří Čapek
    share: [ig-square]
  - kind: chart
    title: Česko's Čačak trails Ελλάδα's Αθήνα
    subtitle: Population of Győr, Plzeň and Iași too, thousands
    source: Made-up, Ελλάδα
    chart: {type: hbar, data: cities, x: city, y: pop_k}
    share: [x-post]
"""
    cities = "city,pop_k\nČačak,106\nΑθήνα,643\nGyőr,129\n"
    outline = outline.replace("slides:", "data: {cities: {file: cities.csv}}\nslides:")
    loaded = load_outline(write_project(tmp_path, outline, {"cities.csv": cities}))
    theme = load_theme(theme_name)
    cards = plan_cards(loaded, load_tables(loaded), theme)
    blocks = [b for card in cards for b in _blocks(card.job)]
    lines = "".join(line for b in blocks for line in b.lines)
    assert {"Č", "ά", "ή", "ň", "ő", "ș"} <= set(lines)
    for block in blocks:
        text = "".join(block.lines).replace(" ", "")
        lacking = {c for c in text if ord(c) not in _cmap(block.font)}
        assert not lacking, (block.role, block.lines, block.font.name)


def test_a_chart_drawn_again_in_a_process_is_pasted_and_says_what_it_said(tmp_path, monkeypatch):
    """A warm session's worker drew an infographic again, every chart of it, when one
    changed (~70 ms a chart). A chart it drew before is pasted, to the same bytes, and
    what drawing it said (a note left out) is said again for the card drawn with it."""
    from deckgen.plan.cards import plan_cards
    from deckgen.render import cardkit
    from deckgen.render.charts import ChartJob
    from deckgen.render.jobs import LEFT_OUT
    from deckgen.tables.sources import load_tables
    from tests.helpers import load_outline, load_theme

    path = _routes(tmp_path)
    loaded = load_outline(path)
    (card,) = plan_cards(loaded, load_tables(loaded), load_theme())
    drawn = []
    pixels = ChartJob.pixels
    monkeypatch.setattr(ChartJob, "pixels", lambda job: drawn.append(job) or pixels(job))
    monkeypatch.setattr(cardkit, "_DRAWN", cardkit.OrderedDict())
    first, again = card.job.render(), card.job.render()
    assert len(drawn) == 1
    assert first.data == again.data
    assert first.values[LEFT_OUT] == again.values[LEFT_OUT]
    assert any(NOTE in said for said in again.values[LEFT_OUT])
