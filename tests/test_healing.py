"""State that heals: a damaged manifest or cache entry is discarded with a one-line
warning and rebuilt; nothing a damaged file names is read without bound; --force always
recovers."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner

from deckgen import manifest
from deckgen.cli import cli
from tests.helpers import HEADER, write_project

if TYPE_CHECKING:
    from pathlib import Path

SLIDES = """\
  - kind: chart
    title: China leads
    chart: {type: bar, data: production, x: country, y: production_2023, highlight: China}
"""


@pytest.fixture
def project(tmp_path, monkeypatch):
    write_project(tmp_path / "p", HEADER + SLIDES)
    monkeypatch.chdir(tmp_path / "p")
    first = _build()
    assert first.exit_code == 0, first.output
    return tmp_path / "p"


@pytest.fixture(autouse=True)
def _no_hang():
    # A read of /dev/zero or a FIFO would never end: fail the test instead of CI.
    def stop(*_: object) -> None:
        raise TimeoutError("the build hung")

    old = signal.signal(signal.SIGALRM, stop)
    signal.alarm(120)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


def _build(*extra: str):
    return CliRunner().invoke(cli, ["build", "deck.yaml", "--out", "out", *extra])


def _manifest_path(project: Path) -> Path:
    return project / "out" / "deck" / manifest.FILE_NAME


def _entries(project: Path) -> list[Path]:
    return sorted((project / "out" / "deck" / "cache").glob("*.json"))


def _healthy(project: Path) -> None:
    document, damaged = manifest.load(_manifest_path(project), project)
    assert document is not None and damaged is None
    assert (project / "out" / "deck.pptx").is_file()


def _damage_manifest(project: Path, change) -> None:
    path = _manifest_path(project)
    document = json.loads(path.read_text())
    change(document)
    path.write_text(json.dumps(document))


@pytest.mark.parametrize(
    ("change", "why"),
    [
        (lambda d: d.update(inputs=["deck.yaml"]), "inputs is not a mapping"),
        (lambda d: d.update(slides="many"), "slides is not a whole number"),
        (lambda d: d.update(assets=["x"]), "assets[0] is not an object"),
        (lambda d: d["texts"].append({"field": 1}), "field is not a text"),
        (lambda d: d["outputs"].update({"../../etc/passwd": "0" * 64}), "outside the output"),
        (lambda d: d["inputs"].update({"deck.yaml": 5}), "inputs['deck.yaml'] is not a text"),
    ],
)
def test_a_manifest_of_the_wrong_shape_is_discarded_with_a_warning(project, change, why):
    _damage_manifest(project, change)
    result = _build()
    assert result.exit_code == 0, result.output
    assert "manifest.json: damaged (" in result.output and why in result.output
    _healthy(project)
    assert "damaged" not in _build().output  # healed: the next build is quiet


def test_a_manifest_naming_dev_zero_and_a_fifo_does_not_hang(project):
    fifo = project / "fifo"
    os.mkfifo(fifo)
    _damage_manifest(project, lambda d: d["inputs"].update({"/dev/zero": "0", "fifo": "0"}))
    result = _build()
    assert result.exit_code == 0, result.output
    _healthy(project)


@pytest.mark.parametrize("what", ["folder", "fifo", "not json", "dev zero"])
def test_a_manifest_that_is_not_a_file_is_replaced(project, what):
    path = _manifest_path(project)
    path.unlink()
    if what == "folder":
        (path / "inside").mkdir(parents=True)
    elif what == "fifo":
        os.mkfifo(path)
    elif what == "dev zero":
        path.symlink_to("/dev/zero")
    else:
        path.write_text('{"manifest": 1, ')
    result = _build()
    assert result.exit_code == 0, result.output
    assert "damaged" in result.output
    _healthy(project)


@pytest.mark.parametrize("force", [False, True])
@pytest.mark.parametrize("what", ["folder", "wrong shape", "dev zero", "fifo"])
def test_a_damaged_cache_entry_is_drawn_again(project, what, force):
    entry = _entries(project)[0]
    image = entry.with_suffix(".png")
    if what == "folder":
        image.unlink()
        entry.unlink()
        (image / "x").mkdir(parents=True)
        (entry / "y").mkdir(parents=True)
    elif what == "wrong shape":
        entry.write_text(json.dumps({"sha256": 5, "alt": ["no"]}))
    elif what == "dev zero":
        image.unlink()
        image.symlink_to("/dev/zero")
    else:
        image.unlink()
        os.mkfifo(image)
    (project / "out" / "deck.pptx").unlink()  # so that the build is not up to date
    result = _build(*(["--force"] if force else []))
    assert result.exit_code == 0, result.output
    if not force:  # --force reads no entry, so finds nothing damaged: it just rewrites
        assert "cache: 1 damaged entry discarded and drawn again" in result.output
    assert entry.is_file() and image.is_file() and not image.is_symlink()
    _healthy(project)


def test_a_cache_folder_replaced_by_a_file_is_rebuilt(project):
    cache = project / "out" / "deck" / "cache"
    shutil.rmtree(cache)
    cache.write_text("not a folder")
    (project / "out" / "deck.pptx").unlink()
    result = _build("--force")
    assert result.exit_code == 0, result.output
    assert cache.is_dir() and _entries(project)


def test_a_cache_folder_linked_elsewhere_is_not_read_and_is_replaced(project, tmp_path):
    cache = project / "out" / "deck" / "cache"
    elsewhere = tmp_path / "elsewhere"
    shutil.move(cache, elsewhere)
    cache.symlink_to(elsewhere)
    # A valid-looking entry planted there (its checksum matches): it must not be used.
    planted = b"\x89PNG planted"
    for entry in elsewhere.glob("*.json"):
        entry.with_suffix(".png").write_bytes(planted)
        meta = json.loads(entry.read_text())
        entry.write_text(json.dumps({**meta, "sha256": hashlib.sha256(planted).hexdigest()}))
    (project / "out" / "deck.pptx").unlink()
    result = _build()
    assert result.exit_code == 0, result.output
    assert cache.is_dir() and not cache.is_symlink() and _entries(project)
    assert all(e.with_suffix(".png").read_bytes() != planted for e in _entries(project))


SHARED = """\
  - kind: chart
    title: China leads
    chart: {type: bar, data: production, x: country, y: production_2023, highlight: China}
    share: [ig-square]
"""


@pytest.fixture
def shared(tmp_path, monkeypatch):
    """A built project with every kind of state: manifest, cards.json, both caches."""
    write_project(tmp_path / "p", HEADER + SHARED)
    monkeypatch.chdir(tmp_path / "p")
    first = _build()
    assert first.exit_code == 0, first.output
    return tmp_path / "p"


def _nest_deep(path: Path) -> None:
    """A list nested 100,000 deep (200 kB) put into the JSON object ``path`` holds; a slide
    entry keeps a right checksum (its first line)."""
    slide = path.suffix == ".slide"
    body = path.read_bytes().partition(b"\n")[2] if slide else path.read_bytes()
    body = body.replace(b"{", b'{"zz": ' + b"[" * 100_000 + b"]" * 100_000 + b", ", 1)
    path.write_bytes(hashlib.sha256(body).hexdigest().encode() + b"\n" + body if slide else body)


@pytest.mark.parametrize("force", [False, True])
@pytest.mark.parametrize("what", ["manifest.json", "social/cards.json", "cache", "slide-cache"])
def test_state_nested_too_deep_is_discarded_and_written_again(shared, what, force):
    deck = shared / "out" / "deck"
    files = [deck / what] if what.endswith(".json") else sorted((deck / what).iterdir())
    files = [f for f in files if f.suffix in (".json", ".slide")]
    assert files
    for file in files:
        _nest_deep(file)
    (shared / "out" / "deck.pptx").unlink()  # so that the build is not up to date
    result = _build(*(["--force"] if force else []))
    assert result.exit_code == 0, result.output  # was 1: RecursionError
    if what == "manifest.json":
        assert "manifest.json: damaged (JSON nested more than 64 levels deep" in result.output
    if what == "cache" and not force:  # the slide's chart and the card's
        assert "cache: 2 damaged entries discarded and drawn again" in result.output
    _healthy(shared)
    assert all(b'"zz"' not in f.read_bytes() for f in files)  # each written again
    assert "damaged" not in _build().output


def test_check_and_diff_given_a_manifest_nested_too_deep(shared):
    shutil.copytree(shared / "out", shared / "last")
    _nest_deep(_manifest_path(shared))
    checked = CliRunner().invoke(cli, ["check", "deck.yaml", "--out", "out"])
    assert checked.exit_code == 0, checked.output
    result = CliRunner().invoke(cli, ["diff", "last", "out"])
    assert result.exit_code == 2, result.output
    assert "out/deck/manifest.json: not a deckgen build manifest (JSON nested more" in result.output


@pytest.mark.parametrize("folder", ["slide-cache", "social", "cache", "."])
def test_a_state_folder_linked_elsewhere_is_replaced_never_written_through(
    shared, tmp_path, folder
):
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "minutes-2024.slide").write_text("not deckgen's")
    (victim / "minutes-2024.png").write_text("not deckgen's either")
    link = shared / "out" / "deck" / folder
    shutil.rmtree(link)
    link.symlink_to(victim)
    (shared / "out" / "deck.pptx").unlink()
    result = _build()
    assert result.exit_code == 0, result.output
    # Nothing written, nothing removed outside the output folder.
    assert sorted(p.name for p in victim.iterdir()) == ["minutes-2024.png", "minutes-2024.slide"]
    assert link.is_dir() and not link.is_symlink()
    _healthy(shared)
    assert list((shared / "out" / "deck" / "social").glob("*.png"))


def test_deckgen_social_does_not_write_through_a_linked_cards_folder(shared, tmp_path):
    victim = tmp_path / "victim"
    victim.mkdir()
    social = shared / "out" / "deck" / "social"
    shutil.rmtree(social)
    social.symlink_to(victim)
    result = CliRunner().invoke(cli, ["social", "deck.yaml", "--out", "out"])
    assert result.exit_code == 0, result.output
    assert list(victim.iterdir()) == []
    assert social.is_dir() and not social.is_symlink() and (social / "cards.json").is_file()


def test_a_file_where_the_deck_folder_goes_is_refused_not_removed(shared):
    folder = shared / "out" / "deck"
    shutil.rmtree(folder)
    folder.write_text("mine")
    result = _build()
    assert result.exit_code == 2, result.output
    assert "is a file, not a folder" in result.output and folder.read_text() == "mine"


def test_a_batch_rows_fingerprint_nested_too_deep_builds_the_row_again(tmp_path):
    """The fingerprint file beside a batch row's deck read with json.loads: 2,000 nested
    lists raised RecursionError out of the rerun (found by review of fuzz-L/12)."""
    from deckgen.batch import FINGERPRINT, _unchanged

    (tmp_path / FINGERPRINT).write_bytes(b"[" * 2000 + b"]" * 2000)
    assert _unchanged(tmp_path / "deck.yaml", tmp_path, "mark", {"outputs": {"a": "b"}}) is False
