"""The outline: its model (``schema``), how it is read (``load``), and what its texts and
numbers say (``formats``, ``words``, ``text_numbers``).

Every model of deckgen's (an outline's, a theme's, each kind's) is made on import of a
module that imports this package first, so this is where pydantic is made quicker at
making them (:func:`_read_signatures_once`).
"""

from __future__ import annotations

from types import MethodType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable
    from inspect import Signature


def _read_signatures_once() -> None:
    """Have pydantic read each validator's signature once a process, not once a model.

    Making a model, pydantic reads the signature of every validator, serializer and default
    factory it has (``inspect.signature``, for the arguments each takes), inherited ones
    included: again for every subclass. A chart type inherits some thirty of them: a model
    made from one took 7.9 ms, 6.1 ms with each signature read once, and importing every
    kind took 500 ms, 460 ms so (medians of 7, pydantic's own import included). A
    function's signature is the same every time it is read, so each is read once.

    ``signature_no_eval`` is pydantic's private helper (2.10 and later): where a pydantic
    has none, nothing is changed and models are only made more slowly. A callable that
    cannot be a dict key is read every time, as before.
    """
    try:
        from pydantic._internal import _decorators, _typing_extra
    except ImportError:  # pragma: no cover - a pydantic laid out otherwise
        return
    read = getattr(_typing_extra, "signature_no_eval", None)
    if not callable(read) or getattr(read, "read_once", False):
        return
    known: dict[Any, Signature] = {}

    def signature(f: Callable[..., Any]) -> Signature:  # pydantic's name for it: ``f``
        # A method's signature is its function's less the first argument, whatever it is
        # bound to: a classmethod validator is bound anew to each subclass.
        key = (f.__func__,) if isinstance(f, MethodType) else f
        try:
            found = known.get(key)
        except TypeError:  # not hashable
            return read(f)
        if found is None:
            found = known[key] = read(f)
        return found

    signature.read_once = True  # type: ignore[attr-defined]
    signature.__wrapped__ = read  # type: ignore[attr-defined]
    _typing_extra.signature_no_eval = signature
    if getattr(_decorators, "signature_no_eval", None) is read:  # imported there by name
        _decorators.signature_no_eval = signature


_read_signatures_once()
