"""Theme -> matplotlib: importing matplotlib the quick way leaves it as it was."""

from __future__ import annotations

import subprocess
import sys

from deckgen.render.style import chart_style
from tests.helpers import REPO

_LOAD = """
from deckgen.render.style import load_matplotlib
load_matplotlib()
import matplotlib.artist, matplotlib.lines
from deckgen.render.plotaxes import PlotAxes
# The classes defined while loading have no property list in their 'set' help ...
print("solid_capstyle" in (matplotlib.lines.Line2D.set.__doc__ or ""))
print("adjustable" in (PlotAxes.set.__doc__ or ""))
# ... and matplotlib's own list is back for everything after.
print("solid_capstyle" in matplotlib.artist.kwdoc(matplotlib.lines.Line2D))
import inspect
# Nor a signature naming every property; 'set' takes them all the same.
print("linewidth" in inspect.signature(matplotlib.lines.Line2D.set).parameters)
line = matplotlib.lines.Line2D([], [])
line.set(linewidth=3, solid_capstyle="round")
print(line.get_linewidth() == 3 and line.get_solid_capstyle() == "round")
class Later(matplotlib.lines.Line2D):
    pass
print("solid_capstyle" in (Later.set.__doc__ or ""))
print("linewidth" in inspect.signature(Later.set).parameters)
"""


def test_loading_leaves_out_the_help_text_and_signatures_and_puts_them_back():
    done = subprocess.run([sys.executable, "-c", _LOAD], cwd=REPO, capture_output=True,
                          text=True, check=True)  # fmt: skip
    assert done.stdout.split() == ["False", "False", "True", "False", "True", "True", "True"]


def test_a_label_with_two_dollar_signs_is_drawn_as_written_not_as_tex_math():
    # '$50,000 to $75,000' (kept on one line: a range never breaks) drew as TeX math,
    # '50, 000to75,000' in italics, the dollar signs gone (found by review).
    from matplotlib.text import Text

    from tests.kinds.charts.jobs import job

    bands = ["Under $25,000", "$25,000 to $50,000", "$50,000 to $75,000"]
    drawn = job("hbar", bands, {"households": [12.0, 30.0, 21.0]})
    with chart_style(drawn.theme, drawn.canvas):
        fig = drawn.figure()
        fig.canvas.draw()
    texts = [t for t in fig.findobj(Text) if "$" in t.get_text()]
    assert {t.get_text() for t in texts} >= set(bands[1:])
    assert all(t._preprocess_math(t.get_text()) == (t.get_text(), False) for t in texts)


def test_a_theme_font_is_drawn_from_its_own_files_whatever_else_has_its_family_name(tmp_path):
    """matplotlib finds a font by its family name, the first file registered under it: a
    file of that name registered before the theme's (installed on the machine, the
    theme's old file in a warm session, another project's) was drawn instead of the
    theme's, while the text was measured in the theme's file. Found: the theme's regular
    file for regular text, its bold file for bold text."""
    import dataclasses

    from matplotlib.font_manager import FontProperties, fontManager

    from deckgen.layout.units import Inches
    from deckgen.render.jobs import Canvas
    from deckgen.theming.fonts import FontFiles, bundled
    from tests.helpers import load_theme
    from tests.test_pipeline import _as_family

    files = {}
    for name, source in (("Other.ttf", bundled("Roboto")[0]), *zip(
            ("Own.ttf", "Own-Bold.ttf"), bundled("Lato"), strict=True)):  # fmt: skip
        files[name] = tmp_path / name
        files[name].write_bytes(_as_family(source, "Collide Sans"))
    fontManager.addfont(str(files["Other.ttf"]))  # as the machine's fonts are, first
    own = FontFiles("Collide Sans", files["Own.ttf"], files["Own-Bold.ttf"])
    theme = dataclasses.replace(load_theme("corporate"), body=own)
    try:
        with chart_style(theme, Canvas(Inches(3), Inches(2), 100)):
            found = {weight: fontManager._find_fonts_by_props(FontProperties(weight=weight))[0]
                     for weight in ("normal", "bold")}  # fmt: skip
    finally:  # the other tests' fonts as they were
        gone = {str(path) for path in files.values()}
        fontManager.ttflist = [f for f in fontManager.ttflist if f.fname not in gone]
        fontManager._findfont_cached.cache_clear()
    assert found == {"normal": str(files["Own.ttf"]), "bold": str(files["Own-Bold.ttf"])}
