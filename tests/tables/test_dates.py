"""Dates as dates: parsing in a given layout, whole periods, suggested formats, words."""

from __future__ import annotations

import datetime as dt
import pickle

import numpy
import pytest
from hypothesis import given
from hypothesis import strategies as st

from deckgen.tables.dates import (
    COMMON_FORMATS,
    Month,
    Quarter,
    Year,
    compare,
    either_way,
    following,
    label,
    match,
    named,
    parse_date,
    period_form,
    period_hint,
    period_readings,
    periods_named,
    span,
    steps,
    suggest,
    time_order,
    undeclared_days,
    uneven,
)

DAYS = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31))
#: Layouts that write the whole day (the others drop it, or the century).
WHOLE_DAY = [f for f in COMMON_FORMATS if "%d" in f and "%y" not in f]


@given(DAYS, st.sampled_from(WHOLE_DAY))
def test_a_date_written_in_a_format_reads_back_as_itself(day, layout):
    assert parse_date(day.strftime(layout), layout) == day


@given(DAYS, st.sampled_from(["month", "quarter", "year"]))
def test_a_period_reads_back_as_the_period_holding_the_day(day, period):
    value = parse_date(day.isoformat(), None, period)
    assert value <= day
    assert parse_date(str(value), None, period) == value  # '2010-03', '2010-Q1', '2010'
    assert (value.year, value.day) == (day.year, 1)
    if period == "month":
        assert isinstance(value, Month) and value.month == day.month
    if period == "quarter":
        assert isinstance(value, Quarter) and value.quarter == (day.month - 1) // 3 + 1
    if period == "year":
        assert isinstance(value, Year) and value.month == 1


@given(DAYS)
def test_months_written_as_text_read_back_in_any_english_layout(day):
    month = Month.of(day)
    for layout in ("%b %Y", "%B %Y", "%m/%Y"):
        assert parse_date(day.strftime(layout), layout, "month") == month


def test_quarters_are_read_in_their_usual_layouts():
    for text in ("2010-Q3", "2010 Q3", "Q3 2010", "q3-2010", "2010Q3"):
        assert parse_date(text, None, "quarter") == Quarter(2010, 7, 1)


def test_excel_dates_and_years_as_numbers():
    assert parse_date(dt.datetime(2024, 3, 31)) == dt.date(2024, 3, 31)
    assert parse_date(2010, None, "year") == Year(2010, 1, 1)
    assert parse_date(2010.0, None, "year") == Year(2010, 1, 1)
    for bad in (dt.datetime(2024, 3, 31, 12, 30), 2010.5, "31/03/2024", "2023-02-30", True):
        with pytest.raises(ValueError):
            parse_date(bad, None, "year" if isinstance(bad, float) else None)


@pytest.mark.parametrize(
    "text", ["2023-01-01T00:00:00Z", "2023-01-01T00:00:00.000Z", "2023-01-01 00:00:00+00:00",
             "2023-01-01T00:00", "2023-01-01T00:00:00-0500"],
)  # fmt: skip
def test_an_iso_timestamp_at_midnight_is_its_day(text):
    """'2023-01-01T00:00:00Z', as an API writes a day, was refused with the fix to write
    '2023-01-01', which a feed cannot be told (found in review). At midnight it is the
    day; with a time of day it is refused, as an Excel cell's is (a reading per hour
    would become repeated days)."""
    assert parse_date(text) == dt.date(2023, 1, 1)
    assert parse_date(text, None, "month") == Month(2023, 1, 1)
    with pytest.raises(ValueError):
        parse_date(text.replace("00:00", "09:30", 1))
    with pytest.raises(ValueError):
        parse_date("2023-02-30T00:00:00Z")


def test_undeclared_iso_timestamps_at_midnight_are_put_in_time_order():
    """An API's days, newest first and not declared a date, kept the file's order: a line
    drawn backwards, said to fall where it rose (found in review). At midnight each names
    its day, as '2023-03-01' does; with a time of day, its moment (a post's, a campaign's
    send: newest first, each was drawn backwards too; found in review)."""
    from deckgen.tables.dates import time_order

    cells = ["2023-03-01T00:00:00Z", "2023-02-01T00:00:00Z", "2023-01-01T00:00:00Z"]
    assert time_order(cells) == [2, 1, 0]
    assert time_order([c.replace("T00", "T09") for c in cells]) == [2, 1, 0]
    # Two sends on one day are ordered by their times, midnight among them.
    assert time_order(["2023-03-01 15:15", "2023-03-01T00:00:00Z", "2023-03-01 09:00"]) == [
        1, 2, 0]  # fmt: skip


def test_a_wrong_layout_is_refused_not_guessed():
    with pytest.raises(ValueError):
        parse_date("Jan 1 2000")  # without a format: ISO only
    with pytest.raises(ValueError):
        parse_date("2000-01-01", "%b %d %Y")  # with one: that layout only


def test_periods_know_how_they_are_written_and_survive_pickling():
    month = Month(2010, 3, 1)
    assert (str(month), str(Quarter(2010, 1, 1)), str(Year(2010, 1, 1))) == (
        "2010-03", "2010-Q1", "2010")  # fmt: skip
    assert month == dt.date(2010, 3, 1) and Month(2010, 3, 1) < dt.date(2010, 3, 2)
    copy = pickle.loads(pickle.dumps(month))
    assert type(copy) is Month and copy == month


@pytest.mark.parametrize(
    ("cells", "hint"),
    [
        (["Jan 1 2000", "Sep 1 2009"], "add 'format: \"%b %d %Y\"' to the column"),
        (["Jan 1, 2000", "Sep 1, 2009"], "add 'format: \"%b %d, %Y\"'"),
        (["1 January 2000"], "add 'format: \"%d %B %Y\"'"),
        (["Jan 2007", "Feb 2007"], "and 'period: month'"),
        (["2007-01", "2007-02"], "add 'period: month'"),
        (["2007 Q1", "2007 Q2"], "add 'period: quarter'"),
        (["31/03/2024", "01/04/2024"], "add 'format: \"%d/%m/%Y\"'"),
        (["03/04/2024", "05/06/2024"], "(day first) or 'format: \"%m/%d/%Y\"' (month first)"),
    ],
)
def test_dates_in_another_layout_get_the_format_that_reads_them(cells, hint):
    assert hint in (suggest(cells) or "")


def test_a_hint_never_asks_for_the_period_the_column_has_and_names_excel_s_days():
    """A month column with 'period: month' was told to add 'period: month', and a cell of
    44927 (a date cell that lost its format) was not said to be one (found by fuzzing)."""
    from deckgen.tables.dates import excel_day_hint

    assert "period: month" not in (suggest(["2007-01", "2007-02"], has_period="month") or "")
    assert "2023-01-01" in (excel_day_hint(44927) or "")
    assert "2023-01-01" in (excel_day_hint("44927") or "")
    assert excel_day_hint(2023) is None and excel_day_hint("March") is None


def test_text_that_is_not_dates_gets_no_suggestion():
    assert suggest(["China", "USA"]) is None
    assert suggest([]) is None


@pytest.mark.parametrize(
    ("value", "long", "short"),
    [
        (Month(2010, 3, 1), "March 2010", "Mar 2010"),
        (Quarter(2010, 1, 1), "Q1 2010", "Q1 2010"),
        (Year(2010, 1, 1), "2010", "2010"),
        (dt.date(2010, 3, 31), "March 31, 2010", "Mar 31, 2010"),
    ],
)
def test_a_date_reads_as_its_period(value, long, short):
    assert label(value) == long
    assert label(value, short=True) == short


def test_labels_follow_the_locale_and_a_span_names_both_ends():
    assert label(Month(2010, 3, 1), "de_DE") == "März 2010"
    assert span([Month(2016, 12, 1), Month(2007, 1, 1)]) == "from January 2007 to December 2016"


def test_a_date_or_period_is_found_by_any_of_its_names():
    months = [Month(2008, 12, 1), Month(2009, 1, 1), Month(2009, 6, 1)]
    assert match("2009-06", months) == 2
    assert match("June 2009", months) == 2
    assert match(dt.date(2009, 6, 15), months) == 2  # a day names the month holding it
    assert match("2009", months) == 1  # a year names its first month
    assert match(2009, months) == 1
    assert match("2010-01", months) is None
    assert match("not a date", months) is None
    days = [dt.date(2000, 1, 1), dt.date(2000, 2, 1)]
    assert match("Feb 1 2000", days) == 1
    assert named("Q2 2009") == (dt.date(2009, 4, 1), "quarter")


@pytest.mark.parametrize(
    ("op", "wanted", "kept"),
    [
        (">=", "2009", ["2009-06", "2010-01"]),
        (">", "2009", ["2010-01"]),
        ("<", "2009-06", ["2008-12"]),
        ("<=", "2009-06", ["2008-12", "2009-06"]),
        ("<=", "2009-06-15", ["2008-12", "2009-06"]),  # a day names its month on months
        ("==", "Q2 2009", ["2009-06"]),
        ("!=", "2009", ["2008-12", "2010-01"]),
    ],
)
def test_a_date_compares_with_a_named_date_or_period(op, wanted, kept):
    months = [Month(2008, 12, 1), Month(2009, 6, 1), Month(2010, 1, 1)]
    assert [str(m) for m in months if compare(m, op, wanted)] == kept


def test_days_compare_by_the_day_and_the_period_ends_are_exact():
    day = dt.date(2009, 12, 31)
    assert compare(day, "<=", "2009") and not compare(day, ">", "2009-12-31")
    assert following(dt.date(2009, 10, 1), "quarter") == dt.date(2010, 1, 1)
    with pytest.raises(ValueError):
        compare(day, ">=", "soon")


# --------------------------------------------------------------------------- periods as text
#: Years whose two-digit form reads back as themselves ('%y': 69 to 99 are 1969 to 1999).
TWO_DIGIT = range(1969, 2069)


@given(st.integers(1000, 2999), st.integers(1, 4), st.integers(1, 12), st.integers(1, 28))
def test_a_period_written_in_any_supported_style_reads_as_that_period(year, q, month, day):
    """A line over these categories is put in time order by the periods they name (found
    by fuzzing: 'FY2023' ... 'FY2020' was drawn backwards)."""
    short = f"{year % 100:02d}"
    after = f"{(year + 1) % 100:02d}"
    first = Month(year, month, 1)
    written = {
        "year": [str(year), year, float(year), f" {year} "],
        "fiscal year": [f"FY{year}", f"FY {year}", f"fy{year}",
                        *([f"FY{short}"] if year in TWO_DIGIT else [])],
        "split year": [f"{year}/{after}", f"{year}-{after}", f"{year}/{year + 1}",
                       f"FY {year}-{after}", f"{year} / {after}"],
        "quarter": [f"{year} Q{q}", f"Q{q} {year}", f"{year}-Q{q}", f"{year}Q{q}",
                    f"q{q}-{year}"],
        "month": [f"{year}-{month:02d}", first.strftime("%b %Y"), first.strftime("%B %Y"),
                  first.strftime("%b-%Y"), *([first.strftime("%b-%y")]
                                             if year in TWO_DIGIT else []),
                  # year first, as statistics offices code them (ONS, Eurostat, OECD)
                  f"{year} {first:%b}".upper(), f"{year} {first:%B}", f"{year}M{month:02d}",
                  f"{year}-M{month:02d}"],
        "day": [f"{year}-{month:02d}-{day:02d}",
                dt.date(year, month, day).strftime("%B %d, %Y"),
                dt.date(year, month, day).strftime("%b %d %Y"),
                # day first with dots (never month first), year first, the month named
                f"{day:02d}.{month:02d}.{year}", f"{day}.{month}.{year}",
                f"{year}/{month:02d}/{day:02d}", f"{year}.{month}.{day}",
                dt.date(year, month, day).strftime("%d %b %Y"),
                dt.date(year, month, day).strftime("%d %B %Y"),
                dt.date(year, month, day).strftime("%d-%b-%Y"),
                *([dt.date(year, month, day).strftime("%d-%b-%y")] if year in TWO_DIGIT
                  else [])],
    }  # fmt: skip
    expected = {
        "year": dt.date(year, 1, 1), "fiscal year": dt.date(year, 1, 1),
        "split year": dt.date(year, 1, 1), "quarter": Quarter(year, 3 * q - 2, 1),
        "month": first, "day": dt.date(year, month, day),
    }  # fmt: skip
    for writing, texts in written.items():
        for text in texts:
            assert period_readings(text).get(writing) == expected[writing], text


NOT_PERIODS = st.one_of(
    # Codes and ranges: 'A1', 'B12', '10-20', '5/7'.
    st.builds("{}{}".format, st.sampled_from("ABCDFHKMQWXYZ"), st.integers(0, 999)),
    st.builds("{}{}{}".format, st.integers(0, 999), st.sampled_from("-/"), st.integers(0, 999)),
    # A quarter that is none: 'Q5 2023', '2023 Q0'.
    st.builds("Q{} {}".format, st.sampled_from([0, 5, 6, 9]), st.integers(1000, 2999)),
    st.builds("{} Q{}".format, st.integers(1000, 2999), st.sampled_from([0, 5, 6, 9])),
    # Two years that do not follow each other: '2023/25', '2019/2021'.
    st.builds(lambda y, gap: f"{y}/{(y + gap) % 100:02d}", st.integers(1000, 2999),
              st.integers(2, 98)),
    st.builds(lambda y, gap: f"{y}-{y + gap}", st.integers(1000, 2999), st.integers(2, 50)),
    # A month that is none, a day that is none: '2023-13', 'Mar 23' (the 23rd of March?).
    st.builds("{}-{}".format, st.integers(1000, 2999), st.integers(13, 99)).filter(
        lambda t: int(t[-2:]) != (int(t[:4]) + 1) % 100),  # '1812-13' is the year 1812/13
    st.builds(lambda m, d: f"{dt.date(2000, m, 1):%b} {d:02d}", st.integers(1, 12),
              st.integers(1, 28)),
    st.builds("{}-02-30".format, st.integers(1000, 2999)),
    # A month coded year first that is none: '2023M13', '2023 Foo'.
    st.builds("{}M{}".format, st.integers(1000, 2999), st.integers(13, 99)),
    st.builds("{} {}".format, st.integers(1000, 2999), st.sampled_from(["Foo", "Qtr", "ABC"])),
)  # fmt: skip


@given(st.integers(1, 12), st.integers(1000, 2999), st.sampled_from(["{m:02d}.{y}",
       "{m}/{y}", "{m:02d}/{y}", "{m}-{y}", "{m:02d}-{y}"]))  # fmt: skip
def test_a_month_written_month_first_in_numbers_reads_as_that_month(month, year, layout):
    """'03.2024', '3/2024': drawn in the file's order, a line over them ran back and forth
    in time (found in review)."""
    assert period_readings(layout.format(m=month, y=year)) == {"month": Month(year, month, 1)}


@pytest.mark.parametrize(
    ("text", "month"),
    [("mars 2024", (2024, 3)), ("Mars 2024", (2024, 3)), ("février 2024", (2024, 2)),
     ("März 2024", (2024, 3)), ("Dezember 2023", (2023, 12)), ("Dez. 2023", (2023, 12)),
     ("2023 januari", (2023, 1)), ("2023 maart", (2023, 3)), ("enero 2024", (2024, 1)),
     ("settembre 2022", (2022, 9)), ("Sept 2023", (2023, 9)), ("août 2021", (2021, 8))],
)  # fmt: skip
def test_a_month_named_in_another_language_reads_as_that_month(text, month):
    assert period_readings(text) == {"month": Month(*month, 1)}


@pytest.mark.parametrize(
    "text",
    # A month of no number, a point with one digit (a decimal, 1.1999), a two-digit year
    # (a day or a fraction), a year out of range, a word that is no month.
    ["13.2024", "00/2024", "1.1999", "3/24", "03.24", "Marsch 2024", "Mars",
     "2024 Marte", "mars 0999"],
)  # fmt: skip
def test_what_only_looks_like_a_month_first_or_foreign_month_names_none(text):
    assert "month" not in period_readings(text)


def test_months_written_month_first_or_in_french_run_forwards_in_time():
    for cells in (["03.2024", "01.2024", "12.2023", "02.2024"],
                  ["mars 2024", "janvier 2024", "décembre 2023", "février 2024"]):  # fmt: skip
        order = time_order(cells)
        assert order is not None
        assert [cells[k] for k in order] == [cells[2], cells[1], cells[3], cells[0]]


@given(NOT_PERIODS, st.lists(st.integers(1990, 2030), min_size=1, max_size=5))
def test_a_category_that_only_looks_like_a_period_names_none(text, years):
    """A column holding one such category is left in the file's order."""
    assert period_readings(text) == {}
    assert time_order([*map(str, years), text]) is None


@given(st.lists(DAYS, min_size=2, max_size=8, unique=True), st.randoms())
def test_days_written_day_first_with_dots_are_put_in_time_order(days, random):
    """'21.01.2024' is never month first: a line over such days, newest first, was drawn
    backwards and its alt text stated a false trend (found by fuzzing, fuzz-K/7)."""
    random.shuffle(days)
    order = time_order([f"{d:%d.%m.%Y}" for d in days])
    assert order is not None and [days[k] for k in order] == sorted(days)


@given(st.lists(DAYS, min_size=2, max_size=8, unique=True), st.sampled_from("/-"))
def test_days_that_read_either_way_are_not_guessed_and_backwards_ones_are_named(days, sep):
    """'01/02/2024' is 1 February or 2 January: never put in order; drawn in the file's
    order it is named when that runs back in time whichever it is."""
    cells = [f"{d:%d}{sep}{d:%m}{sep}{d:%Y}" for d in sorted(days, reverse=True)]
    if all(d.day <= 12 for d in days):
        assert time_order(cells) is None
    found = undeclared_days(cells)
    # Read month first, 01/02 then 02/01 runs forwards (2 January, 1 February): the file
    # may mean that, and is drawn as it is (found by hypothesis).
    month_first = [dt.date(d.year, d.day, d.month) if d.day <= 12 else None
                   for d in sorted(days, reverse=True)]  # fmt: skip
    forwards = None not in month_first and month_first == sorted(month_first)  # type: ignore[type-var]
    if forwards:
        assert found == ()
    else:
        assert f"%d{sep}%m{sep}%Y" in found  # day first: the one reading surely wrong
    assert undeclared_days(cells[::-1]) == ()  # in time order one way: drawn as it is


def test_cells_are_put_in_time_order_only_when_all_are_written_one_way():
    assert time_order(["FY2023", "FY2021", "FY2022"]) == [1, 2, 0]
    assert time_order(["2023-03-01", "2023-02-01", "2023-01-01"]) == [2, 1, 0]
    assert time_order(["Mar-23", "Jan-23", "Dec-22"]) == [2, 1, 0]
    assert time_order(["2023 Q2", "Q1 2023", "2022-Q4"]) == [2, 1, 0]  # one period, any layout
    assert time_order(["2012-13", "2011-12", "2010-11"]) == [2, 1, 0]  # months or split years
    assert time_order([2021, "2019", 2020.0]) == [1, 2, 0]
    assert time_order([numpy.int64(2021), numpy.int64(2019)]) == [1, 0]  # an integer column
    # Fiscal years named by their last year and by both: which comes first is unknown.
    assert time_order(["FY2023", "2021/22"]) is None
    assert time_order(["2023", "FY2022"]) is None
    assert time_order(["2023 Q1", "2023-02"]) is None
    assert time_order(["2021", "2019", None]) is None
    assert time_order([]) is None


@pytest.mark.parametrize(
    ("cell", "moment"),
    [("2024/03/05 10:21:33 AM GMT+1", dt.datetime(2024, 3, 5, 9, 21, 33)),
     ("2024/03/05 12:05:00 AM GMT+1", dt.datetime(2024, 3, 4, 23, 5)),  # midnight
     ("2024/03/05 12:30:00 PM GMT+1", dt.datetime(2024, 3, 5, 11, 30)),  # noon
     ("2024/03/31 9:15:45 PM GMT-5:30", dt.datetime(2024, 4, 1, 2, 45, 45)),
     ("2024/3/5 9:01 pm", dt.datetime(2024, 3, 5, 21, 1)),
     ("2024.03.05 21:01", dt.datetime(2024, 3, 5, 21, 1))],
)  # fmt: skip
def test_a_day_written_year_first_with_its_time_is_a_moment(cell, moment):
    """Google Forms writes its timestamps '2024/03/05 9:15:45 PM GMT+1': a table sorted by
    them put 10:21 AM before 8:01 AM, as text (found in review). Each is a moment, in UTC
    where it names its zone."""
    from deckgen.tables.dates import period_readings

    assert period_readings(cell) == {"time": moment}


@pytest.mark.parametrize(
    ("cell", "moment"),
    [("Nov 28, 2026 9:05:00 AM", dt.datetime(2026, 11, 28, 9, 5)),
     ("November 3, 2026 4:30:15 PM", dt.datetime(2026, 11, 3, 16, 30, 15)),
     ("Nov 3, 2026 16:30:00", dt.datetime(2026, 11, 3, 16, 30))],
)  # fmt: skip
def test_a_named_months_day_with_a_time_to_the_second_is_a_moment(cell, moment):
    """Sprinklr writes 'Nov 28, 2026 9:05:00 AM': read as text, a line over a newest-first
    export ran backwards, its alt text 'fell' of a rise, and a sort step put Nov 3 after
    Nov 28, check clean (found in review)."""
    from deckgen.tables.dates import period_readings, time_order

    assert period_readings(cell) == {"time": moment}
    assert time_order(["Nov 28, 2026 9:05:00 AM", "Nov 3, 2026 9:30:00 AM"]) == [1, 0]


@pytest.mark.parametrize("cell", ["2024/03/05 13:00 PM", "2024/02/30 10:00", "2024/03-05 10:00"])
def test_a_year_first_time_that_is_none_is_no_moment(cell):
    from deckgen.tables.dates import period_readings

    assert "time" not in period_readings(cell)


def test_dates_are_written_in_the_locale_a_block_sets():
    """An en_GB deck's chart axes read 'Nov 3, 2025' (found in review)."""
    from deckgen.tables.dates import dated, label

    day = dt.date(2025, 11, 3)
    assert label(day, precision="day") == "November 3, 2025"
    with dated("en_GB"):
        assert label(day, precision="day") == "3 November 2025"
        assert label(day, short=True, precision="day") == "3 Nov 2025"
        assert label(day, "en_US", precision="day") == "November 3, 2025"  # named wins
    assert label(day, short=True, precision="day") == "Nov 3, 2025"


def test_a_day_that_is_no_day_is_matched_to_the_nearest_day_in_time():
    """'2024-02-30' was offered '2024-06-30' by spelling (found in review)."""
    from deckgen.tables.dates import nearest_day

    names = ["2024-01-31", "2024-02-29", "2024-03-31", "2024-06-30"]
    assert nearest_day("2024-02-30", names) == (
        "'2024-02-30' is no day (February 2024 has 29 days): did you mean '2024-02-29'?"
    )
    assert nearest_day("2024-02-29", names) is None  # a real day: no such hint
    assert nearest_day("2024-13-01", names) is None and nearest_day("Feb 30", names) is None


@pytest.mark.parametrize("cell", ["01/03/2024 09:00", dt.datetime(2024, 3, 1, 9, 0)])
def test_a_time_of_day_is_refused_not_dropped(cell):
    """'%d/%m/%Y %H:%M' read four readings as two days (found by fuzzing); midnight, as an
    export writes a day, is a day."""
    from deckgen.tables.dates import time_of_day_hint

    with pytest.raises(ValueError):
        parse_date(cell, "%d/%m/%Y %H:%M")
    assert "a time of day (09:00)" in (time_of_day_hint(cell, "%d/%m/%Y %H:%M") or "")
    assert parse_date("01/03/2024 00:00", "%d/%m/%Y %H:%M") == dt.date(2024, 3, 1)
    assert time_of_day_hint("01/03/2024 00:00", "%d/%m/%Y %H:%M") is None


@pytest.mark.parametrize(
    ("cells", "writing", "gaps"),
    [(["2022 Q1", "Q2 2022", "2023-Q3", "2023 Q4"], "quarter", [1, 5, 1]),
     (["Jan 2020", "Feb 2020", "Jun 2020"], "month", [1, 4]),
     (["2024-02-01", "2024-02-02", "2024-02-03", "2024-02-13", "2024-03-30"], "day",
      [1, 1, 10, 46]),
     (["2024-01-01", "2024-02-01", "2024-04-01"], "day", [1, 2]),  # months, as days
     (["2024-01-31", "2024-02-29", "2024-03-31"], "day", [1, 1]),  # month ends
     ([2000, "2010", 2015.0], "year", [10, 5]),
     (["FY2019", "FY2021", "FY2022"], "fiscal year", [2, 1])],
)  # fmt: skip
def test_periods_step_in_the_unit_they_are_written_in(cells, writing, gaps):
    """What makes periods uneven for a chart along time (placed at their dates, else
    said): steps counted in years, quarters, months or days, a monthly series written as
    days stepping in months."""
    found = periods_named(cells)
    assert found is not None and found[0] == writing
    assert steps(sorted(found[1]), writing) == gaps
    assert uneven(sorted(found[1]), writing) == (len(set(gaps)) > 1)
    if writing == "year":
        assert all(isinstance(d, Year) for d in found[1])


def test_days_either_way_are_read_each_way_that_reads_them_all():
    assert either_way(["01/02/2024", "13/02/2024"]) == {
        "%d/%m/%Y": [dt.date(2024, 2, 1), dt.date(2024, 2, 13)]
    }
    assert set(either_way(["01-02-2024", "03-04-2024"])) == {"%d-%m-%Y", "%m-%d-%Y"}
    assert either_way(["01/02/2024", "01-03-2024"]) == {}  # two separators
    assert either_way(["01/02/2024"]) == {}


MONTHS_2025 = [f"2025-{m:02d}" for m in range(1, 13)]


@pytest.mark.parametrize(
    ("wanted", "names", "hint"),
    [
        # The data writes its months in ISO, the outline as the axis shows them, or the
        # other way round: the name that writes the same month.
        ("Oct 2025", MONTHS_2025, "did you mean '2025-10'? (the data writes October 2025 so)"),
        ("October 2025", MONTHS_2025, "did you mean '2025-10'?"),
        ("2025-10", ["Sep 2025", "Oct 2025"], "did you mean 'Oct 2025'?"),
        # A period the data has not: its span, and a name written as the data writes it.
        ("Oct 2026", MONTHS_2025, "the data has no October 2026: its months run from "
         "January 2025 to December 2025; write one as the data does, as '2025-12'"),
        ("10/2025", MONTHS_2025, "write one of the months as the data does, as '2025-12'"),
        ("2021", ["2019", "2020"], "the data has no 2021: its years run from 2019 to 2020"),
    ],
)  # fmt: skip
def test_a_period_that_matches_no_name_is_told_how_the_data_writes_it(wanted, names, hint):
    """'Oct 2025' on a month column was told to "write the name exactly as the data has
    it", which the data and the axis both did (found by review)."""
    assert (period_hint(wanted, names) or period_form(wanted, names) or "").startswith(hint)


@pytest.mark.parametrize(
    ("wanted", "names"),
    [("North", ["2019", "2020"]), ("Oct 2025", ["North", "South"]), ("18-29", ["18–29"])],
)
def test_a_period_hint_is_only_for_periods(wanted, names):
    assert period_hint(wanted, names) is None and period_form(wanted, names) is None


@pytest.mark.parametrize(
    ("cell", "layout"), [("2023 JAN", "%Y %b"), ("2023M01", "%YM%m"), ("2023-M01", "%Y-M%m")]
)
def test_the_format_a_coded_month_is_told_reads_it(cell, layout):
    """The format suggested for an office's coded month reads it as that month."""
    from deckgen.tables.dates import Month, parse_date, suggest

    assert f'format: "{layout}"' in (suggest([cell]) or "")
    assert parse_date(cell, layout, "month") == Month(2023, 1, 1)


def test_the_kinds_a_filter_keeps_are_the_periods_a_chart_places():
    """'op: is a' takes the kinds dates.period_kind names: one list, written twice across
    the layers (the outline's schema does not import the tables')."""
    from deckgen.outline.schema import PERIOD_KINDS
    from deckgen.tables.dates import PLACED

    assert PERIOD_KINDS == PLACED


@pytest.mark.parametrize(
    ("cells", "read"),
    [(["20240101", "20240107"], ["2024-01-01", "2024-01-07"]),
     (["20240101"], None),  # one eight-digit number may be an ID
     (["20240101", "20240231"], None),  # no 31 February
     (["20240101", "12345678"], None),
     (["20240101", "2024-01-02"], None)],
)  # fmt: skip
def test_days_as_google_analytics_writes_them_are_read_as_days(cells, read):
    from deckgen.tables.dates import read_coded

    days = read_coded(cells)
    assert (None if days is None else [d.isoformat() for d in days]) == read


def test_days_that_end_months_are_the_months_they_end():
    """The ECB's Data Portal dates each month by its last day ('2023-01-31'): drawn as
    days, each month's point sat at the next month's tick, and the alt text said '15
    points from January 31, 2023' (found in review). Quarter ends are quarters, year ends
    years; a day that ends no month keeps them all days."""
    from deckgen.tables.dates import Month, Quarter, Year, as_periods

    ends = [dt.date(2023, 1, 31), dt.date(2023, 2, 28), dt.date(2024, 2, 29),
            dt.date(2024, 3, 31)]  # fmt: skip
    assert as_periods(ends) == [Month(2023, 1, 1), Month(2023, 2, 1), Month(2024, 2, 1),
                                Month(2024, 3, 1)]  # fmt: skip
    assert all(type(p) is Month for p in as_periods(ends))
    quarters = [dt.date(2023, 3, 31), dt.date(2023, 6, 30), dt.date(2023, 9, 30)]
    assert all(type(p) is Quarter for p in as_periods(quarters))
    assert all(type(p) is Year for p in as_periods([dt.date(2022, 12, 31), dt.date(2023, 12, 31)]))
    days = [dt.date(2023, 1, 31), dt.date(2023, 2, 27)]
    assert as_periods(days) == days and not any(type(p) is Month for p in as_periods(days))


def test_days_that_start_quarters_and_step_in_quarters_are_quarters():
    """FRED's quarterly GDP is dated '2024-01-01', '2024-04-01': said 'in January 2024' and
    shown 'January 1, 2024' in a table, where it is the first quarter's (found in review).
    Months that step by one stay months; years stay years."""
    from deckgen.tables.dates import Month, Quarter, Year, as_periods

    quarters = [dt.date(2023, m, 1) for m in (1, 4, 7, 10)] + [dt.date(2024, 1, 1)]
    assert as_periods(quarters) == [Quarter(d.year, d.month, 1) for d in quarters]
    assert all(type(p) is Quarter for p in as_periods(quarters))
    months = [dt.date(2023, m, 1) for m in (1, 2, 3, 4)]
    assert all(type(p) is Month for p in as_periods(months))
    years = [dt.date(y, 1, 1) for y in (2021, 2022)]
    assert all(type(p) is Year for p in as_periods(years))
    # Quarter starts that skip a month between them are months, as they are.
    assert all(type(p) is Month for p in as_periods([dt.date(2023, 1, 1), dt.date(2023, 2, 1),
                                                     dt.date(2023, 4, 1)]))  # fmt: skip
