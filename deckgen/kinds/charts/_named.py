"""Which of a chart's categories a text names, as a reader finds them: a card keeps the
rows its title names, and a scatter names the points its title is about first."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from deckgen.outline.typography import straight

if TYPE_CHECKING:
    from collections.abc import Sequence

#: Words every kind of name and title uses: never what names a row.
STOP_WORDS = frozenset(["a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the",
                        "to", "with"])  # fmt: skip


#: A word of a name or a title: letters and digits ('Parks', 'Recreation', 'G20').
_WORD = re.compile(r"[^\W_]+")


def title_rows(title: str, names: Sequence[str], noun: str = "") -> list[int]:
    """The indexes of ``names`` that ``title`` names, as a reader finds them: a name whole
    (in any case, as whole words: 'public works' for 'Public Works'; not 'Wales' inside a
    'New South Wales' the title names too), or a word of it that no other name has, of
    three letters or more and not 'and', 'the'..., as a whole word in any case and either
    number ('parks' or 'Park' for 'Parks & Recreation', 'libraries' for 'Library
    Services'; not 'art' inside 'start'). A word several names share ('North' of 'North
    America' and 'North Africa') names none of them. A name of digits alone ('2024', '12')
    is named by no title: a number in a title is read as a value, as ``deckgen check``
    reads it. Nor is a name by a word of ``noun``, what the names are ('port' of 'Port
    Huron, MI', in a title '... than any other port'). Apostrophes are compared straight:
    a title's are typographic ('Women’s'), a name's as the data has them."""
    text = " ".join(straight(title).split())
    names = [straight(str(name)) for name in names]
    folded = text.casefold()
    spans: list[tuple[int, int, int]] = []  # (start, end, index) of each whole name
    for i, name in enumerate(names):
        whole = " ".join(str(name).split()).casefold()
        if any(c.isalpha() for c in whole):
            pattern = rf"(?<![^\W_]){re.escape(whole)}(?![^\W_])"
            spans += [(m.start(), m.end(), i) for m in re.finditer(pattern, folded)]
    found = {i for start, end, i in spans
             if not any(s <= start and end <= e and (e - s) > (end - start)
                        for s, e, _ in spans)}  # fmt: skip
    # A sentence-case title ('... while parks and libraries fall') named neither 'Parks &
    # Recreation' nor 'Libraries and Culture' when words had to be written as the names
    # write them (found in review): words are compared by their folded singular form.
    generic = {_word_form(w) for w in _WORD.findall(noun)}
    words = [{_word_form(w) for w in _WORD.findall(str(name)) if _telling(w)} - generic
             for name in names]  # fmt: skip
    owners: dict[str, int] = {}
    for own in words:
        for word in own:
            owners[word] = owners.get(word, 0) + 1
    said = {_word_form(w) for w in _WORD.findall(text)}
    for i, own in enumerate(words):
        if any(owners[w] == 1 and w in said for w in own):
            found.add(i)
    return sorted(found | _days_named(text, names))


def _days_named(title: str, names: Sequence[str]) -> set[int]:
    """The indexes of ``names`` that are days the ``title`` writes ('peaked on February
    28, 2024' names the category '2024-02-28'; a card kept the days around another, and
    left it out: found in review), its year where the title gives one."""
    from deckgen.outline.text_numbers import days_written
    from deckgen.tables import dates

    written = days_written(title)
    if not written:
        return set()
    found = set()
    for i, name in enumerate(names):
        read = dates.periods_named([name])
        if read is None or read[0] != "day":
            continue
        day = read[1][0]
        if any((y is None or y == day.year) and (m, d) == (day.month, day.day)
               for y, m, d in written):  # fmt: skip
            found.add(i)
    return found


def _word_form(word: str) -> str:
    """A word as :func:`title_rows` compares it: folded, and a simple English plural made
    singular ('Libraries' -> 'library', 'parks' -> 'park', 'taxes' -> 'tax'; 'class' and
    'status' stay). Both sides are made alike, so a rarer plural only goes unmatched."""
    low = word.casefold()
    if len(low) > 4 and low.endswith("ies"):
        return low[:-3] + "y"
    if low.endswith(("sses", "xes", "zes", "ches", "shes")):
        return low[:-2]
    if len(low) > 3 and low.endswith("s") and not low.endswith(("ss", "us", "is")):
        return low[:-1]
    return low


def _telling(word: str) -> bool:
    """Whether a word of a name can name it alone: three letters or more, not only digits,
    and not a word every kind of name uses ('and', 'of', 'the')."""
    return len(word) >= 3 and not word.isdigit() and word.casefold() not in STOP_WORDS


def names_whole(title: str, name: str) -> bool:
    """Whether ``title`` names the series ``name`` as a whole: all its words, in order, in
    any case and either number ('attendance' in 'Attendance is at a record', 'average home
    attendance' in 'Average home attendance hit a record'). One word in common is not
    naming it: 'Home prices rose faster than incomes' over 'median household income' left
    '$71,500' alone, read as a home price (found by fuzzing). A name of digits alone
    ('2024') is read as a value in a title, so it names nothing."""
    if not any(c.isalpha() for c in name):
        return False
    said = [_word_form(w) for w in _WORD.findall(title)]
    own = [_word_form(w) for w in _WORD.findall(name)]
    return any(said[k : k + len(own)] == own for k in range(len(said) - len(own) + 1))
