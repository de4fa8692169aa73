"""python-pptx's XML lookups, each XPath expression compiled once per process.

Every python-pptx element answers ``xpath(expr)`` by handing the expression to lxml, which
parses and compiles it again on every call. Building a deck asks thousands of times for a
few dozen distinct expressions (which placeholder a shape is, what a layout inherits), and
the compiling is most of that cost: a warm assembly of the benchmark's 20-slide deck took
129-143 ms, and takes 105 ms with each expression compiled once.

The one method is replaced, once, by one that keeps each compiled ``etree.XPath``: the
same expression with the same namespaces, evaluated by the same engine from the same
element, so it finds the same nodes in the same order (the decks are byte-identical;
``tests/ooxml/test_xpath.py``). lxml evaluates a compiled XPath under its own lock, so it
is safe in any thread.
"""

from __future__ import annotations

import functools
from typing import Any

from lxml import etree
from pptx.oxml.ns import _nsmap
from pptx.oxml.xmlchemy import BaseOxmlElement

#: python-pptx's own method, kept for the tests and to undo the change.
ORIGINAL = BaseOxmlElement.xpath


@functools.lru_cache(maxsize=1024)
def compiled(expression: str) -> etree.XPath:
    """``expression`` compiled with python-pptx's namespace prefixes (``p:``, ``a:``, ...)."""
    return etree.XPath(expression, namespaces=_nsmap)


def _xpath(self: BaseOxmlElement, xpath_str: str) -> Any:
    return compiled(xpath_str)(self)


def compile_once() -> None:
    """Make every python-pptx element compile each XPath once (idempotent)."""
    BaseOxmlElement.xpath = _xpath  # type: ignore[method-assign]


compile_once()
