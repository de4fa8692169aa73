"""Every kind deckgen knows, in three registries, and the outline model made from them.

* :data:`CHARTS` (``charts/``): the chart types;
* :data:`SLIDES` (``slides/``): the slide kinds;
* :data:`CARDS` (``cards/``): the social card kinds.

Each kind is one class in one module that owns all of its behaviour (schema, planning,
drawing, alt text, native form, card layout); the registries list them, and
:class:`Outline` (what ``outline.load`` validates against) takes its unions from them.
"""

from __future__ import annotations

from pydantic import Field, model_validator

from deckgen.kinds.cards import CARD_KINDS, CARDS, SocialSection
from deckgen.kinds.charts import CHART_TYPES, CHARTS
from deckgen.kinds.slides import SLIDE_KINDS, SLIDES, TEMPLATE_LAYOUTS, AnySlide
from deckgen.outline.schema import OutlineBase


class Outline(OutlineBase):
    """A whole outline file: deck, data, vars, slides and social cards."""

    # An outline of social cards alone needs no slide: one had to add a title slide it
    # did not want (fuzzing). `deckgen social` makes its cards; `deckgen build` says so.
    slides: list[AnySlide] = Field(default_factory=list)
    social: SocialSection | None = Field(None, description="Social-media cards.")

    @model_validator(mode="after")
    def _makes_something(self) -> Outline:
        if not self.slides and not (self.social and self.social.cards):
            raise ValueError(
                "expected slides, social cards or both, found neither; add a 'slides:' list "
                "(a slide is '- kind: title' and its fields), or social cards under "
                "'social: cards:'"
            )
        return self


__all__ = [
    "CARDS",
    "CARD_KINDS",
    "CHARTS",
    "CHART_TYPES",
    "SLIDES",
    "SLIDE_KINDS",
    "TEMPLATE_LAYOUTS",
    "Outline",
]
