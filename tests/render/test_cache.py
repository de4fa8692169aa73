"""The render cache: content keys are stable, entries are checked, damage means re-render."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from deckgen.kinds.slides.stats import StatJob
from deckgen.layout.units import Inches, Pt
from deckgen.render.cache import AssetCache
from deckgen.render.executor import run
from deckgen.render.jobs import Canvas, content_key
from tests.helpers import REPO


def _stat_job(value: str = "67%"):
    from deckgen.kinds.slides.stats import StatLayout
    from deckgen.outline.schema import Stat
    from tests.helpers import load_theme

    stat = Stat(value=value, label="of Americans agree")
    layout = StatLayout(Pt(60), Pt(18), Pt(14))
    return StatJob(stat, load_theme("corporate"), Canvas(Inches(3), Inches(2), 100), layout)


def test_the_key_is_the_same_in_every_process():
    # pickle-based keys differ with the hash seed; the canonical key must not.
    code = "from tests.render.test_cache import _stat_job; print(_stat_job().key())"
    keys = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env,
                              capture_output=True, text=True, check=True)  # fmt: skip
        keys.add(done.stdout.strip())
    assert len(keys) == 1
    assert keys == {_stat_job().key()}


def test_the_key_changes_with_what_the_picture_shows():
    assert _stat_job("67%").key() != _stat_job("70%").key()
    assert content_key(Canvas(Inches(3), Inches(2), 100)) != content_key(
        Canvas(Inches(3), Inches(2), 200)
    )


def test_a_second_run_reuses_the_cache(tmp_path):
    cache = AssetCache(tmp_path)
    first = run([_stat_job()], cache=cache)
    second = run([_stat_job()], cache=AssetCache(tmp_path))
    assert first.rendered == {_stat_job().key()}
    assert second.rendered == frozenset()
    key = _stat_job().key()
    assert second.assets[key].data == first.assets[key].data
    assert second.assets[key].alt == first.assets[key].alt


def test_a_damaged_or_missing_entry_is_rendered_again(tmp_path):
    key = _stat_job().key()
    good = run([_stat_job()], cache=AssetCache(tmp_path)).assets[key].data
    (tmp_path / f"{key}.png").write_bytes(good[:100])  # truncated
    cache = AssetCache(tmp_path)
    again = run([_stat_job()], cache=cache)
    assert again.rendered == {key}
    assert cache.corrupt == [key]
    assert again.assets[key].data == good
    assert (tmp_path / f"{key}.png").read_bytes() == good  # repaired
    (tmp_path / f"{key}.json").write_text("{not json")
    assert run([_stat_job()], cache=AssetCache(tmp_path)).rendered == {key}
    (tmp_path / f"{key}.png").unlink()
    assert run([_stat_job()], cache=AssetCache(tmp_path)).rendered == {key}


def test_force_renders_everything_but_refreshes_the_entries(tmp_path):
    run([_stat_job()], cache=AssetCache(tmp_path))
    forced = run([_stat_job()], cache=AssetCache(tmp_path, read=False))
    assert forced.rendered == {_stat_job().key()}


def test_prune_keeps_only_what_the_last_build_used(tmp_path):
    cache = AssetCache(tmp_path)
    run([_stat_job("1"), _stat_job("2")], cache=cache)
    assert cache.prune([_stat_job("1").key()]) == 1
    assert sorted(p.name.split(".")[0] for p in tmp_path.iterdir()) == [_stat_job("1").key()] * 2


def test_a_cache_folder_linked_elsewhere_is_not_pruned_through(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    AssetCache(elsewhere).put("planted", b"x", {"alt": ""})  # an entry of the right shape
    (tmp_path / "cache").symlink_to(elsewhere)
    cache = AssetCache(tmp_path / "cache")
    assert cache.get("planted") is None and cache.prune(["other"]) == 0
    assert sorted(p.name for p in elsewhere.iterdir()) == ["planted.json", "planted.png"]


def test_metadata_nested_too_deep_is_a_damaged_entry(tmp_path):
    cache = AssetCache(tmp_path)
    run([_stat_job()], cache=cache)
    meta = tmp_path / f"{_stat_job().key()}.json"
    meta.write_text(
        meta.read_text().replace("{", '{"zz": ' + "[" * 100_000 + "]" * 100_000 + ", ", 1)
    )
    fresh = AssetCache(tmp_path)
    assert fresh.get(_stat_job().key()) is None and fresh.corrupt == [_stat_job().key()]


def _keys(project) -> list[str]:
    from deckgen.pipeline import BuildOptions, prepare
    from deckgen.plan import context, plan_build
    from deckgen.plan.cards import plan_cards

    ready = prepare(project / "data" / "global-impact.yaml", BuildOptions())
    plan = plan_build(context(ready.loaded, ready.tables, ready.theme))
    cards = plan_cards(ready.loaded, ready.tables, ready.theme)
    return [job.key() for job in plan.jobs] + [card.job.key() for card in cards]


def test_the_same_project_in_two_folders_gets_the_same_keys(tmp_path):
    """Keys hold file contents, never paths: a project moved or copied keeps its cache."""
    import shutil

    projects = []
    for name in ("one", "elsewhere/two"):
        project = tmp_path / name
        shutil.copytree(REPO / "data", project / "data")
        # The theme too, so its folder (and its font and logo paths) differ between copies.
        shutil.copytree(REPO / "themes" / "corporate", project / "themes" / "corporate")
        projects.append(project)
    first, second = _keys(projects[0]), _keys(projects[1])
    assert len(first) > 30 and first == second


def _copy_of_deckgen(folder: Path) -> Path:
    """The running deckgen package copied into ``folder`` (as a clone of the same commit
    elsewhere would hold it: no compiled files)."""
    import shutil

    import deckgen

    package = Path(deckgen.__file__).resolve().parent
    shutil.copytree(package, folder / "deckgen", ignore=shutil.ignore_patterns("__pycache__"))
    return folder / "deckgen"


def test_the_code_digest_is_one_commit_s_in_any_folder_and_changes_with_a_byte(tmp_path):
    """Keys hold deckgen's code (its version stayed 0.1.0 while the code that draws
    changed, and a folder built before said "Up to date"). By content and relative path
    only: two copies in different folders, one with compiled files and an editor's swap
    file, have the same digest, in this process and in one that runs the copy; a byte of
    a module or of the data the package ships, or a module renamed, changes it."""
    from deckgen.render.jobs import source_digest, tree_digest

    one = _copy_of_deckgen(tmp_path / "one")
    two = _copy_of_deckgen(tmp_path / "elsewhere" / "two")
    (two / "__pycache__").mkdir()
    (two / "__pycache__" / "cli.cpython-311.pyc").write_bytes(b"compiled")
    (two / "render" / ".charts.py.swp").write_bytes(b"an editor's")
    assert tree_digest(one) == tree_digest(two) == source_digest()
    code = "import deckgen.render.jobs as j; print(j.__file__); print(j.source_digest())"
    env = {**os.environ, "PYTHONPATH": str(two.parent)}
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env,
                          capture_output=True, text=True, check=True)  # fmt: skip
    module, digest = done.stdout.split()
    assert Path(module).is_relative_to(two) and digest == source_digest()
    base = tree_digest(two)
    for edit in ("render/chartkit.py", "kinds/charts/us_states.json"):
        path = two / edit
        kept = path.read_bytes()
        path.write_bytes(kept + b"\n")
        assert tree_digest(two) != base, edit
        path.write_bytes(kept)
    assert tree_digest(two) == base
    (two / "render" / "png.py").rename(two / "render" / "png2.py")
    assert tree_digest(two) != base


def test_the_key_changes_with_deckgen_s_code(monkeypatch):
    from deckgen.render import jobs

    base = _stat_job().key()
    monkeypatch.setattr(jobs, "source_digest", lambda: "another commit")
    jobs.package_versions.cache_clear()
    try:
        assert _stat_job().key() != base
    finally:
        monkeypatch.undo()
        jobs.package_versions.cache_clear()
    assert _stat_job().key() == base


def test_a_file_replaced_in_place_changes_its_digest_in_one_process(tmp_path):
    """``deckgen watch`` keeps one process: a logo replaced under it must give new keys."""
    from deckgen.render.jobs import file_digest

    logo = tmp_path / "logo.png"
    logo.write_bytes(b"first")
    before = file_digest(logo)
    logo.write_bytes(b"second, longer")
    assert file_digest(logo) != before


def test_a_session_keeps_the_entries_in_memory_as_well(tmp_path):
    from deckgen.render.cache import AssetCache

    memory: dict = {}
    cache = AssetCache(tmp_path / "c", memory=memory)
    cache.put("k1", b"one", {"alt": "One"})
    cache.put("k2", b"two", {"alt": "Two"})
    (tmp_path / "c" / "k1.png").unlink()  # gone from the folder: still known in memory
    hit = cache.get("k1")
    assert hit is not None and hit[0] == b"one" and hit[1]["alt"] == "One"
    # An entry only on disk (another process wrote it) is read, checked and kept.
    AssetCache(tmp_path / "c").put("k3", b"three", {"alt": "Three"})
    assert cache.get("k3") is not None and ("k3", "png") in memory
    cache.prune(["k2"])
    assert set(memory) == {("k2", "png")}
    assert AssetCache(tmp_path / "c", read=False, memory=memory).get("k2") is None  # --force
