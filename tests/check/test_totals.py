"""NUM006: a data file's total rows drawn as categories beside the parts they add up, found
by their names as well as by their sums (found by fuzzing: the sample's data without its
filter line drew 'World Total' and 'G20 Total' as its two largest bars, and check said
nothing, since the parts shown no longer added up to either)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from deckgen.check import check
from deckgen.pipeline import BuildOptions, build
from tests.helpers import write_project

if TYPE_CHECKING:
    from pathlib import Path

#: The sample's production table as printed: the G20 countries, then two total rows.
G20 = """country,production_2023
China,30160966
USA,10611555
Japan,8997440
India,5851507
South Korea,4241597
Germany,4109371
Mexico,4002047
G20 Total,80103018
World Total,93546599
"""


def _outline(chart: str) -> str:
    return f"""\
deck: {{title: Totals}}
data:
  production: {{file: g20_production.csv}}
slides:
  - kind: chart
    title: China builds nearly a third of the world's vehicles
    chart: {{type: bar, data: production, x: country, y: production_2023, {chart}}}
"""


def _drawn(tmp_path: Path, outline: Path) -> list[str]:
    """The categories the build drew, as its manifest records them."""
    result = build(outline, BuildOptions(out_dir=tmp_path / "out"))
    manifest = json.loads((result.deck.parent / "deck" / "manifest.json").read_text())
    (asset,) = manifest["assets"]
    return [row for _, row, _, _ in asset["reads"]]


def test_total_rows_drawn_as_the_largest_bars_are_named_with_their_rows(tmp_path: Path):
    outline = write_project(tmp_path / "p", _outline("sort: {by: production_2023}, top: 8"),
                            {"g20_production.csv": G20})  # fmt: skip
    report = check(outline, BuildOptions(out_dir=tmp_path / "out"), select=("NUM006",))
    (finding,) = report.findings
    assert (finding.severity, finding.slide, finding.location.line) == ("warning", 1, 5)
    assert finding.message == (
        "'World Total' (g20_production.csv:10) and 'G20 Total' (g20_production.csv:9) are "
        "totals by name, drawn beside the parts they add up (no part is larger)"
    )
    step = "{column: country, op: not in, value: [World Total, G20 Total]}"
    assert finding.fix == (
        f"leave them out with a filter step, as the sample does: "
        f"'filter: [{step}]'; or state the total in the title or subtitle"
    )
    # The build draws what the check says it does.
    assert {"World Total", "G20 Total"} <= set(_drawn(tmp_path, outline))
    # The fix it gives, applied: the check is clean, and the build draws only the parts.
    fixed = _outline(f"filter: [{step}], sort: {{by: production_2023}}, top: 8")
    outline.write_text(fixed)
    assert check(outline, BuildOptions(out_dir=tmp_path / "out"), select=("NUM006",)).findings == ()
    assert not {"World Total", "G20 Total"} & set(_drawn(tmp_path, outline))


def test_a_chart_with_a_filter_is_told_to_add_the_step_to_it(tmp_path: Path):
    chart = "filter: [{column: country, op: '!=', value: Mexico}]"
    data = G20.replace("G20 Total,80103018\n", "")
    outline = write_project(tmp_path / "p", _outline(chart), {"g20_production.csv": data})
    (finding,) = check(outline, BuildOptions(out_dir=tmp_path / "out"), select=("NUM006",)).findings
    assert finding.message.startswith("'World Total' (g20_production.csv:9) is a total by name")
    assert finding.fix.startswith(
        "add {column: country, op: '!=', value: World Total} to its 'filter:' list"
    )


@pytest.mark.parametrize(
    ("names", "values", "found"),
    [
        (["China", "USA", "G20 Total", "World Total"], [30, 10, 80, 93],
         ["G20 Total", "World Total"]),
        (["A", "B", "Grand total"], [3, 4, 20], ["Grand total"]),
        (["A", "B", "Sum"], [3, 4, 7], ["Sum"]),
        # Only as large as the largest: no total of two parts above zero (a survey's 'All
        # adults' tied its largest group's 14%, found in review).
        (["A", "B", "Sum"], [3, 4, 4], []),
        (["A", "B", "C", "Overall"], [3, 4, 5, 12], ["Overall"]),
        (["Texas", "Ohio", "All states"], [3, 4, 20], ["All states"]),
        (["China", "USA", "World"], [30, 10, 93], ["World"]),
        (["China", "USA", "TOTAL"], [30, 10, 93], ["TOTAL"]),
        # Smaller than a part: an average, a score, not a total of them.
        (["Service", "Price", "Overall"], [80, 60, 72], []),
        # Names that sound like a total and are parts or measures.
        (["China", "USA", "Rest of world"], [30, 10, 53], []),
        (["China", "USA", "All other"], [30, 10, 53], []),
        (["China", "USA", "World average"], [30, 10, 40], []),
        (["IMF", "ADB", "World Bank"], [20, 5, 30], []),
        # A total beside one part is a comparison, not parts drawn beside their total.
        (["China", "World"], [30, 93], []),
        (["A", "B", "Total"], [-10, 20, 30], []),  # signed values add up to no largest
        (["A", "B", "Total"], [10, None, 30], []),
    ],
)  # fmt: skip
def test_a_total_is_known_by_its_name_and_a_value_larger_than_every_part(names, values, found):
    from deckgen.kinds.charts._totals import _totals_by_name

    assert _totals_by_name(names, [values]) == found


def test_a_total_by_name_is_larger_than_the_parts_in_every_series():
    """A benchmark beats the parts in one series by chance ('All adults' unsure: 14.0 of
    12.0 to 14.0), a total in all of them; a series that cannot tell (a part below zero,
    no value for the name) is no evidence either way."""
    from deckgen.kinds.charts._totals import _totals_by_name

    names = ["18-29", "30-44", "65+", "All adults"]
    trust, unsure = [38.0, 43.0, 60.0, 43.3], [10.0, 12.0, 11.0, 14.1]
    assert _totals_by_name(names, [unsure]) == ["All adults"]
    assert _totals_by_name(names, [trust, unsure]) == []
    counts = [[120, 340, 560, 1020], [80, 60, 40, 180]]
    assert _totals_by_name(names, counts) == ["All adults"]
    assert _totals_by_name(names, [*counts, [-5, 3, 4, 2], [1, 2, 3, None]]) == ["All adults"]


#: A survey in long form, in percent: each age group's answers and all adults' (a
#: benchmark, not a sum: the review's case), and the same survey in counts of people,
#: whose 'Total' row counts the groups and more (those who gave no age).
SURVEY = """\
group,answer,pct,people
18-29,Trust,38.0,152
18-29,Do not trust,48.0,192
18-29,Unsure,14.0,56
30-44,Trust,43.0,215
30-44,Do not trust,45.0,225
30-44,Unsure,12.0,60
65 and over,Trust,60.0,330
65 and over,Do not trust,28.0,154
65 and over,Unsure,12.0,66
All adults,Trust,46.6,697
All adults,Do not trust,39.4,571
All adults,Unsure,14.0,182
Total,Trust,,720
Total,Do not trust,,590
Total,Unsure,,190
"""


def _survey(tmp_path: Path, y: str, fmt: str, group: str) -> list:
    outline = f"""\
deck: {{title: Survey}}
data: {{survey: {{file: survey.csv}}}}
slides:
  - kind: chart
    title: Older readers trust local news most
    chart: {{type: stacked-bar, data: survey, x: group, y: {y}, series: answer,
             format: "{fmt}", filter: [{{column: group, op: '!=', value: {group}}}]}}
"""
    path = write_project(tmp_path, outline, {"survey.csv": SURVEY})
    return list(check(path, BuildOptions(out_dir=tmp_path / "out"), select=("NUM006",)).findings)


def test_a_benchmark_in_percent_is_no_total_and_a_total_of_counts_still_is(tmp_path: Path):
    """Found in review: NUM006 called a survey's 'All adults' (its Unsure tying the largest
    group's 14%) 'a total by name, drawn beside the parts it adds up'. A share of all
    adults is no sum of the groups' shares; a 'Total' row of counts is one."""
    assert _survey(tmp_path / "pct", "pct", "percent:0", "Total") == []
    # The same benchmark in a plain format: smaller than a group in two series of three.
    assert _survey(tmp_path / "plain", "pct", "plain:1", "Total") == []
    (found,) = _survey(tmp_path / "people", "people", "plain:0", "All adults")
    assert found.message == (
        "'Total' (survey.csv:14) is a total by name, drawn beside the parts it adds up "
        "(no part is larger)"
    )


REGIONS = "region,sales\nNorth,40\nSouth,25\nWest,15\nEast,10\nTotal,90\n"


def test_the_build_warns_of_a_total_on_a_slide_and_a_card_as_check_reports_it(tmp_path: Path):
    """A donut half of which was its own 'Total' row, on a slide and on a card, was built
    with no word: only ``deckgen check`` said so, and only of the slide's (found in
    review). The build warns of both, in check's words, once for all a card's presets."""
    outline = write_project(tmp_path / "p", """\
deck: {title: Sales}
data:
  sales: {file: sales.csv}
slides:
  - kind: chart
    title: North sells the most
    source: Test data
    chart: {type: donut, data: sales, x: region, y: sales}
social:
  cards:
    - kind: chart
      name: regions
      presets: [x-post, linkedin]
      title: North sells the most
      source: Test data
      chart: {type: donut, data: sales, x: region, y: sales}
""", {"sales.csv": REGIONS})  # fmt: skip
    report = check(outline, BuildOptions(out_dir=tmp_path / "out"), select=("NUM006",))
    slide, card = report.findings  # the card's, once for its two presets
    assert (slide.slide, slide.location.line) == (1, 5)
    assert (card.location.line, card.location.field) == (16, "social.cards[0].chart")
    said = "'Total' (sales.csv:6) is the sum of the others: a total drawn beside its parts"
    assert {f.message for f in report.findings} == {said}
    warned = build(outline, BuildOptions(out_dir=tmp_path / "built")).warnings
    ours = [w for w in warned if said in w]
    assert len(ours) == 2
    assert any(w.startswith(f"{outline}:5: slides[0]: {said}; leave it out with a filter step")
               for w in ours)  # fmt: skip
    assert any(w.startswith(f"{outline}:16: social.cards[0].chart: {said}") for w in ours)
    # The filter the warning gives silences it.
    fixed = outline.read_text().replace(
        "y: sales}", "y: sales, filter: [{column: region, op: '!=', value: Total}]}"
    )
    outline.write_text(fixed)
    warned = build(outline, BuildOptions(out_dir=tmp_path / "built")).warnings
    assert not [w for w in warned if "Total" in w]


#: A Tableau crosstab's month columns, unpivoted: each channel's impressions by month, and
#: the crosstab's 'Grand Total' row among the channels.
CROSSTAB = """Channel,month,impressions
Facebook,Jan,120334
Instagram,Jan,210554
LinkedIn,Jan,45210
Grand Total,Jan,376098
Facebook,Feb,98201
Instagram,Feb,198120
LinkedIn,Feb,51998
Grand Total,Feb,348319
"""


@pytest.mark.parametrize("kind", ["stacked-bar", "line"])
def test_a_total_series_drawn_beside_its_parts_is_warned_of(tmp_path: Path, kind: str):
    """A Tableau crosstab's 'Grand Total', unpivoted, was stacked on its channels (752K
    where the total is 376K) and drawn as a fourth line beside them, without a word
    (found in review). The build warns, and check says the same (NUM006)."""
    outline = write_project(tmp_path / "p", f"""\
deck: {{title: Totals}}
data:
  long: {{file: long.csv}}
slides:
  - kind: chart
    title: January was our biggest month
    chart: {{type: {kind}, data: long, x: month, y: impressions, series: Channel}}
""", {"long.csv": CROSSTAB})  # fmt: skip
    said = (
        "the series 'Grand Total' is the sum of the others at every point: a total "
        "drawn beside its parts, counted twice where they are stacked"
    )
    result = build(outline, BuildOptions(out_dir=tmp_path / "out"))
    assert [w for w in result.warnings if said in w and "{column: Channel, op: '!='" in w]
    report = check(outline, BuildOptions(out_dir=tmp_path / "out"), select=("NUM006",))
    assert [f for f in report.findings if said in f.message]
    # Without it, nothing is said; a series that only sounds like a total is no total.
    parts = "\n".join(line for line in CROSSTAB.splitlines() if "Grand" not in line)
    (tmp_path / "p" / "long.csv").write_text(parts.replace("LinkedIn", "All other") + "\n")
    assert not check(outline, BuildOptions(out_dir=tmp_path / "out"),
                     select=("NUM006",)).findings  # fmt: skip


def test_regions_and_income_groups_ranked_among_countries_are_aggregates(tmp_path: Path):
    """Our World in Data lists 'Asia' and 'High-income countries' among countries: after
    the warning's own filter took out 'World', they were ranked above China under 'China
    emits the most', check clean (found in review). Every region and group is named,
    whatever its size ('Europe' is smaller than China); a chart of continents alone is
    none, and so is a table of regions (the sample's exports by continent, 'South/Central
    America' among them)."""
    owid = ("Entity,Code,Year,co2\nChina,CHN,2022,11397\nUnited States,USA,2022,5057\n"
            "India,IND,2022,2830\nAsia,,2022,20915\nEurope,,2022,5401\n"
            "High-income countries,,2022,12007\nEuropean Union (27),,2022,2772\n"
            "Russia,RUS,2022,1909\nJapan,JPN,2022,1054\nGermany,DEU,2022,666\n")  # fmt: skip
    outline = write_project(tmp_path / "p", """\
deck: {title: Emissions}
data:
  co2: {file: co2.csv}
slides:
  - kind: chart
    title: China emits more CO2 than any other country
    chart: {type: hbar, data: co2, x: Entity, y: co2, sort: {by: co2}}
""", {"co2.csv": owid})  # fmt: skip
    report = check(outline, BuildOptions(out_dir=tmp_path / "out"), select=("NUM006",))
    (finding,) = report.findings
    assert ("'Asia' (co2.csv:5), 'High-income countries' (co2.csv:7), 'Europe' (co2.csv:6) "
            "and 'European Union (27)' (co2.csv:8) are aggregates or totals by name, drawn "
            "beside the parts they add up") in finding.message  # fmt: skip
    continents = ("Entity,co2\nAsia,20915\nEurope,5401\nAfrica,1400\nNorth America,6300\n"
                  "South/Central America,1100\nAustralia and Oceania,450\n")  # fmt: skip
    (tmp_path / "p" / "co2.csv").write_text(continents)
    assert not check(outline, BuildOptions(out_dir=tmp_path / "out"),
                     select=("NUM006",)).findings  # fmt: skip


@pytest.mark.parametrize(
    ("rows", "groups"),
    [
        # The World Bank's WDI: lending, demographic and small-state groups beside countries.
        ("Post-demographic dividend,57.9\nIDA & IBRD total,38.1\nIBRD only,35.8\n"
         "Late-demographic dividend,27.6\nSmall states,0.3\n",
         ["Post-demographic dividend", "IDA & IBRD total", "IBRD only",
          "Late-demographic dividend", "Small states"]),
        # Eurostat's codes, and the labels it gives them.
        ("EU27_2020,17.0\nEA20,14.4\n", ["EU27_2020", "EA20"]),
        ("European Union - 27 countries (from 2020),17.0\n"
         "Euro area – 20 countries (from 2023),14.4\n",
         ["European Union - 27 countries (from 2020)", "Euro area – 20 countries (from 2023)"]),
        # OICA's continents and trade blocs, ACEA's sums, the Energy Institute's totals of
        # regions, the OECD's and ISTAT's macro-areas.
        ("ASIA-OCEANIA,55.1\nAMERICA,20.1\nNAFTA,16.2\nEU 27 countries,14.9\n",
         ["ASIA-OCEANIA", "AMERICA", "NAFTA", "EU 27 countries"]),
        ("EFTA,0.2\nEU + EFTA + UK,29.9\n", ["EFTA", "EU + EFTA + UK"]),
        ("Total North America,5.1\nof which: OECD,23.3\nEuropean Union#,12.2\n",
         ["Total North America", "of which: OECD", "European Union#"]),
        ("OECD Europe,31.2\nNord,12.3\nMezzogiorno,6.1\n",
         ["OECD Europe", "Nord", "Mezzogiorno"]),
    ],
)  # fmt: skip
def test_the_world_banks_and_eurostats_groups_among_countries_are_aggregates(
    tmp_path: Path, rows: str, groups: list[str]
):
    """A WDI GDP ranking drew 'Post-demographic dividend' and 'IDA & IBRD total' as six of
    its top ten once its regions were filtered out, and a Eurostat one the EU and the euro
    area above Germany, check clean (found in review)."""
    countries = ("United States,25.7\nChina,17.9\nJapan,4.3\nGermany,4.1\nIndia,3.4\n"
                 "United Kingdom,3.1\nFrance,2.8\n")  # fmt: skip
    outline = write_project(tmp_path / "p", """\
deck: {title: GDP}
data:
  gdp: {file: gdp.csv}
slides:
  - kind: chart
    title: The U.S. economy was the largest in 2022
    chart: {type: hbar, data: gdp, x: country, y: gdp, sort: {by: gdp}}
""", {"gdp.csv": "country,gdp\n" + countries + rows})  # fmt: skip
    report = check(outline, BuildOptions(out_dir=tmp_path / "out"), select=("NUM006",))
    (finding,) = report.findings
    assert "are aggregates or totals by name" in finding.message
    for group in groups:
        assert repr(group) in finding.message
    for country in ("'China'", "'Germany'", "'Japan'"):
        assert country not in finding.message


def test_a_template_that_sums_a_table_with_its_total_row_is_warned_of(tmp_path: Path):
    """YouTube Studio writes its 'Total' row first: '{{ days.sum('Views') }}' printed
    6,278 views where the total is 3,139, and the best day was 'Total', check clean, where
    a chart of the same rows is warned of (found in review). After .without(), or reading
    the total itself, nothing is said."""
    youtube = "Date,Views\nTotal,3139\n2024-04-01,630\n2024-04-02,712\n2024-04-03,540\n"
    body = """\
deck: {{title: Views}}
data:
  days: {{file: days.csv}}
slides:
  - kind: title
    title: "{title}"
"""
    said = ("the template sums, averages, ranks or counts the rows of 'days' with its total "
            "row 'Total' among them: the total counts as one more part")  # fmt: skip
    for title, warned in (("{{ days.sum('Views') }} views", True),
                          ("Best: {{ days.largest('Views').Date }}", True),
                          ("{{ days.without('Total').sum('Views') }} views", False),
                          ("{{ days['Total'].Views }} views", False)):  # fmt: skip
        outline = write_project(tmp_path / "p", body.format(title=title), {"days.csv": youtube})
        report = check(outline, BuildOptions(out_dir=tmp_path / "out"), select=("NUM006",))
        found = [f for f in report.findings if said in f.message]
        assert bool(found) is warned, title
        if warned:
            assert "days.without('Total')" in found[0].fix


def test_a_template_or_a_sorted_table_over_several_total_rows_names_them_all(tmp_path: Path):
    """Google Ads ends its report with five total rows ('Total: Account', 'Total:
    Search', ...): a template's sum made 627 conversions 2,507, and a sorted table ranked
    them as campaigns, check clean, where one total row alone was warned of (found in
    review)."""
    ads = ("Campaign,Conversions\nBrand,300\nGeneric,200\nDisplay,127\n"
           "Total: Account,627\nTotal: Search,500\nTotal: Display,127\n")  # fmt: skip
    outline = write_project(tmp_path / "p", """\
deck: {title: Ads}
data:
  ads: {file: ads.csv}
slides:
  - kind: statement
    text: "{{ ads.sum('Conversions') | number }} conversions"
  - kind: table
    title: Brand search converted the most
    table: {data: ads, sort: {by: Conversions}}
""", {"ads.csv": ads})  # fmt: skip
    report = check(outline, BuildOptions(out_dir=tmp_path / "out"), select=("NUM006",))
    template, table = sorted(report.findings, key=lambda f: "the table" in f.message)
    assert ("with its total rows 'Total: Account', 'Total: Search' and 'Total: Display' "
            "among them: each total counts as one more part") in template.message  # fmt: skip
    assert "ads.without('Total: Account', 'Total: Search', 'Total: Display')" in template.fix
    assert ("sorted with the data's total rows 'Total: Account' (ads.csv:5), 'Total: Search' "
            "(ads.csv:6) and 'Total: Display' (ads.csv:7) among its rows: they rank as "
            "parts") in table.message  # fmt: skip
    step = table.fix.split("'filter: ")[1].split("'; or")[0]
    assert step == ('[{column: Campaign, op: not in, value: ["Total: Account", '
                    '"Total: Search", "Total: Display"]}]')  # fmt: skip
    # Applied as written, the table ranks campaigns alone.
    text = outline.read_text().replace("sort: {by: Conversions}}",
                                       f"sort: {{by: Conversions}}, filter: {step}}}")  # fmt: skip
    outline.write_text(text)
    report = check(outline, BuildOptions(out_dir=tmp_path / "out"), select=("NUM006",))
    assert not [f for f in report.findings if "the table" in f.message]


SALESFORCE = (
    '"Opportunity Owner","Opportunity Name","Amount"\n'
    '"Jane Doe","Acme - 200 widgets","$12,000.00"\n"Raj Patel","Globex renewal","$30,000.00"\n'
    '"Ana Lima","Initech pilot","$8,000.00"\n\n'
    '"Grand Totals (3 records)","","$50,000.00"\n\n'
    '"Confidential Information - Do Not Distribute"\n'
)


@pytest.mark.parametrize(
    ("table", "found"),
    [
        ("sort: {by: Amount}", True),
        ("sort: {by: Opportunity Owner}", True),  # names A to Z: the total among them
        ("", False),  # the file's order, its total last: a table as written
        ("sort: {by: Amount}, filter: [{column: Opportunity Owner, op: '!=', "
         "value: Grand Totals (3 records)}]", False),
    ],
)  # fmt: skip
def test_a_sorted_table_or_a_count_over_the_total_row_is_warned_of(
    tmp_path: Path, table: str, found: bool
):
    """Salesforce's export ends with 'Grand Totals (3 records)' above its notes: read with
    footer: 1, a table sorted by amount put it first as the largest deal, and
    '{{ opps.count() }}' said 4 opportunities, check clean (found in review)."""
    outline = write_project(tmp_path / "p", f"""\
deck: {{title: Pipeline}}
data:
  opps: {{file: report.csv, footer: 1}}
slides:
  - kind: statement
    text: "Our team worked {{{{ opps.count() }}}} opportunities this quarter"
  - kind: table
    title: Raj Patel's renewal was the largest deal
    table: {{data: opps, columns: [Opportunity Owner, Amount], {table}}}
""", {"report.csv": SALESFORCE})  # fmt: skip
    report = check(outline, BuildOptions(out_dir=tmp_path / "out"), select=("NUM006",))
    messages = [f.message for f in report.findings]
    counted = [m for m in messages if "counts the rows of 'opps' with its total row" in m]
    assert len(counted) == 1
    tables = [f for f in report.findings if "the table is" in f.message]
    # The build says what check says of the table.
    result = build(outline, BuildOptions(out_dir=tmp_path / "out"))
    said = [w.split(" (NUM006)")[0] for w in result.warnings if "the table is" in w]
    assert said == [f"{f.location}: {f.message}" for f in tables]
    if not found:
        assert not tables
        return
    (finding,) = tables
    assert finding.location.field == "slides[1].table"
    assert ("with the data's total row 'Grand Totals (3 records)' (report.csv:6) among its "
            "rows: it ranks as one more part") in finding.message  # fmt: skip
    assert "value: Grand Totals (3 records)}]" in finding.fix


#: Our World in Data's download as published: an aggregate has no code (World has its
#: own, OWID_WRL, and so do a few countries: Kosovo is OWID_KOS).
OWID = (
    "Entity,Code,Year,Annual CO₂ emissions\n"
    "Non-OECD (GCP),,2022,24375302000\nChina,CHN,2022,11396777000\n"
    "G7 (Ember),,2022,8900000000\nUnited States,USA,2022,5057304000\n"
    "Persian Gulf (Shift),,2022,3100000000\nIndia,IND,2022,2829644000\n"
    "Russia,RUS,2022,1652177000\nJapan,JPN,2022,1053798000\n"
    "International shipping,,2022,703780000\nKosovo,OWID_KOS,2022,8000000\n"
    "World,OWID_WRL,2022,37149786000\n"
    # As many groups again as countries (a table of regions, were they known by name).
    "South America,,2022,1000000000\nMiddle East (GCP),,2022,900000000\n"
    "Europe (GCP),,2022,600000000\nOceania,,2022,450000000\n"
)


@pytest.mark.parametrize("kind", ["chart", "table"])
def test_our_world_in_datas_aggregates_are_known_by_their_empty_code_and_left_out_at_once(
    tmp_path: Path, kind: str
):
    """'Non-OECD (GCP)' topped a chart titled 'China emits more CO₂ than any other
    country', check clean, once the aggregates NUM006 had named (four rounds of them, a
    ranking's top ten bringing up new ones each time) were filtered out; a sorted table of
    the same rows was not warned of at all (found in review). Every row without a code is
    an aggregate, and one filter on the code leaves them all out."""
    selection = ("data: co2, sort: {by: Annual CO₂ emissions}, top: 5, "
                 "filter: [{column: Entity, op: '!=', value: World}]")  # fmt: skip
    body = (f"chart: {{type: hbar, {selection}, x: Entity, y: Annual CO₂ emissions}}"
            if kind == "chart" else
            f"table: {{{selection}, columns: [Entity, Annual CO₂ emissions]}}")  # fmt: skip
    outline = write_project(tmp_path / "p", f"""\
deck: {{title: Emissions}}
data:
  co2: {{file: co2.csv}}
slides:
  - kind: {kind}
    title: China emits more CO₂ than any other country
    {body}
""", {"co2.csv": OWID})  # fmt: skip
    report = check(outline, BuildOptions(out_dir=tmp_path / "out"), select=("NUM006",))
    (finding,) = report.findings
    for group in ("Non-OECD (GCP)", "G7 (Ember)", "Persian Gulf (Shift)"):
        assert repr(group) in finding.message
    assert "'China'" not in finding.message
    assert "add {column: Code, op: '!=', value: \"\"} to its 'filter:' list" in finding.fix
    fixed = outline.read_text().replace("value: World}", "value: World}, "
                                        "{column: Code, op: '!=', value: \"\"}")  # fmt: skip
    outline.write_text(fixed)
    assert not check(outline, BuildOptions(out_dir=tmp_path / "out"),
                     select=("NUM006",)).findings  # fmt: skip
    if kind == "chart":
        assert _drawn(tmp_path, outline) == ["China", "United States", "India", "Russia",
                                             "Japan"]  # fmt: skip
