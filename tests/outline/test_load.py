import os
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from deckgen.errors import OutlineError
from deckgen.kinds.slides.chart import ChartSlide
from deckgen.outline import load
from deckgen.outline.load import MAX_DEPTH, YAMLLimitError, compose_bounded, format_path
from tests.helpers import SAMPLE, load_outline, parse_outline


def test_the_sample_outline_validates_into_typed_slides():
    loaded = load_outline(SAMPLE)
    kinds = [s.kind for s in loaded.outline.slides]
    assert kinds[0] == "title" and kinds[-1] == "sources"
    assert 18 <= len(kinds) <= 40
    assert any(isinstance(s, ChartSlide) for s in loaded.outline.slides)
    assert loaded.locate("slides", 3).line is not None


def test_format_path():
    assert format_path(("slides", 4, "chart", "y")) == "slides[4].chart.y"
    assert format_path(("deck",)) == "deck"


def test_all_problems_are_reported_together():
    text = """
deck: {title: T, colour: red}
slides:
  - kind: bullets
    items: [a]
  - kind: quote
    text: hi
"""
    with pytest.raises(OutlineError) as info:
        parse_outline(text, Path("x.yaml"))
    message = str(info.value)
    assert "x.yaml:2: deck.colour: unknown field 'colour'" in message
    assert "slides[0].title: required field 'title' is missing" in message
    assert "slides[1].attribution: required field 'attribution' is missing" in message


def test_every_schema_problem_says_how_to_fix_it():
    """A missing field says what to add, from the field's own description; a value of the
    wrong type says what to write (`deckgen check` once said "fix the outline field")."""
    text = """
data: {p: {file: p.csv}}
slides:
  - kind: chart
    title: x
    chart: {data: p, type: bar, y: v, value_labels: 3, top: 0}
"""
    with pytest.raises(OutlineError) as info:
        parse_outline(text, Path("x.yaml"))
    hints = {str(p.location.field): p.hint for p in info.value.problems}
    assert hints["deck"] == "add 'deck:' (the deck's title and settings: deck: {title: ...})"
    assert hints["slides[0].chart.x"] == "add 'x:' (category column (bar labels, line x values))"
    assert hints["slides[0].chart.value_labels"] == "write true or false"
    assert hints["slides[0].chart.top"] == "write a number of at least 1"


def test_yaml_tags_cannot_run_code():
    text = "deck: !!python/object/apply:os.system ['echo hacked']\nslides: []\n"
    with pytest.raises(OutlineError, match="a YAML tag") as info:
        parse_outline(text, Path("x.yaml"))
    assert "remove the tag" in str(info.value)


@pytest.mark.parametrize("tagged", ["!!binary MjAyNg==", "!!str 007", "!!set {a, b}", "!x y"])
def test_yaml_own_tags_are_refused_too(tagged):
    """'date: !!binary MjAyNg==' was decoded into the byline as '2026', where the README says
    tags are refused (found by fuzzing)."""
    text = f"deck:\n  title: T\n  date: {tagged}\nslides: []\n"
    with pytest.raises(OutlineError) as info:
        parse_outline(text, Path("x.yaml"))
    assert str(info.value).startswith("x.yaml:3: a YAML tag (")


def test_an_integer_past_pythons_digits_is_an_error_at_its_line():
    """5,000 nines raised int()'s ValueError: an internal error, exit 1 (found by fuzzing)."""
    text = "deck:\n  title: T\n  kicker: " + "9" * 5000 + "\nslides: []\n"
    with pytest.raises(OutlineError) as info:
        parse_outline(text, Path("x.yaml"))
    assert "x.yaml:3: not valid YAML: a number of 5,000 digits" in str(info.value)


def _one_chart(fields: str) -> str:
    """An outline of one chart slide over data source ``p``, its chart mapping ``fields``."""
    return (
        "deck: {title: T}\ndata: {p: {file: p.csv}}\nslides:\n"
        f"  - kind: chart\n    title: x\n    chart: {{data: p, {fields}}}\n"
    )


def test_single_series_charts_refuse_several_columns():
    with pytest.raises(OutlineError, match="a donut chart shows one series"):
        parse_outline(_one_chart("type: donut, x: a, y: [b, c]"), Path("x.yaml"))


@pytest.mark.parametrize(
    ("fields", "field", "says"),
    [
        # An empty y drew an empty chart, or failed inside a renderer as an internal error.
        ("type: grouped-bar, y: []", "chart.y", "names no column"),
        ("type: line, y: []", "chart.y", "names no column"),
        ("type: grouped-bar, y: [b, b]", "chart.y", "names 'b' twice"),
        # A scale that is not a number was reported at y, as a bad value in the data.
        ("type: bar, y: b, scale: .nan", "chart.scale", "a number other than 0"),
        ("type: bar, y: b, scale: 1e400", "chart.scale", "a number other than 0"),
        ("type: bar, y: b, scale: 0", "chart.scale", "a number other than 0"),
        # A switch is not a name.
        ("type: bar, y: b, highlight: true", "chart.highlight", "quote a name that is the word"),
        # pydantic read true as the number 1: one bar, and no word why.
        ("type: bar, y: b, top: true", "chart.top", "a number of rows"),
        # A bracket from a bar to itself was drawn as "held at 30.2 million".
        ("type: bar, y: b, difference: {from: A, to: A}", "chart.difference[0]", "both name 'A'"),
        ("type: bar, y: b, cagr: {from: A, to: A}", "chart.cagr[0]", "both name 'A'"),
        # A legend of '20-inf / >= inf'.
        (
            "type: map, y: b, region: a, classes: [20, .inf]",
            "chart.classes",
            "breaks that are numbers",
        ),
    ],
)
def test_chart_fields_no_chart_can_use_are_refused_at_their_field(fields, field, says):
    with pytest.raises(OutlineError) as caught:
        parse_outline(_one_chart(f"x: a, {fields}"), Path("x.yaml"))
    (problem,) = caught.value.problems
    assert problem.location.field == f"slides[0].{field}"
    assert says in problem.message


def test_a_year_or_code_written_as_a_number_highlights_that_category():
    text = _one_chart("type: bar, x: year, y: b, highlight: 2023")
    (slide,) = parse_outline(text, Path("x.yaml")).outline.slides
    assert slide.chart.highlight == ["2023"]


# --------------------------------------------------------------------------- bounded YAML
def _laughs(levels: int, width: int = 10) -> str:
    """``levels`` anchors, each a list of ``width`` aliases of the one before."""
    lines = ["l0: &l0 [" + ", ".join(["x"] * width) + "]"]
    lines += [f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * width) + "]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


def test_billion_laughs_is_refused_at_once_naming_the_line():
    import time

    text = _laughs(10)  # 10**10 values from 500 bytes
    start = time.perf_counter()
    with pytest.raises(YAMLLimitError) as info:
        compose_bounded(text)
    assert time.perf_counter() - start < 0.5
    assert "more than 250,000 values" in info.value.message
    assert info.value.line == 6  # l5 is the first past the limit


def test_an_outline_with_laughs_is_an_outline_error():
    with pytest.raises(OutlineError, match=r"x.yaml:6: the YAML holds more than"):
        parse_outline(_laughs(10), Path("x.yaml"))


def test_a_long_text_aliased_many_times_is_refused_by_its_length():
    """A 1 MB note aliased into 600 slides was 601 values, under the count, and 600 MB of
    text: 4.3 GB and a minute to build (found by fuzzing)."""
    note = "word " * 200_000
    slides = "".join(f"  - {{kind: statement, text: t{i}, notes: *n}}\n" for i in range(70))
    text = f'deck: {{title: x}}\nslides:\n  - {{kind: statement, text: t, notes: &n "{note}"}}\n'
    with pytest.raises(YAMLLimitError) as info:
        compose_bounded(text + slides)
    assert "more than 64 MB of text once its aliases (*name) are expanded" in info.value.message
    assert "write a long text once" in info.value.hint
    compose_bounded(text + slides.replace("*n", "t"))  # written once, it loads


def test_aliases_within_the_limit_still_load_shared_values():
    node, data = compose_bounded("a: &a {x: 1}\nb: *a\nc: [*a, *a]\n")
    assert data == {"a": {"x": 1}, "b": {"x": 1}, "c": [{"x": 1}, {"x": 1}]}
    assert node is not None


MERGED = """
deck: {title: T}
data: {production: {file: production.csv}}
slides:
  - kind: chart
    title: China builds the most
    chart: &production
      type: dot
      data: production
      x: country
      y: [a, b]
      highlight: China
  - kind: chart
    title: The U.S. built fewer
    chart:
      <<: *production
      type: arrow
      highlight: USA
"""


def test_a_key_that_overrides_one_merged_in_is_no_duplicate():
    """``<<: *name`` then a key of its own overrides the merged one, as YAML means it:
    building the data merged the keys into the mapping's node, where they read as written
    twice ("duplicate key 'highlight'")."""
    loaded = parse_outline(MERGED, Path("x.yaml"))
    chart = loaded.outline.slides[1].chart
    assert (chart.type, chart.highlight, chart.x) == ("arrow", ["USA"], "country")
    assert loaded.locate("slides", 1, "chart", "highlight").line == 18  # its own line
    assert loaded.locate("slides", 1, "chart", "x").line == 10  # where the anchor writes it


def test_a_key_written_twice_beside_a_merge_is_still_a_duplicate():
    text = MERGED + "      highlight: Japan\n"
    with pytest.raises(OutlineError, match=r"x.yaml:19: slides\[1\].chart.highlight: duplicate"):
        parse_outline(text, Path("x.yaml"))


@pytest.mark.parametrize(
    "text", ["a: &a [*a]", "a: &a {b: [1, {c: *a}]}", "- &s {kind: bullets, notes: *s}"]
)
def test_a_recursive_alias_is_a_clear_error(text):
    with pytest.raises(YAMLLimitError, match="refers to the mapping or list it is inside"):
        compose_bounded(text)


def test_nesting_past_the_depth_limit_is_refused():
    compose_bounded("- " * (MAX_DEPTH - 1) + "x")
    with pytest.raises(YAMLLimitError, match=f"more than {MAX_DEPTH} levels"):
        compose_bounded("- " * (MAX_DEPTH + 1) + "x")


def test_an_alias_placed_deep_counts_its_own_depth():
    deep = "[" * 40 + "1" + "]" * 40
    with pytest.raises(YAMLLimitError, match="levels deep"):
        compose_bounded(f"a: &a {deep}\nb: {'[' * 30}*a{']' * 30}\n")


def test_a_theme_reads_bounded_yaml_too(tmp_path):
    from deckgen.errors import ThemeError
    from deckgen.theming.load import load_theme

    folder = tmp_path / "themes" / "laughs"
    folder.mkdir(parents=True)
    (folder / "theme.yaml").write_text(_laughs(9))
    with pytest.raises(ThemeError, match="more than 250,000 values"):
        load_theme("laughs", tmp_path, {})


@pytest.mark.parametrize(
    ("extra", "line", "says"),
    [
        # YAML keeps the last of two keys: the first was lost, unseen.
        ("label: Again\n", 23, "duplicate key 'label'"),
        # PyYAML's own text once, with no line in the location and the fix "fix the theme".
        # At the line the '[' opens on, not past the file's end where the parser gave up.
        ("chart: {line_width: [2\n", 23, "not valid YAML: did not find expected ',' or ']'"),
    ],
)
def test_a_theme_is_read_as_carefully_as_an_outline(tmp_path, extra, line, says):
    from deckgen.errors import ThemeError
    from deckgen.theming.load import load_theme
    from tests.helpers import REPO

    folder = tmp_path / "themes" / "house"
    folder.mkdir(parents=True)
    text = (REPO / "themes" / "corporate" / "theme.yaml").read_text()
    assert len(text.splitlines()) == 22
    (folder / "theme.yaml").write_text(text + extra)
    with pytest.raises(ThemeError) as caught:
        load_theme("house", tmp_path, {})
    (problem,) = caught.value.problems
    assert problem.location.line == line and says in problem.message


def _device(tmp_path: Path) -> Path:
    (tmp_path / "zero.yaml").symlink_to("/dev/zero")
    return tmp_path / "zero.yaml"


def _fifo(tmp_path: Path) -> Path:
    os.mkfifo(tmp_path / "fifo.yaml")
    return tmp_path / "fifo.yaml"


@pytest.mark.parametrize(
    ("make", "kind"),
    [(_device, "a device"), (_fifo, "a FIFO"), (lambda tmp: tmp, "a folder")],
    ids=["dev-zero", "fifo", "folder"],
)
def test_an_outline_that_is_not_a_regular_file_is_refused_at_once(tmp_path, make, kind):
    path = make(tmp_path)
    start = time.perf_counter()
    with pytest.raises(OutlineError) as info:
        load_outline(path)
    assert time.perf_counter() - start < 0.5  # no read that never ends
    [problem] = info.value.problems
    assert problem.location is not None and problem.location.file == str(path)
    assert problem.message == f"the outline is not a regular file but {kind}" + (
        " (a named pipe)" if kind == "a FIFO" else ""
    )
    # A folder named like the outline is told to be a file; a FIFO or device, not to be read
    told = "the outline's .yaml file inside the folder" if kind == "a folder" else "saved on disk"
    assert problem.hint and told in problem.hint, problem.hint


def test_an_outline_past_the_size_limit_is_refused_without_reading_it(tmp_path, monkeypatch):
    path = tmp_path / "deck.yaml"
    path.write_text("deck: {title: T}\nslides:\n  - kind: title\n")
    size = path.stat().st_size
    monkeypatch.setattr(load, "MAX_OUTLINE_BYTES", size)
    assert load_outline(path).outline.deck.title == "T"  # at the limit: read
    monkeypatch.setattr(load, "MAX_OUTLINE_BYTES", size - 1)
    with pytest.raises(OutlineError, match="the outline is larger than 0 MB") as info:
        load_outline(path)
    assert "data files" in str(info.value)


def test_an_outline_with_windows_line_ends_reads_as_before(tmp_path):
    text = "deck: {title: T}\nslides:\n  - kind: title\n  - {kind: statement, text: Hi}\n"
    (tmp_path / "deck.yaml").write_bytes(text.replace("\n", "\r\n").encode())
    loaded = load_outline(tmp_path / "deck.yaml")
    assert loaded.locate("slides", 1).line == 4
    assert loaded.outline.slides[1].text == "Hi"


def test_a_flat_list_past_the_value_limit_is_refused_before_it_is_composed():
    """Composing costs memory and time per value (this list: 3 s and 250 MB); the parser's
    events are counted first, so it is refused after 250,000 of them."""
    text = "a: [" + "1," * 600_000 + "1]\n"
    start = time.perf_counter()
    with pytest.raises(YAMLLimitError, match="more than 250,000 values"):
        compose_bounded(text)
    assert time.perf_counter() - start < 1.2


_scalars = st.one_of(st.integers(-5, 5), st.text("abc", max_size=3), st.booleans())


@st.composite
def _alias_documents(draw: st.DrawFn) -> str:
    """Random YAML with anchors, aliases of earlier anchors and (sometimes) of an open one."""
    lines = []
    for i in range(draw(st.integers(1, 8))):
        items = draw(
            st.lists(
                st.one_of(
                    _scalars.map(lambda v: yaml.safe_dump(v).split("\n")[0]),
                    st.integers(0, max(i - 1, 0)).map(lambda j: f"*a{j}"),
                ),
                max_size=12,
            )
        )
        if i == 0:
            items = [x for x in items if not x.startswith("*")]
        if draw(st.booleans()) and i > 0:
            items.append(f"{{k: *a{draw(st.integers(0, i - 1))}}}")
        lines.append(f"k{i}: &a{i} [{', '.join(items)}]")
    return "\n".join(lines)


def _expanded_size(data: object, cap: int) -> int:
    """How many values ``data`` holds with every alias written out, counting up to ``cap``
    (past it, the walk stops: a billion laughs would take forever to count)."""
    count, stack = 0, [data]
    while stack and count <= cap:
        value = stack.pop()
        count += 1
        if isinstance(value, dict):
            stack.extend(value.keys())
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return count


_LAUGHS = "a0: &a0 [lol]\n" + "".join(
    f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]\n" for i in range(1, 10)
)


@settings(max_examples=200, deadline=None)
@given(_alias_documents())
@example(_LAUGHS)
def test_any_yaml_loads_bounded_or_raises_a_limit_error(text):
    """Aliases of aliases (a billion laughs) are refused before they are written out: what
    loads holds at most MAX_NODES values with every alias expanded, so whatever reads it
    next (validation, binding) does bounded work. Counted, not timed, so a busy machine
    cannot fail it."""
    from deckgen.outline.load import MAX_NODES

    try:
        _node, data = compose_bounded(text)
    except YAMLLimitError as exc:
        assert exc.line is not None and exc.message
    else:
        assert _expanded_size(data, MAX_NODES) <= MAX_NODES  # first: == would walk it all
        assert data == yaml.load(text, Loader=yaml.SafeLoader)


@pytest.mark.parametrize("make", [_device, _fifo], ids=["dev-zero", "fifo"])
def test_a_build_of_an_outline_that_is_not_a_file_ends_at_once(tmp_path, make):
    """A build reads a failed outline a second time, to salvage what validates: that read
    is bounded too (it hung on a FIFO, and filled memory from /dev/zero)."""
    from deckgen.pipeline import BuildOptions, prepare

    path = make(tmp_path)
    start = time.perf_counter()
    with pytest.raises(OutlineError, match="not a regular file"):
        prepare(path, BuildOptions(out_dir=tmp_path / "out"))
    assert time.perf_counter() - start < 2


@pytest.mark.parametrize(
    ("text", "line", "hint"),
    [
        ("deck:\n\ttitle: T\nslides: []\n", 2, "never tabs: replace the tabs on line 2"),
        # Two documents: the fix said only "fix the outline field" (found by fuzzing).
        (
            "deck: {title: T}\nslides: []\n---\nfoo: 1\n",
            3,
            "an outline is one YAML document: remove the '---' line and what follows it",
        ),
        # A list as a key: 'fix the outline field' (found by fuzzing).
        (
            "deck: {title: T}\nslides:\n  - kind: title\n    ? [a, b]\n    : 2\n",
            4,
            "a key is a name: a list or a mapping stands as a key here",
        ),
        (
            "deck: {title: T}\nslides:\n  - kind: title\n    title: A: B\n",
            4,
            "indent it under its key, or quote a value that holds ': '",
        ),
        # A key a space short of its neighbours: YAML reads the next line as the rest of
        # its value and stops there; the hint names the line above (found by review).
        (
            "deck: {title: T}\nslides:\n  - kind: chart\n    title: T\n    chart:\n"
            "     type: bar\n      data: d\n      x: a\n      y: b\n",
            7,
            "line 6 ('type: bar') is indented 5 spaces, a column no other line of its block "
            "starts in, so YAML read line 7 as the rest of its value: indent line 6 to 6 spaces, "
            "as the lines after it",
        ),
        # A line that lines up with its neighbours is not blamed for the one under it.
        (
            "deck: {title: T}\nslides:\n  - kind: chart\n    title: T\n      subtitle: S\n",
            5,
            "indent it under its key, or quote a value that holds ': '",
        ),
        # A source dedented out of `data:`: the parser stops three lines later.
        (
            "deck: {title: T}\ndata:\n  a: {file: a.csv}\nb:\n    file: b.csv\n    sheet: S\n"
            "  c: {file: c.csv}\nslides: []\n",
            7,
            "or line 4 ('b:') is indented too little",
        ),
        (
            "deck: {title: T}\nslides:\n  - kind: title\n- kind: title\n",
            4,
            "line 4 (indented 0 spaces) does not fit the mapping or list around it",
        ),
        (
            "deck: {title: T}\nslides:\n  - kind: title\n    title: *name\n",
            4,
            "mark that value first, or spell the alias as the anchor is spelt",
        ),
        (
            "deck: {title: &t T}\nslides:\n  - kind: title\n    <<: *t\n",
            4,
            "write '<<: *name', where &name marks a mapping",
        ),
        # A quote left open (a save half-written): it was reported past the file's end,
        # line 6 of a 5-line file, with no hint (found by fuzzing).
        (
            'deck: {title: T}\nslides:\n  - kind: section\n    title: "Exports grew\n'
            "  - kind: title\n",
            4,
            "close the quote that opens on line 4, column 12",
        ),
        (
            "deck: {title: T, subtitle: [a, b\nslides: []\n",
            1,
            "close the '[' that opens on line 1, column 28",
        ),
    ],
    ids=[
        "tab",
        "two-documents",
        "list-as-key",
        "colon",
        "key-a-space-short",
        "over-indented-key",
        "dedented-key",
        "dedented-item",
        "undefined-alias",
        "merge-a-text",
        "open-quote",
        "open-bracket",
    ],
)
def test_a_yaml_mistake_made_by_hand_gets_a_hint_at_its_line(tmp_path, text, line, hint):
    path = tmp_path / "deck.yaml"
    path.write_text(text)
    with pytest.raises(OutlineError) as info:
        load_outline(path)
    [problem] = info.value.problems
    assert problem.location.line == line
    assert problem.hint and hint in problem.hint, problem.hint


@pytest.mark.parametrize(
    ("given", "meant"),
    [("pie", "donut"), ("Column", "bar"), ("dumbbell", "range"), ("donat", "donut")],
)
def test_a_chart_type_from_another_tool_or_misspelt_names_ours(given, meant):
    text = (
        "deck: {title: T}\nslides:\n  - kind: chart\n    title: T\n"
        f"    chart: {{type: {given}, data: d, x: a, y: b}}\n"
    )
    with pytest.raises(OutlineError) as info:
        parse_outline(text, Path("x.yaml"))
    [problem] = info.value.problems
    assert problem.hint and problem.hint.startswith(f"did you mean {meant!r}?"), problem.hint


def test_fields_written_beside_an_empty_key_are_one_problem_with_the_fix():
    """`chart:` left empty with its fields at its own indent: pydantic says "valid
    dictionary ... found None" and "unknown field" for each, with did-you-means that lead
    astray ('sort' -> 'source'). One problem names them and says to indent them."""
    text = (
        "deck: {title: T}\nslides:\n  - kind: chart\n    title: T\n    chart:\n"
        "    type: bar\n    data: d\n    x: a\n    y: b\n    sort: {by: b}\n"
    )
    with pytest.raises(OutlineError) as info:
        parse_outline(text, Path("x.yaml"))
    [problem] = info.value.problems
    assert problem.location.line == 5 and problem.location.field == "slides[0].chart"
    assert problem.message.startswith("'chart:' is empty, and 'type:', 'data:', 'x:', 'y:'")
    assert problem.hint == (
        "indent 'type:', 'data:', 'x:', 'y:', 'sort:' two spaces more, under 'chart:'"
    )
    # A true typo beside a filled-in chart is still its own problem, with its did-you-mean.
    typo = text.replace("    chart:\n    type", "    chart:\n      type").replace(
        "\n    data:", "\n      data:").replace("\n    x:", "\n      x:").replace(
        "\n    y:", "\n      y:").replace("    sort:", "    srot:")  # fmt: skip
    with pytest.raises(OutlineError) as info:
        parse_outline(typo, Path("x.yaml"))
    assert "unknown field 'srot'" in str(info.value)


FIVE_STATS = "".join(f"      - {{value: '{k}', label: a long label}}\n" for k in range(5))


@pytest.mark.parametrize(
    ("slides", "message"),
    [
        # Was 'slides: []'; an outline of cards alone needs no slide now, so the case is
        # a slide kind's list (intended change).
        (
            "slides:\n  - {kind: bullets, title: T, items: []}\n",
            "slides[0].items: expected at least 1 item, found 0 items",
        ),
        (
            "slides:\n  - {kind: chart, title: T,"
            " chart: {type: bar, data: d, x: a, y: b, top: 0}}\n",
            "slides[0].chart.top: expected a number of at least 1, found 0",
        ),
        (
            "slides:\n  - {kind: chart, title: T, chart: {type: bar, data: d, x: a, y: b,"
            " reference: {value: meen}}}\n",
            "expected a number, 'mean' or 'median', found 'meen'\n",
        ),
        (
            "slides:\n  - kind: stats\n    title: T\n    items:\n" + FIVE_STATS,
            "slides[0].items: expected at most 4 items, found 5 items",
        ),
    ],
    ids=["too-short", "at-least", "said-once", "how-many"],
)
def test_schema_problems_read_in_the_outlines_words(slides, message):
    """Not pydantic's ("List should have at least 1 item after validation", "Input should be
    greater than or equal to 1"), and what was found said once."""
    with pytest.raises(OutlineError) as info:
        parse_outline("deck: {title: T}\n" + slides, Path("x.yaml"))
    assert message in str(info.value) + "\n"


def test_an_outline_of_cards_alone_needs_no_slide_but_one_of_neither_is_refused():
    """An outline of social cards alone had to add a title slide it did not want
    (fuzzing); one with neither slides nor cards makes nothing, and says what to add."""
    card = ("social:\n  cards:\n    - {kind: stat, name: s, value: '42%', label: of drivers,"
            " source: Test data}\n")  # fmt: skip
    for text in ("deck: {title: T}\n", "deck: {title: T}\nslides: []\n"):
        assert parse_outline(text + card, Path("x.yaml")).outline.slides == []
        with pytest.raises(OutlineError) as info:
            parse_outline(text, Path("x.yaml"))
        assert "expected slides, social cards or both, found neither" in str(info.value)


def test_an_outline_that_is_not_utf8_is_named_at_its_line(tmp_path):
    path = tmp_path / "deck.yaml"
    path.write_bytes(
        "deck: {title: T}\nslides:\n  - {kind: title, title: Côte}\n".encode("latin-1")
    )
    with pytest.raises(OutlineError) as info:
        load_outline(path)
    [problem] = info.value.problems
    assert problem.location.line == 3 and "not UTF-8" in problem.message
    assert "save it as UTF-8" in problem.hint


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "deck: My deck\nslides: []\n",
            "deck: expected a mapping (indented 'name: value' lines, "
            "or {name: value}), found 'My deck'",
        ),
        ("deck:\nslides: []\n", "deck: expected a mapping"),
    ],
    ids=["scalar", "empty"],
)
def test_a_value_where_a_mapping_belongs_is_a_problem_not_an_internal_error(text, message):
    """The expectation's own braces once met str.format: a KeyError, an internal error."""
    with pytest.raises(OutlineError) as info:
        parse_outline(text, Path("x.yaml"))
    assert message in str(info.value)


def test_every_plain_wording_formats_with_pydantics_context():
    import string

    from deckgen.outline.load import _PLAIN

    context = {"ge", "gt", "le", "lt", "min_length", "max_length"}
    for kind, (expected, _) in _PLAIN.items():
        names = {name for _, name, _, _ in string.Formatter().parse(expected) if name}
        assert names <= context, kind


@pytest.mark.parametrize(("written", "size"), [("16:9", "16:9"), ("4:3", "4:3")])
def test_a_slide_size_written_unquoted_is_the_size_written(written, size):
    # YAML 1.1 reads 16:9 as the base-60 number 969: 'found 969', with no way to see why.
    text = f"deck: {{title: T, size: {written}}}\nslides:\n  - {{kind: section, title: A}}\n"
    assert parse_outline(text, Path("x.yaml")).outline.deck.size == size


@pytest.mark.parametrize(
    ("written", "read"),
    [("NO", "NO"), ("Yes", "Yes"), ("on", "on"), ("off", "off"), ("y", "y"),
     ("010", "010"), ("0x1F", "0x1F"), ("0b101", "0b101"), ("1:30", "1:30"),
     ("1:30.5", "1:30.5"), ("true", True), ("False", False), ("12", 12), ("-3", -3),
     ("0", 0), ("1_000", 1000), ("3.25", 3.25), ("1.0e+5", 1e5), ("'010'", "010")],
)  # fmt: skip
def test_plain_words_and_numbers_read_as_a_person_means_them(written, read):
    """YAML 1.1 read Norway's code as False, 010 as 8, 0x1F as 31 and 1:30 as 90: an inline
    table showed 'False 8' (found by fuzzing)."""
    from deckgen.outline.load import load_yaml

    value = load_yaml(f"v: {written}\n")["v"]
    assert value == read and type(value) is type(read)


def test_inline_rows_keep_a_country_code_and_a_code_with_a_leading_zero(tmp_path):
    from deckgen.tables.sources import load_tables

    text = ("deck: {title: T}\ndata:\n  d:\n    rows:\n      - {country: NO, code: 010}\n"
            "      - {country: SE, code: 020}\nslides:\n  - kind: title\n")  # fmt: skip
    (tmp_path / "deck.yaml").write_text(text)
    frame = load_tables(parse_outline(text, tmp_path / "deck.yaml"))["d"]
    assert list(frame["country"]) == ["NO", "SE"] and list(frame["code"]) == ["010", "020"]


def test_a_card_name_that_is_no_file_name_says_what_one_is_with_an_example():
    # It was the raw pattern: "String should match pattern '^[a-z0-9][a-z0-9-]*$'".
    text = (
        "deck: {title: T}\nslides:\n  - {kind: section, title: A}\n"
        "social:\n  cards:\n    - {kind: stat, name: 'Poll 67!', value: '1', label: x}\n"
    )
    with pytest.raises(OutlineError) as caught:
        parse_outline(text, Path("x.yaml"))
    (problem,) = caught.value.problems
    assert "lower-case letters, digits and hyphens" in problem.message
    assert "such as 'poll-67'" in problem.message and "pattern" not in problem.message


def test_a_card_name_too_long_for_a_file_name_is_refused_at_its_line():
    """300 characters passed, then the build stopped on ENAMETOOLONG (found by fuzzing)."""
    text = (
        "deck: {title: T}\nslides:\n  - {kind: section, title: A}\n"
        f"social:\n  cards:\n    - {{kind: stat, name: {'x' * 300}, value: '1', label: x}}\n"
    )
    with pytest.raises(OutlineError) as caught:
        parse_outline(text, Path("x.yaml"))
    (problem,) = caught.value.problems
    assert str(problem.location) == "x.yaml:6: social.cards[0].name"
    assert "at most 120 characters; found 300" in problem.message


@pytest.mark.parametrize(
    ("slide", "field"),
    [("{kind: section, title: ''}", "slides[0].title"),
     ("{kind: statement, text: '   '}", "slides[0].text"),
     ("{kind: quote, text: Words, attribution: ''}", "slides[0].attribution"),
     ("{kind: bullets, title: T, items: [One, ' ']}", "slides[0].items[1]"),
     ("{kind: stats, title: T, items: [{value: '', label: x}]}", "slides[0].items[0].value"),
     # Characters that draw nothing: zero-width space and word joiner, a Hangul filler,
     # the Braille blank, combining accents on nothing (found by fuzzing).
     ('{kind: section, title: "\\u200b\\u2060"}', "slides[0].title"),
     ('{kind: section, title: "\\u3164"}', "slides[0].title"),
     ('{kind: bullets, title: T, items: ["\\u2800 "]}', "slides[0].items[0]"),
     ('{kind: bullets, title: T, items: ["\\u0301\\u0301"]}', "slides[0].items[0]"),
     # An image's alt: a blank one passed, an empty one read "String should have at least
     # 1 character" (fuzzing round 7).
     ("{kind: image, file: p.png, alt: '   '}", "slides[0].alt"),
     ("{kind: image, file: p.png, alt: ''}", "slides[0].alt")],
)  # fmt: skip
def test_a_text_a_reader_needs_may_not_be_empty(slide, field):
    """Blank slides and cards were built with exit 0 (found by fuzzing). The fix says what
    to do; it repeated the message (fuzzing round 7)."""
    with pytest.raises(OutlineError) as caught:
        parse_outline(f"deck: {{title: T}}\nslides:\n  - {slide}\n", Path("x.yaml"))
    (problem,) = caught.value.problems
    assert problem.location.field == field
    # The new words (intended change): 'found' what it is, and a fix of its own.
    assert "expected text a reader sees, found an empty text" in problem.message or (
        "expected text a reader sees, found a blank text" in problem.message)  # fmt: skip
    assert problem.hint == "write the words it is to show (a blank one draws nothing)"


@pytest.mark.parametrize(
    "field", ['title: "\\u202eevil text\\u202c hello"', 'title: T, subtitle: "a \\u202dtext"']
)
def test_a_bidirectional_override_is_refused_at_its_field(field):
    """U+202E showed the text after it reversed on the slide ('txet live'), which no check
    reads so (found by fuzzing)."""
    with pytest.raises(OutlineError) as caught:
        parse_outline(f"deck: {{title: T}}\nslides:\n  - {{kind: title, {field}}}\n",
                      Path("x.yaml"))  # fmt: skip
    (problem,) = caught.value.problems
    assert "which shows the letters after it reversed" in problem.message
    assert problem.hint is not None and problem.hint.startswith("remove it")


def test_a_text_of_letters_with_invisible_characters_among_them_is_text():
    parsed = parse_outline(
        'deck: {title: T}\nslides:\n  - {kind: section, title: "\\u200bEV\\u0301 sales"}\n',
        Path("x.yaml"),
    )
    assert parsed.outline.slides[0].title == "\u200bEV\u0301 sales"


def test_a_template_that_writes_nothing_where_text_is_needed_is_an_error(tmp_path):
    from deckgen.binding.bind import bind_outline
    from deckgen.tables.sources import load_tables
    from tests.helpers import HEADER, load_outline, write_project

    loaded = load_outline(
        write_project(tmp_path, HEADER + "  - {kind: section, title: \"{{ ' ' * 3 }}\"}\n")
    )
    with pytest.raises(OutlineError, match=r"slides\[0\].title: expected text a reader sees"):
        bind_outline(loaded, load_tables(loaded))


def test_an_empty_outline_is_called_empty():
    with pytest.raises(OutlineError, match="found an empty file"):
        parse_outline("", Path("x.yaml"))


def test_texts_are_trimmed_as_read_and_data_is_kept_as_written(tmp_path):
    """The spaces around a text and the line break a block text ends with drew a title
    off its accent rule, a bullet past the others and a blank line after it (found by
    fuzzing); a line break inside a text stays, and inline data cells are not touched."""
    text = """\
deck: {title: "  Whitespace  "}
data:
  t:
    rows: [{name: " spaced ", v: 1}]
slides:
  - kind: bullets
    title: "  Production rose  "
    items:
      - "   China built the most"
      - |
        India grew fastest
        from a small base
  - kind: statement
    text: >
      A folded text
      ends with a line break in YAML.
"""
    loaded = parse_outline(text, tmp_path / "deck.yaml")
    outline = loaded.outline
    assert outline.deck.title == "Whitespace"
    bullets, statement = outline.slides
    assert bullets.title == "Production rose"
    assert bullets.items == ["China built the most", "India grew fastest\nfrom a small base"]
    assert statement.text == "A folded text ends with a line break in YAML."
    assert outline.data["t"].rows[0]["name"] == " spaced "


def test_an_unquoted_date_is_its_text_which_a_date_column_and_a_highlight_read(tmp_path):
    """YAML read 2023-01-31 as a date: a date column's inline rows said 'expected text, found
    datetime.date(2023, 1, 31)', and a highlight 'expected a list' (found by fuzzing)."""
    text = """\
deck: {title: Dates}
data:
  launches:
    rows: [{launched: 2023-01-31, n: 1}, {launched: 2023-03-01, n: 2}]
    columns: {launched: date}
slides:
  - kind: chart
    title: Launches
    chart: {type: bar, data: launches, x: launched, y: n, highlight: 2023-03-01}
"""
    outline = parse_outline(text, tmp_path / "deck.yaml").outline
    assert outline.data["launches"].rows[0]["launched"] == "2023-01-31"
    assert outline.slides[0].chart.highlight == ["2023-03-01"]


@pytest.mark.parametrize(
    ("name", "suggested"),
    [("Économie", "economie"), ("Zürich Hub", "zurich-hub"), ("Q3_2024", "q3-2024")],
)
def test_a_card_name_that_is_no_file_name_gets_the_name_deckgen_would_make(name, suggested):
    """'Économie' was offered 'conomie' and 'Zürich Hub' 'z-rich-hub' (found by fuzzing):
    the suggestion drops accents as card and folder names do."""
    from pydantic import ValidationError

    from deckgen.outline.schema import CardSpec

    with pytest.raises(ValidationError, match=f"such as '{suggested}'; found"):
        CardSpec.model_validate({"kind": "stat", "name": name, "presets": ["ig-square"]})


@pytest.mark.parametrize(
    ("text", "data"),
    [
        # A comma ends a field in {...}: 5,000,000 read as 5 and two empty keys '000',
        # reported as a duplicate key and an unknown field no line holds (found by fuzzing).
        ("f: {value: 5,000,000}", {"f": {"value": "5,000,000"}}),
        ("f: [{op: '>', value: -1,250.5, column: c}]",
         [{"op": ">", "value": "-1,250.5", "column": "c"}]),
        # As on a line of its own: the same text, which a number field reads as 5000000.
        ("f:\n  value: 5,000,000", {"f": {"value": "5,000,000"}}),
        # Not a number's groups: a key with a value, a quoted key, two digits, a text.
        ("f: {a: 1, 000: x}", {"f": {"a": 1, "000": "x"}}),
        ("f: {a: 1, '000'}", {"f": {"a": 1, "000": None}}),
        ("f: {a: 1, 00}", {"f": {"a": 1, "00": None}}),
        ("f: {a: one, 000}", {"f": {"a": "one", "000": None}}),
    ],
)  # fmt: skip
def test_a_number_with_thousands_commas_in_braces_reads_as_on_its_own_line(text, data):
    _, loaded = load.compose_bounded(text)
    assert (loaded["f"] if isinstance(data, list) else loaded) == data


def test_a_source_named_by_its_file_alone_and_one_filter_condition_without_a_list(tmp_path):
    """`sales: sales.csv` and `filter: {column: .., value: ..}` (as a data step writes one
    condition) are what newcomers write first; both were refused, the second with
    "expected a list"."""
    from tests.helpers import HEADER, PRODUCTION_CSV, plan, write_project

    outline = HEADER.replace("production: {file: production.csv}", "production: production.csv")
    outline += """\
  - kind: chart
    title: Japan and India
    chart:
      type: bar
      data: production
      x: country
      y: production_2023
      filter: {column: country, op: in, value: [Japan, India]}
"""
    path = write_project(tmp_path, outline, {"production.csv": PRODUCTION_CSV})
    loaded = load_outline(path)
    assert loaded.outline.data["production"].file == "production.csv"
    assert len(loaded.outline.slides[0].chart.filter) == 1
    built = plan(path)
    (job,) = built.jobs
    assert list(job.data.categories) == ["Japan", "India"]


def test_a_bad_escape_in_a_closed_quote_is_not_called_an_open_quote():
    """'"Who \\ud800 builds"' was reported as a quote left open, with a hint to close it
    (found by fuzzing)."""
    text = 'deck:\n  title: "Who \\ud800 builds"\nslides: []\n'
    with pytest.raises(OutlineError) as info:
        parse_outline(text, Path("x.yaml"))
    message = str(info.value)
    assert "x.yaml:2: not valid YAML: found invalid Unicode character escape" in message
    assert "not closed" not in message and "backslash starts an escape" in message


def test_a_misspelt_required_field_is_one_problem_at_the_misspelt_line():
    """'titel:' was two problems ('title' missing at the slide's line, 'titel' unknown at
    its own): two typos read as four, and twelve filled the ten shown with six (found by
    fuzzing). A misspelling of another field, beside a missing one, stays two."""
    text = """deck: {title: T}
slides:
  - kind: quote
    text: Less is more.
    atribution: Mies
  - kind: chart
    subtitel: In millions
    chart: {type: bar, data: p, x: a, y: b}
"""
    with pytest.raises(OutlineError) as info:
        parse_outline(text, Path("x.yaml"))
    shown = [str(p) for p in info.value.problems]
    assert shown[0] == (
        "x.yaml:5: slides[0].atribution: unknown field 'atribution', and the required field "
        "'attribution' is missing\n  hint: did you mean 'attribution'? rename 'atribution:' "
        "to 'attribution:'"
    )
    # 'subtitel' is 'subtitle' misspelt, not the missing 'title': both are said.
    assert [p.location.field for p in info.value.problems[1:]] == [
        "slides[1].title",
        "slides[1].subtitel",
    ]
    assert info.value.problems[2].hint == "did you mean 'subtitle'?"


@pytest.mark.parametrize(("written", "shown"), [("2026", "2026"), ("2026-11-30", "2026-11-30"),
                                                ("November 2026", "November 2026")])  # fmt: skip
def test_the_deck_date_is_shown_as_written_a_year_too(tmp_path, written, shown):
    """'date: 2026' was refused ('expected text, found 2026; quote the value'), though the
    README calls the date free text: a newcomer's first edit (fuzz-O)."""
    text = f"deck: {{title: Dates, date: {written}}}\nslides:\n  - kind: title\n"
    assert parse_outline(text, tmp_path / "deck.yaml").outline.deck.date == shown


def test_an_outline_file_not_found_gets_the_nearest_yaml_beside_it(tmp_path):
    """`deckgen check dek.yaml` said 'fix: fix the outline field' (fuzz-O)."""
    (tmp_path / "deck.yaml").write_text("deck: {title: T}\nslides: []\n")
    with pytest.raises(OutlineError) as raised:
        load.read_outline(tmp_path / "dek.yaml")
    assert raised.value.problems[0].hint == f"did you mean {str(tmp_path / 'deck.yaml')!r}?"
    with pytest.raises(OutlineError) as raised:
        load.read_outline(tmp_path / "zzz.yaml")
    assert raised.value.problems[0].hint == (
        f"the outline files in {str(tmp_path)!r} are {str(tmp_path / 'deck.yaml')!r}"
    )


def test_a_field_of_other_kinds_names_them():
    """'rounding' on a bar was an 'unknown field', though donuts and stacked charts take it
    (found by fuzzing)."""
    text = ("deck: {title: T}\nslides:\n  - kind: chart\n    title: A\n"
            "    chart: {type: bar, data: d, x: a, y: b, rounding: each}\n")  # fmt: skip
    with pytest.raises(OutlineError) as info:
        parse_outline(text, Path("x.yaml"))
    message = info.value.format_message()
    assert ("'rounding' is a field of type donut, stacked-bar and stacked-area, not of type "
            "'bar'") in message  # fmt: skip
    assert "remove it, or use type: donut" in message


@pytest.mark.parametrize(
    ("data", "read"),
    [("columns: {2020: number}", {"2020": "number"}), ("columns: {1.5: text}", {"1.5": "text"})],
)
def test_a_key_yaml_reads_as_a_number_is_the_name_as_written(tmp_path, data, read):
    """A column named 2020 written 'columns: {2020: number}' was refused as 'expected
    text, found 2020' with the hint 'quote the value' of a key (fuzzing round 5, F15)."""
    text = (
        f"deck: {{title: T}}\ndata:\n  t:\n    file: t.csv\n    {data}\nslides: [{{kind: title}}]\n"
    )
    loaded = parse_outline(text, Path("x.yaml"))
    assert {k: v.type for k, v in loaded.outline.data["t"].columns.items()} == read


def test_what_a_message_found_is_written_as_yaml_writes_it():
    """'expected at least 2 item(s), found [{'heading': 'Plants', ...}]' and 'expected
    text, found True': Python's notation in an outline's message (fuzzing round 7)."""
    text = ("deck: {title: T}\nslides:\n  - kind: cards\n    title: C\n"
            "    items: [{heading: Plants, text: 50 in 15 states}]\n"
            "  - {kind: stats, title: S, items: [{value: true, label: x}]}\n")  # fmt: skip
    with pytest.raises(OutlineError) as info:
        parse_outline(text, Path("x.yaml"))
    message = str(info.value)
    assert "slides[0].items: expected at least 2 items, found 1 item" in message
    assert "slides[1].items[0].value: expected text, found true" in message
    assert "'heading'" not in message and "True" not in message


@pytest.mark.parametrize(
    ("written", "read"), [("Per 100,000", "Per 100"), ("Cases per 1,000", "Cases per 1")]
)
def test_a_comma_that_splits_a_value_in_braces_is_named_with_its_fix(written, read):
    """'{label: Per 100,000}' is 'label: Per 100' and a field '000' to YAML: the hint
    listed the fields allowed, and a newcomer saw no '000' in what they wrote (found by a
    new user). It says what the comma did and how to quote the value."""
    text = f"""
deck: {{title: T}}
slides:
  - kind: bullets
    title: T
    items: [a]
    notes_of: {{label: {written}}}
  - kind: table
    title: T
    table:
      data: r
      columns:
        - {{column: rate, label: {written}, format: "plain:0"}}
"""
    with pytest.raises(OutlineError) as info:
        parse_outline(text, Path("x.yaml"))
    tail = written.split(",")[1]
    problem = next(
        p for p in info.value.problems if p.location.field.endswith(f"columns[0].{tail}")
    )
    assert problem.message == f"unknown field {tail!r}"
    assert problem.hint == (
        f"inside {{ }} a comma ends a value: 'label: {written}' was read as 'label: {read}' "
        f'and a field {tail!r}; quote the value: label: "{written}"'
    )
    # Elsewhere (a field of no model, 'notes_of') the usual hint: nothing is guessed.
    assert all(
        "a comma ends a value" not in (p.hint or "")
        for p in info.value.problems
        if not p.location.field.endswith(f"columns[0].{tail}")
    )
