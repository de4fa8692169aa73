"""Slide geometry: the grid, margins, and the title block every content slide shares.

All lengths here are inches (floats); the assembler converts to EMU at the last moment.
Titles are fitted with the theme's real font metrics so the content area below them is
known before any chart is rendered: the chart is drawn at exactly the size it is placed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from deckgen.errors import FitError, Problem
from deckgen.theming.text import FittedText, fit

if TYPE_CHECKING:
    from pathlib import Path

    from deckgen.errors import Location
    from deckgen.theming.load import LoadedTheme

SLIDE_SIZES = {"16:9": (40 / 3, 7.5), "4:3": (10.0, 7.5)}  # 12192000 x 6858000 EMU
MARGIN = 0.5
#: Top of the title block; the accent rule sits above it.
TITLE_TOP = 0.55
ACCENT_RULE = (0.5, 0.32, 0.55, 0.06)  # left, top, width, height
#: Footer band: its baseline sits on the bottom margin.
FOOTER_HEIGHT = 0.3
GAP = 0.2
TITLE_MAX_LINES = 2
LINE_SPACING = 1.0


@dataclass(frozen=True)
class Rect:
    left: float
    top: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.left + self.width

    @property
    def bottom(self) -> float:
        return self.top + self.height

    def columns(self, count: int, gap: float) -> list[Rect]:
        """Split into ``count`` equal columns with ``gap`` between them."""
        width = (self.width - gap * (count - 1)) / count
        return [
            Rect(self.left + i * (width + gap), self.top, width, self.height) for i in range(count)
        ]

    def grid(self, columns: int, rows: int, gap: float) -> list[Rect]:
        """Row-major cells of an even grid."""
        height = (self.height - gap * (rows - 1)) / rows
        cells = []
        for r in range(rows):
            row = Rect(self.left, self.top + r * (height + gap), self.width, height)
            cells += row.columns(columns, gap)
        return cells


@dataclass(frozen=True)
class Frame:
    """The fitted title block and the content area of one content slide."""

    title: FittedText
    title_box: Rect
    subtitle: FittedText | None
    subtitle_box: Rect | None
    content: Rect
    footer: Rect


def slide_size(size: str) -> tuple[float, float]:
    return SLIDE_SIZES[size]


def fit_or_fail(
    text: str,
    font_path: Path,
    *,
    box_width: float,
    box_height: float,
    max_size: float,
    min_size: float,
    where: Location | None,
    what: str,
    max_lines: int | None = None,
    spacing: float = LINE_SPACING,
) -> FittedText:
    """Fit ``text`` into a box given in inches; raise :class:`FitError` if it cannot."""
    fitted = fit(
        text,
        font_path,
        width=box_width * 72,
        height=box_height * 72,
        max_size=max_size,
        min_size=min_size,
        max_lines=max_lines,
        spacing=spacing,
    )
    if fitted is None:
        lines = f" in {max_lines} line(s)" if max_lines else ""
        raise FitError(
            Problem(
                where,
                f"{what} does not fit{lines} even at {min_size:g} pt: {_clip(text)!r}",
                "shorten the text, or split it over two slides",
            )
        )
    return fitted


def content_frame(
    title: str,
    subtitle: str | None,
    theme: LoadedTheme,
    size: str,
    where: Location | None = None,
    kind: str | None = None,
) -> Frame:
    """Fit the title (and subtitle) and return the content area left below them.

    On a corporate template (``theme.template``) the title block starts where the title
    placeholder of ``kind``'s layout is, as wide as it, and the content area is the layout's
    content placeholder (or the master's body area), pushed down if a long title needs it.
    """
    width, height = slide_size(size)
    sizes = theme.theme.sizes
    inner = width - 2 * MARGIN
    template = theme.template if kind else None
    slot = template.title_slot(kind) if template and kind else None
    left, title_top, title_width = (slot.left, slot.top, slot.width) if slot else (
        MARGIN, TITLE_TOP, inner)  # fmt: skip
    title_fit = fit_or_fail(
        title,
        theme.heading.bold,
        box_width=title_width,
        box_height=5,
        max_size=sizes.title,
        min_size=max(sizes.minimum, sizes.title * 0.75),
        max_lines=TITLE_MAX_LINES,
        where=where,
        what="slide title",
    )
    title_box = Rect(left, title_top, title_width, title_fit.height / 72)
    top = title_box.bottom
    sub_fit = sub_box = None
    if subtitle:
        sub_fit = fit_or_fail(
            subtitle,
            theme.body.regular,
            box_width=title_width,
            box_height=2,
            max_size=sizes.subtitle,
            min_size=max(sizes.minimum, sizes.subtitle - 2),
            max_lines=2,
            where=where,
            what="subtitle",
        )
        sub_box = Rect(left, top + 0.06, title_width, sub_fit.height / 72)
        top = sub_box.bottom
    footer = Rect(MARGIN, height - MARGIN - FOOTER_HEIGHT, inner, FOOTER_HEIGHT)
    content_top = top + GAP + 0.1 + _wrap_reserve(title_fit, title_width)
    content = Rect(MARGIN, content_top, inner, footer.top - GAP - content_top)
    area = template.content_slot(kind) if template and kind else None
    if area is not None:
        # The template's content area, but never under the title block or over the footer.
        top = max(area.top, content_top)
        content = Rect(area.left, top, area.width, min(area.bottom, footer.top - GAP) - top)
    return Frame(title_fit, title_box, sub_fit, sub_box, content, footer)


#: A one-line title wider than this share of its box keeps room for a second line.
NEAR_FULL = 0.8


def _wrap_reserve(title: FittedText, box_width: float) -> float:
    """Room (inches) for a near-full one-line title to wrap in a wider substitute font.

    A deck opened where the theme font is missing is drawn in a fallback that can be 15-20%
    wider; the title then wraps and its subtitle (stacked in the same text box) slides down
    onto the content. Reserving the line keeps the content clear in every font.
    """
    if TITLE_MAX_LINES < 2 or len(title.lines) != 1 or title.width < box_width * 72 * NEAR_FULL:
        return 0.0
    return title.height / 72


def full_frame(size: str) -> Rect:
    """The whole area inside the margins (title, section, statement, quote slides)."""
    width, height = slide_size(size)
    return Rect(MARGIN, MARGIN, width - 2 * MARGIN, height - 2 * MARGIN)


def _clip(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
