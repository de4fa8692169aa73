"""One length type for every box on a slide, a card or a chart canvas.

A :class:`Length` is a whole number of EMU (English Metric Units: 914,400 to the inch,
12,700 to the point), as in python-pptx's ``pptx.util.Length`` and in the OOXML file itself,
so a length goes into a deck without conversion. Build one with :func:`Inches`, :func:`Pt`
or :func:`Px` (a card pixel, 96 to the inch: 9,525 EMU, so whole pixels stay whole) and read
it back with ``.inches``, ``.pt`` or ``.px``. Arithmetic on lengths gives lengths (rounded to
the EMU, far below anything visible), so layout code never converts by hand.
"""

from __future__ import annotations

from typing import SupportsFloat, SupportsIndex

EMU_PER_INCH = 914_400
EMU_PER_PT = 12_700
#: A card pixel: 96 per inch, as Office and the web count them.
EMU_PER_PX = 9_525


class Length(int):
    """A length in EMU. Adding, subtracting, scaling and halving keep it a length."""

    __slots__ = ()

    def __new__(cls, emu: SupportsIndex | SupportsFloat) -> Length:
        return super().__new__(cls, round(float(emu)))

    # -- reading -------------------------------------------------------------------------
    @property
    def emu(self) -> int:
        return int(self)

    @property
    def inches(self) -> float:
        return int(self) / EMU_PER_INCH

    @property
    def pt(self) -> float:
        return int(self) / EMU_PER_PT

    @property
    def px(self) -> int:
        """Whole card pixels (a length built from pixels reads back exactly)."""
        return round(int(self) / EMU_PER_PX)

    def __repr__(self) -> str:
        return f"Length({self.inches:.4f} in)"

    # -- arithmetic that stays a length --------------------------------------------------
    def __add__(self, other: int) -> Length:
        return Length(int(self) + int(other))

    __radd__ = __add__

    def __sub__(self, other: int) -> Length:
        return Length(int(self) - int(other))

    def __rsub__(self, other: int) -> Length:
        return Length(int(other) - int(self))

    def __mul__(self, factor: float) -> Length:
        return Length(int(self) * factor)

    __rmul__ = __mul__

    def __truediv__(self, other: float) -> Length:
        """A length divided by a number is a length (``width / 2``); divide by another
        length with :meth:`ratio`."""
        return Length(int(self) / other)

    def ratio(self, other: int) -> float:
        """How many ``other`` fit in this length (a plain number)."""
        return int(self) / int(other)

    def __neg__(self) -> Length:
        return Length(-int(self))

    def __abs__(self) -> Length:
        return Length(abs(int(self)))


def Emu(emu: float) -> Length:
    return Length(emu)


def Inches(inches: float) -> Length:
    return Length(inches * EMU_PER_INCH)


def Pt(points: float) -> Length:
    return Length(points * EMU_PER_PT)


def Px(pixels: float) -> Length:
    return Length(pixels * EMU_PER_PX)


ZERO = Length(0)
