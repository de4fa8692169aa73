"""The few words deckgen writes itself on slides and cards, in the deck's language.

A German deck said "Source: Statistisches Bundesamt" under every chart, and "Sources" over
its list of them, with no way to change it (a source line written "Quelle: ..." became
"Source: Quelle: ..."). The words follow ``deck.locale``'s language; ``deck.words`` sets any
of them for a language not listed here, or for a house style ("Data" for "Source").
Alt texts and speaker notes stay in English.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Sequence


@dataclass(frozen=True)
class Words:
    #: Before a source line: "Source: BEA".
    source: str
    #: The sources slide's title, and the heading of a card that lists several.
    sources: str
    #: After the title of a slide that continues a list or table: "Exports (continued)".
    continued: str
    #: What stands between "Source" and the line: French sets a space before a colon (a
    #: no-break space, so the colon never starts a line).
    colon: str = ":"

    def source_line(self, lines: Sequence[str], *, many: bool = False) -> str:
        """``"Source: a; b"``: one or more source lines under one word (``many``: the
        plural, as a card's list of sources says)."""
        return f"{self.sources if many else self.source}{self.colon} {'; '.join(lines)}"

    def bare(self, line: str) -> str:
        """A source line without the word its writer put before it ('Quelle: Eurostat' is
        'Eurostat'), so that the word is not written twice ('Quelle: Quelle: Eurostat')."""
        for word in (self.sources, self.source, *ENGLISH_WORDS):
            head, colon, rest = line.partition(":")
            if colon and head.strip().casefold() == word.casefold() and rest.strip():
                return rest.strip()
        return line

    def continuing(self, title: str) -> str:
        return f"{title} ({self.continued})"


ENGLISH = Words("Source", "Sources", "continued")
#: Written before a line in any deck ("Source: BEA" in a German one is not doubled either).
ENGLISH_WORDS = ("Sources", "Source")
#: By language (a locale's part before '_'). French and its neighbours' typography: a
#: no-break space before the colon.
LANGUAGES: dict[str, Words] = {
    "en": ENGLISH,
    "de": Words("Quelle", "Quellen", "Fortsetzung"),
    "fr": Words("Source", "Sources", "suite", "\u00a0:"),
    "es": Words("Fuente", "Fuentes", "continuación"),
    "it": Words("Fonte", "Fonti", "continua"),
    "pt": Words("Fonte", "Fontes", "continuação"),
    "nl": Words("Bron", "Bronnen", "vervolg"),
    "sv": Words("Källa", "Källor", "forts."),
    "da": Words("Kilde", "Kilder", "fortsat"),
    "nb": Words("Kilde", "Kilder", "forts."),
    "no": Words("Kilde", "Kilder", "forts."),
    "fi": Words("Lähde", "Lähteet", "jatkuu"),
    "pl": Words("Źródło", "Źródła", "cd."),
}


def words_for(locale: str, chosen: Any = None) -> Words:
    """The words of ``locale``'s language (English for one not listed), with those the
    outline sets (``chosen``: ``deck.words``, each field None where it sets none)."""
    language = locale.replace("-", "_").split("_")[0].lower()
    words = LANGUAGES.get(language, ENGLISH)
    if chosen is None:
        return words
    set_here = {name: value for name in ("source", "sources", "continued")
                if (value := getattr(chosen, name, None)) is not None}  # fmt: skip
    return replace(words, **set_here) if set_here else words
