"""Card sizes: named platform presets and custom ``WIDTHxHEIGHT`` sizes.

Every preset has an exact pixel size and a safe area: the part of the image text may use.
Feed posts keep a 60 px margin at 1080 px wide (scaled with the width, so 89 px on a
1600 px X post); stories and reels also keep 250 px clear at the top and bottom, where the
app draws its own header and reply bar. ``long`` is the long-form infographic: 1080 px wide,
as tall as its content.

This module is imported by the outline schema, so it imports nothing heavy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from deckgen.errors import DeckgenError, Problem, did_you_mean

#: Margin of a feed post at 1080 px wide.
FEED_MARGIN = 60
#: Clear band at the top and bottom of a story/reel (Instagram and Facebook UI).
STORY_BAND = 250
#: Reference width: sizes in the card design are given at 1080 px and scaled with the width.
REFERENCE_WIDTH = 1080
MIN_SIDE, MAX_SIDE = 200, 4096
#: The narrowest custom card: text scales with the width, and at 200 px a card's fine
#: print was 6 px, a blur once a phone stretched it to its width (fuzzing). At 600 px (X's
#: least for a post's image) it is 18 px, about 11 pt on a phone.
MIN_WIDTH = 600


@dataclass(frozen=True)
class Insets:
    """Distances in pixels from each edge of the image to the safe area."""

    left: int
    top: int
    right: int
    bottom: int


@dataclass(frozen=True)
class Preset:
    """A card size. ``height`` is ``None`` for long-form images (height from the content)."""

    name: str
    width: int
    height: int | None
    label: str
    safe: Insets
    platforms: str = ""

    @property
    def unit(self) -> float:
        """Pixels per design pixel: 1.0 at 1080 px wide."""
        return self.width / REFERENCE_WIDTH

    @property
    def size_text(self) -> str:
        return f"{self.width}×{self.height or 'auto'}"

    @property
    def landscape(self) -> bool:
        """Wide enough that text and picture sit side by side rather than stacked."""
        return self.height is not None and self.width / self.height >= 1.5

    def safe_size(self, height: int | None = None) -> tuple[int, int]:
        """Width and height of the safe area (for a long-form image, of ``height``)."""
        total = self.height or height or 0
        return (
            self.width - self.safe.left - self.safe.right,
            total - self.safe.top - self.safe.bottom,
        )


def _feed(name: str, width: int, height: int | None, label: str, platforms: str) -> Preset:
    margin = round(FEED_MARGIN * width / REFERENCE_WIDTH)
    return Preset(name, width, height, label, Insets(margin, margin, margin, margin), platforms)


def _story(name: str, width: int, height: int, label: str, platforms: str) -> Preset:
    margin = round(FEED_MARGIN * width / REFERENCE_WIDTH)
    band = round(STORY_BAND * height / 1920)
    return Preset(name, width, height, label, Insets(margin, band, margin, band), platforms)


PRESETS: dict[str, Preset] = {
    p.name: p
    for p in (
        _feed("ig-square", 1080, 1080, "Square feed post (1:1)", "Instagram, Facebook, LinkedIn"),
        _feed("ig-portrait", 1080, 1350, "Portrait feed post (4:5)", "Instagram, Facebook"),
        _feed("ig-tall", 1080, 1440, "Tall feed post (3:4 grid)", "Instagram"),
        _story("story", 1080, 1920, "Story / reel (9:16)", "Instagram, Facebook"),
        _feed("x-post", 1600, 900, "In-feed image (16:9)", "X / Twitter"),
        _feed("linkedin", 1200, 627, "Shared image (1.91:1)", "LinkedIn"),
        _feed("og", 1200, 630, "Link preview (1.91:1)", "Open Graph, Facebook, Slack"),
        _feed("long", 1080, None, "Long-form infographic", "web pages, Pinterest, carousels"),
    )
}

_CUSTOM = re.compile(r"^\s*(\d+)\s*[x×X]\s*(\d+|auto)\s*$")


def preset_problem(name: str) -> tuple[str, str | None] | None:
    """``None`` if ``name`` is a preset or a valid custom size, else (message, hint)."""
    if name in PRESETS:
        return None
    match = _CUSTOM.match(name)
    if match:
        sides = [int(s) for s in match.groups() if s != "auto"]
        if sides[0] >= MIN_WIDTH and all(MIN_SIDE <= s <= MAX_SIDE for s in sides):
            return None
        return (
            f"custom size {name!r} is out of range",
            f"the width must be {MIN_WIDTH} to {MAX_SIDE} px and the height {MIN_SIDE} to "
            f"{MAX_SIDE} (text scales with the width: narrower, a phone shows it blurred; "
            "platforms reject larger images)",
        )
    hint = did_you_mean(name, PRESETS)
    listing = f"use a preset ({', '.join(PRESETS)}) or WIDTHxHEIGHT such as 1200x1200"
    return (f"unknown preset {name!r}", f"{hint} {listing}" if hint else listing)


def parse_preset(name: str) -> Preset:
    """The preset called ``name``, or a custom ``WIDTHxHEIGHT`` (``WIDTHxauto``) size.

    Raises :class:`DeckgenError` listing the presets (with a did-you-mean) otherwise.
    """
    problem = preset_problem(name)
    if problem is not None:
        raise DeckgenError(Problem(None, *problem))
    if name in PRESETS:
        return PRESETS[name]
    match = _CUSTOM.match(name)
    assert match is not None
    width, height = int(match[1]), None if match[2] == "auto" else int(match[2])
    canonical = f"{width}x{height or 'auto'}"
    base = _story if height and height / width >= 1.7 else _feed
    if height is None:
        return _feed(canonical, width, None, "Custom long-form", "")
    return base(canonical, width, height, "Custom size", "")


def preset_table() -> list[tuple[str, str, str, str]]:
    """Rows for ``deckgen presets``: name, size, safe area, what it is for."""
    rows = []
    for p in PRESETS.values():
        s = p.safe
        if s.top == s.left:
            safe = f"{s.left} px margin"
        else:
            safe = f"{s.left} px sides, {s.top} px top and bottom clear"
        rows.append((p.name, p.size_text, safe, f"{p.label}: {p.platforms}"))
    return rows
