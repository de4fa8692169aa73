"""The outline's ``social:`` section: platform-sized cards drawn from the deck's data.

A card is one picture in one or more size presets (``deckgen.social.presets``). Five kinds:
``stat`` (a big number), ``chart`` (a chart redrawn for the card's shape), ``quote``,
``list`` (a few short items) and ``infographic`` (a long-form image stacking stats, charts
and text). Slides can also be shared with ``share: [preset, ...]`` (see
``deckgen.social.plan``).

``schema.py`` imports this module, so ``ChartSpec`` and ``Stat`` (defined there) are named
by forward references resolved in schema's namespace once it has loaded; pydantic resolves
them when it builds :class:`~deckgen.outline.schema.Outline`.
"""

from __future__ import annotations

from typing import Annotated, Any, ForwardRef, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from deckgen.errors import did_you_mean, one_of
from deckgen.social.presets import preset_problem

ChartSpecRef = ForwardRef("ChartSpec", module="deckgen.outline.schema")
StatRef = ForwardRef("Stat", module="deckgen.outline.schema")

ImageFormat = Literal["png", "jpeg", "webp"]
FORMATS: tuple[str, ...] = ImageFormat.__args__  # type: ignore[attr-defined]
#: Presets a card gets when it names none.
DEFAULT_PRESETS = ["ig-square"]
LONG_PRESETS = ["long"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _one_or_many(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


def _check_presets(names: list[str], *, long_form: bool) -> list[str]:
    for name in names:
        problem = preset_problem(name)
        if problem:
            message, hint = problem
            raise ValueError(f"{message}; {hint}" if hint else message)
        auto = name == "long" or name.strip().lower().endswith("auto")
        if long_form and not auto:
            raise ValueError(
                f"an infographic is as tall as its content; use 'long' or 'WIDTHxauto', "
                f"not {name!r}"
            )
        if not long_form and auto:
            raise ValueError(f"{name!r} is for infographics; pick a fixed-size preset")
    if len(set(names)) != len(names):
        raise ValueError(f"a preset is listed twice: {names}")
    return names


class _Card(_Model):
    name: str | None = Field(
        None,
        pattern=r"^[a-z0-9][a-z0-9-]*$",
        description="File name stem, e.g. 'poll-67' (default: from the title or value).",
    )
    presets: list[str] = Field(
        default_factory=lambda: list(DEFAULT_PRESETS),
        min_length=1,
        description="Size presets (one or several), or WIDTHxHEIGHT.",
    )
    title: str | None = Field(None, description="Headline: the finding, as a sentence.")
    source: str | None = Field(None, description="Source line at the bottom of the card.")
    alt: str | None = Field(None, description="Alt text; written from the data when absent.")
    caption: str | None = Field(None, description="Suggested post text; default from the card.")
    format: ImageFormat | None = Field(None, description="png, jpeg or webp (default: section).")

    @field_validator("presets", mode="before")
    @classmethod
    def _one_preset(cls, value: Any) -> Any:
        return _one_or_many(value)

    @field_validator("presets")
    @classmethod
    def _known_presets(cls, value: list[str]) -> list[str]:
        return _check_presets(value, long_form=False)


class StatCard(_Card):
    """One number, as large as it fits: qualifier, value, label, source."""

    kind: Literal["stat"]
    value: str = Field(description="The number as shown, e.g. '$143.2B'.")
    label: str = Field(description="What the number counts.")
    qualifier: str | None = Field(None, description="Small text above, e.g. 'More than'.")


class ChartCard(_Card):
    """A chart redrawn for the card's shape, under its finding."""

    kind: Literal["chart"]
    title: str = Field(description="The finding, as a sentence.")  # type: ignore[assignment]
    subtitle: str | None = Field(None, description="Measure, place and period.")
    chart: ChartSpecRef = Field(description="A chart exactly as on a chart slide.")  # type: ignore[valid-type]


class QuoteCard(_Card):
    kind: Literal["quote"]
    text: str
    attribution: str


class ListCard(_Card):
    kind: Literal["list"]
    title: str = Field(description="What the items are.")  # type: ignore[assignment]
    items: list[str] = Field(min_length=2, max_length=6, description="Two to six short items.")
    numbered: bool = Field(False, description="Number the items instead of marking them.")


# --------------------------------------------------------------------------- infographic
class StatSection(_Model):
    """One stat across the width."""

    kind: Literal["stat"]
    value: str
    label: str
    qualifier: str | None = None
    source: str | None = None


class StatsSection(_Model):
    """Two or three stats side by side (one value size for the row)."""

    kind: Literal["stats"]
    title: str | None = Field(None, description="A heading above the row.")
    items: list[StatRef] = Field(min_length=2, max_length=3)  # type: ignore[valid-type]
    source: str | None = Field(None, description="Source of the row (items may have their own).")


class ChartSection(_Model):
    kind: Literal["chart"]
    title: str = Field(description="The finding, as a sentence.")
    subtitle: str | None = None
    source: str | None = None
    chart: ChartSpecRef  # type: ignore[valid-type]
    height: int | None = Field(
        None, ge=200, le=2000, description="Chart height in px at 1080 wide (default by type)."
    )


class TextSection(_Model):
    kind: Literal["text"]
    title: str | None = None
    text: str
    source: str | None = None


def _kind_check(what: str, kinds: tuple[str, ...]) -> BeforeValidator:
    """Name the card (or section) kinds when ``kind`` is missing or unknown; the outline
    loader would otherwise describe the tag as a slide kind."""

    def check(value: Any) -> Any:
        if isinstance(value, dict):
            kind = value.get("kind")
            if kind is None:
                raise ValueError(f"{what} has no 'kind'; add 'kind:' with one of {one_of(kinds)}")
            if kind not in kinds:
                hint = did_you_mean(str(kind), kinds)
                raise ValueError(
                    f"unknown {what} kind {kind!r}; expected one of {one_of(kinds)}"
                    + (f"; {hint}" if hint else "")
                )
        return value

    return BeforeValidator(check)


SECTION_KINDS: tuple[str, ...] = ("stat", "stats", "chart", "text")
Section = Annotated[
    StatSection | StatsSection | ChartSection | TextSection,
    Field(discriminator="kind"),
    _kind_check("section", SECTION_KINDS),
]


class InfographicCard(_Card):
    """A long-form image: headline, sections separated by rules, a footer of sources."""

    kind: Literal["infographic"]
    title: str = Field(description="The headline.")  # type: ignore[assignment]
    subtitle: str | None = None
    presets: list[str] = Field(  # type: ignore[assignment]
        default_factory=lambda: list(LONG_PRESETS),
        min_length=1,
        description="'long' (1080 wide) or WIDTHxauto.",
    )
    sections: list[Section] = Field(min_length=1, max_length=12)

    @field_validator("presets")
    @classmethod
    def _known_presets(cls, value: list[str]) -> list[str]:
        return _check_presets(value, long_form=True)


CARD_KINDS: tuple[str, ...] = ("stat", "chart", "quote", "list", "infographic")
SocialCard = Annotated[
    StatCard | ChartCard | QuoteCard | ListCard | InfographicCard,
    Field(discriminator="kind"),
    _kind_check("card", CARD_KINDS),
]
_MODELS = (StatCard, ChartCard, ListCard, QuoteCard, InfographicCard, StatsSection, ChartSection)


class SocialSection(_Model):
    """The ``social:`` section of an outline."""

    format: ImageFormat = Field("png", description="Image format of every card by default.")
    wordmark: str | None = Field(
        None, description="Name at the bottom of each card (default: deck organisation)."
    )
    hashtags: list[str] = Field(
        default_factory=list, description="Appended to every suggested caption."
    )
    cards: list[SocialCard] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _resolve_references(cls, data: Any) -> Any:
        # The card models name ChartSpec by a forward reference; by the time anything is
        # validated schema.py has loaded, so resolve them on the classes too (messages
        # then list a chart's allowed fields).
        for model in _MODELS:
            if not model.__pydantic_complete__:
                model.model_rebuild()
        return data

    @field_validator("hashtags", mode="before")
    @classmethod
    def _tags(cls, value: Any) -> Any:
        return _one_or_many(value)
