"""The typed outline: what a deck is made of, validated once at the edge.

This module holds what every outline has (deck metadata, data sources, vars) and the base
models the kinds build on: :class:`ChartSpec` (the fields every chart type shares),
:class:`SlideSpec` and :class:`CardSpec`. Each chart type, slide kind and card kind is one
model in ``deckgen/kinds/``; the outline's unions of them are made there, from the
registries, with :func:`kinds_union`.

Every model forbids unknown fields (a typo is an error, not a silent no-op) and is frozen,
so a spec can be hashed into a cache key later. Nothing after ``outline.load`` reads YAML.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import unicodedata
from typing import TYPE_CHECKING, Annotated, Any, Literal, Union

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    GetCoreSchemaHandler,
    Tag,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import CoreSchema, PydanticCustomError, core_schema

from deckgen.errors import BRIEF, brief, did_you_mean, one_of
from deckgen.io import OVERRIDE, OVERRIDE_FIX, clean_text, override_said
from deckgen.outline.formats import DEFAULT_FORMAT, NumberFormat
from deckgen.outline.presets import preset_problem
from deckgen.outline.typography import apostrophes

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from deckgen.outline.words import Words

Scalar = str | int | float | bool | None


#: Characters that draw nothing though Unicode calls them letters or symbols: the Hangul
#: fillers and the Braille blank (used to make names that look empty).
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def _shows(char: str) -> bool:
    """Whether ``char`` draws something: not a space, not a format character (a zero-width
    space or joiner), not a combining mark alone, not a blank letter."""
    kind = unicodedata.category(char)
    return not (char.isspace() or kind in ("Cf", "Cc", "Mn", "Me", "Zs", "Zl", "Zp")
                or char in _BLANK_LETTERS)  # fmt: skip


def _some_text(value: str) -> str:
    # An empty title, quotation or stat made a blank slide or card with exit 0 (found by
    # fuzzing); checked again after binding, so a template that writes nothing is caught.
    # So did one of zero-width spaces, Hangul fillers or combining marks alone (fuzzing).
    if not any(_shows(c) for c in value):
        hidden = sorted({f"U+{ord(c):04X}" for c in value if not c.isspace()})
        what = f" (it holds only {', '.join(hidden[:3])}, which draw nothing)" if hidden else ""
        # The fix is its own: the fix line repeated the message, 'write text a reader
        # sees, not an empty or blank text' (fuzzing).
        found = "an empty text" if not value else f"a blank text{what}"
        raise ValueError(f"expected text a reader sees, found {found}; write the words it "
                         "is to show (a blank one draws nothing)")  # fmt: skip
    return value


def _no_override(value: str) -> str:
    found = OVERRIDE.search(value)  # a bidirectional override: see deckgen.io.OVERRIDES
    if found is not None:  # found by fuzzing: exit 0, the slide's text reversed
        raise ValueError(f"{override_said(found.group())}; {OVERRIDE_FIX}")
    return value


def _typeset(value: str) -> str:
    # Typographic apostrophes ('It’s', 'readers’'), so the alt text and notes written from
    # the field say what the slide or card shows. A template is set once rendered (binding
    # validates the field again), never as written: its code quotes ('where('wave', 2025)').
    return value if "{{" in value or "{%" in value or "{#" in value else apostrophes(value)


#: A text a reader is shown, which the slide or card cannot do without.
Text = Annotated[
    str, AfterValidator(_some_text), AfterValidator(_no_override), AfterValidator(_typeset)
]
#: A text a reader is shown that may be left out (a subtitle, a source line, notes): set
#: with typographic apostrophes as :data:`Text` is. Never a name the data must match.
Prose = Annotated[str, AfterValidator(_no_override), AfterValidator(_typeset)]


def _not_a_switch(value: Any) -> Any:
    if isinstance(value, bool):
        raise PydanticCustomError(
            "number_not_switch",
            "expected a number; found {found} (YAML reads true and false as a switch)",
            {"found": "true" if value else "false"},  # as written, not Python's True
        )
    return value


def numbers_not_switches(schema: Any) -> Any:
    """``schema`` (a pydantic core schema) with every number in it refusing ``true`` and
    ``false``: pydantic reads them as 1 and 0, so 'scale: true' multiplied by 1 and a
    reference line 'value: true' was drawn at 1, without a word (found by fuzzing); and
    with every switch (``bool``) strict, taking only ``true`` and ``false``."""
    if isinstance(schema, list | tuple):  # a union's members (some as (schema, label))
        return type(schema)(numbers_not_switches(item) for item in schema)
    if not isinstance(schema, dict):
        return schema
    kind = schema.get("type")
    if not isinstance(kind, str):  # a model's fields by name (one may be named 'type')
        return {name: numbers_not_switches(item) for name, item in schema.items()}
    if kind == "model" and schema.get("metadata", {}).get(_DONE):
        return schema  # a model of ours, gone through when it was defined (see _Model)
    if kind in ("int", "float"):
        return core_schema.no_info_before_validator_function(_not_a_switch, schema)
    if kind == "bool":
        # And a switch is only true or false: pydantic took 'yes', 'on', 1 and "true"
        # (the README: 'yes' stays text; found by fuzzing).
        return {**schema, "strict": True}
    if kind == "function-before" and schema["function"].get("function") is _not_a_switch:
        return schema  # done already
    for key in _SCHEMA_KEYS & schema.keys():
        schema[key] = numbers_not_switches(schema[key])
    return schema


#: Set in the metadata of a model's schema once its numbers refuse switches: a model that
#: holds it (a chart slide holds every chart type) is not gone through again (10 of the
#: 20 ms this took at start-up).
_DONE = "deckgen_numbers_not_switches"

#: The keys of a core schema that hold schemas (not defaults, metadata or serializers).
_SCHEMA_KEYS = {"schema", "items_schema", "keys_schema", "values_schema", "choices", "fields",
                "definitions", "steps", "lax_schema", "strict_schema", "json_schema",
                "python_schema", "extras_schema"}  # fmt: skip


#: Every model built on :class:`_Model`, in the order its class was made, after the number
#: format every chart type holds: a model's class is made after those of the models its
#: fields hold (see :func:`build_models`).
_MADE: list[type[BaseModel]] = [NumberFormat]


def build_models() -> None:
    """Make the validator of every model not made yet, in the order the classes were made,
    so that each model's schema is made once and reused by the models holding it. Made on
    first use instead, a model validated on its own (a slide revalidated after its
    templates are bound, a card, a chart type's serializer) made again the schema of all
    it holds, which the outline's validator had made already: the chart slide's made every
    chart type's again. Called by the process that loads an outline, before it validates
    one (the drawing processes never validate: see :class:`_Model`). The validators of a
    cold build took 65 ms, not 110 to 160 (measured on the bench content)."""
    for model in _MADE:
        if not model.__pydantic_complete__:
            model.model_rebuild(raise_errors=False)


class _Model(BaseModel):
    """The base of every model of an outline (and of a theme): a typo is an error, a spec
    is frozen (hashed into cache keys), a number is never ``true``, and a switch is only
    ``true`` or ``false``."""

    # defer_build: a model's validator is made when it first validates, not with its
    # class. Importing the kinds made ~80 of them, in the build's process and again in
    # the drawing process its workers fork from, which never validates (a job carries its
    # spec made). A build validates through the outline's model, which makes the nested
    # ones' as part of its own. A cold build with --jobs 1 took 0.18 s less (3.17 against
    # 2.95 s, medians of 10 paired runs); with --jobs 2, 0.16 CPU s less. Every model of
    # an outline or theme defers (those not built on this one say so in their config).
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        _MADE.append(cls)

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: type[BaseModel], handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        # The one place every number of every model built on this one refuses a switch:
        # no field needs a check of its own, and each keeps its plain 'float' or 'int'.
        schema = numbers_not_switches(handler(source))
        inner = schema
        while inner.get("type") != "model" and isinstance(inner.get("schema"), dict):
            inner = inner["schema"]  # under the model's own validators (function-after...)
        if inner.get("type") == "model" and inner.get("cls") is source:
            inner.setdefault("metadata", {})[_DONE] = True
        return schema


# --------------------------------------------------------------------------- kinds
def kinds_union(members: Sequence[type[BaseModel]], tag: str, what: str) -> Any:
    """The validated union of ``members``, told apart by their ``tag`` field (``kind`` or
    ``type``), for a registry of kinds. A missing or unknown tag is one error naming what
    exists and the nearest (``unknown chart type 'pie'; expected one of ...``).
    """
    names = tuple(
        arg
        for m in members
        for arg in m.model_fields[tag].annotation.__args__  # type: ignore[union-attr]
    )

    # Other tools' names for a kind (a member's ``aliases``), for the did-you-mean.
    aliases = {
        alias: m.model_fields[tag].annotation.__args__[0]  # type: ignore[union-attr]
        for m in members
        for alias in getattr(m, "aliases", ())
    }

    def check(value: Any) -> Any:
        if isinstance(value, dict):
            name = value.get(tag)
            if name is None:
                raise PydanticCustomError(
                    "missing_kind",
                    "{what} has no '{tag}'",
                    {"what": what, "tag": tag, "hint": f"add '{tag}:' with one of {one_of(names)}"},
                )
            if name not in names:
                alias = aliases.get(str(name).strip().lower())
                hint = (f"did you mean {alias!r}? (what other tools call {str(name)!r})"
                        if alias else did_you_mean(str(name), names))  # fmt: skip
                raise PydanticCustomError(
                    "unknown_kind",
                    "unknown {what} {name}; expected one of {choices}",
                    {"what": what, "name": brief(str(name)), "choices": one_of(names), "tag": tag,
                     "hint": hint},
                )  # fmt: skip
        return value

    union = Union[tuple(members)]  # type: ignore[valid-type]  # noqa: UP007 - built at run time
    return Annotated[union, Field(discriminator=tag), BeforeValidator(check)]


# --------------------------------------------------------------------------- deck and data
#: The placeholders each of a card's words of what its chart shows may use (see
#: :class:`deckgen.outline.words.ShownWords`), and those it must.
_SHOWN_FIELDS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    name: (frozenset(may), frozenset(must)) for name, may, must in (
        *((k, ("n", "total", "things"), ("n",)) for k in ("largest", "smallest", "first", "last")),
        *((f"{k}_one", ("total", "things"), ()) for k in ("largest", "smallest", "first")),
        ("span", ("start", "end", "n", "total", "things"), ("n",)),
        ("named", ("names", "total", "things"), ("names",)),
        ("one_more", ("shown", "names"), ("shown", "names")),
        ("more", ("shown", "names"), ("shown", "names")),
        ("last_name", (), ()),
    )
}  # fmt: skip


def placeholders(name: str, value: str, may: Iterable[str], must: Iterable[str] = ()) -> str:
    """``value``, a text of ``str.format`` placeholders, if it uses only those it ``may``
    (by name: no index, attribute, conversion or format), and every one it ``must``;
    else a ValueError saying which. A table's 'and {n} more {0}' was an internal error
    when the deck was built (found by fuzzing)."""
    import string

    may, must = frozenset(may), frozenset(must)
    try:
        parts = [(f, c, s) for _, f, s, c in string.Formatter().parse(value) if f is not None]
    except ValueError:  # a lone brace
        parts = [("{", None, "")]
    used = {f for f, _, _ in parts}
    odd = any(c is not None or s for _, c, s in parts)
    if odd or used - may or must - used:
        listed = ", ".join(f"{{{p}}}" for p in sorted(may))
        needs = ", ".join(f"{{{p}}}" for p in sorted(must))
        uses = (f"uses {listed} and no other placeholder" if may == must else
                f"may use {listed}" + (f" and must use {needs}" if must else ""))  # fmt: skip
        # The fix for what is wrong: a missing placeholder wants writing in, not the
        # brace escapes (found by fuzzing: 'and others' was told to write '{{').
        fix = "write a brace itself as {{ or }}"
        if must - used and not odd and not used - may:
            fix = f"put {needs} in the text where it is to be written" + (
                ", as in 'and {n} more'" if needs == "{n}" else "")  # fmt: skip
        raise ValueError(f"'{name}' is a text that {uses}, found {value!r}; {fix}")
    return value


class DeckShownWords(_Model):
    """What a chart card says it shows when its chart leaves rows out ('the 4 largest of 10
    ports'); each unset one is the deck's language's. Templates of ``{n}`` (rows shown),
    ``{total}`` (rows in all), ``{things}`` (the x column's name made an English plural),
    ``{names}``, ``{start}``, ``{end}`` and ``{shown}``."""

    largest: str | None = Field(None, description="'the {n} largest of {total} {things}'.")
    largest_one: str | None = Field(None, description="'the largest of {total} {things}'.")
    smallest: str | None = Field(None, description="'the {n} smallest of {total} {things}'.")
    smallest_one: str | None = Field(None, description="'the smallest of {total} {things}'.")
    first: str | None = Field(None, description="'the first {n} of {total} {things}'.")
    first_one: str | None = Field(None, description="'the first of {total} {things}'.")
    last: str | None = Field(None, description="The latest periods: 'the last {n} of {total}'.")
    span: str | None = Field(None, description="'{start} to {end}: {n} of {total} {things}'.")
    named: str | None = Field(None, description="Named rows only: '{names} of {total} {things}'.")
    one_more: str | None = Field(None, description="One name after a count: '{shown} and {names}'.")
    more: str | None = Field(None, description="Names after a count: '{shown}, plus {names}'.")
    last_name: str | None = Field(None, description="Before the last of several names: 'and'.")

    @field_validator(*_SHOWN_FIELDS)
    @classmethod
    def _placeholders(cls, value: str | None, info: ValidationInfo) -> str | None:
        name = str(info.field_name)
        may, must = _SHOWN_FIELDS[name]
        if value is None or not may:
            return value
        return placeholders(name, value, may, must)


class DeckWords(_Model):
    """The words deckgen writes itself; each unset one is the deck's language's (see
    :mod:`deckgen.outline.words`)."""

    source: str | None = Field(None, description="Before a source line: 'Source' ('Quelle').")
    sources: str | None = Field(
        None, description="The sources slide's title, and a card's list of several: 'Sources'."
    )
    continued: str | None = Field(
        None, description="After the title of a slide a list or table continues on: 'continued'."
    )
    change: str | None = Field(None, description="Over a column of changes: 'Change'.")
    total: str | None = Field(None, description="A ring's and a stack's total: 'Total'.")
    trend: str | None = Field(None, description="Beside a trend line: 'Linear trend'.")
    bubble_area: str | None = Field(
        None, description="What bubbles' sizes stand for: 'Bubble area'."
    )
    other: str | None = Field(None, description="Steps merged into one to fit: 'Other (3)'.")
    points: str | None = Field(
        None, description="After a difference of two percentages: '+3.1 pts' ('Pp.')."
    )
    cagr: str | None = Field(None, description="Before a compound annual rate: 'CAGR +9.6%'.")
    no_data: str | None = Field(
        None, description="A legend's name for regions without a value: 'No data'."
    )
    to: str | None = Field(None, description="Between a legend class's negative ends: 'to'.")
    increase: str | None = Field(None, description="A native chart's steps up: 'Increase'.")
    decrease: str | None = Field(None, description="A native chart's steps down: 'Decrease'.")
    base: str | None = Field(None, description="The invisible base steps stand on: 'Base'.")
    below_zero: str | None = Field(
        None, description="After a step's name for its part under zero: 'below zero'."
    )
    unrounded: str | None = Field(
        None,
        description="After the source of an arrow chart whose labels' differences are "
        "not its changes: 'Changes are computed from unrounded values.'",
    )
    more: str | None = Field(
        None, description="Under a table cut to its top rows: 'and {n} more' ({n}: the count)."
    )
    shown: DeckShownWords = Field(
        default_factory=DeckShownWords,
        description="What a chart card says it shows of its chart's rows: 'the 4 largest of 10'.",
    )

    @field_validator("more")
    @classmethod
    def _has_count(cls, value: str | None) -> str | None:
        return value if value is None else placeholders("more", value, ("n",), ("n",))


class DeckMeta(_Model):
    """Deck metadata: the title slide and the file's document properties use it."""

    title: Text = Field(description="Deck title: title slide and document title.")
    subtitle: Prose | None = Field(None, description="Title-slide subtitle; also the subject.")
    organisation: Prose | None = Field(None, description="Shown on the title slide.")
    author: str | None = Field(None, description="Document author property.")
    date: Prose | None = Field(None, description="Free text, e.g. 'November 2026'.")
    theme: str = Field("corporate", description="Theme name or path; --theme overrides.")
    size: Literal["16:9", "4:3"] = Field("16:9", description="Slide size.")
    footer: Prose | None = Field(None, description="Footer text on every content slide.")
    locale: str = Field(
        "en_US",
        description="Locale of numbers in templates (separators, currency, compact units), "
        "and the language of the words deckgen writes ('Source', 'Sources', 'continued').",
    )
    words: DeckWords = Field(
        default_factory=DeckWords,
        description="Words deckgen writes, where the locale's are not wanted or not known.",
    )

    @property
    def wording(self) -> Words:
        """The words of this deck (its locale's, with those ``words`` sets)."""
        from deckgen.outline.words import words_for

        return words_for(self.locale, self.words)

    @field_validator("locale")
    @classmethod
    def _posix_locale(cls, value: str) -> str:
        # 'de-DE' (as PowerPoint tags runs) is 'de_DE': some readers took the one form
        # only, and 'de-DE' was an internal error (found by fuzzing). Unknown: said here.
        from babel import Locale, UnknownLocaleError

        posix = value.strip().replace("-", "_")
        try:
            parsed = Locale.parse(posix)
        except (UnknownLocaleError, ValueError, TypeError):
            raise ValueError(
                f"unknown locale {value!r}; use a language and region such as 'en_US', "
                "'en_GB', 'de_DE' or 'fr_FR'"
            ) from None
        # Babel reads a system's 'C' and 'POSIX' as en_US_POSIX (numbers without a
        # thousands separator), 'und' (no language) as en_US and 'root' as no language at
        # all: each was taken without a word for a deck's language (fuzzing).
        head = posix.split(".")[0].split("_")[0].split("@")[0]
        if parsed.language == "root" or parsed.variant == "POSIX" or head.lower() == "und":
            raise ValueError(
                f"expected a language and region, found {value!r}, which names no language "
                "(a system's default or 'undetermined'); use one such as 'en_US', 'en_GB', "
                "'de_DE' or 'fr_FR'"
            )
        return posix

    @field_validator("date", mode="before")
    @classmethod
    def _date_as_text(cls, value: Any) -> Any:
        # YAML reads 2026-11-21 as a date and 2026 as a number; the deck shows either as
        # written (a year was refused with 'quote the value', a newcomer's first edit).
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        return value


ColumnType = Literal["text", "number", "integer", "date", "boolean"]


class ColumnSpec(_Model):
    """A declared column: every cell must fit ``type`` (see deckgen/tables/columns.py)."""

    type: ColumnType
    required: bool = Field(False, description="Every row must have a value (no '-' or blank).")
    format: str | None = Field(
        None,
        description="Dates only: how the dates are written, in strptime codes, e.g. "
        "'%b %d %Y' for 'Jan 1 2000' (default: ISO 2000-01-01, or an Excel date cell).",
    )
    period: Literal["month", "quarter", "year"] | None = Field(
        None,
        description="Dates only: each value is that whole period, shown as 'March 2010', "
        "'Q1 2010' or '2010'; ISO '2010-03', '2010-Q1' and '2010' are read too.",
    )

    @model_validator(mode="before")
    @classmethod
    def _from_type(cls, data: Any) -> Any:
        return {"type": data} if isinstance(data, str) else data

    @model_validator(mode="after")
    def _dates_only(self) -> ColumnSpec:
        for name in ("format", "period"):
            if getattr(self, name) is not None and self.type != "date":
                raise ValueError(f"'{name}' applies to date columns only, not to {self.type}")
        if self.format is not None:
            _check_strptime(self.format)
        return self


#: strptime directives a date format may use (no time zones, no week numbers).
_STRPTIME = set("aAbBdmyYHIpMSfjz%")


def _check_strptime(format: str) -> None:
    """A date ``format`` holds strptime codes that read a date (a typo such as '%Q' or a
    format without a year is an error here, not 560 unreadable cells later)."""
    import re

    codes = re.findall(r"%(.)", format.replace("%%", ""))
    unknown = [c for c in codes if c not in _STRPTIME]
    if unknown:
        raise ValueError(
            f"date format {format!r} has an unknown code '%{unknown[0]}'; use strptime codes "
            "such as %Y (2000), %m (01), %d (01), %b (Jan), %B (January), e.g. '%b %d %Y'"
        )
    if not {"Y", "y"} & set(codes):
        raise ValueError(f"date format {format!r} has no year (%Y or %y)")


class _TypedSource(_Model):
    columns: dict[str, ColumnSpec] = Field(
        default_factory=dict,
        description="Declared column types, e.g. {country: text, value: number}; optional.",
    )


class FileSource(_TypedSource):
    """A table in a CSV, Excel or JSON file, relative to the outline's folder."""

    file: str = Field(description="Path to a .csv, .tsv, .xlsx, .xlsm, .xls or .json file.")
    sheet: str | None = Field(None, description="Sheet name for Excel files (default: first).")
    records: str | None = Field(
        None,
        description="JSON only: dotted key path to the list of records, e.g. 'data.rows'; a "
        "number is a list's item, from 0 ('1' for the World Bank API's [notes, records]).",
    )
    header: (
        Annotated[int, Field(ge=1, le=1000, strict=True)]
        | Literal["none"]
        | list[Annotated[int, Field(ge=1, le=1000, strict=True)]]
        | None
    ) = Field(
        None,  # strict: not `true`, a number of a line
        description="CSV and Excel only: the line (or sheet row) of the header, counted from "
        "1, when a title or notes stand above the table; the lines above it are skipped. "
        "Two or three consecutive lines ([3, 4]) for a header over two rows (years merged "
        "above 'Exports' and 'Imports'): each column is named by its cells in those rows, "
        "'2022 Exports', a cell left empty taking the name to its left (a merged cell's). "
        "'none': the file has no header line (a statistics office's series), and `names` "
        "names its columns. Default: the first line with text (a sheet's row 1).",
    )

    @field_validator("header", mode="before")
    @classmethod
    def _a_line_or_none(cls, value: Any) -> Any:
        # 'none' is the one word: 'None' and 'no' (a file with no header) were told to
        # write digits only, and 'false' that a switch is no number.
        if isinstance(value, str) and value.strip().lower() == "none":
            return "none"
        if isinstance(value, str) or value is False:
            found = "false" if value is False else repr(value)
            raise ValueError(
                f"expected the header's line number (from 1), or none for a file with no "
                f"header line; found {found}"
            )
        if isinstance(value, list):
            lines = [v for v in value if isinstance(v, int) and not isinstance(v, bool)]
            if (
                not 2 <= len(value) <= 3
                or len(lines) < len(value)
                or lines != list(range(lines[0], lines[0] + len(lines)))
            ):
                raise ValueError(
                    "expected two or three consecutive line numbers for a header over "
                    f"several rows, such as [3, 4]; found {json.dumps(value, default=str)}"
                )
        return value

    names: list[str] | None = Field(
        None,
        min_length=1,
        max_length=1000,
        description="CSV and Excel only: the columns' names, in order, one per column: with "
        "header: none, for a file with no header line; with header: N, in place of the "
        "names line N gives.",
    )

    @field_validator("names")
    @classmethod
    def _names(cls, value: list[str] | None) -> list[str] | None:
        if value is None:
            return None
        names = [clean_text(name).strip() for name in value]
        if not all(names):
            k = names.index("")
            raise ValueError(f"expected a name for column {k + 1}, found {value[k]!r}")
        seen: dict[str, int] = {}
        for k, name in enumerate(names):
            if name in seen:
                raise ValueError(
                    f"{name!r} names both column {seen[name] + 1} and column {k + 1}: give "
                    "each column a name of its own"
                )
            seen[name] = k
        return names

    footer: int | None = Field(
        None,
        ge=1,
        le=1000,
        strict=True,
        description="CSV and Excel only: how many lines (sheet rows) with text at the end "
        "are notes below the table (a source, a footnote); they are left out, and the blank "
        "lines above them.",
    )

    skip: list[Annotated[int, Field(ge=1, le=10_000_000, strict=True)]] | None = Field(
        None,
        min_length=1,
        max_length=1000,
        description="CSV and Excel only: lines (sheet rows) below the header that are no "
        "rows of the table, left out: the line of descriptions Meta's Insights export "
        "writes under its header ('Lifetime: The total number of people...'), or a run of "
        "them, '2-10' (the nine rows of series details the Australian Bureau of "
        "Statistics' workbooks put under theirs). Each must be a row the table would read.",
    )

    @field_validator("skip", mode="before")
    @classmethod
    def _one_or_many_lines(cls, value: Any) -> Any:
        # `skip: 2` is the one line 2, as `skip: [2]` is; '2-10' is lines 2 to 10.
        items = value if isinstance(value, list) else [value]
        lines: list[Any] = []
        for item in items:
            run = re.fullmatch(r"\s*(\d+)\s*-\s*(\d+)\s*", item) if isinstance(item, str) else None
            if run is None:
                lines.append(item)
                continue
            first, last = int(run[1]), int(run[2])
            if not 1 <= first <= last or last - first >= 1000:
                raise ValueError(
                    f"expected a run of lines from the first to the last, at most 1000, such "
                    f"as '2-10'; found {item!r}"
                )
            lines += range(first, last + 1)
        return lines

    decimal: Literal[",", "."] | None = Field(
        None,
        description="CSV only: ',' when the file writes its numbers with a decimal comma "
        "(1.234,5 and 12,5 %), as Excel saves a CSV where the comma is the decimal mark; "
        "points are then between thousands. Default: a point for decimals.",
    )
    encoding: str | None = Field(
        None,
        description="CSV only: the file's text encoding where it is not UTF-8, as Excel "
        "saves a 'CSV (Comma delimited)' in the system's code page: 'windows-1252' (Western "
        "Europe and the Americas), 'windows-1250', 'windows-1251', 'shift_jis', 'gb18030', "
        "'big5', 'euc-kr', 'mac-roman'... Default: UTF-8. Never guessed.",
    )

    @field_validator("encoding")
    @classmethod
    def _text_encoding(cls, value: str | None) -> str | None:
        import codecs

        if value is None:
            return None
        try:
            info = codecs.lookup(value)
        except LookupError:
            raise ValueError(
                f"expected a text encoding such as 'windows-1252', found {value!r}; "
                "Python's names are read ('cp1252', 'latin-1', 'shift_jis', 'utf-8')"
            ) from None
        if not getattr(info, "_is_text_encoding", True):  # rot13, base64: not text
            raise ValueError(f"expected a text encoding such as 'windows-1252', found {value!r}")
        if info.name.startswith("utf-16") or info.name.startswith("utf-32"):
            raise ValueError(
                f"{value!r} is read without being named (a UTF-16 file is found by its "
                "bytes): save it as UTF-8, or leave 'encoding' out"
            )
        return value

    missing: list[str] = Field(
        default_factory=list,
        max_length=20,
        description="Cells that mean 'no value' in this file, read as empty cells (a gap "
        "in a chart, a dash in a table): a statistics office's '..', ':' or 'x', so its "
        "file is read as published, release after release.",
    )

    @field_validator("names", "missing", mode="before")
    @classmethod
    def _numbers_as_text(cls, value: Any) -> Any:
        # YAML reads `names: [country, 2004, 2023]` as numbers: the columns are '2004' and
        # '2023', as a header's years are (a chart names them y: "2004"); and a mark written
        # as a number (the Census Bureau's -666666666) is its text.
        if isinstance(value, list):
            return [str(v) if isinstance(v, int) and not isinstance(v, bool) else v
                    for v in value]  # fmt: skip
        return value

    @field_validator("sheet", "records", mode="before")
    @classmethod
    def _sheet_as_text(cls, value: Any) -> Any:
        # YAML reads `sheet: 2023` as a number; the sheet is named "2023". So is a list's
        # item, `records: 1`.
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


#: Past this many keys, inline rows are not checked for a typed key (see InlineSource).
_MAX_TYPO_KEYS = 100


class InlineSource(_TypedSource):
    """A small table written in the outline itself, one mapping per row."""

    rows: list[dict[str, Scalar]] = Field(min_length=1, description="Rows of the table.")

    @field_validator("rows")
    @classmethod
    def _keys_as_the_other_rows(cls, rows: list[dict[str, Scalar]]) -> list[dict[str, Scalar]]:
        # A row may leave a key out (no value). But two keys that are nearly one word, each
        # written by some rows and never by the same row, are one key with a typo: 'valu'
        # made a column of its own, and that row's value drew as missing without a word.
        where: dict[str, set[int]] = {}  # each key's rows, keys in the order first seen
        for n, row in enumerate(rows, 1):
            for key in row:
                where.setdefault(key, set()).add(n)
        order = list(where)
        if len(order) > _MAX_TYPO_KEYS:
            return rows  # a table this wide was not typed by hand
        partial = [k for k in order if len(where[k]) < len(rows)]
        for key in partial:
            rank = (len(where[key]), -order.index(key))  # fewer rows, or seen later: the typo
            rivals = [k for k in partial if (len(where[k]), -order.index(k)) > rank
                      and not where[k] & where[key]]  # fmt: skip
            meant = did_you_mean(key, rivals)
            if meant:
                raise ValueError(f"row {min(where[key])} writes {key!r} where other rows write "
                                 f"another key; {meant}")  # fmt: skip
        return rows


def _one_step(step: dict[str, Any]) -> dict[str, Any]:
    if len(step) != 1:
        names = one_of(step) if step else "nothing"
        raise ValueError(
            f"a step is a mapping with one key, the step's name (filter, pivot, group...), "
            f"found {names}; write each step as its own '- ' item"
        )
    return step


class DerivedSource(_TypedSource):
    """A table made from another (``from``) by ``steps`` applied in order: filter, pivot,
    unpivot, group, compute, change, sort... (``deckgen/tables/steps/``). Each step is a
    mapping with one key, its name; the steps' fields are checked when the data is read."""

    source: str = Field(
        alias="from", description="The table it is made from: a source under `data:`."
    )
    steps: list[Annotated[dict[str, Any], AfterValidator(_one_step)]] = Field(
        default_factory=list, description="Steps applied in order, e.g. [{pivot: {...}}]."
    )


def _source_kind(value: Any) -> str | None:
    """Which kind of source a mapping is, by its telling key, so a mistake in one is
    reported against that kind only (not as every kind's missing fields)."""
    if isinstance(value, BaseModel):
        return type(value).__name__
    if isinstance(value, dict):
        for key, kind in (("from", "DerivedSource"), ("rows", "InlineSource"),
                          ("file", "FileSource")):  # fmt: skip
            if key in value:
                return kind
    return None


def _file_named(value: Any) -> Any:
    """``sales: sales.csv``, as a newcomer first writes a source, is ``{file: sales.csv}``
    (it was refused with a message that did not show the form to write)."""
    return {"file": value} if isinstance(value, str) else value


DataSource = Annotated[
    Annotated[
        Annotated[FileSource, Tag("FileSource")]
        | Annotated[InlineSource, Tag("InlineSource")]
        | Annotated[DerivedSource, Tag("DerivedSource")],
        Discriminator(
            _source_kind,
            custom_error_type="source_kind",
            custom_error_message="a data source needs 'file' (a file), 'rows' (rows written "
            "here) or 'from' (a table made from another)",
        ),
    ],
    BeforeValidator(_file_named),
]


# --------------------------------------------------------------------------- data selection
#: The kinds of period ``op: is a`` keeps (see :func:`deckgen.tables.dates.period_kind`).
PERIOD_KINDS = ("year", "quarter", "month", "day")


class RowFilter(_Model):
    """Keep the rows where ``column op value`` holds (on a date column, a date or period:
    ``{column: month, op: ">=", value: 2009}`` keeps 2009 on); ``op: is a`` keeps the rows
    whose cell names a period of one kind (``value: month``)."""

    column: str
    op: Literal["==", "!=", ">", ">=", "<", "<=", "in", "not in", "is a"] = "=="
    value: Scalar | list[Scalar]

    @model_validator(mode="after")
    def _a_kind_of_period(self) -> RowFilter:
        if self.op == "is a" and self.value not in PERIOD_KINDS:
            found = self.value if isinstance(self.value, list) else repr(self.value)
            hint = did_you_mean(str(self.value), PERIOD_KINDS) or ""
            raise ValueError(
                f"'is a' keeps the rows whose cell names one kind of period: expected "
                f"{one_of(PERIOD_KINDS)} as its value, found {found}"
                + (f"; {hint}" if hint else "")
            )
        return self

    @field_validator("value", mode="before")
    @classmethod
    def _dates_as_text(cls, value: Any) -> Any:
        # YAML reads 2009-06-01 as a date; a date column compares it as a date.
        def text(v: Any) -> Any:
            return v.isoformat() if isinstance(v, dt.date) else v

        return [text(v) for v in value] if isinstance(value, list) else text(value)

    @field_validator("op", mode="before")
    @classmethod
    def _spreadsheet_spelling(cls, op: Any) -> Any:
        # '=' and '<>' as Excel and SQL write them (and batch --where writes '='): the
        # did-you-mean offered '>=' for '=' (found by fuzzing).
        return {"=": "==", "<>": "!="}.get(op, op) if isinstance(op, str) else op


class SortSpec(_Model):
    """Sort rows by a column."""

    by: str
    descending: bool = True


class Selection(_Model):
    """Which rows of a data source a chart or table shows, applied in field order:
    filter, then sort, then top."""

    data: str = Field(description="Name of a source under `data:`.")
    filter: list[RowFilter] = Field(default_factory=list)
    sort: SortSpec | None = None
    top: int | None = Field(None, ge=1, description="Keep the first N rows after sorting.")

    @field_validator("filter", mode="before")
    @classmethod
    def _one_condition(cls, value: Any) -> Any:
        # One condition written as a data step writes it, `filter: {column: .., value: ..}`,
        # is a list of one (it was refused: "expected a list").
        return [value] if isinstance(value, dict) else value

    @field_validator("top", mode="before")
    @classmethod
    def _a_count(cls, value: Any) -> Any:
        # pydantic would read YAML's 'top: true' as the number 1.
        if isinstance(value, bool):
            raise ValueError(f"expected a number of rows, such as top: 5; found {value}")
        return value


# --------------------------------------------------------------------------- charts
class ReferenceLine(_Model):
    """A reference line across the value axis, e.g. an average."""

    value: float | Literal["mean", "median"] | str = Field(
        "mean", description="A number, 'mean', 'median', or a template giving a number."
    )
    label: Text = Field(description="Label drawn at the line, e.g. 'G20 average'.")

    @field_validator("value", mode="before")
    @classmethod
    def _number_or_template(cls, value: Any) -> Any:
        # A template stays text until binding; what it renders to must be a number.
        if not isinstance(value, str) or value in ("mean", "median") or "{{" in value:
            return value
        try:
            return float(value.replace(",", ""))
        except ValueError:
            raise ValueError(f"expected a number, 'mean' or 'median', found {value!r}") from None


class Annotation(_Model):
    """A note pinned to one data point: category ``at`` (and ``series`` on multi-series)."""

    at: str | int | float
    text: Text
    series: str | None = None

    @field_validator("at", mode="before")
    @classmethod
    def _date_as_text(cls, value: Any) -> Any:
        # YAML reads `at: 2009-06-01` as a date; a date category is matched by its text.
        return value.isoformat() if isinstance(value, dt.date) else value


class AxisSpec(_Model):
    """The value axis: its range, whether it reaches zero, and its scale."""

    min: float | None = Field(
        None, description="Lowest value on the axis (default: from the data)."
    )
    max: float | None = Field(
        None, description="Highest value on the axis (default: from the data)."
    )
    zero: bool | None = Field(
        None,
        description="Whether the axis reaches zero: yes by default and always for bars; "
        "'false' lets a line start where its data does.",
    )
    log: bool = Field(False, description="A logarithmic scale (equal ratios, equal steps).")

    @model_validator(mode="after")
    def _consistent(self) -> AxisSpec:
        if self.min is not None and self.max is not None and self.min >= self.max:
            raise ValueError(f"axis min {self.min:g} must be below axis max {self.max:g}")
        if self.log and self.zero:
            raise ValueError("a log scale cannot reach zero; drop 'zero: true' or 'log: true'")
        if self.log and self.min is not None and self.min <= 0:
            raise ValueError(f"a log scale starts above zero, not at min {self.min:g}")
        return self

    @property
    def reaches_zero(self) -> bool:
        """Zero is on the axis: by default, unless the scale is logarithmic."""
        return (not self.log) if self.zero is None else self.zero

    @property
    def is_default(self) -> bool:
        return self == AxisSpec()


#: The column each option of a chart's series or panels needs, and what the option does.
_OPTION_OF = {"series_order": ("series", "orders the values", "the series"),
              "facet_order": ("facet", "orders the panels", "the panels"),
              "facet_scales": ("facet", "sets the value scales", "the panels")}  # fmt: skip


class ChartSpec(Selection):
    """The fields every chart type shares. Each type (``deckgen/kinds/charts/``) is a
    subclass naming itself in ``type`` and owning its drawing, alt text and native form."""

    type: str
    x: str = Field(description="Category column (bar labels, line x values).")
    y: str | list[str] = Field(description="Value column, or several for multi-series charts.")
    series: str | None = Field(
        None,
        description="Long data: the column whose values are the series (one series per "
        "distinct value, categories from x, values from the one y column).",
    )
    series_order: list[str] = Field(
        default_factory=list,
        description="With `series:`, the series values to draw first, in this order; the rest "
        "follow in the order the data has them.",
    )
    series_labels: dict[str, Prose] = Field(
        default_factory=dict, description="Display names for y columns (or series values)."
    )
    transpose: bool = Field(
        False, description="Swap rows and y columns: y columns become categories."
    )
    scale: float = Field(1.0, description="Multiply every value by this (unit change).")
    format: NumberFormat = Field(DEFAULT_FORMAT, description="Number format for labels.")
    highlight: list[str] = Field(
        default_factory=list, description="Categories (or series) drawn in the accent colour."
    )
    value_labels: bool = Field(True, description="Write values on bars, line ends, slices.")
    reference: ReferenceLine | None = None
    annotations: list[Annotation] = Field(default_factory=list)
    alt: Prose | None = Field(None, description="Alt text; written from the data when absent.")
    native: bool | None = Field(
        None,
        description="Draw as an editable PowerPoint chart (true) or a picture (false); "
        "unset follows `deckgen build --native-charts`.",
    )
    axis: AxisSpec = Field(
        default_factory=AxisSpec,
        description="The value axis: {min, max, zero, log} (bars always start at zero).",
    )
    index: str | None = Field(
        None,
        description="Rebase every series to 100 at this category or date (e.g. 2007-01); "
        "the number format becomes plain unless one is given.",
    )
    facet: str | None = Field(
        None,
        description="Small multiples: one small chart per distinct value of this column "
        "(on the chart types that draw as panels; at most 12 panels).",
    )
    facet_order: list[str] = Field(
        default_factory=list,
        description="With `facet:`, the panels to draw first, in this order; the rest follow "
        "in the order the data has them.",
    )
    facet_scales: Literal["shared", "free"] = Field(
        "shared",
        description="With `facet:`, one value scale for every panel (shared: panels compare "
        "by eye) or one per panel (free: shapes compare, sizes do not).",
    )

    @model_validator(mode="before")
    @classmethod
    def _index_reads_plain(cls, data: Any) -> Any:
        # An index is a number of points (100, 112), not a quantity in units: plain.
        if isinstance(data, dict) and data.get("index") is not None and "format" not in data:
            return {**data, "format": "plain:0"}
        return data

    @model_validator(mode="before")
    @classmethod
    def _log_units_each(cls, data: Any) -> Any:
        # A log axis spans powers of ten: in one shared unit its ticks 1, 10, 100 and
        # 1,000 all read '0.0M'. Each number takes its own unit ('1', '1K', '1M') unless
        # the format says otherwise.
        if not isinstance(data, dict):
            return data
        axis = data.get("axis")
        if (axis.get("log") if isinstance(axis, dict) else getattr(axis, "log", None)) is not True:
            return data
        try:
            number_format = NumberFormat.model_validate(data.get("format", DEFAULT_FORMAT))
        except ValidationError:
            return data  # the format field reports it
        if "units" in number_format.model_fields_set:
            return data
        return {**data, "format": number_format.model_copy(update={"units": "each"})}

    @field_validator("index", mode="before")
    @classmethod
    def _index_as_text(cls, value: Any) -> Any:
        # YAML reads `index: 2007-01-01` as a date and `index: 2004` as a number.
        if isinstance(value, dt.date):
            return value.isoformat()
        return (
            str(value) if isinstance(value, int | float) and not isinstance(value, bool) else value
        )

    @field_validator("highlight", "series_order", "facet_order", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        if isinstance(value, str | int | float):  # bool too: an int
            value = [value]
        if not isinstance(value, list):
            return value  # pydantic says what it expected
        if any(isinstance(v, bool) for v in value):
            raise ValueError(
                "found true or false, which YAML reads as a switch: name the categories, and "
                "quote a name that is the word true or false, such as highlight: 'true'"
            )
        # A year or a code written as a number names the category as the data writes it.
        return [str(v) if isinstance(v, int | float) else v for v in value]

    @field_validator("series_labels", mode="before")
    @classmethod
    def _keys_as_the_data_writes_them(cls, value: Any) -> Any:
        """A year key written as a number (``{2014: Ten years ago}``) names the series as
        the data writes it, as a year in ``highlight`` does (it was refused with 'quote the
        value', which the value was)."""
        if not isinstance(value, dict):
            return value
        return {str(k) if isinstance(k, int | float) and not isinstance(k, bool) else k: v
                for k, v in value.items()}  # fmt: skip

    @model_validator(mode="before")
    @classmethod
    def _highlight_by_the_data_s_name(cls, data: Any) -> Any:
        """A highlight may name a series as the data does, where ``series_labels`` gives it
        another name: ``highlight: 2023`` with ``series_labels: {"2023": Last year}`` (it
        was refused, found by fuzzing)."""
        if not (isinstance(data, dict) and isinstance(data.get("series_labels"), dict)):
            return data
        wanted = data.get("highlight")
        if wanted is None:
            return data
        labels = {str(k): v for k, v in data["series_labels"].items()}
        # The labels are shown with typographic apostrophes (:data:`Prose`): a highlight
        # that names one, by the data's name or by the label as typed, names it as shown.
        shown = {v: _typeset(v) for v in labels.values() if isinstance(v, str)}
        items: list[Any] = wanted if isinstance(wanted, list) else [wanted]
        named = [labels.get(str(h), h) if isinstance(h, str | int | float)
                 and not isinstance(h, bool) else h for h in items]  # fmt: skip
        named = [shown.get(h, h) if isinstance(h, str) else h for h in named]
        return {**data, "highlight": named if isinstance(wanted, list) else named[0]}

    @field_validator("y")
    @classmethod
    def _some_columns(cls, value: str | list[str]) -> str | list[str]:
        if isinstance(value, list):
            if not value:
                raise ValueError("names no column; name one value column, such as y: sales")
            twice = [c for k, c in enumerate(value) if c in value[:k]]
            if twice:
                raise ValueError(f"names {twice[0]!r} twice; name each value column once")
        return value

    @field_validator("scale")
    @classmethod
    def _a_real_scale(cls, value: float) -> float:
        if not (math.isfinite(value) and value != 0):
            raise ValueError(
                f"expected a number other than 0 to multiply every value by, such as 0.001 "
                f"(thousands to millions); found {value!r}"
            )
        return value

    @model_validator(mode="after")
    def _long_or_wide(self) -> ChartSpec:
        if self.series is not None and len(self.y_columns) > 1:
            raise ValueError(
                f"with 'series: {self.series}' the series come from that column's values, so "
                f"y names one value column, not {len(self.y_columns)}; for wide data (a column "
                "per series) remove 'series:'"
            )
        return self

    @field_validator("series_order", "facet_order", "facet_scales")
    @classmethod
    def _with_its_column(cls, value: Any, info: ValidationInfo) -> Any:
        """An option of a column the chart does not name would do nothing: an error at the
        option (``facet_scales: free`` without ``facet:`` was built as one chart without a
        word, found by fuzzing; the others said "add one", naming nothing)."""
        field = str(info.field_name)
        column, does, values = _OPTION_OF[field]
        # The default ('shared' scales) does nothing either way, and binding passes it on.
        default = cls.model_fields[field].default
        if value and value != default and column in info.data and info.data[column] is None:
            raise ValueError(
                f"'{field}' {does} of a '{column}:' column, and the chart names none; add "
                f"'{column}: COLUMN' (the column whose values are {values}), or "
                f"remove '{field}:'"
            )
        return value

    @property
    def y_columns(self) -> list[str]:
        return [self.y] if isinstance(self.y, str) else list(self.y)

    @property
    def series_count(self) -> int | None:
        """How many series the chart draws before the data is read (1 when transposed,
        ``None`` when the values of a ``series:`` column decide)."""
        if self.series is not None:
            return None
        return 1 if self.transpose else len(self.y_columns)


# --------------------------------------------------------------------------- shared items
class Stat(_Model):
    """A number as shown, with its words: on a stats slide, a card or an infographic."""

    value: Text = Field(
        description="The number as shown: '$143.2B', or a template such as '{{ x | currency }}'."
    )
    label: Text
    qualifier: Prose | None = Field(None, description="Small text above, e.g. 'More than'.")
    source: Prose | None = None
    accent: bool = Field(False, description="Draw the value in the highlight colour.")


def one_or_many(value: Any, field: str | None = None, names: str = "names") -> Any:
    """A single name where a list is expected is a list of one.

    A list inside the list (``share: [[ig-portrait]]``) raises a ``ValueError`` saying a
    list of ``names`` is expected and, with ``field``, the line to write instead."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and any(isinstance(v, list) for v in value):
        # Else pydantic refuses the inner list as 'expected text' with the fix 'quote the
        # value', which no quoting mends (found by fuzzing).
        items = ", ".join(str(v) for v in _flattened(value))
        fix = f"write {field}: [{items}]" if field else f"write them as one list: [{items}]"
        if len(items) > BRIEF:
            fix = "remove the inner brackets"
        raise ValueError(
            f"expected a list of {names}, found a list inside the list: {brief(value)}; {fix}"
        )
    return value


def _flattened(value: list[Any]) -> list[Any]:
    return [x for v in value for x in (_flattened(v) if isinstance(v, list) else [v])]


def _preset(name: str, *, long_form: bool) -> str:
    problem = preset_problem(name)
    if problem:
        message, hint = problem
        raise ValueError(f"{message}; {hint}" if hint else message)
    auto = name == "long" or name.strip().lower().endswith("auto")
    if long_form and not auto:
        raise ValueError(
            f"an infographic is as tall as its content; use 'long' or 'WIDTHxauto', not {name!r}"
        )
    if not long_form and auto:
        raise ValueError(f"{name!r} is for infographics; pick a fixed-size preset")
    return name


#: A fixed-size preset name (or WIDTHxHEIGHT), checked where it is written.
Preset = Annotated[str, AfterValidator(lambda name: _preset(name, long_form=False))]
#: A long-form preset ('long' or WIDTHxauto).
LongPreset = Annotated[str, AfterValidator(lambda name: _preset(name, long_form=True))]


def no_twice(names: list[str]) -> list[str]:
    if len(set(names)) != len(names):
        raise ValueError(f"a preset is listed twice: {names}")
    return names


# --------------------------------------------------------------------------- slides, cards
def none_if_blank(value: str | None) -> str | None:
    """A text that is blank once its spaces are stripped (written "" or "   ", or a
    template that fills in nothing) as no text: a note of nothing would leave a source
    line ending in a stray full stop."""
    return value if value is None or value.strip() else None


class SlideSpec(_Model):
    """The fields every slide kind shares. Each kind (``deckgen/kinds/slides/``) is a
    subclass naming itself in ``kind``."""

    kind: str
    notes: Prose | None = Field(None, description="Speaker notes.")
    source: Prose | None = Field(None, description="Source line in the footer.")
    note: Prose | None = Field(
        None,
        description="How a figure was made, said after the source line; not a source.",
    )
    share: list[Preset] = Field(
        default_factory=list,
        description="Social presets to also publish this slide in (stats, chart, quote slides).",
    )

    @field_validator("share", mode="before")
    @classmethod
    def _one_preset(cls, value: Any) -> Any:
        return one_or_many(value, "share", "size names")

    @field_validator("share")
    @classmethod
    def _once_each(cls, value: list[str]) -> list[str]:
        return no_twice(value)


#: Presets a card gets when it names none.
DEFAULT_PRESETS = ["ig-square"]


#: The longest card name: its files add the preset ('-ig-portrait.png'), and most file
#: systems take 255 bytes.
MAX_CARD_NAME = 120


class CardSpec(_Model):
    """The fields every social card kind shares (``deckgen/kinds/cards/``)."""

    kind: str
    name: str | None = Field(
        None, description="File name stem, e.g. 'poll-67' (default: from the title or value)."
    )
    presets: list[Preset] = Field(
        default_factory=lambda: list(DEFAULT_PRESETS),
        min_length=1,
        description="Size presets (one or several), or WIDTHxHEIGHT.",
    )
    title: Prose | None = Field(None, description="Headline: the finding, as a sentence.")
    source: Prose | None = Field(None, description="Source line at the bottom of the card.")
    note: Prose | None = Field(
        None,
        description="How a figure was made, said after the source line; not a source.",
    )
    alt: Prose | None = Field(None, description="Alt text; written from the data when absent.")
    caption: Prose | None = Field(None, description="Suggested post text; default from the card.")
    format: Literal["png", "jpeg", "webp"] | None = Field(
        None, description="png, jpeg or webp (default: the social section's)."
    )

    @field_validator("name")
    @classmethod
    def _a_file_name(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"[a-z0-9][a-z0-9-]*", value):
            from deckgen.io import name_words

            # As card names are made from titles: 'Économie' -> 'economie', where keeping
            # only a-z suggested 'conomie' (found by fuzzing).
            words = [w for w in name_words(value) if re.fullmatch(r"[a-z0-9]+", w)]
            suggestion = "-".join(words) or "card-1"
            raise ValueError(
                "a card's name is its file name: lower-case letters, digits and hyphens, "
                f"starting with a letter or digit, such as {suggestion!r}; found {value!r}"
            )
        if value is not None and len(value) > MAX_CARD_NAME:
            # With a preset after it, past a file name's 255 bytes (found by fuzzing).
            raise ValueError(
                f"a card's name is its file name, at most {MAX_CARD_NAME} characters; found "
                f"{len(value)}: {value[:40]!r}..."
            )
        return value

    @field_validator("note")
    @classmethod
    def _blank_note_is_none(cls, value: str | None) -> str | None:
        return none_if_blank(value)

    @field_validator("presets", mode="before")
    @classmethod
    def _one_preset(cls, value: Any) -> Any:
        return one_or_many(value, "presets", "size names")

    @field_validator("presets")
    @classmethod
    def _once_each(cls, value: list[str]) -> list[str]:
        return no_twice(value)


# --------------------------------------------------------------------------- the outline
def _clean_strings(value: Any) -> Any:
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {k: _clean_strings(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean_strings(v) for v in value]
    return value


#: Words a template keeps for itself (Jinja's): a var so named could never be read.
_TEMPLATE_WORDS = frozenset({
    "and", "or", "not", "in", "is", "if", "else", "elif", "for", "endfor", "endif", "true",
    "false", "none", "True", "False", "None", "set", "block", "macro", "with", "import",
    "include",
})  # fmt: skip


class OutlineBase(_Model):
    """What every outline has besides its slides and cards (``deckgen.kinds.Outline`` adds
    those, as the unions of the registered kinds)."""

    @model_validator(mode="before")
    @classmethod
    def _without_control_characters(cls, raw: Any) -> Any:
        # YAML's "\x01" escapes let an outline hold characters no deck can (python-pptx
        # refuses them): they are invisible, so they are removed, from every text at once.
        return _clean_strings(raw)

    deck: DeckMeta = Field(description="The deck's title and settings: deck: {title: ...}.")
    data: dict[str, DataSource] = Field(default_factory=dict)
    vars: dict[str, str | int | float] = Field(
        default_factory=dict,
        description="Named values and templates, usable by name in every template.",
    )

    @field_validator("vars")
    @classmethod
    def _usable_names(cls, named: dict[str, Any]) -> dict[str, Any]:
        # A var no template can name ('bad name', '2023') was taken without a word (fuzzing).
        for name in named:
            if not name.isidentifier() or name in _TEMPLATE_WORDS:
                usable = re.sub(r"\W+", "_", name).strip("_") or "value"
                usable = (
                    f"v_{usable}" if usable[0].isdigit() or usable in _TEMPLATE_WORDS else usable
                )
                raise ValueError(
                    f"a var's name is how templates write it ({{{{ {usable} }}}}): letters, "
                    f"digits and '_', not first a digit, nor a word templates keep; found "
                    f"{name!r}; rename it, e.g. {usable!r}"
                )
        return named

    def source_lines(self) -> list[str]:
        """Every source line the outline writes, on its slides, cards and items: what a
        reader of the deck is told of where its numbers come from."""
        found: list[str] = []

        def walk(value: Any) -> None:
            if isinstance(value, dict):
                for key, item in value.items():
                    if key == "source" and isinstance(item, str):
                        found.append(item)
                    else:
                        walk(item)
            elif isinstance(value, list):
                for item in value:
                    walk(item)

        walk(self.model_dump(exclude={"data", "vars"}))
        return found
