"""Statistics offices' data as they publish it, built end to end with no script first: the
ONS's CPI download (notes above a series of years, quarters and months, no header line),
the World Bank's CSV (notes above a wide header of years), and the BLS API's JSON (its
records in a list, each with a list of footnotes, newest first). Every file is written by
the test in the offices' shapes, with made-up values; the deck is re-opened with
python-pptx."""

from __future__ import annotations

import json
import textwrap

import pytest
from pptx import Presentation

from deckgen.pipeline import BuildOptions, build
from tests.helpers import write_project

MONTHS = "JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split()
RATES = [10.1, 10.4, 10.1, 8.7, 8.7, 7.9, 6.8, 6.7, 6.7, 4.6, 3.9, 4.0]

ONS = "\n".join([
    '"Title","CPI ANNUAL RATE 00: ALL ITEMS 2015=100"', '"CDID","D7G7"',
    '"Source dataset ID","MM23"', '"PreUnit",""', '"Unit","%"', '"Release date","17-01-2024"',
    '"Next release","14 February 2024"', '"Important notes",""',
    '"2022","9.1"', '"2023","7.3"', '"2023 Q1","10.2"', '"2023 Q2","8.4"',
    *(f'"2023 {m}","{r}"' for m, r in zip(MONTHS, RATES, strict=True)),
]) + "\n"  # fmt: skip

WORLD_BANK = (
    '"Data Source","World Development Indicators",\n\n"Last Updated Date","2024-10-24",\n\n'
    '"Country Name","Country Code","Indicator Name","Indicator Code","2021","2022","2023",\n'
    '"Germany","DEU","GDP growth (annual %)","NY.GDP.MKTP.KD.ZG","3.2","1.8","-0.3",\n'
    '"France","FRA","GDP growth (annual %)","NY.GDP.MKTP.KD.ZG","6.4","2.6","0.9",\n'
    '"Italy","ITA","GDP growth (annual %)","NY.GDP.MKTP.KD.ZG","8.3","4.0","0.7",\n'
)

BLS = {"status": "REQUEST_SUCCEEDED", "Results": {"series": [{"seriesID": "LNS14000000",
       "data": [{"year": "2024", "period": f"M{m:02d}", "periodName": name, "value": value,
                 "footnotes": [{"code": "P"}] if m == 10 else [{}]}
                for m, name, value in [(10, "October", "4.1"), (9, "September", "4.1"),
                                       (8, "August", "4.2"), (7, "July", "4.3")]]}]}}  # fmt: skip

OUTLINE = textwrap.dedent("""\
    deck: {title: Offices' data as published}
    data:
      cpi: {file: series-d7g7.csv, header: 8, names: [period, rate]}
      months:
        from: cpi
        steps:
          - filter: {column: period, op: is a, value: month}
      gdp: {file: API_NY.GDP.MKTP.KD.ZG.csv, header: 5}
      bls: {file: bls.json, records: Results.series.0.data}
      jobless:
        from: bls
        steps:
          - sort: {by: [year, period]}
    slides:
      - kind: chart
        title: >-
          Inflation fell to {{ months.largest('period').rate }}% in
          {{ months.max('period') | date }}
        source: ONS, CPI annual rate (D7G7)
        chart: {type: line, data: months, x: period, y: rate, format: "plain:1"}
      - kind: chart
        title: Germany's economy shrank in 2023 while France and Italy grew
        source: World Bank, World Development Indicators
        chart:
          type: line
          data: gdp
          x: Country Name
          y: ["2021", "2022", "2023"]
          transpose: true
          highlight: Germany
          format: "plain:1"
      - kind: chart
        title: >-
          Unemployment fell from {{ jobless.largest('value').value }}% in
          {{ jobless.largest('value').periodName }} to {{ jobless.smallest('value').value }}%
        source: BLS, Current Population Survey
        chart: {type: line, data: jobless, x: periodName, y: value, format: "plain:1"}
    """)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("offices")
    (root / "series-d7g7.csv").write_text(ONS, encoding="utf-8")
    (root / "API_NY.GDP.MKTP.KD.ZG.csv").write_text(WORLD_BANK, encoding="utf-8")
    (root / "bls.json").write_text(json.dumps(BLS), encoding="utf-8")
    (root / "deck.yaml").write_text(OUTLINE, encoding="utf-8")
    result = build(root / "deck.yaml", BuildOptions(out_dir=root / "out"))
    return result, Presentation(str(result.deck))


def _alts(prs: Presentation) -> list[str]:
    return [sh._element.xpath(".//p:cNvPr")[0].get("descr") for s in prs.slides
            for sh in s.shapes if sh.name.startswith("Chart")]  # fmt: skip


def test_the_decks_titles_are_bound_from_the_files_as_published(built):
    _, prs = built
    titles = [" ".join(s.shapes.title.text_frame.text.split()) for s in prs.slides]
    assert titles[0] == "Inflation fell to 4% in December 2023"
    assert titles[2] == "Unemployment fell from 4.3% in July to 4.1%"


def test_each_chart_shows_the_rows_meant_in_time_order(built):
    _, prs = built
    ons, gdp, bls = _alts(prs)
    # The months alone, in time: not the years and quarters stacked above them.
    assert "12 points from January 2023 to December 2023" in ons
    # The World Bank's years run along the line, a country each, Germany below zero.
    assert "Germany" in gdp and "2021" in gdp and "2023" in gdp
    # The BLS's newest-first months, sorted oldest first by year and period.
    assert "from 4.3 in July to 4.1 in October" in bls


def test_nothing_is_drawn_otherwise_than_the_data_says(built):
    result, _ = built
    assert not [w for w in result.warnings if "runs back in time" in w or "mixes periods" in w]


#: Eurostat's annual HICP as its bulk download writes it (made-up values), and a lookup of
#: the countries' names a comms team keeps beside it.
EUROSTAT = (
    "freq,unit,coicop,geo\\TIME_PERIOD\t2021 \t2022 \t2023 \n"
    "A,RCH_A_AVG,CP00,DE\t3.2 \t8.7 \t6.0 \n"
    "A,RCH_A_AVG,CP00,EL\t0.6 \t9.3 \t4.2 \n"
    "A,RCH_A_AVG,CP00,TR\t19.6 \t72.3 \t53.9 p\n"
    "A,RCH_A_AVG,CP00,EU27_2020\t2.9 \t9.2 \t6.4 \n"
)
COUNTRIES = "code,country\nDE,Germany\nEL,Greece\nTR,Türkiye\n"


def test_a_eurostat_file_joined_to_names_builds_as_published(tmp_path):
    """Eurostat's TSV, its codes joined to names, the EU aggregate left out first: no
    script, the flag warned of, the bars named by country; the deck re-opened."""
    outline = textwrap.dedent("""\
        deck: {title: Inflation in Europe}
        data:
          hicp: {file: estat_prc_hicp_aind.tsv}
          countries: {file: countries.csv}
          named:
            from: hicp
            steps:
              - filter: {column: geo, op: "!=", value: EU27_2020}
              - join: {with: countries, on: {geo: code}}
        slides:
          - kind: chart
            title: "{{ named.largest('2023').country }}'s inflation was the highest in 2023"
            source: Eurostat (prc_hicp_aind); 2023 provisional for Türkiye
            chart: {type: hbar, data: named, x: country, y: "2023", sort: {by: "2023"},
                    highlight: Türkiye, format: "plain:1"}
    """)
    files = {"estat_prc_hicp_aind.tsv": EUROSTAT, "countries.csv": COUNTRIES}
    result = build(write_project(tmp_path, outline, files), BuildOptions(out_dir=tmp_path / "o"))
    prs = Presentation(str(result.deck))
    assert prs.slides[0].shapes.title.text_frame.text == (
        "Türkiye\u2019s inflation was the highest in 2023"
    )
    (alt,) = _alts(prs)
    assert "Türkiye" in alt and "Greece" in alt and "EU27" not in alt and "TR" not in alt
    # Its source line says what the flag 'p' means, as the warning of it asks.
    assert not [w for w in result.warnings if "Eurostat flag" in w]


def test_an_xls_workbook_builds_as_its_xlsx_would(tmp_path):
    """An Excel 97-2003 workbook (saved by LibreOffice Calc: tests/data/xls/make.py), as
    statistics offices still publish: the chart reads its table under a title, its
    percentages as shown, and warns of its hidden row; the deck re-opened."""
    import shutil
    from pathlib import Path

    outline = textwrap.dedent("""\
        deck: {title: Production}
        data:
          p: {file: production.xls, header: 3, footer: 1}
        slides:
          - kind: chart
            title: "{{ p.largest('Share').Country }} made {{ p.largest('Share').Share
              | round(0) | int }}% of the world's vehicles"
            source: OICA
            chart: {type: bar, data: p, x: Country, y: Share, format: "percent:1",
                    highlight: China}
    """)
    root = write_project(tmp_path, outline, {})
    shutil.copy(Path(__file__).parents[1] / "data" / "xls" / "production.xls", tmp_path)
    result = build(root, BuildOptions(out_dir=tmp_path / "o"))
    prs = Presentation(str(result.deck))
    assert (
        prs.slides[0].shapes.title.text_frame.text == "China made 32% of the world\u2019s vehicles"
    )
    (alt,) = _alts(prs)
    assert "China 32.2 percent" in alt and "Germany 4.4 percent" in alt
    assert [w for w in result.warnings if "row 6 of the sheet 'Data' is hidden" in w]
