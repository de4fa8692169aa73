"""deckgen batch never leaves a stale deck: a row is rebuilt when a file its last build read
changed (a picture replaced at its path, the theme's template or colours), as ``deckgen
build`` rebuilds; and a row the table no longer has loses what an earlier batch built for
it (found by review of rebuilds: every row said "up to date" and kept the old files)."""

from __future__ import annotations

import shutil
import zipfile
from typing import TYPE_CHECKING

from PIL import Image
from pptx import Presentation

from deckgen.batch import FINGERPRINT, BatchResult, batch
from deckgen.pipeline import BuildOptions
from tests.helpers import REPO

if TYPE_CHECKING:
    from pathlib import Path

# Three rows written for these tests.
CSV = """\
city,people
Oslo,709
Bergen,291
Tromso,78
"""

OUTLINE = """\
deck:
  title: "{{ row.city }} in numbers"
  organisation: Test office
  theme: THEME
data:
  cities:
    file: cities.csv
    columns:
      city: {type: text, required: true}
      people: integer
slides:
  - kind: title
  - kind: bullets
    title: "{{ row.city }} has {{ row.people | number }} thousand people"
    items:
      - "{{ row.city }} is one of three cities in this test"
"""

PICTURE = """\
  - kind: image
    title: "{{ row.city }} seen from the water"
    file: harbour.png
    alt: "A photograph of {{ row.city }} from the water."
"""


CARD = """\
  - kind: stats
    title: "{{ row.city }} has {{ row.people | number }} thousand people"
    items: [{value: "{{ row.people | number }}", label: thousand people}]
    share: [ig-square]
"""


def _project(root: Path, theme: str = "corporate", pictures: bool = False,
             card: bool = False) -> Path:  # fmt: skip
    root.mkdir(parents=True)
    shutil.copytree(REPO / "themes", root / "themes")
    (root / "cities.csv").write_text(CSV)
    # A picture not shown: replacing it changes no deck.
    for name, colour in (("harbour.png", (30, 90, 160)), ("unused.png", (200, 200, 200))):
        Image.new("RGB", (400, 300), colour).save(root / name)
    path = root / "sheet.yaml"
    path.write_text(OUTLINE.replace("THEME", theme) + (PICTURE if pictures else "")
                    + (CARD if card else ""))  # fmt: skip
    return path


def _run(path: Path, out: str = "out", where: tuple[str, ...] = ()) -> BatchResult:
    options = BuildOptions(out_dir=path.parent / out, workers=1)
    return batch(path, options, for_each="cities", where=where)


def _statuses(result: BatchResult) -> dict[str, str]:
    return {r.key: r.status for r in result.rows}


def _part(deck: Path, prefix: str) -> bytes:
    with zipfile.ZipFile(deck) as z:
        return b"".join(z.read(n) for n in sorted(z.namelist()) if n.startswith(prefix))


def test_a_picture_replaced_at_its_path_rebuilds_the_rows_that_show_it(tmp_path):
    path = _project(tmp_path / "p", pictures=True)
    assert _run(path).count("built") == 3
    Image.new("RGB", (400, 300), (220, 120, 40)).save(path.parent / "unused.png")
    assert set(_statuses(_run(path)).values()) == {"up to date"}
    Image.new("RGB", (400, 300), (220, 120, 40)).save(path.parent / "harbour.png")
    assert set(_statuses(_run(path)).values()) == {"built"}
    assert _run(path, "cold").count("built") == 3
    for row in ("oslo", "bergen", "tromso"):
        deck, cold = (path.parent / out / row / "sheet.pptx" for out in ("out", "cold"))
        assert _part(deck, "ppt/media/") == _part(cold, "ppt/media/")


def test_a_template_replaced_rebuilds_every_row(tmp_path):
    path = _project(tmp_path / "p", theme="corporate-template")
    assert _run(path).count("built") == 3
    potx = path.parent / "themes" / "corporate-template" / "brand.potx"
    with zipfile.ZipFile(potx) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    assert b"0E4D64" in parts["ppt/theme/theme1.xml"]  # the brand colour this test changes
    with zipfile.ZipFile(potx, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data.replace(b"0E4D64", b"6A1B9A"))
    again = _run(path)
    assert set(_statuses(again).values()) == {"built"}
    for row in ("oslo", "bergen", "tromso"):
        theme = _part(path.parent / "out" / row / "sheet.pptx", "ppt/theme/")
        assert b"6A1B9A" in theme and b"0E4D64" not in theme


def test_a_theme_colour_changed_rebuilds_rows_that_show_no_picture(tmp_path):
    path = _project(tmp_path / "p")
    assert _run(path).count("built") == 3
    theme = path.parent / "themes" / "corporate" / "theme.yaml"
    text = theme.read_text()
    assert '  primary: "#' in text
    theme.write_text(text.replace('  primary: "#', '  primary: "#1F5F2F" #', 1))
    again = _run(path)
    assert set(_statuses(again).values()) == {"built"}
    deck = Presentation(str(path.parent / "out" / "oslo" / "sheet.pptx"))
    xml = b"".join(s.part.blob for s in deck.slides)
    assert b"1F5F2F" in xml
    # Nothing changed since: every row is up to date again.
    assert set(_statuses(_run(path)).values()) == {"up to date"}


def test_a_row_gone_from_the_table_loses_what_the_batch_built_for_it(tmp_path):
    path = _project(tmp_path / "p", card=True)
    out = path.parent / "out"
    assert _run(path).count("built") == 3
    # A folder of the user's, a file the user put in a row folder, and a row folder another
    # table's batch of the outline made: none is the batch's to remove.
    (out / "notes").mkdir()
    (out / "notes" / "read-me.txt").write_text("mine")
    (out / "tromso" / "mine.txt").write_text("mine")
    cards = [p.name for p in (out / "tromso" / "sheet" / "social").iterdir()]
    shutil.copytree(out / "bergen", out / "lisbon")
    (out / "lisbon" / "sheet" / FINGERPRINT).write_text('{"fingerprint": "x", "for_each": "ports"}')
    (path.parent / "cities.csv").write_text(CSV.replace("Tromso,78\n", ""))
    # Oslo, which --where leaves out, is still a row of the table: its files stay.
    rerun = _run(path, where=("city=Bergen",))
    assert _statuses(rerun) == {"Bergen": "up to date"}
    assert rerun.removed == (out / "tromso",)
    assert rerun.removal_note("cities") == (
        f"removed the deck, cards and manifest of 1 row no longer in 'cities': {out}/tromso/ "
        "(an earlier batch made them; the row would be built again once back in the data)"
    )
    assert (out / "oslo" / "sheet.pptx").is_file()
    # Its deck, its cards with their cards.json, its manifest and fingerprint: all it had.
    assert cards and all(not (out / "tromso" / "sheet" / "social" / c).exists() for c in cards)
    assert not (out / "tromso" / "sheet.pptx").exists() and not (out / "tromso" / "sheet").exists()
    assert (out / "tromso" / "mine.txt").read_text() == "mine"
    assert (out / "notes" / "read-me.txt").read_text() == "mine"
    assert (out / "lisbon" / "sheet.pptx").is_file()
    # A folder of nothing but the batch's own files goes whole; a cold batch has none.
    (path.parent / "cities.csv").write_text(CSV.replace("Bergen,291\n", ""))
    again = _run(path)
    assert _statuses(again) == {"Oslo": "up to date", "Tromso": "built"}
    assert again.removed == (out / "bergen",) and not (out / "bergen").exists()
    assert sorted(p.name for p in out.iterdir()) == [".cache", "lisbon", "notes", "oslo", "tromso"]
    assert _run(path).removed == () and _run(path).removal_note("cities") == ""


def test_the_command_says_which_row_folders_it_removed(tmp_path, monkeypatch):
    """The removal is said after the summary, not done without a word."""
    from click.testing import CliRunner

    from deckgen.cli import cli

    path = _project(tmp_path / "p")
    monkeypatch.chdir(path.parent)
    args = ["batch", "sheet.yaml", "--for-each", "cities", "--key", "city", "-j", "1"]
    assert CliRunner().invoke(cli, args).exit_code == 0
    (path.parent / "cities.csv").write_text(CSV.replace("Tromso,78\n", ""))
    again = CliRunner().invoke(cli, args)
    assert again.exit_code == 0, again.output
    assert "removed the deck, cards and manifest of 1 row no longer in 'cities': " in again.stdout
    assert not (path.parent / "output" / "tromso").exists()


def test_row_folders_named_by_another_column_are_left_and_named(tmp_path, monkeypatch):
    """A batch naming its rows by another column makes other folders for the same rows: the
    earlier ones are not rows gone from the table. The second batch removed 'mi' when run
    with --key name after --key code, saying the row was no longer in the table (found by
    fuzzing); they stay, and the summary names them."""
    from click.testing import CliRunner

    from deckgen.cli import cli

    path = _project(tmp_path / "p")
    (path.parent / "cities.csv").write_text(
        "city,code,people\nOslo,OSL,709\nBergen,BGO,291\nTromso,TOS,78\n"
    )
    monkeypatch.chdir(path.parent)
    out = path.parent / "output"
    args = ["batch", "sheet.yaml", "--for-each", "cities", "-j", "1", "--key"]
    assert CliRunner().invoke(cli, [*args, "code"]).exit_code == 0
    again = CliRunner().invoke(cli, [*args, "city"])
    assert again.exit_code == 0, again.output
    assert "no longer in" not in again.stdout
    assert (
        "left 3 row folders an earlier batch named by column 'code', where this one names "
        "rows by 'city': output/bgo/, output/osl/, output/tos/ (its rows may be built here "
        "under their new names; remove them if no longer wanted)"
    ) in again.stdout
    assert sorted(p.name for p in out.iterdir() if p.name[0] != ".") == [
        "bergen",
        "bgo",
        "osl",
        "oslo",
        "tos",
        "tromso",
    ]
    assert all((out / row / "sheet.pptx").is_file() for row in ("osl", "bgo", "tos"))
    # A row gone from the table under this batch's own column is still removed; the
    # folders named by the other column are still left.
    (path.parent / "cities.csv").write_text("city,code,people\nOslo,OSL,709\nBergen,BGO,291\n")
    options = BuildOptions(out_dir=out, workers=1)
    rerun = batch(path, options, for_each="cities", key="city")
    assert rerun.removed == (out / "tromso",)
    assert rerun.keyed_otherwise == (out / "bgo", out / "osl", out / "tos")
    assert rerun.other_key == "code" and rerun.key == "city"
