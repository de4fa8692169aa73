"""Slide geometry: the grid, margins, and the title block every content slide shares.

Titles are fitted with the theme's real font metrics so the content area below them is
known before any chart is rendered: the chart is drawn at exactly the size it is placed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from deckgen.errors import FitError, Location, Problem, ThemeError
from deckgen.layout.geometry import Rect
from deckgen.layout.text import SLIDE, Fitted
from deckgen.layout.units import Inches, Length, Pt

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from deckgen.outline.schema import DeckMeta
    from deckgen.theming.load import LoadedTheme
    from deckgen.theming.model import Theme
    from deckgen.theming.template import TemplateInfo

SLIDE_SIZES: dict[str, tuple[Length, Length]] = {
    "16:9": (Length(12_192_000), Length(6_858_000)),  # 13.33 x 7.5 in
    "4:3": (Length(9_144_000), Length(6_858_000)),  # 10 x 7.5 in
}
MARGIN = Inches(0.5)
#: Top of the title block; the accent rule sits above it.
TITLE_TOP = Inches(0.55)
ACCENT_RULE = Rect(Inches(0.5), Inches(0.32), Inches(0.55), Inches(0.06))
#: Footer band: its baseline sits on the bottom margin.
FOOTER_HEIGHT = Inches(0.3)
GAP = Inches(0.2)
#: Between the bottom of a slide's title block (its title, then its subtitle) and the top
#: of its content area, whatever the block's height.
CONTENT_GAP = GAP + Inches(0.1)
#: How much of a title or section slide's width its text takes beside the theme's motif.
COVER_TEXT_SHARE = 0.58
TITLE_MAX_LINES = 2
LINE_SPACING = 1.0
#: The smallest content area (width, height) a slide's content is laid out in: a few
#: names and values at 12 pt beside their marks. A corporate template's placeholder
#: smaller than this was drawn as a strip with no names (12.3 x 0.3 in) or failed with an
#: internal error (0 x 0); found by fuzzing.
MIN_CONTENT = (Inches(2), Inches(1.5))
#: The narrowest title placeholder a title is fitted into (a word or two a line).
MIN_TITLE_WIDTH = Inches(2)


def cover_share(theme: Theme, plain: float) -> float:
    """How much of a title or section slide's width a text takes: ``plain`` of it on a
    cover with no motif, :data:`COVER_TEXT_SHARE` beside one (the motif has the rest).
    Planning and building a cover both ask here, so they measure the same box."""
    return plain if theme.cover.style == "plain" else COVER_TEXT_SHARE


@dataclass(frozen=True)
class Frame:
    """The fitted title block and the content area of one content slide."""

    title: Fitted
    title_box: Rect
    subtitle: Fitted | None
    subtitle_box: Rect | None
    content: Rect
    footer: Rect


def slide_size(size: str) -> tuple[Length, Length]:
    return SLIDE_SIZES[size]


def fit_or_fail(
    text: str,
    font: Path,
    *,
    width: Length,
    height: Length,
    max_size: float,
    min_size: float,
    where: Location | None,
    what: str,
    max_lines: int | None = None,
    spacing: float = LINE_SPACING,
    balance: bool = False,
) -> Fitted:
    """Fit ``text`` into a box on a slide (sizes in points, in 1 pt steps); raise
    :class:`FitError` if it cannot fit even at ``min_size``. ``balance``: lines as even as
    the line count allows (headlines: no lone word on the last line)."""
    fitted = SLIDE.fit(
        text,
        font,
        width=width,
        height=height,
        max_size=Pt(max_size),
        min_size=Pt(min_size),
        step=Pt(1),
        max_lines=max_lines,
        spacing=spacing,
        balance=balance,
    )
    if fitted is None:
        lines = f" in {max_lines} line{'' if max_lines == 1 else 's'}" if max_lines else ""
        raise FitError(
            Problem(
                where,
                f"{what} does not fit{lines} even at {min_size:g} pt: {_clip(text)!r}",
                "shorten the text, or split it over two slides",
            )
        )
    return fitted


def template_slot(template: TemplateInfo | None, kind: str, which: str = "title") -> Rect | None:
    """The template placeholder box a slide kind's title, subtitle or content goes into."""
    if template is None:
        return None
    box = {
        "title": template.title_slot,
        "subtitle": template.subtitle_slot,
        "content": template.content_slot,
    }[which](kind)
    return Rect.of(*box) if box else None


def content_frame(
    title: str,
    subtitle: str | None,
    theme: LoadedTheme,
    size: str,
    where: Location | None = None,
    kind: str | None = None,
) -> Frame:
    """Fit the title (and subtitle) and return the content area left below them: it starts
    :data:`CONTENT_GAP` under this slide's title block, so a short title block leaves its
    content the height it does not take (a deck-wide line, the lowest title block's, left
    a one-line title and subtitle an inch of empty band over the chart; found in review).

    On a corporate template (``theme.template``) the title block starts where the title
    placeholder of ``kind``'s layout is, as wide as it, and the content area is the layout's
    content placeholder (or the master's body area), pushed down if a long title needs it.
    """
    width, height = slide_size(size)
    sizes = theme.theme.sizes
    inner = width - 2 * MARGIN
    template = theme.template if kind else None
    if template is not None and kind:
        _check_placeholders(template, kind)
    slot = template_slot(template, kind) if kind else None
    left, title_top, title_width = (slot.left, slot.top, slot.width) if slot else (
        MARGIN, TITLE_TOP, inner)  # fmt: skip
    title_fit = fit_or_fail(
        title,
        theme.heading.bold,
        width=title_width,
        height=Inches(5),
        max_size=sizes.title,
        min_size=max(sizes.minimum, sizes.title * 0.75),
        max_lines=TITLE_MAX_LINES,
        where=where,
        what="slide title",
        balance=True,
    )
    title_box = Rect(left, title_top, title_width, title_fit.height)
    top = title_box.bottom
    sub_fit = sub_box = None
    if subtitle:
        sub_fit = fit_or_fail(
            subtitle,
            theme.body.regular,
            width=title_width,
            height=Inches(2),
            max_size=sizes.subtitle,
            min_size=max(sizes.minimum, sizes.subtitle - 2),
            max_lines=2,
            where=where,
            what="subtitle",
            # Two lines of about one length, as the title's: filled to the edge, a subtitle's
            # second line was the single word 'growth)' in the contrast theme (review).
            balance=True,
        )
        sub_box = Rect(left, top + Inches(0.06), title_width, sub_fit.height)
        top = sub_box.bottom
    footer = Rect(MARGIN, height - MARGIN - FOOTER_HEIGHT, inner, FOOTER_HEIGHT)
    # The room kept for a near-full title to wrap is gap enough: on top of the gap, it left
    # a one-line title block an empty band taller than a two-line one's (found in review).
    content_top = top + max(CONTENT_GAP, _wrap_reserve(title_width, title_fit, sub_fit))
    content = Rect(MARGIN, content_top, inner, footer.top - GAP - content_top)
    area = template_slot(template, kind, "content") if kind else None
    if area is not None:
        # The template's content area, but never under the title block or over the footer.
        top = max(area.top, content_top)
        content = Rect(area.left, top, area.width, min(area.bottom, footer.top - GAP) - top)
        if content.height < MIN_CONTENT[1] and template is not None and kind:
            _too_little_left(template, kind, area, content_top, footer, where)
    return Frame(title_fit, title_box, sub_fit, sub_box, content, footer)


def _too_little_left(template: TemplateInfo, kind: str, area: Rect, content_top: Length,
                     footer: Rect, where: Location | None) -> None:  # fmt: skip
    """Raise why a template's content placeholder, large enough itself, leaves content less
    than :data:`MIN_CONTENT` high: this slide's title block reaches down into it (the
    outline's to fix), or the footer band covers its lower part (the template's)."""
    left = max(min(area.bottom, footer.top - GAP) - max(area.top, content_top), Length(0))
    least = f"(at least {MIN_CONTENT[1].inches:.2f} in)"
    if content_top > area.top:
        raise FitError(Problem(
            where,
            f"the title block ends {(content_top - area.top).inches:.2f} in down the "
            f"template's content placeholder, leaving {left.inches:.2f} in of its height for "
            f"the content {least}",
            "shorten the title or the subtitle, or give the placeholder more height in the "
            "template's layout",
        ))  # fmt: skip
    raise ThemeError(Problem(
        Location(str(template.path), field=f"layout {template.layout_for(kind).name!r}"),
        f"the content placeholder of {kind!r} slides starts {area.top.inches:.2f} in down the "
        f"slide, leaving {left.inches:.2f} in above the footer band (at "
        f"{footer.top.inches:.2f} in) for the content {least}",
        "move the placeholder up in the template's layout (in PowerPoint: View > Slide "
        "Master), or map those slides to another layout (template: layouts: in theme.yaml)",
    ))  # fmt: skip


def _check_placeholders(template: TemplateInfo, kind: str) -> None:
    """Fail unless the title and content placeholders ``kind``'s layout gives are large
    enough to lay out in (:data:`MIN_CONTENT`, :data:`MIN_TITLE_WIDTH`): the template's
    problem, said at the template with its layout, placeholder and size."""
    from deckgen.theming.template import CONTENT_TYPES, TITLE_TYPES

    layout = template.layout_for(kind)
    title, content = layout.first(TITLE_TYPES), layout.first(CONTENT_TYPES)
    # (placeholder, its box, what goes in, the least width and height)
    checks = [(title, title.box if title else None, "title", MIN_TITLE_WIDTH, Length(0)),
              (content, content.box if content else template.master_body, "content",
               *MIN_CONTENT)]  # fmt: skip
    for ph, box, role, least_w, least_h in checks:
        if box is None:
            continue
        width, height = Length(box[2]), Length(box[3])
        if width >= least_w and height >= least_h:
            continue
        named = (f"{ph.type} placeholder {ph.name!r}" if ph is not None
                 else "body placeholder of the slide master")  # fmt: skip
        least = (f"{least_w.inches:.2f} x {least_h.inches:.2f} in" if least_h
                 else f"{least_w.inches:.2f} in wide")  # fmt: skip
        raise ThemeError(Problem(
            Location(str(template.path), field=f"layout {layout.name!r}"),
            f"the {role} of {kind!r} slides goes into the {named}, which is "
            f"{width.inches:.2f} x {height.inches:.2f} in: too small to lay it out in (at "
            f"least {least})",
            f"make the placeholder at least {least} in the template's layout (in PowerPoint: "
            "View > Slide Master), or map those slides to another layout (template: "
            "layouts: in theme.yaml)",
        ))  # fmt: skip


def _wrap_reserve(box_width: Length, *texts: Fitted | None) -> Length:
    """Room for the title block's near-full texts to wrap to one more line each in a wider
    substitute font.

    A deck opened where the theme font is missing is drawn in a fallback that can be 15-20%
    wider. Lines short of the box are written with their breaks and keep them
    (:meth:`Fitted.written`); a text whose widest line nearly fills the box wraps to one
    more line, and what is stacked under it in the same text box slides down onto the
    content. Reserving those lines (in place of :data:`CONTENT_GAP`, when taller) keeps the
    content clear in every font.
    """
    return Length(sum(int(t.height) // len(t.lines) for t in texts
                      if t is not None and t.near_full(box_width)))  # fmt: skip


def full_frame(size: str) -> Rect:
    """The whole area inside the margins (title, section, statement, quote slides)."""
    width, height = slide_size(size)
    return Rect(MARGIN, MARGIN, width - 2 * MARGIN, height - 2 * MARGIN)


def footer_band(size: str) -> Rect:
    """The footer band of a slide without a title block."""
    return footer_band_at(*slide_size(size))


def footer_band_at(width: Length, height: Length) -> Rect:
    """The footer band of a ``width`` x ``height`` slide: inside the margins, its bottom on
    the bottom margin."""
    return Rect(MARGIN, height - MARGIN - FOOTER_HEIGHT, width - 2 * MARGIN, FOOTER_HEIGHT)


#: The footer's room kept for the slide number, right of the source line.
FOOTER_NUMBER = Inches(0.8)
#: The slide number's box, at the band's right end.
NUMBER_WIDTH = Inches(0.7)


def footer_boxes(band: Rect) -> tuple[Rect, Rect]:
    """The footer band's boxes: the source line's (left) and the slide number's (right).
    A slide's footer is set in them, and the master's footer placeholders
    (:func:`master_footer_boxes`)."""
    line = Rect(band.left, band.top, band.width - FOOTER_NUMBER, band.height)
    return line, Rect(band.right - NUMBER_WIDTH, band.top, NUMBER_WIDTH, band.height)


#: The master's date box, in ems of the footer size: a long date ('Wednesday, September
#: 30, 2026': 15.3 ems in Lato, with the slack a viewer sets text with) fits on one line,
#: in a body font a sixth wider too.
DATE_EMS = 18


def master_footer_boxes(band: Rect, size: Length) -> tuple[Rect, Rect, Rect]:
    """The boxes of the master's footer text, date and slide number: the number's and the
    footer text's start as a slide's (:func:`footer_boxes`); the date, which Insert >
    Header & Footer turns on, ends where a slide's source line does, right-aligned, and
    the footer text ends as far before it as the number's box starts after it. A date left
    where python-pptx's master has it sat on the footer text (found in review). The date
    takes at most half the source line's box (a narrow slide, a large footer size)."""
    line, number = footer_boxes(band)
    gap = FOOTER_NUMBER - NUMBER_WIDTH
    width = min(size * DATE_EMS, line.width * 0.5)
    date = Rect(line.right - width, band.top, width, band.height)
    return Rect(line.left, band.top, date.left - gap - line.left, band.height), date, number


#: Lines a footer may take: two fill the space between a content area and the bottom
#: margin; a longer one grew up over the slide's content (found by fuzzing).
FOOTER_LINES = 2


def footer_text(
    meta: DeckMeta, theme: LoadedTheme, sources: Sequence[str], notes: Sequence[str] = ()
) -> str:
    """A slide's footer line: its sources under the deck's word for them and its charts'
    ``notes`` after them (as a newsroom writes a note beside the source), then the deck's
    or the theme's footer, '  ·  ' between them."""
    words = meta.wording
    line = words.source_line([words.bare(s) for s in sources]) if sources else ""
    line = words.noted(line, notes)
    parts = [line] if line else []
    if meta.footer or theme.theme.footer:
        parts.append(meta.footer or theme.theme.footer or "")
    return "  ·  ".join(parts)


def check_template_size(info: TemplateInfo, size: str, where: Location) -> None:
    """Fail unless the template's slide size is the outline's ``deck.size``.

    deckgen lays out 13.33 x 7.5 in (16:9) or 10 x 7.5 in (4:3) slides; it does not
    rescale a template.
    """

    def same(a: tuple[float, float], b: tuple[Length, Length]) -> bool:
        return abs(a[0] - b[0].inches) < 0.01 and abs(a[1] - b[1].inches) < 0.01

    theirs = (info.width, info.height)
    if same(theirs, SLIDE_SIZES[size]):
        return
    match = next((name for name, dims in SLIDE_SIZES.items() if same(theirs, dims)), None)
    hint = (
        f"set deck.size: {match!r} in the outline"
        if match
        else "deckgen lays out 13.33 x 7.5 in (16:9) or 10 x 7.5 in (4:3) slides; change the "
        "template's size in PowerPoint (Design > Slide Size)"
    )
    ours = SLIDE_SIZES[size]
    raise ThemeError(
        Problem(
            where,
            f"the template {info.path.name!r} is {info.width:.2f} x {info.height:.2f} in, but "
            f"deck.size is {size!r} ({ours[0].inches:.2f} x {ours[1].inches:.2f} in)",
            hint,
        )
    )


def _clip(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
