"""Stacked areas: the series stacked from zero across ordered categories (years), so the
top edge is the total; each band named at the right edge, the total above them."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar, Literal

from deckgen.errors import Location, Problem, joined
from deckgen.kinds.charts._areas import (
    AreaKind,
    EndLabel,
    NativeLabel,
    area_colors,
    end_labels,
    limits,
    native_end_labels,
    native_room,
    positions,
    rewrap_inside,
    value_axis,
    x_ticks,
)
from deckgen.kinds.charts._base import rounding_field, word
from deckgen.kinds.charts._trend import change, trends
from deckgen.outline.formats import round_half_up
from deckgen.render.chartkit import at_word, category_words, settle
from deckgen.tables.rounding import Rounding, parts_miss_total, rounded_parts

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from pptx.chart.chart import Chart

    from deckgen.kinds.charts._base import Overlay
    from deckgen.kinds.charts._native import Geometry
    from deckgen.outline.schema import ChartSpec
    from deckgen.render.charts import ChartJob
    from deckgen.tables.select import ChartData


class StackedArea(AreaKind):
    """Parts of a whole over time: bands stacked from zero, the total on top; a missing
    value counts as zero (the band thins to nothing there); the highlight names a series."""

    type: Literal["stacked-area"]
    label: ClassVar[str] = "Stacked area chart"
    aliases: ClassVar[tuple[str, ...]] = ("stacked-areas", "streamgraph")
    stacks: ClassVar[bool] = True

    rounding: Rounding = rounding_field()

    def parts_rounding(self) -> Rounding:
        return self.rounding

    def parts_missed(self, job: ChartJob) -> tuple[str, str] | None:
        """The parts written at the right edge (:func:`_adding_up`, with value labels),
        where they add up to other than the total written above them, or than 100% for
        shares of a whole."""
        from deckgen.render.chartkit import label_place

        (scale, _), decimals = label_place(job)
        ends = [s.values[-1] for s in job.data.series]
        parts = [v / scale for v in ends if v is not None]
        if not job.spec.value_labels or len(parts) < 2:
            return None
        if not parts_miss_total(parts, decimals, rounding=self.rounding):
            return None
        last = f"{at_word(job)} {category_words(job)[-1]}"  # 'on April 1, 2023', 'in 2023'
        return (f"Shares {last}", "100%") if _shares(job) else (f"Parts {last}", "the total")

    def draw(self, fig: Figure, ax: Axes, job: ChartJob) -> None:
        draw_stacked_area(fig, ax, job)

    def describe_data(self, job: ChartJob) -> str:
        """'Coal, gas and wind from 2010 to 2023: the total rose from P to Q; the largest
        part in 2023 is gas, R (44% of the total); Coal fell from ...; ...'. The total's
        change is read as printed (:func:`change`): shares of a whole 'held at 100.0
        percent', and their largest part is given no share of the total, its own value
        rounded another way ('34.7 percent (35% of the total)')."""
        data = job.data
        cats = category_words(job)
        totals = list(_totals(data))
        names = [s.name for s in data.series]
        listed = joined(names)
        q = totals[-1]
        total = change(job, (cats[0], totals[0]), (cats[-1], q), totals, dated=False)
        parts = [f"{listed} from {cats[0]} to {cats[-1]}: the total {total}"]
        # The largest part at the end, of those with a value there (none: no largest).
        last = [(s.name, v) for s in data.series if (v := s.values[-1]) is not None]
        name, value = max(last, key=lambda p: p[1], default=("", None))
        # 'in 2023', but 'on April 1, 2023' ('in April 1, 2023' was read aloud, found in
        # review).
        at = f"{at_word(job)} {cats[-1]}"
        if value is not None and _shares(job):
            parts.append(f"the largest part {at} is {name}, {word(job, value)}")
        elif value is not None and q > 0:
            share = round_half_up(100 * value / q, 0)  # as every printed number rounds
            parts.append(
                f"the largest part {at} is {name}, {word(job, value)} ({share}% of the total)"
            )
        # Each part as the data has it, and where it has no value, said so with how it is
        # drawn: 'App ..., with a low of 0 in August 2024' stated as data a month the data
        # has no value for (found in review); read as gaps the words stepped over, 'wind
        # held from 30 in 2019 to 30 in 2019' while its band fell to nothing (fuzzing).
        return "; ".join(parts + trends(job, data.series, as_zero=True))

    def drawn_unlike_data(self, job: ChartJob) -> list[tuple[str, str]]:
        """A missing value, drawn as zero: the band thins to nothing there and the total
        counts it as 0, which the picture cannot tell from a true zero (the build said
        nothing of it, found in review). Each series with its periods, panel by panel."""
        from deckgen.render.chartkit import category_words

        named: list[str] = []
        panels = job.data.facets or (("", job.data),)
        for panel, data in panels:
            cats = category_words(replace(job, data=data))
            where = f" in the {panel!r} panel" if panel else ""
            for s in data.series:
                missing = [c for c, v in zip(cats, s.values, strict=True) if v is None]
                if missing and len(missing) < len(cats):
                    shown = joined(missing[:3] + ([f"{len(missing) - 3} more"]
                                                  if len(missing) > 3 else []))  # fmt: skip
                    named.append(f"{s.name}{where} has none for {shown}")
        if not named:
            return super().drawn_unlike_data(job)
        message = (f"a stacked area counts a missing value as zero, so a band is drawn at 0 "
                   f"where the data has no value, and the total counts it as 0: "
                   f"{joined(named)}")  # fmt: skip
        fix = ("fill in the values where they are known, or chart the series with "
               "'type: area' or 'type: line', which leave a gap")  # fmt: skip
        return [*super().drawn_unlike_data(job), (message, fix)]

    def check_against(self, frame: pd.DataFrame, where: Location) -> list[Problem]:
        return super().check_against(frame, where) + _negatives(frame, self, where)

    def native_type(self) -> object:
        from pptx.enum.chart import XL_CHART_TYPE

        return XL_CHART_TYPE.AREA_STACKED

    def native_overlays(self, job: ChartJob) -> list[Overlay]:
        # The total, as the picture labels it: a line along the top edge carries its label.
        return [(job.words.total, list(_totals(job.data)))] if _total_written(job) else []

    def build_native(self, chart: Chart, job: ChartJob, geo: Geometry) -> None:
        """Bands in the picture's colours, parted by thin background-coloured lines;
        'Name  value' right of each band's end instead of a key, and the total above them
        (an invisible line overlay, as stacked bars carry theirs)."""
        from pptx.enum.chart import XL_MARKER_STYLE as MARKER
        from pptx.util import Pt

        from deckgen.kinds.charts import _native as nv
        from deckgen.ooxml import chartxml as cx
        from deckgen.ooxml import shapes as sh

        data = job.data
        count = len(data.series)
        fills = area_colors(job)
        totals = _totals(data)
        lo, hi = limits(job, list(totals))
        nv.value_axis(chart, job, lo, hi, show=True)
        cx.points_on_ticks(chart)
        plot = chart.plots[0]
        for k, series in enumerate(list(plot.series)[:count]):  # the total comes after
            nv.fill(series.format, fills[k])
            series.format.line.color.rgb = sh.rgb(job.theme.theme.colors.background)
            series.format.line.width = Pt(0.75)
        wanted = _end_points(job, fills)
        x, y, w, h = native_room(job, geo, wanted, hi)
        cx.plot_area_layout(chart, x, y, w, h)
        nv.category_axis(chart, job, width_pt=w * geo.width_pt)  # as laid out
        last = len(data.categories) - 1
        targets = [
            # A band's label sits halfway up the band by default: where the picture wants it.
            NativeLabel(item, plot.series[k], last, item.y)
            for k, item in enumerate(wanted[:count])
        ]
        if _total_written(job):
            cx.move_to_line_overlay(chart, count)
            overlay = chart.plots[-1].series[0]
            overlay.format.line.fill.background()
            overlay.marker.style = MARKER.NONE
            targets.append(NativeLabel(wanted[-1], overlay, last, totals[-1], beside=True))
        native_end_labels(job, geo, (y, y + h, lo, hi), targets)


def _totals(data: ChartData) -> tuple[float, ...]:
    """Each category's stack height (a missing value counts as zero)."""
    return tuple(sum(s.values[i] or 0.0 for s in data.series) for i in range(len(data.categories)))


def _shares(job: ChartJob) -> bool:
    """Whether the bands are shares of a whole: a percent format whose every total prints
    as 100%."""
    return job.spec.format.style == "percent" and all(
        word(job, t) == word(job, 100.0) for t in _totals(job.data)
    )


def _total_written(job: ChartJob) -> bool:
    """Whether the total is written above the bands: with value labels, unless the bands are
    shares of a whole (:func:`_shares`), whose total the axis's top says already. On an
    x-post card 'Total 100.0%' outranked every band but the story: its line pushed the
    labels to a wider room, the plot kept 40% of the chart's width, and on an og card two
    of four bands went unnamed (found by review)."""
    return job.spec.value_labels and not _shares(job)


def _end_points(job: ChartJob, fills: list[str]) -> list[EndLabel]:
    """A label per band at the right edge, level with the band's middle, then the total
    level with the top edge (when values are labelled). The bands' values are written
    rounded so that they add up to the total written above them (largest remainder, at
    the labels' place): 320 + 59 + 30 + 51 + 22 + 1 read 483 under 'Total 482' (found by
    review); with ``rounding: each``, each on its own (the total is the true total
    rounded). Shares of a whole are written to add up to 100 with no total
    (:func:`_total_written`), or each on its own."""
    x = positions(job)[-1]
    base = 0.0
    out = []
    ends = [s.values[-1] for s in job.data.series]  # missing: drawn as zero, no '0' written
    written = _adding_up(job, ends) if job.spec.value_labels else ends
    below = [0.0] * len(job.data.categories)
    for k, s in enumerate(job.data.series):
        value = ends[k]
        bold = s.name in job.spec.highlight
        height = value or 0.0
        above = [b + (v or 0.0) for b, v in zip(below, s.values, strict=True)]
        out.append(EndLabel(s.name, written[k], x, base + height / 2, fills[k], bold,
                            3 if bold else 12, band=(tuple(below), tuple(above))))  # fmt: skip
        base += height
        below = above
    if _total_written(job):
        out.append(EndLabel(job.words.total, base, x, base, job.theme.theme.colors.text,
                            priority=2, series=False))  # fmt: skip
    return out


def _adding_up(job: ChartJob, values: list[float | None]) -> list[float | None]:
    """``values`` rounded at the place the labels write them, so that the written ones add
    up to their written total, or each on its own, as the chart's ``rounding`` says
    (:func:`~deckgen.tables.rounding.rounded_parts`); a highlighted band's last, as a
    ring's highlighted slice (it is the story: the bus's 4,063,175 journeys read 4.0M,
    giving up the unit a thin ferry band kept, found in review)."""
    from deckgen.render.chartkit import label_place

    (scale, _), decimals = label_place(job)
    present = [k for k, v in enumerate(values) if v is not None]
    parts = [float(values[k] or 0.0) / scale for k in present]
    keep = [i for i, k in enumerate(present) if job.data.series[k].name in job.spec.highlight]
    rounded = rounded_parts(parts, decimals, rounding=job.spec.parts_rounding(), keep=keep)
    out = list(values)
    for k, value in zip(present, rounded, strict=True):
        out[k] = value * scale
    return out


def _negatives(frame: pd.DataFrame, spec: ChartSpec, where: Location) -> list[Problem]:
    """A negative part is an error naming its row: stacked areas of mixed sign mislead (a
    negative band folds down into the bands below it and the top edge stops being the
    total). One problem per column, at its first such row."""
    from deckgen.tables.select import select_rows, to_number

    rows, _ = select_rows(frame, spec, where)
    origin = frame.attrs.get("origin")
    problems = []
    for k, column in enumerate(spec.y_columns):
        if column not in rows.columns:
            continue  # reported by the selection
        found = []
        for position, row in rows.iterrows():
            try:
                value = to_number(row[column])
            except ValueError:
                continue  # not a number: reported by the selection
            if value is not None and value * spec.scale < 0:
                found.append((int(position), row[spec.x] if spec.x in rows else position, value))
        if not found:
            continue
        position, key, value = found[0]
        cell = origin.cell(position, column) if origin is not None else None
        at = f" ({cell.file}:{cell.line})" if cell is not None and cell.line else ""
        rest = len(found) - 1
        more = f", and {rest} more row{'s' if rest > 1 else ''} below zero" if rest else ""
        field = "y" if isinstance(spec.y, str) else f"y[{k}]"
        problems.append(
            Problem(
                Location(where.file, where.line, f"{where.field}.{field}"),
                f"a stacked area shows parts of a whole, so no part may be below zero; row "
                f"{key}{at} has {column} = {value:g}{more}",
                "stacked areas of mixed sign mislead: a negative band folds down into the "
                "others and the top edge is no longer the total; use type: area (each series "
                "from zero) or line",
            )
        )
    return problems


def draw_stacked_area(fig: Figure, ax: Axes, job: ChartJob) -> None:
    """Bands stacked from zero in series order (the first at the bottom), parted by thin
    background-coloured lines; names, last values and the total at the right edge."""
    data = job.data
    xs = positions(job)
    fills = area_colors(job)
    background = job.theme.theme.colors.background
    base = [0.0] * len(xs)
    for k, s in enumerate(data.series):
        top = [b + (v or 0.0) for b, v in zip(base, s.values, strict=True)]
        ax.fill_between(xs, base, top, color=fills[k], linewidth=0, zorder=2)
        if k < len(data.series) - 1:
            ax.plot(xs, top, color=background, linewidth=1.0 * job.canvas.scale, zorder=3)
        base = top
    x_ticks(ax, job)
    value_axis(ax, job, *limits(job, list(_totals(data))))
    settle(fig)
    end_labels(ax, job, _end_points(job, fills), "band")
    # The end labels narrowed the plot: tick it for its final width (on a card, eight
    # seasons' labels ticked for the plot before it were left a few points apart).
    settle(fig)
    x_ticks(ax, job)
    rewrap_inside(ax, job)
