"""PlotAxes answers "is this point in the plot?" as matplotlib's Axes does, quicker."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from deckgen.render.plotaxes import PlotAxes


def _axes() -> PlotAxes:
    fig = Figure(figsize=(4, 3), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot(axes_class=PlotAxes)
    assert isinstance(ax, PlotAxes)
    return ax


def _edges(ax: Axes) -> list[tuple[float, float]]:
    """Points on, just inside and just outside each side (where a radius counts)."""
    x0, y0, x1, y1 = ax.bbox.extents
    mid_x, mid_y = (x0 + x1) / 2, (y0 + y1) / 2
    out = []
    for d in (-1.0, -0.5, -1e-9, 0.0, 1e-9, 0.5, 1.0):
        out += [(x0 + d, mid_y), (x1 + d, mid_y), (mid_x, y0 + d), (mid_x, y1 + d)]
    return out


coordinate = st.floats(-50, 450, allow_nan=False)


@settings(max_examples=200, deadline=None)
@given(points=st.lists(st.tuples(coordinate, coordinate), min_size=1, max_size=20),
       left=st.floats(0.0, 0.4), bottom=st.floats(0.0, 0.4))  # fmt: skip
def test_same_answer_as_matplotlib_wherever_the_axes_are(
    points: list[tuple[float, float]], left: float, bottom: float
) -> None:
    ax = _axes()
    for place in ((0.125, 0.11, 0.775, 0.77), (left, bottom, 0.5, 0.5)):
        # Moved between questions, as the layout moves it: the answer follows.
        ax.set_position(place)
        for point in [*points, *_edges(ax)]:
            assert ax.contains_point(point) == Axes.contains_point(ax, point), (place, point)


def test_labels_outside_the_plot_stay_hidden() -> None:
    """What the check is for: a data-anchored label whose anchor is outside the plot is
    not drawn, one inside is."""
    ax = _axes()
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 10)
    inside = ax.annotate("in", (5, 5))
    outside = ax.annotate("out", (12, 5))
    renderer = ax.figure.canvas.get_renderer()  # type: ignore[attr-defined]
    # matplotlib measures a hidden label as the unit box at the origin.
    assert inside.get_window_extent(renderer).width > 1
    assert outside.get_window_extent(renderer).bounds == (0, 0, 1, 1)


extent = st.floats(-1e6, 1e6, allow_nan=False)


@settings(max_examples=200, deadline=None)
@given(bars=st.lists(st.tuples(extent, extent, extent, extent), min_size=1, max_size=8),
       log=st.booleans())  # fmt: skip
def test_bars_reach_the_same_data_limits_as_matplotlib_finds(
    bars: list[tuple[float, float, float, float]], log: bool
) -> None:
    """A bar's corners are its extent: the same limits, without solving for its extrema."""
    quick, plain = _axes(), Figure().add_subplot()
    solved: list[object] = []
    original = Axes._update_patch_limits

    def solving(ax: Axes, patch: object) -> None:
        solved.append(ax)
        original(ax, patch)

    Axes._update_patch_limits = solving  # type: ignore[method-assign]
    try:
        for ax in (quick, plain):
            _add(ax, bars, log)
    finally:
        Axes._update_patch_limits = original  # type: ignore[method-assign]
    assert quick not in solved
    assert quick.dataLim.get_points().tobytes() == plain.dataLim.get_points().tobytes()
    assert quick.dataLim.minpos.tobytes() == plain.dataLim.minpos.tobytes()
    assert quick.get_ylim() == plain.get_ylim()


def _add(ax: Axes, bars: list[tuple[float, float, float, float]], log: bool) -> None:
    from matplotlib.patches import Rectangle

    if log:  # where the smallest positive value counts too
        ax.set_yscale("log")
    for x, y, width, height in bars:
        ax.add_patch(Rectangle((x, y), width, height))
    ax.add_patch(Rectangle((0, 0), 0, 0))  # no extent: moves nothing
