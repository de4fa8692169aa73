"""Rounding that adds up: printed parts that sum to their printed total.

Rounded one by one, three equal shares print 33% + 33% + 33% = 99%, and the segments of a
stacked column can miss the total printed above them by a unit. :func:`round_to_total`
rounds a list so that it adds up to its own rounded total, changing as few values as
possible from their ordinary rounding (the largest-remainder method, "think-cell round").

Rounding follows the number formatter (:func:`deckgen.outline.formats.round_half_up`): each
value is read as its shortest decimal text and rounded half away from zero (4.25 -> 4.3).
So a value left at its ordinary rounding prints exactly as the formatter prints it, and
the total of the rounded parts is the total the formatter prints. :func:`last_place` and
:func:`write_in` round and write parts on their total's scale and in its unit.

Used for the shares printed around a ring chart and the segments of stacked columns;
tables will use it for a column printed with its total row. :func:`rounded_parts` is how a
chart rounds its parts, by its ``rounding:`` (:data:`Rounding`): to their total so, or
each on its own, as newsrooms print shares (2.51% is 3%, where the total's rounding can
print 2% to make 100).
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import TYPE_CHECKING, Literal

from deckgen.outline.formats import NumberFormat, compact_unit, round_half_up

if TYPE_CHECKING:
    from collections.abc import Collection, Sequence

#: Enough digits for the exact sum of any floats (exponents -1074 to 308), so sums are exact.
_PRECISION = 1500
#: Compact units, largest first, as :class:`deckgen.outline.formats.NumberFormat` picks them.
_COMPACT = {1e12: ("T", "trillion"), 1e9: ("B", "billion"), 1e6: ("M", "million"),
            1e3: ("K", "thousand")}  # fmt: skip


def _exact(value: float) -> Decimal:
    if not math.isfinite(value):
        raise ValueError(f"cannot round {value!r}: expected a finite number")
    return Decimal(repr(float(value)))  # its shortest decimal text, as the formatter reads it


def _nearest(value: Decimal, unit: Decimal) -> Decimal:
    return value.quantize(unit, ROUND_HALF_UP)


#: How a chart rounds parts printed beside their whole: ``total``, so that they add up to it
#: (:func:`round_to_total`), or ``each`` on its own, whatever they then add up to.
Rounding = Literal["total", "each"]


def rounded_parts(
    values: Sequence[float], decimals: int = 0, *, rounding: Rounding = "total",
    keep: Collection[int] = (),
) -> list[float]:  # fmt: skip
    """``values``, parts printed beside their whole, rounded to ``decimals`` places as
    ``rounding`` says: ``total`` as :func:`round_to_total` (``keep`` too), ``each`` every
    value on its own, halves away from zero as the formatter rounds (2.51, 47.7 and 49.79
    are 3, 48 and 50, which make 101)."""
    if rounding == "each":
        return [float(round_half_up(v, decimals)) for v in values]
    return round_to_total(values, decimals, keep=keep)


def parts_miss_total(
    values: Sequence[float], decimals: int = 0, *, rounding: Rounding = "total"
) -> bool:
    """Whether ``values``, rounded to ``decimals`` places as :func:`rounded_parts` rounds
    them, add up to other than their total rounded so (63 + 16 + 14 + 4 + 3 + 1 = 101 with
    ``each``; never with ``total``, which rounds them to make it)."""
    with localcontext(prec=_PRECISION):
        unit = Decimal(1).scaleb(-decimals)
        total = _nearest(sum((_exact(v) for v in values), Decimal(0)), unit)
        parts = rounded_parts(values, decimals, rounding=rounding)
        return sum((_exact(v) for v in parts), Decimal(0)) != total


def round_to_total(
    values: Sequence[float], decimals: int = 0, *, keep: Collection[int] = ()
) -> list[float]:
    """``values`` rounded to ``decimals`` places so that they add up to their rounded total.

    Each value is rounded as usual; if those add up to more or less than the rounded total
    by ``k`` units of the last place, the ``k`` values that ordinary rounding moved furthest
    the wrong way are rounded the other way instead (ties: the earlier value). So at most
    ``k`` values change, each ends less than one unit from where it was, and values whose
    ordinary rounding already adds up come back unchanged. ``decimals`` may be negative
    (-3 rounds to thousands).

    Equal values come back equal wherever ``k`` can be made of whole sets of equal values:
    a set that does not fit in the units left is passed over for the next-best values, as
    two slices of 4 seats in 650 printed '1%' and '<1%' when a tie was broken by row order
    (found by fuzzing). Where no such choice exists (three equal thirds: 33 + 33 + 33 is 99,
    34 three times 102) the total still wins, and one set is split, by row order: 34, 33, 33.

    ``keep``: the positions of values to round as usual if any other can take the unit
    instead (a highlighted slice, whose share a title states: 44.6% of the total printed
    44% under "Alpha makes 45%", found by fuzzing).

    A value other than zero is not moved to zero while another value can take the unit
    within those promises: a stacked area's ferry of 62,394 rides beside millions read
    'ferry 0' under a total of 9.4M, its 0.1M given to the bus (found by a new user). Only
    where every value that can move would read zero (0.6 three times, to a total of 2)
    does one.

    Raises ``ValueError`` for a value that is not a finite number.
    """
    with localcontext(prec=_PRECISION):
        unit = Decimal(1).scaleb(-decimals)
        exact = [_exact(v) for v in values]
        rounded = [_nearest(x, unit) for x in exact]
        total = _nearest(sum(exact, Decimal(0)), unit)
        gap = int((total - sum(rounded, Decimal(0))) / unit)
        if gap:
            # What ordinary rounding took off (positive: rounded down).
            residue = [x - r for x, r in zip(exact, rounded, strict=True)]
            sign = 1 if gap > 0 else -1
            zeroed = [x != 0 and r + sign * unit == 0 for x, r in zip(exact, rounded, strict=True)]
            # Values that stay within a unit first, those it would zero last among them;
            # ties: the earlier value keeps (or gets) the larger figure, as readers expect.
            order = sorted(range(len(exact)), key=lambda i: (
                i in keep, sign * residue[i] <= 0, zeroed[i], -sign * residue[i], sign * i
            ))  # fmt: skip
            chosen = order[: abs(gap)]
            moved = {exact[i] for i in chosen}
            if any(exact[i] in moved for i in order[abs(gap) :]):
                # The cut splits a set of equal values: make the count of whole sets instead.
                # Only values that stay within a unit, are not kept and would not read zero
                # move as a set.
                movable = [i not in keep and sign * residue[i] > 0 and not zeroed[i]
                           for i in range(len(exact))]  # fmt: skip
                chosen = _whole_sets(order, residue, exact, movable, abs(gap)) or chosen
            for i in chosen:
                rounded[i] += sign * unit
        return [float(r) for r in rounded]


def _whole_sets(
    order: Sequence[int], residue: Sequence[Decimal], exact: Sequence[Decimal],
    movable: Sequence[bool], count: int,
) -> list[int] | None:  # fmt: skip
    """``count`` positions made of whole sets of equal values that may all move: the sets
    whose rounding moved furthest the wrong way in all (the least error in the end, as
    largest remainder alone), the earliest in ``order`` on a tie; ``None`` when no choice of
    whole sets makes the count."""
    sets: dict[Decimal, list[int]] = {}
    for i in order:
        sets.setdefault(exact[i], []).append(i)  # equal values, equal residues (not keep)
    whole = [members for members in sets.values() if all(movable[i] for i in members)]
    # best[j][n]: the most residue sets j.. can give with n positions (None: n cannot be
    # made of them). A knapsack, as a set that does not fit passes its turn to smaller ones.
    best: list[list[Decimal | None]] = [[Decimal(0)] + [None] * count]
    for members in reversed(whole):
        after = best[0]
        gain = abs(residue[members[0]]) * len(members)
        here = list(after)
        for n in range(len(members), count + 1):
            rest, now = after[n - len(members)], here[n]
            if rest is not None and (now is None or rest + gain > now):
                here[n] = rest + gain
        best.insert(0, here)
    if best[0][count] is None:
        return None
    chosen: list[int] = []
    left = count
    for j, members in enumerate(whole):
        rest = best[j + 1][left - len(members)] if len(members) <= left else None
        # Take the set where the best count can still be made with it (ties: take it).
        if rest is not None and rest + abs(residue[members[0]]) * len(members) == best[j][left]:
            chosen += members
            left -= len(members)
    return chosen


def last_place(fmt: NumberFormat, value: float) -> tuple[float, int]:
    """How ``fmt`` writes ``value``: ``(scale, decimals)``, where the printed number is
    ``value / scale`` to ``decimals`` places. ``(1.0, 1)`` for ``plain:1``; ``(1e6, 1)`` for
    ``compact:1`` and a value in millions ("30.2M").

    Parts that must add up to a printed total are rounded on the total's scale.
    """
    scale = 1.0
    if fmt.style == "compact":
        # The formatter's own unit: 999,950 is "1.0M", not "1,000.0K".
        scale = compact_unit(abs(value), fmt.decimals)[0]
    return scale, fmt.decimals


def write_in(fmt: NumberFormat, value: float, scale: float, *, words: bool = False) -> str:
    """``value`` written as ``fmt`` writes it, but in the unit of ``scale`` (from
    :func:`last_place`): parts rounded on their total's scale read in its unit, '0.5M'
    beside '2.0M', never '500.0K', which would claim a precision the rounding removed."""
    if fmt.style != "compact" or scale not in _COMPACT or last_place(fmt, value)[0] == scale:
        return fmt.format(value, words=words)  # its own unit: exactly as the formatter
    symbol, word = _COMPACT[scale]
    unit = f" {word}" if words else symbol
    # The format's prefix, decimals and sign, the unit written as a suffix.
    fixed = fmt.model_copy(update={"style": "plain", "suffix": unit + fmt.suffix})
    return fixed.format(value / scale)
