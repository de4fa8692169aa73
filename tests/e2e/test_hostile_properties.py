"""Generated outlines, data tables and template strings: every one either builds a deck
that re-opens in python-pptx (and, for a few, converts in LibreOffice) or fails with a
deckgen error (exit 2, no traceback), within a memory and time bound.

Each build runs in a child process under ``resource.setrlimit`` (address space and CPU
time) and a wall-clock timeout, so a build that would eat the machine fails the test
instead of the machine. A build costs seconds (a fresh interpreter importing matplotlib,
pandas and python-pptx, then rendering), so each property runs few examples
(``EXAMPLES`` below): CI time stays under a minute for the three together, and
hypothesis's own shrinking and its example database do the rest between runs.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import textwrap
from typing import TYPE_CHECKING

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context

from tests.helpers import PRODUCTION_CSV

if TYPE_CHECKING:
    from pathlib import Path

#: Per build: address space (matplotlib, pandas, python-pptx and a render need ~1.5 GB of
#: virtual memory), CPU seconds, and wall-clock seconds on a loaded two-core machine.
MEMORY = 3 * 1024**3
CPU_SECONDS = 60
WALL_SECONDS = 180
#: Examples per property: see the module doc. A build is 2-3 s on an idle machine (10-17 s
#: on a loaded one): 4 examples keep the three properties near 40 s of CI time.
EXAMPLES = 4
PROPERTY = settings(
    max_examples=EXAMPLES,
    deadline=None,
    # In CI the same cases every run (a failure there reproduces); new ones on a laptop.
    derandomize=os.environ.get("CI") == "true",
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))


def build(project: Path) -> subprocess.CompletedProcess[str]:
    """``deckgen build`` of ``project/deck.yaml`` in a bounded child process."""
    return subprocess.run(
        [sys.executable, "-m", "deckgen", "build", "deck.yaml", "--out", "out", "-j", "1"],
        cwd=project, capture_output=True, text=True, timeout=WALL_SECONDS,
        preexec_fn=_limits, check=False,
    )  # fmt: skip


def assert_built_or_refused(project: Path) -> Path | None:
    """The build's outcome is one of the two allowed: a deck python-pptx re-opens (its
    path is returned), or exit 2 with a message and no traceback."""
    from pptx import Presentation

    run = build(project)
    output = run.stdout + run.stderr
    assert "Traceback" not in output, output
    assert "internal error" not in output, output
    if run.returncode == 2:
        assert "error" in output, output
        _event("refused with exit 2")
        return None
    assert run.returncode == 0, f"exit {run.returncode} (a signal is negative):\n{output}"
    deck = project / "out" / "deck.pptx"
    assert len(Presentation(str(deck)).slides) >= 1
    _event("built")
    return deck


def _event(outcome: str) -> None:
    """Count the outcome in hypothesis's statistics (--hypothesis-show-statistics)."""
    if currently_in_test_context():
        event(outcome)


def _project(root: Path, outline: str, files: dict[str, str]) -> Path:
    root.mkdir(parents=True)
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    (root / "deck.yaml").write_text(outline, encoding="utf-8")
    return root


# --------------------------------------------------------------------------- outlines
#: Characters XML 1.0 cannot hold (C0 controls but tab and line breaks; U+FFFE, U+FFFF).
#: Text holding them is issue 14's item 3 (removed or refused with the field named), owned
#: by another change: until it lands they are left out here and tested on their own below.
NOT_XML = "".join(chr(c) for c in [*range(9), 11, 12, *range(14, 32), 0xFFFE, 0xFFFF])
#: Text from every script deckgen must handle, format characters and markup included.
texts = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",), exclude_characters=NOT_XML),
    min_size=0,
    max_size=40,
) | st.sampled_from(["", " ", "東京 leads", "القاهرة", "😀", "{{", "}}", "&amp;", "<b>", "-1e309"])
#: Text a person writes: any script, no control characters (most fields get this, so
#: that some outlines build; the rest get anything).
words = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Cf", "Co")),
                min_size=1, max_size=40).filter(str.strip)  # fmt: skip
prose = st.one_of(words, words, words, texts)
#: Any YAML scalar a careless hand or a hostile file might put in a field.
scalars = (
    texts
    | st.integers(-(10**20), 10**20)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.booleans()
    | st.none()
)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3)
                      | st.dictionaries(texts, inner, max_size=3), max_leaves=8)  # fmt: skip
CHART_TYPES = ["bar", "hbar", "line", "donut", "area", "grouped-bar", "stacked-bar", "dot",
               "waterfall", "scatter", "nonsense"]  # fmt: skip


@st.composite
def slides(draw: st.DrawFn) -> dict[str, object]:
    """A slide of a real kind with its fields (text in any script), or, one time in
    eight, a kind or field that does not exist with any value."""
    kind = draw(st.sampled_from(["statement", "bullets", "chart", "section", "chart",
                                 "statement", "quote", "bogus"]))  # fmt: skip
    slide: dict[str, object] = {"kind": kind}
    if kind == "statement":
        slide["text"] = draw(prose)
    elif kind == "quote":
        slide.update(text=draw(prose), attribution=draw(prose))
    elif kind == "section":
        slide["title"] = draw(prose)
    elif kind == "bullets":
        slide.update(title=draw(prose), items=draw(st.lists(prose, min_size=1, max_size=6)))
    elif kind == "chart":
        slide["title"] = draw(prose)
        slide["chart"] = {
            "type": draw(st.sampled_from(CHART_TYPES)),
            "data": draw(st.sampled_from(["production", "production", "missing"])),
            "x": draw(st.sampled_from(["country", "country", "production_2004"])),
            "y": draw(st.sampled_from(["production_2023", "production_2023",
                                       ["production_2004", "production_2023"], "nope"])),
        }  # fmt: skip
    else:
        slide[draw(st.sampled_from(["text", "extra", "items"]))] = draw(values)
    return slide


@PROPERTY
@given(
    title=prose,
    deck_extra=st.dictionaries(
        st.sampled_from(["subtitle", "date", "size", "theme", "footer"]), values, max_size=2
    )
    | st.just({}),
    slides=st.lists(slides(), min_size=1, max_size=3),
)
def test_generated_outlines_build_or_fail_cleanly(tmp_path_factory, title, deck_extra, slides):
    outline = yaml.safe_dump(
        {"deck": {"title": title, **deck_extra},
         "data": {"production": {"file": "production.csv"}}, "slides": slides},
        allow_unicode=True,
    )  # fmt: skip
    root = tmp_path_factory.mktemp("outline") / "p"
    assert_built_or_refused(_project(root, outline, {"production.csv": PRODUCTION_CSV}))


# --------------------------------------------------------------------------- data tables
numbers = st.floats(allow_nan=True, allow_infinity=True).map(repr) | st.integers(
    -(10**15), 10**15
).map(str)
anything = (
    numbers
    | st.sampled_from(["", "-", "n/a", "1,234.5", "=1+1", "+cmd", "@SUM(A1)", "1e400", "NaN"])
    | texts.map(json.dumps)  # quoted, so commas and line breaks stay in the cell
)
#: Mostly numbers (so that some tables build), sometimes anything.
cells = st.one_of(*[numbers] * 7, anything)
labels = texts.filter(lambda t: "\n" not in t and "\r" not in t).map(json.dumps)


@PROPERTY
@given(
    chart=st.sampled_from(CHART_TYPES[:-1]),
    rows=st.lists(st.tuples(labels, cells, cells), min_size=0, max_size=25),
)
def test_generated_data_tables_build_or_fail_cleanly(tmp_path_factory, chart, rows):
    csv = "name,a,b\n" + "".join(f"{n},{a},{b}\n" for n, a, b in rows)
    y = "[a, b]" if chart in ("grouped-bar", "stacked-bar", "line", "area") else "a"
    x = "a" if chart == "scatter" else "name"
    outline = textwrap.dedent(f"""\
        deck: {{title: Generated data}}
        data: {{t: {{file: t.csv}}}}
        slides:
          - kind: chart
            title: Generated
            chart: {{type: {chart}, data: t, x: {x}, y: {"b" if chart == "scatter" else y}}}
    """)
    root = tmp_path_factory.mktemp("table") / "p"
    assert_built_or_refused(_project(root, outline, {"t.csv": csv}))


# --------------------------------------------------------------------------- templates
PIECES = [
    "{{ production.China.production_2023 }}", "{{ production.China.production_2023 | number }}",
    "{{ production.Nowhere.production_2023 }}", "{{ 'x' * 100000000 }}", "{{ '%999999999d' % 1 }}",
    "{{ '{0:>999999999}'.format(1) }}", "{{ ().__class__.__base__.__subclasses__() }}",
    "{% for i in range(100000000) %}x{% endfor %}", "{{ 1/0 }}", "{{ production }}",
    "{{", "}}", "{%", "{# #}", "{{ production.China.production_2004 - 1 }}", "{{ x ~ y }}",
    "{{ lipsum(1000) }}", "{{ self }}", "{{ config }}", "plain text ", "東京 ",
]  # fmt: skip


@PROPERTY
@given(parts=st.lists(st.sampled_from(PIECES) | texts, min_size=1, max_size=4))
def test_generated_template_strings_build_or_fail_cleanly(tmp_path_factory, parts):
    outline = yaml.safe_dump(
        {"deck": {"title": "Templates"}, "data": {"production": {"file": "production.csv"}},
         "slides": [{"kind": "statement", "text": "".join(parts)}]},
        allow_unicode=True,
    )  # fmt: skip
    root = tmp_path_factory.mktemp("template") / "p"
    assert_built_or_refused(_project(root, outline, {"production.csv": PRODUCTION_CSV}))


# --------------------------------------------------------------------------- LibreOffice
@pytest.mark.libreoffice
def test_a_deck_of_hostile_text_converts_in_libreoffice(tmp_path, require_libreoffice):
    """A few of the outputs above, fixed here so they are the same every run: text in
    several scripts, control characters and markup, a chart of awkward numbers."""
    from deckgen.export.pdf import pdf_page_count, to_pdf

    outline = yaml.safe_dump(
        {"deck": {"title": "東京 & القاهرة <b>\u200b"},
         "data": {"t": {"file": "t.csv"}},
         "slides": [{"kind": "bullets", "title": "Mixed 😀", "items": ["=1+1", "a\tb", "ü"]},
                    {"kind": "chart", "title": "Awkward numbers",
                     "chart": {"type": "bar", "data": "t", "x": "name", "y": "a"}}]},
        allow_unicode=True,
    )  # fmt: skip
    csv = 'name,a\n"=SUM(A1)",1e-9\n東京,-0\nMoscow,123456789012\n'
    deck = assert_built_or_refused(_project(tmp_path / "p", outline, {"t.csv": csv}))
    assert deck is not None
    assert pdf_page_count(to_pdf(deck, tmp_path / "pdf")) == 2


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\uffff", "\ufffe"])
def test_a_control_character_in_text_is_removed_or_refused(tmp_path, char):
    # The deck title reaches the document properties (slide text is cleaned already).
    slide = {"kind": "bullets", "title": f"Bell {char} here", "items": [f"a {char}"]}
    outline = yaml.safe_dump({"deck": {"title": f"Controls {char}"}, "slides": [slide]})
    assert_built_or_refused(_project(tmp_path / "p", outline, {}))
