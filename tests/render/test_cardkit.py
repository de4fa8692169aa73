"""Cards drawn by :mod:`deckgen.render.cardkit`: what their charts leave out is said."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from deckgen.pipeline import BuildOptions, build
from tests.helpers import write_project

if TYPE_CHECKING:
    from pathlib import Path

ROUTES = [f"Route {c}" for c in "ABCDEFGHIJKLMNOPQRSTUV"]


#: A note too wide for an x-post card's plot.
NOTE = "A new timetable with trains every ten minutes all day long"


def _routes(root: Path) -> Path:
    """A line chart of three routes with :data:`NOTE` on Route A, shared on an x-post card."""
    routes = ROUTES[:3]
    rows = ["year," + ",".join(routes)] + [
        f"{year}," + ",".join(f"{10 + 4 * i + k * (i + 1):.1f}" for i in range(len(routes)))
        for k, year in enumerate(range(2020, 2025))
    ]
    outline = f"""\
deck: {{title: Riders, theme: corporate}}
data:
  r: {{file: r.csv}}
slides:
  - kind: chart
    title: Route A carried the fewest riders in 2024
    source: Transit agency
    share: [x-post]
    chart:
      type: line
      data: r
      x: year
      y: [{", ".join(routes)}]
      highlight: Route A
      annotations: [{{at: 2022, series: Route A, text: {NOTE}}}]
"""
    return write_project(root, outline, {"r.csv": "\n".join(rows) + "\n"})


def test_a_card_says_what_its_chart_left_out(tmp_path):
    """A line card of 22 routes named nine and dropped the rest without a word (review):
    the build warns of what a card's chart leaves out as it warns of a slide's chart,
    naming the card. (A card now names every line, or is refused: see
    tests/kinds/cards/test_chart.py.) Here a note too wide for the card's plot."""
    result = build(_routes(tmp_path), BuildOptions(out_dir=tmp_path / "out"))
    said = [w for w in result.warnings if w.startswith("card ")]
    assert len(said) == 1 and "x-post.png: " in said[0]
    assert f"the note {NOTE!r} at '2022' on 'Route A' is left out: it is wider than the plot" in (
        said[0])  # fmt: skip


def test_a_chinese_quotation_is_placed_at_the_latin_line_pitch(tmp_path):
    """A quote card set a Chinese quotation's lines in its fallback font's pitch, a fifth
    further apart than an English quotation's at the same size (found in review): a block
    is drawn at the pitch of the font asked for, as its height was fitted."""
    from deckgen.kinds.cards.quote import quote_spacing
    from deckgen.layout.text import CARD
    from deckgen.plan.cards import plan_cards
    from deckgen.tables.sources import load_tables
    from tests.helpers import load_outline, load_theme

    quote = "汽车产业是国家经济的支柱，我们必须在电动化和智能化的竞争中保持领先，" \
            "才能赢得未来十年的市场。"  # fmt: skip
    outline = f"""\
deck: {{title: 汽车, organisation: 团队}}
slides:
  - kind: quote
    text: {quote}
    attribution: 王经理
    share: [ig-square, story]
"""
    loaded = load_outline(write_project(tmp_path, outline, {}))
    theme = load_theme("corporate")
    for card in plan_cards(loaded, load_tables(loaded), theme):
        text = card.job.text
        assert text.font != theme.heading.regular  # drawn in the fallback
        assert len(text.lines) > 2
        spacing = quote_spacing(theme.heading.regular)  # the Latin font's, not the fallback's
        assert text.leading == CARD.leading(theme.heading.regular, text.size, spacing)
        # The lines fill the block the fitter measured, and the attribution clears them.
        one_line = CARD.block_height(text.font, text.size, 1)  # ascender to descender
        assert text.box.top + text.leading * (len(text.lines) - 1) + one_line == text.box.bottom
        assert card.job.attribution.box.top > text.box.bottom


def _blocks(value: object) -> list:
    """Every :class:`TextBlock` a card job holds, however deep."""
    import dataclasses

    from deckgen.render.cardkit import TextBlock

    if isinstance(value, TextBlock):
        return [value]
    if isinstance(value, list | tuple):
        return [b for v in value for b in _blocks(v)]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [b for f in dataclasses.fields(value) for b in _blocks(getattr(value, f.name))]
    return []


@pytest.mark.parametrize("theme_name", ["corporate", "dark", "contrast", "corporate-template"])
def test_a_cards_accented_names_are_set_in_a_font_that_has_each_letter_whole(tmp_path, theme_name):
    """A card sets a block in one font (the theme's, else the fallback that has every
    letter it lacks): never in one that would build 'Č' of a 'C' and a caron it does not
    place, as the CJK fallback drew them in charts (found in review)."""
    from deckgen.plan.cards import plan_cards
    from deckgen.tables.sources import load_tables
    from deckgen.theming.fonts import _cmap
    from tests.helpers import load_outline, load_theme

    outline = """\
deck: {title: Čačak and Αθήνα, organisation: Ελλάδα Česko}
slides:
  - kind: quote
    text: Čačak, Plzeň, Győr and Iași grew; Αθήνα, in Ελλάδα, did not.
    attribution: Jiří Čapek
    share: [ig-square]
  - kind: chart
    title: Česko's Čačak trails Ελλάδα's Αθήνα
    subtitle: Population of Győr, Plzeň and Iași too, thousands
    source: Made-up, Ελλάδα
    chart: {type: hbar, data: cities, x: city, y: pop_k}
    share: [x-post]
"""
    cities = "city,pop_k\nČačak,106\nΑθήνα,643\nGyőr,129\n"
    outline = outline.replace("slides:", "data: {cities: {file: cities.csv}}\nslides:")
    loaded = load_outline(write_project(tmp_path, outline, {"cities.csv": cities}))
    theme = load_theme(theme_name)
    cards = plan_cards(loaded, load_tables(loaded), theme)
    blocks = [b for card in cards for b in _blocks(card.job)]
    lines = "".join(line for b in blocks for line in b.lines)
    assert {"Č", "ά", "ή", "ň", "ő", "ș"} <= set(lines)
    for block in blocks:
        text = "".join(block.lines).replace(" ", "")
        lacking = {c for c in text if ord(c) not in _cmap(block.font)}
        assert not lacking, (block.role, block.lines, block.font.name)


def test_a_chart_drawn_again_in_a_process_is_pasted_and_says_what_it_said(tmp_path, monkeypatch):
    """A warm session's worker drew an infographic again, every chart of it, when one
    changed (~70 ms a chart). A chart it drew before is pasted, to the same bytes, and
    what drawing it said (a note left out) is said again for the card drawn with it."""
    from deckgen.plan.cards import plan_cards
    from deckgen.render import cardkit
    from deckgen.render.charts import ChartJob
    from deckgen.render.jobs import LEFT_OUT
    from deckgen.tables.sources import load_tables
    from tests.helpers import load_outline, load_theme

    path = _routes(tmp_path)
    loaded = load_outline(path)
    (card,) = plan_cards(loaded, load_tables(loaded), load_theme())
    drawn = []
    pixels = ChartJob.pixels
    monkeypatch.setattr(ChartJob, "pixels", lambda job: drawn.append(job) or pixels(job))
    monkeypatch.setattr(cardkit, "_DRAWN", cardkit.OrderedDict())
    first, again = card.job.render(), card.job.render()
    assert len(drawn) == 1
    assert first.data == again.data
    assert first.values[LEFT_OUT] == again.values[LEFT_OUT]
    assert any(NOTE in said for said in again.values[LEFT_OUT])


LISTS = """\
deck: {{title: Cards, organisation: {org}}}
social:
  cards:
    - kind: list
      title: {title}
      items: [{items}]
      numbered: true
      presets: [ig-square]
"""
ARABIC = {"title": "لماذا يهم ذلك", "items": "الوظائف في المصانع, الصادرات إلى العالم"}
ENGLISH = {"title": "Why it matters", "items": "Jobs in the plants, Exports to the world"}


def _ink(image, box, background) -> tuple[int, int]:
    """The leftmost and rightmost columns with ink between ``box``'s top and bottom."""
    band = image.crop((0, box.top.px, image.width, box.bottom.px)).convert("RGB")
    rows = range(0, band.height, 2)
    columns = [x for x in range(band.width)
               if any(band.getpixel((x, y)) != background for y in rows)]  # fmt: skip
    return columns[0], columns[-1]


@pytest.mark.parametrize(("words", "org"), [(ARABIC, "Test Org"), (ENGLISH, "منظمة الاختبار")])
def test_a_card_of_right_to_left_words_is_laid_out_mirrored(tmp_path, words, org):
    """An Arabic list card was set flush left, its numbers on the left of the items
    (fuzzing round 8, 15). A card whose words read right to left is drawn mirrored: the
    title and items flush right, each number right of its item. An English card under an
    Arabic organisation's name (the footer does not count) is drawn as ever."""
    import io

    from PIL import Image

    from deckgen.plan.cards import plan_cards
    from deckgen.render.cardkit import reads_right_to_left
    from deckgen.tables.sources import load_tables
    from tests.helpers import load_outline, load_theme

    loaded = load_outline(write_project(tmp_path, LISTS.format(org=org, **words), {}))
    (card,) = plan_cards(loaded, load_tables(loaded), load_theme("corporate"))
    job = card.job
    arabic = words is ARABIC
    assert reads_right_to_left(job) is arabic
    image = Image.open(io.BytesIO(job.render().data))
    background = image.convert("RGB").getpixel((image.width // 2, image.height - 5))
    safe_left, safe_right = job.title.box.left.px, image.width - job.title.box.left.px
    left, right = _ink(image, job.title.box, background)
    if arabic:  # flush right, at the margin the English card starts at on the left
        assert abs(right - (safe_right - 1)) <= 6 and left > image.width // 3
    else:
        assert abs(left - safe_left) <= 6 and right < image.width * 2 // 3
    # Each number (in the accent, red) beside its item, on the side the item starts.
    marker = job.markers[0].box
    band = image.convert("RGB").crop((0, marker.top.px, image.width, marker.bottom.px))
    red = [x for x in range(band.width) for y in range(0, band.height, 2)
           if (p := band.getpixel((x, y)))[0] > 150 and p[1] < 90 and p[2] < 90]  # fmt: skip
    item_left, item_right = _ink(image, job.items[0].box, background)
    assert red and (min(red) > item_right - 40 if arabic else max(red) < item_left + 40)


def test_a_line_is_set_in_the_direction_of_its_first_letter_or_its_card():
    """'— وزير الصناعة' was set left to right, its dash at the left end; a line of no
    letter (a number) reads as its card does."""
    from deckgen.render.cardkit import _rtl_line

    assert _rtl_line("— وزير الصناعة", card=False)
    assert not _rtl_line("Jobs, الوظائف", card=True)
    assert _rtl_line("٪٦٧", card=True) and not _rtl_line("٪٦٧", card=False)


def test_a_mirrored_big_number_ends_its_ink_at_the_margin(tmp_path):
    """A big number is laid out ink-tight, its left bearing taken off; mirrored, it was
    set by its advance, and '٣٠ مليون' ended 57 px short of the right margin and ran 12 px
    past the left one (found in review). Its ink now ends at the right margin, and stays
    inside the left one."""
    import io

    from PIL import Image

    from deckgen.plan.cards import plan_cards
    from deckgen.tables.sources import load_tables
    from tests.helpers import load_outline, load_theme

    outline = ("deck: {title: Cards}\nsocial:\n  cards:\n    - {kind: stat, value: ٣٠ مليون, "
               "label: سيارة صنعت في الصين عام ٢٠٢٣, presets: [ig-square]}\n")  # fmt: skip
    loaded = load_outline(write_project(tmp_path, outline, {}))
    (card,) = plan_cards(loaded, load_tables(loaded), load_theme("corporate"))
    image = Image.open(io.BytesIO(card.job.render().data)).convert("RGB")
    value = next(b for b in _blocks(card.job) if b.role == "value")
    margin = value.box.left.px  # ink-tight: its ink starts at the safe area's left edge
    pixels = image.load()
    red = [x for x in range(image.width)
           for y in range(value.box.top.px, value.box.bottom.px, 3)
           if pixels[x, y][0] > 150 and pixels[x, y][1] < 90]  # fmt: skip
    assert abs(max(red) - (image.width - margin - 1)) <= 3
    assert min(red) >= margin - 3


HEBREW_QUOTE = """\
deck: {title: Cards, organisation: Test Org}
social:
  cards:
    - kind: quote
      text: "שלום עולם. התעשייה בישראל צמחה ב-12% בשנת 2024 עם Intel ו-Apple."
      attribution: שר הכלכלה
      presets: [ig-square]
"""


def test_a_line_reads_in_its_paragraphs_direction_not_its_own(tmp_path):
    """The last line of a Hebrew quotation, 'Intel ו-Apple.', was set left to right by its
    own first letter: its full stop stood at the right, where its reader starts, and
    'ו-' ('and') before Apple, not Intel (fuzzing round 8, 15). Every line of a paragraph
    now reads in the paragraph's direction: drawn right to left, the line's leftmost ink
    is its full stop (low and narrow), not the 'I' of Intel (a full-height stroke)."""
    import io

    from PIL import Image

    from deckgen.plan.cards import plan_cards
    from deckgen.tables.sources import load_tables
    from tests.helpers import load_outline, load_theme

    loaded = load_outline(write_project(tmp_path, HEBREW_QUOTE, {}))
    (card,) = plan_cards(loaded, load_tables(loaded), load_theme("corporate"))
    body = next(b for b in _blocks(card.job) if b.role == "text")
    assert body.lines[-1].startswith("Intel")  # the case: a line of Latin first
    assert body.directions() == (True,) * len(body.lines)
    image = Image.open(io.BytesIO(card.job.render().data)).convert("RGB")
    top = body.box.top.px + (len(body.lines) - 1) * body.leading.px
    band = image.crop((0, top, image.width, top + body.leading.px))
    pixels = band.load()
    background = pixels[band.width // 2, 0]
    inked = [x for x in range(band.width)
             if any(pixels[x, y] != background for y in range(band.height))]  # fmt: skip
    first = inked[0]
    rows = [y for y in range(band.height) for x in range(first, first + 4)
            if pixels[x, y] != background]  # fmt: skip
    assert min(rows) > band.height // 2  # a full stop's ink, on the baseline


@pytest.mark.parametrize(
    ("text", "lines", "starts", "directions"),
    [
        # One paragraph, broken before a Latin word: every line reads as it does.
        ("עם Intel ו-Apple.", ("עם", "Intel ו-Apple."), (), (True, True)),
        # Two paragraphs, each its own way; a paragraph of figures alone has none.
        (
            "Jobs in the plants\nالوظائف في المصانع",
            ("Jobs in", "the plants", "الوظائف في", "المصانع"),
            (2,),
            (False, False, True, True),
        ),
        ("2024\nشركة Ford", ("2024", "شركة", "Ford"), (1,), (None, True, True)),
        # Lines that are not the text's (not fitted from it) are one paragraph.
        ("other", ("Jobs", "الوظائف"), (), (False, False)),
    ],
)
def test_a_blocks_lines_know_their_paragraphs(text, lines, starts, directions):
    from deckgen.layout.geometry import Rect
    from deckgen.layout.text import Fitted
    from deckgen.layout.units import Px
    from deckgen.render.cardkit import place
    from deckgen.theming.fonts import bundled

    fitted = Fitted(Px(40), lines, Px(400), Px(200), text)
    block = place("text", fitted, bundled("Lato")[0], "#000000", x=Px(0), y=Px(0))
    assert block.starts == starts
    assert block.directions() == directions
    assert block.box == Rect(Px(0), Px(0), Px(400), Px(200))
