"""A card's alt text is written after its picture is drawn (what a chart shows is known
then: a scatter's labels that found no room), so planning cards draws nothing."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from deckgen.outline.typography import apostrophes
from deckgen.plan.cards import plan_cards
from deckgen.render.jobs import Asset
from deckgen.tables.sources import load_tables
from tests.helpers import load_outline, load_theme, write_project

if TYPE_CHECKING:
    from pathlib import Path

#: Twenty towns with long names on a tight grid of spend and score: a 1080 px card has no
#: room for every label.
TOWNS = [
    "North Harbour District", "South Harbour District", "East Ridge Township",
    "West Ridge Township", "Old Mill Quarter", "New Mill Quarter", "Upper Valley Parish",
    "Lower Valley Parish", "Riverside Commons", "Lakeside Commons", "Hilltop Borough",
    "Meadow Borough", "Castle Green Ward", "Abbey Fields Ward", "Market Cross Ward",
    "Station Road Estate", "Canal Basin Estate", "Quarry Hill Village", "Forest Edge Village",
    "Marsh Lane Hamlet",
]  # fmt: skip
TOWNS_CSV = "place,spend,score\n" + "".join(
    f"{name},{100 + k * 0.5},{50 + (k % 4) * 0.2:.1f}\n" for k, name in enumerate(TOWNS)
)
WRITTEN = "Twenty towns' scores against their spending, all within a point of 50."
SCATTER = "{type: scatter, data: towns, x: spend, y: score, name: place, labels: all}"
OUTLINE = f"""\
deck: {{title: Towns, organisation: Tests Inc}}
data:
  towns: {{file: towns.csv}}
slides:
  - kind: title
    title: Towns
social:
  cards:
    - kind: chart
      name: spend
      title: Spending barely moves the score
      source: Town survey 2025
      presets: [ig-square]
      chart: {SCATTER}
    - kind: infographic
      name: glance
      title: Towns at a glance
      sections:
        - kind: chart
          title: Spending barely moves the score
          chart: {SCATTER}
    - kind: chart
      name: written
      title: Spending barely moves the score
      alt: {WRITTEN}
      presets: [ig-square]
      chart: {SCATTER}
"""
LEFT_OUT = "Not labelled in the picture, for lack of room: "


def _planned(root: Path):
    loaded = load_outline(write_project(root, OUTLINE, {"towns.csv": TOWNS_CSV}))
    return {c.name: c for c in plan_cards(loaded, load_tables(loaded), load_theme())}


def _unlabelled(job) -> set[str]:
    """The towns the chart's picture leaves without a label, read from its figure."""
    from deckgen.render.labels import labels
    from deckgen.render.style import chart_style

    with chart_style(job.theme, job.canvas):
        shown = {t.get_text().replace("\n", " ") for t in labels(job.figure())}
    return set(TOWNS) - shown


def test_a_scatter_card_says_which_labels_found_no_room(tmp_path: Path):
    """Written by a build (cards.json), from the picture as drawn, again from the cache;
    an infographic's chart section says it too, and an outline's `alt:` wins."""
    from deckgen.pipeline import BuildOptions, social

    planned = _planned(tmp_path / "project")
    missing = {name: _unlabelled(planned[name].job.pictures()[0].job)
               for name in ("spend", "glance")}  # fmt: skip
    assert all(missing.values()), "the test's towns must leave some labels out"
    options = BuildOptions(out_dir=tmp_path / "out")
    for _ in range(2):  # drawn, then from the cache
        written = social(tmp_path / "project" / "deck.yaml", options).cards
        manifest = json.loads((written[0].path.parent / "cards.json").read_text())
        alts = {c["name"]: c["alt"] for c in manifest["cards"]}
        assert alts == {r.name: r.alt for r in written}
        for name in ("spend", "glance"):
            said = alts[name].split(LEFT_OUT)[1].split(".")[0]
            assert set(said.split(", ")) == missing[name], name
        assert alts["spend"].endswith(". Source: Town survey 2025.")
        assert alts["glance"].startswith("Infographic. Towns at a glance. Scatter chart of")
        assert alts["written"] == apostrophes(WRITTEN)  # as the outline's texts are set


def test_planning_cards_draws_nothing_and_the_alt_is_the_drawn_description(
    tmp_path: Path, monkeypatch
):
    """No matplotlib figure is made while cards are planned; the alt text is the one the
    rendered picture carries (the outline's own at once), else described when asked."""
    from matplotlib.figure import Figure

    def no_figure(*_, **__):
        raise AssertionError("planning cards made a matplotlib figure")

    with monkeypatch.context() as patched:
        patched.setattr(Figure, "__init__", no_figure)
        cards = _planned(tmp_path)
    chart, glance, written = cards["spend"], cards["glance"], cards["written"]
    assert (chart.alt, glance.alt) == (None, None)
    assert written.alt == apostrophes(WRITTEN)
    assert chart.caption == "Spending barely moves the score. Source: Town survey 2025."
    drawn = {
        c.job.key(): Asset(b"", f"What {c.name} shows, as drawn.", c.job.key())
        for c in (chart, glance, written)
    }
    assert chart.with_alt(drawn).alt == "What spend shows, as drawn. Source: Town survey 2025."
    said = "Infographic. Towns at a glance. What glance shows, as drawn."
    assert glance.with_alt(drawn).alt == said
    assert written.with_alt(drawn) is written
    # Not drawn here, or cached before cards carried their description: described now.
    for assets in ({}, {chart.job.key(): Asset(b"", "", chart.job.key())}):
        alt = str(chart.with_alt(assets).alt)
        assert alt.startswith("Scatter chart of score against spend for 20 places")
        assert LEFT_OUT in alt


def test_notes_of_one_kind_on_one_preset_are_each_told_and_several_presets_once():
    from types import SimpleNamespace

    from deckgen.plan.cards import in_presets

    cards = [SimpleNamespace(file=f"c-{p}.png", name="c", preset=SimpleNamespace(name=p))
             for p in ("og", "x-post")]  # fmt: skip
    said = [("c-og.png", "a; fix"), ("c-og.png", "b; fix")]
    folded = in_presets(cards, said, lambda s: s[0], lambda s: s[1].rpartition("; ")[2],
                        lambda s: s[1])  # fmt: skip
    assert [(s, shared) for s, shared in folded] == [(said[0], None), (said[1], None)]
    both = [("c-og.png", "a; fix"), ("c-x-post.png", "a; fix")]
    (_, shared), *rest = in_presets(cards, both, lambda s: s[0],
                                       lambda s: s[1], lambda s: s[1])  # fmt: skip
    assert not rest and shared is not None and shared.presets == ("og", "x-post")
    assert str(shared) == "card c (og and x-post)"
