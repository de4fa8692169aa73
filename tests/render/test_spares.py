"""Figures made ahead by an idle worker draw the same pixels as a chart's own."""

from __future__ import annotations

from dataclasses import replace

import pytest

from deckgen.layout.units import Inches
from deckgen.render import spares
from tests.render.test_charts import CANVAS, CASES, _job


@pytest.fixture(autouse=True)
def _no_spares_kept():
    spares._made.clear()
    spares._styles.clear()
    spares._ticks.clear()
    yield
    spares._made.clear()
    spares._styles.clear()
    spares._ticks.clear()
    spares._drawing = None


def _made() -> int:
    return sum(map(len, spares._made.values()))


@pytest.mark.parametrize("name", list(CASES))
def test_a_chart_drawn_on_a_figure_made_ahead_is_the_chart_drawn_on_its_own(name: str) -> None:
    job = _job(name, "dark")
    own = job.render().data  # no figure made ahead yet: the chart makes its own
    while spares.make_one():  # as an idle worker does, for the style just drawn
        pass
    made = _made()
    assert made == spares.PER_STYLE
    assert job.render().data == own
    facets = bool(job.data.facets)  # small multiples make their own grid of plots
    assert _made() == made - (0 if facets else 1)


def test_a_figure_made_ahead_is_sized_to_the_chart_that_takes_it() -> None:
    narrow = _job("bar", "corporate", replace(CANVAS, width=Inches(6)))
    own = narrow.render().data
    spares.make_one()  # made at one size for all (an inch square), sized when taken
    assert _made() == 1
    assert narrow.render().data == own
    assert _made() == 0


def test_figures_are_made_ahead_only_for_the_styles_drawn_last() -> None:
    assert not spares.make_one()  # nothing drawn: nothing to make ahead for
    for theme in ("corporate", "dark", "contrast"):
        _job("bar", theme).render()
    while spares.make_one():
        pass
    assert len(spares._made) == 3 and _made() == 3 * spares.PER_STYLE


def _ticks_made(fig) -> list[int]:
    ax = fig.axes[0]
    return [len(spares._made_ticks(axis, major)) for major in (True, False)
            for axis in (ax.xaxis, ax.yaxis)]  # fmt: skip


def test_a_figure_made_ahead_has_as_many_ticks_as_its_styles_charts_drew() -> None:
    job = _job("grouped-bar", "corporate")
    job.render()
    (drawn,) = spares._ticks.values()
    (counts,) = drawn
    assert counts[0] >= len(job.data.categories)  # a name under each group, made by drawing
    while spares.make_one():
        pass
    (kept,) = spares._made.values()
    assert [_ticks_made(fig) for fig in kept] == [list(counts)] * spares.PER_STYLE
    # The most of the style's last charts, each axis on its own, and no more than the most.
    drawn.append((1, spares.MOST_TICKS + 30, 0, 0))
    while spares.make_one():
        pass
    wanted = [max(counts[0], 1), spares.MOST_TICKS, counts[2], counts[3]]
    assert [_ticks_made(fig) for fig in kept] == [wanted] * spares.PER_STYLE
    assert job.render().data == _job("grouped-bar", "corporate").render().data


def test_counting_a_charts_ticks_makes_none() -> None:
    """matplotlib makes an axis's first tick when its list is first read: counting them
    outside the chart's style would make one in other rcParams."""
    fig = spares.new_figure({}, 72, (1.0, 1.0))
    for axis in (fig.axes[0].xaxis, fig.axes[0].yaxis):
        # As matplotlib's reset_ticks leaves an axis: its ticks to be made when read.
        del axis.majorTicks, axis.minorTicks
    spares._drawing = ("a style",)
    spares._styles[spares._drawing] = ({}, 72)
    spares.drew(fig)
    assert spares._ticks[spares._drawing][-1] == (0, 0, 0, 0)
    assert _ticks_made(fig) == [0, 0, 0, 0]
