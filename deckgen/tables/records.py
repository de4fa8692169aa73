"""Read a JSON file of records: a list of objects, one object per row.

Accepted shapes (the first that applies):

* ``records: a.b`` in the outline: the list at that dotted key path;
* a top-level list of objects: ``[{"country": "China", "value": 1}, ...]``;
* a top-level object with exactly one key whose value is that list (``{"rows": [...]}``),
  the common shape of an API export;
* an object of columns, each a list of values of one length (``{"country": ["China",
  "USA"], "value": [30.2, 10.6]}``: R's jsonlite and pandas' ``orient="list"`` write it),
  at the top level or at ``records:``.

Values keep their JSON types (numbers stay numbers, ``null`` is a missing value). Records may
leave out keys: the table's columns are the union of all keys in first-seen order, and a
record without a key has a missing value there (APIs often omit null fields; declare the
column ``required: true`` to insist on it). A cell must be a single value, not an object or
a list.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Literal

from deckgen.errors import DataError, Location, Problem, counted, did_you_mean, one_of
from deckgen.io import not_utf8
from deckgen.tables.select import underflows

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from pathlib import Path

_KIND_NAMES = {dict: "an object", list: "a list", str: "a string", bool: "true/false"}


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return "a number"
    return _KIND_NAMES.get(type(value), type(value).__name__)


def _json_float(text: str) -> float | str:
    """A JSON number with a point or an exponent, as Python reads it; one nearer zero
    than a float holds ('1e-400') kept as its text, which reads as no number and is
    reported where it is used (:func:`~deckgen.tables.select.number_hint`), not as 0."""
    value = float(text)
    return text if not value and underflows(text) else value


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found = dict(pairs)
    if len(found) < len(pairs):  # linear: a set, not a count per key (60,000 keys took 48 s)
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return found


class _DuplicateKey(ValueError):
    pass


#: How a JSON file holds its table: as records (objects), as columns (``{"value": [...]}``,
#: a cell is then ``value[3]``), or as rows of values under a row of names (a cell of the
#: third record is then in ``[3]``).
Held = Literal["records", "columns", "rows"]


def read_records(
    path: Path, display: str, records: str | None, file_at: Location, records_at: Location
) -> tuple[list[str], list[dict[str, Any]], str, Held]:
    """Columns, records, the records' JSON path (``""`` for a top-level list), and how
    the file held them (:data:`Held`).

    ``display`` names the file in messages; ``file_at``/``records_at`` are the outline
    fields that name the file and the key path. Raises :class:`DataError`.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        line, message, hint = not_utf8(path)
        raise DataError(Problem(Location(str(path), line), message, hint)) from None
    except OSError as exc:
        raise DataError(Problem(file_at, f"cannot read {display!r}: {exc}")) from None
    try:
        document = json.loads(text, object_pairs_hook=_no_duplicates, parse_float=_json_float)
    except _DuplicateKey as exc:
        raise DataError(
            Problem(
                Location(str(path)),
                f"an object has the key {exc.args[0]!r} twice; JSON would keep only the last",
                f"keep one {exc.args[0]!r} in that object: rename or remove the other",
            )
        ) from None
    except RecursionError:  # Python's own words name its stack, not the file's fault
        raise DataError(Problem(
            Location(str(path)), "the JSON nests lists or objects too deeply to read",
            "records are a list of flat objects, one per row: [{\"name\": ..., ...}, ...]",
        )) from None  # fmt: skip
    except ValueError as exc:
        if not isinstance(exc, json.JSONDecodeError):  # a number of thousands of digits
            raise DataError(Problem(
                Location(str(path)), "a number in the JSON has more than 4,300 digits",
                "write numbers as data has them (a value of 1e300 is '1e300')",
            )) from None  # fmt: skip
        raise DataError(
            Problem(
                Location(str(path), exc.lineno),
                f"not valid JSON: {exc.msg} (column {exc.colno})",
                "check the brackets, commas and quotes near there",
            )
        ) from None
    if records is None and _is_json_stat(document):
        # A cube, not a table: its values are one list in the order of its dimensions'
        # codes, and each was refused as no record, or the hint named 'records: value'.
        raise DataError(Problem(
            Location(str(path)),
            "expected a table, found a JSON-stat dataset (a cube: its values in one list, "
            "ordered by its dimensions' codes), as Eurostat's and other offices' APIs "
            "answer in JSON",
            "download the table as CSV instead (Eurostat: 'SDMX-CSV'; the OECD: 'CSV'), "
            "and read it with file: x.csv",
        ))  # fmt: skip
    if records is None and _is_split(document):
        document = {"data": _split_records(document, "", path)}
    rows, where = _find_list(document, records, path, records_at)
    if _is_rows(rows):
        return (*_header_first(rows, where, path), "rows")
    if _is_split(rows):
        rows, where = _split_records(rows, where, path), f"{where}.data" if where else "data"
    if _is_columns(rows):
        # One record per position: the columns' values side by side.
        names = list(rows)
        at = Location(str(path), None, where or None)
        unnamed = [_unnamed(n, at, "each key of the object of columns") for n in names
                   if not n.strip()]  # fmt: skip
        if unnamed:
            raise DataError(unnamed)
        length = len(rows[names[0]])
        rows = [{name: rows[name][i] for name in names} for i in range(length)]
        return names, rows, where, "columns"
    return (*_check_records(rows, where, path), "records")


def _is_json_stat(document: Any) -> bool:
    """Whether ``document`` is a JSON-stat dataset (version 2, or version 1's one dataset
    under a key): ``class: dataset`` with ``dimension`` and ``value``."""
    if isinstance(document, dict) and len(document) == 1:
        (document,) = document.values()
    return (isinstance(document, dict) and "dimension" in document and "value" in document
            and (document.get("class") == "dataset" or "id" in document))  # fmt: skip


def _is_rows(value: Any) -> bool:
    """Whether ``value`` is a table as rows of values, lists: what a spreadsheet's API
    gives (Google Sheets' ``values``) and pandas writes with ``orient="values"``."""
    return isinstance(value, list) and bool(value) and all(isinstance(r, list) for r in value)


def _header_first(
    rows: list[list[Any]], where: str, path: Path
) -> tuple[list[str], list[dict], str]:
    """Rows of values whose first row names the columns (every cell of it text), as
    records. Each row was refused alike, one message per row (fuzzing round 8, 18); a first
    row of values is one error saying what to write.

    Raises :class:`DataError` for a first row that is not a header, a name it gives twice,
    and each row with more or fewer values than names or with a value that is a list or
    an object (each at its place in the file: ``[3]``, ``[3][1]``)."""
    from deckgen.tables.framing import duplicate_columns

    def at(field: str) -> Location:
        return Location(str(path), None, f"{where}{field}")

    header = rows[0]
    if not header or not all(isinstance(c, str) and c.strip() for c in header):
        shown = ", ".join(json.dumps(c, ensure_ascii=False) for c in header[:4])
        raise DataError(Problem(
            at("[0]"),
            f"expected records (objects), found rows of values (lists) whose first row "
            f"[{shown}{', ...' if len(header) > 4 else ''}] does not name the columns",
            'put a row of the column names first: [["country", "units"], ["China", 30.2], '
            '...], or write each row as an object: [{"country": "China", "units": 30.2}]',
        ))  # fmt: skip
    names = [c.strip() for c in header]
    problems = duplicate_columns(names, lambda k: at(f"[0][{k}]"), "names of the first row",
                                 lambda k: str(k + 1))  # fmt: skip
    for i, row in enumerate(rows[1:], 1):
        if len(row) != len(names):
            problems.append(Problem(
                at(f"[{i}]"),
                f"expected {len(names)} values, one per name in the first row "
                f"({one_of(names)}), found {len(row)}",
                "give each row one value per column name, in order (null for a missing one)",
            ))  # fmt: skip
        problems += [
            Problem(at(f"[{i}][{k}]"), f"expected a single value, found {_kind(cell)}",
                    "a table cell holds text, a number, true/false or null")
            for k, cell in enumerate(row) if isinstance(cell, dict | list)
        ]  # fmt: skip
    if problems:
        raise DataError(problems)
    if len(rows) == 1:
        raise DataError(Problem(at("[0]"), "expected rows of values under the first row of "
                                "names, found none"))  # fmt: skip
    return names, [dict(zip(names, row, strict=True)) for row in rows[1:]], where


def _is_split(value: Any) -> bool:
    """Whether ``value`` is a table as pandas writes it with ``orient="split"``: the column
    names, and the rows as lists (an ``index`` besides, which is left). Whether each row
    has a value per name is :func:`_split_records`' to say."""
    if not isinstance(value, dict) or not {"columns", "data"} <= set(value):
        return False
    columns, data = value["columns"], value["data"]
    return (
        set(value) <= {"columns", "data", "index", "index_names", "column_names"}
        and isinstance(columns, list)
        and all(isinstance(c, str) for c in columns)
        and isinstance(data, list)
        and all(isinstance(row, list) for row in data)
    )


def _split_records(value: dict[str, Any], where: str, path: Path) -> list[dict[str, Any]]:
    """A split table's rows as records (it was refused with a hint that said its lists
    differ in length, which they did not; found by fuzzing).

    Raises :class:`DataError` for a name ``columns`` gives twice (a record keeps the last
    value, and a chart drew it without a word, where a CSV header naming a column twice is
    an error) and for each row with more or fewer values than names (its hint spoke of a
    table held as columns)."""
    from deckgen.tables.framing import duplicate_columns

    prefix = f"{where}." if where else ""
    columns: list[str] = value["columns"]
    problems = duplicate_columns(
        columns, lambda k: Location(str(path), None, f"{prefix}columns[{k}]"), "columns",
        lambda k: str(k + 1),
    )  # fmt: skip
    problems += [_unnamed(name, Location(str(path), None, f"{prefix}columns[{k}]"),
                          f"each of {prefix}columns", key=False) for k, name in enumerate(columns)
                 if not name.strip()]  # fmt: skip
    for i, row in enumerate(value["data"]):
        if len(row) != len(columns):
            problems.append(Problem(
                Location(str(path), None, f"{prefix}data[{i}]"),
                f"expected {len(columns)} values, one per name in {prefix}columns "
                f"({one_of(columns)}), found {len(row)}",
                "give each row of 'data' one value per column name, in order (null for a "
                "missing one)",
            ))  # fmt: skip
    if problems:
        raise DataError(problems)
    return [dict(zip(columns, row, strict=True)) for row in value["data"]]


def _is_columns(value: Any) -> bool:
    """Whether ``value`` is an object of columns: lists of single values, of one length."""
    if not isinstance(value, dict) or not value:
        return False
    lists = list(value.values())
    if not all(isinstance(v, list) and v for v in lists):
        return False
    if len({len(v) for v in lists}) != 1:
        return False
    return not any(isinstance(cell, dict | list) for column in lists for cell in column)


def _find_list(
    document: Any, records: str | None, path: Path, records_at: Location
) -> tuple[Any, str]:
    if records:
        current = document
        walked: list[str] = []
        for key in records.split("."):
            if isinstance(current, list) and key.isdigit():
                # A list's item by its place from 0, as a JSON path counts: the World Bank's
                # API answers [{page, pages, ...}, [records]] (records: 1).
                if int(key) >= len(current):
                    raise DataError(Problem(
                        records_at,
                        f"{path.name!r} has no item {key} at {'.'.join(walked) or 'the top level'}"
                        f"; it is a list of {len(current)}, counted from 0",
                        f"name an item from 0 to {len(current) - 1}" if current else None,
                    ))  # fmt: skip
                current = current[int(key)]
                walked.append(key)
                continue
            if not isinstance(current, dict) or key not in current:
                keys = list(current) if isinstance(current, dict) else []
                at = ".".join(walked) or "the top level"
                found = f"its keys are {one_of(keys)}" if keys else f"it is {_kind(current)}"
                raise DataError(
                    Problem(
                        records_at,
                        f"{path.name!r} has no key {key!r} at {at}; {found}",
                        did_you_mean(key, keys) if keys else None,
                    )
                )
            current = current[key]
            walked.append(key)
        return current, records
    if _is_columns(document):
        return document, ""
    if isinstance(document, dict) and len(document) == 1:
        ((key, value),) = document.items()
        return value, key
    if isinstance(document, dict):
        lists = [k for k, v in document.items() if isinstance(v, list)]
        of_records = [k for k in lists if any(isinstance(r, dict) for r in document[k])]
        if of_records:
            hint = f"name the list in the outline with 'records: {of_records[0]}'"
        elif lists and len(lists) == len(document):
            lengths = ", ".join(f"{k}: {len(document[k])}" for k in lists)
            hint = (f"read as columns, each list needs a value for every row; they hold "
                    f"{lengths}")  # fmt: skip
        elif lists:
            hint = f"name the list in the outline with 'records: {lists[0]}'"
        elif document:
            hint = 'none of its values is a list; write the rows as [{"column": value, ...}, ...]'
        else:
            hint = 'write the rows in it as [{"column": value, ...}, ...]'
        found = f"an object with keys {one_of(document)}" if document else "an empty object, {}"
        raise DataError(
            Problem(Location(str(path), 1), f"expected a list of records, found {found}", hint)
        )
    return document, ""


def _check_records(rows: Any, where: str, path: Path) -> tuple[list[str], list[dict], str]:
    label = where or "the top level"
    if not isinstance(rows, list):
        raise DataError(
            Problem(
                Location(str(path), None, where or None),
                f"expected a list of records (objects) at {label}, found {_kind(rows)}",
                'write the rows as [{"column": value, ...}, ...]',
            )
        )
    if not rows:
        raise DataError(
            Problem(Location(str(path), None, where or None), f"the list at {label} is empty")
        )
    columns: dict[str, None] = {}
    problems: list[Problem] = []
    unnamed: dict[str, list[int]] = {}  # a key that names no column: the records with it
    flat: list[dict[str, Any]] = []
    within = _records_within(rows, where, path)
    if within is not None:
        raise DataError(within)
    for i, record in enumerate(rows):
        field = f"{where}[{i}]"
        if not isinstance(record, dict):
            problems.append(
                Problem(
                    Location(str(path), None, field),
                    f"expected a record (an object), found {_kind(record)}",
                    'each row is an object such as {"country": "China", "value": 1}',
                )
            )
            continue
        flat.append(row := {})
        for column, value, key in _flattened(record):
            if not key.strip():  # its own key: '' in {"metrics": {"": 3}}
                unnamed.setdefault(key, []).append(i)
            if column in row:  # {"a.b": 1, "a": {"b": 2}}
                problems.append(Problem(
                    Location(str(path), None, f"{field}.{column}"),
                    f"the column {column!r} is named twice in this record: as a key, and "
                    "as an object's key within it",
                    "rename one of them",
                ))  # fmt: skip
            columns.setdefault(column)
            row[column] = value
            # A list is kept here: its column is left out by the reader, and named if a
            # chart asks for it (an API's 'footnotes': [...] in every record refused the
            # whole table, the BLS's, found in review).
            if isinstance(value, dict):
                problems.append(Problem(
                    Location(str(path), None, f"{field}.{column}"),
                    f"expected a single value, found {_kind(value)}",
                    "a table cell holds text, a number, true/false or null; objects are read "
                    f"as columns {DEEPEST} deep at most",
                ))  # fmt: skip
    rows = flat
    problems += _two_shapes(list(columns), rows, field_of=lambda i: f"{where}[{i}]",
                            path=path)  # fmt: skip
    for key, records in unnamed.items():
        more = f" (and {counted(len(records) - 1, 'more record')})" if len(records) > 1 else ""
        problems.append(_unnamed(key, Location(str(path), None, f"{where}[{records[0]}]"),
                                 f"each key of record {records[0]}{more}"))  # fmt: skip
    if problems:
        raise DataError(problems)
    return list(columns), rows, where


def _two_shapes(
    columns: list[str], rows: list[dict[str, Any]], field_of: Callable[[int], str], path: Path
) -> list[Problem]:
    """A key that holds a value in some records and an object in others ({"v": 5} and
    {"v": {"x": 7}}): read as two columns, 'v' and 'v.x', each record's value showed as a
    gap in the other, and data was lost without a word (found by fuzzing)."""
    objects = {c[:k] for c in columns for k, ch in enumerate(c) if ch == "."}
    out = []
    for column in (c for c in columns if c in objects):
        inside = f"{column}."
        # A null is no value in either shape (an API's answer where it has none).
        value = next((i for i, r in enumerate(rows) if r.get(column) is not None), None)
        if value is None:
            continue
        nested = next(i for i, r in enumerate(rows) if any(k.startswith(inside) for k in r))
        out.append(Problem(
            Location(str(path), None, f"{field_of(nested)}.{column}"),
            f"the key {column!r} holds an object here, and a value in record {value} "
            f"({_kind(rows[value][column])}): read as two columns, each record's value "
            "would be a gap in the other",
            f"give {column!r} one shape in every record: a value, or an object with the "
            "same keys",
        ))  # fmt: skip
    return out


def _records_within(rows: list[Any], where: str, path: Path) -> Problem | None:
    """The problem of a list (at ``where``) that holds a list of records among its items:
    the World Bank's API answers [{page, pages, ...}, [records]], and each item was refused
    as no record, with no word of where the records were (found in review)."""
    for k, row in enumerate(rows):
        if isinstance(row, list) and row and all(isinstance(r, dict) for r in row):
            inner = f"{where}.{k}" if where else str(k)
            kinds = ", ".join(_kind(r) for r in rows[:4]) + (", ..." if len(rows) > 4 else "")
            return Problem(
                Location(str(path), None, where or None),
                f"expected a list of records (objects), found a list of {kinds}: the "
                f"records are the list at item {k}",
                f"name that list in the outline with 'records: {inner}'",
            )
    return None


#: How deep objects in a record are read as columns (an API's are two or three deep);
#: deeper, the object is refused as a cell: its columns' names would run to thousands of
#: characters, and Python's stack runs out not far past the JSON reader's own limit.
DEEPEST = 10


def _flattened(
    record: dict[str, Any], within: str = "", depth: int = 1
) -> Iterator[tuple[str, Any, str]]:
    """Each value of ``record`` with its column's name and its own key: an object's values
    (an API's ``{"metrics": {"users": 380}}``) are columns named by the keys' path,
    ``metrics.users``, as their place in the file is written. They were refused, and every
    API that groups its numbers so needed a script first (found in review). An object
    deeper than :data:`DEEPEST` is yielded as it is, for the caller to refuse."""
    for key, value in record.items():
        name = f"{within}{key}"
        if isinstance(value, dict) and depth < DEEPEST:  # {}: no column has a value here
            yield from _flattened(value, f"{name}.", depth + 1)
        else:
            yield name, value, key


def _unnamed(name: str, at: Location, each: str, *, key: bool = True) -> Problem:
    """A column's name that is none ('', or spaces only) where ``each`` ('each key of
    record 3') should name one: it made a column no chart or table can name, without a
    word (found by fuzzing). ``key``: the name is an object's key, else an item of a
    split table's ``columns``."""
    found = f"{name!r} (spaces only)" if name else f"an empty {'key' if key else 'name'} ''"
    return Problem(
        at,
        f"a column name is empty: expected a name for {each}, found {found}",
        "give the key a name (the column's), or remove it if it is not data" if key else
        "write the column's name there, or remove it and its values if it is not data",
    )  # fmt: skip
