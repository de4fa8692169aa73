"""The PNG encoder: lossless, minimal chunks, deterministic, opaque RGBA written as RGB."""

from __future__ import annotations

import io
import zlib

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from deckgen.render.png import encode_image, encode_png


def _pixels(channels: int, alpha: int = 255) -> np.ndarray:
    rng = np.random.default_rng(7)
    pixels = rng.integers(0, 256, size=(37, 53, channels), dtype=np.uint8)
    pixels[5:20, 10:40] = 200  # a flat area, as in charts
    if channels == 4:
        pixels[:, :, 3] = 255
        pixels[0, 0, 3] = alpha
    return pixels


def _chunks(png: bytes) -> list[bytes]:
    kinds, at = [], 8
    while at < len(png):
        length = int.from_bytes(png[at : at + 4], "big")
        kind = png[at + 4 : at + 8]
        data = png[at + 8 : at + 8 + length]
        crc = int.from_bytes(png[at + 8 + length : at + 12 + length], "big")
        assert crc == zlib.crc32(kind + data)
        kinds.append(kind)
        at += 12 + length
    return kinds


@pytest.mark.parametrize(("channels", "alpha", "mode"), [(3, 255, "RGB"), (4, 0, "RGBA")])
def test_round_trip_is_lossless(channels: int, alpha: int, mode: str) -> None:
    pixels = _pixels(channels, alpha)
    with Image.open(io.BytesIO(encode_png(pixels))) as image:
        assert image.mode == mode
        assert np.array_equal(np.asarray(image), pixels)


def test_opaque_rgba_is_written_as_rgb_with_the_same_colours() -> None:
    pixels = _pixels(4)
    with Image.open(io.BytesIO(encode_png(pixels))) as image:
        assert image.mode == "RGB"
        assert np.array_equal(np.asarray(image), pixels[:, :, :3])


def test_only_the_chunks_asked_for() -> None:
    pixels = _pixels(3)
    assert _chunks(encode_png(pixels)) == [b"IHDR", b"IDAT", b"IEND"]
    assert _chunks(encode_png(pixels, dpi=200, srgb=True)) == [
        b"IHDR",
        b"sRGB",
        b"pHYs",
        b"IDAT",
        b"IEND",
    ]
    with Image.open(io.BytesIO(encode_png(pixels, dpi=200))) as image:
        assert image.info["dpi"] == pytest.approx((200, 200), abs=0.01)


def test_same_pixels_give_the_same_bytes() -> None:
    image = Image.fromarray(_pixels(3))
    assert encode_image(image) == encode_image(image.copy())
    assert encode_png(_pixels(4, alpha=9)) == encode_png(_pixels(4, alpha=9).copy())


@settings(max_examples=200, deadline=None)
@given(
    st.integers(1, 9),
    st.integers(1, 9),
    st.lists(st.tuples(st.integers(0, 80), st.integers(0, 3), st.integers(0, 255)), max_size=4),
    st.booleans(),
)
def test_opaque_means_every_alpha_is_255_however_the_pixels_lie(height, width, changes, strided):
    """Read as little-endian words, the pixels' smallest reaches 0xFF000000 only if every
    alpha is 255, whatever the colours; a strided view is read byte by byte."""
    from deckgen.render.png import _opaque

    pixels = np.full((height, width * (2 if strided else 1), 4), 255, dtype=np.uint8)
    for at, channel, value in changes:
        pixels.reshape(-1, 4)[at % (pixels.size // 4), channel] = value
    if strided:
        pixels = pixels[:, ::2]
    assert _opaque(pixels) == (int(pixels[:, :, 3].min()) == 255)
