"""Place names and numbers with units never break inside: 'Brunswick, / GA' and
'$143.2 / B' read as two things. The one wrap every fitter and chart label uses
(``_wrap`` behind :class:`Typesetter`) breaks only between :func:`words`."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from deckgen.layout.text import CARD, SLIDE, greedy_wrap, no_break, words
from deckgen.layout.units import Pt, Px
from deckgen.theming.fonts import BUNDLED, _bundled_file

FONT = Path(str(_bundled_file(BUNDLED["Lato"][0], BUNDLED["Lato"][1])))
PLACES = ["Brunswick, GA", "Laredo, TX", "Port Hueneme, CA", "Washington, D.C.", "London, UK"]
AMOUNTS = ["$143.2 B", "5.2 million", "30 %", "12 pp", "$2.1 trillion", "4 K"]
PLAIN = st.sampled_from(
    ["the", "port", "of", "handles", "vehicles,", "in", "2023,", "GA", "TX", "B", "up", "a"]
)


def _core(piece: str) -> str:
    """The two pieces that must stay together ('Port Hueneme, CA' may break after 'Port')."""
    return " ".join(piece.split(" ")[-2:])


PIECE = st.one_of(PLAIN, st.sampled_from(PLACES), st.sampled_from(AMOUNTS))


def test_the_pairs_that_are_protected():
    assert words("Brunswick, GA and Laredo, TX") == ["Brunswick, GA", "and", "Laredo, TX"]
    assert words("Washington, D.C. leads") == ["Washington, D.C.", "leads"]
    assert words("exports of $143.2 B, up 33 %") == ["exports", "of", "$143.2 B,", "up", "33 %"]
    assert words("5.2 million vehicles") == ["5.2 million", "vehicles"]
    # ... and what is left alone: a year before a capital, a real word, a longer code.
    assert words("In 2023, US exports") == ["In", "2023,", "US", "exports"]
    assert words("Seoul, South Korea") == ["Seoul,", "South", "Korea"]
    assert words("Texas, GAAP rules") == ["Texas,", "GAAP", "rules"]
    assert words("3 MB files") == ["3", "MB", "files"]
    assert no_break("Laredo, TX") == "Laredo,\u00a0TX"
    # A place is a name: after a word in lower case two capitals are no state.
    assert words("Global Impact page, AI applications") == [
        "Global", "Impact", "page,", "AI", "applications"]  # fmt: skip
    assert words("Île, FR and Ōita, JP") == ["Île, FR", "and", "Ōita, JP"]
    assert words("a\u00a0typed no-break") == ["a typed", "no-break"]  # the author's holds


@settings(max_examples=150, deadline=None)
@given(
    st.lists(PIECE, min_size=1, max_size=24),
    st.integers(min_value=12, max_value=80),
    st.integers(min_value=40, max_value=900),
)
def test_a_wrap_never_breaks_a_place_or_an_amount(pieces, size, width):
    text = " ".join(pieces)
    for setter, length in ((CARD, Px), (SLIDE, Pt)):
        lines = setter.wrap(text, FONT, length(size), length(width))
        assert " ".join(lines) == text  # nothing lost, nothing added
        for piece in pieces:
            if piece in PLACES or piece in AMOUNTS:
                assert any(_core(piece) in line for line in lines), (piece, lines)
        # The balanced wrap (titles, cards) keeps them too.
        balanced = setter.balanced(text, FONT, length(size), length(width))
        assert all(any(_core(p) in line for line in balanced) for p in pieces if p in PLACES)


@settings(max_examples=60, deadline=None)
@given(st.lists(PIECE, min_size=1, max_size=16), st.integers(min_value=20, max_value=600))
def test_the_reference_wrap_agrees(pieces, width):
    text = " ".join(pieces)
    measure = lambda line: CARD.width(line, FONT, Px(30)).px  # noqa: E731
    assert CARD.wrap(text, FONT, Px(30), Px(width)) == greedy_wrap(text, measure, width)


def test_a_pair_wider_than_the_column_stays_whole_on_its_own_line():
    narrow = CARD.width("Hueneme,", FONT, Px(30))
    lines = CARD.wrap("Port Hueneme, CA", FONT, Px(30), narrow)
    assert lines == ["Port", "Hueneme, CA"]  # over-long: fitting sees it and sets it smaller
    fitted = CARD.fit("Port Hueneme, CA", FONT, width=narrow, height=Px(400),
                      max_size=Px(30), min_size=Px(10))  # fmt: skip
    assert fitted is not None and "Hueneme, CA" in fitted.lines


def test_a_compact_number_keeps_its_unit_in_every_language():
    """A German slide broke '1,5 / Mio.' and '1,5 / Millionen': only English units ('$1.5 B',
    '1.5 million') were kept with their number (found in review). What the ``compact`` and
    ``currency`` filters write in each language's locale holds, as the fitter joins its
    pieces again with plain spaces and as the slide's text is written (:func:`no_break`)."""
    from deckgen.binding.filters import make_filters, parse_locale

    assert words("Umsatz 1,5 Mio. Euro") == ["Umsatz", "1,5 Mio.", "Euro"]
    assert no_break("um 2 Mrd. gestiegen") == "um 2\u00a0Mrd. gestiegen"
    assert words("2 mil millones de euros") == ["2 mil millones", "de", "euros"]
    assert words("Mio. 5 Mion") == ["Mio.", "5", "Mion"]  # no number before it, no unit
    for locale in LOCALES:
        f = make_filters(parse_locale(locale))
        for written in (f["compact"](1.5e6), f["compact"](2.5e9, 1, long=True),
                        f["compact"](2e9)):  # fmt: skip
            drawn = _drawn(written)
            assert drawn in words(f"gestiegen auf {drawn} im Jahr"), (locale, drawn)


#: A language's locales, each with its own currency (and the euro and the dollar).
LOCALES = {"de_DE": "EUR", "de_CH": "CHF", "de_AT": "EUR", "fr_FR": "EUR", "fr_CH": "CHF",
           "es_ES": "EUR", "es_MX": "MXN", "it_IT": "EUR", "pt_PT": "EUR", "pt_BR": "BRL",
           "nl_NL": "EUR", "sv_SE": "SEK", "da_DK": "DKK", "nb_NO": "NOK", "fi_FI": "EUR",
           "pl_PL": "PLN", "en_IN": "INR", "en_US": "USD", "en_GB": "GBP",
           "en_ZA": "ZAR"}  # fmt: skip


def _drawn(written: str) -> str:
    """A figure as the fitter draws it once fitted: its pieces joined by spaces."""
    return written.replace("\u00a0", " ").replace("\u202f", " ")


def test_an_amount_keeps_its_currency_symbol_or_code():
    """A German slide broke '2 Mrd. / €' and a Swiss one 'EUR / 2 Milliarden': a number was
    kept with its unit, not with its currency (found in review). Every amount the
    ``currency`` filter writes, short or long, in each language's locales stays whole,
    the symbol after it or before it, a sign, letters ('kr', 'zł') or an ISO code; and
    three capitals that are no currency are left alone."""
    from deckgen.binding.filters import make_filters, parse_locale

    for locale, own in LOCALES.items():
        f = make_filters(parse_locale(locale))
        for code in dict.fromkeys((own, "EUR", "USD", "CHF", "JPY")):
            for written in (f["currency"](2e9, code), f["currency"](2.5e6, code, long=True),
                            f["currency"](-2e9, code, long=True), f["currency"](1500.5, code),
                            f["currency"](250, code, 0, compact=False)):  # fmt: skip
                drawn = _drawn(written)
                assert drawn in words(f"gestiegen auf {drawn} im Jahr"), (locale, drawn)
    assert words("2 Mrd. € im Jahr") == ["2 Mrd. €", "im", "Jahr"]
    assert words("EUR 2 Milliarden") == ["EUR 2 Milliarden"]
    assert words("in 2023 OEM parts") == ["in", "2023", "OEM", "parts"]  # no ISO code
    assert words("US 2024 plan") == ["US", "2024", "plan"]


def test_a_number_grouped_with_narrow_or_figure_spaces_is_one_piece():
    """French groups digits with a narrow no-break space (U+202F): wrapped at it, a card
    broke '2 / 000 000,0' (found in review). It holds as a no-break space does, and the
    piece keeps it (drawn narrow: tests/layout/test_text.py)."""
    from deckgen.binding.filters import make_filters, parse_locale

    f = make_filters(parse_locale("fr_FR"))
    written = f["number"](2_000_000.0, 1)
    assert "\u202f" in written
    assert words(f"ventes : {written} voitures") == ["ventes", ":", written, "voitures"]
    assert words("1\u2007234 et\u00a05") == ["1\u2007234", "et 5"]


def test_a_date_is_one_piece_in_the_languages_deckgen_writes():
    """A statement broke 'March / 1, 2024' and '1. / März 2024' (found by fuzzing)."""
    assert words("sales peaked on March 31, 2024 and fell") == [
        "sales", "peaked", "on", "March 31, 2024", "and", "fell"]  # fmt: skip
    assert words("bis 1. März 2024 gestiegen") == ["bis", "1. März 2024", "gestiegen"]
    assert words("le 31 mars 2024") == ["le", "31 mars 2024"]
    assert words("Mar 2024 high") == ["Mar 2024", "high"]
    assert words("Okt. 2023") == ["Okt. 2023"]
    # ... and what is left alone: a count before a word, a year past four digits.
    assert words("the 12 months to 2024") == ["the", "12", "months", "to", "2024"]
    assert words("March 31, 20245") == ["March 31,", "20245"]
