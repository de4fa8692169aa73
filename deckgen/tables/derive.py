"""Derived tables: ``{from: NAME, steps: [...]}`` under ``data:``, made once the files are
read, each from its source (a file, rows, or another derived table) by its steps in order.

A derived table is a table like any other: charts, tables and templates name it, and the
manifest records the cells of it they show. Each step is checked before any runs, and every
problem names its field (``data.mix.steps[1].pivot.columns``) with the names there are and
the nearest one; a table whose source has a problem is not made (its source's problem is
the one to fix).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from deckgen.errors import DataError, DeckgenError, Problem, a_or_an, did_you_mean, one_of
from deckgen.outline.schema import DerivedSource
from deckgen.tables.columns import apply_types
from deckgen.tables.steps import STEPS, At, Step
from deckgen.tables.steps._base import origin_of, take, types_of

if TYPE_CHECKING:
    from collections.abc import Mapping

    import pandas as pd

    from deckgen.errors import Location
    from deckgen.outline.load import LoadedOutline, PathKey


def derive(
    loaded: LoadedOutline[Any], tables: dict[str, pd.DataFrame], problems: list[Problem]
) -> None:
    """Make every derived table of the outline into ``tables`` (which holds the sources
    read so far); append what goes wrong to ``problems``."""
    sources = loaded.outline.data
    derived = {n: s for n, s in sources.items() if isinstance(s, DerivedSource)}
    made: dict[str, bool] = {}

    def make(name: str, trail: list[str]) -> bool:
        if name in made:
            return made[name]
        spec = derived[name]
        base = spec.source
        where = loaded.locate("data", name, "from")
        ok = False
        if base in (*trail, name):
            loop = [*trail[trail.index(base) :], name, base] if base in trail else [name, name]
            problems.append(
                Problem(
                    where,
                    "tables made from each other: "
                    + " -> ".join(map(repr, loop))
                    + "; a table cannot be made from itself",
                    "make one of them from a file or rows",
                )
            )
        elif base not in sources and ("data", base) in loaded.dropped:
            pass  # written, but invalid: its own problem is reported (as in need())
        elif base not in sources:
            others = [n for n in sources if n != name]
            problems.append(
                Problem(
                    where,
                    f"unknown data source {base!r}; the outline declares {one_of(others)}",
                    did_you_mean(base, others),
                )
            )
        elif base in derived and not make(base, [*trail, name]):
            pass  # the source's own problem is reported
        elif base in tables:
            try:
                steps = _parsed(loaded, name, spec)
                if all(need(other, at.field(field), [*trail, name])
                       for step, at in steps for other, field in step.needs()):  # fmt: skip
                    tables[name] = run(loaded, name, spec, tables[base], tables, steps)
                    ok = True
            except DeckgenError as exc:
                problems.extend(exc.problems)
        made[name] = ok
        return ok

    def need(other: str, where: Location, trail: list[str]) -> bool:
        """Whether table ``other``, which a step (its field at ``where``) of the last table
        of ``trail`` reads, is made (made now, if it is a derived one)."""
        if other in trail:
            loop = [*trail[trail.index(other) :], other]
            problems.append(Problem(
                where, "tables made from each other: " + " -> ".join(map(repr, loop))
                + "; a table cannot read itself", "read a table made from a file or rows",
            ))  # fmt: skip
            return False
        if other not in sources and ("data", other) in loaded.dropped:
            # Written, but invalid: its own problem is reported. It was 'unknown data source',
            # with a fix about the file's path, after the error that said what was wrong
            # with it (found by a new user).
            return False
        if other not in sources:
            others = [n for n in sources if n != trail[-1]]
            problems.append(Problem(
                where, f"unknown data source {other!r}; the outline declares {one_of(others)}",
                did_you_mean(other, others) or "name a table under data:",
            ))  # fmt: skip
            return False
        if other in derived:
            return make(other, trail)
        return other in tables

    for name in derived:
        make(name, [])


def run(
    loaded: LoadedOutline[Any],
    name: str,
    spec: DerivedSource,
    source: pd.DataFrame,
    tables: Mapping[str, pd.DataFrame] | None = None,
    steps: list[tuple[Step, At]] | None = None,
) -> pd.DataFrame:
    """Table ``name``: its steps (parsed from ``spec`` unless given) applied to ``source``
    in order, then its column types; ``tables`` are the others a step may read."""
    steps = _parsed(loaded, name, spec) if steps is None else steps
    frame = take(source, range(len(source)))  # every row with its place in the source
    dropped: dict[str, str] = {}
    for step, at in steps:
        before = [str(c) for c in frame.columns]
        frame = step.apply(frame, replace(at, tables=tables or {}))
        after = {str(c) for c in frame.columns}
        for column in before:
            if column not in after and column not in dropped:
                dropped[column] = step.left_out(column, at)
    declared = lambda column: loaded.locate("data", name, "columns", column)  # noqa: E731
    kept = types_of(frame)  # what the steps kept of the source's types, and gave
    frame = apply_types(frame, spec.columns, origin_of(frame), declared, name)
    frame.attrs["types"] = kept | {c: s.type for c, s in spec.columns.items()}
    # What the later uses of a column left out are told (a column made again is not).
    gone = {c: why for c, why in dropped.items() if c not in frame.columns}
    frame.attrs["origin"] = replace(origin_of(frame), dropped=gone)
    return frame


def _parsed(loaded: LoadedOutline[Any], name: str, spec: DerivedSource) -> list[tuple[Step, At]]:
    """Every step validated against its class, all problems at once."""
    steps: list[tuple[Step, At]] = []
    problems: list[Problem] = []
    for i, written in enumerate(spec.steps):
        ((key, args),) = written.items()
        kind = STEPS.get(key)
        if kind is None:
            problems.append(
                Problem(
                    loaded.locate("data", name, "steps", i, key),
                    f"unknown step {key!r}; the steps are {one_of(STEPS)}",
                    did_you_mean(key, STEPS),
                )
            )
            continue
        path: PathKey = ("data", name, "steps", i, key)
        try:
            steps.append((kind.model_validate(args), At(name, path, loaded.locate)))
        except ValidationError as exc:
            problems += [_problem(loaded, path, kind, err) for err in exc.errors()]
    if problems:
        raise DataError(problems)
    return steps


def _problem(loaded: LoadedOutline[Any], path: PathKey, kind: type[Step], err: Any) -> Problem:
    loc = list(err["loc"])
    if kind.wraps is not None and loc[:1] == [kind.wraps]:
        loc = loc[1:]  # the step's mapping is that field: name its keys directly
    where = loaded.locate(*path, *loc)
    fields = sorted(f.alias or n for n, f in kind.model_fields.items())
    name = str(loc[-1]) if loc else kind.key
    if err["type"] == "extra_forbidden":
        hint = did_you_mean(name, fields) or f"its fields are {one_of(fields)}"
        return Problem(where, f"unknown field {name!r} in {a_or_an(kind.key)} step", hint)
    if err["type"] == "missing":
        return Problem(
            where, f"the {kind.key} step needs {name!r}", f"its fields are {one_of(fields)}"
        )
    from deckgen.outline.load import expected_fix, plain_error

    # As an outline field's: what was expected and found, and the message's own fix.
    message, said = plain_error(err)
    return Problem(where, message, expected_fix(message, said))
