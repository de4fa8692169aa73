"""ED002 and the build agree on a chart's names: check warns where the picture leaves
names out or ends them with '…', quoting what it draws, and says nothing where the slide
names every category whole (fuzz-J/4, fuzz-J/5)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from click.testing import CliRunner

from deckgen.check import check
from deckgen.cli import cli
from deckgen.pipeline import BuildOptions, build
from tests.helpers import write_project

if TYPE_CHECKING:
    from pathlib import Path

#: Four bars, two of them with names too long to show whole under a column.
LONG = "Antidisestablishmentarianism Incorporated International Holdings Group Limited " \
    "Partnership of the Northern Territories"  # fmt: skip
FOUR = f"name,value\n{LONG},40\nPneumonoultramicroscopicsilicovolcanoconiosis Research,30\n" \
    "Short,20\nOther,10\n"  # fmt: skip


def _chart(tmp_path: Path, chart: str, csv: str, title: str = "The first row leads") -> Path:
    outline = f"""\
deck: {{title: T}}
data: {{t: {{file: t.csv}}}}
slides:
  - kind: chart
    title: {title}
    source: Made up
    chart: {chart}
"""
    return write_project(tmp_path, outline, {"t.csv": csv})


def test_a_ranking_the_slide_names_whole_is_not_reported(tmp_path: Path):
    """24 rows of horizontal bars: the slide names them all (at the theme's minimum size),
    and the build says nothing; check warned 'room to label about 11; keep the top 11',
    estimating the room as for a card."""
    rows = "".join(f"Row number {i},{100 - i}\n" for i in range(24))
    path = _chart(tmp_path / "p", "{type: hbar, data: t, x: name, y: value}", "name,value\n" + rows)
    result = build(path, BuildOptions(out_dir=tmp_path / "out"))
    assert not [w for w in result.warnings if "slides[0]" in w], result.warnings
    report = check(path, BuildOptions(out_dir=tmp_path / "out2"), select=["ED002"])
    assert not report.findings, [str(f) for f in report.findings]


def test_names_ended_with_an_ellipsis_are_a_finding_quoting_what_is_drawn(tmp_path: Path):
    """The build warns of names it ends with '…'; check said nothing of them (no code, so
    not in JSON or the gallery), and told 'keep the top 2' of four bars whose names were
    too long. Now the finding quotes the name as the chart draws it, names the bars left
    with no name, and says to shorten the names."""
    chart = f'{{type: bar, data: t, x: name, y: value, highlight: "{LONG}"}}'
    path = _chart(tmp_path / "p", chart, FOUR, "The partnership leads the four groups")
    result = build(path, BuildOptions(out_dir=tmp_path / "out"))
    assert any("too long to show whole" in w for w in result.warnings), result.warnings
    report = check(path, BuildOptions(out_dir=tmp_path / "out2"), select=["ED002"])
    (found,) = report.findings
    assert found.slide == 1
    assert "1 name too long to show whole, so ended with '…' on the chart: " \
        "'Antidisestablishmentarianism…'" in found.message  # fmt: skip
    assert "2 of its 4 categories have no name on the chart" in found.message
    assert "'Short'" in found.message
    assert found.fix.startswith("shorten the names in the data")
    assert "keep the top" not in found.fix
    assert "turn the bars sideways" in found.fix
    # In JSON for CI too, as every finding is.
    out = CliRunner().invoke(cli, ["check", str(path), "--format", "json", "--select", "ED002",
                                   "-o", str(tmp_path / "out3")])  # fmt: skip
    assert [f["code"] for f in json.loads(out.stdout)] == ["ED002"]


def test_names_thinned_for_their_number_keep_the_top_fix(tmp_path: Path):
    """Forty names under columns show every k-th, none cut: the finding counts those with
    no name (not 'names ended with …', which the build's list of shortened names, cut
    while trying a layout, would say) and offers fewer categories."""
    rows = "".join(f"Region with a long name {i},{100 + i}\n" for i in range(40))
    path = _chart(tmp_path / "p", "{type: bar, data: t, x: name, y: value}", "name,value\n" + rows)
    report = check(path, BuildOptions(out_dir=tmp_path / "out"), select=["ED002"])
    (found,) = report.findings
    assert "of its 40 categories have no name on the chart" in found.message
    assert "'…'" not in found.message
    assert "keep the top" in found.fix and "shorten the names" in found.fix


def test_short_names_that_fit_are_not_drawn_to_see(monkeypatch, tmp_path: Path):
    """A chart whose names plainly fit is not drawn: a check stays a fraction of a build."""
    import deckgen.check.rules as rules

    def drawn(job):
        raise AssertionError("a chart whose names fit was drawn")

    # A guard, not a fix: a check drew no chart before names were drawn to see.
    monkeypatch.setattr(rules, "_draw_names", drawn, raising=False)
    csv = "name,value\nNorth,4\nSouth,3\nEast,2\nWest,1\n"
    path = _chart(tmp_path / "p", "{type: bar, data: t, x: name, y: value}", csv)
    report = check(path, BuildOptions(out_dir=tmp_path / "out"), select=["ED002"])
    assert not report.findings


#: A city's revenue by fiscal year, its columns named as a database names them.
REVENUE = "fiscal_year,total_musd,perResident\nFY2023,158.2,1204\nFY2024,161.9,1221\n" \
    "FY2025,170.4,1260\n"  # fmt: skip


def test_a_series_named_by_its_code_like_column_is_a_finding_with_labels_to_write(
    tmp_path: Path,
):
    """A line's end label read 'total_musd  170.4' on the slide and its card, and check said
    nothing (found in review): ED004 names the columns the picture draws, once for the
    slide and its card, and writes the series_labels to add."""
    chart = "{type: line, data: t, x: fiscal_year, y: [total_musd, perResident]}"
    path = _chart(tmp_path / "p", chart, REVENUE, "Revenue rose to $170.4M in FY2025")
    text = path.read_text().replace("    source: Made up\n", "    source: Made up\n"
                                    "    share: [x-post]\n")  # fmt: skip
    path.write_text(text)
    report = check(path, BuildOptions(out_dir=tmp_path / "out"), select=["ED004"])
    (found,) = report.findings
    assert found.location is not None and found.location.line == 4 and found.slide == 1
    assert found.message == "the chart names 'total_musd', 'perResident' as the data's column " \
        "are named"  # fmt: skip
    assert "series_labels: {total_musd: 'Total musd', perResident: 'Per resident'}" in found.fix


def test_named_series_plain_columns_and_unnamed_series_are_not_findings(tmp_path: Path):
    labelled = ("{type: line, data: t, x: fiscal_year, y: [total_musd],"
                " series_labels: {total_musd: Revenue}}")  # fmt: skip
    plain = "{type: line, data: t, x: fiscal_year, y: [revenue]}"
    # A bar chart of one series draws no series name: its column's name is never seen.
    bars = "{type: bar, data: t, x: fiscal_year, y: total_musd}"
    csv = REVENUE.replace("perResident", "revenue")
    for n, chart in enumerate((labelled, plain, bars)):
        path = _chart(tmp_path / str(n), chart, csv, "Revenue rose to $170.4M in FY2025")
        report = check(path, BuildOptions(out_dir=tmp_path / f"out{n}"), select=["ED004"])
        assert not report.findings, (chart, [str(f) for f in report.findings])


def test_a_card_or_an_infographic_section_naming_a_code_like_column_is_a_finding(
    tmp_path: Path,
):
    """A card writes a line's name above its value ('total_musd\\n170.4'), and an
    infographic's charts were not read at all: a slide's was the only finding (fuzz-Q/1).
    Each card's chart is now named at its own field."""
    outline = """\
deck: {title: T}
data: {t: {file: t.csv}}
slides:
  - kind: statement
    text: Revenue rose three years running.
social:
  cards:
    - kind: infographic
      title: Our year in numbers
      sections:
        - {kind: text, text: Revenue rose three years running.}
        - kind: chart
          title: Revenue rose to $170.4M in FY2025
          chart: {type: line, data: t, x: fiscal_year, y: total_musd}
    - kind: chart
      name: revenue
      presets: [ig-square]
      title: Revenue rose to $170.4M in FY2025
      chart: {type: line, data: t, x: fiscal_year, y: total_musd}
"""
    path = write_project(tmp_path / "p", outline, {"t.csv": REVENUE})
    report = check(path, BuildOptions(out_dir=tmp_path / "out"), select=["ED004"])
    found = sorted((f.card, f.location.line, f.location.field) for f in report.findings
                   if f.location is not None)  # fmt: skip
    assert found == [
        ("our-year-in-numbers-long.png", 14, "social.cards[0].sections[1].chart"),
        ("revenue-ig-square.png", 19, "social.cards[1].chart"),
    ], [str(f) for f in report.findings]
    assert all("'total_musd'" in f.message for f in report.findings)


#: Eleven points (made up): ten terminals drawn over one another, one far away.
PILE = "name,cargo,growth\n" + "".join(
    f"{tree} Harbour Terminal,{10 + 0.13 * k:.2f},{5 + 0.11 * (k % 4):.2f}\n"
    for k, tree in enumerate(["Alder", "Birch", "Cedar", "Dogwood", "Elm", "Fir", "Ginkgo",
                              "Hazel", "Ilex", "Juniper"])
) + "Far Away,60,80\n"  # fmt: skip


def test_point_names_a_scatter_has_no_room_for_are_a_finding_as_the_build_warns(tmp_path: Path):
    """Points drawn over one another leave names no room, on a leader line either: the
    build names them (it said nothing of names 'labels: auto' adds, found by review) and
    check, whose estimate of names by their count passed the ten points, says the same."""
    chart = "{type: scatter, data: t, x: cargo, y: growth, name: name}"
    path = _chart(tmp_path / "p", chart, PILE, "Ten terminals sit together")
    result = build(path, BuildOptions(out_dir=tmp_path / "out"))
    (warning,) = [w for w in result.warnings if "left out for lack of room" in w]
    report = check(path, BuildOptions(out_dir=tmp_path / "out2"), select=["ED002"])
    (finding,) = report.findings
    said = warning.split("slides[0]: ", 1)[1].partition("; ")[0]
    assert finding.message.endswith(said)
    assert "Juniper Harbour Terminal" in said or "Alder Harbour Terminal" in said


#: Three made-up sales channels within a point or two of each other every month: no spot
#: near Store's February point is free of the other lines.
CLOSE = "month,Online,Store,Phone\n2024-01,50,51,49\n2024-02,52,51.5,50\n" \
    "2024-03,53,52,51\n2024-04,54,53,52\n"  # fmt: skip


def test_a_note_the_build_leaves_out_is_a_finding_in_the_build_s_words(tmp_path: Path):
    """The build warned that a note had no spot that reads as its series', and check
    found nothing: it drew only charts whose names might crowd. A chart with notes or a
    reference line is drawn too, and what it leaves out is said as the build says it."""
    note = "A very long note about the new store layout that opened mid-month"
    chart = ("{type: line, data: t, x: month, y: [Online, Store, Phone], highlight: Online, "
             f'annotations: [{{at: "2024-02", series: Store, text: "{note}"}}]}}')  # fmt: skip
    path = _chart(tmp_path / "p", chart, CLOSE, "Online sales overtook the store in February")
    result = build(path, BuildOptions(out_dir=tmp_path / "out"))
    (warning,) = [w for w in result.warnings if f"the note {note!r}" in w]
    report = check(path, BuildOptions(out_dir=tmp_path / "out2"), select=["ED002"])
    (finding,) = report.findings
    assert f"the note {note!r} at '2024-02' on 'Store' is left out" in finding.message
    assert finding.message in warning


def test_fixes_of_several_notes_are_each_said_once():
    """Two notes of a stacked chart, 'give the chart more room, or write ...' and 'give the
    chart more room, show fewer columns with 'top:', or write ...', were said as 'give the
    chart more room, write ..., or give the chart more room, show fewer columns' (found by
    a new user): their fixes are split at every comma and 'or' outside quotes and brackets,
    and each said once."""
    from deckgen.check.rules import _alternatives, _DrawnNames

    assert _alternatives("give the chart more room, show fewer columns with 'top:', or write "
                         "'value_labels: false' for a value axis") == [
        "give the chart more room", "show fewer columns with 'top:'",
        "write 'value_labels: false' for a value axis"]  # fmt: skip
    assert _alternatives("give the chart more room (a shorter title, no subtitle)") == [
        "give the chart more room (a shorter title, no subtitle)"]  # fmt: skip
    assert _alternatives("shorten the chart's names or use 'top: 5', 'a, b'") == [
        "shorten the chart's names", "use 'top: 5'", "'a, b'"]  # fmt: skip
    drawn = _DrawnNames(categories=("a", "b"), named=None, cut=(), columns=True, left=(
        "the values of Solar are not written; give the chart more room, or write "
        "'value_labels: false' for a value axis",
        "18 segment values are not written; give the chart more room, show fewer columns "
        "with 'top:', or write 'value_labels: false' for a value axis"))  # fmt: skip
    said = drawn.said()
    assert said is not None
    assert said[1] == ("give the chart more room, write 'value_labels: false' for a value "
                       "axis, or show fewer columns with 'top:'")  # fmt: skip
