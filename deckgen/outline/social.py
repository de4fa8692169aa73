"""The outline's ``social:`` section (owned by the social-cards work; see deckgen/social/)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class SocialSection(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    cards: list[dict] = Field(default_factory=list)
