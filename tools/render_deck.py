"""Render a deck to PNG pages and a contact sheet through LibreOffice, to look at it.

python tools/render_deck.py output/global-impact.pptx /tmp/look [--dpi 50]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from deckgen.export.pdf import to_pdf, to_pngs
from deckgen.preview import contact_sheet


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("deck", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--dpi", type=int, default=50)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    pages = to_pngs(to_pdf(args.deck, args.out), args.out, dpi=args.dpi)
    (args.out / "contact-sheet.png").write_bytes(contact_sheet(pages, range(1, len(pages) + 1)))
    print(f"{len(pages)} pages and contact-sheet.png in {args.out}")


if __name__ == "__main__":
    main()
