"""Purely decorative shapes (a cover's motif, the accent rule, a quote slide's opening
mark) carry PowerPoint's decorative flag: screen readers skip them and the accessibility
checker does not count them as missing alt text. An empty description alone did neither
(found in review)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from pptx import Presentation

from deckgen.pipeline import BuildOptions, build
from tests.helpers import HEADER, write_project

if TYPE_CHECKING:
    from pathlib import Path

DECORATIVE = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
ADEC = "http://schemas.microsoft.com/office/drawing/2017/decorative"

SLIDES = """\
  - kind: title
  - kind: section
    title: Production
  - kind: quote
    text: Every number on a slide should say what it means.
    attribution: A reviewer
  - kind: bullets
    title: Three points
    items: [One point, Another point, A third point]
"""


def _flagged(shape) -> bool:
    props = shape._element.xpath("./*[1]/p:cNvPr")[0]
    flags = props.xpath(f"./a:extLst/a:ext[@uri='{DECORATIVE}']/*")
    return [(f.tag, f.get("val")) for f in flags] == [(f"{{{ADEC}}}decorative", "1")]


@pytest.fixture(scope="module", params=["corporate", "dark", "contrast"])
def built(request, tmp_path_factory) -> tuple[str, Path]:
    root = tmp_path_factory.mktemp(request.param)
    path = write_project(root, HEADER + SLIDES)
    return request.param, build(path, BuildOptions(theme=request.param,
                                                   out_dir=root / "out")).deck  # fmt: skip


def test_motifs_rules_and_the_quote_mark_are_flagged_decorative(built):
    _, deck = built
    seen = []
    for slide in Presentation(str(deck)).slides:
        for shape in slide.shapes:
            ornament = shape.name.startswith(("Motif", "Accent rule", "Quote mark"))
            assert _flagged(shape) == ornament, shape.name
            if ornament:
                seen.append(shape.name.split()[0])
                assert shape._element.xpath("./*[1]/p:cNvPr")[0].get("descr") == ""
    assert {"Motif", "Accent", "Quote"} <= set(seen)


@pytest.mark.validator
def test_a_deck_with_decorative_shapes_validates(built, require_validator):
    from deckgen.export.ooxml import validate

    assert validate(built[1]) == []
