"""Plans by content key: in a warm session an unchanged slide or card is not laid out again.

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


def table_digest(table: pd.DataFrame) -> str | None:
    """A digest of a table's values, index, columns, types and attributes; ``None`` if a
    cell cannot be hashed (a plan that reads that table is then not kept)."""
    import pandas as pd

    try:
        rows = pd.util.hash_pandas_object(table, index=True).to_numpy().tobytes()
        shape = repr((list(table.columns), [str(t) for t in table.dtypes], table.index.names,
                      sorted(table.attrs.items())))  # fmt: skip
    except (TypeError, ValueError):
        return None
    return hashlib.sha256(shape.encode() + rows).hexdigest()


@dataclass
class PlanMemo:
    """Plans by key, reused while the tables and files they read are unchanged."""

    _entries: dict[str, _Entry] = field(default_factory=dict)
    _digests: dict[int, tuple[Any, str | None]] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)
    planned: int = 0  # plans made this build (the rest were reused)

    def start(self) -> None:
        """Begin a build: counts reset, table digests forgotten (the tables are new)."""
        self.used, self.planned, self._digests = set(), 0, {}

    def prune(self) -> None:
        """Forget every plan the last build did not use."""
        for key in set(self._entries) - self.used:
            del self._entries[key]

    def _digest(self, table: Any) -> str | None:
        # By identity within one build; the frame is held so that its id is not reused.
        kept = self._digests.get(id(table))
        if kept is None or kept[0] is not table:
            kept = self._digests[id(table)] = (table, table_digest(table))
        return kept[1]

    def plan(
        self,
        key: str | None,
        tables: dict[str, Any],
        warnings: list[str],
        make: Callable[[dict[str, Any]], T],
        files: Callable[[T], Iterable[Path]] = lambda _: (),
    ) -> T:
        """``make(tables)``, or its value from a build with the same ``key`` whose tables
        and files are as they were. The warnings ``make`` added are added again."""
        from deckgen.render.jobs import file_digest

        if key is None:
            self.planned += 1
            return make(tables)
        self.used.add(key)
        entry = self._entries.get(key)
        if entry is not None and self._fresh(entry, tables):
            warnings.extend(entry.warnings)
            value: T = entry.value
            return value
        reading = _Reading(tables)
        before = len(warnings)
        value = make(reading)
        self.planned += 1
        read = [(name, self._digest(tables[name])) for name in sorted(reading.read)
                if name in tables]  # fmt: skip
        if any(digest is None for _, digest in read):
            self._entries.pop(key, None)
            return value
        shown = tuple((str(f), file_digest(Path(f))) for f in files(value))
        self._entries[key] = _Entry(value, tuple(warnings[before:]),
                                    tuple((n, str(d)) for n, d in read), shown)  # fmt: skip
        return value

    def _fresh(self, entry: _Entry, tables: dict[str, Any]) -> bool:
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
