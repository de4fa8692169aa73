"""The one text fitter: measure, wrap, balance and fit text with a font's real metrics.

PowerPoint's autofit acts only after someone edits the text, and a card is a picture, so
deckgen decides every size and line break at build time, for slides and cards alike. The
two differ only in how their renderer sets text, which a :class:`Typesetter` names:

* ``scale``: measuring pixels per point. A slide's text is measured at 20 px per point
  (sub-point precision); a card's at its own pixel size (96 per inch), because Pillow draws
  it at exactly that size.
* ``slack``: widths are multiplied by this. PowerPoint and LibreOffice lay text out a hair
  wider than FreeType measures it, so slide widths carry 6%; Pillow draws what is measured
  (a slide's picture too, where its native twin is given the 6% instead: :data:`DRAWN`).
* ``spaced_last_line``: PowerPoint gives every line its line spacing, the last one too;
  Pillow draws lines a leading apart, so a block ends at the last line's descender.
* ``keeps_pitch``: whether a text drawn in a fallback font (Chinese and Japanese are, in
  Noto Sans CJK: :func:`~deckgen.theming.fonts.covering`) keeps the line pitch of the font
  asked for. A card draws each line where it is told: its lines stand as far apart as a
  Latin text's at that size and spacing, an ideograph's ink as tall as a capital and a
  descender together (in the fallback's own pitch, 1.45 em from ascender to descender
  against Lato's 1.21, a Chinese quotation's lines stood a fifth further apart than an
  English one's, found in review). A slide's viewer sets each line by the font that draws
  it, which deckgen does not choose: a slide measures the fallback's, the taller.

Sizes and boxes are :class:`~deckgen.layout.units.Length`; measuring happens on the
typesetter's pixel grid (widths round up to a whole measuring pixel, leading to the
nearest), so a card's text lands on whole pixels and a slide's on twentieths of a point.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from deckgen.layout.units import Length, Pt
from deckgen.outline.words import (
    CURRENCY_SIGNS,
    CURRENCY_WORDS,
    MONTH_NAMES,
    NO_BREAK_SPACES,
    currency_codes,
    one_letter_words,
    points_words,
    range_words,
    unit_words,
    weak_ending_words,
)
from deckgen.theming.fonts import covering, pil_font

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence
    from pathlib import Path


@dataclass(frozen=True)
class Fitted:
    """The result of fitting: the size chosen, the lines, and the block's extent."""

    size: Length
    lines: tuple[str, ...]
    width: Length
    height: Length
    #: The text as broken: the text given, with a no-break space where a break was kept
    #: off (:func:`_choose`). A viewer that wraps it at :meth:`written`'s measure breaks it
    #: as here.
    text: str = ""

    def near_full(self, box_width: Length) -> bool:
        """Whether the widest line nearly fills ``box_width``: a font 15-20% wider (a
        viewer's substitute) wraps it to one more line."""
        return self.width >= box_width * NEAR_FULL

    def written(self, text: str, box_width: Length) -> tuple[str, Length | None]:
        """``text`` as a deck should write it in a box ``box_width`` wide so that a viewer
        breaks it where it was fitted, and the width to wrap it at (``None``: the box's).

        Several lines short of the box's width are written with a line break where each
        ends: a wider substitute font then keeps them (in DejaVu Sans, 15% wider than
        Lato, every two-line title wrapped at its widest line took three lines and pushed
        its subtitle onto the content; found in review). Near-full lines would each wrap
        in it (four lines for two), so they are wrapped at their widest line instead, with
        no-break spaces where a break was kept off: one line more, for which the slide
        keeps room (``layout.slide``). One line is written as it is. Lines that are not
        its words in order (Chinese, broken between letters), or a text other than the one
        fitted, are wrapped at their widest line too.
        """
        if len(self.lines) < 2:
            return text, None
        measure = self.width + Pt(1)  # a point for the measuring slack
        if self.text.split() != text.split():
            return text, measure
        if self.near_full(box_width) or sum(map(len, map(str.split, self.lines))) != len(
            text.split()
        ):
            return self.text, measure
        return _line_broken(self.text, self.lines), None


#: A widest line at least this share of its box's width is near full (:meth:`Fitted.near_full`).
NEAR_FULL = 0.8


def _line_broken(held: str, lines: Sequence[str]) -> str:
    """``held`` with a line break in place of the space where each of ``lines`` but the
    last ends (the lines are its words in order; a no-break space counts as a space)."""
    ends = set(itertools.accumulate(len(line.split()) for line in lines[:-1]))
    pieces = re.split(r"(\s+)", held)
    words = 0
    for k in range(1, len(pieces), 2):
        words += bool(pieces[k - 1])
        if words in ends and "\n" not in pieces[k]:
            pieces[k] = "\n"
    return "".join(pieces)


@dataclass(frozen=True)
class Typesetter:
    """How one renderer sets text (see the module doc); measuring and fitting for it."""

    scale: float
    slack: float = 1.0
    spaced_last_line: bool = True
    keeps_pitch: bool = False
    #: Whether the renderer breaks a line after a hyphen inside a word, as PowerPoint and
    #: LibreOffice do ('second-largest'): a slide's viewer, not Pillow, which draws the
    #: lines it is given. Where it would, balancing counts a break after the hyphen.
    breaks_hyphens: bool = False

    # -- measuring ----------------------------------------------------------------------
    def pixels(self, size: Length) -> int:
        """The font size in measuring pixels."""
        return round(size.pt * self.scale)

    def _length(self, pixels: float) -> Length:
        return Pt(pixels / self.scale)

    def width(self, text: str, font: Path, size: Length) -> Length:
        """Width of one line of ``text`` (its widest line, if it has several)."""
        px, font = self.pixels(size), covering(font, text)
        return self._length(max(_width(line, font, px) for line in text.split("\n")) * self.slack)

    def leading(self, font: Path, size: Length, spacing: float = 1.0) -> Length:
        """Baseline-to-baseline distance."""
        return self._length(_leading(font, self.pixels(size), spacing))

    def pitch(self, font: Path, drawn: Path, size: Length, spacing: float = 1.0) -> Length:
        """Baseline-to-baseline distance of a text asked for in ``font`` and drawn in the
        file ``drawn`` (a fallback, or ``font`` itself): see ``keeps_pitch``."""
        return self.leading(self._pitch_font(font, drawn), size, spacing)

    def _pitch_font(self, font: Path, drawn: Path) -> Path:
        return font if self.keeps_pitch else drawn

    def block_height(
        self, font: Path, size: Length, lines: int, spacing: float = 1.0, *,
        drawn: Path | None = None,
    ) -> Length:  # fmt: skip
        """Height of ``lines`` lines: the top line's ascender to the last line's descender,
        plus the last line's spacing where the renderer adds it. ``drawn``: the file the
        text is drawn in, where it is not ``font`` (:meth:`pitch`)."""
        if lines <= 0:
            return Length(0)
        drawn = font if drawn is None else drawn
        px = self.pixels(size)
        pitch_font = self._pitch_font(font, drawn)
        if self.spaced_last_line:
            return self._length(lines * _leading(pitch_font, px, spacing))
        ascent, descent = _metrics(drawn, px)
        return self._length((lines - 1) * _leading(pitch_font, px, spacing) + ascent + descent)

    # -- wrapping -----------------------------------------------------------------------
    def wrap(self, text: str, font: Path, size: Length, width: Length) -> list[str]:
        """Greedy word wrap: as many words on each line as fit ``width``. Explicit newlines
        are kept; a word wider than ``width`` stays on its own (over-long) line, which
        fitting notices."""
        return _wrap(text, covering(font, text), self.pixels(size), self._measure_px(width))

    def line_count(self, text: str, font: Path, size: Length, width: Length) -> int:
        """How many lines ``text`` takes in ``width``: :meth:`wrap`'s, with a word wider
        than ``width`` counted as the lines PowerPoint breaks it into (counted as one, a
        thousand-letter word ran off the slide, found by fuzzing)."""
        # Only a line of one word can be wider than the box (wrapping puts a second word
        # on a line only where it fits), so only those are measured again.
        return sum(max(1, math.ceil(self.width(line, font, size).ratio(width)))
                   if line and " " not in line else 1
                   for line in self.wrap(text, font, size, width))  # fmt: skip

    def balanced(self, text: str, font: Path, size: Length, width: Length) -> list[str]:
        """As few lines as greedy wrapping needs, as even as possible (no lone last word)."""
        px, font = self.pixels(size), covering(font, text)
        limit = self._measure_px(width)
        return _balance(text, font, px, limit, _wrap(text, font, px, limit),
                        self.breaks_hyphens)[1]  # fmt: skip

    def unorphaned(self, text: str, font: Path, size: Length, width: Length) -> list[str]:
        """As many lines as :meth:`wrap` gives, with as few lines of one word as can be:
        a lone last word ('2019 to September / 2024') is kept company by the last word of
        the line before, as a no-break space between the two would do; where that leaves
        a lone word above it ('facilities / and equipment'), the lines are balanced
        instead. Among as many lone words, the fewest typographic faults
        (:func:`_faults`: '(12% / of employment)'); otherwise the greedy lines are kept.
        The lines are meant to be written as breaks (a viewer does not rewrap them)."""
        return self._unorphaned(text, font, size, width)[1]

    def _unorphaned(self, text: str, font: Path, size: Length, width: Length
                    ) -> tuple[str, list[str]]:  # fmt: skip
        """:meth:`unorphaned`'s lines, and the text as :func:`_choose` holds it for them."""
        lines = self.wrap(text, font, size, width)
        if len(lines) < 2:
            return text, lines
        px, drawn = self.pixels(size), covering(font, text)
        limit = self._measure_px(width)
        return _choose(text, drawn, px, limit, len(lines), greedy=True,
                       hyphens=self.breaks_hyphens)  # fmt: skip

    # Remembered: a bullets slide's plan measures it at each size it tries, and its build
    # writes it at the size chosen (cleared with _fitted, below).
    @functools.lru_cache(maxsize=1 << 10)  # noqa: B019  (the typesetters live as long as the process)
    def viewer_text(self, text: str, font: Path, size: Length, width: Length) -> str:
        """``text`` for a viewer to wrap at ``width`` (a bullet, a quotation): each
        paragraph in as many lines as :meth:`wrap` gives, broken as :meth:`unorphaned`
        breaks it (no lone last word, the fewest faults: '... other vehicles / and central
        systems', not '... vehicles and / central systems'), with no-break spaces where
        its lines do not break (:func:`_held`), so that the viewer's own wrap breaks
        there too, and its last two words held (:func:`last_pair_kept`: a viewer that
        measures a hair wider took 'and central' up and left 'systems.' alone). Measured
        as written: its :meth:`line_count` is what the viewer shows."""
        return "\n".join(last_pair_kept(self._unorphaned(paragraph, font, size, width)[0])
                         for paragraph in text.split("\n"))  # fmt: skip

    def _measure_px(self, width: Length) -> float:
        """``width`` in measuring pixels, before slack (what a line's raw width must fit)."""
        return width.pt * self.scale / self.slack

    # -- fitting ------------------------------------------------------------------------
    # Remembered (a warm rebuild fits the same titles again); the font files it reads are
    # named in the arguments, and forget_fonts clears this cache with the others (_fitted).
    @functools.lru_cache(maxsize=1 << 12)  # noqa: B019  (the typesetters live as long as the process)
    def fit(
        self,
        text: str,
        font: Path,
        *,
        width: Length,
        height: Length,
        max_size: Length,
        min_size: Length,
        step: Length | None = None,
        spacing: float = 1.0,
        max_lines: int | None = None,
        balance: bool = False,
    ) -> Fitted | None:
        """The largest size from ``max_size`` down to ``min_size`` (in ``step``s; default
        one measuring pixel; ``min_size`` alone when it is the larger) at which ``text``
        fits ``width`` x ``height`` in at most ``max_lines`` lines; ``None`` when even
        ``min_size`` does not fit.

        Binary search over the steps: fitting is monotonic in size except at rare wrap
        boundaries, and a size is only ever returned after it has been checked to fit.
        Balanced lines that end on a number before the word it counts (no break of as
        many lines avoids it: :func:`_choose`) are set a little smaller where that avoids
        it in as many lines or fewer (:data:`_NUMBER_SHRINK`): 'exports of 13 / states'
        on a card, where a size 2% smaller kept '13 states' together (found in review);
        so are balanced lines with a word alone on a line (:func:`_lone_lines`).
        """
        asked, font = font, covering(font, text)  # set as drawn: in a fallback if need be
        unit = step if step is not None else self._length(1)
        # A theme whose floor for a text is above its ceiling (a title size of 56 under
        # sections of 44, which cap the deck title at 54) asks for the floor: tried, not
        # refused as "does not fit" (found by fuzzing).
        max_size = max(max_size, min_size)
        count = int((max_size - min_size) / unit + 1e-9) if unit > 0 else 0

        def size_at(k: int) -> Length:
            return max_size - unit * (count - k) if k < count else max_size

        def attempt(size: Length, balanced: bool = balance) -> Fitted | None:
            px = self.pixels(size)
            limit = self._measure_px(width)
            lines = _wrap(text, font, px, limit)
            block = self.block_height(asked, size, len(lines), spacing, drawn=font)
            if block > height or (max_lines is not None and len(lines) > max_lines):
                return None  # balancing keeps the line count: no need to balance a misfit
            broken = text
            if balanced:
                broken, lines = _balance(text, font, px, limit, lines, self.breaks_hyphens)
            widest = max(_width(line, font, px) for line in lines)
            if widest <= limit:
                length = self._length(widest * self.slack)
                return Fitted(size, tuple(lines), length, block, broken)
            return None

        # Whether a size fits is the greedy lines' to say: balancing keeps their count and
        # never takes a line past the width (:func:`_choose`). So the search wraps alone,
        # and the size it finds is balanced once (it balanced every size it tried).
        best = attempt(size_at(0), balanced=False)
        if best is None:
            return None
        lo, hi = 0, count
        while lo < hi:
            mid = (lo + hi + 1) // 2
            found = attempt(size_at(mid), balanced=False)
            if found:
                best, lo = found, mid
            else:
                hi = mid - 1
        if balance:
            best = attempt(best.size) or best  # (never None: balancing fits as the greedy)
        split, lone = _shrinkable(text, best.lines) if balance else (0, 0)
        if split or lone:
            floor = max(min_size, best.size * (1 - _NUMBER_SHRINK))
            tried = sorted({self._length(self.pixels(best.size - (best.size - floor) * k / 8))
                            for k in range(1, 9)}, reverse=True)  # fmt: skip
            for size in tried:
                found = attempt(size) if min_size <= size < best.size else None
                if found is None or len(found.lines) > len(best.lines):
                    continue
                now_split, now_lone = _shrinkable(text, found.lines)
                if not now_split and (split or now_lone < lone):
                    return found
        return best

    def capacity(self, text: str, font: Path, size: Length, width: Length, max_lines: int) -> int:
        """About how many characters of ``text`` fit in ``max_lines`` lines at ``size``."""
        return len(" ".join(self.wrap(text, font, size, width)[:max_lines]))


#: How much smaller than the largest size that fits :meth:`Typesetter.fit` sets balanced
#: lines at most to keep a number with its word (:func:`_numbers_split`), or a word off a
#: line of its own (:func:`_lone_lines`).
_NUMBER_SHRINK = 0.08


def _shrinkable(text: str, lines: Sequence[str]) -> tuple[int, int]:
    """What a slightly smaller size may mend in balanced lines that no break of as many
    lines could: numbers split from their word (:func:`_numbers_split`), and lines of one
    word of a paragraph of several (:func:`_lone_lines`: the ig-portrait card's quotation
    ended '... competition from / China.', found in review)."""
    lines, ends = _ends(text, list(lines))
    return _numbers_split(lines, ends), _lone_lines(lines, ends)


#: Slides: PowerPoint re-lays the text, so measure finely and leave 6% width slack.
SLIDE = Typesetter(scale=20.0, slack=1.06, spaced_last_line=True, breaks_hyphens=True)
#: Cards: Pillow draws at whole pixels (96 per inch) exactly what was measured, each line
#: where it is told.
CARD = Typesetter(scale=96 / 72, slack=1.0, spaced_last_line=False, keeps_pitch=True)
#: A slide's picture whose lines Pillow draws as measured, and whose native twin writes
#: the same lines as breaks in a box ``SLIDE.slack`` wider than their measure (a stat
#: callout's label): measured at a slide's scale with no viewer's slack, which would cost
#: a line where the widest fits the column by less than 6% (the sample's '$90B' label took
#: four lines of a column that holds three: found in review). A viewer that lays the twin
#: out wider still keeps its lines in the wider box, and breaks none after a hyphen.
DRAWN = Typesetter(scale=SLIDE.scale)


# --------------------------------------------------------------------------- measuring
# Room for every name under a long axis: a chart measures each several times over (which
# to show, laid out twice), and a cache smaller than their count keeps none of them, each
# pass evicting what the next reads first (100,000 names under a line: 400,000 measures;
# found by fuzzing). An entry is ~150 bytes.
@functools.lru_cache(maxsize=1 << 18)
def _width(text: str, font: Path, px: int) -> int:
    """Advance width of one line in whole pixels (rounded up), as Pillow draws it."""
    if len(text) > _MEASURED:
        return _UNMEASURED
    return math.ceil(pil_font(font, px).getlength(text))


#: Longest text measured: Pillow refuses a string past a million characters ("too many
#: characters in string": an internal error, found by fuzzing), and a text a tenth that
#: long fits no slide or card at any size. Longer ones are as wide as :data:`_UNMEASURED`,
#: so they fail to fit, as any text too long does, with the fitting error's message.
_MEASURED = 100_000
_UNMEASURED = 10**9


def _metrics(font: Path, px: int) -> tuple[int, int]:
    """Ascent and descent in pixels."""
    return pil_font(font, px).getmetrics()


def _leading(font: Path, px: int, spacing: float) -> int:
    ascent, descent = _metrics(font, px)
    return round((ascent + descent) * spacing)


def metrics(font: Path, size: Length, typesetter: Typesetter = CARD) -> tuple[Length, Length]:
    """Ascent and descent of ``font`` at ``size``."""
    ascent, descent = _metrics(font, typesetter.pixels(size))
    return typesetter._length(ascent), typesetter._length(descent)


# --------------------------------------------------------------------------- no-break pairs
NBSP = "\u00a0"
#: Words that qualify the number after them, which stays on their line ('Under 18', 'week
#: 47', 'No. 5'); any case ('Under', 'WEEK'). Bare prepositions ('in 2023', 'to 44') and
#: a count's 'top 10' (a count, not a name: 'top / 10 states' still reads) break.
QUALIFIERS = tuple(
    v for w in (
        "under", "over", "aged", "age", "ages", "week", "wk", "day", "month", "quarter",
        "no.", "nos.", "number", "page", "p.", "chapter", "section", "grade", "level",
        "round", "phase", "stage", "step", "part", "vol.", "gate", "platform", "route",
    ) for v in (w, w.capitalize(), w.upper())
)  # fmt: skip
#: The words of every language deckgen writes in (:data:`deckgen.outline.words.RANGES`):
#: a German range read '18 bis / 44' and '65 und / älter' (found in review).
_WORDS = range_words()
#: What joins the two numbers of a range ('18 to 44', '2019 – 2024', 'between 5 and 10',
#: '18 bis 44', '18 à 44'), and what may join a number and an open end ('65 and over').
_JOINS = (*_WORDS.to, *_WORDS.both, "–", "—", "-")
_BOTH = frozenset(w.casefold() for w in _WORDS.both)
#: What ends an open band after its number ('65 and over', '5 or more', '65 und älter').
_OPEN_ENDS = _WORDS.ends
#: The units a compact number is written with in every language deckgen writes in, one
#: word or two ('1,5 Mio.', '1,5 Millionen', '2 mil millones'): a German slide broke
#: '1,5 / Mio.' (found in review).
_UNITS = unit_words()
#: The space inside a unit of two words, after its number ('2 mil / millones').
_WITHIN_UNITS = "".join(
    rf"|(?<=\d[ \u00a0]{re.escape(first)}) (?={re.escape(second)}(?![\w]))"
    for first, _, second in (unit.partition(" ") for unit in _UNITS)
    if second
)
#: Spaces a line must not break at (each pattern matches the one space it protects):
#: between a number and its unit ("$143.2 B",
#: "5.2 million", "30 %", "1,5 Mio.", and within "2 mil millones"), and between a word and
#: the number it qualifies ("Under 18", "over 65", "week 47", "Q3 2024", "No. 5": a ring
#: chart's 'Under / 18  6.2%' read as 18%, and a subtitle's 'week / 47', found in review).
#: A reader takes either half alone for a different thing.
_NO_BREAK = re.compile(
    r"(?<=\d) (?=(?:%|pp|pts?|percent"
    + "".join(f"|{re.escape(w)}" for w in (*points_words(), *_UNITS))
    + r")(?![\w]))"
    + _WITHIN_UNITS
    + r"|(?:"
    + "|".join(rf"(?<=\b{re.escape(w)})" for w in QUALIFIERS)
    + r") (?=[\d#])"
    r"|(?<=\b[QH][1-4]) (?=\d{4}\b)"
)
#: A place and its state or country abbreviation ("Laredo, TX", "Washington, D.C.";
#: "Seoul, S. Korea" is left alone), whose space :func:`no_break` holds where the place is
#: a name (:func:`_place_kept`): 'Global Impact page, AI applications' is no place, and a
#: source line held 'page, AI' and broke 'Global Impact / page' (found in review).
_PLACE = re.compile(r"(?<![^\W\d_])([^\W\d_]+,) (?=(?:[A-Z]{2}|(?:[A-Z]\.){2,3})(?![\w.]*\w))")


def _date_held(match: re.Match[str]) -> str:
    """The match with its spaces no-break spaces where its word is a month."""
    month = match["a"] or match["b"] or match["c"]
    return match[0].replace(" ", NBSP) if month in _MONTHS else match[0]


def _place_kept(match: re.Match[str]) -> str:
    return match[1] + (NBSP if match[1][0].isupper() else " ")


#: A currency symbol: one with a sign ('€', 'US$', '$US'), one in letters
#: (:data:`~deckgen.outline.words.CURRENCY_WORDS`: 'kr', 'zł'), or three capitals, kept
#: where they are an ISO code ('EUR'; ``code`` names the group that holds them).
_WORD_SYMBOLS = sorted(CURRENCY_WORDS, key=lambda w: (-len(w), w))


def _symbol(code: str) -> str:
    return (rf"(?:[A-Za-z]{{0,3}}[{CURRENCY_SIGNS}]+[A-Za-z]{{0,3}}|"
            + "|".join(map(re.escape, _WORD_SYMBOLS)) + rf"|(?P<{code}>[A-Z]{{3}}))")  # fmt: skip


#: The space between an amount and its currency symbol, after it ('2 Mrd. €', '1.501 €',
#: '2 mil millones US$', '5 kr') or before it ('EUR 2 Milliarden', '€ 2,5 Millionen', 'R$ 2
#: bi'), as the ``currency`` filter writes them in the deck's locale: a German slide broke
#: '2 Mrd. / €' and a Swiss one 'EUR / 2 Milliarden' (found in review). Read after
#: :data:`_NO_BREAK`, which has joined each unit to its number with a no-break space (a
#: symbol written with one sign only is read before a number: 'US$ 2', not '$US 2').
_CURRENCY = re.compile(
    " (?=" + _symbol("after") + r"(?!\w))(?:(?<=\d )"
    + "".join(rf"|(?<=\d{re.escape(u)} )|(?<=\d\u00a0{re.escape(u.replace(' ', NBSP))} )"
              for u in _UNITS)
    + rf")| (?=[-\u2212+]?\d)(?:(?<=[{CURRENCY_SIGNS}] )"
    + "".join(rf"|(?<=(?<!\w){re.escape(w)} )" for w in _WORD_SYMBOLS)
    + r"|(?<=(?<!\w)(?P<before>[A-Z]{3}) ))"
)  # fmt: skip


def _currency_kept(match: re.Match[str]) -> str:
    """A :data:`_CURRENCY` space made a no-break one, unless its three capitals are no
    ISO code ('in 2023 OEM')."""
    code = match["after"] or match["before"]
    return match[0] if code is not None and code not in currency_codes() else NBSP


#: A number range ("18 to 44", "2019 – 2024", "5% to 10%", "$5 to $10") or an open band
#: ("65 and over", "3 or more"), whose spaces :func:`no_break` holds too: an age band
#: broke to '18 to / 44' in a card's row names and read as two bands (found in review).
#: Either space may already be a no-break one (:func:`last_pair_kept` glues a paragraph's
#: last pair, and a range ending a bullet is its last words: 'aged 18 / to 44' broke at the
#: space left plain), and a kicker set in capitals writes the join so ('AGES 18 TO 44').
_RANGE = re.compile(
    r"(?<![\w.,])(?P<low>[$£€]?(?P<a>\d[\d.,]*)%?)[ \u00a0](?P<join>(?i:"
    + "|".join(map(re.escape, _JOINS))
    + r"))[ \u00a0](?:(?P<high>[$£€]?(?P<b>\d[\d.,]*)%?)(?![\w])"
    r"|(?P<end>(?i:" + "|".join(map(re.escape, _OPEN_ENDS)) + r")\b))"
)
#: A number's decimal part: after its last point or comma, unless three digits follow it
#: and a whole number stands before it ('1,250' and '1.250' are thousands; '12,5', '0.125').
_DECIMALS = re.compile(r"(?:(?<=^0)[.,]\d+|[.,](?!\d{3}$)\d*)$")


def _whole_digits(number: str) -> int:
    """The digits of ``number`` before its decimal mark, a point or a comma ('1,250.5': 4;
    '12,5', as a German or French deck writes 12.5: 2)."""
    return sum(c.isdigit() for c in _DECIMALS.sub("", number))


def _range_kept(match: re.Match[str]) -> str:
    """A :data:`_RANGE` with no-break spaces, or as it is where its second number has fewer
    whole digits than its first: 'fell in 2023 to 44' is a year and a level, no range (a
    range counts up: '18 to 44', '95 to 105', '0.5 to 1.25')."""
    a, b, join = match["a"], match["b"], match["join"]
    if match["end"] is not None and join.casefold() not in _BOTH:
        return match[0]  # 'up to more' is no band: only '65 and over', '3 or more'
    if b is not None and _whole_digits(b) < _whole_digits(a):
        return match[0]
    return NBSP.join((match["low"], join, match["high"] or match["end"]))


#: The last space between two words of a paragraph (see Typesetter.unorphaned), a word
#: being what :func:`no_break` holds together ('2019\u00a0–\u00a02024' is one).
_LAST_SPACE = re.compile(
    rf"(?<=[^\s]|[{NO_BREAK_SPACES}])[^\S{NO_BREAK_SPACES}]+"
    rf"(?=(?:[^\s]|[{NO_BREAK_SPACES}])+[^\S{NO_BREAK_SPACES}]*$)"
)


def last_pair_kept(text: str) -> str:
    """``text`` with a no-break space between the last two words of each paragraph of three
    words or more (a range or a place with its state is one: :func:`no_break`): a paragraph
    the viewer wraps (a bullet) never ends on a lone word ('... and brings cybersecurity /
    risks.' becomes '... and brings / cybersecurity risks.'; '... up from 31% / in 2019 –
    2024', where gluing '–' to '2024' alone split the range). Fitted as written, so the
    measure and the viewer agree."""
    return "\n".join(_LAST_SPACE.sub(NBSP, no_break(p)) if len(words(p)) >= 3 else p
                     for p in text.split("\n"))  # fmt: skip


#: A month with the day and year after it ('March 31, 2024'), or the day or year alone
#: ('March 31', 'Mar 2024'), and a day with the month after it ('31 March', '1. März'),
#: each matching up to the last space it holds: a statement broke 'March / 1, 2024' and
#: '1. / März 2024' (found by fuzzing).
#: A word is read as a month by :func:`_date_held` (one pattern of 200 names took 9 ms
#: to compile, at every start).
_DATE = re.compile(
    r"(?<![\w.])(?P<a>[^\W\d_]+\.?)[ \u00a0]\d{1,2}, (?=\d{4}\b)"
    r"|(?<![\w.])(?P<b>[^\W\d_]+\.?) (?=\d{1,2}(?!\d)|\d{4}\b)"
    r"|(?<![\w.,])\d{1,2}\.? (?=(?P<c>[^\W\d_]+\.?)(?!\w))"
)
_MONTHS = frozenset(MONTH_NAMES)


@functools.lru_cache(maxsize=1 << 13)
def no_break(text: str) -> str:
    """``text`` with a no-break space (U+00A0) at each space a line must not break at
    (:data:`_NO_BREAK`, :data:`_PLACE`, :data:`_RANGE`): 'Brunswick, GA' and 'aged 18 to
    44' stay on one line. Every wrap applies it, to the same texts again and again (~20 us
    each: the currency pattern tries every unit at each space), so the answers are kept."""
    held = _PLACE.sub(_place_kept, _DATE.sub(_date_held, _NO_BREAK.sub(NBSP, text)))
    return _RANGE.sub(_range_kept, _CURRENCY.sub(_currency_kept, held))


def words(paragraph: str) -> list[str]:
    """The unbreakable pieces of one paragraph, as drawn: words, with the pairs
    :func:`no_break` protects kept whole ('Brunswick, GA' is one piece). A no-break space
    the author typed holds too, and so do the narrow and figure ones a locale groups digits
    with (French '2\u202f000\u202f000,0': wrapped at them, it broke inside the number).
    A piece draws a plain no-break space as a space; the narrow and figure ones as they
    are, each as wide as it should be (:data:`_AS_DRAWN`)."""
    return [w.translate(_AS_DRAWN) for w in _BREAKS.split(no_break(paragraph)) if w]


#: The no-break spaces: the plain one, the narrow one (U+202F) and the figure one (U+2007).
_KEPT = NO_BREAK_SPACES
#: Where :func:`words` breaks: any other white space.
_BREAKS = re.compile(rf"[^\S{_KEPT}]+")
#: A piece as drawn: the plain no-break space a space (as wide). The narrow and figure
#: spaces stay: Pillow sets each at its font's own width where the font has one, and
#: where it has none (Lato) HarfBuzz's, half a word space and a digit's width
#: (:func:`~deckgen.theming.fonts.pil_font`). Made plain spaces, a French number was drawn
#: and measured twice as wide between its groups of digits on a card (found in review).
_AS_DRAWN = str.maketrans({NBSP: " "})


#: Chinese and Japanese, written without spaces: a line may break between any two of these
#: characters (UAX #14's ideographic class, simplified), where wrapping at spaces alone made
#: a sentence one word, and every statement, quote or title of one failed to fit (found by
#: fuzzing). Korean and Thai are left to their spaces.
_IDEOGRAPHIC = re.compile(
    r"[\u2e80-\u2fdf\u3005-\u3007\u3021-\u3029\u3040-\u30ff\u3400-\u4dbf"
    r"\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]"
)
#: What no line starts with (closing marks, small kana, the iteration mark) or ends with
#: (opening marks): the Japanese rule (kinsoku) that PowerPoint follows too.
_NO_START = frozenset(
    "、。，．・：；？！）」』】〕〉》〙〗ー々ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ…‥,.:;?!)]}%"
)
_NO_END = frozenset("（「『【〔〈《〘〖([{")


def pieces(paragraph: str) -> tuple[tuple[str, ...], tuple[bool, ...]]:
    """Where one paragraph may break, as drawn: its pieces, and whether a space comes
    before each. Between :func:`words`; and inside one where Chinese or Japanese
    characters meet (:data:`_IDEOGRAPHIC`), with no space."""
    out: list[str] = []
    spaced: list[bool] = []
    for word in words(paragraph):
        start = 0
        if not _IDEOGRAPHIC.search(word):  # nearly every word: no break inside it
            out.append(word)
            spaced.append(len(out) > 1)
            continue
        for k in range(1, len(word)):
            a, b = word[k - 1], word[k]
            if (
                (_IDEOGRAPHIC.match(a) or _IDEOGRAPHIC.match(b))
                and b not in _NO_START
                and a not in _NO_END
            ):
                out.append(word[start:k])
                spaced.append(len(out) > 1 and start == 0)
                start = k
        out.append(word[start:])
        spaced.append(len(out) > 1 and start == 0)
    return tuple(out), tuple(spaced)


def _joined(parts: Sequence[str], spaced: Sequence[bool]) -> str:
    """``parts`` as one line: a space before each that has one (not before the first)."""
    return "".join((" " if gap and k else "") + part
                   for k, (part, gap) in enumerate(zip(parts, spaced, strict=True)))  # fmt: skip


def greedy_wrap(text: str, measure: Callable[[str], float], width: float) -> list[str]:
    """Greedy word wrap of ``text`` to ``width`` in the units ``measure`` returns: the
    reference :meth:`Typesetter.wrap` must agree with (it measures fewer lines). Lines
    break only between :func:`pieces`."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        parts, spaced = pieces(paragraph)
        start = 0
        for i in range(1, len(parts)):
            if measure(_joined(parts[start : i + 1], spaced[start : i + 1])) > width:
                lines.append(_joined(parts[start:i], spaced[start:i]))
                start = i
        lines.append(_joined(parts[start:], spaced[start:]))
    return lines


#: How far a line's width may be from its estimate (below), in em per space: kerning
#: across a space (the most in the bundled fonts is Roboto's 'T T', 0.06 em).
_SLACK_EM_PER_SPACE = 0.15
#: ... and in pixels per character: with Raqm, advances scale with the size (to 1/64 px);
#: Pillow's basic layout rounds every advance to a whole pixel.
_SLACK_PX_PER_CHAR = {"raqm": 0.05, "basic": 0.6}
_REFERENCE_PX = 1000


@functools.lru_cache(maxsize=1 << 16)
def _em(word: str, font: Path) -> float:
    """Advance width of ``word`` in em (measured once, at a large size)."""
    if len(word) > _MEASURED:
        return float(_UNMEASURED)
    return pil_font(font, _REFERENCE_PX).getlength(word) / _REFERENCE_PX


@functools.lru_cache(maxsize=64)
def _per_char_slack(font: Path) -> float:
    from PIL import ImageFont

    raqm = pil_font(font, _REFERENCE_PX).layout_engine == ImageFont.Layout.RAQM
    return _SLACK_PX_PER_CHAR["raqm" if raqm else "basic"]


@functools.lru_cache(maxsize=1 << 12)
def _paragraphs(
    text: str, font: Path
) -> tuple[tuple[tuple[str, ...], tuple[bool, ...], tuple[float, ...]], ...]:
    """``text``'s paragraphs as :func:`pieces` (and whether a space comes before each) and
    their widths in em."""
    out = []
    for paragraph in text.strip().split("\n"):
        parts, spaced = pieces(paragraph)
        out.append((parts, spaced, tuple(_em(w, font) for w in parts)))
    return tuple(out)


def _wrap(text: str, font: Path, px: int, limit: float) -> list[str]:
    """Greedy wrap at ``px`` to ``limit`` pixels: the lines of :func:`greedy_wrap` measuring
    each candidate line with :func:`_width` (see :func:`_breaks`)."""
    return [
        _joined(parts[a:b], spaced[a:b]) for parts, spaced, a, b in _breaks(text, font, px, limit)
    ]


def _breaks(
    text: str, font: Path, px: int, limit: float
) -> list[tuple[tuple[str, ...], tuple[bool, ...], int, int]]:
    """Where :func:`_wrap` breaks ``text``: each line as its paragraph's pieces (and
    whether a space comes before each) and the span of them on the line. A line is joined
    only where it is measured or wanted: balancing a text (:func:`_balance`) counts the
    lines of a dozen wraps and keeps one.

    Fitting wraps the same text at many sizes and widths, and measuring a whole line is
    the slow part; so a candidate line's width is first estimated from its words' widths
    in em (each measured once), and measured only when the estimate is too close to call.
    """
    space = _em(" ", font) * px
    per_space = _SLACK_EM_PER_SPACE * px
    per_char = _per_char_slack(font)
    lines: list[tuple[tuple[str, ...], tuple[bool, ...], int, int]] = []
    for parts, spaced, ems in _paragraphs(text, font):
        if not parts:
            lines.append((parts, spaced, 0, 0))
            continue
        start, estimate, chars = 0, ems[0] * px, len(parts[0])
        for i in range(1, len(parts)):
            length = ems[i] * px
            guess = estimate + (space if spaced[i] else 0.0) + length
            candidate_chars = chars + spaced[i] + len(parts[i])
            margin = per_space * (i - start) + per_char * candidate_chars + 1.0
            if guess + margin <= limit:
                over = False
            elif guess - margin > limit:
                over = True
            else:
                line = _joined(parts[start : i + 1], spaced[start : i + 1])
                over = _width(line, font, px) > limit
            if over:
                lines.append((parts, spaced, start, i))
                start, estimate, chars = i, length, len(parts[i])
            else:
                estimate, chars = guess, candidate_chars
        lines.append((parts, spaced, start, len(parts)))
    return lines


def _balance(
    text: str, font: Path, px: int, limit: float, lines: list[str], hyphens: bool = False
) -> tuple[str, list[str]]:
    """The greedy ``lines`` re-wrapped at the narrowest width that needs no more of them
    (adding a word to a line only ever widens it, so the search is monotonic), unless
    another break of as many lines has fewer typographic faults (:func:`_choose`); and
    the text as broken (with no-break spaces where a break was kept off)."""
    if len(lines) < 2:
        return text, lines
    return _choose(text, font, px, limit, len(lines), greedy=False, hyphens=hyphens)


#: A word of one letter followed by a space: a line should not end on it (:func:`_faults`);
#: nor on a currency sign alone, the unit of the words after it ('Net profit by quarter, $
#: / millions' on a card, found by review), which counts as one.
_ONE_LETTER = one_letter_words()
_SIGN_ALONE = rf"[{CURRENCY_SIGNS}]+"
_HELD_WORDS = [*map(re.escape, sorted(_ONE_LETTER)), _SIGN_ALONE]
_ONE_LETTER_GAP = re.compile(r"(?<![^\s])(?:" + "|".join(_HELD_WORDS) + r") (?=\S)")
#: An article or a word joining two clauses, of more than one letter ('the', 'and', 'der',
#: 'les'): a line should not end on one either (:func:`_faults`), though less than on a
#: word of one letter, which may be one.
_WEAK_ENDINGS = weak_ending_words()
#: Such a word followed by a space, any case: held to the word after it where a line may
#: break elsewhere (:func:`_variants`, :func:`_held`).
_WEAK_GAP = re.compile(
    r"(?<![^\s])(?i:"
    + "|".join(map(re.escape, sorted(_WEAK_ENDINGS, key=len, reverse=True)))
    + r") (?=\S)"
)
#: A range's word after its first number, followed by a space ('2019 to September 2024',
#: '$1.7B to $3.6B', '2019 bis September 2024': :data:`_WORDS`, of every language): a line
#: should not end on it, leaving the range open (:func:`_faults`; '2019 to / September
#: 2024' on the sample's slide 15, found in review). A range of two plain numbers is one
#: piece already (:data:`_RANGE`).
_RANGE_WORDS = frozenset(w.casefold() for w in _WORDS.to)
_RANGE_GAP = re.compile(
    r"(?<![^\s])(\S*\d\S*[ \u00a0](?i:" + "|".join(map(re.escape, _WORDS.to)) + r")) (?=\S)"
)
#: A parenthetical ('(12% of employment)'); one of up to :data:`_ASIDE_WORDS` words is
#: kept on one line where it can be.
_ASIDE = re.compile(r"\([^()]*\)")
_ASIDE_WORDS = 3
#: What each fault costs a set of breaks: a line ending on a word of one letter, a break
#: after a hyphen where a viewer makes one, a lone last word, a short parenthetical split,
#: a range split after its word (less than a word of one letter, which may be one: 'a'), a
#: name split (:func:`_splits_name`), and (half that) a line ending on another article or
#: a conjunction ('in the / United States' reads better than 'in the United / States'), or
#: a short opening phrase split (:func:`_openings_split`).
_COST_ONE_LETTER, _COST_HYPHEN, _COST_WIDOW, _COST_ASIDE, _COST_RANGE = 6, 4, 4, 4, 2
_COST_NAME, _COST_WEAK = 2, 1
_COST_OPENING = _COST_WEAK
#: ... and a hollow line (:func:`_hollow`), as much as a lone word.
_COST_HOLLOW = 4
#: What ends a word that may end a sentence or a clause: a capital after it starts anew.
_CLAUSE_END = tuple(".,;:!?)\"'”’")
#: How many widths :func:`_candidates` tries for one text (a title has a handful).
_MAX_CANDIDATES = 24


#: A number a line should not end on where a word follows it ('top three exports of 13 /
#: states', '476% / from': a reader takes the number alone for another thing, and the word
#: alone for no count; found in review): digits, with a sign, a currency symbol, a percent
#: sign or a letter of a compact unit ('$143B', '4.2M'), and no punctuation after it (a
#: clause ends at '2023,'). A word that starts a phrase of its own after it is left out:
#: a range's ('2019 / to September 2024' is the break :data:`_RANGE_GAP` prefers), and a
#: preposition, conjunction or article (:data:`_PHRASE_WORDS`: 'reached $143B / in trade
#: with Canada' reads better than '$143B in / trade').
_NUMBER = (
    rf"(?:[A-Za-z]{{0,3}}[{CURRENCY_SIGNS}]+)?[-\u2212+#]?\d(?:[\d.,\u202f\u2007]*\d)?"
    r"(?:%|[KMBT]|bn|mn|[mk])?"
)
_PHRASE_WORDS = (
    "a", "an", "the", "in", "on", "at", "of", "for", "from", "by", "with", "since", "as",
    "than", "into", "onto", "over", "under", "after", "before", "during", "until", "between",
    "among", "across", "against", "through", "via", "vs", "but", "while", "when", "where",
    "which", "who", "that", "if", "because", "nor", "yet", "so",
)  # fmt: skip
_NOT_JOINED = frozenset(w.casefold() for w in (*_WORDS.to, *_WORDS.both, *_PHRASE_WORDS))
_NUMBER_GAP = re.compile(
    rf"(?<![^\s])({_NUMBER}) (?=[^\W\d_])(?!(?i:"
    + "|".join(map(re.escape, sorted(_NOT_JOINED, key=len, reverse=True)))
    + r")(?!\w))"
)


def _number_held(text: str) -> str:
    """``text`` with a no-break space between each number and the word after it
    (:data:`_NUMBER_GAP`)."""
    return _NUMBER_GAP.sub(lambda m: m[1] + NBSP, text)


def _numbers_split(lines: list[str], ends: list[bool]) -> int:
    """How many lines end on a number the next line's word counts ('of 13 / states'):
    :data:`_NUMBER_GAP`'s breaks, which :func:`_choose` takes only where no other fits."""
    split = 0
    for k, line in enumerate(lines[:-1]):
        last, head = line.split()[-1:], lines[k + 1].split()[:1]
        if ends[k] or not last or not head:
            continue
        split += bool(_NUMBER_GAP.search(f"{last[0]} {head[0]}"))
    return split


#: A line of a paragraph shorter than this share of each line beside it, in the same
#: paragraph, is hollow: balancing a text should not leave one ('China's vehicle
#: production / grew 476% from / 2004 to 2023, to 30.2 million', found in review).
_HOLLOW = 2 / 3


def _ends(text: str, lines: list[str]) -> tuple[list[str], list[bool]]:
    """``lines`` (``text``'s words in order), and whether each ends a paragraph of it."""
    counts = itertools.accumulate(len(line.split()) for line in lines)
    ends = set(itertools.accumulate(len(p.split()) for p in text.strip().split("\n")))
    return lines, [n in ends for n in counts]


def _hollow(widths: Sequence[float], ends: Sequence[bool]) -> int:
    """How many lines between two of their paragraph's are hollow (:data:`_HOLLOW`)."""
    return sum(
        not ends[k - 1] and not ends[k] and widths[k] < _HOLLOW * min(widths[k - 1], widths[k + 1])
        for k in range(1, len(widths) - 1)
    )


def _aside_kept(match: re.Match[str]) -> str:
    aside = match[0]
    return aside.replace(" ", NBSP) if len(aside.split()) <= _ASIDE_WORDS else aside


def _range_held(text: str) -> str:
    return _RANGE_GAP.sub(lambda m: m[1] + NBSP, text)


def _held_after(gap: re.Pattern[str], text: str) -> str:
    """``text`` with each space ``gap`` matches (its match's last character) held."""
    return gap.sub(lambda m: m[0][:-1] + NBSP, text)


def _letter_held(text: str) -> str:
    return _held_after(_ONE_LETTER_GAP, text)


def _weak_held(text: str) -> str:
    return _held_after(_WEAK_GAP, text)


def _variants(text: str) -> list[str]:
    """``text``, and as it is with its preferred breaks held (no-break spaces): between
    its last two words (:func:`last_pair_kept`), after each word of one letter, inside
    each short parenthetical, after each range's word too, and (last) after each article
    and conjunction as well (:data:`_WEAK_GAP`); then each of those with each number held
    to the word after it (:func:`_number_held`)."""
    letter = _opening_held(_letter_held(text))
    aside = _ASIDE.sub(_aside_kept, text)
    both = _ASIDE.sub(_aside_kept, letter)
    held = _range_held(both)
    found = [text, last_pair_kept(text), letter, aside, both, held, _weak_held(held)]
    return list(dict.fromkeys([*found, *map(_number_held, found)]))


Candidate = tuple[list[str], list[bool], int]


def _candidates(text: str, font: Path, px: int, limit: float, count: int) -> list[Candidate]:
    """Every greedy wrap of ``text`` in ``count`` lines at a width from the narrowest that
    needs no more (as :func:`_balance` finds it) to ``limit``, narrowest first: each line,
    whether it ends its paragraph, and the widest line's width. Each is what a viewer that
    wraps greedily at the widest line breaks (the measure a slide gives its title)."""
    lo, hi = int(limit) // 2, int(limit)
    if len(_breaks(text, font, px, hi)) != count:
        return []
    while lo < hi:
        mid = (lo + hi) // 2
        if len(_breaks(text, font, px, mid)) <= count:
            hi = mid
        else:
            lo = mid + 1
    found: list[Candidate] = []
    at = hi
    while at <= limit and len(found) < _MAX_CANDIDATES:
        spans = _breaks(text, font, px, at)
        lines = [_joined(parts[a:b], spaced[a:b]) for parts, spaced, a, b in spans]
        widest = max(_width(line, font, px) for line in lines)
        if len(spans) == count and widest <= limit:
            found.append((lines, [b == len(parts) for parts, _, _, b in spans], widest))
        # The next width at which some line takes one more piece: the wrap is the same
        # up to it.
        wider = [_width(_joined(parts[a : b + 1], spaced[a : b + 1]), font, px)
                 for parts, spaced, a, b in spans if b < len(parts)]  # fmt: skip
        if not wider:
            break
        at = max(min(wider), at + 1)
    return found


def _faults(lines: list[str], ends: list[bool], fits: Callable[[str], bool] | None) -> int:
    """What a design director would fix in these breaks, as a cost: a line ending on a
    word of one letter ('cybersecurity a / national-security'); a break after a hyphen
    (where ``fits`` says a viewer that breaks at hyphens fits the line with the next
    word's part up to its hyphen: 'the second- / largest'); a line of one word of a
    paragraph of several, the last above all ('growth)'); a parenthetical of a few words
    split ('(12% / of employment)'); a range split after its word ('2019 to / September
    2024': before it, or not at all); a name split ('in the United / States'); a line
    ending on another article or a conjunction ('in the / United States', 'trademarks
    and / trade secrets') or on a sentence's short first word ('the U.S. In / a typical
    year'); a short opening phrase split ('Source: Global Impact / page, AI
    applications list')."""
    cost = 0
    for k, line in enumerate(lines):
        if ends[k]:
            continue
        # The word before the last, from the line before if it is alone ('2019 / to /').
        carried = lines[k - 1].split()[-1:] if k and not ends[k - 1] else []
        *_, before, last = ["", "", *carried, *line.split()]
        if last in _ONE_LETTER or re.fullmatch(_SIGN_ALONE, last):
            cost += _COST_ONE_LETTER
        elif last.casefold() in _RANGE_WORDS and any(c.isdigit() for c in before):
            cost += _COST_RANGE
        elif last.casefold() in _WEAK_ENDINGS or _opens_sentence(before, last):
            cost += _COST_WEAK
        head = lines[k + 1].split(" ", 1)[0]
        if _splits_name(before, last, head):
            cost += _COST_NAME
        cut = head.find("-")
        if fits is not None and 0 < cut < len(head) - 1 and fits(f"{line} {head[: cut + 1]}"):
            cost += _COST_HYPHEN
    # A lone word: a paragraph's last line of one word (a widow), or any other of its
    # lines, which balancing a widow away can leave ('decades / trade its port').
    cost += _COST_WIDOW * _lone_lines(lines, ends)
    # The words of each paragraph, and the line each is on.
    paragraph: list[tuple[str, int]] = []
    for k, line in enumerate(lines):
        paragraph += [(word, k) for word in line.split()]
        if ends[k]:
            cost += _COST_ASIDE * _asides_split(paragraph)
            cost += _COST_OPENING * _openings_split(paragraph)
            paragraph = []
    return cost


def _lone_lines(lines: Sequence[str], ends: Sequence[bool]) -> int:
    """How many lines hold one word of a paragraph of several."""
    return sum(
        len(line.split()) == 1 and not (ends[k] and (k == 0 or ends[k - 1]))
        for k, line in enumerate(lines)
    )


#: What ends a sentence (a closing quote or bracket may follow it).
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*$")
#: What may open a sentence before its first word: a quotation mark, a bracket.
_OPENERS = "\"'“‘("
#: The longest opening word a line should not end on: 'In', 'The', 'But', 'As'.
_SHORT_OPENING = 3


def _opening_held(text: str) -> str:
    """``text`` with a no-break space after each sentence's short first word
    (:func:`_opens_sentence`): a viewer that fits a hair more on a line than measured
    (LibreOffice did, on the sample's slide 28) cannot leave it at the line's end."""
    words = text.split(" ")
    held = [
        word + (NBSP if k and _opens_sentence(words[k - 1], word) else " ")
        for k, word in enumerate(words[:-1])
    ]
    return "".join([*held, words[-1]])


def _opens_sentence(before: str, last: str) -> bool:
    """Whether ``last`` is a short word opening a sentence after ``before``: a line
    should not end on it, left apart from the sentence it starts ('moves nearly 75% of
    the new cars purchased in the U.S. In / a typical year', the sample's slide 28, found
    in review). Counted as an article's: a longer word, or one after a comma, reads on."""
    word = last.lstrip(_OPENERS)  # '“The' opens a quoted sentence
    return (
        bool(_SENTENCE_END.search(before))
        and word[:1].isupper()
        and len(word) <= _SHORT_OPENING
        and word.isalpha()
    )


def _splits_name(before: str, last: str, head: str) -> bool:
    """Whether a break between ``last`` and ``head`` splits a name of capitalised words
    ('in the United / States', 'from South / Korea'): both capitalised, and ``last`` not a
    sentence's first word (nothing ``before`` it, or a clause ending there) nor itself
    ending one. A preference, as every fault is: a name longer than a line still breaks."""
    return (
        last[:1].isupper()
        and head[:1].isupper()
        and not last.endswith(_CLAUSE_END)
        and before != ""
        and not before.endswith(_CLAUSE_END)
    )


def _openings_split(placed: list[tuple[str, int]]) -> int:
    """How many opening phrases of two to :data:`_ASIDE_WORDS` words span two lines: the
    words from a paragraph's start, or from after a label's colon, to the comma or colon
    that ends them (a source line's publisher, 'Light vehicle trade, exports...'). The
    sample's list card broke its source line 'Source: Global Impact / page, AI
    applications list', where 'Global Impact page, / AI applications list' fitted (found
    in review). A phrase inside a sentence is left to break ('... maintaining, if / not
    expanding, its lead.' keeps a quote's lines even)."""
    split, start = 0, 0
    for i, (word, _) in enumerate(placed):
        if not word.endswith((",", ":")):
            continue
        opening = start == 0 or placed[start - 1][0].endswith(":")
        phrase = placed[start : i + 1]
        split += opening and 1 < len(phrase) <= _ASIDE_WORDS and phrase[0][1] != phrase[-1][1]
        start = i + 1
    return split


def _asides_split(placed: list[tuple[str, int]]) -> int:
    """How many parentheticals of up to :data:`_ASIDE_WORDS` words span two lines."""
    split = 0
    for i, (word, line) in enumerate(placed):
        if not word.startswith("("):
            continue
        for j in range(i, min(i + _ASIDE_WORDS, len(placed))):
            if ")" in placed[j][0]:
                split += placed[j][1] != line
                break
    return split


def _choose(
    text: str, font: Path, px: int, limit: float, count: int, *, greedy: bool, hyphens: bool
) -> tuple[str, list[str]]:
    """The one place line breaks are chosen for balanced and unorphaned text: among the
    greedy wraps of ``text`` (and of its :func:`_variants`) in ``count`` lines that fit
    ``limit``, the one with (``greedy``: first the fewest lines of one word, then) the
    fewest lines ending on a number the next line's word counts (:func:`_numbers_split`),
    then the fewest :func:`_faults` and hollow lines (:func:`_hollow`); then the text as
    written, then the narrowest (balanced) or, for ``greedy``, the widest (the greedy
    lines). Faults are preferences: never a line more or a line too wide. Returns the
    text as broken and its lines."""
    best: tuple[tuple[int, ...], str, list[str]] | None = None
    for rank, variant in enumerate(_variants(text)):
        # Lines with nothing to fix are not bettered by a later variant (its rank loses
        # every tie; only the first two can be the greedy lines themselves): the rest are
        # not wrapped (a title's, a label's, most of them).
        if best is not None and _unbeatable(best[0], rank, greedy=greedy):
            break
        found = _candidates(variant, font, px, limit, count)
        for order, (lines, ends, widest) in enumerate(found):

            def fits(line: str, widest: int = widest) -> bool:
                return _width(line, font, px) <= widest * _VIEWER_SLACK + px / _EM_PARTS

            cost = _faults(lines, ends, fits if hyphens else None) + _COST_HOLLOW * _hollow(
                [_width(line, font, px) for line in lines], ends
            )
            split = _numbers_split(lines, ends)
            if greedy:  # the greedy lines, then the last pair kept, then the rest
                lone = sum(len(line.split()) == 1 for line in lines)
                widest_of_its_text = order == len(found) - 1
                first = 0 if widest_of_its_text and rank < 2 else 1
                # Lone words first: a line held to a number must not leave a word alone
                # ('battery / 2019 battery EV' for 'battery 2019 / battery EV').
                key = (lone, split, cost, first, rank, -order)
            else:
                key = (split, 0, cost, 0, rank, order)
            if best is None or key < best[0]:
                best = (key, variant, lines)
    if best is None:  # no wrap of as many lines fits: the greedy lines, as they are
        return text, _wrap(text, font, px, limit)
    if greedy and best[0][:3] > (0, 0, 0):
        # Lines written as breaks need not be any width's greedy wrap: where every one
        # keeps a fault, a short text tries every break of as many lines (the sample's
        # slide 15 read 'battery production, / 2019 to / September 2024' in two themes,
        # where no greedy wrap kept the range off a line's end; found in review).
        better = _every_wrap(text, font, px, limit, count, hyphens, best[2])
        if better is not None:
            return _held(text, better), better
    return _held(text, best[2]), best[2]


def _unbeatable(key: tuple[int, ...], rank: int, *, greedy: bool) -> bool:
    """Whether no variant from ``rank`` on can better :func:`_choose`'s ``key``: nothing
    to fix, and (``greedy``) the greedy lines of the text, or only variants left that
    cannot be them."""
    if greedy:  # (lone words, numbers split, faults, not the greedy lines, rank, order)
        return key[:3] == (0, 0, 0) and (key[3] == 0 or rank >= 2)
    return key[0] == key[2] == 0  # (numbers split, 0, faults, 0, rank, order)


#: The most breaks :func:`_every_wrap` chooses among (a label of a dozen words or so).
_MAX_GAPS = 14


def _every_wrap(
    text: str, font: Path, px: int, limit: float, count: int, hyphens: bool, beat: list[str]
) -> list[str] | None:
    """Of every break of ``text`` into ``count`` lines that fit ``limit``, the one with the
    fewest lone words, then lines ending on a number before its word
    (:func:`_numbers_split`), then lone last words, then :func:`_faults` and hollow
    lines, if it has fewer than the lines ``beat``; among as many, the most even (the
    least squared space left at the ends of its lines but each paragraph's last).
    ``None`` if none has fewer, or the text has too many breaks to try."""
    paragraphs = _paragraphs(text, font)
    if sum(len(parts) for parts, _, _ in paragraphs) - len(paragraphs) > _MAX_GAPS:
        return None

    def faults(lines: list[str], ends: list[bool]) -> tuple[int, int, int, int]:
        widths = [_width(line, font, px) for line in lines]
        widest = max(widths)

        def fits(line: str) -> bool:
            return _width(line, font, px) <= widest * _VIEWER_SLACK + px / _EM_PARTS

        alone = [len(line.split()) == 1 for line in lines]
        widows = sum(a and e and k > 0 and not ends[k - 1]
                     for k, (a, e) in enumerate(zip(alone, ends, strict=True)))  # fmt: skip
        cost = _faults(lines, ends, fits if hyphens else None)
        return (sum(alone), _numbers_split(lines, ends), widows,
                cost + _COST_HOLLOW * _hollow(widths, ends))  # fmt: skip

    def wraps(k: int, start: int, left: int) -> Iterator[list[tuple[str, int, bool]]]:
        """Every way to set paragraph ``k`` on from piece ``start`` in ``left`` lines: each
        line, its width and whether it ends its paragraph. A line only grows wider with
        each piece, so the pieces it takes stop at the first that does not fit."""
        if k == len(paragraphs):
            if left == 0:
                yield []
            return
        parts, spaced, _ = paragraphs[k]
        if left < len(paragraphs) - k:
            return
        for end in range(start + 1, len(parts) + 1):
            line = _joined(parts[start:end], spaced[start:end])
            width = _width(line, font, px)
            if width > limit:
                return
            last = end == len(parts)
            for rest in wraps(k + 1, 0, left - 1) if last else wraps(k, end, left - 1):
                yield [(line, width, last), *rest]

    ends_of = [sum(len(line.split()) for line in beat[: k + 1]) for k in range(len(beat))]
    paragraph_ends = set(itertools.accumulate(len(p.split()) for p in text.strip().split("\n")))
    worst = faults(beat, [n in paragraph_ends for n in ends_of])
    best: tuple[tuple[int, int, int, int, float], list[str]] | None = None
    for wrap in wraps(0, 0, count):
        lines, ends = [line for line, _, _ in wrap], [last for _, _, last in wrap]
        key = (
            *faults(lines, ends),
            sum((limit - width) ** 2 for _, width, last in wrap if not last),
        )
        if key[:4] < worst and (best is None or key < best[0]):
            best = (key, lines)
    return None if best is None else best[1]


#: See ``fits`` in :func:`_choose`: how far a viewer's line may reach past the widest one
#: fitted, a break after a hyphen counted where it may (its measure is a point wider, and
#: its layout within a few per cent of ours: :attr:`Typesetter.slack`, a twentieth of an em).
_VIEWER_SLACK = 1.06
_EM_PARTS = 20


def _held(text: str, lines: list[str]) -> str:
    """``text`` with a no-break space at each space where a line should not break (after
    a word of one letter, an article, a conjunction, a range's word or a sentence's short
    first word, inside a short parenthetical) and ``lines`` do not, and after the first
    word of each line but the first: a viewer that wraps it at the lines' measure cannot
    break there either, nor take a line's first word up onto the line before, where its
    layout differs from ours by a hair ('cybersecurity a / national-security', found in
    review). Left as it is where ``lines`` are not its words in order (Chinese, broken
    between letters)."""
    out = []
    flat = [line.split() for line in lines]
    for paragraph in text.split("\n"):
        count = len(paragraph.split())
        taken, placed = 0, []
        while flat and taken < count:
            placed.append(len(flat[0]))
            taken += len(flat.pop(0))
        if taken != count:
            return text
        breaks = {sum(placed[: k + 1]) for k in range(len(placed))}
        # The gap after each line's first word, where the line before ends: a viewer
        # could take that word up onto it by a hair ('2023, $ / billions', found in review).
        firsts = {b + 1 for b in breaks} - breaks
        held = _number_held(
            _weak_held(_range_held(_ASIDE.sub(_aside_kept, _opening_held(_letter_held(paragraph)))))
        )
        pieces = re.split(r"(\s+)", paragraph)
        kept = re.split(r"(\s+)", held)
        if len(kept) != len(pieces):
            return text
        words_before = 0
        for k in range(1, len(pieces), 2):
            words_before += bool(pieces[k - 1])
            if words_before in firsts and pieces[k] == " " and 1 < words_before < count:
                pieces[k] = NBSP
            elif words_before not in breaks and pieces[k] == " ":
                pieces[k] = kept[k]
        out.append("".join(pieces))
    return "\n".join(out)


# --------------------------------------------------------------------------- ink
@functools.lru_cache(maxsize=1024)
def ink(text: str, font: Path, px: int) -> tuple[int, int, int, int]:
    """The inked pixels of one line drawn at (0, 0) with anchor 'la': left, top, right,
    bottom. (Pillow's ``getbbox`` reaches down to the baseline and starts at the origin;
    a big number or a quotation mark is placed by what is visible.)

    Read from the glyph mask Pillow would draw (``ImageDraw.text`` pastes exactly this mask
    at the origin plus its offset), without drawing it onto an image.
    """
    mask, (dx, dy) = pil_font(covering(font, text), px).getmask2(text, mode="L", anchor="la")
    box = mask.getbbox()
    if not box:
        return 0, 0, 0, 0
    return box[0] + dx, box[1] + dy, box[2] + dx, box[3] + dy


def ink_width(text: str, font: Path, px: int) -> int:
    left, _, right, _ = ink(text, font, px)
    return right - left


def ink_height(text: str, font: Path, px: int) -> int:
    _, top, _, bottom = ink(text, font, px)
    return bottom - top


#: Size at which a big number's ink is drawn once to estimate it at other sizes.
_INK_REFERENCE_PX = 256


def ink_fits(
    text: str, font: Path, px: int, max_width: float, max_height: float = math.inf
) -> bool:
    """Whether ``text``'s ink at ``px`` is at most ``max_width`` x ``max_height`` pixels:
    exactly ``ink_width(...) <= max_width and ink_height(...) <= max_height``.

    Fitting a big number tries many sizes, and drawing it large is the slow part; so its
    ink is estimated from one drawing at a reference size (outlines scale exactly; hinting
    and anti-aliasing move each edge by a pixel or two at either size) and drawn at
    ``px`` only when the estimate is too close to call.
    """
    left, top, right, bottom = ink(text, font, _INK_REFERENCE_PX)
    scale = px / _INK_REFERENCE_PX
    slack = 2 * (3 + 2 * scale)  # two edges, each off by up to 2 px at either size, + 1
    wide, tall = (right - left) * scale, (bottom - top) * scale
    if wide - slack > max_width or tall - slack > max_height:
        return False
    if wide + slack <= max_width and tall + slack <= max_height:
        return True
    return ink_width(text, font, px) <= max_width and ink_height(text, font, px) <= max_height


#: :meth:`Typesetter.fit`'s and :meth:`Typesetter.viewer_text`'s caches, here where
#: ``pipeline.forget_fonts`` finds and clears every cache of the module when a font file
#: is replaced.
_fitted = Typesetter.fit
_written = Typesetter.viewer_text


def right_to_left(text: str) -> bool | None:
    """Whether ``text`` reads right to left: its first letter of a direction (Unicode's
    bidirectional class) is Arabic or Hebrew ('AL', 'R'), as a paragraph's direction is
    found (UAX #9, P2); ``None`` where it has no such letter (figures alone), which the
    caller reads as it must (a slide's paragraph left to right, a card's line as its card
    reads). Here, not with the deck's shapes: planning a slide and drawing a card ask it
    too, and neither loads python-pptx."""
    import unicodedata

    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return None
