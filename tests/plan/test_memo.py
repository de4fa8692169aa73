"""Plans by key: reused while the tables and files they read are unchanged, made again
when one of those changes, and their warnings given again when reused."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from deckgen.plan.memo import PlanMemo, plan_key, table_digest

if TYPE_CHECKING:
    from pathlib import Path


def _frame(values: list[float]) -> pd.DataFrame:
    return pd.DataFrame({"country": [f"c{i}" for i in range(len(values))], "value": values})


class _Planner:
    """A plan that reads table ``a`` (and a file, if given) and counts its runs."""

    def __init__(self, file: Path | None = None) -> None:
        self.runs = 0
        self.file = file

    def __call__(self, tables: dict[str, Any]) -> tuple[float, ...]:
        self.runs += 1
        return tuple(tables["a"]["value"])

    def files(self, _value: object) -> list[Path]:
        return [self.file] if self.file else []


def test_a_plan_is_reused_until_a_table_it_reads_changes() -> None:
    memo, plan = PlanMemo(), _Planner()
    tables = {"a": _frame([1.0, 2.0]), "b": _frame([3.0])}
    warnings: list[str] = []
    assert memo.plan("k", tables, warnings, plan) == (1.0, 2.0)
    memo.start()
    # Another table, not read by the plan, changes: the plan is reused.
    tables = {"a": _frame([1.0, 2.0]), "b": _frame([4.0])}
    assert memo.plan("k", tables, warnings, plan) == (1.0, 2.0)
    assert plan.runs == 1 and memo.planned == 0
    memo.start()
    tables = {"a": _frame([1.0, 2.5]), "b": _frame([4.0])}
    assert memo.plan("k", tables, warnings, plan) == (1.0, 2.5)
    assert plan.runs == 2 and memo.planned == 1


def test_a_plan_is_made_again_when_a_file_it_shows_changes(tmp_path: Path) -> None:
    image = tmp_path / "photo.png"
    image.write_bytes(b"one")
    memo, plan = PlanMemo(), _Planner(image)
    tables = {"a": _frame([1.0])}
    memo.plan("k", tables, [], plan, plan.files)
    memo.plan("k", tables, [], plan, plan.files)
    assert plan.runs == 1
    image.write_bytes(b"two, longer")
    memo.plan("k", tables, [], plan, plan.files)
    assert plan.runs == 2


def test_a_reused_plan_gives_its_warnings_again() -> None:
    memo = PlanMemo()

    def make(tables: dict[str, Any]) -> int:
        warnings.append("chart kept as a picture")
        return 1

    warnings: list[str] = []
    memo.plan("k", {}, warnings, make)
    again: list[str] = []
    memo.plan("k", {}, again, make)
    assert again == ["chart kept as a picture"]


def test_pruning_forgets_the_plans_a_build_did_not_use() -> None:
    memo, plan = PlanMemo(), _Planner()
    tables = {"a": _frame([1.0])}
    memo.plan("old", tables, [], plan)
    memo.start()
    memo.plan("new", tables, [], plan)
    memo.prune()
    memo.start()
    memo.plan("old", tables, [], plan)
    assert plan.runs == 3


def test_an_unkeyable_part_gives_no_key() -> None:
    assert plan_key(spec={"a": 1}) == plan_key(spec={"a": 1})
    assert plan_key(spec={"a": 1}) != plan_key(spec={"a": 2})
    assert plan_key(spec=object()) is None


@given(st.lists(st.floats(allow_nan=False, allow_infinity=False), min_size=1, max_size=8),
       st.data())  # fmt: skip
def test_a_table_digest_changes_with_any_value(values: list[float], data: st.DataObject) -> None:
    assert table_digest(_frame(values)) == table_digest(_frame(list(values)))
    i = data.draw(st.integers(0, len(values) - 1))
    other = data.draw(st.floats(allow_nan=False, allow_infinity=False))
    changed = [*values[:i], other, *values[i + 1 :]]
    if other != values[i]:
        assert table_digest(_frame(changed)) != table_digest(_frame(values))


def test_a_file_read_again_has_the_same_digest_and_an_unwritable_cell_none(tmp_path: Path) -> None:
    # A warm session reads an edited file again: its tables are new objects, and those the
    # edit left alone must digest as before for their plans to be kept.
    import pandas as pd

    def read_csv(path: Path) -> pd.DataFrame:
        return pd.read_csv(path, dtype=str)  # texts: the cells as deckgen reads them

    path = tmp_path / "t.csv"
    path.write_text("country,units\nChina,30.2\nUSA,10.6\nChina,1.5\n")
    first, again = read_csv(path), read_csv(path)
    assert first is not again and table_digest(first) == table_digest(again)
    path.write_text("country,units\nChina,30.2\nUSA,10.7\nChina,1.5\n")
    assert table_digest(read_csv(path)) != table_digest(first)
    assert table_digest(pd.DataFrame({"a": [lambda: 1]})) is None


def test_a_kept_value_is_recalled_while_the_tables_it_names_are_unchanged() -> None:
    memo = PlanMemo()
    tables = {"a": _frame([1.0]), "b": _frame([2.0])}
    memo.remember("k", tables, {"a"}, "text")
    entry = memo.recall("k", {"a": _frame([1.0]), "b": _frame([9.0])})
    assert entry is not None and entry.value == "text"
    assert memo.recall("k", {"a": _frame([1.5]), "b": _frame([2.0])}) is None
    assert memo.recall("k", {"b": _frame([2.0])}) is None  # the table is gone
    assert memo.recall(None, tables) is None


def test_a_spec_key_tells_specs_apart_by_value_type_and_place() -> None:
    from pydantic import BaseModel

    from deckgen.plan.memo import derive, spec_key

    class One(BaseModel):
        title: str

    class Other(BaseModel):
        title: str

    keys = {spec_key(One(title="a"), "x:1"), spec_key(One(title="b"), "x:1"),
            spec_key(Other(title="a"), "x:1"), spec_key(One(title="a"), "x:2")}  # fmt: skip
    assert len(keys) == 4
    assert spec_key(One(title="a"), "x:1") == spec_key(One(title="a"), "x:1")
    base = spec_key(One(title="a"), "x:1")
    assert derive(base, "check") != derive(base, "plan")
    assert derive(base, "plan", shared={"top": 1.0}) != derive(base, "plan", shared={"top": 2.0})
    assert derive(None, "plan") is None
