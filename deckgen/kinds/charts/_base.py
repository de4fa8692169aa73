"""What a chart type is: the contract every module in this folder fulfils.

A chart type is one class, a subclass of :class:`ChartKind`: its fields are its schema (the
outline's ``chart:`` mapping), and its methods are everything else about it, so adding a
type means one module here plus one line in ``__init__.py``'s registry:

* ``draw(fig, ax, job)``: the picture, with matplotlib, in the theme's style;
* ``describe_data(job)``: the alt text's account of the values;
* ``highlight_names(data)``: what ``highlight:`` may name (checked after binding);
* ``card_categories(...)`` / ``card_height(...)``: how it is redrawn on a social card;
* ``native_refusal()``, ``native_type()``, ``native_overlays(job)``, ``build_native(...)``:
  its editable PowerPoint form, or why it has none.

python-pptx is imported only inside the native methods, so rendering processes never
load it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from pydantic import model_validator

from deckgen.errors import Location, Problem, did_you_mean, one_of
from deckgen.outline.schema import ChartSpec

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from pptx.chart.chart import Chart

    from deckgen.kinds.charts._native import Geometry
    from deckgen.layout.geometry import Rect
    from deckgen.render.charts import ChartJob
    from deckgen.tables.select import ChartData
    from deckgen.theming.load import LoadedTheme

#: A series embedded in a native chart beyond the data: (name, values).
Overlay = tuple[str, list[float | None]]


class ChartKind(ChartSpec):
    """A chart type (see the module doc). Subclasses set ``type`` to a one-value Literal."""

    #: What the alt text calls it: "Donut chart".
    label: ClassVar[str] = "Chart"
    #: Draws exactly one series (a list of y columns is an error at load).
    single_series: ClassVar[bool] = False
    #: What ``highlight:`` names: "category", "series" or "category or series".
    highlights: ClassVar[str] = "category"
    #: Takes a ``reference:`` line.
    takes_reference: ClassVar[bool] = True
    #: Takes ``annotations:``.
    takes_annotations: ClassVar[bool] = True

    @model_validator(mode="after")
    def _fits_type(self) -> ChartKind:
        if self.single_series and self.series_count != 1:
            from deckgen.kinds.charts import CHARTS

            several = [c.model_fields["type"].annotation.__args__[0]  # type: ignore[union-attr]
                       for c in CHARTS if not c.single_series]  # fmt: skip
            raise ValueError(
                f"a {self.type} chart shows one series, but y names {len(self.y_columns)} "
                f"columns; for several use one of {one_of(several)}"
            )
        a = "an" if self.type[0] in "aeiou" else "a"  # "an area chart"
        if self.reference and not self.takes_reference:
            raise ValueError(f"{a} {self.type} chart takes no reference line")
        if self.annotations and not self.takes_annotations:
            raise ValueError(f"{a} {self.type} chart takes no annotations")
        return self

    # -- picture -------------------------------------------------------------------------
    def draw(self, fig: Figure, ax: Axes, job: ChartJob) -> None:
        """Draw the chart onto ``ax`` (the figure's size and style are set)."""
        raise NotImplementedError

    def mark_colors(self, job: ChartJob) -> list[str]:
        """Every fill and line colour the picture draws data in (``deckgen check`` wants
        3:1 against the background): by default the theme's colours these charts use."""
        from deckgen.render.chartkit import category_colors, series_colors

        names = [s.name for s in job.data.series]
        return [*category_colors(job, job.data.categories), *series_colors(job, names)]

    # -- alt text ------------------------------------------------------------------------
    def describe(self, job: ChartJob) -> str:
        """Alt text: the chart's kind, its finding (the title), and the values."""
        finding = job.title.rstrip(".")
        lead = f"{self.label}: {finding}." if finding else f"{self.label}."
        return f"{lead} {self.describe_data(job)}."

    def describe_data(self, job: ChartJob) -> str:
        raise NotImplementedError

    # -- checks after binding ------------------------------------------------------------
    def highlight_names(self, data: ChartData) -> list[str]:
        """The names ``highlight:`` may use for this data."""
        categories = list(data.categories)
        series = [s.name for s in data.series]
        return {"category": categories, "series": series}.get(self.highlights, categories + series)

    def check_against(self, frame: pd.DataFrame, where: Location) -> list[Problem]:
        """Every problem of this chart against its data source (after binding): filter
        values, and then what :meth:`check` finds in the rows it shows."""
        from deckgen.tables.select import chart_data, check_filters

        problems = check_filters(frame, self, where)
        return problems + self.check(chart_data(frame, self, where), where)

    def check(self, data: ChartData, where: Location) -> list[Problem]:
        """Problems of this chart's fields against its data: a highlight or annotation that
        names nothing is an error, never a silent no-op."""
        problems = []
        names = self.highlight_names(data)
        for k, name in enumerate(self.highlight):
            if name not in names:
                field = f"highlight[{k}]" if len(self.highlight) > 1 else "highlight"
                problems.append(_no_match(where, field, name, self.highlights, names))
        series = [s.name for s in data.series]
        for k, note in enumerate(self.annotations):
            if str(note.at) not in data.categories:
                problems.append(_no_match(where, f"annotations[{k}].at", str(note.at),
                                          "category", list(data.categories)))  # fmt: skip
            if note.series is not None and note.series not in series:
                problems.append(_no_match(where, f"annotations[{k}].series", note.series,
                                          "series", series))  # fmt: skip
        return problems

    # -- social cards ----------------------------------------------------------------------
    def card_categories(self, data: ChartData, box: Rect, label_px: int,
                        theme: LoadedTheme) -> int:  # fmt: skip
        """How many categories a card's chart box shows with ``label_px`` labels that do
        not collide (the card then shows the leading ones and says so)."""
        return len(data.categories)

    def card_height(self, data: ChartData) -> int:
        """The chart's height on a long-form infographic, in px at 1080 wide."""
        return 620

    # -- native PowerPoint form ------------------------------------------------------------
    def native_refusal(self) -> str | None:
        """Why this chart cannot be an editable PowerPoint chart, or ``None`` if it can."""
        if self.annotations:
            return (
                "native charts do not draw annotations (a PowerPoint chart has no note pinned "
                "to a data point)"
            )
        return None

    def native_type(self) -> object:
        """The python-pptx ``XL_CHART_TYPE`` of the native form."""
        raise NotImplementedError

    def native_overlays(self, job: ChartJob) -> list[Overlay]:
        """Series embedded beyond the data (a reference line, column totals)."""
        return []

    def build_native(self, chart: Chart, job: ChartJob, geo: Geometry) -> None:
        """Style the native chart like the picture."""
        raise NotImplementedError


def _no_match(where: Location, field: str, name: str, what: str, names: list[str]) -> Problem:
    shown = one_of(names[:12]) + (f" and {len(names) - 12} more" if len(names) > 12 else "")
    return Problem(
        Location(where.file, where.line, f"{where.field}.{field}"),
        f"{name!r} matches no {what} of the chart; its {what.split()[-1]} names are {shown}",
        did_you_mean(name, names) or "write the name exactly as the data has it",
    )


def word(job: ChartJob, value: float | None) -> str:
    """A value for alt text: compact units spelt out for screen readers."""
    return job.spec.format.format(value, words=True)


def reference_value(job: ChartJob, values: list[float]) -> float | None:
    """The reference line's value: a number, or the mean or median of ``values``."""
    ref = job.spec.reference
    if ref is None:
        return None
    if ref.value == "mean":
        return sum(values) / len(values)
    if ref.value == "median":
        ordered = sorted(values)
        mid = len(ordered) // 2
        return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2
    return float(ref.value)
