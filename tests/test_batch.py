"""deckgen batch: one deck per row, failure isolation, rebuilding only what changed."""

from __future__ import annotations

import re
import shutil
import textwrap
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner
from pptx import Presentation

from deckgen.batch import batch, folder_name
from deckgen.cli import cli
from deckgen.errors import DataError, DeckgenError
from deckgen.pipeline import BuildOptions
from tests.helpers import REPO

if TYPE_CHECKING:
    from pathlib import Path

# Twelve rows written for this test; "Islands" has no sales figure, so its title cannot
# be filled in and its deck fails while the other eleven are built.
CSV = """\
region,sales,share
North,12.5,10
South,8.25,7
East,20,15
West,5.5,4
Central,9,8
Highlands,3.25,2
Coast,14,11
Valley,7.75,6
Plains,11,9
Lakes,6,5
Islands,,3
Metro,30,21
"""

OUTLINE = """\
deck:
  title: "{{ row.region }} sales"
  theme: corporate
data:
  regions:
    file: regions.csv
    columns:
      region: {type: text, required: true}
      sales: number
      share: number
slides:
  - kind: stats
    title: "{{ row.region }} sold {{ row.sales | number }} million units"
    source: Test data
    items:
      - {value: "{{ row.sales | number }}", label: million units}
      - {value: "{{ row.share | percent }}", label: of all sales}
  - kind: chart
    title: "{{ row.region }} among all regions"
    source: Test data
    chart:
      type: hbar
      data: regions
      x: region
      y: sales
      filter: [{column: sales, op: ">", value: 0}]
      highlight: "{{ row.region }}"
"""


def _project(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "themes", tmp_path / "themes")
    (tmp_path / "regions.csv").write_text(CSV)
    path = tmp_path / "sheet.yaml"
    path.write_text(OUTLINE)
    return path


def _texts(deck: Path) -> list[str]:
    # As read: a no-break space ('13 million') is a space to a reader.
    return [s.text_frame.text.replace("\xa0", " ") for slide in Presentation(str(deck)).slides
            for s in slide.shapes if s.has_text_frame]  # fmt: skip


def _alt_texts(deck: Path) -> str:
    return " ".join(s._element.xpath("./*[1]/p:cNvPr")[0].get("descr") or ""
                    for slide in Presentation(str(deck)).slides for s in slide.shapes)  # fmt: skip


def _pictures(deck: Path) -> list[bytes]:
    return [s.image.blob for slide in Presentation(str(deck)).slides
            for s in slide.shapes if s.shape_type == 13]  # fmt: skip


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    root = tmp_path_factory.mktemp("batch")
    path = _project(root)
    result = batch(path, BuildOptions(out_dir=root / "out", workers=2), for_each="regions")
    return path, result


def test_one_deck_per_row_and_a_bad_row_fails_alone(built):
    path, result = built
    assert [r.key for r in result.rows][:3] == ["North", "South", "East"]
    assert result.count("built") == 11 and result.count("failed") == 1
    (failed,) = result.failed
    assert failed.key == "Islands"
    assert "sheet.yaml:13" in failed.error and "no value" in failed.error
    north = path.parent / "out" / "north" / "sheet.pptx"
    assert "North sold 13 million units" in _texts(north)
    assert "Metro sold 30 million units" in _texts(path.parent / "out" / "metro" / "sheet.pptx")
    assert not (path.parent / "out" / "islands" / "sheet.pptx").exists()


def test_a_rerun_rebuilds_only_the_row_that_changed(built, tmp_path):
    path, _ = built
    # As deep as the original: the manifests name the installed fonts relative to the
    # outline's folder, and a row whose files cannot be found is built again.
    project = tmp_path
    shutil.copytree(path.parent, project, dirs_exist_ok=True)
    (project / "regions.csv").write_text(CSV.replace("Lakes,6,5", "Lakes,6,6"))
    options = BuildOptions(out_dir=project / "out", workers=2)
    again = batch(project / "sheet.yaml", options, for_each="regions")
    statuses = {r.key: r.status for r in again.rows}
    assert statuses.pop("Lakes") == "built"
    assert statuses.pop("Islands") == "failed"
    assert set(statuses.values()) == {"up to date"}
    assert "6%" in _alt_texts(project / "out" / "lakes" / "sheet.pptx")
    # A deck deleted by hand is rebuilt even though its data did not change.
    (project / "out" / "north" / "sheet.pptx").unlink()
    third = batch(project / "sheet.yaml", options, for_each="regions", where=("region=North",))
    assert [(r.key, r.status) for r in third.rows] == [("North", "built")]


def test_one_or_two_processes_give_identical_pictures(built, tmp_path):
    path, _ = built
    where = ("region=Coast",)
    one = batch(path, BuildOptions(out_dir=tmp_path / "one", workers=1), for_each="regions",
                where=where)  # fmt: skip
    assert one.count("built") == 1
    ours = path.parent / "out" / "coast" / "sheet.pptx"
    assert _pictures(tmp_path / "one" / "coast" / "sheet.pptx") == _pictures(ours)


def test_every_row_is_staged_here(built, tmp_path, monkeypatch):
    """Rows are bound and planned in this process, which holds the inputs; the workers,
    started before the inputs were read, only draw and assemble."""
    import os

    from deckgen import batch as batch_module

    staged = tmp_path / "staged"
    staged.mkdir()
    real = batch_module._stage

    def noted(task, *args):
        (staged / task.key).write_text(str(os.getpid()))
        return real(task, *args)

    monkeypatch.setattr(batch_module, "_stage", noted)
    path = _project(tmp_path)
    result = batch(path, BuildOptions(out_dir=tmp_path / "out", workers=2), for_each="regions")
    assert result.count("built") == 11
    assert {f.read_text() for f in staged.iterdir()} == {str(os.getpid())}
    assert len(list(staged.iterdir())) == 12
    # The same deck as the module's batch made.
    ours = built[0].parent / "out" / "coast" / "sheet.pptx"
    assert _pictures(tmp_path / "out" / "coast" / "sheet.pptx") == _pictures(ours)


def test_a_rows_chart_data_is_selected_once(tmp_path, monkeypatch):
    """A row's chart is checked, planned and shown on its card: its data is selected once
    for the three, as in a build (each row's own: the highlight differs)."""
    from deckgen.tables import select

    selected: list[str] = []
    real = select._chart_data

    def counted(frame, spec, where, **kwargs):
        selected.append(str(spec.highlight))
        return real(frame, spec, where, **kwargs)

    monkeypatch.setattr(select, "_chart_data", counted)
    path = _project(tmp_path)
    # The chart slide's chart, as a card of the same row's.
    chart = textwrap.indent(OUTLINE[OUTLINE.index("    chart:\n") :], "  ")
    card = (
        "social:\n  cards:\n    - kind: chart\n      presets: [x-post]\n"
        '      title: "{{ row.region }} among all regions"\n      source: Test data\n' + chart
    )
    path.write_text(OUTLINE + card)
    result = batch(path, BuildOptions(out_dir=tmp_path / "out", workers=1), for_each="regions",
                   where=("region=Coast",))  # fmt: skip
    assert result.count("built") == 1
    assert (tmp_path / "out" / "coast" / "sheet" / "social").is_dir()
    assert selected == ["['Coast']"]


def test_the_rows_manifests_say_the_inputs_once_worked_out(tmp_path, monkeypatch):
    """The rows read the inputs read once for the batch: where their paths lead is worked
    out once, and every row's manifest says the same of them."""
    import json

    from deckgen import manifest

    calls: list[int] = []
    real = manifest.shipped
    monkeypatch.setattr(manifest, "shipped", lambda *a: calls.append(1) or real(*a))
    path = _project(tmp_path)
    result = batch(path, BuildOptions(out_dir=tmp_path / "out", workers=1), for_each="regions",
                   where=("region!=Islands",))  # fmt: skip
    assert result.count("built") == 11
    assert calls == [1]
    said = [json.loads(f.read_text()) for f in (tmp_path / "out").glob("*/sheet/manifest.json")]
    assert len(said) == 11
    assert len({json.dumps([m["inputs"], m["shipped"], m["lookups"]]) for m in said}) == 1
    assert "regions.csv" in said[0]["inputs"]
    assert manifest._SAID.get() is None  # kept for the batch alone: a build resolves anew


def test_a_window_of_rows_is_under_way_at_most(tmp_path, monkeypatch):
    """The rows under way bound the memory a batch holds, whatever its size."""
    from deckgen import batch as batch_module

    real_init, real_staged = batch_module._Flow.__init__, batch_module._Flow.staged
    peak = [0]

    def small_window(flow, *args):
        real_init(flow, *args)
        flow.window = 2

    def staged(flow, *args, **kwargs):
        peak[0] = max(peak[0], flow.under_way)
        return real_staged(flow, *args, **kwargs)

    monkeypatch.setattr(batch_module._Flow, "__init__", small_window)
    monkeypatch.setattr(batch_module._Flow, "staged", staged)
    path = _project(tmp_path)
    result = batch(path, BuildOptions(out_dir=tmp_path / "out", workers=2), for_each="regions")
    assert result.count("built") == 11
    assert peak[0] == 2


def test_where_keeps_and_drops_rows(built, tmp_path):
    path, _ = built
    options = BuildOptions(out_dir=tmp_path / "w", workers=1)
    kept = batch(path, options, for_each="regions", where=("region!=Islands", "share!=21"),
                 on_row=lambda *_: None)  # fmt: skip
    assert len(kept.rows) == 10 and not kept.failed
    assert "Metro" not in {r.key for r in kept.rows}


@pytest.mark.parametrize(
    ("kwargs", "needle"),
    [
        ({"for_each": "region"}, "did you mean 'regions'"),
        ({"for_each": "regions", "key": "regoin"}, "did you mean 'region'"),
        ({"for_each": "regions", "where": ("region=Nort",)}, "did you mean 'North'"),
        ({"for_each": "regions", "where": ("region",)}, "expected COLUMN=VALUE"),
        # Text is compared exactly: the suggestion names the capitals (none was offered).
        ({"for_each": "regions", "where": ("region=north",)}, "did you mean 'North'? (text"),
        # Each matches a row, no row both: it built nothing and reported success.
        (
            {"for_each": "regions", "where": ("region=North", "region=Metro")},
            "no row of 'regions' meets them all",
        ),
    ],
)
def test_whole_batch_problems_are_errors_with_a_fix(built, tmp_path, kwargs, needle):
    path, _ = built
    options = BuildOptions(out_dir=tmp_path / "e", workers=2)
    with pytest.raises(DataError) as caught:
        batch(path, options, **kwargs)
    assert needle in caught.value.format_message().replace('"', "'")


def test_a_folder_name_is_safe_everywhere():
    assert folder_name("Laredo, TX") == "laredo-tx"
    assert folder_name("../../etc") == "etc"
    # Nothing to name it by: 'row' and a digest, so two such keys keep two folders.
    assert folder_name("***").startswith("row-") and folder_name("***") != folder_name("~")
    # Windows keeps device names: a folder 'con' or 'com1' cannot be made there.
    assert folder_name("CON") == "con-row" and folder_name("Com1") == "com1-row"
    assert folder_name("console") == "console"


def test_a_folder_name_keeps_the_key_s_letters_in_any_script():
    """Only a-z and 0-9 were kept: 'Zürich' became 'z-rich', and every Japanese key 'row',
    so two prefectures 'collided' and the batch could not run (found by fuzzing)."""
    assert folder_name("Zürich") == "zurich" and folder_name("São Paulo") == "sao-paulo"
    assert folder_name("東京") == "東京" and folder_name("大阪") == "大阪"
    assert folder_name("a\u0301") == folder_name("\u00e1") == "a"  # one letter, two spellings


def test_a_long_key_gets_a_short_folder_of_its_own():
    """A key as long as a paragraph would be a folder name no file system takes (255
    bytes at most): it is cut, and a digest of the whole key keeps two such keys apart."""
    first, second = "x" * 300 + " one", "x" * 300 + " two"
    names = {folder_name(first), folder_name(second)}
    assert len(names) == 2 and all(len(n) <= 60 and n.startswith("xxxx") for n in names)
    assert folder_name(first) == folder_name(first)  # the same key, the same folder


def test_a_batch_with_a_long_key_builds_it_and_keeps_the_summary_readable(tmp_path):
    from click.testing import CliRunner

    from deckgen.cli import cli

    path = _project(tmp_path)
    long = "Region " + "x" * 300
    (tmp_path / "regions.csv").write_text(f"region,sales,share,code\nNorth,1,1,n\n"
                                          f"South,2,2,{long}\n")  # fmt: skip
    result = CliRunner().invoke(cli, ["batch", str(path), "--for-each", "regions", "--key",
                                      "code", "-o", str(tmp_path / "out")],
                                env={"DECKGEN_DAEMON": "off"})  # fmt: skip
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / folder_name(long)).is_dir()
    table = [line for line in result.output.splitlines() if "built  " in line]
    assert len(table) == 2 and all(len(line.split("  ")[0]) <= 40 for line in table)


def test_keys_that_share_a_folder_are_an_error(tmp_path):
    path = _project(tmp_path)
    (tmp_path / "regions.csv").write_text("region,sales,share\nNew York,1,1\nnew-york,2,2\n")
    with pytest.raises(DataError, match="would both go into the folder 'new-york'") as caught:
        batch(path, BuildOptions(out_dir=tmp_path / "o"), for_each="regions")
    # Named where they are: the message had no file or line (found by fuzzing).
    (problem,) = caught.value.problems
    assert problem.location.file.endswith("regions.csv") and problem.location.line == 3
    assert problem.message.startswith("rows 'New York' (regions.csv:2) and 'new-york' of")


def test_every_pair_of_keys_that_share_a_folder_is_said_at_once(tmp_path):
    """Three colliding pairs gave one error, about the first, and two rows of one name
    read 'rows '한국' and '한국'' (found by fuzzing)."""
    path = _project(tmp_path)
    (tmp_path / "regions.csv").write_text(
        "region,sales,share\nKorea,1,1\nKorea,2,2\nＡＢＣ,3,3\nABC,4,4\n", encoding="utf-8"
    )
    with pytest.raises(DataError) as caught:
        batch(path, BuildOptions(out_dir=tmp_path / "o"), for_each="regions")
    first, second = caught.value.problems
    assert first.message == (
        "this row and the one (regions.csv:2) of 'regions' are both named 'Korea', and would "
        "both go into the folder 'korea'"
    )
    assert second.message.startswith("rows 'ＡＢＣ' (regions.csv:4) and 'ABC' of 'regions'")


def test_the_command_reports_each_row_and_exits_2_when_one_failed(built, tmp_path, monkeypatch):
    path, _ = built
    out = tmp_path / "cli"
    run = CliRunner().invoke(
        cli, ["batch", str(path), "--for-each", "regions", "-o", str(out), "-j", "1",
              "--where", "region!=Metro", "--where", "region!=Coast"],
    )  # fmt: skip
    assert run.exit_code == 2, run.output
    assert "9 built, 0 up to date, 1 failed" in run.output
    assert "Islands" in run.output and "no value" in run.output
    # The failed row's file named from the working folder, as build names it (fuzzing).
    monkeypatch.chdir(path.parent)
    again = CliRunner().invoke(cli, ["batch", str(path), "--for-each", "regions", "-o",
                                     str(out), "-j", "1", "--where", "region=Islands"])  # fmt: skip
    lines = again.output.splitlines()
    (failed,) = [line for line in lines if "failed " in line]
    assert str(path.parent) not in failed and "no value" in failed, failed
    # Its fix under it, as check --for-each gives it (the first line alone: fuzzing).
    fix = lines[lines.index(failed) + 1]
    assert fix.lstrip().startswith("hint: fill in the cell, or leave its row out"), fix


def test_rows_that_fail_alike_say_it_once(tmp_path):
    """A filter misspelt in a template failed every row with the whole message and its
    hint, one after the other (found in review): the first row failing so says it, the
    others that they failed as it did."""
    path = _project(tmp_path)
    path.write_text(OUTLINE.replace("sales | number }} million", "sales | numbr }} million"))
    # The rows whose data has a gap fail for that too (the other test above).
    gaps = ["--where", "region!=Metro", "--where", "region!=Coast", "--where", "region!=Islands"]
    run = CliRunner().invoke(cli, ["batch", str(path), "--for-each", "regions", "-o",
                                   str(tmp_path / "o"), "-j", "1", *gaps])  # fmt: skip
    assert run.exit_code == 2, run.output
    lines = run.output.splitlines()
    told = [line for line in lines if "No filter named 'numbr'" in line]
    hints = [line for line in lines if "hint: did you mean 'number'" in line]
    assert len(told) == 1 and len(hints) == 1, run.output
    first = told[0].split()[0]
    alike = [line for line in lines if line.endswith(f"failed as {first} did")]
    failed = int(re.search(r"(\d+) failed", run.output)[1])
    assert failed > 2 and len(alike) == failed - 1


def test_a_picture_that_fails_to_draw_fails_only_the_rows_that_show_it(tmp_path, monkeypatch):
    from deckgen.render.charts import ChartJob

    def render(job: ChartJob):  # Coast's chart (the only one highlighting Coast) fails
        if "Coast" in repr(job.spec):
            raise DeckgenError("the chart could not be drawn")
        return draw(job)

    draw = ChartJob.render
    # Patched before the pool forks: the workers draw with it too.
    monkeypatch.setattr(ChartJob, "render", render)
    path = _project(tmp_path)
    result = batch(path, BuildOptions(out_dir=tmp_path / "out", workers=2), for_each="regions")
    errors = {r.key: r.error for r in result.failed}
    assert errors.keys() == {"Coast", "Islands"}
    # Said where the outline writes the chart (a drawing knows only its chart).
    assert errors["Coast"] == f"{path}:18: slides[1]: the chart could not be drawn"
    assert result.count("built") == 10
    assert (tmp_path / "out" / "north" / "sheet.pptx").exists()
    assert not (tmp_path / "out" / "coast" / "sheet.pptx").exists()


@pytest.mark.parametrize("workers", [1, 2])
def test_a_callout_that_fails_to_draw_fails_only_its_row(tmp_path, monkeypatch, workers):
    """Small pictures go to the workers several to a job; one that fails is still its
    rows' failure alone, and the others of its job are drawn."""
    from deckgen.kinds.slides.stats import StatJob

    def render(job: StatJob):  # Coast's share (11%, no other row's) fails
        if job.stat.value == "11%":
            raise DeckgenError("the callout could not be drawn")
        return draw(job)

    draw = StatJob.render
    monkeypatch.setattr(StatJob, "render", render)  # before the pool forks
    path = _project(tmp_path)
    share = '      - {value: "{{ row.share | percent }}", label: of all sales}\n'
    third = '      - {value: "12", label: regions}\n'  # three callouts: small pictures
    path.write_text(OUTLINE.replace(share, share + third))
    options = BuildOptions(out_dir=tmp_path / "out", workers=workers)
    result = batch(path, options, for_each="regions")
    errors = {r.key: r.error for r in result.failed}
    assert errors.keys() == {"Coast", "Islands"}
    assert errors["Coast"] == f"{path}:12: slides[0]: the callout could not be drawn"
    assert result.count("built") == 10


SHARED = """\
  - kind: chart
    title: Metro sells the most
    source: Test data
    chart: {type: bar, data: regions, x: region, y: sales, highlight: Metro,
            filter: [{column: sales, op: ">", value: 0}]}
"""


@pytest.mark.parametrize("workers", [1, 2])
def test_a_shared_picture_is_drawn_once_and_files_do_not_depend_on_jobs(tmp_path, workers):
    path = _project(tmp_path)
    path.write_text(OUTLINE + SHARED)
    where = ("region!=Islands",)
    result = batch(path, BuildOptions(out_dir=tmp_path / "out", workers=workers),
                   for_each="regions", where=where)  # fmt: skip
    assert result.count("built") == 11
    decks = [r.folder / "sheet.pptx" for r in result.rows]
    shown = {blob for deck in decks for blob in _pictures(deck)}
    # Per row: its two callouts and its chart; and the one chart they all show.
    assert result.rendered == len(shown) <= 3 * 11 + 1
    # --force draws every picture again, each still once.
    options = BuildOptions(out_dir=tmp_path / "out", workers=workers, force=True)
    again = batch(path, options, for_each="regions", where=where)
    assert again.count("built") == 11 and again.rendered == result.rendered
    if workers == 2:  # the same files as one process writes, byte for byte
        alone = batch(path, BuildOptions(out_dir=tmp_path / "one", workers=1),
                      for_each="regions", where=where)  # fmt: skip
        for row in alone.rows:
            for file in sorted(row.folder.rglob("*")):
                if file.is_file() and file.name != "manifest.json":  # it names the folder
                    twin = tmp_path / "out" / file.relative_to(tmp_path / "one")
                    assert twin.read_bytes() == file.read_bytes(), file


def test_the_rows_bind_against_one_set_of_tables(tmp_path, monkeypatch):
    """A data source's rows are made for templates once in a batch, not once a row: with a
    large source, a per-row copy made a batch grow with rows x data (a 1.5-million-row
    source and 50 rows took 413 s, and take 10 s)."""
    from deckgen.binding import tables

    path = _project(tmp_path)
    # Every row's templates read the regions table itself (its length, in a title).
    path.write_text(
        OUTLINE.replace(
            'title: "{{ row.region }} among all regions"',
            'title: "{{ row.region }} among {{ regions | length }}"',
        )
    )
    made = []
    real = tables.Table.from_frame.__func__  # type: ignore[attr-defined]

    def counted(cls, name, frame):
        made.append(name)
        return real(cls, name, frame)

    monkeypatch.setattr(tables.Table, "from_frame", classmethod(counted))
    cells = []
    real_cell = tables.cell_value
    monkeypatch.setattr(tables, "cell_value", lambda *a: cells.append(1) or real_cell(*a))
    result = batch(path, BuildOptions(out_dir=tmp_path / "out", workers=1), for_each="regions")
    assert result.count("built") == 11
    assert "North among 12" in _texts(tmp_path / "out" / "north" / "sheet.pptx")
    # The rows to build are the templates' rows: each cell made once.
    assert made == ["regions"]
    assert len(cells) == 12 * 3


def test_a_key_cell_with_spaces_around_it_highlights_its_own_row(tmp_path):
    """``highlight: "{{ row.region }}"`` of ' North ' is 'North', as every one-line template
    is; the chart's category is 'North' too, so the row's bar is highlighted (it matched
    nothing, and the row failed: found by fuzzing)."""
    path = _project(tmp_path)
    (tmp_path / "regions.csv").write_text('region,sales,share\n" North ",1,1\n'
                                          '"South\tEast",2,2\nWest,3,3\n')  # fmt: skip
    result = batch(path, BuildOptions(out_dir=tmp_path / "out"), for_each="regions")
    assert [r.status for r in result.rows] == ["built"] * 3, result.failed
    assert "North among all regions" in _texts(result.rows[0].deck)
    assert "South East among all regions" in _texts(result.rows[1].deck)


def test_the_command_says_each_build_warning_once_with_the_rows_it_holds_for(tmp_path):
    """A batch printed no warning: emoji drawn as empty boxes on every row's card went out
    without a word, where a build and check say so (found by fuzzing)."""
    (tmp_path / "rows.csv").write_text("name,value,label\nGood,10,plain growth\n"
                                       "Emoji,9,\U0001f697 growth\n")  # fmt: skip
    (tmp_path / "sheet.yaml").write_text(
        'deck: {title: "{{ row.name }}", organisation: Org}\n'
        "data: {rows: {file: rows.csv}}\n"
        "slides:\n  - kind: stats\n"
        '    title: "{{ row.name }} rose to {{ row.value | number }}"\n'
        '    items: [{value: "{{ row.value | number }}", label: "{{ row.label }}"}]\n'
    )
    run = CliRunner().invoke(cli, ["batch", str(tmp_path / "sheet.yaml"), "--for-each",
                                   "rows", "-o", str(tmp_path / "out"), "-j", "1"])  # fmt: skip
    assert run.exit_code == 0, run.output
    warned = [line for line in run.output.splitlines() if line.startswith("warning:")]
    assert any("U+1F697" in w and w.endswith("(row Emoji)") for w in warned), warned
    assert any("column 'label'" in w and w.endswith("(every row built)") for w in warned), warned
    # A rerun builds nothing and says the warnings of the decks still there, as a build that
    # is up to date does: it said nothing of them.
    again = CliRunner().invoke(cli, ["batch", str(tmp_path / "sheet.yaml"), "--for-each",
                                     "rows", "-o", str(tmp_path / "out"), "-j", "1"])  # fmt: skip
    assert again.exit_code == 0 and "0 built, 2 up to date" in again.output, again.output
    kept = [line for line in again.output.splitlines() if line.startswith("warning (last")]
    assert any("U+1F697" in w and w.endswith("(row Emoji)") for w in kept), again.output


@pytest.mark.parametrize("written", ["21", "21.0", "21.00", "2.1e1"])
def test_where_matches_a_number_cell_by_its_number(built, tmp_path, written):
    """'share=21.0' matched no row (text compared) and its did-you-mean named another row,
    so following it built the wrong one (found by fuzzing)."""
    path, _ = built
    options = BuildOptions(out_dir=tmp_path / "n", workers=1)
    dropped = batch(path, options, for_each="regions", where=(f"share!={written}",),
                    on_row=lambda *_: None)  # fmt: skip
    assert "Metro" not in {r.key for r in dropped.rows} and dropped.rows


CARDS = """\
social:
  cards:
    - kind: stat
      name: sales
      presets: [ig-square]
      title: "{{ row.region }} sold {{ row.sales | number }} million units"
      value: "{{ row.sales | number }}"
      label: million units
      source: Test data
"""


def test_an_outline_of_cards_alone_gives_each_row_its_cards_and_no_deck(tmp_path):
    """A batch of cards alone (a card per dealer) wrote each row a deck of no slides
    (found in review): each row gets its cards, no .pptx; a rerun finds it up to date;
    and the deck an earlier batch wrote while the outline had slides is removed, saying
    so, rather than left showing that build's numbers beside the new cards."""
    outline = _project(tmp_path)
    (tmp_path / "regions.csv").write_text("region,sales,share\nNorth,12.5,10\nSouth,8.25,7\n")
    with_slides = OUTLINE.replace("slides:", CARDS + "slides:")
    outline.write_text(with_slides)
    options = BuildOptions(out_dir=tmp_path / "out", workers=1)
    batch(outline, options, for_each="regions")
    deck = tmp_path / "out" / "north" / "sheet.pptx"
    assert deck.is_file()

    outline.write_text(with_slides[: with_slides.index("slides:")])  # cards alone now
    result = batch(outline, options, for_each="regions")
    cards = tmp_path / "out" / "north" / "sheet" / "social"
    assert [r.status for r in result.rows] == ["built", "built"]
    assert result.rows[0].deck == cards
    assert (cards / "sales-ig-square.png").is_file()
    assert not deck.exists() and not (tmp_path / "out" / "south" / "sheet.pptx").exists()
    (warning,) = [w for w in result.rows[0].warnings if "removed" in w]
    assert warning.startswith(f"{deck}: removed, written by an earlier build while the outline")

    again = batch(outline, options, for_each="regions")
    assert [r.status for r in again.rows] == ["up to date", "up to date"]

    fresh = batch(outline, BuildOptions(out_dir=tmp_path / "fresh", workers=2),
                  for_each="regions")  # fmt: skip
    assert [r.status for r in fresh.rows] == ["built", "built"]
    assert not list((tmp_path / "fresh").rglob("*.pptx"))
    assert (tmp_path / "fresh" / "south" / "sheet" / "social" / "sales-ig-square.png").is_file()


def test_a_batch_starts_its_workers_before_it_imports_the_outlines_models(
    tmp_path: Path,
) -> None:
    """The workers' process imports the drawing libraries while this one imports pydantic,
    the models and pandas, and reads the data: started after the models the row filters
    read, it began 0.15 s later, and the first row's pictures waited for it."""
    import subprocess
    import sys

    outline = _project(tmp_path)
    code = (
        "import sys\n"
        "import deckgen.pipeline as pipeline\n"
        "def open_pool(*args, **kwargs):\n"
        "    print('HEAVY', [m for m in ('pandas', 'pydantic') if m in sys.modules])\n"
        "    raise SystemExit(0)\n"
        "pipeline.open_pool = open_pool\n"
        "from deckgen.batch import batch\n"
        "from deckgen.pipeline import BuildOptions\n"
        f"batch({str(outline)!r}, BuildOptions(out_dir={str(tmp_path / 'out')!r}, workers=2),\n"
        "      for_each='regions')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=tmp_path)  # fmt: skip
    assert "HEAVY []" in out.stdout, out.stdout


def test_a_batch_of_some_rows_keeps_the_other_rows_pictures(tmp_path):
    """The cache is the whole table's: a batch --where chose one row of was pruned to that
    row's pictures, and the next run drew the others again (found by a new user). Here the
    next run, after one row's share changed, draws that share's callout alone."""
    path = _project(tmp_path)
    (tmp_path / "regions.csv").write_text(CSV.replace("Islands,,3\n", ""))
    options = BuildOptions(out_dir=tmp_path / "out", workers=1)
    first = batch(path, options, for_each="regions")
    assert first.count("built") == 11
    cached = sorted(p.name for p in (tmp_path / "out" / ".cache").iterdir())
    one = batch(path, options, for_each="regions", where=("region=North",))
    assert [(r.key, r.status) for r in one.rows] == [("North", "up to date")]
    assert sorted(p.name for p in (tmp_path / "out" / ".cache").iterdir()) == cached
    # 19%: a share no other row has, so its callout is drawn (6% would be Valley's).
    (tmp_path / "regions.csv").write_text(CSV.replace("Islands,,3\n", "").replace(
        "Lakes,6,5", "Lakes,6,19"))  # fmt: skip
    again = batch(path, options, for_each="regions")
    assert [r.key for r in again.rows if r.status == "built"] == ["Lakes"]
    assert again.rendered == 1  # its share's callout; its chart and sales from the cache
