"""The chart slide: the finding as the title, the chart filling the content area."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Literal

from pydantic import Field, field_validator

from deckgen.errors import Location, OutlineError, Problem
from deckgen.kinds.charts import AnyChart
from deckgen.kinds.slides._base import (
    Placed,
    SharedCard,
    SlideKind,
    SlidePlan,
    file_alt_problem,
    names_a_file,
)
from deckgen.outline.schema import Prose, Text
from deckgen.render.charts import ChartJob
from deckgen.render.jobs import Canvas

if TYPE_CHECKING:
    from pptx.slide import Slide

    from deckgen.kinds.slides._base import PlanContext, PlannedSlide
    from deckgen.kinds.slides._chrome import Deck

CHART_DPI = 200
#: The fix of a chart's alt text that names a file.
ALT_FIX = ("say what the chart shows and what it means, or leave out 'alt:' to use the alt "
           "text written from the data")  # fmt: skip


class ChartSlide(SlideKind):
    """A chart of one of the registered types (``deckgen/kinds/charts/``)."""

    kind: Literal["chart"]
    content: ClassVar[bool] = True
    states_finding: ClassVar[bool] = True
    title: Text = Field(description="The finding, as a sentence.")
    subtitle: Prose | None = Field(None, description="Measure, place and period.")
    chart: AnyChart

    @field_validator("chart")
    @classmethod
    def _blank_alt_is_none(cls, chart: AnyChart) -> AnyChart:
        # A blank alt text ('alt: ""', or a template that fills in nothing) is none: the
        # alt text is written from the data, as the picture always had it. Said here, so
        # `deckgen check` reads what the build does (it called '' an error that "names a
        # file", found by fuzzing).
        if chart.alt is not None and not chart.alt.strip():
            return chart.model_copy(update={"alt": None})
        return chart

    def _where(self, where: Location) -> Location:
        return Location(where.file, where.line, f"{where.field}.chart")

    def check(self, ctx: PlanContext, where: Location) -> list[Problem]:
        return self.chart.check_against(ctx.tables[self.chart.data], self._where(where))

    def plan(self, ctx: PlanContext, where: Location) -> SlidePlan:
        self.refuse_file_alts(ctx, where)
        frame = self.frame(ctx, where)
        table = ctx.tables[self.chart.data]
        data = self.chart.select_data(table, self._where(where))
        tie = self.chart.tie_problem(table, self._where(where))
        for said in (self.chart.reference_problem(table, data, self._where(where)),
                     self.chart.totals_problem(table, data, where),
                     tie and ctx.loaded.relocate(tie)):  # fmt: skip
            if said is not None:
                ctx.warnings.append(f"{said.location}: {said.message}; {said.hint}")
        box = frame.content
        job = ChartJob(self.chart, data, ctx.theme, Canvas(box.width, box.height, CHART_DPI),
                       self.title)  # fmt: skip
        native = self._native(ctx, where, job)
        if native:
            ctx.warnings += [f"{where}: {note}" for note in self.chart.native_notes(job)]
        # Chart slides always carry notes: the presenter gets the numbers spoken out.
        return SlidePlan(frame, pictures=(Placed(job, box, native),), notes_from=job)

    def alt_problems(self, ctx: PlanContext, where: Location) -> list[Problem]:
        """An alt text that names a file ('chart.png') would be read aloud as it is and
        copied into the speaker notes: refused, as `deckgen check` refuses it (A11Y001; the
        build shipped it without a word, found by fuzzing)."""
        alt = self.chart.alt
        if alt is None or not names_a_file(alt):
            return []
        field = Location(where.file, where.line, f"{where.field}.chart.alt")
        # At the line of the field itself, as the check's other findings are.
        return [ctx.loaded.relocate(file_alt_problem(alt, field, ALT_FIX))]

    def _native(self, ctx: PlanContext, where: Location, job: ChartJob) -> bool:
        """Whether the chart is drawn as a PowerPoint chart: its own ``native`` wins over the
        build option; one that cannot be native fails if it asked, else stays a picture."""
        spec = self.chart
        wanted = ctx.native_charts if spec.native is None else spec.native
        reason = spec.native_refusal_for(job) if wanted else None
        if reason is None:
            return wanted
        if spec.native:
            raise OutlineError(
                Problem(
                    Location(where.file, where.line, f"{where.field}.chart.native"),
                    f"this {spec.type} chart cannot be a native chart: {reason}",
                    "set 'native: false' to keep it a picture, or remove what native charts "
                    "cannot draw",
                )
            )
        ctx.warnings.append(f"{where}: chart kept as a picture: {reason}")
        return False

    def build(self, deck: Deck, planned: PlannedSlide) -> Slide:
        slide = deck.content_slide(planned, keep=("pic",))
        deck.pictures(slide, planned, "Chart", native=_native_chart)
        return slide

    def as_card(self, index: int) -> SharedCard:
        from deckgen.kinds.cards.chart import ChartCard

        card = ChartCard(
            kind="chart", presets=list(self.share), title=self.title, subtitle=self.subtitle,
            chart=self.chart, source=self.source, note=self.note,
        )  # fmt: skip
        return card, {}


def _native_chart(slide: Slide, placed: Placed) -> None:
    job = placed.job
    assert isinstance(job, ChartJob)
    job.spec.draw_native(slide, job, placed.box, job.alt())
