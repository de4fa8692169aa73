"""deckgen.render.bboxes joins and measures boxes as matplotlib does, bit for bit."""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.transforms import Affine2D, Bbox, BboxBase, TransformedBbox

from deckgen.render import bboxes

if TYPE_CHECKING:
    from collections.abc import Iterator

# NaN, infinities and both zeros included: each side must come out as numpy's, sign and all.
number = st.floats(allow_nan=True, allow_infinity=True) | st.sampled_from([0.0, -0.0])
box = st.tuples(number, number, number, number).map(lambda e: Bbox([[e[0], e[1]], [e[2], e[3]]]))


@contextmanager
def arithmetic(ours: bool) -> Iterator[None]:
    """deckgen's arithmetic (``ours``) or matplotlib's, then as it was before."""
    was = bool(bboxes._originals)
    (bboxes.install if ours else bboxes.uninstall)()
    try:
        yield
    finally:
        (bboxes.install if was else bboxes.uninstall)()


def _bits(value: object) -> bytes:
    """The value's bits, sign of zero included; any NaN as one NaN (a NaN's payload bits
    say nothing anyone reads, and numpy keeps them in some reductions and not others)."""
    numbers = np.asarray(value, dtype=float)
    return np.where(np.isnan(numbers), np.nan, numbers).tobytes()


def _answers(boxes: list[BboxBase]) -> list[bytes]:
    sides = [getattr(boxes[0], side) for side in ("xmin", "xmax", "ymin", "ymax")]
    return [_bits(BboxBase.union(boxes).get_points()), *map(_bits, sides)]


def _compared(boxes: list[BboxBase]) -> None:
    with arithmetic(ours=False):
        theirs = _answers(boxes)
    with arithmetic(ours=True):
        assert _answers(boxes) == theirs


@settings(max_examples=300, deadline=None)
@given(boxes=st.lists(box, min_size=1, max_size=12))
def test_the_same_bits_as_matplotlib(boxes: list[BboxBase]) -> None:
    _compared(boxes)


def test_a_transformed_box_too() -> None:
    # Text extents and axes positions are TransformedBboxes: their points are computed.
    boxes = [TransformedBbox(Bbox([[0, 1], [2, 3]]), Affine2D().scale(-2, 3)),
             Bbox([[5, -1], [4, 7]])]  # fmt: skip
    _compared(boxes)
    with arithmetic(ours=True):
        assert BboxBase.union(boxes).extents.tolist() == [-4.0, -1.0, 5.0, 9.0]


def test_no_boxes_is_refused_as_matplotlib_refuses_it() -> None:
    with arithmetic(ours=True), pytest.raises(ValueError, match="cannot be empty"):
        BboxBase.union([])


def test_installed_where_charts_are_drawn() -> None:
    from deckgen.layout.units import Inches
    from deckgen.render.jobs import Canvas
    from deckgen.render.style import chart_style
    from tests.helpers import load_theme

    with chart_style(load_theme("corporate"), Canvas(Inches(3), Inches(2), 100)):
        assert BboxBase.__dict__["union"].__func__ is bboxes.union
        assert BboxBase.__dict__["xmin"].fget is bboxes._xmin


def test_what_matplotlib_no_longer_defines_as_it_did_is_left_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A matplotlib whose union is no static method keeps its own: it is only slower. (The
    # contexts end in turn: matplotlib's union back, then deckgen's as before the test.)
    with arithmetic(ours=False), monkeypatch.context() as patched:
        patched.setattr(BboxBase, "union", classmethod(lambda cls, boxes: "theirs"))
        bboxes.install()
        try:
            assert BboxBase.union([]) == "theirs"
            assert "union" not in bboxes._originals and "xmin" in bboxes._originals
        finally:
            bboxes.uninstall()
