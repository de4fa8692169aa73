"""NUM010: a bound text stating a change its numbers do not show. 'Exports rose from
{{ ... | currency }} to {{ ... | currency }}' printed 'Exports rose from $1.5B to $1.5B'
(1.49 and 1.52 billion) and a change worked out as +0.3% printed '0%', and neither
`deckgen check` nor `deckgen build` said a word (found in review)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from deckgen.check import check
from deckgen.pipeline import BuildOptions
from tests.helpers import write_project

if TYPE_CHECKING:
    from pathlib import Path

TRADE = """\
year,exports,share
2019,1490000000,31.48
2023,1520000000,31.5
2024,1610000000,33.9
"""

OUTLINE = """\
deck: {{title: T}}
data: {{trade: {{file: trade.csv}}}}
{more}slides:
  - kind: statement
    text: "{text}"
"""


def _findings(tmp_path: Path, text: str, more: str = "") -> list:
    path = write_project(tmp_path, OUTLINE.format(text=text, more=more), {"trade.csv": TRADE})
    return list(check(path, BuildOptions(out_dir=tmp_path / "out"), select=("NUM010",)).findings)


def test_two_values_printed_alike_in_a_from_to_change_are_named_with_the_decimals(
    tmp_path: Path,
):
    text = ("Exports rose from {{ trade['2019'].exports | currency }} "
            "to {{ trade['2023'].exports | currency }}")  # fmt: skip
    (found,) = _findings(tmp_path, text)
    assert (found.code, found.slide, found.location.line) == ("NUM010", 1, 5)
    assert found.message == (
        "'Exports rose from $1.5B to $1.5B' states a change the reader cannot see: "
        "1,490,000,000 and 1,520,000,000 both print as '$1.5B'"
    )
    assert found.fix.startswith(
        "write them with more decimals: '| currency(decimals=2)' gives $1.49B and $1.52B"
    )


@pytest.mark.parametrize(
    "text",
    [
        # 'X, up from Y' and a chart format's shorthand: the fix keeps the shorthand.
        "Exports reached {{ trade['2023'].exports | format('$compact:1') }}, up from "
        "{{ trade['2019'].exports | format('$compact:1') }}",
        "Exports were between {{ trade['2019'].exports | compact }} and "
        "{{ trade['2023'].exports | compact }}",
    ],
)
def test_other_change_phrasings_are_named(tmp_path: Path, text: str):
    (found,) = _findings(tmp_path, text)
    assert "both print as" in found.message
    assert ("'| format(\"$compact:2\")' gives $1.52B and $1.49B" in found.fix
            or "'| compact(decimals=2)' gives 1.49B and 1.52B" in found.fix)  # fmt: skip


def test_numbers_written_in_vars_are_read_where_the_var_is_printed(tmp_path: Path):
    more = ("vars:\n  before: \"{{ trade['2019'].exports | currency }}\"\n"
            "  after: \"{{ trade['2023'].exports | currency }}\"\n")  # fmt: skip
    (found,) = _findings(tmp_path, "Exports rose from {{ before }} to {{ after }}", more)
    assert found.location.field == "slides[0].text"
    assert "'| currency(decimals=2)' gives $1.49B and $1.52B" in found.fix


@pytest.mark.parametrize(
    "text",
    [
        "The share grew {{ change(trade['2019'].share, trade['2023'].share) | percent }}",
        "The share is {{ change(trade['2019'].share, trade['2023'].share) | signed }} on 2019",
        "The share moved {{ (trade['2023'].share - trade['2019'].share) | number(1) }} points",
    ],
)
def test_a_change_too_small_for_the_decimals_asked_is_written_with_those_it_needs(
    tmp_path: Path, text: str
):
    """A change of 0.06% was written '0%' (percent, signed) and one of 0.02 '0.0' (number),
    which NUM010 named; the filters now write a value other than zero with the decimals it
    needs ('0.06%'), so there is nothing left to name."""
    assert _findings(tmp_path, text) == []


@pytest.mark.parametrize(
    "text",
    [
        # Printed apart: the change is there to see.
        "Exports rose from {{ trade['2019'].exports | currency }} "
        "to {{ trade['2024'].exports | currency }}",
        # The same value twice is no change stated.
        "Exports went from {{ trade['2019'].exports | currency }} "
        "to {{ trade['2019'].exports | currency }}",
        # Alike, but not a change from one to the other.
        "Exports were {{ trade['2019'].exports | currency }} and "
        "{{ trade['2023'].exports | currency }}",
        # 'to' that is no change: two destinations.
        "Exports to Canada were {{ trade['2019'].exports | currency }} and to Mexico "
        "{{ trade['2023'].exports | currency }}",
        # A level under the precision is not a change: the share of 0.02 points is.
        "The share is {{ trade['2019'].share | number }}%, with {{ 0.2 | number }} left",
        "The share grew {{ change(trade['2019'].share, trade['2024'].share) | signed }}",
    ],
)
def test_changes_that_show_and_values_alike_without_a_change_pass(tmp_path: Path, text: str):
    assert _findings(tmp_path, text) == []


def test_a_build_prints_the_warning(tmp_path: Path):
    from deckgen.pipeline import build

    text = ("Exports rose from {{ trade['2019'].exports | currency }} "
            "to {{ trade['2023'].exports | currency }}")  # fmt: skip
    path = write_project(tmp_path, OUTLINE.format(text=text, more=""), {"trade.csv": TRADE})
    result = build(path, BuildOptions(out_dir=tmp_path / "out"))
    (said,) = [w for w in result.warnings if "(NUM010)" in w]
    assert said.startswith(f"{path}:5: slides[0].text: 'Exports rose from $1.5B to $1.5B'")
    assert "'| currency(decimals=2)' gives $1.49B and $1.52B" in said
