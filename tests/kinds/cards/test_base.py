"""The layout pieces every card kind shares (``deckgen.kinds.cards._base``)."""

from __future__ import annotations

import pytest

from deckgen.layout.units import Px
from deckgen.plan.cards import plan_cards
from deckgen.tables.sources import load_tables
from tests.helpers import load_outline, load_theme, write_project
from tests.kinds.cards.conftest import social_outline

#: Vehicle production by country: names whose widest word sets a column's width, so a
#: narrow font (Source Sans Pro) has room for a column more than a wide one (Lato).
PRODUCTION = """country,production_2004,production_2023
China,5234496,30160966
USA,11989387,10611555
Japan,10511518,8997440
India,1511157,5851507
South Korea,3469464,4243597
Germany,5569954,4109371
Mexico,1577159,4002047
Brazil,2317227,2324838
Spain,3012174,2451221
Indonesia,408311,1395717
"""

CARDS = """
- kind: chart
  name: producers
  presets: [ig-tall]
  title: China built a third of the world's vehicles in 2023
  subtitle: Vehicle production by country, 2004 and 2023
  chart:
    type: grouped-bar
    data: production
    x: country
    y: [production_2004, production_2023]
    series_labels: {production_2004: "2004", production_2023: "2023"}
    sort: {by: production_2023}
    format: compact:1
    highlight: China
- kind: infographic
  name: long
  title: Where the world's vehicles are built
  sections:
    - kind: chart
      title: China built a third of the world's vehicles in 2023
      chart:
        type: grouped-bar
        data: production
        x: country
        y: [production_2004, production_2023]
        series_labels: {production_2004: "2004", production_2023: "2023"}
        sort: {by: production_2023}
        top: 6
        format: compact:1
        highlight: China
"""


@pytest.fixture(scope="module")
def themed(tmp_path_factory):
    """``themed(theme)`` -> the chart card's and the infographic's categories and alt
    text, planned in ``theme``."""
    path = write_project(tmp_path_factory.mktemp("p"), social_outline(CARDS),
                         {"production.csv": PRODUCTION})  # fmt: skip
    loaded = load_outline(path)
    tables = load_tables(loaded)

    def plan(theme: str) -> list[tuple[list[str], str]]:
        out = []
        for card in plan_cards(loaded, tables, load_theme(theme)):
            charts = [p.job for p in card.job.pictures()]
            drawn = [str(c) for job in charts for c in job.data.categories]
            out.append((drawn, str(card.with_alt({}).alt)))
        return out

    return plan


def test_a_card_shows_the_same_rows_whatever_the_theme_fonts(themed):
    """The rows a card's chart keeps are counted in the bundled fonts, not the theme's
    (``card_rows``): Source Sans Pro's narrower names kept Germany on the sample's ig-tall
    card and its infographic in the dark theme where Lato (corporate) kept five countries,
    and only the one's alt text said 'The 5 largest of 19 countries' (found in review)."""
    corporate, dark = themed("corporate"), themed("dark")
    assert len(corporate) == 2
    for (rows, alt), (dark_rows, dark_alt) in zip(corporate, dark, strict=True):
        assert dark_rows == rows
        assert dark_alt == alt
    (rows, alt), (long_rows, long_alt) = corporate
    assert len(rows) < 10 and f"The {len(rows)} largest of 10 countries." in alt
    assert len(long_rows) < 6 and f"The {len(long_rows)} largest of 10 countries." in long_alt


def test_a_theme_font_too_wide_for_those_rows_shows_fewer_and_says_so(tmp_path):
    """A theme whose font holds fewer rows even at the smallest chart labels keeps those,
    and the card says so as a build warning: never silently other content."""
    import shutil
    from pathlib import Path

    import matplotlib

    fonts = Path(matplotlib.__file__).parent / "mpl-data" / "fonts" / "ttf"
    wide = tmp_path / "themes" / "wide"
    wide.mkdir(parents=True)
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        shutil.copy(fonts / name, wide / name)
    corporate = (Path(__file__).parents[3] / "themes" / "corporate" / "theme.yaml").read_text()
    family = "{family: DejaVu Sans, regular: DejaVuSans.ttf, bold: DejaVuSans-Bold.ttf}"
    (wide / "theme.yaml").write_text(
        corporate.replace("{family: Lato, fallback: [Calibri, Arial]}", family).replace(
            "{family: Lato Black, fallback: [Arial Black, Arial]}", family
        )
    )
    path = write_project(tmp_path, social_outline(CARDS), {"production.csv": PRODUCTION})
    loaded = load_outline(path)
    tables = load_tables(loaded)
    card, _ = plan_cards(loaded, tables, load_theme("wide", tmp_path))
    kept, _ = plan_cards(loaded, tables, load_theme("corporate"))
    drawn = len(card.job.chart.job.data.categories)
    assert drawn < len(kept.job.chart.job.data.categories)
    (warning,) = card.job.short
    assert "'DejaVu Sans' is too wide" in warning
    assert f"show at most {drawn} with the chart's 'top:'" in warning


#: Made-up shares of freight by ferry in eight coastal states, for a tile map's card.
FERRY = "state,share\n" + "".join(
    f"{s},{v}\n" for s, v in [("WA", 38), ("ME", 31), ("AK", 27), ("NC", 19), ("MA", 14),
                              ("NY", 11), ("FL", 7), ("LA", 4)]
)  # fmt: skip

COUNTED = """
- kind: chart
  name: producers
  presets: [ig-square]
  title: China built more vehicles in 2023 than the next two producers
  chart: {type: hbar, data: production, x: country, y: production_2023,
          sort: {by: production_2023}, format: "compact:1", highlight: China}
- kind: chart
  name: ferry
  presets: [ig-square]
  title: Washington ships the most freight by ferry
  chart: {type: map, data: ferry, region: state, y: share, format: "percent:0"}
"""


def test_the_rows_are_counted_once_in_each_family_and_where_they_can_differ(tmp_path, monkeypatch):
    """Counting the rows in each bundled family made planning the sample's cards 15 ms
    slower warm and 50 ms cold (of 75 and 545, CPU; found measuring it): the theme's own
    family was counted twice more (as itself, and again before setting smaller labels),
    and a map, which shows every state in any font or is refused, planned its tiles in
    each family for the same answer. Now each family once, and a map in the theme's."""
    from deckgen.kinds.cards import _base
    from deckgen.kinds.charts._base import ChartKind

    counted: list[list[tuple[str, str]]] = []
    room, rows = ChartKind.card_room, _base.card_rows

    def card_room(self, data, box, label_px, theme):
        counted[-1].append((self.type, theme.body.family))
        return room(self, data, box, label_px, theme)

    def card_rows(lay, spec, data, box):
        counted.append([])
        return rows(lay, spec, data, box)

    monkeypatch.setattr(ChartKind, "card_room", card_room)
    monkeypatch.setattr(_base, "card_rows", card_rows)
    outline = social_outline(COUNTED).replace(
        "  production: {file: production.csv}\n",
        "  production: {file: production.csv}\n  ferry: {file: ferry.csv}\n",
    )
    path = write_project(tmp_path, outline, {"production.csv": PRODUCTION, "ferry.csv": FERRY})
    loaded = load_outline(path)
    plan_cards(loaded, load_tables(loaded), load_theme("corporate"))
    kinds = {calls[0][0] for calls in counted}
    assert kinds == {"hbar", "map"}
    for calls in counted:
        families = [family for _, family in calls]
        if calls[0][0] == "map":
            assert families == ["Lato"]
        else:
            assert families == ["Lato", "Source Sans Pro", "Roboto"]


def test_a_source_line_takes_the_fewest_lines_at_one_size_for_a_set(tmp_path):
    """Set as large as three lines allowed, a source line wrapped where the floor's size,
    2 px smaller, held it in one: 'Source: Global / Impact page, exports' on the sample's
    ig-portrait card in the contrast theme (found in review). At the fine-print floor it
    takes as few lines as any size would, and every card of a preset sets it alike (the
    second source took two lines at 34 px)."""
    from deckgen.kinds.cards._base import FINE_PX

    sources = ["Port Authority, cranes", "Port Authority page, berths",
               "Port Authority yearbook, berths, cranes and quays"]  # fmt: skip
    cards = "".join(f"""
- kind: stat
  name: s{i}
  presets: [ig-portrait]
  title: The port handled more cargo than ever
  value: 12.4M
  label: tonnes of cargo crossed the east quay in 2024
  source: {source}
""" for i, source in enumerate(sources))  # fmt: skip
    outline = social_outline(cards, section="wordmark: deckgen sample briefing")
    path = write_project(tmp_path, outline, {"production.csv": PRODUCTION})
    loaded = load_outline(path)
    planned = plan_cards(loaded, load_tables(loaded), load_theme("contrast"))
    blocks = [next(b for b in card.job.texts() if b.role == "source") for card in planned]
    assert [len(b.lines) for b in blocks] == [1, 1, 2]
    assert {b.size.px for b in blocks} == {FINE_PX}  # ig-portrait is 1080 wide


def _cards(tmp_path, theme: str, wordmark: str, source: str, presets: str) -> list:
    """The cards of a stat card with ``source`` under it, shared in ``presets``."""
    cards = f"""
- kind: stat
  name: port
  presets: {presets}
  title: The port handled more cargo than ever
  value: 12.4M
  label: tonnes of cargo crossed the east quay in 2024
  source: {source}
"""
    outline = social_outline(cards, section=f"wordmark: {wordmark}")
    path = write_project(tmp_path, outline, {"production.csv": PRODUCTION})
    loaded = load_outline(path)
    return plan_cards(loaded, load_tables(loaded), load_theme(theme))


@pytest.mark.parametrize("theme", ["corporate", "contrast"])
def test_a_source_line_keeps_one_line_where_a_smaller_wordmark_makes_room(tmp_path, theme):
    """Beside the wordmark at its largest, 'Source: Global Impact / page, port table' took
    two lines in a column half as wide as the room left of the name (the contrast theme's
    story card; design review). The name set a little smaller, still at the fine-print
    floor or above and still one line, leaves the source its one line."""
    from deckgen.kinds.cards._base import FINE_PX, FOOTER_GAP_PX

    cards = _cards(tmp_path, theme, "Harbour Data Office",
                     "Port Authority yearbook, berth table", "[ig-portrait, story]")  # fmt: skip
    assert len(cards) == 2
    for card in cards:
        source, wordmark = card.job.footer.source, card.job.footer.wordmark
        assert source is not None and wordmark is not None
        assert source.lines == ("Source: Port Authority yearbook, berth table",), card.file
        assert wordmark.lines == ("Harbour Data Office",), card.file
        assert source.size.px == FINE_PX and FINE_PX <= wordmark.size.px < 36, card.file
        assert wordmark.box.left - source.box.right >= Px(FOOTER_GAP_PX), card.file
        safe = card.job.frame.safe
        assert (source.box.left, wordmark.box.right) == (safe.left, safe.right), card.file


def _one_row(card) -> None:
    """The wordmark on one line at the safe area's bottom right, the source line beside it
    (wrapping if it must) with their bottoms on one line and the footer's gap between."""
    from deckgen.kinds.cards._base import FOOTER_GAP_PX

    footer, safe = card.job.footer, card.job.frame.safe
    assert footer.source is not None and footer.wordmark is not None
    assert len(footer.wordmark.lines) == 1, (card.file, footer.wordmark.lines)
    assert footer.source.box.bottom == footer.wordmark.box.bottom == safe.bottom, card.file
    assert footer.wordmark.box.right == safe.right, card.file
    assert footer.wordmark.box.left - footer.source.box.right >= Px(FOOTER_GAP_PX), card.file


def test_a_wordmark_keeps_one_line_and_the_source_line_wraps_beside_it(tmp_path):
    """'deckgen / sample briefing' broke in two on the sample's linkedin quote card, one
    line on every other card, the source line beside it aligned with its second line
    (design review): a name that fits half the row on one line keeps it, and a source line
    it leaves too little wraps beside it, their bottoms on one line."""
    for source in ("Port Authority yearbook, berth table",
                   "Port Authority yearbook, berth and crane tables"):  # fmt: skip
        (card,) = _cards(tmp_path / str(len(source)), "corporate", "Harbour Data Office",
                         source, "[linkedin]")  # fmt: skip
        _one_row(card)
        assert card.job.footer.wordmark.lines == ("Harbour Data Office",)
        assert len(card.job.footer.source.lines) == 2, card.job.footer.source.lines
        assert card.job.footer.source.size.px == 36  # the fine-print floor, 1200 px wide


QUOTE_AND_LIST = """
- kind: quote
  name: quote
  presets: [ig-portrait, linkedin]
  text: >-
    Ports that share their berth data cut a ship's wait by a day, and the saving
    reaches every shelf.
  attribution: Harbour Board
  source: Harbour Board, quoted on the port page
- kind: list
  name: list
  presets: [ig-square]
  title: What the east quay added in 2024
  items: [Two cranes for the largest ships, A rail siding to the yard, Shore power at four berths]
  source: Port Authority page, quay upgrade list
"""


@pytest.mark.parametrize("theme", ["corporate", "dark"])
def test_a_quote_and_a_list_card_keep_the_wordmark_on_one_line(tmp_path, theme):
    """The sample's quote cards (ig-portrait, linkedin) and list card (ig-square), whose
    source lines on one line left a name of 23 characters less than half the row, set it
    on two lines (design review): it keeps its one line, as on the set's other cards."""
    outline = social_outline(QUOTE_AND_LIST, section="wordmark: harbour sample briefing")
    path = write_project(tmp_path, outline, {"production.csv": PRODUCTION})
    loaded = load_outline(path)
    cards = plan_cards(loaded, load_tables(loaded), load_theme(theme))
    assert sorted(c.preset.name for c in cards) == ["ig-portrait", "ig-square", "linkedin"]
    for card in cards:
        _one_row(card)
        assert card.job.footer.wordmark.lines == ("harbour sample briefing",), card.file


def test_a_source_too_long_beside_the_name_on_one_line_sets_it_on_two(tmp_path):
    """A source line that needs more than its three lines beside the name on one line, even
    at the floor, has the name on two lines beside it (as before), not an error: the name
    in half the row stopped the card ('does not fit even at 32 px')."""
    source = ("Harbour Board annual report, quay and berth statistics, crane hours and vessel "
              "calls by terminal operator, by month and by ship type, 2015 to 2024")  # fmt: skip
    cards = _cards(tmp_path, "corporate", "Harbour Data Office", source, "[ig-square, linkedin]")
    assert len(cards) == 2
    for card in cards:
        footer, safe = card.job.footer, card.job.frame.safe
        assert footer.source is not None and footer.wordmark is not None
        assert footer.wordmark.lines == ("Harbour", "Data Office"), card.file
        assert len(footer.source.lines) == 3, card.file
        assert footer.source.box.bottom == footer.wordmark.box.bottom == safe.bottom, card.file
