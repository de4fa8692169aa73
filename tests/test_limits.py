"""deckgen.limits: zip packages and images are bounded and checked before any library reads
them; each refusal is a deckgen error naming the file."""

from __future__ import annotations

import io
import struct
import time
import tracemalloc
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from deckgen import limits
from deckgen.errors import DataError, Location, ThemeError
from deckgen.limits import check_image, check_package

WHERE = Location("brand.potx")


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return out.getvalue()


def check(data: bytes) -> str:
    with pytest.raises(ThemeError) as info:
        check_package(data, WHERE, ThemeError, "template", "PowerPoint", "save it again")
    return str(info.value)


def test_an_ordinary_package_passes():
    check_package(_zip({"a.xml": b"<a/>", "b.bin": bytes(1000)}), WHERE, ThemeError,
                  "template", "PowerPoint", "fix")  # fmt: skip


def test_too_many_parts(monkeypatch):
    monkeypatch.setattr(limits, "MAX_PARTS", 5)
    message = check(_zip({f"p{i}.xml": b"<a/>" for i in range(6)}))
    assert "brand.potx: the template holds 6 parts; deckgen reads at most 5" in message


def test_a_part_or_the_whole_inflating_past_the_limit(monkeypatch):
    monkeypatch.setattr(limits, "MAX_PART_BYTES", 2**20)
    bomb = _zip({"ppt/media/a.bin": bytes(3 * 2**20)})
    assert len(bomb) < 10_000
    assert "the template inflates past 1 MB in part 'ppt/media/a.bin'" in check(bomb)
    monkeypatch.setattr(limits, "MAX_PACKAGE_BYTES", 2**20)
    monkeypatch.setattr(limits, "MAX_PART_BYTES", 2**30)
    several = _zip({f"m{i}.bin": bytes(600_000) for i in range(2)})
    assert "or 1 MB in all" in check(several)


def test_a_header_that_understates_a_part_is_caught_without_inflating_it_whole():
    """zipfile inflates a whole compressed run before cutting it to the declared size: a
    60 KB file claiming 10 bytes would still make 60 MB. Counting in chunks stops early."""
    data = bytearray(_zip({"a.xml": bytes(60 * 2**20)}))
    for header, offset in ((b"PK\x01\x02", 24), (b"PK\x03\x04", 22)):
        struct.pack_into("<I", data, data.find(header) + offset, 10)
    tracemalloc.start()
    try:
        message = check(bytes(data))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "cannot open the template as a PowerPoint file: Bad CRC-32 for file 'a.xml'" in message
    assert peak < 5 * 2**20


def test_a_real_size_bomb_is_refused_in_bounded_memory_and_time():
    """A package of 300 KB with one part that inflates to 272 MB, against the real limits."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package,
        package.open("ppt/media/bomb.bin", "w", force_zip64=True) as part,
    ):
        block = bytes(2**24)
        for _ in range(17):  # 272 MB: past 256 MB a part
            part.write(block)
    data = out.getvalue()
    assert len(data) < 1_000_000
    tracemalloc.start()
    start = time.perf_counter()
    try:
        message = check(data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "inflates past 256 MB in part 'ppt/media/bomb.bin'" in message
    assert peak < 10 * 2**20
    assert time.perf_counter() - start < 10


@pytest.mark.parametrize("offset", [0, 5, limits._CHUNK - 4])
def test_a_dtd_is_found_even_across_a_chunk_edge(offset):
    xml = b" " * offset + b'<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>'
    message = check(_zip({"ppt/theme/theme1.xml": xml}))
    assert "part 'ppt/theme/theme1.xml' of the template declares a document type" in message


def test_a_dtd_in_a_media_part_is_no_concern():
    """A part that is not XML (it does not start with '<') may hold those bytes: a picture."""
    for media in (b"\x89PNG\r\n\x1a\n<!DOCTYPE", bytes(100) + b"<!DOCTYPE"):
        check_package(_zip({"ppt/media/a.bin": media}), WHERE, ThemeError, "template",
                      "PowerPoint", "fix")  # fmt: skip


_DOCTYPE_SHEET = '<!DOCTYPE a [<!ENTITY usa "U&#83;A">]><worksheet>&usa;</worksheet>'


@pytest.mark.parametrize("name", ["xl/worksheets/sheet1.dat", "xl/worksheets/sheet1",
                                  "xl/_rels/workbook.xml.rels", "xl/drawings/a.vml",
                                  "customXml/item1.XML"])  # fmt: skip
def test_a_dtd_is_found_whatever_the_part_is_named(name):
    """The sheet renamed 'sheet1.dat' (its relationships updated) was parsed with its
    entities expanded: whether a part is XML is read from its bytes, not its name."""
    message = check(_zip({name: _DOCTYPE_SHEET.encode()}))
    assert f"part {name!r} of the template declares a document type" in message


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig"])
@pytest.mark.parametrize("declaration", ["", '<?xml version="1.0" encoding="UTF-16"?>\n'])
def test_a_dtd_is_found_whatever_the_encoding(codec, declaration):
    """A sheet saved as UTF-16 (with or without a byte-order mark) hid '<!DOCTYPE' from a
    search of its bytes as ASCII."""
    xml = (declaration + _DOCTYPE_SHEET).encode(codec)
    message = check(_zip({"xl/worksheets/sheet1.xml": xml}))
    assert "part 'xl/worksheets/sheet1.xml' of the template declares a document type" in message


@pytest.mark.parametrize("codec", ["utf-32", "utf-32-be", "utf-7", "cp500", "no-such"])
def test_xml_in_an_encoding_where_a_dtd_could_hide_is_refused(codec):
    """A parser switches to the encoding the declaration names (UTF-7 writes '<' as
    '+ADw-'), or reads UTF-32 and EBCDIC from the first bytes: refused, as the OPC standard
    allows only UTF-8 and UTF-16."""
    declaration = f'<?xml version="1.0" encoding="{codec.upper()}"?>'
    if codec in ("utf-7", "no-such"):  # the declaration in ASCII, the rest in the codec
        xml = declaration.encode() + b"+ADw-!DOCTYPE a+AD4-+ADw-a/+AD4-"  # '<' as '+ADw-'
    else:
        xml = (declaration + "<a/>").encode(codec)
    message = check(_zip({"xl/worksheets/sheet1.xml": xml}))
    assert "part 'xl/worksheets/sheet1.xml' of the template is XML written in" in message
    assert "Office never writes (it writes UTF-8 or UTF-16)" in message


@pytest.mark.parametrize("codec", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"])
def test_office_xml_in_utf8_or_utf16_passes(codec):
    xml = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<a b="&amp;"/>'
    parts = {"ppt/slides/slide1.xml": xml.encode(codec), "[Content_Types].xml": b"<Types/>"}
    check_package(_zip(parts), WHERE, ThemeError, "template", "PowerPoint", "fix")


@given(
    st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"]),
    st.text(alphabet=" \t\r\n", max_size=8),
    st.text(max_size=40).filter(lambda t: "<!DOCTYPE" not in t.upper()),
    st.sampled_from(["", "x.xml", "x.dat", "x"]),
)
@settings(max_examples=150, deadline=None)
def test_property_a_dtd_is_refused_in_any_xml_part(codec, spaces, before, suffix):
    """Whatever the name, encoding, leading spaces and text before it, an XML part with a
    DTD is refused; the same part without one passes."""
    clean = (spaces + "<a>" + before.replace("<", "") + "</a>").encode(codec)
    check_package(_zip({"p/" + suffix: clean}), WHERE, ThemeError, "t", "PowerPoint", "fix")
    bad = (spaces + "<!DOCTYPE a><a>" + before.replace("<", "") + "</a>").encode(codec)
    assert "declares a document type" in check(_zip({"p/" + suffix: bad}))


def test_not_a_zip_is_named():
    assert "cannot open the template as a PowerPoint file" in check(b"PK not really")


def test_an_old_office_file_or_one_with_a_password_is_named_with_its_fix():
    """Both are OLE files: 'File is not a zip file', told to save it from PowerPoint
    (found by fuzzing)."""
    message = check(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    assert "an Office file of the old kind (.ppt, .xls) or one saved with a password" in message
    assert "remove any password" in message


# --------------------------------------------------------------------------- images
def _image(tmp_path, name: str, size=(40, 30), fmt: str | None = None):
    path = tmp_path / name
    Image.new("RGB", size, (10, 120, 200)).save(path, fmt)
    return path


@pytest.mark.parametrize("name", ["a.png", "a.jpg", "a.gif", "a.bmp", "a.tif"])
def test_ordinary_images_pass(tmp_path, name):
    check_image(_image(tmp_path, name), Location("deck.yaml", 3, "file"), DataError, "image")


def image_error(path, what="image") -> str:
    with pytest.raises(DataError) as info:
        check_image(path, Location("deck.yaml", 3, "slides[0].file"), DataError, what)
    return str(info.value)


def test_an_image_over_the_pixel_limit_is_an_error_not_a_warning(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_IMAGE_PIXELS", 1000)
    path = _image(tmp_path, "big.png", (50, 30))
    assert "the image 'big.png' has 50 x 30 pixels; deckgen reads at most 1,000" in (
        image_error(path)
    )


def test_a_bomb_past_pillows_own_limit_is_a_deckgen_error(tmp_path):
    from tests.bad_inputs.make_binary_cases import header_only_png

    path = tmp_path / "bomb.png"
    path.write_bytes(header_only_png(100_000, 100_000))
    assert "has more than 178,956,970 pixels" in image_error(path)


@pytest.mark.parametrize("name", ["cut.png", "cut.jpg"])
def test_a_truncated_image_is_named(tmp_path, name):
    path = _image(tmp_path, name, (200, 150))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    assert f"the image {name!r} is damaged or cut short" in image_error(path)


def test_a_file_that_is_not_an_image(tmp_path):
    path = tmp_path / "logo.svg"
    path.write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    message = image_error(path, "logo")
    assert "the logo 'logo.svg' is not an image deckgen can read" in message
    assert "use a PNG or JPEG file" in message


def test_a_format_powerpoint_cannot_hold_is_named(tmp_path):
    path = _image(tmp_path, "photo.webp")
    message = image_error(path)
    assert "the image 'photo.webp' is a WEBP image, which PowerPoint files cannot hold" in message
    assert "hint: save it as PNG (or JPEG for a photo)" in message


def _animation(path, frames: int, size: int, fmt: str = "GIF") -> None:
    """``frames`` frames of ``size`` x ``size``, each another grey (made for the test)."""
    images = [Image.new("L", (size, size), 40 + 5 * k) for k in range(frames)]
    images[0].save(path, format=fmt, save_all=True, append_images=images[1:])


@pytest.mark.parametrize("fmt", ["GIF", "PNG", "TIFF"])
def test_every_frame_counts_against_the_pixel_limit(tmp_path, fmt):
    """300 frames of 2,000 x 2,000 (1.2 billion pixels) were embedded, each frame counted
    as the picture (found by fuzzing); 13 of 2,000 x 2,000 are 52 million."""
    path = tmp_path / f"many.{fmt.lower()}"
    _animation(path, 13, 2000, fmt)
    with pytest.raises(DataError, match="has 13 frames of 2,000 x 2,000 pixels; deckgen reads "
                       "at most 50,000,000"):  # fmt: skip
        check_image(path, Location("deck.yaml", 3, "slides[0].file"), DataError, "image")
    few = tmp_path / f"few.{fmt.lower()}"
    _animation(few, 3, 200, fmt)
    check_image(few, Location("deck.yaml", 3, "slides[0].file"), DataError, "image")


def test_an_animation_cut_short_is_refused_not_embedded(tmp_path):
    """A GIF cut in the middle of a later frame was embedded as it was: only its first
    frame was decoded (found by fuzzing)."""
    path = tmp_path / "whole.gif"
    images = [Image.effect_noise((300, 300), 60 + 20 * k).convert("L") for k in range(4)]
    images[0].save(path, format="GIF", save_all=True, append_images=images[1:])
    data = path.read_bytes()
    cut = tmp_path / "cut.gif"
    cut.write_bytes(data[: len(data) * 7 // 8])  # into the last frame
    check_image(path, Location("deck.yaml", 3, "slides[0].file"), DataError, "image")
    with pytest.raises(DataError, match="is damaged or cut short"):
        check_image(cut, Location("deck.yaml", 3, "slides[0].file"), DataError, "image")
