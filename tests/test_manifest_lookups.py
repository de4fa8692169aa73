"""A build is up to date only while each name it looked a file up by leads where it led: a
data file's link re-pointed, or a project theme folder added that shadows the shipped
theme of the outline's name, read other files under names whose digests did not change
(fuzz-R/1, fuzz-R/2). Checked before a build from the command line, in a watch session and
in the daemon alike (:func:`deckgen.manifest.up_to_date`)."""

from __future__ import annotations

import json
import shutil
from typing import TYPE_CHECKING

import pytest

from deckgen import manifest
from deckgen.pipeline import BuildOptions, Session, build
from tests.helpers import REPO, write_project

if TYPE_CHECKING:
    from pathlib import Path

OUTLINE = """\
deck:
  title: Who builds cars
  theme: corporate
data:
  cars: {file: cars.csv}
slides:
  - kind: chart
    title: Atlantis builds the most cars
    chart: {type: bar, data: cars, x: land, y: built, highlight: Atlantis}
"""

V1 = "land,built\nAtlantis,900\nLemuria,400\nMu,250\n"
V2 = "land,built\nAtlantis,950\nLemuria,400\nMu,250\n"


def _linked_project(root: Path) -> Path:
    path = write_project(root, OUTLINE, {"v1.csv": V1, "v2.csv": V2})
    (root / "cars.csv").symlink_to("v1.csv")
    return path


@pytest.mark.parametrize("warm", [False, True], ids=["command line", "session"])
def test_a_data_link_pointed_at_another_file_rebuilds(tmp_path: Path, warm: bool) -> None:
    """cars.csv -> v1.csv re-pointed to v2.csv: the manifest held v1.csv's digest only, so
    the build said "Up to date" and kept last month's numbers in the deck and cards."""
    path = _linked_project(tmp_path / "p")
    options = BuildOptions(out_dir=tmp_path / "out", workers=1)
    session = Session() if warm else None
    try:
        first = build(path, options, session=session)
        assert first.changes.first_build
        assert build(path, options, session=session).up_to_date
        (path.parent / "cars.csv").unlink()
        (path.parent / "cars.csv").symlink_to("v2.csv")
        again = build(path, options, session=session)
    finally:
        if session is not None:
            session.close()
    assert not again.up_to_date
    # Said as the link it is, not as a file never read before.
    assert again.changes.files == ("cars.csv (now v2.csv, was v1.csv)",)
    assert [str(n) for n in again.changes.numbers] == ["cars · Atlantis · built: 900 → 950"]


def test_the_manifest_records_each_data_file_as_the_outline_names_it(tmp_path: Path) -> None:
    path = _linked_project(tmp_path / "p")
    out = tmp_path / "out"
    build(path, BuildOptions(out_dir=out, workers=1))
    document = json.loads((out / "deck" / manifest.FILE_NAME).read_text())
    assert document["lookups"]["cars.csv"] == "v1.csv"
    assert document["lookups"]["deck.yaml"] == "deck.yaml"
    # Where the theme was looked for before the shipped one it was found in: none there.
    assert document["lookups"]["themes/corporate/theme.yaml"] is None


def test_a_project_theme_that_shadows_the_shipped_one_rebuilds(tmp_path: Path) -> None:
    """`deckgen new` makes themes/corporate/ beside the outline: the next build takes it
    instead of the shipped theme the last build read, so it is no longer up to date."""
    path = write_project(tmp_path / "p", OUTLINE, {"cars.csv": V1})
    options = BuildOptions(out_dir=tmp_path / "out", workers=1)
    build(path, options)
    assert build(path, options).up_to_date
    own = path.parent / "themes" / "corporate"
    shutil.copytree(REPO / "themes" / "corporate", own)
    theme = own / "theme.yaml"
    text = theme.read_text()
    assert 'highlight: "#C8102E"' in text
    theme.write_text(text.replace('highlight: "#C8102E"', 'highlight: "#9B1B30"'))
    again = build(path, options)
    assert not again.up_to_date
    assert "themes/corporate/theme.yaml (not read before)" in again.changes.files
    assert again.changes.rendered == ("slide 1 chart",)
    assert build(path, options).up_to_date


def test_a_manifest_without_lookups_is_built_once_more(tmp_path: Path) -> None:
    """A manifest written before lookups were recorded cannot say where its names led: the
    next build writes the same files again, with them, and the one after is up to date."""
    path = write_project(tmp_path / "p", OUTLINE, {"cars.csv": V1})
    options = BuildOptions(out_dir=tmp_path / "out", workers=1)
    build(path, options)
    file = tmp_path / "out" / "deck" / manifest.FILE_NAME
    document = json.loads(file.read_text())
    del document["lookups"]
    manifest.write(file, document)
    again = build(path, options)
    assert not again.up_to_date and again.changes.nothing
    assert build(path, options).up_to_date


def test_damaged_lookups_are_damage(tmp_path: Path) -> None:
    path = write_project(tmp_path / "p", OUTLINE, {"cars.csv": V1})
    build(path, BuildOptions(out_dir=tmp_path / "out", workers=1))
    file = tmp_path / "out" / "deck" / manifest.FILE_NAME
    document = json.loads(file.read_text())
    document["lookups"] = {"cars.csv": 5}
    manifest.write(file, document)
    assert manifest.load(file, path.parent)[1] == "lookups['cars.csv'] is not a text or null"
