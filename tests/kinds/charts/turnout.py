"""Crowded rows for the dot and range tests: twenty districts' turnout (made up for the
tests), 2019 and 2023 in percent with 2021 between them on request, too close row to row
for every value to be written."""

from __future__ import annotations

from typing import TYPE_CHECKING

from deckgen.tables.select import ChartData, Series

if TYPE_CHECKING:
    from tests.kinds.charts.rows import Drawn

#: Twenty districts' turnout (made up for these tests), 2019 and 2023 in percent, top row
#: 79.9%: too close row to row for every value to be written. Putney (highlighted, the
#: story: it rose most) ends at 62.9%, a hair under Oxford's 63.0% in the row above.
DISTRICTS = ("Ashford", "Bexley", "Camden", "Dover", "Ealing", "Fulham", "Greenwich",
             "Harrow", "Islington", "Kingston", "Lambeth", "Merton", "Newham", "Oxford",
             "Putney", "Reading", "Sutton", "Tooting", "Uxbridge", "Wembley")  # fmt: skip
LATE = [round(79.9 - 1.3 * i, 1) for i in range(20)]
EARLY = [round(v - 5.0 - 3.0 * (i % 4), 1) for i, v in enumerate(LATE)]
LATE[14], EARLY[14] = 62.9, 41.0  # Putney


def turnout(middle: list[float] | None = None) -> ChartData:
    """The districts' turnout, 2019 and 2023 (with ``middle``, 2021 between them)."""
    series = [Series("2019", tuple(EARLY)), Series("2023", tuple(LATE))]
    if middle is not None:
        series.insert(1, Series("2021", tuple(middle)))
    return ChartData(DISTRICTS, tuple(series))


def written(drawn: Drawn) -> list[str]:
    """The values written on the picture (the ticks are whole percentages: '40%')."""
    return [t for t, _ in drawn.texts if t.endswith("%") and "." in t]
