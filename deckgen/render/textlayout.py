"""A memo for matplotlib's text layout: the same text in the same font is laid out once.

matplotlib lays a text out (its lines, their widths, ascents and descents, and the box
around them) every time anything asks for its extent. A chart asks a great deal: the
layout engine measures every tick label on each of its passes, the label pass measures
every label against every other, and drawing lays each text out once more. On the sample's
grouped bar chart that is ~350 layouts of ~50 texts, and each one looks the font up again
(one lookup per family in the fallback list) and reads two of its tables: a quarter of the
chart's drawing time. The glyph measurements underneath are already cached by matplotlib;
the layout on top of them is not.

A layout is a pure function of the text, its font properties, its alignment, rotation and
line spacing, and the resolution: never of where the text is placed (matplotlib adds the
position afterwards, in ``Text.get_window_extent`` and ``Text.draw``). So it is memoized on
exactly those, per process. The memo hands back the same numbers the layout would compute,
so every picture is byte-identical with and without it (tests/render/test_textlayout.py
draws every chart type both ways). Texts the memo cannot key safely are laid out as before:
math text (its layout reads the mathtext rcParams) and TeX.

``Text._get_layout`` is matplotlib's private method; ``install`` checks that it is there
and leaves matplotlib alone if not, so a matplotlib that renames it is only slower.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

    from matplotlib.text import Text

#: Layouts kept per process. A chart has some tens of distinct texts, a batch a few
#: thousand; past this the memo starts again (each entry is a few hundred bytes).
LIMIT = 20_000

#: matplotlib's generic family names: a font property naming one resolves through an
#: rcParam (``font.sans-serif``...), which the key must then include.
_GENERIC = frozenset(
    {"serif", "sans-serif", "sans serif", "sans", "cursive", "fantasy", "monospace", "system-ui"}
)

_memo: dict[tuple[Any, ...], tuple[tuple[float, float, float, float], list[Any], Any]] = {}
_original: Callable[[Text, Any], Any] | None = None


def _key(text: Text, renderer: Any) -> tuple[Any, ...] | None:
    """What ``text``'s layout depends on, or None when it cannot be keyed safely."""
    import matplotlib as mpl

    if text.get_usetex():
        return None
    wrapped = text._get_wrapped_text()  # type: ignore[attr-defined]
    if any(text._preprocess_math(line)[1] for line in wrapped.split("\n")):  # type: ignore[attr-defined]
        return None
    props = text.get_fontproperties()
    families = tuple(props.get_family())
    rc: Any = mpl.rcParams
    generic = tuple(tuple(rc[f"font.{f}"]) for f in families if f in _GENERIC)
    return (
        wrapped,
        families,
        generic,
        props.get_style(),
        props.get_variant(),
        props.get_weight(),
        props.get_stretch(),
        props.get_size_in_points(),
        props.get_file(),
        # How glyphs are measured and shaped.
        rc["text.hinting"],
        rc["text.hinting_factor"],
        rc["text.kerning_factor"],
        rc["text.language"],
        text.get_figure(root=True).dpi,  # type: ignore[union-attr]
        type(renderer),
        getattr(renderer, "dpi", None),
        text.get_linespacing(),
        text._get_multialignment(),  # type: ignore[attr-defined]
        text.get_rotation(),
        text.get_rotation_mode(),
        text.get_horizontalalignment(),
        text.get_verticalalignment(),
    )


def _get_layout(self: Text, renderer: Any) -> Any:
    from matplotlib.transforms import Bbox

    assert _original is not None
    key = _key(self, renderer)
    if key is None:
        return _original(self, renderer)
    hit = _memo.get(key)
    if hit is None:
        box, lines, corner = _original(self, renderer)
        if len(_memo) >= LIMIT:
            _memo.clear()
        hit = _memo[key] = (box.bounds, lines, corner)
    bounds, lines, corner = hit
    # A fresh box and list each time: callers may change what they are handed. The tuples
    # inside are immutable.
    return Bbox.from_bounds(*bounds), list(lines), corner


def install() -> None:
    """Memoize matplotlib's text layout in this process (once; a no-op after that)."""
    global _original
    from matplotlib.text import Text

    if _original is not None or not callable(getattr(Text, "_get_layout", None)):
        return
    _original = Text._get_layout  # type: ignore[attr-defined]
    Text._get_layout = _get_layout  # type: ignore[attr-defined]


def uninstall() -> None:
    """matplotlib's own layout again (for the tests that compare the two)."""
    global _original
    from matplotlib.text import Text

    if _original is not None:
        Text._get_layout = _original  # type: ignore[attr-defined]
        _original = None
    _memo.clear()
