"""Regenerate the gallery of sample cards in ``docs/social/`` (small PNGs for the docs).

    python tools/make_gallery.py [OUTLINE] [--theme NAME] [--out docs/social] [--width 360]

Builds every card of the outline at full size into a temporary folder, then writes each
downscaled to ``--width`` pixels wide (a long-form image keeps its proportions).
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def write_gallery(outline: Path, out: Path, *, theme: str | None, width: int) -> list[Path]:
    from PIL import Image

    from deckgen.pipeline import BuildOptions, social

    written = []
    with tempfile.TemporaryDirectory() as tmp:
        # The cards exactly as the build makes them (bound, themed), written to a scratch folder.
        for card in social(outline, BuildOptions(theme=theme, out_dir=Path(tmp))):
            with Image.open(card.path) as image:
                small = image.convert("RGB").resize(
                    (width, round(image.height * width / image.width)),
                    Image.Resampling.LANCZOS,
                )
            target = out / f"{card.path.stem}.png"
            out.mkdir(parents=True, exist_ok=True)
            # 256 colours: a third of the bytes, and no visible change at this size.
            small = small.quantize(256, Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
            small.save(target, "PNG", optimize=True)
            written.append(target)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outline", nargs="?", type=Path, default=REPO / "data/global-impact.yaml")
    parser.add_argument("--theme", default=None)
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "social")
    parser.add_argument("--width", type=int, default=360)
    args = parser.parse_args()
    for path in write_gallery(args.outline, args.out, theme=args.theme, width=args.width):
        print(path)


if __name__ == "__main__":
    main()
