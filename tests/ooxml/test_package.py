"""The .pptx writer: zipfile's bytes, dated 1980, pictures stored, and a part deflated
again only when it changed."""

from __future__ import annotations

import io
import zipfile
import zlib

from hypothesis import given, settings
from hypothesis import strategies as st
from pptx import Presentation
from pptx.opc.packuri import PackURI
from pptx.util import Inches

from deckgen.ooxml import package

EPOCH = (1980, 1, 1, 0, 0, 0)


def _zipfile_bytes(members: list[tuple[str, bytes]]) -> bytes:
    """What zipfile writes for ``members`` (as python-pptx has it write them), dated 1980,
    with PNG, JPEG and GIF pictures stored."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=EPOCH)
            picture = name.lower().endswith((".png", ".jpg", ".jpeg", ".jpe", ".gif"))
            info.compress_type = zipfile.ZIP_STORED if picture else zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return out.getvalue()


def _ours(members: list[tuple[str, bytes]]) -> bytes:
    zipped = package._Zip({})
    for name, data in members:
        zipped.write(PackURI("/" + name), data)
    return zipped.bytes()


names = st.tuples(
    st.text(st.characters(codec="utf-8", exclude_characters="/\\\x00"), min_size=1, max_size=12),
    st.sampled_from([".xml", ".rels", ".png", ".PNG", ".jpeg", ".gif", ".emf", ".xlsx"]),
).map(lambda parts: f"ppt/{parts[0]}{parts[1]}")
blobs = st.one_of(st.binary(max_size=3000), st.text(max_size=3000).map(str.encode))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(names, blobs), max_size=8, unique_by=lambda m: m[0]))
def test_the_same_bytes_as_zipfile(members: list[tuple[str, bytes]]) -> None:
    assert _ours(members) == _zipfile_bytes(members)


def _deck(text: str) -> Presentation:
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    slide.shapes.add_textbox(Inches(1), Inches(1), Inches(4), Inches(1)).text = text
    return prs


def test_a_deck_reads_back_with_every_part_and_no_clock() -> None:
    prs = _deck("first")
    native = io.BytesIO()
    prs.save(native)
    ours = zipfile.ZipFile(io.BytesIO(package.save(prs)))
    theirs = zipfile.ZipFile(native)
    assert ours.testzip() is None
    assert ours.namelist() == theirs.namelist()
    for info in ours.infolist():
        assert ours.read(info) == theirs.read(info.filename), info.filename
        assert info.date_time == EPOCH
    assert Presentation(io.BytesIO(package.save(prs))).slides[0].shapes[0].text == "first"


def test_a_changed_part_is_deflated_anew_and_the_rest_reused(monkeypatch) -> None:
    deflated: list[int] = []
    real = zlib.compressobj
    monkeypatch.setattr(zlib, "compressobj", lambda *a: deflated.append(1) or real(*a))
    prs = _deck("first")
    kept: package.Kept = {}
    first = package.save(prs, kept)
    parts = len(deflated)
    assert parts > 10 and len(kept) == parts
    assert package.save(prs, kept) == first  # from the kept parts: the same bytes
    assert len(deflated) == parts  # and nothing deflated again
    prs.slides[0].shapes[0].text = "second"
    second = package.save(prs, kept)
    assert len(deflated) == parts + 1  # the slide alone
    assert Presentation(io.BytesIO(second)).slides[0].shapes[0].text == "second"
    archive = zipfile.ZipFile(io.BytesIO(second))
    assert second == _zipfile_bytes([(i.filename, archive.read(i)) for i in archive.infolist()])
    before = len(deflated)
    package.save(prs)  # without kept parts: all deflated
    assert len(deflated) == before + parts


def test_a_deck_past_the_plain_zip_limits_is_written_by_zipfile(monkeypatch) -> None:
    """Over 2 GB or 65,535 parts a zip needs ZIP64 records; zipfile writes them. Shown here
    with the limits lowered to what a small deck passes."""
    prs = _deck("big")
    plain = package.save(prs)
    by_zipfile = package._by_zipfile
    for limit, value in (("_ZIP64_LIMIT", 2000), ("_COUNT_LIMIT", 5)):
        taken: list[int] = []
        with monkeypatch.context() as patched:
            patched.setattr(package, limit, value)
            patched.setattr(
                package, "_by_zipfile", lambda m, taken=taken: taken.append(1) or by_zipfile(m)
            )
            written = package.save(prs)
        assert taken == [1], limit
        archive = zipfile.ZipFile(io.BytesIO(written))
        assert archive.testzip() is None
        assert written == _zipfile_bytes(
            [(i.filename, archive.read(i)) for i in archive.infolist()]
        )
        assert written == plain  # zipfile needs no ZIP64 record at this size: the same bytes


def test_pictures_are_stored_and_read_back_the_same(monkeypatch) -> None:
    """PNG, JPEG and GIF members are stored: deflating compressed pictures again costs time
    for little (python-pptx's own save deflates them, so its bytes differ there only)."""
    import PIL.Image

    picture = io.BytesIO()
    PIL.Image.new("RGB", (40, 30), (200, 30, 60)).save(picture, "PNG")
    prs = _deck("with a picture")
    prs.slides[0].shapes.add_picture(io.BytesIO(picture.getvalue()), Inches(1), Inches(2))
    written = package.save(prs)
    archive = zipfile.ZipFile(io.BytesIO(written))
    assert archive.testzip() is None
    methods = {i.filename: i.compress_type for i in archive.infolist()}
    media = [name for name in methods if name.endswith((".png", ".jpeg"))]
    assert "docProps/thumbnail.jpeg" in media and any(n.startswith("ppt/media/") for n in media)
    assert all(methods[name] == zipfile.ZIP_STORED for name in media)
    assert {methods[n] for n in methods if n not in media} == {zipfile.ZIP_DEFLATED}
    assert picture.getvalue() in {archive.read(name) for name in media}
    native = io.BytesIO()
    prs.save(native)
    theirs = zipfile.ZipFile(native)
    assert {i.filename: archive.read(i.filename) for i in archive.infolist()} == {
        i.filename: theirs.read(i) for i in theirs.infolist()
    }
    kept: package.Kept = {}
    package.save(prs, kept)
    assert picture.getvalue() not in kept  # nothing deflated is kept for a stored picture


def test_relationships_are_written_once_and_follow_their_targets(monkeypatch) -> None:
    """Each part's relationships are python-pptx's own XML, made once for what they say:
    a second deck with the same ones takes them from the first, and a relationship that
    changes (another target, one added) is written anew."""
    from pptx.opc.package import _Relationships

    made: list[str] = []
    real = _Relationships.xml
    monkeypatch.setattr(_Relationships, "xml", property(
        lambda rels: made.append(rels._base_uri) or real.fget(rels)))  # fmt: skip
    monkeypatch.setattr(package, "_RELS", {})
    prs = _deck("first")
    first = package.save(prs)
    # The package's, the presentation's, the master's, the slide's, and the 11 layouts'
    # once: each says "my master is slideMaster1.xml".
    assert made == ["/", "/ppt", "/ppt/slideMasters", "/ppt/slideLayouts", "/ppt/slides"]
    count = len(made)
    assert package.save(_deck("first")) == first  # another deck, the same relationships
    assert len(made) == count
    prs.slides[0].part.relate_to("https://example.org/", "http://example.org/link",
                                 is_external=True)  # fmt: skip
    written = zipfile.ZipFile(io.BytesIO(package.save(prs)))
    linked = written.read("ppt/slides/_rels/slide1.xml.rels")
    assert made[count:] == ["/ppt/slides"]  # that slide's alone
    assert b'Target="https://example.org/" TargetMode="External"' in linked
    native = io.BytesIO()
    prs.save(native)
    assert zipfile.ZipFile(native).read("ppt/slides/_rels/slide1.xml.rels") == linked
    # Past its limit, the memo starts again rather than grow.
    monkeypatch.setattr(package, "_RELS_KEPT", 1)
    package.save(_deck("new"))  # all known: kept
    assert len(package._RELS) == 6
    prs.slides[0].part.relate_to("https://example.org/2", "http://example.org/link",
                                 is_external=True)  # fmt: skip
    package.save(prs)  # the slide's new: the memo starts again with it
    assert len(package._RELS) == 1
