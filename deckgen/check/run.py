"""Run ``deckgen check``: prepare and plan as a build does, turning every problem a build
would stop on into an error finding, then run the lint rules on what could be laid out."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, TypeAlias

from deckgen.check import Cells, Finding, Report
from deckgen.errors import (
    BindingError,
    DataError,
    DeckgenError,
    FitError,
    OutlineError,
    ThemeError,
    numbers_blanked,
)
from deckgen.kinds.slides._base import AltTextError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from pathlib import Path

    from deckgen.pipeline import BuildOptions, Prepared

#: What a build-stopping error is reported as, by its class (most specific first).
BUILD_CODES: tuple[tuple[type[DeckgenError], str, str], ...] = (
    # An alt text that names a file is refused by the build and listed by its own rule's
    # code, in the build's words (its rule finds the ones no build refuses).
    (AltTextError, "A11Y001", "describe what the picture shows and what it means"),
    (BindingError, "BLD003", "fix the template"),
    (OutlineError, "BLD001", "fix the outline field"),
    (
        DataError,
        "BLD002",
        "fix the file the outline names (its path, or the value the message shows)",
    ),
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
        message, hint = problem.message, problem.hint
        if hint is None and code in ("BLD001", "BLD003"):
            message, hint = _said_fix(message)
        out.append(Finding(code, "error", problem.location, message, hint or fix, slide,
                           stops_build=True))  # fmt: skip
    return out


def _said_fix(message: str) -> tuple[str, str | None]:
    """A validator's message says what is wrong, then, after its last '; ', what to do
    ('... y names 3 columns; name exactly two, or use a dot chart for more'): the fix goes
    on its own line, as a hint's does (a build prints the sentence whole). A tail that
    only reports ('found 12') is not one."""
    # Not at a '; ' inside a quoted name: CBS' table 'Bevolkingsontwikkeling; levend
    # geborenen...' was cut there, its second half printed as the fix (found in review).
    quoted = [m.span() for m in re.finditer(r"(?<![^\W\d_])'[^']*'(?![^\W\d_])", message)]
    # Nor inside brackets: a preset's '(...; platforms reject larger images)' left half a
    # sentence as the fix (found in review).
    depth, inside = 0, set()
    for k, c in enumerate(message):
        depth = max(0, depth + (c in "([") - (c in ")]"))
        if depth:
            inside.add(k)
    cuts = [k for k in range(len(message)) if message.startswith("; ", k)
            and k not in inside and not any(a < k < b for a, b in quoted)]  # fmt: skip
    if not cuts:
        return message, None
    head, tail = message[: cuts[-1]], message[cuts[-1] + 2 :]
    if not head or tail.startswith(("found ", "got ")):
        return message, None
    return head, tail


def run(outline: Path, options: BuildOptions, select: tuple[str, ...],
        ignore: tuple[str, ...], rows: Batch | None = None,
        on_row: OnRow | None = None) -> Report:  # fmt: skip
    """The findings on ``outline``; with ``rows``, on each row's deck, ``on_row`` told of
    each row checked (as ``deckgen batch`` tells of each row built: a progress bar)."""
    from deckgen.pipeline import prepare

    if rows is not None:
        found = _each_row(outline, options, select, ignore, rows, on_row)
    else:
        try:
            ready = prepare(outline, options)
        except DeckgenError as exc:
            found = _errors(exc)
        else:
            found = _lint(outline, options, ready, select, ignore)
    return _report(_as_written(found, outline), select, ignore)


def _as_written(findings: list[Finding], outline: Path) -> list[Finding]:
    """``findings`` with the files of the project (its theme, its data) named from the
    outline's folder as the outline itself is named (:func:`deckgen.io.as_written`), where
    they were named by their absolute path: a machine's own path in JSON for CI (found by
    fuzzing). A file outside the project (a shipped theme) keeps its path."""
    from deckgen.io import as_written

    return [f if f.location is None else
            replace(f, location=replace(f.location, file=as_written(f.location.file, outline)))
            for f in findings]  # fmt: skip


@dataclass(frozen=True)
class Checked:
    """A row checked, for ``on_row``: its key and what became of it (as a batch's row)."""

    key: str
    status: str = "checked"


#: Told of each row a check --for-each has checked: (rows checked, rows, the row).
OnRow: TypeAlias = "Callable[[int, int, Checked], None]"


@dataclass(frozen=True)
class Batch:
    """The rows a batch outline is checked for, as ``deckgen batch`` chooses them."""

    for_each: str
    key: str | None = None
    where: tuple[str, ...] = ()


def _each_row(outline: Path, options: BuildOptions, select: tuple[str, ...],
              ignore: tuple[str, ...], rows: Batch,
              on_row: OnRow | None = None) -> list[Finding]:  # fmt: skip
    """Every row's findings, each with its row's key, as ``deckgen batch`` binds it. The
    rows' findings of one rule at one place of the outline are one finding (one template
    gives them all, each in its row's words): told once, in the first row's words, naming
    the rows. A finding about the data itself (:attr:`Finding.data`) is found alike in
    every row checked: told once, naming the rows that hold what it is about."""
    from deckgen.batch import chosen_rows, folder_name
    from deckgen.binding.tables import tables_for_templates
    from deckgen.check.rules import judging_columns
    from deckgen.pipeline import bind, read_inputs
    from deckgen.tables.select import remembering

    try:
        inputs = read_inputs(outline, options)
        chosen = chosen_rows(inputs, rows.for_each, rows.key, rows.where)
    except DeckgenError as exc:
        return _errors(exc)
    templates = tables_for_templates(inputs.tables)
    table = list(templates[rows.for_each])
    by_place: dict[tuple[object, ...], tuple[Finding, list[str]]] = {}
    # Each column of the data judged once for every row, and each chart's data selected
    # once for a row's slide and its rules, as a batch does (fuzzing round 5, F13).
    with judging_columns():
        for done, (key, n) in enumerate(chosen, 1):
            row_options = replace(options, out_dir=options.out_dir / folder_name(key))
            with remembering():
                try:
                    ready = bind(inputs, row_options, {"row": table[n]}, templates)
                except DeckgenError as exc:
                    found = _errors(exc)
                else:
                    found = _lint(outline, row_options, ready, select, ignore)
            for finding in found:
                # A data finding's words are the same whichever row found it: two that
                # differ are two findings (two columns of one file).
                said = (finding.message,) if finding.data is not None else ()
                # A fix in the row's words too ('... | percent' writes 35.5%', where the
                # next row's writes 68.2%) is the same fix: NUM009 was said of each of 22
                # rows (found by a new user).
                fix = numbers_blanked(finding.fix or "")
                place = (finding.code, finding.location, finding.slide, finding.card, fix,
                         *said)  # fmt: skip
                by_place.setdefault(place, (finding, []))[1].append(key)
            if on_row is not None:
                on_row(done, len(chosen), Checked(key))
    out = []
    for finding, keys in by_place.values():
        if finding.data is None:
            rows_text = "every row" if len(keys) == len(chosen) > 1 else _rows_text(keys)
        else:
            rows_text = _holders(finding.data, rows.for_each, chosen)
        out.append(replace(finding, message=f"{rows_text}: {finding.message}" if rows_text
                           else finding.message))  # fmt: skip
    return out


def _rows_text(keys: list[str]) -> str:
    """Rows for a message: "row 'A'", "rows 'A', 'B', 'C' and 2 more"."""
    shown = ", ".join(repr(k) for k in keys[:3])
    more = f" and {len(keys) - 3} more" if len(keys) > 3 else ""
    return f"row {shown}" if len(keys) == 1 else f"rows {shown}{more}"


def _holders(data: Cells, for_each: str, chosen: list[tuple[str, int]]) -> str:
    """The rows checked that hold what a data finding is about, for its message: those of
    ``for_each`` among its cells' rows ('' when none is, as for another source's cell or a
    whole column: its place is in the finding's location and message). Which rows found
    it says nothing, as every row that could be linted finds it."""
    if data.source != for_each or not data.rows:
        return ""
    held = set(data.rows)
    keys = [key for key, n in chosen if n in held]
    return _rows_text(keys) if keys else ""


def _lint(outline: Path, options: BuildOptions, ready: Prepared, select: tuple[str, ...],
          ignore: tuple[str, ...]) -> list[Finding]:  # fmt: skip
    """The layout's problems and the lint rules' findings on a prepared outline."""
    from deckgen import manifest
    from deckgen.check.rules import RULES, Context
    from deckgen.pipeline import deck_folder, located
    from deckgen.plan import context, plan_slides
    from deckgen.plan.cards import in_presets, plan_cards

    findings: list[Finding] = []
    ctx = context(ready.loaded, ready.tables, ready.theme, allow_outside=options.allow_outside)
    # Planning draws nothing (alt text is written after drawing), so a check lays out no
    # figure: a fraction of a build.
    plan, failures = plan_slides(ctx)
    for failure in failures:
        findings += _errors(failure)
    larger = ctx.theme.theme.larger_sizes(ready.loaded.path)
    if larger and any(isinstance(failure, FitError) for failure in failures):
        findings += _errors(FitError(larger))  # as a build says it (check left it out)
    try:
        cards = tuple(plan_cards(ready.loaded, ready.tables, ready.theme))
    except DeckgenError as exc:
        findings += _errors(exc)
        cards = ()
    last = manifest.read(deck_folder(outline, options) / manifest.FILE_NAME)
    lint = Context(ready.loaded, ready.bound, ready.tables, ready.theme, plan, cards, last)
    wanted = [r for r in RULES if _chosen(r.code, select, ignore)]
    found: list[Finding] = []
    stopped: dict[str, Finding] = {}
    for rule in wanted:
        try:
            found += rule.run(lint)
        except DeckgenError as exc:
            # A chart the rule draws that has no room for its plot: the build stops there
            # too. Said once, where the outline writes it (found by fuzzing: a theme's
            # 72 pt minimum, and the check printed an error naming no file).
            exc = located(exc, plan, cards, ready.loaded)
            stopped.update((f.message, f) for f in _errors(exc))
    findings += stopped.values()
    # A card in several presets: a rule's finding of one place and fix, told once.
    folded = in_presets(cards, found, lambda f: f.card, lambda f: (f.code, f.location, f.fix),
                        lambda f: f.message)  # fmt: skip
    return findings + [f if shared is None else replace(f, presets=shared) for f, shared in folded]


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
    # What stops a build is told whatever is selected: `--ignore A11Y` must not pass a
    # deck whose build then refuses its alt text.
    kept = [f for f in findings if _chosen(f.code, select, ignore) or f.stops_build]
    # Outline order: by slide, then cards, then the deck-wide (theme) findings.
    kept.sort(key=lambda f: (f.slide is None, f.slide or 0, f.card is None, f.card or ""))
    return Report(tuple(kept))
