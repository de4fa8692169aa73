"""Planning fits text before anything renders, and fails or warns with the slide named."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from deckgen.errors import DeckgenError
from deckgen.kinds.slides.cards import card_columns
from deckgen.plan import context, plan_build
from deckgen.tables.sources import load_tables
from tests.helpers import HEADER, load_outline, load_theme, write_project


def plan(tmp_path, slides: str):
    loaded = load_outline(write_project(tmp_path, HEADER + slides))
    return plan_build(context(loaded, load_tables(loaded), load_theme("corporate")))


def test_cards_that_cannot_fit_fail_with_the_card_named(tmp_path):
    long = "word " * 120
    slides = "  - kind: cards\n    title: Cards\n    items:\n" + "".join(
        f"      - {{heading: Card {i}, text: {long}}}\n" for i in range(12)
    )
    with pytest.raises(DeckgenError) as info:
        plan(tmp_path, slides)
    assert "slides[0].items[0]: card 'Card 0' does not fit even at" in str(info.value)


def test_more_than_six_bullets_is_a_warning_not_an_error(tmp_path):
    items = ", ".join(f"Point {i}" for i in range(7))
    result = plan(tmp_path, f"  - kind: bullets\n    title: Many\n    items: [{items}]\n")
    assert any("7 bullets" in w for w in result.warnings)


def test_stats_on_one_slide_share_one_value_size(tmp_path):
    slides = """\
  - kind: stats
    title: Numbers
    items:
      - {value: "1", label: short}
      - {value: "$143,200,000,000", label: very long value}
"""
    result = plan(tmp_path, slides)
    layouts = {p.job.layout.value_size.pt for p in result.slides[0].pictures}
    assert len(layouts) == 1
    assert layouts.pop() < 80  # shrunk for the long value, and the short one follows


def test_problems_on_several_slides_are_reported_together(tmp_path):
    slides = """\
  - kind: chart
    title: A
    chart: {type: bar, data: production, x: country, y: nope}
  - kind: chart
    title: B
    chart: {type: bar, data: production, x: nation, y: production_2023}
"""
    with pytest.raises(DeckgenError) as info:
        plan(tmp_path, slides)
    assert len(info.value.problems) == 2


def test_card_grids_are_even():
    assert [card_columns(n) for n in (2, 3, 4, 5, 6, 8, 9, 11, 12)] == [2, 3, 2, 3, 3, 4, 3, 4, 4]


def test_planning_draws_no_chart_and_the_notes_are_the_drawn_alt_text(tmp_path, monkeypatch):
    """A chart slide's notes are its picture's alt text, which only drawing settles (which
    scatter labels found room): they are written after rendering, so planning lays out no
    figure, and an outline's own notes win."""
    from deckgen.render.charts import ChartJob
    from deckgen.render.jobs import Asset

    chart = (
        "{type: scatter, data: production, x: production_2004, y: production_2023, name: country}"
    )
    slides = f"""\
  - kind: chart
    title: Y rises with x
    chart: {chart}
  - kind: chart
    title: Y rises with x
    notes: Say it slowly.
    chart: {chart}
"""
    path = write_project(tmp_path, HEADER + slides)

    def no_figure(self, **_):
        raise AssertionError("planning laid out a figure")

    with monkeypatch.context() as patched:
        patched.setattr(ChartJob, "figure", no_figure)
        loaded = load_outline(path)
        built = plan_build(context(loaded, load_tables(loaded), load_theme("corporate")))
    first, second = built.slides
    job = first.pictures[0].job
    assert (first.notes, first.notes_from) == (None, job)
    assert (second.notes, second.notes_from) == ("Say it slowly.", None)
    drawn = Asset(b"", "Scatter chart, as drawn.", job.key())
    noted = [s.with_notes({job.key(): drawn}) for s in built.slides]
    assert [s.notes for s in noted] == ["Scatter chart, as drawn.", "Say it slowly."]
    # Not drawn (a native chart): written from the job, labels and all.
    assert first.with_notes({}).notes == job.alt()  # type: ignore[attr-defined]


def test_a_sources_text_cells_are_scanned_once_per_frame():
    """A batch plans every row against the same frames: the font coverage check scans a
    source's cells once, not once a row; another frame (new data) is scanned anew."""
    import pandas as pd

    from deckgen.plan import _data_texts

    frame = pd.DataFrame({"city": ["Zürich", "Oslo"], "n": [1, 2]})
    first = _data_texts("cities", frame)
    assert first == (("data source 'cities', column 'city'", "Zürich"),)
    assert _data_texts("cities", frame) is first
    other = pd.DataFrame({"city": ["Kraków"], "n": [1]})
    assert _data_texts("cities", other) == (("data source 'cities', column 'city'", "Kraków"),)


@given(st.lists(st.one_of(st.text(), st.none(), st.integers()), max_size=8))
def test_a_sources_text_cells_found_are_exactly_its_non_ascii_ones(cells):
    import pandas as pd

    from deckgen.plan import _data_texts

    frame = pd.DataFrame({"c": pd.Series(cells, dtype=object)})
    where = "data source 't', column 'c'"
    expected = sorted({v for v in cells if isinstance(v, str) and not v.isascii()})
    assert _data_texts("t", frame) == tuple((where, t) for t in expected)


@pytest.mark.parametrize("size", [36, 72])
def test_a_footer_size_taller_than_its_band_is_a_fit_error_naming_the_theme_size(tmp_path, size):
    """A theme's 36 to 72 pt footer, one line, was drawn over a chart's names with exit 0
    and a clean check (found by fuzzing): a footer has the band and the gap above it."""
    import yaml

    from tests.helpers import REPO

    raw = yaml.safe_load((REPO / "themes" / "corporate" / "theme.yaml").read_text())
    raw["sizes"] = {"footer": size}
    (tmp_path / "themes" / "big").mkdir(parents=True)
    (tmp_path / "themes" / "big" / "theme.yaml").write_text(yaml.safe_dump(raw))
    slide = "  - kind: bullets\n    title: Rail\n    items: [A]\n    source: Test\n"
    loaded = load_outline(write_project(tmp_path, HEADER + slide))
    theme = load_theme("big", tmp_path)
    with pytest.raises(DeckgenError) as info:
        plan_build(context(loaded, load_tables(loaded), theme))
    message = str(info.value)
    assert f"the footer (its source line) does not fit in 2 lines even at {size} pt" in message
    assert f"sizes.footer: {size} (default 12)" in message  # the theme's size, named
    plan(tmp_path / "twelve", slide)  # at 12 pt, two lines fit


@pytest.mark.parametrize("kind", ["quote", "bullets"])
def test_a_source_line_longer_than_the_footer_is_a_fit_error_at_its_field(tmp_path, kind):
    """A 1,700-character source grew up from the bottom margin over the quote's attribution,
    with exit 0 and a clean check (found by fuzzing). Two lines fit; more is an error."""
    refs = "; ".join(f"Bureau of Statistics, table {n}, revised series" for n in range(40))
    body = ("text: Moving freight by rail cut our emissions.\n    attribution: A railroad"
            if kind == "quote" else "title: Rail\n    items: [Freight, Passengers]")  # fmt: skip
    slides = f'  - kind: {kind}\n    {body}\n    source: "{refs}"\n'
    with pytest.raises(DeckgenError) as info:
        plan(tmp_path / "long", slides)
    message = str(info.value)
    assert ":12: slides[0].source: the footer (its source line) does not fit in 2 lines" in message
    assert "sources slide" in message
    two = "; ".join(f"Bureau of Statistics, table {n}" for n in range(5))
    plan(tmp_path / "short", slides.replace(refs, two))  # a line or two: fine
