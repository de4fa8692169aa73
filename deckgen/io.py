"""File-system rules: every read is confined to the project, writes are atomic.

:func:`confine` is the one gate a path from an outline or a theme passes before anything
reads it (outline data, images, the theme folder, a theme's logo, fonts and template);
:func:`open_regular` is how state files (the manifest, the cache) are opened: regular
files only, so a name that points at ``/dev/zero`` or a FIFO cannot hang a build;
:func:`read_bounded` reads a file the user names (the outline) the same way, at most a
limit's worth, and says why it would not; :func:`state_json` parses such a file's JSON and
:func:`own_folder` is the one check of the folders that hold it.
"""

from __future__ import annotations

import errno
import hashlib
import itertools
import json
import os
import re
import shutil
import stat
import time
import unicodedata
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, BinaryIO

from deckgen.errors import DeckgenError, Location, Problem, nearest

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable


def confine(
    relative: str | Path,
    root: Path,
    where: Location | None,
    *,
    allow_outside: bool = False,
    inside: Iterable[Path] = (),
    what: str = "path",
    root_name: str = "the project folder",
    error: type[DeckgenError] = DeckgenError,
    fix: str | None = None,
) -> Path:
    """Resolve ``relative`` against ``root`` (symlinks first); refuse a path that leaves
    ``root`` and every folder of ``inside`` (folders trusted by definition: the shipped
    themes).

    An outline or a theme is data from anyone; it must not read ``/etc/passwd``,
    ``../../secrets`` or a folder linked to either into a deck unless the user asked for
    that with ``--allow-outside``.
    """
    try:
        path = (root / relative).resolve()
        special = path.exists() and not (path.is_file() or path.is_dir())
        # Python 3.13 resolves a loop without a word, and exists() is then False: the
        # "not found" that followed would name a file that is there, as a link.
        loops = not path.exists() and _loops(path)
    except RuntimeError:  # Python 3.11 and 3.12 raise this for a loop of symbolic links
        loops = True
    except OSError as exc:  # a name longer than the system allows (ENAMETOOLONG)
        if exc.errno != errno.ELOOP:
            raise error(
                Problem(
                    where,
                    f"{what} {shortened(str(relative))!r} cannot be used: {exc.strerror or exc}",
                    "name a file with a shorter path",
                )
            ) from None
        loops = True
    if loops:
        # Found by fuzzing: 'internal error: RuntimeError: Symlink loop', exit 1.
        raise error(
            Problem(
                where,
                f"{what} {shortened(str(relative))!r} is a symbolic link that loops (it "
                "leads back to itself), so it names no file",
                "point the link at the file (ln -sfn FILE LINK), or put the file in its place",
            )
        )
    if special:
        # A FIFO or a device would make the read that follows wait, or never end.
        raise error(
            Problem(
                where,
                f"{what} {str(relative)!r} is not a regular file (a FIFO, a device or a socket)",
                "name a file saved on disk",
            )
        )
    if allow_outside:
        return path
    homes = [root, *inside]
    if any(path.is_relative_to(home.resolve()) for home in homes):
        return path
    # Inside as written but outside once resolved: say so, the link is what to fix.
    written = Path(os.path.normpath((root / relative).absolute()))
    via = ""
    if any(written.is_relative_to(home.absolute()) for home in homes):
        via = f" (through a symbolic link, to {str(path)!r})"
    raise error(
        Problem(
            where,
            f"{what} {str(relative)!r} points outside {root_name} {str(root)!r}{via}",
            fix or f"move it into {root_name}, or pass --allow-outside to read it where it is",
        )
    )


def _loops(path: Path) -> bool:
    """Whether ``path`` is a symbolic link that leads back to itself (ELOOP)."""
    try:
        os.stat(path)
    except OSError as exc:
        return exc.errno == errno.ELOOP
    return False


def shortened(text: str, most: int = 80) -> str:
    """``text``, or its start and an ellipsis if it is longer than ``most`` characters (a
    message quotes a path or name someone wrote, however long)."""
    return text if len(text) <= most else f"{text[: most - 20]}…{text[-19:]}"


class NotRegularFile(OSError):
    """A path names a FIFO, a device, a socket or a folder, not a file of bytes on disk."""


class FileTooLarge(OSError):
    """A file holds more bytes than its reader takes."""


def name_words(text: str) -> list[str]:
    """The words of ``text`` for a file or folder name, lower case: accents dropped
    ('Zürich' -> 'zurich', 'Économie' -> 'economie'), letters of other scripts kept
    ('東京'), a soft hyphen or zero-width space inside a word ignored. Where only a-z and
    0-9 were kept, 'Zürich' became 'z-rich' and every Japanese title 'card' (found by
    fuzzing)."""
    import unicodedata

    kept = (c for c in unicodedata.normalize("NFKD", text)
            if not unicodedata.combining(c) and unicodedata.category(c) != "Cf")  # fmt: skip
    plain = "".join(kept).translate(_LATIN)
    return re.findall(r"[^\W_]+", plain.casefold())


#: Latin letters with no accent for NFKD to drop, folded as they are typed in ASCII: 'Łódź'
#: became 'łodz' and 'Øresund' stayed 'øresund', half folded (found in review). 'ß' folds
#: with casefold ('ss').
_LATIN = str.maketrans({
    "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
    "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "TH", "ħ": "h", "Ħ": "H",
    "ı": "i", "ŧ": "t", "Ŧ": "T", "ŀ": "l", "Ŀ": "L", "ŋ": "n", "Ŋ": "N",
})  # fmt: skip


def _kind(mode: int) -> str:
    """What a file that is not a regular file is, for a message."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (a named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a socket" if stat.S_ISSOCK(mode) else "not a file"


def _open_regular(path: Path, *, follow: bool = True) -> BinaryIO:
    """``path`` opened for reading; :class:`NotRegularFile` (or another ``OSError``) if it
    cannot be."""
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0)
    if not follow:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegularFile(errno.EINVAL, f"not a regular file but {_kind(mode)}", str(path))
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def open_regular(path: Path, *, follow: bool = True) -> BinaryIO | None:
    """``path`` opened for reading if it is a regular file, else ``None``.

    Opened non-blocking and checked on the open descriptor, so a FIFO or a device put in
    its place (or named by a damaged manifest) is refused without a read that never ends.
    ``follow=False`` refuses a symbolic link too (deckgen's own state files are never
    links: one is damage, or a way to read a file from elsewhere).
    """
    try:
        return _open_regular(path, follow=follow)
    except OSError:
        return None


def read_bounded(path: Path, limit: int, *, follow: bool = True) -> bytes:
    """The bytes of the regular file ``path``, which must hold at most ``limit`` of them.

    Opened as :func:`open_regular` opens it, and at most ``limit + 1`` bytes are read, so a
    link to ``/dev/zero``, a FIFO or a huge file is refused at once. Raises
    :class:`NotRegularFile`, :class:`FileTooLarge`, ``FileNotFoundError`` or another
    ``OSError``.
    """
    with _open_regular(path, follow=follow) as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise FileTooLarge(errno.EFBIG, f"larger than {limit:,} bytes", str(path))
    return data


def read_regular(path: Path, limit: int, *, follow: bool = True) -> bytes | None:
    """The bytes of the regular file ``path`` if it holds at most ``limit`` of them, else
    ``None`` (missing, not a regular file, unreadable or too big)."""
    try:
        return read_bounded(path, limit, follow=follow)
    except OSError:
        return None


#: The deepest nesting :func:`state_json` accepts, the YAML files' limit: the sample's
#: state nests five levels at most (a manifest, its assets, an asset, its cells, a cell).
STATE_DEPTH = 64
_TOO_DEEP = f"JSON nested more than {STATE_DEPTH} levels deep, far deeper than a build writes"


class NestedTooDeep(ValueError):
    """A state file's JSON nests deeper than :data:`STATE_DEPTH`."""


def state_json(data: bytes | str) -> Any:
    """``data``, one of deckgen's own state files (a manifest, ``cards.json``, a cache
    entry), parsed as JSON; ``ValueError`` if it is not JSON, :class:`NestedTooDeep` (a
    ``ValueError`` too) if it nests deeper than :data:`STATE_DEPTH`, so each reader's one
    "damaged" path (discard it, build it again) takes this damage too.

    json's parser recurses: a list nested 100,000 deep raised ``RecursionError`` out of
    every reader (found by fuzzing: even ``build --force`` crashed). One just shallow
    enough to parse could raise it later, in whatever recurses over it with less stack
    left (a comparison, a repr, pickling for a worker), so the nesting is measured here
    too, without recursing (0.2 ms on the sample's manifest).
    """
    try:
        document = json.loads(data)
    except RecursionError:
        raise NestedTooDeep(_TOO_DEEP) from None
    nests = type(document) is list or type(document) is dict
    containers: list[tuple[Any, int]] = [(document, 1)] if nests else []
    while containers:
        value, depth = containers.pop()
        items = value.values() if type(value) is dict else value
        for item in items:
            if type(item) is list or type(item) is dict:
                if depth >= STATE_DEPTH:
                    raise NestedTooDeep(_TOO_DEEP)
                containers.append((item, depth + 1))
    return document


def own_folder(folder: Path, *, clear: bool = False) -> bool:
    """Whether ``folder``, one of deckgen's own under the output folder (a deck's
    ``OUT/<name>/``, its picture cache, slide cache or cards), is a real folder: not a
    symbolic link, a file or missing.

    State is read, written and removed only in a real folder: through a link (a project
    unpacked from an archive or a shared repository can carry one) a build would read
    entries planted elsewhere, write its files there and remove what it found there. With
    ``clear``, a link or a file in its place is removed (the link, never what it points
    to), so the write that makes the folder makes a real one; a missing folder is left to
    that write. Only ``folder`` is checked, not the folders above it: each caller checks
    its own level (the output folder itself may be a link the user made).
    """
    try:
        mode = os.lstat(folder).st_mode  # one call: it is asked once per cache entry
    except OSError:  # missing, or a file in the way above it: the write that follows says so
        return False
    if stat.S_ISDIR(mode):
        return True
    if clear:
        try:
            folder.unlink()
        except OSError as exc:
            raise _write_problem(folder, exc) from None
    return False


def file_digest(path: Path) -> str | None:
    """The SHA-256 of a regular file, read in blocks; ``None`` for anything else (missing,
    a folder, a FIFO or device a damaged manifest names: refused, never read).

    Remembered per file state (device, inode, size, modification and change times), not per
    path: render keys name the same fonts and logos in every job, and a batch's manifests
    the same outline, data and theme in every row, so each is read once; a file replaced
    under a long ``deckgen watch`` has another state. Only a file left alone for a while is
    remembered: one written in the clock tick it was read in could keep that state with
    other bytes (git's "racily clean" case). A remembered file is found by one ``stat``
    of its path, not opened: a 50-row batch asks for the theme's fonts about 2,000 times.
    """
    try:
        known = _SETTLED.get(_state(os.stat(path)))
    except OSError:
        return None
    if known is not None:
        return known
    handle = open_regular(path)
    if handle is None:
        return None
    with handle:
        key = _state(os.fstat(handle.fileno()))
        digest = hashlib.sha256()
        try:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        except OSError:
            return None
    settled = time.time_ns() - max(key[3], key[4]) > _SETTLED_NS
    if settled and len(_SETTLED) < 4096:
        _SETTLED[key] = digest.hexdigest()
    return digest.hexdigest()


def _state(state: os.stat_result) -> tuple[int, int, int, int, int]:
    """What identifies a file's bytes without reading them: device, inode, size, and the
    modification and change times."""
    return (state.st_dev, state.st_ino, state.st_size, state.st_mtime_ns, state.st_ctime_ns)


#: Digests of files unchanged for at least :data:`_SETTLED_NS`, by their state.
_SETTLED: dict[tuple[int, int, int, int, int], str] = {}
_SETTLED_NS = 2_000_000_000


#: Characters no deck may hold: C0 controls but tab, newline and carriage return (XML 1.0
#: forbids them: python-pptx refuses them, a workbook turns them into _x0001_), DEL, and
#: the noncharacters U+FFFE and U+FFFF (XML forbids them too), and U+FEFF (a byte-order
#: mark: one pasted or joined into the middle of a cell is invisible but breaks matching).
#: Invisible, usually pasted from Word or a terminal: removed, never reported.
_REMOVED = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff\ufffe\uffff]")
#: Line breaks other than a newline: Windows' CR LF and old Mac's CR inside a quoted CSV
#: cell, NEL (U+0085) and the Unicode line and paragraph separators. Text is fitted and
#: drawn line by line at each newline, and Pillow's text layout fails on the others: each
#: becomes one newline.
_BREAK = re.compile("\r\n?|[\x85\u2028\u2029]")
#: What :func:`clean_text` changes: search with it to find the text that needs cleaning.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x85\u2028\u2029\ufeff\ufffe\uffff]")
#: A lone UTF-16 surrogate: text decoded wrongly (a JSON ``"\ud83d"`` half an emoji). No
#: file can hold it; what it should have been cannot be guessed, so it is refused.
SURROGATE = re.compile(r"[\ud800-\udfff]")


def clean_text(text: str) -> str:
    """``text`` without control characters, with one kind of line break (see
    :data:`CONTROL`), and composed (NFC): 'É' written as 'E' and an accent (macOS writes
    names so) is the 'É' an editor types; a highlight typed one way matched no category
    written the other, and the did-you-mean offered a name that looked the same (found by
    fuzzing)."""
    text = _REMOVED.sub("", _BREAK.sub("\n", text))
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


#: The bidirectional overrides: each shows the text after it in the other direction, letter
#: by letter, whatever its script ('\u202eevil text' reads 'txet live'), so a slide says
#: what no check reads. Not the marks and isolates a right-to-left text may need.
OVERRIDES = {"\u202d": "left-to-right override", "\u202e": "right-to-left override"}
OVERRIDE = re.compile(f"[{''.join(OVERRIDES)}]")


def override_said(found: str) -> str:
    """What a text holding the override ``found`` is told (see :data:`OVERRIDES`)."""
    return (f"expected text as it reads, found U+{ord(found):04X} ({OVERRIDES[found]}), which "
            "shows the letters after it reversed")  # fmt: skip


#: How to mend a text holding an override.
OVERRIDE_FIX = "remove it (a right-to-left text is laid out right to left as it is written)"


def surrogate_problem(text: str, where: Location | None) -> Problem | None:
    """A problem naming the first lone surrogate in ``text``, or ``None``."""
    found = SURROGATE.search(text)
    if found is None:
        return None
    return Problem(
        where,
        f"text {text[:40]!r} holds a lone surrogate (U+{ord(found.group()):04X}, character "
        f"{found.start() + 1}): half of a character that was decoded wrongly",
        "save the file as UTF-8 from the program that made it (in JSON, write the character "
        "itself or both halves of its \\ud83d\\ude00 pair)",
    )


def umask() -> int:
    # os.umask can only be read by setting it; set it back at once (a build is one thread
    # at this point of a write; the worker pools are processes).
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def clear_state(path: Path) -> None:
    """Remove whatever is at ``path`` unless it is a regular file: a folder, a link, a
    FIFO where deckgen keeps a state file (a cache entry, the manifest) of its own."""
    try:
        mode = os.lstat(path).st_mode  # one call: a build writes a state file per picture
    except FileNotFoundError:
        return
    if stat.S_ISDIR(mode):
        shutil.rmtree(path)
    elif not stat.S_ISREG(mode):
        path.unlink()


def check_writable(target: Path, *, state: bool = False) -> None:
    """Raise the :class:`DeckgenError` writing ``target`` would end in, before any work is
    done for it: a file where a folder on its way should be, a folder where it should be
    (unless ``target`` is a ``state`` file: then that is damage the write removes), a
    read-only folder."""
    try:
        existing = next((p for p in (target.parent, *target.parent.parents) if p.exists()), None)
        blocked = existing is not None and not existing.is_dir()
        in_the_way = not state and target.is_dir() and not target.is_symlink()
    except OSError as exc:  # a name too long to look up (found by fuzzing)
        raise _write_problem(target, exc) from None
    if blocked or in_the_way:
        raise _write_problem(target, OSError(errno.EEXIST, "in the way"))
    if existing is not None and not os.access(existing, os.W_OK | os.X_OK):
        raise _write_problem(target, PermissionError(errno.EACCES, "permission denied"))


def _write_problem(target: Path, exc: OSError) -> DeckgenError:
    """What went wrong writing ``target``, with the path to fix and how."""
    out = "or choose another folder with --out"
    if exc.errno == errno.ENAMETOOLONG:  # before any lookup: each would fail alike
        longest = max(len(part) for part in target.parts)
        message = (f"cannot be written: a name in its path is longer than the file system "
                   f"allows ({longest} characters)")  # fmt: skip
        hint = ("use a shorter name (most systems allow 255 characters; the deck and its "
                f"folder are named after the outline), {out}")  # fmt: skip
        return DeckgenError(Problem(Location(str(target)), message, hint))
    existing = next((p for p in (target.parent, *target.parent.parents) if p.exists()), None)
    if existing is not None and not existing.is_dir() and not existing.is_file():
        # A device or a pipe ('-o /dev/null' to silence a build): nothing to move.
        message = f"cannot be written: {str(existing)!r} is a device, not a folder"
        hint = "choose a folder with --out (it names where the deck and cards are written)"
    elif existing is not None and not existing.is_dir():
        message = f"cannot be written: {str(existing)!r} is a file, not a folder"
        hint = f"move or rename the file {str(existing)!r}, {out}"
    elif target.is_dir() and not target.is_symlink():
        message = "cannot be written: a folder of that name is in the way"
        hint = f"move or rename the folder {str(target)!r}, {out}"
    elif isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EROFS):
        folder = existing or target.parent
        message = f"cannot be written: the folder {str(folder)!r} is read-only"
        hint = f"make it writable (chmod u+w {str(folder)!r}), {out}"
    elif exc.errno == errno.ENOENT:  # a folder on the way that cannot hold folders (/proc)
        message = f"cannot be written: its folder cannot be made there ({exc.strerror})"
        hint = "choose another folder with --out (one you can create files in)"
    else:
        message = f"cannot be written: {exc.strerror or exc}"
        hint = f"free some space or check the disk, {out}"
    return DeckgenError(Problem(Location(str(target)), message, hint))


def atomic_write_bytes(target: Path, data: bytes, *, state: bool = False) -> None:
    """Write ``data`` to a temporary file beside ``target``, then rename it over ``target``.

    If the write fails, the temporary file is removed and ``target`` is untouched, so a
    failed build never damages the previous good output. The file gets the mode any new
    file would (0644 under the usual umask 022), not mkstemp's private 0600.

    A write that cannot happen (the output folder is a file or read-only, a folder is
    where the file goes) is a :class:`DeckgenError` naming the path and the fix. A
    ``state`` file (the cache's, the manifest) is deckgen's own: whatever is in its place
    is removed first, so damaged state never stops a build.
    """
    _put([(_stage(target, data, state), target)])


class Publication:
    """Files that change together, a deck and its cards: each written beside its target
    first (:meth:`write`), then all renamed over their targets one after another when the
    ``with`` block ends, and only then the files it drops (:meth:`remove`) removed.

    A build killed while it writes leaves the earlier files as they were; the renames take
    microseconds, where writing a card between the deck's rename and the next card's left a
    new deck beside the earlier cards (a kill at 95% of a build found it). A block that
    raises removes what it wrote and changes nothing.
    """

    def __init__(self) -> None:
        self._staged: list[tuple[Path, Path]] = []
        self._dropped: list[Path] = []

    def write(self, target: Path, data: bytes, *, state: bool = False) -> None:
        """Write ``data`` beside ``target`` (as :func:`atomic_write_bytes` does), to be
        put in place when the block ends."""
        self._staged.append((_stage(target, data, state), target))

    def remove(self, path: Path) -> None:
        """Remove ``path`` once the new files are in place."""
        self._dropped.append(path)

    def __enter__(self) -> Publication:
        return self

    def __exit__(self, kind: type[BaseException] | None, *rest: object) -> None:
        staged, self._staged = self._staged, []
        if kind is not None:
            for tmp, _ in staged:
                tmp.unlink(missing_ok=True)
            return
        _put(staged)
        for path in self._dropped:
            path.unlink(missing_ok=True)


def _stage(target: Path, data: bytes, state: bool) -> Path:
    """A new file beside ``target`` holding ``data``; removed again if the write fails.

    Made with ``os.open`` rather than mkstemp: the mode 0o666 is then masked by the
    user's umask as any new file's is, with no chmod and no reading of the umask (which
    only setting it can do), and an existing folder costs no mkdir. A warm rebuild writes
    a dozen files, and these calls were a third of its time writing them.
    """
    tmp: Path | None = None
    try:
        if state:
            clear_state(target)
        fd, tmp = _create_beside(target)
        with open(fd, "wb") as out:
            out.write(data)
        return tmp
    except BaseException as exc:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _write_problem(target, exc) from None
        raise


def _put(staged: list[tuple[Path, Path]]) -> None:
    """Rename each staged file over its target, in order; on a failure, remove the staged
    files not yet in place."""
    for k, (tmp, target) in enumerate(staged):
        try:
            os.replace(tmp, target)
        except OSError as exc:
            for left, _ in staged[k:]:
                left.unlink(missing_ok=True)
            raise _write_problem(target, exc) from None


_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)


def _create_beside(target: Path) -> tuple[int, Path]:
    """Create a new, empty file named ``.<name>.<random>.tmp`` beside ``target`` (its
    folders made if missing)."""
    for _ in range(100):
        # A name as long as the file system allows leaves no room for the marks around
        # it: a deck named after a 248-character outline failed (found by fuzzing).
        tmp = target.with_name(f".{target.name[:200]}.{os.urandom(6).hex()}.tmp")
        try:
            return os.open(tmp, _FLAGS, 0o666), tmp
        except FileExistsError:
            continue
        except FileNotFoundError:
            target.parent.mkdir(parents=True, exist_ok=True)
            return os.open(tmp, _FLAGS, 0o666), tmp
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(target.parent))


def not_utf8(path: Path) -> tuple[int | None, str, str]:
    """Where a text file that is not UTF-8 fails to read (its line), what it seems to be,
    and how to save it: a codec's "can't decode byte 0xe9 in position 115" names neither
    the line nor the fix (and a reader decoding in chunks counts from its chunk)."""
    import codecs

    handle = open_regular(path)
    if handle is None:
        return None, "the file is not UTF-8 text", _SAVE_UTF8
    decoder, line, head = codecs.getincrementaldecoder("utf-8")(), 1, b""
    with handle:
        while chunk := handle.read(1 << 20):
            if not head and (kind := _binary_kind(chunk[:8])) is not None:
                # Saving a deck or a workbook 'as UTF-8' is no fix (found by fuzzing).
                return None, f"the file is {kind}, not text", (
                    "give the text file deckgen reads here (an outline is .yaml, data "
                    ".csv, .xlsx or .json where the outline names them)")  # fmt: skip
            head = head or chunk[:4096]
            wide = wide_text(head)
            if wide is not None:
                return 1, wide, _SAVE_UTF8
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                line += chunk[: max(exc.start, 0)].count(b"\n")
                byte = chunk[exc.start : exc.start + 1].hex()
                return line, f"the file is not UTF-8 text: byte 0x{byte} cannot be read", _SAVE_UTF8
            line += chunk.count(b"\n")
    try:  # a sequence cut short at the end of the file raises only here
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return line, "the file is not UTF-8 text: it ends inside a character", _SAVE_UTF8
    return None, "the file is not UTF-8 text", _SAVE_UTF8


#: The first bytes of an Office file of the old kind (OLE), which is also what Office
#: writes a current file into when it is saved with a password.
OLD_OFFICE = b"\xd0\xcf\x11\xe0"
#: Files of other kinds by their first bytes: what a file named for text may be.
_BINARY = (
    (b"PK\x03\x04", "a zip archive (a PowerPoint deck, an Excel workbook or a template is one)"),
    (OLD_OFFICE, "an Office file of the old kind, or one saved with a password"),
    (b"%PDF", "a PDF"),
    (b"\x89PNG", "a PNG picture"),
    (b"\xff\xd8\xff", "a JPEG picture"),
)


def _binary_kind(head: bytes) -> str | None:
    return next((kind for magic, kind in _BINARY if head.startswith(magic)), None)


#: What a file in UTF-16 is told, with or without a byte-order mark.
UTF16 = "the file is UTF-16 text, not UTF-8"
UTF32 = "the file is UTF-32 text, not UTF-8"


#: The byte-order marks of UTF-16 text, little- and big-endian.
UTF16_MARKS = (b"\xff\xfe", b"\xfe\xff")


def marked_utf16(head: bytes) -> bool:
    """Whether ``head``, a file's first bytes, is UTF-16 text that says so by its byte-order
    mark (not UTF-32, whose mark starts alike): read as such, where text without a mark is
    only named (:func:`utf16_problem`)."""
    return head[:2] in UTF16_MARKS and wide_text(head) == UTF16


def wide_text(head: bytes) -> str | None:
    """What ``head``, a file's first bytes, says the file is when it is text in UTF-32 or
    UTF-16 (:data:`UTF32`, :data:`UTF16`), else ``None``. UTF-32's byte-order mark starts
    with UTF-16's: a UTF-32 file was called UTF-16 (found by fuzzing)."""
    if head[:4] in (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"):
        return UTF32
    return UTF16 if is_utf16(head) else None


def is_utf16(head: bytes) -> bool:
    """Whether ``head``, a file's first bytes, is UTF-16 text: it starts with a byte-order
    mark, or (as some exporters write it, without one) most of its bytes at one parity
    are NUL and almost none at the other: 'c\\x00o\\x00u\\x00' is 'cou' in UTF-16 LE.
    Latin text in UTF-16 has a NUL beside each letter; UTF-8 text has no NUL at all, but
    for a stray one (found by fuzzing: UTF-16 without a mark read as UTF-8 kept every NUL,
    and named columns 'c\\x00o\\x00u\\x00...')."""
    if head[:2] in UTF16_MARKS:
        return True
    if len(head) < 4:
        return False
    even, odd = head[0::2], head[1::2]
    nul_even, nul_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if not (max(nul_even, nul_odd) >= 0.3 and min(nul_even, nul_odd) <= 0.05):
        return False
    # And it reads as text: bytes '\x00\x01\xff\xfe' over and over, no text at all, were
    # called UTF-16 (found by fuzzing).
    text = head[: len(head) // 2 * 2].decode("utf-16-le" if nul_odd > nul_even else "utf-16-be",
                                             errors="replace")  # fmt: skip
    readable = sum(c.isprintable() or c in "\t\r\n" for c in text)
    return readable >= 0.9 * len(text)


def utf16_problem(
    path: Path, where: Location | None = None, head: bytes | None = None
) -> Problem | None:
    """The problem of a text file (a CSV, JSON) saved as UTF-16, else ``None``. UTF-16
    without a byte-order mark is valid UTF-8 to a decoder (a NUL is a character), so it is
    looked for before the file is read (``head``: its first bytes, if read already)."""
    head = read_regular_head(path, 4096) if head is None else head
    found = wide_text(head) if head is not None else None
    if found is None:
        return None
    return Problem(where or Location(str(path), 1), found, _SAVE_UTF8)


def read_regular_head(path: Path, size: int) -> bytes | None:
    """The first ``size`` bytes of the regular file ``path``, else ``None``."""
    handle = open_regular(path)
    if handle is None:
        return None
    with handle:
        try:
            return handle.read(size)
        except OSError:
            return None


_SAVE_UTF8 = (
    "save it as UTF-8 (a text editor: encoding UTF-8; Excel, for a CSV: Save As, 'CSV "
    "UTF-8'); other encodings are not guessed, so no character is read wrong"
)


def as_written(file: str, outline: Path) -> str:
    """``file`` named from the outline's folder as the outline itself is named
    ('themes/corporate/theme.yaml' beside 'deck.yaml', 'proj/data.csv' beside
    'proj/deck.yaml'), where it is an absolute path inside the project: a machine's own
    path in a message or in JSON for CI, unlike the outline's. Any other path is kept."""
    if not os.path.isabs(file):
        return file
    try:
        inside = Path(file).resolve().relative_to(outline.resolve().parent)
    except (OSError, ValueError):
        return file
    return (outline.parent / inside).as_posix()


def nearest_file(
    path: Path,
    written: str,
    suffixes: Iterable[str],
    what: str,
    *,
    quote: Callable[[str], str] = repr,
    relative_to: str = "the outline's folder",
) -> str:
    """What to write instead of ``written``, a file that is not there (``path``): the
    nearest name among the ``what`` (its kind of files: ``suffixes``) in its folder, as a
    path to write, or those files. Where its folder is not there either ('images/' beside
    an outline that keeps its pictures beside it), the nearest of its folders that is, as
    far as ``written`` names them, is looked in instead, and the hint says so. Paths are
    written with ``quote``: ``repr`` for a value in YAML, ``shlex.quote`` for a command
    line. The one hint for a missing data file, image, outline or theme.

    A path written with Windows' backslashes ('data\\sales.csv') is one name here, not
    folders and a file: the hint says to write it with forward slashes, and looks for the
    file as so written (it offered 'sales-old.csv', another file beside the outline; found
    by fuzzing)."""
    if "\\" in written:
        forward = written.replace("\\", "/")
        slashed = path.parent.joinpath(*path.name.split("\\"))
        use = (f"write the path with forward slashes, {quote(forward)} (a backslash is part "
               "of a name, not a folder separator)")  # fmt: skip
        if slashed.is_file():
            return use
        rest = nearest_file(slashed, forward, suffixes, what, quote=quote, relative_to=relative_to)
        return f"{use}; then {rest}"
    wanted = {s.lower() for s in suffixes}
    # The folders ``written`` names (not '..', which climbs, nor '/'): those that may be
    # missing.
    named = list(itertools.takewhile(lambda p: p not in ("", ".", "..", "/"),
                                     reversed(PurePosixPath(written).parts[:-1])))  # fmt: skip
    folder, up = path.parent, 0
    while up < len(named) and not folder.is_dir():
        folder, up = folder.parent, up + 1
    try:
        files = sorted(p.name for p in folder.iterdir()
                       if p.suffix.lower() in wanted and p.is_file())  # fmt: skip
    except OSError:  # not a folder, or not ours to read: nothing to suggest
        files = []
    # '.' and '/' have no parents: what they name is the folder itself (found by fuzzing).
    parents = (*PurePosixPath(written).parents, PurePosixPath("."))
    base = parents[up]
    gone = f"there is no folder {quote(str(parents[up - 1]))}; " if up else ""
    if not files:
        relative = "" if os.path.isabs(written) else f": it is relative to {relative_to}"
        return f"{gone}check the path{relative}"
    best = nearest(path.name, files)
    if best is not None:
        return f"{gone}did you mean {quote(str(base / best))}?"
    shown = ", ".join(quote(str(base / f)) for f in files[:8])
    more = f" and {len(files) - 8} more" if len(files) > 8 else ""
    there = relative_to if base == PurePosixPath(".") else quote(str(base))
    return f"{gone}the {what} in {there} are {shown}{more}"
