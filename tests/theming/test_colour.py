"""Theme colours meet their contrast in every theme; the derived chart palette is on
brand, 3:1 on the background and colour-blind safe; every chart type's marks keep 3:1."""

from __future__ import annotations

from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deckgen.theming.colour import (
    AWAY_FROM_HIGHLIGHT,
    CVD,
    DISTINGUISHABLE,
    HUE_GAP,
    LIGHTNESS,
    MARK,
    TEXT,
    contrast,
    derive_categorical,
    legible,
    mix,
    rgb,
)
from tests.helpers import load_theme

THEMES = ("corporate", "dark", "contrast", "corporate-template")
colours = st.from_regex(r"#[0-9A-F]{6}", fullmatch=True)


@given(colours, colours, st.sampled_from([MARK, TEXT]))
def test_legible_meets_the_ratio_and_leaves_a_good_colour_alone(colour, against, ratio):
    fixed = legible(colour, against, ratio)
    assert contrast(fixed, against) >= ratio - 1e-9
    if contrast(colour, against) >= ratio:
        assert fixed == colour


@given(colours, colours)
def test_mix_runs_from_one_colour_to_the_other(a, b):
    assert mix(a, b, 0) == a and mix(a, b, 1) == b


def _cvd_distance(a: str, b: str) -> float:
    from colorspacious import cspace_convert, deltaE

    worst = float(deltaE(rgb(a), rgb(b), input_space="sRGB1"))
    for cvd in CVD:
        space = {"name": "sRGB1+CVD", "cvd_type": cvd, "severity": 100}
        seen = [cspace_convert(rgb(c), space, "sRGB1").clip(0, 1) for c in (a, b)]
        worst = min(worst, float(deltaE(*seen, input_space="sRGB1")))
    return worst


@settings(deadline=None, max_examples=30)  # each derivation simulates 3 deficiencies
@given(colours, colours, st.sampled_from(["#FFFFFF", "#15191F", "#F4F1EA", "#000000"]))
def test_a_derived_palette_starts_with_the_brand_and_keeps_3_to_1(primary, highlight, ground):
    palette = derive_categorical(primary, highlight, ground)
    assert palette[0] == legible(primary, ground, MARK)
    assert len(set(palette)) == len(palette) >= 3
    assert all(contrast(c, ground) >= MARK - 1e-9 for c in palette)


def _lightness(colour: str) -> float:
    from colorspacious import cspace_convert

    return float(cspace_convert(rgb(colour), "sRGB1", "CIELab")[0])


def _hue_apart(a: str, b: str) -> float:
    import colorsys

    ha, hb = (colorsys.rgb_to_hls(*rgb(c))[0] for c in (a, b))
    return min(abs(ha - hb), 1 - abs(ha - hb)) * 360


@settings(deadline=None, max_examples=30)
@given(colours, colours, st.sampled_from(["#FFFFFF", "#15191F", "#F4F1EA", "#000000"]))
def test_a_derived_colour_is_neither_near_black_nor_near_white_nor_the_highlights_hue(
    primary, highlight, ground
):
    import colorsys

    for colour in derive_categorical(primary, highlight, ground)[1:]:
        assert LIGHTNESS[0] - 0.5 <= _lightness(colour) <= LIGHTNESS[1] + 0.5, colour
        if colorsys.rgb_to_hls(*rgb(highlight))[2] >= 0.15:
            # 7.5 degrees: half the step between hues tried, which rounding to #RRGGBB
            # can move a colour's hue by at most for these saturations.
            assert _hue_apart(colour, highlight) >= AWAY_FROM_HIGHLIGHT - 7.5, colour


def test_five_series_in_the_corporate_theme_are_five_hues_not_two_navies():
    """The regression: tints and shades of the primary's neighbours alone gave the
    corporate theme a near-black navy (#0A0D33) beside its navy primary, so China and South
    Korea on the stacked production chart read as one colour."""
    c = load_theme("corporate").theme.colors
    five = c.categorical[:5]
    assert all(_lightness(x) >= LIGHTNESS[0] - 0.5 for x in five[1:])
    for a, b in combinations(five, 2):
        assert _cvd_distance(a, b) >= 1.3 * DISTINGUISHABLE, (a, b)


def _hue(colour: str) -> float:
    """The hue (degrees) as seen without a deficiency, in CAM02-UCS."""
    import math

    from colorspacious import cspace_convert

    _, a, b = cspace_convert(rgb(colour), "sRGB1", "CAM02-UCS")
    return math.degrees(math.atan2(b, a)) % 360


def _closest_hues(palette: tuple[str, ...] | list[str]) -> float:
    apart = [abs(_hue(a) - _hue(b)) for a, b in combinations(palette, 2)]
    return min(min(d, 360 - d) for d in apart)


#: Brands (primary, highlight, background): the shipped themes' and five others.
BRANDS = [("#12355B", "#C8102E", "#FFFFFF"), ("#2A9D8F", "#F4A261", "#15191F"),
          ("#1B7F3B", "#E4572E", "#FFFFFF"), ("#5B2A86", "#F2B705", "#FFFFFF"),
          ("#005A9C", "#FF8C00", "#FFFFFF"), ("#555555", "#0077CC", "#FFFFFF"),
          ("#743121", "#064C64", "#15191F")]  # fmt: skip


@pytest.mark.parametrize(("primary", "highlight", "ground"), BRANDS)
def test_a_derived_palette_gives_each_series_a_hue_of_its_own(primary, highlight, ground):
    """The regression: the corporate theme's stacked chart drew USA in lavender and India
    in violet, and two teals came fifth and sixth (each pair far apart in lightness, so
    every colour-blind simulation passed, yet one hue family to most readers)."""
    palette = derive_categorical(primary, highlight, ground)
    assert _closest_hues(palette[:4]) >= HUE_GAP - 0.5, palette
    assert _closest_hues(palette[:5]) >= HUE_GAP / 2, palette


@pytest.mark.parametrize("name", THEMES)
def test_every_shipped_theme_meets_its_contrast(name):
    c = load_theme(name).theme.colors
    on_grounds = ("background", "surface")
    pairs = (("text", on_grounds), ("muted", on_grounds), ("on_primary", ("primary",)),
             ("highlight_ink", on_grounds))  # fmt: skip
    for text, grounds in pairs:
        for ground in grounds:
            assert contrast(getattr(c, text), getattr(c, ground)) >= TEXT, (text, ground)
    for mark in ("primary", "highlight", "neutral", *c.categorical):
        colour = getattr(c, mark, mark)
        assert contrast(colour, c.background) >= MARK, mark


@pytest.mark.parametrize("name", ["corporate", "dark", "corporate-template"])
def test_derived_palettes_of_the_shipped_themes_stay_apart_for_colour_blind_readers(name):
    c = load_theme(name).theme.colors
    for a, b in combinations([*c.categorical, c.highlight], 2):
        assert _cvd_distance(a, b) >= DISTINGUISHABLE, (a, b)


def test_a_theme_colour_under_its_ratio_is_moved_and_the_move_is_recorded():
    from deckgen.theming.model import Palette

    palette = Palette(background="#FFFFFF", surface="#F2F4F7", text="#1B2430",
                      muted="#B0B0B0", primary="#12355B", on_primary="#FFFFFF",
                      highlight="#C8102E", neutral="#E4E7EB", grid="#DDE2E8")  # fmt: skip
    assert contrast(palette.muted, "#FFFFFF") >= TEXT and "muted" in palette.adjusted
    assert contrast(palette.neutral, "#FFFFFF") >= MARK and "neutral" in palette.adjusted
    assert "#E4E7EB -> " in palette.adjusted["neutral"]


@given(st.from_regex(r"#[0-9A-F]{6}", fullmatch=True), st.from_regex(r"#[0-9A-F]{6}",
       fullmatch=True), st.from_regex(r"#[0-9A-F]{6}", fullmatch=True))  # fmt: skip
@settings(max_examples=60, deadline=None)
def test_a_moved_colour_meets_its_ratio_on_every_ground_or_the_theme_is_refused(bg, surface, text):
    """A grey moved for a dark surface after it was moved for a white background was said
    to be 4.5:1 on both, and was 3.5:1 on the white (found by fuzzing)."""
    from pydantic import ValidationError

    from deckgen.theming.model import Palette

    try:
        palette = Palette(background=bg, surface=surface, text=text, muted=text,
                          primary="#12355B", on_primary="#FFFFFF", highlight="#C8102E",
                          neutral="#8C95A3", grid="#DDE2E8")  # fmt: skip
    except ValidationError as exc:
        assert "reads at 4.5:1 on both the background" in str(exc)
        return
    for ground in (palette.background, palette.surface):
        assert contrast(palette.text, ground) >= TEXT
        assert contrast(palette.muted, ground) >= TEXT


@pytest.mark.parametrize(
    ("name", "colour", "highlight"),
    [("primary", "#12355B", "#12355B"), ("neutral", "#8C95A3", "#8C95A3"),
     ("primary", "#15385E", "#12355B")],
)  # fmt: skip
def test_a_highlight_that_passes_for_the_primary_or_the_neutral_is_refused(name, colour, highlight):
    """A highlight equal to the primary drew a grouped chart's highlighted group, and a
    map's highlighted state, like the rest, without a word (fuzzing); one equal to the
    neutral, every context bar as highlighted. A near twin (#15385E) is refused too."""
    from pydantic import ValidationError

    from deckgen.theming.model import Palette

    colours = dict(
        background="#FFFFFF",
        surface="#F2F4F7",
        text="#1B2430",
        muted="#5A6474",
        primary="#12355B",
        on_primary="#FFFFFF",
        neutral="#8C95A3",
        grid="#DDE2E8",
    )
    colours[name] = colour
    with pytest.raises(ValidationError) as caught:
        Palette(**colours, highlight=highlight)
    assert f"the highlight {highlight} passes for the {name} colour {colour}" in str(caught.value)
    assert Palette(**colours, highlight="#C8102E").highlight == "#C8102E"


def test_a_dark_surface_on_a_white_background_is_refused_for_its_text():
    from pydantic import ValidationError

    from deckgen.theming.model import Palette

    with pytest.raises(ValidationError) as caught:
        Palette(background="#FFFFFF", surface="#1B2430", text="#1B2430", muted="#5A6474",
                primary="#12355B", on_primary="#FFFFFF", highlight="#C8102E",
                neutral="#8C95A3", grid="#DDE2E8")  # fmt: skip
    said = ("no text colour reads at 4.5:1 on both the background (#FFFFFF) and the surface "
            "(#1B2430): one is light and the other dark, 15.7:1 apart")  # fmt: skip
    assert said in str(caught.value)  # not 'only 15.7:1 apart', as if too near (fuzzing)


def test_text_in_the_accent_reads_where_the_accent_is_only_a_mark_colour():
    """A brand orange at 3:1 on white is a fine bar and too pale for a stat's value: text
    in the accent is drawn in the orange darkened to 4.5:1 on the background and the
    surface, and no warning is given (the theme asked for nothing that was moved). A
    ``highlight_text`` the theme sets is held to 4.5:1 like any text colour."""
    from deckgen.theming.model import Palette

    colours = dict(background="#FFFFFF", surface="#EEF3F5", text="#1D2733", muted="#5B6673",
                   primary="#0E4D64", on_primary="#FFFFFF", highlight="#E07A1F",
                   neutral="#8A969F", grid="#D5DEE3")  # fmt: skip
    palette = Palette(**colours)
    assert palette.highlight == "#E07A1F"  # the mark keeps the brand's colour
    assert contrast(palette.highlight, "#FFFFFF") < TEXT
    for ground in ("#FFFFFF", "#EEF3F5"):
        assert contrast(palette.highlight_ink, ground) >= TEXT
    assert rgb(palette.highlight_ink)[0] > rgb(palette.highlight_ink)[2]  # still an orange
    assert not palette.adjusted
    pale = Palette(**colours, highlight_text="#F4A261")
    assert contrast(pale.highlight_ink, "#EEF3F5") >= TEXT
    assert "highlight_text" in pale.adjusted
    assert Palette(**{**colours, "highlight": "#C8102E"}).highlight_ink == "#C8102E"


@pytest.mark.parametrize("name", THEMES)
def test_text_in_the_accent_meets_4_5_to_1_at_any_size_in_every_shipped_theme(name):
    """Text in the accent, a 96 pt stat value as much as a 12 pt label, keeps 4.5:1 on the
    background and the surface: WCAG's 3:1 for large text let the template theme's brand
    orange (3.0:1 on white) write '250,000' (design review)."""
    c = load_theme(name).theme.colors
    for ground in (c.background, c.surface):
        assert contrast(c.highlight_ink, ground) >= TEXT, ground
    # A highlight that reads as text on both is the text's too: one accent.
    if all(contrast(c.highlight, g) >= TEXT for g in (c.background, c.surface)):
        assert c.highlight_ink == c.highlight


@pytest.mark.parametrize("theme", THEMES)
def test_every_chart_types_marks_keep_3_to_1_in_every_theme(theme):
    from tests.render.test_charts import CASES, _job

    for case in CASES:
        job = _job(case, "corporate")
        job = type(job)(job.spec, job.data, load_theme(theme), job.canvas, title=job.title)
        background = job.theme.theme.colors.background
        faint = [m for m in job.spec.mark_colors(job) if contrast(m, background) < MARK]
        assert not faint, (case, faint)


def test_text_on_the_primary_is_settled_against_the_primary_as_it_ends_up():
    """A white primary on a white page moves to a grey for 3:1; the text on it is then held
    to 4.5:1 against that grey, not against the white it was (1.5:1 on the title slide)."""
    from deckgen.theming.model import Palette

    palette = Palette(background="#FFFFFF", surface="#F2F4F7", text="#1B2430",
                      muted="#5A6474", primary="#FFFFFF", on_primary="#FFFFFF",
                      highlight="#C8102E", neutral="#9AA5B4", grid="#DDE2E8")  # fmt: skip
    assert contrast(palette.primary, palette.background) >= MARK
    assert contrast(palette.on_primary, palette.primary) >= TEXT
    assert {"primary", "on_primary"} <= set(palette.adjusted)


@pytest.mark.parametrize("name", ["increase", "decrease"])
def test_a_rise_or_fall_colour_that_passes_for_the_highlight_is_replaced_and_said(name):
    """decrease: '#C8102E', the highlight's own red: a waterfall drew its falls in purple
    without a word, and an arrow plot's falls as highlighted (found by fuzzing)."""
    from deckgen.theming.model import Palette

    palette = Palette(background="#FFFFFF", surface="#F2F4F7", text="#1B2430",
                      muted="#5A6474", primary="#12355B", on_primary="#FFFFFF",
                      highlight="#C8102E", neutral="#8C95A3", grid="#DDE2E8",
                      **{name: "#C8102E"})  # fmt: skip
    drawn = getattr(palette, name)
    assert drawn != "#C8102E" and contrast(drawn, palette.background) >= MARK
    change = palette.adjusted[name]
    assert change == (f"away from the highlight, #C8102E -> {drawn} (it passes for it: "
                      f"{'a rise' if name == 'increase' else 'a fall'} would read as "
                      "highlighted)")  # fmt: skip
    # a colour of its own is kept, and nothing is said
    own = Palette(background="#FFFFFF", surface="#F2F4F7", text="#1B2430", muted="#5A6474",
                  primary="#12355B", on_primary="#FFFFFF", highlight="#C8102E",
                  neutral="#8C95A3", grid="#DDE2E8", decrease="#0072B2")  # fmt: skip
    assert own.decrease == "#0072B2" and "decrease" not in own.adjusted


def test_a_theme_listing_fewer_chart_colours_gets_the_rest_derived_not_repeated():
    """Three brand colours drew a five-series stack with China and India in one red and
    the USA and South Korea in one blue (found by fuzzing): the rest are derived, each
    apart from the brand's three, and listed for ``deckgen check`` (A11Y007)."""
    from deckgen.theming.colour import LONGEST
    from deckgen.theming.model import Palette

    given = ["#C8102E", "#0072B2", "#C68900"]
    palette = Palette(background="#FFFFFF", surface="#F2F4F7", text="#1B2430",
                      muted="#5A6474", primary="#12355B", on_primary="#FFFFFF",
                      highlight="#C8102E", neutral="#8C95A3", grid="#DDE2E8",
                      categorical=given)  # fmt: skip
    assert palette.categorical[:3] == given
    assert len(set(palette.categorical)) == len(palette.categorical) >= 6
    assert palette.added == palette.categorical[3:]
    for added in palette.added:
        assert all(_cvd_distance(added, c) >= DISTINGUISHABLE for c in given), added
    # Six are completed too (a seventh series took the first one's colour); a full list
    # (twelve) is the theme's own: nothing added.
    six = [*given, "#009E73", "#6A3D9A", "#CC79A7"]
    rest = {
        k: v
        for k, v in palette.model_dump().items()
        if k not in ("categorical", "highlight_text", "increase", "decrease")
    }
    assert Palette(**rest, categorical=six).categorical[:6] == six
    completed = Palette(**rest, categorical=six).categorical
    assert len(set(completed)) == len(completed) > 6
    full = [*completed, *["#333333"] * (LONGEST - len(completed))]
    assert Palette(**rest, categorical=full).added == []


@pytest.mark.parametrize("name", THEMES)
def test_the_change_colours_never_pass_for_the_highlight(name):
    """The corporate-template theme's decrease (vermillion #D45D00) was almost its orange
    highlight (#E07A1F): every falling row of an arrow plot looked highlighted (found by
    review). A rise or a fall is told from the accent by every reader, and from each
    other, and keeps 3:1."""
    from deckgen.theming.colour import FROM_ACCENT, apart, seen_apart

    colors = load_theme(name).theme.colors
    assert colors.increase and colors.decrease
    for change in (colors.increase, colors.decrease):
        assert apart(change, colors.highlight) >= FROM_ACCENT, (change, colors.highlight)
        assert seen_apart(change, colors.highlight) >= DISTINGUISHABLE
        assert contrast(change, colors.background) >= MARK
    assert seen_apart(colors.increase, colors.decrease) >= DISTINGUISHABLE


def test_the_usual_change_colours_stay_where_they_are_apart_from_the_accent():
    """Okabe-Ito's bluish green and vermillion unless the highlight is too like one; a
    colour the theme gives is its own."""
    from deckgen.theming.colour import direction_pair

    assert direction_pair("#0047BB", "#FFFFFF") == ("#009E73", "#D55E00")  # contrast's blue
    up, down = direction_pair("#E07A1F", "#FFFFFF")  # an orange accent
    assert up == "#009E73" and down not in ("#D55E00", "#D45D00")
    up, down = direction_pair("#009E73", "#FFFFFF")  # a green accent
    assert up != "#009E73" and down == "#D55E00"
    assert direction_pair("#E07A1F", "#FFFFFF", decrease="#D55E00")[1] == "#D55E00"


@pytest.mark.parametrize(("highlight", "background"), [
    ("#F4A261", "#15191F"),  # the dark theme's amber
    ("#C8102E", "#FFFFFF"),  # the corporate theme's crimson
])  # fmt: skip
def test_a_change_colour_of_the_highlights_hue_passes_for_it(highlight: str, background: str):
    """Vermillion is 21 from the dark theme's amber (over :data:`FROM_ACCENT`) yet of its
    hue: an arrow plot's falls read as six highlighted rows (design review). Beside a
    crimson, a 4.5:1 vermillion (an arrow plot's change text) is 4.9 from it for a
    colour-blind reader. A change colour, as a mark and as text, keeps off the highlight's
    hue as a derived chart colour does."""
    from deckgen.theming.colour import TEXT, direction_pair, like_accent

    assert like_accent("#D55E00", highlight)
    up, down = direction_pair(highlight, background)
    assert "#D55E00" not in (up, down)
    for change in (up, down):
        for shown in (change, legible(change, background, TEXT)):
            assert not like_accent(shown, highlight), (shown, highlight)


@given(st.lists(st.tuples(st.floats(0, 1.5), st.floats(0, 1), st.floats(0, 1)),
                min_size=1, max_size=50))  # fmt: skip
def test_the_array_hls_to_rgb_gives_colorsys_s_floats(triples):
    # The chart colours are picked from a grid of colours computed as arrays (80 ms a
    # theme one by one): the same floats, so the same colours, as colorsys gives.
    import colorsys

    import numpy as np

    from deckgen.theming.colour import _hls_to_rgb

    h, light, s = (np.array(axis) for axis in zip(*triples, strict=True))
    got = _hls_to_rgb(h, light, s)
    assert got.tolist() == [list(colorsys.hls_to_rgb(*t)) for t in triples]


@pytest.mark.parametrize(
    ("fills", "text", "background"),
    [
        # corporate's greys, the third midway: white 3.8:1 and navy 4.1:1 on it
        (("#C8102E", "#8C95A3", "#68717E", "#7A8391", "#5A6370"), "#1B2430", "#FFFFFF"),
        # dark's: its background colour 4.2:1 and its text 3.7:1 on the third
        (("#F4A261", "#5C6777", "#8B939F", "#737D8B", "#9CA4AE"), "#EEF1F5", "#15191F"),
    ],
)
def test_fills_that_carry_text_take_one_the_themes_text_or_background_reads_on(
    fills, text, background
):
    """A value on a grey midway between the theme's two colours was written in black, a
    colour of neither theme (found by review): the grey moves the least way that makes
    one of them read at 4.5:1, still 3:1 on the page and apart from the fills it touches;
    the fills that read already stay as they are."""
    from deckgen.theming.colour import DISTINGUISHABLE, apart, holds, text_fills, text_on

    out = text_fills(fills, text, background)
    assert [a for a, b in zip(fills, out, strict=True) if a != b] == [fills[3]]
    assert holds(out[3], text, TEXT) or holds(out[3], background, TEXT)  # a code to spare
    for fill in out:
        assert max(contrast(text, fill), contrast(background, fill)) >= TEXT
        assert text_on(fill, text, background) in {text, background}
        assert contrast(fill, background) >= MARK
    assert min(apart(out[3], out[2]), apart(out[3], out[4])) >= DISTINGUISHABLE


def test_a_derived_mark_keeps_its_ratio_as_the_rendered_page_dithers_it():
    """A context grey mixed towards a charcoal ground and brought back to 3.0:1 is drawn a
    code or two darker in places on the rendered page (LibreOffice dithers a picture's
    flat fills): the dark theme's #60656D measured 2.95:1 (review). With ``spare`` it keeps
    3:1 with every channel :data:`DRIFT` codes nearer the ground; a colour that already
    does is left alone."""
    from deckgen.theming.colour import DRIFT, holds

    ground = "#1B1E26"
    faint = mix("#646B78", ground, 0.58)
    bare = legible(faint, ground, MARK)
    assert contrast(bare, ground) >= MARK
    assert not holds(bare, ground, MARK, DRIFT)  # 3.02:1, under 3 two codes darker
    fixed = legible(faint, ground, MARK, spare=True)
    dithered = "#" + "".join(f"{c - DRIFT:02X}" for c in bytes.fromhex(fixed[1:]))
    assert contrast(dithered, ground) >= MARK
    assert legible(fixed, ground, MARK, spare=True) == fixed
    # One code to spare, as before, where a caller asks for no more.
    assert holds("#7B97B9", "#FFFFFF", MARK) is holds("#7B97B9", "#FFFFFF", MARK, 1)


def test_a_derived_palette_is_the_one_picked_from_colours_written_out_one_by_one() -> None:
    """The candidates stay channel codes from the grid to the pick (written out as
    '#RRGGBB' and read back, they took 15 ms of every theme's loading): the same colours,
    in the same order, as picked when they were written out (these two, then)."""
    assert derive_categorical("#12355B", "#C8102E", "#FFFFFF") == (
        "#12355B", "#AC71E3", "#419985", "#989941", "#146616", "#6034D7", "#557880",
        "#951D93", "#796951", "#8D92B3", "#434D64", "#9D5DA8")  # fmt: skip
    assert derive_categorical("#12355B", "#C8102E", "#111827", given=("#12355B", "#E69F00")) == (
        "#12355B", "#E69F00", "#71E1E3", "#A05DDF", "#B5D398", "#41996F", "#9594B8",
        "#934F91", "#E0D860", "#9BB3BC", "#4C7269", "#BC8025")  # fmt: skip
