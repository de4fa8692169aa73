"""Number filters for templates, written with Babel so separators follow the deck's locale.

==================  ================================  ====================
filter              example                           en_US result
==================  ================================  ====================
``number(d=0)``     ``5234496 | number``              ``5,234,496``
``percent(d=0)``    ``67 | percent`` (in percent)     ``67%``
``compact(d=1)``    ``30160966 | compact``            ``30.2M``
``compact(long)``   ``1377832 | compact(1, long=true)``  ``1.4 million``
``currency``        ``143.2 | billions | currency``   ``$143.2B``
``currency(long)``  ``32.8 | billions | currency(long=true)``  ``$32.8 billion``
``signed(d=0)``     ``change(107.6, 143.2) | signed`` ``+33%``
``ordinal``         ``2 | ordinal``                   ``2nd``
``ratio``           ``10 | ratio`` (in percent)       ``1 in 10``
``words``           ``5 | words``                     ``five`` (0-9 in English)
``format(f)``       ``30160966 | format("compact:1")``  ``30.2M`` (chart shorthand)
``thousands`` …     ``143.2 | billions``              ``143200000000.0``
``date(form)``      ``jobs.max('month') | date``      ``March 2010``
==================  ================================  ====================

Percentages are in percent (``67`` means 67%), as in the data files and the chart formats.
A missing value (a ``-`` cell) is an error naming the template, never a silent blank.
Negative numbers take the true minus sign (U+2212), as in charts and tables. Where the
locale writes compact numbers as the chart formats do (``K``, ``M``, ``B``, ``T`` with a
decimal point: en_US and most English locales), ``compact`` *is* the chart format
``compact:N`` (:mod:`deckgen.outline.formats`), so a title and its chart agree.
"""

from __future__ import annotations

import datetime as dt
import decimal
import functools
import math
import numbers
import re
from typing import TYPE_CHECKING, Any, Literal

from babel import Locale, UnknownLocaleError
from babel import numbers as babel
from pydantic import ValidationError

from deckgen.binding.tables import Shown, active_log
from deckgen.errors import BindingError, brief, counted, did_you_mean, joined
from deckgen.outline.formats import MINUS, NumberFormat, marks_of, numerals, round_half_up
from deckgen.tables import dates
from deckgen.tables.select import is_code

if TYPE_CHECKING:
    from collections.abc import Callable

#: Style guides spell out whole numbers under ten ("five countries"); from 10, digits.
_EN_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_ORDINAL_SUFFIX_EN = {"one": "st", "two": "nd", "few": "rd", "other": "th"}


def parse_locale(name: str) -> Locale:
    """A Babel locale from ``en_US`` or ``en-US``; ``ValueError`` naming the bad value."""
    try:
        return Locale.parse(name.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        raise ValueError(
            f"unknown locale {name!r}; use a language and region such as 'en_US', 'en_GB', "
            "'de_DE' or 'fr_FR'"
        ) from None


#: A month's forms, by Babel's date lengths: the skeleton of each, without a day.
_LENGTHS = {"short": "yMM", "medium": "yMMM", "long": "yMMMM", "full": "yMMMM"}
#: The most decimals a number filter writes, as in the chart formats (``compact:6``).
MAX_DECIMALS = 6
#: The longest text a number filter reads as a number.
_MAX_NUMBER_TEXT = 100
#: Number formats as a template writes them.
_FORMAT_HINT = (
    "write one such as {{ value | format('percent:0') }} (38%), 'compact:1' "
    "(1.2M) or '+$compact:1' (+$1.2M)"
)
#: What to do about text given to a number filter (its fixes were 'fix the template').
_TEXT_HINT = (
    "it is text, not a number: check the cell (a column of numbers is declared "
    "'type: number' in data:), or write the text without the filter"
)


def _decimals_hint(what: str) -> str:
    """What to write where the filter ``what`` was given decimals it does not take."""
    return f"give it a whole number from 0 to {MAX_DECIMALS}: {{{{ value | {what}(1) }}}}"


def _places(decimals: Any, what: str) -> int:
    """``decimals`` checked before a pattern of that many zeros is built."""
    if isinstance(decimals, bool) or not isinstance(decimals, int):
        raise BindingError(f"{what} expects a whole number of decimals, found {decimals!r}",
                           _decimals_hint(what))  # fmt: skip
    if not 0 <= decimals <= MAX_DECIMALS:
        raise BindingError(f"{what} writes 0 to {MAX_DECIMALS} decimals, found {decimals}",
                           _decimals_hint(what))  # fmt: skip
    return decimals


def _showing(n: float, decimals: int) -> int:
    """``decimals``, or more where they would write ``n``, not zero, as zero, as a chart's
    labels are written ('0.04%' beside '12.5%'). ``percent(1)`` wrote 0.04 as '0.0%', and
    a stat's share grid drew no dot for it, as it drew all 100 for '100.0%' (found by
    review). The decimals so added go on, as the chart's do, until the value reads within
    a fifth of itself (:data:`deckgen.outline.formats.CLOSE`): 0.05 read '0.1%', twice
    itself, in a title over a chart labelling it '0.05%' (fuzzing round 6, F01). A value no
    decimals up to :data:`MAX_DECIMALS` write as more than zero keeps those given."""
    return NumberFormat(decimals=decimals).own_place(n)[1]  # plain: in no unit


#: How far (a share of itself) the share a ``ratio`` states may be from the value: '1 in 3'
#: (33.3%) states 35% but not 30%, which is '3 in 10'.
RATIO_CLOSE = 0.05
#: The wholes a ratio of more than one part is written in ('3 in 4', '2 in 3', '7 in 10'):
#: those a reader divides at sight.
_RATIO_WHOLES = (2, 3, 4, 5, 10)


class NoRatio(BindingError):
    """A share no ratio of small numbers states closely ('45% | ratio')."""

    hint: str | None = None


def _ratio(n: float) -> tuple[int, int]:
    """The ratio nearest ``n`` percent, as ``(part, whole)``: one in so many, a few in
    :data:`_RATIO_WHOLES`, or 1 in 1 for 100 exactly; the fewer parts where two are as
    near. '1 in {100 / n}' wrote 75% as '1 in 1', everyone, and 60% as '1 in 2' (fuzzing
    round 6, F04): the caller refuses one further than :data:`RATIO_CLOSE` from ``n``."""
    if n == 100:
        return 1, 1
    found = [(1, max(int(round_half_up(100 / n, 0)), 2))]
    for whole in _RATIO_WHOLES:
        found.append((min(max(int(round_half_up(n * whole / 100, 0)), 1), whole - 1), whole))
    return min(found, key=lambda r: (abs(100 * r[0] / r[1] - n), r[1]))


class NoSwitch(BindingError):
    """A filter's on/off argument given something other than true or false."""

    hint: str | None = None


def _switch(value: Any, name: str, what: str) -> bool:
    """``value`` of the argument ``name`` of the filter ``what``, one that switches a form
    on or off: only true or false. Python's truth took any text as true, 'no' and 'false'
    as well (found by fuzzing); a number is refused too, as the outline refuses it."""
    if isinstance(value, bool):
        return value
    error = NoSwitch(f"{what} expects true or false for {name}, found {brief(value)}")
    error.hint = f"write {what}({name}=true) or {what}({name}=false), with no quotes"
    raise error


def _currency_code(code: Any) -> str:
    """``code`` as an ISO 4217 currency code: Babel prints any text it is given in front
    of the number ('not a code30.2M', or nothing for ''; found by fuzzing)."""
    known = babel.list_currencies()
    text = str(code).strip().upper()
    if text not in known:
        # A sign or a name: '$' and 'pounds' had no fix, 'dollars' the nearest code, ARS
        # (found in review).
        meant = _CURRENCY_WORDS.get(str(code).strip().casefold().rstrip("s"))
        near = f"did you mean {meant!r}?" if meant else did_you_mean(text, sorted(known))
        raise BindingError(
            f"currency expects an ISO 4217 code such as 'USD', 'EUR' or 'JPY', found {code!r}",
            near
            or "write the currency's code: currency('USD') for $, 'EUR' for €, 'GBP' "
            "for £, 'JPY' for ¥",
        )
    return text


#: The currencies people write by sign or name, and their codes (a name's plural s off).
_CURRENCY_WORDS = {
    "$": "USD", "us$": "USD", "dollar": "USD", "us dollar": "USD", "€": "EUR", "euro": "EUR",
    "£": "GBP", "pound": "GBP", "pound sterling": "GBP", "sterling": "GBP", "¥": "JPY",
    "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "rupee": "INR", "₹": "INR",
    "swiss franc": "CHF", "won": "KRW", "₩": "KRW", "rand": "ZAR",
    "canadian dollar": "CAD", "australian dollar": "AUD",
}  # fmt: skip


class NoValue(BindingError):
    """A filter given an empty cell. Its ``hint`` (the fixes a user has) is read where the
    problem is reported (``binding.bind._problem``), as a limit's is."""

    hint = (
        "fill in the cell, or leave its row out (a filter; in a batch, --where), or write a "
        "stand-in where it may be empty: {{ value | default('n/a', true) }}"
    )


def no_value(what: str) -> NoValue:
    return NoValue(
        f"{what} got no value (the cell is empty, or holds a mark of none such "
        "as '-', 'n/a' or 'NaN')"
    )


def _not_a_number_hint(value: Any) -> str:
    """What to do about ``value``, given to a number filter and no number: a date is
    written with ``date``, and a number a filter wrote already ('30.2M') is formatted once
    (the fix said to check a cell there was none of; found in review)."""
    if isinstance(value, dt.date):
        return "it is a date: write it with {{ value | date }}, or {{ value | date('yyyy') }}"
    if isinstance(value, str) and any(c.isdigit() for c in value):
        return ("it is a number already written as text (by a filter, or in the data): "
                "write the number with one filter, where it is printed; or declare its "
                "column 'type: number' in data:")  # fmt: skip
    return _TEXT_HINT


#: How to take one number from a list of them.
_ONE_OF_LIST = (
    "take one number from it: a row's cell (t['China'].production_2023), a "
    "total (t.sum('production_2023')), t.max(...), t.min(...) or t.mean(...)"
)


def _number(value: Any, what: str) -> float:
    if isinstance(value, str) and len(value) > _MAX_NUMBER_TEXT:
        raise BindingError(f"{what} expects a number, found a text of {len(value):,} characters",
                           _TEXT_HINT)  # fmt: skip
    if value is None:
        raise no_value(what)
    if isinstance(value, list | tuple):
        # A whole column (t.column('x')): every value was printed, and the fix was 'fix
        # the template' (found in review).
        raise BindingError(f"{what} expects a number, found a list of "
                           f"{counted(len(value), 'value')}", _ONE_OF_LIST)  # fmt: skip
    if isinstance(value, str) and is_code(value):
        # '00501 | compact' wrote 501, a 19-digit ID '| number' digits it never had
        # (found by fuzzing): a code is shown as written.
        raise BindingError(f"{what} expects a number, found {value!r}, a code or an ID "
                           "(shown as written: leave the filter out; declare its column "
                           "'type: number' if it holds quantities)")  # fmt: skip
    if isinstance(value, bool) or not isinstance(value, int | float):
        from deckgen.tables.select import to_number

        try:
            # A cell of a column read as text, written as a chart reads it ('14.0%',
            # '$1,234', '(1,234)'): the map drew '14.0%' and a title's '| percent' of it
            # was refused, the two at odds (found by a new user).
            read = None if isinstance(value, bool) else to_number(str(value))
        except ValueError:
            read = None
        if read is None:
            raise BindingError(f"{what} expects a number, found {value!r}",
                               _not_a_number_hint(value)) from None  # fmt: skip
        number = read
    else:
        number = float(value)
    if math.isnan(number):
        raise BindingError(f"{what} got no value (NaN)")
    if math.isinf(number):  # printed as '∞' (found by fuzzing)
        raise BindingError(f"{what} expects a finite number, found {value!r}: a value past "
                           "the largest number, usually from dividing by zero")  # fmt: skip
    return _tidy(number)


def _tidy(number: float) -> float:
    """``number`` to 15 significant digits, a whole number as it is. What binary arithmetic
    leaves past them is no digit of the number (8.45 x 1e9 is 8449999999.999999, 1.45 / 100
    is 0.014499999999999999), and Babel reads a float as its text: 8.45 billion printed
    '$8.4B' in a title over its chart's '$8.5B' (found by fuzzing)."""
    return number if number.is_integer() else float(f"{number:.15g}")


_NUMBER_PART = re.compile(r"[#,0]+(\.[0#]+)?")
#: The short compact patterns of the chart formats' units, as a locale may spell them:
#: en_GB writes 18.2k, 1.5m and 2bn, the same units as the charts' 18.2K, 1.5M and 2B.
_CHART_UNITS = {"1000": ("0K",), "1000000": ("0M",), "1000000000": ("0B", "0BN"),
                "1000000000000": ("0T", "0TN")}  # fmt: skip


def _true_minus(text: str) -> str:
    """Babel writes the locale's minus, a hyphen in most; numbers here take U+2212."""
    return text.replace("-", MINUS)


def writes_chart_units(locale: Locale) -> bool:
    """Whether ``locale`` writes compact numbers with the chart formats' units and a decimal
    point, however it spells them (en_US and en_GB: yes; en_IN's lakh and crore, de_DE's
    'Mio.': no). Then a title's ``compact`` writes them as its chart does: en_GB's '18.2k'
    stood over its chart's '18.2K' (found by fuzzing)."""
    symbols = locale.number_symbols["latn"]
    if (symbols["decimal"], symbols["group"]) != (".", ","):
        return False
    short = locale.compact_decimal_formats["short"]["other"]
    return all(
        str(short[k].pattern).upper() in patterns if k in short else False
        for k, patterns in _CHART_UNITS.items()
    )


def _grouped_past_units(text: str, formats: Any, group: str) -> str:
    """Babel's compact number ``text`` with its whole part grouped by thousands (``group``,
    the locale's mark, as the number filter writes it) where it has more digits than the
    locale's largest unit's pattern among ``formats`` (a Babel compact format table) gives
    it: past trillions Babel wrote '$1500T', '€12345.7T' and '$1500 trillion' beside
    compact's '1,500T' (fuzzing round 6, F03). A number in a unit keeps the digits its
    pattern writes (Japanese '1234万')."""
    patterns = formats["other"]
    width = str(patterns[max(patterns, key=int)].pattern).count("0")
    whole = re.search(r"\d+", text)
    if whole is None or len(whole[0]) <= width:
        return text
    grouped = f"{int(whole[0]):,}".replace(",", group)
    return text[: whole.start()] + grouped + text[whole.end() :]


def _locale_pattern(pattern: str, decimals: int) -> str:
    """The locale's own pattern (grouping, spacing, sign place) with exactly ``decimals``
    fraction digits: en_IN groups ``12,34,567``, fr_FR writes ``45\u00a0%``."""
    positive = pattern.split(";")[0]
    return _NUMBER_PART.sub(
        lambda m: m.group(0).split(".")[0] + ("." + "0" * decimals if decimals > 0 else ""),
        positive,
        count=1,
    )


def make_filters(locale: Locale, points: str | None = None) -> dict[str, Callable[..., Any]]:
    """The filter table for one locale; ``points``: the word for percentage points
    (``deck.words.points``; by default the locale's language's, as its charts write it)."""
    from deckgen.outline.words import words_for

    chart_units = writes_chart_units(locale)
    point_word = points or words_for(str(locale)).chart.points
    marks = marks_of(str(locale))  # the chart format's, in this locale (format, compact)

    def number(value: Any, decimals: int = 0) -> str:
        n = _number(value, "number")
        decimals = _showing(n, _places(decimals, "number"))
        # The one formatter tables and charts write with, in the locale's marks: Babel's
        # own pattern grouped en_IN's '12,34,567' in a title over a table's '1,234,567',
        # and wrote de_CH's millions with no separator at all (found by fuzzing).
        with numerals(marks):
            return NumberFormat(decimals=decimals).format(n)

    def percent(value: Any, decimals: int = 0) -> str:
        n = _number(value, "percent")
        decimals = _showing(n, _places(decimals, "percent"))
        pattern = _locale_pattern(locale.percent_formats[None].pattern, decimals)
        return _true_minus(babel.format_percent(_tidy(n / 100), format=pattern, locale=locale))

    def in_chart_units(n: float, decimals: int, long: bool = False) -> str:
        """``n`` as the chart format compact:N writes it (one formatter for both)."""
        with numerals(marks):
            return NumberFormat(style="compact", decimals=int(decimals)).format(n, words=long)

    def compact(value: Any, decimals: int = 1, long: bool = False) -> str:
        n = _number(value, "compact")
        decimals = _places(decimals, "compact")
        long = _switch(long, "long", "compact")
        if chart_units:
            return in_chart_units(n, decimals, long)
        if abs(n) < 1000:
            return number(n, decimals if not float(n).is_integer() else 0)
        form: Literal["short", "long"] = "long" if long else "short"
        text = babel.format_compact_decimal(
            n, format_type=form, locale=locale, fraction_digits=decimals
        )
        text = _grouped_past_units(text, locale.compact_decimal_formats[form], marks[1])
        # Some locales have no short unit for thousands (de_DE): Babel then prints the bare
        # digits ("250000"); the grouped number reads better.
        return _true_minus(text) if any(ch.isalpha() for ch in text) else number(n, 0)

    def currency(
        value: Any, code: str = "USD", decimals: int = 1, compact: bool = True, long: bool = False
    ) -> str:
        n = _number(value, "currency")
        decimals = _places(decimals, "currency")
        compact = _switch(compact, "compact", "currency")
        long = _switch(long, "long", "currency")
        code = _currency_code(code)
        if compact and long and abs(n) >= 1000:
            return _true_minus(_long_currency(n, code, decimals, locale, marks[1]))
        if compact and abs(n) >= 1000:
            text = babel.format_compact_currency(n, code, locale=locale, fraction_digits=decimals)
            text = _grouped_past_units(text, locale.compact_currency_formats["short"], marks[1])
            # As compact: a locale with no short unit for thousands (de_DE) printed the bare
            # digits with a decimal, '184250,5 €' (found in review); whole and grouped then.
            symbol = babel.get_currency_symbol(code, locale=locale)
            if any(ch.isalpha() for ch in text.replace(symbol, "").replace(code, "")):
                if chart_units:
                    # Its number in the charts' units, as compact writes it: en_GB's
                    # '£1.5m' stood over its chart's '£1.5M' (found by a new user).
                    plain = babel.format_compact_decimal(
                        abs(n), locale=locale, fraction_digits=decimals)  # fmt: skip
                    plain = _grouped_past_units(
                        plain, locale.compact_decimal_formats["short"], marks[1])  # fmt: skip
                    text = text.replace(plain, in_chart_units(abs(n), decimals), 1)
                return _true_minus(text)
            decimals = 0
        elif compact and float(n).is_integer():
            # Under a thousand, whole, as `compact` writes it (and as '$1M' has no '.0'):
            # '€100.0' read as a price nobody writes (found in review).
            decimals = 0
        # A cent never reads as nothing: 0.04 | currency wrote '$0.0' (fuzzing round 6).
        decimals = _showing(n, decimals)
        pattern = _locale_pattern(locale.currency_formats["standard"].pattern, decimals)
        return _true_minus(
            babel.format_currency(n, code, format=pattern, locale=locale, currency_digits=False)
        )

    def signed(value: Any, decimals: int = 0, percent_sign: bool = True,
               points: bool = False) -> str:  # fmt: skip
        # ``points``: a change in percentage points, written as the charts write one
        # ('+0.1 pts', '+0,1 Pp.'); the percent sign made a rate up 0.1 points read as up
        # 0.1 percent (found by review).
        n = _number(value, "signed")
        decimals = _showing(n, _places(decimals, "signed"))
        percent_sign = _switch(percent_sign, "percent_sign", "signed")
        points = _switch(points, "points", "signed")
        if points:
            text = f"{number(abs(n), decimals)}\u00a0{point_word}"
        else:
            text = percent(abs(n), decimals) if percent_sign else number(abs(n), decimals)
        if round_half_up(n, decimals) == 0:
            return text
        return ("+" if n > 0 else MINUS) + text

    def ordinal(value: Any) -> str:
        n = _number(value, "ordinal")
        if not n.is_integer() or n < 0:  # '-3rd' (found by fuzzing)
            raise BindingError(f"ordinal expects a whole number, 0 or more, found {value!r}")
        whole = int(n)
        if locale.language == "en":
            return f"{whole}{_ORDINAL_SUFFIX_EN[locale.ordinal_form(whole)]}"
        # Most European languages write an ordinal as the number and a full stop or º.
        return f"{whole}{'º' if locale.language in ('es', 'pt', 'it') else '.'}"

    def ratio(value: Any) -> str:
        n = _number(value, "ratio")
        if n <= 0 or n > 100:
            raise BindingError(f"ratio expects a percentage above 0 and up to 100, found {n:g}")
        if math.isinf(100 / n):  # one in a number past the largest (fuzzing)
            raise BindingError(f"ratio cannot write {n:g}%: one in more than any number")
        part, whole = _ratio(n)
        if abs(100 * part / whole - n) > RATIO_CLOSE * n:
            shown = f"{part} in {number(whole)}"
            error = NoRatio(f"ratio cannot write {n:g}% as a ratio of small numbers: the "
                            f"nearest, {shown}, is {100 * part / whole:.1f}%, more than a "
                            "twentieth off")  # fmt: skip
            error.hint = "write it as a percentage: {{ value | percent }}"
            raise error
        return f"{part} in {number(whole)}"

    def words(value: Any) -> str:
        n = _number(value, "words")
        rounded = round_half_up(n, 1)
        if rounded != 0 and rounded == rounded.to_integral_value():
            # A value its one decimal writes whole is that whole number: 9.99 read 'The
            # 10.0 largest producers' (fuzzing round 6, F11), and 2.999 '3.0', not 'three'.
            n = float(rounded)
        if locale.language == "en" and n.is_integer() and 0 <= n < len(_EN_WORDS):
            return _EN_WORDS[int(n)]
        return number(n, 0 if n.is_integer() else 1)

    def fmt(value: Any, shorthand: str) -> str:
        if not isinstance(shorthand, str):
            # '%d' | format(1), Python's way: a TypeError from deep inside (found by fuzzing).
            raise BindingError(
                f"format() takes a number format written as text, such as 'compact:1', "
                f"'percent:0' or 'plain:2', found {shorthand!r}: write "
                "{{ value | format('compact:1') }}"
            )
        try:
            spec = NumberFormat.model_validate(shorthand)
        except ValidationError as exc:
            raise _format_problem(shorthand, exc) from None
        with numerals(marks):  # as the deck's charts write it
            return spec.format(_number(value, "format"))  # no value: an error, as everywhere

    def date(value: Any, form: str | None = None) -> str:
        """A date in words: by its period by default ("March 2010", "Q1 2010", "2010",
        "March 31, 2010"); ``form`` is a period ("day", "month", "quarter", "year"), a
        Babel length ("short", "medium", "long", "full") or a Babel pattern ("yyyy-MM")."""
        when = _date(value)
        if form is None:
            return dates.label(when, locale)
        if form in dates.PRECISIONS:
            return dates.label(when, locale, precision=form)
        period = dates.precision_of(when)
        if period != "day" and form in _LENGTHS:
            # A month's long form is 'March 2024', not 'March 1, 2024': a day the data
            # never had (found by fuzzing). A quarter or a year reads as its period.
            if period != "month":
                return dates.label(when, locale)
            from babel.dates import format_skeleton

            return str(format_skeleton(_LENGTHS[form], when, locale=locale))
        from babel.dates import format_date

        try:
            return str(format_date(when, form, locale=locale))
        except (ValueError, KeyError, TypeError, AttributeError):
            raise BindingError(
                f"date: {form!r} is not a date form; use 'month', 'quarter', 'year', 'day', "
                "'short', 'long' or a Babel pattern such as 'MMM yyyy'"
            ) from None

    def scaled(factor: float, name: str) -> Callable[[Any], float]:
        def scale(value: Any) -> float:
            return _tidy(_number(value, name) * factor)

        return scale

    table: dict[str, Callable[..., Any]] = {
        "number": number,
        "percent": percent,
        "compact": compact,
        "currency": currency,
        "signed": signed,
        "ordinal": ordinal,
        "ratio": ratio,
        "words": words,
        "format": fmt,
        "thousands": scaled(1e3, "thousands"),
        "millions": scaled(1e6, "millions"),
        "billions": scaled(1e9, "billions"),
        "date": date,
        # Jinja's own abs said "bad operand type for abs(): 'str'" of a code or a name
        # (found by fuzzing): read as every filter reads a number.
        "abs": lambda value: abs(_number(value, "abs")),
    }
    signs = ("number", "percent", "compact", "currency", "format")
    return {
        name: _logged(name, _half_up(_unsigned_zero(f) if name in signs else f))
        if name in _DECIMALS
        else _half_up(f)
        for name, f in table.items()
    }


#: The filters that write a number with some decimals: where their decimals are among the
#: arguments after the value, and how many they write unless told (``format`` says them
#: in its shorthand).
_DECIMALS = {"number": (0, 0), "percent": (0, 0), "compact": (0, 1), "currency": (1, 1),
             "signed": (0, 0), "format": (0, 0)}  # fmt: skip


def _logged(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """The number filter ``function`` noting in the active :class:`ReadLog` what it wrote
    for which value, so a check can tell two values written alike ('from $1.5B to $1.5B')
    or a change written as none ('+0%')."""

    @functools.wraps(function)
    def wrapper(value: Any, *args: Any, **kwargs: Any) -> Any:
        text = function(value, *args, **kwargs)
        log = active_log()
        if log is not None and isinstance(text, str):
            n = _number(value, name)
            log.shown.append(Shown(text, n, name, args, tuple(sorted(kwargs.items())),
                                   change=n in log.changes))  # fmt: skip
        return text

    return wrapper


def decimals_of(shown: Shown) -> int | None:
    """How many decimals the filter that wrote ``shown`` was asked for (None: not one
    that writes decimals)."""
    if shown.filter not in _DECIMALS:
        return None
    if shown.filter == "format":
        return format_of(shown).decimals
    at, default = _DECIMALS[shown.filter]
    given = dict(shown.kwargs).get("decimals", shown.args[at] if len(shown.args) > at else default)
    return given if isinstance(given, int) and not isinstance(given, bool) else None


def format_of(shown: Shown) -> NumberFormat:
    """The number format a ``format`` filter wrote ``shown`` in (a ``ValueError`` if it
    names none)."""
    written = shown.args[0] if shown.args else dict(shown.kwargs).get("shorthand", "")
    return NumberFormat.model_validate(str(written))


def with_decimals(shown: Shown, decimals: int) -> tuple[tuple[Any, ...], dict[str, Any]]:
    """The arguments after the value that write ``shown`` with ``decimals`` places."""
    if shown.filter == "format":
        spec = format_of(shown)
        return (str(spec.model_copy(update={"decimals": decimals})),), {}
    at, _ = _DECIMALS[shown.filter]
    args, kwargs = list(shown.args), dict(shown.kwargs)
    if "decimals" in kwargs or len(args) <= at:
        kwargs["decimals"] = decimals
    else:
        args[at] = decimals
    return tuple(args), kwargs


def written(shown: Shown, decimals: int, locale: str) -> tuple[str, str]:
    """``shown``'s value written with ``decimals`` places in ``locale``, and the filter
    call that writes it so (``currency(decimals=2)``)."""
    args, kwargs = with_decimals(shown, decimals)
    text = make_filters(parse_locale(locale))[shown.filter](shown.value, *args, **kwargs)
    said = [_literal(a) for a in args] + [f"{k}={_literal(v)}" for k, v in kwargs.items()]
    return str(text), f"{shown.filter}({', '.join(said)})"


def _literal(value: Any) -> str:
    """``value`` as a template writes it (text in double quotes, as inside an outline's
    single-quoted YAML and a message's quotes)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return '"' + value.replace('"', '\\"') + '"' if isinstance(value, str) else repr(value)


def _unsigned_zero(function: Callable[..., Any]) -> Callable[..., Any]:
    """The number filter ``function`` writing a number that shows as zero without a sign:
    ``-0.0 | percent`` wrote '−0%', and a small loss rounded to nothing '−0.0' (found
    by fuzzing); a chart writes 0."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        text = function(*args, **kwargs)
        if isinstance(text, str) and (MINUS in text or "-" in text) and not nonzero(text):
            return text.replace(MINUS, "").replace("-", "", 1).strip()
        return text

    return wrapper


def nonzero(text: str) -> bool:
    """Whether ``text`` holds a digit other than zero, in any script's numerals."""
    import unicodedata

    return any(unicodedata.digit(ch, 0) != 0 for ch in text if ch.isdigit())


def _date(value: Any) -> dt.date:
    """A date cell, or text naming a date or period: ISO ('2010-03-31', '2010-03',
    '2010-Q1', '2010') or an English label ('March 2010'), as a var holds the text its
    template wrote."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        raise no_value("date")
    if dates.is_date(value):
        return value
    found = dates.named(value) if isinstance(value, str) else None
    if found is None:
        raise BindingError(
            f"date expects a date, found {value!r}; declare the column 'type: date' "
            "(with a 'format:' if it is not written 2010-03-31)"
        )
    return dates.typed(*found)


#: What ``{{ ... }}`` prints: text, numbers (numpy's too), dates, and lists and mappings.
_PRINTABLE = (str, numbers.Number, dt.date, list, tuple, dict)


class NotText(BindingError):
    """``{{ ... }}`` of a value a slide cannot show as it is (true or false, a mapping, a
    list of lists): its ``hint`` says how to write what it stands for."""

    hint: str | None = None


def not_text(message: str, hint: str) -> NotText:
    error = NotText(message)
    error.hint = hint
    return error


def finalizer(locale: Locale, and_word: str | None = None) -> Callable[[Any], Any]:
    """How a value prints in ``{{ ... }}`` without a filter: a whole number without '.0'
    (a year read as a number prints '2010', not '2010.0'), no binary noise (twelve
    significant digits), a negative number with the true minus sign, a date in words
    ("March 2010"), a list of names or numbers as a sentence lists them ("China and
    USA", ``and_word`` the deck's word before the last: by default its language's). No
    value (an empty cell), an object that is no value (a method), inf or NaN, true or
    false, a mapping, an empty list and a list of lists are errors: Python's notation,
    "['China', 'USA']", 'True' and "{'a': 1}", was printed on slides and cards (found by
    fuzzing)."""
    from jinja2 import Undefined

    from deckgen.outline.words import words_for

    last = and_word or words_for(str(locale)).shown.last_name
    marks = marks_of(str(locale))

    def show(value: Any) -> Any:
        from deckgen.binding.tables import Row, Table, WrittenFloat, WrittenInt

        if isinstance(value, Table | Row):  # "<table 't': 3 rows>" in a title: a slip
            raise whole_value(value)
        if value is None:  # 'None' in a slide (found by fuzzing)
            raise no_value("{{ ... }}")
        if isinstance(value, Undefined):
            return value  # printing it raises what the sandbox or the name says
        if isinstance(value, list | tuple | dict):
            refuse_inside(value, Undefined)
            return listed(value)
        if callable(value) or not isinstance(value, _PRINTABLE):
            # '<built-in method upper ...>' or '<TemplateReference None>': a slip, and a
            # memory address in the deck (found by fuzzing).
            raise BindingError(f"{{{{ ... }}}} shows {type(value).__name__!r}, not a value: "
                               "print a cell, a number or a text")  # fmt: skip
        if isinstance(value, bool):  # 'True' on a slide (fuzzing)
            raise not_text(
                f"{{{{ ... }}}} is {str(value).lower()}, what a comparison or a test gives, "
                "not words a slide can show",
                "write the words for each case: {{ 'up' if new > old else 'down' }}, or "
                "{% if ... %}...{% else %}...{% endif %}",
            )
        if isinstance(value, numbers.Real) and not isinstance(value, int | float):
            value = int(value) if isinstance(value, numbers.Integral) else float(value)  # numpy's
        if isinstance(value, float) and not math.isfinite(value):
            raise BindingError(f"{{{{ ... }}}} is not a finite number ({value}): a value "
                               "past the largest number, or no value (NaN)")  # fmt: skip
        if not isinstance(value, int | float | dt.date):
            return value
        if isinstance(value, dt.date):
            return dates.label(value, locale) if dates.is_date(value) else value
        if isinstance(value, WrittenFloat | WrittenInt):
            # A cell as its file writes it ('43.17%', '$1,200.50'), in the deck's numerals.
            with numerals(marks):
                return value.written.format(value)
        if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
            value = int(value)
        # Twelve significant digits: 129.7 - 138.4 prints -8.7, not -8.700000000000017.
        text = format(abs(value), ".12g") if isinstance(value, float) else str(abs(value))
        if "e" in text:
            # Python's exponent ('1e-07', '1.23456789012e+14', its digits lost: fuzzing
            # round 5, F8), written as the number filter writes it, with the decimals it
            # needs; under 0.0000005 it reads 0 there too (binary noise: 0.1 + 0.2 - 0.3).
            with numerals(marks):
                return NumberFormat().format(_tidy(value))
        # A German deck's 44,17, not 44.17 beside its charts' 44,17 (found in review).
        text = text.replace(".", marks[0])
        return f"{MINUS}{text}" if value < 0 else text

    def listed(value: list[Any] | tuple[Any, ...] | dict[Any, Any]) -> str:
        """A list of names or numbers as a sentence lists them; anything else an error
        saying how to write it."""
        shown = brief(value)
        if isinstance(value, dict):
            raise not_text(f"{{{{ ... }}}} is a mapping ({shown}), not words a slide can show",
                           "print one of its values: {{ value['name'] }}")  # fmt: skip
        if not value:
            raise not_text("{{ ... }} is an empty list: there is nothing to write",
                           "check what chose its items, or write a stand-in for none: "
                           "{{ names | join(', ') | default('none', true) }}")  # fmt: skip
        inner = next((i for i in value if isinstance(i, bool | list | tuple | dict)), None)
        if inner is not None:
            what = ("true or false" if isinstance(inner, bool)
                    else "mappings" if isinstance(inner, dict) else "lists")  # fmt: skip
            raise not_text(
                f"{{{{ ... }}}} is a list of {what} ({shown}), not words a slide can show",
                "pick one item, {{ value[0] }}, or the part of each to write: "
                "{{ value | map(attribute='name') | join(', ') }}",
            )
        return joined([str(show(item)) for item in value], last)

    return show


class WholeValue(BindingError):
    """``{{ ... }}`` of a whole table or row: its hint reads a value of it."""

    hint: str | None = None


def whole_value(value: Any) -> WholeValue:
    """Printing a whole table or row, with how to print a value of it in its own names
    (the example was the sample's, 't['China'].production_2023', whatever the data;
    found by fuzzing)."""
    from deckgen.binding.tables import Row

    what = "a whole row" if isinstance(value, Row) else "a whole table"
    error = WholeValue(f"{{{{ ... }}}} shows {what} ({value!r}), not a value")
    error.hint = f"print one of its cells{'' if isinstance(value, Row) else ' or a total'}: " + (
        value.example()
    )
    return error


def refuse_inside(value: list[Any] | tuple[Any, ...] | dict[Any, Any],
                  undefined: type[Any]) -> None:  # fmt: skip
    """Raise what an undefined value inside a list or mapping stands for (an attribute the
    sandbox refuses, a name or a key that is not there), of no value, or of a whole row or
    table inside ``value``: a list prints its items' repr, and ``map(attribute='__class__')``
    printed '[Undefined]' on a slide, ``production | list`` "[<row 'China' ...>, ...]"
    (found by fuzzing). The value was measured before (at most 10,000 characters' worth)."""
    from deckgen.binding.tables import Row, Table

    stack: list[Any] = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, Table | Row):  # "[<row 'China' of 'production'>]" on a slide
            raise whole_value(item)
        if isinstance(item, undefined):
            str(item)  # a strict undefined raises its own error: the sandbox's, or the name's
            raise BindingError("{{ ... }} shows a list holding no value (undefined)")
        if item is None:  # '[None, 5]' on a slide
            raise no_value("an item of the list {{ ... }} prints")
        if isinstance(item, dict):
            stack.extend(item.values())
            stack.extend(item.keys())
        elif isinstance(item, list | tuple):
            stack.extend(reversed(item))  # the first item is the one an error names


#: Digits a float can need in full: 309 before the point (1.8e308) and a few after.
_DIGITS = 400


def _half_up(function: Callable[..., Any]) -> Callable[..., Any]:
    """Round halves up (4.25 -> 4.3), as readers expect; Babel's default is half-even.

    With room for every digit of any float: Babel quantizes in the current context, whose
    28 digits overflow at 1e28 (a template's ``1e40 | number`` raised InvalidOperation).
    """

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with decimal.localcontext(rounding=decimal.ROUND_HALF_UP, prec=_DIGITS):
            return function(*args, **kwargs)

    return wrapper


#: ``round``'s methods, as Jinja names them, each with its rounding on the decimal.
_ROUNDINGS = {"common": decimal.ROUND_HALF_UP, "ceil": decimal.ROUND_CEILING,
              "floor": decimal.ROUND_FLOOR}  # fmt: skip


def round_number(value: Any, precision: int = 0, method: str = "common") -> float | int:
    """Jinja's ``round`` on the number as written: halves away from zero (2.5 -> 3,
    4.25 -> 4.3, 0.5 -> 1), as ``number``, compute's ``round()`` and the charts round.
    Jinja's own rounds the float's binary value half to even, so a title said 2 where the
    chart beside it said 3 (found by fuzzing); its ``ceil`` and ``floor`` multiply in
    binary (1.1 | round(1, 'ceil') was 1.2). A whole number stays whole (``round`` of an
    ``int`` with places left is that int, as in Python); ``precision`` is bounded by the
    sandbox (:data:`deckgen.binding.sandbox.COUNTS`)."""
    if not isinstance(method, str) or method not in _ROUNDINGS:
        near = did_you_mean(str(method), list(_ROUNDINGS)) if isinstance(method, str) else None
        raise BindingError(
            f"round's method is 'common', 'ceil' or 'floor', found {method!r}"
            + (f"; {near}" if near else "")
        )
    if isinstance(precision, bool) or not isinstance(precision, int):
        raise BindingError(f"round expects a whole number of places, found {precision!r}")
    whole = isinstance(value, int) and not isinstance(value, bool)
    if whole and precision >= 0:
        return value
    # A whole number exactly (the sandbox lets it grow past a float's range), else the
    # float as its shortest decimal text, as Babel and the charts read it.
    exact = decimal.Decimal(value) if whole else decimal.Decimal(repr(_number(value, "round")))
    # Room for every digit of the result: the default context's 28 overflow at 1e28.
    digits = max(exact.adjusted() + 1, 1) + max(precision, 0) + 2
    context = decimal.Context(prec=digits, rounding=_ROUNDINGS[method])
    rounded = exact.quantize(decimal.Decimal(1).scaleb(-precision), context=context)
    return int(rounded) if whole else float(rounded)


def _long_currency(n: float, code: str, decimals: int, locale: Locale, group: str) -> str:
    """``$32.8 billion``: Babel has no long compact currency, so the locale's currency
    pattern is wrapped around the long compact number (``32,8 Milliarden $`` in de_DE),
    grouped past the largest unit with ``group`` ('$1,500 trillion')."""
    number = babel.format_compact_decimal(
        abs(n), format_type="long", locale=locale, fraction_digits=decimals
    )
    number = _grouped_past_units(number, locale.compact_decimal_formats["long"], group)
    pattern = locale.currency_formats["standard"]
    prefix, suffix = (pattern.prefix, pattern.suffix)
    sign = 1 if n < 0 else 0
    symbol = babel.get_currency_symbol(code, locale=locale)
    return (prefix[sign] + number + suffix[sign]).replace("¤", symbol)


def share(part: Any, whole: Any) -> float:
    """``part`` as a percentage of ``whole``."""
    denominator = _number(whole, "share")
    if denominator == 0:
        # Its fix was 'fix the template' (found in review).
        raise BindingError("share of a zero total",
                           "the total (share's second value) is 0: check the cell it reads, "
                           "or say what to write then: "
                           "{{ share(a, b) | percent if b else 'n/a' }}")  # fmt: skip
    return _number(part, "share") / denominator * 100


def change(old: Any, new: Any) -> float:
    """The change from ``old`` to ``new`` in percent (``+33`` for a third more)."""
    base = _number(old, "change")
    if base == 0:
        raise BindingError("change from zero is undefined",
                           "the old value (change's first) is 0: write the new value itself, "
                           "or say what to write then: "
                           "{{ change(a, b) | signed if a else 'new' }}")  # fmt: skip
    result = (_number(new, "change") - base) / abs(base) * 100
    log = active_log()
    if log is not None:
        log.changes.append(result)
    return result


#: deckgen's own filters (Jinja's built-ins such as sum and upper work too; ``round`` is
#: :func:`round_number`, which rounds as these do).
FILTER_NAMES = (
    "number", "percent", "compact", "currency", "signed", "ordinal", "ratio", "words", "format",
    "thousands", "millions", "billions", "date",
)  # fmt: skip

FUNCTIONS: dict[str, Callable[..., Any]] = {"share": share, "change": change}


def _format_problem(shorthand: str, exc: ValidationError) -> BindingError:
    """What is wrong with the number format a template names (``format('compact:9')``),
    as the outline's own ``format:`` fields are reported, with their fixes (the fix was
    'fix the template', the did-you-mean inside the message: found in review)."""
    from deckgen.outline.load import plain_error

    parts, hints = [], []
    for err in exc.errors():
        message, hint = plain_error(err)
        field = ".".join(str(k) for k in err["loc"])
        parts.append(f"{field}: {message}" if field else message)
        hints += [hint] if hint else []
    said = "; ".join(parts)
    said = said if shorthand in said else f"number format {shorthand!r}: {said}"
    return BindingError(said, "; ".join(hints) or _FORMAT_HINT)
