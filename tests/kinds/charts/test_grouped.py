"""Grouped bars over long data: the highlight may name a series."""

from __future__ import annotations

import io

from PIL import Image
from pptx import Presentation

from deckgen.pipeline import BuildOptions, build
from tests.helpers import write_project

RED = "C8102E"  # the corporate highlight

GEN = "year,source,twh\n" + "".join(
    f"{y},{s},{v}\n"
    for y, row in (
        ("2021", (898, 1579, 378)),
        ("2022", (828, 1687, 435)),
        ("2023", (675, 1802, 425)),
    )
    for s, v in zip(("Coal", "Gas", "Wind"), row, strict=True)
)


def deck(tmp_path, native: bool):
    outline = f"""\
deck: {{title: T}}
data: {{gen: {{file: gen.csv}}}}
slides:
  - kind: chart
    title: Gas grew
    chart: {{type: grouped-bar, data: gen, x: year, y: twh, series: source, highlight: Gas,
            native: {str(native).lower()}, format: "plain:0"}}
"""
    path = write_project(tmp_path, outline, {"gen.csv": GEN})
    return build(path, BuildOptions(out_dir=tmp_path / "out"))


def test_a_highlighted_series_is_the_accent_and_the_others_stay_apart(tmp_path):
    result = deck(tmp_path, native=True)
    chart = next(s for s in Presentation(str(result.deck)).slides[0].shapes if s.has_chart).chart
    fills = {s.name: {str(p.format.fill.fore_color.rgb) for p in list(s.points)[:3]}
             for s in chart.plots[0].series}  # fmt: skip
    assert fills["Gas"] == {RED}
    assert RED not in fills["Coal"] | fills["Wind"]
    assert fills["Coal"] != fills["Wind"]  # the key can tell them apart
    assert chart.has_legend


def test_the_picture_draws_the_highlighted_series_in_the_accent(tmp_path):
    result = deck(tmp_path, native=False)
    picture = next(s for s in Presentation(str(result.deck)).slides[0].shapes
                   if s.shape_type == 13)  # fmt: skip
    image = Image.open(io.BytesIO(picture.image.blob)).convert("RGB")
    colors = {c for _, c in image.getcolors(1 << 22)}
    assert tuple(int(RED[i : i + 2], 16) for i in (0, 2, 4)) in colors
