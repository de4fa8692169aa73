"""Section slides: the big section number is text, and reads as text on the cover."""

from __future__ import annotations

import pytest
from pptx import Presentation

from deckgen.pipeline import BuildOptions, build
from deckgen.theming.colour import TEXT, contrast
from tests.helpers import nearer, write_project

#: A theme written for the test: the cover's fill (its primary, or its background) and a
#: highlight that reaches only about 3:1 on it.
THEME = """\
label: Test
mode: {mode}
colors:
  background: "{background}"
  surface: "{surface}"
  text: "{text}"
  muted: "{muted}"
  primary: "{primary}"
  on_primary: "#FFFFFF"
  highlight: "{highlight}"
  neutral: "#8E949C"
  grid: "#D5D9DE"
fonts:
  heading: {{family: Lato}}
  body: {{family: Lato}}
  number: {{family: Lato}}
cover: {{style: {style}, fill: {fill}}}
"""
NAVY = dict(mode="light", background="#FFFFFF", surface="#F3F4F6", text="#1A1F29",
            muted="#555E6B", primary="#1F3A5F", highlight="#D0342C", style="bars",
            fill="primary")  # fmt: skip
INK = dict(mode="dark", background="#2B2B33", surface="#34343D", text="#F1F1F4",
           muted="#B3B3BE", primary="#3E8E7E", highlight="#7C5CFF", style="rings",
           fill="background")  # fmt: skip


@pytest.mark.parametrize("colours", [NAVY, INK], ids=["on-primary", "on-background"])
def test_the_big_section_number_reads_at_4_5_to_1_on_the_cover(tmp_path, colours):
    """Corporate's '01' was its red lightened to 3.0:1 on the navy cover (#D64C62, 3.01:1
    measured): large, but text, so 4.5:1 on the slide's fill, with codes to spare for the
    rendered page."""
    theme = tmp_path / "themes" / "test"
    theme.mkdir(parents=True)
    (theme / "theme.yaml").write_text(THEME.format(**colours), encoding="utf-8")
    path = write_project(
        tmp_path,
        "deck: {title: T, theme: test}\nslides:\n"
        "  - kind: section\n    kicker: '01'\n    title: Production\n",
    )
    deck = Presentation(str(build(path, BuildOptions(out_dir=tmp_path / "out")).deck))
    runs = [r for s in deck.slides[0].shapes if s.has_text_frame
            for p in s.text_frame.paragraphs for r in p.runs]  # fmt: skip
    number = next(r for r in runs if r.text == "01")
    ink = f"#{number.font.color.rgb}"
    ground = colours["primary"] if colours["fill"] == "primary" else colours["background"]
    assert contrast(ink, ground) >= TEXT
    assert contrast(nearer(ink, ground, 2), ground) >= TEXT  # dithered on the page
