"""NUM009: a series written in a percent format whose values are fractions (0.2871 for
28.71%, as JSON APIs and pandas store shares) printed '0.3%' and checked clean (fuzz-U/3)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from deckgen.check import check
from deckgen.pipeline import BuildOptions, build
from tests.helpers import write_project

if TYPE_CHECKING:
    from pathlib import Path

DATA = """\
department,fraction,percent,small,zero
Police,0.2871,28.71,3.5,0
Fire & Rescue,0.1503,15.03,0.1,0
Libraries,0.0301,3.01,1.2,0
"""

BAR = """\
deck: {{title: T}}
data: {{budget: {{file: budget.csv}}}}
slides:
  - kind: chart
    title: {title}
    source: Test data
    chart: {{data: budget, x: department, y: {y}, format: "percent:1"{more}}}
"""


def _findings(tmp_path: Path, y: str, more: str = ", type: bar",
              title: str = "Police take the largest share") -> list:  # fmt: skip
    path = write_project(tmp_path, BAR.format(y=y, more=more, title=title),
                         {"budget.csv": DATA})  # fmt: skip
    report = check(path, BuildOptions(out_dir=tmp_path / "out"), select=("NUM009",))
    return list(report.findings)


def test_fractions_under_a_percent_format_are_named_with_scale_as_the_fix(tmp_path: Path):
    (found,) = _findings(tmp_path, "fraction")
    assert (found.code, found.slide, found.location.line) == ("NUM009", 1, 4)
    assert "'fraction'" in found.message and "0.2871 prints as '0.3%'" in found.message
    assert "28.7% if it is a fraction" in found.message
    assert found.fix.startswith(
        "the values look like fractions (0.29 for 29%): add 'scale: 100' to the chart"
    )


def test_a_title_writing_the_same_cells_through_percent_is_named(tmp_path: Path):
    title = '"Police take {{ budget.Police.fraction | percent(1) }} of the budget"'
    found, template = _findings(tmp_path, "fraction", title=title)
    assert "slides[0].title writes it through '| percent' too" in found.message
    assert "compute step" in found.fix
    # and the title is named at its own line, with its own fix
    assert template.location.field == "slides[0].title"
    assert "'(budget.Police.fraction * 100) | percent(1)' writes 28.7%" in template.fix


@pytest.mark.parametrize(
    ("y", "more"),
    [
        ("percent", ", type: bar"),  # stored in percent, as deckgen reads them
        ("small", ", type: bar"),  # genuine small shares: 0.1% to 3.5%
        ("[percent, zero]", ", type: grouped-bar"),  # a series of zeros: nothing to tell
        ("fraction", ", type: bar, scale: 100"),  # the fix
    ],
)
def test_percentages_in_percent_small_shares_and_scaled_fractions_pass(
    tmp_path: Path, y: str, more: str
):
    assert _findings(tmp_path, y, more) == []


def test_a_chart_that_takes_no_scale_is_told_to_compute_the_column(tmp_path: Path):
    """A chart of x, y and size values refuses 'scale' (it would multiply all three): the
    fix is a derived table's compute step, not an option the chart refuses."""
    outline = """\
    deck: {title: T}
    data: {budget: {file: budget.csv}}
    slides:
      - kind: chart
        title: Bigger departments do not have happier residents
        source: Test data
        chart: {type: scatter, data: budget, x: percent, y: fraction, name: department,
                format: "percent:0", x_format: "plain:0"}
    """
    path = write_project(tmp_path, outline, {"budget.csv": DATA})
    report = check(path, BuildOptions(out_dir=tmp_path / "out"), select=("NUM009",))
    (found,) = report.findings
    assert "'fraction'" in found.message
    assert "'compute: {fraction: \"fraction * 100\"}'" in found.fix
    assert "scale: 100" not in found.fix


def test_the_build_warning_says_what_the_check_says(tmp_path: Path):
    """For ``deckgen build`` to print (its reader may never run the check): one warning a
    chart, at its place, with the finding's code and fix."""
    from deckgen.check.rules import fraction_warnings
    from tests.helpers import plan

    path = write_project(tmp_path, BAR.format(y="fraction", more=", type: bar",
                                              title="Police take the largest share"),
                         {"budget.csv": DATA})  # fmt: skip
    built = plan(path)
    places = [(str(s.where), p.job) for s in built.slides for p in s.pictures]
    (said,) = fraction_warnings(places + places)
    assert said.startswith(f"{places[0][0]}: 'fraction' is written in percent (percent:1)")
    assert "(NUM009); the values look like fractions" in said and "add 'scale: 100'" in said
    ok = BAR.format(y="percent", more=", type: bar", title="Police take the largest share")
    path = write_project(tmp_path / "ok", ok, {"budget.csv": DATA})
    assert fraction_warnings((str(s.where), p.job) for s in plan(path).slides
                             for p in s.pictures) == []  # fmt: skip


def test_a_build_prints_the_warning(tmp_path: Path):
    from deckgen.pipeline import build

    path = write_project(tmp_path, BAR.format(y="fraction", more=", type: bar",
                                              title="Police take the largest share"),
                         {"budget.csv": DATA})  # fmt: skip
    result = build(path, BuildOptions(out_dir=tmp_path / "out"))
    assert any("(NUM009)" in w and "scale: 100" in w for w in result.warnings)


# A template's '| percent' over a column stored as fractions, whatever the charts draw
# (found in review: "trust grew: 0.4% in 2022, 0.4% in 2025" in a statement, and an
# infographic's "0.4% of all adults", and neither build nor check said a word).
SURVEY = """\
wave,group,answer,pct,flag
2022,18-29,Trust,0.376,0
2022,All adults,Trust,0.486,1
2025,18-29,Trust,0.4,1
2025,All adults,Trust,0.433,0
"""

TEXTS = """\
deck: {{title: T}}
data: {{survey: {{file: survey.csv}}}}
vars:
  young_22: "{{{{ survey.where('wave', 2022).where('group', '18-29').one().pct }}}}"
  young_25: "{{{{ survey.where('wave', 2025).where('group', '18-29').one().pct }}}}"
slides:
  - kind: statement
    text: "{text}"
social:
  cards:
    - kind: infographic
      title: Who trusts local news?
      sections:
        - kind: stat
          value: "{stat}"
          label: of all adults trust local news in 2025
          source: Reader survey
"""

YOUNG = "Young readers' trust grew: {{ young_22 | percent }} then {{ young_25 | percent }}."
ALL_25 = "{{ survey.where('wave', 2025).where('group', 'All adults').one().pct | percent }}"


def _text_findings(tmp_path: Path, text: str = YOUNG, stat: str = ALL_25,
                   data: str = SURVEY) -> list:  # fmt: skip
    path = write_project(tmp_path, TEXTS.format(text=text, stat=stat), {"survey.csv": data})
    report = check(path, BuildOptions(out_dir=tmp_path / "out"), select=("NUM009",))
    return list(report.findings)


def test_a_statement_and_a_stat_writing_fractions_through_percent_are_named(tmp_path: Path):
    statement, stat = _text_findings(tmp_path)
    assert (statement.code, statement.slide, statement.location.line) == ("NUM009", 1, 8)
    assert statement.location.field == "slides[0].text"
    assert statement.message.startswith(
        "'young_22 | percent' writes 0.376 as '0.4%' (and 1 more value of the column), yet "
        "every value of column 'pct' (survey.csv, data source 'survey') lies between −1 and "
        "1: 38% if it is a fraction"
    )
    assert ("multiply by 100 before the filter ('(young_22 * 100) | percent' writes 38%, and "
            "likewise '(young_25 * 100) | percent')") in statement.fix  # fmt: skip
    assert "'compute: {pct: \"pct * 100\"}'" in statement.fix
    assert statement.fix.endswith("if they are percentages under 1%, this is fine: --ignore NUM009")
    assert stat.location.field == "social.cards[0].sections[0].value"
    assert stat.card is not None and stat.card.startswith("who-trusts-local-news")
    assert "writes 0.433 as '0.4%'" in stat.message and "writes 43%" in stat.fix


@pytest.mark.parametrize(
    ("text", "stat", "data"),
    [
        # the fix: multiplied before the filter
        ("{{ (young_22 * 100) | percent }}",
         ALL_25.replace("{{ ", "{{ (").replace("one().pct |", "one().pct * 100) |"), SURVEY),
        # stored in percent
        (YOUNG, ALL_25, SURVEY.replace("0.376", "37.6")),
        # a column of 0 and 1 is a flag, not a share; and a zero writes '0%' either way
        ("{{ survey.where('wave', 2025).where('group', '18-29').one().flag | percent }}",
         "{{ survey.where('wave', 2022).where('group', '18-29').one().flag | percent }}", SURVEY),
        # a change worked out from fractions is in percent; so is a share of one in another
        ("{{ change(young_22, young_25) | percent }}", "{{ share(young_22, young_25) | percent }}",
         SURVEY),
        # written plain, not as a percentage
        ("{{ young_22 }} and {{ young_25 | number(2) }}", "{{ young_22 | signed(2, points=true) }}",
         SURVEY),
    ],
)  # fmt: skip
def test_percentages_in_percent_flags_and_computed_percentages_pass(
    tmp_path: Path, text: str, stat: str, data: str
):
    assert _text_findings(tmp_path, text, stat, data) == []


@pytest.mark.parametrize(
    "stat",
    [
        "{{ survey.where('group', 'All adults').mean('pct') | percent(1) }}",  # an average
        "{{ young_25 | signed }}",  # a sign of its own
        "{{ survey.where('group', 'All adults').max('pct') | format('percent:1') }}",
    ],
)
def test_an_average_a_signed_value_and_a_percent_format_of_fractions_are_named(
    tmp_path: Path, stat: str
):
    (found,) = _text_findings(tmp_path, "No numbers here", stat)
    assert found.location.field == "social.cards[0].sections[0].value"
    assert "column 'pct'" in found.message and "* 100)" in found.fix
    # The template's code is quoted whole: in double quotes where it holds single ones.
    code = stat.removeprefix("{{ ").removesuffix(" }}")
    assert found.message.startswith(f'"{code}" writes' if "'" in code else f"'{code}' writes")


def test_a_build_prints_the_warning_for_a_template(tmp_path: Path):
    from deckgen.pipeline import build

    path = write_project(tmp_path, TEXTS.format(text=YOUNG, stat="A stat"), {"survey.csv": SURVEY})
    result = build(path, BuildOptions(out_dir=tmp_path / "out"))
    (said,) = [w for w in result.warnings if "(NUM009)" in w]
    assert said.startswith(f"{path}:8: slides[0].text: 'young_22 | percent' writes 0.376 as")
    assert "'(young_22 * 100) | percent' writes 38%" in said


def test_a_table_column_in_percent_over_fractions_is_named(tmp_path: Path):
    """HubSpot's open rates (0.4317) in a table column written 'percent:1' printed '0.4%',
    unsaid, where the same column on a chart is named (found in review)."""
    outline = """\
deck: {title: T}
data: {budget: {file: budget.csv}}
slides:
  - kind: table
    title: Police take the largest share
    table:
      data: budget
      columns: [department, {column: fraction, format: "percent:1"},
                {column: percent, format: "percent:1"}]
"""
    path = write_project(tmp_path, outline, {"budget.csv": DATA})
    report = check(path, BuildOptions(out_dir=tmp_path / "out"), select=("NUM009",))
    (finding,) = report.findings
    assert finding.message == (
        "column 'fraction' of the table is written in percent (percent:1), yet every value "
        "lies between −1 and 1: 0.2871 prints as '0.3%' (28.7% if it is a fraction)"
    )
    assert "'compute: {fraction: \"fraction * 100\"}'" in finding.fix
    assert (finding.slide, finding.location.line) == (1, 8)
    # The build says it too: its reader may never run deckgen check (found in review).
    result = build(path, BuildOptions(out_dir=tmp_path / "out"))
    (said,) = [w for w in result.warnings if "(NUM009)" in w]
    assert said.startswith(f"{path}:8: slides[0].table.columns[1]: {finding.message} (NUM009);")


def test_the_fix_for_a_column_of_two_words_is_a_step_that_reads(tmp_path: Path):
    """LinkedIn's 'Engagement rate' (0.07225) under 'percent:1' was told the step
    'compute: {Engagement rate: "Engagement rate * 100"}', which does not parse (found in
    review). The step the fix gives builds, and the table then shows 7.2%."""
    outline = """\
deck: {title: T}
data:
  posts: {file: posts.csv}
slides:
  - kind: table
    title: The launch post was shared most
    table:
      data: posts
      columns: [Post, {column: Engagement rate, format: "percent:1"}]
"""
    data = "Post,Engagement rate\nLaunch,0.07225\nHiring,0.0681\nAwards,0.0623\n"
    path = write_project(tmp_path, outline, {"posts.csv": data})
    (finding,) = check(path, BuildOptions(out_dir=tmp_path / "out"), select=("NUM009",)).findings
    step = "compute: {Engagement rate: \"col('Engagement rate') * 100\"}"
    assert f"'{step}'" in finding.fix
    fixed = outline.replace("data: posts\n", "data: percent\n").replace(
        "  posts: {file: posts.csv}\n",
        f"  posts: {{file: posts.csv}}\n  percent:\n    from: posts\n    steps: [{{{step}}}]\n",
    )
    path.write_text(fixed)
    assert not check(path, BuildOptions(out_dir=tmp_path / "out"), select=("NUM009",)).findings
    result = build(path, BuildOptions(out_dir=tmp_path / "out"))
    from pptx import Presentation

    (table,) = [s for s in Presentation(result.deck).slides[0].shapes if s.has_table]
    assert table.table.cell(1, 1).text == "7.2%"


SCATTER = """\
deck: {{title: T}}
data: {{budget: {{file: budget.csv}}}}
slides:
  - kind: chart
    title: Police take the largest share and the most staff
    source: Test data
    chart: {{type: scatter, data: budget, x: {x}, y: small, name: department,
            x_format: "percent:0"}}
"""


@pytest.mark.parametrize(("x", "named"), [("fraction", True), ("percent", False)])
def test_a_scatter_s_x_in_percent_over_fractions_is_named(tmp_path: Path, x: str, named: bool):
    """A scatter's x axis of 0.64 to 0.93 in x_format 'percent:0' read '0.65% ... 0.90%',
    and check and build said nothing (NUM009 looked at y's format alone); its fix is the
    data's compute step, as a scatter takes no scale (found by a new user)."""
    path = write_project(tmp_path, SCATTER.format(x=x), {"budget.csv": DATA})
    found = list(check(path, BuildOptions(out_dir=tmp_path / "out"), select=("NUM009",)).findings)
    warnings = build(path, BuildOptions(out_dir=tmp_path / "built", workers=1)).warnings
    said = [w for w in warnings if "(NUM009)" in w]
    assert bool(found) is named and bool(said) is named
    if named:
        (finding,) = found
        assert finding.message == ("'fraction' is written in percent (percent:0), yet every "
                                   "value lies between −1 and 1: 0.2871 prints as '0.3%' (29% if "
                                   "it is a fraction)")  # fmt: skip
        assert """compute: {fraction: "fraction * 100"}""" in finding.fix
        assert finding.message in said[0]
