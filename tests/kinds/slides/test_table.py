"""Table columns as shown: one unit and precision per column, true minus signs, years and
codes as written, dates as their period reads."""

from __future__ import annotations

from deckgen.kinds.slides.table import TableColumn, column_texts
from tests.helpers import HEADER, plan, write_project


def _column(**fields) -> TableColumn:
    return TableColumn.model_validate({"column": "c", **fields})


def test_a_column_shares_one_unit_and_one_precision():
    shown, numeric = column_texts(["910000", "1700000", "-"], _column(format="$compact:1"), None)
    assert (shown, numeric) == (["$0.9M", "$1.7M", "–"], True)
    shown, _ = column_texts(["12", "12.5", "-3.25"], _column(), None)
    assert shown == ["12.0", "12.5", "−3.3"]  # halves round up, with a true minus sign


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


def test_dates_read_as_their_period():
    from deckgen.tables.dates import Month

    shown, numeric = column_texts([Month(2010, 3, 1), None], _column(), "date")
    assert (shown, numeric) == (["March 2010", ""], False)


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
