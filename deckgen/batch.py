"""``deckgen batch``: one deck and card set per row of a data source.

The outline, its data and its theme are read once; for each row of ``--for-each`` the
outline is bound with that row as ``row`` (in every template and in filter values:
``value: "{{ row.state }}"``) and built into ``OUT/<key>/``. Every deck shares one process
pool and one render cache, so a picture that two rows show (a national chart) is drawn
once. A row's fingerprint (what its deck and cards show: every bound text and every
picture's content key) is kept in its manifest; a rerun rebuilds only the rows whose
fingerprint changed or whose files are gone. One row that fails is reported, and the others
are built.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from deckgen.errors import DataError, DeckgenError, Location, Problem, did_you_mean, one_of
from deckgen.io import atomic_write_bytes, read_regular

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from deckgen.pipeline import Assembly, BuildOptions, Inputs, Planned, Target
    from deckgen.render.cache import AssetCache
    from deckgen.render.executor import Pool

Status = Literal["built", "up to date", "failed"]
#: What the fingerprint file beside each row's manifest is called.
FINGERPRINT = "fingerprint.json"


@dataclass(frozen=True)
class RowResult:
    key: str
    folder: Path
    status: Status
    seconds: float
    deck: Path | None = None
    error: str | None = None


@dataclass(frozen=True)
class BatchResult:
    rows: tuple[RowResult, ...]
    seconds: float
    rendered: int = 0  # pictures drawn (the rest came from the shared cache)
    failed: tuple[RowResult, ...] = field(default_factory=tuple)

    def count(self, status: Status) -> int:
        return sum(r.status == status for r in self.rows)


def folder_name(key: str) -> str:
    """A row's folder: its key made safe for every file system ('Laredo, TX' -> 'laredo-tx')."""
    name = re.sub(r"[^a-z0-9]+", "-", key.lower()).strip("-")
    return name or "row"


def batch(
    outline: Path,
    options: BuildOptions,
    *,
    for_each: str,
    key: str | None = None,
    where: tuple[str, ...] = (),
    on_row: Callable[[int, int, RowResult], None] | None = None,
) -> BatchResult:
    """Build one deck per row of data source ``for_each`` (rows kept by ``where``:
    ``COLUMN=VALUE`` or ``COLUMN!=VALUE``, all must hold) into ``options.out_dir / <key>/``.

    Rows go through in chunks: each row of a chunk is bound and planned here, then every
    picture of the chunk is rendered in the pool at once (a picture two rows show is drawn
    once), then the chunk's decks are assembled in the pool, and written here as each
    arrives. Only a chunk's pictures are held in memory, whatever the batch's size.

    Raises :class:`DeckgenError` for problems of the whole batch (the outline, the data,
    an unknown source or column, keys that are not unique); a row's own problem is that
    row's failure.
    """
    import deckgen.assemble.deck  # noqa: F401  (imported before the workers fork: shared)
    from deckgen.pipeline import open_pool, read_inputs
    from deckgen.render.cache import AssetCache

    started = time.perf_counter()
    inputs = read_inputs(outline, options)
    rows = _rows(inputs, for_each, key, where)
    cache = AssetCache(options.out_dir / ".cache", read=not options.force)
    results: list[RowResult] = []
    used: set[str] = set()
    rendered = 0

    def done(result: RowResult) -> None:
        results.append(result)
        if on_row:
            on_row(len(results), len(rows), result)

    with open_pool(options) as pool:
        size = max(CHUNK, 4 * pool.workers)
        for start in range(0, len(rows), size):
            chunk = rows[start : start + size]
            staged = [_stage(outline, options, inputs, k, row, used, done) for k, row in chunk]
            drawn, keys = _render_and_write([s for s in staged if s], options, pool, cache, done)
            rendered += drawn
            used |= keys
    if not any(r.status == "failed" for r in results):
        cache.prune(used)  # a failed row keeps its pictures for the rerun
    order = {k: n for n, (k, _) in enumerate(rows)}
    results.sort(key=lambda r: order[r.key])
    failed = tuple(r for r in results if r.status == "failed")
    return BatchResult(tuple(results), time.perf_counter() - started, rendered, failed)


#: Rows planned, rendered and assembled together (at least; more with more workers).
CHUNK = 8


def _rows(inputs: Inputs, source: str, key: str | None,
          where: tuple[str, ...]) -> list[tuple[str, object]]:  # fmt: skip
    """The rows to build, as (key, template row), in the source's order."""
    from deckgen.binding.tables import tables_for_templates

    loaded = inputs.loaded
    frames = inputs.tables
    if source not in frames:
        raise DataError(
            Problem(Location(str(loaded.path)), f"--for-each: no data source {source!r}; the "
                    f"outline declares {one_of(frames)}", did_you_mean(source, frames))
        )  # fmt: skip
    frame = frames[source]
    columns = [str(c) for c in frame.columns]
    key_column = key or columns[0]
    problems = []
    rules = [_where(rule) for rule in where]
    for column in [key_column, *(r[0] for r in rules if r)]:
        if column not in columns:
            problems.append(Problem(None, f"data source {source!r} has no column {column!r}; "
                                    f"its columns are {one_of(columns)}",
                                    did_you_mean(column, columns)))  # fmt: skip
    for rule, parsed in zip(where, rules, strict=True):
        if parsed is None:
            problems.append(Problem(None, f"--where {rule!r}: expected COLUMN=VALUE or "
                                    "COLUMN!=VALUE"))  # fmt: skip
    if problems:
        raise DataError(problems)
    table = tables_for_templates({source: frame})[source]
    keep = [True] * len(frame)
    for rule, parsed in zip(where, rules, strict=True):
        assert parsed is not None
        column, equal, value = parsed
        cells = [_cell(v) for v in frame[column]]
        if value not in cells:
            message = f"--where {rule!r}: no row of {source!r} has {column} = {value!r}"
            raise DataError(Problem(None, message, did_you_mean(value, cells)))
        keep = [k and (c == value) == equal for k, c in zip(keep, cells, strict=True)]
    keys = [str(v) for v in frame[key_column]]
    rows: list[tuple[str, object]] = [
        (k, r) for k, r, kept in zip(keys, table, keep, strict=True) if kept
    ]
    seen: dict[str, str] = {}
    for row_key, _ in rows:
        name = folder_name(row_key)
        if name in seen:
            raise DataError(Problem(None, f"rows {seen[name]!r} and {row_key!r} of {source!r} "
                                    f"would both go into the folder {name!r}",
                                    "use --key with a column that is unique"))  # fmt: skip
        seen[name] = row_key
    return rows


def _cell(value: object) -> str:
    """A cell as --where compares it: as the data file wrote it, so 21 matches a number
    column's 21.0 and a date its ISO day."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "date") and hasattr(value, "isoformat"):
        return str(value.isoformat())[:10]
    return "" if value is None or value != value else str(value)


def _where(rule: str) -> tuple[str, bool, str] | None:
    """``COLUMN=VALUE`` -> (column, True, value); ``COLUMN!=VALUE`` -> (column, False, value)."""
    found = re.fullmatch(r"\s*([^=!]+?)\s*(!?=)\s*(.*?)\s*", rule)
    if not found:
        return None
    return found[1], found[2] == "=", found[3]


@dataclass
class _Staged:
    """A row bound and planned, waiting for its pictures."""

    key: str
    target: Target
    options: BuildOptions
    planned: Planned
    mark: str
    previous: dict[str, object] | None
    seconds: float


def _stage(
    outline: Path, options: BuildOptions, inputs: Inputs, row_key: str, row: object,
    used: set[str], done: Callable[[RowResult], None],
) -> _Staged | None:  # fmt: skip
    """Bind and plan one row; report it at once (and return None) if it failed or is up to
    date."""
    from dataclasses import replace

    from deckgen import manifest
    from deckgen.pipeline import Target, bind, deck_folder, plan_outline

    started = time.perf_counter()
    out = options.out_dir / folder_name(row_key)
    row_options = replace(options, out_dir=out)
    folder = deck_folder(outline, row_options)
    target = Target(outline, out / f"{outline.stem}.pptx", folder)
    try:
        ready = bind(inputs, row_options, {"row": row})
        planned = plan_outline(ready, row_options)
        mark = fingerprint(planned, row_options)
    except DeckgenError as exc:
        done(_failed(row_key, out, started, exc))
        return None
    previous = manifest.read(folder / manifest.FILE_NAME)
    if not options.force and previous and _unchanged(outline, folder, mark, previous):
        used |= {str(a["key"]) for a in previous.get("assets", [])}
        done(RowResult(row_key, out, "up to date", time.perf_counter() - started, target.deck))
        return None
    return _Staged(row_key, target, row_options, planned, mark, previous,
                   time.perf_counter() - started)  # fmt: skip


def _render_and_write(
    staged: list[_Staged], options: BuildOptions, pool: Pool, cache: AssetCache,
    done: Callable[[RowResult], None],
) -> tuple[int, frozenset[str]]:  # fmt: skip
    """Render the pictures of a chunk's rows at once, assemble their decks in the pool,
    write each row as its deck arrives; the number of pictures drawn and the keys used."""
    from deckgen.pipeline import Assembly, finish
    from deckgen.render.executor import run

    if not staged:
        return 0, frozenset()
    started = time.perf_counter()
    try:
        rendered = run([j for s in staged for j in s.planned.jobs], workers=pool, cache=cache)
    except DeckgenError:
        # One row's picture failed: render the rows one by one to know whose it was.
        if len(staged) == 1:
            raise
        results = [_render_and_write([s], options, pool, cache, done) for s in staged]
        return sum(r[0] for r in results), frozenset().union(*(r[1] for r in results))
    share = (time.perf_counter() - started) / len(staged)  # each row's part of the render
    keys: set[str] = set()
    jobs = [Assembly.of(s.planned, rendered) for s in staged]
    for n, (deck, error) in pool.map(_assemble_row, jobs):
        began = time.perf_counter()
        row = staged[n]
        try:
            if deck is None:
                raise DeckgenError(error or "the deck could not be assembled")
            result = finish(row.planned, rendered, deck, row.options, row.target, row.previous)
            mark = json.dumps({"fingerprint": row.mark}).encode("utf-8")
            atomic_write_bytes(row.target.folder / FINGERPRINT, mark, state=True)
        except DeckgenError as exc:
            done(_failed(row.key, row.target.deck.parent, began, exc))
            continue
        keys |= result.keys
        seconds = row.seconds + share + time.perf_counter() - began
        done(RowResult(row.key, row.target.deck.parent, "built", seconds, row.target.deck))
    return len(rendered.rendered), frozenset(keys)


def _assemble_row(job: Assembly) -> tuple[bytes | None, str | None]:
    """Assemble one row's deck in a worker; its problem comes back as text, so one row's
    failure does not stop the chunk."""
    from deckgen.pipeline import assemble

    try:
        return assemble(job), None
    except DeckgenError as exc:
        return None, exc.format_message()


def _failed(row_key: str, out: Path, started: float, exc: DeckgenError) -> RowResult:
    message = exc.format_message().splitlines()[0]
    return RowResult(row_key, out, "failed", time.perf_counter() - started, error=message)


def fingerprint(planned: Planned, options: BuildOptions) -> str:
    """What a row's deck and cards show, as one digest: the outline file, the options and
    versions, every bound text, and every picture's content key (which holds its data)."""
    from deckgen import manifest

    ready, plan, cards = planned.ready, planned.plan, planned.cards
    loaded = ready.loaded
    digest = hashlib.sha256()
    parts = [
        manifest.file_digest(loaded.path),
        json.dumps(options.fingerprint(), sort_keys=True),
        json.dumps(manifest.versions(), sort_keys=True),
        *(f"{b.path}={b.text}" for b in ready.bound.bindings),
        *(p.job.key() for s in plan.slides for p in s.pictures),
        *(repr(s.layout) for s in plan.slides),  # tables and texts laid out
        *(c.job.key() for c in cards),
    ]
    for part in parts:
        digest.update(str(part).encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


def _unchanged(outline: Path, folder: Path, mark: str, previous: dict[str, object]) -> bool:
    """The row's last build showed the same things and its files are as it wrote them."""
    from deckgen import manifest

    try:  # a regular file of a few bytes, or damage (then the row is built again)
        saved = json.loads(read_regular(folder / FINGERPRINT, 4096, follow=False) or b"")
    except ValueError:
        return False
    if not isinstance(saved, dict) or saved.get("fingerprint") != mark:
        return False
    outputs = previous.get("outputs")
    if not isinstance(outputs, dict) or not outputs:
        return False
    # Outputs are recorded relative to the outline's folder (see manifest.display_path).
    return all(
        manifest.file_digest((outline.parent / name).resolve()) == digest
        for name, digest in outputs.items()
    )
