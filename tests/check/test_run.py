"""``deckgen check`` on a batch outline: each row checked as ``deckgen batch`` binds it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from click.testing import CliRunner

from deckgen.check import check
from deckgen.check.run import Batch
from deckgen.cli import cli
from deckgen.pipeline import BuildOptions
from tests.test_batch import _project

if TYPE_CHECKING:
    from pathlib import Path


def test_a_batch_outline_checked_alone_says_to_check_it_for_each_row(tmp_path: Path):
    """Its templates read `row`, which only a batch binds: each such error's fix names
    `--for-each` (it once listed the data sources, as if `row` were a typo)."""
    report = check(_project(tmp_path), BuildOptions(out_dir=tmp_path / "out"))
    assert report.errors
    assert all("--for-each TABLE" in f.fix for f in report.errors)


def test_each_row_is_checked_and_one_template_s_finding_is_told_once(tmp_path: Path):
    """Twelve rows: 'Islands' has no sales figure, so its two templates that read it fail
    (its row named); the chart's title, a topic in every row, is one warning naming the
    rows, in the first row's words, not eleven."""
    path = _project(tmp_path)
    report = check(path, BuildOptions(out_dir=tmp_path / "out"), rows=Batch("regions"))
    assert [f.message.split(":")[0] for f in report.errors] == ["row 'Islands'"] * 2
    (topic,) = [f for f in report.warnings if f.code == "ED003"]
    assert topic.message.startswith("rows 'North', 'South', 'East' and 8 more: the title "
                                    "'North among all regions'")  # fmt: skip
    assert topic.location is not None and topic.location.line == 19
    kept = check(path, BuildOptions(out_dir=tmp_path / "out"),
                 rows=Batch("regions", where=("region!=Islands",)))  # fmt: skip
    assert not kept.errors
    assert [f.message.split(":")[0] for f in kept.warnings] == ["every row"]


def test_a_finding_whose_fix_is_in_each_row_s_words_is_told_once(tmp_path: Path):
    """Shares stored as fractions, written through '| percent' in every row: NUM009 was
    said once a row, its fix each row's ('... | percent' writes 10%', '... writes 7%'),
    22 times for 11 rows (found by a new user). Told once, naming the rows."""
    path = _project(tmp_path)
    csv = (tmp_path / "regions.csv").read_text().splitlines()
    fractions = [csv[0]] + [",".join([*line.split(",")[:2], str(int(line.split(",")[2]) / 100)])
                            for line in csv[1:] if not line.startswith("Islands")]  # fmt: skip
    (tmp_path / "regions.csv").write_text("\n".join(fractions) + "\n")
    report = check(path, BuildOptions(out_dir=tmp_path / "out"), rows=Batch("regions"))
    found = [f for f in report.warnings if f.code == "NUM009"]
    assert len(found) == 1, [str(f) for f in found]
    assert found[0].message.startswith("every row: ")
    assert "writes 10%" in (found[0].fix or "")  # the first row's words


def test_the_command_takes_batch_s_row_options_and_refuses_them_alone(tmp_path: Path):
    path = _project(tmp_path)
    runner = CliRunner()
    out = ["--out", str(tmp_path / "out")]
    result = runner.invoke(cli, ["check", str(path), *out, "--for-each", "regions",
                                 "--where", "region!=Islands", "--strict"])  # fmt: skip
    assert result.exit_code == 1, result.output  # the one warning, under --strict
    assert "every row: the title" in result.output
    result = runner.invoke(cli, ["check", str(path), *out, "--for-each", "regionz"])
    assert result.exit_code == 2
    assert "no data source 'regionz'" in result.output and "did you mean 'regions'" in result.output
    result = runner.invoke(cli, ["check", str(path), *out, "--key", "region"])
    assert result.exit_code == 2 and "add it" in result.output


def test_a_validator_s_fix_is_on_the_fix_line(tmp_path: Path):
    """A schema validator says what is wrong, then what to do, after a '; ': the check
    puts the second on the fix line (it printed "fix the outline field" under both)."""
    import shutil

    from tests.helpers import REPO

    case = REPO / "tests" / "bad_inputs" / "arrow_three_series"
    shutil.copytree(case, tmp_path / "case")
    report = check(tmp_path / "case" / "deck.yaml", BuildOptions(out_dir=tmp_path / "out"))
    (finding,) = [f for f in report.errors if f.code == "BLD001"]
    assert finding.message.endswith("but y names 3 columns")
    assert finding.fix == "name exactly two, or use a dot chart for more"


def test_a_theme_value_of_the_wrong_size_says_what_to_write(tmp_path: Path):
    import shutil

    from tests.helpers import REPO

    shutil.copytree(REPO / "tests" / "bad_inputs" / "theme_size_not_finite", tmp_path / "case")
    (tmp_path / "case" / "production.csv").write_text("country,v\nA,1\n")
    report = check(tmp_path / "case" / "deck.yaml", BuildOptions(out_dir=tmp_path / "out"))
    fixes = {f.location.field: f.fix for f in report.errors if f.code == "BLD004" and f.location}
    assert fixes["sizes.title"] == "write a font size in points above 0 and at most 400, such as 14"


def test_findings_alike_but_for_their_row_are_printed_five_times_and_counted(tmp_path: Path):
    """A column empty in 25 rows: ten problems name a row each and one counts them all
    (a sheet with one cell at row 1,048,576 made a million, 380 MB printed)."""
    from tests.helpers import write_project

    rows = "".join(f",{n}\n" for n in range(25))
    outline = write_project(tmp_path / "p", """\
        deck: {title: T}
        data: {t: {file: t.csv}}
        slides:
          - kind: chart
            title: The rows are unnamed
            chart: {type: bar, data: t, x: name, y: v}
        """, {"t.csv": "name,v\n" + rows})  # fmt: skip
    report = check(outline, BuildOptions(out_dir=tmp_path / "out"))
    assert len(report.errors) == 11
    first, *named = report.errors
    assert first.message == ("the category column 'name' (the chart's x) is empty in 25 rows: "
                             f"the first 10 are named one by one, the last is {tmp_path}/p/"
                             "t.csv:26: name")  # fmt: skip
    assert [f.location.line for f in named] == list(range(2, 12))
    shown = report.shown()
    assert [more for _, more in shown] == [0, 0, 0, 0, 0, 5]
    result = CliRunner().invoke(cli, ["check", str(outline), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.output.count("is empty in this row") == 5
    assert "  ... and 5 more findings like it elsewhere\n11 errors, 0 warnings\n" in result.output
    as_json = CliRunner().invoke(cli, ["check", str(outline), "--format", "json"])
    import json

    assert [f["more_like_it"] for f in json.loads(as_json.output)] == [0, 0, 0, 0, 0, 5]


def test_a_card_in_several_presets_is_one_finding_naming_them(tmp_path):
    """NUM011 and ED003 found one card in each of its three presets: three findings each,
    alike but for the card file (and the rows each size shows). One each, naming the
    presets; the preview still finds it on every card file."""
    from tests.helpers import write_project
    from tests.test_pipeline import SHARES_CARD, SHARES_CSV

    outline = write_project(tmp_path / "p", SHARES_CARD.replace(
        "og, x-post, ig-square, linkedin", "og, x-post, ig-square").replace(
        "moved little", "and their changes"), {"shares.csv": SHARES_CSV})  # fmt: skip
    report = check(outline, BuildOptions(out_dir=tmp_path / "out"), select=["NUM011", "ED003"])
    assert [(f.code, f.where) for f in report.findings] == [
        ("NUM011", "card shares (og, x-post and ig-square; as in og, the others alike)"),
        ("ED003", "card shares (og, x-post and ig-square)"),
    ]
    assert report.findings[0].as_dict()["presets"] == ["og", "x-post", "ig-square"]
    assert len(report.for_card("shares-x-post.png")) == 2


def test_a_card_without_a_source_or_with_code_named_series_is_one_finding_naming_its_presets(
    tmp_path,
):
    """ED004 and ED005 found a card in three presets once, naming only the first preset's
    file ('card revenue-og.png'), as if the other two were fine (found in review): they
    name the presets, as the check's other findings of a card in several do."""
    from tests.helpers import write_project

    outline = write_project(tmp_path / "p", """\
        deck: {title: Revenue}
        data: {t: {file: t.csv}}
        slides:
          - kind: title
        social:
          cards:
            - kind: chart
              name: revenue
              presets: [og, x-post, ig-square]
              title: Revenue rose to $170.4M in FY2025
              chart: {type: line, data: t, x: fiscal_year, y: [total_musd, perResident]}
        """, {"t.csv": "fiscal_year,total_musd,perResident\nFY2023,158.2,1204\n"
                       "FY2024,161.9,1221\nFY2025,170.4,1260\n"})  # fmt: skip
    report = check(outline, BuildOptions(out_dir=tmp_path / "out"), select=["ED004", "ED005"])
    assert [(f.code, f.where) for f in report.findings] == [
        ("ED004", "card revenue (og, x-post and ig-square)"),
        ("ED005", "card revenue (og, x-post and ig-square)"),
    ]
    assert all(len(report.for_card(f"revenue-{p}.png")) == 2 for p in ("og", "ig-square"))


def test_text_that_does_not_fit_at_a_theme_s_larger_sizes_names_them_as_a_build_does(
    tmp_path: Path,
):
    # The build named the theme's larger sizes beside the slide that did not fit; check
    # left it out (found by fuzzing).
    import shutil

    from tests.helpers import REPO, write_project

    theme = tmp_path / "p" / "themes" / "big"
    shutil.copytree(REPO / "themes" / "corporate", theme)
    text = (theme / "theme.yaml").read_text(encoding="utf-8")
    (theme / "theme.yaml").write_text(text + "\nsizes: {body: 72}\n", encoding="utf-8")
    outline = write_project(tmp_path / "p", """\
        deck: {title: T, theme: big}
        slides:
          - kind: bullets
            title: Three things changed
            items: [One thing changed a lot in twenty years, Another thing changed too,
                    And a third thing changed as well, A fourth]
        """, {})  # fmt: skip
    report = check(outline, BuildOptions(out_dir=tmp_path / "out"))
    messages = [f.message for f in report.errors if f.code == "FIT001"]
    assert any("the bullets do not fit the slide" in m for m in messages), messages
    assert any("does not fit at this theme's larger sizes: sizes.body: 72" in m for m in messages)


def test_each_error_s_fix_says_what_to_do_not_which_file_to_fix(tmp_path):
    """A data step's window of 0, a filter step that keeps no row and a table's sort by a
    column the data lacks each had the check's stock fix, 'fix the file the outline names
    (its path, or the value the message shows)' (found by fuzzing)."""
    from tests.helpers import write_project

    data = "data:\n  g: {file: e.csv}\n  d:\n    from: g\n    steps:\n      - STEP\n"
    table = "  - {kind: table, title: Coal fell, table: {data: g, columns: [year, twh], SORT}}\n"
    cases = {
        "rolling: {column: twh, window: 0}": ("", "write a number of at least 1"),
        'filter: {column: twh, op: ">", value: 1000}': ("", "check the step's value against"),
        "filter: {column: twh, op: '>', value: 1}": (
            "sort: {by: nope}",
            "name one of the columns listed",
        ),
    }
    for step, (sort, fix) in cases.items():
        text = ("deck: {title: T}\n" + data.replace("STEP", step) + "slides:\n"
                + table.replace(", SORT", f", {sort}" if sort else ""))  # fmt: skip
        root = tmp_path / str(len(list(tmp_path.iterdir())))
        path = write_project(root, text, {"e.csv": "year,twh\n2019,100\n2023,60\n"})
        [finding] = check(path, BuildOptions(out_dir=root / "out")).findings
        assert finding.fix.startswith(fix), (step, finding)


def test_a_check_for_each_does_the_theme_s_and_the_data_s_work_once(tmp_path, monkeypatch):
    """Each row simulated the theme's palette for colour-blind readers again, read every
    cell of the column its percentage came from again, and every cell of every source for
    a number typed by hand where none was: 26 ms a row, a minute for 2,000 rows, printing
    nothing (fuzzing round 5, F13). Each is done once for the check (the last not at all);
    each row checked is told to ``on_row``, which the command's progress bar counts."""
    from deckgen.check import rules

    judged: list[str] = []
    real = rules._all_fractions
    monkeypatch.setattr(rules, "_all_fractions", lambda t, c: judged.append(c) or real(t, c))
    read_all: list[object] = []
    monkeypatch.setattr(rules, "_data_values", lambda ctx: read_all.append(ctx) or [])
    rules._alike_to_cvd.cache_clear()
    told: list[tuple[int, int, str]] = []
    report = check(_project(tmp_path), BuildOptions(out_dir=tmp_path / "out"),
                   rows=Batch("regions", where=("region!=Islands",)),
                   on_row=lambda done, total, row: told.append((done, total, row.key)))  # fmt: skip
    assert not report.errors
    assert judged == ["share"]  # '{{ row.share | percent }}', once for the eleven rows
    assert rules._alike_to_cvd.cache_info().misses == 1
    assert read_all == []  # no text has a number typed by hand
    assert [t[0] for t in told] == list(range(1, 12)) and {t[1] for t in told} == {11}
    assert (told[0][2], told[-1][2]) == ("North", "Metro")


def test_a_message_is_not_cut_at_a_semicolon_inside_a_quoted_name():
    """CBS' table 'Bevolkingsontwikkeling; levend geborenen, ...' was cut at its '; ', the
    second half printed as the fix (found in review); a message's own last '; ' still
    starts its fix."""
    from deckgen.check.run import _said_fix

    named = "its columns are 'Bevolkingsontwikkeling; levend geborenen' and 'Perioden'"
    assert _said_fix(named) == (named, None)
    assert _said_fix(f"{named}; name the column") == (named, "name the column")
    assert _said_fix("the chart's y names 3 columns; name two") == (
        "the chart's y names 3 columns",
        "name two",
    )
    # Nor inside brackets: a preset's fix was cut to 'platforms reject larger images)'.
    fix = "the width must be 600 to 4096 px (narrower, blurred; larger, refused)"
    said = "custom size '1080x0' is out of range"
    assert _said_fix(f"{said}; {fix}") == (said, fix)


def test_a_batch_outline_built_alone_is_one_error_naming_its_templates(tmp_path: Path):
    """A preview of a batch outline printed an error for each template reading `row` (found
    by a new user): one, at the first, naming the fields, with the commands that bind it."""
    from deckgen.errors import DeckgenError
    from deckgen.pipeline import build

    path = _project(tmp_path)
    try:
        build(path, BuildOptions(out_dir=tmp_path / "out"))
    except DeckgenError as exc:
        problems = exc.problems
    else:
        raise AssertionError("a batch outline built alone")
    (one,) = problems
    assert one.message.startswith("6 templates read 'row', which only a batch binds "
                                  "(deck.title, slides[0].title, slides[0].items[0].value and "
                                  "3 more)")  # fmt: skip
    assert one.hint is not None
    assert "deckgen preview OUTLINE --for-each TABLE --where COLUMN=VALUE" in one.hint
