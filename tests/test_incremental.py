"""Edits: a warm session, an incremental build (caches on disk) and a cold build of the same
inputs write the same deck, byte for byte, and unchanged slides are not planned (in a
session) or built (with python-pptx) again."""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

from deckgen.pipeline import BuildOptions, Session, build
from tests.helpers import REPO, write_project

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from deckgen.pipeline import BuildResult

OUTLINE = """\
deck:
  title: Test deck
  subtitle: A subtitle
  organisation: Tests Inc
  theme: brand
data:
  production: {file: production.csv}
slides:
  - kind: title
  - kind: chart
    title: China leads
    chart: {type: bar, data: production, x: country, y: production_2023, highlight: China}
  - kind: stats
    title: Numbers
    items: [{value: 67%, label: agree}, {value: $90B, label: committed}]
  - kind: chart
    title: Then and now
    chart: {type: grouped-bar, data: production, x: country,
            y: [production_2004, production_2023], native: true}
  - kind: bullets
    title: What we ask
    items: [Fund the plan, Publish the data]
"""


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new))


def _project(root: Path) -> Path:
    shutil.copytree(REPO / "themes" / "corporate", root / "themes" / "brand")
    return write_project(root, OUTLINE)


def test_edits_give_the_same_deck_warm_incremental_and_cold(tmp_path: Path) -> None:
    outline = _project(tmp_path / "p")
    root = outline.parent
    stats = "  - kind: stats\n    title: Numbers\n    items: [{value: 67%, label: agree}, {value: $90B, label: committed}]\n"  # noqa: E501
    grouped = OUTLINE[
        OUTLINE.index("  - kind: chart\n    title: Then") : OUTLINE.index("  - kind: bullets")
    ]
    china = "  - kind: chart\n    title: China"
    edits = [
        ("a number", lambda: _edit(root / "production.csv", "30160966", "31000000")),
        ("a title", lambda: _edit(outline, "What we ask", "What we ask of you")),
        ("a theme colour", lambda: _edit(root / "themes/brand/theme.yaml", "#C8102E", "#B0102A")),
        ("a new slide", lambda: outline.write_text(outline.read_text() + "  - kind: bullets\n"
                                                   "    title: Next\n    items: [Vote]\n")),
        ("a slide removed", lambda: _edit(outline, stats, "")),
        ("slides reordered", lambda: _edit(outline, grouped, "")
         or _edit(outline, china, grouped + china)),
    ]  # fmt: skip
    session = Session()
    try:
        # Two workers in the session, one in the others: the bytes do not depend on it.
        warm_options = BuildOptions(out_dir=tmp_path / "warm", workers=2)
        first = build(outline, warm_options, session=session)
        assert first.assembled == first.slides
        build(outline, BuildOptions(out_dir=tmp_path / "inc"))
        for i, (what, edit) in enumerate(edits):
            edit()
            warm = build(outline, warm_options, session=session)
            incremental = build(outline, BuildOptions(out_dir=tmp_path / "inc"))
            cold = build(outline, BuildOptions(out_dir=tmp_path / f"cold{i}"))
            assert cold.assembled == cold.slides
            expected = cold.deck.read_bytes()
            assert warm.deck.read_bytes() == expected, what
            assert incremental.deck.read_bytes() == expected, what
            assert warm.assembled == incremental.assembled, what
            if what in ("a title", "a new slide"):
                # Only the edited (or added) slide is built; the rest are spliced in.
                assert warm.assembled == 1, what
            assert incremental.planned == cold.planned == cold.slides  # no plans on disk
            if what == "a number":
                # Only the two charts of production are laid out and built again.
                assert warm.planned == warm.assembled == 2, what
            if what == "a theme colour":
                assert warm.planned == warm.assembled == warm.slides, what
    finally:
        session.close()


def test_a_damaged_slide_entry_is_ignored_and_built_again(tmp_path: Path) -> None:
    outline = _project(tmp_path / "p")
    options = BuildOptions(out_dir=tmp_path / "out")
    build(outline, options)
    entries = sorted((tmp_path / "out" / "deck" / "slide-cache").glob("*.slide"))
    assert len(entries) == 5
    # The slides sit beside the pictures, not among them: the picture cache holds pictures.
    pictures = tmp_path / "out" / "deck" / "cache"
    assert {p.suffix for p in pictures.iterdir()} == {".png", ".json"}
    entries[0].write_bytes(entries[0].read_bytes()[:100])
    entries[1].write_bytes(b"not an entry")
    from deckgen import manifest

    # Inputs unchanged, but no record of the last build: it runs, and only the two
    # damaged slides are built.
    (tmp_path / "out" / "deck" / manifest.FILE_NAME).unlink()
    result = build(outline, options)
    assert result.assembled == 2
    cold = build(outline, BuildOptions(out_dir=tmp_path / "cold"))
    assert result.deck.read_bytes() == cold.deck.read_bytes()
    again = build(outline, BuildOptions(out_dir=tmp_path / "out", force=True))
    assert again.assembled == again.slides  # --force builds every slide
    assert again.deck.read_bytes() == cold.deck.read_bytes()


def test_a_rebuild_with_nothing_to_draw_does_not_load_the_drawing_libraries(
    tmp_path: Path,
) -> None:
    import subprocess
    import sys

    outline = _project(tmp_path / "p")
    out = tmp_path / "out"
    build(outline, BuildOptions(out_dir=out))
    _edit(outline, "    title: What we ask\n", "    title: What we ask\n    notes: Pause here.\n")
    code = (
        "import sys; from pathlib import Path; from deckgen.pipeline import BuildOptions, build; "
        f"r = build(Path({str(outline)!r}), BuildOptions(out_dir=Path({str(out)!r}), workers=2)); "
        "print(r.rendered, r.assembled, 'matplotlib' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["0", "1", "False"]


def test_slides_on_a_corporate_template_splice_to_the_same_bytes(tmp_path: Path) -> None:
    outline = write_project(
        tmp_path / "p", OUTLINE.replace("theme: brand", "theme: corporate-template")
    )
    session = Session()
    try:
        warm = _warm_after(outline, tmp_path, session,
                           lambda: _edit(outline, "What we ask", "What we ask of you"))  # fmt: skip
        assert warm.assembled == 1
    finally:
        session.close()


def _warm_after(outline: Path, tmp_path: Path, session: Session,
                edit: Callable[[], object]) -> BuildResult:  # fmt: skip
    """Build in ``session``, ``edit``, build again: that build, checked to write the deck a
    build from scratch writes."""
    options = BuildOptions(out_dir=tmp_path / "warm")
    build(outline, options, session=session)
    edit()
    warm = build(outline, options, session=session)
    cold = build(outline, BuildOptions(out_dir=tmp_path / "cold"))
    assert warm.deck.read_bytes() == cold.deck.read_bytes()
    return warm


def test_a_warm_session_binds_and_checks_again_what_a_data_edit_touches(tmp_path: Path) -> None:
    """Texts and checks are kept between a session's builds only while what they read is
    unchanged: an edit to the data changes the text that reads it, and a highlight the
    edited data no longer has is an error, as in a cold build."""
    import pytest
    from pptx import Presentation

    from deckgen.errors import DeckgenError

    outline = _project(tmp_path / "p")
    _edit(outline, "title: Numbers", "title: \"Japan made {{ production['Japan']"
          ".production_2023 | compact }}\"")  # fmt: skip
    _edit(outline, "title: What we ask", "title: \"{{ production['USA'].production_2004 | "
          "compact }} in the USA\"")  # fmt: skip
    csv = outline.parent / "production.csv"
    session = Session()
    try:
        warm = _warm_after(outline, tmp_path, session,
                           lambda: _edit(csv, "11989387", "12989387"))  # fmt: skip
        titles = [s.shapes.title.text for s in Presentation(str(warm.deck)).slides
                  if s.shapes.title is not None]  # fmt: skip
        assert "13M in the USA" in titles
        assert "Japan made 9M" in titles
        # The chart's highlight names China; the data now calls it otherwise.
        _edit(csv, "China,", "Chyna,")
        with pytest.raises(DeckgenError) as info:
            build(outline, BuildOptions(out_dir=tmp_path / "warm"), session=session)
        assert "did you mean 'Chyna'" in str(info.value)
    finally:
        session.close()


def test_watch_started_on_a_built_folder_says_the_last_builds_warnings(tmp_path: Path) -> None:
    """Its first build finds the output up to date and builds nothing: the warnings the
    deck on disk has are said all the same (from the manifest; they were not; fuzz-J/3),
    and so are those of a warm session's build that finds nothing changed."""
    import threading

    from deckgen.watch import WatchEvent, watch

    outline = _project(tmp_path / "p")
    _edit(outline, "items: [Fund the plan, Publish the data]",
          "items: [Fund, the, plan, and, publish, the, data]")  # fmt: skip
    options = BuildOptions(out_dir=tmp_path / "out")
    first = build(outline, options)
    crowded = [w for w in first.warnings if "7 bullets" in w]
    assert crowded
    events: list[WatchEvent] = []
    stop = threading.Event()

    def seen(event: WatchEvent) -> None:
        events.append(event)
        stop.set()  # the first build is all this test needs

    watch(outline, options, seen, stop=stop, debounce_ms=50)
    (event,) = events
    assert event.result is not None and event.result.up_to_date
    assert event.result.warnings == first.warnings
    session = Session()
    try:
        warm = build(outline, options, session=session)
        assert warm.up_to_date and warm.warnings == first.warnings
    finally:
        session.close()
