"""Regenerate the gallery of sample cards in ``docs/social/``: the cards at their real sizes.

    python tools/make_gallery.py [OUTLINE] [--theme NAME] [--out docs/social]

Builds every card of the outline into a temporary folder, as ``deckgen social`` does, and
copies each file as it is (same pixels, same size, same bytes) into ``--out``, removing the
PNGs there that the outline no longer makes. tests/test_readme.py checks that every picture
there has its preset's size.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def write_gallery(outline: Path, out: Path, *, theme: str | None) -> list[Path]:
    from deckgen.pipeline import BuildOptions, social

    written = []
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for card in social(outline, BuildOptions(theme=theme, out_dir=Path(tmp))).cards:
            target = out / card.path.name
            shutil.copyfile(card.path, target)
            written.append(target)
    for stale in sorted(set(out.glob("*.png")) - set(written)):
        stale.unlink()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outline", nargs="?", type=Path, default=REPO / "data/global-impact.yaml")
    parser.add_argument("--theme", default=None)
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "social")
    args = parser.parse_args()
    for path in write_gallery(args.outline, args.out, theme=args.theme):
        print(path)


if __name__ == "__main__":
    main()
