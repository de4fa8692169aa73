"""The build manifest, the up-to-date check, the cache in a real build and `deckgen diff`."""

from __future__ import annotations

import json

from click.testing import CliRunner
from hypothesis import given
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
    assert manifest.show_value(None) == "no value"


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
    assert report.lines() == [
        "Option --pdf turned on",
        "Reused 0 unchanged pictures from the cache.",
    ]
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
