"""Shares of a total: a donut, labelled outside in two columns with leader lines."""

from __future__ import annotations

import math
import re
from decimal import Decimal
from typing import TYPE_CHECKING, ClassVar, Literal, NamedTuple
from weakref import WeakKeyDictionary

from deckgen.errors import Location, Problem, joined
from deckgen.kinds.charts._base import ChartKind, rounding_field, word
from deckgen.layout.text import SLIDE
from deckgen.layout.units import Pt as Points
from deckgen.render.chartkit import (
    axes_points,
    category_labels,
    category_words,
    clearance_at,
    clearance_pt,
    drawn_height,
    figure_of,
    fmt,
    heights_pt,
    label_place,
    label_size,
    name_value,
    settle,
    shortening,
    spread,
    text_width_pt,
    tint,
    written_values,
)
from deckgen.render.labels import attach, mark
from deckgen.search import threshold
from deckgen.tables.rounding import Rounding, parts_miss_total, rounded_parts

if TYPE_CHECKING:
    from collections.abc import Sequence

    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.text import Text
    from pptx.chart.chart import Chart

    from deckgen.kinds.charts._native import Geometry
    from deckgen.layout.geometry import Rect
    from deckgen.outline.formats import NumberFormat
    from deckgen.render.charts import ChartJob
    from deckgen.tables.select import ChartData


class Donut(ChartKind):
    """A ring of shares of one series' total, the total in the hole."""

    type: Literal["donut"]
    parts_named_once: ClassVar[bool] = True
    ranks_categories: ClassVar[bool] = True
    label: ClassVar[str] = "Donut chart"
    aliases: ClassVar[tuple[str, ...]] = ("pie", "doughnut", "ring")
    single_series: ClassVar[bool] = True
    takes_reference: ClassVar[bool] = False
    takes_annotations: ClassVar[bool] = False
    has_value_axis: ClassVar[bool] = False
    #: 12 pt "name value share" labels in two columns beside a ~5 in ring; past a dozen
    #: slices the smallest are slivers no reader can compare.
    max_categories: ClassVar[int | None] = 12

    rounding: Rounding = rounding_field()

    def parts_rounding(self) -> Rounding:
        return self.rounding

    def select_data(self, frame: pd.DataFrame, where: Location) -> ChartData:
        """The rows shown, and with ``top:`` the rest as one slice, 'Other (11)' (in the
        deck's words): the slices are shares of the whole. Five of sixteen states were
        called the total and their shares of it '39% of the total', 37.3% of the whole,
        with the eleven left out said nowhere (found by fuzzing)."""
        from collections import Counter
        from dataclasses import replace

        from deckgen.outline.words import current_chart_words
        from deckgen.tables.select import Series, chart_data

        data = super().select_data(frame, where)
        if self.top is None:
            return data
        every = chart_data(frame, self.model_copy(update={"top": None}), where)
        shown = Counter(data.categories)
        rest: list[float] = []
        for name, value in zip(every.categories, every.series[0].values, strict=True):
            if shown[name] > 0:
                shown[name] -= 1
            elif value is not None:
                rest.append(value)
        left = len(every.categories) - len(data.categories)
        if not left or not any(rest):
            return data
        other = f"{current_chart_words().other} ({left})"
        series = data.series[0]
        return replace(data, categories=(*data.categories, other), x_dates=None,
                       series=(Series(series.name, (*series.values, sum(rest))),))  # fmt: skip

    def parts_missed(self, job: ChartJob) -> tuple[str, str] | None:
        """The shares, as the labels print them (:func:`_shares`, :func:`_percents`), where
        they add up to other than 100%."""
        decimals = label_place(job)[1] if _given_as_shares(job.spec.format) else 0
        return ("Shares", "100%") if self._shares_miss(_slices(job), decimals) else None

    def _shares_miss(self, values: list[float], decimals: int) -> bool:
        """Whether the shares of these slices, printed at ``decimals`` where the values are
        percentages already and in whole percents where they are worked out, miss 100."""
        total = sum(values)
        if _given_as_shares(self.format):
            return parts_miss_total(values, decimals, rounding=self.rounding)
        if total <= 0:
            return False
        return parts_miss_total([100 * v / total for v in values], rounding=self.rounding)

    def draw(self, fig: Figure, ax: Axes, job: ChartJob) -> None:
        draw_donut(fig, ax, job)

    def describe_data(self, job: ChartJob) -> str:
        """Each slice as its label says it, then the categories with no value: the picture
        leaves them out, and a reader was told '– (0% of the total)', a dash and a share
        of a slice that is not there (found by fuzzing)."""
        categories, values = category_words(job), job.data.series[0].values
        details = _details(job, _slices(job), words=True)
        said = [f"{c} {d}" for c, v, d in zip(categories, values, details, strict=True)
                if not _missing(v)]  # fmt: skip
        gaps = [c for c, v in zip(categories, values, strict=True) if _missing(v)]
        if not gaps:
            return "; ".join(said)
        one = len(gaps) == 1
        left_out = (f"{joined(gaps)} {'has' if one else 'have'} no value and "
                    f"{'is' if one else 'are'} not shown")  # fmt: skip
        return f"{'; '.join(said)}. {left_out}" if said else left_out

    def check(self, data: ChartData, where: Location) -> list[Problem]:
        """A slice is a share of a positive total: a negative value has no slice (dropping
        it would change the total without a word), a total of zero has no shares, and
        percentages (a percent format), written as the slices' shares, add up to 100."""
        problems = super().check(data, where)
        values = data.series[0].values if data.series else ()
        at = Location(where.file, where.line, f"{where.field}.y")
        negative = [(c, v) for c, v in zip(data.categories, values, strict=True)
                    if v is not None and -math.inf < v < 0]  # fmt: skip
        if len(data.categories) == 1 and values and values[0] is not None and values[0] > 0:
            # One slice is the whole ring: 62% agree was drawn as 'All adults 62 (100%)'
            # (found in review).
            problems.append(Problem(
                at,
                f"a donut shows the parts of a whole, and this one has one part, "
                f"{data.categories[0]!r} ({values[0]:g}), which it would draw as the whole "
                "ring, 100%",
                "give it a row per part (each answer, each source), or, where the parts are "
                "columns of one row, 'transpose: true' with the parts' columns as 'y: [...]'; "
                "one number alone reads as a stat (kind: stats)",
            ))  # fmt: skip
        elif negative:
            shown = ", ".join(f"{c} = {v:g}" for c, v in negative[:3])
            more = f" and {len(negative) - 3} more" if len(negative) > 3 else ""
            problems.append(
                Problem(
                    at,
                    f"a donut shows shares of a total, so every slice must be zero or more; "
                    f"found {shown}{more}",
                    "show gains and losses with type: bar or waterfall, or filter those rows out",
                )
            )
        elif values and all(v is None or v == 0 for v in values):
            problems.append(
                Problem(
                    at,
                    f"a donut shows shares of a total, but every value of {data.series[0].name!r} "
                    "is zero or missing, so there is nothing to share",
                    "check the column and filter: (the rows may be for another period), or show "
                    "the values as text",
                )
            )
        elif _given_as_shares(self.format) and (off := _off_hundred(values)) is not None:
            # Each label is then its value alone ('46.5%'): on a ring of values adding up to
            # 85 it would print 46.5% on a slice of 55% (the slices are shares of the sum).
            gaps = [c for c, v in zip(data.categories, values, strict=True) if _missing(v)]
            without = ""
            if gaps:  # a missing slice is often the rest that would make 100
                without = f" ({joined(gaps)} {'has' if len(gaps) == 1 else 'have'} no value)"
            total = f"{off:g}%"
            fix = (
                "add the rest as a row of its own ('Other'); values that are not parts of one "
                "whole (answers that can be chosen together) read better as bars (type: bar); "
                "values that are not percentages take a plain or compact format (the donut "
                "then writes each slice's share beside its value)"
            )
            if self.scale == 1 and _off_whole(values, 1.0) is None:
                # Fractions of one (0.433 for 43.3%), as a survey export or pandas writes
                # them, add up to 1: every fix was offered but this one (found in review).
                example = next(v for v in values if v is not None and v > 0)
                name = self.y_columns[0] if self.y_columns else data.series[0].name
                from deckgen.tables.expr import percent_step

                total = f"{off:g}, as fractions of one do"
                fix = (
                    f"the values look like fractions ({example:g} for "
                    f"{self.format.format(example * 100)}): add 'scale: 100' to the chart, or "
                    f"make them percent in a derived table's step '{percent_step(name)}'"
                )
            problems.append(
                Problem(
                    at,
                    f"a donut in a percent format ({self.format}) writes each value as the "
                    "slice's share, so the values must add up to 100%; those of "
                    f"{data.series[0].name!r} add up to {total}{without}",
                    fix,
                )
            )
        return problems

    @classmethod
    def label_values(cls, data: ChartData) -> list[float | None]:
        """The slices, read together in one unit (the total in the hole is written on its
        own, :func:`_total_text`: 1,000 in the hole must not turn 900 and 97 into 0.9K and
        0.1K)."""
        return [max(v or 0.0, 0.0) for v in data.series[0].values]

    def printed_values(self, job: ChartJob) -> list[float]:
        """The slices, the total in the hole and each slice's share: a title's '63%' is a
        share the labels print, which :meth:`ChartKind.printed_values` did not know."""
        values = _slices(job)
        total = sum(values)
        if total <= 0 or _given_as_shares(job.spec.format):
            return super().printed_values(job)
        # The share as computed and as printed (three thirds print 34%, 33%, 33%, or with
        # `rounding: each` 33% each).
        shares = [100 * v / total for v in values]
        printed = [float(s.rstrip("%")) for s in _shares(job, values) if s[:1].isdigit()]
        return [*super().printed_values(job), total, *shares, *printed]

    def card_height(self, data: ChartData) -> int:
        """The ring and its labels, and the note under them where the shares miss 100%
        (:func:`_note_text`: its line taken from the ring's height left the sample's ring
        too small for 'Total' in its hole): two lines of chart text and the gap above them
        at a card's (32 px at 1080 wide)."""
        values = [max(v or 0.0, 0.0) for v in data.series[0].values] if data.series else []
        missed = self.value_labels and self._shares_miss(values, self.format.decimals)
        return 500 + (96 if missed else 0)

    def card_fill(self, job: ChartJob) -> float:
        """Down to the lowest of the ring and its labels, laid out as :func:`draw_donut`
        lays them out, with each label as tall as matplotlib draws it, or as the text
        fitter sets its lines where that is taller (:func:`_label_height`: the cut stays
        under the ink), and no figure drawn (planning loads no matplotlib). The ring is as
        large as its labels' width leaves it, centred, and its labels gather by their
        slices: in a deep box, an infographic's default, it left 200 px empty under them
        (found in review)."""
        whole = job.canvas.height.pt
        if not _labels(job):
            return whole
        height, ring, sides = _card_sides(job)
        radius = ring.radius
        lowest = 1.0  # the ring's bottom, in radii under its centre
        top = height / 2 / radius
        for mids, sizes in sides:
            wanted = [_ELBOW * math.sin(mid) for mid in mids]
            placed = spread(wanted, sizes, -top, top, clearance_at(job.canvas.dpi) / radius)
            lowest = max([lowest, *(h / 2 - y for y, h in zip(placed, sizes, strict=True))])
        note = _note_lines(job, job.canvas.width.pt - _MARGIN)
        centre = _MARGIN / 2 + height / 2  # the ring's, in points from the top
        # The note under them as drawn: its lines may be taller than the room kept for them.
        under = _note_gap(job) + _label_height(job, len(note)) if note else 0.0
        return min(centre + lowest * radius + under + _MARGIN / 4, whole)

    def card_shown(self, job: ChartJob) -> int:
        """The slices whose labels the card draws, with their names whole. Beside a wide
        title column the labels had a narrow strip and every long name was cut to its first
        letters; under the title, with the width, they are whole (found by fuzzing). And on
        a short card the labels of one side outgrew its height and the collision pass
        dropped them: counted as drawn, such a layout shows fewer (found in review)."""
        kept = _card_drawn(job)
        return sum(i in kept and ("…" in name or "…" not in kept[i])
                   for i, (name, _, _) in _labels(job).items())  # fmt: skip

    def card_unnamed(self, job: ChartJob) -> list[str]:
        """The slices the card's picture ``job`` draws without their label (no room for it
        beside the others): a ring of shares cannot leave a slice out as a ranking leaves
        out its last rows, so a card refuses the preset rather than post an unnamed slice
        (:meth:`ChartCard._chart <deckgen.kinds.cards.chart.ChartCard._chart>`)."""
        if not _may_leave_unnamed(job):
            return []
        kept = _card_drawn(job)
        return [name for i, (name, _, _) in _labels(job).items() if i not in kept]

    def card_area(self, job: ChartJob, box: Rect) -> float:
        # The ring's: a wide, short box under the title drew it a thumbnail beside its
        # labels, where the box beside the title had room for a larger one (fuzzing).
        radius = _card_ring(job).radius
        return radius * radius

    def native_type(self) -> object:
        from pptx.enum.chart import XL_CHART_TYPE

        return XL_CHART_TYPE.DOUGHNUT

    def build_native(self, chart: Chart, job: ChartJob, geo: Geometry) -> None:
        """A ring of shares: the highlight against muted tints; 'Name  value (share)' beside
        the ring in two columns (right half, left half), spread apart; the total in the hole.
        The ring and the labels take the picture's sizes (:func:`_ring`), so every label
        stays inside the chart."""
        from pptx.enum.text import PP_ALIGN
        from pptx.util import Pt

        from deckgen.kinds.charts import _native as nv
        from deckgen.ooxml import chartxml as cx
        from deckgen.ooxml import shapes as sh

        colors = job.theme.theme.colors
        values = _slices(job)
        total = sum(values)
        plot = chart.plots[0]
        plot.vary_by_categories = True
        series = plot.series[0]
        fills = _fills(job)
        for i, colour in enumerate(fills):
            point = series.points[i]
            nv.fill(point.format, colour)
            point.format.line.color.rgb = sh.rgb(colors.background)
            point.format.line.width = Pt(1.5)
        hole = job.theme.theme.chart.hole
        cx.set_hole_size(chart, round(hole * 100))
        cx.set_first_slice_angle(chart, 0)
        # A square plot in the middle, as large as the picture's ring. The ring was as tall
        # as the chart whatever its labels, and a long one then reached past the chart's
        # edge: LibreOffice moves such a label back inside but ends its leader where the
        # label was, through its text ('(17%)' struck through; found by fuzzing).
        w, h = geo.width_pt, geo.height_pt
        room = _note_room(job, _note_lines(job, w - _MARGIN))  # under the ring and labels
        _native_note(job, geo, room)
        h -= room
        ring = _ring(job, w - _MARGIN, h - _MARGIN)
        radius, centre = ring.radius, w / 2 + ring.shift
        top = h / 2 - radius  # h is the ring's part of the chart's height
        cx.plot_area_layout(
            chart, (centre - radius) / w, top / (h + room), 2 * radius / w, 2 * radius / (h + room)
        )
        if not _given_as_shares(job.spec.format):
            _donut_total(job, geo, total, hole * radius, ring.shift, room)
        if not job.spec.value_labels or total <= 0:
            return
        mid_r = radius * (1 + hole) / 2
        sides: dict[bool, list[tuple[int, float]]] = {True: [], False: []}
        for i, mid in _mids(job):
            sides[_on_right(mid)].append((i, mid))
        labels_of = _labels(job)
        for right, members in sides.items():
            # Wrapped as the picture wraps them, to the room beside the ring.
            texts = [name_value(job, labels_of[i][0], labels_of[i][1], ring.room(right),
                                bold=labels_of[i][2]) for i, _ in members]  # fmt: skip
            heights = [nv.text_h(job) * (1 + text.count("\n")) for text in texts]
            wanted = [h / 2 - _ELBOW * radius * math.sin(mid) for _, mid in members]
            placed = spread(wanted, heights, 0.0, h, 2.0)
            for (i, mid), text, y in zip(members, texts, placed, strict=True):
                bold = labels_of[i][2]
                label = nv.point_label(series, i, job, colors.text, bold=bold)
                # The label's own text, as the picture writes it: one number format cannot
                # hold both the value and its share ('$89.9B (63%)'), so no fields.
                label.text_frame.text = text
                for paragraph in label.text_frame.paragraphs:
                    if "\n" in text:  # lines start (end) at the leader, as on the picture
                        paragraph.alignment = PP_ALIGN.LEFT if right else PP_ALIGN.RIGHT
                    for run in paragraph.runs:
                        nv.font(run.font, job, colors.text, bold=bold)
                cx.no_wrap(label._dLbl)
                # The label's default place is the ring's middle at the slice's mid-angle;
                # move its centre to a column just outside the ring.
                half = nv.text_w(job, text, bold) / 2
                x = centre + (_LABEL_X * radius + half) * (1 if right else -1)
                dx = x - (centre + mid_r * math.cos(mid))
                dy = y - (h / 2 - mid_r * math.sin(mid))
                cx.label_offset(label._dLbl, dx / w, dy / h)


#: Where labels start, in radii from the centre (the leader line bridges the gap).
_LABEL_X = 1.2
#: Where a leader bends, in radii.
_ELBOW = 1.08
#: The picture's margin around its plot, both sides together, in points (0.04 in a side).
_MARGIN = 2 * 0.04 * 72


def _fills(job: ChartJob) -> list[str]:
    """The highlight for highlighted slices, alternating neutral tints for the rest; the
    categorical set when nothing is highlighted."""
    colors = job.theme.theme.colors
    categories = job.data.categories
    highlighted = set(job.spec.highlight) & set(categories)
    if not highlighted:
        palette = colors.categorical
        fills = [palette[i % len(palette)] for i in range(len(categories))]
        if categories and re.fullmatch(rf"{re.escape(job.words.other)} \(\d+\)", categories[-1]):
            fills[-1] = colors.neutral  # the rest 'top:' leaves out: no colour of its own
        return fills
    out, k = [], 0
    for category in categories:
        if category in highlighted:
            out.append(colors.highlight)
        else:
            out.append(tint(job, colors.neutral, 0.35 if k % 2 else 0.0))
            k += 1
    return out


def _total_text(job: ChartJob, total: float, *, words: bool = False) -> str:
    """The total in the hole, a number on its own (as a template writes it): in its own
    unit, not the slices' shared one, so slices read in K still total '2.3M' (never
    '2,313.3K'), and without a compact number's trailing zeros ('1M'). Where the slices'
    labels, in that unit, take more decimals than it would (so a small one does not read
    0), it takes theirs, the fewest any slice's label has, and keeps them, so the labels
    add up to it: slices '0.4' and '10.0' ringed a hole reading '10' at ``plain:0``
    (found by fuzzing)."""
    number = job.spec.format
    unit, places = number.own_place(total)
    if job.spec.value_labels:
        labels = written_values(type(job.spec), job.whole or job.data)
        said = [number.place_of(labels, v) for v in _slices(job) if v > 0]
        if said and all(own == unit for own, _ in said):
            decimals = min(d for _, d in said)
            if decimals > places:
                return number.write_in(total, unit, decimals, words=words)
    return number.format(total, words=words)


def _slices(job: ChartJob) -> list[float]:
    """Each category's slice: its value, 0 for a missing one (no slice is drawn)."""
    return [max(v or 0.0, 0.0) for v in job.data.series[0].values]


def _missing(value: float | None) -> bool:
    """A missing value ('-', an empty cell: None; NaN is refused before drawing)."""
    return value is None


def _given_as_shares(number: NumberFormat) -> bool:
    """Whether a chart in format ``number`` shows percentages of the whole already (a percent
    format): each label then writes its value once (it is the share), the values must add up
    to 100, and the hole, whose total would be 100%, stays empty."""
    return number.style == "percent"


def _off_hundred(values: Sequence[float | None]) -> float | None:
    """The sum of percentages that should add up to 100, when no rounding of them explains
    the difference (half a unit of each value's last decimal: 33, 33, 33 may be thirds,
    33, 33, 32 not); None when they add up."""
    return _off_whole(values, 100.0)


def _off_whole(values: Sequence[float | None], whole: float) -> float | None:
    """The sum of ``values``, when no rounding of them explains its difference from
    ``whole`` (see :func:`_off_hundred`; 1 for fractions of one: 0.33, 0.33, 0.33 may be
    thirds); None when they add up to it."""
    # Not finite: refused on its own (ChartKind.check).
    present = [v for v in values if v is not None and math.isfinite(v)]
    total = sum(present)
    slack = sum(0.5 * 10.0 ** -_places(v) for v in present)
    return None if abs(total - whole) <= slack + 1e-9 else total


def _places(value: float) -> int:
    """The decimals ``value`` is written with (its shortest text; 46.0 has none), at most
    six, as many as a label writes."""
    exponent = Decimal(repr(float(value))).normalize().as_tuple().exponent
    return min(max(-int(exponent), 0), 6)


def _details(job: ChartJob, values: list[float], *, words: bool = False) -> list[str]:
    """What each slice's label writes after its name: its value and its share, '$89.9B
    (63%)' ('89.9 billion dollars (63% of the total)' in words); a value that is a share
    already, once ('46.5%'), where it was written twice and rounded two ways ('46.5% (47%)':
    found by fuzzing)."""
    if _given_as_shares(job.spec.format):
        return _percents(job, values, words=words)
    shares = _shares(job, values)
    if words:
        return [f"{word(job, v)} ({share} of the total)"
                for v, share in zip(values, shares, strict=True)]  # fmt: skip
    return [f"{fmt(job, v)} ({share})" for v, share in zip(values, shares, strict=True)]


def _percents(job: ChartJob, values: list[float], *, words: bool = False) -> list[str]:
    """Values that are percentages of the whole, as the chart writes its labels (one
    precision), rounded as the chart's ``rounding`` says (:func:`_shares`): so that they add
    up to their rounded total, 100%, 33.3 three times at ``percent:0`` reading 34%, 33%,
    33%; or each on its own, 33% three times. A slice that rounding leaves at zero is
    '<1%'."""
    _, decimals = label_place(job)
    rounded = rounded_parts(values, decimals, rounding=job.spec.parts_rounding(),
                            keep=_kept(job))  # fmt: skip
    under = ("less than " if words else "<") + fmt(job, 10.0**-decimals, words=words)
    return [under if v > 0 and r == 0 else fmt(job, r, words=words)
            for v, r in zip(values, rounded, strict=True)]  # fmt: skip


def _shares(job: ChartJob, values: list[float]) -> list[str]:
    """Each value's share of their total as printed, in whole percents, and '<1%' for a
    slice too small to round to one. By default (``rounding: total``) rounded so that they
    add up to 100% (largest remainder: three equal thirds are 34%, 33%, 33%), a highlighted
    slice's as a title would round it where another can give or take the unit, equal
    slices' alike where others can (two slices of 4 in 650 read '1%' and '<1%'). With
    ``rounding: each`` each on its own, as newsrooms print shares, whatever they add up to:
    $3.6B of $143.2B, 2.51%, is 3%, where the total's rounding printed 2%."""
    total = sum(values)
    if total <= 0:
        return ["0%"] * len(values)
    rounded = rounded_parts([100 * v / total for v in values],
                            rounding=job.spec.parts_rounding(), keep=_kept(job))  # fmt: skip
    return [
        "<1%" if v > 0 and share == 0 else f"{share:.0f}%"
        for v, share in zip(values, rounded, strict=True)
    ]


def _kept(job: ChartJob) -> list[int]:
    """The highlighted slices, whose shares a title states: rounded to the total, each
    keeps its own rounding where another slice can give or take the unit."""
    highlighted = set(job.spec.highlight)
    return [i for i, c in enumerate(job.data.categories) if c in highlighted]


def draw_donut(fig: Figure, ax: Axes, job: ChartJob) -> None:
    from matplotlib.patches import Wedge

    colors = job.theme.theme.colors
    categories = category_labels(job)  # as drawn: a date as its period reads ('Jan 2023')
    total = sum(_slices(job))
    fills = _fills(job)
    hole = job.theme.theme.chart.hole
    ax.set_axis_off()
    ax.set_xticks([])  # no tick labels kept out of sight (the collision pass sees them)
    ax.set_yticks([])

    # Slices clockwise from twelve o'clock, in data order.
    slices: list[tuple[int, float]] = []  # (category index, mid-angle in radians)
    for i, start, end, mid in _arcs(job):
        slices.append((i, mid))
        if start == end:
            continue  # a value of 0: its label alone says where it would be
        wedge = Wedge(
            (0, 0), 1.0, start, end, width=1 - hole, facecolor=fills[i],
            edgecolor=colors.background, linewidth=1.5 * job.canvas.scale,
        )  # fmt: skip
        ax.add_patch(wedge)

    settle(fig)  # nothing is drawn outside the axes: they fill the canvas
    x0, y0, x1, y1 = axes_points(ax)
    width, height = x1 - x0, y1 - y0
    labels_of = _labels(job)
    details = {i: labels_of[i][1] for i, _ in slices}
    bold = {i: labels_of[i][2] for i, _ in slices}
    note = _note_lines(job, width)  # under the ring and its labels, in the room it keeps
    room = _note_room(job, note)
    height -= room
    ring = _ring(job, width, height)
    radius = ring.radius
    ax.set_xlim((-width / 2 - ring.shift) / radius, (width / 2 - ring.shift) / radius)
    ax.set_ylim((-height / 2 - room) / radius, height / 2 / radius)
    ax.set_aspect("equal", adjustable="box")
    if not job.spec.value_labels:
        return

    if not _given_as_shares(job.spec.format):
        _centre(ax, job, total, hole * radius)
    top = height / 2 / radius
    drawn = _DRAWN.setdefault(fig, {})
    lowest = 1.0  # the ring's bottom, in radii under its centre
    for right in (True, False):
        side = [(i, mid) for i, mid in slices if _on_right(mid) == right]
        labels = [
            _label(ax, job, name_value(job, categories[i], details[i], ring.room(right),
                                       bold=bold[i]),
                   right, bold=bold[i], missed=_missed(categories[i], details[i]))
            for i, _ in side
        ]  # fmt: skip
        drawn.update((i, label) for (i, _), label in zip(side, labels, strict=True))
        sizes = [h / radius for h in heights_pt(labels)]
        wanted = [_ELBOW * math.sin(mid) for _, mid in side]
        placed = spread(wanted, sizes, -top, top, clearance_pt(fig) / radius)
        for label, y in zip(labels, placed, strict=True):
            label.set_y(y)
        lowest = max([lowest, *(h / 2 - y for y, h in zip(placed, sizes, strict=True))])
        leaders = _leaders(ax, job, [mid for _, mid in side], placed, right)
        # A label the collision pass drops takes its leader with it: a short card's labels
        # outgrew their side and the dropped ones' leaders ran to the top edge, to no label
        # (found in review).
        for label, leader in zip(labels, leaders, strict=True):
            attach(label, leader)
    if room:
        left = (-width / 2 - ring.shift) / radius
        _note(ax, job, note, left, -lowest - _note_gap(job) / radius)


#: Each picture's slice labels by category index, as drawn (the collision pass removes
#: the ones with no room): what a card counts (:func:`_card_drawn`).
_DRAWN: WeakKeyDictionary[Figure, dict[int, Text]] = WeakKeyDictionary()


def _missed(name: str, detail: str) -> str:
    """What the build says when a slice's label finds no room (see :func:`mark`)."""
    return (f"the slice {name!r} ({detail}) is not named, for lack of room beside the other "
            "labels; give the chart more room (a taller card or a larger box), or merge the "
            "smallest slices into one row ('Other')")  # fmt: skip


def _label_height(job: ChartJob, lines: int, *, bold: bool = False) -> float:
    """How tall a label (or the note) of ``lines`` lines in the chart's text is drawn, in
    points, without drawing it: matplotlib's height from the font file
    (:func:`~deckgen.render.chartkit.drawn_height`), or the text fitter's block where that
    is taller. Taken from the text fitter alone, a line was a hair taller than
    matplotlib's in Lato and Source Sans Pro, but in Roboto (the contrast theme), whose
    typographic ascender and descender matplotlib sets its lines by, 27.6 pt to its 31.0:
    an x-post card cut its ring's picture through its lowest label, 'Conservative  121
    (19%)', which every check had seen whole on the picture uncut (found in review)."""
    font = job.theme.body.file(bold)
    size = label_size(job)
    fitted = SLIDE.block_height(font, Points(size), lines).pt
    return max(fitted, drawn_height(str(font), size, lines))


def _card_sides(job: ChartJob) -> tuple[float, Ring, list[tuple[list[float], list[float]]]]:
    """A card's picture laid out as :func:`draw_donut` lays it out, no figure drawn
    (planning loads no matplotlib): the height the ring and its labels share (points),
    the ring, and for each side with labels (when the chart has value labels) its slices'
    mid-angles and its labels' heights in radii, each as tall as matplotlib draws it or
    as the text fitter sets its lines where that is taller (:func:`_label_height`)."""
    labels = _labels(job)
    width = job.canvas.width.pt - _MARGIN
    height = job.canvas.height.pt - _MARGIN - _note_room(job, _note_lines(job, width))
    ring = _ring(job, width, height)
    sides = []
    for right in (True, False) if job.spec.value_labels else ():
        side = [(i, mid) for i, mid in _mids(job) if _on_right(mid) == right]
        sizes = []
        for i, _ in side:
            name, detail, bold = labels[i]
            text = name_value(job, name, detail, ring.room(right), bold=bold)
            sizes.append(_label_height(job, text.count("\n") + 1, bold=bold) / ring.radius)
        sides.append(([mid for _, mid in side], sizes))
    return height, ring, sides


def _may_leave_unnamed(job: ChartJob) -> bool:
    """Whether the card's picture ``job`` may have no room beside the ring for a slice's
    label, by an estimate that draws nothing (:meth:`Donut.card_unnamed`): unless each
    side's labels, stacked with the gaps the collision pass keeps, fill at most four
    fifths of the height. Drawn for every infographic section it is planned in, the
    sample's ring loaded matplotlib into the build's process (~0.3 s before the first
    picture) to find every slice named."""
    height, ring, sides = _card_sides(job)
    gap = clearance_at(job.canvas.dpi)
    if any(sum(sizes) * ring.radius + gap * len(sizes) > 0.8 * height for _, sizes in sides):
        return True
    # A label wider than its side even at the smallest ring (:func:`_ring`) runs off.
    labels = _labels(job)
    return job.spec.value_labels and any(
        _wider(job, name_value(job, name, detail, ring.room(_on_right(mid)), bold=bold),
               ring.room(_on_right(mid)), bold=bold)
        for i, mid in _mids(job) for name, detail, bold in [labels[i]]
    )  # fmt: skip


def _card_drawn(job: ChartJob) -> dict[int, str]:
    """The text of each slice label the picture ``job`` keeps, by category index: the
    figure laid out and its collision pass run, as the card will draw it (a trial: what it
    shortens or leaves out is not said for it), and above where the card cuts the picture
    (:meth:`Donut.card_fill`): counted on the picture uncut, a label the cut went through
    was counted as named (found in review)."""
    from deckgen.render.chartkit import leaving_out, shortening
    from deckgen.render.style import chart_style

    cut = job.spec.card_fill(job) * job.canvas.dpi / 72  # pixels from the picture's top
    with chart_style(job.theme, job.canvas), shortening(), leaving_out():
        fig = job.figure()
        renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
        top = fig.bbox.y1
        return {i: label.get_text() for i, label in _DRAWN.get(fig, {}).items()
                if label.axes is not None
                and top - label.get_window_extent(renderer).y0 <= cut + 0.5}  # fmt: skip


def _on_right(mid: float) -> bool:
    """Whether a slice whose mid-angle is ``mid`` (radians) has its label on the right; one
    pointing straight down (cos 0, give or take rounding) goes right."""
    return math.cos(mid) >= -1e-9


def _arcs(job: ChartJob) -> list[tuple[int, float, float, float]]:
    """Each slice drawn, clockwise from twelve o'clock in data order: its category index,
    the angles its wedge runs from and to (degrees, as matplotlib counts them), and its
    mid-angle in radians, where its label points. A missing value has none; a value of 0
    has one of no width, where its label points: a slice of 0 vanished from the picture,
    unnamed and without a word, where the alt text listed it (found by fuzzing)."""
    values = _slices(job)
    total = sum(values)
    raw = job.data.series[0].values
    arcs, angle = [], 90.0
    for i, value in enumerate(values):
        if _missing(raw[i]) or total <= 0:
            continue
        sweep = 360 * value / total
        arcs.append((i, angle - sweep, angle, math.radians(angle - sweep / 2)))
        angle -= sweep
    return arcs


def _mids(job: ChartJob) -> list[tuple[int, float]]:
    """Each slice's category index and mid-angle (:func:`_arcs`)."""
    return [(i, mid) for i, _, _, mid in _arcs(job)]


def _labels(job: ChartJob) -> dict[int, tuple[str, str, bool]]:
    """Each slice's name, what its label writes after it (:func:`_details`), and whether it
    is in bold (the highlighted ones), by category index; a missing value has none (a
    value of 0 has one: :func:`_arcs`)."""
    categories, names = job.data.categories, category_labels(job)
    values = _slices(job)
    if sum(values) <= 0:
        return {}
    details = _details(job, values)
    highlighted = set(job.spec.highlight)
    return {i: (names[i], details[i], categories[i] in highlighted)
            for i, v in enumerate(job.data.series[0].values) if not _missing(v)}  # fmt: skip


class Ring(NamedTuple):
    """Where :func:`_ring` puts the ring and its two label columns, in points."""

    radius: float
    #: The ring's centre right of the plot's (left when negative).
    shift: float
    #: The width each side's labels have beside the ring.
    right: float
    left: float

    def room(self, right: bool) -> float:
        """The width of the right (``right``) or the left side's labels."""
        return self.right if right else self.left


def _ring(job: ChartJob, width: float, height: float) -> Ring:
    """The ring in a plot of ``width`` x ``height`` points and the width each side's labels
    have beside it: as large as the height allows, leaving each side room for the leader
    and its widest label; labels wrap rather than shrink the ring below 60%, and the ring
    shrinks further (to 35%) rather than cut a word: on a portrait card the highlighted
    slice, the one the title names, read 'Lebensmi…' beside a third of the card left empty
    (found in review). The width beside the ring goes to each side as its labels need it
    (:func:`_split`), the ring between them: centred, one slice of 63% alone on the right
    left five labels wrapping to three lines in the left half of a card (found in review)."""
    size = label_size(job)
    labels = _labels(job)
    mids = _mids(job)
    sides: dict[bool, list[float]] = {True: [], False: []}
    for i, mid in mids:
        name, detail, bold = labels[i]
        sides[_on_right(mid)].append(text_width_pt(job, f"{name}  {detail}", bold=bold))
    full = 0.92 * height / 2

    def cut(at: Ring) -> set[int]:  # the labels cut there, as name_value cuts them
        cuts = set()
        for i, mid in mids:
            name, detail, bold = labels[i]
            room = at.room(_on_right(mid))
            text = name_value(job, name, detail, room, bold=bold)
            if ("…" in text and "…" not in name) or _wider(job, text, room, bold=bold):
                cuts.add(i)
        return cuts

    def ring(radius: float) -> Ring:  # the columns beside a ring this size
        room = width - 2 * _LABEL_X * radius - size
        right, left = _split(room, sides[True], sides[False])
        split = Ring(radius, (left - right) / 2, right, left)
        # Not at the cost of a word: a long one on the narrower side is cut where the
        # ring centred would have kept it whole.
        centred = Ring(radius, 0.0, room / 2, room / 2)
        return split if cut(split) <= cut(centred) else centred

    widest = max(sides[True] or [0.0]) + max(sides[False] or [0.0])
    radius = max(min(full, (width - widest - size) / (2 * _LABEL_X)), 0.6 * full)
    with shortening():  # trials: a name cut in a layout not kept is not the build's to say
        at = ring(radius)
        while cut(at) and radius > 0.35 * full:
            radius = max(radius - 0.05 * full, 0.35 * full)
            at = ring(radius)
        return at


def _wider(job: ChartJob, text: str, room: float, *, bold: bool) -> bool:
    """Whether a line of label ``text`` runs off the picture beside a column ``room``
    points wide: a value is never wrapped or cut, and on a story card, whose height drew
    the ring so large that 30 pt were left beside it, every '0.001K (<1%)' ran off and all
    twelve labels were dropped, the card posted with no slice named (fuzzing). A line may
    pass its column by half a label size (the gap :func:`_ring` keeps by the edge), and the
    text fitter measures wider than matplotlib draws: the sample's 'North America' value,
    12 pt past its column by this measure, is whole on the long card. So a line runs off
    only past its column by a label size."""
    limit = room + label_size(job)
    return any(text_width_pt(job, line, bold=bold) > limit for line in text.split("\n"))


#: The least share of the width beside the ring either side's labels get.
_LEAST = 0.3


def _split(room: float, right: list[float], left: list[float]) -> tuple[float, float]:
    """``room`` points shared by the right and the left labels, of these one-line widths:
    each side its widest label where both fit, the rest in proportion to the text each side
    holds; where they do not, the text each side holds takes its share (wrapped, a column's
    labels are about that many widths of lines), no side less than :data:`_LEAST` of it nor
    more than its widest label needs."""
    text = (sum(right), sum(left))
    widest = (max(right or [0.0]), max(left or [0.0]))
    if sum(text) <= 0 or room <= 0:
        return room / 2, room / 2
    share = min(max(text[0] / sum(text), _LEAST), 1 - _LEAST)
    if sum(widest) <= room:
        share = (widest[0] + (room - sum(widest)) * share) / room
    else:
        share = min(max(share, 1 - widest[1] / room), widest[0] / room)
    return room * share, room * (1 - share)


def _card_ring(job: ChartJob) -> Ring:
    """:func:`_ring` of a card's picture, before it is drawn: its plot fills the canvas
    less the picture's margin (0.04 in a side)."""
    width = job.canvas.width.pt - _MARGIN
    room = _note_room(job, _note_lines(job, width))
    return _ring(job, width, job.canvas.height.pt - _MARGIN - room)


def _label(ax: Axes, job: ChartJob, text: str, right: bool, *, bold: bool, missed: str) -> Text:
    """A slice label on its side of the donut (its height is set once all are measured).

    Out of the layout: the labels sit inside the axes' limits, and one that cannot fit is
    dropped by the collision pass rather than squeezing the plot."""
    label = ax.text(
        _LABEL_X if right else -_LABEL_X, 0, text, ha="left" if right else "right",
        va="center", fontsize=label_size(job), color=job.theme.theme.colors.text,
        fontweight="bold" if bold else "normal", in_layout=False,
    )  # fmt: skip
    mark(label, 10 if bold else 20, missed=missed)
    return label


def _leaders(
    ax: Axes, job: ChartJob, mids: list[float], ys: list[float], right: bool
) -> list[Line2D]:
    """Thin leaders from each slice's outer edge to its label at ``ys``, that never cross.

    Each runs out radially to the elbow circle; a label the spreading left level with that
    point is joined straight across. A label moved up or down is reached by one slant from
    the elbow (:func:`_slants`), the leaders of a side fanning out in the slices' order; where
    slants would meet (many slivers crowded at six o'clock), by steps (:func:`_steps`).
    """
    sign = 1 if right else -1
    paths = _slants(mids, ys)
    if _meet(paths):
        paths = _steps(mids, ys)
    muted, width = job.theme.theme.colors.muted, 0.8 * job.canvas.scale
    lines = []
    for path in paths:
        (line,) = ax.plot([sign * x for x, _ in path], [y for _, y in path], color=muted,
                          linewidth=width, solid_capstyle="butt", zorder=1)  # fmt: skip
        lines.append(line)
    return lines


#: Where leaders end, in radii, a hair short of their labels.
_END = _LABEL_X - 0.04


def _start(mid: float) -> list[tuple[float, float]]:
    """A leader's radial start, on the labels' side (x from the centre outward): from the
    slice's outer edge to the elbow circle."""
    return [(1.01 * abs(math.cos(mid)), 1.01 * math.sin(mid)),
            (abs(_ELBOW * math.cos(mid)), _ELBOW * math.sin(mid))]  # fmt: skip


def _slants(mids: list[float], ys: list[float]) -> list[list[tuple[float, float]]]:
    """Each leader as one slant from its elbow to a short landing beside its label, after
    running across at its slice's height where a slant from the elbow would pass inside
    the elbow circle (:func:`_clear`) or by another leader's corner (:func:`_past`). The
    steps this takes the place of turned within a hair of each other by the labels: on a
    small ring several small slices' leaders ran side by side in a bundle, and no reader
    could tell which went where (found in design review of an infographic card)."""
    landing = _END - 0.04
    elbows = [_start(mid)[-1] for mid in mids]
    across = [_clear(x0, y0, landing, y) for (x0, y0), y in zip(elbows, ys, strict=True)]

    def path(k: int) -> list[tuple[float, float]]:
        (x0, y0), y = elbows[k], ys[k]
        if abs(y - y0) <= 0.01:
            return [*_start(mids[k]), (_END, y0)]
        bend = [(across[k], y0)] if across[k] > x0 else []
        return [*_start(mids[k]), *bend, (landing, y), (_END, y)]

    # A label moved far runs across past the corners of the leaders whose labels lie beyond
    # its own: moved down from high on the ring, its slant from the elbow passed over the
    # corner of the next slice's, whose label the larger text had moved further down, and
    # crossed its slant; all fell back to steps (the contrast theme's long card). The
    # lowest labels' first when moved down, the highest' when up, so that each goes past
    # corners already settled.
    for down in (True, False):
        sign = -1 if down else 1
        group = [k for k, (_, y0) in enumerate(elbows) if sign * (ys[k] - y0) > 0.01]
        for k in sorted(group, key=lambda k: sign * -ys[k]):
            corners = [point for j in range(len(mids)) if sign * (ys[j] - ys[k]) > 0
                       for point in path(j)]  # fmt: skip
            across[k] = _past(elbows[k], (landing, ys[k]), across[k], corners, down=down)
    return [path(k) for k in range(len(mids))]


def _steps(mids: list[float], ys: list[float]) -> list[list[tuple[float, float]]]:
    """Each leader as steps: across at the slice's height, then up or down, then across to
    the label, the steps of a side staggered so that the one moved from nearest the ring's
    top or bottom turns farthest out. Labels keep the slices' order, so no step meets
    another's."""
    from itertools import pairwise

    radial = [_start(m) for m in mids]
    starts = [r[-1] for r in radial]
    moved = [k for k, (_, y0) in enumerate(starts) if abs(ys[k] - y0) > 0.01]
    turns: dict[int, float] = {}
    for up in (True, False):
        group = [k for k in moved if (ys[k] > starts[k][1]) == up]
        # Farthest from its label's side of the ring first: it turns farthest out.
        group.sort(key=lambda k: starts[k][1] if up else -starts[k][1])
        if not group:
            continue
        # Slivers side by side at the ring's top or bottom have their elbows at one height,
        # and their runs across lay on one another over the ring: no reader could tell
        # which label was whose (found by a new user). Of two, the one that turns farther
        # out runs across farther from the ring, over the other's turn: the other's elbow
        # brought nearer the ring, else its own run on out (where the picture may end).
        sign = -1 if up else 1
        for inner, outer in pairwise(reversed(group)):
            if sign * (radial[outer][-1][1] - radial[inner][-1][1]) >= _APART:
                continue
            nearer = _radial_to(mids[inner], radial[outer][-1][1] - sign * _APART)
            farther = _radial_to(mids[outer], radial[inner][-1][1] + sign * _APART)
            if nearer is not None:
                radial[inner] = nearer
            elif farther is not None:
                radial[outer] = farther
        base = max(radial[k][-1][0] for k in group) + 0.02
        step = min(0.03, max(_END - 0.02 - base, 0.0) / max(len(group) - 1, 1))
        for rank, k in enumerate(group):
            turns[k] = max(_END - 0.02 - rank * step, base)
    paths = []
    for k in range(len(mids)):
        (_, y0), y = radial[k][-1], ys[k]
        turn = [(turns[k], y0), (turns[k], y)] if k in turns else []
        paths.append([*radial[k], *turn, (_END, y if k in turns else y0)])
    return paths


#: How far apart two leaders' runs across are kept, in radii (twice :func:`_meet`'s hair),
#: and the nearest the ring a run across may be.
_APART = 0.04
_HUG = 1.03


def _radial_to(mid: float, y: float) -> list[tuple[float, float]] | None:
    """A leader's radial start (:func:`_start`) ending at height ``y`` rather than at the
    elbow circle; ``None`` where its slice's direction reaches that height only on the ring,
    past where leaders turn, or never."""
    sine = math.sin(mid)
    if sine * y <= 0:
        return None
    radius = y / sine
    x = abs(radius * math.cos(mid))
    if radius < _HUG or radius > 1.5 * _ELBOW or x > _END - 0.1:
        return None
    return [(1.01 * abs(math.cos(mid)), 1.01 * sine), (x, y)]


def _meet(paths: list[list[tuple[float, float]]]) -> bool:
    """Whether two of these leaders cross, or pass within a hair (0.02 radii) of each
    other."""
    from itertools import combinations, pairwise

    def side(p: tuple[float, float], q: tuple[float, float], r: tuple[float, float]) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    def cross(a: tuple[tuple[float, float], ...], b: tuple[tuple[float, float], ...]) -> bool:
        (p, q), (r, t) = a, b
        return side(p, q, r) * side(p, q, t) <= 0 and side(r, t, p) * side(r, t, q) <= 0

    def near(p: tuple[float, float], r: tuple[float, float], t: tuple[float, float]) -> bool:
        dx, dy = t[0] - r[0], t[1] - r[1]
        k = min(max(((p[0] - r[0]) * dx + (p[1] - r[1]) * dy) / (dx * dx + dy * dy or 1), 0), 1)
        return math.hypot(p[0] - r[0] - k * dx, p[1] - r[1] - k * dy) < 0.02

    def close(a: tuple[tuple[float, float], ...], b: tuple[tuple[float, float], ...]) -> bool:
        return cross(a, b) or any(near(p, *b) for p in a) or any(near(p, *a) for p in b)

    return any(close(a, b) for one, other in combinations(paths, 2)
               for a in pairwise(one) for b in pairwise(other))  # fmt: skip


def _clear(x0: float, y0: float, x1: float, y1: float) -> float:
    """How far out (in radii, on the labels' side) a leader from the elbow at ``x0, y0`` runs
    across before it slants to ``x1, y1`` outside the elbow circle, so clear of the ring and
    of the other leaders' radial starts (a slant up from a slice near six o'clock crossed
    its neighbours'): ``x0`` where the straight line stays outside, else the nearest point
    from which it does (from ``x1`` it runs straight up or down)."""

    def clears(x: float) -> bool:
        dx, dy = x1 - x, y1 - y0
        length = math.hypot(dx, dy)
        if length == 0:
            return True
        t = min(max(-(x * dx + y0 * dy) / (length * length), 0.0), 1.0)
        return math.hypot(x + t * dx, y0 + t * dy) >= _ELBOW - 1e-9

    return x0 if clears(x0) else threshold(clears, x0, x1)


def _past(
    elbow: tuple[float, float], landing: tuple[float, float], least: float,
    corners: list[tuple[float, float]], *, down: bool,
) -> float:  # fmt: skip
    """How far out (at least ``least``) a leader from ``elbow`` runs across before it slants
    to ``landing`` (down, or up) with ``corners``, the points of the leaders whose labels
    lie beyond its own, all on the far side of the slant and two hairs (0.04 radii) off it:
    the slant then crosses none of those leaders. ``landing``'s x where none will do (it
    would run straight down or up, and :func:`_meet` then takes the steps)."""
    (_, y0), (x1, y1) = elbow, landing
    sign = -1 if down else 1

    def passes(x: float) -> bool:
        dx, dy = x1 - x, y1 - y0
        length = math.hypot(dx, dy)
        return all(sign * (dx * (cy - y0) - dy * (cx - x)) / length >= 0.04
                   for cx, cy in corners if x < cx < x1)  # fmt: skip

    return least if passes(least) else threshold(passes, least, x1)


def _note_text(job: ChartJob) -> str:
    """The line a ring writes under itself where the shares its labels print do not add up
    to 100%, the alt text's sentence (:meth:`~deckgen.kinds.charts._base.ChartKind.
    rounding_note`): 63 + 16 + 14 + 4 + 3 + 1 read 101% on the sample's slide, and only the
    alt text said why (design review; newsrooms print such a note under the chart). ''
    where they add up, or no label prints them."""
    if not job.spec.value_labels or not _labels(job):
        return ""
    return job.spec.rounding_note(job).strip()


def _note_lines(job: ChartJob, width: float) -> list[str]:
    """:func:`_note_text` wrapped to ``width`` points in even lines, in the labels' size (a
    card's chart text is its fine print, the card's smallest); none where there is none."""
    text = _note_text(job)
    font = job.theme.body.file(False)
    return SLIDE.balanced(text, font, Points(label_size(job)), Points(width)) if text else []


def _note_gap(job: ChartJob) -> float:
    """Points between the lowest of the ring and its labels and the note under them."""
    return label_size(job) / 2


def _note_room(job: ChartJob, lines: list[str]) -> float:
    """The height in points a ring keeps under itself and its labels for its note's
    ``lines`` (:func:`_note_lines`), as the text fitter sets them; 0 with none. The ring
    and its label columns are laid out in the rest, so the note meets neither."""
    if not lines:
        return 0.0
    font = job.theme.body.file(False)
    return _note_gap(job) + SLIDE.block_height(font, Points(label_size(job)), len(lines)).pt


def _note(ax: Axes, job: ChartJob, lines: list[str], x: float, y: float) -> None:
    """The note's ``lines`` (:func:`_note_lines`) in the muted text colour, their top left
    at ``x, y`` (in radii), in the room :func:`_note_room` kept for them."""
    note = ax.text(
        x, y, "\n".join(lines), ha="left", va="top",
        fontsize=label_size(job), color=job.theme.theme.colors.muted, in_layout=False,
    )  # fmt: skip
    mark(note, 1, missed=f"the note {_note_text(job)!r} under the ring, for lack of room")


def _native_note(job: ChartJob, geo: Geometry, room: float) -> None:
    """The note (:func:`_note_lines`) as a text box along the native chart's bottom, in the
    ``room`` points the ring and its labels leave it (a chart has no text of its own there,
    as the total in the hole has none)."""
    if not room:
        return
    from deckgen.layout.geometry import Rect
    from deckgen.ooxml import shapes as sh
    from deckgen.ooxml.shapes import Para

    box = geo.box
    margin = Points(_MARGIN / 2)
    text = _note_text(job)  # the box wraps it as _note_lines does
    block = Points(room - _note_gap(job))
    rect = Rect(box.left + margin, box.top + box.height - margin - block,
                box.width - margin * 2, block)  # fmt: skip
    sh.add_text(
        geo.slide, rect,
        [Para(text, job.theme.theme.fonts.body.family, Points(label_size(job)),
              job.theme.theme.colors.muted)],
        anchor="bottom", name="Chart note",
    )  # fmt: skip


def _centre(ax: Axes, job: ChartJob, total: float, hole_pt: float) -> None:
    """The total in the number font, as large as fits the hole, over a small 'Total'."""
    from matplotlib.font_manager import FontProperties

    colors = job.theme.theme.colors
    size = label_size(job)
    text = _total_text(job, total)
    font = job.theme.number.file(False)
    big = 2.2 * size
    while big > size and SLIDE.width(text, font, Points(big)).pt > 1.5 * hole_pt:
        big -= 1
    value = ax.annotate(
        text, (0, 0), xytext=(0, 0), textcoords="offset points", ha="center", va="top",
        color=colors.text, fontproperties=FontProperties(fname=font, size=big),
    )  # fmt: skip
    caption = ax.annotate(
        job.words.total, (0, 0), xytext=(0, 0), textcoords="offset points", ha="center",
        va="bottom", fontsize=size, color=colors.muted,
    )  # fmt: skip
    # Measure the two as drawn, then centre the pair on the hole with clearance between.
    fig = figure_of(ax)
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    scale = 72 / fig.dpi

    def measured(text: Text) -> tuple[float, float]:
        box = text.get_window_extent(renderer)
        return box.width * scale, box.height * scale

    def inside(width: float, height: float) -> bool:  # a box of them, centred in the hole
        return math.hypot(width / 2, height / 2) <= hole_pt

    # On a short card the hole is small, and 'Total' was drawn over the ring (found by
    # fuzzing): the number shrinks to the labels' size, then the word goes, then the
    # number (every slice's label still gives its value, and the alt text the total).
    caption_w, low = measured(caption)

    def fitted(alone: bool) -> float | None:
        """The height of the pair (of the number ``alone``) at the largest size from
        ``big`` down to the labels' at which it fits, the number left at that size."""
        points = big
        while True:
            value.set_fontsize(points)
            width, high = measured(value)
            group = high if alone else high + low + clearance_pt(fig)
            if inside(width if alone else max(width, caption_w), group):
                return group
            if points <= size:
                return None
            points = max(points - 1, size)

    group = fitted(alone=False)
    if group is None:
        caption.remove()
        if fitted(alone=True) is None:
            value.remove()
            return
        value.set_verticalalignment("center")
        mark(value, 1)
        return
    value.xyann = (0, group / 2)
    caption.xyann = (0, -group / 2)
    mark(value, 1)
    mark(caption, 2)


def _donut_total(
    job: ChartJob, geo: Geometry, total: float, hole_pt: float, shift: float, room: float
) -> None:
    """The total over a small 'Total' in the hole, ``shift`` points right of the chart's
    middle and ``room`` (the note's, :func:`_note_room`) over half its height: a text box
    on the slide over the chart (charts have no text of their own there)."""
    from deckgen.kinds.charts import _native as nv
    from deckgen.layout.geometry import Rect
    from deckgen.ooxml import shapes as sh
    from deckgen.ooxml.shapes import Para

    colors = job.theme.theme.colors
    size = nv.size(job)
    text = _total_text(job, total)
    big = 2.2 * size
    font = job.theme.number.file(False)
    while big > size and SLIDE.width(text, font, Points(big)).pt > 1.5 * hole_pt:
        big -= 1
    block = SLIDE.leading(font, Points(big)) + Points(nv.text_h(job))
    box = geo.box
    hole = Points(hole_pt)
    rect = Rect(box.left + box.width / 2 + Points(shift) - hole,
                box.top + (box.height - Points(room)) / 2 - block / 2, hole * 2, block)  # fmt: skip
    shape = sh.add_text(
        geo.slide, rect,
        [Para(text, job.theme.theme.fonts.number.family, Points(big), colors.text,
              align="center"),
         Para(job.words.total, job.theme.theme.fonts.body.family, Points(size), colors.muted,
              align="center")],
        anchor="middle", name="Chart total",
    )  # fmt: skip
    sh.set_alt_text(shape, f"Total: {_total_text(job, total, words=True)}")
