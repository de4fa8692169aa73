"""The stat callout picture of a stats slide."""

import io

import pytest
from PIL import Image

from deckgen.kinds.slides.stats import StatJob, StatLayout, stat_height
from deckgen.layout.units import Inches, Pt
from deckgen.outline.schema import Stat
from deckgen.render.jobs import Canvas
from tests.helpers import load_theme


def render_stat(job: StatJob):
    return job.render()


def job(theme: str = "corporate", **stat) -> StatJob:
    loaded = load_theme(theme)
    layout = StatLayout(value_size=Pt(72), label_size=Pt(18), qualifier_size=Pt(14))
    height = stat_height(layout, 2, loaded)
    values = {"value": "$143.2B", "label": "in motor vehicle and parts exports"} | stat
    return StatJob(Stat(**values), loaded, Canvas(Inches(2.8), height, 300), layout)


@pytest.mark.parametrize("theme", ["corporate", "dark", "contrast"])
def test_a_callout_is_a_transparent_png_of_the_canvas_size(theme):
    j = job(theme)
    image = Image.open(io.BytesIO(render_stat(j).data))
    assert image.size == j.canvas.pixels
    assert image.mode == "RGBA"
    assert image.getpixel((image.width - 1, image.height - 1))[3] == 0  # transparent corner
    assert image.getbbox() is not None  # something was drawn


def test_the_value_is_drawn_in_the_accent_colour_when_accented():
    plain = Image.open(io.BytesIO(render_stat(job()).data)).convert("RGB")
    accent = Image.open(io.BytesIO(render_stat(job(accent=True)).data)).convert("RGB")
    highlight = tuple(int(load_theme("corporate").theme.colors.highlight[i : i + 2], 16)
                      for i in (1, 3, 5))  # fmt: skip
    assert highlight in {c for _, c in accent.getcolors(1 << 20)}
    assert plain.tobytes() != accent.tobytes()


def test_callouts_are_deterministic_and_carry_alt_text():
    j = job(qualifier="More than")
    first, second = render_stat(j), render_stat(j)
    assert first.data == second.data
    assert first.alt == "More than $143.2B: in motor vehicle and parts exports"
