"""Test helpers: write a small deckgen project into a temp folder."""

from __future__ import annotations

import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "data" / "global-impact.yaml"

PRODUCTION_CSV = """country,production_2004,production_2023
China,5234496,30160966
USA,11989387,10611555
Japan,10511518,8997440
India,155157,5851507
Australia,411406,-
"""


def write_project(root: Path, outline: str, files: dict[str, str] | None = None) -> Path:
    """Write ``outline`` (dedented) as ``root/deck.yaml`` plus data files; return its path."""
    root.mkdir(parents=True, exist_ok=True)
    for name, text in (files or {"production.csv": PRODUCTION_CSV}).items():
        (root / name).write_text(text, encoding="utf-8")
    path = root / "deck.yaml"
    path.write_text(textwrap.dedent(outline).lstrip(), encoding="utf-8")
    return path


#: A deck header plus one data source; append slides to it.
HEADER = """\
deck:
  title: Test deck
  subtitle: A subtitle
  organisation: Tests Inc
  date: November 2026
data:
  production: {file: production.csv}
slides:
"""


def load_outline(path: Path):
    """``path`` validated against the outline of every registered kind."""
    from deckgen.kinds import Outline
    from deckgen.outline import load

    return load.load_outline(path, Outline)


def parse_outline(text: str, path: Path):
    """Outline ``text`` validated as if read from ``path``."""
    from deckgen.kinds import Outline
    from deckgen.outline import load

    return load.parse_outline(text, path, Outline)


def load_theme(name: str = "corporate", project: Path | None = None):
    """A shipped (or project) theme, loaded as the pipeline loads it."""
    from deckgen.kinds import TEMPLATE_LAYOUTS
    from deckgen.theming import load

    return load.load_theme(name, project, TEMPLATE_LAYOUTS)


def load_bound(path: Path):
    """``path`` loaded and bound the way the pipeline does: (LoadedOutline, tables)."""
    from deckgen.binding.bind import bind_outline
    from deckgen.tables.sources import load_tables

    loaded = load_outline(path)
    tables = load_tables(loaded)
    return bind_outline(loaded, tables).loaded, tables


def plan(path: Path, theme_name: str = "corporate", **options):
    """The slides of ``path`` planned as the pipeline plans them (a BuildPlan)."""
    from deckgen.plan import context, plan_build

    loaded, tables = load_bound(path)
    return plan_build(context(loaded, tables, load_theme(theme_name, loaded.root), **options))


def build_cards(loaded, tables, theme, out_dir: Path, *, presets=None, workers: int = 1,
                cache=None):  # fmt: skip
    """Plan, render and write the cards of ``loaded`` as ``deckgen social`` does."""
    from deckgen.plan.cards import plan_cards
    from deckgen.render.executor import run
    from deckgen.social.build import write_cards

    cards = plan_cards(loaded, tables, theme, presets=presets)
    rendered = run([c.job for c in cards], workers=workers, cache=cache)
    written, _ = write_cards(cards, rendered, loaded, theme, out_dir, partial=bool(presets))
    return written


#: Time series written for the date tests (tests/data/make_time_series.py describes them).
DATA = REPO / "tests" / "data"


def employment_frame():
    """tests/data/employment_monthly.csv with its months typed as `type: date, format:
    "%b %Y", period: month` types them: 120 months of employment by sector, in thousands."""
    import pandas as pd

    from deckgen.tables.dates import parse_date

    frame = pd.read_csv(DATA / "employment_monthly.csv", dtype=str)
    months = [parse_date(m, "%b %Y", "month") for m in frame["month"]]
    frame["month"] = pd.Series(months, dtype=object)
    frame.attrs["file"] = str(DATA / "employment_monthly.csv")
    return frame


def stock_frame():
    """tests/data/stock_prices.csv with its dates ('Jan 1 2000') typed: month-start prices
    of four symbols, one row per symbol and month."""
    import pandas as pd

    from deckgen.tables.dates import parse_date

    frame = pd.read_csv(DATA / "stock_prices.csv", dtype=str)
    frame["date"] = pd.Series([parse_date(d, "%b %d %Y") for d in frame["date"]], dtype=object)
    frame.attrs["file"] = str(DATA / "stock_prices.csv")
    return frame


def series_data(frame, **spec):
    """The ChartData a chart spec (fields as in the outline) shows of ``frame``."""
    from deckgen.errors import Location
    from deckgen.kinds.charts import chart
    from deckgen.tables.select import chart_data

    return chart_data(frame, chart(data="d", **spec), Location("deck.yaml", 1, "chart"))


def nearer(colour: str, ground: str, codes: int) -> str:
    """``colour`` with each channel ``codes`` steps (of 255) nearer ``ground``'s, as the
    rendered page draws it in places (#60656D came back #5F636C on a slide)."""
    return "#" + "".join(
        f"{c + min(codes, abs(d - c)) * ((d > c) - (d < c)):02X}"
        for c, d in zip(*(bytes.fromhex(x[1:]) for x in (colour, ground)), strict=True)
    )
