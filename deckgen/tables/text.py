"""Text cells that can go into a deck: control characters removed, lone surrogates and
bidirectional overrides refused.

A table from anywhere may hold invisible control characters (pasted from Word, a
terminal) or, from JSON, half of a UTF-16 pair; neither can be written into PowerPoint's
XML or a workbook. The first are removed (invisible, so nothing a reader sees changes);
the second is an error naming the cell, since what the character was cannot be guessed.
So is a bidirectional override (U+202D, U+202E), as in the outline's texts: a slide or
card shows the letters after it reversed, which no check, alt text or filter reads.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from typing import Any

import pandas as pd

from deckgen.errors import DataError, Location, Problem
from deckgen.io import (
    CONTROL,
    OVERRIDE,
    OVERRIDE_FIX,
    SURROGATE,
    clean_text,
    override_said,
    surrogate_problem,
)


def clean_tables(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Every table with its text cells cleaned; :class:`DataError` for lone surrogates and
    bidirectional overrides."""
    problems: list[Problem] = []
    cleaned = {name: _clean(frame, problems) for name, frame in tables.items()}
    if problems:
        raise DataError(problems)
    return cleaned


def _clean(frame: pd.DataFrame, problems: list[Problem]) -> pd.DataFrame:
    origin: Any = frame.attrs.get("origin")
    file = str(frame.attrs.get("file", "data"))
    # Most tables are clean: the whole frame's text and names, searched at once.
    text = " ".join([frame_text(frame), *(n for n in frame.columns if isinstance(n, str))])
    if unicodedata.is_normalized("NFC", text) and not CONTROL.search(text) \
            and not SURROGATE.search(text) and not OVERRIDE.search(text):  # fmt: skip
        return frame
    for name in frame.columns:
        if isinstance(name, str):
            where = Location(file, field=f"column {name!r}")
            problem = surrogate_problem(name, where) or _override_problem(name, where)
            problems += [problem] if problem else []
    changed = {}
    for column in frame.columns:
        values = frame[column]
        if values.dtype.kind in "biufcmM":  # numbers and dates hold no text
            continue
        # Most columns are clean: one search over the column's text joined (each pattern
        # is a single character, so joining makes and hides no match) clears the column
        # at C speed; only a column with a hit is searched cell by cell.
        text = joined_text(values)
        composed = unicodedata.is_normalized("NFC", text)  # see io.clean_text
        if composed and not CONTROL.search(text) and not SURROGATE.search(text) \
                and not OVERRIDE.search(text):  # fmt: skip
            continue
        cells = values.tolist()
        dirty = False
        for position, value in enumerate(cells):
            if not isinstance(value, str):
                continue
            if SURROGATE.search(value) or OVERRIDE.search(value):
                where = origin.cell(position, str(column)) if origin else Location(file)
                problem = surrogate_problem(value, where) or _override_problem(value, where)
                problems += [problem] if problem else []
            elif CONTROL.search(value) or not unicodedata.is_normalized("NFC", value):
                cells[position] = clean_text(value)
                dirty = True
        if dirty:
            changed[column] = cells
    names = {c: clean_text(c) for c in frame.columns if isinstance(c, str)}
    renamed = {old: new for old, new in names.items() if new != old}
    if not changed and not renamed:
        return frame
    out = frame.copy()
    for column, cells in changed.items():
        out[column] = pd.Series(cells, index=frame.index, dtype=frame[column].dtype)
    out.attrs = dict(frame.attrs)
    if renamed:  # a header typed one way is named by the outline the other (see clean_text)
        out.columns = [renamed.get(c, c) for c in frame.columns]
        if origin is not None:
            cells = {(r, renamed.get(c, c)): at for (r, c), at in origin.cells.items()}
            out.attrs["origin"] = dataclasses.replace(origin, cells=cells)
        if "types" in frame.attrs:
            out.attrs["types"] = {renamed.get(c, c): t for c, t in frame.attrs["types"].items()}
    return out


def _override_problem(text: str, where: Location) -> Problem | None:
    """A problem naming the first bidirectional override in ``text``, or ``None``."""
    found = OVERRIDE.search(text)
    if found is None:
        return None
    return Problem(where, f"{override_said(found.group())}: {text[:40]!r}", OVERRIDE_FIX)


def frame_text(frame: pd.DataFrame) -> str:
    """The text cells of the whole ``frame`` joined by spaces: :func:`joined_text` of every
    column at once, for a frame with many columns (a JSON record of 60,000 keys took 13 s,
    a column at a time; found by fuzzing)."""
    cells = frame.select_dtypes(exclude=["number", "datetime", "timedelta", "bool"])
    return " ".join(c for c in cells.to_numpy().ravel().tolist() if isinstance(c, str))


def joined_text(values: pd.Series) -> str:
    """The text cells of a column joined by spaces, to search a whole column at once for
    something a single character shows (missing cells and numbers are left out)."""
    cells = values.dropna().tolist()
    try:
        return " ".join(cells)  # a column of text: joined without a loop in Python
    except TypeError:  # text mixed with numbers (an object column)
        return " ".join(v for v in cells if isinstance(v, str))
