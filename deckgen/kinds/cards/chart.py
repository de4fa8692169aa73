"""The chart card: the finding over (or beside) the chart, redrawn for the card's shape."""

from __future__ import annotations

import contextvars
import functools
import weakref
from dataclasses import dataclass, replace
from functools import partial
from typing import TYPE_CHECKING, ClassVar, Literal, TypeVar

from pydantic import Field

from deckgen.errors import FitError, Problem, joined
from deckgen.kinds.cards._base import (
    SQUEEZE,
    TITLE_PX,
    CardKind,
    CardLayout,
    accent_rule,
    card_chart,
    chart_check,
    chart_label_px,
    chart_reference,
    chart_tie,
    chart_totals,
    clip,
    fixes,
    footer_blocks,
    footer_top_over,
    frame,
    headline,
    snug_chart,
    subtitle_room,
    taller_presets,
    things_of,
    with_shown,
)
from deckgen.kinds.charts import AnyChart
from deckgen.kinds.charts._base import reference_value
from deckgen.layout.geometry import Rect
from deckgen.layout.units import Px
from deckgen.outline.schema import Prose, Text
from deckgen.outline.words import sentence
from deckgen.render.cardkit import CardJob, PlacedChart, Rule, TextBlock, drawing

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

    import pandas as pd
    from PIL import Image

    from deckgen.errors import Location
    from deckgen.kinds.cards._base import CardContext, Shown
    from deckgen.layout.units import Length
    from deckgen.outline.load import PathKey
    from deckgen.outline.presets import Preset
    from deckgen.render.cardkit import Footer
    from deckgen.render.charts import ChartJob

    #: A layout of the card with its subtitle (or none) and its title's largest size.
    Attempt = Callable[..., tuple["ChartCardJob", Shown | None]]


#: The title column's share of a landscape card's width when the title is beside the chart.
SIDE_SHARES = (0.4, 0.45)
#: Wider title columns, for a title too long to leave its subtitle room in those: tried
#: only then (before the text is set tighter), and kept only where the chart shows as much
#: beside them (a map held by its height leaves the width unused). The x-post of the
#: sample's port ranking and its map left off 'Value of ... by port, 2023' and 'Motor
#: vehicles and parts as a share of each state's exports, 2023', the map's classes read
#: '< 10% ... >= 30%' of nothing (found in review). From half the width to three fifths,
#: a hundredth apart, the narrowest that holds the subtitle taken (the chart keeps the
#: width the subtitle does not need): at 50% and 55% only, the map's x-post in the contrast
#: theme (Roboto: its subtitle three lines at 55%, two at 57%) left it off (found in review).
WIDE_SHARES = tuple(k / 100 for k in range(50, 61))
#: The title column's share for a chart that shows more beside it than with a wider title
#: (long category names in a waterfall's rows at the phone floor need most of the width).
NARROW_SHARE = 0.3
#: The title columns a landscape card lays out at every squeeze level: beside the chart,
#: and over it (``None``).
NOT_WIDE: tuple[float | None, ...] = (*SIDE_SHARES, NARROW_SHARE, None)
#: Every title column a landscape card tries.
ALL_SHARES: tuple[float | None, ...] = (*NOT_WIDE, *WIDE_SHARES)
#: A title column's share of the card's width, or ``None`` for the title over the chart.
_Share = TypeVar("_Share", bound=float | None)
#: The fewest categories a card cuts any chart to when its type sets none (``card_fewest``):
#: a column chart of 15 regions kept 'the first of 15 regions and Mayotte', two bars
#: under a title about nine falls, on every preset (found in review).
CARD_FEWEST = 3
#: A layout that keeps the subtitle is taken where no layout keeps it with the chart
#: showing as much (:func:`_shown`) as the card shows without it, if its chart shows this
#: share of that at least: the subtitle (measure, place, period; often the only place the
#: unit is) is worth a little of the chart. The sample's x-post map in the dark theme kept
#: it only beside a 60% title column, its map 18 states large enough to see where the card
#: without it showed 19, and was posted without it, its legend '< 10% ... >= 30%' a share
#: of nothing (decided in review).
SUBTITLE_WORTH = 0.9


@dataclass(frozen=True, kw_only=True)
class ChartCardJob(CardJob):
    accent: Rule
    title: TextBlock
    subtitle: TextBlock | None
    chart: PlacedChart
    #: What the card says its chart shows when it leaves categories out, in the deck's
    #: words at the end of the subtitle (:meth:`Shown.said`: '4 of 10 ports' after the
    #: user's subtitle, 'the 4 largest of 10 ports' as the subtitle where there is none);
    #: ``None`` when it shows them all.
    shown: str | None = None
    #: The same in English, said in the alt text (:class:`~deckgen.kinds.cards._base.Shown`).
    shown_alt: str | None = None

    def alt(self) -> str:
        alt = self.chart.job.alt()
        if self.shown_alt is not None:
            alt = f"{sentence(alt)} {sentence(with_shown(None, self.shown_alt) or '')}"
        return alt

    def draw(self) -> Image.Image:
        out = drawing(self)
        out.rule(self.accent)
        for block in (self.title, self.subtitle):
            out.text(block)
        out.chart(self.chart)
        out.footer(self.footer)
        return out.image


@dataclass(frozen=True)
class _Column:
    """Where a layout sets the title and the subtitle under it (:func:`headline`): from
    ``y`` at the safe area's left, ``width`` wide and ``height`` tall, in at most
    ``max_lines`` and ``sub_lines`` lines."""

    y: Length
    width: Length
    height: Length
    max_lines: int
    sub_lines: int

    def headline(
        self, lay: CardLayout, title: str, subtitle: str | None, title_px: float
    ) -> tuple[TextBlock, TextBlock | None, Length]:
        return headline(
            lay, title, subtitle, lay.safe.left, self.y, self.width, self.height,
            max_lines=self.max_lines, sub_lines=self.sub_lines, title_px=title_px,
        )  # fmt: skip

    def has_room(self, lay: CardLayout, title: str, subtitle: str) -> bool:
        return subtitle_room(lay, title, subtitle, self.width, self.height,
                             max_lines=self.max_lines, sub_lines=self.sub_lines)  # fmt: skip


class ChartCard(CardKind):
    """A chart redrawn for the card's shape, under its finding."""

    kind: Literal["chart"]
    states_finding: ClassVar[bool] = True
    title: Text = Field(description="The finding, as a sentence.")
    subtitle: Prose | None = Field(None, description="Measure, place and period.")
    chart: AnyChart = Field(description="A chart exactly as on a chart slide.")

    def check(self, tables: dict[str, pd.DataFrame], where: Location) -> list[Problem]:
        from deckgen.errors import Location

        at = Location(where.file, where.line, f"{where.field}.chart")
        return chart_check(self.chart, tables, at)

    def reference_problems(self, tables: dict[str, pd.DataFrame],
                           where: Location) -> list[Problem]:  # fmt: skip
        from deckgen.errors import Location

        at = Location(where.file, where.line, f"{where.field}.chart")
        return chart_reference(self.chart, tables, at)

    def tie_problems(self, tables: dict[str, pd.DataFrame],
                     where: Location) -> list[Problem]:  # fmt: skip
        from deckgen.errors import Location

        return chart_tie(self.chart, tables, Location(where.file, where.line,
                                                      f"{where.field}.chart"))  # fmt: skip

    def totals_problems(self, tables: dict[str, pd.DataFrame],
                        where: Location) -> list[Problem]:  # fmt: skip
        from deckgen.errors import Location

        return chart_totals(self.chart, tables, Location(where.file, where.line,
                                                         f"{where.field}.chart"))  # fmt: skip

    def alt_text(self, shows: str) -> str:
        return shows

    def written_alt(self) -> tuple[tuple[str, ...], str] | None:
        own = super().written_alt()
        if own is None and self.chart.alt:
            return ("chart", "alt"), self.chart.alt
        return own

    def suggested_caption(self) -> str:
        return self.title

    def layout(self, lay: CardLayout) -> ChartCardJob:
        """The finding over the chart; on landscape presets also the finding beside the
        chart, in a column of 40% of the width or, for a title that takes too many lines
        there to leave its subtitle room, 45%; keeping whichever shows more of the chart
        (:meth:`ChartKind.card_shown`), then the one that keeps its subtitle, then more
        area. Only a chart that shows more with it gets the narrow title column
        (:data:`NARROW_SHARE`): the finding stays as large as the chart allows. A layout
        that leaves its subtitle off is the last resort (:meth:`_keep_subtitle`).

        Nor does it get it for lack of room at this squeeze level alone: when the other
        layouts fit only tighter and there show as much, the level is refused so that the
        next one lays them out. Else a few pixels of height decided the design: og (630 px
        tall) fitted a ring beside a 5-line title column a level before linkedin (627 px)
        fitted it under a one-line title (found by fuzzing)."""
        return self._layout(lay, None)

    def _layout(self, lay: CardLayout, without: int | None) -> ChartCardJob:
        """:meth:`layout`; ``without`` is what the card shows without its subtitle at a
        looser squeeze level (the card it would post), when this level is laid out to see
        whether it keeps it (:meth:`_tighter`)."""
        if not lay.preset.landscape:
            return self._stacked(lay)
        room = self._has_room(lay)
        if not room:
            # No title column here holds the subtitle, whatever the chart does (the text
            # alone says so): laid out, this level could only leave it off. A tighter one
            # that keeps it is taken at once: each level laid out and refused in turn, and
            # each asking the tightest again, cost the sample's x-post map 54 layouts where
            # 5 do (found in review).
            kept = self._tighter(lay, without=without)
            if kept is not None:
                return kept
        # The chart boxes beside a title column whose chart showed too little: a wider
        # title column's box no larger shows no more, and is not laid out for the subtitle
        # (:meth:`_wide`): a ring a linkedin card could not name beside any column was
        # drawn 11 times more to find so, a second a row of a batch (found by a new user).
        too_little: list[Rect] = []

        def side(share: float) -> Callable[[CardLayout], ChartCardJob]:
            def laid(lay: CardLayout) -> ChartCardJob:
                try:
                    return self._side(lay, share)
                except TooFewShown:
                    too_little.append(self._side_frame(lay, share)[2])
                    raise

            return laid

        layouts = [*(side(share) for share in SIDE_SHARES), self._stacked]
        options, errors = _attempts(lay, layouts)
        narrow, narrow_errors = _attempts(lay, [side(NARROW_SHARE)])
        if not options and not narrow:
            # A chart with too few of its categories in every layout: said with the most
            # any layout has room for, rather than as a title that leaves too little room.
            # Unless a layout had room for the rows but not for the words saying which:
            # its title takes their room. Counted in every bundled font (card_rows), the
            # stacked chart under a long title kept 2 of 10 ports where the side layouts
            # kept 3 and lacked room only for 'The 3 largest of 10 ports': the card named
            # its chart, and a shorter title was the fix.
            # Where another layout had no room for the chart's marks at all, that is said
            # too, with the presets that have it: the title named alone, a grouped bar card
            # whose bars the layout under its title had no room for read as if only the
            # title were too long (found in review).
            failed = [*errors, *narrow_errors]
            said = [e for e in failed if isinstance(e, NoRoomToSay)]
            few = [e for e in failed if isinstance(e, TooFewShown)]
            unseen = [e for e in failed if isinstance(e, Unseen)]
            if said and unseen:
                raise NoRoomToSay([*said[-1].problems, *unseen[-1].problems])
            raise said[-1] if said else max(few, key=lambda e: e.fits) if few else errors[-1]
        if not options and lay.squeeze < 1:
            tight, _ = _attempts(replace(lay, squeeze=1.0), layouts)
            if any(_shown(job)[0] >= _shown(narrow[0])[0] for job in tight):
                raise errors[-1]
        best = max(options, key=_shown) if options else narrow[0]
        if narrow and _shown(narrow[0])[0] > _shown(best)[0]:
            best = narrow[0]
        if best.left_off and room:
            return self._keep_subtitle(lay, best, [*options, *narrow], without, too_little)
        if best.left_off and without is None and lay.squeeze < 1:
            # The tighter levels, laid out before this one, weighed the subtitle against
            # what their own charts show without it: against this card's, the one that
            # would be posted, a layout there may keep it (:data:`SUBTITLE_WORTH`).
            shown = _shown(best)[0]
            kept = self._tighter(lay, _least(shown), without=shown)
            if kept is not None and _shown(kept)[0] >= _least(shown):
                return kept
        return best

    def _keep_subtitle(
        self, lay: CardLayout, best: ChartCardJob, others: list[ChartCardJob],
        without: int | None, too_little: Sequence[Rect] = (),
    ) -> ChartCardJob:  # fmt: skip
        """``best``, a layout that leaves its subtitle off, or one that keeps it with the
        chart showing as much (:func:`_shown`), in this order: beside the narrowest wider
        title column that holds it (:data:`WIDE_SHARES`; a wider one leaves the chart less)
        at this squeeze level, then the card at a tighter level (:meth:`_tighter`; the
        subtitle, often the only place of the unit, is worth tighter gaps and text at its
        floors). Else the one of those and ``others`` (this level's layouts) that keeps it
        and shows most, where its chart shows :data:`SUBTITLE_WORTH` of what the card
        shows without it (``without``, from a looser level; else ``best``'s). Only then is
        the subtitle left off, and the build says so."""
        shown = _shown(best)[0]
        reference = shown if without is None else without
        wide = self._wide(lay, too_little)
        if wide is not None and _shown(wide)[0] >= shown:
            return wide
        tight = self._tighter(lay, _least(reference), without=reference)
        if tight is not None and _shown(tight)[0] >= shown:
            return tight
        kept = [job for job in (wide, tight, *others) if job is not None and not job.left_off]
        enough = [job for job in kept if _shown(job)[0] >= _least(reference)]
        return max(enough, key=_shown) if enough else best

    def _wide(self, lay: CardLayout, too_little: Sequence[Rect] = ()) -> ChartCardJob | None:
        """The card beside the narrowest wider title column (:data:`WIDE_SHARES`) that
        keeps its subtitle here, or ``None``; not beside one whose chart box is no larger
        than one of ``too_little`` (boxes whose chart showed too little)."""
        for share in self._with_room(lay, WIDE_SHARES):
            box = self._side_frame(lay, share)[2] if too_little else None
            if box is not None and any(box.width <= f.width and box.height <= f.height
                                       for f in too_little):  # fmt: skip
                continue
            try:
                wide = self._side(lay, share)
            except FitError:
                continue
            if not wide.left_off:  # else what the chart shows, said in it, took a line more
                return wide
        return None

    def _tighter(
        self, lay: CardLayout, least: float = 0, without: int | None = None
    ) -> ChartCardJob | None:
        """The card at the next tighter squeeze level where a title column has room for
        the subtitle (:meth:`_has_room`), if it keeps it there; ``None`` if not. Laid out
        there, the card looks further itself, so each level is laid out once at most; a
        level with no room is passed over unlaid, and so is one where only a wider title
        column holds it and the chart shows less than ``least`` beside it (what it shows
        here without the subtitle): the sample's x-post map in the dark theme, its subtitle
        held only beside a 60% column where the map's legend takes five rows, was laid out
        20 times where 8 do. A chart has at least the room there it has here (the gaps
        close, the text shrinks): the sample's x-post map keeps its 22 states beside a 55%
        column at the tightest level, where the three levels between have no column that
        holds its subtitle. ``without`` is passed on to the level's layout."""
        for squeeze in (s for s in SQUEEZE if s > lay.squeeze):
            tight = replace(lay, squeeze=squeeze)
            if not self._has_room(tight):
                continue
            if least and not next((True for _ in self._with_room(tight, NOT_WIDE)), False):
                wide = self._wide(tight)
                if wide is None or _shown(wide)[0] < least:
                    continue
            try:
                job = self._layout(tight, without)
            except FitError:
                continue
            return None if job.left_off else job
        return None

    def _has_room(self, lay: CardLayout) -> bool:
        """Whether any title column has room for the subtitle here (:meth:`_with_room`)."""
        return next((True for _ in self._with_room(lay, ALL_SHARES)), False)

    def _with_room(self, lay: CardLayout, shares: tuple[_Share, ...]) -> Iterator[_Share]:
        """Those of ``shares`` (a title column's share of the width; ``None``: over the
        chart) whose title column has room for the subtitle at all (:func:`subtitle_room`),
        asked of the text alone: a layout without it can only leave the subtitle off."""
        if not self.subtitle:
            yield from shares
            return
        _, footer_top = footer_blocks(lay, self.source, (self.note, self._footnote(lay)))
        for share in shares:
            if self._column(lay, share, footer_top).has_room(lay, self.title, self.subtitle):
                yield share

    def _column(self, lay: CardLayout, share: float | None, footer_top: Length) -> _Column:
        """Where a layout sets the title and subtitle: beside the chart in a column of
        ``share`` of the width, down to the footer; or over it (``None``), across the card
        in at most a third of its height."""
        safe = lay.safe
        y = accent_rule(lay, safe.left, safe.top).box.bottom + lay.gap(36)
        if share is None:
            sub_lines = 1 if lay.preset.landscape else 3
            return _Column(y, safe.width, Px(round(safe.height.px * 0.34)), 4, sub_lines)
        return _Column(y, Px(round(safe.width.px * share)), footer_top - lay.gap(40) - y, 6, 3)

    def _stacked(self, lay: CardLayout) -> ChartCardJob:
        safe = lay.safe
        accent = accent_rule(lay, safe.left, safe.top)
        footer, footer_top = footer_blocks(lay, self.source, (self.note, self._footnote(lay)))
        column = self._column(lay, None, footer_top)
        # The chart is placed once for each box a title size leaves it.
        chart = functools.cache(partial(self._chart, lay))

        def attempt(
            subtitle: str | None, title_px: float = TITLE_PX[0]
        ) -> tuple[ChartCardJob, Shown | None]:
            head, sub, bottom = column.headline(lay, self.title, subtitle, title_px)
            top = bottom + lay.gap(40)
            box = Rect(safe.left, top, safe.width, footer_top - lay.gap(40) - top)
            if box.height.px < safe.height.px * 0.4:
                raise FitError(
                    Problem(
                        lay.where("title"),
                        f"the title and subtitle of {lay.describe()} leave too little room "
                        f"for the chart ({box.height.px} px of {safe.height.px}): "
                        f"{clip(self.title)!r}",
                        fixes(lay.preset, "shorten the title or subtitle"),
                    )
                )
            placed, note = snug_chart(box, chart, centred=True)
            return _job(lay, footer, accent, head, sub, placed, note), note

        return _settle(lay, attempt, self.subtitle, self.title, column)

    def _side_frame(self, lay: CardLayout, share: float) -> tuple[Footer, _Column, Rect]:
        """The footer, the title column and the chart's box of the card beside a title
        column of ``share`` of the width."""
        safe = lay.safe
        footer, footer_top = footer_blocks(lay, self.source, (self.note, self._footnote(lay)))
        column = self._column(lay, share, footer_top)
        x = safe.left + column.width + lay.gap(56)
        # Down to the footer under the chart: a wordmark there, where a source line of two
        # lines lies under the title column only.
        chart_bottom = footer_top_over(footer, x, safe.right, safe.bottom) - lay.gap(40)
        return footer, column, Rect(x, safe.top, safe.right - x, chart_bottom - safe.top)

    def _side(self, lay: CardLayout, share: float) -> ChartCardJob:
        safe = lay.safe
        accent = accent_rule(lay, safe.left, safe.top)
        footer, column, box = self._side_frame(lay, share)
        # The chart's box is the same for every title size: it is placed once.
        chart = functools.cache(partial(self._chart, lay, box))

        def attempt(
            subtitle: str | None, title_px: float = TITLE_PX[0]
        ) -> tuple[ChartCardJob, Shown | None]:
            head, sub, _ = column.headline(lay, self.title, subtitle, title_px)
            placed, note = chart()
            return _job(lay, footer, accent, head, sub, placed, note), note

        return _settle(lay, attempt, self.subtitle, self.title, column)

    def _footnote(self, lay: CardLayout) -> str:
        """What the chart needs said beside its source, over every row it may show, in the
        deck's language (:meth:`~deckgen.kinds.charts._base.ChartKind.footnote`)."""
        spec = self.chart
        data = spec.select_data(lay.ctx.tables[spec.data], lay.where("chart"))
        return spec.footnote(data, lay.ctx.loaded.outline.deck.wording.chart)

    def _chart(self, lay: CardLayout, box: Rect) -> tuple[PlacedChart, Shown | None]:
        """The chart redrawn for ``box`` (:func:`card_chart`: the leading categories only
        when all would not fit, said in ``note``), and when it leaves categories out:

        * a mean or median reference line stays the one of every row: taken over the rows
          shown, an x-post card's "Average change" line read 27.1% where the chart's
          departments average 7.5% (found by fuzzing);
        * the highlighted categories of small multiples are kept, in place of the last of
          the leading ones, as a single chart's are: a card of yearly panels kept the first
          four years and left out 2024, the one its title was about (found by fuzzing);
        * a chart that cuts its rows to fewer than its type reads with (``card_fewest``:
          a ranking of two of seven rows is none; counted as drawn, :meth:`card_shown`) is
          refused with the count that fits, so the card tries its other layouts and
          sizes, and else says what to do.
        """
        spec = self.chart
        placed, note = card_chart(lay, spec, self.title, box, ("chart",))
        missing = spec.card_unnamed(placed.job)
        if missing:
            refuse = _unnamed_lines if spec.card_unnamed_of == "series" else _unnamed_parts
            raise refuse(lay, placed.job, missing)
        # A type whose marks a card can draw too small to see says why, and what to do;
        # one that draws its picture to tell may find no room on it at all.
        from deckgen.render.chartkit import NoRoom

        try:
            unseen = spec.card_unseen(placed.job)
        except NoRoom as exc:
            raise _unseen(lay, self, exc.why, exc.fix, shows="has room for it") from None
        if unseen:
            raise _unseen(lay, self, *unseen)
        if note is None:
            return placed, None
        everything = spec.select_data(lay.ctx.tables[spec.data], lay.where("chart"))
        ref = spec.reference
        pinned = None
        if ref is not None and ref.value in ("mean", "median") and not everything.facets:
            pinned = reference_value(replace(placed.job, data=everything))
        if ref is not None and pinned is not None:
            spec = spec.model_copy(update={"reference": ref.model_copy(update={"value": pinned})})
            placed, note = card_chart(lay, spec, self.title, box, ("chart",))
        # Counted as drawn: a row whose name is cut ('Housing & Commu…') is not legible.
        shown = placed.shown
        count = len(everything.categories)
        fewest = min(getattr(spec, "card_fewest", CARD_FEWEST), count)
        if note is not None and shown < fewest:
            things = things_of(spec.x)
            # Columns side by side take the card's width, which a taller preset does not
            # add (a story is as wide as a square): a story card of 15 regions was told to
            # try itself. A taller preset is named only when twice the height shows more.
            tall = Rect(box.left, box.top, box.width, Px(box.height.px * 2))
            taller = spec.card_room(everything, tall, chart_label_px(lay), lay.ctx.theme)
            crowded_by = spec.card_crowded_by(everything, chart_label_px(lay), lay.ctx.theme)
            if taller > shown:
                more = _taller(lay.preset, fewest / max(shown, 1))
            elif crowded_by is None:
                more = (", or shorten the names (the longest word in a name sets how many fit "
                        "side by side)")  # fmt: skip
            else:
                more = (f", or write the values shorter (the widest value label, {crowded_by!r}, "
                        "sets how many fit side by side) with the chart's 'format:', such as "
                        "'compact:1'")  # fmt: skip
            # (Then it shows all of them: 'a card shows 3 at least' read as contradicting
            # 'show at most 2', found in review.)
            hint = (f"show at most {shown} with the chart's 'top:' or a 'filter:' (a card "
                    f"shows all of a chart's {things}, however few){more}")  # fmt: skip
            if not shown:  # fewer would not help: 'show at most 1' said 'a card shows 3' (fuzzing)
                hint = more.removeprefix(", or ")
                if crowded_by is None and "names" not in hint:
                    hint = f"shorten the names, or {hint}"
            raise TooFewShown(
                Problem(
                    lay.where("chart"),
                    f"the chart of {lay.describe()} has room for only {shown} of its "
                    f"{count} {things} at the card's text size ({chart_label_px(lay)} px); "
                    f"a card shows {fewest} at least, or all of them",
                    hint,
                ),
                shown,
            )
        return placed, note


def _job(
    lay: CardLayout, footer: Footer, accent: Rule, title: TextBlock, subtitle: TextBlock | None,
    chart: PlacedChart, shown: Shown | None,
) -> ChartCardJob:  # fmt: skip
    return ChartCardJob(
        frame=frame(lay), footer=footer, accent=accent, title=title, subtitle=subtitle,
        chart=chart, shown=shown.text if shown else None, shown_alt=shown.alt if shown else None,
        short=shown.warnings if shown else (),
    )  # fmt: skip


def _unnamed_parts(lay: CardLayout, job: ChartJob, missing: list[str]) -> TooFewShown:
    """A chart of the parts of a whole (``card_unnamed``) with parts it has no room to
    name on this card: a short card's ring of 7 slices named 3, the rest left to leaders
    to nowhere (found in review). A part cannot be left out as a ranking's last rows
    are (the others are shares of all of them), so the card refuses the preset."""
    spec = job.spec
    count = len(job.data.categories)
    named = count - len(missing)
    things = things_of(spec.x)
    names = joined([repr(m) for m in missing])  # a dozen at most (max_categories)
    return TooFewShown(
        Problem(
            lay.where("chart"),
            f"the chart of {lay.describe()} has room for the labels of only {named} of its "
            f"{count} {things} at the card's text size ({chart_label_px(lay)} px), so "
            f"{names} would go unnamed; a chart of the parts of a whole names every part",
            f"merge the smallest {things} into one row ('Other') in the data"
            + _taller(lay.preset, count / max(named, 1)),
        ),
        named,
    )


def _unnamed_lines(lay: CardLayout, job: ChartJob, missing: list[str]) -> TooFewShown:
    """A line chart with lines it has no room to name at their ends on this card
    (:meth:`Line.card_unnamed <deckgen.kinds.charts.line.Line.card_unnamed>`): an x-post
    card named five of six regions, the sixth a grey line nobody could identify (found in
    review). A grey line of context is no exception: beside named ones it is taken for
    its neighbour's. So the card refuses the layout, tries its others, and else says what
    to do: as many series as it names, or a preset with the height for them."""
    spec = job.spec
    count = len(job.data.series)
    named = count - len(missing)
    names = joined([repr(m) for m in missing])
    column = f"a 'filter:' on {spec.series!r}" if spec.series else "fewer columns in 'y:'"
    # Not 'shorten the names' where no preset is taller: few names wrap (the value goes
    # under the name only where it is long), and each takes a row of its own still.
    taller = taller_presets(lay.preset, count / max(named, 1))
    return TooFewShown(
        Problem(
            lay.where("chart"),
            f"the chart of {lay.describe()} has room for the names of only {named} of its "
            f"{count} lines at the card's text size ({chart_label_px(lay)} px), so {names} "
            f"would go unnamed; a line with no name cannot be told from the others",
            f"show at most {named} series ({column})"
            + (f", or share it on a taller preset ({joined(taller, 'or')})" if taller else ""),
        ),
        named,
    )


def _unseen(lay: CardLayout, card: ChartCard, why: str, fix: str,
            shows: str = "draws them long enough to see") -> TooFewShown:  # fmt: skip
    """A chart whose marks this card draws too small to see (``card_unseen``), or with no
    room for them at all (``shows``: what the presets named do): refused as a part left
    unnamed is, so the card tries its other layouts, else says what to do, naming the
    presets on which the card does show them (:func:`_presets_showing`): a wide card was
    told to try every square and portrait preset, each of which refused the same steps
    (found in review)."""
    if _TRYING.get():  # laid out on another preset to see whether it shows them
        return Unseen(Problem(lay.where("chart"), why, fix), 0)
    showing = [name for name in _presets_showing(lay, card) if name != lay.preset.name]
    if showing:
        names = joined(showing, "or")
        other = f", or share it on a preset that {shows} ({names})"
    else:
        other = f"; no card size {shows}"
    return Unseen(Problem(lay.where("chart"), f"the chart of {lay.describe()} {why}",
                               fix + other), 0)  # fmt: skip


#: Set while a card is laid out on the other presets (:func:`_presets_showing`).
_TRYING: contextvars.ContextVar[bool] = contextvars.ContextVar("trying_presets", default=False)
#: The last card whose presets were tried: its context, its place in the outline, and the
#: presets that show it (one card's refusal is raised by each layout it tries). The context
#: is held weakly: a long-lived process (deckgen watch) would otherwise keep the data
#: tables of the build that last refused a card.
_TRIED: list[tuple[weakref.ref[CardContext], PathKey, list[str]]] = []


def _presets_showing(lay: CardLayout, card: ChartCard) -> list[str]:
    """The presets of a fixed size on which ``card`` lays out, at the largest or the
    tightest text: its chart's marks drawn large enough to see, and all else fitting."""
    from deckgen.outline.presets import PRESETS

    for ctx, key, names in _TRIED:
        if ctx() is lay.ctx and key == lay.req.key:
            return names
    names = []
    token = _TRYING.set(True)
    try:
        for preset in PRESETS.values():
            height = preset.height
            if height is None:  # a long infographic: its height is its content's
                continue
            for squeeze in (1.0, 0.0):
                try:
                    card.layout(replace(lay, preset=preset, height=height, squeeze=squeeze))
                except FitError:
                    continue
                names.append(preset.name)
                break
    finally:
        _TRYING.reset(token)
    _TRIED[:] = [(weakref.ref(lay.ctx), lay.req.key, names)]
    return names


def _taller(preset: Preset, need: float = 1.0) -> str:
    """', or share it on a taller preset (...)', naming only presets with more height for
    the chart than ``preset`` has, ``need`` times its height at least (the rows wanted over
    the rows shown): a story card, the tallest, was told to try ig-portrait, ig-tall or
    story, and a linkedin card og, 3 px taller, which refused it alike (found in review);
    nothing where none is taller."""
    taller = taller_presets(preset, need)
    if not taller:
        return ", or shorten the names (the longest wrap to the most lines)"
    names = joined(taller, "or")
    return f", or share it on a taller preset ({names})"


class TooFewShown(FitError):
    """A card's chart that would show too few of its categories to read (see
    :meth:`ChartCard._chart`), with how many it has room for: the card keeps this reason
    over its title's when no layout fits, since a shorter title would not help."""

    def __init__(self, problem: Problem, fits: int) -> None:
        super().__init__(problem)
        self.fits = fits


class Unseen(TooFewShown):
    """A card's chart whose marks a layout draws too small to see, or has no room for at
    all (:func:`_unseen`): its message names the presets that do show them."""


class NoRoomToSay(FitError):
    """A card's chart that has room for its rows in a layout whose title leaves no room for
    the words saying which it shows (:func:`_no_room_to_say`): a shorter title lays it
    out, so the card names the title over another layout's chart short of rows."""


def _settle(
    lay: CardLayout,
    attempt: Attempt,
    subtitle: str | None,
    title: str,
    column: _Column,
) -> ChartCardJob:
    """Lay the card out, then again with what the chart shows said in the subtitle ('...:
    the 4 largest of 10 ports') when it leaves categories out, until the words are the
    chart's (a longer subtitle can take a line from the chart and so a category; the count
    only falls, so this settles, in practice on the second try).

    A landscape card is short: there the title is set smaller, down to its floor, to leave
    the subtitle room (measure, place, period: often the only place the unit is, so a
    card read '€588.1 → €631.4' beside 150 px of empty column, found in review); only
    then is the subtitle left off, rather than the source and wordmark shrinking under
    theirs, and the build says so. What the chart shows stays said. ``column`` is where
    the title and subtitle go."""
    if subtitle and lay.preset.landscape:
        # The card as it is without the subtitle; then the subtitle under a title set
        # smaller, kept where it costs the chart nothing (a subtitle that took the room
        # of two of five columns would trade the data for its words). A layout that does
        # not fit without it is left to the next squeeze level, as before, where another
        # layout may show more.
        try:
            job = _settled(lay, attempt, None, title)
        except FitError as bare:
            try:
                return _settled(lay, attempt, subtitle, title)
            except FitError:
                raise bare from None
        # Under a larger title the subtitle has less room still: where it has none under
        # the smallest, no size is tried (each would fail, and a failed fit's message
        # costs more than the fit).
        sizes = TITLE_PX if column.has_room(lay, title, subtitle) else ()
        # Else under the largest title with which the chart shows nearly as much.
        nearly: ChartCardJob | None = None
        for size in sizes:
            try:
                kept = _settled(lay, partial(attempt, title_px=size), subtitle, title)
            except FitError:
                continue
            if _shown(kept)[0] >= _shown(job)[0]:
                return kept
            if nearly is None and _shown(kept)[0] >= _least(_shown(job)[0]):
                nearly = kept
        if nearly is not None:
            return nearly
        note = (
            f"its subtitle {clip(subtitle)!r} is left off: it has no room on the card, "
            "even under the title at its smallest, without the chart showing less than "
            f"{SUBTITLE_WORTH:.0%} of what it shows without it; "
            + fixes(lay.preset, "shorten the title or the subtitle")
        )
        return replace(job, left_off=(note,))
    return _settled(lay, attempt, subtitle, title)


def _settled(
    lay: CardLayout,
    attempt: Attempt,
    subtitle: str | None,
    title: str,
) -> ChartCardJob:
    current = subtitle
    job, shown = attempt(current)
    for _ in range(5):
        said = shown.said(subtitle) if shown else None
        wanted = with_shown(subtitle, said)
        if wanted == current:
            break
        current = wanted
        try:
            job, shown = attempt(current)
        except FitError as exc:
            # The subtitle alone, as the user wrote it; or a chart that shows too few of
            # its categories with it (a shorter title would not help).
            if said is None or isinstance(exc, TooFewShown):
                raise
            raise _no_room_to_say(lay, said, subtitle, title, exc) from exc
    return replace(job, shown=shown.said(subtitle)) if shown else job


def _no_room_to_say(lay: CardLayout, shown: str, subtitle: str | None, title: str,
                    why: FitError | None = None) -> NoRoomToSay:  # fmt: skip
    """What the card says when its chart leaves categories out does not fit: the user did
    not write those words and cannot shorten them (the error quoted them as the subtitle
    to shorten: found by fuzzing); the title above them is what takes their room, unless
    the chart under them failed for a reason of its own (``why``: panels that no longer
    fit, which a title of one letter did not change: found by fuzzing)."""
    texts, leave = ("title and subtitle", "leave") if subtitle else ("title", "leaves")
    words = shown[:1].upper() + shown[1:]
    chart = why.problems[0] if why is not None and why.problems else None
    if chart is not None and chart.location is not None and (
            chart.location.field or "").endswith(".chart"):  # fmt: skip
        return NoRoomToSay(
            Problem(
                chart.location,
                f"{lay.describe()} has no room to say what its chart shows, {words!r} (a "
                f"card whose chart leaves categories out says so): under those words, "
                f"{chart.message}",
                chart.hint or fixes(lay.preset),
            )
        )
    return NoRoomToSay(
        Problem(
            lay.where("title"),
            f"the {texts} of {lay.describe()} {leave} no room to say what its chart shows, "
            f"{words!r} (a card whose chart leaves categories out says so): "
            f"{clip(title)!r}",
            fixes(lay.preset, f"shorten the {texts}", "show fewer categories (the chart's 'top:')"),
        )
    )


def _attempts(
    lay: CardLayout, layouts: list[Callable[[CardLayout], ChartCardJob]]
) -> tuple[list[ChartCardJob], list[FitError]]:
    """Each of ``layouts`` laid out, and the errors of those that do not fit."""
    options, errors = [], []
    for layout in layouts:
        try:
            options.append(layout(lay))
        except FitError as exc:
            errors.append(exc)
    return options, errors


def _least(without: int) -> float:
    """The least a chart keeping its subtitle may show where it shows ``without`` without
    it (:data:`SUBTITLE_WORTH`)."""
    return SUBTITLE_WORTH * without


def _shown(job: ChartCardJob) -> tuple[int, bool, float]:
    """What the card's chart shows (:meth:`ChartKind.card_shown`: what it draws, not what
    it was given), then whether the card keeps its subtitle (the unit is often there
    only), then the area it draws in (:meth:`ChartKind.card_area`): the room the layout
    gives its picture, before its box is cut under what it draws (:func:`snug_chart`), as
    a chart beside the title is not."""
    chart, box = job.chart.job, job.chart.box
    width, height = chart.canvas.pixels
    room = Rect(box.left, box.top, Px(width), Px(height))
    return job.chart.shown, not job.left_off, chart.spec.card_area(chart, room)
