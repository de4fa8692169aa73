"""Merge keys ('<<:') read as YAML means them: the earlier of several merged mappings wins
a key both give, and a key written in the mapping itself wins over every merged one."""

from __future__ import annotations

from pathlib import Path

from deckgen.outline.load import load_yaml
from tests.helpers import parse_outline


def test_the_earlier_mapping_of_a_merge_list_wins_a_shared_key():
    text = (
        "first: &first {name: one, kind: a, only_first: 1}\n"
        "second: &second {name: two, kind: b, only_second: 2}\n"
        "both:\n  <<: [*first, *second]\n"
    )
    both = load_yaml(text)["both"]
    assert both == {"name": "one", "kind": "a", "only_first": 1, "only_second": 2}


def test_a_key_written_beside_the_merge_wins_and_nested_merges_keep_their_order():
    text = (
        "base: &base {a: base, b: base}\n"
        "middle: &middle {<<: *base, b: middle, c: middle}\n"
        "other: &other {a: other, b: other, c: other, d: other}\n"
        "out:\n  <<: [*middle, *other]\n  d: own\n"
    )
    # *middle is *base with its own 'b' and 'c'; it comes first, so it wins 'a', 'b', 'c'.
    assert load_yaml(text)["out"] == {"a": "base", "b": "middle", "c": "middle", "d": "own"}


def test_a_merged_chart_draws_the_first_mapping_s_source_and_its_line_is_that_one_s():
    text = """\
deck: {title: T}
data:
  right: {file: right.csv}
  wrong: {file: wrong.csv}
slides:
  - kind: chart
    title: One
    chart: &one {type: bar, data: right, x: a, y: b}
  - kind: chart
    title: Two
    chart: &two {type: hbar, data: wrong, x: a, y: b}
  - kind: chart
    title: Three
    chart:
      <<: [*one, *two]
"""
    loaded = parse_outline(text, Path("deck.yaml"))
    chart = loaded.outline.slides[2].chart
    assert (chart.type, chart.data) == ("bar", "right")
    # A problem at the merged field is told at the line of the value that is used.
    assert loaded.locate("slides", 2, "chart", "data").line == 8
