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
  ``round`` and ``slice`` take small arguments only (``round(-10**9)`` would compute
  ``10**10**9``);
* only a few harmless string methods (``upper``, ``strip``...); no ``center``, ``indent``,
  ``wordwrap`` or ``lipsum``, which pad or generate text to a size the template chooses;
* output cut off at :data:`MAX_TEXT` characters per field, and :data:`TIME_LIMIT` seconds
  per field (on the main thread, where a timer signal can fire).

Why this and not a child process with ``setrlimit``: a template is a few operators on small
values, and each one that can grow a value is one of the above, so a check before it is
exact, costs nothing on a normal template, works on every thread and platform, and names the
field and the operation; a child per field would cost milliseconds each and could only say
"out of memory". The number filters bound their decimals (:mod:`deckgen.binding.filters`).
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import operator
import re
import signal
import threading
from typing import TYPE_CHECKING, Any

from jinja2.compiler import CodeGenerator, Frame
from jinja2.filters import do_round, do_tojson, make_attrgetter, sync_do_slice
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedFormatter
from jinja2.utils import Namespace, pass_environment, pass_eval_context

from deckgen.errors import BindingError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

    from jinja2 import Environment, Template, nodes
    from jinja2.nodes import EvalContext

#: The longest text (or list, counted as its text) one operation or template may produce.
MAX_TEXT = 10_000
#: Seconds one template may take to render.
TIME_LIMIT = 2.0
#: The largest exponent ``**`` may use (10 ** 300 is already far past any data value).
MAX_EXPONENT = 300
#: The most bits a whole number may have (about 1,200 digits).
MAX_INT_BITS = 4096
#: The largest ``round`` precision and ``slice`` count.
MAX_PLACES = 20
MAX_SLICES = 1000

#: String methods a template may call; everything else on a str is refused.
STR_METHODS = frozenset(
    {"upper", "lower", "title", "capitalize", "strip", "lstrip", "rstrip", "startswith",
     "endswith", "split", "removeprefix", "removesuffix"}
)  # fmt: skip
#: Built-in filters that pad or repeat text to a size the template chooses.
UNSAFE_FILTERS = ("center", "indent", "wordwrap", "filesizeformat", "urlize", "pprint")
#: Globals that do the same (``lipsum(10**9)``).
UNSAFE_GLOBALS = ("lipsum",)


class TemplateTooBig(BindingError):
    """A template asked for more text, items or time than a text field can need."""


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


class _Generator(CodeGenerator):
    """Jinja's code generator, with ``~`` compiled to :func:`bounded_concat`."""

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.concat((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


#: A printf conversion: ``%(name)-10.3f``; width and precision may be ``*``.
_PRINTF = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d*))?[hlL]?(.)", re.S)
_DIGITS = re.compile(r"\d+")


def _printf(fmt: str, args: Any) -> str:
    """``fmt % args``, measured first: widths, precisions and arguments."""
    size = len(fmt)
    specs = [m for m in _PRINTF.finditer(fmt) if m.group(3) != "%"]
    for match in specs:
        width, precision = match.group(1) or "0", match.group(2) or "0"
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
        self.size += weight(value) + sum(int(d) for d in _DIGITS.findall(format_spec))
        _check_text(self.size, f"format() with {format_spec[:40]!r} would make a text")
        return super().format_field(value, format_spec)


class Sandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox with limits on size and time (see the module doc)."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})
    code_generator_class = _Generator
    concat = staticmethod(bounded_concat)

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        for name in UNSAFE_FILTERS:
            self.filters.pop(name, None)
        for name in UNSAFE_GLOBALS:
            self.globals.pop(name, None)
        self.filters.update(_BOUNDED_FILTERS)
        shown = self.finalize
        # `{{ value }}` turns the value into text: measured first, like everything else.
        self.finalize = _measured(shown) if shown else _measured(lambda value: value)

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
        if operator_name == "*":
            return _bounded_multiply(left, right)
        if operator_name == "**":
            return _bounded_power(left, right)
        if operator_name == "+":
            if not isinstance(left, int | float) or not isinstance(right, int | float):
                _check_text(weight(left) + weight(right), "'+' would make a text or list")
            return operator.add(left, right)
        if operator_name == "%" and isinstance(left, str):
            return _printf(left, right)
        return super().call_binop(context, operator_name, left, right)


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
    items = list(itertools.islice(value, MAX_TEXT + 1))
    if attribute is not None:
        items = list(map(make_attrgetter(env, attribute), items))
    _check_text(sum(weight(i) for i in items) + len(str(d)) * len(items), "join would make a text")
    return str(d).join(map(str, items))


def _bounded_string(value: Any) -> str:
    if not isinstance(value, str):
        _check_text(weight(value), "the value as text would be")
    return str(value)


@pass_eval_context
def _bounded_tojson(context: EvalContext, value: Any, indent: int | None = None) -> Any:
    _check_text(weight(value) * (1 + (indent or 0)), "tojson would make a text")
    return do_tojson(context, value, indent)


def _bounded_round(value: Any, precision: int = 0, method: str = "common") -> Any:
    if not isinstance(precision, int) or abs(precision) > MAX_PLACES:
        raise TemplateTooBig(f"round takes a precision from -{MAX_PLACES} to {MAX_PLACES}")
    return do_round(value, precision, method)  # type: ignore[arg-type]


def _bounded_slice(value: Any, slices: int, fill_with: Any = None) -> Any:
    if not isinstance(slices, int) or not 0 < slices <= MAX_SLICES:
        raise TemplateTooBig(f"slice takes a count from 1 to {MAX_SLICES}")
    return sync_do_slice(value, slices, fill_with)


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


_BOUNDED_FILTERS: dict[str, Callable[..., Any]] = {
    "replace": _bounded_replace,
    "join": _bounded_join,
    "string": _bounded_string,
    "tojson": _bounded_tojson,
    "round": _bounded_round,
    "slice": _bounded_slice,
    "sum": _bounded_sum,
}


def render_bounded(template: Template, names: dict[str, Any]) -> str:
    """Render ``template`` streaming, stopping at :data:`MAX_TEXT` chars or the time limit."""
    parts: list[str] = []
    size = 0
    with _deadline(TIME_LIMIT):
        for chunk in template.generate(names):
            size += len(chunk)
            if size > MAX_TEXT:
                raise TemplateTooBig(f"the text is longer than {MAX_TEXT:,} characters")
            parts.append(chunk)
    return "".join(parts)


@contextlib.contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    """Raise :class:`TemplateTooBig` if the block runs longer than ``seconds``.

    A timer signal can only be handled on the main thread; elsewhere the size limits
    above are the only guard.
    """
    if threading.current_thread() is not threading.main_thread() or not hasattr(
        signal, "setitimer"
    ):
        yield
        return

    def expire(*_: object) -> None:
        raise TemplateTooBig(f"the template took longer than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
