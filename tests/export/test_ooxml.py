"""Microsoft's Open XML SDK validator (deckgen.export.ooxml)."""

from __future__ import annotations

import platform
import sys
import zipfile
from typing import TYPE_CHECKING

import pytest
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Inches

from deckgen.errors import ExportError
from deckgen.export.ooxml import validate, validator_path

if TYPE_CHECKING:
    from pathlib import Path

SLIDE = "ppt/slides/slide1.xml"


def make_deck(path: Path, *, chart: bool = False) -> Path:
    """A 16:9 deck with one title slide set in Lato; optionally a python-pptx chart on it."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    slide = prs.slides.add_slide(prs.slide_layouts[0])
    slide.shapes.title.text = "Quarterly numbers"
    slide.shapes.title.text_frame.paragraphs[0].runs[0].font.name = "Lato"
    if chart:
        data = CategoryChartData()
        data.categories = ["Q1", "Q2"]
        data.add_series("Revenue", (1.0, 2.0))
        slide.shapes.add_chart(
            XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(1), Inches(2), Inches(6), Inches(4), data
        )
    prs.save(path)
    return path


def rewrite_part(pptx: Path, part: str, old: str, new: str) -> Path:
    """Replace the first ``old`` with ``new`` in one part of the package, in place."""
    with zipfile.ZipFile(pptx) as source:
        entries = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(pptx, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in entries:
            if info.filename == part:
                text = data.decode("utf-8")
                assert old in text, f"{old!r} not in {part}"
                data = text.replace(old, new, 1).encode("utf-8")
            target.writestr(info, data)
    return pptx


def fake_validator(folder: Path, script: str) -> Path:
    """An executable standing in for the validator."""
    exe = folder / "fake-validator"
    exe.write_text(f"#!/bin/sh\n{script}\n")
    exe.chmod(0o755)
    return exe


@pytest.mark.validator
def test_a_clean_python_pptx_deck_has_no_findings(require_validator: Path, tmp_path: Path):
    assert validate(make_deck(tmp_path / "deck.pptx")) == []


@pytest.mark.validator
def test_an_undeclared_attribute_on_a_shape_is_a_finding_naming_the_part(
    require_validator: Path, tmp_path: Path
):
    deck = rewrite_part(make_deck(tmp_path / "deck.pptx"), SLIDE, "<p:sp>", '<p:sp bogus="1">')

    findings = validate(deck)

    assert findings, "the validator accepted an undeclared attribute"
    finding = findings[0]
    assert finding["path"] == "/ppt/slides/slide1.xml"
    assert "bogus" in finding["description"]
    assert finding["xPath"].startswith("/p:sld[1]/p:cSld[1]/p:spTree[1]/p:sp[")
    assert finding["errorType"] == "Schema"


@pytest.mark.validator
def test_python_pptx_chart_axis_ids_are_reported_not_waived(
    require_validator: Path, tmp_path: Path
):
    # python-pptx writes negative c:axId values: schema-invalid, accepted by PowerPoint.
    # Waiving them is the caller's decision, so validate() reports them as they are.
    findings = validate(make_deck(tmp_path / "chart.pptx", chart=True))

    assert findings
    assert {f["path"] for f in findings} == {"/ppt/charts/chart1.xml"}
    assert all("axId" in f["xPath"] or "crossAx" in f["xPath"] for f in findings)


@pytest.mark.validator
def test_a_file_that_is_not_a_package_is_a_finding(require_validator: Path, tmp_path: Path):
    bogus = tmp_path / "notes.pptx"
    bogus.write_text("these are my notes, not a deck\n")

    findings = validate(bogus)

    assert [f["errorType"] for f in findings] == ["Exception"]
    assert findings[0]["path"] is None


def test_the_environment_variable_names_the_validator(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    exe = fake_validator(tmp_path, "echo '[]'")
    monkeypatch.setenv("DECKGEN_OOXML_VALIDATOR", str(exe))
    assert validator_path() == exe

    monkeypatch.setenv("DECKGEN_OOXML_VALIDATOR", str(tmp_path / "missing"))
    assert validator_path() is None
    with pytest.raises(ExportError, match=r"DECKGEN_OOXML_VALIDATOR points to .*missing"):
        validate(make_deck(tmp_path / "deck.pptx"))


@pytest.mark.skipif(
    not (sys.platform == "linux" and platform.machine() == "x86_64"), reason="linux-x64 layout"
)
def test_the_validator_is_found_in_node_modules_above_the_start_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.delenv("DECKGEN_OOXML_VALIDATOR", raising=False)
    package = tmp_path / "node_modules" / "@xarsh" / "ooxml-validator-linux-x64"
    package.mkdir(parents=True)
    exe = fake_validator(package, "echo '[]'").rename(package / "ooxml-validator")
    deep = tmp_path / "tests" / "export"
    deep.mkdir(parents=True)

    assert validator_path(deep) == exe
    assert validator_path(tmp_path.parent / "elsewhere") is None


def test_the_validators_json_object_and_a_bare_list_both_parse(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    deck = make_deck(tmp_path / "deck.pptx")
    finding = '{"description": "d", "path": "/p", "xPath": "/x", "id": "i", "errorType": "Schema"}'
    for output in (f'{{"file": "f", "ok": false, "errors": [{finding}]}}', f"[{finding}]"):
        exe = fake_validator(tmp_path, f"cat <<'END'\n{output}\nEND")
        monkeypatch.setenv("DECKGEN_OOXML_VALIDATOR", str(exe))
        assert validate(deck) == [
            {"description": "d", "path": "/p", "xPath": "/x", "id": "i", "errorType": "Schema"}
        ]


def test_output_that_is_not_json_raises_export_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("DECKGEN_OOXML_VALIDATOR", str(fake_validator(tmp_path, "echo oops")))

    with pytest.raises(ExportError, match=r"did not print JSON.*oops"):
        validate(make_deck(tmp_path / "deck.pptx"))


def test_a_validator_that_fails_raises_export_error_with_its_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    exe = fake_validator(tmp_path, "echo 'Invalid Office version' >&2; exit 2")
    monkeypatch.setenv("DECKGEN_OOXML_VALIDATOR", str(exe))

    with pytest.raises(ExportError, match=r"exit status 2.*Invalid Office version"):
        validate(make_deck(tmp_path / "deck.pptx"))
