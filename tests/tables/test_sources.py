from pathlib import Path

import pandas as pd
import pytest

from deckgen.errors import DataError
from deckgen.outline.load import parse_outline
from deckgen.tables.sources import load_tables


def outline(root: Path, data: str):
    text = f"deck: {{title: T}}\ndata:\n{data}\nslides:\n  - kind: title\n"
    path = root / "deck.yaml"
    path.write_text(text)
    return parse_outline(text, path)


def test_csv_xlsx_with_sheet_and_inline_sources_load(tmp_path):
    (tmp_path / "a.csv").write_text("country,value\nChina,1\nUSA,-\n")
    with pd.ExcelWriter(tmp_path / "b.xlsx") as writer:
        pd.DataFrame({"x": ["a"], "y": [1]}).to_excel(writer, sheet_name="first", index=False)
        pd.DataFrame({"port": ["Laredo, TX"], "value": [59]}).to_excel(
            writer, sheet_name="2023", index=False
        )
    loaded = outline(
        tmp_path,
        "  a: {file: a.csv}\n  b: {file: b.xlsx, sheet: '2023'}\n"
        "  c:\n    rows:\n      - {label: Plants, value: 50}\n",
    )
    tables = load_tables(loaded)
    assert list(tables["a"]["value"]) == ["1", "-"]
    assert list(tables["b"]["port"]) == ["Laredo, TX"]
    assert tables["c"].loc[0, "value"] == 50


def test_a_missing_sheet_is_reported_with_the_outline_line(tmp_path):
    pd.DataFrame({"x": [1]}).to_excel(tmp_path / "b.xlsx", sheet_name="one", index=False)
    loaded = outline(tmp_path, "  b: {file: b.xlsx, sheet: two}\n")
    with pytest.raises(DataError, match=r"deck.yaml:3: data.b.file: cannot read 'b.xlsx'"):
        load_tables(loaded)


def test_an_unsupported_file_type_is_rejected(tmp_path):
    (tmp_path / "a.json").write_text("[]")
    loaded = outline(tmp_path, "  a: {file: a.json}\n")
    with pytest.raises(DataError, match=r"expected a \.csv, \.xlsx or \.xls file"):
        load_tables(loaded)


def test_outside_paths_need_permission(tmp_path):
    inner = tmp_path / "project"
    inner.mkdir()
    (tmp_path / "outside.csv").write_text("a\n1\n")
    loaded = outline(inner, "  a: {file: ../outside.csv}\n")
    with pytest.raises(Exception, match="outside the project folder"):
        load_tables(loaded)
    assert "a" in load_tables(loaded, allow_outside=True)
