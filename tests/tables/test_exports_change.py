"""The sample's one computed data file, data/exports_change.csv, is what data/README.md
says it is: from exports_by_region.csv, row by row, 2008 = 2023 / (1 + change / 100)
rounded to one decimal so that the six add up to their rounded total (largest remainder),
and each step = 2023 - 2008. (A derived table once `steps:` lands; until then this keeps
the file from drifting away from the page's numbers.)"""

from __future__ import annotations

import csv
from decimal import Decimal

from deckgen.tables.rounding import round_to_total
from tests.helpers import REPO

DATA = REPO / "data"


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_exports_change_is_computed_from_the_printed_table() -> None:
    printed = [r for r in _rows("exports_by_region.csv") if r["region"] != "Grand Total"]
    exact = [
        float(Decimal(r["exports_usd_bn"]) / (1 + Decimal(r["change_15yr_pct"]) / 100))
        for r in printed
    ]
    expected = [
        (r["region"], f"{v2008:.1f}", f"{Decimal(r['exports_usd_bn']) - Decimal(f'{v2008:.1f}')}")
        for r, v2008 in zip(printed, round_to_total(exact, 1), strict=True)
    ]
    found = [(r["region"], r["exports_2008_usd_bn"], r["change_usd_bn"])
             for r in _rows("exports_change.csv")]  # fmt: skip
    assert found == expected


def test_its_bars_add_up_to_the_printed_grand_total() -> None:
    rows = _rows("exports_change.csv")
    start = sum(Decimal(r["exports_2008_usd_bn"]) for r in rows)
    steps = sum(Decimal(r["change_usd_bn"]) for r in rows)
    (total,) = [r for r in _rows("exports_by_region.csv") if r["region"] == "Grand Total"]
    assert (start, start + steps) == (Decimal("107.4"), Decimal(total["exports_usd_bn"]))
