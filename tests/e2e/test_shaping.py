"""Data as users have it, shaped in the outline: long and wide public-style tables
(tests/data/) through derived tables onto native charts, each chart re-opened with
python-pptx and checked against pandas doing the same transform."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from pptx import Presentation

from deckgen.pipeline import BuildOptions, build
from tests.tables.steps.common import close

DATA = Path(__file__).resolve().parents[1] / "data"

OUTLINE = """\
deck: {title: Shaping data}
data:
  generation: {file: electricity.csv}
  jobs_wide: {file: jobs_by_sector.csv}
  prices: {file: prices.csv}
  mix:
    from: generation
    steps:
      - share: {column: twh, by: year, as: share}
  jobs:
    from: jobs_wide
    steps:
      - unpivot: {id: sector, name: year, value: jobs}
  growth:
    from: generation
    steps:
      - filter: {column: year, op: in, value: ["2019", "2023"]}
      - pct_change: {column: twh, by: source, as: growth}
      - filter: {column: year, value: "2023"}
      - sort: {by: growth, descending: true}
  totals:
    from: generation
    steps:
      - group: {by: year, sum: {total: twh}}
      - change: {column: total, as: change}
      - filter: {column: year, op: "!=", value: "2014"}
  indexed:
    from: prices
    steps:
      - index: {column: close, by: symbol, as: index}
  clean:
    from: generation
    steps:
      - filter: {column: source, op: in, value: [Wind, Solar, Hydro]}
      - pivot: {index: year, columns: source, values: twh}
      - compute: {renewables: "Wind + Solar + Hydro"}
      - rolling: {column: renewables, window: 3, as: smooth}
slides:
  - kind: chart
    title: Gas overtook coal in 2016
    chart: {type: line, data: generation, x: year, y: twh, series: source, native: true,
            highlight: [Coal, Natural gas], series_order: [Natural gas, Coal], format: "plain:0"}
  - kind: chart
    title: Coal's share fell by half
    chart: {type: stacked-bar, data: mix, x: year, y: share, series: source, native: true,
            format: "percent:0", highlight: Coal}
  - kind: chart
    title: Leisure and hospitality lost a fifth of its jobs in 2020
    chart: {type: grouped-bar, data: jobs, x: sector, y: jobs, series: year, native: true,
            filter: [{column: year, op: in, value: ["2019", "2020", "2023"]}],
            highlight: "2020", format: "compact:1", scale: 1000}
  - kind: chart
    title: Solar grew fastest since 2019
    chart: {type: bar, data: growth, x: source, y: growth, native: true, format: "percent:0",
            highlight: Solar}
  - kind: chart
    title: Total generation changes little from year to year
    chart: {type: bar, data: totals, x: year, y: change, native: true, format: "plain:0"}
  - kind: chart
    title: Three stocks, rebased
    chart: {type: line, data: indexed, x: month, y: index, series: symbol, native: true,
            format: "plain:0"}
  - kind: chart
    title: Each source, by year
    chart: {type: grouped-bar, data: generation, x: year, y: twh, series: source,
            transpose: true, native: true,
            filter: [{column: year, op: in, value: ["2014", "2023"]}]}
  - kind: chart
    title: Renewables, three-year mean
    chart: {type: line, data: clean, x: year, y: smooth, native: true}
"""


@pytest.fixture(scope="module")
def charts(tmp_path_factory) -> list:
    root = tmp_path_factory.mktemp("shaping")
    for name in ("electricity.csv", "jobs_by_sector.csv", "prices.csv"):
        shutil.copy(DATA / name, root / name)
    (root / "deck.yaml").write_text(OUTLINE)
    result = build(root / "deck.yaml", BuildOptions(out_dir=root / "out"))
    assert result.pictures == 0  # every chart native
    prs = Presentation(str(result.deck))
    return [next(s for s in slide.shapes if s.has_chart).chart for slide in prs.slides]


def read(name: str) -> pd.DataFrame:
    frame = pd.read_csv(DATA / name, dtype=str, keep_default_na=False)
    for column in frame.columns:
        numbers = pd.to_numeric(frame[column].str.replace(",", ""), errors="coerce")
        if numbers.notna().all() and column not in ("year", "month"):
            frame[column] = numbers
    return frame


def series(chart) -> dict[str, list]:
    return {s.name: list(s.values) for s in chart.plots[0].series}


def categories(chart) -> list[str]:
    return [str(c) for c in chart.plots[0].categories]


def assert_table(chart, expected: pd.DataFrame) -> None:
    """The chart holds ``expected``: its index as categories, its columns as series, in
    order, every value equal (missing as missing)."""
    assert categories(chart) == [str(c) for c in expected.index]
    got = series(chart)
    assert list(got) == [str(c) for c in expected.columns]
    for name in expected.columns:
        assert close(got[str(name)], expected[name].tolist()), name


def first_seen(values: pd.Series) -> list:
    return list(dict.fromkeys(values))


def test_long_table_one_line_per_source(charts):
    gen = read("electricity.csv")
    wide = gen.pivot(index="year", columns="source", values="twh")
    order = ["Natural gas", "Coal"] + [s for s in first_seen(gen["source"])
                                       if s not in ("Natural gas", "Coal")]  # fmt: skip
    assert_table(charts[0], wide[order].astype(float))


def test_share_of_each_year_stacked(charts):
    gen = read("electricity.csv")
    gen["share"] = gen["twh"] / gen.groupby("year")["twh"].transform("sum") * 100
    wide = gen.pivot(index="year", columns="source", values="share")
    assert_table(charts[1], wide[first_seen(gen["source"])])
    for year in range(2014, 2024):  # each column is the whole
        column = [values[year - 2014] for values in series(charts[1]).values()]
        assert sum(column) == pytest.approx(100)


def test_wide_table_unpivoted_into_grouped_bars(charts):
    jobs = read("jobs_by_sector.csv")
    long = jobs.melt(id_vars="sector", var_name="year", value_name="jobs")
    long = long[long["year"].isin(["2019", "2020", "2023"])]
    wide = long.pivot(index="sector", columns="year", values="jobs") * 1000
    assert_table(charts[2], wide.loc[first_seen(long["sector"])].astype(float))


def test_percent_change_since_a_year_ranked(charts):
    gen = read("electricity.csv")
    two = gen[gen["year"].isin(["2019", "2023"])].copy()
    two["growth"] = two.groupby("source", sort=False)["twh"].pct_change() * 100
    last = two[two["year"] == "2023"].sort_values("growth", ascending=False, kind="stable")
    expected = pd.DataFrame({"growth": last["growth"].to_numpy()}, index=last["source"])
    assert_table(charts[3], expected)
    assert categories(charts[3])[0] == "Solar"


def test_grouped_totals_and_their_change(charts):
    gen = read("electricity.csv")
    totals = gen.groupby("year", sort=False)["twh"].sum()
    change = totals.diff().iloc[1:]
    assert_table(charts[4], pd.DataFrame({"change": change.astype(float)}))


def test_prices_rebased_to_100_per_symbol(charts):
    prices = read("prices.csv")
    prices["index"] = prices["close"] / prices.groupby("symbol")["close"].transform("first") * 100
    wide = prices.pivot(index="month", columns="symbol", values="index")
    # Months written '2022-01' are months: a date axis, each category its first day as
    # Excel counts days (the axis writes 'Jan 2022').
    excel = dt.date(1899, 12, 30)
    wide.index = [float((dt.date.fromisoformat(f"{m}-01") - excel).days) for m in wide.index]
    assert_table(charts[5], wide[first_seen(prices["symbol"])])
    assert charts[5]._chartSpace.xpath(".//c:dateAx")
    assert [v[0] for v in series(charts[5]).values()] == [100.0, 100.0, 100.0]


def test_long_data_transposed(charts):
    gen = read("electricity.csv")
    two = gen[gen["year"].isin(["2014", "2023"])]
    wide = two.pivot(index="source", columns="year", values="twh")
    assert_table(charts[6], wide.loc[first_seen(two["source"])].astype(float))


def test_pivot_compute_and_rolling_mean(charts):
    gen = read("electricity.csv")
    wide = gen[gen["source"].isin(["Wind", "Solar", "Hydro"])].pivot(
        index="year", columns="source", values="twh"
    )
    smooth = (wide["Wind"] + wide["Solar"] + wide["Hydro"]).rolling(3).mean()
    assert_table(charts[7], pd.DataFrame({"smooth": smooth.replace(np.nan, None)}))
    assert series(charts[7])["smooth"][:2] == [None, None]  # no mean before three years


def test_the_readme_examples_build_and_the_change_table_equals_pandas(tmp_path):
    """tests/data/shaping.yaml is the README's "Shaping data" section (docs/shaping/)."""
    for name in ("shaping.yaml", "electricity.csv"):
        shutil.copy(DATA / name, tmp_path / name)
    result = build(tmp_path / "shaping.yaml", BuildOptions(out_dir=tmp_path / "out"))
    slides = Presentation(str(result.deck)).slides
    table = next(s for s in slides[2].shapes if s.has_table).table
    # (a true minus sign or a hyphen: how negatives are written is the formatter's business)
    rows = [[c.text.replace("\u2212", "-") for c in row.cells] for row in table.rows]
    gen = read("electricity.csv")
    two = gen[gen["year"].isin(["2019", "2023"])]
    two = two.pivot(index="source", columns="year", values="twh")
    two["change"] = two["2023"] - two["2019"]
    two = two.sort_values("change", ascending=False, kind="stable")
    assert [r[0] for r in rows[1:]] == list(two.index)
    assert [r[3] for r in rows[1:]] == [f"{v:,.0f}" for v in two["change"]]
    pct = (two["change"] / two["2019"] * 100).round(1)
    assert [r[4] for r in rows[1:]] == [f"{v:.1f}%" for v in pct]
    title = slides[2].shapes.title.text_frame.paragraphs[0].text
    # The range is joined by no-break spaces: a viewer never breaks it (README).
    assert title.replace("\u00a0", " ") == "Solar grew 129% from 2019 to 2023; coal fell 30%"


def test_a_changed_cell_is_reported_through_the_tables_made_from_it(tmp_path):
    """The manifest records the derived tables' cells each picture and text shows, so a
    data update is reported as the numbers the deck shows, not only as a changed file."""
    for name in ("shaping.yaml", "electricity.csv"):
        shutil.copy(DATA / name, tmp_path / name)
    options = BuildOptions(out_dir=tmp_path / "out")
    build(tmp_path / "shaping.yaml", options)
    csv = tmp_path / "electricity.csv"
    csv.write_text(csv.read_text().replace("2023,Solar,165", "2023,Solar,180"))
    second = build(tmp_path / "shaping.yaml", options)
    report = "\n".join(second.changes.lines())
    assert "generation · 2023 · Solar · twh: 165 → 180" in report  # the long chart's point
    assert "mix · 2023 · Solar · share" in report  # the stacked chart's share
    assert "change · Solar · pct: 129.2 → 150" in report  # the title's number
    assert "Solar grew 150% from 2019 to 2023" in report
    assert set(second.changes.rendered) == {"slide 1 chart", "slide 2 chart"}
