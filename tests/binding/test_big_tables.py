"""Templates over big sources: a row by its key is quick however many rows there are, and
a template that goes through them all is told the data's size is the cause."""

from __future__ import annotations

import time

import pandas as pd
import pytest

from deckgen.binding.sandbox import TemplateTooBig
from deckgen.binding.tables import MissingCell, tables_for_templates


def _big(rows: int, columns: int = 2) -> pd.DataFrame:
    data = {"country": [f"C{i}" for i in range(rows)]}
    data.update({f"c{k}": [str(i) for i in range(rows)] for k in range(columns)})
    frame = pd.DataFrame(data)
    frame.loc[rows - 1, "country"] = "China"
    return frame


def test_a_row_by_key_in_a_large_source_is_quick_and_makes_that_row_alone():
    """Every template over a 1,000,000-row CSV 'took longer than 2 s': the first lookup made
    every row (8 s). The keys alone are a tenth of that."""
    table = tables_for_templates({"p": _big(300_000)})["p"]
    start = time.perf_counter()
    assert table.China.c0 == 299_999 and table["C7"].c1 == 7
    assert time.perf_counter() - start < 1.5
    assert "_built" not in table.__dict__
    with pytest.raises(MissingCell, match=r"no row 'Chna'.*did you mean 'China'\?"):
        table["Chna"]


def test_a_template_out_of_time_in_a_large_source_names_the_source_and_its_rows():
    table = tables_for_templates({"p": _big(50)})["p"]

    def slow(made: object) -> list[object]:
        raise TemplateTooBig("the template took longer than 2 s")

    table._source = slow
    with pytest.raises(TemplateTooBig) as info:
        table.sum("c0")
    message = str(info.value)
    assert "reading data source 'p' (its 50 rows) for templates" in message
    assert "derive a smaller table" in (info.value.hint or "")


def test_a_missing_column_of_a_wide_source_lists_a_few_and_counts_the_rest():
    """10,000 columns were all listed in each message (89,000 characters a line)."""
    table = tables_for_templates({"p": _big(3, 10_000)})["p"]
    with pytest.raises(MissingCell) as info:
        _ = table.China.c1O
    message = str(info.value)
    assert "its columns are 'country', 'c0', 'c1'" in message
    assert "and 9,989 more; did you mean 'c1" in message
    assert len(message) < 400


def test_the_key_index_is_made_once_outside_the_time_of_the_template_that_asks(monkeypatch):
    """In 3,000,000 rows the index of keys took over 2 s: the template that first looked a
    row up was told to be made smaller, the index was lost with it, and every later lookup
    began it again until the outline's time ran out (found by a hostile-input review). The
    index is data work, made once whatever the template's limit."""
    from dataclasses import replace

    from deckgen.binding import sandbox
    from deckgen.binding.bind import environment
    from deckgen.binding.sandbox import Budget, render_bounded

    monkeypatch.setattr(sandbox, "TIME_LIMIT", 0.2)
    table = tables_for_templates({"p": _big(50)})["p"]
    made = []
    assert table._index is not None
    keys = table._index.keys

    def slow_keys() -> list[str]:
        made.append(1)
        time.sleep(0.5)  # past the template's 0.2 s
        return keys()

    table._index = replace(table._index, keys=slow_keys)
    env, _ = environment("en_US")
    budget = Budget(0.4)  # less than the index takes: its time is not the templates'
    for _ in range(3):
        template = env.from_string("{{ p.China.c0 }} and {{ p.C7.c1 }}")
        assert render_bounded(template, {"p": table}, budget) == "49 and 7"
    assert made == [1]
    assert budget.used < 0.2
