"""Native stat callouts: the picture callout's design as editable text boxes.

The same job, sizes and vertical rhythm as :func:`deckgen.render.callouts.render_stat`
(accent rule, qualifier line, big value, wrapped label), so a native callout lines up with
its picture twin; each piece is its own text box at the position the picture draws it, and
the pieces are grouped so the callout moves as one in PowerPoint.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from deckgen.assemble import _shapes as sh
from deckgen.assemble._shapes import Para
from deckgen.assemble.layouts import Rect
from deckgen.render.callouts import LABEL_GAP, RULE_GAP, RULE_HEIGHT, RULE_WIDTH, stat_alt
from deckgen.theming.text import line_height

if TYPE_CHECKING:
    from pptx.shapes.group import GroupShape
    from pptx.slide import Slide

    from deckgen.render.jobs import StatJob


def add_callout(slide: Slide, job: StatJob, box: Rect) -> GroupShape:
    """Draw one stat callout in ``box`` (inches) as a group of shapes; return the group."""
    theme = job.theme
    colors = theme.theme.colors
    fonts = theme.theme.fonts
    layout = job.layout
    stat = job.stat
    group = slide.shapes.add_group_shape()
    group.name = sh.clean(f"Stat: {stat_alt(job)}")[:80]
    accent = colors.highlight if stat.accent else colors.primary
    sh.add_rect(group, Rect(box.left, box.top, RULE_WIDTH / 72, RULE_HEIGHT / 72), accent,  # type: ignore[arg-type]
                name="Accent rule")  # fmt: skip
    y = RULE_HEIGHT + RULE_GAP  # points below the box's top, as on the picture

    def place(text: str, font: str, size: float, colour: str, height: float, *,
              bold: bool = False, spacing: float = 1.0, name: str) -> None:  # fmt: skip
        rect = Rect(box.left, box.top + y / 72, box.width, height / 72)
        sh.add_text(group, rect, [Para(text, font, size, colour, bold=bold,  # type: ignore[arg-type]
                                       line_spacing=spacing)], name=name)  # fmt: skip

    # The qualifier line is always reserved, so values on one slide share a baseline.
    q_height = line_height(theme.body.regular, layout.qualifier_size)
    if stat.qualifier:
        place(stat.qualifier, fonts.body.family, layout.qualifier_size, colors.muted, q_height,
              name="Qualifier")  # fmt: skip
    y += q_height
    v_height = line_height(theme.number.bold, layout.value_size)
    value_colour = colors.highlight if stat.accent else colors.text
    place(stat.value, fonts.number.family, layout.value_size, value_colour, v_height,
          bold=True, name="Value")  # fmt: skip
    y += v_height + LABEL_GAP
    place(stat.label, fonts.body.family, layout.label_size, colors.text,
          box.height * 72 - y, spacing=1.1, name="Label")  # fmt: skip
    return group
