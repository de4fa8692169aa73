"""The floor: the bench content made by a minimal hand-written script, no framework.

    python bench/floor.py SPEC.json OUT_DIR [--jobs N]

SPEC.json (written by bench_scale.py from deckgen's plan, outside any timing) lists the
deck's slides (texts, picture boxes) and every picture and card with its pixel size and
what it shows. This script draws the same pictures at the same sizes straight with
matplotlib (charts) and Pillow (callouts, cards), and places them and the texts on slides
with python-pptx: what any script producing this content must at least do. No checks,
no layout, no caching, no alt text: the floor is a lower bound, not a rival.
"""

from __future__ import annotations

import io
import json
import sys
import textwrap
from multiprocessing import get_context
from pathlib import Path


def chart_png(item: dict) -> bytes:
    from matplotlib.figure import Figure

    width, height, dpi = item["width"], item["height"], item["dpi"]
    fig = Figure(figsize=(width / dpi, height / dpi), dpi=dpi)
    ax = fig.add_subplot()
    cats = item["categories"]
    series = [[v or 0 for v in s] for s in item["series"]]
    kind = item["type"]
    if kind == "donut":
        ax.pie(series[0], labels=cats, wedgeprops={"width": 0.35})
    elif kind == "line":
        for values in series:
            ax.plot(cats, values, marker="o")
            ax.annotate(f"{values[-1]:,.0f}", (len(cats) - 1, values[-1]))
    elif kind == "hbar":
        bars = ax.barh(cats, series[0])
        ax.bar_label(bars, fmt="{:,.1f}")
        ax.invert_yaxis()
    else:
        step = 0.8 / len(series)
        bottom = [0.0] * len(cats)
        for n, values in enumerate(series):
            if kind == "stacked-bar":
                bars = ax.bar(range(len(cats)), values, bottom=bottom)
                bottom = [b + v for b, v in zip(bottom, values, strict=True)]
            else:
                xs = [i + n * step for i in range(len(cats))]
                bars = ax.bar(xs, values, width=step)
            ax.bar_label(bars, fmt="{:,.0f}")
        ax.set_xticks(range(len(cats)), cats)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    fig.tight_layout()
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=dpi)
    return out.getvalue()


def _font(path: str, size: int):
    from PIL import ImageFont

    return ImageFont.truetype(path, size)


def stat_png(item: dict) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (item["width"], item["height"]), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    size = item["height"] // 3
    draw.text((0, 0), item["value"], font=_font(item["font_bold"], size), fill="#12355B")
    label = textwrap.fill(item["label"], 30)
    draw.multiline_text((0, size + 20), label, font=_font(item["font"], size // 4), fill="#333")
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def card_png(item: dict) -> bytes:
    from PIL import Image, ImageDraw

    width, height = item["width"], item["height"]
    image = Image.new("RGB", (width, height), "#FFFFFF")
    draw = ImageDraw.Draw(image)
    margin = width // 14
    y = margin
    for text, size in zip(item["texts"], (width // 14, width // 24, width // 30), strict=False):
        wrapped = textwrap.fill(text, max(12, int(width / size * 1.7)))
        draw.multiline_text((margin, y), wrapped, font=_font(item["font_bold"], size), fill="#111")
        y += (wrapped.count("\n") + 1) * size * 1.3 + margin // 2
    if item.get("chart"):
        chart = dict(item["chart"], width=width - 2 * margin, height=int(height - y - margin))
        if chart["height"] > 50:
            with Image.open(io.BytesIO(chart_png(chart))) as picture:
                image.paste(picture.convert("RGB"), (margin, int(y)))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def draw(item: dict) -> bytes:
    return {"chart": chart_png, "stat": stat_png, "card": card_png}[item["kind"]](item)


def build_deck(spec: dict, pictures: dict[str, bytes]) -> bytes:
    from pptx import Presentation
    from pptx.util import Emu, Pt

    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(12192000), Emu(6858000)
    blank = prs.slide_layouts[6]
    for slide_spec in spec["slides"]:
        slide = prs.slides.add_slide(blank)
        top = 457200
        for n, text in enumerate(slide_spec["texts"][:6]):
            box = slide.shapes.add_textbox(Emu(548640), Emu(top), Emu(11094720), Emu(600000))
            frame = box.text_frame
            frame.word_wrap = True
            run = frame.paragraphs[0].add_run()
            run.text = text
            run.font.size = Pt(28 if n == 0 else 14)
            run.font.name = spec["font_family"]
            top += 640000 if n == 0 else 400000
        for picture in slide_spec["pictures"]:
            left, ptop, width, height = picture["box"]
            slide.shapes.add_picture(io.BytesIO(pictures[picture["id"]]), Emu(left), Emu(ptop),
                                     Emu(width), Emu(height))  # fmt: skip
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def main() -> None:
    spec = json.loads(Path(sys.argv[1]).read_text())
    out = Path(sys.argv[2])
    jobs = int(sys.argv[sys.argv.index("--jobs") + 1]) if "--jobs" in sys.argv else 1
    items = spec["pictures"] + spec["cards"]
    if jobs > 1:
        import matplotlib.figure  # noqa: F401  (imported before the fork, as deckgen does)

        with get_context("fork").Pool(jobs) as pool:
            blobs = pool.map(draw, items, chunksize=1)
    else:
        blobs = [draw(item) for item in items]
    by_id = {item["id"]: blob for item, blob in zip(items, blobs, strict=True)}
    (out / "social").mkdir(parents=True, exist_ok=True)
    (out / "floor.pptx").write_bytes(build_deck(spec, by_id))
    for card in spec["cards"]:
        (out / "social" / f"{card['id']}.png").write_bytes(by_id[card["id"]])


if __name__ == "__main__":
    main()
