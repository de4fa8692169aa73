"""Plan social cards: outline -> one laid-out, pure render job per card and preset.

Planning fits every text with the theme's font files at the exact pixel sizes it will be
drawn at, inside the preset's safe area, and fails with a :class:`FitError` naming the card,
the field and the text when something cannot fit at its minimum legible size. Nothing here
draws; ``deckgen.social.render`` draws the jobs.

Cards come from two places:

* ``social.cards``: cards written for social media;
* slides marked ``share: [preset, ...]``: a ``chart`` slide becomes a chart card, a
  ``quote`` slide a quote card, and a ``stats`` slide a stat card of its accented item (the
  first item with ``accent: true``, else the first item): a card carries one number, and
  the accent marks the finding; the slide's title becomes the card's title.

All sizes below are design pixels at 1080 px wide, multiplied by the preset's ``unit``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from deckgen.errors import DeckgenError, FitError, Problem, one_of
from deckgen.outline.load import format_path
from deckgen.outline.social import ChartCard, QuoteCard, SocialCard, StatCard
from deckgen.social.layouts import (
    STAT_VALUE_MAX_PX,
    CardContext,
    CardLayout,
    plan_chart,
    plan_list,
    plan_quote,
    plan_stat,
    stat_words,
)
from deckgen.social.longform import plan_infographic
from deckgen.social.presets import Preset, parse_preset, preset_problem
from deckgen.social.render import EXTENSIONS

if TYPE_CHECKING:
    from collections.abc import Callable

    import pandas as pd

    from deckgen.outline.load import LoadedOutline
    from deckgen.outline.schema import Stat
    from deckgen.social.jobs import CardJob
    from deckgen.theming.load import LoadedTheme

PathKey = tuple[str | int, ...]
#: Squeeze levels tried in turn: preferred sizes first, minimum sizes last.
SQUEEZE = (0.0, 0.25, 0.5, 0.75, 1.0)


# --------------------------------------------------------------------------- requests
@dataclass(frozen=True)
class CardRequest:
    """One card to make, from ``social.cards`` or from a shared slide."""

    card: SocialCard
    key: PathKey  # where it is in the outline: ("social", "cards", 3) or ("slides", 4)
    name: str
    format: str
    #: Card field -> outline path, where they differ from ``key + (field,)`` (a shared
    #: stats slide's value is at ``slides[i].items[k].value``).
    fields: tuple[tuple[str, PathKey], ...] = ()

    def path(self, *names: str | int) -> PathKey:
        """The outline path of a card field, for messages."""
        mapped = dict(self.fields)
        head = names[0] if names else None
        if isinstance(head, str) and head in mapped:
            return (*mapped[head], *names[1:])
        return (*self.key, *names)

    @property
    def origin(self) -> str:
        return format_path(self.key)


@dataclass(frozen=True)
class PlannedCard:
    """A card in one preset, laid out: what to render, where to write it, what to say."""

    name: str
    kind: str
    preset: Preset
    format: str
    file: str
    job: CardJob
    alt: str
    caption: str
    source: str | None
    origin: str


def slug(text: str, words: int = 6) -> str:
    """A file-name stem: 'China built 32% of the world's…' -> 'china-built-of-the-world'.

    Numbers are left out: titles are often bound to the data, and a card's file name must
    not change when next year's figures arrive (posts and links point at it).
    """
    parts = [
        w
        for w in re.findall(r"[a-z0-9]+", text.lower().replace("'s", ""))
        if not re.search(r"\d", w)
    ]
    parts = parts[:words]
    while parts and parts[0] in _STOP:
        parts.pop(0)
    while len(parts) > 1 and parts[-1] in _STOP:
        parts.pop()
    return "-".join(parts)[:48].strip("-") or "card"


_STOP = {"a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with"}


Shared = tuple[SocialCard, dict[str, PathKey]]


def _share_stats(slide: Any, i: int) -> Shared:
    k = next((n for n, s in enumerate(slide.items) if s.accent), 0)
    item: Stat = slide.items[k]
    card = StatCard(
        kind="stat",
        presets=list(slide.share),
        title=slide.title,
        value=item.value,
        label=item.label,
        qualifier=item.qualifier,
        source=item.source or slide.source,
    )
    item_key: PathKey = ("slides", i, "items", k)
    fields = {f: (*item_key, f) for f in ("value", "label", "qualifier")}
    fields["source"] = (*item_key, "source") if item.source else ("slides", i, "source")
    return card, fields


def _share_chart(slide: Any, i: int) -> Shared:
    card = ChartCard(
        kind="chart",
        presets=list(slide.share),
        title=slide.title,
        subtitle=slide.subtitle,
        chart=slide.chart,
        source=slide.source,
    )
    return card, {}


def _share_quote(slide: Any, i: int) -> Shared:
    card = QuoteCard(
        kind="quote",
        presets=list(slide.share),
        text=slide.text,
        attribution=slide.attribution,
        source=slide.source,
    )
    return card, {}


#: Slide kinds that can be shared, and how each becomes a card.
SHARERS: dict[str, Callable[[Any, int], Shared]] = {
    "stats": _share_stats,
    "chart": _share_chart,
    "quote": _share_quote,
}


def _default_name(card: SocialCard) -> str:
    if isinstance(card, QuoteCard):
        return "quote-" + slug(card.attribution, 4)
    if isinstance(card, StatCard) and not card.title:
        return slug(f"{card.value} {card.label}")
    return slug(card.title or card.kind)


def _shared(loaded: LoadedOutline, problems: list[Problem]) -> list[tuple[Shared, PathKey]]:
    """The cards of slides marked ``share:``; bad presets and kinds go to ``problems``."""
    found = []
    for i, slide in enumerate(loaded.outline.slides):
        if not slide.share:
            continue
        sharer = SHARERS.get(slide.kind)
        if sharer is None:
            problems.append(
                Problem(
                    loaded.locate("slides", i, "share"),
                    f"a {slide.kind} slide cannot be shared; only {one_of(SHARERS)} slides can",
                    "write a card for it under 'social: cards:' instead",
                )
            )
            continue
        bad = []
        for j, name in enumerate(slide.share):
            problem = preset_problem(name)
            if problem is None and parse_preset(name).height is None:
                problem = (f"{name!r} is for infographics", "pick a fixed-size preset")
            if problem:
                bad.append(Problem(loaded.locate("slides", i, "share", j), *problem))
        if len(set(slide.share)) != len(slide.share):
            bad.append(Problem(loaded.locate("slides", i, "share"), "a preset is listed twice"))
        problems.extend(bad)
        if not bad:
            found.append((sharer(slide, i), ("slides", i)))
    return found


def card_requests(loaded: LoadedOutline) -> list[CardRequest]:
    """Every card the outline asks for: shared slides first, then ``social.cards``.

    Raises :class:`DeckgenError` for a bad ``share:`` preset, a slide kind that cannot be
    shared, or two cards with the same ``name``. Cards without a ``name`` get one from
    their title (made unique with -2, -3...).
    """
    section = loaded.outline.social
    problems: list[Problem] = []
    found: list[tuple[SocialCard, PathKey, dict[str, PathKey]]] = [
        (card, key, fields) for (card, fields), key in _shared(loaded, problems)
    ]
    cards = section.cards if section else []
    found += [(card, ("social", "cards", i), {}) for i, card in enumerate(cards)]
    taken: dict[str, PathKey] = {}
    for card, key, _ in found:
        name = getattr(card, "name", None)
        if name in taken:
            problems.append(
                Problem(
                    loaded.locate(*key, "name"),
                    f"two cards are named {name!r} (the other is {format_path(taken[name])})",
                    "names become file names; make them unique",
                )
            )
        elif name:
            taken[name] = key
    if problems:
        raise DeckgenError(problems)
    requests = []
    default_format = section.format if section else "png"
    for card, key, fields in found:
        name = getattr(card, "name", None)
        if not name:
            base = _default_name(card)
            name, n = base, 2
            while name in taken:
                name, n = f"{base}-{n}", n + 1
            taken[name] = key
        fmt = card.format or default_format
        requests.append(CardRequest(card, key, name, fmt, tuple(fields.items())))
    return requests


# --------------------------------------------------------------------------- words
def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if text[-1:] in ".!?" else f"{text}."


def _with_source(text: str, source: str | None) -> str:
    return f"{_sentence(text)} Source: {_sentence(source)}" if source else _sentence(text)


def _stat_text(req: CardRequest, job: CardJob) -> tuple[str, str]:
    card = req.card
    stat = stat_words(card)
    head = card.title
    text = f"{_sentence(head)} {_sentence(stat)}" if head else _sentence(stat)
    return text, text


def _chart_text(req: CardRequest, job: CardJob) -> tuple[str, str]:
    from deckgen.render.alt import describe_chart

    card = req.card
    alt = card.chart.alt or describe_chart(job.chart.job)  # type: ignore[union-attr]
    note = job.note  # type: ignore[union-attr]
    if note is not None:
        alt = f"{_sentence(alt)} {_sentence(' '.join(note.lines))}"
    return alt, card.title  # type: ignore[union-attr]


def _quote_text(req: CardRequest, job: CardJob) -> tuple[str, str]:
    card = req.card
    quote = f"\u201c{' '.join(card.text.split())}\u201d \u2014 {card.attribution}"
    return f"Quotation: {quote}", quote


def _list_text(req: CardRequest, job: CardJob) -> tuple[str, str]:
    card = req.card
    items = "; ".join(i.rstrip(".") for i in card.items)
    return f"{_sentence(card.title)} {_sentence(items)}", card.title


def _infographic_text(req: CardRequest, job: CardJob) -> tuple[str, str]:
    card = req.card
    head = _sentence(card.title) + (f" {_sentence(card.subtitle)}" if card.subtitle else "")
    parts = " ".join(_sentence(p) for p in job.summary)  # type: ignore[union-attr]
    return f"Infographic. {head} {parts}", head


#: Card kind -> (alt text, caption) written from the card's content and data.
WORDS: dict[str, Callable[[CardRequest, CardJob], tuple[str, str]]] = {
    "stat": _stat_text,
    "chart": _chart_text,
    "quote": _quote_text,
    "list": _list_text,
    "infographic": _infographic_text,
}


# --------------------------------------------------------------------------- entry points
#: Card kind -> layout function (``deckgen.social.layouts``, ``deckgen.social.longform``).
LAYOUTS: dict[str, Callable[[CardLayout, Any], CardJob]] = {
    "stat": plan_stat,
    "chart": plan_chart,
    "quote": plan_quote,
    "list": plan_list,
    "infographic": plan_infographic,
}
#: Kinds whose squeeze levels are all tried, keeping the highest score (a stat card's
#: value grows as its title shrinks); other kinds keep the first level that fits.
SCORES: dict[str, Callable[[Any], float]] = {"stat": lambda job: job.value.size}
#: The best score a kind can reach: once a level reaches it, no later level can beat it.
BEST: dict[str, Callable[[CardLayout], float]] = {"stat": lambda lay: lay.px(STAT_VALUE_MAX_PX)}


def plan_card(ctx: CardContext, req: CardRequest, preset: Preset) -> PlannedCard:
    """Lay out ``req`` in ``preset``: at preferred sizes if they fit, else tighter.

    Raises the :class:`FitError` of the tightest attempt when nothing fits.
    """
    kind = req.card.kind
    score = SCORES.get(kind)
    found: list[CardJob] = []
    error: FitError | None = None
    for squeeze in SQUEEZE:
        lay = CardLayout(ctx, req, preset, preset.height or 0, squeeze)
        try:
            job = LAYOUTS[kind](lay, req.card)
        except FitError as exc:
            error = exc
            continue
        found.append(job)
        best = BEST.get(kind)
        if score is None or (best is not None and score(job) >= best(lay)):
            break
    if not found:
        assert error is not None
        raise error
    job = max(found, key=score) if score else found[0]  # max keeps the first of equals
    alt, caption = WORDS[kind](req, job)
    card = req.card
    alt = card.alt or _with_source(alt, card.source)
    caption = card.caption or _with_source(caption, card.source)
    if ctx.hashtags:
        caption = f"{caption} {' '.join(ctx.hashtags)}"
    file = f"{req.name}-{preset.name}.{EXTENSIONS[req.format]}"
    return PlannedCard(
        req.name, kind, preset, req.format, file, job, alt, caption, card.source, req.origin
    )


def card_context(
    loaded: LoadedOutline, tables: dict[str, pd.DataFrame], theme: LoadedTheme
) -> CardContext:
    section = loaded.outline.social
    wordmark = (section.wordmark if section else None) or loaded.outline.deck.organisation
    logo = theme.theme.path(theme.theme.logo) if theme.theme.logo else None
    ratio = 1.0
    if logo is not None:
        from PIL import Image

        with Image.open(logo) as image:
            ratio = image.width / image.height
    hashtags = tuple(section.hashtags) if section else ()
    return CardContext(loaded, tables, theme, wordmark, logo, ratio, hashtags)


def plan_cards(
    loaded: LoadedOutline,
    tables: dict[str, pd.DataFrame],
    theme: LoadedTheme,
    *,
    presets: list[str] | None = None,
) -> list[PlannedCard]:
    """Lay out every card in every preset it asks for (only ``presets``, if given).

    Every problem in every card is collected and raised together: a :class:`FitError` if
    all are fitting problems, else a :class:`DeckgenError`.
    """
    wanted = {parse_preset(p).name for p in presets} if presets else None
    requests = card_requests(loaded)
    ctx = card_context(loaded, tables, theme)
    planned: list[PlannedCard] = []
    problems: list[Problem] = []
    fit_only = True
    for req in requests:
        for name in req.card.presets:
            preset = parse_preset(name)
            if wanted is not None and preset.name not in wanted:
                continue
            try:
                planned.append(plan_card(ctx, req, preset))
            except DeckgenError as exc:
                fit_only = fit_only and isinstance(exc, FitError)
                problems.extend(p for p in exc.problems if p not in problems)
    if problems:
        raise (FitError if fit_only else DeckgenError)(problems)
    if wanted is not None and not planned and requests:
        used = sorted({parse_preset(p).name for r in requests for p in r.card.presets})
        raise DeckgenError(
            Problem(
                None,
                f"no card asks for {one_of(sorted(wanted))}",
                f"the outline's cards use {one_of(used)}",
            )
        )
    return planned
