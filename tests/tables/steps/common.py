"""Run steps on a frame as a derived table runs them, without an outline file."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from deckgen.errors import Location
from deckgen.outline.load import format_path
from deckgen.outline.schema import DerivedSource
from deckgen.tables.derive import run
from deckgen.tables.origin import Origin

FILE = "src.csv"


class Outline:
    """Stands in for a loaded outline: every field is on line 7 of deck.yaml."""

    def locate(self, *key: str | int) -> Location:
        return Location("deck.yaml", 7, format_path(key))


def source(columns: dict[str, list[Any]]) -> pd.DataFrame:
    """A table as a CSV reader gives it: data row k on line k + 2 of src.csv."""
    frame = pd.DataFrame({c: pd.Series(v, dtype=object) for c, v in columns.items()})
    frame.attrs["origin"] = Origin(FILE, tuple(range(2, len(frame) + 2)))
    return frame


def derive(frame: pd.DataFrame, *steps: dict[str, Any], **fields: Any) -> pd.DataFrame:
    """``frame`` through ``steps`` as table 'out' (``fields``: e.g. ``columns=``)."""
    spec = DerivedSource.model_validate({"from": "src", "steps": list(steps), **fields})
    return run(Outline(), "out", spec, frame)  # type: ignore[arg-type]


def plain(frame: pd.DataFrame) -> dict[str, list[Any]]:
    """A frame's cells, column by column, NaN as None (to compare with pandas)."""
    return {
        str(c): [None if v is None or v != v else v for v in frame[c].tolist()]
        for c in frame.columns
    }


def close(got: list[Any], want: list[Any], rel: float = 1e-9) -> bool:
    """Element by element: both missing (None or NaN), or numbers within ``rel``."""
    if len(got) != len(want):
        return False
    for a, b in zip(got, want, strict=True):
        gone_a = a is None or (isinstance(a, float) and math.isnan(a))
        gone_b = b is None or (isinstance(b, float) and math.isnan(b))
        if gone_a or gone_b:
            if gone_a != gone_b:
                return False
        elif not math.isclose(a, b, rel_tol=rel, abs_tol=1e-9):
            return False
    return True
