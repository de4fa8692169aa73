"""The one exception tree of deckgen.

Every error a user can cause is a :class:`DeckgenError`. It carries where the problem is
(:class:`Location`: file, line, field path), what was expected, what was found and, where
one exists, a suggestion. Only ``deckgen.cli`` turns these into exit codes; nothing else
prints or exits.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence


@dataclass(frozen=True)
class Location:
    """Where a problem sits: a file, optionally a 1-based line and a field path."""

    file: str
    line: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.field}" if self.field else where


#: The longest message or hint a problem says, in characters (the middle is left out).
MAX_MESSAGE = 4_000


@dataclass(frozen=True)
class Problem:
    """One finding: location, message, and an optional hint for the fix."""

    location: Location | None
    message: str
    hint: str | None = None

    def __post_init__(self) -> None:
        # What a message quotes from the data has no length of its own: twelve row keys of
        # 130,000 characters made two errors 3.1 MB long (found by fuzzing).
        for name in ("message", "hint"):
            text = getattr(self, name)
            if text is not None and len(text) > MAX_MESSAGE:
                cut = len(text) - MAX_MESSAGE
                object.__setattr__(self, name, f"{text[: MAX_MESSAGE - 200]} … ({cut:,} "
                                   f"characters left out) … {text[-200:]}")  # fmt: skip

    def __str__(self) -> str:
        text = f"{self.location}: {self.message}" if self.location else self.message
        return f"{text}\n  hint: {self.hint}" if self.hint else text


class DeckgenError(click.ClickException):
    """Base of every error deckgen reports to a user. Exit code 2."""

    exit_code = 2
    #: The key of the picture whose drawing raised it (see ``render.executor.draw``): a
    #: drawing knows its chart, not where the outline writes it (:meth:`at`).
    picture: str | None = None

    def __init__(self, problems: Problem | Iterable[Problem] | str) -> None:
        if isinstance(problems, str):
            problems = Problem(None, problems)
        # Each once: a check made per group of a table said the same thing once a group
        # (found by fuzzing).
        self.problems: list[Problem] = (
            [problems] if isinstance(problems, Problem) else list(dict.fromkeys(problems))
        )
        super().__init__(self._render())

    def __reduce__(self) -> tuple[Any, ...]:
        # An error raised in a drawing worker comes back pickled. Python rebuilds an
        # exception by calling its class with its args (here the rendered message), which
        # a subclass with its own signature refused: NoRoom(why, fix) came back as a
        # TypeError, 'internal error', in place of its message (found in review). Rebuilt
        # from its state instead, every subclass comes back as it was, problems and all.
        return _rebuilt, (type(self), self.args, self.__dict__)

    def at(self, where: Location | None) -> DeckgenError:
        """This error with its problems that say nowhere placed at ``where``: a chart
        with no room for its plot named the chart by its title alone (found by fuzzing)."""
        if where is None or all(p.location is not None for p in self.problems):
            return self
        import copy

        error = copy.copy(self)  # its class and what else it holds, then its problems
        DeckgenError.__init__(error, [p if p.location else replace(p, location=where)
                                      for p in self.problems])  # fmt: skip
        return error

    #: How many problems are printed before the rest are only counted.
    MAX_SHOWN = 10

    def _render(self) -> str:
        return "\n".join([*self.messages(), *self.more()])

    def messages(self) -> list[str]:
        """One message per problem shown (its location, what is wrong, its hint): the
        command prints each as an error of its own, so every problem reads alike."""
        return [str(p) for p in self.problems[: self.MAX_SHOWN]]

    def more(self) -> list[str]:
        """The line counting the problems past :attr:`MAX_SHOWN`, if any (no problem itself)."""
        rest = len(self.problems) - self.MAX_SHOWN
        return [f"... and {counted(rest, 'more problem', 'more problems')}"] if rest > 0 else []


def _rebuilt(cls: type[DeckgenError], args: tuple[Any, ...], state: dict[str, Any]) -> DeckgenError:
    """A pickled :class:`DeckgenError` as it was (see :meth:`DeckgenError.__reduce__`)."""
    error = cls.__new__(cls, *args)
    error.args = args
    error.__dict__.update(state)
    return error


class OutlineError(DeckgenError):
    """The outline file cannot be read or does not match the schema."""


class BindingError(OutlineError):
    """A template cannot be filled in from the data (a missing row, a bad value, a limit);
    the message says what. Raised inside template evaluation, reported with the field
    and ``hint``, what to do (``binding.bind`` writes the field in)."""

    hint: str | None = None

    def __init__(self, problems: Problem | Iterable[Problem] | str, hint: str | None = None):
        super().__init__(problems)
        if hint is not None:
            self.hint = hint


class DataError(DeckgenError):
    """A data source is missing, unreadable, or lacks a column the outline names."""


class ThemeError(DeckgenError):
    """A theme cannot be found or is invalid."""


class FitError(DeckgenError):
    """Text cannot fit its box even at the smallest legible size."""


class ExportError(DeckgenError):
    """An optional external step (LibreOffice) failed or is not installed."""


def nearest(value: str, choices: Iterable[str]) -> str | None:
    """The choice nearest ``value``, or ``None`` where none is near."""
    choices, text = list(choices), str(value)
    # A slip of case first: difflib compares case and all, and a short name written in
    # capitals ('BAR', 'P', 'TH1') scored too low against its own lower case to be named.
    match = [c for c in choices if c == text][:1]  # the name itself, where a case pair is
    match = match or [c for c in choices if str(c).casefold() == text.casefold()][:1]
    match = match or _nearest_number(text, choices)
    match = match or difflib.get_close_matches(text, choices, n=1, cutoff=0.6)
    if not match:  # a typo in a name written in another case ('GROUPD-BAR')
        folded = {str(c).casefold(): c for c in reversed(choices)}  # the first of a case pair
        near = difflib.get_close_matches(text.casefold(), list(folded), n=1, cutoff=0.6)
        match = [folded[near[0]]] if near else []
    # An abbreviation ('prod' for 'production') is too short for difflib to score high.
    match = match or [c for c in choices if text and c.startswith(text)][:1]
    return match[0] if match else None


def _nearest_number(text: str, choices: list[str]) -> list[str]:
    """For a number among numbers: the one with its digits swapped ('2103' for '2013'),
    else the nearest in value. By spelling alone, 2018 among the years 2019 to 2021 was
    'did you mean 2021?', where a reader means 2019 (found in an audit)."""

    def value(written: str) -> float | None:
        try:
            number = float(written.replace(",", ""))
        except ValueError:
            return None
        return number if number == number and abs(number) != float("inf") else None

    wanted = value(text)
    numbers = [(c, v) for c in choices if (v := value(str(c))) is not None]
    if wanted is None or not numbers:
        return []
    swapped = [c for c, _ in numbers if len(str(c)) == len(text) and sorted(str(c)) == sorted(text)
               and sum(a != b for a, b in zip(str(c), text, strict=True)) == 2]  # fmt: skip
    return swapped[:1] or [min(numbers, key=lambda pair: abs(pair[1] - wanted))[0]]


def yaml_scalar(text: str) -> str:
    """``text`` as a YAML flow scalar, as a fix writes a value into a step: plain where YAML
    reads it back as the same text ('World Total'), else quoted."""
    plain = re.fullmatch(r"[A-Za-z][\w .&()/'-]*", text) and not text.endswith(" ")
    reserved = text.lower() in ("true", "false", "yes", "no", "on", "off", "null")
    return text if plain and not reserved else '"' + text.replace('"', '\\"') + '"'


def did_you_mean(value: str, choices: Iterable[str]) -> str | None:
    """Return ``"did you mean 'x'?"`` for the nearest choice, or ``None``; where the two
    differ only in look-alike characters, which ones (:func:`look_alikes`)."""
    match = nearest(value, choices)
    if match is None:
        return None
    told = look_alikes(str(value), match)
    return f"did you mean {match!r}?" + (f" ({told})" if told else "")


#: Characters a terminal shows alike, by what a reader calls them: a name that differs
#: from the data's only in these reads the same in the message as the name it missed.
LOOK_ALIKES: dict[str, str] = {
    "-": "a hyphen (-)", "\u2010": "a Unicode hyphen (U+2010)",
    "\u2011": "a non-breaking hyphen (U+2011)", "\u2012": "a figure dash (U+2012)",
    "\u2013": "an en dash (\u2013)", "\u2014": "an em dash (\u2014)",
    "\u2212": "a minus sign (\u2212)",
    "'": "a straight apostrophe (')", "\u2019": "a curly apostrophe (\u2019)",
    "\u2018": "an opening curly quote (\u2018)", "\u2032": "a prime (\u2032)",
    '"': 'a straight quote (")', "\u201c": "an opening curly quote (\u201c)",
    "\u201d": "a closing curly quote (\u201d)",
    " ": "a space", "\u00a0": "a no-break space (U+00A0)",
    "\u202f": "a narrow no-break space (U+202F)", "\u2009": "a thin space (U+2009)",
    "\t": "a tab",
}  # fmt: skip


#: The look-alikes by kind: a dash is told apart from a dash, not from a quote.
_KIN = ("-\u2010\u2011\u2012\u2013\u2014\u2212", "'\u2019\u2018\u2032", '"\u201c\u201d',
        " \u00a0\u202f\u2009\t")  # fmt: skip


def look_alikes(written: str, meant: str) -> str | None:
    """Where ``meant`` differs from ``written`` only in characters a terminal shows alike
    (dashes, quotes, spaces: :data:`LOOK_ALIKES`), which: 'written with an en dash (–), not a
    hyphen (-)'. "did you mean '18–29'?" for '18-29' read as the very name written
    (found by review). ``None`` where they differ otherwise, or not at all."""
    if len(written) != len(meant) or written == meant:
        return None
    pairs: list[tuple[str, str]] = []
    for a, b in zip(written, meant, strict=True):
        if a == b:
            continue
        if not any(a in kin and b in kin for kin in _KIN):
            return None
        if (a, b) not in pairs:
            pairs.append((a, b))
    return "; ".join(f"written with {LOOK_ALIKES[b]}, not {LOOK_ALIKES[a]}" for a, b in pairs)


def plain_number(value: float) -> str:
    """A number in a message as the data holds it, grouped: 1,490,000,000; 0.318182; and
    past whole numbers a person writes out, 1e+15."""
    value = float(value)
    return f"{value:,.0f}" if value.is_integer() and abs(value) < 1e15 else f"{value:,.6g}"


def counted(number: int, noun: str, nouns: str | None = None) -> str:
    """``"1 slide"``, ``"2 slides"``: a count with its noun in the right number."""
    return f"{number} {noun if number == 1 else nouns or noun + 's'}"


def joined(names: Sequence[str], last: str = "and") -> str:
    """'A', 'A and B', 'A, B and C': names as a sentence lists them."""
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} {last} {names[-1]}"


def a_or_an(word: str) -> str:
    """``word`` after 'a' or 'an', by the sound it starts with, not its letter: 'an unpivot
    step', 'a unit', 'an hour', 'a one-off', 'an 8', 'an MPO image', 'a PNG image'. A
    message that chose by the first letter alone wrote 'a unpivot step' (found in review)."""
    return f"{'an' if _vowel_sound(word) else 'a'} {word}"


#: Words that start with a vowel letter but a consonant sound ('a unit', 'a European',
#: 'a one-off'), and words that start with a silent h ('an hour'), by their first letters.
_YOU_SOUND = ("unic", "unif", "unio", "uniq", "unis", "unit", "univ", "use", "usu", "uti",
              "ura", "ure", "uri", "eu", "ewe", "one", "once", "ubiq")  # fmt: skip
_SILENT_H = ("hour", "honest", "honor", "honour", "heir")
#: Letters whose names start with a vowel sound ('an F', 'an MPO', 'an SVG'): an all-caps
#: word (and a letter alone) is read letter by letter.
_VOWEL_LETTERS = frozenset("AEFHILMNORSX")


def _vowel_sound(word: str) -> bool:
    text = word.lstrip("'\"‘“(")
    if not text:
        return False
    if text[0].isdigit():
        # 8, 80, 800 ('eight...'); 11 and 18 ('eleven', 'eighteen') and their thousands.
        digits = re.match(r"[\d,]*", text)[0].replace(",", "")  # type: ignore[index]
        return digits.startswith("8") or (digits[:2] in ("11", "18") and len(digits) % 3 == 2)
    head = re.match(r"[^\W\d_]*", text)[0]  # type: ignore[index]  # its leading letters
    if head.isalpha() and (head.isupper() or len(head) == 1):  # 'an SVG', 'an x'
        return head[0].upper() in _VOWEL_LETTERS
    low = text.lower()
    if low.startswith(_YOU_SOUND):
        return False
    return low[0] in "aeiou" or low.startswith(_SILENT_H)


def one_of(choices: Iterable[str]) -> str:
    """Format a list of valid choices for a message."""
    return ", ".join(repr(c) for c in choices)


#: How many names a message lists before it counts the rest.
LISTED = 12


def listed(values: Iterable[Any]) -> str:
    """Names for a message: the first :data:`LISTED`, then how many more. A table of 10,000
    columns wrote all of them in each message, 89,000 characters a line (found by
    fuzzing)."""
    values = [str(v) for v in values]
    more = len(values) - LISTED
    return one_of(values[:LISTED]) + (f" and {more:,} more" if more > 0 else "")


def brief(value: object) -> str:
    """``value`` as a message shows what it found: a text quoted, true, false and null as
    YAML writes them, a list or mapping as YAML's brackets write it (Python's notation,
    "found True", "found [{'heading': 'Plants'}]", was printed: fuzzing); for a long one
    its start and its length (a text of 10,000 characters was printed whole; fuzzing).
    A name a template uses that is not defined is said so: 'found Undefined', Jinja's
    word, was said of 'compact(long=ture)' (found by a new user)."""
    undefined = getattr(value, "_undefined_name", None) if type(value).__name__.endswith(
        "Undefined") else None  # fmt: skip
    if isinstance(undefined, str):
        return f"{undefined!r}, a name that is not defined (a typo?)"
    shown = _as_yaml(value)
    if len(shown) <= BRIEF:
        return shown
    if isinstance(value, str):
        return f"{value[: BRIEF - 20]!r}... ({len(value):,} characters)"
    return f"{shown[: BRIEF - 20]}... ({len(shown):,} characters)"


#: The longest value a message shows whole.
BRIEF = 80


def numbers_blanked(text: str) -> str:
    """``text`` with each number it quotes written '#': two messages (or fixes) that differ
    only in the numbers each row quotes of itself say one thing, told once for the rows."""
    return _NUMBER.sub("#", text)


_NUMBER = re.compile(r"\d[\d.,]*")


def _as_yaml(value: object) -> str:
    """``value`` as an outline writes it: a text quoted (as a message quotes what it
    found), true, false and null as YAML's words, a list or mapping in YAML's brackets."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_as_yaml(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_key(k)}: {_as_yaml(v)}" for k, v in value.items()) + "}"
    return repr(value)


def _key(key: object) -> str:
    """A mapping's key as YAML writes it: bare where it is a plain word."""
    text = str(key)
    return text if text.replace("_", "").replace("-", "").isalnum() else repr(text)
