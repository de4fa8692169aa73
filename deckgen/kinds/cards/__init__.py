"""The social card kinds: one module each, registered here (see ``_base.py`` for the
contract), and the outline's ``social:`` section that lists the cards.

A card is one picture in one or more size presets (``deckgen.outline.presets``). Slides can
also be shared with ``share: [preset, ...]`` (each slide kind's ``as_card``). To add a card
kind, write its module and add its class to :data:`CARDS`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Literal
from unicodedata import category

from pydantic import BaseModel, ConfigDict, Field, field_validator

from deckgen.kinds.cards import chart, infographic, listing, quote, stat
from deckgen.kinds.cards._base import CardKind
from deckgen.outline.schema import Prose, kinds_union, one_or_many

#: The registry: every card kind, in the order the docs list them.
CARDS: tuple[type[CardKind], ...] = (
    stat.StatCard, chart.ChartCard, quote.QuoteCard, listing.ListCard,
    infographic.InfographicCard,
)  # fmt: skip
CARD_KINDS: tuple[str, ...] = tuple(c.model_fields["kind"].annotation.__args__[0] for c in CARDS)  # type: ignore[union-attr]

if TYPE_CHECKING:
    AnyCard = CardKind
else:
    AnyCard = kinds_union(CARDS, "kind", "card kind")


class SocialSection(BaseModel):
    """The ``social:`` section of an outline."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    format: Literal["png", "jpeg", "webp"] = Field(
        "png", description="Image format of every card by default."
    )
    wordmark: Prose | None = Field(
        None, description="Name at the bottom of each card (default: deck organisation)."
    )
    hashtags: list[str] = Field(
        default_factory=list, description="Appended to every suggested caption."
    )
    cards: list[AnyCard] = Field(default_factory=list)

    @field_validator("hashtags", mode="before")
    @classmethod
    def _tags(cls, value: Any) -> Any:
        return one_or_many(value)

    @field_validator("hashtags")
    @classmethod
    def _hashtags(cls, tags: list[str]) -> list[str]:
        # Each a hashtag a platform links: '#' and one word of letters, digits and '_',
        # with a letter in it. 'Auto Industry' went into every caption as two words (found
        # by fuzzing); '#Food-Bank' and '#FoodBank's' were linked as far as the hyphen or
        # apostrophe, and '#2024' not at all, by LinkedIn, Instagram and X (found in review).
        out = []
        for tag in (t.strip() for t in tags):
            word = tag.removeprefix("#")
            # Letters, digits and the marks some scripts write vowels with ('#हिन्दी').
            if not word or not all(c == "_" or category(c)[0] in "LNM" for c in word):
                pieces = _NOT_IN_TAG.split(_APOSTROPHES.sub("", word))
                joined = "".join(w[:1].upper() + w[1:] for w in pieces if w)
                raise ValueError(
                    f"expected a hashtag, '#' and one word of letters and digits (a hyphen, an "
                    f"apostrophe or a space ends the link), found {tag!r}; write "
                    + (f"'#{joined}'" if joined else "a word after the '#'")
                )
            if not any(c.isalpha() for c in word):
                raise ValueError(
                    f"expected a hashtag with a letter in it, found {tag!r}, which platforms "
                    f"do not link; write a word with it, such as '#Results{word}'"
                )
            out.append(f"#{word}")
        return out


#: Apostrophes a hashtag drops ('FoodBank's' is '#FoodBanks'), and what else splits a tag
#: into words to join ('Food-Bank', 'Auto Industry': '#FoodBank', '#AutoIndustry').
_APOSTROPHES = re.compile("['\u2019\u02bc]")
_NOT_IN_TAG = re.compile(r"\W+")


__all__ = ["CARDS", "CARD_KINDS", "AnyCard", "CardKind", "SocialSection"]
