"""The few words deckgen writes itself on slides and cards, in the deck's language.

A German deck said "Source: Statistisches Bundesamt" under every chart, and "Sources" over
its list of them, with no way to change it (a source line written "Quelle: ..." became
"Source: Quelle: ..."). The words follow ``deck.locale``'s language; ``deck.words`` sets any
of them for a language not listed here, or for a house style ("Data" for "Source").
Charts write a few words of their own (:class:`ChartWords`: "Change" over a column of
changes, "Total" in a ring's hole), in the deck's language too: a German deck's chart headed
its column of changes "Change" beside "Quelle:" (found in review). Alt texts and speaker
notes stay in English.
"""

from __future__ import annotations

import contextvars
from dataclasses import dataclass, field, fields, replace
from typing import TYPE_CHECKING, Any

from deckgen.scoped import scoped

if TYPE_CHECKING:
    from collections.abc import Sequence
    from contextlib import AbstractContextManager


@dataclass(frozen=True)
class ChartWords:
    """The words a chart writes on its picture (and a native chart in its shapes)."""

    #: Over a column of changes, right of the rows.
    change: str = "Change"
    #: Under the total in a ring's hole, and naming a stack's total.
    total: str = "Total"
    #: Beside a fitted trend line.
    trend: str = "Linear trend"
    #: Before the column bubbles' sizes stand for: "Bubble area: people".
    bubble_area: str = "Bubble area"
    #: Steps merged into one to fit: "Other (3)".
    other: str = "Other"


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
    chart: ChartWords = field(default_factory=ChartWords)

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
_NORDIC = ChartWords("Endring", "Totalt", "Lineær trend", "Bobleareal", "Annet")
LANGUAGES: dict[str, Words] = {
    "en": ENGLISH,
    "de": Words("Quelle", "Quellen", "Fortsetzung", chart=ChartWords(
        "Veränderung", "Gesamt", "Linearer Trend", "Blasenfläche", "Sonstige")),
    "fr": Words("Source", "Sources", "suite", "\u00a0:", ChartWords(
        "Variation", "Total", "Tendance linéaire", "Aire des bulles", "Autres")),
    "es": Words("Fuente", "Fuentes", "continuación", chart=ChartWords(
        "Variación", "Total", "Tendencia lineal", "Área de las burbujas", "Otros")),
    "it": Words("Fonte", "Fonti", "continua", chart=ChartWords(
        "Variazione", "Totale", "Tendenza lineare", "Area delle bolle", "Altri")),
    "pt": Words("Fonte", "Fontes", "continuação", chart=ChartWords(
        "Variação", "Total", "Tendência linear", "Área das bolhas", "Outros")),
    "nl": Words("Bron", "Bronnen", "vervolg", chart=ChartWords(
        "Verandering", "Totaal", "Lineaire trend", "Oppervlakte bel", "Overig")),
    "sv": Words("Källa", "Källor", "forts.", chart=ChartWords(
        "Förändring", "Totalt", "Linjär trend", "Bubblans yta", "Övrigt")),
    "da": Words("Kilde", "Kilder", "fortsat", chart=ChartWords(
        "Ændring", "I alt", "Lineær tendens", "Boblens areal", "Øvrige")),
    "nb": Words("Kilde", "Kilder", "forts.", chart=_NORDIC),
    "no": Words("Kilde", "Kilder", "forts.", chart=_NORDIC),
    "fi": Words("Lähde", "Lähteet", "jatkuu", chart=ChartWords(
        "Muutos", "Yhteensä", "Lineaarinen trendi", "Kuplan pinta-ala", "Muut")),
    "pl": Words("Źródło", "Źródła", "cd.", chart=ChartWords(
        "Zmiana", "Razem", "Trend liniowy", "Pole bąbla", "Inne")),
}  # fmt: skip


def words_for(locale: str, chosen: Any = None) -> Words:
    """The words of ``locale``'s language (English for one not listed), with those the
    outline sets (``chosen``: ``deck.words``, each field None where it sets none)."""
    language = locale.replace("-", "_").split("_")[0].lower()
    words = LANGUAGES.get(language, ENGLISH)
    if chosen is None:
        return words
    set_here = {name: value for name in ("source", "sources", "continued")
                if (value := getattr(chosen, name, None)) is not None}  # fmt: skip
    in_charts = {f.name: value for f in fields(ChartWords)
                 if (value := getattr(chosen, f.name, None)) is not None}  # fmt: skip
    if in_charts:
        set_here["chart"] = replace(words.chart, **in_charts)
    return replace(words, **set_here) if set_here else words


#: The chart words of the deck being planned: every chart job made while it is planned
#: takes them (:attr:`deckgen.render.charts.ChartJob.words`), as it takes its number marks.
_CHART_WORDS: contextvars.ContextVar[ChartWords] = contextvars.ContextVar(
    "chart_words", default=ENGLISH.chart
)


def current_chart_words() -> ChartWords:
    return _CHART_WORDS.get()


def charts_in(words: ChartWords) -> AbstractContextManager[ChartWords]:
    """Make the charts planned in this block write ``words``."""
    return scoped(_CHART_WORDS, words)
