"""Slides by content key: an unchanged slide is spliced into the deck, not built again.

Building a slide with python-pptx (placeholder inheritance, text runs, picture parts) is
most of assembly's time. A slide's XML depends only on its plan, its pictures (by content
key), the theme, the deck's metadata and sources, and the libraries' versions, so those
make its key (:func:`slide_key`). After a slide is built, :func:`capture` records its XML
and its relationships (pictures by their bytes, native charts by their chart part and
embedded workbook, the notes page, hyperlinks); :func:`splice` adds such a slide to
another presentation in the same order a build would, so every part gets the same name
and every relationship the same id: the deck is byte-identical to one built from scratch.

:class:`SlideCache` keeps entries in memory (a warm ``deckgen watch`` session) and, given a
folder, on disk beside the render cache (the command line). An entry on disk carries the
SHA-256 of its body: a damaged or foreign one is ignored, and the slide is built again.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from deckgen.io import atomic_write_bytes, clear_state, own_folder, read_regular, state_json

if TYPE_CHECKING:
    from pathlib import Path

    from pptx.presentation import Presentation
    from pptx.slide import Slide

    from deckgen.kinds.slides._base import PlannedSlide
    from deckgen.ooxml.package import Kept
    from deckgen.outline.schema import DeckMeta
    from deckgen.theming.load import LoadedTheme

_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
LAYOUT, IMAGE, CHART, HYPERLINK, NOTES = (
    f"{_RT}{t}" for t in ("slideLayout", "image", "chart", "hyperlink", "notesSlide")
)
PACKAGE = f"{_RT}package"
_KINDS = frozenset((IMAGE, CHART, HYPERLINK, NOTES))  # what capture() records
#: Bumped when what an entry holds, or how a slide is spliced, changes.
FORMAT = 20  # 2: reading order, language tags, decorative flags; 3: slide titles; 4: body text;
# 5: layout shapes hidden; 6: footers in balanced lines (broken when built, not planned);
# 7: a table's bar columns, a lone share's grid of dots; 8: a ring's rounding note;
# 9: stat labels measured as drawn; 10: a native stacked chart's series lines (connectors);
# 11: no line ending on an article or a conjunction where another break fits; 12: a place
# held to its state only where it is a name ('page, AI' broke free); 13: bullets and
# quotations written for the viewer's wrap, weak words held to the next; 14: a native
# grouped chart's bar too short to see labelled; 15: balanced text set a little smaller
# where that keeps its last word off a line of its own; 16: ... any word of it; 17: up to
# 12% smaller for a word alone where 8% does not keep it company; 18: a currency sign alone
# held to the word after it; 19: the 12% for a last word alone only; 20: no 12% (17, 19
# undone)
#: The largest entry read back (the sample's largest is well under 1 MB); a larger one is
#: built again, as a missing one is.
MAX_BYTES = 256 * 1024 * 1024


@dataclass(frozen=True)
class Rel:
    """One relationship of a slide: ``kind`` image (``blob`` the image), chart (``blob`` the
    chart XML, ``workbook`` its embedded .xlsx), notes (``blob`` the notes slide XML) or
    hyperlink (``target`` the address)."""

    rid: str
    kind: str
    blob: bytes = b""
    workbook: bytes = b""
    target: str = ""


@dataclass(frozen=True)
class SlideEntry:
    """A built slide: its layout (by part name), its XML and its relationships in order."""

    layout: str
    xml: bytes
    rels: tuple[Rel, ...]

    def dump(self) -> bytes:
        body = json.dumps({
            "format": FORMAT, "layout": self.layout, "xml": _b64(self.xml),
            "rels": [{"rid": r.rid, "kind": r.kind, "blob": _b64(r.blob),
                      "workbook": _b64(r.workbook), "target": r.target} for r in self.rels],
        }, separators=(",", ":")).encode()  # fmt: skip
        return hashlib.sha256(body).hexdigest().encode() + b"\n" + body

    @classmethod
    def load(cls, data: bytes) -> SlideEntry | None:
        """The entry ``data`` holds, or ``None`` if it is damaged or of another format."""
        digest, _, body = data.partition(b"\n")
        if digest != hashlib.sha256(body).hexdigest().encode():
            return None
        try:
            doc = state_json(body)
            if doc["format"] != FORMAT:
                return None
            rels = tuple(
                Rel(r["rid"], r["kind"], _unb64(r["blob"]), _unb64(r["workbook"]), r["target"])
                for r in doc["rels"]
            )
            entry = cls(doc["layout"], _unb64(doc["xml"]), rels)
        except (ValueError, KeyError, TypeError, AttributeError):  # a field of another type
            return None
        # The checksum is the body's own: an entry edited by hand can carry a right one.
        texts = (entry.layout, *(t for r in rels for t in (r.rid, r.target)))
        if not all(isinstance(t, str) for t in texts) or any(r.kind not in _KINDS for r in rels):
            return None
        return entry


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


@dataclass
class SlideCache:
    """Built slides by key: in memory, and in ``folder`` when one is given."""

    folder: Path | None = None
    read: bool = True  # False (--force): build every slide, but refresh the entries
    _memory: dict[str, SlideEntry] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)  # the keys this build asked for
    built: int = 0  # slides built with python-pptx this build (the rest were spliced)
    corrupt: list[str] = field(default_factory=list)
    #: The last deck's parts as the zip holds them (see :func:`deckgen.ooxml.package.save`):
    #: a part the next deck has unchanged is not deflated again.
    zipped: Kept = field(default_factory=dict)
    #: The keyed text of each plan (frame, layout, pictures) by the plan's objects' ids,
    #: this build's and the last's (see :func:`slide_key`): a warm session hands an
    #: unchanged slide's plan to the next build as the same objects.
    plans: dict[tuple[int, ...], tuple[tuple[object, ...], str]] = field(default_factory=dict)
    _plans_last: dict[tuple[int, ...], tuple[tuple[object, ...], str]] = field(default_factory=dict)

    def start(self) -> None:
        """Forget the last build's counts (a session's cache serves many builds), and
        every plan's text but the last build's."""
        self.used, self.built, self.corrupt = set(), 0, []
        self._plans_last, self.plans = self.plans, {}

    def plan_text(self, parts: tuple[object, ...]) -> str | None:
        """The keyed text of a plan with these parts, if this build or the last made it."""
        key = tuple(map(id, parts))
        kept = self.plans.get(key) or self._plans_last.get(key)
        if kept is None or any(a is not b for a, b in zip(kept[0], parts, strict=True)):
            return None
        self.plans[key] = kept
        return kept[1]

    def get(self, key: str) -> SlideEntry | None:
        self.used.add(key)
        if not self.read:
            return None
        entry = self._memory.get(key)
        if entry is None and self.folder is not None:
            # Never through a link (the folder's or the entry's): a slide planted elsewhere,
            # its checksum right, would be spliced into the deck. Bounded, regular files
            # only: a FIFO or /dev/zero in an entry's place is refused, never read.
            if not own_folder(self.folder):
                return None
            data = read_regular(self.folder / f"{key}.slide", MAX_BYTES, follow=False)
            if data is None:
                return None
            entry = SlideEntry.load(data)
            if entry is None:
                self.corrupt.append(key)
                return None
            self._memory[key] = entry
        return entry

    def put(self, key: str, entry: SlideEntry) -> None:
        self._memory[key] = entry
        if self.folder is not None:
            own_folder(self.folder, clear=True)  # a link elsewhere in its place: gone
            atomic_write_bytes(self.folder / f"{key}.slide", entry.dump(), state=True)

    def prune(self) -> None:
        """Drop every entry this build did not use (memory and disk)."""
        for key in set(self._memory) - self.used:
            del self._memory[key]
        if self.folder is None or not own_folder(self.folder):
            return  # nothing of ours to remove (a link's target is never pruned)
        for path in self.folder.glob("*.slide"):
            if path.stem not in self.used:
                clear_state(path)  # a folder, a link or a FIFO of that name: damage, gone
                path.unlink(missing_ok=True)


def deck_key(theme: LoadedTheme, meta: DeckMeta, size: str, sources: tuple[str, ...]) -> str:
    """What every slide of a deck shares: theme (fonts and template by content), metadata,
    size, the deck's sources (the sources slide lists them) and the libraries' versions."""
    from deckgen.render.jobs import _canonical, package_versions

    document = {
        "format": FORMAT,
        "versions": package_versions(("python-pptx", "lxml")),
        "theme": _canonical(theme), "template": _canonical(theme.template),
        "meta": _canonical(meta), "size": size, "sources": list(sources),
    }  # fmt: skip
    return hashlib.sha256(json.dumps(document, sort_keys=True).encode()).hexdigest()


def slide_key(deck: str, planned: PlannedSlide, slides: SlideCache | None = None) -> str | None:
    """The key of one planned slide in a deck of key ``deck``, or ``None`` if some part of
    its plan cannot be keyed (that slide is then always built). ``slides`` keeps the plans'
    keyed text between builds."""
    from deckgen.plan.memo import spec_key

    plan = _plan_document(planned, slides)
    if plan is None:
        return None
    document = {
        "deck": deck, "number": planned.number, "slide": spec_key(planned.slide, ""),
        "plan": plan, "sources": list(planned.sources), "notes": planned.notes,
    }  # fmt: skip
    text = json.dumps(document, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _plan_document(planned: PlannedSlide, slides: SlideCache | None) -> str | None:
    """The slide's frame, layout and pictures as keyed text (files they show by content),
    or ``None`` if a part cannot be keyed. From ``slides`` when it has the same objects:
    a plan is never changed once made."""
    from deckgen.render.jobs import _canonical

    parts = (planned.frame, planned.layout, planned.pictures)
    kept = slides.plan_text(parts) if slides is not None else None
    if kept is not None:
        return kept
    try:
        pictures = [[p.job.key(), _canonical(p.box), p.native] for p in planned.pictures]
        document = [_canonical(planned.frame), _canonical(planned.layout), pictures]
    except TypeError:
        return None
    text = json.dumps(document, sort_keys=True, separators=(",", ":"))
    if slides is not None:  # the parts held: their ids are not reused meanwhile
        slides.plans[tuple(map(id, parts))] = (parts, text)
    return text


def settle(slide: Slide) -> None:
    """Write an empty text as ``<a:t/>``, as its XML reads back: lxml writes an element
    whose text was set to "" as ``<a:t></a:t>``, but parses both forms alike, so a built
    slide and a spliced one would differ by that byte for byte. Every built slide (and
    its notes page) is settled, cached or not."""
    from lxml import etree

    text = etree._Element.text  # python-pptx's element classes redefine ``text``
    roots = [slide._element]
    if slide.has_notes_slide:
        roots.append(slide.notes_slide._element)
    for root in roots:
        for element in root.iter():
            if text.__get__(element) == "":
                text.__set__(element, None)


def capture(slide: Slide) -> SlideEntry | None:
    """``slide`` as an entry, or ``None`` if it has a relationship :func:`splice` cannot
    make again."""
    from lxml import etree

    layout = ""
    rels: list[Rel] = []
    for rid, rel in slide.part.rels.items():
        if rel.reltype == LAYOUT:
            layout = str(rel.target_part.partname)
        elif rel.reltype == HYPERLINK and rel.is_external:
            rels.append(Rel(rid, HYPERLINK, target=rel.target_ref))
        elif rel.reltype == IMAGE:
            rels.append(Rel(rid, IMAGE, blob=rel.target_part.blob))
        elif rel.reltype == CHART:
            chart = rel.target_part
            inner = list(chart.rels.values())
            if len(inner) != 1 or inner[0].reltype != PACKAGE:
                return None
            rels.append(Rel(rid, CHART, blob=chart.blob, workbook=inner[0].target_part.blob))
        elif rel.reltype == NOTES:
            rels.append(Rel(rid, NOTES, blob=rel.target_part.blob))
        else:
            return None
    xml = etree.tostring(slide._element, encoding="UTF-8", standalone=True)
    return SlideEntry(layout, xml, tuple(rels))


def splice(prs: Presentation, entry: SlideEntry) -> Slide | None:
    """Add the slide ``entry`` holds to ``prs`` (as :meth:`Slides.add_slide` and the
    builders would), or return ``None`` if ``prs`` has no layout of that name."""
    from pptx.opc.constants import CONTENT_TYPE as CT
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.parts.chart import ChartPart
    from pptx.parts.embeddedpackage import EmbeddedXlsxPart
    from pptx.parts.slide import NotesSlidePart, SlidePart

    layouts = {str(layout.part.partname): layout for layout in prs.slide_layouts}
    layout = layouts.get(entry.layout)
    if layout is None:
        return None
    part = prs.part
    package = part.package
    slide_part = SlidePart.load(part._next_slide_partname, CT.PML_SLIDE, package, entry.xml)
    slide_part.relate_to(layout.part, RT.SLIDE_LAYOUT)
    # In the presentation before its pictures, as when built: a new image part is named
    # after the ones the presentation already reaches.
    prs.slides._sldIdLst.add_sldId(part.relate_to(slide_part, RT.SLIDE))
    for rel in entry.rels:
        if rel.kind == IMAGE:
            _, rid = slide_part.get_or_add_image_part(io.BytesIO(rel.blob))
        elif rel.kind == CHART:
            chart = ChartPart.load(package.next_partname(ChartPart.partname_template),
                                   CT.DML_CHART, package, rel.blob)  # fmt: skip
            chart.relate_to(EmbeddedXlsxPart.new(rel.workbook, package), RT.PACKAGE)
            rid = slide_part.relate_to(chart, RT.CHART)
        elif rel.kind == NOTES:
            # As python-pptx makes a notes page: the notes master first (made on the first
            # page), then the page, related to the master and the slide.
            master = part.notes_master_part
            name = package.next_partname("/ppt/notesSlides/notesSlide%d.xml")
            notes = NotesSlidePart.load(name, CT.PML_NOTES_SLIDE, package, rel.blob)
            notes.relate_to(master, RT.NOTES_MASTER)
            notes.relate_to(slide_part, RT.SLIDE)
            rid = slide_part.relate_to(notes, RT.NOTES_SLIDE)
        else:
            rid = slide_part.relate_to(rel.target, RT.HYPERLINK, is_external=True)
        # Ids are given in order, lowest free first, as when the slide was built; the XML
        # names them, so a different id would point a picture at the wrong image.
        assert rid == rel.rid, f"spliced relationship {rid} != {rel.rid}"
    slide: Slide = slide_part.slide
    return slide
