"""Eurostat's TSV as its bulk download and data browser write it: the key column split into
its dimensions, ':' a gap, values read without their flags and the flagged ones warned of.
Every file is written by the test in Eurostat's shape, with made-up values."""

from __future__ import annotations

import textwrap

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pptx import Presentation

from deckgen.errors import DataError
from deckgen.pipeline import BuildOptions, build
from deckgen.tables.eurostat import is_eurostat
from deckgen.tables.select import FLAGS
from deckgen.tables.sources import load_tables, read_warnings
from tests.helpers import load_outline, write_project

HICP = (
    "freq,unit,coicop,geo\\TIME_PERIOD\t2021 \t2022 \t2023 \n"
    "A,RCH_A_AVG,CP00,DE\t3.2 \t8.7 \t6.0 \n"
    "A,RCH_A_AVG,CP00,EL\t0.6 b\t9.3 \t4.2 p\n"
    "A,RCH_A_AVG,CP00,LI\t: \t: c\t: \n"
    "A,RCH_A_AVG,CP00,TR\t19.6 \t72.3 \t53.9 ep\n"
)


def tables(tmp_path, text: str, data: str = "  hicp: {file: hicp.tsv}\n") -> dict:
    """The tables of an outline of ``data`` sources, hicp.tsv (and hicp.tsv.gz) holding
    ``text``."""
    outline = f"deck: {{title: T}}\ndata:\n{data}slides:\n  - {{kind: section, title: S}}\n"
    files = {"hicp.tsv": text, "hicp.tsv.gz": text}
    return load_tables(load_outline(write_project(tmp_path, outline, files)))


def test_the_key_column_is_a_column_per_dimension_and_each_period_a_column(tmp_path):
    """It was one column named 'freq,unit,coicop,geo\\TIME_PERIOD', and no chart could
    name the countries in it."""
    frame = tables(tmp_path, HICP)["hicp"]
    assert list(frame.columns) == ["freq", "unit", "coicop", "geo", "2021", "2022", "2023"]
    assert list(frame["geo"]) == ["DE", "EL", "LI", "TR"]
    assert list(frame["unit"]) == ["RCH_A_AVG"] * 4


def test_no_value_is_a_gap_and_a_value_is_read_without_its_flags(tmp_path):
    """':' and ': c' (confidential) were errors, and '4.2 p' one with 'write 4.2 alone'
    as the fix, to make by hand at every release."""
    frame = tables(tmp_path, HICP, "  hicp: {file: hicp.tsv, columns: {'2023': number}}\n")["hicp"]
    assert list(frame["2023"]) == [6.0, 4.2, None, 53.9]
    assert list(frame.loc[2, ["2021", "2022"]]) == ["", ""]
    assert list(frame["2021"]) == ["3.2", "0.6", "", "19.6"]


def test_the_flagged_values_are_warned_of_with_their_series_and_meaning(tmp_path):
    (warning,) = read_warnings(tables(tmp_path, HICP))
    assert warning.startswith(f"{tmp_path / 'hicp.tsv'}:3: 2021: 3 values in hicp.tsv carry ")
    assert ("read as numbers without them: '0.6 b' (EL, 2021: a break in the time series); "
            "'4.2 p' (EL, 2023: provisional); '53.9 ep' (TR, 2023: estimated, provisional)"
            in warning)  # fmt: skip
    assert "say what a flag means in the 'source:' of a slide that shows the value" in warning
    # A source line that says what each flag means, as the fix asks, clears it; one that
    # says some of them does not (it fired whatever the source said: found in review).
    read = tables(tmp_path / "s", HICP)
    said = "Eurostat (prc_hicp_aind); 2023 provisional, TR estimated; a break in series in 2021"
    assert read_warnings(read, lambda: [said]) == []
    assert len(read_warnings(read, lambda: ["Eurostat; 2023 provisional"])) == 1
    assert read_warnings(tables(tmp_path / "b", HICP.replace(" b\t", " \t").replace(
        " p\n", " \n").replace(" ep\n", " \n"))) == []  # fmt: skip


def test_only_the_codes_that_tell_the_series_apart_name_a_flagged_value(tmp_path):
    text = "unit,geo\\time\t2022 \t2023 \nPC,DE\t8.7 \t6.0 p\nPC_CHG,DE\t1.0 \t-2.7 p\n"
    (warning,) = read_warnings(tables(tmp_path, text))
    assert "'6.0 p' (PC, 2023: provisional); '-2.7 p' (PC_CHG, 2023: provisional)" in warning


def test_a_key_with_another_number_of_codes_is_an_error_at_its_line(tmp_path):
    text = HICP.replace("A,RCH_A_AVG,CP00,EL", "A,RCH_A_AVG,EL")
    with pytest.raises(DataError) as info:
        tables(tmp_path, text)
    (problem,) = info.value.problems
    assert (problem.location.line, problem.location.field) == (
        3, "freq,unit,coicop,geo\\TIME_PERIOD")  # fmt: skip
    assert problem.message == ("expected 4 codes separated by commas, one per dimension "
                               "(freq, unit, coicop, geo), found 'A,RCH_A_AVG,EL'")  # fmt: skip


@pytest.mark.parametrize(
    ("first", "eurostat"),
    [("freq,unit,geo\\TIME_PERIOD", True), ("unit,geo\\time", True), ("indic\\geo", True),
     ("in\\out", False), ("region", False), ("a,b\\", False), ("geo\\TIME_PERIOD x", False)],
)  # fmt: skip
def test_only_eurostats_key_header_is_read_as_one(first, eurostat):
    assert is_eurostat(first) is eurostat


def test_another_tsv_is_read_as_written(tmp_path):
    frame = tables(tmp_path, "in\\out\tvalue\nA,B\t12.5 p\n")["hicp"]
    assert list(frame.columns) == ["in\\out", "value"]
    assert list(frame["value"]) == ["12.5 p"]


@given(
    st.one_of(st.just(":"), st.decimals(-1e6, 1e6, places=2).map(str)),
    st.text(alphabet="".join(FLAGS), max_size=3),
)
def test_any_cell_reads_as_its_value_and_only_a_flagged_value_is_flagged(value, flags):
    import pandas as pd

    from deckgen.tables.eurostat import read
    from deckgen.tables.origin import Origin

    frame = pd.DataFrame({"unit,geo\\time": ["PC,DE"], "2023": [f"{value} {flags}"]})
    table, origin = read(frame, Origin("e.tsv", (2,)), 1)
    assert table.loc[0, "2023"] == ("" if value == ":" else value)
    assert [written for _, _, written, _ in origin.flagged] == (
        [f"{value} {flags}"] if flags and value != ":" else [])  # fmt: skip


MONTHLY = (
    "freq,unit,coicop,geo\\TIME_PERIOD\t2023-11 \t2023-12 \t2024-01 \t2024-02 \n"
    "M,RCH_A,CP00,EA20\t2.4 \t2.9 \t2.8 \t2.6 p\n"
    "M,RCH_A,CP00,DE\t2.3 \t3.8 \t3.1 \t2.7 p\n"
)

OUTLINE = textwrap.dedent("""\
    deck: {title: Euro area inflation}
    data:
      hicp: {file: prc_hicp_manr.tsv}
      monthly:
        from: hicp
        steps:
          - unpivot: {id: [freq, unit, coicop, geo], name: month, value: rate}
    slides:
      - kind: chart
        title: >-
          Euro area inflation was {{ monthly.where('geo', 'EA20').largest('month').rate }}%
          in {{ monthly.max('month') | date }}
        source: Eurostat (prc_hicp_manr); February 2024 provisional
        chart: {type: line, data: monthly, x: month, y: rate, series: geo, highlight: EA20,
                format: "plain:1"}
      - kind: table
        title: Germany's inflation fell below 3% in February
        source: Eurostat (prc_hicp_manr); February 2024 provisional
        table:
          data: hicp
          columns: [geo, "2023-12", "2024-01", "2024-02"]
""")


def test_a_monthly_file_builds_a_deck_as_published(tmp_path):
    """End to end: Eurostat's monthly TSV, unpivoted and charted in time order, its
    flagged month warned of unless a source line says what its flag means; the deck
    re-opened."""
    path = write_project(tmp_path, OUTLINE, {"prc_hicp_manr.tsv": MONTHLY})
    result = build(path, BuildOptions(out_dir=tmp_path / "out"))
    deck = Presentation(str(result.deck))
    titles = [s.shapes.title.text_frame.text for s in deck.slides if s.shapes.title]
    assert titles[0] == "Euro area inflation was 2.6% in February\u00a02024"
    (table,) = [s.table for s in deck.slides[1].shapes if s.has_table]
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["geo", "2023-12", "2024-01", "2024-02"],
        ["EA20", "2.9", "2.8", "2.6"],
        ["DE", "3.8", "3.1", "2.7"],
    ]
    (alt,) = [s for s in deck.slides[0].shapes if s.shape_type == 13]
    described = alt._element.xpath("./p:nvPicPr/p:cNvPr/@descr")[0]
    assert "EA20 rose from 2.4 in November 2023 to 2.6 in February 2024" in described
    # The source lines say what the flag 'p' means: the flagged month is told, so nothing
    # is warned of; a source that does not say it is warned of.
    flagged = "2 values in prc_hicp_manr.tsv carry Eurostat's flags"
    assert not any(flagged in w for w in result.warnings)
    path.write_text(path.read_text().replace(" provisional", ""))
    result = build(path, BuildOptions(out_dir=tmp_path / "out"))
    assert any(flagged in w for w in result.warnings)


def test_a_bulk_downloads_packed_file_is_told_to_be_unpacked(tmp_path):
    """Eurostat's bulk download is 'estat_prc_hicp_aind.tsv.gz': it was told only which
    suffixes are read."""
    with pytest.raises(DataError) as info:
        tables(tmp_path, "packed", "  hicp: {file: hicp.tsv.gz}\n")
    (problem,) = info.value.problems
    fix = "unpack it first (gunzip hicp.tsv.gz) and name the file inside: file: 'hicp.tsv'"
    assert problem.hint == fix


def test_a_quarterly_files_periods_are_placed_in_time_once_unpivoted(tmp_path):
    """Eurostat's quarters ('2023-Q4') are quarters to a chart along time, as its months
    ('2024-01') are months."""
    from deckgen.errors import Location
    from deckgen.kinds.charts import chart as chart_spec
    from deckgen.tables.select import chart_data

    text = ("unit,geo\\TIME_PERIOD\t2023-Q3 \t2023-Q4 \t2024-Q1 \n"
            "CLV_PCH_PRE,DE\t0.1 \t-0.3 \t0.2 p\n")  # fmt: skip
    data = ("  gdp: {file: hicp.tsv}\n  q:\n    from: gdp\n    steps:\n"
            "      - unpivot: {id: [unit, geo], name: quarter, value: growth}\n")  # fmt: skip
    frame = tables(tmp_path, text, data)["q"]
    spec = chart_spec(type="line", data="q", x="quarter", y="growth")
    got = chart_data(frame, spec, Location("deck.yaml", 1, "slides[0].chart"))
    assert got.categories == ("2023-Q3", "2023-Q4", "2024-Q1")
    assert got.series[0].values == (0.1, -0.3, 0.2)


SDMX = (
    "DATAFLOW,LAST UPDATE,freq,unit,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG\n"
    "ESTAT:UNE_RT_A(1.0),25/04/24 23:00:00,A,PC_ACT,DE,2023,3.0,\n"
    "ESTAT:UNE_RT_A(1.0),25/04/24 23:00:00,A,PC_ACT,EL,2023,11.1,p\n"
    "ESTAT:UNE_RT_A(1.0),25/04/24 23:00:00,A,PC_ACT,EU27_2020,2023,6.1,e\n"
    "ESTAT:UNE_RT_A(1.0),25/04/24 23:00:00,A,PC_ACT,CY,2023,,c\n"
)


def test_sdmx_csv_values_flagged_in_obs_flag_are_warned_of_as_a_tsvs_are(tmp_path):
    """Eurostat's SDMX-CSV puts its flags in OBS_FLAG: a chart of OBS_VALUE went out
    without a word of its provisional values, where the TSV's are warned of (found in
    review). Said once, at the first; quiet once the source says what each flag means."""
    outline = (
        "deck: {title: T}\ndata:\n  une: {file: une.csv}\nslides:\n  - {kind: section, title: S}\n"
    )
    read = load_tables(load_outline(write_project(tmp_path, outline, {"une.csv": SDMX})))
    (warning,) = read_warnings(read)
    assert warning.startswith(
        f"{tmp_path / 'une.csv'}:3: OBS_FLAG: 3 values in une.csv carry Eurostat flags in "
        "OBS_FLAG (confidential, estimated, provisional; the first '11.1' here), charted "
        "from OBS_VALUE"
    )
    said = "Eurostat (une_rt_a); EL provisional, EU estimated, CY confidential"
    assert read_warnings(read, lambda: [said]) == []
    plain = SDMX.replace(",p\n", ",\n").replace(",e\n", ",\n").replace(",c\n", ",\n")
    again = load_tables(load_outline(write_project(tmp_path / "p", outline, {"une.csv": plain})))
    assert read_warnings(again) == []
