"""Statement slides: one sentence set large, wrapped where it was balanced."""

from __future__ import annotations

from pptx import Presentation

from deckgen.layout.slide import full_frame
from deckgen.layout.text import SLIDE
from deckgen.layout.units import Pt
from deckgen.pipeline import BuildOptions, build, plan_outline, prepare
from tests.helpers import write_project

#: The sample's statement: wrapped greedily at the box's width, "EVs." is alone on the
#: last line (checked below, so the test keeps testing something).
TEXT = (
    "The U.S. auto industry fuels innovation, economic growth and national security "
    "through AI, autonomous vehicles and EVs."
)


def test_the_sentence_is_balanced_and_the_slide_wraps_it_there(tmp_path):
    path = write_project(
        tmp_path, f"deck: {{title: T}}\nslides:\n  - kind: statement\n    text: {TEXT}\n"
    )
    options = BuildOptions(out_dir=tmp_path / "out")
    ready = prepare(path, options)
    text = plan_outline(ready, options).plan.slides[0].layout.text
    box_width = full_frame(ready.loaded.outline.deck.size).width * 0.85
    greedy = SLIDE.wrap(TEXT, ready.theme.heading.bold, text.size, box_width)
    assert len(greedy[-1].split()) == 1  # greedily, one word alone
    assert len(text.lines) == len(greedy)  # balancing keeps the lines...
    assert all(len(line.split()) >= 2 for line in text.lines)  # ...and leaves no word alone
    assert text.width < box_width

    shape = next(s for s in Presentation(str(build(path, options).deck)).slides[0].shapes
                 if s.name == "Statement")  # fmt: skip
    sentence = shape.text_frame.paragraphs[-1]
    assert sentence.text.replace("\u00a0", " ") == TEXT  # held where it must not break
    # The viewer wraps at the widest balanced line (with its measuring slack), not at the
    # box's edge: the paragraph's right margin takes up the rest.
    margin = int(sentence._p.pPr.get("marR"))
    assert margin == int(shape.width) - int(text.width + Pt(1))


def test_a_theme_asking_for_smaller_display_text_gets_it(tmp_path):
    """sizes.statement: 20, section: 28 and quote: 16 were drawn at 28, 34 and 22 pt, the
    slides' own floors, with no word (found by fuzzing): a floor never passes the theme's
    size (each is fitted within its usual headroom above it)."""
    import shutil

    from tests.helpers import REPO

    themes = tmp_path / "themes"
    shutil.copytree(REPO / "themes" / "corporate", themes / "small")
    with (themes / "small" / "theme.yaml").open("a", encoding="utf-8") as f:
        f.write("sizes: {statement: 20, section: 28, quote: 16}\n")
    path = write_project(
        tmp_path,
        "deck: {title: T, theme: small}\nslides:\n"
        "  - kind: statement\n    text: China builds three in ten vehicles.\n"
        "  - kind: section\n    title: Production\n"
        "  - kind: quote\n    text: A short quote.\n    attribution: Someone\n",
    )
    options = BuildOptions(out_dir=tmp_path / "out")
    slides = plan_outline(prepare(path, options), options).plan.slides
    statement, section, quote = (s.layout for s in slides)
    assert statement.text.size.pt <= 20 + 4
    assert section.title.size.pt <= 28
    assert quote.text.size.pt <= 16 + 2


def test_a_deck_title_is_fitted_within_its_room_whatever_sizes_title_says(tmp_path):
    """sizes.title: 60 set the deck title's floor above its ceiling (sizes.section + 10 =
    54): the floor now never passes the ceiling."""
    import shutil

    from tests.helpers import REPO

    themes = tmp_path / "themes"
    shutil.copytree(REPO / "themes" / "corporate", themes / "big")
    with (themes / "big" / "theme.yaml").open("a", encoding="utf-8") as f:
        f.write("sizes: {title: 60}\n")
    path = write_project(tmp_path, "deck: {title: Global Impact, theme: big}\n"
                                   "slides:\n  - kind: title\n")  # fmt: skip
    options = BuildOptions(out_dir=tmp_path / "out")
    (slide,) = plan_outline(prepare(path, options), options).plan.slides
    assert slide.layout.title.size.pt <= 44 + 10
