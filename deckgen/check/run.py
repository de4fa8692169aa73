"""Run ``deckgen check``: prepare and plan as a build does, turning every problem a build
would stop on into an error finding, then run the lint rules on what could be laid out."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from deckgen.check import Finding, Report
from deckgen.errors import (
    BindingError,
    DataError,
    DeckgenError,
    FitError,
    OutlineError,
    ThemeError,
)

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

    from deckgen.pipeline import BuildOptions

#: What a build-stopping error is reported as, by its class (most specific first).
BUILD_CODES: tuple[tuple[type[DeckgenError], str, str], ...] = (
    (BindingError, "BLD003", "fix the template"),
    (OutlineError, "BLD001", "fix the outline field"),
    (DataError, "BLD002", "fix the data file or the column the outline names"),
    (ThemeError, "BLD004", "fix the theme"),
    (FitError, "FIT001", "shorten the text, or give it more room"),
    (DeckgenError, "BLD000", "fix the input named"),
)
#: The build-stopping codes, for the README and ``--select``.
BUILD_RULES = {
    "BLD000": "any other problem that stops a build (an output file that cannot be written, say)",
    "BLD001": "the outline does not match the schema, or a field names nothing in the data",
    "BLD002": "a data file is missing, unreadable, or holds a bad value",
    "BLD003": "a {{ template }} cannot be filled in from the data",
    "BLD004": "the theme cannot be found or is invalid",
    "FIT001": "text that will not fit at the theme's fonts",
}


def _errors(exc: DeckgenError) -> list[Finding]:
    # A run that failed in several stages (pipeline.InputErrors) has each stage's error.
    parts = getattr(exc, "parts", None)
    if parts:
        return [finding for part in parts for finding in _errors(part)]
    code, fix = next((c, f) for cls, c, f in BUILD_CODES if isinstance(exc, cls))
    out = []
    for problem in exc.problems:
        field = problem.location.field if problem.location else None
        found = re.match(r"slides\[(\d+)\]", field or "")
        slide = int(found[1]) + 1 if found else None
        out.append(Finding(code, "error", problem.location, problem.message,
                           problem.hint or fix, slide))  # fmt: skip
    return out


def run(outline: Path, options: BuildOptions, select: tuple[str, ...],
        ignore: tuple[str, ...]) -> Report:  # fmt: skip
    from deckgen import manifest
    from deckgen.check.rules import RULES, Context
    from deckgen.pipeline import deck_folder, prepare
    from deckgen.plan import context, plan_slides
    from deckgen.plan.cards import plan_cards

    findings: list[Finding] = []
    try:
        ready = prepare(outline, options)
    except DeckgenError as exc:
        return _report(_errors(exc), select, ignore)
    ctx = context(ready.loaded, ready.tables, ready.theme, allow_outside=options.allow_outside)
    # Planning draws nothing (alt text is written after drawing), so a check lays out no
    # figure: a fraction of a build.
    plan, failures = plan_slides(ctx)
    for failure in failures:
        findings += _errors(failure)
    try:
        cards = tuple(plan_cards(ready.loaded, ready.tables, ready.theme))
    except DeckgenError as exc:
        findings += _errors(exc)
        cards = ()
    last = manifest.read(deck_folder(outline, options) / manifest.FILE_NAME)
    lint = Context(ready.loaded, ready.bound, ready.tables, ready.theme, plan, cards, last)
    wanted = [r for r in RULES if _chosen(r.code, select, ignore)]
    for rule in wanted:
        findings += rule.run(lint)
    return _report(findings, select, ignore)


def unknown_codes(codes: Iterable[str]) -> list[tuple[str, str]]:
    """Each of ``codes`` (``--select``/``--ignore``) that names no check, neither a code nor
    the start of one, with a did-you-mean: a mistyped code would otherwise select nothing,
    and ``--strict`` would pass a deck it was meant to stop."""
    from deckgen.check.rules import RULES
    from deckgen.errors import did_you_mean

    known = sorted({r.code for r in RULES} | {code for _, code, _ in BUILD_CODES})
    return [
        (code, did_you_mean(code.upper(), known) or f"the checks are {', '.join(known)}")
        for code in codes
        if not any(k.startswith(code.upper()) for k in known)
    ]


def _chosen(code: str, select: tuple[str, ...], ignore: tuple[str, ...]) -> bool:
    """``--select``/``--ignore`` take codes or their prefixes (``A11Y``, ``NUM00``)."""
    picked = not select or any(code.startswith(s.upper()) for s in select)
    return picked and not any(code.startswith(i.upper()) for i in ignore)


def _report(findings: list[Finding], select: tuple[str, ...], ignore: tuple[str, ...]) -> Report:
    kept = [f for f in findings if _chosen(f.code, select, ignore) or (f.severity == "error"
            and f.code.startswith(("BLD", "FIT001")))]  # fmt: skip
    # Outline order: by slide, then cards, then the deck-wide (theme) findings.
    kept.sort(key=lambda f: (f.slide is None, f.slide or 0, f.card is None, f.card or ""))
    return Report(tuple(kept))
