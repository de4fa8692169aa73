"""A card with room for fewer periods than its chart has keeps the rows whose value its
title states, as it keeps the rows the title names (``_base.card_chart``,
``_base._time_window``); where no run of periods that fits the card holds both the
highlighted period and the stated one, the build says so rather than drop it silently."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from deckgen.plan.cards import plan_cards
from deckgen.tables.sources import load_tables
from tests.helpers import load_outline, load_theme, write_project

if TYPE_CHECKING:
    from pathlib import Path

#: Made-up quarterly sales in $ million, long enough labels that an x-post card has room
#: for only some of the six columns.
QUARTERS = ["2023 Q1", "2023 Q2", "2023 Q3", "2023 Q4", "2024 Q1", "2024 Q2"]
SALES = [1203.1, 1161.8, 1404.0, 1504.4, 1604.9, 1705.9]
SALES_CSV = "quarter,sales\n" + "".join(f"{q},{v}\n" for q, v in zip(QUARTERS, SALES, strict=True))
CARD = """\
deck: {{title: Sales, theme: corporate, organisation: Sales Unit}}
data:
  sales: {{file: sales.csv}}
slides:
  - kind: title
    title: Sales
social:
  cards:
    - kind: chart
      name: sales
      presets: [x-post]
      title: "{title}"
      subtitle: Sales by quarter
      chart: {{type: {type}, data: sales, x: quarter, y: sales, format: "$plain:1M",
               highlight: "{highlight}"}}
"""


def _card(root: Path, title: str, highlight: str, chart: str = "bar"):
    outline = CARD.format(title=title, highlight=highlight, type=chart)
    loaded = load_outline(write_project(root, outline, {"sales.csv": SALES_CSV}))
    (card,) = plan_cards(loaded, load_tables(loaded), load_theme("corporate"))
    return card


def test_a_card_keeps_the_quarter_whose_value_its_title_states(tmp_path: Path) -> None:
    """An x-post card of six quarters kept the run ending at the latest one that held the
    highlighted 2023 Q4, and left out 2023 Q2, the low the title quotes ('$1,161.8M'): the
    subtitle said '3 of 6 quarters' and the number in the title was nowhere on the card
    (found in review). The run now holds both the highlighted quarter and the stated one."""
    card = _card(tmp_path, "Sales recovered from a $1,161.8M low to a record", "2023 Q4")
    job = card.job.chart.job
    shown = list(job.data.categories)
    assert len(shown) < len(QUARTERS)  # the case: the card has room for fewer quarters
    assert "2023 Q2" in shown and "2023 Q4" in shown
    first = QUARTERS.index(shown[0])
    assert shown == QUARTERS[first : first + len(shown)]  # a run, no quarter left out inside
    assert job.spec.highlight == ["2023 Q4"]  # kept, not accented: the accent is the user's
    assert card.job.short == ()  # nothing left out that the title states: nothing to say
    assert card.job.shown is not None and card.job.shown.endswith(f"{len(shown)} of 6 quarters")


def test_a_stated_value_too_far_from_the_highlight_is_warned_of(tmp_path: Path) -> None:
    """No run that fits the card holds both the highlighted 2024 Q2 and 2023 Q1, whose
    value the title states: the card keeps the highlighted run, and says which quarter and
    which value it leaves out."""
    card = _card(tmp_path, "Sales rose from $1,203.1M to a record $1,705.9M", "2024 Q2")
    shown = list(card.job.chart.job.data.categories)
    assert "2024 Q2" in shown and "2023 Q1" not in shown
    (warning,) = card.job.short
    assert "card 'sales' (chart, x-post" in warning
    assert "2023 Q1" in warning and "'$1,203.1M'" in warning
    assert f"room for {len(shown)} of the 6 quarters" in warning


@pytest.mark.parametrize(
    "title",
    [
        # No number of the title is a value of the chart's.
        "Sales reached a record",
        # The highlighted quarter's own value: nothing more to keep.
        "Sales reached a record $1,705.9M, up from Q1",
        # A year and a span of time state no value, as deckgen check reads them.
        "Sales rose over 6 quarters since 2023",
    ],
)
def test_titles_that_state_no_other_value_keep_the_latest_run(tmp_path: Path, title: str) -> None:
    """The latest run that holds the highlighted quarter, as before."""
    card = _card(tmp_path, title, "2024 Q2")
    shown = list(card.job.chart.job.data.categories)
    assert len(shown) < len(QUARTERS)
    assert shown == QUARTERS[-len(shown) :]
    assert card.job.short == ()


def test_the_build_warns_of_the_stated_value_it_leaves_out(tmp_path: Path) -> None:
    """The warning reaches the build's warnings, at the card's file."""
    from deckgen.pipeline import BuildOptions, build

    outline = CARD.format(title="Sales rose from $1,203.1M to a record $1,705.9M",
                          highlight="2024 Q2", type="bar")  # fmt: skip
    path = write_project(tmp_path, outline, {"sales.csv": SALES_CSV})
    warnings = build(path, BuildOptions(out_dir=tmp_path / "out", workers=1)).warnings
    said = [w for w in warnings if "'$1,203.1M'" in w]
    assert len(said) == 1 and said[0].startswith("card sales-x-post.png: "), warnings


def test_a_ranking_keeps_the_row_whose_value_its_title_states(tmp_path: Path) -> None:
    """Off a time axis the card keeps its leading rows and, as it keeps the rows the title
    names, the one whose value the title states: '-6.3%' is Wales's, the last of eight."""
    from tests.kinds.cards.test_title_rows import ROWS
    from tests.kinds.cards.test_title_rows import _card as ranking

    card = ranking(tmp_path, "corporate", "One region shrank by 6.3% as the rest grew")
    shown = list(card.job.chart.job.data.categories)
    assert len(shown) < len(ROWS) and shown[-1] == "Wales"
    assert shown[:-1] == ROWS[: len(shown) - 1]
    assert card.job.short == ()
