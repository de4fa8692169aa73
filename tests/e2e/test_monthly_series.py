"""The README's monthly-series example (tests/data/monthly_series.yaml) builds end to end,
as pictures and as native charts, with its numbers and dates bound from the data, and the
README shows it as it is."""

from __future__ import annotations

import json
import shutil

import pytest
from pptx import Presentation

from deckgen.pipeline import BuildOptions, build
from tests.helpers import DATA, REPO


@pytest.fixture(scope="module", params=[False, True], ids=["pictures", "native"])
def deck(request, tmp_path_factory):
    root = tmp_path_factory.mktemp("monthly")
    for name in ("monthly_series.yaml", "employment_monthly.csv"):
        shutil.copy(DATA / name, root / name)
    result = build(root / "monthly_series.yaml",
                   BuildOptions(out_dir=root / "out", native_charts=request.param))  # fmt: skip
    return result, Presentation(str(result.deck))


def test_the_titles_say_the_loss_and_its_dates_from_the_data(deck):
    _, prs = deck
    # As read: the no-break space between '8.7' and 'million', and the line break where
    # the title was fitted ('\v' to python-pptx), are spaces to a reader.
    titles = [" ".join(s.shapes.title.text_frame.paragraphs[0].text.split())
              for s in prs.slides]  # fmt: skip
    assert titles[0] == "The U.S. lost 8.7 million jobs between January 2008 and February 2010"


def test_the_charts_describe_their_dates_and_the_manifest_records_them(deck):
    result, prs = deck
    frames = [sh for s in prs.slides for sh in s.shapes if sh.name.startswith("Chart")]
    alts = [f._element.xpath(".//p:cNvPr")[0].get("descr") for f in frames]
    assert "120 points from January 2007 to December 2016" in alts[0]
    assert "with a low of 129.7 million in February 2010" in alts[0]
    assert "indexed to 100 in January 2007" in alts[1]
    manifest = json.loads((result.deck.parent / "monthly_series" / "manifest.json").read_text())
    reads = {tuple(r[:3]) for a in manifest["assets"] for r in a["reads"]}
    assert ("jobs", "2010-02", "total_nonfarm") in reads


def test_the_readme_shows_the_example_as_it_is():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    outline = (DATA / "monthly_series.yaml").read_text(encoding="utf-8")
    assert outline in readme
