"""Issue 4's acceptance test: change one value in one CSV of the sample and rebuild.

Exactly the pictures that show that value are drawn again; the new number reaches the
chart's alt text and every bound text that reads it; the change report names the old and
the new value; a rebuild with nothing changed writes nothing.
"""

from __future__ import annotations

import json
import shutil

import pytest

from deckgen.pipeline import BuildOptions, build
from tests.helpers import REPO

CELL = ("production", "China", "production_2023")
OLD, NEW = "30160966", "31000000"


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory):
    root = tmp_path_factory.mktemp("incremental")
    shutil.copytree(REPO / "data", root / "data")
    outline = root / "data" / "global-impact.yaml"
    options = BuildOptions(out_dir=root / "output")
    first = build(outline, options)
    old_manifest = json.loads((root / "output/global-impact/manifest.json").read_text())
    csv = root / "data" / "g20_production.csv"
    text = csv.read_text()
    assert f"China,5234496,{OLD}\n" in text
    csv.write_text(text.replace(f"China,5234496,{OLD}", f"China,5234496,{NEW}"))
    second = build(outline, options)
    new_manifest = json.loads((root / "output/global-impact/manifest.json").read_text())
    third = build(outline, options)
    return first, second, third, old_manifest, new_manifest


def _shows_cell(asset_or_text):
    return any(tuple(r[:3]) == CELL for r in asset_or_text["reads"])


def test_exactly_the_assets_that_read_the_value_are_rendered_again(rebuilt):
    first, second, _, old, new = rebuilt
    readers = {a["id"] for a in new["assets"] if _shows_cell(a)}
    rendered = set(second.changes.rendered)
    assert rendered == readers
    # Not circular: the sample's three G20 charts, the shared ig-tall card and the long
    # infographic show China's 2023 production.
    assert {"slide 12 chart", "slide 13 chart", "slide 14 chart"} <= rendered
    assert any(r.endswith("-ig-tall.png") for r in rendered)
    assert "card global-impact-long.png" in rendered
    total = len(new["assets"])
    assert second.rendered == len(readers) < total
    assert second.changes.reused == total - len(readers)
    old_keys = {a["id"]: a["key"] for a in old["assets"]}
    for asset in new["assets"]:
        assert (asset["key"] != old_keys[asset["id"]]) == (asset["id"] in readers)
    assert first.changes.first_build


def test_the_new_number_is_in_the_alt_text_and_every_bound_text(rebuilt):
    _, _, _, old, new = rebuilt
    chart = next(a for a in new["assets"] if a["id"] == "slide 12 chart")
    assert "China 31.0 million" in chart["shows"]
    old_texts = {t["field"]: t["text"] for t in old["texts"]}
    changed = {t["where"]: t["text"] for t in new["texts"] if t["text"] != old_texts[t["field"]]}
    # Only texts that read China's 2023 production changed (a text may read it and still
    # say the same, e.g. a total rounded to one decimal)...
    readers = {t["where"] for t in new["texts"] if _shows_cell(t)}
    assert set(changed) <= readers
    # ... and the ones that show it changed with it: China's growth, 476% -> 492%, and its
    # 2023 production, in the title of its chart slide and the var the cards share.
    assert changed["slide 12 title"] == (
        "China's vehicle production grew 492% from 2004 to 2023, to 31 million"
    )
    assert old_texts["slides[11].title"].startswith("China's vehicle production grew 476%")
    assert any("31 million" in text for text in changed.values()
               if text != changed["slide 12 title"])  # fmt: skip


def test_the_change_report_names_the_old_and_new_value(rebuilt):
    _, second, _, _, _ = rebuilt
    lines = "\n".join(second.changes.lines())
    assert "production · China · production_2023: 30,160,966 → 31,000,000" in lines
    assert "g20_production.csv" in lines
    assert "Re-rendered" in lines and "slide 12 chart" in lines


def test_a_rebuild_with_nothing_changed_does_nothing(rebuilt):
    _, second, third, _, _ = rebuilt
    assert third.up_to_date
    assert third.rendered == 0
    assert third.changes.nothing
    assert third.slides == second.slides and third.cards == second.cards
