"""Writing the cards: exact sizes, the manifest, formats, determinism, partial runs."""

from __future__ import annotations

import io
import json
import re
import struct

import pytest
from PIL import Image

from deckgen.errors import DeckgenError
from deckgen.outline.presets import PRESETS
from tests.helpers import SAMPLE, build_cards, load_bound
from tests.kinds.cards.conftest import social_outline

CARDS = """
- kind: stat
  name: china
  presets: [ig-square, og]
  value: 30.2M
  label: vehicles built in China in 2023
  source: G20 production table
- kind: chart
  name: ranking
  presets: [x-post]
  format: jpeg
  title: China builds the most vehicles
  chart: {type: hbar, data: production, x: country, y: production_2023,
          sort: {by: production_2023}, format: "compact:1", highlight: China}
- kind: quote
  name: quote
  presets: [linkedin]
  format: webp
  text: The best way to predict the future is to build it.
  attribution: A proverb
"""


@pytest.fixture(scope="module")
def sample(tmp_path_factory, corporate):
    loaded, tables = load_bound(SAMPLE)
    out = tmp_path_factory.mktemp("social")
    return build_cards(loaded, tables, corporate, out), out


def test_the_sample_writes_every_preset_at_its_exact_size(sample):
    results, _ = sample
    assert {r.preset for r in results} == set(PRESETS)
    for r in results:
        with Image.open(r.path) as image:
            assert image.mode == "RGB"
            preset = PRESETS[r.preset]
            assert image.size == r.size == (preset.width, preset.height or image.height)
    (long,) = [r for r in results if r.preset == "long"]
    assert long.size[1] > 3 * long.size[0]


def test_the_manifest_describes_each_image_for_accessible_posting(sample):
    results, out = sample
    manifest = json.loads((out / "cards.json").read_text(encoding="utf-8"))
    assert manifest["version"] == 1 and manifest["outline"] == "global-impact.yaml"
    entries = manifest["cards"]
    assert [e["file"] for e in entries] == [r.path.name for r in results]
    assert sorted(p.name for p in out.iterdir()) == sorted([*(e["file"] for e in entries),
                                                            "cards.json"])  # fmt: skip
    for e in entries:
        assert set(e) == {"file", "name", "kind", "preset", "width", "height", "format", "alt",
                          "caption", "source", "origin"}  # fmt: skip
        assert e["alt"] and "/" not in e["alt"].split(" ")[0]
        assert e["caption"].endswith("#AutoIndustry")
    by_name = {e["name"]: e for e in entries}
    # Slide cards are named after the bound title (the sample's numbers come from data/).
    assert "67%" in by_name["most-americans-say-a-strong-auto"]["alt"]
    assert by_name["most-americans-say-a-strong-auto"]["origin"] == "slides[3]"
    chart = by_name["china-vehicle-production-grew-from"]
    assert chart["alt"].startswith("Grouped bar chart: China’s vehicle production grew 476%")
    assert "30.2 million" in chart["alt"]
    assert by_name["global-impact"]["alt"].startswith("Infographic. Global Impact.")


def test_a_chart_with_too_many_categories_for_the_card_shows_the_top_ones(sample):
    results, _ = sample
    (tall,) = [r for r in results if r.preset == "ig-tall"]  # the G20 slide: ten countries
    # The slide keeps its top 10 of the 19 countries; the card says how many it draws.
    shown = int(re.search(r"The (\d+) largest of 19 countries\.", tall.alt)[1])
    assert 4 <= shown < 10
    described = tall.alt.split("30.2 million. ", 1)[1]  # after the title
    assert described.count(" in 2023, ") == shown  # the alt text describes what is drawn


def _png_chunks(data: bytes) -> list[bytes]:
    chunks, pos = [], 8
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        chunks.append(data[pos + 4 : pos + 8])
        pos += 12 + length
    return chunks


def test_formats_and_identical_bytes_on_every_run(project, tmp_path):
    loaded, tables, theme = project(social_outline(CARDS))
    first = build_cards(loaded, tables, theme, tmp_path / "a")
    second = build_cards(loaded, tables, theme, tmp_path / "b")
    for a, b in zip(first, second, strict=True):
        assert a.path.read_bytes() == b.path.read_bytes(), a.path.name
    assert (tmp_path / "a" / "cards.json").read_bytes() == (
        tmp_path / "b" / "cards.json"
    ).read_bytes()
    files = {r.path.name: r.path.read_bytes() for r in first}
    assert set(files) == {"china-ig-square.png", "china-og.png", "ranking-x-post.jpg",
                          "quote-linkedin.webp"}  # fmt: skip
    # No metadata: PNG carries only the image and its sRGB marker; JPEG no EXIF or profile.
    assert set(_png_chunks(files["china-og.png"])) == {b"IHDR", b"sRGB", b"IDAT", b"IEND"}
    jpeg = files["ranking-x-post.jpg"]
    assert b"Exif" not in jpeg and b"ICC_PROFILE" not in jpeg
    for name, fmt in (("ranking-x-post.jpg", "JPEG"), ("quote-linkedin.webp", "WEBP")):
        with Image.open(io.BytesIO(files[name])) as image:
            assert image.format == fmt and image.mode == "RGB"
            assert "exif" not in image.info and "icc_profile" not in image.info


def test_presets_write_every_card_at_those_sizes_and_keep_the_rest_of_the_manifest(
    project, tmp_path
):
    loaded, tables, theme = project(social_outline(CARDS))
    out = tmp_path / "out"
    build_cards(loaded, tables, theme, out)
    before = {p.name for p in out.iterdir()} - {"cards.json"}
    # Every card at og, though only one asks for it; each in its own format.
    only = build_cards(loaded, tables, theme, out, presets=["og"])
    assert [r.path.name for r in only] == ["china-og.png", "ranking-og.jpg", "quote-og.webp"]
    assert {r.size for r in only} == {(1200, 630)}
    manifest = json.loads((out / "cards.json").read_text())
    assert sorted(e["file"] for e in manifest["cards"]) == sorted(
        before | {"ranking-og.jpg", "quote-og.webp"}
    )
    # A size no card asks for, and a custom one.
    story = build_cards(loaded, tables, theme, out, presets=["story", "1500x1500"])
    assert [r.path.name for r in story] == [
        f"{name}-{size}.{ext}"
        for name, ext in (("china", "png"), ("ranking", "jpg"), ("quote", "webp"))
        for size in ("story", "1500x1500")
    ]
    assert {r.size for r in story} == {(1080, 1920), (1500, 1500)}
    with pytest.raises(DeckgenError, match="--preset: unknown preset 'storyy'") as info:
        build_cards(loaded, tables, theme, out, presets=["storyy"])
    assert "did you mean 'story'" in str(info.value)
    with pytest.raises(DeckgenError, match="--preset: custom size '100x5000' is out of range"):
        build_cards(loaded, tables, theme, out, presets=["100x5000"])
    # A long-form size suits only long-form cards (infographics), which this outline has not.
    with pytest.raises(DeckgenError, match="no card of the outline can be drawn at 'long'"):
        build_cards(loaded, tables, theme, out, presets=["long"])


def test_a_full_run_removes_cards_the_outline_no_longer_has(project, tmp_path, corporate):
    loaded, tables, theme = project(social_outline(CARDS))
    out = tmp_path / "out"
    build_cards(loaded, tables, theme, out)
    (out / "notes.txt").write_text("mine")
    loaded2, tables2, _ = project(social_outline(CARDS.split("- kind: chart")[0]))
    build_cards(loaded2, tables2, theme, out)
    assert sorted(p.name for p in out.iterdir()) == ["cards.json", "china-ig-square.png",
                                                     "china-og.png", "notes.txt"]  # fmt: skip


def test_an_outline_that_no_longer_shares_anything_removes_its_cards(project, tmp_path):
    from tests.helpers import HEADER
    from tests.kinds.cards.conftest import SLIDES

    loaded, tables, theme = project(social_outline(CARDS))
    out = tmp_path / "out"
    build_cards(loaded, tables, theme, out)
    (out / "notes.txt").write_text("mine")
    loaded2, tables2, _ = project(HEADER + SLIDES)
    assert build_cards(loaded2, tables2, theme, out) == []
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt"]


def test_an_outline_without_cards_writes_nothing(project, tmp_path):
    from tests.helpers import HEADER
    from tests.kinds.cards.conftest import SLIDES

    loaded, tables, theme = project(HEADER + SLIDES)
    assert build_cards(loaded, tables, theme, tmp_path / "out") == []
    assert not (tmp_path / "out").exists()


def _card_with_logo(project, tmp_path, size: tuple[int, int]):
    """The first card of the cards outline, in the corporate theme with a green logo of
    ``size`` pixels."""
    from deckgen.plan.cards import plan_cards
    from tests.helpers import REPO, load_theme

    folder = tmp_path / "branded"
    folder.mkdir()
    text = (REPO / "themes" / "corporate" / "theme.yaml").read_text(encoding="utf-8")
    (folder / "theme.yaml").write_text(text + "\nlogo: logo.png\n", encoding="utf-8")
    Image.new("RGB", size, "#00A050").save(folder / "logo.png")
    loaded, tables, _ = project(social_outline(CARDS.split("- kind: chart")[0]))
    return plan_cards(loaded, tables, load_theme(str(folder)))[0]


def test_a_theme_logo_replaces_the_wordmark(project, tmp_path):
    card = _card_with_logo(project, tmp_path, (300, 100))
    logo = card.job.footer.logo
    assert card.job.footer.wordmark is None and logo is not None
    assert card.job.frame.safe.contains(logo.box) and logo.box.width.px == 3 * logo.box.height.px
    image = card.job.draw()
    centre = (logo.box.left.px + logo.box.width.px // 2, logo.box.top.px + logo.box.height.px // 2)
    assert image.getpixel(centre) == (0, 160, 80)


def test_a_logo_far_taller_than_wide_is_drawn_a_pixel_wide_at_least(project, tmp_path):
    """A 10 x 4000 px logo rounded to 0 px wide and stopped every card (found by fuzzing)."""
    card = _card_with_logo(project, tmp_path, (10, 4000))
    box = card.job.footer.logo.box
    assert box.width.px >= 1 and box.height.px >= 1
    assert card.job.draw().size == (card.job.frame.width, card.job.frame.height)


def test_section_wordmark_and_hashtags(project, tmp_path):
    loaded, tables, theme = project(
        social_outline(
            CARDS.split("- kind: chart")[0],
            section="wordmark: Alliance comms\nhashtags: ['#cars', '#data']\nformat: webp",
        )
    )
    from deckgen.plan.cards import plan_cards

    cards = plan_cards(loaded, tables, theme)
    assert all(c.job.footer.wordmark.lines == ("Alliance comms",) for c in cards)
    assert all(c.caption.endswith("#cars #data") and c.format == "webp" for c in cards)


def test_a_wordmark_that_does_not_fit_is_named_where_it_is_written(project, tmp_path):
    """It was named at each card, under a field no card has (social.cards[0].wordmark),
    found by fuzzing."""
    from deckgen.errors import DeckgenError
    from deckgen.plan.cards import plan_cards

    loaded, tables, theme = project(
        social_outline(CARDS.split("- kind: chart")[0], section="wordmark: " + "W" * 60)
    )
    with pytest.raises(DeckgenError) as caught:
        plan_cards(loaded, tables, theme)
    fields = {p.location.field for p in caught.value.problems if "the wordmark" in p.message}
    assert fields == {"social.wordmark"}


def test_worker_processes_give_the_same_bytes(project, tmp_path):
    loaded, tables, theme = project(social_outline(CARDS.split("- kind: chart")[0]))
    one = build_cards(loaded, tables, theme, tmp_path / "one")
    two = build_cards(loaded, tables, theme, tmp_path / "two", workers=2)
    assert [r.path.read_bytes() for r in one] == [r.path.read_bytes() for r in two]


def test_the_social_command_says_what_its_cards_leave_out_as_a_build_does(tmp_path):
    """`deckgen social` printed none of the cards' warnings a build prints: a title's value
    (2023's 114) left off an x-post card went out in silence (found by fuzzing)."""
    from deckgen.pipeline import BuildOptions, build, social

    path = _years_project(tmp_path, "x-post")
    built = [w for w in build(path, BuildOptions(out_dir=tmp_path / "b", workers=1)).warnings
             if w.startswith("card ")]  # fmt: skip
    said = social(path, BuildOptions(out_dir=tmp_path / "s", workers=1)).warnings
    assert built and all(w in said for w in built)
    assert "leaves out 2023, whose value the title states ('114')" in built[0]


def test_a_column_card_leaving_out_a_stated_year_names_no_taller_preset(tmp_path):
    """Columns take a card's width: every 'taller preset' the warning named (ig-square to
    story) left 2023 out too (found by fuzzing). A taller card is named only where it
    has room for more rows."""
    from deckgen.pipeline import BuildOptions, build

    path = _years_project(tmp_path, "x-post, ig-square")
    warnings = [w for w in build(path, BuildOptions(out_dir=tmp_path / "b", workers=1)).warnings
                if "leaves out 2023" in w]  # fmt: skip
    assert warnings
    assert all("taller preset does not add" in w and "choose a taller" not in w
               for w in warnings)  # fmt: skip


def _years_project(tmp_path, share: str):
    """A project of one column chart of 34 years whose title states 2023's value, shared
    as the cards ``share`` lists (a YAML flow list's items)."""
    from tests.helpers import write_project

    years = "year,value\n" + "".join(
        f"{y},{(y - 1985) * 3 + (7 if y == 2005 else 0)}\n" for y in range(1990, 2024)
    )
    outline = f"""\
deck: {{title: Y, theme: corporate, organisation: O}}
data:
  y: {{file: y.csv}}
slides:
  - kind: chart
    title: "Output peaked at 67 in 2005 and reached 114 in 2023"
    source: Office
    chart: {{type: bar, data: y, x: year, y: value, highlight: "2005"}}
    share: [{share}]
"""
    return write_project(tmp_path / "p", outline, {"y.csv": years})
