"""Cards drawn by :mod:`deckgen.render.cardkit`: what their charts leave out is said."""

from __future__ import annotations

from deckgen.pipeline import BuildOptions, build
from tests.helpers import write_project

ROUTES = [f"Route {c}" for c in "ABCDEFGHIJKLMNOPQRSTUV"]


def test_a_card_says_the_series_its_chart_could_not_name(tmp_path):
    """A line card of 22 routes named nine and dropped the rest without a word (review):
    the build warns of them as it warns of a slide's chart, naming the card."""
    rows = ["year," + ",".join(ROUTES)] + [
        f"{year}," + ",".join(f"{10 + (i % 5) * 0.3 + k * 0.1 * (i % 3):.1f}" for i in range(22))
        for k, year in enumerate(range(2020, 2025))
    ]
    outline = f"""\
deck: {{title: Riders, theme: corporate}}
data:
  r: {{file: r.csv}}
slides:
  - kind: chart
    title: Route A carried the most riders in 2024
    source: Transit agency
    share: [x-post]
    chart: {{type: line, data: r, x: year, y: [{", ".join(ROUTES)}], highlight: Route A}}
"""
    path = write_project(tmp_path, outline, {"r.csv": "\n".join(rows) + "\n"})
    result = build(path, BuildOptions(out_dir=tmp_path / "out"))
    said = [w for w in result.warnings if w.startswith("card ")]
    assert len(said) == 1 and "x-post.png: " in said[0]
    assert "are not named at their ends" in said[0] and "'Route A'" not in said[0]
