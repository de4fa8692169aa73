"""NUM004 with the last build's folder: a value the deck on disk shows, in a bound text, a
chart or a table, that the data now gives otherwise (fuzz-J/7)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from deckgen.check import check
from deckgen.pipeline import BuildOptions, build
from tests.helpers import HEADER, write_project

if TYPE_CHECKING:
    from pathlib import Path

    import pytest

#: A chart and a table of 2023's production, no template: only their cells show it.
SLIDES = """\
  - kind: chart
    title: China built the most vehicles in 2023
    chart: {type: bar, data: production, x: country, y: production_2023}
  - kind: table
    title: China built the most vehicles in 2023
    table:
      data: production
      columns:
        - {column: country}
        - {column: production_2023}
"""


def test_a_number_only_a_chart_and_a_table_show_is_stale_after_a_data_edit(tmp_path: Path):
    """'No problems found' was said of a deck whose chart and table still showed Japan's
    old figure: only bound texts were compared with the data."""
    path = write_project(tmp_path / "p", HEADER + SLIDES)
    options = BuildOptions(out_dir=tmp_path / "out")
    build(path, options)
    assert not check(path, options, select=["NUM004"]).findings
    csv = path.parent / "production.csv"
    csv.write_text(csv.read_text().replace("8997440", "9500000"))
    stale = check(path, options, select=["NUM004"]).findings
    assert [(f.slide, f.location.field if f.location else None) for f in stale] == [
        (1, "slides[0]"), (2, "slides[1]")]  # fmt: skip
    chart, table = stale
    assert chart.message == ("the last build's slide 1 chart shows 8,997,440 for Japan, "
                             "production_2023; the data now gives 9,500,000")  # fmt: skip
    # A table's cells as the data has them (here text: the column declares no type).
    assert table.message == ("the last build's slide 2 table shows 8997440 for Japan, "
                             "production_2023; the data now gives 9500000")  # fmt: skip
    assert all(f.fix.startswith("build again") for f in stale)
    # Built again, the deck follows the data: nothing is stale.
    build(path, options)
    assert not check(path, options, select=["NUM004"]).findings


def test_a_missing_value_is_not_stale(tmp_path: Path):
    """Australia's 2023 figure is missing ('-'): a gap, the same in the deck and the data,
    is no change of value."""
    path = write_project(tmp_path / "p", HEADER + SLIDES)
    options = BuildOptions(out_dir=tmp_path / "out")
    build(path, options)
    assert "Australia,411406,-" in (path.parent / "production.csv").read_text()
    assert not check(path, options, select=["NUM004"]).findings


def test_a_share_a_title_and_its_card_show_is_not_stale_right_after_a_build(tmp_path: Path):
    """A title read a share step's cell (1/7 x 100) and its chart showed it on a card:
    the card's reads held 14.285714285714286 and 14.2857142857 (12 digits, as the manifest
    keeps a chart's), and check said '14.2857 ... the data now gives 14.2857' after every
    build (found in review)."""
    path = write_project(tmp_path / "p", """\
deck: {title: t}
data:
  t: {file: t.csv}
  s:
    from: t
    steps:
      - share: {column: v, as: share}
slides:
  - kind: chart
    title: "A took {{ s.A.share | percent }} of the total"
    chart: {type: bar, data: s, x: k, y: share, format: percent:0}
    share: [ig-square]
""", {"t.csv": "k,v\nA,1\nB,2\nC,4\n"})  # fmt: skip
    options = BuildOptions(out_dir=tmp_path / "out")
    build(path, options)
    assert not check(path, options, select=["NUM004"]).findings
    (path.parent / "t.csv").write_text("k,v\nA,2\nB,2\nC,4\n")
    assert check(path, options, select=["NUM004"]).findings


#: One cell shown twice: indexed to 2004 on one slide, in vehicles on the next.
INDEXED = """\
  - kind: chart
    title: India's production grew more than thirtyfold from 2004 to 2023
    chart: {type: line, data: production, x: country, y: [production_2004, production_2023],
            transpose: true, index: production_2004, highlight: India}
  - kind: chart
    title: China built the most vehicles in 2023
    chart: {type: bar, data: production, x: country, y: production_2004}
"""


def test_an_indexed_chart_beside_one_of_the_same_cells_is_not_stale(tmp_path: Path):
    """An indexed chart shows China's 2004 cell as 100, the next slide as 5,234,496: check
    compared one with the other and said 'the data now gives 100' after every build, so
    `check --strict` failed for good (found in review). Each chart is compared with itself
    in the last build, and a real change is still found in both."""
    path = write_project(tmp_path / "p", HEADER + INDEXED)
    options = BuildOptions(out_dir=tmp_path / "out")
    build(path, options)
    assert not check(path, options, select=["NUM004"]).findings
    csv = path.parent / "production.csv"
    csv.write_text(csv.read_text().replace("5234496", "5300000"))
    stale = check(path, options, select=["NUM004"]).findings
    assert [f.slide for f in stale] == [1, 2]
    assert "slide 2 chart shows 5,234,496 for China, production_2004" in stale[1].message


CARDS = """\
  - kind: chart
    title: China built the most vehicles in 2023
    chart: {type: bar, data: production, x: country, y: production_2023}
    share: [x-post]
social:
  cards:
    - kind: chart
      name: japan
      presets: [ig-square]
      title: Japan built fewer vehicles in 2023 than in 2004
      chart: {type: bar, data: production, x: country, y: production_2004, highlight: Japan}
"""


def test_a_number_only_a_card_shows_is_stale_and_a_shared_slide_is_said_once(tmp_path: Path):
    """A card's chart was never compared: a number only a card draws went stale without a
    word. A card shared from a slide is said with its slide, once."""
    path = write_project(tmp_path / "p", HEADER + CARDS)
    options = BuildOptions(out_dir=tmp_path / "out")
    build(path, options)
    assert not check(path, options, select=["NUM004"]).findings
    csv = path.parent / "production.csv"
    csv.write_text(csv.read_text().replace("10511518", "10600000"))  # Japan, 2004
    (card,) = check(path, options, select=["NUM004"]).findings
    assert card.card == "japan-ig-square.png" and card.slide is None
    assert card.message.startswith("the last build's card japan-ig-square.png shows 10,511,518")
    build(path, options)
    csv.write_text(csv.read_text().replace("8997440", "9500000"))  # Japan, 2023: the slide
    (slide,) = check(path, options, select=["NUM004"]).findings
    assert slide.slide == 1 and slide.card is None


#: A chart of the three largest: a row outside them can grow into them.
TOP = """\
deck:
  title: Who builds cars
data:
  cars: {file: cars.csv}
slides:
  - kind: chart
    title: Atlantis builds the most cars of the three largest makers
    chart: {type: bar, data: cars, x: land, y: built, sort: {by: built}, top: 3,
            highlight: Atlantis}
"""

CARS = "land,built\nAtlantis,900\nLemuria,400\nMu,250\nHyperborea,200\n"


def test_a_row_grown_into_a_charts_top_rows_is_stale(tmp_path: Path):
    """Hyperborea overtakes Mu: the deck's chart still shows Mu, and no value it shows
    changed, so the check said "No problems found" (fuzz-R/7)."""
    path = write_project(tmp_path / "p", TOP, {"cars.csv": CARS})
    options = BuildOptions(out_dir=tmp_path / "out", workers=1)
    build(path, options)
    assert not check(path, options, select=["NUM004"]).findings
    csv = path.parent / "cars.csv"
    csv.write_text(CARS.replace("Hyperborea,200", "Hyperborea,300"))
    (stale,) = check(path, options, select=["NUM004"]).findings
    assert stale.slide == 1
    assert stale.message == ("the last build's slide 1 chart shows Mu; the data now gives "
                             "Hyperborea in its place")  # fmt: skip
    build(path, options)
    assert not check(path, options, select=["NUM004"]).findings


def test_a_category_renamed_in_the_data_is_stale(tmp_path: Path):
    """Lemuria renamed: the chart, its alt text and the card still say 'Lemuria', with the
    same number (fuzz-R/8). The card shared from the slide is said with it, once."""
    path = write_project(tmp_path / "p", TOP + "    share: [ig-square]\n", {"cars.csv": CARS})
    options = BuildOptions(out_dir=tmp_path / "out", workers=1)
    build(path, options)
    assert not check(path, options, select=["NUM004"]).findings
    (path.parent / "cars.csv").write_text(CARS.replace("Lemuria", "Greater Lemuria"))
    (stale,) = check(path, options, select=["NUM004"]).findings
    assert stale.card is None
    assert stale.message == ("the last build's slide 1 chart shows Lemuria; the data now "
                             "gives Greater Lemuria in its place")  # fmt: skip


def test_rows_in_another_order_and_rows_gone_are_stale(tmp_path: Path):
    """Without a sort, the chart shows the rows as the file has them: rows swapped in the
    file, or one removed, change the chart though no value it shows does."""
    outline = TOP.replace("sort: {by: built}, top: 3,", "")
    path = write_project(tmp_path / "p", outline, {"cars.csv": CARS})
    options = BuildOptions(out_dir=tmp_path / "out", workers=1)
    build(path, options)
    csv = path.parent / "cars.csv"
    csv.write_text("land,built\nAtlantis,900\nMu,250\nLemuria,400\nHyperborea,200\n")
    (swapped,) = check(path, options, select=["NUM004"]).findings
    assert swapped.message == (
        "the last build's slide 1 chart shows its rows in another order; the data now gives "
        "Atlantis, Mu, Lemuria, Hyperborea"
    )
    csv.write_text("land,built\nAtlantis,900\nLemuria,400\nMu,250\n")
    (gone,) = check(path, options, select=["NUM004"]).findings
    assert gone.message == ("the last build's slide 1 chart shows Hyperborea, which the data "
                            "no longer gives")  # fmt: skip


def test_two_bars_of_one_name_are_two_cells(tmp_path: Path):
    """Rows 'A', 10 and 'A', 20 (two bars, as the data has them) held one key: check said
    'shows 20 for A; the data now gives 10' right after every build (found by fuzzing). A
    change in either is still found."""
    outline = """\
deck: {title: T, theme: corporate}
data:
  t: {file: t.csv}
slides:
  - kind: chart
    title: The values changed a lot
    source: Test data
    chart: {type: bar, data: t, x: name, y: a}
"""
    path = write_project(tmp_path / "p", outline, {"t.csv": "name,a\nA,10\nB,5\nA,20\n"})
    options = BuildOptions(out_dir=tmp_path / "out")
    build(path, options)
    assert not check(path, options, select=["NUM004"]).findings
    (path.parent / "t.csv").write_text("name,a\nA,10\nB,5\nA,25\n")
    (stale,) = check(path, options, select=["NUM004"]).findings
    assert stale.message == ("the last build's slide 1 chart shows 20 for A, a; "
                             "the data now gives 25")  # fmt: skip


def test_an_out_folder_that_does_not_exist_is_noted_with_the_nearest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """`check --out outptu` said "No problems found." of a deck whose chart was stale: the
    typo skipped the comparison with the last build without a word (found by fuzzing)."""
    from click.testing import CliRunner

    from deckgen.cli import cli

    path = write_project(tmp_path / "p", HEADER + SLIDES)
    build(path, BuildOptions(out_dir=tmp_path / "output"))
    result = CliRunner().invoke(cli, ["check", str(path), "--out", str(tmp_path / "outptu")])
    assert result.exit_code == 0 and "Traceback" not in result.output
    assert (
        f"note: --out '{tmp_path / 'outptu'}' names no folder, so the data is not "
        "compared with a last build (NUM004); did you mean 'output'?"
    ) in result.output
    stale = CliRunner().invoke(cli, ["check", str(path), "--out", str(tmp_path / "output")])
    assert "note:" not in stale.output
    # The default folder may not exist: nothing was built yet.
    fresh = write_project(tmp_path / "fresh", HEADER + SLIDES)
    monkeypatch.chdir(fresh.parent)
    assert CliRunner().invoke(cli, ["check", str(fresh)]).exit_code == 0
