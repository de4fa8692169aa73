"""A total row drawn beside the parts it adds up: a data file's 'Total', 'World' or 'All
regions' read as one more category. Its bar dwarfs the others, and a ring or a stacked
chart of parts of a whole counts everything twice. The build warns of it as each chart is
planned (:meth:`~deckgen.kinds.charts._base.ChartSpec.totals_problem`, on slides and
cards), and ``deckgen check`` reports the same finding (NUM006): the build said nothing
of a ring chart half of which was its own total (found in review)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from deckgen.errors import Location, Problem, joined, yaml_scalar

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    import pandas as pd

    from deckgen.tables.select import ChartData


def totals_problem(frame: pd.DataFrame | None, source: str, column: str, filtered: bool,
                   data: ChartData, percent: bool, where: Location) -> Problem | None:  # fmt: skip
    """The problem of the totals among ``data``'s categories (read from ``column`` of the
    table ``source``, ``frame``), if any, at ``where``: found by value, the sum of the
    others (within 0.5%), with its name or the number of the others; or by name ('World
    Total', 'G20 Total', 'All countries') with a value larger than the largest of the
    categories not so named in every series, where the values are no percentages
    (``percent``). One problem a chart, naming each total and its row in the data, and
    the filter that leaves them out, added to the chart's own (``filtered``) or as a step
    (the sample's data without its filter line drew two, and check said nothing: the
    parts shown no longer added up to either, found by fuzzing)."""
    names = [str(c) for c in data.categories]
    found: dict[str, bool] = {}  # total -> whether it is the sum of the others
    # By name only where a total is the sum of its parts: a share of all adults is no sum
    # of the age groups' shares, nor their mean a sum (a survey's 'All adults' benchmark
    # was called a total drawn beside its parts, found in review).
    if not percent:
        for name in _totals_by_name(names, [list(s.values) for s in data.series]):
            found[name] = False
        for name in aggregates_among_countries(frame, column, names):
            found.setdefault(name, False)
    for series in data.series:
        summed = _total_among(names, list(series.values))
        if summed is not None:
            found[summed] = True  # the stronger word: said rather than its name
    if not found:
        return None
    totals = [n for n in names if n in found]  # in the order drawn
    rows = category_rows(frame, source, column, totals)
    listing = joined([f"{n!r} ({rows[n]})" if n in rows else repr(n) for n in totals])
    one = len(totals) == 1
    if one and found[totals[0]]:
        said = f"{listing} is the sum of the others: a total drawn beside its parts"
    else:
        by_name = " by name" if not any(found.values()) else ""
        aggregates = any(_is_aggregate(n) for n in totals)
        kind = ("an aggregate or total" if one else "aggregates or totals") if aggregates else (
            "a total" if one else "totals")  # fmt: skip
        said = (f"{listing} {'is' if one else 'are'} {kind}{by_name}, drawn "
                f"beside the parts {'it adds' if one else 'they add'} up"
                + (" (no part is larger)" if by_name and not aggregates else ""))  # fmt: skip
    step = leave_out(frame, column, totals)
    fix = (f"add {step} to its 'filter:' list" if filtered else
           f"leave {'it' if one else 'them'} out with a filter step, as the sample "
           f"does: 'filter: [{step}]'")  # fmt: skip
    return Problem(where, said, f"{fix}; or state the total in the title or subtitle")


def series_totals_problem(data: ChartData, percent: bool, where: Location,
                          leave_out: Callable[[list[str]], str]) -> Problem | None:  # fmt: skip
    """The problem of the totals among ``data``'s series, if any, at ``where``: a series
    that is the sum of the others at every category (within 0.5%), or named as a total
    ('Grand Total') and larger than every other series at every category, where the values
    are no percentages (``percent``). A Tableau crosstab's 'Grand Total' column, unpivoted,
    was stacked on its channels, each stack twice its height, and drawn as a fourth line
    beside them, without a word (found in review). ``leave_out`` writes the fix for the
    series named."""
    names = [s.name for s in data.series]
    if len(names) < 3:
        return None
    columns = [[s.values[k] for s in data.series] for k in range(len(data.categories))]
    found: dict[str, bool] = {}
    if not percent:
        for name in _totals_by_name(names, columns):
            found[name] = False
    summed = {_total_among(names, values) for values in columns}
    if len(summed) == 1 and (total := summed.pop()) is not None:
        found[total] = True
    if not found:
        return None
    totals = [n for n in names if n in found]
    listing = joined([repr(n) for n in totals])
    one = len(totals) == 1
    if one and found[totals[0]]:
        said = (
            f"the series {listing} is the sum of the others at every point: a total "
            "drawn beside its parts, counted twice where they are stacked"
        )
    else:
        said = (
            f"the series {listing} {'is a total' if one else 'are totals'} by name, "
            f"drawn beside the series {'it adds' if one else 'they add'} up"
        )
    return Problem(where, said, f"{leave_out(totals)}; or state the total in the title or "
                                "subtitle")  # fmt: skip


def category_rows(frame: pd.DataFrame | None, source: str, column: str,
                   names: list[str]) -> dict[str, str]:  # fmt: skip
    """Where each of ``names`` is in the data: the first row of ``source`` whose ``column``
    reads as it (``production.csv:21``); a name no row holds is left out."""
    from deckgen.tables.origin import Origin, short
    from deckgen.tables.select import category_text

    if frame is None or column not in frame.columns:
        return {}
    origin = frame.attrs.get("origin")
    wanted, out = set(names), {}
    for position, cell in enumerate(frame[column].tolist()):
        name = category_text(cell)
        if name in wanted and name not in out:
            out[name] = short(origin.row(position)) if isinstance(origin, Origin) else (
                f"row {position + 1} of {source!r}")  # fmt: skip
    return out


def filter_step(column: str, names: list[str]) -> str:
    """The filter step that leaves ``names`` out, as YAML: the README's own form."""
    if len(names) == 1:
        return f"{{column: {yaml_scalar(column)}, op: '!=', value: {yaml_scalar(names[0])}}}"
    values = ", ".join(yaml_scalar(n) for n in names)
    return f"{{column: {yaml_scalar(column)}, op: not in, value: [{values}]}}"


#: Names a total row goes by.
_TOTAL = re.compile(r"\b(total|totals|all|sum|overall|world|everything)\b", re.IGNORECASE)
#: A word that names a category a total, wherever it stands ('World Total', 'Grand total',
#: 'Sum', 'Overall'); see :func:`is_total_name`.
_TOTAL_WORD = re.compile(r"\b(total|totals|sum|overall)\b", re.IGNORECASE)
#: Names that are a total as a whole only: 'World', 'The world', 'Worldwide', 'All',
#: 'All countries', 'Everything' ('World Bank' and 'All other' are not).
_TOTAL_WHOLE = re.compile(
    r"(the\s+)?(whole\s+)?(world|worldwide|globe|everything)"
    r"|all(\s+(?!others?\b)[\w-]+){0,2}",
    re.IGNORECASE,
)
#: Words that make a total-sounding name a part or a measure: a remainder ('Rest of
#: world', 'All other'), an average or a rate ('World average', 'Overall mean').
_NOT_TOTAL = re.compile(
    r"\b(rest|other|others|average|avg|mean|median|typical|per|rate|share)\b", re.IGNORECASE
)


#: Regions and groups that statistics publishers list among countries: continents, the
#: World Bank's regions and income groups, the EU and the euro area, the OECD (Our World
#: in Data's and FAOSTAT's downloads do, the World Bank's API too). 'Asia' and
#: 'Upper-middle-income countries' were ranked above China under 'China emits the most',
#: once the chart's 'World' was filtered out as told (found in review).
#: The World Bank's WDI names its lending groups, demographic groups and small states
#: beside its regions ('Post-demographic dividend', 'IDA & IBRD total': six of a GDP
#: ranking's top ten once its regions were filtered out), and Eurostat codes the EU and
#: the euro area ('EU27_2020', 'EA20') or labels them 'European Union - 27 countries (from
#: 2020)' (found in review).
#: The auto industry's tables and statistics offices' name theirs in their own ways:
#: OICA's 'ASIA-OCEANIA', 'AMERICA', 'NAFTA' and 'EU 27 countries' (ranked above China
#: once its 'EUROPE' was filtered out), ACEA's 'EFTA' and 'EU + EFTA + UK', the Energy
#: Institute's 'Total North America', 'of which: OECD' and 'European Union#' (a footnote
#: mark), the OECD's 'OECD Europe', ISTAT's macro-areas ('Nord', 'Mezzogiorno') among
#: regions (found in review). A sum of an aggregate and more ('EU + EFTA + UK') is one
#: too. Not 'North', 'South', 'West': a company's sales regions go by them.
_AGGREGATE = re.compile(
    r"((total|of which:?)\s+)?"
    r"(africa|asia|europe|oceania|north america|south america|(the )?americas|antarctica"
    r"|latin america( (and|&) (the )?caribbean)?|sub-saharan africa|central asia"
    r"|middle east( (and|&) north africa)?|east asia( (and|&) (the )?pacific)?|south asia"
    r"|europe (and|&) central asia|european union|euro ?area|oecd( members)?"
    r"|eu ?-?(1[25]|2[578])(_\d{4})?|ea(1[1-9]|2\d)?(_\d{4})?"
    r"|(high|low|middle|upper[- ]middle|lower[- ]middle|low (and|&) middle)[- ]income"
    r"( countries| economies)?"
    r"|africa (eastern (and|&) southern|western (and|&) central)|arab world"
    r"|central europe (and|&) the baltics|middle east, north africa, afghanistan (and|&) pakistan"
    r"|((caribbean|pacific island|other) )?small states|(early|late|pre|post)-demographic dividend"
    r"|fragile (and|&) conflict affected situations|heavily indebted poor countries"
    r"|least developed countries(: un classification)?|ibrd only|ida (blend|only|total)"
    r"|ida (and|&) ibrd total"
    # Our World in Data's groups and the regions it takes from its sources, named by them
    # ('Non-OECD (GCP)', 'G7 (Ember)', 'Asia Pacific (EI)', 'Southern Asia (FAO)'):
    # 'Non-OECD (GCP)' topped a ranking of countries twice China's size, check clean, once
    # every aggregate NUM006 named had been filtered out (found in review).
    r"|non-oecd|g ?(7|8|20|77)|brics\+?|asean|opec|cis|eu|asia pacific|caribbean"
    r"|(eastern|middle|northern|southern|western|central) africa"
    r"|(eastern|western|northern|southern|central) europe"
    r"|(eastern|south-eastern|southern|western|central) asia"
    r"|(northern|central) america|south (and|&) central america"
    r"|australia (and|&) new zealand|melanesia|micronesia|polynesia"
    r"|international (shipping|aviation|transport|bunkers)|world \((excl\.?|excluding) .*\)"
    r"|net food importing developing countries|land ?locked developing countries"
    r"|small island developing states|low income food deficit countries"
    r"|asia[- ]oceania|america|nafta|usmca|mercosur|efta|central (and|&) south america"
    r"|eu ?-?(1[25]|2[578]) countries|oecd[- ]+(europe|america|asia oceania|total)"
    r"|nord|nord-ovest|nord-est|centro|sud|isole|mezzogiorno"
    r")(\s*[-–]\s*\d+ countries)?[#*†‡¹²³⁴⁵⁶⁷⁸⁹]*(\s*\(.*\))?(\s*\+\s*[^+]+)*",
    re.IGNORECASE,
)


def is_total_name(name: str) -> bool:
    """Whether a category's name says it is a total: 'Total', 'World Total', 'G20 Total',
    'Grand total', 'Sum', 'Overall', 'World', 'All countries' (words, any case); not a
    remainder or an average ('Rest of world', 'All other', 'World average')."""
    text = " ".join(name.split())
    if _NOT_TOTAL.search(text):
        return False
    return bool(_TOTAL_WORD.search(text) or _TOTAL_WHOLE.fullmatch(text))


def aggregates_among_countries(frame: pd.DataFrame | None, column: str,
                                names: list[str]) -> list[str]:  # fmt: skip
    """Those of ``names`` that are aggregates (:data:`_AGGREGATE`, or without a code in an
    Our World in Data table: :func:`uncoded`) where the ``column`` of the data holds four
    other names at least, and, known by name alone, fewer aggregates than others:
    countries, among which a region is one whatever its size ('North America' smaller
    than China); a table of regions (the sample's exports by continent) is none."""
    if frame is None or column not in frame.columns:
        return []
    held = {str(c) for c in frame[column].tolist()}
    named = {n for n in held if _is_aggregate(n)}
    empty = uncoded(frame, column)
    grouped = named | empty
    if not grouped or len(held - grouped) < 4:
        return []
    # Known by name alone, most names regions: a table of regions. Without a code, an
    # aggregate is one however many there are beside four countries with theirs (a file
    # of 30 entities, 17 of them groups, was a table of regions: found in review).
    if not empty and 2 * len(named) >= len(held):
        return []
    return [n for n in names if n in grouped]


#: Our World in Data's downloads: an entity, its ISO code (none for a region or group:
#: 'Asia', 'High-income countries', 'Non-OECD (GCP)'), then the year.
_OWID = ("Entity", "Code")


def uncoded(frame: pd.DataFrame, column: str) -> set[str]:
    """The names in ``column`` of an Our World in Data table (:data:`_OWID`) whose code is
    empty: its aggregates, all of them, whatever they are named."""
    from deckgen.tables.select import is_blank

    entity, code = _OWID
    if column != entity or code not in frame.columns:
        return set()
    return {str(n) for n, c in zip(frame[entity].tolist(), frame[code].tolist(), strict=True)
            if is_blank(c)}  # fmt: skip


def leave_out(frame: pd.DataFrame | None, column: str, names: list[str]) -> str:
    """The filter steps, as YAML, that leave ``names`` (rows of ``column``) out: in an Our
    World in Data table, those without a code by their empty code, every aggregate of the
    file at once (named one by one, a ranking took four rounds of the fix to lose the
    aggregates its top ten brought up, found in review); the rest by name."""
    empty = uncoded(frame, column) if frame is not None else set()
    named = [n for n in names if n not in empty]
    steps = [f"{{column: {_OWID[1]}, op: '!=', value: \"\"}}"] if len(named) < len(names) else []
    return ", ".join(steps + ([filter_step(column, named)] if named else []))


def _named_judged(names: list[str], values: list[float | None]) -> dict[str, bool]:
    """Each category named as a total (:func:`is_total_name`) that has a value in a
    series that can tell, and whether it is larger than the largest of the categories not
    so named: a total of parts is, while a category that only sounds like one ('Overall'
    in a survey, an average of the others) is not. A series tells with two parts at
    least, none below zero (such parts add up to less than their largest)."""
    pairs = [(n, v) for n, v in zip(names, values, strict=False) if v is not None]
    if any(v < 0 for _, v in pairs):
        return {}
    named = [(n, v) for n, v in pairs if is_total_name(n)]
    parts = [v for n, v in pairs if not is_total_name(n)]
    if len(parts) < 2:
        return {}
    largest = max(parts)
    # Larger, not as large: a total is the largest part only where the others are zero,
    # and a survey's 'All adults' tied its largest group's 14% (found in review).
    return {n: v > largest for n, v in named}


def _is_aggregate(name: str) -> bool:
    return bool(_AGGREGATE.fullmatch(" ".join(name.split())))


def _totals_by_name(names: list[str], series: Sequence[list[float | None]]) -> list[str]:
    """The categories named as totals that are larger than the largest part in every
    series that can tell (:func:`_named_judged`): a total is, in each; a benchmark ('All
    adults' among age groups) beats the parts in one series by chance, not in all."""
    verdicts: dict[str, bool] = {}
    for values in series:
        for name, larger in _named_judged(names, values).items():
            verdicts[name] = verdicts.get(name, True) and larger
    return [name for name, larger in verdicts.items() if larger]


def _total_among(names: list[str], values: list[float | None]) -> str | None:
    """The category whose value is the sum of all the others', if there is one: named as
    a total is, or among four categories or more (three could add up by chance)."""
    pairs = [(n, v) for n, v in zip(names, values, strict=False) if v is not None]
    if len(pairs) < 3 or any(v <= 0 for _, v in pairs):
        return None
    whole = sum(v for _, v in pairs)
    for name, value in pairs:
        rest = whole - value
        if abs(value - rest) <= 0.005 * value and (_TOTAL.search(name) or len(pairs) >= 5):
            return name
    return None
