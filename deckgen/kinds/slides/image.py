"""The image slide: a PNG or JPEG fitted into the content area, with required alt text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Literal

from pydantic import Field

from deckgen.errors import DataError, Location, Problem
from deckgen.kinds.slides._base import (
    SlideKind,
    SlideLayout,
    SlidePlan,
    file_alt_problem,
    names_a_file,
)
from deckgen.layout.geometry import Rect
from deckgen.layout.slide import full_frame
from deckgen.layout.units import Inches, Length
from deckgen.outline.schema import Prose, Text

if TYPE_CHECKING:
    from pathlib import Path

    from pptx.slide import Slide

    from deckgen.kinds.slides._base import PlanContext, PlannedSlide
    from deckgen.kinds.slides._chrome import Deck


#: The files an image slide may name, by suffix (:data:`deckgen.limits.IMAGE_FORMATS`).
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff")


def _at_line(ctx: PlanContext, where: Location) -> Location:
    """``where`` (a field of a slide, at the slide's line) at the line of the field."""
    return ctx.loaded.relocate(Problem(where, "")).location or where


@dataclass(frozen=True)
class ImageLayout(SlideLayout):
    path: Path
    box: Rect


class ImageSlide(SlideKind):
    """An image and what it shows (``alt``), with an optional title and caption."""

    kind: Literal["image"]
    content: ClassVar[bool] = True
    title: Prose | None = None
    file: str = Field(description="Image path, relative to the outline.")
    # Text: a blank alt ('   ') passed the length check, and an empty one got pydantic's
    # own words, "String should have at least 1 character" (fuzzing).
    alt: Text = Field(description="Alt text: what the image shows.")
    caption: Prose | None = None

    def alt_problems(self, ctx: PlanContext, where: Location) -> list[Problem]:
        if not names_a_file(self.alt, self.file):  # as deckgen check reports it (A11Y001)
            return []
        alt_where = Location(where.file, where.line, f"{where.field}.alt")
        return [ctx.loaded.relocate(file_alt_problem(self.alt, alt_where,
                                                     "describe what the image shows"))]  # fmt: skip

    def plan(self, ctx: PlanContext, where: Location) -> SlidePlan:
        from deckgen.io import confine, nearest_file
        from deckgen.limits import check_image
        from deckgen.ooxml.images import upright_size

        self.refuse_file_alts(ctx, where)
        # At the 'file:' line, not the slide's '- kind:' line (found by fuzzing).
        file_where = _at_line(ctx, Location(where.file, where.line, f"{where.field}.file"))
        path = confine(self.file, ctx.loaded.root, file_where, allow_outside=ctx.allow_outside)
        if path.is_dir():  # 'image file not found' said of a folder that is there
            raise DataError(Problem(
                file_where, f"the image file {self.file!r} is a folder, not a file",
                f"name an image file inside it ({', '.join(IMAGE_SUFFIXES)}), e.g. "
                f"file: {self.file.rstrip('/') or ''}/picture.png",
            ))  # fmt: skip
        if not path.is_file():
            # As a data file that is not there is reported: where it was looked for, and
            # the nearest name beside it (a mistyped name had no hint at all).
            raise DataError(Problem(
                file_where, f"image file not found: {self.file!r} (looked in {path.parent})",
                nearest_file(path, self.file, IMAGE_SUFFIXES, "image files"),
            ))  # fmt: skip
        check_image(path, file_where, DataError, "image")  # an image, whole, of sane size
        pixels = upright_size(path)  # a phone's photo as its viewer shows it
        if self.title:
            frame = self.frame(ctx, where)
            area = frame.content
        else:
            frame = None
            area = full_frame(ctx.size)
        caption = Inches(0.45) if self.caption else Length(0)
        avail = Rect(area.left, area.top, area.width, area.height - caption)
        ratio = pixels[0] / pixels[1]
        width = min(avail.width, avail.height * ratio)
        height = width / ratio
        box = Rect(avail.left + (avail.width - width) / 2, avail.top, width, height)
        return SlidePlan(frame, layout=ImageLayout(path, box), reads=(path,))

    def build(self, deck: Deck, planned: PlannedSlide) -> Slide:
        import io

        from deckgen.layout.units import Pt
        from deckgen.ooxml import shapes as sh
        from deckgen.ooxml.images import embeddable
        from deckgen.ooxml.shapes import Para

        if planned.frame is not None:
            slide = deck.content_slide(planned)
        else:
            slide = deck.blank_slide(planned)
            deck.footer(slide, planned)
        layout = planned.layout
        assert isinstance(layout, ImageLayout)
        box = layout.box
        # Upright, and without the camera's metadata (where and when it was taken).
        data = io.BytesIO(embeddable(layout.path))
        picture = slide.shapes.add_picture(data, *sh.box(box))
        picture.name = f"Image: {sh.clean(self.alt)[:60]}"
        sh.set_alt_text(picture, self.alt)
        if self.caption:
            sh.add_text(
                slide, Rect(box.left, box.bottom + Inches(0.1), box.width, Inches(0.35)),
                [Para(self.caption, deck.font("body"), Pt(max(deck.sizes.minimum, 14)),
                      deck.colors.muted)],
                name="Caption",
            )  # fmt: skip
        return slide
