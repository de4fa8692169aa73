"""Photos as a deck embeds them: upright, without the camera's metadata, pixels kept."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageChops
from pptx import Presentation

from deckgen.ooxml.images import (
    embeddable,
    upright_size,
    without_jpeg_metadata,
    without_png_metadata,
)
from deckgen.pipeline import BuildOptions, build
from tests.helpers import write_project

if TYPE_CHECKING:
    from pathlib import Path

GPS_IFD = 0x8825


def _camera_jpeg(path: Path, orientation: int) -> Image.Image:
    """A photo as a phone writes it: landscape pixels (a red band along the top), an EXIF
    block with the orientation and a GPS position, no JFIF segment."""
    image = Image.new("RGB", (400, 300), "white")
    image.paste((200, 0, 0), (0, 0, 400, 60))
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (40.0, 26.0, 46.0), 3: "W", 4: (79.0, 58.0, 56.0)})
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=95, exif=exif)
    data = buffer.getvalue()
    # Pillow writes a JFIF segment first; a phone does not: drop it (APP0).
    assert data[2:4] == b"\xff\xe0"
    length = int.from_bytes(data[4:6], "big")
    path.write_bytes(data[:2] + data[4 + length :])
    return image


def _metadata(data: bytes) -> dict[int, object]:
    with Image.open(io.BytesIO(data)) as image:
        return dict(image.getexif())


def test_an_upright_photo_keeps_its_pixels_and_loses_its_gps(tmp_path):
    path = tmp_path / "photo.jpg"
    _camera_jpeg(path, orientation=1)
    assert _metadata(path.read_bytes())  # the camera's EXIF block is there
    data = embeddable(path)
    assert _metadata(data) == {} and b"PhoneMaker" not in data
    # Losslessly: the same compressed picture, byte for byte, only the segment left out.
    original = path.read_bytes()
    assert original.endswith(data[data.index(b"\xff\xda") :])
    with Image.open(io.BytesIO(data)) as after, Image.open(path) as before:
        assert after.size == before.size == (400, 300)
        assert ImageChops.difference(after.convert("RGB"), before.convert("RGB")).getbbox() is None


@pytest.mark.parametrize(("orientation", "band"), [(6, "right"), (8, "left"), (3, "bottom")])
def test_a_turned_photo_is_embedded_upright(tmp_path, orientation: int, band: str):
    """Orientation 6 (a phone held upright, turned to the right) shows the stored top
    band on the right; 8 on the left; 3 (upside down) at the bottom."""
    path = tmp_path / "photo.jpg"
    _camera_jpeg(path, orientation)
    size = (300, 400) if orientation in (6, 8) else (400, 300)
    assert upright_size(path) == size
    data = embeddable(path)
    assert _metadata(data) == {} and b"PhoneMaker" not in data
    with Image.open(io.BytesIO(data)) as image:
        assert image.size == size
        red = image.convert("RGB")
        w, h = image.size
        where = {"right": (w - 10, h // 2), "left": (10, h // 2), "bottom": (w // 2, h - 10)}
        assert red.getpixel(where[band])[0] > 150 > red.getpixel(where[band])[2] + 100
        assert red.getpixel((w // 2, h // 2)) > (230, 230, 230)  # the white middle


def test_a_png_loses_its_text_and_exif_chunks_and_keeps_its_pixels(tmp_path):
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Author", "Someone")
    info.add_itxt("XML:com.adobe.xmp", "<x:xmpmeta>GPS</x:xmpmeta>")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    image = Image.new("RGB", (50, 40), (10, 120, 200))
    path = tmp_path / "chart.png"
    image.save(path, pnginfo=info, exif=exif)
    data = embeddable(path)
    assert b"Someone" not in data and b"xmpmeta" not in data and b"PhoneMaker" not in data
    with Image.open(io.BytesIO(data)) as after:
        assert after.tobytes() == image.tobytes()


@settings(max_examples=200)
@given(st.binary(max_size=200))
def test_bytes_that_are_not_laid_out_as_expected_are_kept_as_they_are(noise):
    for strip, head in ((without_jpeg_metadata, b"\xff\xd8"),
                        (without_png_metadata, b"\x89PNG\r\n\x1a\n")):  # fmt: skip
        for data in (noise, head + noise):
            out = strip(data)
            assert out == data or len(out) < len(data)  # never longer, never made up


def test_the_image_slide_shows_a_phone_photo_upright_and_without_gps(tmp_path):
    """End to end: the picture on the slide is portrait, as the phone showed it, and the
    deck holds no GPS position."""
    outline = """\
deck: {title: Photo}
slides:
  - kind: image
    title: The new plant
    file: photo.jpg
    alt: The new assembly plant from the car park
"""
    path = write_project(tmp_path, outline, {})
    _camera_jpeg(tmp_path / "photo.jpg", orientation=6)
    result = build(path, BuildOptions(out_dir=tmp_path / "out"))
    (picture,) = [s for s in Presentation(str(result.deck)).slides[0].shapes
                  if s.shape_type == 13]  # fmt: skip
    assert picture.height > picture.width  # portrait, as the phone showed it
    assert picture.width / picture.height == pytest.approx(300 / 400, rel=0.01)
    blob = picture.image.blob
    assert _metadata(blob) == {} and b"PhoneMaker" not in blob
    with Image.open(io.BytesIO(blob)) as shown:
        assert shown.size == (300, 400)
