"""Render every template in a validated outline; return the plain outline and what it read.

A string field is a template when it holds ``{{`` or ``{%``. Templates run in Jinja2's
immutable sandbox (an outline is data, never code): they can read the data sources, the
outline's ``vars:`` and the filters in :mod:`deckgen.binding.filters`, and nothing else.
Structural fields (source names, columns, formats, presets...) are never templates, so
what was checked at load time stays true.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import math
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from pydantic import BaseModel

from deckgen.binding.tables import Read, ReadLog, Shown, Table, tables_for_templates
from deckgen.errors import (
    BindingError,
    DeckgenError,
    Location,
    OutlineError,
    Problem,
    counted,
    did_you_mean,
)
from deckgen.outline.schema import ChartSpec, OutlineBase
from deckgen.outline.words import NO_BREAK_SPACES, words_for

if TYPE_CHECKING:
    from collections.abc import Mapping

    import pandas as pd
    from jinja2 import Template
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    from deckgen.outline.load import LoadedOutline, PathKey
    from deckgen.plan.memo import PlanMemo

O = TypeVar("O", bound=OutlineBase)  # noqa: E741 - the outline model type

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
    #: The numbers it wrote through a number filter (its vars' too), as they were written.
    shown: tuple[Shown, ...] = ()


@dataclass(frozen=True)
class BoundOutline(Generic[O]):
    loaded: LoadedOutline[O]
    bindings: tuple[Binding, ...]

    def reads_of(self, prefix: PathKey) -> tuple[Read, ...]:
        """Every cell read by the templates under ``prefix`` (e.g. one slide)."""
        n = len(prefix)
        return tuple(
            dict.fromkeys(r for b in self.bindings if b.path[:n] == prefix for r in b.reads)
        )


def is_template(text: str) -> bool:
    """Whether ``text`` is filled in: a ``{{ }}``, a ``{% %}`` or a ``{# #}`` comment (a
    text with a comment alone, 'Growth was strong {# TODO: verify #}', printed it on the
    slide: found by fuzzing)."""
    return "{{" in text or "{%" in text or "{#" in text


def bind_outline(
    loaded: LoadedOutline[O],
    frames: dict[str, pd.DataFrame],
    extra: Mapping[str, Any] | None = None,
    templates: Mapping[str, Table] | None = None,
    *,
    memo: PlanMemo | None = None,
) -> BoundOutline[O]:
    """Fill in every template of ``loaded``; raise one :class:`BindingError` listing all
    templates that fail, each with its slide and field.

    ``extra`` adds names templates may use besides the data sources and vars: ``row``, the
    current row of ``deckgen batch``. ``templates``: the data sources as templates see them
    (:func:`tables_for_templates` of ``frames``), when the caller binds many times against
    the same data (a batch: each source's rows are made once, not once a row). ``memo``:
    texts kept from earlier builds (a warm session's), each reused while the sources its
    template names and reads are unchanged, and the vars it uses say the same.
    """
    from deckgen.binding.filters import parse_locale
    from deckgen.outline.formats import marks_of

    outline = loaded.outline
    try:
        parse_locale(outline.deck.locale)
    except ValueError as exc:
        raise OutlineError(Problem(loaded.locate("deck", "locale"), str(exc))) from None
    and_word = words_for(outline.deck.locale, outline.deck.words).shown.last_name
    env, compiled = environment(outline.deck.locale, outline.deck.words.points, and_word)
    names: dict[str, Any] = dict(tables_for_templates(frames) if templates is None else templates)
    for name, value in (extra or {}).items():
        if name in names:
            raise BindingError(
                Problem(loaded.locate("data", name), f"a data source may not be called {name!r}: "
                        "the batch binds that name to the current row", "rename the source")
            )  # fmt: skip
        names[name] = value
    bindings: list[Binding] = []
    problems: list[Problem] = []
    renderer = _Renderer(loaded, env, names, bindings, problems, compiled)
    # How the deck writes a decimal: a var printed '8,7' in a German deck is 8.7.
    decimal = renderer.decimal = marks_of(outline.deck.locale)[0]
    renderer.memo, renderer.frames = memo, frames
    # vars first, in order: each may use the ones before it.
    refused: set[str] = set()  # vars named as a template function or a data source
    for name, value in outline.vars.items():
        if name in env.globals:
            refused.add(name)
            problems.append(
                Problem(
                    loaded.locate("vars", name),
                    f"a var may not be called {name!r}: the name would hide the template "
                    f"function {name}()",
                    f"rename the var, e.g. {name + '_value'!r}",
                )
            )
            continue
        if name in names:
            refused.add(name)
            # A batch binds its row as 'row' (found by fuzzing: 'a data source').
            batch_row = name == "row" and name not in loaded.outline.data
            whose = "the row `deckgen batch` builds" if batch_row else "a data source"
            problems.append(
                Problem(
                    loaded.locate("vars", name),
                    f"var {name!r} has the name of {whose}",
                    "rename the var",
                )
            )
            continue
        before, failed = len(problems), len(renderer.failed)
        names[name] = _as_number(renderer.value(("vars", name), value), decimal)
        if len(renderer.failed) > failed:
            renderer.broken.add(name)
        if isinstance(names[name], float) and not math.isfinite(names[name]):
            # Said where it is written, once; the templates using it write it as text (at
            # each, it was 'not a finite number', the var unnamed: found by fuzzing).
            refused.add(name)
            names[name] = str(value)
            problems.append(
                Problem(
                    loaded.locate("vars", name),
                    f"var {name!r} is {value}: no number a deck can write (past the "
                    "largest, about 1.8e308, or not a number)",
                    "write a finite number",
                )
            )
            continue
        renderer.var_reads[name] = renderer.last_reads if is_template(str(value)) else ()
        renderer.var_shown[name] = renderer.last_shown if is_template(str(value)) else ()
        problems[before:] = [_var_below(p, name, outline.vars, loaded) for p in problems[before:]]
    # The vars are done; the outline keeps their text, not their templates.
    # (A refused var is left out: under a data source's name, its value would be the table,
    # and the vars would be reported again as text that is not text.)
    rendered = {name: names[name] for name in outline.vars if name in names and name not in refused}
    new = renderer.walk(outline.model_copy(update={"vars": rendered}), ())
    bound = BoundOutline(dataclasses.replace(loaded, outline=new), tuple(bindings))
    if problems:
        raise PartlyBound(_one_for_row(problems), bound, renderer.failed)
    return bound


#: The fix of a template that reads ``row`` outside a batch.
ROW_HINT = ("'row' is the row `deckgen batch OUTLINE --for-each TABLE` builds a deck for: "
            "build this outline with `deckgen batch`, check it with `deckgen check OUTLINE "
            "--for-each TABLE`, and preview one row's deck with `deckgen preview OUTLINE "
            "--for-each TABLE --where COLUMN=VALUE`")  # fmt: skip


def _one_for_row(problems: list[Problem]) -> list[Problem]:
    """``problems``, those of templates that read ``row`` outside a batch said once, at the
    first, naming the others' fields: a preview of a batch outline printed one for each
    of its templates (found by a new user)."""
    row = [p for p in problems if p.hint == ROW_HINT]
    if len(row) < 2:
        return problems
    fields = [p.location.field for p in row if p.location is not None and p.location.field]
    shown = ", ".join(fields[:3]) + (f" and {len(fields) - 3} more" if len(fields) > 3 else "")
    first = Problem(row[0].location,
                    f"{len(row)} templates read 'row', which only a batch binds ({shown}): "
                    "this outline makes a deck for each row of a table", ROW_HINT)  # fmt: skip
    return [first if p is row[0] else p for p in problems if p is row[0] or p not in row]


class PartlyBound(BindingError):
    """Templates that failed, and the outline with every other filled in (``bound``; the
    failed ones kept as written): the checks that need the data run on its slides and
    cards but those in ``left_out``, so one bad template does not hide a bad highlight on
    another slide until it is fixed (found by fuzzing)."""

    def __init__(self, problems: list[Problem], bound: BoundOutline[Any],
                 failed: list[PathKey]) -> None:  # fmt: skip
        super().__init__(problems)
        self.bound = bound
        self.left_out = frozenset(_part(path) for path in failed)


def _part(path: PathKey) -> PathKey:
    """The slide or card a field's ``path`` is in (``("slides", 2)``), else the path."""
    if path[:1] == ("slides",):
        return path[:2]
    return path[:3] if path[:2] == ("social", "cards") else path


def _as_number(value: Any, decimal: str = ".") -> Any:
    """A var that renders to a plain number stays a number, so later templates can do
    arithmetic with it (``{{ total - part }}``); anything else stays text. The number is
    read as the deck prints one, with its ``decimal`` mark: a German deck's var printed
    '8,7' stayed text, and the percent filter read it as 87 (found in review)."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    if decimal != ".":
        if "." in text:
            return value  # not as this deck prints a number
        text = text.replace(decimal, ".")
    if _PLAIN_NUMBER.fullmatch(text):
        text = text.replace("\u2212", "-")  # a negative number prints with U+2212
        number = float(text)
        return int(number) if number.is_integer() and "." not in text else number
    return value


def _printed_number(value: Any, decimal: str) -> Any:
    """``value``, where it is a number as a deck whose ``decimal`` mark is not a point
    prints one ('6,1'), as that number; else as it is."""
    if isinstance(value, str) and decimal in value:
        number = _as_number(value, decimal)
        return value if isinstance(number, str) else number
    return value


def _takes_number(annotation: Any) -> bool:
    """Whether a field of this type takes a number (``float | Literal['mean'] | str``)."""
    import typing

    if annotation in (int, float):
        return True
    return any(_takes_number(arg) for arg in typing.get_args(annotation))


_PLAIN_NUMBER = re.compile(r"[-\u2212]?\d+(\.\d+)?(e-?\d+)?")


def _one_line(text: str) -> str:
    """A one-line template's text with each run of white space one space, and none at its
    ends; a no-break space a filter wrote is kept (French '2\u202f000\u202f000': made a
    plain space, the title 'vendu 2\u202f000\u202f000,0 voitures' broke inside its
    number on a card)."""
    return _SPACES.sub(" ", text).strip(" ")


#: White space but the no-break spaces: what :func:`_one_line` makes one space.
_SPACES = re.compile(rf"[^\S{NO_BREAK_SPACES}]+")


@functools.lru_cache(maxsize=4)
def environment(
    name: str, points: str | None = None, and_word: str | None = None
) -> tuple[ImmutableSandboxedEnvironment, dict[str, tuple[Template, frozenset[str]]]]:
    """The sandbox for the locale ``name`` (and ``deck.words.points``, where set, and the
    word before the last name of a list it prints), and the templates it has compiled, by
    source: one per locale and process, so a warm session (``deckgen watch``) does not
    compile the outline's templates again on every build (compiling is most of binding's
    time)."""
    from jinja2 import StrictUndefined

    from deckgen.binding.filters import FUNCTIONS, finalizer, make_filters, parse_locale
    from deckgen.binding.sandbox import Sandbox

    locale = parse_locale(name)
    env = Sandbox(undefined=StrictUndefined, autoescape=False, finalize=finalizer(locale, and_word))
    env.filters.update(make_filters(locale, points))
    env.globals.update(FUNCTIONS)
    return env, {}


class _Renderer:
    def __init__(
        self,
        loaded: LoadedOutline[Any],
        env: ImmutableSandboxedEnvironment,
        names: dict[str, Any],
        bindings: list[Binding],
        problems: list[Problem],
        compiled: dict[str, tuple[Template, frozenset[str]]],
    ) -> None:
        self.loaded, self.env, self.names, self.compiled = loaded, env, names, compiled
        self.bindings, self.problems = bindings, problems
        #: What each var read, so a template that uses the var is known to read it too.
        self.var_reads: dict[str, tuple[Read, ...]] = {}
        self.last_reads: tuple[Read, ...] = ()
        #: The numbers each var wrote, so a template printing the var shows them too.
        self.var_shown: dict[str, tuple[Shown, ...]] = {}
        self.last_shown: tuple[Shown, ...] = ()
        from deckgen.binding.sandbox import Budget

        #: Where each template that failed is (a slide's checks leave it out: see
        #: :class:`PartlyBound`).
        self.failed: list[PathKey] = []
        #: The vars whose template failed: a template using one fails with it, unsaid.
        self.broken: set[str] = set()
        #: The time all the outline's templates may take, from now.
        self.budget = Budget()
        #: Texts kept between builds, and the data they were read from (see bind_outline).
        self.memo: PlanMemo | None = None
        self.frames: Mapping[str, pd.DataFrame] = {}
        #: The deck's decimal mark, as its templates print numbers (see _revalidated).
        self.decimal = "."

    def _revalidated(self, node: BaseModel, updates: dict[str, Any], path: PathKey) -> Any:
        """``node`` with ``updates``, validated again: a field that takes a number or a
        template (a reference line's value) gets its number only now; printed with a
        decimal comma (a German deck's '6,1'), it is read as the deck printed it, not as
        61 (found in review)."""
        from pydantic import ValidationError

        model = type(node).model_fields
        if self.decimal != ".":
            updates = {k: _printed_number(v, self.decimal) if _takes_number(model[k].annotation)
                       else v for k, v in updates.items()}  # fmt: skip
        # The fields the outline gave, as it gave them: every field given again made each
        # default one the outline's own words, and the change report then said the
        # defaults of a chart whose highlight became a template were edited ('format
        # edited: '' -> 'compact:1'', found by a new user).
        fields = {name: getattr(node, name) for name in node.model_fields_set}
        try:
            return type(node).model_validate({**fields, **updates})
        except ValidationError as exc:
            for err in exc.errors():
                where = self.loaded.locate(*path, *err["loc"])
                found = err.get("input")
                said = str(err["msg"]).removeprefix("Value error, ")  # pydantic's own prefix
                self.problems.append(Problem(where, f"{said}; the template gave {found!r}"))
                self.failed.append(path)
            return node

    def walk(self, node: Any, path: PathKey) -> Any:
        """A copy of ``node`` with every template under it rendered (and a chart's
        highlight named as its data names it: :meth:`_dated`)."""
        if isinstance(node, BaseModel):
            return self._dressed(self._dated(self._model(node, path)))
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

    def _model(self, node: BaseModel, path: PathKey) -> Any:
        """A copy of the model ``node`` with every template under it rendered."""
        updates = {}
        for field in type(node).model_fields:
            if field in STRUCTURAL or (not path and field == "vars"):
                continue
            value = getattr(node, field)
            new = self.walk(value, (*path, field))
            if new is not value:
                updates[field] = new
        if not updates:
            return node
        if self.memo is None:
            return self._revalidated(node, updates, path)
        before = len(self.problems)
        checked = self.memo.bound(node, updates, lambda: self._revalidated(node, updates, path))
        if len(self.problems) > before:  # not kept: each build reports its problems
            self.memo.forget_bound(node)
        return checked

    def _dated(self, node: Any) -> Any:
        """``node``, where it is a chart whose highlight names a period of its date ``x``
        column otherwise than the data ('Oct 2025' for '2025-10'), with the data's names
        (:func:`~deckgen.tables.select.dated_highlight`): so the picture, the native
        chart, a card and the checks all read the highlight as ``annotations: at:``
        does. Bound here, after its templates, as the chart is to its data."""
        if not isinstance(node, ChartSpec) or not node.highlight:
            return node
        frame = self.frames.get(node.data)
        if frame is None:
            return node
        from deckgen.tables.select import dated_highlight

        named = dated_highlight(node, frame)
        return node if named == node.highlight else node.model_copy(update={"highlight": named})

    def _dressed(self, node: Any) -> Any:
        """``node``, where it is a chart with no ``format:`` whose values the data writes as
        percentages (a sheet's cells formatted 0.0%, or text cells '23.6%'), with a percent
        format of the data's decimals: its axis and labels read 23.6 where the sheet and a
        table of the same column read 23.6%, and nothing said so (found by a new user); or
        as money in text cells ('$1,200', '12,50 €'), with the default format and the sign.
        Bound here, as :meth:`_dated` binds a highlight: the picture, the native chart, a
        card and the checks all read the same format."""
        if not isinstance(node, ChartSpec) or "format" in node.model_fields_set:
            return node
        frame = self.frames.get(node.data)
        if frame is None:
            return node
        from deckgen.outline.formats import DEFAULT_FORMAT, NumberFormat
        from deckgen.tables.select import currency_dress, percent_dress

        decimals = percent_dress(frame, node.y_columns)
        if decimals is not None:
            dressed = NumberFormat(style="percent", decimals=decimals)
        elif (sign := currency_dress(frame, node.y_columns)) is not None:
            # Money as the data writes it ('$1,200'), in the default's compact form.
            dressed = DEFAULT_FORMAT.model_copy(update={"prefix": sign[0], "suffix": sign[1]})
        else:
            return node
        return node.model_copy(update={"format": dressed})

    def _compiled(self, template: str) -> tuple[Template, frozenset[str]]:
        """``template`` compiled, and the names it uses."""
        found = self.compiled.get(template)
        if found is None:
            from jinja2 import meta

            tree = self.env.parse(template)  # parsed once: compiled and read for names
            found = (self.env.from_string(tree), frozenset(meta.find_undeclared_variables(tree)))
            self.compiled[template] = found
        return found

    def value(self, path: PathKey, template: Any) -> Any:
        if not isinstance(template, str) or not is_template(template):
            return template
        from deckgen.binding.sandbox import OutlineOutOfTime, render_bounded

        where = self.loaded.locate(*path)
        self.last_reads, self.last_shown = (), ()
        kept = None
        try:
            compiled, used = self._compiled(template)
            if used & self.broken:
                # A var that failed is said once, where it is written: each template using
                # it said its text was no number, before the var's own error (a new user's
                # typo in a var gave four errors, the cause last).
                self.failed.append(path)
                return template
            key = self._key(template, used)
            kept = self.memo.recall(key, self.frames) if self.memo else None
            if kept is None:
                with ReadLog() as log:
                    text = render_bounded(compiled, self.names, self.budget)
        except OutlineOutOfTime as exc:  # every later field would fail the same way: stop
            self.problems.append(_problem(where, template, exc, self.names))
            self.failed.append(path)
            raise BindingError(self.problems) from None
        except BindingError as exc:  # what the data does not have: a message for the field
            self.problems.append(_problem(where, template, exc, self.names))
            self.failed.append(path)
            return template
        except DeckgenError:
            raise
        except Exception as exc:  # Jinja raises many types; each becomes one message
            self.problems.append(_problem(where, template, exc, self.names))
            self.failed.append(path)
            return template
        if kept is not None:
            text, own, wrote = kept.value
        else:
            text = _one_line(text) if "\n" not in template.strip() else text.strip()
            own, wrote = tuple(log.reads), tuple(log.shown)
            if self.memo is not None:
                sources = {*(n for n in used if n in self.frames), *(r.source for r in own)}
                self.memo.remember(key, self.frames, sources, (text, own, wrote))
        # A var's reads are its own (a var may say the same from other cells): added here,
        # and so are the numbers it wrote.
        reads = [*own, *(r for name in sorted(used) for r in self.var_reads.get(name, ()))]
        self.last_reads = tuple(dict.fromkeys(reads))
        order = sorted(used, key=lambda name: (template.find(name), name))  # as written
        shown = [*wrote, *(s for name in order for s in self.var_shown.get(name, ()))]
        self.last_shown = tuple(shown)
        self.bindings.append(Binding(path, where, template, text, self.last_reads, self.last_shown))
        return text

    def _key(self, template: str, used: frozenset[str]) -> str | None:
        """What ``template`` says depends on besides the sources it reads: its words, the
        locale and the deck's words for points and lists, and the values of the other names
        it uses (vars, a batch's ``row``)."""
        if self.memo is None:
            return None
        names, frames = self.names, self.frames
        values = [[n, names[n]] for n in sorted(used) if n in names and n not in frames]
        if not all(isinstance(v, str | int | float) for _, v in values):
            return None  # a batch's row: its own build, not kept
        unknown = sorted(n for n in used if n not in names)
        deck = self.loaded.outline.deck
        said = [deck.locale, deck.words.points, words_for(deck.locale, deck.words).shown.last_name]
        text = json.dumps([template, said, values, unknown])
        return hashlib.sha256(text.encode()).hexdigest()


def _var_below(problem: Problem, name: str, variables: dict[str, Any],
               loaded: LoadedOutline[Any]) -> Problem:  # fmt: skip
    """A var ``name`` found undefined because it is defined below: said so, with where, and
    a cycle of two as a cycle. The message read "'china' is undefined" with a hint listing
    the data sources, the var on the next line (found by fuzzing)."""
    found = re.search(r"'([^']+)' is undefined$", problem.message)
    order = list(variables)
    if not found or found[1] not in variables or order.index(found[1]) < order.index(name):
        return problem
    other = found[1]
    below = f"line {loaded.locate('vars', other).line}"
    if re.search(rf"\b{re.escape(name)}\b", str(variables[other])):
        return replace(problem, message=f"{problem.message.rsplit(':', 1)[0]}: vars {name!r} "
                       f"and {other!r} ({below}) use each other, and a var may use only the "
                       "vars above it", hint="compute one of them without the other")  # fmt: skip
    return replace(problem, message=f"{problem.message.rsplit(':', 1)[0]}: {other!r} is a var "
                   f"defined below ({below}), and a var may use only the vars above it",
                   hint=f"move {other!r} above {name!r}")  # fmt: skip


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
        opened, closed = template.count("{{"), template.count("}}")
        if opened != closed:
            # 'unexpected }' of '{{ x | compact }' said nothing of the brace left out
            # (found by a new user).
            hint = (f"close each '{{{{' with '}}}}': the text has {opened} '{{{{' and "
                    f"{closed} '}}}}'")  # fmt: skip
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
        if missing == "row":
            hint = ROW_HINT
    elif isinstance(exc, SecurityError):
        reason = f"not allowed in a template: {exc}"
        hint = ("a template reads the data and the vars, not Python's internals: write "
                "{{ source.row.column }}, or a filter or function the README lists")  # fmt: skip
    elif isinstance(exc, BindingError):
        reason = str(exc)
        hint = getattr(exc, "hint", None)  # a limit's (sandbox.TemplateTooBig) says what to do
        expressions = re.findall(r"\{\{(.*?)\}\}", template, re.DOTALL)
        if len(expressions) == 1 and "{{ ... }}" in reason:
            # The one expression of the field, named: '{{ ... }} got no value' left the
            # reader to find which (found by fuzzing).
            reason = reason.replace("{{ ... }}", "{{ " + expressions[0].strip() + " }}")
    elif isinstance(exc, TypeError) and "no loader for this environment" in str(exc):
        # Jinja's words for include, import and extends with no files to read from.
        reason = "a template reads no other files ({% include %}, {% import %}, {% extends %})"
        hint = "write the text in the field itself, or give a shared value a name in vars:"
    elif isinstance(exc, TypeError) and "'NoneType'" in str(exc):
        # An empty cell compared or taken by a function (max, a method): the operators and
        # filters say so themselves (sandbox), Python's own words named NoneType.
        from deckgen.binding.filters import NoValue

        reason = "a value used here is missing: an empty cell (or '-') in a comparison or a list"
        hint = NoValue.hint
    elif isinstance(exc, ZeroDivisionError):
        reason = "division by zero"
        # Its fix was 'fix the template' (found by fuzzing): a cell of zero, or one left out.
        hint = ("the number it divides by (or takes a remainder of) is 0: check that cell, "
                "or say what to write then: {{ (a / b) | percent if b else 'n/a' }}")  # fmt: skip
    elif isinstance(exc, AssertionError):
        # Jinja checks some filters' arguments with assert: truncate(-5) said 'AssertionError:
        # expected length >= 3, got -5' (found by fuzzing).
        reason = f"a filter's argument is out of its range: {exc}"
        hint = _SEE_FILTERS
    elif isinstance(exc, RecursionError):
        # A macro calling itself, or expressions nested thousands deep (found by fuzzing).
        reason = "the template nests too deep, or calls itself without end"
    elif isinstance(exc, MemoryError | OverflowError):
        reason = f"the template asks for too much ({exc or type(exc).__name__})"
    elif isinstance(exc, NameError) and str(exc) in ("name 'inf' is not defined",
                                                      "name 'nan' is not defined"):  # fmt: skip
        # Jinja works out "'inf' | float" when it compiles, and writes the result as the
        # name inf into its code (found by fuzzing).
        reason = "the template makes a number past the largest one, or no number (inf, nan)"
        hint = ("a deck writes finite numbers: check the cells it reads, and write a "
                "number, not 'inf' or 'nan'")  # fmt: skip
    elif isinstance(exc, TypeError) and (given := _ARGUMENTS.search(str(exc))) is not None:
        # 'make_filters.<locals>.fmt() takes 2 positional arguments but 4 were given': a
        # filter's count takes in the value before its '|' (found by fuzzing).
        name, takes, was = given["name"], int(given["takes"]), int(given["given"])
        if given["filter"]:
            name, takes, was = f"the filter {_filter_name(name)!r}", takes - 1, was - 1
        else:
            name = f"{name}()"
        reason = f"{name} takes {counted(takes, 'argument')}, given {was}"
        hint = _SEE_FILTERS
    elif isinstance(exc, TypeError) and (odd := _KEYWORD.search(str(exc))) is not None:
        # 'make_filters.<locals>.number() got an unexpected keyword argument 'decimal'':
        # a function's inner name, and the fix pointed at the README (found in review).
        name = _filter_name(odd["name"]) if odd["filter"] else odd["name"]
        reason = f"{name} takes no argument {odd['keyword']!r}"
        hint = _keyword_hint(name, odd["keyword"]) or _SEE_FILTERS
    elif isinstance(exc, TypeError) and "is not JSON serializable" in str(exc):
        typed = re.search(r"of type (\w+)", str(exc))
        kind = typed[1].lower() if typed else "value of another kind"
        kind = f"whole {kind}" if kind in ("table", "row") else kind
        reason = f"tojson writes text, numbers, lists and mappings, not a {kind}"
        hint = "give it the cells to write: a row's values, or a column as a list"
    elif isinstance(exc, ValueError | TypeError | KeyError | IndexError):
        # Python's own words, without its class name ('ValueError: 5 is not in list').
        reason = str(exc) or type(exc).__name__
        hint = _SEE_FILTERS
    elif "cannot assign attribute on non-namespace object" in str(exc):
        # Jinja's TemplateRuntimeError for '{% set row.x = 1 %}' (found by fuzzing).
        reason = "'{% set name.field = ... %}' sets a field of a namespace() only"
        hint = ("make one first, {% set ns = namespace(total=0) %}, then "
                "{% set ns.total = ns.total + 1 %}; or give the value a name of its own, "
                "{% set total = ... %}")  # fmt: skip
    else:
        reason = f"{type(exc).__name__}: {exc}"
    return Problem(where, f"cannot fill in {shown!r}: {reason}", hint)


#: Python's words for a call with too many or too few arguments.
_ARGUMENTS = re.compile(
    r"(?P<filter>make_filters\.<locals>\.)?(?P<name>\w+)\(\) takes (?:from \d+ to )?"
    r"(?P<takes>\d+) positional arguments? but (?P<given>\d+) (?:were|was) given"
)
_SEE_FILTERS = ("check the values and arguments it uses: README, 'Filters and functions', "
                "lists what each filter takes")  # fmt: skip


_KEYWORD = re.compile(
    r"(?P<filter>make_filters\.<locals>\.)?(?P<name>\w+)\(\) got an unexpected keyword "
    r"argument '(?P<keyword>\w+)'"
)


def _keyword_hint(name: str, keyword: str) -> str | None:
    """The nearest keyword the filter ``name`` takes to ``keyword``, as a fix."""
    import inspect

    from babel import Locale

    from deckgen.binding.filters import make_filters

    function = make_filters(Locale.parse("en_US")).get(name)
    if function is None:
        return None
    takes = [p.name for p in list(inspect.signature(function).parameters.values())[1:]
             if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)]  # fmt: skip
    if not takes:
        return f"{name} takes no arguments: write {{{{ value | {name} }}}}"
    meant = did_you_mean(keyword, takes)
    return (f"{meant} ({name} takes {', '.join(f'{t}=' for t in takes)})" if meant
            else f"{name} takes {', '.join(f'{t}=' for t in takes)}")  # fmt: skip


def _filter_name(function: str) -> str:
    """The name a template calls the filter whose function is named ``function``."""
    from babel import Locale

    from deckgen.binding.filters import make_filters

    named = {getattr(f, "__name__", ""): name for name, f in
             make_filters(Locale.parse("en_US")).items()}  # fmt: skip
    return named.get(function, function)
