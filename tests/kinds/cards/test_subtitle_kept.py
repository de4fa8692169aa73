"""A landscape chart card keeps its subtitle (measure and unit, often the only place the
unit is) by setting its title smaller first, and says so when it still leaves it off: on
linkedin and og a card read '€588.1 → €631.4' with no unit beside 150 px of empty title
column, and the build said nothing (found in review)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from deckgen.plan.cards import plan_cards
from deckgen.render.jobs import LEFT_OUT
from deckgen.tables.sources import load_tables
from tests.helpers import load_outline, load_theme, write_project

if TYPE_CHECKING:
    from pathlib import Path

TICKETS_CSV = "season,tickets\n2024/25,212.4\n2025/26,231.9\n"

OUTLINE = """\
deck: {{title: Tickets, theme: contrast}}
data:
  tickets: {{file: tickets.csv}}
slides:
  - kind: title
    title: Tickets
social:
  cards:
    - kind: chart
      name: tickets
      presets: [linkedin, og, x-post]
      title: {title}
      subtitle: {subtitle}
      chart: {{type: bar, data: tickets, x: season, y: tickets,
               format: {{style: plain, decimals: 1, prefix: "€"}}, highlight: 2025/26}}
"""


def _plan(root: Path, title: str, subtitle: str) -> dict:
    text = OUTLINE.format(title=title, subtitle=subtitle)
    loaded = load_outline(write_project(root, text, {"tickets.csv": TICKETS_CSV}))
    planned = plan_cards(loaded, load_tables(loaded), load_theme("contrast"))
    return {c.preset.name: c.job for c in planned}


@pytest.mark.parametrize("preset", ["linkedin", "og", "x-post"])
def test_the_title_shrinks_before_the_subtitle_is_left_off(tmp_path: Path, preset: str) -> None:
    job = _plan(tmp_path, "Ticket revenue rose 9% in a year", "Ticket revenue, € million")[preset]
    assert job.subtitle is not None
    assert " ".join(job.subtitle.lines) == "Ticket revenue, € million"
    assert job.left_off == ()
    assert job.title.size > job.subtitle.size  # still the larger


def test_a_subtitle_left_off_is_said(tmp_path: Path) -> None:
    """A long title leaves a long subtitle no room under it at any size, in any title
    column (a title of four, beside a column of 45%, now leaves it room beside one of 50%;
    this title, the subtitle without its last words beside a wider one): the card is made
    without the subtitle, and its picture says what it left off, as a chart's left-out
    parts are said (a build warning)."""
    title = (
        "Ticket revenue rose nine per cent in a single year as the league's crowds returned "
        "to its twenty grounds"
    )
    subtitle = (
        "Total ticket revenue of all twenty member clubs, in € million, per season, "
        "with cup and friendly fixtures"
    )
    job = _plan(tmp_path, title, subtitle)["og"]
    assert job.subtitle is None or "member clubs" not in " ".join(job.subtitle.lines)
    (note,) = job.left_off
    assert note.startswith("its subtitle 'Total ticket revenue of all twenty member")
    assert "is left off: it has no room" in note and "shorten the title or the subtitle" in note
    assert job.render().values[LEFT_OUT] == [note]


def test_the_room_a_layout_is_asked_for_is_the_room_it_has(tmp_path: Path) -> None:
    """A chart card lays out no title column whose text alone leaves the subtitle no room
    under the title at its smallest (``subtitle_room``: planning the sample's x-post map
    laid out 54 layouts where 5 do). It must say no exactly where :func:`headline`, setting
    the title at its smallest and the subtitle, does not fit them, at every squeeze level:
    else a card would leave off a subtitle it has room for."""
    from deckgen.errors import FitError
    from deckgen.kinds.cards._base import SQUEEZE, TITLE_PX, CardLayout, headline, subtitle_room
    from deckgen.layout.units import Px
    from deckgen.outline.presets import parse_preset
    from deckgen.plan.cards import card_context, card_requests

    title = "Ticket revenue rose nine per cent in a single year as the league's crowds returned"
    subtitle = "Total ticket revenue of all twenty member clubs, in € million, per season"
    text = OUTLINE.format(title=title, subtitle=subtitle)
    loaded = load_outline(write_project(tmp_path, text, {"tickets.csv": TICKETS_CSV}))
    ctx = card_context(loaded, load_tables(loaded), load_theme("contrast"))
    (req,) = card_requests(loaded)
    preset = parse_preset("x-post")
    said = set()
    for squeeze in SQUEEZE:
        lay = CardLayout(ctx, req, preset, preset.height or 0, squeeze)
        for width in (500, 700):
            for height in range(300, 800, 25):
                try:
                    headline(lay, title, subtitle, Px(0), Px(0), Px(width), Px(height),
                             max_lines=6, title_px=TITLE_PX[-1])  # fmt: skip
                    fits = True
                except FitError:
                    fits = False
                room = subtitle_room(lay, title, subtitle, Px(width), Px(height), max_lines=6)
                assert room == fits, (squeeze, width, height)
                said.add(room)
    assert said == {True, False}
