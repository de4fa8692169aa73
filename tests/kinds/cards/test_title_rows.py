"""A card with room for fewer rows than its chart has keeps the rows its title names, as it
keeps a highlighted one, and says what it leaves out (``_base.title_rows``, ``card_chart``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from deckgen.kinds.charts._named import title_rows
from deckgen.plan.cards import plan_cards
from deckgen.tables.sources import load_tables
from tests.helpers import load_outline, load_theme, write_project

if TYPE_CHECKING:
    from pathlib import Path

REGIONS = ["North East", "Yorkshire and the Humber", "East Midlands", "West Midlands",
           "South West", "London", "Scotland", "Wales"]  # fmt: skip


@pytest.mark.parametrize(
    ("title", "named"),
    [
        ("Wales alone shrank as the North East grew", ["North East", "Wales"]),
        ("Yorkshire grew faster than london", ["Yorkshire and the Humber", "London"]),
        # A word two names share names neither; 'the' and 'and' name nothing.
        ("Both Midlands grew and the West held", []),
        ("West Midlands grew", ["West Midlands"]),
        # A word is matched as the name writes it: 'london' (whole) is, 'wales' too, but
        # 'scot' is no word of a name.
        ("wales and scot", ["Wales"]),
    ],
)
def test_the_rows_a_title_names(title: str, named: list[str]) -> None:
    assert [REGIONS[i] for i in title_rows(title, REGIONS)] == named


#: Departments whose words a sentence-case title writes in lower case or the other number.
SERVICES = ["Housing and Homelessness", "Parks & Recreation", "Library Services", "Art Galleries",
            "Public Health", "Port Authority"]  # fmt: skip


@pytest.mark.parametrize(
    ("title", "named"),
    [
        # Sentence case and plurals: 'parks' for 'Parks', 'libraries' for 'Library'
        # (found in review: the card dropped both).
        ("Housing rises while parks and libraries fall", [0, 1, 2]),
        ("The park and the library lost most", [1, 2]),
        ("PARKS lost most", [1]),
        # Whole words only: 'art' is no word of 'start', nor 'health' of 'healthy'.
        ("A healthy start for the new year", []),
        ("Spending on arts held", [3]),
    ],
)
def test_a_title_names_rows_in_any_case_and_either_number(title: str, named: list[int]) -> None:
    assert title_rows(title, SERVICES) == named


def test_a_word_of_what_the_names_are_names_none_of_them() -> None:
    """'... than any other port' named 'Port Authority' once words were read in any case:
    a title names what the rows are without naming a row."""
    assert title_rows("More goods pass here than through any other port", SERVICES) == [5]
    assert title_rows("More goods pass here than through any other port", SERVICES,
                      "port") == []  # fmt: skip
    assert title_rows("The Port Authority grew", SERVICES, "port") == [5]  # the name whole


def test_apostrophes_are_compared_straight_whichever_way_either_is_written() -> None:
    """A title's apostrophes are set typographic ('Women’s'); a name keeps the data's. Every
    caller of title_rows (a card's kept rows, a scatter's named points) reads them alike."""
    names = ["O'Hare", "O'Hare Cargo", "Côte d\u2019Ivoire", "Côte d\u2019Azur"]
    assert title_rows("O\u2019Hare handled the most", names) == [0]  # whole: 'hare' is shared
    assert title_rows("Côte d'Ivoire exported most", names) == [2]


def test_a_name_inside_a_longer_one_the_title_names_is_not_named() -> None:
    names = ["Wales", "New South Wales", "Victoria"]
    assert title_rows("New South Wales led Victoria", names) == [1, 2]
    assert title_rows("Wales trailed New South Wales", names) == [0, 1]
    # A word is three letters or more; a name of digits alone is read as a value.
    assert title_rows("Sales rose 12% in the UK", ["UK", "US", "12"]) == [0]


#: Yearly change by region, largest first (short names: a ranking an x-post shows in part).
ROWS = ["North East", "Yorkshire", "East Midlands", "West Midlands", "South West", "London",
        "Scotland", "Wales"]  # fmt: skip
CHANGE_CSV = "region,change\n" + "".join(
    f"{name},{value}\n"
    for name, value in zip(ROWS, [12.1, 9.4, 7.7, 6.2, 4.9, 3.1, -1.8, -6.3], strict=True)
)
CARD = """\
deck: {{title: Regions, theme: {theme}, organisation: Regional Statistics Unit}}
data:
  change: {{file: change.csv}}
slides:
  - kind: title
    title: Regions
social:
  cards:
    - kind: chart
      name: regions
      presets: [x-post]
      title: {title}
      chart: {{type: hbar, data: change, x: region, y: change, format: "percent:1",
               sort: {{by: change}}{more}}}
"""


def _card(root: Path, theme: str, title: str, more: str = ""):
    outline = CARD.format(theme=theme, title=title, more=more)
    loaded = load_outline(write_project(root, outline, {"change.csv": CHANGE_CSV}))
    (card,) = plan_cards(loaded, load_tables(loaded), load_theme(theme))
    return card


@pytest.mark.parametrize("theme", ["corporate", "dark", "contrast"])
def test_a_card_keeps_the_row_its_title_names_and_says_so(tmp_path: Path, theme: str) -> None:
    """An x-post card of a ranking keeps its leading rows; titled '... while Parks were cut'
    and with no highlight, it left 'Parks & Recreation' out, so the title spoke of a row the
    picture did not show (found by fuzzing). The row the title names is kept, as a
    highlighted one is, and the subtitle and alt text say what the card shows."""
    card = _card(tmp_path, theme, "Wales shrank as the North East grew")
    job = card.job.chart.job
    shown = list(job.data.categories)
    assert len(shown) < len(ROWS)  # the case: the card has room for fewer rows
    assert shown[0] == "North East" and shown[-1] == "Wales"
    lead = len(shown) - 1
    assert shown[:lead] == ROWS[:lead]  # the largest ones, in their order
    assert job.spec.card_shown(job) == len(shown)  # every name whole
    words = f"the {lead} largest of 8 regions and Wales"
    assert card.job.shown == words
    assert card.job.subtitle is not None
    assert " ".join(card.job.subtitle.lines) == words[:1].upper() + words[1:]
    assert card.job.alt().endswith(f"{words[:1].upper()}{words[1:]}.")
    assert job.spec.highlight == []  # kept, not highlighted: the accent is the user's


def test_a_highlighted_row_comes_before_a_row_the_title_names(tmp_path: Path) -> None:
    """Both are kept; the highlighted one stays the one accented."""
    card = _card(tmp_path, "corporate", "London held while Wales shrank",
                 more=", highlight: London")  # fmt: skip
    job = card.job.chart.job
    shown = list(job.data.categories)
    assert {"London", "Wales"} <= set(shown) and len(shown) < len(ROWS)
    assert job.spec.highlight == ["London"]
    lead = len(shown) - 2
    largest = "the largest" if lead == 1 else f"the {lead} largest"
    assert card.job.shown == f"{largest} of 8 regions, plus London and Wales"


def test_a_card_that_shows_every_row_is_unchanged_by_its_title(tmp_path: Path) -> None:
    outline = CARD.format(theme="corporate", title="Wales alone shrank",
                          more="").replace("x-post", "ig-tall")  # fmt: skip
    loaded = load_outline(write_project(tmp_path, outline, {"change.csv": CHANGE_CSV}))
    (card,) = plan_cards(loaded, load_tables(loaded), load_theme("corporate"))
    assert len(card.job.chart.job.data.categories) == len(ROWS) and card.job.shown is None


#: Eleven areas, the two a sentence-case title names among the smallest changes.
AREAS = {"Harbour and Docklands": 21.0, "Old Town and Castle": 8.2, "Riverside Villages": 6.4,
         "Northern Uplands and Moors": 5.1, "Market Quarter": 3.3, "Canal Basin": 1.2,
         "Station Approach": 0.4, "University District": -2.0, "Airport Corridor": -4.5,
         "Meadows & Parks": -13.9, "Libraries and Museums Quarter": -15.8}  # fmt: skip


def test_a_sentence_case_title_keeps_the_rows_it_names(tmp_path: Path) -> None:
    """'... while parks and libraries fall' kept neither 'Parks & Recreation' nor
    'Libraries and Culture' (found in review): only 'Parks and Libraries' did. Both are
    kept, and said apart from the count, quoted, as their names hold 'and' and '&'."""
    csv = "region,change\n" + "".join(f"{k},{v}\n" for k, v in AREAS.items())
    title = "Harbour spending rises by 21% while parks and libraries fall by about 15%"
    outline = CARD.format(theme="corporate", title=title, more="").replace("x-post", "ig-tall")
    loaded = load_outline(write_project(tmp_path, outline, {"change.csv": csv}))
    (card,) = plan_cards(loaded, load_tables(loaded), load_theme("corporate"))
    shown = list(card.job.chart.job.data.categories)
    assert len(shown) < len(AREAS)  # the case: the card has room for fewer rows
    assert shown[-2:] == ["Meadows & Parks", "Libraries and Museums Quarter"]
    lead = len(shown) - 2
    largest = "the largest" if lead == 1 else f"the {lead} largest"
    assert card.job.shown == (f"{largest} of 11 regions, plus 'Meadows & Parks' and "
                              "'Libraries and Museums Quarter'")  # fmt: skip


@pytest.mark.parametrize(
    ("title", "named"),
    [
        ("Follower gains peaked on February 28, 2024", ["2024-02-28"]),
        ("Gains peaked on 28 Feb", ["2024-02-28"]),
        ("Gains peaked on 2024-03-02", ["2024-03-02"]),
        ("Gains peaked on February 28, 2023", []),  # another year
        ("Gains peaked on 02/28/2024", []),  # day or month first is not guessed
    ],
)
def test_a_title_names_the_day_it_writes(title: str, named: list[str]) -> None:
    days = ["2024-02-27", "2024-02-28", "2024-02-29", "2024-03-01", "2024-03-02"]
    assert [days[i] for i in title_rows(title, days)] == named


def test_a_card_of_days_keeps_the_day_its_title_names(tmp_path: Path) -> None:
    """LinkedIn's follower gains, 'peaked on February 28, 2024': the card kept four days
    around the one whose total was 28 (the day's number read as a value) and left
    February 28 out (found in review)."""
    days = [f"2024-02-{d}" for d in range(20, 30)] + [f"2024-03-0{d}" for d in range(1, 5)]
    gains = [12, 9, 14, 11, 8, 13, 10, 17, 40, 28, 8, 5, 7, 6]
    csv = "Date,Followers\n" + "".join(f"{d},{g}\n" for d, g in zip(days, gains, strict=True))
    outline = """\
deck: {title: Followers}
data:
  new: {file: new.csv}
slides:
  - kind: chart
    title: Follower gains peaked on February 28, 2024
    chart: {type: bar, data: new, x: Date, y: Followers}
    share: [ig-square]
"""
    loaded = load_outline(write_project(tmp_path, outline, {"new.csv": csv}))
    (card,) = plan_cards(loaded, load_tables(loaded), load_theme("corporate"))
    shown = [str(c) for c in card.job.chart.job.data.categories]
    assert len(shown) < len(days) and "2024-02-28" in shown
