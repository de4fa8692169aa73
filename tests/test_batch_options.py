"""``deckgen batch``'s row options: each problem of ``--for-each``, ``--key`` and ``--where``
is one message naming the option as typed, what it expected and found, and a did-you-mean
or the values there are (found by fuzzing: a value no row had got neither)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner

from deckgen.batch import chosen_rows
from deckgen.cli import cli
from deckgen.errors import DataError
from deckgen.pipeline import BuildOptions, read_inputs
from tests.helpers import write_project

if TYPE_CHECKING:
    from pathlib import Path

    from deckgen.errors import Problem

# Twelve depots written for these tests: two-letter codes (difflib finds no code one letter
# off: it scores 'HX' against 'HB' 0.5), a zone cell written with spaces around it, and a
# declared number column.
CSV = """\
depot,code,zone,staff
Harbour,HB,North,12
Airport,AP, South ,30
Mill,ML,North,8
Quarry,QY,East,5
Station,ST,East,9
Bridge,BR,West,14
Castle,CS,West,7
Market,MK,South,11
Forest,FR,North,6
Lake,LK,East,10
Ridge,RG,West,4
Valley,VL,South,13
"""

OUTLINE = """\
deck:
  title: "{{ row.depot }} depot"
data:
  depots:
    file: depots.csv
    columns:
      staff: number
slides:
  - kind: statement
    text: "{{ row.depot }} has {{ row.staff }} staff."
"""


@pytest.fixture
def outline(tmp_path: Path) -> Path:
    return write_project(tmp_path / "p", OUTLINE, {"depots.csv": CSV})


def _problems(outline: Path, source: str = "depots", key: str | None = None,
              where: tuple[str, ...] = ()) -> list[Problem]:  # fmt: skip
    inputs = read_inputs(outline, BuildOptions(out_dir=outline.parent / "out"))
    with pytest.raises(DataError) as caught:
        chosen_rows(inputs, source, key, where)
    return caught.value.problems


def test_a_code_one_letter_off_is_suggested_and_the_values_listed(outline: Path):
    (problem,) = _problems(outline, where=("code=HX",))
    assert problem.message == (
        "--where 'code=HX': no row of 'depots' has code = 'HX'; its values are 'HB', 'AP', "
        "'ML', 'QY', 'ST', 'BR', 'CS', 'MK', 'FR', 'LK' and 2 more"
    )
    assert problem.hint == "did you mean 'HB'?"
    (two,) = _problems(outline, where=("code=MX",))
    assert two.hint == "did you mean 'ML' or 'MK'?"


def test_a_number_written_without_its_leading_zeros_is_suggested_with_them(tmp_path: Path):
    """'Dealer 7' for 'Dealer 007': difflib's nearest was 'Dealer 047' (found in review)."""
    rows = "".join(f"Dealer {n:03d},{n}\n" for n in range(1, 51))
    outline = write_project(tmp_path / "p", OUTLINE.replace("depots.csv", "dealers.csv"),
                            {"dealers.csv": "depot,staff\n" + rows})  # fmt: skip
    (problem,) = _problems(outline, where=("depot=Dealer 7",))
    assert problem.hint == "did you mean 'Dealer 007'? (text is compared exactly, zeros too)"
    # A decimal's zeros are its value's: 0.05 is not 5.
    (decimal,) = _problems(outline, where=("depot=Dealer 0.05",))
    assert decimal.hint != "did you mean 'Dealer 005'? (text is compared exactly, zeros too)"


def test_the_start_of_a_value_is_suggested_as_that_value(tmp_path: Path):
    """'day=2024-01' on days '2024-01-01' and '2024-02-01': difflib's nearest was the
    wrong month (found by fuzzing)."""
    outline = write_project(tmp_path / "p", OUTLINE.replace("depots.csv", "days.csv"),
                            {"days.csv": "depot,staff\n2024-01-01,1\n2024-02-01,2\n"})  # fmt: skip
    (problem,) = _problems(outline, where=("depot=2024-01",))
    assert problem.hint == "did you mean '2024-01-01'? (text is compared whole)"


def test_a_value_like_none_lists_the_values_and_says_what_to_write(outline: Path):
    (problem,) = _problems(outline, where=("zone=Midlands",))
    assert problem.message.endswith("its values are 'North', 'South', 'East', 'West'")
    assert problem.hint == "write one of its values as the data has it"


def test_a_word_in_a_number_column_says_the_column_holds_numbers(outline: Path):
    (problem,) = _problems(outline, where=("staff=many",))
    assert problem.message.startswith("--where 'staff=many': staff of 'depots' holds numbers, "
                                      "not 'many'; its values are '12', '30'")  # fmt: skip
    assert problem.hint == "write one of its numbers"


def test_a_not_equal_value_no_row_has_says_it_would_leave_out_none(outline: Path):
    (problem,) = _problems(outline, where=("zone!=Nort",))
    assert "zone = 'Nort', so it would leave out no row; its values are" in problem.message
    assert problem.hint == "did you mean 'North'?"


def test_a_column_typo_names_the_option_it_came_from(outline: Path):
    key, where = _problems(outline, key="depo", where=("zon=North",))
    assert where.message.startswith(
        "--where 'zon=North': data source 'depots' has no column "
        "'zon'; its columns are 'depot', 'code', 'zone', 'staff'"
    )
    assert where.hint == "did you mean 'zone'?"
    assert key.message.startswith("--key 'depo': data source 'depots' has no column 'depo'")
    assert key.hint == "did you mean 'depot'?"


def test_every_where_problem_is_told_at_once(outline: Path):
    found = _problems(outline, where=("code=HX", "zone", "zone=Sout"))
    assert [p.message.split(":")[0] for p in found] == [
        "--where 'code=HX'", "--where 'zone'", "--where 'zone=Sout'"]  # fmt: skip
    assert found[1].hint == "write it as --where 'depot=Harbour' (or 'depot!=Harbour')"
    assert all(p.hint for p in found)


def test_an_unknown_source_names_for_each_and_the_outline_s_data(outline: Path):
    (problem,) = _problems(outline, source="stores")
    assert problem.message == ("--for-each 'stores': the outline has no data source 'stores'; "
                               "its data: names 'depots'")  # fmt: skip
    where = problem.location
    assert where is not None and (where.line, where.field) == (3, "data")  # its data: line
    assert problem.hint == "name a source of the outline's data:, or add it there"


def test_a_cell_with_spaces_around_it_is_matched_by_its_text(outline: Path):
    """' South ' matched no --where (a shell trims the value) and its did-you-mean was
    ' South ', which cannot be typed; an outline's filter trims cells too."""
    inputs = read_inputs(outline, BuildOptions(out_dir=outline.parent / "out"))
    rows = chosen_rows(inputs, "depots", None, ("zone=South",))
    assert [key for key, _ in rows] == ["Airport", "Market", "Valley"]


def test_batch_and_check_print_the_option_s_problem_and_its_fix(outline: Path):
    out = ["--out", str(outline.parent / "out")]
    runner = CliRunner()
    built = runner.invoke(cli, ["batch", str(outline), "--for-each", "depots", "--where",
                                "code=HX", *out])  # fmt: skip
    assert built.exit_code == 2 and "Traceback" not in built.output
    said = "error: --where 'code=HX': no row of 'depots' has code = 'HX'; its values are"
    assert said in built.output
    assert "  hint: did you mean 'HB'?" in built.output
    checked = runner.invoke(cli, ["check", str(outline), "--for-each", "depots", "--where",
                                  "code=HX", *out])  # fmt: skip
    assert checked.exit_code == 2
    # The fix is the option's, not "fix the data file or the column the outline names".
    assert "  fix: did you mean 'HB'?" in checked.output
    checked = runner.invoke(cli, ["check", str(outline), "--for-each", "zzz", *out])
    assert "  fix: name a source of the outline's data:, or add it there" in checked.output


@pytest.mark.parametrize(
    ("where", "keys"),
    [
        ("size=10", ["North", "East"]),  # '10.0' and '1e1' are 10: no schema says so
        ("size!=10.0", ["South", "Zip"]),
        ("postcode=501", ["North"]),  # 501 is written plainly; '00501' is a code
        ("postcode=00501", ["Zip"]),
        ("account=9007199254740993", ["North"]),  # an ID past a float's digits
        ("account!=9007199254740993", ["South", "East", "Zip"]),
        ("account=3E10", ["South"]),  # a part code, not 30000000000
    ],
)
def test_a_column_no_schema_declares_is_compared_by_number_but_a_code_by_its_text(
    tmp_path: Path, where: str, keys: list[str]
):
    """--where size=10 matched no row of an undeclared column written '10.0' and '1e1' (it
    compared text, and suggested '10.0')."""
    outline = write_project(
        tmp_path / "u",
        OUTLINE.replace("    columns:\n      staff: number\n", "").replace("staff", "size"),
        {
            "depots.csv": "depot,size,postcode,account\nNorth,10.0,501,9007199254740993\n"
            "South,12,7,3E10\nEast,1e1,,9007199254740992\nZip,9,00501,30000000000\n"
        },
    )
    inputs = read_inputs(outline, BuildOptions(out_dir=tmp_path / "out"))
    rows = chosen_rows(inputs, "depots", "depot", (where,))
    assert [key for key, _ in rows] == keys


def test_a_comparison_in_where_is_said_to_be_one(outline: Path):
    # 'staff>=10' was said to name a column 'staff>' (found by fuzzing); '==' is '='.
    (problem,) = _problems(outline, where=("staff>=10",))
    assert problem.message == ("--where 'staff>=10': a row is picked by a value it holds (=) "
                               "or does not (!=), not by a comparison")  # fmt: skip
    inputs = read_inputs(outline, BuildOptions(out_dir=outline.parent / "out"))
    assert [k for k, _ in chosen_rows(inputs, "depots", None, ("zone==East",))] == [
        "Quarry", "Station", "Lake"]  # fmt: skip


def test_a_value_written_with_a_separate_accent_matches_the_cell(tmp_path: Path):
    # 'Zu\u0308rich' (as macOS writes it) matched no cell 'Zürich', and the did-you-mean
    # offered a name that looked the same (found by fuzzing); the data's cells are composed
    # (NFC) as they are read, and so is --where.
    path = write_project(
        tmp_path / "p", OUTLINE, {"depots.csv": "depot,staff\nZu\u0308rich,3\nBern,4\n"}
    )
    inputs = read_inputs(path, BuildOptions(out_dir=tmp_path / "out"))
    assert [k for k, _ in chosen_rows(inputs, "depots", None, ("depot=Zürich",))] == ["Zürich"]
    assert [k for k, _ in chosen_rows(inputs, "depots", None, ("depot=Zu\u0308rich",))] == [
        "Zürich"
    ]


def test_a_batch_over_a_source_with_no_rows_is_an_error(tmp_path: Path):
    # It said '0 built' and exited 0 (found by fuzzing).
    path = write_project(tmp_path / "p", OUTLINE, {"depots.csv": "depot,code,zone,staff\n"})
    with pytest.raises(DataError, match="the source has no rows, and a batch builds one"):
        chosen_rows(read_inputs(path, BuildOptions(out_dir=tmp_path / "out")), "depots", None, ())


@pytest.mark.parametrize(
    ("where", "keys"),
    [("a=b=1", ["North"]), ("a=b!=1", ["South"]), ("x!=r", ["South"]), ("x!!=r", ["North"])],
)
def test_a_column_whose_name_holds_an_equals_or_a_bang_can_be_named(
    tmp_path: Path, where: str, keys: list[str]
):
    """A header 'a=b': --where "a=b=1" was "no column 'a'", and 'x!' could not be named at
    all (found by fuzzing)."""
    rows = "depot,staff,a=b,x!\nNorth,3,1,q\nSouth,4,2,r\n"
    outline = write_project(tmp_path / "p", OUTLINE, {"depots.csv": rows})
    inputs = read_inputs(outline, BuildOptions(out_dir=tmp_path / "out"))
    assert [key for key, _ in chosen_rows(inputs, "depots", "depot", (where,))] == keys


# A dash and an empty cell, in the key column and in a zone column; one outline leaves the
# columns undeclared (both are no value, as a template reads them), one declares them text
# ('-' is then text, as in a template).
GAPS = (
    "depot,zone,staff\nHarbour,North,12\nAirport,-,30\nMill,,8\nQuarry,East,5\n-,East,3\n,West,4\n"
)
TEXT = OUTLINE.replace("staff: number", "staff: number\n      depot: text\n      zone: text")


def _gaps(tmp_path: Path, outline: str = OUTLINE):
    path = write_project(tmp_path / "p", outline, {"depots.csv": GAPS})
    return read_inputs(path, BuildOptions(out_dir=tmp_path / "out"))


@pytest.mark.parametrize("value", ["", "-", "n/a"])
def test_where_reads_a_dash_and_an_empty_cell_alike_as_no_value(tmp_path: Path, value: str):
    """'zone=-' picked the dashes and 'zone=' the empty cells, each leaving the other in,
    where a template reads both as no value (fuzzing round 5, F11)."""
    inputs = _gaps(tmp_path)
    picked = chosen_rows(inputs, "depots", None, ("depot!=", f"zone={value}"))
    assert [key for key, _ in picked] == ["Airport", "Mill"]
    left = chosen_rows(inputs, "depots", None, ("depot!=", f"zone!={value}"))
    assert [key for key, _ in left] == ["Harbour", "Quarry"]


def test_where_in_a_text_column_reads_a_dash_as_text(tmp_path: Path):
    inputs = _gaps(tmp_path, TEXT)
    assert [k for k, _ in chosen_rows(inputs, "depots", None, ("zone=-",))] == ["Airport"]
    assert [k for k, _ in chosen_rows(inputs, "depots", None, ("zone=",))] == ["Mill"]


def test_where_no_value_on_a_full_column_is_an_error_and_lists_no_dash(tmp_path: Path):
    inputs = _gaps(tmp_path)
    with pytest.raises(DataError) as caught:
        chosen_rows(inputs, "depots", None, ("staff=-", "zone=Nort"))
    full, typo = caught.value.problems
    assert full.message.startswith(
        "--where 'staff=-': every row of 'depots' has a staff (none is an empty cell or '-'); "
        "its values are '12'"
    )
    assert typo.message == ("--where 'zone=Nort': no row of 'depots' has zone = 'Nort'; its "
                            "values are 'North', 'East', 'West'")  # fmt: skip
    assert typo.hint == "did you mean 'North'?"


def test_rows_with_no_key_are_an_error_naming_them(tmp_path: Path):
    """An empty key named the folder 'row-e3b0c442', a dash 'row-3973e022' (an empty
    spreadsheet cell 'nan'): three names for no value (fuzzing round 5, F11)."""
    inputs = _gaps(tmp_path)
    with pytest.raises(DataError) as caught:
        chosen_rows(inputs, "depots", None, ())
    (problem,) = caught.value.problems
    assert problem.message == (
        "this row of 'depots' and 1 more (depots.csv:7) have no depot (an empty cell or "
        "'-'), and a row's depot names the folder its deck goes into"
    )
    assert problem.location is not None and problem.location.line == 6
    assert problem.hint is not None and problem.hint.endswith("--where 'depot!='")
    kept = chosen_rows(inputs, "depots", None, ("depot!=",))
    assert [key for key, _ in kept] == ["Harbour", "Airport", "Mill", "Quarry"]
    # Declared text, '-' is a key like any other; the empty cell is still none.
    with pytest.raises(DataError, match=r"depots\.csv:7: depot: this row of 'depots' has no "):
        chosen_rows(_gaps(tmp_path / "t", TEXT), "depots", None, ())


def test_a_number_key_reads_as_written_and_one_key_is_one_folder(tmp_path: Path):
    """A column of numbers with a gap is read as floats: key 12 named the folder '12-0',
    and 1 and 1.0 were two keys and two folders (fuzzing round 5, F20)."""
    from deckgen.batch import folder_name

    csv = "id,depot,staff\n12,Harbour,1\n,Airport,2\n7,Mill,3\n"
    path = write_project(tmp_path / "p", OUTLINE.replace("depots.csv", "ids.csv"), {"ids.csv": csv})
    inputs = read_inputs(path, BuildOptions(out_dir=tmp_path / "out"))
    keys = [key for key, _ in chosen_rows(inputs, "depots", "id", ("id!=",))]
    assert keys == ["12", "7"] and [folder_name(k) for k in keys] == ["12", "7"]
    twice = write_project(tmp_path / "q", OUTLINE.replace("depots.csv", "ids.csv"),
                          {"ids.csv": "id,depot,staff\n1,Harbour,1\n1.0,Airport,2\n"})  # fmt: skip
    with pytest.raises(DataError, match="are both named '1'"):
        chosen_rows(read_inputs(twice, BuildOptions(out_dir=tmp_path / "o2")), "depots", "id", ())


def test_the_batch_table_lines_up_keys_of_wide_characters(tmp_path: Path):
    """A key in Japanese takes two cells a character on a terminal: padded by its
    characters, its row's columns stood out of line (fuzzing round 5, F20)."""
    csv = "city,staff\n東京,12\nOsaka,30\n"
    outline = OUTLINE.replace("depots.csv", "cities.csv").replace("row.depot", "row.city")
    path = write_project(tmp_path / "p", outline, {"cities.csv": csv})
    result = CliRunner().invoke(cli, ["batch", str(path), "--for-each", "depots", "--jobs",
                                      "1", "--out", str(tmp_path / "out")])  # fmt: skip
    assert result.exit_code == 0, result.output
    from rich.cells import cell_len

    rows = [line for line in result.output.splitlines() if "built" in line and " s " in line]
    assert len(rows) == 2
    assert len({cell_len(line.split("built")[0]) for line in rows}) == 1, rows
