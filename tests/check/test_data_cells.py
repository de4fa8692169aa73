"""Findings about the data itself (a cell's characters, a column's numbers): named at the
cell, and under ``--for-each`` told once, naming the rows that hold the cell, not the rows
checked (one emoji in one row read "every row: data source 'rows', column 'label'", with
no file or line; found by fuzzing)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from click.testing import CliRunner

from deckgen.check import Finding, check
from deckgen.check.run import Batch
from deckgen.cli import cli
from deckgen.pipeline import BuildOptions, build
from tests.helpers import write_project

if TYPE_CHECKING:
    from pathlib import Path

#: A batch outline: one deck per row of `rows`, whose labels are drawn on a stats slide.
SHEET = """\
    deck: {title: "{{ row.name }}", organisation: Tests Inc}
    data:
      rows:
        file: rows.csv
        columns: {name: text, value: number, label: text}
    slides:
      - kind: title
      - kind: stats
        title: "{{ row.name }} rose to {{ row.value | number }}"
        source: Tests Inc
        items:
          - {value: "{{ row.value | number }}", label: "{{ row.label }}"}
    """


def _sheet(tmp_path: Path, rows: str) -> Path:
    return write_project(tmp_path / "p", SHEET, {"rows.csv": "name,value,label\n" + rows})


def _data_findings(findings: tuple[Finding, ...], code: str = "A11Y006") -> list[Finding]:
    """The findings of ``code`` about the data file (the outline's own are at deck.yaml)."""
    return [f for f in findings if f.code == code and "data source 'rows'" in f.message]


def _clean_rows_named(findings: tuple[Finding, ...], clean: list[str]) -> list[str]:
    return [str(f) for f in findings for key in clean if repr(key) in f.message]


def test_one_row_s_cell_is_one_finding_at_its_line_naming_that_row(tmp_path: Path):
    path = _sheet(tmp_path, "Alpha,10,plain growth\nBeta,11,steady growth\n"
                            "Gamma,9,🚗 growth\nDelta,12,more growth\n")  # fmt: skip
    report = check(path, BuildOptions(out_dir=tmp_path / "out"), rows=Batch("rows"))
    (cell,) = _data_findings(report.findings)
    assert cell.location is not None
    assert (cell.location.file, cell.location.line, cell.location.field) == (
        str(tmp_path / "p" / "rows.csv"), 4, "label")  # fmt: skip
    assert cell.message.startswith("row 'Gamma': data source 'rows', column 'label': no "
                                   "bundled font draws '🚗'")  # fmt: skip
    # The outline's label, bound in Gamma's deck, is Gamma's too; no finding names the others.
    assert not _clean_rows_named(report.findings, ["Alpha", "Beta", "Delta"])
    assert not [f for f in report.findings if "every row" in f.message]
    result = CliRunner().invoke(cli, ["check", str(path), "--out", str(tmp_path / "out"),
                                      "--for-each", "rows"])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "rows.csv:4: label: row 'Gamma': data source 'rows', column 'label'" in result.output
    assert "every row" not in result.output


def test_two_rows_cells_are_each_named_and_the_clean_rows_are_not(tmp_path: Path):
    """Beta and Delta hold characters no font draws; Gamma's value is missing, so its deck
    cannot be bound and linted (in the fuzzer's case the finding then named the rows that
    were linted: clean ones among them)."""
    path = _sheet(tmp_path, "Alpha,10,plain growth\nBeta,11,🚗 growth\nGamma,-,steady\n"
                            "Delta,12,🚀 growth\nEpsilon,13,more growth\n")  # fmt: skip
    report = check(path, BuildOptions(out_dir=tmp_path / "out"), rows=Batch("rows"))
    found = _data_findings(report.findings)
    assert [(f.location.line if f.location else None, f.message.split(": data")[0])
            for f in found] == [(3, "row 'Beta'"), (5, "row 'Delta'")]  # fmt: skip
    assert "'🚗'" in found[0].message and "'🚀'" in found[1].message
    assert not _clean_rows_named(tuple(found), ["Alpha", "Gamma", "Epsilon"])
    # Gamma is named only for its own problem: its missing value.
    assert {f.code for f in report.findings if "'Gamma'" in f.message} == {"BLD003"}


def test_one_text_in_two_rows_is_one_finding_at_the_first_naming_both(tmp_path: Path):
    path = _sheet(tmp_path, "Alpha,10,plain growth\nBeta,11,🚗 growth\nGamma,9,steady\n"
                            "Delta,12,🚗 growth\n")  # fmt: skip
    report = check(path, BuildOptions(out_dir=tmp_path / "out"), rows=Batch("rows"))
    (cell,) = _data_findings(report.findings)
    assert cell.location is not None and cell.location.line == 3
    assert cell.message.startswith("rows 'Beta', 'Delta': data source 'rows', column 'label' "
                                   "(also rows.csv:5): ")  # fmt: skip
    assert not _clean_rows_named(tuple(_data_findings(report.findings)), ["Alpha", "Gamma"])


def test_a_cell_of_a_row_not_checked_is_named_by_its_line_alone(tmp_path: Path):
    """--where leaves Gamma out: its cell is still in the data (a chart of the table would
    draw it), at its line, but no row checked holds it, so none is named."""
    path = _sheet(tmp_path, "Alpha,10,plain growth\nBeta,11,steady\nGamma,9,🚗 growth\n")
    report = check(path, BuildOptions(out_dir=tmp_path / "out"),
                   rows=Batch("rows", where=("name!=Gamma",)))  # fmt: skip
    (cell,) = _data_findings(report.findings)
    assert cell.location is not None and cell.location.line == 4
    assert cell.message.startswith("data source 'rows', column 'label': no bundled font")


def test_a_deck_s_data_cell_is_named_at_its_line(tmp_path: Path):
    """Without --for-each too: the cell's file and line, not the source's column alone."""
    path = write_project(tmp_path / "p", """\
        deck: {title: T}
        data: {t: {file: t.csv}}
        slides:
          - kind: chart
            title: Gamma leads the sites
            chart: {type: bar, data: t, x: name, y: v}
        """, {"t.csv": "name,v\nAlpha,1\nBeta,2\nGamma 🚗,3\n"})  # fmt: skip
    report = check(path, BuildOptions(out_dir=tmp_path / "out"))
    (cell,) = [f for f in report.findings if f.code == "A11Y006"]
    assert cell.location is not None and (cell.location.line, cell.location.field) == (4, "name")
    assert cell.message.startswith("data source 't', column 'name': no bundled font draws")


def test_a_column_name_s_finding_names_no_row(tmp_path: Path):
    path = write_project(tmp_path / "p", """\
        deck: {title: "{{ row.name }}", organisation: Tests Inc}
        data: {rows: {file: rows.csv}}
        slides:
          - kind: title
        """, {"rows.csv": "name,value,labél 🚗\nAlpha,10,a\nBeta,11,b\n"})  # fmt: skip
    report = check(path, BuildOptions(out_dir=tmp_path / "out"), rows=Batch("rows"))
    (header,) = _data_findings(report.findings)
    assert header.location is not None and header.location.field == "column 'labél 🚗'"
    assert header.message.startswith("data source 'rows', the name of column 'labél 🚗': ")


def test_a_semicolon_file_s_thousands_are_told_once_at_their_first_cell(tmp_path: Path):
    """NUM008 is about a column of the file: the same whichever row is checked, so it
    names no row (it read "every row"), and it names the first such number's line."""
    path = write_project(tmp_path / "p", SHEET, {
        "rows.csv": "name;value;label\nAlpha;10;526.926\nBeta;11;412.310\nGamma;9;98\n",
    })  # fmt: skip
    report = check(path, BuildOptions(out_dir=tmp_path / "out"), rows=Batch("rows"))
    (points,) = [f for f in report.findings if f.code == "NUM008"]
    assert points.message.startswith("'rows.csv' is separated by semicolons")
    assert "526.926 (rows.csv:2) is read as a decimal" in points.message


def test_a_table_made_from_another_is_not_said_again(tmp_path: Path):
    """A tweet's emoji was warned of twice, by the build and by check: once for the file's
    table and once for a table made from it by steps (found in review)."""
    path = write_project(tmp_path / "p", """\
        deck: {title: T}
        data:
          t: {file: t.csv}
          top: {from: t, steps: [{filter: {column: v, op: ">", value: 1}}]}
        slides:
          - kind: table
            title: Gamma leads the sites
            table: {data: top}
        """, {"t.csv": "name,v\nAlpha,1\nBeta,2\nGamma 🚗,3\n"})  # fmt: skip
    report = check(path, BuildOptions(out_dir=tmp_path / "out"))
    (cell,) = [f for f in report.findings if f.code == "A11Y006"]
    assert cell.message.startswith("data source 't', column 'name': no bundled font draws")
    result = build(path, BuildOptions(out_dir=tmp_path / "out"))
    assert len([w for w in result.warnings if "no bundled font draws" in w]) == 1
