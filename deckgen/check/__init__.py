"""``deckgen check``: everything ``build`` validates, without writing a deck, then a lint of
the content: fit, accessibility, numbers and editorial rules.

Each rule is one entry in :data:`deckgen.check.rules.RULES` with a code (``A11Y002``), a
severity, a family, and a one-line summary (the README lists them all); it reads a
:class:`~deckgen.check.rules.Context` (the prepared outline, the plan, the cards) and yields
:class:`Finding` s. :func:`check` runs them and returns a :class:`Report`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

    from deckgen.check.run import Batch, OnRow
    from deckgen.errors import Location
    from deckgen.pipeline import BuildOptions
    from deckgen.plan.cards import InPresets

#: A note says what a check could not do (ED003 on titles in a language it has no verbs
#: for), once: it is no problem, so it neither counts as a warning nor fails ``--strict``.
Severity = Literal["error", "warning", "note"]


@dataclass(frozen=True)
class Cells:
    """What in the data a finding is about, when its rule reads the data itself rather than
    a deck made from it. Such a finding is the same whichever row a batch binds, so
    ``check --for-each`` tells it once and names the rows that hold it: named by the rows
    checked, it read "every row" for a character one cell of one row held (found by
    fuzzing)."""

    #: The data source's name.
    source: str
    #: The positions (0-based, in the source) of the rows holding it; none when the finding
    #: is about a whole column or file, which no row holds more than another.
    rows: tuple[int, ...] = ()


@dataclass(frozen=True)
class Finding:
    """One problem: its rule's code and severity, where it is (file, line, field; the
    slide number or card file), a plain sentence, and the fix."""

    code: str
    severity: Severity
    location: Location | None
    message: str
    fix: str
    slide: int | None = None
    card: str | None = None
    #: For a finding about the data rather than a deck: the cells it is about.
    data: Cells | None = None
    #: A problem a build stops on (reported by ``check`` from the build's own error): it
    #: is reported whatever ``--select`` and ``--ignore`` say.
    stops_build: bool = field(default=False, kw_only=True)
    #: A card in several presets the finding holds for (``card`` is the first's file).
    presets: InPresets | None = field(default=None, kw_only=True)

    @property
    def where(self) -> str:
        """The slide or card, in words: "slide 4", "card exports-ig-square.png"."""
        if self.slide is not None:
            return f"slide {self.slide}"
        if self.presets is not None:
            return str(self.presets)
        return f"card {self.card}" if self.card else "deck"

    def as_dict(self) -> dict[str, object]:
        loc = self.location
        return {
            "code": self.code,
            "severity": self.severity,
            "file": loc.file if loc else None,
            "line": loc.line if loc else None,
            "field": loc.field if loc else None,
            "slide": self.slide,
            "card": self.card,
            "presets": list(self.presets.presets) if self.presets else None,
            "message": self.message,
            "fix": self.fix,
        }

    def __str__(self) -> str:
        head = f"{self.location}: " if self.location else ""
        return f"{head}{self.code} {self.severity}: {self.where}: {self.message}\n  fix: {self.fix}"


#: How many findings alike but for where they are ``deckgen check`` prints.
ALIKE_SHOWN = 5


@dataclass(frozen=True)
class Report:
    """The findings of one check, in outline order."""

    findings: tuple[Finding, ...] = field(default_factory=tuple)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    @property
    def notes(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "note"]

    def exit_code(self, *, strict: bool = False) -> int:
        """0 clean; 1 warnings under ``--strict``; 2 errors."""
        if self.errors:
            return 2
        return 1 if strict and self.warnings else 0

    def shown(self, alike: int = ALIKE_SHOWN) -> list[tuple[Finding, int]]:
        """The findings to print, each with how many more like it are left unprinted.

        Of findings alike but for where they are (one per row of an empty column: a sheet
        with one cell at row 1,048,576 had a million, 380 MB printed), the first ``alike``
        are printed, and the last of them counts the rest.
        """
        counts: dict[tuple[object, ...], list[int]] = {}  # key: [printed, index in out]
        out: list[list[Any]] = []
        for f in self.findings:
            key = (f.code, f.severity, f.message, f.fix, f.slide, f.card)
            seen = counts.setdefault(key, [0, -1])
            if seen[0] < alike:
                seen[0] += 1
                seen[1] = len(out)
                out.append([f, 0])
            else:
                out[seen[1]][1] += 1
        return [(f, n) for f, n in out]

    def for_slide(self, number: int) -> list[Finding]:
        return [f for f in self.findings if f.slide == number]

    def for_card(self, file: str) -> list[Finding]:
        return [f for f in self.findings if file in (f.presets.files if f.presets else (f.card,))]


def check(
    outline: Path,
    options: BuildOptions,
    *,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    rows: Batch | None = None,
    on_row: OnRow | None = None,
) -> Report:
    """Validate ``outline`` as ``build`` would (every load, data, binding, theme and layout
    problem becomes an error finding instead of stopping) and run the lint rules whose code
    starts with one of ``select`` (all when empty) and none of ``ignore``. With ``rows``, a
    batch outline is checked for each of its rows, as ``deckgen batch`` builds them, and
    ``on_row`` is told of each row checked."""
    from deckgen.check.run import run

    return run(outline, options, tuple(select), tuple(ignore), rows, on_row)
