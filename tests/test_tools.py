"""The maintainer tools in tools/ run (their pictures are the README's)."""

from __future__ import annotations

import importlib.util

from tests.helpers import REPO, SAMPLE


def test_make_gallery_writes_each_card_of_the_outline_and_removes_stale_ones(tmp_path):
    """It stopped with "'SocialResult' object is not iterable" once social() returned its
    warnings with the cards, so the README's gallery went stale unnoticed."""
    spec = importlib.util.spec_from_file_location(
        "make_gallery", REPO / "tools" / "make_gallery.py"
    )
    assert spec is not None and spec.loader is not None
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    (tmp_path / "stale.png").write_bytes(b"")
    written = tool.write_gallery(SAMPLE, tmp_path, theme=None)
    assert written and all(p.is_file() and p.stat().st_size > 0 for p in written)
    assert not (tmp_path / "stale.png").exists()
    assert sorted(p.name for p in tmp_path.glob("*.png")) == sorted(p.name for p in written)
