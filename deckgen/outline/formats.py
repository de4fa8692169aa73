"""Number formats shared by charts, tables, callouts, templates and alt text.

A format is written in the outline as a short string::

    [+][prefix]style[:decimals][suffix]

``style`` is one of ``plain`` (``5,234,496``), ``compact`` (``30.2M``, ``$143.2B``) or
``percent`` (``67%``; the value is already in percent). Examples: ``compact:1``,
``$compact:1``, ``percent:0``, ``plain:0``, ``$plain:1B`` (a value stored in billions).
A leading ``+`` signs every number ``sign: always`` (a change: ``+percent:0`` writes
``+119%`` and ``−38%``; ``+$compact:1`` writes ``+$1.2B``), where by default only
negatives take a sign; a number that writes as zero takes none (``0%``, not ``+0%``).
The long form is a mapping with the same fields plus ``units``:
``{style: compact, decimals: 1, prefix: $, units: each}``.

One formatter serves every place a number is shown, so a slide, its chart, its table and
its alt text never disagree:

* :meth:`NumberFormat.format` writes one number on its own (a template, a callout, a
  reference line's label, alt text): a compact number drops trailing zeros (``1M``,
  ``30.2M``), as Babel's compact numbers do, so the ``compact`` filter and the ``compact``
  format agree.
* :meth:`NumberFormat.format_values` writes numbers read together (the ticks of one axis,
  the labels of one chart, the cells of one table column): one compact unit, the largest
  value's, and one number of decimals for all, so ``$0.9M`` stands beside ``$1.7M``, never
  ``$910.0K``. ``units: each`` asks for a unit per value instead.

Halves round up (4.25 -> 4.3) as in the templates, and a negative number takes the true
minus sign (U+2212), which does not break from its digits and is as wide as the plus.
Numbers take the decimal mark and thousands separator of the deck's locale
(:func:`numerals`: ``49,5%`` and ``1.234.567`` in ``de_DE``); the units (K, M, B, T, %)
and alt text's words stay English, as the format language is.
"""

from __future__ import annotations

import contextvars
import math
import re
from decimal import ROUND_HALF_UP, Context, Decimal
from typing import TYPE_CHECKING, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, model_validator

from deckgen.errors import nearest
from deckgen.scoped import scoped

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from contextlib import AbstractContextManager

_SHORTHAND = re.compile(
    r"^(?P<plus>\+?)(?P<prefix>[^a-z]*?)(?P<style>plain|compact|percent)(?::(?P<decimals>\d+))?(?P<suffix>.*)$"
)
#: Compact units, smallest first.
_COMPACT_UNITS = ((1e3, "K"), (1e6, "M"), (1e9, "B"), (1e12, "T"))
#: A suffix that names a unit of its own right after the number ('B', 'bn', 'K', '%', 'x'):
#: beside compact's unit it reads as another unit ('1.2MB'); after a space, only a
#: magnitude word ('1.2M bn') or a percent sign does: ' t' is tonnes, ' m' metres.
_UNIT_AFTER = re.compile(
    r"\s*(?P<magnitude>bn|mn|tn|thousands?|millions?|billions?|trillions?)(?![a-z])"
    r"|(?P<letter>[kmbt])(?![a-z])|\s*%|[a-z]",
    re.IGNORECASE,
)
#: What a magnitude after 'plain' says the values are stored in.
_STORED = {"k": "thousands", "m": "millions", "mm": "millions", "mn": "millions",
           "b": "billions", "bn": "billions", "t": "trillions", "tn": "trillions"}  # fmt: skip
#: Words for compact units in alt text, which screen readers read aloud.
_UNIT_WORDS = {"T": "trillion", "B": "billion", "M": "million", "K": "thousand"}
#: A number in a compact unit, as the charts and the compact and currency filters write
#: one ('71.4K', '$143.2B', '−2.5M'), standing alone (not 'B2B' or a code such as 'K9').
_COMPACT_WRITTEN = re.compile(r"(?<![\w.,])([+\-\u2212]?[$€£¥]?\d[\d,]*(?:\.\d+)?)([KMBT])(?!\w)")


def spoken(text: str) -> str:
    """``text`` with each number in a compact unit in words ('71.4K' as '71.4 thousand',
    '$143.2B' as '$143.2 billion'), for alt text: a screen reader reads '71.4K' as 'seventy
    one point four K'. A stat's alt text said its value as typed, where a chart's says it
    so (found by a new user). Other text is left as it is."""
    return _COMPACT_WRITTEN.sub(lambda m: f"{m[1]} {_UNIT_WORDS[m[2]]}", text)


#: The minus sign every formatted negative number takes.
MINUS = "\u2212"
#: No unit: the number as it is.
_ONE = (1.0, "")
#: The most decimals a number is given to keep it from reading 0 (a label, a list of them,
#: a total): at four, 0.00003 beside 0.00025 read '0.0000' (found by fuzzing).
MAX_DECIMALS = 6
#: The most decimals an axis's ticks take to write their step exactly: past it they took
#: the format's own, and ticks 0.00005 apart all read '0.0' (found by fuzzing).
TICK_DECIMALS = 6
#: How close (a share of itself) a value given extra decimals is written (see ``shared``).
CLOSE = 0.2

Unit = tuple[float, str]

#: The decimal mark and the thousands separator numbers are written with (en_US's unless a
#: build sets its deck's, :func:`numerals`). A context variable, not an argument: every
#: place a number is shown (a chart's ticks, a table's cells, a template's ``format()``)
#: writes through the one formatter, and a German deck wrote ``49.5%`` on its charts
#: beside ``49,5 %`` in its titles (found by fuzzing).
_MARKS: contextvars.ContextVar[tuple[str, str]] = contextvars.ContextVar(
    "numerals", default=(".", ",")
)


def marks_of(locale: str) -> tuple[str, str]:
    """The decimal mark and thousands separator of a Babel locale ('de_DE': ',' and '.')."""
    from babel.numbers import get_decimal_symbol, get_group_symbol

    return get_decimal_symbol(locale), get_group_symbol(locale)


def current_marks() -> tuple[str, str]:
    """The marks numbers are written with here (see :func:`numerals`)."""
    return _MARKS.get()


def numerals(marks: tuple[str, str]) -> AbstractContextManager[tuple[str, str]]:
    """Write numbers with ``marks`` (decimal mark, thousands separator) in this block."""
    return scoped(_MARKS, marks)


def round_half_up(value: float, decimals: int, scale: float = 1.0) -> Decimal:
    """``value / scale`` rounded to ``decimals`` places, halves away from zero (4.25 -> 4.3).

    The float is read as its shortest decimal text (as Babel reads it), so 4.25 is a
    half even though the nearest binary number lies a hair below it; ``scale`` (a compact
    unit, a power of ten) divides that text exactly, so 8e39 in trillions is 8e27, where
    float division gives 7.999999999999999e27. Any finite float works (1e308, 5e-324);
    inf and NaN come back as they are (there is nothing to round).
    """
    value = float(value)
    key = (value, decimals, scale)
    # Labels, ticks and the checks round the same few numbers again and again (~2,000
    # times a chart edit, 3% of its drawing); Decimals are immutable, so each is made once.
    # Zero (whose sign == loses) and NaN (which == never finds) are rounded each time.
    if value and value == value:
        hit = _ROUNDED.get(key)
        if hit is not None:
            return hit
        if len(_ROUNDED) >= _ROUNDED_MAX:
            _ROUNDED.clear()
    exact = Decimal(repr(value))
    if not exact.is_finite():
        return exact
    if scale != 1:
        # 17 significant digits over a power of ten: exact within 40 digits.
        exact = Context(prec=40).divide(exact, Decimal(repr(float(scale))))
    # The default context holds 28 digits and quantize raises past them (1e40 at one
    # decimal needs 42), so give the rounding room for every digit of the result.
    digits = max(exact.adjusted() + 1, 1) + max(decimals, 0) + 2
    context = Context(prec=digits, rounding=ROUND_HALF_UP)
    rounded = exact.quantize(Decimal(1).scaleb(-decimals), context=context)
    if value:
        _ROUNDED[key] = rounded
    return rounded


_ROUNDED: dict[tuple[float, int, float], Decimal] = {}  # see round_half_up
_ROUNDED_MAX = 1 << 16


def compact_unit(magnitude: float, decimals: int) -> Unit:
    """The compact unit of ``magnitude`` written with ``decimals`` places.

    The largest unit not above the number, moved up one when rounding in it reaches 1,000:
    642,000 is ``642K`` at any precision, 999,950 is ``1.0M`` (not ``1,000.0K``) at one
    decimal, and 999.7 is ``1K`` at none.
    """
    unit = _ONE
    for threshold, symbol in _COMPACT_UNITS:
        if magnitude >= threshold:
            unit = (threshold, symbol)
    for threshold, symbol in _COMPACT_UNITS:
        if threshold > unit[0] and round_half_up(magnitude, decimals, unit[0]) >= 1000:
            unit = (threshold, symbol)
    return unit


def _exact_decimals(scaled: Sequence[float]) -> int | None:
    """The fewest decimals (0 to :data:`TICK_DECIMALS`) that write every one of ``scaled``
    exactly (tick steps)."""
    return next(
        (
            d
            for d in range(TICK_DECIMALS + 1)
            if all(abs(round(x, d) - x) <= 1e-6 * max(1.0, abs(x)) for x in scaled)
        ),
        None,
    )


def _shorthand_fix(written: str) -> str:
    """The fix for a number format's shorthand that does not read: the shorthand with its
    style word made the nearest style, where that reads ("did you mean 'percent:0'?" for
    'pct:0'), else examples with what each writes. The fix line repeated what was expected
    word for word, with the did-you-mean left at the end of the message (found in review)."""
    word = re.search(r"[a-z]+", written.lower())
    styles = get_args(NumberFormat.model_fields["style"].annotation)
    guess = nearest(word[0], styles) if word else None
    if word and guess:
        fixed = f"{written[: word.start()]}{guess}{written[word.end() :]}".strip()
        meant = fixed if _SHORTHAND.match(fixed) else guess
        return f"did you mean {meant!r}?"
    return "write one such as 'percent:0' (38%), 'compact:1' (1.2M) or '+$compact:1' (+$1.2M)"


class NumberFormat(BaseModel):
    """How a number is written. Build one from the shorthand string in the outline."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    style: Literal["plain", "compact", "percent"] = "plain"
    decimals: int = Field(0, ge=0, le=6, strict=True)  # not `true`, which pydantic reads as 1
    prefix: str = ""
    suffix: str = ""
    units: Literal["shared", "each"] = Field(
        "shared",
        description="Compact numbers read together (an axis, a chart's labels, a table "
        "column) share the largest value's unit ('shared'), or take one each ('each').",
    )
    sign: Literal["negative", "always"] = Field(
        "negative",
        description="Which numbers are written with a sign: negatives only ('negative'), or "
        "every number that does not write as zero, a change's '+119%' ('always'; the "
        "shorthand's leading '+').",
    )

    @model_validator(mode="before")
    @classmethod
    def _from_shorthand(cls, data: object) -> object:
        if isinstance(data, str):
            match = _SHORTHAND.match(data.strip())
            if not match:
                raise ValueError(
                    "expected a number format [+][prefix]style[:decimals][suffix] with style "
                    f"plain, compact or percent, found {data!r}; {_shorthand_fix(data)}"
                )
            parts = match.groupdict()
            if re.match(r":|\.?\d", parts["suffix"]):
                # 'compact:-1', 'plain:two', 'percent:1.5': decimals the pattern does not
                # read would otherwise become the suffix, after every value ('30.2M:-1').
                raise ValueError(
                    f"the decimals after {parts['style']!r} are a whole number from 0 to 6, "
                    f"such as '{parts['style']}:1'; found {data!r}"
                )
            return {
                "style": parts["style"],
                "decimals": int(parts["decimals"] or (1 if parts["style"] == "compact" else 0)),
                "prefix": parts["prefix"],
                "suffix": parts["suffix"],
                "sign": "always" if parts["plus"] else "negative",
            }
        return data

    @model_validator(mode="after")
    def _no_second_sign_or_unit(self) -> NumberFormat:
        if "+" in self.prefix:
            # A '+' written into the prefix stood before every value, after a negative's
            # minus: '+percent:0' read as a prefix wrote -38 as '−+38%' and 0 as '+0%'.
            raise ValueError(
                f"a '+' in the prefix {self.prefix!r} would stand after a negative number's "
                "minus ('−+38%'); to sign every number write the '+' first in the shorthand "
                "('+$compact:1', '+percent:0'), or 'sign: always' in the long form"
            )
        if "-" in self.prefix or "\u2212" in self.prefix:
            # '+-plain:0' wrote '+-1,200,000' and '−-42' (found by fuzzing).
            raise ValueError(
                f"a minus in the prefix {self.prefix!r} would stand before every number, "
                "beside its own sign ('−-42'); a negative number writes its own minus: "
                "remove it from the prefix"
            )
        unit = _UNIT_AFTER.match(self.suffix)
        if unit is not None and self.style != "plain":
            # 'compact:1B', by analogy with '$plain:1B', wrote 1,200,000 as '1.2MB', which
            # reads as megabytes (found by fuzzing); 'percent:0%' wrote '45%%'.
            raise ValueError(self._unit_clash(unit))
        return self

    def _unit_clash(self, unit: re.Match[str]) -> str:
        """Why a suffix cannot follow compact's unit or percent's sign, and the fix."""
        head = f"{self.prefix}{self.style}:{self.decimals}"
        spaced = f"put a space before the word: '{head} {self.suffix.strip()}'"
        if unit["magnitude"] or unit["letter"]:
            word = (unit["magnitude"] or unit["letter"]).lower()
            stored = _STORED.get(word, word.rstrip("s") + "s")
            fix = f"for values stored in {stored} write '{self.prefix}plain:{self.decimals}"
            fix += f"{self.suffix}'"
        elif "%" in unit[0]:
            fix = f"for a share in percent write '{self.prefix}percent:{self.decimals}'"
        else:
            fix = spaced
        if self.style == "percent":
            fix = f"write '{head}'" if "%" in unit[0] else spaced
        what = "its own unit" if self.style == "compact" else "its own '%'"
        shown = self.format(1_200_000 if self.style == "compact" else 45)
        follows = f"so the suffix {self.suffix!r} follows it ({shown})"
        return f"{self.style} writes {what}, {follows}; {fix}"

    def __str__(self) -> str:
        plus = "+" if self.sign == "always" else ""
        return f"{plus}{self.prefix}{self.style}:{self.decimals}{self.suffix}"

    # -- one number --------------------------------------------------------------------
    def format(self, value: float | int | None, *, words: bool = False) -> str:
        """Write ``value`` on its own; ``None`` or NaN gives an en dash.

        A compact number takes its own unit and drops trailing zeros (``1M``, ``30.2M``).
        With ``words=True`` compact units and the percent sign are spelt out ("30.2
        million", "67 percent") for alt text.
        """
        if _missing(value):
            return "–"
        assert value is not None
        unit, places = self.own_place(float(value))
        return self._write(float(value), unit, places, words=words,
                           trim=self.style == "compact")  # fmt: skip

    def own_place(self, value: float) -> tuple[Unit, int]:
        """The unit and decimals :meth:`format` writes ``value`` in, on its own: for a
        writer with patterns of its own too (the ``percent`` filter's locale pattern), so
        it reads as a chart's label does."""
        unit = _ONE
        if self.style == "compact":
            unit = compact_unit(abs(value), self.decimals)
        return unit, self._places(value, unit)

    def _places(self, value: float, unit: Unit) -> int:
        """The format's decimals, with more where they would write ``value`` (not zero) as
        zero, as :meth:`shared` gives a list of labels (a ring chart's total of 0.00038
        read '0': found by fuzzing)."""
        size = abs(value)
        return self._close([size / unit[0]]) if math.isfinite(size) else self.decimals

    def _lossy(self, present: Sequence[float], unit: Unit) -> bool:
        """Whether a value of ``present`` (absolute) written in ``unit`` to the format's
        decimals reads more than :data:`CLOSE` of itself off."""
        return any(
            abs(float(round_half_up(v, self.decimals, unit[0])) * unit[0] - v) > CLOSE * v
            for v in present
            if v > 0
        )

    def _close(self, scaled: Sequence[float]) -> int:
        """The format's decimals, with more (up to :data:`MAX_DECIMALS`) until the smallest
        of ``scaled`` (absolute values in their unit) reads as more than zero, and the
        values given decimals of their own so read within :data:`CLOSE` of themselves; a
        value no decimals write as more than zero gives the others none."""
        decimals = self.decimals
        # The smallest value some decimals write as more than zero: one that reads 0 even
        # at the most (1e-7 beside 0.5) gives the others none ('0.5', not '0.500000').
        smallest = min((v for v in scaled if round_half_up(v, MAX_DECIMALS) != 0), default=None)
        if smallest is None:
            return decimals
        while decimals < MAX_DECIMALS and round_half_up(smallest, decimals) == 0:
            decimals += 1
        # The values given decimals of their own to read as more than zero read close,
        # too: 0.0008 beside 0.004 is '0.0008', not '0.001', a quarter off (fuzzing).
        small = [v for v in scaled if v > 0 and round_half_up(v, self.decimals) == 0]

        def far(v: float) -> bool:
            return abs(float(round_half_up(v, decimals)) - v) > CLOSE * v

        while self.decimals < decimals < MAX_DECIMALS and any(far(v) for v in small):
            decimals += 1
        return decimals

    # -- numbers read together ---------------------------------------------------------
    def shared(self, values: Sequence[float | None], *, ticks: bool = False) -> tuple[Unit, int]:
        """The unit and decimals ``values`` are written with when read together.

        Compact numbers take the unit of the largest (unless ``units: each``). Ticks get as
        few decimals as their step needs (``0, 0.5M, 1.0M``; ``0, 10M, 20M``). Labels keep
        the format's decimals, with more (up to six) where they would write a value other
        than zero as zero (``0.04M`` beside ``2.50M``, not ``0.0M``; ``0.004``, not ``0.0``).
        """
        present = [abs(float(v)) for v in values if not _missing(v)]  # type: ignore[arg-type]
        unit = _ONE
        if self.style == "compact" and self.units == "shared":
            unit = compact_unit(max(present, default=0.0), self.decimals)
            if not ticks and unit[0] == 1e3 and max(present) < 1e4 and self._lossy(present, unit):
                # Thousands under ten thousand, where the unit would write small counts
                # far off: 62, 88 and 143 engagements beside 2,100 all read '0.1K' (found
                # in review). Written whole instead: '62', '2,100'.
                unit = _ONE
        scaled = [v / unit[0] for v in present]
        if self.style == "compact" and self.units == "each":
            # Each in its own unit: 16,500 is 16.5 thousands, which takes a decimal.
            scaled = [v / compact_unit(v, self.decimals)[0] for v in present]
        if ticks:
            exact = _exact_decimals(scaled)
            return unit, self.decimals if exact is None else exact
        decimals = self.decimals
        shared = self.style == "compact" and self.units == "shared"
        if shared and unit == _ONE and all(v == round(v) for v in scaled):
            # Counts too small for a unit (3 and 2 plants): written whole, not '3.0' and
            # '2.0', a precision no value has. With a unit the decimals stay ('12.0M'
            # beside '10.6M', and '12.0M' alone where the format says compact:1).
            return unit, 0
        # In a unit or not: 0.004 beside 0.0015 read '0.0' and '0.0' (found by fuzzing).
        # With units of their own, each value takes its own (see writer).
        if self.units == "shared":
            decimals = self._close(scaled)
        return unit, decimals

    def format_values(
        self, values: Sequence[float | None], *, ticks: bool = False, words: bool = False
    ) -> list[str]:
        """Write ``values`` as numbers read together (see :meth:`shared`): one axis's
        ticks, one chart's value labels, one table column. Zero is ``0`` (``$0``, ``0%``) on an
        axis and beside a compact unit; ``None`` or NaN is an en dash."""
        write = self.writer(values, ticks=ticks, words=words)
        return [write(v) for v in values]

    def writer(
        self, values: Sequence[float | None], *, ticks: bool = False, words: bool = False
    ) -> Callable[[float | int | None], str]:
        """A function writing any of ``values`` (or a number read with them, such as a
        reference line's value) as :meth:`format_values` writes them."""
        place = self._placer(values, ticks=ticks)

        def write(value: float | int | None) -> str:
            if _missing(value):
                return "–"
            assert value is not None
            own, places = place(float(value))
            if value == 0 and ticks:  # '0' or '$0' on an axis
                return self._write(0.0, _ONE, 0, words=words, trim=False)
            return self.write_in(value, own, places, words=words)

        return write

    def write_in(
        self, value: float | int | None, unit: Unit, decimals: int, *, words: bool = False
    ) -> str:
        """``value`` written in ``unit`` to ``decimals`` places, as :meth:`writer` writes a
        label it has placed there; zero is ``0`` beside a compact unit (``$0``, never
        ``0.0M``), ``None`` or NaN an en dash. For a caller that chooses the unit and
        decimals itself (an arrow plot's row whose two ends need more than the chart's)."""
        if _missing(value):
            return "–"
        assert value is not None
        if value == 0 and unit != _ONE:
            return self._write(0.0, _ONE, 0, words=words, trim=False)
        return self._write(float(value), unit, decimals, words=words, trim=False)

    def read_in(self, value: float, unit: Unit, decimals: int) -> Decimal:
        """``value`` as a reader reads it off :meth:`write_in`'s label: rounded in ``unit``
        to ``decimals`` places, halves away from zero."""
        scale = unit[0]
        rounded = round_half_up(abs(value), decimals, scale) * Decimal(repr(float(scale)))
        return -rounded if value < 0 else rounded

    def reader(self, values: Sequence[float | None]) -> Callable[[float], Decimal]:
        """A function giving any of ``values`` as a reader reads it once :meth:`writer`
        has written it with them: the number rounded in its unit and to its decimals,
        halves away from zero ('−2.3' for −2.25 written '−2.3%'; 30,200,000 for 30,160,966
        written '30.2M'). A sum or a difference of what labels say is one of these."""
        place = self._placer(values)

        def read(value: float) -> Decimal:
            return self.read_in(value, *place(value))

        return read

    def place_of(self, values: Sequence[float | None], value: float) -> tuple[Unit, int]:
        """The unit and decimals :meth:`writer` writes ``value`` in, read with ``values``."""
        return self._placer(values)(float(value))

    def _placer(
        self, values: Sequence[float | None], *, ticks: bool = False
    ) -> Callable[[float], tuple[Unit, int]]:
        """The unit and decimals :meth:`writer` writes each of ``values`` in (see
        :meth:`shared`; with ``units: each``, each its own)."""
        unit, decimals = self.shared(values, ticks=ticks)

        def place(value: float) -> tuple[Unit, int]:
            own, places = unit, decimals
            if self.units == "each":
                if self.style == "compact":
                    own = compact_unit(abs(value), decimals)
                while (not ticks and places < MAX_DECIMALS and value != 0
                       and round_half_up(abs(value), places, own[0]) == 0):  # fmt: skip
                    places += 1  # 0.004 beside 30 on a log axis: '0.004' and '30'
            return own, places

        return place

    # -- writing -------------------------------------------------------------------------
    def _write(self, value: float, unit: Unit, decimals: int, *, words: bool, trim: bool) -> str:
        scale, symbol = unit
        rounded = round_half_up(abs(value), decimals, scale)
        number = f"{rounded:,.{decimals}f}"
        if rounded.is_infinite():  # as Babel writes it in the number filter: no unit
            number, symbol = "∞", ""
        if trim and "." in number:
            number = number.rstrip("0").rstrip(".")
        marks = _MARKS.get()
        if marks != (".", ",") and not words:  # alt text's words stay English
            number = number.translate({ord("."): marks[0], ord(","): marks[1]})
        # A number that writes as zero takes no sign: not '−0%', nor '+0%' (sign: always).
        sign = ""
        if rounded != 0:
            sign = MINUS if value < 0 else "+" if value > 0 and self.sign == "always" else ""
        shown_unit = (f" {_UNIT_WORDS[symbol]}" if words else symbol) if symbol else ""
        percent = ""
        if self.style == "percent":
            percent = " percent" if words else "%"
        return f"{sign}{self.prefix}{number}{shown_unit}{percent}{self.suffix}"


def _missing(value: float | int | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


# Made as validating would make it (a test holds the two equal), without making the
# validator: importing the kinds in the drawing process, which never validates, made it
# there too (~15 ms; see deckgen.outline.schema.build_models).
DEFAULT_FORMAT = NumberFormat.model_construct(style="compact", decimals=1)


#: Excel's thousands scaling: each trailing comma after the digits divides by 1,000.
_EXCEL_SCALE = {"T": ",,,,", "B": ",,,", "M": ",,", "K": ","}


def _excel_literal(text: str) -> str:
    """``text`` as literal characters of an Excel format code."""
    if not text:
        return ""
    if '"' in text:
        return "".join(f"\\{c}" for c in text)
    return f'"{text}"'


def excel_format(
    fmt: NumberFormat, values: Sequence[float | None], *, ticks: bool = False,
    places: int | None = None,
) -> str:  # fmt: skip
    """The Excel number-format code that writes ``values`` as
    :meth:`NumberFormat.format_values` writes them, for native charts.

    Excel applies one code to a whole series, so the unit and decimals are those the values
    share (with ``units: each`` too: a code has one unit). ``percent`` values are already
    in percent, so the sign is a literal, not Excel's x100 ``%``. Negative numbers take the
    true minus sign (a literal in the negative section), and with ``sign: always`` positive
    ones a plus; zero is written ``0`` on an axis and beside a compact unit, as on the
    pictures. (Excel picks a section by the value, not as rounded: a value that rounds to
    zero there keeps its sign.) ``places``, where given, are the decimals instead of those
    the values share (a stacked column's total written to its parts' decimals).
    """
    (_, unit), shared = fmt.model_copy(update={"units": "shared"}).shared(values, ticks=ticks)
    places = shared if places is None else places
    digits = "#,##0" + ("." + "0" * places if places else "")
    scale = _EXCEL_SCALE.get(unit, "")
    tail = ("%" if fmt.style == "percent" else "") + fmt.suffix
    body = f"{_excel_literal(fmt.prefix)}{digits}{scale}{_excel_literal(unit + tail)}"
    zero = f"{_excel_literal(fmt.prefix)}0{_excel_literal(tail)}" if ticks or unit else body
    plus = '"+"' if fmt.sign == "always" else ""
    return f'{plus}{body};"{MINUS}"{body};{zero}'
