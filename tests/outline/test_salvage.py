"""The valid part of an outline that does not validate (for reporting every problem)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from deckgen.errors import Location, OutlineError, Problem
from deckgen.kinds import Outline
from deckgen.outline.salvage import salvage
from tests.helpers import HEADER, load_outline, write_project

GOOD = "  - kind: section\n    title: Part {n}\n"
BAD = "  - kind: section\n    titel: Part {n}\n"


def _salvaged(path):
    try:
        load_outline(path)
    except OutlineError as exc:
        return exc, salvage(path, Outline, exc)
    raise AssertionError("the outline validated")


def test_a_bad_slide_is_left_out_and_the_rest_keeps_its_lines_and_paths(tmp_path):
    slides = GOOD.format(n=0) + BAD.format(n=1) + GOOD.format(n=2)
    path = write_project(tmp_path, HEADER + slides)
    error, part = _salvaged(path)
    assert part is not None
    assert [s.title for s in part.loaded.outline.slides] == ["Part 0", "Part 2"]
    assert part.complete
    # Slide 3 of the file is the second slide left: its line is the file's, and a problem
    # found on it is reported at the file's path.
    lines = path.read_text().splitlines()
    where = part.loaded.locate("slides", 1, "title")
    assert lines[where.line - 1] == "    title: Part 2"
    moved = part.restore(Problem(where, "too long"))
    assert moved.location == Location(str(path), where.line, "slides[2].title")
    # The schema's own problem stays as it is: one for the typo (not 'title' missing too).
    assert str(error).count("slides[1]") == 1


def test_a_text_the_file_shares_by_an_alias_is_written_once_to_validate_what_is_left(
    tmp_path, monkeypatch
):
    # 300 slides sharing one 100 KB note by an alias, and one typo: what is left was written
    # out with the note 300 times (30 MB to write and read again; 2,000 took 98 s and 690 MB).
    from deckgen.outline import salvage as module

    note = "x" * 100_000
    slides = f"  - {{kind: section, title: A, notes: &note {note}}}\n"
    slides += "  - {kind: section, title: A, notes: *note}\n" * 299 + BAD.format(n=1)
    path = write_project(tmp_path, HEADER + slides)
    texts: list[str] = []
    parse = module.parse_outline
    monkeypatch.setattr(
        module, "parse_outline", lambda text, *a: texts.append(text) or parse(text, *a)
    )
    _, part = _salvaged(path)
    assert part is not None and len(part.loaded.outline.slides) == 300
    assert part.loaded.outline.slides[299].notes == note  # the alias still reads as the note
    assert max(map(len, texts)) < 2 * path.stat().st_size


def test_a_reference_only_what_is_left_can_show_is_reported(tmp_path):
    # Data sources are checked once the whole outline validates: here, once slide 2 is out.
    slides = (
        GOOD.format(n=0)
        + BAD.format(n=1)
        + (
            "  - kind: chart\n    title: T\n"
            "    chart: {type: bar, data: prodution, x: country, y: production_2023}\n"
        )
    )
    path = write_project(tmp_path, HEADER + slides)
    _, part = _salvaged(path)
    assert part is not None
    assert [str(p).splitlines()[0] for p in part.more] == [
        f"{path}:15: slides[2].chart.data: unknown data source 'prodution'; the outline "
        "declares 'production'"
    ]
    assert [s.title for s in part.loaded.outline.slides] == ["Part 0"]


def test_a_bad_data_source_makes_the_rest_incomplete(tmp_path):
    source = "  production: {file: production.csv}"
    text = HEADER.replace(source, source + "\n  other: {fil: x.csv}")
    path = write_project(tmp_path, text + GOOD.format(n=0))
    _, part = _salvaged(path)
    assert part is not None
    assert list(part.loaded.outline.data) == ["production"]
    assert not part.complete  # a template naming 'other' would fail for no fault of its own


def test_a_table_made_from_a_source_left_out_is_not_said_to_name_an_unknown_one(tmp_path):
    """'columns:' left empty under one source gave its own error, then 'unknown data source'
    at a table made from it, with a fix about the file's path (found by a new user): the
    source is written, only invalid, and its own error is the one problem."""
    from deckgen.check import check
    from deckgen.pipeline import BuildOptions

    source = "  production: {file: production.csv}"
    added = (
        "\n  states:\n    file: production.csv\n    columns:\n  share:\n    from: states"
        "\n    steps: [{filter: {column: country, op: '!=', value: USA}}]"
    )
    path = write_project(tmp_path, HEADER.replace(source, source + added) + GOOD.format(n=0))
    _, part = _salvaged(path)
    assert part is not None and ("data", "states") in part.loaded.dropped
    found = check(path, BuildOptions(out_dir=tmp_path / "out")).errors
    assert [f.location.field for f in found if f.location] == ["data.states.columns"], found


def test_nothing_is_salvaged_from_what_cannot_be_left_out(tmp_path):
    for text in ("deck: {titel: T}\nslides: [{kind: title}]\n",  # deck.title is required
                 "deck: {title: T}\nslides: []\n",  # no slide written: nothing left out
                 "deck: [\n"):  # not YAML  # fmt: skip
        path = tmp_path / "deck.yaml"
        path.write_text(text)
        _, part = _salvaged(path)
        assert part is None, text


@settings(max_examples=30, deadline=None)
@given(st.lists(st.booleans(), min_size=1, max_size=8).filter(any))
def test_every_kept_slide_is_found_at_its_place_in_the_file(tmp_path_factory, good):
    """Whichever slides are bad, each one left keeps its line, and its path is restored."""
    slides = "".join((GOOD if ok else BAD).format(n=n) for n, ok in enumerate(good))
    path = write_project(tmp_path_factory.mktemp("p"), HEADER + slides)
    if all(good):
        return
    _, part = _salvaged(path)
    assert part is not None
    lines = path.read_text().splitlines()
    kept = [n for n, ok in enumerate(good) if ok]
    assert [s.title for s in part.loaded.outline.slides] == [f"Part {n}" for n in kept]
    for new, old in enumerate(kept):
        where = part.loaded.locate("slides", new, "title")
        assert lines[where.line - 1] == f"    title: Part {old}"
        assert part.restore(Problem(where, "x")).location.field == f"slides[{old}].title"


def test_a_field_a_problem_names_in_its_text_is_named_as_the_file_has_it(tmp_path):
    """A data check on what is left named the field that reads a bad cell by its path
    there ('used by slides[0].chart.y'), and read that path's line from the file: another
    slide's line (deck.yaml:6, a section's '- kind:', for the chart's 'y:' on line 12;
    found by fuzzing). The path and line in the text are the file's, as the location's."""
    chart = (
        "  - kind: chart\n    title: T\n"
        "    chart: {type: bar, data: production, x: country, y: production_2023}\n"
    )
    path = write_project(tmp_path, HEADER + BAD.format(n=0) + BAD.format(n=1) + chart)
    _, part = _salvaged(path)
    assert part is not None
    lines = path.read_text().splitlines()
    y_line = 1 + next(k for k, line in enumerate(lines) if "production_2023}" in line)
    kind_line = 1 + lines.index("  - kind: section")
    # As the data check writes it: the path in what is left, the line read from the file.
    hint = f"used by slides[0].chart.y ({path}:{kind_line}); write plain numbers"
    said = Problem(Location("production.csv", 4, "production_2023"), "not a number", hint)
    moved = part.restore(said)
    assert moved.hint == f"used by slides[2].chart.y ({path}:{y_line}); write plain numbers"
    assert moved.location == said.location  # a cell of the data file: not moved
    # The other way round ('deck.yaml:10: slides[0].chart': its 'chart:' is on the line of
    # its 'y:'), and a path alone.
    text = f"leave the row out ({path}:{kind_line}: slides[0].chart), as slides[0].x does"
    assert part.restore(Problem(None, text)).message == (
        f"leave the row out ({path}:{y_line}: slides[2].chart), as slides[2].x does"
    )
    assert part.restore(Problem(None, "subslides[0] and other.slides[0]")).message == (
        "subslides[0] and other.slides[0]"
    )


def test_an_outline_whose_every_slide_is_left_out_still_has_its_deck_and_data(tmp_path):
    """An unknown chart type on the only slide left no slide, and what was left failed for
    having none: the unknown theme beside it was said by the next run only (found by
    fuzzing). What is left is checked, never built."""
    text = HEADER.replace("  title: Test deck\n", "  title: Test deck\n  theme: Corporate\n")
    path = write_project(tmp_path, text + BAD.format(n=0) + BAD.format(n=1))
    _, part = _salvaged(path)
    assert part is not None
    assert part.loaded.outline.slides == []
    assert part.loaded.outline.deck.theme == "Corporate"
    assert list(part.loaded.outline.data) == ["production"]
    assert part.loaded.locate("deck", "theme").line == 3
