"""The change report names what a rebuild changed that no value the last build showed
says: a chart that shows other rows now (a row grown into its top three, a category
renamed: fuzz-R/7, fuzz-R/8), and the outline's words that are no template, edited, given
or left out (fuzz-R/9): they change the deck and the cards as a title does."""

from __future__ import annotations

from typing import TYPE_CHECKING

from deckgen.pipeline import BuildOptions, build
from tests.helpers import write_project

if TYPE_CHECKING:
    from pathlib import Path

OUTLINE = """\
deck:
  title: Who builds cars
  date: "2026"
data:
  cars: {file: cars.csv}
slides:
  - kind: title
  - kind: chart
    title: Atlantis builds the most cars of the three largest makers
    subtitle: Cars built, 2025
    source: Makers' association
    chart: {type: bar, data: cars, x: land, y: built, sort: {by: built}, top: 3,
            highlight: Atlantis}
    share: [ig-square]
"""

CARS = "land,built\nAtlantis,900\nLemuria,400\nMu,250\nHyperborea,200\n"
CARD = "card atlantis-builds-the-most-cars-ig-square.png"


def _built(tmp_path: Path, outline: str = OUTLINE) -> tuple[Path, BuildOptions]:
    path = write_project(tmp_path / "p", outline, {"cars.csv": CARS})
    options = BuildOptions(out_dir=tmp_path / "out", workers=1)
    assert build(path, options).changes.first_build
    return path, options


def test_a_row_grown_into_a_charts_top_rows_is_named(tmp_path: Path) -> None:
    """Hyperborea overtakes Mu: the report said only "Re-rendered 1", no number it showed
    having changed; it names the cell shown now and the one it replaces."""
    path, options = _built(tmp_path)
    (path.parent / "cars.csv").write_text(CARS.replace("Hyperborea,200", "Hyperborea,300"))
    changes = build(path, options).changes
    said = "now shows cars · Hyperborea · built (300) in place of cars · Mu · built (250)"
    # The chart and the card made from its slide changed alike: said once, together.
    assert changes.shown == (f"slide 2 chart, {CARD}: {said}",)
    assert not changes.numbers
    lines = changes.lines()
    assert lines[lines.index("Rows shown that changed:") + 1] == f"  slide 2 chart, {CARD}: {said}"


def test_a_category_renamed_in_the_data_is_named(tmp_path: Path) -> None:
    path, options = _built(tmp_path)
    (path.parent / "cars.csv").write_text(CARS.replace("Lemuria", "Greater Lemuria"))
    changes = build(path, options).changes
    assert changes.shown == (
        f"slide 2 chart, {CARD}: now shows cars · Greater Lemuria · built (400) in place of "
        "cars · Lemuria · built (400)",
    )


def test_a_row_dropped_from_the_data_is_named(tmp_path: Path) -> None:
    path, options = _built(tmp_path, OUTLINE.replace(" top: 3,", ""))
    (path.parent / "cars.csv").write_text(CARS.replace("Hyperborea,200\n", ""))
    changes = build(path, options).changes
    assert changes.shown == (
        f"slide 2 chart, {CARD}: no longer shows cars · Hyperborea · built (200)",
    )


def test_words_edited_in_the_outline_are_named(tmp_path: Path) -> None:
    """The deck's date, a slide's subtitle and its source line changed the deck and the
    card's caption and alt text; the report said only "Changed files: deck.yaml"."""
    path, options = _built(tmp_path)
    text = path.read_text()
    text = text.replace('"2026"', '"2027"').replace("Cars built, 2025", "Cars made in 2025")
    path.write_text(text.replace("Makers' association", "Makers' yearbook"))
    changes = build(path, options).changes
    assert [str(t) for t in changes.texts] == [
        "deck date edited: '2026' → '2027'",
        "slide 2 source edited: 'Makers’ association' → 'Makers’ yearbook'",  # as set
        "slide 2 subtitle edited: 'Cars built, 2025' → 'Cars made in 2025'",
    ]
    assert not changes.shown


def test_words_given_or_left_out_are_named(tmp_path: Path) -> None:
    path, options = _built(tmp_path)
    text = path.read_text().replace("    subtitle: Cars built, 2025\n", "")
    path.write_text(text.replace("  title: Who builds cars\n", "  title: Who builds cars\n"
                                 "  subtitle: A census\n"))  # fmt: skip
    changes = build(path, options).changes
    assert [str(t) for t in changes.texts] == [
        "deck subtitle added: 'A census'",
        "slide 2 subtitle removed: 'Cars built, 2025'",
    ]


def test_a_number_format_is_named_as_the_outline_writes_it(tmp_path: Path) -> None:
    """Removing 'x_format: "plain:0 min"' was said as three fields the outline never
    wrote: 'x format style', 'x format suffix' and 'x format sign' (fuzzing)."""
    given = OUTLINE.replace("type: bar, data: cars, x: land, y: built, sort: {by: built}, "
                            "top: 3,\n            highlight: Atlantis",
                            "type: scatter, data: cars, x: built, y: built, name: land,\n"
                            '            x_format: "plain:0 min"')  # fmt: skip
    path, options = _built(tmp_path, given)
    path.write_text(path.read_text().replace('"plain:0 min"', '"+plain:1 min"'))
    assert [str(t) for t in build(path, options).changes.texts] == [
        "slide 2 chart x_format edited: 'plain:0 min' → '+plain:1 min'",
    ]
    path.write_text(path.read_text().replace(',\n            x_format: "+plain:1 min"', ""))
    assert [str(t) for t in build(path, options).changes.texts] == [
        "slide 2 chart x_format removed: '+plain:1 min'",
    ]


def test_a_charts_own_number_format_edited_is_said_as_its_x_format_is(tmp_path: Path) -> None:
    """A chart's 'format:' edited was only a picture re-rendered, where 'x_format:' is said
    as an edit (fuzzing): both are the outline's choice of how numbers read."""
    given = OUTLINE.replace("highlight: Atlantis", "highlight: Atlantis, format: 'plain:0'")
    path, options = _built(tmp_path, given)
    path.write_text(path.read_text().replace("format: 'plain:0'", "format: 'plain:1'"))
    assert [str(t) for t in build(path, options).changes.texts] == [
        "slide 2 chart format edited: 'plain:0' → 'plain:1'",
    ]


def test_a_slide_added_is_said_as_that_not_as_its_words(tmp_path: Path) -> None:
    path, options = _built(tmp_path)
    path.write_text(path.read_text() + "  - kind: section\n    title: What comes next\n")
    changes = build(path, options).changes
    assert changes.added == ("slide 3 (section 'What comes next')",)
    assert not changes.texts and not changes.shown


def test_a_highlight_made_a_template_says_no_default_of_its_chart_edited(tmp_path: Path) -> None:
    """A chart's highlight turned into a template that names the same bar: the report said
    its defaults were edited ("format edited: '' → 'compact:1'", "facet_scales edited"),
    as binding gave the chart every field again (found by a new user)."""
    path, options = _built(tmp_path)
    path.write_text(
        path.read_text().replace(
            "highlight: Atlantis", "highlight: \"{{ cars.largest('built').land }}\""
        )
    )
    changes = build(path, options).changes
    assert changes.texts == ()
    assert not changes.first_build


def test_a_filter_taken_out_is_said_removed(tmp_path: Path) -> None:
    """Its value read "filter 1 value edited: 'Mu' → ''" (found by a new user)."""
    given = OUTLINE.replace("top: 3,", "top: 3, filter: [{column: land, op: '!=', value: Mu}],")
    path, options = _built(tmp_path, given)
    path.write_text(path.read_text().replace(" filter: [{column: land, op: '!=', value: Mu}],", ""))
    assert [str(t) for t in build(path, options).changes.texts] == [
        "slide 2 chart filter 1 value removed: 'Mu'",
    ]
