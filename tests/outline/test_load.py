from pathlib import Path

import pytest

from deckgen.errors import OutlineError
from deckgen.kinds.slides.chart import ChartSlide
from deckgen.outline.load import format_path
from tests.helpers import SAMPLE, load_outline, parse_outline


def test_the_sample_outline_validates_into_typed_slides():
    loaded = load_outline(SAMPLE)
    kinds = [s.kind for s in loaded.outline.slides]
    assert kinds[0] == "title" and kinds[-1] == "sources"
    assert 18 <= len(kinds) <= 40
    assert any(isinstance(s, ChartSlide) for s in loaded.outline.slides)
    assert loaded.locate("slides", 3).line is not None


def test_format_path():
    assert format_path(("slides", 4, "chart", "y")) == "slides[4].chart.y"
    assert format_path(("deck",)) == "deck"


def test_all_problems_are_reported_together():
    text = """
deck: {title: T, colour: red}
slides:
  - kind: bullets
    items: [a]
  - kind: quote
    text: hi
"""
    with pytest.raises(OutlineError) as info:
        parse_outline(text, Path("x.yaml"))
    message = str(info.value)
    assert "x.yaml:2: deck.colour: unknown field 'colour'" in message
    assert "slides[0].title: required field 'title' is missing" in message
    assert "slides[1].attribution: required field 'attribution' is missing" in message


def test_yaml_tags_cannot_run_code():
    text = "deck: !!python/object/apply:os.system ['echo hacked']\nslides: []\n"
    with pytest.raises(OutlineError, match="not valid YAML"):
        parse_outline(text, Path("x.yaml"))


def test_single_series_charts_refuse_several_columns():
    text = """
deck: {title: T}
data: {p: {file: p.csv}}
slides:
  - kind: chart
    title: x
    chart: {type: donut, data: p, x: a, y: [b, c]}
"""
    with pytest.raises(OutlineError, match="a donut chart shows one series"):
        parse_outline(text, Path("x.yaml"))
