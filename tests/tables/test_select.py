import datetime as dt
import math
from itertools import pairwise

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from deckgen.errors import DataError, Location
from deckgen.kinds.charts import chart as chart_spec
from deckgen.tables import dates
from deckgen.tables.dates import Month, Quarter
from deckgen.tables.origin import Origin
from deckgen.tables.select import ChartData, Series, chart_data, number_hint, to_number
from tests.helpers import REPO
from tests.helpers import employment_frame as employment_months

WHERE = Location("deck.yaml", 12, "slides[3].chart")


def frame():
    df = pd.DataFrame(
        {
            "country": ["China", "USA", "Japan", "India", "World Total"],
            "y2004": ["5234496", "11989387", "10511518", "155157", "64496220"],
            "y2023": ["30160966", "10611555", "8997440", "5851507", "93546599"],
        }
    )
    df.attrs["file"] = "data/production.csv"
    return df


def spec(**kw):
    base = {"type": "bar", "data": "p", "x": "country", "y": "y2023"}
    return chart_spec(**{**base, **kw})


def test_filter_sort_and_top_apply_in_order():
    data = chart_data(
        frame(),
        spec(
            filter=[{"column": "country", "op": "!=", "value": "World Total"}],
            sort={"by": "y2023"},
            top=2,
        ),
        WHERE,
    )
    assert data.categories == ("China", "USA")
    assert data.series[0].values == (30160966.0, 10611555.0)


def test_numeric_filters_compare_numbers_not_text():
    data = chart_data(frame(), spec(filter=[{"column": "y2004", "op": "<", "value": 6e6}]), WHERE)
    assert data.categories == ("China", "India")


@pytest.mark.parametrize(
    ("cells", "value", "op", "kept"),
    [([30.0, 10.0, 9.0], 30, "==", ["A"]),  # a declared number column holds floats
     (["30.0", "10.0", "9"], 30, "==", ["A"]),  # a file writes 30 as '30.0'
     (["30", "10", "9"], 30.0, "==", ["A"]),  # YAML 30.0 beside the file's '30'
     (["30", "10", "9"], [30, 9], "in", ["A", "C"]),
     ([30.0, 10.0, 9.0], [30], "not in", ["B", "C"])],
)  # fmt: skip
def test_an_equality_filter_matches_a_number_however_it_is_written(cells, value, op, kept):
    """30 was compared with '30.0' as text: no row kept, and 'did you mean 30.0?' (found
    by fuzzing). A typo is still an error (the filter keeps nothing)."""
    table = pd.DataFrame({"country": ["A", "B", "C"], "v": pd.Series(cells, dtype=object)})
    rule = [{"column": "v", "op": op, "value": value}]
    data = chart_data(table, spec(y="v", filter=rule), WHERE)
    assert list(data.categories) == kept
    from deckgen.tables.select import check_filters

    assert check_filters(table, spec(y="v", filter=rule), WHERE) == []
    typo = [{"column": "v", "op": "==", "value": 31}]
    assert "no row of 'p' has v = 31" in check_filters(table, spec(y="v", filter=typo),
                                                         WHERE)[0].message  # fmt: skip


@pytest.mark.parametrize("empty", [None, math.nan, pd.NA, ""])
@pytest.mark.parametrize(("op", "kept"), [("==", ["B"]), ("!=", ["A", "C"])])
def test_value_empty_matches_an_empty_cell_however_it_was_read(empty, op, kept):
    """A spreadsheet's empty cell is read as no value (None or NaN), a CSV's as "": a filter
    `value: ""` matched only the CSV's, and on an Excel file was an error listing the
    values 'x' and 'nan' (a name nobody can write)."""
    from deckgen.tables.select import check_filters

    table = pd.DataFrame({"country": ["A", "B", "C"], "flag": pd.Series(["x", empty, "x"],
                                                                        dtype=object),
                          "v": [1.0, 2.0, 3.0]})  # fmt: skip
    rule = [{"column": "flag", "op": op, "value": ""}]
    assert check_filters(table, spec(y="v", filter=rule), WHERE) == []
    assert list(chart_data(table, spec(y="v", filter=rule), WHERE).categories) == kept
    typo = [{"column": "flag", "value": "y"}]
    (problem,) = check_filters(table, spec(y="v", filter=typo), WHERE)
    assert "its values are 'x', ''" in problem.message and "nan" not in problem.message


@pytest.mark.parametrize("years", [["2021", "2019", "2020"], [2021, 2019, 2020],
                                   [2021.0, 2019.0, 2020.0]])  # fmt: skip
def test_a_line_over_years_runs_forwards_whatever_the_row_order(years):
    """A database export's 2021, 2019, 2020 drew a line back in time, and the alt text
    said Coal 'rose' where it fell (found by fuzzing). A bar chart keeps the file's order."""
    table = pd.DataFrame({"year": pd.Series(years, dtype=object), "coal": ["60", "100", "80"]})
    line = chart_data(table, chart_spec(type="line", data="p", x="year", y="coal"), WHERE)
    assert line.categories == ("2019", "2020", "2021") and line.series[0].values == (100, 80, 60)
    bars = chart_data(table, chart_spec(type="bar", data="p", x="year", y="coal"), WHERE)
    assert bars.categories == ("2021", "2019", "2020")
    asked = chart_spec(type="line", data="p", x="year", y="coal",
                       sort={"by": "coal", "descending": False})  # fmt: skip
    assert chart_data(table, asked, WHERE).categories == ("2021", "2020", "2019")  # as asked


NEWEST_FIRST = [
    ["FY2023", "FY2022", "FY2021", "FY2020"],
    ["FY 2023", "FY 2022", "FY 2021", "FY 2020"],
    ["FY23", "FY22", "FY21", "FY20"],
    ["2023/24", "2022/23", "2021/22", "2020/21"],
    ["2022-23", "2021-22", "2020-21", "2019-20"],
    ["2023 Q2", "2023 Q1", "2022 Q4", "2022 Q3"],
    ["Q2 2023", "Q1 2023", "Q4 2022", "Q3 2022"],
    ["2023-Q2", "2023-Q1", "2022-Q4", "2022-Q3"],
    ["Apr-23", "Mar-23", "Feb-23", "Jan-23"],
    ["Apr 2023", "Mar 2023", "Feb 2023", "Jan 2023"],
    ["2023-04", "2023-03", "2023-02", "2023-01"],
    ["2023-04-01", "2023-03-01", "2023-02-01", "2023-01-01"],
    ["04.02.2024", "21.01.2024", "14.01.2024", "07.01.2024"],  # dd.mm.yyyy: never month first
    ["2024/02/04", "2024/01/21", "2024/01/14", "2024/01/07"],
    ["4 Feb 2024", "21 Jan 2024", "14 Jan 2024", "7 Jan 2024"],
]


@pytest.mark.parametrize("periods", NEWEST_FIRST, ids=[p[0] for p in NEWEST_FIRST])
@pytest.mark.parametrize("kind", ["line", "area"])
def test_a_line_over_periods_written_as_text_runs_forwards_in_time(tmp_path, periods, kind):
    """A table published newest first ('FY2023' ... 'FY2020', or an unpivot of a sheet's
    date headers, '2023-03-01' ...) was drawn backwards, and the alt text read the rise as
    a fall (found by fuzzing, fuzz-G/2). The categories keep their text; bars keep the
    file's order, but over ISO days and months, which every chart reads as dates (see
    test_bars_over_iso_days_are_dates)."""
    from deckgen.tables.sources import load_tables
    from tests.tables.test_sources import outline

    rows = "".join(f"{p},{v}\n" for p, v in zip(periods, [130, 120, 110, 100], strict=True))
    (tmp_path / "t.csv").write_text(f"period,value\n{rows}", encoding="utf-8")
    df = load_tables(outline(tmp_path, "  t: {file: t.csv}\n"))["t"]
    data = chart_data(df, chart_spec(type=kind, data="t", x="period", y="value"), WHERE)
    assert data.categories == tuple(reversed(periods))
    assert data.series[0].values == (100, 110, 120, 130)
    bars = chart_data(df, chart_spec(type="bar", data="t", x="period", y="value"), WHERE)
    # ISO days and months: dates on bars too, in time order.
    dated = periods[0] in ("2023-04-01", "2023-04")
    assert bars.categories == (tuple(reversed(periods)) if dated else tuple(periods))


@pytest.mark.parametrize(
    "cells",
    [["A1", "B2", "A3"], ["10-20", "0-10", "20-30"], ["FY2023", "2021/22", "FY2021"],
     ["2023", "FY2022", "2021"], ["2023 Q1", "2022", "2023-02"], ["2023/25", "2021/22", "2022/23"],
     ["Q5 2023", "Q1 2023", "Q2 2023"]],
)  # fmt: skip
def test_a_line_over_categories_that_are_not_all_periods_of_one_kind_keeps_the_files_order(
    tmp_path, cells
):
    from deckgen.tables.sources import load_tables
    from tests.tables.test_sources import outline

    rows = "".join(f"{c},{v}\n" for c, v in zip(cells, [3, 2, 1], strict=True))
    (tmp_path / "t.csv").write_text(f"k,v\n{rows}", encoding="utf-8")
    df = load_tables(outline(tmp_path, "  t: {file: t.csv}\n"))["t"]
    data = chart_data(df, chart_spec(type="line", data="t", x="k", y="v"), WHERE)
    assert data.categories == tuple(cells)


@pytest.mark.parametrize("sep", ["/", "-"])
def test_a_line_over_days_either_way_that_run_back_in_time_is_an_error(tmp_path, sep):
    """'01/03/2024' is day or month first: not put in order (a guess), and drawn in the
    rows' order, back in time whichever it is, with no word (found by fuzzing, fuzz-K/7).
    The error says how to declare the column; rows in time order one way are drawn."""
    from deckgen.tables.sources import load_tables
    from tests.tables.test_sources import outline

    cells = [f"01{sep}03{sep}2024", f"01{sep}02{sep}2024", f"01{sep}01{sep}2024"]
    rows = "".join(f"{c},{v}\n" for c, v in zip(cells, [3, 2, 1], strict=True))
    (tmp_path / "t.csv").write_text(f"day,v\n{rows}", encoding="utf-8")
    df = load_tables(outline(tmp_path, "  t: {file: t.csv}\n"))["t"]
    with pytest.raises(DataError) as info:
        chart_data(df, chart_spec(type="line", data="t", x="day", y="v"), WHERE)
    message = str(info.value)
    assert "the x column 'day' holds days written as text ('01" in message
    assert f'columns: {{day: {{type: date, format: "%d{sep}%m{sep}%Y"}}}} (day first)' in message
    assert f'format: "%m{sep}%d{sep}%Y"}}}} (month first)' in message
    assert chart_data(df, chart_spec(type="bar", data="t", x="day", y="v"), WHERE).categories
    asked = chart_spec(type="line", data="t", x="day", y="v", sort={"by": "v"})
    assert chart_data(df, asked, WHERE).categories == tuple(cells)
    rows = "".join(f"{c},{v}\n" for c, v in zip(cells[::-1], [1, 2, 3], strict=True))
    (tmp_path / "f.csv").write_text(f"day,v\n{rows}", encoding="utf-8")
    forwards = load_tables(outline(tmp_path, "  f: {file: f.csv}\n"))["f"]
    data = chart_data(forwards, chart_spec(type="line", data="f", x="day", y="v"), WHERE)
    assert data.categories == tuple(reversed(cells))


def test_long_data_over_iso_days_written_as_text_runs_forwards_in_time(tmp_path):
    """An unpivot of Excel date headers names its months '2023-03-01' ...: 'North rose
    from 10 in 2023-03-01 to 14 in 2023-01-01' where it fell (found by fuzzing)."""
    from deckgen.tables.sources import load_tables
    from tests.tables.test_sources import outline

    (tmp_path / "t.csv").write_text(
        "region,2023-03-01,2023-02-01,2023-01-01\nNorth,10,12,14\nSouth,5,4,3\n",
        encoding="utf-8",
    )
    steps = ("  t: {file: t.csv}\n  long:\n    from: t\n    steps:\n"
             "      - unpivot: {id: region, name: month, value: v}\n")  # fmt: skip
    df = load_tables(outline(tmp_path, steps))["long"]
    data = chart_data(
        df, chart_spec(type="line", data="long", x="month", y="v", series="region"), WHERE
    )
    assert data.categories == ("2023-01-01", "2023-02-01", "2023-03-01")
    assert [(s.name, s.values) for s in data.series] == [
        ("North", (14, 12, 10)), ("South", (3, 4, 5))
    ]  # fmt: skip
    asked = chart_spec(type="line", data="long", x="month", y="v", series="region",
                       sort={"by": "v"})  # fmt: skip
    assert chart_data(df, asked, WHERE).categories[0] == "2023-01-01"  # 14, the largest


def test_scale_multiplies_values():
    data = chart_data(frame(), spec(scale=1e-6, top=1), WHERE)
    assert data.series[0].values == (pytest.approx(30.160966),)


def test_transpose_turns_columns_into_categories():
    data = chart_data(
        frame(),
        spec(
            type="line",
            y=["y2004", "y2023"],
            series_labels={"y2004": "2004", "y2023": "2023"},
            transpose=True,
            top=2,
        ),
        WHERE,
    )
    assert data.categories == ("2004", "2023")
    assert [s.name for s in data.series] == ["China", "USA"]
    assert data.series[0].values == (5234496.0, 30160966.0)


def test_transpose_refuses_a_row_with_no_value_to_draw():
    """A 'Total' row left empty became, transposed, a line the chart drew nothing for and
    the alt text left out, with no word (found in review). It is an error naming the row
    and its line in the file, with the filter that leaves it out, which then builds."""
    rows = pd.DataFrame({"country": ["China", "Japan", "Total"], "y2019": [25.7, 9.7, None],
                         "y2023": [30.2, 9.0, None]})  # fmt: skip
    rows.attrs["origin"] = Origin("prod.csv", (2, 3, 4))
    line = {"type": "line", "data": "p", "x": "country", "y": ["y2019", "y2023"],
            "transpose": True}  # fmt: skip
    with pytest.raises(DataError) as info:
        chart_data(rows, chart_spec(**line), WHERE)
    message = str(info.value)
    assert "slides[3].chart.transpose: row 'Total' (prod.csv:4) of data source 'p' has no " in (
        message)  # fmt: skip
    assert "'filter: [{column: country, op: '!=', value: Total}]'" in message
    kept = chart_spec(**line, filter=[{"column": "country", "op": "!=", "value": "Total"}])
    assert [s.name for s in chart_data(rows, kept, WHERE).series] == ["China", "Japan"]


def test_missing_column_names_the_field_and_suggests_the_nearest():
    with pytest.raises(DataError) as info:
        chart_data(frame(), spec(y="y2032"), WHERE)
    message = str(info.value)
    assert "deck.yaml:12: slides[3].chart.y" in message
    assert "no column 'y2032'" in message
    assert "did you mean 'y2023'?" in message


def test_non_numeric_cell_names_file_line_and_value():
    df = frame()
    df.loc[2, "y2023"] = "lots"
    with pytest.raises(DataError) as info:
        chart_data(df, spec(), WHERE)
    message = str(info.value)
    assert "data/production.csv:4: y2023" in message  # header is line 1, Japan is line 4
    assert "expected a number in column 'y2023', found 'lots'" in message
    assert "slides[3].chart.y" in message


@pytest.mark.parametrize(
    ("cells", "said", "at"),
    [
        (["45%", "0.3", "12%", "9%", "0%"],
         "column 'y2023' mixes percentages and plain numbers: '0.3' beside '45%'", 3),
        (["$1200", "$800", "€3", "$5", "$1"],
         "column 'y2023' mixes currencies: '$1200' in $ beside '€3' in €", 4),
        # An accounting loss in parentheses is a percentage too (fuzzing: it passed).
        (["(45%)", "0.3", "0.2", "0.1", "0"],
         "column 'y2023' mixes percentages and plain numbers: '(45%)' beside '0.3'", 2),
    ],
)  # fmt: skip
def test_cells_of_one_column_in_different_units_are_an_error(cells, said, at):
    """'45%' beside '0.3' charted 45 and 0.3, '$1200' beside '€3' two currencies on one
    axis, without a word (found by fuzzing)."""
    df = frame()
    df["y2023"] = cells
    with pytest.raises(DataError) as info:
        chart_data(df, spec(), WHERE)
    message = str(info.value)
    assert said in message and f"data/production.csv:{at}: y2023" in message


def test_one_unit_throughout_and_zero_in_any_dress_chart_as_numbers():
    df = frame()
    df["y2023"] = ["45%", "30%", "0", "-", "12.5%"]
    assert chart_data(df, spec(), WHERE).series[0].values == (45.0, 30.0, 0.0, None, 12.5)
    df["y2023"] = ["$1200", "800", "$3", "$5", "$1"]  # a sign left off one: let be
    assert chart_data(df, spec(), WHERE).series[0].values[:2] == (1200.0, 800.0)


@pytest.mark.parametrize(
    ("cell", "hint"),
    [("$(200)", "'$(200)' has its brackets after the currency sign: write -$200 (the sign "
                "first) or ($200)"),
     ("¥-300", "'¥-300' has its minus after the currency sign: write -¥300"),
     ("1'234", "\"1'234\" has apostrophes between thousands, as Switzerland writes them: "
               "write 1234"),
     # SAP's negative, its minus after it: the unit's hint said to write 1,234.50 alone, a
     # loss turned into a gain (found in review).
     ("1,234.50-", "'1,234.50-' is a negative number with its minus after it, as SAP and "
                   "accounting exports write one: write -1,234.50 (the minus first)"),
     ("12 -", "write -12 (the minus first)")],
)  # fmt: skip
def test_a_sign_after_the_currency_or_swiss_thousands_get_a_hint_that_says_so(cell, hint):
    """Each got the plain hint, which did not say what was wrong (fuzzing)."""
    with pytest.raises(ValueError):
        to_number(cell)
    assert hint in (number_hint(cell) or "")


def test_dash_and_blank_are_missing_values():
    assert to_number("-") is None
    assert to_number("") is None
    assert to_number("1,234") == 1234.0
    with pytest.raises(ValueError):
        to_number("n.a.x")


@pytest.mark.parametrize(
    "text",
    # A first group of 0 is a decimal comma, never thousands: '0,875' read 875 (fuzzing).
    ["12,3", "1,23,456", "1_000", "\uff11\uff12", "\u0661\u0662", "12.3.4", "0,875", "-0,250",
     "00,500", "012,345", "0,000.5"],
)  # fmt: skip
def test_text_a_data_file_does_not_mean_as_a_number_is_not_read_as_one(text):
    # A decimal comma read as a thousands separator made "12,3" 123 in a chart, silently;
    # Python's float() also takes underscores and other scripts' digits.
    with pytest.raises(ValueError):
        to_number(text)


@given(
    st.decimals(allow_nan=False, allow_infinity=False, places=2, min_value=-1e12, max_value=1e12)
)
def test_a_number_written_with_thousands_separators_reads_as_itself(number):
    assert to_number(f"{number:,}") == float(number)
    assert to_number(f" {number} ") == float(number)


@pytest.mark.parametrize(
    ("text", "value"),
    [("45%", 45.0), ("12.5 %", 12.5), ("$1,200", 1200.0), ("-$5", -5.0), ("€3.2", 3.2),
     ("\u221238", -38.0), ("(300)", -300.0), ("($1,200.50)", -1200.5), ("-45%", -45.0)],
)  # fmt: skip
def test_a_number_dressed_as_exports_write_it_reads_as_itself(text, value):
    """A currency sign before, a percent sign after (deckgen's percentages are in percent:
    45% is 45), the true minus, an accounting negative in parentheses."""
    assert to_number(text) == value


@pytest.mark.parametrize("text", ["$", "%", "(-5)", "$-5", "--5", "(300", "5-10", "45%%", "$$5"])
def test_a_dressing_without_one_plain_number_inside_is_not_a_number(text):
    with pytest.raises(ValueError):
        to_number(text)


@given(
    st.decimals(allow_nan=False, allow_infinity=False, places=2, min_value=0, max_value=1e9),
    st.sampled_from(["$", "€", "£", "¥", ""]),
    st.sampled_from(["", "%"]),
    st.booleans(),
)
def test_any_dressing_of_a_number_reads_as_the_number(number, currency, percent, accounting):
    written = f"{currency}{number:,}{percent}"
    if accounting:
        written = f"({written})"
    assert to_number(written) == (-float(number) if accounting else float(number))
    assert to_number(f"-{currency}{number}{percent}") == -float(number)


def test_a_decimal_comma_in_a_chart_column_is_an_error_naming_the_cell():
    df = frame()
    df.loc[0, "y2023"] = "30160966,5"
    with pytest.raises(DataError, match=r"found '30160966,5'") as caught:
        chart_data(df, spec(), WHERE)
    assert "commas only between thousands" in str(caught.value)


@pytest.mark.parametrize(
    ("text", "whole", "meaning"),
    [("1.2M", "1,200,000", "a million"), ("$850K", "850,000", "a thousand"),
     ("2.1 bn", "2,100,000,000", "a billion"), ("-1.5m", "-1,500,000", "a million"),
     ("3 million", "3,000,000", "a million"), ("1,200k", "1,200,000", "a thousand"),
     ("0.5k", "500", "a thousand"), ("4T", "4,000,000,000,000", "a trillion")],
)  # fmt: skip
def test_a_number_written_short_is_told_the_whole_number_not_read_as_it(text, whole, meaning):
    """'1.2M' is not read: M is a million in one export and a thousand in another."""
    with pytest.raises(ValueError):
        to_number(text)
    hint = number_hint(text)
    assert hint is not None and f"write the whole number, {whole} if" in hint
    assert f"stands for {meaning}" in hint
    assert ("finance writes a thousand as M" in hint) == (
        meaning == "a million" and "m" in text.lower()[-2:]
    )


@given(
    st.decimals(allow_nan=False, allow_infinity=False, places=1, min_value=0, max_value=999),
    st.sampled_from([("k", 10**3), ("M", 10**6), ("bn", 10**9), ("B", 10**9)]),
    st.sampled_from(["", " "]),
)
def test_any_number_written_short_gets_the_whole_number_it_stands_for(number, unit, space):
    letters, times = unit
    hint = number_hint(f"{number}{space}{letters}")
    assert hint is not None
    assert f"write the whole number, {number * times:,.0f} if" in hint


@pytest.mark.parametrize(
    ("text", "fix"),
    [("12,5", "write 12.5 "), ("1.234,5", "write 1234.5 "), ("-0,25", "write -0.25 "),
     ("45 km", "write 45 alone"), ("12kg", "write 12 alone"), ("3 people", "write 3 alone"),
     # Points between thousands got the plain-number hint (found by fuzzing).
     ("8.997.440", "write 8997440 (or 8,997,440"), ("-1.000.000", "write -1000000 ")],
)  # fmt: skip
def test_a_decimal_comma_or_a_unit_is_told_what_to_write(text, fix):
    hint = number_hint(text)
    assert hint is not None and fix in hint


@pytest.mark.parametrize("text", ["lots", "TBC", "1.2.3"])
def test_a_cell_of_no_known_shape_gets_no_particular_hint(text):
    assert number_hint(text) is None


@pytest.mark.parametrize(
    ("text", "says", "not_said"),
    [  # A decimal comma in a currency or percent dress (it got the plain-number hint).
     ("€3,4", "has a comma for decimals: write €3.4 ", None),
     ("12,5%", "has a comma for decimals: write 12.5% ", None),
     ("-$1.234,5", "has a comma for decimals: write -$1234.5 ", None),
     ("12,50 €", "has a comma for decimals: write €12.50 ", None),
     ("€8.997.440", "points between thousands: write €8997440 (or €8,997,440", None),
     # A German magnitude with its decimal comma: not 'write €3,4 alone' (refused too),
     # nor format: "plain:0 Mio." (which writes 3.4 as '3 Mio.').
     ("€3,4 Mio.", "with a comma for decimals (3,4 is 3.4): write the whole number, "
      "3,400,000 if 'Mio' stands for a million", "plain:0"),
     ("2,5 Mrd", "write the whole number, 2,500,000,000 if 'Mrd' stands for a billion", None),
     ("1.234 Mio.", "1,234,000 if 'Mio' stands for a million (1,234,000,000 if its point "
      "separates thousands", None),
     ("12,5k", "with a comma for decimals (12,5 is 12.5): write the whole number, 12,500", None),
     # A footnote mark or a status flag: not a unit to print, not a billion.
     ("30*", "has a footnote mark ('*') after the number, which is no unit to print: write "
      "30 alone", "plain:0"),
     ("30 (p)", "footnote mark ('(p)') after the number", "plain:0"),
     ("4.5 [e]", "footnote mark ('[e]') after the number", "plain:0"),
     ("7¹", "footnote mark ('¹') after the number", "plain:0"),
     ("1,5*", "footnote mark ('*') after the number (and a comma for decimals), which is no "
      "unit to print: write 1.5 alone", None),
     ("12.5 p", "ends in a statistics office's flag after a space (Eurostat's 'p': "
      "provisional), which is no unit to print: write 12.5 alone", "plain:0"),
     ("20.1 b", "a statistics office's flag (Eurostat's 'b': a break in the time series) or a "
      "billion written short: for a flag, write 20.1 alone", None),
     ("20.1 b", "for a billion, write the whole number, 20,100,000,000", None),
     # A statistics office's 'not available'.
     ("..", "'..' is how statistics offices mark a value that is not available", None),
     (":", "not available or withheld: add missing: [':'] to its data source", None),
     # FRED's missing observation, in its API and downloads alike (found in review).
     (".", "not available or withheld: add missing: ['.'] to its data source", None),
     ("(D)", "not available or withheld", None),
     # CBS' months in Dutch: told to print 'januari' as a unit (found in review).
     ("2023 januari", "'2023 januari' names a month ('januari'), not a number: a column "
      "of months is a chart's categories (x:)", "format"),
     ("März 2024", "('März')", "format"),
     # Yahoo Finance's day without data: told to write numbers in the file (found in review).
     ("null", "'null' is how programs write no value: add missing: ['null'] to its data "
      "source", None),
     # A unit after a number in a European layout, and the decimals it has.
     ("3,4 kg", "has a unit after the number (and a comma for decimals): write 3.4 alone", None),
     ("12.5 kg", 'format: "plain:1 kg"', None)],
)  # fmt: skip
def test_a_hint_says_what_is_really_wrong_with_a_cell(text, says, not_said):
    """Found by fuzzing (fuzz-G/6): '€3,4 Mio.' was told to write €3,4 alone and to add
    format: "plain:0 Mio."; '30*' to print '*' as a unit; '20.1 b' (Eurostat's 'break in
    series') that it was 20,100,000,000; '€3,4' and '12,5%' got the plain-number hint."""
    with pytest.raises(ValueError):
        to_number(text)
    hint = number_hint(text)
    assert hint is not None and says in hint
    assert not_said is None or not_said not in hint


def test_each_number_fix_a_hint_gives_reads_as_a_number():
    """A hint that says 'write X' names an X that is read: '€3,4' was told to write €3,4."""
    for text in ["€3,4", "12,5%", "-$1.234,5", "12,50 €", "12.50 €", "30*", "12.5 p",
                 "1,5*", "3,4 kg", "45%*", "€8.997.440"]:  # fmt: skip
        hint = number_hint(text)
        assert hint is not None
        fix = hint.split(": write ", 1)[1].split(" ", 1)[0]
        assert to_number(fix) is not None, (text, fix)


def test_a_cell_error_names_the_outline_line_of_the_field_that_uses_it(tmp_path):
    """'used by slides[1].chart.y (deck.yaml:6)' named the slide's line, six lines above
    the 'y:' (found by fuzzing, fuzz-G/9); the missing-column error named line 12."""
    from deckgen.errors import DeckgenError
    from deckgen.pipeline import BuildOptions, build
    from tests.helpers import write_project

    outline = """\
        deck: {title: Test, theme: corporate}
        data:
          t: {file: t.csv}
        slides:
          - kind: title
          - kind: chart
            title: First chart
            chart:
              type: line
              data: t
              x: name
              y: value
        """

    def message(csv: str, more: str = "") -> str:
        path = write_project(tmp_path, outline + more, {"t.csv": csv})
        with pytest.raises(DeckgenError) as caught:
            build(path, BuildOptions(out_dir=tmp_path / "out"))
        return caught.value.format_message().replace(str(path), "deck.yaml")

    assert "used by slides[1].chart.y (deck.yaml:12);" in message("name,value\nA,10\nB,..\n")
    assert "used by slides[1].chart.filter[0].column (deck.yaml:13);" in message(
        "name,value\nA,10\nB,..\n", '      filter: [{column: value, op: ">", value: 0}]\n'
    )
    # The hint for a row with no category names the chart's line, not the slide's.
    assert (
        "leave the row out with the filter {column: name, op: '!=', value: \"\"} "
        "(deck.yaml:8: slides[1].chart)" in message("name,value\nA,10\n,3\n")
    )


def test_a_chart_column_written_short_names_each_cell_and_its_whole_number():
    df = frame()
    df.loc[0, "y2023"] = "30.2M"
    with pytest.raises(DataError) as caught:
        chart_data(df, spec(), WHERE)
    text = str(caught.value)
    assert "found '30.2M'" in text and "write the whole number, 30,200,000 if 'M'" in text


def test_a_column_of_names_sorts_a_to_z_unless_descending_is_said():
    # It was 'expected a number ... found China', at the data file, with a hint to write
    # plain numbers.
    names = {"by": "country"}
    data = chart_data(frame(), spec(sort=names), WHERE)
    assert data.categories == ("China", "India", "Japan", "USA", "World Total")
    down = chart_data(frame(), spec(sort={**names, "descending": True}), WHERE)
    assert down.categories == tuple(reversed(data.categories))


def test_a_column_of_numbers_with_one_that_is_not_still_stops_the_sort():
    df = frame()
    df.loc[1, "y2023"] = "12,3"  # sorted as text, it would land somewhere without a word
    with pytest.raises(DataError, match=r"found '12,3'"):
        chart_data(df, spec(sort={"by": "y2023"}), WHERE)


def test_a_sort_by_a_column_with_no_value_is_an_error_naming_it():
    """`sort: {by: ...}` on a column whose every cell is empty or '-' (in the rows the
    filter keeps) kept the file's order, drawn as if ranked (fuzzing round 5, F4); a column
    with some values still sorts them, its missing ones last."""
    df = frame()
    df["blank"] = ["", "-", None, "n/a", "-"]
    df["some"] = ["1", "-", "3", "2", "-"]
    with pytest.raises(DataError) as info:
        chart_data(df, spec(sort={"by": "blank"}), WHERE)
    (problem,) = info.value.problems
    assert str(problem.location) == "deck.yaml:12: slides[3].chart.sort.by"
    assert problem.message == (
        "column 'blank' of data source 'p' has no values to sort by: every cell of its 5 rows "
        "is empty, '-' or 'n/a', so the rows would keep the data's order as if sorted"
    )
    assert problem.hint == (
        "sort by a column with values, such as a column of numbers: 'y2004', 'y2023', 'some'"
    )
    kept = [{"column": "country", "op": "in", "value": ["USA", "World Total"]}]
    with pytest.raises(DataError) as info:
        chart_data(df, spec(filter=kept, sort={"by": "some"}), WHERE)
    (problem,) = info.value.problems
    assert "every cell of its 2 rows the filter keeps is empty" in problem.message
    assert problem.hint.endswith("; or change the filter")
    data = chart_data(df, spec(sort={"by": "some"}), WHERE)
    assert data.categories == ("Japan", "India", "China", "USA", "World Total")
    # Small multiples: a panel with no value to sort by is let be, the chart's rows not.
    df["g"] = ["a", "a", "b", "b", "b"]
    df["part"] = ["1", "2", "-", "-", "-"]
    data = chart_data(df, spec(facet="g", sort={"by": "part"}), WHERE)
    assert [name for name, _ in data.facets] == ["a", "b"]
    with pytest.raises(DataError, match="column 'blank' of data source 'p' has no values"):
        chart_data(df, spec(facet="g", sort={"by": "blank"}), WHERE)


def test_every_cell_of_a_number_column_that_is_not_a_number_is_named_up_to_five():
    # Only the first was named: fixed, the next showed up on the next run.
    df = frame()
    df.loc[0, "y2023"], df.loc[2, "y2023"] = "abc", "xyz"
    with pytest.raises(DataError) as two:
        chart_data(df, spec(), WHERE)
    assert [p.message.split("found ")[1] for p in two.value.problems] == ["'abc'", "'xyz'"]
    many = pd.DataFrame({"country": [f"C{k}" for k in range(8)], "y2023": ["n/a?"] * 8})
    many.attrs["file"] = "data/p.csv"
    with pytest.raises(DataError) as eight:
        chart_data(many, spec(), WHERE)
    problems = eight.value.problems
    assert len(problems) == 5 and "(and 3 more cells of the column" in problems[-1].message


def test_a_column_of_names_where_numbers_are_needed_is_one_error_naming_the_numbers():
    """'y: source' (a column of names) was six errors, one a cell, each with a hint on
    writing numbers: the mistake is the column named (found by fuzzing)."""
    gen = pd.DataFrame({"year": ["2019", "2019", "2023", "2023"],
                        "source": ["Coal", "Gas", "Coal", "Gas"],
                        "twh": ["1000", "1500", "675", "1800"]})  # fmt: skip
    with pytest.raises(DataError) as info:
        chart_data(gen, spec(x="year", y="source"), WHERE)
    (problem,) = info.value.problems
    assert problem.location is not None and problem.location.field == "slides[3].chart.y"
    assert problem.message == ("expected a column of numbers, found 'source' of 'p', whose "
                               "cells are mostly not numbers ('Coal', 'Gas')")  # fmt: skip
    assert problem.hint == "name a column of numbers: 'year', 'twh'"


def test_a_column_of_codes_where_numbers_are_needed_is_the_wrong_column():
    """'y: zip' drew ZIP codes 00501 and 02134 as bars of 501 and 2,134 (found by
    fuzzing): a code is never a quantity."""
    ids = ["1234567890123456789", "9876543210987654"]
    zips = pd.DataFrame({"name": ["A", "B"], "zip": ["00501", "02134"], "id": ids, "v": ["1", "2"]})
    with pytest.raises(DataError) as info:
        chart_data(zips, spec(x="name", y="zip"), WHERE)
    (problem,) = info.value.problems
    assert problem.message == ("expected a column of numbers, found 'zip' of 'p', a column of "
                               "codes or IDs ('00501', '02134'), shown as written and never "
                               "drawn as quantities")  # fmt: skip
    assert problem.hint == "name a column of numbers: 'v'"  # not 'id', IDs too


def test_a_filter_that_keeps_nothing_is_an_error():
    with pytest.raises(DataError, match="leaves no rows"):
        chart_data(frame(), spec(filter=[{"column": "country", "value": "Mars"}]), WHERE)


# --------------------------------------------------------------------------- long data
def long_frame():
    from deckgen.tables.origin import Origin

    df = pd.DataFrame(
        {
            "year": ["2021", "2021", "2022", "2022", "2023", "2023", "2023"],
            "source": ["Gas", "Coal", "Coal", "Gas", "Gas", "Coal", "Solar"],
            "twh": ["1579", "898", "828", "1687", "1802", "675", "165"],
        }
    )
    df.attrs["origin"] = Origin("data/gen.csv", tuple(range(2, 9)))
    return df


def long_spec(**kw):
    return chart_spec(
        **{"type": "line", "data": "gen", "x": "year", "y": "twh", "series": "source", **kw}
    )


def test_long_data_draws_a_series_per_value_in_order_of_appearance_with_gaps():
    data = chart_data(long_frame(), long_spec(), WHERE)
    assert data.categories == ("2021", "2022", "2023")
    assert [s.name for s in data.series] == ["Gas", "Coal", "Solar"]
    assert data.series[0].values == (1579.0, 1687.0, 1802.0)
    assert data.series[2].values == (None, None, 165.0)  # no row for Solar before 2023


def test_series_order_puts_named_series_first_and_labels_rename_them():
    data = chart_data(
        long_frame(),
        long_spec(series_order=["Solar", "Coal"], series_labels={"Gas": "Natural gas"}),
        WHERE,
    )
    assert [s.name for s in data.series] == ["Solar", "Coal", "Natural gas"]


@pytest.mark.parametrize(
    ("years", "order"),
    [(["2023", "2014"], ["2014", "2023"]),  # years as text, sorted by value: 2023 first
     ([2023, 2014], ["2014", "2023"]),
     (["2023-Q1", "2014-Q1"], ["2014-Q1", "2023-Q1"]),
     # Fiscal and split years, as a line's categories read them (their legend kept the
     # file's order).
     (["FY2023", "FY2022"], ["FY2022", "FY2023"]),
     (["2023/24", "2022/23"], ["2022/23", "2023/24"]),
     (["FY2023", "2022/23"], ["FY2023", "2022/23"]),  # two ways: which is first is unknown
     (["Now", "Then"], ["Now", "Then"])],
)  # fmt: skip
def test_series_that_are_years_run_forwards_in_time_whatever_the_rows_order(years, order):
    """A sort by value put a 2023 row first, so the 2023 bars were drawn first and the
    alt text read every rise as a fall (found by fuzzing); other names keep the order
    they first appear in."""
    df = pd.DataFrame({"year": [years[0], years[0], years[1], years[1]],
                       "source": ["Gas", "Coal", "Coal", "Gas"],
                       "twh": [1802, 675, 1582, 1127]})  # fmt: skip
    data = chart_data(df, spec(type="grouped-bar", data="g", x="source", y="twh",
                               series="year", sort={"by": "twh"}), WHERE)  # fmt: skip
    assert [s.name for s in data.series] == order


def test_series_that_are_dates_run_forwards_in_time():
    import datetime as dt

    df = pd.DataFrame({"day": [dt.date(2024, 3, 1), dt.date(2023, 3, 1)], "x": ["a", "a"],
                       "v": [1, 2]})  # fmt: skip
    data = chart_data(df, spec(type="grouped-bar", data="d", x="x", y="v", series="day"), WHERE)
    assert [s.values for s in data.series] == [(2.0,), (1.0,)]


def test_long_data_transposed_puts_the_series_along_the_axis():
    data = chart_data(long_frame(), long_spec(type="grouped-bar", transpose=True), WHERE)
    assert data.categories == ("Gas", "Coal", "Solar")
    assert [s.name for s in data.series] == ["2021", "2022", "2023"]
    assert data.series[2].values == (1802.0, 675.0, 165.0)


def test_filter_sort_and_scale_apply_to_long_rows():
    data = chart_data(
        long_frame(),
        long_spec(filter=[{"column": "source", "op": "!=", "value": "Solar"}], scale=0.001),
        WHERE,
    )
    assert [s.name for s in data.series] == ["Gas", "Coal"]
    assert data.series[1].values == pytest.approx((0.898, 0.828, 0.675))


def test_a_series_order_value_no_row_has_is_a_typo():
    with pytest.raises(DataError) as info:
        chart_data(long_frame(), long_spec(series_order=["Solr", "Coal"]), WHERE)
    assert (
        "deck.yaml:12: slides[3].chart.series_order[0]: 'Solr' matches no value of the series "
        "column 'source'; its values are 'Gas', 'Coal', 'Solar'\n  hint: did you mean 'Solar'?"
    ) in str(info.value)


def test_two_rows_for_one_point_are_an_error_naming_both_lines():
    df = long_frame()
    df.loc[6, "source"] = "Gas"
    with pytest.raises(DataError) as info:
        chart_data(df, long_spec(), WHERE)
    text = str(info.value)
    assert "slides[3].chart.series: a chart shows one value per year and source, but rows " in text
    assert "year '2023' and source 'Gas' at gen.csv:6 and gen.csv:8" in text
    assert "{from: gen, steps: [{group: {by: [year, source], sum: [twh]}}]}" in text


def test_a_row_without_a_series_name_is_an_error():
    df = long_frame()
    df.loc[1, "source"] = " "
    with pytest.raises(DataError, match=r"gen.csv:3 name no series: their 'source' cell is empty"):
        chart_data(df, long_spec(), WHERE)


def test_a_display_name_for_a_series_that_is_not_there_is_a_typo():
    with pytest.raises(DataError) as info:
        chart_data(long_frame(), long_spec(series_labels={"Gass": "Natural gas"}), WHERE)
    assert "slides[3].chart.series_labels.Gass: 'Gass' names no series of the chart" in str(
        info.value
    )
    # On wide data a label names a y column; the chart's check says so, with the highlight.
    wide = spec(type="line", y=["y2004"], series_labels={"y2040": "x"})
    [problem] = wide.check(chart_data(frame(), wide, WHERE), WHERE)
    assert "series_labels.y2040: 'y2040' matches no y column of the chart" in str(problem)
    assert problem.hint == "did you mean 'y2004'?"


def test_series_needs_one_y_and_a_multi_series_chart():
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="y names one value column, not 2"):
        long_spec(y=["twh", "share"])
    with pytest.raises(ValidationError, match="a bar chart shows one series, but 'series: source'"):
        long_spec(type="bar")
    with pytest.raises(ValidationError, match="'series_order' orders the values of a 'series:'"):
        spec(type="line", series_order=["a"])


@pytest.mark.parametrize(
    ("option", "value", "column"),
    [("series_order", ["a"], "series"), ("facet_order", ["a"], "facet"),
     ("facet_scales", "free", "facet")],
)  # fmt: skip
def test_an_option_of_a_column_the_chart_does_not_name_is_an_error_at_the_option(
    option, value, column
):
    """`facet_scales: free` without `facet:` drew one chart without a word, and the others
    were errors at the chart whose fix read "add one" (found by fuzzing)."""
    from pydantic import ValidationError

    with pytest.raises(ValidationError) as info:
        spec(type="line", **{option: value})
    (error,) = info.value.errors()
    assert error["loc"][-1] == option
    assert f"add '{column}: COLUMN'" in error["msg"] and f"remove '{option}:'" in error["msg"]
    assert spec(type="line", **{column: "c", option: value})


# --------------------------------------------------------------------------- dates and index
def _stocks(*, typed: bool = True) -> pd.DataFrame:
    """A long table of month-start prices written 'Jan 1 2000' (tests/data), one symbol."""
    import datetime as dt

    from deckgen.tables.dates import parse_date

    df = pd.read_csv(REPO / "tests" / "data" / "stock_prices.csv", dtype=str)
    df.attrs["file"] = "tests/data/stock_prices.csv"
    if typed:
        df["date"] = pd.Series([parse_date(d, "%b %d %Y") for d in df["date"]], dtype=object)
        assert isinstance(df["date"][0], dt.date)
    return df


def _months(values: dict[str, list]) -> pd.DataFrame:
    from deckgen.tables.dates import Month

    df = pd.DataFrame(
        {"month": pd.Series([Month(2009, m, 1) for m in range(1, 7)], dtype=object), **values}
    )
    df.attrs["file"] = "data/jobs.csv"
    return df


def test_dates_sort_as_dates_not_as_text():
    one = [{"column": "symbol", "value": "NWND"}]
    data = chart_data(_stocks(), spec(x="date", y="price", filter=one, sort={"by": "date"},
                                      top=3), WHERE)  # fmt: skip
    assert data.categories == ("2009-12-01", "2009-11-01", "2009-10-01")
    # As text, "Sep 1 2009" sorts last of all: it is only the latest with dates as dates.
    text = _stocks(typed=False)
    latest = text[text["symbol"] == "NWND"].sort_values("date")["date"].iloc[-1]
    assert latest == "Sep 1 2009"


def test_a_text_column_of_dates_sorts_in_time_or_says_how_to_declare_it():
    """Days written as text one way ('Jan 1 2000') sort in time, as a sort by them means
    (sorted A to Z, 'Apr 30' came before 'Apr 9'; found in review); days that read day or
    month first ('01/02/2024') are refused, saying how to declare the column a date."""
    one = [{"column": "symbol", "value": "NWND"}]
    data = chart_data(_stocks(typed=False), spec(x="date", y="price", filter=one,
                                                 sort={"by": "date"}, top=3), WHERE)  # fmt: skip
    assert data.categories == ("Dec 1 2009", "Nov 1 2009", "Oct 1 2009")
    either = pd.DataFrame({"day": ["01/02/2024", "03/01/2024", "02/02/2024"], "v": [1, 2, 3]})
    with pytest.raises(DataError) as info:
        chart_data(either, spec(x="day", y="v", sort={"by": "day"}), WHERE)
    message = str(info.value)
    assert "expected a number in column 'day', found '01/02/2024' (or a date)" in message
    assert "declare 'day' as 'type: date'" in message
    assert 'format: "%d/%m/%Y"\' (day first) or \'format: "%m/%d/%Y"\'' in message


def test_a_date_x_carries_its_dates_in_date_order():
    df = _months({"jobs": ["6", "5", "4", "3", "2", "1"]}).iloc[::-1]
    data = chart_data(df, spec(type="line", x="month", y="jobs"), WHERE)
    assert data.categories == ("2009-01", "2009-02", "2009-03", "2009-04", "2009-05", "2009-06")
    assert data.x_dates is not None and str(data.x_dates[-1]) == "2009-06"
    assert data.series[0].values == (6.0, 5.0, 4.0, 3.0, 2.0, 1.0)
    # top keeps the file's first rows (the latest here), then they run forwards in time
    latest = chart_data(df, spec(type="line", x="month", y="jobs", top=2), WHERE)
    assert latest.categories == ("2009-05", "2009-06")


def test_an_explicit_sort_wins_over_date_order():
    data = chart_data(_months({"jobs": ["1", "5", "3", "2", "9", "4"]}),
                      spec(x="month", y="jobs", sort={"by": "jobs"}, top=2), WHERE)  # fmt: skip
    assert data.categories == ("2009-05", "2009-02")
    assert data.find("May 2009") == 0 and data.head(1).x_dates == data.x_dates[:1]


def test_a_date_x_with_a_missing_date_names_the_row():
    df = _months({"jobs": ["1", "2", "3", "4", "5", "6"]})
    df.loc[3, "month"] = None
    with pytest.raises(DataError) as info:
        chart_data(df, spec(type="line", x="month", y="jobs"), WHERE)
    assert "data/jobs.csv:5: month: the chart's x column 'month' is a date column, but this " \
           "row has no date" in str(info.value)  # fmt: skip


def test_index_rebases_every_series_to_100_at_a_date():
    df = _months({"a": ["50", "55", "60", "45", "50", "40"], "b": ["8", "8", "10", "12", "6", "4"]})
    data = chart_data(df, spec(type="line", x="month", y=["a", "b"], index="2009-03"), WHERE)
    expected_a = tuple(v / 60 * 100 for v in (50, 55, 60, 45, 50, 40))
    assert data.series[0].values == pytest.approx(expected_a)
    assert data.series[1].values == pytest.approx((80, 80, 100, 120, 60, 40))
    for base in ("March 2009", "2009-03-01"):
        again = chart_data(df, spec(type="line", x="month", y=["a", "b"], index=base), WHERE)
        assert again == data


def test_index_at_a_category_and_the_errors_it_can_meet():
    data = chart_data(frame(), spec(type="line", y=["y2004", "y2023"], index="USA"), WHERE)
    assert data.series[0].values[1] == 100 and data.series[1].values[1] == 100
    with pytest.raises(DataError) as info:
        chart_data(frame(), spec(type="line", y=["y2004", "y2023"], index="Japn"), WHERE)
    message = str(info.value)
    assert "deck.yaml:12: slides[3].chart.index: index base 'Japn' matches no category of " \
           "the chart; its categories are 'China', 'USA'" in message  # fmt: skip
    assert "did you mean 'Japan'?" in message
    zero = frame()
    zero.loc[1, "y2004"] = "0"
    with pytest.raises(DataError, match="series 'y2004' is 0 at the index base 'USA'"):
        chart_data(zero, spec(type="line", y=["y2004", "y2023"], index="USA"), WHERE)


def test_an_index_reads_as_a_plain_number_unless_a_format_is_given():
    assert str(spec(type="line", index="USA").format) == "plain:0"
    assert str(spec(type="line", index="USA", format="plain:1").format) == "plain:1"
    assert spec(type="line", index=2004).index == "2004"  # YAML reads 2004 as a number


def test_a_date_column_filters_by_date_or_period():
    df = employment_months()
    since = chart_data(df, spec(type="line", x="month", y="total_nonfarm",
                                filter=[{"column": "month", "op": ">=", "value": "2016"}]),
                       WHERE)  # fmt: skip
    assert len(since.categories) == 12 and since.categories[0] == "2016-01"
    import datetime as dt

    both = [{"column": "month", "op": "in", "value": [dt.date(2010, 2, 1), "2008-01"]}]
    one = spec(type="line", x="month", y="total_nonfarm", filter=both)
    assert chart_data(df, one, WHERE).categories == ("2008-01", "2010-02")
    with pytest.raises(DataError) as info:
        bad = spec(type="line", x="month", y="total_nonfarm",
                   filter=[{"column": "month", "op": ">", "value": "soon"}])  # fmt: skip
        chart_data(df, bad, WHERE)
    assert "slides[3].chart.filter[0].value: 'month' is a date column, but the filter " \
           "compares it with 'soon'" in str(info.value)  # fmt: skip


@pytest.mark.parametrize(
    ("cells", "op", "value", "kept"),
    [(["2023-11", "2023-12", "2024-01", "2024-02"], ">=", "2024-01", [False, False, True, True]),
     (["2023-11", "2023-12", None, "2024-02"], "<", "2024", [True, True, False, False]),
     (["Nov 2023", "Dec 2023", "Jan 2024"], ">", "2023-11", [False, True, True]),
     (["2023 Q3", "2023 Q4", "2024 Q1"], "<=", "2023 Q4", [True, True, False])],
)  # fmt: skip
def test_a_column_of_periods_written_as_text_is_compared_as_dates(cells, op, value, kept):
    """A volunteer app's JSON writes months '2024-01', which a chart reads as dates, but a
    '>=' filter on them was refused with the fix 'give a number' (found by a new user)."""
    from deckgen.outline.schema import RowFilter
    from deckgen.tables.select import filter_keep

    rule = RowFilter(column="period", op=op, value=value)
    column = pd.Series(cells, dtype=object)
    assert filter_keep(column, rule, lambda: [], WHERE) == kept


def test_a_date_filter_value_that_names_no_row_is_reported():
    from deckgen.tables.select import check_filters

    df = employment_months()
    fine = spec(type="line", x="month", y="total_nonfarm",
                filter=[{"column": "month", "value": ["2009", "March 2010"]}])  # fmt: skip
    assert check_filters(df, fine, WHERE) == []
    typo = spec(type="line", x="month", y="total_nonfarm",
                filter=[{"column": "month", "value": "2019-03"}])  # fmt: skip
    [problem] = check_filters(df, typo, WHERE)
    assert "no row of 'p' has month = '2019-03'" in problem.message


def test_a_year_stored_as_a_float_is_a_category_without_point_zero():
    df = pd.DataFrame({"year": [2010.0, 2011.0], "v": [1, 2]})
    assert chart_data(df, spec(x="year", y="v"), WHERE).categories == ("2010", "2011")


@given(st.text())
def test_a_category_name_is_its_cell_as_a_one_line_template_writes_it(cell):
    """Spaces around a name and runs inside it are one space, as in a bound one-line
    text (binding/bind.py), so ``highlight: "{{ row.x }}"`` names the row's category; a
    line break is kept, and a name is unchanged by being made a name again."""
    from deckgen.tables.select import category_text

    name = category_text(cell)
    assert category_text(name) == name
    assert [" ".join(line.split()) for line in name.split("\n")] == name.split("\n")
    if not any(ch in cell for ch in "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"):
        assert name == " ".join(cell.split())


def test_long_data_on_a_date_axis_keeps_one_date_per_category():
    from deckgen.tables.dates import Month

    months = [Month(2022, m, 1) for m in (2, 1, 3)]
    df = pd.DataFrame({
        "symbol": ["AAA"] * 3 + ["BBB"] * 3,
        "month": months + months,
        "close": ["11", "10", "12", "19", "20", "18"],
    })  # fmt: skip
    spec = chart_spec(type="line", data="p", x="month", y="close", series="symbol")
    data = chart_data(df, spec, WHERE)
    assert data.categories == ("2022-01", "2022-02", "2022-03")  # a time runs forwards
    assert data.x_dates == (Month(2022, 1, 1), Month(2022, 2, 1), Month(2022, 3, 1))
    assert [s.name for s in data.series] == ["AAA", "BBB"]
    assert data.series[1].values == (20.0, 19.0, 18.0)


# --------------------------------------------------------------------------- what would draw wrong
def _table(columns: dict[str, list]) -> pd.DataFrame:
    """A table as the CSV reader gives it: data row k on line k + 2 of data/t.csv."""
    from deckgen.tables.origin import Origin

    df = pd.DataFrame({c: pd.Series(v, dtype=object) for c, v in columns.items()})
    df.attrs["origin"] = Origin("data/t.csv", tuple(range(2, len(df) + 2)))
    return df


#: Every chart type whose categories are the x column's cells (scatter names points).
CATEGORY_CHARTS = [
    {"type": t} for t in ("bar", "hbar", "line", "area", "stacked-area", "donut", "waterfall")
] + [{"type": t, "y": ["v", "w"]} for t in ("grouped-bar", "stacked-bar", "dot", "range", "arrow")]


@pytest.mark.parametrize("fields", CATEGORY_CHARTS, ids=lambda f: f["type"])
def test_an_empty_category_cell_is_an_error_naming_its_row_in_every_chart(fields):
    # A blank label (or 'nan' from a sheet) would be drawn and read out in the alt text.
    df = _table({"name": ["A", " ", None, "D"], "v": ["1", "2", "3", "4"], "w": ["2"] * 4})
    chart = chart_spec(**{"data": "t", "x": "name", "y": "v", **fields})
    with pytest.raises(DataError) as info:
        chart.select_data(df, WHERE)
    message = str(info.value)
    for line in (3, 4):
        assert f"data/t.csv:{line}: name: the category column 'name' (the chart's x) is empty " \
               "in this row" in message  # fmt: skip
    # The filter written out, as the row's fix (YouTube Studio's 'Total' row, its title
    # empty, was told "a filter": found in review); it leaves the blank rows out.
    assert "fill in the cell, or leave the row out with the filter {column: name, op: '!=', " \
           "value: \"\"} (deck.yaml:12: slides[3].chart)" in message  # fmt: skip
    assert "merged" not in message
    told = [{"column": "name", "op": "!=", "value": ""}]
    kept = chart_spec(**{"data": "t", "x": "name", "y": "v", **fields, "filter": told})
    assert kept.select_data(df, WHERE).categories == ("A", "D")


def test_merged_category_cells_in_a_sheet_are_named_with_the_fix(tmp_path):
    import openpyxl

    from deckgen.tables.sources import load_tables
    from tests.tables.test_sources import outline

    book = openpyxl.Workbook()
    sheet = book.active
    for row in (["name", "v"], ["A", 10], [None, 5], [None, 3], ["B", 1]):
        sheet.append(row)
    sheet.merge_cells("A2:A4")
    book.save(tmp_path / "m.xlsx")
    df = load_tables(outline(tmp_path, "  m: {file: m.xlsx}\n"))["m"]
    with pytest.raises(DataError) as info:
        chart_data(df, spec(data="m", x="name", y="v"), WHERE)
    message = str(info.value)
    assert "m.xlsx:3: name: the category column 'name' (the chart's x) is empty" in message
    assert "m.xlsx:4: name:" in message and "nan" not in message
    assert "a merged cell keeps its text in its first row only: unmerge it" in message


def test_a_repeated_x_along_a_line_in_wide_data_is_the_long_data_error():
    # A line that goes back to 'A' after 'C' draws a jump no data has: never drawn. Bars of
    # one name are the data as it is (two 'Anonymous' donors in a ranking).
    df = _table({"name": ["A", "A", "C", "C", "A"], "v": ["10", "5", "3", "1", "2"]})
    assert chart_data(df, spec(data="t", x="name", y="v"), WHERE).categories == (
        "A", "A", "C", "C", "A",
    )  # fmt: skip
    with pytest.raises(DataError) as info:
        chart_data(df, spec(type="line", data="t", x="name", y="v"), WHERE)
    message = str(info.value)
    assert "deck.yaml:12: slides[3].chart.x: a chart shows one value per name, but rows repeat " \
           "one: name 'A' at t.csv:2, t.csv:3 and t.csv:6; name 'C' at t.csv:4 and t.csv:5" \
           in message  # fmt: skip
    assert "hint: add the rows up first in a derived table: {from: t, steps: [{group: {by: " \
           "[name], sum: [v]}}]}, or filter to one row per name" in message  # fmt: skip
    kept = [{"column": "v", "op": "in", "value": ["10", "3"]}]
    line = spec(type="line", data="t", x="name", y="v", filter=kept)
    assert chart_data(df, line, WHERE).categories == ("A", "C")


def test_repeated_rates_are_told_the_column_that_tells_them_apart_not_to_be_added_up():
    """Destatis' months repeat, a row a year: told to add the rows up, its rates of 2023
    and 2024 were summed (11.6% for 8.7% and 2.9%), check clean (found in review). The
    column that tells them apart is named as the series; rates are never added up."""
    # An index first, whose every cell differs: a measure, not what tells the rows apart.
    df = _table({"Index": ["114.3", "115.2", "117.6", "118.1"],
                 "Jahr": ["2023", "2023", "2024", "2024"],
                 "Monat": ["Januar", "Februar", "Januar", "Februar"],
                 "rate": ["8.7", "8.7", "2.9", "2.5"]})  # fmt: skip
    with pytest.raises(DataError) as info:
        chart_data(df, spec(type="line", data="t", x="Monat", y="rate", format="percent:1"),
                   WHERE)  # fmt: skip
    hint = info.value.problems[0].hint
    assert hint == ("chart the column that tells the rows apart as the series: series: Jahr, "
                    "or filter to one row per Monat")  # fmt: skip
    told = spec(type="line", data="t", x="Monat", y="rate", format="percent:1", series="Jahr")
    assert [s.name for s in chart_data(df, told, WHERE).series] == ["2023", "2024"]


@pytest.mark.parametrize("kind", ["donut", "waterfall"])
def test_a_part_of_a_whole_named_twice_is_the_long_data_error(kind):
    # Two slices, or two steps, named 'A': data not yet added up, never two parts of one
    # name (a donut split A into 17% and 33%, found by fuzzing).
    df = _table({"name": ["A", "A", "B"], "v": ["1", "2", "3"]})
    with pytest.raises(DataError, match=r"rows repeat one: name 'A' at t.csv:2 and t.csv:3"):
        chart_data(df, spec(type=kind, data="t", x="name", y="v"), WHERE)


def test_a_highlight_of_a_name_two_bars_have_is_an_error():
    from deckgen.kinds.charts import chart

    data = chart_data(_table({"name": ["A", "A", "B"], "v": ["1", "2", "3"]}),
                      spec(data="t", x="name", y="v"), WHERE)  # fmt: skip
    assert data.categories == ("A", "A", "B")  # the bars are drawn as the data has them
    [problem] = chart(type="bar", data="t", x="name", y="v", highlight="A").check(data, WHERE)
    assert problem.location.field == "slides[3].chart.highlight"
    assert problem.message.startswith("'A' names 2 categories of the chart")
    assert not chart(type="bar", data="t", x="name", y="v", highlight="B").check(data, WHERE)


def test_a_repeated_date_in_wide_data_is_an_error_not_a_jump():
    df = _months({"jobs": ["1", "2", "3", "4", "5", "6"]})
    df.loc[4, "month"] = df.loc[1, "month"]
    df.attrs["origin"] = _table({"x": [0] * 6}).attrs["origin"]
    with pytest.raises(DataError) as info:
        chart_data(df, spec(type="line", data="t", x="month", y="jobs"), WHERE)
    assert "slides[3].chart.x: a chart shows one value per month, but rows repeat one: month " \
           "'2009-02' at t.csv:3 and t.csv:6" in str(info.value)  # fmt: skip


def test_a_column_with_no_value_in_the_rows_shown_is_an_error_naming_it():
    # It would draw an empty chart labelled '–' throughout.
    df = _table({"name": ["A", "B", "C"], "v": ["", "-", "n/a"], "w": ["1", "-", "3"]})
    with pytest.raises(DataError) as info:
        chart_data(df, spec(type="line", data="t", x="name", y=["w", "v"]), WHERE)
    message = str(info.value)
    assert "deck.yaml:12: slides[3].chart.y[1]: column 'v' of data source 't' has no value in " \
           "the 3 rows the chart shows: every cell is empty, '-' or 'n/a'" in message  # fmt: skip
    assert "hint: fill in the values in the data, or chart another column" in message
    only_b = [{"column": "name", "value": "B"}]
    with pytest.raises(DataError) as info:
        chart_data(df, spec(data="t", x="name", y="w", filter=only_b), WHERE)
    assert "slides[3].chart.y: column 'w' of data source 't' has no value in the one row the " \
           "chart shows (after its filter)" in str(info.value)  # fmt: skip
    assert "or change the filter" in str(info.value)
    some = chart_data(df, spec(data="t", x="name", y="w"), WHERE)  # a gap is fine
    assert some.series[0].values == (1.0, None, 3.0)


def test_a_long_series_with_no_value_is_an_error_naming_it():
    df = long_frame()
    df.loc[[0, 3, 4], "twh"] = "-"  # every Gas row
    with pytest.raises(DataError) as info:
        chart_data(df, long_spec(), WHERE)
    assert "slides[3].chart.series: series 'Gas' (column 'twh') of data source 'gen' has no " \
           "value in the 7 rows the chart shows" in str(info.value)  # fmt: skip
    df.loc[:, "twh"] = ""
    with pytest.raises(DataError, match=r"chart\.y: column 'twh' of data source 'gen' has no"):
        chart_data(df, long_spec(), WHERE)


def test_a_source_with_a_header_but_no_rows_says_so_not_the_filter(tmp_path):
    import openpyxl

    from deckgen.tables.sources import load_tables
    from tests.tables.test_sources import outline

    (tmp_path / "t.csv").write_text("name,g,v\n")
    book = openpyxl.Workbook()
    book.active.title = "Data"
    book.active.append(["name", "g", "v"])
    book.save(tmp_path / "w.xlsx")
    tables = load_tables(outline(tmp_path, "  t: {file: t.csv}\n  w: {file: w.xlsx}\n"))
    for name, what in (("t", "the file t.csv has"), ("w", "the sheet 'Data' of w.xlsx has")):
        # With a filter too: on no rows, it once kept no columns, and the chart was told
        # its x column did not exist ('its columns are ' and an empty list).
        unless_x = [{"column": "name", "op": "!=", "value": "x"}]
        for chart in (spec(data=name, x="name", y="v"),
                      spec(data=name, x="name", y="v", filter=unless_x),
                      spec(type="line", data=name, x="name", y="v", facet="g")):  # fmt: skip
            with pytest.raises(DataError) as info:
                chart_data(tables[name], chart, WHERE)
            message = str(info.value)
            assert f"deck.yaml:12: slides[3].chart: data source {name!r} has nothing to draw: " \
                   f"{what} a header but no rows" in message  # fmt: skip
            assert "filter" not in message
    with pytest.raises(DataError, match="the chart's filter leaves no rows to draw"):
        chart_data(frame(), spec(filter=[{"column": "country", "value": "Mars"}]), WHERE)


def test_a_panel_may_lack_a_series_but_the_small_multiples_may_not():
    """One region with no wind at all is a gap in its panel, not an error for the chart;
    a series no panel has a value for is."""
    df = _table({
        "region": ["N", "N", "N", "N", "S", "S", "S", "S"],
        "year": ["2022", "2023"] * 4,
        "kind": ["gas", "gas", "wind", "wind"] * 2,
        "v": ["1", "2", "3", "4", "5", "6", "-", "-"],
    })  # fmt: skip
    facets = spec(type="line", data="t", x="year", y="v", series="kind", facet="region")
    data = chart_data(df, facets, WHERE)
    assert [name for name, _ in data.facets] == ["N", "S"]
    df["v"] = ["1", "2", "-", "-", "5", "6", "-", "-"]
    with pytest.raises(DataError, match="series 'wind' of data source 't' has no value"):
        chart_data(df, facets, WHERE)


def test_a_charts_data_is_selected_once_a_build_for_the_same_frame_and_spec():
    from deckgen.tables.select import remembering

    df = _table({"country": ["A", "B"], "v": ["1", "2"]})
    chart = spec(data="t", x="country", y="v")
    with remembering():
        first = chart_data(df, chart, WHERE)
        assert chart_data(df, spec(data="t", x="country", y="v"), WHERE) is first
        assert chart_data(df, spec(data="t", x="country", y="v", scale=2), WHERE) is not first
        assert chart_data(_table({"country": ["A", "B"], "v": ["1", "3"]}), chart,
                          WHERE).series[0].values == (1.0, 3.0)  # fmt: skip
    # Outside a build nothing is remembered: a frame changed in place is read again.
    df["v"] = ["5", "6"]
    assert chart_data(df, chart, WHERE).series[0].values == (5.0, 6.0)


@pytest.mark.parametrize(
    ("column", "value", "found"),
    [("country", "abc", "found 'abc'"), ("country", "-", "found '-'"),
     ("country", True, "found true"),  # as YAML writes it, not Python's 'True' (fuzzing)
     # Infinity kept every row of a '<' without a word (fuzzing).
     ("y2023", "1e400", "found '1e400', a number too large to compare (it reads as infinity)"),
     ("y2023", -math.inf, "found -inf, a number too large to compare")],
)  # fmt: skip
def test_a_comparison_with_a_value_that_is_no_number_names_the_value(column, value, found):
    """'>' 'abc' on a column of names stopped the build with an internal error."""
    rule = {"column": column, "op": ">", "value": value}
    with pytest.raises(DataError) as caught:
        chart_data(frame(), spec(filter=[rule]), WHERE)
    problem = caught.value.problems[0]
    assert problem.location.field == "slides[3].chart.filter[0].value"
    assert "'>' compares numbers" in problem.message and "== or !=" in problem.hint
    assert found in problem.message


def test_an_integer_past_any_float_reads_as_infinite_as_1e400_does():
    """A JSON integer of 400 digits stopped the build ('int too large to convert')."""
    assert to_number(10**400) == math.inf and to_number(-(10**400)) == -math.inf
    assert to_number(10**300) == 1e300


def test_missing_value_columns_are_said_before_any_cell_is_read():
    """A two-row header (a group title over the years) made row 2 a data row with an empty
    name: that was the one error, and the columns the chart named were never said to be
    missing (found by fuzzing)."""
    df = pd.DataFrame({"Region": [None, "North"], "Revenue ($m)": ["FY2022", "12"],
                       "Unnamed: 2": ["FY2023", "14"]})  # fmt: skip
    with pytest.raises(DataError) as info:
        chart_data(df, spec(type="line", data="m", x="Region", y=["FY2022", "FY2023"]), WHERE)
    said = [p.message for p in info.value.problems]
    assert len(said) == 2
    assert all("has no column 'FY202" in m for m in said)


@pytest.mark.parametrize(("written", "meant"), [("=", "=="), ("<>", "!=")])
def test_a_filter_written_as_a_spreadsheet_writes_it_is_read_as_meant(written, meant):
    """'=' was refused with the did-you-mean '>=', whose own error followed (found by
    fuzzing): as Excel and SQL (and batch --where) write them, '=' is '==' and '<>' '!='."""
    spec = chart_spec(type="bar", data="d", x="country", y="v",
                      filter=[{"column": "country", "op": written, "value": "B"}])  # fmt: skip
    assert spec.filter[0].op == meant
    frame = pd.DataFrame({"country": ["A", "B"], "v": [1.0, 2.0]})
    kept = chart_data(frame, spec, Location("deck.yaml", 1, "chart")).categories
    assert kept == (("B",) if meant == "==" else ("A",))


@pytest.mark.parametrize(
    ("fields", "name", "why"),
    [
        # Cut by top: where it is in the sorted rows, and the top that would keep it.
        (
            {"sort": {"by": "y2023"}, "top": 2},
            "Japan",
            "'Japan' is in the data (row 3) but not among the 2 rows top: keeps (it is 4th): "
            "raise top to 4, or remove the highlight",
        ),
        (
            {"top": 1},
            "India",
            "'India' is in the data (row 4) but not among the 1 row top: keeps (it is 4th): "
            "raise top to 4, or remove the highlight",
        ),
        (
            {"filter": [{"column": "country", "op": "!=", "value": "India"}]},
            "India",
            "'India' is in the data (row 4) but the filter leaves it out: change the filter, "
            "or remove the highlight",
        ),
        # Shown, or not in the data at all (a misspelling: a did-you-mean's to say).
        ({"top": 4}, "India", None),
        ({"top": 2}, "Inda", None),
    ],
)
def test_left_out_says_why_a_name_the_data_has_is_not_shown(fields, name, why):
    from deckgen.tables.select import left_out

    assert left_out(frame(), spec(**fields), "country", name, WHERE) == why


def tied():
    """Five regions, the 3rd to 5th of the same sales once sorted."""
    return pd.DataFrame({"region": ["North", "West", "South", "East", "Central"],
                         "sales": [40, 15, 25, 15, 15]})  # fmt: skip


@pytest.mark.parametrize(
    ("fields", "said"),
    [
        # The cut falls inside the tie: each side named, and both ways out of it.
        (
            {"sort": {"by": "sales"}, "top": 3},
            ("top: 3 cuts between rows of the same 'sales' (15): it shows 'West' and leaves "
             "out 'East' and 'Central', chosen by their order in the file",
             "raise top to 5 to show every tied row, or lower it to 2 to show none, or say "
             "in the slide's note that they tie"),
        ),
        # Smallest first: the tie is at the head, so no top shows none of it.
        (
            {"sort": {"by": "sales", "descending": False}, "top": 2},
            ("top: 2 cuts between rows of the same 'sales' (15): it shows 'West' and 'East' "
             "and leaves out 'Central', chosen by their order in the file",
             "raise top to 3 to show every tied row, or say in the slide's note that they "
             "tie"),
        ),
        # A cut beside the tie, a top past every row, and no sort (no ranking): nothing.
        ({"sort": {"by": "sales"}, "top": 2}, None),
        ({"sort": {"by": "sales"}, "top": 5}, None),
        ({"sort": {"by": "sales"}, "top": 9}, None),
        ({"top": 3}, None),
    ],
)  # fmt: skip
def test_top_tie_says_a_cut_between_rows_of_one_value(fields, said):
    from deckgen.tables.select import top_tie

    base = {"type": "bar", "data": "r", "x": "region", "y": "sales"}
    found = top_tie(tied(), chart_spec(**{**base, **fields}), WHERE, "region")
    assert (found and (found.message, found.hint)) == said
    if found is not None:
        assert found.location == Location("deck.yaml", 12, "slides[3].chart.top")


@pytest.mark.parametrize(
    ("cells", "percent", "decimals"),
    [(["45.5%", "30%", "24.5 %"], None, 1), (["45%", "-3%"], None, 0),
     (["12.345%", "1%"], None, 2), (["45%", "30"], None, None),  # one without its sign
     ([45.5, 30.0], None, None),  # numbers, no sign: not said to be percentages
     ([23.6, 20.3, 25.12], ("B", frozenset({2, 3, 4})), 2),  # a sheet's percent cells
     ([18.0, 20.0], ("B", frozenset({2, 3})), 0), ([None, None], None, None)],
)  # fmt: skip
def test_percent_dress_reads_percentages_the_data_writes(cells, percent, decimals):
    from deckgen.tables.select import percent_dress

    df = pd.DataFrame({"region": [f"R{k}" for k in range(len(cells))], "share": cells})
    df.attrs["origin"] = Origin("t.xlsx", percent={"share": percent} if percent else {})
    assert percent_dress(df, ["share"]) == decimals


@pytest.mark.parametrize(
    ("cells", "sign"),
    [(["$1,200", "$830"], ("$", "")), (["£84,300,000", "-£2"], ("£", "")),
     (["1200 €", "830 €"], ("", " €")), (["$1,200", "€830"], None),  # two currencies
     (["$1,200", "830"], None), ([1200.0, 830.0], None), (["45%", "30%"], None)],
)  # fmt: skip
def test_currency_dress_reads_the_sign_money_is_written_with(cells, sign):
    from deckgen.tables.select import currency_dress

    df = pd.DataFrame({"region": [f"R{k}" for k in range(len(cells))], "spend": cells})
    assert currency_dress(df, ["spend"]) == sign


def test_currency_dress_reads_a_sheets_money_by_its_format():
    from deckgen.tables.select import currency_dress

    df = pd.DataFrame({"team": ["A", "B"], "spend": [1200.0, 830.0], "grant": [5.0, 6.0],
                       "count": [3, 4]})  # fmt: skip
    df.attrs["origin"] = Origin("t.xlsx", currency={"spend": ("£", "", 0), "grant": ("$", "", 2)})
    assert currency_dress(df, ["spend"]) == ("£", "")
    assert currency_dress(df, ["spend", "grant"]) is None  # two currencies: no one sign
    assert currency_dress(df, ["spend", "count"]) is None  # a column that is no money


def test_a_chart_with_no_format_over_percentages_writes_them_as_percentages(tmp_path):
    """A line of a sheet's percent cells, and a bar of a CSV's '45.5%', read 23.6 and 45.5
    with no '%' on their axes, labels and alt text, where a table of the same column wrote
    23.6% (found by a new user). Bound with a percent format of the data's decimals; a
    chart's own format is kept."""
    from deckgen.binding.bind import bind_outline
    from deckgen.tables.sources import load_tables
    from tests.helpers import load_outline, write_project

    outline = """\
deck: {title: T}
data: {d: {file: d.csv}}
slides:
  - {kind: chart, title: North has the most, chart: {type: bar, data: d, x: region, y: share}}
  - kind: chart
    title: North has the most
    chart: {type: bar, data: d, x: region, y: share, format: "plain:0"}
"""
    path = write_project(tmp_path, outline, {"d.csv": "region,share\nNorth,45.5%\nSouth,30%\n"})
    loaded = load_outline(path)
    slides = bind_outline(loaded, load_tables(loaded)).loaded.outline.slides
    assert (slides[0].chart.format.style, slides[0].chart.format.decimals) == ("percent", 1)
    assert slides[1].chart.format.style == "plain"
    # Money written with its sign keeps it, in the default's compact form.
    write_project(tmp_path, outline, {"d.csv": 'region,share\nNorth,"$1,200"\nSouth,$830\n'})
    slides = bind_outline(loaded, load_tables(loaded)).loaded.outline.slides
    assert slides[0].chart.format.format(1200) == "$1.2K"


def test_top_tie_names_rows_by_their_lines_without_a_name_column():
    from deckgen.tables.select import top_tie

    table = tied()
    table.attrs["origin"] = Origin("sales.csv", lines=(2, 3, 4, 5, 6))
    base = {"type": "bar", "data": "r", "x": "region", "y": "sales"}
    found = top_tie(table, chart_spec(**base, sort={"by": "sales"}, top=3), WHERE, None)
    assert found is not None
    assert "it shows sales.csv:3 and leaves out sales.csv:5 and sales.csv:6," in found.message, (
        found.message
    )


@pytest.mark.parametrize(
    ("number", "text"),
    [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"),
     (13, "13th"), (21, "21st"), (22, "22nd"), (101, "101st"), (111, "111th")],
)  # fmt: skip
def test_ordinal(number, text):
    from deckgen.tables.select import ordinal

    assert ordinal(number) == text


@pytest.mark.parametrize(("cell", "written"), [
    ("-3 200", "-3200"), ("-3\u202f200", "-3200"), ("12\u00a0500,5", "12500.5"),
    ("(12 500)", "-12500"), ("(120)", "-120"),
])  # fmt: skip
def test_thousands_with_spaces_and_negatives_in_brackets_get_the_number_to_write(cell, written):
    """French exports write '-3 200' (a narrow no-break space), accounting '(12 500)': the
    hint was the plain-number one, its space shown as '\\u202f' (fuzz-N)."""
    from deckgen.tables.select import number_hint

    hint = number_hint(cell)
    assert hint is not None and f"write {written} " in hint and "\\u202f" not in hint
    assert number_hint("1 2 3") is None  # no number in any layout


#: Survey waves with uneven gaps: a decade, then five years, then one.
WAVES = [2000, 2010, 2015, 2020, 2021, 2022, 2023]


@pytest.mark.parametrize(
    "cells",
    [WAVES, [str(y) for y in WAVES], [float(y) for y in WAVES], list(reversed(WAVES))],
    ids=["int", "text", "float", "newest"],
)
@pytest.mark.parametrize("kind", ["line", "area", "stacked-area"])
def test_years_with_uneven_gaps_along_time_are_placed_at_their_years(cells, kind):
    """Survey waves of 2000, 2010, 2015, 2020 ... stood equally far apart on a category
    axis, so a decade read as steep as a year (found by fuzzing): years with uneven steps
    are dated as a column declared {type: date, period: year} is; the categories keep
    their text."""
    from deckgen.tables.dates import Year

    table = pd.DataFrame({"year": pd.Series(cells, dtype=object),
                          "share": [float(k) for k in range(len(cells))]})  # fmt: skip
    data = chart_data(table, chart_spec(type=kind, data="s", x="year", y="share"), WHERE)
    assert data.categories == tuple(str(y) for y in WAVES)
    assert data.x_dates == tuple(Year(y, 1, 1) for y in WAVES)
    assert data.find(2015) == 2 and data.find("2015") == 2


def test_long_data_over_uneven_years_is_dated_one_date_a_year():
    from deckgen.tables.dates import Year

    table = pd.DataFrame({"year": ["2015", "2018", "2021", "2023"] * 2,
                          "land": ["Bayern"] * 4 + ["Hessen"] * 4,
                          "value": [1.0, 2, 3, 4, 5, 6, 7, 8]})  # fmt: skip
    spec_ = chart_spec(type="line", data="l", x="year", y="value", series="land")
    data = chart_data(table, spec_, WHERE)
    assert data.x_dates == tuple(Year(y, 1, 1) for y in (2015, 2018, 2021, 2023))


@pytest.mark.parametrize(
    ("kind", "cells", "extra"),
    [("line", [2019, 2020, 2021, 2022], {}),  # evenly spaced: unchanged
     ("line", ["2000", "2005", "2010", "2015"], {}),
     ("line", ["2020 Q1", "2020 Q2", "2020 Q3", "2020 Q4"], {}),
     ("line", ["2020 Q1", "2020 Q3", "2021 Q1", "2021 Q3"], {}),  # every other quarter
     ("line", ["Jan 2020", "Feb 2020", "Mar 2020", "Apr 2020"], {}),
     ("line", ["01.02.2024", "02.02.2024", "03.02.2024", "04.02.2024"], {}),  # days as written
     ("line", ["FY2015", "FY2018", "FY2021", "FY2022"], {}),  # NUM014 says it
     ("line", ["2000", "2010", "2015", "Later"], {}),
     ("line", [2000, 2010, 2015, 2016], {"sort": {"by": "v"}}),  # sorted by value
     ("bar", [2000, 2010, 2015, 2016], {}),  # bars do not draw along time
     ("bar", ["02/01/2024", "02/02/2024", "02/13/2024", "03/30/2024"], {})],
)  # fmt: skip
def test_other_categories_are_left_on_a_category_axis(kind, cells, extra):
    table = pd.DataFrame({"x": pd.Series(cells, dtype=object), "v": [1.0, 2.0, 3.0, 4.0]})
    data = chart_data(table, chart_spec(type=kind, data="t", x="x", y="v", **extra), WHERE)
    assert data.x_dates is None


@pytest.mark.parametrize(
    "cells",
    [["2024-02-01", "2024-02-02", "2024-02-03", "2024-02-04"],
     ["2024-01-01", "2024-02-01", "2024-03-01", "2024-04-01"],  # months, as their first days
     ["2024-01-31", "2024-02-29", "2024-03-31", "2024-04-30"],  # month ends
     ["2024-01-01T00:00:00Z", "2024-02-01T00:00:00Z", "2024-03-01T00:00:00Z",
      "2024-04-01T00:00:00Z"]],  # an API's
    ids=["days", "months", "month-ends", "timestamps"],
)  # fmt: skip
@pytest.mark.parametrize("kind", ["line", "area", "stacked-area"])
def test_iso_days_along_time_are_placed_at_their_dates_even_when_evenly_spaced(cells, kind):
    """Days written as a program writes them, evenly spaced, kept one slot each and their
    text: '2023-01-01' under every tick, and 'in 2023-01-01' read aloud in the alt text
    (found in review). They are placed at their dates, as a declared date column is (ticks
    'Jan 2024', alt text 'January 1, 2024'), the categories keeping their text; on bars
    too, which read them as dates as every chart does (test_bars_over_iso_days_are_dates).
    The last days of months are the months they end (the ECB's: dates.as_periods)."""
    table = pd.DataFrame({"x": pd.Series(cells, dtype=object), "v": [1.0, 2.0, 3.0, 4.0]})
    data = chart_data(table, chart_spec(type=kind, data="t", x="x", y="v"), WHERE)
    assert data.categories == tuple(cells)
    days = [dt.date.fromisoformat(c[:10]) for c in cells]
    if cells[0] == "2024-01-31":  # month ends: at the month each ends
        days = [d.replace(day=1) for d in days]
    assert data.x_dates == tuple(days)
    assert data.find(cells[2]) == 2
    bars = chart_data(table, chart_spec(type="bar", data="t", x="x", y="v"), WHERE)
    assert bars.x_dates == data.x_dates


@pytest.mark.parametrize(
    ("cells", "declared"),
    [(["2023-03-01T00:00:00Z", "2023-01-01T00:00:00Z", "2023-02-01T00:00:00Z"], "month"),
     (["2023-03-01", "2023-01-01", "2023-02-01"], "month"),
     (["2023-01-14", "2023-01-07", "2023-01-21"], None),
     (["2024-01-01", "2022-01-01", "2023-01-01"], "year"),
     (["2023-03", "2023-01", "2023-02"], "month")],
    ids=["api-timestamps", "months", "weeks", "years", "iso-months"],
)  # fmt: skip
@pytest.mark.parametrize("kind", ["bar", "hbar", "grouped-bar"])
def test_bars_over_iso_days_are_dates(cells, declared, kind):
    """Bars over an API's days ('2023-03-01T00:00:00Z'), not declared a date, were named
    by that text, every second name left out for want of room (found in review, left
    open last stop). Days written as a program writes them are dates on every chart, as
    if the column were declared one: in time order, written as dates ('Jan 2023'), a
    highlight naming them by their text or their day; the categories keep their text."""
    from deckgen.tables import dates

    def parse_date(cell: str) -> dt.date:  # a month's first day stands for it
        return dates.parse_date(cell + "-01" if len(cell) == 7 else cell)

    table = pd.DataFrame({"x": pd.Series(cells, dtype=object), "v": [3.0, 1.0, 2.0]})
    spec = chart_spec(type=kind, data="t", x="x", y="v")
    data = chart_data(table, spec, WHERE)
    order = sorted(range(3), key=lambda k: cells[k])
    assert data.categories == tuple(cells[k] for k in order)
    assert data.series[0].values == tuple([3.0, 1.0, 2.0][k] for k in order)
    assert data.x_dates == tuple(parse_date(cells[k]) for k in order)
    assert [d.precision if hasattr(d, "precision") else None for d in data.x_dates] == (
        [declared] * 3
    )
    assert data.find(cells[0]) == order.index(0)
    assert data.find(cells[0][:10]) == order.index(0)
    # As the column declared a date reads: the same dates, in the same order.
    typed = pd.DataFrame({"x": [parse_date(c) for c in cells], "v": [3.0, 1.0, 2.0]})
    assert chart_data(typed, spec, WHERE).x_dates == data.x_dates


@pytest.mark.parametrize(
    "cells",
    [["2023 MAR", "2023 JAN", "2023 FEB"],  # the UK's ONS
     ["2023M03", "2023M01", "2023M02"],  # Eurostat, the IMF
     ["2023-M03", "2023-M01", "2023-M02"]],  # the OECD
)  # fmt: skip
@pytest.mark.parametrize("kind", ["bar", "line"])
def test_months_as_statistics_offices_code_them_are_dates(cells, kind):
    """An ONS series' '2023 JAN' was no period at all: a line over it kept the file's
    order and named each tick '2023 JAN' (found in review, on CPIH as the ONS publishes
    it). Months written year first as offices code them are dates on every chart, as a
    declared month column is: in time order, ticked 'Jan 2023'; the categories keep their
    text, so a highlight names them as the data does."""
    table = pd.DataFrame({"x": cells, "v": [3.0, 1.0, 2.0]})
    data = chart_data(table, chart_spec(type=kind, data="t", x="x", y="v"), WHERE)
    assert data.categories == (cells[1], cells[2], cells[0])
    assert data.series[0].values == (1.0, 2.0, 3.0)
    assert data.x_dates == (Month(2023, 1, 1), Month(2023, 2, 1), Month(2023, 3, 1))
    assert data.find(cells[0]) == 2


def test_bars_over_days_not_all_iso_keep_their_text_and_order():
    """Only a column whose every cell is an ISO day (at midnight, a real day) is read as
    dates: a time of day, an impossible day or a day written another way leaves the
    column as its text, in the file's order, as before."""
    for cells in (["2023-03-01T09:30:00Z", "2023-01-01T00:00:00Z"],
                  ["2023-02-30", "2023-01-01"], ["2023-03-01", "01.01.2023"],
                  ["2023 JAN", "2023M13"], ["2023 JAN", "Later"]):  # fmt: skip
        table = pd.DataFrame({"x": cells, "v": [1.0, 2.0]})
        data = chart_data(table, chart_spec(type="bar", data="t", x="x", y="v"), WHERE)
        assert data.x_dates is None
        assert data.categories == tuple(cells)


@pytest.mark.parametrize(
    ("cells", "placed"),
    [(["2022 Q1", "2022 Q2", "2023 Q3", "2023 Q4"],
      [Quarter(2022, 1, 1), Quarter(2022, 4, 1), Quarter(2023, 7, 1), Quarter(2023, 10, 1)]),
     (["Jan 2020", "Feb 2020", "Jun 2020", "Jul 2020"],
      [Month(2020, 1, 1), Month(2020, 2, 1), Month(2020, 6, 1), Month(2020, 7, 1)]),
     (["2024-02-01", "2024-02-02", "2024-02-13", "2024-03-30"],
      [dt.date(2024, 2, 1), dt.date(2024, 2, 2), dt.date(2024, 2, 13), dt.date(2024, 3, 30)]),
     (["21.01.2024", "22.01.2024", "30.01.2024", "02.02.2024"],
      [dt.date(2024, 1, 21), dt.date(2024, 1, 22), dt.date(2024, 1, 30), dt.date(2024, 2, 2)])],
    ids=["quarters", "months", "iso-days", "dotted-days"],
)  # fmt: skip
@pytest.mark.parametrize("kind", ["line", "area", "stacked-area"])
def test_periods_as_text_with_uneven_gaps_along_time_are_placed_at_their_dates(cells, placed, kind):
    """Days 1, 2, 3, 13 and 46 days on, and quarters with a year of them missing, stood one
    slot apart on a category axis, while a CAGR bracket over them counted the true 1.75
    years (found by review): placed at their dates as a declared date column is, in time
    order whatever the file's; the categories keep their text."""
    shuffled = [cells[2], cells[0], cells[3], cells[1]]
    table = pd.DataFrame({"x": shuffled, "v": [3.0, 1.0, 4.0, 2.0]})
    data = chart_data(table, chart_spec(type=kind, data="t", x="x", y="v"), WHERE)
    assert data.categories == tuple(cells)
    assert data.x_dates == tuple(placed)
    assert [type(d) for d in data.x_dates] == [type(p) for p in placed]
    assert data.series[0].values == (1.0, 2.0, 3.0, 4.0)
    assert data.find(cells[2]) == 2


def test_periods_placed_at_their_dates_need_no_warning():
    from deckgen.tables.select import unplaced_periods

    cells = ["2022 Q1", "2022 Q2", "2023 Q3", "2023 Q4"]
    spec_ = chart_spec(type="line", data="t", x="q", y="v")
    data = chart_data(pd.DataFrame({"q": cells, "v": [1.0, 2, 3, 4]}), spec_, WHERE)
    assert data.x_dates is not None and unplaced_periods(data, spec_) is None


@pytest.mark.parametrize(
    ("cells", "said", "fix"),
    [(["FY2015", "FY2018", "FY2021", "FY2022"],
      "the x column 'x' names 4 fiscal years, 'FY2015' to 'FY2022', 1 to 3 years apart, yet "
      "each is drawn one slot from the next: 3 years as wide as 1 year",
      "add a row with no value ('-') for each fiscal year missing between them"),
     (["2019/20", "2020/21", "2023/24"],
      "names 3 split years, '2019/20' to '2023/24', 1 to 3 years apart", "each split year"),
     (["01/02/2024", "02/02/2024", "03/02/2024", "13/02/2024"],
      "the x column 'x' names 4 days, '01/02/2024' to '13/02/2024', 1 to 10 days apart, yet "
      "each is drawn one slot from the next: 10 days as wide as 1 day: whether they are "
      "written day or month first is not guessed, so they are not placed at their dates",
      "declare the column a date in the data source 't', so each day is placed at its date: "
      'columns: {x: {type: date, format: "%d/%m/%Y"}}'),
     (["01-02-2024", "01-03-2024", "01-09-2024"],  # either way in time order, and uneven
      "names 3 days, '01-02-2024' to '01-09-2024'",
      'format: "%d-%m-%Y"}} (day first) or columns: {x: {type: date, format: "%m-%d-%Y"}} '
      "(month first)"),
     # An ONS series stacks its years, quarters and months in one column: a line over
     # them was drawn one slot each without a word (found in review).
     (["2021", "2022", "2022 Q3", "2022 Q4", "2023 JAN", "2023 FEB"],
      "the x column 'x' mixes periods of different lengths (years ('2021'), quarters "
      "('2022 Q3'), months ('2023 JAN')), each drawn one slot from the next",
      "keep one kind of period in the rows the chart shows (a statistics office's series, "
      "such as the ONS's, stacks its years, quarters and months in one column): filter: "
      "{column: x, op: is a, value: month}")],
    ids=["fiscal", "split", "day-first", "either-way", "ons-stacked"],
)  # fmt: skip
def test_periods_that_cannot_be_placed_at_uneven_steps_are_said_with_the_fix(cells, said, fix):
    """Fiscal years (a date would write them as calendar years) and days that read day or
    month first (which is not guessed) keep one slot each; drawn without a word, a step of
    ten days read as steep as one of a day (found by review); so do years, quarters and
    months mixed in one column. What the chart says of it: the build's warning and
    NUM014."""
    from deckgen.tables.select import unplaced_periods

    spec_ = chart_spec(type="line", data="t", x="x", y="v")
    data = chart_data(pd.DataFrame({"x": cells, "v": [1.0] * len(cells)}), spec_, WHERE)
    assert data.x_dates is None and data.categories == tuple(cells)
    found = unplaced_periods(data, spec_)
    assert found is not None
    message, hint = found
    assert said in message and fix in hint
    assert spec_.drawn_unlike_data(ChartJobStub(spec_, data)) == [found]


@pytest.mark.parametrize(
    "cells",
    [["FY2015", "FY2016", "FY2017"], ["01/02/2024", "02/02/2024", "03/02/2024"],
     ["01/02/2024", "01/03/2024", "01/04/2024"],  # days apart, or monthly on the 1st
     ["A1", "B2", "C3"], ["2021", "2022 Q3", "A1"]],  # not every one a period
)  # fmt: skip
def test_evenly_spaced_periods_drawn_in_slots_are_not_said(cells):
    from deckgen.tables.select import unplaced_periods

    spec_ = chart_spec(type="line", data="t", x="x", y="v")
    data = chart_data(pd.DataFrame({"x": cells, "v": [1.0] * len(cells)}), spec_, WHERE)
    assert unplaced_periods(data, spec_) is None
    bars = chart_spec(type="bar", data="t", x="x", y="v")
    uneven = ["FY2015", "FY2018", "FY2019"]
    bar_data = chart_data(pd.DataFrame({"x": uneven, "v": [1.0] * 3}), bars, WHERE)
    assert unplaced_periods(bar_data, bars) is None  # bars do not draw along time


class ChartJobStub:
    """What ``drawn_unlike_data`` reads of a job: its spec and data."""

    def __init__(self, spec, data):
        self.spec, self.data = spec, data


@pytest.mark.parametrize("written", ["Mar 2009", "March 2009", "2009-03-15"])
def test_a_highlight_on_a_date_column_reads_a_month_as_at_does(written):
    """'Oct 2025' was refused on a month column whose axis wrote 'Oct 2025' (found by
    review): bound to its data, a highlight names the month as the data does."""
    from deckgen.tables.select import dated_highlight

    df = _months({"jobs": ["1", "2", "3", "4", "5", "6"]})
    assert dated_highlight(spec(x="month", y="jobs", highlight=[written, "2009-05"]), df) == [
        "2009-03", "2009-05"]  # fmt: skip
    # On a column of text, as written: a text category is its own name.
    text = df.assign(month=[f"{m:%b %Y}" for m in df["month"]])
    assert dated_highlight(spec(x="month", y="jobs", highlight=[written]), text) == [written]


@pytest.mark.parametrize(
    "cells",
    [["2009-02-01T00:00:00Z", "2009-03-01T00:00:00Z", "2009-04-01T00:00:00Z"],
     ["2009 FEB", "2009 MAR", "2009 APR"], ["2009M02", "2009M03", "2009M04"]],
)  # fmt: skip
@pytest.mark.parametrize("kind", ["bar", "donut", "waterfall"])
def test_a_highlight_on_days_or_months_a_chart_reads_as_dates_names_them_as_dates(cells, kind):
    """'Jun 2023' was refused on a donut over an API's '2023-06-01T00:00:00Z', whose
    labels wrote 'Jun 2023' (found in review): a column a chart reads as dates
    (dates.read_coded) takes a highlight naming its period, as a declared one does, bound
    to the cell as the data writes it; the cell's own text still names it."""
    from deckgen.tables.select import dated_highlight

    df = pd.DataFrame({"month": cells, "jobs": [1.0, 2.0, 3.0]})
    for written in ("Mar 2009", "March 2009", cells[1]):
        chart = spec(type=kind, x="month", y="jobs", highlight=written)
        assert dated_highlight(chart, df) == [cells[1]]
        bound = chart.model_copy(update={"highlight": dated_highlight(chart, df)})
        assert bound.check(bound.select_data(df, WHERE), WHERE) == []


def test_a_highlight_naming_a_month_the_data_has_not_is_told_the_months_it_has():
    df = _months({"jobs": ["1", "2", "3", "4", "5", "6"]})
    chart = spec(x="month", y="jobs", highlight="Oct 2009")
    (problem,) = chart.check(chart.select_data(df, WHERE), WHERE)
    assert problem.message.startswith("'Oct 2009' matches no category of the chart")
    assert problem.hint == ("the data has no October 2009: its months run from January 2009 "
                            "to June 2009; write one as the data does, as '2009-06'")  # fmt: skip


# --------------------------------------------------------------------------- picked rows
def _ranked(n: int) -> ChartData:
    return ChartData(tuple(f"R{i}" for i in range(n)),
                     (Series("v", tuple(float(n - i) for i in range(n))),))  # fmt: skip


def test_picking_past_a_gap_marks_a_break_before_the_row_after_it():
    """A card keeps the five largest states and the tenth, highlighted: the chart is told
    where rows were left out, so it can draw the break (the tenth read as the sixth)."""
    picked = _ranked(10).pick([0, 1, 2, 3, 4, 9])
    assert picked.categories[-1] == "R9"
    assert picked.breaks == (5,)
    assert _ranked(10).head(5).breaks == ()
    # Each panel of small multiples is picked alike.
    faceted = ChartData(("R0", "R1", "R2"), (Series("v", (3.0, 2.0, 1.0)),),
                        facets=(("P", _ranked(3)),))  # fmt: skip
    assert faceted.pick([0, 2]).facets[0][1].breaks == (1,)


@given(st.sets(st.integers(0, 30), min_size=1))
def test_a_break_stands_wherever_the_picked_rows_skip_some(kept):
    indexes = sorted(kept)
    picked = _ranked(31).pick(indexes)
    assert [picked.categories[k] for k in picked.breaks] == [
        f"R{b}" for a, b in pairwise(indexes) if b > a + 1
    ]


def test_a_break_is_part_of_the_pictures_key_and_no_break_leaves_keys_as_they_were():
    whole = _ranked(10)
    assert "breaks" not in whole.head(6).key_data()  # every earlier key is unchanged
    assert whole.pick([0, 1, 2, 3, 4, 9]).key_data()["breaks"] == (5,)


@pytest.mark.parametrize(
    ("text", "code"),
    [("00501", True), ("-007", True), ("2E7", True), ("2310009E13", True),
     ("9007199254740993", True), ("12345678901234567891", True),
     ("9007199254740992", True),  # 16 significant digits: an ID, even one a float holds
     ("1000000000000000000000", False),  # 1e21 written out: a quantity
     ("1297000000000000", False),  # Japan's debt in yen: its zeros at the end
     ("501", False), ("0", False), ("1e1", False), ("2E+07", False), ("2.0E7", False),
     ("1,234", False), ("Coal", False)],
)  # fmt: skip
def test_a_code_or_an_id_is_told_from_a_number(text, code):
    """Account 9007199254740993 was shown ...992 in a table and a title, and --where
    ...992 picked its row; part code 3E10 read 30,000,000,000 (found by fuzzing)."""
    from deckgen.tables.select import is_code

    assert is_code(text) is code


@given(st.integers(min_value=0, max_value=10**15 - 1))
def test_a_whole_number_of_fifteen_digits_is_no_code(n):
    from deckgen.tables.select import is_code

    assert not is_code(str(n))


@pytest.mark.parametrize(
    ("cells", "value", "kept"),
    [(["9007199254740993", "12"], 9007199254740992, []),  # the ID it is not
     (["9876543210987654", "12"], 9876543210987654, ["A"]),  # a float holds it: its text
     (["9007199254740993", "12"], 9007199254740993, ["A"]),
     (["9007199254740993", "12"], "9007199254740993", ["A"]),
     (["00501", "501"], 501, ["B"]),  # a ZIP code is not the number it spells
     (["3E10", "30000000000"], 3e10, ["B"])],
)  # fmt: skip
def test_an_equality_filter_matches_a_code_by_its_text(cells, value, kept):
    table = pd.DataFrame({"country": ["A", "B"], "v": cells, "y": [1, 2]})
    rule = [{"column": "v", "op": "==", "value": value}]
    if kept:
        assert list(chart_data(table, spec(y="y", filter=rule), WHERE).categories) == kept
    else:
        from deckgen.tables.select import check_filters

        (problem,) = check_filters(table, spec(y="y", filter=rule), WHERE)
        assert "no row of 'p' has v = 9007199254740992" in problem.message


@pytest.mark.parametrize(("value", "said"), [(True, "true"), (False, "false"), ("x", "'x'")])
def test_a_cell_is_said_as_the_file_writes_it(value, said):
    # JSON's true was reported as Python's 'True' (found by fuzzing).
    from deckgen.tables.select import cell_text

    assert cell_text(value) == said


@pytest.mark.parametrize("cells", [["true", "false"], ["TRUE", "FALSE"], ["True", "False"]])
def test_a_yaml_true_matches_the_cell_a_file_writes_it_as(cells):
    """JSON's true and a sheet's TRUE are read as the text they show (not Python's True,
    which was printed on slides: fuzzing round 6); a filter's 'value: true' keeps them."""
    df = pd.DataFrame({"country": ["A", "B"], "y2023": ["1", "2"], "g20": cells})
    rule = {"column": "g20", "op": "==", "value": True}
    assert chart_data(df, spec(filter=[rule]), WHERE).categories == ("A",)


#: An ONS series as it stacks its periods in one column: years, then quarters, then months
#: (the notes above them read as rows where no header: skips them).
ONS_PERIODS = ["2022", "2023", "2023 Q1", "2023 Q2", "2023 JAN", "2023 FEB", "2023 MAR"]


@pytest.mark.parametrize(
    ("kind", "kept"),
    [("month", ["2023 JAN", "2023 FEB", "2023 MAR"]), ("quarter", ["2023 Q1", "2023 Q2"]),
     ("year", ["2022", "2023"])],
)  # fmt: skip
def test_is_a_keeps_the_rows_naming_one_kind_of_period(kind, kept):
    """A line over an ONS series drew its years, quarters and months one slot each, and
    no filter could keep the months (found in review): 'is a' does."""
    df = pd.DataFrame({"period": [*ONS_PERIODS, "Title"], "rate": [1.0] * 8})
    one = spec(type="line", x="period", y="rate",
               filter={"column": "period", "op": "is a", "value": kind})  # fmt: skip
    data = chart_data(df, one, WHERE)
    assert list(data.categories) == kept


def test_is_a_reads_the_periods_of_a_date_column_as_declared():
    df = pd.DataFrame({"day": [dt.date(2023, 1, 5), Month(2023, 2, 1), Quarter(2023, 4, 1)],
                       "v": [1.0, 2.0, 3.0]})  # fmt: skip
    from deckgen.outline.schema import RowFilter
    from deckgen.tables.select import filter_keep

    def keep(kind: str) -> list[bool]:
        rule = RowFilter(column="day", op="is a", value=kind)
        return filter_keep(df["day"], rule, lambda: [], WHERE)

    assert keep("day") == [True, False, False]
    assert keep("month") == [False, True, False]
    assert keep("quarter") == [False, False, True]


@pytest.mark.parametrize(
    ("cells", "kind", "said"),
    [(ONS_PERIODS, "day", "no cell of 'period' in data source 't' names a day: years "
      "('2022'), quarters ('2023 Q1'), months ('2023 JAN')"),
     (["Title", "CDID", "2023 JAN"], "year", "months ('2023 JAN'); 2 cells name no period "
      "('Title', 'CDID')")],
)  # fmt: skip
def test_is_a_that_keeps_nothing_says_what_the_column_holds(cells, kind, said):
    from deckgen.tables.select import check_filters

    df = pd.DataFrame({"period": cells, "rate": [1.0] * len(cells)})
    wrong = spec(type="line", x="period", y="rate", data="t",
                 filter={"column": "period", "op": "is a", "value": kind})  # fmt: skip
    [problem] = check_filters(df, wrong, WHERE)
    assert said in problem.message
    assert str(problem.location) == "deck.yaml:12: slides[3].chart.filter[0].value"


def test_is_a_takes_a_kind_of_period_with_a_did_you_mean():
    from pydantic import ValidationError

    from deckgen.outline.schema import RowFilter

    with pytest.raises(ValidationError, match="found 'months'; did you mean 'month'"):
        RowFilter(column="period", op="is a", value="months")


@pytest.mark.parametrize(
    ("cells", "said"),
    [(["October", "September", "August", "July"], "('October', 'September' ... 'July')"),
     (["Oct", "Jul", "Apr", "Jan"], "('Oct', 'Jul' ... 'Jan')"),
     (["February", "January", "December"], "('February', 'January' ... 'December')")],
    ids=["bls", "quarterly", "over-new-year"],
)  # fmt: skip
def test_months_without_a_year_newest_first_are_said_to_run_back_in_time(cells, said):
    """The BLS answers its months newest first, named without their year: a line drew
    October to July left to right, its end label July's value, without a word (found in
    review)."""
    from deckgen.tables.select import unplaced_periods

    line = chart_spec(type="line", data="t", x="month", y="v")
    data = chart_data(pd.DataFrame({"month": cells, "v": [1.0] * len(cells)}), line, WHERE)
    found = unplaced_periods(data, line)
    assert found is not None
    message, fix = found
    assert f"the x column 'month' names months without their year, newest first {said}" \
           in message and "runs back in time" in message  # fmt: skip
    assert "put the rows oldest first" in fix
    assert line.drawn_unlike_data(ChartJobStub(line, data)) == [found]


@pytest.mark.parametrize(
    "cells",
    [["July", "August", "September"], ["January", "March"], ["Nov", "Dec", "Jan"],
     ["October", "Other"], ["July", "January"]],
)  # fmt: skip
def test_months_without_a_year_oldest_first_or_not_months_are_not_said(cells):
    from deckgen.tables.select import unplaced_periods

    line = chart_spec(type="line", data="t", x="month", y="v")
    data = chart_data(pd.DataFrame({"month": cells, "v": [1.0] * len(cells)}), line, WHERE)
    assert unplaced_periods(data, line) is None


@pytest.mark.parametrize(
    "newest_first",
    [["2023-T4", "2023-T3", "2023-T2"], ["2024K1", "2023K4", "2023K3"],
     ["2024:Q1", "2023:Q4", "2023:Q3"], ["1. Quartal 2024", "4. Quartal 2023", "3. Quartal 2023"],
     ["2024 Jan-Mar", "2023 Oct-Dec", "2023 Jul-Sep"], ["2024-W04", "2024-W03", "2024-W01"],
     ["2024U04", "2024U03", "2024U02"], ["202404", "202403", "202402"],
     ["2024-S1", "2023-S2", "2023-S1"], ["2024H1", "2023H2", "2023H1"],
     ["Sun, Apr 14, 2024", "Sat, Apr 13, 2024", "Fri, Apr 12, 2024"],
     ["Tuesday, April 30, 2024", "Monday, April 29, 2024", "Sunday, April 28, 2024"],
     ["2024-04-30 15:15", "2024-04-30 09:00", "2024-04-29 15:15"],
     ["2024-04-30T15:15:00Z", "2024-04-29T15:15:00Z", "2024-04-29T00:00:00Z"],
     ["Apr 30, 2024 10:00 am", "Apr 23, 2024 09:30 am", "Apr 9, 2024 03:15 PM"],
     ["2024/03/05 9:15:45 PM GMT+1", "2024/03/05 10:21:33 AM GMT+1",
      "2024/03/05 12:05:00 AM GMT+1"]],
    ids=["insee", "kvartal", "colon", "quartal", "ons-months", "iso-weeks", "ssb-weeks",
         "comtrade", "semesters", "halves", "x-weekday", "weekday-long", "times", "iso-times",
         "mailchimp", "google-forms"],
)  # fmt: skip
def test_periods_as_offices_and_platforms_write_them_run_forwards_in_time(newest_first):
    """Each, newest first, was drawn back in time: INSEE's unemployment that fell was said
    to rise, an X export's end label was its oldest day (found in review). Read as
    periods, each line runs oldest to newest; the cells keep their text."""
    line = chart_spec(type="line", data="t", x="when", y="v")
    df = pd.DataFrame({"when": newest_first, "v": [3.0, 2.0, 1.0]})
    data = chart_data(df, line, WHERE)
    assert [str(c) for c in data.categories] == list(reversed(newest_first)) or (
        data.x_dates is not None and data.x_dates == sorted(data.x_dates))  # fmt: skip
    assert data.series[0].values == (1.0, 2.0, 3.0)


@pytest.mark.parametrize(
    ("cells", "said"),
    [(["Apr 30", "Apr 23", "Apr 9"], "names days without their year, newest first"),
     (["30 April", "23 April", "9 April"], "names days without their year, newest first"),
     (["Semaine 4 2024", "Semaine 2 2024", "Semaine 52 2023"],
      "names periods newest first, their years running from 2024 to 2023")],
)  # fmt: skip
def test_days_without_a_year_or_periods_of_an_unknown_spelling_newest_first_are_said(cells, said):
    """A dashboard's last days ('Apr 30', newest first), and periods in a spelling no
    reader knows whose years run back, were drawn back in time without a word (found in
    review)."""
    from deckgen.tables.select import unplaced_periods

    line = chart_spec(type="line", data="t", x="when", y="v")
    data = chart_data(pd.DataFrame({"when": cells, "v": [1.0] * len(cells)}), line, WHERE)
    found = unplaced_periods(data, line)
    assert found is not None and said in found[0] and "runs back in time" in found[0]
    assert unplaced_periods(chart_data(pd.DataFrame({"when": cells[::-1], "v": [1.0] * 3}),
                                       line, WHERE), line) is None  # fmt: skip


@pytest.mark.parametrize("cell", ["-666666666", -666666666, -999999999.0, "-222222222"])
def test_a_census_mark_in_a_value_column_is_no_value_to_draw(cell):
    """The Census Bureau's API writes -666666666 where it could not give an estimate: a
    bar chart drew a bar of -666,666,666 among incomes of 60,000 (found in review)."""
    df = pd.DataFrame({"county": ["A", "B", "C"], "income": ["59609", cell, "61234"]})
    with pytest.raises(DataError) as info:
        chart_data(df, spec(type="bar", x="county", y="income"), WHERE)
    message = str(info.value)
    assert "(a mark for no value)" in message
    assert "is how the US Census Bureau marks an estimate it could not give" in message
    assert "add missing: [" in message


def test_a_number_near_a_census_mark_is_a_number():
    df = pd.DataFrame({"county": ["A", "B"], "income": ["-666666665", "-66666666"]})
    data = chart_data(df, spec(type="bar", x="county", y="income"), WHERE)
    assert data.series[0].values == (-666666665.0, -66666666.0)


def test_a_column_json_nests_as_an_object_is_told_by_its_keys(tmp_path):
    """The World Bank's API nests a record's country as {"id": "DE", "value": "Germany"},
    read as 'country.id' and 'country.value': a chart naming 'country' was told 'did you
    mean country.id?', the codes, where the names were meant (found in review). A step
    naming it is told alike."""
    import json

    from deckgen.errors import DataError
    from deckgen.tables.sources import load_tables
    from tests.tables.test_sources import outline

    records = [{"country": {"id": c[:2].upper(), "value": c}, "value": v}
               for c, v in [("Germany", -0.3), ("France", 0.9)]]  # fmt: skip
    (tmp_path / "wb.json").write_text(json.dumps([{"page": 1}, records]))
    frame = load_tables(outline(tmp_path, "  gdp: {file: wb.json, records: '1'}\n"))["gdp"]
    with pytest.raises(DataError) as info:
        chart_data(frame, chart_spec(type="bar", data="gdp", x="country", y="value"), WHERE)
    (problem,) = info.value.problems
    assert problem.hint == ("the data nests 'country' as an object with 2 keys, each a "
                            "column: name one of 'country.value', 'country.id'")  # fmt: skip
    data = "  gdp: {file: wb.json, records: '1'}\n  s:\n    from: gdp\n    steps: [{sort: country}]"
    with pytest.raises(DataError) as info:
        load_tables(outline(tmp_path, data))
    assert "the data nests 'country' as an object" in str(info.value)


@pytest.mark.parametrize(
    ("cell", "hint"),
    # Each got no hint, or one that called '40+' a number with a unit to drop (found in
    # review): what the cell says instead of a number, and the fix.
    [("<5", "'<5' gives the value only as a bound, as tables write a count withheld for "
            "privacy ('<5') or an open class ('65+'): no number to draw; add missing: ['<5']"),
     (">100", "add missing: ['>100']"), ("65+", "gives the value only as a bound"),
     ("~40", "'~40' is an approximate value: write 40 and say 'about'"),
     ("ca. 40", "write 40 and say 'about'"),
     ("30-40", "'30-40' is a range, not one number: put its ends in two columns"),
     ("\u201312.5", "starts with a dash ('\u2013', as a typeset page writes a minus): write "
                    "-12.5 if it is a negative number"),
     ("#N/A", "'#N/A' is an Excel error (or its 'no value') saved into the file"),
     ("#DIV/0!", "fix the formula in the workbook, or add missing: ['#DIV/0!']"),
     ("n.a.", "'n.a.' says the value is not available: add missing: ['n.a.']")],
)  # fmt: skip
def test_a_cell_that_says_a_number_another_way_is_told_what_it_says(cell, hint):
    with pytest.raises(ValueError):
        to_number(cell)
    assert hint in (number_hint(cell) or "")


WDI = ("Country Name,Indicator Name,2023\nGermany,GDP growth (annual %),-0.3\n"
       "Germany,Inflation (annual %),5.9\nFrance,GDP growth (annual %),0.9\n"
       "France,Inflation (annual %),4.9\nItaly,GDP growth (annual %),0.7\n")  # fmt: skip


def test_bars_of_one_name_on_several_rows_are_drawn_and_said(tmp_path):
    """The World Bank's rows are a country and an indicator each: a bar chart of '2023'
    drew two bars named 'Germany' (its growth and its inflation) without a word (found in
    review). Drawn as the data is, and said by the build and check (NUM014)."""
    from deckgen.check import check
    from deckgen.pipeline import BuildOptions, build
    from deckgen.tables.select import repeated_names
    from tests.helpers import write_project

    outline = ("deck: {title: T}\ndata:\n  wdi: {file: wdi.csv}\nslides:\n  - kind: chart\n"
               "    title: Germany's economy shrank\n    source: World Bank\n"
               "    chart: {type: bar, data: wdi, x: Country Name, y: '2023'}\n")  # fmt: skip
    path = write_project(tmp_path, outline, {"wdi.csv": WDI})
    said = ("the x column 'Country Name' names 'Germany', 'France' on more than one row "
            "each: drawn as marks of one name side by side, which a reader cannot tell "
            "apart")  # fmt: skip
    warned = build(path, BuildOptions(out_dir=tmp_path / "out")).warnings
    assert [w for w in warned if said in w and "chart that column as series:" in w]
    report = check(path, BuildOptions(out_dir=tmp_path / "c"), select=("NUM014",))
    assert [f.message for f in report.findings] == [said]
    data = ChartData(("A", "B", "A"), (Series("v", (1.0, 2.0, 3.0)),))
    assert repeated_names(data, chart_spec(type="bar", data="t", x="name", y="v")) == (
        "the x column 'name' names 'A' on more than one row: drawn as marks of one name side "
        "by side, which a reader cannot tell apart",
        "keep one row per name with a filter on the column that tells them apart (an "
        "indicator, a year, a unit), chart that column as series:, or add the rows up first "
        "(a group step)",
    )
    unique = ChartData(("A", "B"), (Series("v", (1.0, 2.0)),))
    assert repeated_names(unique, chart_spec(type="bar", data="t", x="name", y="v")) is None
    # Rates are not added up: Destatis' months of two years, summed as told, drew 11.6%
    # for 8.7% and 2.9% (found in review).
    rates = chart_spec(type="bar", data="t", x="name", y="v", format="percent:1")
    told = repeated_names(data, rates)
    assert told is not None and told[1].endswith("(an indicator, a year, a unit), or chart "
                                                 "that column as series:")  # fmt: skip


@pytest.mark.parametrize("cell", ["--", "---", "*", "*****"])
def test_the_imf_and_census_marks_for_no_value_get_the_missing_hint(cell):
    """The IMF's World Economic Outlook writes '--' for no value, the Census Bureau '*****'
    where an estimate is controlled: they got no hint (found in review)."""
    assert f"add missing: [{cell!r}] to its data source" in (number_hint(cell) or "")


def test_empty_categories_on_the_last_rows_are_told_the_footer_that_leaves_them_out():
    """SurveyMonkey writes 'Answered' and 'Skipped' counts under its answers, their first
    cell empty: told to fill in the cell, a user would draw them as two more slices (found
    in review). The last rows alone are told footer: too; rows inside the table are not."""
    df = _table({"answer": ["Social media", "Friends", None, None],
                 "share": ["42.31", "31.2", "Answered", "Skipped"],
                 "n": ["110", "81", "260", "12"]})  # fmt: skip
    chart = chart_spec(data="t", type="bar", x="answer", y="n")
    with pytest.raises(DataError) as info:
        chart.select_data(df, WHERE)
    assert ("if they are below the table, not data (a survey tool's counts of answers), leave "
            "them out with footer: 2 in the data source 't'; else fill in the cell") in str(
        info.value)  # fmt: skip
    inside = _table({"answer": ["A", None, "C"], "n": ["1", "2", "3"]})
    with pytest.raises(DataError) as info:
        chart.select_data(inside, WHERE)
    assert "footer:" not in str(info.value)
    # A derived table's last rows are where its steps put them, and it takes no footer:
    # ('unknown field', found in review): the filter alone.
    from dataclasses import replace

    derived = df.copy()
    derived.attrs["origin"] = replace(df.attrs["origin"], rows=(WHERE,) * 4)
    with pytest.raises(DataError) as info:
        chart.select_data(derived, WHERE)
    assert "footer:" not in str(info.value) and "op: '!=', value: \"\"" in str(info.value)


def test_the_footer_told_counts_the_notes_a_footer_already_leaves_out(tmp_path):
    """Salesforce writes 'Grand Totals (6 records)' above its notes: given the footer: its
    notes asked for, the total's empty name was told footer: 1, and under footer: 1 the
    count of the rest, never their sum, which reads the table (found in review)."""
    from tests.helpers import write_project
    from tests.tables.test_sources import load

    text = ("Owner,Deal,Amount\nJane,Acme,12000\nRaj,Globex,30000\nAna,Initech,8000\n\n"
            "Grand Totals (3 records),,50000\n\nConfidential Information\n"
            "Copyright (c) salesforce.com\n\nGenerated By: Jane\n")  # fmt: skip
    write_project(tmp_path, "deck: {title: x}\n", {"r.csv": text})
    chart = chart_spec(data="t", type="bar", x="Deal", y="Amount")
    for footer in (1, 3):
        frame = load(tmp_path, f"  t: {{file: r.csv, footer: {footer}}}\n")["t"]
        with pytest.raises(DataError) as info:
            chart.select_data(frame, WHERE)
        assert "leave it out with footer: 4 in the data source 't'" in str(info.value).replace(
            "them out", "it out")  # fmt: skip
    assert len(load(tmp_path, "  t: {file: r.csv, footer: 4}\n")["t"]) == 3


def _bls_melted() -> list[str]:
    """BLS's table of years by months, unpivoted with its 'Annual' column: each month's
    years in turn, then the annual averages."""
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
              "Dec", "Annual"]  # fmt: skip
    return [f"{year} {month}" for month in months for year in (2022, 2023, 2024)]


@pytest.mark.parametrize(
    ("cells", "said", "kind"),
    [(_bls_melted(), "names 36 months and 3 cells that name no period ('2022 Annual', "
      "'2023 Annual' and '2024 Annual')", "month"),
     ([*map(str, range(2018, 2030)), "Estimates Start After"],
      "names 12 years and 1 cell that names no period ('Estimates Start After')", "year")],
    ids=["bls-annual", "imf-estimates"],
)  # fmt: skip
def test_a_few_cells_that_name_no_period_among_periods_are_said(cells, said, kind):
    """BLS's 'Annual' column unpivoted with its months drew a line zigzagging through the
    years, said to rise 'to 155,550 in 2023 Annual'; the IMF's 'Estimates Start After'
    column, the year 2023, drawn as the last point after 2029, said 'fell to $2,023B'
    (found in review)."""
    from deckgen.tables.select import unplaced_periods

    line = chart_spec(type="line", data="t", x="period", y="v")
    df = pd.DataFrame({"period": cells, "v": [float(k) for k in range(len(cells))]})
    found = unplaced_periods(chart_data(df, line, WHERE), line)
    assert found is not None
    message, fix = found
    assert f"the x column 'period' {said}: drawn along time as" in message
    assert f"filter: {{column: period, op: is a, value: {kind}}}" in fix
    # The filter told leaves a line of periods alone, placed in time.
    kept = df[[dates.period_kind(c) == kind for c in cells]]
    data = chart_data(kept, line, WHERE)
    assert unplaced_periods(data, line) is None
    if data.x_dates is not None:  # months: placed at their dates
        assert list(data.x_dates) == sorted(data.x_dates) and len(data.x_dates) == 36
    else:  # years: in the rows' order, oldest first
        assert list(data.categories) == sorted(data.categories)


@pytest.mark.parametrize(
    ("cells", "said", "fix"),
    [(["2023/24", "2022/23", "2021/22", "2020/21", "2019/20", "Total"],
      "names 5 split years and 1 cell that names no period ('Total')",
      "filter: {column: period, op: '!=', value: Total}"),
     (["FY2019", "FY2020", "FY2021", "FY2022", "FY2023", "FY2024", "FY2025", "FY2026",
       "All years", "Average"],
      "names 8 fiscal years and 2 cells that name no period ('All years' and 'Average')",
      "filter: {column: period, op: not in, value: [All years, Average]}")],
)  # fmt: skip
def test_a_total_among_fiscal_or_split_years_is_said_with_a_filter_by_name(cells, said, fix):
    """A university's academic years, newest first, with their 'Total' row: the line ran
    from 2023/24 back to 2019/20 and on to 'Total', said to rise 'to £370.7 million in
    Total', and only the total beside its parts was warned of (found by a new user). ``op:
    is a`` knows no fiscal or split year: the fix names the cells."""
    from deckgen.tables.select import unplaced_periods

    line = chart_spec(type="line", data="t", x="period", y="v")
    df = pd.DataFrame({"period": cells, "v": [float(k) for k in range(len(cells))]})
    found = unplaced_periods(chart_data(df, line, WHERE), line)
    assert found is not None
    message, hint = found
    assert f"the x column 'period' {said}: drawn along time as" in message
    assert hint.startswith(f"leave {'it' if 'Total' in cells else 'them'} out: {fix} (")


@pytest.mark.parametrize(
    "cells",
    [["2019", "2020", "2021", "2022", "2023", "2024 (est.)"],  # a period marked
     ["2018", "2019", "2020*", "2021", "2022", "2023"],
     ["2019", "2020", "2021", "2022", "2023", "2024F", "2025F"],
     ["2020", "2021", "2022", "Total"],  # three periods: too few to tell
     ["2020", "2021", "2022", "2023", "Total", "Average"]],  # more than a quarter
)  # fmt: skip
def test_a_period_marked_or_too_many_others_are_no_strays(cells):
    from deckgen.tables.select import unplaced_periods

    line = chart_spec(type="line", data="t", x="period", y="v")
    df = pd.DataFrame({"period": cells, "v": [1.0] * len(cells)})
    found = unplaced_periods(chart_data(df, line, WHERE), line)
    assert found is None or "no period" not in found[0]


@pytest.mark.parametrize("kind", ["bar", "grouped-bar", "stacked-bar"])
def test_columns_of_days_newest_first_are_said_to_run_back_in_time(kind):
    """X's account overview writes its days newest first: a bar chart of them ran right to
    left in time without a word, where a line over the same column is put in time order
    (found in review). The fix the warning gives puts them oldest first."""
    from deckgen.tables.select import columns_run_back

    days = ["Thu, Mar 14, 2024", "Wed, Mar 13, 2024", "Tue, Mar 12, 2024", "Mon, Mar 11, 2024"]
    y = "v" if kind == "bar" else ["v", "w"]
    table = pd.DataFrame({"x": days, "v": [4.0, 3.0, 2.0, 1.0], "w": [1.0] * 4})
    spec_ = chart_spec(type=kind, data="t", x="x", y=y)
    data = chart_data(table, spec_, WHERE)
    found = (
        "the x column 'x' names 4 days newest first ('Thu, Mar 14, 2024' ... 'Mon, Mar 11, "
        "2024'): drawn in the rows' order, the columns run back in time, right to left",
        "put them oldest first: sort: {by: x, descending: false}",
    )
    assert columns_run_back(data, spec_) == found
    assert spec_.drawn_unlike_data(ChartJobStub(spec_, data)) == [found]
    fixed = chart_spec(type=kind, data="t", x="x", y=y, sort={"by": "x", "descending": False})
    ordered = chart_data(table, fixed, WHERE)
    assert ordered.categories == tuple(reversed(days))
    assert columns_run_back(ordered, fixed) is None
    # Oldest first as written; rows of a horizontal bar (read top down, as a table's).
    oldest = chart_data(table.iloc[::-1], spec_, WHERE)
    assert columns_run_back(oldest, spec_) is None
    rows = chart_spec(type="hbar", data="t", x="x", y="v")
    assert columns_run_back(chart_data(table, rows, WHERE), rows) is None


@pytest.mark.parametrize(
    ("x", "cells", "told"),
    [("Week starting", [46300, 46307, 46314], True),
     ("x", [46300, 46307, 46314], True),  # a week apart, whatever the name
     ("Date", [45000, 45031, 45061], True),  # months apart, named for days
     ("zip", [46300, 46512, 47001], False),  # ZIP codes
     ("Week starting", [2024, 2025, 2026], False)],
)  # fmt: skip
def test_days_as_excel_stores_them_in_number_cells_are_warned_of(x, cells, told):
    """An Excel sheet's 'Week starting' column in General format holds 46300, 46307: the
    chart was ticked '46300 46307 ...' and its alt text said 'rose from 97 in 46300',
    check clean (found in review). The warning names the days and the fix."""
    from deckgen.tables.select import excel_days

    table = pd.DataFrame({x: cells, "v": [1.0, 2.0, 3.0]})
    line = chart_spec(type="line", data="t", x=x, y="v")
    found = excel_days(chart_data(table, line, WHERE), line)
    assert (found is not None) is told
    if told and cells[0] == 46300:
        assert found[0].startswith(
            f"the x column {x!r} holds 46300 ... 46314, whole numbers "
            "as Excel stores the days 2026-10-05 to 2026-10-19"
        )
        assert found[1].startswith("format the column's cells as dates in Excel")
        assert found in line.drawn_unlike_data(ChartJobStub(line, chart_data(table, line, WHERE)))


def test_posts_at_their_moments_are_not_told_to_fill_in_missing_times():
    """X's tweets at their moments on a line were told to 'add a row with no value for each
    time missing between them', which no one can write (found in review): the fix charts
    them as columns."""
    from deckgen.tables.select import unplaced_periods

    times = ["2024-03-02 08:00 +0000", "2024-03-05 12:30 +0000", "2024-03-11 09:10 +0000",
             "2024-03-14 22:05 +0000"]  # fmt: skip
    spec_ = chart_spec(type="line", data="t", x="time", y="v")
    data = chart_data(pd.DataFrame({"time": times, "v": [1.0, 2.0, 3.0, 4.0]}), spec_, WHERE)
    found = unplaced_periods(data, spec_)
    assert found is not None
    assert found[0].startswith("the x column 'time' names 4 times, '2024-03-02 08:00 +0000'")
    assert found[1] == ("moments are not placed at their times: chart them as columns, one a "
                        "moment (type: bar), whose slots claim no even steps")  # fmt: skip


@given(st.from_regex(r"-?[0-9]{1,20}(\.[0-9]{1,8})?", fullmatch=True))
def test_plain_digits_read_as_the_full_reading_reads_them(text):
    """Plain digits take a path of their own in to_number (a group over a million rows
    spent 1.3 of its 2 s in its checks for signs, brackets and separators): the same
    number, -0.0 kept, as number_text gives."""
    from deckgen.tables.select import number_text

    assert repr(to_number(text)) == repr(number_text(text))


@pytest.mark.parametrize("text", ["1e-400", "-2.5e-330", "0.001e-322", "7E-999"])
def test_a_number_nearer_zero_than_a_float_holds_is_no_number_not_zero(text):
    """'1e-400' read as 0.0 and was drawn as a bar of nothing without a word (fuzzing):
    it is refused where it is used, with a hint that says why."""
    from deckgen.tables.select import number_text, underflows

    assert underflows(text)
    with pytest.raises(ValueError):
        to_number(text)
    with pytest.raises(ValueError):
        number_text(f"${text}")  # dressed, the same reading
    df = pd.DataFrame({"region": ["North", "South"], "value": ["4", text]})
    with pytest.raises(DataError) as info:
        chart_data(df, spec(x="region", y="value"), WHERE)
    problem = info.value.problems[0]
    assert f"found {text!r}" in problem.message
    assert "nearer zero than any number deckgen can hold" in problem.hint
    assert "drawn as 0" in (number_hint(text) or "")


@given(st.from_regex(r"-?0(\.0{0,5})?([eE]-?[0-9]{1,4})?", fullmatch=True))
def test_zero_however_written_is_zero(text):
    """Only a mantissa with a digit other than 0 underflows: '0e-999' and '-0.000' are 0."""
    from deckgen.tables.select import underflows

    assert not underflows(text)
    assert to_number(text) == 0.0


@given(st.floats(min_value=5e-324, max_value=1e300))
def test_a_number_a_float_holds_is_read_as_written(value):
    """The check for numbers too near zero takes none that a float holds (the smallest,
    subnormal ones included)."""
    from deckgen.tables.select import underflows

    assert not underflows(repr(value))
    assert to_number(repr(value)) == value


@pytest.mark.parametrize("type_", ["grouped-bar", "stacked-bar", "line"])
def test_long_data_whose_first_series_lacks_a_period_keeps_time_order(type_):
    """Series 'a' has 2021 and 2023, 'b' every year: 2022 was drawn after 2023 in grouped
    and stacked bars, as the rows first named the years (found by fuzzing)."""
    df = pd.DataFrame({"year": ["2021", "2023", "2021", "2022", "2023"],
                       "s": ["a", "a", "b", "b", "b"], "v": ["1", "3", "5", "6", "7"]})  # fmt: skip
    data = chart_data(df, spec(type=type_, x="year", y="v", series="s"), WHERE)
    assert list(data.categories) == ["2021", "2022", "2023"]
    assert [s.values for s in data.series] == [(1.0, None, 3.0), (5.0, 6.0, 7.0)]
    quarters = pd.DataFrame({"q": ["2023 Q1", "2023 Q2", "2023 Q4", "2023 Q1", "2023 Q3"],
                             "s": ["a", "a", "a", "b", "b"],
                             "v": ["1", "2", "4", "5", "7"]})  # fmt: skip
    data = chart_data(quarters, spec(type=type_, x="q", y="v", series="s"), WHERE)
    assert list(data.categories) == ["2023 Q1", "2023 Q2", "2023 Q3", "2023 Q4"]


def test_long_data_sorted_by_the_outline_keeps_its_sort():
    """Time order is the order where the outline gives none: a sort is kept."""
    df = pd.DataFrame({"year": ["2021", "2023", "2021", "2022", "2023"],
                       "s": ["a", "a", "b", "b", "b"], "v": ["1", "9", "5", "6", "7"]})  # fmt: skip
    data = chart_data(df, spec(type="grouped-bar", x="year", y="v", series="s",
                               sort={"by": "v"}), WHERE)  # fmt: skip
    assert list(data.categories) != ["2021", "2022", "2023"]


@pytest.mark.parametrize(
    "cells", [["March", "January", "February", "April"], ["Jan", "Mar", "Feb", "Apr", "May"]]
)
def test_months_without_a_year_out_of_order_are_said_to_run_back_and_forth(cells):
    """'March, January, February, April' was drawn in the file's order, a zig-zag in
    time, without a word: only newest first was said (found by fuzzing)."""
    from deckgen.tables.select import unplaced_periods

    line = chart_spec(type="line", data="t", x="month", y="v")
    data = chart_data(pd.DataFrame({"month": cells, "v": [1.0] * len(cells)}), line, WHERE)
    found = unplaced_periods(data, line)
    assert found is not None
    message, fix = found
    assert "names months without their year, out of the calendar's order" in message
    assert "runs back and forth in time" in message and "put the rows in time order" in fix
