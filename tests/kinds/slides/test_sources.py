"""The sources slide's columns: split where they come out most even in lines."""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

from deckgen.kinds.slides.sources import _even, _split
from deckgen.layout.units import Pt

if TYPE_CHECKING:
    from pathlib import Path

    from deckgen.kinds.slides.sources import SourcesLayout


def _tallest(columns: list[list[str]], lines: dict[str, int]) -> float:
    return max(sum(lines[item] + 0.5 for item in column) for column in columns)


def test_a_source_that_wraps_counts_for_its_lines():
    """Eight one-line sources, then two of three lines and six of one: split by count the
    second column is 10 lines to the first's 8; split by lines, one source moves over."""
    items = [f"s{k}" for k in range(16)]
    lines = {item: 1 for item in items} | {"s9": 3, "s10": 3}
    by_count = _split(items, 2)
    assert [len(c) for c in by_count] == [8, 8]
    even = _even(items, [lines[i] for i in items], 2)
    assert [len(c) for c in even] == [9, 7]
    assert _tallest(even, lines) < _tallest(by_count, lines)


def test_one_column_and_one_source_a_column():
    assert _even(["a", "b", "c"], [1, 2, 1], 1) == [["a", "b", "c"]]
    assert _even(["a", "b", "c"], [1, 2, 1], 3) == [["a"], ["b"], ["c"]]


@given(st.lists(st.integers(1, 4), min_size=1, max_size=24), st.integers(1, 3))
def test_the_columns_keep_the_order_and_are_never_taller_than_by_count(heights, columns):
    columns = min(columns, len(heights))
    items = [f"s{k}" for k in range(len(heights))]
    lines = dict(zip(items, heights, strict=True))
    even = _even(items, heights, columns)
    assert [item for column in even for item in column] == items  # in order, each once
    assert len(even) == columns and all(even)
    assert _tallest(even, lines) <= _tallest(_split(items, columns), lines)
    # No single cut moved one source over makes the tallest column shorter.
    bounds = [0]
    for column in even:
        bounds.append(bounds[-1] + len(column))
    for k in range(1, len(bounds) - 1):
        for shift in (-1, 1):
            moved = [*bounds]
            moved[k] += shift
            if all(a < b for a, b in pairwise(moved)):
                split = [items[a:b] for a, b in pairwise(moved)]
                assert _tallest(split, lines) >= _tallest(even, lines)


# --------------------------------------------------------------------------- continued
def _many(count: int, line: str = "OICA {k}", stats: str = "") -> str:
    """An outline of ``count`` slides, each with its own source line, then the list."""
    slides = "".join(f"  - kind: statement\n    text: Statement {k} is here.\n"
                     f"    source: {line.format(k=k)}\n" for k in range(count))  # fmt: skip
    return f"deck: {{title: Many sources}}\nslides:\n{slides}{stats}  - kind: sources\n"


def _listed(deck: Path) -> list[tuple[str, list[str]]]:
    """(title, the source lines in column order) of each slide that lists sources."""
    from pptx import Presentation

    out = []
    for slide in Presentation(str(deck)).slides:
        boxes = sorted((s for s in slide.shapes if s.name.startswith("Sources")),
                       key=lambda s: s.left)  # fmt: skip
        if boxes:
            title = slide.shapes.title.text_frame.text if slide.shapes.title else ""
            lines = [p.text for box in boxes for p in box.text_frame.paragraphs]
            out.append((title, lines))
    return out


def test_a_list_longer_than_one_slide_continues_and_check_agrees(tmp_path: Path):
    """55 one-line sources "did not fit" the slide: the build failed after `deckgen check`
    said "No problems found." (the hint to shorten 7-character lines could not help,
    found by fuzzing). The list continues as a long list of rows does: each source once,
    in order, "(continued)" after the title; and check says what the build does."""
    from deckgen.check import check
    from deckgen.pipeline import BuildOptions, build
    from tests.helpers import write_project

    outline = write_project(tmp_path / "p", _many(55), {})
    report = check(outline, BuildOptions(out_dir=tmp_path / "out"))
    assert report.findings == (), [str(f) for f in report.findings]
    result = build(outline, BuildOptions(out_dir=tmp_path / "out"))
    assert result.slides == 57  # 55 statements and the list on two slides
    listed = _listed(result.deck)
    assert [title for title, _ in listed] == ["Sources", "Sources (continued)"]
    assert [line for _, lines in listed for line in lines] == [f"OICA {k}" for k in range(55)]
    counts = [len(lines) for _, lines in listed]
    assert max(counts) - min(counts) <= 1  # shared evenly, not a full slide and a stub


def test_a_list_four_slides_cannot_hold_is_the_same_error_in_check_and_build(tmp_path: Path):
    """Past four slides at the smallest size the build stops, and check reports the same
    problem at the same line (FIT001), saying how many sources would fit: the limit is a
    count, so shortening a line is not the fix."""
    from deckgen.check import check
    from deckgen.errors import FitError
    from deckgen.pipeline import BuildOptions, build
    from tests.helpers import write_project

    outline = write_project(tmp_path / "p", _many(300), {})
    report = check(outline, BuildOptions(out_dir=tmp_path / "out"))
    (finding,) = report.findings
    assert (finding.code, finding.severity, finding.slide) == ("FIT001", "error", 301)
    assert finding.location is not None and finding.location.field == "slides[300]"
    assert "300 sources do not fit 4 slides even at 12 pt: at most " in finding.message
    with pytest.raises(FitError) as raised:
        build(outline, BuildOptions(out_dir=tmp_path / "out"))
    (problem,) = raised.value.problems
    assert (problem.location, problem.message, problem.hint) == (
        finding.location, finding.message, finding.fix)  # fmt: skip
    at_most = int(finding.message.rsplit("at most ", 1)[1].split()[0])
    assert f"at most {at_most}" in finding.fix
    # As many as it says do fit.
    fits = write_project(tmp_path / "q", _many(at_most), {})
    assert check(fits, BuildOptions(out_dir=tmp_path / "out")).findings == ()


def test_the_list_laid_out_is_the_one_the_build_collects(tmp_path: Path):
    """The list is laid out before the slides after it are planned, from their specs: it
    is every line their plans give the footers (items' sources too), each once, in order."""
    from deckgen.kinds.slides.sources import SourcesLayout
    from tests.helpers import plan, write_project

    stats = ("  - kind: stats\n    title: Two numbers\n    source: Survey S\n    items:\n"
             "      - {value: 30.2M, label: built in China, source: Poll A}\n"
             "      - {value: 10.6M, label: built in the U.S., source: OICA 2}\n")  # fmt: skip
    outline = write_project(tmp_path / "p", _many(3, stats=stats), {})
    built = plan(outline)
    layouts = [s.layout for s in built.slides if isinstance(s.layout, SourcesLayout)]
    assert (
        [line for layout in layouts for column in layout.columns for line in column]
        == [*built.sources]
        == ["OICA 0", "OICA 1", "OICA 2", "Survey S", "Poll A"]
    )


def test_equal_columns_fill_from_the_left():
    """28 one-line sources in three columns came out 8, 10 and 10 lines long: as tall as
    10, 10 and 8, but a reader fills columns from the left."""
    items = [f"s{k}" for k in range(28)]
    assert [len(c) for c in _even(items, [1] * 28, 3)] == [10, 10, 8]


def test_a_warm_session_follows_a_source_changed_on_another_slide(tmp_path: Path):
    """The list's plan depends on the other slides: a warm session (the daemon's, watch's)
    lays it out again when one of their source lines changes, in the outline or in the data
    a template reads, and writes the deck a cold build writes."""
    from deckgen.pipeline import BuildOptions, Session, build
    from tests.helpers import write_project

    bound = '  - kind: statement\n    text: A bound source.\n    source: "{{ refs.a.name }}"\n'
    text = _many(55, stats=bound).replace("slides:\n", "data: {refs: {file: refs.csv}}\nslides:\n")
    outline = write_project(tmp_path / "p", text, {"refs.csv": "id,name\na,Survey 2024\n"})
    edits = [
        lambda: outline.write_text(outline.read_text().replace("OICA 7\n", "OICA 7, revised\n")),
        lambda: (outline.parent / "refs.csv").write_text("id,name\na,Survey 2025\n"),
    ]
    session = Session()
    try:
        build(outline, BuildOptions(out_dir=tmp_path / "warm"), session=session)
        for n, edit in enumerate(edits):
            edit()
            warm = build(outline, BuildOptions(out_dir=tmp_path / "warm"), session=session)
            cold = build(outline, BuildOptions(out_dir=tmp_path / f"cold{n}"))
            assert warm.deck.read_bytes() == cold.deck.read_bytes(), n
    finally:
        session.close()
    lines = [line for _, lines in _listed(warm.deck) for line in lines]
    assert "OICA 7, revised" in lines and lines[-1] == "Survey 2025"


# --------------------------------------------------------------------------- grouped
def _cites(*lines: str) -> str:
    """An outline of a statement per source line (quoted: they hold ": "), then the list."""
    slides = "".join(f"  - kind: statement\n    text: Statement {k} is here.\n"
                     f"    source: {line!r}\n" for k, line in enumerate(lines))  # fmt: skip
    return f"deck: {{title: Grouped sources}}\nslides:\n{slides}  - kind: sources\n"


def _laid_out(outline: Path) -> tuple[list[str], list[str], list[SourcesLayout]]:
    """(the entries the list lays out, the lines the footers give, its layouts)."""
    from deckgen.kinds.slides.sources import SourcesLayout
    from tests.helpers import plan

    built = plan(outline)
    layouts = [s.layout for s in built.slides if isinstance(s.layout, SourcesLayout)]
    entries = [line for layout in layouts for column in layout.columns for line in column]
    return entries, [*built.sources], layouts


def test_the_sources_slide_lists_one_entry_per_publisher_and_the_footers_keep_their_lines(
    tmp_path: Path,
):
    """Built, the slide lists the grouped entries; each slide's footer still gives its own
    line as written."""
    from tests.helpers import write_project

    outline = write_project(tmp_path / "p", _cites(
        "Global Impact page, port table", "ITIF, quoted on the Global Impact page",
        "Association of American Railroads", "Global Impact page, AI applications list",
    ), {})  # fmt: skip
    entries, footers, _ = _laid_out(outline)
    assert entries == [
        "Global Impact page: port table; AI applications list",
        "ITIF, quoted on the Global Impact page",
        "Association of American Railroads",
    ]
    assert footers[0] == "Global Impact page, port table"
    assert len(footers) == 4


def test_one_publisher_with_many_parts_is_one_entry_that_wraps_on_one_slide(tmp_path: Path):
    """55 lines one to a line continue onto a second slide; begun by one publisher they
    are one entry, wrapped, on one slide at a legible size, and check agrees."""
    from deckgen.check import check
    from deckgen.pipeline import BuildOptions
    from tests.helpers import write_project

    outline = write_project(tmp_path / "p", _many(55, line="OICA, table {k}"), {})
    entries, footers, layouts = _laid_out(outline)
    assert entries == ["OICA: " + "; ".join(f"table {k}" for k in range(55))]
    assert len(layouts) == 1 and layouts[0].size >= Pt(12)
    assert len(footers) == 55
    assert check(outline, BuildOptions(out_dir=tmp_path / "out")).findings == ()


def test_a_publisher_entry_too_long_for_a_slide_is_listed_line_by_line(tmp_path: Path):
    """An entry is never cut between slides: one publisher's parts too many for one slide
    are listed a line each, continued as before, rather than failing the build."""
    from tests.helpers import write_project

    line = "Global Impact page, the long table of ports and their exports number {k}"
    outline = write_project(tmp_path / "p", _many(70, line=line), {})
    entries, _, layouts = _laid_out(outline)
    assert entries == [line.format(k=k) for k in range(70)]
    assert len(layouts) > 1


def _sources_listed(tmp_path: Path, sources: list[str]) -> list[str]:
    """The lines the sources slide lists for a deck of a statement slide per source line."""
    from deckgen.pipeline import BuildOptions, build
    from tests.helpers import write_project

    slides = "".join(f"  - {{kind: statement, text: Point {k}, source: \"{source}\"}}\n"
                     for k, source in enumerate(sources))  # fmt: skip
    outline = write_project(tmp_path / "p", "deck: {title: T}\nslides:\n" + slides
                            + "  - kind: sources\n", {})  # fmt: skip
    listed = _listed(build(outline, BuildOptions(out_dir=tmp_path / "out")).deck)
    return [line for _, lines in listed for line in lines]


def test_a_line_naming_several_sources_lists_each_once(tmp_path: Path):
    """'Partner agency reports; Feeding America, Map the Meal Gap 2024' was listed whole
    beside each of its sources, on its own line: 'Partner agency reports' three times over
    (found by a new user)."""
    assert _sources_listed(tmp_path, [
        "Partner agency reports",
        "Feeding America, Map the Meal Gap 2024",
        "Partner agency reports; Feeding America, Map the Meal Gap 2024",
        "ShiftBoard volunteer app; Partner agency reports"]) == [
        "Partner agency reports", "Feeding America, Map the Meal Gap 2024",
        "ShiftBoard volunteer app"]  # fmt: skip


def test_a_source_written_short_or_with_a_closing_note_is_listed_once(tmp_path: Path):
    """A line's note closes all its parts ('Registry; hospital surveillance (made-up
    data)'), and a source is named in full on one slide and short on the next: a deck
    listed one surveillance system three times, and 'county population estimates' began
    in lower case (found by a new user). Notes that differ are two sources."""
    assert _sources_listed(tmp_path, [
        "Regional hospital admissions surveillance (made-up data)",
        "Regional hospital admissions surveillance; county population estimates (made-up data)",
        "Regional immunization registry; hospital admissions surveillance (made-up data)",
        "Regional immunization registry (made-up data)",
        "Census (2020); Census (2023); data.gov"]) == [
        "Regional hospital admissions surveillance (made-up data)",
        "County population estimates (made-up data)",
        "Regional immunization registry (made-up data)",
        "Census (2020)", "Census (2023)", "data.gov"]  # fmt: skip


@given(st.lists(st.sampled_from(["Census", "Census (2020)", "US Census", "Registry",
                                 "Registry (a)", "regional registry", "data.gov"]),
                max_size=8))  # fmt: skip
def test_merging_sources_keeps_one_of_each_and_never_a_note_it_was_not_given(sources):
    """Every source given is listed, or another that ends with its words and keeps its
    note; nothing new is made, and merging again changes nothing."""
    from deckgen.kinds.slides.sources import merged

    out = merged(sources)
    assert set(out) <= set(sources)
    assert len(out) == len(set(out))
    assert merged(out) == out
    for source in sources:
        head = source.split(" (")[0].casefold()
        assert any(o.casefold().split(" (")[0].endswith(head) for o in out), (source, out)
