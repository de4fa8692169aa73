"""The text-layout memo changes how fast a chart is drawn, never what is drawn."""

from __future__ import annotations

from pathlib import Path

import matplotlib as mpl
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from deckgen.render import textlayout
from tests.render.test_charts import CASES, _job


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_chart_type_draws_the_same_bytes_with_and_without_the_memo(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    textlayout.install()
    memo = [_job(name, theme).render().data for theme in ("corporate", "dark")]
    textlayout.uninstall()
    monkeypatch.setattr(textlayout, "install", lambda: None)  # chart_style would reinstall
    own = [_job(name, theme).render().data for theme in ("corporate", "dark")]
    monkeypatch.undo()
    textlayout.install()
    assert memo == own


def _text(fig: Figure, s: str, **kw: object) -> tuple[float, float, float, float]:
    text = fig.text(0.3, 0.4, s, **kw)  # type: ignore[arg-type]
    box = text.get_window_extent(fig.canvas.get_renderer())  # type: ignore[attr-defined]
    return box.x0, box.y0, box.x1, box.y1


def _figure() -> Figure:
    fig = Figure(figsize=(4, 3), dpi=100)
    FigureCanvasAgg(fig)
    return fig


CASES_OF_TEXT = [
    ("Plain", {}),
    ("Two\nlines, centred", {"multialignment": "center", "ha": "center"}),
    ("Rotated", {"rotation": 30, "rotation_mode": "anchor"}),
    ("Bold and big", {"fontweight": "bold", "fontsize": 22}),
    ("Spaced\nout", {"linespacing": 2.0, "va": "top"}),
    ("$x^2$ math", {}),
]


@pytest.mark.parametrize(("s", "kw"), CASES_OF_TEXT)
def test_a_text_measures_the_same_with_the_memo(s: str, kw: dict[str, object]) -> None:
    textlayout.uninstall()
    own = _text(_figure(), s, **kw)
    textlayout.install()
    first, again = _text(_figure(), s, **kw), _text(_figure(), s, **kw)
    assert first == own
    assert again == own


def test_the_memo_keys_on_what_changes_a_layout() -> None:
    textlayout.install()
    fig = _figure()
    small, large = _text(fig, "Same", fontsize=10), _text(fig, "Same", fontsize=20)
    assert large[2] - large[0] > small[2] - small[0]
    # Moved, the same text keeps its size: the memo holds layouts, not positions.
    moved = fig.text(0.1, 0.1, "Same", fontsize=10)
    box = moved.get_window_extent(fig.canvas.get_renderer())  # type: ignore[attr-defined]
    assert box.width == pytest.approx(small[2] - small[0])
    assert box.x0 != small[0]


def test_a_generic_family_resolves_through_its_rcparam_at_each_layout() -> None:
    """'sans-serif' names whatever ``font.sans-serif`` lists now: two lists, two layouts."""
    textlayout.install()
    widths = []
    for fonts in (["DejaVu Sans"], ["DejaVu Sans Mono"]):
        with mpl.rc_context({"font.family": "sans-serif", "font.sans-serif": fonts}):
            box = _text(_figure(), "Which font is this, wide or narrow?")
            widths.append(box[2] - box[0])
    assert widths[0] != widths[1]


def test_a_handed_back_box_is_the_callers_own() -> None:
    textlayout.install()
    fig = _figure()
    text = fig.text(0.5, 0.5, "Mine")
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    box, _, _ = text._get_layout(renderer)  # type: ignore[attr-defined]
    box.x0 = -999
    again, _, _ = text._get_layout(renderer)  # type: ignore[attr-defined]
    assert again.x0 != -999


def test_the_memo_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    textlayout.install()
    monkeypatch.setattr(textlayout, "LIMIT", 5)
    fig = _figure()
    for k in range(12):
        _text(fig, f"text {k}")
    assert len(textlayout._layouts) <= 5


def test_a_font_lookup_finds_what_matplotlibs_own_finds() -> None:
    from matplotlib.font_manager import FontProperties, fontManager

    asked = [
        FontProperties(family=["DejaVu Sans"]),
        FontProperties(family=["DejaVu Sans"], weight="bold"),
        FontProperties(family=["No Such Font", "DejaVu Sans Mono"], style="italic"),
        FontProperties(family="sans-serif", size=30),
    ]
    textlayout.uninstall()
    own = [fontManager._find_fonts_by_props(p) for p in asked]
    textlayout.install()
    assert [fontManager._find_fonts_by_props(p) for p in asked] == own
    assert [fontManager._find_fonts_by_props(p) for p in asked] == own  # from the memo


def test_a_font_registered_after_a_lookup_is_found_by_the_next(tmp_path: Path) -> None:
    """Looked up before its file is registered, a family falls back; registered, it is
    found (the memo keys on the fonts registered, as matplotlib's own cache does)."""
    import matplotlib as mpl
    from fontTools.ttLib import TTFont
    from matplotlib.font_manager import FontProperties, fontManager

    source = Path(mpl.get_data_path(), "fonts", "ttf", "DejaVuSerif.ttf")
    renamed = tmp_path / "Renamed.ttf"
    font = TTFont(source)
    for record in font["name"].names:
        if record.nameID in (1, 4, 16):
            record.string = "Deckgen Test Serif"
    font.save(renamed)
    textlayout.install()
    props = FontProperties(family=["Deckgen Test Serif"])
    before = fontManager._find_fonts_by_props(props)
    fontManager.addfont(str(renamed))
    try:
        after = fontManager._find_fonts_by_props(props)
    finally:  # the other tests' fonts as they were
        fontManager.ttflist = [f for f in fontManager.ttflist if f.fname != str(renamed)]
        fontManager._findfont_cached.cache_clear()
    assert str(renamed) not in map(str, before)
    assert [str(p) for p in after] == [str(renamed)]


def test_a_drawn_string_is_shaped_once_per_font_and_size() -> None:
    import numpy as np

    def drawn() -> np.ndarray:
        fig = _figure()
        fig.text(0.1, 0.1, "Same", fontsize=10)
        fig.text(0.1, 0.5, "Same", fontsize=20)
        fig.text(0.5, 0.1, "Same", fontsize=10)  # elsewhere: the same glyphs, shaped once
        fig.canvas.draw()
        return np.asarray(fig.canvas.buffer_rgba()).copy()  # type: ignore[attr-defined]

    textlayout.uninstall()
    own = drawn()
    textlayout.install()
    assert textlayout._shapes == {}
    first = drawn()
    assert len(textlayout._shapes) == 2  # one string at two sizes
    again = drawn()
    assert len(textlayout._shapes) == 2
    assert (first == own).all()
    assert (again == own).all()


def test_a_glyph_is_rendered_once_per_place_within_a_pixel() -> None:
    """Glyphs moved by whole pixels are the same bitmap, moved; drawn at fractional
    places, rotated or without antialiasing, the picture is matplotlib's own."""
    import numpy as np

    def drawn() -> np.ndarray:
        fig = _figure()
        for k, x in enumerate((0.1, 0.1013, 0.3, 0.52, 0.5207)):
            fig.text(x, 0.1 + 0.15 * k, "Glyphs 0123", fontsize=11 + k)
        fig.text(0.6, 0.5, "Turned", rotation=33, fontsize=14)
        fig.text(0.6, 0.2, "Aliased", antialiased=False, fontsize=13)
        fig.canvas.draw()
        return np.asarray(fig.canvas.buffer_rgba()).copy()  # type: ignore[attr-defined]

    textlayout.uninstall()
    own = drawn()
    textlayout.install()
    first = drawn()
    rendered = len(textlayout._glyphs)
    assert rendered > 0
    again = drawn()
    assert len(textlayout._glyphs) == rendered  # nothing rendered anew
    assert (first == own).all()
    assert (again == own).all()


def test_a_font_is_drawn_from_its_bytes_and_registered_by_its_path() -> None:
    """matplotlib reads the glyphs of a font it draws with from memory, not from its file
    (a seek and a read a glyph), while its registry keeps the file's path."""
    from matplotlib import font_manager

    textlayout.install()
    path = font_manager.findfont("DejaVu Sans")
    made = font_manager.get_font(path).fname
    assert not isinstance(made, str) and made.name == path  # made from the bytes, named
    assert all(isinstance(entry.fname, str) for entry in font_manager.fontManager.ttflist)
    textlayout.uninstall()
    try:
        assert font_manager.get_font(path).fname == path  # matplotlib's own: the file
    finally:
        textlayout.install()
