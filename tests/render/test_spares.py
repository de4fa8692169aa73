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
    yield
    spares._made.clear()
    spares._styles.clear()


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
