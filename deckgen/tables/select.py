"""Select and shape the rows a chart or table shows.

The result of this module is small, plain and hashable (:class:`ChartData`): exactly the
slice of data a render job depends on, so a job can be cached or sent to another process.
Dates sort as dates (``sort: {by: month}`` on a date column), a chart whose ``x`` is a date
column carries its dates (``ChartData.x_dates``) for a time axis and its alt text, and
``index:`` rebases every series to 100 at one category or date.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import functools
import itertools
import math
import os
import re
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from deckgen.errors import (
    DataError,
    Location,
    Problem,
    counted,
    did_you_mean,
    joined,
    listed,
    one_of,
    yaml_scalar,
)
from deckgen.outline.text_numbers import FOREIGN_MONTHS
from deckgen.scoped import scoped
from deckgen.tables import dates
from deckgen.tables.origin import Origin, places, unnamed_hint

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence
    from contextlib import AbstractContextManager

    import pandas as pd

    from deckgen.outline.schema import ChartSpec, RowFilter, Selection

#: At most this many cells of one column are named in a message (the rest are counted).
_SHOWN_CELLS = 5

#: Cell text that means "no value" (the seed page prints '-').
MISSING = {"", "-", "–", "—", "n/a", "N/A", "NA", "na", "nan", "NaN", "None"}


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float | None, ...]


@dataclass(frozen=True)
class ChartData:
    """Categories along the axis and one or more series of values (``None`` = missing).

    When ``x`` is a date column, ``x_dates`` holds each category's date (a
    :class:`~deckgen.tables.dates.Month` etc. for whole periods) and the categories are
    their canonical text (``2010-03``), in date order unless the chart sorts its rows.
    """

    categories: tuple[str, ...]
    series: tuple[Series, ...]
    x_dates: tuple[dt.date, ...] | None = None
    #: Small multiples (``facet:``): each panel's name and data, in the order drawn. The
    #: chart's own categories are then every panel's, and its series every panel's, named
    #: 'panel · series', so what reads all the values (label precision, axis checks) still
    #: reads them together.
    facets: tuple[tuple[str, ChartData], ...] = ()
    #: Where rows were left out between the categories kept (:meth:`pick`): each the
    #: index of a category drawn after a gap (a card's five largest states and the tenth,
    #: highlighted: ``(5,)``). Charts of rows draw a break there, so the tenth does not
    #: read as the sixth.
    breaks: tuple[int, ...] = ()

    def panels(self) -> tuple[ChartData, ...]:
        """The data of each panel: the facets' data, or this data for a single chart."""
        return tuple(d for _, d in self.facets) or (self,)

    def total(self) -> float:
        return sum(v for s in self.series for v in s.values if v is not None)

    def find(self, name: object) -> int | None:
        """The index of the category ``name`` names: its text, or on a date axis a date or
        period ('2009-06', 'June 2009', a YAML date); ``None`` if none."""
        if str(name) in self.categories:
            return self.categories.index(str(name))
        return dates.match(name, self.x_dates) if self.x_dates else None

    def in_time_order(self) -> bool:
        """Whether the categories are periods in time order: a date column's, or text that
        names periods one way ('2019', 'FY2023', '2023 Q1', 'Mar 2023'), unsorted by value.
        Such an axis reads with every k-th period named; a run cut from it is a period."""
        if self.x_dates is not None:
            return list(self.x_dates) == sorted(self.x_dates)
        return dates.time_order(self.categories) == list(range(len(self.categories)))

    def head(self, n: int) -> ChartData:
        """The first ``n`` categories (a social card that shows the leading ones)."""
        return self.pick(range(min(n, len(self.categories))))

    def pick(self, indexes: Sequence[int]) -> ChartData:
        """The categories at ``indexes``, in that order (each panel's too), with a break
        (:attr:`breaks`) wherever an index skips categories."""
        return ChartData(
            tuple(self.categories[i] for i in indexes),
            tuple(Series(s.name, tuple(s.values[i] for i in indexes)) for s in self.series),
            None if self.x_dates is None else tuple(self.x_dates[i] for i in indexes),
            tuple((name, d.pick(indexes)) for name, d in self.facets),
            tuple(k for k in range(1, len(indexes)) if indexes[k] != indexes[k - 1] + 1),
        )

    def key_data(self) -> dict[str, Any]:
        """What the picture depends on, for its content key (a date as its text, which
        also names its precision: '2010-03' is a month, '2010-03-01' a day)."""
        return {
            "categories": self.categories,
            "series": self.series,
            "x_dates": None if self.x_dates is None else [str(d) for d in self.x_dates],
            "facets": [(name, d.key_data()) for name, d in self.facets],
            # Only where there is one: the keys of every other picture stay as they were.
            **({"breaks": self.breaks} if self.breaks else {}),
        }


# A plain decimal number, in ASCII digits; commas only as thousands separators (1,234.5),
# so a decimal comma ('12,3') is reported rather than read as 123. Python's float() takes
# more ('1_000', other scripts' digits), none of which a data file means.
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?", re.ASCII)
#: A first group of 0 ('0,875', '012,345') is no thousands: a decimal comma, reported.
_THOUSANDS = re.compile(r"[+-]?[1-9]\d{0,2}(,\d{3})+(\.\d*)?", re.ASCII)
_INFINITE = re.compile(r"[+-]?inf(inity)?", re.IGNORECASE)
#: Text that spells a number but names a thing (a code, an ID): digits with a leading
#: zero (a ZIP code, '00501'), and a capital E between digits, with neither a point nor
#: an exponent's sign (a part code, '2E7'; the gene list Excel turned into numbers had
#: '2310009E13'). Programs write 2e+07, 2E+07 or 2.0E7, and '1e1' is a number typed short.
_CODE = re.compile(r"[+-]?0\d+|\d+E\d+", re.ASCII)


def is_code(text: str) -> bool:
    """Whether a cell written ``text`` is a code or an ID, shown and compared as written,
    never as the number it spells: a leading zero, a capital E without a point or a sign
    (:data:`_CODE`), or a whole number with more significant digits than a float holds
    (15): an account number, 9007199254740993, read as a number is ...992, and a table
    wrote it so; ...654 + 1 was ...656. A quantity written out in full has its zeros at
    the end (Japan's debt in yen, 1297000000000000): a number."""
    text = text.strip()
    if _CODE.fullmatch(text):
        return True
    return len(text) > 15 and text.isascii() and text.isdigit() and len(text.rstrip("0")) > 15


#: The most significant digits a whole number keeps read as a number (a float's 15).
MAX_DIGITS = 15
_GROUPED_WHOLE = re.compile(r"[+\-\u2212]?\s*\d{1,3}(,\d{3})+|[+\-\u2212]?\s*\d+", re.ASCII)


def too_many_digits(text: str) -> int | None:
    """The significant digits of ``text``, a whole number written out (grouped or not),
    where they are more than a number holds (:data:`MAX_DIGITS`); else ``None``. Read as a
    number, 12345678901234567 is ...568 and 9007199254740993 is ...992: a column declared
    a number wrote them so in its chart, table and templates (fuzzing round 8, 6)."""
    text = text.strip()
    if not _GROUPED_WHOLE.fullmatch(text):
        return None
    digits = "".join(ch for ch in text if ch.isdigit()).strip("0")
    return len(digits) if len(digits) > MAX_DIGITS else None


#: What an export writes around a number: a sign (the true minus too), a currency sign,
#: the number, a percent sign; or an accounting negative in parentheses.
_DRESSED = re.compile(
    r"(?P<sign>[+\-\u2212]?)\s*[$€£¥]?\s*(?P<number>[^%$€£¥()\s]+)\s*(?P<percent>%?)"
)
_ACCOUNTING = re.compile(r"\(\s*(?P<inner>[^()]+?)\s*\)")


def number_text(text: str) -> float:
    """``text`` (stripped) as a number, as a data file writes one; ``ValueError`` else.

    A number may come dressed as exports write it: a currency sign before it (``$1,200``,
    ``-€5``), a percent sign after it (``45%`` reads 45: deckgen's percentages are in
    percent, as ``percent:0`` writes 45 as 45%), a true minus sign (``−38``), and an
    accounting negative in parentheses (``(300)`` is −300). ``inf`` (an export's division
    by zero) reads as infinite, as does ``1e400``: a chart then names every such row and
    the likely cause, where a parse error would name one.
    """
    negative = False
    if (accounting := _ACCOUNTING.fullmatch(text)) is not None:
        negative, text = True, accounting["inner"]
    dressed = _DRESSED.fullmatch(text)
    if dressed is not None and dressed["number"] != text:
        if dressed["sign"] and negative:
            raise ValueError(text)  # '(-300)': which sign?
        negative = negative or dressed["sign"] in ("-", "\u2212")
        text = dressed["number"]
        if text[:1] in "+-":
            raise ValueError(text)  # '$-5' or '-$-5': one sign, before the currency
    elif negative and text[:1] in "+-":
        raise ValueError(text)
    value = _plain_number(text)
    return -value if negative else value


#: A number written short, as dashboards export it: '1.2M', '$850K', '2.1 bn', and as
#: German exports do: '3,4 Mio. €'. The letters are case-blind: 'm' is a million to one
#: file and a thousand to another (finance's MM).
_MAGNITUDE = re.compile(
    r"(?P<sign>[+\-\u2212]?)\s*[$€£¥]?\s*(?P<number>\d[\d.,]*)\s*"
    r"(?P<unit>k|m|mm|mn|b|bn|t|tn|thousands?|millions?|billions?|trillions?|tsd|mio|mrd)"
    r"\.?(\s*[$€£¥])?",
    re.IGNORECASE | re.ASCII,
)
_TIMES = {"k": 1e3, "thousand": 1e3, "tsd": 1e3, "m": 1e6, "mn": 1e6, "mm": 1e6,
          "million": 1e6, "mio": 1e6, "b": 1e9, "bn": 1e9, "billion": 1e9, "mrd": 1e9,
          "t": 1e12, "tn": 1e12, "trillion": 1e12}  # fmt: skip
#: Magnitudes of languages that write a decimal comma: a comma in their number is one.
_EUROPEAN = {"tsd", "mio", "mrd"}
#: A number as written in English: commas between thousands, a point for decimals.
_ENGLISH = re.compile(r"\d{1,3}(,\d{3})+(\.\d+)?|\d+(\.\d+)?", re.ASCII)
#: A decimal comma, as much of Europe writes numbers: '12,5', '1.234,5'.
_DECIMAL_COMMA = re.compile(r"(\d{1,3}(\.\d{3})+|\d+),\d+", re.ASCII)
#: Points between thousands, as Europe writes them: '8.997.440' (two points or more: one
#: point is a decimal point, whatever the file).
_THOUSANDS_POINTS = re.compile(r"\d{1,3}(\.\d{3}){2,}", re.ASCII)
#: A number in the dress number_text reads (a sign, a currency sign before it, a percent
#: sign after it), or with the currency sign after it as much of Europe writes it.
DRESS = re.compile(
    r"(?P<sign>[+\-\u2212]?)\s*(?P<currency>[$€£¥]?)\s*(?P<number>\d[\d.,]*)\s*"
    r"(?P<after>%|[$€£¥])?"
)
#: A number with a unit after it: '45 km', '12kg', '3 people'.
#: A number with its minus after it, as SAP and accounting exports write a negative.
_TRAILING_MINUS = re.compile(r"(?P<number>[$€£¥]?\d[\d.,]*)\s?[-\u2212]")
_UNIT = re.compile(r"[+\-\u2212]?[$€£¥]?\d[\d.,]*\s*(?P<unit>[^\d\s.,][^\d]*)")
#: A footnote mark after a number: '30*', '12.5†', '7¹', '45 (p)', '3.1 [e]'. It points to
#: a note of the table (provisional, estimated); it is no unit to print.
_MARKED = re.compile(
    r"(?P<number>.*\d[%)]?)\s*(?P<mark>\*{1,3}|[†‡§]|[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,2}|\([A-Za-z]{1,3}\)"
    r"|\[[^\[\]]{1,15}\])"
)
#: A status flag after a number and a space, as Eurostat writes one ('12.5 p').
FLAGS = {"b": "a break in the time series", "c": "confidential", "d": "definition differs",
          "e": "estimated", "f": "forecast", "n": "not significant", "p": "provisional",
          "r": "revised", "s": "an estimate by Eurostat", "u": "low reliability",
          "z": "not applicable"}  # fmt: skip
_FLAGGED = re.compile(r"(?P<number>.*\d[%)]?)\s+(?P<flag>[bcdefnprsuz])")
#: Statistics Canada's flag after a number ('7.9 E', '7.9E': use with caution), which was
#: called a unit to print after every value (found in review). Not its grades A to D: a
#: 'B' after a number is as often a billion.
_STATCAN_FLAGGED = re.compile(r"(?P<number>.*\d[%)]?)\s*(?P<flag>E)")
#: How statistics offices write a value that is not available or withheld: Eurostat ':',
#: the OECD and the World Bank '..', the US Census '(D)' and '(NA)' (and '*****' where an
#: estimate is controlled), the ONS '[x]', the St. Louis Fed's FRED '.' (its API's and
#: downloads' missing observation), the IMF's '--'.
_NOT_AVAILABLE = re.compile(r"\.{1,3}|…|:|x|-{2,3}|\*{1,5}|\((D|NA|X|S)\)|\[(x|c|z|u|low)\]",
                            re.IGNORECASE)  # fmt: skip
#: A year and a month named in another language than English ('2023 januari', as CBS
#: StatLine writes them): a period (:func:`deckgen.tables.dates.period_readings`), where a
#: number was wanted.
_FOREIGN = "|".join(sorted(FOREIGN_MONTHS))
_FOREIGN_MONTH = re.compile(
    rf"\d{{4}}\s+(?P<after>{_FOREIGN})|(?P<before>{_FOREIGN})\s+\d{{4}}", re.IGNORECASE
)
#: How programs and databases write no value: JSON's and SQL's null, Ruby's and Lisp's nil.
_NO_VALUE_WORD = re.compile(r"null|nil", re.IGNORECASE)
_SHORTEN = "let the chart's format shorten it (format: compact:1 writes 1.2M)"
#: The numbers the US Census Bureau's API and tables write in place of an estimate (its
#: 'annotation values': -666666666 where one could not be computed, -999999999 where too
#: few cases...): read as numbers, a chart drew a bar of -666,666,666 (found in review).
CENSUS_MARKS = frozenset(float(-n * 111111111) for n in (2, 3, 5, 6, 8, 9))


def is_census_mark(value: Any) -> bool:
    """Whether ``value`` (a cell, as text or a number) is one of :data:`CENSUS_MARKS`."""
    if isinstance(value, bool):
        return False
    try:
        return to_quantity(value) in CENSUS_MARKS
    except (ValueError, TypeError):
        return False


def cell_text(value: Any) -> str:
    """A cell's value as a message says it found it: a spreadsheet's date and time cells
    as the sheet shows them, not Python's repr ('datetime.datetime(2020, 1, 1, 13, 5)';
    found by fuzzing)."""
    if isinstance(value, dt.datetime):
        return f"the date and time {value.isoformat(sep=' ')}"
    if isinstance(value, dt.date | dt.time):
        return f"the {'date' if isinstance(value, dt.date) else 'time'} {value.isoformat()}"
    if isinstance(value, dt.timedelta):
        return f"the duration {value}"
    if isinstance(value, bool):  # as JSON and YAML write it, not Python's 'True'
        return "true" if value else "false"
    return repr(value)


def a_mark(value: Any) -> str:
    """' (a mark for no value)' for a number that is one (:data:`CENSUS_MARKS`), else ''."""
    return " (a mark for no value)" if is_census_mark(value) else ""


def number_hint(value: Any) -> str | None:
    """What to write instead of ``value``, a cell that is not a number, when its shape says
    what it meant: a magnitude written short ('1.2M', '3,4 Mio.'), a decimal comma ('12,5',
    '€3,4', '12,5%'), points between thousands, a footnote mark or a statistics office's
    flag after the number ('30*', '12.5 p'), its mark for a value not available ('..'), a
    unit after the number ('45 km'). ``None`` if it has none of them.

    A magnitude is not read as a number: 'M' is a million in one export and a thousand in
    another (finance's MM), and 1.2M may be rounded from 1,248,000; the hint names the
    whole number it would be if M is a million, for the user to confirm. A mark or flag is
    not dropped: it says something of the value (provisional, estimated) the chart would
    no longer say.
    """
    text = str(value).strip()
    if _NUMBER.fullmatch(text) and underflows(text):
        return (
            f"{text} is nearer zero than any number deckgen can hold apart from zero "
            "(the smallest is about 5e-324), and would be drawn as 0: write 0 if it "
            "stands for none, or give the column in a unit that makes its numbers larger"
        )
    if is_code(text):
        return (f"{text!r} is a code or an ID (a leading zero, a capital E between digits, "
                "or more digits than a number holds), shown as written and never drawn as "
                "a quantity: name a column of quantities, or declare this one 'type: "
                "number' under the source's 'columns:' if it holds them")  # fmt: skip
    if is_census_mark(text):
        return (f"{text} is how the US Census Bureau marks an estimate it could not give "
                f"(its annotation values), not a value: add missing: ['{text}'] to its "
                "data source (read as an empty cell, a gap in the chart), or leave the "
                "row out with a filter")  # fmt: skip
    if _NOT_AVAILABLE.fullmatch(text):
        return (f"{text!r} is how statistics offices mark a value that is not available or "
                f"withheld: add missing: [{text!r}] to its data source (read as an empty "
                "cell, a gap in the chart), or leave the row out with a filter")  # fmt: skip
    if _NO_VALUE_WORD.fullmatch(text):
        # Yahoo Finance's download writes 'null' for a day without data: told to write
        # numbers in the file, not the missing: that keeps it as published (found in review).
        return (f"{text!r} is how programs write no value: add missing: [{text!r}] to its "
                "data source (read as an empty cell, a gap in the chart), or leave the row "
                "out with a filter")  # fmt: skip
    if (said := said_otherwise(text)) is not None:
        return said
    if (marked := _MARKED.fullmatch(text)) is not None and (
        fixed := _readable(marked["number"].strip())
    ):
        mark = marked["mark"]
        return (f"{text!r} has a footnote mark ({mark!r}) after the number{fixed[1]}, which "
                f"is no unit to print: write {fixed[0]} alone (remove the marks, or export "
                "the table without them) and say what the mark means in the slide's "
                "'source:'")  # fmt: skip
    if (flagged := _FLAGGED.fullmatch(text)) is not None and (
        fixed := _readable(flagged["number"].strip())
    ):
        return _flag_hint(text, flagged["flag"], *fixed)
    if (flagged := _STATCAN_FLAGGED.fullmatch(text)) is not None and (
        fixed := _readable(flagged["number"].strip())
    ):
        return (f"{text!r} ends in a Statistics Canada quality flag ('E': use with "
                f"caution){fixed[1]}, which is no unit to print: write "
                f"{fixed[0]} alone (download the table without its symbols) and say what "
                "the flag means in the slide's 'source:'")  # fmt: skip
    if (short := _MAGNITUDE.fullmatch(text)) is not None and (
        hint := _magnitude_hint(text, short)
    ) is not None:
        return hint
    if (dressed := _dressed_fix(text)) is not None:
        return dressed
    if (trailing := _TRAILING_MINUS.fullmatch(text)) is not None and (
        fixed := _readable(trailing["number"])
    ):
        # Not a unit: SAP and accounting exports write a negative '1,234.50-'. The unit's
        # hint told to write 12.5 alone, a loss turned into a gain (found in review).
        return (f"{text!r} is a negative number with its minus after it, as SAP and "
                f"accounting exports write one{fixed[1]}: write -{fixed[0]} (the minus first), "
                "or export the column with leading minus signs")  # fmt: skip
    if (month := _FOREIGN_MONTH.fullmatch(text)) is not None:
        # CBS' '2023 januari' was told to print 'januari' as a unit (found in review).
        name = month["after"] or month["before"]
        return (f"{text!r} names a month ({name!r}), not a number: a column of months is a "
                "chart's categories (x:), read in time order; its values (y:) are a column "
                "of numbers")  # fmt: skip
    if (unit := _UNIT.fullmatch(text)) is not None and unit["unit"].strip() not in ("%",):
        fixed = _readable(text[: unit.start("unit")].strip())
        if fixed is None:
            return None
        number, why = fixed
        name = unit["unit"].strip()
        decimals = len(number.partition(".")[2].rstrip("%"))
        return (f"{text!r} has a unit after the number{why}: write {number} alone, and name "
                f"the unit in the column's name or in the chart's format (a suffix: format: "
                f"\"plain:{decimals} {name}\")")  # fmt: skip
    return _spaced_or_bracketed(text) or _sign_inside(text)


#: A sign or accounting brackets after the currency sign ('$-300', '¥-300', '$(200)'), and
#: thousands set apart by apostrophes, as Switzerland writes them ("1'234'567").
_SIGN_INSIDE = re.compile(r"(?P<currency>[$€£¥])\s*(?:(?P<sign>[\-−])(?P<n>[^()]+)|"
                          r"\((?P<inner>[^()]+)\))")  # fmt: skip
_APOSTROPHES = re.compile(r"(?P<sign>[+\-−]?)\d{1,3}(?:['’]\d{3})+(?:\.\d+)?")


def _sign_inside(text: str) -> str | None:
    """The hint for a negative written after its currency sign, and for thousands set
    apart by apostrophes: each got the plain hint, which did not say what was wrong with
    '$(200)' or "1'234" (fuzzing)."""
    if (inside := _SIGN_INSIDE.fullmatch(text)) is not None:
        number = (inside["n"] or inside["inner"]).strip()
        try:
            number_text(number)
        except ValueError:
            return None
        what = "minus" if inside["sign"] else "brackets"
        return (f"{text!r} has its {what} after the currency sign: write -{inside['currency']}"
                f"{number} (the sign first) or ({inside['currency']}{number}), as accounting "
                "writes a negative")  # fmt: skip
    if _APOSTROPHES.fullmatch(text) is not None:
        plain = re.sub(r"['’]", "", text)
        return (f"{text!r} has apostrophes between thousands, as Switzerland writes them: "
                f"write {plain} (no apostrophes; a point for decimals), or export the column "
                "as plain numbers")  # fmt: skip
    return None


#: Thousands set apart by spaces, as French, Nordic and ISO layouts write them ('-3 200',
#: '12 500,5'; the space may be a no-break one), and a negative in brackets ('(12 500)').
_SPACED = re.compile(r"(?P<sign>[+\-\u2212]?)\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?P<dec>,\d+)?")
_BRACKETED = re.compile(r"\((?P<inner>[^()]+)\)")


def _spaced_or_bracketed(text: str) -> str | None:
    """The hint for thousands written with spaces or a negative in brackets, as French
    and accounting exports write numbers (a reviewer's '-3 200' got only the plain hint,
    its no-break space shown as '\\u202f')."""
    bracketed = _BRACKETED.fullmatch(text)
    inner = bracketed["inner"].strip() if bracketed else text
    spaced = _SPACED.fullmatch(inner)
    digits = re.sub(r"[ \u00a0\u202f]", "", inner)
    if spaced is not None:
        digits = digits.replace(",", ".")
    try:
        number_text(digits)
    except ValueError:
        return None
    if bracketed is None and spaced is None:
        return None
    if bracketed is not None:
        digits = "-" + digits.lstrip("+")
    shown = text.replace("\u00a0", " ").replace("\u202f", " ")
    what = " with spaces between thousands" if spaced is not None else ""
    if bracketed is not None:
        what += (" and" if what else "") + " in brackets for a negative, as accounting writes it"
    return (
        f"{shown!r} is a number{what}: write {digits} (no spaces; a point for decimals), "
        "or export the column as plain numbers"
    )


#: Excel's error values, saved into a CSV file as text.
_EXCEL_ERRORS = ("#N/A", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!")
#: A value given only as a bound: '<5' (a count withheld for privacy), '>100', '65+'.
_BOUND = re.compile(r"(?P<sign>[<>≤≥]=?)\s*(?P<a>\d[\d.,]*)\s*%?|(?P<b>\d[\d.,]*)\s*%?\s*\+")
#: A range: '30-40', '30–40', '30 to 40'.
_RANGE = re.compile(r"(?P<a>\d[\d.,]*)\s*(?:[-\u2013\u2014]|to)\s*(?P<b>\d[\d.,]*)")
#: An approximate value: '~40', 'ca. 40', 'c. 40', 'approx. 40', '≈40'.
_ABOUT = re.compile(r"(?:~|≈|ca\.?|c\.|approx\.?|about)\s*(?P<a>\d[\d.,]*)", re.IGNORECASE)


def said_otherwise(text: str) -> str | None:
    """The hint for a cell that is no number, but says one some other way: an Excel error
    saved as text, a bound ('<5'), a range ('30-40'), an approximation ('~40'), a dash for
    a minus ('–12.5', copied from a typeset page), 'n.a.'; else ``None``. Each got no hint,
    or one that called '40+' a number with a unit to drop (found in review). A table
    shows such a cell as written ('<5' beside counts), as a table should."""
    if text.upper() in _EXCEL_ERRORS:
        return (f"{text!r} is an Excel error (or its 'no value') saved into the file: fix "
                f"the formula in the workbook, or add missing: [{text!r}] to the data source "
                "(read as an empty cell, a gap in the chart)")  # fmt: skip
    if re.fullmatch(r"n\.\s?a\.|n\.\s?v\.|k\.\s?a\.", text, re.IGNORECASE):
        return (f"{text!r} says the value is not available: add missing: [{text!r}] to its "
                "data source (read as an empty cell, a gap in the chart), or leave the row "
                "out with a filter")  # fmt: skip
    if _BOUND.fullmatch(text) is not None:
        return (f"{text!r} gives the value only as a bound, as tables write a count withheld "
                "for privacy ('<5') or an open class ('65+'): no number to draw; add missing: "
                f"[{text!r}] to the data source (a gap, said in the source line), or write "
                "the value if it is known")  # fmt: skip
    if (about := _ABOUT.fullmatch(text)) is not None and _readable(about["a"]):
        return (f"{text!r} is an approximate value: write {about['a']} and say 'about' in "
                "the title or the source line")  # fmt: skip
    if text[:1] in "\u2013\u2014" and _readable(text[1:].strip()):
        return (f"{text!r} starts with a dash ({text[0]!r}, as a typeset page writes a "
                f"minus): write -{text[1:].strip()} if it is a negative number")  # fmt: skip
    if (
        (span := _RANGE.fullmatch(text)) is not None
        and _readable(span["a"])
        and _readable(span["b"])
    ):
        return (
            f"{text!r} is a range, not one number: put its ends in two columns (a "
            "range chart draws a low and a high value) or write the one value meant"
        )
    return None


def _flag_hint(text: str, flag: str, number: str, why: str) -> str:
    """The hint for a number followed by a space and a status flag letter ('12.5 p')."""
    meaning = f"Eurostat's {flag!r}: {FLAGS[flag]}"
    whole = _whole(_MAGNITUDE.fullmatch(text)) if flag == "b" else None
    if whole is not None:  # also a billion written short, as a dashboard writes '2.1 b'
        return (f"{text!r} ends in 'b', a statistics office's flag ({meaning}) or a billion "
                f"written short{why}: for a flag, write {number} alone and say what it means "
                f"in the slide's 'source:'; for a billion, write the whole number, {whole[0]}, "
                f"and {_SHORTEN}")  # fmt: skip
    return (f"{text!r} ends in a statistics office's flag after a space ({meaning}){why}, "
            f"which is no unit to print: write {number} alone (remove the flags, or export "
            "the table without them) and say what the flag means in the slide's 'source:' "
            f"(if {flag!r} is a unit, name it in the column's name)")  # fmt: skip


def _magnitude_hint(text: str, short: re.Match[str]) -> str | None:
    """The hint for a number written short, or ``None`` if its number reads no way."""
    whole = _whole(short)
    if whole is None:
        return None
    unit = short["unit"].lower().rstrip("s")
    # Finance writes a thousand as M (and a million as MM): for an M, say so.
    why = " (deckgen does not guess: finance writes a thousand as M)" if unit == "m" else ""
    written = short["unit"]
    return (f"{text!r} is written short ({written!r}){whole[1]}: write the whole number, "
            f"{whole[0]} if {written!r} stands for {_WORD[unit]}{why}{whole[2]}, and "
            f"{_SHORTEN}")  # fmt: skip


def _whole(short: re.Match[str] | None) -> tuple[str, str, str] | None:
    """The whole number a number written short stands for ('1,200,000' for '1.2M'), how its
    number was read (', with a comma for decimals (3,4 is 3.4)') and the other number a
    German magnitude may stand for; ``None`` if its number reads no way."""
    if short is None:
        return None
    unit = short["unit"].lower().rstrip("s")
    number = short["number"]
    sign = "-" if short["sign"] in ("-", "\u2212") else ""
    comma = other = ""
    # '3,4 Mio.' is 3.4 million: a German magnitude comes with a decimal comma; '1,200k'
    # is English, with a comma between thousands.
    english = _ENGLISH.fullmatch(number) is not None
    if _DECIMAL_COMMA.fullmatch(number) and (unit in _EUROPEAN or not english):
        point = number.replace(".", "").replace(",", ".")
        comma, figure = f", with a comma for decimals ({number} is {point})", float(point)
    elif english:
        figure = float(number.replace(",", ""))
        if unit in _EUROPEAN and re.fullmatch(r"\d{1,3}\.\d{3}", number):
            thousands = float(number.replace(".", "")) * _TIMES[unit]
            other = f" ({sign}{thousands:,.0f} if its point separates thousands, as German " \
                    "writes them)"  # fmt: skip
    else:
        return None
    return f"{sign}{figure * _TIMES[unit]:,.0f}", comma, other


def _readable(text: str) -> tuple[str, str] | None:
    """``text``, a number in its dress, as number_text reads it, and what was changed
    (' (and a comma for decimals)'); ``None`` if it is no number in any known layout."""
    try:
        number_text(text)
    except ValueError:
        pass
    else:
        return text, ""
    dressed = DRESS.fullmatch(text)
    if dressed is None:
        return None
    number = dressed["number"]
    if _DECIMAL_COMMA.fullmatch(number):
        digits, why = number.replace(".", "").replace(",", "."), " (and a comma for decimals)"
    elif _THOUSANDS_POINTS.fullmatch(number):
        digits, why = number.replace(".", ""), " (and points between thousands)"
    elif dressed["after"] not in ("", "%", None):
        digits, why = number, " (and its currency sign after it)"
    else:
        return None
    fixed = _redressed(dressed, digits)
    return None if fixed is None else (fixed, why)


def _redressed(dressed: re.Match[str], digits: str) -> str | None:
    """``digits`` in the dress :data:`DRESS` found around a number, as number_text reads
    it (a currency sign goes before the number: '12,50 €' is €12.50); None if it reads
    no number so."""
    after = dressed["after"] or ""
    currency = dressed["currency"] or (after if after != "%" else "")
    fixed = f"{dressed['sign']}{currency}{digits}{'%' if after == '%' else ''}"
    try:
        number_text(fixed)
    except ValueError:
        return None
    return fixed


#: A number as a file with a decimal comma writes it: '1.234,5', '12,5', '1234'.
_COMMA_NUMBER = re.compile(r"\d{1,3}(\.\d{3})+(,\d+)?|\d+(,\d+)?", re.ASCII)


#: A space between thousands, as French and other locales write them ('1 234,5', with a
#: space, a no-break space or a narrow one): a space before three digits that end a group.
_SPACE_GROUP = re.compile(r"(?<=\d)[ \u00a0\u202f](?=\d{3}(?!\d))")


def decimal_comma(text: str) -> str | None:
    """A cell of a file whose numbers have a decimal comma (``decimal: ","``) as number_text
    reads it: '1.234,5' -> '1234.5', '-12,5 %' -> '-12.5%', '12,50 €' -> '€12.50',
    '(1.234)' -> '(1234)'; None if the cell is no number so written (it is kept as text).
    Points are between thousands in such a file: '1.234' is 1234; so are spaces, as
    French exports write them: '1 234,5' is 1234.5 (it was refused, its hint saying to
    write a point for decimals: fuzzing round 8, 11)."""
    text = _SPACE_GROUP.sub(".", text.strip())
    if text.startswith("(") and text.endswith(")"):  # an accounting negative
        inner = decimal_comma(text[1:-1])
        return None if inner is None else f"({inner})"
    dressed = DRESS.fullmatch(text)
    if dressed is None or not _COMMA_NUMBER.fullmatch(dressed["number"]):
        return None
    return _redressed(dressed, dressed["number"].replace(".", "").replace(",", "."))


def _dressed_fix(text: str) -> str | None:
    """The hint for a whole cell that is a number in a European layout, dressed or not:
    a decimal comma ('12,5', '€3,4', '12,5%', '12,50 €'), points between thousands
    ('8.997.440'), a currency sign after the number ('12.50 €')."""
    fixed = _readable(text)
    if fixed is None or not fixed[1]:
        return None
    number, why = fixed
    if "comma" in why:
        return (f"{text!r} has a comma for decimals: write {number} (a point for decimals; "
                "commas only between thousands, as in 1,234.5), or, for a CSV that writes "
                "every number so (1.234,5), add decimal: \",\" to its data source")  # fmt: skip
    if "points" in why:
        digits = DRESS.fullmatch(number)
        whole = int(digits["number"]) if digits is not None else None
        grouped = number.replace(str(whole), f"{whole:,}") if whole is not None else number
        return (f"{text!r} has points between thousands: write {number} (or {grouped}: "
                "commas between thousands, a point for decimals); a number with one point, "
                "such as 526.926, is read as a decimal")  # fmt: skip
    return (f"{text!r} has its currency sign after the number: write {number} (the sign "
            "before the number), or name the currency in the column's name")  # fmt: skip


_WORD = {"k": "a thousand", "thousand": "a thousand", "tsd": "a thousand", "m": "a million",
         "mn": "a million", "mm": "a million", "million": "a million", "mio": "a million",
         "b": "a billion", "bn": "a billion", "billion": "a billion", "mrd": "a billion",
         "t": "a trillion", "tn": "a trillion", "trillion": "a trillion"}  # fmt: skip


def _plain_number(text: str) -> float:
    if "," in text:
        if not _THOUSANDS.fullmatch(text):
            raise ValueError(text)
        text = text.replace(",", "")
    if not (_NUMBER.fullmatch(text) or _INFINITE.fullmatch(text)):
        raise ValueError(text)
    value = float(text)
    if not value and underflows(text):
        raise ValueError(text)  # '1e-400' is no 0 (see number_hint)
    return value


#: A digit that makes a number's mantissa other than zero.
_NONZERO = re.compile(r"[1-9]")


def underflows(text: str) -> bool:
    """Whether ``text``, a number as written, reads as 0 though it is not: nearer zero
    than the smallest number a float holds (about 5e-324), such as '1e-400'. A cell of it
    was drawn as 0 without a word (found by fuzzing)."""
    mantissa = text.lower().partition("e")[0]
    return _NONZERO.search(mantissa) is not None and float(text) == 0.0


def _is_number(value: Any) -> bool:
    try:
        return to_number(value) is not None
    except ValueError:
        return False


#: A number written as plain digits ('1234', '-5.25'): read as :func:`number_text` reads it.
_DIGITS = re.compile(r"-?[0-9]+(?:\.[0-9]+)?\Z")


def to_number(value: Any) -> float | None:
    """A cell as a float; ``None`` for a missing marker; ``ValueError`` for other text."""
    if type(value) is str and _DIGITS.match(value):
        # Plain digits, as a CSV writes most numbers, past the checks for signs, brackets
        # and separators below: a group over a million rows spent 1.3 s of its 2 s here.
        return float(value)
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int) and not -1e308 < value < 1e308:
        return math.inf if value > 0 else -math.inf  # 400 digits in JSON: as 1e400 reads
    if isinstance(value, int | float):
        return None if isinstance(value, float) and math.isnan(value) else float(value)
    text = str(value).strip()
    if text in MISSING:
        return None
    return number_text(text)


def to_quantity(value: Any) -> float | None:
    """:func:`to_number` of a cell drawn, formatted or matched as a number: a code or an ID
    (:func:`is_code`, '00501') is a ``ValueError``, never the number it spells."""
    if isinstance(value, str) and is_code(value):
        raise ValueError(value)
    return to_number(value)


#: The fix for a column a chart or table names that its source lacks, where no column is
#: near it: a check's fix line said only "fix the file the outline names" (fuzzing).
NAME_A_COLUMN = "name one of the columns listed, as the file's header writes it"


def missing_column_hint(name: str, columns: Sequence[str], origin: object) -> str | None:
    """The hint for a column a table lacks, the likeliest cause first: a data step that
    left it out, a title above the header (an early line of the file holds the name), a
    date header named as the sheet shows it, a typo, a header cell left empty."""
    if not isinstance(origin, Origin):
        origin = None
    return (
        (origin.dropped.get(name) or origin.header_hint(name) if origin else None)
        or dates.dated_column(name, columns)
        or (origin.sheet_hint(name) if origin else None)
        or nested_hint(name, columns)
        or near(name, columns)
        or unnamed_hint(columns)
        or headerless_hint(name, columns, origin)
    )


def nested_hint(name: str, columns: Sequence[str]) -> str | None:
    """The hint for a column that JSON nests as an object, read as one column per key
    ('country.id', 'country.value': the World Bank's API). A chart naming 'country' was
    told 'did you mean country.id?', the codes, where the names were meant (found in
    review): every key is named, a name or label first."""
    keys = [c for c in columns if c.startswith(f"{name}.")]
    if not keys:
        return None
    first = ("value", "name", "label", "title", "text")
    keys.sort(key=lambda c: next((k for k, w in enumerate(first) if c.endswith(f".{w}")), 9))
    return (
        f"the data nests {name!r} as an object with {counted(len(keys), 'key')}, each "
        f"a column: name one of {listed(keys)}"
    )


def headerless_hint(name: str, columns: Sequence[str], origin: Origin | None) -> str | None:
    """The hint for a file whose header holds values, not names: every column named by a
    number or a period, one of them a number no year is ('2023 JAN', '8.8'). A statistics
    office's series (the ONS's) has no header line: its first row was read as one, and a
    chart naming its columns was told they were '2023 JAN' and '8.8' (found in review)."""
    if origin is None or origin.path is not None or not columns:  # JSON, inline rows
        return None

    def year(value: float) -> bool:
        return value.is_integer() and 1000 <= value <= 2999

    found = [_number_or_none(c) for c in columns]
    if not any(n is not None and not year(n) for n in found):
        return None
    pairs = zip(found, columns, strict=True)
    if not all(n is not None or dates.period_readings(c) for n, c in pairs):
        return None
    shown = ", ".join(repr(c) for c in columns[:4])
    return (
        f"the row read as the header of {Path(origin.file).name} holds values ({shown}), "
        f"not names: the file has no header; say so in the data source and name its "
        f"{len(columns)} columns in order (header: none, names: [...]), {name!r} among them"
    )


def _names(column: pd.Series, bad: list[Any]) -> bool:
    """Whether the cells ``bad`` of ``column``, where numbers are needed, make it a column
    of names, the wrong one to read: most of its cells, more than one value, and none
    with a number's shape to fix (a decimal comma, a unit: :func:`number_hint`) or a
    date's (a sort by a column of text dates says how to declare it)."""
    if len(bad) * 2 <= len(column) or len({str(v).strip() for v in bad}) < 2:
        return False
    if all(isinstance(v, str) and is_code(v) for v in bad):
        return True  # ZIP codes under 'y:': the column named is the mistake
    return not any(number_hint(v) for v in bad) and dates.suggest(str(v) for v in bad) is None


def columns_of_numbers(frame: pd.DataFrame, but: str) -> list[str]:
    """The columns of ``frame`` other than ``but`` that hold numbers (every cell a number or
    missing, one at least a number): those a message offers where a column of numbers, or
    one with values, is needed."""
    return [str(c) for c in frame.columns if str(c) != but and _numbers_only(frame[c])]


def _numbers_only(cells: pd.Series) -> bool:
    """Whether every cell of a column is a number or missing, and one at least a number."""
    seen = False
    for cell in cells:
        try:
            seen = to_quantity(cell) is not None or seen
        except ValueError:
            return False
    return seen


def _written_at(where: Location, field: str | None = None) -> str:
    """'deck.yaml:12': the outline line a field of the selection at ``where`` is written on,
    for a hint (``field`` below ``where.field``, such as 'y' or 'sort.by'; none: the
    selection itself). ``where`` carries the line of the slide or card; a hint naming it
    for 'slides[1].chart.y' pointed six lines above the 'y:' (found by fuzzing). The line
    is read from the outline's own field lines, as its loader indexes them; the slide's
    line if the outline cannot be read again or does not write the field."""
    path = where.field if field is None else f"{where.field}.{field}"
    lines = _outline_lines(where.file)
    key: tuple[str | int, ...] = tuple(
        int(part) if part.isdigit() else part for part in re.findall(r"[^.\[\]]+", path or "")
    )
    for end in range(len(key), 0, -1):  # the nearest field written, as the loader finds it
        if key[:end] in lines:
            return f"{where.file}:{lines[key[:end]]}"
    return f"{where.file}:{where.line}" if where.line is not None else where.file


def _outline_lines(file: str) -> dict[tuple[str | int, ...], int]:
    """The line of each field path of the outline ``file`` (empty if it cannot be read)."""
    try:
        stat = os.stat(file)
    except (OSError, ValueError):
        return {}
    return _indexed_lines(file, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=4)
def _indexed_lines(file: str, mtime: int, size: int) -> dict[tuple[str | int, ...], int]:
    """:func:`_outline_lines` of one version of ``file`` (its time and size name it)."""
    import yaml

    from deckgen.errors import DeckgenError
    from deckgen.outline.load import compose_bounded, index_lines, read_outline

    lines: dict[tuple[str | int, ...], int] = {}
    try:
        node, _raw = compose_bounded(read_outline(Path(file)))
    except (DeckgenError, yaml.YAMLError):
        return lines
    if node is not None:
        index_lines(node, (), lines, [], file)
    return lines


class _Context:
    """Names where a selection is used, for messages: the outline field and the data file."""

    def __init__(self, frame: pd.DataFrame, where: Location, source: str) -> None:
        self.frame, self.where, self.source = frame, where, source

    def column(self, name: str, field: str) -> pd.Series:
        if name not in self.frame.columns:
            columns = [str(c) for c in self.frame.columns]
            raise DataError(
                Problem(
                    Location(self.where.file, self.where.line, f"{self.where.field}.{field}"),
                    f"data source {self.source!r} has no column {name!r}; "
                    f"its columns are {listed(columns)}",
                    missing_column_hint(name, columns, self.frame.attrs.get("origin"))
                    or NAME_A_COLUMN,
                )
            )
        return self.frame[name]

    def numbers(self, name: str, field: str) -> list[float | None]:
        out: list[float | None] = []
        bad: list[tuple[int, Any]] = []
        column = self.column(name, field)
        for row, value in column.items():
            try:
                number = to_quantity(value)  # '00501' is no 501 to draw (fuzzing)
            except ValueError:
                bad.append((int(row), value))
                continue
            if number in CENSUS_MARKS:  # a mark, not a value: a bar of -666,666,666
                bad.append((int(row), value))
            out.append(number)
        if _names(column, [v for _, v in bad]):
            raise DataError(self._not_numbers(name, field, [v for _, v in bad]))
        if bad:
            # Every such cell at once (up to a few), as a declared column reports them: fixed
            # one run at a time, the next would only show up on the next run.
            used = f"used by {self.where.field}.{field} ({_written_at(self.where, field)})"
            plain = ("write plain numbers such as 1234.5 (a point for decimals, commas only"
                     " between thousands), or '-' for a missing value")  # fmt: skip
            problems = [
                Problem(self._cell(row, name), f"expected a number in column {name!r}, "
                        f"found {cell_text(value)}{a_mark(value)}",
                        f"{used}; {number_hint(value) or plain}")
                for row, value in bad[:_SHOWN_CELLS]
            ]  # fmt: skip
            if len(bad) > _SHOWN_CELLS:
                more = counted(len(bad) - _SHOWN_CELLS, "more cell")
                last = problems[-1]
                problems[-1] = replace(last, message=f"{last.message} (and {more} of the "
                                       "column that are not numbers)")  # fmt: skip
            raise DataError(problems)
        self._one_dress(column, field, out)
        return out

    def _not_numbers(self, name: str, field: str, bad: list[Any]) -> Problem:
        """A column where a number is needed whose cells are mostly not numbers: the wrong
        column named, said once at the field that names it, with the columns of numbers.
        Each cell was an error of its own with a hint on writing numbers, six for a column
        of names, and a computed column was placed in the file it is not in (fuzzing)."""
        values = listed(dict.fromkeys(str(v).strip() for v in bad))
        numeric = columns_of_numbers(self.frame, name)
        where = self._written(field)
        if all(isinstance(v, str) and is_code(v) for v in bad):
            return Problem(where, f"expected a column of numbers, found {name!r} of "
                           f"{self.source!r}, a column of codes or IDs ({values}), shown as "
                           "written and never drawn as quantities",
                           f"name a column of numbers: {listed(numeric)}" if numeric else
                           "declare the column 'type: number' under the source's 'columns:' "
                           "if it holds quantities")  # fmt: skip
        fix = (f"name a column of numbers: {listed(numeric)}" if numeric else
               f"data source {self.source!r} has no column of numbers: compute one in a "
               "derived table's steps, or check the file")  # fmt: skip
        return Problem(
            where,
            f"expected a column of numbers, found {name!r} of "
            f"{self.source!r}, whose cells are mostly not numbers ({values})",
            fix,
        )

    def _written(self, field: str) -> Location:
        """The location of the selection's ``field`` on the line that writes it (see
        :func:`_written_at`), not the slide's."""
        at = _written_at(self.where, field)
        file, _, line = at.rpartition(":")
        return Location(file, int(line), f"{self.where.field}.{field}") if line.isdigit() else (
            Location(self.where.file, self.where.line, f"{self.where.field}.{field}"))  # fmt: skip

    def no_values(self, name: str, field: str, selection: Selection) -> Problem:
        """The problem of a column to sort by with no value in the rows selected: every row
        would keep the data's order, drawn as if ranked (found by fuzzing). A column with
        some values sorts them, its missing ones last."""
        rows = "the one row" if len(self.frame) == 1 else f"its {counted(len(self.frame), 'row')}"
        kept = " the filter keeps" if selection.filter else ""
        numeric = columns_of_numbers(self.frame, name)
        return Problem(
            self._written(field),
            f"column {name!r} of data source {self.source!r} has no values to sort by: every "
            f"cell of {rows}{kept} is empty, '-' or 'n/a', so the rows would keep the data's "
            "order as if sorted",
            (f"sort by a column with values, such as a column of numbers: {listed(numeric)}"
             if numeric else "fill in the values in the data, or sort by a column with "
             "values") + ("; or change the filter" if kept else ""),
        )  # fmt: skip

    def _one_dress(self, column: pd.Series, field: str, numbers: list[float | None]) -> None:
        """Cells of one column that wear different units are an error: '45%' beside '0.3'
        (is it 0.3% or 30%?) charted 45 and 0.3, and '$1200' beside '€3' put two
        currencies on one axis, without a word (found by fuzzing). A zero reads alike in
        any dress; a number with no currency sign beside some with one is let be.

        A percentage is a cell with a percent sign anywhere ('(45%)', an accounting loss, is
        one too) or one its Excel sheet formats as a percentage: a sheet's 45% (stored 0.45,
        read 45) beside a plain 0.3 was charted 45 and 0.3 (fuzzing)."""
        percent: list[int] = []
        plain: list[int] = []
        currencies: dict[str, int] = {}
        name = str(column.name)
        origin = self.frame.attrs.get("origin")
        formatted = origin.percent.get(name) if isinstance(origin, Origin) else None
        sheet_rows = formatted[1] if formatted else frozenset()

        def shown(row: int) -> str:  # a sheet's percentage as the sheet shows it
            value = column[row]
            if sheet_rows and not isinstance(value, str) and origin.row(row).line in sheet_rows:
                return f"{value:g}% (a cell the sheet formats as a percentage)"
            return cell_text(value)

        for k, (row, value) in enumerate(column.items()):
            if numbers[k] is None:
                continue
            text = value.strip() if isinstance(value, str) else ""
            if numbers[k] != 0:
                sheet = bool(sheet_rows) and origin.row(int(row)).line in sheet_rows
                (percent if "%" in text or sheet else plain).append(int(row))
            sign = next((c for c in "$€£¥" if c in text), None)
            if sign is not None:
                currencies.setdefault(sign, int(row))
        used = f"used by {self.where.field}.{field} ({_written_at(self.where, field)})"
        if percent and plain:
            few, many = (percent, plain) if len(percent) <= len(plain) else (plain, percent)
            raise DataError(Problem(
                self._cell(few[0], name),
                f"column {name!r} mixes percentages and plain numbers: "
                f"{shown(few[0])} beside {shown(many[0])}",
                f"{used}; " + ("format every cell of the column alike in the sheet (all as "
                "percentages, or none)" if formatted else "write every value alike (45% and "
                "30%, or 45 and 30)") + ", so that no value is read in another unit",
            ))  # fmt: skip
        if len(currencies) > 1:
            (a, first), (b, second) = list(currencies.items())[:2]
            raise DataError(Problem(
                self._cell(second, name),
                f"column {name!r} mixes currencies: {cell_text(column[first])} in {a} beside "
                f"{cell_text(column[second])} in {b}",
                f"{used}; convert the values to one currency, or chart each in a column of "
                "its own",
            ))  # fmt: skip

    def sort_keys(self, name: str, field: str) -> list[float | dt.date | str | None]:
        """The values to sort by: the column's dates if it is a date column, its text if no
        cell is a number or reads as a date (names, A to Z), else its numbers (a cell that
        is not one, in a column of numbers, is an error naming the cell: sorted as text, it
        would put 12,3 somewhere among them without a word)."""
        cells = list(self.column(name, field))
        present = [c for c in cells if not _missing(c)]
        if present and all(dates.is_date(c) for c in present):
            return [None if _missing(c) else c for c in cells]
        names = bool(present) and not any(_is_number(c) for c in present)
        timed = dates.in_time([None if _missing(c) else str(c) for c in cells]) if names else None
        if timed is not None:  # periods written as text one way ('Apr 30, 2024 10:00 am')
            return list[float | dt.date | str | None](timed)
        # Other text that reads as dates ('01/02/2024') is not sorted A to Z: the hint below
        # says how to declare the column a date.
        if names and dates.suggest(str(c) for c in present) is None:
            return [None if _missing(c) else str(c).casefold() for c in cells]
        try:
            return list(self.numbers(name, field))
        except DataError as exc:
            layout = dates.suggest(str(c) for c in present)
            if layout is None:
                raise
            problem = exc.problems[0]
            raise DataError(
                Problem(
                    problem.location,
                    problem.message + " (or a date)",
                    f"declare {name!r} as 'type: date' under the source's 'columns:' to sort "
                    f"by date; {layout}",
                )
            ) from None

    def problem(self, field: str, message: str, hint: str | None = None) -> Problem:
        """A problem at one of the selection's fields (``series``, ``series_order[1]``)."""
        return Problem(
            Location(self.where.file, self.where.line, f"{self.where.field}.{field}"),
            message,
            hint,
        )

    @staticmethod
    def check(problems: list[Problem]) -> None:
        if problems:
            raise DataError(problems)

    def places(self, rows: Sequence[int]) -> str:
        """Rows (positions in the source) for a message: ``gen.csv:5 and gen.csv:12``."""
        return places(self.frame.attrs.get("origin"), rows)

    def _cell(self, row: int, name: str) -> Location:
        """Where cell ``row`` (its position in the source: the index is never reset) is."""
        origin = self.frame.attrs.get("origin")
        if origin is not None:
            return origin.cell(row, name)
        file = self.frame.attrs.get("file")
        # A frame built without an origin: assume one header line.
        return (
            Location(file, row + 2, name)
            if file
            else Location(f"data source {self.source!r}", None, name)
        )


def _apply_filter(ctx: _Context, frame: pd.DataFrame, rule: RowFilter, i: int) -> pd.DataFrame:
    field = f"filter[{i}].column"
    value_at = Location(ctx.where.file, ctx.where.line, f"{ctx.where.field}.filter[{i}].value")
    keep = filter_keep(ctx.column(rule.column, field), rule,
                       lambda: ctx.numbers(rule.column, field), value_at)  # fmt: skip
    # By rows: on a table with no rows, frame[[]] would keep no columns instead.
    return frame.loc[keep]


#: Filter operators that name values (which must exist), not thresholds.
MATCHING = ("==", "!=", "in", "not in")
#: The filter operator that keeps the rows naming one kind of period (``value: month``).
IS_A = "is a"


def filter_keep(
    column: pd.Series,
    rule: RowFilter,
    numbers: Callable[[], list[float | None]],
    value_at: Location,
) -> list[bool]:
    """Which rows ``rule`` keeps, given the rule's column, its cells as numbers (read only
    for a comparison, so a text column can be filtered by value) and where the rule's value
    is written (a date column compared with what is not a date is an error there)."""
    values = rule.value if isinstance(rule.value, list) else [rule.value]
    if rule.op == IS_A:
        return [dates.period_kind(cell) == rule.value for cell in column]
    if _is_date_column(column):
        return _date_filter(list(column), rule, values, value_at)
    if rule.op in MATCHING:
        inside = _holding(column, values)
        return [bool(k) for k in (inside if rule.op in ("==", "in") else ~inside)]
    try:
        threshold = None if isinstance(values[0], bool) else to_number(values[0])
    except ValueError:
        threshold = None
    # A column of periods written as text ('2024-01', as a volunteer app's JSON writes
    # months), which its chart reads as dates: '>= 2024-01' was refused, with the fix to
    # give a number, and '< 2024' kept no row (found by a new user).
    periods = _periods_of(column)
    if periods is not None:
        return _date_filter(periods, rule, values, value_at)
    # 'abc' (or '-') as the value of a '>' on a column of text; and 1e400, which reads as
    # infinity, kept every row of a '<' without a word (fuzzing).
    if threshold is None or not math.isfinite(threshold):
        found = cell_text(values[0])
        if threshold is not None:
            found += ", a number too large to compare (it reads as infinity)"
        raise DataError(
            Problem(
                value_at,
                f"{rule.op!r} compares numbers (or dates, in a column of dates); found {found}",
                "give a number, such as value: 1000000, or use == or != to match text",
            )
        )
    compare = {
        ">": threshold.__lt__,
        ">=": threshold.__le__,
        "<": threshold.__gt__,
        "<=": threshold.__ge__,
    }[rule.op]
    return [n is not None and compare(n) for n in numbers()]


def _holding(column: pd.Series, values: list[Any]) -> pd.Series:
    """Which cells of ``column`` hold one of ``values``: as text, or as the same number.

    A number in the outline matches the cell that holds it however the file writes it:
    30 matches '30', '30.0' and a declared number column's 30.0, as ``>`` compares numbers
    (an equality filter compared text, and kept no row, found by fuzzing)."""
    # A YAML true or false matches the cells a file writes it as: JSON's 'true', a sheet's
    # 'TRUE' (read as text: excel._as_shown), and a CSV's 'True'.
    texts = {str(v).strip() for v in values}
    texts |= {t for v in values if isinstance(v, bool) for t in _BOOL_TEXTS[v]}
    inside = column.map(_as_written).isin(texts)
    numbers = {n for n in map(_number_or_none, values) if n is not None}
    if numbers:
        inside |= column.map(_number_or_none).isin(numbers)
    return inside


_BOOL_TEXTS = {True: ("true", "TRUE", "True"), False: ("false", "FALSE", "False")}


def _as_written(cell: Any) -> str:
    """A cell's text as a filter compares it. An empty cell is "" whatever read it: a
    spreadsheet's empty cell (no value) read 'nan', so `value: ""` matched a CSV's empty
    cells and no Excel one (an error listing the values 'x', 'nan')."""
    if isinstance(cell, str):
        return cell.strip()
    empty = cell is None or (isinstance(cell, float) and math.isnan(cell))
    return "" if empty or type(cell).__name__ in ("NAType", "NaTType") else str(cell).strip()


def _number_or_none(value: Any) -> float | None:
    """A cell or a filter's value as the number it matches: none for a code or an ID
    (:func:`is_code`), so 501 keeps no '00501' and ...992 no account ...993."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 2**53:
        return None  # an ID past a float's digits, compared as its text
    try:
        return to_quantity(value)
    except (ValueError, TypeError):
        return None


def _periods_of(column: pd.Series) -> list[Any] | None:
    """The periods a column of text names ('2024-01' a month), missing cells ``None``,
    where every present cell is text naming a period, all written one way; else ``None``
    (a column of numbers is compared as numbers)."""
    # A column of numbers (years written as text, '2019', too) is compared as numbers: told
    # by its first cell, so that a million rows of them are not read twice for it.
    first = next((c for c in column if not _missing(c)), None)
    if not isinstance(first, str) or _number_or_none(first) is not None:
        return None
    present = [c for c in column if not _missing(c)]
    if not all(isinstance(c, str) for c in present):
        return None
    named = dates.periods_named(present)
    if named is None:
        return None
    periods = iter(named[1])
    return [None if _missing(c) else next(periods) for c in column]


def _is_date_column(cells: pd.Series) -> bool:
    present = [c for c in cells if not _missing(c)]
    return bool(present) and all(dates.is_date(c) for c in present)


def _date_filter(cells: list[Any], rule: RowFilter, values: list[Any], at: Location) -> list[bool]:
    """Which rows of a date column pass ``rule``: its value names a date or a period (a
    month, a quarter, a year), compared as dates ('>= 2009' keeps 2009 on)."""
    op = {"in": "==", "not in": "!="}.get(rule.op, rule.op)
    keep = []
    for cell in cells:
        if _missing(cell):
            keep.append(op == "!=")
            continue
        try:
            tests = [dates.compare(cell, op, v) for v in values]
        except ValueError:
            raise DataError(
                Problem(
                    at,
                    f"{rule.column!r} is a date column, but the filter compares it with "
                    f"{rule.value!r}",
                    "write a date or a period: 2009-06-01, 2009-06, 2009-Q2, 2009 or 'June 2009'",
                )
            ) from None
        keep.append(all(tests) if op == "!=" else any(tests))
    return keep


def filter_problems(
    frame: pd.DataFrame, rule: RowFilter, source: str, value_at: Callable[[int | None], Location]
) -> list[Problem]:
    """A value ``rule`` names that no row of its column holds is a typo, never a silent
    no-op: one problem per such value (at ``value_at(k)``, ``k`` its place in a list), with
    the column's values and the nearest one. On a date column a value matches the dates
    it names (a month matches its days)."""
    if rule.op == IS_A and rule.column in frame.columns:
        return _kind_problems(frame[rule.column], rule, source, value_at(None))
    if rule.op not in MATCHING or rule.column not in frame.columns:
        return []  # comparisons need no match; a missing column is reported by selection
    column = frame[rule.column]
    cells = list(column)
    present = list(dict.fromkeys(map(_as_written, cells)))
    values = rule.value if isinstance(rule.value, list) else [rule.value]
    dated = [c for c in cells if dates.is_date(c)] if _is_date_column(column) else []
    written = set(present)
    problems = []
    for k, value in enumerate(values):
        if dated and dates.match(value, dated) is not None:
            continue
        # A value as a cell writes it is held (as _holding finds it), without a pass over
        # the column per value: a warm rebuild checks every filter of an edited table.
        if not dated and (str(value).strip() in written or _holding(column, [value]).any()):
            continue
        hint = did_you_mean(str(value), present) or "write the value as the data has it"
        if "{{" in str(value):
            # Only a data step's filter is left unbound: a slide's is filled in first
            # (the literal '{{ row.name }}' was told to be written as the data has it).
            hint = ("a data step takes no template: its table is made once, for every row "
                    "and slide; filter in the chart's or table's own 'filter:', which takes "
                    "templates ({{ row.name }})")  # fmt: skip
        problems.append(
            Problem(
                value_at(k if isinstance(rule.value, list) else None),
                f"no row of {source!r} has {rule.column} = {value!r}; its values are "
                f"{listed(present)}",
                hint,
            )
        )
    return problems


def check_filters(frame: pd.DataFrame, selection: Selection, where: Location) -> list[Problem]:
    """Every filter value of ``selection`` that matches no row (see :func:`filter_problems`)."""
    problems = []
    for i, rule in enumerate(selection.filter):

        def value_at(k: int | None, i: int = i) -> Location:
            field = f"filter[{i}].value" + ("" if k is None else f"[{k}]")
            return Location(where.file, where.line, f"{where.field}.{field}")

        problems += filter_problems(frame, rule, selection.data, value_at)
    return problems


def select_rows(
    frame: pd.DataFrame, selection: Selection, where: Location, *, panel: bool = False
) -> tuple[pd.DataFrame, _Context]:
    """Apply ``filter``, ``sort`` and ``top`` from ``selection`` to ``frame`` (``panel``:
    the rows of one panel of small multiples, whose sort column may be empty where the
    others' is not: the chart's rows are checked together, in :func:`_faceted`)."""
    ctx = _Context(frame, where, selection.data)
    for i, rule in enumerate(selection.filter):
        ctx.frame = _apply_filter(ctx, ctx.frame, rule, i)
    if selection.sort:
        keys = ctx.sort_keys(selection.sort.by, "sort.by")
        if not panel and keys and all(k is None for k in keys):
            raise DataError(ctx.no_values(selection.sort.by, "sort.by", selection))
        present = [k for k in range(len(keys)) if keys[k] is not None]
        # Stable in both directions; missing values sort last whatever the direction.
        # Largest first by default (a ranking); names A to Z unless 'descending' is said.
        down = selection.sort.descending
        if "descending" not in selection.sort.model_fields_set and any(
            isinstance(keys[k], str) for k in present
        ):
            down = False
        present.sort(key=lambda k: keys[k], reverse=down)  # type: ignore[arg-type,return-value]
        order = present + [k for k in range(len(keys)) if keys[k] is None]
        ctx.frame = ctx.frame.iloc[order]
    if selection.top:
        ctx.frame = ctx.frame.head(selection.top)
    # The index is kept: it is each row's position in the source, which names its line.
    return ctx.frame, ctx


def left_out(
    frame: pd.DataFrame, selection: Selection, column: str, name: str, where: Location
) -> str | None:
    """Why no row ``selection`` shows has ``name`` in ``column`` (a highlight that names
    nothing shown), where a row of ``frame`` has it: ``top:`` cuts it (at its place in the
    sorted rows), or a filter leaves it out; ``None`` where no row has it (a misspelling).
    A highlight of 'India' with 'top: 3' was told to write the value as the data has it,
    which it did (found by fuzzing)."""
    if column not in frame.columns:
        return None
    named = [row for row, cell in frame[column].items()
             if not is_blank(cell) and name in (str(cell), category_text(cell))]  # fmt: skip
    if not named:
        return None
    found = f"{name!r} is in the data ({places(frame.attrs.get('origin'), named)})"
    try:
        every, _ = select_rows(frame, selection.model_copy(update={"top": None}), where)
    except DataError:
        return None  # the selection's own problem is reported by itself
    kept = set(every.index)
    if not any(row in kept for row in named):
        return f"{found} but the filter leaves it out: change the filter, or remove the highlight"
    place = next(k for k, row in enumerate(every.index) if row in named) + 1
    top = selection.top
    if top is None or place <= top:
        return None
    return (f"{found} but not among the {counted(top, 'row')} top: keeps (it is "
            f"{ordinal(place)}): raise top to {place}, or remove the highlight")  # fmt: skip


def top_tie(
    frame: pd.DataFrame, selection: Selection, where: Location, name: str | None
) -> Problem | None:
    """Where ``top:`` cuts between rows whose ``sort:`` value is the same: which of them
    are shown is then decided by the order of the rows in the file, and a 'top 5' with a
    sixth row of the same value beside it says the fifth is ahead of it (found by
    fuzzing). Named by the column ``name`` (a chart's categories, a table's first column;
    ``None``: by their lines). At ``where``'s ``top``; ``None`` without a tie at the cut,
    or without ``sort:`` (the file's first rows, no ranking)."""
    top = selection.top
    if top is None or selection.sort is None:
        return None
    try:
        every, ctx = select_rows(frame, selection.model_copy(update={"top": None}), where)
        keys = ctx.sort_keys(selection.sort.by, "sort.by")
    except DataError:
        return None  # the selection's own problem is reported by itself
    if len(keys) <= top or keys[top - 1] is None or keys[top - 1] != keys[top]:
        return None
    tied = [k for k, key in enumerate(keys) if key == keys[top - 1]]
    shown = [k for k in tied if k < top]
    cut = [k for k in tied if k >= top]

    def named(rows: list[int]) -> str:
        if name is None or name not in every.columns:
            return places(every.attrs.get("origin"), [every.index[k] for k in rows])
        names = [repr(category_text(every[name].iloc[k])) for k in rows]
        return joined(names if len(names) <= 4 else [*names[:3], f"{len(names) - 3} more"])

    value = every[selection.sort.by].iloc[top - 1] if selection.sort.by in every.columns else ""
    return Problem(
        Location(where.file, where.line, f"{where.field}.top"),
        f"top: {top} cuts between rows of the same {selection.sort.by!r} "
        f"({category_text(value)}): it shows {named(shown)} and leaves out {named(cut)}, "
        "chosen by their order in the file",
        f"raise top to {tied[-1] + 1} to show every tied row"
        + (f", or lower it to {tied[0]} to show none" if tied[0] else "")
        + ", or say in the slide's note that they tie",
    )


def _present(frame: pd.DataFrame, columns: list[str]) -> list[list[Any]] | None:
    """Each of ``columns`` as its cells that hold a value; ``None`` where one is not in
    ``frame`` or holds none."""
    out = []
    for column in columns:
        cells = [c for c in frame[column].tolist() if not _missing(c)] if column in frame else []
        if not cells:
            return None
        out.append(cells)
    return out


def _dressed(cell: Any) -> re.Match[str] | None:
    """``cell``'s number in its dress (:data:`DRESS`), where it is text so written."""
    return DRESS.fullmatch(cell.strip()) if isinstance(cell, str) else None


def percent_dress(frame: pd.DataFrame, columns: list[str]) -> int | None:
    """The decimals to write ``columns`` of ``frame`` with as percentages, where each is
    one the data writes so: a sheet's cells formatted as a percentage (read as shown, 0.236
    as 23.6), or text cells each written with its '%' ('23.6%'); ``None`` where one is not
    (or holds no value). At most two decimals, as many as the data shows."""
    present = _present(frame, columns)
    if present is None:
        return None
    origin = frame.attrs.get("origin")
    decimals = 0
    for column, cells in zip(columns, present, strict=True):
        if isinstance(origin, Origin) and column in origin.percent:
            values = [v for v in (_number_or_none(c) for c in cells) if v is not None]
            decimals = max(decimals, *(_decimals_of(v) for v in values), 0)
            continue
        found = [_dressed(c) for c in cells]
        if not all(m is not None and m["after"] == "%" and not m["currency"] for m in found):
            return None
        numbers = [m["number"] for m in found if m is not None]
        decimals = max(decimals, *(len(n.rpartition(".")[2]) for n in numbers if "." in n), 0)
    return min(decimals, 2)


def currency_dress(frame: pd.DataFrame, columns: list[str]) -> tuple[str, str] | None:
    """The currency sign ``columns`` of ``frame`` are written with, before the number or
    after it (``('$', '')``, ``('', ' €')``), where each is a sheet's column of numbers
    formatted with it (:attr:`Origin.currency`) or every cell of it is text so written
    ('$1,200', '12,50 €'), all with the one sign; else ``None``."""
    present = _present(frame, columns)
    if present is None:
        return None
    origin = frame.attrs.get("origin")
    sheet = origin.currency if isinstance(origin, Origin) else {}
    found: set[tuple[str, str]] = set()
    for column, cells in zip(columns, present, strict=True):
        if column in sheet:
            found.add(sheet[column][:2])
            continue
        for match in map(_dressed, cells):
            if match is None or not (match["currency"] or match["after"] not in (None, "%")):
                return None
            before = match["currency"]
            found.add((before, "") if before else ("", f" {match['after']}"))
    return found.pop() if len(found) == 1 else None


def _decimals_of(value: float) -> int:
    """The decimals ``value`` shows, up to two (23.6: 1; 45.0: 0)."""
    for decimals in (0, 1):
        if abs(value * 10**decimals - round(value * 10**decimals)) < 1e-6:
            return decimals
    return 2


def ordinal(number: int) -> str:
    """'1st', '2nd', '3rd', '4th', '11th', '22nd'."""
    if 10 <= number % 100 <= 20:
        return f"{number}th"
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def chart_data(
    frame: pd.DataFrame, spec: ChartSpec, where: Location, *, panel: bool = False
) -> ChartData:
    """The categories and series ``spec`` shows, scaled, (optionally) transposed, and
    (optionally) indexed to 100 at ``spec.index``.

    Wide data has a y column per series; long data (``series:``) has one y column and a
    column naming each row's series: one series per distinct value, in the order the rows
    first name them (``series_order`` first), a category a series has no row for a gap.

    Inside :func:`remembering` (a build), remembered for the same frame and an equal
    spec: a chart's data is selected when its slide is checked and planned, and again for
    each card and card layout that shows it.
    """
    memo = _SELECTED.get()
    if memo is None:
        return _chart_data(frame, spec, where, panel=panel)
    try:
        key = (id(frame), type(spec).__name__, spec.model_dump_json(), panel)
    except ValueError:  # a spec the serializer refuses (none today): selected afresh
        return _chart_data(frame, spec, where, panel=panel)
    hit = memo.get(key)
    if hit is not None and hit[0] is frame:
        return hit[1]
    data = _chart_data(frame, spec, where, panel=panel)
    memo[key] = (frame, data)  # the frame held: its id is not reused meanwhile
    return data


_Selected = dict[tuple[int, str, str, bool], tuple["pd.DataFrame", ChartData]]
#: :func:`chart_data` by frame and spec, while a build runs (see :func:`remembering`).
_SELECTED: contextvars.ContextVar[_Selected | None] = contextvars.ContextVar(
    "selected", default=None
)


def remembering() -> AbstractContextManager[_Selected | None]:
    """Remember each chart's data until the block ends (a build: its frames are not
    changed in place meanwhile, so a frame is known by its identity; ChartData is
    immutable)."""
    return scoped(_SELECTED, {})


def _chart_data(
    frame: pd.DataFrame, spec: ChartSpec, where: Location, *, panel: bool = False
) -> ChartData:
    if spec.facet is not None:
        return _faceted(frame, spec, where)
    _rows, ctx = select_rows(frame, spec, where, panel=panel)
    # Every column the chart names is looked for before any cell is read: one the data
    # lacks is the problem to fix (a second header row read as data was blamed instead,
    # and the missing columns never said; found by fuzzing).
    problems: list[Problem] = []
    named = [("x", spec.x)] + [("y" if isinstance(spec.y, str) else f"y[{k}]", name)
                               for k, name in enumerate(spec.y_columns)]  # fmt: skip
    for field, name in named:
        try:
            ctx.column(name, field)
        except DataError as exc:
            problems += exc.problems
    ctx.check(problems)
    x_cells = list(ctx.column(spec.x, "x"))
    if not x_cells:
        raise no_rows(frame, spec.data, where)
    x_dates = _x_dates(ctx, spec, x_cells)
    if x_dates is None:  # a date column names its missing dates itself
        ctx.check(unlabelled(ctx, spec.x, x_cells))
        # Days written as a program writes them (an API's '2023-03-01T00:00:00Z', an
        # export's '2023-03-01'), and months as statistics offices code them ('2023 JAN',
        # '2023M01'), are dates, as if the column were declared one, on every chart: bars
        # over an API's days were named '2023-03-01T00:00:00Z', every second one left out
        # for want of room (found in review). The categories keep their text.
        x_dates = dates.read_coded(x_cells)
    if x_dates is not None and spec.sort is None:
        # A time runs forwards: rows in date order (after `top`, which keeps file order).
        order = sorted(range(len(x_dates)), key=x_dates.__getitem__)
        ctx.frame = ctx.frame.iloc[order]
        x_dates = [x_dates[k] for k in order]
    elif spec.sort is None and getattr(type(spec), "time_axis", False):
        # Periods written as text or numbers run forwards too: a database export's 2021,
        # 2019, 2020 drew a path that zig-zagged back in time, and 'rose' where it fell;
        # a table published newest first (FY2023 ... FY2020, or an unpivot of a sheet's
        # date headers, '2023-03-01' ...) was drawn backwards, and a CAGR bracket pointed
        # from right to left (both found by fuzzing). The cells keep their text.
        in_time = dates.time_order(x_cells)
        if in_time is not None and in_time != sorted(in_time):
            ctx.frame = ctx.frame.iloc[in_time]
        elif in_time is None:
            ctx.check(_days_either_way(ctx, spec, x_cells))
    xs = [category_text(c) for c in ctx.column(spec.x, "x")]  # a date column's: its dates
    if spec.series is not None:
        categories, series = _long(ctx, spec, xs, panel)
        if x_dates is not None:  # one date per category (each row of it has the same)
            date_of = dict(zip(xs, x_dates, strict=True))
            x_dates = [date_of[c] for c in categories]
    else:
        categories = xs
        series = []
        problems = []
        for k, name in enumerate(spec.y_columns):
            field = "y" if isinstance(spec.y, str) else f"y[{k}]"
            values = [None if v is None else v * spec.scale for v in ctx.numbers(name, field)]
            series.append(Series(spec.series_labels.get(name, name), tuple(values)))
            if all(v is None for v in values) and not panel:
                problems.append(all_missing(ctx, spec, field, f"column {name!r}"))
            problems += scaled_twice(ctx, spec, name)
        # Along an ordered x (a line, an area, dates), a repeated x is a jump back in time;
        # a part of a whole named twice (two slices, two steps 'A') is data not added up
        # (found by fuzzing); bars of one name (two 'Anonymous' donors) are the data as
        # it is, drawn and said (repeated_names), unless the highlight names them
        # (ChartKind.check).
        kind = type(spec)
        once = getattr(kind, "time_axis", False) or getattr(kind, "parts_named_once", False)
        repeated = _repeats(ctx, spec, [(x,) for x in xs])[1] if x_dates is not None or once else []
        ctx.check(repeated + problems)
    if spec.transpose:
        columns = [s.name for s in series]
        series, categories = (
            [Series(cat, tuple(s.values[i] for s in series)) for i, cat in enumerate(categories)],
            columns,
        )
        x_dates = None
        if not panel:
            ctx.check(_empty_rows(ctx, spec, series, columns))
    # Days on the first of each month are months (dates.as_periods); the categories keep
    # their text, as a highlight or a note names them.
    if x_dates is not None and not panel:  # small multiples are read together (_shared)
        x_dates = dates.as_periods(x_dates)
    data = ChartData(tuple(categories), tuple(series),
                     None if x_dates is None else tuple(x_dates))  # fmt: skip
    if not panel:  # small multiples are dated together (_faceted)
        data = at_their_dates(data, spec)
    return data if spec.index is None else indexed(data, spec.index, where)


def at_their_dates(data: ChartData, spec: ChartSpec) -> ChartData:
    """``data`` with its categories placed at their dates, as a column declared a date is,
    when they all name periods of one kind that a date writes as they do (years: 2010,
    '2010', 2010.0; quarters: '2023 Q1'; months: 'Mar 2023', '2023-03'; days: '2023-03-01',
    '21.01.2024'; :data:`dates.PLACED`) with uneven steps, and the chart draws along time
    (a flag of its type) in time order. On a category axis survey waves of 2000, 2010,
    2015, 2020, 2021 stood equally far apart, so a decade read as steep as a year (found
    by fuzzing); so did days 1, 2, 3, 13 and 46 days on, and quarters with a year of them
    missing, while a CAGR bracket over them counted the true time (found by review).
    Evenly spaced periods are left as they were: their picture is the same, and their
    tick labels stay the text itself. Days written as ISO dates or timestamps at midnight
    (an export's, an API's, an unpivot of a sheet's date headers) and months as offices
    code them (:func:`dates.read_coded`: the writing :func:`_chart_data` reads as dates,
    here a transposed table's series names) are placed however they step, and so written
    as a declared date column's are. Periods that cannot be placed are said by
    :func:`unplaced_periods`."""
    if (data.x_dates is not None or spec.sort is not None
            or not getattr(type(spec), "time_axis", False)):  # fmt: skip
        return data
    found = dates.periods_named(data.categories)
    if found is None or found[0] not in dates.PLACED:
        return data
    writing, periods = found
    when = dict(zip(data.categories, periods, strict=True))
    # ISO days are a program's writing, not the team's: placed at their dates, they are
    # written as dates are ('Jan 5, 2023'; months as months, see dates.as_periods), not
    # as '2023-01-05' under every tick and 'in 2023-01-05' read aloud (found in review).
    if (
        not dates.uneven(sorted(set(periods)), writing)
        and dates.read_coded(data.categories) is None
    ):
        return data

    when = dict(zip(when, dates.as_periods(list(when.values())), strict=True))

    def dated(d: ChartData) -> ChartData:
        return replace(d, x_dates=tuple(when[c] for c in d.categories))

    return replace(dated(data), facets=tuple((name, dated(d)) for name, d in data.facets))


def repeated_names(data: ChartData, spec: ChartSpec) -> tuple[str, str] | None:
    """What a chart draws unlike its data, and the fix, when its categories name one thing
    on several rows: the World Bank's file holds a row per country and indicator, and a
    bar chart of its '2023' column drew two bars named 'Germany' (its growth and its
    inflation) without a word (found in review). Drawn as the data is (two anonymous donors
    are two bars), but said. A chart along time or of parts refuses them already, and the
    rows of long data are told apart by their series."""
    kind = type(spec)
    if getattr(kind, "time_axis", False) or getattr(kind, "parts_named_once", False):
        return None
    seen: dict[str, int] = {}
    for name in data.categories:
        seen[str(name)] = seen.get(str(name), 0) + 1
    twice = [name for name, n in seen.items() if n > 1]
    if not twice:
        return None
    each = " each" if len(twice) > 1 else ""
    return (
        f"the x column {spec.x!r} names {listed(twice)} on more than one row{each}: drawn "
        "as marks of one name side by side, which a reader cannot tell apart",
        "keep one row per name with a filter on the column that tells them apart (an "
        "indicator, a year, a unit), "
        # Not rates: the months of two years added up gave 11.6% for 8.7% and 2.9%
        # (found in review).
        + (
            "or chart that column as series:"
            if spec.format.style == "percent"
            else "chart that column as series:, or add the rows up first (a group step)"
        ),
    )


def unplaced_periods(data: ChartData, spec: ChartSpec) -> tuple[str, str] | None:
    """What a chart along time draws unlike its data, and the fix, when its categories name
    periods with uneven steps that :func:`at_their_dates` cannot place, so each takes one
    slot: fiscal or split years ('FY2019', 'FY2021', 'FY2022'), and days that read day or
    month first ('01/02/2024': which is not guessed), uneven in a reading that has them in
    time order. ``None`` otherwise (a chart sorted by value, or across names)."""
    if (data.x_dates is not None or spec.sort is not None
            or not getattr(type(spec), "time_axis", False)):  # fmt: skip
        return None
    cats = data.categories
    yearless = _yearless_order(cats)
    if yearless is not None and not yearless[1]:
        kind = yearless[0]
        return (
            f"the x column {spec.x!r} names {kind} without their year, out of the calendar's "
            f"order ({cats[0]!r}, {cats[1]!r} ... {cats[-1]!r}): drawn in the file's order, "
            "the chart runs back and forth in time",
            "put the rows in time order (in the file, or with a sort step by the columns "
            "that order them in time, such as year and month), or chart a column of dates, "
            "which is placed in time",
        )
    if yearless is not None:
        kind = yearless[0]
        return (
            f"the x column {spec.x!r} names {kind} without their year, newest first "
            f"({cats[0]!r}, {cats[1]!r} ... {cats[-1]!r}): drawn in the file's order, the "
            f"chart runs back in time, its last point the oldest {kind[:-1]}",
            "put the rows oldest first (a sort step by the columns that order them in time, "
            "such as year and month), or chart a column of dates, which is placed in time",
        )
    if (years := _years_run_back(cats)) is not None:
        return (
            f"the x column {spec.x!r} names periods newest first, their years running from "
            f"{years[0]} to {years[1]} ({cats[0]!r} ... {cats[-1]!r}): drawn in the file's "
            "order, the chart runs back in time, its last point the oldest",
            "put the rows oldest first (in the file, or with a sort step by columns that "
            "order them in time, such as year and period)",
        )
    if (strays := _strays_among_periods(cats)) is not None:
        kind, named, others = strays
        one = len(others) == 1
        shown = joined([repr(c) for c in others[:3]]) + (" ..." if len(others) > 3 else "")
        return (
            f"the x column {spec.x!r} names {counted(len(named), kind)} and "
            f"{counted(len(others), 'cell')} that {'names' if one else 'name'} no period "
            f"({shown}): drawn along time as {'a point' if one else 'points'} of "
            f"{'its' if one else 'their'} own, the periods in the rows' order around "
            f"{'it' if one else 'them'}",
            f"leave {'it' if one else 'them'} out: {leave_out_strays(spec.x, kind, others)} "
            "(a column an unpivot took in beside the periods, such as an annual total, is "
            "left out naming the others in the unpivot's columns: [...])",
        )
    found = dates.periods_named(cats)
    why = ""
    if found is None and (mixed := _mixed_periods(cats)):
        most = max(reversed(mixed), key=lambda kind: len(mixed[kind]))  # ties: the finer
        return (
            f"the x column {spec.x!r} mixes periods of different lengths "
            f"({_kinds_said(mixed)}), each drawn one slot from the next: a year as wide as "
            "a month",
            "keep one kind of period in the rows the chart shows (a statistics office's "
            "series, such as the ONS's, stacks its years, quarters and months in one "
            f"column): filter: {{column: {spec.x}, op: is a, value: {most}}}",
        )
    if found is not None:
        writing, periods = found
        ordered = sorted(set(periods))
        if writing in dates.PLACED or not dates.uneven(ordered, writing):
            return None
        fix = (f"add a row with no value ('-') for each {writing} missing between them, so "
               "each takes its slot and the gap shows")  # fmt: skip
        if writing == "time":
            # Moments (posts, sessions) happen when they do: no row is missing between
            # them, and a row for each missing minute could not be written (found in
            # review). Columns, one a moment, claim no even steps.
            fix = ("moments are not placed at their times: chart them as columns, one a "
                   "moment (type: bar), whose slots claim no even steps")  # fmt: skip
    else:
        readings = {f: d for f, d in dates.either_way(cats).items() if d == sorted(d)}
        uneven = [f for f, d in readings.items() if dates.uneven(sorted(set(d)), "day")]
        if not uneven:
            return None
        writing, ordered = "day", sorted(set(readings[uneven[0]]))
        why = (": whether they are written day or month first is not guessed, so they are "
               "not placed at their dates")  # fmt: skip
        fix = (f"declare the column a date in the data source {spec.data!r}, so each day is "
               f"placed at its date: {_declared_days(spec.x, tuple(readings))}")  # fmt: skip
    gaps = dates.steps(ordered, writing)
    unit = dates.STEP_UNITS[writing]
    return (
        f"the x column {spec.x!r} names {counted(len(ordered), writing)}, {cats[0]!r} to "
        f"{cats[-1]!r}, {min(gaps)} to {counted(max(gaps), unit)} apart, yet each is drawn "
        f"one slot from the next: {counted(max(gaps), unit)} as wide as "
        f"{counted(min(gaps), unit)}{why}",
        fix,
    )


def columns_run_back(data: ChartData, spec: ChartSpec) -> tuple[str, str] | None:
    """What a chart of columns draws unlike its data, and the fix, when its categories name
    periods newest first, in the file's order: X's account overview writes its days so
    ('Thu, Mar 14, 2024' down to 'Fri, Mar 1, 2024'), and a bar chart of them ran back in
    time, right to left, without a word, where a line over the same column is put in time
    order (found in review). Only columns (upright bars, grouped or stacked too) in
    the rows' order: a chart sorted by value is read by size, a horizontal bar's rows top
    to bottom as a table's are."""
    kind = type(spec)
    columns = getattr(kind, "from_zero", False) and getattr(kind, "value_along", "y") == "y"
    if (spec.sort is not None or getattr(kind, "time_axis", False) or not columns
            or len(data.categories) < 3):  # fmt: skip
        return None
    cats = data.categories
    found = dates.periods_named(cats)
    if found is None:
        return None
    writing, periods = found
    if not all(b < a for a, b in itertools.pairwise(periods)):
        return None
    return (
        f"the x column {spec.x!r} names {counted(len(cats), writing)} newest first "
        f"({cats[0]!r} ... {cats[-1]!r}): drawn in the rows' order, the columns run back "
        "in time, right to left",
        f"put them oldest first: sort: {{by: {spec.x}, descending: false}}",
    )


#: Words that name a column of days ('Week starting', 'Date', 'Month').
_DAYS_COLUMN = re.compile(r"\b(date|day|days|week|weeks|month|months|period|starting|ending)\b",
                          re.IGNORECASE)  # fmt: skip


def excel_days(data: ChartData, spec: ChartSpec) -> tuple[str, str] | None:
    """What a chart draws unlike its data, and the fix, when its categories are whole
    numbers as Excel stores days in cells formatted as numbers (46300 is 2026-10-05), in a
    column named for days or stepping by a day or a week: a weekly line was ticked
    '46300 46307 ...' and said 'rose from 97 in 46300', check clean (found in review)."""
    cats = data.categories
    if len(cats) < 2:
        return None
    try:
        days = [float(c) for c in cats]
    except ValueError:
        return None
    if not all(d.is_integer() and int(d) in dates.EXCEL_DAYS for d in days):
        return None
    steps = {int(b - a) for a, b in itertools.pairwise(sorted(set(days)))}
    if not (_DAYS_COLUMN.search(str(spec.x)) or steps <= {1} or steps <= {7}):
        return None
    first, last = (dates.excel_day(int(d)).isoformat() for d in (min(days), max(days)))
    return (
        f"the x column {spec.x!r} holds {cats[0]} ... {cats[-1]}, whole numbers as Excel "
        f"stores the days {first} to {last} in cells formatted as numbers: the chart and "
        "its alt text write the numbers",
        "format the column's cells as dates in Excel and save it again (a date cell is "
        "read as its day)",
    )


def _years_run_back(cells: Sequence[str]) -> tuple[int, int] | None:
    """The first and last years when every one of ``cells`` names one year (1800-2099) in a
    writing not read as a period ('1. Quartal 2024', 'Semaine 4 2024') and the years never
    rise and fall from first to last: a newest-first series in a spelling no reader knows,
    drawn back in time without a word (found in review); else ``None``."""
    if len(cells) < 2 or dates.periods_named(cells) is not None:
        return None
    years = []
    for cell in cells:
        found = _A_YEAR.findall(str(cell))
        if len(found) != 1:
            return None
        years.append(int(found[0]))
    if years[0] > years[-1] and all(b <= a for a, b in itertools.pairwise(years)):
        return years[0], years[-1]
    return None


#: A year within a period's name: four digits alone, 1800 to 2099.
_A_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")


def _yearless_order(cells: Sequence[str]) -> tuple[str, bool] | None:
    """('months' or 'days', True) when ``cells`` are two or more month names ('October',
    'Sep') or days ('Apr 30', '30 April') without a year, each before the one before it,
    within a year: an API's newest-first rows (the BLS answers October, September,
    August...; a dashboard's last 30 days), which a line drew back in time, its end label
    the oldest value, without a word (found in review). (kind, False) when they run
    neither way within a year ('March, January, February, April': a line back and forth
    in time, found by fuzzing); ``None`` when they run forwards, or are no such names.
    With their year they are dates, placed in time."""

    def place(cell: str, layouts: tuple[str, ...]) -> int | None:
        for layout in layouts:
            try:
                read = dt.datetime.strptime(f"{cell.strip()} 2000", f"{layout} %Y")
            except ValueError:
                continue
            # Months count in months ('July, January': six either way, not said), days in days.
            return read.month if layouts[0] == "%B" else read.timetuple().tm_yday
        return None

    if len(cells) < 2 or not all(isinstance(c, str) for c in cells):
        return None
    for kind, layouts in (("months", ("%B", "%b")),
                          ("days", ("%b %d", "%B %d", "%d %b", "%d %B"))):  # fmt: skip
        found = [d for c in cells if (d := place(c, layouts)) is not None]
        if len(found) < len(cells) or len(set(found)) < len(found):
            continue
        # Read forwards and backwards in time, the shorter span is meant ('January, March'
        # is two months forwards, not ten back; 'October, July, April' six months back).
        year = 12 if kind == "months" else 366
        back = sum((a - b) % year for a, b in itertools.pairwise(found))
        forth = sum((b - a) % year for a, b in itertools.pairwise(found))
        if back < forth:
            return kind, True
        return (kind, False) if forth >= year else None  # neither way within a year
    return None


#: A year as written in a cell: '2022 Annual', '2024 (est.)'.
_A_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|2[01]\d\d)(?!\d)")


def _strays_among_periods(cells: Sequence[str]) -> tuple[str, list[str], list[str]] | None:
    """The kind of period most ``cells`` name, those cells, and the few others (at most a
    quarter as many, of four periods at least) that name none and no year of their own:
    an annual total or a note column an unpivot took in beside the months ('2022 Annual'
    among BLS's months of 2022) or years ('Estimates Start After' after the IMF's 2029),
    each drawn as one more point, where its line ran back through the years (found in
    review). A cell naming a year the periods do not ('2024 (est.)' after 2023, '2020*'
    between 2019 and 2021) is a period marked, not a stray."""
    kinds: dict[str, list[str]] = {}
    others: list[str] = []
    for cell in cells:
        # Fiscal and split years too, which a chart does not place ('Total' after 2019/20
        # to 2023/24 was drawn as the last point, the years newest first, unsaid: found by
        # a new user).
        kind = dates.writing_of(cell)
        (others if kind is None else kinds.setdefault(kind, [])).append(cell)
    if not others or len(kinds) != 1:
        return None
    ((most, periods),) = kinds.items()
    if len(periods) < 4 or 4 * len(others) > len(periods):
        return None
    years = {year for cell in periods for year in _A_YEAR.findall(cell)}
    strays = [c for c in others if set(_A_YEAR.findall(c)) <= years]
    return (most, periods, strays) if strays == others else None


def leave_out_strays(column: str, kind: str, strays: list[str]) -> str:
    """The filter that keeps the periods of a column and leaves out ``strays``: by kind
    where ``op: is a`` knows it, else by the strays' names (a fiscal or split year)."""
    from deckgen.outline.schema import PERIOD_KINDS

    if kind in PERIOD_KINDS:
        return f"filter: {{column: {column}, op: is a, value: {kind}}}"
    if len(strays) == 1:
        return f"filter: {{column: {column}, op: '!=', value: {yaml_scalar(strays[0])}}}"
    names = ", ".join(yaml_scalar(s) for s in strays)
    return f"filter: {{column: {column}, op: not in, value: [{names}]}}"


def _mixed_periods(cells: Sequence[str]) -> dict[str, list[str]]:
    """The cells of each kind of period ``cells`` mix (``{'year': ['2021', '2022'],
    'quarter': ['2022 Q3'], ...}``, in the order first met), when every cell names a year,
    a quarter, a month or a day and they are not all of one kind; else none."""
    kinds: dict[str, list[str]] = {}
    for cell in cells:
        kind = dates.period_kind(cell)
        if kind is None:
            return {}
        kinds.setdefault(kind, []).append(cell)
    return kinds if len(kinds) > 1 else {}


def _kinds_said(kinds: dict[str, list[Any]]) -> str:
    """Each kind with its first cell: "years ('2021'), quarters ('2022 Q3')"."""
    return ", ".join(f"{kind}s ({cell_text(cells[0])})" for kind, cells in kinds.items())


def _kind_problems(column: pd.Series, rule: RowFilter, source: str,
                   at: Location) -> list[Problem]:  # fmt: skip
    """``op: is a`` naming a kind of period no cell of ``column`` names is a typo or the
    wrong column, never a filter that keeps nothing: one problem saying what the cells are."""
    kinds: dict[str, list[Any]] = {}
    others: list[Any] = []
    for cell in column:
        if _missing(cell):
            continue
        kind = dates.period_kind(cell)
        if kind is None:
            others.append(cell)
        else:
            kinds.setdefault(kind, []).append(cell)
    if rule.value in kinds:
        return []
    said = [_kinds_said(kinds)] if kinds else []
    if others:
        shown = ", ".join(cell_text(c) for c in list(dict.fromkeys(others))[:3])
        one = len(others) == 1
        said.append(f"{len(others)} {'cell names' if one else 'cells name'} no period "
                    f"({shown})")  # fmt: skip
    return [Problem(
        at,
        f"no cell of {rule.column!r} in data source {source!r} names a {rule.value}: "
        f"{'; '.join(said) or 'it has no value'}",
        f"name the kind of period the rows to keep are: {one_of(list(kinds))}"
        if kinds else "name the column of periods to filter",
    )]  # fmt: skip


#: The most panels a chart of small multiples draws: past a dozen, none is readable.
MAX_PANELS = 12


def _faceted(frame: pd.DataFrame, spec: ChartSpec, where: Location) -> ChartData:
    """Small multiples: the rows the chart's filter keeps, split by the ``facet`` column's
    values (``facet_order`` first, the rest as the rows first name them); each panel is
    selected as a chart of its own (its sort, top and index apply within the panel), then
    every panel is given every panel's categories and series, so the panels share one
    category axis and one colour per series (a category a panel lacks is a gap)."""
    assert spec.facet is not None
    ctx = _Context(frame, where, spec.data)
    for i, rule in enumerate(spec.filter):
        ctx.frame = _apply_filter(ctx, ctx.frame, rule, i)
    cells = list(ctx.column(spec.facet, "facet"))
    positions = [int(p) for p in ctx.frame.index]
    blank = [p for p, c in zip(positions, cells, strict=True) if is_blank(c)]
    problems = []
    if blank:
        problems.append(ctx.problem("facet", f"{ctx.places(blank)} name no panel: their "
                                    f"{spec.facet!r} cell is empty",
                                    "fill in the cells, or filter those rows out"))  # fmt: skip
    names = [category_text(c) for c in cells]
    present = list(dict.fromkeys(n for n, c in zip(names, cells, strict=True) if not is_blank(c)))
    for k, wanted in enumerate(spec.facet_order):
        if wanted not in present:
            field = "facet_order" + (f"[{k}]" if len(spec.facet_order) > 1 else "")
            problems.append(ctx.problem(
                field,
                f"{wanted!r} matches no value of the facet column {spec.facet!r}; its values "
                f"are {listed(present)}",
                did_you_mean(wanted, present) or "write the value as the data has it",
            ))  # fmt: skip
    if len(present) > MAX_PANELS:
        problems.append(ctx.problem(
            "facet",
            f"{spec.facet!r} has {len(present)} values, so the chart would draw "
            f"{len(present)} panels; small multiples stay readable up to {MAX_PANELS}",
            f"filter the rows to the panels that tell the story, e.g. filter: [{{column: "
            f"{spec.facet}, op: in, value: [{', '.join(present[:3])}]}}]",
        ))  # fmt: skip
    if spec.sort and len(ctx.frame):  # each panel sorts its own rows: one may have none
        keys = ctx.sort_keys(spec.sort.by, "sort.by")
        if all(k is None for k in keys):
            problems.append(ctx.no_values(spec.sort.by, "sort.by", spec))
    ctx.check(problems)
    if not present:
        raise no_rows(frame, spec.data, where)
    order = [*dict.fromkeys(spec.facet_order), *(n for n in present if n not in spec.facet_order)]
    # Each panel as a chart of its own: the filter has been applied to all of them.
    single = spec.model_copy(update={"facet": None, "facet_order": [], "filter": []})
    panels = [
        (name, chart_data(ctx.frame[[n == name for n in names]], single, where, panel=True))
        for name in order
    ]
    ctx.check(_hollow_panels(ctx, spec, panels, names, positions))
    # One axis for every panel: dated when all their years together are uneven.
    data = at_their_dates(_shared(panels), spec)
    # A panel may lack a series (one country with no 2019 values); the chart may not.
    shown = [p for _, d in data.facets for p in d.series]
    empty = [n for n in dict.fromkeys(p.name for p in shown)
             if all(v is None for p in shown if p.name == n for v in p.values)]  # fmt: skip
    ctx.check([all_missing(ctx, spec, "y", f"series {n!r}") for n in empty])
    return data


def _shared(panels: list[tuple[str, ChartData]]) -> ChartData:
    """Panels given one category axis and one set of series (a category or series a panel
    has no value for is a gap), unless a panel sorts or cuts its own rows (then each keeps
    its own categories); and the chart's data, which carries them."""
    datas = [d for _, d in panels]
    dated = all(d.x_dates is not None for d in datas)
    date_of: dict[str, dt.date] = {}
    for d in datas:
        if dated and d.x_dates is not None:
            date_of.update(zip(d.categories, d.x_dates, strict=True))
    # Every panel's days read as months (or years) together, or none (dates.as_periods).
    date_of = dict(zip(date_of, dates.as_periods(list(date_of.values())), strict=True))
    categories = list(dict.fromkeys(c for d in datas for c in d.categories))
    if dated:
        categories.sort(key=date_of.__getitem__)
    names = list(dict.fromkeys(s.name for d in datas for s in d.series))
    same_order = all(
        list(d.categories) == [c for c in categories if c in d.categories] for d in datas
    )
    shared = [
        (name, ChartData(tuple(categories), _realigned(d, categories, names),
                         tuple(date_of[c] for c in categories) if dated else None))
        if same_order else
        (name, replace(d, x_dates=tuple(date_of[c] for c in d.categories)) if dated else d)
        for name, d in panels
    ]  # fmt: skip
    everything = list(dict.fromkeys(c for _, d in shared for c in d.categories))
    series = [
        Series(f"{name} · {s.name}", s.values)
        for name, d in shared
        for s in _realigned(d, everything, [s.name for s in d.series])
    ]
    return ChartData(
        tuple(everything),
        tuple(series),
        tuple(date_of[c] for c in everything) if dated else None,
        tuple(shared),
    )


def _realigned(data: ChartData, categories: list[str], names: list[str]) -> tuple[Series, ...]:
    """``data``'s series ``names`` along ``categories`` (a gap where it has no value)."""
    at = {c: i for i, c in enumerate(data.categories)}
    by_name = {s.name: s.values for s in data.series}
    return tuple(
        Series(n, tuple(by_name[n][at[c]] if n in by_name and c in at else None
                        for c in categories))
        for n in names
    )  # fmt: skip


def _long(
    ctx: _Context, spec: ChartSpec, xs: list[str], panel: bool = False
) -> tuple[list[str], list[Series]]:
    """Categories and series of long data (``xs``: each row's category): a series per
    value of the ``series`` column."""
    assert spec.series is not None
    keys = list(ctx.column(spec.series, "series"))
    values = [None if v is None else v * spec.scale for v in ctx.numbers(spec.y_columns[0], "y")]
    positions = [int(p) for p in ctx.frame.index]
    problems = scaled_twice(ctx, spec, spec.y_columns[0])
    blank = [p for p, k in zip(positions, keys, strict=True) if is_blank(k)]
    if blank:
        problems.append(
            ctx.problem(
                "series",
                f"{ctx.places(blank)} name no series: their {spec.series!r} cell is empty",
                "fill in the cells, or filter those rows out",
            )
        )
    names = [category_text(k) for k in keys]
    present = _in_time_order(
        list(dict.fromkeys(n for n, k in zip(names, keys, strict=True) if not is_blank(k)))
    )
    for k, wanted in enumerate(spec.series_order):
        if wanted not in present:
            field = "series_order" + (f"[{k}]" if len(spec.series_order) > 1 else "")
            problems.append(
                ctx.problem(
                    field,
                    f"{wanted!r} matches no value of the series column {spec.series!r}; "
                    f"its values are {listed(present)}",
                    did_you_mean(wanted, present) or "write the value as the data has it",
                )
            )
    first, repeated = _repeats(ctx, spec, list(zip(xs, names, strict=True)))
    problems += repeated
    problems += _unknown_labels(ctx, spec, present, f"values of {spec.series!r}")
    ctx.check(problems)
    categories = list(dict.fromkeys(xs))
    if spec.sort is None:
        # Periods in time order, not as the rows first name them: where the first series
        # lacks one (2021 and 2023 of 'a', then 2021-2023 of 'b'), 2022 was drawn after
        # 2023 in grouped and stacked bars, without a word (found by fuzzing).
        categories = _in_time_order(categories)
    ordered = [*dict.fromkeys(spec.series_order), *(n for n in present
                                                     if n not in spec.series_order)]  # fmt: skip
    series = [
        Series(
            spec.series_labels.get(name, name),
            tuple(values[first[(c, name)]] if (c, name) in first else None for c in categories),
        )
        for name in ordered
    ]
    if panel:  # a panel may lack a series; the chart as a whole is checked
        return categories, series
    if all(v is None for v in values):
        ctx.check([all_missing(ctx, spec, "y", f"column {spec.y_columns[0]!r}")])
    ctx.check([
        all_missing(ctx, spec, "series", f"series {s.name!r} (column {spec.y_columns[0]!r})")
        for s in series
        if all(v is None for v in s.values)
    ])  # fmt: skip
    return categories, series


def _in_time_order(names: list[str]) -> list[str]:
    """Series names in the order they first appear, or, when every one names a period
    written one way ('2014', '2023-Q1', 'June 2009', 'FY2023', '2023/24'), in time order,
    as a line's categories are (:func:`~deckgen.tables.dates.time_order`): a sort by value
    drew 2023 before 2014, and the alt text then read a rise as a fall (found by fuzzing);
    a legend of FY2023 and FY2022 kept the file's order."""
    order = dates.time_order(names)
    return names if order is None else [names[k] for k in order]


def _repeats(
    ctx: _Context, spec: ChartSpec, keys: list[tuple[str, ...]]
) -> tuple[dict[tuple[str, ...], int], list[Problem]]:
    """Each point's first row (by its key: the category, and for long data its series),
    and a problem if rows repeat a key: a chart shows one value per point, and a second
    row for one would draw a second bar of the same name, or a jump in a line."""
    columns = [spec.x, *([spec.series] if spec.series is not None else [])]
    positions = [int(p) for p in ctx.frame.index]
    first: dict[tuple[str, ...], int] = {}
    twice: dict[tuple[str, ...], list[int]] = {}
    for i, key in enumerate(keys):
        if key in first:
            twice.setdefault(key, [positions[first[key]]]).append(positions[i])
        else:
            first[key] = i
    if not twice:
        return first, []
    pairs = [
        " and ".join(f"{c} {v!r}" for c, v in zip(columns, key, strict=True))
        + f" at {ctx.places(rows)}"
        for key, rows in list(twice.items())[:3]
    ]
    one = "pair" if len(columns) > 1 else spec.x
    more = f"; and {len(twice) - 3} more {one}s" if len(twice) > 3 else ""
    fixes = []
    apart = _telling_apart(ctx.frame, [*columns, *spec.y_columns], list(twice.values()))
    if apart is not None and spec.series is None:
        # Destatis' months repeat, a row a year: told to add them up, its rates of 2023
        # and 2024 were summed (11.6% for 8.7% and 2.9%), check clean (found in review).
        fixes.append(f"chart the column that tells the rows apart as the series: series: "
                     f"{yaml_scalar(apart)}")  # fmt: skip
    if spec.format.style != "percent":  # a sum of rates is no rate
        fixes.append(f"add the rows up first in a derived table: {{from: {spec.data}, steps: "
                     f"[{{group: {{by: [{', '.join(columns)}], sum: "
                     f"[{', '.join(spec.y_columns)}]}}}}]}}")  # fmt: skip
    fixes.append(f"filter to one row per {one}")
    problem = ctx.problem(
        "series" if spec.series is not None else "x",
        f"a chart shows one value per {' and '.join(columns)}, but rows repeat "
        f"{'a pair' if len(columns) > 1 else 'one'}: {'; '.join(pairs)}{more}",
        ", or ".join(fixes),
    )
    return first, [problem]


def _telling_apart(frame: pd.DataFrame, used: list[str], groups: list[list[int]]) -> str | None:
    """The first column of ``frame`` but those ``used`` whose cells differ within each
    group of rows (their positions in the source) that repeat one category, and, where
    several groups repeat, name the same few things across them: a year beside the months
    it repeats, not a measure whose every cell differs. ``None`` if none does."""
    rows = {int(p): k for k, p in enumerate(frame.index)}
    for column in frame.columns:
        if str(column) in used:
            continue
        cells = frame[column].tolist()
        named = [{category_text(cells[rows[p]]) for p in group} for group in groups]
        if any(len(names) != len(group) for names, group in zip(named, groups, strict=True)):
            continue
        seen = [name for names in named for name in names]
        if len(groups) > 1 and any(seen.count(name) < 2 for name in seen):
            continue  # a value of one group alone: a measure, not what tells rows apart
        return str(column)
    return None


def scaled_twice(ctx: _Context, spec: ChartSpec, name: str) -> list[Problem]:
    """The problem of ``scale: 100`` on a percent format over column ``name`` where its
    cells come from a sheet that formats them as percentages: the reader has already
    read them as the sheet shows them (0.9146, shown 91.46%, reads 91.46), so the chart
    multiplied them again and wrote 9,146%, without a word (found in review). The scale
    was the fix for fractions (NUM009), and a deck written before sheets were read as
    they show kept it.

    An error, not a warning: a percentage times 100 written as a percentage has no
    reading that is right. A format without a percent sign is left alone: times 100, a
    percentage is in basis points (91.46% is 9,146 bp), a unit change the scale is for.
    ``index:`` rebases the values, so their scale cancels out. Tables a data step made
    are not looked at (their cells' formats are not carried through the steps)."""
    fmt = spec.format
    if spec.scale != 100 or spec.index is not None:
        return []
    if fmt.style != "percent" and "%" not in fmt.suffix:
        return []
    origin = ctx.frame.attrs.get("origin")
    read = origin.percent.get(name) if isinstance(origin, Origin) else None
    if origin is None or read is None:
        return []
    letter, rows = read
    cells = ((origin.row(int(p)).line, v) for p, v in ctx.frame[name].items())
    found = [(line, v) for line, v in cells if line in rows and isinstance(v, int | float)]
    if not found:
        return []
    line, shown = found[0]
    stored = Decimal(repr(float(shown))) / 100
    more = f" (and {counted(len(found) - 1, 'more cell')} of the column)" if len(found) > 1 else ""
    cell = f"{letter}{line}"
    return [
        ctx.problem(
            "scale",
            f"expected column {name!r} in percent as the sheet shows it, found it scaled "
            f"twice: {Path(origin.file).name} (sheet {origin.sheet!r}) formats {cell}{more} "
            f"as a percentage, so {cell}'s {stored}, shown as {shown:g}%, is read as "
            f"{shown:g}, and 'scale: 100' multiplies it again, to {fmt.format(shown * 100)}",
            "remove 'scale: 100' from the chart: a cell formatted as a percentage is read as "
            "the sheet shows it (45% as 45), so it needs no scale",
        )
    ]


def _hollow_panels(ctx: _Context, spec: ChartSpec, panels: list[tuple[str, ChartData]],
                   names: list[str], positions: list[int]) -> list[Problem]:  # fmt: skip
    """A panel with no value at all, among panels with some: it was drawn as an empty plot,
    a line's or an area's blank with 'East: ;' in the alt text, a stacked area's band
    'held at 0' (fuzzing round 7, 01). Every panel empty is the series' own problem
    (:func:`all_missing`), said after."""
    hollow = [name for name, data in panels
              if all(v is None for s in data.series for v in s.values)]  # fmt: skip
    if not hollow or len(hollow) == len(panels):
        return []
    # One condition leaves every empty panel out, added to the chart's own filter where it
    # has one: a hint per panel, each 'filter: [...]', was a filter that replaced the
    # chart's, and a second that replaced the first (fuzzing round 7, 01).
    if len(hollow) == 1:
        condition = f"{{column: {spec.facet}, op: '!=', value: {hollow[0]}}}"
    else:
        condition = f"{{column: {spec.facet}, op: not in, value: [{', '.join(hollow)}]}}"
    them = "it" if len(hollow) == 1 else "the empty panels"
    leave = (f"leave {them} out: add {condition} to the chart's filter" if spec.filter
             else f"leave {them} out: filter: [{condition}]")  # fmt: skip
    problems = []
    for name in hollow:
        rows = [p for p, n in zip(positions, names, strict=True) if n == name]
        problems.append(ctx.problem(
            "facet",
            f"the {name!r} panel ({spec.facet}: {name}) has no value in {ctx.places(rows)}: "
            "every cell the chart shows there is empty, '-' or 'n/a', so the panel would be "
            "an empty plot",
            f"fill in its values, or {leave}",
        ))  # fmt: skip
    return problems


def all_missing(ctx: _Context, spec: ChartSpec, field: str, what: str) -> Problem:
    """The problem of a column or series with no value in the rows the chart shows: it
    would draw nothing, and its labels would all read '–'."""
    shown = "the one row" if len(ctx.frame) == 1 else f"the {counted(len(ctx.frame), 'row')}"
    kept = " (after its filter)" if spec.filter or spec.top else ""
    return ctx.problem(
        field,
        f"{what} of data source {spec.data!r} has no value in {shown} the chart shows{kept}: "
        "every cell is empty, '-' or 'n/a', so the chart would draw nothing for it",
        ("fill in the values in the data, chart another column, or change the filter"
         if kept else "fill in the values in the data, or chart another column"),
    )  # fmt: skip


def _empty_rows(ctx: _Context, spec: ChartSpec, series: list[Series],
                columns: list[str]) -> list[Problem]:  # fmt: skip
    """The problem of a row with no value in any ``y`` column, which ``transpose:`` makes a
    series: the chart drew nothing for it and its alt text left it out, without a word
    (a 'Total' row with its cells left empty, found in review). As a column with no value
    is (:func:`all_missing`)."""
    empty = [k for k, s in enumerate(series) if all(v is None for v in s.values)]
    if not empty:
        return []
    names = [series[k].name for k in empty]
    rows = [] if spec.series is not None else [ctx.frame.index[k] for k in empty]
    at = f" ({ctx.places(rows)})" if rows else ""
    which = f"row {names[0]!r}" if len(names) == 1 else f"rows {listed(names)}"
    return [ctx.problem(
        "transpose",
        f"{which}{at} of data source {spec.data!r} {'has' if len(names) == 1 else 'have'} no "
        f"value in {listed(columns)}: every cell is empty, '-' or 'n/a', so 'transpose' makes "
        f"{'it a series' if len(names) == 1 else 'them series'} the chart would draw nothing for",
        f"leave {'it' if len(names) == 1 else 'them'} out with 'filter: [{{column: {spec.x}, "
        f"op: '{'!=' if len(names) == 1 else 'not in'}', value: "
        f"{names[0] if len(names) == 1 else '[' + ', '.join(names) + ']'}}}]', or fill in "
        "the values in the data",
    )]  # fmt: skip


def _unknown_labels(ctx: _Context, spec: ChartSpec, names: list[str], what: str) -> list[Problem]:
    """A display name for a series the chart does not have is a typo, not a no-op."""
    return [
        ctx.problem(
            f"series_labels.{key}",
            f"{key!r} names no series of the chart; the {what} are {listed(names)}",
            did_you_mean(key, names) or "write the name as the data has it",
        )
        for key in spec.series_labels
        if key not in names
    ]


def is_blank(value: Any) -> bool:
    """A cell with nothing in it: None, NaN, or only spaces."""
    return value is None or value != value or not str(value).strip()


#: The most names a did-you-mean compares, of those alike in length and first letter.
_NEAR = 2_000


def near(value: str, choices: Iterable[Any]) -> str | None:
    """``did_you_mean`` over any number of choices in bounded time: of many, only those
    starting with the same letter and of about the same length are compared (difflib
    over a million row keys took seconds)."""
    value = str(value)
    names = [str(c) for c in choices]
    if len(names) > _NEAR:
        import heapq

        first, letters = value[:1].casefold(), set(value)
        alike = [n for n in names
                 if abs(len(n) - len(value)) <= 3 and n[:1].casefold() == first]  # fmt: skip
        prefixed = [n for n in names if value and n.startswith(value)][:1]
        # Of those, the ones sharing the most letters with it (a linear pass, no sort).
        names = [*prefixed, *heapq.nlargest(_NEAR, alike, key=lambda n: len(letters & set(n)))]
    return did_you_mean(value, names)


def dated_highlight(spec: ChartSpec, frame: pd.DataFrame) -> list[str]:
    """``spec.highlight`` with each name that writes a period of its date ``x`` column
    otherwise than the data names it ('Oct 2025', 'October 2025', '2025-10-15' on monthly
    data, for the category '2025-10') as the data names it: read as ``annotations: at:``
    and a ``filter`` read a date (:func:`dates.match`). 'Oct 2025' was refused on a
    month column whose axis wrote 'Oct 2025', where ``at:`` and ``filter`` took it
    (found by review). A name the data has as written (a category, a series or a
    panel) is left as it is, as is every name of a chart whose highlight names series
    only, or whose ``x`` is no date column."""
    kinds = str(getattr(type(spec), "highlights", "category"))
    if not spec.highlight or "category" not in kinds or spec.x not in frame.columns:
        return list(spec.highlight)
    # Only a name that reads as a period can be one: 'China' costs no pass over the rows
    # (this runs at every build, before any memo, on tables of any length).
    if all(dates.named(name) is None for name in spec.highlight):
        return list(spec.highlight)
    cells = [c for c in frame[spec.x] if not _missing(c)]
    # A date column, or one a chart reads as dates (an API's days, an office's months:
    # 'Jun 2023' was refused on a column of '2023-06-01T00:00:00Z', found in review).
    days = cells if cells and all(dates.is_date(c) for c in cells) else dates.read_coded(cells)
    if not days:
        return list(spec.highlight)
    own = {category_text(c) for c in cells} | set(spec.y_columns)
    for column in (spec.series, spec.facet):
        if column is not None and column in frame.columns:
            own |= {category_text(c) for c in frame[column] if not _missing(c)}
    out = []
    for name in spec.highlight:
        at = None if name in own else dates.match(name, days)
        out.append(name if at is None else category_text(cells[at]))
    return out


def category_text(cell: Any) -> str:
    """A cell as a category name: as written, a whole number without '.0' (a year a JSON
    file or a sheet with gaps stores as 2010.0 is the category '2010'), with the spaces
    around each line left out and a run of spaces or tabs inside one made one space.

    That is what a one-line template makes of the cell, so ``highlight: "{{ row.name }}"``
    names its own row's bar when the cell is ' Laredo ' (it matched nothing, found by
    fuzzing); the spaces drew nothing anyway. A line break in a cell is kept."""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    text = str(cell)
    if text.isprintable() and "  " not in text and text == text.strip():
        return text  # nearly every name: no need to split it
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


#: How many rows a problem found in many rows names one by one; one more problem counts
#: the rest.
ROWS_NAMED = 10


def unlabelled(
    ctx: _Context, column: str, cells: list[Any], role: str = "category column",
    gloss: str = "the chart's x",
) -> list[Problem]:  # fmt: skip
    """A problem for each row shown whose label cell (in ``column``: a chart's x, a
    scatter's point names) is empty: its value would be drawn with no label (or 'nan'),
    and read out as such in the alt text."""
    origin = ctx.frame.attrs.get("origin")
    excel = origin is not None and str(origin.file).lower().endswith((".xlsx", ".xlsm"))
    merged = (
        " (a merged cell keeps its text in its first row only: unmerge it and fill in each row)"
        if excel
        else ""
    )
    # The filter written out: YouTube Studio's 'Total' row, its title empty, was told to
    # leave the row out with "a filter" (found in review).
    step = f"{{column: {yaml_scalar(column)}, op: '!=', value: \"\"}}"
    fix = (f"fill in the cell{merged}, or leave the row out with the filter {step} "
           f"({_written_at(ctx.where)}: {ctx.where.field})")  # fmt: skip
    blank = [row for row, cell in zip(ctx.frame.index, cells, strict=True) if is_blank(cell)]
    # A derived table's last rows are where its steps put them (a group's empty key
    # sorts last), and it has no footer: to give: 'unknown field' (found in review).
    derived = origin is not None and origin.rows is not None
    if 0 < len(blank) <= 5 and blank == list(ctx.frame.index[-len(blank) :]) and not derived:
        # The last rows alone: counts below a table, as SurveyMonkey writes 'Answered' and
        # 'Skipped' under its answers, where filling in the cell would draw them as parts
        # (found in review). Counted with the notes a footer: already leaves out: the
        # hint said footer: 1 under footer: 4 and footer: 4 under footer: 1, never 5
        # (Salesforce's 'Grand Totals' row above its four notes; found in review).
        footer = len(blank) + (origin.footer if origin is not None else 0)
        fix = (f"if {'it is' if len(blank) == 1 else 'they are'} below the table, not data "
               "(a survey tool's counts of answers), leave "
               f"{'it' if len(blank) == 1 else 'them'} out with footer: {footer} in the "
               f"data source {ctx.source!r}; else {fix}")  # fmt: skip
    problems = [
        Problem(
            ctx._cell(int(row), column),
            f"the {role} {column!r} ({gloss}) is empty in this row, so its value would be "
            "drawn with no label",
            fix,
        )
        for row in blank[:ROWS_NAMED]
    ]
    if len(blank) > ROWS_NAMED:
        # One problem for the rest: a sheet with one cell at row 1,048,576 made a million
        # (a gigabyte held, and 380 MB printed by check; found by fuzzing).
        # First, so that a build's ten problems shown include it.
        last = ctx._cell(int(blank[-1]), column)
        problems.insert(0, Problem(
            ctx.where, f"the {role} {column!r} ({gloss}) is empty in {len(blank):,} rows: the "
            f"first {ROWS_NAMED} are named one by one, the last is {last}", fix,
        ))  # fmt: skip
    return problems


def no_rows(frame: pd.DataFrame, source: str, where: Location) -> DataError:
    """The error for a chart with no rows to draw: its data source has none (a file with a
    header but no rows), or its filter keeps none."""
    if len(frame):
        return DataError(
            Problem(where, "the chart's filter leaves no rows to draw", "check filter values")
        )
    origin = frame.attrs.get("origin")
    file = Path(str(origin.file)).name if origin is not None else None
    if origin is None or origin.rows is not None:
        what = "the table has no rows"
    elif origin.sheet is not None:
        what = f"the sheet {origin.sheet!r} of {file} has a header but no rows"
    elif origin.path is not None:
        what = f"{file} holds no records" if str(file).endswith(".json") else "it has no rows"
    else:
        what = f"the file {file} has a header but no rows"
    return DataError(
        Problem(
            where,
            f"data source {source!r} has nothing to draw: {what}",
            "add the rows to the data, or point the chart at the data source that has them",
        )
    )


def _days_either_way(ctx: _Context, spec: ChartSpec, cells: list[Any]) -> list[Problem]:
    """A problem when the x cells are days written '01/02/2024' (day or month first: not put
    in time order, that would be a guess) that run back in time either way: a line drawn in
    the rows' order, and alt text stating a false trend, without a word."""
    layouts = dates.undeclared_days(cells)
    if not layouts:
        return []
    first, column = str(cells[0]).strip(), spec.x
    declare = _declared_days(column, layouts)
    fix = (f"declare the column a date in the data source {ctx.source!r}, so it runs forwards "
           f"in time: {declare}")  # fmt: skip
    if any(":" in str(c) for c in cells):
        # A date column holds days, not times of day: its declaration would be refused.
        fix = ("put the rows oldest first in the file (an export can often be sorted before "
               "it is downloaded), or export the day alone and declare it a date: "
               f"{declare}")  # fmt: skip
    return [Problem(
        Location(ctx.where.file, ctx.where.line, f"{ctx.where.field}.x"),
        f"the x column {column!r} holds days written as text ({first!r}, ...): drawn in the "
        "rows' order, which runs back in time whichever is the day and which the month",
        fix,
    )]  # fmt: skip


def _declared_days(column: str, layouts: tuple[str, ...]) -> str:
    """How to declare ``column`` a date in each of ``layouts`` ('%d/%m/%Y'), said with which
    is day first where there are two."""
    return " or ".join(
        f'columns: {{{column}: {{type: date, format: "{layout}"}}}}'
        + (" (day first)" if layout.startswith("%d") else " (month first)") * (len(layouts) > 1)
        for layout in layouts
    )


def _x_dates(ctx: _Context, spec: ChartSpec, cells: list[Any]) -> list[dt.date] | None:
    """The dates along ``x`` when it is a date column (else ``None``); a missing date is
    an error naming its cell: a point with no time cannot be placed on a time axis."""
    present = [c for c in cells if not _missing(c)]
    if not present or not all(dates.is_date(c) for c in present):
        return None
    for row, cell in zip(ctx.frame.index, cells, strict=True):
        if _missing(cell):
            raise DataError(
                Problem(
                    ctx._cell(int(row), spec.x),
                    f"the chart's x column {spec.x!r} is a date column, but this row has no date",
                    f"fill in the date, or leave the row out with a filter "
                    f"({_written_at(ctx.where)})",
                )
            )
    return list(present)


def indexed(data: ChartData, base: str, where: Location) -> ChartData:
    """Every series rebased to 100 at the category or date ``base`` names: a value of 100
    there, 112 where it is 12% higher."""
    at = Location(where.file, where.line, f"{where.field}.index")
    i = data.find(base)
    if i is None:
        names = list(data.categories)
        shown = one_of(names[:12]) + (f" and {len(names) - 12} more" if len(names) > 12 else "")
        what, whats = ("date", "dates") if data.x_dates else ("category", "categories")
        raise DataError(
            Problem(
                at,
                f"index base {base!r} matches no {what} of the chart; its {whats} are {shown}",
                did_you_mean(base, names)
                or ("write the date as 2007-01-01, 2007-01 or 'January 2007'" if data.x_dates
                    else "write the category exactly as the data has it"),
            )
        )  # fmt: skip
    if (count := data.categories.count(data.categories[i])) > 1:
        raise DataError(Problem(
            at, f"index base {base!r} names {count} categories of the chart, so which one is "
            "100 is unclear", "give each row a name of its own: add up the rows with a group "
            "step, or keep one with a filter",
        ))  # fmt: skip
    rebased = []
    for s in data.series:
        first = s.values[i]
        if first is not None and first < 0:  # -50 to 70 read 100 to -140 (found by fuzzing)
            raise DataError(Problem(
                at, f"series {s.name!r} is {first:g} at the index base {data.categories[i]!r}: "
                "an index of a value below zero turns a rise into a fall",
                "pick a base where every series is above zero, or leave 'index' out",
            ))  # fmt: skip
        if first is None or first == 0:
            raise DataError(
                Problem(
                    at,
                    f"series {s.name!r} is {'missing' if first is None else 0} at the index base "
                    f"{data.categories[i]!r}, so it cannot be rebased to 100 there",
                    "pick a base where every series has a value other than zero",
                )
            )
        rebased.append(
            Series(s.name, tuple(None if v is None else v / first * 100 for v in s.values))
        )
    return ChartData(data.categories, tuple(rebased), data.x_dates)


def _missing(cell: Any) -> bool:
    return cell is None or (isinstance(cell, float) and math.isnan(cell)) or (
        isinstance(cell, str) and cell.strip() in MISSING)  # fmt: skip


def table_cells(
    frame: pd.DataFrame, selection: Selection, columns: Sequence[str], where: Location
) -> list[list[Any]]:
    """Rows of raw cells for the named columns, after selection (for table slides)."""
    rows, ctx = select_rows(frame, selection, where)
    for k, name in enumerate(columns):
        ctx.column(name, f"columns[{k}].column")
    # The first column names each row (highlight: reads it): an empty one, as a merged
    # cell of a report sheet leaves below its first row, read as a row of the one above
    # (found by fuzzing). As a chart's empty name is, it is an error.
    named = _Context(rows, ctx.where, ctx.source)
    blank = unlabelled(named, columns[0], list(rows[columns[0]]), "first column",
                       "the table's row names")  # fmt: skip
    if blank:
        raise DataError(blank)
    # Column by column: iterrows builds a Series per row (250,000 rows took seconds).
    return [list(cells) for cells in rows[list(columns)].itertuples(index=False, name=None)]
