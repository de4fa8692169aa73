"""The package's shape: subpackages import each other in layers, and a kind lives in one
module.

Imports are read from the source (AST), every import at any depth, except those under
``if TYPE_CHECKING:`` (annotations only: they run no code). A subpackage may import only
from its own layer or the layers below it, so there is no import cycle between
subpackages, and each stage can be read, tested and run without the ones above it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "deckgen"

#: Bottom to top. A module may import from its own layer and the layers below.
LAYERS: list[set[str]] = [
    # limits: zip packages and images; search: one bisection for placements and colours
    {"errors", "io", "limits", "scoped", "search", "__version__"},
    {"outline"},  # schema only: base models, presets, number formats, loading
    {"tables"},
    {"binding"},
    {"theming"},
    {"layout"},  # lengths, rectangles, the text fitter, slide geometry
    {"render", "ooxml"},  # pictures (matplotlib, Pillow) | python-pptx primitives
    {"kinds"},  # one module per chart type, slide kind, card kind
    {"plan"},
    {"assemble", "social", "export"},
    {"manifest", "pipeline", "watch", "check", "preview", "batch", "examples"},
    {"cli", "__main__", "daemon"},  # daemon: the warm process builds are sent to
]
RANK = {name: i for i, layer in enumerate(LAYERS) for name in layer}


def _modules() -> list[tuple[str, Path]]:
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out.append((name, path))
    return out


def _imports(path: Path) -> list[tuple[str, int]]:
    """Every imported module name (``deckgen.x.y`` or a library), outside TYPE_CHECKING."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
        for inner in ast.walk(node)
    }
    found = []
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "deckgen":
                found += [(f"deckgen.{a.name}", node.lineno) for a in node.names]
            else:
                found.append((node.module, node.lineno))
        elif isinstance(node, ast.Import):
            found += [(a.name, node.lineno) for a in node.names]
    return found


def _subpackage(module: str) -> str:
    return module.split(".")[1]


MODULES = _modules()


def test_every_subpackage_has_a_layer():
    names = {_subpackage(m) for m, _ in MODULES if m != "deckgen"}
    assert names - set(RANK) == set(), "add the new subpackage to LAYERS"


@pytest.mark.parametrize(("module", "path"), MODULES, ids=[m for m, _ in MODULES])
def test_imports_go_down_the_layers(module: str, path: Path):
    if module == "deckgen":
        return
    mine = _subpackage(module)
    upward = [
        f"{target} (line {line})"
        for target, line in _imports(path)
        if target.startswith("deckgen.")
        and _subpackage(target) != mine
        and RANK[_subpackage(target)] > RANK[mine]
    ]
    assert upward == [], f"{module} imports from a layer above it"


@pytest.mark.parametrize("stage", ["render", "layout", "plan"])
def test_rendering_and_planning_never_import_assembly_or_python_pptx(stage: str):
    """Worker processes render without python-pptx; planning stays light."""
    offenders = [
        f"{module}: {target}"
        for module, path in MODULES
        if module.startswith(f"deckgen.{stage}")
        for target, _ in _imports(path)
        if target.split(".")[0] == "pptx"
        or target.startswith(("deckgen.assemble", "deckgen.ooxml"))
    ]
    assert offenders == []


def test_kind_modules_import_python_pptx_only_where_they_draw_natively():
    """Kinds are imported to validate an outline and in render workers: python-pptx (and
    the ooxml primitives) load inside the methods that write PowerPoint, not at import."""
    for module, path in MODULES:
        if not module.startswith("deckgen.kinds") or module.endswith("_native"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        top = [n for n in tree.body if isinstance(n, ast.Import | ast.ImportFrom)]
        names = [getattr(n, "module", None) or n.names[0].name for n in top]
        assert not [n for n in names if n and n.split(".")[0] == "pptx"], module


def test_assembly_never_imports_renderings_private_helpers():
    for module, path in MODULES:
        if module.startswith(("deckgen.assemble", "deckgen.ooxml")):
            private = [t for t, _ in _imports(path) if t.startswith("deckgen.render._")]
            assert private == [], module


def _constants(path: Path) -> set[str]:
    """String constants, except dict keys (a JSON field called "line" names no chart) and
    XML attribute values (``el.set("val", "area")``: a bubble's size represents its area)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    keys = {id(k) for n in ast.walk(tree) if isinstance(n, ast.Dict) for k in n.keys if k}
    sets = [n for n in ast.walk(tree) if isinstance(n, ast.Call)
            and isinstance(n.func, ast.Attribute) and n.func.attr == "set"]  # fmt: skip
    keys |= {id(a) for n in sets for a in n.args}
    return {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant)
            and isinstance(n.value, str) and id(n) not in keys}  # fmt: skip


def _chart_types() -> list[str]:
    from deckgen.kinds import CHART_TYPES

    return list(CHART_TYPES)


@pytest.mark.parametrize("name", _chart_types())
def test_a_chart_type_is_named_in_its_own_module_only(name: str):
    """Everything about a chart type is in its module: no other module writes its name
    (no lookup table or if-chain keyed by chart type elsewhere)."""
    naming = [str(path.relative_to(PACKAGE)) for _, path in MODULES if name in _constants(path)]
    assert len(naming) <= 1, naming


def _keyed_by_kind(path: Path, names: set[str]) -> list[str]:
    """Comparisons with a kind's name, and tables keyed by two or more kinds' names."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        constants: list[ast.expr] = []
        if isinstance(node, ast.Compare):
            constants = [node.left, *node.comparators]
        elif isinstance(node, ast.Dict):
            keys = [k for k in node.keys if isinstance(k, ast.Constant) and k.value in names]
            constants = keys if len(keys) > 1 else []
        found += [
            f"line {node.lineno}: {c.value!r}"
            for c in constants
            if isinstance(c, ast.Constant) and c.value in names
        ]
    return found


def test_no_stage_dispatches_on_a_kind_name():
    """Slide, card and chart kinds are objects with methods: the stages call them and
    never test a kind's name (``if kind == "chart"``) or key a table by it."""
    from deckgen.kinds import CARD_KINDS, CHART_TYPES, SLIDE_KINDS

    names = {*CHART_TYPES, *SLIDE_KINDS, *CARD_KINDS}
    offenders = {
        module: hits
        for module, path in MODULES
        if not module.startswith("deckgen.kinds") and (hits := _keyed_by_kind(path, names))
    }
    assert offenders == {}


@pytest.mark.parametrize("word", ["donut", "hbar", "grouped-bar", "stacked-bar"])
def test_grep_for_a_chart_type_finds_its_module_and_the_registry(word: str):
    files = [
        str(p.relative_to(PACKAGE))
        for p in PACKAGE.rglob("*.py")
        if word in p.read_text(encoding="utf-8")
    ]
    assert len(files) <= 2, files


def test_importing_the_kinds_loads_no_drawing_or_pptx_library():
    """Validating an outline needs the kinds' models, not matplotlib, Pillow or
    python-pptx: `deckgen check` and the schema stay quick."""
    import subprocess
    import sys

    code = (
        "import sys, deckgen.kinds\n"
        "print([m for m in ('pptx', 'matplotlib', 'PIL') if m in sys.modules])"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)  # fmt: skip
    assert done.stdout.strip() == "[]"


def test_checking_the_sample_loads_no_matplotlib(tmp_path):
    """`deckgen check` binds, plans and lints every slide and card and draws only what an
    estimate says may not fit, so checking the sample pays no matplotlib import
    (bench/bench_check.py). A reference line's label is placed where drawing finds room,
    so a chart with one is drawn (ED002): the sample's one is taken out here. The sample
    has every other check rule's subject: maps on slides and cards, a waterfall,
    callouts, a ring in an infographic; each shipped theme sets its text in a different
    font."""
    import shutil
    import subprocess
    import sys

    shutil.copytree(PACKAGE.parent / "data", tmp_path / "data")
    shutil.copytree(PACKAGE.parent / "themes", tmp_path / "themes")
    sample = tmp_path / "data" / "global-impact.yaml"
    text = sample.read_text()
    reference = [line for line in text.splitlines(keepends=True) if "reference:" in line]
    assert len(reference) == 1
    sample.write_text(text.replace(reference[0], ""))
    code = (
        "import sys; from deckgen.cli import cli\n"
        "for theme in ('corporate', 'dark', 'contrast', 'corporate-template'):\n"
        "    try:\n"
        f"        cli(['check', {str(sample)!r}, '--theme', theme])\n"
        "    except SystemExit as done:\n"
        "        assert done.code == 0, (theme, done.code)\n"
        "print('LOADED', [m for m in sys.modules if m.split('.')[0] == 'matplotlib'][:3])"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, cwd=tmp_path)  # fmt: skip
    assert "No problems found." in done.stdout
    assert "LOADED []" in done.stdout


def test_planning_the_sample_loads_no_pptx():
    """A build hands the slides' pictures to its workers once the slides are planned; the
    assembler imports python-pptx after that (~50 ms sooner to the first picture with
    ``--jobs 2``). Planning, footers included, needs no python-pptx."""
    import subprocess
    import sys

    sample = PACKAGE.parent / "data" / "global-impact.yaml"
    code = (
        "import sys; from pathlib import Path\n"
        "from deckgen.pipeline import BuildOptions, plan_outline, prepare\n"
        "options = BuildOptions(out_dir=Path('unused'))\n"
        f"planned = plan_outline(prepare(Path({str(sample)!r}), options), options)\n"
        "print(len(planned.jobs), [m for m in ('pptx', 'matplotlib') if m in sys.modules])"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)  # fmt: skip
    assert done.stdout.split(maxsplit=1)[1].strip() == "[]", done.stdout
