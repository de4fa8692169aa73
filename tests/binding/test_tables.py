import math
import re

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from deckgen.binding.tables import (
    BindingError,
    MissingCell,
    Read,
    ReadLog,
    Table,
    tables_for_templates,
)
from deckgen.tables.select import CENSUS_MARKS
from tests.helpers import PRODUCTION_CSV


def written(name: str, text: str) -> Table:
    """The table ``name`` as templates see a CSV file of ``text``, its cells as written."""
    import io

    frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    return tables_for_templates({name: frame})[name]


@pytest.fixture
def production() -> Table:
    return written("production", PRODUCTION_CSV)


def test_a_cell_is_a_number_and_its_read_is_recorded(production):
    with ReadLog() as log:
        value = production["China"].production_2023
    assert value == 30160966
    assert log.unique() == (Read("production", "China", "production_2023", 30160966),)
    assert log.reads[0].label == "production · China · production_2023"


def test_a_dash_is_missing_not_zero(production):
    assert production.Australia.production_2023 is None
    assert production.Australia["production_2004"] == 411406


def test_reads_outside_a_log_are_not_recorded_and_logs_nest_cleanly(production):
    production.China.production_2023  # noqa: B018
    with ReadLog() as outer:
        with ReadLog() as inner:
            production.USA.production_2004  # noqa: B018
        production.Japan.production_2004  # noqa: B018
    assert [r.row for r in inner.reads] == ["USA"]
    assert [r.row for r in outer.reads] == ["Japan"]


def test_unknown_row_and_column_suggest_the_nearest(production):
    with pytest.raises(MissingCell, match=r"no row 'Chian'.*first column, 'country'.*'China'"):
        production["Chian"]
    with pytest.raises(BindingError, match=r"no column 'production_2032'.*did you mean"):
        production.China.production_2032  # noqa: B018


def test_private_names_are_not_columns(production):
    with pytest.raises(AttributeError):
        production.China._secret  # noqa: B018
    with pytest.raises(AttributeError):
        production._secret  # noqa: B018


def test_aggregates_skip_missing_values(production):
    assert production.sum("production_2023") == 30160966 + 10611555 + 8997440 + 5851507
    assert production.max("production_2004") == 11989387
    assert production.min("production_2004") == 155157
    assert math.isclose(production.mean("production_2023"), 55621468 / 4)
    assert production.count() == 5
    assert production.column("production_2023")[-1] is None


def test_selections_chain(production):
    top = production.without("Australia").top(2, "production_2023")
    assert [r.key for r in top] == ["China", "USA"]
    assert production.bottom(1, "production_2004").one().key == "India"
    assert production.largest("production_2004").key == "USA"
    assert production.smallest("production_2023").key == "India"
    assert production.where("production_2023", None).one().key == "Australia"
    # Missing values sort last, whichever way.
    assert [r.key for r in production.top(5, "production_2023")][-1] == "Australia"


def test_selection_errors_say_what_is_wrong(production):
    with pytest.raises(BindingError, match="no row 'Atlantis'"):
        production.without("Atlantis")
    with pytest.raises(
        BindingError,
        match=re.escape(
            "production.where('country', 'Atlantis') keeps no row: the 'country' "
            "values of 'production' are 'China', "
        ),
    ):
        production.where("country", "Atlantis")
    with pytest.raises(BindingError, match="expected one row of 'production', the selection has 5"):
        production.one()
    with pytest.raises(BindingError, match="holds text"):
        production.top(2, "country")
    with pytest.raises(BindingError, match="expected numbers in column 'country'"):
        production.sum("country")
    with pytest.raises(BindingError, match="has no numbers"):
        production.where("country", "Australia").max("production_2023")


def test_rows_are_keyed_by_their_first_column():
    table = Table.from_frame("t", pd.DataFrame({"id": ["a", "b"], "v": ["1", "x"]}))
    assert table.a.v == 1 and table.b.v == "x"
    assert len(table) == 2 and repr(table) == "<table 't': 2 rows>"


def long_table() -> Table:
    from deckgen.tables.origin import Origin

    frame = pd.DataFrame(
        {
            "year": ["2022", "2022", "2023", "2023"],
            "source": ["Coal", "Gas", "Coal", "Gas"],
            "twh": ["828", "1687", "675", "1802"],
        }
    )
    frame.attrs["origin"] = Origin("data/gen.csv", (2, 3, 4, 5))
    return Table.from_frame("gen", frame)


def test_a_key_that_names_several_rows_is_an_error_not_the_last_row():
    table = long_table()
    with pytest.raises(BindingError) as info:
        table["2023"]
    message = str(info.value)
    assert "data source 'gen' has 2 rows whose first column ('year') is '2023'" in message
    assert "(at gen.csv:4, gen.csv:5)" in message
    assert (
        "pick one with .where(...), e.g. gen.where('year', 2023).where('source', 'Coal').one()"
        in message
    )
    assert not isinstance(info.value, MissingCell)  # not swallowed by Jinja as a missing key
    # The suggestion works.
    assert table.where("year", 2023).where("source", "Coal").one().twh == 675
    # Aggregates and selections over the repeated keys keep working.
    assert table.where("year", 2023).sum("twh") == 2477
    assert len(table.without("2022")) == 2


def test_rows_that_share_a_key_are_recorded_under_names_of_their_own():
    table = long_table()
    with ReadLog() as log:
        gas = table.where("year", 2023).where("source", "Gas").one().twh
        coal = table.where("year", 2023).where("source", "Coal").one().twh
    assert (gas, coal) == (1802, 675)
    cells = [r for r in log.unique() if r.column == "twh"]
    assert [r.row for r in cells] == ["2023 · Gas", "2023 · Coal"]


# --------------------------------------------------------------------------- dates, codes
@pytest.fixture
def prices() -> Table:
    """Month-start prices of one symbol with its dates typed (as `type: date` reads them),
    in file order, plus a ZIP-like code column nobody declared."""
    import datetime as dt

    from tests.helpers import REPO

    frame = pd.read_csv(REPO / "tests" / "data" / "stock_prices.csv", dtype=str)
    frame = frame[frame["symbol"] == "CNTS"][["date", "price", "symbol"]].reset_index(drop=True)
    frame["date"] = [dt.datetime.strptime(d, "%b %d %Y").date() for d in frame["date"]]
    frame["code"] = [f"{k:05d}" for k in range(len(frame))]
    return tables_for_templates({"prices": frame})["prices"]


def test_max_and_min_of_a_date_column_are_dates(prices):
    import datetime as dt

    assert prices.max("date") == dt.date(2009, 12, 1)
    assert prices.min("date") == dt.date(2000, 1, 1)
    assert prices.largest("date").price == 142.75
    assert [r.key for r in prices.top(2, "date")] == ["2009-12-01", "2009-11-01"]
    assert prices.bottom(1, "date").one().key == "2000-01-01"


def test_rows_are_found_by_date_key_and_where_takes_a_date_or_period(prices):
    import datetime as dt

    assert prices["2008-06-01"].price == prices.where("date", "June 2008").one().price
    assert prices.where("date", dt.date(2008, 6, 1)).count() == 1
    assert prices.where("date", "2008").count() == 12  # every month of the year
    assert prices.where("date", 2009).count() == 12


def test_reads_of_a_date_record_its_text(prices):
    with ReadLog() as log:
        prices["2008-06-01"].date  # noqa: B018
    assert log.reads == [Read("prices", "2008-06-01", "date", "2008-06-01")]


def test_a_date_cannot_be_summed_and_text_has_no_order(prices):
    with pytest.raises(BindingError, match="expected numbers in column 'date' of 'prices', "
                                           "found the date 2000-01-01"):  # fmt: skip
        prices.sum("date")
    with pytest.raises(BindingError, match="cannot take the max of column 'symbol' of 'prices': "
                                           "it holds text \\('CNTS', in row '2000-01-01'\\); "
                                           "it is no number"):  # fmt: skip
        prices.max("symbol")


def test_a_statistics_office_mark_in_an_ordered_column_gets_the_charts_hint():
    # A template's max() over rates with a '..' (not available) said "declare the column
    # 'type: date' to order it by date" (found by review).
    text = "region,rate,since\nNorth,4.6,2024-01-31\nSouth,..,Q3 2024\nEast,3.9,2023-12-31\n"
    table = written("unemp", text)
    with pytest.raises(BindingError) as info:
        table.max("rate")
    message = str(info.value)
    assert "('..', in row 'South')" in message and "statistics offices" in message
    assert "type: date" not in message
    with pytest.raises(BindingError, match="declare the column 'type: date'"):
        table.max("since")


def test_a_code_with_a_leading_zero_stays_text(prices):
    assert prices["2000-01-01"].code == "00000"
    assert prices["2000-02-01"].code == "00001"


def test_a_column_declared_text_stays_text():
    frame = pd.DataFrame({"id": ["a"], "year": ["2010"], "n": ["2010"]})
    frame.attrs["types"] = {"year": "text"}
    row = tables_for_templates({"t": frame})["t"]["a"]
    assert row.year == "2010" and row.n == 2010.0


def _writings(n: int) -> list[object]:
    return [n, float(n), str(n), f"{n}.0"]


# The Census Bureau's marks for no estimate are no values to a template (their own test).
@given(st.integers(-(10**15) + 1, 10**15 - 1).filter(lambda n: n not in CENSUS_MARKS), st.data())
def test_a_whole_number_prints_as_written_and_matches_however_written(n, data):
    """A whole number is an int: Jinja's str() (join, format) printed '2020.0', and
    where('year', '2020'), as the header or file writes it, matched nothing. (Sixteen
    significant digits or more are an ID: test_an_id_or_a_code_is_text_to_a_template.)"""
    cell = data.draw(st.sampled_from(_writings(n)), label="cell")
    wanted = data.draw(st.sampled_from(_writings(n)), label="wanted")
    table = tables_for_templates({"t": pd.DataFrame({"k": ["a"], "v": [cell]})})["t"]
    assert str(table.column("v")[0]) == str(n)
    assert table.where("v", wanted).count() == 1
    with pytest.raises(BindingError, match="keeps no row"):
        table.where("v", str(n + 1))


def test_a_number_past_what_a_float_holds_exactly_stays_a_float():
    table = tables_for_templates({"t": pd.DataFrame({"k": ["a"], "v": ["1e20"]})})["t"]
    assert table.a.v == 1e20 and isinstance(table.a.v, float)


def test_a_year_stored_as_a_float_keys_its_row_as_written():
    frame = pd.DataFrame({"year": [2010.0], "v": [1.5]})
    assert tables_for_templates({"t": frame})["t"]["2010"].v == 1.5


def test_a_source_is_made_into_rows_only_when_a_template_first_reads_it(monkeypatch):
    """A large source only a chart shows costs the templates nothing; one they read is made
    once, however often they read it."""
    from deckgen.binding import tables

    made = []
    real = tables.cell_value
    monkeypatch.setattr(tables, "cell_value", lambda *a: made.append(a) or real(*a))
    frame = pd.DataFrame({"country": ["China", "USA"], "units": ["30", "10"]})
    table = tables_for_templates({"t": frame})["t"]
    assert made == []
    assert table.China.units == 30 and table.USA.units == 10 and len(table) == 2
    assert len(made) == 4  # each cell once
    assert table.where("country", "USA").one().units == 10
    assert len(made) == 4


def test_rows_that_share_a_key_are_told_apart_however_the_table_is_first_used():
    frame = pd.DataFrame({"year": ["2020", "2020"], "fuel": ["Coal", "Gas"], "twh": ["1", "2"]})
    by_iterating = tables_for_templates({"t": frame})["t"]
    by_key = tables_for_templates({"t": frame})["t"]
    with pytest.raises(BindingError):
        by_key["2020"]
    labels = [r._label for r in by_iterating]
    assert labels == [r._label for r in by_key] and len(set(labels)) == 2


@pytest.mark.parametrize(
    ("raw", "seen"),
    [("9007199254740993", "9007199254740993"), (9007199254740993, "9007199254740993"),
     ("3E10", "3E10"), ("00501", "00501"), ("900719925474099", 900719925474099),
     ("1e+05", 100000), (2**53 - 1, 2**53 - 1)],
)  # fmt: skip
def test_an_id_or_a_code_is_text_to_a_template(raw, seen):
    """'Account {{ ... .id }}' read 9007199254740992 for account ...993, and a batch's
    {{ row.id }} '1.23456789012e+19' (found by fuzzing)."""
    from deckgen.binding.tables import cell_value

    assert cell_value(raw) == seen and type(cell_value(raw)) is type(seen)


@pytest.mark.parametrize(
    ("cells", "earliest", "latest"),
    [(["2023 JAN", "2023 MAR", "2023 FEB"], "2023 JAN", "2023 MAR"),  # the ONS's months
     (["2023-Q4", "2024-Q1", "2023-Q3"], "2023-Q3", "2024-Q1"),
     (["2023-02-01T00:00:00Z", "2023-01-01T00:00:00Z"], "2023-01-01T00:00:00Z",
      "2023-02-01T00:00:00Z"),  # an API's days
     (["Dec 2023", "Jan 2024"], "Dec 2023", "Jan 2024")],
    ids=["ons", "quarters", "api-days", "named-months"],
)  # fmt: skip
def test_periods_written_as_text_order_in_time(cells, earliest, latest):
    """largest('month') over an ONS series was refused, told that 'JAN' was a unit (found
    in review): periods written as text order in time, as a chart places them."""
    frame = pd.DataFrame({"period": cells, "rate": [float(k) for k in range(len(cells))]})
    table = tables_for_templates({"cpi": frame})["cpi"]
    assert table.largest("period").period == latest
    assert table.smallest("period").period == earliest
    assert table.top(1, "period").column("period") == [latest]


def test_text_that_mixes_ways_of_writing_periods_is_still_refused():
    frame = pd.DataFrame({"period": ["2023 JAN", "2023-Q1"], "rate": [1.0, 2.0]})
    table = tables_for_templates({"cpi": frame})["cpi"]
    with pytest.raises(BindingError, match="cannot sort by column 'period'"):
        table.largest("period")


def test_a_cell_that_names_no_period_among_periods_is_named_with_the_filter():
    """BLS's 'Annual' column unpivoted with its months: largest('period') was refused,
    told that 'Jan' in '2022 Jan' was a unit, to write as the format's suffix (found in
    review). The cell that names no period is named, with the filter that leaves it out."""
    cells = [f"{year} {month}" for month in ("Jan", "Feb", "Mar", "Annual")
             for year in (2022, 2023)]  # fmt: skip
    frame = pd.DataFrame({"Year": ["2022", "2023"] * 4, "period": cells,
                          "jobs": [float(k) for k in range(8)]})  # fmt: skip
    table = tables_for_templates({"monthly": frame})["monthly"]
    with pytest.raises(BindingError) as info:
        table.largest("period")
    said = str(info.value)
    assert ("cannot sort by column 'period' of 'monthly': '2022 Annual' (in row '2022') names "
            "no period, where 6 months such as '2022 Jan' do") in said  # fmt: skip
    assert "filter: {column: period, op: is a, value: month}" in said
    assert "unit" not in said


def test_a_total_among_split_years_is_named_with_a_filter_by_its_name():
    """A university's academic years and their 'Total' row: largest('year') was told the
    column held text, naming '2023/24', with the fix 'write numbers in the column' (found
    by a new user). ``op: is a`` knows no split year: the filter names the row."""
    frame = pd.DataFrame({"year": ["2023/24", "2022/23", "2021/22", "2020/21", "Total"],
                          "income": [84.3, 78.1, 74.5, 70.2, 307.1]})  # fmt: skip
    table = tables_for_templates({"kpi": frame})["kpi"]
    with pytest.raises(BindingError) as info:
        table.largest("year")
    said = str(info.value)
    assert ("cannot sort by column 'year' of 'kpi': 'Total' (in row 'Total') names no "
            "period, where 4 split years such as '2023/24' do") in said  # fmt: skip
    assert "(filter: {column: year, op: '!=', value: Total}), or with '.without('Total')'" in said
    # The fix the message gives works.
    assert table.without("Total").largest("year")["year"] == "2023/24"


def test_a_row_listed_as_a_mapping_is_told_to_print_a_cell():
    """'row.items()' and 'row | dictsort' were told the data has no column 'items' (found
    by fuzzing). A column of that name is still read."""
    frame = pd.DataFrame({"country": ["China"], "cars": [30.2], "items": [4.0]})
    row = tables_for_templates({"p": frame})["p"]["China"]
    for name in ("keys", "values", "get"):
        said = f"a row is no mapping to list or sort ('{name}'): print one of its cells, "
        with pytest.raises(BindingError, match=re.escape(said + "p['China'].cars")):
            row[name]
    assert row["items"] == 4.0


def test_a_census_mark_is_no_value_a_template_reads():
    """A title summed the Census Bureau's -666666666 (no estimate) with the counties'
    incomes, or printed it as one (found in review): reading it is an error with the fix."""
    frame = pd.DataFrame({"county": ["A", "B"], "income": ["59609", "-666666666"]})
    table = tables_for_templates({"acs": frame})["acs"]
    assert table["A"].income == 59609
    for read in (lambda: table.sum("income"), lambda: table["B"].income,
                 lambda: table.largest("income")):  # fmt: skip
        with pytest.raises(BindingError, match="the US Census Bureau's mark for an estimate"):
            read()


def test_days_in_a_layout_not_guessed_are_told_the_format_that_reads_them():
    """largest('Date') over Meta's '03/01/2024' was told "it is no number: write numbers in
    the column" (found in review): its cells are days, day or month first, and the fix is
    the declaration that reads them, as a chart's is."""
    table = written("fb", "Date,Likes\n03/01/2024,12\n03/02/2024,15\n03/13/2024,9\n")
    with pytest.raises(BindingError) as info:
        table.largest("Date")
    message = str(info.value)
    assert (
        "its cells are dates: declare the column 'type: date' in the data source to "
        "order it by date, and add 'format: \"%m/%d/%Y\"' to the column"
    ) in message
    assert "write numbers" not in message


def test_a_misspelt_method_is_told_the_method_not_only_the_rows():
    """'ig.latest(...)' read as a row named 'latest' and listed the rows' names, not
    'largest' (found in review)."""
    table = written("ig", "Post,Likes\n1799,12\n1800,15\n")
    with pytest.raises(BindingError) as info:
        table["latest"]
    assert "if 'latest' was to be a table's method, did you mean 'largest'?" in str(info.value)


def test_a_where_that_keeps_no_row_names_the_values_and_the_nearest(production):
    """'the selection leaves no rows of 't'' named neither the column nor its values, where
    every other lookup says did you mean (found by fuzzing)."""
    with pytest.raises(BindingError, match="did you mean 'China'"):
        production.where("country", "Chian")
