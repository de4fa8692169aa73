"""Plans by content key: in a warm session an unchanged slide or card is not laid out again
(nor bound, nor checked: a template's text and a slide's checks are kept the same way).

A slide's (or card's) plan is a pure function of its spec after binding, the theme, the
deck-wide values, the build options, and the tables it reads. The key covers all but the
tables, which are only known once the plan has run: :meth:`PlanMemo.plan` records which
tables a plan reads (and which files it shows), and an entry is used only while each of
them has the same content (tables by a hash of their values, files by their bytes).

The memo lives in memory (``pipeline.Session``): a plan holds data frames and jobs, not a
format worth writing to disk; on the command line each build plans afresh.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Mapping

    import pandas as pd
    from pydantic import BaseModel

T = TypeVar("T")


class _Reading(dict[str, Any]):
    """The tables, noting which ones are read (all of them, if they are walked)."""

    def __init__(self, tables: Mapping[str, Any]) -> None:
        super().__init__(tables)
        self.read: set[str] = set()

    def __getitem__(self, name: str) -> Any:
        self.read.add(name)
        return super().__getitem__(name)

    def get(self, name: str, default: Any = None) -> Any:
        self.read.add(name)
        return super().get(name, default)

    def __contains__(self, name: object) -> bool:
        self.read.add(str(name))
        return super().__contains__(name)

    def __iter__(self) -> Iterator[str]:
        self.read.update(super().keys())
        return super().__iter__()

    def keys(self) -> Any:
        self.read.update(super().keys())
        return super().keys()

    def values(self) -> Any:
        self.read.update(super().keys())
        return super().values()

    def items(self) -> Any:
        self.read.update(super().keys())
        return super().items()


@dataclass(frozen=True)
class _Entry:
    value: Any
    warnings: tuple[str, ...]
    tables: tuple[tuple[str, str], ...]  # name, content digest
    files: tuple[tuple[str, str], ...]  # path, content digest


def _same(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two sets of a node's updates are equal: each value the same object (a
    nested node kept by :meth:`PlanMemo.bound`) or an equal one (a text)."""
    return a.keys() == b.keys() and all(a[k] is b[k] or a[k] == b[k] for k in a)


def table_digest(table: pd.DataFrame) -> str | None:
    """A digest of a table: its values, index, columns, types and attributes, as pickle
    writes them; ``None`` if a cell cannot be pickled (a plan that reads that table is
    then not kept).

    Pickle writes exactly what the table holds, so two tables with the same digest are the
    same. Two equal tables may differ in their pickles (a text held twice by one, and as
    two equal copies by the other): then a plan is made again that could have been kept,
    never a stale one used. 14x as quick as pandas' row hashes of a table of texts (70 us
    against 1 ms: a warm rebuild digests each table its edit changed, before binding)."""
    import pickle

    try:
        data = pickle.dumps(table, protocol=5)
    except Exception:  # pickle raises many kinds of error for what it cannot write
        return None
    return hashlib.sha256(data).hexdigest()


@dataclass
class PlanMemo:
    """Plans by key, reused while the tables and files they read are unchanged."""

    _entries: dict[str, _Entry] = field(default_factory=dict)
    _digests: dict[int, tuple[Any, str | None]] = field(default_factory=dict)
    _keys: dict[int, tuple[object, str | None]] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)
    planned: int = 0  # plans made this build (the rest were reused)
    _seen: set[int] = field(default_factory=set)  # the ids of the tables and specs used
    _nodes: dict[int, tuple[object, dict[str, Any], Any]] = field(default_factory=dict)

    def start(self) -> None:
        """Begin a build: counts reset. Digests and spec keys are kept by identity: a
        session hands an unchanged file's table, and an unchanged slide that has no
        template, to the next build as the same object (and nothing changes either in
        place), so only what is new is digested and keyed again."""
        self.used, self.planned, self._seen = set(), 0, set()

    def prune(self) -> None:
        """Forget every plan, digest and key the last build did not use."""
        for key in set(self._entries) - self.used:
            del self._entries[key]
        self._digests = {k: v for k, v in self._digests.items() if k in self._seen}
        self._keys = {k: v for k, v in self._keys.items() if k in self._seen}
        self._nodes = {k: v for k, v in self._nodes.items() if k in self._seen}

    def _digest(self, table: Any) -> str | None:
        # By identity; the frame is held so that its id is not reused.
        kept = self._digests.get(id(table))
        if kept is None or kept[0] is not table:
            kept = self._digests[id(table)] = (table, table_digest(table))
        self._seen.add(id(table))
        return kept[1]

    def plan(
        self,
        key: str | None,
        tables: dict[str, Any],
        warnings: list[str],
        make: Callable[[dict[str, Any]], T],
        files: Callable[[T], Iterable[Path]] = lambda _: (),
        *,
        layout: bool = True,
    ) -> T:
        """``make(tables)``, or its value from a build with the same ``key`` whose tables
        and files are as they were. The warnings ``make`` added are added again.

        ``layout``: whether ``make`` lays a slide or card out (counted in :attr:`planned`)
        rather than checking or measuring one."""
        entry = self.recall(key, tables)
        if entry is not None:
            warnings.extend(entry.warnings)
            value: T = entry.value
            return value
        reading = _Reading(tables)
        before = len(warnings)
        value = make(reading)
        self.planned += layout
        self.remember(key, tables, reading.read, value, warnings[before:], files(value))
        return value

    def recall(self, key: str | None, tables: Mapping[str, Any]) -> _Entry | None:
        """What was kept under ``key``, if each table and file it read is as it was."""
        if key is None:
            return None
        self.used.add(key)
        entry = self._entries.get(key)
        return entry if entry is not None and self._fresh(entry, tables) else None

    def remember(
        self,
        key: str | None,
        tables: Mapping[str, Any],
        read: Iterable[str],
        value: Any,
        warnings: Iterable[str] = (),
        files: Iterable[Path] = (),
    ) -> None:
        """Keep ``value`` under ``key`` while the tables named ``read`` (and ``files``)
        are as they are now; not at all if one of those tables cannot be digested."""
        from deckgen.render.jobs import file_digest

        if key is None:
            return
        digests = [(name, self._digest(tables[name])) for name in sorted(set(read))
                   if name in tables]  # fmt: skip
        if any(digest is None for _, digest in digests):
            self._entries.pop(key, None)
            return
        shown = tuple((str(f), file_digest(Path(f))) for f in files)
        self._entries[key] = _Entry(value, tuple(warnings),
                                    tuple((n, str(d)) for n, d in digests), shown)  # fmt: skip

    def bound(self, node: object, updates: dict[str, Any], make: Callable[[], T]) -> T:
        """``make()``: ``node`` (a spec of the outline as loaded) with the ``updates`` its
        templates gave, validated again; the same object as last build when the node and
        what its templates said are the same. So an unchanged slide whose title is a
        template is the same spec as before, keyed once (:meth:`key_of`)."""
        kept = self._nodes.get(id(node))
        self._seen.add(id(node))
        if kept is not None and kept[0] is node and _same(kept[1], updates):
            value: T = kept[2]
            return value
        value = make()
        self._nodes[id(node)] = (node, updates, value)  # the node held: its id is not reused
        return value

    def forget_bound(self, node: object) -> None:
        """Drop what :meth:`bound` kept for ``node`` (its validation found problems)."""
        self._nodes.pop(id(node), None)

    def key_of(self, owner: object, make: Callable[[], str | None]) -> str | None:
        """``make()``, once per build for ``owner`` (a slide or card spec): the key that
        its binding, checks, measures and plan derive theirs from (see :func:`derive`)."""
        kept = self._keys.get(id(owner))
        if kept is None or kept[0] is not owner:
            kept = self._keys[id(owner)] = (owner, make())
        self._seen.add(id(owner))
        return kept[1]

    def _fresh(self, entry: _Entry, tables: Mapping[str, Any]) -> bool:
        from deckgen.render.jobs import file_digest

        for name, digest in entry.tables:
            if name not in tables or self._digest(tables[name]) != digest:
                return False
        return all(file_digest(Path(f)) == digest for f, digest in entry.files)


def plan_key(**parts: Any) -> str | None:
    """A key of ``parts`` (specs, theme, options...) with the libraries' versions, or
    ``None`` if some part cannot be keyed."""
    from deckgen.render.jobs import _canonical, package_versions

    try:
        document = _canonical({**parts, "versions": package_versions(("pandas", "numpy"))})
    except TypeError:
        return None
    text = json.dumps(document, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def spec_key(spec: BaseModel, where: str) -> str | None:
    """A key of a validated spec (a slide's, once bound) at its place in the outline.

    Its type and its fields as pydantic writes them as JSON: a tenth of :func:`plan_key`'s
    time, and specs hold plain values only (a file a plan shows is checked by its bytes
    apart, see :meth:`PlanMemo.plan`). A spec the serializer refuses is keyed by
    :func:`plan_key`."""
    from pydantic_core import PydanticSerializationError

    try:
        fields = spec.model_dump_json()
    except PydanticSerializationError:
        return plan_key(spec=spec, where=where)
    text = f"{type(spec).__module__}.{type(spec).__qualname__}\0{where}\0{fields}"
    return hashlib.sha256(text.encode()).hexdigest()


def derive(key: str | None, what: str, **parts: Any) -> str | None:
    """A key for ``what`` is kept of the spec keyed ``key`` ('check', 'plan'...), with
    ``parts`` it also depends on (plain JSON values: other keys, numbers); ``None`` if there
    is no ``key``."""
    if key is None:
        return None
    more = json.dumps(parts, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(f"{key}:{what}:{more}".encode()).hexdigest()
