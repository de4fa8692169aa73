"""Contact sheets of the sample: every theme, the native and template builds, all cards.

    python tools/make_contact_sheets.py --out docs/contact/after
    python tools/make_contact_sheets.py --repo /tmp/before --out docs/contact/before

``--repo`` builds with the deckgen of another checkout (an older commit in a worktree: its
code, its sample outline, data and themes); this checkout's LibreOffice rendering and
contact-sheet code draw both, so "before" and "after" differ only in what was built.
Writes ``deck-<theme>.png`` (one thumbnail per slide, numbered), ``deck-corporate-native.png``
(``--native-charts --native-callouts``) and ``cards-<theme>.png`` (every social card, scaled
to one height, in file order). Needs LibreOffice and poppler (see README, Preview).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

REPO = Path(__file__).resolve().parents[1]
THEMES = ("corporate", "dark", "contrast", "corporate-template")
CARD_HEIGHT = 360  # px: tall enough to read a card's headline on the sheet
GAP = 12


def deckgen(repo: Path, *args: str) -> None:
    """Run ``deckgen ARGS`` with the package of ``repo`` (first on the path)."""
    env = {**os.environ, "PYTHONPATH": str(repo)}
    subprocess.run([sys.executable, "-m", "deckgen", *args], cwd=repo, env=env, check=True)


def deck_sheet(pptx: Path, work: Path, target: Path) -> None:
    from deckgen.export.pdf import to_pdf, to_pngs
    from deckgen.preview import contact_sheet

    pages = to_pngs(to_pdf(pptx, work), work, dpi=50)
    target.write_bytes(contact_sheet(pages, range(1, len(pages) + 1)))


def cards_sheet(cards: list[Path], target: Path, width: int = 2400) -> None:
    """Cards of every size on one sheet, each scaled to one height, rows filled left to right."""
    from deckgen.render.png import encode_image

    thumbs = []
    for path in cards:
        with Image.open(path) as card:
            scale = CARD_HEIGHT / card.height
            size = (round(card.width * scale), CARD_HEIGHT)
            thumbs.append(card.convert("RGB").resize(size, Image.Resampling.LANCZOS))
    rows: list[list[Image.Image]] = [[]]
    x = GAP
    for thumb in thumbs:
        if rows[-1] and x + thumb.width + GAP > width:
            rows.append([])
            x = GAP
        rows[-1].append(thumb)
        x += thumb.width + GAP
    sheet = Image.new("RGB", (width, GAP + len(rows) * (CARD_HEIGHT + GAP)), "#3A3A3A")
    for r, row in enumerate(rows):
        x = GAP
        for thumb in row:
            sheet.paste(thumb, (x, GAP + r * (CARD_HEIGHT + GAP)))
            x += thumb.width + GAP
    target.write_bytes(encode_image(sheet))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", type=Path, default=REPO, help="checkout whose deckgen builds")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    repo, out = args.repo.resolve(), args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    outline = repo / "data" / "global-impact.yaml"
    with tempfile.TemporaryDirectory() as tmp:
        builds = [(theme, theme, ()) for theme in THEMES]
        builds.append(("corporate-native", "corporate", ("--native-charts", "--native-callouts")))
        for name, theme, flags in builds:
            build_dir = Path(tmp) / name
            deckgen(repo, "build", str(outline), "--theme", theme, "-o", str(build_dir), *flags)
            deck_sheet(build_dir / "global-impact.pptx", build_dir, out / f"deck-{name}.png")
            print(out / f"deck-{name}.png")
            if not flags:
                cards = sorted((build_dir / "global-impact" / "social").glob("*.png"))
                cards_sheet(cards, out / f"cards-{name}.png")
                print(out / f"cards-{name}.png", f"({len(cards)} cards)")


if __name__ == "__main__":
    main()
