"""Where a scatter chart's point labels go: beside their points, clear of one another, of
every point and of the plot's edges.

Pure geometry in display pixels (no matplotlib), so it is tested on its own. Labels are
placed greedily in the order given (the most important first): each takes the first of
eight positions around its point whose box is free; one that finds none may be moved
further out, to the nearest free spot on widening rings, and tied to its point by a
leader line; otherwise it is left out (the caller says which).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

#: Positions tried in order, as (name, dx, dy): right and left of the point read best
#: beside a dot, then the diagonals, then above and below.
POSITIONS: tuple[tuple[str, int, int], ...] = (
    ("E", 1, 0), ("W", -1, 0), ("NE", 1, 1), ("SE", 1, -1),
    ("NW", -1, 1), ("SW", -1, -1), ("N", 0, 1), ("S", 0, -1),
)  # fmt: skip
#: Directions tried on each ring of the leader search (every 22.5 degrees, from east).
_ANGLES = tuple(k * math.pi / 8 for k in range(16))


@dataclass(frozen=True)
class Box:
    """An axis-aligned box; y grows upwards (matplotlib's display coordinates)."""

    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: Box, gap: float = 0.0) -> bool:
        """Whether the boxes come nearer than ``gap`` (they may touch at exactly ``gap``)."""
        return (
            self.x0 < other.x1 + gap
            and other.x0 < self.x1 + gap
            and self.y0 < other.y1 + gap
            and other.y0 < self.y1 + gap
        )

    def within(self, frame: Box, inset: float = 0.0) -> bool:
        return (
            self.x0 >= frame.x0 + inset
            and self.y0 >= frame.y0 + inset
            and self.x1 <= frame.x1 - inset
            and self.y1 <= frame.y1 - inset
        )

    def nearest(self, x: float, y: float) -> tuple[float, float]:
        """The point of the box nearest ``(x, y)``."""
        return min(max(x, self.x0), self.x1), min(max(y, self.y0), self.y1)

    def hits(self, disc: Disc, gap: float = 0.0) -> bool:
        """Whether the box comes nearer than ``gap`` to the disc."""
        nx, ny = self.nearest(disc.x, disc.y)
        return math.hypot(nx - disc.x, ny - disc.y) < disc.r + gap


@dataclass(frozen=True)
class Disc:
    """A point's marker: centre and radius."""

    x: float
    y: float
    r: float


@dataclass(frozen=True)
class Label:
    """A label to place: the disc it names (index into the discs), its text's extent, and
    whether it may move away from its point on a leader line when no position is free.
    ``spots``, if given, are the boxes it may take instead of the eight positions (a
    line's name goes along the line)."""

    point: int
    width: float
    height: float
    leader: bool
    spots: tuple[Box, ...] = ()


@dataclass(frozen=True)
class Spot:
    """Where a label went: its box, the position's name ('E', 'NE', ... or 'leader') and,
    for a leader, the line from the point's rim to the box."""

    box: Box
    position: str
    line: tuple[tuple[float, float], tuple[float, float]] | None = None


def beside(disc: Disc, width: float, height: float, dx: int, dy: int, gap: float) -> Box:
    """The box of a ``width`` x ``height`` label in direction ``(dx, dy)`` of ``disc``, its
    nearest edge (or corner, on a diagonal) ``gap`` beyond the rim."""
    reach = disc.r + gap
    if dx and dy:
        reach /= math.sqrt(2)  # the near corner sits on the circle of radius r + gap
    cx, cy = disc.x + dx * reach, disc.y + dy * reach
    x0 = cx if dx > 0 else cx - width if dx < 0 else cx - width / 2
    y0 = cy if dy > 0 else cy - height if dy < 0 else cy - height / 2
    return Box(x0, y0, x0 + width, y0 + height)


def segment_hits(a: tuple[float, float], b: tuple[float, float], box: Box) -> bool:
    """Whether the segment ``a``-``b`` passes through ``box`` (Liang-Barsky clipping)."""
    (ax, ay), (bx, by) = a, b
    dx, dy = bx - ax, by - ay
    lo, hi = 0.0, 1.0
    for p, q in ((-dx, ax - box.x0), (dx, box.x1 - ax), (-dy, ay - box.y0), (dy, box.y1 - ay)):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            lo = max(lo, t)
        else:
            hi = min(hi, t)
        if lo > hi:
            return False
    return True


def place(
    labels: Sequence[Label],
    discs: Sequence[Disc],
    frame: Box,
    *,
    gap: float,
    pad: float,
    fixed: Sequence[Box] = (),
    lines: Sequence[tuple[tuple[float, float], tuple[float, float]]] = (),
    leaders_after: int | None = None,
) -> list[Spot | None]:
    """A spot for each label, in order (``None``: left out).

    With ``leaders_after``, the labels from that index on first all try the spots beside
    their points, and only then, in order, the leader lines: a label moved out on a leader
    early took the room of several that fit beside their points (found by review).

    A spot's box stays ``pad`` inside ``frame``, ``2 * pad`` from every other label's box
    and every ``fixed`` box, ``pad`` from every disc, and off every line in ``lines`` (a
    trend line) and every leader line already drawn; a leader line crosses no label.
    ``gap`` is the space between a point's rim and its label. A label beside its point
    also reads as its point's: no other point is as near, or near it on another side.
    """
    boxes: list[Box] = list(fixed)
    avoid = list(lines)

    def free(box: Box) -> bool:
        return (
            box.within(frame, pad)
            and not any(box.overlaps(other, 2 * pad) for other in boxes)
            and not any(box.hits(disc, pad) for disc in discs)
            and not any(segment_hits(a, b, _grow(box, pad)) for a, b in avoid)
        )

    def keep(spot: Spot | None) -> Spot | None:
        if spot is not None:
            boxes.append(spot.box)
            if spot.line is not None:
                avoid.append(spot.line)
        return spot

    def near(label: Label) -> Spot | None:
        disc = discs[label.point]
        tries = [("along", box) for box in label.spots] or [
            (name, beside(disc, label.width, label.height, dx, dy, gap))
            for name, dx, dy in POSITIONS
        ]
        mine = (lambda box: True) if label.spots else _owned(label, discs)
        return next((Spot(box, name) for name, box in tries if free(box) and mine(box)), None)

    def led(label: Label) -> Spot | None:
        if not label.leader:
            return None
        own = discs[label.point]
        others = [disc for disc in discs if disc is not own]
        return _leader_spot(label, own, frame, gap, free, boxes, pad, others)

    later = len(labels) if leaders_after is None else leaders_after
    out: list[Spot | None] = [keep(near(label) or led(label)) for label in labels[:later]]
    out += [keep(near(label)) for label in labels[later:]]
    for k in range(later, len(labels)):
        if out[k] is None:
            out[k] = keep(led(labels[k]))
    return out


def _owned(label: Label, discs: Sequence[Disc]) -> Callable[[Box], bool]:
    """Whether a box beside ``label``'s point reads as that point's. A text reads as the
    name of the point at its end: so no other point near the box (within twice the own
    point's distance, or 0.8 of a line height) may be nearer than the own point, or level
    with the text at its other end (or either end, for a label above or below)."""
    own = discs[label.point]

    def distance(box: Box, disc: Disc) -> float:
        nx, ny = box.nearest(disc.x, disc.y)
        return math.hypot(nx - disc.x, ny - disc.y) - disc.r

    def owned(box: Box) -> bool:
        mine = distance(box, own)
        near = max(2 * mine, 0.8 * label.height)
        centre = (box.x0 + box.x1) / 2
        beside = not box.x0 <= own.x <= box.x1  # left or right of its point
        for disc in discs:
            if disc is own or (far := distance(box, disc)) >= near:
                continue
            if far <= mine:
                return False
            slack = disc.r + 0.25 * label.height
            level = box.y0 - slack <= disc.y <= box.y1 + slack
            other_end = not beside or (disc.x < centre) != (own.x < centre)
            if level and other_end:
                return False
        return True

    return owned


def _grow(box: Box, by: float) -> Box:
    return Box(box.x0 - by, box.y0 - by, box.x1 + by, box.y1 + by)


def _leader_spot(
    label: Label,
    disc: Disc,
    frame: Box,
    gap: float,
    free: Callable[[Box], bool],
    boxes: list[Box],
    pad: float,
    others: Sequence[Disc] = (),
) -> Spot | None:
    """The nearest free spot on rings of widening radius around ``disc`` whose leader line
    (from the rim to the box) crosses no placed label and no other point: a line from one
    of two overlapping dots ran over the rim of the other, whose name it then seemed to
    lead to (found by review)."""
    step = max(label.height * 0.75, 4 * pad)
    reach = max(frame.x1 - frame.x0, frame.y1 - frame.y0)
    radius = disc.r + gap + step
    while radius <= reach:
        for angle in _ANGLES:
            ux, uy = math.cos(angle), math.sin(angle)
            # Centre the box so its side (or corner) nearest the point is ``radius`` away.
            half = label.width / 2 * abs(ux) + label.height / 2 * abs(uy)
            cx, cy = disc.x + ux * (radius + half), disc.y + uy * (radius + half)
            box = Box(cx - label.width / 2, cy - label.height / 2,
                      cx + label.width / 2, cy + label.height / 2)  # fmt: skip
            if not free(box):
                continue
            end = box.nearest(disc.x, disc.y)
            length = math.hypot(end[0] - disc.x, end[1] - disc.y)
            if length <= disc.r:
                continue
            start = (
                disc.x + (end[0] - disc.x) * disc.r / length,
                disc.y + (end[1] - disc.y) * disc.r / length,
            )
            if any(segment_hits(start, end, _grow(other, pad)) for other in boxes):
                continue
            if any(_segment_near(start, end, other) < other.r + pad / 2 for other in others):
                continue
            return Spot(box, "leader", (start, end))
        radius += step
    return None


def _segment_near(a: tuple[float, float], b: tuple[float, float], disc: Disc) -> float:
    """How near the segment ``a``-``b`` comes to the centre of ``disc``."""
    (ax, ay), (bx, by) = a, b
    dx, dy = bx - ax, by - ay
    along = (disc.x - ax) * dx + (disc.y - ay) * dy
    t = max(0.0, min(1.0, along / (dx * dx + dy * dy))) if dx or dy else 0.0
    return math.hypot(ax + t * dx - disc.x, ay + t * dy - disc.y)
