"""NUM002 reads a chart's values as the chart prints them: its data, and what it computes and
writes on the picture (a difference's or growth rate's bracket, a stack's total, the
reference line's value). A title that stated the chart's own '−8.5%' bracket was told its
number is in none of the chart's values (found by review); a number the chart does not
print is still found."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from deckgen.check import check
from deckgen.pipeline import BuildOptions
from tests.check.titles import num002
from tests.helpers import write_project

if TYPE_CHECKING:
    from pathlib import Path

#: Library loans by branch (thousands) in two years.
LOANS = """branch,2021,2023
Central,412.0,377.5
Harbour,96.0,131.0
Hillside,58.5,64.0
"""
#: A reading-room count over four years.
VISITS = """year,visits
2019,80.0
2020,41.0
2021,52.0
2023,73.2
"""


def _said(tmp_path: Path, title: str, chart: str) -> list[str]:
    """NUM002's messages for one chart slide titled ``title``."""
    return _messages(tmp_path, title, chart, {"loans.csv": LOANS, "visits.csv": VISITS})


def _messages(tmp_path: Path, title: str, chart: str, files: dict[str, str]) -> list[str]:
    """NUM002's messages for one chart slide titled ``title``, over data ``files``."""
    return num002(tmp_path, title, chart, files)


BAR = "{type: bar, data: visits, x: year, y: visits"
GROUPED = '{type: grouped-bar, data: loans, x: branch, y: ["2021", "2023"]'


@pytest.mark.parametrize(
    ("title", "chart"),
    [
        # (73.2 - 41.0) / 41.0 = +78.5%, the bracket's '+78.5%'
        ("Visits recovered 78.5% from 2020", BAR + ', difference: {from: "2020", to: "2023", '
         "show: percent}}"),
        # 73.2 - 80.0 = −6.8, as the bracket writes it
        ("Visits are 6.8 thousand short of 2019", BAR + ', difference: {from: "2019", '
         'to: "2023"}}'),
        # both: '−6.8 (−8.5%)'
        ("Visits are 8.5% short of 2019", BAR + ', difference: {from: "2019", to: "2023", '
         "show: both}}"),
        # (131 / 96) ** (1 / 2) - 1 = 16.8% a year, the bracket's 'CAGR +17%'
        ("Harbour loans grew 17% a year", GROUPED + ', cagr: {from: "2021", to: "2023", '
         "at: Harbour}}"),
        # the median of the four years, (52.0 + 73.2) / 2, on the reference line
        ("A typical year saw 62.6 thousand visits", BAR + ", reference: {value: median, "
         "label: Median}}"),
        # Central's column total, 412.0 + 377.5, written on top of its stack
        ("Central lent 789.5 thousand books", '{type: stacked-bar, data: loans, x: branch, '
         'y: ["2021", "2023"]}'),
    ],
    ids=["percent", "value", "both", "cagr", "reference", "total"],
)  # fmt: skip
def test_a_number_the_chart_computes_and_prints_is_one_of_its_values(tmp_path, title, chart):
    assert _said(tmp_path, title, chart) == []


def test_a_number_the_chart_does_not_print_is_still_found(tmp_path):
    """The difference shown as a value prints no percentage: a title's '8.5%' is in none of
    its values; and a number near the bracket's (78%) is not it."""
    chart = BAR + ', difference: {from: "2019", to: "2023"}}'
    assert _said(tmp_path, "Visits are 8.5% short of 2019", chart) == [
        "'8.5%' in the title is in none of the chart's values"
    ]
    chart = BAR + ', difference: {from: "2020", to: "2023", show: percent}}'
    assert _said(tmp_path, "Visits recovered 77.5% from 2020", chart) == [
        "'77.5%' in the title is in none of the chart's values"
    ]


#: Parcels by depot in two years: Depot 21's name holds a number, its values do not.
DEPOTS = """depot,2022,2024
Depot 21,640,810
Depot 7,350,322
Riverside,95,101
"""


def _depots(tmp_path: Path, title: str, chart: str) -> list[str]:
    return _messages(tmp_path, title, chart, {"depots.csv": DEPOTS})


ARROW = '{type: arrow, data: depots, x: depot, y: ["2022", "2024"]'
DONUT = '{type: donut, data: depots, x: depot, y: "2024"'


@pytest.mark.parametrize(
    ("title", "chart"),
    [
        # 810 / (810 + 322 + 101) = 65.7%, printed '66%' beside Depot 21's slice
        ("Depot 21 handled 66% of parcels", DONUT + "}"),
        # the total in the hole: 810 + 322 + 101
        ("1,233 parcels went through three depots", DONUT + "}"),
        # 810 - 640, the change the arrow's column prints
        ("Depot 21 handled 170 more parcels", ARROW + "}"),
        # (810 - 640) / 640 = 26.6%, printed '+27%'
        ("Depot 21 grew 27%", ARROW + ", change: percent}"),
    ],
    ids=["share", "total", "change", "percent-change"],
)  # fmt: skip
def test_a_share_or_change_the_chart_prints_is_one_of_its_values(tmp_path, title, chart):
    """A donut's shares and an arrow's changes were not read: the title's '66%' was 'in
    none of the chart's values' though the slice's label prints it."""
    assert _depots(tmp_path, title, chart) == []


def test_a_number_in_a_row_name_is_no_value_but_a_wrong_one_is_still_found(tmp_path):
    """'Depot 21' in a title names a row: NUM002 asked for 21 among the values."""
    assert _depots(tmp_path, "Depot 21 handled 810 parcels", ARROW + "}") == []
    assert _depots(tmp_path, "Depot 21 handled 820 parcels", ARROW + "}") == [
        "'820' in the title is in none of the chart's values"
    ]


#: The same loans, with the branches' total: what a title's share is computed from.
TOTALS = LOANS + "All branches,566.5,572.5\n"
LENT = (
    '{type: bar, data: loans, x: branch, y: "2023", '
    'filter: [{column: branch, op: "!=", value: All branches}]}'
)


def _loans(tmp_path: Path, title: str, chart: str = LENT) -> list[str]:
    return _messages(tmp_path, f'"{title}"', chart, {"loans.csv": TOTALS})


def test_a_bound_number_the_chart_does_not_print_is_found_too(tmp_path):
    """A share computed for the title over bars that print each branch's loans: the
    reader sees '66%' over '377.5', '131' and '64' (the sample's '32%' of the world's
    vehicles over bars in millions, found by review). Bound to the data, it was skipped."""
    # 377.5 / 572.5 = 65.9%
    share = "{{ share(loans.Central['2023'], loans['All branches']['2023']) | percent }}"
    assert _loans(tmp_path, f"Central lent {share} of the books") == [
        "'66%' in the title is computed for it, and the chart shows it nowhere"
    ]
    # a bound number the chart prints is one of its values
    assert _loans(tmp_path, "Central lent {{ loans.Central['2023'] }} thousand books") == []


def _card_findings(tmp_path: Path, social: str) -> list[tuple[str, str | None]]:
    outline = write_project(tmp_path / "p", f"""\
deck: {{title: T}}
data:
  loans: {{file: loans.csv}}
slides:
  - kind: title
social:
  cards:
{social}""", {"loans.csv": TOTALS})  # fmt: skip
    report = check(outline, BuildOptions(out_dir=tmp_path / "out"), select=("NUM002",))
    return [(f.message, f.card) for f in report.findings]


SHARE = "{{ share(loans.Central['2023'], loans['All branches']['2023']) | percent }}"


def test_a_chart_cards_title_is_read_against_its_chart(tmp_path):
    social = f"""\
    - kind: chart
      name: central
      presets: [ig-square]
      title: "Central lent {SHARE} of the books"
      source: Library returns
      chart: {LENT}
"""
    assert _card_findings(tmp_path, social) == [
        ("'66%' in the title is computed for it, and the chart shows it nowhere",
         "central-ig-square.png")
    ]  # fmt: skip


def test_an_infographics_chart_section_is_read_against_its_chart(tmp_path):
    social = f"""\
    - kind: infographic
      name: loans
      title: Library loans
      sections:
        - kind: stat
          value: "{{{{ loans.Central['2023'] }}}}"
          label: thousand books lent by Central
          source: Library returns
        - kind: chart
          title: "Central lent {SHARE} of the books"
          source: Library returns
          chart: {LENT}
"""
    assert _card_findings(tmp_path, social) == [
        ("'66%' in the title is computed for it, and the chart shows it nowhere",
         "loans-long.png")
    ]  # fmt: skip


#: A change by region, one of them a fall.
EXPORTS = "region,change\nAsia,-30\nEurope,12\nAfrica,5\n"
SIGNED = "{type: bar, data: exports, x: region, y: change, format: +percent:0, highlight: Asia}"


@pytest.mark.parametrize(
    ("title", "said"),
    [("Exports to Asia fell 30%", []),  # a fall told by its size, over a bar of −30%
     ("Exports to Asia were down 30%", []),
     ("Exports to Asia fell 35%", ["'35%' in the title is in none of the chart's values"]),
     # no word of a fall: 30% over −30% is still a wrong sign
     ("Exports to Asia reached 30%", ["'30%' in the title is in none of the chart's values"])],
)  # fmt: skip
def test_a_fall_told_by_its_size_is_the_negative_value_the_chart_shows(tmp_path, title, said):
    """'Exports to Asia fell {{ ... | abs | percent }}' over a bar labelled −30% was '30%
    ... the chart shows it nowhere' (found by fuzzing)."""
    assert _messages(tmp_path, title, SIGNED, {"exports.csv": EXPORTS}) == said


def _modes() -> str:
    """Boardings by month and mode (made up for the test): light rail falls from 785,700
    in February 2020 to 289,300 in March, −63%, and is back to 706,400 by December 2024."""
    rows = ["month,mode,boardings"]
    for year in range(2019, 2025):
        for month in range(1, 13):
            rail = 289_300 if (year, month) == (2020, 3) else 250_000 if year == 2020 and (
                month > 3) else 785_700 if year < 2021 else 706_400  # fmt: skip
            day = f"{year}-{month:02d}"
            rows += [f"{day},Light rail,{rail}", f"{day},Bus,{round(rail * 0.9)}",
                     f"{day},Paratransit,{22_800 + month}"]  # fmt: skip
    return "\n".join(rows) + "\n"


LINE_BY_MODE = (
    "{type: line, data: modes, x: month, y: boardings, series: mode, highlight: Light rail}"
)


def test_a_change_a_line_shows_between_two_of_its_points_is_one_it_shows(tmp_path):
    """'fell by two thirds in spring 2020' over six years of months was told no change the
    chart shows is one, as only each line's first and last points were compared (found by
    a new user): February to March 2020 is −63%, two thirds within a tenth of itself."""
    # A year the title names is one end of the span: since 2021 it fell by no third.
    since = _messages(tmp_path / "since", "Light rail ridership fell by two thirds since 2021",
                      LINE_BY_MODE, {"modes.csv": _modes()})  # fmt: skip
    assert len(since) == 1 and "'fell by two thirds'" in since[0], since
    said = _messages(tmp_path, "Light rail ridership fell by two thirds in spring 2020",
                     LINE_BY_MODE, {"modes.csv": _modes()})  # fmt: skip
    assert said == []


def test_a_change_between_two_series_that_are_not_periods_is_never_the_nearest(tmp_path):
    """Its nearest was 'from Light rail to Paratransit' at one month, −94%: a comparison of
    two modes, which no title's change is. Series that are periods ('2021', '2023') are
    still compared (above); these are not, and a change no line shows is still found."""
    said = _messages(tmp_path, "Light rail ridership quadrupled", LINE_BY_MODE,
                     {"modes.csv": _modes()})  # fmt: skip
    assert len(said) == 1, said
    assert "'quadrupled' in the title states a change of +300%" in said[0]
    assert not any(f"from {a} to {b}" in said[0] for a in ("Light rail", "Bus", "Paratransit")
                   for b in ("Light rail", "Bus", "Paratransit")), said[0]  # fmt: skip


#: Food received by a food bank, by source, in millions of pounds (made up).
SOURCES = "source,change\nGrocery rescue,1.4\nFarms,0.9\nPurchased,0.3\n"
WATERFALL = ('{type: waterfall, data: sources, x: source, y: change, format: "plain:1", '
             'start: {label: "2023", value: 23.9}, end: {label: "2024", value: 26.5}}')  # fmt: skip


@pytest.mark.parametrize(
    ("title", "said"),
    [("Food received rose from 23.9 million to 26.5 million pounds", []),
     ("Grocery rescue added 1.4 million pounds", []),
     ("Food received rose from 23.9 million to 27.5 million pounds", ["'27.5 million'"])],
)  # fmt: skip
def test_a_waterfall_s_start_and_end_bars_are_values_it_shows(tmp_path, title, said):
    """A title stating a waterfall's start and end bars (values given in the outline, no
    row of the data) was told the chart shows them nowhere (found by a new user)."""
    found = _messages(tmp_path, title, WATERFALL, {"sources.csv": SOURCES})
    assert [m.split(" in the title")[0] for m in found] == said, found
