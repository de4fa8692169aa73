"""U.S. state maps: a value per state, as a tile grid or a choropleth.

``region:`` names the column of states (codes such as ``AL`` or names such as
``Alabama``, in any case; DC as ``DC`` or ``District of Columbia``), ``y`` the value. The
shapes ship with the package (``us_states.json``: Census outlines, simplified and
pre-projected, and a tile grid), so nothing is downloaded and no GIS library is needed.

* ``style: tile`` (the default): one equal square per state in a grid that keeps the
  country's rough shape, each labelled with its code (and value, where it fits). Small
  states (DC, Rhode Island, Delaware) are as readable as Texas, and a big empty state
  cannot outweigh a small busy one.
* ``style: choropleth``: the states' outlines, filled.

Both colour states on one sequential ramp from the theme (``_map_layout.ramp``): classed
by ``classes:`` (a list of breaks, or a number of quantile classes), or continuous when it
is absent. States without a value are drawn as "no data", named in the legend. The layout
is shared with the native form (``_map_layout.plan``), so picture and shapes agree.
"""

from __future__ import annotations

import math
from itertools import pairwise
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from pydantic import Field, field_validator, model_validator

from deckgen.errors import Location, Problem, did_you_mean, one_of
from deckgen.kinds.charts._base import ChartKind, word
from deckgen.kinds.charts._map_layout import (
    HATCH,
    HATCH_WIDTH,
    MAX_CLASSES,
    emphasis,
    fitted,
    plan,
    ramp,
    shapes,
    state_code,
    values_by_state,
)
from deckgen.render.chartkit import axes_points, fmt, label_size, left_out, settle
from deckgen.render.labels import attach, mark

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.path import Path as MplPath
    from pptx.slide import Slide

    from deckgen.kinds.charts._map_layout import Label, MapLayout
    from deckgen.layout.geometry import Rect
    from deckgen.render.charts import ChartJob
    from deckgen.tables.select import ChartData
    from deckgen.theming.load import LoadedTheme

#: The English legend's name for states without a value (``no_data``: by default the deck's
#: word, :attr:`~deckgen.outline.words.ChartWords.no_data`).
NO_DATA = "No data"
#: A legend entry longer than this would take the map's room.
MAX_NO_DATA = 40


class Map(ChartKind):
    """A map of the U.S. states (and DC), one value per state."""

    type: Literal["map"]
    label: ClassVar[str] = "Map of U.S. states"
    aliases: ClassVar[tuple[str, ...]] = ("choropleth", "tile-map", "us-map")
    single_series: ClassVar[bool] = True
    ranks_categories: ClassVar[bool] = True
    takes_reference: ClassVar[bool] = False
    takes_annotations: ClassVar[bool] = False

    @classmethod
    def no_index(cls) -> str | None:
        return "shows one value per state, with no category to rebase at"

    has_value_axis: ClassVar[bool] = False
    #: A map cannot leave states out (:meth:`card_categories`).
    card_keeps_all: ClassVar[bool] = True

    region: str = Field(
        description="Column of states: postal codes ('AL') or names ('Alabama'), any case; "
        "DC as 'DC', 'District of Columbia' or 'Washington DC'."
    )
    style: Literal["tile", "choropleth"] = Field(
        "tile",
        description="'tile': one equal, labelled square per state (default); "
        "'choropleth': the states' outlines.",
    )
    classes: int | list[float] | None = Field(
        None,
        description="A list of class breaks ([10, 20, 30]: four classes), or a number of "
        "classes holding about as many states each (quantiles); absent: a continuous scale.",
    )
    no_data: str | None = Field(
        None,
        description="The legend's name for the hatched states without a value: say why "
        "when the data lists only some states ('Not among the 10 busiest'). Default: the "
        "deck's words ('No data', 'Keine Daten').",
    )

    @model_validator(mode="before")
    @classmethod
    def _region_is_the_category(cls, data: Any) -> Any:
        # Every chart reads its categories from `x`; a map calls that column `region`.
        # (Binding validates a spec again with both set to the same column.)
        if not isinstance(data, dict):
            return data
        if "region" in data:
            if "x" in data and data["x"] != data["region"]:
                raise ValueError(
                    f"a map names its column of states once, with 'region:' "
                    f"(found region: {data['region']!r} and x: {data['x']!r}); remove 'x:'"
                )
            return {**data, "x": data["region"]}
        if "x" in data:
            raise ValueError(
                f"a map names its column of states with 'region:', not 'x:'; "
                f"write region: {data['x']!r}"
            )
        return data

    @field_validator("no_data")
    @classmethod
    def _says_something(cls, value: str | None) -> str | None:
        # A template is measured once bound (the spec is validated again then).
        if value is None:
            return None
        if not value.strip() or ("{{" not in value and len(value.strip()) > MAX_NO_DATA):
            raise ValueError(
                f"expected a few words for the legend (at most {MAX_NO_DATA} characters), "
                f"such as 'Not in the list'; found {len(value.strip())} characters"
            )
        return value.strip()

    def no_data_name(self, job: ChartJob) -> str:
        """The legend's name for the states without a value: the outline's, else the
        deck's word ('Keine Daten' in a German deck, which wrote 'No data')."""
        return self.no_data or job.words.no_data

    @field_validator("classes")
    @classmethod
    def _sensible_classes(cls, value: int | list[float] | None) -> int | list[float] | None:
        if isinstance(value, int) and not 2 <= value <= MAX_CLASSES:
            raise ValueError(
                f"expected a number of classes from 2 to {MAX_CLASSES}, found {value} "
                "(more shades of one colour cannot be told apart)"
            )
        if isinstance(value, list):
            if not 1 <= len(value) <= MAX_CLASSES - 1:
                raise ValueError(
                    f"expected 1 to {MAX_CLASSES - 1} breaks ({MAX_CLASSES} classes at most), "
                    f"found {len(value)}"
                )
            if not all(math.isfinite(b) for b in value):  # a legend of '20-inf / >= inf'
                raise ValueError(f"expected breaks that are numbers, found {value}")
            if any(b <= a for a, b in pairwise(value)):
                raise ValueError(f"expected breaks in increasing order, found {value}")
        return value

    @model_validator(mode="after")
    def _not_transposed(self) -> Map:
        if self.transpose:
            raise ValueError("a map shows one value per state: it cannot be transposed")
        return self

    # -- checks after binding ------------------------------------------------------------
    def check_against(self, frame: pd.DataFrame, where: Location) -> list[Problem]:
        """Filters, the region column, then every row's state (with its data line)."""
        from deckgen.tables.select import (
            NAME_A_COLUMN,
            chart_data,
            check_filters,
            missing_column_hint,
            select_rows,
        )

        problems = check_filters(frame, self, where)
        if self.region not in frame.columns:
            columns = [str(c) for c in frame.columns]
            return [
                *problems,
                Problem(
                    Location(where.file, where.line, f"{where.field}.region"),
                    f"data source {self.data!r} has no column {self.region!r}; "
                    f"its columns are {one_of(columns)}",
                    missing_column_hint(self.region, columns, frame.attrs.get("origin"))
                    or NAME_A_COLUMN,
                ),
            ]
        rows, _ = select_rows(frame, self, where)
        origin = frame.attrs.get("origin")
        cells = [origin.cell(int(i), self.region) if origin is not None else None
                 for i in rows.index]  # fmt: skip
        data = chart_data(frame, self, where)
        return problems + self._check(data, where, cells) + self._left_out(frame, data, where)

    def _left_out(self, frame: pd.DataFrame, data: ChartData, where: Location) -> list[Problem]:
        """A highlighted state the data has a value for but the filter or ``top:`` leaves
        out: outlined over 'No data', a value the data has (found by fuzzing). A state no
        row names may be outlined: the map says it has no data."""
        from deckgen.tables.select import left_out

        shown = {state_code(c) for c in data.categories}
        problems = []
        for k, name in enumerate(self.highlight):
            code = state_code(name)
            if code is None or code in shown:
                continue
            cells = [str(c) for c in frame[self.region] if state_code(str(c)) == code]
            why = left_out(frame, self, self.region, cells[0], where) if cells else None
            if why is not None:
                field = f"highlight[{k}]" if len(self.highlight) > 1 else "highlight"
                problems.append(Problem(
                    Location(where.file, where.line, f"{where.field}.{field}"),
                    f"{name!r} is outlined, but the map shows no value for it: it would read "
                    "as a state with no data", why,
                ))  # fmt: skip
        return problems

    def check(self, data: ChartData, where: Location) -> list[Problem]:
        """A row that names no state, a state named twice, a highlight that is no state."""
        return self._check(data, where, [None] * len(data.categories))

    def _check(
        self, data: ChartData, where: Location, cells: list[Location | None]
    ) -> list[Problem]:
        at = Location(where.file, where.line, f"{where.field}.region")
        problems = self.check_values(data, where)
        seen: dict[str, tuple[str, int]] = {}
        for k, (name, cell) in enumerate(zip(data.categories, cells, strict=True)):
            row = _row(cell, k)
            code = state_code(name)
            if code is None:
                leave = "leave the row out with filter:"
                problems.append(
                    Problem(
                        at,
                        f"{name!r} in column {self.region!r} ({row}) is not a U.S. state or DC"
                        + (", but a territory, which the map does not draw"
                           if _territory(name) else ""),
                        f"{leave} (the map draws the 50 states and DC)" if _territory(name)
                        else _nearest_state(name) or "write a state's postal code ('AL') or "
                        f"name ('Alabama'), or {leave} (e.g. a total row)",
                    )
                )  # fmt: skip
            elif code in seen:
                first_name, first = seen[code]
                earlier = _row(cells[first], first)
                problems.append(
                    Problem(
                        at,
                        f"{shapes().by_code[code].name} appears twice in column "
                        f"{self.region!r}: {first_name!r} ({earlier}) and {name!r} ({row})",
                        "keep one row per state; leave the other out with filter:",
                    )
                )
            else:
                seen[code] = (name, k)
        for k, name in enumerate(self.highlight):
            if state_code(name) is None:
                field = f"highlight[{k}]" if len(self.highlight) > 1 else "highlight"
                problems.append(
                    Problem(
                        Location(where.file, where.line, f"{where.field}.{field}"),
                        f"{name!r} is not a U.S. state or DC; highlight names a state by "
                        "its postal code or name",
                        _nearest_state(name) or "write e.g. 'AL' or 'Alabama'",
                    )
                )
        return problems

    # -- alt text --------------------------------------------------------------------------
    def describe(self, job: ChartJob) -> str:
        kind = "Tile map of U.S. states" if self.style == "tile" else "Map of U.S. states"
        finding = job.title.rstrip(".")
        lead = f"{kind}: {finding}." if finding else f"{kind}."
        data = self.describe_data(job)
        return f"{lead} {data[:1].upper()}{data[1:]}."

    def describe_data(self, job: ChartJob) -> str:
        """The states with values, highest first (the top and bottom three when there are
        more than a screen reader should list), and how many states have no data."""
        geo = shapes()
        values = values_by_state(job.data)
        shown = sorted(
            ((geo.by_code[c].name, v) for c, v in values.items() if v is not None),
            key=lambda nv: -nv[1],
        )
        said = [f"{n} {word(job, v)}" for n, v in shown]
        if len(said) > _LISTED:
            parts = [f"Highest: {', '.join(said[:3])}", f"lowest: {', '.join(said[-3:])}"]
        elif len(said) > 1:
            said[0] += " (highest)"
            said[-1] += " (lowest)"
            parts = [", ".join(said)]
        else:
            parts = said
        missing = [s for s in geo.states if values.get(s.code) is None]
        if missing:
            dc = any(s.code == "DC" for s in missing)
            states = len(missing) - dc
            whom = f"{states} state{'s' if states != 1 else ''}" if states else ""
            whom = " and ".join(w for w in (whom, "DC" if dc else "") if w)
            # The outline's own words say why a state has none (not in a top ten, say).
            said_why = self.no_data not in (None, NO_DATA)
            parts.append(f"{self.no_data}: {whom}" if said_why else f"no data for {whom}")
        return "; ".join(parts)

    # -- picture ---------------------------------------------------------------------------
    def mark_colors(self, job: ChartJob) -> list[str]:
        """The colours that must stand out from the page: the ramp's ends (every class
        between them reads at 3:1 or more, the lightest too: a faint one passed for "no
        data") and a highlighted state's outline."""
        colors = job.theme.theme.colors
        marks = [ramp(colors).light, ramp(colors).strong]
        return [*marks, emphasis(job)[0]] if self.highlight else marks

    def draw(self, fig: Figure, ax: Axes, job: ChartJob) -> None:
        ax.set_axis_off()
        ax.set_xticks([])
        ax.set_yticks([])
        settle(fig)  # the axes fill the canvas; lay out in its points
        x0, y0, x1, y1 = axes_points(ax)
        width, height = float(x1 - x0), float(y1 - y0)
        ax.set_xlim(0, width)
        ax.set_ylim(height, 0)  # y down, as the layout (and a slide) counts
        lay = fitted(job, width, height, job.canvas.scale)
        for note in _notes(job, lay):
            left_out(note)
        _draw(ax, job, lay)

    # -- social cards ----------------------------------------------------------------------
    def card_categories(self, data: ChartData, box: Rect, label_px: int,
                        theme: LoadedTheme) -> int:  # fmt: skip
        """Every state (a map cannot leave states out). A tile map whose state codes do
        not fit its tiles at the card's chart text size is a fitting error, so the card
        tries its other layouts and, failing those, says to choose another preset."""
        from deckgen.errors import FitError
        from deckgen.render.charts import ChartJob
        from deckgen.render.jobs import Canvas

        if self.style == "tile" and self.value_labels:
            # Planned in card pixels: text and box scale alike. The picture's margin
            # (constrained layout, 0.04 in a side at 144 dpi) is taken off.
            job = ChartJob(self, data, theme, Canvas(box.width, box.height))
            margin = 12
            lay = plan(job, box.width.px - margin, box.height.px - margin, label_px, 1.0)
            if any(r.label is None for r in lay.regions):
                raise FitError(
                    Problem(
                        None,
                        f"the tile map of {self.data!r} ({self.y_columns[0]} by {self.region}) "
                        f"is too small for its state codes on this card: at the card's chart "
                        f"text size ({label_px} px) they do not fit its tiles in a "
                        f"{box.width.px}×{box.height.px} px chart box",
                        "share the slide on a squarer preset (ig-square, ig-portrait, story), "
                        "or draw it with style: choropleth",
                    )
                )
        return len(data.categories)

    def card_shown(self, job: ChartJob) -> int:
        """The states drawn at least a label size across each way: states a reader can
        find and match to the legend on a phone. A map squeezed beside a wide title
        column shrinks the Northeast's states to specks; given the width, it shows them."""
        # Laid out as drawn, in the canvas's points, less the picture's margin
        # (constrained layout: 0.04 in a side).
        margin = 2 * 0.04 * 72
        width, height = job.canvas.width.pt - margin, job.canvas.height.pt - margin
        size = label_size(job)
        lay = plan(job, width, height, size, job.canvas.scale)
        return sum(min(r.box.w, r.box.h) >= size for r in lay.regions)

    def card_fill(self, job: ChartJob) -> float:
        """The map and its legend as drawn, down to their lowest point, and the picture's
        margin: held by the width (it keeps its aspect), a map in a deeper box is drawn no
        larger, and the box's height under it was left empty: an ig-square card's map had
        150 px of it over the source line (found in review)."""
        margin = 2 * 0.04 * 72  # the picture's (constrained layout: 0.04 in a side)
        width, height = job.canvas.width.pt - margin, job.canvas.height.pt - margin
        lay = fitted(job, width, height, job.canvas.scale)
        line = 1.2 * lay.size  # a text line, its descender included
        bottoms = [r.box.y + r.box.h for r in lay.regions]
        labels = [t for r in lay.regions for t in (r.label, r.callout) if t is not None]
        bottoms += [t.y + len(t.lines) * line / 2 for t in labels]
        for key in lay.keys:
            bottoms.append(key.swatch.y + key.swatch.h)
            bottoms += [t.y + line / 2 for t in key.texts]
        return min(max(bottoms, default=height) + margin, job.canvas.height.pt)

    def card_height(self, data: ChartData) -> int:
        # As wide as the card (960 px at 1080): 12 x 8 tiles of 80 px, or the outline
        # (aspect 1000 x 585), plus the legend.
        return 720 if self.style == "tile" else 680

    # -- native PowerPoint form ------------------------------------------------------------
    def native_notes(self, job: ChartJob) -> list[str]:
        """What the native map leaves out, in the picture's words: laid out as
        :func:`~deckgen.kinds.charts._map_native.add_native_map` lays it out, in the
        chart's box."""
        return _notes(job, fitted(job, job.canvas.width.pt, job.canvas.height.pt, 1.0))

    def draw_native(self, slide: Slide, job: ChartJob, box: Rect, alt: str) -> None:
        from deckgen.kinds.charts._map_native import add_native_map

        add_native_map(slide, job, box, alt)


#: Alt text lists every state's value up to this many states, else the top and bottom three.
_LISTED = 15


def _row(cell: Location | None, k: int) -> str:
    """Where a row of the chart's data is: its file and line (or record), else its place."""
    if cell is None:
        return f"row {k + 1} of the chart's data"
    # Named as other messages name a row ('state_reach.csv:6'): it was the file's whole
    # path where every other message names it by its name (found by a new user).
    name = PurePath(cell.file).name
    return f"{name} ({cell.field})" if cell.line is None else f"{name}:{cell.line}"


def _notes(job: ChartJob, lay: MapLayout) -> list[str]:
    """What the build says the map leaves out (:func:`~deckgen.render.chartkit.left_out`).

    The states with a value it leaves unnamed where it names the others (no room for the
    code inside, nor for a leader to it, at the smallest label size): a reader takes a
    state left bare among named ones for one without a value. A map that names none (a
    card's small map: its codes fit too few outlines) is a map of outlines, read from the
    legend, the highlighted state's name and the alt text, as a printed choropleth is; it
    says nothing of them.

    The highlighted states whose value a tile map writes neither in their tiles, at any
    label size, nor beside them off the tiles (no room clear of the tiles, the legend and
    the other labels): the finding's own number, which a reader then finds only where
    the title or subtitle gives it. (A map with no highlight that writes no value is a
    classed map, read from its legend.)"""
    notes = []
    unnamed = lay.unnamed()
    valued = sum(r.value is not None for r in lay.regions)
    if unnamed and len(unnamed) < valued:
        names = ", ".join(shapes().by_code[c].name for c in unnamed)
        verb = "is" if len(unnamed) == 1 else "are"
        notes.append(f"{names} {verb} not named: no room for the code inside, nor beside "
                     f"with a leader, at {lay.size:.3g} pt")  # fmt: skip
    unwritten = set(lay.unwritten())
    missed = [r for r in lay.regions if r.highlighted and r.code in unwritten]
    if missed:
        one = len(missed) == 1
        said = [f"{r.name} ({fmt(job, r.value)})" for r in missed]
        states = said[0] if one else f"{', '.join(said[:-1])} and {said[-1]}"
        tiles = "its tile" if one else "their tiles"
        notes.append(
            f"the value{'' if one else 's'} of {states} {'is' if one else 'are'} not written: "
            f"{'it does' if one else 'they do'} not fit {tiles} even at the smallest label "
            f"size, and there is no room beside {tiles}, clear of the other tiles, the legend "
            "and the labels; give the map more room (a shorter title or "
            "subtitle), write fewer digits with 'format:', or draw it with style: choropleth"
        )
    return notes


def _draw(ax: Axes, job: ChartJob, lay: MapLayout) -> None:
    from matplotlib.patches import Circle, PathPatch, Rectangle

    colors = job.theme.theme.colors
    view = ax.get_xlim(), ax.get_ylim()

    def hatch(hatched: bool) -> dict[str, Any]:
        # A texture, not a mark: as thin on a card as on a slide (borders grow on cards).
        if not hatched:
            return {}
        return {"hatch": HATCH, "hatchcolor": lay.hatch, "hatch_linewidth": HATCH_WIDTH}

    for region in lay.regions:
        if lay.tile:
            b = region.box
            ax.add_patch(Rectangle((b.x, b.y), b.w, b.h, facecolor=region.fill, edgecolor="none",
                                   linewidth=0, in_layout=False,
                                   **hatch(region.value is None)))  # fmt: skip
            continue
        ax.add_patch(PathPatch(_path(lay, region.code), facecolor=region.fill,
                               edgecolor=colors.background, linewidth=lay.border_width,
                               joinstyle="round", in_layout=False,
                               **hatch(region.value is None)))  # fmt: skip
    # Highlights over every fill, so a neighbour's border never covers them.
    # With a casing (MapLayout.casing): a tile's outline in two thirds of its width, the
    # casing inside it; a state's on a casing twice as wide.
    width = lay.emphasis_width
    lines = [(lay.emphasis, width, 0.0)]  # colour, width, inset (tiles)
    if lay.casing is not None and lay.tile:
        lines = [(lay.emphasis, 2 * width / 3, 0.0), (lay.casing, width / 3, 2 * width / 3)]
    elif lay.casing is not None:
        lines = [(lay.casing, 2 * width, 0.0), (lay.emphasis, width, 0.0)]
    for region in (r for r in lay.regions if r.highlighted):
        for color, w, inset in lines:
            if lay.tile:
                b, d = region.box, inset + w / 2
                ax.add_patch(Rectangle((b.x + d, b.y + d), b.w - 2 * d, b.h - 2 * d,
                                       facecolor="none", edgecolor=color, linewidth=w,
                                       joinstyle="miter", in_layout=False, zorder=3))  # fmt: skip
            else:
                ax.add_patch(PathPatch(_path(lay, region.code), facecolor="none",
                                       edgecolor=color, linewidth=w, joinstyle="round",
                                       in_layout=False, zorder=3))  # fmt: skip
    ranked = sorted(lay.regions, key=lambda r: (not r.highlighted, -(r.value or 0.0), r.code))
    rank = {r.code: k for k, r in enumerate(ranked)}

    def write(label: Label, priority: int, missed: str) -> None:
        text = ax.text(label.x, label.y, "\n".join(label.lines), ha="center", va="center",
                       multialignment="center", fontsize=lay.size, color=label.color,
                       fontweight="bold" if label.bold else "normal", in_layout=False,
                       zorder=4)  # fmt: skip
        mark(text, priority, missed=missed)
        if label.leader is not None:
            (x_a, y_a), (x_b, y_b) = label.leader
            line = ax.plot([x_a, x_b], [y_a, y_b], color=lay.leader_color,
                           linewidth=lay.leader_width, solid_capstyle="butt", zorder=4,
                           in_layout=False)[0]  # fmt: skip
            attach(text, line)  # a label the collision pass drops takes its leader along
            if lay.dot:
                dot = Circle((x_a, y_a), lay.dot, facecolor=lay.leader_color,
                             edgecolor="none", in_layout=False, zorder=4)  # fmt: skip
                ax.add_patch(dot)
                attach(text, dot)

    for region in lay.regions:
        if region.label is not None:
            write(region.label, 10 + rank[region.code],
                  f"{region.name} is not named (its code {region.code} would touch another "
                  "label)")  # fmt: skip
        if region.callout is not None:
            write(region.callout, 10 + rank[region.code],
                  f"the value of {region.name} ({region.callout.lines[0]}) is not written "
                  "(beside its tile, it would touch another label)")  # fmt: skip
    for key in lay.keys:
        b = key.swatch
        if len(key.fills) == 1:
            ax.add_patch(Rectangle((b.x, b.y), b.w, b.h, facecolor=key.fills[0],
                                   edgecolor="none", in_layout=False,
                                   **hatch(lay.hatched(key.fills))))  # fmt: skip
        else:
            from matplotlib.colors import to_rgb

            # The ramp's evenly spaced colours, blended from one to the next.
            strip = [[to_rgb(c) for c in key.fills]]
            ax.imshow(strip, extent=(b.x, b.x + b.w, b.y + b.h, b.y), aspect="auto",
                      interpolation="bilinear", zorder=1)  # fmt: skip
        for t in key.texts:
            ax.text(t.x, t.y, t.text, ha="left", va="center", fontsize=lay.size,
                    color=lay.text_color, in_layout=False)  # fmt: skip
    # imshow moves the view to its image: keep the canvas's point frame.
    ax.set_xlim(*view[0])
    ax.set_ylim(*view[1])


def _path(lay: MapLayout, code: str) -> MplPath:
    """A state's outline in the canvas's points: one closed sub-path per ring."""
    from matplotlib.path import Path

    vertices: list[tuple[float, float]] = []
    codes: list[Any] = []  # matplotlib path codes (numpy uint8)
    for ring in shapes().by_code[code].paths:
        points = [(lay.x0 + lay.scale * x, lay.y0 + lay.scale * y) for x, y in ring]
        vertices += [*points, points[0]]
        codes += [Path.MOVETO] + [Path.LINETO] * (len(points) - 1) + [Path.CLOSEPOLY]
    return Path(vertices, codes)


#: The U.S. territories by postal code and name: no state, and no typo of one ('Guam' was
#: told "did you mean 'GA'?", Georgia: fuzzing).
_TERRITORIES = {"pr", "gu", "vi", "as", "mp", "um", "puerto rico", "guam",
                "u.s. virgin islands", "us virgin islands", "virgin islands",
                "american samoa", "northern mariana islands"}  # fmt: skip


def _territory(name: str) -> bool:
    return " ".join(name.split()).casefold() in _TERRITORIES


def _nearest_state(name: str) -> str | None:
    """The did-you-mean for a name that is no state: among the states' names for a name,
    among their codes for two letters (a name near a code is no typo of it: 'Guam' is not
    'GA'); none for a territory."""
    if _territory(name):
        return None
    states = shapes().states
    two = len(name.strip()) <= 2
    return did_you_mean(name, [s.code if two else s.name for s in states])
