"""Write the two time-series tables the date tests read (run once; the CSVs are committed).

Both are made up, with the shape of the public data they stand for, and the layout those
exports have:

* ``employment_monthly.csv``: a wide table of monthly employment by sector, in thousands
  (as statistics offices publish it), January 2007 to December 2016, dates written
  ``Jan 2007``. Total employment peaks at 138,365 in January 2008 and falls 8,667 (8.7
  million jobs) to a low in February 2010, then recovers to about 145,000.
* ``stock_prices.csv``: a long table of month-start closing prices by symbol (one row per
  symbol and month), January 2000 to December 2009, dates written ``Jan 1 2000``; one
  symbol lists from August 2004 only. Prices fall in 2001-02 and in late 2008.

``python tests/data/make_time_series.py`` rewrites both files byte for byte.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
MONTHS = 120


def _month(t: int, start: int = 2007) -> dt.date:
    return dt.date(start + t // 12, t % 12 + 1, 1)


def _smooth(x: float) -> float:
    """0 to 1 with gentle ends and a steep middle (losses are steepest mid-recession)."""
    x = min(max(x, 0.0), 1.0)
    return x * x * x * (x * (6 * x - 15) + 10)


def _sector(t: int, start: float, peak: float, low: float, end: float,
            peak_at: int = 12, low_at: int = 37) -> float:  # fmt: skip
    if t <= peak_at:
        return start + (peak - start) * t / peak_at
    if t <= low_at:
        return peak - (peak - low) * _smooth((t - peak_at) / (low_at - peak_at))
    return low + (end - low) * ((t - low_at) / (MONTHS - 1 - low_at)) ** 0.95


#: Sector: (January 2007, peak, low, December 2016), thousands of jobs.
SECTORS = {
    "construction": (7_690, 7_720, 5_430, 6_790),
    "manufacturing": (14_010, 13_740, 11_450, 12_340),
    "retail_trade": (15_370, 15_520, 14_420, 15_930),
    "health_care": (15_050, 15_520, 16_520, 19_610),
    "leisure_hospitality": (13_300, 13_510, 12_970, 15_650),
    "government": (22_100, 22_320, 22_480, 22_290),
}


def employment() -> str:
    noise = random.Random(2007)
    lines = ["month,total_nonfarm," + ",".join(SECTORS)]
    for t in range(MONTHS):
        total = _sector(t, 137_497, 138_365, 129_698, 145_303)
        if t not in (12, 37):  # the peak and the low stay exact
            total += noise.uniform(-25, 25)
        cells = [f"{round(total)}"]
        for start, peak, low, end in SECTORS.values():
            cells.append(f"{round(_sector(t, start, peak, low, end) + noise.uniform(-8, 8))}")
        lines.append(f"{_month(t).strftime('%b %Y')}," + ",".join(cells))
    return "\n".join(lines) + "\n"


#: Symbol: (first month, first price, yearly drift).
SYMBOLS = {"NWND": (0, 39.8, 0.02), "CNTS": (0, 64.6, 0.09), "FABK": (0, 100.5, 0.0),
           "ADVW": (55, 102.4, 0.28)}  # fmt: skip


def stocks() -> str:
    noise = random.Random(2000)
    lines = ["symbol,date,price"]
    for symbol, (first, price, drift) in SYMBOLS.items():
        for t in range(first, MONTHS):
            day = _month(t, 2000)
            lines.append(f"{symbol},{day.strftime('%b')} 1 {day.year},{price:.2f}")
            shock = -0.03 if 14 <= t <= 32 else (-0.07 if 104 <= t <= 110 else 0.0)
            price *= math.exp(drift / 12 + shock + noise.gauss(0, 0.05))
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    (HERE / "employment_monthly.csv").write_text(employment(), encoding="utf-8")
    (HERE / "stock_prices.csv").write_text(stocks(), encoding="utf-8")
