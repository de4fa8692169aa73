"""A chart of more series than six gets a colour of its own for each, in every shipped
theme: the derived set wrapped round at six, and a stack of seven drew its first and
seventh series in one navy (fuzz-U/8)."""

from __future__ import annotations

from itertools import combinations
from typing import TYPE_CHECKING

import pytest

from deckgen.theming.colour import DISTINGUISHABLE, MARK, contrast, seen_apart
from tests.check.test_series_colours import STACK
from tests.helpers import load_theme, plan, write_project

if TYPE_CHECKING:
    from pathlib import Path

THEMES = ("corporate", "dark", "contrast", "corporate-template")


@pytest.mark.parametrize("count", [7, 9])
@pytest.mark.parametrize("name", THEMES)
def test_each_of_seven_or_nine_series_has_a_colour_every_reader_tells_apart(name, count):
    colors = load_theme(name).theme.colors
    palette = colors.categorical[:count]
    assert len(set(palette)) == count, colors.categorical
    for colour in palette:
        assert contrast(colour, colors.background) >= MARK, colour
    for a, b in combinations(palette, 2):
        assert seen_apart(a, b) >= DISTINGUISHABLE, (a, b)
    # A derived colour never passes for the accent (a theme's own may be it: contrast's
    # first is its highlight); with no list of the theme's own, all but the primary are.
    derived = colors.added or colors.categorical[1:]
    for colour in derived:
        assert seen_apart(colour, colors.highlight) >= DISTINGUISHABLE, colour


def test_the_first_six_colours_are_those_the_themes_had():
    """More colours are added after the six, never in their place: every deck of six series
    or fewer draws as before."""
    before = {
        "corporate": ["#12355B", "#AC71E3", "#419985", "#989941", "#146616", "#6034D7"],
        "dark": ["#2A9D8F", "#8252D1", "#C5D5EF", "#4E7338", "#D665C8", "#CC3F74"],
        "corporate-template": ["#0E4D64", "#9C7FED", "#358D79", "#AB18A8", "#596A28",
                               "#2A55E1"],
    }  # fmt: skip
    for name, six in before.items():
        assert load_theme(name).theme.colors.categorical[:6] == six


def test_a_set_ends_where_no_colour_is_left_that_every_reader_tells_apart():
    """On a mid-grey page few colours keep 3:1: the set stops short of twelve rather than
    add one a reader would take for another (the chart then repeats, and A11Y007 says)."""
    from deckgen.theming.colour import LONGEST, derive_categorical

    palette = derive_categorical("#12355B", "#C8102E", "#808080")
    assert 1 <= len(palette) <= LONGEST
    for a, b in combinations(palette[6:], 2):
        assert seen_apart(a, b) >= DISTINGUISHABLE


@pytest.mark.parametrize("count", [7, 9])
@pytest.mark.parametrize("name", THEMES)
def test_a_stack_of_seven_or_nine_series_draws_each_in_its_own_colour(
    tmp_path: Path, name: str, count: int
):
    names = [f"s{i}" for i in range(count)]
    data = "year," + ",".join(names) + "\n"
    data += "".join(f"{y}," + ",".join(str(10 + i) for i in range(count)) + "\n"
                    for y in (2023, 2024))  # fmt: skip
    path = write_project(tmp_path, STACK.format(theme=name, series=", ".join(names), more=""),
                         {"d.csv": data})  # fmt: skip
    built = plan(path, name)
    (job,) = [p.job for s in built.slides for p in s.pictures]
    drawn = job.spec.mark_colors(job)
    assert len(set(drawn)) == count, drawn
