"""Shared fixtures.

External tools (LibreOffice, the OOXML validator, Chromium) are optional on a laptop and
required in CI: a test that needs one is marked (``@pytest.mark.libreoffice`` /
``@pytest.mark.validator`` / ``@pytest.mark.browser``) and takes the matching ``require_*``
fixture, which returns the tool's path. Without the tool the test is skipped, unless
``DECKGEN_REQUIRE_LIBREOFFICE=1`` / ``DECKGEN_REQUIRE_VALIDATOR=1`` /
``DECKGEN_REQUIRE_BROWSER=1`` is set (``.ci/run`` sets all three), in which case it fails.
"""

from __future__ import annotations

import atexit
import importlib.util
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

from deckgen.export.ooxml import INSTALL_VALIDATOR, validator_path
from deckgen.export.pdf import INSTALL_LIBREOFFICE, INSTALL_POPPLER, libreoffice

# No property test is timed: Hypothesis's 200 ms deadline per example is a timed assertion,
# and on a busy two-core machine test_the_manifest_reads_back_as_written failed once under
# it while passing alone (found in review). Slowness is the bench's to measure.
settings.register_profile("deckgen", deadline=None)
settings.load_profile("deckgen")

# A daemon the person running the tests started (`deckgen daemon start`) must not take the
# tests' builds: every test, and every process a test starts, looks for one in an empty
# folder of the run's own. tests/test_daemon.py starts its daemons in folders of their own.
os.environ["DECKGEN_DAEMON_DIR"] = tempfile.mkdtemp(prefix="deckgen-test-daemon-")
atexit.register(shutil.rmtree, os.environ["DECKGEN_DAEMON_DIR"], ignore_errors=True)
# Nor may a build a test makes start one (it would, from a terminal, under `pytest -s`):
# tests/test_daemon.py says where one is meant to start.
os.environ["DECKGEN_DAEMON"] = "use"


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


#: Debian's Chromium (``apt-get install chromium``); the browser tests drive this one, never
#: a browser Playwright downloads.
CHROMIUM = Path("/usr/bin/chromium")
INSTALL_BROWSER = (
    "install Chromium (Debian: apt-get install chromium) and Playwright for Python "
    "(pip install -e '.[test]'); `playwright install` is not needed"
)


def _need_browser() -> Path:
    env_var = "DECKGEN_REQUIRE_BROWSER"
    playwright = importlib.util.find_spec("playwright")
    _need_tool("Playwright", playwright.origin if playwright else None, env_var, INSTALL_BROWSER)
    return _need_tool("Chromium", CHROMIUM if CHROMIUM.is_file() else None, env_var,
                      INSTALL_BROWSER)  # fmt: skip


@pytest.fixture(scope="session")
def require_libreoffice() -> Path:
    """Path of ``soffice`` (and poppler's ``pdftoppm`` is there); else skip, or fail if required."""
    return _need_libreoffice()


@pytest.fixture(scope="session")
def require_validator() -> Path:
    """Path of the OOXML validator; else skip, or fail if required."""
    return _need_validator()


@pytest.fixture(scope="session")
def require_browser() -> Path:
    """Path of Chromium (and Playwright is importable); else skip, or fail if required."""
    return _need_browser()


def pytest_runtest_setup(item: pytest.Item) -> None:
    """A marked test needs its tool even if it forgot to take the fixture."""
    if item.get_closest_marker("libreoffice"):
        _need_libreoffice()
    if item.get_closest_marker("validator"):
        _need_validator()
    if item.get_closest_marker("browser"):
        _need_browser()
