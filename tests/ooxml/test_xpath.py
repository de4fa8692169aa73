"""Each XPath python-pptx asks for is compiled once, and finds what lxml finds anew."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PIL import Image
from pptx.oxml.xmlchemy import BaseOxmlElement

import deckgen.ooxml.shapes  # noqa: F401  (what every deck goes through: it installs the change)
from deckgen.ooxml import xpath
from deckgen.pipeline import BuildOptions, build
from tests.assemble.test_deck import SLIDES
from tests.helpers import HEADER, write_project

if TYPE_CHECKING:
    from pathlib import Path

#: Every slide kind, and charts drawn by PowerPoint: their XML is looked up the most (the
#: horizontal bars move each value label out from their bar's end: a lookup per label).
HBAR = """
  - kind: chart
    title: China builds the most
    source: Production table
    chart: {type: hbar, data: production, x: country, y: production_2023, highlight: China}
"""
OUTLINE = HEADER + SLIDES + HBAR


def _project(root: Path) -> Path:
    path = write_project(root, OUTLINE)
    Image.new("RGB", (400, 300), "#3366AA").save(root / "picture.png")
    return path


def _same(found: Any, fresh: Any) -> bool:
    """The same result: the same nodes (lxml hands out one object per node) in the same
    order, or the same string, number or truth value."""
    if isinstance(found, list) and isinstance(fresh, list):
        return len(found) == len(fresh) and all(
            a is b or (isinstance(a, str) and a == b) for a, b in zip(found, fresh, strict=True)
        )
    return bool(found == fresh)


def test_python_pptx_elements_look_up_through_the_compiled_expressions():
    assert BaseOxmlElement.xpath is xpath._xpath
    xpath.compile_once()  # idempotent
    assert BaseOxmlElement.xpath is xpath._xpath


def test_every_lookup_of_a_build_finds_what_compiling_anew_finds(tmp_path, monkeypatch):
    asked: list[str] = []

    def checked(self: BaseOxmlElement, expression: str) -> Any:
        found, fresh = xpath._xpath(self, expression), xpath.ORIGINAL(self, expression)
        assert _same(found, fresh), expression
        asked.append(expression)
        return found

    monkeypatch.setattr(BaseOxmlElement, "xpath", checked)
    path = _project(tmp_path / "p")
    build(path, BuildOptions(out_dir=tmp_path / "native", workers=1, native_charts=True,
                             native_callouts=True))  # fmt: skip
    build(path, BuildOptions(out_dir=tmp_path / "pictures", workers=1))
    assert len(asked) > 500 and len(set(asked)) > 15  # the builds looked a lot up


def test_the_deck_is_byte_identical_with_each_expression_compiled_anew(tmp_path, monkeypatch):
    path = _project(tmp_path / "p")
    compiled_once = build(path, BuildOptions(out_dir=tmp_path / "a", workers=1)).deck
    monkeypatch.setattr(BaseOxmlElement, "xpath", xpath.ORIGINAL)
    compiled_anew = build(path, BuildOptions(out_dir=tmp_path / "b", workers=1)).deck
    assert compiled_once.read_bytes() == compiled_anew.read_bytes()
