import io

import pytest
from PIL import Image

from deckgen.outline.schema import Stat
from deckgen.render.callouts import StatLayout, render_stat, stat_height
from deckgen.render.jobs import Canvas, StatJob
from deckgen.theming.load import load_theme


def job(theme: str = "corporate", **stat) -> StatJob:
    loaded = load_theme(theme)
    layout = StatLayout(value_size=72, label_size=18, qualifier_size=14)
    height = stat_height(layout, 2, loaded) / 72
    values = {"value": "$143.2B", "label": "in motor vehicle and parts exports"} | stat
    return StatJob(Stat(**values), loaded, Canvas(2.8, height, 300), layout)


@pytest.mark.parametrize("theme", ["corporate", "dark", "contrast"])
def test_a_callout_is_a_transparent_png_of_the_canvas_size(theme):
    j = job(theme)
    image = Image.open(io.BytesIO(render_stat(j).png))
    assert image.size == j.canvas.pixels
    assert image.mode == "RGBA"
    assert image.getpixel((image.width - 1, image.height - 1))[3] == 0  # transparent corner
    assert image.getbbox() is not None  # something was drawn


def test_the_value_is_drawn_in_the_accent_colour_when_accented():
    plain = Image.open(io.BytesIO(render_stat(job()).png)).convert("RGB")
    accent = Image.open(io.BytesIO(render_stat(job(accent=True)).png)).convert("RGB")
    highlight = tuple(int(load_theme("corporate").theme.colors.highlight[i : i + 2], 16)
                      for i in (1, 3, 5))  # fmt: skip
    assert highlight in {c for _, c in accent.getcolors(1 << 20)}
    assert plain.tobytes() != accent.tobytes()


def test_callouts_are_deterministic_and_carry_alt_text():
    j = job(qualifier="More than")
    first, second = render_stat(j), render_stat(j)
    assert first.png == second.png
    assert first.alt == "More than $143.2B: in motor vehicle and parts exports"
