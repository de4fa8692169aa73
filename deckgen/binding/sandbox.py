"""The Jinja2 environment templates run in: immutable sandbox plus limits on size and time.

Jinja's sandbox stops a template from reaching Python internals (``__class__``, ``mro``,
module globals) and from mutating anything, but not from asking for a huge string or an
endless loop. An outline is data that may come from anyone, so a template here also gets:

* no string or list longer than :data:`MAX_TEXT` from ``*`` and no huge powers (``**``);
* only a few harmless string methods (``upper``, ``strip``...), no ``center``/``indent``;
* output cut off at :data:`MAX_TEXT` characters per field;
* :data:`TIME_LIMIT` seconds per field (on the main thread, where a timer signal can fire).
"""

from __future__ import annotations

import contextlib
import operator
import signal
import threading
from typing import TYPE_CHECKING, Any

from jinja2.sandbox import ImmutableSandboxedEnvironment

from deckgen.errors import BindingError

if TYPE_CHECKING:
    from collections.abc import Iterator

    from jinja2 import Template

#: The longest text (or list) one template may produce, in characters (items).
MAX_TEXT = 10_000
#: Seconds one template may take to render.
TIME_LIMIT = 2.0
#: The largest exponent ``**`` may use (10 ** 300 is already far past any data value).
MAX_EXPONENT = 300

#: String methods a template may call; everything else on a str is refused.
STR_METHODS = frozenset(
    {"upper", "lower", "title", "capitalize", "strip", "lstrip", "rstrip", "startswith",
     "endswith", "split", "removeprefix", "removesuffix"}
)  # fmt: skip
#: Built-in filters that pad or repeat text to a size the template chooses.
UNSAFE_FILTERS = ("center", "indent", "wordwrap", "filesizeformat", "urlize", "pprint")


class TemplateTooBig(BindingError):
    """A template asked for more text, items or time than a text field can need."""


class Sandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox with limits on size and time (see the module doc)."""

    intercepted_binops = frozenset({"*", "**"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        for name in UNSAFE_FILTERS:
            self.filters.pop(name, None)
        self.filters["replace"] = _bounded_replace

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if isinstance(obj, str) and attr not in STR_METHODS:
            return False
        return super().is_safe_attribute(obj, attr, value)

    def call_binop(self, context: Any, operator_name: str, left: Any, right: Any) -> Any:
        if operator_name == "*":
            return _bounded_repeat(left, right)
        if operator_name == "**":
            if isinstance(right, int | float) and abs(right) > MAX_EXPONENT:
                raise TemplateTooBig(f"exponent {right!r} is too large (at most {MAX_EXPONENT})")
            return operator.pow(left, right)
        return super().call_binop(context, operator_name, left, right)


def _bounded_repeat(left: Any, right: Any) -> Any:
    for seq, times in ((left, right), (right, left)):
        sized = isinstance(seq, str | list | tuple) and isinstance(times, int)
        if sized and len(seq) * times > MAX_TEXT:
            raise TemplateTooBig(f"a repeated text or list may hold at most {MAX_TEXT:,}")
    return operator.mul(left, right)


def _bounded_replace(text: Any, old: str, new: str, count: int | None = None) -> str:
    result = str(text).replace(old, new, -1 if count is None else count)
    if len(result) > MAX_TEXT:
        raise TemplateTooBig(f"replace made a text longer than {MAX_TEXT:,} characters")
    return result


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
