"""The slide kinds: one module each, registered here (see ``_base.py`` for the contract).

To add a slide kind, write its module and add its class to :data:`SLIDES`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from deckgen.kinds.slides import (
    bullets,
    cards,
    chart,
    image,
    quote,
    section,
    sources,
    statement,
    stats,
    table,
    title,
)
from deckgen.kinds.slides._base import SlideKind
from deckgen.outline.schema import kinds_union

#: The registry: every slide kind, in the order the docs list them.
SLIDES: tuple[type[SlideKind], ...] = (
    title.TitleSlide, section.SectionSlide, statement.StatementSlide, quote.QuoteSlide,
    bullets.BulletsSlide, cards.CardsSlide, stats.StatsSlide, chart.ChartSlide,
    table.TableSlide, image.ImageSlide, sources.SourcesSlide,
)  # fmt: skip
SLIDE_KINDS: tuple[str, ...] = tuple(s.model_fields["kind"].annotation.__args__[0] for s in SLIDES)  # type: ignore[union-attr]
#: Slide kind -> the corporate-template layout it is built on unless the theme says.
TEMPLATE_LAYOUTS: dict[str, str] = {
    name: s.template_layout for name, s in zip(SLIDE_KINDS, SLIDES, strict=True)
}

if TYPE_CHECKING:
    AnySlide = SlideKind
else:
    AnySlide = kinds_union(SLIDES, "kind", "slide kind")

__all__ = ["SLIDES", "SLIDE_KINDS", "TEMPLATE_LAYOUTS", "AnySlide", "SlideKind"]
