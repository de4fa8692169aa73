"""Write a python-pptx presentation as .pptx bytes: deterministic, and quick to write again.

python-pptx writes its parts through :mod:`zipfile`, dated with the clock, and deflates
every part anew at each save. Here the same parts go into the same zip (byte for byte what
:mod:`zipfile` writes, see ``tests/ooxml/test_package.py``), with these differences:

* every member is dated 1980-01-01 00:00, so the same deck is the same bytes whenever it
  is built;
* a part whose bytes were in the caller's last deck is not deflated again: its compressed
  bytes are kept (``deckgen watch`` after a one-value edit writes 3 new pictures and a few
  slides; the other ~110 parts, most of the work, are reused);
* pictures already compressed (PNG, JPEG, GIF) are stored, not deflated (``zip -n``'s
  choice): deflating the bench deck's 1.4 MB of pictures again took ~25 ms of its cold
  build, on the one process that waits for them, to save 15% of their bytes.

It writes through python-pptx's ``PackageWriter`` (its private steps, in its order):
``tests/ooxml/test_package.py`` compares the result with python-pptx's own save.
"""

from __future__ import annotations

import struct
import sys
import zlib
from typing import TYPE_CHECKING, Any

from pptx.opc.packuri import PACKAGE_URI
from pptx.opc.serialized import PackageWriter

if TYPE_CHECKING:
    from pptx.opc.package import _Relationships
    from pptx.opc.packuri import PackURI
    from pptx.presentation import Presentation

#: 1980-01-01 00:00:00 as MS-DOS time and date (the zip format's earliest).
_DOS_TIME, _DOS_DATE = 0, (0 << 9) | (1 << 5) | 1
_VERSION = 20  # what zipfile writes for a member, stored or deflated: "2.0, deflate"
_STORED_METHOD = 0  # the zip format's "stored" (zipfile.ZIP_STORED; zlib.DEFLATED is 8)
_SYSTEM = 0 if sys.platform == "win32" else 3  # zipfile's "made by": as it writes it
_ATTRIBUTES = 0o600 << 16  # zipfile's default for a member written from bytes
#: Past these, zipfile writes ZIP64 records: such a deck is written by zipfile itself.
_ZIP64_LIMIT = (1 << 31) - 1
_COUNT_LIMIT = (1 << 16) - 1

Kept = dict[bytes, tuple[int, bytes]]  # a part's bytes -> (CRC-32, deflated bytes)

#: Members written as they are (their formats compress their own data).
STORED = (".png", ".jpg", ".jpeg", ".jpe", ".gif")


def save(prs: Presentation, kept: Kept | None = None) -> bytes:
    """``prs`` as .pptx bytes (what ``prs.save`` writes, dated 1980). ``kept``: the parts of
    the last deck written with it (a session's, per output folder), reused where a part
    is unchanged, and replaced by this deck's."""
    package = prs.part.package
    zipped = _Zip(kept or {})
    # The writer's file is our zip: python-pptx hands each part to its ``write``.
    _Writer(zipped, package._rels, tuple(package.iter_parts()))._write()  # type: ignore[arg-type]
    if kept is not None:
        kept.clear()
        kept.update(zipped.kept)
    data = zipped.bytes()
    return _by_zipfile(zipped.members) if data is None else data


def deflated(blob: bytes) -> tuple[int, bytes]:
    """``blob``'s CRC-32 and its bytes deflated as :mod:`zipfile` deflates a member."""
    deflate = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    return zlib.crc32(blob), deflate.compress(blob) + deflate.flush()


def _stored(name: str) -> bool:
    return name.lower().endswith(STORED)


def _by_zipfile(members: list[tuple[str, bytes]]) -> bytes:
    """The same members as :mod:`zipfile` writes them (a deck past the plain zip format's
    limits: 2 GB, 65,535 parts), dated 1980."""
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_STORED if _stored(name) else zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return out.getvalue()


class _Writer(PackageWriter):
    """python-pptx's package writer (content types, package rels, then each part and its
    rels, in that order) writing into a :class:`_Zip` rather than a ``zipfile``, and each
    relationships part from :func:`rels_xml`."""

    def _write(self) -> None:
        phys = self._pkg_file
        self._write_content_types_stream(phys)  # type: ignore[arg-type]
        self._write_pkg_rels(phys)
        self._write_parts(phys)

    def _write_pkg_rels(self, phys_writer: Any) -> None:
        phys_writer.write(PACKAGE_URI.rels_uri, rels_xml(self._pkg_rels))

    def _write_parts(self, phys_writer: Any) -> None:
        for part in self._parts:
            phys_writer.write(part.partname, part.blob)
            if part._rels:
                phys_writer.write(part.partname.rels_uri, rels_xml(part.rels))


#: Relationships parts written, by what they say (see :func:`rels_xml`).
_RELS: dict[tuple[object, ...], bytes] = {}
_RELS_KEPT = 4096  # a deck of 1,000 slides has ~3,000; emptied when past this


def rels_xml(rels: _Relationships) -> bytes:
    """``rels.xml``: a part's relationships as XML (python-pptx's own bytes), made once a
    process for each set of relationships. python-pptx builds each anew with lxml, and
    works out every target's path relative to the part: 45% of writing the bench's deck
    (~5 ms of 11), and a warm rebuild's or a batch's decks have the same ones again."""
    said = tuple((rId, rel.reltype, rel.is_external,
                  rel.target_ref if rel.is_external else str(rel.target_partname))
                 for rId, rel in rels._rels.items())  # fmt: skip
    key = (rels._base_uri, said)
    found = _RELS.get(key)
    if found is None:
        if len(_RELS) >= _RELS_KEPT:
            _RELS.clear()
        found = _RELS[key] = rels.xml
    return found


class _Zip:
    """A zip archive in memory, members deflated as :mod:`zipfile` deflates them (one
    ``compressobj`` at the default level, raw deflate) or stored (:data:`STORED`), written
    with its headers."""

    def __init__(self, last: Kept) -> None:
        self._last = last
        self._body: list[bytes] = []
        self._central: list[bytes] = []
        self._offset = 0
        self.kept: Kept = {}
        self.members: list[tuple[str, bytes]] = []
        self.huge = False  # a part past the plain zip format's limits: see _by_zipfile

    def write(self, pack_uri: PackURI, blob: bytes) -> None:
        name = pack_uri.membername
        self.members.append((name, blob))
        if len(blob) * 1.05 > _ZIP64_LIMIT or self._offset > _ZIP64_LIMIT:
            self.huge = True  # zipfile's own tests, from its _open_to_write and close
        if self.huge:
            return
        if _stored(name):
            method, crc, packed = _STORED_METHOD, zlib.crc32(blob), blob
        else:
            done = self.kept.get(blob) or self._last.get(blob) or deflated(blob)
            self.kept[blob] = done
            method, (crc, packed) = zlib.DEFLATED, done
        try:
            encoded, flags = name.encode("ascii"), 0
        except UnicodeEncodeError:
            encoded, flags = name.encode("utf-8"), 0x800  # zipfile's "name is UTF-8"
        fields = (flags, method, _DOS_TIME, _DOS_DATE, crc, len(packed), len(blob),
                  len(encoded))  # fmt: skip
        local = struct.pack("<4s5H3L2H", b"PK\x03\x04", _VERSION, *fields, 0)
        central = struct.pack("<4s4B4H3L5H2L", b"PK\x01\x02", _VERSION, _SYSTEM, _VERSION, 0,
                              *fields, 0, 0, 0, 0, _ATTRIBUTES, self._offset)  # fmt: skip
        self._central.append(central + encoded)
        self._body += (local, encoded, packed)
        self._offset += len(local) + len(encoded) + len(packed)

    def bytes(self) -> bytes | None:
        """The archive; ``None`` if it is past the plain zip format's limits."""
        central = b"".join(self._central)
        count = len(self._central)
        if self.huge or count >= _COUNT_LIMIT or max(self._offset, len(central)) > _ZIP64_LIMIT:
            return None
        end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, count, count, len(central),
                          self._offset, 0)  # fmt: skip
        return b"".join([*self._body, central, end])
