"""``deckgen preview``: see a whole deck and its cards without PowerPoint.

An outline is built as ``deckgen build`` builds it (same options, same cache) and checked as
``deckgen check`` checks it; a ``.pptx`` is taken as it is. Every slide is then rendered
through LibreOffice with the bundled theme fonts (:mod:`deckgen.export.pdf`), and
``OUT/<name>/preview/`` gets:

* ``slide-<n>.png``: one picture per slide;
* ``contact-sheet.png``: every slide in a grid, its number under it;
* ``cards/``: a copy of every social card the gallery shows;
* ``index.html``: a static gallery (no server, no script, no external resource: it opens
  from disk and works offline) of the slides, then the social cards at their true aspect
  ratios, each with its alt text, notes or caption, and the check's findings beside it.

Alt texts and notes are read back from the written deck with python-pptx, so the gallery
shows what a reader of the file gets, for an outline and a ``.pptx`` alike. Every text in
the page comes from user data and is escaped.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from PIL import Image, ImageDraw

from deckgen.errors import DeckgenError, ExportError, Location, Problem

if TYPE_CHECKING:
    from deckgen.check import Finding, Report
    from deckgen.check.run import Batch
    from deckgen.pipeline import BuildOptions, BuildResult

FOLDER = "preview"
INDEX = "index.html"
SHEET = "contact-sheet.png"
#: The gallery's copies of the social cards. A snapshot, not links to ``../social/``: the
#: next build renames or redraws the cards there, and the gallery would then show a broken
#: picture, or a card of newer data beside the old slides and the old alt text.
CARDS = "cards"
#: Slide pictures: 96 dpi is 1280 x 720 px for a 16:9 slide, sharp in a browser at 1x.
DPI = 96
#: Contact sheet: thumbnail width, columns, gap and the band under each thumbnail that
#: holds its number (px). Six columns keep a 20-30 slide deck about as wide as a screen.
THUMB_WIDTH = 320
COLUMNS = 6
GAP = 12
BAND = 40
SHEET_BACKGROUND = "#4A5059"  # white numbers on it: 8:1 contrast; light and dark slides stand out
#: Cards are shown at a third of their pixel size: a 1080 px wide card is 360 CSS px, and
#: every card keeps its size relative to the others as well as its aspect ratio.
CARD_SCALE = 3

Progress = Callable[[str, int, int], None]


# -- what the gallery shows ------------------------------------------------------------------


@dataclass(frozen=True)
class SlideView:
    """One slide as the deck holds it: its number, its main text, the alt text of each
    picture or chart on it, its speaker notes, and its rendered picture."""

    number: int
    text: str
    alts: tuple[str, ...] = ()
    missing_alt: int = 0  # pictures and charts with no alt text at all
    notes: str = ""
    image: str = ""  # file name in the preview folder
    size: tuple[int, int] = (0, 0)

    @property
    def head(self) -> str:
        return f"Slide {self.number}: {self.text}" if self.text else f"Slide {self.number}"

    @property
    def alt(self) -> str:
        """The slide picture's alt text: its number and text, then its pictures' alt texts."""
        return " ".join((self.head, *self.alts))


@dataclass(frozen=True)
class CardView:
    """One social card, from ``cards.json``."""

    file: str
    src: str  # relative URL from the preview folder: its copy in CARDS
    size: tuple[int, int]
    preset: str
    alt: str
    caption: str


@dataclass(frozen=True)
class Gallery:
    title: str
    source: str  # the file previewed, as the user named it
    slides: tuple[SlideView, ...]
    cards: tuple[CardView, ...] = ()
    report: Report | None = None  # None: a .pptx, which has no outline to check
    hidden: tuple[int, ...] = ()  # slides the deck hides (LibreOffice does not render them)


@dataclass(frozen=True)
class PreviewResult:
    folder: Path
    index: Path
    contact_sheet: Path
    slides: int
    cards: int
    report: Report | None
    build: BuildResult | None  # None for a .pptx, or a batch outline's row
    #: What the build of a batch outline's row warned of (a build's are ``build``'s).
    warnings: tuple[str, ...] = ()


# -- the command ------------------------------------------------------------------------------


def preview(target: Path, options: BuildOptions, progress: Progress | None = None,
            rows: Batch | None = None) -> PreviewResult:  # fmt: skip
    """Preview ``target`` (an outline, or a ``.pptx``) into ``OUT/<name>/preview/``.

    With ``rows`` (a batch outline's ``--for-each`` and the ``--where`` that picks one of
    its rows), the row's deck is built as ``deckgen batch`` builds it, into
    ``OUT/<key>/<name>/``, checked as ``deckgen check --for-each`` checks it, and previewed
    into ``OUT/<key>/<name>/preview/``.

    Raises :class:`ExportError` before anything is built if LibreOffice or poppler is
    missing, and :class:`DeckgenError` for a bad outline (as ``build`` does), or ``rows``
    that pick no row or more than one. The folder is written beside and swapped in whole,
    so a failed preview leaves the last one as it was.
    """
    from deckgen.check import check
    from deckgen.pipeline import build, deck_folder

    report = progress or (lambda stage, done, total: None)
    _require_tools()
    target = Path(target)
    result = None
    given = options
    if rows is not None:
        if target.suffix.lower() == ".pptx":
            raise DeckgenError(f"{target}: --for-each previews a row of a batch outline; a "
                               ".pptx is previewed as it is, without --for-each")  # fmt: skip
        options = _row_options(target, options, rows)
    social = deck_folder(target, options) / "social"
    warned: tuple[str, ...] = ()
    if rows is not None:
        deck, warned = _built_row(target, given, rows)
        report("check", 0, 1)
        findings = _with_drawn(check(target, given, rows=rows), warned)
        cards = read_cards(social) if (social / "cards.json").is_file() else []
    elif target.suffix.lower() == ".pptx":
        if not target.is_file():
            # Something is there that is no file: said, not "no such file" (found by fuzzing).
            what = ("is a folder, not a deck" if target.is_dir() else
                    "is not a regular file (a FIFO, a device or a socket)" if target.exists()
                    else "no such file")  # fmt: skip
            raise DeckgenError(f"{target}: {what}")
        if options.theme:
            raise DeckgenError(
                f"--theme {options.theme!r}: a .pptx keeps the theme it was built with; "
                "preview its outline with --theme instead"
            )
        deck, findings, cards = target, None, []
    else:
        result = build(target, options, progress)
        assert result.deck is not None, "a build writes a deck (cards alone stop it)"
        deck = result.deck
        report("check", 0, 1)
        findings = _with_drawn(check(target, options), result.warnings)
        # The build's own count decides: a build whose outline lost all its cards leaves
        # the last cards.json behind (social.build.write_cards writes nothing then).
        cards = read_cards(social) if result.cards else []
    folder = deck_folder(target, options) / FOLDER
    report("preview", 0, 1)
    slides, hidden, title = read_deck(deck)
    if not slides or len(hidden) == len(slides):
        raise DeckgenError(_nothing_shown(deck, len(slides)))
    with _staging(folder) as staging:
        # The cards first, before the slides take LibreOffice seconds to render: the files
        # cards.json listed a moment ago, before anything else may write the cards again.
        if cards:
            copy_cards(cards, social, staging / CARDS)
        shown = [s for s in slides if s.number not in hidden]
        pages = _render(deck, staging, [s.number for s in shown])
        placed = []
        for slide, page in zip(shown, pages, strict=True):
            with Image.open(page) as image:
                placed.append(replace(slide, image=page.name, size=image.size))
        (staging / SHEET).write_bytes(contact_sheet(pages, [s.number for s in shown]))
        gallery = Gallery(
            title=title, source=target.name, slides=tuple(placed), cards=tuple(cards),
            report=findings, hidden=tuple(sorted(hidden)),
        )  # fmt: skip
        (staging / INDEX).write_text(render_html(gallery), encoding="utf-8")
    return PreviewResult(
        folder=folder, index=folder / INDEX, contact_sheet=folder / SHEET,
        slides=len(placed), cards=len(cards), report=findings, build=result, warnings=warned,
    )  # fmt: skip


def _row_options(outline: Path, options: BuildOptions, rows: Batch) -> BuildOptions:
    """``options`` with the output folder of the one row ``rows`` picks, as ``deckgen
    batch`` names it (``OUT/<key>/``); a :class:`DeckgenError` if they pick none or more."""
    from deckgen.batch import chosen_rows, folder_name, key_column
    from deckgen.pipeline import read_inputs

    inputs = read_inputs(outline, options)
    chosen = chosen_rows(inputs, rows.for_each, rows.key, rows.where)
    if len(chosen) > 1:  # none: chosen_rows said why
        keys = [key for key, _ in chosen]
        shown = ", ".join(keys[:5]) + (f" and {len(keys) - 5} more" if len(keys) > 5 else "")
        picks = (f"{' '.join(f'--where {w!r}' for w in rows.where)} picks"
                 if rows.where else "it has")  # fmt: skip
        column = key_column(inputs, rows.for_each, rows.key)
        raise DeckgenError(Problem(
            None, f"--for-each {rows.for_each!r}: a preview shows one row's deck, and "
            f"{picks} {len(keys)} rows ({shown})",
            f"pick one, e.g. --where '{column}={keys[0]}'; `deckgen batch` builds them all",
        ))  # fmt: skip
    return replace(options, out_dir=options.out_dir / folder_name(chosen[0][0]))


def _with_drawn(report: Report, warnings: Iterable[str]) -> Report:
    """``report`` with what the build said of each card as it drew it (a name ended with
    '…', a note left out): the check plans the cards and draws none, and the gallery showed
    'Findings: None' beside a card the build had just warned about (found by a new user)."""
    from deckgen.check import Finding, Report

    drawn = []
    for warning in warnings:
        said = _CARD_WARNING.match(warning)
        if said is None or any(f.card == said["card"] and said["said"].startswith(f.message)
                               for f in report.findings):  # fmt: skip
            continue  # not a card's, or the check's too (FIT005: what its layout left off)
        message, _, fix = said["said"].rpartition("; ")
        drawn.append(Finding("BUILD", "warning", None, message or fix, fix if message else "",
                             card=said["card"]))  # fmt: skip
    return Report((*report.findings, *drawn)) if drawn else report


#: A build's warning about one card, as :func:`deckgen.pipeline.finish` words it.
_CARD_WARNING = re.compile(r"card (?P<card>[^\s:]+\.(?:png|jpe?g|webp)): (?P<said>.+)", re.S)


def _built_row(outline: Path, options: BuildOptions,
               rows: Batch) -> tuple[Path, tuple[str, ...]]:  # fmt: skip
    """Build the one row ``rows`` picks as ``deckgen batch`` would, into
    ``options.out_dir/<key>/``, and return its deck and what its build warned of; its
    failure is raised."""
    from deckgen.batch import batch

    done = batch(outline, options, for_each=rows.for_each, key=rows.key, where=rows.where)
    (row,) = done.rows
    if row.status == "failed":
        raise DeckgenError(row.error or f"row {row.key!r} failed")
    if row.deck is None or row.deck.suffix.lower() != ".pptx":
        raise DeckgenError(f"{outline}: the outline has social cards alone, so a row has "
                           "no deck to preview; `deckgen batch` makes the cards")  # fmt: skip
    return row.deck, row.warnings


def _nothing_shown(target: Path, slides: int) -> Problem:
    """A deck with no slide a slide show shows: nothing for LibreOffice to render, which
    said only 'Please verify input parameters... SfxBaseModel::impl_store failed' (every
    slide hidden) or 'rendered 1 pages for 0 visible slides' (no slide; fuzzing)."""
    if not slides:
        return Problem(
            Location(str(target)),
            "the deck has no slides: nothing to preview",
            "add a slide in PowerPoint, or build the deck again from its outline",
        )
    which = "its slide is" if slides == 1 else f"all {slides} of its slides are"
    return Problem(Location(str(target)), f"{which} hidden: a preview renders the slides a "
                   "slide show shows, and it shows none",
                   "unhide the slides to preview (PowerPoint: right-click a slide, Hide "
                   "Slide), then run deckgen preview again")  # fmt: skip


def _require_tools() -> None:
    """Fail before building if the preview cannot be rendered (as ``--pdf`` says it)."""
    from deckgen.export.pdf import INSTALL_POPPLER, libreoffice

    if libreoffice() is None:
        # Both tools at once where both are missing: installing one, to be told of the other
        # on the next run, cost a newcomer a round trip (and "to export PDF" read wrong here).
        both = " poppler-utils" if shutil.which("pdftoppm") is None else ""
        raise ExportError(
            "no preview written: LibreOffice is not installed (no 'soffice' on PATH)\n"
            f"  hint: install it (Debian: apt-get install libreoffice-impress{both}), then "
            "run deckgen preview again"
        )
    if shutil.which("pdftoppm") is None:
        raise ExportError(
            "no preview written: poppler is not installed (no 'pdftoppm' on PATH)\n"
            f"  hint: {INSTALL_POPPLER}, then run deckgen preview again"
        )


def _render(deck: Path, staging: Path, numbers: list[int]) -> list[Path]:
    """LibreOffice -> PDF -> one PNG per page, named ``slide-<n>.png`` after the slide it
    shows (``numbers``: a hidden slide has no page, so page 3 may be slide 4), zero-padded
    to sort in order."""
    from deckgen.export.pdf import to_pdf, to_pngs

    scratch = staging / ".render"
    pages = to_pngs(to_pdf(deck, scratch), scratch, dpi=DPI)
    if len(pages) != len(numbers):
        raise ExportError(
            f"{deck}: LibreOffice rendered {len(pages)} pages for {len(numbers)} visible slides"
        )
    digits = len(str(max(numbers, default=0)))
    named = [staging / f"slide-{n:0{digits}d}.png" for n in numbers]
    for page, target in zip(pages, named, strict=True):
        os.replace(page, target)
    shutil.rmtree(scratch)
    return named


@contextlib.contextmanager
def _staging(folder: Path) -> Iterator[Path]:
    """A scratch folder beside ``folder``; on success it replaces ``folder`` whole."""
    staging = _fresh(folder, "new")
    try:
        yield staging
        old = None
        if folder.exists():
            old = _fresh(folder, "old")
            os.replace(folder, old / folder.name)
        os.replace(staging, folder)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _fresh(folder: Path, what: str) -> Path:
    """A new hidden folder beside ``folder``. Not ``mkdtemp``: its 0700 mode would become
    the preview folder's, and the gallery should be as readable as the deck."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    while True:
        path = folder.parent / f".{folder.name}.{what}.{secrets.token_hex(4)}"
        with contextlib.suppress(FileExistsError):
            path.mkdir()
            return path


# -- reading a deck and its cards --------------------------------------------------------------


def read_deck(pptx: Path) -> tuple[list[SlideView], set[int], str]:
    """The slides of ``pptx`` (text, alt texts, notes), the numbers of hidden slides, and
    the deck's title (its document title, else the file name)."""
    import io

    from pptx import Presentation

    from deckgen.io import read_regular
    from deckgen.limits import MAX_PACKAGE_BYTES, check_package

    # Checked as a template is (a text file named .pptx said only "Package not found",
    # the file being there; found by fuzzing): not a zip, damaged, a zip bomb.
    data = read_regular(pptx, MAX_PACKAGE_BYTES)
    if data is None:
        raise DeckgenError(f"{pptx}: not a regular file of at most {MAX_PACKAGE_BYTES >> 20} MB")
    check_package(data, Location(str(pptx)), DeckgenError, "deck", "PowerPoint",
                  "save it again from PowerPoint, or build it again (deckgen build)")  # fmt: skip
    try:
        prs = Presentation(io.BytesIO(data))
    except Exception as exc:  # python-pptx raises several types for a file it cannot read
        # Its words name the buffer it was given ("file '<_io.BytesIO object at 0x...>'")
        # and a template's content type (found by fuzzing): said for the file instead.
        said = str(exc)
        if "template.main+xml" in said:
            raise DeckgenError(Problem(
                Location(str(pptx)), "is a PowerPoint template (.potx) named as a deck",
                "preview a deck built on it: name the template in a theme (README, "
                "'Corporate templates'), build, and preview the deck",
            )) from None  # fmt: skip
        said = re.sub(r"file '<_io\.BytesIO object at 0x[0-9a-f]+>' ", "it ", said)
        raise DeckgenError(f"{pptx}: not a PowerPoint deck python-pptx can read: {said}") from None
    slides, hidden = [], set()
    for number, slide in enumerate(prs.slides, start=1):
        if slide._element.get("show") in ("0", "false"):
            hidden.add(number)
        alts, missing = [], 0
        for shape in _flat(slide.shapes):
            if not _is_picture(shape):
                continue
            descr = _clean(_descr(shape))
            if descr:
                alts.append(descr)
            else:
                missing += 1
        slides.append(SlideView(number, _main_text(slide), tuple(alts), missing, _notes(slide)))
    return slides, hidden, prs.core_properties.title or pptx.stem


def _flat(shapes: Iterable[Any]) -> Iterator[Any]:
    """Every shape, with those inside groups, in reading (z) order."""
    from pptx.shapes.group import GroupShape

    for shape in shapes:
        if isinstance(shape, GroupShape):
            yield from _flat(shape.shapes)
        else:
            yield shape


def _is_picture(shape: Any) -> bool:
    """A picture (also one in a placeholder) or a chart: what needs alt text."""
    from pptx.oxml.ns import qn

    return bool(shape._element.tag == qn("p:pic") or getattr(shape, "has_chart", False))


def _descr(shape: Any) -> str:
    found = shape._element.xpath("./*[1]/p:cNvPr")
    return str(found[0].get("descr") or "") if found else ""


def _main_text(slide: Any) -> str:
    """The title placeholder's text; without one (a statement or quote slide), the longest
    text on the slide, which is what it says."""
    title = slide.shapes.title
    texts = [title.text_frame.text] if title is not None and title.has_text_frame else []
    if not any(t.strip() for t in texts):
        texts = [s.text_frame.text for s in _flat(slide.shapes) if s.has_text_frame]
    return max((_clean(t, " — ") for t in texts), key=len, default="")


def _notes(slide: Any) -> str:
    if not slide.has_notes_slide:
        return ""
    frame = slide.notes_slide.notes_text_frame
    return frame.text.strip() if frame is not None else ""


def _clean(text: str, lines: str = " ") -> str:
    """One line: paragraphs joined by ``lines``, line breaks (a title written with its
    fitted breaks, ``\v`` to python-pptx) and runs of spaces as one space."""
    parts = (" ".join(p.split()) for p in text.replace("\v", " ").splitlines())
    return lines.join(p for p in parts if p)


def read_cards(social_dir: Path) -> list[CardView]:
    """The cards ``cards.json`` lists, in its order (none if there is no manifest), each
    shown from its copy in the preview's ``cards/`` (see :func:`copy_cards`)."""
    from deckgen.io import state_json
    from deckgen.social.build import MANIFEST

    path = social_dir / MANIFEST
    if not path.is_file():
        return []
    try:
        entries = state_json(path.read_bytes())["cards"]
        return [
            CardView(
                file=str(e["file"]),
                src=f"{CARDS}/{quote(_card_name(str(e['file'])))}",
                size=(int(e["width"]), int(e["height"])),
                preset=str(e.get("preset") or ""),
                alt=str(e.get("alt") or ""),
                caption=str(e.get("caption") or ""),
            )
            for e in entries
        ]
    except (ValueError, KeyError, TypeError) as exc:
        raise DeckgenError(
            f"{path}: not a cards manifest deckgen wrote ({type(exc).__name__}: {exc}); "
            "build the outline again"
        ) from None


def _card_name(file: str) -> str:
    """The file name of a card in the cards folder. Only the name: a manifest cannot point
    the page (or the copy) outside the cards folder."""
    name = Path(file).name
    if name in ("", ".", ".."):
        raise ValueError(f"{file!r} names no card file")
    return name


def copy_cards(cards: Iterable[CardView], social_dir: Path, into: Path) -> None:
    """Copy each card's picture from ``social_dir`` into ``into`` (the staging preview's
    ``cards/``), so the gallery keeps showing the cards of the build it previews, beside
    that build's slides, alt texts and captions, whatever the next build does to them."""
    into.mkdir(exist_ok=True)
    for card in cards:
        name = _card_name(card.file)
        source = social_dir / name
        if not source.is_file():
            raise DeckgenError(
                f"{source}: a card {social_dir / 'cards.json'} lists is missing; "
                "build the outline again"
            )
        shutil.copyfile(source, into / name)


# -- the contact sheet --------------------------------------------------------------------------


def sheet_geometry(count: int, page: tuple[int, int]) -> tuple[int, int, int, int]:
    """``(columns, rows, cell width, cell height)`` for ``count`` pages of size ``page``;
    a cell is a thumbnail and its number band."""
    columns = max(1, min(COLUMNS, count))
    rows = max(1, -(-count // columns))
    thumb_height = round(page[1] * THUMB_WIDTH / page[0])
    return columns, rows, THUMB_WIDTH, thumb_height + BAND


def contact_sheet(pages: Sequence[Path], numbers: Sequence[int]) -> bytes:
    """Every page as a thumbnail in a grid, in order, its slide number under it (PNG)."""
    from deckgen.render.png import encode_image
    from deckgen.theming.fonts import pil_font, resolve
    from deckgen.theming.model import FontSpec

    if not pages:
        raise ExportError("no slides to put on a contact sheet")
    with Image.open(pages[0]) as first:
        page_size = first.size
    columns, rows, cell_w, cell_h = sheet_geometry(len(pages), page_size)
    thumb_h = cell_h - BAND
    sheet = Image.new(
        "RGB", (GAP + columns * (cell_w + GAP), GAP + rows * (cell_h + GAP)), SHEET_BACKGROUND
    )
    draw = ImageDraw.Draw(sheet)
    font = pil_font(resolve(FontSpec(family="Lato"), Path()).bold, round(BAND * 0.65))
    for i, (path, number) in enumerate(zip(pages, numbers, strict=True)):
        left = GAP + (i % columns) * (cell_w + GAP)
        top = GAP + (i // columns) * (cell_h + GAP)
        with Image.open(path) as page:
            thumb = page.convert("RGB").resize((cell_w, thumb_h), Image.Resampling.LANCZOS)
        sheet.paste(thumb, (left, top))
        # The number sits in a band under its slide, never over the slide's own text.
        draw.text((left, top + thumb_h + BAND // 2), str(number), fill="#FFFFFF", font=font,
                  anchor="lm")  # fmt: skip
    return encode_image(sheet)


# -- the gallery --------------------------------------------------------------------------------


def _e(text: object) -> str:
    """Escape any text for HTML content and attribute values (quotes too)."""
    return escape(str(text), quote=True)


def render_html(gallery: Gallery) -> str:
    """The gallery page: self-contained (inline CSS, no script), relative paths only."""
    report = gallery.report
    slide_numbers = {s.number for s in gallery.slides}
    card_files = {c.file for c in gallery.cards}
    # A finding about no slide or card on the page (or one not rendered) is shown at the top,
    # with its place in words, so the page never drops one.
    deck_level = (
        [
            f
            for f in report.findings
            if not (f.slide in slide_numbers or (f.slide is None and f.card in card_files))
        ]
        if report is not None
        else []
    )
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Preview: {_e(gallery.title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{_e(gallery.title)}</h1>",
        f'<p class="meta">Preview of <code>{_e(gallery.source)}</code>: '
        f"{_count(len(gallery.slides), 'slide')}"
        + (f", {_count(len(gallery.cards), 'social card')}" if gallery.cards else "")
        + f'. <a href="{SHEET}">Contact sheet</a></p>',
        *_summary(gallery, deck_level),
        "</header>",
        "<main>",
        '<h2 id="slides">Slides</h2>',
        *(_slide(s, report) for s in gallery.slides),
    ]
    if gallery.cards:
        parts.append('<h2 id="cards">Social cards</h2>')
        parts += [_card(i, c, report) for i, c in enumerate(gallery.cards, start=1)]
    parts += ["</main>", "</body>", "</html>", ""]
    return "\n".join(parts)


def _summary(gallery: Gallery, deck_level: list[Finding]) -> list[str]:
    report = gallery.report
    out = [
        '<section class="summary" id="summary" aria-labelledby="check">',
        '<h2 id="check">Check</h2>',
    ]
    if report is None:
        out.append(
            "<p>This is a built deck (.pptx), so there is nothing to check and no findings: "
            "<code>deckgen check</code> reads an outline. Social cards are made from an "
            "outline too, so none are shown. Alt texts and notes are read from the deck.</p>"
        )
    else:
        errors, warnings = len(report.errors), len(report.warnings)
        tone = "error" if errors else "warning" if warnings else "clean"
        out.append(
            f'<p class="counts {tone}"><strong>{_count(errors, "error")}</strong>, '
            f"<strong>{_count(warnings, 'warning')}</strong> from <code>deckgen check</code>."
            "</p>"
        )
        places = _places(gallery, report)
        if places:
            out.append(f"<p>Findings on: {', '.join(places)}.</p>")
        out.append("<h3>Deck findings</h3>")
        out.append(_findings(deck_level, with_place=True))
    if gallery.hidden:
        listed = ", ".join(str(n) for n in gallery.hidden)
        out.append(f"<p>Hidden slides, not rendered (as in a slide show): {_e(listed)}.</p>")
    out.append("</section>")
    return out


def _places(gallery: Gallery, report: Report) -> list[str]:
    """Links to each slide and card with findings, with their counts."""
    links = []
    for s in gallery.slides:
        if found := report.for_slide(s.number):
            links.append(f'<a href="#slide-{s.number}">slide {s.number}</a> ({len(found)})')
    for i, c in enumerate(gallery.cards, start=1):
        if found := report.for_card(c.file):
            links.append(f'<a href="#card-{i}">card {_e(c.file)}</a> ({len(found)})')
    return links


def _slide(slide: SlideView, report: Report | None) -> str:
    width, height = slide.size
    pictures = "".join(f' <span class="pic">{_e(a)}</span>' for a in slide.alts)
    missing = (
        f'<p class="missing">{_count(slide.missing_alt, "picture")} without alt text.</p>'
        if slide.missing_alt
        else ""
    )
    notes = (
        f'<p class="notes">{_e(slide.notes)}</p>'
        if slide.notes
        else '<p class="none">No speaker notes.</p>'
    )
    return (
        f'<article class="item" id="slide-{slide.number}">'
        f'<figure><img src="{_e(quote(slide.image))}" width="{width}" '
        f'height="{height}" alt="{_e(slide.alt)}"></figure>'
        f'<div class="about"><h3>Slide {slide.number}</h3>'
        f"{_findings_block(report.for_slide(slide.number) if report else None)}"
        # The same words as the picture's alt attribute, each picture's on its own line.
        f'<h4>Alt text</h4><p class="alt">{_e(slide.head)}{pictures}</p>{missing}'
        f"<h4>Notes</h4>{notes}"
        "</div></article>"
    )


def _card(index: int, card: CardView, report: Report | None) -> str:
    width, height = card.size
    shown = max(1, round(width / CARD_SCALE))
    caption = (
        f'<p class="notes">{_e(card.caption)}</p>'
        if card.caption
        else '<p class="none">No caption.</p>'
    )
    return (
        f'<article class="item card" id="card-{index}">'
        f'<figure><img src="{_e(card.src)}" width="{width}" height="{height}" '
        f'style="width: {shown}px" alt="{_e(card.alt)}"></figure>'
        f'<div class="about"><h3>{_e(card.file)}</h3>'
        f'<p class="meta">{_e(card.preset)}, {width} × {height} px</p>'
        f"{_findings_block(report.for_card(card.file) if report else None)}"
        f'<h4>Alt text</h4><p class="alt">{_e(card.alt)}</p>'
        f"<h4>Caption</h4>{caption}"
        "</div></article>"
    )


def _findings_block(found: list[Finding] | None) -> str:
    """The findings first: they are what a reviewer acts on (none for a .pptx)."""
    if found is None:
        return ""
    return f"<h4>Findings</h4>{_findings(found)}"


def _findings(found: Sequence[Finding], *, with_place: bool = False) -> str:
    if not found:
        return '<p class="none">None.</p>'
    items = []
    for f in found:
        place = f"{_e(f.where)}: " if with_place and f.where != "deck" else ""
        where = f'<p class="where">{_e(f.location)}</p>' if f.location else ""
        items.append(
            f'<li class="finding {_e(f.severity)}"><p><span class="badge">'
            f"{_e(f.severity.capitalize())}</span> <code>{_e(f.code)}</code> {place}"
            f'{_e(f.message)}</p><p class="fix">Fix: {_e(f.fix)}</p>{where}</li>'
        )
    return f'<ul class="findings">{"".join(items)}</ul>'


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


#: The page's only style. System fonts (no download); text and badge colours pass WCAG AA.
_CSS = """
:root { --text: #1B2430; --muted: #545E6C; --line: #D5DAE1; --error: #B00020;
  --warning: #8A5300; --ok: #1D6B3A; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1500px; padding: 24px; color: var(--text);
  font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background: #FFF; }
h1 { margin: 0 0 4px; font-size: 28px; }
h2 { margin: 32px 0 12px; font-size: 22px; border-bottom: 2px solid var(--text); }
h3 { margin: 0 0 4px; font-size: 18px; word-break: break-all; }
h4 { margin: 12px 0 2px; font-size: 13px; text-transform: uppercase; letter-spacing: .04em;
  color: var(--muted); }
p { margin: 0 0 6px; }
a { color: #0B4F8A; }
.meta, .none, .where { color: var(--muted); }
.summary { padding: 12px 16px; border: 1px solid var(--line); border-radius: 6px; }
.summary h2 { margin-top: 0; border: 0; }
.counts.error strong:first-child { color: var(--error); }
.counts.warning strong:last-child { color: var(--warning); }
.counts.clean { color: var(--ok); }
.item { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 24px;
  padding: 16px 0; border-bottom: 1px solid var(--line); }
.item.card { grid-template-columns: minmax(0, 560px) minmax(0, 1fr); }
figure { margin: 0; }
figure img { display: block; max-width: 100%; height: auto; border: 1px solid var(--line); }
.alt .pic { display: block; margin-top: 4px; }
.notes { white-space: pre-wrap; }
.missing { color: var(--error); font-weight: 600; }
.findings { list-style: none; margin: 0; padding: 0; }
.finding { margin: 0 0 8px; padding: 6px 10px; border-left: 4px solid; background: #F6F7F9; }
.finding.error { border-color: var(--error); }
.finding.warning { border-color: var(--warning); }
.badge { font-weight: 700; }
.error .badge { color: var(--error); }
.warning .badge { color: var(--warning); }
.fix { margin: 2px 0; }
code { font: 14px ui-monospace, Menlo, Consolas, monospace; }
@media (max-width: 900px) { .item, .item.card { grid-template-columns: 1fr; } }
"""
