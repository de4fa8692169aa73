"""Card render jobs: pure, frozen descriptions of one image, like the deck's ``ChartJob``.

The planner decides every pixel position and text size; a job carries the result (fitted
text blocks, rules, placed chart jobs) and nothing else, so it can be hashed into a cache
key, pickled to a worker process, and rendered anywhere by ``deckgen.social.render``.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Literal

from deckgen.render.jobs import content_key

if TYPE_CHECKING:
    from pathlib import Path

    from deckgen.render.jobs import ChartJob
    from deckgen.social.text import Box, TextBlock


@dataclass(frozen=True)
class Frame:
    """The image: its pixel size, the safe area text must stay in, and the background."""

    width: int
    height: int
    safe: Box
    background: str


@dataclass(frozen=True)
class Rule:
    """A filled rectangle: an accent bar, a divider, a list marker."""

    box: Box
    color: str


@dataclass(frozen=True)
class Logo:
    path: Path
    box: Box


@dataclass(frozen=True)
class PlacedChart:
    """A deck chart job re-sized for the card, and where its picture goes."""

    job: ChartJob
    box: Box


@dataclass(frozen=True)
class Footer:
    """The bottom of every card: the source line and the organisation's wordmark or logo."""

    source: TextBlock | None = None
    wordmark: TextBlock | None = None
    logo: Logo | None = None


class _Job:
    """What every card job offers: its text blocks (for checks) and a content key."""

    frame: Frame
    footer: Footer

    def texts(self) -> tuple[TextBlock, ...]:
        """Every text block on the card, in drawing order."""
        from deckgen.social.text import TextBlock

        out: list[TextBlock] = []
        for f in fields(self):  # type: ignore[arg-type]
            value = getattr(self, f.name)
            items = value if isinstance(value, tuple) else (value,)
            out += [v for v in items if isinstance(v, TextBlock)]
        out += [t for t in (self.footer.source, self.footer.wordmark) if t is not None]
        return tuple(out)

    def key(self) -> str:
        return content_key(self)


@dataclass(frozen=True)
class StatCardJob(_Job):
    frame: Frame
    accent: Rule
    title: TextBlock | None
    qualifier: TextBlock | None
    value: TextBlock
    label: TextBlock
    footer: Footer
    kind: Literal["stat"] = "stat"


@dataclass(frozen=True)
class ChartCardJob(_Job):
    frame: Frame
    accent: Rule
    title: TextBlock
    subtitle: TextBlock | None
    chart: PlacedChart
    note: TextBlock | None
    footer: Footer
    kind: Literal["chart"] = "chart"


@dataclass(frozen=True)
class QuoteCardJob(_Job):
    frame: Frame
    mark: TextBlock
    title: TextBlock | None
    text: TextBlock
    attribution: TextBlock
    footer: Footer
    kind: Literal["quote"] = "quote"


@dataclass(frozen=True)
class ListCardJob(_Job):
    frame: Frame
    accent: Rule
    title: TextBlock
    markers: tuple[Rule | TextBlock, ...]
    items: tuple[TextBlock, ...]
    footer: Footer
    kind: Literal["list"] = "list"


@dataclass(frozen=True)
class InfographicJob(_Job):
    frame: Frame
    accent: Rule
    blocks: tuple[TextBlock, ...]
    rules: tuple[Rule, ...]
    charts: tuple[PlacedChart, ...]
    footer: Footer
    summary: tuple[str, ...] = ()  # each section in words, for the alt text
    kind: Literal["infographic"] = "infographic"


CardJob = StatCardJob | ChartCardJob | QuoteCardJob | ListCardJob | InfographicJob
