"""ED003 and the number rules on the titles a health or charity deck writes (fuzz-I/12):
a verb the word list lacks is still a verb, and a span of time is no data value."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from deckgen.check import check
from deckgen.check.rules import has_verb
from deckgen.pipeline import BuildOptions
from tests.helpers import write_project

if TYPE_CHECKING:
    from pathlib import Path


@pytest.mark.parametrize(
    "title",
    [
        # Flagged as topics: the word list had neither 'report', 'agree', 'follow',
        # 'persist' nor 'feel', and a verb was only ever one it had.
        "The South reported the most cases in June",
        "Most regions agree with the national trend",
        "Test positivity follows the same curve",
        "Beneficiaries feel less isolated, but money worries persist",
        "Most beneficiaries agree on three of five statements",
        # Other verbs it lacks, found by where they stand: after a plural subject, after a
        # count, a pronoun or a singular subject, before an object, as a past tense.
        "Teachers report higher workloads",
        "Rural clinics see fewer patients",
        "Two in three agree",
        "Three out of five respondents agree",
        "They report fewer symptoms",
        "Positivity tops 10% in the South",
        "Cases peaked in January",
        "Referrals spiked after the campaign",
        "Londoners cycle more than ever",
        # Regular forms of listed verbs the endings missed: -ied, -ies, a doubled consonant.
        "Cases varied widely by region",
        "Sales slipping in the South",
    ],
)
def test_a_finding_whose_verb_is_not_listed_has_one(title: str) -> None:
    assert has_verb(title)


@pytest.mark.parametrize(
    "title",
    [
        "Vehicle production by country",
        "Cases by region over the last 18 months",
        "Monthly cases over the last 18 months",
        "Monthly Cases Over The Last 18 Months",
        "Sales growth by region",
        "Vehicle sales volume over time",
        "Hospital admissions in June",
        "Vehicle exports by country, 2004 and 2023",
        "Cases each month",
        "Cases a week by region",
        "Adults aged 65 and over",
        "Cases adjusted for population",
        "United States output by year",
        "COVID-19 cases by region",
        "Top ten ports",
        "The last six months",
        "Riverton City Budget 2025",
        "2024 outlook",
    ],
)
def test_a_topic_still_has_no_verb(title: str) -> None:
    assert not has_verb(title)


#: fuzz-I/12's deck: two findings, two topics, and a span of time on two slides in a row.
REGIONS = "region,cases\nSouth,890\nNortheast,780\nMidwest,705\nWest,385\n"
MONTHS = "month,cases\nJan 2024,4210\nFeb 2024,3980\nMar 2024,3350\nApr 2024,2870\n"
DECK = """\
deck: {title: Repro, theme: corporate}
data:
  r: {file: regions.csv}
  cases: {file: cases.csv, columns: {month: {type: date, format: "%b %Y", period: month}}}
slides:
  - kind: chart
    title: The South reported the most cases in June
    chart: {type: hbar, data: r, x: region, y: cases, highlight: South}
  - kind: chart
    title: Most regions agree with the national trend
    chart: {type: hbar, data: r, x: region, y: cases}
  - kind: chart
    title: Cases by region over the last 18 months
    chart: {type: hbar, data: r, x: region, y: cases}
  - kind: chart
    title: Monthly cases over the last 18 months
    chart: {type: bar, data: cases, x: month, y: cases}
"""


def _findings(tmp_path: Path, deck: str) -> list[tuple[str, int | None, str]]:
    outline = write_project(tmp_path / "p", deck, {"regions.csv": REGIONS, "cases.csv": MONTHS})
    report = check(outline, BuildOptions(out_dir=tmp_path / "out"), select=("ED003", "NUM"))
    return sorted((f.code, f.slide, f.message) for f in report.findings)


def test_findings_pass_topics_are_named_and_a_span_of_time_is_no_number(tmp_path: Path) -> None:
    """ED003 named all four titles; NUM002 took '18' of 'the last 18 months' for a value
    the chart lacks, and NUM003 for a number said twice. Only the topics are left."""
    found = _findings(tmp_path, DECK)
    assert [(code, slide) for code, slide, _ in found] == [("ED003", 3), ("ED003", 4)], found


@pytest.mark.parametrize(
    ("title", "found"),
    [
        ("The South reported 890 cases over the last 18 months", []),  # 890 is the data's
        ("The South reported 18 cases in June", ["'18' in the title"]),  # a count, not a span
        ("Patients waited 18 days in the South", ["'18' in the title"]),  # a value in days
        ("The South reported 950 cases", ["'950' in the title"]),
        ("The top 3 regions reported most cases", []),  # a small count, as the README says
        ("Cases hit a 10-year high in the South", []),
    ],
)
def test_num002_still_names_a_number_the_chart_does_not_show(
    tmp_path: Path, title: str, found: list[str]
) -> None:
    deck = DECK.replace("The South reported the most cases in June", title)
    said = [m for code, slide, m in _findings(tmp_path, deck) if code == "NUM002"]
    assert [m.split(" is in")[0] for m in said] == found, said


def test_num003_still_names_a_value_said_on_two_slides_in_a_row(tmp_path: Path) -> None:
    deck = DECK.replace("the most cases in June", "890 cases in 18 months").replace(
        "Most regions agree with the national trend", "The South's 890 cases lead the regions"
    )
    repeated = [(slide, m) for code, slide, m in _findings(tmp_path, deck) if code == "NUM003"]
    assert repeated == [(2, "890 is also on slide 1")]
