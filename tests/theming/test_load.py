import shutil
from pathlib import Path

import pytest

from deckgen.errors import ThemeError
from deckgen.theming.load import available
from tests.helpers import load_theme

SHIPPED = ("corporate", "dark", "contrast")


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_themes_load_with_real_font_files(name):
    theme = load_theme(name)
    assert theme.theme.name == name
    for files in (theme.heading, theme.body, theme.number):
        assert files.regular.is_file() and files.bold.is_file()


def test_shipped_themes_look_clearly_different():
    themes = [load_theme(n).theme for n in SHIPPED]
    assert len({t.colors.background for t in themes}) >= 2
    assert len({t.colors.highlight for t in themes}) == 3
    assert len({t.fonts.body.family for t in themes}) == 3


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("name", SHIPPED)
def test_text_colours_pass_wcag_aa(name):
    c = load_theme(name).theme.colors
    assert contrast(c.text, c.background) >= 4.5
    assert contrast(c.text, c.surface) >= 4.5
    assert contrast(c.muted, c.background) >= 4.5
    assert contrast(c.on_primary, c.primary) >= 4.5
    # The highlight is used for text (table rows, stat values) and for bars.
    assert contrast(c.highlight, c.background) >= 3.0


def test_contrast_theme_reaches_aaa_for_body_text():
    c = load_theme("contrast").theme.colors
    assert contrast(c.text, c.background) >= 7
    assert contrast(c.highlight, c.background) >= 7


def test_unknown_theme_suggests_the_nearest():
    with pytest.raises(ThemeError, match="did you mean 'corporate'"):
        load_theme("corprate")


@pytest.mark.parametrize("name", ["themes/brand/theme.yaml", "", "/dev/null", "../../etc"])
def test_a_theme_named_by_a_path_or_nothing_is_told_to_name_its_folder(name):
    """The hints read 'themes/themes/brand/theme.yaml/', 'themes//' and 'themes//dev/null/'
    (found by fuzzing)."""
    with pytest.raises(ThemeError) as info:
        load_theme(name)
    message = info.value.format_message()
    assert "a theme is named by its folder: by its name for one in themes/" in message
    assert "or by the path of a folder holding theme.yaml" in message
    assert "themes//" not in message and "theme.yaml/" not in message
    assert ("theme: brand" if name.endswith(".yaml") else "theme: corporate") in message


def test_a_path_one_letter_off_a_theme_folder_is_told_its_path(tmp_path: Path):
    """'theme: themes/corporat' was told a theme is not named by a path, which the README
    says it may be (found by a hostile-input review)."""
    shutil.copytree(Path(__file__).parents[2] / "themes" / "corporate",
                    tmp_path / "themes" / "corporate")  # fmt: skip
    with pytest.raises(ThemeError) as info:
        load_theme(str(tmp_path / "themes" / "corporat"))
    assert info.value.problems[0].hint.startswith(
        f"did you mean '{(tmp_path / 'themes' / 'corporate').as_posix()}'?; a theme is named "
        "by its folder"
    )


def test_many_themes_are_listed_twelve_then_counted(tmp_path: Path):
    # 'theme: Corporate' beside 15 project themes listed all 19 (found by fuzzing).
    for k in range(15):
        (tmp_path / "themes" / f"brand{k:02}").mkdir(parents=True)
        (tmp_path / "themes" / f"brand{k:02}" / "theme.yaml").write_text("")
    with pytest.raises(ThemeError) as info:
        load_theme("Corporate", tmp_path)
    message = info.value.format_message()
    assert "'brand11' and 7 more" in message and "'brand12'" not in message
    assert "did you mean 'corporate'?" in message


def test_an_empty_theme_file_or_a_folder_named_theme_yaml_says_what_to_write(tmp_path: Path):
    """An empty theme.yaml read 'expected a mapping' with no line and no hint; a folder
    named theme.yaml was told about FIFOs (found by fuzzing)."""
    (tmp_path / "themes" / "empty").mkdir(parents=True)
    (tmp_path / "themes" / "empty" / "theme.yaml").write_text("")
    with pytest.raises(ThemeError) as info:
        load_theme("empty", tmp_path)
    (problem,) = info.value.problems
    assert problem.location is not None and problem.location.line == 1
    assert problem.message == "expected a mapping of theme settings, found an empty file"
    assert problem.hint is not None and "'key: value' lines" in problem.hint
    (tmp_path / "themes" / "folder" / "theme.yaml").mkdir(parents=True)
    with pytest.raises(ThemeError) as info:
        load_theme("folder", tmp_path)
    (problem,) = info.value.problems
    assert problem.message == "the theme is not a regular file but a folder"
    assert problem.hint == ("the theme is a file named theme.yaml: rename the folder "
                            "theme.yaml/ and write the file in its place")  # fmt: skip


def test_a_project_theme_folder_is_found_and_validated(tmp_path: Path):
    folder = tmp_path / "themes" / "brand"
    folder.mkdir(parents=True)
    text = (Path(__file__).parents[2] / "themes" / "corporate" / "theme.yaml").read_text()
    (folder / "theme.yaml").write_text(text.replace('highlight: "#C8102E"', 'highlight: "red"'))
    assert "brand" in available(tmp_path)
    with pytest.raises(ThemeError, match=r"colors.highlight.*expected a colour like"):
        load_theme("brand", tmp_path)


def test_a_project_copy_of_a_theme_with_no_theme_yaml_is_not_passed_over(tmp_path: Path):
    """A project's themes/corporate/ whose file was renamed theme.yml was passed over for the
    shipped corporate theme, every edit to it ignored without a word (found by a hostile-input
    review). With theme.yaml there, the copy is the theme."""
    folder = tmp_path / "themes" / "corporate"
    folder.mkdir(parents=True)
    text = (Path(__file__).parents[2] / "themes" / "corporate" / "theme.yaml").read_text()
    (folder / "theme.yml").write_text(text)
    with pytest.raises(ThemeError) as raised:
        load_theme("corporate", tmp_path)
    problem = raised.value.problems[0]
    assert problem.message.startswith(
        f"theme 'corporate': the folder {folder} is looked in first and has no theme.yaml "
        "(it holds 'theme.yml')"
    )
    assert problem.hint.startswith("name its settings file theme.yaml")
    (folder / "theme.yml").rename(folder / "theme.yaml")
    assert (
        load_theme("corporate", tmp_path).theme.path("theme.yaml")
        == folder.resolve() / "theme.yaml"
    )


#: The 128-byte header of an EMF file that says it is 0 x 0: Pillow's reader divides by
#: zero on it.
EMPTY_EMF = bytes.fromhex(
    "010000006c00000000000000000000000000000000000000000000000000000000000000000000002045"
    "4d4600000000000000000000000000000000000000000000000000000000000000000000000000000000"
    "0000000000000000000000000000000000000000000000000e0000001400000000000000000000000000"
    "0000"
)


def test_a_logo_pillow_cannot_read_is_a_theme_error_not_an_internal_one(tmp_path: Path):
    """An EMF header of size 0 raised ZeroDivisionError inside Pillow (found by fuzzing)."""
    folder = tmp_path / "themes" / "brand"
    folder.mkdir(parents=True)
    text = (Path(__file__).parents[2] / "themes" / "corporate" / "theme.yaml").read_text()
    (folder / "theme.yaml").write_text(text + "\nlogo: logo.emf\n")
    (folder / "logo.emf").write_bytes(EMPTY_EMF)
    with pytest.raises(ThemeError, match=r"logo: the logo 'logo.emf' is damaged"):
        load_theme("brand", tmp_path)


def test_every_file_and_font_problem_of_a_theme_is_said_at_its_line_in_one_run(tmp_path: Path):
    """They came one a run, with no line (found by fuzzing)."""
    folder = tmp_path / "themes" / "brand"
    folder.mkdir(parents=True)
    text = (Path(__file__).parents[2] / "themes" / "corporate" / "theme.yaml").read_text()
    head, _, rest = text.partition("fonts:\n")
    fonts = ("fonts:\n  heading: {family: Lato}\n  body: {family: Nopeface}\n"
             "  number: {family: Brand, regular: fonts/Brand.ttf}\n")  # fmt: skip
    body = [line for line in rest.splitlines(keepends=True) if not line.startswith("  ")]
    (folder / "theme.yaml").write_text(head + fonts + "".join(body) + "logo: logo.png\n")
    with pytest.raises(ThemeError) as caught:
        load_theme("brand", tmp_path)
    said = {(p.location.field, p.location.line is not None) for p in caught.value.problems}
    assert said == {("fonts.body.family", True), ("fonts.number.regular", True), ("logo", True)}


def _brand_theme(tmp_path: Path, fonts: str) -> Path:
    """A project theme ``brand``: the corporate theme with ``fonts:`` replaced."""
    folder = tmp_path / "themes" / "brand"
    (folder / "fonts").mkdir(parents=True)
    text = (Path(__file__).parents[2] / "themes" / "corporate" / "theme.yaml").read_text()
    head, _, rest = text.partition("fonts:\n")
    tail = rest[rest.index("\n", rest.rindex("  number:")) + 1 :]
    (folder / "theme.yaml").write_text(f"{head}fonts:\n{fonts}{tail}")
    return folder


@pytest.mark.parametrize(
    "content",
    [b"\x00\x01\x00\x00garbage" * 8, b"", b"<html></html>"],
    ids=["garbage", "empty", "html"],
)
def test_a_damaged_theme_font_file_is_refused_at_load_naming_its_field(tmp_path, content):
    folder = _brand_theme(
        tmp_path,
        "  heading: {family: Lato}\n"
        "  body: {family: Brand, regular: fonts/Brand.ttf}\n"
        "  number: {family: Lato Black}\n",
    )
    (folder / "fonts" / "Brand.ttf").write_bytes(content)
    with pytest.raises(ThemeError) as caught:
        load_theme("brand", tmp_path)
    (problem,) = caught.value.problems
    assert problem.location is not None
    assert problem.location.file == str(folder / "theme.yaml")
    assert problem.location.field == "fonts.body.regular"
    assert "'fonts/Brand.ttf'" in problem.message
    assert "expected a TrueType/OpenType font file" in problem.message
    assert problem.hint and "bundled family" in problem.hint


def test_a_font_file_cut_short_is_refused_at_load(tmp_path):
    """The first 20,000 bytes of a real font: FreeType opened it by its header, and the
    build failed drawing a glyph with an internal error (found by fuzzing)."""
    from deckgen.theming.fonts import fallback_files

    folder = _brand_theme(
        tmp_path,
        "  heading: {family: Lato}\n"
        "  body: {family: Brand, regular: fonts/Brand.ttf}\n"
        "  number: {family: Lato Black}\n",
    )
    whole = fallback_files()[0].read_bytes()
    (folder / "fonts" / "Brand.ttf").write_bytes(whole[:20_000])
    with pytest.raises(ThemeError) as caught:
        load_theme("brand", tmp_path)
    (problem,) = caught.value.problems
    assert problem.location is not None and problem.location.field == "fonts.body.regular"
    assert (
        "a font file cut short (its " in problem.message
        and "past the file's 20,000" in problem.message
    )


def test_a_theme_font_file_is_opened_once_per_version(tmp_path, monkeypatch):
    from PIL import ImageFont

    from deckgen.theming.fonts import _bundled_file

    folder = _brand_theme(
        tmp_path,  # the family the file declares (another is refused)
        "  heading: {family: Lato, regular: fonts/Brand.ttf}\n"
        "  body: {family: Lato, regular: fonts/Brand.ttf, bold: fonts/Brand.ttf}\n"
        "  number: {family: Lato Black}\n",
    )
    font = folder / "fonts" / "Brand.ttf"
    font.write_bytes(_bundled_file("font_lato", "Lato-Regular.ttf").read_bytes())
    opened: list[str] = []
    real = ImageFont.truetype
    monkeypatch.setattr(
        ImageFont, "truetype", lambda p, *a, **k: opened.append(p) or real(p, *a, **k)
    )
    for _ in range(3):
        assert load_theme("brand", tmp_path).body.regular == font
    assert opened == [str(font)]
    font.write_bytes(b"not a font any more")  # a new version is checked again
    with pytest.raises(ThemeError, match=r"fonts\.heading\.regular"):
        load_theme("brand", tmp_path)


def test_a_font_file_of_another_family_than_the_theme_says_is_refused_with_its_name(tmp_path):
    """A file declaring 'Lato' given as family 'Brand Sans' was taken without a word: the
    deck and native charts asked PowerPoint for 'Brand Sans' (found by fuzzing)."""
    from deckgen.theming.fonts import bundled

    folder = _brand_theme(
        tmp_path,
        "  heading: {family: Lato}\n"
        "  body: {family: Brand Sans, regular: fonts/Brand.ttf, bold: fonts/Brand-Bold.ttf}\n"
        "  number: {family: Lato Black}\n",
    )
    lato, lato_bold = bundled("Lato")
    shutil.copyfile(lato, folder / "fonts" / "Brand.ttf")
    shutil.copyfile(lato_bold, folder / "fonts" / "Brand-Bold.ttf")
    with pytest.raises(ThemeError) as caught:
        load_theme("brand", tmp_path)
    (problem,) = caught.value.problems  # the bold file is of the regular file's family
    assert problem.location is not None and problem.location.field == "fonts.body.family"
    assert problem.location.file == str(folder / "theme.yaml") and problem.location.line
    assert problem.message == (
        f"font file 'fonts/Brand.ttf' ({folder / 'fonts' / 'Brand.ttf'}) declares the family "
        "'Lato', but fonts.body.family is 'Brand Sans': the deck asks PowerPoint for that "
        "name, and the text is measured in this file"
    )
    assert problem.hint == "set fonts.body.family to 'Lato', the name the font file declares"

    # A bold file of yet another family is named at 'bold:'.
    shutil.copyfile(bundled("Roboto")[1], folder / "fonts" / "Brand-Bold.ttf")
    theme_file = folder / "theme.yaml"
    theme_file.write_text(theme_file.read_text().replace("family: Brand Sans", "family: Lato"))
    with pytest.raises(ThemeError) as caught:
        load_theme("brand", tmp_path)
    (problem,) = caught.value.problems
    assert problem.location is not None and problem.location.field == "fonts.body.bold"
    assert "declares the family 'Roboto': neither fonts.body.family ('Lato')" in problem.message
    assert problem.hint == (
        "name a bold file of 'Lato' in 'bold:', or remove 'bold:' to set bold text in the "
        "regular file"
    )

    # The family the files declare (any case), or a heavier face's own (Lato Black's file
    # declares 'Lato Black' and, as its typographic family, 'Lato'), loads.
    shutil.copyfile(lato_bold, folder / "fonts" / "Brand-Bold.ttf")
    theme_file.write_text(theme_file.read_text().replace("family: Lato,", "family: LATO,"))
    assert load_theme("brand", tmp_path).body.regular == folder / "fonts" / "Brand.ttf"
    shutil.copyfile(bundled("Lato Black")[0], folder / "fonts" / "Brand.ttf")
    assert load_theme("brand", tmp_path).body.family == "LATO"


def test_a_theme_problem_names_its_line_and_a_misspelt_key_its_fix(tmp_path: Path):
    """Read like an outline: 'colours:' for 'colors:' was "Field required; found" the whole
    theme, and "Extra inputs are not permitted", with no line and no fix."""
    folder = tmp_path / "themes" / "brand"
    folder.mkdir(parents=True)
    text = (Path(__file__).parents[2] / "themes" / "corporate" / "theme.yaml").read_text()
    (folder / "theme.yaml").write_text(text.replace("colors:", "colours:"))
    line = text.splitlines().index("colors:") + 1
    with pytest.raises(ThemeError) as info:
        load_theme("brand", tmp_path)
    unknown = next(p for p in info.value.problems if p.location.field == "colours")
    assert unknown.location.line == line
    assert unknown.message == "unknown field 'colours'" and unknown.hint == "did you mean 'colors'?"
    assert "found {" not in str(info.value)  # not the whole theme as a dict
    (folder / "theme.yaml").write_text(text.replace('highlight: "#C8102E"', 'highlight: "red"'))
    with pytest.raises(ThemeError) as info:
        load_theme("brand", tmp_path)
    [problem] = info.value.problems
    assert problem.location.field == "colors.highlight"
    assert problem.location.line == next(
        n for n, t in enumerate(text.splitlines(), 1) if t.strip().startswith("highlight:")
    )


def test_a_theme_file_that_is_not_a_file_is_named_as_a_theme(tmp_path: Path):
    import os

    folder = tmp_path / "themes" / "brand"
    folder.mkdir(parents=True)
    os.mkfifo(folder / "theme.yaml")
    with pytest.raises(ThemeError) as info:
        load_theme(str(folder), tmp_path)
    assert "the theme is not a regular file but a FIFO" in str(info.value)


def _web_font(target: Path) -> None:
    """The bundled Lato as a WOFF file, as designers download web fonts."""
    from fontTools.ttLib import TTFont

    from deckgen.theming.fonts import BUNDLED, _bundled_file

    package, regular, _ = BUNDLED["Lato"]
    font = TTFont(_bundled_file(package, regular))
    font.flavor = "woff"
    font.save(target)


@pytest.mark.parametrize(
    ("make", "found"),
    [
        (_web_font, "a web font (WOFF)"),
        (lambda p: p.write_bytes(b"\x80\x01" + b"\x00" * 64), "a PostScript Type 1 font"),
        (lambda p: p.write_bytes(b"ttcf" + b"\x00" * 64), "a font collection (.ttc)"),
    ],
    ids=["woff", "type1", "collection"],
)
def test_a_font_file_freetype_opens_but_deckgen_cannot_use_is_refused_at_load(
    tmp_path, make, found
):
    """A WOFF2 or Type 1 body font passed the load check (FreeType opens both), then the
    build stopped with an internal error where text is measured (found by fuzzing)."""
    folder = _brand_theme(
        tmp_path,
        "  heading: {family: Lato}\n"
        "  body: {family: Brand, regular: fonts/Brand.ttf}\n"
        "  number: {family: Lato Black}\n",
    )
    make(folder / "fonts" / "Brand.ttf")
    with pytest.raises(ThemeError) as caught:
        load_theme("brand", tmp_path)
    (problem,) = caught.value.problems
    assert problem.location is not None and problem.location.field == "fonts.body.regular"
    assert found in problem.message


def test_a_bold_font_file_without_its_regular_is_an_error_naming_the_field(tmp_path):
    """'bold:' alone was passed over for the bundled family's bold, with no word (found
    by fuzzing): the heading was drawn in a face the theme did not ask for."""
    folder = _brand_theme(
        tmp_path,
        "  heading: {family: Brand Serif, bold: fonts/BrandSerif-Bold.ttf}\n"
        "  body: {family: Lato}\n"
        "  number: {family: Lato Black}\n",
    )
    with pytest.raises(ThemeError) as caught:
        load_theme("brand", tmp_path)
    (problem,) = caught.value.problems
    assert problem.location is not None
    assert problem.location.file == str(folder / "theme.yaml")
    assert problem.location.field == "fonts.heading" and problem.location.line is not None
    assert "needs 'regular:' beside it" in problem.message


def test_a_theme_folder_the_outline_names_is_found_from_the_outline_whatever_the_cwd(
    tmp_path, monkeypatch
):
    """'theme: brand/mytheme' was looked up from the working folder: the same outline built
    from its own folder and failed from its parent as 'unknown theme' (found by fuzzing)."""
    import shutil

    from deckgen.pipeline import BuildOptions, build
    from tests.helpers import REPO, write_project

    project = tmp_path / "proj"
    shutil.copytree(REPO / "themes" / "corporate", project / "brand" / "mytheme")
    path = write_project(project, "deck: {title: T, theme: brand/mytheme}\n"
                                  "slides:\n  - kind: statement\n    text: Hello.\n")  # fmt: skip
    monkeypatch.chdir(tmp_path)
    result = build(path.relative_to(tmp_path), BuildOptions(out_dir=tmp_path / "out"))
    assert result.theme == "mytheme"


def test_a_font_path_that_is_a_folder_is_said_to_be_one(tmp_path):
    """'font file not found' of a folder the user can see there (found by fuzzing)."""
    folder = _brand_theme(
        tmp_path,
        "  heading: {family: Lato}\n"
        "  body: {family: Brand, regular: fonts/Brand.ttf}\n"
        "  number: {family: Lato Black}\n",
    )
    (folder / "fonts" / "Brand.ttf").mkdir()
    with pytest.raises(ThemeError) as caught:
        load_theme("brand", tmp_path)
    assert "Brand.ttf is a folder, not a font file" in str(caught.value)


def test_a_missing_font_file_is_told_its_nearest_name_and_the_bundled_families(tmp_path):
    """'font file not found' came with no fix (found by a hostile-input review)."""
    folder = _brand_theme(
        tmp_path,
        "  heading: {family: Lato}\n"
        "  body: {family: Brand, regular: fonts/Brand.ttf}\n"
        "  number: {family: Lato Black}\n",
    )
    (folder / "fonts").mkdir(exist_ok=True)
    (folder / "fonts" / "Brand-Regular.ttf").write_bytes(b"")
    with pytest.raises(ThemeError) as caught:
        load_theme("brand", tmp_path)
    problem = caught.value.problems[0]
    assert problem.message.startswith("font file not found:")
    assert problem.hint.startswith("did you mean 'fonts/Brand-Regular.ttf'?; or put the "
                                   "regular font file in the theme folder")  # fmt: skip
    assert "to use a bundled family (Lato," in problem.hint


def test_a_template_in_the_themes_footer_is_refused_at_its_line(tmp_path):
    """'{{ deck.date }}' in a theme's footer was printed braces and all under every slide
    (found by fuzzing): a theme's text is not filled in."""
    folder = _brand_theme(tmp_path, "  heading: {family: Lato}\n  body: {family: Lato}\n"
                          "  number: {family: Lato Black}\n")  # fmt: skip
    theme_file = folder / "theme.yaml"
    theme_file.write_text(theme_file.read_text() + 'footer: "{{ deck.date }}"\n')
    with pytest.raises(ThemeError) as caught:
        load_theme("brand", tmp_path)
    (problem,) = caught.value.problems
    assert problem.location is not None and problem.location.field == "footer"
    assert "not a template" in problem.message and "deck.footer" in (problem.hint or "")


def test_a_logo_that_is_a_folder_says_so(tmp_path):
    # It said "logo file not found" of a folder that is there (found by fuzzing).
    from tests.helpers import REPO

    folder = tmp_path / "themes" / "brand"
    shutil.copytree(REPO / "themes" / "corporate", folder)
    (folder / "img").mkdir()
    text = (folder / "theme.yaml").read_text(encoding="utf-8")
    (folder / "theme.yaml").write_text(text + "logo: img\n", encoding="utf-8")
    with pytest.raises(ThemeError, match="the logo 'img' is a folder, not an image file"):
        load_theme("brand", tmp_path)


def test_a_themes_values_are_written_out_once_for_every_key_and_a_change_changes_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from deckgen.render.jobs import content_key
    from deckgen.theming.load import LoadedTheme
    from deckgen.theming.model import Theme

    loaded = load_theme("corporate")
    dumps: list[object] = []
    dump = Theme.model_dump

    def counted(self: Theme, *args: object, **kwargs: object) -> dict[str, object]:
        dumps.append(self)
        return dump(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Theme, "model_dump", counted)
    first = content_key(LoadedTheme(loaded.theme, loaded.heading, loaded.body, loaded.number))
    again = content_key(LoadedTheme(loaded.theme, loaded.heading, loaded.body, loaded.number))
    assert first == again
    assert len(dumps) <= 1  # once for the theme (none if an earlier key wrote it out)
    colors = loaded.theme.colors.model_copy(update={"highlight": "#123456"})
    other = loaded.theme.model_copy(update={"colors": colors})
    changed = LoadedTheme(other, loaded.heading, loaded.body, loaded.number)
    assert content_key(changed) != first
