"""Infographic cards on data written for the tests: the Sources block holds every
section's source line (a section's own and its stats' own, and the card's), each once, in
the order the sections show them, and a line too long to fit stops the build naming where
it is written, never cut silently; a chart that leaves categories out says so in the alt
text, as under the chart and as a chart card's alt text does ('The 10 largest of 15
regions' was printed under the chart and the alt text listed the 10 alone: review)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from deckgen.errors import FitError
from deckgen.plan.cards import plan_cards
from deckgen.tables.sources import load_tables
from tests.helpers import load_outline, load_theme, write_project

if TYPE_CHECKING:
    from pathlib import Path

OUTLINE = """\
deck: {{title: Depots, theme: corporate}}
slides:
  - kind: title
    title: Depots
social:
  cards:
    - kind: infographic
      name: depots
      title: Parcels by depot
      source: "Source: Depot ledger"
      sections:
        - kind: stats
          title: Two depots
          source: {first}
          items: [{{value: "1,000", label: North}}, {{value: "963", label: South}}]
        - kind: stats
          items:
            - {{value: "926", label: East, source: "{item}"}}
            - {{value: "889", label: West, source: Gate counts}}
        - {{kind: stat, value: "852", label: parcels at the port, source: "Gate counts"}}
"""


#: Twenty made-up depots: more rows than a long infographic's chart draws (twelve).
DEPOTS_CSV = "depot,parcels\n" + "".join(f"Depot {i:02},{1000 - 37 * i}\n" for i in range(20))

CHART_OUTLINE = """\
deck: {title: Depots, theme: corporate}
data:
  depots: {file: depots.csv}
slides:
  - kind: title
    title: Depots
social:
  cards:
    - kind: infographic
      name: depots
      title: Parcels by depot
      sections:
        - kind: chart
          title: Depot 00 handled the most parcels
          chart: {type: hbar, data: depots, x: depot, y: parcels, sort: {by: parcels},
                  format: "plain:0", highlight: Depot 00}
        - {kind: text, text: Counted at the gate.}
"""


def _planned(tmp_path: Path, outline: str, files: dict[str, str]):
    loaded = load_outline(write_project(tmp_path, outline, files))
    (card,) = plan_cards(loaded, load_tables(loaded), load_theme("corporate"))
    return card


def _card(tmp_path: Path, first: str = "Gate counts", item: str = "Weighbridge"):
    return _planned(tmp_path, OUTLINE.format(first=first, item=item), {})


def test_every_sections_source_is_listed_once(tmp_path: Path) -> None:
    printed = [" ".join(b.lines) for b in _card(tmp_path).job.blocks]
    start = printed.index("Sources")
    assert printed[start + 1 :] == ["Gate counts", "Weighbridge", "Depot ledger"]


@pytest.mark.parametrize(
    ("where", "field"),
    [("first", "social.cards[0].sections[0].source"), ("item", "social.cards[0].sections[1]")],
)
def test_a_source_line_too_long_names_where_it_is_written(
    tmp_path: Path, where: str, field: str
) -> None:
    """It was named as the card's own 'source', which the outline did not have."""
    long = "Depot ledger, " + "parcels counted at the gate by hand, " * 30
    with pytest.raises(FitError) as raised:
        _card(tmp_path, **{where: long.strip()})
    (problem,) = raised.value.problems
    assert problem.location is not None and problem.location.field == field
    assert "source line" in problem.message


def test_the_alt_text_says_what_the_chart_leaves_out(tmp_path: Path) -> None:
    card = _planned(tmp_path, CHART_OUTLINE, {"depots.csv": DEPOTS_CSV})
    drawn = len(card.job.charts[0].job.data.categories)
    assert drawn < 20
    said = f"The {drawn} largest of 20 depots."
    printed = [" ".join(b.lines) for b in card.job.blocks]
    assert said.rstrip(".") in printed  # under the chart
    alt = card.job.alt()
    assert said in alt
    # After the chart's rows, before the next section.
    assert alt.index(said) > alt.index("Depot 00") and alt.index(said) < alt.index("Counted")


#: Made-up freight by mode: one large slice and small ones gathered near its top, whose
#: labels stack on one side of the ring.
MODES_CSV = (
    "mode,tonnes\nRoad,610\nRail,170\nPipeline,120\nInland waterway,50\nAir cargo,30\n"
    "Coastal shipping,20\n"
)

DONUT_OUTLINE = """\
deck: {title: Freight, theme: corporate}
data:
  modes: {file: modes.csv}
slides:
  - kind: title
    title: Freight
social:
  cards:
    - kind: infographic
      name: freight
      title: Freight by mode
      sections:
        - kind: chart
          title: Road carries most of the freight
          chart: {type: donut, data: modes, x: mode, y: tonnes, format: "plain:0",
                  highlight: Road}
        - {kind: text, text: Tonnes carried in one made-up year.}
"""


def test_a_chart_section_ends_under_what_its_chart_draws(tmp_path: Path) -> None:
    """A ring held by its labels' width was drawn in the middle of the section's default
    500 px and left about 200 px empty under it before the next section (found in
    review). The section ends under the lowest thing the chart draws: the next rule is
    the sections' gap under it, as under any other block."""
    import numpy as np

    card = _planned(tmp_path, DONUT_OUTLINE, {"modes.csv": MODES_CSV})
    job = card.job
    (chart,) = job.charts
    pixels = np.asarray(job.draw().convert("RGB"), dtype=int)
    safe = job.frame.safe
    rule = next(r.box.top.px for r in job.rules if r.box.top > chart.box.top)
    band = pixels[chart.box.top.px : rule, safe.left.px : safe.right.px]
    inked = np.flatnonzero((np.abs(band - pixels[rule - 1, safe.left.px]).sum(axis=2) > 30)
                           .any(axis=1))  # fmt: skip
    empty = rule - (chart.box.top.px + inked[-1])
    gap = 64  # the sections' rule's gap (_Flow.divider), at 1080 wide
    assert empty <= gap + 16, empty
    # Cut under the lowest thing it draws: the picture's rows under the box are empty.
    picture = chart.job.pixels()[chart.box.height.px :, :, :3].astype(int)
    assert len(picture) > 100  # a hundred rows and more were left empty
    assert (np.abs(picture - picture[-1, 0]).sum(axis=2) <= 30).all()
    assert chart.job.spec.card_shown(chart.job) == 6  # every slice named, as before


#: Made up: two depots' sources from one publisher, the harbour's, and one of their own.
GROUPED_OUTLINE = """\
deck: {{title: Depots, theme: corporate, organisation: Depot report}}
slides:
  - kind: title
    title: Depots
social:
  cards:
    - kind: infographic
      name: depots
      title: Parcels by depot
      sections:
        - {{kind: stat, value: "1,000", label: parcels at North, source: "Harbour office, {a}"}}
        - {{kind: stat, value: "963", label: parcels at South, source: Depot ledger}}
        - {{kind: stat, value: "926", label: parcels at East, source: "Harbour office: {b}"}}
"""


def _sources(card) -> list[str]:
    printed = [" ".join(b.lines) for b in card.job.blocks]
    return printed[printed.index("Sources") + 1 :]


def test_one_publishers_lines_are_one_entry_as_on_the_sources_slide(tmp_path: Path) -> None:
    """The sample's card listed "Global Impact page, ..." five times, where its sources
    slide says it once: the Sources block groups the lines the same way (one function,
    Words.grouped), the alt text says it as printed, and the card's height holds it."""
    card = _planned(tmp_path, GROUPED_OUTLINE.format(a="gate counts", b="weighbridge"), {})
    assert _sources(card) == ["Harbour office: gate counts; weighbridge", "Depot ledger"]
    assert card.job.alt().endswith(
        "Sources: Harbour office: gate counts; weighbridge; Depot ledger."
    )
    # Its height holds the block, nothing cut: the wordmark a gap under the last line.
    last = next(b for b in reversed(card.job.blocks) if b.role == "source")
    mark = card.job.footer.wordmark
    assert mark is not None and last.box.bottom < mark.box.top
    assert mark.box.bottom.px <= card.job.frame.height


def test_an_entry_too_long_for_its_lines_is_listed_line_by_line(tmp_path: Path) -> None:
    """Grouped, the harbour's entry would take more than the four lines a source line has:
    its lines are listed as written where the first of them was, each fitting."""
    long_a = "gate counts of parcels by depot, " * 4 + "2023"
    long_b = "weighbridge tickets of lorries by depot, " * 3 + "2023"
    card = _planned(tmp_path, GROUPED_OUTLINE.format(a=long_a, b=long_b), {})
    assert _sources(card) == [f"Harbour office, {long_a}", f"Harbour office: {long_b}",
                              "Depot ledger"]  # fmt: skip


#: Made up: a stats section with a heading and long labels, then a chart section with a
#: subtitle that says how its rows were chosen.
SECTIONS_OUTLINE = (
    CHART_OUTLINE[: CHART_OUTLINE.index("        - kind: chart")]
    + """\
        - kind: stats
          title: Three depots carry most of the parcels
          items:
            - {value: "61%", label: of all parcels pass through the three largest depots}
            - {value: "1.2M", label: parcels sorted by hand at the gate in March}
            - {value: "14", label: depots open through the night since the spring}
        - kind: chart
          title: Depot 00 handled the most parcels
          subtitle: Parcels by depot, largest depots in March
          chart: {type: hbar, data: depots, x: depot, y: parcels, sort: {by: parcels},
                  format: "plain:0", highlight: Depot 00}
        - {kind: text, title: Counting, text: Counted at the gate.}
"""
)


def _sections(tmp_path: Path):
    return _planned(tmp_path, SECTIONS_OUTLINE, {"depots.csv": DEPOTS_CSV})


def test_every_sections_heading_has_one_size(tmp_path: Path) -> None:
    """The sample's stats heading was set at 44 px under a chart section's at 60 (found in
    review): each kind of section picked its own size. Every section's heading, stats,
    chart or text, is set at one size, smaller than the card's headline."""
    job = _sections(tmp_path).job
    sizes = {" ".join(b.lines): b.size.px for b in job.blocks if b.role == "title"}
    headline = sizes.pop("Parcels by depot")
    assert set(sizes) == {"Three depots carry most of the parcels",
                          "Depot 00 handled the most parcels", "Counting"}  # fmt: skip
    assert len(set(sizes.values())) == 1, sizes
    assert max(sizes.values()) < headline


def test_a_row_of_stats_sets_its_labels_filling_their_column(tmp_path: Path) -> None:
    """Balanced as a headline is, to the narrowest width that keeps their count, the
    sample's labels read 'of world / GDP comes / from the G20' in a column twice as wide
    (found in review). Each line takes the words that fit its column, as a deck's stats
    slide sets its labels, but for a last word kept company."""
    from deckgen.layout.text import CARD
    from deckgen.layout.units import Px

    job = _sections(tmp_path).job
    labels = [b for b in job.blocks if b.role == "label"]
    assert len(labels) == 3
    col_w = Px((job.frame.safe.width.px - 2 * 48) // 3)  # three columns, 48 px apart
    for block in labels:
        lines = list(block.lines)
        assert len(lines) > 1  # the case: labels of several lines
        for k in range(len(lines) - 2):  # the last pair may share a word
            taken = f"{lines[k]} {lines[k + 1].split()[0]}"
            assert CARD.width(taken, block.font, block.size) > col_w, lines


def test_the_note_under_a_chart_does_not_repeat_its_subtitle(tmp_path: Path) -> None:
    """'The 5 largest of 19 countries' under a chart subtitled '..., largest producers in
    2023' (found in review): under a subtitle the note says the count alone, as a chart
    card says it after its subtitle (Shown.said); the alt text still says which."""
    card = _sections(tmp_path)
    drawn = len(card.job.charts[0].job.data.categories)
    assert drawn < 20
    printed = [" ".join(b.lines) for b in card.job.blocks]
    assert f"{drawn} of 20 depots" in printed
    assert not any("largest of" in line for line in printed)
    assert f"The {drawn} largest of 20 depots." in card.job.alt()


#: Sixteen made-up regions' rates over ten years, each name long enough to take two lines
#: at a line's end: more than a long card's line chart names at its default height.
REGIONS = [f"Region number {i} of the country" for i in range(16)]
REGIONS_CSV = (
    "year,"
    + ",".join(f'"{n}"' for n in REGIONS)
    + "\n"
    + "".join(
        f"{y},"
        + ",".join(f"{50 + 2 * i + (y - 2015) * (i % 3) * 0.5:.1f}" for i in range(16))
        + "\n"
        for y in range(2015, 2025)
    )
)
LINES_OUTLINE = """\
deck: {{title: Regions, theme: corporate}}
data:
  regions: {{file: regions.csv}}
slides:
  - kind: title
    title: Regions
social:
  cards:
    - kind: infographic
      name: regions
      title: Employment by region
      sections:
        - kind: chart
          title: Region 14 rose the most since 2015
          source: Test data{height}
          chart: {{type: line, data: regions, x: year, y: [{lines}],
                  highlight: "Region number 14 of the country"}}
"""


@pytest.mark.parametrize("height", [None, 300])
def test_a_long_card_s_line_chart_grows_to_name_every_line(tmp_path: Path, height) -> None:
    """Sixteen lines at the default height left nine unnamed beside named ones, which
    they were taken for (found in review). The section grows until every line is named;
    a height the outline sets is kept, and the lines it would leave unnamed are an error
    naming them and the height (it was a warning, and the card was posted with grey lines
    no one could name: fuzzing)."""
    lines = ", ".join(f'"{n}"' for n in REGIONS)
    set_height = "" if height is None else f"\n          height: {height}"
    outline = LINES_OUTLINE.format(height=set_height, lines=lines)
    if height is None:
        card = _planned(tmp_path, outline, {"regions.csv": REGIONS_CSV})
        (placed,) = card.job.charts
        assert placed.job.spec.card_unnamed(placed.job) == []
        return
    with pytest.raises(FitError) as info:  # kept at 300 px: too short to name them all
        _planned(tmp_path, outline, {"regions.csv": REGIONS_CSV})
    message = str(info.value)
    assert "social.cards[0].sections[0].chart: the chart of card 'regions'" in message
    assert "of its 16 lines at 'height: 300', so 'Region number" in message
    hint = (
        "hint: remove 'height: 300' (the section then grows, up to 2000 px, until it "
        "names every one), or raise it; or show fewer series (fewer columns in 'y:')"
    )
    assert hint in message


#: Made-up meals by region (millions): eight rows, one name on two lines on a card.
MEALS_CSV = ("region,meals\nLondon,8.5\nNorth West,6.4\nYorkshire and the Humber,5.9\n"
             "West Midlands,5.0\nSouth East,3.7\nNorth East,3.1\nEast of England,3.05\n"
             "South West,2.8\n")  # fmt: skip


def test_a_long_card_s_ranking_grows_to_show_every_row(tmp_path: Path) -> None:
    """Eight regions, one name on two lines: the section kept six at its default height
    (96 px a row: rows of two-line names are taller), on a card whose height is its
    content's (found in review). It grows while growing shows more rows; a set height is
    kept, and the rows it leaves out are said, as on a chart card."""
    outline = """\
deck: {{title: Meals, theme: corporate}}
data:
  meals: {{file: meals.csv}}
slides:
  - kind: title
    title: Meals
social:
  cards:
    - kind: infographic
      name: meals
      title: Meals by region
      sections:
        - kind: chart
          title: London served the most meals
          source: Test data{height}
          chart: {{type: hbar, data: meals, x: region, y: meals, highlight: London}}
"""
    card = _planned(tmp_path / "a", outline.format(height=""), {"meals.csv": MEALS_CSV})
    (placed,) = card.job.charts
    assert len(placed.job.data.categories) == 8
    set_height = "\n          height: 500"
    card = _planned(tmp_path / "b", outline.format(height=set_height), {"meals.csv": MEALS_CSV})
    (placed,) = card.job.charts
    assert 3 <= len(placed.job.data.categories) < 8


def test_a_long_card_s_ring_at_a_set_height_too_short_to_name_its_slices_is_an_error(
    tmp_path: Path,
) -> None:
    """A ring of 12 slices at 'height: 200' named 6 of them, with a warning each: a part
    of a whole cannot go unnamed (fuzzing). Without the height it names all 12."""
    csv = "part,value\n" + "".join(f"P{i},{1000 if i == 0 else 1}\n" for i in range(12))
    outline = """\
deck: {{title: Parts, theme: corporate}}
data:
  parts: {{file: parts.csv}}
slides:
  - kind: title
social:
  cards:
    - kind: infographic
      name: parts
      title: P0 is most of the whole
      sections:
        - kind: chart
          title: P0 is most of the whole
          source: Test data{height}
          chart: {{type: donut, data: parts, x: part, y: value, highlight: P0}}
"""
    with pytest.raises(FitError) as info:
        _planned(tmp_path, outline.format(height="\n          height: 200"), {"parts.csv": csv})
    message = str(info.value)
    assert "of its 12 parts at 'height: 200', so 'P6'" in message
    assert "a chart of the parts of a whole names every part" in message
    card = _planned(tmp_path, outline.format(height=""), {"parts.csv": csv})
    (placed,) = card.job.charts
    assert placed.job.spec.card_unnamed(placed.job) == []


@pytest.mark.parametrize("preset", ["long", "4000xauto"])
def test_a_word_too_wide_for_any_preset_is_told_to_shorten_or_break_it(
    tmp_path: Path, preset: str
) -> None:
    """A web address too wide for a text section's column was told to try 'a larger
    preset', which text scaled with the width would not help: it failed alike at 1080 and
    4000 px (fuzzing round 6)."""
    url = "https://www.example.org/" + "a-very-long-path-segment" * 3
    outline = f"""\
deck: {{title: Depots, theme: corporate}}
slides:
  - kind: title
    title: Depots
social:
  cards:
    - kind: infographic
      name: depots
      presets: ["{preset}"]
      title: Parcels by depot
      sections:
        - {{kind: text, text: "{url}", source: Gate counts}}
"""
    with pytest.raises(FitError) as info:
        _planned(tmp_path, outline, {})
    message = str(info.value)
    assert "is wider than its" in message and "larger preset" not in message
    assert "shorten the word, or break it where a reader would" in message
