"""Date columns as declared in the outline: a layout (`format:`) and whole periods
(`period:`), every bad cell named with the layout expected, dates in another layout given
the format that reads them."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from deckgen.outline.schema import ColumnSpec
from deckgen.tables.dates import Month, Quarter, Year
from tests.helpers import REPO
from tests.tables.test_sources import error, load, workbook

STOCKS = (REPO / "tests" / "data" / "stock_prices.csv").read_text(encoding="utf-8")
JOBS = (REPO / "tests" / "data" / "employment_monthly.csv").read_text(encoding="utf-8")


def test_dates_written_jan_1_2000_are_read_with_their_format(tmp_path):
    frame = load(
        tmp_path,
        '  s:\n    file: s.csv\n    columns: {date: {type: date, format: "%b %d %Y"}}\n',
        {"s.csv": STOCKS},
    )["s"]
    dates = list(frame["date"])
    assert dates[0] == dt.date(2000, 1, 1)
    assert all(type(d) is dt.date for d in dates)
    assert max(dates) == dt.date(2009, 12, 1)  # as text, 'Sep 1 2009' would be the latest
    assert frame.attrs["types"] == {"date": "date"}


def test_a_month_column_holds_months(tmp_path):
    frame = load(
        tmp_path,
        "  j:\n    file: j.csv\n    columns:\n"
        '      month: {type: date, format: "%b %Y", period: month}\n',
        {"j.csv": JOBS},
    )["j"]
    months = list(frame["month"])
    assert len(months) == 120
    assert months[0] == Month(2007, 1, 1) and str(months[-1]) == "2016-12"
    assert all(type(m) is Month for m in months)


def test_periods_read_iso_text_quarters_and_excel_cells(tmp_path):
    workbook(tmp_path / "q.xlsx", {"q": [["quarter", "year", "v"],
                                         ["2010 Q1", 2010, 1], ["Q2 2010", 2011, 2]]})  # fmt: skip
    frame = load(
        tmp_path,
        "  q:\n    file: q.xlsx\n    columns:\n      quarter: {type: date, period: quarter}\n"
        "      year: {type: date, period: year}\n",
    )["q"]
    assert list(frame["quarter"]) == [Quarter(2010, 1, 1), Quarter(2010, 4, 1)]
    assert list(frame["year"]) == [Year(2010, 1, 1), Year(2011, 1, 1)]


def test_a_bad_cell_names_its_line_and_the_layout_expected(tmp_path):
    csv = "symbol,date,price\nA,Jan 1 2000,1\nA,Febr 1 2000,2\nA,-,3\n"
    message = error(
        tmp_path,
        '  s:\n    file: s.csv\n    columns: {date: {type: date, format: "%b %d %Y"}}\n',
        {"s.csv": csv},
    )
    assert "s.csv:3: date: expected a date written as 'Mar 31 2024' in column 'date', " \
           "found 'Febr 1 2000'" in message  # fmt: skip
    assert "write the date as Mar 31 2024, or '-' for a missing value" in message
    assert "s.csv:4" not in message  # '-' is a missing value


def test_a_declared_number_written_short_or_with_a_decimal_comma_is_told_the_fix(tmp_path):
    csv = 'maker,units,share\nA,1.2M,12.5\nB,850000,"3,5"\n'
    message = error(
        tmp_path,
        "  s:\n    file: s.csv\n    columns: {units: integer, share: number}\n",
        {"s.csv": csv},
    )
    assert "s.csv:2: units: expected a whole number in column 'units', found '1.2M'" in message
    assert "write the whole number, 1,200,000 if 'M' stands for a million" in message
    assert "'units' is declared as integer" in message
    assert "'3,5' has a comma for decimals: write 3.5" in message


def test_a_declared_number_with_more_digits_than_a_number_holds_is_an_error(tmp_path):
    """12345678901234567 was read as ...568 and 9007199254740993 as ...992 in a number
    column's chart, table and templates, with no word (fuzzing round 8, 6). Trailing zeros
    are no precision (Japan's debt in yen); a column declared text keeps the IDs whole."""
    csv = 'name,value,debt\nA,12345678901234567,1297000000000000\nB,"9,007,199,254,740,993",1\n'
    message = error(tmp_path, "  s:\n    file: s.csv\n    columns: {value: number, debt: number}\n",
                    {"s.csv": csv})  # fmt: skip
    found = "found '12345678901234567'"
    assert f"s.csv:2: value: expected a number in column 'value', {found}" in message
    assert "'9,007,199,254,740,993' has 16 significant digits" in message
    assert (
        "'12345678901234567' has 17 significant digits, more than a number holds (15): "
        "read as one it would be 12345678901234568; if it is an ID or a code, declare "
        "the column text"
    ) in message
    assert "debt" not in message
    table = load(tmp_path, "  s:\n    file: s.csv\n    columns: {value: text, debt: number}\n",
                 {"s.csv": csv})["s"]  # fmt: skip
    assert list(table["value"]) == ["12345678901234567", "9,007,199,254,740,993"]
    assert list(table["debt"]) == [1297000000000000.0, 1.0]


def test_dates_in_another_layout_are_reported_once_with_the_format_to_declare(tmp_path):
    """One problem for the column, at its first cell, naming the next cells alike and
    counting the rest: a month column without its format gave 60 problems, each with the
    same hint, ten printed and "and 50 more problems" (found by review)."""
    message = error(tmp_path, "  s:\n    file: s.csv\n    columns: {date: date}\n",
                    {"s.csv": STOCKS})  # fmt: skip
    assert "s.csv:2: date: expected a date written as '2024-03-31' in column 'date', " \
           "found 'Jan 1 2000' here and 424 more cells like it: 'Feb 1 2000' (line 3), " \
           "'Mar 1 2000' (line 4), 'Apr 1 2000' (line 5), 'May 1 2000' (line 6), " \
           "'Jun 1 2000' (line 7) and 419 more\n" in message  # fmt: skip
    assert (
        message.count("hint: add 'format: \"%b %d %Y\"' to the column (it reads 'Jan 1 2000')") == 1
    )
    assert "more problems" not in message


def test_cells_alike_are_told_together_and_a_cell_of_its_own_alone(tmp_path):
    csv = "d,v\n2024-01-05,1\nJan 6 2024,2\n45296,3\nJan 8 2024,4\n"
    message = error(tmp_path, "  s:\n    file: s.csv\n    columns: {d: date}\n", {"s.csv": csv})
    assert "s.csv:3: d: expected a date written as '2024-03-31' in column 'd', found 'Jan " \
           "6 2024' here and 1 more cell like it: 'Jan 8 2024' (line 5)\n" in message  # fmt: skip
    assert "s.csv:4: d: " in message and "45296" in message  # an Excel day number: its own fix


def test_cells_whose_fixes_differ_only_in_their_numbers_are_told_together(tmp_path):
    """Twenty Excel day numbers gave twenty problems, each its own hint naming its own
    day, ten printed and "and 10 more problems" (found by fuzzing)."""
    days = "".join(f"{45000 + 31 * k},{k}\n" for k in range(20))
    message = error(tmp_path, "  s:\n    file: s.csv\n    columns: {d: date}\n",
                    {"s.csv": "d,v\n" + days})  # fmt: skip
    assert "s.csv:2: d: expected a date written as '2024-03-31' in column 'd', found '45000' " \
           "here and 19 more cells like it: '45031' (line 3), '45062' (line 4), '45093' " \
           "(line 5), '45124' (line 6), '45155' (line 7) and 14 more\n" in message  # fmt: skip
    assert message.count("hint: ") == 1
    assert "hint: 45000 is how Excel stores the day 2023-03-15" in message  # the first cell's
    assert "more problems" not in message
    # Decimal commas alike; a magnitude written short is another fix, told apart.
    csv = 'v\n"3,5"\n"12,75"\n1.2M\n'
    message = error(tmp_path, "  t:\n    file: t.csv\n    columns: {v: number}\n",
                    {"t.csv": csv})  # fmt: skip
    assert "found '3,5' here and 1 more cell like it: '12,75' (line 3)\n" in message
    assert "'3,5' has a comma for decimals: write 3.5" in message
    assert "t.csv:4: v: expected a number in column 'v', found '1.2M'\n" in message


def test_a_monthly_column_without_its_period_is_told_to_declare_it(tmp_path):
    message = error(tmp_path, "  j:\n    file: j.csv\n    columns: {month: date}\n",
                    {"j.csv": "month,v\n2007-01,1\n2007-02,2\n"})  # fmt: skip
    assert "add 'period: month' to the column (it reads '2007-01' as month)" in message


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            {"type": "number", "format": "%Y"},
            "'format' applies to date columns only, not to number",
        ),
        ({"type": "text", "period": "month"}, "'period' applies to date columns only"),
        ({"type": "date", "format": "%Q %Y"}, "unknown code '%Q'"),
        ({"type": "date", "format": "%b %d"}, "has no year (%Y or %y)"),
        ({"type": "date", "period": "week"}, "'month', 'quarter' or 'year'"),
    ],
)
def test_a_date_declaration_that_cannot_work_is_an_outline_error(fields, expected):
    with pytest.raises(ValidationError, match=expected.replace("(", r"\(").replace(")", r"\)")):
        ColumnSpec.model_validate(fields)


def test_declared_types_travel_with_the_frame(tmp_path):
    frame = load(tmp_path, "  t:\n    file: t.csv\n    columns: {code: text, v: number}\n",
                 {"t.csv": "code,v,year\n00501,1,2001\n"})["t"]  # fmt: skip
    assert frame.attrs["types"] == {"code": "text", "v": "number"}
    assert list(frame["code"]) == ["00501"]


def test_a_date_with_a_time_of_day_is_named_with_why(tmp_path):
    files = {"l.csv": "at,mw\n01/03/2024 09:00,12\n01/03/2024 00:00,3\n"}
    message = error(tmp_path, '  l: {file: l.csv, columns: {at: {type: date, format: '
                    '"%d/%m/%Y %H:%M"}}}\n', files)  # fmt: skip
    assert "l.csv:2: at:" in message and "a time of day (09:00)" in message
    assert "l.csv:3" not in message
