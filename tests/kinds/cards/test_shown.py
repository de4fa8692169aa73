"""A chart card that leaves categories out says which, as a reader would: 'the 4 largest of
10 ports' as its subtitle (not 'Top 4 of 10 shown', which reads as an apology), built from
the data, the chart's sort and its top; after a subtitle of the user's, the count alone
('4 of 10 ports'), which never repeats how the subtitle says the rows were chosen."""

from __future__ import annotations

import pytest

from deckgen.kinds.cards._base import plural, shown_words, things_of, with_shown
from deckgen.kinds.charts import CHARTS
from deckgen.plan.cards import plan_cards
from tests.kinds.cards.conftest import social_outline

PORTS = """port,value_usd_bn,rank
"Laredo, TX",59.0,1
"Detroit, MI",43.9,2
"Brunswick, GA",28.2,3
"Baltimore, MD",26.9,4
"Port Huron, MI",19.9,5
"Newark, NJ",17.3,6
"Los Angeles, CA",16.9,7
"Charleston, SC",14.8,8
"Jacksonville, FL",13.5,9
"Port Hueneme, CA",12.6,10
Total,252.9,
"""


def _hbar(**fields):
    hbar = next(c for c in CHARTS if c.model_fields["type"].annotation.__args__[0] == "hbar")
    return hbar(type="hbar", data="ports", x="port", y="value_usd_bn", **fields)


@pytest.mark.parametrize(
    ("noun", "many"),
    [("port", "ports"), ("country", "countries"), ("ports", "ports"), ("bus", "buses"),
     ("day", "days"), ("port_name", "port names"), ("branch", "branches")],
)  # fmt: skip
def test_plural(noun, many):
    assert plural(noun.replace("_", " ")) == many


@pytest.mark.parametrize(
    ("column", "things"),
    [("Region", "regions"), ("region", "regions"), ("Country", "countries"),
     ("EU", "EUs"), ("US_state", "US states"), ("iPhone", "iPhones"),
     ("McLaren", "McLarens"), ("New Zealand region", "New Zealand regions"),
     ("Sales_Region", "Sales Regions"), ("", "rows")],
)  # fmt: skip
def test_a_column_s_name_is_lower_case_in_running_text_unless_it_may_be_a_name(column, things):
    """'EUR thousands, Q4 2025: 5 of 6 Regions' kept the column's capital mid-sentence
    (found in review): one capitalised word is a common noun there; capitals elsewhere,
    or several words, may be an acronym or a proper noun, and are kept."""
    assert things_of(column) == things


@pytest.mark.parametrize(
    ("column", "things"),
    [("Route name", "routes"), ("port_name", "ports"), ("Airport Name", "airports"),
     ("State names", "states"), ("Brand name", "brands"), ("first name", "first names"),
     ("Display name", "Display names"), ("Name", "names")],
)  # fmt: skip
def test_a_column_of_names_counts_the_things_it_names(column, things):
    """'Trips by route, FY2024: 3 of 10 Route names' counted names, the column's 'Route
    name' made plural (found by a new user): its rows are routes. A name of its own kind
    ('first name') is left as it was."""
    assert things_of(column) == things


def test_the_words_follow_the_sort():
    assert shown_words(_hbar(sort={"by": "value_usd_bn"}), 4, 10) == "the 4 largest of 10 ports"
    ascending = _hbar(sort={"by": "value_usd_bn", "descending": False})
    assert shown_words(ascending, 3, 10) == "the 3 smallest of 10 ports"
    assert shown_words(_hbar(sort={"by": "port"}), 5, 10) == "the first 5 of 10 ports"
    assert shown_words(_hbar(), 5, 10) == "the first 5 of 10 ports"
    assert shown_words(_hbar(sort={"by": "value_usd_bn"}), 1, 10) == "the largest of 10 ports"
    assert with_shown("Value by port, 2023.", "the 4 largest of 10 ports") == (
        "Value by port, 2023: the 4 largest of 10 ports"
    )
    assert with_shown(None, "the 4 largest of 10 ports") == "The 4 largest of 10 ports"
    assert with_shown("Value by port", None) == "Value by port"


@pytest.fixture(scope="module")
def cards(tmp_path_factory, corporate):
    from deckgen.tables.sources import load_tables
    from tests.helpers import load_outline, write_project

    outline = social_outline(
        """
        - kind: chart
          name: ports
          presets: [ig-square, story]
          title: Laredo, Texas, handles more vehicle trade than any other port
          subtitle: Value of vehicle and parts trade by port, 2023
          chart:
            type: bar
            data: ports
            x: port
            y: value_usd_bn
            filter: [{column: port, op: "!=", value: Total}]
            sort: {by: value_usd_bn}
            top: 9
            format: $plain:1B
            highlight: "Laredo, TX"
        # A landscape card has room for two of these columns and refuses them
        # (test_few_columns): the same ranking in rows stands in for it there.
        - kind: chart
          name: ports-rows
          presets: [x-post]
          title: Laredo, Texas, handles more vehicle trade than any other port
          subtitle: Value of vehicle and parts trade by port, 2023
          chart:
            type: hbar
            data: ports
            x: port
            y: value_usd_bn
            filter: [{column: port, op: "!=", value: Total}]
            sort: {by: value_usd_bn}
            top: 9
            format: $plain:1B
            highlight: "Laredo, TX"
        """
    ).replace("production: {file: production.csv}", "ports: {file: ports.csv}")
    path = write_project(tmp_path_factory.mktemp("p"), outline, {"ports.csv": PORTS})
    loaded = load_outline(path)
    return plan_cards(loaded, load_tables(loaded), corporate)


def test_a_card_that_drops_ports_says_which_in_its_subtitle(cards):
    dropped = [c for c in cards if c.job.shown is not None]
    assert dropped  # a bar chart of nine ports does not fit every card
    for card in dropped:
        drawn = len(card.job.chart.job.data.categories)
        # The filter leaves 10 ports; `top: 9` of them sorted is the top of all 10.
        said = " ".join(card.job.subtitle.lines)
        if card.preset.landscape and not said.startswith("Value"):
            # A landscape card leaves off a subtitle that does not fit one line at the
            # body floor, never what its chart shows: which ones, with no subtitle.
            assert card.job.shown == f"the {drawn} largest of 10 ports"
            assert said == f"The {drawn} largest of 10 ports", card.file
        else:
            # After the subtitle, the count alone (Shown.said).
            assert card.job.shown == f"{drawn} of 10 ports"
            assert said.endswith(f"2023: {drawn} of 10 ports"), card.file
        assert f"The {drawn} largest of 10 ports." in str(card.with_alt({}).alt)
    for card in cards:
        if card.job.shown is None:
            assert len(card.job.chart.job.data.categories) == 9
            assert "largest of" not in " ".join(card.job.subtitle.lines)


def test_no_room_to_say_what_is_shown_blames_the_title_not_words_deckgen_wrote(tmp_path, corporate):
    """With no subtitle, the words saying what the chart shows were quoted as a subtitle to
    shorten (found by fuzzing): the title takes their room, so the title is named."""
    from deckgen.errors import FitError
    from deckgen.tables.sources import load_tables
    from tests.helpers import load_outline, write_project

    title = "Laredo, Texas, handles more vehicle trade than any other U.S. port by a wide margin"
    outline = social_outline(
        f"""
        - kind: chart
          name: ports
          presets: [linkedin]
          title: {title}
          chart:
            type: hbar
            data: ports
            x: port
            y: value_usd_bn
            filter: [{{column: port, op: "!=", value: Total}}]
            sort: {{by: value_usd_bn}}
            format: $plain:1B
        """
    ).replace("production: {file: production.csv}", "ports: {file: ports.csv}")
    path = write_project(tmp_path, outline, {"ports.csv": PORTS})
    loaded = load_outline(path)
    with pytest.raises(FitError) as caught:
        plan_cards(loaded, load_tables(loaded), corporate)
    (problem,) = caught.value.problems
    assert problem.location.field == "social.cards[0].title"
    lines = outline.splitlines()
    assert problem.location.line == 1 + next(n for n, t in enumerate(lines) if "title: Laredo" in t)
    assert problem.message.startswith(
        "the title of card 'ports' (chart, linkedin 1200×627) leaves no room to say what its "
        "chart shows, 'The 3 largest of 10 ports'")  # fmt: skip
    assert "shorten the title" in problem.hint


def test_one_shown_reads_the_first_not_the_first_1():
    """'the first 1 of 12 groups' read as a slip (found in review)."""
    assert shown_words(_hbar(), 1, 12) == "the first of 12 ports"
    assert shown_words(_hbar(sort={"by": "value_usd_bn"}), 1, 12) == "the largest of 12 ports"


def test_names_kept_past_the_leading_ones_are_listed_apart_from_the_count():
    """'the 2 largest of 11 departments and Libraries and Culture and Parks & Recreation'
    read as five things (found in review): names holding 'and', '&' or a comma are quoted,
    and more than one after the count follow a 'plus'."""
    ranked = _hbar(sort={"by": "value_usd_bn"})
    assert shown_words(ranked, 2, 9, ["Bayern"]) == "the 2 largest of 9 ports and Bayern"
    assert shown_words(ranked, 2, 9, ["Kent", "Fife"]) == (
        "the 2 largest of 9 ports, plus Kent and Fife"
    )
    assert shown_words(ranked, 2, 9, ["Arts and Heritage", "Roads & Bridges"]) == (
        "the 2 largest of 9 ports, plus 'Arts and Heritage' and 'Roads & Bridges'"
    )
    assert (
        shown_words(ranked, 3, 9, ["Newark, NJ"]) == "the 3 largest of 9 ports, plus 'Newark, NJ'"
    )
    assert shown_words(_hbar(), 0, 9, ["Arts and Heritage", "Kent", "Roads & Bridges"]) == (
        "'Arts and Heritage', 'Kent' and 'Roads & Bridges' of 9 ports"
    )


def test_a_card_says_what_it_shows_in_the_decks_language():
    """A German card said 'the 8 largest of 11 Bundeslands': English words around an
    English plural of a German noun (found in review). Each language says it in its own
    words, and leaves out the noun whose plural deckgen cannot form."""
    from deckgen.outline.words import words_for

    ranked = _hbar(sort={"by": "value_usd_bn"})
    german, french = words_for("de_DE").shown, words_for("fr_FR").shown
    assert shown_words(ranked, 8, 11, words=german) == "die 8 größten von 11"
    assert shown_words(ranked, 1, 11, words=german) == "der größte Wert von 11"
    assert shown_words(_hbar(), 5, 12, words=german) == "die ersten 5 von 12"
    assert shown_words(ranked, 2, 9, ["Kent", "Fife"], german) == (
        "die 2 größten von 9, dazu Kent und Fife"
    )
    assert shown_words(ranked, 2, 9, ["Bayern"], german) == "die 2 größten von 9 und Bayern"
    # A name holding the language's 'and' is quoted, as one holding 'and' is in English.
    assert shown_words(ranked, 2, 9, ["Kunst und Kultur"], german) == (
        "die 2 größten von 9, dazu 'Kunst und Kultur'"
    )
    assert shown_words(ranked, 4, 10, words=french) == "les 4 valeurs les plus élevées sur 10"
    # A language not listed keeps English words, without an English plural of its nouns.
    assert shown_words(ranked, 4, 10, words=words_for("ja_JP").shown) == "the 4 largest of 10"


def test_a_german_card_draws_german_words_and_keeps_its_alt_text_english(tmp_path, corporate):
    from deckgen.tables.sources import load_tables
    from tests.helpers import load_outline, write_project

    outline = social_outline(
        """
        - kind: chart
          name: ports
          presets: [ig-square]
          title: Laredo handelt am meisten
          subtitle: Wert nach Hafen, 2023
          chart: {type: hbar, data: ports, x: Hafen, y: Wert, sort: {by: Wert}}
        """
    ).replace("production: {file: production.csv}", "ports: {file: ports.csv}")
    outline = outline.replace("  title: Test deck\n", "  title: Test deck\n  locale: de_DE\n")
    rows = "Hafen,Wert\n" + "".join(f"Hafen {n},{100 - n}.5\n" for n in range(1, 41))
    path = write_project(tmp_path, outline, {"ports.csv": rows})
    loaded = load_outline(path)
    (card,) = plan_cards(loaded, load_tables(loaded), corporate)
    shown = len(card.job.chart.job.data.categories)
    # After a subtitle, the count alone, in the language's words (its 'named' template).
    assert card.job.shown == f"{shown} von 40"
    assert " ".join(card.job.subtitle.lines) == f"Wert nach Hafen, 2023: {shown} von 40"
    alt = str(card.with_alt({}).alt)
    assert f"The {shown} largest of 40 Hafens." in alt  # alt text is English


#: Made-up depots, more than an ig-tall card's columns hold.
DEPOTS = "depot,parcels\n" + "".join(f"Depot {k:02},{900 - 31 * k}\n" for k in range(16))


def _depots_card(tmp_path, theme, subtitle: str | None, depot: str, most: str):
    """An ig-tall card of :data:`DEPOTS` as bars, largest first, ``depot`` highlighted."""
    from deckgen.tables.sources import load_tables
    from tests.helpers import load_outline, write_project

    line = f"subtitle: {subtitle}" if subtitle else ""
    outline = social_outline(
        f"""
        - kind: chart
          name: depots
          presets: [ig-tall]
          title: {depot} handled {most} parcels
          {line}
          chart: {{type: bar, data: depots, x: depot, y: parcels, sort: {{by: parcels}},
                   format: "plain:0", highlight: {depot}}}
        """
    ).replace("production: {file: production.csv}", "depots: {file: depots.csv}")
    loaded = load_outline(write_project(tmp_path, outline, {"depots.csv": DEPOTS}))
    (card,) = plan_cards(loaded, load_tables(loaded), theme)
    return card


@pytest.mark.parametrize("subtitle", ["Parcels by depot, largest depots in March", None])
def test_after_a_subtitle_the_card_says_the_count_alone(tmp_path, corporate, subtitle):
    """The sample's ig-tall card read 'Vehicle production by G20 country, 2004 and 2023,
    largest producers in 2023: the 5 largest of 19 countries' (found in review): after the
    user's subtitle, which says what the chart is, the card says how many it shows and of
    how many (honest: it leaves rows out), not again how they were chosen. With no
    subtitle, which ones is all it says."""
    card = _depots_card(tmp_path, corporate, subtitle, "Depot 00", "the most")
    drawn = len(card.job.chart.job.data.categories)
    assert drawn < 16  # the case: the card leaves depots out
    said = " ".join(card.job.subtitle.lines)
    if subtitle:
        assert said == f"{subtitle}: {drawn} of 16 depots"
        assert said.count("largest") == 1
    else:
        assert said == f"The {drawn} largest of 16 depots"
    assert f"The {drawn} largest of 16 depots." in str(card.with_alt({}).alt)


@pytest.mark.parametrize("subtitle", ["Parcels by depot, March", None])
def test_a_highlighted_row_kept_past_the_leading_ones_is_named_after_the_count(
    tmp_path, corporate, subtitle
):
    """A state fact sheet's card kept the five largest states and Indiana, the tenth, and
    said '6 of 10 states': drawn under the fifth, Indiana read as the sixth (found in the
    state fact sheets). The row kept past the leading ones is named after the count."""
    from deckgen.kinds.cards._base import count_words

    card = _depots_card(tmp_path, corporate, subtitle, "Depot 15", "the fewest")
    names = card.job.chart.job.data.categories
    assert names[-1] == "Depot 15" and len(names) < 16  # the case: a row past a gap
    lead = len(names) - 1
    assert card.job.chart.job.data.breaks == (lead,)  # the picture draws the gap too
    said = " ".join(card.job.subtitle.lines)
    if subtitle:
        assert said == f"{subtitle}: {lead} of 16 depots and Depot 15"
    else:
        assert said == f"The {lead} largest of 16 depots and Depot 15"
    # Only named rows: the names, not a count of none.
    ranked = _hbar(sort={"by": "value_usd_bn"})
    assert count_words(ranked, card.job.chart.job.data, 0, 9, also=["Kent"]) == "Kent of 9 ports"
