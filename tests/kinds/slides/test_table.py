"""The table slide: columns as shown (one unit and precision per column, true minus signs,
years and codes as written, dates as their period reads), as wide as its columns need but
at least two-thirds of the slide, a short table's rows sharing the content height, continued
over slides when the rows need it, 'and N more' under a top: table."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pptx import Presentation
from pptx.enum.text import PP_ALIGN
from pptx.oxml.ns import qn

from deckgen.errors import DeckgenError
from deckgen.kinds.slides.table import (
    AIR,
    BAR_GAP,
    BAR_INSET,
    GUTTER,
    MAX_SLIDES,
    NARROWEST,
    ROW_PAD,
    TableColumn,
    _pages,
    _table_width,
    column_texts,
)
from deckgen.layout.geometry import Rect
from deckgen.layout.slide import Frame
from deckgen.layout.units import Inches, Length
from deckgen.pipeline import BuildOptions, build
from tests.helpers import HEADER, plan, write_project


def _column(**fields) -> TableColumn:
    return TableColumn.model_validate({"column": "c", **fields})


def test_a_column_shares_one_unit_and_one_precision():
    shown, numeric = column_texts(["910000", "1700000", "-"], _column(format="$compact:1"), None)
    assert (shown, numeric) == (["$0.9M", "$1.7M", "–"], True)
    shown, _ = column_texts(["12", "12.5", "-3.25"], _column(format="plain:1"), None)
    assert shown == ["12.0", "12.5", "−3.3"]  # halves round up, with a true minus sign
    shown, _ = column_texts(["12", "12.5", "-3.25"], _column(), None)
    assert shown == ["12.00", "12.50", "−3.25"]  # without a format: the decimals written


def test_a_column_without_a_format_shows_the_decimals_its_cells_are_written_with():
    """One decimal for any column with a fraction cut '$12.99' to '$13.0', '4.98%' to
    '5.0%', and showed the rates 0.4317 and 0.4087 alike as '0.4' (found in review)."""
    shown, _ = column_texts(["$0.41", "$0.29", "$12.99"], _column(), None)
    assert shown == ["$0.41", "$0.29", "$12.99"]
    shown, _ = column_texts(["2500.00", "12000.50", "7499.99"], _column(), None)
    assert shown == ["2,500.00", "12,000.50", "7,499.99"]  # money keeps its cents
    shown, _ = column_texts(["4.98%", "7.97%", "10%"], _column(), None)
    assert shown == ["4.98%", "7.97%", "10.00%"]
    # Numbers read as numbers (a sheet's): the fewest decimals that show each as it is.
    shown, _ = column_texts([0.4317, 0.3906, 0.4087], _column(), None)
    assert shown == ["0.4317", "0.3906", "0.4087"]
    shown, _ = column_texts([2.5, 3.0, 12.25], _column(), None)
    assert shown == ["2.50", "3.00", "12.25"]
    # A computed column whose values run on (a share of a total): two significant figures
    # of the smallest, at least one decimal.
    shown, _ = column_texts([100 / 3, 200 / 3], _column(), None)
    assert shown == ["33.3", "66.7"]
    shown, _ = column_texts([1 / 3, 0.05 / 3], _column(), None)
    assert shown == ["0.333", "0.017"]


def test_a_column_of_small_values_reads_each_close_to_itself():
    """0.004, 0.0015 and 0.0008 read '0.0' three times, then '0.004', '0.002', '0.001':
    the last two a third and a quarter off (found by fuzzing)."""
    shown, _ = column_texts(["0.004", "0.0015", "0.0008"], _column(), None)
    assert shown == ["0.0040", "0.0015", "0.0008"]


def test_a_column_without_a_format_keeps_the_sign_its_values_are_written_with():
    """'$1,234.5' and '45%' were shown '1,234.5' and '45', the unit gone (found in
    review). Every value written with one currency sign, or with '%', keeps it; values
    written otherwise, or with two signs, are plain; a format written wins."""
    dollars = ["$1,234.5", "($2,345)", "-", "$1.2e3"]
    assert column_texts(dollars, _column(), None)[0] == ["$1,234.5", "−$2,345.0", "–",
                                                         "$1,200.0"]  # fmt: skip
    assert column_texts(["12.5%", "30%", "n/a"], _column(), None)[0] == ["12.5%", "30.0%", "–"]
    assert column_texts(["$3", "€4"], _column(), None)[0] == ["3", "4"]
    assert column_texts(["$3", "4"], _column(), None)[0] == ["3", "4"]
    assert column_texts([3.0, 4.5], _column(), None)[0] == ["3.0", "4.5"]
    assert column_texts(["$3", "$4"], _column(format="plain:1"), None)[0] == ["3.0", "4.0"]


def test_a_table_without_columns_shows_every_column_of_its_data(tmp_path):
    """`table: {data: cities}` was refused, 'columns' missing: a first table needed each
    column named (found in review). Left out, it is every column, in the data's order,
    each headed by its name; written empty, it is refused."""
    path = project(tmp_path, "      data: cities\n      top: 3")
    build(path, BuildOptions(out_dir=tmp_path / "out"))
    ((_, cells, _),) = tables(tmp_path / "out" / "deck.pptx")
    assert cells[0] == ["city", "country", "people"]
    assert [row[0] for row in cells[1:]] == ["City 01", "City 02", "City 03"]
    empty = project(tmp_path / "empty", "      data: cities\n      columns: []")
    with pytest.raises(DeckgenError, match="leave 'columns' out to show every column"):
        build(empty, BuildOptions(out_dir=tmp_path / "out2"))


def test_years_and_codes_are_shown_as_written():
    assert column_texts(["2001", "2010", "2023"], _column(), None) == (["2001", "2010", "2023"],
                                                                        False)  # fmt: skip
    assert column_texts([2001, 2010], _column(), None)[0] == ["2001", "2010"]  # Excel numbers
    assert column_texts(["00501", "10001"], _column(), None)[0] == ["00501", "10001"]
    # declared text: as written, even a quantity; declared number: formatted, even a year
    assert column_texts(["1234567"], _column(), "text") == (["1234567"], False)
    assert column_texts(["2001"], _column(), "number") == (["2,001"], True)
    # ordinary quantities are still numbers
    assert column_texts(["5234496", "155157"], _column(), None) == (["5,234,496", "155,157"],
                                                                     True)  # fmt: skip


def test_an_empty_sheet_cell_is_a_gap_never_nan():
    """A sheet's empty cell is NaN: in an undeclared date column the gap read 'nan' and the
    dates their ISO text (found by fuzzing)."""
    import datetime as dt

    days = [dt.date(2023, 1, 31), float("nan"), dt.date(2023, 2, 28)]
    # The months these days end, as a chart of them says (dates.as_periods).
    assert column_texts(days, _column(), None) == (
        ["January 2023", "–", "February 2023"],
        False,
    )  # a dash, as a number's gap
    days = [dt.date(2023, 1, 30), float("nan"), dt.date(2023, 2, 27)]
    assert column_texts(days, _column(), None) == (
        ["January 30, 2023", "–", "February 27, 2023"],
        False,
    )
    assert column_texts(["North", float("nan")], _column(), None) == (["North", ""], False)
    assert column_texts([1.5, float("nan")], _column(), None) == (["1.5", "–"], True)


def test_dates_read_as_their_period():
    from deckgen.tables.dates import Month

    shown, numeric = column_texts([Month(2010, 3, 1), None], _column(), "date")
    assert (shown, numeric) == (["March 2010", "–"], False)


def test_a_table_slide_over_a_year_column_shows_it_as_written(tmp_path):
    header = HEADER.replace(
        "  production: {file: production.csv}\n",
        "  growth:\n    file: growth.csv\n"
        '    columns: {month: {type: date, format: "%b %Y", period: month}}\n',
    )
    slides = (
        "  - kind: table\n    title: Growth\n    table:\n      data: growth\n"
        "      sort: {by: month}\n      columns: [year, month, change, {column: jobs, "
        "format: compact:1}]\n"
    )
    csv = "year,month,change,jobs\n2009,Feb 2009,-726,133100000\n2010,Jan 2010,-14,129700000\n"
    result = plan(write_project(tmp_path, header + slides, {"growth.csv": csv}))
    layout = result.slides[0].layout
    assert layout.rows == (
        ("2010", "January 2010", "−14", "129.7M"),  # sorted by date, latest first
        ("2009", "February 2009", "−726", "133.1M"),
    )
    assert layout.numeric == (False, False, True, True)


CITIES = "city,country,people\n" + "".join(
    f"City {k:02d},Country {k % 7},{(k * 7919) % 900_000 + 10_000}\n" for k in range(1, 41)
)


def outline(table: str, after: str = "") -> str:
    return f"""\
deck: {{title: T}}
data:
  cities: {{file: cities.csv}}
slides:
  - kind: table
    title: The cities
    subtitle: People, latest count
    source: A statistics office
    notes: Read the top three.
    table:
{table}
{after}"""


def project(tmp_path, table: str, after: str = ""):
    return write_project(tmp_path, outline(table, after), {"cities.csv": CITIES})


def tables(deck_path) -> list[tuple[str, list[list[str]], object]]:
    """(title, rows of cell texts, graphic frame) for each slide with a table."""
    out = []
    for slide in Presentation(str(deck_path)).slides:
        frame = next((s for s in slide.shapes if s.has_table), None)
        if frame is None:
            continue
        title = slide.shapes.title.text_frame.paragraphs[0].text if slide.shapes.title else ""
        cells = [[c.text for c in row.cells] for row in frame.table.rows]
        out.append((title, cells, frame))
    return out


def test_rows_that_do_not_fit_continue_with_the_header_and_numbered_continued_titles(tmp_path):
    path = project(tmp_path, "      data: cities\n      columns: [city, country, people]")
    result = build(path, BuildOptions(out_dir=tmp_path / "out"))
    found = tables(result.deck)
    assert len(found) == 3
    # Each title its own (a screen reader lists slides by title): numbered over 3 slides.
    assert [title for title, _, _ in found] == [
        "The cities", "The cities (continued, 2/3)", "The cities (continued, 3/3)"]  # fmt: skip
    assert all(cells[0] == ["city", "country", "people"] for _, cells, _ in found)
    shown = [row[0] for _, cells, _ in found for row in cells[1:]]
    assert shown == [f"City {k:02d}" for k in range(1, 41)]  # each once, in order
    counts = [len(cells) - 1 for _, cells, _ in found]
    assert max(counts) - min(counts) <= 2  # shared evenly, not a full slide and a stub
    prs = Presentation(str(result.deck))
    for slide in prs.slides:  # every part keeps the source line and the notes
        texts = " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
        assert "Source: A statistics office" in texts
        assert slide.notes_slide.notes_text_frame.text == "Read the top three."


def test_a_small_table_takes_two_thirds_of_the_slide_numbers_tight_and_right_aligned(tmp_path):
    columns = "[city, {column: people, format: 'compact:1', label: K}, people]"
    path = project(tmp_path, f"      data: cities\n      top: 8\n      columns: {columns}")
    result = build(path, BuildOptions(out_dir=tmp_path / "out"))
    (_, _, frame), *_ = tables(result.deck)
    layout = plan(path).slides[0]
    content = layout.frame.content
    # Not the whole slide (a gap to jump across on every row), not half of it either.
    assert abs(frame.width - content.width * NARROWEST) <= 1
    assert frame.left == content.left
    text_width, compact_width, number_width = (c.width for c in frame.table.columns)
    assert text_width > 4 * number_width  # the text column takes the room
    assert compact_width < number_width  # "17.9K" is a number too: it stays tight
    people = frame.table.cell(1, 1).text_frame.paragraphs[0]
    assert people.alignment == PP_ALIGN.RIGHT
    assert frame.table.cell(1, 0).text_frame.paragraphs[0].alignment == PP_ALIGN.LEFT


def test_a_table_is_as_wide_as_its_columns_and_gutters_within_the_slide():
    room = Inches(12)
    text, number = [False, True], [True, True]
    # Narrow columns: two-thirds of the room; wider ones: their widths and a gutter after
    # each text column that has a column after it; wider than the room: the room.
    assert _table_width([Inches(1), Inches(1)], room, text) == room * NARROWEST
    assert _table_width([Inches(6), Inches(5)], room, text) == Inches(11) + GUTTER
    assert _table_width([Inches(4), Inches(3), Inches(2)], room, [False, False, True]) == (
        Inches(9) + GUTTER * 2
    )
    assert _table_width([Inches(5), Inches(4)], room, number) == Inches(9)  # no gutter
    assert _table_width([Inches(7), Inches(5)], room, text) == room


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.integers(1, 8 * 914_400), st.booleans()), min_size=1, max_size=8),
    st.integers(2 * 914_400, 13 * 914_400),
)
def test_a_table_never_leaves_the_room_nor_squeezes_its_columns(columns, room):
    natural = [Length(n) for n, _ in columns]
    numeric = [is_number for _, is_number in columns]
    width = _table_width(natural, Length(room), numeric)
    assert room * NARROWEST - 1 <= width <= room
    if sum(natural) <= room:
        assert width >= sum(natural)


@pytest.mark.parametrize("theme", ["corporate", "contrast"])
def test_a_short_table_shares_the_content_height_a_long_one_its_rows_alike(tmp_path, theme):
    """Six rows at body size stopped two-thirds of the way down the content area, an empty
    band under them (the sample's slide 26, found in review): a short table's rows share
    the content area's height, each at most AIR times as tall as its text needs, text in
    the middle; a table over several slides keeps one row height on all of them."""
    from deckgen.layout.text import SLIDE
    from tests.helpers import load_theme

    font = load_theme(theme).body.regular

    def planned(top: int | None) -> list:
        name = f"top{top}"
        cut = f"\n      top: {top}" if top else ""
        table = f"      data: cities{cut}\n      more: false\n      columns: [city, people]"
        return list(plan(project(tmp_path / name, table), theme).slides)

    def natural(layout) -> Length:  # a row of one line at the table's text size
        return SLIDE.leading(font, layout.size) + ROW_PAD

    [eight] = planned(8)
    layout, content = eight.layout, eight.frame.content
    assert len(set(layout.row_heights)) == 1
    assert layout.row_heights[0] > natural(layout)
    assert layout.box.top == content.top
    assert content.bottom - len(layout.row_heights) <= layout.box.bottom <= content.bottom

    [two] = planned(2)  # a few rows: at most AIR times as tall, not stretched over it
    layout = two.layout
    assert all(abs(h - natural(layout) * AIR) <= 1 for h in layout.row_heights)
    assert layout.box.bottom < two.frame.content.bottom

    many = planned(None)  # 40 rows over several slides: one row height, within each
    assert len(many) > 1
    heights = {h for p in many for h in p.layout.row_heights}
    assert len(heights) == 1
    assert heights.pop() < natural(many[0].layout) * AIR
    assert all(p.layout.box.bottom <= p.frame.content.bottom for p in many)


def test_top_says_how_many_rows_it_leaves_out(tmp_path):
    path = project(tmp_path, "      data: cities\n      top: 5\n      columns: [city, people]")
    result = build(path, BuildOptions(out_dir=tmp_path / "out"))
    [(_, cells, _)] = tables(result.deck)
    assert len(cells) == 6
    slide = Presentation(str(result.deck)).slides[0]
    more = [s for s in slide.shapes if s.name == "Rows left out"]
    assert [s.text_frame.text for s in more] == ["and 35 more"]
    frame = next(s for s in slide.shapes if s.has_table)
    assert more[0].top == frame.top + frame.height  # right under the table


def test_the_more_line_can_be_worded_or_left_out(tmp_path):
    table = (
        "      data: cities\n      top: 5\n      more: 'and {n} more cities'\n"
        "      columns: [city, people]"
    )
    result = build(project(tmp_path / "a", table), BuildOptions(out_dir=tmp_path / "a/out"))
    slide = Presentation(str(result.deck)).slides[0]
    assert [s.text_frame.text for s in slide.shapes if s.name == "Rows left out"] == [
        "and 35 more cities"
    ]
    table = "      data: cities\n      top: 5\n      more: false\n      columns: [city]"
    result = build(project(tmp_path / "b", table), BuildOptions(out_dir=tmp_path / "b/out"))
    slide = Presentation(str(result.deck)).slides[0]
    assert not [s for s in slide.shapes if s.name == "Rows left out"]


def test_the_more_line_is_in_the_decks_language_and_marks(tmp_path):
    """A German deck's table said 'and 35 more' (found in review), and would have grouped
    a count of thousands '1,250': it is the deck's words and thousands mark."""
    rows = "city,people\n" + "".join(f"Stadt {n},{n}\n" for n in range(1, 1256))
    text = outline("      data: cities\n      top: 5\n      columns: [city, people]").replace(
        "deck: {title: T}", "deck: {title: T, locale: de_DE}"
    )
    path = write_project(tmp_path, text, {"cities.csv": rows})
    slide = Presentation(str(build(path, BuildOptions(out_dir=tmp_path / "out")).deck)).slides[0]
    assert [s.text_frame.text for s in slide.shapes if s.name == "Rows left out"] == [
        "und 1.250 weitere"
    ]


@pytest.mark.parametrize(
    "more",
    # Past the count: an index, another name, an attribute, a lone brace. Each was an
    # internal error when the deck was built (found by fuzzing).
    ["and others", "and {n} more {0}", "and {n} more {x}", "and {n.__class__}", "and {n} }",
     "and {n!r} more", "and {n:,} more"],
)  # fmt: skip
def test_a_more_text_of_anything_but_its_count_is_refused(tmp_path, more):
    table = f"      data: cities\n      top: 5\n      more: '{more}'\n      columns: [city]"
    with pytest.raises(
        DeckgenError, match=r"'more' is a text that uses \{n\} and no other "
    ) as info:
        plan(project(tmp_path, table))
    # The fix for what is wrong: a missing count is put in, a stray brace doubled.
    fix = "put {n} in the text" if more == "and others" else "write a brace itself as {{ or }}"
    assert fix in info.value.format_message()


def test_an_infinite_number_is_refused_as_a_chart_refuses_it(tmp_path):
    """It was shown as '∞', and the column's other numbers as '5.0' (found by fuzzing)."""
    rows = "city,people\nA,5\nB,inf\nC,-inf\nD,9\n"
    path = write_project(tmp_path, outline("      data: cities\n      columns: [city, people]"),
                         {"cities.csv": rows})  # fmt: skip
    with pytest.raises(DeckgenError) as info:
        build(path, BuildOptions(out_dir=tmp_path / "out"))
    (problem,) = info.value.problems
    assert problem.location.field == "slides[0].table.columns[1]"
    assert problem.message == ("expected a finite number in every row, found B = inf, "
                               "C = -inf in 'people'")  # fmt: skip


def test_the_census_bureaus_mark_for_no_estimate_is_refused_as_a_chart_refuses_it(tmp_path):
    """A county's income was shown as '−666,666,666': the Census Bureau's API writes that
    number where it has no estimate (found in review). A column declared text is shown as
    written, and ``missing:`` reads the mark as a gap, a dash."""
    rows = ("city,people,moe\nA,5,2\nB,-666666666,-222222222\nC,-666666666,-222222222\n"
            "D,9,1\n")  # fmt: skip
    text = outline("      data: cities\n      columns: [city, people, moe]")
    path = write_project(tmp_path / "a", text, {"cities.csv": rows})
    with pytest.raises(DeckgenError) as info:
        build(path, BuildOptions(out_dir=tmp_path / "a/out"))
    first, second = info.value.problems
    assert first.location.field == "slides[0].table.columns[1]"
    assert first.message == ("expected a number in column 'people', found '-666666666' (a mark "
                             "for no value) in the row 'B' and 1 more row")  # fmt: skip
    assert "add missing: ['-666666666'] to its data source" in (first.hint or "")
    assert second.location.field == "slides[0].table.columns[2]"
    marked = text.replace("file: cities.csv", "file: cities.csv, missing: ['-666666666', "
                          "'-222222222']")  # fmt: skip
    assert marked != text
    path = write_project(tmp_path / "b", marked, {"cities.csv": rows})
    slide = Presentation(str(build(path, BuildOptions(out_dir=tmp_path / "b/out")).deck)).slides[0]
    (table,) = [s.table for s in slide.shapes if s.has_table]
    assert [c.text for c in table.rows[2].cells] == ["B", "\u2013", "\u2013"]
    declared = text.replace("file: cities.csv", "file: cities.csv, columns: {moe: text}")
    path = write_project(tmp_path / "c", declared, {"cities.csv": rows})
    with pytest.raises(DeckgenError) as info:
        build(path, BuildOptions(out_dir=tmp_path / "c/out"))
    assert [p.location.field for p in info.value.problems] == ["slides[0].table.columns[1]"]


@pytest.mark.parametrize(
    ("columns", "field", "said"),
    [("[city, people, people]", "slides[0].table.columns",
      "two columns are headed 'people'"),
     ("[city, {column: country, format: 'percent:1'}]", "slides[0].table.columns[1].format",
      "format: percent:1 writes numbers, and 'country' holds none (it holds 'Country 1', "
      "'Country 2', 'Country 3', ...)")],
)  # fmt: skip
def test_a_column_twice_or_a_format_on_text_is_refused(tmp_path, columns, field, said):
    """A table showed 'v' twice, and ignored 'format: percent:1' on a column of names,
    with exit 0 (found by fuzzing)."""
    path = project(tmp_path, f"      data: cities\n      columns: {columns}")
    with pytest.raises(DeckgenError) as info:
        build(path, BuildOptions(out_dir=tmp_path / "out"))
    (problem,) = info.value.problems
    assert problem.location.field == field and problem.message.startswith(said)
    # the same column under a label of its own is a column of its own
    again = project(tmp_path / "b", "      data: cities\n      columns: [city, people, "
                    "{column: people, label: Residents, format: 'compact:1'}]")  # fmt: skip
    assert build(again, BuildOptions(out_dir=tmp_path / "out2")).deck.exists()


def test_a_formatted_column_refuses_numbers_in_a_layout_it_does_not_read(tmp_path):
    """'12,5' and '1 234' were shown as written beside '1,234,567.00' under format:
    plain:2, where a chart stops with the fix (fuzzing round 8, 10). Text that is no
    number ('see note') is still shown as written."""
    rows = 'city,people\nA,"1,234,567"\nB,1 234\nC,"12,5"\nD,see note\n'
    table = outline("      data: cities\n      columns: [city, {column: people, format: plain:2}]")
    path = write_project(tmp_path, table, {"cities.csv": rows})
    with pytest.raises(DeckgenError) as info:
        build(path, BuildOptions(out_dir=tmp_path / "out"))
    (problem,) = info.value.problems
    assert problem.location.field == "slides[0].table.columns[1].format"
    assert problem.message.startswith("format: plain:2 writes numbers, and 'people' holds "
                                      "'1 234' in row 'B' (and 1 more cell), a number in a "
                                      "layout deckgen does not read")  # fmt: skip
    assert problem.hint is not None and problem.hint.startswith("'1 234' is a number with")
    (tmp_path / "cities.csv").write_text('city,people\nA,"1,234,567"\nD,see note\n')
    ((_, cells, _),) = tables(build(path, BuildOptions(out_dir=tmp_path / "out")).deck)
    assert [row[1] for row in cells[1:]] == ["1,234,567.00", "see note"]


def _cities(tmp_path, count: int):
    """A table slide of ``count`` cities and their people."""
    rows = "city,people\n" + "".join(f"C{k},{k}\n" for k in range(count))
    table = outline("      data: cities\n      columns: [city, people]")
    return write_project(tmp_path, table, {"cities.csv": rows})


def test_too_many_rows_for_four_slides_points_to_top(tmp_path):
    with pytest.raises(DeckgenError) as info:
        plan(_cities(tmp_path, 200))
    message = str(info.value)
    assert "200 rows would take" in message and f"(at most {MAX_SLIDES} per table)" in message
    assert "keep the rows that matter with 'top:'" in message


def test_a_table_far_too_long_is_refused_before_a_cell_is_written(tmp_path, monkeypatch):
    """250,000 rows were each written and measured at every size before the refusal:
    minutes. What four slides cannot hold at the smallest size is refused at once."""
    import deckgen.kinds.slides.table as table

    def written(*args, **kwargs):
        raise AssertionError("a cell was written for a table that cannot fit")

    monkeypatch.setattr(table, "column_texts", written)
    with pytest.raises(DeckgenError) as info:
        plan(_cities(tmp_path, 100_000))
    assert "100,000 rows would take" in str(info.value)


def test_slides_after_a_continued_table_keep_their_outline_fields(tmp_path):
    after = """\
  - kind: stats
    title: Two numbers
    items:
      - {value: "{{ cities['City 01'].people | compact }}", label: people in City 01}
      - {value: "40", label: cities}
"""
    path = project(tmp_path, "      data: cities\n      columns: [city, country, people]", after)
    result = build(path, BuildOptions(out_dir=tmp_path / "out"))
    manifest = json.loads((tmp_path / "out" / "deck" / "manifest.json").read_text())
    slides = result.slides
    stat = next(a for a in manifest["assets"] if a["id"] == f"slide {slides} stat 1")
    assert stat["reads"] == [["cities", "City 01", "people", 17919.0]]
    assert any(t["where"] == "slide 2 item 1 value" for t in manifest["texts"])


# --------------------------------------------------------------------------- paging
def frame(height_in: float) -> Frame:
    content = Rect(Inches(0.5), Inches(1.5), Inches(12), Inches(height_in))
    return Frame(None, content, None, None, content, content)  # type: ignore[arg-type]


@settings(max_examples=300, deadline=None)
@given(
    st.integers(1, 120),
    st.booleans(),
    st.floats(2.0, 5.5),
    st.floats(2.0, 5.5),
)
def test_rows_are_shared_over_the_fewest_slides_each_within_its_room(n, more, first, later):
    row = Inches(0.32)
    pages = _pages(n, more, row, frame(first), lambda: frame(later))
    room = [int(Inches(h).ratio(row)) - 1 for h in (first, later)]
    if pages is None:
        assert min(room) < 2
        return
    assert sum(pages) == n and all(p >= 1 for p in pages)
    lines = [*pages[:-1], pages[-1] + (1 if more else 0)]
    assert lines[0] <= room[0] and all(p <= room[1] for p in lines[1:])
    # as few slides as can hold them
    assert len(pages) == 1 or room[0] + room[1] * (len(pages) - 2) < n + more
    # shared evenly: no smaller largest slide could hold them all
    caps = [room[0]] + [room[1]] * (len(pages) - 1)
    assert sum(min(c, max(lines) - 1) for c in caps) < n + more


# --------------------------------------------------------------------------- wrapping
#: Council reserves (£ million) written for these tests: six columns, a long reserve name
#: and a note, too wide for one line each even at the smallest size.
RESERVES = "fund,opening,in,out,closing,note\n" + "".join(
    f"{name},{o},{i},{u},{o + i + u:.1f},{note}\n"
    for name, o, i, u, note in [
        ("General Fund", 24.1, 1.2, -3.4, "Minimum prudent level £18m set by the s151 officer"),
        ("Public Health Grant Carry-forward to the Next Financial Year", 1.1, 0.0, -0.4, ""),
        ("Highways Capital", 12.7, 3.3, -9.8, ""),
        ("Transformation Fund", 5.0, 0.0, -5.0, "Fully spent"),
        ("Elections", 0.3, 0.1, 0.0, ""),
        ("Business Rates Volatility", 7.8, 0.5, -2.5, ""),
    ]
)
RESERVE_COLUMNS = """\
      data: reserves
      columns:
        - {column: fund, label: Reserve}
        - {column: opening, label: Opening balance, format: "£plain:1m"}
        - {column: in, label: Transfers in, format: "£plain:1m"}
        - {column: out, label: Used in the year, format: "£plain:1m"}
        - {column: closing, label: Closing balance, format: "£plain:1m"}
        - {column: note, label: Note}"""


def test_a_table_too_wide_for_one_line_a_cell_wraps_its_text_and_keeps_its_numbers_whole(
    tmp_path,
):
    """Refused before ('wider than the slide even at 12 pt'): text columns and headers wrap
    at their words, numbers stay on one line, each row as tall as its most lines."""
    from deckgen.kinds.slides.table import CELL_PAD, TableLayout
    from deckgen.layout.text import SLIDE
    from tests.helpers import load_theme

    text = outline(RESERVE_COLUMNS).replace("cities: {file: cities.csv}",
                                            "reserves: {file: reserves.csv}")  # fmt: skip
    path = write_project(tmp_path, text, {"reserves.csv": RESERVES})
    [planned] = plan(path).slides
    layout = planned.layout
    assert isinstance(layout, TableLayout)
    content = planned.frame.content
    assert sum(layout.column_widths, Length(0)) == layout.box.width <= content.width
    assert layout.box.bottom <= content.bottom
    heights = layout.row_heights
    assert len(heights) == len(layout.rows) + 1 and max(heights) > min(heights)
    one_line = min(heights)
    bold = load_theme("corporate", tmp_path).body.bold
    for row in layout.rows:
        for k, (cell, width) in enumerate(zip(row, layout.column_widths, strict=True)):
            if layout.numeric[k]:  # a number is never broken over two lines
                assert SLIDE.width(cell, bold, layout.size) + CELL_PAD <= width
    # The long name and the note take more than one line; 'Elections' one.
    names = [r[0] for r in layout.rows]
    assert heights[1 + names.index("Elections")] == one_line
    assert heights[1 + names.index(names[1])] > one_line
    result = build(path, BuildOptions(out_dir=tmp_path / "out"))
    [(_, cells, frame)] = tables(result.deck)
    assert cells[1][5] == "Minimum prudent level £18m set by the s151 officer"
    assert [r.height for r in frame.table.rows] == list(heights)


def test_a_table_with_a_word_wider_than_its_share_is_still_refused(tmp_path):
    wide = RESERVES.replace("Elections", "Elections" + "x" * 120)
    text = outline(RESERVE_COLUMNS).replace("cities: {file: cities.csv}",
                                            "reserves: {file: reserves.csv}")  # fmt: skip
    path = write_project(tmp_path, text, {"reserves.csv": wide})
    with pytest.raises(DeckgenError) as raised:
        build(path, BuildOptions(out_dir=tmp_path / "out"))
    assert "wider than the slide even at 12 pt with its text wrapped onto 3 lines" in str(
        raised.value.problems[0].message
    )


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.integers(1, 4), min_size=1, max_size=60),
    st.booleans(),
    st.floats(2.0, 5.5),
    st.floats(2.0, 5.5),
)
def test_rows_of_many_heights_take_the_fewest_slides_each_within_its_room(
    lines, more, first, later
):
    from deckgen.kinds.slides.table import _pages_by_height

    line = Inches(0.3)
    heights = [line * n for n in lines]
    pages = _pages_by_height(heights, line, line if more else None, frame(first),
                             lambda: frame(later))  # fmt: skip
    rooms = [Inches(h) - line for h in (first, later)]
    if pages is None:
        assert max(heights) > min(rooms) or (more and line > min(rooms))
        return
    assert sum(pages) == len(heights) and all(p >= 0 for p in pages)
    start, used = 0, []
    for k, count in enumerate(pages):
        items = heights[start : start + count] + ([line] if more and k == len(pages) - 1 else [])
        used.append(sum(items, Length(0)))
        assert used[-1] <= rooms[min(k, 1)]
        start += count
    # As few slides as can hold them: filling each slide in turn takes no fewer.
    greedy, fill, room = 1, Length(0), rooms[0]
    for item in heights + ([line] if more else []):
        if fill + item > room:
            greedy, fill, room = greedy + 1, Length(0), rooms[1]
        fill += item
    assert len(pages) == greedy


def test_every_slide_of_a_table_marks_its_header_row(tmp_path):
    """Screen readers announce a cell with its column's header only where the table marks
    its first row the header row (firstRow="0" left every table without headers; review).
    The style stays "No Style, No Grid", which draws no first row of its own."""
    path = project(tmp_path, "      data: cities\n      columns: [city, country, people]")
    found = tables(build(path, BuildOptions(out_dir=tmp_path / "out")).deck)
    assert len(found) >= 2  # the continued slides too
    for _, cells, frame in found:
        table = frame.table
        assert (table.first_row, table.horz_banding) == (True, False)
        assert cells[0] == ["city", "country", "people"]
        style = table._tbl.tblPr.find(qn("a:tableStyleId")).text
        assert style == "{2D5ABB26-0587-4C30-8999-92F81FD0307C}"


@pytest.mark.parametrize(
    ("title", "said"),
    [
        ("The cities", "continued, "),
        (" ".join(["Populations"] * 9), "continued, "),  # smaller, to fit two lines
        # '(continued, 2/3)' no longer fits two lines (at the smallest title size), the
        # shorter '(2/3)' does, as '(continued)' did
        (" ".join(["Populations"] * 9) + " Populat", ""),
    ],
)
def test_a_numbered_title_is_fitted_as_its_slide_shows_it(tmp_path, title, said):
    """Each continuing slide's frame is fitted to its own numbered title (the text the
    slide shows), and its rows to the room under it: a title that wraps only with its
    number still leaves the table clear of the footer."""
    table = outline("      data: cities\n      columns: [city, country, people]")
    table = table.replace("title: The cities", f"title: {title}")
    path = write_project(tmp_path, table, {"cities.csv": CITIES})
    slides = plan(path).slides
    titles = [str(s.slide.title) for s in slides]
    n = len(titles)
    assert n >= 3 and len(set(titles)) == n  # a longer title may take a slide more
    assert titles[1:] == [f"{title} ({said}{k}/{n})" for k in range(2, n + 1)]
    for planned in slides:
        fitted = " ".join(planned.frame.title.lines).replace("\u00a0", " ")
        assert fitted.split() == str(planned.slide.title).split()
        assert planned.layout.box.bottom <= planned.frame.content.bottom


def test_a_table_over_two_slides_says_continued_unnumbered(tmp_path):
    rows = "city,people\n" + "".join(f"C{k},{k}\n" for k in range(24))
    path = write_project(tmp_path, outline("      data: cities\n      columns: [city, people]"),
                         {"cities.csv": rows})  # fmt: skip
    titles = [str(s.slide.title) for s in plan(path).slides]
    assert titles == ["The cities", "The cities (continued)"]


# -- bar columns ----------------------------------------------------------------------------

SHARES = "city,share\nAlba,45\nBrno,30\nCork,-\nDax,15\nEssen,9\n"


def _bars_of(slide) -> dict[str, object]:
    """The bars a table slide draws, by the row they are named for."""
    return {s.name.removeprefix("Bar: "): s for s in slide.shapes if s.name.startswith("Bar: ")}


def _shares(tmp_path, rows: str = SHARES, table: str = "", theme: str | None = None):
    columns = "[city, {column: share, format: 'percent:0', bar: true}]"
    text = outline(f"      data: cities\n      columns: {columns}{table}")
    path = write_project(tmp_path, text, {"cities.csv": rows})
    return path, build(path, BuildOptions(out_dir=tmp_path / "out", theme=theme))


def test_a_bar_column_draws_each_value_from_zero_beside_its_number(tmp_path):
    """The table left the right third of the slide empty beside its numbers (the sample's
    slide 26): a bar column's values are drawn as bars there, one baseline at the left of
    the track, each as long as its share of the largest, centred in its row."""
    path, result = _shares(tmp_path)
    [planned] = plan(path).slides
    layout, content = planned.layout, planned.frame.content
    slide = Presentation(str(result.deck)).slides[0]
    frame = next(s for s in slide.shapes if s.has_table)
    bars = _bars_of(slide)
    assert set(bars) == {"Alba", "Brno", "Dax", "Essen"}  # Cork has no value: no bar
    # The table takes the content width, the track at most a third of it, at its right.
    assert frame.left == content.left and frame.left + frame.width == content.right
    track = layout.tracks[1]
    assert Inches(1) <= track <= content.width / 3 + 1 and layout.tracks[0] == 0
    # The bars start a gap clear of the numbers, which end at the track's left, and end
    # inside the column's edge as its text does.
    track -= BAR_GAP + BAR_INSET
    right = frame.left + frame.table.columns[0].width + frame.table.columns[1].width
    baseline = right - BAR_INSET - track
    assert {b.left for b in bars.values()} == {baseline}
    for name, value in {"Alba": 45, "Brno": 30, "Dax": 15, "Essen": 9}.items():
        assert abs(bars[name].width - track * value / 45) <= 1
    assert bars["Alba"].left + bars["Alba"].width == content.right - BAR_INSET
    # The number ends left of the track, the bar is half its row, in the row's middle.
    cell = frame.table.cell(1, 1)
    assert cell.margin_right >= track and cell.text_frame.paragraphs[0].alignment == PP_ALIGN.RIGHT
    top = frame.top
    for r, row in enumerate(frame.table.rows):
        name = frame.table.cell(r, 0).text
        if name in bars:
            bar = bars[name]
            assert abs((bar.top + bar.height / 2) - (top + row.height / 2)) <= 1
            assert 0.45 * row.height <= bar.height <= 0.55 * row.height
        top += row.height
    from pptx.enum.dml import MSO_FILL

    assert {b.line.fill.type for b in bars.values()} == {MSO_FILL.BACKGROUND}  # no outline


def test_a_continued_table_keeps_one_scale_for_its_bars(tmp_path):
    rows = "city,people\n" + "".join(f"C{k:02d},{k + 1}\n" for k in range(40))
    text = outline("      data: cities\n      sort: {by: people, descending: false}\n"
                   "      columns: [city, {column: people, bar: true}]")  # fmt: skip
    path = write_project(tmp_path, text, {"cities.csv": rows})
    slides = plan(path).slides
    assert len(slides) >= 2
    prs = Presentation(str(build(path, BuildOptions(out_dir=tmp_path / "out")).deck))
    track = slides[0].layout.tracks[1] - BAR_GAP - BAR_INSET
    assert {p.layout.tracks for p in slides} == {slides[0].layout.tracks}
    seen = {}
    for slide in prs.slides:
        seen.update(_bars_of(slide))
    assert len(seen) == 40
    for k in range(40):  # the largest, 40, on the last slide: the first slide's bars short
        assert abs(seen[f"C{k:02d}"].width - track * (k + 1) / 40) <= 1


def test_with_top_the_bars_scale_to_the_largest_row_shown(tmp_path):
    rows = "city,people\n" + "".join(f"C{k},{k + 1}\n" for k in range(20))
    text = outline("      data: cities\n      sort: {by: people, descending: false}\n"
                   "      top: 4\n      columns: [city, {column: people, bar: true}]")  # fmt: skip
    path = write_project(tmp_path, text, {"cities.csv": rows})
    [planned] = plan(path).slides
    slide = Presentation(str(build(path, BuildOptions(out_dir=tmp_path / "out")).deck)).slides[0]
    bars = _bars_of(slide)
    assert set(bars) == {"C0", "C1", "C2", "C3"}
    assert abs(bars["C3"].width - (planned.layout.tracks[1] - BAR_GAP - BAR_INSET)) <= 1


@pytest.mark.parametrize("theme", ["corporate", "dark", "contrast", "corporate-template"])
def test_bars_are_the_neutral_and_the_highlighted_rows_the_accent_3_to_1_on_both_fills(
    tmp_path, theme
):
    from deckgen.theming.colour import contrast
    from tests.helpers import load_theme

    colors = load_theme(theme).theme.colors
    _, result = _shares(tmp_path, table="\n      highlight: Brno", theme=theme)
    bars = _bars_of(Presentation(str(result.deck)).slides[0])
    fills = {name: f"#{bar.fill.fore_color.rgb}" for name, bar in bars.items()}
    accent = fills.pop("Brno")
    assert len(set(fills.values())) == 1  # the rest one neutral, the accent the one other
    rest = fills["Alba"]
    assert accent != rest
    for colour in (accent, rest):
        for ground in (colors.background, colors.surface):
            assert contrast(colour, ground) >= 3.0
    # The theme's own colours, moved (if at all) only as far as the row fills need.
    from deckgen.theming.colour import MARK, legible

    def mark(colour: str) -> str:
        for ground in (colors.background, colors.surface):
            colour = legible(colour, ground, MARK)
        return colour

    assert (accent, rest) == (mark(colors.highlight), mark(colors.neutral))


@pytest.mark.parametrize(
    ("rows", "found", "fix"),
    [
        ("city,share\nAlba,45\nBrno,about 30\nCork,12\n", "found Brno = 'about 30'",
         "leave out 'bar: true' for this column"),
        ("city,share\nAlba,45\nBrno,-3\nCork,-12.5\n", "found Brno = -3, Cork = -12.5",
         "a chart shows values either side of zero"),
    ],
)  # fmt: skip
def test_a_bar_column_of_text_or_negative_values_is_refused(tmp_path, rows, found, fix):
    with pytest.raises(DeckgenError) as info:
        _shares(tmp_path, rows)
    (problem,) = info.value.problems
    assert problem.location.field == "slides[0].table.columns[1].bar"
    assert problem.location.line is not None and problem.location.file.endswith("deck.yaml")
    expected = "bar: true expects a number of zero or more in every row of 'share'"
    assert expected in problem.message
    assert found in problem.message
    assert fix in problem.hint


def test_a_table_without_bar_draws_no_bars_and_keeps_its_width(tmp_path):
    text = outline("      data: cities\n      columns: [city, {column: share, format: percent:0}]")
    path = write_project(tmp_path, text, {"cities.csv": SHARES})
    [planned] = plan(path).slides
    slide = Presentation(str(build(path, BuildOptions(out_dir=tmp_path / "out")).deck)).slides[0]
    assert not _bars_of(slide)
    frame = next(s for s in slide.shapes if s.has_table)
    assert abs(frame.width - planned.frame.content.width * NARROWEST) <= 1
    assert frame.table.cell(1, 1).margin_right == Inches(0.1)


def test_a_column_of_gaps_alone_reads_as_gaps():
    # A share of a zero total left a column of nothing but gaps: read as a date column,
    # its cells were '' where every other gap in a table reads '–' (found by fuzzing).
    nan = float("nan")
    assert column_texts([None, nan], TableColumn(column="share"), None) == (["–", "–"], True)


def test_long_ids_and_part_codes_are_shown_as_written():
    """Account 9007199254740993 read '9,007,199,254,740,992' and part code 3E10 read
    '30,000,000,000', beside a chart that named them as written (found by fuzzing)."""
    ids = ["12345678901234567891", "9007199254740993"]
    assert column_texts(ids, _column(), None) == (ids, False)
    assert column_texts(["1E5", "2E7", "3E10"], _column(), None)[0] == ["1E5", "2E7", "3E10"]
    # numbers a program wrote in E notation stay numbers
    assert column_texts(["1e+05", "2.5E7"], _column(), None) == (["100,000", "25,000,000"], True)


def test_a_column_with_one_code_is_shown_as_written_whatever_else_it_holds():
    """Part codes '2E7', '007' beside one '1e5' were written 20,000,000, 7 and 100,000, while
    a template printed '2E7' (found by fuzzing): one code makes a column of codes."""
    assert column_texts(["2E7", "007", "1e5"], _column(), None) == (["2E7", "007", "1e5"],
                                                                     False)  # fmt: skip
    assert column_texts(["00501", "1e5", "12"], _column(), None)[0] == ["00501", "1e5", "12"]


def test_a_right_to_left_cell_runs_from_the_right_as_every_paragraph_does(tmp_path):
    """'שלום עולם.' and 'القاهرة' were written left to right, flush left, in a table, where
    bullets and cards run them right to left (found by fuzzing)."""
    rows = "city,people\nתל אביב,4\nالقاهرة,9\nLyon,5\n"
    path = write_project(tmp_path, outline("      data: cities\n      columns: [city, people]"),
                         {"cities.csv": rows})  # fmt: skip
    result = build(path, BuildOptions(out_dir=tmp_path / "out"))
    ((_, _, frame),) = tables(result.deck)
    found = {}
    for row in frame.table.rows:
        p = row.cells[0].text_frame.paragraphs[0]
        found[p.text] = (p._p.pPr.get("rtl"), p._p.pPr.get("algn"))
    assert found["תל אביב"] == ("1", "r") and found["القاهرة"] == ("1", "r")
    assert found["Lyon"] == (None, "l")


def test_a_row_with_no_name_is_an_error_as_a_chart_s_is(tmp_path):
    """A merged cell of a report sheet leaves its rows below the first empty: the table
    showed a nameless row that read as the one above, where a chart stopped with the cause
    (found by fuzzing)."""
    rows = "city,people\nLyon,4\n,9\nNice,5\n"
    path = write_project(tmp_path, outline("      data: cities\n      columns: [city, people]"),
                         {"cities.csv": rows})  # fmt: skip
    with pytest.raises(DeckgenError) as info:
        build(path, BuildOptions(out_dir=tmp_path / "out"))
    (problem,) = info.value.problems
    assert problem.location.line == 3 and problem.location.field == "city"
    assert problem.message.startswith("the first column 'city' (the table's row names) is "
                                      "empty in this row")  # fmt: skip


def test_a_column_of_an_apis_days_is_shown_as_dates():
    """An API's days ('2023-01-01T00:00:00Z'), not declared a date, were shown as written
    in every row (found in review): a column whose every cell is an ISO day is shown as a
    declared date column is, a missing one a dash; declared text, or a day with a time
    or written another way, keeps its text."""
    import datetime as dt

    days = ["2023-01-01T00:00:00Z", None, "2023-03-14"]
    shown, numeric = column_texts(days, _column(), None)
    declared = column_texts([dt.date(2023, 1, 1), None, dt.date(2023, 3, 14)], _column(), "date")
    assert (shown, numeric) == declared
    assert shown == ["January 1, 2023", "\u2013", "March 14, 2023"]
    assert column_texts(days, _column(), "text")[0] == ["2023-01-01T00:00:00Z", "", "2023-03-14"]
    assert column_texts(["2023 JAN", "2023 FEB"], _column(), None)[0] == [
        "January 2023", "February 2023"]  # fmt: skip
    for other in (["2023-01-01T09:30:00Z", "2023-01-02"], ["2023-01-01", "01.02.2023"]):
        assert column_texts(other, _column(), None)[0] == other


def test_words_for_a_number_are_shown_as_written_in_a_formatted_column(tmp_path):
    """A count withheld for privacy ('<5') and 'n.a.' beside counts are what a table shows;
    a chart refuses them with the hint that says what they are."""
    rows = "city,cases\nAlba,1250\nBrno,<5\nCork,n.a.\n"
    text = outline("      data: cities\n      columns: [city, {column: cases, format: 'plain:0'}]")
    path = write_project(tmp_path, text, {"cities.csv": rows})
    slide = Presentation(str(build(path, BuildOptions(out_dir=tmp_path / "out")).deck)).slides[0]
    (table,) = [s.table for s in slide.shapes if s.has_table]
    assert [r.cells[1].text for r in table.rows] == ["cases", "1,250", "<5", "n.a."]


def test_a_column_of_quarter_starts_is_shown_as_quarters():
    """FRED's quarterly dates read 'January 1, 2022' in a table beside a chart of
    'Q1 2022' (found in review)."""
    import datetime as dt

    days = [dt.date(2022, m, 1) for m in (1, 4, 7, 10)]
    shown, numeric = column_texts(days, _column(), "date")
    assert (shown, numeric) == (["Q1 2022", "Q2 2022", "Q3 2022", "Q4 2022"], False)


def test_a_sheets_percentages_keep_their_sign_in_a_table(tmp_path):
    """A Power BI export's engagement rate, 2.31% in its sheet, showed '2.3' in a table:
    read as shown (2.311), its '%' was lost (found in review)."""
    import openpyxl
    from pptx import Presentation

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Channel", "Rate"])
    for name, rate in (("Facebook", 0.02311), ("Instagram", 0.0415)):
        sheet.append([name, rate])
    for row in (2, 3):
        sheet.cell(row, 2).number_format = "0.00%"
    book.save(tmp_path / "pbi.xlsx")
    outline = write_project(tmp_path, HEADER.replace("  production: {file: production.csv}",
                                                     "  pbi: {file: pbi.xlsx}") + """\
  - kind: table
    title: Instagram engages best
    table: {data: pbi}
""")  # fmt: skip
    deck = build(outline, BuildOptions(out_dir=tmp_path / "out")).deck
    table = next(s.table for s in Presentation(str(deck)).slides[0].shapes if s.has_table)
    assert [table.cell(r, 1).text for r in (1, 2)] == ["2.311%", "4.150%"]


def test_a_sheets_money_keeps_its_sign_in_a_table_and_on_a_chart(tmp_path):
    """A budget sheet's spend, '£1,200' in its sheet, showed '1,200' in a table and 1.2K on
    a chart of it: the sign its format writes is kept, before or after the number as the
    format writes it; a chart's own format wins (found by a new user)."""
    import openpyxl
    from pptx import Presentation

    from deckgen.binding.bind import bind_outline
    from deckgen.tables.sources import load_tables
    from tests.helpers import load_outline

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Team", "Spend", "Grant"])
    for row, (name, spend, grant) in enumerate((("Press", 1200, 80.5), ("Digital", 830, 95)), 2):
        sheet.append([name, spend, grant])
        sheet.cell(row, 2).number_format = '"£"#,##0'
        sheet.cell(row, 3).number_format = "#,##0.00 [$€-407]"
    book.save(tmp_path / "budget.xlsx")
    outline = write_project(tmp_path, HEADER.replace("  production: {file: production.csv}",
                                                     "  budget: {file: budget.xlsx}") + """\
  - kind: table
    title: Press spends the most
    table: {data: budget}
  - kind: chart
    title: Press spends the most
    chart: {type: bar, data: budget, x: Team, y: Spend}
  - kind: chart
    title: Press spends the most
    chart: {type: bar, data: budget, x: Team, y: Spend, format: "plain:0"}
""")  # fmt: skip
    deck = build(outline, BuildOptions(out_dir=tmp_path / "out")).deck
    table = next(s.table for s in Presentation(str(deck)).slides[0].shapes if s.has_table)
    assert [table.cell(r, 1).text for r in (1, 2)] == ["£1,200", "£830"]
    assert [table.cell(r, 2).text for r in (1, 2)] == ["80.50 €", "95.00 €"]
    loaded = load_outline(outline)
    slides = bind_outline(loaded, load_tables(loaded)).loaded.outline.slides
    assert slides[1].chart.format.format(1200) == "£1.2K"
    assert slides[2].chart.format.format(1200) == "1,200"


def test_comtrade_months_written_year_first_are_shown_as_months():
    """UN Comtrade's period '202307' showed '202,307' in a table (found in review)."""
    shown, numeric = column_texts(["202307", "202308"], _column(), None)
    assert (shown, numeric) == (["July 2023", "August 2023"], False)
