"""Memos for matplotlib's text layout and font lookup: the same text in the same font is
laid out once, and the same font is looked up once.

matplotlib lays a text out (its lines, their widths, ascents and descents, and the box
around them) every time anything asks for its extent. A chart asks a great deal: the
layout engine measures every tick label on each of its passes, the label pass measures
every label against every other, and drawing lays each text out once more. On the sample's
grouped bar chart that is ~350 layouts of ~50 texts, and each one looks the font up again
(one lookup per family in the fallback list, each reading eleven rcParams and copying the
font properties) and reads two of its tables: a quarter of the chart's drawing time. The
glyph measurements underneath are already cached by matplotlib; the layout on top of
them, and the lookup of the fonts for a set of font properties, are not.

A layout is a pure function of the text, its font properties, its alignment, rotation and
line spacing, and the resolution: never of where the text is placed (matplotlib adds the
position afterwards, in ``Text.get_window_extent`` and ``Text.draw``). A font lookup is a
pure function of the font properties, the rcParams that name generic families, and the
fonts registered. So each is memoized on exactly those, per process. The memos hand back
what matplotlib would compute, so every picture is byte-identical with and without them
(tests/render/test_textlayout.py draws every chart type both ways). Texts the layout memo
cannot key safely are laid out as before: math text (its layout reads the mathtext
rcParams) and TeX.

Drawing a text shapes it once more: Agg's ``draw_text`` asks the font for the glyphs of
the string and their positions (``FT2Font._layout``, ~0.25 ms a text with the fallback
fonts), then renders each glyph where it falls. The shaping is a pure function of the font
(its files and kerning, one object per set of them in matplotlib's font cache), its size,
the resolution, the string, the hinting flags and the font features and language; the
glyphs are rendered afresh every time (where a glyph lands, to a 64th of a pixel, changes
its pixels). So the shaping is memoized too (:class:`_Shaping`): in a warm session a chart
redrawn after an edit draws the same tick labels, names and most values again.

And the fonts are read from memory, not from their files (:class:`_FromMemory`).

``Text._get_layout``, ``FontManager._find_fonts_by_props``,
``RendererAgg._prepare_font`` and ``font_manager._get_font`` are matplotlib's private
names; ``install`` checks that they are there and leaves matplotlib alone if not, so a
matplotlib that renames them is only slower.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

    from matplotlib.font_manager import FontManager, FontProperties
    from matplotlib.text import Text

#: Entries kept per memo and process. A chart has some tens of distinct texts, a batch a
#: few thousand; past this a memo starts again (each entry is a few hundred bytes).
LIMIT = 20_000

#: matplotlib's generic family names: a font property naming one resolves through an
#: rcParam (``font.sans-serif``...), which the key must then include.
_GENERIC = frozenset(
    {"serif", "sans-serif", "sans serif", "sans", "cursive", "fantasy", "monospace", "system-ui"}
)

_layouts: dict[tuple[Any, ...], tuple[tuple[float, float, float, float], list[Any], Any]] = {}
_fonts: dict[tuple[Any, ...], list[Any]] = {}
#: Shaped strings: the font object (held, so its id is not reused) and its glyphs.
_shapes: dict[tuple[Any, ...], tuple[Any, list[Any]]] = {}
#: Rendered glyphs at their place within a pixel (see :class:`_Rendering`), and the font.
_glyphs: dict[tuple[Any, ...], tuple[Any, Any, int, int]] = {}
_renderings: dict[int, _Rendering] = {}
_original: dict[str, Callable[..., Any]] = {}
_installed = False


def _font_key(props: FontProperties) -> tuple[Any, ...]:
    """What the fonts found for ``props`` depend on (with the fonts registered)."""
    import matplotlib as mpl

    families = tuple(props.get_family())
    rc: Any = mpl.rcParams
    return (
        families,
        tuple(tuple(rc[f"font.{f}"]) for f in families if f in _GENERIC),
        props.get_style(),
        props.get_variant(),
        props.get_weight(),
        props.get_stretch(),
        props.get_size_in_points(),
        props.get_file(),
        props.get_math_fontfamily(),
    )


def _layout_key(text: Text, renderer: Any) -> tuple[Any, ...] | None:
    """What ``text``'s layout depends on, or None when it cannot be keyed safely."""
    import matplotlib as mpl

    if text.get_usetex():
        return None
    wrapped = text._get_wrapped_text()  # type: ignore[attr-defined]
    if any(text._preprocess_math(line)[1] for line in wrapped.split("\n")):  # type: ignore[attr-defined]
        return None
    rc: Any = mpl.rcParams
    return (
        wrapped,
        _font_key(text.get_fontproperties()),
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

    key = _layout_key(self, renderer)
    if key is None:
        return _original["layout"](self, renderer)
    hit = _layouts.get(key)
    if hit is None:
        box, lines, corner = _original["layout"](self, renderer)
        if len(_layouts) >= LIMIT:
            _layouts.clear()
        hit = _layouts[key] = (box.bounds, lines, corner)
    bounds, lines, corner = hit
    # A fresh box and list each time: callers may change what they are handed. The tuples
    # inside are immutable.
    return Bbox.from_bounds(*bounds), list(lines), corner


def _find_fonts_by_props(self: FontManager, prop: Any, *args: Any, **kwargs: Any) -> Any:
    from matplotlib.font_manager import FontProperties

    if not isinstance(prop, FontProperties):
        return _original["fonts"](self, prop, *args, **kwargs)
    key = (
        _font_key(prop),
        args,
        tuple(sorted(kwargs.items())),
        id(self),
        len(self.ttflist),  # a font registered since (``addfont``) may be the one found now
        os.environ.get("MPL_IGNORE_SYSTEM_FONTS"),
    )
    found = _fonts.get(key)
    if found is None:
        if len(_fonts) >= LIMIT:
            _fonts.clear()
        found = _fonts[key] = _original["fonts"](self, prop, *args, **kwargs)
    return list(found)


class _Shaping:
    """The font ``RendererAgg._prepare_font`` returns (cleared and sized), with its
    ``_layout`` memoized; everything else is the font's own."""

    __slots__ = ("_font", "_size")

    def __init__(self, font: Any, size: tuple[float, float]) -> None:
        self._font = font
        self._size = size  # points and dots per inch: what the glyph positions scale with

    def __getattr__(self, name: str) -> Any:
        return getattr(self._font, name)

    def _layout(self, text: str, flags: Any, features: Any = None, language: Any = None) -> Any:
        font = self._font
        key = (id(font), self._size, text, flags, features, language)
        try:
            hit = _shapes.get(key)
        except TypeError:  # features or language given as a list: not keyed
            return font._layout(text, flags, features=features, language=language)
        if hit is None or hit[0] is not font:
            if len(_shapes) >= LIMIT:
                _shapes.clear()
            items = font._layout(text, flags, features=features, language=language)
            hit = _shapes[key] = (font, [_Placed(item) for item in items])
        # A list of its own each time; the items themselves are read-only.
        return list(hit[1])


class _Placed:
    """A shaped glyph (``FT2Font._layout``'s item) whose font renders through
    :class:`_Rendering`."""

    __slots__ = ("char", "ft_object", "glyph_index", "prev_kern", "x", "y")

    def __init__(self, item: Any) -> None:
        self.ft_object = _rendering(item.ft_object)
        self.char, self.glyph_index = item.char, item.glyph_index
        self.x, self.y, self.prev_kern = item.x, item.y, item.prev_kern


class _Bitmap:
    __slots__ = ("buffer", "left", "top")

    def __init__(self, buffer: Any, left: int, top: int) -> None:
        self.buffer, self.left, self.top = buffer, left, top


class _Rendering:
    """A font as Agg renders a text's glyphs with it, one by one: sized, placed (a
    transform whose offset is in 64ths of a pixel), rendered. A glyph's bitmap is a pure
    function of the font, size, resolution, matrix, glyph, flags, mode and where the
    glyph falls within a pixel; whole pixels only move it. So each is rendered once per
    position within a pixel, and moved: a chart drawn again after an edit (its labels,
    ticks and names where they were) renders almost no glyph anew."""

    __slots__ = ("_delta", "_font", "_matrix", "_size")

    def __init__(self, font: Any) -> None:
        self._font = font
        self._size: tuple[float, float] = (0.0, 0.0)
        self._matrix: Any = None
        self._delta: tuple[int, int] = (0, 0)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._font, name)

    def set_size(self, ptsize: float, dpi: float) -> None:
        self._size = (ptsize, dpi)

    def _set_transform(self, matrix: Any, delta: Any) -> None:
        self._matrix, self._delta = matrix, (int(delta[0]), int(delta[1]))

    def _render_glyph(self, index: int, flags: Any, mode: Any) -> _Bitmap:
        font, (dx, dy), matrix = self._font, self._delta, self._matrix
        key = (id(font), self._size, matrix.tobytes(), dx & 63, dy & 63, index, flags, mode)
        hit = _glyphs.get(key)
        if hit is None or hit[0] is not font:
            if len(_glyphs) >= LIMIT:
                _glyphs.clear()
            font.set_size(*self._size)
            font._set_transform(matrix, [dx & 63, dy & 63])  # within the first pixel
            bitmap = font._render_glyph(index, flags, mode)
            hit = _glyphs[key] = (font, bitmap.buffer, bitmap.left, bitmap.top)
        _, buffer, left, top = hit
        # A copy: Agg's caller scales a monochrome bitmap in place.
        return _Bitmap(buffer.copy(), left + (dx >> 6), top + (dy >> 6))


def _rendering(font: Any) -> _Rendering:
    kept = _renderings.get(id(font))
    if kept is None or kept._font is not font:
        kept = _renderings[id(font)] = _Rendering(font)
    return kept


def _prepare_font(self: Any, font_prop: FontProperties) -> _Shaping:
    font = _original["prepare"](self, font_prop)
    return _Shaping(font, (font_prop.get_size_in_points(), self.dpi))


class _FromMemory:
    """matplotlib's ``ft2font`` module as its font cache sees it, each font made from the
    file's bytes, read once a process (:func:`deckgen.theming.fonts.face_source`).

    Made from a path, a font reads each glyph it loads through a Python file object: a
    seek and a read, two system calls, for every glyph of every text laid out, shaped or
    rendered anew. A 50-row batch made 64,000 of them on its two fonts. From the bytes,
    the same reads are copies in memory (a text drawn 2.6 times as fast on its own)."""

    def __init__(self, module: Any) -> None:
        self._module = module

    def __getattr__(self, name: str) -> Any:
        return getattr(self._module, name)

    def FT2Font(self, filename: Any, *args: Any, **kwargs: Any) -> Any:  # matplotlib's name
        from deckgen.theming.fonts import face_source

        source = face_source(filename) if isinstance(filename, str) else filename
        if not isinstance(source, str):
            # The font's ``fname`` is then this object: named, it still says which file.
            source.name = filename
        return self._module.FT2Font(source, *args, **kwargs)


#: The font cache :func:`_get_font` made, once a process (not cleared by
#: ``pipeline.forget_fonts``, which empties it instead).
_opened: list[Callable[..., Any]] = []


def _get_font() -> Callable[..., Any] | None:
    """matplotlib's font cache (``font_manager._get_font``), its fonts made from memory
    (:class:`_FromMemory`); None if matplotlib's is not the function this expects.

    Only the fonts matplotlib draws and measures with are made so: the fonts it registers
    (``addfont``) are still made from their paths, which their entries keep. A copy of
    matplotlib's own function, its module's ``ft2font`` the only name bound otherwise,
    so that it keeps matplotlib's fallback fonts and their order."""
    import functools
    import types

    from matplotlib import font_manager, ft2font

    if _opened:
        return _opened[0]
    made = getattr(getattr(font_manager, "_get_font", None), "__wrapped__", None)
    if not isinstance(made, types.FunctionType) or "ft2font" not in made.__code__.co_names:
        return None
    names = {**made.__globals__, "ft2font": _FromMemory(ft2font)}
    copy = types.FunctionType(made.__code__, names, made.__name__, made.__defaults__,
                              made.__closure__)  # fmt: skip
    copy.__kwdefaults__ = made.__kwdefaults__
    memo = functools.lru_cache(64)(copy)
    # As matplotlib empties its own: a font is not used across a fork.
    os.register_at_fork(after_in_child=memo.cache_clear)
    _opened.append(memo)
    return memo


def _patches() -> tuple[tuple[str, Any, str, Callable[..., Any] | None], ...]:
    """What is memoized: (name, owner, matplotlib's method, the memoized one)."""
    from matplotlib import font_manager
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.font_manager import FontManager
    from matplotlib.text import Text

    return (
        ("layout", Text, "_get_layout", _get_layout),
        ("fonts", FontManager, "_find_fonts_by_props", _find_fonts_by_props),
        ("prepare", RendererAgg, "_prepare_font", _prepare_font),
        ("open", font_manager, "_get_font", _get_font()),
    )


def install() -> None:
    """Memoize matplotlib's text layout and font lookup in this process (once; a no-op
    after that)."""
    global _installed
    if _installed:
        return
    _installed = True
    for name, owner, method, memoized in _patches():
        original = getattr(owner, method, None)
        if callable(original) and memoized is not None:
            _original[name] = original
            setattr(owner, method, memoized)


def uninstall() -> None:
    """matplotlib's own layout and lookup again (for the tests that compare the two)."""
    global _installed
    for name, owner, method, _ in _patches():
        if name in _original:
            setattr(owner, method, _original[name])
    _installed = False
    _original.clear()
    forget()


def forget() -> None:
    """Empty every memo (a font file was replaced in place: the same path, other glyphs)."""
    _layouts.clear()
    _fonts.clear()
    _shapes.clear()
    _glyphs.clear()
    _renderings.clear()
