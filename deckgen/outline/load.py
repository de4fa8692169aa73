"""Read an outline file into a validated outline model (``deckgen.kinds.Outline``).

YAML is read with the safe loader (an outline is data, never code), composed once so the
line of every key is remembered, and each validation problem can be reported as
``file:line: slides[4].chart.y: expected ..., found ...``. All problems are collected and
raised together as one :class:`~deckgen.errors.OutlineError`.

YAML is bounded before anything walks it (:func:`compose_bounded`): an alias is one node
in the composed graph but a whole copy for everything after (the line index, validation),
so ten nested aliases of ten ("billion laughs", 600 bytes) would be 10**9 nodes. The
graph's size with every alias expanded is counted in one pass that visits each node once,
and refused past :data:`MAX_NODES`; so is nesting deeper than :data:`MAX_DEPTH` and an
alias inside its own anchor (a recursive structure no outline can mean). Before that, the
parser's events are counted against :data:`MAX_NODES` as they stream by: composing costs
about 150 bytes and 2.5 microseconds a value, so two million one-character values (4 MB)
would take 600 MB and 7 s before the count after composing refused them.

The outline file itself is read as :func:`deckgen.io.read_bounded` reads: a regular file
only (a link to ``/dev/zero`` or a FIFO is refused at once, never read) of at most
:data:`MAX_OUTLINE_BYTES`.
"""

from __future__ import annotations

import functools
import re
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

import yaml
from pydantic import BaseModel, Discriminator, Tag, ValidationError

from deckgen.errors import (
    DeckgenError,
    Location,
    OutlineError,
    Problem,
    brief,
    counted,
    did_you_mean,
    joined,
    one_of,
)
from deckgen.io import (
    FileTooLarge,
    NotRegularFile,
    nearest_file,
    not_utf8,
    read_bounded,
    utf16_problem,
)
from deckgen.outline.schema import OutlineBase, Selection, build_models

PathKey = tuple[str | int, ...]
O = TypeVar("O", bound=OutlineBase)  # noqa: E741 - the outline model type

_SAFE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_SAFE):  # type: ignore[misc,valid-type]
    """The safe loader (in C where libyaml is there: several times faster, same results),
    reading plain words and numbers as a person writing an outline means them.

    YAML 1.1, which PyYAML follows, reads ``NO`` (Norway), ``Yes``, ``on`` and ``off`` as
    booleans, ``010`` as 8 (octal), ``0x1F`` as 31 and ``1:30`` as 90 (base 60): an inline
    table's Norway became 'False' (found by fuzzing). As in YAML 1.2 only ``true`` and
    ``false`` are booleans; as in a CSV file, the rest are text (a field that wants a
    switch still takes ``yes``/``no`` as words, and a number column reads ``010`` as 10).
    """


_BOOL, _INT, _FLOAT, _DATE = (
    f"tag:yaml.org,2002:{t}" for t in ("bool", "int", "float", "timestamp")
)
_NULL, _STR, _VALUE, _MERGE = (f"tag:yaml.org,2002:{t}" for t in ("null", "str", "value", "merge"))
# A date stays the text it is written as ('2023-01-31'), which every field that takes a
# date reads: read as a date, it was 'expected text, found datetime.date(2023, 1, 31)' in
# a date column's inline rows, and 'expected a list' as a highlight (found by fuzzing).
_Loader.yaml_implicit_resolvers = {
    first: [(tag, rule) for tag, rule in rules if tag not in (_BOOL, _INT, _FLOAT, _DATE)]
    for first, rules in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                              list("tTfF"))  # fmt: skip
_Loader.add_implicit_resolver(_INT, re.compile(r"^[-+]?(?:0|[1-9][0-9_]*)$"),
                              list("-+0123456789"))  # fmt: skip
# YAML 1.1's floats (a dot required: '1e5' is text) without base 60 ('1:30.5').
_Loader.add_implicit_resolver(
    _FLOAT,
    re.compile(
        r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?
                   |\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?
                   |[-+]?\.(?:inf|Inf|INF)
                   |\.(?:nan|NaN|NAN))$""",
        re.X,
    ),
    list("-+0123456789."),
)


def _bounded_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    """YAML's integer, refused past Python's 4,300 digits: int() raised a ValueError,
    reported as an internal error (found by fuzzing)."""
    digits = sum(ch.isdigit() for ch in str(node.value))
    if digits > _INT_DIGITS:
        raise yaml.constructor.ConstructorError(
            None, None, f"a number of {digits:,} digits (at most {_INT_DIGITS:,} are read)",
            node.start_mark,
        )  # fmt: skip
    return int(loader.construct_yaml_int(node))


#: Python's limit on the digits of an integer read from text (``sys.int_info``).
_INT_DIGITS = 4300
_Loader.add_constructor(_INT, _bounded_int)


def _flatten_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> None:
    """Merge keys as YAML means them: in ``<<: [*a, *b]`` a key both give is ``*a``'s (the
    earlier mapping wins), and a key written in the mapping itself wins over both.
    PyYAML 6.0.x keeps every merged pair, the later last, so ``*b``'s won: a chart drew
    another data source and chart type without a word (found by fuzzing). Here each key
    is kept once, the one that wins, so the lines index (:func:`index_lines`) names its
    line too."""
    own: list[tuple[yaml.Node, yaml.Node]] = []
    merged: list[tuple[yaml.Node, yaml.Node]] = []
    for key_node, value_node in node.value:
        if key_node.tag != _MERGE:
            if key_node.tag == _VALUE:  # '=' as a key, as PyYAML reads it: a text
                key_node.tag = _STR
            own.append((key_node, value_node))
            continue
        if isinstance(value_node, yaml.MappingNode):
            sources = [value_node]
        elif isinstance(value_node, yaml.SequenceNode):
            sources = list(value_node.value)
        else:
            raise yaml.constructor.ConstructorError(
                "while constructing a mapping", node.start_mark,
                f"expected a mapping or list of mappings for merging, but found {value_node.id}",
                value_node.start_mark,
            )  # fmt: skip
        for source in sources:
            if not isinstance(source, yaml.MappingNode):
                raise yaml.constructor.ConstructorError(
                    "while constructing a mapping", node.start_mark,
                    f"expected a mapping for merging, but found {source.id}", source.start_mark,
                )  # fmt: skip
            _flatten_mapping(loader, source)
            merged.extend(source.value)
    if len(own) == len(node.value):
        return  # no merge key
    taken = {_key_of(key) for key, _ in own}
    first: list[tuple[yaml.Node, yaml.Node]] = []
    for key, value in merged:
        if _key_of(key) not in taken:
            taken.add(_key_of(key))
            first.append((key, value))
    node.value = first + own


def _key_of(key: yaml.Node) -> object:
    """What a key node is as a key of the data: a text and a number of the same digits
    differ; a mapping or list as a key is itself (the data refuses it later)."""
    return (key.tag, key.value) if isinstance(key, yaml.ScalarNode) else id(key)


_Loader.flatten_mapping = _flatten_mapping
_LOADER = _Loader

#: Most nodes a YAML file may hold with its aliases expanded. The sample outline has about
#: 1,500; an outline with a few thousand rows of inline data about 50,000.
MAX_NODES = 250_000
#: Deepest nesting of mappings and lists (an outline needs about 8).
MAX_DEPTH = 64
#: Largest outline file, checked before it is read: the sample is 34 kB; MAX_NODES values
#: of inline data at about 25 bytes each (the sample's average) are 6 MB.
MAX_OUTLINE_BYTES = 16 * 2**20
#: Most characters of text a YAML file may hold with its aliases expanded: four times what
#: the largest file holds written out (300 slides sharing a 100 KB note by an alias, 30 MB,
#: build; 600 sharing 1 MB took 4.3 GB: a build holds each text in several forms).
MAX_TEXT = 4 * MAX_OUTLINE_BYTES


class YAMLLimitError(yaml.YAMLError):
    """A YAML file is too big once its aliases are expanded, too deep, or refers to itself.
    A :class:`yaml.YAMLError`, so every reader of YAML reports it as bad YAML."""

    def __init__(self, message: str, line: int | None, hint: str) -> None:
        self.message, self.line, self.hint = message, line, hint
        super().__init__(f"line {line}: {message} ({hint})" if line else f"{message} ({hint})")


def compose_bounded(text: str) -> tuple[yaml.Node | None, Any]:
    """The YAML ``text`` as a node graph (for lines) and as plain data, both from one parse,
    after checking it against :data:`MAX_NODES` and :data:`MAX_DEPTH`.

    Raises :class:`yaml.YAMLError` (:class:`YAMLLimitError` for a limit).
    """
    _count_events(text)
    loader = _LOADER(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, None
        _check_size(node)
        if "<<" in text:  # a merge key may be there: most outlines have none to walk for
            _keep_own_keys(node)
        if "{" in text:
            _rejoin_thousands(node)
        _keys_as_text(node)  # a walk of the nodes: a tenth of a millisecond, a search of
        # the text for such keys took ten times that
        return node, loader.construct_document(node)  # safe: plain data only
    finally:
        loader.dispose()


#: What YAML reads a plain key as besides text: :func:`_keys_as_text` reads it as text.
_PLAIN_TAGS = {f"tag:yaml.org,2002:{t}" for t in ("int", "float", "bool", "null")}


def _keys_as_text(node: yaml.Node) -> None:
    """Every key of a mapping read as written: a column named 2020 is ``columns: {2020:
    number}`` as a user writes it, and was refused as 'data.t.columns[2020]: expected
    text, found 2020', with the hint 'quote the value' (of a key; fuzzing); 'true:' and
    'null:' went through as true and none."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
        elif isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                if isinstance(key, yaml.ScalarNode) and key.tag in _PLAIN_TAGS and not key.style:
                    key.tag = "tag:yaml.org,2002:str"
                stack.append(value)


def _rejoin_thousands(node: yaml.Node) -> None:
    """``{value: 5,000,000}`` as ``value: 5,000,000`` reads on a line of its own (a number
    with thousands commas), not as ``value: 5`` and two empty keys '000', which read as a
    duplicate key and an unknown field no line of the outline holds (found by fuzzing).
    In a ``{...}`` mapping a comma ends a field; keys of three digits with no value right
    after a field whose value is a number of one to three digits are its groups. (A
    plain scalar's style is None in PyYAML's nodes and '' in libyaml's.)"""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
            continue
        if not isinstance(current, yaml.MappingNode):
            continue
        pairs, out = list(current.value), []
        while pairs:
            key, value = pairs.pop(0)
            groups = []
            if (current.flow_style and isinstance(value, yaml.ScalarNode) and not value.style
                    and re.fullmatch(r"[+-]?\d{1,3}", value.value)):  # fmt: skip
                while pairs and _group(*pairs[0], last=False):
                    groups.append(pairs.pop(0)[0].value)
                if pairs and _group(*pairs[0], last=True):
                    groups.append(pairs.pop(0)[0].value)
            if groups:
                value = yaml.ScalarNode(_STR, ",".join([value.value, *groups]),
                                        value.start_mark, value.end_mark)  # fmt: skip
            out.append((key, value))
            stack.append(value)
        current.value = out


def _group(key: yaml.Node, value: yaml.Node, *, last: bool) -> bool:
    """Whether ``key: value`` is a group of a number's thousands split off at its comma:
    three digits (the last may have decimals) and no value."""
    pattern = r"\d{3}(\.\d+)?" if last else r"\d{3}"
    return (isinstance(key, yaml.ScalarNode) and not key.style
            and re.fullmatch(pattern, key.value) is not None
            and isinstance(value, yaml.ScalarNode) and value.tag == _NULL
            and value.value == "")  # fmt: skip


def _count_events(text: str) -> None:
    """Refuse ``text`` once its parser has produced more than :data:`MAX_NODES` values
    (aliases unexpanded), before anything is composed (see the module doc)."""
    loader = _LOADER(text)
    try:
        count = 0
        while (event := loader.get_event()) is not None:
            count += isinstance(event, yaml.NodeEvent)  # a scalar, an alias, a list or mapping
            if count > MAX_NODES:
                raise YAMLLimitError(
                    f"the YAML holds more than {MAX_NODES:,} values",
                    event.start_mark.line + 1,
                    "move long lists of values into a data file (CSV, JSON, Excel)",
                )
            tag = getattr(event, "tag", None)
            if tag is not None and tag != "!":
                # Every tag, YAML's own too: '!!binary MjAyNg==' was decoded into the
                # byline as '2026' and '!!set' read, where the README says tags are
                # refused (found by fuzzing). A plain value says what it is by itself.
                raise YAMLLimitError(
                    f"a YAML tag ({tag.replace('tag:yaml.org,2002:', '!!')}) is not read "
                    "here: an outline or theme holds plain values only",
                    event.start_mark.line + 1,
                    "remove the tag, and quote the value if it must stay text ('007')",
                )
            if isinstance(event, yaml.StreamEndEvent):
                return
    finally:
        loader.dispose()


def load_yaml(text: str) -> Any:
    """Plain data from YAML ``text``, bounded as :func:`compose_bounded` says."""
    return compose_bounded(text)[1]


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


#: The attribute :func:`_keep_own_keys` leaves on a mapping node that merges another in.
_OWN = "deckgen_own_pairs"


def _keep_own_keys(root: yaml.Node) -> None:
    """Note, on each mapping that merges another in (``<<: *name``), the keys written in
    it: building the data puts the merged keys into the mapping's node, and a key written
    there to override one merged in is not a duplicate (:func:`index_lines`)."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen or isinstance(node, yaml.ScalarNode):
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode) and any(k.tag == _MERGE for k, _ in node.value):
            setattr(node, _OWN, [(k, v) for k, v in node.value if k.tag != _MERGE])
        stack.extend(_children(node))


def _check_size(root: yaml.Node) -> None:
    """Refuse a node graph that is too big expanded, too deep, or cyclic.

    One depth-first pass over the mappings and lists (scalars count one each); each node's
    expanded size and height are kept, so a node that aliases reach many times is measured
    once (linear in the file, not in its expansion).
    """
    size: dict[int, int] = {}
    height: dict[int, int] = {}
    text: dict[int, int] = {}  # characters of the scalars under each node, aliases expanded
    open_: set[int] = set()  # the nodes on the path from the root: an alias to one is a cycle
    stack: list[tuple[yaml.Node, int, list[yaml.Node] | None]] = [(root, 1, None)]
    while stack:
        node, depth, children = stack.pop()
        key = id(node)
        if children is not None:  # all children measured: this node is finished
            total, tallest, chars = 1, 0, 0
            for child in children:
                if isinstance(child, yaml.ScalarNode):
                    total, tallest = total + 1, max(tallest, 1)
                    chars += len(child.value)
                else:
                    total, tallest = total + size[id(child)], max(tallest, height[id(child)])
                    chars += text[id(child)]
            size[key], height[key], text[key] = total, tallest + 1, chars
            open_.discard(key)
            if chars > MAX_TEXT:
                # A 1 MB note aliased into 600 slides passed the count of values: 600 MB
                # of text took 4.3 GB and a minute to build (found by fuzzing).
                raise YAMLLimitError(
                    f"the YAML holds more than {MAX_TEXT // 2**20} MB of text once its "
                    "aliases (*name) are expanded",
                    node.start_mark.line + 1,
                    "write a long text once, or alias shorter ones",
                )
            if total > MAX_NODES:
                raise YAMLLimitError(
                    f"the YAML holds more than {MAX_NODES:,} values once its aliases (*name) "
                    "are expanded",
                    node.start_mark.line + 1,
                    "write the values out, or use fewer nested aliases",
                )
            continue
        if key in open_:
            raise YAMLLimitError(
                "an alias (*name) refers to the mapping or list it is inside; the value would "
                "be endless",
                node.start_mark.line + 1,
                "point the alias at an anchor (&name) defined outside it",
            )
        if depth + height.get(key, 1) - 1 > MAX_DEPTH:
            raise YAMLLimitError(
                f"the YAML nests more than {MAX_DEPTH} levels deep",
                node.start_mark.line + 1,
                _TOO_DEEP,
            )
        if key in size:
            continue  # measured already: an alias to a finished node
        kids = _children(node)
        open_.add(key)
        stack.append((node, depth, kids))
        stack.extend((c, depth + 1, None) for c in kids if not isinstance(c, yaml.ScalarNode))


@dataclass(frozen=True)
class LoadedOutline(Generic[O]):
    """A validated outline plus where it came from (for paths and messages)."""

    outline: O
    path: Path
    lines: dict[PathKey, int]
    #: The parts of an outline that did not validate, left out to check the rest (see
    #: :mod:`deckgen.outline.salvage`), as the file's paths: ``("data", "states")``.
    dropped: frozenset[PathKey] = frozenset()

    @property
    def root(self) -> Path:
        """The folder relative paths in the outline are resolved against."""
        return self.path.parent

    def locate(self, *key: str | int) -> Location:
        """The location of a field path such as ``("slides", 3, "chart", "y")``."""
        return Location(str(self.path), _nearest_line(self.lines, key), format_path(key))

    def relocate(self, problem: Problem) -> Problem:
        """``problem`` with the line of its field, where it names a field of this outline
        (checks deep in a kind know the field's path, not its line)."""
        where = problem.location
        if where is None or where.field is None or where.file != str(self.path):
            return problem
        return Problem(self.locate(*parse_path(where.field)), problem.message, problem.hint)


def load_outline(path: str | Path, model: type[O]) -> LoadedOutline[O]:
    """Read, parse and validate an outline file against ``model`` (the outline with the
    registered kinds, ``deckgen.kinds.Outline``).

    Raises :class:`OutlineError` for an unreadable file, bad YAML, or any schema problem.
    """
    path = Path(path)
    return parse_outline(read_outline(path), path, model)


def read_outline(path: Path, what: str = "outline") -> str:
    """The text of the YAML file ``path`` (the outline, or ``what`` else: a theme);
    :class:`OutlineError` if it is missing, not a regular file, larger than
    :data:`MAX_OUTLINE_BYTES` or not UTF-8."""
    where = Location(str(path))
    try:
        data = read_bounded(path, MAX_OUTLINE_BYTES)
        # As Path.read_text reads: universal newlines, so a CRLF file has the same lines.
        return data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
    except FileNotFoundError:
        hint = nearest_file(path, str(path), (".yaml", ".yml"), f"{what} files",
                            relative_to="this folder")  # fmt: skip
        raise OutlineError(Problem(where, f"{what} file not found", hint)) from None
    except NotRegularFile as exc:
        raise OutlineError(
            Problem(
                where,
                f"the {what} is {exc.strerror}",
                _not_a_file_hint(what, path, exc.strerror or ""),
            )
        ) from None
    except FileTooLarge:
        inline = "move inline data into data files (CSV, JSON, Excel) named under 'data:'"
        raise OutlineError(
            Problem(
                where,
                f"the {what} is larger than {MAX_OUTLINE_BYTES // 2**20} MB; deckgen reads "
                f"YAML files up to that size (the sample's outline is 34 kB)",
                inline if what == "outline" else "check that this is the right file",
            )
        ) from None
    except UnicodeDecodeError:
        line, message, hint = not_utf8(path)
        raise OutlineError(Problem(Location(str(path), line), message, hint)) from None
    except OSError as exc:
        raise OutlineError(Problem(where, f"cannot read {what}: {exc.strerror or exc}",
                                   _unreadable_hint(exc))) from None  # fmt: skip


def _unreadable_hint(exc: OSError) -> str:
    """What to do about a file the system would not open: a loop of symbolic links had
    no fix (found by fuzzing)."""
    import errno

    if exc.errno == errno.ELOOP:
        return "the path is a symbolic link that leads back to itself: point it at a file"
    if exc.errno == errno.ENAMETOOLONG:
        return "the system takes file names of at most 255 bytes: rename the file"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "give yourself permission to read the file (chmod u+r), or copy it"
    return "check that the file can be opened, then run the command again"


def compose_document(text: str, path: Path) -> tuple[yaml.Node | None, Any]:
    """``text`` composed as bounded YAML (an outline's or a theme's), or an
    :class:`OutlineError` at the line YAML stopped, with a hint for a mistake made by hand."""
    try:
        return compose_bounded(text)
    except YAMLLimitError as exc:
        raise OutlineError(Problem(Location(str(path), exc.line), exc.message, exc.hint)) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        opened = _opened(exc)
        if opened is not None:
            # Where the quote or bracket left open starts, not the end of the file the
            # parser reached looking for its end (line 117 of a 116-line outline).
            line = opened[0]
        if "for merging" in str(exc.problem) and exc.context_mark:
            # The line of the mapping's '<<:', not of the value it names.
            start, rows = exc.context_mark.line, text.splitlines()
            line = 1 + next((k for k in range(start, len(rows)) if "<<" in rows[k]), start)
        raise OutlineError(
            Problem(
                Location(str(path), line),
                f"not valid YAML: {exc.problem or exc}"
                + (f" ({opened[2]} opened here is not closed)" if opened else ""),
                _template_hint(text, exc)
                or (_TOO_DEEP if "nesting depth" in str(exc.problem) else None),
            )
        ) from None
    except yaml.reader.ReaderError:
        raise OutlineError(_unreadable_character(text, path)) from None
    except yaml.YAMLError as exc:
        hint = _TOO_DEEP if "nesting depth" in str(exc) else None
        raise OutlineError(Problem(Location(str(path)), f"not valid YAML: {exc}", hint)) from None


#: The names of the control characters a file is likeliest to hold by mistake.
_CONTROL_NAMES = {0x00: "NUL", 0x07: "BEL", 0x08: "backspace", 0x0B: "vertical tab",
                  0x0C: "form feed", 0x1B: "escape", 0x7F: "DEL"}  # fmt: skip


def _unreadable_character(text: str, path: Path) -> Problem:
    """The problem of a character YAML may not hold (a NUL, a BEL: pasted from a binary
    export or a terminal), at its line and column. PyYAML's own message named neither,
    only 'position 109' in '<unicode string>' (found by fuzzing)."""
    found = yaml.reader.Reader.NON_PRINTABLE.search(text)
    if found is None:  # not a character after all: what the reader said, without its internals
        return Problem(Location(str(path)), "not valid YAML: a character in it cannot be read")
    if found.group() == "\0" and (utf16 := utf16_problem(path)) is not None:
        # UTF-16 without a byte-order mark reads as UTF-8 with a NUL beside each letter.
        return utf16
    start = found.start()
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    code = ord(found.group())
    name = _CONTROL_NAMES.get(code, "a control character" if code < 0xA0 else "a non-character")
    return Problem(
        Location(str(path), line),
        f"not valid YAML: column {column} holds U+{code:04X} ({name}), an invisible character "
        "a YAML file may not hold",
        f"delete it: most editors do not show it, so retype the text around column {column} "
        "(it comes with text pasted from a binary export or a terminal)",
    )


#: The parts of an outline whose texts are trimmed as they are read (:func:`_trimmed`): not
#: ``data:``, whose inline cells and steps' values are kept as written.
_TRIMMED = ("deck", "slides", "social")


def _trimmed(value: Any) -> Any:
    """``value`` with every text in it trimmed: the spaces around a YAML text, and the line
    break a block text (``|``, ``>``) ends with, drew a title off its accent rule, a bullet
    indented past the others with a blank line after it, and a stat value off-centre
    (found by fuzzing). Line breaks inside a text are kept."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, list):
        return [_trimmed(item) for item in value]
    if isinstance(value, dict):
        return {key: _trimmed(item) for key, item in value.items()}
    return value


def parse_outline(text: str, path: Path, model: type[O]) -> LoadedOutline[O]:
    """Validate outline ``text``; ``path`` names it in messages and anchors relative paths."""
    node, raw = compose_document(text, path)
    if not isinstance(raw, dict):
        raise OutlineError(
            Problem(
                Location(str(path), 1),
                "expected a mapping with 'deck' and 'slides', found "
                + ("an empty file" if raw is None else type(raw).__name__),
                "start the file with 'deck:' and 'slides:'",
            )
        )
    raw = {key: _trimmed(value) if key in _TRIMMED else value for key, value in raw.items()}
    lines: dict[PathKey, int] = {}
    problems: list[Problem] = []
    index_lines(node, (), lines, problems, str(path))
    outline: O | None
    build_models()
    try:
        outline = model.model_validate(raw)
    except ValidationError as exc:
        seen: set[str | None] = set()
        listed_texts: set[str | None] = set()  # fields given a list where a text fits
        errors, merged = _under_empty_key(exc.errors(), raw, lines, path, model)
        problems.extend(merged)
        found: list[tuple[str, Problem]] = []
        for err in errors:
            # A union reports one error per member for the same field; the first says enough.
            problem = schema_problem(err, raw, lines, path, model)
            field = problem.location.field if problem.location else None
            if field in seen or _inside_seen(field, listed_texts):
                # And a text-or-list field given a list of numbers, one error for each of
                # them too: 'y: [2021, 2022, 2023]' gave four (found by a hostile-input
                # review). The field's own says it, with the fix for every item.
                continue
            seen.add(field)
            if err["type"] == "string_type" and isinstance(err.get("input"), list):
                # A field of a text or a list of texts reports its union's text member
                # ('str'); a field of one text, the field alone.
                problem = _texts_expected(
                    problem, err["input"], listing=err["loc"][-1:] == ("str",)
                )
                listed_texts.add(field)
            found.append((err["type"], problem))
        problems.extend(_one_per_misspelling(found))
        problems.extend(_references_in_failed_parts(errors, raw, lines, path, model))
        outline = None
    loaded = LoadedOutline(outline, path, lines) if outline else None
    if loaded:
        problems.extend(_check_references(loaded))
    if problems or loaded is None:
        raise OutlineError(problems)
    return loaded


def _inside_seen(field: str | None, seen: set[str | None]) -> bool:
    """Whether ``field`` is an item of a field already reported (``y[0]`` of ``y``)."""
    return field is not None and any(f is not None and field.startswith(f"{f}[") for f in seen)


def _texts_expected(problem: Problem, items: list[Any], *, listing: bool) -> Problem:
    """The problem of a field that takes a text or a list of texts (``listing``), given a
    list that holds something else (numbers: YAML reads an unquoted 2021 as one); or of a
    field of one text given a list, whose fix was to quote the items (found in review)."""
    if not listing:
        field = problem.location.field if problem.location else None
        name = re.sub(r"\[\d+\]$", "", field or "").rsplit(".", 1)[-1] or "the field"
        first = items[0] if items and isinstance(items[0], str | int | float) else None
        fix = f"write one text, not a list, after {name}:"
        if first is not None:
            fix = f"write one text, not a list: {name}: {first}" + (
                ", or the items joined in one text" if len(items) > 1 else "")  # fmt: skip
        return Problem(problem.location, f"expected one text, found a list ({brief(items)})", fix)
    quoted = ", ".join(repr(str(v)) for v in items[:6]) + (", ..." if len(items) > 6 else "")
    return Problem(
        problem.location,
        f"expected a text or a list of texts, found {brief(items)}",
        f"quote each item, as YAML reads an unquoted 2021 as a number: [{quoted}]",
    )


#: What YAML was reading when a text or list was left open, and what closes it.
_OPEN = {"quoted scalar": "the quote", "flow mapping": "the '{'", "flow sequence": "the '['"}


def _opened(exc: yaml.MarkedYAMLError) -> tuple[int, int, str] | None:
    """(line, column, what) of a quote, '{' or '[' that ``exc`` says was never closed: the
    parser reports where it gave up looking for the end (often the file's end)."""
    context, mark = str(exc.context or ""), exc.context_mark
    if "escape" in str(exc.problem or ""):
        return None  # a bad escape ('\\ud800') inside a closed quote, not an open one (fuzzing)
    for reading, what in _OPEN.items():
        if reading in context and mark is not None:
            return mark.line + 1, mark.column + 1, what
    return None


def _template_hint(text: str, exc: yaml.MarkedYAMLError) -> str | None:
    """What to do about the YAML error ``exc`` in ``text``, in the outline's terms (the
    parser's own words are the message): the mistakes people make by hand first."""
    marks = [m for m in (exc.context_mark, exc.problem_mark) if m is not None]
    lines = text.splitlines()
    opened = _opened(exc)
    if opened is not None:
        line, column, what = opened
        if what == "the quote":
            return (f"close the quote that opens on line {line}, column {column}: a text "
                    "in quotes runs to the same quote, so a quote inside it is written \\\" "
                    "(or '' inside single quotes)")  # fmt: skip
        return f"close {what} that opens on line {line}, column {column}, or quote its text"
    # A plain YAML value that starts with `{{` is read as a mapping, not a template.
    if any(m.line < len(lines) and "{{" in lines[m.line] for m in marks):
        return 'quote a value that starts with {{, e.g. title: "{{ ... }}"'
    tabs = [m.line + 1 for m in marks if m.line < len(lines) and "\t" in lines[m.line]]
    if tabs:
        return f"YAML indents with spaces, never tabs: replace the tabs on line {tabs[-1]}"
    problem = str(exc.problem or "")
    if "escape" in problem:
        return ("in double quotes a backslash starts an escape (\\n, \\u00e9): write the "
                "character itself, or use single quotes, where a backslash is itself")  # fmt: skip
    if "another document" in problem:
        return ("an outline is one YAML document: remove the '---' line and what follows it, "
                "or merge the two")  # fmt: skip
    if "constructor for the tag" in problem:
        return "an outline holds plain values only: remove the YAML tag ('!!...', '!...')"
    if "mapping values are not allowed" in problem:
        at = exc.problem_mark.line if exc.problem_mark else len(lines)
        return _out_of_line_above(lines, at) or (
            "a 'name: value' stands where a plain value was expected: indent it under its "
            "key, or quote a value that holds ': '")  # fmt: skip
    if "undefined alias" in problem:
        return ("an alias (*name) repeats a value marked earlier in the file with its "
                "anchor (&name): mark that value first, or spell the alias as the anchor "
                "is spelt")  # fmt: skip
    if "for merging" in problem:
        return ("'<<:' merges mappings into this one: write '<<: *name', where &name marks a "
                "mapping, or '<<: [*a, *b]'")  # fmt: skip
    if "unhashable key" in problem:
        # '? [a, b]' makes a list a key: 'fix the outline field' said nothing (fuzzing).
        return ("a key is a name: a list or a mapping stands as a key here ('? [a, b]'); "
                "write the field's name, then ':' and its value")  # fmt: skip
    if "digits (at most" in problem:
        # Found by a hostile-input review: the message alone had no fix.
        return ("no quantity needs so many digits: write the number as it should read, or "
                "quote it as text if it is a code or an ID")  # fmt: skip
    at = exc.problem_mark.line if exc.problem_mark else len(lines)
    if at < len(lines) and any(
        p in problem for p in ("expected key", "expected <block end>", "expected ':'")
    ):
        return _indent_hint(lines, at)
    return None


#: The fix for YAML nested too deep: past :data:`MAX_DEPTH`, or past what the parser itself
#: takes before that is measured (5,000 '[' in a value was refused with no hint: found by a
#: hostile-input review).
_TOO_DEEP = "flatten the structure; an outline needs fewer than ten levels"


def _out_of_line_above(lines: list[str], at: int) -> str | None:
    """Where 'mapping values are not allowed' on line ``at`` (0-based) comes of the line
    above it: its key in a column no other line of its block starts one in (nor the line
    it is under), so that YAML read line ``at``, indented deeper, as the rest of its value.
    '     type: bar' (5 spaces) under 'chart:' put the error on the next line, 'data:
    bookings', which was right (found by review). ``None`` where the line above lines up
    with others, or line ``at`` is no deeper than its key."""

    def indent(line: str) -> int:
        return len(line) - len(line.lstrip(" "))

    def key(line: str) -> int:  # the column its key starts in: past a list item's '- '
        column, rest = indent(line), line.lstrip(" ")
        while rest.startswith("- "):
            column, rest = column + 2 + indent(rest[2:]), rest[2:].lstrip(" ")
        return column

    def text(k: int) -> bool:
        return bool(lines[k].strip()) and not lines[k].lstrip().startswith("#")

    if at >= len(lines):
        return None
    above = next((k for k in range(at - 1, -1, -1) if text(k)), None)
    if above is None or key(lines[above]) >= indent(lines[at]):
        return None
    depth, own = indent(lines[above]), key(lines[above])
    # Its block: from the line it is under (less indented) to the next line no deeper.
    top = next((k for k in range(above - 1, -1, -1) if text(k) and indent(lines[k]) < depth), -1)
    floor = indent(lines[top]) if top >= 0 else -1
    end = next((k for k in range(above + 1, len(lines))
                if text(k) and indent(lines[k]) <= floor), len(lines))  # fmt: skip
    block = [k for k in range(top + 1, end) if text(k) and k != above]
    if any(own in (indent(lines[k]), key(lines[k])) for k in block) or (
        top >= 0 and key(lines[top]) == own
    ):
        return None
    levels = sorted({indent(lines[k]) for k in block if indent(lines[k]) > own})
    fix = f"to {levels[0]} spaces, as the lines after it" if levels else "as those around it"
    return (f"line {above + 1} ({lines[above].strip()[:40]!r}) is indented {own} spaces, a "
            f"column no other line of its block starts in, so YAML read line {at + 1} as the "
            f"rest of its value: indent line {above + 1} {fix}")  # fmt: skip


def _indent_hint(lines: list[str], at: int) -> str:
    """Where an indentation error the parser found on line ``at`` (0-based) likely is: that
    line lines up with nothing before it, or the nearest line less indented above it (the
    key it would belong to) is itself out of line."""

    def indent(line: str) -> int:
        return len(line) - len(line.lstrip(" "))

    def text(line: str) -> bool:
        return bool(line.strip()) and not line.lstrip().startswith("#")

    depth = indent(lines[at])
    above = next(
        (k for k in range(at - 1, -1, -1) if text(lines[k]) and indent(lines[k]) < depth), None
    )
    hint = (f"line {at + 1} (indented {depth} spaces) does not fit the mapping or list around "
            "it: the keys of one mapping start in the same column, and a list's items ('- ') "
            "line up under its key")  # fmt: skip
    if above is not None:
        hint += f"; or line {above + 1} ({lines[above].strip()[:40]!r}) is indented too little"
    return hint


# --------------------------------------------------------------------------- line index
def index_lines(
    node: yaml.Node, key: PathKey, lines: dict[PathKey, int], problems: list[Problem], file: str
) -> None:
    lines[key] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        own: list[tuple[yaml.Node, yaml.Node]] | None = getattr(node, _OWN, None)
        if own is not None:  # merged in ('<<: *name'): their lines, and what this overrides
            for key_node, value_node in node.value:
                if all(key_node is not k for k, _ in own):
                    index_lines(value_node, (*key, key_node.value), lines, [], file)
                    lines[(*key, key_node.value)] = key_node.start_mark.line + 1
        seen: set[str] = set()
        for key_node, value_node in node.value if own is None else own:
            name = key_node.value
            if name in seen:
                problems.append(
                    Problem(
                        Location(file, key_node.start_mark.line + 1, format_path((*key, name))),
                        f"duplicate key {name!r}; YAML would silently keep only the last one",
                        f"keep one of the '{name}:' lines (or nest it where it belongs)",
                    )
                )
            seen.add(name)
            index_lines(value_node, (*key, name), lines, problems, file)
            lines[(*key, name)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            index_lines(item, (*key, i), lines, problems, file)


def _nearest_line(lines: dict[PathKey, int], key: PathKey) -> int | None:
    for end in range(len(key), -1, -1):
        if key[:end] in lines:
            return lines[key[:end]]
    return None


def field_line(file: Path, field: str) -> int | None:
    """The line a YAML file (a theme's) writes ``field`` on (``colors.muted``), or that of
    the nearest mapping holding it where the file leaves it to its default; ``None`` if the
    file cannot be read now. Read again each time, so an edited file is never named by its
    old lines (a loaded theme keeps its values, not their lines)."""
    try:
        lines = _lines_of(read_outline(file, "theme"), file)
    except DeckgenError:
        return None
    key = parse_path(field)
    return next((lines[key[:n]] for n in range(len(key), 0, -1) if key[:n] in lines), None)


@functools.lru_cache(maxsize=8)
def _lines_of(text: str, file: Path) -> dict[PathKey, int]:
    """The line of every field of a YAML file's ``text``, once for each text: a theme of
    5,000 chart colours, each moved for contrast and each named at its line, was parsed
    again for each and took 92 s to load (found by fuzzing)."""
    node, _ = compose_document(text, file)
    lines: dict[PathKey, int] = {}
    if node is not None:
        index_lines(node, (), lines, [], str(file))
    return lines


def parse_path(field: str) -> PathKey:
    """``"slides[4].chart.y"`` -> ``("slides", 4, "chart", "y")`` (see :func:`format_path`)."""
    import re

    return tuple(int(part) if part.isdigit() else part for part in re.findall(r"[^.\[\]]+", field))


def format_path(key: PathKey) -> str:
    """``("slides", 4, "chart", "y")`` -> ``"slides[4].chart.y"``."""
    out = ""
    for part in key:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


# --------------------------------------------------------------------------- error mapping
def _data_path(loc: tuple[Any, ...], raw: Any) -> tuple[PathKey, Any]:
    """Drop pydantic's union tags from ``loc``, keeping only steps into the raw data.

    A kind's tag is its ``kind`` (slides, cards) or ``type`` (charts) and comes right after
    the step into it (it can equal a field name: ``title``); other unions tag with a class
    or type name. Returns the cleaned path and the raw value at its end (or ``None``).
    """
    path: list[str | int] = []
    current = raw
    tag: object = None
    for step in loc:
        if tag is not None and step == tag:
            tag = None
            continue
        tag = None
        into_dict = isinstance(current, dict) and step in current
        into_list = isinstance(current, list) and isinstance(step, int) and step < len(current)
        if into_dict or into_list:
            current = current[step]
            if isinstance(current, dict):
                tag = current.get("kind", current.get("type"))
        elif isinstance(step, str) and (step in _TYPE_TAGS or step[:1].isupper() or "[" in step):
            continue
        else:
            current = None
        path.append(step)
    return tuple(path), current


_TYPE_TAGS = {"str", "int", "float", "bool", "none", "list", "dict"}


def _model_at(path: PathKey, raw: Any, model: type[BaseModel]) -> type[BaseModel] | None:
    """The schema model that the mapping at ``path`` is validated against, if known."""
    annotation: Any = model
    current = raw
    for step in path:
        if isinstance(step, int):
            current = current[step] if isinstance(current, list) and step < len(current) else None
            annotation = _element(annotation)
            continue
        if typing.get_origin(annotation) is dict:  # a key of a mapping: data.<name>
            current = current.get(step) if isinstance(current, dict) else None
            annotation = typing.get_args(annotation)[-1]
            continue
        model = _unwrap(annotation, current)
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            return None
        field = model.model_fields.get(step)
        if field is None:
            return None
        current = current.get(step) if isinstance(current, dict) else None
        annotation = field.annotation
    model = _unwrap(annotation, current)
    return model if isinstance(model, type) and issubclass(model, BaseModel) else None


def _element(annotation: Any) -> Any:
    """The item type of a list annotation (through Optional), else the annotation itself."""
    for arg in (annotation, *typing.get_args(annotation)):
        if typing.get_origin(arg) is list:
            return typing.get_args(arg)[0]
    return annotation


def _unwrap(annotation: Any, value: Any) -> Any:
    """Find the model class inside list[...]/dict[...]/Optional/unions for ``value``."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        inner, *extras = typing.get_args(annotation)
        # A union told apart by a function (data sources): the member it names.
        for extra in extras:
            if isinstance(extra, Discriminator) and callable(extra.discriminator):
                tag = extra.discriminator(value)
                for member in typing.get_args(inner):
                    marks = typing.get_args(member)[1:]
                    if any(isinstance(m, Tag) and m.tag == tag for m in marks):
                        return _unwrap(typing.get_args(member)[0], value)
        return _unwrap(inner, value)
    if origin is dict:
        return _unwrap(typing.get_args(annotation)[-1], value)
    if origin in (typing.Union, types.UnionType):
        # A tagged member (Annotated[Model, Tag(...)]) is its model.
        members = [
            typing.get_args(a)[0] if typing.get_origin(a) is typing.Annotated else a
            for a in typing.get_args(annotation)
        ]
        models: list[type[BaseModel]] = [
            a for a in members if isinstance(a, type) and issubclass(a, BaseModel)
        ]
        for tag in ("kind", "type"):
            if isinstance(value, dict) and tag in value:
                for m in models:
                    field = m.model_fields.get(tag)
                    if field and typing.get_args(field.annotation) == (value[tag],):
                        return m
        for m in models:
            if isinstance(value, dict) and set(value) <= set(m.model_fields):
                return m
        return models[0] if len(models) == 1 else None
    return annotation


def _under_empty_key(
    errors: list[Any], raw: Any, lines: dict[PathKey, int], file: Path, model: type[BaseModel]
) -> tuple[list[Any], list[Problem]]:
    """The errors of fields written beside an empty key instead of under it (``chart:``
    with ``type:``, ``data:``... at its own indent), as one problem per key with the fix;
    and the other errors. Pydantic reports them as the key's "valid dictionary ... found
    None" and an "unknown field" for each, with did-you-means that lead astray."""
    keys = {
        _data_path(e["loc"], raw)[0]: e
        for e in errors
        if e["type"] in ("model_type", "model_attributes_type", "dict_type")
        and e.get("input") is None
    }
    merged: list[Problem] = []
    used: set[int] = set()
    for key, empty in keys.items():
        if not key:
            continue
        parent = key[:-1]
        strays = {
            i: _data_path(e["loc"], raw)[0][-1]
            for i, e in enumerate(errors)
            if e["type"] == "extra_forbidden" and _data_path(e["loc"], raw)[0][:-1] == parent
        }
        siblings = _raw_at(parent, raw)
        if not strays or not isinstance(siblings, dict):
            continue
        # Would they be fields of the key's model, moved under it?
        moved = {**siblings, key[-1]: {name: siblings.get(name) for name in strays.values()}}
        owner = _model_at(key, _replaced(raw, parent, moved), model)
        names = [str(n) for n in strays.values()]
        if owner is None or not set(names) <= set(owner.model_fields):
            continue
        used |= {*strays, errors.index(empty)}
        where = Location(str(file), _nearest_line(lines, key), format_path(key))
        shown = ", ".join(f"'{n}:'" for n in names)
        merged.append(Problem(
            where, f"'{key[-1]}:' is empty, and {shown} beside it belong under it",
            f"indent {shown} two spaces more, under '{key[-1]}:'",
        ))  # fmt: skip
    return [e for i, e in enumerate(errors) if i not in used], merged


def _raw_at(path: PathKey, raw: Any) -> Any:
    for step in path:
        if isinstance(step, int):
            raw = raw[step] if isinstance(raw, list) and step < len(raw) else None
        else:
            raw = raw.get(step) if isinstance(raw, dict) else None
    return raw


def _replaced(raw: Any, path: PathKey, value: Any) -> Any:
    """``raw`` with the value at ``path`` replaced (copies along the path only)."""
    if not path:
        return value
    step, rest = path[0], path[1:]
    if isinstance(raw, list) and isinstance(step, int):
        return [_replaced(v, rest, value) if i == step else v for i, v in enumerate(raw)]
    if isinstance(raw, dict):
        return {k: _replaced(v, rest, value) if k == step else v for k, v in raw.items()}
    return raw


def _kinds_with(model: type[BaseModel], name: str) -> tuple[str, list[str], str] | None:
    """Where ``model`` is one kind of a registry (a chart type, told apart by its ``type``
    or ``kind``), the tag, the other kinds that have a field ``name``, and its own tag."""
    from typing import get_args

    tag = next((t for t in ("type", "kind") if t in model.model_fields), None)
    base = model.__mro__[1]
    if tag is None or not issubclass(base, BaseModel) or tag not in base.model_fields:
        return None
    own = get_args(model.model_fields[tag].annotation)
    kinds, stack = [], list(base.__subclasses__())
    while stack:
        other = stack.pop(0)
        stack.extend(other.__subclasses__())
        if other is not model and name in other.model_fields:
            kinds += [str(k) for k in get_args(other.model_fields[tag].annotation)]
    return (tag, kinds, str(own[0])) if kinds and own else None


def _comma_split(key: PathKey, raw: Any) -> str | None:
    """The fix for an unknown field of digits that a comma split off the value before it
    in a ``{...}`` mapping: '{label: Per 100,000}' is 'label: Per 100' and a field '000'
    (YAML ends a value at a comma there). The fix named the fields allowed, and a newcomer
    saw no '000' in what they wrote (found by a new user)."""
    name = str(key[-1]) if key else ""
    mapping = raw
    for step in key[:-1]:  # the path is the data's own (see schema_problem)
        inside = (isinstance(mapping, dict) and step in mapping) or (
            isinstance(mapping, list) and isinstance(step, int) and step < len(mapping)
        )
        if not inside:
            return None
        mapping = mapping[step]
    if not (name.isdigit() and isinstance(mapping, dict)):
        return None
    # YAML reads the digits as a number ('000' is 0): the key is found by its value.
    names = list(mapping)
    at = next((k for k, n in enumerate(names) if str(n) == name or n == int(name)), None)
    if not at or mapping[names[at]] is not None:
        return None
    before = names[at - 1]
    value = mapping[before]
    if not isinstance(value, str | int | float):
        return None
    written = f"{value},{name}"
    return (
        f"inside {{ }} a comma ends a value: '{before}: {written}' was read as "
        f"'{before}: {value}' and a field {name!r}; quote the value: "
        f'{before}: "{written}"'
    )


def schema_problem(
    err: Any, raw: Any, lines: dict[PathKey, int], file: Path, model: type[BaseModel]
) -> Problem:
    """One pydantic error of validating ``raw`` (read from ``file``, its keys' ``lines``)
    against ``model``, as a problem at its line and field, with its did-you-mean."""
    kind = err["type"]
    key, _ = _data_path(err["loc"], raw)
    where = Location(str(file), _nearest_line(lines, key), format_path(key) or None)
    ctx = err.get("ctx") or {}

    if kind in ("unknown_kind", "missing_kind"):
        # A registry's union (outline.schema.kinds_union) names what exists. A list item
        # (a slide, a card) is named by its place; a field (a chart) by its tag's line.
        if kind == "unknown_kind" and key and not isinstance(key[-1], int):
            key = (*key, ctx["tag"])
            where = Location(str(file), _nearest_line(lines, key), format_path(key))
        return Problem(where, err["msg"], ctx.get("hint"))
    if kind == "extra_forbidden":
        name = str(key[-1]) if key else "?"
        found_model = _model_at(key[:-1], raw, model)
        fields = found_model.model_fields.items() if found_model else []
        allowed = sorted(f.alias or name for name, f in fields)  # `from:`, not `source`
        hint = did_you_mean(name, allowed) or (
            f"allowed fields: {', '.join(allowed)}" if allowed else None
        )
        others = _kinds_with(found_model, name) if found_model else None
        if others:  # 'rounding' on a bar: a field of other kinds (found by fuzzing)
            tag, kinds, own = others
            return Problem(where, f"{name!r} is a field of {tag} {joined(kinds)}, not of "
                           f"{tag} {own!r}", f"remove it, or use {tag}: {kinds[0]}")  # fmt: skip
        return Problem(where, f"unknown field {name!r}", _comma_split(key, raw) or hint)
    if kind == "missing":
        name = str(key[-1]) if key else "?"
        found_model = _model_at(key[:-1], raw, model)
        info = found_model.model_fields.get(name) if found_model else None
        text = (info.description or "").rstrip(".") if info is not None else ""
        described = f" ({text[:1].lower()}{text[1:]})" if text else ""
        return Problem(where, f"required field {name!r} is missing",
                       f"add '{name}:'{described}")  # fmt: skip
    message, hint = plain_error(err)
    return Problem(where, message, expected_fix(message, hint))


def _one_per_misspelling(found: list[tuple[str, Problem]]) -> list[Problem]:
    """The schema's problems (each with its pydantic error type), a misspelt required field
    as one problem: pydantic reports 'titel:' as an unknown field and 'title' as missing,
    two messages for one typo (two typos filled four of the ten shown; found by fuzzing).
    They are one where the unknown field's did-you-mean names the missing field of the
    same mapping; the problem is at the misspelt key's line, where the fix is made."""
    missing = {
        problem.location.field: k
        for k, (kind, problem) in enumerate(found)
        if kind == "missing" and problem.location and problem.location.field
    }
    merged: dict[int, Problem] = {}
    for k, (kind, problem) in enumerate(found):
        where = problem.location
        if kind != "extra_forbidden" or where is None or where.field is None:
            continue
        key = parse_path(where.field)
        for field, m in missing.items():
            wanted = parse_path(field)
            name = wanted[-1]
            if (m in merged or wanted[:-1] != key[:-1] or not isinstance(name, str)
                    or problem.hint != did_you_mean(str(key[-1]), [name])):  # fmt: skip
                continue
            merged[m] = merged[k] = Problem(
                where,
                f"unknown field {key[-1]!r}, and the required field {name!r} is missing",
                f"did you mean {name!r}? rename '{key[-1]}:' to '{name}:'",
            )
            break
    out: list[Problem] = []
    for k, (_, problem) in enumerate(found):
        one = merged.get(k, problem)
        if all(one is not p for p in out):
            out.append(one)
    return out


#: A problem of what was expected and what was found ('expected true or false, found 3').
_EXPECTED = re.compile(r"expected (.+?)[;,] found ")


def expected_fix(message: str, hint: str | None) -> str | None:
    """``hint``, or else what an 'expected X, found Y' ``message`` says to write: on a line
    of its own (a fix), what was expected says what to write, for pydantic's own kinds and
    the validators' messages (a theme's sizes, a data step's window) alike; a step's said
    only "fix the file the outline names" (found by fuzzing)."""
    expected = _EXPECTED.match(message) if hint is None else None
    return f"write {expected[1]}" if expected else hint


def plain_error(err: Any) -> tuple[str, str | None]:
    """A pydantic error of a value (not of a mapping's keys) in an outline's words: what
    was expected and found, and the fix if there is one; where it is, the caller says."""
    kind, found, ctx = err["type"], err.get("input"), err.get("ctx") or {}
    if kind == "literal_error":
        expected = ctx.get("expected", "")
        choices = [c.strip().strip("'") for c in expected.replace(" or ", ",").split(",")]
        choices = [c for c in choices if c]
        return f"expected one of {expected}, found {brief(found)}", did_you_mean(
            str(found), choices
        )
    if kind in ("too_short", "too_long") and isinstance(found, list | tuple | dict):
        # How many, in words: 'at least 2 item(s), found [{'heading': ...}]' (fuzzing).
        least = kind == "too_short"
        bound = ctx.get("min_length" if least else "max_length", 0)
        hint = _PLAIN[kind][1]
        return (f"expected {'at least' if least else 'at most'} {counted(bound, 'item')}, "
                f"found {counted(len(found), 'item')}", hint)  # fmt: skip
    if kind in _PLAIN:
        expected, hint = _PLAIN[kind]
        shown = "nothing" if found is None else brief(found)
        if isinstance(found, dict | list) and len(repr(found)) > 60:
            # Its size, where that is what is wrong ('at most 4 items, found a list').
            shown = (f"{len(found)} items" if isinstance(found, list)
                     else f"a mapping of {len(found)} keys")  # fmt: skip
        return f"expected {expected.format(**ctx)}, found {shown}", hint
    message = err["msg"].removeprefix("Value error, ")
    # A validator's message that ends on its fix ('...; remove 'index:'') gives it as the
    # fix: else the fix line said only "fix the outline field" (found by fuzzing). So does
    # one that ends on its did-you-mean: left in the message, the fix line repeated what was
    # expected word for word (a bad 'format:', found in review).
    said, _, fix = message.rpartition("; ")
    fixes = fix.split(" ", 1)[0] in _FIX_VERBS or fix.startswith("did you mean ")
    hint = fix if said and fixes else None
    message = said if hint else message
    # A validator's own message may say what it found already ('found 'meen''), or name
    # it ("unknown preset 'insta'", which then read "; found 'insta'" again).
    said_found = ("found " in message and "not found" not in message) or (
        isinstance(found, str) and brief(found) in message
    )
    if not said_found and (kind in _SHAPES or not isinstance(found, dict | list)):
        return f"{message}; found {brief(found)}", hint
    return message, hint


#: The first words of a validator message's last clause that make it the fix.
_FIX_VERBS = frozenset({"remove", "write", "use", "add", "give", "name", "drop", "set",
                        "put", "move", "leave", "choose", "pick", "rename"})  # fmt: skip


#: Pydantic's error kinds that hold a mapping or list, whose found value is shown whole.
_SHAPES = {"model_type", "model_attributes_type", "dict_type", "list_type"}
#: Pydantic's error kinds in an outline's words: (what was expected, the fix). The
#: expectation is formatted with the error's context (``ge``, ``min_length``...).
_PLAIN: dict[str, tuple[str, str | None]] = {
    "too_short": ("at least {min_length} item(s)", "add the items it needs"),
    "too_long": ("at most {max_length} item(s)", "keep the most important ones"),
    "greater_than_equal": ("a number of at least {ge}", None),
    "greater_than": ("a number above {gt}", None),
    "less_than_equal": ("a number of at most {le}", None),
    "less_than": ("a number below {lt}", None),
    "int_parsing": ("a whole number", "write digits only, e.g. 10"),
    "int_type": ("a whole number", "write digits only, e.g. 10"),  # a strict field's
    "float_type": ("a number", "write digits only, e.g. 2.5"),
    "int_from_float": ("a whole number", "leave out the decimals"),
    "float_parsing": ("a number", "write digits only, e.g. 2.5 (no units or commas)"),
    # 'top: .inf' read pydantic's own words, with no fix (found by a hostile-input review).
    "finite_number": (
        "a finite number",
        "write digits: YAML reads .inf as infinity, .nan as not a number",
    ),
    "bool_parsing": ("true or false", None),
    "bool_type": ("true or false", None),
    "string_type": ("text", "quote the value"),
    "list_type": ("a list (lines starting with '- ', or [a, b])", None),
    # Braces doubled: each text is formatted with the error's context.
    "dict_type": ("a mapping (indented 'name: value' lines, or {{name: value}})", None),
    "model_type": ("a mapping (indented 'name: value' lines, or {{name: value}})", None),
    "model_attributes_type": (
        "a mapping (indented 'name: value' lines, or {{name: value}})",
        None,
    ),
}


def _check_references(loaded: LoadedOutline[Any]) -> list[Problem]:
    """Check that every chart and table, on a slide or a card, names a data source the
    outline declares."""
    known = list(loaded.outline.data)
    return [
        _unknown_source(loaded.locate(*path, "data"), selection.data, known)
        for path, selection in _selections(loaded.outline, ())
        if selection.data not in known
    ]


def _unknown_source(where: Location, name: str, known: list[str]) -> Problem:
    return Problem(
        where,
        f"unknown data source {name!r}; the outline declares "
        + (one_of(known) if known else "none (add a 'data:' section)"),
        did_you_mean(name, known),
    )


def _references_in_failed_parts(
    errors: list[Any], raw: dict[str, Any], lines: dict[PathKey, int], file: Path,
    model: type[BaseModel],
) -> list[Problem]:  # fmt: skip
    """The unknown data sources named in the parts of an outline that did not validate (a
    slide, a card): an unknown chart type hid the unknown source beside it, which a second
    run then reported (found by fuzzing). A mapping there is a chart's or table's data
    selection where the schema reads it as one (a chart of an unknown type: as the type
    whose fields it has)."""
    declared = raw.get("data")
    if not isinstance(declared, dict):
        # No 'data:' (a snippet), or one that is wrong itself: every name would be unknown.
        return []
    known = [str(name) for name in declared]
    parts: set[PathKey] = set()
    for err in errors:
        key = _data_path(err["loc"], raw)[0]
        item = next((n for n, step in enumerate(key) if isinstance(step, int)), None)
        if item is not None:
            parts.add(key[: item + 1])  # the list item the problem is in: slides[3]
    problems = []
    for part in parts:
        stack = [(part, _raw_at(part, raw))]
        while stack:
            key, value = stack.pop()
            if isinstance(value, list):
                stack.extend(((*key, n), item) for n, item in enumerate(value))
            if not isinstance(value, dict):
                continue
            stack.extend(((*key, name), item) for name, item in value.items())
            name = value.get("data")
            if not isinstance(name, str) or name in known:
                continue
            owner = _model_at(key, raw, model)
            if owner is not None and issubclass(owner, Selection):
                field = (*key, "data")
                where = Location(str(file), _nearest_line(lines, field), format_path(field))
                problems.append(_unknown_source(where, name, known))
    return sorted(problems, key=lambda p: (p.location.line or 0) if p.location else 0)


def _selections(node: Any, path: PathKey) -> list[tuple[PathKey, Selection]]:
    """Every :class:`Selection` (a chart's or table's data) under ``node``, with its path."""
    if isinstance(node, Selection):
        return [(path, node)]
    found: list[tuple[PathKey, Selection]] = []
    if isinstance(node, BaseModel):
        for name in type(node).model_fields:
            found += _selections(getattr(node, name), (*path, name))
    elif isinstance(node, list):
        for i, item in enumerate(node):
            found += _selections(item, (*path, i))
    return found


def _not_a_file_hint(what: str, path: Path, kind: str) -> str:
    """The fix for an outline or theme path that is no regular file: a folder named like
    the file (themes/x/theme.yaml/) is renamed, another folder holds the file to name; a
    FIFO or a device is never read (found by fuzzing: a folder was told about FIFOs)."""
    if not kind.endswith("a folder"):
        return (
            "name a .yaml file saved on disk (a FIFO or a device is never read: the read "
            "would not end)"
        )
    if path.suffix.lower() in (".yaml", ".yml"):
        return (f"the {what} is a file named {path.name}: rename the folder {path.name}/ and "
                "write the file in its place")  # fmt: skip
    return f"name the {what}'s .yaml file inside the folder, e.g. {path.name}/deck.yaml"
