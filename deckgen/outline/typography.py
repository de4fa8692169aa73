"""Typographic apostrophes in the text a reader is shown.

A quote slide set "It's the only place…" with a typewriter apostrophe inside its curly
quotation mark, and a list card "Young readers' trust" (found in review): a straight
apostrophe typed in an outline is set as the typographic one (U+2019), as an editor's
smart quotes would set it, in every text an outline field gives a reader (titles,
subtitles, bullets, quotations, labels, cards, source lines) and so in the alt text and
speaker notes written from them, which say what is shown. The outline's schema applies it
(:data:`deckgen.outline.schema.Text`, :data:`~deckgen.outline.schema.Prose`); names that
match the data (columns, categories, a highlight) are never changed.

Only an apostrophe is made: between a letter or digit and a letter ("It's", "O'Brien",
"d'Ivoire", "2024's", "the G20's": a year's total stayed straight, found by a new user),
and after the s of a plural ("readers' trust") unless it closes a quotation opened with a
straight quote ("the 'Yes' answers"). Quotation marks, primes ("5'10\""), a year's
apostrophe ("'90s") and code between backticks are left as typed.
"""

from __future__ import annotations

#: The typographic apostrophe (right single quotation mark).
APOSTROPHE = "\u2019"
#: What may stand before a straight quote that opens a quotation ("say 'yes'").
_OPENERS = frozenset(' \t\n([{\u201c"\u2018\u2014\u2013-/')


def apostrophes(text: str) -> str:
    """``text`` with each straight apostrophe set as the typographic one (see the module
    doc); code between backticks is left as typed."""
    if "'" not in text:
        return text
    parts = text.split("`")
    # Odd parts are code; an unclosed backtick's tail is not.
    return "`".join(
        part if k % 2 and k < len(parts) - 1 else _curled(part) for k, part in enumerate(parts)
    )


def _curled(text: str) -> str:
    chars = list(text)
    quoted = False  # a quotation opened with a straight quote, still open
    for i, char in enumerate(text):
        if char != "'":
            continue
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if before.isalnum() and after.isalpha():  # it's, O'Brien, 2024's
            chars[i] = APOSTROPHE
        elif before in _OPENERS and after.isalpha():  # 'yes': an opening quote, as typed
            quoted = True
        elif before in "sS" and i > 1 and text[i - 2].isalpha() and not after.isalnum():
            if quoted:  # the 'Yes' answers: it closes the quotation
                quoted = False
            else:  # readers' trust
                chars[i] = APOSTROPHE
        elif not after.isalnum():  # a closing quote, as typed
            quoted = False
    return "".join(chars)


def straight(text: str) -> str:
    """``text`` with typographic apostrophes as straight ones, for comparing a text a
    reader is shown with a name in the data (a title naming "Women's"): the same length,
    so an index into one is an index into the other."""
    return text.replace(APOSTROPHE, "'")
