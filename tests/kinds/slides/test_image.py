"""Image slides: an image file that is not there is said as a data file that is not there."""

from __future__ import annotations

import pytest
from PIL import Image

from deckgen.errors import DataError
from tests.helpers import plan, write_project

OUTLINE = """\
deck: {{title: T}}
slides:
  - kind: image
    title: How it works
    file: {file}
    alt: The outline, data and theme going into one command.
"""


def _not_found(tmp_path, file: str) -> str:
    (tmp_path / "pictures").mkdir(parents=True)
    for name in ("how-it-works.png", "pictures/plant.jpg"):
        Image.new("RGB", (8, 8), "white").save(tmp_path / name)
    path = write_project(tmp_path, OUTLINE.format(file=file), {})
    with pytest.raises(DataError) as info:
        plan(path)
    [problem] = info.value.problems
    # At the 'file:' line (5), not the slide's '- kind: image' (3).
    assert (problem.location.line, problem.location.field) == (5, "slides[0].file")
    assert problem.message.startswith(f"image file not found: {file!r} (looked in ")
    return str(problem.hint)


@pytest.mark.parametrize(
    ("file", "hint"),
    [
        # A mistyped name had no hint at all (found by fuzzing).
        ("how-it-work.png", "did you mean 'how-it-works.png'?"),
        ("how-it-works", "did you mean 'how-it-works.png'?"),
        # In a folder, the path to write.
        ("pictures/plnt.jpg", "did you mean 'pictures/plant.jpg'?"),
        # A folder that is not there: the nearest folder that is is looked in.
        (
            "images/how-it-works.png",
            "there is no folder 'images'; did you mean 'how-it-works.png'?",
        ),
        (
            "images/new/plnt.png",
            "there is no folder 'images'; the image files in the "
            "outline's folder are 'how-it-works.png'",
        ),
        (
            "pictures/new/plnt.jpg",
            "there is no folder 'pictures/new'; did you mean 'pictures/plant.jpg'?",
        ),
        ("pictures/logo.svg", "the image files in 'pictures' are 'pictures/plant.jpg'"),
    ],
)
def test_an_image_that_is_not_there_gets_the_nearest_name_at_its_file_line(
    tmp_path, file: str, hint: str
):
    assert _not_found(tmp_path, file) == hint


@pytest.mark.parametrize(("file", "shown"), [("./", "./"), (".", "."), ("pictures", "pictures")])
def test_an_image_file_that_names_a_folder_says_so(tmp_path, file: str, shown: str):
    # './' raised IndexError in the did-you-mean ('.' has no parent folder), and a folder
    # that is there was called "not found" (found by fuzzing).
    (tmp_path / "pictures").mkdir(parents=True)
    path = write_project(tmp_path, OUTLINE.format(file=f'"{file}"'), {})
    with pytest.raises(DataError) as info:
        plan(path)
    [problem] = info.value.problems
    assert (problem.location.line, problem.location.field) == (5, "slides[0].file")
    assert problem.message == f"the image file {file!r} is a folder, not a file"
    assert str(problem.hint).endswith(f"e.g. file: {shown.rstrip('/')}/picture.png")
