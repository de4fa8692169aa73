"""Chart pictures: the job, the figure, the theme styling, the label pass and the PNG.

Each chart type draws onto a matplotlib ``Axes`` (its ``draw`` method, in
``deckgen/kinds/charts/``); this module owns everything around that, so chart types only
draw: the figure at the exact size it is placed, the theme's rcParams, the collision pass
that drops labels that would overlap, and the encoding.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from deckgen.outline.formats import current_marks, numerals
from deckgen.outline.words import ChartWords, current_chart_words
from deckgen.render.jobs import LEFT_OUT, SHORTENED, Asset, Canvas, content_key
from deckgen.render.labels import remove_collisions
from deckgen.tables.dates import current_locale, dated

if TYPE_CHECKING:
    import numpy as np
    from matplotlib.figure import Figure

    from deckgen.kinds.charts._base import ChartKind
    from deckgen.tables.select import ChartData
    from deckgen.theming.load import LoadedTheme


@dataclass(frozen=True)
class ChartJob:
    """One chart picture: the chart's spec (its type's object), the data it shows, the
    theme, the canvas, and the finding it illustrates: said in the alt text, never drawn,
    but read by the labels (a scatter names the points the title names first; an area
    whose name the title says is labelled with its value alone)."""

    spec: ChartKind
    data: ChartData
    theme: LoadedTheme
    canvas: Canvas
    title: str = ""
    ext: Literal["png"] = "png"
    #: A panel of small multiples: the whole chart's data, which its labels are written
    #: against (one unit and precision in every panel).
    whole: ChartData | None = None
    #: Whether the chart names its series apart from its marks (a legend-like row): small
    #: multiples name them once, in the first panel.
    legend: bool = True
    #: The decimal mark and thousands separator its numbers are written with: those of
    #: the deck's locale, where it was planned (:func:`~deckgen.outline.formats.numerals`).
    marks: tuple[str, str] = field(default_factory=current_marks)
    #: The words it writes ('Change', 'Total'): the deck's language's, as it was planned.
    words: ChartWords = field(default_factory=current_chart_words)
    #: The locale its dates are written in ('3 Nov 2025' in en_GB), as it was planned.
    date_locale: str = field(default_factory=current_locale)

    def key(self) -> str:
        return content_key(self)

    def cost(self) -> float:
        width, height = self.canvas.pixels
        return float(width * height)

    def alt(self) -> str:
        """The chart's alt text: the outline's, or written from the data by its type."""
        with numerals(self.marks):
            return self.spec.alt or self.spec.describe(self)

    def figure(self, *, collisions: bool = True) -> Figure:
        """The laid-out figure, before drawing; call inside ``chart_style``.

        With ``collisions=False`` the collision pass is left to the caller (tests run it to
        see what it would remove).

        A chart with no room for what it must show (its plot laid out to nothing, its marks
        squashed under its labels) raises :class:`~deckgen.render.chartkit.NoRoom`, naming
        the chart by its title: never a collapsed picture.
        """
        from deckgen.render import spares
        from deckgen.render.chartkit import NoRoom

        canvas = self.canvas
        fig = None
        if not self.data.facets:
            from deckgen.render.style import chart_params

            fig = spares.take(self, chart_params(self.theme, canvas))
        if fig is None:
            fig = spares.blank_figure((canvas.width.inches, canvas.height.inches), canvas.dpi)
        try:
            with numerals(self.marks), dated(self.date_locale):
                self.spec.draw_figure(fig, self)
            removed = collisions and remove_collisions(fig)
            if not self.data.facets:
                spares.drew(fig)  # its ticks are made, as drawing finds them: laid out
        except NoRoom as exc:
            raise exc.under(self.title, self.key()) from None
        if collisions and not removed:
            # The layout the collision pass measured is final: drawing keeps it rather than
            # laying out again, so the picture is the one checked (and a tenth quicker).
            # A removed label may free room, so then drawing lays out once more.
            fig.set_layout_engine("none")
        return fig

    def pixels(self) -> np.ndarray:
        """The chart's pixels, height x width x RGBA. Pure.

        Drawn straight on the Agg canvas (the figure's facecolour is the theme background,
        as savefig's would be), so cards can paste the pixels without a PNG round trip.
        """
        import numpy as np

        from deckgen.render.chartkit import NoRoom, keep_drawn, refusing_collapse, shortened_so_far
        from deckgen.render.style import chart_style

        with chart_style(self.theme, self.canvas):
            since = shortened_so_far()
            fig = self.figure()
            try:
                with refusing_collapse(fig):  # a label removed: drawing lays it out again
                    fig.canvas.draw()
            except NoRoom as exc:
                raise exc.under(self.title, self.key()) from None
            keep_drawn(fig, since)
            # A view of the canvas's buffer (it keeps the buffer alive): no copy.
            return np.asarray(fig.canvas.buffer_rgba())  # type: ignore[attr-defined]

    def render(self) -> Asset:
        """The chart as a PNG with alt text. Pure: the same job gives the same bytes."""
        from deckgen.render.chartkit import dropping_notes, leaving_out, shortening
        from deckgen.render.png import encode_png

        with dropping_notes():  # the alt text leaves out the notes the picture does
            with shortening() as shortened, leaving_out() as left:
                png = encode_png(self.pixels(), dpi=self.canvas.dpi)
            alt = self.alt()
        values: dict[str, object] = {
            "categories": list(self.data.categories),
            "series": {s.name: list(s.values) for s in self.data.series},
        }
        if shortened:
            values[SHORTENED] = shortened
        if left:
            values[LEFT_OUT] = left
        if self.data.facets:
            values["facets"] = {
                name: {s.name: list(s.values) for s in d.series} for name, d in self.data.facets
            }
        return Asset(png, alt, self.key(), values)
