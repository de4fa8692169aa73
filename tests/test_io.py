"""deckgen.io: the confinement gate, regular-file reads and atomic writes."""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image
from pptx import Presentation

import deckgen.io
from deckgen.cli import cli
from deckgen.errors import DeckgenError, Location
from deckgen.io import (
    FileTooLarge,
    NotRegularFile,
    Publication,
    atomic_write_bytes,
    confine,
    file_digest,
    open_regular,
    read_bounded,
    read_regular,
)

BAD = Path(__file__).parent / "bad_inputs"
WHERE = Location("deck.yaml", 3, "data.x.file")


def test_confine_keeps_paths_inside_and_resolves_them(tmp_path):
    (tmp_path / "data").mkdir()
    assert confine("data/a.csv", tmp_path, WHERE) == (tmp_path / "data" / "a.csv").resolve()
    assert confine("data/../a.csv", tmp_path, WHERE) == (tmp_path / "a.csv").resolve()


@pytest.mark.parametrize("path", ["../a.csv", "/etc/passwd", "data/../../a.csv"])
def test_confine_refuses_a_path_that_leaves_the_root(tmp_path, path):
    with pytest.raises(DeckgenError, match="points outside the project folder") as caught:
        confine(path, tmp_path, WHERE)
    assert caught.value.problems[0].location == WHERE
    assert "--allow-outside" in str(caught.value)


def test_confine_resolves_symbolic_links_first_and_says_so(tmp_path):
    project, elsewhere = tmp_path / "project", tmp_path / "elsewhere"
    project.mkdir()
    elsewhere.mkdir()
    (project / "data").symlink_to(elsewhere)
    with pytest.raises(DeckgenError, match="through a symbolic link"):
        confine("data/a.csv", project, WHERE)


def test_allow_outside_and_trusted_folders_open_the_gate(tmp_path):
    project, shipped = tmp_path / "project", tmp_path / "shipped"
    project.mkdir()
    assert confine("../x", project, WHERE, allow_outside=True) == (tmp_path / "x").resolve()
    assert confine(shipped / "t", project, WHERE, inside=[shipped]) == (shipped / "t").resolve()


def test_open_regular_refuses_devices_fifos_and_folders(tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    (tmp_path / "file").write_bytes(b"abc")
    for path in (Path("/dev/zero"), fifo, tmp_path, tmp_path / "missing"):
        assert open_regular(path) is None  # returns at once: no read that never ends
    assert read_regular(tmp_path / "file", 3) == b"abc"
    assert read_regular(tmp_path / "file", 2) is None  # bigger than the limit


def test_read_bounded_reads_at_most_its_limit_and_says_why_it_would_not(tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    (tmp_path / "zero").symlink_to("/dev/zero")
    for path, kind in ((fifo, "a FIFO"), (tmp_path / "zero", "a device"), (tmp_path, "a folder")):
        with pytest.raises(NotRegularFile, match=f"not a regular file but {kind}"):
            read_bounded(path, 10)
    with pytest.raises(FileNotFoundError):
        read_bounded(tmp_path / "missing", 10)
    huge = tmp_path / "huge"
    with huge.open("wb") as out:
        out.truncate(64 * 2**30)  # sparse: 64 GB that take no disk and must not be read
    with pytest.raises(FileTooLarge, match="larger than 1,000 bytes"):
        read_bounded(huge, 1000)
    (tmp_path / "file").write_bytes(b"abc")
    assert read_bounded(tmp_path / "file", 3) == b"abc"


@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_atomic_writes_take_the_users_umask(tmp_path, mask, mode):
    old = os.umask(mask)
    try:
        atomic_write_bytes(tmp_path / "deck.pptx", b"x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "deck.pptx").stat().st_mode) == mode


def test_a_built_deck_is_readable_by_others_under_umask_022(tmp_path):
    project = tmp_path / "p"
    project.mkdir()
    (project / "deck.yaml").write_text("deck: {title: T}\nslides:\n  - kind: title\n")
    old = os.umask(0o022)
    try:
        result = CliRunner().invoke(
            cli, ["build", str(project / "deck.yaml"), "--out", str(tmp_path / "out")]
        )
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.output
    written = [p for p in (tmp_path / "out").rglob("*") if p.is_file()]
    assert written and {stat.S_IMODE(p.stat().st_mode) for p in written} == {0o644}


@pytest.mark.parametrize("case", ["theme_logo_outside", "theme_folder_symlinked"])
def test_allow_outside_builds_what_the_confinement_refused(tmp_path, case, monkeypatch):
    project = tmp_path / "project"
    shutil.copytree(BAD / case, project, symlinks=True)
    (project / "outside").rename(tmp_path / "outside")
    monkeypatch.chdir(project)
    args = ["build", "deck.yaml", "--out", str(tmp_path / "out")]
    assert CliRunner().invoke(cli, args).exit_code == 2
    result = CliRunner().invoke(cli, [*args, "--allow-outside"])
    assert result.exit_code == 0, result.output
    pictures = [
        shape
        for shape in Presentation(str(tmp_path / "out" / "deck.pptx")).slides[0].shapes
        if shape.shape_type == 13
    ]
    assert pictures or case != "theme_logo_outside"  # the outside logo is on the title


def test_a_theme_named_on_the_command_line_may_be_anywhere(tmp_path, monkeypatch):
    project = tmp_path / "project"
    shutil.copytree(BAD / "theme_folder_outside", project, symlinks=True)
    (project / "outside").rename(tmp_path / "outside")
    (project / "deck.yaml").write_text("deck: {title: T}\nslides:\n  - kind: title\n")
    monkeypatch.chdir(project)
    theme = str(tmp_path / "outside" / "brand")
    result = CliRunner().invoke(cli, ["build", "deck.yaml", "--theme", theme, "--out", "o"])
    assert result.exit_code == 0, result.output


def _build_into(project: Path, out: Path):
    (project / "deck.yaml").write_text("deck: {title: T}\nslides:\n  - kind: title\n")
    return CliRunner().invoke(cli, ["build", str(project / "deck.yaml"), "--out", str(out)])


def test_a_read_only_output_folder_is_a_deckgen_error(tmp_path, monkeypatch):
    import deckgen.io

    out = tmp_path / "out"
    out.mkdir()
    real = os.access
    # Root may write anywhere, so the permission is refused here as a read-only disk would.
    refuse = lambda p, m: Path(p) == out and m & os.W_OK  # noqa: E731
    monkeypatch.setattr(deckgen.io.os, "access", lambda p, m: not refuse(p, m) and real(p, m))
    (tmp_path / "p").mkdir()
    result = _build_into(tmp_path / "p", out)
    assert result.exit_code == 2, result.output
    assert f"the folder {str(out)!r} is read-only" in result.output
    assert f"chmod u+w {str(out)!r}" in result.output and "--out" in result.output
    assert "Traceback" not in result.output


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="Linux's /proc holds no folders")
def test_an_output_folder_that_cannot_be_made_says_so(tmp_path):
    """/proc takes no new folders, even from root: the build says its folder cannot be
    made there, not that the disk is full."""
    (tmp_path / "p").mkdir()
    result = _build_into(tmp_path / "p", Path("/proc/deckgen-test"))
    assert result.exit_code == 2, result.output
    assert "its folder cannot be made there" in result.output
    assert "free some space" not in result.output and "Traceback" not in result.output


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_really_read_only_output_folder_is_a_deckgen_error(tmp_path):
    out = tmp_path / "out"
    out.mkdir(mode=0o555)
    (tmp_path / "p").mkdir()
    result = _build_into(tmp_path / "p", out)
    assert result.exit_code == 2 and "is read-only" in result.output, result.output


def test_a_write_that_fails_half_way_names_the_file_and_keeps_the_old_one(tmp_path, monkeypatch):
    target = tmp_path / "deck.pptx"
    target.write_bytes(b"old")

    class _FullDisk(io.FileIO):
        def write(self, data):  # half the bytes land, then the disk is full
            super().write(bytes(data)[: len(data) // 2])
            raise OSError(28, "No space left on device")

    monkeypatch.setattr("deckgen.io.open", _FullDisk, raising=False)
    with pytest.raises(DeckgenError, match="cannot be written: No space left"):
        atomic_write_bytes(target, b"new, and more")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["deck.pptx"]


@given(st.lists(st.sampled_from(["..", ".", "a", "b", "link", "/"]), min_size=1, max_size=8))
@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_confine_returns_a_path_inside_the_root_or_refuses(tmp_path, parts):
    root = tmp_path / "project"
    (root / "a").mkdir(parents=True, exist_ok=True)
    if not (root / "link").is_symlink():
        (root / "link").symlink_to(tmp_path)  # a link out of the project
    relative = "/".join(parts)
    try:
        path = confine(relative, root, WHERE)
    except DeckgenError as exc:
        assert "points outside the project folder" in str(exc)
        assert not (root / relative).resolve().is_relative_to(root.resolve())
    else:
        assert path.is_relative_to(root.resolve())


def test_confine_refuses_a_fifo_or_a_device_even_with_allow_outside(tmp_path):
    os.mkfifo(tmp_path / "data.csv")
    with pytest.raises(DeckgenError, match=r"'data\.csv' is not a regular file"):
        confine("data.csv", tmp_path, WHERE)
    with pytest.raises(DeckgenError, match="is not a regular file"):
        confine("/dev/zero", tmp_path, WHERE, allow_outside=True)


def test_a_data_file_that_is_a_fifo_is_a_located_error_not_a_hang(tmp_path, monkeypatch):
    project = tmp_path / "p"
    project.mkdir()
    os.mkfifo(project / "t.csv")
    (project / "deck.yaml").write_text(
        "deck: {title: T}\ndata:\n  t: {file: t.csv}\nslides:\n  - kind: title\n"
    )
    monkeypatch.chdir(project)
    result = CliRunner().invoke(cli, ["build", "deck.yaml", "--out", "o"])
    assert result.exit_code == 2
    assert "deck.yaml:3: data.t.file: path 't.csv' is not a regular file" in result.output


# -- file digests: each settled input read once -------------------------------------------
def _state(path):
    s = os.stat(path)
    return (s.st_dev, s.st_ino, s.st_size, s.st_mtime_ns, s.st_ctime_ns)


def test_a_file_left_alone_is_read_once_and_a_changed_one_again(tmp_path, monkeypatch):
    monkeypatch.setattr(deckgen.io, "_SETTLED", {})
    monkeypatch.setattr(deckgen.io, "_SETTLED_NS", -(10**18))  # every file counts as settled
    data = tmp_path / "data.csv"
    data.write_text("a,b\n1,2\n")
    assert file_digest(data) == hashlib.sha256(b"a,b\n1,2\n").hexdigest()
    deckgen.io._SETTLED[_state(data)] = "remembered"  # what a second read would find
    assert file_digest(data) == "remembered"
    data.write_text("a,b\n1,2,3\n")  # a write gives the file another state: read again
    assert file_digest(data) == hashlib.sha256(b"a,b\n1,2,3\n").hexdigest()


def test_a_file_written_just_now_is_not_remembered(tmp_path, monkeypatch):
    # Written in the tick it is read in, it could be written again in that tick with the
    # same size and times and other bytes: its digest is worked out every time.
    monkeypatch.setattr(deckgen.io, "_SETTLED", {})
    data = tmp_path / "data.csv"
    data.write_text("a,b\n1,2\n")
    file_digest(data)
    assert deckgen.io._SETTLED == {}


def test_a_folder_or_missing_file_has_no_digest(tmp_path):
    assert file_digest(tmp_path) is None
    assert file_digest(tmp_path / "missing.csv") is None


@pytest.mark.parametrize(
    ("text", "words"),
    [("Économie régulière", ["economie", "reguliere"]),
     ("Österreichs Fahrzeugproduktion wächst", ["osterreichs", "fahrzeugproduktion", "wachst"]),
     ("中国汽车产量增长", ["中国汽车产量增长"]),
     ("in\u00advisible zero\u200bwidth", ["invisible", "zerowidth"]),
     ("Laredo, TX_2023", ["laredo", "tx", "2023"])],
)  # fmt: skip
def test_name_words_keep_every_script_s_letters_and_drop_accents(text, words):
    """Card files and batch folders: 'Économie' was 'conomie' and every Chinese title
    'card' (found by fuzzing)."""
    from deckgen.io import name_words

    assert name_words(text) == words


@given(st.text())
def test_name_words_are_safe_in_a_file_name(text):
    from deckgen.io import name_words

    for word in name_words(text):
        assert word and not any(c in word for c in '/\\:*?"<>|. \x00_-')


def test_an_output_folder_that_is_a_device_is_refused_with_the_right_fix(tmp_path):
    """'-o /dev/null' was told to move or rename the file /dev/null (found by fuzzing)."""
    from deckgen.io import atomic_write_bytes

    with pytest.raises(DeckgenError) as info:
        atomic_write_bytes(Path("/dev/null/deck.pptx"), b"x")
    (problem,) = info.value.problems
    assert "'/dev/null' is a device, not a folder" in problem.message
    assert "move or rename" not in (problem.hint or "")


def test_state_json_refuses_nesting_deeper_than_a_build_writes():
    """json's parser recursed: a state file nested 100,000 deep raised RecursionError out of
    every reader. Too deep is a ValueError, the readers' "damaged" path."""
    assert deckgen.io.state_json("[" * 64 + "]" * 64) is not None
    assert deckgen.io.state_json("5") == 5
    for text in ("[" * 65 + "]" * 65, '{"a": ' * 65 + "1" + "}" * 65, "[" * 100_000):
        with pytest.raises(ValueError, match="nested more than 64 levels deep"):
            deckgen.io.state_json(text)
    with pytest.raises(ValueError):
        deckgen.io.state_json('{"manifest": 1, ')


@pytest.mark.parametrize("what", ["link", "dangling link", "file", "folder", "missing"])
def test_own_folder_clears_a_link_or_file_never_what_it_points_to(tmp_path, what):
    target = tmp_path / "elsewhere"
    target.mkdir()
    (target / "precious.txt").write_text("precious")
    folder = tmp_path / "cache"
    if what == "link":
        folder.symlink_to(target)
    elif what == "dangling link":
        folder.symlink_to(tmp_path / "nowhere")
    elif what == "file":
        folder.write_text("not a folder")
    elif what == "folder":
        folder.mkdir()
    assert deckgen.io.own_folder(folder) is (what == "folder")
    assert deckgen.io.own_folder(folder, clear=True) is (what == "folder")
    assert folder.is_dir() if what == "folder" else not (folder.exists() or folder.is_symlink())
    assert (target / "precious.txt").read_text() == "precious"


def test_nearest_file_quotes_paths_as_asked_and_counts_what_it_leaves_out(tmp_path):
    """The one hint for a missing outline, theme, data file or image (three copies before)."""
    import shlex

    from deckgen.io import nearest_file

    folder = tmp_path / "q3 data"
    folder.mkdir()
    for n in range(10):
        (folder / f"region {n}.csv").write_text("a\n1\n")
    (folder / "notes.txt").write_text("not data")
    near = nearest_file(folder / "region 1.cvs", "q3 data/region 1.cvs", [".csv"], "data files",
                        quote=shlex.quote)  # fmt: skip
    assert near == "did you mean 'q3 data/region 1.csv'?"
    far = nearest_file(folder / "zzz.csv", "q3 data/zzz.csv", [".csv"], "data files")
    assert far.startswith("the data files in 'q3 data' are 'q3 data/region 0.csv', ")
    assert far.endswith("'q3 data/region 7.csv' and 2 more")
    assert nearest_file(tmp_path / "x" / "a.csv", "/abs/x/a.csv", [".json"], "data files") == (
        "there is no folder '/abs/x'; check the path"
    )


@pytest.mark.parametrize("name", ["loop.csv", "folder/loop.png"])
def test_confine_names_a_symbolic_link_that_loops(tmp_path, name):
    """It was 'internal error: RuntimeError: Symlink loop', exit 1 (found by fuzzing)."""
    (tmp_path / "folder").mkdir()
    os.symlink(Path(name).name, tmp_path / name)
    with pytest.raises(DeckgenError) as info:
        confine(name, tmp_path, WHERE, what="image file")
    assert f"image file {name!r} is a symbolic link that loops" in str(info.value)
    with pytest.raises(DeckgenError):
        confine(name, tmp_path, WHERE, allow_outside=True)


def test_a_theme_logo_that_is_a_symbolic_link_loop_is_a_located_error(tmp_path, monkeypatch):
    theme = tmp_path / "themes" / "brand"
    shutil.copytree(Path(__file__).parents[1] / "themes" / "corporate", theme)
    text = (theme / "theme.yaml").read_text()
    (theme / "theme.yaml").write_text(text + "\nlogo: logo.png\n")
    (theme / "logo.png").unlink(missing_ok=True)
    os.symlink("logo.png", theme / "logo.png")
    (tmp_path / "deck.yaml").write_text(
        "deck: {title: T, theme: brand}\nslides:\n  - kind: title\n"
    )
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["check", "deck.yaml"])
    assert result.exit_code == 2, result.output
    assert "'logo.png' is a symbolic link that loops" in result.output
    assert "internal error" not in result.output


@pytest.mark.parametrize(
    ("head", "utf16"),
    [
        ("country,v\nChina,1\n".encode("utf-16-le"), True),
        ("country,v\nChina,1\n".encode("utf-16-be"), True),
        ("country,v\nChina,1\n".encode("utf-16"), True),  # with a byte-order mark
        (b"coun\x00try,v\nChina,1\n", False),  # one stray NUL in UTF-8 text
        ("Zürich,東京\n".encode(), False),
        (b"", False),
    ],
    ids=["le", "be", "bom", "a-stray-nul", "utf8", "empty"],
)
def test_is_utf16_knows_utf16_with_or_without_a_byte_order_mark(head, utf16):
    assert deckgen.io.is_utf16(head) is utf16


@pytest.mark.parametrize(
    ("head", "said"),
    [
        ("country,v\nChina,1\n".encode("utf-32"), deckgen.io.UTF32),
        ("country,v\nChina,1\n".encode("utf-16"), deckgen.io.UTF16),
        ("country,v\nChina,1\n".encode("utf-16-le"), deckgen.io.UTF16),
        (b"\x00\x01\xff\xfe" * 100, None),  # bytes that are no text at all
        ("Zürich,東京\n".encode(), None),
    ],
    ids=["utf32", "utf16", "utf16-le", "binary", "utf8"],
)
def test_wide_text_tells_utf32_from_utf16_and_binary_from_both(head, said):
    # A UTF-32 file (its mark starts with UTF-16's) and binary junk were called UTF-16
    # (found by fuzzing).
    assert deckgen.io.wide_text(head) == said


def test_nearest_file_says_a_backslash_is_no_folder_separator(tmp_path):
    """'data\\sales.csv' got "did you mean 'sales-old.csv'?", another file (fuzzing)."""
    from deckgen.io import nearest_file

    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "sales.csv").write_text("a\n1\n")
    (tmp_path / "sales-old.csv").write_text("a\n1\n")
    near = nearest_file(tmp_path / "data\\sales.csv", "data\\sales.csv", [".csv"], "data files")
    assert near.startswith("write the path with forward slashes, 'data/sales.csv'")
    assert "sales-old" not in near
    typo = nearest_file(tmp_path / "data\\sale.csv", "data\\sale.csv", [".csv"], "data files")
    assert typo.endswith("; then did you mean 'data/sales.csv'?")


@pytest.mark.parametrize("written", ["./", ".", "/", "./nothing.png"])
def test_nearest_file_takes_a_path_with_no_parent_folder(tmp_path, written):
    # '.' and '/' have no parents: the hint's folder lookup raised IndexError (fuzzing).
    Image.new("RGB", (4, 4)).save(tmp_path / "chart.png")
    hint = deckgen.io.nearest_file(tmp_path / written, written, (".png",), "image files")
    assert "chart.png" in hint or "check the path" in hint


def test_a_name_longer_than_the_file_system_allows_is_said_so(tmp_path):
    """A 300-character --out was an internal error, exit 1 (found by fuzzing)."""
    from deckgen.errors import DeckgenError
    from deckgen.io import check_writable

    target = tmp_path / ("b" * 300) / "deck.pptx"
    with pytest.raises(DeckgenError) as caught:
        check_writable(target)
    message = caught.value.format_message()
    assert "longer than the file system allows (300 characters)" in message
    assert "use a shorter name" in message


def test_a_file_named_as_long_as_allowed_is_written(tmp_path):
    """Its temporary name beside it ('.NAME.RANDOM.tmp') went past 255 characters: a deck
    named after a 248-character outline could not be written (found by fuzzing)."""
    from deckgen.io import atomic_write_bytes

    target = tmp_path / ("c" * 250 + ".pptx")
    atomic_write_bytes(target, b"deck")
    assert target.read_bytes() == b"deck"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


@pytest.mark.parametrize(
    ("head", "said"),
    [(b"PK\x03\x04rest", "a zip archive"), (b"%PDF-1.7", "a PDF"),
     (b"\xd0\xcf\x11\xe0\xa1\xb1", "an Office file of the old kind")],
)  # fmt: skip
def test_a_file_of_another_kind_where_text_is_read_is_named_not_told_to_be_utf8(
    tmp_path, head, said
):
    """A deck given as the outline was told to 'save it as UTF-8' (found by fuzzing)."""
    from deckgen.io import not_utf8

    path = tmp_path / "deck.yaml"
    path.write_bytes(head + bytes(range(256)))
    _, message, hint = not_utf8(path)
    assert message == f"the file is {said}" + message.split(said, 1)[1]
    assert message.endswith(", not text") and "UTF-8" not in hint


def test_a_publication_puts_its_files_in_place_together_or_not_at_all(tmp_path):
    deck, card, stale = (tmp_path / n for n in ("deck.pptx", "card.png", "old.png"))
    for path in (deck, card, stale):
        path.write_bytes(b"old")
    with pytest.raises(RuntimeError), Publication() as publish:
        publish.write(deck, b"new deck")
        publish.remove(stale)
        raise RuntimeError("stopped before the card")
    assert [deck.read_bytes(), card.read_bytes(), stale.read_bytes()] == [b"old"] * 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["card.png", "deck.pptx", "old.png"]

    with Publication() as publish:
        publish.write(deck, b"new deck")
        publish.write(card, b"new card")
        publish.remove(stale)
        assert deck.read_bytes() == b"old"  # nothing in place before the block ends
    assert [deck.read_bytes(), card.read_bytes()] == [b"new deck", b"new card"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["card.png", "deck.pptx"]
