"""The build manifest (``output/<deck>/manifest.json``) and the change report between two.

The manifest records every input file with its checksum, every output file, and every
asset: its content key, what it shows (the data cells it reads, with their values) and
where it was placed; plus every bound text with its template, its result and the cells it
read. Two manifests compare into a :class:`ChangeReport` in words a comms person reads:
which numbers changed from what to what, which texts changed, what was re-rendered.

This module imports nothing heavy: ``deckgen build`` checks whether anything changed at
all before it loads pandas or matplotlib.
"""

from __future__ import annotations

import contextvars
import itertools
import json
import math
import os
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from deckgen.errors import counted
from deckgen.io import file_digest
from deckgen.scoped import scoped

if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Iterable, Mapping
    from contextlib import AbstractContextManager

FORMAT = 1
FILE_NAME = "manifest.json"

Cell = tuple[str, str, str, Any]  # source, row, column, value


# --------------------------------------------------------------------------- files
_Said = dict[tuple[str, tuple[str, ...], str], dict[str, Any]]
#: :func:`digests`, :func:`shipped` and :func:`lookups` by their paths and root, while a
#: batch runs (see :func:`remembering`).
_SAID: contextvars.ContextVar[_Said | None] = contextvars.ContextVar("said", default=None)


def remembering() -> AbstractContextManager[_Said | None]:
    """Say the same of the same inputs until the block ends: a batch reads its inputs once
    for all its rows, so each row's manifest gives their digests and where their paths
    lead as they were then (worked out again for each row, resolving every path, they
    were ~1.5 ms of a row's work in the command's process)."""
    return scoped(_SAID, {})


def _remembered(
    kind: str, paths: Iterable[Path], root: Path, make: Callable[[list[Path]], dict[str, Any]]
) -> dict[str, Any]:
    paths = list(paths)
    memo = _SAID.get()
    if memo is None:
        return make(paths)
    key = (kind, tuple(sorted(map(str, paths))), str(root))
    if key not in memo:
        memo[key] = make(paths)
    return dict(memo[key])  # the caller's own: a manifest is changed as it is completed


def digests(paths: Iterable[Path], root: Path) -> dict[str, str | None]:
    """``{name: sha256}`` for each file; names relative to ``root`` where possible."""
    base = root.resolve()
    return {_relative(p, base): file_digest(p) for p in sorted(set(paths))}


def lookups(paths: Iterable[Path], root: Path) -> dict[str, str | None]:
    """``{name: where it leads}`` for each path a build looked a file up by: a path as the
    outline names it (a data file that is a link), a place a theme is looked for before the
    one it was found in (``themes/NAME/theme.yaml`` beside the outline, ``None`` while there
    is none there). The files' digests cannot tell that a name leads elsewhere now: a link
    re-pointed to another file, a project theme folder added that shadows the shipped one
    (:func:`up_to_date` checks these too)."""
    base = os.path.abspath(root)
    named = {_named(p, base) for p in paths}
    return {name: _led_to(name, root) for name in sorted(named)}


def _named(path: Path, base: str) -> str:
    """``path`` relative to ``base`` as written, its links not followed."""
    return Path(os.path.relpath(os.path.abspath(path), base)).as_posix()


def _led_to(name: str, root: Path) -> str | None:
    """Where ``name`` (a :func:`lookups` key) leads now: the file it names, its links
    followed, relative to ``root``; ``None`` when nothing is there."""
    path = _resolve(name, root)
    try:
        return _relative(path, root.resolve()) if path.exists() else None
    except (OSError, RuntimeError):  # a loop of links, a name too long: nothing to read
        return None


def linked(path: Path) -> bool:
    """Whether ``path`` leads through a symbolic link (its name is not where it is)."""
    return os.path.abspath(path) != os.path.realpath(path)


def display_path(path: Path, root: Path) -> str:
    """``path`` relative to ``root`` (``../output/deck.pptx``), so a project folder and its
    output can move together and their manifest stays true."""
    return _relative(path, root.resolve())


def _relative(path: Path, base: Path) -> str:
    """:func:`display_path` with ``root`` already resolved (``base``)."""
    return Path(os.path.relpath(Path(path).resolve(), base)).as_posix()


def shipped(paths: Iterable[Path], root: Path) -> dict[str, str]:
    """``{name: label}`` for the inputs that are not the project's: a shipped theme's files
    ("theme 'dark' (shipped)") and installed packages' (fonts: "package 'font_lato'"). The
    change report names them so, never by their installation path."""
    from deckgen.theming.load import SHIPPED_DIRS

    themes = [d.resolve() for d in SHIPPED_DIRS if d.is_dir()]
    installed = {Path(p).resolve() for p in (sys.prefix, sys.base_prefix)}
    base = root.resolve()
    labels = {}
    for path in sorted(set(paths)):
        resolved = Path(path).resolve()
        home = next((d for d in themes if resolved.is_relative_to(d)), None)
        if home is not None:
            label = f"theme {resolved.relative_to(home).parts[0]!r} (shipped)"
        elif any(resolved.is_relative_to(prefix) for prefix in installed):
            packages = [p for p in resolved.parents if p.parent.name in _PACKAGE_DIRS]
            label = f"package {packages[-1].name!r}" if packages else "an installed file"
        else:
            continue
        labels[_relative(resolved, base)] = label
    return labels


#: The folders Python installs packages into.
_PACKAGE_DIRS = ("site-packages", "dist-packages")


def versions() -> dict[str, str]:
    """The versions that decide the output's bytes, besides the inputs: the renderers'
    (which every content key holds too) and those that write the deck and the numbers."""
    from deckgen.render.jobs import RENDER_PACKAGES, package_versions

    return dict(package_versions((*RENDER_PACKAGES, "python-pptx", "babel")))


# --------------------------------------------------------------------------- reading
#: The largest manifest read (the sample's is 76 kB).
MAX_BYTES = 64 * 1024 * 1024


def read(path: Path, root: Path | None = None) -> dict[str, Any] | None:
    """A manifest, or ``None`` when it is missing, damaged or of another format."""
    return load(path, root)[0]


def load(path: Path, root: Path | None = None) -> tuple[dict[str, Any] | None, str | None]:
    """``(manifest, None)``; ``(None, None)`` when there is none; ``(None, why)`` when the
    file is damaged (then it is to be discarded: the next build writes a new one).

    ``root`` is the outline's folder: given, every output the manifest names must lie in
    the output folder (the manifest's folder's parent).
    """
    from deckgen.io import NestedTooDeep, read_regular, state_json

    if not (path.exists() or path.is_symlink()):
        return None, None
    data = read_regular(path, MAX_BYTES, follow=False)
    if data is None:
        return None, f"not a regular file of at most {MAX_BYTES // 2**20} MB"
    try:
        document = state_json(data.decode("utf-8"))
    except NestedTooDeep as exc:
        return None, str(exc)
    except UnicodeDecodeError:
        return None, "not JSON: not even text (a manifest is a UTF-8 JSON file)"
    except ValueError as exc:
        # Where JSON stops, as a person counts it: Python's 'Expecting value: line 1
        # column 1 (char 0)' was printed as it was (fuzzing).
        line, column = getattr(exc, "lineno", None), getattr(exc, "colno", None)
        at = f" at line {line}, column {column}" if line else ""
        return None, f"not JSON: it stops being JSON{at}"
    why = _damage(document, path.parent.parent if root is not None else None, root)
    return (None, why) if why else (document, None)


def _damage(document: Any, out: Path | None, root: Path | None) -> str | None:
    """What is wrong with ``document`` as a manifest :func:`complete` makes, or ``None``."""
    if not isinstance(document, dict):
        return "not a JSON object"
    if document.get("manifest") != FORMAT:
        return f"not a deckgen manifest of format {FORMAT}"
    if not _FITS(document):  # the quick test; the words only for a manifest that fails it
        return _mismatch(document, _SCHEMA, "") or "not what a build writes"
    if out is not None and root is not None:
        home = out.resolve()
        for name in document["outputs"]:
            if not _resolve(name, root).resolve().is_relative_to(home):
                return f"output {name!r} is outside the output folder"
    return None


@dataclass(frozen=True)
class _Row:
    """A JSON list of exactly these items (a cell: source, row, column, value)."""

    items: tuple[Any, ...]


@dataclass(frozen=True)
class _Map:
    """A JSON object of any names, each value of this shape."""

    values: Any


#: The shape of every manifest :func:`complete` writes, all of it: each reader (the change
#: report, ``deckgen diff``, the up-to-date check) may take what it finds here without a
#: check of its own. A type is a JSON value of it (``int`` not ``true``, ``float`` any
#: number), a tuple one of several, ``[shape]`` a list of them, a dict an object with those
#: names ('?': not in manifests written before it). A hand-written check of a few fields
#: let ``"placed": 1`` through, which crashed the next build (found by fuzzing).
_SCALAR = (str, int, float, bool, None)
_READS = [_Row((str, str, str, _SCALAR))]
_SCHEMA = {
    "outline": str, "theme": str, "slides": int, "pictures": int, "cards": int,
    "options": _Map(_SCALAR), "versions": _Map(str), "inputs": _Map((str, None)),
    "shipped": _Map(str), "outputs": _Map((str, None)), "?lookups": _Map((str, None)),
    "assets": [{
        "id": str, "key": str, "kind": str, "?reads": _READS, "?part": str, "?of": str,
        "?shows": str,
        "?placed": ({"?slide": int, "?box_in": [float], "?file": str, "?preset": str,
                     "?size": [int]}, None),
    }],
    "texts": [{"field": str, "where": str, "text": str, "?template": str, "?reads": _READS}],
    "?written": [{"field": str, "where": str, "text": str}],
    "?tables": [{"where": str, "reads": _READS}],
    "?order": [{
        "kind": str, "numbers": [int], "?title": (str, None), "?shows": (str, None),
        "?field": (str, None), "?content": (str, None), "?body": (str, None),
    }],
    "?warnings": [str],
}  # fmt: skip
_NAMES = {str: "a text", int: "a whole number", float: "a number", bool: "true or false",
          None: "null"}  # fmt: skip


def _fitting(shape: Any) -> Callable[[Any], bool]:
    """A test of whether a value is of ``shape`` (see :data:`_SCHEMA`): the manifest of a
    31-slide deck holds ~700 cells, checked at the start of every build, a no-change one
    too (~1 ms, where :func:`_mismatch`, which names the place, takes ~6)."""
    if _scalar(shape):
        kinds = _kinds(shape)
        return lambda value: type(value) in kinds
    if isinstance(shape, tuple):
        ones = [_fitting(s) for s in shape]
        return lambda value: any(one(value) for one in ones)
    if isinstance(shape, dict):
        need = [(name, _fitting(inner)) for name, inner in shape.items() if name[0] != "?"]
        may = [(name[1:], _fitting(inner)) for name, inner in shape.items() if name[0] == "?"]
        return lambda value: (
            type(value) is dict
            and all(name in value and fits(value[name]) for name, fits in need)
            and all(fits(value[name]) for name, fits in may if name in value)
        )
    if isinstance(shape, _Map):
        each = _fitting(shape.values)
        return lambda value: type(value) is dict and all(map(each, value.values()))
    if isinstance(shape, list):
        each = _fitting(shape[0])
        return lambda value: type(value) is list and all(map(each, value))
    if isinstance(shape, _Row) and all(_scalar(s) for s in shape.items):
        # A cell: its items' types, one of a few combinations (the bulk of the check).
        rows = frozenset(itertools.product(*(_kinds(s) for s in shape.items)))
        return lambda value: type(value) is list and tuple(map(type, value)) in rows
    if isinstance(shape, _Row):
        items = [_fitting(s) for s in shape.items]
        return lambda value: (
            type(value) is list
            and len(value) == len(items)
            and all(fits(item) for fits, item in zip(items, value, strict=True))
        )
    raise AssertionError(f"not a shape: {shape!r}")


def _scalar(shape: Any) -> bool:
    """Whether ``shape`` is a JSON scalar's type, or a choice of them."""
    shapes = shape if isinstance(shape, tuple) else (shape,)
    return all(s is None or s in (str, int, float, bool) for s in shapes)


def _kinds(shape: Any) -> frozenset[type]:
    """The Python types of the JSON values a scalar ``shape`` takes (a number: int too)."""
    shapes = shape if isinstance(shape, tuple) else (shape,)
    kinds = {type(None) if s is None else s for s in shapes}
    return frozenset(kinds | ({int} if float in kinds else set()))


def _mismatch(value: Any, shape: Any, where: str) -> str | None:
    """Where ``value`` is not of ``shape`` (see :data:`_SCHEMA`), in words, or ``None``."""
    if isinstance(shape, tuple) and not _scalar(shape):
        if any(_mismatch(value, one, where) is None for one in shape):
            return None
        return f"{where or 'the manifest'} is not {' or '.join(_expected(s) for s in shape)}"
    if isinstance(shape, dict):
        if not isinstance(value, dict):
            return f"{where or 'the manifest'} is not {_expected(shape)}"
        for name, inner in shape.items():
            key = name.removeprefix("?")
            if key not in value:
                if key == name:
                    return f"{_at(where, key)} is missing"
                continue
            wrong = _mismatch(value[key], inner, _at(where, key))
            if wrong is not None:
                return wrong
        return None
    if isinstance(shape, _Map | list):
        if not isinstance(value, dict if isinstance(shape, _Map) else list):
            return f"{where} is not {_expected(shape)}"
        inner = shape.values if isinstance(shape, _Map) else shape[0]
        places = ((f"{where}[{k!r}]", v) for k, v in value.items()) if isinstance(value, dict) \
            else ((f"{where}[{k}]", v) for k, v in enumerate(value))  # fmt: skip
        return next((w for at, item in places if (w := _mismatch(item, inner, at))), None)
    if isinstance(shape, _Row):
        if not isinstance(value, list) or len(value) != len(shape.items):
            return f"{where} is not {_expected(shape)}"
        pairs = zip(value, shape.items, strict=True)
        return next((w for k, (item, inner) in enumerate(pairs)
                     if (w := _mismatch(item, inner, f"{where}[{k}]"))), None)  # fmt: skip
    return None if type(value) in _kinds(shape) else f"{where} is not {_expected(shape)}"


def _at(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _expected(shape: Any) -> str:
    if isinstance(shape, dict):
        return "an object"
    if isinstance(shape, _Map):
        return "a mapping"
    if isinstance(shape, list | _Row):
        return f"a list of {len(shape.items)} values" if isinstance(shape, _Row) else "a list"
    if isinstance(shape, tuple):
        return " or ".join(_expected(s) for s in shape)
    return _NAMES[shape]


_FITS = _fitting(_SCHEMA)


def up_to_date(manifest: dict[str, Any], options: dict[str, Any], root: Path) -> bool:
    """True when the last build's inputs, options, versions and outputs are all unchanged,
    and each name it looked a file up by leads where it led: rebuilding would write the
    same files again."""
    if manifest.get("options") != options or manifest.get("versions") != versions():
        return False
    for group in ("inputs", "outputs"):
        files = manifest.get(group)
        if not isinstance(files, dict) or not files:
            return False
        for name, digest in files.items():
            if digest is None or file_digest(_resolve(name, root)) != digest:
                return False
    # A name that leads elsewhere now reads other files under the same digests' names (a
    # link re-pointed, a theme folder that shadows the one the last build read); a
    # manifest written before these were recorded is built once more to record them.
    looked = manifest.get("lookups")
    if not isinstance(looked, dict):
        return False
    return not led_elsewhere(looked, root)


def led_elsewhere(looked: dict[str, str | None], root: Path) -> list[str]:
    """The names of ``looked`` (a manifest's ``lookups``) that lead elsewhere now than they
    led: a link re-pointed, a theme folder added where a theme is looked for first
    (``deckgen watch`` rebuilds for these, as :func:`up_to_date` does)."""
    return [name for name, target in looked.items() if _led_to(name, root) != target]


def _resolve(name: str, root: Path) -> Path:
    path = Path(name)
    return path if path.is_absolute() else root / path


# --------------------------------------------------------------------------- the report
@dataclass(frozen=True)
class NumberChange:
    label: str  # "production · China · production_2023"
    old: Any
    new: Any
    shown_in: tuple[str, ...]  # asset and text ids that show it

    def __str__(self) -> str:
        return f"{self.label}: {show_value(self.old)} → {show_value(self.new)}"


@dataclass(frozen=True)
class TextChange:
    where: str  # "slide 12 title"
    old: str
    new: str
    #: The words were edited in the outline (its template, or its text where it is none),
    #: not changed by the data: the report says "slide 12 title edited".
    edited: bool = False

    def __str__(self) -> str:
        # Words the outline gave where it had none, or left out, read so: a filter taken
        # out read "filter 1 value edited: 'Dogwood' → ''" (found by a new user).
        if self.edited and not self.old:
            return f"{self.where} added: {_quoted(self.new)}"
        if self.edited and not self.new:
            return f"{self.where} removed: {_quoted(self.old)}"
        return (f"{self.where}{' edited' if self.edited else ''}: {_quoted(self.old)} → "
                f"{_quoted(self.new)}")  # fmt: skip


def _quoted(text: str) -> str:
    """A slide's text as a report quotes it: in single quotes, its line breaks marked,
    every character as the slide shows it. Python's repr wrote a French number's no-break
    spaces as '30\\u202f160' and a line break as '\\n', and switched to double quotes
    round an apostrophe (fuzzing)."""
    return "'" + text.replace("\n", " ⏎ ") + "'"


@dataclass(frozen=True)
class ChangeReport:
    """What differs between two builds, for people."""

    first_build: bool = False
    files: tuple[str, ...] = ()  # project files that changed, by their project-relative name
    theme: tuple[str, str] | None = None  # (old, new) when the theme changed
    options: tuple[str, ...] = ()  # "Option --native-charts turned on"
    #: Slides of the outline that are new, gone, or now elsewhere among the others: "slide
    #: 5 (quote 'We build…')". A slide that only shifted (one was added before it) is none.
    added: tuple[str, ...] = ()
    dropped: tuple[str, ...] = ()
    moved: tuple[str, ...] = ()
    #: Cards of the outline's ``social:`` that are new, or gone, by name: their texts are
    #: not said as given or left out, nor their files as removed.
    cards_added: tuple[str, ...] = ()
    cards_dropped: tuple[str, ...] = ()
    numbers: tuple[NumberChange, ...] = ()
    #: Pictures and tables (in both builds) that show other cells now, in place of some
    #: they showed: "slide 4 chart: now shows production · Germany · production_2023
    #: (4,500,000) in place of production · South Korea · production_2023 (4,241,597)".
    shown: tuple[str, ...] = ()
    texts: tuple[TextChange, ...] = ()
    rendered: tuple[str, ...] = ()  # assets whose picture is new (its key was not there)
    removed: tuple[str, ...] = ()  # assets gone from slides that are still there, cards gone
    #: Cards made again under another file name (a name that follows its slide's title):
    #: (old id, new id), each the same card of the same slide or ``social.cards`` entry.
    renamed: tuple[tuple[str, str], ...] = ()
    reused: int = 0  # unchanged pictures taken from the cache
    #: The new build's pictures (native charts are none: they have no cache), where known.
    pictures: int | None = None
    #: Unchanged pictures drawn again all the same (``--force``, a damaged cache entry).
    redrawn: int = 0
    #: The build read no cache (``--force``): no picture was reused, so none is said to be.
    forced: bool = False
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def nothing(self) -> bool:
        return not (self.first_build or self.files or self.theme or self.options or self.added
                    or self.dropped or self.moved or self.cards_added or self.cards_dropped
                    or self.numbers or self.shown or self.texts
                    or self.rendered or self.removed or self.renamed
                    or self.notes)  # fmt: skip

    def lines(self, *, between: bool = False) -> list[str]:
        """The report as short lines of plain text: a build's against the last build, or
        (``between``, what `deckgen diff` says) between any two builds, where there is no
        "last build" and no cache: a picture is new or the same in both."""
        if self.first_build:
            return ["First build into this folder: no earlier build to compare with."]
        if self.nothing:
            if between:
                return ["The two builds are the same."]
            # --force with nothing changed: what it drew again is all there is to say (the
            # README's "Drew N unchanged pictures again.").
            return ["Nothing changed since the last build.", *(self._drawn() if self.redrawn
                                                               else [])]  # fmt: skip
        out: list[str] = []
        if self.theme:
            out.append(f"Theme: {self.theme[0]} → {self.theme[1]}")
        out.extend(self.options)
        if self.files:
            out.append("Changed files: " + ", ".join(self.files))
        for slides, what in ((self.added, "added"), (self.dropped, "removed"),
                             (self.moved, "moved")):  # fmt: skip
            if slides:
                out.append(f"{counted(len(slides), 'slide')} {what}: {shortlist(slides)}")
        for cards, what in ((self.cards_added, "added"), (self.cards_dropped, "removed")):
            if cards:
                out.append(f"{counted(len(cards), 'card')} {what}: {shortlist(cards)}")
        if self.numbers:
            out.append("Numbers that changed:")
            for change in self.numbers:
                where = shortlist(change.shown_in)
                out.append(f"  {change}" + (f"  (shown in {where})" if where else ""))
        if self.shown:
            out.append("Rows shown that changed:")
            out.extend(f"  {line}" for line in self.shown)
        if self.texts:
            out.append("Texts that changed:")
            out.extend(f"  {text}" for text in self.texts)
        if self.rendered:
            drawn = "New or changed pictures" if between else "Re-rendered"
            out.append(f"{drawn} {len(self.rendered)}: {shortlist(self.rendered)}")
        if self.renamed:
            # A card's file name alone is new: "card a.png → b.png", not removed and added.
            names = (f"{old} → {new.removeprefix('card ')}" for old, new in self.renamed)
            out.append(f"Renamed {len(self.renamed)}: {shortlist(names)}")
        if self.removed:
            out.append(f"Removed {len(self.removed)}: {shortlist(self.removed)}")
        if between:
            # Said where the builds have pictures: "0 pictures the same in both" of two
            # builds of native charts alone was true of nothing (fuzzing round 7).
            if self.reused or self.pictures != 0:
                out.append(f"{counted(self.reused, 'picture')} the same in both.")
        else:
            out.extend(self._drawn())
        out.extend(self.notes)
        return out

    def _drawn(self) -> list[str]:
        """What became of the unchanged pictures: drawn again, or taken from the cache. The
        cache is named only when it was read and the deck has pictures: "Reused 0" said of
        a --force build, or of a deck with none, or with native charts alone, was true of
        nothing (fuzzing)."""
        out = []
        if self.redrawn:
            out.append(f"Drew {counted(self.redrawn, 'unchanged picture')} again.")
        if self.reused or (self.pictures != 0
                           and not (self.redrawn or self.forced or not self.rendered)):  # fmt: skip
            out.append(f"Reused {counted(self.reused, 'unchanged picture')} from the cache.")
        return out


def shortlist(items: Iterable[str], limit: int = 8) -> str:
    """'a, b, c and 5 more': at most ``limit`` names, then how many more."""
    items = list(items)
    shown = ", ".join(items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


def show_value(value: Any) -> str:
    """A data value as people write it: 30,160,966; 143.2; 'no value' for missing."""
    # A cell emptied by `missing:` is '' in a text column, NaN in a sheet's: the report
    # read "-666666666 →  " and "4.5 → nan" (found in review).
    if value is None or (isinstance(value, str) and not value.strip()) or value != value:
        return "no value"
    if isinstance(value, bool):  # as JSON and YAML write it, not Python's 'True'
        return "true" if value else "false"
    if isinstance(value, float) and math.isfinite(value):
        text = f"{value:,.0f}" if value.is_integer() else f"{value:,.6g}"
        if "e" in text:  # '4e-05' and '1.5e+20' were printed so (fuzzing): no exponent
            text = f"{Decimal(f'{value:.6g}'):,f}"
        return text.replace("-", "\u2212")  # the true minus, as the deck writes it
    if isinstance(value, int) and not isinstance(value, bool):  # a table's integer column
        return f"{value:,}".replace("-", "\u2212")
    return str(value)


def compare(
    old: dict[str, Any] | None,
    new: dict[str, Any],
    drawn: Collection[str] = (),
    *,
    forced: bool = False,
) -> ChangeReport:
    """The change report from manifest ``old`` (``None``: first build) to ``new``;
    ``drawn``: the keys of the pictures the build of ``new`` drew rather than took from
    its cache (an unchanged one among them was drawn again, not reused); ``forced``: that
    build read no cache (``--force``).

    Things are matched by what they are, never by where they sit: a picture by its content
    key (one whose key the old build had came from the cache), a slide by its kind and
    title among the others (:func:`match_slides`), a slide's text and picture by their
    place within their slide. So a slide added or removed is reported as that alone, not
    as every later slide changed into its neighbour.
    """
    new_assets = new.get("assets", [])
    if old is None:
        return ChangeReport(first_build=True, rendered=tuple(a["id"] for a in new_assets))
    old_assets = old.get("assets", [])
    # A chart keeps its key as it turns from a picture into a native chart (or back): it
    # was said to be the same picture, reused from the cache (fuzzing). Its kind tells.
    old_kinds = {(a["key"], a.get("kind")) for a in old_assets}
    old_keys = {key for key, _ in old_kinds}
    rendered = tuple(_drawn_as(a, old_keys) for a in new_assets
                     if (a["key"], a.get("kind")) not in old_kinds)  # fmt: skip
    # Pictures alone are drawn again or reused: a native chart has no cache (it was counted
    # among the pictures reused, fuzzing).
    pictures = [a for a in new_assets if not _is_native(a)]
    kept = [a for a in pictures if (a["key"], a.get("kind")) in old_kinds]
    redrawn = sum(a["key"] in drawn for a in kept)
    slides = match_slides(old.get("order"), new.get("order"))
    # Slides are matched only when both builds recorded them; else (a manifest written
    # before) texts by their field and pictures by their id, as both name them.
    new_at = _Places(new, slides, None)
    old_at = _Places(old, slides, slides.pairs if slides else None)
    there = {new_at.asset(a) for a in new_assets}
    renamed = _renamed_cards(old_assets, new_assets, slides)
    gone = {was for was, _ in renamed}
    came_cards, left_cards = _social_cards(new_assets), _social_cards(old_assets)
    if not left_cards and not any("of" in a for a in old_assets):
        came_cards = {}  # a manifest from before cards recorded their entry: none is known
    arrived_cards = {of: name for of, name in came_cards.items() if of not in left_cards}
    dropped_cards = {of: name for of, name in left_cards.items() if of not in came_cards}
    removed = tuple(
        old_at.removed_label(a, new_at)
        for a in old_assets
        if (place := old_at.asset(a)) is not None
        and place not in there
        and a["id"] not in gone
        and a.get("of") not in dropped_cards
    )
    old_theme, new_theme = old.get("theme"), new.get("theme")
    theme = (str(old_theme), str(new_theme)) if old_theme != new_theme else None
    files = _changed_files(old, new, theme_changed=theme is not None)
    old_values, _ = _cells(old)
    new_values, shown = _cells(new)
    numbers = tuple(
        NumberChange(label, old_values[label], value, tuple(shown[label]))
        for label, value in new_values.items()
        if label in old_values and not _same_value(old_values[label], value)
    )
    shown_now = _shown_otherwise(old, new, old_at, new_at, dict(renamed))
    old_texts = {place: t for t in _texts(old)
                 if (place := old_at.text(t["field"])) is not None}  # fmt: skip
    texts: list[tuple[tuple[int, int, int], TextChange]] = []
    said: set[str] = set()  # the new build's fields whose change is said
    for t in _texts(new):
        place = new_at.text(t["field"])  # never None: the new build's places are its own
        before = old_texts.get(place) if place is not None else None
        if before is not None and before["text"] != t["text"]:
            # The same template gave other words: the data changed them; another template
            # is the outline's words edited (perhaps the data's too: its numbers say so),
            # and so is a text that is no template.
            template = t.get("template")
            edited = template is None or before.get("template") != template
            change = TextChange(t["where"], before["text"], t["text"], edited)
            texts.append((_text_rank(t["field"]), change))
            said.add(t["field"])
    if "written" in old:  # a text given or left out is an edit too, where both recorded it
        arrived = slides.added if slides is not None else ()
        texts += _words_given(old, new, old_at, new_at, set(old_texts), said, arrived,
                              (*arrived_cards, *dropped_cards))  # fmt: skip
    if slides is not None:
        texts += _names_edited(old["order"], new["order"], slides, said)
    texts.sort(key=lambda ranked: ranked[0])  # stable: a slide's texts stay in their order
    notes = []
    if old.get("versions") != new.get("versions"):
        notes.append(_updated(old.get("versions") or {}, new.get("versions") or {}))
    added: tuple[str, ...] = ()
    dropped: tuple[str, ...] = ()
    moved: tuple[str, ...] = ()
    if slides is not None:
        old_order, new_order = old["order"], new["order"]
        added = tuple(_slide_label(new_order, j) for j in slides.added)
        dropped = tuple(_slide_label(old_order, i) for i in slides.dropped)
        moved = tuple(f"{_slide_label(new_order, j)}, was {_slide_label(old_order, i, brief=True)}"
                      for i, j in slides.moved)  # fmt: skip
    return ChangeReport(
        files=files, theme=theme, options=_options(old.get("options"), new.get("options")),
        added=added, dropped=dropped, moved=moved, cards_added=tuple(arrived_cards.values()),
        cards_dropped=tuple(dropped_cards.values()), numbers=numbers, shown=shown_now,
        texts=tuple(t for _, t in texts), rendered=rendered, removed=removed,
        renamed=renamed,
        reused=len(kept) - redrawn, pictures=len(pictures), redrawn=redrawn, forced=forced,
        notes=tuple(notes),
    )  # fmt: skip


def _is_native(asset: dict[str, Any]) -> bool:
    """Whether a manifest's asset is a native chart (drawn by PowerPoint, not a picture)."""
    return str(asset.get("kind", "")).endswith(" (native)")


def _drawn_as(asset: dict[str, Any], old_keys: set[str]) -> str:
    """A new or changed asset's name; one whose content the last build had, drawn the
    other way, says which: "slide 1 chart (now a native chart)"."""
    if asset["key"] not in old_keys:
        return str(asset["id"])
    return f"{asset['id']} (now {'a native chart' if _is_native(asset) else 'a picture'})"


def _shown_otherwise(
    old: dict[str, Any],
    new: dict[str, Any],
    old_at: _Places,
    new_at: _Places,
    renamed: dict[str, str],
) -> tuple[str, ...]:
    """What each picture and table of both builds shows now in place of what it showed:
    the cells it reads now and did not, and those it read and does not. No value the last
    build showed changes when a row grows into a chart's top five or a category is renamed
    in the data, so "Numbers that changed" had nothing to say of the chart drawn again
    (found by fuzzing). Pictures alike in what changed are said in one line."""
    before = _showings(old, old_at, renamed)
    lines: dict[str, list[str]] = {}
    for place, (name, reads) in _showings(new, new_at, {}).items():
        if place not in before:
            continue  # new in this build: "Re-rendered" says it
        was = {cell_key(c): c for c in before[place][1]}
        now = {cell_key(c): c for c in reads}
        came = [c for k, c in now.items() if k not in was]
        went = [c for k, c in was.items() if k not in now]
        if not (came or went):
            continue
        if came and went:
            said = f"now shows {_cells_said(came)} in place of {_cells_said(went)}"
        elif came:
            said = f"now also shows {_cells_said(came)}"
        else:
            said = f"no longer shows {_cells_said(went)}"
        lines.setdefault(said, []).append(name)
    return tuple(f"{shortlist(names)}: {said}" for said, names in lines.items())


def _showings(
    document: dict[str, Any], at: _Places, renamed: dict[str, str]
) -> dict[tuple[Any, ...], tuple[str, list[Any]]]:
    """Each picture's and table's place (as :class:`_Places` knows it; a card renamed by
    its new name) -> its name and the cells it reads."""
    out: dict[tuple[Any, ...], tuple[str, list[Any]]] = {}
    things = list(document.get("assets", []))
    for table in document.get("tables", []):
        number = re.fullmatch(r"slide (\d+) table", str(table.get("where")))
        placed = {"part": "table", "placed": {"slide": int(number[1])}} if number else {}
        things.append({"id": table.get("where"), "reads": table.get("reads", []), **placed})
    for thing in things:
        place = at.asset(thing)
        if place is not None and place[0] == "id" and place[1] in renamed:
            place = ("id", renamed[place[1]])
        if place is not None:
            out.setdefault(place, (str(thing["id"]), list(thing.get("reads") or [])))
    return out


def cell_key(cell: Any) -> str:
    """A cell's (source, row, column) as one string, the same for a manifest read back
    (lists, JSON's values) and one just made (tuples)."""
    return _CELL_KEY.encode(list(cell[:3]))


#: json.dumps(..., ensure_ascii=False, default=str) makes an encoder each call: a change
#: report keys ~300 cells, a warm rebuild's last step before it returns.
_CELL_KEY = json.JSONEncoder(ensure_ascii=False, default=str)


def _cells_said(cells: list[Any], limit: int = 5) -> str:
    """Cells as the report names them: "production · Germany · production_2023
    (4,500,000)"."""
    said = [f"{source} · {row} · {column} ({show_value(value)})"
            for source, row, column, value in cells]  # fmt: skip
    return shortlist(said, limit)


def _words_given(
    old: dict[str, Any],
    new: dict[str, Any],
    old_at: _Places,
    new_at: _Places,
    before: set[tuple[Any, ...] | None],
    said: set[str],
    arrived: tuple[int, ...],
    cards: tuple[str, ...] = (),
) -> list[tuple[tuple[int, int, int], TextChange]]:
    """The outline's words (no template) given where the last build had none, or left out
    where it had some: "slide 2 subtitle added: 'Vehicles, 2023'". Of slides and
    cards in both builds only (``arrived``: the new build's slides added; ``cards``: the
    ``social.cards[k]`` entries added or removed; each said as that)."""

    def of_card(field: str) -> bool:  # a card's title given, of a card that is new
        return any(field == c or field.startswith((f"{c}.", f"{c}[")) for c in cards)

    out = []
    now = {new_at.text(t["field"]) for t in _texts(new)}
    for w in new.get("written", []):
        place = new_at.text(w["field"])
        if place in before or w["field"] in said or (place and place[0] == "slide"
                                                      and place[1] in arrived):  # fmt: skip
            continue
        if of_card(w["field"]):
            continue
        out.append((_text_rank(w["field"]), TextChange(w["where"], "", w["text"], edited=True)))
    for w in old.get("written", []):
        place = old_at.text(w["field"])
        if place is None or place in now or of_card(str(w["field"])):
            continue
        where, field = str(w["where"]), str(w["field"])
        if place[0] == "slide":  # named by the slide's number and place in the new build
            numbers = new_at.order[place[1]].get("numbers") or []
            where = re.sub(r"\Aslide \d+", f"slide {numbers[0]}", where) if numbers else where
            field = f"slides[{place[1]}]{place[2]}"
        out.append((_text_rank(field), TextChange(where, w["text"], "", edited=True)))
    return out


def _texts(document: dict[str, Any]) -> list[dict[str, Any]]:
    """A manifest's texts: the templates' (``texts``), then the outline's words that are no
    template (``written``, as a text without one)."""
    written = [{**w, "template": None} for w in document.get("written", [])]
    return [*document.get("texts", []), *written]


def _text_rank(field: str) -> tuple[int, int, int]:
    """Where a text of the new build is reported among the others: as the outline has
    them (``deck``, ``vars``, then the slides in order, then ``social``); a slide's
    title edited (:func:`_names_edited`) before its other texts."""
    at = _SLIDE_FIELD.match(field)
    if at is not None:
        return (1, int(at[1]), 0 if field.endswith("].title") else 1)
    return (2, 0, 1) if field.startswith("social") else (0, 0, 1)


def _names_edited(
    old: list[dict[str, Any]], new: list[dict[str, Any]], slides: SlideMatch, said: set[str]
) -> list[tuple[tuple[int, int, int], TextChange]]:
    """The slides whose title (or the text or file a slide is known by) was edited in the
    outline, where no template's text says it (a title without a template is in no
    ``texts`` entry): "slide 5 title edited: 'old' → 'new'"."""
    out = []
    for i, j in sorted(slides.pairs.items(), key=lambda pair: pair[1]):
        was, now = old[i], new[j]
        if was.get("title") == now.get("title"):
            continue
        # The field a slide is known by (its title, else its text or file); of a build
        # before it was recorded, the new build's: the two are of one kind.
        fields = (was.get("field", now.get("field")), now.get("field"))
        # One that has a title now or had one (known by its file otherwise) is retitled.
        field = fields[1] if fields[0] == fields[1] and fields[1] else "title"
        before, after = ("" if f != field else str(d.get("shows") or "")
                         for f, d in zip(fields, (was, now), strict=True))  # fmt: skip
        name = f"slides[{j}].{field}"  # as the texts name it (outline.load.format_path)
        if before != after and name not in said:
            where = describe_path(("slides", j, field), None)
            out.append(((1, j, 0), TextChange(where, before, after, edited=True)))
    return out


def _renamed_cards(
    old: list[dict[str, Any]], new: list[dict[str, Any]], slides: SlideMatch | None
) -> tuple[tuple[str, str], ...]:
    """The cards made again under another file name: an old card no new one is named as,
    and a new card no old one was, made from the same slide (matched as slides are) or the
    same ``social.cards`` entry, of the same kind and preset. A card without a name takes
    its slide's title for one, so editing the title renames it."""
    old_ids, new_ids = {a["id"] for a in old}, {a["id"] for a in new}
    arrived: dict[tuple[str, Any, str], str] = {}
    for asset in new:
        made = _made_of(asset, None)
        if asset["id"] not in old_ids and made is not None:
            arrived.setdefault(made, asset["id"])
    out = []
    for asset in old:
        if asset["id"] in new_ids or slides is None:
            continue
        made = _made_of(asset, slides.pairs)
        now = arrived.pop(made, None) if made is not None else None
        if now is not None:
            out.append((str(asset["id"]), now))
    return tuple(out)


def _social_cards(assets: list[dict[str, Any]]) -> dict[str, str]:
    """The ``social.cards[k]`` entries a build made cards of, each with the card's name
    (its file's, without the preset): new cards were said as their texts given, each
    "card card-5 title edited: '' → '...'" (fuzzing round 8, 16)."""
    out: dict[str, str] = {}
    for asset in assets:
        made, preset = asset.get("of"), (asset.get("placed") or {}).get("preset")
        if isinstance(made, str) and made.startswith("social.cards[") and made not in out:
            name = str(asset["id"]).removeprefix("card ")
            out[made] = re.sub(rf"-{re.escape(str(preset))}\.\w+\Z", "", name) if preset else name
    return out


def _made_of(asset: dict[str, Any], pairs: dict[int, int] | None) -> tuple[str, Any, str] | None:
    """A card as two builds know it: what it is made of (a slide by its place in the new
    build's order: through ``pairs`` for the old build's), its preset and its kind;
    ``None`` for a picture on a slide, a card of a manifest before cards recorded it, or
    one of a slide the new build has not."""
    made = asset.get("of")
    if not isinstance(made, str):
        return None
    at = _SLIDE_FIELD.match(made)
    if at is not None and not at[2] and pairs is not None:
        place = pairs.get(int(at[1]))
        if place is None:
            return None
        made = f"slides[{place}]"
    return (made, (asset.get("placed") or {}).get("preset"), str(asset["kind"]))


@dataclass(frozen=True)
class SlideMatch:
    """How the outline's slides of two builds correspond (by their places in ``order``)."""

    pairs: dict[int, int]  # old place -> new place: the same slide (perhaps edited)
    added: tuple[int, ...]  # new places with no old slide
    dropped: tuple[int, ...]  # old places with no new slide
    moved: tuple[tuple[int, int], ...]  # (old, new): the slide now elsewhere among the others


def _signature(slide: dict[str, Any]) -> tuple[str, ...]:
    return (str(slide.get("kind")), str(slide.get("title") or ""))


def _signatures(
    old: list[dict[str, Any]], new: list[dict[str, Any]]
) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
    """Each slide's signature in ``old`` and ``new``: its kind and title; and, where two
    slides of either build share those (two charts titled alike), what it holds as written
    (``content``), so that two such slides swapped are told apart, not taken for each
    other in each other's place. A slide's other fields are left out where its title is
    its own: edited, it is still the slide in its place."""
    a, b = [_signature(s) for s in old], [_signature(s) for s in new]
    if not all(isinstance(s.get("content"), str) for s in (*old, *new)):
        return a, b  # a build before slides' contents were recorded
    twice = {sig for sigs in (a, b) for sig, n in Counter(sigs).items() if n > 1}
    a = [(*sig, s["content"]) if sig in twice else sig for sig, s in zip(a, old, strict=True)]
    b = [(*sig, s["content"]) if sig in twice else sig for sig, s in zip(b, new, strict=True)]
    return a, b


def match_slides(old: Any, new: Any) -> SlideMatch | None:
    """Which slide of ``old`` is which of ``new`` (two manifests' ``order``); ``None`` when
    either manifest was written before slides were recorded.

    A slide is known by its kind and its title as written (a template, not the text it made
    this time, which a number changes), and where two share those, by what it holds
    (:func:`_signatures`). The longest run of slides alike in both, in order,
    are the same slides; of the rest, one known in both is moved, and one in the place of
    another of its kind (between the same neighbours) is that slide, edited. The others
    were added or removed.
    """
    if not isinstance(old, list) or not isinstance(new, list):
        return None
    import difflib

    a, b = _signatures(old, new)
    pairs: dict[int, int] = {}
    gaps: list[tuple[list[int], list[int]]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            pairs.update(zip(range(i1, i2), range(j1, j2), strict=True))
        else:
            gaps.append((list(range(i1, i2)), list(range(j1, j2))))
    arrived = [j for _, news in gaps for j in news]
    moved: list[tuple[int, int]] = []
    for i in (i for olds, _ in gaps for i in olds):
        j = next((j for j in arrived if b[j] == a[i]), None)
        if j is not None:
            arrived.remove(j)
            moved.append((i, j))
    pairs.update(moved)
    # A slide retitled is known by the rest of what it holds (its chart, of the same data),
    # where that is its own in both builds: moved and retitled, it was removed and added.
    bodies = [s.get("body") for s in old], [s.get("body") for s in new]
    once = set.intersection(*({body for body, n in Counter(bs).items() if n == 1 and body}
                              for bs in bodies))  # fmt: skip
    gap = {k: n for n, (olds, news) in enumerate(gaps) for k in (*olds, *(~j for j in news))}
    for i in (i for olds, _ in gaps for i in olds if i not in pairs and bodies[0][i] in once):
        j = next(j for j in range(len(new)) if bodies[1][j] == bodies[0][i])
        if j in arrived:
            arrived.remove(j)
            pairs[i] = j
            if gap[i] != gap[~j]:  # in its own place, it is that slide edited
                moved.append((i, j))
    taken = set(pairs.values())
    for olds, news in gaps:
        start = 0  # in order: the first unclaimed new slide of the same kind
        for i in (i for i in olds if i not in pairs):
            spare = [k for k in range(start, len(news))
                     if news[k] not in taken and b[news[k]][0] == a[i][0]]  # fmt: skip
            if spare:
                pairs[i] = news[spare[0]]
                taken.add(news[spare[0]])
                start = spare[0] + 1
    return SlideMatch(
        pairs=pairs,
        added=tuple(j for j in range(len(b)) if j not in taken),
        dropped=tuple(i for i in range(len(a)) if i not in pairs),
        moved=tuple(moved),
    )


def _slide_label(order: list[dict[str, Any]], place: int, *, brief: bool = False) -> str:
    """A slide as the report names it: "slide 5 (quote 'We build…')"."""
    slide = order[place]
    numbers = slide.get("numbers") or []
    name = f"slide {numbers[0]}" if numbers else f"slides[{place}]"
    if brief:
        return name
    shows = " ".join(str(slide.get("shows") or "").split())
    shows = shows if len(shows) <= 50 else shows[:50].rstrip() + "…"
    return f"{name} ({slide.get('kind')}" + (f" {shows!r})" if shows else ")")


class _Places:
    """Where each text and asset of one manifest is, in terms two builds share: a slide's
    by the slide (its place in the *new* build's ``order``, through the match's ``pairs``
    for the old build) and its path or picture within it; the rest by their field and id
    (all by field and id when ``slides`` is ``None``: a build that recorded no slides)."""

    def __init__(
        self, document: dict[str, Any], slides: SlideMatch | None, pairs: dict[int, int] | None
    ) -> None:
        self.recorded = slides is not None
        self.pairs = pairs  # ``None``: this is the new build, its places are the ones
        self.order: list[dict[str, Any]] = (document.get("order") or []) if slides else []
        #: deck slide number -> (place in order, page among that slide's pages)
        self.pages = {n: (k, p) for k, s in enumerate(self.order)
                      for p, n in enumerate(s.get("numbers") or [])}  # fmt: skip
        self._fields: dict[str, tuple[Any, ...] | None] = {}  # each field asked ~twice

    def _slide(self, place: int) -> int | None:
        """A slide's place in the new build's order (``None``: not in the new build)."""
        return place if self.pairs is None else self.pairs.get(place)

    def text(self, name: str) -> tuple[Any, ...] | None:
        if name in self._fields:
            return self._fields[name]
        at = _SLIDE_FIELD.match(name)
        if at is None or not self.recorded:
            place: tuple[Any, ...] | None = ("field", name)
        else:
            slide = self._slide(int(at[1]))
            place = None if slide is None else ("slide", slide, at[2])
        self._fields[name] = place
        return place

    def asset(self, asset: dict[str, Any]) -> tuple[Any, ...] | None:
        number = (asset.get("placed") or {}).get("slide")
        part = asset.get("part")
        if not isinstance(part, str) or number not in self.pages:
            return ("id", asset["id"])
        place, page = self.pages[number]
        slide = self._slide(place)
        return None if slide is None else ("slide", slide, page, part)

    def removed_label(self, asset: dict[str, Any], new: _Places) -> str:
        """An old asset gone from a slide still there, named by the slide's new number."""
        place = self.asset(asset)
        if place is not None and place[0] == "slide" and place[1] < len(new.order):
            numbers = new.order[place[1]].get("numbers") or []
            if place[2] < len(numbers):
                return f"slide {numbers[place[2]]} {place[3]}"
        return str(asset["id"])


#: A slide's field: its place and the path within it ("slides[4].items[0].value").
_SLIDE_FIELD = re.compile(r"slides\[(\d+)\](.*)\Z", re.DOTALL)


def _changed_files(
    old: dict[str, Any], new: dict[str, Any], *, theme_changed: bool
) -> tuple[str, ...]:
    """The inputs that changed: project files by their project-relative name; files that
    came with deckgen or a package (a shipped theme, a font) by what they are, once each,
    and not at all when the theme's change says it (their paths are an installation's)."""
    before = _inputs(old)
    changed: list[str] = []
    # A name that leads to another file now (a link re-pointed) is said as that: the file
    # it leads to is no new input of its own.
    was, now = old.get("lookups") or {}, new.get("lookups") or {}
    relinked = {
        name: (was[name], target)
        for name, target in now.items()
        if was.get(name) is not None and target is not None and was[name] != target
    }
    for name, (was_at, now_at) in relinked.items():
        changed.append(f"{name} (now {now_at}, was {was_at})")
    for name, (digest, label) in _inputs(new).items():
        if before.get(name, (None, None))[0] == digest or (label and theme_changed):
            continue
        if name not in before and any(name == at for _, at in relinked.values()):
            continue
        # A file the last build did not read (a data source just added) is not changed:
        # it is said to be new to the build (watch listed it as changed; review).
        shown = (label or name) if name in before or label else f"{name} (not read before)"
        if shown not in changed:
            changed.append(shown)
    return tuple(changed)


def _inputs(document: dict[str, Any]) -> dict[str, tuple[str | None, str | None]]:
    """Input -> (digest, label): a project file by its name, a shipped one by its label and
    file name (so one installed elsewhere, with the same content, is the same input)."""
    shipped = document.get("shipped") or {}
    out = {}
    for name, digest in (document.get("inputs") or {}).items():
        label = shipped.get(name)
        out[f"{label}: {Path(name).name}" if label else name] = (digest, label)
    return out


def _options(old: Any, new: Any) -> tuple[str, ...]:
    """The build options that changed, as the command line says them."""
    old, new = old or {}, new or {}
    out = []
    for key in [*new, *(k for k in old if k not in new)]:
        before, after = old.get(key), new.get(key)
        if before == after:
            continue
        flag = "--" + key.replace("_", "-")
        if isinstance(before, bool | None) and isinstance(after, bool | None):
            out.append(f"Option {flag} turned {'on' if after else 'off'}")
        elif before is None:
            out.append(f"Option {flag} {after} given")
        elif after is None:
            out.append(f"Option {flag} {before} no longer given")
        else:
            out.append(f"Option {flag}: {before} → {after}")
    return tuple(out)


def _updated(old: dict[str, Any], new: dict[str, Any]) -> str:
    """Which of deckgen and the rendering libraries changed version."""
    changes = [
        f"{name} {old.get(name, 'none')} → {new.get(name, 'none')}"
        for name in sorted(set(old) | set(new))
        if old.get(name) != new.get(name)
    ]
    return "Updated: " + ", ".join(changes) + " (pictures may differ in their pixels)"


def _same_value(old: Any, new: Any) -> bool:
    """Whether a cell reads the same in both builds: a table records a column of text (one
    with a '..' in it) as the file writes it, a chart as a number, so a table added over
    a charted column made every cell a "change" ('4.6 → 4.6', '3 → 3.0'; found by review)."""
    if old == new:
        return True
    numbers = [_number(v) for v in (old, new)]
    return None not in numbers and numbers[0] == numbers[1]


def _number(value: Any) -> float | None:
    """``value`` as a number where it is one, or text that is one ('4.6', '3.0'), read as a
    chart reads a cell (:func:`~deckgen.tables.select.to_number`)."""
    from deckgen.tables.select import to_number

    try:
        return to_number(value)
    except ValueError:
        return None


def _cells(manifest: dict[str, Any]) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """Every data cell shown: label -> value, and label -> where it is shown."""
    values: dict[str, Any] = {}
    numbers: set[str] = set()  # the labels whose value is a number: kept
    shown: dict[str, list[str]] = {}
    things = [(a["id"], a.get("reads", [])) for a in manifest.get("assets", [])]
    things += [(t["where"], t.get("reads", [])) for t in manifest.get("texts", [])]
    things += [(t["where"], t.get("reads", [])) for t in manifest.get("tables", [])]
    for where, reads in things:
        for source, row, column, value in reads:
            label = f"{source} · {row} · {column}"
            # Read as a number by one output and as text by another: the number is said.
            if label not in numbers:
                values[label] = value
                if _number(value) is not None:
                    numbers.add(label)
            places = shown.setdefault(label, [])
            if where not in places:
                places.append(where)
    return values, shown


# --------------------------------------------------------------------------- writing
def chart_reads(source: str, spec: Any, data: Any) -> list[Cell]:
    """The data cells a chart shows, as (source, row, column, value) in data units (small
    multiples: each panel's, its rows named after the panel first)."""
    if getattr(data, "facets", ()):
        return [(src, f"{name} · {row}", column, value) for name, panel in data.facets
                for src, row, column, value in chart_reads(source, spec, panel)]  # fmt: skip
    columns = spec.y_columns
    scale = spec.scale or 1.0
    cells: list[Cell] = []
    if getattr(spec, "series", None) is not None:  # long data: a row per x and series
        for series in data.series:
            for category, value in zip(data.categories, series.values, strict=True):
                x, name = (series.name, category) if spec.transpose else (category, series.name)
                cells.append((source, f"{x} · {name}", columns[0], _unscale(value, scale)))
    elif spec.transpose:  # categories are the y columns, series the rows
        for series in data.series:
            for column, value in zip(columns, series.values, strict=True):
                cells.append((source, series.name, column, _unscale(value, scale)))
    else:
        for column, series in zip(columns, data.series, strict=True):
            for row, value in zip(data.categories, series.values, strict=True):
                cells.append((source, row, column, _unscale(value, scale)))
    return cells


def _unscale(value: float | None, scale: float) -> float | None:
    return None if value is None else float(f"{value / scale:.12g}")


def describe_path(path: tuple[str | int, ...], outline: Any) -> str:
    """An outline field in words: ("slides", 3, "items", 0, "value") -> "slide 4 item 1 value"."""
    words: list[str] = []
    parts = list(path)
    if parts[:1] == ["slides"] and len(parts) > 1:
        words.append(f"slide {int(parts[1]) + 1}")
        parts = parts[2:]
    elif parts[:2] == ["social", "cards"] and len(parts) > 2:
        card = outline.social.cards[int(parts[2])]
        words.append(f"card {card.name or int(parts[2]) + 1}")
        parts = parts[3:]
    for i, part in enumerate(parts):
        if isinstance(part, int):
            words.append(str(part + 1))
            continue
        # The field as the outline writes it: 'x_format', never 'x format' (fuzzing).
        word = str(part)
        # "items", 0 -> "item 1"
        if i + 1 < len(parts) and isinstance(parts[i + 1], int) and word.endswith("s"):
            word = word[:-1]
        words.append(word)
    return " ".join(words)


@dataclass(frozen=True)
class Draft:
    """What a build's manifest says before its cards are drawn: all of it but the cards,
    the files written and the warnings (see :func:`draft`)."""

    document: dict[str, Any]
    #: The slides' pictures, each but what it shows: its picture's alt text, known once it
    #: is drawn (see :func:`complete`). So the draft is made while they are drawn.
    assets: list[dict[str, Any]]
    jobs: list[Any]  # each asset's RenderJob
    bound: Any
    root: Path


def draft(
    *,
    outline_path: Path,
    bound: Any,
    plan: Any,
    inputs: Iterable[Path],
    options: dict[str, Any],
    theme: str,
    root: Path,
    looked_up: Iterable[Path] = (),
) -> Draft:
    """The part of a build's manifest (see the module docstring) the outline and plan
    decide, made while the pictures are still being drawn: after the last, the build has
    only its files to write (:func:`complete`). ``bound`` is the BoundOutline, ``plan`` the
    BuildPlan; ``looked_up`` the paths files were looked up by (see :func:`lookups`; an
    input that is reached through a link is one too)."""
    from deckgen.render.charts import ChartJob

    inputs, looked_up = list(inputs), list(looked_up)
    outline = bound.loaded.outline
    assets: list[dict[str, Any]] = []
    jobs: list[Any] = []
    for slide in plan.slides:
        for k, placed in enumerate(slide.pictures):
            job = placed.job
            # The slide's place in the outline (a continued table adds slides to the deck).
            prefix: tuple[str | int, ...] = ("slides", slide.index)
            if isinstance(job, ChartJob):
                kind, part = "chart", "chart"
                reads = chart_reads(job.spec.data, job.spec, job.data)
            else:
                kind, part = "stat", f"stat {k + 1}"
                reads = [_cell(r) for r in bound.reads_of((*prefix, "items", k))]
            box = [round(v.inches, 3) for v in (placed.box.left, placed.box.top,
                                                placed.box.width, placed.box.height)]  # fmt: skip
            native = getattr(placed, "native", False)  # drawn by PowerPoint, not rendered
            # ``part``: the picture within its slide, what two builds' reports match it by
            # (with the slide, see compare), as the slide's number shifts.
            assets.append({
                "id": f"slide {slide.number} {part}",
                "kind": f"{kind} (native)" if native else kind,
                "key": job.key(), "shows": None,  # its alt text, once drawn: see complete()
                "reads": reads, "part": part,
                "placed": {"slide": slide.number, "box_in": box},
            })  # fmt: skip
            jobs.append(job)
    # Cells a slide shows as the data has them (a table), neither drawn nor templated.
    tables = [
        {"where": f"slide {s.number} table", "reads": [list(c) for c in s.layout.data_cells]}
        for s in plan.slides
        if s.layout is not None and s.layout.data_cells
    ]
    texts = [
        {
            "field": _field(b.path),
            "where": describe_path(b.path, outline),
            "template": b.template,
            "text": b.text,
            "reads": [_cell(r) for r in b.reads],
        }
        for b in bound.bindings
    ]

    def looked(_: list[Path]) -> dict[str, Any]:
        return lookups([*looked_up, *(p for p in inputs if linked(p))], root)

    document = {
        "manifest": FORMAT,
        "outline": display_path(outline_path, root),
        "theme": theme,
        "slides": len(plan.slides),
        "order": _order(outline, plan, bound),
        "pictures": len({p.job.key() for s in plan.slides for p in s.pictures}),
        "options": options,
        "versions": versions(),
        "inputs": _remembered("inputs", inputs, root, lambda ps: digests(ps, root)),
        "shipped": _remembered("shipped", inputs, root, lambda ps: shipped(ps, root)),
        "lookups": _remembered("lookups", [*looked_up, *inputs], root, looked),
        "texts": texts,
        "written": written_texts(bound),
        "tables": tables,
    }
    return Draft(document, assets, jobs, bound, root)


def complete(
    begun: Draft,
    *,
    pictures: Mapping[str, Any],
    cards: list[tuple[Any, Any]],
    outputs: Iterable[Path],
    warnings: Iterable[str] = (),
) -> dict[str, Any]:
    """The manifest of :func:`draft` with what the slides' ``pictures`` (Assets by key)
    show, the cards (pairs of PlannedCard, CardResult), the files written and
    ``warnings``: what the output written still has to be warned of (a build that finds
    it up to date says them again)."""
    bound, root, d = begun.bound, begun.root, begun.document
    outline = bound.loaded.outline
    assets = []
    for asset, job in zip(begun.assets, begun.jobs, strict=True):
        drawn = pictures.get(job.key())  # a native chart or callout has no picture
        assets.append({**asset, "shows": drawn.alt if drawn else job.alt()})
    for planned, result in cards:
        reads = [_cell(r) for path in _card_fields(planned, outline)
                 for r in bound.reads_of(path)]  # fmt: skip
        for chart in card_charts(planned.job):
            reads += chart_reads(chart.spec.data, chart.spec, chart.data)
        # ``of``: the slide or ``social.cards`` entry the card is made from, what two
        # builds' reports match it by when its file name follows its title (see compare).
        assets.append({
            "id": f"card {result.path.name}", "kind": f"card/{planned.kind}", "key": result.key,
            "shows": result.alt, "reads": reads, "of": _field(tuple(planned.key)),
            "placed": {"file": display_path(result.path, root), "preset": planned.preset.name,
                       "size": list(result.size)},
        })  # fmt: skip
    # In the order manifests have always been written in.
    return {
        **{k: d[k] for k in ("manifest", "outline", "theme", "slides", "order", "pictures")},
        "cards": len(cards),
        **{k: d[k] for k in ("options", "versions", "inputs", "shipped")},
        "outputs": digests(outputs, root),
        "lookups": d["lookups"],
        "assets": assets,
        **{k: d[k] for k in ("texts", "written", "tables")},
        "warnings": list(warnings),
    }


def written_texts(bound: Any) -> list[dict[str, Any]]:
    """The outline's words that are no template, where a template could be (the fields that
    say things, not those that name a source, a column, a preset: see
    :data:`deckgen.binding.bind.STRUCTURAL`): the deck's, each slide's and each card's. An
    edit of one (a subtitle, a source line, the deck's date) changes the deck and cards,
    and the change report says it as it says a title edited (found by fuzzing)."""
    from pydantic import BaseModel

    from deckgen.binding.bind import STRUCTURAL
    from deckgen.outline.formats import NumberFormat

    outline = bound.loaded.outline
    templated = {b.path for b in bound.bindings}
    out: list[dict[str, Any]] = []

    def walk(node: Any, path: tuple[str | int, ...]) -> None:
        if isinstance(node, NumberFormat):
            # One field, in its shorthand: not its parts ('x format suffix', 'x format
            # sign'), which the outline never wrote and whose defaults it never gave
            # (found by fuzzing).
            out.append({"field": _field(path), "where": describe_path(path, outline),
                        "text": str(node)})  # fmt: skip
        elif isinstance(node, BaseModel):
            # The fields the outline gives (a default is no one's words); a number format
            # too, though no template writes it: 'format' was not said where 'x_format'
            # was (fuzzing).
            for name in type(node).model_fields:
                value = getattr(node, name)
                if name in node.model_fields_set and (
                    name not in STRUCTURAL or isinstance(value, NumberFormat)
                ):
                    walk(value, (*path, name))
        elif isinstance(node, list):
            for i, item in enumerate(node):
                walk(item, (*path, i))
        elif isinstance(node, dict):  # keys are names (columns...); the values are text
            for key, value in node.items():
                walk(value, (*path, key))
        elif isinstance(node, str) and node and path not in templated:
            where = describe_path(path, outline)
            out.append({"field": _field(path), "where": where, "text": node})

    for part in ("deck", "slides", "social"):
        walk(getattr(outline, part, None), (part,))
    return out


def _cell(read: Any) -> Cell:
    return (read.source, read.row, read.column, read.value)


def _field(path: tuple[str | int, ...]) -> str:
    from deckgen.outline.load import format_path

    return format_path(path)


def _order(outline: Any, plan: Any, bound: Any) -> list[dict[str, Any]]:
    """The outline's slides in order, each as two builds' reports know it (see
    :func:`match_slides`): its kind, its title as written (the template, if it is one),
    what it shows as its title, and its numbers in the deck (a continued table has several).
    """
    templates = {b.path: b.template for b in bound.bindings}
    written: dict[int, dict[tuple[str | int, ...], str]] = {}
    for path, template in templates.items():
        if path[:1] == ("slides",) and len(path) > 2:
            written.setdefault(int(path[1]), {})[path[2:]] = template
    numbers: dict[int, list[int]] = {}
    for planned in plan.slides:
        numbers.setdefault(planned.index, []).append(planned.number)
    order = []
    for i, slide in enumerate(outline.slides):
        # A slide without a title is known by its text (a quote, a statement) or its file.
        name = next((n for n in ("title", "text", "file")
                     if isinstance(getattr(slide, n, None), str)), None)  # fmt: skip
        shows = getattr(slide, name) if name else None
        title = templates.get(("slides", i, name), shows) if name else None
        # What it holds but the field it is known by, to know it by retitled: none of a
        # slide that holds nothing else (a section's title), which any other would match.
        holds = bool(slide.model_fields_set - {"kind", name})
        content, body = _content(slide, written.get(i, {}), name, rest=holds)
        order.append({"kind": slide.kind, "title": title, "shows": shows, "field": name,
                      "content": content, "body": body,
                      "numbers": numbers.get(i, [])})  # fmt: skip
    return order


#: The encoder of :func:`_content`'s digests (json.dumps with these makes one each call).
_CONTENT = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _content(
    slide: Any, templates: dict[tuple[str | int, ...], str], without: str | None,
    *, rest: bool,
) -> tuple[str, str | None]:  # fmt: skip
    """A digest of ``slide`` as written in the outline (its templates, not the texts they
    made, which a number changes): tells apart two slides of one kind and title; and, with
    ``rest``, the digest of it without ``without`` (the field it is known by), else
    ``None``. One dump for both."""
    import hashlib

    def digest(value: Any) -> str:
        text = _CONTENT.encode(value)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]

    written = slide.model_dump(mode="json", by_alias=True)
    for path, template in templates.items():
        *into, last = path
        place: Any = written
        for step in into:
            place = place[step] if _holds(place, step) else None
        if _holds(place, last):
            place[last] = template
    whole = digest(written)
    if not rest:
        return whole, None
    if without is not None:
        written.pop(without, None)
    return whole, digest(written)


def _holds(container: Any, step: str | int) -> bool:
    """Whether ``container[step]`` is there: a key of a mapping, an index of a list."""
    if isinstance(container, dict):
        return step in container
    return isinstance(container, list) and isinstance(step, int) and 0 <= step < len(container)


def _card_fields(planned: Any, outline: Any) -> list[tuple[str | int, ...]]:
    """The outline paths of what a card shows. A card of ``social.cards`` is all its own;
    a slide's card shows part of the slide: its title and, of a stats slide, the one item
    it carries (the slide's other items, its notes, are not on the card)."""
    key = tuple(planned.key)
    if key[:1] != ("slides",) or len(key) != 2:
        return [key]
    card, mapped = outline.slides[int(key[1])].as_card(int(key[1]))
    shown = [name for name in type(card).model_fields if name not in ("kind", "presets")
             and getattr(card, name) not in (None, "", [])]  # fmt: skip
    return [mapped.get(name, (*key, name)) for name in shown]


def card_charts(job: Any) -> list[Any]:
    """The chart jobs drawn on a card (a chart card has one, an infographic several)."""
    placed = [getattr(job, "chart", None), *getattr(job, "charts", ())]
    return [p.job for p in placed if p is not None]


def write(path: Path, manifest: dict[str, Any]) -> None:
    from deckgen.io import atomic_write_bytes

    atomic_write_bytes(path, dumps(manifest).encode("utf-8"), state=True)


def dumps(document: dict[str, Any]) -> str:
    """``document`` as JSON with one entry per line, and one line per item of a list (an
    asset, a text): it reads and diffs by entry. Each line is written by json's C encoder;
    ``indent=`` would write it all in Python, a third of a warm rebuild's finishing."""
    one = json.JSONEncoder(ensure_ascii=False).encode  # one encoder, not one a line
    lines = []
    for key, value in document.items():
        if isinstance(value, list) and value:
            items = ",\n  ".join(map(one, value))
            lines.append(f" {one(key)}: [\n  {items}\n ]")
        else:
            lines.append(f" {one(key)}: {one(value)}")
    return "{\n" + ",\n".join(lines) + "\n}\n"
