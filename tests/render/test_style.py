"""Theme -> matplotlib: importing matplotlib the quick way leaves it as it was."""

from __future__ import annotations

import subprocess
import sys

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
class Later(matplotlib.lines.Line2D):
    pass
print("solid_capstyle" in (Later.set.__doc__ or ""))
"""


def test_loading_leaves_out_the_help_text_and_puts_kwdoc_back():
    done = subprocess.run([sys.executable, "-c", _LOAD], cwd=REPO, capture_output=True,
                          text=True, check=True)  # fmt: skip
    assert done.stdout.split() == ["False", "False", "True", "True"]
