"""Slides by content key: what a key covers, entries on disk, splicing gives the same bytes."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
import signal
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

from deckgen.assemble.splice import HYPERLINK, IMAGE, Rel, SlideCache, SlideEntry, deck_key
from tests.helpers import REPO, load_theme

if TYPE_CHECKING:
    from pathlib import Path


def _key(theme, meta=None, size="16:9", sources=("A",)):  # type: ignore[no-untyped-def]
    from deckgen.outline.schema import DeckMeta

    return deck_key(theme, meta or DeckMeta(title="T"), size, sources)


def test_the_deck_key_covers_theme_fonts_template_meta_size_sources_and_versions(
    tmp_path: Path, monkeypatch
) -> None:
    from deckgen.outline.schema import DeckMeta
    from deckgen.render import jobs

    theme = load_theme("corporate")
    base = _key(theme)
    assert _key(theme) == base
    # A theme colour.
    colours = theme.theme.colors.model_copy(update={"highlight": "#0B6E4F"})
    recoloured = dataclasses.replace(
        theme, theme=theme.theme.model_copy(update={"colors": colours})
    )
    assert _key(recoloured) != base
    # A font file replaced in place (same path, other bytes).
    font = tmp_path / "heading.ttf"
    shutil.copy(theme.heading.regular, font)
    moved = dataclasses.replace(theme, heading=dataclasses.replace(theme.heading, regular=font))
    before = _key(moved)
    font.write_bytes(font.read_bytes() + b"\0")
    assert _key(moved) != before
    # The corporate template's file.
    branded = load_theme("corporate-template")
    assert branded.template is not None
    potx = tmp_path / "brand.potx"
    shutil.copy(branded.template.path, potx)
    template = dataclasses.replace(branded.template, path=potx)
    branded = dataclasses.replace(branded, template=template)
    before = _key(branded)
    potx.write_bytes(potx.read_bytes() + b"\0")
    assert _key(branded) != before
    # Deck metadata, size, the deck's sources.
    assert _key(theme, meta=DeckMeta(title="T", footer="Internal")) != base
    assert _key(theme, size="4:3") != base
    assert _key(theme, sources=("A", "B")) != base
    # deckgen's version (and python-pptx's, lxml's).
    monkeypatch.setattr("deckgen.__version__", "99.0.0")
    jobs.package_versions.cache_clear()
    try:
        assert _key(theme) != base
    finally:
        monkeypatch.undo()
        jobs.package_versions.cache_clear()


ENTRY = SlideEntry(
    "/ppt/slideLayouts/slideLayout6.xml",
    b'<?xml version="1.0"?><p:sld/>',
    (Rel("rId2", IMAGE, blob=b"\x89PNG..."), Rel("rId3", HYPERLINK, target="https://x.org")),
)


def test_an_entry_reads_back_as_written() -> None:
    assert SlideEntry.load(ENTRY.dump()) == ENTRY


@given(st.binary(max_size=300))
def test_any_bytes_read_as_an_entry_or_none_never_an_error(data: bytes) -> None:
    entry = SlideEntry.load(data)
    assert entry is None or isinstance(entry, SlideEntry)


@given(st.integers(min_value=0), st.integers(min_value=0, max_value=255))
def test_any_damaged_byte_makes_an_entry_unreadable(where: int, value: int) -> None:
    data = bytearray(ENTRY.dump())
    where %= len(data)
    if data[where] == value:
        return
    data[where] = value
    assert SlideEntry.load(bytes(data)) is None


def test_a_damaged_entry_on_disk_is_ignored_and_noted(tmp_path: Path) -> None:
    cache = SlideCache(tmp_path)
    cache.put("k", ENTRY)
    assert SlideCache(tmp_path).get("k") == ENTRY  # a new process reads it from disk
    (tmp_path / "k.slide").write_bytes(ENTRY.dump()[:-5])
    fresh = SlideCache(tmp_path)
    assert fresh.get("k") is None and fresh.corrupt == ["k"]


def test_pruning_keeps_only_what_the_build_used(tmp_path: Path) -> None:
    cache = SlideCache(tmp_path)
    cache.put("old", ENTRY)
    cache.start()
    cache.put("new", ENTRY)
    cache.get("new")
    cache.prune()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.slide"]
    assert cache.get("old") is None


def test_the_sample_spliced_is_the_sample_built(tmp_path: Path) -> None:
    """Every slide of the sample (charts, cards, tables, images, covers) taken from the
    cache gives the deck built slide by slide, byte for byte."""
    from deckgen.pipeline import Assembly, BuildOptions, assemble, plan_outline, prepare
    from deckgen.render.cache import AssetCache
    from deckgen.render.executor import run

    options = BuildOptions(native_charts=True)
    ready = prepare(REPO / "data" / "global-impact.yaml", options)
    planned = plan_outline(ready, options)
    rendered = run(planned.jobs, workers=1, cache=AssetCache(tmp_path / "cache"))
    job = Assembly.of(planned, rendered.assets)
    built = assemble(job)
    cache = SlideCache()
    assert assemble(job, cache) == built
    assert cache.built == len(planned.plan.slides)
    cache.start()
    assert assemble(job, cache) == built
    assert cache.built == 0


def _signed(body: bytes) -> bytes:
    """An entry holding ``body`` with a right checksum, as a hand-edited one can have."""
    return hashlib.sha256(body).hexdigest().encode() + b"\n" + body


def _body(**fields: object) -> bytes:
    return json.dumps({"format": 1, "layout": "x", "xml": "", "rels": [], **fields}).encode()


@pytest.mark.parametrize(
    "body",
    [
        b'{"zz": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",  # json's parser recursed out
        _body(layout=5),
        _body(rels=[{"rid": 1, "kind": IMAGE, "blob": "", "workbook": "", "target": ""}]),
        _body(rels=[{"rid": "rId2", "kind": "x", "blob": 5, "workbook": "", "target": ""}]),
    ],
    ids=["nested 100,000 deep", "layout a number", "rid a number", "blob a number"],
)
def test_an_entry_of_the_wrong_shape_with_its_checksum_right_is_none(body: bytes) -> None:
    assert SlideEntry.load(_signed(body)) is None


def test_a_slide_cache_linked_elsewhere_is_never_read_written_or_pruned(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "k.slide").write_bytes(ENTRY.dump())  # planted, its checksum right
    (elsewhere / "minutes-2024.slide").write_text("not deckgen's")
    folder = tmp_path / "slide-cache"
    folder.symlink_to(elsewhere)
    cache = SlideCache(folder)
    assert cache.get("k") is None  # not spliced from elsewhere
    cache.prune()
    assert sorted(p.name for p in elsewhere.iterdir()) == ["k.slide", "minutes-2024.slide"]
    cache.put("new", ENTRY)
    assert folder.is_dir() and not folder.is_symlink()  # the link replaced, not followed
    assert sorted(p.name for p in folder.iterdir()) == ["new.slide"]
    assert sorted(p.name for p in elsewhere.iterdir()) == ["k.slide", "minutes-2024.slide"]


def test_an_entry_that_is_a_fifo_or_a_folder_is_not_read_and_is_pruned(tmp_path: Path) -> None:
    def hung(*_: object) -> None:
        raise TimeoutError("the read of a FIFO never ended")

    os.mkfifo(tmp_path / "fifo.slide")
    (tmp_path / "folder.slide").mkdir()
    cache = SlideCache(tmp_path)
    before = signal.signal(signal.SIGALRM, hung)
    signal.alarm(30)
    try:
        assert cache.get("fifo") is None and cache.get("folder") is None  # no read that hangs
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, before)
    cache.start()
    cache.prune()
    assert list(tmp_path.iterdir()) == []
