"""Helpers every chart type's drawing shares: colours, number text, wrapped tick labels,
label spreading, and the conversions between data, axes and points.

Public (no underscore): the native PowerPoint forms use the same colour and spreading rules,
so a native chart and its picture agree.
"""

from __future__ import annotations

import contextlib
import functools
import math
import re
from contextvars import ContextVar
from itertools import pairwise
from typing import TYPE_CHECKING, Any, Literal, cast
from weakref import WeakKeyDictionary

from deckgen.errors import FitError, Problem
from deckgen.layout.text import SLIDE
from deckgen.layout.units import Pt
from deckgen.outline.formats import NumberFormat, numerals
from deckgen.outline.words import one_letter_words, weak_ending_words
from deckgen.scoped import scoped
from deckgen.theming import colour

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable, Iterator, Sequence
    from contextlib import AbstractContextManager

    from matplotlib.artist import Artist
    from matplotlib.axes import Axes
    from matplotlib.backend_bases import RendererBase
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.text import Text
    from matplotlib.ticker import Formatter, Locator
    from matplotlib.transforms import Bbox
    from PIL import ImageFont

    from deckgen.kinds.charts._base import ChartKind
    from deckgen.render.charts import ChartJob
    from deckgen.tables.select import ChartData


def figure_of(ax: Axes) -> Figure:
    """The figure ``ax`` is drawn in (never a subfigure here)."""
    return cast("Figure", ax.figure)


def label_size(job: ChartJob) -> float:
    """Label size in points for this canvas (theme size x the canvas text scale)."""
    return job.theme.theme.sizes.chart_label * job.canvas.scale


#: How much smaller each label size a chart tries to fit its names is than the last, in
#: points (:func:`label_sizes`).
SIZE_STEP = 0.5


def label_sizes(job: ChartJob) -> list[ChartJob]:
    """``job`` at each label size a chart may shrink to for its names: from the theme's
    down to its minimum (12 pt or more), :data:`SIZE_STEP` apart, largest first."""
    sizes = job.theme.theme.sizes
    top, floor = sizes.chart_label, min(sizes.minimum, sizes.chart_label)
    tried = [top - k * SIZE_STEP for k in range(int((top - floor) / SIZE_STEP) + 1)]
    if tried[-1] > floor:
        tried.append(floor)
    return [job if size == top else at_label_size(job, size) for size in tried]


def at_label_size(job: ChartJob, size: float) -> ChartJob:
    """``job`` with its labels at ``size`` points (before a card's text scale): the
    theme's chart label size is what every label of the picture is set in."""
    from dataclasses import replace

    theme = job.theme.theme
    sizes = theme.sizes.model_copy(update={"chart_label": size})
    return replace(job, theme=replace(job.theme, theme=theme.model_copy(update={"sizes": sizes})))


def fmt(job: ChartJob, value: float | None, *, words: bool = False, signed: bool = False,
        alone: bool = False) -> str:  # fmt: skip
    """A value label of this chart: written as all its labels are, in one compact unit and
    one precision (:meth:`ChartKind.label_values`, :meth:`NumberFormat.format_values`);
    with ``words``, spelt out for alt text ("12.0 million"), so it says what the chart shows;
    ``signed``, with a plus on a rise as a difference is written ('+24.9M'); ``alone``, a
    value that may be none of the labels (a line's low between its labelled ends), read with
    them: as they are, but with the decimals it needs to read as itself ('0.01', not '0.0').
    """
    number = job.spec.format
    if signed:
        number = number.model_copy(update={"sign": "always"})
    kind, data = type(job.spec), job.whole or job.data
    if alone and value is not None and value not in (labels := written_values(kind, data)):
        return number.writer([*labels, value], words=words)(value)
    return _label_writer(number, kind, data, words)(value)


#: A number as a label writes it, with the unit word or letter that scales it.
_STATED = re.compile(
    r"(?<![\w.,])(\d[\d.,]*)\s?"
    r"(K|M|B|T|k|bn|mn|thousand|million|billion|trillion)?(?![^\W\d_])"
)
_SCALES = {"k": 1e3, "K": 1e3, "thousand": 1e3, "M": 1e6, "mn": 1e6, "million": 1e6,
           "B": 1e9, "bn": 1e9, "billion": 1e9, "T": 1e12, "trillion": 1e12}  # fmt: skip


def _stated(text: str, marks: tuple[str, str]) -> list[tuple[float, float]]:
    """The numbers ``text`` writes, each with half a step of its last digit (how far the
    value it stands for may be from it): '78%' -> (78, 0.5), '$1.5M' -> (1.5e6, 5e4)."""
    decimal, group = marks
    out = []
    for digits, unit in _STATED.findall(text):
        digits = digits.rstrip(decimal + group)
        whole, _, part = digits.replace(group, "").partition(decimal)
        if not whole.isdigit() or (part and not part.isdigit()):
            continue
        scale = _SCALES.get(unit, 1.0)
        out.append((float(f"{whole}.{part or 0}") * scale, 0.5 * 10.0 ** -len(part) * scale))
    return out


def label_states(job: ChartJob, label: str, value: float) -> bool:
    """Whether ``label`` already writes ``value`` (as the chart's format writes it, to the
    label's own precision): 'National target: 78%' for 78, 'Goal 5M' for 5,000,000."""
    written = _stated(job.spec.format.format(value), job.marks)
    if not written:
        return False
    shown = written[0][0]
    return any(abs(number - shown) <= half + 1e-9 * max(abs(shown), 1.0)
               for number, half in _stated(label, job.marks))  # fmt: skip


def reference_text(job: ChartJob, ref: float, *, words: bool = False) -> str:
    """'Target: 5M': the reference line's label and its value, a number on its own (a
    compact number without trailing zeros, as a template writes it), not in the unit and
    precision the chart's labels share. A label that already writes the value is alone:
    'National target: 78%' read 'National target: 78%: 78.0%' (found by review)."""
    assert job.spec.reference is not None, "a chart with a reference line"
    label = job.spec.reference.label
    if label_states(job, label, ref):
        return label
    return f"{label}: {job.spec.format.format(ref, words=words)}"


def reference_missed(job: ChartJob, ref: float) -> str:
    """What the build says when the collision pass removes the reference line's label
    (``missed=`` of :func:`~deckgen.render.labels.mark`): on a narrow card a long label
    was dropped without a word, leaving a dashed line no reader could name (found by
    review)."""
    assert job.spec.reference is not None, "a chart with a reference line"
    return (f"the reference line's label '{reference_text(job, ref)}' is not written on "
            "the chart, for lack of room, so its dashed line goes unexplained; shorten "
            "the reference's label, or give the chart more room")  # fmt: skip


def difference_text(
    number: NumberFormat, amount: float, *, words: bool = False, points: str = "pts"
) -> str:
    """A difference between two values written in ``number`` (unsigned): in percentage
    points when the values are percentages, since "rises by 4.4 percent" of a value of 93%
    would be a rise of 4.1 points ('+3.1 pts', ``points`` being the chart's word for them:
    'Pp.' in a German deck, which wrote 'pts'; in words '3.1 percentage points', English
    as alt text is, its number too: '0,4 percentage points' was found in review);
    otherwise in the format itself ('24.9 million')."""
    if number.style == "percent":
        plain = NumberFormat(style="plain", decimals=number.decimals)
        written = plain.format(amount, words=words)
        one = written.lstrip("+-\u2212") == "1"  # '1 percentage point'; '1.0 ... points'
        unit = " percentage points" if words else f" {points}"
        unit = unit.removesuffix("s") if one else unit
        return written + unit
    return number.model_copy(update={"sign": "negative"}).format(amount, words=words)


def label_place(job: ChartJob) -> tuple[tuple[float, str], int]:
    """The unit and decimals :func:`fmt` writes this chart's labels in."""
    return job.spec.format.shared(written_values(type(job.spec), job.whole or job.data))


@functools.lru_cache(maxsize=32)
def written_values(kind: type[ChartKind], data: ChartData) -> tuple[float | None, ...]:
    """Every value a ``kind`` chart of ``data`` writes as a label, read together: small
    multiples' every panel's (:meth:`ChartKind.label_values`)."""
    return tuple(v for d in data.panels() for v in kind.label_values(d))


@functools.lru_cache(maxsize=32)
def _label_writer(
    number: NumberFormat, kind: type[ChartKind], data: ChartData, words: bool
) -> Callable[[float | None], str]:
    return number.writer(written_values(kind, data), words=words)


def category_colors(job: ChartJob, categories: tuple[str, ...]) -> list[str]:
    """One colour per category: the highlight for highlighted ones, else a base colour.

    With a highlight, the rest fall back to the neutral grey so the accent reads as the
    story; without one, every bar takes the theme's primary colour.
    """
    colors = job.theme.theme.colors
    highlighted = set(job.spec.highlight)
    base = colors.neutral if highlighted else colors.primary
    return [colors.highlight if c in highlighted else base for c in categories]


def series_colors(job: ChartJob, names: list[str]) -> list[str]:
    """One colour per series: highlighted series in the accent, others neutral; with no
    highlight, the theme's colour-blind-safe categorical set."""
    colors = job.theme.theme.colors
    if job.spec.highlight:
        return [colors.highlight if n in job.spec.highlight else colors.neutral for n in names]
    palette = colors.categorical
    return [palette[i % len(palette)] for i in range(len(names))]


def graded_colors(job: ChartJob, names: list[str], grey: Callable[[int], str]) -> list[str]:
    """One colour per series where the highlight names some: the highlight's for those,
    ``grey(k)`` for the k-th of the others, told apart by their greys."""
    highlight = job.theme.theme.colors.highlight
    out: list[str] = []
    others = 0
    for name in names:
        if name in job.spec.highlight:
            out.append(highlight)
        else:
            out.append(grey(others))
            others += 1
    return out


#: A name (a category, a row, a point) wraps to at most this many lines beside or under its
#: mark; a longer one ends in "…" there, and the build says which (:func:`shortening`).
#: A paragraph under one bar would squeeze the plot, or hide its neighbours' names.
NAME_LINES = 3

#: The names shortened while one picture draws, or ``None`` outside :func:`shortening`.
_SHORTENED: ContextVar[list[str]] = ContextVar("deckgen_shortened")
#: What one picture leaves out, or ``None`` outside :func:`leaving_out`.
_LEFT_OUT: ContextVar[list[str]] = ContextVar("deckgen_left_out")


#: The outline's notes (``annotations:``) one picture leaves out, by :func:`note_key`, or
#: ``None`` outside :func:`dropping_notes`.
_NOTES_OUT: ContextVar[list[str]] = ContextVar("deckgen_notes_out")


def _collect(into: ContextVar[list[str]], text: str) -> None:
    found = into.get(None)
    if found is not None and text not in found:
        found.append(text)


def shortening() -> AbstractContextManager[list[str]]:
    """Collect the names :func:`wrap_label` and :func:`one_line` shorten while drawing, once
    each, in the order met: a picture keeps them with its values, for the build's warning."""
    return scoped(_SHORTENED, [])


def leaving_out() -> AbstractContextManager[list[str]]:
    """Collect what a picture leaves out that its reader would look for (row names of a
    ranking shown every k-th: :func:`left_out`), for the build's warning."""
    return scoped(_LEFT_OUT, [])


def dropping_notes() -> AbstractContextManager[list[str]]:
    """Collect the outline's notes one picture leaves out (:func:`note_left_out`): its alt
    text, written after drawing inside this block, leaves them out too. A bar's note
    with no room was taken off the picture with a warning and still described to screen
    readers (fuzzing round 8). Not nested in :func:`leaving_out`, which small multiples
    open per panel."""
    return scoped(_NOTES_OUT, [])


def note_key(note: Any) -> str:
    """An annotation as :func:`dropping_notes` knows it: where, on which series, what."""
    return repr((str(note.at), str(note.series or ""), str(note.text)))


def note_left_out(note: Any) -> None:
    """Say that the picture being drawn leaves out the annotation ``note``."""
    _collect(_NOTES_OUT, note_key(note))


def notes_left_out() -> frozenset[str]:
    """The annotations the picture drawn in this :func:`dropping_notes` block left out."""
    return frozenset(_NOTES_OUT.get(None) or ())


def left_out(note: str) -> None:
    """Say what the picture being drawn leaves out (see :func:`leaving_out`)."""
    _collect(_LEFT_OUT, note)


def _shortened(name: str) -> None:
    _collect(_SHORTENED, name)


def said_again(shortened: Sequence[str], left: Sequence[str], notes: Sequence[str] = ()) -> None:
    """Say again what a picture said when it was drawn (the names it shortened, what it
    left out, the annotations it left out by :func:`note_key`), for a picture used again
    rather than drawn (:func:`~deckgen.render.cardkit.chart_picture`): its card warns of
    them, and its alt text leaves the notes out, as when it drew it."""
    for name in shortened:
        _collect(_SHORTENED, name)
    for note in left:
        _collect(_LEFT_OUT, note)
    for key in notes:
        _collect(_NOTES_OUT, key)


def shortened_so_far() -> int:
    """How many names :func:`shortening` holds now (see :func:`keep_drawn`)."""
    found = _SHORTENED.get(None)
    return len(found) if found is not None else 0


def keep_drawn(fig: Figure, since: int) -> None:
    """Of the names :func:`shortening` collected since ``since``, keep the texts ``fig``
    shows ending in "…", as drawn (on one line). Names are shortened in trials too (a
    layout tried, then thinned to every k-th name): the warning quoted the data's text, and
    named bars the picture left with no name at all (found by review)."""
    from matplotlib.text import Text

    found = _SHORTENED.get(None)
    if found is None or len(found) == since:
        return
    # A drawn text is a cut name when what stands before its '…' begins a name shortened
    # (spaces aside: a name wraps onto lines); a name the data writes with '…' is not.
    cut = ["".join(name.split()) for name in found[since:]]
    drawn = []
    for text in (t.get_text() for t in fig.findobj(Text) if t.get_visible()):
        head = "".join(text.partition("…")[0].split())
        if "…" in text and head and any(name.startswith(head) for name in cut):
            drawn.append(" ".join(text.split()))
    found[since:] = list(dict.fromkeys(drawn))


def wrap_label(
    job: ChartJob, text: str, width_pt: float, *, clip: bool = True, bold: bool = False,
    most: int = NAME_LINES, sense: bool = True,
) -> str:  # fmt: skip
    """Wrap a name onto lines no wider than ``width_pt``, at most ``most`` of them (rows
    too close for :data:`NAME_LINES` ask for fewer): the last of a longer name ends in
    "…". A word wider than ``width_pt`` ends in "…" too (a margin that held it would leave
    no plot), unless ``clip`` is false: a category axis lets a name pass its slot while it
    clears its neighbours (:func:`thin_step`). ``sense``: no line ends on an article or a
    joining word where the next line holds it (:func:`_weak_ends_moved`)."""
    font = job.theme.body.file(bold)
    lines = SLIDE.wrap(units_kept(text), font, Pt(label_size(job)), Pt(max(width_pt, 1.0)))
    if sense:
        lines = _weak_ends_moved(job, lines, width_pt, bold)
    if clip:
        lines = [part for line in lines for part in _at_hyphens(job, line, width_pt, bold)]
    last = len(lines) - 1 if len(lines) <= most else most - 1
    kept = [
        _clip(job, line, width_pt, bold=bold)
        if (k == last and last < len(lines) - 1)
        # Only a line of one word can be wider than the wrap's width.
        or (clip and " " not in line and text_width_pt(job, line, bold=bold) > width_pt)
        else line
        for k, line in enumerate(lines[: last + 1])
    ]
    if kept != lines:
        _shortened(text)
    return "\n".join(kept)


#: The words a name's line should not end on, as text layout keeps them off a line's end
#: (:data:`deckgen.outline.words.WEAK_ENDINGS`, and words of one letter): 'Yorkshire and
#: the / Humber' on a card's bar chart (found in review).
_WEAK = weak_ending_words() | {w.casefold() for w in one_letter_words()}


def _weak_ends_moved(job: ChartJob, lines: list[str], width_pt: float, bold: bool) -> list[str]:
    """``lines`` with each word a line but the last ends on and should not (:data:`_WEAK`)
    moved to the start of the next line, where that line is still no wider than the
    widest of them: 'Yorkshire / and the Humber'. Never more lines than the wrap made, nor
    a wider name (a label set inside a band is wrapped to fit it: 'Petrol and / diesel
    66.0%' stays); a word that does not fit stays."""
    if not any(line.split(" ")[-1].casefold() in _WEAK for line in lines[:-1]):
        return lines
    lines = list(lines)
    room = min(width_pt, max(text_width_pt(job, line, bold=bold) for line in lines))
    for k in range(len(lines) - 1):
        words = lines[k].split(" ")
        while len(words) > 1 and words[-1].casefold() in _WEAK:
            moved = f"{words[-1]} {lines[k + 1]}"
            if text_width_pt(job, moved, bold=bold) > room:
                break
            words.pop()
            lines[k + 1] = moved
        lines[k] = " ".join(words)
    return lines


#: A number and the word after it that counts what it measures ("4 hours", "12 km",
#: "3 beds"): a space a name is never wrapped at. Only a lowercase word that is not a
#: joining one ("2015 to" is no unit; the range "2015 to 2025" is kept whole by
#: :func:`~deckgen.layout.text.no_break`), so a wrap still has places to break.
_UNIT_AFTER = re.compile(
    r"(?<![\w.,])(\d[\d.,]*) (?!(?:to|and|or|of|in|on|at|by|for|from|vs|the|a|an|with)\b)"
    r"(?=[a-z\u00b5\u00b0][^\W\d_]*(?:[/²³][^\W\d_]*)?(?![\w-]))"
)


def units_kept(text: str) -> str:
    """``text`` with a no-break space between a number and the word after it that counts
    what it measures ("Seen within 4 / hours" split a number from its unit on a card's
    end label: found by review). The wrap draws it as a plain space."""
    return _UNIT_AFTER.sub("\\1\u00a0", text)


def widest_word_pt(job: ChartJob, text: str, *, bold: bool = False) -> float:
    """The width of the widest piece a wrap of ``text`` cannot break (a word, a number and
    its unit), at the chart's label size."""
    from deckgen.layout.text import words

    pieces = [w for line in text.split("\n") for w in words(units_kept(line))]
    return max((text_width_pt(job, w, bold=bold) for w in pieces), default=0.0)


def _at_hyphens(job: ChartJob, line: str, width_pt: float, bold: bool) -> list[str]:
    """A line of one word wider than ``width_pt`` broken after its hyphens or slashes, as
    few lines as fit ('Nordrhein-' over 'Westfalen', not 'Nordrhein-W…'; 'Hispanic/' over
    'Latino'); any other line as it is. Only between letters, and only where every part
    fits: a minus sign, a range of years ('2004-2023', '2023/24'), 'COVID-19', an address
    ('www.north-west.com') and a part that would still be cut stay whole."""
    if any(c in line for c in " .@") or text_width_pt(job, line, bold=bold) <= width_pt:
        return [line]
    parts = [p for p in re.split(r"(?<=[^\W\d_][-/])(?=[^\W\d_])", line) if p]
    if len(parts) < 2:
        return [line]
    out = [parts[0]]
    for part in parts[1:]:
        if text_width_pt(job, out[-1] + part, bold=bold) <= width_pt:
            out[-1] += part
        else:
            out.append(part)
    if any(text_width_pt(job, part, bold=bold) > width_pt for part in out):
        return [line]
    return out


def clip_words(job: ChartJob, text: str, past_pt: float, to_pt: float) -> str:
    """``text`` with each word wider than ``past_pt`` cut to end in "…" within ``to_pt``."""
    words = text.split(" ")
    kept = [_clip(job, w, to_pt) if text_width_pt(job, w) > past_pt else w for w in words]
    if kept == words:
        return text
    _shortened(text)
    return " ".join(kept)


def one_line(job: ChartJob, text: str, width_pt: float) -> str:
    """``text`` on one line, ending in "…" where it would be wider than ``width_pt``."""
    if text_width_pt(job, text) <= width_pt:
        return text
    _shortened(text)
    return _clip(job, text, width_pt)


def _clip(job: ChartJob, line: str, width_pt: float, *, bold: bool = False) -> str:
    """``line`` cut to end in "…" within ``width_pt``: after a whole word where one fits,
    else after as many letters as fit (always at least one)."""
    words = line.split()
    while len(words) > 1 and text_width_pt(job, " ".join(words) + "…", bold=bold) > width_pt:
        words.pop()
    kept = " ".join(words).rstrip(",;:-–—")
    while len(kept) > 1 and text_width_pt(job, kept + "…", bold=bold) > width_pt:
        kept = kept[:-1]
    return kept.rstrip() + "…"


def slot_width_pt(
    ax: Axes, job: ChartJob, count: int, horizontal: bool, *, need: float = 0.0,
    unit: bool = False,
) -> float:  # fmt: skip
    """Width in points of one category slot along the category axis.

    Before the layout settles the axes have matplotlib's default margins, and a slot is a
    seventh to a quarter short of what the picture will have. When that estimate is short
    of ``need``, the layout is run and the slot measured on it: a label that fits the
    final plot is not thinned out or switched off on the estimate (a larger type, as in
    the high-contrast theme, fitted ten ports to a slide yet lost every other name).

    ``unit``: the limits are set and the categories stand one unit of the axis apart
    (bars), so a slot is a unit at most, however far the limits reach past the first and
    last: twelve columns under limits of -0.95 to 11.95 have 66 points each, not the 71
    the width over twelve gives."""
    fig = figure_of(ax)

    def measured() -> float:
        bbox = ax.get_position()
        inches = (bbox.height if horizontal else bbox.width) * (
            fig.get_figheight() if horizontal else fig.get_figwidth()
        )
        slot = inches * 72 / max(count, 1)
        if unit:
            low, high = ax.get_ylim() if horizontal else ax.get_xlim()
            slot = min(slot, inches * 72 / max(abs(high - low), 1e-9))
        return slot

    slot = measured()
    if slot < need:
        settle(fig)
        slot = measured()
    return slot


def clean_axes(ax: Axes, *, value_axis: Literal["x", "y"] = "y", show_values: bool = False) -> None:
    """Newsroom axes: no frame, a baseline, a value axis only when values are read off it
    (direct labels make it redundant); its gridlines are the theme's (:func:`gridlines`:
    turned on here, a theme's `gridlines: false` was lost on bar charts, found in an
    audit of the README)."""
    if show_values:
        ax.set_axisbelow(True)
    else:
        (ax.set_yticks if value_axis == "y" else ax.set_xticks)([])


# --------------------------------------------------------------------------- colour mixing,
# text measurement, tick text and the 1-D label spreading that keeps direct labels apart.


def _rgb(color: str) -> tuple[float, float, float]:
    """'#RRGGBB' as three channels in 0..1 (as matplotlib's ``to_rgb`` reads it)."""
    return colour.rgb(color)


def mix(color: str, other: str, amount: float) -> str:
    """``color`` moved ``amount`` (0..1) of the way towards ``other``, as '#RRGGBB'."""
    return colour.mix(color, other, amount)


def tint(job: ChartJob, color: str, amount: float) -> str:
    """A lighter-weight version of ``color``: mixed towards the background (so a 'tint'
    recedes on dark themes too), but never so far that the mark falls under 3:1 against
    the background, on the rendered page too (``spare``: an earlier year's bars beside the
    latest, and a highlighted category's in a muted accent, drawn at 3.0:1, measured 2.95
    and 2.98:1)."""
    background = job.theme.theme.colors.background
    return colour.legible(mix(color, background, amount), background, colour.MARK, spare=True)


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours (1..21)."""
    return colour.contrast(a, b)


def legible(job: ChartJob, color: str, ratio: float = 4.5, *, on: str | None = None) -> str:
    """``color`` for text on the background (or on the fill ``on``, a highlighted row's
    band): mixed towards the text colour until it reaches ``ratio`` (4.5 for normal text,
    3 for bold labels), so a grey or yellow series colour still reads."""
    colors = job.theme.theme.colors
    ground = colors.background if on is None else on
    for step in range(11):
        candidate = mix(color, colors.text, step / 10)
        if contrast(candidate, ground) >= ratio:
            return candidate
    return colors.text


def direction_colors(job: ChartJob) -> tuple[str, str]:
    """(rise, fall) colours for marks: the theme's increase and decrease, each 3:1 on the
    background (a bluish green and a vermillion unless the theme sets them), swapped where
    the chart says a fall is the good news (``better: lower``)."""
    colors = job.theme.theme.colors
    assert colors.increase and colors.decrease  # settled when the theme loads
    if job.spec.falls_are_good():
        return colors.decrease, colors.increase
    return colors.increase, colors.decrease


def widest_pt(job: ChartJob, texts: Sequence[str], *, bold: bool = False) -> float:
    """The width in points of the widest of ``texts`` (one line each). Many texts are
    ranked by the sum of their characters' widths, and only the widest few measured whole
    (a pair's kerning moves a text by a fraction of a character): a line of 30,000 named
    points measured every name twice, 4.7 s of an 8 s build (found in review)."""
    if len(texts) <= _MEASURED_WHOLE:
        return max((text_width_pt(job, t, bold=bold) for t in texts), default=0.0)
    letters = {c: text_width_pt(job, c, bold=bold) for c in set("".join(texts))}
    ranked = sorted(set(texts), key=lambda t: sum(letters[c] for c in t), reverse=True)
    return max(text_width_pt(job, t, bold=bold) for t in ranked[:_MEASURED_WHOLE])


#: :func:`widest_pt` measures this many texts whole at most.
_MEASURED_WHOLE = 64


def ink_on(job: ChartJob, fill: str) -> str:
    """Text colour for a label drawn on ``fill``: the theme's text or background colour,
    whichever contrasts more; black or white where neither reaches 4.5:1 (on a mid-grey
    background, a label in the background's grey on a navy bar read 3.2:1; fuzzing)."""
    colors = job.theme.theme.colors
    return colour.text_on(fill, colors.text, colors.background)


def text_width_pt(
    job: ChartJob, text: str, *, bold: bool = False, size: float | None = None
) -> float:
    """Width in points of ``text`` (its widest line) in the chart font."""
    font = job.theme.body.file(bold)
    return SLIDE.width(text, font, Pt(size or label_size(job))).pt


def gridlines(ax: Axes, job: ChartJob, value_axis: Literal["x", "y"] = "y") -> None:
    """Light value-axis gridlines when the theme asks for them (and tick labels either way)."""
    ax.grid(axis=value_axis, visible=job.theme.theme.chart.gridlines)
    ax.set_axisbelow(True)


def row_breaks(ax: Axes, job: ChartJob, along: Literal["x", "y"]) -> None:
    """A dotted line across the plot between two rows drawn one slot apart where the
    data's rows between them were left out (:attr:`~deckgen.tables.select.ChartData.breaks`:
    a card's five largest states and the tenth, highlighted, which read as the sixth).
    ``along``: the axis the categories are placed along, one slot apart (``"y"`` for rows,
    ``"x"`` for columns). Dotted, not dashed: a dashed line is a reference line."""
    draw = ax.axhline if along == "y" else ax.axvline
    for k in job.data.breaks:
        line = draw(k - 0.5, color=job.theme.theme.colors.muted, linestyle=":",
                    linewidth=1.5 * job.canvas.scale, zorder=1)  # fmt: skip
        line.set_in_layout(False)


def halo(
    job: ChartJob, pad_pt: float = 1.0, *, gridlines_only: bool = False
) -> dict[str, Any] | None:
    """A label's ``bbox`` for text written on the plot: a box in the plot's background
    colour (the dark one in a dark theme), ``pad_pt`` points round the text, without an
    edge. Drawn over the gridlines, it stops one that would run through the label
    ``pad_pt`` short of it (Datawrapper's halo); a box rather than an outline round the
    glyphs, which left a line through the counter of a '6' (fuzzing). Only for a label
    placed clear of the marks by more than ``pad_pt``: the box hides what is under it.
    ``gridlines_only``: ``None`` (no box) in a theme that draws no gridlines, where the
    box would only hide the end of a leader line."""
    if gridlines_only and not job.theme.theme.chart.gridlines:
        return None
    return {"facecolor": job.theme.theme.colors.background, "edgecolor": "none", "pad": pad_pt}


def tick_formatter(job: ChartJob) -> Formatter:
    """Value-axis tick labels in the spec's number format, in one unit for the whole axis
    and with as few decimals as the ticks need: '0, 0.5M, 1.0M, 1.5M' or '0, 10M, 20M'
    (:meth:`NumberFormat.format_values`, as the value labels and tables use).

    The ticks of a log axis spanning powers of ten are each written on their own ('0.01',
    '1', '1K', '1M'), where one unit and one precision wrote 1 and 1,000 both as '0.0M'.
    """
    from matplotlib.ticker import Formatter

    base = job.spec.format
    log = job.spec.axis.log

    class _Ticks(Formatter):
        # Ticks are written when the figure is drawn, after the job has set its marks.
        def format_ticks(self, values: list[float]) -> list[str]:
            with numerals(job.marks):
                if log and len(values) and max(values) >= 10 * min(values):
                    texts = [base.format_values([v], ticks=True)[0] for v in values]
                else:
                    texts = base.format_values(values, ticks=True)
            return self._word_once(values, texts)

        def _word_once(self, values: list[float], texts: list[str]) -> list[str]:
            """A suffix that is a word (' vehicles') on the outermost tick alone, as
            newsrooms write an axis's unit: on every tick it took a third of the chart's
            width ('250,000 vehicles registered' six times, found in review)."""
            word = base.suffix
            if not (word[:1].isspace() and any(c.isalpha() for c in word)) or len(values) < 2:
                return texts
            lo, hi = sorted(self.axis.get_view_interval()) if self.axis else (-math.inf, math.inf)
            slack = 1e-9 * max(abs(lo), abs(hi), 1.0)  # a tick at an end is on it
            shown = [k for k, v in enumerate(values) if lo - slack <= v <= hi + slack]
            if len(shown) < 2:
                return texts
            keep = max(shown, key=lambda k: values[k])
            return [t if k == keep or not t.endswith(word) else t[: -len(word)]
                    for k, t in enumerate(texts)]  # fmt: skip

        def __call__(self, x: float, pos: int | None = None) -> str:
            with numerals(job.marks):
                return base.format_values([x], ticks=True)[0]

    return _Ticks()


def spread(
    wanted: list[float], sizes: list[float], lo: float, hi: float, gap: float = 0.0
) -> list[float]:
    """Centres for labels of extent ``sizes`` as close as possible to ``wanted`` (least
    squares), no two nearer than their half-extents plus ``gap``, with every label inside
    ``lo``..``hi`` where there is room; returned in the input order.

    Labels sorted by position are grouped into blocks of touching labels; each block sits
    at the mean of its members' wishes, clamped to the bounds, and merges with the block
    below whenever they would overlap.
    """
    order = sorted(range(len(wanted)), key=lambda i: (wanted[i], i))
    blocks: list[list[int]] = []

    def offsets(block: list[int]) -> list[float]:
        out = [0.0]
        for a, b in pairwise(block):
            out.append(out[-1] + (sizes[a] + sizes[b]) / 2 + gap)
        return out

    def start(block: list[int]) -> float:
        offs = offsets(block)
        ideal = sum(wanted[i] - o for i, o in zip(block, offs, strict=True)) / len(block)
        low = lo + sizes[block[0]] / 2
        high = hi - offs[-1] - sizes[block[-1]] / 2
        return max(low, min(ideal, high)) if high >= low else low

    def top(block: list[int]) -> float:
        return start(block) + offsets(block)[-1] + sizes[block[-1]] / 2

    for i in order:
        blocks.append([i])
        while len(blocks) > 1 and (
            top(blocks[-2]) + gap > start(blocks[-1]) - sizes[blocks[-1][0]] / 2
        ):
            last = blocks.pop()
            blocks[-1].extend(last)
    out = [0.0] * len(wanted)
    for block in blocks:
        base = start(block)
        for i, offset in zip(block, offsets(block), strict=True):
            out[i] = base + offset
    return out


def name_value(job: ChartJob, name: str, value: str, width_pt: float, *, bold: bool = False) -> str:
    """'Name  value' on one line if it fits ``width_pt``, else the name wrapped as
    :func:`wrap_label` wraps it (at most three lines, a word too wide cut, with a warning)
    with the value after its last line (or on a line of its own). Wrapped at its words
    alone, a ring chart's label of a URL was wider than the picture and dropped whole, and a
    long name took nine lines (found by fuzzing)."""
    if not value:
        return wrap_label(job, name, width_pt, bold=bold, sense=False)  # as below
    single = f"{name}  {value}"
    if text_width_pt(job, single, bold=bold) <= width_pt:
        return single
    # As wrapped greedily: an end label's placement tries the rooms that set it on the
    # fewest lines (kinds.charts._areas), which the greedy wrap's count of them is.
    lines = wrap_label(job, name, width_pt, bold=bold, sense=False).split("\n")
    last = f"{lines[-1]}  {value}"
    if text_width_pt(job, last, bold=bold) <= width_pt:
        lines[-1] = last
    else:
        lines.append(value)
    return "\n".join(lines)


def heights_pt(texts: Sequence[Text]) -> list[float]:
    """Heights in points of texts already added to a figure, as they will be drawn."""
    if not texts:
        return []
    fig = cast("Figure", texts[0].figure)
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]  # Agg's canvas
    return [t.get_window_extent(renderer).height * 72 / fig.dpi for t in texts]


#: Set on a figure by :func:`layout_is_final`, cleared by :func:`settle`.
_FINAL = "deckgen_layout_final"


class NoRoom(FitError):
    """A chart drawn with no room for what it must show: its plot laid out to nothing, or
    its marks squashed under what is written around them. Raised while it is drawn, never
    a picture: a card that draws its chart while it is planned refuses the layout, and
    says so with the presets that have room (``ChartKind.card_unseen``); elsewhere the
    build stops naming the chart (:meth:`~deckgen.render.charts.ChartJob.figure`).

    ``why`` follows 'the chart' ('has no room for its plot: ...'), ``fix`` is the hint."""

    def __init__(self, why: str, fix: str, title: str = "") -> None:
        chart = f"the chart under {title!r}" if title else "the chart"
        super().__init__(Problem(None, f"{chart} {why}", fix))
        self.why, self.fix = why, fix

    def under(self, title: str, picture: str | None = None) -> NoRoom:
        """The same, naming the chart by the ``title`` it illustrates, and its job's key
        (:attr:`~deckgen.errors.DeckgenError.picture`: the build says where it is)."""
        error = NoRoom(self.why, self.fix, title)
        error.picture = picture
        return error


#: How matplotlib's constrained layout says it gave up: the axes would have no size, so it
#: leaves them where the last layout put them and only warns ('warning: constrained_layout
#: not applied ...', the one word a grouped bar card said of a plot 1 px tall under a value
#: axis to 2,000,000,000,000,000%: found in review).
_COLLAPSED = "constrained_layout not applied because axes sizes collapsed"


@contextlib.contextmanager
def refusing_collapse(fig: Figure) -> Iterator[None]:
    """Around a layout of ``fig`` (:func:`settle`, and the one drawing makes): matplotlib
    giving up on it, its axes collapsed to nothing, is a :class:`NoRoom` error rather than
    a warning and a picture laid out for something else."""
    import warnings

    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=_COLLAPSED, category=UserWarning)
        try:
            yield
        except UserWarning as exc:
            if _COLLAPSED not in str(exc):
                raise
            width, height = (float(v) * 72 for v in fig.get_size_inches())
            raise NoRoom(
                f"has no room for its plot: what is written around it (names, values, a "
                f"key) takes the whole picture, {width:.0f} x {height:.0f} pt",
                "give the chart more room (a shorter title or subtitle, a taller card), or "
                "shorten the names or show fewer of them",
            ) from None


def settle(fig: Figure) -> None:
    """Run the layout engine now, so axes sizes and transforms are those of the final
    picture (renderers that place labels in points call this before measuring). A layout
    that collapses the axes is a :class:`NoRoom` error (:func:`refusing_collapse`).

    Only the layout: ``fig.draw_without_rendering()`` would also walk every artist with
    drawing switched off, a third more time for nothing a measurement needs.
    """
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            # matplotlib places an axis title under the tick labels by measuring them all
            # again, even for an empty title (every axis here but a scatter's x): a fifth
            # of each layout run, for nothing drawn. An empty title is left where it is.
            axis._autolabelpos = bool(axis.label.get_text())  # type: ignore[union-attr]
    engine = fig.get_layout_engine()
    if engine is not None:
        with refusing_collapse(fig):
            engine.execute(fig)
    setattr(fig, _FINAL, False)


def refuse_flat(ax: Axes, job: ChartJob, lo: float, hi: float, marks: str, over: str,
                fix: str, which: Literal["x", "y"] = "y") -> None:  # fmt: skip
    """Raise :class:`NoRoom` where the ``marks`` ('bars'), or the part of the value axis
    they stand on, spanning ``lo`` to ``hi`` in data units along the axis ``which``, are
    drawn shorter than a line of the chart's labels on the axes as they stand: what
    stands ``over`` them ('the values and series names over them') has taken their room,
    and they no longer show their differences.
    A value axis grown for labels in points on a plot too short for them squashed a
    card's bars to 1 px under an axis to 250% for values up to 5.55% (found in review).
    Marks of no extent (every value zero) have no room to lose."""
    if not hi > lo:
        return
    a = ax.transData.transform((lo, lo))
    b = ax.transData.transform((hi, hi))
    k = 0 if which == "x" else 1
    drawn = abs(float(b[k] - a[k])) * 72 / figure_of(ax).dpi
    line = text_height_pt(figure_of(ax), job)
    if drawn >= line:
        return
    x0, y0, x1, y1 = axes_points(ax)
    plot = x1 - x0 if which == "x" else y1 - y0
    raise NoRoom(
        f"has no room for its {marks}: {over} leave them {drawn:.0f} pt of a {plot:.0f} pt "
        f"plot, under a line of its labels ({line:.0f} pt), so their differences do not show",
        fix,
    )


def layout_is_final(fig: Figure) -> None:
    """Say that the layout :func:`settle` last made is the picture's: what was drawn since
    lies inside the plot and moves nothing. The collision pass then measures on it rather
    than laying the figure out again (the same layout, at ~7 ms a chart). Only a kind
    that knows this says it; any later :func:`settle` takes it back."""
    setattr(fig, _FINAL, True)


def laid_out(fig: Figure) -> bool:
    """Whether the figure's layout is final (:func:`layout_is_final`)."""
    return bool(getattr(fig, _FINAL, False))


def texts_inside(ax: Axes) -> bool:
    """Whether every text written on ``ax`` lies inside its plot, on the layout as it
    stands (texts inside cannot move the layout: see :func:`layout_is_final`)."""
    renderer = figure_of(ax).canvas.get_renderer()  # type: ignore[attr-defined]
    box = ax.get_window_extent(renderer).padded(0.5)
    return all(
        box.contains(e.x0, e.y0) and box.contains(e.x1, e.y1)
        for e in (t.get_window_extent(renderer) for t in ax.texts
                  if t.get_visible() and t.get_text())
    )  # fmt: skip


def points_per_unit(ax: Axes) -> tuple[float, float]:
    """Points per data unit along x and y of linear axes, from the current layout (see
    :func:`settle`).

    The axes' size over their limits' span, not the distance between where 0 and 1 are
    drawn: over values near 1e17 those two positions are the same float, and the chart
    divided by zero (found by fuzzing).
    """
    box = ax.bbox
    (x_lo, x_hi), (y_lo, y_hi) = ax.get_xlim(), ax.get_ylim()
    scale = 72 / figure_of(ax).dpi
    return box.width * scale / abs(x_hi - x_lo), box.height * scale / abs(y_hi - y_lo)


def to_points(ax: Axes, x: float, y: float) -> tuple[float, float]:
    """A data point in figure points (from the bottom left), for placing labels."""
    px, py = ax.transData.transform((x, y))
    scale = 72 / figure_of(ax).dpi
    return px * scale, py * scale


def axes_points(ax: Axes) -> tuple[float, float, float, float]:
    """The axes box in figure points: x0, y0, x1, y1."""
    box = ax.get_window_extent()
    scale = 72 / figure_of(ax).dpi
    return box.x0 * scale, box.y0 * scale, box.x1 * scale, box.y1 * scale


def text_height_pt(fig: Figure, job: ChartJob, size: float | None = None) -> float:
    """Height in points of a one-line label as matplotlib lays it out."""
    probe = fig.text(0, 0, "Ag", fontsize=size or label_size(job))
    try:
        box = probe.get_window_extent(fig.canvas.get_renderer())  # type: ignore[attr-defined]
    finally:
        probe.remove()
    return box.height * 72 / fig.dpi


@functools.cache
def drawn_height(font: str, size: float, lines: int) -> float:
    """The height in points matplotlib gives ``lines`` lines of text in ``font`` at ``size``
    (Agg at 72 dpi, the default line spacing), worked out as it works it out in
    ``Text._get_layout`` but from the font file, so that planning (``deckgen check``) need
    not load matplotlib (a map's labels; where a card cuts a ring's picture under its
    labels): each line is the font's ascender plus descender (OS/2 typographic metrics,
    else hhea), or the ink of 'Ag' where that reaches further, and the lines of a block of
    several are a line gap apart.

    The ink comes from Pillow, whose FreeType hints as matplotlib's does but gives whole
    pixels. Hinting puts the ink on whole pixels at label sizes, so the answer is
    matplotlib's to the last bit (every shipped font, 6 to 45 pt; tested); where a large
    label's hinted ink ends inside a pixel, this is up to a pixel a line taller, which only
    makes fitting cautious.
    """
    units, ascender, descender, line_gap = _vertical_metrics(font)
    # matplotlib's operations in its order, so that the floats agree exactly.
    scale = 1 / units * size * 72 / 72
    _, top, _, bottom = _ink_font(font, size).getbbox("Ag", anchor="ls")
    ascent, descent = max(-top, ascender * scale), max(bottom, -descender * scale)
    gap = line_gap * scale if lines > 1 else 0.0
    y = 0.0
    for _ in range(lines):
        y -= ascent + gap / 2
        y -= descent + gap / 2
    return -y


@functools.cache
def _vertical_metrics(font: str) -> tuple[int, int, int, int]:
    """Units per em, ascender, descender (negative below the baseline) and line gap, from
    the table matplotlib reads them from."""
    from fontTools.ttLib import TTFont

    with TTFont(font, lazy=True, fontNumber=0) as face:
        units = int(face["head"].unitsPerEm)
        if "OS/2" in face:
            os2 = face["OS/2"]
            return units, os2.sTypoAscender, os2.sTypoDescender, os2.sTypoLineGap
        hhea = face["hhea"]
        return units, hhea.ascent, hhea.descent, hhea.lineGap


@functools.cache
def _ink_font(font: str, size: float) -> ImageFont.FreeTypeFont:
    from PIL import ImageFont

    from deckgen.theming.fonts import face_source

    return ImageFont.truetype(face_source(font), size)


def clearance_pt(fig: Figure) -> float:
    """Space in points two labels need between them to pass the collision check (its
    padding on both boxes), plus a hair."""
    return clearance_at(fig.dpi)


def clearance_at(dpi: float) -> float:
    """:func:`clearance_pt` of a picture drawn at ``dpi``, before any figure is made (a
    card's layout planned without drawing)."""
    from deckgen.render.labels import PAD_PX

    return (2 * PAD_PX + 1) * 72 / dpi


def connector(
    ax: Axes,
    xy: tuple[float, float],
    start: tuple[float, float],
    end: tuple[float, float],
    color: str,
    width: float,
) -> Artist:
    """A thin straight line from data point ``xy`` offset by ``start`` points to ``xy``
    offset by ``end`` points: ties a label that had to move to what it names (returned, to
    :func:`deckgen.render.labels.attach` to the label)."""
    from matplotlib.patches import ConnectionPatch
    from matplotlib.transforms import ScaledTranslation

    fig = figure_of(ax)
    a = ax.transData + ScaledTranslation(start[0] / 72, start[1] / 72, fig.dpi_scale_trans)
    b = ax.transData + ScaledTranslation(end[0] / 72, end[1] / 72, fig.dpi_scale_trans)
    line = ConnectionPatch(
        xy, xy, coordsA=a, coordsB=b, color=color, linewidth=width, clip_on=False, zorder=1
    )
    ax.add_artist(line)
    return line


# --------------------------------------------------------------------------- lines under labels
#: Where :func:`break_around_texts` keeps a line's gap settings on the line.
_GAPS = "deckgen_gaps"
#: Where it keeps the texts the line is set beside on purpose (its own label).
_OWN = "deckgen_own"
#: Whether a line broken around texts is broken around the rows' names too.
_NAMES = "deckgen_names"


def break_around_texts(
    line: Line2D, pad_pt: float, own: Sequence[Text] = (), *, names: bool = False
) -> None:
    """Draw the straight ``line`` (two points: an ``axhline`` or ``axvline``) with a gap
    wherever it would cross a text written on its axes, or pass beside one closer than
    ``pad_pt`` points, ``pad_pt`` clear of the text's box on every side, so a line drawn
    under labels is never seen through one, nor touching one. ``own``: texts set beside
    the line on purpose (its label, a few points off), which break it only where crossed.
    ``names``: the rows' names (the y tick labels) too, where they stand in the plot (a
    horizontal bar's name over its bar).

    Decided as the picture is drawn, on the texts drawn then: the collision pass may have
    removed some, and the last layout moved the rest. An outline in the background's colour
    around the glyphs hid a reference line only next to their strokes: it still ran through
    the counter of a '6' and between the digits of a bar's value (fuzzing). A line that
    comes near no text is drawn exactly as before."""
    # The line keeps everything axhline/axvline gave it (transform, path, autoscaling): only
    # how it draws changes.
    line.__class__ = _broken_line()
    setattr(line, _GAPS, pad_pt)
    setattr(line, _OWN, tuple(own))
    setattr(line, _NAMES, names)


@functools.cache
def _broken_line() -> type[Line2D]:
    """The class of a line drawn with gaps around texts (made on first use: this module is
    imported where charts are planned, which never loads matplotlib)."""
    from matplotlib.lines import Line2D

    class BrokenLine(Line2D):
        def draw(self, renderer: RendererBase) -> None:
            pieces = line_pieces(self, renderer, getattr(self, _GAPS), getattr(self, _OWN, ()),
                                 names=getattr(self, _NAMES, False))  # fmt: skip
            if pieces is None:
                super().draw(renderer)
                return
            whole = self.get_xdata(orig=True), self.get_ydata(orig=True)
            self.set_data(*pieces)  # the pieces apart, NaN between them (a break)
            try:
                super().draw(renderer)
            finally:
                self.set_data(*whole)

    return BrokenLine


def line_pieces(
    line: Line2D, renderer: RendererBase, pad_pt: float, own: Sequence[Text] = (),
    *, names: bool = False, boxes: Sequence[tuple[Text, Bbox]] | None = None,
) -> tuple[list[float], list[float]] | None:  # fmt: skip
    """The straight ``line`` as the pieces outside every text of its axes it crosses or
    passes beside within ``pad_pt`` (``pad_pt`` clear of each; an ``own`` text, only where
    crossed), with ``names`` its y tick labels too, in its own coordinates with NaN between
    pieces; ``None`` when it comes near no text (it is drawn whole). ``boxes``: the texts'
    extents (:func:`text_extents`), measured once for many lines on one layout."""
    import numpy as np
    from matplotlib.transforms import Bbox

    points = np.column_stack([np.asarray(line.get_xdata(orig=True), dtype=float),
                              np.asarray(line.get_ydata(orig=True), dtype=float)])  # fmt: skip
    ax = line.axes
    if ax is None or points.shape != (2, 2):
        return None
    to_pixels = line.get_transform()
    start, end = to_pixels.transform(points)
    dpi = line.get_figure(root=True).dpi  # type: ignore[union-attr]
    # Clear of the text by the pad plus half the line's width (its edge, not its centre).
    pad = (pad_pt + line.get_linewidth() / 2) * dpi / 72
    half = line.get_linewidth() / 2 * dpi / 72
    if boxes is None:
        boxes = text_extents(cast("Axes", ax), renderer, names=names)
    cuts = []
    for text, box in boxes:
        # A line that passes over or under the text is left whole: its box holds the
        # font's ascent and descent, air over and under the glyphs. One that crosses it,
        # or passes beside it within the pad (the box's sides are the glyphs' own edges),
        # is broken clear of it: a line a pixel beside '90.5%' was drawn whole, its dashes
        # touching the '9', on a portrait card (fuzz-K). Its own label keeps GAP points
        # off it on purpose.
        side = half if any(text is o for o in own) else pad
        near = Bbox.from_extents(box.x0 - side, box.y0 - half, box.x1 + side, box.y1 + half)
        if _crossing(start, end, near) is None:
            continue
        span = _crossing(start, end, box.padded(pad))
        if span is not None:
            cuts.append(span)
    if not cuts:
        return None
    kept, at = [], 0.0
    for lo, hi in sorted(cuts):
        if lo > at:
            kept.append((at, lo))
        at = max(at, hi)
    if at < 1.0:
        kept.append((at, 1.0))
    back = to_pixels.inverted()
    out_x: list[float] = []
    out_y: list[float] = []
    for lo, hi in kept:
        for share in (lo, hi):
            x, y = back.transform(start + (end - start) * share)
            out_x.append(float(x))
            out_y.append(float(y))
        out_x.append(math.nan)
        out_y.append(math.nan)
    return out_x, out_y


def text_extents(
    ax: Axes, renderer: RendererBase, *, names: bool = False
) -> list[tuple[Text, Bbox]]:
    """Each visible text written on ``ax`` (with ``names``, its y tick labels too) and its
    extent in pixels, on the layout as it stands (see :func:`line_pieces`)."""
    texts = [*ax.texts, *(ax.get_yticklabels() if names else ())]
    return [(t, t.get_window_extent(renderer)) for t in texts
            if t.get_visible() and t.get_text().strip()]  # fmt: skip


def _crossing(
    start: Sequence[float], end: Sequence[float], box: Bbox
) -> tuple[float, float] | None:
    """The part of the segment from ``start`` to ``end`` (pixels) inside ``box``, as shares
    of its length, or ``None`` (Liang-Barsky clipping)."""
    lo, hi = 0.0, 1.0
    for first, last, low, high in ((start[0], end[0], box.x0, box.x1),
                                   (start[1], end[1], box.y0, box.y1)):  # fmt: skip
        delta = last - first
        if delta == 0:
            if not low <= first <= high:
                return None
            continue
        a, b = (low - first) / delta, (high - first) / delta
        lo, hi = max(lo, min(a, b)), min(hi, max(a, b))
    return (lo, hi) if lo < hi else None


# --------------------------------------------------------------------------- value axis
def value_limits(
    job: ChartJob, values: Sequence[float], *, below: float = 0.05, above: float = 0.06
) -> tuple[float, float]:
    """The value axis's limits for ``values``: from zero unless ``axis: {zero: false}``, a
    log scale or an index (read against 100) lets the axis start near the data, with
    ``below``/``above`` (shares of the span) of room for labels, and the spec's
    ``min``/``max`` where given.

    An axis that does not reach zero starts and ends on a tick (a labelled gridline), so
    its range can be read; a log axis gets its room as ratios.
    """
    axis = job.spec.axis
    data = [v for v in values if v is not None] or [0.0]
    lo, hi = min(data), max(data)
    zero = reaches_zero(job)
    if axis.log:
        lo, hi = max(lo, 1e-12), max(hi, 1e-12)
        ratio = (hi / lo) if hi > lo else 10.0
        lo, hi = lo / ratio**below, hi * ratio**above
    elif zero:
        lo, hi = min(0.0, lo), max(0.0, hi)
        span = (hi - lo) or 1.0
        lo, hi = lo - (below * span if lo < 0 else 0.0), hi + (above * span if hi > 0 else 0.0)
        if lo == hi:  # every value zero: an axis from 0 to 1 (an empty range is singular)
            hi = lo + 1.0
    else:
        span = (hi - lo) or abs(hi) or 1.0
        low, high = lo - below * span, hi + above * span
        # The room for labels never crosses zero: an index of 40 to 920 ran down to -200
        # (found by fuzzing), a sign no value has.
        if lo >= 0:
            low = max(low, 0.0)
        if hi <= 0:
            high = min(high, 0.0)
        # Nor past 100%, a share no value of at most 100% reaches: occupancy peaking at
        # 98.6% ran to 110%, an empty band that read as over-full (found by review).
        if job.spec.format.style == "percent" and hi <= 100.0 < high:
            high = 100.0
        lo, hi = _nice_ends(low, high)
    if axis.min is not None:
        lo = axis.min
    if axis.max is not None:
        hi = axis.max
    return lo, hi


def reaches_zero(job: ChartJob) -> bool:
    """Whether ``job``'s value axis runs from zero (else, on a linear scale, it runs from
    tick to tick near its data: :func:`value_limits`). An index reads against 100, not
    zero: it starts near its data unless told otherwise."""
    axis = job.spec.axis
    return axis.reaches_zero and not (
        job.spec.index is not None and axis.zero is None and not job.spec.from_zero
    )


#: The most of an axis's range its nice ends may leave empty beyond the data's room:
#: past it a finer step is taken (up to :data:`_MOST_BINS` of them).
_EMPTY_SHARE = 0.2
_MOST_BINS = 8


def _nice_ends(lo: float, hi: float) -> tuple[float, float]:
    """``lo``/``hi`` moved out to the nearest ticks of about five nice steps; of more steps
    where five would leave a large empty band (more than :data:`_EMPTY_SHARE` of the
    axis), so the axis does not run a step past what it shows."""
    from matplotlib.ticker import MaxNLocator

    first: tuple[float, float] | None = None
    for bins in range(5, _MOST_BINS + 1):
        ticks = MaxNLocator(nbins=bins, steps=[1, 2, 2.5, 5, 10]).tick_values(lo, hi)
        ends = float(min(ticks[0], lo)), float(max(ticks[-1], hi))
        first = first or ends
        if (ends[1] - ends[0]) - (hi - lo) <= _EMPTY_SHARE * (ends[1] - ends[0]):
            return ends
    assert first is not None
    return first


def value_scale(ax: Axes, job: ChartJob, which: Literal["x", "y"] = "y") -> None:
    """A log value axis when the spec asks for one, ticked at 1-2-5 steps (or at linear
    nice numbers where the range is too short for them), no minor ticks. A linear axis
    that does not reach zero is ticked at both its ends (:func:`end_locator`)."""
    if not job.spec.axis.log:
        if not reaches_zero(job):
            _ticked_ends(ax, job, which)
        return
    from matplotlib.ticker import FixedLocator, NullLocator

    (ax.set_yscale if which == "y" else ax.set_xscale)("log")
    axis = ax.yaxis if which == "y" else ax.xaxis
    lo, hi = ax.get_ylim() if which == "y" else ax.get_xlim()
    axis.set_major_locator(FixedLocator(log_ticks(lo, hi)))
    axis.set_minor_locator(NullLocator())


def _ticked_ends(ax: Axes, job: ChartJob, which: Literal["x", "y"]) -> None:
    """A value axis near its data ticked where it starts and ends: an axis drawn from 2.5
    with ticks from 2.6 left a stretch of axis under its lowest gridline with no label
    (found in review). Its nice ends (:func:`value_limits`) keep the ticks the axis takes
    where those fall on them, else take the round ticks of :func:`end_ticks`; on an axis
    too short to label those, its ends move out to its own ticks (an end the outline
    fixes stays). Measured on the laid-out axis, in the chart's text size."""
    from matplotlib.ticker import MaxNLocator

    axis = ax.yaxis if which == "y" else ax.xaxis
    get, put = (ax.get_ylim, ax.set_ylim) if which == "y" else (ax.get_xlim, ax.set_xlim)
    settle(figure_of(ax))
    room = max(1, min(axis.get_tick_space(), 9))
    ticker = MaxNLocator(nbins=room, steps=[1, 2, 2.5, 5, 10])
    fixed = job.spec.axis
    for _ in range(4):  # moved out, the ends may take a coarser step: until they keep it
        lo, hi = sorted(get())
        slack = 1e-9 * (hi - lo)
        inside = [float(t) for t in ticker.tick_values(lo, hi) if lo - slack <= t <= hi + slack]
        if len(inside) < 2 or end_ticks(lo, hi, inside[1] - inside[0], room + 1) is not None:
            break
        step = inside[1] - inside[0]
        low = lo if fixed.min is not None else math.floor(lo / step + 1e-9) * step
        high = hi if fixed.max is not None else math.ceil(hi / step - 1e-9) * step
        if (low, high) == (lo, hi):
            break
        put(low, high)
    axis.set_major_locator(end_locator())


#: Round tick steps, times a power of ten (matplotlib's own, bar 10: the next power).
_ROUND = (1.0, 2.0, 2.5, 5.0)


def end_ticks(lo: float, hi: float, step: float, most: int = _MOST_BINS + 2) -> list[float] | None:
    """Ticks from ``lo`` to ``hi`` on a round step of which both ends are multiples: the
    finest no finer than ``step`` (the ticks the axis would take), else the coarsest finer
    one, at most ``most`` intervals, and of those one that takes no more decimals than the
    ends where one does; ``None`` where no round step divides both (an end the
    outline fixed, ``axis: {min: 37}``). Ends from :func:`value_limits` are such ticks, so
    the axis is labelled where it starts and ends."""
    span = hi - lo
    if not (span > 0 and step > 0 and math.isfinite(span)):
        return None
    power = math.floor(math.log10(span))
    candidates = sorted(m * 10.0**p for p in range(power - 3, power + 1) for m in _ROUND)

    def divides(size: float) -> bool:
        return all(abs(v / size - round(v / size)) < 1e-6 for v in (lo, hi))

    fits = [c for c in candidates if 2 - 1e-9 <= span / c <= most + 1e-9 and divides(c)]
    # A step written with no more decimals than the ends first: 2.5 to 4.0 by 0.5, not
    # by 0.25 ('2.50%, 2.75%').
    plain = max(_decimals(lo), _decimals(hi))
    order = [c for c in fits if c >= step * (1 - 1e-9)] + fits[::-1]
    chosen = next((c for c in order if _decimals(c) <= plain), order[0] if order else None)
    if chosen is None:
        return None
    first = round(lo / chosen)
    return [(first + k) * chosen for k in range(round(span / chosen) + 1)]


def _decimals(value: float) -> int:
    """The decimals ``value`` is written with (0.25: two), up to nine."""
    return next((d for d in range(10) if abs(value * 10**d - round(value * 10**d)) < 1e-6), 9)


def end_locator() -> Locator:
    """matplotlib's own value ticks (its ``AutoLocator``'s), or, where they leave an end of
    the axis unticked, those of :func:`end_ticks`, for a value axis that does not reach
    zero: it started under its lowest tick, an unlabelled stretch of axis under the lowest
    gridline (found in review)."""
    import numpy as np
    from matplotlib.ticker import MaxNLocator

    class _EndTicks(MaxNLocator):
        def tick_values(self, vmin: float, vmax: float) -> Any:
            ticks = super().tick_values(vmin, vmax)
            lo, hi = sorted((float(vmin), float(vmax)))
            slack = 1e-9 * (hi - lo)
            inside = [float(t) for t in ticks if lo - slack <= t <= hi + slack]
            if len(inside) < 2 or (abs(inside[0] - lo) <= slack and abs(inside[-1] - hi) <= slack):
                return ticks
            # No more steps than the axis can label: one more than matplotlib's own ticks
            # take (two label sizes a step, for looks), its steps still over 1.5 sizes.
            room = self.axis.get_tick_space() if self.axis is not None else _MOST_BINS
            most = max(min(room, 9) + 1, len(inside) - 1)
            ends = end_ticks(lo, hi, inside[1] - inside[0], most)
            return ticks if ends is None else np.asarray(ends)

    return _EndTicks(nbins="auto", steps=[1, 2, 2.5, 5, 10])


def log_ticks(lo: float, hi: float) -> list[float]:
    """Ticks for a log axis from ``lo`` to ``hi``: powers of ten over a wide range, else 1,
    2 and 5 times them, else 1, 1.5, 2, 3, 5 and 7 times them, so three to eight fall in
    range; every second (third...) power of ten over a range wider still; linear nice
    numbers within a range too short for any of these."""
    from matplotlib.ticker import MaxNLocator

    first, last = math.floor(math.log10(lo)), math.ceil(math.log10(hi))
    for subs in ((1.0,), (1.0, 2.0, 5.0), (1.0, 1.5, 2.0, 3.0, 5.0, 7.0)):
        ticks = [m * 10.0**k for k in range(first, last + 1) for m in subs]
        inside = [t for t in ticks if lo <= t <= hi]
        if 3 <= len(inside) <= 8:
            return inside
    for every in range(2, last - first + 1):
        inside = [10.0**k for k in range(first, last + 1) if k % every == 0]
        inside = [t for t in inside if lo <= t <= hi]
        if 3 <= len(inside) <= 8:
            return inside
    linear = MaxNLocator(nbins=4).tick_values(lo, hi)
    return [float(t) for t in linear if lo <= t <= hi and t > 0]


# --------------------------------------------------------------------------- category axis
#: The shares of a picture's width the names beside rows (horizontal bars, rows of dots)
#: may wrap at: the first, unless a name would be cut there and a wider share holds it.
ROW_NAME_SHARES = (0.3, 0.35, 0.4, 0.45)


def row_name_room(job: ChartJob, *, one_line: bool = False, most: int = NAME_LINES) -> float:
    """The width in points the names beside rows wrap at: 30% of the picture, or up to
    45% where a name would be cut at 30% (on a card, at the card's large text, every long
    department name was cut on every preset, the tallest too; found in review), so long
    as the wider share writes it whole. ``one_line``: the same for names each on one
    line, as rows too close for two lines set them (in the contrast theme's larger text
    every long name was cut to one line at 30% where 45% held it whole; review); ``most``:
    for names on at most that many lines (:func:`wrap_label`)."""
    width = job.canvas.width.pt
    bold = set(job.spec.highlight)
    labels = category_labels(job)
    names = [(label, str(c) in bold) for c, label in zip(job.data.categories, labels, strict=True)]
    for share in ROW_NAME_SHARES:
        room = width * share
        if one_line:
            cut = any(text_width_pt(job, name.replace("\n", " "), bold=strong) > room
                      for name, strong in names)  # fmt: skip
        else:
            cut = any("…" in wrap_label(job, name, room, bold=strong, most=most)
                      and "…" not in name for name, strong in names)  # fmt: skip
        if not cut:
            return room
    return width * ROW_NAME_SHARES[0]  # cut whatever the share: the narrowest, as before


def category_labels(job: ChartJob) -> list[str]:
    """The categories as shown: a date as its period reads, short ("Mar 2010", "Q1 2010",
    "2010"), other categories as written."""
    from deckgen.tables.dates import label

    if job.data.x_dates is not None:
        return [label(d, short=True) for d in job.data.x_dates]
    return list(job.data.categories)


def category_words(job: ChartJob) -> list[str]:
    """The categories as alt text says them: a date in full ("March 2010", "Q1 2010")."""
    from deckgen.tables.dates import label

    if job.data.x_dates is not None:
        return [label(d) for d in job.data.x_dates]
    return list(job.data.categories)


def at_word(job: ChartJob) -> str:
    """The preposition a reader puts before a category: 'in 2023', 'in March 2010', but
    'on March 1, 2010'."""
    from deckgen.outline.text_numbers import DAY_WRITTEN
    from deckgen.tables.dates import precision_of

    if job.data.x_dates:
        return "on" if precision_of(job.data.x_dates[0]) == "day" else "in"
    # A day without its year, not placed at a date ('December 27', as TikTok's overview
    # writes its days): 'in December 27' was read out (found in review).
    first = str(job.data.categories[0]).strip() if job.data.categories else ""
    return "on" if DAY_WRITTEN.fullmatch(first) else "in"


#: How many gaps the alt text names before it counts the rest.
GAPS_NAMED = 3


def gaps(cats: Sequence[str], values: Sequence[float | None], *, ends: bool = False,
         drawn: str = "") -> str:  # fmt: skip
    """' (no value for May 2025)': the categories between a series' first and last values
    that have none, which the picture leaves as gaps (a reader of the alt text would
    otherwise take the trend as unbroken); empty when there are none. With ``ends``, those
    before and after them too; ``drawn`` says how the picture draws them (', counted as
    zero')."""
    present = [i for i, v in enumerate(values) if v is not None]
    if not present:
        return ""
    span = range(len(values)) if ends else range(present[0], present[-1])
    missing = [cats[i] for i in span if values[i] is None]
    if not missing:
        return ""
    if len(missing) > GAPS_NAMED:
        said = f"{', '.join(missing[:GAPS_NAMED])} and {len(missing) - GAPS_NAMED} more"
    else:
        said = " and ".join([", ".join(missing[:-1]), missing[-1]] if len(missing) > 1
                            else missing)  # fmt: skip
    return f" (no value for {said}{drawn})"


def thin_step(
    job: ChartJob, labels: Sequence[str], slot_pt: float, fig: Figure
) -> tuple[int, bool]:
    """Every how many categories a label is shown so that none touch, and whether they are
    wrapped at their words: every one wrapped while each fits its slot or clears its
    neighbours, else every k-th on one line (cut to :func:`one_line_room`).

    ``slot_pt`` is measured before the layout settles, when the plot is a little narrower
    than it will be: a word as wide as the slot still fits."""
    # Measured until one is too wide: 20,000 names under a line measured every word of
    # each twice over, and wrapped each (7 s of a build; found by fuzzing).
    # The pieces a wrap keeps whole, not the words: a day ('Mar 14, 2024') is never broken,
    # and X's days measured a word at a time were drawn over each other (found in review).
    if all(widest_word_pt(job, t) <= slot_pt for t in labels):
        return 1, True
    # A word wider than its slot ('Germany' under a narrow group) still leaves every label
    # shown when each clears its neighbours: half of each beside the other's half, with a
    # third of an em between them (the collision pass's padding is less). Never where the
    # slot is narrower than the room between them alone.
    between = max(clearance_pt(fig), label_size(job) / 3)
    if between >= slot_pt:
        return _one_line_step(job, labels, slot_pt, fig), False
    widths = [
        max(
            text_width_pt(job, line)
            for line in wrap_label(job, t, slot_pt * 0.95, clip=False).split("\n")
        )
        for t in labels
    ]
    # The first and last names reach past the plot's ends by what is wider than half a
    # slot; the layout makes that room beside the plot, which narrows every slot (two
    # long names under a card's two bars were drawn over each other; found by fuzzing).
    past = max(widths[0] - slot_pt, 0.0) / 2 + max(widths[-1] - slot_pt, 0.0) / 2
    slot = slot_pt - past / len(widths)
    if all((a + b) / 2 + between <= slot for a, b in pairwise(widths)):
        return 1, True
    return _one_line_step(job, labels, slot_pt, fig), False


def _one_line_step(job: ChartJob, labels: Sequence[str], slot_pt: float, fig: Figure) -> int:
    """:func:`thin_step` on one line, cut: a step of 1 here is every name cut to fit, where
    wrapped at their words they were drawn over each other (found by fuzzing)."""
    widest = min(widest_pt(job, labels), one_line_room(fig))
    air = 2 * clearance_pt(fig) + 0.5 * label_size(job)
    return max(1, math.ceil((widest + air) / max(slot_pt, 1.0)))


def one_line_room(fig: Figure) -> float:
    """The widest a name shown on one line under a category axis may be (:func:`one_line`):
    a quarter of the picture, so one long name cannot thin out every other."""
    return fig.get_figwidth() * 72 / 4


def shown_every(count: int, step: int) -> list[int]:
    """Indexes of every ``step``-th category counting back from the last (always shown:
    the latest value is the one a reader looks for)."""
    return list(range(count - 1, -1, -step))[::-1]


# --------------------------------------------------------------------------- time axis
#: Calendar steps a time axis may tick at, finest first: (unit, count).
_STEPS: tuple[tuple[str, int], ...] = (
    ("day", 1), ("day", 2), ("day", 7), ("day", 14), ("month", 1), ("month", 2),
    ("month", 3), ("month", 6), ("year", 1), ("year", 2), ("year", 5), ("year", 10),
    ("year", 20), ("year", 25), ("year", 50), ("year", 100),
)  # fmt: skip
#: The most days a step's unit spans (a month's, a leap year's).
_MOST_DAYS = {"day": 1, "month": 31, "year": 366}
#: The finest step a precision's data may tick at.
_FINEST = {"day": ("day", 1), "month": ("month", 1), "quarter": ("month", 3),
           "year": ("year", 1)}  # fmt: skip


#: Precisions from the finest, to compare them.
_PRECISION_RANK = {"day": 0, "month": 1, "quarter": 2, "year": 3}


def time_x(day: dt.date) -> float:
    """A date's place on a time axis (days: proleptic ordinal)."""
    return float(day.toordinal())


def calendar_ticks(first: dt.date, last: dt.date, unit: str, count: int) -> list[dt.date]:
    """Calendar boundaries from ``first`` to ``last`` every ``count`` ``unit``s: 1 January
    of every 5th year, the first of every 3rd month (quarters), every 7th day."""
    import datetime as dt

    if unit == "day":
        return [first + dt.timedelta(days=k) for k in range(0, (last - first).days + 1, count)]
    out: list[dt.date] = []
    year, month = first.year, first.month if first.day == 1 else first.month + 1
    while True:
        if month > 12:
            year, month = year + 1, 1
        if year > dt.MAXYEAR:  # past 9999-12-31, the last date there is
            return out
        day = dt.date(year, month, 1)
        if day > last:
            return out
        if (unit == "month" and (month - 1) % count == 0) or (
            unit == "year" and month == 1 and year % count == 0
        ):
            out.append(day)
        month += 1


def time_ticks(job: ChartJob, width_pt: float) -> tuple[list[dt.date], list[str]]:
    """Ticks for the chart's dates on an axis ``width_pt`` long, and their labels
    (:func:`time_step`)."""
    _, ticks, labels = time_step(job, width_pt)
    return ticks, labels


def time_step(
    job: ChartJob, width_pt: float
) -> tuple[tuple[str, int] | None, list[dt.date], list[str]]:
    """The finest calendar step (years, quarters, months, days, no finer than the data)
    whose labels, measured in the chart font, keep 0.6 em of air between them on an axis
    ``width_pt`` long: the step ('year', 5), its ticks and their labels ("2007", "Jan
    2007", "Q1 2007"). If no step fits: no step, and the first and last dates (by their
    years), or the last alone."""
    from deckgen.tables.dates import label, precision_of

    days = job.data.x_dates or ()
    first, last = min(days), max(days)
    precision = precision_of(first)
    start = _STEPS.index(_FINEST[precision])
    span = max(time_x(last) - time_x(first), 1.0)
    air = 0.6 * label_size(job)
    for unit, count in _STEPS[start:]:
        if precision == "quarter" and unit == "month" and count % 3:
            continue
        # Each gap between labels is at least the air: a step with more ticks than the
        # axis has room for such gaps cannot fit, and is not built. Day ticks over dates
        # from 1899 to 9999 (a database's 'no end' date) were built, labelled and
        # measured: millions of them, minutes (found by fuzzing).
        fewest = (last - first).days // (count * _MOST_DAYS[unit])
        if fewest - 1 > width_pt / air:
            continue
        ticks = calendar_ticks(first, last, unit, count)
        if len(ticks) < 2:
            break
        shown = "year" if unit == "year" else ("quarter" if precision == "quarter" else (
            "month" if unit == "month" else "day"))  # fmt: skip
        labels = [label(t, short=True, precision=shown) for t in ticks]  # type: ignore[arg-type]
        widths = [text_width_pt(job, t) for t in labels]
        places = [(time_x(t) - time_x(first)) / span * width_pt for t in ticks]
        if all(b - a >= (wa + wb) / 2 + air for a, b, wa, wb in
               zip(places, places[1:], widths, widths[1:], strict=False)):  # fmt: skip
            return (unit, count), ticks, labels

    # No step fits. A tick labelled with a period sits at that period's start: by their
    # years, the ends of 11 weeks of winter read "2025" to "2026", the "2026" 18 days
    # from 1 January (found by fuzzing). So: the first and last calendar boundaries the
    # line crosses ("2007" and "2016" at 1 January), else the ends at the data's own
    # precision ("Nov 3, 2025" and "Jan 19, 2026"), else the latest boundary alone ("2026"
    # at 1 January), else the last date alone (the latest is the one a reader looks for).
    def fits(places: list[dt.date], texts: list[str]) -> bool:
        wide = [text_width_pt(job, t) for t in texts]
        room = (time_x(places[-1]) - time_x(places[0])) / span * width_pt
        return len(places) == 1 or room >= (wide[0] + wide[-1]) / 2 + air

    units = [u for u in ("year", "month") if _PRECISION_RANK[u] >= _PRECISION_RANK[precision]]
    crossed = {u: calendar_ticks(first, last, u, 1) for u in units}
    for unit in units:
        pair = crossed[unit][:: max(len(crossed[unit]) - 1, 1)]
        texts = [label(t, short=True, precision=unit) for t in pair]  # type: ignore[arg-type]
        if len(pair) == 2 and fits(pair, texts):
            return None, pair, texts
    ends = [first, last] if first != last else [last]
    labels = [label(t, short=True, precision=precision) for t in ends]
    if fits(ends, labels):
        return None, ends, labels
    for unit in units:
        if crossed[unit]:
            tick = crossed[unit][-1]
            return None, [tick], [label(tick, short=True, precision=unit)]  # type: ignore[arg-type]
    return None, ends[1:], labels[1:]


#: The labels each time axis drawn was given (see :func:`lone_date`).
_TIME_LABELS: WeakKeyDictionary[Axes, list[str]] = WeakKeyDictionary()


def lone_date(job: ChartJob) -> tuple[str, str] | None:
    """Why the card's picture ``job`` says too little of its period, and what to do, or
    ``None``: a time axis with room for one date ('2024' under six years of months beside
    an x-post card's title), which a reader takes for the period of the whole chart (found
    by a new user). A card then tries its other layouts (``ChartKind.card_unseen``). Drawn
    as the card draws it, where an estimate says the axis may be that short: planning a
    card draws in the build's process."""
    from deckgen.render.style import chart_style
    from deckgen.tables.dates import label, precision_of

    days = job.data.x_dates
    if not days or not job.spec.time_axis or min(days) == max(days):
        return None
    # The plot is never narrower than this share of the picture: beside a title, its value
    # labels and its series' names take most of the rest.
    if len(time_ticks(job, job.canvas.width.pt * 0.15)[0]) >= 2:
        return None
    with chart_style(job.theme, job.canvas), shortening(), leaving_out():
        fig = job.figure()
        drawn = [_TIME_LABELS[ax] for ax in fig.axes if ax in _TIME_LABELS]
    if not drawn or max(len(labels) for labels in drawn) >= 2:
        return None
    first, last = min(days), max(days)
    ends = [label(d, short=True, precision=precision_of(first)) for d in (first, last)]
    return (f"has room for one date under its time axis ({drawn[0][0] if drawn[0] else ''!r}), "
            f"which reads as the period of the whole chart ({ends[0]} to {ends[1]})",
            "give the chart more room (a shorter title, or fewer lines named at their "
            "ends)")  # fmt: skip


def time_axis(ax: Axes, job: ChartJob) -> None:
    """Calendar ticks under a time axis (:func:`time_ticks` for the axes' width), with a
    short tick mark at each, and room at both ends."""
    days = job.data.x_dates or ()
    first, last = time_x(min(days)), time_x(max(days))
    margin = max(last - first, 1.0) * 0.02
    ax.set_xlim(first - margin, last + margin)
    fig = figure_of(ax)
    width_pt = ax.get_position().width * fig.get_figwidth() * 72 * (last - first) / (
        (last - first) + 2 * margin or 1.0)  # fmt: skip
    ticks, labels = time_ticks(job, width_pt)
    ax.set_xticks([time_x(t) for t in ticks], labels)
    _TIME_LABELS[ax] = labels
    ax.tick_params(axis="x", length=4 * job.canvas.scale, width=0.8 * job.canvas.scale,
                   color=job.theme.theme.colors.muted)  # fmt: skip
