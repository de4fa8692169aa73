"""The stats slide: one to four big numbers on a shared baseline, and the callout picture.

A callout is an accent rule, a small qualifier, the value huge and a label below (a lone
callout, a hero, draws no rule of its own: the slide's accent rule over its title is the one
rule it needs, and a second under the subtitle read as a stray mark). It is a
picture (:class:`StatJob`, drawn with Pillow at 300 dpi on a transparent ground) or, with
``native: true`` / ``--native-callouts``, the same design as grouped text boxes.

A lone callout whose value is a share (a percent from 0 to 100) keeps to the content area's
left half, and the right half shows the share as a 10 x 10 grid of dots, that many in a
hundred filled in the value's colour (:class:`ShareGrid`, native ovals).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, ClassVar, Literal

from pydantic import Field

from deckgen.errors import FitError, Location, Problem, brief
from deckgen.kinds.slides._base import Placed, SharedCard, SlideKind, SlideLayout, SlidePlan
from deckgen.layout.geometry import Rect
from deckgen.layout.slide import fit_or_fail
from deckgen.layout.text import DRAWN, SLIDE
from deckgen.layout.units import Inches, Length, Pt
from deckgen.outline.schema import Prose, Stat, Text
from deckgen.render.jobs import Asset, Canvas, content_key

if TYPE_CHECKING:
    from pptx.shapes.group import GroupShape
    from pptx.slide import Slide

    from deckgen.kinds.slides._base import PlanContext, PlannedSlide
    from deckgen.kinds.slides._chrome import Deck
    from deckgen.outline.load import PathKey
    from deckgen.theming.load import LoadedTheme
    from deckgen.theming.model import Palette, TypeScale

STAT_DPI = 300
#: A value is never set smaller than this (points); a lone callout never larger than
#: HERO_MAX, with its label HERO_LABEL times the usual size, wrapped at HERO_MEASURE of the
#: width (a lead paragraph's measure).
MIN_VALUE = 36.0
HERO_MAX = 180.0
HERO_LABEL = 1.5
HERO_MEASURE = 0.62
#: How far below the top of the content area a row of callouts starts, at least (room
#: allowing), and how much of the room the row leaves goes above it: a row under a short
#: title block stands at the content area's optical centre, not under the title with the
#: slide's lower half empty.
ROW_OFFSET = Inches(0.35)
ROOM_ABOVE = 0.4
#: Vertical rhythm of a callout, in points at slide scale.
RULE_HEIGHT = 5.0
RULE_WIDTH = 44.0
RULE_GAP = 14.0
LABEL_GAP = 8.0
#: The share grid: its side, and a dot's diameter as a share of the dots' pitch.
GRID_SIDE = 10
DOT = 0.72
#: The gap between the callout's half of the content area and the grid's.
HALF_GAP = Inches(0.45)
#: A value that is a share: a number from 0 to 100 and a percent sign, either side (as a
#: locale writes it: '67%', '67 %', '%67', '٦٧٪'), with either decimal mark.
_SHARE = re.compile(
    r"^\s*(?:(?P<after>\d{1,3}(?:[.,\u066b]\d+)?)\s*[%\u066a\uff05]"
    r"|[%\u066a\uff05]\s*(?P<before>\d{1,3}(?:[.,\u066b]\d+)?))\s*$"
)


def value_ink(colors: Palette, accent: bool) -> str:
    """A stat value's colour, as its picture, its text box and its share grid draw it: the
    highlight as text reads (4.5:1), else the text colour."""
    return colors.highlight_ink if accent else colors.text


def share_of(value: str) -> float | None:
    """The percent a stat's value writes, if it is a share of a whole (0 to 100%); None
    for a count, money, a signed change or a percent over 100."""
    found = _SHARE.match(value)
    if found is None:
        return None
    digits = found["after"] or found["before"]
    share = float(digits.replace(",", ".").replace("\u066b", "."))
    return share if share <= 100 else None


def dots_for(share: float) -> int:
    """How many dots of a hundred a share fills: the nearest whole number (halves up), but
    one for any share above 0 and 99 for any below 100, so a 0.3% is not drawn as none
    nor a 99.7% as all."""
    from deckgen.outline.formats import round_half_up

    filled = int(round_half_up(share, 0))
    if share > 0:
        filled = max(filled, 1)
    if share < 100:
        filled = min(filled, GRID_SIDE * GRID_SIDE - 1)
    return filled


@dataclass(frozen=True)
class ShareGrid(SlideLayout):
    """A stats slide's share grid: ``filled`` dots of a hundred, in ``box`` (a square)."""

    box: Rect
    filled: int
    value: str
    accent: bool

    @property
    def name(self) -> str:
        return f"Grid: {self.filled} of {GRID_SIDE * GRID_SIDE}"

    def alt(self) -> str:
        return (f"A grid of {GRID_SIDE * GRID_SIDE} dots, {self.filled} filled: "
                f"{self.filled} in {GRID_SIDE * GRID_SIDE}, for {self.value}")  # fmt: skip

    def draw(self, slide: Slide, theme: LoadedTheme, value_size: Length) -> GroupShape:
        """The dots as a group of ovals, filled in rows from the top left (as a reader
        counts): the filled ones in the value's colour, the rest in the context neutral,
        each at least 3:1 on the background, as a mark."""
        from deckgen.ooxml import shapes as sh
        from deckgen.theming.colour import MARK, legible

        colors = theme.theme.colors
        filled = legible(value_ink(colors, self.accent), colors.background, MARK)
        # The rest are marks too (what is not the share): the context neutral at 3:1. The
        # gridline grey (1.3:1 on white) left a projected grid reading as 67 dots, not
        # 67 in 100 (found in review).
        rest = legible(colors.neutral, colors.background, MARK)
        group = slide.shapes.add_group_shape()
        group.name = self.name
        pitch = self.box.width / (GRID_SIDE - 1 + DOT)
        dot = pitch * DOT
        dots = []
        for k in range(GRID_SIDE * GRID_SIDE):
            row, column = divmod(k, GRID_SIDE)
            rect = Rect(self.box.left + pitch * column, self.box.top + pitch * row, dot, dot)
            dots.append((rect, filled if k < self.filled else rest, f"Dot {k + 1}"))
        sh.add_ovals(group.shapes, dots)
        sh.set_alt_text(group, self.alt())
        return group


@dataclass(frozen=True)
class StatLayout:
    """Sizes for one callout: shared across a slide so the values share a baseline."""

    value_size: Length
    label_size: Length
    qualifier_size: Length
    label_width: Length | None = None  # the label's measure, if narrower than the callout
    rule: bool = True  # the accent rule over a callout of a row (a hero has none)

    @property
    def top(self) -> Length:
        """Where the qualifier line starts: under the rule, if there is one."""
        return Pt(RULE_HEIGHT + RULE_GAP) if self.rule else Length(0)


def _layout(sizes: TypeScale, value: Length, label: Length, width: Length | None) -> StatLayout:
    """A callout's sizes: its qualifier ('About') a little under its label's. A lone
    callout (a label measure of its own) is a hero, and draws no rule."""
    qualifier = Pt(max(sizes.minimum, sizes.stat_label * 0.8))
    return StatLayout(value, label, qualifier, width, rule=width is None)


def stat_height(layout: StatLayout, label_lines: int, theme: LoadedTheme) -> Length:
    """Height a callout needs (the planner sizes the canvas with it)."""
    return (
        layout.top
        + SLIDE.leading(theme.body.regular, layout.qualifier_size)
        + SLIDE.leading(theme.number.bold, layout.value_size)
        + Pt(LABEL_GAP)
        + SLIDE.leading(theme.body.regular, layout.label_size, 1.1) * label_lines
    )


@dataclass(frozen=True)
class StatJob:
    """One callout picture."""

    stat: Stat
    theme: LoadedTheme
    canvas: Canvas
    layout: StatLayout
    ext: Literal["png"] = "png"

    def key(self) -> str:
        return content_key(self)

    def cost(self) -> float:
        width, height = self.canvas.pixels
        return float(width * height)

    def said(self) -> str:
        """The callout as written ('More than $143.2B: in exports'): its shape's name."""
        stat = self.stat
        qualifier = f"{stat.qualifier} " if stat.qualifier else ""
        return f"{qualifier}{stat.value}: {stat.label}"

    def alt(self) -> str:
        """:meth:`said`, a compact unit in words, as a screen reader reads it aloud."""
        from deckgen.outline.formats import spoken

        return spoken(self.said())

    def render(self) -> Asset:
        """Draw the callout to a transparent PNG."""
        from PIL import Image, ImageDraw

        from deckgen.render.png import encode_image
        from deckgen.theming.fonts import covering, pil_font

        theme = self.theme
        colors = theme.theme.colors
        layout = self.layout
        px_per_pt = self.canvas.dpi / 72
        width_px, height_px = self.canvas.pixels
        image = Image.new("RGBA", (width_px, height_px), (0, 0, 0, 0))
        draw = ImageDraw.Draw(image)

        def px(length: Length) -> int:
            return round(length.pt * px_per_pt)

        if layout.rule:
            accent = colors.highlight if self.stat.accent else colors.primary
            draw.rectangle((0, 0, px(Pt(RULE_WIDTH)), px(Pt(RULE_HEIGHT))), fill=accent)
        y = layout.top  # from the top

        # The qualifier line is always reserved, so values on one slide share a baseline.
        q_font = theme.body.regular
        if self.stat.qualifier:
            # Each text in a bundled fallback where the theme's font lacks a glyph, as cards
            # and charts draw it: Chinese and Arabic were empty boxes (found by fuzzing).
            face = pil_font(covering(q_font, self.stat.qualifier), px(layout.qualifier_size))
            draw.text((0, px(y)), self.stat.qualifier, font=face, fill=colors.muted, anchor="la")
        y = y + SLIDE.leading(q_font, layout.qualifier_size)

        v_font = theme.number.bold
        ascent, _ = pil_font(v_font, px(layout.value_size)).getmetrics()  # the slide's baseline
        face = pil_font(covering(v_font, self.stat.value), px(layout.value_size))
        value_color = value_ink(colors, self.stat.accent)
        draw.text((0, px(y) + ascent), self.stat.value, font=face, fill=value_color, anchor="ls")
        y = y + SLIDE.leading(v_font, layout.value_size) + Pt(LABEL_GAP)

        l_font = theme.body.regular
        face = pil_font(covering(l_font, self.stat.label), px(layout.label_size))
        step = SLIDE.leading(l_font, layout.label_size, 1.1)
        measure = layout.label_width or self.canvas.width
        # As many lines as a greedy wrap at the measure as drawn (the plan's height holds),
        # with no lone word on the last ('2019 to September / 2024').
        for line in DRAWN.unorphaned(self.stat.label, l_font, layout.label_size, measure):
            draw.text((0, px(y)), line, font=face, fill=colors.text, anchor="la")
            y = y + step

        return Asset(encode_image(image), self.alt(), self.key(), {"value": self.stat.value})

    def draw_native(self, slide: Slide, box: Rect) -> GroupShape:
        """The same callout as grouped text boxes in ``box``, each piece where the picture
        draws it, so a native callout lines up with its picture twin."""
        from deckgen.ooxml import shapes as sh
        from deckgen.ooxml.shapes import Para

        theme = self.theme
        colors = theme.theme.colors
        fonts = theme.theme.fonts
        layout = self.layout
        stat = self.stat
        group = slide.shapes.add_group_shape()
        group.name = sh.clean(f"Stat: {self.said()}")[:80]
        if layout.rule:
            accent = colors.highlight if stat.accent else colors.primary
            sh.add_rect(group, Rect(box.left, box.top, Pt(RULE_WIDTH), Pt(RULE_HEIGHT)), accent,  # type: ignore[arg-type]
                        name="Accent rule")  # fmt: skip
        y = layout.top  # below the box's top, as on the picture

        def place(text: str, font: str, size: Length, colour: str, height: Length, *,
                  bold: bool = False, spacing: float = 1.0, name: str) -> None:  # fmt: skip
            rect = Rect(box.left, box.top + y, box.width, height)
            sh.add_text(group, rect, [Para(text, font, size, colour, bold=bold,  # type: ignore[arg-type]
                                           line_spacing=spacing)], name=name)  # fmt: skip

        q_height = SLIDE.leading(theme.body.regular, layout.qualifier_size)
        if stat.qualifier:
            place(stat.qualifier, fonts.body.family, layout.qualifier_size, colors.muted, q_height,
                  name="Qualifier")  # fmt: skip
        y = y + q_height
        v_height = SLIDE.leading(theme.number.bold, layout.value_size)
        value_colour = value_ink(colors, stat.accent)
        place(stat.value, fonts.number.family, layout.value_size, value_colour, v_height,
              bold=True, name="Value")  # fmt: skip
        y = y + v_height + Pt(LABEL_GAP)
        measure = layout.label_width or box.width
        # The picture's line breaks, written as breaks: PowerPoint and LibreOffice would
        # otherwise fill the box's full width and break the label elsewhere than its
        # picture twin. They lay a line out a hair wider than it is measured, so the box
        # is the viewer's slack wider than the measure (into the gap beside the column),
        # where a line as wide as the measure is not broken again.
        label = Rect(box.left, box.top + y, measure * SLIDE.slack, box.height - y)
        lines = DRAWN.unorphaned(stat.label, theme.body.regular, layout.label_size, measure)
        sh.add_text(group, label, [Para("\n".join(lines), fonts.body.family,  # type: ignore[arg-type]
                                        layout.label_size, colors.text, line_spacing=1.1)],
                    name="Label")  # fmt: skip
        return group


class StatsSlide(SlideKind):
    """Callouts side by side on a shared baseline; ``accent: true`` marks the finding."""

    kind: Literal["stats"]
    content: ClassVar[bool] = True
    states_finding: ClassVar[bool] = True
    title: Text
    subtitle: Prose | None = None
    items: list[Stat] = Field(min_length=1, max_length=4)
    native: bool | None = Field(
        None,
        description="Draw the callouts as text boxes (true) or pictures (false); "
        "unset follows `deckgen build --native-callouts`.",
    )
    grid: bool = Field(
        True,
        description="With one stat whose value is a share (a percent from 0 to 100), show "
        "it as a 10 x 10 grid of dots in the slide's right half; false leaves it out.",
    )

    def _share(self) -> float | None:
        """The share the grid shows, if this slide draws one: none for a rate of change
        ('12%' of 'rise in consumer prices since 2020' was drawn as 12 dots of 100, twelve
        people in a hundred; fuzzing)."""
        from deckgen.outline.text_numbers import tells_a_change

        if not self.grid or len(self.items) != 1 or tells_a_change(str(self.items[0].label)):
            return None
        return share_of(self.items[0].value)

    def measure(self, ctx: PlanContext, where: Location) -> dict[str, float]:
        """The largest value size every callout here can take (one size for the deck: a
        lone callout is a hero, sized with the other heroes)."""
        frame = self.frame(ctx, where)
        width = self._columns(frame.content)[0].width
        if len(self.items) == 1:
            name, ceiling = "hero_size", self._hero_ceiling(ctx, frame.content)
        else:
            name, ceiling = "stat_size", ctx.theme.theme.sizes.stat_value
        size = ceiling
        for i, stat in enumerate(self.items):
            fitted = SLIDE.fit(stat.value, ctx.theme.number.bold, width=width,
                               height=Inches(4), max_size=Pt(ceiling), min_size=Pt(MIN_VALUE),
                               step=Pt(1), max_lines=1)  # fmt: skip
            if fitted is None:
                self._value_too_wide(ctx, where, i, width)
            else:
                size = min(size, fitted.size.pt)
        return {name: size}

    def _hero_room(self, ctx: PlanContext, content: Rect, width: Length, size: float) -> float:
        """The largest hero value, up to ``size``, under which its label keeps the hero
        label size: a number a few points smaller reads as large, a lead paragraph cut
        from 27 to 15 points to make room for it reads as a footnote. Never below a row
        callout's value size; past that, :meth:`plan` shrinks the label. A hero under
        a taller title block has less room, and may take a smaller value than the deck's."""
        sizes = ctx.theme.theme.sizes
        floor = max(MIN_VALUE, min(size, sizes.stat_value))
        label = Pt(sizes.stat_label * HERO_LABEL)
        measure = self._measure(width)
        lines = len(DRAWN.wrap(self.items[0].label, ctx.theme.body.regular, label, measure))
        while size > floor:
            layout = _layout(sizes, Pt(size), label, measure)
            if stat_height(layout, lines, ctx.theme) <= content.height:
                break
            size -= 1
        return max(size, floor)

    def _columns(self, content: Rect) -> list[Rect]:
        """One column per callout; a lone callout beside a share grid, the left half."""
        if self._share() is not None:
            return content.columns(2, gap=HALF_GAP)[:1]
        return content.columns(len(self.items), gap=Inches(0.45))

    def _measure(self, width: Length) -> Length:
        """A hero label's measure: a lead paragraph's, or its whole half beside a grid."""
        return width if self._share() is not None else width * HERO_MEASURE

    @staticmethod
    def _hero_ceiling(ctx: PlanContext, content: Rect) -> float:
        """A lone callout's value fills about half the content area's height."""
        return min(HERO_MAX, content.height.pt * 0.5)

    def _value_too_wide(self, ctx: PlanContext, where: Location, i: int, width: Length) -> None:
        fit_or_fail(
            self.items[i].value, ctx.theme.number.bold, width=width, height=Inches(4),
            max_size=MIN_VALUE, min_size=MIN_VALUE, max_lines=1,
            where=Location(where.file, where.line, f"{where.field}.items[{i}].value"),
            what="stat value",
        )  # fmt: skip

    def plan(self, ctx: PlanContext, where: Location) -> SlidePlan:
        frame = self.frame(ctx, where)
        sizes = ctx.theme.theme.sizes
        hero = len(self.items) == 1
        columns = self._columns(frame.content)
        own = self.measure(ctx, where)
        key = "hero_size" if hero else "stat_size"
        value_size = ctx.shared.get(key, own[key])
        if hero:  # the room under this slide's title block
            value_size = self._hero_room(ctx, frame.content, columns[0].width, value_size)
        # A lone callout's label reads as a lead paragraph: larger, and kept to a measure.
        label_size = sizes.stat_label * (HERO_LABEL if hero else 1.0)
        width = self._measure(columns[0].width) if hero else columns[0].width  # the label's
        layout = _layout(sizes, Pt(value_size), Pt(label_size), width if hero else None)
        body = ctx.theme.body.regular

        def height_of(layout: StatLayout) -> Length:
            lines = max(len(DRAWN.wrap(s.label, body, layout.label_size, width))
                        for s in self.items)  # fmt: skip
            return stat_height(layout, lines, ctx.theme)

        def too_wide(layout: StatLayout) -> str | None:
            # A word wider than the label's column: the picture cut it at its edge (a
            # link, 'https://www.example.gov/statistics/...': found by fuzzing).
            return next((w for s in self.items for w in s.label.split()
                         if DRAWN.width(w, body, layout.label_size) > width), None)  # fmt: skip

        height = height_of(layout)
        while ((height > frame.content.height or too_wide(layout))
               and layout.label_size.pt > sizes.minimum):  # fmt: skip
            layout = replace(layout, label_size=layout.label_size - Pt(1))
            height = height_of(layout)
        if (word := too_wide(layout)) is not None:
            raise FitError(Problem(
                where,
                f"the word {brief(word)} of a stat label is wider than its column "
                f"({width.pt:.0f} pt) even at {layout.label_size.pt:.0f} pt, so the callout "
                "would cut it",
                "shorten it or break it with spaces (a link reads better in the notes or "
                "the source), or give the slide fewer callouts",
            ))  # fmt: skip
        if height > frame.content.height:
            fix = "shorten the labels"
            if self._share() is not None:  # the grid keeps the label to the left half
                fix += ", or set `grid: false` to give the label the slide's width"
            raise FitError(Problem(where, "the stat labels are too long for the slide", fix))
        # A row of callouts stands a little below the top of the content area, or lower
        # where the area is deep; a hero's value is sized to the area, from its top.
        room = max(Length(0), frame.content.height - height)
        drop = min(ROW_OFFSET, room) if hero else max(min(ROW_OFFSET, room), room * ROOM_ABOVE)
        top = frame.content.top + drop
        native = ctx.native_callouts if self.native is None else self.native
        pictures = tuple(
            Placed(
                StatJob(stat, ctx.theme, Canvas(col.width, height, STAT_DPI), layout),
                Rect(col.left, top, col.width, height),
                native=native,
            )
            for stat, col in zip(self.items, columns, strict=True)
        )
        sources = tuple(s.source for s in self.items if s.source)
        share = self._share()
        grid = None
        if share is not None:
            grid = self._grid(ctx, frame.content, Rect(columns[0].left, top, columns[0].width,
                                                  height), layout, share)  # fmt: skip
        return SlidePlan(frame, pictures=pictures, sources=sources, layout=grid)

    def _grid(
        self, ctx: PlanContext, content: Rect, block: Rect, layout: StatLayout, share: float
    ) -> ShareGrid:
        """The grid's square, at the left of the content area's right half, from the top
        of the callout's value as drawn (its qualifier line, if it has one) to its
        label's end."""
        from deckgen.theming.fonts import covering, pil_font

        half = content.columns(2, gap=HALF_GAP)[1]
        stat = self.items[0]
        top = block.top + layout.top
        if not stat.qualifier:
            top = top + SLIDE.leading(ctx.theme.body.regular, layout.qualifier_size)
            # Down from the value's line to its digits' tops, as StatJob draws them.
            px = SLIDE.pixels(layout.value_size)
            ascent, _ = pil_font(ctx.theme.number.bold, px).getmetrics()
            face = pil_font(covering(ctx.theme.number.bold, stat.value), px)
            top = top + layout.value_size * (
                (ascent + face.getbbox(stat.value, anchor="ls")[1]) / px
            )
        side = min(half.width, block.bottom - top)
        # At the right half's left edge, near the value it shows: pinned to the right
        # margin it stood three inches off, an object of its own (found in review).
        box = Rect(half.left, top + (block.bottom - top - side) / 2, side, side)
        return ShareGrid(box, dots_for(share), stat.value, stat.accent)

    def build(self, deck: Deck, planned: PlannedSlide) -> Slide:
        slide = deck.content_slide(planned, keep=("pic",) if len(planned.pictures) == 1 else ())
        deck.pictures(slide, planned, "Stat",
                      native=lambda s, placed: placed.job.draw_native(s, placed.box))  # type: ignore[attr-defined]  # fmt: skip
        if isinstance(planned.layout, ShareGrid):
            job = planned.pictures[0].job
            assert isinstance(job, StatJob)
            planned.layout.draw(slide, deck.theme, job.layout.value_size)
        return slide

    def as_card(self, index: int) -> SharedCard:
        """A card carries one number: the accented item (else the first), under the title."""
        from deckgen.kinds.cards.stat import StatCard

        k = next((n for n, s in enumerate(self.items) if s.accent), 0)
        item = self.items[k]
        card = StatCard(
            kind="stat", presets=list(self.share), title=self.title, value=item.value,
            label=item.label, qualifier=item.qualifier, source=item.source or self.source,
            note=self.note,
        )  # fmt: skip
        item_key: PathKey = ("slides", index, "items", k)
        fields: dict[str, PathKey] = {f: (*item_key, f) for f in ("value", "label", "qualifier")}
        fields["source"] = (*item_key, "source") if item.source else ("slides", index, "source")
        fields["note"] = ("slides", index, "note")
        return card, fields
