"""Render every template in a validated outline; return the plain outline and what it read.

A string field is a template when it holds ``{{`` or ``{%``. Templates run in Jinja2's
immutable sandbox (an outline is data, never code): they can read the data sources, the
outline's ``vars:`` and the filters in :mod:`deckgen.binding.filters`, and nothing else.
Structural fields (source names, columns, formats, presets...) are never templates, so
what was checked at load time stays true.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from deckgen.binding.tables import BindingError, Read, ReadLog, tables_for_templates
from deckgen.errors import DeckgenError, Location, OutlineError, Problem, did_you_mean

if TYPE_CHECKING:
    import pandas as pd
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    from deckgen.outline.load import LoadedOutline, PathKey

#: Fields that name things rather than say things: never rendered as templates.
STRUCTURAL = frozenset(
    {"kind", "data", "x", "y", "file", "sheet", "column", "by", "op", "format", "name",
     "presets", "preset", "share", "theme", "size", "type", "locale", "logo"}
)  # fmt: skip


@dataclass(frozen=True)
class Binding:
    """One rendered template: where it is, what it said, what it became and read."""

    path: PathKey
    where: Location
    template: str
    text: str
    reads: tuple[Read, ...]


@dataclass(frozen=True)
class BoundOutline:
    loaded: LoadedOutline
    bindings: tuple[Binding, ...]

    def reads_of(self, prefix: PathKey) -> tuple[Read, ...]:
        """Every cell read by the templates under ``prefix`` (e.g. one slide)."""
        n = len(prefix)
        return tuple(
            dict.fromkeys(r for b in self.bindings if b.path[:n] == prefix for r in b.reads)
        )


def is_template(text: str) -> bool:
    return "{{" in text or "{%" in text


def bind_outline(loaded: LoadedOutline, frames: dict[str, pd.DataFrame]) -> BoundOutline:
    """Fill in every template of ``loaded``; raise one :class:`OutlineError` listing all
    templates that fail, each with its slide and field."""
    from deckgen.binding.filters import parse_locale

    outline = loaded.outline
    try:
        locale = parse_locale(outline.deck.locale)
    except ValueError as exc:
        raise OutlineError(Problem(loaded.locate("deck", "locale"), str(exc))) from None
    env = _environment(locale)
    names: dict[str, Any] = dict(tables_for_templates(frames))
    bindings: list[Binding] = []
    problems: list[Problem] = []
    renderer = _Renderer(loaded, env, names, bindings, problems)
    # vars first, in order: each may use the ones before it.
    for name, value in outline.vars.items():
        if name in names:
            problems.append(
                Problem(
                    loaded.locate("vars", name),
                    f"var {name!r} has the name of a data source",
                    "rename the var",
                )
            )
            continue
        names[name] = renderer.value(("vars", name), value)
    new = renderer.walk(outline, ())
    if problems:
        raise OutlineError(problems)
    return BoundOutline(dataclasses.replace(loaded, outline=new), tuple(bindings))


def _environment(locale: Any) -> ImmutableSandboxedEnvironment:
    from jinja2 import StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    from deckgen.binding.filters import FUNCTIONS, make_filters

    env = ImmutableSandboxedEnvironment(undefined=StrictUndefined, autoescape=False)
    env.filters.update(make_filters(locale))
    env.globals.update(FUNCTIONS)
    return env


class _Renderer:
    def __init__(
        self,
        loaded: LoadedOutline,
        env: ImmutableSandboxedEnvironment,
        names: dict[str, Any],
        bindings: list[Binding],
        problems: list[Problem],
    ) -> None:
        self.loaded, self.env, self.names = loaded, env, names
        self.bindings, self.problems = bindings, problems

    def walk(self, node: Any, path: PathKey) -> Any:
        """A copy of ``node`` with every template under it rendered."""
        if isinstance(node, BaseModel):
            updates = {}
            for field in type(node).model_fields:
                if field in STRUCTURAL:
                    continue
                value = getattr(node, field)
                new = self.walk(value, (*path, field))
                if new is not value:
                    updates[field] = new
            return node.model_copy(update=updates) if updates else node
        if isinstance(node, list):
            items = [self.walk(item, (*path, i)) for i, item in enumerate(node)]
            return items if any(a is not b for a, b in zip(items, node, strict=True)) else node
        if isinstance(node, dict):
            # Keys are names (columns, ...); only the values are text.
            values = {k: self.walk(v, (*path, k)) for k, v in node.items()}
            return values if any(values[k] is not node[k] for k in node) else node
        if isinstance(node, str) and is_template(node):
            return self.value(path, node)
        return node

    def value(self, path: PathKey, template: Any) -> Any:
        if not isinstance(template, str) or not is_template(template):
            return template
        where = self.loaded.locate(*path)
        try:
            with ReadLog() as log:
                text = self.env.from_string(template).render(self.names)
        except DeckgenError:
            raise
        except Exception as exc:  # Jinja raises many types; each becomes one message
            self.problems.append(_problem(where, template, exc, self.names))
            return template
        text = " ".join(text.split()) if "\n" not in template.strip() else text.strip()
        self.bindings.append(Binding(path, where, template, text, log.unique()))
        return text


def _problem(where: Location, template: str, exc: Exception, names: dict[str, Any]) -> Problem:
    from jinja2 import TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError

    shown = template.strip()
    if len(shown) > 80:
        shown = shown[:77] + "..."
    hint = None
    if isinstance(exc, TemplateSyntaxError):
        reason = f"template syntax: {exc.message}"
        hint = "write expressions as {{ source.row.column | filter }}"
        if exc.message and exc.message.startswith("No filter named"):
            from deckgen.binding.filters import FILTER_NAMES

            hint = did_you_mean(exc.message.split("'")[1], FILTER_NAMES) or (
                f"filters: {', '.join(FILTER_NAMES)}"
            )
    elif isinstance(exc, UndefinedError):
        reason = str(exc.message)
        missing = reason.split("'")[1] if reason.count("'") >= 2 else ""
        hint = did_you_mean(missing, names) or (
            f"templates can use the data sources and vars: {', '.join(sorted(names))}"
        )
    elif isinstance(exc, SecurityError):
        reason = f"not allowed in a template: {exc}"
    elif isinstance(exc, BindingError):
        reason = str(exc)
    elif isinstance(exc, ZeroDivisionError):
        reason = "division by zero"
    else:
        reason = f"{type(exc).__name__}: {exc}"
    return Problem(where, f"cannot fill in {shown!r}: {reason}", hint)
