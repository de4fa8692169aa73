"""The typed outline: what a deck is made of, validated once at the edge.

Every model forbids unknown fields (a typo is an error, not a silent no-op) and is frozen,
so a spec can be hashed into a cache key later. Nothing after ``outline.load`` reads YAML.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from deckgen.outline.social import SocialSection
from deckgen.tables.formats import DEFAULT_FORMAT, NumberFormat

Scalar = str | int | float | bool | None


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --------------------------------------------------------------------------- deck and data
class DeckMeta(_Model):
    """Deck metadata: the title slide and the file's document properties use it."""

    title: str = Field(description="Deck title: title slide and document title.")
    subtitle: str | None = Field(None, description="Title-slide subtitle; also the subject.")
    organisation: str | None = Field(None, description="Shown on the title slide.")
    author: str | None = Field(None, description="Document author property.")
    date: str | None = Field(None, description="Free text, e.g. 'November 2026'.")
    theme: str = Field("corporate", description="Theme name or path; --theme overrides.")
    size: Literal["16:9", "4:3"] = Field("16:9", description="Slide size.")
    footer: str | None = Field(None, description="Footer text on every content slide.")
    locale: str = Field(
        "en_US", description="Locale of numbers in templates: separators, currency, compact units."
    )

    @field_validator("date", mode="before")
    @classmethod
    def _date_as_text(cls, value: Any) -> Any:
        # YAML reads 2026-11-21 as a date; the deck shows it as written.
        return value.isoformat() if isinstance(value, dt.date) else value


ColumnType = Literal["text", "number", "integer", "date", "boolean"]


class ColumnSpec(_Model):
    """A declared column: every cell must fit ``type`` (see deckgen/tables/columns.py)."""

    type: ColumnType
    required: bool = Field(False, description="Every row must have a value (no '-' or blank).")

    @model_validator(mode="before")
    @classmethod
    def _from_type(cls, data: Any) -> Any:
        return {"type": data} if isinstance(data, str) else data


class _TypedSource(_Model):
    columns: dict[str, ColumnSpec] = Field(
        default_factory=dict,
        description="Declared column types, e.g. {country: text, value: number}; optional.",
    )


class FileSource(_TypedSource):
    """A table in a CSV, Excel or JSON file, relative to the outline's folder."""

    file: str = Field(description="Path to a .csv, .xlsx, .xlsm or .json file.")
    sheet: str | None = Field(None, description="Sheet name for Excel files (default: first).")
    records: str | None = Field(
        None, description="JSON only: dotted key path to the list of records, e.g. 'data.rows'."
    )

    @field_validator("sheet", mode="before")
    @classmethod
    def _sheet_as_text(cls, value: Any) -> Any:
        # YAML reads `sheet: 2023` as a number; the sheet is named "2023".
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


class InlineSource(_TypedSource):
    """A small table written in the outline itself, one mapping per row."""

    rows: list[dict[str, Scalar]] = Field(min_length=1, description="Rows of the table.")


DataSource = FileSource | InlineSource


# --------------------------------------------------------------------------- data selection
class RowFilter(_Model):
    """Keep the rows where ``column op value`` holds."""

    column: str
    op: Literal["==", "!=", ">", ">=", "<", "<=", "in", "not in"] = "=="
    value: Scalar | list[Scalar]


class SortSpec(_Model):
    """Sort rows by a column."""

    by: str
    descending: bool = True


class Selection(_Model):
    """Which rows of a data source a chart or table shows, applied in field order:
    filter, then sort, then top."""

    data: str = Field(description="Name of a source under `data:`.")
    filter: list[RowFilter] = Field(default_factory=list)
    sort: SortSpec | None = None
    top: int | None = Field(None, ge=1, description="Keep the first N rows after sorting.")


# --------------------------------------------------------------------------- charts
ChartType = Literal["bar", "hbar", "grouped-bar", "stacked-bar", "line", "donut"]
CHART_TYPES: tuple[str, ...] = ChartType.__args__  # type: ignore[attr-defined]
_SINGLE_SERIES = {"bar", "hbar", "donut"}


class ReferenceLine(_Model):
    """A horizontal (or, on hbar, vertical) reference line, e.g. an average."""

    value: float | Literal["mean", "median"] | str = Field(
        "mean", description="A number, 'mean', 'median', or a template giving a number."
    )
    label: str = Field(description="Label drawn at the line, e.g. 'G20 average'.")

    @field_validator("value", mode="before")
    @classmethod
    def _number_or_template(cls, value: Any) -> Any:
        # A template stays text until binding; what it renders to must be a number.
        if not isinstance(value, str) or value in ("mean", "median") or "{{" in value:
            return value
        try:
            return float(value.replace(",", ""))
        except ValueError:
            raise ValueError(f"expected a number, 'mean' or 'median', found {value!r}") from None


class Annotation(_Model):
    """A note pinned to one data point: category ``at`` (and ``series`` on multi-series)."""

    at: str | int | float
    text: str
    series: str | None = None


class ChartSpec(Selection):
    """A chart drawn from a data source."""

    type: ChartType
    x: str = Field(description="Category column (bar labels, line x values).")
    y: str | list[str] = Field(description="Value column, or several for multi-series charts.")
    series_labels: dict[str, str] = Field(
        default_factory=dict, description="Display names for y columns."
    )
    transpose: bool = Field(
        False, description="Swap rows and y columns: y columns become categories."
    )
    scale: float = Field(1.0, description="Multiply every value by this (unit change).")
    format: NumberFormat = Field(DEFAULT_FORMAT, description="Number format for labels.")
    highlight: list[str] = Field(
        default_factory=list, description="Categories (or series) drawn in the accent colour."
    )
    value_labels: bool = Field(True, description="Write values on bars, line ends, slices.")
    reference: ReferenceLine | None = None
    annotations: list[Annotation] = Field(default_factory=list)
    alt: str | None = Field(None, description="Alt text; written from the data when absent.")
    native: bool | None = Field(
        None,
        description="Draw as an editable PowerPoint chart (true) or a picture (false); "
        "unset follows `deckgen build --native-charts`.",
    )

    @field_validator("highlight", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @property
    def y_columns(self) -> list[str]:
        return [self.y] if isinstance(self.y, str) else list(self.y)

    @model_validator(mode="after")
    def _fits_type(self) -> ChartSpec:
        n_series = 1 if self.transpose else len(self.y_columns)
        if self.type in _SINGLE_SERIES and n_series != 1:
            raise ValueError(
                f"a {self.type} chart shows one series, but y names {len(self.y_columns)} "
                "columns; use grouped-bar or stacked-bar for several"
            )
        if self.type == "donut" and (self.reference or self.annotations):
            raise ValueError("a donut chart takes no reference line or annotations")
        if self.type == "stacked-bar" and self.reference:
            raise ValueError("a stacked-bar chart takes no reference line")
        return self


# --------------------------------------------------------------------------- tables
class TableColumn(_Model):
    """One column of a table slide."""

    column: str
    label: str | None = Field(None, description="Header text (default: the column name).")
    format: NumberFormat | None = Field(None, description="Number format for numeric cells.")

    @model_validator(mode="before")
    @classmethod
    def _from_name(cls, data: Any) -> Any:
        return {"column": data} if isinstance(data, str) else data


class TableSpec(Selection):
    """A table drawn from a data source."""

    columns: list[TableColumn] = Field(min_length=1)
    highlight: str | None = Field(None, description="Row whose first column equals this.")


# --------------------------------------------------------------------------- slides
class _Slide(_Model):
    notes: str | None = Field(None, description="Speaker notes.")
    source: str | None = Field(None, description="Source line in the footer.")
    share: list[str] = Field(
        default_factory=list,
        description="Social presets to also publish this slide in (stats, chart, quote slides).",
    )


class TitleSlide(_Slide):
    kind: Literal["title"]
    title: str | None = Field(None, description="Defaults to the deck title.")
    subtitle: str | None = Field(None, description="Defaults to the deck subtitle.")


class SectionSlide(_Slide):
    kind: Literal["section"]
    title: str
    kicker: str | None = None


class StatementSlide(_Slide):
    kind: Literal["statement"]
    text: str
    kicker: str | None = None


class QuoteSlide(_Slide):
    kind: Literal["quote"]
    text: str
    attribution: str


class BulletsSlide(_Slide):
    kind: Literal["bullets"]
    title: str
    subtitle: str | None = None
    items: list[str] = Field(min_length=1)


class Card(_Model):
    heading: str
    text: str


class CardsSlide(_Slide):
    kind: Literal["cards"]
    title: str
    subtitle: str | None = None
    items: list[Card] = Field(min_length=2, max_length=12)
    columns: int | None = Field(None, ge=1, le=4, description="Grid columns (default: chosen).")


class Stat(_Model):
    value: str = Field(
        description="The number as shown: '$143.2B', or a template such as '{{ x | currency }}'."
    )
    label: str
    qualifier: str | None = Field(None, description="Small text above, e.g. 'More than'.")
    source: str | None = None
    accent: bool = Field(False, description="Draw the value in the highlight colour.")


class StatsSlide(_Slide):
    kind: Literal["stats"]
    title: str
    subtitle: str | None = None
    items: list[Stat] = Field(min_length=1, max_length=4)
    native: bool | None = Field(
        None,
        description="Draw the callouts as text boxes (true) or pictures (false); "
        "unset follows `deckgen build --native-callouts`.",
    )


class ChartSlide(_Slide):
    kind: Literal["chart"]
    title: str = Field(description="The finding, as a sentence.")
    subtitle: str | None = Field(None, description="Measure, place and period.")
    chart: ChartSpec


class TableSlide(_Slide):
    kind: Literal["table"]
    title: str
    subtitle: str | None = None
    table: TableSpec


class ImageSlide(_Slide):
    kind: Literal["image"]
    title: str | None = None
    file: str = Field(description="Image path, relative to the outline.")
    alt: str = Field(min_length=1, description="Alt text: what the image shows.")
    caption: str | None = None


class SourcesSlide(_Slide):
    kind: Literal["sources"]
    title: str = "Sources"


Slide = Annotated[
    TitleSlide
    | SectionSlide
    | StatementSlide
    | QuoteSlide
    | BulletsSlide
    | CardsSlide
    | StatsSlide
    | ChartSlide
    | TableSlide
    | ImageSlide
    | SourcesSlide,
    Field(discriminator="kind"),
]
SLIDE_KINDS: tuple[str, ...] = (
    "title", "section", "statement", "quote", "bullets", "cards",
    "stats", "chart", "table", "image", "sources",
)  # fmt: skip


class Outline(_Model):
    """A whole outline file."""

    deck: DeckMeta
    data: dict[str, DataSource] = Field(default_factory=dict)
    vars: dict[str, str | int | float] = Field(
        default_factory=dict,
        description="Named values and templates, usable by name in every template.",
    )
    slides: list[Slide] = Field(min_length=1)
    social: SocialSection | None = Field(None, description="Social-media cards.")
