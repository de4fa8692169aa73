"""Eurostat's TSV, as its bulk download and its data browser's 'Download TSV' write it:
the dimensions' codes of a series joined by commas in the first column, one column per
period, and each cell a value with its flags after a space::

    freq,unit,coicop,geo\\TIME_PERIOD	2021 	2022 	2023
    A,RCH_A_AVG,CP00,EL	0.6 	9.3 	4.2 p
    A,RCH_A_AVG,CP00,TR	: 	72.3 	53.9

Read as published, every release: the first column is one column per dimension
(``freq``, ``unit``, ``coicop``, ``geo``), ``:`` (no value, with or without a flag, ``: c``
for confidential) is an empty cell, and a value is read without its flags. The flags say
something of the value a chart would no longer say (provisional, estimated, a break in
the series): the cells that carry one are kept in the table's
:class:`~deckgen.tables.origin.Origin`, and the build warns of them
(:func:`flagged_problem`), for the slide's ``source:`` to say what they mean.

Before, the first column was one column named 'freq,unit,coicop,geo\\TIME_PERIOD', and
every ``:`` and flagged value an error to edit out by hand, release after release.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from deckgen.errors import DataError, Location, Problem, counted
from deckgen.tables.select import FLAGS

if TYPE_CHECKING:
    import pandas as pd

    from deckgen.tables.origin import Origin

#: How many flagged values the build's warning names (then how many more).
_SHOWN = 3

#: The first header cell: the dimensions' names joined by commas, a backslash, the name of
#: the dimension the columns run along: time ('TIME_PERIOD', 'time' in the files before
#: 2023) or, in some old files, 'geo'. Only these: a TSV whose first column is named
#: 'in\out' is no Eurostat file.
_KEYS = re.compile(
    r"(?P<dimensions>[A-Za-z_]\w*(?:,[A-Za-z_]\w*)*)\\(?P<across>TIME_PERIOD|time|geo)",
    re.IGNORECASE,
)
#: A cell: ':' or a number, then the flags, letters Eurostat defines, after a space ('53.9 p',
#: ': c', '0.6 bp').
_CELL = re.compile(rf"(?P<value>:|[-+]?\d[\d.]*(?:[eE][-+]?\d+)?)\s*(?P<flags>[{''.join(FLAGS)}]*)")


def is_eurostat(first: str) -> bool:
    """Whether ``first``, a TSV file's first header cell, is Eurostat's key column."""
    return _KEYS.fullmatch(first.strip()) is not None


def read(frame: pd.DataFrame, origin: Origin, header_line: int) -> tuple[pd.DataFrame, Origin]:
    """``frame``, read from a Eurostat TSV file, as a table: its key column split into one
    column per dimension, ``:`` empty, every value without its flags; the flagged cells
    in the returned origin's ``flagged``."""
    import pandas as pd

    first = str(frame.columns[0])
    keys = _KEYS.fullmatch(first.strip())
    assert keys is not None  # is_eurostat(first)
    dimensions = keys["dimensions"].split(",")
    periods = [str(c) for c in frame.columns[1:]]
    path = Path(origin.file).name
    clash = sorted(set(dimensions) & set(periods))
    if clash or len(set(dimensions)) < len(dimensions):
        name = clash[0] if clash else next(d for d in dimensions if dimensions.count(d) > 1)
        raise DataError(Problem(
            Location(origin.file, header_line, first),
            f"the header names the column {name!r} twice (a dimension in {first!r}, and "
            "another column), so which of them a chart reads would be a guess",
            "download the table again from Eurostat: its header is not as Eurostat writes it",
        ))  # fmt: skip
    split = []
    for row, key in enumerate(frame.iloc[:, 0].tolist()):
        codes = [c.strip() for c in str(key).split(",")]
        if len(codes) != len(dimensions):
            line = origin.lines[row] if row < len(origin.lines) else None
            raise DataError(Problem(
                Location(origin.file, line, first),
                f"expected {len(dimensions)} codes separated by commas, one per dimension "
                f"({', '.join(dimensions)}), found {str(key)[:60]!r}",
                f"download the table again from Eurostat: line {line} of {path} is not as "
                "Eurostat writes it",
            ))  # fmt: skip
        split.append(codes)
    # A flagged value is named by the codes that tell the file's series apart (the country,
    # where only it varies), not by the codes every row shares.
    varying = [k for k in range(len(dimensions)) if len({c[k] for c in split}) > 1]
    flagged: list[tuple[int | None, str, str, str]] = []
    cells: dict[str, list[object]] = {}
    for period in periods:
        column: list[object] = []
        for row, cell in enumerate(frame[period].tolist()):
            found = _CELL.fullmatch(str(cell).strip())
            if found is None:  # anything else is kept as written, and said where it is used
                column.append(cell)
                continue
            value, flags = found["value"], found["flags"]
            if flags and value != ":":  # ': c', confidential, is a gap as ':' is
                series = " ".join(split[row][k] for k in varying or [len(dimensions) - 1])
                line = origin.lines[row] if row < len(origin.lines) else None
                flagged.append((line, period, f"{value} {flags}", series))
            column.append("" if value == ":" else value)
        cells[period] = column
    table = pd.DataFrame(
        {**{d: [codes[k] for codes in split] for k, d in enumerate(dimensions)}, **cells},
        dtype=object,
    )
    table.attrs = frame.attrs
    return table, replace(origin, flagged=tuple(flagged), early={})


#: Eurostat's SDMX-CSV download: a row per value, its flags in a column of their own.
SDMX_VALUE, SDMX_FLAG = "OBS_VALUE", "OBS_FLAG"


def sdmx_flagged(frame: pd.DataFrame) -> list[tuple[int, str]]:
    """The rows (positions) of an SDMX-CSV table whose ``OBS_FLAG`` holds a Eurostat flag,
    each with its flags: the values stand in ``OBS_VALUE`` as numbers, a chart of them read
    without a word of them (found in review). None for any other table."""
    if SDMX_VALUE not in frame.columns or SDMX_FLAG not in frame.columns:
        return []
    out = []
    for k, cell in enumerate(frame[SDMX_FLAG].tolist()):
        flags = "".join(f for f in str(cell).strip() if f in FLAGS) if isinstance(cell, str) else ""
        if flags:
            out.append((k, flags))
    return out


def sdmx_flagged_problem(origin: Origin, frame: pd.DataFrame, flagged: list[tuple[int, str]]
                         ) -> Problem:  # fmt: skip
    """What the build says of an SDMX-CSV table's flagged values: where the first is, the
    flags' meanings, and what to do, as :func:`flagged_problem` says of a TSV's."""
    meanings = sorted({FLAGS[f] for _, flags in flagged for f in flags})
    first = flagged[0][0]
    where = origin.cell(first, SDMX_FLAG)
    value = frame[SDMX_VALUE].tolist()[first]
    one = len(flagged) == 1
    return Problem(
        where,
        f"{counted(len(flagged), 'value')} in {Path(origin.file).name} "
        f"{'carries a Eurostat flag' if one else 'carry Eurostat flags'} in {SDMX_FLAG} "
        f"({', '.join(meanings)}; the first {value!r} here), charted from {SDMX_VALUE} as "
        f"{'any other value' if one else 'any others'}",
        "say what a flag means in the 'source:' of a slide that shows the value (e.g. "
        "'2023 provisional'), or leave the row out with a filter",
    )


def flagged_problem(origin: Origin) -> Problem:
    """What the build says of a Eurostat table's flagged values (``origin.flagged``): where
    the first is, the first few with their meaning, and what to do."""
    shown = []
    for _, period, written, series in origin.flagged[:_SHOWN]:
        meaning = ", ".join(FLAGS[f] for f in written.rpartition(" ")[2])
        shown.append(f"{written!r} ({series}, {period}: {meaning})")
    more = len(origin.flagged) - len(shown)
    listed = "; ".join(shown) + (f"; and {more} more" if more else "")
    line, period, _, _ = origin.flagged[0]
    return Problem(
        Location(origin.file, line, period),
        f"{counted(len(origin.flagged), 'value')} in {Path(origin.file).name} "
        + (
            "carries a Eurostat flag, read as its number without it"
            if len(origin.flagged) == 1
            else "carry Eurostat's flags, read as numbers without them"
        )
        + f": {listed}",
        "say what a flag means in the 'source:' of a slide that shows the value (e.g. "
        "'2023 provisional'), or leave the row out with a filter",
    )
