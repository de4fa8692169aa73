"""Stat callouts: an accent rule, a qualifier, a big value and a label, drawn with Pillow.

Sizes come from the job (the planner picks one value size for every callout on a slide so
the values share a baseline); the label wraps with the theme's body font metrics. The PNG is
transparent so it sits on any slide background, and is drawn at 300 dpi to stay crisp.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from deckgen.render.jobs import Asset
from deckgen.render.png import encode_image
from deckgen.theming.fonts import pil_font
from deckgen.theming.text import line_height, wrap

if TYPE_CHECKING:
    from deckgen.render.jobs import StatJob
    from deckgen.theming.load import LoadedTheme

#: Vertical rhythm of a callout, in points at slide scale.
RULE_HEIGHT = 5.0
RULE_WIDTH = 44.0
RULE_GAP = 14.0
LABEL_GAP = 8.0


@dataclass(frozen=True)
class StatLayout:
    """Sizes in points for one callout: shared across a slide by the planner."""

    value_size: float
    label_size: float
    qualifier_size: float


def stat_alt(job: StatJob) -> str:
    stat = job.stat
    qualifier = f"{stat.qualifier} " if stat.qualifier else ""
    return f"{qualifier}{stat.value}: {stat.label}"


def render_stat(job: StatJob) -> Asset:
    """Draw one stat callout to a transparent PNG."""
    from PIL import Image, ImageDraw

    theme = job.theme
    colors = theme.theme.colors
    layout = job.layout
    px_per_pt = job.canvas.dpi / 72
    width_px, height_px = job.canvas.pixels
    image = Image.new("RGBA", (width_px, height_px), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)

    def px(points: float) -> int:
        return round(points * px_per_pt)

    accent = colors.highlight if job.stat.accent else colors.primary
    draw.rectangle((0, 0, px(RULE_WIDTH), px(RULE_HEIGHT)), fill=accent)
    y = RULE_HEIGHT + RULE_GAP  # points from the top

    # The qualifier line is always reserved, so values on one slide share a baseline.
    q_font = theme.body.regular
    q_height = line_height(q_font, layout.qualifier_size)
    if job.stat.qualifier:
        face = pil_font(q_font, px(layout.qualifier_size))
        draw.text((0, px(y)), job.stat.qualifier, font=face, fill=colors.muted, anchor="la")
    y += q_height

    v_font = theme.number.bold
    face = pil_font(v_font, px(layout.value_size))
    ascent, _ = face.getmetrics()
    value_color = colors.highlight if job.stat.accent else colors.text
    draw.text((0, px(y) + ascent), job.stat.value, font=face, fill=value_color, anchor="ls")
    y += line_height(v_font, layout.value_size) + LABEL_GAP

    l_font = theme.body.regular
    face = pil_font(l_font, px(layout.label_size))
    step = line_height(l_font, layout.label_size, 1.1)
    for line in wrap(job.stat.label, l_font, layout.label_size, job.canvas.width * 72):
        draw.text((0, px(y)), line, font=face, fill=colors.text, anchor="la")
        y += step

    return Asset(encode_image(image), stat_alt(job), job.key(), {"value": job.stat.value})


def stat_height(layout: StatLayout, label_lines: int, theme: LoadedTheme) -> float:
    """Height in points a callout needs (the planner sizes the canvas with it)."""
    return (
        RULE_HEIGHT
        + RULE_GAP
        + line_height(theme.body.regular, layout.qualifier_size)
        + line_height(theme.number.bold, layout.value_size)
        + LABEL_GAP
        + line_height(theme.body.regular, layout.label_size, 1.1) * label_lines
    )
