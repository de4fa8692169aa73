"""The typed theme: colours, fonts, type scale and chart styling.

A theme is a folder holding ``theme.yaml`` (and optionally a logo and font files). Every
renderer and the deck assembler read their styling from a :class:`Theme` and from nowhere
else, so switching the theme restyles everything.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import AfterValidator, Field, model_validator

# The outline's base, so a theme's numbers are typed in the same one place: a typo is an
# error, and 'true' is no number ('chart_label: true' was 1 pt, found by fuzzing).
from deckgen.outline.schema import _Model

if TYPE_CHECKING:
    from collections.abc import Iterable

    from deckgen.errors import Problem

_HEX = re.compile(r"#[0-9A-Fa-f]{6}")


def _hex(value: str) -> str:
    # fullmatch: '$' matches before a final newline, and "#FFFFFF\n" passed, to stop the
    # build inside matplotlib (found by fuzzing).
    if not _HEX.fullmatch(value):
        raise ValueError(f"expected a colour like '#1F4E79', found {value!r}")
    return value.upper()


Colour = Annotated[str, AfterValidator(_hex)]


#: The largest font size a theme may ask for: 5.5 in, three quarters of a slide's height.
MAX_SIZE = 400.0
#: The largest size for text that runs in a box or beside a chart (labels, body, footers).
MAX_TEXT = 72.0
#: The widest line a theme may ask for, in points.
MAX_LINE = 20.0
#: The chart colours moved for contrast a build names one by one; the rest it counts.
_COLOURS_LISTED = 5


def _points(what: str, high: float, example: float, note: str = "") -> AfterValidator:
    """A measure in points above 0 and at most ``high``. inf, NaN, zero or a size larger
    than a slide would reach the text fitter, FreeType and matplotlib as a crash, an
    endless loop or gigabytes of memory; it is refused here, where the theme file and
    field are known."""

    def check(value: float) -> float:
        if not (0 < value <= high):  # also refuses NaN, for which every comparison is false
            raise ValueError(
                f"expected {what} in points above 0 and at most {high:g}{note}, such as {example:g}"
            )
        return value

    return AfterValidator(check)


def _share_between(low: float, high: float, example: float) -> AfterValidator:
    def check(value: float) -> float:
        if not low <= value <= high:  # also refuses NaN
            raise ValueError(f"expected a share between {low:g} and {high:g}, such as {example:g}")
        return value

    return AfterValidator(check)


#: A font size in points (under 12 is raised to 12, see TypeScale).
Size = Annotated[float, _points("a font size", MAX_SIZE, 14)]
#: A running-text size: at most an inch (a 400 pt chart label collapses the plot to nothing).
TextSize = Annotated[float, _points("a font size", MAX_TEXT, 14, " for this text")]
#: A line width in points.
LineWidth = Annotated[float, _points("a line width", MAX_LINE, 2.5)]


def _plain(value: str | None) -> str | None:
    """A theme's text is written as it is: a template in it ('{{ deck.date }}') was printed
    braces and all under every slide (found by fuzzing). The outline's footer is one."""
    if value is not None and ("{{" in value or "{%" in value or "{#" in value):
        raise ValueError(
            "expected the text as it reads, not a template (a theme's text is not filled "
            "in: a footer with {{ }} goes in the outline's deck.footer)"
        )
    return value


class Palette(_Model):
    """Colours. Keep to greys plus ``primary``, and one ``highlight`` for the finding."""

    background: Colour = Field(description="Slide and card background.")
    surface: Colour = Field(description="Card and table-stripe fill, a step off background.")
    text: Colour = Field(description="Body text.")
    muted: Colour = Field(description="Secondary text: subtitles, sources, axis labels.")
    primary: Colour = Field(description="The theme's main colour: section slides, bars.")
    on_primary: Colour = Field(description="Text on the primary colour.")
    highlight: Colour = Field(description="The one accent: the category the title is about.")
    neutral: Colour = Field(description="Bars and lines that are context, not the story.")
    grid: Colour = Field(description="Gridlines and rules.")
    categorical: list[Colour] = Field(
        default_factory=list,
        description="Colours for charts whose categories differ; leave out to derive them "
        "from primary (it first, then hues of their own around the wheel, away from the "
        "highlight's, colour-blind safe).",
    )
    highlight_text: Colour | None = Field(
        None,
        description="Text in the accent, at any size (a stat's value, a kicker, a "
        "highlighted table row); default the highlight, darkened or lightened to 4.5:1 on "
        "the background and surface where it is only a mark colour (3:1).",
    )
    increase: Colour | None = Field(
        None, description="Rises (arrows, waterfall steps up); default a bluish green."
    )
    decrease: Colour | None = Field(
        None,
        description="Falls (arrows, waterfall steps down); default a vermillion, or a "
        "purple where that would pass for the highlight.",
    )
    #: Colours deckgen moved, each with why ('for contrast, #A -> #B (...)', or away from
    #: the highlight), as a warning says it after 'moved' (set by the loader).
    adjusted: dict[str, str] = Field(default_factory=dict, exclude=True)
    #: Chart colours deckgen added to a ``categorical`` list shorter than
    #: :data:`~deckgen.theming.colour.LONGEST` (derived as for a theme that gives none, as
    #: long as each stays apart from the others; for deckgen check).
    added: list[str] = Field(default_factory=list, exclude=True)

    @property
    def highlight_ink(self) -> str:
        """What text in the accent is drawn in, at any size: ``highlight_text`` as settled
        at load, 4.5:1 on the background and the surface. WCAG lets large text (18 pt, 14
        pt bold) have 3:1, and a stat's value took the highlight itself there: the template
        theme's brand orange, 3.0:1 on white, drew '250,000' at the least any text may have
        (design review). Every text here reads at 4.5:1."""
        assert self.highlight_text is not None  # settled when the theme loads
        return self.highlight_text

    @model_validator(mode="after")
    def _settle(self) -> Palette:
        # Derive what the theme leaves out and meet every contrast minimum, in one place:
        # each chart type, native form and card reads the settled colours.
        from deckgen.theming.colour import settle

        given = len(self.categorical)
        settled, moved = settle(self.model_dump())
        for name, value in settled.items():
            object.__setattr__(self, name, value)
        self.adjusted.update(moved)
        if given:
            self.added[:] = self.categorical[given:]
        return self


class FontSpec(_Model):
    """A font family, with files for measuring and drawing text.

    ``regular``/``bold`` are paths relative to the theme folder; left out, the family is
    looked up among the fonts deckgen installs (Lato, Source Sans Pro, Roboto).
    """

    family: str
    regular: str | None = None
    bold: str | None = None
    fallback: list[str] = Field(
        default_factory=list, description="What to ask for where the family is missing."
    )

    @model_validator(mode="after")
    def _bold_beside_regular(self) -> FontSpec:
        # A bold file alone was passed over for the bundled family's, silently (fuzzing).
        if self.bold and not self.regular:
            raise ValueError(
                f"'bold: {self.bold}' needs 'regular:' beside it (the family's regular file): "
                "add it, or leave 'bold:' out to use the bundled family"
            )
        return self


class Fonts(_Model):
    heading: FontSpec
    body: FontSpec
    number: FontSpec = Field(description="Stat callout values and big numbers.")


class TypeScale(_Model):
    """Font sizes in points at slide scale. Nothing a reader must read is below 12 pt."""

    # Display sizes (set large, fitted to their box) up to MAX_SIZE; running text up to
    # MAX_TEXT.
    title: Size = 34
    subtitle: TextSize = 18
    body: TextSize = 20
    section: Size = 44
    statement: Size = 36
    quote: Size = 30
    card_heading: TextSize = 17
    card_text: TextSize = 14
    stat_value: Size = 80
    stat_label: TextSize = 18
    chart_label: TextSize = 14
    table: TextSize = 14
    footer: TextSize = 12
    minimum: TextSize = Field(12, description="Text is never shrunk below this (at least 12).")

    #: What the theme asked for below the floor, by size name (raised to the floor).
    raised: dict[str, float] = Field(default_factory=dict, exclude=True)

    @model_validator(mode="after")
    def _floor(self) -> TypeScale:
        # One place for the floor: every size is at least the minimum, which is at least
        # 12 pt (footers and source lines included). A theme that asks for less gets the
        # floor, and `deckgen check` says so (A11Y005).
        if self.minimum < 12:
            self.raised["minimum"] = self.minimum
            object.__setattr__(self, "minimum", 12.0)
        for name, size in self:
            if isinstance(size, float | int) and size < self.minimum:
                # Said only of a size the theme writes: a default under a larger minimum
                # follows the minimum, as the theme asked (each was warned of, with the fix
                # "set it to 12 or more"; found by fuzzing).
                if name in self.model_fields_set:
                    self.raised[name] = size
                object.__setattr__(self, name, self.minimum)
        return self


class ChartStyle(_Model):
    gridlines: bool = Field(True, description="Light value-axis gridlines.")
    line_width: LineWidth = Field(2.5, description="Line width in points (at most 20).")
    # A bar of no width, or a ring of no width, draws nothing but its labels.
    bar_width: Annotated[float, _share_between(0.1, 1, 0.72)] = Field(
        0.72, description="Bar width as a share of the category slot (0.1..1)."
    )
    hole: Annotated[float, _share_between(0, 0.9, 0.58)] = Field(
        0.58, description="Inner radius of a ring chart, as a share of its outer radius (0..0.9)."
    )


class Cover(_Model):
    """How title and section slides look: their fill and the motif drawn on them."""

    style: Literal["plain", "bars", "rings", "blocks"] = Field(
        "plain", description="The motif: bars (an abstract bar chart), rings, blocks (a "
        "solid colour block), or plain (text only).",
    )  # fmt: skip
    fill: Literal["primary", "background"] = Field(
        "primary", description="Fill title and section slides with the primary colour "
        "(text in on_primary) or leave the background (text in text).",
    )  # fmt: skip


class TemplateSpec(_Model):
    """A corporate PowerPoint template the deck is built on (see deckgen/theming/template.py)."""

    file: str = Field(description="A .pptx or .potx file, relative to the theme folder.")
    layouts: dict[str, str] = Field(
        default_factory=dict,
        description="Slide kind -> name of the template layout it uses; overrides the defaults.",
    )


class Theme(_Model):
    """A whole theme, loaded from ``themes/NAME/theme.yaml``."""

    name: str
    label: str = Field(description="Human name for `deckgen themes`.")
    description: str = ""
    mode: Literal["light", "dark"] = "light"
    colors: Palette
    fonts: Fonts
    sizes: TypeScale = TypeScale()
    chart: ChartStyle = ChartStyle()
    cover: Cover = Cover()
    logo: str | None = Field(None, description="Logo image, relative to the theme folder.")
    footer: Annotated[str | None, AfterValidator(_plain)] = Field(
        None, description="Default footer text, as it reads (no templates)."
    )
    template: TemplateSpec | None = Field(
        None, description="Build on this PowerPoint template's slide master and layouts."
    )
    folder: Path = Field(Path(), exclude=True, description="Set by the loader.")

    def path(self, relative: str) -> Path:
        """Resolve a theme-relative path."""
        return self.folder / relative

    def larger_sizes(self, outline: Path | None = None,
                     only: Iterable[str] | None = None) -> list[Problem]:  # fmt: skip
        """Where text does not fit and this theme writes sizes larger than deckgen's
        defaults (``sizes.minimum: 24``), a problem naming them in the theme file, at the
        line of the first (named from ``outline``'s folder, as :meth:`adjustments` names
        it): the others say "shorten the text" at the outline's lines, where the cause may
        be the theme's (found by fuzzing). ``only``: the sizes the text that does not fit
        is set in (a card's chart labels follow ``chart_label``; its other text, the
        card's own scale, none of them: a card's label that did not fit blamed the
        contrast theme's slide sizes, fuzzing round 8, 14)."""
        from deckgen.errors import Location, Problem
        from deckgen.io import as_written
        from deckgen.outline.load import field_line

        default = TypeScale()
        # Those the file writes: a size raised to a larger minimum follows from it.
        larger = {name: getattr(self.sizes, name) for name in sorted(self.sizes.model_fields_set)
                  if isinstance(getattr(self.sizes, name), float | int)
                  and getattr(self.sizes, name) > getattr(default, name)
                  and (only is None or name in only)}  # fmt: skip
        if not larger:
            return []
        asked = ", ".join(f"sizes.{n}: {v:g} (default {getattr(default, n):g})"
                          for n, v in larger.items())  # fmt: skip
        theme_file = self.folder / "theme.yaml"
        shown = as_written(str(theme_file), outline) if outline else str(theme_file)
        return [Problem(
            Location(shown, field_line(theme_file, f"sizes.{next(iter(larger))}"), "sizes"),
            f"the text above does not fit at this theme's larger sizes: {asked}",
            "lower these sizes in the theme, or shorten the text",
        )]  # fmt: skip

    def adjustments(self, outline: Path | None = None) -> list[str]:
        """What deckgen changed in this theme as it loaded, one warning each, for a build
        to print (``deckgen check`` says the same as A11Y002, A11Y003 and A11Y005): a colour
        moved to meet its contrast (text the colour of its background would be invisible)
        and a size raised to the 12 pt floor. Each at its field's line of theme.yaml, the
        file named from ``outline``'s folder (it was an absolute path with no line)."""
        from deckgen.io import as_written
        from deckgen.outline.load import field_line

        theme_file = self.folder / "theme.yaml"
        shown = as_written(str(theme_file), outline) if outline else str(theme_file)

        def at(field: str) -> str:
            line = field_line(theme_file, field)
            return f"{shown}:{line}: {field}" if line else f"{shown}: {field}"

        moved = list(self.colors.adjusted.items())
        # Of a long list of chart colours, the first few and a count: a theme of 5,000
        # printed 2,176 warnings, one a colour (found by fuzzing).
        listed = [(n, c) for n, c in moved if n.startswith("categorical[")]
        told = {n for n, _ in listed[_COLOURS_LISTED:]}
        out = [
            f"{at(f'colors.{name}')}: moved {change}; set colors.{name} to "
            f"{change.split(' -> ')[1].split(' ')[0]} (or another colour that meets the ratio) "
            "so the theme file says what is drawn"
            for name, change in moved
            if name not in told
        ]
        if told:
            out.append(f"{at('colors.categorical')}: {len(told)} more of its colours moved "
                       "for contrast, as those above; set each to a colour that meets 3:1 "
                       "against the background")  # fmt: skip
        out += [
            f"{at(f'sizes.{name}')}: {asked:g} pt is under the {self.sizes.minimum:g} pt floor "
            f"and is drawn at {getattr(self.sizes, name):g} pt; set sizes.{name} to "
            f"{self.sizes.minimum:g} or more"
            for name, asked in self.sizes.raised.items()
        ]
        return out
