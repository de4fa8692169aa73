"""NUM006: a data file's total rows drawn as categories beside the parts they add up, found
by their names as well as by their sums (found by fuzzing: the sample's data without its
filter line drew 'World Total' and 'G20 Total' as its two largest bars, and check said
nothing, since the parts shown no longer added up to either)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from deckgen.check import check
from deckgen.pipeline import BuildOptions, build
from tests.helpers import write_project

if TYPE_CHECKING:
    from pathlib import Path

#: The sample's production table as printed: the G20 countries, then two total rows.
G20 = """country,production_2023
China,30160966
USA,10611555
Japan,8997440
India,5851507
South Korea,4241597
Germany,4109371
Mexico,4002047
G20 Total,80103018
World Total,93546599
"""


def _outline(chart: str) -> str:
    return f"""\
deck: {{title: Totals}}
data:
  production: {{file: g20_production.csv}}
slides:
  - kind: chart
    title: China builds nearly a third of the world's vehicles
    chart: {{type: bar, data: production, x: country, y: production_2023, {chart}}}
"""


def _drawn(tmp_path: Path, outline: Path) -> list[str]:
    """The categories the build drew, as its manifest records them."""
    result = build(outline, BuildOptions(out_dir=tmp_path / "out"))
    manifest = json.loads((result.deck.parent / "deck" / "manifest.json").read_text())
    (asset,) = manifest["assets"]
    return [row for _, row, _, _ in asset["reads"]]


def test_total_rows_drawn_as_the_largest_bars_are_named_with_their_rows(tmp_path: Path):
    outline = write_project(tmp_path / "p", _outline("sort: {by: production_2023}, top: 8"),
                            {"g20_production.csv": G20})  # fmt: skip
    report = check(outline, BuildOptions(out_dir=tmp_path / "out"), select=("NUM006",))
    (finding,) = report.findings
    assert (finding.severity, finding.slide, finding.location.line) == ("warning", 1, 5)
    assert finding.message == (
        "'World Total' (g20_production.csv:10) and 'G20 Total' (g20_production.csv:9) are "
        "totals by name, drawn beside the parts they add up (no part is larger)"
    )
    step = "{column: country, op: not in, value: [World Total, G20 Total]}"
    assert finding.fix == (
        f"leave them out with a filter step, as the sample does: "
        f"'filter: [{step}]'; or state the total in the title or subtitle"
    )
    # The build draws what the check says it does.
    assert {"World Total", "G20 Total"} <= set(_drawn(tmp_path, outline))
    # The fix it gives, applied: the check is clean, and the build draws only the parts.
    fixed = _outline(f"filter: [{step}], sort: {{by: production_2023}}, top: 8")
    outline.write_text(fixed)
    assert check(outline, BuildOptions(out_dir=tmp_path / "out"), select=("NUM006",)).findings == ()
    assert not {"World Total", "G20 Total"} & set(_drawn(tmp_path, outline))


def test_a_chart_with_a_filter_is_told_to_add_the_step_to_it(tmp_path: Path):
    chart = "filter: [{column: country, op: '!=', value: Mexico}]"
    data = G20.replace("G20 Total,80103018\n", "")
    outline = write_project(tmp_path / "p", _outline(chart), {"g20_production.csv": data})
    (finding,) = check(outline, BuildOptions(out_dir=tmp_path / "out"), select=("NUM006",)).findings
    assert finding.message.startswith("'World Total' (g20_production.csv:9) is a total by name")
    assert finding.fix.startswith(
        "add {column: country, op: '!=', value: World Total} to its 'filter:' list"
    )


@pytest.mark.parametrize(
    ("names", "values", "found"),
    [
        (["China", "USA", "G20 Total", "World Total"], [30, 10, 80, 93],
         ["G20 Total", "World Total"]),
        (["A", "B", "Grand total"], [3, 4, 20], ["Grand total"]),
        (["A", "B", "Sum"], [3, 4, 4], ["Sum"]),  # as large as the largest: a total of two
        (["A", "B", "C", "Overall"], [3, 4, 5, 12], ["Overall"]),
        (["Texas", "Ohio", "All states"], [3, 4, 20], ["All states"]),
        (["China", "USA", "World"], [30, 10, 93], ["World"]),
        (["China", "USA", "TOTAL"], [30, 10, 93], ["TOTAL"]),
        # Smaller than a part: an average, a score, not a total of them.
        (["Service", "Price", "Overall"], [80, 60, 72], []),
        # Names that sound like a total and are parts or measures.
        (["China", "USA", "Rest of world"], [30, 10, 53], []),
        (["China", "USA", "All other"], [30, 10, 53], []),
        (["China", "USA", "World average"], [30, 10, 40], []),
        (["IMF", "ADB", "World Bank"], [20, 5, 30], []),
        # A total beside one part is a comparison, not parts drawn beside their total.
        (["China", "World"], [30, 93], []),
        (["A", "B", "Total"], [-10, 20, 30], []),  # signed values add up to no largest
        (["A", "B", "Total"], [10, None, 30], []),
    ],
)  # fmt: skip
def test_a_total_is_known_by_its_name_and_a_value_no_part_exceeds(names, values, found):
    from deckgen.check.rules import _named_totals

    assert _named_totals(names, values) == found
