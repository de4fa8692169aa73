"""Numbers in a text as a reader reads them: '$143.2B', '67%', '30.2 million', each with
the value, decimals and unit it is written in (:func:`numbers`), and whether a data value
reads as it (:meth:`Number.matches`, rounded as the charts write it). Spans of time ('the
last 18 months'), fiscal years ('2024/25') and names holding digits ('Depot 21') are no
values: :func:`outside_periods` and :func:`outside_names` blank them out first, and
:func:`values_stated` gives what is left that states a value.

``deckgen check`` reads titles with them (a title's number the chart shows nowhere), and a
social card reads its title with them to keep the rows whose values the title states.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Literal

from deckgen.outline.formats import round_half_up
from deckgen.outline.typography import straight

NUMBER = re.compile(
    r"(?<![\w.])(?P<cur>[$€£])?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"\s?(?P<unit>%|percent|[KMBT]\b|thousand|million|billion|trillion)?"
)
#: 'per' right before a number: it is a rate's base ('per 1,000 residents').
_PER = re.compile(r"\bper\s+$", re.IGNORECASE)
_UNITS = {"K": 1e3, "thousand": 1e3, "M": 1e6, "million": 1e6, "B": 1e9, "billion": 1e9,
          "T": 1e12, "trillion": 1e12}  # fmt: skip


@dataclass(frozen=True)
class Number:
    """A number as a reader sees it in text: '$143.2B', '67%', '30.2 million'."""

    text: str
    value: float
    decimals: int
    unit: float
    percent: bool
    #: The base of a rate, written after 'per' ('jobs per 1,000 residents'): how the
    #: rate is counted, not a value (NUM001 said '1,000' was typed by hand where the
    #: data held a 1,000 GWh; found by a new user).
    base: bool = False

    @property
    def count_like(self) -> bool:
        """A small whole number ('top 10', '15 states'): a count, not a data value."""
        return self.unit == 1 and not self.percent and self.decimals == 0 and self.value <= 12

    @property
    def year_like(self) -> bool:
        return self.unit == 1 and not self.percent and self.decimals == 0 and (
            1900 <= self.value <= 2100
        )  # fmt: skip

    @property
    def code_like(self) -> bool:
        """A whole number written with a leading zero ('Dealer 013', 'Unit 007'): a code,
        not a quantity (NUM003 said '013 is also on slide 2' of a batch's fact sheets,
        each naming its dealer on two slides; found in the bench's fact sheets)."""
        return len(self.text) > 1 and self.text.startswith("0") and self.text.isdigit()

    @property
    def a_value(self) -> bool:
        """Whether it may state a value: not a year, a small count or a code."""
        return not (self.year_like or self.count_like or self.code_like or self.base)

    def matches(self, cell: float, *, scaled: bool = True) -> bool:
        """Whether a data value, in any plain unit, reads as this number, rounded as the
        charts and filters write it: halves away from zero, from the value's shortest
        decimal text. Python's ``round`` took 9.95 to 9.9, and the check said a title's
        '$10.0M' was shown nowhere, over a bar labelled '$10.0M' (found by review).
        Not ``scaled``: in its own unit alone (a '40' in prose is no 40,100 in thousands)."""
        if not math.isfinite(cell):
            return False
        step = 10.0**-self.decimals
        units = (self.unit, 1.0, 1e3, 1e6, 1e9, 1e12) if scaled else (self.unit,)
        for unit in (1.0,) if self.percent else units:
            # Only a value within a step of the number can round to it: the exact rounding
            # (~30x the cost of a float's) is left to those.
            if abs(cell / unit - self.value) <= step and (
                float(round_half_up(cell, self.decimals, unit)) == self.value
            ):
                return True
        return False


def numbers(text: str) -> list[Number]:
    """The numbers in a text (years included; see :attr:`Number.year_like`)."""
    found = []
    for m in NUMBER.finditer(text):
        digits = m["num"].replace(",", "")
        unit = m["unit"] or ""
        decimals = len(digits.split(".")[1]) if "." in digits else 0
        base = _PER.search(text, 0, m.start()) is not None and not m["cur"] and not unit
        found.append(Number(m.group(0).strip(), float(digits), decimals,
                            _UNITS.get(unit, 1.0), unit in ("%", "percent"), base))  # fmt: skip
    return found


#: The units a span of time is told in (one of them: '10-year'; or more: '18 months').
_SPAN_UNIT = r"(?:second|minute|hour|day|week|fortnight|month|quarter|year|decade|century)"
_SPAN = rf"(?:{_SPAN_UNIT}s?|centuries)"
#: A span of time a text tells ('the last 18 months', 'over 10 years', 'a 10-year high',
#: '15 straight quarters'): the length of the period the numbers cover, not a value of
#: them, so the number rules leave it alone as they leave years alone. Only after a word
#: that makes it a span ('in', 'over', 'last'...), or before one that makes it a time from
#: an event ('15 months after graduating', '3 years ago': a survey's timing was said to be
#: a value the data held, found by a new user): 'patients wait 18 days' may be the data.
_PERIOD = re.compile(
    r"\b(?:(?:last|past|next|first|previous|recent|final|in|over|for|within|during|after"
    r"|across|spanning)\s+(?:the\s+)?(?:(?:last|past|next|first|previous|recent|final)\s+)?"
    rf"(?P<after>\d+(?:\.\d+)?)\s+(?:(?:full|calendar|fiscal|financial)\s+)?{_SPAN}"
    rf"|(?P<run>\d+)\s+(?:straight|consecutive|successive)\s+{_SPAN}"
    rf"|(?P<offset>\d+)\s+{_SPAN}\s+(?:after|before|later|earlier|ago|since)"
    rf"|(?P<joined>\d+)-{_SPAN_UNIT})\b",
    re.IGNORECASE,
)


#: A year as a fiscal year or a split year names it: '2024/25', '2024-25', '2024/2025',
#: 'FY2024/25', 'FY24/25', 'FY 24', 'FY25'; and a run of years, 'from 2015-22'. Told
#: from other numbers in :func:`_is_period`.
_NAMED_YEAR = re.compile(
    r"(?<![\w.,])(?P<fy>FY\s?)?(?P<year>\d{4}|\d{2})"
    r"(?:\s?(?P<sep>[/\-\u2013])\s?(?P<next>\d{4}|\d{2}))?(?![\w%]|[.,/]\d)",
    re.IGNORECASE,
)


def _is_period(match: re.Match[str]) -> bool:
    """Whether a match of :data:`_NAMED_YEAR` names a period, as a chart's category sort
    reads one (:func:`deckgen.tables.dates.period_readings`): a fiscal year ('FY24'), or a
    year and the next one ('2024/25'); in a text also a run of years ('2015-22', with a
    dash, of fifty years at most: '2023/25' may be a fraction). A two-digit year is one
    only after 'FY' ('24/25' may be a score)."""
    year, after = match["year"], match["next"]
    if len(year) == 2 and not match["fy"]:
        return False
    if len(year) == 4 and not 1900 <= int(year) <= 2100:
        return False
    if after is None:
        return bool(match["fy"])
    if len(year) < len(after):
        return False
    # '2099/00' is a year and the next; '2024-23' no run of years.
    gap = (int(after) - int(year)) % 100 if len(after) == 2 else int(after) - int(year)
    return gap == 1 or (match["sep"] != "/" and 1 < gap <= 50)


#: Months' names by language, each month's written forms (whole, and as cut): a month a
#: text or a cell names. English's are read as periods (``deckgen.tables.dates``); the
#: others are named in hints ('2023 januari', as CBS StatLine writes them).
MONTHS_BY_LANGUAGE: dict[str, tuple[str, ...]] = {
    "en": ("jan january", "feb february", "mar march", "apr april", "may", "jun june",
           "jul july", "aug august", "sep sept september", "oct october", "nov november",
           "dec december"),
    "de": ("januar", "februar", "märz", "april", "mai", "juni", "juli", "august",
           "september", "okt oktober", "november", "dez dezember"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"),
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
           "septiembre", "octubre", "noviembre", "diciembre"),
    "it": ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
           "settembre", "ottobre", "novembre", "dicembre"),
}  # fmt: skip
#: Each month's name, in any of those languages, and its number.
MONTHS: dict[str, int] = {
    name: n
    for months in MONTHS_BY_LANGUAGE.values()
    for n, forms in enumerate(months, start=1)
    for name in forms.split()
}
#: The names that are no English month's.
FOREIGN_MONTHS: frozenset[str] = frozenset(MONTHS) - {
    name for forms in MONTHS_BY_LANGUAGE["en"] for name in forms.split()
}
#: A month's name, with a point after one cut short ('Feb.').
_MONTH = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
#: A day written in a text: 'February 28, 2024', 'Feb 28', '28 February', '28. Februar',
#: '2024-02-28', '02/28/2024'. Its numbers are a date, not values: the card of a chart
#: titled 'Follower gains peaked on February 28, 2024' kept the days around the one whose
#: value was 28, leaving February 28 out, and check asked for 28 among the values (found
#: in review).
DAY_WRITTEN = re.compile(
    rf"\b(?P<m1>{_MONTH})\s+(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?\b(?!\.\d|,\d|\s*(?:%|percent|thousand|million|billion|trillion|[KMBT])\b|%)"
    rf"(?:,?\s+(?P<y1>\d{{4}})\b)?"
    rf"|\b(?P<d2>[0-3]?\d)(?:st|nd|rd|th|\.)?\s+(?:of\s+)?(?P<m2>{_MONTH})(?![\w])"
    rf"(?:\s+(?P<y2>\d{{4}})\b)?"
    r"|\b(?P<iso>\d{4}-\d{2}-\d{2})\b|\b\d{1,2}(?P<sep>[/.])\d{1,2}(?P=sep)\d{2,4}\b",
    re.IGNORECASE,
)


def days_written(text: str) -> list[tuple[int | None, int, int]]:
    """The days ``text`` writes by a month's name or as ISO does (:data:`DAY_WRITTEN`):
    each its year (``None`` where not written), month and day."""
    out: list[tuple[int | None, int, int]] = []
    for m in DAY_WRITTEN.finditer(text):
        if m["iso"]:
            y, mo, d = (int(part) for part in m["iso"].split("-"))
            out.append((y, mo, d))
            continue
        named = MONTHS.get((m["m1"] or m["m2"] or "").rstrip(".").casefold())
        if named is None:
            continue  # a day in digits alone: day or month first is not guessed
        written = m["y1"] or m["y2"]
        out.append((int(written) if written else None, named, int(m["d1"] or m["d2"])))
    return out


def outside_periods(text: str) -> str:
    """``text`` with the number of each span of time it tells blanked out (spaces of the
    same length: the other numbers keep their places), each fiscal or split year
    ('2024/25' read '25' as a value the data held, 24.7 rounded: fuzz-Q/6), and each day
    it writes (:data:`DAY_WRITTEN`)."""
    text = DAY_WRITTEN.sub(lambda m: " " * len(m.group(0)), text)

    def blank(match: re.Match[str]) -> str:
        group = next(g for g in ("after", "run", "offset", "joined") if match[g] is not None)
        start, end = match.span(group)
        whole = match.group(0)
        offset = match.start()
        return whole[: start - offset] + " " * (end - start) + whole[end - offset :]

    def named(match: re.Match[str]) -> str:
        return " " * len(match.group(0)) if _is_period(match) else match.group(0)

    return _NAMED_YEAR.sub(named, _PERIOD.sub(blank, text))


def outside_names(text: str, names: list[str]) -> str:
    """``text`` with each of ``names`` that holds a digit blanked out: 'Depot 21' in a
    title names a row, it states no value (NUM002 asked for 21 among the values). Their
    apostrophes compared straight: a title's are typographic, a name's the data's."""
    text = straight(text)
    digits = {straight(n) for n in names if any(c.isdigit() for c in n)}
    for name in sorted(digits, key=len, reverse=True):
        text = re.sub(re.escape(name), lambda m: " " * len(m.group(0)), text, flags=re.IGNORECASE)
    # A bound of the names' ranges told as one ('adults under 50' of rows '18 to 49' and
    # '50 to 64'): an age or a size class, no value (NUM002 asked for a 50 among the bars'
    # values, found by a new user). Only after a word that bounds, and only a bound the
    # names hold, or one past it.
    bounds = {int(b) for n in digits for b in re.findall(r"(?<![\d.,])\d+(?![\d.,]\d)", n)}

    def bound(m: re.Match[str]) -> str:
        said = int(m["number"])
        inside = said in bounds or said - 1 in bounds or said + 1 in bounds
        return m[0][: m.start("number") - m.start()] + " " * len(m["number"]) if inside else m[0]

    return _BOUNDED.sub(bound, text) if bounds else text


#: A number after a word that bounds a range ('under 50', 'aged 65', 'over 1000').
_BOUNDED = re.compile(
    r"\b(?:under|over|above|below|aged|ages?|older than|younger than)"
    r"\s+(?P<number>\d+)(?![\d.,]\d)",
    re.IGNORECASE,
)


def values_stated(text: str, names: list[str]) -> list[Number]:
    """The numbers in ``text`` that state a value: not a span of time or a fiscal year
    (:func:`outside_periods`), nor the digits of one of ``names`` (the rows and series the
    text is about), nor a year, a small count or a code (:attr:`Number.a_value`)."""
    found = numbers(outside_names(outside_periods(text), names))
    return [n for n in found if n.a_value]


#: How a ratio word is hedged: its bound on the change the data makes.
Hedge = Literal["about", "more", "nearly"]

#: A change a verb states as a multiple ('doubled': x2, so +100%).
_MULTIPLES = {"doubl": 1.0, "tripl": 2.0, "trebl": 2.0, "quadrupl": 3.0, "halv": -0.5}
#: A change told as a fraction ('grew by a third'), and the words that give its sign.
_FRACTIONS = {"a third": 1 / 3, "one third": 1 / 3, "a quarter": 0.25, "one quarter": 0.25,
              "a fifth": 0.2, "one fifth": 0.2, "half": 0.5, "a half": 0.5,
              "two thirds": 2 / 3, "three quarters": 0.75}  # fmt: skip
_UP = r"grew|grown|rose|risen|increased|climbed|jumped|swelled|gained|up"
_DOWN = r"fell|fallen|dropped|declined|decreased|shrank|shrunk|slid|slipped|lost|cut|down"
#: Words that tell a fall, after which a number is its size ('fell 30%', '1.2M fewer').
_FALL = re.compile(rf"\b(?:{_DOWN}|fewer|less|lower|smaller|loss|losses|shed|slump(?:ed)?)\b",
                   re.IGNORECASE)  # fmt: skip


#: Words that tell a change over time: a percent beside them is a rate, not a share. Not
#: 'up' or 'cut' alone: 'of adults who signed up' is a share.
_CHANGE = re.compile(
    r"\b(?:rose|risen|rises?|rising|grew|grown|grows|growing|growth|fell|fallen|falls?|"
    r"falling|increased|increases?|increasing|decreased|decreases?|decreasing|declined|"
    r"declines?|declining|dropped|climbed|jumped|shrank|shrunk|changed?|changes|since|"
    r"inflation|year[- ]on[- ]year|(?:up|down) from)\b",
    re.IGNORECASE,
)


def tells_a_change(text: str) -> bool:
    """Whether ``text`` tells a change over time ('rise in consumer prices since 2020'):
    a percent it labels is a rate, never a share of a whole to draw as dots of 100."""
    return _CHANGE.search(text) is not None


def tells_a_fall(text: str) -> bool:
    """Whether ``text`` tells a fall in words, so an unsigned number in it may be the size
    of a negative value ('Exports to Asia fell 30%' over a bar labelled −30%)."""
    return _FALL.search(text) is not None


#: A ranking stated as a superlative: the first of all ('the largest', 'the most', 'leads',
#: 'more than any other') or the last ('the smallest', 'the fewest'). 'Most' alone is a
#: majority ('most vehicles'), not a rank; 'the top 5' is a count.
_FIRST = (
    r"\bthe\s+(?:most|top(?!\s+\d))\b|\b(?:largest|biggest|highest|greatest|leading)\b"
    r"|\b(?:leads?|tops)\b|\bmore\s+(?:\w+\s+){0,3}than\s+(?:any|every)\s+other\b"
)
_LAST = r"\bthe\s+(?:least|fewest)\b|\b(?:smallest|lowest)\b"
_RANKED = re.compile(rf"(?P<first>{_FIRST})|(?P<last>{_LAST})", re.IGNORECASE)
#: What makes a superlative no plain first or last: a rank past the first ('the second
#: largest'), one of several ('one of the largest', 'among the biggest'), a negation ('no
#: longer the largest'), a superlative of a change ('grew the most', 'the largest rise',
#: 'the fastest'), or of part of a whole or a rate the chart may not show ('the largest
#: share').
_NOT_PLAIN_RANK = re.compile(
    r"\b(?:second|third|fourth|fifth|sixth|next|2nd|3rd|\d+th)[\s-]+(?:\w+[\s-]+)?"
    rf"(?:{_FIRST}|{_LAST})|\b(?:one|some|two|three|several|few)\s+of\s+the\b|\bamong\b"
    r"|\b(?:not|no longer|never|n't|nor)\b|\b(?:fastest|slowest|quickest)\b"
    rf"|{_CHANGE.pattern}|\b(?:{_UP}|{_DOWN}|rise|gain|drop|fall|jump|surge|slump)s?\b"
    r"|\b(?:share|shares|rate|rates|per|percentage|proportion|ratio)\b",
    re.IGNORECASE,
)


def ranked_first(text: str, names: list[str]) -> tuple[str, bool] | None:
    """The one of ``names`` that ``text`` (a title) states is the first of all ('China
    builds the most vehicles': ``('China', True)``) or the last (``False``), where it names
    exactly one of them and states one plain rank: ``None`` where it names none or several,
    states no superlative or both kinds, or one that is no plain rank (a rank past the
    first, one of several, a negation, a change or a share: :data:`_NOT_PLAIN_RANK`)."""
    said = {m.lastgroup for m in _RANKED.finditer(text)}
    if len(said) != 1 or _NOT_PLAIN_RANK.search(text):
        return None
    named = [n for n in dict.fromkeys(names) if n.strip() and re.search(
        rf"(?<!\w){re.escape(n.strip())}(?!\w)", text, re.IGNORECASE)]  # fmt: skip
    # A name inside another ('Korea' in 'South Korea') is that other's.
    named = [n for n in named if not any(n != m and n.lower() in m.lower() for m in named)]
    if len(named) != 1:
        return None
    return named[0], said == {"first"}


_HEDGES = {"more than": "more", "over": "more", "at least": "more", "nearly": "nearly",
           "almost": "nearly", "close to": "nearly", "about": "about", "roughly": "about",
           "around": "about"}  # fmt: skip
_HEDGE = r"(?:(?P<hedge>" + "|".join(_HEDGES) + r")\s+)?"
#: Words a fraction counts rather than changes: 'gained a third seat', 'a third term'.
_COUNTED = (
    "times?|terms?|places?|rounds?|seats?|straight|consecutive|successive"
    "|years?|months?|weeks?|days?|quarters?"
)
_RATIO = re.compile(
    rf"\b{_HEDGE}(?P<verb>doubl|tripl|trebl|quadrupl|halv)(?:ed|ing)\b"
    rf"|\b(?:(?P<way>{_UP}|{_DOWN})\s+by|(?P<short>up|down))\s+"
    rf"{_HEDGE.replace('hedge', 'hedged')}(?P<fraction>{'|'.join(_FRACTIONS)})\b"
    rf"(?!\s+(?:of|the|a|an|its|their|all|{_COUNTED})\b)"
    r"|\bcut\s+(?:in|by)\s+(?P<cut>half)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Ratio:
    """A change a text states in words: 'doubled' (+100%), 'fell by a third' (-33%),
    'more than tripled' (at least +200%)."""

    text: str
    #: The change stated, as a fraction of the start: +1.0 for 'doubled'.
    change: float
    hedge: Hedge | None = None

    def matches(self, start: float, end: float) -> bool:
        """Whether a change from ``start`` to ``end`` reads as this one. A reader rounds
        a change told in words to the nearest simple fraction, so a stated change holds
        within a tenth of itself: 'doubled' for +90% to +110%, 'grew by a third' for +30%
        to +36.7%. 'More than' holds past it (a reader forgives 'more than doubled' of
        x2.5, never of x1.6), 'nearly' up to it from four fifths of it, 'about' within
        a sixth either side."""
        if not (math.isfinite(start) and math.isfinite(end)) or start <= 0 or end < 0:
            return False  # no ratio of a change from or through zero reads in words
        actual, stated = end / start - 1.0, self.change
        if actual * stated <= 0:
            return False
        actual, stated = abs(actual), abs(stated)
        if self.hedge == "more":
            return actual >= 0.98 * stated
        if self.hedge == "nearly":
            return 0.8 * stated <= actual <= 1.02 * stated
        slack = stated / 6 if self.hedge == "about" else stated / 10
        return abs(actual - stated) <= slack + 1e-9


def ratios_stated(text: str, names: list[str]) -> list[Ratio]:
    """The changes ``text`` states in words (:class:`Ratio`), outside the ``names`` of the
    rows and series it is about ('Halving Street' is a name). A fraction is a change only
    after a verb of change and 'by' ('rose by a third'), or after 'up' or 'down' ('up a
    fifth'), and not before 'of' ('half of all exports' is a share) nor before what it
    counts: 'Labour gained a third seat' and 'rose a third straight year' state no change
    of a third (found in review)."""
    plain = straight(text)
    for name in sorted({straight(n) for n in names}, key=len, reverse=True):
        if name:
            plain = re.sub(re.escape(name), lambda m: " " * len(m.group(0)), plain,
                           flags=re.IGNORECASE)  # fmt: skip
    found = []
    for m in _RATIO.finditer(plain):
        hedge = m["hedge"] or m["hedged"]
        bound: Hedge | None = _HEDGES[hedge.lower()] if hedge else None  # type: ignore[assignment]
        if m["verb"]:
            change = _MULTIPLES[m["verb"].lower()]
        elif m["cut"]:
            change = -0.5
        else:
            size = _FRACTIONS[" ".join(m["fraction"].lower().split())]
            way = m["way"] or m["short"]
            down = re.fullmatch(_DOWN, way, re.IGNORECASE) is not None
            change = -size if down else size
        found.append(Ratio(m.group(0).strip(), change, bound))
    return found
