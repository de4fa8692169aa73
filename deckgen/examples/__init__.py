"""The example projects ``deckgen new`` starts from, shipped inside the package.

* ``starter`` (``deckgen/examples/starter/``): a short deck, one slide of each kind, on one
  small CSV, with the README of its data;
* ``global-impact``: the sample (a briefing, its cards, the README of its data). In a source
  checkout it is the top-level ``data/`` folder; a wheel carries the same files as
  ``deckgen/examples/global-impact/`` (``force-include`` in pyproject.toml), so there is
  one copy to edit, and it is found in either place.

A new project is the example's files plus a copy of its theme in ``themes/<name>/``: themes
beside the outline win over the shipped ones (``deckgen.theming.load``), so the copy is the
user's to edit. Nothing here imports anything heavy.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from deckgen.errors import DeckgenError, Location, Problem, did_you_mean, one_of
from deckgen.theming.load import available

_HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Example:
    name: str
    outline: str  # the outline file, relative to the example's folder
    about: str
    #: Where its files are, first found wins: inside the package, then a source checkout.
    places: tuple[Path, ...]
    also: str = ""  # what else its folder holds, for `deckgen examples`

    @property
    def folder(self) -> Path:
        for place in self.places:
            if (place / self.outline).is_file():
                return place
        raise DeckgenError(
            f"the example {self.name!r} is missing from this installation "
            f"(looked in {', '.join(str(p) for p in self.places)}); reinstall deckgen-comms"
        )


EXAMPLES: dict[str, Example] = {
    e.name: e
    for e in (
        Example(
            "starter",
            "deck.yaml",
            "a short deck, one slide of each kind, on one small CSV: the place to start",
            (_HERE / "starter",),
        ),
        Example(
            "global-impact",
            "global-impact.yaml",
            "the sample: the auto industry's 'Global Impact' page as a briefing deck and "
            "its social cards",
            (_HERE / "global-impact", _HERE.parents[1] / "data"),
            also="state-fact-sheet.yaml: one fact sheet per state with deckgen batch",
        ),
    )
}
DEFAULT = "starter"


def find_example(name: str) -> Example:
    if name in EXAMPLES:
        return EXAMPLES[name]
    raise DeckgenError(
        Problem(
            None,
            f"unknown example {name!r}; the examples are {one_of(EXAMPLES)}",
            did_you_mean(name, EXAMPLES) or "deckgen examples lists them",
        )
    )


@dataclass(frozen=True)
class NewProject:
    """What ``deckgen new`` wrote."""

    folder: Path
    example: Example
    theme: str
    files: tuple[Path, ...]  # relative to ``folder``, the theme's files last

    @property
    def outline(self) -> Path:
        return self.folder / self.example.outline


def new_project(
    folder: Path, example: str = DEFAULT, theme: str | None = None, *, force: bool = False
) -> NewProject:
    """Copy ``example`` into ``folder`` with a copy of its theme (or of ``theme``, which
    the outline is then changed to name) in ``folder/themes/<theme>/``.

    Refuses a folder that holds anything (but ``.git``) unless ``force``, in which case
    files of the same names are overwritten and the rest left alone.
    """
    chosen = find_example(example)
    source = chosen.folder
    try:
        taken = folder.exists() and not folder.is_dir()
    except OSError as exc:  # a name too long to look up
        raise _cannot_make(folder, exc) from None
    if taken:
        raise DeckgenError(Problem(Location(str(folder)), "exists and is not a folder"))
    present = (
        sorted(p.name for p in folder.iterdir() if p.name != ".git") if folder.exists() else []
    )
    if present and not force:
        shown = ", ".join(present[:5]) + (
            f" and {len(present) - 5} more" if len(present) > 5 else ""
        )
        raise DeckgenError(
            Problem(
                None if folder.resolve() == Path.cwd().resolve() else Location(str(folder)),
                f"the folder is not empty (it holds {shown}); deckgen new writes only into "
                "an empty or new folder",
                f"name a new folder (deckgen new my-deck), or add --force to overwrite files "
                f"of the same names as the {chosen.name!r} example's",
            )
        )
    outline_text = (source / chosen.outline).read_text(encoding="utf-8")
    named = _theme_of(outline_text)
    shipped = available()
    wanted = theme or named
    if wanted not in shipped:
        raise DeckgenError(
            Problem(
                None,
                f"--theme: unknown theme {wanted!r}; the shipped themes are {one_of(shipped)}",
                # A name near none had no hint (fuzzing): what to type, and where to see them.
                did_you_mean(wanted, shipped)
                or f"start from one of them, e.g. --theme "
                f"{'corporate' if 'corporate' in shipped else next(iter(shipped), '')} ('deckgen "
                "themes' shows their colours); "
                "a theme of your own goes in themes/ once the project is made",
            )
        )
    themes = Path("themes", wanted)
    copies = [(source / p, p) for p in _files(source)]
    copies += [(shipped[wanted] / p, themes / p) for p in _files(shipped[wanted])]
    # Whatever --force overwrites must be a file: a folder of a file's name crashed the
    # copy half way, after the README was written (found by fuzzing). Checked first, so
    # nothing is written when anything is in the way.
    for _, relative in copies:
        for at in (*reversed(relative.parents[:-1]), relative):
            there, folder_wanted = folder / at, at != relative
            if there.is_symlink() or (there.exists() and there.is_dir() != folder_wanted):
                kind = ("a symbolic link" if there.is_symlink()
                        else "a folder" if there.is_dir() else "a file")  # fmt: skip
                raise DeckgenError(Problem(
                    Location(str(there)),
                    f"is {kind} where the {chosen.name!r} example writes a "
                    f"{'folder' if folder_wanted else 'file'}",
                    "move it away, or start the project in a new folder",
                ))  # fmt: skip
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for path, relative in copies:
            (folder / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, folder / relative)
    except OSError as exc:
        raise _cannot_make(folder, exc) from None
    if wanted != named:
        (folder / chosen.outline).write_text(_with_theme(outline_text, wanted), encoding="utf-8")
    return NewProject(folder, chosen, wanted, tuple(relative for _, relative in copies))


def _cannot_make(folder: Path, exc: OSError) -> DeckgenError:
    """Why ``folder`` cannot be made or written, and what to name instead (the system's
    error was an internal error: found by fuzzing)."""
    import errno

    if exc.errno == errno.ENAMETOOLONG:
        why = "its name is longer than the file system allows"
    elif exc.errno == errno.ENOTDIR:
        why = "a file stands in its path where a folder should be"
    elif isinstance(exc, PermissionError) or exc.errno == errno.EROFS:
        why = "the folder it would be made in is read-only"
    elif exc.errno == errno.ENOENT:
        why = "no folder can be made there"
    else:
        why = exc.strerror or str(exc)
    return DeckgenError(Problem(
        Location(str(folder)), f"cannot be made: {why}",
        "name a new folder in one you can write to (deckgen new my-deck)",
    ))  # fmt: skip


def _files(source: Path) -> list[Path]:
    """The files under ``source`` (not hidden ones, not caches), relative to it."""
    return [
        path.relative_to(source)
        for path in sorted(source.rglob("*"))
        if path.is_file()
        and not any(
            part.startswith(".") or part == "__pycache__" for part in path.relative_to(source).parts
        )
    ]


def _theme_node(text: str) -> yaml.ScalarNode:
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    for key, value in root.value if isinstance(root, yaml.MappingNode) else []:
        if key.value == "deck" and isinstance(value, yaml.MappingNode):
            for inner_key, inner in value.value:
                if inner_key.value == "theme" and isinstance(inner, yaml.ScalarNode):
                    return inner
    raise AssertionError("every shipped example names its theme in deck.theme")


def _theme_of(text: str) -> str:
    return str(_theme_node(text).value)


def _with_theme(text: str, theme: str) -> str:
    """``text`` with its ``deck.theme`` value replaced, comments and layout kept."""
    node = _theme_node(text)
    start, end = node.start_mark.index, node.end_mark.index
    return text[:start] + theme + text[end:]
