"""The Jinja2 environment templates run in: immutable sandbox plus limits on size and time.

Jinja's sandbox stops a template from reaching Python internals (``__class__``, ``mro``,
module globals) and from mutating anything, but not from asking for a huge string, a huge
number or an endless loop. An outline is data that may come from anyone, so every template
operation that can make something big is **measured before it runs**, in this process:

* ``*``, ``+``, ``~`` (concatenation, also inside ``{% set %}`` blocks, macros and filter
  blocks), ``%`` formatting, ``str.format`` and the filters ``join``, ``replace``,
  ``string``, ``tojson``, ``sum`` may make at most :data:`MAX_TEXT` characters (a list
  counts as the characters of its text); a format width or precision (``'%1500000000d'``,
  ``'{0:>1500000000}'``) counts towards that before Python pads anything;
* a whole number may have at most :data:`MAX_INT_BITS` bits (``*`` and ``**`` check the size
  of the result from the sizes of their operands), an exponent at most :data:`MAX_EXPONENT`;
* a filter argument that is a count (:data:`COUNTS`: ``round``'s places, ``slice``'s and
  ``batch``'s counts) is checked before the filter runs: the filter builds what it counts
  in one step no timer can stop (``round(-10**9)`` would compute ``10**10**9``,
  ``batch(10**9, fill_with='x')`` pads a list to a billion items); ``range`` is Jinja's
  sandboxed one (at most 100,000 items), so ``list`` of it is bounded too;
* only a few harmless string methods (``upper``, ``strip``...); no ``center``, ``indent``,
  ``wordwrap`` or ``lipsum``, which pad or generate text to a size the template chooses;
* "no value" (``None``: an empty cell, '-') is an error in every operator, filter (but
  ``default``) and format, never '0', 'None' or 'null' in a slide;
* output cut off at :data:`MAX_TEXT` characters per field, :data:`TIME_LIMIT` seconds per
  field and :data:`OUTLINE_TIME_LIMIT` for all the fields of an outline together (timed
  on the main thread, where a timer signal can fire; elsewhere the outline's time is still
  checked before each field).

Why this and not a child process with ``setrlimit``: a template is a few operators on small
values, and each one that can grow a value is one of the above, so a check before it is
exact, costs nothing on a normal template, works on every thread and platform, and names the
field and the operation; a child per field would cost milliseconds each and could only say
"out of memory". The number filters bound their decimals (:mod:`deckgen.binding.filters`).
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import itertools
import operator
import re
import signal
import threading
import time
from typing import TYPE_CHECKING, Any, NoReturn

from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.filters import do_tojson, make_attrgetter
from jinja2.optimizer import Optimizer
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedFormatter
from jinja2.utils import Namespace, pass_environment, pass_eval_context
from jinja2.visitor import NodeTransformer

from deckgen.binding.filters import (
    NotText,
    no_value,
    not_text,
    refuse_inside,
    round_number,
    whole_value,
)
from deckgen.errors import BindingError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

    from jinja2 import Environment, Template
    from jinja2.nodes import EvalContext

#: The longest text (or list, counted as its text) one operation or template may produce.
MAX_TEXT = 10_000
#: Seconds one template may take to render.
TIME_LIMIT = 2.0
#: Seconds all the templates of one outline may take together. A field's limit alone lets
#: an outline of 40 slow fields run for 80 s before it fails; the sample's 96 templates
#: take 0.2 s in all, so five fields' worth is far more than a real outline needs.
OUTLINE_TIME_LIMIT = 5 * TIME_LIMIT
#: The largest exponent ``**`` may use (10 ** 300 is already far past any data value).
MAX_EXPONENT = 300
#: The most bits a whole number may have (about 1,200 digits).
MAX_INT_BITS = 4096
#: The largest ``round`` precision and ``slice`` count.
MAX_PLACES = 20
MAX_SLICES = 1000

#: The filter arguments that are counts, each with what it counts and its smallest and
#: largest value: ``filter: (parameter, what, least, most)``. A built-in filter with a count
#: that sizes what it builds belongs here (``batch`` and ``slice`` pad to their count,
#: ``round`` computes ``10 ** places``); a ``batch`` of more items than a field has
#: characters could never be shown.
COUNTS: dict[str, tuple[str, str, int, int]] = {
    "round": ("precision", "precision", -MAX_PLACES, MAX_PLACES),
    "slice": ("slices", "count", 1, MAX_SLICES),
    "batch": ("linecount", "count", 1, MAX_TEXT),
}

#: String methods a template may call; everything else on a str is refused.
STR_METHODS = frozenset(
    {"upper", "lower", "title", "capitalize", "strip", "lstrip", "rstrip", "startswith",
     "endswith", "split", "removeprefix", "removesuffix"}
)  # fmt: skip
#: Built-in filters that take "no value" (an empty cell, '-') on purpose: they write a
#: stand-in for it. Every other filter given it is an error, never 0, 'None' or 'NONE'.
TAKE_NO_VALUE = frozenset({"default", "d"})
#: Built-in filters whose arguments are values too (``'%s cars' | format(cell)``).
VALUE_ARGUMENTS = frozenset({"format"})
#: Built-in filters that read the items of what they are given as values.
VALUE_ITEMS = frozenset({"join", "sum", "max", "min", "sort", "unique", "tojson"})
#: Built-in filters that pad or repeat text to a size the template chooses.
UNSAFE_FILTERS = ("center", "indent", "wordwrap", "filesizeformat", "urlize", "pprint")
#: Globals that do the same (``lipsum(10**9)``).
UNSAFE_GLOBALS = ("lipsum",)


class TemplateTooBig(BindingError):
    """A template asked for more text, items or time than a text field can need."""

    hint: str | None = "a text field needs far less: make the template smaller"


def weight(value: Any, limit: int = MAX_TEXT) -> int:
    """About how many characters ``str(value)`` takes, counted only up to just past
    ``limit`` (so measuring a huge list costs no more than the limit)."""
    total = 0
    stack = [value]
    while stack and total <= limit:
        item = stack.pop()
        if isinstance(item, str):
            total += len(item) + 2  # with quotes and a separator, as inside a list
        elif isinstance(item, bool) or item is None:
            total += 5
        elif isinstance(item, int):
            total += item.bit_length() * 3 // 10 + 2
        elif isinstance(item, float):
            total += 24  # the longest repr of a float
        elif isinstance(item, Namespace):
            total += 12
            stack.append(object.__getattribute__(item, "_Namespace__attrs"))
        elif isinstance(item, dict):
            total += 2
            pairs = itertools.islice(item.items(), limit - total + 1)
            stack.extend(part for pair in pairs for part in pair)
        elif isinstance(item, list | tuple | set | frozenset):
            total += 2
            stack.extend(itertools.islice(item, limit - total + 1))
        else:  # a data table or row, a date: data-sized, not made bigger by the template
            total += 16
    return total


def _refuse(what: str) -> TemplateTooBig:
    return TemplateTooBig(f"{what}: longer than {MAX_TEXT:,} characters, more than any field needs")


def _check_text(size: int, what: str) -> None:
    if size > MAX_TEXT:
        raise _refuse(what)


def bounded_concat(parts: Iterable[Any]) -> str:
    """``~`` and the text of ``{% set %}`` blocks, macros and filter blocks, measured before
    it is joined."""
    parts = list(parts)
    size = sum(len(part) if isinstance(part, str) else weight(part) for part in parts)
    _check_text(size, "joining these texts (~) makes a text")
    return "".join(map(str, parts))


class _Optimizer(Optimizer):
    """Jinja's constant folding, but never of a ``~``: it joins ``str()`` of its parts
    when the template is compiled, before :class:`_Generator` can print each as
    ``{{ part }}`` does ('x' ~ none read 'xNone', 'up: ' ~ (2 > 1) 'up: True'; fuzzing)."""

    def generic_visit(self, node: nodes.Node, *args: Any, **kwargs: Any) -> nodes.Node:
        if isinstance(node, nodes.Concat) or node.find(nodes.Concat) is not None:
            return NodeTransformer.generic_visit(self, node, *args, **kwargs)  # its parts
        return super().generic_visit(node, *args, **kwargs)


class _Generator(CodeGenerator):
    """Jinja's code generator, with ``~`` compiled to :func:`bounded_concat` of each part
    as ``{{ part }}`` prints it (the environment's ``finalize``): Jinja joins ``str()`` of
    each, so an empty cell read 'None' and a whole number '2010.0' (found by fuzzing)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.optimizer is not None:
            self.optimizer = _Optimizer(self.environment)

    def _output_child_to_const(self, node: nodes.Expr, frame: Frame, finalize: Any) -> str:
        if isinstance(node, nodes.Concat) or node.find(nodes.Concat) is not None:
            raise nodes.Impossible  # printed when it runs, each part as {{ part }} prints it
        return super()._output_child_to_const(node, frame, finalize)

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.concat((")
        for arg in node.nodes:
            self.write("environment.finalize(")
            self.visit(arg, frame)
            self.write("), ")
        self.write("))")


#: A printf conversion: ``%(name)-10.3f``; width and precision may be ``*``.
_PRINTF = re.compile(
    r"%(?:\((?P<name>[^)]*)\))?[-#0 +]*(?P<width>\*|\d+)?(?:\.(?P<precision>\*|\d*))?[hlL]?"
    r"(?P<conv>.)",
    re.S,
)
_DIGITS = re.compile(r"\d+")


def _as_printed(env: Environment, value: Any, spec: str) -> Any:
    """``value`` as ``{{ value }}`` prints it (the environment's ``finalize``: an error for
    true or false, a table, a method, a mapping, inf...) where it is written as text, by a
    ``%s`` or a ``{}`` (``spec``: its conversion or format spec, '' for none); a number
    written in a number's spec ('%.1f', '{:,.0f}') as it is, true or false never.
    ``'%s' % (1 > 0)`` and ``'{}'.format(table)`` printed 'True' and "<table 'production':
    8 rows>" on slides, past the checks ``{{ }}`` makes (found by fuzzing)."""
    finalize = env.finalize
    if isinstance(value, bool) or not spec or spec[-1:] in ("s", "r", "a"):
        return value if finalize is None else finalize(value)
    return value


def _printed_args(env: Environment, fmt: str, args: Any) -> Any:
    """``args`` of ``fmt % args``, each as :func:`_as_printed` prints it for its
    conversion."""
    specs = [m for m in _PRINTF.finditer(fmt) if m["conv"] != "%"]
    if isinstance(args, dict):
        out = dict(args)
        for m in specs:
            if m["name"] in out:
                out[m["name"]] = _as_printed(env, out[m["name"]], m["conv"])
        return out
    convs = [m["conv"] for m in specs]
    many = isinstance(args, tuple)
    items = list(args) if many else [args]
    printed = [_as_printed(env, v, c) for v, c in zip(items, convs, strict=False)]
    printed += items[len(printed) :]
    return tuple(printed) if many else printed[0]


def _printf(fmt: str, args: Any, env: Environment | None = None) -> str:
    """``fmt % args``, measured first: widths, precisions and arguments; each argument
    written as text checked as ``{{ }}`` checks it (:func:`_as_printed`)."""
    if _holds_none(args):  # '%s' % (1, cell) printed 'None'
        raise no_value("'%'")
    if env is not None:
        args = _printed_args(env, fmt, args)
    size = len(fmt)
    specs = [m for m in _PRINTF.finditer(fmt) if m["conv"] != "%"]
    for match in specs:
        width, precision = match["width"] or "0", match["precision"] or "0"
        if "*" in (width, precision):
            raise TemplateTooBig("'%' formatting with a '*' width is not allowed; write the width")
        size += int(width) + int(precision)
    _check_text(
        size + len(specs) * weight(args), f"'%' formatting with {fmt[:40]!r} would make a text"
    )
    return fmt % args


class _Formatter(SandboxedFormatter):
    """``str.format`` in the sandbox, each field measured before it is formatted."""

    def __init__(self, env: Environment) -> None:
        super().__init__(env)
        self.size = 0

    def format_field(self, value: Any, format_spec: str) -> Any:
        if value is None:  # '{} cars'.format(cell) printed 'None cars'
            raise no_value("format()")
        self.size += weight(value) + sum(int(d) for d in _DIGITS.findall(format_spec))
        _check_text(self.size, f"format() with {format_spec[:40]!r} would make a text")
        return super().format_field(_as_printed(self._env, value, format_spec), format_spec)


class Sandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox with limits on size and time (see the module doc)."""

    # Every arithmetic operator: the sizes of some, and "no value" in any (an empty cell
    # in a sum said "TypeError: unsupported operand type(s) for -: 'NoneType' and 'int'").
    intercepted_binops = frozenset({"*", "**", "+", "%", "-", "/", "//"})
    intercepted_unops = frozenset({"-", "+"})
    code_generator_class = _Generator
    concat = staticmethod(bounded_concat)

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        for name in UNSAFE_FILTERS:
            self.filters.pop(name, None)
        for name in UNSAFE_GLOBALS:
            self.globals.pop(name, None)
        self.filters["random"] = _no_random
        self.filters.update(_BOUNDED_FILTERS)
        for name, count in COUNTS.items():
            self.filters[name] = _counted(name, self.filters[name], *count)
        for name, function in list(self.filters.items()):
            if name not in TAKE_NO_VALUE:
                self.filters[name] = _refusing_no_value(name, function)
        shown = self.finalize
        # `{{ value }}` turns the value into text: measured first, like everything else.
        self.finalize = _measured(shown) if shown else _measured(lambda value: value)
        # A filter of text given a value that is not: as {{ }} prints it, checked as it is
        # ('{{ production | upper }}' wrote "<TABLE 'PRODUCTION': 8 ROWS>": fuzzing).
        for name in TEXT_FILTERS:
            if name in self.filters:
                self.filters[name] = _text_of(self, self.filters[name])

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if isinstance(obj, str) and attr not in STR_METHODS:
            return False
        return super().is_safe_attribute(obj, attr, value)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        # The method is only ever the format/format_map of a str (the sandbox's test).
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        text: str = value.__self__
        formatter = _Formatter(self)

        def bounded(*args: Any, **kwargs: Any) -> str:
            formatter.size = len(text)
            if value.__name__ == "format_map":
                if len(args) != 1 or kwargs:
                    raise TypeError("format_map() takes exactly one argument")
                return formatter.vformat(text, (), args[0])
            return formatter.vformat(text, args, kwargs)

        return bounded

    def call_binop(self, context: Any, operator_name: str, left: Any, right: Any) -> Any:
        if left is None or right is None:
            raise no_value(f"'{operator_name}'")
        if operator_name == "*":
            return _bounded_multiply(left, right)
        if operator_name == "**":
            return _bounded_power(left, right)
        if operator_name == "+":
            if not isinstance(left, int | float) or not isinstance(right, int | float):
                _check_text(weight(left) + weight(right), "'+' would make a text or list")
            return operator.add(left, right)
        if operator_name == "%" and isinstance(left, str):
            return _printf(left, right, self)
        return super().call_binop(context, operator_name, left, right)

    def call_unop(self, context: Any, operator_name: str, arg: Any) -> Any:
        if arg is None:
            raise no_value(f"'{operator_name}'")
        return super().call_unop(context, operator_name, arg)


def _no_random(*_: Any, **__: Any) -> NoReturn:
    """Jinja's ``random`` filter, refused: the same inputs make the same deck, byte for byte
    (a slide read 1, 2, 2, 1, 3 in five builds of one outline, and the change report said
    the text changed with no input changed: found by fuzzing)."""
    raise BindingError(
        "the random filter picks another item each build: the same data must make the same "
        "deck; pick the item by its place ({{ items[0] }}), by its value ({{ items | max "
        "}}), or name it"
    )


def _measured(show: Callable[[Any], Any]) -> Callable[[Any], Any]:
    @functools.wraps(show)
    def finalize(value: Any) -> Any:
        if not isinstance(value, str):
            _check_text(weight(value), "the value printed would be")
        return show(value)

    return finalize


def _bounded_multiply(left: Any, right: Any) -> Any:
    for seq, times in ((left, right), (right, left)):
        sized = isinstance(seq, str | list | tuple) and isinstance(times, int)
        if sized and (len(seq) if isinstance(seq, str) else weight(seq)) * times > MAX_TEXT:
            raise TemplateTooBig(f"a repeated text or list may hold at most {MAX_TEXT:,}")
    ints = isinstance(left, int) and isinstance(right, int)
    if ints and left.bit_length() + right.bit_length() > MAX_INT_BITS:
        raise _too_big_number()
    return operator.mul(left, right)


def _bounded_power(left: Any, right: Any) -> Any:
    if isinstance(right, int | float) and abs(right) > MAX_EXPONENT:
        raise TemplateTooBig(f"exponent {right!r} is too large (at most {MAX_EXPONENT})")
    ints = isinstance(left, int) and isinstance(right, int) and right > 0
    if ints and (left.bit_length() - 1) * right > MAX_INT_BITS:
        raise _too_big_number()
    return operator.pow(left, right)


def _too_big_number() -> TemplateTooBig:
    return TemplateTooBig(f"the number would have more than {MAX_INT_BITS * 3 // 10:,} digits")


# --------------------------------------------------------------------------- filters
def _bounded_replace(text: Any, old: str, new: str, count: int | None = None) -> str:
    text, old, new = str(text), str(old), str(new)
    found = text.count(old) if old else len(text) + 1
    if count is not None and count >= 0:
        found = min(found, count)
    _check_text(len(text) + found * (len(new) - len(old)), "replace would make a text")
    return text.replace(old, new, -1 if count is None else count)


@pass_environment
def _bounded_join(env: Environment, value: Any, d: str = "", attribute: Any = None) -> str:
    """Jinja's ``join``, bounded, each item written as ``{{ item }}`` writes it (the
    environment's ``finalize``): ``str()`` printed 'True', '1e-07' and, of the items of
    a ``select`` (which the check before a filter cannot see), 'None' (fuzzing)."""
    items = list(itertools.islice(value, MAX_TEXT + 1))
    if attribute is not None:
        items = list(map(make_attrgetter(env, attribute), items))
    if _holds_none(items):
        raise no_value("an item given to the filter 'join'")
    _check_text(sum(weight(i) for i in items) + len(str(d)) * len(items), "join would make a text")
    show = env.finalize or (lambda item: item)
    try:
        return str(d).join(item if isinstance(item, str) else str(show(item)) for item in items)
    except NotText as exc:  # said of the item, not of the field's {{ ... }}
        said = str(exc.problems[0].message).replace("{{ ... }}", "an item given to 'join'", 1)
        raise not_text(said, exc.hint or "") from None


def _bounded_string(value: Any) -> str:
    """Jinja's ``string``, bounded, and refusing what ``{{ ... }}`` refuses to print: a
    whole row or table ('<row ...>' on a slide: found by fuzzing), or a list holding one
    or no value."""
    from jinja2 import Undefined

    from deckgen.binding.tables import Row, Table

    if isinstance(value, Table | Row):
        raise whole_value(value)
    if not isinstance(value, str):
        _check_text(weight(value), "the value as text would be")
    if isinstance(value, list | tuple | dict):
        refuse_inside(value, Undefined)
    return str(value)


@pass_eval_context
def _bounded_tojson(context: EvalContext, value: Any, indent: int | None = None) -> Any:
    _check_text(weight(value) * (1 + (indent or 0)), "tojson would make a text")
    return do_tojson(context, value, indent)


def _counted(
    name: str, function: Callable[..., Any], parameter: str, what: str, least: int, most: int
) -> Callable[..., Any]:
    """The filter ``function`` with its argument ``parameter`` checked to be a whole number
    from ``least`` to ``most`` before it runs (see :data:`COUNTS`)."""
    # The plain (not async) form: templates here never run async, and its signature is how
    # Jinja calls it (an async variant's wrapper takes an eval context its signature lacks).
    function = inspect.unwrap(function)
    signature = inspect.signature(function)

    @functools.wraps(function)
    def counted(*args: Any, **kwargs: Any) -> Any:
        try:
            count = signature.bind(*args, **kwargs).arguments.get(parameter, least)
        except TypeError:
            count = least  # wrong arguments: the filter's own error says which
        if isinstance(count, bool) or not isinstance(count, int) or not least <= count <= most:
            refused = TemplateTooBig(
                f"{name} takes a {what} from {least:,} to {most:,}, found {_shown(count)}"
            )
            # Its own fix: 'make the template smaller' was said of round(-10**9), a
            # one-expression template (found by a hostile-input review).
            refused.hint = f"give {name} a {what} from {least:,} to {most:,}"
            raise refused
        return function(*args, **kwargs)

    return counted


#: Jinja's filters of a text, which make one of whatever they are given (``str()``). Not
#: ``string``, measured as it makes its text (a huge list refused as that text).
TEXT_FILTERS = ("upper", "lower", "title", "capitalize", "trim", "replace", "truncate",
                "striptags", "wordcount")  # fmt: skip


def _text_of(env: Environment, function: Callable[..., Any]) -> Callable[..., Any]:
    """The text filter ``function``, given its value as ``{{ value }}`` prints it (the
    environment's ``finalize``: an error for a table, true or false, a method...)."""
    at = 0 if getattr(function, "jinja_pass_arg", None) is None else 1

    @functools.wraps(function)
    def texted(*args: Any, **kwargs: Any) -> Any:
        value = args[at] if len(args) > at else None
        if value is not None and not isinstance(value, str) and env.finalize is not None:
            args = (*args[:at], env.finalize(value), *args[at + 1 :])
        return function(*args, **kwargs)

    return texted


def _refusing_no_value(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """The filter ``function``, refusing "no value" (``None``: an empty cell) as what it
    is given, as an argument of a filter that reads its arguments as values
    (:data:`VALUE_ARGUMENTS`), and as an item of a filter that reads items
    (:data:`VALUE_ITEMS`). Jinja's own printed them: '0' (``int``), 'None' (``string``,
    ``join``), 'NONE' (``upper``), 'null' (``tojson``; found by fuzzing)."""
    # Jinja passes its context, eval context or environment first to a filter that asks.
    at = 0 if getattr(function, "jinja_pass_arg", None) is None else 1

    @functools.wraps(function)
    def refusing(*args: Any, **kwargs: Any) -> Any:
        value = args[at] if len(args) > at else None
        if value is None or (name in VALUE_ARGUMENTS
                             and None in (*args[at + 1 :], *kwargs.values())):  # fmt: skip
            raise no_value(f"the filter {name!r}")
        if name in VALUE_ITEMS and _holds_none(value):
            raise no_value(f"an item given to the filter {name!r}")
        return function(*args, **kwargs)

    return refusing


def _holds_none(value: Any) -> bool:
    """Whether a list, tuple or mapping holds ``None`` (at any depth: ``tojson``'s). The
    value was measured before it got here (at most :data:`MAX_TEXT` items' worth)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if item is None:
            return True
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            stack.extend(item)
    return False


def _shown(value: Any) -> str:
    """``value`` for a message: a huge number is not written out."""
    text = repr(value) if weight(value, 40) <= 40 else ""
    return text if text and len(text) <= 40 else f"a {type(value).__name__} too large to show"


@pass_environment
def _bounded_sum(env: Environment, iterable: Any, attribute: Any = None, start: Any = 0) -> Any:
    items = list(itertools.islice(iterable, MAX_TEXT + 1))
    if attribute is not None:
        items = list(map(make_attrgetter(env, attribute), items))
    if not isinstance(start, int | float) or not all(isinstance(i, int | float) for i in items):
        _check_text(weight(items) + weight(start), "sum would make a list")
    return functools.reduce(lambda total, item: _bounded_add(total, item), items, start)


def _bounded_add(left: Any, right: Any) -> Any:
    if not isinstance(left, int | float) or not isinstance(right, int | float):
        _check_text(weight(left) + weight(right), "'+' would make a text or list")
    return operator.add(left, right)


#: An argument not given (``int``'s and ``float``'s default: Jinja's is 0).
_UNSET: Any = object()


def _bounded_int(value: Any, default: Any = _UNSET, base: int = 10) -> Any:
    """Jinja's ``int``, but a value that is no number is an error unless a ``default`` is
    given for it: Jinja's filter gave 0, printed as the value ('abc', '1e400', NaN; found
    by fuzzing). A number too long to read is an error too: Python refuses text of more
    than 4,300 digits."""
    from jinja2.filters import do_int

    if isinstance(value, str) and len(value.strip()) > MAX_INT_BITS * 3 // 10 + 2:
        digits = sum(ch.isdigit() for ch in value)
        if digits > MAX_INT_BITS * 3 // 10:
            error = _too_big_number()
            error.hint = "int reads a number from text: give it the digits of a real quantity"
            raise error
    missing: Any = object()
    try:
        found = do_int(value, missing, base)
    except OverflowError:  # '1e400': a float past the largest, no whole number
        found = missing
    if found is missing:  # NaN as well: Jinja's int of it fell back to the default
        if default is not _UNSET:
            return default
        raise _no_number("int", value)
    return int(found)


def _bounded_float(value: Any, default: Any = _UNSET) -> Any:
    """Jinja's ``float``, but a value that is no number is an error unless a ``default`` is
    given for it (Jinja's filter gave 0.0)."""
    try:
        return float(value)
    except (TypeError, ValueError):
        if default is not _UNSET:
            return default
        raise _no_number("float", value) from None


class NoNumber(BindingError):
    """``int`` or ``float`` given what is no number, with no default for it."""

    hint: str | None = None


def _no_number(name: str, value: Any) -> NoNumber:
    error = NoNumber(f"the filter {name!r} expects a number, found {_shown(value)}")
    error.hint = (f"give it a number, or a stand-in for text that is none: "
                  f"{{{{ value | {name}(default=0) }}}}")  # fmt: skip
    return error


_BOUNDED_FILTERS: dict[str, Callable[..., Any]] = {
    "int": _bounded_int,
    "float": _bounded_float,
    # Halves up on the number as written, as every other number in a deck rounds.
    "round": round_number,
    "replace": _bounded_replace,
    "join": _bounded_join,
    "string": _bounded_string,
    "tojson": _bounded_tojson,
    "sum": _bounded_sum,
}


class OutlineOutOfTime(TemplateTooBig):
    """The templates of one outline together took :data:`OUTLINE_TIME_LIMIT`."""

    hint = "make the slow templates faster: fewer or smaller loops"


class Budget:
    """The time left for all the templates of one outline (:data:`OUTLINE_TIME_LIMIT`):
    only rendering counts (not compiling, nor what binding does between fields), so a
    slow machine does not fail an outline a fast one builds."""

    def __init__(self, seconds: float | None = None) -> None:
        self.seconds = OUTLINE_TIME_LIMIT if seconds is None else seconds
        self.used = 0.0

    def left(self) -> float:
        return self.seconds - self.used

    def spent(self) -> OutlineOutOfTime:
        return OutlineOutOfTime(
            f"the outline's templates took longer than {self.seconds:g} s together (each may "
            f"take {TIME_LIMIT:g} s); the time ran out in this one"
        )


def render_bounded(template: Template, names: dict[str, Any], budget: Budget | None = None) -> str:
    """Render ``template`` streaming, stopping at :data:`MAX_TEXT` chars, the time limit or
    the end of the outline's ``budget``."""
    seconds = TIME_LIMIT

    def expired() -> TemplateTooBig:
        return TemplateTooBig(f"the template took longer than {seconds:g} s")

    if budget is not None and budget.left() < seconds:
        seconds, expired = budget.left(), budget.spent
        if seconds <= 0:
            raise expired()
    parts: list[str] = []
    size = 0
    started, aside = time.monotonic(), _untimed_seconds
    try:
        with _deadline(seconds, expired):
            for chunk in template.generate(names):
                size += len(chunk)
                if size > MAX_TEXT:
                    raise TemplateTooBig(f"the text is longer than {MAX_TEXT:,} characters")
                if chunk:  # a loop printing nothing yields empty chunks: not kept by the million
                    parts.append(chunk)
    finally:
        if budget is not None:
            budget.used += time.monotonic() - started - (_untimed_seconds - aside)
    return "".join(parts)


#: Seconds spent in :func:`untimed` blocks in this process: left out of the templates' time.
_untimed_seconds = 0.0


@contextlib.contextmanager
def untimed() -> Iterator[None]:
    """Run a block outside the time limit of the template that set it off, and of the
    outline's budget: data work done once for every template, bounded by the data's own
    limits, not by what a template asks. A source's index of row keys, made when a template
    first looks a row up, took over 2 s in 3,000,000 rows: the template that asked was told
    to be made smaller, the index was lost with it, and every later lookup began it again
    until the outline's time ran out (found by a hostile-input review)."""
    global _untimed_seconds
    timed = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
    left = signal.setitimer(signal.ITIMER_REAL, 0)[0] if timed else 0.0
    started = time.monotonic()
    try:
        yield
    finally:
        _untimed_seconds += time.monotonic() - started
        if left > 0:
            signal.setitimer(signal.ITIMER_REAL, left)


@contextlib.contextmanager
def _deadline(seconds: float, expired: Callable[[], TemplateTooBig]) -> Iterator[None]:
    """Raise ``expired()`` if the block runs longer than ``seconds``.

    A timer signal can only be handled on the main thread; elsewhere the size limits
    above (and the outline's budget, checked before each field) are the only guard.
    """
    if threading.current_thread() is not threading.main_thread() or not hasattr(
        signal, "setitimer"
    ):
        yield
        return

    def expire(*_: object) -> None:
        raise expired()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
