"""The valid part of an outline that does not validate, so one run reports every problem.

An outline with a typo in one slide still has a theme, data sources and other slides worth
checking: without them, a user fixes the schema error, runs again, and only then hears
that the theme name or a column is wrong. :func:`salvage` leaves out each part a problem is
in (a slide, a social card, a data source, a var, a deck field, or an unknown top-level
key), validates the rest, and keeps the line of every field in the original file.
Problems the later stages find on what is left are moved back to the original field paths
with :meth:`Salvaged.restore` (leaving out slide 3 makes slide 4 the third).

Nothing built from a salvaged outline is ever written: the run still fails with the
problems that made it salvage.
"""

from __future__ import annotations

import copy
import functools
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import yaml
from pydantic import Field, create_model

from deckgen.errors import OutlineError, Problem
from deckgen.outline.load import (
    MAX_OUTLINE_BYTES,
    LoadedOutline,
    compose_bounded,
    format_path,
    index_lines,
    parse_outline,
    parse_path,
    read_outline,
)

if TYPE_CHECKING:
    from pathlib import Path

    from deckgen.outline.load import PathKey
    from deckgen.outline.schema import OutlineBase

#: The lists whose items are left out one by one (the rest shift up).
_LISTS: tuple[PathKey, ...] = (("slides",), ("social", "cards"))
#: The mappings whose entries are left out one by one.
_MAPPINGS = ("deck", "data", "vars", "social")


@dataclass(frozen=True)
class Salvaged:
    """What is left of an outline, validated, with the original file's lines."""

    loaded: LoadedOutline[Any]
    dropped: frozenset[PathKey]  # the parts left out, as original paths
    #: For each list that lost items: the original index of each item left.
    kept: dict[PathKey, tuple[int, ...]]
    #: Problems only what is left shows (a chart naming a data source that does not exist:
    #: checked only once the whole outline validates), at their original paths.
    more: tuple[Problem, ...] = ()

    @property
    def complete(self) -> bool:
        """True when no data source or var was left out: then a template that fails on what
        is left fails on the whole outline too, so binding it reports only real problems."""
        return not any(unit[0] in ("data", "vars") for unit in self.dropped)

    def restore(self, problem: Problem) -> Problem:
        """``problem``, found on what is left, with its field path in the original outline,
        and so every field its message and hint name ('used by slides[0].chart.y
        (deck.yaml:12)', written by a data check that knows only what is left)."""
        moved = _moved_back(problem, str(self.loaded.path), self.kept)
        hint = None if moved.hint is None else self._named_back(moved.hint)
        return replace(moved, message=self._named_back(moved.message), hint=hint)

    def _named_back(self, text: str) -> str:
        """``text`` with each item of a list that lost items (``slides[0]``) it names, and
        the outline line written beside it, as the original outline has them. A data
        check names the field that reads a cell by its path in what is left, and reads
        that path's line from the file, where it is another slide's: 'slides[0].chart.y
        (deck.yaml:6)' for the third slide's 'y:' on line 12 (found by fuzzing)."""
        file = re.escape(str(self.loaded.path))
        heads = "|".join(re.escape(format_path(h)) for h in self.kept)
        if not heads:
            return text
        pattern = re.compile(
            rf"(?:(?P<file_before>{file}):(?P<before>\d+): )?"
            rf"(?<![\w.])(?P<path>(?:{heads})\[\d+\](?:\.[A-Za-z_][\w-]*|\[\d+\])*)"
            rf"(?: \((?P<file_after>{file}):(?P<after>\d+)\))?"
        )

        def back(found: re.Match[str]) -> str:
            key = parse_path(found["path"])
            # The line of the field in what is left: its lines are the file's own.
            line = self.loaded.locate(*key).line
            path = format_path(_old_key(key, self.kept))
            if found["before"] is not None:
                return f"{found['file_before']}:{line or found['before']}: {path}"
            if found["after"] is not None:
                return f"{path} ({found['file_after']}:{line or found['after']})"
            return path

        return pattern.sub(back, text)


def salvage(path: Path, model: type[OutlineBase], error: OutlineError) -> Salvaged | None:
    """The part of the outline at ``path`` that validates, leaving out what ``error``'s
    problems are in; ``None`` when nothing useful is left (the file is not YAML, a problem
    names no field, or what is left still does not validate)."""
    try:  # read as the outline was: a FIFO or a device is never read (it would not end)
        node, raw = compose_bounded(read_outline(path))
    except (OutlineError, yaml.YAMLError):
        return None
    if not isinstance(raw, dict) or node is None:
        return None
    lines: dict[PathKey, int] = {}
    index_lines(node, (), lines, [], str(path))
    dropped: set[PathKey] = set()
    more: list[Problem] = []
    problems = error.problems
    for _ in range(8):  # each round leaves out more; a handful is plenty
        units = {_unit(p, path) for p in problems}
        if None in units or units <= dropped:
            return None  # a problem outside any part, or one that leaving out did not fix
        dropped |= {u for u in units if u is not None}
        rest, kept = _without(raw, dropped)
        text = yaml.dump(rest, Dumper=_Dumper, sort_keys=False)
        if len(text) > MAX_OUTLINE_BYTES:
            return None  # what is left is past the limits the file itself was read under
        try:
            # The lines of this text are not the file's: they are replaced below.
            loaded = parse_outline(text, path, _emptied(model))
        except OutlineError as again:
            problems = [_moved_back(p, str(path), kept) for p in again.problems]
            more += problems
            continue
        moved = {_new_key(k, kept): line for k, line in lines.items() if not _under(k, dropped)}
        salvaged = Salvaged(replace(loaded, lines=moved, dropped=frozenset(dropped)),
                            frozenset(dropped), kept)  # fmt: skip
        # What leaving out a data source caused is not a problem of the outline.
        shown = tuple(more) if salvaged.complete else ()
        return replace(salvaged, more=tuple(_at_line(p, lines) for p in shown))
    return None


@functools.cache
def _emptied(model: type[OutlineBase]) -> type[OutlineBase]:
    """``model`` with each list whose items are left out allowed to be empty: leaving out
    an outline's only slide (an unknown chart type) made what was left fail for having no
    slides, and the unknown theme beside it was reported by the next run only (found by
    fuzzing). What is left is checked, never built."""
    fields: dict[str, Any] = {}
    for head in _LISTS:
        info = model.model_fields.get(str(head[0])) if len(head) == 1 else None
        if info is not None and any(getattr(m, "min_length", None) for m in info.metadata):
            fields[str(head[0])] = (info.annotation, Field(default_factory=list))
    base = create_model(model.__name__, __base__=model, **fields) if fields else model
    if not hasattr(model, _SOMETHING):
        return base
    # Nor need it have a slide or a card left (the model's check of the whole file, by
    # that name, is overridden): its every slide may be the one left out.
    return type(model.__name__, (base,), {_SOMETHING: lambda self: self,
                                          "__module__": model.__module__})  # fmt: skip


#: The outline model's check that it makes something, a slide or a card
#: (:meth:`deckgen.kinds.Outline._makes_something`).
_SOMETHING = "_makes_something"


class _Dumper(yaml.SafeDumper):
    """What is left, written as YAML with the file's aliases kept: a text the file shared
    by an alias is written once, as the file wrote it. (PyYAML repeats a string at each of
    its places: 2,000 aliases of a 100 KB text became 200 MB to write and read again, and
    a check took 98 s and 690 MB.)"""

    def ignore_aliases(self, data: Any) -> bool:
        if isinstance(data, str) and len(data) > 64:
            return False
        return bool(super().ignore_aliases(data))


def _unit(problem: Problem, path: Path) -> PathKey | None:
    """The part of the outline ``problem`` is in, or ``None``."""
    where = problem.location
    if where is None or where.field is None or where.file != str(path):
        return None
    key = parse_path(where.field)
    for head in _LISTS:
        n = len(head)
        if key[:n] == head and len(key) > n and isinstance(key[n], int):
            return key[: n + 1]
    if key and key[0] in _MAPPINGS and len(key) >= 2:
        return key[:2]
    if len(key) == 1 and key[0] not in ("deck", "slides"):
        return key  # an unknown top-level key ('slide:'): leave it out
    return None


def _without(
    raw: dict[str, Any], dropped: set[PathKey]
) -> tuple[dict[str, Any], dict[PathKey, tuple[int, ...]]]:
    """``raw`` less the ``dropped`` parts, and for each list the original index of each
    item left."""
    rest = copy.deepcopy(raw)
    kept: dict[PathKey, tuple[int, ...]] = {}
    for head in _LISTS:
        items = _get(rest, head)
        if not isinstance(items, list):
            continue
        gone = {u[len(head)] for u in dropped if u[: len(head)] == head and len(u) == len(head) + 1}
        kept[head] = tuple(i for i in range(len(items)) if i not in gone)
        items[:] = [items[i] for i in kept[head]]
    for unit in dropped:
        if any(unit[: len(h)] == h and len(unit) == len(h) + 1 for h in _LISTS):
            continue
        parent = _get(rest, unit[:-1])
        if isinstance(parent, dict):
            parent.pop(unit[-1], None)
    return rest, kept


def _get(raw: Any, key: PathKey) -> Any:
    for step in key:
        if isinstance(raw, dict) and step in raw:
            raw = raw[step]
        else:
            return None
    return raw


def _under(key: PathKey, dropped: set[PathKey]) -> bool:
    return any(key[: len(unit)] == unit for unit in dropped)


def _new_key(key: PathKey, kept: dict[PathKey, tuple[int, ...]]) -> PathKey:
    """An original path in what is left (items shift up past those left out)."""
    for head, old in kept.items():
        n = len(head)
        index = key[n] if key[:n] == head and len(key) > n else None
        if isinstance(index, int) and index in old:
            return (*head, old.index(index), *key[n + 1 :])
    return key


def _old_key(key: PathKey, kept: dict[PathKey, tuple[int, ...]]) -> PathKey:
    """A path in what is left, in the original outline."""
    for head, old in kept.items():
        n = len(head)
        index = key[n] if key[:n] == head and len(key) > n else None
        if isinstance(index, int) and index < len(old):
            return (*head, old[index], *key[n + 1 :])
    return key


def _at_line(problem: Problem, lines: dict[PathKey, int]) -> Problem:
    """``problem`` (at an original path) with the line of that path in the original file."""
    where = problem.location
    if where is None or where.field is None:
        return problem
    key = parse_path(where.field)
    for end in range(len(key), -1, -1):
        if key[:end] in lines:
            return Problem(replace(where, line=lines[key[:end]]), problem.message, problem.hint)
    return problem


def _moved_back(problem: Problem, file: str, kept: dict[PathKey, tuple[int, ...]]) -> Problem:
    """``problem``, found on what is left, at its field path in the original outline."""
    where = problem.location
    if where is None or where.field is None or where.file != file:
        return problem
    key = _old_key(parse_path(where.field), kept)
    return Problem(replace(where, field=format_path(key)), problem.message, problem.hint)
