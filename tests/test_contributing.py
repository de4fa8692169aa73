"""CONTRIBUTING.md's code runs as written: a contributor pastes it first."""

from __future__ import annotations

import re
import textwrap

from tests.helpers import REPO, load_theme

GUIDE = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")


def _snippets() -> list[str]:
    """Every Python block of the guide, dedented as a file would hold it."""
    return [textwrap.dedent(block) for block in re.findall(r"```python\n(.*?)```", GUIDE, re.S)]


def test_the_chart_type_example_imports_as_a_module_and_describes_its_data(tmp_path, monkeypatch):
    """Pasted as ``lollipop.py``, the example failed on import: its annotations named
    types imported for checking alone (found by a new contributor)."""
    import importlib.util
    import sys

    from deckgen.kinds.charts import chart
    from deckgen.layout.units import Inches
    from deckgen.render.charts import ChartJob
    from deckgen.render.jobs import Canvas
    from deckgen.tables.select import ChartData, Series

    path = tmp_path / "lollipop_example.py"
    path.write_text(next(s for s in _snippets() if "class Lollipop(ChartKind)" in s))
    spec = importlib.util.spec_from_file_location("lollipop_example", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "lollipop_example", module)
    spec.loader.exec_module(module)
    lollipop = module.Lollipop.model_validate(
        {**chart(type="bar", data="d", x="x", y="v").model_dump(exclude={"type"}),
         "type": "lollipop"}
    )  # fmt: skip
    data = ChartData(("A", "B"), (Series("v", (1200.0, 2500.0)),))
    job = ChartJob(lollipop, data, load_theme(), Canvas(Inches(4), Inches(3)), title="B")
    assert lollipop.describe_data(job) == "A 1.2 thousand; B 2.5 thousand"


def test_the_data_step_example_is_valid_python():
    source = next(s for s in _snippets() if "class CumSum(_Window)" in s)
    compile(source, "window.py", "exec")
