"""Shared fixtures.

External tools (LibreOffice, the OOXML validator) are optional on a laptop and required in
CI: a test that needs one is marked (``@pytest.mark.libreoffice`` / ``@pytest.mark.validator``)
and takes the matching ``require_*`` fixture, which returns the tool's path. Without the
tool the test is skipped, unless ``DECKGEN_REQUIRE_LIBREOFFICE=1`` /
``DECKGEN_REQUIRE_VALIDATOR=1`` is set (``.ci/run`` sets both), in which case it fails.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from deckgen.export.ooxml import INSTALL_VALIDATOR, validator_path
from deckgen.export.pdf import INSTALL_LIBREOFFICE, INSTALL_POPPLER, libreoffice


def _required(env_var: str) -> bool:
    return os.environ.get(env_var, "").strip().lower() not in ("", "0", "false", "no")


def _need_tool(name: str, path: str | Path | None, env_var: str, hint: str) -> Path:
    """Return the tool's path; skip without it, or fail if ``env_var`` says it is required."""
    if path:
        return Path(path)
    message = f"{name} not found: {hint}"
    if _required(env_var):
        pytest.fail(f"{message} ({env_var} is set, so this test may not be skipped)")
    pytest.skip(message)


def _need_libreoffice() -> Path:
    # Rendering a PDF to PNGs needs poppler too; CI installs both, so one marker covers them.
    env_var = "DECKGEN_REQUIRE_LIBREOFFICE"
    soffice = _need_tool("LibreOffice", libreoffice(), env_var, INSTALL_LIBREOFFICE)
    _need_tool("pdftoppm", shutil.which("pdftoppm"), env_var, INSTALL_POPPLER)
    return soffice


def _need_validator() -> Path:
    return _need_tool(
        "OOXML validator", validator_path(), "DECKGEN_REQUIRE_VALIDATOR", INSTALL_VALIDATOR
    )


@pytest.fixture(scope="session")
def require_libreoffice() -> Path:
    """Path of ``soffice`` (and poppler's ``pdftoppm`` is there); else skip, or fail if required."""
    return _need_libreoffice()


@pytest.fixture(scope="session")
def require_validator() -> Path:
    """Path of the OOXML validator; else skip, or fail if required."""
    return _need_validator()


def pytest_runtest_setup(item: pytest.Item) -> None:
    """A marked test needs its tool even if it forgot to take the fixture."""
    if item.get_closest_marker("libreoffice"):
        _need_libreoffice()
    if item.get_closest_marker("validator"):
        _need_validator()
