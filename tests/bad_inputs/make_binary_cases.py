"""Write the binary files of the damaged-file cases (templates, images, workbooks).

The files are committed (each under 21 KB); this script says how each was made, so a case
can be read and remade: ``.venv/bin/python tests/bad_inputs/make_binary_cases.py``.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

from openpyxl import Workbook
from PIL import Image

HERE = Path(__file__).parent
REPO = HERE.parents[1]
BRAND = (REPO / "themes/corporate-template/brand.potx").read_bytes()


# --------------------------------------------------------------------------- templates
def _rezip(source: bytes, replace: dict[str, bytes] | None = None, drop: set[str] | None = None):
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(source)) as old,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new,
    ):
        for info in old.infolist():
            if info.filename not in (drop or set()):
                new.writestr(info, (replace or {}).get(info.filename, old.read(info.filename)))
    return out.getvalue()


def _template(case: str, data: bytes) -> None:
    folder = HERE / case / "themes" / "brand"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "brand.potx").write_bytes(data)


def templates() -> None:
    package = zipfile.ZipFile(io.BytesIO(BRAND))
    layout = package.read("ppt/slideLayouts/slideLayout2.xml")
    _template(
        "template_malformed_xml",
        _rezip(BRAND, {"ppt/slideLayouts/slideLayout2.xml": layout[: len(layout) // 2]}),
    )
    theme = package.read("ppt/theme/theme1.xml")
    declaration, rest = theme.split(b"?>", 1)
    laughs = (
        b'<!DOCTYPE a [<!ENTITY l0 "lol">'
        + b"".join(b'<!ENTITY l%d "%s">' % (i, b"&l%d;" % (i - 1) * 10) for i in range(1, 10))
        + b"]>"
    )
    entities = declaration + b"?>" + laughs + rest.replace(b'name="', b'name="&l9;', 1)
    _template("template_entities", _rezip(BRAND, {"ppt/theme/theme1.xml": entities}))
    _template("template_missing_part", _rezip(BRAND, drop={"ppt/slideLayouts/slideLayout3.xml"}))
    # A central directory that claims 4 GB for one part: a zip bomb's lie.
    lying = bytearray(BRAND)
    struct.pack_into("<I", lying, lying.find(b"PK\x01\x02") + 24, 0xFFFFFFF0)
    _template("template_lying_sizes", bytes(lying))


# --------------------------------------------------------------------------- images
def _png(width: int = 40, height: int = 30) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 40, 40)).save(out, "PNG")
    return out.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def header_only_png(width: int, height: int) -> bytes:
    """A PNG that claims ``width`` x ``height`` pixels in a few dozen bytes."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr)
            + _chunk(b"IDAT", zlib.compress(b"\0" * 64)) + _chunk(b"IEND", b""))  # fmt: skip


def images() -> None:
    png = _png()
    out = io.BytesIO()
    Image.linear_gradient("L").convert("RGB").resize((64, 48)).save(out, "JPEG")
    jpeg = out.getvalue()
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 40, 40)).save(out, "WEBP")
    webp = out.getvalue()
    for case, name, data in [
        ("image_truncated_png", "photo.png", png[: len(png) // 2]),
        ("image_truncated_jpeg", "photo.jpg", jpeg[: len(jpeg) * 2 // 3]),
        ("image_decompression_bomb", "photo.png", header_only_png(8000, 8000)),
        ("image_bomb_past_pillow", "photo.png", header_only_png(100_000, 100_000)),
        ("image_not_an_image", "photo.png", b"<!doctype html><html><body>Access denied</body>"),
        ("image_webp", "photo.webp", webp),
    ]:
        (HERE / case / name).write_bytes(data)


# --------------------------------------------------------------------------- workbooks
def _workbook() -> bytes:
    """Written by openpyxl, which stores formulas but never their results."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Output"
    sheet.append(["plant", "cars", "trucks", "total"])
    for row, (plant, cars, trucks) in enumerate([("Laredo", 10, 4), ("Detroit", 12, 7),
                                                 ("Toledo", 8, 2)], 2):  # fmt: skip
        sheet.append([plant, cars, trucks, f"=B{row}+C{row}"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def workbooks() -> None:
    data = _workbook()
    (HERE / "xlsx_formula_without_value" / "plants.xlsx").write_bytes(data)
    sheet = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
    dtd = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    entities = b'<?xml version="1.0" encoding="UTF-8"?>' + dtd + sheet
    (HERE / "xlsx_entities" / "plants.xlsx").write_bytes(
        _rezip(data, {"xl/worksheets/sheet1.xml": entities})
    )


if __name__ == "__main__":
    templates()
    images()
    workbooks()
