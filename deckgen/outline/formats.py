"""Number formats shared by charts, tables, callouts and alt text.

A format is written in the outline as a short string::

    [prefix]style[:decimals][suffix]

``style`` is one of ``plain`` (``5,234,496``), ``compact`` (``30.2M``, ``$143.2B``) or
``percent`` (``67%``; the value is already in percent). Examples: ``compact:1``,
``$compact:1``, ``percent:0``, ``plain:0``, ``$plain:1B`` (a value stored in billions).
One formatter serves every place a number is shown, so a slide, its chart and its alt text
never disagree.
"""

from __future__ import annotations

import math
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, model_validator

_SHORTHAND = re.compile(
    r"^(?P<prefix>[^a-z]*?)(?P<style>plain|compact|percent)(?::(?P<decimals>\d))?(?P<suffix>.*)$"
)
_COMPACT_UNITS = ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K"))
#: Words for compact units in alt text, which screen readers read aloud.
_UNIT_WORDS = {"T": "trillion", "B": "billion", "M": "million", "K": "thousand"}


class NumberFormat(BaseModel):
    """How a number is written. Build one from the shorthand string in the outline."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    style: Literal["plain", "compact", "percent"] = "plain"
    decimals: int = 0
    prefix: str = ""
    suffix: str = ""

    @model_validator(mode="before")
    @classmethod
    def _from_shorthand(cls, data: object) -> object:
        if isinstance(data, str):
            match = _SHORTHAND.match(data.strip())
            if not match:
                raise ValueError(
                    f"number format {data!r} is not of the form [prefix]style[:decimals][suffix] "
                    "with style plain, compact or percent, e.g. '$compact:1' or 'percent:0'"
                )
            parts = match.groupdict()
            return {
                "style": parts["style"],
                "decimals": int(parts["decimals"] or (1 if parts["style"] == "compact" else 0)),
                "prefix": parts["prefix"],
                "suffix": parts["suffix"],
            }
        return data

    def __str__(self) -> str:
        return f"{self.prefix}{self.style}:{self.decimals}{self.suffix}"

    def format(self, value: float | int | None, *, words: bool = False) -> str:
        """Format ``value``; ``None`` or NaN gives an en dash.

        With ``words=True`` compact units are spelt out ("30.2 million") for alt text.
        """
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return "–"
        sign = "-" if value < 0 else ""
        magnitude = abs(float(value))
        unit = ""
        if self.style == "compact":
            for threshold, symbol in _COMPACT_UNITS:
                # Round first so 999,950 becomes "1.0M", not "1,000.0K".
                if round(magnitude / threshold, self.decimals) >= 1:
                    magnitude /= threshold
                    unit = f" {_UNIT_WORDS[symbol]}" if words else symbol
                    break
        number = f"{magnitude:,.{self.decimals}f}"
        percent = "%" if self.style == "percent" else ""
        if words and percent:
            percent = " percent"
        return f"{sign}{self.prefix}{number}{unit}{percent}{self.suffix}"


DEFAULT_FORMAT = NumberFormat(style="compact", decimals=1)


#: Excel's thousands scaling: each trailing comma after the digits divides by 1,000.
_EXCEL_SCALE = {"T": ",,,,", "B": ",,,", "M": ",,", "K": ","}


def _excel_literal(text: str) -> str:
    """``text`` as literal characters of an Excel format code."""
    if not text:
        return ""
    if '"' in text:
        return "".join(f"\\{c}" for c in text)
    return f'"{text}"'


def excel_format(fmt: NumberFormat, largest: float = 0.0, decimals: int | None = None) -> str:
    """The Excel number-format code that writes numbers as ``fmt`` does, for native charts.

    Excel applies one code to a whole series, while :meth:`NumberFormat.format` picks a
    compact unit per value; so a compact code takes the unit of ``largest`` (the series'
    largest magnitude) for every value. ``percent`` values are already in percent, so the
    sign is a literal, not Excel's x100 ``%``. Zero is written ``0`` (as on the picture
    charts' axes); ``decimals`` overrides the format's (axis ticks need fewer).
    """
    places = fmt.decimals if decimals is None else decimals
    digits = "#,##0" + ("." + "0" * places if places else "")
    unit = ""
    if fmt.style == "compact":
        magnitude = abs(largest)
        for threshold, symbol in _COMPACT_UNITS:
            if round(magnitude / threshold, places) >= 1:
                unit = symbol
                break
    scale = _EXCEL_SCALE.get(unit, "")
    tail = unit + ("%" if fmt.style == "percent" else "") + fmt.suffix
    body = f"{_excel_literal(fmt.prefix)}{digits}{scale}{_excel_literal(tail)}"
    return f"{body};-{body};0"
