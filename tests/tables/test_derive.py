"""Derived tables in an outline: made from files, rows or each other, every mistake at its
outline line and field."""

from __future__ import annotations

import pytest

from deckgen.errors import DeckgenError
from deckgen.tables.sources import load_tables
from tests.helpers import load_outline, write_project

GEN = "year,source,twh\n2022,Coal,828\n2022,Gas,1687\n2023,Coal,675\n2023,Gas,1802\n"


def tables(tmp_path, data: str) -> dict:
    outline = f"deck: {{title: T}}\ndata:\n{data}\nslides:\n  - {{kind: section, title: S}}\n"
    path = write_project(tmp_path, outline, {"gen.csv": GEN})
    return load_tables(load_outline(path))


def error(tmp_path, data: str) -> str:
    with pytest.raises(DeckgenError) as info:
        tables(tmp_path, data)
    return str(info.value)


def test_a_derived_table_from_a_derived_table_from_a_file(tmp_path):
    out = tables(
        tmp_path,
        """\
  gen: {file: gen.csv}
  share:
    from: totals
    steps: [{share: {column: total, as: pct}}]
  totals:
    from: gen
    steps:
      - group: {by: year, sum: {total: twh}}
    columns: {year: integer}""",
    )
    assert out["totals"]["year"].tolist() == [2022, 2023]  # declared types apply to the result
    assert out["totals"]["total"].tolist() == [2515.0, 2477.0]
    assert out["share"]["pct"].tolist() == pytest.approx([50.38, 49.62], abs=0.01)
    assert "file" not in out["share"].attrs  # not an input file of the build


def test_a_derived_table_from_rows_written_in_the_outline(tmp_path):
    out = tables(
        tmp_path,
        """\
  poll:
    rows: [{answer: Yes, n: 67}, {answer: No, n: 33}]
  shares: {from: poll, steps: [{share: n}]}""",
    )
    assert out["shares"]["n_share"].tolist() == [67.0, 33.0]


def test_unknown_source_and_cycles_are_named_at_from(tmp_path):
    text = error(
        tmp_path,
        """\
  gen: {file: gen.csv}
  a: {from: genn}
  b: {from: c}
  c: {from: b}
  d: {from: d}""",
    )
    assert "deck.yaml:4: data.a.from: unknown data source 'genn'" in text
    assert "hint: did you mean 'gen'?" in text
    assert "deck.yaml:6: data.c.from: tables made from each other: 'b' -> 'c' -> 'b'" in text
    assert "deck.yaml:7: data.d.from: tables made from each other: 'd' -> 'd'" in text


def test_steps_are_checked_before_any_runs_each_at_its_line(tmp_path):
    text = error(
        tmp_path,
        """\
  gen: {file: gen.csv}
  mix:
    from: gen
    steps:
      - pivott: {index: year}
      - pivot:
          index: year
          colums: source
      - group: {by: year, summ: [twh]}
      - top: 0""",
    )
    assert "deck.yaml:7: data.mix.steps[0].pivott: unknown step 'pivott'; the steps are" in text
    assert "hint: did you mean 'pivot'?" in text
    assert (
        "deck.yaml:10: data.mix.steps[1].pivot.colums: unknown field 'colums' in a pivot step"
        in text
    )
    assert "hint: did you mean 'columns'?" in text
    assert "deck.yaml:11: data.mix.steps[2].group.summ: unknown field 'summ'" in text
    assert "did you mean 'sum'?" in text
    assert "deck.yaml:12: data.mix.steps[3].top.n: expected a number of at least 1, found 0" in text


def test_an_unknown_field_names_its_step_with_the_article_it_is_said_with(tmp_path):
    # 'unknown field 'names_to' in a unpivot step' (found in review).
    text = error(
        tmp_path,
        """\
  gen: {file: gen.csv}
  long:
    from: gen
    steps: [{unpivot: {columns: [twh], names_to: what}}]""",
    )
    assert "unknown field 'names_to' in an unpivot step" in text


def test_a_step_that_needs_a_field_says_which(tmp_path):
    text = error(
        tmp_path,
        """\
  gen: {file: gen.csv}
  wide: {from: gen, steps: [{pivot: {index: year, columns: source}}]}""",
    )
    assert "data.wide.steps[0].pivot.values: the pivot step needs 'values'" in text


def test_a_step_names_its_column_with_the_nearest(tmp_path):
    text = error(
        tmp_path,
        """\
  gen: {file: gen.csv}
  wide:
    from: gen
    steps:
      - pivot: {index: year, columns: sourse, values: twh}""",
    )
    assert (
        "deck.yaml:7: data.wide.steps[0].pivot.columns: the table at this step has no column "
        "'sourse'; its columns are 'year', 'source', 'twh'\n  hint: did you mean 'source'?"
    ) in text


def test_a_bad_cell_found_steps_later_is_named_by_its_file_line(tmp_path):
    (tmp_path / "bad").mkdir()
    outline = """\
deck: {title: T}
data:
  gen: {file: gen.csv}
  growth:
    from: gen
    steps:
      - filter: {column: source, value: Coal}
      - sort: {by: year, descending: true}
      - pct_change: {column: twh}
slides:
  - {kind: section, title: S}
"""
    path = write_project(
        tmp_path / "bad", outline, {"gen.csv": GEN.replace("2023,Coal,675", "2023,Coal,n.a.")}
    )
    with pytest.raises(DeckgenError) as info:
        load_tables(load_outline(path))
    text = str(info.value)
    assert "gen.csv:4: twh: expected a number in column 'twh', found 'n.a.'" in text
    assert "used by " in text and "data.growth.steps[2].pct_change.column" in text


def test_a_problem_in_a_source_is_not_repeated_by_the_tables_made_from_it(tmp_path):
    text = error(
        tmp_path,
        """\
  gen: {file: missing.csv}
  totals: {from: gen, steps: [{group: {by: year, sum: [twh]}}]}""",
    )
    assert "data file not found: 'missing.csv'" in text
    assert "totals" not in text


def test_pandas_copies_share_the_origin_instead_of_copying_every_row_place():
    # pandas deep-copies attrs on every operation (even frame[column]); with a place per
    # row, copying them made a step over 20,000 rows take seconds.
    from tests.tables.steps.common import derive, source

    frame = derive(source({"k": ["a", "b"] * 10_000, "v": ["1"] * 20_000}), {"sort": "k"})
    origin = frame.attrs["origin"]
    assert frame[["k"]].attrs["origin"] is origin
    assert frame.iloc[:5].copy().attrs["origin"] is origin


PRICES = (
    "symbol,month,close\n"
    + "".join(f"AAA,{m} 2022,{10 + k}\n" for k, m in enumerate(("Jan", "Feb", "Mar")))
    + "".join(f"BBB,{m} 2022,{20 - k}\n" for k, m in enumerate(("Jan", "Feb", "Mar")))
)


def test_derived_tables_keep_dates_and_call_what_they_work_out_numbers(tmp_path):
    outline = """\
deck: {title: T}
data:
  prices:
    file: prices.csv
    columns: {month: {type: date, format: "%b %Y", period: month}}
  rebased:
    from: prices
    steps:
      - sort: {by: month, descending: true}
      - index: {column: close, by: symbol, base: {month: 2022-03}}
  wide: {from: prices, steps: [{pivot: {index: month, columns: symbol, values: close}}]}
  totals: {from: prices, steps: [{group: {by: month, sum: {total: close}, first: [symbol]}}]}
slides:
  - {kind: section, title: S}
"""
    tables = load_tables(load_outline(write_project(tmp_path, outline, {"prices.csv": PRICES})))
    rebased = tables["rebased"]
    assert [str(m) for m in rebased["month"]] == ["2022-03"] * 2 + ["2022-02"] * 2 + ["2022-01"] * 2
    aaa = rebased[rebased["symbol"] == "AAA"]["close_index"].tolist()
    assert aaa == pytest.approx([100.0, 11 / 12 * 100, 10 / 12 * 100])  # base: March, by date
    assert rebased.attrs["types"] == {"month": "date", "close_index": "number"}
    assert tables["wide"].attrs["types"] == {"month": "date"}
    assert tables["totals"].attrs["types"] == {"month": "date", "total": "number"}
    assert tables["totals"]["total"].tolist() == [30.0, 30.0, 30.0]


def test_a_table_of_sums_shows_them_as_numbers_not_years(tmp_path):
    from tests.helpers import plan

    outline = """\
deck: {title: T}
data:
  gen: {file: gen.csv}
  totals: {from: gen, steps: [{group: {by: source, sum: [twh]}}]}
slides:
  - kind: table
    title: Gas made the most
    table: {data: totals, columns: [source, twh]}
"""
    layout = plan(write_project(tmp_path, outline, {"gen.csv": GEN})).slides[0].layout
    assert layout.rows == (("Coal", "1,503"), ("Gas", "3,489"))  # not '1503', a year


def test_a_column_renamed_to_nothing_is_refused_with_the_fix_on_its_line(tmp_path):
    # 'rename: {country: ""}' made a column with no header (found by fuzzing).
    text = error(
        tmp_path,
        """\
  gen: {file: gen.csv}
  mix:
    from: gen
    steps:
      - rename: {twh: "  "}""",
    )
    assert "data.mix.steps[0].rename: a column needs a name: 'twh' is renamed to nothing" in text
    assert "hint: write its new name, or leave 'twh' out of 'rename:'" in text


def test_a_column_computed_with_no_name_is_refused_as_a_rename_to_nothing_is(tmp_path):
    # 'compute: {"": "twh * 2"}' built, and a chart read y: "" (found by fuzzing).
    text = error(
        tmp_path,
        """\
  gen: {file: gen.csv}
  mix:
    from: gen
    steps:
      - compute: {" ": "twh * 2"}""",
    )
    assert "data.mix.steps[0].compute: a column needs a name: 'twh * 2' is given none" in text
    assert "hint: write the new column's name before it, as in {doubled: 'twh * 2'}" in text


def test_a_template_in_a_data_step_s_filter_is_said_to_be_one(tmp_path):
    # '{{ row.name }}' was compared as text, with 'write the value as the data has it'
    # (found by fuzzing): a data step is made once, for every row.
    text = error(
        tmp_path,
        """\
  gen: {file: gen.csv}
  mix:
    from: gen
    steps:
      - filter: {column: source, op: "!=", value: "{{ row.source }}"}""",
    )
    assert "no row of 'mix' has source = '{{ row.source }}'" in text
    assert "hint: a data step takes no template: its table is made once" in text


def test_a_computed_cell_is_named_with_the_step_that_made_it(tmp_path):
    """'gen.csv:2: x: expected a number' named a column gen.csv has not (found by
    fuzzing): a computed column's cell names the step, through later steps too."""
    from deckgen.tables.steps._base import origin_of

    out = tables(
        tmp_path,
        """\
  gen: {file: gen.csv}
  mix:
    from: gen
    steps:
      - compute: {x: "twh * 2"}
      - rename: {x: doubled}
      - sort: {by: twh}""",
    )["mix"]
    at = origin_of(out).cell(0, "doubled")
    assert at.file.endswith("gen.csv") and at.line == 4  # Coal 2023, 675, the least
    assert at.field == "doubled (made by data.mix.steps[0].compute)"
    assert origin_of(out).cell(0, "twh").field == "twh"


def test_a_pivot_naming_one_column_twice_says_so(tmp_path):
    # 'index: year, columns: year' was said to be 'two rows for one cell' (found by fuzzing).
    text = error(
        tmp_path,
        """\
  gen: {file: gen.csv}
  mix:
    from: gen
    steps:
      - pivot: {index: year, columns: year, values: twh}""",
    )
    assert "index, columns and values name 'year' more than once" in text
    assert "two rows for one cell" not in text


@pytest.mark.parametrize(
    ("step", "column", "said"),
    [
        ("unpivot: {columns: [twh], name: what, value: amount}", "source",
         "which keeps only its id columns: add 'source' to id: to keep it on every row"),
        # ids year and source: with id year alone, the default took the text of 'source'
        # beside 'twh', now refused (fuzzing round 8, 12; intended change of the step)
        ("unpivot: {id: [year, source], name: what, value: amount}", "twh",
         "which made its cells rows of 'amount', named in 'what'"),
        ("pivot: {index: year, columns: source, values: twh}", "twh",
         "whose new columns hold it: name one of those"),
        ("group: {by: year, sum: [twh]}", "source",
         "add 'source' to by:, or to first: or sum:"),
        ("rename: {source: fuel}", "source", "which names it 'fuel': write 'fuel'"),
    ],
)  # fmt: skip
def test_a_column_a_step_left_out_is_named_with_the_step_and_how_to_keep_it(
    tmp_path, step, column, said
):
    """A chart naming 'Region' after an unpivot without `id: Region` was told only that the
    table has no such column (found in review): the hint names the step, its line, and
    the fix."""
    from deckgen.tables.select import missing_column_hint

    out = tables(tmp_path, f"  gen: {{file: gen.csv}}\n  made: {{from: gen, steps: [{{{step}}}]}}")
    frame = out["made"]
    assert column not in frame.columns
    hint = missing_column_hint(column, list(frame.columns), frame.attrs["origin"])
    assert hint is not None
    assert hint.startswith(f"the table had {column!r} until the ")
    assert "deck.yaml:" in hint and "(data.made.steps[0]." in hint
    assert said in hint
    # Filtered and sorted later (as a chart selects its rows), the table still knows.
    from deckgen.tables.steps._base import take

    again = take(frame, range(len(frame)))
    assert missing_column_hint(column, list(again.columns), again.attrs["origin"]) == hint


def test_a_chart_over_a_table_that_lost_its_column_says_which_step_lost_it(tmp_path):
    from tests.helpers import plan

    outline = """\
deck: {title: T}
data:
  gen: {file: gen.csv}
  long:
    from: gen
    steps: [{unpivot: {id: year, columns: [twh], name: what, value: amount}}]
slides:
  - kind: chart
    title: Gas grew
    chart: {type: grouped-bar, data: long, x: year, y: amount, series: source}
"""
    path = write_project(tmp_path, outline, {"gen.csv": GEN})
    with pytest.raises(DeckgenError) as info:
        plan(path)
    text = str(info.value)
    assert "data source 'long' has no column 'source'" in text
    assert "hint: the table had 'source' until the unpivot step at " in text
    assert "add 'source' to id:" in text


COUNTIES = ("county,state,income\nLoving,TX,-666666666\nHarris,TX,70789\n"
            "Dallas,TX,67291\n")  # fmt: skip


@pytest.mark.parametrize(
    ("step", "field"),
    # A sum, a quotient, a threshold over the US Census Bureau's mark for no estimate: a
    # group summed the counties' incomes to -666,528,586, a compute step divided it, and a
    # filter kept Loving County as one of the poorest, each without a word (found in review).
    [("{group: {by: state, sum: income}}", "group.sum.income"),
     ('{compute: {thousands: "income / 1000"}}', "compute.thousands"),
     ('{filter: {column: income, op: "<", value: 68000}}', "filter.column"),
     ("{share: {column: income}}", "share.column"),
     ("{sort: {by: income}}", "sort.by"),
     ("{top: {n: 2, by: income}}", "top.by")],
)  # fmt: skip
def test_a_step_reading_a_mark_for_no_estimate_as_a_number_is_refused(tmp_path, step, field):
    data = f"  acs: {{file: acs.csv}}\n  out:\n    from: acs\n    steps: [{step}]"
    outline = f"deck: {{title: T}}\ndata:\n{data}\nslides:\n  - {{kind: section, title: S}}\n"
    path = write_project(tmp_path / "a", outline, {"acs.csv": COUNTIES})
    with pytest.raises(DeckgenError) as info:
        load_tables(load_outline(path))
    (problem,) = info.value.problems
    assert (problem.location.file.endswith("acs.csv"), problem.location.line) == (True, 2)
    assert problem.message == ("expected a number in column 'income', found '-666666666' (a "
                               "mark for no value)")  # fmt: skip
    assert f"data.out.steps[0].{field}; -666666666 is how the US Census Bureau" in problem.hint
    # Read as a gap, as the hint says, the step runs on the counties with an estimate.
    marked = outline.replace("{file: acs.csv}", "{file: acs.csv, missing: ['-666666666']}")
    path = write_project(tmp_path / "b", marked, {"acs.csv": COUNTIES})
    assert len(load_tables(load_outline(path))["out"]) in (1, 2, 3)
