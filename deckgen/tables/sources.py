"""Load the outline's named data sources into pandas DataFrames."""

from __future__ import annotations

from typing import TYPE_CHECKING

from deckgen.errors import DataError, DeckgenError, Problem
from deckgen.io import confine
from deckgen.outline.schema import FileSource, InlineSource

if TYPE_CHECKING:
    import pandas as pd

    from deckgen.outline.load import LoadedOutline

_READERS = {".csv": "csv", ".xlsx": "excel", ".xlsm": "excel", ".xls": "excel"}


def load_tables(loaded: LoadedOutline, *, allow_outside: bool = False) -> dict[str, pd.DataFrame]:
    """Read every data source of the outline; name -> DataFrame.

    Raises :class:`DataError` naming the outline line of a missing or unreadable file.
    """
    import pandas as pd

    tables: dict[str, pd.DataFrame] = {}
    problems: list[Problem] = []
    for name, source in loaded.outline.data.items():
        where = loaded.locate("data", name, "file" if isinstance(source, FileSource) else "rows")
        if isinstance(source, InlineSource):
            tables[name] = pd.DataFrame(source.rows)
            continue
        try:
            path = confine(source.file, loaded.root, where, allow_outside=allow_outside)
        except DeckgenError as exc:
            problems.extend(exc.problems)
            continue
        reader = _READERS.get(path.suffix.lower())
        if reader is None:
            problems.append(
                Problem(
                    where,
                    f"expected a .csv, .xlsx or .xls file, found {source.file!r}",
                )
            )
            continue
        if not path.is_file():
            problems.append(
                Problem(where, f"data file not found: {source.file!r} (looked in {path.parent})")
            )
            continue
        try:
            if reader == "csv":
                # Keep text as written ('-' stays '-'), so a non-number is reported, not guessed.
                frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
            else:
                frame = pd.read_excel(path, sheet_name=source.sheet or 0, dtype=object)
        except Exception as exc:  # pandas raises many types for a malformed file
            problems.append(Problem(where, f"cannot read {source.file!r}: {exc}"))
            continue
        frame.attrs["file"] = str(path)
        frame.attrs["header_line"] = 1
        tables[name] = frame
    if problems:
        raise DataError(problems)
    return tables
