import pandas as pd
import pytest

from deckgen.errors import DataError, Location
from deckgen.kinds.charts import chart as chart_spec
from deckgen.tables.select import chart_data, to_number

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


def test_dash_and_blank_are_missing_values():
    assert to_number("-") is None
    assert to_number("") is None
    assert to_number("1,234") == 1234.0
    with pytest.raises(ValueError):
        to_number("n.a.x")


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
    with pytest.raises(DataError, match="the y columns are 'y2004'"):
        chart_data(frame(), spec(type="line", y=["y2004"], series_labels={"y2040": "x"}), WHERE)


def test_series_needs_one_y_and_a_multi_series_chart():
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="y names one value column, not 2"):
        long_spec(y=["twh", "share"])
    with pytest.raises(ValidationError, match="a bar chart shows one series, but 'series: source'"):
        long_spec(type="bar")
    with pytest.raises(ValidationError, match="'series_order' orders the values of a 'series:'"):
        spec(type="line", series_order=["a"])
