"""The few words deckgen writes itself on slides and cards, in the deck's language.

A German deck said "Source: Statistisches Bundesamt" under every chart, and "Sources" over
its list of them, with no way to change it (a source line written "Quelle: ..." became
"Source: Quelle: ..."). The words follow ``deck.locale``'s language; ``deck.words`` sets any
of them for a language not listed here, or for a house style ("Data" for "Source").
Charts write a few words of their own (:class:`ChartWords`: "Change" over a column of
changes, "Total" in a ring's hole), in the deck's language too: a German deck's chart headed
its column of changes "Change" beside "Quelle:" (found in review). So does a social card
saying which of its chart's rows it shows (:class:`ShownWords`): a German card said "the 8
largest of 11 Bundeslands", English words around an English plural of a German noun (found
in review). Alt texts and speaker notes stay in English, numbers included.

:data:`RANGES` are the words that join a range of numbers in each language ('18 bis 44',
'65 und älter'), which text wrapping keeps on one line (:mod:`deckgen.layout.text`), as it
keeps each of :data:`UNITS` with its number ('1,5 Mio.', '2 Milliarden').
"""

from __future__ import annotations

import contextvars
import functools
import re
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
    #: After a difference between two percentages, in percentage points: "+3.1 pts" (a
    #: difference of 1 drops a final "s": "+1 pt").
    points: str = "pts"
    #: Before a compound annual growth rate: "CAGR +9.6%".
    cagr: str = "CAGR"
    #: The legend's name for the hatched regions without a value.
    no_data: str = "No data"
    #: Between the ends of a legend's class whose ends are negative: "−4 to −2" (a dash
    #: beside a minus sign reads as one more).
    to: str = "to"
    #: A native chart of steps names its series in its sheet ("Edit Data"): the steps up,
    #: the steps down, the invisible base they stand on, and the part of a step that
    #: crosses zero under it ("Decrease below zero"); its totals are ``total``.
    increase: str = "Increase"
    decrease: str = "Decrease"
    base: str = "Base"
    below_zero: str = "below zero"
    #: Under a chart whose changes, as written, are not the differences of its values as
    #: written ('5.2M → 30.2M +24.9M'): a note in the source line.
    unrounded: str = "Changes are computed from unrounded values."


@dataclass(frozen=True)
class ShownWords:
    """What a social card says after its subtitle when its chart leaves rows out ('the 4
    largest of 10 ports'). Each is a ``str.format`` template of ``n`` (rows shown),
    ``total`` (rows in all), ``things`` (the x column's name made plural, in English only:
    a language whose plural deckgen cannot form leaves it out, '8 von 11'), ``names``
    (rows named), ``start`` and ``end`` (the first and last period shown) and ``shown``
    (the words before the names)."""

    #: The leading rows of a chart sorted by a value it shows, largest first.
    largest: str = "the {n} largest of {total} {things}"
    largest_one: str = "the largest of {total} {things}"
    smallest: str = "the {n} smallest of {total} {things}"
    smallest_one: str = "the smallest of {total} {things}"
    #: The leading rows in the data's own order.
    first: str = "the first {n} of {total} {things}"
    first_one: str = "the first of {total} {things}"
    #: The latest periods of a time axis, and a run of periods that ends before them.
    last: str = "the last {n} of {total} {things}"
    span: str = "{start} to {end}: {n} of {total} {things}"
    #: Only rows named (highlighted, or named by the title).
    named: str = "{names} of {total} {things}"
    #: One plain name after the count ('... and Bayern'), several after a break.
    one_more: str = "{shown} and {names}"
    more: str = "{shown}, plus {names}"
    #: Before the last of several names: 'A, B and C'.
    last_name: str = "and"


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
    shown: ShownWords = field(default_factory=ShownWords)
    #: Under a table cut to its top rows, how many it leaves out: "and 12 more".
    more: str = "and {n} more"

    def source_line(self, lines: Sequence[str], *, many: bool = False) -> str:
        """``"Source: a; b"``: one or more source lines under one word (``many``: the
        plural, as a card's list of sources says)."""
        return f"{self.sources if many else self.source}{self.colon} {'; '.join(lines)}"

    @staticmethod
    def noted(line: str, notes: Sequence[str]) -> str:
        """A source ``line`` with the ``notes`` said after it (the slide's or card's
        ``note``, what its chart needs said), as a newsroom writes them, each a sentence:
        'Source: BEA. Changes are computed from unrounded values.'"""
        if not notes:
            return line
        return " ".join(sentence(part) for part in (line, *notes) if part.strip())

    def grouped(self, lines: Sequence[str]) -> list[tuple[str, tuple[str, ...]]]:
        """``lines`` with those that begin with the same publisher, the part before the
        first ", " or ": ", written as one entry where the first of them is: the publisher
        once, the deck's colon, its parts after it in order (``Global Impact page: port
        table; AI applications list``), each once (a part of several, split at "; ", too);
        each entry with the lines it stands for. A line that is the publisher alone is
        an entry of its own: joined to its parts' entry, the numbers it sources were
        credited to those parts ('Planning office' and 'Planning office, faculty data' made
        'Planning office: faculty data', found by a new user). A publisher only one line
        begins with is not grouped ("ITIF, quoted on the Global Impact page" stays as
        written). The sources slide lists these entries, and so does an infographic's
        Sources block."""
        split = [(*_HEAD.split(line, maxsplit=1), "")[:2] for line in lines]
        # A line of the publisher alone is a head of its own kind: nothing joins it.
        heads = [(head, True) if part else (line, False) for line, (head, part) in
                 zip(lines, split, strict=True)]  # fmt: skip
        parts: dict[tuple[str, bool], list[str]] = {}  # each head's parts, in order
        given: dict[tuple[str, bool], list[str]] = {}  # each head's lines
        for line, head, (_, part) in zip(lines, heads, split, strict=True):
            parts.setdefault(head, [])
            given.setdefault(head, []).append(line)
            # Each part of a part: 'CRM export, 12 Jan 2026; targets from the 2025 plan'
            # beside 'CRM export, 12 Jan 2026' wrote the date twice (found by review).
            for piece in (p.strip() for p in part.split("; ")):
                if piece and piece not in parts[head]:
                    parts[head].append(piece)
        entries: dict[str, tuple[str, ...]] = {}
        for line, head in zip(lines, heads, strict=True):
            publisher, has_parts = head
            if has_parts and len(given[head]) > 1:
                entry = f"{publisher}{self.colon} {'; '.join(parts[head])}"
                entries.setdefault(entry, tuple(given[head]))
            else:
                entries.setdefault(line, tuple(given[head]) if not has_parts else (line,))
        return list(entries.items())

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


#: Between a source line's publisher (its head) and the rest: the first ", " or ": " (a
#: French " : " too). See :meth:`Words.grouped`.
_HEAD = re.compile(r"\s*[,:]\s+")

ENGLISH = Words("Source", "Sources", "continued")
#: Written before a line in any deck ("Source: BEA" in a German one is not doubled either).
ENGLISH_WORDS = ("Sources", "Source")


def _shown(largest: str, largest_one: str, smallest: str, smallest_one: str, first: str,
           first_one: str, last: str, span: str, named: str, plus: str, last_name: str
           ) -> ShownWords:  # fmt: skip
    """A language's :class:`ShownWords`, with no ``{things}``: its plural is not formed."""
    return ShownWords(
        largest, largest_one, smallest, smallest_one, first, first_one, last, span, named,
        one_more=f"{{shown}} {last_name} {{names}}",
        more=f"{{shown}}, {plus} {{names}}", last_name=last_name,
    )  # fmt: skip


#: English words in a deck of a language not listed: its nouns are not made English plurals.
_UNLISTED = replace(ENGLISH, shown=_shown(
    "the {n} largest of {total}", "the largest of {total}", "the {n} smallest of {total}",
    "the smallest of {total}", "the first {n} of {total}", "the first of {total}",
    "the last {n} of {total}", "{start} to {end}: {n} of {total}", "{names} of {total}",
    "plus", "and"))  # fmt: skip
#: By language (a locale's part before '_'). French and its neighbours' typography: a
#: no-break space before the colon. Where an adjective would agree with the noun left
#: out, a count of one names a noun of its own ('der größte Wert', 'la valeur la plus
#: élevée'); Finnish and Polish, whose numbers decline what follows them, say the count
#: apart ('4 suurinta, kaikkiaan 16').
_NORDIC = ChartWords("Endring", "Totalt", "Lineær trend", "Bobleareal", "Annet", "p.p.",
                     "CAGR", "Ingen data", "til", "Økning", "Nedgang", "Basis",
                     "under null", "Endringer beregnet av uavrundede verdier.")  # fmt: skip
_NORWEGIAN_SHOWN = _shown(
    "de {n} største av {total}", "den høyeste verdien av {total}", "de {n} minste av {total}",
    "den laveste verdien av {total}", "de første {n} av {total}",
    "den første verdien av {total}", "de siste {n} av {total}",
    "{start} til {end}: {n} av {total}", "{names} av {total}", "samt", "og")  # fmt: skip
LANGUAGES: dict[str, Words] = {
    "en": ENGLISH,
    "de": Words("Quelle", "Quellen", "Fortsetzung", chart=ChartWords(
        "Veränderung", "Gesamt", "Linearer Trend", "Blasenfläche", "Sonstige", "Pp.", "CAGR",
        "Keine Daten", "bis", "Zunahme", "Abnahme", "Basis", "unter null",
        "Veränderungen aus ungerundeten Werten berechnet."), shown=_shown(
        "die {n} größten von {total}", "der größte Wert von {total}",
        "die {n} kleinsten von {total}", "der kleinste Wert von {total}",
        "die ersten {n} von {total}", "der erste Wert von {total}",
        "die letzten {n} von {total}", "{start} bis {end}: {n} von {total}",
        "{names} von {total}", "dazu", "und"), more="und {n} weitere"),
    "fr": Words("Source", "Sources", "suite", "\u00a0:", ChartWords(
        "Variation", "Total", "Tendance linéaire", "Aire des bulles", "Autres", "pts", "TCAM",
        "Pas de données", "à", "Hausse", "Baisse", "Base", "sous zéro",
        "Variations calculées sur les valeurs non arrondies."), _shown(
        "les {n} valeurs les plus élevées sur {total}", "la valeur la plus élevée sur {total}",
        "les {n} valeurs les plus faibles sur {total}", "la valeur la plus faible sur {total}",
        "les {n} premiers éléments sur {total}", "le premier élément sur {total}",
        "les {n} dernières périodes sur {total}", "de {start} à {end}\u00a0: {n} sur {total}",
        "{names} sur {total}", "ainsi que", "et"), "et {n} de plus"),
    "es": Words("Fuente", "Fuentes", "continuación", chart=ChartWords(
        "Variación", "Total", "Tendencia lineal", "Área de las burbujas", "Otros",
        "p.\u00a0p.", "TCAC", "Sin datos", "a", "Aumento", "Disminución", "Base",
        "bajo cero", "Variaciones calculadas con valores sin redondear."), shown=_shown(
        "los {n} valores más altos de {total}", "el valor más alto de {total}",
        "los {n} valores más bajos de {total}", "el valor más bajo de {total}",
        "los {n} primeros elementos de {total}", "el primer elemento de {total}",
        "los últimos {n} periodos de {total}", "de {start} a {end}: {n} de {total}",
        "{names} de {total}", "además de", "y"), more="y {n} más"),
    "it": Words("Fonte", "Fonti", "continua", chart=ChartWords(
        "Variazione", "Totale", "Tendenza lineare", "Area delle bolle", "Altri", "p.p.",
        "CAGR", "Nessun dato", "a", "Aumento", "Diminuzione", "Base", "sotto zero",
        "Variazioni calcolate sui valori non arrotondati."), shown=_shown(
        "i {n} valori più alti su {total}", "il valore più alto su {total}",
        "i {n} valori più bassi su {total}", "il valore più basso su {total}",
        "i primi {n} elementi su {total}", "il primo elemento su {total}",
        "gli ultimi {n} periodi su {total}", "da {start} a {end}: {n} su {total}",
        "{names} su {total}", "più", "e"), more="e altri {n}"),
    "pt": Words("Fonte", "Fontes", "continuação", chart=ChartWords(
        "Variação", "Total", "Tendência linear", "Área das bolhas", "Outros", "p.p.", "CAGR",
        "Sem dados", "a", "Aumento", "Diminuição", "Base", "abaixo de zero",
        "Variações calculadas com valores não arredondados."), shown=_shown(
        "os {n} valores mais altos de {total}", "o valor mais alto de {total}",
        "os {n} valores mais baixos de {total}", "o valor mais baixo de {total}",
        "os primeiros {n} elementos de {total}", "o primeiro elemento de {total}",
        "os últimos {n} períodos de {total}", "de {start} a {end}: {n} de {total}",
        "{names} de {total}", "além de", "e"), more="e mais {n}"),
    "nl": Words("Bron", "Bronnen", "vervolg", chart=ChartWords(
        "Verandering", "Totaal", "Lineaire trend", "Oppervlakte bel", "Overig", "%-punt",
        "CAGR", "Geen gegevens", "tot", "Toename", "Afname", "Basis", "onder nul",
        "Veranderingen berekend op niet-afgeronde waarden."), shown=_shown(
        "de {n} grootste van {total}", "de hoogste waarde van {total}",
        "de {n} kleinste van {total}", "de laagste waarde van {total}",
        "de eerste {n} van {total}", "de eerste waarde van {total}",
        "de laatste {n} van {total}", "{start} t/m {end}: {n} van {total}",
        "{names} van {total}", "plus", "en"), more="en nog {n}"),
    "sv": Words("Källa", "Källor", "forts.", chart=ChartWords(
        "Förändring", "Totalt", "Linjär trend", "Bubblans yta", "Övrigt", "p.e.", "CAGR",
        "Inga uppgifter", "till", "Ökning", "Minskning", "Bas",
        "under noll", "Förändringar beräknade på oavrundade värden."), shown=_shown(
        "de {n} största av {total}", "det högsta värdet av {total}",
        "de {n} minsta av {total}", "det lägsta värdet av {total}",
        "de första {n} av {total}", "det första värdet av {total}",
        "de senaste {n} av {total}", "{start} till {end}: {n} av {total}",
        "{names} av {total}", "samt", "och"), more="och {n} till"),
    "da": Words("Kilde", "Kilder", "fortsat", chart=ChartWords(
        "Ændring", "I alt", "Lineær tendens", "Boblens areal", "Øvrige", "pct.-point", "CAGR",
        "Ingen data", "til", "Stigning", "Fald", "Basis", "under nul",
        "Ændringer beregnet på uafrundede værdier."), shown=_shown(
        "de {n} største af {total}", "den højeste værdi af {total}",
        "de {n} mindste af {total}", "den laveste værdi af {total}",
        "de første {n} af {total}", "den første værdi af {total}",
        "de seneste {n} af {total}", "{start} til {end}: {n} af {total}",
        "{names} af {total}", "samt", "og"), more="og {n} mere"),
    "nb": Words("Kilde", "Kilder", "forts.", chart=_NORDIC, shown=_NORWEGIAN_SHOWN,
                more="og {n} til"),
    "no": Words("Kilde", "Kilder", "forts.", chart=_NORDIC, shown=_NORWEGIAN_SHOWN,
                more="og {n} til"),
    "fi": Words("Lähde", "Lähteet", "jatkuu", chart=ChartWords(
        "Muutos", "Yhteensä", "Lineaarinen trendi", "Kuplan pinta-ala", "Muut", "%-yks.",
        "CAGR", "Ei tietoja", "…", "Kasvu", "Lasku", "Pohja", "alle nollan",
        "Muutokset laskettu pyöristämättömistä arvoista."), shown=_shown(
        "{n} suurinta, kaikkiaan {total}", "suurin, kaikkiaan {total}",
        "{n} pienintä, kaikkiaan {total}", "pienin, kaikkiaan {total}",
        "{n} ensimmäistä, kaikkiaan {total}", "ensimmäinen, kaikkiaan {total}",
        "{n} viimeisintä, kaikkiaan {total}", "{start}–{end}: {n}, kaikkiaan {total}",
        "{names}, kaikkiaan {total}", "sekä", "ja"), more="ja {n} muuta"),
    "pl": Words("Źródło", "Źródła", "cd.", chart=ChartWords(
        "Zmiana", "Razem", "Trend liniowy", "Pole bąbla", "Inne", "pkt\u00a0proc.", "CAGR",
        "Brak danych", "do", "Wzrost", "Spadek", "Podstawa", "poniżej zera",
        "Zmiany obliczone na podstawie niezaokrąglonych wartości."), shown=_shown(
        "{n} z {total} (największe wartości)", "1 z {total} (największa wartość)",
        "{n} z {total} (najmniejsze wartości)", "1 z {total} (najmniejsza wartość)",
        "{n} z {total} (pierwsze pozycje)", "1 z {total} (pierwsza pozycja)",
        "{n} z {total} (ostatnie okresy)", "{start}–{end}: {n} z {total}",
        "{names} z {total}", "oraz", "i"), more="i jeszcze {n}"),
}  # fmt: skip


@dataclass(frozen=True)
class RangeWords:
    """The words of a language that join a range of numbers: ``to`` only two numbers
    ('18 to 44'), ``both`` two numbers or a number and an open end ('between 5 and 10',
    '65 and over'), ``ends`` an open band after its number."""

    to: tuple[str, ...]
    both: tuple[str, ...]
    ends: tuple[str, ...]


#: By language, as :data:`LANGUAGES` (a test keeps the two alike). Text wrapping reads the
#: words of them all (:func:`range_words`): its measures are kept across decks, whatever
#: their language, and between two numbers these words join a range, or (Dutch 'of' in
#: English, '3 of 5') words that read no worse kept on one line.
RANGES: dict[str, RangeWords] = {
    "en": RangeWords(("to", "through", "thru"), ("and", "or"),
                     ("over", "older", "above", "more", "up", "under", "younger", "below",
                      "less")),
    "de": RangeWords(("bis",), ("und", "oder"),
                     ("älter", "mehr", "darüber", "jünger", "weniger", "darunter")),
    "fr": RangeWords(("à",), ("et", "ou"), ("plus", "moins")),
    "es": RangeWords(("a", "hasta"), ("y", "o"), ("más", "mayores", "menos", "menores")),
    "it": RangeWords(("a",), ("e", "o"), ("oltre", "più", "meno")),
    "pt": RangeWords(("a", "até"), ("e", "ou"), ("mais", "menos")),
    "nl": RangeWords(("tot", "t/m"), ("en", "of"), ("ouder", "meer", "jonger", "minder")),
    "sv": RangeWords(("till",), ("och", "eller"),
                     ("äldre", "över", "mer", "yngre", "under", "mindre")),
    "da": RangeWords(("til",), ("og", "eller"),
                     ("derover", "ældre", "mere", "yngre", "mindre", "derunder")),
    "nb": RangeWords(("til",), ("og", "eller"), ("eldre", "over", "mer", "yngre", "mindre")),
    "no": RangeWords(("til",), ("og", "eller"), ("eldre", "over", "mer", "yngre", "mindre")),
    "fi": RangeWords((), ("ja", "tai"),
                     ("yli", "enemmän", "vanhemmat", "nuoremmat", "vähemmän")),
    "pl": RangeWords(("do",), ("i", "lub"),
                     ("więcej", "starsi", "powyżej", "mniej", "młodsi", "poniżej")),
}  # fmt: skip


#: By language, as :data:`LANGUAGES`: its words of one letter, which a line should not end
#: on where another break fits ('... make cybersecurity a / national-security question',
#: found in review; Polish and Czech typography's rule too). Text wrapping reads those of
#: every language (:func:`one_letter_words`), as it reads :data:`RANGES`.
ONE_LETTER: dict[str, tuple[str, ...]] = {
    "en": ("a", "A", "I"), "de": (), "fr": ("à", "À", "a", "y"),
    "es": ("a", "e", "o", "u", "y", "A", "E", "O", "U", "Y"),
    "it": ("a", "e", "è", "i", "o", "A", "E", "È", "I", "O"),
    "pt": ("a", "à", "e", "é", "o", "A", "À", "E", "É", "O"), "nl": ("u", "U"),
    "sv": ("i", "å", "ö", "I", "Å"), "da": ("i", "å", "I", "Å"), "nb": ("i", "å", "I", "Å"),
    "no": ("i", "å", "I", "Å"), "fi": (),
    "pl": ("a", "i", "o", "u", "w", "z", "A", "I", "O", "U", "W", "Z"),
}  # fmt: skip


def one_letter_words() -> frozenset[str]:
    """The words of one letter of every language (:data:`ONE_LETTER`)."""
    return frozenset(w for words in ONE_LETTER.values() for w in words)


#: By language, as :data:`LANGUAGES`: its articles and its words that join two clauses
#: ('and', 'or', 'but'), of more than one letter (those of one are in :data:`ONE_LETTER`):
#: a line should not end on one where another break fits, as a headline breaks for sense.
#: The sample's slide 4 read 'a strong auto industry in the / United States' (found in
#: review). Text wrapping reads those of every language (:func:`weak_ending_words`), in
#: any case ('The', 'AND'), so a word that is a common English noun or verb is left out
#: ('die', German's article; 'men', the Nordic 'but'): 'women and men / in the sector'.
WEAK_ENDINGS: dict[str, tuple[str, ...]] = {
    "en": ("the", "an", "and", "or", "but", "nor"),
    "de": ("der", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer",
           "eines", "und", "oder", "aber"),
    "fr": ("le", "la", "les", "un", "une", "des", "du", "et", "ou", "mais"),
    "es": ("el", "la", "los", "las", "un", "una", "unos", "unas", "pero"),
    "it": ("il", "lo", "la", "gli", "le", "un", "uno", "una", "ma"),
    "pt": ("os", "as", "um", "uma", "uns", "umas", "ou", "mas"),
    "nl": ("de", "het", "een", "en", "of", "maar"),
    "sv": ("en", "ett", "och", "eller"), "da": ("en", "et", "og", "eller"),
    "nb": ("en", "ei", "et", "og", "eller"), "no": ("en", "ei", "et", "og", "eller"),
    "fi": ("ja", "tai", "mutta"), "pl": ("lub", "ale"),
}  # fmt: skip


def weak_ending_words() -> frozenset[str]:
    """The words of every language a line should not end on (:data:`WEAK_ENDINGS`), case
    folded."""
    return frozenset(w.casefold() for words in WEAK_ENDINGS.values() for w in words)


#: By language, as :data:`LANGUAGES`: the units each writes after a compact number, short
#: and long, in any of its countries (CLDR's, as Babel gives them to the ``compact`` and
#: ``currency`` filters: '1,5 Mio.', '1,5 Millionen', '2 mil millones'; a test keeps the
#: two alike). Text wrapping keeps each with its number (:mod:`deckgen.layout.text`), as
#: it keeps '$143.2 B': a German card or slide broke '1,5 / Mio.' (found in review).
UNITS: dict[str, tuple[str, ...]] = {
    "en": ("K", "M", "B", "T", "k", "m", "bn", "tn", "L", "Cr", "LCr", "KCr", "lakh",
           "crore", "lakh crore", "thousand", "million", "billion", "trillion"),
    "de": ("Mio.", "Mrd.", "Bio.", "Tausend", "Million", "Millionen", "Milliarde",
           "Milliarden", "Billion", "Billionen"),
    "fr": ("k", "M", "G", "T", "Md", "Bn", "mille", "millier", "million", "millions",
           "milliard", "milliards", "billion", "billions"),
    "es": ("k", "K", "M", "B", "mil", "mil M", "millón", "millones", "mil millones", "billón",
           "billones"),
    "it": ("K", "Mln", "Mld", "Bln", "mille", "mila", "milione", "milioni", "miliardo",
           "miliardi", "mille miliardi", "mila miliardi"),
    "pt": ("M", "mil", "mi", "bi", "tri", "mM", "Bi", "milhão", "milhões", "mil milhões",
           "bilhão", "bilhões", "bilião", "biliões", "trilhão", "trilhões"),
    "nl": ("K", "mln.", "mld.", "bln.", "duizend", "miljoen", "miljard", "biljoen"),
    "sv": ("tn", "mn", "md", "bn", "tusen", "miljon", "miljoner", "miljard", "miljarder",
           "biljon", "biljoner"),
    "da": ("t", "mio.", "mia.", "bio.", "tusind", "million", "millioner", "milliard",
           "milliarder", "billion", "billioner"),
    "nb": ("k", "mill.", "mrd.", "bill.", "tusen", "million", "millioner", "milliard",
           "milliarder", "billion", "billioner"),
    "no": ("k", "mill.", "mrd.", "bill.", "tusen", "million", "millioner", "milliard",
           "milliarder", "billion", "billioner"),
    "fi": ("t.", "milj.", "mrd.", "bilj.", "tuhat", "tuhatta", "miljoona", "miljoonaa",
           "miljardi", "miljardia", "biljoona", "biljoonaa"),
    "pl": ("tys.", "mln", "mld", "bln", "tysiąc", "tysiące", "tysięcy", "tysiąca", "milion",
           "miliony", "milionów", "miliona", "miliard", "miliardy", "miliardów", "miliarda",
           "bilion", "biliony", "bilionów", "biliona"),
}  # fmt: skip


#: Currency signs, Unicode's category Sc ('$', '€', '£', '¥', '₹'), as the body of a
#: regular expression's character class: a currency symbol with one ('€', 'US$', 'R$',
#: '$US', 'CN¥') is kept with its number by text wrapping (:mod:`deckgen.layout.text`), as
#: are :data:`CURRENCY_WORDS` and ISO 4217 codes ('2 Mrd. €', 'EUR 2 Milliarden', '5 kr').
CURRENCY_SIGNS = (
    "$\u00a2-\u00a5\u058f\u060b\u07fe\u07ff\u09f2\u09f3\u09fb\u0af1\u0bf9\u0e3f\u17db"
    "\u20a0-\u20c0\ua838\ufdfc\ufe69\uff04\uffe0\uffe1\uffe5\uffe6"
    "\U00011fdd-\U00011fe0\U0001e2ff\U0001ecb0"
)
#: The no-break spaces a locale writes a number with: the plain one ('45\u00a0%'), the
#: narrow one French groups digits with ('2\u202f000\u202f000') and the figure one. A
#: bound text keeps them (:mod:`deckgen.binding.bind`), and text wrapping breaks at none of
#: them (:mod:`deckgen.layout.text`).
NO_BREAK_SPACES = "\u00a0\u202f\u2007"
#: The currency symbols written in letters alone, neither with a sign nor an ISO code, in
#: any locale of each language of :data:`LANGUAGES` (CLDR's, as Babel gives them to the
#: ``currency`` filter: 'kr', 'zł', 'Rs'; a test keeps the two alike; West Africa's
#: 'F\u202fCFA' is kept by its 'F').
CURRENCY_WORDS = (
    "Afl.", "Ar", "B/.", "Bs", "Bs.", "Bs.S", "CF", "CFP", "CFPF", "Cg", "Cg.", "D", "DA", "DT",
    "Db", "Dkr", "E", "Esc.", "F", "FB", "FBu", "FC", "FCFA", "FCFP", "FG", "Fdj", "G", "Gs.",
    "Ikr", "K", "Ksh", "Kz", "L", "LS", "Le", "MK", "MTn", "NAf.", "Nfk", "Nkr", "P", "Q", "R",
    "RF", "RM", "Rf", "Rp", "Rs", "S/", "SR", "TSh", "UM", "UP", "USh", "VT", "ZiG", "kr",
    "kr.", "mk", "zł", "öS",
)  # fmt: skip

#: The month names, long and short, of each language of :data:`LANGUAGES` (CLDR's, as
#: Babel writes a date: 'March', 'Mar', 'März', 'Okt.'; a test keeps the two alike): text
#: wrapping keeps a month with its day and year ('March 31, 2024', '1. März 2024').
MONTH_NAMES = (
    "abr", "abr.", "abril", "ago", "ago.", "agosto", "août", "Apr", "apr", "apr.", "Apr.",
    "april", "April", "aprile", "aug", "Aug", "Aug.", "aug.", "August", "august", "augusti",
    "augustus", "avr.", "avril", "cze", "czerwca", "Dec", "dec", "dec.", "December", "december",
    "des.", "desember", "dez.", "Dez.", "Dezember", "dezembro", "dic", "dicembre", "diciembre",
    "déc.", "décembre", "elo", "elokuuta", "ene", "enero", "feb", "Feb", "Feb.", "feb.",
    "febbraio", "febrero", "Februar", "februar", "februari", "February", "fev.", "fevereiro",
    "févr.", "février", "gen", "gennaio", "giu", "giugno", "gru", "grudnia", "heinä",
    "heinäkuuta", "helmi", "helmikuuta", "huhti", "huhtikuuta", "Jan", "jan", "jan.", "Jan.",
    "janeiro", "Januar", "januar", "januari", "January", "janv.", "janvier", "joulu",
    "joulukuuta", "juil.", "juillet", "juin", "Jul", "jul", "jul.", "julho", "Juli", "juli",
    "julio", "July", "Jun", "jun", "jun.", "June", "junho", "juni", "Juni", "junio", "kesä",
    "kesäkuuta", "kwi", "kwietnia", "lip", "lipca", "lis", "listopada", "loka", "lokakuuta",
    "lug", "luglio", "lut", "lutego", "maalis", "maaliskuuta", "maart", "mag", "maggio", "Mai",
    "mai", "mai.", "maio", "maj", "maja", "mar", "Mar", "mar.", "marca", "March", "marras",
    "marraskuuta", "mars", "marts", "marzo", "março", "may", "May", "mayo", "mei", "mrt",
    "März", "Nov", "nov", "nov.", "Nov.", "november", "November", "novembre", "novembro",
    "noviembre", "Oct", "oct", "oct.", "October", "octobre", "octubre", "okt", "okt.", "Okt.",
    "oktober", "Oktober", "ott", "ottobre", "out.", "outubro", "paź", "października", "sep",
    "Sep", "sep.", "sept", "Sept.", "sept.", "September", "september", "septembre",
    "septiembre", "set", "set.", "setembro", "settembre", "sie", "sierpnia", "sty", "stycznia",
    "syys", "syyskuuta", "tammi", "tammikuuta", "touko", "toukokuuta", "wrz", "września"
)  # fmt: skip


@functools.cache
def currency_codes() -> frozenset[str]:
    """The ISO 4217 codes the ``currency`` filter takes ('EUR', 'USD'), which it writes
    where a locale has no symbol of its own for one ('EUR 2 Milliarden' in de_CH)."""
    from babel.numbers import list_currencies

    return frozenset(list_currencies())


def unit_words() -> tuple[str, ...]:
    """The units of :data:`UNITS` of every language, each once, longest first (a unit of
    two words, 'mil millones', is written with a plain space)."""
    found = {w for units in UNITS.values() for w in units}
    return tuple(sorted(found, key=lambda w: (-len(w), w)))


def range_words() -> RangeWords:
    """The range words of every language, each once, longest first."""

    def every(name: str) -> tuple[str, ...]:
        found = {w for words in RANGES.values() for w in getattr(words, name)}
        return tuple(sorted(found, key=lambda w: (-len(w), w)))

    return RangeWords(every("to"), every("both"), every("ends"))


def points_words() -> tuple[str, ...]:
    """How every language writes percentage points after a number ('pts', 'Pp.'), each
    once, longest first: text wrapping keeps them with their number."""
    found = {ENGLISH.chart.points} | {w.chart.points for w in LANGUAGES.values()}
    return tuple(sorted(found, key=lambda w: (-len(w), w)))


def words_for(locale: str, chosen: Any = None) -> Words:
    """The words of ``locale``'s language (English for one not listed), with those the
    outline sets (``chosen``: ``deck.words``, each field None where it sets none)."""
    language = locale.replace("-", "_").split("_")[0].lower()
    words = LANGUAGES.get(language, _UNLISTED)
    if chosen is None:
        return words
    set_here = {name: value for name in ("source", "sources", "continued", "more")
                if (value := getattr(chosen, name, None)) is not None}  # fmt: skip
    in_charts = {f.name: value for f in fields(ChartWords)
                 if (value := getattr(chosen, f.name, None)) is not None}  # fmt: skip
    if in_charts:
        set_here["chart"] = replace(words.chart, **in_charts)
    shown = getattr(chosen, "shown", None)
    in_cards = {f.name: value for f in fields(ShownWords)
                if (value := getattr(shown, f.name, None)) is not None}  # fmt: skip
    if in_cards:
        set_here["shown"] = replace(words.shown, **in_cards)
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


#: A sentence's end, and what may close around it: 'values.', 'it?"', '(2023).'
_CLOSED = re.compile(r"[.!?\u2026][\"'\u2019\u201d)\]]*$")


def sentence(text: str) -> str:
    """``text`` on one line, ended as a sentence: a full stop after it unless it ends as
    one (a closing quotation mark or bracket may follow its stop: 'called "final."')."""
    text = " ".join(text.split())
    return text if _CLOSED.search(text) else f"{text}."
