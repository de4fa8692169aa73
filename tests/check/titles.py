"""One chart slide checked for what its title states (NUM002), for the tests of that rule."""

from __future__ import annotations

from typing import TYPE_CHECKING

from deckgen.check import check
from deckgen.pipeline import BuildOptions
from tests.helpers import write_project

if TYPE_CHECKING:
    from pathlib import Path


def num002(tmp_path: Path, title: str, chart: str, files: dict[str, str]) -> list[str]:
    """NUM002's messages for one chart slide titled ``title``, over data ``files`` (each a
    data source named after its file)."""
    sources = "".join(f"  {name.split('.')[0]}: {{file: {name}}}\n" for name in files)
    outline = write_project(tmp_path / "p", f"""\
deck: {{title: T}}
data:
{sources}slides:
  - kind: chart
    title: {title}
    chart: {chart}
""", files)  # fmt: skip
    report = check(outline, BuildOptions(out_dir=tmp_path / "out"), select=("NUM002",))
    return [f.message for f in report.findings]
