"""The staged build as a whole: determinism, worker processes, theme logo and footer."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest
from PIL import Image
from pptx import Presentation

from deckgen.pipeline import BuildOptions, build
from tests.helpers import HEADER, REPO, write_project

SLIDES = """\
  - kind: title
  - kind: chart
    title: China leads
    chart: {type: bar, data: production, x: country, y: production_2023, highlight: China}
  - kind: stats
    title: Numbers
    items: [{value: 67%, label: agree}, {value: $90B, label: committed}]
"""


def _pictures(deck: Path) -> list[bytes]:
    prs = Presentation(str(deck))
    return [s.image.blob for slide in prs.slides for s in slide.shapes if s.shape_type == 13]


def test_the_same_inputs_give_identical_pictures(tmp_path):
    path = write_project(tmp_path, HEADER + SLIDES)
    a = build(path, BuildOptions(out_dir=tmp_path / "a")).deck
    b = build(path, BuildOptions(out_dir=tmp_path / "b")).deck
    assert _pictures(a) == _pictures(b)
    texts = [[s.text_frame.text for s in sl.shapes if s.has_text_frame]
             for sl in Presentation(str(a)).slides]  # fmt: skip
    assert texts == [[s.text_frame.text for s in sl.shapes if s.has_text_frame]
                     for sl in Presentation(str(b)).slides]  # fmt: skip


@pytest.mark.parametrize("native", [False, True])
def test_worker_processes_give_the_same_deck_bytes_as_one_process(tmp_path, native):
    path = write_project(tmp_path, HEADER + SLIDES)
    serial = build(path, BuildOptions(out_dir=tmp_path / "serial", native_charts=native)).deck
    time.sleep(1.1)  # a time stamp written into the deck or a workbook would now differ
    parallel = build(path, BuildOptions(out_dir=tmp_path / "parallel", workers=2,
                                        native_charts=native)).deck  # fmt: skip
    assert serial.read_bytes() == parallel.read_bytes()


def test_a_cold_build_hands_out_pictures_before_the_slides_after_them_are_laid_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The workers draw while the rest is planned: they waited for the deck's last slide.
    from deckgen.kinds.slides.bullets import BulletsSlide
    from deckgen.render.executor import Pool

    events: list[str] = []
    submit, plan = Pool.submit, BulletsSlide.plan

    def submitting(self: Pool, fn: object, arg: object) -> object:
        events.append("picture sent")
        return submit(self, fn, arg)  # type: ignore[arg-type]

    def planning(self: BulletsSlide, *args: object) -> object:
        events.append("list laid out")
        return plan(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(Pool, "submit", submitting)
    monkeypatch.setattr(BulletsSlide, "plan", planning)
    chart = "{type: bar, data: production, x: country, y: production_%s}"
    slides = f"""\
  - kind: chart
    title: China leads
    chart: {chart % 2023}
  - kind: chart
    title: The USA led in 2004
    chart: {chart % 2004}
  - kind: bullets
    title: What it means
    items: [Jobs, Trade]
"""
    path = write_project(tmp_path, HEADER + slides)
    build(path, BuildOptions(out_dir=tmp_path / "out", workers=2))
    assert events.count("picture sent") == 2, events
    assert events.index("picture sent") < events.index("list laid out"), events


def test_the_manifest_is_drafted_while_the_cards_are_drawn(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Drafted once the cards' pictures were in, it was the last thing a warm rebuild did
    # before writing; drafted before the deck, it took CPU from the slides' pictures. What
    # each picture shows (its alt text, known once it is drawn) is filled in after.
    import deckgen.assemble.deck
    import deckgen.manifest
    from deckgen.render.executor import Rendering

    events: list[str] = []
    draft, build_deck = deckgen.manifest.draft, deckgen.assemble.deck.build_deck
    finish = Rendering.finish
    monkeypatch.setattr(deckgen.manifest, "draft",
                        lambda **kw: events.append("drafted") or draft(**kw))  # fmt: skip
    monkeypatch.setattr(deckgen.assemble.deck, "build_deck",
                        lambda *a: events.append("assembled") or build_deck(*a))  # fmt: skip
    monkeypatch.setattr(Rendering, "finish",
                        lambda self: events.append("cards awaited") or finish(self))  # fmt: skip
    path = write_project(tmp_path, HEADER + SLIDES)
    result = build(path, BuildOptions(out_dir=tmp_path / "out", workers=2))
    assert events == ["assembled", "drafted", "cards awaited"]
    assets = json.loads((tmp_path / "out" / path.stem / "manifest.json").read_text())["assets"]
    shown = {a["id"]: a["shows"] for a in assets}
    alts = [s._element.nvPicPr.cNvPr.get("descr") for sl in Presentation(str(result.deck)).slides
            for s in sl.shapes if s.shape_type == 13]  # fmt: skip
    assert shown["slide 2 chart"] == alts[0] and "China" in alts[0]
    assert shown["slide 3 stat 1"] == alts[1]


def test_a_theme_logo_and_deck_footer_are_placed(tmp_path):
    theme = tmp_path / "themes" / "brand"
    shutil.copytree(REPO / "themes" / "corporate", theme)
    Image.new("RGB", (300, 100), "#12355B").save(theme / "logo.png")
    (theme / "theme.yaml").write_text((theme / "theme.yaml").read_text() + "logo: logo.png\n")
    header = HEADER.replace("date:", "theme: brand\n  footer: Internal briefing\n  date:")
    path = write_project(tmp_path, header + SLIDES)
    prs = Presentation(str(build(path, BuildOptions(out_dir=tmp_path / "out")).deck))
    logo = [s for s in prs.slides[0].shapes if s.name == "Logo"]
    assert logo and "Tests Inc logo" in logo[0]._element.xpath("./*[1]/p:cNvPr")[0].get("descr")
    footer = [s.text_frame.text for s in prs.slides[1].shapes if s.name == "Footer"]
    assert footer == ["Internal briefing"]


def test_a_sessions_workers_warm_up_after_its_first_build_and_not_after_an_edit(
    tmp_path, monkeypatch
):
    import deckgen.render.executor
    from deckgen.pipeline import Session

    # The workers fork from this process, and so know what it drew: in other tests, these
    # very pictures (its text memos, which they inherit, know them too).
    monkeypatch.setattr(deckgen.render.executor, "_drawn", set())
    # A worker that sees the other's warm-up untaken for half a second takes the pool for
    # busy and stops (see executor.warm). In one full suite on a loaded machine, one worker
    # had drawn all three pictures while the other was slow to start; it gave up waiting,
    # took the other warm-up itself, and had nothing to draw: 0 of 3. The workers fork after
    # this, and wait as long as the slow one needs.
    monkeypatch.setattr(deckgen.render.executor, "_TAKEN_WITHIN", 120.0)
    path = write_project(tmp_path, HEADER + SLIDES)
    options = BuildOptions(out_dir=tmp_path / "warm", workers=2)
    session = Session()
    try:
        first = build(path, options, session=session)
        warming = list(session._warming)
        session.settle(timeout=120)
        # Each worker drew the pictures of the places it had not drawn: together, every
        # picture the build drew once more (each in the worker that had not drawn it).
        assert len(warming) == 2 and sum(f.result() for f in warming) == first.rendered
        csv = tmp_path / "production.csv"
        csv.write_text(csv.read_text().replace("30160966", "31000000"))
        warm = build(path, options, session=session)
        assert warm.rendered >= 1 and session._warming == []  # the same places: no warm-up
        cold = build(path, BuildOptions(out_dir=tmp_path / "cold"))
        assert warm.deck.read_bytes() == cold.deck.read_bytes()
    finally:
        session.close()


def test_a_session_rereads_only_what_changed_and_builds_the_same_deck(tmp_path):
    from deckgen.pipeline import Session, read_inputs

    path = write_project(tmp_path, HEADER + SLIDES)
    options = BuildOptions(out_dir=tmp_path / "warm")
    session = Session()
    try:
        first = read_inputs(path, options, session)
        again = read_inputs(path, options, session)
        assert again.loaded is first.loaded and again.theme is first.theme
        assert again.tables["production"] is first.tables["production"]
        build(path, options, session=session)
        csv = tmp_path / "production.csv"
        csv.write_text(csv.read_text().replace("30160966", "31000000"))
        changed = read_inputs(path, options, session)
        assert changed.loaded is first.loaded  # the outline did not change
        assert changed.tables["production"] is not first.tables["production"]
        warm = build(path, options, session=session)
        assert warm.rendered >= 1 and session.pool is not None
        cold = build(path, BuildOptions(out_dir=tmp_path / "cold"))
        assert warm.deck.read_bytes() == cold.deck.read_bytes()
        (tmp_path / "deck.yaml").write_text(path.read_text().replace("Numbers", "Two numbers"))
        assert read_inputs(path, options, session).loaded is not first.loaded
    finally:
        session.close()


# --------------------------------------------------------------------------- every error at once
ALL_WRONG = """\
deck:
  title: T
  theme: drak
data:
  production:
    file: production.csv
    columns: {production_2023: number}
  ports: {file: ports.csv}
slides:
  - kind: title
  - kind: bullets
    title: T
    itemz: [a]
"""


def test_one_run_reports_the_outline_theme_and_data_problems_together(tmp_path):
    from deckgen.errors import DataError, OutlineError, ThemeError
    from deckgen.pipeline import InputErrors, prepare

    bad_cell = "country,production_2004,production_2023\nChina,5234496,30.2 million\n"
    path = write_project(tmp_path, ALL_WRONG, {"production.csv": bad_cell})
    with pytest.raises(InputErrors) as caught:
        prepare(path, BuildOptions())
    assert [type(part) for part in caught.value.parts] == [OutlineError, DataError, ThemeError]
    text = str(caught.value.format_message())
    for line in (
        f"{path}:13: slides[1].itemz: unknown field 'itemz'",
        f"{tmp_path / 'production.csv'}:2: production_2023: expected a number in column "
        "'production_2023', found '30.2 million'",
        f"{path}:8: data.ports.file: data file not found: 'ports.csv'",
        f"{path}:3: deck.theme: unknown theme 'drak'; the themes are 'contrast', 'corporate', ",
        "  hint: did you mean 'dark'?",
    ):
        assert line in text, f"{line!r} not in:\n{text}"


def test_the_theme_is_loaded_before_the_data_is_read(tmp_path, monkeypatch):
    """A build hands the theme to its drawing workers as soon as it is loaded, so they
    load its fonts while this process reads the data (and imports pandas to do so)."""
    import deckgen.tables.sources as sources
    from deckgen.pipeline import prepare

    order: list[str] = []
    read = sources.load_tables

    def load_tables(*args: object, **kwargs: object) -> object:
        order.append("data")
        return read(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(sources, "load_tables", load_tables)
    path = write_project(tmp_path, HEADER + "  - kind: title\n")
    prepare(path, BuildOptions(), theme_loaded=lambda theme: order.append(theme.theme.name))
    assert order == ["corporate", "data"]


@pytest.mark.parametrize("theme", ["corporate", "dark", "contrast", "corporate-template"])
def test_the_workers_head_start_draws_in_every_theme(theme):
    """The chart the drawing process draws before it forks (errors there are ignored, so
    one that no longer draws would only make builds slower, unseen), and the theme fonts'
    character maps it reads, which the workers then share."""
    from deckgen.pipeline import warm_up
    from deckgen.theming import fonts
    from tests.helpers import load_theme

    loaded = load_theme(theme)
    fonts._cmap.cache_clear()
    fonts.covering.cache_clear()
    warm_up(loaded)
    read = fonts._cmap.cache_info().currsize
    for files in (loaded.heading, loaded.body, loaded.number):
        fonts._cmap(files.regular), fonts._cmap(files.bold)
    assert fonts._cmap.cache_info().currsize == read  # each file's was read already


def test_the_workers_head_start_leaves_them_a_slide_charts_style_to_make_figures_for():
    """Each worker makes figures ahead, before its first job, for the style the drawing
    process drew in before the fork: it must be a slide chart's (its dpi too), or every
    one of them is made for nothing."""
    from dataclasses import replace

    from deckgen.kinds.slides.chart import CHART_DPI
    from deckgen.pipeline import warm_up
    from deckgen.render import spares
    from tests.helpers import load_theme
    from tests.render.test_charts import CANVAS, _job

    spares._made.clear()
    spares._styles.clear()
    try:
        warm_up(load_theme("dark"))
        assert spares.make_one()  # as a worker does while its first job is to come
        slide_chart = _job("bar", "dark", replace(CANVAS, dpi=CHART_DPI))
        assert slide_chart.canvas.scale == 1.0
        made = sum(map(len, spares._made.values()))
        slide_chart.render()
        assert sum(map(len, spares._made.values())) == made - 1  # it took one
    finally:
        spares._made.clear()
        spares._styles.clear()


def test_a_failing_template_does_not_hide_the_other_slides_data_checks(tmp_path):
    # The highlight on slide 1 was reported only once slide 2's template was fixed
    # (found by fuzzing); the slide whose template failed is not checked (it holds the
    # template's text), nor is a card whose template failed.
    from deckgen.errors import BindingError, OutlineError
    from deckgen.pipeline import InputErrors, prepare

    body = (
        "  - kind: chart\n"
        "    title: China leads\n"
        "    chart: {type: bar, data: production, x: country, y: production_2023,"
        " highlight: Chnia}\n"
        "  - kind: chart\n"
        '    title: "{{ production.Chnia.production_2023 }} built"\n'
        "    chart: {type: bar, data: production, x: country, y: production_2023,"
        " highlight: Jpan}\n"
    )
    path = write_project(tmp_path, HEADER + body)
    with pytest.raises(InputErrors) as caught:
        prepare(path, BuildOptions())
    bound, checked = caught.value.parts
    assert isinstance(bound, BindingError) and type(checked) is OutlineError
    found = {p.location.field: p.message for p in caught.value.problems}
    assert "has no row 'Chnia'" in found["slides[1].title"]
    assert "'Chnia' matches no category" in found["slides[0].chart.highlight"]
    assert len(found) == 2, found  # slide 2's highlight ('Jpan') is left out


def test_a_problem_of_one_stage_keeps_its_own_kind(tmp_path):
    from deckgen.errors import DataError
    from deckgen.pipeline import prepare

    path = write_project(tmp_path, HEADER + "  - kind: title\n", {"notes.txt": ""})
    with pytest.raises(DataError, match=r"data file not found: 'production\.csv'"):
        prepare(path, BuildOptions())


def test_an_unknown_theme_option_is_named_as_the_option(tmp_path):
    from deckgen.errors import ThemeError
    from deckgen.pipeline import prepare

    path = write_project(tmp_path, HEADER + "  - kind: title\n")
    with pytest.raises(ThemeError) as caught:
        prepare(path, BuildOptions(theme="drak"))
    (problem,) = caught.value.problems
    assert problem.location is None  # --theme: not the outline's line
    assert problem.hint == "did you mean 'dark'?"


def test_deckgen_check_codes_each_stage_s_problems_by_their_stage(tmp_path):
    from deckgen.check import check

    path = write_project(tmp_path, ALL_WRONG, {"production.csv": "country,production_2023\n"})
    codes = sorted({f.code for f in check(path, BuildOptions()).findings})
    assert codes == ["BLD001", "BLD002", "BLD004"]


def test_the_first_build_collects_nothing_while_it_reads_then_freezes_once(monkeypatch):
    import gc

    from deckgen import pipeline
    from deckgen.render.executor import COLLECT_EVERY

    monkeypatch.setattr(pipeline, "_settled", False)
    frozen = gc.get_freeze_count()
    thresholds = gc.get_threshold()
    try:
        with pipeline.collect_later():
            assert not gc.isenabled()
            kept = [[] for _ in range(100)]  # alive when the inputs are read
        assert gc.isenabled()
        assert gc.get_freeze_count() >= frozen + len(kept)
        assert gc.get_threshold() == COLLECT_EVERY  # then collects as the workers do
        now = gc.get_freeze_count()
        with pipeline.collect_later():  # a later build: collects as usual, freezes nothing
            assert gc.isenabled()
        assert gc.get_freeze_count() == now
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)
        gc.enable()


def test_a_process_that_turned_collection_off_keeps_it_off(monkeypatch):
    import gc

    from deckgen import pipeline

    monkeypatch.setattr(pipeline, "_settled", False)
    gc.disable()
    try:
        with pipeline.collect_later():
            pass
        assert not gc.isenabled()
        assert not pipeline._settled
    finally:
        gc.enable()


# -- a warm session and a font file replaced in place --------------------------------------
def _bundled(family: str) -> tuple[Path, Path]:
    from deckgen.theming.fonts import BUNDLED, _bundled_file

    package, regular, bold = BUNDLED[family]
    return _bundled_file(package, regular), _bundled_file(package, bold)


def _as_family(source: Path, family: str) -> bytes:
    """The font file ``source`` declaring the family ``family``, as a brand's own font does
    (a theme's font file must be of its family)."""
    import io

    from fontTools.ttLib import TTFont

    with TTFont(str(source)) as font:
        for record in font["name"].names:
            if record.nameID in (1, 16):
                record.string = family
        out = io.BytesIO()
        font.save(out)
    return out.getvalue()


def _written(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*")
            if p.suffix in (".pptx", ".png") and "cache" not in p.parts}  # fmt: skip


@pytest.mark.parametrize("workers", [1, 2])
def test_a_font_file_replaced_in_place_is_drawn_anew_in_a_warm_session(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    # A designer drops the brand font's new version over the old file while `deckgen
    # watch` (or the daemon) runs: the same path, other bytes. Every font cache of a warm
    # process knows fonts by path (matplotlib's registry by family name): the session must
    # start afresh and draw what a cold build draws, not the old glyphs.
    import os
    import re
    import subprocess
    import sys

    from deckgen.examples import new_project
    from deckgen.pipeline import Session

    made = new_project(tmp_path / "p", "starter", None, force=False)
    folder = made.folder
    theme = folder / "themes" / made.theme
    (theme / "fonts").mkdir()
    old, new = _bundled("Lato"), _bundled("Roboto")
    for name, source in zip(("Brand.ttf", "Brand-Bold.ttf"), old, strict=True):
        (theme / "fonts" / name).write_bytes(_as_family(source, "Brand Sans"))
    brand = "{family: Brand Sans, regular: fonts/Brand.ttf, bold: fonts/Brand-Bold.ttf}"
    text = (theme / "theme.yaml").read_text()
    text = re.sub(r"(?m)^(  (?:heading|body|number)): .*$", rf"\1: {brand}", text)
    (theme / "theme.yaml").write_text(text)
    monkeypatch.chdir(folder)
    session = Session()
    options = BuildOptions(out_dir=Path("out"), workers=workers)
    try:
        build(Path("deck.yaml"), options, session=session)
        for name, source in zip(("Brand.ttf", "Brand-Bold.ttf"), new, strict=True):
            (theme / "fonts" / name).write_bytes(_as_family(source, "Brand Sans"))
        again = build(Path("deck.yaml"), options, session=session)
    finally:
        session.close()
    assert again.rendered > 0
    cold = subprocess.run([sys.executable, "-m", "deckgen", "build", "deck.yaml", "-o", "cold"],
                          cwd=folder, env={**os.environ, "DECKGEN_DAEMON": "off"},
                          capture_output=True, text=True, timeout=180)  # fmt: skip
    assert cold.returncode == 0, cold.stderr
    assert _written(folder / "out") == _written(folder / "cold")


@pytest.mark.parametrize("workers", [1, 2])
def test_a_theme_that_names_another_file_of_the_same_family_draws_that_file_in_a_warm_session(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    # The brand font's new version saved beside the old one (Brand-2024.ttf, the same
    # family name) and the theme pointed at it while `deckgen watch` (or the daemon) runs:
    # no file changed its bytes, so nothing is forgotten, and matplotlib, which finds a
    # font by its family name, kept drawing the first file registered under that name,
    # the old one, while the keys held the new file's bytes. A warm build draws what a
    # cold one does. (A family of its own: the name of another test's files, registered
    # first in this process, was drawn in both builds.)
    import os
    import re
    import subprocess
    import sys

    from deckgen.examples import new_project
    from deckgen.pipeline import Session

    made = new_project(tmp_path / "p", "starter", None, force=False)
    folder = made.folder
    theme = folder / "themes" / made.theme
    (theme / "fonts").mkdir()
    for version, files in (("old", _bundled("Lato")), ("new", _bundled("Roboto"))):
        for name, source in zip(("Brand", "Brand-Bold"), files, strict=True):
            (theme / "fonts" / f"{name}-{version}.ttf").write_bytes(_as_family(source, "Grotesk"))

    def use(version: str) -> None:
        brand = (f"{{family: Grotesk, regular: fonts/Brand-{version}.ttf, "
                 f"bold: fonts/Brand-Bold-{version}.ttf}}")  # fmt: skip
        text = (theme / "theme.yaml").read_text()
        text = re.sub(r"(?m)^(  (?:heading|body|number)): .*$", rf"\1: {brand}", text)
        (theme / "theme.yaml").write_text(text)

    use("old")
    monkeypatch.chdir(folder)
    session = Session()
    options = BuildOptions(out_dir=Path("out"), workers=workers)
    try:
        build(Path("deck.yaml"), options, session=session)
        use("new")
        again = build(Path("deck.yaml"), options, session=session)
    finally:
        session.close()
    assert again.rendered > 0
    cold = subprocess.run([sys.executable, "-m", "deckgen", "build", "deck.yaml", "-o", "cold"],
                          cwd=folder, env={**os.environ, "DECKGEN_DAEMON": "off"},
                          capture_output=True, text=True, timeout=180)  # fmt: skip
    assert cold.returncode == 0, cold.stderr
    assert _written(folder / "out") == _written(folder / "cold")


def test_a_read_only_cards_folder_stops_the_build_before_the_deck_is_replaced(
    tmp_path, monkeypatch
):
    """The deck is written before the cards: a cards folder found read-only only then left
    a new deck beside the old cards and manifest. It is found before anything is drawn."""
    import os

    import deckgen.io
    from deckgen.errors import DeckgenError

    outline = HEADER + (
        "  - kind: title\n"
        "social:\n  cards:\n"
        "    - {kind: stat, name: china, presets: [og], value: '30.2M', label: built in China}\n"
    )
    path = write_project(tmp_path / "p", outline)
    out = tmp_path / "out"
    build(path, BuildOptions(out_dir=out, workers=1))
    deck, social = out / "deck.pptx", out / "deck" / "social"
    before = {p: p.read_bytes() for p in (deck, out / "deck" / "manifest.json")}
    assert any(social.glob("*.png"))
    real = os.access
    # Root may write anywhere, so the folder is refused here as a read-only one would be.
    refuse = lambda p, m: Path(p) == social and m & os.W_OK  # noqa: E731
    monkeypatch.setattr(deckgen.io.os, "access", lambda p, m: not refuse(p, m) and real(p, m))
    path.write_text(path.read_text().replace("Test deck", "Another deck"))
    with pytest.raises(DeckgenError, match="is read-only"):
        build(path, BuildOptions(out_dir=out, workers=1))
    assert {p: p.read_bytes() for p in before} == before


def test_a_build_says_which_cards_it_removed(tmp_path):
    """Cards `deckgen social --preset` made beyond the outline's are stale once the data
    changes; the next build removes them, and says so (it used to, silently)."""
    from deckgen.pipeline import social

    outline = HEADER + (
        "  - kind: title\n"
        "social:\n  cards:\n"
        "    - {kind: stat, name: china, presets: [og], value: '30.2M', label: built in China}\n"
    )
    path = write_project(tmp_path / "p", outline)
    options = BuildOptions(out_dir=tmp_path / "out", workers=1)
    build(path, options)
    extra = social(path, options, presets=["story"]).cards
    assert [c.path.name for c in extra] == ["china-story.png"]
    result = build(path, options)
    assert not (tmp_path / "out" / "deck" / "social" / "china-story.png").exists()
    assert any("removed 1 card" in w and "china-story.png" in w for w in result.warnings)


# -- warming a session (what a daemon a build started does first) -----------------------------
def _state(out: Path) -> dict[str, tuple[bytes, int]]:
    return {p.relative_to(out).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in out.rglob("*") if p.is_file()}  # fmt: skip


@pytest.mark.parametrize("force", [False, True])  # --force too: no cache entry rewritten
def test_warming_a_session_writes_nothing_and_makes_the_next_build_a_warm_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, force: bool
) -> None:
    from dataclasses import replace

    from deckgen.examples import new_project
    from deckgen.pipeline import Session

    folder = new_project(tmp_path / "p", "starter", None, force=False).folder
    monkeypatch.chdir(folder)
    options = BuildOptions(out_dir=Path("out"), workers=1)
    cold = build(Path("deck.yaml"), options)
    before = _state(folder / "out")
    session = Session()
    try:
        warmed = build(Path("deck.yaml"), replace(options, force=force), session=session,
                       warm_only=True)  # fmt: skip
        assert _state(folder / "out") == before  # not a byte, not a time stamp
        # Every picture drawn again (each worker has drawn this deck's kinds), none kept.
        assert warmed.rendered == cold.rendered and warmed.slides == cold.slides
        data = folder / "production.csv"
        data.write_text(data.read_text().replace("30160966", "31000000"))
        again = build(Path("deck.yaml"), options, session=session)
    finally:
        session.close()
    # Only what shows China's 2023 production is laid out and built again (the slides
    # and cards of the warmed session were kept), and drawn again.
    assert again.rendered > 0
    assert 0 < again.assembled < again.slides == cold.assembled
    assert 0 < again.planned < cold.planned


def test_a_german_deck_writes_its_numbers_one_way_in_titles_charts_and_tables(tmp_path):
    """Titles took the locale's marks and charts and tables did not: '49,5 %' beside
    '49.5%' in one deck (found by fuzzing)."""
    outline = """\
deck: {title: Exporte, locale: de_DE}
data:
  e: {file: e.csv}
slides:
  - kind: chart
    title: "Asien wuchs um {{ e.Asia.change | format('percent:1') }}"
    chart: {type: bar, data: e, x: region, y: change, format: "percent:1"}
  - kind: table
    title: Tabelle
    table: {data: e, columns: [region, {column: change, format: "percent:1"}]}
"""
    path = write_project(tmp_path, outline, {"e.csv": "region,change\nAsia,49.5\nEurope,-2\n"})
    result = build(path, BuildOptions(out_dir=tmp_path / "out"))
    deck = Presentation(str(result.deck))
    title = next(s.text_frame.text for s in deck.slides[0].shapes if s.has_text_frame)
    assert title == "Asien wuchs um 49,5%"
    cells = [c.text for s in deck.slides[1].shapes if s.has_table
             for row in s.table.rows for c in row.cells]  # fmt: skip
    assert "49,5%" in cells and "\u22122,0%" in cells
    from deckgen.pipeline import bind, plan_outline, read_inputs

    options = BuildOptions(out_dir=tmp_path / "out")
    planned = plan_outline(bind(read_inputs(path, options), options), options)
    (chart,) = planned.plan.jobs
    assert chart.marks == (",", ".")  # kept for the worker that draws it
    from matplotlib.text import Text

    from deckgen.render.style import chart_style

    with chart_style(chart.theme, chart.canvas):
        fig = chart.figure()
        fig.canvas.draw()
        drawn = {t.get_text() for t in fig.findobj(Text)}
    assert "49,5%" in drawn and not any("49.5" in t for t in drawn)


@pytest.mark.parametrize("how", ["--force", "cache entry gone"])
def test_the_report_says_unchanged_pictures_drawn_again_not_reused(tmp_path, how):
    """`build --force` said "Reused 2 unchanged pictures from the cache" while it drew
    every picture again; so did a build whose cache had lost an unchanged picture."""
    path = write_project(tmp_path / "p", HEADER + SLIDES)
    out = tmp_path / "out"
    build(path, BuildOptions(out_dir=out, workers=1))
    csv = path.parent / "production.csv"
    csv.write_text(csv.read_text().replace("China,5234496,30160966", "China,5234496,31000000"))
    if how != "--force":  # the stats slide's first callout: unchanged, but not in the cache
        assets = json.loads((out / "deck" / "manifest.json").read_text())["assets"]
        stat = next(a for a in assets if a["id"] == "slide 3 stat 1")
        (out / "deck" / "cache" / f"{stat['key']}.json").unlink()
    again = build(path, BuildOptions(out_dir=out, workers=1, force=how == "--force"))
    assert again.changes is not None
    lines = again.changes.lines()
    assert "Re-rendered 1: slide 2 chart" in lines
    if how == "--force":
        assert "Drew 2 unchanged pictures again." in lines
        assert not any(line.startswith("Reused") for line in lines)
    else:
        assert "Drew 1 unchanged picture again." in lines
        assert "Reused 1 unchanged picture from the cache." in lines


ONE_CHART = """\
  - kind: chart
    title: China leads
    chart: {type: bar, data: production, x: country, y: production_2023, highlight: China}
"""


def test_force_reports_what_it_drew_again_and_never_a_reuse(tmp_path):
    """fuzz-O repro 5: `build --force` with nothing changed said "Nothing changed since
    the last build." and no more; after the one picture changed, "Reused 0 unchanged
    pictures from the cache", of a cache it did not read."""
    path = write_project(tmp_path / "p", HEADER + ONE_CHART)
    out = tmp_path / "out"
    build(path, BuildOptions(out_dir=out, workers=1))
    forced = BuildOptions(out_dir=out, workers=1, force=True)
    again = build(path, forced)
    assert again.changes is not None
    assert again.changes.lines() == [
        "Nothing changed since the last build.",
        "Drew 1 unchanged picture again.",
    ]
    csv = path.parent / "production.csv"
    csv.write_text(csv.read_text().replace("China,5234496,30160966", "China,5234496,31000000"))
    changed = build(path, forced)
    assert changed.changes is not None
    lines = changed.changes.lines()
    assert lines[-1] == "Re-rendered 1: slide 1 chart"
    assert not any("Reused" in line or "Drew" in line for line in lines), lines


def _fake_pdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """--pdf without LibreOffice: a PDF naming the deck's digest, as if converted from it."""
    import hashlib

    from deckgen.export import pdf as export

    def export_beside(pptx: Path, timeout: float = 0) -> Path:
        target = pptx.with_suffix(".pdf")
        target.write_bytes(b"%PDF " + hashlib.sha256(pptx.read_bytes()).hexdigest().encode())
        return target

    monkeypatch.setattr(export, "export_beside", export_beside)


def test_a_pdf_of_an_earlier_deck_is_removed_and_said_once_the_deck_changes(tmp_path, monkeypatch):
    """fuzz-O repro 9: after `build --pdf`, a build without it rewrote the deck with new
    numbers and left the PDF of the old ones beside it, without a word."""
    _fake_pdf(monkeypatch)
    path = write_project(tmp_path / "p", HEADER + ONE_CHART)
    out = tmp_path / "out"
    pdf = out / "deck.pdf"
    build(path, BuildOptions(out_dir=out, workers=1, pdf=True))
    made = pdf.read_bytes()
    # The same deck without --pdf: the PDF still shows it, so it stays (and stays known).
    same = build(path, BuildOptions(out_dir=out, workers=1))
    assert pdf.read_bytes() == made and not any("pdf" in w for w in same.warnings)
    assert build(path, BuildOptions(out_dir=out, workers=1)).up_to_date
    csv = path.parent / "production.csv"
    csv.write_text(csv.read_text().replace("China,5234496,30160966", "China,5234496,31000000"))
    changed = build(path, BuildOptions(out_dir=out, workers=1))
    assert not pdf.exists()
    (said,) = [w for w in changed.warnings if str(pdf) in w]
    assert "removed the PDF an earlier build wrote (--pdf)" in said
    assert "build with --pdf to write it again" in said
    # Said once: the next build is up to date, and no warning of it is kept.
    assert build(path, BuildOptions(out_dir=out, workers=1)).warnings == ()


@pytest.mark.parametrize("whose", ["the user's own", "replaced since"])
def test_a_pdf_deckgen_did_not_write_is_left_alone(tmp_path, monkeypatch, whose):
    """Only the PDF the last manifest lists, with the bytes deckgen wrote, is deckgen's."""
    _fake_pdf(monkeypatch)
    path = write_project(tmp_path / "p", HEADER + ONE_CHART)
    out = tmp_path / "out"
    pdf = out / "deck.pdf"
    build(path, BuildOptions(out_dir=out, workers=1, pdf=whose == "replaced since"))
    pdf.write_bytes(b"%PDF exported from PowerPoint by hand")
    csv = path.parent / "production.csv"
    csv.write_text(csv.read_text().replace("China,5234496,30160966", "China,5234496,31000000"))
    changed = build(path, BuildOptions(out_dir=out, workers=1))
    assert pdf.read_bytes() == b"%PDF exported from PowerPoint by hand"
    assert not any("pdf" in w.lower() for w in changed.warnings)


#: Shares of 4% to 22% changing by 0.1 to 0.4 points: arrows shorter than their heads.
SHARES_CSV = """\
region,share_2019,share_2024
North,22.0,22.3
South,17.5,17.2
East,12.1,12.4
West,9.0,9.1
Central,6.4,6.7
Islands,4.0,4.2
"""
SHARES_CARD = """\
deck: {title: Regional shares}
data: {shares: {file: shares.csv}}
slides:
  - kind: title
social:
  cards:
    - kind: chart
      name: shares
      presets: [og, x-post, ig-square, linkedin]
      title: Shares moved little between 2019 and 2024
      source: Test data
      chart:
        type: arrow
        data: shares
        x: region
        y: [share_2019, share_2024]
        series_labels: {share_2019: "2019", share_2024: "2024"}
        format: percent:1
"""


def test_a_card_in_several_presets_warns_once_naming_them(tmp_path):
    """One arrow card shared to four presets printed four warnings alike but for the rows
    each size shows: one, naming the presets, in the first preset's words."""
    path = write_project(tmp_path, SHARES_CARD, {"shares.csv": SHARES_CSV})
    result = build(path, BuildOptions(out_dir=tmp_path / "out"))
    cards = [w for w in result.warnings if w.startswith("card ")]
    arrows = [w for w in cards if "the arrows of " in w]
    assert len(arrows) == 1
    assert arrows[0].startswith(
        "card shares (og, x-post, ig-square and linkedin; as in og, the others alike): "
        "the arrows of "
    )
    assert "shorter than their heads" in arrows[0]
    # And the presets whose chart has room for no value, once (63426430).
    (unwritten,) = [w for w in cards if w not in arrows]
    assert unwritten.startswith("card shares (og, x-post and linkedin): no value is written on it")


def test_an_outline_of_cards_alone_makes_its_cards_and_build_says_how(tmp_path):
    """An outline of social cards alone had to add a title slide it did not want
    (fuzzing). `deckgen social` makes its cards; `deckgen build` writes no deck of no
    slides, and says which command makes them, before writing anything."""
    from deckgen.errors import OutlineError
    from deckgen.pipeline import social

    text = ("deck: {title: T}\nsocial:\n  cards:\n    - {kind: stat, name: drivers, "
            "value: '42%', label: of drivers drive daily, source: Test data}\n")  # fmt: skip
    path = write_project(tmp_path, text)
    out = tmp_path / "out"
    result = social(path, BuildOptions(out_dir=out, workers=1))
    written = sorted(p.name for p in (out / path.stem / "social").glob("drivers-*.png"))
    assert written and sorted(c.path.name for c in result.cards) == written
    with pytest.raises(OutlineError) as info:
        build(path, BuildOptions(out_dir=tmp_path / "deck", workers=1))
    message = str(info.value)
    assert "slides: expected slides to build a deck of, found none" in message
    assert f"run 'deckgen social {path}' to make its cards" in message
    assert not (tmp_path / "deck" / f"{path.stem}.pptx").exists()


@pytest.mark.parametrize("name", ["...yaml", "..yaml", ". .yaml"])
@pytest.mark.parametrize(
    "command", [["build"], ["check"], ["social"], ["batch", "--for-each", "production"]]
)
def test_an_outline_whose_name_names_no_folder_of_its_own_writes_nothing(
    tmp_path: Path, name: str, command: list[str]
):
    """An outline called '...yaml' named its folder in the output folder '..': a build into
    ../home/out emptied home/cache/ of the files there, deleted home/slide-cache/ and
    overwrote home/manifest.json ('..yaml' named the output folder itself, and a batch
    put every row's state there; found by fuzzing). Such a name is an error before
    anything is read or written."""
    from click.testing import CliRunner

    from deckgen.cli import cli

    project = write_project(tmp_path / "proj", HEADER + SLIDES).parent
    (project / "deck.yaml").rename(project / name)
    home = tmp_path / "home"
    (home / "cache").mkdir(parents=True)
    (home / "cache" / "notes.txt").write_text("mine")
    (home / "manifest.json").write_text('{"my": "config"}')

    result = CliRunner().invoke(cli, [command[0], str(project / name), *command[1:],
                                      "--out", str(home / "out")])  # fmt: skip

    assert result.exit_code == 2, result.output
    assert "names no folder of its own" in result.output
    assert "rename the outline file, e.g. 'deck.yaml'" in result.output
    assert (home / "cache" / "notes.txt").read_text() == "mine"
    assert (home / "manifest.json").read_text() == '{"my": "config"}'
    assert sorted(p.name for p in home.iterdir()) == ["cache", "manifest.json"]
