"""What a chart type is: the contract every module in this folder fulfils.

A chart type is one class, a subclass of :class:`ChartKind`: its fields are its schema (the
outline's ``chart:`` mapping), and its methods are everything else about it, so adding a
type means one module here plus one line in ``__init__.py``'s registry:

* ``select_data(frame, where)``: the rows it shows, as categories and series;
* ``draw(fig, ax, job)``: the picture, with matplotlib, in the theme's style;
* ``describe_data(job)``: the alt text's account of the values;
* ``highlight_names(data)``: what ``highlight:`` may name (checked after binding);
* ``card_categories(...)`` / ``card_shown(job)`` / ``card_height(...)``: how it is redrawn
  on a social card;
* ``native_refusal()`` / ``native_refusal_for(data)``, ``native_type()``,
  ``native_data(job)``, ``native_overlays(job)``, ``build_native(...)``: its editable
  PowerPoint form, or why it has none (or none for this data); a type whose native form
  is not a PowerPoint chart (a map: grouped shapes) overrides ``draw_native(...)`` instead.

python-pptx is imported only inside the native methods, so rendering processes never
load it.
"""

from __future__ import annotations

import itertools
import math
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator

from deckgen.errors import (
    DataError,
    Location,
    Problem,
    counted,
    did_you_mean,
    one_of,
    plain_number,
)
from deckgen.kinds.charts._annotate import Cagr, Difference, as_list
from deckgen.outline.formats import MAX_DECIMALS
from deckgen.outline.schema import AxisSpec, ChartSpec
from deckgen.outline.words import ChartWords

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from pptx.chart.chart import Chart
    from pptx.slide import Slide

    from deckgen.kinds.charts._native import Geometry
    from deckgen.layout.geometry import Rect
    from deckgen.render.charts import ChartJob
    from deckgen.tables.rounding import Rounding
    from deckgen.tables.select import ChartData
    from deckgen.theming.load import LoadedTheme

#: A series embedded in a native chart beyond the data: (name, values).
Overlay = tuple[str, list[float | None]]


#: The largest value a chart draws, a million trillion. Past it no unit writes a tick or
#: a label legibly (1e200 in trillions is a row of 190 digits), a log axis's padding
#: and an axis from -1e308 to 1e308 overflow a float; a value this large is a unit
#: mistake or an export's overflow (all found by fuzzing).
DRAWABLE = 1e18
#: The smallest number a label does not write as 0, at the most decimals labels take.
WRITABLE = 0.5 * 10.0**-MAX_DECIMALS
#: The least share of the value axis a bar or area chart's data spans: under it (a
#: thousandth, less than a pixel of any plot) no bar or area shows, only their labels.
FLAT = 1e-3


def _rows(found: list[tuple[str, float]], spec: str = "") -> str:
    """The first three rows of ``found`` as a message names them ('South = inf, West = -inf
    and 2 more')."""
    shown = ", ".join(f"{c} = {format(v, spec)}" for c, v in found[:3])
    return shown + (f" and {len(found) - 3} more" if len(found) > 3 else "")


def better_field() -> Any:
    """The ``better`` field of a type that colours each change by its direction: which
    direction is good news, so that it takes the theme's increase colour."""
    return Field(
        "higher",
        description="Which way is good news: 'higher' (a rise in the increase colour, a "
        "fall in the decrease colour) or 'lower' (for unemployment, costs, emissions: a fall "
        "in the increase colour, a rise in the decrease colour).",
    )


def rounding_field() -> Any:
    """The ``rounding`` field of a type that prints parts beside their whole (shares of a
    ring, segments under a column's total): to the total, as think-cell rounds, or each part
    on its own, as newsrooms print shares."""
    return Field(
        "total",
        description="How the parts printed beside their whole are rounded: 'total' (so that "
        "they add up to it: shares make 100%, segments their column's total) or 'each' (each "
        "on its own: 2.51% reads 3%, and shares may add up to 99% or 101%).",
    )


class ChartKind(ChartSpec):
    """A chart type (see the module doc). Subclasses set ``type`` to a one-value Literal."""

    #: What the alt text calls it: "Donut chart".
    label: ClassVar[str] = "Chart"
    #: Names other tools give this type (`type: pie`): named in the error's did-you-mean,
    #: never accepted as the type (an outline says what it draws).
    aliases: ClassVar[tuple[str, ...]] = ()
    #: Draws exactly one series (a list of y columns is an error at load).
    single_series: ClassVar[bool] = False
    #: Its rows can be long data: ``series:`` names a column whose values are the series.
    long_data: ClassVar[bool] = True
    #: What ``highlight:`` names: "category", "series" or "category or series".
    highlights: ClassVar[str] = "category"
    #: Takes a ``reference:`` line.
    takes_reference: ClassVar[bool] = True
    #: Stacks its series (each category's ends: the sums of its negative and positive
    #: values), so an axis ``min``/``max`` must hold the stacks, not only the values.
    stacks: ClassVar[bool] = False
    #: Takes ``annotations:``.
    takes_annotations: ClassVar[bool] = True
    #: Has a value axis, so ``axis:`` and ``index:`` apply (a chart of shares has none).
    has_value_axis: ClassVar[bool] = True
    #: Bars: a bar's length is its value, so the axis reaches zero and is linear.
    from_zero: ClassVar[bool] = False
    #: Draws a date ``x`` on a time axis (calendar ticks, points at their dates) rather
    #: than as evenly spaced categories.
    time_axis: ClassVar[bool] = False
    #: Each category is one part of a whole (a slice, a step): one named twice is data not
    #: yet added up, never two parts of one name.
    parts_named_once: ClassVar[bool] = False
    #: Draws as small multiples with ``facet:`` (one panel per value of a column, drawn by
    #: this type's own ``draw`` on each panel's data: see ``_facets.py``).
    facetable: ClassVar[bool] = False
    #: Its categories are what a title ranks ('China builds the most' over a bar a
    #: country), one value each: ``deckgen check`` reads such a title against them (NUM017).
    ranks_categories: ClassVar[bool] = False
    #: Which axis carries the values ("x" for charts read across, such as horizontal bars):
    #: the one small multiples share.
    value_along: ClassVar[str] = "y"
    #: The most categories one axis shows with every mark and label legible at 12 pt on a
    #: slide (``None``: no limit, as for points along a line, whose labels are thinned).
    #: More is an error that suggests ``top:`` or ``filter:`` (see :meth:`check_values`).
    max_categories: ClassVar[int | None] = None
    #: A card's chart shows every category in any font, or is refused (:meth:`card_room`
    #: is all of them or a fitting error): a card counts its rows in the theme's fonts
    #: only (``card_rows``), not again in each bundled family for the same answer.
    card_keeps_all: ClassVar[bool] = False
    #: What :meth:`card_unnamed` names: the parts of a whole ("categories", a ring's
    #: slices) or the series it draws as lines named at their ends ("series").
    card_unnamed_of: ClassVar[Literal["categories", "series"]] = "categories"
    #: Why the axis must reach zero (with ``from_zero``), and why a log scale cannot do.
    zero_because: ClassVar[str] = (
        "a bar's length is its value, so bars cut off above zero misstate every comparison"
    )
    log_because: ClassVar[str] = "bar lengths on it do not compare (twice as long is not " \
        "twice as much)"  # fmt: skip
    #: What ``difference:``/``cagr:`` may compare (``_annotate.py``; drawn by ``draw``):
    #: "categories" of a series, "categories or series" (also two series of one category
    #: with ``at:``), or ``None``.
    computes: ClassVar[str | None] = None

    difference: list[Difference] = Field(
        default_factory=list,
        description="Differences computed from the data between two bars or points, drawn "
        "as brackets: {from, to, series, at, show: value|percent|both}; one or a list.",
    )
    cagr: list[Cagr] = Field(
        default_factory=list,
        description="Compound annual growth rates between two bars or points: {from, to, "
        "series, at, periods}; one or a list.",
    )

    @field_validator("difference", "cagr", mode="before")
    @classmethod
    def _one_or_list(cls, value: object) -> object:
        return as_list(value)

    @field_validator("axis")
    @classmethod
    def _axis_fits(cls, axis: AxisSpec) -> AxisSpec:
        if axis.is_default:
            return axis
        if not cls.has_value_axis:
            raise ValueError(f"{_a(cls.label)} has no value axis; remove 'axis:'")
        if cls.from_zero:
            if axis.log:
                raise ValueError(
                    f"{_a(cls.label)} cannot use a log scale: {cls.log_because}; use a line "
                    "chart for a log scale"
                )
            cut = (axis.zero is False or (axis.min is not None and axis.min > 0)
                   or (axis.max is not None and axis.max < 0))  # fmt: skip
            if cut:
                raise ValueError(
                    f"{_a(cls.label)} starts at zero: {cls.zero_because}; use a line chart to "
                    "start where the data does"
                )
        return axis

    @field_validator("reference", "annotations")
    @classmethod
    def _taken(cls, value: Any, info: ValidationInfo) -> Any:
        """A field this type draws nothing for: reported at the field itself (it was said
        at the chart's first line, with no fix: found by fuzzing), naming the types that
        draw it."""
        field = str(info.field_name)
        takes = cls.takes_reference if field == "reference" else cls.takes_annotations
        if value and not takes:
            from deckgen.kinds.charts import CHARTS

            what = "reference line" if field == "reference" else "annotations"
            takers = [c.model_fields["type"].annotation.__args__[0]  # type: ignore[union-attr]
                      for c in CHARTS if (c.takes_reference if field == "reference"
                                          else c.takes_annotations)]  # fmt: skip
            raise ValueError(f"{cls._named()} draws no {what}; remove '{field}:', or draw "
                             f"the chart as {one_of(takers)}")  # fmt: skip
        return value

    @field_validator("index")
    @classmethod
    def _index_fits(cls, index: str | None) -> str | None:
        if index is not None and (why := cls.no_index()) is not None:
            raise ValueError(f"{_a(cls.label)} {why}; remove 'index:'")
        return index

    @classmethod
    def no_index(cls) -> str | None:
        """Why ``index:`` means nothing for this type (None: each series is rebased to 100
        at the base). A waterfall took it and summed its steps' indexes as dollars, from a
        start it left as it was (found by fuzzing)."""
        if not cls.has_value_axis:
            return "shows shares, which an index would not change"
        if cls.stacks:
            return "stacks its series into totals, which series rebased one by one would not make"
        return None

    @model_validator(mode="after")
    def _fits_type(self) -> ChartKind:
        if self.series is not None and not self.long_data:
            raise ValueError(
                f"{self.named} draws a mark per row and takes no 'series:' (a series per "
                "value of a column is for the charts that draw several series)"
            )
        if self.single_series and self.series_count != 1:
            from deckgen.kinds.charts import CHARTS

            several = [c.model_fields["type"].annotation.__args__[0]  # type: ignore[union-attr]
                       for c in CHARTS if not c.single_series]  # fmt: skip
            found = (
                f"'series: {self.series}' draws one per value of that column"
                if self.series is not None
                else f"y names {len(self.y_columns)} columns"
            )
            raise ValueError(
                f"{self.named} shows one series, but {found}; for several use one of "
                f"{one_of(several)}, or filter the rows to one series"
            )
        if self.facet is not None:
            from deckgen.kinds.charts._facets import facet_problem

            problem = facet_problem(self)
            if problem:
                raise ValueError(problem)
        for name, notes in (("difference", self.difference), ("cagr", self.cagr)):
            if notes and self.computes is None:
                from deckgen.kinds.charts import CHARTS

                takers = [c.model_fields["type"].annotation.__args__[0]  # type: ignore[union-attr]
                          for c in CHARTS if c.computes]  # fmt: skip
                raise ValueError(f"{self.named} takes no '{name}:'; {one_of(takers)} do")
            if any(n.at is not None for n in notes) and self.computes != "categories or series":
                raise ValueError(
                    f"{self.named} compares categories: '{name}:' takes no 'at:' "
                    "(two series of one category are compared on a grouped-bar)"
                )
        return self

    # -- data ----------------------------------------------------------------------------
    def select_data(self, frame: pd.DataFrame, where: Location) -> ChartData:
        """The rows this chart shows, after filter, sort and top: by default the ``x``
        column's values as categories and a series per ``y`` column."""
        from deckgen.tables.select import chart_data

        return chart_data(frame, self, where)

    @property
    def named(self) -> str:
        """The type as messages name it: 'a bar chart', 'an arrow chart'."""
        return self._named()

    @classmethod
    def _named(cls) -> str:
        name = str(cls.model_fields["type"].annotation.__args__[0])  # type: ignore[union-attr]
        return f"{'an' if name[:1] in 'aeiou' else 'a'} {name} chart"

    # -- picture -------------------------------------------------------------------------
    def draw(self, fig: Figure, ax: Axes, job: ChartJob) -> None:
        """Draw the chart onto ``ax`` (the figure's size and style are set)."""
        raise NotImplementedError

    def draw_figure(self, fig: Figure, job: ChartJob) -> None:
        """Draw the whole figure: one chart on one axes, or small multiples (a grid of
        panels, each drawn by :meth:`draw`)."""
        from deckgen.render.chartkit import left_out

        if job.data.facets:
            from deckgen.kinds.charts._facets import draw_facets

            draw_facets(fig, job)
        else:
            from deckgen.render.plotaxes import PlotAxes

            # A figure made ahead by an idle worker has its plot (deckgen.render.spares).
            ax = fig.axes[0] if fig.axes else fig.add_subplot(axes_class=PlotAxes)
            self.draw(fig, ax, job)
        for message, fix in self.drawn_unlike_data(job):
            left_out(f"{message}; {fix}")  # the build warns of it, as check does (NUM014)

    def drawn_unlike_data(self, job: ChartJob) -> list[tuple[str, str]]:
        """What the picture of ``job`` draws unlike its data, each with what to do, found
        from the data alone: by default, periods at uneven steps that a chart along time
        draws one slot apart (:func:`~deckgen.tables.select.unplaced_periods`), columns
        that run back in time (``select.columns_run_back``), marks
        of one name a reader cannot tell apart (``select.repeated_names``), and days as
        Excel stores them in cells formatted as numbers (``select.excel_days``). The picture
        says each in a build warning (:meth:`draw_figure`, ``chartkit.left_out``), so does
        a native chart's slide (:meth:`native_notes`), and ``deckgen check`` reports them
        (NUM014)."""
        from deckgen.tables.select import (
            columns_run_back,
            excel_days,
            repeated_names,
            unplaced_periods,
        )

        found = (unplaced_periods(job.data, self), columns_run_back(job.data, self),
                 repeated_names(job.data, self), excel_days(job.data, self))  # fmt: skip
        return [said for said in found if said is not None]

    @classmethod
    def label_values(cls, data: ChartData) -> list[float | None]:
        """Every value the chart writes as a label, read together: they share one compact
        unit and one precision (``$0.9M`` beside ``$1.7M``), on the picture and natively."""
        return [v for s in data.series for v in s.values]

    def printed_values(self, job: ChartJob) -> list[float]:
        """Every number the chart shows, as a value (``deckgen check`` looks for a title's
        numbers among them): its data, its labels, the reference line's value, and a
        difference's or growth rate's bracket. A kind that prints more (a ring's shares,
        an arrow's changes) adds those. A title stating its bracket's '−8.5%' was told the
        number is in none of the chart's values (found by review)."""
        from deckgen.kinds.charts._annotate import resolve

        data = [v for s in job.data.series for v in s.values if v is not None]
        shown = [*data, *(v for v in self.label_values(job.data) if v is not None)]
        if data and self.takes_reference:
            ref = reference_value(job)
            shown += [] if ref is None else [ref]
        if self.difference or self.cagr:
            for note in resolve(self, job.data, Location("", None, ""))[0]:
                # As the bracket writes them, signed ('−8.5%'): a title says 'fell 8.5%'.
                if note.cagr is not None:
                    shown.append(abs(note.cagr))
                if note.difference is not None and note.show != "percent":
                    shown.append(abs(note.difference))
                if note.percent is not None:
                    shown.append(abs(note.percent))
        return shown

    def mark_colors(self, job: ChartJob) -> list[str]:
        """Every fill and line colour the picture draws data in (``deckgen check`` wants
        3:1 against the background): by default the theme's colours these charts use."""
        from deckgen.render.chartkit import category_colors, series_colors

        names = [s.name for s in job.data.series]
        return [*category_colors(job, job.data.categories), *series_colors(job, names)]

    # -- alt text ------------------------------------------------------------------------
    def describe(self, job: ChartJob) -> str:
        """Alt text: the chart's kind, its finding (the title), how its values are read
        (an index, a log scale, the span of its dates), and the values."""
        from deckgen.tables.dates import span

        if job.data.facets:
            from deckgen.kinds.charts._facets import describe_facets

            return describe_facets(job)
        finding = job.title.rstrip(".")
        lead = f"{self.label}: {finding}." if finding else f"{self.label}."
        notes = []
        if job.data.x_dates:
            # The dates with a value: a date no series has one for is a gap in the picture,
            # not a point ('6 points' were said of five values and a gap: found by fuzzing).
            valued = [d for i, d in enumerate(job.data.x_dates)
                      if any(s.values[i] is not None for s in job.data.series)]  # fmt: skip
            if valued:
                # Bars (or dots) over dates are no points: '6 points' was said of a bar
                # chart's six months (found in review). They are counted in their periods.
                from deckgen.tables.dates import precision_of

                kind: str = precision_of(valued[0])
                months = sorted(12 * d.year + d.month for d in valued)
                if (
                    kind == "month"
                    and len(months) > 1
                    and all(b - a == 3 for a, b in itertools.pairwise(months))
                ):
                    # Quarters stamped on a month (the ABS's March, June...): '9 months
                    # from March 2022 to March 2024' was read out (found in review).
                    kind = "quarter"
                ordered = sorted(valued)
                if (
                    kind == "day"
                    and len(ordered) > 1
                    and all((b - a).days == 7 for a, b in itertools.pairwise(ordered))
                ):
                    # A week apart (Brandwatch's weekly mentions): '8 days from October 5
                    # to November 23' was read out (found in review).
                    kind = "week"
                count = (f"{len(valued)} points" if self.time_axis
                         else counted(len(valued), kind))  # fmt: skip
                notes.append(f"{count} {span(valued)}")
        if self.index is not None:
            base = job.data.find(self.index)
            named, at = job.data.categories[base] if base is not None else self.index, "in"
            if base is not None and job.data.x_dates:
                from deckgen.render.chartkit import at_word
                from deckgen.tables.dates import label

                # 'on January 1, 2023' ('in January 1, 2023' was read aloud, found in
                # review), 'in March 2010'.
                named, at = label(job.data.x_dates[base]), at_word(job)
            notes.append(f"indexed to 100 {at} {named}")
        if self.axis.log:
            notes.append("on a logarithmic scale")
        if notes:
            text = "; ".join(notes)
            lead += f" {text[0].upper()}{text[1:]}."
        from deckgen.kinds.charts._annotate import describe

        text = f"{lead} {self.describe_data(job)}.{self.rounding_note(job)}"
        if note := self.footnote(job.whole or job.data, ChartWords()):  # alt text: English
            text += f" {note}"
        if self.reference is not None and (ref := reference_value(job)) is not None:
            # The line is what a title over it is often about ("... above the target").
            from deckgen.render.chartkit import reference_text

            text += f" A dashed line marks {reference_text(job, ref, words=True)}."
        text += self._notes_said(job)
        return text + (f" {computed}" if (computed := describe(job)) else "")

    def _notes_said(self, job: ChartJob) -> str:
        """The ``annotations:`` written on the picture, each at its point: a sighted reader
        read 'New plant opens' beside Q2 2024, a screen reader nothing of it (found by
        fuzzing). '' for none. A note the picture drawn left out (no room clear of the
        bars, or of the lines) is not described either (fuzzing round 8)."""
        from deckgen.render.chartkit import note_key, notes_left_out

        notes = getattr(self, "annotations", None) or []
        gone = notes_left_out()
        said = []
        for note in notes:
            if note_key(note) in gone:
                continue
            at = job.data.find(note.at)
            if at is not None and job.data.x_dates:
                from deckgen.tables.dates import label

                place = label(job.data.x_dates[at])
            else:
                place = job.data.categories[at] if at is not None else str(note.at)
            said.append(f"at {place}{f' ({note.series})' if note.series else ''}, "
                        f"{str(note.text).strip().rstrip('.')}")  # fmt: skip
        if not said:
            return ""
        return f" {'A note' if len(said) == 1 else 'Notes'} on the chart: {'; '.join(said)}."

    def describe_data(self, job: ChartJob) -> str:
        raise NotImplementedError

    def rounding_note(self, job: ChartJob) -> str:
        """' Shares do not add up to 100% because each is rounded on its own.' (with a
        leading space) where the parts the chart prints beside their whole miss it because
        of ``rounding: each`` (:meth:`parts_missed`), else ''. Said in the alt text, and so
        in the notes: a reader adding up 63 + 16 + 14 + 4 + 3 + 1 was told nothing of 101."""
        if self.parts_rounding() != "each" or (missed := self.parts_missed(job)) is None:
            return ""
        parts, whole = missed
        return f" {parts} do not add up to {whole} because each is rounded on its own."

    def footnote(self, data: ChartData, words: ChartWords) -> str:
        """A note the chart's ``data`` needs beside the picture, in ``words`` (the deck's
        language): written in the source line under it (a slide's footer, a card's source
        line, under an infographic's chart) and in the alt text; '' for none. An arrow
        chart's changes computed from unrounded values (:meth:`Arrow.footnote
        <deckgen.kinds.charts.arrow.Arrow.footnote>`). Read while planning: it draws
        nothing."""
        return ""

    def parts_missed(self, job: ChartJob) -> tuple[str, str] | None:
        """The parts the chart prints beside their whole and that whole, as the alt text
        names them ('Shares', '100%'), where the printed parts do not add up to it; ``None``
        where they do, or the chart prints no such parts (a type that takes ``rounding``:
        :func:`rounding_field`, with :func:`~deckgen.tables.rounding.parts_miss_total`)."""
        return None

    # -- checks after binding ------------------------------------------------------------
    def highlight_names(self, data: ChartData) -> list[str]:
        """The names ``highlight:`` may use for this data (small multiples: a panel too)."""
        if data.facets:
            names = [n for _, d in data.facets for n in self.highlight_names(d)]
            return list(dict.fromkeys([name for name, _ in data.facets] + names))
        categories = list(data.categories)
        series = [s.name for s in data.series]
        return {"category": categories, "series": series}.get(self.highlights, categories + series)

    def check_against(self, frame: pd.DataFrame, where: Location) -> list[Problem]:
        """Every problem of this chart against its data source (after binding): filter
        values, and then what :meth:`check` finds in the rows it shows."""
        from deckgen.tables.select import check_filters

        problems = check_filters(frame, self, where)
        try:
            data = self.select_data(frame, where)
        except DataError:
            if problems:
                # A filter value that matches nothing left no rows: name the value, with
                # its nearest, not "the filter leaves no rows" (which lost it).
                return problems
            raise
        return problems + [self._unshown(p, frame, where) for p in self.check(data, where)]

    def _unshown(self, problem: Problem, frame: pd.DataFrame, where: Location) -> Problem:
        """``problem``, where it is a highlight's that names nothing shown, with its cause
        as the hint when the data has the name: a category where this chart's highlight
        names a series, or a row that ``top:`` or a filter leaves out. ("Write the name as
        the data has it" was said of names written exactly so; found by fuzzing.)"""
        from dataclasses import replace

        from deckgen.tables.select import category_text, left_out, listed

        for k, name in enumerate(self.highlight):
            field = f"highlight[{k}]" if len(self.highlight) > 1 else "highlight"
            if problem.location != Location(where.file, where.line, f"{where.field}.{field}"):
                continue
            cells = frame[self.x] if self.x in frame.columns else []
            if self.facet is not None:
                why = None  # a highlight names a panel too: the message lists them
            elif (self.highlights == "series" and not self.transpose
                  and name in {category_text(c) for c in cells}):  # fmt: skip
                named = (f"the values of {self.series!r}" if self.series else
                         listed(self.series_labels.get(c, c) for c in self.y_columns))  # fmt: skip
                why = (f"on {self.named} highlight names a series ({named}); {name!r} is a "
                       f"category (a value of {self.x!r}): highlight a series"
                       + ("" if self.series else f", or add 'transpose: true' to make each "
                          f"{self.x!r} value a series"))  # fmt: skip
            else:
                why = left_out(frame, self, self.x, name, where)
            return replace(problem, hint=why) if why else problem
        return problem

    def check(self, data: ChartData, where: Location) -> list[Problem]:
        """Problems of this chart's fields against its data: a highlight, annotation or
        series label that names nothing is an error, never a silent no-op (over long data
        the series labels are checked against the series column's values, as the data is
        read)."""
        problems = []
        names = self.highlight_names(data)
        what = f"panel or {self.highlights}" if data.facets else self.highlights
        for k, name in enumerate(self.highlight):
            field = f"highlight[{k}]" if len(self.highlight) > 1 else "highlight"
            if (count := data.categories.count(name)) > 1:
                # Two bars of one name: which is the finding is a guess (found by fuzzing).
                problems.append(_many(where, field, name, count))
            if name not in names:
                problem = _no_match(where, field, name, what, names)
                if what == "category or series":
                    from dataclasses import replace

                    from deckgen.tables.select import listed

                    # Each listed apart, the series first: twelve months filled the list
                    # and the four programs a stacked chart's highlight meant were 'and 4
                    # more' (found by a new user).
                    series = [s.name for s in data.series]
                    problem = replace(problem, message=(
                        f"{name!r} matches no category or series of the chart; its series "
                        f"are {listed(series)}, its categories {listed(list(data.categories))}"
                    ))  # fmt: skip
                problems.append(problem)
        if self.series is None:
            columns = self.labelled_columns()
            for key in self.series_labels:
                if key not in columns:
                    problems.append(_no_match(where, f"series_labels.{key}", key, "y column",
                                              columns))  # fmt: skip
        problems += self.check_values(data, where)
        problems += self._check_axis(data, where)
        problems += self._check_reference(data, where)
        problems += self._check_flat(data, where)
        series = [s.name for s in data.series]
        for k, note in enumerate(self.annotations):
            if data.find(note.at) is None:
                problems.append(_no_match(where, f"annotations[{k}].at", str(note.at),
                                          "category", list(data.categories)))  # fmt: skip
            elif (count := data.categories.count(str(note.at))) > 1:
                problems.append(_many(where, f"annotations[{k}].at", note.at, count))
            if note.series is not None and note.series not in series:
                problems.append(_no_match(where, f"annotations[{k}].series", note.series,
                                          "series", series))  # fmt: skip
            elif data.find(note.at) is not None and (empty := _nothing_to_point_at(
                    where, f"annotations[{k}]", note.at, note.series, data)):  # fmt: skip
                problems.append(empty)
        from deckgen.kinds.charts._annotate import check

        return problems + check(self, data, where)

    def check_values(self, data: ChartData, where: Location) -> list[Problem]:
        """Values no chart can draw: ``inf`` or NaN (in the data, say from a division by
        zero in an export, or in ``reference``/``axis`` numbers), and more categories than
        one axis shows legibly (:attr:`max_categories`)."""
        problems = []
        values = [v for s in data.series for v in s.values]
        if self.from_zero and values and all(v is None or v == 0 for v in values):
            # Bars and areas measured from zero draw nothing: a blank chart published
            # without a word (a chart of shares said so already; found by fuzzing).
            names = ", ".join(repr(s.name) for s in data.series)
            problems.append(Problem(
                Location(where.file, where.line, f"{where.field}.y"),
                f"every value of {names} is zero or missing, so the chart would draw no "
                "bar or area", "check the column and filter: (the rows may be for another "
                "period), or say it in words on a statement slide or card",
            ))  # fmt: skip
        for s in data.series:
            at = Location(where.file, where.line, f"{where.field}.{self._y_field(s.name)}")
            pairs = [(c, v) for c, v in zip(data.categories, s.values, strict=True)
                     if v is not None]  # fmt: skip
            bad = [(c, v) for c, v in pairs if not math.isfinite(v)]
            if bad:
                problems.append(Problem(
                    at, f"expected a finite number in every row, found {_rows(bad)} in "
                    f"{s.name!r}",
                    "inf and NaN usually come from a division by zero in the export or a "
                    "compute step; fix those cells, write '-' for a missing value, or filter "
                    "the rows out",
                ))  # fmt: skip
            # Finite, but past what an axis can span: its range and padding overflow.
            huge = [(c, v) for c, v in pairs if math.isfinite(v) and abs(v) > DRAWABLE]
            if huge:
                problems.append(Problem(
                    at, f"expected numbers a chart can label (at most {DRAWABLE:g}, a "
                    f"million trillion), found {_rows(huge, 'g')} in {s.name!r}",
                    "check the cells' units (a value in the wrong unit, or an export's "
                    "overflow); to chart numbers this large, divide them in a compute step "
                    "and name the unit in the title; or filter the rows out",
                ))  # fmt: skip
            largest = max((abs(v) for _, v in pairs if math.isfinite(v)), default=0.0)
            if 0 < largest < WRITABLE:
                # Every tick and label would read 0 (found by fuzzing).
                problems.append(Problem(
                    at, f"expected numbers a label can write (at {MAX_DECIMALS} decimals, "
                    f"anything under {WRITABLE:g} reads 0), found at most {largest:g} in "
                    f"{s.name!r}", "scale the values up in a compute step (such as "
                    "'per_million: share * 1000000') and name the unit in the title",
                ))  # fmt: skip
        numbers: list[tuple[str, object]] = [("axis.min", self.axis.min),
                                             ("axis.max", self.axis.max)]  # fmt: skip
        if self.reference is not None and self.reference.value not in ("mean", "median"):
            numbers.append(("reference.value", self.reference.value))
        for field, value in numbers:
            try:
                drawable = value is None or abs(float(value)) <= DRAWABLE  # type: ignore[arg-type]
            except ValueError:
                continue  # not a number at all: the binding says so
            if not drawable:  # NaN compares False too
                problems.append(
                    Problem(
                        Location(where.file, where.line, f"{where.field}.{field}"),
                        f"expected a finite number of at most {DRAWABLE:g}, found {value}",
                        f"write a number such as 100, or leave {field.split('.')[0]} out",
                    )
                )
        limit, count = self.max_categories, len(data.categories)
        if limit is not None and count > limit:
            by = self.y_columns[0] if self.y_columns else "COLUMN"
            problems.append(
                Problem(
                    where,
                    f"{self.named} shows at most {limit} categories legibly on a slide (every "
                    f"mark visible, labels at 12 pt or more); the data has {count}",
                    f"keep the largest with sort: {{by: {by}}} and top: {limit}, pick rows with "
                    "filter:, or sum the rest into an 'Other' row with a group step",
                )
            )
        return problems

    def _y_field(self, series: str) -> str:
        """The ``y`` field a series comes from: ``y[1]`` in a list, else ``y``."""
        names = [self.series_labels.get(c, c) for c in self.y_columns]
        if isinstance(self.y, list) and series in names:
            return f"y[{names.index(series)}]"
        return "y"

    def labelled_columns(self) -> list[str]:
        """The columns ``series_labels`` may name: the y columns."""
        return self.y_columns

    def _check_reference(self, data: ChartData, where: Location) -> list[Problem]:
        """A reference line at the mean or median of several series: the line would be
        of all their values pooled, which a reader takes for one series' ('Average:
        92.7K' over a website's and an app's visits, the website's own 133.4K; found by
        review)."""
        from deckgen.tables.select import listed

        ref = self.reference
        panels = [d for _, d in data.facets] or [data]
        names = list(dict.fromkeys(s.name for d in panels for s in d.series))
        if ref is None or ref.value not in ("mean", "median") or len(names) < 2:
            return []
        column = self.y_columns[0] if self.y_columns else "COLUMN"
        return [Problem(
            Location(where.file, where.line, f"{where.field}.reference.value"),
            f"expected one series for a reference line at the {ref.value}, found "
            f"{len(names)} ({listed(names)}): the line would pool all their values, the "
            f"{ref.value} of no one series",
            f"give the value as a number, or as a template over one column, such as "
            f"\"{{{{ {self.data}.mean('{column}') }}}}\" for its mean; or show one series",
        )]  # fmt: skip

    def _check_flat(self, data: ChartData, where: Location) -> list[Problem]:
        """An axis ``min`` or ``max``, or a reference line, so far from the data that the
        value axis stretched to hold it leaves the data under :data:`FLAT` of it: every
        bar drawn flat, only its labels showing (a reference line at 1e15 over vehicle
        counts of 30 million; found by fuzzing). Asked of marks measured from zero (bars,
        areas) only: a line pressed flat still shows, and may be the point ('prices barely
        moved', on an axis from zero)."""
        if not self.from_zero:
            return []
        values = [v for s in data.series for v in s.values if v is not None and math.isfinite(v)]
        if self.stacks:
            values += [end for ends in stack_ends(data) for end in ends if end]
        if not values:
            return []
        lo, hi = min(0.0, *values), max(0.0, *values)
        if hi == lo:
            return []  # nothing to compare: one value, or every value zero (said apart)
        far: list[tuple[str, float | None, str]] = [
            ("axis.min", self.axis.min, "set min nearer the data, or leave it out"),
            ("axis.max", self.axis.max, "set max nearer the data, or leave it out"),
        ]
        ref = self.reference
        if self.takes_reference and ref is not None and isinstance(ref.value, int | float):
            far.append(("reference.value", float(ref.value), "check the line's value and its "
                        "unit against the data's, or leave the reference line out"))  # fmt: skip
        problems = []
        for field, value, fix in far:
            if value is None or not math.isfinite(value):
                continue  # none, or said by check_values
            if (hi - lo) >= FLAT * (max(hi, value) - min(lo, value)):
                continue
            what = "the reference line at" if field[0] == "r" else field.replace(".", " ")
            problems.append(Problem(
                Location(where.file, where.line, f"{where.field}.{field}"),
                f"{what} {plain_number(value)} stretches the value axis so far that the "
                f"data ({plain_number(lo)} to {plain_number(hi)}) spans under a thousandth "
                "of it: no mark would show, only the labels",
                f"{fix} (the data reaches {plain_number(hi if value > hi else lo)})",
            ))  # fmt: skip
        return problems

    def _check_axis(self, data: ChartData, where: Location) -> list[Problem]:
        """A log scale needs values above zero; an axis ``min``/``max`` must not cut off
        data (the chart would hide it without a word)."""
        axis = self.axis
        if axis.is_default:
            return []
        from deckgen.tables.dates import label

        # Dates as a reader says them ('April 2008'), other categories as written.
        names = [label(d) for d in data.x_dates] if data.x_dates else list(data.categories)
        points = [
            (s.name, c, v)
            for s in data.series
            for c, v in zip(names, s.values, strict=True)
            if v is not None
        ]
        if self.stacks:  # the stacks' ends are what the axis must hold
            ends = stack_ends(data)
            points += [("total", c, v) for c, (lo, hi) in zip(names, ends, strict=True)
                       for v in (lo, hi) if v]  # fmt: skip
        if not points:
            return []

        def at(field: str, message: str, hint: str) -> Problem:
            return Problem(Location(where.file, where.line, f"{where.field}.axis.{field}"),
                           message, hint)  # fmt: skip

        def named(point: tuple[str, str, float]) -> str:
            name, category, value = point
            return f"{value:g} ({name}, {category})" if len(data.series) > 1 else (
                f"{value:g} ({category})")  # fmt: skip

        problems = []
        low, high = min(points, key=lambda p: p[2]), max(points, key=lambda p: p[2])
        if axis.log and low[2] <= 0:
            problems.append(at("log", f"a log scale has no place for {named(low)}: it shows "
                               "only values above zero", "drop 'log: true', or filter out the "
                               "values at or below zero"))  # fmt: skip
        elif axis.log and low[2] < WRITABLE:
            problems.append(at("log", f"a log scale's ticks go down to the smallest value, "
                               f"{named(low)}, which reads 0 at {MAX_DECIMALS} decimals", "filter "
                               "out the values far below the rest, scale the values up in a "
                               "compute step, or drop 'log: true'"))  # fmt: skip
        if axis.min is not None and low[2] < axis.min:
            problems.append(at("min", f"axis min {axis.min:g} is above the data's {named(low)}, "
                               "which the chart would cut off", f"set min to {low[2]:g} or "
                               "lower, or leave it out"))  # fmt: skip
        if axis.max is not None and high[2] > axis.max:
            problems.append(at("max", f"axis max {axis.max:g} is below the data's {named(high)}, "
                               "which the chart would cut off", f"set max to {high[2]:g} or "
                               "higher, or leave it out"))  # fmt: skip
        return problems

    # -- social cards ----------------------------------------------------------------------
    def card_categories(self, data: ChartData, box: Rect, label_px: int,
                        theme: LoadedTheme) -> int:  # fmt: skip
        """How many categories a card's chart box shows with ``label_px`` labels that do
        not collide (the card then shows the leading ones and says so)."""
        return len(data.categories)

    def card_room(self, data: ChartData, box: Rect, label_px: int, theme: LoadedTheme) -> int:
        """:meth:`card_categories`, for each panel of small multiples too."""
        if data.facets:
            from deckgen.kinds.charts._facets import card_room

            return card_room(self, data, box, label_px, theme)
        return self.card_categories(data, box, label_px, theme)

    def card_crowded_by(self, data: ChartData, label_px: int, theme: LoadedTheme) -> str | None:
        """The value label that sets how many categories fit side by side on a card, where
        a value label and not a name does (a card refusing the chart then says to write
        the values shorter: it told a chart of 'Alpha', 'Beta' and 'Gamma' to shorten its
        names, found by fuzzing); ``None`` by default."""
        return None

    def card_refusal(self, data: ChartData, box: Rect, label_px: int) -> str | None:
        """Why ``box`` on a card cannot hold this chart at the card's text size, or ``None``
        (small multiples need room per panel; the text is never shrunk for them)."""
        if data.facets:
            from deckgen.kinds.charts._facets import card_refusal

            return card_refusal(self, data, box, label_px)
        return None

    def card_shown(self, job: ChartJob) -> int:
        """How many of the chart's categories the card's picture ``job`` shows, each on its
        own and legible: a card with a choice of layouts keeps the one that shows more.
        By default every category it is given (:meth:`card_room` has already left out what
        would collide); a type that draws something else than its categories (merged
        steps, states too small to see) counts what it draws."""
        return len(job.data.categories)

    def card_unnamed(self, job: ChartJob) -> list[str]:
        """The categories (or series: :attr:`card_unnamed_of`) the card's picture ``job``
        draws without naming them, where that
        is no choice of the card's to make: a part of a whole cannot be left out as a
        ranking's last rows are, so a card with any refuses its preset. None by default."""
        return []

    def card_unseen(self, job: ChartJob) -> tuple[str, str] | None:
        """Why the card's picture ``job`` draws marks too small to see, and what to do (a
        card tries its other layouts, else is refused), or ``None``: by default. A type
        that draws the picture to tell may find no room on it at all
        (:class:`~deckgen.render.chartkit.NoRoom`, which it lets out): the card refuses the
        layout alike. A type with a time axis: where it has room for one date
        (:func:`~deckgen.render.chartkit.lone_date`)."""
        if self.time_axis:
            from deckgen.render.chartkit import lone_date

            return lone_date(job)
        return None

    def names_may_crowd(self, job: ChartJob, box: Rect) -> bool:
        """Whether the picture ``job`` in ``box`` may leave out names it places beside its
        marks, by an estimate that draws nothing: ``deckgen check`` (ED002) then draws it
        to see. Names on an axis are estimated by their count; ``False`` by default."""
        return False

    def unseen_marks(self, job: ChartJob, fig: Figure | None = None) -> tuple[str, str] | None:
        """Why the picture ``job`` (drawn as ``fig``, or drawn here where the type cannot
        tell without) draws marks too small to see what its labels write, and what to do,
        or ``None``: by default. A type that can say so says it in a build warning too
        (``chartkit.left_out``), and ``deckgen check`` asks (NUM011)."""
        return None

    def card_area(self, job: ChartJob, box: Rect) -> float:
        """How large the card's picture ``job`` in ``box`` draws the chart, to compare the
        layouts of one card: of two that show as much (:meth:`card_shown`), a card keeps
        the larger. The box's area by default; a ring's, its own."""
        return float(box.width.px * box.height.px)

    def card_fill(self, job: ChartJob) -> float:
        """How far down the card's picture ``job`` draws, in points from its top with its
        margin: a card cuts the picture's box there, the empty rows under it its margins
        (:func:`~deckgen.kinds.cards._base.snug_chart`). The canvas's height by default
        (a chart stretches to its box); a type held by its width (a map keeps its aspect)
        or by its labels' (a ring beside them) may draw less deep."""
        return job.canvas.height.pt

    def card_height(self, data: ChartData) -> int:
        """The chart's height on a long-form infographic, in px at 1080 wide."""
        return 620

    def falls_are_good(self) -> bool:
        """Whether a fall is the good news, so that it takes the increase colour (a type
        that colours changes by their direction declares ``better``: :func:`better_field`)."""
        return False

    def parts_rounding(self) -> Rounding:
        """How the parts the chart prints beside their whole are rounded (a type that prints
        them declares ``rounding``: :func:`rounding_field`)."""
        return "total"

    # -- native PowerPoint form ------------------------------------------------------------
    def native_refusal(self) -> str | None:
        """Why this chart cannot be an editable PowerPoint chart, or ``None`` if it can."""
        if self.facet is not None:
            return (
                "PowerPoint charts have no small multiples (one chart cannot hold a grid of "
                "panels sharing a scale)"
            )
        if self.annotations:
            return (
                "native charts do not draw annotations (a PowerPoint chart has no note pinned "
                "to a data point)"
            )
        if self.difference or self.cagr:
            return (
                "native charts do not draw computed differences or growth rates (a bracket "
                "drawn over a PowerPoint chart would not follow its bars when the chart is "
                "edited or resized)"
            )
        kind = type(self)
        own_chart = kind.native_type is not ChartKind.native_type and (
            kind.build_native is not ChartKind.build_native
        )
        if not own_chart and kind.draw_native is ChartKind.draw_native:
            # A type added without a native form (CONTRIBUTING's step 3 is optional): its
            # picture is kept, never an internal error from the methods it lacks.
            return f"{self.named} has no editable PowerPoint form; it is drawn as a picture"
        return None

    def native_refusal_for(self, job: ChartJob) -> str | None:
        """Why this chart, with this job's data, cannot be an editable PowerPoint chart (a
        form that would draw some data wrong), or ``None``: :meth:`native_refusal` first.
        The job, not its data alone: what the picture would draw may decide it (a bubble
        it enlarges to be seen)."""
        return self.native_refusal()

    def reference_problem(self, frame: pd.DataFrame, data: ChartData,
                          where: Location) -> Problem | None:  # fmt: skip
        """The reference line's mean or median when it is of the rows ``top:`` keeps,
        fewer than the data has: 'State median' over the ten lowest states read 82.8%
        where all states' is 87.6%, and a reader takes it for the states' (found by
        review). The line stays the shown rows' (a native chart's formula reads them). A
        build warns of it, ``deckgen check`` reports it (NUM013)."""
        from deckgen.tables.select import select_rows

        ref = self.reference
        if ref is None or ref.value not in ("mean", "median") or self.top is None:
            return None
        rows, _ = select_rows(frame, self.model_copy(update={"top": None}), where)
        every = rows[self.x].nunique() if self.x in rows.columns else len(rows)
        shown = len(data.categories)
        if every <= shown:
            return None
        return Problem(
            where,
            f"the reference line '{ref.label}' is the {ref.value} of the {shown} rows the "
            f"chart shows (top: {self.top}), not of the {every} the data has",
            f"say so in its label ('{ref.value.capitalize()} of the {shown} shown'), or give "
            f"the {ref.value} of all rows as a number",
        )

    def tie_problem(self, frame: pd.DataFrame, where: Location) -> Problem | None:
        """Where ``top:`` cuts between categories of the same ``sort:`` value, at ``where``'s
        ``top`` (:func:`~deckgen.tables.select.top_tie`): a build warns of it, ``deckgen
        check`` reports it (NUM016)."""
        from deckgen.tables.select import top_tie

        return top_tie(frame, self, where, self.x)

    def totals_problem(self, frame: pd.DataFrame | None, data: ChartData,
                       where: Location) -> Problem | None:  # fmt: skip
        """A total row, or a total series, drawn beside the parts it adds up
        (:mod:`._totals`), at ``where``: a build warns of it, ``deckgen check`` reports it
        (NUM006). A chart whose categories are its series turned (``transpose``) is looked
        at for total series only: they are its rows."""
        from deckgen.kinds.charts._totals import (
            filter_step,
            series_totals_problem,
            totals_problem,
        )

        percent = self.format.style == "percent"
        if not self.transpose:
            found = totals_problem(frame, self.data, self.x, bool(self.filter), data, percent,
                                   where)  # fmt: skip
            if found is not None:
                return found
        by = self.x if self.transpose else getattr(self, "series", None)

        def leave_out(totals: list[str]) -> str:
            if by is None:  # columns named in y:
                return f"leave {'it' if len(totals) == 1 else 'them'} out of y:"
            step = filter_step(by, totals)
            return (f"add {step} to its 'filter:' list" if self.filter else
                    f"leave {'it' if len(totals) == 1 else 'them'} out with a filter: "
                    f"'filter: [{step}]'")  # fmt: skip

        return series_totals_problem(data, percent, where, leave_out)

    def native_notes(self, job: ChartJob) -> list[str]:
        """What the native form leaves out that a reader would look for, in the words its
        picture's build warning uses (``chartkit.left_out``): a native chart is drawn after
        the build's warnings are gathered, so the slide asks while it is planned. By
        default, what it draws unlike its data (:meth:`drawn_unlike_data`)."""
        return [f"{message}; {fix}" for message, fix in self.drawn_unlike_data(job)]

    def native_type(self) -> object:
        """The python-pptx ``XL_CHART_TYPE`` of the native form."""
        raise NotImplementedError

    def native_data(self, job: ChartJob) -> object:
        """The data embedded in the native chart (a python-pptx ``ChartData``): by default
        the categories and series, then :meth:`native_overlays`."""
        from deckgen.kinds.charts._native import chart_data

        return chart_data(job)

    def native_overlays(self, job: ChartJob) -> list[Overlay]:
        """Series embedded beyond the data (a reference line, column totals)."""
        return []

    def build_native(self, chart: Chart, job: ChartJob, geo: Geometry) -> None:
        """Style the native chart like the picture."""
        raise NotImplementedError

    def draw_native(self, slide: Slide, job: ChartJob, box: Rect, alt: str) -> None:
        """Draw the native form in ``box`` on ``slide`` with alt text ``alt``: a PowerPoint
        chart built with the methods above, unless a type draws other shapes."""
        from deckgen.kinds.charts._native import add_native_chart

        add_native_chart(slide, job, box, alt)


def _a(label: str) -> str:
    """'a bar chart' from 'Bar chart', 'an area chart' from 'Area chart'."""
    return f"{'an' if label[:1].lower() in 'aeiou' else 'a'} {label[0].lower()}{label[1:]}"


def _many(where: Location, field: str, name: object, count: int) -> Problem:
    """The problem of a name that names ``count`` categories of the chart: which one an
    arrow, a note or a base is at would be a guess (the first was taken without a word,
    found by fuzzing)."""
    return Problem(
        Location(where.file, where.line, f"{where.field}.{field}"),
        f"{str(name)!r} names {count} categories of the chart (the data has {count} rows of "
        "it), so which one is meant is unclear",
        "give each row a name of its own: add up the rows with a group step, keep one with "
        "a filter, or, for one row per series, name the series column with 'series:'",
    )


def _nothing_to_point_at(
    where: Location, field: str, at: object, name: str | None, data: ChartData
) -> Problem | None:
    """The problem of a note pinned to a series with no value anywhere. A note at a gap
    points into it (a closure is the usual reason to note one), where the line would pass;
    a series with no value at all has no line, and its note went undrawn without a word
    (found by review)."""
    pinned = next((s for s in data.series if s.name == name), data.series[0] if data.series
                  else None)  # fmt: skip
    if pinned is None or any(v is not None for v in pinned.values):
        return None
    drawn = [s.name for s in data.series if any(v is not None for v in s.values)]
    return Problem(
        Location(where.file, where.line, f"{where.field}.{field}.series"),
        f"the note at {str(at)!r} is pinned to {pinned.name!r}, which has no value at any "
        "category, so there is no line for it to point at",
        (f"pin it to a series that has values with 'series:' ({one_of(drawn[:6])}), or "
         if drawn else "") + "check the data and the filter for that series",
    )  # fmt: skip


def _no_match(where: Location, field: str, name: str, what: str, names: list[str]) -> Problem:
    """``name`` (of ``field``) matches none of ``names``: with the nearest as a hint, a
    period's by the period it writes (:func:`~deckgen.tables.dates.period_hint`) before
    any by spelling ('Oct 2024' is no misspelt 'Oct 2025')."""
    from deckgen.tables.dates import nearest_day, period_form, period_hint
    from deckgen.tables.select import listed

    shown = listed(names)
    return Problem(
        Location(where.file, where.line, f"{where.field}.{field}"),
        f"{name!r} matches no {what} of the chart; its {what} names are {shown}",
        nearest_day(name, names)
        or period_hint(name, names)
        or did_you_mean(name, names)
        or period_form(name, names)
        or "write the name exactly as the data has it",
    )


def word(job: ChartJob, value: float | None) -> str:
    """A value for alt text as the chart labels it, compact units spelt out for screen
    readers ("12.0 million" where the chart says "12.0M"); one no label writes (a line's
    low between its labelled ends, a difference) with the decimals it needs to read as
    itself ("0.01", not "0.0"). Zero is said without decimals: 'Nuclear 0.0 percent'
    beside 'Wind 25 percent' was read out where a column's other labels took a decimal
    (found by a new user)."""
    import re

    from deckgen.render.chartkit import fmt

    text = fmt(job, value, words=True, alone=True)
    return re.sub(r"(?<![\d.,])0[.,]0+(?!\d)", "0", text) if value == 0 else text


def stack_ends(data: ChartData) -> list[tuple[float, float]]:
    """Each category's stack: the sum of its negative values and of its positive ones."""
    ends = []
    for i in range(len(data.categories)):
        column = [s.values[i] or 0.0 for s in data.series]
        ends.append((sum(v for v in column if v < 0), sum(v for v in column if v > 0)))
    return ends


def reach(job: ChartJob, values: list[float]) -> list[float]:
    """``values`` and the reference line's value: what the value axis must show (a line
    beyond the data would otherwise fall outside the plot, unseen and unsaid)."""
    ref = reference_value(job)
    return values if ref is None else [*values, ref]


def reference_value(job: ChartJob) -> float | None:
    """The reference line's value: a number, or the mean or median of the values the
    chart shows. A missing value is left out, as the alt text and a native chart's
    AVERAGE leave it: counted as 0, a bar chart's 'Average' read $4.7M on the picture
    where its alt text said $5.6M (found by review). :meth:`ChartKind.check` refuses a
    mean or median over several series, which no reader takes for one line."""
    ref = job.spec.reference
    if ref is None:
        return None
    if ref.value not in ("mean", "median"):
        return float(ref.value)
    values = sorted(v for s in job.data.series for v in s.values if v is not None)
    if not values:
        return None
    if ref.value == "mean":
        return sum(values) / len(values)
    mid = len(values) // 2
    return values[mid] if len(values) % 2 else (values[mid - 1] + values[mid]) / 2
