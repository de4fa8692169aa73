"""The chart slide: the finding as the title, the chart filling the content area."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Literal

from pydantic import Field

from deckgen.errors import Location, OutlineError, Problem
from deckgen.kinds.charts import AnyChart
from deckgen.kinds.slides._base import Placed, SharedCard, SlideKind, SlidePlan
from deckgen.outline.schema import Text
from deckgen.render.charts import ChartJob
from deckgen.render.jobs import Canvas

if TYPE_CHECKING:
    from pptx.slide import Slide

    from deckgen.kinds.slides._base import PlanContext, PlannedSlide
    from deckgen.kinds.slides._chrome import Deck

CHART_DPI = 200


class ChartSlide(SlideKind):
    """A chart of one of the registered types (``deckgen/kinds/charts/``)."""

    kind: Literal["chart"]
    content: ClassVar[bool] = True
    states_finding: ClassVar[bool] = True
    title: Text = Field(description="The finding, as a sentence.")
    subtitle: str | None = Field(None, description="Measure, place and period.")
    chart: AnyChart

    def _where(self, where: Location) -> Location:
        return Location(where.file, where.line, f"{where.field}.chart")

    def check(self, ctx: PlanContext, where: Location) -> list[Problem]:
        return self.chart.check_against(ctx.tables[self.chart.data], self._where(where))

    def plan(self, ctx: PlanContext, where: Location) -> SlidePlan:
        frame = self.frame(ctx, where)
        data = self.chart.select_data(ctx.tables[self.chart.data], self._where(where))
        box = frame.content
        job = ChartJob(self.chart, data, ctx.theme, Canvas(box.width, box.height, CHART_DPI),
                       self.title)  # fmt: skip
        native = self._native(ctx, where)
        # Chart slides always carry notes: the presenter gets the numbers spoken out.
        return SlidePlan(frame, pictures=(Placed(job, box, native),), notes_from=job)

    def _native(self, ctx: PlanContext, where: Location) -> bool:
        """Whether the chart is drawn as a PowerPoint chart: its own ``native`` wins over the
        build option; one that cannot be native fails if it asked, else stays a picture."""
        spec = self.chart
        wanted = ctx.native_charts if spec.native is None else spec.native
        reason = spec.native_refusal() if wanted else None
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
            chart=self.chart, source=self.source,
        )  # fmt: skip
        return card, {}


def _native_chart(slide: Slide, placed: Placed) -> None:
    job = placed.job
    assert isinstance(job, ChartJob)
    job.spec.draw_native(slide, job, placed.box, job.alt())
