"""deckgen check finds each known problem with its code, slide and line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from deckgen.check import check
from deckgen.check.rules import RULES, contrast, has_verb, numbers
from deckgen.check.run import BUILD_RULES
from deckgen.pipeline import BuildOptions
from tests.helpers import PRODUCTION_CSV, REPO, SAMPLE

CASES = sorted(p for p in (Path(__file__).parents[1] / "check_cases").iterdir() if p.is_dir())


def _run(case: Path, tmp_path: Path):
    project = tmp_path / "project"
    shutil.copytree(case, project)
    if not (project / "production.csv").exists():
        (project / "production.csv").write_text(PRODUCTION_CSV)
    return project, check(project / "deck.yaml", BuildOptions(out_dir=tmp_path / "out"))


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_each_case_is_found_with_its_code_slide_and_line(case: Path, tmp_path: Path):
    code, where, line = (case / "expected.txt").read_text().splitlines()
    _, report = _run(case, tmp_path)
    found = [f for f in report.findings if f.code == code]
    assert found, [str(f) for f in report.findings]
    assert any(f.where == where for f in found), [f.where for f in found]
    if line != "-":
        assert any(f.location and f.location.line == int(line) for f in found), [
            str(f) for f in found
        ]


def test_every_rule_has_a_case():
    codes = {r.code for r in RULES} | set(BUILD_RULES)
    covered = {c.name for c in CASES}
    # NUM004 needs a build before the check; FIT004 guards floors the card layouts keep
    # (a card that cannot is a FIT001 error); NUM012 needs a workbook, written by its test:
    # all tested below. BLD000 is the catch-all for a build-stopping problem of no more
    # specific kind.
    assert codes - covered == {"NUM004", "FIT004", "NUM012", "BLD000"}


#: A stat card whose title, label and source cannot all be read on a phone at 16:9.
CROWDED = """\
deck: {title: T, organisation: Tests Inc}
data: {production: {file: production.csv}}
slides:
  - kind: statement
    text: China builds three in ten of the world's vehicles.
social:
  cards:
    - kind: stat
      name: china
      presets: [x-post]
      title: China built more vehicles in 2023 than the United States and Japan together
      value: 30.2M
      label: vehicles were built in China in 2023, up from 5.2 million in 2004
      source: G20 Countries Vehicle Production table, as printed on the Global Impact page,
        with the OICA production statistics for 2004 and 2023 and the national statistics
        offices of the G20 countries that build vehicles
"""


def test_a_card_too_crowded_for_a_phone_is_an_error_with_a_fix(tmp_path: Path):
    """Not a card with a source line too small to read: a fitting error naming the card,
    the field, and what to do."""
    (tmp_path / "deck.yaml").write_text(CROWDED)
    (tmp_path / "production.csv").write_text(PRODUCTION_CSV)
    report = check(tmp_path / "deck.yaml", BuildOptions(out_dir=tmp_path / "out"))
    errors = [f for f in report.findings if f.code == "FIT001"]
    assert errors, [str(f) for f in report.findings]
    assert "FIT004" not in {f.code for f in report.findings}
    said = " ".join(f"{f.message} {f.fix}" for f in errors)
    assert "'china' (stat, x-post 1600×900)" in said
    assert "shorten it" in said


def test_fit004_reports_card_text_under_a_phone_floor(tmp_path: Path):
    """The guard itself: a card whose source line were set under 11 pt is named."""
    from dataclasses import replace
    from types import SimpleNamespace

    from deckgen.check.rules import phone_text
    from deckgen.layout.units import Px

    text = CROWDED.split("      source:")[0] + "      source: G20 production table\n"
    (tmp_path / "deck.yaml").write_text(text)
    (tmp_path / "production.csv").write_text(PRODUCTION_CSV)
    report = check(tmp_path / "deck.yaml", BuildOptions(out_dir=tmp_path / "out"))
    assert [f.code for f in report.findings if f.code.startswith("FIT")] == []
    from deckgen.pipeline import prepare
    from deckgen.plan.cards import plan_cards

    ready = prepare(tmp_path / "deck.yaml", BuildOptions(out_dir=tmp_path / "out"))
    (card,) = plan_cards(ready.loaded, ready.tables, ready.theme)
    source = card.job.footer.source
    small = replace(card.job, footer=replace(card.job.footer, source=replace(source, size=Px(40))))
    ctx = SimpleNamespace(cards=(replace(card, job=small),), at=ready.loaded.locate)
    (found,) = list(phone_text(ctx))  # type: ignore[arg-type]
    assert (found.code, found.card) == ("FIT004", "china-x-post.png")
    assert "the source at 9.4 pt (under 11)" in found.message


def test_a_value_gone_stale_since_the_last_build_is_reported(tmp_path: Path):
    from deckgen.pipeline import build
    from tests.helpers import HEADER, write_project

    slides = (
        "  - kind: section\n"
        '    title: "China built {{ production.China.production_2023 | compact }}"\n'
    )
    path = write_project(tmp_path / "project", HEADER + slides)
    options = BuildOptions(out_dir=tmp_path / "out")
    build(path, options)
    assert not [f for f in check(path, options).findings if f.code == "NUM004"]
    csv = path.parent / "production.csv"
    csv.write_text(csv.read_text().replace("30160966", "33000000"))
    stale = [f for f in check(path, options).findings if f.code == "NUM004"]
    assert len(stale) == 1 and "30.2M" in stale[0].message and "33M" in stale[0].message


def test_select_and_ignore_take_codes_and_prefixes(tmp_path: Path):
    case = next(c for c in CASES if c.name == "NUM005")
    project, _ = _run(case, tmp_path)
    options = BuildOptions(out_dir=tmp_path / "out")
    only = check(project / "deck.yaml", options, select=["NUM"])
    assert {f.code[:3] for f in only.findings} == {"NUM"}
    none = check(project / "deck.yaml", options, select=["NUM"], ignore=["NUM005"])
    assert "NUM005" not in {f.code for f in none.findings}


@pytest.mark.parametrize(
    ("option", "code", "says"),
    [
        ("--select", "ED03", "did you mean 'ED003'?"),
        ("--ignore", "XYZ123", "the checks are A11Y001, "),
    ],
)
def test_a_code_that_names_no_check_is_an_error_not_an_empty_selection(
    tmp_path: Path, option: str, code: str, says: str
):
    # '--strict --select ED03' selected nothing and passed a deck that ED003 stops.
    from click.testing import CliRunner

    from deckgen.cli import cli

    case = next(c for c in CASES if c.name == "ED003")
    project, _ = _run(case, tmp_path)
    args = ["check", str(project / "deck.yaml"), "--strict", option, code]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert f"{code!r} names no check; {says}" in result.output
    assert "Traceback" not in result.output


def test_exit_codes(tmp_path: Path):
    from click.testing import CliRunner

    from deckgen.cli import cli

    case = next(c for c in CASES if c.name == "ED003")
    project, _ = _run(case, tmp_path)
    runner = CliRunner()
    args = ["check", str(project / "deck.yaml"), "--out", str(tmp_path / "out")]
    warned = runner.invoke(cli, [*args, "--select", "ED003"])
    assert warned.exit_code == 0 and "ED003 warning" in warned.output
    strict = runner.invoke(cli, [*args, "--select", "ED003", "--strict"])
    assert strict.exit_code == 1
    as_json = runner.invoke(cli, [*args, "--select", "ED003", "--format", "json"])
    import json

    assert json.loads(as_json.stdout)[0]["code"] == "ED003"  # a note goes to stderr
    broken = next(c for c in CASES if c.name == "BLD001")
    project2, _ = _run(broken, tmp_path / "b")
    assert runner.invoke(cli, ["check", str(project2 / "deck.yaml")]).exit_code == 2
    # A finding with a file and field and no slide says nothing more of where it is (it
    # printed 'deck:' between the field and the message).
    from tests.helpers import HEADER, write_project

    missing = write_project(tmp_path / "m", HEADER + "  - kind: title\n", {"x.csv": "a\n1\n"})
    failed = runner.invoke(cli, ["check", str(missing)])
    assert failed.exit_code == 2
    assert "deck.yaml:7: data.production.file: data file not found" in failed.output


def test_numbers_are_read_as_a_reader_reads_them():
    found = {
        n.text: (n.value, n.unit, n.percent)
        for n in numbers("$143.2B, 67% and 30.2 million in G20")
    }
    assert found == {"$143.2B": (143.2, 1e9, False), "67%": (67.0, 1.0, True),
                     "30.2 million": (30.2, 1e6, False)}  # fmt: skip


@pytest.mark.parametrize(
    ("text", "cell", "reads"),
    [("$10.0M", 9.95e6, True), ("$9.9M", 9.95e6, False), ("0.13", 0.125, True),
     ("0.12", 0.125, False), ("67%", 66.5, True), ("−2.3%", -2.25, False), ("10", 9.4, False),
     ("$143.2B", 143.2e9, True), ("1", float("nan"), False)],
)  # fmt: skip
def test_a_value_reads_as_a_number_rounded_as_the_charts_round_it(text, cell, reads):
    """Halves away from zero, from the value's shortest text: Python's round took 9.95 to
    9.9, and a title's '$10.0M' over a bar labelled '$10.0M' was said to be shown nowhere
    (NUM002; found by review)."""
    (number,) = numbers(text)
    assert number.matches(cell) is reads


def test_wcag_contrast():
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize(
    ("title", "verb"),
    [
        ("China built 32% of the world's vehicles", True),
        ("Exports to Asia grew 49% in 15 years", True),
        ("The U.S. is the second-largest producer", True),
        ("Vehicle production by country, 2023", False),
        ("Top ten ports", False),
        # A fundraising deck's findings (a first-hour user's titles were flagged).
        ("The South raised the most in 2023", True),
        ("Every region raised more in 2023 than in 2020", True),
        ("Online giving doubles as street collections halve", True),
        ("Money raised by region", True),  # a participle: the word list cannot tell
        # A public-health agency's card (found by a new user): 'put' is the verb.
        ("Flu put 7,620 people in hospital this season", True),
    ],
)
def test_a_finding_has_a_verb(title: str, verb: bool):
    assert has_verb(title) is verb


def test_the_readme_lists_every_check():
    from tests.helpers import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for code in [r.code for r in RULES] + list(BUILD_RULES):
        assert f"| `{code}` |" in readme, code


def test_near_twin_percentages_whose_labels_say_different_things_pass(tmp_path: Path):
    from tests.helpers import HEADER, write_project

    slides = (
        "  - kind: stats\n    title: The G20 builds 86% of the world's vehicles\n    items:\n"
        "      - {value: 85%, label: of the world's gross domestic product comes from the G20}\n"
        "      - {value: 86%, label: of the world's motor vehicles are produced in G20 countries}\n"
    )
    path = write_project(tmp_path / "p", HEADER + slides)
    report = check(path, BuildOptions(out_dir=tmp_path / "out"))
    assert "NUM005" not in {f.code for f in report.findings}


@pytest.mark.parametrize(
    ("title", "found"),
    [("The industry invested more than $32.8 billion", False),
     ("The industry invested nearly $32.8 billion", False),
     ("The industry invested over $32.8B in 2022", False),
     ("The industry invested ~$32.8 billion", False),
     ("The industry invested $32.8 billion", True),
     ("The industry's $32.8 billion, more than any other", True),
     ("The industry invested $32.9 billion", False),  # another figure: NUM002's concern
     ("About 93% comes from the industry, and $32.8B in all", True)],
)  # fmt: skip
def test_a_title_keeps_the_hedge_its_callout_has(tmp_path: Path, title: str, found: bool):
    from tests.helpers import HEADER, write_project

    slides = (
        f"  - kind: stats\n    title: {title}\n    items:\n"
        "      - {value: $32.8B, qualifier: More than, label: invested in R&D in 2022}\n"
    )
    path = write_project(tmp_path / "p", HEADER + slides)
    report = check(path, BuildOptions(out_dir=tmp_path / "out"))
    codes = [f.code for f in report.findings]
    assert ("NUM007" in codes) == found, [str(f) for f in report.findings]


@pytest.mark.parametrize("theme", sorted(p.name for p in (REPO / "themes").iterdir()))
def test_the_sample_passes_check_strict_in_every_theme(theme: str, tmp_path: Path):
    """What the check flags, the sample's layout and text already avoid: nothing to edit."""
    from click.testing import CliRunner

    from deckgen.cli import cli

    args = ["check", str(SAMPLE), "--theme", theme, "--strict", "-o", str(tmp_path / "out")]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output


def test_a_check_lays_out_no_scatter_figure(monkeypatch, tmp_path: Path):
    """Alt text is written after drawing (it says which scatter labels found no room), so
    a check, which draws nothing, never lays out the sample's port scatter: it would be the
    costliest part of a check."""
    from deckgen.kinds.charts.scatter import Scatter

    def drawn(self, job):
        raise AssertionError("a check laid out a scatter figure")

    monkeypatch.setattr(Scatter, "placed", drawn)
    report = check(SAMPLE, BuildOptions(out_dir=tmp_path / "out"))
    assert not [f for f in report.findings if f.severity == "error"], report.findings


def test_a_card_alt_text_naming_a_file_is_found_without_drawing(tmp_path: Path):
    """A card's alt text is written once it is drawn; a check reads what the outline
    wrote: the card's own `alt:`, or its chart's."""
    cards = """\
social:
  cards:
    - kind: chart
      name: by-chart
      title: China built the most vehicles in 2023
      presets: [ig-square]
      chart: {type: hbar, data: production, x: country, y: production_2023,
              alt: charts/final/production.png}
    - kind: stat
      name: by-card
      presets: [ig-square]
      value: 30.2M
      label: vehicles were built in China in 2023
      alt: IMG_0042
    - kind: stat
      name: fine
      presets: [ig-square]
      value: 30.2M
      label: vehicles were built in China in 2023
"""
    (tmp_path / "deck.yaml").write_text(CROWDED.split("social:")[0] + cards)
    (tmp_path / "production.csv").write_text(PRODUCTION_CSV)
    report = check(tmp_path / "deck.yaml", BuildOptions(out_dir=tmp_path / "out"))
    found = sorted((f.location.field, f.message.split(":")[0])
                   for f in report.findings if f.code == "A11Y001")  # fmt: skip
    assert found == [
        ("social.cards[0].chart.alt", "the alt text 'charts/final/production.png' names a file"),
        ("social.cards[1].alt", "the alt text 'IMG_0042' names a file"),
    ]
    # What check finds, the cards' build refuses, in the same words (`deckgen social`
    # posted them: found by fuzzing).
    from deckgen.errors import DeckgenError
    from deckgen.plan.cards import plan_cards
    from deckgen.tables.sources import load_tables
    from tests.helpers import load_outline, load_theme

    loaded = load_outline(tmp_path / "deck.yaml")
    with pytest.raises(DeckgenError) as refused:
        plan_cards(loaded, load_tables(loaded), load_theme("corporate"))
    problems = refused.value.problems
    assert sorted((p.location.field, p.message.split(":")[0]) for p in problems) == found


def test_the_readme_lists_every_rule_with_its_severity():
    """The README's table of checks is the rules' own list: a code, its severity (A11Y002
    and A11Y003 were listed as errors while they warn)."""
    import re

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    listed = dict(re.findall(r"^\| `([A-Z][A-Z0-9]+)` \| (error|warning) \|", readme, re.M))
    severities = {r.code: r.severity for r in RULES} | {c: "error" for c in BUILD_RULES}
    assert listed == severities


@pytest.mark.parametrize(
    ("names", "values", "found"),
    [
        (["North", "South", "West", "Total"], [40, 25, 15, 80], "Total"),
        (["China", "USA", "World"], [30.2, 10.6, 40.8], "World"),
        # Three categories can add up by chance: only a total's name says it is one.
        (["A", "B", "C"], [50, 20, 30], None),
        # Among five, a sum is no chance, whatever its name.
        (["A", "B", "C", "D", "E"], [10, 20, 30, 40, 100], "E"),
        (["A", "B", "Total"], [10, 20, 45], None),  # not the sum
        (["A", "B", "Total"], [-10, 20, 10], None),  # parts and totals are positive
        (["A", "B", "Total"], [10, None, 10], None),  # two values are no parts
    ],
)
def test_a_total_is_known_by_its_value_and_its_name_or_company(names, values, found):
    from deckgen.kinds.charts._totals import _total_among

    assert _total_among(names, values) == found


@pytest.mark.parametrize(
    ("csv", "locale", "found"),
    [("plant;units\nA;526.926\nB;412.310\n", None, True),
     ("plant,units\nA,526.926\nB,412.310\n", None, False),  # commas: a decimal point
     ("plant;units\nA;526.926\nB;3.5\n", None, False),  # another length: decimals
     ("plant;units\nA;0.125\nB;0.250\n", None, False),  # 0.125 is no thousand
     ("plant;units\nA;526\nB;412\n", None, False),
     # A German Google Sheet's CSV: commas between cells, points between thousands (its
     # title said 12 streams for 12,345; found in review).
     ('plant,units\nA,"526.926"\nB,"880"\n', "de_DE", True),
     ('plant,units\nA,"526.926"\nB,"880"\n', "en_GB", False)],
)  # fmt: skip
def test_num008_names_files_whose_points_may_separate_thousands(tmp_path, csv, locale, found):
    from tests.helpers import write_project

    deck = "{title: T}" if locale is None else f"{{title: T, locale: {locale}}}"
    outline = write_project(tmp_path / "p", f"""\
        deck: {deck}
        data: {{plants: {{file: plants.csv}}}}
        slides:
          - kind: chart
            title: Plant A builds the most
            chart: {{type: bar, data: plants, x: plant, y: units}}
        """, {"plants.csv": csv})  # fmt: skip
    report = check(outline, BuildOptions(out_dir=tmp_path / "out"), select=("NUM008",))
    assert bool(report.findings) == found, [str(f) for f in report.findings]
    # The build says it too: its reader may never run deckgen check (found in review).
    from deckgen.pipeline import build

    said = [w for w in build(outline, BuildOptions(out_dir=tmp_path / "out")).warnings
            if "(NUM008)" in w]  # fmt: skip
    assert [w.split(" (NUM008)")[0] for w in said] == [
        f"{f.location}: {f.message}" for f in report.findings]  # fmt: skip
    if found:
        # The fix the finding gives, taken, reads the points as thousands: nothing to say.
        assert 'add decimal: "," to data.plants' in report.findings[0].fix
        text = outline.read_text().replace("file: plants.csv", 'file: plants.csv, decimal: ","')
        outline.write_text(text)
        report = check(outline, BuildOptions(out_dir=tmp_path / "out"), select=("NUM008",))
        assert not report.findings


def test_a_card_finding_names_the_line_that_writes_the_card(tmp_path):
    """Card findings named the card's file alone: no file, line or field (found by
    fuzzing)."""
    from tests.helpers import HEADER, write_project

    outline = HEADER + (
        "  - kind: section\n    title: China builds the most\n"
        "social:\n  cards:\n"
        "    - {kind: chart, name: lonely, presets: [ig-square], title: Vehicle production,\n"
        "       chart: {type: bar, data: production, x: country, y: production_2023}}\n"
    )
    report = check(write_project(tmp_path / "p", outline), BuildOptions(out_dir=tmp_path / "o"),
                   select=("ED003",))  # fmt: skip
    (finding,) = report.findings
    assert finding.card == "lonely-ig-square.png"
    assert finding.location is not None and finding.location.line == 13
    assert finding.location.field == "social.cards[0].title"


@pytest.mark.parametrize(
    ("text", "found"),
    [("Sales rose in each of the last 18 months", False),
     ("Output has grown over 18 years in a row", False),
     ("A 18-month run of growth", False),
     ("Plants ran 18 straight quarters at full output", False),
     ("In the last 18 months, 30.2M were built", True)],  # the data's 30.2M is still said
)  # fmt: skip
def test_num001_leaves_a_span_of_time_alone(tmp_path: Path, text: str, found: bool):
    """'18' in 'the last 18 months' is the period a text covers, not a value typed by hand
    ('... is typed by hand, and the data has it' for a data file holding an 18), as NUM002
    and NUM003 read it."""
    from tests.helpers import HEADER, write_project

    csv = PRODUCTION_CSV + "Mexico,18,3500000\n"  # an 18 in the data
    slides = f"  - kind: statement\n    text: {text}\n"
    path = write_project(tmp_path / "p", HEADER + slides, {"production.csv": csv})
    report = check(path, BuildOptions(out_dir=tmp_path / "out"), select=["NUM001"])
    assert [f.message.split(" is typed")[0] for f in report.findings] == (
        ["'30.2M'"] if found else []), [str(f) for f in report.findings]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "found"),
    [("4.2 clean energy jobs per 1,000 residents", False),
     ("Deaths per 1,000 births fell", False),
     ("1,000 vehicles a day", True)],  # the data's 1,000 typed as a value
)  # fmt: skip
def test_num001_leaves_a_rate_s_base_alone(tmp_path: Path, text: str, found: bool):
    """'1,000' in 'per 1,000 residents' says how a rate is counted: 'typed by hand, and the
    data has it' was said of it for a data file holding a 1,000 (found by a new user)."""
    from tests.helpers import HEADER, write_project

    csv = PRODUCTION_CSV + "Mexico,1000,3500000\n"  # a 1,000 in the data
    slides = f"  - kind: statement\n    text: {text}\n"
    path = write_project(tmp_path / "p", HEADER + slides, {"production.csv": csv})
    report = check(path, BuildOptions(out_dir=tmp_path / "out"), select=["NUM001"])
    assert [f.message.split(" is typed")[0] for f in report.findings] == (
        ["'1,000'"] if found else []), [str(f) for f in report.findings]  # fmt: skip


def test_a_palette_colour_blind_readers_cannot_tell_apart_names_the_deficiency_in_words(
    tmp_path,
):
    """'look alike with deuterania' named no condition (found in review)."""
    import shutil

    from tests.helpers import REPO

    theme = tmp_path / "themes" / "pair"
    shutil.copytree(REPO / "themes" / "corporate", theme)
    text = (theme / "theme.yaml").read_text()
    (theme / "theme.yaml").write_text(text.replace(
        "  grid:", '  categorical: ["#C68900", "#D55E00"]\n  grid:'))  # fmt: skip
    (tmp_path / "d.csv").write_text("region,a,b\nNorth,5,6\nSouth,3,4\n")
    (tmp_path / "deck.yaml").write_text(
        "deck: {title: T, theme: pair}\ndata:\n  d: {file: d.csv}\nslides:\n  - kind: title\n"
    )
    report = check(tmp_path / "deck.yaml", BuildOptions(out_dir=tmp_path / "out"),
                   select=("A11Y004",))  # fmt: skip
    said = " ".join(f.message for f in report.findings)
    assert report.findings and "ania " not in said
    assert "to a reader with deuteranopia" in said


def test_ed001_leaves_a_measure_subtitle_said_on_two_slides_alone(tmp_path: Path):
    """Slides of one measure name it alike in their subtitles, as ED003's fix asks ('put
    the measure in the subtitle'): ED001 named the second as a copy-paste slip (found in
    review). A repeated body text is still one."""
    from tests.helpers import HEADER, write_project

    chart = "    chart: {type: bar, data: production, x: country, y: production_2023}\n"
    slides = (
        "  - kind: chart\n    title: China builds the most vehicles\n"
        "    subtitle: Vehicles produced, millions, 2023\n" + chart
        + "  - kind: chart\n    title: Japan builds fewer than it did\n"
        "    subtitle: Vehicles produced, millions, 2023\n" + chart
        + "  - kind: statement\n    text: Japan builds fewer than it did\n"
    )  # fmt: skip
    path = write_project(tmp_path / "p", HEADER + slides)
    report = check(path, BuildOptions(out_dir=tmp_path / "out"), select=["ED001"])
    assert [(f.slide, f.location.field if f.location else None) for f in report.findings] == [
        (3, "slides[2].text")
    ], [str(f) for f in report.findings]


#: A chart card of two sections, one with its source line and one without, rows of stats
#: sourced by the row, item by item, or not all, a stat with none, and a table long
#: enough to continue over two slides, with no source.
UNSOURCED = """\
deck: {title: T}
data:
  production: {file: production.csv}
  towns: {file: towns.csv}
slides:
  - kind: table
    title: Forty towns grew
    table: {data: towns, columns: [town, people]}
  - kind: chart
    title: China builds the most
    source: OICA
    chart: {type: hbar, data: production, x: country, y: production_2023}
social:
  cards:
    - kind: infographic
      name: facts
      title: Facts
      sections:
        - kind: chart
          title: China builds the most
          source: OICA
          chart: {type: hbar, data: production, x: country, y: production_2023}
        - kind: chart
          title: China built six times more than in 2004
          chart: {type: hbar, data: production, x: country, y: production_2004}
        - kind: stats
          title: Sourced by the row
          source: OICA
          items: [{value: "30M", label: China}, {value: "11M", label: USA}]
        - kind: stats
          title: Sourced item by item
          items:
            - {value: "30M", label: China, source: OICA}
            - {value: "11M", label: USA, source: OICA}
        - kind: stats
          title: One item unsourced, named once for the row
          items:
            - {value: "30M", label: China, source: OICA}
            - {value: "11M", label: USA}
            - {value: "9M", label: Japan}
        - kind: stat
          value: "93M"
          label: vehicles built worldwide
"""


def test_a_chart_or_table_without_a_source_line_is_named_once(tmp_path: Path):
    """ED005: a number whose source is nowhere cannot be checked or re-posted (review)."""
    (tmp_path / "deck.yaml").write_text(UNSOURCED)
    (tmp_path / "production.csv").write_text(PRODUCTION_CSV)
    towns = "".join(f"Town {k},{1000 + k}\n" for k in range(40))
    (tmp_path / "towns.csv").write_text("town,people\n" + towns)
    report = check(tmp_path / "deck.yaml", BuildOptions(out_dir=tmp_path / "out"),
                   select=("ED005",))  # fmt: skip
    found = [(f.location.field if f.location else None, f.where) for f in report.findings]
    assert found == [
        ("slides[0]", "slide 1"),  # one table, continued over slides: once
        ("social.cards[0].sections[1].chart", "card facts-long.png"),
        # Figures whose source is nowhere on the card: its Sources block left theirs out.
        ("social.cards[0].sections[4]", "card facts-long.png"),
        ("social.cards[0].sections[5]", "card facts-long.png"),
    ]


def test_a_slide_of_figures_or_a_stat_card_without_a_source_line_is_named(tmp_path: Path):
    """ED005 of the numbers a team reposts most: a stats slide and a stat card with no
    source said nowhere where their figures came from, and check passed them (found by a
    new user). A stat card shared from a sourced slide, and one with its own source, pass."""
    outline = """\
deck: {title: T}
data: {production: {file: production.csv}}
slides:
  - kind: stats
    title: China builds three in ten of the world's vehicles
    items: [{value: "30M", label: China}, {value: "11M", label: USA}]
  - kind: stats
    title: China builds three in ten of the world's vehicles
    source: OICA
    items: [{value: "30M", label: China}, {value: "11M", label: USA}]
    share: [linkedin]
social:
  cards:
    - {kind: stat, name: bare, value: "93M", label: vehicles built worldwide}
    - {kind: stat, name: sourced, value: "93M", label: vehicles built worldwide, source: OICA}
"""
    (tmp_path / "deck.yaml").write_text(outline)
    (tmp_path / "production.csv").write_text(PRODUCTION_CSV)
    report = check(tmp_path / "deck.yaml", BuildOptions(out_dir=tmp_path / "out"),
                   select=("ED005",))  # fmt: skip
    found = [(f.location.field if f.location else None, f.where, f.message)
             for f in report.findings]  # fmt: skip
    assert found == [
        ("slides[0]", "slide 1", "these figures say nowhere where they come from"),
        ("social.cards[0]", "card bare-ig-square.png",
         "this stat card's figure says nowhere where it comes from"),
    ]  # fmt: skip


HIDDEN = """\
deck: {title: T}
data: {t: {file: t.xlsx}}
slides:
  - kind: chart
    title: China builds the most vehicles
    source: OICA
    chart: {type: bar, data: t, x: country, y: value}
"""


def test_num012_names_rows_a_sheet_hides_as_the_build_warns(tmp_path: Path):
    """A hidden row that is no total ('Japan (old estimate)') was drawn as a bar, and the
    build warned of it; ``check --strict`` passed the outline with no word."""
    import openpyxl

    from deckgen.pipeline import build

    book = openpyxl.Workbook()
    book.active.title = "Data"
    for row in [["country", "value"], ["China", 30.2], ["USA", 10.6],
                ["Japan (old estimate)", 12.0], ["Japan", 9.0]]:  # fmt: skip
        book.active.append(row)
    book.active.row_dimensions[4].hidden = True
    book.save(tmp_path / "t.xlsx")
    (tmp_path / "deck.yaml").write_text(HIDDEN)
    report = check(tmp_path / "deck.yaml", BuildOptions(out_dir=tmp_path / "out"))
    (found,) = [f for f in report.findings if f.code == "NUM012"]
    assert report.exit_code(strict=True) == 1
    assert (found.location.file, found.location.line, found.location.field) == (
        str(tmp_path / "t.xlsx"), 4, "Data!A4")  # fmt: skip
    warned = build(tmp_path / "deck.yaml", BuildOptions(out_dir=tmp_path / "built")).warnings
    # The build's warning, in the same words: where, what, and the filter to write.
    assert f"{found.location}: {found.message}; {found.fix}" in warned
    assert "('Japan (old estimate)')" in found.message
    assert 'value: ["Japan (old estimate)"]' in found.fix
    # Leaving the row out as the fix says silences it.
    (tmp_path / "deck.yaml").write_text(HIDDEN.replace(
        "t: {file: t.xlsx}", 't: {file: t.xlsx, filter: [{column: country, op: "!=", '
        'value: "Japan (old estimate)"}]}'))  # fmt: skip
    report = check(tmp_path / "deck.yaml", BuildOptions(out_dir=tmp_path / "out"))
    assert "NUM012" not in {f.code for f in report.findings}, [str(f) for f in report.findings]


#: Source lines written for the test: a method after a semicolon or a sentence's end is
#: named, in a slide's item, on a card of its own once in all its presets, and in German;
#: the first part (the publisher's own title, 'seasonally adjusted') is not read, nor is
#: it split at an abbreviation's full stop ('U.S. Bureau').
METHODS = """\
deck: {title: T, organisation: Tests Inc}
data: {production: {file: production.csv}}
slides:
  - kind: stats
    title: China built 30.2 million vehicles in 2023
    source: U.S. Bureau of Economic Analysis, seasonally adjusted
    items:
      - {value: 30.2M, label: built in China, source: "OICA statistics. Totals rounded to 0.1M"}
      - {value: 10.6M, label: built in the U.S.}
social:
  cards:
    - kind: stat
      name: usa
      presets: [ig-square, x-post]
      value: 10.6M
      label: vehicles were built in the U.S. in 2023
      source: "Statistisches Bundesamt; Werte für 2023 geschätzt"
"""


def test_a_method_in_a_source_line_is_named_where_it_is_written(tmp_path: Path):
    (tmp_path / "deck.yaml").write_text(METHODS)
    (tmp_path / "production.csv").write_text(PRODUCTION_CSV)
    report = check(tmp_path / "deck.yaml", BuildOptions(out_dir=tmp_path / "out"))
    found = [f for f in report.findings if f.code == "ED006"]
    assert [(f.where, f.location.field) for f in found if f.location] == [
        ("slide 1", "slides[0].items[0].source"),
        ("card usa-ig-square.png", "social.cards[0].source"),
    ], [str(f) for f in found]
    assert "'Totals rounded to 0.1M'" in found[0].message
    assert "'note:'" in found[0].fix


def test_a_continued_table_is_judged_once_where_it_starts(tmp_path: Path):
    """A 50-row table over four slides had ED003 four times, quoting '(continued, 2/4)' the
    outline never wrote, and FIT003 four times (found by fuzzing)."""
    from deckgen.check import check
    from deckgen.pipeline import BuildOptions
    from tests.helpers import write_project

    rows = "id,v\n" + "".join(f"ID{k:03},{k}\n" for k in range(50))
    outline = """\
deck: {title: T, theme: corporate}
data:
  t: {file: t.csv}
slides:
  - kind: table
    title: Many rows of IDs in a table that continues
    source: Test data
    table: {data: t, columns: [id, v]}
"""
    path = write_project(tmp_path / "p", outline, {"t.csv": rows})
    found = check(path, BuildOptions(out_dir=tmp_path / "out"), select=["ED003", "FIT003"])
    assert sorted(f.code for f in found.findings) == ["ED003", "FIT003"]
    (fit,) = [f for f in found.findings if f.code == "FIT003"]
    assert fit.message.startswith("up to ") and fit.message.endswith("over 4 slides")
    assert all("continued" not in f.message for f in found.findings)


@pytest.mark.parametrize(
    ("text", "said"),
    [("Add screens at the 40 busiest stops", []),  # no 40: a 40,100 in thousands is not it
     ("Buy 38 new buses", []),
     ("Drivers worked 40.1 thousand hours on route 15", [
         "'40.1 thousand' is typed by hand, and the data has it: "
         "routes['15'].hours (40,100)"]),
     ("Route 15 carried 2,288,900 trips", [
         "'2,288,900' is typed by hand, and the data has it: routes['15'].trips (2,288,900)"])],
)  # fmt: skip
def test_num001_names_the_cell_and_reads_a_bare_count_in_its_own_unit(
    tmp_path: Path, text: str, said: list[str]
):
    """'40' in 'the 40 busiest stops' was said to be typed by hand where the data had
    it, a 40,100 read in thousands, and no finding named the cell to bind (found by a new
    user): a whole number written bare is read in its own unit, and a finding names the
    cell, as a template reads it."""
    from tests.helpers import HEADER, write_project

    header = HEADER.replace("production: {file: production.csv}", "routes: {file: routes.csv}")
    csv = "route,trips,hours\n15,2288900,40100\nBlue,5102300,38400\n"
    slides = f"  - kind: statement\n    text: {text}\n"
    path = write_project(tmp_path / "p", header + slides, {"routes.csv": csv})
    report = check(path, BuildOptions(out_dir=tmp_path / "out"), select=["NUM001"])
    assert [f.message for f in report.findings] == said


def test_num001_names_a_cell_of_long_data_by_a_template_that_binds(tmp_path: Path):
    """In long data (a row per year and measure), NUM001 named 'faculty['2022/23'].value',
    a row of several, and the template it suggested failed (found by a new user): the cell
    is named by a second column that tells its row apart, as a template reads it."""
    from deckgen.binding.bind import bind_outline
    from deckgen.tables.sources import load_tables
    from tests.helpers import HEADER, load_outline, write_project

    header = HEADER.replace("production: {file: production.csv}", "faculty: {file: f.csv}")
    csv = ("year,measure,value\n2022/23,Graduates,2885\n2022/23,Staff,412\n"
           "2023/24,Graduates,3010\n2023/24,Staff,431\n")  # fmt: skip
    slides = "  - kind: statement\n    text: Northmere had 2,885 graduates in 2022/23\n"
    path = write_project(tmp_path / "p", header + slides, {"f.csv": csv})
    (found,) = check(path, BuildOptions(out_dir=tmp_path / "out"), select=["NUM001"]).findings
    named = "faculty.where('year', '2022/23').where('measure', 'Graduates').one().value"
    assert found.message.endswith(f"the data has it: {named} (2,885)")
    bound = write_project(tmp_path / "b", header + slides.replace("2,885", f"{{{{ {named} }}}}"),
                          {"f.csv": csv})  # fmt: skip
    loaded = load_outline(bound)
    text = bind_outline(loaded, load_tables(loaded)).loaded.outline.slides[0].text
    assert text == "Northmere had 2885 graduates in 2022/23"


def test_a_publication_of_estimates_is_a_source_and_a_figure_estimated_is_a_method():
    """'county population estimates' was told to move to 'note:' and off the sources slide
    (found by a new user): the Census Bureau publishes population estimates; a figure
    'estimated from partial returns' says how it was made."""
    from deckgen.check.rules import _METHOD

    assert _METHOD.search("county population estimates (made-up data)") is None
    assert _METHOD.search("2023 totals estimated from partial returns") is not None


def test_a_number_typed_in_a_bound_title_is_not_said_to_be_computed(tmp_path: Path):
    """'adults under 50 lag at {{ ... }}': the 50 is an age's bound, no value; and a number
    the template does not write is typed, not 'computed for it' (found by a new user)."""
    from deckgen.check import check
    from deckgen.pipeline import BuildOptions
    from tests.helpers import write_project

    rows = "age,cover\n18 to 49,24\n50 to 64,39\n65 and over,68\n"
    outline = """\
deck: {title: T, theme: corporate}
data:
  a: {file: a.csv}
slides:
  - kind: chart
    title: TITLE
    source: Test data
    chart: {type: bar, data: a, x: age, y: cover, highlight: 18 to 49}
"""
    bound = "Adults under 50 lag at {{ a['18 to 49'].cover }}%, with TYPED"

    def said(title: str) -> list[str]:
        text = outline.replace("TITLE", f'"{title}"')
        path = write_project(tmp_path / str(len(list(tmp_path.iterdir()))), text, {"a.csv": rows})
        found = check(path, BuildOptions(out_dir=tmp_path / "out"), select=["NUM002"])
        return [f.message for f in found.findings]

    assert said(bound.replace(", with TYPED", "")) == []
    assert said(bound.replace("TYPED", "31 points behind")) == [
        "'31' in the title is in none of the chart's values"
    ]
    assert said("Adults under 50 lag at {{ a['18 to 49'].cover * 2 }}%") == [
        "'48%' in the title is computed for it, and the chart shows it nowhere"
    ]
