"""The ``deckgen`` command. Thin: parse options, call one stage function, report.

This is the one place where exceptions become exit codes: a :class:`DeckgenError` prints its
message and exits 2; Ctrl-C exits 130; anything else is a bug, reported in one line (with the
traceback only under ``--debug``). Heavy libraries are imported inside commands so ``--help``
stays fast.
"""

from __future__ import annotations

import contextlib
import os
import sys
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from deckgen import __version__
from deckgen.errors import DeckgenError, counted, did_you_mean

#: Minutes without a build after which a daemon stops (`deckgen daemon start --idle`).
IDLE_MINUTES = 30.0
#: The exit code of a command stopped by Ctrl-C: the shell's for a process that SIGINT
#: ended (128 + 2), so a script tells it from a failure (2) and from a bug (1).
INTERRUPTED = 130
#: The exit code of a command whose reader left (`deckgen themes | head -1`): the shell's
#: for a process that SIGPIPE ended (128 + 13), as git's or cat's, and as Ctrl-C's above;
#: not Click's 1, which `set -o pipefail` took for a failure.
CLOSED_PIPE = 141

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from deckgen.batch import BatchResult
    from deckgen.check.run import Batch


class _Interrupted(Exception):
    """Ctrl-C, raised by a command that has already said what it did before it (a batch's
    rows): only the exit code is left to give."""


def _debug_on(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value:
        ctx.ensure_object(dict)["debug"] = True


class _Command(click.Command):
    """A command that takes the group's --debug after its name too: `deckgen build deck.yaml
    --debug`, as people add it to the command that failed, said "No such option"."""

    def get_params(self, ctx: click.Context) -> list[click.Parameter]:
        # Added here, as Click adds --help, not to `params`: it is the group's option
        # (`deckgen --debug COMMAND` in the help and the README), not one of each command's.
        debug = click.Option(["--debug"], is_flag=True, hidden=True, expose_value=False,
                             is_eager=True, callback=_debug_on)  # fmt: skip
        return [*super().get_params(ctx), debug]


class _Group(click.Group):
    """Turns errors into messages and exit codes, once, for every command."""

    command_class = _Command
    group_class = type  # `template`, `daemon`: groups of this class, their commands _Command

    def main(self, args: Any = None, *rest: Any, **extra: Any) -> Any:
        # The command line as typed is kept: `build` hands it to a running daemon as is.
        argv = list(sys.argv[1:] if args is None else args)
        if extra.get("obj") is None:
            extra["obj"] = {}
        extra["obj"].setdefault("argv", argv)
        return super().main(argv, *rest, **extra)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:  # `deckgen --help | head -1`: the help is printed while parsing
            return super().parse_args(ctx, args)
        except BrokenPipeError:
            _closed_pipe()

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return self._invoke(ctx)
        except BrokenPipeError:  # the reader of our output left, even while an error was said
            _closed_pipe()

    def _invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DeckgenError as exc:
            if ctx.obj and ctx.obj.get("debug"):
                traceback.print_exc()
            _errors(exc)
            sys.exit(exc.exit_code)
        except _Interrupted:
            sys.exit(INTERRUPTED)
        except KeyboardInterrupt:
            # Not click's "Aborted!" and exit 1, which reads as a failure. The blank line
            # ends the line the terminal's "^C" was echoed on.
            if ctx.obj and ctx.obj.get("debug"):
                traceback.print_exc()
            click.echo("\ninterrupted", err=True)
            sys.exit(INTERRUPTED)
        except (click.ClickException, click.exceptions.Exit, click.Abort, SystemExit,
                BrokenPipeError):  # fmt: skip
            raise
        except Exception as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            _error(
                f"internal error: {type(exc).__name__}: {exc}\n"
                "This is a bug in deckgen; run again with --debug for the traceback."
            )
            sys.exit(1)


def _error(message: str) -> None:
    click.secho("error: ", fg="red", bold=True, err=True, nl=False)
    click.echo(_as_typed(message), err=True)


def _errors(exc: DeckgenError) -> None:
    """Each problem of ``exc`` as an error of its own, with its hint: the README shows them
    so, and a log searched for "error:" finds every one (only the first was marked)."""
    for message in exc.messages() or [exc.format_message()]:
        _error(message)
    for line in exc.more():
        click.echo(line, err=True)


def _closed_pipe() -> NoReturn:
    """End quietly when the reader of our output has left (`deckgen themes | head -1`):
    nothing more can be said, and what is still buffered goes nowhere rather than failing
    again as the interpreter flushes it on the way out."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BrokenPipeError:
            with contextlib.suppress(OSError, ValueError):  # CliRunner's streams have no fd
                null = os.open(os.devnull, os.O_WRONLY)
                os.dup2(null, stream.fileno())
                os.close(null)
        except (OSError, ValueError):
            pass
    sys.exit(CLOSED_PIPE)


def _as_typed(message: str) -> str:
    """``message`` with each path inside the working folder named from it, as the user
    names the outline ('data/sales.csv:3', not '/home/ana/report/data/sales.csv:3': the
    data and theme files are found, and so named, by their full paths)."""
    import os
    import re

    here = os.getcwd()
    if here == os.sep:
        return message
    return re.sub(rf"(?<![\w./-]){re.escape(here + os.sep)}", "", message)


#: What an outline file is called (what `deckgen new` writes, and the examples).
OUTLINE_SUFFIXES = (".yaml", ".yml")


class _Source(click.Path):
    """An outline file argument: a folder there is an error naming the outline files it
    holds (Click said only "File 'my-deck' is a directory")."""

    def __init__(self, *, also: tuple[str, ...] = (), what: str = "an outline file") -> None:
        super().__init__(path_type=Path, dir_okay=False)
        self.suffixes = (*OUTLINE_SUFFIXES, *also)
        self.what = what

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from deckgen.errors import Location, Problem
        from deckgen.io import shortened

        path = Path(value)
        try:
            folder = path.is_dir()
        except OSError as exc:  # a name too long for the system: 'internal error' (fuzzing)
            raise DeckgenError(Problem(Location(shortened(str(path))),
                                       f"cannot use this path: {exc.strerror}",
                                       "the system takes file names of at most 255 bytes: "
                                       "rename the file")) from None  # fmt: skip
        if folder:
            raise DeckgenError(Problem(Location(str(path)), f"a folder, not {self.what}",
                                       _in_folder(path, self.suffixes)))  # fmt: skip
        return super().convert(value, param, ctx)


def _there(path: Path, missing: str = "outline file not found", also: tuple[str, ...] = ()) -> None:
    """An error, ``missing``, if ``path`` is not there, with the nearest of its folder's
    outline files. Checked as the command starts, not as its arguments are read: a build
    says first what is wrong with DECKGEN_DAEMON (see daemon.forward), as it did."""
    from deckgen.errors import Location, Problem

    if not (path.exists() or path.is_symlink()):
        import shlex

        from deckgen.io import nearest_file

        suffixes = (*OUTLINE_SUFFIXES, *also)
        hint = nearest_file(path, str(path), suffixes, "outline files", quote=shlex.quote,
                            relative_to="this folder")  # fmt: skip
        raise DeckgenError(Problem(Location(str(path)), missing, hint))


def _outlines(folder: Path, suffixes: tuple[str, ...]) -> list[Path]:
    """The outline files (by their suffix) directly in ``folder``, by name."""
    try:
        return sorted(p for p in folder.iterdir() if p.suffix.lower() in suffixes and p.is_file())
    except OSError:  # not a folder, or not ours to read: nothing to suggest
        return []


def _shell(path: Path) -> str:
    """``path`` as typed on a command line (quoted where the shell needs it)."""
    import shlex

    return shlex.quote(str(path))


def _listed(paths: list[Path], most: int = 5) -> str:
    more = f" and {len(paths) - most} more" if len(paths) > most else ""
    return ", ".join(_shell(p) for p in paths[:most]) + more


def _in_folder(folder: Path, suffixes: tuple[str, ...]) -> str:
    found = _outlines(folder, suffixes)
    if len(found) == 1:
        return f"did you mean {_shell(found[0])}?"
    if found:
        return f"did you mean one of the files it holds: {_listed(found)}?"
    kinds = "/".join(suffixes)
    return (f"it holds no {kinds} file; name the outline to build (`deckgen new FOLDER` "
            "starts a project with one)")  # fmt: skip


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="deckgen")
@click.option("--debug", is_flag=True, help="Show full tracebacks on errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Turn a deck outline plus data files into a themed PowerPoint deck.

    \b
    Start a project from an example, then build it:
      deckgen new my-deck
      cd my-deck
      deckgen build deck.yaml
    `deckgen examples` lists the examples (the sample: --example global-impact).
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


def _given(_ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """An option's value as given, where none is empty: ``--theme ''`` (a shell variable
    that was empty) was taken as no option at all, the outline's theme built without a
    word, and ``--select ''`` as no check selected (found by fuzzing)."""
    if any(v is not None and not str(v).strip() for v in (value if isinstance(value, tuple)
                                                          else (value,))):  # fmt: skip
        raise click.BadParameter("is empty: give a value, or leave the option out")
    return value


def _folder(ctx: click.Context, param: click.Parameter, value: str) -> Path:
    """An --out folder as given, never empty: ``--out ''`` (an empty shell variable) wrote
    the deck and its folder into the working folder (found by fuzzing)."""
    return Path(_given(ctx, param, value))


def _project_options(out: str = "Output folder.") -> Callable[[Callable[..., Any]], Any]:
    """--theme, --out (``out``: what the folder is to this command) and --allow-outside: the
    options of every command that reads an outline, said once."""

    def add(command: Callable[..., Any]) -> Callable[..., Any]:
        options = [
            click.option("--theme", "-t", metavar="NAME", callback=_given,
                         help="Theme name or folder (overrides the outline)."),
            # Not file_okay=False: an --out that is a file is deckgen's error, with the fix.
            click.option("--out", "-o", "out_dir", type=click.Path(), default="output",
                         show_default=True, callback=_folder, help=out),
            click.option("--allow-outside", is_flag=True, help="Read outline and theme files "
                         "outside the project (see README, Errors and safety)."),
        ]  # fmt: skip
        for option in reversed(options):
            command = option(command)
        return command

    return add


def _row_options(
    for_each: str, where: str, key: str = "With --for-each: the column naming each row.",
    *, required: bool = False,
) -> Callable[[Callable[..., Any]], Any]:  # fmt: skip
    """--for-each, --key and --where: the rows of a batch outline a command works on
    (``batch`` builds them, ``check`` checks them, ``preview`` shows one), said once."""

    def add(command: Callable[..., Any]) -> Callable[..., Any]:
        options = [
            click.option("--for-each", "for_each", required=required, metavar="TABLE",
                         callback=_given, help=for_each),
            click.option("--key", metavar="COLUMN", callback=_given, help=key),
            click.option("--where", multiple=True, metavar="COLUMN=VALUE", callback=_given,
                         help=where),
        ]  # fmt: skip
        for option in reversed(options):
            command = option(command)
        return command

    return add


def _rows(for_each: str | None, key: str | None, where: tuple[str, ...]) -> Batch | None:
    """The rows ``check`` or ``preview`` work on, or none: --key and --where without
    --for-each are a usage error."""
    from deckgen.check.run import Batch

    if (key or where) and not for_each:
        raise click.UsageError("--key and --where choose rows of --for-each TABLE; add it")
    return Batch(for_each, key, where) if for_each else None


def _engine_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """--jobs, --executor and --scheduler: where pictures and decks are made (never what)."""
    options = [
        click.option("--jobs", "-j", "workers", type=click.IntRange(1, 64), default=None,
                     help="Work in this many processes (default: one per core; with "
                     "--executor dask, the local cluster's size)."),
        click.option("--executor", type=click.Choice(["local", "dask"]), default="local",
                     show_default=True, help="Run the jobs here or on a Dask cluster "
                     "(needs deckgen-comms[dask]; see the README)."),
        click.option("--scheduler", metavar="ADDRESS", help="The Dask scheduler, e.g. "
                     "tcp://10.0.0.5:8786 (default: a local cluster)."),
    ]  # fmt: skip
    for option in reversed(options):
        command = option(command)
    return command


def _engine(workers: int | None, executor: str, scheduler: str | None) -> dict[str, Any]:
    if scheduler and executor != "dask":
        raise click.UsageError("--scheduler is for --executor dask")
    return {"workers": workers or _cores(), "executor": executor, "scheduler": scheduler}


@cli.command()
@click.argument("outline", type=_Source())
@_project_options()
@_engine_options
@click.option("--force", is_flag=True, help="Render every picture again, ignoring the cache.")
@click.option("--native-charts", is_flag=True,
              help="Charts as editable PowerPoint charts (a chart's `native:` wins).")  # fmt: skip
@click.option("--native-callouts", is_flag=True,
              help="Stat callouts as text boxes (a stats slide's `native:` wins).")  # fmt: skip
@click.option("--pdf", is_flag=True,
              help="Also write <name>.pdf beside the deck (needs LibreOffice).")  # fmt: skip
@click.pass_context
def build(ctx: click.Context, outline: Path, theme: str | None, out_dir: Path,
          allow_outside: bool, workers: int | None, executor: str, scheduler: str | None,
          force: bool, native_charts: bool, native_callouts: bool, pdf: bool) -> None:  # fmt: skip
    """Build the deck for OUTLINE into the output folder, and report what changed.

    Only pictures whose inputs changed are rendered again; the rest come from the cache
    in OUT/<name>/cache/. Every file is written atomically: if the build fails, the
    earlier output stays as it was. OUT/<name>/manifest.json records what was built.
    With --pdf and no LibreOffice, the deck is still written and the command exits 2.
    While a deckgen daemon runs, the build runs there (warm: a rebuild in a fraction of
    the time), with the same result. Typed at a terminal, a build made here starts one
    for the next build; DECKGEN_DAEMON=use starts none, =off uses none (see `deckgen
    daemon --help`).
    """
    sessions = ctx.obj.get("sessions")  # set when this runs inside the daemon
    daemon_can = sessions is None and executor == "local"
    if daemon_can:
        from deckgen.daemon import forward

        code = forward(ctx.obj["argv"])
        if code is not None:
            ctx.exit(code)
    _there(outline)

    from deckgen.pipeline import BuildOptions
    from deckgen.pipeline import build as run_build

    options = BuildOptions(theme=theme, out_dir=out_dir, allow_outside=allow_outside,
                           force=force, native_charts=native_charts,
                           native_callouts=native_callouts, pdf=pdf,
                           **_engine(workers, executor, scheduler))  # fmt: skip
    session = sessions.get(outline, options) if sessions is not None else None
    warm_only = bool(ctx.obj.get("warm_only"))  # a daemon warming up (see daemon.start_after)
    with _Progress() as progress:
        result = run_build(outline, options, progress, session=session, warm_only=warm_only)
    if warm_only:
        return
    _report_build(result)
    if daemon_can:
        from deckgen.daemon import start_after

        start_after(ctx.obj["argv"], IDLE_MINUTES)


def _warn(warnings: Iterable[str], *, last: bool = False) -> None:
    """Each warning on a line of its own; ``last``: warnings the last build found, said
    again by a run that built nothing (the output they are about is still there)."""
    for warning in warnings:
        click.secho("warning (last build): " if last else "warning: ", fg="yellow", bold=True,
                    err=True, nl=False)  # fmt: skip
        click.echo(_as_typed(warning), err=True)


def _report_build(result: Any) -> None:
    _warn(result.warnings, last=result.up_to_date)
    if result.up_to_date:
        click.echo(
            f"Up to date: {result.deck} (no input changed since the last build; "
            f"--force rebuilds) in {result.seconds:.2f} s"
        )
        return
    cards = (
        f"; {counted(result.cards, 'social card')} in {result.cards_dir}" if result.cards else ""
    )
    also = f" and {result.pdf}" if result.pdf else ""
    click.echo(
        f"Wrote {result.deck}{also} ({counted(result.slides, 'slide')}, "
        f"{counted(result.pictures, 'picture')}, theme {result.theme!r}){cards} "
        f"in {result.seconds:.1f} s"
    )
    if result.changes is not None:
        for line in result.changes.lines():
            click.echo(line)


@cli.command()
@click.argument("old", type=click.Path(path_type=Path, exists=True))
@click.argument("new", type=click.Path(path_type=Path, exists=True))
def diff(old: Path, new: Path) -> None:
    """Say what changed between two builds, from their manifests.

    OLD and NEW are manifest.json files, or the folders holding them
    (e.g. a copy of output/global-impact/ kept from last month), or an output folder
    holding one build (output/, whose build is in output/global-impact/).
    """
    from deckgen import manifest

    files = [_manifest_file(old, new), _manifest_file(new, old)]
    documents = []
    for file in files:
        document, why = manifest.load(file)
        if document is None:
            raise DeckgenError(
                f"{file}: not a deckgen build manifest ({why or 'no such file'}; expected "
                "the manifest.json that `deckgen build` writes into OUT/<name>/)"
            )
        documents.append(document)
    for line in manifest.compare(documents[0], documents[1]).lines(between=True):
        click.echo(line)


def _manifest_file(path: Path, other: Path) -> Path:
    """The manifest ``path`` names: itself, the one in that folder, or, in an output folder
    (which holds none: each build's is in OUT/<name>/), the one build's there. Of several
    builds, the one named as the ``other`` side's is taken; otherwise the error lists them.
    """
    from deckgen.manifest import FILE_NAME

    if not path.is_dir():
        return path
    file = path / FILE_NAME
    if file.exists() or file.is_symlink():
        return file
    builds = sorted(p.parent for p in path.glob(f"*/{FILE_NAME}"))
    if len(builds) == 1:
        click.echo(f"note: {path}/ holds one build, {builds[0]}/: compared", err=True)
        return builds[0] / FILE_NAME
    # Of several, the namesake of the build the other side names (output/deck/, or its
    # manifest.json), if it names one.
    if other.is_dir():
        named = other.name if (other / FILE_NAME).exists() else None
    else:
        named = other.parent.name
    twin = [b for b in builds if b.name == named]
    if len(twin) == 1:
        click.echo(f"note: {path}/ holds {len(builds)} builds; {twin[0]}/ compared", err=True)
        return twin[0] / FILE_NAME
    if not builds:
        raise DeckgenError(
            f"{path}: no {FILE_NAME} here or in its folders (`deckgen build` writes it into "
            "OUT/<name>/: give that folder)"
        )
    # At most 12 names, then a count, as every message lists (123 builds: 1,800 characters).
    listed = ", ".join(f"{b}/" for b in builds[:12]) + (
        f" and {len(builds) - 12} more" if len(builds) > 12 else "")  # fmt: skip
    raise DeckgenError(
        f"{path}: holds no {FILE_NAME} but {len(builds)} builds, each with its own: {listed}; "
        "give one of them"
    )


@cli.command()
@click.argument("outline", type=_Source())
@_project_options()
@click.option("--debounce", type=click.IntRange(0, 10_000), default=300, show_default=True,
              help="Wait this many ms after a change for more changes.")  # fmt: skip
@click.option(
    "--jobs",
    "-j",
    "workers",
    type=click.IntRange(1, 64),
    default=None,
    help="Worker processes, kept warm between rebuilds (default: one per core).",
)
def watch(outline: Path, theme: str | None, out_dir: Path, allow_outside: bool,
          debounce: int, workers: int | None) -> None:  # fmt: skip
    """Build OUTLINE, then rebuild whenever it, a data file or the theme changes.

    Each rebuild reports what changed. A failed build is reported and watching goes on.
    Stop with Ctrl-C.
    """
    from deckgen.pipeline import BuildOptions
    from deckgen.watch import watch as run_watch

    options = BuildOptions(theme=theme, out_dir=out_dir, allow_outside=allow_outside,
                           workers=workers or _cores())  # fmt: skip

    def started(changed: tuple[Path, ...]) -> None:
        # Said as the rebuild starts, not after its seconds: the user sees their save taken.
        if changed:
            click.secho(f"\nChanged: {', '.join(p.name for p in changed)}", bold=True)

    def show(event: Any) -> None:
        if event.error is not None:
            _errors(event.error)
            click.echo("Still watching; fix the file and save it again.")
        else:
            _report_build(event.result)
        click.echo("Watching for changes (Ctrl-C stops)...")

    if run_watch(outline, options, show, debounce_ms=debounce, on_start=started):
        click.echo("\nStopped: the build under way was abandoned; the files of the last build "
                   "are as they were.", err=True)  # fmt: skip


@cli.command()
@click.argument("outline", type=_Source())
@click.option(
    "--preset", "-p", "presets", multiple=True, metavar="NAME",
    help="Write every card at this size instead of the sizes it asks for (repeatable): a "
    "name from `deckgen presets` or WIDTHxHEIGHT.",
)  # fmt: skip
@_project_options()
@click.option("--jobs", "-j", "workers", type=click.IntRange(1, 64), default=None,
              help="Render cards in this many processes (default: one per core).")  # fmt: skip
@click.option("--force", is_flag=True, help="Render every card again, ignoring the cache.")
def social(outline: Path, presets: tuple[str, ...], theme: str | None, out_dir: Path,
           allow_outside: bool, workers: int | None, force: bool) -> None:  # fmt: skip
    """Write only the social-media cards of OUTLINE (into OUT/<name>/social/).

    Without --preset, every card at the sizes the outline gives it. With --preset story,
    every card at story size, whether the outline asks for it or not (an infographic only at
    long-form sizes: long or WIDTHxauto); cards.json keeps the other sizes' entries.
    """
    from deckgen.pipeline import BuildOptions
    from deckgen.pipeline import social as run_social

    _there(outline)
    options = BuildOptions(theme=theme, out_dir=out_dir, allow_outside=allow_outside,
                           workers=workers or _cores(), force=force)  # fmt: skip
    result = run_social(outline, options, list(presets) or None)
    _warn(result.warnings)
    for r in result.cards:
        click.echo(f"{r.path}  {r.size[0]}x{r.size[1]}  {r.preset}")
    click.echo(f"Wrote {counted(len(result.cards), 'card')} and the manifest (cards.json)")


def _last_build(out_dir: Path) -> None:
    """A note where --out names no folder: check compares the deck with the last build
    there, and a typo ('outptu') skipped that comparison without a word (found by
    fuzzing). A note, not an error: a check before the first build (CI) names the
    folder the build will write; the default, 'output', goes without one."""
    from click.core import ParameterSource

    given = click.get_current_context().get_parameter_source("out_dir")
    folder = Path(out_dir)
    if given is ParameterSource.DEFAULT or folder.is_dir():
        return
    parent = folder.parent
    near = did_you_mean(folder.name, [p.name for p in parent.iterdir() if p.is_dir()]
                        if parent.is_dir() else [])  # fmt: skip
    click.echo(f"{click.style('note:', fg='cyan')} --out {str(out_dir)!r} names no folder, so "
               "the data is not compared with a last build (NUM004)"
               + (f"; {near}" if near else ""), err=True)  # fmt: skip


@cli.command()
@click.argument("outline", type=_Source())
@_project_options("Output folder of the last build (its values are compared with the data's).")
@click.option("--strict", is_flag=True, help="Exit 1 when there are warnings.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="How findings are printed (json for CI).")  # fmt: skip
@click.option("--select", multiple=True, metavar="CODE", callback=_given,
              help="Only these checks (codes or prefixes: A11Y, NUM003); repeatable.")  # fmt: skip
@click.option("--ignore", multiple=True, metavar="CODE", callback=_given,
              help="Skip these checks (codes or prefixes); repeatable.")  # fmt: skip
@_row_options("A batch outline: check each row of TABLE, as `batch` builds it.",
              "With --for-each: only rows where COLUMN=VALUE (or !=).")  # fmt: skip
def check(outline: Path, theme: str | None, out_dir: Path, allow_outside: bool, strict: bool,
          fmt: str, select: tuple[str, ...], ignore: tuple[str, ...], for_each: str | None,
          key: str | None, where: tuple[str, ...]) -> None:  # fmt: skip
    """Check OUTLINE without writing anything: everything a build validates, then fit,
    accessibility, numbers and editorial rules. A batch outline (one that reads `row`) is
    checked for each row with --for-each, --key and --where, as `deckgen batch` takes them.

    Exit 0 when clean, 1 with warnings under --strict, 2 with errors. The README lists
    every check.
    """
    import json

    from deckgen.check import check as run_check
    from deckgen.check.run import unknown_codes
    from deckgen.pipeline import BuildOptions

    for option, codes in (("--select", select), ("--ignore", ignore)):
        for code, hint in unknown_codes(codes):
            raise click.BadParameter(f"{code!r} names no check; {hint}", param_hint=option)
    rows = _rows(for_each, key, where)
    _last_build(out_dir)
    options = BuildOptions(theme=theme, out_dir=out_dir, allow_outside=allow_outside)
    # A check --for-each of thousands of rows takes a while: a bar counts them, as a
    # batch's does (it printed nothing for a minute; fuzzing round 5, F13).
    with _Progress(rows=True) if rows else contextlib.nullcontext() as progress:
        report = run_check(outline, options, select=select, ignore=ignore, rows=rows,
                           on_row=progress)  # fmt: skip
    shown = report.shown()
    if fmt == "json":
        click.echo(json.dumps([{**f.as_dict(), "more_like_it": more} for f, more in shown],
                              indent=1))  # fmt: skip
    else:
        for finding, more in shown:
            colour = "red" if finding.severity == "error" else "yellow"
            click.secho(f"{finding.code} {finding.severity}", fg=colour, bold=True, nl=False)
            at = f"{finding.location}: " if finding.location else ""
            # The slide or card it is on (a deck-wide finding names its place itself).
            on = finding.slide is not None or finding.card
            click.echo(f" {at}{finding.where + ': ' if on else ''}{finding.message}")
            click.echo(f"  fix: {finding.fix}")
            if more:
                alike = "more finding" if more == 1 else "more findings"
                click.echo(f"  ... and {more:,} {alike} like it elsewhere")
        errors, warnings = len(report.errors), len(report.warnings)
        click.echo(
            "No problems found." if not report.findings
            else f"{errors:,} error{'s' * (errors != 1)}, "
            f"{warnings:,} warning{'s' * (warnings != 1)}"
        )  # fmt: skip
    sys.exit(report.exit_code(strict=strict))


@cli.command()
@click.argument("outline", type=_Source())
@_row_options("Build one deck per row of this data source.",
              "Only rows where COLUMN=VALUE (or COLUMN!=VALUE); repeatable.",
              "The column naming each row's folder (default: the first).",
              required=True)  # fmt: skip
@_project_options("Output folder: one folder per row.")
@_engine_options
@click.option("--force", is_flag=True, help="Rebuild every row, ignoring what is up to date.")
@click.option("--native-charts", is_flag=True, help="Charts as editable PowerPoint charts.")
def batch(outline: Path, for_each: str, key: str | None, where: tuple[str, ...],
          theme: str | None, out_dir: Path, workers: int | None, executor: str,
          scheduler: str | None, force: bool, allow_outside: bool,
          native_charts: bool) -> None:  # fmt: skip
    """Build one deck and card set per row of a data source (a fact sheet per state).

    Each row is bound as `row` in every template and in filter values
    ("{{ row.state }}"); its files go into OUT/<key>/. Rows whose deck would not change
    are skipped; a row that fails is reported and the others are built. Exit 2 if any
    row failed. Ctrl-C stops starting rows, reports those done and exits 130; running the
    command again builds the rest.
    """
    from deckgen.batch import batch as run_batch
    from deckgen.pipeline import BuildOptions

    _there(outline)
    options = BuildOptions(theme=theme, out_dir=out_dir, allow_outside=allow_outside,
                           force=force, native_charts=native_charts,
                           **_engine(workers, executor, scheduler))  # fmt: skip
    with _Progress(rows=True) as progress:
        result = run_batch(outline, options, for_each=for_each, key=key, where=where,
                           on_row=progress)  # fmt: skip
    if result.interrupted:
        click.echo(err=True)  # ends the line the terminal echoed "^C" on
    from rich.cells import cell_len, set_cell_size

    # A key as long as a paragraph is cut, so the table's columns stay readable. Widths
    # are the terminal's cells: a key in Chinese or Japanese takes two a character, and
    # padded by its characters it pushed its row's columns out of line (fuzzing).
    keys = [r.key if cell_len(r.key) <= 40 else set_cell_size(r.key, 39) + "…"
            for r in result.rows]  # fmt: skip
    width = max((cell_len(k) for k in keys), default=3)
    first: dict[str, str] = {}  # each error's first row: rows failing alike say it once
    for key, row in zip(keys, result.rows, strict=True):
        status = click.style(f"{row.status:<10}", fg="red" if row.status == "failed" else None)
        # Named from the working folder, as build and check name files (found by fuzzing).
        told = _as_typed(row.error) if row.error else str(row.deck)
        # An error of the outline's (a template's filter misspelt) failed every row alike,
        # each with the whole message and hint (found in review): the first says it.
        if row.error and told in first:
            told = f"failed as {first[told]} did"
        elif row.error:
            first[told] = key
        detail, *more = told.splitlines()
        click.echo(f"{set_cell_size(key, width)}  {status}  {row.seconds:5.2f} s  {detail}")
        for line in more:  # the row's hints and further problems, under its line
            click.echo(f"{'':<{width}}  {line}")
    click.echo(_interrupted_summary(result) if result.interrupted else
               f"{result.count('built')} built, {result.count('up to date')} up to date, "
               f"{result.count('failed')} failed, {counted(result.rendered, 'picture')} "
               f"drawn, in {result.seconds:.1f} s")  # fmt: skip
    if result.removed:  # rows gone from the table: what a batch made for them is gone too
        click.echo(result.removal_note(for_each))
    if result.keyed_otherwise:  # an earlier batch's rows under another column's names
        click.echo(result.other_key_note())
    # Each warning once, with the rows it holds for: a batch printed none, so a card with
    # empty boxes for emoji went out without a word (found by fuzzing).
    said: dict[str, list[str]] = {}
    kept: set[str] = set()  # said only by rows up to date: their last build's warnings
    for row in result.rows:
        for warning in row.warnings:
            said.setdefault(warning, []).append(row.key)
    for warning, rows in said.items():
        states = {r.status for r in result.rows if r.key in rows}
        if states == {"up to date"}:
            kept.add(warning)
    built = result.count("built")
    for warning, rows in said.items():
        which = "every row built" if len(rows) == built > 1 else _rows_named(rows)
        head = "warning (last build):" if warning in kept else "warning:"
        click.echo(f"{click.style(head, fg='yellow')} {warning} ({which})", err=True)
    if result.interrupted:
        raise _Interrupted
    if result.failed:
        sys.exit(2)


def _interrupted_summary(result: BatchResult) -> str:
    """The summary of a batch that Ctrl-C stopped: what was done, and how to do the rest
    (a failed row is tried again too, so it counts among the rest)."""
    built, fresh = result.count("built"), result.count("up to date")
    up_to_date = f", {fresh} up to date" if fresh else ""
    rest = result.total - built - fresh
    return (f"interrupted: {built} of {counted(result.total, 'row')} built{up_to_date}, "
            f"{result.count('failed')} failed; run the same command again to build the "
            f"other {rest} (rows already built are skipped as up to date)")  # fmt: skip


def _rows_named(keys: list[str], most: int = 5) -> str:
    """'row Ohio', 'rows Ohio, Texas', or the first few and how many more."""
    shown = ", ".join(keys[:most]) + (f" and {len(keys) - most} more" if len(keys) > most else "")
    return f"row{'s' if len(keys) > 1 else ''} {shown}"


def _cores() -> int:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (
        os.cpu_count() or 1)  # fmt: skip


@cli.command()
@click.argument("source", metavar="OUTLINE|DECK.pptx",
                type=_Source(also=(".pptx",), what="an outline or a deck"))  # fmt: skip
@_project_options()
@click.option("--jobs", "-j", "workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Render pictures in this many worker processes (1: in this one).")  # fmt: skip
@click.option("--native-charts", is_flag=True, help="Build as `build --native-charts` does.")
@click.option("--native-callouts", is_flag=True, help="Build as `build --native-callouts` does.")
@click.option("--open", "open_page", is_flag=True, help="Open the gallery in the web browser.")
@_row_options("A batch outline: preview the deck of the one row --where picks.",
              "With --for-each: the row where COLUMN=VALUE (or !=).")  # fmt: skip
def preview(source: Path, theme: str | None, out_dir: Path, allow_outside: bool, workers: int,
            native_charts: bool, native_callouts: bool, open_page: bool,
            for_each: str | None, key: str | None, where: tuple[str, ...]) -> None:  # fmt: skip
    """Render every slide to see the deck and its cards without PowerPoint.

    An OUTLINE is built first, as `deckgen build` builds it (same options, same cache), and
    checked as `deckgen check` checks it; a DECK.pptx is shown as it is. Writes slide
    pictures, contact-sheet.png and index.html (a gallery that opens from disk: slides,
    then cards, each with its alt text, notes and findings) into OUT/<name>/preview/.
    A batch outline's row (--for-each TABLE --where COLUMN=VALUE) is built as `deckgen
    batch` builds it and previewed in OUT/<key>/<name>/preview/.
    Needs LibreOffice and poppler. Exits 0 when the gallery is written, whatever the
    check found (`deckgen check` is the gate).
    """
    from deckgen.pipeline import BuildOptions
    from deckgen.preview import preview as run_preview

    rows = _rows(for_each, key, where)
    _there(source, "no such file", also=(".pptx",))
    options = BuildOptions(theme=theme, out_dir=out_dir, allow_outside=allow_outside,
                           workers=workers, native_charts=native_charts,
                           native_callouts=native_callouts)  # fmt: skip
    with _Progress() as progress:
        result = run_preview(source, options, progress, rows)
    if result.build is not None:
        _report_build(result.build)
    _warn(result.warnings, last=False)
    cards = f" and {counted(result.cards, 'social card')}" if result.cards else ""
    if result.report is None:
        found = "a .pptx: no outline, so no check and no cards"
    else:
        found = (
            f"deckgen check: {counted(len(result.report.errors), 'error')}, "
            f"{counted(len(result.report.warnings), 'warning')}"
        )
    click.echo(f"Previewed {counted(result.slides, 'slide')}{cards} ({found})")
    click.echo(f"Gallery: {result.index}")
    click.echo(f"Contact sheet: {result.contact_sheet}")
    if open_page:
        import webbrowser

        webbrowser.open(result.index.resolve().as_uri())


@cli.command()
def presets() -> None:
    """List the social image size presets (pixel size, safe area, use)."""
    from deckgen.outline.presets import MAX_SIDE, MIN_SIDE, MIN_WIDTH, preset_table

    for line in _aligned([("preset", "pixels", "safe area", "for"), *preset_table()]):
        click.echo(line)
    click.echo(f"Any other size: WIDTHxHEIGHT (e.g. 1200x1200; the width {MIN_WIDTH} to "
               f"{MAX_SIDE} px, the height {MIN_SIDE} to {MAX_SIDE}).")  # fmt: skip


def _aligned(rows: list[tuple[str, ...]]) -> list[str]:
    """Rows as lines, each column as wide as its widest cell (the last is not padded)."""
    widths = [max(len(row[k]) for row in rows) for k in range(len(rows[0]) - 1)]
    return ["  ".join([*(c.ljust(w) for c, w in zip(row, widths, strict=False)), row[-1]])
            for row in rows]  # fmt: skip


class _Progress:
    """A rich progress bar on a terminal; silent otherwise (CI logs stay clean). For a
    batch (``rows=True``) it counts rows and shows the time remaining."""

    def __init__(self, *, rows: bool = False) -> None:
        self.rows = rows

    def __enter__(self) -> Any:
        if not sys.stderr.isatty():
            return None
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        columns = (
            [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
             TimeRemainingColumn()] if self.rows else []
        )  # fmt: skip
        self._bar = Progress(*columns, transient=True)
        self._bar.start()
        self._task = self._bar.add_task("Building", total=None)
        return self._row if self.rows else self._update

    def _update(self, stage: str, done: int, total: int) -> None:
        self._bar.update(self._task, description=f"{stage:>8}", completed=done, total=total or None)

    def _row(self, done: int, total: int, result: Any) -> None:
        self._bar.update(self._task, description=f"{result.key}: {result.status}",
                         completed=done, total=total)  # fmt: skip

    def __exit__(self, *exc: object) -> None:
        if hasattr(self, "_bar"):
            self._bar.stop()


@cli.command()
@click.option("--project", default=None, help="Also list the themes of this project folder "
              "(default: the current folder, where it has a themes/ folder).",
              type=click.Path(path_type=Path, file_okay=False, exists=True))  # fmt: skip
def themes(project: Path | None) -> None:
    """List the available themes with their colours."""
    from deckgen.errors import Problem
    from deckgen.kinds import TEMPLATE_LAYOUTS
    from deckgen.theming.load import SHIPPED_DIRS, available, load_theme

    if project is None and Path("themes").is_dir():
        # In a project made by `deckgen new`, its own copy is the theme its builds use: it
        # was listed as the shipped one unless --project named the folder (review).
        project = Path(".")

    found = available(project)
    if not found:
        raise DeckgenError("no themes found")
    width = max(len(name) for name in found) + 2
    indent = " " * width
    shipped = [d.resolve() for d in SHIPPED_DIRS]
    broken: list[Problem] = []
    for name, folder in found.items():
        try:
            t = load_theme(str(folder), None, TEMPLATE_LAYOUTS).theme
        except DeckgenError as exc:
            # Listed with the others, its problems told after the list: one broken theme
            # of a project hid every theme, the shipped ones too (found in an audit).
            broken += exc.problems
            click.echo(click.style(name.ljust(width), bold=True)
                       + f"does not load: {counted(len(exc.problems), 'problem')}, below; "
                       f"{folder}")  # fmt: skip
            continue
        click.echo(click.style(name.ljust(width), bold=True) + f"{t.label}: {t.description}")
        swatches = []
        for role in ("background", "text", "primary", "highlight", "neutral"):
            hex_colour = getattr(t.colors, role)
            r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
            swatches.append(click.style("  ", bg=(r, g, b)) + f" {role} {hex_colour}")
        click.echo(indent + "   ".join(swatches))
        fonts = " / ".join(f.family for f in (t.fonts.heading, t.fonts.body, t.fonts.number))
        where = "shipped with deckgen" if folder.resolve().parent in shipped else "the project's"
        click.echo(f"{indent}fonts: {fonts}; {where}: {folder}")
    if broken:
        raise DeckgenError(broken)


@cli.command()
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False), default=".")
@click.option("--example", "-e", metavar="NAME", default="starter", show_default=True,
              callback=_given,
              help="The example to start from (`deckgen examples` lists them).")  # fmt: skip
@click.option("--theme", "-t", metavar="NAME", callback=_given,
              help="Copy this shipped theme instead of the example's, and name it in the "
              "outline.")  # fmt: skip
@click.option("--force", is_flag=True,
              help="Write into a folder that is not empty (files of the same names are "
              "overwritten).")  # fmt: skip
def new(folder: Path, example: str, theme: str | None, force: bool) -> None:
    """Start a project in FOLDER (default: this folder) from an example: an outline, its
    data and the README of the data, and a copy of a theme in themes/<name>/ to edit.

    FOLDER must be new or empty unless --force. Prints the command that builds it.
    """
    from deckgen.examples import new_project

    made = new_project(folder, example, theme, force=force)
    click.echo(f"Created {_shown(made.folder)} from the example {made.example.name!r}:")
    for file in made.files:
        click.echo(f"  {file.as_posix()}")
    click.echo(f"The theme is a copy of {made.theme!r} in themes/{made.theme}/: edit it freely.")
    click.echo("Next:")
    if made.folder.resolve() != Path.cwd().resolve():
        import shlex

        # Quoted for the shell: 'cd Q3 briefing (draft)' failed when pasted (fuzzing).
        click.echo(f"  cd {shlex.quote(str(made.folder))}")
    click.echo(f"  deckgen build {made.example.outline}")


def _shown(folder: Path) -> str:
    return "this folder" if folder.resolve() == Path.cwd().resolve() else str(folder)


@cli.command()
def examples() -> None:
    """List the examples `deckgen new --example NAME` starts a project from."""
    from deckgen.examples import DEFAULT, EXAMPLES

    width = max(len(name) for name in EXAMPLES)
    for name, example in EXAMPLES.items():
        default = " (the default)" if name == DEFAULT else ""
        click.echo(f"{name:<{width}}  {example.outline}: {example.about}{default}")
        if example.also:
            click.echo(f"{'':<{width}}  also {example.also}")
    click.echo("Start one with: deckgen new FOLDER --example NAME")


@cli.group()
def template() -> None:
    """Corporate PowerPoint templates (.pptx/.potx) for themes."""


@template.command("inspect")
@click.argument("file", metavar="FILE|THEME")
def template_inspect(file: str) -> None:
    """List the layouts of a template and their placeholders (idx, type, name, box).

    FILE|THEME is a .pptx/.potx file, or a theme built on one (its name, shipped or in
    themes/ here, or its folder). Use the layout names in a theme's theme.yaml (template:
    layouts:) to choose which layout each slide kind uses.

    \b
    The template of the shipped theme corporate-template:
      deckgen template inspect corporate-template
    """
    from deckgen.theming.load import find_template
    from deckgen.theming.template import describe, read_template

    for line in describe(read_template(find_template(file, Path.cwd()))):
        click.echo(line)


@cli.group()
def daemon() -> None:
    """A warm process that `deckgen build` hands its work to: a rebuild after an edit in
    a fraction of the time (Linux and macOS).

    While it runs, `deckgen build` sends it the command and prints what it prints; the
    files written are the same. It keeps, per outline, the libraries, the worker pool and
    the last build's inputs and slides, as `deckgen watch` does. A build typed at a
    terminal starts one when none runs (and it is warmed with that build);
    DECKGEN_DAEMON=use starts none, DECKGEN_DAEMON=off builds without one.
    """


@daemon.command("start")
@click.option("--idle", type=click.FloatRange(0.01, 24 * 60), default=IDLE_MINUTES,
              show_default=True, metavar="MINUTES",
              help="Stop after this long without a build.")  # fmt: skip
def daemon_start(idle: float) -> None:
    """Start the daemon in the background (or say which one runs)."""
    from deckgen.daemon import start

    status = start(idle)
    click.echo(f"The deckgen daemon runs (pid {status['pid']}); `deckgen build` uses it. "
               "Stop it with: deckgen daemon stop")  # fmt: skip


@daemon.command("stop")
def daemon_stop() -> None:
    """Stop the daemon and its workers (a build it is running stops, and is made by the
    command that asked for it)."""
    from deckgen.daemon import stop

    pid = stop()
    click.echo(
        "No deckgen daemon runs." if pid is None else f"Stopped the deckgen daemon (pid {pid})."
    )


@daemon.command("status")
def daemon_status() -> None:
    """Say whether the daemon runs, since when, and what it keeps warm; exit 1 if not."""
    import time

    from deckgen.daemon import STALE, ask, code_token

    status = ask("status")
    if status is None:
        click.echo("No deckgen daemon runs (start one: deckgen daemon start).")
        sys.exit(1)
    if status.get("code") != code_token():
        click.echo(f"note: {STALE}; `deckgen build` builds without it", err=True)
    minutes = (time.time() - float(status["since"])) / 60
    click.echo(f"The deckgen daemon runs: pid {status['pid']}, deckgen {status['version']}, "
               f"for {minutes:.0f} min, {counted(int(status['builds']), 'build')} so far; "
               f"folder {status['folder']}")  # fmt: skip
    for outline in status.get("sessions", []):
        click.echo(f"  warm: {outline}")


@daemon.command("run", hidden=True)
@click.option("--idle", type=click.FloatRange(0.01, 24 * 60), default=IDLE_MINUTES,
              metavar="MINUTES")  # fmt: skip
@click.option("--warm-up", "warm", is_flag=True,
              help="First make the build read from stdin (JSON) into a session.")  # fmt: skip
def daemon_run(idle: float, warm: bool) -> None:
    """Run the daemon in this process (what `start` runs in the background)."""
    import json

    from deckgen.daemon import serve

    try:  # written by daemon.start_after
        request = json.loads(sys.stdin.buffer.read(1 << 20)) if warm else None
    except ValueError:
        request = None  # then it serves cold
    serve(idle, _run_in_daemon, request if isinstance(request, dict) else None)


def _run_in_daemon(argv: list[str], obj: dict[str, Any], color: bool) -> int:
    """One command a client sent, run here: its exit code. Only `build` is taken."""
    command = next((a for a in argv if not a.startswith("-")), None)
    if command != "build":
        click.echo(f"error: the deckgen daemon runs builds, not {command!r}", err=True)
        return 2
    try:
        cli.main(argv, prog_name="deckgen", obj=obj, color=color)
    except SystemExit as exc:
        return _exit_code(exc.code)
    except Exception:  # only under --debug (see _Group.invoke): its traceback, as here
        traceback.print_exc()
        return 1
    return 0


def _exit_code(code: object) -> int:
    """``SystemExit.code`` as a process's exit code (a message is printed, then 1)."""
    if code is None or isinstance(code, int):
        return code or 0
    print(code, file=sys.stderr)  # what sys.exit("message") would have printed
    return 1


def main() -> None:
    """The installed ``deckgen`` command: run it, then end the process at once.

    Everything a command writes is written, flushed and renamed into place before it
    returns, and its workers are joined. What is left is the interpreter freeing pandas,
    matplotlib and python-pptx object by object, about 0.25 s of every run that a user
    would wait for and that changes nothing; ``os._exit`` skips it. Only the command
    does this: tests and scripts call :func:`cli`, which returns as any function does.
    """
    # numpy's OpenBLAS starts a thread per core when it loads, which spins a while for
    # work that never comes (nothing here multiplies matrices big enough to share out):
    # ~0.1 CPU s in the build's process and again in the drawing process, on two cores
    # while the other imports. Set before numpy loads; a user's own value wins.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    try:
        cli(prog_name="deckgen")  # standalone: always ends in SystemExit
        code = 0
    except SystemExit as exc:
        code = _exit_code(exc.code)
    for stream in (sys.stdout, sys.stderr):
        # The reader may have left (`| head`) or closed the stream: nothing more to say.
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)
