"""The build manifest, the up-to-date check, the cache in a real build and `deckgen diff`."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from deckgen import manifest
from deckgen.cli import cli
from deckgen.pipeline import BuildOptions, build
from tests.helpers import HEADER, PRODUCTION_CSV, write_project

SLIDES = """\
  - kind: chart
    title: "China built {{ production.China.production_2023 | compact }} vehicles in 2023"
    chart: {type: bar, data: production, x: country, y: production_2023, highlight: China}
  - kind: stats
    title: Two numbers
    items:
      - {value: "{{ production.USA.production_2004 | compact }}", label: U.S. in 2004}
      - {value: 67%, label: agree}
"""


def _project(tmp_path):
    return write_project(tmp_path, HEADER + SLIDES)


def _manifest(out):
    return json.loads((out / "deck" / "manifest.json").read_text())


def test_the_manifest_records_inputs_outputs_assets_and_texts(tmp_path):
    path = _project(tmp_path)
    out = tmp_path / "out"
    build(path, BuildOptions(out_dir=out))
    doc = _manifest(out)
    assert doc["manifest"] == manifest.FORMAT
    assert set(doc["inputs"]) >= {"deck.yaml", "production.csv"}
    assert any(name.endswith("theme.yaml") for name in doc["inputs"])
    assert all(len(d) == 64 for d in doc["inputs"].values())
    assert any(name.endswith("deck.pptx") for name in doc["outputs"])
    ids = [a["id"] for a in doc["assets"]]
    assert ids == ["slide 1 chart", "slide 2 stat 1", "slide 2 stat 2"]
    chart = doc["assets"][0]
    assert ["production", "China", "production_2023", 30160966.0] in chart["reads"]
    assert chart["placed"]["slide"] == 1 and len(chart["placed"]["box_in"]) == 4
    assert "China" in chart["shows"]
    stat = doc["assets"][1]
    assert stat["reads"] == [["production", "USA", "production_2004", 11989387.0]]
    title = doc["texts"][0]
    assert title["field"] == "slides[0].title"
    assert title["where"] == "slide 1 title"
    assert title["text"] == "China built 30.2M vehicles in 2023"
    assert "{{" in title["template"]


def test_a_rebuild_reuses_unchanged_pictures_and_reports_what_changed(tmp_path):
    path = _project(tmp_path)
    out = tmp_path / "out"
    build(path, BuildOptions(out_dir=out))
    (tmp_path / "production.csv").write_text(PRODUCTION_CSV.replace("11989387", "13000000"))
    result = build(path, BuildOptions(out_dir=out))
    assert result.changes.rendered == ("slide 2 stat 1",)
    assert result.rendered == 1
    lines = "\n".join(result.changes.lines())
    assert "production · USA · production_2004: 11,989,387 → 13,000,000" in lines
    assert "slide 2 item 1 value: '12M' → '13M'" in lines


def test_a_change_that_does_not_show_renders_nothing(tmp_path):
    path = _project(tmp_path)
    out = tmp_path / "out"
    build(path, BuildOptions(out_dir=out))
    # 11,989,387 and 12,000,000 both read "12M": the number changed, no picture did.
    (tmp_path / "production.csv").write_text(PRODUCTION_CSV.replace("11989387", "12000000"))
    result = build(path, BuildOptions(out_dir=out))
    assert result.rendered == 0 and result.changes.rendered == ()
    assert [str(n) for n in result.changes.numbers] == [
        "production · USA · production_2004: 11,989,387 → 12,000,000"
    ]


def test_nothing_changed_means_nothing_is_written(tmp_path):
    path = _project(tmp_path)
    out = tmp_path / "out"
    first = build(path, BuildOptions(out_dir=out))
    stamp = first.deck.stat().st_mtime_ns
    again = build(path, BuildOptions(out_dir=out))
    assert again.up_to_date and again.deck.stat().st_mtime_ns == stamp
    assert again.slides == first.slides and again.pictures == first.pictures


def test_a_missing_or_edited_output_or_new_options_mean_a_real_rebuild(tmp_path):
    path = _project(tmp_path)
    out = tmp_path / "out"
    first = build(path, BuildOptions(out_dir=out))
    first.deck.unlink()
    again = build(path, BuildOptions(out_dir=out))
    assert not again.up_to_date and again.deck.is_file()
    assert again.rendered == 0  # every picture came from the cache
    assert not build(path, BuildOptions(out_dir=out, theme="dark")).up_to_date
    forced = build(path, BuildOptions(out_dir=out, theme="dark", force=True))
    assert not forced.up_to_date and forced.rendered == forced.pictures


def test_a_change_of_deckgen_s_code_within_its_version_means_a_real_rebuild(tmp_path, monkeypatch):
    """The version (0.1.0) stays while a checkout's code changes: a folder built by an
    earlier commit said "Up to date", and its pictures came from the cache, until --force.
    The code's digest is in the versions: every picture is drawn again and the report
    says so."""
    from deckgen.render import jobs

    path = _project(tmp_path)
    out = tmp_path / "out"
    build(path, BuildOptions(out_dir=out))
    assert build(path, BuildOptions(out_dir=out)).up_to_date
    monkeypatch.setattr(jobs, "source_digest", lambda: "another commit")
    jobs.package_versions.cache_clear()
    try:
        again = build(path, BuildOptions(out_dir=out))
    finally:
        monkeypatch.undo()
        jobs.package_versions.cache_clear()
    assert not again.up_to_date and again.rendered == again.pictures == 3
    assert "deckgen-source" in "\n".join(again.changes.lines())
    assert _manifest(out)["versions"]["deckgen-source"] == "another commit"


def test_a_damaged_manifest_is_ignored(tmp_path):
    path = _project(tmp_path)
    out = tmp_path / "out"
    build(path, BuildOptions(out_dir=out))
    (out / "deck" / "manifest.json").write_text("{broken")
    result = build(path, BuildOptions(out_dir=out))
    assert not result.up_to_date and result.changes.first_build
    assert _manifest(out)["manifest"] == manifest.FORMAT


def test_deckgen_build_prints_the_change_report(tmp_path):
    path = _project(tmp_path)
    out = tmp_path / "out"
    runner = CliRunner()
    assert runner.invoke(cli, ["build", str(path), "--out", str(out)]).exit_code == 0
    (tmp_path / "production.csv").write_text(PRODUCTION_CSV.replace("30160966", "31000000"))
    result = runner.invoke(cli, ["build", str(path), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "30,160,966 → 31,000,000" in result.output
    assert "slide 1 title: 'China built 30.2M vehicles in 2023' → " in result.output
    assert "Re-rendered 1: slide 1 chart" in result.output
    again = runner.invoke(cli, ["build", str(path), "--out", str(out)])
    assert "Up to date" in again.output


def test_deckgen_diff_compares_two_builds(tmp_path):
    path = _project(tmp_path)
    build(path, BuildOptions(out_dir=tmp_path / "old"))
    (tmp_path / "production.csv").write_text(PRODUCTION_CSV.replace("30160966", "31000000"))
    build(path, BuildOptions(out_dir=tmp_path / "new"))
    runner = CliRunner()
    result = runner.invoke(
        cli, ["diff", str(tmp_path / "old/deck"), str(tmp_path / "new/deck/manifest.json")]
    )
    assert result.exit_code == 0, result.output
    assert "production · China · production_2023: 30,160,966 → 31,000,000" in result.output
    assert "(shown in slide 1 chart, slide 1 title)" in result.output
    bad = tmp_path / "bad.json"
    bad.write_text("[]")
    result = runner.invoke(cli, ["diff", str(bad), str(tmp_path / "new/deck")])
    assert result.exit_code == 2
    assert "not a deckgen build manifest" in result.output
    assert "Traceback" not in result.output


def test_the_report_in_words():
    report = manifest.ChangeReport(
        files=("data.csv",),
        numbers=(manifest.NumberChange("t · a · b", 1.5, 2.0, ("slide 1 chart",)),),
        texts=(manifest.TextChange("slide 1 title", "old", "new"),),
        rendered=("slide 1 chart",),
        reused=3,
    )
    assert report.lines() == [
        "Changed files: data.csv",
        "Numbers that changed:",
        "  t · a · b: 1.5 → 2  (shown in slide 1 chart)",
        "Texts that changed:",
        "  slide 1 title: 'old' → 'new'",
        "Re-rendered 1: slide 1 chart",
        "Reused 3 unchanged pictures from the cache.",
    ]
    assert manifest.ChangeReport().lines() == ["Nothing changed since the last build."]
    # A cell missing: empties is '' in a text column and NaN in a sheet's (found in review).
    assert {manifest.show_value(v) for v in (None, "", " ", float("nan"))} == {"no value"}


# --------------------------------------------------------------------------- in the user's terms
def _doc(name: str, inputs: dict[str, str], shipped: dict[str, str], **options) -> dict:
    return {
        "manifest": manifest.FORMAT, "theme": name, "inputs": inputs, "shipped": shipped,
        "options": {"theme": None, "native_charts": False, **options}, "assets": [],
    }  # fmt: skip


VENV1 = "../venv1/lib/python3.11/site-packages/deckgen/_themes"
VENV2 = "../venv2/lib/python3.11/site-packages/deckgen/_themes"
FONTS = "../venv2/lib/python3.11/site-packages/font_lato/files"


def test_a_theme_change_is_named_and_its_shipped_files_are_not():
    old = _doc("corporate", {"deck.yaml": "a", f"{VENV1}/corporate/theme.yaml": "t1"},
               {f"{VENV1}/corporate/theme.yaml": "theme 'corporate' (shipped)"})  # fmt: skip
    new = _doc(
        "dark",
        {"deck.yaml": "a", f"{VENV2}/dark/theme.yaml": "t2", f"{FONTS}/Lato-Bold.ttf": "f"},
        {f"{VENV2}/dark/theme.yaml": "theme 'dark' (shipped)",
         f"{FONTS}/Lato-Bold.ttf": "package 'font_lato'"},
        theme="dark", native_charts=True,
    )  # fmt: skip
    lines = manifest.compare(old, new).lines()
    assert lines[:3] == [
        "Theme: corporate → dark",
        "Option --theme dark given",
        "Option --native-charts turned on",
    ]
    assert not any("venv" in line or "Changed files" in line for line in lines), lines


def test_shipped_files_are_named_by_what_they_are_and_their_install_path_does_not_matter():
    shipped = "theme 'dark' (shipped)"
    old = _doc("dark", {f"{VENV1}/dark/theme.yaml": "t", "data.csv": "d1"},
               {f"{VENV1}/dark/theme.yaml": shipped})  # fmt: skip
    moved = _doc("dark", {f"{VENV2}/dark/theme.yaml": "t", "data.csv": "d2"},
                 {f"{VENV2}/dark/theme.yaml": shipped})  # fmt: skip
    assert manifest.compare(old, moved).files == ("data.csv",)
    upgraded = _doc("dark", {f"{VENV2}/dark/theme.yaml": "t2", "data.csv": "d1"},
                    {f"{VENV2}/dark/theme.yaml": shipped})  # fmt: skip
    report = manifest.compare(old, upgraded)
    assert report.files == (shipped,)
    assert not report.nothing


def test_an_option_alone_is_a_change():
    old = _doc("dark", {"deck.yaml": "a"}, {})
    report = manifest.compare(old, _doc("dark", {"deck.yaml": "a"}, {}, pdf=True))
    assert report.lines() == ["Option --pdf turned on"]  # no pictures: no cache to speak of
    off = manifest.compare(_doc("dark", {}, {}, theme="dark"), _doc("dark", {}, {}))
    assert off.options == ("Option --theme dark no longer given",)


def test_a_build_names_shipped_inputs_and_a_rebuild_in_another_theme_says_so(tmp_path):
    path = _project(tmp_path)
    out = tmp_path / "out"
    build(path, BuildOptions(out_dir=out))
    shipped = _manifest(out)["shipped"]
    assert sorted(set(shipped.values())) == [
        "package 'font_lato'", "theme 'corporate' (shipped)"
    ]  # fmt: skip
    assert "deck.yaml" not in shipped and "production.csv" not in shipped
    again = build(path, BuildOptions(out_dir=out, theme="dark"))
    assert again.changes is not None
    lines = again.changes.lines()
    assert lines[:2] == ["Theme: corporate → dark", "Option --theme dark given"]
    assert not any("site-packages" in line or "theme.yaml" in line for line in lines)


def test_pictures_drawn_again_are_not_said_to_be_reused():
    old = {"assets": [{"id": f"slide {n} chart", "key": f"k{n}"} for n in (1, 2, 3)]}
    new = {"assets": [*old["assets"][:2], {"id": "slide 3 chart", "key": "changed"}]}
    report = manifest.compare(old, new, drawn={"k1", "changed"})
    assert (report.rendered, report.redrawn, report.reused) == (("slide 3 chart",), 1, 1)
    assert report.lines()[-2:] == [
        "Drew 1 unchanged picture again.",
        "Reused 1 unchanged picture from the cache.",
    ]
    everything = manifest.compare(old, new, drawn={"k1", "k2", "changed"})  # --force
    assert everything.lines()[-1] == "Drew 2 unchanged pictures again."
    assert not any("Reused" in line for line in everything.lines())
    assert manifest.compare(old, new).reused == 2  # diff: nothing drawn, two alike


def test_force_with_nothing_changed_says_it_drew_every_picture_again():
    """`build --force` with no input changed said only "Nothing changed since the last
    build.", as if --force had done nothing; the README says "Drew N unchanged pictures
    again." (fuzz-O repro 5)."""
    old = {"assets": [{"id": f"slide {n} chart", "key": f"k{n}"} for n in (1, 2)]}
    report = manifest.compare(old, old, drawn={"k1", "k2"}, forced=True)
    assert report.nothing
    assert report.lines() == [
        "Nothing changed since the last build.",
        "Drew 2 unchanged pictures again.",
    ]
    # Without --force, an unchanged build still says just that.
    assert manifest.compare(old, old).lines() == ["Nothing changed since the last build."]


def test_a_chart_that_turned_native_or_back_is_drawn_anew_not_reused():
    """A chart keeps its content key as it becomes a native chart: the build into the
    same folder with --native-charts said "Reused 1 unchanged picture from the cache", and
    `deckgen diff` "1 picture the same in both" (fuzzing)."""
    chart = {"id": "slide 1 chart", "key": "k1", "kind": "chart"}
    native = {**chart, "kind": "chart (native)"}
    turned = manifest.compare({"assets": [chart]}, {"assets": [native]})
    assert turned.rendered == ("slide 1 chart (now a native chart)",) and turned.reused == 0
    assert "1 picture the same in both." not in turned.lines(between=True)
    back = manifest.compare({"assets": [native]}, {"assets": [chart]}, drawn={"k1"})
    assert back.rendered == ("slide 1 chart (now a picture)",) and back.redrawn == 0
    assert manifest.compare({"assets": [native]}, {"assets": [native]}).nothing


def test_force_never_says_pictures_were_reused_and_a_deck_without_pictures_names_no_cache():
    """`build --force` after the deck's one picture changed said "Reused 0 unchanged
    pictures from the cache" (the cache was not read); so did a deck with no picture."""
    old = {"assets": [{"id": "slide 1 chart", "key": "k1"}]}
    new = {"assets": [{"id": "slide 1 chart", "key": "k2"}]}
    forced = manifest.compare(old, new, drawn={"k2"}, forced=True)
    assert forced.lines() == ["Re-rendered 1: slide 1 chart"]
    # Read from the cache, none reused: that is said (every picture changed).
    assert manifest.compare(old, new, drawn={"k2"}).lines()[-1] == (
        "Reused 0 unchanged pictures from the cache."
    )
    bare = {"assets": [], "inputs": {"data.csv": "a"}}
    changed = manifest.compare(bare, {**bare, "inputs": {"data.csv": "b"}})
    assert changed.lines() == ["Changed files: data.csv"]


def test_native_charts_are_never_counted_as_pictures_reused():
    """A native chart has no cache: a deck of native charts alone said "Reused 0 unchanged
    pictures from the cache" after one changed, and an unchanged native chart beside a
    changed picture was said to be "1 unchanged picture" reused (fuzzing)."""
    native = {"id": "slide 1 chart", "key": "n1", "kind": "chart (native)"}
    edited = {**native, "key": "n2"}
    alone = manifest.compare({"assets": [native]}, {"assets": [edited]}, drawn={"n2"})
    assert alone.lines() == ["Re-rendered 1: slide 1 chart"]
    picture = {"id": "slide 2 chart", "key": "p1", "kind": "chart"}
    redrawn = {**picture, "key": "p2"}
    beside = manifest.compare({"assets": [native, picture]}, {"assets": [native, redrawn]},
                              drawn={"p2"})  # fmt: skip
    assert beside.reused == 0
    assert beside.lines()[-1] == "Reused 0 unchanged pictures from the cache."


def test_deckgen_diff_of_native_charts_alone_counts_no_pictures_the_same():
    """`deckgen diff` of two builds of native charts alone, one changed, said "0 pictures
    the same in both": there was no picture to speak of (fuzzing round 7). A build with
    pictures still says how many are the same, none included."""
    native = {"id": "slide 1 chart", "key": "n1", "kind": "chart (native)"}
    other = {"id": "slide 2 chart", "key": "n3", "kind": "chart (native)"}
    edited = {**native, "key": "n2"}
    alone = manifest.compare({"assets": [native, other]}, {"assets": [edited, other]})
    assert alone.lines(between=True) == ["New or changed pictures 1: slide 1 chart"]
    picture = {"id": "slide 3 chart", "key": "p1", "kind": "chart"}
    redrawn = {**picture, "key": "p2"}
    beside = manifest.compare({"assets": [native, picture]}, {"assets": [native, redrawn]})
    assert beside.lines(between=True)[-1] == "0 pictures the same in both."


def test_counts_are_in_the_right_number():
    assert manifest.ChangeReport(rendered=("a",), reused=1).lines()[-1] == (
        "Reused 1 unchanged picture from the cache."
    )


def _table_change(tmp_path, title: str, columns: str, data: str, old: str, new: str):
    """Build a one-table deck over ``data``, change ``old`` to ``new`` in the file, build
    again: the number changes reported, the outline and the output folder."""
    slides = (
        f"  - kind: table\n    title: {title}\n"
        f"    table:\n      data: production\n      columns: {columns}\n"
    )
    path = write_project(tmp_path, HEADER + slides, {"production.csv": data})
    out = tmp_path / "out"
    build(path, BuildOptions(out_dir=out))
    (tmp_path / "production.csv").write_text(data.replace(old, new))
    return build(path, BuildOptions(out_dir=out)).changes.numbers, path, out


def test_a_number_a_table_shows_is_in_the_change_report(tmp_path):
    """A table slide shows cells as the data has them (no template, no picture): a change
    to one is reported where it is shown (the report said only which file changed)."""
    (number,), path, out = _table_change(
        tmp_path, "Japan built 9.0M vehicles in 2023",
        "[{column: country}, {column: production_2023}]",
        "country,production_2023\nChina,30160966\nJapan,8997440\n", "8997440", "9100000",
    )  # fmt: skip
    # As the file has it: an untyped column is text.
    assert str(number) == "production · Japan · production_2023: 8997440 → 9100000"
    assert number.shown_in == ("slide 1 table",)
    assert build(path, BuildOptions(out_dir=out)).up_to_date  # the manifest reads back


def test_rows_a_table_names_alike_are_told_apart_in_the_report(tmp_path):
    """A long table repeats its first column ('China' per year): each row is its own,
    so a change to one is reported, not lost under the other's name."""
    (number,), _, _ = _table_change(
        tmp_path, "China built more in 2023",
        "[{column: country}, {column: year}, {column: vehicles}]",
        "country,year,vehicles\nChina,2022,27\nChina,2023,30\nUSA,2023,10\n",
        "2022,27", "2022,26",
    )  # fmt: skip
    assert str(number) == "production · China (row 1) · vehicles: 27 → 26"


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@given(st.dictionaries(st.text(), _JSON, max_size=6))
def test_the_manifest_reads_back_as_written(document: dict) -> None:
    from deckgen.manifest import dumps

    text = dumps(document)
    assert json.loads(text) == document
    assert text.startswith("{\n") and text.endswith("}\n")


# --------------------------------------------------------------------------- matched by identity
DECK = """\
  - kind: chart
    title: "China built {{ production.China.production_2023 | compact }} vehicles in 2023"
    chart: {type: bar, data: production, x: country, y: production_2023, highlight: China}
  - kind: statement
    text: Twenty years changed where cars are built.
  - kind: stats
    title: Two numbers
    items:
      - {value: "{{ production.USA.production_2004 | compact }}", label: U.S. in 2004}
      - {value: "{{ production.Japan.production_2023 | compact }}", label: Japan in 2023}
  - kind: chart
    title: "Japan built {{ production.Japan.production_2023 | compact }} in 2023"
    chart: {type: bar, data: production, x: country, y: production_2004}
"""
STATEMENT = "  - kind: statement\n    text: Twenty years changed where cars are built.\n"


def test_a_slide_removed_inserted_or_moved_is_reported_as_that_alone(tmp_path):
    """Every later slide shifts by one when one is removed or inserted: its pictures and
    texts are the same ones, so the report names the slide and nothing else (it paired
    each slide's texts and pictures with the next slide's: 'Texts that changed', 'Re-rendered'
    and 'Removed' for what had only moved; fuzz-J/1)."""
    path = write_project(tmp_path, HEADER + DECK)
    out = tmp_path / "out"
    build(path, BuildOptions(out_dir=out))
    path.write_text(path.read_text().replace(STATEMENT, ""))
    removed = build(path, BuildOptions(out_dir=out)).changes
    assert removed.lines() == [
        "Changed files: deck.yaml",
        "1 slide removed: slide 2 (statement 'Twenty years changed where cars are built.')",
        "Reused 4 unchanged pictures from the cache.",
    ]
    assert removed.texts == removed.rendered == removed.removed == removed.numbers == ()
    # Inserted back in front: one slide added, each picture from the cache.
    outline = path.read_text()
    at = outline.index("  - kind: chart")
    path.write_text(outline[:at] + STATEMENT + outline[at:])
    inserted = build(path, BuildOptions(out_dir=out)).changes
    assert inserted.added == ("slide 1 (statement 'Twenty years changed where cars are built.')",)
    assert inserted.dropped == inserted.texts == inserted.rendered == inserted.removed == ()
    # The stats slide moved to the front: it alone is said to have moved.
    outline = path.read_text()
    stats = outline[
        outline.index("  - kind: stats") : outline.index('  - kind: chart\n    title: "Japan')
    ]
    outline = outline.replace(stats, "")
    path.write_text(outline[:at] + stats + outline[at:])
    moved = build(path, BuildOptions(out_dir=out)).changes
    assert moved.moved == ("slide 1 (stats 'Two numbers'), was slide 3",)
    assert moved.added == moved.dropped == moved.texts == moved.rendered == moved.removed == ()


def test_a_slide_moved_and_retitled_is_reported_as_moved_not_removed_and_added(tmp_path):
    """A chart moved to the front and retitled was 'removed' and 'added' (known by its kind
    and title alone): it holds the same chart of the same data, so it moved, and its title
    was edited. A statement moved and reworded holds nothing else to know it by."""
    path = write_project(tmp_path, HEADER + DECK)
    out = tmp_path / "out"
    build(path, BuildOptions(out_dir=out))
    outline = path.read_text()
    japan = outline[outline.index('  - kind: chart\n    title: "Japan') :]
    at = outline.index("  - kind: chart")
    retitled = japan.replace("Japan built", "Japan made")
    path.write_text(outline[:at] + retitled + outline[at:].replace(japan, ""))
    report = build(path, BuildOptions(out_dir=out)).changes
    assert report.moved == ("slide 1 (chart 'Japan made 9M in 2023'), was slide 4",)
    assert report.added == report.dropped == ()
    assert [(t.where, t.old, t.new, t.edited) for t in report.texts] == [
        ("slide 1 title", "Japan built 9M in 2023", "Japan made 9M in 2023", True)
    ]
    outline = path.read_text()
    reworded = STATEMENT.replace("Twenty years", "Two decades")
    path.write_text(outline.replace(STATEMENT, "") + reworded)
    report = build(path, BuildOptions(out_dir=out)).changes
    assert report.moved == ()
    assert report.added == ("slide 4 (statement 'Two decades changed where cars are built.')",)
    assert report.dropped == ("slide 3 (statement 'Twenty years changed where cars are built.')",)


def test_after_a_removed_slide_a_changed_number_is_reported_where_it_now_is(tmp_path):
    """Matched by slide, the texts and pictures that did change are still reported, under
    their new slide numbers."""
    path = write_project(tmp_path, HEADER + DECK)
    out = tmp_path / "out"
    build(path, BuildOptions(out_dir=out))
    path.write_text(path.read_text().replace(STATEMENT, ""))
    (tmp_path / "production.csv").write_text(PRODUCTION_CSV.replace("8997440", "9600000"))
    report = build(path, BuildOptions(out_dir=out)).changes
    assert [(t.where, t.old, t.new) for t in report.texts] == [
        ("slide 2 item 2 value", "9M", "9.6M"),
        ("slide 3 title", "Japan built 9M in 2023", "Japan built 9.6M in 2023"),
    ]
    # The last chart draws other numbers, but its title (in its key) reads the new one.
    assert report.rendered == ("slide 1 chart", "slide 2 stat 2", "slide 3 chart")
    assert report.removed == ()
    assert [str(n) for n in report.numbers] == [
        "production · Japan · production_2023: 8,997,440 → 9,600,000"
    ]


def test_a_picture_gone_from_a_slide_still_there_is_removed_under_its_new_number(tmp_path):
    path = write_project(tmp_path, HEADER + DECK)
    out = tmp_path / "out"
    build(path, BuildOptions(out_dir=out))
    text = path.read_text().replace(STATEMENT, "")
    path.write_text(text.replace('      - {value: "{{ production.Japan.production_2023 | '
                                 'compact }}", label: Japan in 2023}\n', ""))  # fmt: skip
    report = build(path, BuildOptions(out_dir=out)).changes
    assert report.removed == ("slide 2 stat 2",)
    assert report.rendered == ("slide 2 stat 1",)  # one callout alone is laid out anew


def _order(*slides: tuple[str, str]) -> list[dict]:
    return [{"kind": k, "title": t, "shows": t, "numbers": [n + 1]}
            for n, (k, t) in enumerate(slides)]  # fmt: skip


def test_slides_are_matched_by_kind_and_title_in_order():
    a, b, c, d = ("chart", "A"), ("stats", "B"), ("quote", "C"), ("chart", "D")
    same = manifest.match_slides(_order(a, b, c, d), _order(a, b, c, d))
    assert same is not None and same.pairs == {0: 0, 1: 1, 2: 2, 3: 3}
    assert same.added == same.dropped == same.moved == ()
    # An edited title in its place is the same slide, edited; a new one between is added.
    edited = manifest.match_slides(_order(a, b, c, d), _order(a, ("stats", "B2"), ("bullets",
                                                                "E"), c, d))  # fmt: skip
    assert edited is not None and edited.pairs == {0: 0, 1: 1, 2: 3, 3: 4}
    assert edited.added == (2,) and edited.dropped == () and edited.moved == ()
    moved = manifest.match_slides(_order(a, b, c, d), _order(a, c, d, b))
    assert moved is not None and moved.moved == ((1, 3),)
    assert moved.pairs == {0: 0, 1: 3, 2: 1, 3: 2}
    # A manifest written before slides were recorded: no match, each by its name.
    assert manifest.match_slides(None, _order(a)) is None


def test_a_manifest_from_before_slides_were_recorded_is_compared_by_name():
    old = {"assets": [{"id": "slide 1 chart", "key": "k1"}, {"id": "slide 2 chart",
                                                            "key": "k2"}]}  # fmt: skip
    new = {"order": _order(("chart", "A")),
           "assets": [{"id": "slide 1 chart", "key": "k2", "part": "chart",
                       "placed": {"slide": 1}}]}  # fmt: skip
    report = manifest.compare(old, new)
    assert report.rendered == () and report.removed == ("slide 2 chart",)


# --------------------------------------------------------------------------- what a card shows
SHARED = """\
  - kind: stats
    title: "China built {{ production.China.production_2023 | compact }}"
    items:
      - {value: "{{ production.USA.production_2023 | compact }}", label: U.S.}
      - {value: "{{ production.Japan.production_2023 | compact }}", label: Japan, accent: true}
    notes: "India built {{ production.India.production_2023 | compact }}."
    share: [ig-square]
"""


def test_a_card_of_a_stats_slide_shows_only_its_item_and_title(tmp_path):
    """The card carries the accented item under the slide's title: a number of another
    item (or of the notes) is not "shown in" it (it recorded the whole slide; fuzz-J/12)."""
    path = write_project(tmp_path, HEADER + SHARED)
    out = tmp_path / "out"
    build(path, BuildOptions(out_dir=out))
    card = next(a for a in _manifest(out)["assets"] if a["id"].startswith("card "))
    assert {(r[1], r[2]) for r in card["reads"]} == {
        ("Japan", "production_2023"), ("China", "production_2023")
    }  # fmt: skip
    (tmp_path / "production.csv").write_text(
        PRODUCTION_CSV.replace("10611555", "10700000").replace("8997440", "9600000")
    )
    report = build(path, BuildOptions(out_dir=out)).changes
    shown = {n.label: n.shown_in for n in report.numbers}
    assert shown["production · USA · production_2023"] == ("slide 1 stat 1", "slide 1 item 1 value")
    assert card["id"] in shown["production · Japan · production_2023"]


# --------------------------------------------------------------------------- warnings kept
CROWDED = """\
  - kind: bullets
    title: Seven points
    items: [one, two, three, four, five, six, seven]
"""


def test_an_up_to_date_build_says_the_last_builds_warnings_again(tmp_path):
    """The output on disk still has what it was warned of: a build that finds it up to date
    says so again, from the manifest (it said nothing; fuzz-J/3)."""
    path = write_project(tmp_path, HEADER + CROWDED)
    out = tmp_path / "out"
    first = build(path, BuildOptions(out_dir=out))
    assert any("7 bullets" in w for w in first.warnings)
    again = build(path, BuildOptions(out_dir=out))
    assert again.up_to_date and again.warnings == first.warnings
    assert _manifest(out)["warnings"] == list(first.warnings)
    runner = CliRunner()
    said = runner.invoke(cli, ["build", str(path), "--out", str(out)])
    assert said.exit_code == 0, said.output
    assert f"warning (last build): {first.warnings[0]}" in said.output
    assert "Up to date" in said.output


def test_warnings_of_what_a_build_did_are_not_kept(tmp_path):
    """A card removed is said by the build that removed it; the next has nothing to say."""
    path = write_project(tmp_path, HEADER + SHARED)
    out = tmp_path / "out"
    build(path, BuildOptions(out_dir=out))
    path.write_text(path.read_text().replace("    share: [ig-square]\n", ""))
    removing = build(path, BuildOptions(out_dir=out))
    assert any("removed 1 card" in w for w in removing.warnings)
    assert _manifest(out)["warnings"] == []
    assert build(path, BuildOptions(out_dir=out)).warnings == ()


def test_a_damaged_warnings_list_makes_the_manifest_damaged(tmp_path):
    path = _project(tmp_path)
    out = tmp_path / "out"
    build(path, BuildOptions(out_dir=out))
    file = out / "deck" / "manifest.json"
    document = json.loads(file.read_text())
    file.write_text(json.dumps({**document, "warnings": [1]}))
    assert manifest.load(file)[1] == "warnings[0] is not a text"


# --------------------------------------------------------------------------- deckgen diff
def _two_builds(tmp_path):
    path = _project(tmp_path)
    build(path, BuildOptions(out_dir=tmp_path / "old"))
    (tmp_path / "production.csv").write_text(PRODUCTION_CSV.replace("30160966", "31000000"))
    build(path, BuildOptions(out_dir=tmp_path / "new"))


def test_deckgen_diff_takes_the_output_folder_a_build_was_written_to(tmp_path):
    """An output folder holds no manifest.json: each build's is in OUT/<name>/. With one
    build there, it is the one compared (it said 'not a deckgen build manifest' of a file
    that does not exist; fuzz-J/11)."""
    _two_builds(tmp_path)
    result = CliRunner().invoke(cli, ["diff", str(tmp_path / "old"), str(tmp_path / "new")])
    assert result.exit_code == 0, result.output
    assert "production · China · production_2023: 30,160,966 → 31,000,000" in result.output
    assert f"note: {tmp_path / 'old'}/ holds one build, {tmp_path / 'old' / 'deck'}/" in (
        result.output
    )


def test_deckgen_diff_says_where_the_builds_are_when_it_cannot_choose(tmp_path):
    _two_builds(tmp_path)
    runner = CliRunner()
    shutil.copytree(tmp_path / "new" / "deck", tmp_path / "new" / "other")
    several = runner.invoke(cli, ["diff", str(tmp_path / "old"), str(tmp_path / "new")])
    assert several.exit_code == 2
    new = tmp_path / "new"
    assert (f"{new}: holds no manifest.json but 2 builds, each with its own: {new / 'deck'}/, "
            f"{new / 'other'}/; give one of them") in several.output  # fmt: skip
    # The other side names its build: the namesake is taken.
    named = runner.invoke(cli, ["diff", str(tmp_path / "old" / "deck"), str(tmp_path / "new")])
    assert named.exit_code == 0, named.output
    assert "30,160,966 → 31,000,000" in named.output
    # At most 12 named, then a count (15 builds listed every one: found by fuzzing).
    for k in range(14):
        shutil.copytree(new / "deck", new / f"more{k:02}")
    shutil.rmtree(new / "deck")  # else the old side's namesake is taken
    many = runner.invoke(cli, ["diff", str(tmp_path / "old" / "deck"), str(new)])
    assert "holds no manifest.json but 15 builds" in many.output
    assert many.output.count("/, ") == 11 and "/ and 3 more; give one of them" in many.output
    (tmp_path / "empty").mkdir()
    empty = runner.invoke(cli, ["diff", str(tmp_path / "empty"), str(new / "other")])
    assert empty.exit_code == 2
    assert f"{tmp_path / 'empty'}: no manifest.json here or in its folders" in empty.output
    assert "not a deckgen build manifest" not in empty.output


def test_deckgen_diff_speaks_of_two_builds_not_of_the_last_build_and_the_cache(tmp_path):
    _two_builds(tmp_path)
    runner = CliRunner()
    result = runner.invoke(cli, ["diff", str(tmp_path / "old/deck"), str(tmp_path / "new/deck")])
    assert result.exit_code == 0, result.output
    assert "New or changed pictures 1: slide 1 chart" in result.output
    assert "2 pictures the same in both." in result.output
    assert "cache" not in result.output and "Re-rendered" not in result.output
    same = runner.invoke(cli, ["diff", str(tmp_path / "new/deck"), str(tmp_path / "new/deck")])
    assert same.output == "The two builds are the same.\n"


# --------------------------------------------------------------------------- edits in words
NAMED = """\
  - kind: stats
    title: China built the most
    items:
      - {value: "{{ production.China.production_2023 | compact }}", label: China, accent: true}
      - {value: "{{ production.USA.production_2023 | compact }}", label: U.S.}
    share: [ig-square]
"""


def test_a_card_named_after_its_slide_s_title_is_renamed_when_the_title_is_edited(tmp_path):
    """A card without a name takes its slide's title for one: the title edited, the card is
    the same card under a new name (the report said one was removed, another re-rendered;
    fuzz-J/8)."""
    path = write_project(tmp_path, HEADER + NAMED)
    out = tmp_path / "out"
    build(path, BuildOptions(out_dir=out))
    path.write_text(path.read_text().replace("built the most", "built by far the most"))
    result = build(path, BuildOptions(out_dir=out))
    report = result.changes
    old, new = (
        "card china-built-the-most-ig-square.png",
        "card china-built-by-far-the-most-ig-square.png",
    )
    assert report.renamed == ((old, new),)
    assert not [w for w in result.warnings if "removed" in w]  # nor warned of as removed
    assert report.removed == () and report.rendered == (new,)
    assert f"Renamed 1: {old} → china-built-by-far-the-most-ig-square.png" in report.lines()
    # A card of a manifest written before cards said what they are made of: removed, as then.
    card = {"kind": "card/stat", "key": "k", "placed": {"preset": "ig-square"}}
    before = {"order": [], "assets": [{**card, "id": old}]}
    after = {"order": [], "assets": [{**card, "id": new, "of": "slides[0]"}]}
    assert manifest.compare(before, after).removed == (old,)


def test_a_card_of_social_cards_renamed_is_renamed_not_removed():
    def doc(name: str) -> dict:
        card = {"id": f"card {name}-ig-square.png", "kind": "card/stat", "key": "k",
                "of": "social.cards[0]", "placed": {"preset": "ig-square"}}  # fmt: skip
        return {"order": _order(("chart", "A")), "assets": [card]}

    report = manifest.compare(doc("poll"), doc("poll-67"))
    assert report.renamed == (("card poll-ig-square.png", "card poll-67-ig-square.png"),)
    assert report.removed == report.rendered == () and report.reused == 1


SOCIAL = """\
  - kind: title
    title: Cars
social:
  cards:
    - {kind: stat, name: a, value: "30.2M", label: vehicles built in China, presets: [og]}
"""
MORE = """\
    - {kind: stat, name: b, value: "10.6M", label: vehicles built in the U.S., presets: [og]}
    - {kind: quote, name: c, text: Cars are built everywhere now., attribution: A minister,
       presets: [og, ig-square]}
"""


def test_cards_added_or_removed_are_said_as_that_not_as_texts_given(tmp_path):
    """Two cards added were said as their words given, one line each ("card b label
    edited: '' → 'vehicles built in the U.S.'"), and removed as texts left out and files
    removed (fuzzing round 8, 16). Each is now "N cards added: b, c" or "removed"."""
    path = write_project(tmp_path, HEADER + SOCIAL)
    out = tmp_path / "out"
    build(path, BuildOptions(out_dir=out))
    path.write_text(HEADER + SOCIAL + MORE)
    report = build(path, BuildOptions(out_dir=out)).changes
    assert report.cards_added == ("b", "c") and report.cards_dropped == ()
    assert report.texts == () and report.removed == ()
    assert "2 cards added: b, c" in report.lines()
    path.write_text(HEADER + SOCIAL)
    report = build(path, BuildOptions(out_dir=out)).changes
    assert report.cards_dropped == ("b", "c") and report.cards_added == ()
    assert report.texts == () and report.removed == ()
    assert "2 cards removed: b, c" in report.lines()
    # The card that stays, its words edited, is said as before.
    path.write_text(HEADER + SOCIAL.replace("vehicles built in China", "built in China"))
    report = build(path, BuildOptions(out_dir=out)).changes
    assert report.cards_added == report.cards_dropped == ()
    assert [str(t) for t in report.texts] == [
        "card a label edited: 'vehicles built in China' → 'built in China'"
    ]


TWINS = """\
  - kind: stats
    title: Two numbers
    items:
      - {value: "{{ production.USA.production_2004 | compact }}", label: U.S. in 2004}
      - {value: 67%, label: agree}
  - kind: stats
    title: Two numbers
    items:
      - {value: "{{ production.Japan.production_2023 | compact }}", label: Japan in 2023}
  - kind: statement
    text: Twenty years changed where cars are built.
"""


def test_two_neighbouring_slides_alike_in_kind_and_title_swapped_are_moved(tmp_path):
    """Slides are known by their kind and title; two that share them are told apart by what
    they hold: swapped, one moved (each was taken for the other: 'Texts that changed' in
    both, and 'Removed 1: slide 1 stat 2')."""
    path = write_project(tmp_path, HEADER + TWINS)
    out = tmp_path / "out"
    build(path, BuildOptions(out_dir=out))
    first, second, rest = re.split(r"(?m)^(?=  - kind:)", TWINS)[1:]
    path.write_text(HEADER + second + first + rest)
    report = build(path, BuildOptions(out_dir=out)).changes
    assert report.moved == ("slide 1 (stats 'Two numbers'), was slide 2",)
    assert report.texts == report.removed == report.rendered == report.added == ()
    assert report.lines() == [
        "Changed files: deck.yaml",
        "1 slide moved: slide 1 (stats 'Two numbers'), was slide 2",
        "Reused 3 unchanged pictures from the cache.",
    ]


def test_slides_alike_in_kind_and_title_are_matched_by_what_they_hold():
    def order(*slides: tuple[str, str, str]) -> list[dict]:
        return [{"kind": k, "title": t, "shows": t, "content": c, "numbers": [n + 1]}
                for n, (k, t, c) in enumerate(slides)]  # fmt: skip

    a1, a2, b = ("chart", "A", "1"), ("chart", "A", "2"), ("stats", "B", "3")
    swapped = manifest.match_slides(order(a1, a2, b), order(a2, a1, b))
    assert swapped is not None and swapped.pairs == {0: 1, 1: 0, 2: 2}
    assert swapped.moved and swapped.added == swapped.dropped == ()
    # One of the two edited in its place is still that slide; a slide with a title of its
    # own is matched by its title alone, whatever it holds now.
    edited = manifest.match_slides(order(a1, a2, b), order(a1, ("chart", "A", "9"),
                                                            ("stats", "B", "4")))  # fmt: skip
    assert edited is not None and edited.pairs == {0: 0, 1: 1, 2: 2} and edited.moved == ()


TITLED = """\
  - kind: chart
    title: "China built {{ production.China.production_2023 | compact }} vehicles in 2023"
    chart: {type: bar, data: production, x: country, y: production_2023, highlight: China}
  - kind: bullets
    title: Three points
    items: [one, two, three]
"""


def test_a_title_edited_in_the_outline_is_said_to_be_edited(tmp_path):
    """A title edited reads "title edited", where a number's change to it does not: a title
    without a template was not reported at all, one with a template as if the data had
    changed it."""
    path = write_project(tmp_path, HEADER + TITLED)
    out = tmp_path / "out"
    build(path, BuildOptions(out_dir=out))
    path.write_text(
        path.read_text()
        .replace("title: Three points", "title: Three points to remember")
        .replace('"China built {{', '"In 2023 China built {{')
    )
    report = build(path, BuildOptions(out_dir=out)).changes
    assert report.texts == (
        manifest.TextChange("slide 1 title", "China built 30.2M vehicles in 2023",
                            "In 2023 China built 30.2M vehicles in 2023", edited=True),
        manifest.TextChange("slide 2 title", "Three points", "Three points to remember",
                            edited=True),
    )  # fmt: skip
    assert "  slide 2 title edited: 'Three points' → 'Three points to remember'" in report.lines()
    # The data changed alone: the same template made other words, not edited.
    (tmp_path / "production.csv").write_text(PRODUCTION_CSV.replace("30160966", "31000000"))
    again = build(path, BuildOptions(out_dir=out)).changes
    assert [str(t) for t in again.texts] == [
        "slide 1 title: 'In 2023 China built 30.2M vehicles in 2023' → "
        "'In 2023 China built 31M vehicles in 2023'"
    ]


def test_a_file_the_last_build_did_not_read_is_said_to_be_new_to_it():
    """A data source added to the outline was listed as a changed file (review)."""
    old = {"assets": [], "inputs": {"deck.yaml": "a"}}
    new = {"assets": [], "inputs": {"deck.yaml": "b", "extra.csv": "c"}}
    assert manifest.compare(old, new).lines() == [
        "Changed files: deck.yaml, extra.csv (not read before)"
    ]


def test_a_table_added_over_charted_cells_changes_no_number(tmp_path):
    # The chart records a cell as a number (4.6), a table over a column holding '..'
    # as the file writes it ('4.6'): adding the table listed every cell as changed,
    # '4.6 → 4.6' and '3 → 3.0' (found by review).
    data = "region,rate\nNorth,4.6\nSouth,3.0\nEast,..\n"
    chart = (
        "  - kind: chart\n    title: The North has the highest rate\n    chart:\n"
        "      type: hbar\n      data: production\n      x: region\n      y: rate\n"
        "      filter: [{column: region, op: '!=', value: East}]\n"
    )
    table = (
        "  - kind: table\n    title: Rates by region\n    table:\n      data: production\n"
        "      columns: [region, rate]\n"
    )
    path = write_project(tmp_path, HEADER + chart, {"production.csv": data})
    out = tmp_path / "out"
    build(path, BuildOptions(out_dir=out))
    path.write_text(path.read_text() + table)
    changes = build(path, BuildOptions(out_dir=out)).changes
    assert changes.numbers == ()
    assert any("table" in line for line in changes.lines())


# --------------------------------------------------------------------------- damaged manifests
def _paths(node, path=()):
    """Every place in a JSON document, as the keys and indices leading to it."""
    yield path
    items = (
        node.items()
        if isinstance(node, dict)
        else enumerate(node)
        if isinstance(node, list)
        else ()
    )
    for key, value in items:
        yield from _paths(value, (*path, key))


def _put(document, path, value):
    node = document
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value


@pytest.fixture(scope="module")
def built_manifest(tmp_path_factory) -> tuple[dict, object]:
    root = tmp_path_factory.mktemp("damaged")
    path = _project(root)
    out = root / "out"
    build(path, BuildOptions(out_dir=out))
    return _manifest(out), path.parent


@settings(deadline=None, max_examples=300)
@given(data=st.data())
def test_a_manifest_damaged_anywhere_is_discarded_or_read_never_a_crash(
    built_manifest, tmp_path_factory, data
):
    # A damaged manifest is discarded with a warning (README); one whose assets' "placed"
    # was a number crashed the next build and `deckgen diff` (AttributeError, exit 1; found
    # by fuzzing). Any value anywhere, of any type: load refuses it, or every reader of a
    # manifest takes it.
    import copy

    good, root = built_manifest
    damaged = copy.deepcopy(good)
    places = [p for p in _paths(good) if p]
    for _ in range(data.draw(st.integers(1, 3))):
        place = data.draw(st.sampled_from(places))
        try:
            _put(damaged, place, data.draw(_JSON))
        except (KeyError, IndexError, TypeError):  # an earlier change removed its parent
            continue
    file = tmp_path_factory.mktemp("m") / "manifest.json"
    file.write_text(json.dumps(damaged))
    document, why = manifest.load(file)
    if document is None:
        assert why
        return
    for old, new in ((document, good), (good, document)):
        manifest.compare(old, new).lines(between=True)
    manifest.compare(document, good, drawn=[a["key"] for a in good["assets"]])
    manifest.up_to_date(document, {}, root)


def test_a_text_change_is_quoted_as_the_slide_shows_it_never_in_python_escapes():
    """Python's repr wrote a French number's no-break spaces as '30\\u202f160', a line
    break as '\\n', and put double quotes round an apostrophe; a changed true or false
    value read 'True' (fuzzing round 5)."""
    from deckgen.manifest import TextChange, show_value

    change = TextChange("slide 1 title", "30\u202f160 voitures", "It's\nup")
    assert str(change) == "slide 1 title: '30\u202f160 voitures' → 'It's ⏎ up'"
    assert (show_value(True), show_value(False)) == ("true", "false")


def test_a_changed_number_is_written_as_people_write_it_and_a_bad_file_plainly(tmp_path):
    """'4e-05 → 7e-05' with a hyphen for minus, and "not JSON (Expecting value: line 1
    column 1 (char 0))" (fuzzing round 6)."""
    from deckgen.manifest import load, show_value

    assert [show_value(v) for v in (4e-05, -7e-05, 1.5e20, -3)] == [
        "0.00004", "\u22120.00007", "150,000,000,000,000,000,000", "\u22123"]  # fmt: skip
    bad = tmp_path / "manifest.json"
    bad.write_text("{\n  nope")
    assert load(bad, None) == (None, "not JSON: it stops being JSON at line 2, column 3")
