"""Assemble the deck: planned slides + rendered assets -> a python-pptx presentation.

One builder per slide kind, in :data:`BUILDERS`. Builders place what the planner laid out;
they measure nothing and decide no sizes, so what was fitted is what is drawn.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pptx.enum.text import MSO_ANCHOR
from pptx.util import Inches, Pt

from deckgen.assemble import _shapes as sh
from deckgen.assemble._shapes import Para
from deckgen.assemble.layouts import ACCENT_RULE, MARGIN, Rect, full_frame, slide_size
from deckgen.plan import bullet_gap, deck_sources

if TYPE_CHECKING:
    from pptx.slide import Slide

    from deckgen.outline.schema import DeckMeta
    from deckgen.plan import BuildPlan, Placed, PlannedSlide
    from deckgen.render.jobs import Asset
    from deckgen.theming.load import LoadedTheme


@dataclass(frozen=True)
class _Ctx:
    theme: LoadedTheme
    meta: DeckMeta
    plan: BuildPlan
    assets: dict[str, Asset]

    @property
    def colors(self) -> Any:
        return self.theme.theme.colors

    @property
    def sizes(self) -> Any:
        return self.theme.theme.sizes

    def font(self, role: str) -> str:
        return getattr(self.theme.theme.fonts, role).family

    @property
    def branded(self) -> bool:
        """Built on a corporate template: its layouts, backgrounds and placeholder styles."""
        return self.theme.template is not None

    def placeholder_style(self, font: str, color: str) -> tuple[str | None, str | None]:
        """Font and colour for text in a placeholder: the template's own (inherited) when
        there is one, so the brand's title styling wins; else the theme's."""
        return (None, None) if self.branded else (font, color)


def _new_slide(prs: Any, ctx: _Ctx, kind: str, default_layout: int, background: str) -> Slide:
    """A slide on ``kind``'s template layout, or on deckgen's own layout and background."""
    template = ctx.theme.template
    if template is None:
        slide = prs.slides.add_slide(prs.slide_layouts[default_layout])
        sh.set_background(slide, background)
        return slide
    from deckgen.theming.template import find_layout

    return prs.slides.add_slide(find_layout(prs, template.layout_for(kind).name))


# --------------------------------------------------------------------------- shared pieces
def _content_slide(prs: Any, ctx: _Ctx, planned: PlannedSlide, keep: tuple[str, ...] = ()) -> Slide:
    """A slide with the title block (in the title placeholder), accent rule and footer.

    Title and subtitle share one text box, as two paragraphs: if a viewer lacks the theme
    font and its substitute wraps differently, the subtitle flows below the title instead
    of colliding with it. Placeholders of the OOXML types in ``keep`` (e.g. ``"body"`` on a
    template layout) stay for the caller to fill; every other empty one is removed.
    """
    slide = _new_slide(prs, ctx, planned.slide.kind, sh.LAYOUT_TITLE_ONLY, ctx.colors.background)
    frame = planned.frame
    assert frame is not None
    if not ctx.branded:
        sh.add_rect(slide, Rect(*ACCENT_RULE), ctx.colors.highlight, name="Accent rule")
    font, color = ctx.placeholder_style(ctx.font("heading"), ctx.colors.text)
    paragraphs = [
        Para(planned.slide.title, font, frame.title.size,  # type: ignore[union-attr]
             color, bold=None if ctx.branded else True)
    ]  # fmt: skip
    bottom = frame.title_box.bottom
    subtitle = getattr(planned.slide, "subtitle", None)
    if frame.subtitle and frame.subtitle_box and subtitle:
        gap = (frame.subtitle_box.top - frame.title_box.bottom) * 72
        paragraphs.append(Para(subtitle, ctx.font("body"), frame.subtitle.size,
                               ctx.colors.muted, space_before=gap))  # fmt: skip
        bottom = frame.subtitle_box.bottom
    box = Rect(frame.title_box.left, frame.title_box.top, frame.title_box.width,
               bottom - frame.title_box.top)  # fmt: skip
    title = sh.content_placeholder(slide, ("title", "ctrTitle"))
    sh.add_text(slide, box, paragraphs, shape=title)
    kept = sh.content_placeholder(slide, keep) if keep else None
    sh.remove_unused_placeholders(
        slide, keep={p.placeholder_format.idx for p in (title, kept) if p is not None}
    )
    _footer(slide, ctx, planned, frame.footer)
    return slide


def _footer(slide: Slide, ctx: _Ctx, planned: PlannedSlide, rect: Rect) -> None:
    size = ctx.sizes.footer
    parts = [f"Source: {'; '.join(planned.sources)}"] if planned.sources else []
    if ctx.meta.footer or ctx.theme.theme.footer:
        parts.append(ctx.meta.footer or ctx.theme.theme.footer or "")
    left = Rect(rect.left, rect.top, rect.width - 0.8, rect.height)
    if parts:
        sh.add_text(
            slide, left, [Para("  ·  ".join(parts), ctx.font("body"), size, ctx.colors.muted)],
            anchor="bottom", name="Footer",
        )  # fmt: skip
    number = Rect(rect.right - 0.7, rect.top, 0.7, rect.height)
    sh.add_text(
        slide, number,
        [Para(str(planned.number), ctx.font("body"), size, ctx.colors.muted, align="right",
              slide_number=True)],
        anchor="bottom", name="Slide number",
    )  # fmt: skip


def _notes(slide: Slide, planned: PlannedSlide) -> None:
    if planned.notes:
        slide.notes_slide.notes_text_frame.text = sh.clean(planned.notes)


def _pictures(slide: Slide, ctx: _Ctx, planned: PlannedSlide, label: str) -> None:
    """Place the slide's pictures, or draw them natively where the plan says so; a lone
    picture fills the layout's picture placeholder."""
    slot = sh.content_placeholder(slide, ("pic",)) if len(planned.pictures) == 1 else None
    for placed in planned.pictures:
        if placed.native:
            NATIVE[placed.job.kind](slide, placed)
            if slot is not None:  # an empty placeholder would say "Click to add picture"
                slot._element.getparent().remove(slot._element)
            continue
        asset = ctx.assets[placed.job.key()]
        name = f"{label}: {asset.alt}"
        if slot is None:
            sh.add_picture(slide, asset.png, placed.box, asset.alt, name)
        else:
            sh.fill_picture_placeholder(slot, asset.png, placed.box, asset.alt, name)


def _native_chart(slide: Slide, placed: Placed) -> None:
    from deckgen.assemble.native_charts import add_native_chart
    from deckgen.render.alt import describe_chart

    job = placed.job
    add_native_chart(slide, job, placed.box, job.spec.alt or describe_chart(job))  # type: ignore[union-attr,arg-type]


def _native_callout(slide: Slide, placed: Placed) -> None:
    from deckgen.assemble.native_callouts import add_callout

    add_callout(slide, placed.job, placed.box)  # type: ignore[arg-type]


#: Render-job kind -> how it is drawn natively.
NATIVE: dict[str, Callable[[Slide, Placed], None]] = {
    "chart": _native_chart,
    "stat": _native_callout,
}


# --------------------------------------------------------------------------- builders
def _title(prs: Any, ctx: _Ctx, planned: PlannedSlide) -> Slide:
    slide = _new_slide(prs, ctx, "title", sh.LAYOUT_TITLE_ONLY, ctx.colors.primary)
    if ctx.branded and sh.content_placeholder(slide, ("ctrTitle", "title")) is not None:
        _title_placeholders(slide, ctx, planned)
    else:
        _title_block(slide, ctx, planned)
    _byline_and_logo(slide, ctx)
    return slide


def _title_placeholders(slide: Slide, ctx: _Ctx, planned: PlannedSlide) -> None:
    """Title and subtitle in the template's own placeholders, boxes and styles."""
    blocks = planned.layout
    title = sh.content_placeholder(slide, ("ctrTitle", "title"))
    subtitle = sh.content_placeholder(slide, ("subTitle",))
    text = planned.slide.subtitle if planned.slide.subtitle is not None else ctx.meta.subtitle
    sh.add_text(slide, None, [Para(planned.slide.title or ctx.meta.title, None,
                                   blocks["title"].size, None, bold=None)],
                shape=title, anchor=None)  # fmt: skip
    if subtitle is not None and "subtitle" in blocks:
        sh.add_text(slide, None, [Para(text or "", None, blocks["subtitle"].size, None,
                                       bold=None)], shape=subtitle, anchor=None)  # fmt: skip
    sh.remove_unused_placeholders(
        slide, keep={p.placeholder_format.idx for p in (title, subtitle) if p is not None
                     and p.has_text_frame and p.text_frame.text}
    )  # fmt: skip


def _title_block(slide: Slide, ctx: _Ctx, planned: PlannedSlide) -> None:
    """deckgen's own title slide: accent rule, title and subtitle stacked in one box."""
    blocks = planned.layout
    _, height = slide_size(ctx.plan.size)
    area = full_frame(ctx.plan.size)
    title = blocks["title"]
    top = height * 0.30
    ink = _ink(ctx)
    sh.add_rect(slide, Rect(MARGIN, top - 0.3, 0.8, 0.08), ctx.colors.highlight, "Accent rule")
    paragraphs = [
        Para(planned.slide.title or ctx.meta.title, ctx.font("heading"), title.size,
             ink, bold=True)
    ]  # fmt: skip
    block = title.height / 72
    if "subtitle" in blocks:
        sub = blocks["subtitle"]
        text = planned.slide.subtitle if planned.slide.subtitle is not None else ctx.meta.subtitle
        paragraphs.append(Para(text or "", ctx.font("body"), sub.size, ink,
                               space_before=18))  # fmt: skip
        block += 0.25 + sub.height / 72
    sh.add_text(slide, Rect(MARGIN, top, area.width * 0.8, block), paragraphs,
                shape=sh.placeholder(slide, 0))  # fmt: skip
    sh.remove_unused_placeholders(slide, keep={0})


def _ink(ctx: _Ctx) -> str:
    """Text colour on a title/section slide: on deckgen's primary fill, or on a template
    layout deckgen does not colour (assumed light, like a blank layout)."""
    return ctx.colors.text if ctx.branded else ctx.colors.on_primary


def _byline_and_logo(slide: Slide, ctx: _Ctx) -> None:
    width, height = slide_size(ctx.plan.size)
    area = full_frame(ctx.plan.size)
    template = ctx.theme.template
    slot = template.title_slot("title") if template else None
    # Aligned with the title: the template's title placeholder, or deckgen's margin.
    left = slot.left if slot else MARGIN
    byline = "  ·  ".join(x for x in (ctx.meta.organisation, ctx.meta.date) if x)
    if byline:
        size = ctx.sizes.subtitle - 2
        sh.add_text(
            slide, Rect(left, height - MARGIN - 0.45, area.width * 0.7, 0.45),
            [Para(byline, ctx.font("body"), size, ctx.colors.on_primary)],
            anchor="bottom", name="Byline",
        )  # fmt: skip
    if ctx.theme.theme.logo:
        logo = ctx.theme.theme.path(ctx.theme.theme.logo)
        picture = slide.shapes.add_picture(
            str(logo), Inches(width - MARGIN - 1.6), Inches(height - MARGIN - 0.6),
            height=Inches(0.6),
        )  # fmt: skip
        picture.name = "Logo"
        sh.set_alt_text(picture, f"{ctx.meta.organisation or 'Organisation'} logo")


def _section(prs: Any, ctx: _Ctx, planned: PlannedSlide) -> Slide:
    slide = _new_slide(prs, ctx, "section", sh.LAYOUT_TITLE_ONLY, ctx.colors.primary)
    _, height = slide_size(ctx.plan.size)
    area = full_frame(ctx.plan.size)
    title = planned.layout["title"]
    top = height * 0.36
    placeholder = sh.content_placeholder(slide, ("title", "ctrTitle"))
    # On a template the title placeholder keeps its box, alignment and styling.
    styled = ctx.branded and placeholder is not None
    if not ctx.branded:
        sh.add_rect(slide, Rect(MARGIN, top - 0.3, 0.8, 0.08), ctx.colors.highlight,
                    "Accent rule")  # fmt: skip
    heading_font, ink = (None, None) if styled else (ctx.font("heading"), _ink(ctx))
    paragraphs = []
    block = title.height / 72
    if planned.slide.kicker:
        paragraphs.append(Para(planned.slide.kicker.upper(), None if styled else ctx.font("body"),
                               ctx.sizes.subtitle, ink, bold=True, space_after=8))  # fmt: skip
        block += 0.45
    paragraphs.append(Para(planned.slide.title, heading_font, title.size, ink,
                           bold=None if styled else True))  # fmt: skip
    rect = None if styled else Rect(MARGIN, top, area.width * 0.85, block)
    sh.add_text(slide, rect, paragraphs, shape=placeholder, anchor=None if styled else "top")
    sh.remove_unused_placeholders(
        slide, keep={placeholder.placeholder_format.idx} if placeholder is not None else set()
    )
    return slide


def _statement(prs: Any, ctx: _Ctx, planned: PlannedSlide) -> Slide:
    slide = _new_slide(prs, ctx, "statement", sh.LAYOUT_BLANK, ctx.colors.background)
    sh.remove_unused_placeholders(slide, keep=set())
    area = full_frame(ctx.plan.size)
    text = planned.layout["text"]
    paragraphs = []
    if planned.slide.kicker:
        paragraphs.append(Para(planned.slide.kicker.upper(), ctx.font("body"),
                               ctx.sizes.subtitle, ctx.colors.highlight, bold=True,
                               space_after=14))  # fmt: skip
    paragraphs.append(Para(planned.slide.text, ctx.font("heading"), text.size, ctx.colors.text,
                           bold=True, line_spacing=1.1))  # fmt: skip
    # Anchored in the middle of the whole area: a substitute font that wraps to more lines
    # grows the block evenly up and down, never off the slide.
    box = Rect(area.left, area.top + 0.3, area.width * 0.85, area.height - 0.9)
    sh.add_text(slide, box, paragraphs, anchor="middle", name="Statement")
    _footer_only_source(slide, ctx, planned)
    return slide


def _quote(prs: Any, ctx: _Ctx, planned: PlannedSlide) -> Slide:
    slide = _new_slide(prs, ctx, "quote", sh.LAYOUT_BLANK, ctx.colors.background)
    sh.remove_unused_placeholders(slide, keep=set())
    area = full_frame(ctx.plan.size)
    text = planned.layout["text"]
    block = text.height / 72
    top = area.top + (area.height - block - 0.8) / 2
    sh.add_text(
        slide, Rect(area.left, top - 0.35, 0.9, 1.2),
        [Para("“", ctx.font("heading"), 96, ctx.colors.highlight, bold=True)],
        name="Quote mark",
    )  # fmt: skip
    paragraphs = [
        Para(planned.slide.text, ctx.font("body"), text.size, ctx.colors.text, line_spacing=1.15),
        Para(f"— {planned.slide.attribution}", ctx.font("body"), ctx.sizes.subtitle,
             ctx.colors.muted, bold=True, space_before=20),
    ]  # fmt: skip
    box = Rect(area.left + 0.9, area.top + 0.3, area.width * 0.82, area.height - 0.9)
    sh.add_text(slide, box, paragraphs, anchor="middle", name="Quote")
    _footer_only_source(slide, ctx, planned)
    return slide


def _footer_only_source(slide: Slide, ctx: _Ctx, planned: PlannedSlide) -> None:
    from deckgen.assemble.layouts import FOOTER_HEIGHT

    width, height = slide_size(ctx.plan.size)
    rect = Rect(MARGIN, height - MARGIN - FOOTER_HEIGHT, width - 2 * MARGIN, FOOTER_HEIGHT)
    _footer(slide, ctx, planned, rect)


def _bullets(prs: Any, ctx: _Ctx, planned: PlannedSlide) -> Slide:
    slide = _content_slide(prs, ctx, planned, keep=_BODY)
    layout = planned.layout
    font, color = ctx.placeholder_style(ctx.font("body"), ctx.colors.text)
    body = sh.content_placeholder(slide, _BODY)
    if body is None:
        font, color = ctx.font("body"), ctx.colors.text
    paragraphs = [
        Para(item, font, layout.size, color, bullet="•",
             space_after=bullet_gap(layout.size), line_spacing=1.1)
        for item in planned.slide.items
    ]  # fmt: skip
    sh.add_text(slide, layout.box, paragraphs, shape=body, name="Bullets")
    return slide


#: Placeholder types that take body text (bullets, the sources list).
_BODY = ("body", "obj")


def _cards(prs: Any, ctx: _Ctx, planned: PlannedSlide) -> Slide:
    slide = _content_slide(prs, ctx, planned)
    layout = planned.layout
    pad = layout.padding
    for i, (card, cell) in enumerate(zip(planned.slide.items, layout.cells, strict=False)):
        sh.add_rect(slide, cell, ctx.colors.surface, name=f"Card {i + 1} background")
        inner = Rect(cell.left + pad, cell.top + pad, cell.width - 2 * pad,
                     cell.height - 2 * pad)  # fmt: skip
        sh.add_text(
            slide, inner,
            [
                Para(card.heading, ctx.font("heading"), layout.heading_size,
                     ctx.colors.primary if ctx.theme.theme.mode == "light" else ctx.colors.text,
                     bold=True, space_after=layout.heading_size * 0.35),
                Para(card.text, ctx.font("body"), layout.text_size, ctx.colors.text,
                     line_spacing=1.05),
            ],
            name=f"Card {i + 1}: {card.heading}",
        )  # fmt: skip
    return slide


def _stats(prs: Any, ctx: _Ctx, planned: PlannedSlide) -> Slide:
    slide = _content_slide(prs, ctx, planned, keep=("pic",) if len(planned.pictures) == 1 else ())
    _pictures(slide, ctx, planned, "Stat")
    return slide


def _chart(prs: Any, ctx: _Ctx, planned: PlannedSlide) -> Slide:
    slide = _content_slide(prs, ctx, planned, keep=("pic",))
    _pictures(slide, ctx, planned, "Chart")
    return slide


def _table(prs: Any, ctx: _Ctx, planned: PlannedSlide) -> Slide:
    slide = _content_slide(prs, ctx, planned)
    layout = planned.layout
    n_rows, n_cols = len(layout.rows) + 1, len(layout.header)
    box = layout.box
    frame = slide.shapes.add_table(
        n_rows, n_cols, Inches(box.left), Inches(box.top), Inches(box.width), Inches(box.height)
    )
    frame.name = f"Table: {planned.slide.title}"
    sh.style_table(frame)
    table = frame.table
    for k, width in enumerate(layout.column_widths):
        table.columns[k].width = Inches(width)
    for r in range(n_rows):
        table.rows[r].height = Inches(layout.row_height)
    colors = ctx.colors
    for r in range(n_rows):
        header = r == 0
        highlighted = layout.highlight_row is not None and r - 1 == layout.highlight_row
        for k in range(n_cols):
            cell = table.cell(r, k)
            text = layout.header[k] if header else layout.rows[r - 1][k]
            fill = colors.surface if (not header and r % 2 == 0) else None
            rule = colors.text if header else (colors.grid if r < n_rows - 1 else None)
            sh.style_cell(cell, fill, rule, 1.5 if header else 0.75)
            cell.margin_left = cell.margin_right = Inches(0.1)
            cell.margin_top = cell.margin_bottom = Inches(0.03)
            cell.vertical_anchor = MSO_ANCHOR.MIDDLE
            color = colors.highlight if highlighted else (colors.muted if header else colors.text)
            para = Para(
                text, ctx.font("body"), layout.size, color,
                bold=header or highlighted,
                align="right" if layout.numeric[k] else "left",
            )  # fmt: skip
            _cell_text(cell, para)
    return slide


def _cell_text(cell: Any, para: Para) -> None:
    frame = cell.text_frame
    # Wrap rather than spill into the next cell if a substitute font is wider.
    frame.word_wrap = True
    p = frame.paragraphs[0]
    p.alignment = sh._ALIGN[para.align]
    run = p.add_run()
    run.text = sh.clean(para.text)
    run.font.name = para.font
    run.font.size = Pt(para.size)
    run.font.bold = para.bold
    run.font.color.rgb = sh.rgb(para.color)


def _image(prs: Any, ctx: _Ctx, planned: PlannedSlide) -> Slide:
    if planned.frame is not None:
        slide = _content_slide(prs, ctx, planned)
    else:
        slide = _new_slide(prs, ctx, "image", sh.LAYOUT_BLANK, ctx.colors.background)
        sh.remove_unused_placeholders(slide, keep=set())
        _footer_only_source(slide, ctx, planned)
    box = planned.layout["box"]
    picture = slide.shapes.add_picture(str(planned.layout["path"]), *sh.box(box))
    picture.name = f"Image: {sh.clean(planned.slide.alt)[:60]}"
    sh.set_alt_text(picture, planned.slide.alt)
    if planned.slide.caption:
        sh.add_text(
            slide, Rect(box.left, box.bottom + 0.1, box.width, 0.35),
            [Para(planned.slide.caption, ctx.font("body"), max(ctx.sizes.minimum, 14),
                  ctx.colors.muted)],
            name="Caption",
        )  # fmt: skip
    return slide


def _sources(prs: Any, ctx: _Ctx, planned: PlannedSlide) -> Slide:
    from deckgen.errors import FitError, Problem
    from deckgen.theming.text import fit

    slide = _content_slide(prs, ctx, planned, keep=_BODY)
    sources = deck_sources(ctx.plan)
    box = planned.frame.content  # type: ignore[union-attr]
    text = "\n".join(sources) or "No sources were given."
    # Fitting here, not in the planner: the list is only known once every slide is planned.
    fitted = fit(text, ctx.theme.body.regular, width=box.width * 72, height=box.height * 72,
                 max_size=ctx.sizes.body - 2, min_size=ctx.sizes.minimum, spacing=1.35)  # fmt: skip
    if fitted is None:
        raise FitError(Problem(planned.where, f"{len(sources)} sources do not fit one slide",
                               "shorten source lines"))  # fmt: skip
    body = sh.content_placeholder(slide, _BODY)
    font, color = ctx.placeholder_style(ctx.font("body"), ctx.colors.text)
    if body is None:
        font, color = ctx.font("body"), ctx.colors.text
    sh.add_text(
        slide, box,
        [Para(s, font, fitted.size, color, space_after=fitted.size * 0.35)
         for s in (sources or [text])],
        shape=body, name="Sources",
    )  # fmt: skip
    return slide


Builder = Callable[[Any, _Ctx, "PlannedSlide"], "Slide"]
BUILDERS: dict[str, Builder] = {
    "title": _title,
    "section": _section,
    "statement": _statement,
    "quote": _quote,
    "bullets": _bullets,
    "cards": _cards,
    "stats": _stats,
    "chart": _chart,
    "table": _table,
    "image": _image,
    "sources": _sources,
}


def build_deck(
    plan: BuildPlan, assets: dict[str, Asset], theme: LoadedTheme, meta: DeckMeta
) -> bytes:
    """The finished .pptx as bytes (the caller writes it atomically)."""
    if theme.template is not None:
        from deckgen.theming.template import open_template

        # The template's master, layouts and package theme (fonts, colours) are kept as
        # they are: that is the point of a template.
        prs = open_template(theme.template)
    else:
        width, height = slide_size(plan.size)
        prs = sh.new_presentation(width, height, theme.theme.fonts.heading.family,
                                  theme.theme.fonts.body.family)  # fmt: skip
    ctx = _Ctx(theme, meta, plan, assets)
    for planned in plan.slides:
        slide = BUILDERS[planned.slide.kind](prs, ctx, planned)
        _notes(slide, planned)
    props = prs.core_properties
    props.title = meta.title
    props.subject = meta.subtitle or ""
    props.author = meta.author or meta.organisation or ""
    props.keywords = "deckgen"
    props.last_modified_by = "deckgen"
    props.revision = 1
    return sh.save(prs)
