"""The quote card: a quotation set large under a big opening mark, its attribution beneath."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from deckgen.errors import Location, OutlineError, Problem, joined
from deckgen.kinds.cards._base import BODY_PX, CardKind, CardLayout, footer_blocks, frame, slug
from deckgen.layout.text import metrics
from deckgen.layout.units import Length, Px
from deckgen.outline.schema import Prose, Text
from deckgen.outline.typography import straight
from deckgen.render.cardkit import CardJob, TextBlock, drawing, place, place_tight

if TYPE_CHECKING:
    from pathlib import Path

    import pandas as pd
    from PIL import Image


#: The most words a quote card sets: about two lines of a headline at phone size, what a
#: reader takes in at a glance in a feed. A longer quotation becomes a 10-line wall.
QUOTE_WORDS = 25
# The last three dots of a run are the ellipsis: "China...." is "China." then "...".
_ELLIPSIS = re.compile(r"\s*(?:\u2026|\.\.\.(?!\.))\s*")


def excerpt_problem(text: str, excerpt: str) -> str | None:
    """Why ``excerpt`` is not the quotation's own words (``None`` when it is): it must be
    a part of ``text``, or parts of it in their order joined by an ellipsis ('…' or '...');
    spacing, the case of a part's first letter, and its apostrophes (straight or
    typographic: each field sets its own, :mod:`deckgen.outline.typography`) may differ."""
    found = _excerpt_spans(text, excerpt)
    return found if isinstance(found, str) else None


def _excerpt_spans(text: str, excerpt: str) -> list[tuple[int, int]] | str:
    """Where each part of ``excerpt`` is in ``text`` (made one line, apostrophes straight:
    :func:`_flat`), start and end, or why it is not the quotation's words."""
    flat = _flat(text)
    parts = [p for p in _ELLIPSIS.split(" ".join(excerpt.split())) if p]
    if not any(ch.isalnum() for part in parts for ch in part):
        return "it has none of the quotation's words"  # '…' alone set an empty card
    at = 0
    spans = []
    for part in parts:
        found = _whole_words(flat, straight(part), at)
        if found < 0:
            found = _whole_words(flat, straight(part[:1].swapcase() + part[1:]), at)
        if found < 0:
            cut = flat.find(straight(part), at)
            if cut >= 0:  # there, but inside a longer word
                inside = cut if cut > 0 and flat[cut - 1].isalnum() else cut + len(part) - 1
                word = _word_around(flat, inside)
                return f"{part!r} cuts the word {word!r} of the quotation"
            return f"{part!r} is not in the quotation" + (" after the part before it"
                                                          if at else "")  # fmt: skip
        at = found + len(part)
        spans.append((found, at))
    return spans


def _flat(text: str) -> str:
    """``text`` on one line, single spaces, straight apostrophes: what parts are found in."""
    return straight(" ".join(text.split()))


#: Words that turn what follows them into its opposite. An ellipsis that leaves one out
#: while the words it negates are kept reverses the quotation: 'We will not cut jobs'
#: excerpted 'We will … cut jobs' (fuzzing round 5, F9). "n't" ends a word ('won't'), and
#: French elides "ne" ("n'est"). In the languages deckgen writes (and a few near them),
#: as a quotation may be in any: German, French and Spanish cards left out 'keine',
#: 'ne ... jamais' and 'ninguna' (fuzzing round 8, 3). Words that are also common words
#: of another meaning are not listed (French 'plus', 'personne'; Italian 'mai', French
#: for May).
NEGATIONS = frozenset({
    # English
    "not", "no", "never", "cannot", "nor", "neither", "none", "nothing", "nobody", "nowhere",
    # German
    "nicht", "kein", "keine", "keinen", "keinem", "keiner", "keines", "nie", "niemals",
    "nichts", "niemand", "nirgends", "weder",
    # French
    "ne", "pas", "jamais", "rien", "aucun", "aucune", "nul", "nulle", "ni",
    # Spanish, Italian, Portuguese
    "nunca", "jamás", "ningún", "ninguno", "ninguna", "nada", "nadie", "tampoco", "non",
    "nessuno", "nessuna", "niente", "nulla", "né", "não", "nenhum", "nenhuma", "ninguém",
    # Dutch
    "niet", "geen", "nooit", "niets", "nergens",
})  # fmt: skip
_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
#: Where a clause ends: a comma, semicolon, colon or full stop before a space (not a
#: decimal point), a bracket or a dash.
_CLAUSE_BREAK = re.compile(r"[,;:.!?]+(?=\s|$)|[()\[\]\u2013\u2014]|\s-\s")


def is_negation(word: str) -> bool:
    """Whether ``word`` is one of :data:`NEGATIONS`, ends in "n't" or begins with French's
    elided "n'" (any case, any apostrophe)."""
    low = straight(word).lower()
    return low in NEGATIONS or low.endswith("n't") or low.startswith("n'")


@dataclass(frozen=True)
class LeftOut:
    """A negation word an ellipsis leaves out (:func:`left_out_negations`)."""

    #: The word, and what of it is left out (all of it, or the "'t" of "won't").
    word: str
    gone: str
    #: The index of the excerpt's part after the ellipsis.
    part: int
    #: The quotation's words from the ellipsis through the word, and whether more of them
    #: are left out after it: what the excerpt needs to keep it.
    through: str
    more: bool


def left_out_negations(text: str, excerpt: str) -> list[LeftOut]:
    """The negation words of ``text`` an ellipsis of ``excerpt`` leaves out while words of
    the clause that holds them are kept (a clause left out whole, ', if not expanding,',
    changes nothing the card says). A word cut at its apostrophe counts too: 'We won …
    cut jobs' of "We won't cut jobs". Nothing for an excerpt that is not the quotation's
    words (:func:`excerpt_problem`)."""
    spans = _excerpt_spans(text, excerpt)
    if isinstance(spans, str):
        return []
    flat = _flat(text)
    breaks = [0, *(m.end() for m in _CLAUSE_BREAK.finditer(flat)), len(flat)]

    def kept(start: int, end: int) -> bool:
        """Whether a letter or digit of ``flat[start:end]`` is in the excerpt."""
        return any(max(a, start) < min(b, end) and any(ch.isalnum() for ch in
                   flat[max(a, start) : min(b, end)]) for a, b in spans)  # fmt: skip

    found = []
    for k in range(1, len(spans)):
        gap_start, gap_end = spans[k - 1][1], spans[k][0]
        for word in _WORD.finditer(flat):
            if word.end() <= gap_start or word.start() >= gap_end or not is_negation(word[0]):
                continue
            clause = max(b for b in breaks if b <= word.start()), min(
                b for b in breaks if b >= word.end())  # fmt: skip
            if kept(*clause):
                gone = flat[max(word.start(), gap_start) : min(word.end(), gap_end)]
                rest = flat[word.end() : gap_end]
                found.append(LeftOut(word[0], gone, k, flat[gap_start : word.end()],
                                     any(ch.isalnum() for ch in rest)))  # fmt: skip
    return found


def _word_around(text: str, at: int) -> str:
    """The word of ``text`` that holds the character at ``at``."""
    start, end = at, at + 1
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return text[start:end]


def _whole_words(text: str, part: str, start: int) -> int:
    """Where ``part`` is in ``text`` from ``start`` on, beginning and ending where words
    do (-1 if nowhere): 'workable' taken out of 'unworkable' said the quotation's
    opposite (found by fuzzing)."""
    found = text.find(part, start)
    while found >= 0:
        end = found + len(part)
        cut_before = found > 0 and text[found - 1].isalnum() and part[:1].isalnum()
        cut_after = end < len(text) and text[end].isalnum() and part[-1:].isalnum()
        if not cut_before and not cut_after:
            return found
        found = text.find(part, found + 1)
    return -1


def quote_problems(text: str, excerpt: str | None, where: Location, *, shared: bool = False
                   ) -> list[Problem]:  # fmt: skip
    """A quotation over :data:`QUOTE_WORDS` words without an excerpt, or an excerpt that is
    not the quotation's words or is itself too long. ``shared``: the card of a slide under
    ``share:``, whose slide shows the whole quotation (the fix is the slide's)."""
    count = word_count(text)
    field = Location(where.file, where.line, f"{where.field}.excerpt")
    if excerpt is None:
        if count <= QUOTE_WORDS:
            return []
        example = f"e.g. {_first_sentence(text)!r} (parts joined by '…' may skip words)"
        if shared:
            return [Problem(
                Location(where.file, where.line, f"{where.field}.text"),
                f"the quotation has {count} words; its card (the slide's 'share:') shows at "
                f"most {QUOTE_WORDS}, and which ones is for you to choose",
                f"add 'excerpt:' to the slide with the {QUOTE_WORDS} or fewer words its card "
                f"shows, {example}; the slide keeps the whole quotation. Or remove 'share:'",
            )]  # fmt: skip
        return [Problem(
            Location(where.file, where.line, f"{where.field}.text"),
            f"the quotation has {count} words; a quote card shows at most {QUOTE_WORDS}",
            f"add 'excerpt:' with the {QUOTE_WORDS} or fewer words to show, {example}",
        )]  # fmt: skip
    problems = []
    why = excerpt_problem(text, excerpt)
    if why:
        problems.append(Problem(field, f"the excerpt must be the quotation's own words: {why}",
                                "copy the words from 'text'; join parts with '…'"))  # fmt: skip
    dropped = left_out_negations(text, excerpt)
    if dropped:
        problems.append(_reversed(excerpt, dropped, field))
    shown = word_count(_ELLIPSIS.sub(" ", excerpt))
    if shown > QUOTE_WORDS:
        problems.append(Problem(field, f"the excerpt has {shown} words; at most {QUOTE_WORDS}",
                                "shorten it; join parts with '…' to skip words"))  # fmt: skip
    return problems


def _reversed(excerpt: str, dropped: list[LeftOut], field: Location) -> Problem:
    """The problem of an excerpt whose ellipsis leaves out the negation words ``dropped``
    (:func:`left_out_negations`), with the excerpt that keeps every one: French's 'ne ...
    jamais' is one negation, and the hint keeping 'ne' alone was itself refused for
    'jamais' (fuzzing round 8, 3)."""
    parts = [p for p in _ELLIPSIS.split(" ".join(excerpt.split())) if p]
    first = dropped[0]
    said = list(dict.fromkeys(repr(d.word) if d.gone == d.word
                              else f"the {d.gone!r} of {d.word!r}" for d in dropped))  # fmt: skip
    before = parts[first.part - 1]
    kept = parts[0]
    for k, part in enumerate(parts[1:], 1):
        here = [d for d in dropped if d.part == k]
        kept += f"{here[-1].through}{' … ' if here[-1].more else ' '}" if here else " … "
        kept += part
    words = joined(list(dict.fromkeys(repr(d.word) for d in dropped)))
    return Problem(
        field,
        f"the ellipsis after {before!r} leaves {joined(said)} out of the quotation but keeps "
        f"the words {'it negates' if len(said) == 1 else 'they negate'}: the card would say "
        "the opposite of what was said",
        f"keep {words} in the excerpt ({kept!r}), or quote a part without it",
    )


#: Where a clause ends inside a sentence: a comma, semicolon or colon ending a word.
_CLAUSE_END = ",;:"


#: Characters of scripts written without spaces between words (Chinese, Japanese): two
#: count as a word, as a Chinese word is one to two characters.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
#: Where a sentence of such a script ends.
_UNSPACED_END = re.compile(r"(?<=[\u3002\uff01\uff1f])")


def word_count(text: str) -> int:
    """The words of ``text`` as a reader takes them in: each run between spaces, and in a
    script written without spaces (Chinese, Japanese) every two characters. A 126-character
    Chinese quotation counted as one word and was set as a wall of eight lines, where a
    28-word one is refused (fuzzing round 8, 7)."""
    count = 0
    for token in text.split():
        unspaced = len(_UNSPACED.findall(token))
        rest = _UNSPACED.sub("", token)
        # Anything else in the run is a word, as every run between spaces was (a dash too).
        count += (unspaced + 1) // 2 + (1 if rest or not unspaced else 0)
    return count


def _first_sentence(text: str) -> str:
    """The excerpt a fix suggests: the quotation's first sentences as far as
    :data:`QUOTE_WORDS` words hold them; a first sentence longer than that up to its last
    clause within them, and an ellipsis (a cut mid-clause, 'it does so with fewer …',
    reads as a misquotation); else its first words and an ellipsis."""
    sentences = re.split(r"(?<=[.!?])\s", " ".join(text.split()))
    if _UNSPACED.search(text):  # sentences end at '。', '！' or '？', with no space after
        sentences = [s for part in sentences for s in _UNSPACED_END.split(part) if s]
    kept: list[str] = []
    for sentence in sentences:
        if word_count(" ".join([*kept, sentence])) > QUOTE_WORDS:
            break
        kept.append(sentence)
    if kept:
        return ("" if _UNSPACED.search(text) else " ").join(kept)
    words = sentences[0].split()[:QUOTE_WORDS]
    ends = [k for k, word in enumerate(words) if word[-1] in _CLAUSE_END]
    if ends and ends[-1] + 1 >= QUOTE_WORDS // 2:  # not a clause of two words
        clause = " ".join(words[: ends[-1] + 1]).rstrip(_CLAUSE_END)
        return f"{clause} …"
    return " ".join(words[: QUOTE_WORDS - 1]) + " …"


#: The largest quotation, in px at 1080 wide: a short one is set as large as a headline.
QUOTE_MAX_PX = 104
#: A quotation set on at most this many lines at :data:`QUOTE_MAX_PX` is a short one ...
SHORT_LINES = 2
#: ... and grows, on as many lines, to fill the card's width as a stat value does, up to
#: this (the smallest stat value): 'Get boosted.' at 104 px took a third of a story's
#: width between empty bands (found by fuzzing).
QUOTE_SHORT_MAX_PX = 180
#: A quotation's line pitch (baseline to baseline) as a multiple of its size: a display
#: leading, as tight as a headline's. A spacing of 1.25 on the font's own line height
#: (1.2 to 1.27 of the size in the bundled fonts) set the sample's quotation 1.5 to 1.6
#: times its size apart, double-spaced to the eye (design review); the room a quotation
#: does not fill is split above and below its group (:meth:`QuoteCard.layout`).
QUOTE_LEADING = 1.25
#: The most an attribution's size may be of the quotation's: the words lead, not the name.
ATTRIBUTION_SHARE = 0.8


def quote_spacing(font: Path) -> float:
    """The line spacing (a multiple of ``font``'s own line height, as the fitter takes
    it) that sets lines :data:`QUOTE_LEADING` times their size apart."""
    ascent, descent = metrics(font, Px(1000))
    return QUOTE_LEADING * 1000 / (ascent + descent).px


@dataclass(frozen=True, kw_only=True)
class QuoteCardJob(CardJob):
    mark: TextBlock
    title: TextBlock | None
    text: TextBlock
    attribution: TextBlock

    def draw(self) -> Image.Image:
        out = drawing(self)
        for block in (self.mark, self.title, self.text, self.attribution):
            out.text(block)
        out.footer(self.footer)
        return out.image


class QuoteCard(CardKind):
    """A quotation and who said it. A card sets at most :data:`QUOTE_WORDS` words of it, so
    a longer quotation names the words to show in ``excerpt`` (a card that sets more is an
    error when it is laid out, whichever way it was asked for: :meth:`layout`)."""

    kind: Literal["quote"]
    text: Text
    attribution: Text
    excerpt: Prose | None = Field(
        None,
        description="The words of a long quotation the card shows (at most 25): a part of "
        "'text', or parts of it in order joined by an ellipsis (…).",
    )

    @property
    def shown(self) -> str:
        """The words the card sets: the excerpt, else the whole quotation."""
        return self.excerpt or self.text

    def check(self, tables: dict[str, pd.DataFrame], where: Location) -> list[Problem]:
        return quote_problems(self.text, self.excerpt, where)

    def default_name(self) -> str:
        return "quote-" + slug(self.attribution, 4)

    def alt_text(self, shows: str) -> str:
        return f"Quotation: {self.suggested_caption()}"

    def suggested_caption(self) -> str:
        return f"\u201c{' '.join(self.shown.split())}\u201d \u2014 {self.attribution}"

    def layout(self, lay: CardLayout) -> QuoteCardJob:
        """The quotation under (or, on landscape, beside) a big opening mark in the
        highlight colour, its attribution beneath.

        A quotation over :data:`QUOTE_WORDS` words with no ``excerpt`` is refused: a quote
        slide shared as a card (whose slide keeps the whole quotation) set all of it, a wall
        of small text on a phone, with not a word from the build (found by fuzzing). It is
        not cut to fit: which of someone's words are published is the author's choice,
        and the fix suggests an excerpt."""
        if self.excerpt is None:
            shared = lay.req.key[:1] == ("slides",)
            problems = quote_problems(self.text, None, lay.where(), shared=shared)
            if problems:
                loaded = lay.ctx.loaded
                raise OutlineError([loaded.relocate(p) for p in problems])
        theme, safe, colors = lay.theme, lay.safe, lay.colors
        footer, footer_top = footer_blocks(lay, self.source, (self.note,))
        landscape = lay.preset.landscape
        y = safe.top
        title = None
        if self.title:
            fitted = lay.fit(
                self.title, theme.body.bold, ("title",), "the title", max_width=safe.width,
                max_height=lay.px(120), largest=40, smallest=BODY_PX, max_lines=2,
            )  # fmt: skip
            title = place("title", fitted, theme.body.bold, colors.muted, x=safe.left, y=y)
            y = title.box.bottom + lay.gap(32)
        mark = place_tight(
            "mark", "\u201c", theme.heading.bold, lay.px(150 if landscape else 240),
            colors.highlight, x=safe.left, y=y,
        )  # fmt: skip
        x = safe.left + mark.box.width + lay.px(36) if landscape else safe.left
        top = y if landscape else mark.box.bottom + lay.gap(36)
        text_w = safe.right - x
        attr_font = theme.body.bold
        attribution = lay.fit(
            f"\u2014 {self.attribution}", attr_font, ("attribution",), "the attribution",
            max_width=text_w, max_height=lay.px(140), largest=44, smallest=BODY_PX, max_lines=2,
        )  # fmt: skip
        gap = lay.gap(36)
        bottom = footer_top - lay.gap(48)
        room = bottom - top - attribution.height - gap
        spacing = quote_spacing(theme.heading.regular)
        quote = lay.fit(
            self.shown, theme.heading.regular, ("text",), "the quotation", max_width=text_w,
            max_height=room, largest=QUOTE_MAX_PX, smallest=BODY_PX, spacing=spacing,
        )  # fmt: skip
        if len(quote.lines) <= SHORT_LINES:
            quote = lay.fit(
                self.shown, theme.heading.regular, ("text",), "the quotation",
                max_width=text_w, max_height=room, largest=QUOTE_SHORT_MAX_PX,
                smallest=BODY_PX, spacing=spacing, max_lines=len(quote.lines),
            )  # fmt: skip
        # The quotation leads: a long one set small left a name in bold larger than it
        # (x-post: a two-line attribution at 66 px under a quotation at 53 px; found in
        # review). Then the attribution is set smaller, and the quotation given its room.
        # (Never under the body size, which a quotation set at the floor is set in too.)
        ceiling = max(quote.size.px * ATTRIBUTION_SHARE / lay.preset.unit, BODY_PX)
        if attribution.size.px > lay.px(ceiling).px:
            attribution = lay.fit(
                f"\u2014 {self.attribution}", attr_font, ("attribution",), "the attribution",
                max_width=text_w, max_height=lay.px(140), largest=ceiling, smallest=BODY_PX,
                max_lines=2,
            )  # fmt: skip
            room = bottom - top - attribution.height - gap
            short = len(quote.lines) <= SHORT_LINES
            quote = lay.fit(
                self.shown, theme.heading.regular, ("text",), "the quotation", max_width=text_w,
                max_height=room, largest=QUOTE_SHORT_MAX_PX if short else QUOTE_MAX_PX,
                smallest=BODY_PX, spacing=spacing, max_lines=len(quote.lines) if short else None,
            )  # fmt: skip
        # Centre the group (mark, quotation, attribution) in the space above the footer:
        # what a short quotation leaves is split evenly above and below it.
        group_h = (top - y) + quote.height + gap + attribution.height
        # (Centred on the space up to the footer itself, the gap above the footer kept.)
        spare = (bottom - y - group_h).px
        shift = Px(max(0, min(spare, (footer_top - y - group_h).px // 2)))
        nudge = lay.px(8) if landscape else Length(0)
        mark = replace(mark, box=mark.box.moved(dy=shift + nudge))
        body = place("text", quote, theme.heading.regular, colors.text, x=x, y=top + shift,
                     spacing=spacing)  # fmt: skip
        attr = place("attribution", attribution, attr_font, colors.text, x=x,
                     y=body.box.bottom + gap)  # fmt: skip
        return QuoteCardJob(frame=frame(lay), footer=footer, mark=mark, title=title, text=body,
                            attribution=attr)  # fmt: skip
