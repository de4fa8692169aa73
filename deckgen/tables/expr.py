"""Expressions over one row, for the ``compute`` step: ``twh / total * 100``.

An outline is data, never code, so an expression is never given to ``eval``. It is parsed
with Python's own parser (:func:`ast.parse`, which only builds a tree) and every node is
checked against a short list of what an expression may hold:

* numbers, 'text', ``true``/``false``/``none`` (any case), column names, and ``col("2023")``
  for a column whose name is not a plain word;
* arithmetic ``+ - * / // % **``, comparisons ``== != < <= > >=`` (chained too),
  ``and``/``or``/``not``, and ``a if condition else b``;
* the functions ``round(x, digits)``, ``abs(x)``, ``min(a, b, ...)``, ``max(a, b, ...)``,
  ``coalesce(a, b, ...)`` and ``concat(a, b, ...)``.

The tree is then turned into nested Python closures that can do only those things.

Values are numbers (a cell that reads as one: ``1,234`` too), text, true/false or missing
(``None``: a blank or ``-`` cell). Arithmetic and comparisons with a missing value give a
missing value (a gap in the chart, not a zero); ``min``/``max`` skip missing values and
``coalesce`` returns its first present one; ``concat`` joins its values as text (a number
as its digits: ``concat(year, ' ', month)`` is '2023 Jan'). ``round`` rounds halves away from zero
(2.5 -> 3), as people do, not to even as Python does. Dividing by zero, a number too large,
or arithmetic on text is an error naming the row.
"""

from __future__ import annotations

import ast
import keyword
import math
import operator
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal
from typing import Any

from deckgen.errors import did_you_mean, yaml_scalar

Value = float | str | bool | None
Row = Mapping[str, Value]
Eval = Callable[[Row], Value]

#: The longest expression accepted, in characters (a formula, not a program).
MAX_LENGTH = 500
#: The largest exponent ``**`` may use.
MAX_EXPONENT = 300
#: What the functions are called, for messages.
FUNCTIONS = ("round", "abs", "min", "max", "coalesce", "concat", "col")


class ExprError(ValueError):
    """An expression that cannot be read, or a value it cannot work out; ``hint`` says
    what to do (by default, what an expression may hold: a check's fix line said "fix the
    file the outline names" of an expression's mistake; fuzzing)."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message, self.hint = message, hint or WRITTEN


#: What an expression may hold, for a mistake with no fix of its own.
WRITTEN = (
    "an expression holds column names (col('2023') for a name that is not one word), "
    "numbers, 'text', none, + - * / % **, comparisons, and, or, not, 'a if test else b' "
    f"and the functions {', '.join(FUNCTIONS)}"
)


@dataclass(frozen=True)
class Expression:
    """A checked expression: the columns it reads and how to work it out for one row."""

    text: str
    columns: tuple[str, ...]
    _run: Eval

    def __call__(self, row: Row) -> Value:
        """The value for ``row`` (column -> value); :class:`ExprError` if it has none."""
        try:
            return self._run(row)
        except ExprError:
            raise
        except ZeroDivisionError:
            raise ExprError("division by zero", "write 'a / b if b != 0 else none'") from None
        except OverflowError:
            raise ExprError("a number too large to work out") from None


def term(column: str) -> str:
    """``column`` as an expression names it: its name where that is one word, else
    ``col('Engagement rate')``."""
    return column if column.isidentifier() and not keyword.iskeyword(column) else (
        f"col({column!r})")  # fmt: skip


def percent_step(column: str) -> str:
    """The compute step that makes ``column``'s fractions percent, as an outline writes it:
    the column named as an expression names it ('Engagement rate * 100' did not parse:
    found in review)."""
    return f'compute: {{{yaml_scalar(column)}: "{term(column)} * 100"}}'


def parse(text: str, columns: list[str]) -> Expression:
    """Check ``text`` against the expression rules and the table's ``columns``."""
    if len(text) > MAX_LENGTH:
        raise ExprError(f"the expression is {len(text)} characters long; at most {MAX_LENGTH}")
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as exc:
        said = f"cannot read {text.strip()!r}: {exc.msg}"
        raise ExprError(said, _unread(text, columns)) from None
    except (RecursionError, MemoryError, ValueError):
        raise ExprError(f"cannot read {text.strip()!r}: it nests too deeply") from None
    builder = _Builder(columns, text.strip())
    try:
        run = builder.build(tree.body)
    except RecursionError:
        raise ExprError(f"cannot read {text.strip()!r}: it nests too deeply") from None
    return Expression(text, tuple(dict.fromkeys(builder.used)), run)


def _unread(text: str, columns: list[str]) -> str:
    """The fix for an expression that does not parse: where it holds a column whose name
    is not one word, that column written as one ('Engagement rate * 100', as the fix of a
    check wrote it, was told to write arithmetic over column names: found in review)."""
    named = sorted((c for c in columns if term(c) != c and c in text), key=len, reverse=True)
    if not named:
        return "write arithmetic over column names, e.g. 'twh / total * 100'"
    fixed = re.sub("|".join(re.escape(c) for c in named), lambda m: term(m[0]), text.strip())
    return f"write a column whose name is not one word as {term(named[0])}: {fixed!r}"


def _nearest_column(name: str, columns: list[str], *, quoted: bool) -> str:
    """The hint for a column ``name`` the table lacks: a column naming the same period
    ('2025-01', as a pivot names its date columns, for 'Jan 2025'), after a day that is no
    day, before a spelling near one; else what to do. 'Jan 2025' after a pivot was told to "write
    col('name')", in col('Jan 2025') (found by review): ``quoted``, it was written so."""
    from deckgen.tables.dates import nearest_day, period_form, period_hint

    found = (
        nearest_day(name, columns)
        or period_hint(name, columns, "the table")
        or did_you_mean(name, columns)
        or period_form(name, columns, "the table")
    )
    if found:
        return found
    odd = next((c for c in columns if not c.isidentifier()), None)
    if quoted or odd is None:
        return "use one of those columns, or make it in an earlier step"
    return (f"use one of those columns, or make it in an earlier step; a column whose name "
            f"is not one word is written col({odd!r})")  # fmt: skip


# --------------------------------------------------------------------------- building
_ARITHMETIC: dict[type[ast.operator], Callable[[Any, Any], Any]] = {
    ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
    ast.Div: operator.truediv, ast.FloorDiv: operator.floordiv, ast.Mod: operator.mod,
    ast.Pow: operator.pow,
}  # fmt: skip
_SYMBOLS: dict[type[ast.AST], str] = {
    ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.FloorDiv: "//", ast.Mod: "%",
    ast.Pow: "**", ast.Eq: "==", ast.NotEq: "!=", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">",
    ast.GtE: ">=",
}  # fmt: skip
_COMPARE: dict[type[ast.cmpop], Callable[[Any, Any], bool]] = {
    ast.Eq: operator.eq, ast.NotEq: operator.ne, ast.Lt: operator.lt, ast.LtE: operator.le,
    ast.Gt: operator.gt, ast.GtE: operator.ge,
}  # fmt: skip
_CONSTANTS: dict[str, Value] = {"true": True, "false": False, "none": None, "null": None}
#: Nodes people write that are not allowed, in words.
_REFUSED: dict[type[ast.AST], str] = {
    ast.Attribute: "attribute access ('.')", ast.Subscript: "indexing ('[...]')",
    ast.Lambda: "a lambda", ast.ListComp: "a comprehension", ast.GeneratorExp: "a comprehension",
    ast.DictComp: "a comprehension", ast.SetComp: "a comprehension", ast.List: "a list",
    ast.Tuple: "a tuple", ast.Dict: "a mapping", ast.Set: "a set", ast.JoinedStr: "an f-string",
    ast.NamedExpr: "an assignment (':=')", ast.Starred: "'*'", ast.Await: "'await'",
    ast.Yield: "'yield'", ast.YieldFrom: "'yield'",
}  # fmt: skip


class _Builder:
    """Turns a checked tree into closures; records the columns it reads."""

    def __init__(self, columns: list[str], text: str) -> None:
        self.columns, self.text = columns, text
        self.used: list[str] = []

    def build(self, node: ast.expr) -> Eval:
        method = getattr(self, f"_{type(node).__name__}", None)
        if method is None:
            what = _REFUSED.get(type(node), f"'{ast.unparse(node)}'")
            raise ExprError(
                f"{what} is not allowed in an expression",
                "use arithmetic, comparisons, 'a if condition else b' and the functions "
                + ", ".join(FUNCTIONS),
            )
        run: Eval = method(node)
        return run

    # -- leaves
    def _Constant(self, node: ast.Constant) -> Eval:
        value = node.value
        if isinstance(value, bool) or value is None:
            return lambda row: value
        if isinstance(value, int | float):
            try:
                number = float(value)
            except OverflowError:
                number = math.inf
            if not math.isfinite(number):
                shown = ast.get_source_segment(self.text, node) or ast.unparse(node)
                raise ExprError(f"{shown[:20]} is too large a number")
            return lambda row: number
        if isinstance(value, str):
            return lambda row: value
        raise ExprError(f"{ast.unparse(node)!r} is not a number or text")

    def _Name(self, node: ast.Name) -> Eval:
        return self._column(node.id, node)

    def _column(self, name: str, node: ast.expr) -> Eval:
        if name not in self.columns:
            if name.lower() in _CONSTANTS:
                constant = _CONSTANTS[name.lower()]
                return lambda row: constant
            raise ExprError(
                f"no column {name!r}; the columns are " + ", ".join(map(repr, self.columns)),
                _nearest_column(name, self.columns, quoted=isinstance(node, ast.Call)),
            )
        self.used.append(name)
        return lambda row: row[name]

    # -- operators
    def _BinOp(self, node: ast.BinOp) -> Eval:
        left, right = self.build(node.left), self.build(node.right)
        kind = type(node.op)
        if kind not in _ARITHMETIC:
            raise ExprError(f"the operator in {ast.unparse(node)!r} is not allowed",
                            "use + - * / // % **")  # fmt: skip
        apply = _ARITHMETIC[kind]
        symbol = _SYMBOLS[kind]

        def run(row: Row) -> Value:
            a, b = left(row), right(row)
            if a is None or b is None:
                return None
            if kind is ast.Add and isinstance(a, str) and isinstance(b, str):
                return a + b
            if kind is ast.Add and (isinstance(a, str) or isinstance(b, str)):
                # A year and a month's name ("Year + ' ' + month", the BLS's table of
                # years by months) was told only that '+' needs numbers (found in review).
                raise ExprError(
                    f"'+' adds numbers or joins texts, found {_show(a)} and {_show(b)}",
                    f"to join a number to text, write concat({ast.unparse(node.left)}, "
                    f"{ast.unparse(node.right)}), which writes it as its digits; to add "
                    "numbers, fix the cell that holds text",
                )
            x, y = _number(a, symbol), _number(b, symbol)
            if kind is ast.Pow and abs(y) > MAX_EXPONENT:
                raise ExprError(f"exponent {y:g} is too large (at most {MAX_EXPONENT})")
            try:
                result = apply(x, y)
            except ZeroDivisionError:
                # With this operator: 'a % b' was told to write 'a / b if ...' (fuzzing).
                raise ExprError(
                    "division by zero", f"write 'a {symbol} b if b != 0 else none'"
                ) from None
            if isinstance(result, complex) or not math.isfinite(result):
                raise ExprError(f"{_show(x)} {symbol} {_show(y)} has no finite result")
            return float(result)

        return run

    def _UnaryOp(self, node: ast.UnaryOp) -> Eval:
        operand = self.build(node.operand)
        if isinstance(node.op, ast.Not):
            return lambda row: None if (v := operand(row)) is None else not _truth(v)
        if isinstance(node.op, ast.USub | ast.UAdd):
            sign = -1.0 if isinstance(node.op, ast.USub) else 1.0
            return lambda row: None if (v := operand(row)) is None else sign * _number(v, "-")
        raise ExprError(f"{ast.unparse(node)!r}: '~' is not allowed")

    def _BoolOp(self, node: ast.BoolOp) -> Eval:
        parts = [self.build(v) for v in node.values]
        is_and = isinstance(node.op, ast.And)

        def run(row: Row) -> Value:
            # Three-valued, as in SQL: a missing value is unknown; false and unknown is false.
            unknown = False
            for part in parts:
                value = part(row)
                if value is None:
                    unknown = True
                elif _truth(value) != is_and:
                    return not is_and
            return None if unknown else is_and

        return run

    def _Compare(self, node: ast.Compare) -> Eval:
        terms = [self.build(node.left), *(self.build(c) for c in node.comparators)]
        ops = [(_COMPARE[type(op)], _SYMBOLS[type(op)]) for op in node.ops if type(op) in _COMPARE]
        if len(ops) != len(node.ops):
            raise ExprError(f"{ast.unparse(node)!r}: 'in' and 'is' are not allowed",
                            "compare with == != < <= > >=")  # fmt: skip

        def run(row: Row) -> Value:
            values = [t(row) for t in terms]
            if any(v is None for v in values):
                return None
            for (compare, symbol), a, b in zip(ops, values, values[1:], strict=False):
                if not compare(*_comparable(a, b, symbol)):
                    return False
            return True

        return run

    def _IfExp(self, node: ast.IfExp) -> Eval:
        test, body, orelse = self.build(node.test), self.build(node.body), self.build(node.orelse)

        def run(row: Row) -> Value:
            condition = test(row)
            if condition is None:
                return None
            return body(row) if _truth(condition) else orelse(row)

        return run

    # -- functions
    def _Call(self, node: ast.Call) -> Eval:
        name = node.func.id if isinstance(node.func, ast.Name) else None
        if name not in FUNCTIONS or node.keywords:
            shown = name or ast.unparse(node.func)
            hint = did_you_mean(shown, FUNCTIONS) or f"the functions are {', '.join(FUNCTIONS)}"
            reason = "keyword arguments are not allowed" if name in FUNCTIONS else "no function"
            raise ExprError(f"{reason}: {shown!r}", hint)
        if name == "col":
            arg = node.args[0] if len(node.args) == 1 else None
            if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
                # 'col(2020)' got the fix line of a file's problem (fuzzing): the column
                # as it should be written.
                inner = ", ".join(ast.unparse(a) for a in node.args)
                quoted = inner.strip("'\"") if len(node.args) == 1 else "2023"
                raise ExprError(f"col() takes one column name in quotes, found col({inner})",
                                f"write col({quoted!r})")  # fmt: skip
            return self._column(arg.value, node)
        args = [self.build(a) for a in node.args]
        counts = {"round": (1, 2), "abs": (1, 1)}.get(name, (1, 99))
        if not counts[0] <= len(args) <= counts[1]:
            wanted = (
                "1 or 2 values"
                if counts == (1, 2)
                else "1 value"
                if counts == (1, 1)
                else "at least 1 value"
            )  # 'takes at least 1 values' (fuzzing)
            raise ExprError(f"{name}() takes {wanted}, found {len(args)}")
        return _FUNCTIONS[name](args)


def _round(args: list[Eval]) -> Eval:
    value, digits = args[0], args[1] if len(args) > 1 else (lambda row: 0.0)

    def run(row: Row) -> Value:
        v, d = value(row), digits(row)
        if v is None or d is None:
            return None
        places = _number(d, "round")
        if not float(places).is_integer() or abs(places) > 15:
            raise ExprError(f"round() takes a whole number of digits up to 15, found {places:g}")
        return half_up(_number(v, "round"), int(places))

    return run


#: Room for every digit a float can have at 15 decimals (1e308 has 309): the default
#: context's 28 digits made round(twh * 1e30) an internal error.
_EXACT = Context(prec=400)


def half_up(value: float, digits: int = 0) -> float:
    """``value`` rounded to ``digits`` decimals, halves away from zero (2.5 -> 3.0)."""
    if not math.isfinite(value):
        return value
    exact = Decimal(repr(value)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP,
                                          context=_EXACT)  # fmt: skip
    return float(exact)


def _abs(args: list[Eval]) -> Eval:
    return lambda row: None if (v := args[0](row)) is None else abs(_number(v, "abs"))


def _extreme(pick: Callable[..., float], name: str) -> Callable[[list[Eval]], Eval]:
    def make(args: list[Eval]) -> Eval:
        def run(row: Row) -> Value:
            present = [_number(v, name) for a in args if (v := a(row)) is not None]
            return pick(present) if present else None

        return run

    return make


def _concat(args: list[Eval]) -> Eval:
    """Its values joined as text: a number as its digits (2022, not 2022.0), true/false as
    words; missing if one is missing (a label with a hole in it is no label)."""

    def run(row: Row) -> Value:
        parts = [a(row) for a in args]
        if any(p is None for p in parts):
            return None
        return "".join(_as_text(p) for p in parts)

    return run


def _as_text(value: Value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e16 else repr(value)
    return str(value)


def _coalesce(args: list[Eval]) -> Eval:
    def run(row: Row) -> Value:
        for a in args:
            if (v := a(row)) is not None:
                return v
        return None

    return run


_FUNCTIONS: dict[str, Callable[[list[Eval]], Eval]] = {
    "round": _round, "abs": _abs, "min": _extreme(min, "min"), "max": _extreme(max, "max"),
    "coalesce": _coalesce, "concat": _concat,
}  # fmt: skip


# --------------------------------------------------------------------------- values
def _number(value: Value, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ExprError(f"{what!r} needs numbers, found {_show(value)}")
    return float(value)


def _comparable(a: Value, b: Value, symbol: str) -> tuple[Any, Any]:
    """``a`` and ``b`` as two numbers or two texts: text that reads as a number is one
    (a year written '2020' equals 2020)."""
    if _is_number(a) == _is_number(b):
        return a, b
    text, number = (b, a) if _is_number(a) else (a, b)
    try:
        parsed = float(str(text).replace(",", ""))
    except ValueError:
        if symbol in ("==", "!="):
            return str(a), str(b)  # never equal: a number is not a word
        raise ExprError(
            f"cannot compare {_show(a)} {symbol} {_show(b)}: a number and text"
        ) from None
    return (number, parsed) if _is_number(a) else (parsed, number)


def _is_number(value: Value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _truth(value: Value) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return value != 0
    raise ExprError(f"expected true or false, found {_show(value)}")


def _show(value: Value) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return repr(value)
