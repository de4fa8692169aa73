"""Build the shipped sample with native charts and callouts; check every chart holds its
data, LibreOffice opens the deck, and the Open XML SDK validator finds nothing."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from pptx import Presentation

from deckgen.export.ooxml import validate
from deckgen.export.pdf import pdf_page_count, to_pdf
from deckgen.kinds.charts.map import Map
from deckgen.kinds.charts.scatter import Scatter
from deckgen.pipeline import BuildOptions, build
from deckgen.plan import context, plan_build
from tests.helpers import SAMPLE, load_bound, load_theme
from tests.kinds.charts.test_scatter import embedded

if TYPE_CHECKING:
    from pathlib import Path


@pytest.fixture(scope="module", params=["corporate", "dark"])
def native(request, tmp_path_factory) -> tuple[Path, object]:
    out = tmp_path_factory.mktemp(f"native-{request.param}")
    options = BuildOptions(theme=request.param, out_dir=out, native_charts=True,
                           native_callouts=True)  # fmt: skip
    result = build(SAMPLE, options)
    return result.deck, result


def _planned_charts():
    loaded, tables = load_bound(SAMPLE)
    ctx = context(loaded, tables, load_theme("corporate", loaded.root), native_charts=True)
    plan = plan_build(ctx)
    return [(s.number, s.pictures[0].job) for s in plan.slides if s.slide.kind == "chart"]


def test_only_charts_whose_type_has_no_native_form_stay_pictures(native):
    _, result = native
    refused = [job for _, job in _planned_charts() if job.spec.native_refusal()]
    # The arrow chart (an arrow has no native form) and the G20 production chart (its
    # computed difference is a bracket a native chart would not keep in place).
    assert len(refused) == 2
    assert sum("computed differences" in (job.spec.native_refusal() or "") for job in refused) == 1
    assert result.pictures == len(refused)
    fallbacks = [w for w in result.warnings if "kept as a picture" in w]
    assert len(fallbacks) == len(refused)
    assert all(job.spec.native_refusal() in w for job, w in zip(refused, fallbacks, strict=True))


def test_every_chart_slide_holds_a_chart_with_the_data(native):
    deck, _ = native
    prs = Presentation(str(deck))
    planned = _planned_charts()
    charts = [s for s in load_bound(SAMPLE)[0].outline.slides if s.kind == "chart"]
    assert len(planned) == len(charts) >= 10
    for number, job in planned:
        slide = prs.slides[number - 1]
        if job.spec.native_refusal():
            continue  # kept a picture (see above)
        assert not [s for s in slide.shapes if s.shape_type == 13], number
        if isinstance(job.spec, Map):
            # A map is a group of shapes, one per state (tests/kinds/charts/test_map.py).
            (group,) = [s for s in slide.shapes if s.shape_type == 6]
            assert len([s for s in group.shapes if s.shape_type in (1, 5)]) >= 51, number
            continue
        frames = [s for s in slide.shapes if s.has_chart]
        assert len(frames) == 1, number
        plot = frames[0].chart.plots[0]  # overlays (reference, totals) come after the data
        if isinstance(job.spec, Scatter):  # one series of points: x, y (and size) values
            (series,) = plot.series
            assert list(embedded(series).values()) == [
                [v for v in s.values if v is not None] for s in job.data.series
            ], number
            continue
        categories = job.data.categories
        expected = {s.name: s.values for s in job.data.series}
        if job.spec.type == "waterfall":  # it embeds its bars: a base and the steps
            from deckgen.kinds.charts.waterfall import native_series

            bars = job.spec.bars(job.data)
            categories = tuple(b.name for b in bars)
            expected = {name: tuple(values) for name, values in native_series(bars)}
        assert tuple(plot.categories) == categories, number
        got = {s.name: tuple(s.values) for s in plot.series}
        assert got == expected, number


def test_stat_slides_hold_text_not_pictures(native):
    deck, _ = native
    prs = Presentation(str(deck))
    outline = load_bound(SAMPLE)[0].outline
    for slide, spec in zip(prs.slides, outline.slides, strict=True):
        if spec.kind == "stats":
            texts = [t.text_frame.text for g in slide.shapes if g.shape_type == 6
                     for t in g.shapes if t.name == "Value"]  # fmt: skip
            assert texts == [item.value for item in spec.items]


@pytest.mark.libreoffice
def test_libreoffice_opens_the_native_sample(native, tmp_path, require_libreoffice):
    deck, _ = native
    pdf = to_pdf(deck, tmp_path)
    assert pdf_page_count(pdf) == len(Presentation(str(deck)).slides)


@pytest.mark.validator
def test_open_xml_sdk_validator_finds_no_errors_in_the_native_sample(native, require_validator):
    deck, _ = native
    assert validate(deck) == []
