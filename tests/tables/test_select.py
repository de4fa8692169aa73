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
        spec(filter=[{"column": "country", "op": "!=", "value": "World Total"}],
             sort={"by": "y2023"}, top=2),
        WHERE,
    )  # fmt: skip
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
        spec(type="line", y=["y2004", "y2023"], series_labels={"y2004": "2004", "y2023": "2023"},
             transpose=True, top=2),
    WHERE)  # fmt: skip
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
