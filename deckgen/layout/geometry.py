"""One rectangle type for slides, cards and chart boxes: lengths in EMU (:mod:`.units`)."""

from __future__ import annotations

from dataclasses import dataclass

from deckgen.layout.units import Length


@dataclass(frozen=True)
class Rect:
    """A box: left and top edges, width and height."""

    left: Length
    top: Length
    width: Length
    height: Length

    @classmethod
    def of(cls, left: int, top: int, width: int, height: int) -> Rect:
        """A rect from four EMU counts (or lengths)."""
        return cls(Length(left), Length(top), Length(width), Length(height))

    @property
    def right(self) -> Length:
        return self.left + self.width

    @property
    def bottom(self) -> Length:
        return self.top + self.height

    def moved(self, dx: int = 0, dy: int = 0) -> Rect:
        return Rect(self.left + dx, self.top + dy, self.width, self.height)

    def inset(self, left: int, top: int | None = None, right: int | None = None,
              bottom: int | None = None) -> Rect:  # fmt: skip
        """The box shrunk by a margin on each side (one value: all four)."""
        top = left if top is None else top
        right = left if right is None else right
        bottom = top if bottom is None else bottom
        return Rect(self.left + left, self.top + top, self.width - left - right,
                    self.height - top - bottom)  # fmt: skip

    def contains(self, other: Rect) -> bool:
        return (
            other.left >= self.left
            and other.top >= self.top
            and other.right <= self.right
            and other.bottom <= self.bottom
        )

    def overlaps(self, other: Rect) -> bool:
        return (
            self.left < other.right
            and other.left < self.right
            and self.top < other.bottom
            and other.top < self.bottom
        )

    def columns(self, count: int, gap: int) -> list[Rect]:
        """Split into ``count`` equal columns with ``gap`` between them."""
        width = (self.width - gap * (count - 1)) / count
        return [
            Rect(self.left + i * (width + gap), self.top, width, self.height) for i in range(count)
        ]

    def grid(self, columns: int, rows: int, gap: int) -> list[Rect]:
        """Row-major cells of an even grid."""
        height = (self.height - gap * (rows - 1)) / rows
        cells = []
        for r in range(rows):
            row = Rect(self.left, self.top + r * (height + gap), self.width, height)
            cells += row.columns(columns, gap)
        return cells
