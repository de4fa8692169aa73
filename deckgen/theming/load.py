"""Find a theme by name or path and load it into a :class:`Theme`.

Themes are looked up, in order: a path given directly; ``themes/NAME`` beside the outline
or one folder up (a project's own themes); the themes shipped with deckgen (inside the
installed package, or the top-level ``themes/`` of a source checkout).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import yaml
from pydantic import ValidationError

from deckgen.errors import (
    Location,
    OutlineError,
    Problem,
    ThemeError,
    did_you_mean,
    listed,
    one_of,
)
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
from deckgen.theming.fonts import BUNDLED, FontFiles, declared_families, resolve, unopenable
from deckgen.theming.model import Theme
from deckgen.theming.template import TEMPLATE_INSIDE

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

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
        """What of the theme can change a picture, for content keys: its values (as one
        digest: :func:`_values_digest`), its font files (by content: the key holds their
        digests, never their paths) and its logo."""
        theme = self.theme
        logo = theme.path(theme.logo) if theme.logo else None
        return {
            "theme": _values_digest(theme),
            "fonts": [self.heading, self.body, self.number],
            "logo": logo,
        }


#: Each theme's values digested (:func:`_values_digest`), by the theme's id, with the theme
#: held so that its id is not another's while it is kept.
_DIGESTS: dict[int, tuple[Theme, str]] = {}


def _values_digest(theme: Theme) -> str:
    """A digest of ``theme``'s values, made once per theme: every picture's key holds them,
    and writing them out for each key took 0.26 ms of the 0.56 ms a chart's key takes (each
    of a build's 21 keys, a warm session's rebuild's too, before its first picture goes to
    the workers). A theme is a frozen model: its values never change once it is loaded.
    Its folder, template and logo are not among them: the logo is keyed by its bytes."""
    import hashlib
    import json

    kept = _DIGESTS.get(id(theme))
    if kept is None or kept[0] is not theme:
        values = theme.model_dump(mode="json", exclude={"folder", "template", "logo"})
        text = json.dumps(values, sort_keys=True, separators=(",", ":"))
        if len(_DIGESTS) >= 64:  # a long session's every theme: start again
            _DIGESTS.clear()
        kept = _DIGESTS[id(theme)] = (theme, hashlib.sha256(text.encode()).hexdigest())
    return kept[1]


def search_dirs(project: Path | None = None) -> list[Path]:
    """Folders that hold themes, most specific first."""
    dirs = []
    if project is not None:
        dirs += [project / "themes", _up(project) / "themes"]
    dirs += list(SHIPPED_DIRS)
    seen: list[Path] = []
    for d in dirs:
        if d.is_dir() and d.resolve() not in seen:
            seen.append(d.resolve())
    return seen


def _up(project: Path) -> Path:
    """The folder above ``project``, as its path names it: ``Path('.').parent`` is ``.``,
    so an outline built from its own folder (``deckgen build deck.yaml``) never found the
    themes one folder up that a build from that folder found."""
    return project / ".." if project.name in ("", "..") else project.parent


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
    # Named in the outline: from the outline's folder, as its data files are (it was
    # looked up from the working folder, so one outline built or not by where it was run
    # from; found by fuzzing). ``--theme`` stays a path from the working folder.
    here = project / candidate if confined and project is not None else candidate
    themes = available(project)
    try:
        named_folder = (here / "theme.yaml").exists()
    except OSError:  # a name longer than the system allows: no such folder
        named_folder = False
    if named_folder:
        found = candidate
    elif name in themes:
        found = themes[name]
        _no_copy_in_the_way(name, found, project, where)
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
    listing = listed(themes) if themes else "none"
    hint = did_you_mean(name, themes) or (
        f"a theme is a folder holding theme.yaml: themes/{shortened(name)}/ beside the outline, "
        "or a shipped one (deckgen themes lists them)"
    )
    if not name.strip() or "/" in name or "\\" in name:
        # A path, or nothing: 'themes/themes/corporate/theme.yaml/' or 'themes//' named
        # no folder anyone has (found by fuzzing).
        folder = Path(name).parent.name if name.endswith((".yaml", ".yml")) else Path(name).name
        # A folder named as its theme.yaml's, or a theme there is: '../../etc' was told
        # 'theme: etc', a theme no one has (fuzzing).
        yaml_file = name.endswith((".yaml", ".yml")) and folder not in ("", ".", "..")
        named = (yaml_file or folder in themes) and not name.startswith("/")
        example = f"theme: {folder}" if named else "theme: corporate"
        hint = ("a theme is named by its folder: by its name for one in themes/ beside the "
                f"outline or a shipped one ({example}; deckgen themes lists them), or by the "
                "path of a folder holding theme.yaml")  # fmt: skip
        # A path one letter off a theme folder's ('themes/corporat') is told the folder's
        # path: the hint said paths were not names, which the outline's docs say they are
        # (found by a hostile-input review).
        near = _near_folder(name, project if confined else None)
        if near is not None and not yaml_file:
            hint = f"did you mean {near!r}?; {hint}"
    unknown = f"unknown theme {shortened(name)!r}; the themes are {listing}"
    raise ThemeError(Problem(where, unknown, hint))


def _near_folder(name: str, project: Path | None) -> str | None:
    """The path of the theme folder beside the one ``name`` names (from ``project`` where
    given) whose name is closest to its own, as ``name`` would write it; ``None`` if none
    is close."""
    import difflib

    path = Path(name)
    parent = project / path.parent if project is not None else path.parent
    try:
        folders = [p.name for p in parent.iterdir() if (p / "theme.yaml").is_file()]
    except OSError:  # no such folder, or not one that can be read
        return None
    close = difflib.get_close_matches(path.name, folders, n=1, cutoff=0.75)
    return (path.parent / close[0]).as_posix() if close else None


def _no_copy_in_the_way(name: str, found: Path, project: Path | None,
                        where: Location | None) -> None:  # fmt: skip
    """Refuse a folder named ``name`` that is looked in before ``found`` and holds no
    theme.yaml: a project's copy of a shipped theme whose file was renamed theme.yml was
    passed over for the shipped theme, and every edit to it ignored without a word (found
    by a hostile-input review)."""
    for d in search_dirs(project):
        folder = d / name
        if folder.resolve() == found.resolve():
            return
        if folder.is_dir():
            others = sorted(p.name for p in folder.iterdir() if p.suffix in (".yaml", ".yml"))
            holds = f"it holds {listed(others)}" if others else "it holds no YAML file"
            raise ThemeError(Problem(
                where,
                f"theme {name!r}: the folder {folder} is looked in first and has no "
                f"theme.yaml ({holds}), so the theme of that name from {found.parent} would "
                "be used instead of it",
                "name its settings file theme.yaml, or rename or remove the folder to use "
                f"the other {name!r}",
            ))  # fmt: skip


def looked_up(name: str, project: Path | None = None, *, confined: bool = False) -> list[Path]:
    """The ``theme.yaml`` files :func:`find_theme` looks for, in its order, up to the first
    that is there (the one it takes): a theme folder added to a place looked in first (a
    project's ``themes/NAME/`` that shadows the shipped theme) is another theme, which the
    theme's files, all the build recorded, cannot say (found by fuzzing)."""
    candidate = Path(name)
    here = project / candidate if confined and project is not None else candidate
    tried = [here / "theme.yaml"]
    # A name with a folder in it is a path only (``available`` lists folders by name).
    if candidate.name == name and name not in (".", ".."):
        places = [project / "themes", _up(project) / "themes"] if project is not None else []
        tried += [d / name / "theme.yaml" for d in (*places, *SHIPPED_DIRS)]
    out = []
    for path in tried:
        out.append(path)
        try:
            if path.exists():
                break
        except OSError:  # a name longer than the system allows: no such file
            continue
    return out


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
    # Its settings file too, as every file it names: a theme.yaml linked to a file elsewhere
    # was read, and its keys and values were printed in the errors (found by fuzzing).
    if file.is_symlink():  # else read as it is (a FIFO is named by the reader)
        confine(
            "theme.yaml",
            folder,
            Location(str(file)),
            what="the theme's settings file",
            allow_outside=allow_outside,
            root_name="the theme folder",
            error=ThemeError,
        )
    try:
        # Read and parsed as an outline is (bounded, a regular file, YAML mistakes at their
        # line with a hint), with its lines, so a problem names its line and a misspelt key
        # gets its did-you-mean.
        node, raw = compose_document(read_outline(file, "theme"), file)
    except OutlineError as exc:
        raise ThemeError(exc.problems) from None
    if not isinstance(raw, dict) or node is None:
        found = "an empty file" if node is None else f"a {type(raw).__name__}"
        raise ThemeError(Problem(
            Location(str(file), 1 if node is None else node.start_mark.line + 1),
            f"expected a mapping of theme settings, found {found}",
            "write the theme's settings as 'key: value' lines (colors:, fonts:, sizes:), or "
            "copy a shipped theme's theme.yaml to start from (deckgen themes lists them)",
        ))  # fmt: skip
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

    def at(field: str) -> Location:
        """A theme field at its line (files and fonts were named with no line, and one
        problem a run, found by fuzzing)."""
        return Location(str(file), lines.get(tuple(field.split("."))), field)

    def owner(field: str) -> str:  # 'logo', 'template', or a font's role ('body')
        parts = field.split(".")
        return parts[1] if parts[0] == "fonts" else parts[0]

    problems = _confine_named_files(theme, allow_outside, at)
    # A file outside the folder is said once: it is not looked for, opened or read.
    outside = {owner(str(p.location.field)) for p in problems if p.location}
    problems += _check_font_files(theme, at, skip=outside)
    if theme.logo and "logo" not in outside:
        logo = theme.path(theme.logo)
        if logo.is_dir() or (logo.exists() and not logo.is_file()):  # said 'not found'
            what = "a folder" if logo.is_dir() else "not a regular file"
            problems.append(Problem(at("logo"), f"the logo {theme.logo!r} is {what}, not an "
                                    "image file", "name a .png or .jpg file"))  # fmt: skip
        elif not logo.is_file():
            problems.append(Problem(at("logo"), f"logo file not found: {theme.logo!r}"))
        else:
            try:  # an image, whole, of sane size (deckgen.limits)
                check_image(theme.path(theme.logo), at("logo"), ThemeError, "logo")
            except ThemeError as exc:
                problems += exc.problems
    fonts: dict[str, FontFiles] = {}
    for role in ("heading", "body", "number"):
        if role in outside:
            continue
        field = functools.partial(lambda r, k: at(f"fonts.{r}.{k}"), role)
        try:
            fonts[role] = resolve(getattr(theme.fonts, role), folder, field)
        except ThemeError as exc:
            problems += exc.problems
    if problems:
        raise ThemeError(problems)
    template = None
    if theme.template is not None:
        from deckgen.theming.template import load_for_theme

        template = load_for_theme(theme, layouts, at)
    return LoadedTheme(theme, template=template, **fonts)


_WHAT = {"logo": "logo", "fonts": "font file", "template": "template file"}


def _confine_named_files(
    theme: Theme, allow_outside: bool, at: Callable[[str], Location]
) -> list[Problem]:
    """A problem for each logo, font or template path that leaves the theme folder (a
    ``..`` or a symbolic link out of it): a theme from an agency must not put a file from
    elsewhere on this machine into a deck."""
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
            # A template is read only from the theme folder, whatever the command line
            # says (its hint offered --allow-outside, which then failed; fuzzing).
            is_template = field == "template.file"
            confine(relative, theme.folder, at(field), what=_WHAT[field.split(".")[0]],
                    allow_outside=allow_outside and not is_template,
                    root_name="the theme folder", error=ThemeError,
                    fix=TEMPLATE_INSIDE if is_template else None)  # fmt: skip
        except ThemeError as exc:
            problems += exc.problems
    return problems


def _check_font_files(theme: Theme, at: Callable[[str], Location], skip: set[str]) -> list[Problem]:
    """A problem for each font file FreeType cannot open (a damaged download, a web page
    saved as .ttf), here, naming its field, rather than a crash when the first text is
    measured; and for each whose family is not the theme's (:func:`_other_family`). Only
    files :func:`resolve` will use: ``bold:`` counts only beside ``regular:``. A file that
    is not there is left to :func:`resolve`, which says so."""
    problems = []
    for role in ("heading", "body", "number"):
        spec = getattr(theme.fonts, role)
        for key in ("regular", "bold") if spec.regular and role not in skip else ():
            relative = getattr(spec, key)
            path = theme.path(relative) if relative else None
            found = unopenable(path) if path is not None and path.is_file() else None
            if found:
                problems.append(
                    Problem(
                        at(f"fonts.{role}.{key}"),
                        f"font file {relative!r} ({path}): expected a TrueType/OpenType font "
                        f"file (.ttf or .otf), found {found}",
                        "copy the .ttf or .otf file again from the font's own package (a "
                        "download can be cut short or be a web page), or remove 'regular:' "
                        f"and 'bold:' to use a bundled family ({', '.join(BUNDLED)})",
                    )
                )
            elif path is not None and path.is_file():
                problems += _other_family(theme, role, key, at)
    return problems


def _other_family(
    theme: Theme, role: str, key: str, at: Callable[[str], Location]
) -> list[Problem]:
    """A problem if the font file ``fonts.<role>.<key>`` declares a family other than
    ``fonts.<role>.family``: the deck and the native charts ask PowerPoint for the theme's
    name, which finds another font or none, while the text was measured in this file (it
    was accepted without a word; found by fuzzing). A ``bold:`` file may declare a family
    of the ``regular:`` file's (Source Sans Pro's bold beside its Semibold)."""
    spec = getattr(theme.fonts, role)
    relative = getattr(spec, key)
    declared = declared_families(theme.path(relative))
    beside = theme.path(spec.regular)
    regular = declared_families(beside) if beside.is_file() else ()  # not found: said apart
    allowed = {spec.family, *regular} if key == "bold" else {spec.family}
    if not declared or {n.casefold() for n in declared} & {n.casefold() for n in allowed}:
        return []  # a file that names no family cannot be told apart
    if key == "bold":
        return [Problem(
            at(f"fonts.{role}.bold"),
            f"font file {relative!r} ({theme.path(relative)}) declares the family "
            f"{declared[0]!r}: neither fonts.{role}.family ({spec.family!r}) nor a family of "
            "its 'regular:' file",
            f"name a bold file of {(regular or (spec.family,))[0]!r} in 'bold:', or remove "
            "'bold:' to set bold text in the regular file",
        )]  # fmt: skip
    return [Problem(
        at(f"fonts.{role}.family"),
        f"font file {relative!r} ({theme.path(relative)}) declares the family "
        f"{declared[0]!r}, but fonts.{role}.family is {spec.family!r}: the deck asks "
        "PowerPoint for that name, and the text is measured in this file",
        f"set fonts.{role}.family to {declared[0]!r}, the name the font file declares",
    )]  # fmt: skip


def find_template(name: str, project: Path | None = None) -> Path:
    """A corporate template file: ``name`` itself, or the template of the theme ``name``
    (a theme name or folder: ``deckgen template inspect corporate-template`` works from any
    folder, the shipped file being inside the installed package)."""
    from deckgen.io import shortened

    path = Path(name)
    try:
        if path.is_file():
            return path
    except OSError as exc:  # a name too long for the system: 'internal error' (fuzzing)
        raise ThemeError(Problem(None, f"{shortened(name)}: cannot use this path: "
                                 f"{exc.strerror}", "the system takes file names of at most "
                                 "255 bytes: rename the file")) from None  # fmt: skip
    themes = available(project)
    built_on = {n: f for n, f in themes.items() if _template_of(f) is not None}
    folder = path if (path / "theme.yaml").is_file() else themes.get(name)
    if folder is None and path.exists():  # a folder, a device: it was 'no such file' (fuzzing)
        what = "a folder with no theme.yaml" if path.is_dir() else "not a regular file"
        raise ThemeError(Problem(None, f"{name}: is {what}, not a template file",
                                 "name a .pptx or .potx file, or a theme's folder"))  # fmt: skip
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
    # Confined as a build confines it: inspecting a theme reads no file a build would not
    # (it read a template outside the theme folder that no build would; fuzzing).
    where = Location(str(folder / "theme.yaml"), field="template.file")
    return confine(template, folder, where, what="template file", root_name="the theme folder",
                   error=ThemeError, fix=TEMPLATE_INSIDE)  # fmt: skip


def _template_of(folder: Path) -> str | None:
    """The template file a theme folder's theme.yaml names, as written (not validated)."""
    try:  # bounded, a regular file, as a theme is read to build with
        raw = load_yaml(read_outline(folder / "theme.yaml", "theme"))
    except (OutlineError, yaml.YAMLError):
        return None
    spec = raw.get("template") if isinstance(raw, dict) else None
    file = spec.get("file") if isinstance(spec, dict) else None
    return str(file) if file else None
