"""NUM018: a stat's qualifier that its rounded number makes false. 'More than 2M' written
by ``compact(0)`` for 1,669,865 says the value is over two million; the card and its alt
text stated it, and neither the build nor ``deckgen check`` said so (found in review)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from deckgen.check import check
from deckgen.pipeline import BuildOptions, build
from tests.helpers import write_project

if TYPE_CHECKING:
    from pathlib import Path

#: Made-up headline numbers of a food bank's year.
HEADLINE = "measure,value\npeople,1669865\nmeals,9500000\nsites,412\n"


def _project(tmp_path: Path, qualifier: str, value: str, *, card: bool = False) -> Path:
    item = f'{{qualifier: {qualifier}, value: "{value}", label: people helped}}'
    social = f"""\
social:
  cards:
    - {{kind: stat, name: s, qualifier: {qualifier}, value: "{value}", label: people helped,
       source: Annual report}}
""" if card else ""  # fmt: skip
    return write_project(tmp_path / "p", f"""\
deck: {{title: T}}
data: {{headline: {{file: headline.csv}}}}
slides:
  - kind: stats
    title: The network helped more people than ever
    source: Annual report
    items:
      - {item}
{social}""", {"headline.csv": HEADLINE})  # fmt: skip


def _said(tmp_path: Path, qualifier: str, value: str, **kw: bool) -> list[str]:
    outline = _project(tmp_path, qualifier, value, **kw)
    report = check(outline, BuildOptions(out_dir=tmp_path / "out"), select=("NUM018",))
    return [f"{f.where}: {f.message} / {f.fix}" for f in report.findings]


def test_more_than_a_number_rounded_up_past_the_value_is_said(tmp_path):
    (said,) = _said(tmp_path, "More than", "{{ headline.people.value | compact(0) }}")
    assert said == (
        "slide 1: 'More than 2M' says the value is over 2M, and it is 1,669,865: the number "
        "rounded up made the claim false / write a round figure the value is over ('More "
        "than 1.6M'), or drop 'More than' and write the value rounded"
    )


def test_nearly_a_number_rounded_down_past_the_value_is_said(tmp_path):
    # 9,440,000 written 9.4M: under it, so 'Under 9.4M' is false.
    (said,) = _said(tmp_path / "a", "Under", "{{ (headline.meals.value - 60000) | compact(1) }}")
    assert said.startswith("slide 1: 'Under 9.4M' says the value is under 9.4M, and it is "
                           "9,440,000")  # fmt: skip
    assert "('Under 9.45M')" in said
    (said,) = _said(tmp_path / "b", "Nearly", "{{ (headline.meals.value - 60000) | compact(1) }}")
    assert said.startswith("slide 1: 'Nearly 9.4M' says the value is under 9.4M")


@pytest.mark.parametrize(
    ("qualifier", "value"),
    [
        ("More than", "{{ (headline.people.value - 30000) | compact(1) }}"),  # 1.6M: under
        ("Nearly", "{{ headline.people.value | compact(1) }}"),  # 1.7M: over 1,669,865
        ("More than", "{{ headline.sites.value | number }}"),  # as given: the source's hedge
        ("Nearly", "{{ headline.meals.value | compact(0) }}"),  # 10M: over 9.5M, so nearly
        ("About", "{{ headline.people.value | compact(0) }}"),  # either way
        ("More than", "2M"),  # typed: no value to read it against (NUM001's business)
    ],
)
def test_a_qualifier_the_number_keeps_true_passes(tmp_path, qualifier, value):
    assert _said(tmp_path, qualifier, value) == []


def test_a_stat_cards_qualifier_is_read_and_the_build_warns(tmp_path):
    said = _said(tmp_path, "Over", "{{ headline.people.value | compact(0) }}", card=True)
    assert [s.split(":")[0] for s in said] == ["slide 1", "card s-ig-square.png"]
    outline = _project(tmp_path / "b", "Over", "{{ headline.people.value | compact(0) }}")
    warnings = build(outline, BuildOptions(out_dir=tmp_path / "out")).warnings
    assert any("'Over 2M' says the value is over 2M" in w and "(NUM018)" in w for w in warnings)
