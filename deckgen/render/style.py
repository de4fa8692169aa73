"""Theme -> matplotlib styling. The only place rcParams are set."""

from __future__ import annotations

import contextlib
import functools
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from collections.abc import Iterator

    from deckgen.render.jobs import Canvas
    from deckgen.theming.load import LoadedTheme


def load_matplotlib() -> None:
    """Import what drawing a chart needs of matplotlib, a quarter quicker than a plain import.

    As matplotlib defines each artist class (about a hundred), it writes the list of the
    class's properties into the docstring of its ``set`` method, asking every setter for
    its accepted values (``matplotlib.artist.kwdoc``): 55 of 240 ms of importing it
    (measured), for help text no build shows. So that list is left empty while the classes
    are defined, and ``kwdoc`` put back after, for anyone who asks for it later.
    """
    import sys

    if "matplotlib.figure" in sys.modules:
        return
    import matplotlib.artist

    kwdoc = matplotlib.artist.kwdoc
    matplotlib.artist.kwdoc = lambda artist: ""
    try:
        import matplotlib.backends.backend_agg
        import matplotlib.figure
        import matplotlib.patheffects  # used by some kinds: its classes are defined here too

        import deckgen.render.plotaxes  # noqa: F401  (the axes every chart draws on)
    finally:
        matplotlib.artist.kwdoc = kwdoc


@functools.cache
def _register(path: str) -> str:
    """Add a font file to matplotlib once; return its family name."""
    from matplotlib import font_manager

    font_manager.fontManager.addfont(path)
    return font_manager.FontProperties(fname=path).get_name()


def family(theme: LoadedTheme, role: str = "body", bold: bool = False) -> str:
    """The matplotlib family name of a theme font role (body, heading, number)."""
    files = getattr(theme, role)
    return _register(str(files.file(bold)))


def fallback_families() -> list[str]:
    """The matplotlib family names of the fallback fonts, in the order they are tried."""
    from deckgen.theming.fonts import fallback_files

    return [_register(str(path)) for path in fallback_files()]


@contextlib.contextmanager
def chart_style(theme: LoadedTheme, canvas: Canvas) -> Iterator[None]:
    """rcParams for one chart in the theme's colours and fonts, at the canvas's text scale."""
    load_matplotlib()
    import matplotlib as mpl

    from deckgen.render.textlayout import install

    install()  # every chart is drawn in here: lay each text out once
    colors = theme.theme.colors
    size = theme.theme.sizes.chart_label * canvas.scale
    params = {
        # Both files of a family usually share one name: list it once, as every text's
        # font lookup goes through the whole list (same fonts found, half the lookups).
        # Then the fallbacks, tried glyph by glyph for what the theme's font lacks (CJK,
        # Arabic, Hebrew, emoji faces: deckgen.theming.fonts.fallback_files).
        "font.family": list(
            dict.fromkeys([family(theme), family(theme, bold=True), *fallback_families()])
        ),
        "font.size": size,
        # Every text literally: two '$' in one label ('$50,000 to $75,000') started TeX
        # math, which drew '50, 000to75,000' in italics (found by review).
        "text.parse_math": False,
        "text.color": colors.text,
        "axes.facecolor": colors.background,
        "figure.facecolor": colors.background,
        "savefig.facecolor": colors.background,
        "axes.edgecolor": colors.grid,
        "axes.labelcolor": colors.muted,
        "xtick.color": colors.muted,
        "ytick.color": colors.muted,
        "xtick.labelcolor": colors.text,
        "ytick.labelcolor": colors.text,
        "xtick.labelsize": size,
        "ytick.labelsize": size,
        "axes.grid": False,
        "grid.color": colors.grid,
        "grid.linewidth": 0.8,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.spines.left": False,
        "axes.spines.bottom": False,
        "xtick.major.size": 0,
        "ytick.major.size": 0,
        "xtick.major.pad": 6 * canvas.scale,
        "ytick.major.pad": 6 * canvas.scale,
        # A label beside a bar, a row or a gridline is centred on it as the values beside
        # the bars are: matplotlib's default centres the part above the baseline, which
        # with these fonts' tall ascent sets category names a fifth of a line low.
        "ytick.alignment": "center",
        "lines.linewidth": theme.theme.chart.line_width * canvas.scale,
        "lines.solid_capstyle": "round",
        "axes.unicode_minus": True,
        # Determinism: no hash salt or date leaks into the pixels.
        "svg.hashsalt": "deckgen",
        "path.simplify": True,
    }
    with mpl.rc_context(cast("Any", params)):
        yield
