"""Direct labels that never collide or clip.

Renderers mark the labels they add with a priority (``text.set_gid("label:<priority>")``);
after layout, :func:`remove_collisions` walks them from the most to the least important and
removes any that would overlap a label already kept or leave the figure. Titles of the
finding are on the slide, so losing a minor label is better than drawing two on top of one
another. What only makes sense with its label (the leader line to a label that had to
move) is tied to it with :func:`attach` and goes with it: no leader points at nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from deckgen.render.chartkit import laid_out, left_out, note_left_out, settle

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.backend_bases import RendererBase
    from matplotlib.figure import Figure
    from matplotlib.text import Text
    from matplotlib.transforms import Bbox

PAD_PX = 3.0

#: Artists that go with a label when the collision pass removes it (its leader line).
_ATTACHED: WeakKeyDictionary[Text, list[Artist]] = WeakKeyDictionary()
#: What the build says when the collision pass removes a label a reader would look for.
_MISSED: WeakKeyDictionary[Text, str] = WeakKeyDictionary()
#: The outline's annotation a label writes (see :func:`mark`).
_NOTE: WeakKeyDictionary[Text, Any] = WeakKeyDictionary()


def mark(text: Text, priority: int, *, missed: str | None = None, note: Any = None) -> Text:
    """Register ``text`` as a removable label; lower ``priority`` numbers are kept first.

    ``missed``: what the build warns if the label is removed (a bar's value, which no
    axis gives when the bars carry their values), through
    :func:`~deckgen.render.chartkit.left_out`: a value gone without a word left one bar
    of a chart unread (found by review). ``note``: the outline's annotation the label
    writes, which the picture's alt text then leaves out too
    (:func:`~deckgen.render.chartkit.note_left_out`)."""
    text.set_gid(f"label:{priority:04d}")
    if missed is not None:
        _MISSED[text] = missed
    if note is not None:
        _NOTE[text] = note
    return text


def attach(text: Text, *artists: Artist) -> Text:
    """Tie ``artists`` (a leader line drawn to the label) to the marked label ``text``: if
    the collision pass removes the label, it removes them too."""
    _ATTACHED.setdefault(text, []).extend(artists)
    return text


def labels(fig: Figure) -> list[Text]:
    """Every marked label in ``fig``, most important first."""
    found = [t for t in fig.findobj(lambda a: str(a.get_gid() or "").startswith("label:"))]
    return sorted(found, key=lambda t: t.get_gid())  # type: ignore[arg-type,return-value]


def _fixed_boxes(fig: Figure, renderer: RendererBase) -> list[Bbox]:
    """Tick labels: always kept, so labels must not overlap them."""
    boxes = []
    for ax in fig.axes:
        for axis, (lo, hi) in ((ax.xaxis, ax.get_xlim()), (ax.yaxis, ax.get_ylim())):
            if not axis.get_visible():
                continue
            lo, hi = min(lo, hi), max(lo, hi)
            for tick in axis.get_major_ticks():
                # matplotlib keeps, but never draws, ticks just past the limits.
                label = tick.label1
                inside = lo - 1e-9 <= tick.get_loc() <= hi + 1e-9
                if inside and label.get_visible() and label.get_text():
                    boxes.append(label.get_window_extent(renderer))
    return boxes


def remove_collisions(fig: Figure) -> list[str]:
    """Remove marked labels that overlap a kept one or cross the figure edge, each with
    what is attached to it (:func:`attach`).

    Returns the texts removed (for tests and for the build's warnings).
    """
    # Lay out first (extents are only known after layout), without drawing: the picture
    # itself is drawn once, at the end. A chart whose own last layout is final is
    # measured on it (layout_is_final). Tick labels are brought up to date for the final
    # axes size, as drawing would.
    if not laid_out(fig):
        settle(fig)
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    for ax in fig.axes:
        ax.xaxis.get_tightbbox(renderer)
        ax.yaxis.get_tightbbox(renderer)
    frame = fig.bbox
    kept: list[Bbox] = _fixed_boxes(fig, renderer)
    removed: list[str] = []
    for text in labels(fig):
        box = text.get_window_extent(renderer).padded(PAD_PX)
        inside = (
            box.x0 >= frame.x0 - 0.5
            and box.y0 >= frame.y0 - 0.5
            and box.x1 <= frame.x1 + 0.5
            and box.y1 <= frame.y1 + 0.5
        )
        if inside and not any(box.overlaps(other) for other in kept):
            kept.append(box)
        else:
            removed.append(text.get_text())
            drop(text)
    return removed


def drop(text: Text) -> None:
    """Remove the marked label ``text`` with what is attached to it (:func:`attach`), and
    say what it leaves out (its ``missed`` note, :func:`mark`)."""
    if (missed := _MISSED.pop(text, None)) is not None:
        left_out(missed)
    if (note := _NOTE.pop(text, None)) is not None:
        note_left_out(note)
    text.remove()
    for artist in _ATTACHED.pop(text, ()):
        artist.remove()


def text_boxes(fig: Figure) -> list[tuple[str, Bbox]]:
    """Every visible text in the figure with its extent in pixels (for tests)."""
    from matplotlib.text import Text

    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    out = []
    for text in fig.findobj(Text):
        if text.get_visible() and text.get_text().strip():
            out.append((text.get_text(), text.get_window_extent(renderer)))
    return out
