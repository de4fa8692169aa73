"""deckgen.tables.sources: files that read without an error but would chart wrong numbers
or names (found by fuzzing hostile inputs)."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import pytest

from deckgen.errors import DataError, DeckgenError
from deckgen.tables.sources import load_tables
from tests.helpers import parse_outline

if TYPE_CHECKING:
    from pathlib import Path


def outline(root: Path, data: str):
    text = f"deck: {{title: T}}\ndata:\n{data}\nslides:\n  - kind: title\n"
    path = root / "deck.yaml"
    path.write_text(text)
    return parse_outline(text, path)


def error(tmp_path: Path, data: str) -> str:
    with pytest.raises(DataError) as info:
        load_tables(outline(tmp_path, data))
    return str(info.value)


# --------------------------------------------------------------------------- decimal comma
def test_one_comma_and_three_digits_in_a_semicolon_file_is_a_question_not_thousands(tmp_path):
    """'Kiel;2,125' from a German Excel is 2.125; it was read as 2125 with no word."""
    (tmp_path / "t.csv").write_text("city;tonnes;share\nKiel;2,125;0,5\nLübeck;750;1,5\n")
    message = error(tmp_path, "  t: {file: t.csv, columns: {share: text}}\n")
    assert "t.csv:2: tonnes:" in message and "'2,125'" in message
    assert "may be 2.125 (a decimal comma) or 2125 (a thousands comma)" in message
    assert 'add decimal: "," to data.t' in message and 'decimal: "."' in message
    assert "share" not in message  # a column declared text is text; one problem per column
    # Either answer is taken as given.
    comma = load_tables(outline(tmp_path, '  t: {file: t.csv, decimal: ","}\n'))["t"]
    assert list(comma["tonnes"]) == ["2.125", "750"]
    point = load_tables(outline(tmp_path, '  t: {file: t.csv, decimal: ".", '
                                          "columns: {tonnes: number}}\n"))["t"]  # fmt: skip
    assert list(point["tonnes"]) == [2125.0, 750.0]


def test_a_comma_file_keeps_its_thousands_commas(tmp_path):
    (tmp_path / "t.csv").write_text('city,tonnes\nKiel,"2,125"\n')
    frame = load_tables(outline(tmp_path, "  t: {file: t.csv, columns: {tonnes: number}}\n"))["t"]
    assert list(frame["tonnes"]) == [2125.0]


# --------------------------------------------------------------------------- encodings, names
def test_utf16_without_a_byte_order_mark_is_named_as_utf16(tmp_path):
    """Read as UTF-8 it kept a NUL beside every letter: 'c\\x00i\\x00t\\x00y\\x00'."""
    (tmp_path / "t.csv").write_bytes("city,tonnes\nKiel,5\n".encode("utf-16-le"))
    (tmp_path / "j.json").write_bytes('[{"city": "Kiel"}]'.encode("utf-16-be"))
    message = error(tmp_path, "  t: {file: t.csv}\n  j: {file: j.json}\n")
    assert "t.csv:1: the file is UTF-16 text, not UTF-8" in message
    assert "j.json:1: the file is UTF-16 text, not UTF-8" in message
    assert "\\x00" not in message


def test_a_control_character_in_a_header_cell_is_removed_as_in_any_cell(tmp_path):
    (tmp_path / "t.csv").write_bytes(b"ci\x00ty,ton\x07nes\nKiel,5\n")
    frame = load_tables(outline(tmp_path, "  t: {file: t.csv, columns: {tonnes: number}}\n"))["t"]
    assert list(frame.columns) == ["city", "tonnes"]


def test_a_header_that_names_a_column_twice_once_cleaned_is_an_error(tmp_path):
    (tmp_path / "t.csv").write_bytes(b"city,ci\x00ty\nKiel,Bonn\n")
    assert "names the column 'city' twice" in error(tmp_path, "  t: {file: t.csv}\n")


# --------------------------------------------------------------------------- links
def test_a_data_file_that_is_a_symbolic_link_loop_is_a_located_error(tmp_path):
    os.symlink("loop.csv", tmp_path / "loop.csv")
    with pytest.raises(DeckgenError) as info:
        load_tables(outline(tmp_path, "  t: {file: loop.csv}\n"))
    message = str(info.value)
    assert "deck.yaml:3: data.t.file: path 'loop.csv' is a symbolic link that loops" in message


@pytest.mark.parametrize(
    "text",
    ['k,v\nA,1\nB,"' + "x" * 200_000 + '"\nC,3\n', 'k,v\nA,1\nB,"unclosed\n' + "C,3\n" * 40_000],
    ids=["a-huge-cell", "a-quote-never-closed"],
)
def test_a_cell_past_the_csv_limit_is_said_at_its_line_with_the_likely_cause(tmp_path, text):
    # Python's 'field larger than field limit (131072)' was said at the outline's line
    # (found by fuzzing).
    (tmp_path / "t.csv").write_text(text)
    with pytest.raises(DataError) as info:
        load_tables(outline(tmp_path, "  t: {file: t.csv}\n"))
    (problem,) = info.value.problems
    assert problem.location.file.endswith("t.csv") and problem.location.line == 3
    assert problem.message == "a cell runs on past 131,072 characters from this line"
    assert "never closed" in problem.hint


def test_a_long_cell_no_quote_opens_is_told_to_be_shortened_not_closed(tmp_path):
    """A pasted document of 200,000 characters, unquoted, was told to close a quote it
    never had (found by a hostile-input review)."""
    (tmp_path / "t.csv").write_text("k,v\nA,1\nB," + "x" * 200_000 + "\nC,3\n")
    with pytest.raises(DataError) as info:
        load_tables(outline(tmp_path, "  t: {file: t.csv}\n"))
    (problem,) = info.value.problems
    assert problem.location.line == 3
    assert problem.message == "a cell runs on past 131,072 characters from this line"
    assert problem.hint.startswith("no quote opens it: the cell itself is that long")
