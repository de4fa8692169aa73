"""Range plots on data written for the test: exactly two values per row, the span a thick
bar with a hollow first end and a filled second, labels at both ends, the native form.
What range shares with dot and arrow plots is tested in test__dots.py."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from matplotlib.colors import to_hex
from pptx.oxml.ns import qn

from deckgen.errors import DeckgenError
from deckgen.kinds.charts import chart
from deckgen.pipeline import BuildOptions, build
from deckgen.render.chartkit import contrast
from tests.kinds.charts.rows import (
    RENTS,
    SPECS,
    boxes_of,
    card_charts,
    draw,
    job,
    overlaps,
    project,
    rents,
)

if TYPE_CHECKING:
    from pathlib import Path

RANGE = SPECS["range"]
CITIES = list(RENTS)


def test_both_ends_are_labelled_the_smaller_left_the_larger_right():
    cities = ["Austin", "Boston", "Chicago", "Detroit", "Miami", "Phoenix", "Seattle"]
    drawn = draw(job("range", rents(*cities)))
    for city in cities:
        low, high = sorted(RENTS[city])  # type: ignore[type-var]
        (left,), (right,) = boxes_of(drawn, f"${low:,}"), boxes_of(drawn, f"${high:,}")
        assert left[2] < right[0], city


def test_the_bar_is_thick_its_first_end_hollow_and_its_second_filled():
    chart = job("range", rents("Miami", "Boston"), highlight=["Miami"])
    colors = chart.theme.theme.colors
    found: dict[str, object] = {}

    def read(fig) -> None:
        lines = fig.axes[0].get_lines()
        spans = {(1450.0, 2350.0), (2100.0, 2640.0)}
        found["bars"] = [ln for ln in lines if tuple(ln.get_xdata()) in spans]
        found["ends"] = [ln for ln in lines if ln.get_marker() == "o"]

    draw(chart, read)
    bars = found["bars"]
    assert len(bars) == 2 and all(b.get_linewidth() >= 8 for b in bars)  # points
    miami = [e for e in found["ends"] if e.get_ydata()[0] == 0]
    faces = [to_hex(e.get_markerfacecolor()) for e in miami]
    assert faces[0].upper() == colors.background.upper()  # 2015: hollow
    assert faces[1].upper() != colors.background.upper()  # 2024: filled
    # The highlighted row in the highlight colour, the rest in grey; both at 3:1 as marks.
    for color in chart.spec.mark_colors(chart):
        assert contrast(color, colors.background) >= 3


def test_a_range_of_three_columns_is_an_error_at_load():
    with pytest.raises(ValueError, match="a range chart shows two values per category"):
        chart(type="range", data="d", x="x", y=["a", "b", "c"])


def test_a_transposed_range_needs_exactly_two_rows(tmp_path: Path):
    spec = """{type: range, data: rents, x: city, y: [rent_2015, rent_2024], transpose: true,
               filter: [{column: city, op: in, value: [Austin, Boston, Miami]}]}"""
    with pytest.raises(DeckgenError) as caught:
        build(project(tmp_path, spec), BuildOptions(out_dir=tmp_path / "out"))
    message = caught.value.format_message()
    assert "a range chart shows two values per category, but the chart has 3 series" in message
    assert "filter the data to exactly two rows" in message


def test_the_card_form_fits_its_rows_at_the_card_sizes(tmp_path: Path):
    for preset, card in card_charts(tmp_path, RANGE).items():
        drawn = draw(card)
        assert drawn.removed == [], preset
        assert overlaps(drawn.texts) == [], preset


@pytest.fixture
def native(native_rows) -> tuple[Path, object]:
    return native_rows("range")


def test_native_form_holds_the_data(native):
    _, frame = native
    plot = frame.chart.plots[0]
    assert list(plot.categories) == CITIES
    values = {s.name: list(s.values) for s in plot.series}
    assert values == {"2015": [RENTS[c][0] for c in CITIES], "2024": [RENTS[c][1] for c in CITIES]}


def test_native_span_is_a_thick_error_bar_and_the_highlight_marks_its_row(native):
    _, frame = native
    space = frame.chart._chartSpace
    line = space.find(f".//{qn('c:errBars')}/{qn('c:spPr')}/{qn('a:ln')}")
    assert int(line.get("w")) >= 5 * 12700  # points, in EMU
    boston = CITIES.index("Boston")
    second = frame.chart.plots[0].series[-1]  # the end: the start's ring has a disc under it
    fill = second.points[boston].marker.format.fill.fore_color.rgb
    assert str(fill) == "C8102E"  # the corporate highlight
