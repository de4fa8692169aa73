"""pydantic reads each validator's signature once a process (deckgen/outline/__init__.py),
and makes the same models for it."""

from __future__ import annotations

import inspect
import re
from typing import Any

import pytest
from pydantic import BaseModel, field_validator
from pydantic._internal import _decorators, _typing_extra

import deckgen.outline  # noqa: F401 - what installs the memo


class _Base(BaseModel):
    size: float = 1.0

    @field_validator("size")
    @classmethod
    def _positive(cls, value: float) -> float:
        if value <= 0:
            raise ValueError("expected a size above 0")
        return value


def _subclass(name: str) -> type[BaseModel]:
    return type(name, (_Base,), {"__module__": __name__, "__annotations__": {}})


def _schema(model: type[BaseModel]) -> str:
    # Addresses and the ids pydantic puts in its references differ between any two models.
    text = repr(model.__pydantic_core_schema__).replace(model.__name__, "M")
    return re.sub(r"0x[0-9a-f]+|:\d{6,}", "", text)


def test_a_validator_bound_to_two_models_has_its_signature_read_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    memo = _typing_extra.signature_no_eval
    assert getattr(memo, "read_once", False)
    assert _decorators.signature_no_eval is memo
    reads: list[Any] = []

    def counted(function: Any, **kwargs: Any) -> inspect.Signature:
        reads.append(function)
        return inspect.signature(function, **kwargs)

    monkeypatch.setattr(_typing_extra, "signature", counted)  # what pydantic reads with

    def check(cls: Any, value: float) -> float:
        return value

    # Bound to two classes, as a classmethod validator is bound to each subclass.
    first, second = classmethod(check).__get__(None, int), classmethod(check).__get__(None, str)
    assert memo(first) is memo(second)
    assert len(reads) == 1
    assert str(memo(first)) == "(value: 'float') -> 'float'"


def test_a_callable_that_is_no_dict_key_is_read_every_time() -> None:
    class Unhashable:
        __hash__ = None  # type: ignore[assignment]

        def __call__(self, value: int) -> int:
            return value

    assert str(_typing_extra.signature_no_eval(Unhashable())) == "(value: 'int') -> 'int'"


def test_the_models_made_are_the_same_as_without_the_memo(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with_memo = _subclass("WithMemo")
    original = _typing_extra.signature_no_eval.__wrapped__  # type: ignore[attr-defined]
    monkeypatch.setattr(_typing_extra, "signature_no_eval", original)
    monkeypatch.setattr(_decorators, "signature_no_eval", original)
    without = _subclass("Without")
    assert _schema(with_memo) == _schema(without)
    assert with_memo(size=2).size == 2.0
    with pytest.raises(ValueError, match="above 0"):
        with_memo(size=0)
