"""Find a theme by name or path and load it into a :class:`Theme`.

Themes are looked up, in order: a path given directly; ``themes/NAME`` beside the outline
or one folder up (a project's own themes); the themes shipped with deckgen (inside the
installed package, or the top-level ``themes/`` of a source checkout).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import yaml
from pydantic import ValidationError

from deckgen.errors import Location, OutlineError, Problem, ThemeError, did_you_mean, one_of
from deckgen.io import confine, shortened
from deckgen.limits import check_image
from deckgen.outline.load import (
    PathKey,
    compose_document,
    index_lines,
    load_yaml,
    read_outline,
    schema_problem,
)
from deckgen.theming.fonts import BUNDLED, FontFiles, resolve, unopenable
from deckgen.theming.model import Theme

if TYPE_CHECKING:
    from collections.abc import Mapping

    from deckgen.theming.template import TemplateInfo

_PACKAGE = Path(__file__).resolve().parents[1]
#: Shipped themes: inside a wheel, then a source checkout's top-level folder.
SHIPPED_DIRS = (_PACKAGE / "_themes", _PACKAGE.parent / "themes")


@dataclass(frozen=True)
class LoadedTheme:
    """A theme with its font files resolved: what the renderers take."""

    theme: Theme
    heading: FontFiles
    body: FontFiles
    number: FontFiles
    #: The corporate template the deck is built on, if the theme names one.
    template: TemplateInfo | None = None

    def key_data(self) -> object:
        """What of the theme can change a picture, for content keys: its values, its font
        files (by content: the key holds their digests, never their paths) and its logo."""
        theme = self.theme
        logo = theme.path(theme.logo) if theme.logo else None
        return {
            "theme": theme.model_dump(mode="json", exclude={"folder", "template", "logo"}),
            "fonts": [self.heading, self.body, self.number],
            "logo": logo,
        }


def search_dirs(project: Path | None = None) -> list[Path]:
    """Folders that hold themes, most specific first."""
    dirs = []
    if project is not None:
        dirs += [project / "themes", project.parent / "themes"]
    dirs += list(SHIPPED_DIRS)
    seen: list[Path] = []
    for d in dirs:
        if d.is_dir() and d.resolve() not in seen:
            seen.append(d.resolve())
    return seen


def available(project: Path | None = None) -> dict[str, Path]:
    """Theme name -> folder, the first found for each name."""
    found: dict[str, Path] = {}
    for d in search_dirs(project):
        for sub in sorted(d.iterdir()):
            if (sub / "theme.yaml").exists():  # read as a file later, or refused
                found.setdefault(sub.name, sub)
    return found


def find_theme(
    name: str,
    project: Path | None = None,
    where: Location | None = None,
    *,
    confined: bool = False,
    allow_outside: bool = False,
) -> Path:
    """The folder of theme ``name`` (a name or a path to a theme folder), symlinks resolved.

    An unknown theme is reported at ``where`` (the outline's ``deck.theme`` line), with the
    themes there are and the nearest of them. ``confined`` (the outline names the theme)
    refuses a folder outside ``project`` and the folders themes are looked up in (the
    project's ``themes/`` one folder up, the shipped themes), unless ``allow_outside``.
    """
    candidate = Path(name)
    themes = available(project)
    try:
        named_folder = (candidate / "theme.yaml").exists()
    except OSError:  # a name longer than the system allows: no such folder
        named_folder = False
    if named_folder:
        found = candidate
    elif name in themes:
        found = themes[name]
    else:
        found = None
    if found is not None:
        if not confined or project is None:
            return found.resolve()
        return confine(
            found, project, where, allow_outside=allow_outside,
            inside=[*search_dirs(project), *SHIPPED_DIRS], what="theme folder",
            error=ThemeError,
        )  # fmt: skip
    listing = one_of(themes) if themes else "none"
    hint = did_you_mean(name, themes) or (
        f"a theme is a folder holding theme.yaml: themes/{shortened(name)}/ beside the outline, "
        "or a shipped one (deckgen themes lists them)"
    )
    unknown = f"unknown theme {shortened(name)!r}; the themes are {listing}"
    raise ThemeError(Problem(where, unknown, hint))


def load_theme(
    name: str,
    project: Path | None,
    layouts: Mapping[str, str],
    where: Location | None = None,
    *,
    confined: bool = False,
    allow_outside: bool = False,
) -> LoadedTheme:
    """Load and validate a theme; resolve its fonts.

    ``layouts`` maps each slide kind to the template layout it uses by default (each kind
    names its own: ``deckgen.kinds.TEMPLATE_LAYOUTS``); a theme built on a corporate
    template is checked against it. ``where`` is where the theme is named (for an unknown
    name). ``confined``: the theme folder must be in the project (see :func:`find_theme`).
    Every file the theme names (logo, fonts, template) must lie inside its folder, symlinks
    resolved, unless ``allow_outside``.
    """
    folder = find_theme(name, project, where, confined=confined, allow_outside=allow_outside)
    file = folder / "theme.yaml"
    try:
        # Read and parsed as an outline is (bounded, a regular file, YAML mistakes at their
        # line with a hint), with its lines, so a problem names its line and a misspelt key
        # gets its did-you-mean.
        node, raw = compose_document(read_outline(file, "theme"), file)
    except OutlineError as exc:
        raise ThemeError(exc.problems) from None
    if not isinstance(raw, dict) or node is None:
        raise ThemeError(Problem(Location(str(file)), "expected a mapping of theme settings"))
    lines: dict[PathKey, int] = {}
    twice: list[Problem] = []
    index_lines(node, (), lines, twice, str(file))
    if twice:  # a key written twice: YAML keeps the last, and the first is lost unseen
        raise ThemeError(twice)
    raw.setdefault("name", folder.name)
    try:
        theme = Theme.model_validate({**raw, "folder": folder})
    except ValidationError as exc:
        raise ThemeError(
            [schema_problem(err, raw, lines, file, Theme) for err in exc.errors()]
        ) from None
    _confine_named_files(theme, file, allow_outside)
    _check_font_files(theme, file)
    if theme.logo and not theme.path(theme.logo).is_file():
        raise ThemeError(
            Problem(Location(str(file), field="logo"), f"logo file not found: {theme.logo!r}")
        )
    if theme.logo:  # an image, whole, of sane size (deckgen.limits)
        check_image(theme.path(theme.logo), Location(str(file), field="logo"), ThemeError, "logo")
    template = None
    if theme.template is not None:
        from deckgen.theming.template import load_for_theme

        template = load_for_theme(theme, file, layouts)
    return LoadedTheme(
        theme,
        heading=resolve(theme.fonts.heading, folder),
        body=resolve(theme.fonts.body, folder),
        number=resolve(theme.fonts.number, folder),
        template=template,
    )


_WHAT = {"logo": "logo", "fonts": "font file", "template": "template file"}


def _confine_named_files(theme: Theme, file: Path, allow_outside: bool) -> None:
    """Refuse a logo, font or template path that leaves the theme folder (a ``..`` or a
    symbolic link out of it): a theme from an agency must not put a file from elsewhere on
    this machine into a deck. All such paths are reported at once."""
    named: list[tuple[str, str]] = [("logo", theme.logo)] if theme.logo else []
    for role in ("heading", "body", "number"):
        spec = getattr(theme.fonts, role)
        named += [(f"fonts.{role}.{k}", getattr(spec, k)) for k in ("regular", "bold")]
    if theme.template is not None:
        named.append(("template.file", theme.template.file))
    problems = []
    for field, relative in named:
        if not relative:
            continue
        try:
            confine(relative, theme.folder, Location(str(file), field=field),
                    allow_outside=allow_outside, what=_WHAT[field.split(".")[0]],
                    root_name="the theme folder", error=ThemeError)  # fmt: skip
        except ThemeError as exc:
            problems += exc.problems
    if problems:
        raise ThemeError(problems)


def _check_font_files(theme: Theme, file: Path) -> None:
    """Refuse a font file FreeType cannot open (a damaged download, a web page saved as
    .ttf) here, naming its field, rather than as a crash when the first text is measured.
    Only files :func:`resolve` will use: ``bold:`` counts only beside ``regular:``. A file
    that is not there is left to :func:`resolve`, which says so."""
    problems = []
    for role in ("heading", "body", "number"):
        spec = getattr(theme.fonts, role)
        for key in ("regular", "bold") if spec.regular else ():
            relative = getattr(spec, key)
            path = theme.path(relative) if relative else None
            found = unopenable(path) if path is not None and path.is_file() else None
            if found:
                problems.append(
                    Problem(
                        Location(str(file), field=f"fonts.{role}.{key}"),
                        f"font file {relative!r} ({path}): expected a TrueType/OpenType font "
                        f"file (.ttf or .otf), found {found}",
                        "copy the .ttf or .otf file again from the font's own package (a "
                        "download can be cut short or be a web page), or remove 'regular:' "
                        f"and 'bold:' to use a bundled family ({', '.join(BUNDLED)})",
                    )
                )
    if problems:
        raise ThemeError(problems)


def find_template(name: str, project: Path | None = None) -> Path:
    """A corporate template file: ``name`` itself, or the template of the theme ``name``
    (a theme name or folder: ``deckgen template inspect corporate-template`` works from any
    folder, the shipped file being inside the installed package)."""
    path = Path(name)
    if path.is_file():
        return path
    themes = available(project)
    built_on = {n: f for n, f in themes.items() if _template_of(f) is not None}
    folder = path if (path / "theme.yaml").is_file() else themes.get(name)
    if folder is None:
        listing = one_of(built_on) if built_on else "none"
        raise ThemeError(
            Problem(
                None,
                f"{name}: no such file, and no theme of that name; "
                f"the themes built on a template are {listing}",
                did_you_mean(name, built_on) or "name a .pptx/.potx file or such a theme",
            )
        )
    template = _template_of(folder)
    if template is None:
        raise ThemeError(
            Problem(
                Location(str(folder / "theme.yaml")),
                f"theme {name!r} is not built on a template (its theme.yaml has no 'template:')",
                f"themes built on one: {one_of(built_on)}" if built_on else None,
            )
        )
    return template


def _template_of(folder: Path) -> Path | None:
    """The template file a theme folder's theme.yaml names, if any (not validated here)."""
    try:  # bounded, a regular file, as a theme is read to build with
        raw = load_yaml(read_outline(folder / "theme.yaml", "theme"))
    except (OutlineError, yaml.YAMLError):
        return None
    spec = raw.get("template") if isinstance(raw, dict) else None
    file = spec.get("file") if isinstance(spec, dict) else None
    return folder / str(file) if file else None
