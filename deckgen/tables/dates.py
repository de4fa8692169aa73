"""Dates as dates: parsing cells written in any layout, whole periods, and their labels.

A ``date`` column (``columns: {month: {type: date, format: "%b %Y", period: month}}``)
holds :class:`datetime.date` values. A column with a ``period`` holds that period, not a
day: its values are :class:`Month`, :class:`Quarter` or :class:`Year` (dates on the
period's first day, so they compare, sort and subtract as dates) that know how they are
written: ``str()`` is the canonical, sortable key (``2010-03``, ``2010-Q1``, ``2010``,
as a row key or a chart category) and :func:`label` the words ("March 2010", "Q1 2010",
"2010") in a locale, with Babel.

Text that names a period ('FY2023', '2023/24', '2023 Q1', 'Mar-23', '2023-03-01') is read
by :func:`period_readings`, so that categories of such text can be put in time order
(:func:`time_order`) while they keep their text.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import functools
import itertools
import numbers
import re
from typing import TYPE_CHECKING, Any, ClassVar, Literal, TypeGuard, get_args

from deckgen.outline.text_numbers import MONTHS
from deckgen.scoped import scoped

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from contextlib import AbstractContextManager

Precision = Literal["day", "month", "quarter", "year"]
#: Precisions from the finest to the coarsest.
PRECISIONS: tuple[Precision, ...] = ("day", "month", "quarter", "year")


class Period(dt.date):
    """A whole month, quarter or year, stored as its first day."""

    __slots__ = ()
    precision: ClassVar[Precision] = "day"

    @classmethod
    def of(cls, day: dt.date) -> Period:
        """The period holding ``day``."""
        raise NotImplementedError


class Month(Period):
    __slots__ = ()
    precision: ClassVar[Precision] = "month"

    @classmethod
    def of(cls, day: dt.date) -> Month:
        return cls(day.year, day.month, 1)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


class Quarter(Period):
    __slots__ = ()
    precision: ClassVar[Precision] = "quarter"

    @classmethod
    def of(cls, day: dt.date) -> Quarter:
        return cls(day.year, 3 * ((day.month - 1) // 3) + 1, 1)

    @property
    def quarter(self) -> int:
        return (self.month - 1) // 3 + 1

    def __str__(self) -> str:
        return f"{self.year:04d}-Q{self.quarter}"


class Year(Period):
    __slots__ = ()
    precision: ClassVar[Precision] = "year"

    @classmethod
    def of(cls, day: dt.date) -> Year:
        return cls(day.year, 1, 1)

    def __str__(self) -> str:
        return f"{self.year:04d}"


PERIODS: dict[str, type[Period]] = {"month": Month, "quarter": Quarter, "year": Year}


def precision_of(value: dt.date) -> Precision:
    """``day`` for a plain date, else its period's."""
    return value.precision if isinstance(value, Period) else "day"


def is_date(value: Any) -> TypeGuard[dt.date]:
    """A date cell (not a datetime with a time: those are not read as dates)."""
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)


# --------------------------------------------------------------------------- parsing
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
#: An ISO timestamp at midnight, as APIs and databases write a day ('2023-01-01T00:00:00Z',
#: '2023-01-01 00:00:00+00:00'): the day it is.
_ISO_MIDNIGHT = re.compile(
    r"^(\d{4}-\d{2}-\d{2})[T ]00:00(?::00(?:\.0+)?)?(?:Z|[+-]\d{2}:?\d{2})?$"
)
#: Quarters: '2023 Q1', 'Q1 2023', '2023:Q1'; France's trimestres ('2023-T1', INSEE) and the
#: Nordic and German Kvartal ('2023K1', SSB, SCB, Destatis); '1. Quartal 2023'; the ONS's
#: months of a quarter ('2023 Jan-Mar'). Newest first, each was drawn back in time, a fall
#: said as a rise (found in review).
_QUARTER = (
    re.compile(r"^(?P<year>\d{4})\s*[-/:. ]?\s*[QTK](?P<q>[1-4])$", re.IGNORECASE),
    re.compile(r"^[QTK](?P<q>[1-4])\s*[-/:. ]?\s*(?P<year>\d{4})$", re.IGNORECASE),
    re.compile(
        r"^(?P<q>[1-4])\.?\s*(?:Quartal|quarter|trimestre|kvartal)\s+(?P<year>\d{4})$",
        re.IGNORECASE,
    ),
)
_MONTHS_OF_QUARTER = {"jan-mar": 1, "apr-jun": 2, "jul-sep": 3, "oct-dec": 4}
_QUARTER_MONTHS = (
    re.compile(r"^(?P<year>\d{4})\s+(?P<months>[A-Za-z]{3}\s*-\s*[A-Za-z]{3})$"),
    re.compile(r"^(?P<months>[A-Za-z]{3}\s*-\s*[A-Za-z]{3})\s+(?P<year>\d{4})$"),
)
#: Half years: '2024H1', 'H1 2024', '2024-S1' (Eurostat's semesters).
_HALF = (
    re.compile(r"^(?P<year>\d{4})\s*[-/ ]?\s*[HS](?P<h>[12])$", re.IGNORECASE),
    re.compile(r"^[HS](?P<h>[12])\s*[-/ ]?\s*(?P<year>\d{4})$", re.IGNORECASE),
)
#: ISO weeks: '2024-W04', '2024W04', '2024 W4'; Statistics Norway's '2024U04' (uke).
_WEEK = re.compile(r"^(?P<year>\d{4})\s*-?\s*[WU](?P<w>\d{1,2})$", re.IGNORECASE)
#: Months run together, year first, as UN Comtrade and many APIs write them ('202307').
_COMPACT_MONTH = re.compile(r"^(?P<year>(?:19|20)\d\d)(?P<m>0[1-9]|1[0-2])$")
#: A day and a time of day, as programs write them ('2024-04-30 15:15', '2024-04-30T15:15:00Z',
#: '2024-04-30 15:15:00 +0000').
_ISO_TIME = re.compile(
    r"^(?P<day>\d{4}-\d{2}-\d{2})[T ](?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2})(?:\.\d+)?)?"
    r"\s*(?:Z|UTC|[+-]\d{2}:?\d{2})?$"
)
#: A named month's day and a time, as Mailchimp, Sprout Social and X write them; with its
#: seconds, as Sprinklr and Buffer do ('Nov 28, 2026 9:05:00 AM': read as text, a line
#: ran backwards and its alt text said 'fell' of a rise, found in review).
_TIME_LAYOUTS = ("%b %d, %Y %I:%M %p", "%B %d, %Y %I:%M %p", "%b %d, %Y %H:%M",
                 "%B %d, %Y %H:%M", "%d %b %Y %H:%M", "%d %B %Y %H:%M",
                 "%a, %b %d, %Y %I:%M %p", "%a, %d %b %Y %H:%M:%S",
                 "%b %d, %Y %I:%M:%S %p", "%B %d, %Y %I:%M:%S %p", "%b %d, %Y %H:%M:%S",
                 "%B %d, %Y %H:%M:%S", "%d %b %Y %H:%M:%S", "%d %B %Y %H:%M:%S")  # fmt: skip
#: A day written year first with its time, as Google Forms writes its timestamps
#: ('2024/03/05 9:15:45 PM GMT+1'): sorted as text, 10:21 AM came before 8:01 AM (found
#: in review).
_YMD_TIME = re.compile(
    r"^(?P<y>\d{4})([/.-])(?P<mo>\d{1,2})\2(?P<d>\d{1,2})\s+(?P<h>\d{1,2}):(?P<m>\d{2})"
    r"(?::(?P<s>\d{2}))?\s*(?P<half>[AaPp]\.?[Mm]\.?)?"
    r"\s*(?:(?:GMT|UTC)?\s*(?P<zone>[+-]\d{1,2})(?::?(?P<zm>\d{2}))?|Z|UTC|GMT)?$"
)
_YEAR = re.compile(r"^\d{4}$")
#: A day written as Google Analytics writes it, year, month and day run together
#: ('20240131'), in the years a report covers.
_COMPACT_DAY = re.compile(r"^(19|20)\d\d(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$")


def parse_date(value: Any, format: str | None = None, period: str | None = None) -> dt.date:
    """A cell as a date (or the period ``period`` holding it); ``ValueError`` if it is not one.

    Accepted: an Excel date cell (a datetime at midnight); text in ``format`` (strptime
    codes such as ``%b %d %Y``), else ISO ``2024-03-31`` (or an ISO timestamp at midnight,
    ``2024-03-31T00:00:00Z``, as APIs write a day); with a period also ISO
    ``2024-03`` (month), ``2024-Q1`` or ``Q1 2024`` (quarter, in any format) and ``2024``
    (year, also as a number).
    """
    day = _parse_day(value, format, period)
    return PERIODS[period].of(day) if period else day


def _parse_day(value: Any, format: str | None, period: str | None) -> dt.date:
    if isinstance(value, dt.datetime):  # an Excel date cell (pandas.Timestamp is one too)
        if value.time() != dt.time(0):
            raise ValueError(value)
        return value.date()
    if isinstance(value, dt.date):
        return value
    if period == "year" and isinstance(value, int | float) and not isinstance(value, bool):
        if float(value).is_integer() and 1 <= value <= 9999:
            return dt.date(int(value), 1, 1)
        raise ValueError(value)
    if not isinstance(value, str):
        raise ValueError(value)
    text = value.strip()
    if period == "quarter":
        for pattern in _QUARTER:
            if match := pattern.match(text):
                return dt.date(int(match["year"]), 3 * int(match["q"]) - 2, 1)
    if format is not None:
        read = dt.datetime.strptime(text, format)  # ValueError if it does not fit
        # A format may read a time ('%Y-%m-%d %H:%M:%S', as exports write a day), but a
        # time of day would be dropped: four readings became two days, reported as rows
        # that repeat (found by fuzzing). Refused as an Excel cell's is (time_of_day_hint).
        if read.time() != dt.time(0):
            raise ValueError(value)
        return read.date()
    if _ISO_DAY.match(text):
        return dt.date.fromisoformat(text)  # ValueError for 2023-02-30
    if match := _ISO_MIDNIGHT.match(text):
        # An API's day: '2023-01-01T00:00:00Z' was refused with the fix to write
        # '2023-01-01', which a feed cannot be told (found in review).
        return dt.date.fromisoformat(match[1])
    if period in ("month", "quarter") and (match := _ISO_MONTH.match(text)):
        return dt.date(int(match[1]), int(match[2]), 1)
    if period == "year" and _YEAR.match(text):
        return dt.date(int(text), 1, 1)
    raise ValueError(value)


#: Layouts a date column is often written in, with an example; the first that reads every
#: cell of a column is suggested as its ``format``.
COMMON_FORMATS: tuple[str, ...] = (
    "%b %d %Y", "%b %d, %Y", "%B %d %Y", "%B %d, %Y", "%d %b %Y", "%d %B %Y", "%b %Y",
    "%B %Y", "%b-%y", "%b %y", "%d/%m/%Y", "%m/%d/%Y", "%d.%m.%Y", "%Y/%m/%d", "%Y.%m.%d",
    "%d-%m-%Y", "%m-%d-%Y", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%m/%Y", "%Y%m%d",
    # Months as statistics offices code them: the ONS's '2023 JAN', Eurostat's '2023M01'
    # and '2023-M01'. Unsuggested, a sort step left '2023 FEB' before '2023 JAN' without a
    # word (found in review).
    "%Y %b", "%YM%m", "%Y-M%m",
)  # fmt: skip


#: The numbers an Excel day stored in a cell formatted as a number is read as: 1954 to 2119.
EXCEL_DAYS = range(20_000, 80_001)


def excel_day(days: int) -> dt.date:
    """The day Excel stores as the number ``days`` (1900 system: 44927 is 2023-01-01)."""
    return dt.date(1899, 12, 30) + dt.timedelta(days=days)


def excel_day_hint(cell: Any) -> str | None:
    """The fix for a date cell that holds a number of days since 1899-12-30, as Excel stores
    a date whose cell lost its date format (44927 is 2023-01-01); else ``None``."""
    try:
        days = float(cell)
    except (TypeError, ValueError):
        return None
    if not (days.is_integer() and int(days) in EXCEL_DAYS):
        return None
    day = excel_day(int(days))
    return (f"{int(days)} is how Excel stores the day {day.isoformat()} in a cell formatted as "
            "a number: format the cells as dates in Excel, or write the date")  # fmt: skip


def time_of_day_hint(cell: Any, format: str | None) -> str | None:
    """The fix for a date cell that holds a time of day (an Excel cell, or text the
    column's ``format`` reads with ``%H``), which a date would drop; else ``None``."""
    read = cell if isinstance(cell, dt.datetime) else None
    if isinstance(cell, str) and format is not None:
        with contextlib.suppress(ValueError):
            read = dt.datetime.strptime(cell.strip(), format)
    if read is None or read.time() == dt.time(0):
        return None
    return (f"it holds a time of day ({read:%H:%M}), and dates here are days, months, "
            "quarters or years: the time would be dropped, and readings of one day merged; "
            "write one row per day (the day's total or mean), or declare the column as text "
            "to chart each reading as written")  # fmt: skip


def suggest(cells: Iterable[Any], has_period: str | None = None) -> str | None:
    """How to declare a column whose cells are dates in another layout (``None`` if they do
    not look like dates): ``format: "%b %d %Y"`` or ``period: month``, with an example;
    never the ``period`` the column has already."""
    texts = [c.strip() for c in cells if isinstance(c, str) and c.strip()]
    if not texts:
        return None
    for period in ("month", "quarter"):
        if period != has_period and all(_fits(t, None, period) for t in texts):
            return f"add 'period: {period}' to the column (it reads {texts[0]!r} as {period})"
    fits = [f for f in COMMON_FORMATS if all(_fits(t, f, None) for t in texts)]
    if not fits:
        return None
    example = f"it reads {texts[0]!r}"
    if len(fits) > 1 and {"%d/%m/%Y", "%m/%d/%Y"} <= set(fits):
        return (
            "add 'format: \"%d/%m/%Y\"' (day first) or 'format: \"%m/%d/%Y\"' (month first) "
            "to the column"
        )
    hint = f"add 'format: \"{fits[0]}\"' to the column ({example})"
    if fits[0] in ("%b %Y", "%B %Y", "%b-%y", "%b %y", "%m/%Y", "%Y %b", "%YM%m", "%Y-M%m"):
        hint += " and 'period: month', since its dates are months"
    return hint


def _fits(text: str, format: str | None, period: str | None) -> bool:
    try:
        _parse_day(text, format, period)
    except ValueError:
        return False
    return True


def example(format: str | None, period: str | None) -> str:
    """How a date is written in ``format`` (for messages): 'Mar 31 2024'."""
    sample = dt.date(2024, 3, 31)
    if format:
        return sample.strftime(format)
    iso = {"month": "2024-03", "quarter": "2024-Q1", "year": "2024"}
    return iso.get(period or "", "2024-03-31")


# --------------------------------------------------------------------------- words
#: Babel skeletons of each precision's label, long (prose, alt text) and short (ticks).
_SKELETONS: dict[Precision, tuple[str, str]] = {
    "day": ("yMMMMd", "yMMMd"),
    "month": ("yMMMM", "yMMM"),
    "quarter": ("yQQQ", "yQQQ"),
    "year": ("y", "y"),
}


#: The locale dates are written in where no caller names one: the deck's, while its charts
#: are planned and drawn (:func:`dated`); an en_GB deck's axes read "Nov 3, 2025" (found in
#: review). Alt text, written in English, is written outside it.
_LOCALE: contextvars.ContextVar[str] = contextvars.ContextVar("date_locale", default="en_US")


def current_locale() -> str:
    return _LOCALE.get()


def dated(locale: str) -> AbstractContextManager[str]:
    """Write dates in ``locale`` in this block (see :data:`_LOCALE`)."""
    return scoped(_LOCALE, locale)


def label(value: dt.date, locale: Any = None, *, short: bool = False,
          precision: Precision | None = None) -> str:  # fmt: skip
    """``value`` in words for its period (or ``precision``): "March 2010" ("Mar 2010"
    short), "Q1 2010", "2010", "March 1, 2010", in ``locale`` (a Babel locale or name;
    by default the one :func:`dated` sets, else en_US)."""
    from babel.dates import format_skeleton

    skeleton = _SKELETONS[precision or precision_of(value)][1 if short else 0]
    return str(format_skeleton(skeleton, value, locale=locale or _LOCALE.get()))


def span(dates: Sequence[dt.date], locale: Any = None) -> str:
    """'from January 2007 to December 2016': the first and last dates, in words."""
    return f"from {label(min(dates), locale)} to {label(max(dates), locale)}"


# --------------------------------------------------------------------------- matching
def match(wanted: Any, dates: Sequence[dt.date]) -> int | None:
    """The index of the first of ``dates`` that ``wanted`` names, or ``None``.

    ``wanted`` is a date (YAML reads ``2009-06-01`` as one), or text: ISO (``2009-06-01``,
    ``2009-06``, ``2009-Q2``, ``2009``) or a label ("June 2009", "Q2 2009"). It names the
    first date inside the period it writes (``2009`` on monthly data is January 2009), and
    a day names the period holding it on data of whole periods.
    """
    target = named(wanted)
    if target is None:
        return None
    day, precision = target
    for i, value in enumerate(dates):
        # A day names the month it is in on monthly data: compare at the coarser precision.
        coarser = max(precision, precision_of(value), key=PRECISIONS.index)
        if _floor(value, coarser) == _floor(day, coarser):
            return i
    return None


#: A precision's periods, as a hint counts them.
_PLURALS: dict[Precision, str] = {"day": "days", "month": "months", "quarter": "quarters",
                                  "year": "years"}  # fmt: skip


def period_hint(wanted: str, names: Sequence[str], writer: str = "the data") -> str | None:
    """For ``wanted``, a period (read as :func:`named` reads it) that matches none of
    ``names``, among which some name periods: the name that writes the same period
    otherwise ('did you mean '2025-10'? ...' for 'Oct 2025' where ``writer``, the data,
    writes its months in ISO), else the span of those periods and one as ``writer``
    writes it ('the data has no October 2026: its months run from January 2025 to December
    2025; write one as the data does, as '2025-12''). The fallback "write the name exactly
    as the data has it" was given for 'Oct 2025' on a month column (found by review).
    ``None`` where ``wanted`` or every name is no period."""
    target = named(wanted)
    read = _periods(names)
    if target is None or not read:
        return None
    written, periods = zip(*read, strict=True)
    at = match(wanted, periods)
    if at is not None:
        return f"did you mean {written[at]!r}? ({writer} writes {label(periods[at])} so)"
    day, precision = target
    return (f"{writer} has no {label(typed(day, precision))}: its {_plural(periods)} run "
            f"from {label(min(periods))} to {label(max(periods))}; write one as {writer} "
            f"does, as {_latest(read)!r}")  # fmt: skip


def period_form(wanted: str, names: Sequence[str], writer: str = "the data") -> str | None:
    """For ``wanted`` with a digit that reads as no period, where every one of ``names``
    is one: how to write one ('write one of the months as the data does, as
    '2025-12''), once no spelling is near (:func:`~deckgen.errors.did_you_mean`)."""
    read = _periods(names)
    if not read or len(read) < len(names) or not any(ch.isdigit() for ch in wanted):
        return None
    return (
        f"write one of the {_plural([p for _, p in read])} as {writer} does, as {_latest(read)!r}"
    )


def _periods(names: Sequence[str]) -> list[tuple[str, dt.date]]:
    """Each of ``names`` that names a period, with its period."""
    return [(name, typed(*found)) for name in names if (found := named(name)) is not None]


def _plural(periods: Sequence[dt.date]) -> str:
    kinds = {precision_of(p) for p in periods}
    return _PLURALS[next(iter(kinds))] if len(kinds) == 1 else "periods"


def _latest(read: Sequence[tuple[str, dt.date]]) -> str:
    return max(read, key=lambda pair: pair[1])[0]


def dated_column(wanted: str, columns: Sequence[str]) -> str | None:
    """A hint for a column named by a date as the sheet shows it ('Jan 2023') where the
    table names it by its ISO day ('2023-01-01', as a date in a header row is read)."""
    found = named(wanted)
    if found is None or found[0].isoformat() not in columns or found[0].isoformat() == wanted:
        return None
    iso = found[0].isoformat()
    return f"did you mean {iso!r}? (a date in the header row names its column by its ISO day)"


def named(wanted: Any) -> tuple[dt.date, Precision] | None:
    """The date (its first day) and precision ``wanted`` names: a date, a year as a number,
    ISO text or an English label ("June 2009", "Q2 2009", "June 1, 2009"); else ``None``."""
    if isinstance(wanted, dt.date) and not isinstance(wanted, dt.datetime):
        return wanted, precision_of(wanted)
    if isinstance(wanted, int) and not isinstance(wanted, bool):
        wanted = str(wanted)
    if not isinstance(wanted, str):
        return None
    return _named_text(wanted.strip())


@functools.lru_cache(maxsize=4096)
def _named_text(text: str) -> tuple[dt.date, Precision] | None:
    """:func:`named` of a text: once a process for each, since a name that is no date
    ('China', a highlight's) fails ten formats, each a ``strptime`` raising an error."""
    attempts: list[tuple[str | None, str | None, Precision]] = [
        (None, None, "day"), (None, "month", "month"), (None, "quarter", "quarter"),
        (None, "year", "year"), ("%B %Y", None, "month"), ("%b %Y", None, "month"),
        ("%B %d, %Y", None, "day"), ("%b %d, %Y", None, "day"), ("%b %d %Y", None, "day"),
        ("%B %d %Y", None, "day"),
    ]  # fmt: skip
    for format, period, precision in attempts:
        try:
            day = _parse_day(text, format, period)
        except ValueError:
            continue
        return day, precision
    return None


# --------------------------------------------------------------------------- periods as text
#: How a category names a period, each read on its own: a column is put in time order only
#: when every cell reads in one of them. 'FY2023' and '2023/24' are kept apart because
#: offices name a fiscal year by the year it ends in or by both: beside each other, which
#: comes first is unknown.
Writing = Literal[
    "year", "fiscal year", "split year", "half year", "quarter", "month", "week", "day", "time"
]

_FISCAL = re.compile(r"^FY\s?(?P<year>\d{4}|\d{2})$", re.IGNORECASE)
#: '2023/24', '2019-20', '2019/2020', 'FY 2023-24': a year and the next one, which is what
#: keeps '2023/25', a range, and '10-20' from reading as a period.
_SPLIT = re.compile(r"^(FY\s?)?(?P<year>\d{4})\s?[/-]\s?(?P<next>\d{2}|\d{4})$", re.IGNORECASE)
#: Months as sheets and exports write them as text. Not 'Mar 23' ('%b %y'): that is as
#: often the 23rd of March.
_MONTH_LAYOUTS = ("%b %Y", "%B %Y", "%b-%y", "%b-%Y", "%B-%Y")
#: Months written year first, as statistics offices publish them: '2023 JAN' (the UK's
#: ONS), '2023M01' and '2023-M01' (Eurostat, the IMF, the OECD).
_YEAR_MONTH = re.compile(r"^(\d{4})(?:\s+(?P<name>[A-Za-z]{3,9})|-?M(?P<number>\d{2}))$")
#: Months written month first in numbers, as European exports write them: '03.2024' (two
#: digits before a point, as a day-first date writes its month), '3/2024', '03-2024'. Not
#: with a two-digit year: '03/24' is as often a day or a fraction. Drawn in the file's order,
#: a line over '03.2024', '01.2024', '02.2024' ran back and forth in time (found in review).
_NUMBER_MONTH = re.compile(
    r"^(?:(?P<m1>0[1-9]|1[0-2])\.|(?P<m2>0?[1-9]|1[0-2])[/-])(?P<year>\d{4})$"
)
#: A month named in a language of :data:`~deckgen.outline.text_numbers.MONTHS_BY_LANGUAGE`
#: and its year, either way round: 'mars 2024', 'März 2024', '2023 januari' (as CBS StatLine
#: writes them), 'Sept 2023'. (English's other forms are read by ``strptime`` above.)
_NAMED_MONTH = re.compile(
    r"^(?:(?P<before>[^\W\d_]{3,10})\.?\s+(?P<y1>\d{4})|(?P<y2>\d{4})\s+(?P<after>[^\W\d_]{3,10})\.?)$"
)
#: A weekday before the day, as X's and many dashboards' exports write it ('Sun, Apr 14,
#: 2024'): newest first, drawn back in time, a fall said as a rise (found in review).
_DAY_LAYOUTS = ("%B %d, %Y", "%b %d, %Y", "%b %d %Y", "%B %d %Y", "%a, %b %d, %Y",
                "%A, %B %d, %Y", "%a %b %d, %Y", "%a, %d %b %Y", "%A, %d %B %Y")  # fmt: skip
#: Days that start with the day's number and name the month: '21 Jan 2024', '21-Jan-24'
#: (Excel's dd-mmm-yy).
_DAY_FIRST_LAYOUTS = ("%d %b %Y", "%d %B %Y", "%d-%b-%Y", "%d-%b-%y")
#: Days in numbers that one reading fits: day first with dots ('21.01.2024', as German,
#: Austrian, Swiss, Polish and Russian exports write them: dd.mm.yyyy is never month
#: first) and year first ('2024/01/21', '2024.01.21'). Not '01/02/2024': 1 February in one
#: office, 2 January in the next; a declared format says which (:func:`undeclared_days`).
_NUMERIC_DAYS = (
    re.compile(r"^(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})$"),
    re.compile(r"^(?P<y>\d{4})(?P<s>[/.])(?P<m>\d{1,2})(?P=s)(?P<d>\d{1,2})$"),
)


def period_readings(cell: Any) -> dict[Writing, dt.date]:
    """Each way ``cell`` names a period, and that period's first day (the year a fiscal
    year is named by, for 'FY2023'; its first calendar year, for '2023/24'): a year
    (``2019``, ``"2019"``, ``2019.0``), a fiscal year (``FY2023``, ``FY 2023``, ``FY23``),
    a split year (``2023/24``, ``2019-20``), a quarter (``2023 Q1``, ``Q1 2023``,
    ``2023-Q1``), a month (``2023-03``, ``Mar 2023``, ``March 2023``, ``Mar-23``, ``2023 JAN``,
    ``2023M01``; month first in numbers, ``03.2024``, ``3/2024``; named in another language,
    ``mars 2024``, ``2023 januari``) or a day
    (``2023-03-01``, ``2023-03-01T00:00:00Z``, ``March 1, 2023``). Empty when it names
    none ('A1', '10-20', 'Q5 2023', '2023/25'). Two readings at most, and then in the same
    order ('2011-12' is December 2011 and the year 2011/12; so is every such cell)."""
    # A year as a number: 2019, numpy's 2019 (a declared integer column), or 2019.0 (as a
    # sheet with gaps stores it).
    if isinstance(cell, numbers.Real) and not isinstance(cell, bool):
        number = float(cell)
        cell = str(int(number)) if number.is_integer() else None
    if not isinstance(cell, str):
        return {}
    text = cell.strip()
    found: dict[Writing, dt.date] = {}
    named_month = text[:1].isalpha()  # 'Mar 2023', 'March 1, 2023': strptime is slow
    if _YEAR.match(text) and _plausible(int(text)):
        found["year"] = dt.date(int(text), 1, 1)
    if (match := _FISCAL.match(text)) and _plausible(year := _century(match["year"])):
        found["fiscal year"] = dt.date(year, 1, 1)
    split = _SPLIT.match(text)
    if split and _plausible(year := int(split["year"])) and _next_year(year, split["next"]):
        found["split year"] = dt.date(year, 1, 1)
    for pattern in _QUARTER:
        if (match := pattern.match(text)) and _plausible(year := int(match["year"])):
            found["quarter"] = Quarter(year, 3 * int(match["q"]) - 2, 1)
    for pattern in _QUARTER_MONTHS:
        if (match := pattern.match(text)) and _plausible(year := int(match["year"])):
            nth = _MONTHS_OF_QUARTER.get(re.sub(r"\s", "", match["months"]).lower())
            if nth is not None:
                found["quarter"] = Quarter(year, 3 * nth - 2, 1)
    for pattern in _HALF:
        if (match := pattern.match(text)) and _plausible(year := int(match["year"])):
            found["half year"] = dt.date(year, 6 * int(match["h"]) - 5, 1)
    if (match := _WEEK.match(text)) and _plausible(year := int(match["year"])):
        with contextlib.suppress(ValueError):  # week 54
            found["week"] = dt.date.fromisocalendar(year, int(match["w"]), 1)
    if match := _COMPACT_MONTH.match(text):
        found["month"] = Month(int(match["year"]), int(match["m"]), 1)
    if (match := _ISO_MONTH.match(text)) and _plausible(int(match[1])):
        if 1 <= int(match[2]) <= 12:  # '2019-20' is no month
            found["month"] = Month(int(match[1]), int(match[2]), 1)
    elif named_month and (month := _strptime(text, _MONTH_LAYOUTS)) and _plausible(month.year):
        found["month"] = Month.of(month)
    elif (match := _YEAR_MONTH.match(text)) and _plausible(year := int(match[1])):
        nth = int(match["number"]) if match["number"] else None
        if nth is None and (named := _strptime(f"{match['name']} {year}", _MONTH_LAYOUTS)):
            nth = named.month
        if nth is not None and 1 <= nth <= 12:
            found["month"] = Month(year, nth, 1)
    if "month" not in found and (month := _other_month(text)) is not None:
        found["month"] = month
    if _ISO_DAY.match(text):
        with contextlib.suppress(ValueError):  # 2023-02-30
            found["day"] = dt.date.fromisoformat(text)
    elif match := _ISO_MIDNIGHT.match(text):
        # An API's days ('2023-03-01T00:00:00Z'), newest first, were drawn backwards: a
        # line that rose was said to fall (found in review).
        with contextlib.suppress(ValueError):
            found["day"] = dt.date.fromisoformat(match[1])
            found["time"] = dt.datetime.fromisoformat(match[1])  # beside other times
    elif (match := _ISO_TIME.match(text)) or (named_month and ":" in text):
        # A day and its time of day (a post's, a campaign's send): newest first, drawn back
        # in time (found in review). Ordered by the moment; the cells keep their text.
        when = None
        if match is not None:
            with contextlib.suppress(ValueError):
                on = dt.date.fromisoformat(match["day"])
                when = dt.datetime(on.year, on.month, on.day, int(match["h"]),
                                   int(match["m"]), int(match["s"] or 0))  # fmt: skip
        else:
            when = _strptime_moment(text)
        if when is not None and _plausible(when.year):
            found["time"] = when
    elif match := _YMD_TIME.match(text):
        if (when := _ymd_moment(match)) is not None and _plausible(when.year):
            found["time"] = when
    elif day := (_strptime(text, _DAY_LAYOUTS) if named_month else None) or (
        _numeric_day(text) or _day_first(text)
    ):
        found["day"] = day
    return found


def _other_month(text: str) -> Month | None:
    """The month ``text`` names month first in numbers (:data:`_NUMBER_MONTH`), or by its
    name in another language than English (:data:`_NAMED_MONTH`), or ``None``."""
    if match := _NUMBER_MONTH.match(text):
        nth, year = int(match["m1"] or match["m2"]), int(match["year"])
    elif match := _NAMED_MONTH.match(text):
        found = MONTHS.get((match["before"] or match["after"]).casefold())
        if found is None:
            return None
        nth, year = found, int(match["y1"] or match["y2"])
    else:
        return None
    return Month(year, nth, 1) if _plausible(year) else None


def _ymd_moment(match: re.Match[str]) -> dt.datetime | None:
    """The moment a :data:`_YMD_TIME` match writes, in UTC where it names its zone (a form
    answered either side of a change to summer time is in order), else ``None`` (an hour
    of 13 PM, a 30 February)."""
    hour = int(match["h"])
    if match["half"]:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if match["half"][0] in "Pp" else 0)
    try:
        when = dt.datetime(int(match["y"]), int(match["mo"]), int(match["d"]), hour,
                           int(match["m"]), int(match["s"] or 0))  # fmt: skip
    except ValueError:
        return None
    if match["zone"]:
        sign = -1 if match["zone"].startswith("-") else 1
        when -= sign * dt.timedelta(hours=abs(int(match["zone"])), minutes=int(match["zm"] or 0))
    return when


def _numeric_day(text: str) -> dt.date | None:
    """The day ``text`` writes in one of :data:`_NUMERIC_DAYS`, else ``None`` ('31.02.2024'
    is none)."""
    for pattern in _NUMERIC_DAYS:
        if (match := pattern.match(text)) and _plausible(year := int(match["y"])):
            with contextlib.suppress(ValueError):
                return dt.date(year, int(match["m"]), int(match["d"]))
    return None


def _day_first(text: str) -> dt.date | None:
    """The day ``text`` writes as '21 Jan 2024' or '21-Jan-24', else ``None``."""
    if not (text[:1].isdigit() and any(c.isalpha() for c in text)):  # strptime is slow
        return None
    day = _strptime(text, _DAY_FIRST_LAYOUTS)
    return day if day is not None and _plausible(day.year) else None


def _plausible(year: int) -> bool:
    """A year a period of a chart is in: 1000 to 2999 (as a plain year column's), which
    keeps a code such as '0001-12' from reading as a month."""
    return 1000 <= year <= 2999


def _strptime_moment(text: str, layouts: Sequence[str] = _TIME_LAYOUTS) -> dt.datetime | None:
    """``text`` read in the first of ``layouts`` (a day and a time, unless told) that reads
    it whole, else ``None``."""
    for layout in layouts:
        try:
            return dt.datetime.strptime(text, layout)
        except ValueError:
            continue
    return None


def _strptime(text: str, layouts: Sequence[str]) -> dt.date | None:
    """``text`` read as a day in the first of ``layouts`` that reads it whole, else ``None``."""
    moment = _strptime_moment(text, layouts)
    return None if moment is None else moment.date()


def _century(digits: str) -> int:
    """A year written with two digits ('FY23') as strptime reads '%y': 69 to 99 are 1969 to
    1999, the rest 2000 to 2068; four digits as written."""
    return int(digits) if len(digits) == 4 else dt.datetime.strptime(digits, "%y").year


def _next_year(year: int, written: str) -> bool:
    """Whether ``written`` ('24', '2024') is the year after ``year``."""
    return int(written) == (year + 1) % 100 if len(written) == 2 else int(written) == year + 1


#: A day in numbers read day first in one office and month first in the next: '01/02/2024'.
#: With a time of day after it too ('04/30/2024 03:15 PM', Sprout Social's): newest first,
#: drawn back in time without a word (found in review); refused as the day alone is.
_EITHER_WAY = re.compile(r"^(?P<a>\d{1,2})(?P<s>[/-])(?P<b>\d{1,2})(?P=s)(?P<y>\d{4})"
                         r"(?P<time>\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp][Mm])?)?$")  # fmt: skip


def undeclared_days(cells: Sequence[Any]) -> tuple[str, ...]:
    """The formats (``%d/%m/%Y``, ``%m/%d/%Y``) that read every one of ``cells`` as a day
    written as '01/02/2024', when the cells run back in time whichever of them is meant:
    drawn in their order, a line would. Empty when they are not all such days (one
    separator), or when one reading has them in time order: the file may mean that one,
    and is drawn as it is. Such a column is not put in order (:func:`time_order`): which
    is the day and which the month is a guess."""
    readings = either_way(cells)
    if any(read == sorted(read) for read in readings.values()):
        return ()
    return tuple(readings)


def either_way(cells: Sequence[Any]) -> dict[str, list[dt.date]]:
    """Each format (``%d/%m/%Y``, ``%m/%d/%Y``) that reads every one of ``cells`` as a day
    written as '01/02/2024', with the days it reads (in the cells' order). Empty when they
    are not all such days, with one separator, or are fewer than two."""
    found = [_EITHER_WAY.match(c.strip()) if isinstance(c, str) else None for c in cells]
    matches = [m for m in found if m is not None]
    if len(matches) < 2 or len(matches) < len(found) or len({m["s"] for m in matches}) > 1:
        return {}
    sep = matches[0]["s"]
    layouts = {f"%d{sep}%m{sep}%Y": ("b", "a"), f"%m{sep}%d{sep}%Y": ("a", "b")}
    out: dict[str, list[dt.date]] = {}
    for layout, (month, day) in layouts.items():
        days = [_day(int(m["y"]), int(m[month]), int(m[day])) for m in matches]
        read = [d for d in days if d is not None]
        if len(read) == len(days):  # '13/01/2024' is no month-first day
            out[layout] = read
    return out


def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def nearest_day(text: str, names: Sequence[str]) -> str | None:
    """For ``text`` written as a day that is no day ('2024-02-30'), the name among
    ``names`` (ISO days) nearest in time to the last day of its month, with why: a
    did-you-mean by spelling offered '2024-06-30' for '2024-02-30' (found in review).
    ``None`` for a real day, or text that is no ISO day."""
    import calendar

    found = _YMD.match(str(text).strip())
    if not found:
        return None
    year, month, day = (int(g) for g in found.groups())
    if not 1 <= month <= 12 or 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    last = dt.date(year, month, calendar.monthrange(year, month)[1])
    days = [(d, n) for n in names if (d := _iso_day(n)) is not None]
    if not days:
        return None
    _, name = min(days, key=lambda pair: abs((pair[0] - last).days))
    return f"{text!r} is no day ({last:%B %Y} has {last.day} days): did you mean {name!r}?"


def _iso_day(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if _ISO_DAY.match(text) else None
    except ValueError:
        return None


def time_order(cells: Sequence[Any]) -> list[int] | None:
    """The positions of ``cells`` in time order when every one names a period written one
    way (all years, all fiscal years, all quarters, ...; see :func:`period_readings`);
    ``None`` when one names none or they are written in different ways: a category that
    only looks like a period keeps the file's order. Cells naming the same period keep
    theirs."""
    found = periods_named(cells)
    if found is None:
        return None
    _, when = found
    return sorted(range(len(cells)), key=when.__getitem__)


def periods_named(cells: Sequence[Any]) -> tuple[Writing, list[dt.date]] | None:
    """The one way every one of ``cells`` names a period (see :func:`time_order`), and the
    period each names: a :class:`Year`, :class:`Quarter` or :class:`Month`, a day, or the
    first day of the year a fiscal or split year is named by. ``None`` when one names none
    or they are written in different ways."""
    readings = []
    shared: set[Writing] = set(get_args(Writing))
    for cell in cells:  # a column of names stops at its first cell
        readings.append(period_readings(cell))
        shared &= set(readings[-1])
        if not shared:
            return None
    if not readings:
        return None
    # Two shared ways order the cells alike (see period_readings): either will do.
    writing = min(shared, key=get_args(Writing).index)
    when = [r[writing] for r in readings]
    if writing == "year":
        when = [Year.of(d) for d in when]
    return writing, when


def in_time(keys: Sequence[Any]) -> list[dt.date | None] | None:
    """Sort keys in time for ``keys`` (text, ``None`` where missing) when every present one
    names a period written one way (:func:`periods_named`: '2023-T4', 'Sun, Apr 14, 2024',
    'Apr 30, 2024 10:00 am'), each its period or moment; else ``None``. Sorted as text,
    such cells ran A to Z ('Apr 23', 'Apr 30', 'Apr 9', 'Mar 28', or Fri before Mon) where
    a sort by them means time (found in review)."""
    present = [k for k in keys if k is not None]
    if not present or not all(isinstance(k, str) for k in present):
        return None
    found = periods_named(present)
    if found is None:
        return None
    when = iter(found[1])
    return [None if k is None else next(when) for k in keys]


#: The ways of writing a period whose cells a chart along time can place at their dates,
#: as a column declared a date is placed: each names the period it is ('2023 Q1' is
#: Q1 2023). Not a fiscal year ('FY2023' starts in 2022 in one office, 2023 in the next)
#: nor a split year: a date would write them as calendar years.
PLACED: tuple[Writing, ...] = ("year", "quarter", "month", "day")


def period_kind(cell: Any) -> Writing | None:
    """The kind of period a cell names, of those a chart places (:data:`PLACED`): a date
    cell's (a declared ``period:``'s, or ``day``), else the first its text reads as in that
    order ('2011-12' is a month before it is the split year 2011/12), or ``None`` ('Title',
    'FY2023')."""
    if is_date(cell):
        return precision_of(cell)
    readings = period_readings(cell)
    return next((kind for kind in PLACED if kind in readings), None)


def writing_of(cell: Any) -> Writing | None:
    """The kind of period a cell names, in any writing: :func:`period_kind`'s, else the
    first its text reads as ('FY2023' a fiscal year, '2023/24' a split year), or ``None``."""
    return period_kind(cell) or next(iter(period_readings(cell)), None)


#: What a step between two periods written each way is counted in, for messages.
STEP_UNITS: dict[Writing, str] = {
    "year": "year", "fiscal year": "year", "split year": "year", "half year": "half year",
    "quarter": "quarter", "month": "month", "week": "week", "day": "day", "time": "day",
}  # fmt: skip


def steps(periods: Sequence[dt.date], writing: Writing) -> list[int]:
    """The steps between ``periods`` (in time order, each once) in the unit they are written
    in (:data:`STEP_UNITS`): years, quarters, months or days. Days that fall on one day of
    the month, or each on its month's last day (a monthly series written as days:
    '2024-01-01', '2024-02-01', or month ends), step in months."""
    import calendar

    unit = STEP_UNITS[writing]
    if unit == "day" and len(periods) > 1:
        month_end = all(d.day == calendar.monthrange(d.year, d.month)[1] for d in periods)
        if month_end or len({d.day for d in periods}) == 1:
            unit = "month"
    index = {
        "year": lambda d: d.year,
        "half year": lambda d: d.year * 2 + (d.month - 1) // 6,
        "quarter": lambda d: d.year * 4 + (d.month - 1) // 3,
        "week": lambda d: d.toordinal() // 7,
        "month": lambda d: d.year * 12 + d.month - 1,
        "day": lambda d: d.toordinal(),
    }[unit]
    return [index(b) - index(a) for a, b in itertools.pairwise(periods)]


def as_periods(days: Sequence[dt.date]) -> list[dt.date]:
    """``days`` as the periods they stand for when every one starts a month (two dates or
    more): months (an export's, FRED's '2023-01-01', '2023-02-01'), quarters when each
    starts one and they step in quarters ('2023-01-01', '2023-04-01'), or years when each
    is 1 January ('2019-01-01'); else as they are. Such a month was ticked 'Jan 15, 2023'
    between its points and said 'on January 1, 2023' (found in review); as a month it is
    ticked and said as a column declared ``period: month`` is. Days that all end a month
    are the periods they end, judged by the day after each: the ECB's Data Portal dates
    its months '2023-01-31', drawn as days at the next month's tick (found in review)."""
    if any(isinstance(d, Period) for d in days) or len(set(days)) < 2:
        return list(days)
    after = [d + dt.timedelta(days=1) for d in days]
    starts = after if all(d.day == 1 for d in after) else list(days)
    if any(d.day != 1 for d in starts):
        return list(days)
    period: type[Period] = Month
    if all(d.month == 1 for d in starts):
        period = Year
    elif all(d.month in (1, 4, 7, 10) for d in starts) and all(
        step % 3 == 0 for step in steps(sorted(set(starts)), "month")
    ):
        # FRED's quarterly GDP ('2024-01-01', '2024-04-01'): said 'in January 2024' where
        # it is the first quarter's (found in review).
        period = Quarter
    return [period.of(d) for d in days]


def iso_days(cells: Sequence[Any]) -> bool:
    """Whether every one of ``cells`` (one at least) is a day written as a program writes
    it: an ISO date ('2023-01-01') or an ISO timestamp at midnight ('2023-01-01T00:00:00Z')."""
    return bool(cells) and all(
        isinstance(c, str) and bool(_ISO_DAY.match(c) or _ISO_MIDNIGHT.match(c)) for c in cells
    )


def read_coded(cells: Sequence[Any]) -> list[dt.date] | None:
    """The dates ``cells`` write when every one is a day written as a program writes it
    (:func:`iso_days`, each a real day: not '2023-02-30'), or every one a month written
    as statistics offices and APIs code them ('2023 JAN', '2023M01', '2023-01', '202307'), or every
    one a day as Google Analytics writes it ('20240131'), else ``None``: writings no one
    would put under a chart as they are."""
    if iso_days(cells):
        try:
            return [_parse_day(c, None, None) for c in cells]
        except ValueError:
            return None
    if len(cells) > 1 and all(isinstance(c, str) and _COMPACT_DAY.match(c.strip()) for c in cells):
        # Google Analytics' days ('20240101'): ticked and said '20240101' (found in
        # review). Two at least, each a real day: a lone eight-digit number may be an ID.
        try:
            return [dt.datetime.strptime(c.strip(), "%Y%m%d").date() for c in cells]
        except ValueError:
            return None
    if not cells or not all(isinstance(c, str) for c in cells):
        return None
    if all(_ISO_MONTH.match(c.strip()) for c in cells):
        # ISO months, as Eurostat, the ECB and APIs write them ('2024-01'), were ticked and
        # said '2024-01' (found in review). Not where every one may be a split year too
        # ('2011-12', '2012-13' is 2011/12 and 2012/13): those keep their writing.
        readings = [period_readings(c) for c in cells]
        if all("split year" in r for r in readings):
            return None
        months = [r.get("month") for r in readings]
    elif all(_YEAR_MONTH.match(c.strip()) for c in cells) or (
        len(cells) > 1 and all(_COMPACT_MONTH.match(c.strip()) for c in cells)
    ):
        # '202307', as UN Comtrade writes a month: a table showed it '202,307' (found in
        # review). Two at least: a lone six-digit number may be a code.
        months = [period_readings(c).get("month") for c in cells]
    else:
        return None
    return None if any(m is None for m in months) else [m for m in months if m is not None]


def uneven(periods: Sequence[dt.date], writing: Writing) -> bool:
    """Whether ``periods`` (in time order, each once) step unevenly in their unit
    (:func:`steps`): drawn one slot each, a longer step would read as steep as a short one."""
    return len(set(steps(periods, writing))) > 1


def _floor(value: dt.date, precision: Precision) -> dt.date:
    if precision == "day":
        return dt.date(value.year, value.month, value.day)
    return PERIODS[precision].of(value)


def following(day: dt.date, precision: Precision) -> dt.date:
    """The first day after the period of ``precision`` that starts on ``day``."""
    if precision == "day":
        return day + dt.timedelta(days=1)
    months = {"month": 1, "quarter": 3, "year": 12}[precision]
    month = day.month - 1 + months
    return dt.date(day.year + month // 12, month % 12 + 1, 1)


def compare(value: dt.date, op: str, wanted: Any) -> bool:
    """``value op wanted`` for a date and a date or period named as :func:`named` reads it:
    ``>= 2009`` from 1 January 2009, ``> 2009`` from 2010, ``<= 2009-06`` to the end of
    June; a day names the period holding it on data of whole periods. ``ValueError`` if
    ``wanted`` names no date."""
    found = named(wanted)
    if found is None:
        raise ValueError(wanted)
    day, precision = found
    # A day on monthly data names its month (as in :func:`match`).
    coarser = max(precision, precision_of(value), key=PRECISIONS.index)
    start = _floor(day, coarser)
    end = following(start, coarser)
    plain = _floor(value, coarser)
    return {
        ">=": plain >= start, ">": plain >= end, "<": plain < start, "<=": plain < end,
        "==": start <= plain < end, "!=": not start <= plain < end,
    }[op]  # fmt: skip


def typed(day: dt.date, precision: Precision) -> dt.date:
    """``day`` as a value of ``precision``: a plain date, or the period holding it."""
    return _floor(day, precision) if precision == "day" else PERIODS[precision].of(day)
