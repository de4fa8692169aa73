"""Render a deck to PNG pages and a contact sheet through LibreOffice, to look at it.

python tools/render_deck.py output/global-impact.pptx /tmp/look [--dpi 50]
"""

from __future__ import annotations

import argparse
import math
from pathlib import Path

from PIL import Image

from deckgen.export.pdf import to_pdf, to_pngs


def contact_sheet(pages: list[Path], target: Path, columns: int = 4) -> None:
    images = [Image.open(p) for p in pages]
    w, h = images[0].size
    rows = math.ceil(len(images) / columns)
    sheet = Image.new("RGB", (columns * (w + 8) + 8, rows * (h + 8) + 8), "#888888")
    for i, image in enumerate(images):
        sheet.paste(image, (8 + (i % columns) * (w + 8), 8 + (i // columns) * (h + 8)))
    sheet.save(target)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("deck", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--dpi", type=int, default=50)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    pages = to_pngs(to_pdf(args.deck, args.out), args.out, dpi=args.dpi)
    contact_sheet(pages, args.out / "contact-sheet.png")
    print(f"{len(pages)} pages and contact-sheet.png in {args.out}")


if __name__ == "__main__":
    main()
