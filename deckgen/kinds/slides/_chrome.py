"""What every slide kind's ``build`` shares: the deck being written and its chrome.

:class:`Deck` holds the presentation, the theme, the deck metadata and the rendered
pictures, and draws what slides have in common: a slide on the kind's layout, the title
block in the title placeholder, the accent rule, the footer with source and slide number,
and the pictures (or their native forms). Kinds place what their planner laid out; nothing
here decides a size (the footer's line breaks are the typesetter's, where the plan fitted it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from deckgen.layout.geometry import Rect
from deckgen.layout.slide import ACCENT_RULE, footer_band, footer_boxes, footer_text
from deckgen.layout.text import SLIDE
from deckgen.layout.units import Pt
from deckgen.ooxml import shapes as sh
from deckgen.ooxml.shapes import Para

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from pptx.presentation import Presentation
    from pptx.slide import Slide

    from deckgen.kinds.slides._base import Placed, PlannedSlide
    from deckgen.outline.schema import DeckMeta
    from deckgen.render.jobs import Asset
    from deckgen.theming.load import LoadedTheme
    from deckgen.theming.model import Palette, TypeScale

#: Placeholder types that take body text (bullets, the sources list).
BODY = ("body", "obj")


#: The names of the footer's shapes (source line, slide number): last in a slide's shape
#: order, which is its reading order, whatever order a kind draws them in (see
#: :meth:`Deck.read_last`).
FOOTER_NAMES = ("Footer", "Slide number")


@dataclass(frozen=True)
class Deck:
    """The deck being written: presentation, theme, metadata, every planned slide's sources
    (for the sources slide) and the rendered pictures by key."""

    prs: Presentation
    theme: LoadedTheme
    meta: DeckMeta
    size: str
    sources: tuple[str, ...]
    assets: Mapping[str, Asset]

    @property
    def colors(self) -> Palette:
        return self.theme.theme.colors

    @property
    def sizes(self) -> TypeScale:
        return self.theme.theme.sizes

    @property
    def language(self) -> str:
        """The deck's language as OOXML tags text (BCP 47: 'de-DE'), from its locale
        ('de_DE', checked when the outline was bound)."""
        return self.meta.locale.split(".")[0].split("@")[0].replace("_", "-")

    def font(self, role: str) -> str:
        family: str = getattr(self.theme.theme.fonts, role).family
        return family

    @property
    def branded(self) -> bool:
        """Built on a corporate template: its layouts, backgrounds and placeholder styles."""
        return self.theme.template is not None

    def placeholder_style(self, font: str, color: str) -> tuple[str | None, str | None]:
        """Font and colour for text in a placeholder: the template's own (inherited) when
        there is one, so the brand's title styling wins; else the theme's."""
        return (None, None) if self.branded else (font, color)

    def ink(self, kind: str = "title") -> str:
        """Text colour on a title/section slide: on the cover's fill (the primary colour or
        the background); on a template, the theme's colour that stands out most on the
        background of ``kind``'s layout (a brand's dark cover), or its text colour where
        that background is not a plain colour (assumed light, like a blank layout)."""
        template = self.theme.template
        if template is not None:
            ground = template.layout_for(kind).ground
            if ground is None:
                return self.colors.text
            from deckgen.theming.colour import contrast

            colors = self.colors
            return max((colors.text, colors.on_primary, colors.background),
                       key=lambda c: contrast(c, ground))  # fmt: skip
        if self.theme.theme.cover.fill == "background":
            return self.colors.text
        return self.colors.on_primary

    # -- slides ----------------------------------------------------------------------------
    def new_slide(self, kind: str, default_layout: int, background: str) -> Slide:
        """A slide on ``kind``'s template layout, or on deckgen's own layout and background,
        the layout's accent rule hidden (the slide draws its own chrome)."""
        template = self.theme.template
        if template is None:
            slide = self.prs.slides.add_slide(self.prs.slide_layouts[default_layout])
            sh.set_background(slide, background)
            sh.hide_layout_shapes(slide)
            return slide
        from deckgen.theming.template import find_layout

        return self.prs.slides.add_slide(find_layout(self.prs, template.layout_for(kind).name))

    def content_slide(
        self, planned: PlannedSlide, keep: tuple[str, ...] = (), layout: int | None = None
    ) -> Slide:
        """A slide with the title block (in the title placeholder), accent rule and footer.

        Title and subtitle share one text box, as two paragraphs: if a viewer lacks the
        theme font and its substitute wraps differently, the subtitle flows below the title
        instead of colliding with it. Placeholders of the OOXML types in ``keep`` (e.g.
        ``"body"``) stay for the caller to fill; every other empty one is removed. ``layout``
        is deckgen's own layout to use (default Title Only): Title and Content for a kind
        whose text goes in its body placeholder, what outline view shows as the slide's text.
        """
        own = sh.LAYOUT_TITLE_ONLY if layout is None else layout
        slide = self.new_slide(planned.slide.kind, own, self.colors.background)
        frame = planned.frame
        assert frame is not None
        if not self.branded:
            sh.add_rect(slide, ACCENT_RULE, self.colors.highlight, name="Accent rule")
        font, color = self.placeholder_style(self.font("heading"), self.colors.text)
        title_text: str = getattr(planned.slide, "title", "") or ""
        # The title breaks where it was balanced, not at the box edge.
        text, measure = frame.title.written(title_text, frame.title_box.width)
        paragraphs = [
            Para(text, font, frame.title.size, color, bold=None if self.branded else True,
                 measure=measure)
        ]  # fmt: skip
        bottom = frame.title_box.bottom
        subtitle = getattr(planned.slide, "subtitle", None)
        if frame.subtitle and frame.subtitle_box and subtitle:
            gap = frame.subtitle_box.top - frame.title_box.bottom
            # Wrapped where it was balanced too (at the box's edge, the contrast theme's
            # slide 20 left 'growth)' alone on its second line, found in review).
            text, measure = frame.subtitle.written(subtitle, frame.subtitle_box.width)
            paragraphs.append(Para(text, self.font("body"), frame.subtitle.size,
                                   self.colors.muted, space_before=gap,
                                   measure=measure))  # fmt: skip
            bottom = frame.subtitle_box.bottom
        box = Rect(frame.title_box.left, frame.title_box.top, frame.title_box.width,
                   bottom - frame.title_box.top)  # fmt: skip
        title = sh.content_placeholder(slide, ("title", "ctrTitle"))
        sh.add_text(slide, box, paragraphs, shape=title)
        kept = sh.content_placeholder(slide, keep) if keep else None
        sh.remove_unused_placeholders(
            slide,
            keep={p.placeholder_format.idx for p in (title, kept) if p is not None},
        )
        self.footer(slide, planned, frame.footer)
        return slide

    def footer(self, slide: Slide, planned: PlannedSlide, rect: Rect | None = None) -> None:
        """Source line (left) and slide number (right) in the footer band."""
        rect = rect or footer_band(self.size)
        size = Pt(self.sizes.footer)
        text = footer_text(self.meta, self.theme, planned.sources, planned.footnotes)
        left, number = footer_boxes(rect)
        if text:
            # Written with a break where each line ends, the lines balanced (as many as
            # fit, as even as can be): at the box's edge, the contrast theme's slide 30
            # left 'page' alone on its second line, and kept from a lone word only,
            # 'Impact page' (found in review).
            lines = SLIDE.balanced(text, self.theme.body.regular, size, left.width)
            line = Para("\n".join(lines), self.font("body"), size, self.colors.muted)
            sh.add_text(slide, left, [line], anchor="bottom", name=FOOTER_NAMES[0])
        sh.add_text(
            slide, number,
            [Para(str(planned.number), self.font("body"), size, self.colors.muted, align="right",
                  slide_number=True)],
            anchor="bottom", name=FOOTER_NAMES[1],
        )  # fmt: skip

    def read_last(self, slide: Slide) -> None:
        """Put the footer's shapes last in the slide's shape order: screen readers read a
        slide in that order, and a content slide's footer, drawn with its title block
        before the kind adds its chart or table, was read before them ('Source: ..., 2'
        first; found in review). The footer overlaps nothing, so nothing drawn changes."""
        sh.to_end(slide, [s for s in slide.shapes if s.name in FOOTER_NAMES])

    def pictures(
        self,
        slide: Slide,
        planned: PlannedSlide,
        label: str,
        native: Callable[[Slide, Placed], Any] | None = None,
    ) -> None:
        """Place the slide's pictures, or draw them with ``native`` where the plan says
        so; a lone picture fills the layout's picture placeholder."""
        slot = sh.content_placeholder(slide, ("pic",)) if len(planned.pictures) == 1 else None
        for placed in planned.pictures:
            if placed.native:
                assert native is not None
                native(slide, placed)
                if slot is not None:  # an empty placeholder would say "Click to add picture"
                    slot._element.getparent().remove(slot._element)
                continue
            asset = self.assets[placed.job.key()]
            name = f"{label}: {asset.alt}"
            if slot is None:
                sh.add_picture(slide, asset.data, placed.box, asset.alt, name)
            else:
                sh.fill_picture_placeholder(slot, asset.data, placed.box, asset.alt, name)

    def blank_slide(self, planned: PlannedSlide) -> Slide:
        """A slide with no title block: deckgen's blank layout (or the template's mapped
        one), its placeholders removed (the caller adds the footer last)."""
        slide = self.new_slide(planned.slide.kind, sh.LAYOUT_BLANK, self.colors.background)
        sh.remove_unused_placeholders(slide, keep=set())
        return slide
